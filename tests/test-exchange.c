#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>
#include <string.h>

#include "rk-test-util.h"

/* Data exchange end to end through renkei-cli: .ics read back with libical
 * and with Python's icalendar, .csv in UTF-8 and Shift_JIS, imports that
 * land whole or not at all, and round trips through empty databases. */

#define TODAY "2026-10-15"
#define WIDE_FROM "2026-10-01"
#define WIDE_TO "2027-12-31"

typedef struct
{
  char *dir;
  char *db;
  char *venue, *room, *program, *nurse, *hub;
  char *series, *weekly_next, *weekly_skip, *meeting;
} Fixture;

/* ---- helpers ------------------------------------------------------------ */

static char *
path_in (Fixture *f, const char *name)
{
  /* The databases of these cases live on the server under test. */
  if (rk_test_backend_is_pg () && g_str_has_suffix (name, ".db"))
    return rk_test_pg_database ();
  return g_build_filename (f->dir, name, NULL);
}

static char *
read_file (const char *path, gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static void
write_file (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The same venue, room, program and people in any database. */
static void
seed_reference (const char *db, Fixture *f)
{
  g_autofree char *venue = rk_test_cli_ok (db, TODAY, "venue", "add", "--name", "ひろば中央",
                                           "--closed-on-holidays", NULL);
  g_autofree char *room = rk_test_cli_ok (db, TODAY, "room", "add", "--venue", venue, "--name",
                                          "多目的室", "--capacity", "30", NULL);
  g_autofree char *program = rk_test_cli_ok (db, TODAY, "program", "add", "--name", "両親学級",
                                             "--requires", "public_health_nurse=1,hub_staff=1",
                                             "--duration", "120", "--audience",
                                             "初めての出産を迎える方と家族", NULL);
  g_autofree char *nurse = rk_test_cli_ok (db, TODAY, "staff", "add", "--name", "山田 花子",
                                           "--role", "public_health_nurse", "--phone",
                                           "090-1111-2222", "--email", "hanako@example.jp", NULL);
  g_autofree char *hub = rk_test_cli_ok (db, TODAY, "staff", "add", "--name", "佐藤 次郎",
                                         "--role", "hub_staff", "--phone", "03-3333-4444", NULL);

  if (f)
    {
      f->venue = g_steal_pointer (&venue);
      f->room = g_steal_pointer (&room);
      f->program = g_steal_pointer (&program);
      f->nurse = g_steal_pointer (&nurse);
      f->hub = g_steal_pointer (&hub);
    }
}

/* November 2026: a weekly parents' class with a cancelled, a moved and a
 * differently staffed occurrence; a series a holiday moves (23 Nov,
 * Labour Thanksgiving Day → 24 Nov); one a holiday skips (3 Nov, Culture
 * Day); a tentative liaison meeting. */
static void
fixture_make (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-exchange-base-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = path_in (f, "origin.db");
  seed_reference (f->db, f);

  f->series = rk_test_cli_ok (f->db, TODAY, "event", "add", "--program", f->program, "--start",
                              "2026-11-01T10:00", "--end", "2026-11-01T12:00", "--room", f->room,
                              "--repeat", "FREQ=WEEKLY;BYDAY=SU;COUNT=8", "--on-holiday", "keep",
                              "--capacity", "20", "--notes", "内部メモ: 鍵は事務所", NULL);
  g_free (rk_test_cli_ok (f->db, TODAY, "assign", f->series, f->nurse, NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "assign", f->series, f->hub, NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "event", "cancel", f->series, "--date", "2026-11-08",
                          "--reason", "講師都合", NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "event", "move", f->series, "--date", "2026-11-15",
                          "--to", "2026-11-14T13:00", NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "unassign", f->series, f->hub, "--date", "2026-11-22",
                          NULL));
  f->weekly_next = rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", "健康相談", "--start",
                                   "2026-11-02T10:00", "--end", "2026-11-02T11:30", "--room",
                                   f->room, "--repeat", "FREQ=WEEKLY;BYDAY=MO;COUNT=8",
                                   "--on-holiday", "next-day", NULL);
  f->weekly_skip = rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", "ふたご・みつご広場",
                                   "--start", "2026-11-03T13:00", "--end", "2026-11-03T14:30",
                                   "--room", f->room, "--repeat", "FREQ=WEEKLY;BYDAY=TU",
                                   "--on-holiday", "skip", NULL);
  f->meeting = rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", "連絡会議", "--start",
                               "2026-11-17T14:00", "--end", "2026-11-17T16:00", "--tentative",
                               NULL);
  g_free (rk_test_cli_ok (f->db, TODAY, "assign", f->meeting, f->nurse, NULL));
}

/* The municipality above is made through the CLI once per program; each
 * case gets a copy of its database (the same rows, the same ids). */
static Fixture base;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  if (base.db == NULL)
    fixture_make (&base);
  f->dir = g_dir_make_tmp ("renkei-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = rk_test_db_clone (base.db, f->dir);
  f->venue = g_strdup (base.venue);
  f->room = g_strdup (base.room);
  f->program = g_strdup (base.program);
  f->nurse = g_strdup (base.nurse);
  f->hub = g_strdup (base.hub);
  f->series = g_strdup (base.series);
  f->weekly_next = g_strdup (base.weekly_next);
  f->weekly_skip = g_strdup (base.weekly_skip);
  f->meeting = g_strdup (base.meeting);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->venue);
  g_free (f->room);
  g_free (f->program);
  g_free (f->nurse);
  g_free (f->hub);
  g_free (f->series);
  g_free (f->weekly_next);
  g_free (f->weekly_skip);
  g_free (f->meeting);
}

