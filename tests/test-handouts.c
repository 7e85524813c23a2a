#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-test-util.h"

/* What a hub prints and hands out, through renkei-cli as a monthly job runs
 * it (LC_ALL=C.UTF-8 from the test environment): the sheet's language, and
 * every file read back. The demo municipality as of 1 December 2026. */

#define TODAY "2026-12-01"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static char *demo_db;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("renkei-handouts-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  /* The demo municipality is made once per program; each case gets a
   * copy of its database. */
  if (demo_db == NULL)
    {
      demo_db = rk_test_db_path ();
      out = rk_test_cli_ok (demo_db, TODAY, "init", "--demo", NULL);
    }
  f->db = rk_test_db_clone (demo_db, f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* The PDF's text as laid out, with all white space taken out. */
static char *
pdf_squeezed (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = rk_test_tool (argv);

  return rk_test_squeeze (text);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* ---------------------------------------------------------------------- */

static void
test_language (Fixture *f, gconstpointer data)
{
  g_autofree char *ja = path_in (f, "ja.pdf");
  g_autofree char *en = path_in (f, "en.pdf");
  g_autofree char *set = path_in (f, "set.pdf");
  g_autofree char *back = path_in (f, "back.pdf");
  g_autofree char *err = NULL;
  g_autofree char *t = NULL;

  /* Unset: Japanese, under a C locale. */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "-o", ja, NULL));
  t = pdf_squeezed (ja);
  g_assert_nonnull (strstr (t, "2026年（令和8年）12月"));
  g_assert_nonnull (strstr (t, "日月火水木金土"));
  g_assert_nonnull (strstr (t, "休館日"));
  g_assert_nonnull (strstr (t, "対象："));
  g_assert_null (strstr (t, "Closed"));
  g_assert_null (strstr (t, "For:"));
  g_clear_pointer (&t, g_free);

  /* Asked for: English, whatever the setting. */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "--audience", "staff", "--language", "en", "-o", en, NULL));
  t = pdf_squeezed (en);
  g_assert_nonnull (strstr (t, "December2026"));
  g_assert_nonnull (strstr (t, "SunMonTueWedThuFriSat"));
  g_assert_nonnull (strstr (t, "Closed"));
  g_assert_nonnull (strstr (t, "Forstaffonly"));
  g_assert_null (strstr (t, "休館日"));
  g_assert_null (strstr (t, "職員用"));
  g_clear_pointer (&t, g_free);

  /* Holidays are named in the sheet's language (January: 元日). */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2027-01", "--format", "pdf",
                          "--language", "en", "-o", en, NULL));
  t = pdf_squeezed (en);
  g_assert_nonnull (strstr (t, "NewYear'sDay"));
  g_assert_null (strstr (t, "元日"));
  g_clear_pointer (&t, g_free);
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2027-01", "--format", "pdf",
                          "-o", ja, NULL));
  t = pdf_squeezed (ja);
  g_assert_nonnull (strstr (t, "元日"));
  g_assert_null (strstr (t, "NewYear"));
  g_clear_pointer (&t, g_free);

  /* The database's setting, and --language over it. */
  g_free (rk_test_cli_ok (f->db, TODAY, "settings", "set", "print_language", "en", NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "-o", set, NULL));
  t = pdf_squeezed (set);
  g_assert_nonnull (strstr (t, "December2026"));
  g_clear_pointer (&t, g_free);
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "--language", "ja", "-o", back, NULL));
  t = pdf_squeezed (back);
  g_assert_nonnull (strstr (t, "休館日"));
  g_clear_pointer (&t, g_free);

  /* Only the two languages. */
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "settings", "set", "print_language",
                                "fr", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "print_language"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--month", "2026-12",
                                "--format", "pdf", "--language", "de", "-o", back, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--language"));
}

static gboolean
has_line_matching (const char *text, const char *pattern)
{
  return g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0);
}

