/* Series edits, skip-conflicts, tentative bookings and find-time, end to end
 * through renkei-cli on real database files. */
#include "config.h"

#include "rk-test-util.h"

typedef struct
{
  char *db;
} Fixture;

#define CLI(...) rk_test_cli_ok (f->db, "2026-12-01", __VA_ARGS__, NULL)

/* A venue, its rooms, two people and a scale, made through the CLI once
 * per program; each case gets a copy of that database (the same rows, the
 * same ids). */
static char *base_db;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (base_db == NULL)
    {
      f->db = rk_test_db_path ();
      g_free (CLI ("init"));
      g_free (CLI ("venue", "add", "--name", "みなみ"));                          /* venue 1 */
      g_free (CLI ("room", "add", "--venue", "1", "--name", "プレイルーム", "--capacity", "20")); /* room 1 */
      g_free (CLI ("room", "add", "--venue", "1", "--name", "キッチン", "--capacity", "10"));     /* room 2 */
      g_free (CLI ("staff", "add", "--name", "佐藤", "--role", "public_health_nurse"));  /* 1 */
      g_free (CLI ("staff", "add", "--name", "加藤", "--role", "midwife"));              /* 2 */
      g_free (CLI ("equipment", "add", "--name", "ベビースケール"));                   /* 1 */
      base_db = g_steal_pointer (&f->db);
    }
  dir = g_dir_make_tmp ("renkei-plan-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = rk_test_db_clone (base_db, dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->db);
}

/* event list --json between two dates as an array node. */
static JsonArray *
list_events (Fixture *f, const char *from, const char *to, JsonNode **keep)
{
  g_autofree char *out = CLI ("event", "list", "--from", from, "--to", to, "--json");

  *keep = rk_test_json (out);
  return json_node_get_array (*keep);
}

/* The occurrence of event_id on date, or NULL. */
static JsonObject *
find_occ (JsonArray *list, gint64 event_id, const char *date)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      if (json_object_get_int_member (o, "event_id") == event_id &&
          g_strcmp0 (json_object_get_string_member (o, "date"), date) == 0)
        return o;
    }
  return NULL;
}

static gboolean
has_staff (JsonObject *occ, gint64 staff_id)
{
  JsonArray *staff = json_object_get_array_member (occ, "staff");

  for (guint i = 0; i < json_array_get_length (staff); i++)
    if (json_object_get_int_member (json_array_get_object_element (staff, i), "staff_id") == staff_id)
      return TRUE;
  return FALSE;
}

static int
count_event (JsonArray *list, gint64 event_id, const char *status)
{
  int n = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      if (json_object_get_int_member (o, "event_id") == event_id &&
          (status == NULL || g_strcmp0 (json_object_get_string_member (o, "status"), status) == 0))
        n++;
    }
  return n;
}

/* Six first Wednesdays 2027-01-06 … 2027-06-02; nurse on the series, the
 * midwife on 02-03 only, 03-03 cancelled, 05-05 moved to the 6th. */
static void
make_series (Fixture *f)
{
  g_autofree char *id = CLI ("event", "add", "--title", "健康相談", "--room", "1",
                             "--start", "2027-01-06T10:00", "--end", "2027-01-06T12:00",
                             "--repeat", "FREQ=MONTHLY;BYDAY=1WE;COUNT=6", "--on-holiday", "keep");

  g_assert_cmpstr (id, ==, "1");
  g_free (CLI ("assign", "1", "1"));
  g_free (CLI ("assign", "1", "2", "--date", "2027-02-03"));
  g_free (CLI ("event", "cancel", "1", "--date", "2027-03-03"));
  g_free (CLI ("event", "move", "1", "--date", "2027-05-05", "--to", "2027-05-06T10:00"));
}

