#define G_LOG_DOMAIN "test-front-ends"
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <gtk/gtk.h>

#include "rk-application.h"
#include "rk-error.h"
#include "rk-schema.h"
#include "rk-store.h"
#include "rk-window.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"

/* One home for each rule: the desktop's drag and cancel and renkei-cli's
 * event move and event cancel go through the same verbs of rk-series.c.
 * Each case is run through both front ends on two copies of the demo
 * data, and what each stored must be the same, row for row. */

#define TODAY "2026-12-01"

/* The demo's events: 3 repeats on the third Friday at 10:00 (first on
 * 2026-12-18); 6 is one afternoon, 2026-12-22 at 14:30. */
#define SERIES 3
#define ONE_OFF 6

typedef enum
{
  MOVE,         /* the occurrence on date to `to` (the CLI) or to its day (the desktop) */
  CANCEL_ONE,
  CANCEL_ALL,
  RETIME_ONE,   /* the occurrence on date to `to`–`end`: a drag in the week, event edit --scope this */
  ROOM_ONE,     /* the occurrence on date to room `room`: a drop by place, event edit --room */
} Verb;

typedef struct
{
  Verb        verb;
  gint64      event_id;
  const char *date;
  const char *to;
  gboolean    refused;
  const char *end;
  gint64      room;
} Step;

typedef struct
{
  const char *name;
  gboolean    back;       /* ends where it began */
  Step        steps[3];
} Case;

static const Case cases[] = {
  { "move-one", FALSE, { { MOVE, SERIES, "2026-12-18", "2026-12-17T10:00" } } },
  { "move-back", TRUE,
    { { MOVE, SERIES, "2026-12-18", "2026-12-17T10:00" },
      { MOVE, SERIES, "2026-12-18", "2026-12-18T10:00" } } },
  { "move-one-off", FALSE, { { MOVE, ONE_OFF, "2026-12-22", "2026-12-24T14:30" } } },
  { "move-one-off-back", TRUE,
    { { MOVE, ONE_OFF, "2026-12-22", "2026-12-24T14:30" },
      { MOVE, ONE_OFF, "2026-12-22", "2026-12-22T14:30" } } },
  { "move-cancelled-refused", FALSE,
    { { CANCEL_ONE, SERIES, "2026-12-18" },
      { MOVE, SERIES, "2026-12-18", "2026-12-17T10:00", TRUE } } },
  { "cancel-one", FALSE, { { CANCEL_ONE, SERIES, "2026-12-18" } } },
  { "cancel-twice-refused", FALSE,
    { { CANCEL_ONE, SERIES, "2026-12-18" }, { CANCEL_ONE, SERIES, "2026-12-18", NULL, TRUE } } },
  { "cancel-series", FALSE, { { CANCEL_ALL, SERIES, "2026-12-18" } } },
  { "cancel-series-twice-refused", FALSE,
    { { CANCEL_ALL, SERIES, "2026-12-18" }, { CANCEL_ALL, SERIES, "2026-12-18", NULL, TRUE } } },
  { "retime-one", FALSE,
    { { RETIME_ONE, SERIES, "2026-12-18", "2026-12-18T13:00", FALSE, "2026-12-18T15:30" } } },
  { "retime-one-off", FALSE,
    { { RETIME_ONE, ONE_OFF, "2026-12-22", "2026-12-22T09:00", FALSE, "2026-12-22T10:00" } } },
  { "room-one", FALSE, { { ROOM_ONE, SERIES, "2026-12-18", NULL, FALSE, NULL, 4 } } },
  { "room-one-off", FALSE, { { ROOM_ONE, ONE_OFF, "2026-12-22", NULL, FALSE, NULL, 5 } } },
};

typedef struct
{
  char     *dir;
  char     *gui_db;
  char     *cli_db;
  RkStore  *store;
  RkWindow *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) copy = NULL;

  f->dir = g_dir_make_tmp ("renkei-front-ends-XXXXXX", &error);
  g_assert_no_error (error);
  f->gui_db = g_build_filename (f->dir, "desktop.db", NULL);
  f->cli_db = g_build_filename (f->dir, "cli.db", NULL);
  f->store = rk_store_open (f->gui_db, &error);
  g_assert_no_error (error);
  rk_test_fill_demo (f->store, TODAY);
  copy = rk_store_open (f->cli_db, &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_copy_to (f->store, copy, NULL, &error));
  g_assert_no_error (error);
  f->window = rk_window_new (NULL, f->store);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  rk_test_pump (100);  /* The month of today, read by the worker. */
  rk_test_wait_month (f->window);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->window);
  rk_test_pump (20);
  g_clear_object (&f->store);
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->gui_db);
  g_free (f->cli_db);
}

