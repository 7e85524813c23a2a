#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rk-error.h"
#include "rk-recurrence.h"
#include "rk-schema.h"
#include "rk-store-private.h"

G_DEFINE_FINAL_TYPE (RkStore, rk_store, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
rk_store_finalize (GObject *object)
{
  RkStore *self = RK_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->reference, rk_schedule_free);
  rk_store_views_clear (self);
  g_clear_pointer (&self->db, rk_db_close);
  g_free (self->path);
  g_free (self->changed);
  G_OBJECT_CLASS (rk_store_parent_class)->finalize (object);
}

static void
rk_store_class_init (RkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
stmt_free (gpointer stmt)
{
  rk_db_finalize (stmt);
}

static void
rk_store_init (RkStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_free);
}

/* ---- low level ---------------------------------------------------------- */

gboolean
rk_store_db_error (RkStore *self, GError **error)
{
  return rk_db_set_error (self->db, error);
}

RkDbStmt *
rk_store_prepare (RkStore *self, const char *sql, GError **error)
{
  RkDbStmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt)
    {
      rk_db_reset (stmt);
      rk_db_clear_bindings (stmt);
      return stmt;
    }
  stmt = rk_db_prepare (self->db, sql);
  if (stmt == NULL)
    {
      rk_store_db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
gboolean
rk_store_step_done (RkStore *self, RkDbStmt *stmt, GError **error)
{
  int rc = rk_db_step (stmt);

  rk_db_reset (stmt);
  if (rc != RK_DB_DONE && rc != RK_DB_ROW)
    return rk_store_db_error (self, error);
  return TRUE;
}

/* Around a read of many statements whose loops stop at a failed step: the
 * driver records every failure, so one look at the end tells a short answer
 * (a damaged file, the server gone, a privilege missing) from a full one. */
void
rk_store_reads_begin (RkStore *self)
{
  self->db->error = RK_DB_ERR_NONE;
}

gboolean
rk_store_reads_ok (RkStore *self, gboolean ok, GError **error)
{
  if (ok && self->db->error != RK_DB_ERR_NONE)
    return rk_store_db_error (self, error);
  return ok;
}

/* A list read between reads_begin() and here, or NULL and the error. */
GPtrArray *
rk_store_list_or_error (RkStore *self, GPtrArray *out, GError **error)
{
  if (rk_store_reads_ok (self, TRUE, error))
    return out;
  g_ptr_array_unref (out);
  return NULL;
}

/* The few statements the two dialects spell differently. */
const char *
rk_store_dialect (RkStore *self, const char *sqlite_sql, const char *pg_sql)
{
  return self->db->kind == RK_DB_POSTGRES ? pg_sql : sqlite_sql;
}

void
rk_store_touch (RkStore *self, const char *table)
{
  if (self->changed == NULL && !self->changed_many)
    self->changed = g_strdup (table);
  else if (g_strcmp0 (self->changed, table) != 0)
    {
      self->changed_many = TRUE;
      g_clear_pointer (&self->changed, g_free);
    }
}

gboolean
rk_store_require_tx (RkStore *self)
{
  g_return_val_if_fail (self->in_tx, FALSE);
  return TRUE;
}

/* DELETE … WHERE <key> = ? [AND occ_date = ?] inside the transaction. */
gboolean
rk_store_delete_rows (RkStore *self, const char *sql, const char *table, gint64 key, RkDay occ_date,
                      GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, key);
  if (rk_db_bind_parameter_count (stmt) > 1)
    bind_date (stmt, 2, occ_date);
  rk_store_touch (self, table);
  return rk_store_step_done (self, stmt, error);
}

/* ---- opening ------------------------------------------------------------ */

char *
rk_store_default_path (void)
{
  const char *env = g_getenv ("RENKEI_DB");

  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "renkei", "renkei.db", NULL);
}

gboolean
rk_store_is_server_uri (const char *location)
{
  return location && (g_str_has_prefix (location, "postgresql://") ||
                      g_str_has_prefix (location, "postgres://") ||
                      g_str_has_prefix (location, "service="));
}

gboolean
rk_store_location_has_password (const char *location)
{
  return rk_store_is_server_uri (location) && rk_db_pg_conninfo_has_password (location);
}

