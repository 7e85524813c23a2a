/* Attendance records and the fiscal year's results report, end to end
 * through renkei-cli on real databases: the report's figures are checked
 * against sums this test makes itself over `attendance list --json` and
 * `event list --json`, the .xlsx is read back with python3-openpyxl and the
 * PDF with pdftotext. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rk-error.h"
#include "rk-store.h"
#include "rk-store-attendance.h"
#include "rk-test-util.h"
#include "rk-undo.h"

#define TODAY "2027-04-10"
#define CLI(...) rk_test_cli_ok (f->db, TODAY, __VA_ARGS__, NULL)

typedef struct
{
  char *db;
  char *dir;
} Fixture;

static const char * const count_names[] = {
  "families", "adults", "children", "pregnant", "residents", "nonresidents", "first_time",
};

/* The counts the fixture enters for the i-th record. */
static void
counts_for (int i, int c[7])
{
  c[0] = 3 + i % 5;
  c[1] = c[0] + 1;
  c[2] = c[0] + 2;
  c[3] = i % 2;
  c[4] = c[1] + c[2] - 1 - i % 3;
  c[5] = 1;
  c[6] = i % 3;
}

static void
enter (Fixture *f, const char *event, const char *date, int i)
{
  int c[7];
  char v[7][12];
  g_autofree char *cons = NULL;

  counts_for (i, c);
  for (int k = 0; k < 7; k++)
    g_snprintf (v[k], sizeof v[k], "%d", c[k]);
  cons = g_strdup_printf ("発育・発達=%d,その他=1", i % 4);
  g_free (CLI ("attendance", "set", event, "--date", date, "--families", v[0], "--adults", v[1],
               "--children", v[2], "--pregnant", v[3], "--residents", v[4], "--nonresidents",
               v[5], "--first-time", v[6], "--consultations", cons));
}

/* One database for every case, built once (each renkei-cli run costs):
 * the cases run in the order main() adds them, the ones that change
 * records last, each leaving what the next expects. */
static char *shared_db;
static char *shared_dir;

static void
build_database (Fixture *f)
{
  static const char * const e1_dates[] = {
    "2026-04-08", "2026-05-13", "2026-06-10", "2026-08-12", "2026-10-14",
    "2026-11-11", "2026-12-09", "2027-01-13", "2027-02-10", "2027-03-10",
  };   /* 07-08 cancelled, 09-09 left without a record */
  static const char * const e2_dates[] = {
    "2026-04-05", "2026-05-03", "2026-06-07", "2026-07-05", "2026-08-02", "2026-09-06",
    "2026-10-04", "2026-12-06", "2027-01-03", "2027-02-07", "2027-03-07",
  };   /* 11-01 left without a record: November of きた is not known */
  int i = 0;

  g_free (CLI ("init"));
  g_free (CLI ("venue", "add", "--name", "みなみ子育て支援センター"));          /* 1 */
  g_free (CLI ("venue", "close", "1", "--weekday", "MO", "--reason", "定休日"));
  g_free (CLI ("venue", "add", "--name", "きたひろば"));                       /* 2 */
  g_free (CLI ("venue", "add", "--name", "ひがし保健センター"));               /* 3: nothing held */
  g_free (CLI ("room", "add", "--venue", "1", "--name", "プレイルーム", "--capacity", "30"));
  g_free (CLI ("room", "add", "--venue", "2", "--name", "和室", "--capacity", "20"));
  g_free (CLI ("program", "add", "--name", "健康相談と仲間づくり", "--requires", "hub_staff=1",
               "--duration", "120"));
  g_free (CLI ("program", "add", "--name", "両親学級", "--requires", "midwife=1"));
  g_free (CLI ("staff", "add", "--name", "佐藤 美咲", "--kana", "さとう みさき", "--role",
               "hub_staff"));
  g_free (CLI ("staff", "add", "--name", "加藤 由美", "--kana", "かとう ゆみ", "--role",
               "midwife"));
  g_free (CLI ("event", "add", "--program", "1", "--room", "1", "--start", "2026-04-08T10:00",
               "--end", "2026-04-08T12:00", "--repeat", "FREQ=MONTHLY;BYDAY=2WE;COUNT=12",
               "--on-holiday", "keep"));
  g_free (CLI ("event", "add", "--program", "2", "--room", "2", "--start", "2026-04-05T10:00",
               "--end", "2026-04-05T14:30", "--repeat", "FREQ=MONTHLY;BYDAY=1SU;COUNT=12",
               "--on-holiday", "keep"));
  g_free (CLI ("event", "add", "--title", "連絡会議", "--start", "2026-06-15T14:00", "--end",
               "2026-06-15T15:30"));
  g_free (CLI ("assign", "1", "1"));
  g_free (CLI ("assign", "2", "2"));
  g_free (CLI ("assign", "3", "1"));
  g_free (CLI ("event", "cancel", "1", "--date", "2026-07-08"));
  for (guint k = 0; k < G_N_ELEMENTS (e1_dates); k++)
    enter (f, "1", e1_dates[k], i++);
  for (guint k = 0; k < G_N_ELEMENTS (e2_dates); k++)
    enter (f, "2", e2_dates[k], i++);
  enter (f, "3", "2026-06-15", i++);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  if (shared_db == NULL)
    {
      shared_db = rk_test_db_path ();
      shared_dir = g_dir_make_tmp ("renkei-attendance-XXXXXX", NULL);
      f->db = shared_db;
      build_database (f);
    }
  f->db = shared_db;
  f->dir = shared_dir;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
}