static RkDay
day_of (const char *text)
{
  RkDay d = 0;

  g_assert_true (rk_date_parse (text, &d));
  return d;
}

static gboolean
run_desktop (Fixture *f, const Step *s, GError **error)
{
  gboolean ok;

  switch (s->verb)
    {
    case MOVE:
      {
        RkMinute to;

        g_assert_true (rk_time_parse (s->to, &to));
        ok = rk_test_move_occurrence (f->window, s->event_id, day_of (s->date),
                                        rk_minute_day (to), FALSE, error);
      }
      break;
    case RETIME_ONE:
      {
        RkMinute start, end;

        g_assert_true (rk_time_parse (s->to, &start) && rk_time_parse (s->end, &end));
        ok = rk_test_retime (RK_PLAN_PAGE (rk_window_get_page (f->window, "plan")), s->event_id,
                             day_of (s->date), start, end, FALSE, error);
      }
      break;
    case ROOM_ONE:
      ok = rk_test_set_room (RK_PLAN_PAGE (rk_window_get_page (f->window, "plan")), s->event_id,
                             day_of (s->date), s->room, FALSE, error);
      break;
    case CANCEL_ONE:
    case CANCEL_ALL:
    default:
      ok = rk_test_cancel_occurrence (f->window, s->event_id, day_of (s->date),
                                        s->verb == CANCEL_ALL, error);
      break;
    }
  rk_window_reload (f->window);
  return ok;
}

static int
run_cli (Fixture *f, const Step *s)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->event_id);

  switch (s->verb)
    {
    case MOVE:
      return rk_test_cli (f->cli_db, TODAY, NULL, NULL, "event", "move", id, "--date", s->date,
                          "--to", s->to, NULL);
    case CANCEL_ONE:
      return rk_test_cli (f->cli_db, TODAY, NULL, NULL, "event", "cancel", id, "--date", s->date,
                          NULL);
    case RETIME_ONE:
      return rk_test_cli (f->cli_db, TODAY, NULL, NULL, "event", "edit", id, "--date", s->date,
                          "--scope", "this", "--start", s->to, "--end", s->end, NULL);
    case ROOM_ONE:
      {
        g_autofree char *room = g_strdup_printf ("%" G_GINT64_FORMAT, s->room);

        return rk_test_cli (f->cli_db, TODAY, NULL, NULL, "event", "edit", id, "--date", s->date,
                            "--scope", "this", "--room", room, NULL);
      }
    case CANCEL_ALL:
    default:
      return rk_test_cli (f->cli_db, TODAY, NULL, NULL, "event", "cancel", id, NULL);
    }
}

/* Every event's row, exceptions and staff, as text (UIDs blanked). */
static char *
stored (RkStore *store)
{
  static const RkRowSet sets[] = { RK_ROWS_EVENT, RK_ROWS_EVENT_EXCEPTIONS, RK_ROWS_EVENT_STAFF };
  GString *out = g_string_new (NULL);

  for (gint64 id = 1; id <= 20; id++)
    for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GVariant) rows = rk_store_get_rows (store, sets[i], id, &error);
        g_autofree char *text = NULL;

        g_assert_no_error (error);
        text = g_variant_print (rows, FALSE);
        /* An occurrence split off into an event of its own (another room
         * for one date) gets a new random UID in each front end. */
        {
          char *uid = strstr (text, "'uid': <'");

          if (uid)
            for (char *c = uid + strlen ("'uid': <'"); *c && *c != '\''; c++)
              *c = 'x';
        }
        g_string_append_printf (out, "%" G_GINT64_FORMAT "/%u: %s\n", id, i, text);
      }
  return g_string_free (out, FALSE);
}

static void
test_same_result (Fixture *f, gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) cli = NULL;
  g_autofree char *before = stored (f->store);
  g_autofree char *desktop = NULL, *by_cli = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (c->steps) && c->steps[i].event_id; i++)
    {
      const Step *s = &c->steps[i];
      g_autoptr(GError) step_error = NULL;
      gboolean ok = run_desktop (f, s, &step_error);
      int rc = run_cli (f, s);

      if (s->refused)
        {
          g_assert_false (ok);
          g_assert_error (step_error, RK_ERROR, RK_ERROR_INVALID);
          g_assert_cmpint (rc, !=, 0);
        }
      else
        {
          g_assert_no_error (step_error);
          g_assert_true (ok);
          g_assert_cmpint (rc, ==, 0);
        }
    }
  desktop = stored (f->store);
  cli = rk_store_open (f->cli_db, &error);
  g_assert_no_error (error);
  by_cli = stored (cli);
  if (!g_str_equal (desktop, by_cli))
    g_test_message ("the desktop stored:\n%s\nrenkei-cli stored:\n%s", desktop, by_cli);
  g_assert_true (g_str_equal (desktop, by_cli));
  /* Moved back, nothing is left of the move (not even an exception); else
   * the case changed something (refused, at least its first step did). */
  g_assert_true (g_str_equal (desktop, before) == c->back);
}