static void
test_scope_this_time (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonArray *list;
  JsonObject *o;

  make_series (f);
  g_assert_cmpstr (CLI ("event", "edit", "1", "--date", "2027-04-07", "--start",
                        "2027-04-07T13:00"), ==, "1");
  list = list_events (f, "2027-01-01", "2027-06-30", &keep);
  g_assert_cmpint (count_event (list, 1, NULL), ==, 6);
  o = find_occ (list, 1, "2027-04-07");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-04-07T13:00");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2027-04-07T15:00");
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2027-04-07");
  /* everything else as before */
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-03-03"), "status"), ==,
                   "cancelled");
  g_assert_nonnull (find_occ (list, 1, "2027-05-06"));
  g_assert_true (has_staff (find_occ (list, 1, "2027-02-03"), 2));
  g_assert_false (has_staff (find_occ (list, 1, "2027-01-06"), 2));
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-06-02"), "start"), ==,
                   "2027-06-02T10:00");
}

static void
test_scope_this_detach (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *id = NULL;
  JsonArray *list;
  JsonObject *o;

  make_series (f);
  id = CLI ("event", "edit", "1", "--date", "2027-02-03", "--room", "2", "--title", "健康相談（特別編）");
  g_assert_cmpstr (id, ==, "2");
  list = list_events (f, "2027-01-01", "2027-06-30", &keep);
  o = find_occ (list, 2, "2027-02-03");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "健康相談（特別編）");
  g_assert_cmpint (json_object_get_int_member (o, "room_id"), ==, 2);
  /* the day's staff came along: the series nurse and the one-day midwife */
  g_assert_true (has_staff (o, 1));
  g_assert_true (has_staff (o, 2));
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-02-03"), "status"), ==,
                   "cancelled");
  g_assert_cmpint (count_event (list, 1, "scheduled"), ==, 4);
}

static void
test_scope_following (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *id = NULL;
  JsonArray *list;

  make_series (f);
  g_free (CLI ("assign", "1", "2", "--date", "2027-06-02"));
  id = CLI ("event", "edit", "1", "--date", "2027-04-07", "--scope", "following", "--title",
            "健康相談と仲間づくり");
  g_assert_cmpstr (id, ==, "2");
  list = list_events (f, "2027-01-01", "2027-12-31", &keep);
  /* the old series stops before 04-07; the new one has the remaining three */
  g_assert_cmpint (count_event (list, 1, NULL), ==, 3);
  g_assert_cmpint (count_event (list, 2, NULL), ==, 3);
  g_assert_nonnull (find_occ (list, 2, "2027-04-07"));
  g_assert_nonnull (find_occ (list, 2, "2027-05-06"));          /* the move came along */
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 2, "2027-05-06"), "moved_from"),
                   ==, "2027-05-05");
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 2, "2027-06-02"), "title"), ==,
                   "健康相談と仲間づくり");
  g_assert_true (has_staff (find_occ (list, 2, "2027-06-02"), 2));   /* one-day staff moved */
  g_assert_false (has_staff (find_occ (list, 2, "2027-04-07"), 2));
  g_assert_true (has_staff (find_occ (list, 2, "2027-04-07"), 1));   /* series staff copied */
  g_assert_true (has_staff (find_occ (list, 1, "2027-02-03"), 2));   /* earlier ones stay */
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-03-03"), "status"), ==,
                   "cancelled");
}

static void
test_split_first_and_last (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(JsonNode) keep2 = NULL;
  JsonArray *list;

  make_series (f);
  /* at the first occurrence nothing stays behind: the series itself changes */
  g_assert_cmpstr (CLI ("event", "edit", "1", "--date", "2027-01-06", "--scope", "following",
                        "--title", "A"), ==, "1");
  list = list_events (f, "2027-01-01", "2027-12-31", &keep);
  g_assert_cmpint (count_event (list, 1, NULL), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-06-02"), "title"), ==, "A");

  /* at the last one: five stay, one moves to the new series */
  g_assert_cmpstr (CLI ("event", "edit", "1", "--date", "2027-06-02", "--scope", "following",
                        "--title", "B"), ==, "2");
  list = list_events (f, "2027-01-01", "2027-12-31", &keep2);
  g_assert_cmpint (count_event (list, 1, NULL), ==, 5);
  g_assert_cmpint (count_event (list, 2, NULL), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 2, "2027-06-02"), "title"), ==, "B");
}

