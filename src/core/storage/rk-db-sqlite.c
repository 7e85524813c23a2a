#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rk-db.h"
#include "rk-error.h"
#include "rk-schema.h"

/* The embedded driver: one SQLite file, WAL, one writer at a time
 * (BEGIN IMMEDIATE waits for the other coordinator's transaction). */

/* The transaction statements, prepared once: BEGIN, BEGIN IMMEDIATE,
 * COMMIT, ROLLBACK. Each read (a view, a check) runs in one transaction,
 * and parsing its two statements again cost more than a kept view's copy
 * of its smaller tables (the parser's buffer is a large allocation, which
 * made the allocator sort out everything the last view freed). */
enum { TX_BEGIN, TX_BEGIN_IMMEDIATE, TX_COMMIT, TX_ROLLBACK, N_TX };

static const char * const tx_sql[N_TX] = { "BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK" };

typedef struct
{
  RkDb          parent;
  sqlite3      *sqlite;
  sqlite3_stmt *tx[N_TX];
} SqliteDb;

typedef struct
{
  RkDbStmt      parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define SDB(db)   (((SqliteDb *) (db))->sqlite)
#define SSTMT(s)  (((SqliteStmt *) (s))->stmt)

#define BUSY_TIMEOUT_DEFAULT_MS 10000
#define BUSY_TIMEOUT_MAX_MS      600000

/* How long a write waits for another coordinator's transaction;
 * RENKEI_BUSY_TIMEOUT_MS overrides it (scripts that would rather fail fast),
 * 1 to 600000 milliseconds; opening a database refuses any other value
 * (rk_db_busy_timeout_check), so this one only meets good ones. */
static gboolean
busy_timeout_parse (int *out)
{
  const char *env = g_getenv ("RENKEI_BUSY_TIMEOUT_MS");
  guint64 ms = 0;

  *out = BUSY_TIMEOUT_DEFAULT_MS;
  if (env == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (env, 10, 1, BUSY_TIMEOUT_MAX_MS, &ms, NULL))
    return FALSE;
  *out = (int) ms;
  return TRUE;
}

int
rk_db_busy_timeout_ms (void)
{
  int ms;

  busy_timeout_parse (&ms);
  return ms;
}

gboolean
rk_db_busy_timeout_check (GError **error)
{
  int ms;

  if (busy_timeout_parse (&ms))
    return TRUE;
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("RENKEI_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 1 to %d, "
                 "not “%s”; unset it to wait the usual %d"),
               BUSY_TIMEOUT_MAX_MS, g_getenv ("RENKEI_BUSY_TIMEOUT_MS"), BUSY_TIMEOUT_DEFAULT_MS);
  return FALSE;
}

static void
record (RkDb *db, int rc)
{
  RkDbError kind;

  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
    return;
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = RK_DB_ERR_BUSY;
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        kind = RK_DB_ERR_UNIQUE;
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        kind = RK_DB_ERR_FOREIGN_KEY;
      else
        kind = RK_DB_ERR_CONSTRAINT;
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      kind = RK_DB_ERR_NOT_A_DB;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      kind = RK_DB_ERR_PERMISSION;
      break;
    default:
      kind = RK_DB_ERR_OTHER;
      break;
    }
  rk_db_record_error (db, kind, SDB (db) ? sqlite3_errmsg (SDB (db)) : sqlite3_errstr (rc));
}

static void
s_close (RkDb *db)
{
  for (guint i = 0; i < N_TX; i++)
    sqlite3_finalize (((SqliteDb *) db)->tx[i]);
  if (SDB (db))
    sqlite3_close (SDB (db));
  g_free (db);
}

static RkDbStmt *
s_prepare (RkDb *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (SDB (db), sql, -1, &stmt, NULL);
  SqliteStmt *s;

  if (rc != SQLITE_OK)
    {
      record (db, sqlite3_extended_errcode (SDB (db)));
      return NULL;
    }
  s = g_new0 (SqliteStmt, 1);
  s->parent.db = db;
  s->stmt = stmt;
  return &s->parent;
}

