#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <libpq-fe.h>

#include <glib/gstdio.h>
#include <string.h>

#include "rk-attendance.h"
#include "rk-bench.h"
#include "rk-check.h"
#include "rk-findtime.h"
#include "rk-generate.h"
#include "rk-holidays.h"
#include "rk-expand.h"
#include "rk-recurrence.h"
#include "rk-store-attendance.h"
#include "rk-test-util.h"

/* Folders of the databases made here, removed when the tests end. */
static GPtrArray *folders;

static char *
db_path (void)
{
  char *path = rk_test_db_path ();

  g_ptr_array_add (folders, g_path_get_dirname (path));
  return path;
}

static void
remove_folder (gpointer data)
{
  const char *dir = data;
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
}

/* A municipality small enough for the test suite. */
static void
tiny_params (RkGenParams *p, guint32 seed, int years)
{
  rk_gen_params_init (p);
  p->hubs = 5;
  p->staff = 40;
  p->years = years;
  p->seed = seed;
}

static RkStore *
generated (const RkGenParams *p, RkGenStats *stats, char **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path ();
  RkStore *store = rk_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rk_generate (store, p, stats, &error));
  g_assert_no_error (error);
  if (path_out)
    *path_out = g_steal_pointer (&path);
  return store;
}

static void
summarize (RkStore *store, RkDay from, RkDay to, RkGenSummary *summary)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rk_gen_summarize (store, from, to, summary, &error));
  g_assert_no_error (error);
}

/* ---- the generator ------------------------------------------------------ */

static void
test_generate_deterministic (void)
{
  RkGenParams p, other;
  RkGenStats a = { 0 }, b = { 0 }, c = { 0 };
  RkGenSummary sa, sb, sc;
  g_autoptr(RkStore) sta = NULL, stb = NULL, stc = NULL;

  tiny_params (&p, 7, 2);
  sta = generated (&p, &a, NULL);
  stb = generated (&p, &b, NULL);
  tiny_params (&other, 8, 2);
  stc = generated (&other, &c, NULL);

  /* Same seed: the same rows, in the same order. */
  g_assert_cmpuint (a.venues, ==, b.venues);
  g_assert_cmpuint (a.rooms, ==, b.rooms);
  g_assert_cmpuint (a.staff, ==, b.staff);
  g_assert_cmpuint (a.series, ==, b.series);
  g_assert_cmpuint (a.one_offs, ==, b.one_offs);
  g_assert_cmpuint (a.assignment_rows, ==, b.assignment_rows);
  g_assert_cmpuint (a.exceptions, ==, b.exceptions);
  g_assert_cmpuint (a.unavailable, ==, b.unavailable);
  g_assert_cmpstr (a.checksum, ==, b.checksum);

  /* And the same schedule read back from the two files. */
  summarize (sta, rk_gen_first_day (&p), rk_gen_last_day (&p), &sa);
  summarize (stb, rk_gen_first_day (&p), rk_gen_last_day (&p), &sb);
  g_assert_cmpuint (sa.occurrences, ==, sb.occurrences);
  g_assert_cmpuint (sa.assignments, ==, sb.assignments);
  g_assert_cmpstr (sa.checksum, ==, sb.checksum);

  /* Another seed: another municipality of the same shape. */
  summarize (stc, rk_gen_first_day (&other), rk_gen_last_day (&other), &sc);
  g_assert_cmpstr (a.checksum, !=, c.checksum);
  g_assert_cmpstr (sa.checksum, !=, sc.checksum);
  g_assert_cmpuint (a.series, ==, c.series);

  rk_gen_stats_clear (&a);
  rk_gen_stats_clear (&b);
  rk_gen_stats_clear (&c);
  rk_gen_summary_clear (&sa);
  rk_gen_summary_clear (&sb);
  rk_gen_summary_clear (&sc);
}

/* Year k is the same whether 1 or 3 years are generated. */
static void
test_generate_years_independent (void)
{
  RkGenParams one, three;
  RkGenSummary s1, s3;
  g_autoptr(RkStore) a = NULL, b = NULL;
  RkDay from, to;

  tiny_params (&one, 3, 1);
  tiny_params (&three, 3, 3);
  a = generated (&one, NULL, NULL);
  b = generated (&three, NULL, NULL);
  from = rk_gen_first_day (&one);
  to = rk_gen_last_day (&one);
  summarize (a, from, to, &s1);
  summarize (b, from, to, &s3);
  g_assert_cmpuint (s1.occurrences, >, 0);
  g_assert_cmpuint (s1.occurrences, ==, s3.occurrences);
  g_assert_cmpuint (s1.assignments, ==, s3.assignments);
  g_assert_cmpstr (s1.checksum, ==, s3.checksum);
  rk_gen_summary_clear (&s1);
  rk_gen_summary_clear (&s3);
}

/* What the generated municipality holds is what the benchmark claims. */
static void
test_generate_shape (void)
{
  g_autoptr(GError) error = NULL;
  RkGenParams p;
  RkGenStats stats = { 0 };
  RkGenSummary s;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *want = NULL;
  g_autoptr(RkSchedule) all = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int roles[RK_N_ROLES] = { 0 };
  guint per_occurrence = 0, skipped = 0, moved = 0;

  tiny_params (&p, 1, 1);
  store = generated (&p, &stats, NULL);

  g_assert_cmpuint (stats.venues, ==, 6);          /* 5 hubs, 1 health centre */
  g_assert_cmpuint (stats.staff, ==, 40);
  g_assert_cmpuint (stats.programs, ==, 40);
  g_assert_cmpuint (stats.series, >, 5 * 5);
  g_assert_cmpuint (stats.one_offs, >=, 5 * 6);
  g_assert_cmpuint (stats.closings, >, 0);
  g_assert_cmpuint (stats.unavailable, >, 40);

  staff = rk_store_list_staff (store, -1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, ==, 40);
  for (guint i = 0; i < staff->len; i++)
    roles[rk_role_from_token (rk_staff_get_role (g_ptr_array_index (staff, i)))]++;
  for (int r = 0; r < RK_N_ROLES; r++)
    g_assert_cmpint (roles[r], >, 0);
  programs = rk_store_list_programs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programs->len, ==, 40);

  stamp = rk_store_get_setting (store, "bench_generator");
  want = rk_gen_params_to_string (&p);
  g_assert_cmpstr (stamp, ==, want);

  summarize (store, rk_gen_first_day (&p), rk_gen_last_day (&p), &s);
  /* Hubs run something most weekdays; staff mostly by the series. */
  g_assert_cmpuint (s.occurrences, >, 5 * 200);
  g_assert_cmpuint (s.assignments, >, 2 * s.occurrences);
  g_assert_cmpuint (s.inactive, >, 0);

  all = rk_store_load_all (store, &error);
  g_assert_no_error (error);
  occs = rk_schedule_expand (all, rk_gen_first_day (&p), rk_gen_last_day (&p), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (all->events, i);

      for (guint j = 0; j < e->assigns->len; j++)
        per_occurrence += g_array_index (e->assigns, RkSAssign, j).occ_date != 0;
    }
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);

      skipped += o->status == RK_OCC_SKIPPED;
      moved += o->moved;
    }
  g_assert_cmpuint (per_occurrence, >, 0);
  g_assert_cmpuint (skipped, >, 0);        /* holidays and the New Year closing */
  g_assert_cmpuint (moved, >, 0);

  /* A realistic year has a few problems, not thousands. */
  problems = rk_check (all, occs, rk_gen_first_day (&p), rk_gen_last_day (&p),
                       rk_gen_first_day (&p));
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (problems->len, <, s.occurrences / 4);

  rk_gen_stats_clear (&stats);
  rk_gen_summary_clear (&s);
}