static char *
export (Fixture *f, const char *db, const char *name, const char *format, const char *audience,
        const char *encoding)
{
  char *path = path_in (f, name);
  g_autofree char *err = NULL;
  int rc;

  if (encoding)
    rc = rk_test_cli (db, TODAY, NULL, &err, "export", "--month", "2026-11", "--format", format,
                      "--audience", audience, "--encoding", encoding, "-o", path, NULL);
  else
    rc = rk_test_cli (db, TODAY, NULL, &err, "export", "--month", "2026-11", "--format", format,
                      "--audience", audience, "-o", path, NULL);
  if (rc != 0)
    g_error ("export %s %s failed (%d): %s", format, audience, rc, err);
  return path;
}

static int
import (const char *db, const char *path, char **out, char **err)
{
  return rk_test_cli (db, TODAY, out, err, "import", path, NULL);
}

static char *
new_db (Fixture *f, const char *name, gboolean with_reference)
{
  char *db = path_in (f, name);

  g_free (rk_test_cli_ok (db, TODAY, "init", NULL));
  if (with_reference)
    seed_reference (db, NULL);
  return db;
}

/* event list --json over a wide range, without what differs between
 * databases by nature: ids, and (keep_names FALSE) the names of rooms,
 * programs and people an empty database cannot know.  The rule's text is
 * left out too: libical writes its parts in its own order. */
static char *
occurrences (const char *db, gboolean keep_names)
{
  g_autofree char *out = rk_test_cli_ok (db, TODAY, "event", "list", "--from", WIDE_FROM, "--to",
                                         WIDE_TO, "--json", NULL);
  g_autoptr(JsonNode) root = rk_test_json (out);
  JsonArray *arr = json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (arr), >, 0);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      static const char * const drop[] = { "event_id", "program_id", "room_id", "venue_id",
                                           "repeat" };
      static const char * const names[] = { "program", "room", "venue", "staff", "required" };

      for (guint k = 0; k < G_N_ELEMENTS (drop); k++)
        json_object_remove_member (o, drop[k]);
      if (!keep_names)
        for (guint k = 0; k < G_N_ELEMENTS (names); k++)
          json_object_remove_member (o, names[k]);
      else
        {
          JsonArray *staff = json_object_get_array_member (o, "staff");
          for (guint s = 0; s < json_array_get_length (staff); s++)
            json_object_remove_member (json_array_get_object_element (staff, s), "staff_id");
        }
    }
  return json_to_string (root, TRUE);
}

/* Equal texts, or a failure that shows where they part. */
#define assert_same_text(a, b) assert_same_text_ (__LINE__, #a, a, #b, b)
static void
assert_same_text_ (int where, const char *na, const char *a, const char *nb, const char *b)
{
  g_auto(GStrv) la = NULL, lb = NULL;
  guint i;

  if (g_strcmp0 (a, b) == 0)
    return;
  la = g_strsplit (a ? a : "", "\n", -1);
  lb = g_strsplit (b ? b : "", "\n", -1);
  for (i = 0; la[i] && lb[i] && strcmp (la[i], lb[i]) == 0; i++)
    ;
  g_error ("line %d: %s and %s differ at their line %u:\n  %s\n  %s\n(then %s / %s)", where, na,
           nb, i + 1, la[i] ? la[i] : "(end)", lb[i] ? lb[i] : "(end)",
           la[i] && la[i + 1] ? la[i + 1] : "", lb[i] && lb[i + 1] ? lb[i + 1] : "");
}

static char *
full_list (const char *db)
{
  return rk_test_cli_ok (db, TODAY, "event", "list", "--from", WIDE_FROM, "--to", WIDE_TO,
                         "--json", NULL);
}

/* ---- libical ------------------------------------------------------------ */

static icalcomponent *
parse_ics (const char *path)
{
  g_autofree char *text = read_file (path, NULL);
  icalcomponent *cal = icalparser_parse_string (text);

  g_assert_nonnull (cal);
  g_assert_cmpint (icalcomponent_isa (cal), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (cal), ==, 0);
  return cal;
}

static icalcomponent *
find_vevent (icalcomponent *cal, const char *summary, gboolean override, int day)
{
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *rid = icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY);

      if (g_strcmp0 (icalcomponent_get_summary (c), summary) != 0 || (rid != NULL) != override)
        continue;
      if (override && icalproperty_get_recurrenceid (rid).day != day)
        continue;
      return c;
    }
  return NULL;
}

static guint
count_props (icalcomponent *c, icalproperty_kind kind)
{
  return (guint) icalcomponent_count_properties (c, kind);
}

static const char *
tzid_of (icalproperty *p)
{
  icalparameter *tz = icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER);

  return tz ? icalparameter_get_tzid (tz) : NULL;
}

static void
assert_time (icalproperty *p, struct icaltimetype t, int y, int mo, int d, int h, int mi)
{
  g_assert_cmpstr (tzid_of (p), ==, "Asia/Tokyo");
  g_assert_cmpint (t.year, ==, y);
  g_assert_cmpint (t.month, ==, mo);
  g_assert_cmpint (t.day, ==, d);
  g_assert_cmpint (t.hour, ==, h);
  g_assert_cmpint (t.minute, ==, mi);
}

static void
assert_vtimezone (icalcomponent *cal)
{
  icalcomponent *tz = icalcomponent_get_first_component (cal, ICAL_VTIMEZONE_COMPONENT);
  icalcomponent *std;

  g_assert_nonnull (tz);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (tz, ICAL_TZID_PROPERTY)),
                   ==, "Asia/Tokyo");
  std = icalcomponent_get_first_component (tz, ICAL_XSTANDARD_COMPONENT);
  g_assert_nonnull (std);
  g_assert_cmpint (icalproperty_get_tzoffsetto (icalcomponent_get_first_property (std, ICAL_TZOFFSETTO_PROPERTY)),
                   ==, 9 * 3600);
  g_assert_cmpint (icalproperty_get_tzoffsetfrom (icalcomponent_get_first_property (std, ICAL_TZOFFSETFROM_PROPERTY)),
                   ==, 9 * 3600);
  g_assert_cmpstr (icalproperty_get_tzname (icalcomponent_get_first_property (std, ICAL_TZNAME_PROPERTY)),
                   ==, "JST");
}

