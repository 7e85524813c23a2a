#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "rk-test-util.h"

/* Files of other calendars (tests/data/interop/, written in the shapes the
 * clients write) imported through renkei-cli, and what Renkei lists
 * compared with an independent reader of the same file: Debian's
 * python3-icalendar and python3-recurring-ical-events
 * (tests/interop-occurrences.py), which expand each series in its own
 * zone the way Thunderbird does. */

#define FROM "2026-10-01"
#define TO "2028-12-31"

static int
cmp_text (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
python3 (void)
{
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/bin/python3");
  return g_find_program_in_path ("python3");
}

/* The reader's occurrences, or NULL (the case skipped) without it. */
static char *
reader_occurrences (const char *path, const char *from, const char *to)
{
  g_autofree char *python = python3 ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "interop-occurrences.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { python, script, path, from, to, "Asia/Tokyo", NULL };
  int status = 0;

  if (python == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      if (err && strstr (err, "No module named"))
        return NULL;
      g_error ("the reader could not read %s: %s", path, err);
    }
  return g_steal_pointer (&out);
}

/* "start|end|title|all-day" lines, sorted; end left out where the reader
 * has a moment (Renkei gives a moment a length and says so). */
static char *
reader_lines (const char *json, GHashTable *moments)
{
  g_autoptr(JsonNode) root = rk_test_json (json);
  JsonArray *a = json_node_get_array (root);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      const char *start = json_object_get_string_member (o, "start");
      gboolean moment = json_object_get_null_member (o, "end");

      if (moment)
        g_hash_table_add (moments, g_strdup (start));
      g_ptr_array_add (lines, g_strdup_printf ("%s|%s|%s|%d", start,
                                               moment ? "-" : json_object_get_string_member (o, "end"),
                                               json_object_get_string_member (o, "title"),
                                               json_object_get_boolean_member (o, "all_day")));
    }
  g_ptr_array_sort (lines, cmp_text);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* What `event list --json` holds and is held: not called off or skipped. */
static char *
renkei_lines (const char *db, const char *from, const char *to, GHashTable *moments)
{
  g_autofree char *out = rk_test_cli_ok (db, NULL, "event", "list", "--from", from, "--to", to,
                                         "--json", NULL);
  g_autoptr(JsonNode) root = rk_test_json (out);
  JsonArray *a = json_node_get_array (root);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      const char *status = json_object_get_string_member (o, "status");
      const char *start = json_object_get_string_member (o, "start");

      if (strcmp (status, "cancelled") == 0 || strcmp (status, "skipped") == 0)
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%s|%s|%s|%d", start,
                                               g_hash_table_contains (moments, start)
                                                 ? "-" : json_object_get_string_member (o, "end"),
                                               json_object_get_string_member (o, "title"),
                                               json_object_get_boolean_member (o, "all_day")));
    }
  g_ptr_array_sort (lines, cmp_text);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Renkei's occurrences of db against the reader's of path. */
static gboolean
assert_same_as_reader (const char *db, const char *path)
{
  g_autofree char *json = reader_occurrences (path, FROM, TO);
  g_autoptr(GHashTable) moments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *theirs = NULL, *ours = NULL;

  if (json == NULL)
    {
      g_test_skip ("python3-icalendar and python3-recurring-ical-events are not installed");
      return FALSE;
    }
  theirs = reader_lines (json, moments);
  ours = renkei_lines (db, FROM, TO, moments);
  g_test_message ("%s:\n%s", path, ours);
  g_assert_cmpstr (ours, ==, theirs);
  g_assert_cmpstr (ours, !=, "");
  return TRUE;
}

static void
test_corpus_file (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "interop", name, NULL);
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *out = NULL, *err = NULL, *again = NULL;

  g_assert_cmpint (rk_test_cli (db, NULL, &out, &err, "import", path, NULL), ==, 0);
  g_test_message ("%s", out);
  /* one line of ours or nothing: never libical's own messages */
  g_assert_cmpstr (err, ==, "");
  if (!assert_same_as_reader (db, path))
    return;

  /* The same file again changes nothing. */
  again = rk_test_cli_ok (db, NULL, "import", path, NULL);
  g_assert_nonnull (strstr (again, " 0 new, 0 updated, "));
  g_assert_nonnull (strstr (again, " unchanged"));
  assert_same_as_reader (db, path);
}

/* Every cancelled date of a series survives export and import (only the
 * first did). */