/* The default municipality is the size the issue asks for: about 60,000
 * occurrences and 150,000 staff assignments over five years. */
static void
test_generate_default_size (void)
{
  RkGenParams p;
  RkGenSummary s;
  g_autoptr(RkStore) store = NULL;

  rk_gen_params_init (&p);
  store = generated (&p, NULL, NULL);
  summarize (store, rk_gen_first_day (&p), rk_gen_last_day (&p), &s);
  g_assert_cmpuint (s.occurrences, >, 54000);
  g_assert_cmpuint (s.occurrences, <, 66000);
  g_assert_cmpuint (s.assignments, >, 135000);
  g_assert_cmpuint (s.assignments, <, 165000);
  rk_gen_summary_clear (&s);
}

/* On a server the generator writes its reference rows (venues, closing
 * days, rooms, equipment, staff, programs) in batches with ids taken ahead,
 * as it writes the events: the same rows, with the same ids, as one by one
 * into a file. */
static void
test_generate_server_same_rows (void)
{
  static const char * const lists[][2] = {
    { "venue", "list" }, { "room", "list" }, { "equipment", "list" }, { "staff", "list" },
    { "program", "list" },
  };
  RkGenParams p;
  RkGenStats on_file = { 0 }, on_server = { 0 };
  RkGenSummary sf, ss;
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) file = NULL, server = NULL;
  g_autofree char *file_path = NULL, *uri = NULL;

  if (!g_getenv ("RENKEI_TEST_PG"))
    {
      g_test_skip ("no PostgreSQL test server (RENKEI_TEST_PG)");
      return;
    }
  tiny_params (&p, 3, 2);
  file = generated (&p, &on_file, &file_path);
  uri = rk_test_pg_database ();
  server = rk_store_open (uri, &error);
  g_assert_no_error (error);
  rk_generate (server, &p, &on_server, &error);
  g_assert_no_error (error);

  /* The generator's own account names every row with its id. */
  g_assert_cmpuint (on_file.closings, >, 10);
  g_assert_cmpuint (on_file.staff, ==, 40);
  g_assert_cmpstr (on_file.checksum, ==, on_server.checksum);
  summarize (file, rk_gen_first_day (&p), rk_gen_last_day (&p), &sf);
  summarize (server, rk_gen_first_day (&p), rk_gen_last_day (&p), &ss);
  g_assert_cmpuint (sf.occurrences, ==, ss.occurrences);
  g_assert_cmpstr (sf.checksum, ==, ss.checksum);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *a = rk_test_cli_ok (file_path, NULL, lists[i][0], lists[i][1], "--json",
                                           NULL);
      g_autofree char *b = rk_test_cli_ok (uri, NULL, lists[i][0], lists[i][1], "--json", NULL);

      g_assert_cmpuint (strlen (a), >, 100);
      g_assert_cmpstr (a, ==, b);
    }
  /* What is added next by hand is numbered on from the last row, on both. */
  {
    g_autofree char *a = rk_test_cli_ok (file_path, NULL, "venue", "add", "--name", "新しい会場",
                                         NULL);
    g_autofree char *b = rk_test_cli_ok (uri, NULL, "venue", "add", "--name", "新しい会場", NULL);

    g_assert_cmpint (g_ascii_strtoll (a, NULL, 10), ==, (gint64) on_file.venues + 1);
    g_assert_cmpstr (a, ==, b);
  }
  rk_gen_stats_clear (&on_file);
  rk_gen_stats_clear (&on_server);
  rk_gen_summary_clear (&sf);
  rk_gen_summary_clear (&ss);
}

/* ---- the core paths the benchmark made faster --------------------------- */

/* The date-arithmetic expansion of simple rules must give what libical
 * gives. BYHOUR/BYMINUTE naming dtstart's own time change nothing in
 * meaning but send a rule down libical's path. */
static void
test_rrule_fast_path (void)
{
  static const char * const bases[] = {
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=WEEKLY;BYDAY=SU,SA,MO", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU", "FREQ=WEEKLY;INTERVAL=3;BYDAY=FR,MO;WKST=WE",
    "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=1SU",
    "FREQ=MONTHLY;BYDAY=5FR", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-2MO,1WE",
    "FREQ=MONTHLY;BYDAY=TU", "FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE", "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=1,15,-2",
    "FREQ=MONTHLY;BYMONTHDAY=30;INTERVAL=12",
  };
  static const char * const tails[] = {
    "", ";COUNT=1", ";COUNT=5", ";COUNT=40", ";UNTIL=20270331", ";UNTIL=20261015T100000",
    ";UNTIL=20261015T095900", ";UNTIL=20261231T235959Z",
  };
  static const int offsets[] = { 0, 1, 3, 5, 6, 29, 30, 59, 60 };
  g_autoptr(GArray) fast = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autoptr(GArray) slow = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  guint compared = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    for (guint j = 0; j < G_N_ELEMENTS (tails); j++)
      for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
        {
          g_autofree char *rule = g_strconcat (bases[i], tails[j], NULL);
          g_autofree char *same = g_strconcat (rule, ";BYHOUR=10;BYMINUTE=30", NULL);
          RkDay d0 = rk_day_from_ymd (2025, 12, 1) + (RkDay) offsets[k];
          RkMinute start = rk_minute_make (d0, 10 * 60 + 30);
          const RkDay ranges[][2] = {
            { d0, d0 + 400 }, { d0 + 45, d0 + 120 }, { d0 - 10, d0 + 31 }, { d0 + 300, d0 + 900 },
          };

          for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
            {
              g_autoptr(GError) e1 = NULL;
              g_autoptr(GError) e2 = NULL;

              g_array_set_size (fast, 0);
              g_array_set_size (slow, 0);
              g_assert_true (rk_rrule_expand (rule, start, ranges[r][0], ranges[r][1], fast, &e1));
              g_assert_true (rk_rrule_expand (same, start, ranges[r][0], ranges[r][1], slow, &e2));
              if (fast->len != slow->len ||
                  memcmp (fast->data, slow->data, fast->len * sizeof (RkMinute)) != 0)
                g_error ("%s from %u over [%u, %u]: %u occurrences, libical %u", rule, d0,
                         ranges[r][0], ranges[r][1], fast->len, slow->len);
              compared++;
            }
        }
  g_assert_cmpuint (compared, ==, G_N_ELEMENTS (bases) * G_N_ELEMENTS (tails) *
                                  G_N_ELEMENTS (offsets) * 4);
}

/* A month's snapshot holds the same rows of its events as the whole
 * database does (the month load fetches them by the events' ids). */