static void
test_scope_all_reports_dropped (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *out = NULL, *err = NULL;
  JsonArray *list;
  int rc;

  make_series (f);
  /* moving the series to Thursdays: no exception date still matches */
  rc = rk_test_cli (f->db, "2026-12-01", &out, &err, "event", "edit", "1", "--scope", "all",
                    "--repeat", "FREQ=MONTHLY;BYDAY=1TH;COUNT=6", "--start", "2027-01-07T10:00",
                    "--end", "2027-01-07T12:00", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_nonnull (strstr (err, "2027-02-03"));
  g_assert_nonnull (strstr (err, "2027-03-03"));
  g_assert_nonnull (strstr (err, "2027-05-05"));
  list = list_events (f, "2027-01-01", "2027-12-31", &keep);
  g_assert_cmpint (count_event (list, 1, "scheduled"), ==, 6);
  g_assert_nonnull (find_occ (list, 1, "2027-03-04"));
  g_assert_false (has_staff (find_occ (list, 1, "2027-02-04"), 2));
  g_assert_true (has_staff (find_occ (list, 1, "2027-02-04"), 1));

  /* a change that keeps the dates keeps the exceptions */
  g_free (CLI ("event", "cancel", "1", "--date", "2027-04-01"));
  g_free (CLI ("event", "edit", "1", "--scope", "all", "--title", "新しい名前"));
  g_clear_pointer (&keep, json_node_unref);
  list = list_events (f, "2027-01-01", "2027-12-31", &keep);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-04-01"), "status"), ==,
                   "cancelled");
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-05-06"), "title"), ==,
                   "新しい名前");
}

static void
test_one_off_becomes_series (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonArray *list;

  g_assert_cmpstr (CLI ("event", "add", "--title", "ふたご広場", "--start", "2027-01-15T10:00",
                        "--end", "2027-01-15T12:00", "--on-holiday", "keep"), ==, "1");
  g_free (CLI ("event", "edit", "1", "--repeat", "FREQ=MONTHLY;BYDAY=3FR;COUNT=3"));
  list = list_events (f, "2027-01-01", "2027-12-31", &keep);
  g_assert_cmpint (count_event (list, 1, NULL), ==, 3);
  g_assert_nonnull (find_occ (list, 1, "2027-01-15"));
  g_assert_nonnull (find_occ (list, 1, "2027-02-19"));
  g_assert_nonnull (find_occ (list, 1, "2027-03-19"));
}

static void
test_skip_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *list;
  int rc;

  /* room 1 taken on 01-13 and the baby scales on 01-27 */
  g_free (CLI ("event", "add", "--title", "会議", "--room", "1", "--start", "2027-01-13T09:00",
               "--end", "2027-01-13T11:00"));
  g_free (CLI ("event", "add", "--title", "計測", "--room", "2", "--equipment", "1", "--start",
               "2027-01-27T10:30", "--end", "2027-01-27T11:30"));
  rc = rk_test_cli (f->db, "2026-12-01", &out, &err, "event", "add", "--title", "ひろば",
                    "--room", "1", "--equipment", "1", "--start", "2027-01-06T10:00", "--end",
                    "2027-01-06T12:00", "--repeat", "FREQ=WEEKLY;COUNT=5", "--skip-conflicts", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "3");
  lines = g_strsplit (g_strstrip (err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "2027-01-13"));
  g_assert_nonnull (strstr (lines[1], "2027-01-27"));

  list = list_events (f, "2027-01-01", "2027-02-28", &keep);
  g_assert_cmpint (count_event (list, 3, "scheduled"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 3, "2027-01-13"), "status"), ==,
                   "skipped");
  g_assert_nonnull (json_object_get_string_member (find_occ (list, 3, "2027-01-27"), "reason"));
  /* what was skipped raises no double booking */
  g_assert_cmpint (rk_test_cli (f->db, "2026-12-01", NULL, NULL, "check", "--from", "2027-01-01",
                                "--to", "2027-02-28", NULL), ==, 0);
}