/* The newsletter lines: paste-ready, in the style municipal newsletters
 * print, public events only. */
static void
test_newsletter (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "dec.txt");
  g_autofree char *text = NULL, *en = NULL, *one = NULL;

  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "text",
                          "-o", path, NULL));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "12月の予定\n"));
  g_assert_true (has_line_matching (text, "^9日\\(水\\) 10:00～12:00 健康相談と仲間づくり"
                                          "（きた子育てひろば）対象：[^ ]+$"));
  g_assert_true (has_line_matching (text, "^29日～1/[0-9]+ 年末年始休館（[^）]+）$"));
  g_assert_true (has_line_matching (text, "^毎週[日月火水木金土・]+曜休館（[^）]+）$"));
  /* Staff-only meetings never reach a newsletter. */
  g_assert_null (strstr (text, "連絡会議"));
  g_assert_null (strstr (text, "合同研修"));
  /* Every event line starts with its day, in date order. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    int last = 0;

    for (guint i = 1; lines[i] && *lines[i]; i++)
      {
        int d = atoi (lines[i]);

        if (g_str_has_prefix (lines[i], "毎週"))
          continue;
        g_assert_cmpint (d, >=, last);
        last = d;
      }
    g_assert_cmpint (last, >=, 20);
  }

  /* English on request; one venue without its name on every line. */
  en = rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "text",
                       "--language", "en", "-o", "-", NULL);
  g_assert_true (g_str_has_prefix (en, "December 2026"));
  g_assert_true (has_line_matching (en, "^Wed 9 10:00–12:00 健康相談と仲間づくり \\(きた子育てひろば\\) "
                                        "For: "));
  one = rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "text",
                        "--venue", "2", "-o", "-", NULL);
  g_assert_null (strstr (one, "（きた子育てひろば）"));
  g_assert_null (strstr (one, "（みなみ子育て支援センター）"));
  g_assert_true (has_line_matching (one, "^[0-9]+日\\([日月火水木金土]\\) [0-9]+:[0-9]{2}～[0-9:]+ "
                                         "[^ ]+ 対象："));
}

/* The text of page `page` (1-based) squeezed. */
static char *
pdf_page_squeezed (const char *pdf, int page)
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", p, "-l", p, "-enc", "UTF-8", pdf, "-",
                         NULL };
  g_autofree char *text = rk_test_tool (argv);

  return rk_test_squeeze (text);
}

/* The height of the first word of page `page` that starts with prefix, in
 * points (pdftotext -bbox gives the font's box, rk_test_pdf_em_box), or 0. */
static double
pdf_word_size_on (const char *pdf, int page, const char *prefix)
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-bbox", "-f", p, "-l", p, "-enc", "UTF-8", pdf, "-",
                         NULL };
  g_autofree char *out = rk_test_tool (argv);
  g_autofree char *quoted = g_regex_escape_string (prefix, -1);
  g_autofree char *pattern = g_strdup_printf ("<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" "
                                              "xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">%s",
                                              quoted);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  double size = 0;

  if (g_regex_match (re, out, 0, &m))
    {
      g_autofree char *y0 = g_match_info_fetch (m, 1), *y1 = g_match_info_fetch (m, 2);

      size = (g_ascii_strtod (y1, NULL) - g_ascii_strtod (y0, NULL)) / rk_test_pdf_em_box (pdf);
    }
  return size;
}

static double
pdf_word_size (const char *pdf, const char *prefix)
{
  return pdf_word_size_on (pdf, 1, prefix);
}

static void
export_month (Fixture *f, const char *path, const char *month, const char *venue,
              const char *language)
{
  const char *args[] = { "export", "--month", month, "--format", "pdf", "-o", path,
                         venue ? "--venue" : NULL, venue, "--language", language, NULL };

  if (venue == NULL)
    {
      args[7] = "--language";
      args[8] = language;
      args[9] = NULL;
    }
  g_assert_cmpint (rk_test_cli_argv (f->db, TODAY, args, NULL, NULL), ==, 0);
}