static void
test_range_load_matches_all (void)
{
  g_autoptr(GError) error = NULL;
  RkGenParams p;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) all = NULL;
  guint checked = 0;
  gboolean moved_seen = FALSE;
  gint64 moved_event;
  RkMinute moved_to;

  tiny_params (&p, 5, 2);
  store = generated (&p, NULL, NULL);

  /* One occurrence moved by hand from the first year deep into the second:
   * the month it lands in must load its series too. */
  {
    g_autoptr(RkEvent) e = rk_event_new ();
    g_autofree char *until = g_strdup_printf ("FREQ=WEEKLY;BYDAY=MO;UNTIL=%04d0531",
                                              p.first_year);
    RkDay monday = rk_gen_first_day (&p);
    char s_buf[17], e_buf[17];

    while (rk_day_weekday (monday) != 1)
      monday++;
    g_object_set (e, "title", "移動した回", "start",
                  rk_time_format_buf (rk_minute_make (monday, 600), s_buf), "end",
                  rk_time_format_buf (rk_minute_make (monday, 660), e_buf), "rrule", until, NULL);
    g_assert_true (rk_store_begin (store, &error));
    moved_event = rk_store_add_event (store, e, NULL, &error);
    g_assert_no_error (error);
    moved_to = rk_minute_make (rk_day_from_ymd (p.first_year + 1, 8, 10), 13 * 60);
    g_assert_true (rk_store_set_exception (store, moved_event, monday + 7, RK_EXCEPTION_MOVED,
                                           moved_to, moved_to + 60, NULL, &error));
    g_assert_true (rk_store_commit (store, &error));
    g_assert_no_error (error);
  }

  all = rk_store_load_all (store, &error);
  g_assert_no_error (error);

  for (int m = 0; m < 24; m += (m == 15 ? 1 : 5))
    {
      int y = p.first_year + (3 + m) / 12, mo = (3 + m) % 12 + 1;
      RkDay from = rk_day_from_ymd (y, mo, 1), to = from + (RkDay) rk_days_in_month (y, mo) - 1;
      g_autoptr(RkSchedule) month = rk_store_load_schedule (store, from, to, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (month->events->len, >, 0);
      g_assert_cmpuint (month->events->len, <, all->events->len);
      for (guint i = 0; i < month->events->len; i++)
        {
          RkSEvent *e = g_ptr_array_index (month->events, i);
          RkSEvent *w = rk_schedule_event (all, e->id);

          /* By start, then id, as the store promises. */
          if (i > 0)
            {
              RkSEvent *prev = g_ptr_array_index (month->events, i - 1);
              g_assert_true (prev->start < e->start ||
                             (prev->start == e->start && prev->id < e->id));
            }
          if (e->id == moved_event && rk_minute_day (moved_to) >= from &&
              rk_minute_day (moved_to) <= to)
            {
              g_autoptr(GArray) occs = rk_schedule_expand (month, from, to, &error);
              const RkOcc *o;

              g_assert_no_error (error);
              o = rk_occ_find (occs, moved_event, rk_minute_day (moved_to));
              g_assert_nonnull (o);
              g_assert_cmpint (o->start, ==, moved_to);
              moved_seen = TRUE;
            }
          g_assert_nonnull (w);
          g_assert_cmpuint (e->assigns->len, ==, w->assigns->len);
          g_assert_cmpuint (e->exceptions->len, ==, w->exceptions->len);
          g_assert_cmpuint (e->equipment->len, ==, w->equipment->len);
          for (guint j = 0; j < e->assigns->len; j++)
            {
              RkSAssign *a = &g_array_index (e->assigns, RkSAssign, j);
              RkSAssign *b = &g_array_index (w->assigns, RkSAssign, j);

              g_assert_cmpint (a->staff_id, ==, b->staff_id);
              g_assert_cmpuint (a->occ_date, ==, b->occ_date);
              g_assert_cmpint (a->excluded, ==, b->excluded);
            }
          for (guint j = 0; j < e->exceptions->len; j++)
            g_assert_cmpuint (g_array_index (e->exceptions, RkSException, j).occ_date, ==,
                              g_array_index (w->exceptions, RkSException, j).occ_date);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
  g_assert_true (moved_seen);
}

/* A view (rk_store_load_view) leaves out rows, never what expanding and
 * checking its range needs: the same occurrences (those of a wider range,
 * cut to it), staff, tentative flags,
 * equipment and problems as from the whole schedule load, for months,
 * weeks and days, with holiday policies (one-offs shifted into the next or
 * previous month too), stand-ins, an occurrence moved in from far away with
 * its own stand-in and a night-long occurrence at the end of a month whose
 * person is away after midnight. */
/* Whether the schedule has a record for the occurrence. */
static gboolean
has_record (RkSchedule *s, const RkOcc *o)
{
  return rk_schedule_attendance (s, o->event->id, o->orig_date) != NULL;
}

static void
assert_same_problems (GPtrArray *pa, GPtrArray *pb)
{
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      g_assert_cmpstr (rk_problem_get_kind (g_ptr_array_index (pa, i)), ==,
                       rk_problem_get_kind (g_ptr_array_index (pb, i)));
      g_assert_cmpstr (rk_problem_get_message (g_ptr_array_index (pa, i)), ==,
                       rk_problem_get_message (g_ptr_array_index (pb, i)));
    }
}

/* The occurrences of wide in [from, to] are those of a. */
static void
assert_cut_matches (GArray *wide, GArray *a, RkDay from, RkDay to)
{
  guint k = 0;

  for (guint i = 0; i < wide->len; i++)
    {
      const RkOcc *x = &g_array_index (wide, RkOcc, i), *y;

      if (rk_occ_day (x) < from || rk_occ_day (x) > to)
        continue;
      g_assert_cmpuint (k, <, a->len);
      y = &g_array_index (a, RkOcc, k++);
      g_assert_cmpint (x->event->id, ==, y->event->id);
      g_assert_cmpuint (x->orig_date, ==, y->orig_date);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }
  g_assert_cmpuint (k, ==, a->len);
}

/* everything: the expansion of rk_store_load_all() (which reads no range),
 * whose occurrences in [from, to] the range's loads must give. */
static void
assert_view_matches (RkStore *store, RkDay from, RkDay to, RkSchedule *all, GArray *everything)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) full = rk_store_load_schedule (store, from, to, &error);
  g_autoptr(RkSchedule) view = rk_store_load_view (store, from, to, &error);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GPtrArray) pa = NULL;
  g_autoptr(GPtrArray) pb = NULL;
  g_autoptr(GArray) sa = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sb = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  a = rk_schedule_expand (full, from, to, &error);
  g_assert_no_error (error);
  b = rk_schedule_expand (view, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const RkOcc *x = &g_array_index (a, RkOcc, i), *y = &g_array_index (b, RkOcc, i);

      g_assert_cmpint (x->event->id, ==, y->event->id);
      g_assert_cmpuint (x->orig_date, ==, y->orig_date);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->moved, ==, y->moved);
      g_assert_cmpstr (x->reason, ==, y->reason);
      rk_occ_staff (x, sa);
      rk_occ_staff (y, sb);
      g_assert_cmpmem (sa->data, sa->len * sizeof (gint64), sb->data, sb->len * sizeof (gint64));
      for (guint j = 0; j < sa->len; j++)
        g_assert_cmpint (rk_occ_staff_tentative (x, g_array_index (sa, gint64, j)), ==,
                         rk_occ_staff_tentative (y, g_array_index (sa, gint64, j)));
      g_assert_cmpmem (x->event->equipment->data, x->event->equipment->len * sizeof (gint64),
                       y->event->equipment->data, y->event->equipment->len * sizeof (gint64));
      g_assert_cmpint (has_record (full, x), ==, has_record (view, y));
      g_assert_cmpint (has_record (full, x), ==, has_record (all, x));
    }
  /* The range's occurrences are those of the whole schedule in it (the
   * events that ended before it or start after it left out, none else),
   * and those of a wider range, cut. */
  assert_cut_matches (everything, a, from, to);
  {
    g_autoptr(RkSchedule) wide = rk_store_load_schedule (store, from - 40, to + 40, &error);
    g_autoptr(GArray) w = rk_schedule_expand (wide, from - 40, to + 40, &error);

    g_assert_no_error (error);
    assert_cut_matches (w, a, from, to);
  }
  pa = rk_check (full, a, from, to, from);
  pb = rk_check (view, b, from, to, from);
  assert_same_problems (pa, pb);
  /* Seen long after: every held occurrence without a record is missing one. */
  {
    g_autoptr(GPtrArray) la = rk_check (full, a, from, to, to + 400);
    g_autoptr(GPtrArray) lb = rk_check (view, b, from, to, to + 400);

    assert_same_problems (la, lb);
  }
}

