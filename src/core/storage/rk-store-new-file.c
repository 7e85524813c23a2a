#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rk-schema.h"
#include "rk-store-new-file.h"

static gboolean
holds_data (sqlite3 *db)
{
  sqlite3_stmt *tables = NULL;
  gboolean data = TRUE;
  int app_id = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &tables, NULL) != SQLITE_OK)
    return TRUE;
  if (sqlite3_step (tables) == SQLITE_ROW)
    app_id = sqlite3_column_int (tables, 0);
  sqlite3_finalize (tables);
  if (app_id != RK_APPLICATION_ID)
    return TRUE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' AND name <> 'settings'",
                          -1, &tables, NULL) != SQLITE_OK)
    return TRUE;
  data = FALSE;
  while (!data && sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *rows = NULL;
      const char *name = (const char *) sqlite3_column_text (tables, 0);

      quoted = g_strdup_printf ("\"%s\"", name);
      if (strchr (name, '"'))
        {
          data = TRUE;  /* no table of ours */
          break;
        }
      sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", quoted);
      if (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL) != SQLITE_OK ||
          sqlite3_step (rows) != SQLITE_DONE)
        data = TRUE;
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return data;
}

gboolean
rk_store_remove_unused_file (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "" };
  sqlite3 *db = NULL;
  gboolean remove;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 1000);
  /* the writers' lock while looking: nobody writes meanwhile */
  remove = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
           !holds_data (db);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  if (remove)
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
  return remove;
}
