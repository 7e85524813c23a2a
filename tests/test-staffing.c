#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "rk-staff-plan.h"
#include "rk-store.h"
#include "rk-test-util.h"
#include "rk-undo.h"

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

/* Two venues with a hall each, made through the CLI once per program;
 * each case gets a copy of that database (the same rows, the same ids). */
static char *base_db;

static void
fx_setup (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (base_db == NULL)
    {
      fx->db = rk_test_db_path ();
      OK ("init");
      OK ("venue", "add", "--name", "みなみ");                                       /* venue 1 */
      OK ("venue", "add", "--name", "きた");                                         /* venue 2 */
      OK ("room", "add", "--venue", "1", "--name", "ホール", "--capacity", "30");    /* room 1 */
      OK ("room", "add", "--venue", "2", "--name", "ホール", "--capacity", "30");    /* room 2 */
      base_db = g_steal_pointer (&fx->db);
    }
  dir = g_dir_make_tmp ("renkei-staffing-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = rk_test_db_clone (base_db, dir);
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
  {
    g_autofree char *out = NULL;

    cli (fx, &out, NULL, "check", "--from", "2026-06-01", "--to", "2026-06-30", NULL);
    g_assert_nonnull (strstr (out, "保健師 佐藤 works Wed all day; “計測” (10:00–12:00) is outside that"));
  }

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

/* ---- the staffing plan -------------------------------------------------- */

/* `staff plan --json` over June, optionally applied. */
static JsonObject *
plan (Fx *fx, JsonNode **keep, const char *extra, const char *extra2)
{
  *keep = json_of (fx, 0, "staff", "plan", "--from", "2026-06-01", "--to", "2026-06-30", "--json",
                   extra, extra2, NULL);
  return json_node_get_object (*keep);
}

/* "event:staff" of every proposal, sorted, joined by spaces. */
static char *
proposals (JsonObject *o)
{
  JsonArray *a = json_object_get_array_member (o, "proposed");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *p = json_array_get_object_element (a, i);
      g_ptr_array_add (items, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                               json_object_get_int_member (p, "event_id"),
                                               json_object_get_int_member (p, "staff_id")));
    }
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", (char *) items->pdata[i]);
  return g_string_free (s, FALSE);
}

static int
str_compare (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

static char *
proposals_sorted (JsonObject *o)
{
  g_autofree char *joined = proposals (o);
  g_auto(GStrv) parts = g_strsplit (joined, " ", -1);
  guint n = g_strv_length (parts);

  qsort (parts, n, sizeof (char *), (int (*) (const void *, const void *)) str_compare);
  return g_strjoinv (" ", parts);
}

/* Places of June a method fills, straight from the core. */
static int
filled_by (Fx *fx, RkPlanMethod method)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_store_open (fx->db, &error);
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(RkPlan) p = NULL;
  RkDay from = 0, to = 0, lo, hi;

  g_assert_no_error (error);
  g_assert_true (rk_date_parse ("2026-06-01", &from) && rk_date_parse ("2026-06-30", &to));
  schedule = rk_store_load_schedule (store, from - 40, to + 40, &error);
  g_assert_no_error (error);
  rk_staff_plan_range (schedule, from, to, &lo, &hi);
  occs = rk_schedule_expand (schedule, lo, hi, &error);
  g_assert_no_error (error);
  p = rk_staff_plan (schedule, occs, from, to, 0, method);
  return p->filled;
}

/* Two overlapping consultations each need a midwife. Abe (あ, first in
 * order) could do either, Kato only the first (her hours end at 12:00):
 * the places compete for Abe. Filling one gap at a time gives the first to
 * Abe and leaves the second empty; the plan fills both. */
static void
test_plan_competing (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *got = NULL;
  JsonObject *o;

  OK ("staff", "add", "--name", "阿部", "--kana", "あべ", "--role", "midwife");     /* 1 */
  OK ("staff", "add", "--name", "加藤", "--kana", "かとう", "--role", "midwife");   /* 2 */
  OK ("staff", "availability", "2", "--weekday", "WE", "--between", "09:00-12:00");
  OK ("program", "add", "--name", "相談会", "--requires", "midwife=1");
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00");                                                   /* 1 */
  OK ("event", "add", "--program", "1", "--room", "2", "--start", "2026-06-03T10:30",
      "--end", "2026-06-03T12:30");                                                   /* 2 */

  o = plan (fx, &node, NULL, NULL);
  got = proposals_sorted (o);
  g_assert_cmpstr (got, ==, "1:2 2:1");
  g_assert_cmpint (json_object_get_int_member (o, "open_places"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "filled"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "unfilled")), ==, 0);
  /* one gap at a time fills one */
  g_assert_cmpint (filled_by (fx, RK_PLAN_GREEDY), ==, 1);
  g_assert_cmpint (filled_by (fx, RK_PLAN_OPTIMAL), ==, 2);
  /* nothing written without --apply */
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 2);
}

