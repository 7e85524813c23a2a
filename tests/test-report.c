#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rk-entities.h"
#include "rk-error.h"
#include "rk-month-report.h"
#include "rk-expand.h"
#include "rk-store.h"
#include "rk-store-notices.h"
#include "rk-test-util.h"

/* A hub and a health centre with a busy December 2026, a September with
 * three holidays in a row, and staff whose phone numbers and e-mails must
 * never reach the public print. */

#define HUB_CONTACT  "電話 0120-000-111（受付 平日9:00〜17:00）"
#define LONG_TITLE   "両親学級（休日編）特別回：沐浴・抱っこ体験とランチ試食、先輩ママとのグループワーク、施設見学つき"
#define NOTES        "駐車場は職員用を使うこと（内部メモ）"
#define TENTATIVE    "ベビーマッサージ講座（調整中）"
#define CANCELLED    "離乳食講習会"
#define MOVED        "出張こそだて相談"
#define MARKUP       "親子で<リトミック>&体操"
#define BUSY_DAY_N   24   /* more than a day cell holds */

typedef struct
{
  char    *dir;
  char    *db;
  RkStore *store;
  gint64   hub, centre;
  gint64   play, kitchen, meeting;
  gint64   p_class, p_health;
  gint64   hanako, misaki, chihiro;
} Fixture;

static const char * const staff_names[] = { "山田 花子", "佐藤 美咲", "加藤 千尋" };
static const char * const staff_phones[] = { "090-1111-2222", "090-3333-4444", "080-5555-6666" };
static const char * const staff_emails[] = { "hanako@example.jp", "misaki@example.jp",
                                             "chihiro@example.jp" };