static void
s_finalize (RkDbStmt *s)
{
  sqlite3_finalize (SSTMT (s));
  g_free (s);
}

static void
s_bind_int64 (RkDbStmt *s, int i, gint64 v)
{
  sqlite3_bind_int64 (SSTMT (s), i, v);
}

static void
s_bind_double (RkDbStmt *s, int i, double v)
{
  sqlite3_bind_double (SSTMT (s), i, v);
}

static void
s_bind_text (RkDbStmt *s, int i, const char *v)
{
  sqlite3_bind_text (SSTMT (s), i, v, -1, SQLITE_TRANSIENT);
}

static void
s_bind_blob (RkDbStmt *s, int i, gconstpointer data, gsize n)
{
  sqlite3_bind_blob (SSTMT (s), i, data, (int) n, SQLITE_TRANSIENT);
}

static void
s_bind_null (RkDbStmt *s, int i)
{
  sqlite3_bind_null (SSTMT (s), i);
}

static int
s_parameter_count (RkDbStmt *s)
{
  return sqlite3_bind_parameter_count (SSTMT (s));
}

static void
s_reset (RkDbStmt *s)
{
  sqlite3_reset (SSTMT (s));
}

static void
s_clear_bindings (RkDbStmt *s)
{
  sqlite3_clear_bindings (SSTMT (s));
}

static RkDbStep
s_step (RkDbStmt *s)
{
  int rc = sqlite3_step (SSTMT (s));

  if (rc == SQLITE_ROW)
    return RK_DB_ROW;
  if (rc == SQLITE_DONE)
    return RK_DB_DONE;
  record (s->db, sqlite3_extended_errcode (SDB (s->db)));
  return RK_DB_FAIL;
}

static int
s_column_count (RkDbStmt *s)
{
  return sqlite3_column_count (SSTMT (s));
}

static const char *
s_column_name (RkDbStmt *s, int i)
{
  return sqlite3_column_name (SSTMT (s), i);
}

static RkDbType
s_column_type (RkDbStmt *s, int i)
{
  switch (sqlite3_column_type (SSTMT (s), i))
    {
    case SQLITE_INTEGER:
      return RK_DB_INTEGER;
    case SQLITE_FLOAT:
      return RK_DB_FLOAT;
    case SQLITE_TEXT:
      return RK_DB_TEXT;
    case SQLITE_BLOB:
      return RK_DB_BLOB;
    default:
      return RK_DB_NULL;
    }
}

static gint64
s_column_int64 (RkDbStmt *s, int i)
{
  return sqlite3_column_int64 (SSTMT (s), i);
}

static double
s_column_double (RkDbStmt *s, int i)
{
  return sqlite3_column_double (SSTMT (s), i);
}

static const char *
s_column_text (RkDbStmt *s, int i)
{
  return (const char *) sqlite3_column_text (SSTMT (s), i);
}

static GBytes *
s_column_blob (RkDbStmt *s, int i)
{
  const void *data = sqlite3_column_blob (SSTMT (s), i);

  return g_bytes_new (data, (gsize) sqlite3_column_bytes (SSTMT (s), i));
}

static gboolean
s_exec (RkDb *db, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (SDB (db), sql, NULL, NULL, &msg);

  sqlite3_free (msg);
  if (rc != SQLITE_OK)
    {
      record (db, sqlite3_extended_errcode (SDB (db)));
      return FALSE;
    }
  return TRUE;
}

static gint64
s_changes (RkDb *db)
{
  return sqlite3_changes (SDB (db));
}

static gint64
s_last_insert_id (RkDb *db)
{
  return sqlite3_last_insert_rowid (SDB (db));
}

