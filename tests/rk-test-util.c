#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdarg.h>

#include "rk-demo.h"
#include "rk-test-util.h"

/* The locale renkei-cli is run in (LC_ALL), NULL for the test's own. */
static char *cli_language;

void
rk_test_cli_set_japanese (gboolean japanese)
{
  g_clear_pointer (&cli_language, g_free);
  if (japanese)
    cli_language = g_strdup ("ja_JP.UTF-8");
}

/* renkei-cli's command line and environment for rk_test_cli*(). */
static GPtrArray *
cli_command (const char *db, const char *today, const char * const *args, GStrv *env)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *cli = g_getenv ("RENKEI_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  if (db)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db);
    }
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  *env = g_environ_unsetenv (g_get_environ (), "RENKEI_DB");
  if (cli_language)
    {
      *env = g_environ_setenv (*env, "LC_ALL", cli_language, TRUE);
      *env = g_environ_setenv (*env, "LANGUAGE", "ja", TRUE);
    }
  *env = today ? g_environ_setenv (*env, "RENKEI_TODAY", today, TRUE)
               : g_environ_unsetenv (*env, "RENKEI_TODAY");
  return argv;
}

int
rk_test_cli_argv (const char *db, const char *today, const char * const *args, char **out,
                  char **err)
{
  g_auto(GStrv) env = NULL;
  g_autoptr(GPtrArray) argv = cli_command (db, today, args, &env);
  g_autoptr(GError) error = NULL;
  g_autofree char *own_out = NULL;
  g_autofree char *own_err = NULL;
  int status = 0;

  /* Always captured: the child's output must not mix into the TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                out ? out : &own_out, err ? err : &own_err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

RkTestChild
rk_test_cli_start (const char *db, const char *today, const char * const *args)
{
  g_auto(GStrv) env = NULL;
  g_autoptr(GPtrArray) argv = cli_command (db, today, args, &env);
  g_autoptr(GError) error = NULL;
  RkTestChild child = { 0, -1 };

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, env,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                            &child.pid, NULL, NULL, &child.err_fd, &error);
  g_assert_no_error (error);
  return child;
}

int
rk_test_cli_wait (RkTestChild *child, char **err)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (child->err_fd);
  g_autofree char *text = NULL;
  int status = 0;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &text, NULL, NULL);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  g_spawn_close_pid (child->pid);
  g_assert_true (WIFEXITED (status));
  if (err)
    *err = g_steal_pointer (&text);
  return WEXITSTATUS (status);
}

int
rk_test_cli_va (const char *db, const char *today, char **out, char **err, va_list ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  return rk_test_cli_argv (db, today, (const char * const *) args->pdata, out, err);
}

int
rk_test_cli (const char *db, const char *today, char **out, char **err, ...)
{
  va_list ap;
  int rc;

  va_start (ap, err);
  rc = rk_test_cli_va (db, today, out, err, ap);
  va_end (ap);
  return rc;
}

char *
rk_test_cli_ok (const char *db, const char *today, ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int rc;

  va_start (ap, today);
  rc = rk_test_cli_va (db, today, &out, &err, ap);
  va_end (ap);
  if (rc != 0)
    g_error ("renkei-cli exited %d: %s", rc, err);
  return g_strdup (g_strstrip (out));
}

JsonNode *
rk_test_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

gboolean
rk_test_backend_is_pg (void)
{
  return g_strcmp0 (g_getenv ("RENKEI_TEST_BACKEND"), "postgresql") == 0;
}

void
rk_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (rk_test_backend_is_pg () && !g_getenv ("RENKEI_TEST_PG"))
    {
      /* Started by build-aux/test.sh; without it, these cases are not run. */
      g_print ("1..0 # SKIP no PostgreSQL test server (RENKEI_TEST_PG); run build-aux/test.sh\n");
      exit (0);
    }
}

