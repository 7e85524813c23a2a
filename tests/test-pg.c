#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rk-test-util.h"

/* The shared server end to end through renkei-cli: moving a hub's file onto
 * the server and back (db copy), and the two roles of server init enforced
 * by the server itself, as real login roles. Each case makes its own
 * databases on the throwaway cluster RENKEI_TEST_PG; without one, nothing
 * runs. */

#define TODAY "2026-11-24"

static const char * const tables[] = {
  "settings", "staff", "staff_unavailable", "venue", "venue_closing", "room", "equipment",
  "program", "program_requirement", "event", "event_exception", "assignment", "event_equipment",
  NULL
};

static void
remove_file_db (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  rk_test_rm_rf (dir);
}

/* "postgresql:///NAME?..." → NAME */
static char *
uri_dbname (const char *uri)
{
  const char *start = strstr (uri, ":///");
  const char *end;

  g_assert_nonnull (start);
  start += 4;
  end = strchr (start, '?');
  return end ? g_strndup (start, end - start) : g_strdup (start);
}

/* The same database as another user. */
static char *
uri_as (const char *uri, const char *user)
{
  g_autoptr(GRegex) re = g_regex_new ("([?&])user=[^&]*", 0, 0, NULL);
  g_autofree char *repl = g_strdup_printf ("\\1user=%s", user);

  if (g_regex_match (re, uri, 0, NULL))
    return g_regex_replace (re, uri, -1, 0, repl, 0, NULL);
  return g_strdup_printf ("%s%cuser=%s", uri, strchr (uri, '?') ? '&' : '?', user);
}

/* Runs SQL as the test server's superuser in dbname; the first value of the
 * result ("" when none). */
static char *
pg_run (const char *dbname, const char *sql)
{
  g_autofree char *conninfo = g_strdup_printf ("%s dbname=%s", g_getenv ("RENKEI_TEST_PG"),
                                               dbname);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *res;
  char *value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  value = g_strdup (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0 &&
                    !PQgetisnull (res, 0, 0) ? PQgetvalue (res, 0, 0) : "");
  PQclear (res);
  PQfinish (conn);
  return value;
}

/* Every row of every table of a SQLite file, values with their types. */
static char *
sqlite_dump (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; tables[t]; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            g_string_append_printf (out, "%s=%d:%s|", sqlite3_column_name (stmt, i),
                                    sqlite3_column_type (stmt, i),
                                    (const char *) sqlite3_column_text (stmt, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
sqlite_value (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value ? value : g_strdup ("");
}

static void
sqlite_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* December's staff print as its text read back, or its CSV export. */
static char *
export_text (const char *db, const char *format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("renkei-pg-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_free (rk_test_cli_ok (db, TODAY, "export", "--month", "2026-12", "--format", format,
                          "--audience", "staff", "-o", path, NULL));
  if (g_strcmp0 (format, "pdf") == 0)
    {
      const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (text, "2026"));
    }
  else
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  rk_test_rm_rf (dir);
  return g_steal_pointer (&text);
}

/* The outputs a coordinator sees; check's exit code too. */
static char *
views (const char *db)
{
  g_autofree char *events = rk_test_cli_ok (db, TODAY, "event", "list", "--json", "--from",
                                            "2026-10-01", "--to", "2027-03-31", NULL);
  g_autofree char *staff = rk_test_cli_ok (db, TODAY, "staff", "list", "--all", "--json", NULL);
  g_autofree char *check = NULL;
  g_autofree char *pdf = NULL, *csv = NULL;
  int rc;

  rc = rk_test_cli (db, TODAY, &check, NULL, "check", "--json", "--from", "2026-10-01", "--to",
                    "2027-03-31", NULL);
  g_assert_cmpint (rc, <=, 1);
  pdf = export_text (db, "pdf");
  csv = export_text (db, "csv");
  return g_strdup_printf ("%s\n%s\n%d %s\n%s\n%s", events, staff, rc, check, pdf, csv);
}

/* `db copy --json`, asserting success; the counts object re-serialised. */
static char *
copy_json (const char *from, const char *to, gint64 *total)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  int rc;

  rc = rk_test_cli (NULL, TODAY, &out, &err, "db", "copy", "--from", from, "--to", to, "--json",
                    NULL);
  if (rc != 0)
    g_error ("db copy exited %d: %s", rc, err);
  node = rk_test_json (out);
  o = json_node_get_object (node);
  g_assert_true (json_object_has_member (o, "tables"));
  *total = json_object_get_int_member (o, "total");
  return json_to_string (json_object_get_member (o, "tables"), FALSE);
}