static void
add_record (RkStore *store, gint64 event_id, RkDay occ_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkAttendance) a = rk_attendance_new (event_id, occ_date);

  a->counts[RK_COUNT_FAMILIES] = 1;
  a->counts[RK_COUNT_ADULTS] = 1;
  a->counts[RK_COUNT_RESIDENTS] = 1;
  g_assert_true (rk_store_save_attendance (store, a, &error));
  g_assert_no_error (error);
}

static gint64
add_one_off (RkStore *store, const char *title, RkMinute start, RkMinute end, const char *rrule,
             gint64 room_id, const char *on_holiday)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEvent) e = rk_event_new ();
  char s_buf[17], e_buf[17];
  gint64 id;

  g_object_set (e, "title", title, "start", rk_time_format_buf (start, s_buf), "end",
                rk_time_format_buf (end, e_buf), "rrule", rrule, "on-holiday", on_holiday, NULL);
  if (room_id > 0)
    g_object_set (e, "room-id", room_id, NULL);
  id = rk_store_add_event (store, e, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_view_matches_schedule (void)
{
  g_autoptr(GError) error = NULL;
  RkGenParams p;
  g_autoptr(RkStore) store = NULL;
  g_autofree char *until = NULL;
  RkDay monday, night, first;
  gint64 moved, late, shifted, earlier, shifted_series, earlier_series, closed_room, pulled;
  gint64 ended, counted, endless;
  RkDay from_date, edge;
  guint n_checked = 0;
  g_autoptr(RkSchedule) all = NULL;
  g_autoptr(GArray) everything = NULL;

  tiny_params (&p, 7, 2);
  store = generated (&p, NULL, NULL);
  first = rk_gen_first_day (&p);
  monday = first;
  while (rk_day_weekday (monday) != 1)
    monday++;
  night = rk_day_from_ymd (p.first_year + 1, 1, 31);

  g_assert_true (rk_store_begin (store, &error));
  until = g_strdup_printf ("FREQ=WEEKLY;BYDAY=MO;UNTIL=%04d0531", p.first_year);
  moved = add_one_off (store, "移動した回", rk_minute_make (monday, 600),
                       rk_minute_make (monday, 660), until, 0, NULL);
  g_assert_true (rk_store_set_exception (store, moved, monday + 7, RK_EXCEPTION_MOVED,
                                         rk_minute_make (night - 20, 13 * 60),
                                         rk_minute_make (night - 20, 14 * 60), NULL, &error));
  g_assert_true (rk_store_assign (store, moved, 1, 0, FALSE, &error));
  g_assert_true (rk_store_assign (store, moved, 2, monday + 7, TRUE, &error));
  late = add_one_off (store, "夜通しの見守り", rk_minute_make (night, 20 * 60),
                      rk_minute_make (night + 1, 8 * 60), NULL, 0, NULL);
  /* Closed on the last day of January: the next open day is in February. */
  {
    g_autoptr(RkVenue) venue = rk_venue_new ();
    g_autoptr(RkRoom) room = rk_room_new ();
    gint64 venue_id;

    g_object_set (venue, "name", "臨時会場", NULL);
    venue_id = rk_store_add_venue (store, venue, &error);
    g_assert_cmpint (rk_store_add_closing (store, venue_id, RK_CLOSING_DATE, (int) night,
                                           (int) night, 0, "点検", &error), >, 0);
    g_object_set (room, "venue-id", venue_id, "name", "集会室", "capacity", 20, NULL);
    closed_room = rk_store_add_room (store, room, &error);
    shifted = add_one_off (store, "翌日に回す回", rk_minute_make (night, 10 * 60),
                           rk_minute_make (night, 11 * 60), NULL, closed_room, "next-day");
  }
  /* New Year's Day: the day before is in December. */
  earlier = add_one_off (store, "前日に回す回", rk_minute_make (night - 30, 10 * 60),
                         rk_minute_make (night - 30, 11 * 60), NULL, 0, "previous-day");
  /* The same for series. */
  {
    static const char * const byday[8] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    g_autofree char *next_rule = g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s;UNTIL=%04d0331",
                                                  byday[rk_day_weekday (night)],
                                                  p.first_year + 2);
    g_autofree char *prev_rule = g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s;UNTIL=%04d0331",
                                                  byday[rk_day_weekday (night - 30)],
                                                  p.first_year + 2);

    shifted_series = add_one_off (store, "翌日に回す毎週", rk_minute_make (night - 28, 15 * 60),
                                  rk_minute_make (night - 28, 16 * 60), next_rule, closed_room,
                                  "next-day");
    earlier_series = add_one_off (store, "前日に回す毎週", rk_minute_make (night - 58, 15 * 60),
                                  rk_minute_make (night - 58, 16 * 60), prev_rule, 0,
                                  "previous-day");
  }
  /* Moved by hand from the next month's first week into this one. */
  from_date = night + 29;
  {
    g_autofree char *rule = NULL;

    while (rk_day_weekday (from_date) != 1)
      from_date++;
    rule = g_strdup_printf ("FREQ=WEEKLY;BYDAY=MO;UNTIL=%04d0331", p.first_year + 2);
    pulled = add_one_off (store, "前に移した回", rk_minute_make (from_date - 70, 9 * 60),
                          rk_minute_make (from_date - 70, 10 * 60), rule, 0, NULL);
    g_assert_true (rk_store_set_exception (store, pulled, from_date, RK_EXCEPTION_MOVED,
                                           rk_minute_make (night + 20, 9 * 60),
                                           rk_minute_make (night + 20, 10 * 60), NULL, &error));
  }
  /* Series that end the day before a month (UNTIL) or across its first
   * day (COUNT), and one that never ends (no series_end), started years
   * before; and a one-off that ends at the month's first midnight. */
  edge = night - 30;
  {
    g_autofree char *daily_until = NULL;
    g_autofree char *monthly = NULL;
    int y, m, d;

    rk_day_to_ymd (edge - 1, &y, &m, &d);
    daily_until = g_strdup_printf ("FREQ=DAILY;UNTIL=%04d%02d%02d", y, m, d);
    ended = add_one_off (store, "前月で終わる毎日", rk_minute_make (edge - 10, 8 * 60),
                         rk_minute_make (edge - 10, 9 * 60), daily_until, 0, NULL);
    counted = add_one_off (store, "三回の毎日", rk_minute_make (edge - 2, 8 * 60),
                           rk_minute_make (edge - 2, 9 * 60), "FREQ=DAILY;COUNT=3", 0, NULL);
    monthly = g_strdup_printf ("FREQ=MONTHLY;BYMONTHDAY=%d", rk_day_weekday (first) + 10);
    endless = add_one_off (store, "終わりのない毎月", rk_minute_make (first, 9 * 60),
                           rk_minute_make (first, 10 * 60), monthly, 0, NULL);
    add_one_off (store, "月の境で終わる回", rk_minute_make (edge - 1, 22 * 60),
                 rk_minute_make (edge, 0), NULL, 0, NULL);
  }
  /* Records of the occurrences moved in from far away, by a policy across
   * the month's edge, by hand from the next month, and of those above. */
  add_record (store, moved, monday + 7);
  add_record (store, shifted, night);
  add_record (store, earlier, night - 30);
  add_record (store, shifted_series, night);
  add_record (store, earlier_series, night - 30);
  add_record (store, pulled, from_date);
  add_record (store, ended, edge - 1);
  add_record (store, counted, edge);
  add_record (store, endless, rk_day_from_ymd (p.first_year + 1, 2, rk_day_weekday (first) + 10));
  g_assert_true (rk_store_assign (store, shifted, 4, 0, FALSE, &error));
  g_assert_true (rk_store_assign (store, earlier, 5, 0, FALSE, &error));
  g_assert_true (rk_store_assign (store, late, 3, 0, FALSE, &error));
  g_assert_cmpint (rk_store_add_unavailability (store, 3, rk_minute_make (night + 1, 2 * 60),
                                                rk_minute_make (night + 1, 4 * 60), "通院",
                                                &error), >, 0);
  g_assert_true (rk_store_commit (store, &error));
  g_assert_no_error (error);

  all = rk_store_load_all (store, &error);
  g_assert_no_error (error);
  everything = rk_schedule_expand (all, first - 40, rk_day_from_ymd (p.first_year + 3, 6, 30),
                                   &error);
  g_assert_no_error (error);
  for (int m = 0; m < 24; m++)
    {
      int y = p.first_year + (3 + m) / 12, mo = (3 + m) % 12 + 1;
      RkDay from = rk_day_from_ymd (y, mo, 1);

      assert_view_matches (store, from, from + (RkDay) rk_days_in_month (y, mo) - 1, all,
                           everything);
      assert_view_matches (store, from + 9, from + 15, all, everything);
      assert_view_matches (store, from + 20, from + 20, all, everything);
      n_checked += 3;
    }
  assert_view_matches (store, night - 30, night, all, everything);
  assert_view_matches (store, night + 1, night + 1, all, everything);
  assert_view_matches (store, night + 20, night + 20, all, everything);
  assert_view_matches (store, night - 31, night - 31, all, everything);
  assert_view_matches (store, edge, edge, all, everything);
  assert_view_matches (store, edge - 1, edge - 1, all, everything);
  /* After the generated years: only the series that never ends. */
  assert_view_matches (store, rk_day_from_ymd (p.first_year + 3, 5, 1),
                       rk_day_from_ymd (p.first_year + 3, 5, 31), all, everything);
  g_assert_cmpuint (n_checked, ==, 72);

  /* The series that ended is in December's view, not January's; the
   * counted one in both; the endless one in a month years on. */
  {
    g_autoptr(RkSchedule) dec = rk_store_load_view (store, edge - 31, edge - 1, &error);
    g_autoptr(GArray) dec_occs = rk_schedule_expand (dec, edge - 31, edge - 1, &error);
    g_autoptr(RkSchedule) jan = rk_store_load_view (store, edge, night, &error);
    g_autoptr(GArray) jan_occs = rk_schedule_expand (jan, edge, night, &error);
    RkDay later = rk_day_from_ymd (p.first_year + 3, 5, 1);
    g_autoptr(RkSchedule) may = rk_store_load_view (store, later, later + 30, &error);
    g_autoptr(GArray) may_occs = rk_schedule_expand (may, later, later + 30, &error);
    const RkOcc *o;

    g_assert_no_error (error);
    g_assert_nonnull (rk_occ_find (dec_occs, ended, edge - 1));
    for (guint i = 0; i < jan_occs->len; i++)
      g_assert_cmpint (g_array_index (jan_occs, RkOcc, i).event->id, !=, ended);
    /* Beyond the holiday policies' reach it is not even read. */
    {
      g_autoptr(RkSchedule) mar = rk_store_load_view (store, edge + 59, edge + 89, &error);

      g_assert_no_error (error);
      g_assert_null (rk_schedule_event (mar, ended));
      g_assert_nonnull (rk_schedule_event (mar, endless));
    }
    g_assert_nonnull (rk_occ_find (dec_occs, counted, edge - 1));
    g_assert_nonnull ((o = rk_occ_find (jan_occs, counted, edge)));
    g_assert_true (has_record (jan, o));
    g_assert_null (rk_occ_find (jan_occs, counted, edge + 1));
    g_assert_cmpuint (may_occs->len, ==, 1);
    g_assert_cmpint (g_array_index (may_occs, RkOcc, 0).event->id, ==, endless);
  }

  /* Moved by a holiday policy into the view of the next or previous day. */
  {
    g_autoptr(RkSchedule) feb = rk_store_load_view (store, night + 1, night + 1, &error);
    g_autoptr(GArray) feb_occs = rk_schedule_expand (feb, night + 1, night + 1, &error);
    g_autoptr(RkSchedule) dec = rk_store_load_view (store, night - 31, night - 31, &error);
    g_autoptr(GArray) dec_occs = rk_schedule_expand (dec, night - 31, night - 31, &error);
    const RkOcc *o = rk_occ_find (feb_occs, shifted, night);

    g_assert_nonnull (o);
    g_assert_cmpint (rk_minute_day (o->start), ==, night + 1);
    g_assert_true (has_record (feb, o));
    o = rk_occ_find (dec_occs, earlier, night - 30);
    g_assert_nonnull (o);
    g_assert_cmpint (rk_minute_day (o->start), ==, night - 31);
    o = rk_occ_find (feb_occs, shifted_series, night);
    g_assert_nonnull (o);
    g_assert_cmpint (rk_minute_day (o->start), ==, night + 1);
    o = rk_occ_find (dec_occs, earlier_series, night - 30);
    g_assert_nonnull (o);
    g_assert_cmpint (rk_minute_day (o->start), ==, night - 31);
    g_assert_true (has_record (dec, o));
  }

  /* The cases above are in the views they were made for. */
  {
    g_autoptr(RkSchedule) view = rk_store_load_view (store, night - 30, night, &error);
    g_autoptr(GArray) occs = rk_schedule_expand (view, night - 30, night, &error);
    g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) problems = rk_check (view, occs, night - 30, night, night - 30);
    const RkOcc *o = rk_occ_find (occs, moved, monday + 7);
    gboolean away = FALSE;

    g_assert_nonnull (o);
    g_assert_true (has_record (view, o));
    rk_occ_staff (o, staff);
    g_assert_cmpuint (staff->len, ==, 2);
    g_assert_true (rk_occ_staff_tentative (o, 2));
    for (guint i = 0; i < problems->len; i++)
      away = away || g_strcmp0 (rk_problem_get_kind (g_ptr_array_index (problems, i)),
                                "staff_unavailable") == 0;
    g_assert_true (away);
  }
}