/* A monthly limit across days: Abe may work once this month; Kato only on
 * Thursdays. Thursday's session could take either, Wednesday's next week
 * only Abe. In date order Abe goes to Thursday and Wednesday stays open;
 * the plan gives Thursday to Kato. */
static void
test_plan_limit_across_days (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *got = NULL;
  JsonObject *o;

  OK ("staff", "add", "--name", "阿部", "--kana", "あべ", "--role", "public_health_nurse");   /* 1 */
  OK ("staff", "add", "--name", "加藤", "--kana", "かとう", "--role", "public_health_nurse"); /* 2 */
  OK ("staff", "availability", "1", "--max-sessions-month", "1");
  OK ("staff", "availability", "2", "--weekday", "TH");
  OK ("program", "add", "--name", "相談会", "--requires", "public_health_nurse=1");
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-04T10:00",
      "--end", "2026-06-04T12:00");                                                   /* 1, Thu */
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-10T10:00",
      "--end", "2026-06-10T12:00");                                                   /* 2, Wed */
  o = plan (fx, &node, NULL, NULL);
  got = proposals_sorted (o);
  g_assert_cmpstr (got, ==, "1:2 2:1");
  g_assert_cmpint (json_object_get_int_member (o, "filled"), ==, 2);
  g_assert_cmpint (filled_by (fx, RK_PLAN_GREEDY), ==, 1);
}

/* The travel gap between venues, periods away, people already assigned and
 * what could not be filled, with why. */
static void
test_plan_constraints (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *got = NULL;
  JsonObject *o, *gap;
  JsonArray *unfilled;

  OK ("staff", "add", "--name", "佐藤", "--role", "public_health_nurse");     /* 1 */
  OK ("staff", "add", "--name", "鈴木", "--role", "nutritionist");            /* 2 */
  OK ("staff", "add", "--name", "高橋", "--role", "nutritionist");            /* 3 */
  OK ("program", "add", "--name", "相談会", "--requires", "public_health_nurse=1,nutritionist=1");
  /* 10:00-12:00 at みなみ, 12:15-13:00 at きた: 30 minutes are needed between */
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00");                                                   /* 1 */
  OK ("event", "add", "--program", "1", "--room", "2", "--start", "2026-06-03T12:15",
      "--end", "2026-06-03T13:00");                                                   /* 2 */
  OK ("assign", "1", "2");                              /* 鈴木 is on the first already */
  OK ("staff", "unavailable", "3", "--from", "2026-06-03T12:00", "--to", "2026-06-03T18:00");

  o = plan (fx, &node, NULL, NULL);
  got = proposals_sorted (o);
  /* the nurse on one of them; no nutritionist can go to the second */
  g_assert_true (g_str_equal (got, "1:1") || g_str_equal (got, "2:1"));
  g_assert_cmpint (json_object_get_int_member (o, "open_places"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "filled"), ==, 1);
  unfilled = json_object_get_array_member (o, "unfilled");
  g_assert_cmpuint (json_array_get_length (unfilled), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      gap = json_array_get_object_element (unfilled, i);
      g_assert_cmpint (json_object_get_int_member (gap, "missing"), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (gap, "date"), ==, "2026-06-03");
      if (g_str_equal (json_object_get_string_member (gap, "role"), "nutritionist"))
        {
          g_assert_cmpint (json_object_get_int_member (gap, "event_id"), ==, 2);
          g_assert_cmpstr (json_object_get_string_member (gap, "reason"), ==, "nobody_free");
        }
      else
        g_assert_cmpstr (json_object_get_string_member (gap, "reason"), ==, "taken_by_plan");
      g_assert_true (strlen (json_object_get_string_member (gap, "message")) > 10);
    }

  /* applied, check finds no double booking or travel problem */
  g_clear_pointer (&node, json_node_unref);
  plan (fx, &node, "--apply", NULL);
  g_assert_cmpuint (count_kind (fx, "staff_double_booked", 0), ==, 0);
  g_assert_cmpuint (count_kind (fx, "staff_unavailable", 0), ==, 0);
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 2);
}