static void
test_cancellations_round_trip (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *fresh = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *ics = g_build_filename (dir, "out.ics", NULL);
  g_autofree char *id = rk_test_cli_ok (db, NULL, "event", "add", "--title", "ひよこ広場",
                                        "--start", "2027-01-05T10:00", "--end", "2027-01-05T11:30",
                                        "--repeat", "FREQ=WEEKLY;BYDAY=TU;COUNT=10", NULL);
  const char *dates[] = { "2027-01-12", "2027-01-26", "2027-02-09", "2027-02-23" };
  g_autofree char *before = NULL, *after = NULL, *out = NULL;
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_free (rk_test_cli_ok (db, NULL, "event", "cancel", id, "--date", dates[i], NULL));
  g_free (rk_test_cli_ok (db, NULL, "export", "--month", "2027-01", "--format", "ics", "-o", ics,
                          NULL));
  out = rk_test_cli_ok (fresh, NULL, "import", ics, NULL);
  before = renkei_lines (db, FROM, TO, none);
  after = renkei_lines (fresh, FROM, TO, none);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_assert_null (strstr (after, dates[i]));
  assert_same_as_reader (db, ics);
}

/* Whole days: stored, listed with all_day, written as VALUE=DATE, read
 * back the same. */
static void
test_all_day (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *fresh = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *ics = g_build_filename (dir, "all-day.ics", NULL);
  g_autofree char *text = NULL, *out = NULL, *err = NULL, *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *ours = NULL, *again = NULL;
  JsonObject *o;

  g_free (rk_test_cli_ok (db, NULL, "event", "add", "--title", "職員研修", "--all-day",
                          "--start", "2027-01-18", "--end", "2027-01-20", NULL));
  g_free (rk_test_cli_ok (db, NULL, "event", "add", "--title", "休館日", "--all-day",
                          "--start", "2027-01-25", "--repeat", "FREQ=WEEKLY;COUNT=3", NULL));
  /* a time where a day is meant: refused, nothing written */
  g_assert_cmpint (rk_test_cli (db, NULL, NULL, &err, "event", "add", "--title", "x", "--all-day",
                                "--start", "2027-01-18T10:00", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "YYYY-MM-DD"));

  json = rk_test_cli_ok (db, NULL, "event", "list", "--from", "2027-01-19", "--to", "2027-01-19",
                         "--json", NULL);
  root = rk_test_json (json);
  g_assert_cmpint (json_array_get_length (json_node_get_array (root)), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_free (json);
  json = rk_test_cli_ok (db, NULL, "event", "list", "--from", "2027-01-18", "--to", "2027-01-18",
                         "--json", NULL);
  root = rk_test_json (json);
  o = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_true (json_object_get_boolean_member (o, "all_day"));
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-01-18T00:00");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2027-01-21T00:00");
  text = rk_test_cli_ok (db, NULL, "event", "list", "--from", "2027-01-18", "--to", "2027-01-18",
                         NULL);
  g_assert_null (strstr (text, "00:00"));

  g_free (rk_test_cli_ok (db, NULL, "export", "--month", "2027-01", "--format", "ics", "-o", ics,
                          NULL));
  {
    g_autofree char *file = NULL;
    g_file_get_contents (ics, &file, NULL, NULL);
    g_assert_nonnull (strstr (file, "DTSTART;VALUE=DATE:20270118"));
    g_assert_nonnull (strstr (file, "DTEND;VALUE=DATE:20270121"));
  }
  assert_same_as_reader (db, ics);
  out = rk_test_cli_ok (fresh, NULL, "import", ics, NULL);
  ours = renkei_lines (db, FROM, TO, none);
  again = renkei_lines (fresh, FROM, TO, none);
  g_assert_cmpstr (again, ==, ours);
}

/* What the model cannot hold as given is named per event; to-dos are
 * reported as skipped; nothing refuses the file. */