static JsonArray *
attendance_list (Fixture *f, const char *from, const char *to, JsonNode **keep)
{
  g_autofree char *out = CLI ("attendance", "list", "--from", from, "--to", to, "--json");

  *keep = rk_test_json (out);
  return json_node_get_array (*keep);
}

static JsonObject *
find_record (JsonArray *list, gint64 event_id, const char *date)
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

/* ---- records ------------------------------------------------------------ */

static void
test_records (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) keep = NULL, keep2 = NULL, keep3 = NULL;
  JsonArray *list = attendance_list (f, "2026-06-01", "2026-09-30", &keep);
  JsonObject *o;
  g_autofree char *err = NULL;
  int c[7];

  /* held occurrences only: the cancelled one of July is not listed */
  g_assert_null (find_record (list, 1, "2026-07-08"));
  o = find_record (list, 1, "2026-06-10");
  g_assert_nonnull (o);
  g_assert_true (json_object_get_boolean_member (o, "recorded"));
  counts_for (2, c);
  for (int k = 0; k < 7; k++)
    g_assert_cmpint (json_object_get_int_member (o, count_names[k]), ==, c[k]);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "consultations"),
                                               "発育・発達"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "program_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "venue_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "健康相談と仲間づくり");

  /* not recorded: counts are null */
  o = find_record (list, 1, "2026-09-09");
  g_assert_nonnull (o);
  g_assert_false (json_object_get_boolean_member (o, "recorded"));
  for (int k = 0; k < 7; k++)
    g_assert_true (json_object_get_null_member (o, count_names[k]));
  g_assert_true (json_object_get_null_member (o, "consultations"));
  /* an occurrence without a place */
  o = find_record (list, 3, "2026-06-15");
  g_assert_true (json_object_get_null_member (o, "venue_id"));
  g_assert_true (json_object_get_null_member (o, "program_id"));

  /* a second set changes only what it names; notes kept */
  g_free (CLI ("attendance", "set", "1", "--date", "2026-09-09", "--families", "4", "--adults",
               "5", "--children", "6", "--notes", "雨で少なめ"));
  g_free (CLI ("attendance", "set", "1", "--date", "2026-09-09", "--first-time", "2"));
  list = attendance_list (f, "2026-09-01", "2026-09-30", &keep2);
  o = find_record (list, 1, "2026-09-09");
  g_assert_true (json_object_get_boolean_member (o, "recorded"));
  g_assert_cmpint (json_object_get_int_member (o, "families"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "first_time"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "pregnant"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "notes"), ==, "雨で少なめ");

  /* --venue */
  {
    g_autofree char *out = CLI ("attendance", "list", "--from", "2026-04-01", "--to",
                                "2027-03-31", "--venue", "2", "--json");
    g_autoptr(JsonNode) n = rk_test_json (out);
    JsonArray *a = json_node_get_array (n);

    g_assert_cmpint (json_array_get_length (a), ==, 12);
    for (guint i = 0; i < json_array_get_length (a); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, i),
                                                   "venue_id"), ==, 2);
  }

  /* clear, and a second clear is refused */
  g_free (CLI ("attendance", "clear", "1", "--date", "2026-09-09"));
  list = attendance_list (f, "2026-09-01", "2026-09-30", &keep3);
  g_assert_false (json_object_get_boolean_member (find_record (list, 1, "2026-09-09"), "recorded"));
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "attendance", "clear", "1", "--date",
                                "2026-09-09", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no attendance record"));
}