/* A venue's notice for a month: on that venue's sheet for that month
 * (beside the calendar, in a readable size), under its name on the joint
 * sheet, nowhere else; replaced, cleared; bad input writes nothing. */
static void
test_notice (Fixture *f, gconstpointer data)
{
  g_autofree char *one = path_in (f, "one.pdf");
  g_autofree char *joint = path_in (f, "joint.pdf");
  g_autofree char *other = path_in (f, "other.pdf");
  g_autofree char *next = path_in (f, "next.pdf");
  g_autofree char *en = path_in (f, "en.pdf");
  g_autofree char *t = NULL, *err = NULL, *before = NULL, *after = NULL, *out = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  out = rk_test_cli_ok (f->db, TODAY, "venue", "notice", "1", "--month", "2026-12", "--text",
                        "駐車場はありません。公共交通機関でお越しください。\r\n"
                        "予約は前月15日から電話で受け付けます。  \n\n", NULL);
  g_assert_cmpstr (out, ==, "");
  g_free (rk_test_cli_ok (f->db, TODAY, "venue", "notice", "2", "--month", "2026-12", "--text",
                          "お車の方は市役所北駐車場へ", NULL));

  export_month (f, one, "2026-12", "1", "ja");
  t = pdf_page_squeezed (one, 1);
  g_assert_nonnull (strstr (t, "お知らせ駐車場はありません。公共交通機関でお越しください。"
                               "予約は前月15日から電話で受け付けます。"));
  g_assert_null (strstr (t, "市役所北駐車場"));
  g_clear_pointer (&t, g_free);
  /* Families read it: no smaller than the legend, 8.5 pt and up. */
  g_assert_cmpfloat (pdf_word_size (one, "駐車場"), >=, 8.5);

  export_month (f, joint, "2026-12", NULL, "ja");
  t = pdf_page_squeezed (joint, 1);
  g_assert_nonnull (strstr (t, "みなみ子育て支援センター駐車場はありません。"));
  g_assert_nonnull (strstr (t, "きた子育てひろばお車の方は市役所北駐車場へ"));
  g_clear_pointer (&t, g_free);

  export_month (f, other, "2026-12", "3", "ja");
  t = pdf_squeezed (other);
  g_assert_null (strstr (t, "お知らせ"));
  g_assert_null (strstr (t, "駐車場"));
  g_clear_pointer (&t, g_free);
  export_month (f, next, "2027-01", "1", "ja");
  t = pdf_squeezed (next);
  g_assert_null (strstr (t, "駐車場"));
  g_clear_pointer (&t, g_free);

  export_month (f, en, "2026-12", "1", "en");
  t = pdf_page_squeezed (en, 1);
  g_assert_nonnull (strstr (t, "Notices駐車場はありません。"));
  g_clear_pointer (&t, g_free);

  /* Replaced, then cleared. */
  g_free (rk_test_cli_ok (f->db, TODAY, "venue", "notice", "1", "--month", "2026-12", "--text",
                          "持ち物：母子健康手帳", NULL));
  export_month (f, one, "2026-12", "1", "ja");
  t = pdf_squeezed (one);
  g_assert_nonnull (strstr (t, "お知らせ持ち物：母子健康手帳"));
  g_assert_null (strstr (t, "駐車場"));
  g_clear_pointer (&t, g_free);
  g_free (rk_test_cli_ok (f->db, TODAY, "venue", "notice", "1", "--month", "2026-12", "--clear",
                          NULL));
  export_month (f, one, "2026-12", "1", "ja");
  t = pdf_squeezed (one);
  g_assert_null (strstr (t, "お知らせ"));
  g_assert_null (strstr (t, "母子健康手帳が"));
  g_clear_pointer (&t, g_free);

  /* A long notice (the longest allowed) is printed whole. */
  for (int i = 0; i < 8; i++)
    g_string_append_printf (long_text, "%s%d行目のお知らせです。駐車場・予約方法・持ち物・休館のご案内をここに書きます。",
                            i ? "\n" : "", i + 1);
  /* the longest allowed: 400 characters, line breaks counted */
  while (g_utf8_strlen (long_text->str, -1) < 400)
    g_string_append (long_text, "。");
  g_free (rk_test_cli_ok (f->db, TODAY, "venue", "notice", "1", "--month", "2026-12", "--text",
                          long_text->str, NULL));
  export_month (f, one, "2026-12", "1", "ja");
  t = pdf_squeezed (one);
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *line = g_strdup_printf ("%d行目のお知らせです。駐車場・予約方法・持ち物・"
                                               "休館のご案内をここに書きます。", i + 1);

      g_assert_nonnull (strstr (t, line));
    }
  g_clear_pointer (&t, g_free);

  /* Bad input: exit 2, one line saying what, nothing written. */
  before = rk_test_file_hash (f->db);
  {
    static const char * const bad[][8] = {
      { "venue", "notice", "99", "--month", "2026-12", "--text", "x", NULL },
      { "venue", "notice", "1", "--month", "2026-13", "--text", "x", NULL },
      { "venue", "notice", "1", "--month", "2026-12", "--text", " \n　", NULL },
      { "venue", "notice", "1", "--month", "2026-12", "--text", "a\033[2Jb", NULL },
      { "venue", "notice", "1", "--month", "2026-12", "--text", "x", "--clear" },
      { "venue", "notice", "1", "--month", "2026-12", NULL },
      { "venue", "notice", "2", "--month", "2027-01", "--clear", NULL },
      { "venue", "notice", "x", "--month", "2026-12", "--clear", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        const char *args[9] = { 0 };

        memcpy (args, bad[i], sizeof bad[i]);
        g_assert_cmpint (rk_test_cli_argv (f->db, TODAY, args, NULL, &err), ==, 2);
        g_assert_true (g_str_has_prefix (err, "renkei-cli: "));
        g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
        g_clear_pointer (&err, g_free);
      }
    g_string_append (long_text, "あ");
    g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "venue", "notice", "1", "--month",
                                  "2026-12", "--text", long_text->str, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "400"));
    g_clear_pointer (&err, g_free);
  }
  after = rk_test_file_hash (f->db);
  g_assert_cmpstr (before, ==, after);

  /* In Japanese for a Japanese shell. */
  {
    const char *args[] = { "venue", "notice", "1", "--month", "2026-12", "--text", "", NULL };

    g_setenv ("LC_ALL", "ja_JP.UTF-8", TRUE);
    g_assert_cmpint (rk_test_cli_argv (f->db, TODAY, args, NULL, &err), ==, 2);
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    g_assert_nonnull (strstr (err, "お知らせの本文がありません"));
  }
}