static void
test_notes_and_skipped (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *path = g_build_filename (dir, "odd.ics", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_file_set_contents (path,
                       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                       "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20270301T010000Z\r\nEND:VEVENT\r\n"
                       "BEGIN:VTODO\r\nUID:t@x\r\nSUMMARY:書類\r\nEND:VTODO\r\n"
                       "BEGIN:VJOURNAL\r\nUID:j@x\r\nSUMMARY:記録\r\nEND:VJOURNAL\r\n"
                       "END:VCALENDAR\r\n", -1, NULL);
  g_assert_cmpint (rk_test_cli (db, NULL, &out, &err, "import", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "1 new"));
  g_assert_nonnull (strstr (out, "Skipped 2 items"));
  g_assert_nonnull (strstr (out, "line 8: a to-do (VTODO)"));
  g_assert_nonnull (strstr (out, "line 4 (UID a@x): has no title"));
  g_assert_nonnull (strstr (out, "kept as 30 minutes"));
}

/* Text past the limits is cut to them, said with its line; the print stays
 * a print. */
static void
test_text_limits (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *path = g_build_filename (dir, "big.ics", NULL);
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
                                          "UID:big@x\r\nSUMMARY:");
  g_autofree char *out = NULL, *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  for (int i = 0; i < 400; i++)
    g_string_append (text, "長");
  g_string_append (text, "\r\nDTSTART:20270301T010000Z\r\nDTEND:20270301T020000Z\r\n"
                         "DESCRIPTION:");
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  g_file_set_contents (path, text->str, text->len, NULL);

  out = rk_test_cli_ok (db, NULL, "import", path, NULL);
  g_assert_nonnull (strstr (out, "line 5 (UID big@x): SUMMARY is 400 characters long"));
  g_assert_nonnull (strstr (out, "line 8 (UID big@x): DESCRIPTION is 1000000 characters long"));
  json = rk_test_cli_ok (db, NULL, "event", "list", "--from", "2027-03-01", "--to", "2027-03-01",
                         "--json", NULL);
  root = rk_test_json (json);
  o = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (o, "title"), -1), ==, 300);
}

/* A file libical cannot follow: one line of ours on stderr, nothing of
 * libical's, nothing written. */