/* The parents' class series, master and moved occurrence, as both versions
 * write it. */
static void
assert_series (icalcomponent *cal)
{
  icalcomponent *m = find_vevent (cal, "両親学級", FALSE, 0);
  icalcomponent *moved = find_vevent (cal, "両親学級", TRUE, 15);
  icalproperty *p;
  struct icalrecurrencetype r;

  g_assert_nonnull (m);
  p = icalcomponent_get_first_property (m, ICAL_DTSTART_PROPERTY);
  assert_time (p, icalproperty_get_dtstart (p), 2026, 11, 1, 10, 0);
  p = icalcomponent_get_first_property (m, ICAL_DTEND_PROPERTY);
  assert_time (p, icalproperty_get_dtend (p), 2026, 11, 1, 12, 0);
  g_assert_cmpuint (count_props (m, ICAL_RRULE_PROPERTY), ==, 1);
  r = icalproperty_get_rrule (icalcomponent_get_first_property (m, ICAL_RRULE_PROPERTY));
  g_assert_cmpint (r.freq, ==, ICAL_WEEKLY_RECURRENCE);
  g_assert_cmpint (r.count, ==, 8);
  g_assert_cmpint (icalrecurrencetype_day_day_of_week (r.by_day[0]), ==, ICAL_SUNDAY_WEEKDAY);
  g_assert_cmpint (r.by_day[1], ==, ICAL_RECURRENCE_ARRAY_MAX);
  /* the cancelled occurrence */
  g_assert_cmpuint (count_props (m, ICAL_EXDATE_PROPERTY), ==, 1);
  p = icalcomponent_get_first_property (m, ICAL_EXDATE_PROPERTY);
  assert_time (p, icalproperty_get_exdate (p), 2026, 11, 8, 10, 0);
  g_assert_cmpstr (icalproperty_get_location (icalcomponent_get_first_property (m, ICAL_LOCATION_PROPERTY)),
                   ==, "ひろば中央 多目的室");
  g_assert_cmpuint (count_props (m, ICAL_CATEGORIES_PROPERTY), ==, 1);
  g_assert_cmpstr (icalproperty_get_categories (icalcomponent_get_first_property (m, ICAL_CATEGORIES_PROPERTY)),
                   ==, "両親学級");
  g_assert_cmpint (icalcomponent_get_status (m), ==, ICAL_STATUS_CONFIRMED);

  /* the moved occurrence: same UID, RECURRENCE-ID its planned start */
  g_assert_nonnull (moved);
  g_assert_cmpstr (icalcomponent_get_uid (moved), ==, icalcomponent_get_uid (m));
  p = icalcomponent_get_first_property (moved, ICAL_RECURRENCEID_PROPERTY);
  assert_time (p, icalproperty_get_recurrenceid (p), 2026, 11, 15, 10, 0);
  p = icalcomponent_get_first_property (moved, ICAL_DTSTART_PROPERTY);
  assert_time (p, icalproperty_get_dtstart (p), 2026, 11, 14, 13, 0);
  p = icalcomponent_get_first_property (moved, ICAL_DTEND_PROPERTY);
  assert_time (p, icalproperty_get_dtend (p), 2026, 11, 14, 15, 0);

  /* the holiday policies, written out for calendars that know none */
  m = find_vevent (cal, "健康相談", TRUE, 23);
  g_assert_nonnull (m);
  p = icalcomponent_get_first_property (m, ICAL_DTSTART_PROPERTY);
  assert_time (p, icalproperty_get_dtstart (p), 2026, 11, 24, 10, 0);
  m = find_vevent (cal, "ふたご・みつご広場", FALSE, 0);
  g_assert_nonnull (m);
  p = icalcomponent_get_first_property (m, ICAL_EXDATE_PROPERTY);
  assert_time (p, icalproperty_get_exdate (p), 2026, 11, 3, 13, 0);
}

static void
test_ics_public (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, f->db, "public.ics", "ics", "public", NULL);
  g_autofree char *text = read_file (path, NULL);
  icalcomponent *cal = parse_ics (path);
  static const char * const secret[] = {
    "山田", "佐藤", "090-1111-2222", "03-3333-4444", "hanako@example.jp", "内部メモ", "講師都合",
    "ATTENDEE", "DESCRIPTION", "連絡会議",
  };

  /* three series and two changed occurrences; the tentative meeting is left out */
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VEVENT_COMPONENT), ==, 5);
  assert_vtimezone (cal);
  assert_series (cal);
  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    if (strstr (text, secret[i]))
      g_error ("the public .ics holds “%s”", secret[i]);
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      g_assert_cmpuint (count_props (c, ICAL_ATTENDEE_PROPERTY), ==, 0);
      g_assert_cmpuint (count_props (c, ICAL_DESCRIPTION_PROPERTY), ==, 0);
    }
  icalcomponent_free (cal);
}