/* Moved back where the rule puts it, an occurrence has no exception left:
 * the desktop's drag used to keep one. */
static void
test_move_back_leaves_no_exception (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) rows = NULL;

  g_assert_true (rk_test_move_occurrence (f->window, SERIES, day_of ("2026-12-18"),
                                            day_of ("2026-12-17"), FALSE, &error));
  rk_window_reload (f->window);
  rows = rk_store_get_rows (f->store, RK_ROWS_EVENT_EXCEPTIONS, SERIES, &error);
  g_assert_cmpuint (g_variant_n_children (rows), ==, 1);
  g_clear_pointer (&rows, g_variant_unref);
  g_assert_true (rk_test_move_occurrence (f->window, SERIES, day_of ("2026-12-18"),
                                            day_of ("2026-12-18"), FALSE, &error));
  g_assert_no_error (error);
  rows = rk_store_get_rows (f->store, RK_ROWS_EVENT_EXCEPTIONS, SERIES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (rows), ==, 0);
}

/* The whole series dragged two days later: the rule follows the weekday
 * ("the third Friday" becomes "the third Sunday"), the times keep theirs. */
static void
test_move_series (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEvent) ev = NULL;

  g_assert_true (rk_test_move_occurrence (f->window, SERIES, day_of ("2026-12-18"),
                                            day_of ("2026-12-20"), TRUE, &error));
  g_assert_no_error (error);
  ev = rk_store_get_event (f->store, SERIES, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_event_get_start (ev), ==, "2026-12-20T10:00");
  g_assert_cmpstr (rk_event_get_end (ev), ==, "2026-12-20T12:00");
  g_assert_nonnull (strstr (rk_event_get_rrule (ev), "BYDAY=3SU"));
}

/* A cancelled occurrence dragged in the week (to another time) or by place
 * (to another room) stays cancelled, as a drag in the month and
 * `renkei-cli event move` leave it: refused, nothing stored. */