static gint64
add_staff (Fixture *f, int i, const char *role)
{
  g_autoptr(RkStaff) s = rk_staff_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_object_set (s, "name", staff_names[i], "role", role, "phone", staff_phones[i], "email",
                staff_emails[i], "org", "さくら市", NULL);
  id = rk_store_add_staff (f->store, s, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_event (Fixture *f, gint64 program, const char *title, const char *start, const char *end,
           gint64 room, const char *rrule, const char *notes)
{
  g_autoptr(RkEvent) e = rk_event_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_object_set (e, "program-id", program, "title", title, "start", start, "end", end,
                "room-id", room, "rrule", rrule, "notes", notes, "on-holiday", "keep", NULL);
  id = rk_store_add_event (f->store, e, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkVenue) hub = rk_venue_new ();
  g_autoptr(RkVenue) centre = rk_venue_new ();
  g_autoptr(RkRoom) play = rk_room_new ();
  g_autoptr(RkRoom) kitchen = rk_room_new ();
  g_autoptr(RkRoom) meeting = rk_room_new ();
  g_autoptr(RkProgram) p_class = rk_program_new ();
  g_autoptr(RkProgram) p_health = rk_program_new ();
  gint64 ev;

  f->dir = g_dir_make_tmp ("renkei-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->store = rk_store_open (f->db, &error);
  g_assert_no_error (error);

  g_assert_true (rk_store_begin (f->store, &error));
  g_object_set (hub, "name", "みなみ子育て支援センター", "address", "さくら市南町1-2-3",
                "contact", HUB_CONTACT, NULL);
  f->hub = rk_store_add_venue (f->store, hub, &error);
  g_assert_no_error (error);
  g_object_set (centre, "name", "さくら市保健センター", "kind", "health_centre",
                "contact", "電話 0120-000-333", NULL);
  f->centre = rk_store_add_venue (f->store, centre, &error);
  g_assert_no_error (error);
  /* The hub closes on Mondays. */
  rk_store_add_closing (f->store, f->hub, RK_CLOSING_WEEKDAY, 0, 0, 1, "定休日", &error);
  g_assert_no_error (error);

  g_object_set (play, "venue-id", f->hub, "name", "プレイルーム", "capacity", 30, NULL);
  f->play = rk_store_add_room (f->store, play, &error);
  g_assert_no_error (error);
  g_object_set (kitchen, "venue-id", f->hub, "name", "キッチン", "capacity", 20, NULL);
  f->kitchen = rk_store_add_room (f->store, kitchen, &error);
  g_assert_no_error (error);
  g_object_set (meeting, "venue-id", f->centre, "name", "会議室", "capacity", 20, NULL);
  f->meeting = rk_store_add_room (f->store, meeting, &error);
  g_assert_no_error (error);

  g_object_set (p_class, "name", "両親学級", "duration", 240, "audience", "妊婦さんとご家族",
                "bring", "母子健康手帳・筆記用具", "color", "#E57373",
                "requirements", "hub_staff=1,public_health_nurse=1,midwife=1", NULL);
  f->p_class = rk_store_add_program (f->store, p_class, &error);
  g_assert_no_error (error);
  g_object_set (p_health, "name", "健康相談と仲間づくり", "duration", 120,
                "audience", "乳児と保護者", "color", "#64B5F6", NULL);
  f->p_health = rk_store_add_program (f->store, p_health, &error);
  g_assert_no_error (error);

  f->hanako = add_staff (f, 0, "hub_staff");
  f->misaki = add_staff (f, 1, "public_health_nurse");
  f->chihiro = add_staff (f, 2, "midwife");

  /* Sunday 6th: the parents' class, short of a midwife, with internal notes. */
  ev = add_event (f, f->p_class, NULL, "2026-12-06T10:00", "2026-12-06T14:00", f->kitchen, NULL,
                  NOTES);
  g_assert_true (rk_store_assign (f->store, ev, f->hanako, 0, FALSE, &error));
  g_assert_true (rk_store_assign (f->store, ev, f->misaki, 0, FALSE, &error));
  /* Every Wednesday at the hub. */
  ev = add_event (f, f->p_health, "水曜ひろば", "2026-12-02T10:00", "2026-12-02T12:00", f->play,
                  "FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231T235900", NULL);
  g_assert_true (rk_store_assign (f->store, ev, f->chihiro, 0, FALSE, &error));
  /* At the health centre. */
  ev = add_event (f, f->p_health, "健康相談（保健センター）", "2026-12-10T13:30",
                  "2026-12-10T15:00", f->meeting, NULL, NULL);
  g_assert_true (rk_store_assign (f->store, ev, f->misaki, 0, FALSE, &error));
  /* A busy Saturday. */
  for (int i = 0; i < BUSY_DAY_N; i++)
    {
      g_autofree char *title = g_strdup_printf ("ひろばプログラム%02d", i + 1);
      g_autofree char *s = g_strdup_printf ("2026-12-12T%02d:%02d", 8 + i * 30 / 60, i * 30 % 60);
      g_autofree char *e = g_strdup_printf ("2026-12-12T%02d:%02d", 8 + (i * 30 + 25) / 60,
                                            (i * 30 + 25) % 60);

      add_event (f, i % 2 ? f->p_health : 0, title, s, e, f->play, NULL, NULL);
    }
  add_event (f, 0, MARKUP, "2026-12-17T10:00", "2026-12-17T11:00", f->play, NULL, NULL);
  add_event (f, f->p_class, LONG_TITLE, "2026-12-15T10:00", "2026-12-15T14:00", f->kitchen, NULL,
             NULL);
  ev = add_event (f, 0, TENTATIVE, "2026-12-18T10:00", "2026-12-18T11:00", f->play, NULL, NULL);
  g_assert_true (rk_store_set_event_tentative (f->store, ev, TRUE, &error));
  ev = add_event (f, 0, CANCELLED, "2026-12-19T10:00", "2026-12-19T11:00", f->play, NULL, NULL);
  g_assert_true (rk_store_set_event_cancelled (f->store, ev, TRUE, &error));

  /* Planned for Monday 7th, when the hub is closed: moves to the 8th. */
  {
    g_autoptr(RkEvent) e = rk_event_new ();

    g_object_set (e, "title", MOVED, "start", "2026-12-07T13:00", "end", "2026-12-07T14:00",
                  "room-id", f->play, "on-holiday", "next-day", NULL);
    rk_store_add_event (f->store, e, NULL, &error);
    g_assert_no_error (error);
  }

  /* September: an event on each of the three holidays in a row. */
  add_event (f, f->p_health, "敬老の日のつどい", "2026-09-21T10:00", "2026-09-21T11:00", f->play,
             NULL, NULL);
  add_event (f, f->p_health, "秋のひろば", "2026-09-23T10:00", "2026-09-23T11:00", f->play,
             NULL, NULL);
  g_assert_true (rk_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* ---------------------------------------------------------------------- */

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *pdf, gboolean layout)
{
  const char *argv_layout[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  const char *argv_raw[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  return run (layout ? argv_layout : argv_raw);
}

/* The text with every kind of white space taken out, so that a title
 * wrapped over two lines is still found. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static char *
pdf_info (const char *pdf, const char *key)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));
  g_assert_not_reached ();
}

static int
pdf_pages (const char *pdf)
{
  g_autofree char *pages = pdf_info (pdf, "Pages");

  return atoi (pages);
}

static void
assert_page_size (const char *pdf, double w, double h)
{
  g_autofree char *size = pdf_info (pdf, "Page size");
  double pw = 0, ph = 0;

  g_assert_cmpint (sscanf (size, "%lf x %lf", &pw, &ph), ==, 2);
  g_assert_cmpfloat_with_epsilon (pw, w, 1.0);
  g_assert_cmpfloat_with_epsilon (ph, h, 1.0);
  g_assert_nonnull (strstr (size, "A4"));
}

static void
assert_small (const char *pdf)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 10 * 1024);
  g_assert_cmpint (st.st_size, <, 1024 * 1024);
}

/* Some line of the -layout text holds exactly these characters (white
 * space aside), in this order. */
static gboolean
has_line (const char *text, const char *chars)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *s = squeeze (lines[i]);

      if (g_strcmp0 (s, chars) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  double x0, y0, x1, y1;
  double em;                  /* the box's height in ems (rk_test_pdf_em_box) */
  char  *text;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

/* The words of page 1 with their boxes, from pdftotext -bbox. */
static GArray *
pdf_words (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8", pdf, "-",
                         NULL };
  g_autofree char *out = run (argv);
  g_autoptr(GRegex) re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                      "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                      0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  double em = rk_test_pdf_em_box (pdf);

  g_array_set_clear_func (words, word_clear);
  g_regex_match (re, out, 0, &m);
  while (g_match_info_matches (m))
    {
      Word w;
      g_autofree char *x0 = g_match_info_fetch (m, 1), *y0 = g_match_info_fetch (m, 2);
      g_autofree char *x1 = g_match_info_fetch (m, 3), *y1 = g_match_info_fetch (m, 4);

      w.x0 = g_ascii_strtod (x0, NULL);
      w.y0 = g_ascii_strtod (y0, NULL);
      w.x1 = g_ascii_strtod (x1, NULL);
      w.y1 = g_ascii_strtod (y1, NULL);
      w.em = em;
      w.text = g_match_info_fetch (m, 5);
      g_array_append_val (words, w);
      g_match_info_next (m, NULL);
    }
  return words;
}

/* No text of the calendar grid crosses from one day column into the next
 * (or out of the grid): the columns are found from the weekday header,
 * whose characters are centred over them; the grid ends where the legend
 * ("For: ..." or "対象：...") starts. */
static void
assert_text_inside_cells (const char *pdf)
{
  static const char * const days[] = { "日", "月", "火", "水", "木", "金", "土" };
  g_autoptr(GArray) words = pdf_words (pdf);
  double centre[7], head_bottom = 0, bottom = G_MAXDOUBLE, bounds[8], step;
  int found = 0, checked = 0;
  int order[7];

  for (int d = 0; d < 7; d++)
    {
      centre[d] = -1;
      for (guint i = 0; i < words->len; i++)
        {
          Word *w = &g_array_index (words, Word, i);

          if (g_strcmp0 (w->text, days[d]) == 0 && centre[d] < 0)
            {
              centre[d] = (w->x0 + w->x1) / 2;
              head_bottom = MAX (head_bottom, w->y1);
              found++;
            }
        }
    }
  g_assert_cmpint (found, ==, 7);
  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);

      if (g_str_has_prefix (w->text, "For:") || g_str_has_prefix (w->text, "対象："))
        bottom = MIN (bottom, w->y0 - 1);
    }
  g_assert_cmpfloat (bottom, <, G_MAXDOUBLE);

  /* Columns left to right, whichever weekday comes first. */
  for (int d = 0; d < 7; d++)
    order[d] = d;
  for (int a = 0; a < 7; a++)
    for (int b = a + 1; b < 7; b++)
      if (centre[order[b]] < centre[order[a]])
        {
          int t = order[a];

          order[a] = order[b];
          order[b] = t;
        }
  step = (centre[order[6]] - centre[order[0]]) / 6;
  for (int c = 0; c <= 7; c++)
    bounds[c] = centre[order[0]] - step / 2 + c * step;

  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);

      if (w->y0 <= head_bottom || w->y1 >= bottom)
        continue;
      checked++;
      if (w->x0 < bounds[0] - 0.5 || w->x1 > bounds[7] + 0.5)
        g_error ("“%s” (%.1f..%.1f) is outside the grid", w->text, w->x0, w->x1);
      for (int c = 1; c < 7; c++)
        if (w->x0 < bounds[c] - 0.5 && w->x1 > bounds[c] + 0.5)
          g_error ("“%s” (%.1f..%.1f) crosses into the next day at %.1f", w->text, w->x0,
                   w->x1, bounds[c]);
    }
  g_assert_cmpint (checked, >, 50);
}

static char *
write_pdf (Fixture *f, const RkReportOptions *options, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkMonthReport) report = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  report = rk_month_report_new (f->store, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (rk_month_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The print loads what the month view loads (rk_store_load_view): its
 * pages read the same as a print of the whole schedule, public and staff,
 * with a series running from November into January, a stand-in on one of
 * its dates, an occurrence moved by hand from November into December with
 * its own staff, and one moved out of December. */
static void
test_view_load (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 ev;
  RkDay nov25 = rk_day_from_ymd (2026, 11, 25), dec9 = rk_day_from_ymd (2026, 12, 9);

  g_assert_true (rk_store_begin (f->store, &error));
  ev = add_event (f, f->p_class, "木曜ひろば", "2026-11-05T13:00", "2026-11-05T14:30", f->kitchen,
                  "FREQ=WEEKLY;BYDAY=TH;COUNT=12", NULL);
  g_assert_true (rk_store_assign (f->store, ev, f->hanako, 0, FALSE, &error));
  g_assert_true (rk_store_assign (f->store, ev, f->chihiro, rk_day_from_ymd (2026, 12, 17), FALSE,
                                  &error));
  /* Wednesday 25 November's ひろば moved by hand to 22 December, with a
   * stand-in of its own; 9 December's moved to 3 January. */
  ev = add_event (f, f->p_health, "出張ひろば", "2026-11-04T10:00", "2026-11-04T11:00", f->play,
                  "FREQ=WEEKLY;BYDAY=WE;COUNT=8", NULL);
  g_assert_true (rk_store_set_exception (f->store, ev, nov25, RK_EXCEPTION_MOVED,
                                         rk_minute_make (rk_day_from_ymd (2026, 12, 22), 10 * 60),
                                         rk_minute_make (rk_day_from_ymd (2026, 12, 22), 11 * 60),
                                         "会場の都合", &error));
  g_assert_true (rk_store_assign (f->store, ev, f->misaki, nov25, FALSE, &error));
  g_assert_true (rk_store_set_exception (f->store, ev, dec9, RK_EXCEPTION_MOVED,
                                         rk_minute_make (rk_day_from_ymd (2027, 1, 3), 10 * 60),
                                         rk_minute_make (rk_day_from_ymd (2027, 1, 3), 11 * 60),
                                         NULL, &error));
  g_assert_true (rk_store_commit (f->store, &error));
  g_assert_no_error (error);

  for (int m = 0; m < 3; m++)
    for (int staff = 0; staff < 2; staff++)
      {
        RkReportOptions o = { .year = m == 2 ? 2027 : 2026, .month = m == 2 ? 1 : 11 + m,
                              .audience = staff ? RK_AUDIENCE_STAFF : RK_AUDIENCE_PUBLIC };
        RkDay first = rk_day_from_ymd (o.year, o.month, 1);
        RkDay last = first + rk_days_in_month (o.year, o.month) - 1;
        g_autofree char *viewed = write_pdf (f, &o, "view.pdf");
        g_autofree char *whole = g_build_filename (f->dir, "whole.pdf", NULL);
        g_autoptr(RkSchedule) s = rk_store_load_schedule (f->store, first, last, &error);
        g_autoptr(GArray) occs = rk_schedule_expand (s, first, last, &error);
        g_autoptr(GHashTable) notices = rk_store_list_venue_notices (f->store, o.year, o.month,
                                                                     &error);
        g_autoptr(RkMonthReport) report = rk_month_report_new_for_schedule (s, occs, &o);
        g_autofree char *a = NULL, *b = NULL;

        g_assert_no_error (error);
        rk_month_report_set_notices (report, notices);
        g_assert_true (rk_month_report_write_pdf (report, whole, &error));
        g_assert_no_error (error);
        a = pdf_text (viewed, TRUE);
        b = pdf_text (whole, TRUE);
        g_assert_cmpstr (a, ==, b);
        if (m == 1)
          {
            g_autofree char *t = squeeze (a);

            g_assert_nonnull (strstr (t, "木曜ひろば"));
            g_assert_nonnull (strstr (t, "出張ひろば"));
            if (staff)
              g_assert_nonnull (strstr (t, "会場の都合"));
          }
      }
}

static const char * const december_public[] = {
  "両親学級", "水曜ひろば", "健康相談（保健センター）", LONG_TITLE, MOVED, MARKUP,
};

static void
test_public (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC };
  g_autofree char *pdf = write_pdf (f, &o, "public.pdf");
  g_autofree char *layout = pdf_text (pdf, TRUE);
  g_autofree char *raw = pdf_text (pdf, FALSE);
  g_autofree char *text = squeeze (raw);

  assert_page_size (pdf, 842, 595);
  assert_small (pdf);
  assert_text_inside_cells (pdf);
  /* The calendar, then the busy day and the long title in full. */
  g_assert_cmpint (pdf_pages (pdf), >=, 2);

  g_assert_nonnull (strstr (text, "2026年（令和8年）12月"));
  g_assert_true (has_line (layout, "日月火水木金土"));
  for (guint i = 0; i < G_N_ELEMENTS (december_public); i++)
    if (strstr (text, december_public[i]) == NULL)
      g_error ("“%s” is not in the public PDF", december_public[i]);
  for (int i = 0; i < BUSY_DAY_N; i++)
    {
      g_autofree char *title = g_strdup_printf ("ひろばプログラム%02d", i + 1);

      if (strstr (text, title) == NULL)
        g_error ("“%s” of the busy day is not in the public PDF", title);
    }
  /* The busy day says how many more there are. */
  g_assert_true (g_regex_match_simple ("ほか[0-9]+件", raw, 0, 0));
  /* Every Wednesday of the series: 2, 9, 16, 23, 30. */
  {
    const char *p = text;
    int n = 0;

    while ((p = strstr (p, "水曜ひろば")))
      {
        n++;
        p++;
      }
    g_assert_cmpint (n, >=, 5);
  }

  /* For families: audience, what to bring, the hub's phone line. */
  g_assert_nonnull (strstr (text, "妊婦さんとご家族"));
  g_assert_nonnull (strstr (text, "母子健康手帳・筆記用具"));
  g_assert_nonnull (strstr (text, "0120-000-111"));
  g_assert_nonnull (strstr (text, "休館日"));

  /* Nothing internal, nothing personal, nothing not confirmed. */
  for (guint i = 0; i < G_N_ELEMENTS (staff_names); i++)
    {
      g_autofree char *name = squeeze (staff_names[i]);

      g_assert_null (strstr (text, name));
      g_assert_null (strstr (text, staff_phones[i]));
      g_assert_null (strstr (text, staff_emails[i]));
    }
  g_assert_null (strstr (text, "@"));
  g_assert_null (strstr (text, "駐車場"));
  g_assert_null (strstr (text, "ベビーマッサージ"));
  g_assert_null (strstr (text, "担当者一覧"));
  /* A cancelled one is there, struck through, saying so. */
  g_assert_nonnull (strstr (text, "（中止）10:00〜11:00" CANCELLED));
  /* September's events are another month. */
  g_assert_null (strstr (text, "秋のひろば"));
}

static void
test_staff (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_STAFF };
  g_autofree char *pdf = write_pdf (f, &o, "staff.pdf");
  g_autofree char *raw = pdf_text (pdf, FALSE);
  g_autofree char *text = squeeze (raw);

  /* Staff phone numbers: the file is the database's 0600, wherever it is
   * written from (the desktop's Print to PDF too). */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  assert_page_size (pdf, 842, 595);
  assert_small (pdf);
  assert_text_inside_cells (pdf);
  g_assert_cmpint (pdf_pages (pdf), >=, 3);

  for (guint i = 0; i < G_N_ELEMENTS (staff_names); i++)
    {
      g_autofree char *name = squeeze (staff_names[i]);

      if (strstr (text, name) == NULL)
        g_error ("“%s” is not in the staff PDF", staff_names[i]);
      /* Contact details stay in the database even for staff. */
      g_assert_null (strstr (text, staff_phones[i]));
      g_assert_null (strstr (text, staff_emails[i]));
    }
  /* Who, in which role; what is missing. */
  g_assert_nonnull (strstr (text, "山田花子（拠点スタッフ）"));
  g_assert_nonnull (strstr (text, "助産師0/1"));
  g_assert_nonnull (strstr (text, "職員用"));
  g_assert_nonnull (strstr (text, "担当者一覧"));
  g_assert_nonnull (strstr (text, NOTES));
  /* Why an event is not where the series put it. */
  g_assert_nonnull (strstr (text, "12月7日から移動"));
  /* Tentative marked, cancelled shown as such. */
  g_assert_nonnull (strstr (text, TENTATIVE));
  g_assert_nonnull (strstr (text, "（仮）" TENTATIVE));
  g_assert_nonnull (strstr (text, "（中止）10:00〜11:00" CANCELLED));
  for (guint i = 0; i < G_N_ELEMENTS (december_public); i++)
    g_assert_nonnull (strstr (text, december_public[i]));
}

static void
test_tentative_option (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC,
                        .include_tentative = TRUE };
  g_autofree char *pdf = write_pdf (f, &o, "tentative.pdf");
  g_autofree char *raw = pdf_text (pdf, FALSE);
  g_autofree char *text = squeeze (raw);

  g_assert_nonnull (strstr (text, TENTATIVE));
  g_assert_nonnull (strstr (text, "（仮）" TENTATIVE));
  g_assert_null (strstr (text, "山田花子"));
}

static void
test_portrait_monday (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC,
                        .portrait = TRUE, .monday_first = TRUE };
  g_autofree char *pdf = write_pdf (f, &o, "portrait.pdf");
  g_autofree char *layout = pdf_text (pdf, TRUE);

  assert_page_size (pdf, 595, 842);
  assert_small (pdf);
  assert_text_inside_cells (pdf);
  g_assert_true (has_line (layout, "月火水木金土日"));
  g_assert_false (has_line (layout, "日月火水木金土"));
}