static void
test_tentative_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) keep = NULL;
  JsonArray *problems, *list;
  int rc;

  g_free (CLI ("event", "add", "--title", "合同研修", "--start", "2026-12-08T13:30", "--end",
               "2026-12-08T16:30", "--tentative"));
  g_free (CLI ("assign", "1", "1", "--tentative"));
  list = list_events (f, "2026-12-01", "2026-12-31", &keep);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2026-12-08"), "status"), ==,
                   "tentative");

  rc = rk_test_cli (f->db, "2026-12-01", &out, NULL, "check", "--json", NULL);
  g_assert_cmpint (rc, ==, 1);
  node = rk_test_json (out);
  problems = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "kind"),
                   ==, "unconfirmed");
  /* a month ahead it is not yet pressing */
  g_assert_cmpint (rk_test_cli (f->db, "2026-11-01", NULL, NULL, "check", "--from", "2026-11-01",
                                "--to", "2026-12-31", NULL), ==, 0);

  g_free (CLI ("event", "confirm", "1"));
  g_free (CLI ("assign", "1", "1", "--confirm"));
  g_assert_cmpint (rk_test_cli (f->db, "2026-12-01", NULL, NULL, "check", NULL), ==, 0);
  g_clear_pointer (&keep, json_node_unref);
  list = list_events (f, "2026-12-01", "2026-12-31", &keep);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2026-12-08"), "status"), ==,
                   "scheduled");
  g_assert_false (json_object_has_member (
    json_array_get_object_element (json_object_get_array_member (find_occ (list, 1, "2026-12-08"),
                                                                 "staff"), 0), "tentative"));
  /* confirming twice says there is nothing to do */
  g_assert_cmpint (rk_test_cli (f->db, "2026-12-01", NULL, NULL, "event", "confirm", "1", NULL), ==, 2);
}

/* Confirming one date of a tentative series confirms that date only. */
static void
test_confirm_one_date (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonArray *list;

  g_free (CLI ("event", "add", "--title", "仮の講座", "--start", "2027-01-06T10:00", "--end",
               "2027-01-06T12:00", "--repeat", "FREQ=WEEKLY;COUNT=3", "--tentative"));
  g_free (CLI ("assign", "1", "2"));
  g_assert_cmpstr (CLI ("event", "confirm", "1", "--date", "2027-01-13"), ==, "2");
  list = list_events (f, "2027-01-01", "2027-01-31", &keep);
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-01-06"), "status"), ==,
                   "tentative");
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 1, "2027-01-20"), "status"), ==,
                   "tentative");
  g_assert_cmpstr (json_object_get_string_member (find_occ (list, 2, "2027-01-13"), "status"), ==,
                   "scheduled");
  g_assert_true (has_staff (find_occ (list, 2, "2027-01-13"), 2));
  g_assert_cmpint (count_event (list, 1, "scheduled"), ==, 0);
}

/* One week, 2027-01-11 (成人の日) … 01-15; exactly one two-hour slot has the
 * room, a nurse and a midwife free. */