/* rk_suggest() offers exactly the active staff of the role that
 * rk_staff_is_free() finds free, for every occurrence of a month. */
static void
test_suggest_matches_staff_is_free (void)
{
  g_autoptr(GError) error = NULL;
  RkGenParams p;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) s = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (gint64));
  RkDay from, to;
  guint compared = 0, offered = 0;

  tiny_params (&p, 2, 1);
  store = generated (&p, NULL, NULL);
  from = rk_day_from_ymd (p.first_year, 6, 1);
  to = rk_day_from_ymd (p.first_year, 6, 30);
  s = rk_store_load_schedule (store, from, to, &error);
  g_assert_no_error (error);
  occs = rk_schedule_expand (s, from, to, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkSVenue *v = rk_sevent_venue (o->event);

      if (!rk_occ_is_active (o))
        continue;
      rk_occ_staff (o, on);
      for (int role = 0; role < RK_N_ROLES; role++)
        {
          g_autoptr(GArray) got = rk_suggest (s, occs, o, role);
          g_autoptr(GHashTable) want = g_hash_table_new (g_int64_hash, g_int64_equal);
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, s->staff);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              RkSStaff *st = value;
              gboolean already = FALSE;

              for (guint k = 0; k < on->len; k++)
                already = already || g_array_index (on, gint64, k) == st->id;
              if (st->active && (int) st->role == role && !already &&
                  rk_staff_is_free (s, occs, st->id, o->start, o->end, v ? v->id : 0, o))
                g_hash_table_add (want, &st->id);
            }
          g_assert_cmpuint (got->len, ==, g_hash_table_size (want));
          for (guint k = 0; k < got->len; k++)
            g_assert_true (g_hash_table_contains (want,
                                                  &g_array_index (got, RkSuggestion, k).staff_id));
          offered += got->len;
          compared++;
        }
    }
  g_assert_cmpuint (compared, >, 100);
  g_assert_cmpuint (offered, >, 0);
}