static void
test_holidays (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 9, .audience = RK_AUDIENCE_PUBLIC };
  g_autofree char *pdf = write_pdf (f, &o, "september.pdf");
  g_autofree char *raw = pdf_text (pdf, FALSE);
  g_autofree char *text = squeeze (raw);

  g_assert_nonnull (strstr (text, "2026年（令和8年）9月"));
  g_assert_nonnull (strstr (text, "敬老の日"));
  g_assert_nonnull (strstr (text, "国民の休日"));
  g_assert_nonnull (strstr (text, "秋分の日"));
  g_assert_nonnull (strstr (text, "敬老の日のつどい"));
  g_assert_nonnull (strstr (text, "秋のひろば"));
  g_assert_null (strstr (text, "水曜ひろば"));
  /* Nothing overflows in a quiet month: one page. */
  g_assert_cmpint (pdf_pages (pdf), ==, 1);
}

static void
test_venue_filter (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC,
                        .venue_id = f->centre };
  g_autofree char *pdf = write_pdf (f, &o, "centre.pdf");
  g_autofree char *raw = pdf_text (pdf, FALSE);
  g_autofree char *text = squeeze (raw);

  g_assert_nonnull (strstr (text, "さくら市保健センター"));
  g_assert_nonnull (strstr (text, "健康相談（保健センター）"));
  g_assert_nonnull (strstr (text, "0120-000-333"));
  g_assert_null (strstr (text, "水曜ひろば"));
  g_assert_null (strstr (text, "0120-000-111"));
  g_assert_null (strstr (text, "みなみ子育て支援センター"));
}