gboolean
rk_test_skip_on_server (const char *why)
{
  if (!rk_test_backend_is_pg ())
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

/* A new database on the test server, empty or (template: the name of a
 * database of its own) a copy of template; its URI. Copied file by file
 * (STRATEGY FILE_COPY, PostgreSQL 15): writing the template's every page
 * to the log, the default, took two to three times as long, and the
 * suite makes a database for each of some two thousand cases. */
static char *
pg_database_from (const char *template)
{
  static int serial;
  const char *base = g_getenv ("RENKEI_TEST_PG");
  g_autofree char *admin = NULL;
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GString) uri = g_string_new ("postgresql:///");
  g_auto(GStrv) parts = NULL;
  PGconn *conn;
  PGresult *res;

  g_assert_nonnull (base);
  name = g_strdup_printf ("rk_%d_%d_%" G_GINT64_FORMAT, (int) getpid (), ++serial,
                          g_get_real_time () % 1000000);
  from = template ? g_strdup_printf (" TEMPLATE %s", template) : g_strdup ("");
  admin = g_strdup_printf ("%s dbname=postgres", base);
  conn = PQconnectdb (admin);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (int strategy = 1; strategy >= 0; strategy--)
    {
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s%s%s", name, from,
                                              strategy ? " STRATEGY FILE_COPY" : "");

      res = PQexec (conn, sql);
      /* A server before 15 knows no STRATEGY. */
      if (strategy && PQresultStatus (res) != PGRES_COMMAND_OK &&
          g_strcmp0 (PQresultErrorField (res, PG_DIAG_SQLSTATE), "42601") == 0)
        {
          PQclear (res);
          continue;
        }
      g_assert_cmpstr (PQresultErrorMessage (res), ==, "");
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
      PQclear (res);
      break;
    }
  PQfinish (conn);

  /* "host=/x port=5 user=u" → postgresql:///NAME?host=/x&port=5&user=u */
  g_string_append (uri, name);
  parts = g_strsplit (base, " ", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_string_append_printf (uri, "%c%s", strchr (uri->str, '?') ? '&' : '?', parts[i]);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* A new, empty database on the test server; its URI. */
char *
rk_test_pg_database (void)
{
  return pg_database_from (NULL);
}

char *
rk_test_db_clone (const char *template, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (g_str_has_prefix (template, "postgresql:///"))
    {
      g_autofree char *name = g_strdup (template + strlen ("postgresql:///"));
      char *query = strchr (name, '?');

      if (query)
        *query = '\0';
      return pg_database_from (name);
    }
  path = g_build_filename (dir, "clone.db", NULL);
  /* The file, and what its writers left in its log if they left anything. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = g_strconcat (template, i ? "-wal" : "", NULL);
      g_autofree char *to = g_strconcat (path, i ? "-wal" : "", NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (i && !g_file_test (from, G_FILE_TEST_EXISTS))
        break;
      g_file_get_contents (from, &data, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, data, (gssize) length, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&path);
}

char *
rk_test_db_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (rk_test_backend_is_pg ())
    return rk_test_pg_database ();
  dir = g_dir_make_tmp ("renkei-test-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (dir, "test.db", NULL);
}

char *
rk_test_file_db_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("renkei-test-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "test.db", NULL);
}

/* A server database's content, every row of every table, as one hash. */
static char *
server_hash (const char *uri)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  PGconn *conn = PQconnectdb (uri);
  PGresult *tables;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  tables = PQexec (conn, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                         "ORDER BY tablename");
  g_assert_cmpint (PQresultStatus (tables), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT t::text FROM %s t ORDER BY 1",
                                              PQgetvalue (tables, i, 0));
      PGresult *rows = PQexec (conn, sql);

      g_assert_cmpint (PQresultStatus (rows), ==, PGRES_TUPLES_OK);
      g_checksum_update (sum, (const guchar *) sql, -1);
      for (int r = 0; r < PQntuples (rows); r++)
        g_checksum_update (sum, (const guchar *) PQgetvalue (rows, r, 0), -1);
      PQclear (rows);
    }
  PQclear (tables);
  PQfinish (conn);
  return g_strdup (g_checksum_get_string (sum));
}

char *
rk_test_file_hash (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_str_has_prefix (path, "postgresql:"))
    return server_hash (path);

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

gboolean
rk_test_wait_for (RkTestDone done, gpointer data, int seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < until)
    rk_test_pump (5);
  return done (data);
}

void
rk_test_pump (int ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

void
rk_test_fill_demo (gpointer store, const char *today)
{
  g_autoptr(GError) error = NULL;
  RkDay day;

  g_assert_true (rk_date_parse (today, &day));
  g_assert_true (rk_store_begin (store, &error));
  g_assert_true (rk_demo_fill (store, day, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
}

void
rk_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rk_test_rm_rf (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
rk_test_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return out;
}

double
rk_test_pdf_em_box (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  g_autofree char *fonts = rk_test_tool (argv);
  gboolean ipa = strstr (fonts, "+IPAexGothic") != NULL;
  gboolean noto = strstr (fonts, "+NotoSansCJK") != NULL;

  if (ipa == noto)
    g_error ("%s: the text is not in one known font:\n%s", pdf, fonts);
  return ipa ? 1.0 : 1.448;
}

char *
rk_test_squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}