/* A person's .ics read back with Python's icalendar (another parser than
 * the libical that wrote it): one line per event, "START|END|SUMMARY|
 * STATUS|LOCATION", start and end in Tokyo time, sorted. */
static char *
ics_events (const char *path)
{
  static const char script[] =
    "import icalendar, sys, datetime\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "tz = datetime.timezone(datetime.timedelta(hours=9))\n"
    "def t(v):\n"
    "    d = v.dt\n"
    "    return d.astimezone(tz).strftime('%Y-%m-%dT%H:%M') if isinstance(d, datetime.datetime) else d.isoformat()\n"
    "rows = ['%s|%s|%s|%s|%s' % (t(e['DTSTART']), t(e['DTEND']), e['SUMMARY'], e.get('STATUS', ''),\n"
    "        e.get('LOCATION', '')) for e in cal.walk('VEVENT')]\n"
    "print('\\n'.join(sorted(rows)))\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };

  return rk_test_tool (argv);
}

static guint
count_files (const char *dir, const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_true (g_str_has_suffix (name, suffix));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      n++;
    }
  return n;
}

/* The box (x0, y0, x1, y1) of the first word `text` on page `page`, in
 * points; FALSE when there is none. */
static gboolean
pdf_word_box (const char *pdf, int page, const char *text, double box[4])
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-bbox", "-f", p, "-l", p, "-enc", "UTF-8", pdf, "-",
                         NULL };
  g_autofree char *out = rk_test_tool (argv);
  g_autofree char *quoted = g_regex_escape_string (text, -1);
  g_autofree char *pattern = g_strdup_printf ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                              "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">%s</word>",
                                              quoted);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (re, out, 0, &m))
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *v = g_match_info_fetch (m, i + 1);

      box[i] = g_ascii_strtod (v, NULL);
    }
  return TRUE;
}