/* The GUI's print path: page count and drawing into any cairo surface,
 * with the same result whatever was asked first. */
static void
test_draw_api (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_STAFF };
  g_autoptr(GError) error = NULL;
  g_autoptr(RkMonthReport) report = rk_month_report_new (f->store, &o, &error);
  cairo_surface_t *surface;
  cairo_t *cr;
  int n, n_portrait;

  g_assert_no_error (error);
  n = rk_month_report_get_n_pages (report, 842, 595);
  n_portrait = rk_month_report_get_n_pages (report, 595, 842);
  g_assert_cmpint (n, >=, 3);
  g_assert_cmpint (n_portrait, >=, 3);
  g_assert_cmpint (rk_month_report_get_n_pages (report, 842, 595), ==, n);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 421, 298);
  cr = cairo_create (surface);
  cairo_scale (cr, 0.5, 0.5);
  for (int p = 0; p < n; p++)
    rk_month_report_draw_page (report, cr, p, 842, 595);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_empty_month (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2027, .month = 2, .audience = RK_AUDIENCE_PUBLIC };
  g_autofree char *pdf = write_pdf (f, &o, "empty.pdf");
  g_autofree char *layout = pdf_text (pdf, TRUE);
  g_autofree char *text = squeeze (layout);

  g_assert_cmpint (pdf_pages (pdf), ==, 1);
  g_assert_nonnull (strstr (text, "2027年（令和9年）2月"));
  g_assert_nonnull (strstr (text, "建国記念の日"));
  g_assert_nonnull (strstr (text, "天皇誕生日"));
  g_assert_true (has_line (layout, "日月火水木金土"));
  /* No events, but the venues and how to call them. */
  g_assert_nonnull (strstr (text, "みなみ子育て支援センター"));
  g_assert_nonnull (strstr (text, "0120-000-111"));
  g_assert_nonnull (strstr (text, "0120-000-333"));
}