/* One of the transaction statements, as sqlite3_exec() would run it. */
static gboolean
s_exec_tx (RkDb *db, guint which)
{
  sqlite3_stmt **stmt = &((SqliteDb *) db)->tx[which];
  int rc;

  if (*stmt == NULL &&
      sqlite3_prepare_v2 (SDB (db), tx_sql[which], -1, stmt, NULL) != SQLITE_OK)
    {
      record (db, sqlite3_extended_errcode (SDB (db)));
      return FALSE;
    }
  rc = sqlite3_step (*stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      record (db, sqlite3_extended_errcode (SDB (db)));
      sqlite3_reset (*stmt);
      return FALSE;
    }
  sqlite3_reset (*stmt);
  return TRUE;
}

static gboolean
s_begin (RkDb *db, gboolean write)
{
  return s_exec_tx (db, write ? TX_BEGIN_IMMEDIATE : TX_BEGIN);
}

static gboolean
s_commit (RkDb *db)
{
  return s_exec_tx (db, TX_COMMIT);
}

static gboolean
s_rollback (RkDb *db)
{
  return s_exec_tx (db, TX_ROLLBACK);
}

static int
pragma_int (RkDb *db, const char *sql, int *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (SDB (db), sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

static int
s_schema_version (RkDb *db)
{
  int v = 0;

  pragma_int (db, "PRAGMA user_version", &v);
  return v;
}

static gint64
s_data_version (RkDb *db)
{
  int v = 0;

  pragma_int (db, "PRAGMA data_version", &v);
  return v;
}

static gint64
s_change_version (RkDb *db)
{
  unsigned int version = 0;
  int v = 0;

  /* A read starts the snapshot; the file control then tells its version,
   * which unlike PRAGMA data_version counts this connection's commits. */
  if (pragma_int (db, "PRAGMA data_version", &v) != SQLITE_OK ||
      sqlite3_file_control (SDB (db), "main", SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK)
    return -1;
  return version;
}

/* The file's version as this connection's read transaction sees it: it
 * moves with every commit to the file, this connection's and others'. */
static char *
s_snapshot (RkDb *db)
{
  gint64 v = s_change_version (db);

  return v < 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

static int
s_notify_fd (RkDb *db)
{
  return -1;
}

static const RkDbDriver sqlite_driver = {
  s_close, s_prepare, s_finalize, s_bind_int64, s_bind_double, s_bind_text, s_bind_blob,
  s_bind_null, s_parameter_count, s_reset, s_clear_bindings, s_step, s_column_count,
  s_column_name, s_column_type, s_column_int64, s_column_double, s_column_text, s_column_blob,
  s_exec, s_changes, s_last_insert_id, s_begin, s_commit, s_rollback, s_schema_version,
  s_data_version, s_change_version, s_notify_fd, NULL, s_snapshot, NULL,
};

static gboolean
fail (RkDb *db, GError **error)
{
  return rk_db_set_error (db, error);
}

static gboolean
migrate (RkDb *db, int from, GError **error)
{
  for (guint v = (guint) from; v < rk_sqlite_n_migrations; v++)
    {
      g_autofree char *bump = NULL;
      int current = 0, rc;

      if (!s_exec (db, "BEGIN IMMEDIATE"))
        return fail (db, error);
      /* Another process may have migrated while this one waited for the lock. */
      rc = pragma_int (db, "PRAGMA user_version", &current);
      if (rc != SQLITE_OK)
        {
          record (db, sqlite3_extended_errcode (SDB (db)));
          s_exec (db, "ROLLBACK");
          return fail (db, error);
        }
      if (current > (int) v)
        {
          s_exec (db, "COMMIT");
          continue;
        }
      bump = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d;", v + 1,
                              RK_APPLICATION_ID);
      if (!s_exec (db, rk_sqlite_migrations[v]) || !s_exec (db, bump) || !s_exec (db, "COMMIT"))
        {
          fail (db, error);
          s_exec (db, "ROLLBACK");
          return FALSE;
        }
    }
  return TRUE;
}

RkDb *
rk_db_sqlite_open (const char *path, GError **error)
{
  g_autoptr(RkDb) db = NULL;
  gboolean is_new = FALSE;
  GStatBuf st;
  int app_id = 0, user_version = 0, n_objects = -1, rc;

  if (!rk_db_busy_timeout_check (error))
    return NULL;
  if (g_stat (path, &st) != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("Cannot create the folder %s: %s"), dir, g_strerror (errno));
          return NULL;
        }
      /* Created 0600 before SQLite touches it: staff phone numbers are personal. */
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL, 0600);
      /* EEXIST: another process created it meanwhile; the marks decide below. */
      if (fd < 0 && errno != EEXIST)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("Cannot create the database %s: %s"), path, g_strerror (errno));
          return NULL;
        }
      if (fd >= 0)
        {
          close (fd);
          is_new = TRUE;
        }
    }
  else if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s is not a file; give the path of a Renkei database file"), path);
      return NULL;
    }
  else if (st.st_size == 0)
    {
      /* An empty file someone made with their umask still holds personal data soon. */
      g_chmod (path, 0600);
      is_new = TRUE;
    }

  db = (RkDb *) g_new0 (SqliteDb, 1);
  db->driver = &sqlite_driver;
  db->kind = RK_DB_SQLITE;
  db->name = g_strdup (path);

  rc = sqlite3_open_v2 (path, &((SqliteDb *) db)->sqlite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("Cannot open the database %s: %s"),
                   path, sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (SDB (db), 1);
  sqlite3_busy_timeout (SDB (db), rk_db_busy_timeout_ms ());

  /* Read the marks before writing anything: a foreign file stays untouched.
   * One snapshot, as another process may be creating the file right now. */
  rc = sqlite3_exec (SDB (db), "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = pragma_int (db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = pragma_int (db, "PRAGMA user_version", &user_version);
  if (rc == SQLITE_OK && app_id == 0 && user_version == 0)
    rc = pragma_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  sqlite3_exec (SDB (db), "ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          record (db, rc);
          fail (db, error);
        }
      else
        g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                     _("%s is not a Renkei database or is damaged (%s); "
                       "open another file or restore a backup"),
                     path, sqlite3_errstr (rc));
      return NULL;
    }

  /* A file another Renkei process created a moment ago has no schema yet. */
  if (app_id == 0 && user_version == 0 && n_objects == 0)
    is_new = TRUE;
  if (!is_new && app_id != RK_APPLICATION_ID)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s is not a Renkei database; it was left untouched. "
                     "Give the path of a Renkei database or of a new file"),
                   path);
      return NULL;
    }
  if (user_version > (int) rk_sqlite_n_migrations)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s was written by a newer version of Renkei (schema %d, this program "
                     "knows %u); update Renkei to open it. The file was not changed"),
                   path, user_version, rk_sqlite_n_migrations);
      return NULL;
    }

  if (!s_exec (db, "PRAGMA foreign_keys = ON"))
    {
      fail (db, error);
      return NULL;
    }
  {
    /* journal_mode needs a lock SQLite does not wait for through the busy
     * handler (another process may be checkpointing as it closes, or
     * switching a new file to WAL): wait here, as long as the busy timeout. */
    gint64 deadline = g_get_monotonic_time () + (gint64) rk_db_busy_timeout_ms () * 1000;
    int mode_rc;

    for (;;)
      {
        sqlite3_stmt *stmt = NULL;

        mode_rc = sqlite3_prepare_v2 (SDB (db), "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
        if (mode_rc == SQLITE_OK)
          mode_rc = sqlite3_step (stmt);
        sqlite3_finalize (stmt);
        if ((mode_rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > deadline)
          break;
        g_usleep (5000);
      }
    if (mode_rc != SQLITE_ROW && mode_rc != SQLITE_DONE)
      {
        record (db, sqlite3_extended_errcode (SDB (db)));
        fail (db, error);
        return NULL;
      }
  }
  if (!s_exec (db, "PRAGMA synchronous = NORMAL"))
    {
      fail (db, error);
      return NULL;
    }

  if (user_version < (int) rk_sqlite_n_migrations && !migrate (db, user_version, error))
    return NULL;

  return g_steal_pointer (&db);
}