/* Each refusal: exit 2, one line saying why, nothing written. */
static void
test_validation (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *args[10];
    const char *says;
  } cases[] = {
    { { "--date", "2026-09-09", "--adults", "2", "--pregnant", "3" }, "pregnant" },
    { { "--date", "2026-09-09", "--adults", "2", "--children", "1", "--residents", "3",
        "--nonresidents" }, NULL },   /* filled below */
    { { "--date", "2026-09-09", "--families", "-1" }, "--families" },
    { { "--date", "2026-09-09", "--families", "2.5" }, "--families" },
    { { "--date", "2026-09-09", "--consultations", "受診勧奨=1" }, "受診勧奨" },
    { { "--date", "2026-09-09", "--consultations", "その他" }, "CATEGORY=NUMBER" },
    { { "--date", "2026-07-08", "--families", "1" }, "cancelled" },
    { { "--date", "2026-09-10", "--families", "1" }, "no occurrence" },
    { { "--families", "1" }, "--date" },
  };
  g_autofree char *before = CLI ("attendance", "list", "--from", "2026-04-01", "--to",
                                 "2027-03-31", "--json");
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, "attendance");
      g_ptr_array_add (argv, "set");
      g_ptr_array_add (argv, "1");
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].args) && cases[i].args[k]; k++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[k]);
      if (i == 1)
        g_ptr_array_add (argv, "1");
      g_ptr_array_add (argv, NULL);
      g_assert_cmpint (rk_test_cli_argv (f->db, TODAY, (const char * const *) argv->pdata, NULL,
                                         &err), ==, 2);
      g_assert_cmpint (strlen (err), >, 0);
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpuint (strlen (strchr (err, '\n')), ==, 1);   /* one line */
      if (cases[i].says)
        g_assert_nonnull (strstr (err, cases[i].says));
      else
        g_assert_nonnull (strstr (err, "residents"));
    }

  /* not started yet */
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (rk_test_cli (f->db, "2026-12-01", NULL, &err, "attendance", "set", "1",
                                  "--date", "2027-01-13", "--families", "1", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "started"));
  }
  after = CLI ("attendance", "list", "--from", "2026-04-01", "--to", "2027-03-31", "--json");
  g_assert_cmpstr (before, ==, after);
}

/* ---- the problem -------------------------------------------------------- */

static int
count_kind (const char *json, const char *kind, const char *date)
{
  g_autoptr(JsonNode) n = rk_test_json (json);
  JsonArray *a = json_node_get_array (n);
  int count = 0;

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      if (g_strcmp0 (json_object_get_string_member (o, "kind"), kind) == 0 &&
          (date == NULL || g_strcmp0 (json_object_get_string_member (o, "date"), date) == 0))
        count++;
    }
  return count;
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *out2 = NULL, *out3 = NULL, *out4 = NULL;

  /* 09-09 and 11-01 were held without a record; the cancelled one has none */
  g_assert_cmpint (rk_test_cli (f->db, TODAY, &out, NULL, "check", "--from", "2026-04-01", "--to",
                                "2027-03-31", "--json", NULL), ==, 1);
  g_assert_cmpint (count_kind (out, "attendance_missing", NULL), ==, 2);
  g_assert_cmpint (count_kind (out, "attendance_missing", "2026-09-09"), ==, 1);
  g_assert_cmpint (count_kind (out, "attendance_missing", "2026-11-01"), ==, 1);
  g_assert_cmpint (count_kind (out, "attendance_missing", "2026-07-08"), ==, 0);
  {
    g_autoptr(JsonNode) n = rk_test_json (out);
    JsonArray *a = json_node_get_array (n);
    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *o = json_array_get_object_element (a, i);
        if (g_strcmp0 (json_object_get_string_member (o, "kind"), "attendance_missing") == 0 &&
            g_strcmp0 (json_object_get_string_member (o, "date"), "2026-09-09") == 0)
          g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (o, "event_ids"),
                                                       0), ==, 1);
      }
  }

  /* due after attendance_due_days (7): on 09-15 not yet, on 09-17 due */
  rk_test_cli (f->db, "2026-09-15", &out2, NULL, "check", "--from", "2026-09-01", "--to",
               "2026-09-30", "--json", NULL);
  g_assert_cmpint (count_kind (out2, "attendance_missing", NULL), ==, 0);
  g_free (out2);
  rk_test_cli (f->db, "2026-09-17", &out2, NULL, "check", "--from", "2026-09-01", "--to",
               "2026-09-30", "--json", NULL);
  g_assert_cmpint (count_kind (out2, "attendance_missing", NULL), ==, 1);
  g_free (CLI ("settings", "set", "attendance_due_days", "30"));
  rk_test_cli (f->db, "2026-09-17", &out3, NULL, "check", "--from", "2026-09-01", "--to",
               "2026-09-30", "--json", NULL);
  g_assert_cmpint (count_kind (out3, "attendance_missing", NULL), ==, 0);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "settings", "set",
                                "attendance_due_days", "-1", NULL), ==, 2);

  /* entering it ends the problem */
  g_free (CLI ("attendance", "set", "1", "--date", "2026-09-09", "--families", "2", "--adults",
               "2"));
  rk_test_cli (f->db, TODAY, &out4, NULL, "check", "--from", "2026-04-01", "--to", "2027-03-31",
               "--json", NULL);
  g_assert_cmpint (count_kind (out4, "attendance_missing", NULL), ==, 1);
  g_assert_cmpint (count_kind (out4, "attendance_missing", "2026-11-01"), ==, 1);
}