/* The size a word of the PDF was set in: pdftotext -bbox reports the
 * font's box, w->em of the size. */
static double
word_size (const Word *w)
{
  return (w->y1 - w->y0) / w->em;
}

/* The smallest size among words starting with prefix (G_MAXDOUBLE if none). */
static double
min_size (GArray *words, const char *prefix, int *count)
{
  double m = G_MAXDOUBLE;

  *count = 0;
  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);

      if (g_str_has_prefix (w->text, prefix))
        {
          m = MIN (m, word_size (w));
          (*count)++;
        }
    }
  return m;
}

/* Titles at 9 pt or more and secondary lines at 7.5 pt or more where the
 * month allows, larger still in a quiet month; busy days keep their end
 * times. */
static void
test_type_fits (Fixture *f, gconstpointer data)
{
  RkReportOptions busy = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC };
  RkReportOptions quiet = { .year = 2026, .month = 9, .audience = RK_AUDIENCE_PUBLIC };
  RkReportOptions portrait = busy;
  g_autofree char *busy_pdf = write_pdf (f, &busy, "busy.pdf");
  g_autofree char *quiet_pdf = write_pdf (f, &quiet, "quiet.pdf");
  g_autofree char *portrait_pdf = NULL;
  g_autoptr(GArray) bw = pdf_words (busy_pdf);
  g_autoptr(GArray) qw = pdf_words (quiet_pdf);
  g_autoptr(GArray) pw = NULL;
  g_autofree char *raw = pdf_text (busy_pdf, FALSE);
  int n;

  portrait.portrait = TRUE;
  portrait_pdf = write_pdf (f, &portrait, "busy-portrait.pdf");
  pw = pdf_words (portrait_pdf);

  g_assert_cmpfloat (min_size (bw, "水曜", &n), >=, 8.95);
  g_assert_cmpint (n, >=, 5);
  g_assert_cmpfloat (min_size (bw, "プレイルーム", &n), >=, 7.45);
  g_assert_cmpint (n, >=, 5);
  g_assert_cmpfloat (min_size (bw, "対象：", &n), >=, 7.45);
  g_assert_cmpfloat (min_size (bw, "0120-000-111", &n), >=, 7.45);
  /* Portrait: narrower cells, the same type (titles wrap there, times
   * too: 10:00〜 / 12:00). */
  g_assert_cmpfloat (min_size (pw, "10:00〜", &n), >=, 8.95);
  g_assert_cmpint (n, >=, 5);
  g_assert_cmpfloat (min_size (pw, "プレイルーム", &n), >=, 7.45);

  g_assert_cmpfloat (min_size (qw, "10:00〜11:00", &n), >=, 10.5);
  g_assert_cmpint (n, ==, 2);

  /* The busy Saturday: as many as fit, each with its end. */
  g_assert_true (g_regex_match_simple ("8:00〜8:25", raw, 0, 0));
  assert_text_inside_cells (portrait_pdf);
}