char *
rk_store_scratch_create (const char *location, const char *tmpdir, const char *tag,
                         GError **error)
{
  g_autofree char *name = NULL;

  if (rk_store_is_server_uri (location))
    return rk_db_pg_scratch_create (location, tag, error);
  name = g_strdup_printf ("%s.db", tag);
  return g_build_filename (tmpdir, name, NULL);
}

void
rk_store_scratch_drop (const char *location, const char *scratch)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (rk_store_is_server_uri (scratch))
    {
      rk_db_pg_scratch_drop (location, scratch);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (scratch, suffixes[i], NULL);
      g_unlink (path);
    }
}

RkStore *
rk_store_open_full (const char *path, gboolean *transient, GError **error)
{
  g_autoptr(RkStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (transient)
    *transient = FALSE;
  self = g_object_new (RK_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (rk_store_is_server_uri (path))
    self->db = rk_db_pg_open_full (path, TRUE, transient, error);
  else
    self->db = rk_db_sqlite_open (path, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

RkStore *
rk_store_open (const char *path, GError **error)
{
  return rk_store_open_full (path, NULL, error);
}

RkStore *
rk_store_open_deferred (const char *location, GError **error)
{
  g_autoptr(RkStore) self = NULL;

  g_return_val_if_fail (rk_store_is_server_uri (location), NULL);

  self = g_object_new (RK_TYPE_STORE, NULL);
  self->path = g_strdup (location);
  self->db = rk_db_pg_open_deferred (location, TRUE, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* A database that must already be there. */
RkStore *
rk_store_open_existing (const char *location, GError **error)
{
  g_autoptr(RkStore) self = NULL;
  GStatBuf st;

  g_return_val_if_fail (location != NULL, NULL);
  if (!rk_store_is_server_uri (location))
    {
      /* Checked first: opening a missing or empty file makes a new database. */
      if (g_stat (location, &st) != 0)
        {
          int saved = errno;

          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("Cannot open the database %s: %s"),
                       location, g_strerror (saved));
          return NULL;
        }
      if (!S_ISREG (st.st_mode) || st.st_size == 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("%s holds no Renkei database; give the path of an existing one"),
                       location);
          return NULL;
        }
      return rk_store_open (location, error);
    }
  self = g_object_new (RK_TYPE_STORE, NULL);
  self->path = g_strdup (location);
  self->db = rk_db_pg_open (location, FALSE, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rk_store_get_path (RkStore *self)
{
  /* The database's own name for it: a server URI without its password. */
  return self->db->name;
}

const char *
rk_store_get_location (RkStore *self)
{
  return self->path;
}

int
rk_store_get_schema_version (RkStore *self)
{
  return rk_db_schema_version (self->db);
}

gboolean
rk_store_is_server (RkStore *self)
{
  return self->db->kind == RK_DB_POSTGRES;
}

int
rk_store_get_notify_fd (RkStore *self)
{
  return rk_db_notify_fd (self->db);
}

gint64
rk_store_get_data_version (RkStore *self)
{
  return rk_db_data_version (self->db);
}

gboolean
rk_store_begin (RkStore *self, GError **error)
{
  g_return_val_if_fail (!self->in_tx, FALSE);
  if (!rk_db_begin (self->db, TRUE))
    return rk_store_db_error (self, error);
  self->in_tx = TRUE;
  self->changed_many = FALSE;
  g_clear_pointer (&self->changed, g_free);
  return TRUE;
}

gboolean
rk_store_commit (RkStore *self, GError **error)
{
  g_autofree char *table = NULL;
  gboolean any;

  g_return_val_if_fail (self->in_tx, FALSE);
  if (!rk_db_commit (self->db))
    {
      rk_store_db_error (self, error);
      rk_store_rollback (self);
      return FALSE;
    }
  self->in_tx = FALSE;
  any = self->changed || self->changed_many;
  table = g_steal_pointer (&self->changed);
  if (any)
    g_signal_emit (self, signals[CHANGED], 0, table);
  return TRUE;
}

void
rk_store_rollback (RkStore *self)
{
  if (!self->in_tx)
    return;
  rk_db_rollback (self->db);
  self->in_tx = FALSE;
  g_clear_pointer (&self->changed, g_free);
}

gboolean
rk_store_in_transaction (RkStore *self)
{
  return self->in_tx;
}

/* ---- settings ----------------------------------------------------------- */

char *
rk_store_get_setting (RkStore *self, const char *key)
{
  RkDbStmt *stmt = rk_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (rk_db_step (stmt) == RK_DB_ROW)
    value = col_dup (stmt, 0);
  rk_db_reset (stmt);
  return value;
}

GHashTable *
rk_store_get_settings (RkStore *self)
{
  RkDbStmt *stmt = rk_store_prepare (self, "SELECT key, value FROM settings", NULL);
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (stmt == NULL)
    return all;
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_hash_table_insert (all, col_dup (stmt, 0), col_dup (stmt, 1));
  rk_db_reset (stmt);
  return all;
}

int
rk_store_setting_as_int (const char *value, int fallback)
{
  char *end = NULL;
  long n;

  if (value == NULL)
    return fallback;
  n = strtol (value, &end, 10);
  return (*end == '\0' && end != value) ? (int) n : fallback;
}

int
rk_store_get_setting_int (RkStore *self, const char *key, int fallback)
{
  g_autofree char *v = rk_store_get_setting (self, key);

  return rk_store_setting_as_int (v, fallback);
}

gboolean
rk_store_set_setting (RkStore *self, const char *key, const char *value, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self,
                           "INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  rk_db_bind_text (stmt, 2, value ? value : "");
  rk_store_touch (self, "settings");
  return rk_store_step_done (self, stmt, error);
}

char *
rk_store_get_timezone (RkStore *self)
{
  char *tz = rk_store_get_setting (self, "timezone");

  return tz ? tz : g_strdup ("Asia/Tokyo");
}

RkDay
rk_store_today (RkStore *self)
{
  g_autofree char *tz = rk_store_get_timezone (self);

  return rk_today (tz);
}

/* ---- shared helpers ----------------------------------------------------- */

gboolean
rk_store_row_exists (RkStore *self, const char *sql, gint64 id)
{
  RkDbStmt *stmt = rk_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, id);
  found = rk_db_step (stmt) == RK_DB_ROW;
  rk_db_reset (stmt);
  return found;
}

/* After an UPDATE … WHERE id = ? AND version = ? changed nothing: tell apart
 * a row that is gone from one that someone else changed meanwhile. */
gboolean
rk_store_stale_or_missing (RkStore *self, const char *exists_sql, gint64 id, const char *what,
                           GError **error)
{
  if (!rk_store_row_exists (self, exists_sql, id))
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND, _("There is no %s with id %" PRId64),
                 what, id);
  else
    g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                 _("This %s was changed by someone else since you opened it; "
                   "reload to see their change, then edit again"),
                 what);
  return FALSE;
}

gint64
rk_store_insert_done (RkStore *self, RkDbStmt *stmt, const char *table, GError **error)
{
  int rc = rk_db_step (stmt);
  gint64 id = 0;

  /* "… RETURNING id": the id comes with the INSERT's answer, no second
   * round trip to a server. */
  if (rc == RK_DB_ROW)
    id = rk_db_column_int64 (stmt, 0);
  rk_db_reset (stmt);
  if (rc != RK_DB_DONE && rc != RK_DB_ROW)
    return rk_store_db_error (self, error);
  rk_store_touch (self, table);
  if (rc == RK_DB_DONE)
    id = rk_db_last_insert_id (self->db);
  if (id <= 0)
    rk_store_db_error (self, error);
  return id;
}

gboolean
rk_store_update_done (RkStore *self, RkDbStmt *stmt, const char *table, const char *exists_sql,
                      gint64 id, const char *what, GError **error)
{
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    return rk_store_stale_or_missing (self, exists_sql, id, what, error);
  rk_store_touch (self, table);
  return TRUE;
}

/* Replaces the database's wording of a UNIQUE failure with the person's. */
gboolean
rk_store_duplicate_name (GError **error, char *message)
{
  if (error && *error && (*error)->code == RK_ERROR_DUPLICATE)
    {
      g_clear_error (error);
      g_set_error_literal (error, RK_ERROR, RK_ERROR_DUPLICATE, message);
    }
  g_free (message);
  return FALSE;
}

/* A name that is not only blanks. */
gboolean
rk_store_check_name (const char *name, const char *what, GError **error)
{
  g_autofree char *copy = g_strdup (name ? name : "");

  if (*g_strstrip (copy) == '\0')
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("A %s needs a name"), what);
      return FALSE;
    }
  return TRUE;
}