/* The minimum of every place before any wish; load spread; own hub. */
static void
test_plan_minimum_wish_and_load (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *got = NULL;
  JsonObject *o, *gap;
  JsonArray *unfilled, *proposed;
  int per[5] = { 0 };

  OK ("staff", "add", "--name", "阿部", "--kana", "あべ", "--role", "midwife");       /* 1 */
  OK ("staff", "add", "--name", "加藤", "--kana", "かとう", "--role", "midwife");     /* 2 */
  OK ("program", "add", "--name", "両親学級", "--requires", "midwife=1-2");
  OK ("program", "add", "--name", "相談会", "--requires", "midwife=1");
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00");                                                   /* 1 */
  OK ("event", "add", "--program", "2", "--room", "2", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00");                                                   /* 2 */
  o = plan (fx, &node, NULL, NULL);
  proposed = json_object_get_array_member (o, "proposed");
  g_assert_cmpuint (json_array_get_length (proposed), ==, 2);
  got = proposals_sorted (o);
  g_assert_true (g_str_equal (got, "1:1 2:2") || g_str_equal (got, "1:2 2:1"));
  for (guint i = 0; i < 2; i++)
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (proposed, i), "wish"));
  unfilled = json_object_get_array_member (o, "unfilled");
  g_assert_cmpuint (json_array_get_length (unfilled), ==, 1);
  gap = json_array_get_object_element (unfilled, 0);
  g_assert_cmpint (json_object_get_int_member (gap, "event_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (gap, "missing"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (gap, "below_minimum"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "open_places"), ==, 3);

  /* A wish is filled when someone is free. */
  OK ("event", "cancel", "2");
  g_clear_pointer (&node, json_node_unref);
  o = plan (fx, &node, NULL, NULL);
  g_free (got);
  got = proposals_sorted (o);
  g_assert_cmpstr (got, ==, "1:1 1:2");

  /* Four hub sessions on four days, two hub staff: two each; at the same
   * load, the venue's own people. */
  OK ("event", "cancel", "1");
  OK ("staff", "add", "--name", "北", "--role", "hub_staff", "--org", "きた");     /* 3 */
  OK ("staff", "add", "--name", "南", "--role", "hub_staff", "--org", "みなみ");   /* 4 */
  OK ("program", "add", "--name", "ひろば", "--requires", "hub_staff=1");
  OK ("event", "add", "--program", "3", "--room", "1", "--start", "2026-06-08T10:00",
      "--end", "2026-06-08T12:00", "--repeat", "FREQ=DAILY;COUNT=4");                 /* 3 */
  g_clear_pointer (&node, json_node_unref);
  o = plan (fx, &node, NULL, NULL);
  proposed = json_object_get_array_member (o, "proposed");
  g_assert_cmpuint (json_array_get_length (proposed), ==, 4);
  for (guint i = 0; i < 4; i++)
    per[json_object_get_int_member (json_array_get_object_element (proposed, i), "staff_id")]++;
  g_assert_cmpint (per[3], ==, 2);
  g_assert_cmpint (per[4], ==, 2);
  /* one more session: the own hub's person takes it */
  OK ("event", "add", "--program", "3", "--room", "1", "--start", "2026-06-15T10:00",
      "--end", "2026-06-15T12:00");                                                   /* 4 */
  g_clear_pointer (&node, json_node_unref);
  o = plan (fx, &node, NULL, NULL);
  proposed = json_object_get_array_member (o, "proposed");
  for (guint i = 0; i < json_array_get_length (proposed); i++)
    {
      JsonObject *p = json_array_get_object_element (proposed, i);
      if (json_object_get_int_member (p, "event_id") == 4)
        g_assert_cmpint (json_object_get_int_member (p, "staff_id"), ==, 4);
    }
}

/* --apply writes everything in one go; --tentative marks it 仮; --venue
 * limits the plan; bad input writes nothing. */
static void
test_plan_apply (Fx *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autofree char *out = NULL;
  JsonArray *a;
  JsonObject *o;

  OK ("staff", "add", "--name", "阿部", "--role", "midwife");       /* 1 */
  OK ("staff", "add", "--name", "加藤", "--role", "midwife");       /* 2 */
  OK ("program", "add", "--name", "相談会", "--requires", "midwife=1");
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00", "--repeat", "FREQ=WEEKLY;COUNT=3");               /* 1 */
  OK ("event", "add", "--program", "1", "--room", "2", "--start", "2026-06-05T10:00",
      "--end", "2026-06-05T12:00");                                                   /* 2 */

  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "plan", "--from", "2026-06-30", "--to",
                        "2026-06-01", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "plan", "--from", "2026-06-01", "--to",
                        "2026-06-30", "--venue", "9", "--apply", NULL), ==, 2);
  g_assert_cmpint (cli (fx, NULL, NULL, "staff", "plan", "--from", "2026-06-01", NULL), ==, 2);
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 4);

  /* only きた */
  o = plan (fx, &node, "--venue", "2");
  g_assert_cmpint (json_object_get_int_member (o, "open_places"), ==, 1);

  /* text without --json says what it would do */
  g_assert_cmpint (cli (fx, &out, NULL, "staff", "plan", "--from", "2026-06-01", "--to",
                        "2026-06-30", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--apply"));
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 4);

  g_clear_pointer (&node, json_node_unref);
  o = plan (fx, &node, "--apply", "--tentative");
  g_assert_cmpint (json_object_get_int_member (o, "filled"), ==, 4);
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 0);
  events = json_of (fx, 0, "event", "list", "--from", "2026-06-01", "--to", "2026-06-30", "--json", NULL);
  a = json_node_get_array (events);
  g_assert_cmpuint (json_array_get_length (a), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonArray *staff = json_object_get_array_member (json_array_get_object_element (a, i), "staff");
      g_assert_cmpuint (json_array_get_length (staff), ==, 1);
      g_assert_true (json_object_get_boolean_member (json_array_get_object_element (staff, 0), "tentative"));
    }
  /* the series' people went to each date alone: nothing left to plan */
  g_clear_pointer (&node, json_node_unref);
  o = plan (fx, &node, NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (o, "open_places"), ==, 0);
}