static void
test_ics_staff (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, f->db, "staff.ics", "ics", "staff", NULL);
  icalcomponent *cal = parse_ics (path);
  icalcomponent *m, *day;
  guint n_nurse = 0;

  /* four events; moved, restaffed (22 Nov) and holiday-moved occurrences */
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VEVENT_COMPONENT), ==, 7);
  assert_vtimezone (cal);
  assert_series (cal);

  m = find_vevent (cal, "両親学級", FALSE, 0);
  g_assert_cmpstr (icalcomponent_get_description (m), ==, "内部メモ: 鍵は事務所");
  g_assert_cmpuint (count_props (m, ICAL_ATTENDEE_PROPERTY), ==, 2);
  for (icalproperty *p = icalcomponent_get_first_property (m, ICAL_ATTENDEE_PROPERTY); p;
       p = icalcomponent_get_next_property (m, ICAL_ATTENDEE_PROPERTY))
    {
      icalparameter *cn = icalproperty_get_first_parameter (p, ICAL_CN_PARAMETER);
      icalparameter *role = icalproperty_get_first_parameter (p, ICAL_ROLE_PARAMETER);

      g_assert_nonnull (cn);
      g_assert_nonnull (role);
      g_assert_cmpint (icalparameter_get_role (role), ==, ICAL_ROLE_REQPARTICIPANT);
      if (g_strcmp0 (icalparameter_get_cn (cn), "山田 花子") == 0)
        {
          n_nurse++;
          g_assert_cmpstr (icalproperty_get_attendee (p), ==, "mailto:hanako@example.jp");
        }
      else
        g_assert_cmpstr (icalparameter_get_cn (cn), ==, "佐藤 次郎");
    }
  g_assert_cmpuint (n_nurse, ==, 1);

  /* 22 Nov: only the nurse */
  day = find_vevent (cal, "両親学級", TRUE, 22);
  g_assert_nonnull (day);
  g_assert_cmpuint (count_props (day, ICAL_ATTENDEE_PROPERTY), ==, 1);
  g_assert_cmpstr (icalparameter_get_cn (icalproperty_get_first_parameter (
                     icalcomponent_get_first_property (day, ICAL_ATTENDEE_PROPERTY),
                     ICAL_CN_PARAMETER)),
                   ==, "山田 花子");

  m = find_vevent (cal, "連絡会議", FALSE, 0);
  g_assert_nonnull (m);
  g_assert_cmpint (icalcomponent_get_status (m), ==, ICAL_STATUS_TENTATIVE);
  icalcomponent_free (cal);
}

/* Python's icalendar (Debian's python3-icalendar), a parser other than
 * libical, reads the same files. */
static char *
python_counts (const char *path)
{
  static const char script[] =
    "import icalendar, sys, json\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "ev = list(cal.walk('VEVENT'))\n"
    "def many(e, k):\n"
    "    v = e.get(k)\n"
    "    return [] if v is None else (v if isinstance(v, list) else [v])\n"
    "out = {\n"
    "  'events': len(ev),\n"
    "  'rrule': sum(1 for e in ev if e.get('RRULE')),\n"
    "  'recurrence_id': sum(1 for e in ev if e.get('RECURRENCE-ID')),\n"
    "  'exdate': sum(len(x.dts) for e in ev for x in many(e, 'EXDATE')),\n"
    "  'attendee': sum(len(many(e, 'ATTENDEE')) for e in ev),\n"
    "  'description': sum(1 for e in ev if e.get('DESCRIPTION')),\n"
    "  'timezones': [str(t['TZID']) for t in cal.walk('VTIMEZONE')],\n"
    "  'dtstart_zones': sorted(set(str(e.decoded('DTSTART').tzinfo) for e in ev)),\n"
    "  'summaries': sorted(set(str(e['SUMMARY']) for e in ev)),\n"
    "  'categories': sorted(set(str(c) for e in ev for x in many(e, 'CATEGORIES') for c in x.cats)),\n"
    "}\n"
    "print(json.dumps(out, ensure_ascii=False, sort_keys=True))\n";
  g_autofree char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                              ? g_strdup ("/usr/bin/python3")
                              : g_find_program_in_path ("python3");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { python, "-c", script, path, NULL };
  int status = 0;

  if (python == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      if (err && strstr (err, "No module named 'icalendar'"))
        return NULL;
      g_error ("python icalendar could not read %s: %s", path, err);
    }
  return g_strdup (g_strstrip (out));
}