static void
test_broken_file_one_line (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *path = g_build_filename (dir, "broken.ics", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_file_set_contents (path,
                       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\n"
                       "BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:a\r\nDTSTART:20270301T010000Z\r\n"
                       "DTEND:20270301T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", -1, NULL);
  g_assert_cmpint (rk_test_cli (db, NULL, &out, &err, "import", path, NULL), ==, 2);
  g_assert_null (strstr (err, "icalparser"));
  g_assert_null (strchr (g_strstrip (err), '\n'));
  g_assert_nonnull (strstr (err, "line 4"));
}

static char *
one_event_tzid (const char *dir, const char *tzid)
{
  g_autofree char *path = g_build_filename (dir, "tz.ics", NULL);
  g_autofree char *text = g_strdup_printf (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:tz@x\r\nSUMMARY:会議\r\n"
    "DTSTART;TZID=\"%s\":20270301T100000\r\nDTEND;TZID=\"%s\":20270301T110000\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n", tzid, tzid);

  g_file_set_contents (path, text, -1, NULL);
  return g_steal_pointer (&path);
}

/* A TZID is a name: IANA, Windows (Outlook without its VTIMEZONE), never a
 * path (a FIFO hung the import), never a POSIX rule ("UTC+9" moved times
 * by 18 hours).  The same for the timezone setting. */
static void
test_tzid_is_a_name (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *up = g_strdup_printf ("../../../../../../..%s", fifo);
  const char *refused[] = { "/etc/shadow", fifo, up, "UTC+9", "JST-9" };
  const char *names[] = { "Tokyo Standard Time", "(UTC+09:00) Osaka, Sapporo, Tokyo",
                          "Asia/Tokyo" };
  const char *settings[] = { "UTC+9", "/etc/localtime", "../zoneinfo/UTC", "Asia/Tokyo/" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = one_event_tzid (dir, refused[i]);
      g_autofree char *err = NULL;

      g_test_message ("TZID %s", refused[i]);
      g_assert_cmpint (rk_test_cli (db, NULL, NULL, &err, "import", path, NULL), ==, 2);
      g_assert_nonnull (strstr (err, "TZID"));
      g_assert_null (strstr (err, "CRITICAL"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = one_event_tzid (dir, names[i]);
      g_autofree char *list = NULL;

      g_free (rk_test_cli_ok (db, NULL, "import", path, NULL));
      list = rk_test_cli_ok (db, NULL, "event", "list", "--from", "2027-03-01", "--to",
                             "2027-03-01", NULL);
      g_assert_nonnull (strstr (list, "10:00-11:00"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    g_assert_cmpint (rk_test_cli (db, NULL, NULL, NULL, "settings", "set", "timezone", settings[i],
                                  NULL), ==, 2);
  g_free (rk_test_cli_ok (db, NULL, "settings", "set", "timezone", "America/New_York", NULL));
}

/* Series from other clients repeat in their own zone (a weekly class at
 * 19:00 in New York is at 09:00 in Tokyo until the United States change
 * their clocks, then at 08:00; one defined in UTC keeps UTC's weekday), and
 * keep their SEQUENCE: exported, read by the independent reader, imported
 * into a fresh database and exported again, the file is the same, byte for
 * byte but for DTSTAMP (the moment of the export). */
static char *
without_dtstamp (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (!g_str_has_prefix (lines[i], "DTSTAMP:"))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_own_zone_round_trip (void)
{
  const char *files[] = { "google-new-york-dst.ics", "outlook-berlin-dst.ics" };
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *fresh = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *first = g_build_filename (dir, "first.ics", NULL);
  g_autofree char *second = g_build_filename (dir, "second.ics", NULL);
  g_autofree char *a = NULL, *b = NULL, *list = NULL, *out = NULL, *edited = NULL;
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "interop", files[i],
                                                     NULL);
      g_free (rk_test_cli_ok (db, NULL, "import", path, NULL));
    }
  list = renkei_lines (db, FROM, TO, none);
  g_test_message ("%s", list);
  /* New York's clocks change on 14 March 2027, Berlin's on 28 March */
  g_assert_nonnull (strstr (list, "2027-03-09T09:00|2027-03-09T10:00|オンライン両親学級"));
  g_assert_nonnull (strstr (list, "2027-03-30T08:00|2027-03-30T09:00|オンライン両親学級"));
  g_assert_nonnull (strstr (list, "2027-03-26T01:30|2027-03-26T03:00|Elterncafé"));
  g_assert_nonnull (strstr (list, "2027-03-30T00:30|2027-03-30T02:00|Elterncafé"));
  /* Monday 23:00 in UTC is Tuesday 08:00 in Tokyo */
  g_assert_nonnull (strstr (list, "2027-01-05T08:00|2027-01-05T08:30|UTC weekly check-in"));

  g_free (rk_test_cli_ok (db, NULL, "export", "--month", "2027-03", "--format", "ics", "-o",
                          first, NULL));
  a = without_dtstamp (first);
  g_assert_nonnull (strstr (a, "DTSTART;TZID=America/New_York:20270222T190000"));
  g_assert_nonnull (strstr (a, "TZID:Europe/Berlin"));
  g_assert_nonnull (strstr (a, "SEQUENCE:3"));
  g_assert_nonnull (strstr (a, "SEQUENCE:2"));

  out = rk_test_cli_ok (fresh, NULL, "import", first, NULL);
  if (!assert_same_as_reader (fresh, first))
    return;
  g_free (rk_test_cli_ok (fresh, NULL, "export", "--month", "2027-03", "--format", "ics", "-o",
                          second, NULL));
  b = without_dtstamp (second);
  g_assert_cmpstr (b, ==, a);

  /* an edit in Renkei is a new revision */
  {
    g_autofree char *json = rk_test_cli_ok (fresh, NULL, "event", "list", "--from", "2027-03-18",
                                            "--to", "2027-03-19", "--json", NULL);
    g_autoptr(JsonNode) root = rk_test_json (json);
    JsonObject *o = json_array_get_object_element (json_node_get_array (root), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (o, "event_id"));

    g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Elterncafé (Berlin)");
    g_free (rk_test_cli_ok (fresh, NULL, "event", "edit", id, "--title", "Elterncafé", NULL));
    g_free (rk_test_cli_ok (fresh, NULL, "export", "--month", "2027-03", "--format", "ics", "-o",
                            second, NULL));
    edited = without_dtstamp (second);
    g_assert_nonnull (strstr (edited, "SEQUENCE:3\r\nSUMMARY:Elterncafé\r\n"));
  }
}

/* RECURRENCE-ID;RANGE=THISANDFUTURE (Apple Calendar writes it) changes
 * that occurrence and every later one: the series splits there, the later
 * part keeps the change and what is left of COUNT, and the changes of later
 * single dates belong to it.  (The reader of Debian 12, recurring-ical-events
 * 2.0.1, applies RANGE to one occurrence only: this is checked against what
 * RFC 5545 §3.8.4.4 says instead.) */
static void
test_this_and_future (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "this-and-future",
                                                 "apple-this-and-future.ics", NULL);
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *out = NULL, *list = NULL, *again = NULL;
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);

  out = rk_test_cli_ok (db, NULL, "import", path, NULL);
  g_assert_nonnull (strstr (out, "THISANDFUTURE"));
  list = renkei_lines (db, FROM, TO, none);
  g_assert_cmpstr (list, ==,
                   "2027-01-06T10:00|2027-01-06T11:30|離乳食教室|0\n"
                   "2027-01-13T10:00|2027-01-13T11:30|離乳食教室|0\n"
                   "2027-01-20T10:00|2027-01-20T11:30|離乳食教室|0\n"
                   "2027-01-27T10:00|2027-01-27T11:30|離乳食教室|0\n"
                   "2027-02-03T13:30|2027-02-03T15:00|離乳食教室（午後の部）|0\n"
                   "2027-02-10T13:30|2027-02-10T15:00|離乳食教室（午後の部）|0\n"
                   "2027-02-18T13:30|2027-02-18T15:00|離乳食教室（午後の部）|0\n"
                   "2027-03-03T13:30|2027-03-03T15:00|離乳食教室（午後の部）|0\n"
                   "2027-03-10T13:30|2027-03-10T15:00|離乳食教室（午後の部）|0");
  again = rk_test_cli_ok (db, NULL, "import", path, NULL);
  g_assert_nonnull (strstr (again, " 0 new, 0 updated, "));
}

/* An endless series a holiday moves: other calendars know nothing of the
 * policy, so its moves are written for ten years (they stopped after about
 * thirteen months, and other calendars showed the bare rule), and the file
 * says how far they go. */
static void
test_policy_moves_far_ahead (void)
{
  g_autofree char *db = rk_test_file_db_path ();
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *ics = g_build_filename (dir, "policy.ics", NULL);
  g_autofree char *text = NULL, *json = NULL, *theirs = NULL, *ours = NULL;
  g_autoptr(GHashTable) moments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_free (rk_test_cli_ok (db, NULL, "event", "add", "--title", "親子体操", "--start",
                          "2026-12-07T10:00", "--end", "2026-12-07T11:00", "--repeat",
                          "FREQ=WEEKLY;BYDAY=MO", "--on-holiday", "next-day", NULL));
  g_free (rk_test_cli_ok (db, NULL, "export", "--month", "2026-12", "--format", "ics", "-o", ics,
                          NULL));
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  /* Marine Day 2031 is Monday 21 July: the class is on Tuesday 22nd */
  g_assert_nonnull (strstr (text, "RECURRENCE-ID;TZID=Asia/Tokyo:20310721T100000"));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Asia/Tokyo:20310722T100000"));
  g_assert_nonnull (strstr (text, "COMMENT:"));
  json = reader_occurrences (ics, "2031-07-01", "2031-07-31");
  if (json == NULL)
    {
      g_test_skip ("python3-icalendar and python3-recurring-ical-events are not installed");
      return;
    }
  theirs = reader_lines (json, moments);
  ours = renkei_lines (db, "2031-07-01", "2031-07-31", moments);
  g_assert_cmpstr (ours, ==, theirs);
  g_assert_nonnull (strstr (ours, "2031-07-22T10:00"));
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  rk_test_init (&argc, &argv);
  dir = g_test_build_filename (G_TEST_DIST, "data", "interop", NULL);
  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".ics"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_text);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test = g_strdup_printf ("/interop/ics/%s", (char *) names->pdata[i]);
      g_test_add_data_func (test, names->pdata[i], test_corpus_file);
    }
  g_test_add_func ("/interop/cancellations-round-trip", test_cancellations_round_trip);
  g_test_add_func ("/interop/all-day", test_all_day);
  g_test_add_func ("/interop/notes-and-skipped", test_notes_and_skipped);
  g_test_add_func ("/interop/broken-file-one-line", test_broken_file_one_line);
  g_test_add_func ("/interop/tzid-is-a-name", test_tzid_is_a_name);
  g_test_add_func ("/interop/text-limits", test_text_limits);
  g_test_add_func ("/interop/own-zone-round-trip", test_own_zone_round_trip);
  g_test_add_func ("/interop/this-and-future", test_this_and_future);
  g_test_add_func ("/interop/policy-moves-far-ahead", test_policy_moves_far_ahead);
  return g_test_run ();
}