/* ---- the report --------------------------------------------------------- */

typedef struct
{
  gint64 counts[7];
  gint64 consultations;     /* 発育・発達 */
  int    recorded, missing, sessions;
  double hours[3];          /* by staff id */
} Sum;

static int
month_of (const char *date)
{
  int y = atoi (date), m = atoi (date + 5);

  return (y - 2026) * 12 + m - 4;
}

/* The test's own sums over attendance list and event list. */
static void
independent_sums (Fixture *f, Sum sums[4][12])
{
  g_autoptr(JsonNode) keep = NULL, ev_keep = NULL;
  JsonArray *list = attendance_list (f, "2026-04-01", "2027-03-31", &keep);
  g_autofree char *ev = CLI ("event", "list", "--from", "2026-04-01", "--to", "2027-03-31",
                             "--json");
  JsonArray *events;

  memset (sums, 0, sizeof (Sum) * 4 * 12);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      int v = json_object_get_null_member (o, "venue_id") ? 0
                : (int) json_object_get_int_member (o, "venue_id");
      Sum *s = &sums[v][month_of (json_object_get_string_member (o, "date"))];

      s->sessions++;
      if (!json_object_get_boolean_member (o, "recorded"))
        {
          s->missing++;
          continue;
        }
      s->recorded++;
      for (int k = 0; k < 7; k++)
        s->counts[k] += json_object_get_int_member (o, count_names[k]);
      s->consultations += json_object_get_int_member_with_default (
        json_object_get_object_member (o, "consultations"), "発育・発達", 0);
    }

  ev_keep = rk_test_json (ev);
  events = json_node_get_array (ev_keep);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *o = json_array_get_object_element (events, i);
      JsonArray *staff = json_object_get_array_member (o, "staff");
      const char *st = json_object_get_string_member (o, "start");
      const char *en = json_object_get_string_member (o, "end");
      double hours = (atoi (en + 11) * 60 + atoi (en + 14) - atoi (st + 11) * 60 - atoi (st + 14)) / 60.0;
      int v = json_object_get_null_member (o, "venue_id") ? 0
                : (int) json_object_get_int_member (o, "venue_id");

      if (g_strcmp0 (json_object_get_string_member (o, "status"), "cancelled") == 0 ||
          g_strcmp0 (json_object_get_string_member (o, "status"), "skipped") == 0)
        continue;
      for (guint k = 0; k < json_array_get_length (staff); k++)
        sums[v][month_of (json_object_get_string_member (o, "date"))]
          .hours[json_object_get_int_member (json_array_get_object_element (staff, k),
                                             "staff_id")] += hours;
    }
}

static JsonObject *
report_venue (JsonObject *report, gint64 venue_id)
{
  JsonArray *venues = json_object_get_array_member (report, "venues");

  for (guint i = 0; i < json_array_get_length (venues); i++)
    {
      JsonObject *v = json_array_get_object_element (venues, i);
      if (venue_id == 0 ? json_object_get_null_member (v, "venue_id")
                        : json_object_get_int_member (v, "venue_id") == venue_id)
        return v;
    }
  return NULL;
}

static void
assert_month (JsonObject *m, const Sum *s, const char *what)
{
  double hours = 0;

  g_test_message ("%s", what);
  g_assert_cmpint (json_object_get_int_member (m, "missing_records"), ==, s->missing);
  if (s->recorded == 0 && s->missing > 0)
    {
      /* not entered: never 0 */
      for (int k = 0; k < 7; k++)
        g_assert_true (json_object_get_null_member (m, count_names[k]));
      g_assert_true (json_object_get_null_member (m, "consultations"));
    }
  else
    {
      for (int k = 0; k < 7; k++)
        g_assert_cmpint (json_object_get_int_member (m, count_names[k]), ==, s->counts[k]);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (m, "consultations"),
                                                   "発育・発達"), ==, s->consultations);
    }
  for (int id = 1; id <= 2; id++)
    {
      char key[4];
      g_snprintf (key, sizeof key, "%d", id);
      hours = json_object_get_double_member_with_default (
        json_object_get_object_member (m, "staff_hours"), key, 0);
      g_assert_cmpfloat_with_epsilon (hours, s->hours[id], 1e-9);
    }
}