static void
test_ics_python (Fixture *f, gconstpointer data)
{
  g_autofree char *pub = export (f, f->db, "public.ics", "ics", "public", NULL);
  g_autofree char *staff = export (f, f->db, "staff.ics", "ics", "staff", NULL);
  g_autofree char *pub_counts = python_counts (pub);
  g_autofree char *staff_counts = NULL;
  g_autoptr(JsonNode) p = NULL, s = NULL;
  JsonObject *po, *so;

  if (pub_counts == NULL)
    {
      g_test_skip ("python3 with icalendar (python3-icalendar) is not installed");
      return;
    }
  staff_counts = python_counts (staff);
  g_test_message ("public: %s", pub_counts);
  g_test_message ("staff: %s", staff_counts);
  p = rk_test_json (pub_counts);
  s = rk_test_json (staff_counts);
  po = json_node_get_object (p);
  so = json_node_get_object (s);

  g_assert_cmpint (json_object_get_int_member (po, "events"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (po, "rrule"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (po, "recurrence_id"), ==, 2);
  /* the cancelled class, and Tuesdays that are holidays */
  g_assert_cmpint (json_object_get_int_member (po, "exdate"), >=, 2);
  g_assert_cmpint (json_object_get_int_member (po, "attendee"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (po, "description"), ==, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (po, "timezones"), 0),
                   ==, "Asia/Tokyo");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (po, "dtstart_zones")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (po, "dtstart_zones"), 0),
                   ==, "Asia/Tokyo");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (po, "categories"), 0),
                   ==, "両親学級");

  g_assert_cmpint (json_object_get_int_member (so, "events"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (so, "recurrence_id"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (so, "exdate"), ==,
                   json_object_get_int_member (po, "exdate"));
  /* 2 on the series, 2 on the moved class, 1 on 22 Nov, 1 on the meeting */
  g_assert_cmpint (json_object_get_int_member (so, "attendee"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (so, "description"), >=, 1);
}

static void
test_ics_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, f->db, "staff.ics", "ics", "staff", NULL);
  g_autofree char *empty = new_db (f, "empty.db", FALSE);
  g_autofree char *same = new_db (f, "same.db", TRUE);
  g_autofree char *want_bare = occurrences (f->db, FALSE);
  g_autofree char *want_full = occurrences (f->db, TRUE);
  g_autofree char *got = NULL, *out = NULL, *again = NULL, *a = NULL, *b = NULL;
  g_auto(GStrv) la = NULL, lb = NULL;
  g_autoptr(GString) fa = g_string_new (NULL), fb = g_string_new (NULL);

  /* An empty database: no rooms, programs or people to match, the same
   * occurrences (dates, times, titles, statuses, moves and reasons). */
  g_assert_cmpint (import (empty, path, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "4 new"));
  got = occurrences (empty, FALSE);
  assert_same_text (got, want_bare);
  g_clear_pointer (&got, g_free);

  /* A database with the same venue, program and people: everything, the
   * staff of each occurrence included. */
  g_assert_cmpint (import (same, path, NULL, NULL), ==, 0);
  got = occurrences (same, TRUE);
  assert_same_text (got, want_full);

  /* ... and it exports the same calendar. */
  again = export (f, same, "again.ics", "ics", "staff", NULL);
  a = read_file (path, NULL);
  b = read_file (again, NULL);
  la = g_strsplit (a, "\n", -1);
  lb = g_strsplit (b, "\n", -1);
  for (guint i = 0; la[i]; i++)
    if (!g_str_has_prefix (la[i], "DTSTAMP:"))
      g_string_append_printf (fa, "%s\n", la[i]);
  for (guint i = 0; lb[i]; i++)
    if (!g_str_has_prefix (lb[i], "DTSTAMP:"))
      g_string_append_printf (fb, "%s\n", lb[i]);
  assert_same_text (fa->str, fb->str);
}

static void
test_ics_import_twice (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, f->db, "staff.ics", "ics", "staff", NULL);
  g_autofree char *db = new_db (f, "twice.db", TRUE);
  g_autofree char *out = NULL, *first = NULL, *second = NULL, *before = NULL, *after = NULL;

  g_assert_cmpint (import (db, path, NULL, NULL), ==, 0);
  first = full_list (db);
  g_assert_cmpint (import (db, path, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 new, 0 updated, 4 unchanged"));
  second = full_list (db);
  assert_same_text (first, second);

  /* Into the database it came from: the events are found by UID. */
  before = full_list (f->db);
  g_assert_cmpint (import (f->db, path, NULL, NULL), ==, 0);
  after = full_list (f->db);
  assert_same_text (before, after);
}

typedef struct
{
  const char *name;
  const char *bad;         /* the second VEVENT's times */
  const char *expect[3];   /* in the one-line message */
} Broken;

static void
test_ics_broken (Fixture *f, gconstpointer data)
{
  static const Broken cases[] = {
    { "bad-dtstart", "DTSTART:20261345T100000\r\nDTEND:20261108T110000",
      { "line 13", "UID bad@example.org", "DTSTART" } },
    { "unreadable-dtstart", "DTSTART:tomorrow\r\nDTEND:20261108T110000",
      { "line 13", "UID bad@example.org", "DTSTART" } },
    { "end-before-start",
      "DTSTART;TZID=Asia/Tokyo:20261108T120000\r\nDTEND;TZID=Asia/Tokyo:20261108T110000",
      { "line 14", "UID bad@example.org", "DTEND" } },
    { "garbage-line", "DTSTART:20261108T100000\r\nDTEND:20261108T110000\r\n%%% not ical %%%",
      { "line 15", "UID bad@example.org", "not ical" } },
    { "bad-rule", "DTSTART:20261108T100000\r\nDTEND:20261108T110000\r\nRRULE:FREQ=MONTHLY;BYDAY=9XX",
      { "line 15", "UID bad@example.org", "" } },
    /* Not UTF-8 on the file's line 17, after a line folded inside a
     * character (which unfolded is UTF-8). */
    { "not-utf8",
      "DESCRIPTION:持ち物\xe3\x81\r\n \xaf母子健康手帳\r\nDTSTART:20261108T100000\r\n"
      "DTEND:20261108T110000\r\nLOCATION:第\xff会議室",
      { "line 17", "not UTF-8", "" } },
  };
  g_autofree char *hash = rk_test_file_hash (f->db);
  g_autofree char *list = full_list (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat (cases[i].name, ".ics", NULL);
      g_autofree char *path = path_in (f, name);
      g_autofree char *text = g_strdup_printf (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:good@example.org\r\nSUMMARY:正しい行事\r\n"
        "DTSTART:20261108T100000\r\nDTEND:20261108T110000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:bad@example.org\r\nSUMMARY:壊れた行事\r\n%s\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        cases[i].bad);
      g_autofree char *err = NULL, *after = NULL, *after_list = NULL;

      write_file (path, text);
      g_assert_cmpint (import (f->db, path, NULL, &err), ==, 2);
      g_test_message ("%s: %s", cases[i].name, err);
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].expect); k++)
        if (!strstr (err, cases[i].expect[k]))
          g_error ("%s: “%s” not in: %s", cases[i].name, cases[i].expect[k], err);
      /* one line */
      g_assert_true (strchr (err, '\n') == NULL || strchr (err, '\n')[1] == '\0');
      after = rk_test_file_hash (f->db);
      g_assert_cmpstr (after, ==, hash);
      after_list = full_list (f->db);
      assert_same_text (after_list, list);
    }

  /* Not a calendar at all. */
  {
    g_autofree char *path = path_in (f, "garbage.ics");
    g_autofree char *err = NULL, *after = NULL;

    write_file (path, "this is not a calendar\nat all\n");
    g_assert_cmpint (import (f->db, path, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "line 1"));
    after = rk_test_file_hash (f->db);
    g_assert_cmpstr (after, ==, hash);
  }
}