/* On a monochrome copier: a letter per program in the legend and before
 * each of its events; closing days hatched, not only grey. */
static void
test_grey_cues (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC,
                        .venue_id = 0 };
  g_autofree char *pdf = write_pdf (f, &o, "grey.pdf");
  g_autofree char *raw = pdf_text (pdf, FALSE);
  g_autofree char *text = squeeze (raw);
  const char *p = text;
  int n = 0;

  /* Legend: ⓐ 健康相談と仲間づくり; cells: ⓐ 10:00〜12:00 水曜ひろば. */
  g_assert_nonnull (strstr (text, "ⓐ健康相談と仲間づくり"));
  g_assert_nonnull (strstr (text, "ⓑ両親学級"));
  while ((p = strstr (p, "ⓐ10:00〜12:00水曜ひろば")))
    {
      n++;
      p++;
    }
  g_assert_cmpint (n, ==, 5);
  /* Events without a program get no letter. */
  g_assert_null (strstr (text, "Ⓒ"));
}

/* Why a venue is closed; a weekly closing said once with the venue's
 * contact, not in every cell of a joint print. */
static void
test_closings (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC };
  RkReportOptions hub = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC,
                          .venue_id = f->hub };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL, *hub_pdf = NULL, *raw = NULL, *text = NULL, *hub_text = NULL;
  const char *p;
  int n = 0;

  g_assert_true (rk_store_begin (f->store, &error));
  rk_store_add_closing (f->store, f->hub, RK_CLOSING_RANGE, rk_day_from_ymd (2026, 12, 29),
                        rk_day_from_ymd (2027, 1, 3), 0, "年末年始", &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (f->store, &error));
  pdf = write_pdf (f, &o, "closings.pdf");
  raw = pdf_text (pdf, FALSE);
  text = squeeze (raw);
  for (p = text; (p = strstr (p, "休館日：みなみ子育て支援センター")); p++)
    {
      g_assert_true (g_str_has_prefix (p, "休館日：みなみ子育て支援センター（年末年始）"));
      n++;
    }
  g_assert_cmpint (n, ==, 3);
  g_assert_nonnull (strstr (text, "休館日：月"));

  hub_pdf = write_pdf (f, &hub, "closings-hub.pdf");
  g_free (raw);
  raw = pdf_text (hub_pdf, FALSE);
  hub_text = squeeze (raw);
  /* One venue: the days themselves closed, with the reason. */
  g_assert_nonnull (strstr (hub_text, "休館日年末年始"));
}