static void
test_plan_refuses_cancelled (Fixture *f, gconstpointer data)
{
  RkPlanPage *plan = RK_PLAN_PAGE (rk_window_get_page (f->window, "plan"));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  RkMinute start, end;

  g_assert_true (rk_test_cancel_occurrence (f->window, SERIES, day_of ("2026-12-18"), FALSE,
                                              &error));
  g_assert_true (rk_test_cancel_occurrence (f->window, ONE_OFF, day_of ("2026-12-22"), FALSE,
                                              &error));
  g_assert_no_error (error);
  before = stored (f->store);
  g_assert_true (rk_time_parse ("2026-12-18T13:00", &start) && rk_time_parse ("2026-12-18T15:00", &end));
  g_assert_false (rk_test_retime (plan, SERIES, day_of ("2026-12-18"), start, end, FALSE, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rk_test_set_room (plan, SERIES, day_of ("2026-12-18"), 4, FALSE, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rk_time_parse ("2026-12-22T09:00", &start) && rk_time_parse ("2026-12-22T10:00", &end));
  g_assert_false (rk_test_retime (plan, ONE_OFF, day_of ("2026-12-22"), start, end, FALSE, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  after = stored (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* ---- reasons are stored as tokens --------------------------------------- */

static char *
reason_of (const char *db, gint64 event_id)
{
  sqlite3 *s = NULL;
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_open (db, &s), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (s, "SELECT reason FROM event_exception WHERE event_id = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (s);
  return out;
}

/* An "only this occurrence" edit of the time: stored as a token, shown in
 * the reader's language (here C: English), never in the writer's. */
static void
test_reason_token (void)
{
  g_autofree char *dir = g_dir_make_tmp ("renkei-reason-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *reason = NULL, *list = NULL;

  g_free (rk_test_cli_ok (db, TODAY, "init", "--demo", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "edit", "3", "--date", "2026-12-18", "--scope",
                          "this", "--start", "2026-12-18T11:00", "--end", "2026-12-18T13:00",
                          NULL));
  reason = reason_of (db, 3);
  g_assert_cmpstr (reason, ==, "@changed");
  list = rk_test_cli_ok (db, TODAY, "event", "list", "--from", "2026-12-18", "--to", "2026-12-18",
                         NULL);
  g_assert_nonnull (strstr (list, "changed for this day"));
  g_assert_null (strstr (list, "@changed"));
  rk_test_rm_rf (dir);
}

/* Files written before: the Japanese (and English) reasons Renkei stored
 * itself become tokens when the file is opened; a person's own stays. */
static void
test_reason_migration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("renkei-reason-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "old.db", NULL);
  g_autofree char *list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GVariant) rows = NULL;
  g_autofree char *text = NULL;
  sqlite3 *s = NULL;
  guint target = 0;

  for (guint i = 0; i < rk_sqlite_n_migrations; i++)
    if (strcmp (rk_sqlite_migrations[i], RK_SCHEMA_REASON_TOKENS) == 0)
      target = i;
  g_assert_cmpuint (target, >, 0);
  g_assert_cmpint (sqlite3_open (db, &s), ==, SQLITE_OK);
  for (guint i = 0; i < target; i++)
    g_assert_cmpint (sqlite3_exec (s, rk_sqlite_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  text = g_strdup_printf (
    "PRAGMA user_version = %u; PRAGMA application_id = %d;"
    "INSERT INTO event (id, title, start_at, end_at, series_end, rrule, uid) VALUES "
    "(1, 'Class', '2026-12-04T10:00', '2026-12-04T11:00', NULL, 'FREQ=WEEKLY;BYDAY=FR', 'u1');"
    "INSERT INTO event_exception (event_id, occ_date, kind, start_at, end_at, reason) VALUES "
    "(1, '2026-12-04', 'moved', '2026-12-04T13:00', '2026-12-04T14:00', 'この日のみ変更'),"
    "(1, '2026-12-11', 'moved', '2026-12-12T10:00', '2026-12-12T11:00', '手動で移動'),"
    "(1, '2026-12-18', 'cancelled', NULL, NULL, '予定 12 に置き換え'),"
    "(1, '2026-12-25', 'cancelled', NULL, NULL, 'replaced by event 7'),"
    "(1, '2027-01-01', 'cancelled', NULL, NULL, '中止'),"
    "(1, '2027-01-08', 'cancelled', NULL, NULL, '講師の都合');",
    target, RK_APPLICATION_ID);
  g_assert_cmpint (sqlite3_exec (s, text, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (s);

  store = rk_store_open (db, &error);
  g_assert_no_error (error);
  rows = rk_store_get_rows (store, RK_ROWS_EVENT_EXCEPTIONS, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = g_variant_print (rows, FALSE);
  g_assert_nonnull (strstr (text, "'@changed'"));
  g_assert_nonnull (strstr (text, "'@replaced:12'"));
  g_assert_nonnull (strstr (text, "'@replaced:7'"));
  g_assert_nonnull (strstr (text, "'講師の都合'"));
  g_assert_null (strstr (text, "手動で移動"));
  g_assert_null (strstr (text, "中止"));
  g_assert_null (strstr (text, "この日のみ変更"));
  g_clear_object (&store);

  list = rk_test_cli_ok (db, TODAY, "event", "list", "--from", "2026-12-01", "--to", "2027-01-10",
                         NULL);
  g_assert_nonnull (strstr (list, "changed for this day"));
  g_assert_nonnull (strstr (list, "moved by hand"));
  g_assert_nonnull (strstr (list, "replaced by event 12"));
  g_assert_nonnull (strstr (list, "講師の都合"));
  g_assert_null (strstr (list, "@"));
  rk_test_rm_rf (dir);
}

/* Whether text has anything but ASCII: with the people's words all ASCII
 * below, anything else is Renkei's own Japanese. */
static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  return FALSE;
}

/* Every reason of the file's exceptions, one a line. */
static char *
stored_reasons (const char *db)
{
  sqlite3 *s = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (db, &s), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (s, "SELECT event_id, occ_date, kind, coalesce (reason, '-') "
                                       "FROM event_exception ORDER BY event_id, occ_date",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (s);
  return g_string_free (out, FALSE);
}

/* A coordinator working in Japanese: every verb that gives an exception a
 * reason of Renkei's own, with ASCII names and times. */
static void
fill_rk_test_cli_set_japanese (const char *db)
{
  rk_test_cli_set_japanese (TRUE);
  g_free (rk_test_cli_ok (db, TODAY, "init", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "venue", "add", "--name", "Hub", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "room", "add", "--venue", "1", "--name", "Room", "--capacity",
                          "20", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "add", "--title", "Class", "--room", "1", "--start",
                          "2026-12-04T10:00", "--end", "2026-12-04T12:00", "--repeat",
                          "FREQ=WEEKLY;BYDAY=FR;COUNT=8", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "add", "--title", "Talk", "--start",
                          "2026-12-22T14:00", "--end", "2026-12-22T15:00", NULL));
  /* 2: the room is taken by event 1 on the 25th */
  g_free (rk_test_cli_ok (db, TODAY, "event", "add", "--title", "Play", "--room", "1", "--start",
                          "2026-12-23T10:00", "--end", "2026-12-23T12:00", "--repeat",
                          "FREQ=DAILY;COUNT=3", "--skip-conflicts", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "edit", "1", "--date", "2026-12-11", "--scope", "this",
                          "--start", "2026-12-11T11:00", "--end", "2026-12-11T13:00", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "move", "1", "--date", "2026-12-18", "--to",
                          "2026-12-17T10:00", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "cancel", "1", "--date", "2027-01-01", NULL));
  g_free (rk_test_cli_ok (db, TODAY, "event", "cancel", "2", NULL));
  rk_test_cli_set_japanese (FALSE);
}

/* What Renkei wrote in Japanese reads in English: no Japanese the person
 * did not type is stored or listed. */
static void
test_reasons_read_in_c (void)
{
  g_autofree char *dir = g_dir_make_tmp ("renkei-reason-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "ja.db", NULL);
  g_autofree char *reasons = NULL, *list = NULL;

  fill_rk_test_cli_set_japanese (db);
  reasons = stored_reasons (db);
  g_assert_cmpstr (reasons, ==,
                   "1 2026-12-11 moved @changed\n"
                   "1 2026-12-18 moved -\n"
                   "1 2027-01-01 cancelled -\n"
                   "3 2026-12-25 skipped @room-taken:1\n");
  list = rk_test_cli_ok (db, TODAY, "event", "list", "--from", "2026-12-01", "--to", "2027-01-31",
                         NULL);
  g_assert_false (has_non_ascii (list));
  g_assert_nonnull (strstr (list, "the room is taken by event 1"));
  g_assert_nonnull (strstr (list, "changed for this day"));
  rk_test_rm_rf (dir);
}

/* A .csv exported in Japanese and imported into another file: the reasons
 * Renkei showed become its tokens again, not stored Japanese. */
static void
test_reasons_csv_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("renkei-reason-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "ja.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "december.csv", NULL);
  g_autofree char *reasons = NULL, *text = NULL;

  fill_rk_test_cli_set_japanese (db);
  rk_test_cli_set_japanese (TRUE);
  g_free (rk_test_cli_ok (db, TODAY, "export", "--month", "2026-12", "--format", "csv",
                          "--audience", "staff", "-o", csv, NULL));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "部屋が予定 1 で使用中"));
  g_free (rk_test_cli_ok (copy, TODAY, "init", NULL));
  g_free (rk_test_cli_ok (copy, TODAY, "import", csv, NULL));
  rk_test_cli_set_japanese (FALSE);
  reasons = stored_reasons (copy);
  g_assert_false (has_non_ascii (reasons));
  g_assert_nonnull (strstr (reasons, " skipped @room-taken:1\n"));
  g_assert_nonnull (strstr (reasons, " cancelled -\n"));
  rk_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RK_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  rk_test_init (&argc, &argv);

  g_test_add_func ("/reasons/stored-as-token", test_reason_token);
  g_test_add_func ("/reasons/migrated-to-tokens", test_reason_migration);
  g_test_add_func ("/reasons/written-in-japanese-read-in-c", test_reasons_read_in_c);
  g_test_add_func ("/reasons/csv-round-trip-keeps-tokens", test_reasons_csv_round_trip);
  if (!gtk_init_check ())
    {
      g_test_message ("no display: the desktop's cases need xvfb-run");
      return g_test_run ();
    }
  rk_gui_init ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/front-ends/same-result/%s", cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_same_result, fixture_teardown);
    }
  g_test_add ("/front-ends/desktop/move-back-leaves-no-exception", Fixture, NULL, fixture_setup,
              test_move_back_leaves_no_exception, fixture_teardown);
  g_test_add ("/front-ends/desktop/move-series", Fixture, NULL, fixture_setup, test_move_series,
              fixture_teardown);
  g_test_add ("/front-ends/desktop/plan-refuses-cancelled", Fixture, NULL, fixture_setup,
              test_plan_refuses_cancelled, fixture_teardown);
  return g_test_run ();
}
