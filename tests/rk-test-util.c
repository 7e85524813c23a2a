#include "config.h"

#include <glib/gstdio.h>
#include <stdarg.h>

#include "rk-demo.h"
#include "rk-test-util.h"

int
rk_test_cli_argv (const char *db, const char *today, const char * const *args, char **out,
                  char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RENKEI_CLI");
  g_autofree char *own_out = NULL;
  g_autofree char *own_err = NULL;
  int status = 0;

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
  env = g_environ_unsetenv (env, "RENKEI_DB");
  env = today ? g_environ_setenv (env, "RENKEI_TODAY", today, TRUE)
              : g_environ_unsetenv (env, "RENKEI_TODAY");
  /* Always captured: the child's output must not mix into the TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                out ? out : &own_out, err ? err : &own_err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
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

char *
rk_test_db_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("renkei-test-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "test.db", NULL);
}

char *
rk_test_file_hash (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
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