/* (a) file → server → file: the same schedule, the same ids and versions. */
static void
test_copy_round_trip (void)
{
  g_autofree char *a = rk_test_file_db_path ();
  g_autofree char *c = rk_test_file_db_path ();
  g_autofree char *pg = rk_test_pg_database ();
  g_autofree char *pgname = uri_dbname (pg);
  g_autofree char *counts1 = NULL, *counts2 = NULL;
  g_autofree char *views_a = NULL, *views_pg = NULL, *views_c = NULL;
  g_autofree char *dump_a = NULL, *dump_c = NULL;
  g_autofree char *err = NULL, *out = NULL;
  g_autofree char *new_id = NULL, *max_id = NULL;
  g_autofree char *pg_before = NULL, *pg_after = NULL;
  g_autofree char *dump_c_before = NULL;
  g_autofree char *first = NULL;
  g_autoptr(JsonNode) tables_node = NULL;
  JsonObject *t;
  gint64 total1 = 0, total2 = 0, sum = 0;

  g_free (rk_test_cli_ok (a, TODAY, "init", "--demo", NULL));
  /* Rows whose versions have moved on, and an exception row. */
  g_free (rk_test_cli_ok (a, TODAY, "staff", "deactivate", "2", NULL));
  g_free (rk_test_cli_ok (a, TODAY, "event", "edit", "1", "--notes", "moved on", NULL));
  first = sqlite_value (a, "SELECT substr(start_at, 1, 10) FROM event WHERE id = 1");
  g_free (rk_test_cli_ok (a, TODAY, "event", "cancel", "1", "--date", first, NULL));
  views_a = views (a);

  counts1 = copy_json (a, pg, &total1);
  counts2 = copy_json (pg, c, &total2);
  g_assert_cmpstr (counts1, ==, counts2);
  g_assert_cmpint (total1, ==, total2);
  tables_node = rk_test_json (counts1);
  t = json_node_get_object (tables_node);
  for (guint i = 0; tables[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autofree char *n = sqlite_value (a, sql);

      g_assert_true (json_object_has_member (t, tables[i]));
      g_assert_cmpint (json_object_get_int_member (t, tables[i]), ==, g_ascii_strtoll (n, NULL, 10));
      sum += json_object_get_int_member (t, tables[i]);
    }
  g_assert_cmpint (sum, ==, total1);
  g_assert_cmpint (json_object_get_int_member (t, "staff"), >, 0);
  g_assert_cmpint (json_object_get_int_member (t, "event_exception"), >, 0);

  views_pg = views (pg);
  views_c = views (c);
  g_assert_cmpstr (views_pg, ==, views_a);
  g_assert_cmpstr (views_c, ==, views_a);

  /* Every column of every row, versions included, back in the file. */
  dump_a = sqlite_dump (a);
  dump_c = sqlite_dump (c);
  g_assert_cmpstr (dump_c, ==, dump_a);
  {
    g_autofree char *pg_versions = pg_run (pgname, "SELECT string_agg(id || ':' || version, ',' "
                                                   "ORDER BY id) FROM staff");
    g_autofree char *file_versions = sqlite_value (a, "SELECT group_concat(v, ',') FROM "
                                                      "(SELECT id || ':' || version AS v "
                                                      "FROM staff ORDER BY id)");

    g_assert_cmpstr (pg_versions, ==, file_versions);
    g_assert_nonnull (strstr (pg_versions, ",2:2,"));
  }

  /* The server numbers new rows after the copied ones. */
  max_id = pg_run (pgname, "SELECT max(id) FROM staff");
  new_id = rk_test_cli_ok (pg, TODAY, "staff", "add", "--name", "New Person", "--role", "other",
                           NULL);
  g_assert_cmpint (g_ascii_strtoll (new_id, NULL, 10), ==, g_ascii_strtoll (max_id, NULL, 10) + 1);

  /* Into a database that holds data: refused, nothing changed. */
  pg_before = views (pg);
  g_assert_cmpint (rk_test_cli (NULL, TODAY, &out, &err, "db", "copy", "--from", a, "--to", pg,
                                NULL), ==, 2);
  g_assert_nonnull (strstr (err, "empty"));
  g_assert_cmpstr (out, ==, "");
  pg_after = views (pg);
  g_assert_cmpstr (pg_after, ==, pg_before);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  dump_c_before = sqlite_dump (c);
  g_assert_cmpint (rk_test_cli (NULL, TODAY, &out, &err, "db", "copy", "--from", pg, "--to", c,
                                NULL), ==, 2);
  g_free (dump_c);
  dump_c = sqlite_dump (c);
  g_assert_cmpstr (dump_c, ==, dump_c_before);

  remove_file_db (a);
  remove_file_db (c);
}

/* All or nothing: a row the server refuses half-way rolls back the rest. */
static void
test_copy_all_or_nothing (void)
{
  g_autofree char *a = rk_test_file_db_path ();
  g_autofree char *pg = rk_test_pg_database ();
  g_autofree char *empty = rk_test_pg_database ();
  g_autofree char *pgname = uri_dbname (pg);
  g_autofree char *emptyname = uri_dbname (empty);
  g_autofree char *missing = NULL;
  g_autofree char *missing_dir = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *settings_before = NULL, *settings_after = NULL;
  g_autofree char *n = NULL, *meta = NULL;

  g_free (rk_test_cli_ok (a, TODAY, "init", "--demo", NULL));
  g_free (rk_test_cli_ok (a, TODAY, "settings", "set", "travel_gap_minutes", "45", NULL));
  /* The last event breaks a rule SQLite was told to overlook. */
  sqlite_exec (a, "PRAGMA ignore_check_constraints = 1; "
                  "UPDATE event SET capacity = -1 WHERE id = (SELECT max(id) FROM event)");

  settings_before = rk_test_cli_ok (pg, TODAY, "settings", "--json", NULL);
  g_assert_cmpint (rk_test_cli (NULL, TODAY, &out, &err, "db", "copy", "--from", a, "--to", pg,
                                NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Nothing was copied"));
  g_assert_cmpstr (out, ==, "");
  for (guint i = 0; tables[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autofree char *rows = pg_run (pgname, sql);

      if (g_str_equal (tables[i], "settings"))
        g_assert_cmpstr (rows, !=, "0");
      else
        g_assert_cmpstr (rows, ==, "0");
    }
  settings_after = rk_test_cli_ok (pg, TODAY, "settings", "--json", NULL);
  g_assert_cmpstr (settings_after, ==, settings_before);
  g_assert_null (strstr (settings_after, "45"));

  /* A source that is not there is not made. */
  missing_dir = g_dir_make_tmp ("renkei-pg-XXXXXX", NULL);
  missing = g_build_filename (missing_dir, "none.db", NULL);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (NULL, TODAY, NULL, &err, "db", "copy", "--from", missing,
                                "--to", pg, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "none.db"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  n = pg_run (pgname, "SELECT count(*) FROM staff");
  g_assert_cmpstr (n, ==, "0");

  /* Nor is an empty server database given a schema by being read. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (NULL, TODAY, NULL, &err, "db", "copy", "--from", empty,
                                "--to", missing, NULL), ==, 3);
  meta = pg_run (emptyname, "SELECT coalesce(to_regclass('renkei_meta')::text, 'none')");
  g_assert_cmpstr (meta, ==, "none");

  /* Same database both ways. */
  g_assert_cmpint (rk_test_cli (NULL, TODAY, NULL, NULL, "db", "copy", "--from", a, "--to", a,
                                NULL), ==, 2);

  rk_test_rm_rf (missing_dir);
  remove_file_db (a);
}

static void
drop_role (const char *dbname, const char *role)
{
  g_autofree char *sql = g_strdup_printf ("DROP OWNED BY %s; DROP ROLE %s", role, role);

  g_free (pg_run (dbname, sql));
}

/* (b) the roles, as the server enforces them on real logins. */
static void
test_server_roles (void)
{
  g_autofree char *pg = rk_test_pg_database ();
  g_autofree char *pgname = uri_dbname (pg);
  g_autofree char *viewer = g_strdup_printf ("rkt_v_%d", (int) getpid ());
  g_autofree char *coord = g_strdup_printf ("rkt_c_%d", (int) getpid ());
  g_autofree char *own_c = g_strdup_printf ("rkt_gc_%d", (int) getpid ());
  g_autofree char *own_v = g_strdup_printf ("rkt_gv_%d", (int) getpid ());
  g_autofree char *as_viewer = uri_as (pg, viewer);
  g_autofree char *as_coord = uri_as (pg, coord);
  g_autofree char *out = NULL, *err = NULL, *sql = NULL;
  g_autofree char *staff_before = NULL, *staff_after = NULL;
  g_autofree char *events_admin = NULL, *events_viewer = NULL;
  g_autofree char *id = NULL, *n = NULL, *acl = NULL;

  g_free (rk_test_cli_ok (pg, TODAY, "init", "--demo", NULL));
  g_assert_cmpint (rk_test_cli (pg, TODAY, &out, &err, "server", "init", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "GRANT renkei_coordinator TO alice"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Twice is fine. */
  g_assert_cmpint (rk_test_cli (pg, TODAY, &out, &err, "server", "init", NULL), ==, 0);
  acl = pg_run (pgname, "SELECT relacl::text FROM pg_class WHERE relname = 'staff'");
  g_assert_nonnull (strstr (acl, "renkei_viewer=r/"));
  g_assert_nonnull (strstr (acl, "renkei_coordinator=arwd/"));

  sql = g_strdup_printf ("CREATE ROLE %s LOGIN; GRANT renkei_viewer TO %s; "
                         "CREATE ROLE %s LOGIN; GRANT renkei_coordinator TO %s",
                         viewer, viewer, coord, coord);
  g_free (pg_run (pgname, sql));

  /* A viewer reads the schedule as anyone does ... */
  events_admin = rk_test_cli_ok (pg, TODAY, "event", "list", "--from", "2026-11-01", "--to",
                                 "2027-01-31", NULL);
  events_viewer = rk_test_cli_ok (as_viewer, TODAY, "event", "list", "--from", "2026-11-01",
                                  "--to", "2027-01-31", NULL);
  g_assert_cmpstr (events_viewer, ==, events_admin);
  g_assert_cmpstr (events_viewer, !=, "");
  /* ... and cannot change it. */
  staff_before = pg_run (pgname, "SELECT count(*) FROM staff");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (as_viewer, TODAY, &out, &err, "staff", "add", "--name", "V",
                                "--role", "other", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "may only read"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (as_viewer, TODAY, NULL, &err, "event", "cancel", "1", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "may only read"));
  staff_after = pg_run (pgname, "SELECT count(*) FROM staff");
  g_assert_cmpstr (staff_after, ==, staff_before);
  n = pg_run (pgname, "SELECT count(*) FROM event WHERE cancelled = 1");
  g_assert_cmpstr (n, ==, "0");

  /* A coordinator adds and assigns (new ids from the sequences). */
  id = rk_test_cli_ok (as_coord, TODAY, "staff", "add", "--name", "C", "--role", "hub_staff", NULL);
  g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), >, 0);
  g_free (rk_test_cli_ok (as_coord, TODAY, "assign", "1", id, NULL));
  g_free (n);
  n = pg_run (pgname, "SELECT count(*) FROM staff");
  g_assert_cmpint (g_ascii_strtoll (n, NULL, 10), ==, g_ascii_strtoll (staff_before, NULL, 10) + 1);

  /* A coordinator may not make roles: the message names what is missing. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (as_coord, TODAY, NULL, &err, "server", "init", "--coordinators",
                                own_c, "--viewers", own_v, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "CREATEROLE"));
  g_free (n);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM pg_roles WHERE rolname = '%s'", own_c);
  n = pg_run (pgname, sql);
  g_assert_cmpstr (n, ==, "0");

  /* Own names; bad names refused before anything is done. */
  g_free (rk_test_cli_ok (pg, TODAY, "server", "init", "--coordinators", own_c, "--viewers", own_v,
                          NULL));
  g_free (n);
  g_free (sql);
  sql = g_strdup_printf ("SELECT has_table_privilege('%s', 'event', 'UPDATE')::int::text"
                         " || has_table_privilege('%s', 'event', 'UPDATE')::int::text"
                         " || has_table_privilege('%s', 'event', 'SELECT')::int::text",
                         own_c, own_v, own_v);
  n = pg_run (pgname, sql);
  g_assert_cmpstr (n, ==, "101");
  g_assert_cmpint (rk_test_cli (pg, TODAY, NULL, NULL, "server", "init", "--viewers",
                                "Robert'); DROP", NULL), ==, 2);
  g_assert_cmpint (rk_test_cli (pg, TODAY, NULL, NULL, "server", "init", "--viewers",
                                "renkei_coordinator", NULL), ==, 2);

  drop_role (pgname, viewer);
  drop_role (pgname, coord);
  drop_role (pgname, own_c);
  drop_role (pgname, own_v);
}

/* (c) a file has no roles. */
static void
test_server_init_file (void)
{
  g_autofree char *a = rk_test_file_db_path ();
  g_autofree char *err = NULL;

  g_assert_cmpint (rk_test_cli (a, TODAY, NULL, &err, "server", "init", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "PostgreSQL"));
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  remove_file_db (a);
}

/* The test server's port, from RENKEI_TEST_PG ("host=… port=N user=…"). */
static char *
server_port (void)
{
  g_auto(GStrv) parts = g_strsplit (g_getenv ("RENKEI_TEST_PG"), " ", -1);

  for (guint i = 0; parts[i]; i++)
    if (g_str_has_prefix (parts[i], "port="))
      return g_strdup (parts[i] + 5);
  g_assert_not_reached ();
}

/* libpq's TLS settings are the person's: sslmode=verify-full against a
 * server without TLS refuses to connect rather than fall back to plain
 * text; the same server without that demand is fine. */
static void
test_tls_honoured (void)
{
  g_autofree char *port = server_port ();
  g_autofree char *db = rk_test_pg_database ();
  /* postgresql:///NAME?host=… */
  g_autofree char *name = g_strndup (db + strlen ("postgresql:///"),
                                     strcspn (db + strlen ("postgresql:///"), "?"));
  g_autofree char *plain = NULL, *strict = NULL, *err = NULL, *out = NULL;

  plain = g_strdup_printf ("postgresql://postgres@127.0.0.1:%s/%s?sslmode=disable", port, name);
  strict = g_strdup_printf ("postgresql://postgres@127.0.0.1:%s/%s?sslmode=verify-full", port,
                            name);
  g_assert_cmpint (rk_test_cli (plain, TODAY, &out, NULL, "staff", "list", NULL), ==, 0);
  g_assert_cmpint (rk_test_cli (strict, TODAY, NULL, &err, "staff", "list", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "SSL"));
}

/* A password given in a URI never shows in a message. */
static void
test_password_not_shown (void)
{
  g_autofree char *port = server_port ();
  g_autofree char *uri = g_strdup_printf ("postgresql://nobody:s3cret-pw@127.0.0.1:%s/"
                                          "no_such_database", port);
  g_autofree char *err = NULL;

  g_assert_cmpint (rk_test_cli (uri, TODAY, NULL, &err, "event", "list", "--from", "2026-12-01",
                                "--to", "2026-12-31", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "127.0.0.1"));
  g_assert_null (strstr (err, "s3cret-pw"));
}

/* The two schemas are twins: the same tables with the same columns in the
 * same order, the same indexes by name, after every migration. */
static void
test_schema_twins (void)
{
  g_autofree char *file = rk_test_file_db_path ();
  g_autofree char *pg = rk_test_pg_database ();
  g_autofree char *pgname = uri_dbname (pg);
  g_autofree char *pg_columns = NULL, *file_columns = NULL;
  g_autofree char *pg_indexes = NULL, *file_indexes = NULL;

  g_free (rk_test_cli_ok (file, TODAY, "init", NULL));
  g_free (rk_test_cli_ok (pg, TODAY, "init", NULL));
  pg_columns = pg_run (pgname, "SELECT string_agg(table_name || '.' || column_name, ',' "
                               "ORDER BY table_name, ordinal_position) "
                               "FROM information_schema.columns WHERE table_schema = "
                               "current_schema() AND table_name NOT IN ('renkei_meta', 'renkei_changes')");
  file_columns = sqlite_value (file, "SELECT group_concat(c, ',') FROM (SELECT m.name || '.' || "
                                     "p.name AS c FROM sqlite_schema m, pragma_table_info(m.name) p "
                                     "WHERE m.type = 'table' ORDER BY m.name, p.cid)");
  g_assert_cmpstr (pg_columns, ==, file_columns);
  pg_indexes = pg_run (pgname, "SELECT string_agg(indexname, ',' ORDER BY indexname) "
                               "FROM pg_indexes WHERE schemaname = current_schema() "
                               "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%key'");
  file_indexes = sqlite_value (file, "SELECT group_concat(name, ',') FROM (SELECT name FROM "
                                     "sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
                                     "ORDER BY name)");
  g_assert_cmpstr (pg_indexes, ==, file_indexes);
  remove_file_db (file);
}

/* A libpq service name (the service file holds where and who, libpq's
 * password file the secret) and RENKEI_DB holding a URI select the server
 * as --db postgresql://… does. */
static void
test_service_and_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = rk_test_pg_database ();
  g_autofree char *name = uri_dbname (db);
  g_autofree char *dir = g_dir_make_tmp ("renkei-pg-service-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "pg_service.conf", NULL);
  g_autoptr(GString) conf = g_string_new ("[renkei]\n");
  g_auto(GStrv) parts = g_strsplit (g_getenv ("RENKEI_TEST_PG"), " ", -1);
  g_autofree char *id = NULL, *listed = NULL;
  const char *argv[] = { g_getenv ("RENKEI_CLI"), "staff", "list", NULL };
  g_auto(GStrv) env = g_get_environ ();
  int status = 0;

  g_assert_no_error (error);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_string_append_printf (conf, "%s\n", parts[i]);
  g_string_append_printf (conf, "dbname=%s\n", name);
  g_assert_true (g_file_set_contents (file, conf->str, -1, &error));

  g_setenv ("PGSERVICEFILE", file, TRUE);
  id = rk_test_cli_ok ("service=renkei", TODAY, "staff", "add", "--name", "山田 花子", "--role",
                       "midwife", NULL);
  g_unsetenv ("PGSERVICEFILE");
  g_assert_cmpstr (id, ==, "1");

  /* RENKEI_DB=URI, no --db. */
  env = g_environ_setenv (env, "RENKEI_DB", db, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &listed, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (listed, "山田 花子"));
  rk_test_rm_rf (dir);
}

/* A database that cannot hold Japanese text is refused before anything is
 * written into it. */
static void
test_refuse_latin1 (void)
{
  g_autofree char *name = g_strdup_printf ("rk_latin_%d", (int) getpid ());
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s ENCODING 'LATIN1' "
                                             "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0",
                                             name);
  g_autofree char *uri = NULL, *err = NULL, *tables = NULL;

  g_free (pg_run ("postgres", create));
  {
    g_auto(GStrv) parts = g_strsplit (g_getenv ("RENKEI_TEST_PG"), " ", -1);
    g_autofree char *query = g_strjoinv ("&", parts);

    uri = g_strdup_printf ("postgresql:///%s?%s", name, query);
  }
  g_assert_cmpint (rk_test_cli (uri, TODAY, NULL, &err, "init", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "UTF8"));
  tables = pg_run (name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpstr (tables, ==, "0");
}

/* A coordinator who does not own the database opens it before its owner
 * ran server init: told who must act, and nothing is created. */
static void
test_schema_needs_owner (void)
{
  g_autofree char *pg = rk_test_pg_database ();
  g_autofree char *pgname = uri_dbname (pg);
  g_autofree char *someone = g_strdup_printf ("rkt_s_%d", (int) getpid ());
  g_autofree char *as_someone = uri_as (pg, someone);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN", someone);
  g_autofree char *drop = g_strdup_printf ("DROP ROLE %s", someone);
  g_autofree char *err = NULL, *tables = NULL;

  g_free (pg_run (pgname, sql));
  g_assert_cmpint (rk_test_cli (as_someone, TODAY, NULL, &err, "staff", "list", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "server init"));
  tables = pg_run (pgname, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpstr (tables, ==, "0");
  g_free (pg_run (pgname, drop));
}

/* Several programs open a new, empty database at the same moment: one
 * creates the schema, the others find it made, none fails. */
static void
test_schema_created_once (void)
{
  for (int round = 0; round < 3; round++)
    {
      g_autofree char *pg = rk_test_pg_database ();
      g_autofree char *pgname = uri_dbname (pg);
      g_autofree char *version = NULL;
      RkTestChild children[6];
      const char *args[] = { "init", NULL };

      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        children[i] = rk_test_cli_start (pg, NULL, args);
      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        {
          g_autofree char *err = NULL;

          if (rk_test_cli_wait (&children[i], &err) != 0)
            g_error ("init %u failed: %s", i, err);
        }
      version = pg_run (pgname, "SELECT value FROM renkei_meta WHERE key = 'schema_version'");
      g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), >=, 3);
    }
}

/* A read the server refuses half-way through a load (a privilege taken
 * away) is an error with the server's reason, never a short list. */
static void
test_read_refused (void)
{
  g_autofree char *pg = rk_test_pg_database ();
  g_autofree char *pgname = uri_dbname (pg);
  g_autofree char *who = g_strdup_printf ("rkt_r_%d", (int) getpid ());
  g_autofree char *as_who = uri_as (pg, who);
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN; GRANT SELECT ON ALL TABLES IN "
                                          "SCHEMA public TO %s; REVOKE SELECT ON event_equipment "
                                          "FROM %s", who, who, who);
  g_autofree char *drop = g_strdup_printf ("DROP OWNED BY %s; DROP ROLE %s", who, who);
  g_autofree char *out = NULL, *err = NULL;

  g_free (rk_test_cli_ok (pg, TODAY, "init", "--demo", NULL));
  g_free (pg_run (pgname, sql));
  g_assert_cmpint (rk_test_cli (as_who, TODAY, &out, &err, "event", "list", "--from", "2026-12-01",
                                "--to", "2026-12-31", NULL), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "event_equipment"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (as_who, TODAY, NULL, &err, "check", NULL), ==, 3);
  g_free (pg_run (pgname, drop));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!g_getenv ("RENKEI_TEST_PG"))
    {
      g_print ("1..0 # SKIP no PostgreSQL test server\n");
      return 0;
    }
  g_test_add_func ("/pg/schema/twins", test_schema_twins);
  g_test_add_func ("/pg/schema/refuse-latin1", test_refuse_latin1);
  g_test_add_func ("/pg/schema/created-once", test_schema_created_once);
  g_test_add_func ("/pg/copy/round-trip", test_copy_round_trip);
  g_test_add_func ("/pg/copy/all-or-nothing", test_copy_all_or_nothing);
  g_test_add_func ("/pg/server-init/roles", test_server_roles);
  g_test_add_func ("/pg/server-init/file", test_server_init_file);
  g_test_add_func ("/pg/server-init/needs-owner", test_schema_needs_owner);
  g_test_add_func ("/pg/server-init/read-refused", test_read_refused);
  g_test_add_func ("/pg/connection/tls-honoured", test_tls_honoured);
  g_test_add_func ("/pg/connection/service-and-env", test_service_and_env);
  g_test_add_func ("/pg/connection/password-not-shown", test_password_not_shown);
  return g_test_run ();
}