/* A municipality-wide print: every venue's contact, on as many pages as it
 * takes. */
static void
test_many_venues (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .audience = RK_AUDIENCE_PUBLIC };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL, *raw = NULL, *text = NULL;

  g_assert_true (rk_store_begin (f->store, &error));
  for (int i = 0; i < 55; i++)
    {
      g_autoptr(RkVenue) v = rk_venue_new ();
      g_autoptr(RkRoom) r = rk_room_new ();
      g_autofree char *name = g_strdup_printf ("第%02d地区子育てひろば", i + 1);
      g_autofree char *phone = g_strdup_printf ("電話 0120-55-%04d", i + 1);
      g_autofree char *start = g_strdup_printf ("2026-12-%02dT10:00", 1 + i % 28);
      g_autofree char *end = g_strdup_printf ("2026-12-%02dT11:00", 1 + i % 28);
      gint64 vid, rid;

      g_object_set (v, "name", name, "address", "さくら市中央1-1-1", "contact", phone, NULL);
      vid = rk_store_add_venue (f->store, v, &error);
      g_assert_no_error (error);
      g_object_set (r, "venue-id", vid, "name", "ひろば", "capacity", 10, NULL);
      rid = rk_store_add_room (f->store, r, &error);
      g_assert_no_error (error);
      add_event (f, f->p_health, "地区ひろば", start, end, rid, NULL, NULL);
    }
  g_assert_true (rk_store_commit (f->store, &error));
  pdf = write_pdf (f, &o, "many.pdf");
  raw = pdf_text (pdf, FALSE);
  text = squeeze (raw);
  for (int i = 0; i < 55; i++)
    {
      g_autofree char *phone = g_strdup_printf ("0120-55-%04d", i + 1);

      if (strstr (text, phone) == NULL)
        g_error ("the contact of venue %d is missing", i + 1);
    }
  g_assert_cmpint (pdf_pages (pdf), >=, 2);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  RkReportOptions o = { .year = 2026, .month = 12, .venue_id = 999 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RkMonthReport) report = rk_month_report_new (f->store, &o, &error);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "out.pdf", NULL);

  g_assert_null (report);
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  o.month = 13;
  report = rk_month_report_new (f->store, &o, &error);
  g_assert_null (report);
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);

  o.month = 12;
  o.venue_id = 0;
  report = rk_month_report_new (f->store, &o, &error);
  g_assert_no_error (error);
  g_assert_false (rk_month_report_write_pdf (report, missing, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/public", Fixture, NULL, fixture_set_up, test_public, fixture_tear_down);
  g_test_add ("/report/view-load", Fixture, NULL, fixture_set_up, test_view_load,
              fixture_tear_down);
  g_test_add ("/report/staff", Fixture, NULL, fixture_set_up, test_staff, fixture_tear_down);
  g_test_add ("/report/include-tentative", Fixture, NULL, fixture_set_up, test_tentative_option,
              fixture_tear_down);
  g_test_add ("/report/portrait-monday-first", Fixture, NULL, fixture_set_up,
              test_portrait_monday, fixture_tear_down);
  g_test_add ("/report/holidays", Fixture, NULL, fixture_set_up, test_holidays,
              fixture_tear_down);
  g_test_add ("/report/venue-filter", Fixture, NULL, fixture_set_up, test_venue_filter,
              fixture_tear_down);
  g_test_add ("/report/draw-api", Fixture, NULL, fixture_set_up, test_draw_api,
              fixture_tear_down);
  g_test_add ("/report/empty-month", Fixture, NULL, fixture_set_up, test_empty_month,
              fixture_tear_down);
  g_test_add ("/report/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/report/type-fits", Fixture, NULL, fixture_set_up, test_type_fits,
              fixture_tear_down);
  g_test_add ("/report/grey-cues", Fixture, NULL, fixture_set_up, test_grey_cues,
              fixture_tear_down);
  g_test_add ("/report/closings", Fixture, NULL, fixture_set_up, test_closings,
              fixture_tear_down);
  g_test_add ("/report/many-venues", Fixture, NULL, fixture_set_up, test_many_venues,
              fixture_tear_down);

  return g_test_run ();
}