/* Page `page` as a monochrome copier sees it: pdftoppm -gray at 72 dpi (a
 * pixel a point), the PGM's width, height and grey bytes. */
static guchar *
pdf_grey_page (const char *pdf, int page, int *width, int *height, char **keep)
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *root = g_build_filename (dir, "grey", NULL);
  const char *argv[] = { "pdftoppm", "-gray", "-r", "72", "-f", p, "-l", p, "-singlefile", pdf,
                         root, NULL };
  g_autofree char *pgm = g_strconcat (root, ".pgm", NULL);
  gsize length = 0;
  int maxval = 0, n = 0;

  g_free (rk_test_tool (argv));
  g_assert_true (g_file_get_contents (pgm, keep, &length, NULL));
  g_assert_cmpint (sscanf (*keep, "P5 %d %d %d%n", width, height, &maxval, &n), ==, 3);
  g_assert_cmpint (maxval, ==, 255);
  g_assert_cmpuint (length, >=, (gsize) n + 1 + (gsize) (*width * *height));
  return (guchar *) *keep + n + 1;
}

/* The share of pixels not paper white in a rectangle. */
static double
ink (const guchar *px, int width, double x0, double y0, double x1, double y1)
{
  int n = 0, dark = 0;

  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = (int) x0; x < (int) x1; x++)
      {
        n++;
        dark += px[y * width + x] < 250;
      }
  return n ? (double) dark / n : 0;
}

/* Each person's own month: the sheet (where, when, role, address, what to
 * bring; double bookings marked as check reports them), the .ics a phone
 * imports, everyone's into a folder; personal, so 0600. */