static JsonNode *
report_json (Fixture *f, const char *venue)
{
  g_autofree char *out = venue ? CLI ("report", "annual", "--fiscal-year", "2026", "--venue", venue,
                                      "--format", "json", "-o", "-")
                               : CLI ("report", "annual", "--fiscal-year", "2026", "--format",
                                      "json", "-o", "-");
  return rk_test_json (out);
}

static void
test_report_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = report_json (f, NULL);
  JsonObject *report = json_node_get_object (root);
  Sum sums[4][12], all[12] = { 0 }, total = { 0 };
  JsonObject *v, *months;

  independent_sums (f, sums);
  g_assert_cmpint (json_object_get_int_member (report, "fiscal_year"), ==, 2026);
  /* every venue, the one where nothing was held too, and the events without a place */
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (report, "venues")), ==, 4);
  for (int vid = 0; vid <= 3; vid++)
    {
      Sum vt = { 0 };

      v = report_venue (report, vid);
      g_assert_nonnull (v);
      months = json_object_get_object_member (v, "months");
      g_assert_cmpint (json_object_get_size (months), ==, 12);
      for (int k = 0; k < 12; k++)
        {
          char key[8], what[64];
          Sum *s = &sums[vid][k];

          g_snprintf (key, sizeof key, "%04d-%02d", 2026 + (k + 3) / 12, (k + 3) % 12 + 1);
          g_snprintf (what, sizeof what, "venue %d %s", vid, key);
          g_assert_true (json_object_has_member (months, key));
          assert_month (json_object_get_object_member (months, key), s, what);
          vt.recorded += s->recorded;
          vt.missing += s->missing;
          all[k].recorded += s->recorded;
          all[k].missing += s->missing;
          for (int c = 0; c < 7; c++)
            {
              vt.counts[c] += s->counts[c];
              all[k].counts[c] += s->counts[c];
            }
          vt.consultations += s->consultations;
          all[k].consultations += s->consultations;
          for (int id = 0; id < 3; id++)
            {
              vt.hours[id] += s->hours[id];
              all[k].hours[id] += s->hours[id];
            }
        }
      assert_month (json_object_get_object_member (v, "total"), &vt, "venue total");
      total.recorded += vt.recorded;
      total.missing += vt.missing;
      for (int c = 0; c < 7; c++)
        total.counts[c] += vt.counts[c];
      total.consultations += vt.consultations;
      for (int id = 0; id < 3; id++)
        total.hours[id] += vt.hours[id];
    }
  assert_month (json_object_get_object_member (report, "total"), &total, "all");

  /* November at きた: held, nothing entered */
  months = json_object_get_object_member (report_venue (report, 2), "months");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (months, "2026-11"),
                                              "families"));
  /* sessions per program, days open */
  {
    JsonObject *m = json_object_get_object_member (
      json_object_get_object_member (report_venue (report, 1), "months"), "2026-07");
    JsonObject *s = json_object_get_object_member (m, "sessions");

    g_assert_cmpint (json_object_get_int_member (s, "健康相談と仲間づくり"), ==, 0);  /* cancelled */
    /* みなみ closes on Mondays: its own opening days, 31 - 4 Mondays in July 2026 */
    g_assert_cmpint (json_object_get_int_member (m, "days_open"), ==, 27);
    m = json_object_get_object_member (
      json_object_get_object_member (report_venue (report, 2), "months"), "2026-07");
    /* きた has no weekly pattern: the days something was held */
    g_assert_cmpint (json_object_get_int_member (m, "days_open"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (m, "sessions"),
                                                 "両親学級"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (
                         json_object_get_object_member (report, "total"), "sessions"),
                       "健康相談と仲間づくり"), ==, 11);
  }

  /* --venue: that venue alone */
  {
    g_autoptr(JsonNode) one = report_json (f, "2");
    JsonArray *venues = json_object_get_array_member (json_node_get_object (one), "venues");
    g_assert_cmpint (json_array_get_length (venues), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (venues, 0),
                                                 "venue_id"), ==, 2);
  }
  /* bad input */
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "report", "annual", "--fiscal-year",
                                "2026", "--format", "docx", "-o", "-", NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "report", "annual", "--fiscal-year",
                                "2026", "--venue", "99", "--format", "json", "-o", "-", NULL), ==, 2);
}

/* A year not over yet: later months are not "missing". */
static void
test_report_partial (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *months;

  g_assert_cmpint (rk_test_cli (f->db, "2026-10-20", &out, NULL, "report", "annual",
                                "--fiscal-year", "2026", "--format", "json", "-o", "-", NULL), ==, 0);
  root = rk_test_json (out);
  months = json_object_get_object_member (report_venue (json_node_get_object (root), 1), "months");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (months, "2026-12"),
                                               "missing_records"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (months, "2026-12"),
                                               "days_open"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (months, "2026-09"),
                                               "missing_records"), ==, 1);
}