static void
test_find_time_one_slot (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *slots;
  JsonObject *slot, *staff;

  g_free (CLI ("program", "add", "--name", "健康相談", "--requires",
               "public_health_nurse=1,midwife=1"));
  /* 01-12: the only nurse is away */
  g_free (CLI ("staff", "unavailable", "1", "--from", "2027-01-12T00:00", "--to", "2027-01-13T00:00"));
  /* 01-13: the only midwife works elsewhere all day */
  g_free (CLI ("venue", "add", "--name", "きた"));
  g_free (CLI ("room", "add", "--venue", "2", "--name", "相談室", "--capacity", "5"));
  g_free (CLI ("event", "add", "--title", "出張相談", "--room", "3", "--start", "2027-01-13T08:00",
               "--end", "2027-01-13T18:00"));
  g_free (CLI ("assign", "1", "2"));
  /* 01-14: both rooms of みなみ taken all day; 01-15: free only 13:00-15:00 */
  g_free (CLI ("event", "add", "--title", "講座1", "--room", "1", "--start", "2027-01-14T08:00",
               "--end", "2027-01-14T18:00"));
  g_free (CLI ("event", "add", "--title", "講座2", "--room", "2", "--start", "2027-01-14T08:00",
               "--end", "2027-01-14T18:00"));
  g_free (CLI ("event", "add", "--title", "午前", "--room", "1", "--start", "2027-01-15T09:00",
               "--end", "2027-01-15T13:00"));
  g_free (CLI ("event", "add", "--title", "午後", "--room", "1", "--start", "2027-01-15T15:00",
               "--end", "2027-01-15T17:00"));

  out = CLI ("find-time", "--duration", "120", "--from", "2027-01-11", "--to", "2027-01-15",
             "--program", "1", "--room", "1", "--between", "09:00-17:00", "--json");
  node = rk_test_json (out);
  slots = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (slots), ==, 1);
  slot = json_array_get_object_element (slots, 0);
  g_assert_cmpstr (json_object_get_string_member (slot, "start"), ==, "2027-01-15T13:00");
  g_assert_cmpstr (json_object_get_string_member (slot, "end"), ==, "2027-01-15T15:00");
  g_assert_cmpint (json_object_get_int_member (slot, "room_id"), ==, 1);
  staff = json_object_get_object_member (slot, "staff");
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (json_object_get_array_member (staff, "midwife"), 0),
                     "staff_id"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (staff,
                                                                         "public_health_nurse")), ==, 1);
}

static void
test_edit_bad_input_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;

  make_series (f);
  before = rk_test_file_hash (f->db);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "event", "edit", "1", "--scope",
                                "following", NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "event", "edit", "1", "--scope", "sometimes",
                                NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "event", "edit", "1", "--date",
                                "2027-01-07", "--title", "x", NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "event", "edit", "1", "--end",
                                "2027-01-06T09:00", NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "event", "edit", "9", "--title", "x",
                                NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "find-time", "--duration", "60", "--from",
                                "2027-02-01", "--to", "2027-01-01", NULL), ==, 2);
  after = rk_test_file_hash (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* init --demo twice leaves the demo as it is; into other data it refuses. */
static void
test_demo_twice (Fixture *f, gconstpointer data)
{
  g_autofree char *db = rk_test_db_path ();
  g_autofree char *before = NULL, *after = NULL, *mine = NULL;

  g_free (rk_test_cli_ok (db, "2026-12-01", "init", "--demo", NULL));
  before = rk_test_file_hash (db);
  g_free (rk_test_cli_ok (db, "2026-12-01", "init", "--demo", NULL));
  after = rk_test_file_hash (db);
  g_assert_cmpstr (before, ==, after);
  /* f->db holds a venue of its own: no demo there */
  mine = rk_test_file_hash (f->db);
  g_assert_cmpint (rk_test_cli (f->db, NULL, NULL, NULL, "init", "--demo", NULL), ==, 2);
  g_free (before);
  before = rk_test_file_hash (f->db);
  g_assert_cmpstr (mine, ==, before);
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/plan/scope-this-time", test_scope_this_time);
  ADD ("/plan/scope-this-detach", test_scope_this_detach);
  ADD ("/plan/scope-following", test_scope_following);
  ADD ("/plan/split-first-and-last", test_split_first_and_last);
  ADD ("/plan/scope-all-reports-dropped", test_scope_all_reports_dropped);
  ADD ("/plan/one-off-becomes-series", test_one_off_becomes_series);
  ADD ("/plan/skip-conflicts", test_skip_conflicts);
  ADD ("/plan/tentative-round-trip", test_tentative_round_trip);
  ADD ("/plan/confirm-one-date", test_confirm_one_date);
  ADD ("/plan/find-time-one-slot", test_find_time_one_slot);
  ADD ("/plan/edit-bad-input-writes-nothing", test_edit_bad_input_writes_nothing);
  ADD ("/plan/demo-twice", test_demo_twice);
  return g_test_run ();
}