static void
test_staff_export (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = path_in (f, "sato.pdf");
  g_autofree char *en = path_in (f, "sato-en.pdf");
  g_autofree char *ics = path_in (f, "sato.ics");
  g_autofree char *dir = path_in (f, "2026-12");
  g_autofree char *icsdir = path_in (f, "ics");
  g_autofree char *t = NULL, *err = NULL, *events = NULL, *out = NULL, *list = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GStatBuf st;
  guint n_staff = 0;

  /* 佐藤 美咲 (5): the parents' class on the 6th; on the 22nd the liaison
   * meeting and the baby massage class at once, which check reports. */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--staff", "5", "--month", "2026-12",
                          "--format", "pdf", "-o", pdf, NULL));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  t = pdf_squeezed (pdf);
  g_assert_nonnull (strstr (t, "佐藤美咲—2026年（令和8年）12月の予定"));
  g_assert_nonnull (strstr (t, "保健師"));
  g_assert_nonnull (strstr (t, "12月6日（日）両親学級（休日編）10:00〜14:00場所：みなみ子育て支援"
                               "センター（キッチン・ランチスペース）さくら市南町1-2-3"));
  g_assert_nonnull (strstr (t, "持ち物："));
  g_assert_nonnull (strstr (t, "連絡会議14:00〜16:00【重複】「ベビーマッサージ講座」と時間が重なっています"));
  g_assert_nonnull (strstr (t, "ベビーマッサージ講座【重複】「連絡会議」"));
  /* Only hers; the calendar's closing days shaded and named. */
  g_assert_null (strstr (t, "ふたご・みつご広場"));
  g_assert_nonnull (strstr (t, "29休館日"));
  g_clear_pointer (&t, g_free);

  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--staff", "5", "--month", "2026-12",
                          "--format", "pdf", "--language", "en", "-o", en, NULL));
  t = pdf_squeezed (en);
  g_assert_nonnull (strstr (t, "December2026"));
  g_assert_nonnull (strstr (t, "Place:"));
  g_assert_nonnull (strstr (t, "Double-booked"));
  g_assert_null (strstr (t, "場所："));
  g_clear_pointer (&t, g_free);

  /* The .ics: the same three occurrences at the same times as `staff
   * schedule` lists them. */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--staff", "5", "--month", "2026-12",
                          "--format", "ics", "-o", ics, NULL));
  g_assert_cmpint (g_stat (ics, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  events = ics_events (ics);
  g_assert_cmpstr (events, ==,
                   "2026-12-06T10:00|2026-12-06T14:00|両親学級（休日編）|CONFIRMED|"
                   "みなみ子育て支援センター（キッチン・ランチスペース） さくら市南町1-2-3\n"
                   "2026-12-22T14:00|2026-12-22T16:00|連絡会議|CONFIRMED|"
                   "さくら市保健センター（会議室） さくら市中央1-1\n"
                   "2026-12-22T14:30|2026-12-22T15:30|ベビーマッサージ講座|CONFIRMED|"
                   "みなみ子育て支援センター（プレイルーム） さくら市南町1-2-3\n");
  list = rk_test_cli_ok (f->db, TODAY, "staff", "schedule", "5", "--month", "2026-12", NULL);
  {
    g_auto(GStrv) rows = g_strsplit (list, "\n", -1);

    g_assert_cmpuint (g_strv_length (rows), ==, 3);
  }

  /* Everyone, into a folder made for it: one file per active person,
   * their paths on standard output. */
  {
    g_autofree char *staff = rk_test_cli_ok (f->db, TODAY, "staff", "list", NULL);
    g_auto(GStrv) lines = g_strsplit (staff, "\n", -1);
    g_auto(GStrv) written = NULL;

    n_staff = g_strv_length (lines);
    out = rk_test_cli_ok (f->db, TODAY, "export", "--staff", "all", "--month", "2026-12",
                          "--format", "pdf", "-o", dir, NULL);
    written = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (written), ==, n_staff);
    g_assert_cmpuint (count_files (dir, ".pdf"), ==, n_staff);
    g_assert_cmpint (g_stat (dir, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }
  {
    g_autofree char *sato = g_build_filename (dir, "5-佐藤_美咲-2026-12.pdf", NULL);

    t = pdf_squeezed (sato);
    g_assert_nonnull (strstr (t, "両親学級（休日編）"));
    g_clear_pointer (&t, g_free);
  }
  g_clear_pointer (&out, g_free);
  out = rk_test_cli_ok (f->db, TODAY, "export", "--staff", "all", "--month", "2026-12",
                        "--format", "ics", "-o", icsdir, NULL);
  g_assert_cmpuint (count_files (icsdir, ".ics"), ==, n_staff);

  /* The staff copy of the month marks the same double booking, in its
   * event list and its roster (whose start times are 6 pt where a day's
   * column is wide enough), and says what its hatching means. */
  {
    g_autofree char *copy = path_in (f, "staff-copy.pdf");
    g_autofree char *all_text = NULL, *roster = NULL;

    g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                            "--audience", "staff", "-o", copy, NULL));
    all_text = pdf_squeezed (copy);
    g_assert_nonnull (strstr (all_text, "佐藤美咲（保健師）【重複】"));
    g_assert_null (strstr (all_text, "鈴木恵（拠点スタッフ）【重複】"));
    roster = pdf_page_squeezed (copy, 3);
    g_assert_nonnull (strstr (roster, "担当者一覧"));
    g_assert_nonnull (strstr (roster, "斜線：休館日"));
    g_assert_nonnull (strstr (roster, "太枠：重複"));
    g_assert_cmpfloat (pdf_word_size_on (copy, 3, "10:00"), >=, 6.0);

    /* In grey, the roster's closed days (29–31 December, every venue) are
     * hatched down the rows, an open weekday left white. */
    {
      g_autofree char *keep = NULL;
      double d28[4], d29[4], name[4];
      int w = 0, h = 0;
      const guchar *px = pdf_grey_page (copy, 3, &w, &h, &keep);

      g_assert_true (pdf_word_box (copy, 3, "28", d28));
      g_assert_true (pdf_word_box (copy, 3, "29", d29));
      g_assert_true (pdf_word_box (copy, 3, "佐藤", name));
      /* inside the row, clear of its rules */
      g_assert_cmpfloat (ink (px, w, d29[0], name[1] + 2, d29[2], name[3]), >, 0.15);
      g_assert_cmpfloat (ink (px, w, d28[0], name[1] + 2, d28[2], name[3]), <, 0.02);
    }
  }

  /* Refused, nothing written. */
  before = rk_test_file_hash (f->db);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--staff", "999", "--month",
                                "2026-12", "--format", "pdf", "-o", pdf, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "999"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--staff", "5", "--month",
                                "2026-12", "--format", "csv", "-o", pdf, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--staff", "5", "--month",
                                "2026-12", "--format", "pdf", "--venue", "1", "-o", pdf, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--venue"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--staff", "all", "--month",
                                "2026-12", "--format", "pdf", "-o", pdf, NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--staff", "x", "--month",
                                "2026-12", "--format", "ics", "-o", ics, NULL), ==, 2);
  after = rk_test_file_hash (f->db);
  g_assert_cmpstr (before, ==, after);
  t = pdf_squeezed (pdf);
  g_assert_nonnull (strstr (t, "佐藤美咲"));
}

