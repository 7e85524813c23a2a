#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "rk-test-util.h"

/* Weekly availability, limits, a role's minimum and wish, and the staffing
 * plan, end to end through $RENKEI_CLI on a fresh database per case (a
 * file, or a server database with RENKEI_TEST_BACKEND=postgresql). June
 * 2026 has no national holiday; 2026-06-01 is a Monday. */

#define TODAY "2026-05-20"

typedef struct
{
  char *db;
} Fx;

static int
cli (Fx *fx, char **out, char **err, ...)
{
  va_list ap;
  int rc;

  va_start (ap, err);
  rc = rk_test_cli_va (fx->db, TODAY, out, err, ap);
  va_end (ap);
  return rc;
}

/* Exit 0 (warnings on stderr allowed); stdout stripped. */
static char *
ok (Fx *fx, ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int rc;

  va_start (ap, fx);
  rc = rk_test_cli_va (fx->db, TODAY, &out, &err, ap);
  va_end (ap);
  if (rc != 0)
    g_error ("renkei-cli exited %d: %s", rc, err);
  return g_strdup (g_strstrip (out));
}

#define OK(...) g_free (ok (fx, __VA_ARGS__, NULL))

static JsonNode *
json_of (Fx *fx, int want_rc, ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int rc;

  va_start (ap, want_rc);
  rc = rk_test_cli_va (fx->db, TODAY, &out, &err, ap);
  va_end (ap);
  if (rc != want_rc)
    g_error ("renkei-cli exited %d, not %d: %s", rc, want_rc, err);
  return rk_test_json (out);
}

static void
fx_setup (Fx *fx, gconstpointer data)
{
  fx->db = rk_test_db_path ();
  OK ("init");
  OK ("venue", "add", "--name", "みなみ");                                       /* venue 1 */
  OK ("venue", "add", "--name", "きた");                                         /* venue 2 */
  OK ("room", "add", "--venue", "1", "--name", "ホール", "--capacity", "30");    /* room 1 */
  OK ("room", "add", "--venue", "2", "--name", "ホール", "--capacity", "30");    /* room 2 */
}

static void
fx_teardown (Fx *fx, gconstpointer data)
{
  g_free (fx->db);
}

/* Problems of one kind in `check --json` over June. */
static guint
count_kind (Fx *fx, const char *kind, gint64 staff_id)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *a;
  guint n = 0;

  cli (fx, &out, NULL, "check", "--from", "2026-06-01", "--to", "2026-06-30", "--json", NULL);
  node = rk_test_json (out);
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *p = json_array_get_object_element (a, i);
      if (g_strcmp0 (json_object_get_string_member (p, "kind"), kind) != 0)
        continue;
      if (staff_id)
        g_assert_cmpint (json_object_get_int_member (p, "staff_id"), ==, staff_id);
      n++;
    }
  return n;
}

/* ---- availability ------------------------------------------------------- */