/* Times in UTC or another zone land in the database's zone (Asia/Tokyo);
 * LOCATION and CATEGORIES find the room and program by name. */
static void
test_ics_foreign (Fixture *f, gconstpointer data)
{
  g_autofree char *db = new_db (f, "foreign.db", TRUE);
  g_autofree char *path = path_in (f, "foreign.ics");
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *arr;
  JsonObject *o;

  write_file (path,
              "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\n"
              "BEGIN:VEVENT\r\nUID:utc@example.org\r\nSUMMARY:UTC\r\n"
              "DTSTART:20261109T010000Z\r\nDTEND:20261109T020000Z\r\n"
              "LOCATION:多目的室\r\nCATEGORIES:両親学級\r\nEND:VEVENT\r\n"
              "BEGIN:VEVENT\r\nUID:berlin@example.org\r\nSUMMARY:Berlin\r\n"
              "DTSTART;TZID=Europe/Berlin:20261110T100000\r\nDURATION:PT90M\r\n"
              "LOCATION:Rathaus\\, Saal 2\r\nDESCRIPTION:mit Dolmetscher\r\nEND:VEVENT\r\n"
              "END:VCALENDAR\r\n");
  g_assert_cmpint (import (db, path, NULL, NULL), ==, 0);
  out = rk_test_cli_ok (db, TODAY, "event", "list", "--from", "2026-11-01", "--to", "2026-11-30",
                        "--json", NULL);
  root = rk_test_json (out);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), ==, 2);
  o = json_array_get_object_element (arr, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-11-09T10:00");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2026-11-09T11:00");
  g_assert_cmpstr (json_object_get_string_member (o, "room"), ==, "多目的室");
  g_assert_cmpstr (json_object_get_string_member (o, "venue"), ==, "ひろば中央");
  g_assert_cmpstr (json_object_get_string_member (o, "program"), ==, "両親学級");
  o = json_array_get_object_element (arr, 1);
  /* 10:00 CET is 18:00 in Tokyo */
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-11-10T18:00");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2026-11-10T19:30");
  g_assert_true (json_object_get_null_member (o, "room"));
}

/* ---- CSV ---------------------------------------------------------------- */