static char *
pdf_info (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };

  return rk_test_tool (argv);
}

/* The fiscal year on one sheet: April to March, one row per program, its
 * dates, the holidays and closing days; public; A4 landscape or A3. */
static void
test_fiscal_year (Fixture *f, gconstpointer data)
{
  g_autofree char *joint = path_in (f, "fy.pdf");
  g_autofree char *one = path_in (f, "fy-kita.pdf");
  g_autofree char *a3 = path_in (f, "fy-a3.pdf");
  g_autofree char *t = NULL, *info = NULL, *err = NULL, *fonts = NULL;

  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--fiscal-year", "2026", "--format", "pdf",
                          "-o", joint, NULL));
  info = pdf_info (joint);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "842 x 595 pts (A4)"));
  t = pdf_squeezed (joint);
  g_assert_nonnull (strstr (t, "令和8年度年間行事予定表2026年4月〜2027年3月"));
  g_assert_nonnull (strstr (t, "4月5月6月7月8月9月10月11月12月1月2月3月"));
  g_assert_nonnull (strstr (t, "健康相談と仲間づくり"));
  g_assert_nonnull (strstr (t, "9(水)"));
  g_assert_nonnull (strstr (t, "29昭和の日"));
  g_assert_nonnull (strstr (t, "11建国記念"));
  g_assert_nonnull (strstr (t, "29〜31年末"));
  g_assert_nonnull (strstr (t, "下線：日曜・祝日"));
  /* Staff-only meetings are not on the wall. */
  g_assert_null (strstr (t, "連絡会議"));
  g_assert_null (strstr (t, "合同研修"));
  g_clear_pointer (&t, g_free);
  /* Readable: the dates at 8 pt or more, the fonts embedded. */
  g_assert_cmpfloat (pdf_word_size (joint, "9(水)"), >=, 8.0);
  {
    const char *argv[] = { "pdffonts", joint, NULL };

    fonts = rk_test_tool (argv);
    g_assert_nonnull (strstr (fonts, "IPAexGothic"));
    g_assert_null (strstr (fonts, " no  "));
  }

  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--fiscal-year", "2026", "--format", "pdf",
                          "--venue", "2", "-o", one, NULL));
  t = pdf_squeezed (one);
  g_assert_nonnull (strstr (t, "きた子育てひろば"));
  g_assert_nonnull (strstr (t, "健康相談と仲間づくり"));
  g_assert_null (strstr (t, "ふたご・みつご広場"));
  g_clear_pointer (&t, g_free);

  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--fiscal-year", "2026", "--format", "pdf",
                          "--paper", "a3", "--language", "en", "-o", a3, NULL));
  g_clear_pointer (&info, g_free);
  info = pdf_info (a3);
  g_assert_nonnull (strstr (info, "1191 x 842 pts (A3)"));
  t = pdf_squeezed (a3);
  g_assert_nonnull (strstr (t, "Eventsoffiscalyear2026"));
  g_assert_nonnull (strstr (t, "29Showa"));
  g_clear_pointer (&t, g_free);

  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--fiscal-year", "2026",
                                "--format", "pdf", "--paper", "b5", "-o", a3, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--fiscal-year", "2026",
                                "--format", "ics", "-o", a3, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--fiscal-year", "2026",
                                "--format", "pdf", "--venue", "99", "-o", a3, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--fiscal-year", "R8",
                                "--format", "pdf", "-o", a3, NULL), ==, 2);
}