/* Checking, suggesting and finding times read what a view reads (only
 * which occurrences have an attendance record, the one-occurrence rows of
 * the range's dates): they find what they find on the whole schedule. */
/* rk_occ_staff() as it was written first: each series row looks for a row
 * excluding its person that day among all the event's rows. */
static void
occ_staff_reference (const RkOcc *occ, GArray *out)
{
  const GArray *as = occ->event->assigns;

  g_array_set_size (out, 0);
  for (guint i = 0; i < as->len; i++)
    {
      const RkSAssign *a = &g_array_index (as, RkSAssign, i);
      gboolean excluded = FALSE;

      if (a->excluded || (a->occ_date != 0 && a->occ_date != occ->orig_date))
        continue;
      for (guint j = 0; a->occ_date == 0 && j < as->len; j++)
        {
          const RkSAssign *b = &g_array_index (as, RkSAssign, j);

          if (b->excluded && b->staff_id == a->staff_id && b->occ_date == occ->orig_date)
            excluded = TRUE;
        }
      for (guint j = 0; j < out->len; j++)
        excluded = excluded || g_array_index (out, gint64, j) == a->staff_id;
      if (!excluded)
        g_array_append_val (out, a->staff_id);
    }
}

static int
line_compare (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
problem_lines (GPtrArray *problems, guint *double_booked)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s %" G_GINT64_FORMAT " %s",
                                               rk_problem_get_date (p), rk_problem_get_kind (p),
                                               rk_problem_get_staff_id (p),
                                               rk_problem_get_message (p)));
      *double_booked += g_str_has_suffix (rk_problem_get_kind (p), "double_booked");
    }
  return lines;
}

/* A year's expansion is in order (by the day's start, then the event),
 * each occurrence has the staff the first way of counting them gave, and
 * the check finds the same problems whatever order its occurrences come
 * in (in the expansion's order the staff slots are grouped by person
 * without sorting; in any other they are sorted). */
static void
test_expand_and_check_orders (void)
{
  g_autoptr(GError) error = NULL;
  RkGenParams p;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) s = NULL;
  g_autoptr(GArray) occs = NULL, reversed = NULL, mine = NULL, theirs = NULL;
  g_autoptr(GPtrArray) in_order = NULL, out_of_order = NULL;
  g_autoptr(GPtrArray) lines_a = NULL, lines_b = NULL;
  guint excluded_days = 0, booked_a = 0, booked_b = 0;
  RkDay from, to;

  tiny_params (&p, 6, 1);
  store = generated (&p, NULL, NULL);
  from = rk_day_from_ymd (p.first_year, 4, 1);
  to = rk_day_from_ymd (p.first_year + 1, 3, 31);
  s = rk_store_load_view (store, from, to, &error);
  g_assert_no_error (error);
  occs = rk_schedule_expand (s, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occs->len, >, 1000);

  mine = g_array_new (FALSE, FALSE, sizeof (gint64));
  theirs = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const GArray *as = o->event->assigns;

      if (i > 0)
        {
          const RkOcc *prev = &g_array_index (occs, RkOcc, i - 1);
          RkMinute a = rk_occ_is_active (prev) ? prev->start
                       : rk_minute_make (prev->orig_date, rk_minute_of_day (prev->start));
          RkMinute b = rk_occ_is_active (o) ? o->start
                       : rk_minute_make (o->orig_date, rk_minute_of_day (o->start));

          g_assert_true (a < b || (a == b && prev->event->id <= o->event->id));
        }
      rk_occ_staff (o, mine);
      occ_staff_reference (o, theirs);
      g_assert_cmpmem (mine->data, mine->len * sizeof (gint64), theirs->data,
                       theirs->len * sizeof (gint64));
      for (guint j = 0; j < as->len; j++)
        excluded_days += g_array_index (as, RkSAssign, j).excluded &&
                         g_array_index (as, RkSAssign, j).occ_date == o->orig_date;
    }
  /* Stand-ins: a series' person left out on some days. */
  g_assert_cmpuint (excluded_days, >, 0);

  reversed = g_array_sized_new (FALSE, FALSE, sizeof (RkOcc), occs->len);
  for (guint i = occs->len; i > 0; i--)
    g_array_append_val (reversed, g_array_index (occs, RkOcc, i - 1));
  in_order = rk_check (s, occs, from, to, to + 30);
  out_of_order = rk_check (s, reversed, from, to, to + 30);
  lines_a = problem_lines (in_order, &booked_a);
  lines_b = problem_lines (out_of_order, &booked_b);
  g_ptr_array_sort (lines_a, line_compare);
  g_ptr_array_sort (lines_b, line_compare);
  g_assert_cmpuint (booked_a, >, 0);
  g_assert_cmpuint (lines_a->len, ==, lines_b->len);
  for (guint i = 0; i < lines_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lines_a, i), ==, g_ptr_array_index (lines_b, i));
}