static char **
csv_lines (const char *data, gsize length)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; lines[i]; i++)
    if (*lines[i])
      g_ptr_array_add (out, g_strdup (lines[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static void
test_csv_export (Fixture *f, gconstpointer data)
{
  g_autofree char *pub = export (f, f->db, "public.csv", "csv", "public", NULL);
  g_autofree char *staff = export (f, f->db, "staff.csv", "csv", "staff", NULL);
  g_autofree char *pub_data = NULL, *staff_data = NULL;
  g_auto(GStrv) pub_lines = NULL, staff_lines = NULL;
  gsize pub_len = 0, staff_len = 0;
  static const char * const secret[] = {
    "山田", "佐藤", "090-1111-2222", "03-3333-4444", "hanako@example.jp", "内部メモ", "講師都合",
    "連絡会議",
  };

  pub_data = read_file (pub, &pub_len);
  staff_data = read_file (staff, &staff_len);
  /* UTF-8 with a BOM, for Excel */
  g_assert_true (pub_len > 3 && memcmp (pub_data, "\xEF\xBB\xBF", 3) == 0);
  g_assert_true (g_utf8_validate (pub_data, pub_len, NULL));
  pub_lines = csv_lines (pub_data + 3, pub_len - 3);
  staff_lines = csv_lines (staff_data + 3, staff_len - 3);
  g_assert_cmpstr (pub_lines[0], ==, "date,start,end,title,program,venue,room,status,audience,uid");
  g_assert_true (g_str_has_prefix (staff_lines[0],
                                   "date,start,end,title,program,venue,room,status,audience,"
                                   "staff,staff_phone,notes"));
  /* One row per occurrence in November: 5 classes (one cancelled, one
   * moved), 5 consultations, 4 circles (one skipped); the tentative
   * meeting only for staff. */
  g_assert_cmpuint (g_strv_length (pub_lines), ==, 1 + 14);
  g_assert_cmpuint (g_strv_length (staff_lines), ==, 1 + 15);
  g_assert_true (g_str_has_prefix (pub_lines[1], "2026-11-01,10:00,12:00,両親学級,両親学級,"
                                                 "ひろば中央,多目的室,scheduled,"
                                                 "初めての出産を迎える方と家族,"));
  g_assert_nonnull (strstr (pub_data, "2026-11-08,10:00,12:00,両親学級,両親学級,ひろば中央,"
                                      "多目的室,cancelled"));
  g_assert_nonnull (strstr (pub_data, "2026-11-14,13:00,15:00,両親学級"));
  g_assert_nonnull (strstr (pub_data, "2026-11-03,13:00,14:30,ふたご・みつご広場,,ひろば中央,"
                                      "多目的室,skipped"));
  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    if (strstr (pub_data, secret[i]))
      g_error ("the public .csv holds “%s”", secret[i]);
  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    if (!strstr (staff_data, secret[i]) && strchr (secret[i], '@') == NULL)
      g_error ("the staff .csv lacks “%s”", secret[i]);
  /* 22 Nov: the nurse alone */
  g_assert_nonnull (strstr (staff_data, "2026-11-22,10:00,12:00,両親学級,両親学級,ひろば中央,"
                                        "多目的室,scheduled,初めての出産を迎える方と家族,"
                                        "山田 花子 (Public health nurse),090-1111-2222,"));
}

static void
test_csv_shift_jis (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, f->db, "sjis.csv", "csv", "public", "shift_jis");
  g_autofree char *bytes = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  bytes = read_file (path, &length);
  g_assert_false (length >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0);
  g_assert_false (g_utf8_validate (bytes, length, NULL));
  text = g_convert (bytes, length, "UTF-8", "CP932", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "date,start,end,title,"));
  g_assert_nonnull (strstr (text, "両親学級"));
  g_assert_nonnull (strstr (text, "ひろば中央"));
  /* 両 in CP932 */
  g_assert_nonnull (strstr (bytes, "\x97\xbc\x90\x65"));
}

/* Export, import into a fresh database, export again: the same bytes. */
static void
csv_round_trip (Fixture *f, const char *encoding)
{
  g_autofree char *name = g_strdup_printf ("staff-%s.csv", encoding);
  g_autofree char *name2 = g_strdup_printf ("again-%s.csv", encoding);
  g_autofree char *dbname = g_strdup_printf ("csv-%s.db", encoding);
  g_autofree char *emptyname = g_strdup_printf ("csv-empty-%s.db", encoding);
  g_autofree char *path = export (f, f->db, name, "csv", "staff", encoding);
  g_autofree char *db = new_db (f, dbname, TRUE);
  g_autofree char *empty = new_db (f, emptyname, FALSE);
  g_autofree char *again = NULL, *a = NULL, *b = NULL, *out = NULL, *first = NULL, *second = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize la = 0, lb = 0;

  g_assert_cmpint (import (db, path, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "15 new"));
  again = export (f, db, name2, "csv", "staff", encoding);
  a = read_file (path, &la);
  b = read_file (again, &lb);
  g_assert_cmpuint (la, ==, lb);
  g_assert_true (memcmp (a, b, la) == 0);

  /* Twice: nothing new. */
  first = full_list (db);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (import (db, path, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 new"));
  second = full_list (db);
  assert_same_text (first, second);

  /* Into an empty database: the same days, times, titles and statuses. */
  g_assert_cmpint (import (empty, path, NULL, NULL), ==, 0);
  {
    g_autofree char *x = rk_test_cli_ok (f->db, TODAY, "event", "list", "--from", "2026-11-01",
                                         "--to", "2026-11-30", NULL);
    g_autofree char *y = rk_test_cli_ok (empty, TODAY, "event", "list", "--from", "2026-11-01",
                                         "--to", "2026-11-30", NULL);
    g_auto(GStrv) xl = g_strsplit (x, "\n", -1), yl = g_strsplit (y, "\n", -1);

    g_assert_cmpuint (g_strv_length (xl), ==, g_strv_length (yl));
    for (guint i = 0; xl[i]; i++)
      {
        /* date, times, (event id), title, (place), status */
        g_auto(GStrv) xf = g_strsplit (xl[i], "\t", -1), yf = g_strsplit (yl[i], "\t", -1);

        g_assert_cmpstr (xf[0], ==, yf[0]);
        g_assert_cmpstr (xf[1], ==, yf[1]);
        g_assert_cmpstr (xf[3], ==, yf[3]);
        g_assert_cmpstr (xf[5], ==, yf[5]);
      }
  }

  /* Into the database it came from: each row finds its occurrence. */
  before = full_list (f->db);
  g_assert_cmpint (import (f->db, path, NULL, NULL), ==, 0);
  after = full_list (f->db);
  assert_same_text (before, after);
}

static void
test_csv_round_trip_utf8 (Fixture *f, gconstpointer data)
{
  csv_round_trip (f, "utf-8");
}

static void
test_csv_round_trip_sjis (Fixture *f, gconstpointer data)
{
  csv_round_trip (f, "shift_jis");
}

static void
test_csv_bad_row (Fixture *f, gconstpointer data)
{
  static const struct { const char *row; const char *what; } cases[] = {
    { "2026-11-21,12:00,11:00,逆転", "end" },
    { "2026-11-31,10:00,11:00,存在しない日", "date" },
    { "2026-11-21,25:00,26:00,時刻", "start" },
    { "2026-11-21,10:00,11:00,状態,whatever", "status" },
  };
  g_autofree char *hash = rk_test_file_hash (f->db);
  g_autofree char *list = full_list (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = path_in (f, "bad.csv");
      g_autofree char *text = g_strdup_printf ("date,start,end,title,status\r\n"
                                               "2026-11-20,10:00,11:00,正しい行,\r\n"
                                               "\"2026-11-20\",\"13:00\",\"14:00\",\"複数行の\r\n"
                                               "タイトル, カンマ入り\",\r\n"
                                               "%s\r\n",
                                               cases[i].row);
      g_autofree char *err = NULL, *after = NULL, *after_list = NULL;

      write_file (path, text);
      g_assert_cmpint (import (f->db, path, NULL, &err), ==, 2);
      g_test_message ("%s", err);
      /* the header is line 1, the quoted field spans lines 3 and 4 */
      g_assert_nonnull (strstr (err, "line 5"));
      g_assert_nonnull (strstr (err, cases[i].what));
      after = rk_test_file_hash (f->db);
      g_assert_cmpstr (after, ==, hash);
      after_list = full_list (f->db);
      assert_same_text (after_list, list);
    }
}

/* A row with fewer cells than the header (trailing commas left out): the
 * missing cells are empty, by the rule rk-csv.c states.  This crashed the
 * normal build (a string literal stripped in place) while the sanitizer
 * build, where literals are writable, passed: it is tested here, in both. */
static void
test_csv_short_row (Fixture *f, gconstpointer data)
{
  g_autofree char *db = new_db (f, "short.db", FALSE);
  g_autofree char *path = path_in (f, "short.csv");
  g_autofree char *bad = path_in (f, "short-bad.csv");
  g_autofree char *out = NULL, *err = NULL, *list = NULL, *hash = NULL, *after = NULL;

  write_file (path, "date,start,end,title,status,notes,reason,uid\r\n"
                    "2026-11-20,10:00,11:00,短い行\r\n"
                    "2026-11-21,10:00,11:00,もっと短い行,  \r\n"
                    "2026-11-22,09:00,09:30,三つ目\n");
  if (import (db, path, &out, &err) != 0)
    g_error ("%s", err);
  list = full_list (db);
  g_assert_nonnull (strstr (list, "短い行"));
  g_assert_nonnull (strstr (list, "もっと短い行"));
  g_assert_nonnull (strstr (list, "三つ目"));

  /* cut before the end column: refused, naming the line, nothing written */
  hash = rk_test_file_hash (db);
  write_file (bad, "date,start,end,title\n2026-11-23,10:00,11:00,正しい行\n2026-11-24,10:00\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (import (db, bad, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "line 3"));
  g_assert_nonnull (strstr (err, "end"));
  after = rk_test_file_hash (db);
  g_assert_cmpstr (after, ==, hash);
}

/* A Shift_JIS file written by hand (as Excel saves "CSV"), with Japanese
 * column names, read by content. */
static void
test_csv_import_sjis_by_hand (Fixture *f, gconstpointer data)
{
  g_autofree char *db = new_db (f, "hand.db", TRUE);
  g_autofree char *path = path_in (f, "hand.txt");
  g_autofree char *sjis = NULL, *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  JsonObject *o;

  sjis = g_convert ("日付,開始,終了,タイトル,プログラム,会場,部屋,備考\r\n"
                    "2026/12/6,9:30,11:30,,両親学級,ひろば中央,多目的室,①持ち物：母子手帳\r\n",
                    -1, "CP932", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, sjis, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import (db, path, NULL, NULL), ==, 0);
  out = rk_test_cli_ok (db, TODAY, "event", "list", "--from", "2026-12-01", "--to", "2026-12-31",
                        "--json", NULL);
  root = rk_test_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-12-06T09:30");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2026-12-06T11:30");
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "両親学級");
  g_assert_cmpstr (json_object_get_string_member (o, "program"), ==, "両親学級");
  g_assert_cmpstr (json_object_get_string_member (o, "room"), ==, "多目的室");
}

/* ---- the command line --------------------------------------------------- */

static void
test_cli_flags (Fixture *f, gconstpointer data)
{
  static const char * const bad[][4] = {
    { "--month", "2026-13", "--format", "ics" },
    { "--month", "2026-11", "--format", "xls" },
    { "--month", "202611", "--format", "csv" },
  };
  g_autofree char *path = path_in (f, "never.out");
  g_autofree char *hash = rk_test_file_hash (f->db);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", bad[i][0], bad[i][1],
                                    bad[i][2], bad[i][3], "-o", path, NULL),
                       ==, 2);
      g_assert_true (g_str_has_prefix (err, "renkei-cli: "));
    }
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "csv", "--audience", "everyone", "-o", path, NULL),
                   ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "csv", "--encoding", "latin1", "-o", path, NULL),
                   ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "ics", "--encoding", "shift_jis", "-o", path, NULL),
                   ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "ics", "--venue", "999", "-o", path, NULL),
                   ==, 2);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "ics", NULL),
                   ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "import", "/nonexistent/file.ics",
                                NULL),
                   ==, 2);
  after = rk_test_file_hash (f->db);
  g_assert_cmpstr (after, ==, hash);

  /* --venue of another venue: nothing of this one. */
  {
    g_autofree char *other = rk_test_cli_ok (f->db, TODAY, "venue", "add", "--name", "保健センター",
                                             NULL);
    g_autofree char *text = NULL;

    g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                  "--format", "ics", "--venue", other, "-o", path, NULL),
                     ==, 0);
    text = read_file (path, NULL);
    g_assert_null (strstr (text, "BEGIN:VEVENT"));
    g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                  "--format", "ics", "--venue", f->venue, "-o", path, NULL),
                     ==, 0);
    g_free (text);
    text = read_file (path, NULL);
    g_assert_nonnull (strstr (text, "両親学級"));
  }
}