static char *
python (const char *script, const char *path)
{
  g_autofree char *py = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                          ? g_strdup ("/usr/bin/python3")
                          : g_find_program_in_path ("python3");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { py, "-c", script, path, NULL };
  int status = 0;

  g_assert_nonnull (py);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python could not read %s: %s", path, err);
  return g_steal_pointer (&out);
}

static void
test_report_xlsx (Fixture *f, gconstpointer data)
{
  /* Each sheet: its values (formulas as text) and the values Excel would
   * show (the cached results), plus the page set-up. */
  static const char script[] =
    "import openpyxl, sys, json\n"
    "f = openpyxl.load_workbook(sys.argv[1])\n"
    "v = openpyxl.load_workbook(sys.argv[1], data_only=True)\n"
    "out = []\n"
    "for ws in f.worksheets:\n"
    "    wv = v[ws.title]\n"
    "    out.append({'title': ws.title, 'orientation': ws.page_setup.orientation,\n"
    "                'paper': int(ws.page_setup.paperSize or 0),\n"
    "                'cells': [[c for c in r] for r in ws.iter_rows(values_only=True)],\n"
    "                'values': [[c for c in r] for r in wv.iter_rows(values_only=True)]})\n"
    "print(json.dumps(out, ensure_ascii=False))\n";
  g_autofree char *path = g_build_filename (f->dir, "実績報告.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL, report = report_json (f, NULL);
  JsonArray *sheets;
  gboolean found_formula = FALSE, found_unknown = FALSE;

  g_free (CLI ("report", "annual", "--fiscal-year", "2026", "--format", "xlsx", "-o", path));
  out = python (script, path);
  root = rk_test_json (out);
  sheets = json_node_get_array (root);
  /* all venues, the three venues, no place, staff */
  g_assert_cmpint (json_array_get_length (sheets), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 0),
                                                  "title"), ==, "全拠点合計");
  for (guint s = 0; s < json_array_get_length (sheets); s++)
    {
      JsonObject *sheet = json_array_get_object_element (sheets, s);
      g_assert_cmpstr (json_object_get_string_member (sheet, "orientation"), ==, "landscape");
      g_assert_cmpint (json_object_get_int_member (sheet, "paper"), ==, 9);   /* A4 */
    }

  /* The all-venues sheet: row "組数" against the JSON report, month by
   * month, and the total a SUM formula. */
  for (guint s = 0; s < 3; s++)
    {
      JsonObject *sheet = json_array_get_object_element (sheets, s);
      JsonArray *cells = json_object_get_array_member (sheet, "cells");
      JsonArray *values = json_object_get_array_member (sheet, "values");
      JsonObject *months = s == 0 ? NULL
                             : json_object_get_object_member (
                                 report_venue (json_node_get_object (report), s), "months");
      JsonObject *rtotal = s == 0 ? json_object_get_object_member (json_node_get_object (report),
                                                                   "total")
                                  : json_object_get_object_member (
                                      report_venue (json_node_get_object (report), s), "total");
      JsonArray *header = json_array_get_array_element (cells, 3);
      gboolean seen = FALSE;

      g_assert_cmpstr (json_array_get_string_element (header, 2), ==, "4月");
      g_assert_cmpstr (json_array_get_string_element (header, 13), ==, "3月");
      g_assert_cmpstr (json_array_get_string_element (header, 14), ==, "合計");
      for (guint r = 4; r < json_array_get_length (cells); r++)
        {
          JsonArray *row = json_array_get_array_element (cells, r);
          JsonArray *vrow = json_array_get_array_element (values, r);
          JsonNode *total = json_array_get_element (row, 14);

          if (json_node_is_null (json_array_get_element (row, 1)) ||
              g_strcmp0 (json_array_get_string_element (row, 1), "組数") != 0)
            continue;
          seen = TRUE;
          for (int k = 0; k < 12 && months; k++)
            {
              char key[8];
              JsonObject *m;
              JsonNode *cell = json_array_get_element (vrow, 2 + k);

              g_snprintf (key, sizeof key, "%04d-%02d", 2026 + (k + 3) / 12, (k + 3) % 12 + 1);
              m = json_object_get_object_member (months, key);
              if (json_object_get_null_member (m, "families"))
                {
                  g_assert_cmpstr (json_node_get_string (cell), ==, "未入力");
                  found_unknown = TRUE;
                }
              else
                {
                  /* a real number, not text */
                  g_assert_cmpint (json_node_get_value_type (cell), ==, G_TYPE_INT64);
                  g_assert_cmpint (json_node_get_int (cell), ==,
                                   json_object_get_int_member (m, "families"));
                }
            }
          g_assert_true (g_str_has_prefix (json_node_get_string (total), "=SUM("));
          found_formula = TRUE;
          g_assert_cmpint (json_node_get_int (json_array_get_element (vrow, 14)), ==,
                           json_object_get_int_member (rtotal, "families"));
          if (s == 0)
            {
              /* each month sums the venue sheets */
              const char *jan = json_array_get_string_element (row, 2 + 9);
              g_assert_true (g_str_has_prefix (jan, "=SUM('"));
              g_assert_nonnull (strstr (jan, "'!L"));
            }
        }
      g_assert_true (seen);
    }
  g_assert_true (found_formula);
  g_assert_true (found_unknown);

  /* The staff sheet: hours per person and month, numbers. */
  {
    JsonObject *sheet = json_array_get_object_element (sheets, 5);
    JsonArray *values = json_object_get_array_member (sheet, "values");
    Sum sums[4][12];
    gboolean hours_block = FALSE, seen = FALSE;

    independent_sums (f, sums);
    g_assert_cmpstr (json_object_get_string_member (sheet, "title"), ==, "スタッフ従事実績");
    for (guint r = 4; r < json_array_get_length (values); r++)
      {
        JsonArray *row = json_array_get_array_element (values, r);
        JsonNode *first = json_array_get_element (row, 0);

        if (json_node_is_null (first))
          continue;
        if (g_strcmp0 (json_node_get_string (first), "時間") == 0)
          hours_block = TRUE;
        if (hours_block && g_strcmp0 (json_node_get_string (first), "佐藤 美咲") == 0)
          {
            double year = 0;
            for (int k = 0; k < 12; k++)
              {
                double want = 0;
                for (int v = 0; v < 4; v++)
                  want += sums[v][k].hours[1];
                g_assert_cmpfloat_with_epsilon (json_node_get_double (json_array_get_element (row, 2 + k)),
                                                want, 1e-9);
                year += want;
              }
            g_assert_cmpfloat_with_epsilon (json_node_get_double (json_array_get_element (row, 14)),
                                            year, 1e-9);
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }
}

static char *
pdftotext (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_report_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *text = NULL, *info = NULL;
  g_autofree char *csv = NULL, *csv_path = g_build_filename (f->dir, "report.csv", NULL);
  g_auto(GStrv) pages = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };

  g_free (CLI ("report", "annual", "--fiscal-year", "2026", "--format", "pdf", "-o", path));
  text = pdftotext (path);
  pages = g_strsplit (text, "\f", -1);
  /* all venues, three venues, no place, staff */
  g_assert_cmpint (g_strv_length (pages), >=, 6);
  g_assert_nonnull (strstr (pages[0], "令和8年度"));
  g_assert_nonnull (strstr (pages[0], "利用実績報告書"));
  g_assert_nonnull (strstr (pages[0], "全拠点合計"));
  g_assert_nonnull (strstr (pages[1], "みなみ子育て支援センター"));
  g_assert_nonnull (strstr (pages[1], "月別利用組数"));   /* the chart */
  g_assert_nonnull (strstr (pages[2], "きたひろば"));
  g_assert_nonnull (strstr (pages[2], "未入力"));         /* November, marked */
  g_assert_nonnull (strstr (text, "佐藤 美咲"));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, NULL,
                NULL);
  g_assert_nonnull (strstr (info, "841.89 x 595.28"));   /* A4 landscape */
  /* Written like every export (rk_output): 0600 (it names staff), the
   * fonts embedded; into standard output; through a link to its target. */
  {
    const char *fonts_argv[] = { "pdffonts", path, NULL };
    g_autofree char *fonts = rk_test_tool (fonts_argv);
    g_autofree char *out = NULL, *target_text = NULL;
    g_autofree char *link = g_build_filename (f->dir, "link.pdf", NULL);
    g_autofree char *target = g_build_filename (f->dir, "target.pdf", NULL);
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_nonnull (strstr (fonts, "IPAexGothic"));
    g_assert_null (strstr (fonts, " no  "));
    out = CLI ("report", "annual", "--fiscal-year", "2026", "--format", "pdf", "-o", "-");
    g_assert_true (g_str_has_prefix (out, "%PDF-"));
    g_assert_true (g_file_set_contents (target, "last year's", -1, NULL));
    g_assert_cmpint (symlink (target, link), ==, 0);
    g_free (CLI ("report", "annual", "--fiscal-year", "2026", "--format", "pdf", "-o", link));
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    target_text = pdftotext (target);
    g_assert_nonnull (strstr (target_text, "利用実績報告書"));
  }

  g_free (CLI ("report", "annual", "--fiscal-year", "2026", "--format", "csv", "-o", csv_path));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, "未入力"));
  g_assert_nonnull (strstr (csv, "\r\n"));
}