static void
test_rules_load_matches_schedule (void)
{
  g_autoptr(GError) error = NULL;
  RkGenParams p;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) full = NULL, rules = NULL;
  g_autoptr(GArray) full_occs = NULL, rules_occs = NULL;
  g_autoptr(GPtrArray) full_problems = NULL, rules_problems = NULL;
  GHashTableIter iter;
  gpointer key, value;
  RkDay from, to;
  guint missing = 0, counted = 0, suggested = 0;

  tiny_params (&p, 4, 1);
  store = generated (&p, NULL, NULL);
  from = rk_day_from_ymd (p.first_year, 4, 1);
  to = rk_day_from_ymd (p.first_year + 1, 3, 31);
  full = rk_store_load_schedule (store, from, to, &error);
  g_assert_no_error (error);
  rules = rk_store_load_view (store, from, to, &error);
  g_assert_no_error (error);

  /* The rules' copy knows of records the whole load has, and says nothing
   * more of them. */
  g_assert_nonnull (full->attendance);
  g_assert_cmpuint (g_hash_table_size (full->attendance), >, 100);
  g_hash_table_iter_init (&iter, rules->attendance);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const RkAttendance *a = g_hash_table_lookup (full->attendance, key);
      const RkAttendance *b = value;

      g_assert_nonnull (a);
      g_assert_cmpint (rk_attendance_key (b->event_id, b->occ_date), ==, *(gint64 *) key);
      counted += a->counts[RK_COUNT_FAMILIES] > 0;
      g_assert_cmpint (b->counts[RK_COUNT_FAMILIES], ==, 0);
      g_assert_cmpuint (b->consultations->len, ==, 0);
      g_assert_null (b->notes);
    }
  g_assert_cmpuint (counted, >, 100);

  full_occs = rk_schedule_expand (full, from, to, &error);
  g_assert_no_error (error);
  rules_occs = rk_schedule_expand (rules, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full_occs->len, ==, rules_occs->len);
  /* The same occurrences have a record. */
  for (guint i = 0; i < full_occs->len; i++)
    g_assert_cmpint (has_record (full, &g_array_index (full_occs, RkOcc, i)), ==,
                     has_record (rules, &g_array_index (rules_occs, RkOcc, i)));
  full_problems = rk_check (full, full_occs, from, to, to + 30);
  rules_problems = rk_check (rules, rules_occs, from, to, to + 30);
  g_assert_cmpuint (full_problems->len, ==, rules_problems->len);
  for (guint i = 0; i < full_problems->len; i++)
    {
      RkProblem *a = g_ptr_array_index (full_problems, i);
      RkProblem *b = g_ptr_array_index (rules_problems, i);

      g_assert_cmpstr (rk_problem_get_message (a), ==, rk_problem_get_message (b));
      missing += g_strcmp0 (rk_problem_get_kind (a), "attendance_missing") == 0;
    }
  /* One held occurrence in thirty has no record. */
  g_assert_cmpuint (missing, >, 0);

  for (guint i = 0; i < full_occs->len; i += 7)
    {
      const RkOcc *a = &g_array_index (full_occs, RkOcc, i);
      const RkOcc *b = &g_array_index (rules_occs, RkOcc, i);
      g_autoptr(GArray) sa = NULL, sb = NULL;

      if (!rk_occ_is_active (a))
        continue;
      sa = rk_suggest (full, full_occs, a, -1);
      sb = rk_suggest (rules, rules_occs, b, -1);
      g_assert_cmpuint (sa->len, ==, sb->len);
      for (guint k = 0; k < sa->len; k++)
        g_assert_cmpint (g_array_index (sa, RkSuggestion, k).staff_id, ==,
                         g_array_index (sb, RkSuggestion, k).staff_id);
      suggested += sa->len;
    }
  g_assert_cmpuint (suggested, >, 0);

  /* Free times of a month, for a class and a meeting. */
  for (int k = 0; k < 2; k++)
    {
      RkFindTimeQuery q;
      g_autoptr(GPtrArray) fa = NULL, fb = NULL;

      rk_find_time_query_init (&q);
      q.duration = k ? 60 : 180;
      q.from = from + 61;
      q.to = from + 91;
      q.required[RK_ROLE_HUB_STAFF] = 2;
      q.required[k ? RK_ROLE_PUBLIC_HEALTH_NURSE : RK_ROLE_MIDWIFE] = 1;
      fa = rk_find_time (full, full_occs, &q);
      fb = rk_find_time (rules, rules_occs, &q);
      g_assert_cmpuint (fa->len, >, 0);
      g_assert_cmpuint (fa->len, ==, fb->len);
      for (guint i = 0; i < fa->len; i++)
        {
          const RkSlot *x = g_ptr_array_index (fa, i), *y = g_ptr_array_index (fb, i);

          g_assert_cmpint (x->start, ==, y->start);
          g_assert_cmpint (x->end, ==, y->end);
          for (int r = 0; r < RK_N_ROLES; r++)
            if (x->staff[r])
              g_assert_cmpmem (x->staff[r]->data, x->staff[r]->len * sizeof (gint64),
                               y->staff[r]->data, y->staff[r]->len * sizeof (gint64));
        }
    }
}

static void
test_holidays_compute_matches_cache (void)
{
  g_assert_null (rk_holidays_compute (RK_HOLIDAYS_FIRST_YEAR - 1));
  g_assert_null (rk_holidays_compute (RK_HOLIDAYS_LAST_YEAR + 1));
  for (int y = RK_HOLIDAYS_FIRST_YEAR; y <= RK_HOLIDAYS_LAST_YEAR; y++)
    {
      g_autoptr(GArray) fresh = rk_holidays_compute (y);
      const GArray *cached = rk_holidays_for_year (y);

      g_assert_nonnull (fresh);
      g_assert_cmpuint (fresh->len, ==, cached->len);
      g_assert_cmpuint (fresh->len, >=, 3);
      for (guint i = 0; i < fresh->len; i++)
        {
          const RkHoliday *a = &g_array_index (fresh, RkHoliday, i);
          const RkHoliday *b = &g_array_index (cached, RkHoliday, i);

          g_assert_cmpint (a->month, ==, b->month);
          g_assert_cmpint (a->day, ==, b->day);
          g_assert_cmpstr (a->name_ja, ==, b->name_ja);
        }
    }
}

/* ---- renkei-cli bench end to end ---------------------------------------- */

static JsonObject *
bench_json (const char *db, const char *hubs, JsonNode **keep)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *o;
  int rc = rk_test_cli (db, NULL, &out, &err, "bench", "--hubs", hubs, "--staff", "30",
                        "--years", "1", "--reps", "1", "--json", NULL);

  if (rc != 0 && rc != 1)
    g_error ("renkei-cli bench exited %d: %s", rc, err);
  *keep = rk_test_json (out);
  o = json_node_get_object (*keep);
  /* Exit 1 exactly when a target was missed, and stderr says which. */
  g_assert_cmpint (rc == 0, ==, json_object_get_boolean_member (o, "targets_met"));
  if (rc == 1)
    g_assert_nonnull (strstr (err, "target missed"));
  return o;
}