static void
test_cli_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "month.pdf");
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "pdf", "--orientation", "portrait", "-o", path, NULL),
                   ==, 0);
  bytes = read_file (path, &length);
  g_assert_true (length > 5 && memcmp (bytes, "%PDF-", 5) == 0);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, NULL, "export", "--month", "2026-11",
                                "--format", "pdf", "--orientation", "sideways", "-o", path, NULL),
                   ==, 2);
}

int
main (int argc, char **argv)
{
  int rc;

  rk_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add ("/exchange/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ics/public", test_ics_public);
  ADD ("ics/staff", test_ics_staff);
  ADD ("ics/python-icalendar", test_ics_python);
  ADD ("ics/round-trip", test_ics_round_trip);
  ADD ("ics/import-twice", test_ics_import_twice);
  ADD ("ics/broken", test_ics_broken);
  ADD ("ics/foreign-zones", test_ics_foreign);
  ADD ("csv/export", test_csv_export);
  ADD ("csv/shift-jis", test_csv_shift_jis);
  ADD ("csv/round-trip-utf8", test_csv_round_trip_utf8);
  ADD ("csv/round-trip-shift-jis", test_csv_round_trip_sjis);
  ADD ("csv/bad-row", test_csv_bad_row);
  ADD ("csv/short-row", test_csv_short_row);
  ADD ("csv/shift-jis-by-hand", test_csv_import_sjis_by_hand);
  ADD ("cli/flags", test_cli_flags);
  ADD ("cli/pdf", test_cli_pdf);
#undef ADD

  rc = g_test_run ();
  if (base.db)
    fixture_tear_down (&base, NULL);
  return rc;
}