/* The desktop's way: the plan applied as one undo step, undone and redone
 * whole. */
static void
test_plan_undo (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkUndoStack) undo = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(RkPlan) p = NULL;
  RkDay from = 0, to = 0, lo, hi;

  OK ("staff", "add", "--name", "阿部", "--role", "midwife");
  OK ("staff", "add", "--name", "加藤", "--role", "hub_staff");
  OK ("program", "add", "--name", "相談会", "--requires", "midwife=1,hub_staff=1");
  OK ("event", "add", "--program", "1", "--room", "1", "--start", "2026-06-03T10:00",
      "--end", "2026-06-03T12:00", "--repeat", "FREQ=WEEKLY;COUNT=2");
  OK ("event", "add", "--program", "1", "--room", "2", "--start", "2026-06-05T10:00",
      "--end", "2026-06-05T12:00");
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 6);

  store = rk_store_open (fx->db, &error);
  g_assert_no_error (error);
  undo = rk_undo_stack_new (store);
  g_assert_true (rk_date_parse ("2026-06-01", &from) && rk_date_parse ("2026-06-30", &to));
  schedule = rk_store_load_schedule (store, from - 40, to + 40, &error);
  g_assert_no_error (error);
  rk_staff_plan_range (schedule, from, to, &lo, &hi);
  occs = rk_schedule_expand (schedule, lo, hi, &error);
  p = rk_staff_plan (schedule, occs, from, to, 0, RK_PLAN_OPTIMAL);
  g_assert_cmpint (p->filled, ==, 6);

  g_assert_true (rk_store_begin (store, &error));
  rk_undo_stack_begin (undo, "Staffing plan");
  g_assert_true (rk_staff_plan_apply_recorded (store, undo, p->proposed, FALSE, &error));
  g_assert_true (rk_undo_stack_commit (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 0);

  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 6);
  g_assert_false (rk_undo_stack_can_undo (undo));
  g_assert_true (rk_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fx, "understaffed", 0), ==, 0);
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
  ADD ("/staffing/plan/competing", test_plan_competing);
  ADD ("/staffing/plan/limit-across-days", test_plan_limit_across_days);
  ADD ("/staffing/plan/constraints", test_plan_constraints);
  ADD ("/staffing/plan/minimum-wish-and-load", test_plan_minimum_wish_and_load);
  ADD ("/staffing/plan/apply", test_plan_apply);
  ADD ("/staffing/plan/undo", test_plan_undo);
  return g_test_run ();
}