static void
test_availability_set_and_show (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  JsonObject *o;
  JsonArray *weekly;

  OK ("staff", "add", "--name", "ボランティア 田中", "--role", "childcare_volunteer");   /* 1 */
  text = ok (fx, "staff", "availability", "1", NULL);
  g_assert_cmpstr (text, ==, "any time");

  OK ("staff", "availability", "1", "--weekday", "TU,TH", "--between", "09:00-12:00",
      "--max-hours-week", "16", "--max-sessions-month", "8");
  node = json_of (fx, 0, "staff", "availability", "1", "--json", NULL);
  o = json_node_get_object (node);
  weekly = json_object_get_array_member (o, "weekly");
  g_assert_cmpuint (json_array_get_length (weekly), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weekly, 0), "weekday"), ==, "TU");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weekly, 1), "start"), ==, "09:00");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weekly, 1), "end"), ==, "12:00");
  g_assert_cmpfloat (json_object_get_double_member (o, "max_hours_week"), ==, 16.0);
  g_assert_cmpint (json_object_get_int_member (o, "max_sessions_month"), ==, 8);
  g_clear_pointer (&node, json_node_unref);

  /* Thursday afternoons instead: Tuesday stays, the limits stay. */
  OK ("staff", "availability", "1", "--weekday", "TH", "--between", "13:00-16:00,17:00-18:30");
  g_free (text);
  text = ok (fx, "staff", "availability", "1", NULL);
  g_assert_cmpstr (text, ==,
                   "Tue 09:00–12:00; Thu 13:00–16:00, 17:00–18:30; up to 16 hours a week; "
                   "up to 8 sessions a month");

  /* Bad input: exit 2, nothing written. */
  g_assert_cmpint (cli (fx, NULL, &err, "staff", "availability", "1", "--weekday", "XY", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--weekday"));
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "availability", "1", "--weekday", "MO",
                        "--between", "12:00-09:00", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "availability", "1", "--weekday", "MO",
                        "--between", "09:00-12:00,11:00-13:00", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "availability", "1", "--between", "09:00-12:00",
                        NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "availability", "1", "--max-hours-week", "-3",
                        NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "availability", "1", "--max-sessions-month", "x",
                        NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "availability", "99", "--clear", NULL), ==, 2);
  g_free (text);
  text = ok (fx, "staff", "availability", "1", NULL);
  g_assert_cmpstr (text, ==,
                   "Tue 09:00–12:00; Thu 13:00–16:00, 17:00–18:30; up to 16 hours a week; "
                   "up to 8 sessions a month");

  /* 0 takes a limit away; --clear everything. */
  OK ("staff", "availability", "1", "--max-sessions-month", "0", "--max-hours-week", "7.5");
  g_free (text);
  text = ok (fx, "staff", "availability", "1", NULL);
  g_assert_cmpstr (text, ==, "Tue 09:00–12:00; Thu 13:00–16:00, 17:00–18:30; up to 7:30 hours a week");
  OK ("staff", "availability", "1", "--clear");
  g_free (text);
  text = ok (fx, "staff", "availability", "1", NULL);
  g_assert_cmpstr (text, ==, "any time");
}