static void
test_cli_bench_tiny (void)
{
  static const char * const figures[] = {
    "month_open_ms", "month_open_floor_ms", "month_open_ratio", "check_month_ms",
    "check_year_ms", "suggest_ms", "pdf_month_ms", "pdf_floor_ms", "ics_import_10k_ms",
    "holidays_ms", "rrule_expand_ms", "peak_rss_mb", "find_time_ms", "generate_ms",
    "week_open_ms", "ics_export_year_ms",
  };
  g_autofree char *db = db_path ();
  g_autoptr(JsonNode) first = NULL, second = NULL;
  JsonObject *o, *again, *scaling;

  o = bench_json (db, "3", &first);
  g_assert_cmpint (json_object_get_int_member (o, "occurrences"), >, 300);
  g_assert_cmpint (json_object_get_int_member (o, "assignments"), >,
                   json_object_get_int_member (o, "occurrences"));
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      JsonNode *n = json_object_get_member (o, figures[i]);

      if (n == NULL)
        g_error ("bench --json has no %s", figures[i]);
      g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_DOUBLE);
      g_assert_cmpfloat (json_node_get_double (n), >, 0);
    }
  g_assert_cmpfloat (json_object_get_double_member (o, "month_open_ratio"), ==,
                     json_object_get_double_member (o, "month_open_ratio"));
  /* Measured only beside a server. */
  g_assert_true (json_object_get_null_member (o, "generate_file_ms"));
  g_assert_true (json_object_get_null_member (o, "ics_import_10k_file_ms"));
  scaling = json_object_get_object_member (o, "check_year_scaling");
  g_assert_nonnull (scaling);
  g_assert_cmpfloat (json_object_get_double_member (scaling, "1"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (scaling, "2"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (scaling, "4"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "ics_imported_events"), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (o, "pdf_text_runs"), >, 0);
  g_assert_false (json_object_get_boolean_member (o, "reused"));
  g_assert_cmpstr (json_object_get_string_member (o, "database"), ==, db);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));

  /* The same --db again: reused, same municipality. */
  again = bench_json (db, "3", &second);
  g_assert_true (json_object_get_boolean_member (again, "reused"));
  g_assert_cmpint (json_object_get_int_member (again, "occurrences"), ==,
                   json_object_get_int_member (o, "occurrences"));
  g_assert_cmpint (json_object_get_int_member (again, "assignments"), ==,
                   json_object_get_int_member (o, "assignments"));
}

/* The same bench on the PostgreSQL server: its figures, its own targets,
 * and no throw-away database left behind on the server. */
static void
test_cli_bench_server (void)
{
  g_autofree char *db = NULL;
  g_autofree char *admin = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o, *scaling;
  PGconn *conn;
  PGresult *res;

  if (!g_getenv ("RENKEI_TEST_PG"))
    {
      g_test_skip ("no PostgreSQL test server (RENKEI_TEST_PG)");
      return;
    }
  db = rk_test_pg_database ();
  o = bench_json (db, "2", &node);
  g_assert_cmpstr (json_object_get_string_member (o, "backend"), ==, "postgresql");
  g_assert_cmpint (json_object_get_int_member (o, "occurrences"), >, 200);
  g_assert_cmpfloat (json_object_get_double_member (o, "month_open_ms"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "month_open_floor_ms"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "ics_imported_events"), ==, 10000);
  /* The server's writes beside the same into a file, in the same run. */
  g_assert_cmpfloat (json_object_get_double_member (o, "generate_ms"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "generate_file_ms"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "ics_import_10k_file_ms"), >, 0);
  scaling = json_object_get_object_member (o, "check_year_scaling");
  g_assert_cmpfloat (json_object_get_double_member (scaling, "4"), >, 0);

  admin = g_strdup_printf ("%s dbname=postgres", g_getenv ("RENKEI_TEST_PG"));
  conn = PQconnectdb (admin);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, "SELECT count(*) FROM pg_database WHERE datname LIKE 'renkei_scratch_%'");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "0");
  PQclear (res);
  PQfinish (conn);
}

static void
test_cli_bench_refuses_other_data (void)
{
  g_autofree char *db = db_path ();
  g_autofree char *other = db_path ();
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* A coordinator's real schedule is never written into. */
  id = rk_test_cli_ok (other, NULL, "venue", "add", "--name", "みなみ子育て支援センター", NULL);
  before = rk_test_file_hash (other);
  g_assert_cmpint (rk_test_cli (other, NULL, NULL, &err, "bench", "--hubs", "2", "--staff", "20",
                                "--years", "1", "--reps", "1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not a benchmark municipality"));
  after = rk_test_file_hash (other);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&err, g_free);

  /* A benchmark database made with other settings is not silently reused. */
  bench_json (db, "2", &node);
  g_assert_cmpint (rk_test_cli (db, NULL, NULL, &err, "bench", "--hubs", "3", "--staff", "30",
                                "--years", "1", "--reps", "1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "other settings"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rk_test_cli (db, NULL, NULL, &err, "bench", "--hubs", "zero", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--hubs"));
}

/* Without --db the benchmark works in a temporary database: RENKEI_DB (a
 * coordinator's file) is left alone, and the table is printed. */
static void
test_cli_bench_temporary (void)
{
  g_autofree char *db = db_path ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "RENKEI_DB", db, TRUE);
  const char *argv[] = { g_getenv ("RENKEI_CLI"), "bench", "--hubs", "2", "--staff", "20",
                         "--years", "1", "--reps", "1", "--no-scaling", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (out, "Renkei benchmark: 2 hubs, 20 staff, 1 years"));
  g_assert_nonnull (strstr (out, "(temporary)"));
  g_assert_nonnull (strstr (out, "open month"));
  g_assert_nonnull (strstr (out, "peak RSS"));
  g_assert_true (strstr (out, "All targets met.") != NULL || strstr (out, "Targets missed:") != NULL);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  folders = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/bench/generate/deterministic", test_generate_deterministic);
  g_test_add_func ("/bench/generate/years-independent", test_generate_years_independent);
  g_test_add_func ("/bench/generate/shape", test_generate_shape);
  g_test_add_func ("/bench/generate/default-size", test_generate_default_size);
  g_test_add_func ("/bench/generate/server-same-rows", test_generate_server_same_rows);
  g_test_add_func ("/bench/core/rrule-fast-path", test_rrule_fast_path);
  g_test_add_func ("/bench/core/range-load-matches-all", test_range_load_matches_all);
  g_test_add_func ("/bench/core/view-matches-schedule", test_view_matches_schedule);
  g_test_add_func ("/bench/core/suggest-matches-staff-is-free", test_suggest_matches_staff_is_free);
  g_test_add_func ("/bench/core/rules-load-matches-schedule", test_rules_load_matches_schedule);
  g_test_add_func ("/bench/core/expand-and-check-orders", test_expand_and_check_orders);
  g_test_add_func ("/bench/core/holidays-compute", test_holidays_compute_matches_cache);
  g_test_add_func ("/bench/cli/tiny", test_cli_bench_tiny);
  g_test_add_func ("/bench/cli/refuses-other-data", test_cli_bench_refuses_other_data);
  g_test_add_func ("/bench/cli/server", test_cli_bench_server);
  g_test_add_func ("/bench/cli/temporary", test_cli_bench_temporary);

  rc = g_test_run ();
  for (guint i = 0; i < folders->len; i++)
    remove_folder (g_ptr_array_index (folders, i));
  g_ptr_array_unref (folders);
  return rc;
}