/* ---- records travel ----------------------------------------------------- */

static void
test_copy_and_export (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "staff.csv", NULL);
  g_autofree char *csv = NULL, *pub = NULL;
  g_autofree char *pub_path = g_build_filename (f->dir, "public.csv", NULL);
  g_autofree char *a = NULL, *b = NULL;

  g_assert_cmpint (rk_test_cli (NULL, TODAY, NULL, NULL, "db", "copy", "--from", f->db, "--to",
                                copy, NULL), ==, 0);
  a = CLI ("attendance", "list", "--from", "2026-04-01", "--to", "2027-03-31", "--json");
  b = rk_test_cli_ok (copy, TODAY, "attendance", "list", "--from", "2026-04-01", "--to",
                      "2027-03-31", "--json", NULL);
  g_assert_cmpstr (a, ==, b);

  g_free (CLI ("export", "--month", "2026-06", "--format", "csv", "--audience", "staff", "-o",
               csv_path));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "families,adults,children,pregnant,residents,nonresidents,"
                                 "first_time,consultations,attendance_notes,uid"));
  g_assert_nonnull (strstr (csv, "\"発育・発達=2,その他=1\""));
  g_free (CLI ("export", "--month", "2026-06", "--format", "csv", "-o", pub_path));
  g_assert_true (g_file_get_contents (pub_path, &pub, NULL, NULL));
  g_assert_null (strstr (pub, "families"));
}