static void
test_outside_availability (Fx *fx, gconstpointer data)
{
  OK ("staff", "add", "--name", "保健師 佐藤", "--role", "public_health_nurse");   /* 1 */
  OK ("staff", "availability", "1", "--weekday", "WE");
  OK ("event", "add", "--title", "相談", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00");                                                 /* Wed */
  OK ("event", "add", "--title", "計測", "--room", "1", "--start", "2026-06-04T10:00",
      "--end", "2026-06-04T12:00");                                                 /* Thu */
  OK ("assign", "1", "1");
  g_assert_cmpuint (count_kind (fx, "staff_outside_availability", 1), ==, 0);
  /* Assigning outside the pattern is allowed: a problem, not a refusal. */
  OK ("assign", "2", "1");
  g_assert_cmpuint (count_kind (fx, "staff_outside_availability", 1), ==, 1);

  /* Within the day's window, but not within its hours. */
  OK ("staff", "availability", "1", "--clear", "--weekday", "WE,TH", "--between", "09:00-11:00");
  g_assert_cmpuint (count_kind (fx, "staff_outside_availability", 1), ==, 2);
  OK ("staff", "availability", "1", "--weekday", "WE,TH", "--between", "09:00-12:00");
  g_assert_cmpuint (count_kind (fx, "staff_outside_availability", 1), ==, 0);
}

static void
test_over_limit (Fx *fx, gconstpointer data)
{
  g_autofree char *out = NULL;
  int rc;

  OK ("staff", "add", "--name", "助産師 加藤", "--role", "midwife");   /* 1 */
  OK ("staff", "availability", "1", "--max-sessions-month", "3");
  /* Every Tuesday of June (5) and the first of July, 2 hours each. */
  OK ("event", "add", "--title", "相談", "--room", "1", "--start", "2026-06-02T10:00",
      "--end", "2026-06-02T12:00", "--repeat", "FREQ=WEEKLY;COUNT=6");
  OK ("assign", "1", "1");
  g_assert_cmpuint (count_kind (fx, "staff_over_limit", 1), ==, 2);   /* the 4th and 5th */

  /* Checking only the last week still counts the whole month. */
  rc = cli (fx, &out, NULL, "check", "--from", "2026-06-29", "--to", "2026-06-30", "--json", NULL);
  g_assert_cmpint (rc, ==, 1);
  g_assert_nonnull (strstr (out, "staff_over_limit"));

  /* Hours a week: a second session on Thursday passes 3 hours. */
  OK ("staff", "availability", "1", "--max-sessions-month", "0", "--max-hours-week", "3");
  g_assert_cmpuint (count_kind (fx, "staff_over_limit", 1), ==, 0);
  OK ("event", "add", "--title", "計測", "--room", "2", "--start", "2026-06-04T13:00",
      "--end", "2026-06-04T15:00");
  OK ("assign", "2", "1");
  g_assert_cmpuint (count_kind (fx, "staff_over_limit", 1), ==, 1);
  OK ("staff", "availability", "1", "--max-hours-week", "4");
  g_assert_cmpuint (count_kind (fx, "staff_over_limit", 1), ==, 0);
}

/* ---- minimum and wish --------------------------------------------------- */

static void
test_requirement_range (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) programs = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autofree char *list = NULL;
  JsonObject *p, *e;

  OK ("staff", "add", "--name", "加藤", "--role", "midwife");               /* 1 */
  OK ("staff", "add", "--name", "佐藤", "--role", "public_health_nurse");   /* 2 */
  OK ("program", "add", "--name", "相談会", "--requires",
      "public_health_nurse=1,midwife=1-2", "--duration", "120");
  list = ok (fx, "program", "list", NULL);
  g_assert_nonnull (strstr (list, "public_health_nurse=1,midwife=1-2"));
  programs = json_of (fx, 0, "program", "list", "--json", NULL);
  p = json_array_get_object_element (json_node_get_array (programs), 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (p, "required"), "midwife"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (p, "wish"), "midwife"), ==, 2);

  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00");
  events = json_of (fx, 0, "event", "list", "--from", "2026-06-01", "--to", "2026-06-30", "--json", NULL);
  e = json_array_get_object_element (json_node_get_array (events), 0);
  /* "required" keeps its shape: the minimum, a count per role. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (e, "required"), "midwife"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (e, "required"), "public_health_nurse"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (e, "wish"), "midwife"), ==, 2);

  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 2);
  OK ("assign", "1", "1");
  OK ("assign", "1", "2");
  /* At the minimum, below the wish: not a problem. */
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 0);

  g_assert_cmpint (cli (fx, NULL, NULL, "program", "add", "--name", "x", "--requires", "midwife=2-1", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "program", "add", "--name", "x", "--requires", "midwife=0-2", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "program", "add", "--name", "x", "--requires", "midwife=1-", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "program", "add", "--name", "x", "--requires", "midwife=-1", NULL), ==, 2);
  /* N means N-N. */
  OK ("program", "add", "--name", "両親学級", "--requires", "midwife=2-2,hub_staff=1");
  g_free (list);
  list = ok (fx, "program", "list", NULL);
  g_assert_true (strstr (list, "hub_staff=1,midwife=2\n") != NULL || g_str_has_suffix (list, "hub_staff=1,midwife=2"));
}

int
main (int argc, char *argv[])
{
  rk_test_init (&argc, &argv);
#define ADD(path, func) g_test_add (path, Fx, NULL, fx_setup, func, fx_teardown)
  ADD ("/staffing/availability/set-and-show", test_availability_set_and_show);
  ADD ("/staffing/availability/outside", test_outside_availability);
  ADD ("/staffing/availability/over-limit", test_over_limit);
  ADD ("/staffing/requirements/range", test_requirement_range);
  return g_test_run ();
}