/* Files small and steady: three similar months of the demo hubs' joint
 * schedule within 1.5x of each other and under 80 KB (with Noto Sans
 * CJK's CFF subsets they were 0.15 to 1.8 MB, growing with the glyphs a
 * month happened to use); one typeface embedded, no fallback font pulled
 * in by a symbol. */
static void
test_pdf_size (Fixture *f, gconstpointer data)
{
  static const char * const months[] = { "2026-12", "2027-01", "2027-02" };
  gint64 least = G_MAXINT64, most = 0;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *name = g_strdup_printf ("month-%s.pdf", months[i]);
      g_autofree char *pdf = path_in (f, name);
      const char *argv[] = { "pdffonts", pdf, NULL };
      g_autofree char *fonts = NULL;
      GStatBuf st;

      g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", months[i], "--format", "pdf",
                              "-o", pdf, NULL));
      g_assert_cmpint (g_stat (pdf, &st), ==, 0);
      least = MIN (least, (gint64) st.st_size);
      most = MAX (most, (gint64) st.st_size);
      fonts = rk_test_tool (argv);
      g_assert_nonnull (strstr (fonts, "IPAexGothic"));
      g_assert_null (strstr (fonts, "Noto"));
      g_assert_null (strstr (fonts, " no  "));
    }
  g_assert_cmpint (most, <, 80 * 1024);
  g_assert_cmpint (most * 2, <, least * 3);
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);
  g_test_add ("/handouts/language", Fixture, NULL, fixture_set_up, test_language,
              fixture_tear_down);
  g_test_add ("/handouts/newsletter", Fixture, NULL, fixture_set_up, test_newsletter,
              fixture_tear_down);
  g_test_add ("/handouts/notice", Fixture, NULL, fixture_set_up, test_notice,
              fixture_tear_down);
  g_test_add ("/handouts/staff-export", Fixture, NULL, fixture_set_up, test_staff_export,
              fixture_tear_down);
  g_test_add ("/handouts/pdf-size", Fixture, NULL, fixture_set_up, test_pdf_size,
              fixture_tear_down);
  g_test_add ("/handouts/fiscal-year", Fixture, NULL, fixture_set_up, test_fiscal_year,
              fixture_tear_down);
  return g_test_run ();
}