static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_store_open (f->db, &error);
  g_autoptr(RkUndoStack) undo = NULL;
  g_autoptr(RkAttendance) a = NULL, back = NULL, again = NULL;
  RkDay day;

  g_assert_no_error (error);
  undo = rk_undo_stack_new (store);
  rk_date_parse ("2026-09-09", &day);
  a = rk_attendance_new (1, day);
  a->counts[RK_COUNT_FAMILIES] = 6;
  a->counts[RK_COUNT_ADULTS] = 7;
  g_assert_true (rk_store_begin (store, &error));
  rk_undo_stack_begin (undo, "attendance");
  g_assert_true (rk_undo_stack_save (undo, RK_UNDO_ATTENDANCE, 1, &error));
  g_assert_true (rk_store_save_attendance (store, a, &error));
  g_assert_true (rk_undo_stack_commit (undo, &error));
  g_assert_no_error (error);

  back = rk_store_get_attendance (store, 1, day, &error);
  g_assert_nonnull (back);
  g_assert_cmpint (back->counts[RK_COUNT_FAMILIES], ==, 6);
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_null (rk_store_get_attendance (store, 1, day, &error));
  g_assert_no_error (error);
  g_assert_true (rk_undo_stack_redo (undo, &error));
  again = rk_store_get_attendance (store, 1, day, &error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->counts[RK_COUNT_ADULTS], ==, 7);

  /* two editors of the same record: the second one, read before the
   * first saved, is refused */
  again->counts[RK_COUNT_CHILDREN] = 3;
  g_assert_true (rk_store_begin (store, &error));
  g_assert_true (rk_store_save_attendance (store, again, &error));
  g_assert_true (rk_store_commit (store, &error));
  back->counts[RK_COUNT_FAMILIES] = 1;
  g_assert_true (rk_store_begin (store, &error));
  g_assert_false (rk_store_save_attendance (store, back, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_STALE);
  rk_store_rollback (store);
  g_clear_error (&error);
  /* as it was for the next case: no record of 09-09 */
  g_assert_true (rk_store_begin (store, &error));
  g_assert_true (rk_store_delete_attendance (store, 1, day, &error));
  g_assert_true (rk_store_commit (store, &error));
}

int
main (int argc, char **argv)
{
  int rc;

  rk_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/attendance/validation", test_validation);
  ADD ("/attendance/report-json", test_report_json);
  ADD ("/attendance/report-partial", test_report_partial);
  ADD ("/attendance/report-xlsx", test_report_xlsx);
  ADD ("/attendance/report-pdf", test_report_pdf);
  ADD ("/attendance/copy-export", test_copy_and_export);
  ADD ("/attendance/records", test_records);
  ADD ("/attendance/undo", test_undo);
  ADD ("/attendance/missing", test_missing);
  rc = g_test_run ();
  if (shared_dir)
    rk_test_rm_rf (shared_dir);
  g_free (shared_dir);
  g_free (shared_db);
  return rc;
}
