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

#include "rk-db.h"
#include "rk-error.h"
#include "rk-recurrence.h"
#include "rk-schema.h"
#include "rk-store-unchanged.h"
#include "rk-store.h"

struct _RkStore
{
  GObject      parent_instance;
  RkDb        *db;
  char        *path;
  GHashTable  *stmts;        /* SQL text → RkDbStmt */
  gboolean     in_tx;
  char        *changed;      /* table touched in this transaction */
  gboolean     changed_many;
  RkSchedule  *reference;    /* reference tables of the last load, shared */
  gint64       reference_version;  /* the database's change counter they were read at */
};

G_DEFINE_FINAL_TYPE (RkStore, rk_store, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
rk_store_finalize (GObject *object)
{
  RkStore *self = RK_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->reference, rk_schedule_free);
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

static gboolean
db_error (RkStore *self, GError **error)
{
  return rk_db_set_error (self->db, error);
}

static RkDbStmt *
prepare (RkStore *self, const char *sql, GError **error)
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
      db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static void
bind_text (RkDbStmt *stmt, int i, const char *text)
{
  if (text && *text)
    rk_db_bind_text (stmt, i, text);
  else
    rk_db_bind_null (stmt, i);
}

static void
bind_id (RkDbStmt *stmt, int i, gint64 id)
{
  if (id > 0)
    rk_db_bind_int64 (stmt, i, id);
  else
    rk_db_bind_null (stmt, i);
}

static void
bind_time (RkDbStmt *stmt, int i, RkMinute t)
{
  char buf[17];

  rk_db_bind_text (stmt, i, rk_time_format_buf (t, buf));
}

static void
bind_date (RkDbStmt *stmt, int i, RkDay d)
{
  char buf[11];

  if (d == 0)
    rk_db_bind_text (stmt, i, "");
  else
    rk_db_bind_text (stmt, i, rk_date_format_buf (d, buf));
}

static const char *
col_text (RkDbStmt *stmt, int i)
{
  return rk_db_column_text (stmt, i);
}

static char *
col_dup (RkDbStmt *stmt, int i)
{
  return g_strdup (col_text (stmt, i));
}

static RkMinute
col_time (RkDbStmt *stmt, int i)
{
  RkMinute t = 0;

  rk_time_parse (col_text (stmt, i), &t);
  return t;
}

static RkDay
col_date (RkDbStmt *stmt, int i)
{
  RkDay d = 0;

  rk_date_parse (col_text (stmt, i), &d);
  return d;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (RkStore *self, RkDbStmt *stmt, GError **error)
{
  int rc = rk_db_step (stmt);

  rk_db_reset (stmt);
  if (rc != RK_DB_DONE && rc != RK_DB_ROW)
    return db_error (self, error);
  return TRUE;
}

/* Around a read of many statements whose loops stop at a failed step: the
 * driver records every failure, so one look at the end tells a short answer
 * (a damaged file, the server gone, a privilege missing) from a full one. */
static void
reads_begin (RkStore *self)
{
  self->db->error = RK_DB_ERR_NONE;
}

static gboolean
reads_ok (RkStore *self, gboolean ok, GError **error)
{
  if (ok && self->db->error != RK_DB_ERR_NONE)
    return db_error (self, error);
  return ok;
}

/* A list read between reads_begin() and here, or NULL and the error. */
static GPtrArray *
list_or_error (RkStore *self, GPtrArray *out, GError **error)
{
  if (reads_ok (self, TRUE, error))
    return out;
  g_ptr_array_unref (out);
  return NULL;
}

/* The few statements the two dialects spell differently. */
static const char *
dialect (RkStore *self, const char *sqlite_sql, const char *pg_sql)
{
  return self->db->kind == RK_DB_POSTGRES ? pg_sql : sqlite_sql;
}

static void
touch (RkStore *self, const char *table)
{
  if (self->changed == NULL && !self->changed_many)
    self->changed = g_strdup (table);
  else if (g_strcmp0 (self->changed, table) != 0)
    {
      self->changed_many = TRUE;
      g_clear_pointer (&self->changed, g_free);
    }
}

static gboolean
require_tx (RkStore *self)
{
  g_return_val_if_fail (self->in_tx, FALSE);
  return TRUE;
}

/* DELETE … WHERE <key> = ? [AND occ_date = ?] inside the transaction. */
static gboolean
delete_rows (RkStore *self, const char *sql, const char *table, gint64 key, RkDay occ_date,
             GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, key);
  if (rk_db_bind_parameter_count (stmt) > 1)
    bind_date (stmt, 2, occ_date);
  touch (self, table);
  return step_done (self, stmt, error);
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
rk_store_open (const char *path, GError **error)
{
  g_autoptr(RkStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!rk_db_busy_timeout_check (error))
    return NULL;
  self = g_object_new (RK_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (rk_store_is_server_uri (path))
    self->db = rk_db_pg_open (path, TRUE, error);
  else
    self->db = rk_db_sqlite_open (path, error);
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
    return db_error (self, error);
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
      db_error (self, error);
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
  RkDbStmt *stmt = prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (rk_db_step (stmt) == RK_DB_ROW)
    value = col_dup (stmt, 0);
  rk_db_reset (stmt);
  return value;
}

int
rk_store_get_setting_int (RkStore *self, const char *key, int fallback)
{
  g_autofree char *v = rk_store_get_setting (self, key);
  char *end = NULL;
  long n;

  if (v == NULL)
    return fallback;
  n = strtol (v, &end, 10);
  return (*end == '\0' && end != v) ? (int) n : fallback;
}

gboolean
rk_store_set_setting (RkStore *self, const char *key, const char *value, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self,
                  "INSERT INTO settings (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  rk_db_bind_text (stmt, 2, value ? value : "");
  touch (self, "settings");
  return step_done (self, stmt, error);
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

static gboolean
row_exists (RkStore *self, const char *sql, gint64 id)
{
  RkDbStmt *stmt = prepare (self, sql, NULL);
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
static gboolean
stale_or_missing (RkStore *self, const char *exists_sql, gint64 id, const char *what,
                  GError **error)
{
  if (!row_exists (self, exists_sql, id))
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND, _("There is no %s with id %" PRId64),
                 what, id);
  else
    g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                 _("This %s was changed by someone else since you opened it; "
                   "reload to see their change, then edit again"),
                 what);
  return FALSE;
}

static gint64
insert_done (RkStore *self, RkDbStmt *stmt, const char *table, GError **error)
{
  gint64 id;

  if (!step_done (self, stmt, error))
    return 0;
  touch (self, table);
  id = rk_db_last_insert_id (self->db);
  if (id <= 0)
    db_error (self, error);
  return id;
}

static gboolean
update_done (RkStore *self, RkDbStmt *stmt, const char *table, const char *exists_sql,
             gint64 id, const char *what, GError **error)
{
  if (!step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    return stale_or_missing (self, exists_sql, id, what, error);
  touch (self, table);
  return TRUE;
}

/* Replaces the database's wording of a UNIQUE failure with the person's. */
static gboolean
duplicate_name (GError **error, char *message)
{
  if (error && *error && (*error)->code == RK_ERROR_DUPLICATE)
    {
      g_clear_error (error);
      g_set_error_literal (error, RK_ERROR, RK_ERROR_DUPLICATE, message);
    }
  g_free (message);
  return FALSE;
}

/* ---- staff -------------------------------------------------------------- */

#define STAFF_COLS "id, name, kana, role, org, phone, email, active, version"

static RkStaff *
staff_from_row (RkDbStmt *stmt)
{
  return g_object_new (RK_TYPE_STAFF,
                       "id", rk_db_column_int64 (stmt, 0),
                       "name", col_text (stmt, 1),
                       "kana", col_text (stmt, 2),
                       "role", col_text (stmt, 3),
                       "org", col_text (stmt, 4),
                       "phone", col_text (stmt, 5),
                       "email", col_text (stmt, 6),
                       "active", rk_db_column_int (stmt, 7) != 0,
                       "version", rk_db_column_int64 (stmt, 8),
                       NULL);
}

static gboolean
check_staff (RkStaff *staff, GError **error)
{
  const char *name = rk_staff_get_name (staff);

  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("A staff member needs a name"));
      return FALSE;
    }
  if (rk_role_from_token (rk_staff_get_role (staff)) < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Unknown role “%s”; use one of: %s"),
                   rk_staff_get_role (staff) ? rk_staff_get_role (staff) : "",
                   rk_role_tokens ());
      return FALSE;
    }
  return TRUE;
}

gint64
rk_store_add_staff (RkStore *self, RkStaff *staff, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!require_tx (self) || !check_staff (staff, error))
    return 0;
  stmt = prepare (self,
                  "INSERT INTO staff (name, kana, role, org, phone, email, active) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, rk_staff_get_name (staff));
  bind_text (stmt, 2, rk_staff_get_kana (staff));
  bind_text (stmt, 3, rk_staff_get_role (staff));
  bind_text (stmt, 4, rk_staff_get_org (staff));
  bind_text (stmt, 5, rk_staff_get_phone (staff));
  bind_text (stmt, 6, rk_staff_get_email (staff));
  rk_db_bind_int (stmt, 7, rk_staff_get_active (staff) ? 1 : 0);
  id = insert_done (self, stmt, "staff", error);
  if (id)
    {
      rk_staff_set_id (staff, id);
      rk_staff_set_version (staff, 1);
    }
  return id;
}

gboolean
rk_store_update_staff (RkStore *self, RkStaff *staff, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self) || !check_staff (staff, error))
    return FALSE;
  if (rk_store_staff_unchanged (self, staff))
    return TRUE;
  stmt = prepare (self,
                  "UPDATE staff SET name = ?, kana = ?, role = ?, org = ?, phone = ?, email = ?, "
                  "active = ?, version = version + 1 WHERE id = ? AND version = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, rk_staff_get_name (staff));
  bind_text (stmt, 2, rk_staff_get_kana (staff));
  bind_text (stmt, 3, rk_staff_get_role (staff));
  bind_text (stmt, 4, rk_staff_get_org (staff));
  bind_text (stmt, 5, rk_staff_get_phone (staff));
  bind_text (stmt, 6, rk_staff_get_email (staff));
  rk_db_bind_int (stmt, 7, rk_staff_get_active (staff) ? 1 : 0);
  rk_db_bind_int64 (stmt, 8, rk_staff_get_id (staff));
  rk_db_bind_int64 (stmt, 9, rk_staff_get_version (staff));
  if (!update_done (self, stmt, "staff", "SELECT 1 FROM staff WHERE id = ?",
                    rk_staff_get_id (staff), _("staff member"), error))
    return FALSE;
  rk_staff_set_version (staff, rk_staff_get_version (staff) + 1);
  return TRUE;
}

RkStaff *
rk_store_get_staff (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = prepare (self, "SELECT " STAFF_COLS " FROM staff WHERE id = ?", error);
  RkStaff *staff = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    staff = staff_from_row (stmt);
  rk_db_reset (stmt);
  if (staff == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("There is no staff member with id %" PRId64
                   "; see “renkei-cli staff list”"),
                 id);
  return staff;
}

GPtrArray *
rk_store_list_staff (RkStore *self, int role, gboolean include_inactive, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT " STAFF_COLS " FROM staff "
                                "WHERE (CAST(?1 AS TEXT) IS NULL OR role = ?1) AND (?2 <> 0 OR active <> 0) "
                                "ORDER BY COALESCE(kana, name), id",
                                error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  if (role >= 0)
    bind_text (stmt, 1, rk_role_to_token (role));
  rk_db_bind_int (stmt, 2, include_inactive ? 1 : 0);
  reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, staff_from_row (stmt));
  rk_db_reset (stmt);
  return list_or_error (self, out, error);
}

gint64
rk_store_add_unavailability (RkStore *self, gint64 staff_id, RkMinute from, RkMinute to,
                             const char *reason, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return 0;
  if (to <= from)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The end of the unavailability must be after its start"));
      return 0;
    }
  if (!row_exists (self, "SELECT 1 FROM staff WHERE id = ?", staff_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no staff member with id %" PRId64
                     "; see “renkei-cli staff list”"),
                   staff_id);
      return 0;
    }
  stmt = prepare (self,
                  "INSERT INTO staff_unavailable (staff_id, start_at, end_at, reason) "
                  "VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  rk_db_bind_int64 (stmt, 1, staff_id);
  bind_time (stmt, 2, from);
  bind_time (stmt, 3, to);
  bind_text (stmt, 4, reason);
  return insert_done (self, stmt, "staff_unavailable", error);
}

gboolean
rk_store_delete_unavailability (RkStore *self, gint64 id, GError **error)
{
  return delete_rows (self, "DELETE FROM staff_unavailable WHERE id = ?", "staff_unavailable", id,
                      0, error);
}

/* ---- venues ------------------------------------------------------------- */

#define VENUE_COLS "id, name, kind, address, contact, closed_on_holidays, version"

static RkVenue *
venue_from_row (RkDbStmt *stmt)
{
  return g_object_new (RK_TYPE_VENUE,
                       "id", rk_db_column_int64 (stmt, 0),
                       "name", col_text (stmt, 1),
                       "kind", col_text (stmt, 2),
                       "address", col_text (stmt, 3),
                       "contact", col_text (stmt, 4),
                       "closed-on-holidays", rk_db_column_int (stmt, 5) != 0,
                       "version", rk_db_column_int64 (stmt, 6),
                       NULL);
}

static gboolean
check_name (const char *name, const char *what, GError **error)
{
  g_autofree char *copy = g_strdup (name ? name : "");

  if (*g_strstrip (copy) == '\0')
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("A %s needs a name"), what);
      return FALSE;
    }
  return TRUE;
}

gint64
rk_store_add_venue (RkStore *self, RkVenue *venue, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!require_tx (self) || !check_name (rk_venue_get_name (venue), _("venue"), error))
    return 0;
  stmt = prepare (self,
                  "INSERT INTO venue (name, kind, address, contact, closed_on_holidays) "
                  "VALUES (?, COALESCE(?, 'hub'), ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, rk_venue_get_name (venue));
  bind_text (stmt, 2, rk_venue_get_kind (venue));
  bind_text (stmt, 3, rk_venue_get_address (venue));
  bind_text (stmt, 4, rk_venue_get_contact (venue));
  rk_db_bind_int (stmt, 5, rk_venue_get_closed_on_holidays (venue) ? 1 : 0);
  id = insert_done (self, stmt, "venue", error);
  if (id == 0)
    return duplicate_name (error, g_strdup_printf (_("A venue named “%s” already exists; choose another name"), rk_venue_get_name (venue)));
  rk_venue_set_id (venue, id);
  rk_venue_set_version (venue, 1);
  return id;
}

gboolean
rk_store_update_venue (RkStore *self, RkVenue *venue, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self) || !check_name (rk_venue_get_name (venue), _("venue"), error))
    return FALSE;
  stmt = prepare (self,
                  "UPDATE venue SET name = ?, kind = COALESCE(?, 'hub'), address = ?, contact = ?, "
                  "closed_on_holidays = ?, version = version + 1 WHERE id = ? AND version = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, rk_venue_get_name (venue));
  bind_text (stmt, 2, rk_venue_get_kind (venue));
  bind_text (stmt, 3, rk_venue_get_address (venue));
  bind_text (stmt, 4, rk_venue_get_contact (venue));
  rk_db_bind_int (stmt, 5, rk_venue_get_closed_on_holidays (venue) ? 1 : 0);
  rk_db_bind_int64 (stmt, 6, rk_venue_get_id (venue));
  rk_db_bind_int64 (stmt, 7, rk_venue_get_version (venue));
  if (!update_done (self, stmt, "venue", "SELECT 1 FROM venue WHERE id = ?",
                    rk_venue_get_id (venue), _("venue"), error))
    return duplicate_name (error, g_strdup_printf (_("A venue named “%s” already exists; choose another name"), rk_venue_get_name (venue)));
  rk_venue_set_version (venue, rk_venue_get_version (venue) + 1);
  return TRUE;
}

RkVenue *
rk_store_get_venue (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = prepare (self, "SELECT " VENUE_COLS " FROM venue WHERE id = ?", error);
  RkVenue *venue = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    venue = venue_from_row (stmt);
  rk_db_reset (stmt);
  if (venue == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                 id);
  return venue;
}

GPtrArray *
rk_store_list_venues (RkStore *self, GError **error)
{
  RkDbStmt *stmt = prepare (self, "SELECT " VENUE_COLS " FROM venue ORDER BY id", error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, venue_from_row (stmt));
  rk_db_reset (stmt);
  return list_or_error (self, out, error);
}

gint64
rk_store_add_closing (RkStore *self, gint64 venue_id, RkClosingKind kind, int start, int end,
                      int weekday, const char *reason, GError **error)
{
  static const char * const kinds[] = { "date", "range", "weekday", "yearly" };
  RkDbStmt *stmt;

  if (!require_tx (self))
    return 0;
  if (!row_exists (self, "SELECT 1 FROM venue WHERE id = ?", venue_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                   venue_id);
      return 0;
    }
  if ((kind == RK_CLOSING_RANGE || kind == RK_CLOSING_DATE) && end < start)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The closing days end before they start; give --from before --to"));
      return 0;
    }
  stmt = prepare (self,
                  "INSERT INTO venue_closing (venue_id, kind, start_date, end_date, weekday, reason) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  rk_db_bind_int64 (stmt, 1, venue_id);
  rk_db_bind_text (stmt, 2, kinds[kind]);
  if (kind == RK_CLOSING_DATE || kind == RK_CLOSING_RANGE)
    {
      bind_date (stmt, 3, (RkDay) start);
      bind_date (stmt, 4, (RkDay) end);
    }
  else if (kind == RK_CLOSING_YEARLY)
    {
      char a[8], b[8];

      g_snprintf (a, sizeof a, "%02d-%02d", start / 100, start % 100);
      g_snprintf (b, sizeof b, "%02d-%02d", end / 100, end % 100);
      bind_text (stmt, 3, a);
      bind_text (stmt, 4, b);
    }
  if (kind == RK_CLOSING_WEEKDAY)
    rk_db_bind_int (stmt, 5, weekday);
  bind_text (stmt, 6, reason);
  return insert_done (self, stmt, "venue_closing", error);
}

gboolean
rk_store_delete_closing (RkStore *self, gint64 id, GError **error)
{
  return delete_rows (self, "DELETE FROM venue_closing WHERE id = ?", "venue_closing", id, 0, error);
}

/* ---- rooms and equipment ------------------------------------------------ */

#define ROOM_COLS \
  "r.id, r.venue_id, v.name, r.name, r.capacity, r.features, r.version"

static RkRoom *
room_from_row (RkDbStmt *stmt)
{
  return g_object_new (RK_TYPE_ROOM,
                       "id", rk_db_column_int64 (stmt, 0),
                       "venue-id", rk_db_column_int64 (stmt, 1),
                       "venue-name", col_text (stmt, 2),
                       "name", col_text (stmt, 3),
                       "capacity", rk_db_column_int (stmt, 4),
                       "features", col_text (stmt, 5),
                       "version", rk_db_column_int64 (stmt, 6),
                       NULL);
}

gint64
rk_store_add_room (RkStore *self, RkRoom *room, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!require_tx (self) || !check_name (rk_room_get_name (room), _("room"), error))
    return 0;
  if (!row_exists (self, "SELECT 1 FROM venue WHERE id = ?", rk_room_get_venue_id (room)))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                   rk_room_get_venue_id (room));
      return 0;
    }
  if (rk_room_get_capacity (room) < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("A room's capacity cannot be negative"));
      return 0;
    }
  stmt = prepare (self,
                  "INSERT INTO room (venue_id, name, capacity, features) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  rk_db_bind_int64 (stmt, 1, rk_room_get_venue_id (room));
  bind_text (stmt, 2, rk_room_get_name (room));
  rk_db_bind_int (stmt, 3, rk_room_get_capacity (room));
  bind_text (stmt, 4, rk_room_get_features (room));
  id = insert_done (self, stmt, "room", error);
  if (id == 0)
    return duplicate_name (error,
                           g_strdup_printf (_("This venue already has a room named “%s”; choose another name"), rk_room_get_name (room)));
  rk_room_set_id (room, id);
  rk_room_set_version (room, 1);
  return id;
}

gboolean
rk_store_update_room (RkStore *self, RkRoom *room, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self) || !check_name (rk_room_get_name (room), _("room"), error))
    return FALSE;
  stmt = prepare (self,
                  "UPDATE room SET name = ?, capacity = ?, features = ?, version = version + 1 "
                  "WHERE id = ? AND version = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, rk_room_get_name (room));
  rk_db_bind_int (stmt, 2, rk_room_get_capacity (room));
  bind_text (stmt, 3, rk_room_get_features (room));
  rk_db_bind_int64 (stmt, 4, rk_room_get_id (room));
  rk_db_bind_int64 (stmt, 5, rk_room_get_version (room));
  if (!update_done (self, stmt, "room", "SELECT 1 FROM room WHERE id = ?", rk_room_get_id (room),
                    _("room"), error))
    return duplicate_name (error,
                           g_strdup_printf (_("This venue already has a room named “%s”; choose another name"), rk_room_get_name (room)));
  rk_room_set_version (room, rk_room_get_version (room) + 1);
  return TRUE;
}

RkRoom *
rk_store_get_room (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT " ROOM_COLS " FROM room r JOIN venue v ON v.id = r.venue_id "
                                "WHERE r.id = ?",
                                error);
  RkRoom *room = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    room = room_from_row (stmt);
  rk_db_reset (stmt);
  if (room == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("There is no room with id %" PRId64 "; see “renkei-cli room list”"), id);
  return room;
}

GPtrArray *
rk_store_list_rooms (RkStore *self, gint64 venue_id, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT " ROOM_COLS " FROM room r JOIN venue v ON v.id = r.venue_id "
                                "WHERE CAST(?1 AS BIGINT) IS NULL OR r.venue_id = ?1 ORDER BY r.venue_id, r.id",
                                error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  bind_id (stmt, 1, venue_id);
  reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, room_from_row (stmt));
  rk_db_reset (stmt);
  return list_or_error (self, out, error);
}

#define EQUIPMENT_COLS "e.id, e.name, e.venue_id, v.name, e.version"

static RkEquipment *
equipment_from_row (RkDbStmt *stmt)
{
  return g_object_new (RK_TYPE_EQUIPMENT,
                       "id", rk_db_column_int64 (stmt, 0),
                       "name", col_text (stmt, 1),
                       "venue-id", rk_db_column_int64 (stmt, 2),
                       "venue-name", col_text (stmt, 3),
                       "version", rk_db_column_int64 (stmt, 4),
                       NULL);
}

gint64
rk_store_add_equipment (RkStore *self, RkEquipment *item, GError **error)
{
  RkDbStmt *stmt;
  gint64 venue_id = rk_equipment_get_venue_id (item);
  gint64 id;

  if (!require_tx (self) || !check_name (rk_equipment_get_name (item), _("piece of equipment"),
                                         error))
    return 0;
  if (venue_id > 0 && !row_exists (self, "SELECT 1 FROM venue WHERE id = ?", venue_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                   venue_id);
      return 0;
    }
  stmt = prepare (self, "INSERT INTO equipment (name, venue_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, rk_equipment_get_name (item));
  bind_id (stmt, 2, venue_id);
  id = insert_done (self, stmt, "equipment", error);
  if (id == 0)
    return duplicate_name (error,
                           g_strdup_printf (_("Equipment named “%s” already exists there; choose another name"), rk_equipment_get_name (item)));
  rk_equipment_set_id (item, id);
  rk_equipment_set_version (item, 1);
  return id;
}

RkEquipment *
rk_store_get_equipment (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT " EQUIPMENT_COLS " FROM equipment e "
                                "LEFT JOIN venue v ON v.id = e.venue_id WHERE e.id = ?",
                                error);
  RkEquipment *item = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    item = equipment_from_row (stmt);
  rk_db_reset (stmt);
  if (item == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("There is no equipment with id %" PRId64
                   "; see “renkei-cli equipment list”"),
                 id);
  return item;
}

GPtrArray *
rk_store_list_equipment (RkStore *self, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT " EQUIPMENT_COLS " FROM equipment e "
                                "LEFT JOIN venue v ON v.id = e.venue_id ORDER BY e.id",
                                error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, equipment_from_row (stmt));
  rk_db_reset (stmt);
  return list_or_error (self, out, error);
}

/* ---- programs ----------------------------------------------------------- */

static char *
program_requirements (RkStore *self, gint64 program_id)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT role, count FROM program_requirement WHERE program_id = ?",
                                NULL);
  int counts[RK_N_ROLES] = { 0 };

  if (stmt == NULL)
    return g_strdup ("");
  rk_db_bind_int64 (stmt, 1, program_id);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      int role = rk_role_from_token (col_text (stmt, 0));
      if (role >= 0)
        counts[role] = rk_db_column_int (stmt, 1);
    }
  rk_db_reset (stmt);
  return rk_requirements_format (counts);
}

static gboolean
save_requirements (RkStore *self, gint64 program_id, const int counts[RK_N_ROLES],
                   GError **error)
{
  RkDbStmt *stmt = prepare (self, "DELETE FROM program_requirement WHERE program_id = ?",
                                error);

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, program_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  for (int r = 0; r < RK_N_ROLES; r++)
    {
      if (counts[r] <= 0)
        continue;
      stmt = prepare (self,
                      "INSERT INTO program_requirement (program_id, role, count) VALUES (?, ?, ?)",
                      error);
      if (stmt == NULL)
        return FALSE;
      rk_db_bind_int64 (stmt, 1, program_id);
      rk_db_bind_text (stmt, 2, rk_role_to_token (r));
      rk_db_bind_int (stmt, 3, counts[r]);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_program (RkProgram *program, int counts[RK_N_ROLES], GError **error)
{
  const char *color = rk_program_get_color (program);

  if (!check_name (rk_program_get_name (program), _("program"), error))
    return FALSE;
  if (rk_program_get_duration (program) <= 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("A program's duration must be a positive number of minutes"));
      return FALSE;
    }
  if (color && *color)
    {
      gboolean ok = strlen (color) == 7 && color[0] == '#';
      for (int i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (color[i]);
      if (!ok)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Colour “%s” is not #RRGGBB; write for example #E91E63"), color);
          return FALSE;
        }
    }
  return rk_requirements_parse (rk_program_get_requirements (program), counts, error);
}

#define PROGRAM_COLS "id, name, duration, audience, bring, color, version, staff_only"

static RkProgram *
program_from_row (RkStore *self, RkDbStmt *stmt)
{
  g_autofree char *reqs = NULL;
  RkProgram *p = g_object_new (RK_TYPE_PROGRAM,
                               "id", rk_db_column_int64 (stmt, 0),
                               "name", col_text (stmt, 1),
                               "duration", rk_db_column_int (stmt, 2),
                               "audience", col_text (stmt, 3),
                               "bring", col_text (stmt, 4),
                               "color", col_text (stmt, 5),
                               "version", rk_db_column_int64 (stmt, 6),
                               "staff-only", rk_db_column_int (stmt, 7) != 0,
                               NULL);
  return p;
}

gint64
rk_store_add_program (RkStore *self, RkProgram *program, GError **error)
{
  int counts[RK_N_ROLES];
  RkDbStmt *stmt;
  gint64 id;

  if (!require_tx (self) || !check_program (program, counts, error))
    return 0;
  stmt = prepare (self,
                  "INSERT INTO program (name, duration, audience, bring, color, staff_only) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, rk_program_get_name (program));
  rk_db_bind_int (stmt, 2, rk_program_get_duration (program));
  bind_text (stmt, 3, rk_program_get_audience (program));
  bind_text (stmt, 4, rk_program_get_bring (program));
  bind_text (stmt, 5, rk_program_get_color (program));
  rk_db_bind_int (stmt, 6, rk_program_get_staff_only (program) ? 1 : 0);
  id = insert_done (self, stmt, "program", error);
  if (id == 0)
    return duplicate_name (error, g_strdup_printf (_("A program named “%s” already exists; choose another name"), rk_program_get_name (program)));
  if (!save_requirements (self, id, counts, error))
    return 0;
  rk_program_set_id (program, id);
  rk_program_set_version (program, 1);
  return id;
}

gboolean
rk_store_update_program (RkStore *self, RkProgram *program, GError **error)
{
  int counts[RK_N_ROLES];
  RkDbStmt *stmt;

  if (!require_tx (self) || !check_program (program, counts, error))
    return FALSE;
  stmt = prepare (self,
                  "UPDATE program SET name = ?, duration = ?, audience = ?, bring = ?, color = ?, "
                  "staff_only = ?, version = version + 1 WHERE id = ? AND version = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, rk_program_get_name (program));
  rk_db_bind_int (stmt, 2, rk_program_get_duration (program));
  bind_text (stmt, 3, rk_program_get_audience (program));
  bind_text (stmt, 4, rk_program_get_bring (program));
  bind_text (stmt, 5, rk_program_get_color (program));
  rk_db_bind_int (stmt, 6, rk_program_get_staff_only (program) ? 1 : 0);
  rk_db_bind_int64 (stmt, 7, rk_program_get_id (program));
  rk_db_bind_int64 (stmt, 8, rk_program_get_version (program));
  if (!update_done (self, stmt, "program", "SELECT 1 FROM program WHERE id = ?",
                    rk_program_get_id (program), _("program"), error))
    return duplicate_name (error, g_strdup_printf (_("A program named “%s” already exists; choose another name"), rk_program_get_name (program)));
  if (!save_requirements (self, rk_program_get_id (program), counts, error))
    return FALSE;
  rk_program_set_version (program, rk_program_get_version (program) + 1);
  return TRUE;
}

RkProgram *
rk_store_get_program (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = prepare (self, "SELECT " PROGRAM_COLS " FROM program WHERE id = ?", error);
  RkProgram *program = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    program = program_from_row (self, stmt);
  rk_db_reset (stmt);
  if (program == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no program with id %" PRId64
                     "; see “renkei-cli program list”"),
                   id);
      return NULL;
    }
  {
    g_autofree char *reqs = program_requirements (self, id);
    rk_program_set_requirements (program, reqs);
  }
  return program;
}

GPtrArray *
rk_store_list_programs (RkStore *self, GError **error)
{
  RkDbStmt *stmt = prepare (self, "SELECT " PROGRAM_COLS " FROM program ORDER BY id", error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, program_from_row (self, stmt));
  rk_db_reset (stmt);
  for (guint i = 0; i < out->len; i++)
    {
      RkProgram *p = g_ptr_array_index (out, i);
      g_autofree char *reqs = program_requirements (self, rk_program_get_id (p));
      rk_program_set_requirements (p, reqs);
    }
  return list_or_error (self, out, error);
}

/* ---- events ------------------------------------------------------------- */

static gboolean
event_series_end (RkEvent *event, RkMinute start, RkMinute end, char buf[17], gboolean *endless,
                  GError **error)
{
  const char *rrule = rk_event_get_rrule (event);
  RkMinute last;

  *endless = FALSE;
  if (rrule == NULL || *rrule == '\0')
    {
      rk_time_format_buf (end, buf);
      return TRUE;
    }
  if (!rk_rrule_validate (rrule, error))
    return FALSE;
  if (rk_rrule_first_start (rrule, start) < 0)
    {
      g_autofree char *day = rk_time_format (start);

      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The repeat rule %s gives no date from the start %s (an UNTIL before "
                     "the start, or months its interval never reaches), so the event would "
                     "appear nowhere; give a rule with at least one date"),
                   rrule, day);
      return FALSE;
    }
  last = rk_rrule_last_start (rrule, start);
  if (last < 0)
    *endless = TRUE;
  else
    rk_time_format_buf (last + (end - start), buf);
  return TRUE;
}

static gboolean
check_event (RkStore *self, RkEvent *event, RkMinute *start, RkMinute *end, GError **error)
{
  const char *title = rk_event_get_title (event);

  if (!rk_time_parse (rk_event_get_start (event), start) ||
      !rk_time_parse (rk_event_get_end (event), end))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Event times must be written YYYY-MM-DDTHH:MM, for example 2026-12-06T10:00"));
      return FALSE;
    }
  if (*end <= *start)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The event ends (%s) before or when it starts (%s); give an end after the "
                     "start"),
                   rk_event_get_end (event), rk_event_get_start (event));
      return FALSE;
    }
  if (rk_event_get_program_id (event) <= 0 && (title == NULL || *title == '\0'))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("An event needs a program or a title"));
      return FALSE;
    }
  if (rk_event_get_program_id (event) > 0 &&
      !row_exists (self, "SELECT 1 FROM program WHERE id = ?", rk_event_get_program_id (event)))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no program with id %" PRId64
                     "; see “renkei-cli program list”"),
                   rk_event_get_program_id (event));
      return FALSE;
    }
  if (rk_event_get_room_id (event) > 0 &&
      !row_exists (self, "SELECT 1 FROM room WHERE id = ?", rk_event_get_room_id (event)))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no room with id %" PRId64 "; see “renkei-cli room list”"),
                   rk_event_get_room_id (event));
      return FALSE;
    }
  if (rk_policy_from_token (rk_event_get_on_holiday (event)) < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Unknown holiday policy “%s”; use skip, next-day, previous-day or keep"),
                   rk_event_get_on_holiday (event));
      return FALSE;
    }
  if (rk_event_get_capacity (event) < -1)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The capacity cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rk_store_set_event_equipment (RkStore *self, gint64 event_id, GArray *equipment, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self, "DELETE FROM event_equipment WHERE event_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; equipment && i < equipment->len; i++)
    {
      gint64 item = g_array_index (equipment, gint64, i);

      if (!row_exists (self, "SELECT 1 FROM equipment WHERE id = ?", item))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                       _("There is no equipment with id %" PRId64
                         "; see “renkei-cli equipment list”"),
                       item);
          return FALSE;
        }
      stmt = prepare (self,
                      "INSERT INTO event_equipment (event_id, equipment_id) VALUES (?, ?) "
                      "ON CONFLICT DO NOTHING",
                      error);
      if (stmt == NULL)
        return FALSE;
      rk_db_bind_int64 (stmt, 1, event_id);
      rk_db_bind_int64 (stmt, 2, item);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  touch (self, "event_equipment");
  return TRUE;
}

static void
bind_event (RkDbStmt *stmt, RkEvent *event, const char *series_end, gboolean endless)
{
  bind_id (stmt, 1, rk_event_get_program_id (event));
  bind_text (stmt, 2, rk_event_get_title (event));
  bind_text (stmt, 3, rk_event_get_start (event));
  bind_text (stmt, 4, rk_event_get_end (event));
  if (endless)
    rk_db_bind_null (stmt, 5);
  else
    bind_text (stmt, 5, series_end);
  bind_id (stmt, 6, rk_event_get_room_id (event));
  if (rk_event_get_capacity (event) >= 0)
    rk_db_bind_int (stmt, 7, rk_event_get_capacity (event));
  else
    rk_db_bind_null (stmt, 7);
  bind_text (stmt, 8, rk_event_get_notes (event));
  bind_text (stmt, 9, rk_event_get_rrule (event));
  bind_text (stmt, 10, rk_event_get_on_holiday (event));
  rk_db_bind_int (stmt, 11, rk_event_get_tentative (event) ? 1 : 0);
}

gint64
rk_store_add_event (RkStore *self, RkEvent *event, GArray *equipment, GError **error)
{
  RkMinute start, end;
  char series_end[17];
  gboolean endless;
  RkDbStmt *stmt;
  g_autofree char *uid = NULL;
  gint64 id;

  if (!require_tx (self) || !check_event (self, event, &start, &end, error) ||
      !event_series_end (event, start, end, series_end, &endless, error))
    return 0;

  uid = g_strdup (rk_event_get_uid (event));
  if (uid == NULL || *uid == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_free (uid);
      uid = g_strdup_printf ("%s@renkei", uuid);
    }
  stmt = prepare (self,
                  "INSERT INTO event (program_id, title, start_at, end_at, series_end, room_id, "
                  "capacity, notes, rrule, on_holiday, tentative, uid) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return 0;
  bind_event (stmt, event, series_end, endless);
  bind_text (stmt, 12, uid);
  id = insert_done (self, stmt, "event", error);
  if (id == 0)
    return 0;
  if (equipment && equipment->len && !rk_store_set_event_equipment (self, id, equipment, error))
    return 0;
  rk_event_set_id (event, id);
  rk_event_set_uid (event, uid);
  rk_event_set_version (event, 1);
  return id;
}

gboolean
rk_store_update_event (RkStore *self, RkEvent *event, GError **error)
{
  RkMinute start, end;
  char series_end[17];
  gboolean endless;
  RkDbStmt *stmt;

  if (!require_tx (self) || !check_event (self, event, &start, &end, error) ||
      !event_series_end (event, start, end, series_end, &endless, error))
    return FALSE;
  if (rk_store_event_unchanged (self, event))
    return TRUE;
  stmt = prepare (self,
                  "UPDATE event SET program_id = ?, title = ?, start_at = ?, end_at = ?, "
                  "series_end = ?, room_id = ?, capacity = ?, notes = ?, rrule = ?, "
                  "on_holiday = ?, tentative = ?, version = version + 1 "
                  "WHERE id = ? AND version = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_event (stmt, event, series_end, endless);
  rk_db_bind_int64 (stmt, 12, rk_event_get_id (event));
  rk_db_bind_int64 (stmt, 13, rk_event_get_version (event));
  if (!update_done (self, stmt, "event", "SELECT 1 FROM event WHERE id = ?",
                    rk_event_get_id (event), _("event"), error))
    return FALSE;
  rk_event_set_version (event, rk_event_get_version (event) + 1);
  return TRUE;
}

#define EVENT_COLS                                                                        \
  "e.id, e.program_id, p.name, e.title, e.start_at, e.end_at, e.room_id, e.capacity, "    \
  "e.notes, e.rrule, e.on_holiday, e.tentative, e.uid, e.version, e.cancelled"

RkEvent *
rk_store_get_event (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT " EVENT_COLS " FROM event e "
                                "LEFT JOIN program p ON p.id = e.program_id WHERE e.id = ?",
                                error);
  RkEvent *event = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    event = g_object_new (RK_TYPE_EVENT,
                          "id", rk_db_column_int64 (stmt, 0),
                          "program-id", rk_db_column_int64 (stmt, 1),
                          "program-name", col_text (stmt, 2),
                          "title", col_text (stmt, 3),
                          "start", col_text (stmt, 4),
                          "end", col_text (stmt, 5),
                          "room-id", rk_db_column_int64 (stmt, 6),
                          "capacity", rk_db_column_type (stmt, 7) == RK_DB_NULL
                                        ? -1 : rk_db_column_int (stmt, 7),
                          "notes", col_text (stmt, 8),
                          "rrule", col_text (stmt, 9),
                          "on-holiday", col_text (stmt, 10),
                          "tentative", rk_db_column_int (stmt, 11) != 0,
                          "uid", col_text (stmt, 12),
                          "version", rk_db_column_int64 (stmt, 13),
                          NULL);
  rk_db_reset (stmt);
  if (event == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("There is no event with id %" PRId64 "; see “renkei-cli event list”"),
                 id);
  return event;
}

gint64
rk_store_find_event_by_uid (RkStore *self, const char *uid, GError **error)
{
  RkDbStmt *stmt = prepare (self, "SELECT id FROM event WHERE uid = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, uid);
  if (rk_db_step (stmt) == RK_DB_ROW)
    id = rk_db_column_int64 (stmt, 0);
  rk_db_reset (stmt);
  return id;
}

static gboolean
event_flag (RkStore *self, const char *sql, gint64 id, gboolean value, GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int (stmt, 1, value ? 1 : 0);
  rk_db_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no event with id %" PRId64 "; see “renkei-cli event list”"),
                   id);
      return FALSE;
    }
  touch (self, "event");
  return TRUE;
}

gboolean
rk_store_set_event_cancelled (RkStore *self, gint64 id, gboolean cancelled, GError **error)
{
  return event_flag (self, "UPDATE event SET cancelled = ?, version = version + 1 WHERE id = ?",
                     id, cancelled, error);
}

gboolean
rk_store_set_event_tentative (RkStore *self, gint64 id, gboolean tentative, GError **error)
{
  return event_flag (self, "UPDATE event SET tentative = ?, version = version + 1 WHERE id = ?",
                     id, tentative, error);
}

gboolean
rk_store_delete_event (RkStore *self, gint64 id, GError **error)
{
  return delete_rows (self, "DELETE FROM event WHERE id = ?", "event", id, 0, error);
}

gboolean
rk_store_set_exception (RkStore *self, gint64 event_id, RkDay occ_date, RkExceptionKind kind,
                        RkMinute start, RkMinute end, const char *reason, GError **error)
{
  static const char * const kinds[] = { "cancelled", "moved", "skipped" };
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self,
                  "INSERT INTO event_exception (event_id, occ_date, kind, start_at, end_at, reason) "
                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, occ_date) DO UPDATE SET "
                  "kind = excluded.kind, start_at = excluded.start_at, end_at = excluded.end_at, "
                  "reason = excluded.reason, version = event_exception.version + 1",
                  error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  bind_date (stmt, 2, occ_date);
  rk_db_bind_text (stmt, 3, kinds[kind]);
  if (kind == RK_EXCEPTION_MOVED)
    {
      bind_time (stmt, 4, start);
      bind_time (stmt, 5, end);
    }
  bind_text (stmt, 6, reason);
  touch (self, "event_exception");
  return step_done (self, stmt, error);
}

gboolean
rk_store_delete_exception (RkStore *self, gint64 event_id, RkDay occ_date, GError **error)
{
  return delete_rows (self, "DELETE FROM event_exception WHERE event_id = ? AND occ_date = ?",
                      "event_exception", event_id, occ_date, error);
}

/* ---- assignments -------------------------------------------------------- */

/* Returns 1 and *excluded when a row exists, 0 when none. */
static int
assignment_row (RkStore *self, gint64 event_id, gint64 staff_id, RkDay occ_date,
                gboolean *excluded)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT excluded FROM assignment "
                                "WHERE event_id = ? AND staff_id = ? AND occ_date = ?",
                                NULL);
  int found = 0;

  if (stmt == NULL)
    return 0;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_int64 (stmt, 2, staff_id);
  bind_date (stmt, 3, occ_date);
  if (rk_db_step (stmt) == RK_DB_ROW)
    {
      found = 1;
      *excluded = rk_db_column_int (stmt, 0) != 0;
    }
  rk_db_reset (stmt);
  return found;
}

static gboolean
assignment_write (RkStore *self, const char *sql, gint64 event_id, gint64 staff_id,
                  RkDay occ_date, int value, GError **error)
{
  RkDbStmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_int64 (stmt, 2, staff_id);
  bind_date (stmt, 3, occ_date);
  rk_db_bind_int (stmt, 4, value);
  touch (self, "assignment");
  return step_done (self, stmt, error);
}

gboolean
rk_store_assign (RkStore *self, gint64 event_id, gint64 staff_id, RkDay occ_date,
                 gboolean tentative, GError **error)
{
  gboolean excluded = FALSE, series_excluded = FALSE;
  int own, series = 0;

  if (!require_tx (self))
    return FALSE;
  if (!row_exists (self, "SELECT 1 FROM event WHERE id = ?", event_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no event with id %" PRId64 "; see “renkei-cli event list”"),
                   event_id);
      return FALSE;
    }
  if (!row_exists (self, "SELECT 1 FROM staff WHERE id = ?", staff_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no staff member with id %" PRId64
                     "; see “renkei-cli staff list”"),
                   staff_id);
      return FALSE;
    }

  own = assignment_row (self, event_id, staff_id, occ_date, &excluded);
  if (occ_date != 0)
    series = assignment_row (self, event_id, staff_id, 0, &series_excluded);

  if ((own && !excluded) || (occ_date != 0 && series && !own))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DUPLICATE,
                   _("Staff member %" PRId64 " is already assigned to event %"
                     PRId64 "; nothing to do"),
                   staff_id, event_id);
      return FALSE;
    }
  if (own && excluded)
    /* Taken off this one occurrence earlier: put them back on it. */
    return assignment_write (self,
                             "DELETE FROM assignment WHERE event_id = ?1 AND staff_id = ?2 AND "
                             "occ_date = ?3 AND ?4 >= 0",
                             event_id, staff_id, occ_date, 0, error);
  if (occ_date == 0)
    {
      /* The whole series: per-occurrence rows of the same person become redundant. */
      if (!assignment_write (self,
                             "DELETE FROM assignment WHERE event_id = ?1 AND staff_id = ?2 AND "
                             "occ_date <> ?3 AND excluded = 0 AND ?4 >= 0",
                             event_id, staff_id, occ_date, 0, error))
        return FALSE;
    }
  return assignment_write (self,
                           "INSERT INTO assignment (event_id, staff_id, occ_date, tentative) "
                           "VALUES (?, ?, ?, ?)",
                           event_id, staff_id, occ_date, tentative ? 1 : 0, error);
}

gboolean
rk_store_unassign (RkStore *self, gint64 event_id, gint64 staff_id, RkDay occ_date,
                   GError **error)
{
  gboolean excluded = FALSE, series_excluded = FALSE;
  int own, series = 0;

  if (!require_tx (self))
    return FALSE;
  own = assignment_row (self, event_id, staff_id, occ_date, &excluded);
  if (occ_date != 0)
    series = assignment_row (self, event_id, staff_id, 0, &series_excluded);

  if (own && !excluded)
    {
      if (occ_date == 0)
        /* Off the whole series, with the one-occurrence exclusions of that person. */
        return assignment_write (self,
                                 "DELETE FROM assignment WHERE event_id = ?1 AND staff_id = ?2 "
                                 "AND (occ_date = ?3 OR excluded = 1) AND ?4 >= 0",
                                 event_id, staff_id, occ_date, 0, error);
      return assignment_write (self,
                               "DELETE FROM assignment WHERE event_id = ?1 AND staff_id = ?2 AND "
                               "occ_date = ?3 AND ?4 >= 0",
                               event_id, staff_id, occ_date, 0, error);
    }
  if (occ_date != 0 && series && !own)
    return assignment_write (self,
                             "INSERT INTO assignment (event_id, staff_id, occ_date, excluded) "
                             "VALUES (?, ?, ?, ?)",
                             event_id, staff_id, occ_date, 1, error);

  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("Staff member %" PRId64 " is not assigned to event %" PRId64
                 "%s; nothing to remove"),
               staff_id, event_id, occ_date ? _(" on that date") : "");
  return FALSE;
}

gboolean
rk_store_confirm_assignment (RkStore *self, gint64 event_id, gint64 staff_id, RkDay occ_date,
                             GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self,
                  "UPDATE assignment SET tentative = 0, version = version + 1 "
                  "WHERE event_id = ? AND staff_id = ? AND (occ_date = ? OR occ_date = '') "
                  "AND excluded = 0",
                  error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_int64 (stmt, 2, staff_id);
  bind_date (stmt, 3, occ_date);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Staff member %" PRId64 " is not assigned to event %" PRId64
                     "%s; nothing to confirm"),
                   staff_id, event_id, occ_date ? _(" on that date") : "");
      return FALSE;
    }
  touch (self, "assignment");
  return TRUE;
}

gboolean
rk_store_copy_assignments (RkStore *self, gint64 from_event, gint64 to_event, RkDay min_occ_date,
                           GError **error)
{
  RkDbStmt *stmt;

  if (!require_tx (self))
    return FALSE;
  stmt = prepare (self,
                  "INSERT INTO assignment (event_id, staff_id, occ_date, excluded, tentative) "
                  "SELECT ?1, staff_id, occ_date, excluded, tentative FROM assignment "
                  "WHERE event_id = ?2 AND (occ_date = '' OR (?3 <> '' AND occ_date >= ?3))",
                  error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, to_event);
  rk_db_bind_int64 (stmt, 2, from_event);
  bind_date (stmt, 3, min_occ_date);
  touch (self, "assignment");
  return step_done (self, stmt, error);
}

/* ---- schedule snapshot -------------------------------------------------- */

static gint64 *
key_of (gint64 *id)
{
  return id;
}

static gboolean
load_reference (RkStore *self, RkSchedule *s, GError **error)
{
  RkDbStmt *stmt;

  stmt = prepare (self, "SELECT id, name, kind, address, contact, closed_on_holidays FROM venue",
                  error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSVenue *v = g_new0 (RkSVenue, 1);

      v->id = rk_db_column_int64 (stmt, 0);
      v->name = col_dup (stmt, 1);
      v->kind = col_dup (stmt, 2);
      v->address = col_dup (stmt, 3);
      v->contact = col_dup (stmt, 4);
      v->closed_on_holidays = rk_db_column_int (stmt, 5) != 0;
      v->closings = g_array_new (FALSE, TRUE, sizeof (RkClosing));
      g_hash_table_insert (s->venues, key_of (&v->id), v);
    }
  rk_db_reset (stmt);

  stmt = prepare (self,
                  "SELECT id, venue_id, kind, start_date, end_date, weekday, reason "
                  "FROM venue_closing ORDER BY id",
                  error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSVenue *v = rk_schedule_venue (s, rk_db_column_int64 (stmt, 1));
      const char *kind = col_text (stmt, 2);
      RkClosing c = { 0 };

      if (v == NULL)
        continue;
      c.id = rk_db_column_int64 (stmt, 0);
      if (g_strcmp0 (kind, "weekday") == 0)
        {
          c.kind = RK_CLOSING_WEEKDAY;
          c.weekday = rk_db_column_int (stmt, 5);
        }
      else if (g_strcmp0 (kind, "yearly") == 0)
        {
          const char *a = col_text (stmt, 3), *b = col_text (stmt, 4);
          c.kind = RK_CLOSING_YEARLY;
          c.start_md = a ? atoi (a) * 100 + atoi (a + 3) : 0;
          c.end_md = b ? atoi (b) * 100 + atoi (b + 3) : 0;
        }
      else
        {
          c.kind = g_strcmp0 (kind, "date") == 0 ? RK_CLOSING_DATE : RK_CLOSING_RANGE;
          c.start = col_date (stmt, 3);
          c.end = col_date (stmt, 4);
        }
      c.reason = col_dup (stmt, 6);
      g_array_append_val (v->closings, c);
    }
  rk_db_reset (stmt);

  stmt = prepare (self, "SELECT id, venue_id, name, capacity, features FROM room", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSRoom *r = g_new0 (RkSRoom, 1);

      r->id = rk_db_column_int64 (stmt, 0);
      r->venue = rk_schedule_venue (s, rk_db_column_int64 (stmt, 1));
      r->name = col_dup (stmt, 2);
      r->capacity = rk_db_column_int (stmt, 3);
      r->features = col_dup (stmt, 4);
      g_hash_table_insert (s->rooms, key_of (&r->id), r);
    }
  rk_db_reset (stmt);

  stmt = prepare (self,
                  "SELECT id, name, duration, audience, bring, color, staff_only FROM program",
                  error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSProgram *p = g_new0 (RkSProgram, 1);

      p->id = rk_db_column_int64 (stmt, 0);
      p->name = col_dup (stmt, 1);
      p->duration = rk_db_column_int (stmt, 2);
      p->audience = col_dup (stmt, 3);
      p->bring = col_dup (stmt, 4);
      p->color = col_dup (stmt, 5);
      p->staff_only = rk_db_column_int (stmt, 6) != 0;
      g_hash_table_insert (s->programs, key_of (&p->id), p);
    }
  rk_db_reset (stmt);

  stmt = prepare (self, "SELECT program_id, role, count FROM program_requirement", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSProgram *p = rk_schedule_program (s, rk_db_column_int64 (stmt, 0));
      int role = rk_role_from_token (col_text (stmt, 1));

      if (p && role >= 0)
        p->required[role] = rk_db_column_int (stmt, 2);
    }
  rk_db_reset (stmt);

  stmt = prepare (self, "SELECT id, name, kana, role, org, active FROM staff", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSStaff *st = g_new0 (RkSStaff, 1);
      int role = rk_role_from_token (col_text (stmt, 3));

      st->id = rk_db_column_int64 (stmt, 0);
      st->name = col_dup (stmt, 1);
      st->kana = col_dup (stmt, 2);
      st->role = role >= 0 ? (RkRole) role : RK_ROLE_OTHER;
      st->org = col_dup (stmt, 4);
      st->active = rk_db_column_int (stmt, 5) != 0;
      g_hash_table_insert (s->staff, key_of (&st->id), st);
    }
  rk_db_reset (stmt);

  stmt = prepare (self, "SELECT id, name, venue_id FROM equipment", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSEquipment *e = g_new0 (RkSEquipment, 1);

      e->id = rk_db_column_int64 (stmt, 0);
      e->name = col_dup (stmt, 1);
      e->venue_id = rk_db_column_int64 (stmt, 2);
      g_hash_table_insert (s->equipment, key_of (&e->id), e);
    }
  rk_db_reset (stmt);

  g_free (s->timezone);
  s->timezone = rk_store_get_timezone (self);
  s->travel_gap = rk_store_get_setting_int (self, "travel_gap_minutes", 30);
  s->tentative_days = rk_store_get_setting_int (self, "tentative_days", 14);
  {
    g_autofree char *ws = rk_store_get_setting (self, "week_start");
    s->week_start = g_strcmp0 (ws, "monday") == 0 ? 1 : 7;
  }
  return TRUE;
}

static void
share_table (GHashTable **table, GHashTable *shared)
{
  g_hash_table_unref (*table);
  *table = g_hash_table_ref (shared);
}

/* The reference tables (venues and their closing days, rooms, programs,
 * staff, equipment, settings) change rarely, and a month view would read
 * them all on every open: the schedules (read-only snapshots) share the
 * ones last read while the file's data version says nothing was written
 * since, by this connection or another. Inside a caller's transaction they
 * are read afresh: what it wrote may still be rolled back. Runs inside the
 * load's read transaction. */
static gboolean
load_reference_shared (RkStore *self, RkSchedule *s, GError **error)
{
  RkSchedule *ref;
  gint64 version;

  if (self->in_tx)
    return load_reference (self, s, error);
  /* What the database's change counter says; a backend without one (the
   * server, whose notifications arrive a moment late) always reads afresh. */
  version = rk_db_change_version (self->db);
  if (version < 0)
    {
      g_clear_pointer (&self->reference, rk_schedule_free);
      return load_reference (self, s, error);
    }
  if (self->reference == NULL || version != self->reference_version)
    {
      g_autoptr(RkSchedule) fresh = rk_schedule_new ();

      if (!load_reference (self, fresh, error))
        return FALSE;
      g_clear_pointer (&self->reference, rk_schedule_free);
      self->reference = g_steal_pointer (&fresh);
      self->reference_version = version;
    }

  ref = self->reference;
  share_table (&s->venues, ref->venues);
  share_table (&s->rooms, ref->rooms);
  share_table (&s->programs, ref->programs);
  share_table (&s->staff, ref->staff);
  share_table (&s->equipment, ref->equipment);
  g_free (s->timezone);
  s->timezone = g_strdup (ref->timezone);
  s->travel_gap = ref->travel_gap;
  s->tentative_days = ref->tentative_days;
  s->week_start = ref->week_start;
  return TRUE;
}

/* The events that can have an occurrence in [lo, hi): a series counts
 * until its series_end (NULL: endless), and an occurrence moved by hand
 * counts by its new time. Two queries rather than one OR over both, which
 * keeps SQLite off the index (a third slower on a month of a big file). */
#define EVENT_SELECT                                                                      \
  "SELECT e.id, e.program_id, e.title, e.start_at, e.end_at, e.room_id, e.capacity, "     \
  "e.notes, e.rrule, e.on_holiday, e.tentative, e.cancelled, e.uid, e.version FROM event e "
#define EVENT_SPANS_RANGE "e.start_at < ?2 AND (e.series_end IS NULL OR e.series_end > ?1)"
/* What a view leaves out of them: events whose first date is past the
 * range, and one-offs whose only date is before it, unless a holiday
 * policy can bring it in (?3: the range's end, ?4: its start). An event
 * moved in by hand comes with the next query. */
#define EVENT_MAY_SHOW                                                                    \
  "NOT ((e.start_at >= ?3 AND coalesce(e.on_holiday, '') <> 'previous-day') OR "           \
  "(coalesce(e.rrule, '') = '' AND e.start_at < ?4 AND coalesce(e.on_holiday, '') <> 'next-day'))"
#define EVENT_MOVED_INTO_RANGE                                                           \
  "e.id IN (SELECT x.event_id FROM event_exception x WHERE x.kind = 'moved' AND "        \
  "x.start_at < ?2 AND x.end_at > ?1)"

#define EXCEPTION_SELECT                                                                  \
  "SELECT x.event_id, x.occ_date, x.kind, x.start_at, x.end_at, x.reason "                \
  "FROM event_exception x "
#define ASSIGN_SELECT "SELECT a.event_id, a.staff_id, a.occ_date, a.excluded, a.tentative, a.id "

/* The events load_events() has read, bound as a JSON array of ids; the
 * server spells it with its own JSON functions. */
#define LOADED_IDS_SQLITE "(SELECT value FROM json_each(?1))"
#define LOADED_IDS_PG "(SELECT value::bigint FROM json_array_elements_text(?1::json))"
/* The same driving a join: rows come event by event in the array's order
 * (the events' order), and SQLite builds no list of the ids to search. */
#define LOADED_JOIN_SQLITE(table, alias) \
  "FROM json_each(?1) j JOIN " table " ON " alias ".event_id = j.value"
#define LOADED_JOIN_PG(table, alias) \
  "FROM json_array_elements_text(?1::json) j JOIN " table " ON " alias ".event_id = j.value::bigint"

#define EQUIPMENT_SQL(JOIN)                                                                  \
  {                                                                                         \
    "SELECT q.event_id, q.equipment_id FROM event_equipment q",                             \
    "SELECT q.event_id, q.equipment_id FROM event_equipment q WHERE q.event_id BETWEEN ?1 AND ?2", \
    "SELECT q.event_id, q.equipment_id " JOIN ("event_equipment q", "q"),                   \
  }
/* occ_date is '' in the third: not worth reading. */
#define ASSIGN_SQL(JOIN)                                                                     \
  {                                                                                         \
    ASSIGN_SELECT "FROM assignment a ORDER BY a.id",                                        \
    ASSIGN_SELECT JOIN ("assignment a", "a"),                                               \
    "SELECT a.event_id, a.staff_id, NULL, a.excluded, a.tentative, a.id "                   \
    JOIN ("assignment a", "a") " AND a.occ_date = ''",                                      \
    ASSIGN_SELECT "FROM assignment a "                                                      \
                  "WHERE a.occ_date <> '' AND a.occ_date >= ?1 AND a.occ_date < ?2",       \
    ASSIGN_SELECT JOIN ("assignment a", "a")                                                \
                  " AND a.occ_date <> '' AND NOT (a.occ_date >= ?2 AND a.occ_date < ?3)",  \
  }
#define N_EQUIPMENT_SQL 3
#define N_ASSIGN_SQL 5
static const char * const equipment_sql_sqlite[N_EQUIPMENT_SQL] = EQUIPMENT_SQL (LOADED_JOIN_SQLITE);
static const char * const equipment_sql_pg[N_EQUIPMENT_SQL] = EQUIPMENT_SQL (LOADED_JOIN_PG);
static const char * const assign_sql_sqlite[N_ASSIGN_SQL] = ASSIGN_SQL (LOADED_JOIN_SQLITE);
static const char * const assign_sql_pg[N_ASSIGN_SQL] = ASSIGN_SQL (LOADED_JOIN_PG);

/* Hundreds of ids per load: printf's parsing cost more than the digits. */
static void
append_id (GString *s, const char *separator, gint64 id)
{
  char buf[24];
  int n = sizeof buf;
  guint64 v = id < 0 ? -(guint64) id : (guint64) id;

  do
    buf[--n] = (char) ('0' + v % 10);
  while ((v /= 10) > 0);
  if (id < 0)
    buf[--n] = '-';
  g_string_append (s, separator);
  g_string_append_len (s, buf + n, (gssize) sizeof buf - n);
}

static int
exception_compare (gconstpointer a, gconstpointer b)
{
  RkDay x = ((const RkSException *) a)->occ_date, y = ((const RkSException *) b)->occ_date;

  return x < y ? -1 : x > y;
}

static void
load_event_row (RkSchedule *s, RkDbStmt *stmt, GHashTable *by_id)
{
  RkSEvent *e = g_new0 (RkSEvent, 1);
  int policy = rk_policy_from_token (col_text (stmt, 9));

  e->id = rk_db_column_int64 (stmt, 0);
  e->program = rk_schedule_program (s, rk_db_column_int64 (stmt, 1));
  e->title = col_dup (stmt, 2);
  e->start = col_time (stmt, 3);
  e->end = col_time (stmt, 4);
  e->room = rk_schedule_room (s, rk_db_column_int64 (stmt, 5));
  e->capacity = rk_db_column_type (stmt, 6) == RK_DB_NULL ? -1 : rk_db_column_int (stmt, 6);
  e->notes = col_dup (stmt, 7);
  e->rrule = col_dup (stmt, 8);
  e->policy = policy < 0 ? RK_POLICY_UNSET : (RkHolidayPolicy) policy;
  e->tentative = rk_db_column_int (stmt, 10) != 0;
  e->cancelled = rk_db_column_int (stmt, 11) != 0;
  e->uid = col_dup (stmt, 12);
  e->version = rk_db_column_int64 (stmt, 13);
  e->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
  e->assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
  e->equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_ptr_array_add (s->events, e);
  g_hash_table_insert (by_id, &e->id, e);
}

static int
event_compare (gconstpointer a, gconstpointer b)
{
  const RkSEvent *x = *(RkSEvent **) a, *y = *(RkSEvent **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct
{
  gint64     id;
  RkSEvent  *event;
  RkSAssign  a;
} AssignRow;

/* By event in the events' order (event_compare()), then in the order
 * they were assigned. */
static int
assign_row_compare (gconstpointer a, gconstpointer b)
{
  const AssignRow *x = a, *y = b;
  int by_event = x->event == y->event ? 0 : event_compare (&x->event, &y->event);

  if (by_event != 0)
    return by_event;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Hands the rows to their events in assign_row_compare() order. The first
 * n_sorted rows are in that order already (a view's series rows, event by
 * event through the covering index): only the rest is sorted (here, where
 * it costs a fraction of SQLite's sorter), then merged with them. Each
 * event's rows are then copied in one go. */
static void
assign_rows_add (GArray *rows, guint n_sorted)
{
  g_autoptr(GArray) merged = NULL;
  const AssignRow *all;
  guint n = rows->len;

  if (n_sorted == 0)
    g_array_sort (rows, assign_row_compare);
  else if (n > n_sorted)
    {
      AssignRow *v = (AssignRow *) (gpointer) rows->data;
      guint i = 0, j = n_sorted;

      qsort (v + n_sorted, n - n_sorted, sizeof (AssignRow), assign_row_compare);
      merged = g_array_sized_new (FALSE, FALSE, sizeof (AssignRow), n);
      while (i < n_sorted || j < n)
        {
          gboolean left = j == n || (i < n_sorted && assign_row_compare (&v[i], &v[j]) <= 0);

          g_array_append_val (merged, v[left ? i++ : j++]);
        }
    }
  all = (const AssignRow *) (gpointer) (merged ? merged : rows)->data;
  for (guint i = 0; i < n;)
    {
      RkSEvent *e = all[i].event;
      guint end = i, base = e->assigns->len;

      while (end < n && all[end].event == e)
        end++;
      g_array_set_size (e->assigns, base + (end - i));
      for (guint k = i; k < end; k++)
        g_array_index (e->assigns, RkSAssign, base + k - i) = all[k].a;
      i = end;
    }
}

static int
id_compare (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* How sparse the loaded events may be in the range of ids whose equipment
 * rows are all read: a search per event costs as much as reading ~8 rows. */
#define EQUIPMENT_BAND 4

/* The loaded events' ids as a JSON array, for LOADED_IDS and LOADED_JOIN. */
static void
loaded_ids (RkSchedule *s, GString *ids)
{
  for (guint i = 0; i < s->events->len; i++)
    append_id (ids, i ? "," : "", ((RkSEvent *) g_ptr_array_index (s->events, i))->id);
  g_string_append_c (ids, ']');
}

/* Holiday policies may move an occurrence by up to this many days; load
 * series whose rule dates lie that far around the range. */
#define POLICY_REACH_DAYS 31

/* Can an occurrence of the event from a date outside the range land in
 * it? By a next-day or previous-day policy, or by a move by hand (of the
 * exceptions a view reads, all of its dates or moved into it). */
static gboolean
event_moves_in (const RkSEvent *e)
{
  if (e->policy == RK_POLICY_NEXT_DAY || e->policy == RK_POLICY_PREVIOUS_DAY)
    return TRUE;
  for (guint i = 0; i < e->exceptions->len; i++)
    if (g_array_index (e->exceptions, RkSException, i).kind == RK_EXCEPTION_MOVED)
      return TRUE;
  return FALSE;
}

/* lo, hi: the range with the holiday policies' reach around it (NULL: all
 * events). occ_lo, occ_hi: NULL for a whole schedule; for a view
 * (rk_store_load_view) the dates of lo and hi. */
static gboolean
load_events (RkStore *self, RkSchedule *s, const char *lo, const char *hi, const char *occ_lo,
             const char *occ_hi, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  RkDbStmt *stmt;
  gboolean all = lo == NULL;
  /* The loaded events' ids as a JSON array: the child rows are fetched by
   * them through the event_id indexes instead of evaluating the range again
   * for each child table (three times faster on a month of a big file). */
  g_autoptr(GString) ids = g_string_new ("[");
  g_autoptr(GArray) assign_rows = g_array_new (FALSE, FALSE, sizeof (AssignRow));
  RkSEvent *assigned = NULL;
  guint n_series = 0;
  gboolean in_order = TRUE;
  g_autoptr(GString) shift_ids = g_string_new ("[");
  char day_lo[11], day_hi[11];
  static const char * const event_sql[] = {
    EVENT_SELECT "ORDER BY e.start_at, e.id",
    EVENT_SELECT "WHERE " EVENT_SPANS_RANGE " ORDER BY e.start_at, e.id",
    EVENT_SELECT "WHERE " EVENT_SPANS_RANGE " AND " EVENT_MAY_SHOW " ORDER BY e.start_at, e.id",
    EVENT_SELECT "WHERE " EVENT_MOVED_INTO_RANGE " ORDER BY e.start_at, e.id",
  };
  char view_from[17], view_after[17];
  const char * const *equipment_sql = self->db->kind == RK_DB_POSTGRES ? equipment_sql_pg
                                                                      : equipment_sql_sqlite;
  gint64 band_lo = 1, band_hi = 0;
  g_autoptr(GString) below = g_string_new (NULL);   /* ids below the band, as JSON */
  const char * const *assign_sql = self->db->kind == RK_DB_POSTGRES ? assign_sql_pg
                                                                   : assign_sql_sqlite;
  gboolean moved_in = FALSE;

  for (guint q = 0; q < G_N_ELEMENTS (event_sql); q++)
    {
      if (all ? q > 0 : q == 0 || (q == 1 && occ_lo) || (q == 2 && !occ_lo))
        continue;
      stmt = prepare (self, event_sql[q], error);
      if (stmt == NULL)
        return FALSE;
      if (!all)
        {
          rk_db_bind_text (stmt, 1, lo);
          rk_db_bind_text (stmt, 2, hi);
        }
      if (q == 2)
        {
          rk_db_bind_text (stmt, 3, rk_time_format_buf (rk_minute_make (s->to + 1, 0),
                                                          view_after));
          rk_db_bind_text (stmt, 4, rk_time_format_buf (rk_minute_make (s->from, 0),
                                                          view_from));
        }
      while (rk_db_step (stmt) == RK_DB_ROW)
        {
          gint64 id = rk_db_column_int64 (stmt, 0);

          if (q == 3 && g_hash_table_contains (by_id, &id))
            continue;
          moved_in = moved_in || q == 3;
          load_event_row (s, stmt, by_id);
        }
      rk_db_reset (stmt);
    }
  /* In ORDER BY e.start_at, e.id order, as one query would give them. */
  if (moved_in)
    g_ptr_array_sort (s->events, event_compare);
  if (!all)
    loaded_ids (s, ids);

  /* A view reads the exceptions of its dates and those moved into it
   * (event_exception_date, event_exception_moved_end), not every event's all. */
  stmt = prepare (self,
                  all ? EXCEPTION_SELECT "ORDER BY x.event_id, x.occ_date"
                  : occ_lo == NULL
                      ? dialect (self,
                                 EXCEPTION_SELECT "WHERE x.event_id IN " LOADED_IDS_SQLITE
                                 " ORDER BY x.event_id, x.occ_date",
                                 EXCEPTION_SELECT "WHERE x.event_id IN " LOADED_IDS_PG
                                 " ORDER BY x.event_id, x.occ_date")
                      : EXCEPTION_SELECT "WHERE (x.occ_date >= ?1 AND x.occ_date < ?2) OR "
                        "(x.kind = 'moved' AND x.start_at < ?4 AND x.end_at > ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (!all && occ_lo == NULL)
    rk_db_bind_text (stmt, 1, ids->str);
  else if (!all)
    {
      rk_db_bind_text (stmt, 1, occ_lo);
      rk_db_bind_text (stmt, 2, occ_hi);
      rk_db_bind_text (stmt, 3, lo);
      rk_db_bind_text (stmt, 4, hi);
    }
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      gint64 id = rk_db_column_int64 (stmt, 0);
      RkSEvent *e = g_hash_table_lookup (by_id, &id);
      const char *kind = col_text (stmt, 2);
      RkSException x = { 0 };

      if (e == NULL)
        continue;
      x.occ_date = col_date (stmt, 1);
      x.kind = g_strcmp0 (kind, "moved") == 0     ? RK_EXCEPTION_MOVED
               : g_strcmp0 (kind, "skipped") == 0 ? RK_EXCEPTION_SKIPPED
                                                  : RK_EXCEPTION_CANCELLED;
      if (x.kind == RK_EXCEPTION_MOVED)
        {
          x.start = col_time (stmt, 3);
          x.end = col_time (stmt, 4);
        }
      x.reason = col_dup (stmt, 5);
      g_array_append_val (e->exceptions, x);
    }
  rk_db_reset (stmt);
  /* The view's query has no ORDER BY, which would keep SQLite off both
   * indexes: the few exceptions are put in date order here. */
  for (guint i = 0; occ_lo && i < s->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (s->events, i);

      if (e->exceptions->len > 1)
        g_array_sort (e->exceptions, exception_compare);
    }

  /* A view reads the one-occurrence rows of the range's own dates (the
   * partial assignment_date index) rather than those of each whole series;
   * other dates only of the events a holiday policy or a move by hand can
   * bring into the range from there. */
  if (occ_lo)
    {
      rk_date_format_buf (s->from, day_lo);
      rk_date_format_buf (s->to + 1, day_hi);
      for (guint i = 0; i < s->events->len; i++)
        {
          RkSEvent *e = g_ptr_array_index (s->events, i);

          if (event_moves_in (e))
            append_id (shift_ids, shift_ids->len > 1 ? "," : "", e->id);
        }
      g_string_append_c (shift_ids, ']');
    }
  for (guint q = 0; q < N_ASSIGN_SQL; q++)
    {
      if (all ? q > 0 : q == 0 || (occ_lo == NULL) != (q == 1))
        continue;
      if (q == 4 && shift_ids->len == 2)
        continue;
      stmt = prepare (self, assign_sql[q], error);
      if (stmt == NULL)
        return FALSE;
      if (q == 1 || q == 2)
        rk_db_bind_text (stmt, 1, ids->str);
      if (q == 3)
        n_series = in_order ? assign_rows->len : 0;
      if (q == 4)
        rk_db_bind_text (stmt, 1, shift_ids->str);
      if (q == 3 || q == 4)
        {
          rk_db_bind_text (stmt, q - 2, day_lo);
          rk_db_bind_text (stmt, q - 1, day_hi);
        }
      while (rk_db_step (stmt) == RK_DB_ROW)
        {
          gint64 id = rk_db_column_int64 (stmt, 0);
          AssignRow row = { rk_db_column_int64 (stmt, 5), NULL, { 0 } };

          /* Rows come by event: look the event up once for its rows. */
          if (assigned == NULL || assigned->id != id)
            assigned = g_hash_table_lookup (by_id, &id);
          if (assigned == NULL)
            continue;
          row.event = assigned;
          row.a.staff_id = rk_db_column_int64 (stmt, 1);
          row.a.occ_date = col_date (stmt, 2);
          row.a.excluded = rk_db_column_int (stmt, 3) != 0;
          row.a.tentative = rk_db_column_int (stmt, 4) != 0;
          /* The join gives them in order, but no ORDER BY says so. */
          if (q == 2 && assign_rows->len > 0 &&
              assign_row_compare (&g_array_index (assign_rows, AssignRow, assign_rows->len - 1),
                                  &row) > 0)
            in_order = FALSE;
          g_array_append_val (assign_rows, row);
        }
      rk_db_reset (stmt);
    }
  /* Each event's people in the order they were assigned. */
  if (all)
    for (guint i = 0; i < assign_rows->len; i++)
      {
        AssignRow *row = &g_array_index (assign_rows, AssignRow, i);
        g_array_append_val (row->event->assigns, row->a);
      }
  else
    assign_rows_add (assign_rows, occ_lo ? n_series : 0);

  /* Few events have equipment: reading every row of a range of ids costs
   * less than a search per event, as long as the loaded events are most of
   * the ids in it (a month's events were mostly written together). Events
   * far below it (series running for years) are searched one by one. */
  if (!all)
    {
      g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                    s->events->len);
      const gint64 *v;
      guint n, k = 0;

      for (guint i = 0; i < s->events->len; i++)
        g_array_append_val (sorted, ((RkSEvent *) g_ptr_array_index (s->events, i))->id);
      g_array_sort (sorted, id_compare);
      v = (const gint64 *) (gpointer) sorted->data;
      n = sorted->len;
      while (k < n && v[n - 1] - v[k] >= (gint64) EQUIPMENT_BAND * (n - k))
        k++;
      g_string_append_c (below, '[');
      for (guint i = 0; i < k; i++)
        append_id (below, i ? "," : "", v[i]);
      g_string_append_c (below, ']');
      band_lo = k < n ? v[k] : 1;
      band_hi = k < n ? v[n - 1] : 0;
    }
  for (guint q = 0; q < N_EQUIPMENT_SQL; q++)
    {
      if (all ? q > 0 : q == 0 || (q == 1 && band_lo > band_hi) || (q == 2 && below->len == 2))
        continue;
      stmt = prepare (self, equipment_sql[q], error);
      if (stmt == NULL)
        return FALSE;
      if (q == 1)
        {
          rk_db_bind_int64 (stmt, 1, band_lo);
          rk_db_bind_int64 (stmt, 2, band_hi);
        }
      if (q == 2)
        rk_db_bind_text (stmt, 1, below->str);
      while (rk_db_step (stmt) == RK_DB_ROW)
        {
          gint64 id = rk_db_column_int64 (stmt, 0);
          RkSEvent *e = g_hash_table_lookup (by_id, &id);
          gint64 item = rk_db_column_int64 (stmt, 1);

          if (e)
            g_array_append_val (e->equipment, item);
        }
      rk_db_reset (stmt);
    }

  stmt = prepare (self,
                  all ? "SELECT staff_id, start_at, end_at, reason FROM staff_unavailable "
                        "ORDER BY start_at"
                      /* Through staff_unavailable_end, which SQLite would
                       * not pick for the order; sorted as the start_at
                       * index would give them. */
                      : dialect (self,
                                 "SELECT staff_id, start_at, end_at, reason FROM staff_unavailable "
                                 "INDEXED BY staff_unavailable_end "
                                 "WHERE start_at < ?2 AND end_at > ?1 ORDER BY start_at, end_at, id",
                                 "SELECT staff_id, start_at, end_at, reason FROM staff_unavailable "
                                 "WHERE start_at < ?2 AND end_at > ?1 ORDER BY start_at, end_at, id"),
                  error);
  if (stmt == NULL)
    return FALSE;
  if (occ_lo)
    {
      /* A view's rules look at the periods away during its occurrences
       * only, which start in the range and last at most this long. */
      char un_lo[17], un_hi[17];
      RkMinute longest = 0;

      for (guint i = 0; i < s->events->len; i++)
        {
          const RkSEvent *e = g_ptr_array_index (s->events, i);

          longest = MAX (longest, e->end - e->start);
          for (guint j = 0; j < e->exceptions->len; j++)
            {
              const RkSException *x = &g_array_index (e->exceptions, RkSException, j);

              if (x->kind == RK_EXCEPTION_MOVED)
                longest = MAX (longest, x->end - x->start);
            }
        }
      rk_db_bind_text (stmt, 1, rk_time_format_buf (rk_minute_make (s->from, 0), un_lo));
      rk_db_bind_text (stmt, 2,
                         rk_time_format_buf (rk_minute_make (s->to + 1, 0) + longest, un_hi));
    }
  else if (!all)
    {
      rk_db_bind_text (stmt, 1, lo);
      rk_db_bind_text (stmt, 2, hi);
    }
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSUnavailable u;

      u.staff_id = rk_db_column_int64 (stmt, 0);
      u.start = col_time (stmt, 1);
      u.end = col_time (stmt, 2);
      u.reason = col_dup (stmt, 3);
      g_array_append_val (s->unavailable, u);
    }
  rk_db_reset (stmt);
  return TRUE;
}

static RkSchedule *
load_range (RkStore *self, RkDay from, RkDay to, gboolean view, GError **error)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  char lo[17], hi[17];
  gboolean ok;

  rk_time_format_buf (rk_minute_make (from > POLICY_REACH_DAYS ? from - POLICY_REACH_DAYS : 1, 0),
                      lo);
  rk_time_format_buf (rk_minute_make (to + 1 + POLICY_REACH_DAYS, 0), hi);
  s->from = from;
  s->to = to;

  /* One read transaction: a consistent snapshot even while another
   * coordinator writes. */
  if (!self->in_tx && !rk_db_begin (self->db, FALSE))
    {
      db_error (self, error);
      return NULL;
    }
  reads_begin (self);
  if (view)
    {
      /* The rule dates that can land in [from, to]: the days of lo, hi. */
      char occ_lo[11], occ_hi[11];

      memcpy (occ_lo, lo, 10);
      memcpy (occ_hi, hi, 10);
      occ_lo[10] = occ_hi[10] = '\0';
      ok = load_reference_shared (self, s, error) &&
           load_events (self, s, lo, hi, occ_lo, occ_hi, error);
    }
  else
    ok = load_reference_shared (self, s, error) &&
         load_events (self, s, lo, hi, NULL, NULL, error);
  ok = reads_ok (self, ok, error);
  /* A snapshot the server could not keep (the connection lost half-way)
   * is an error, not a short schedule. */
  if (!self->in_tx && !rk_db_commit (self->db) && ok)
    {
      db_error (self, error);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&s) : NULL;
}

RkSchedule *
rk_store_load_schedule (RkStore *self, RkDay from, RkDay to, GError **error)
{
  return load_range (self, from, to, FALSE, error);
}

RkSchedule *
rk_store_load_view (RkStore *self, RkDay from, RkDay to, GError **error)
{
  return load_range (self, from, to, TRUE, error);
}

RkSchedule *
rk_store_load_all (RkStore *self, GError **error)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  gboolean ok;

  s->from = 1;
  s->to = G_MAXUINT32 / 2;
  if (!self->in_tx && !rk_db_begin (self->db, FALSE))
    {
      db_error (self, error);
      return NULL;
    }
  reads_begin (self);
  ok = load_reference_shared (self, s, error) &&
       load_events (self, s, NULL, NULL, NULL, NULL, error);
  ok = reads_ok (self, ok, error);
  /* A snapshot the server could not keep (the connection lost half-way)
   * is an error, not a short schedule. */
  if (!self->in_tx && !rk_db_commit (self->db) && ok)
    {
      db_error (self, error);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&s) : NULL;
}

gint64
rk_store_count_range_floor (RkStore *self, RkDay from, RkDay to, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT id, start_at, end_at FROM event "
                                "WHERE start_at < ?2 AND (series_end IS NULL OR series_end > ?1)",
                                error);
  char lo[17], hi[17];
  gint64 n = 0;

  if (stmt == NULL)
    return -1;
  rk_db_bind_text (stmt, 1, rk_time_format_buf (rk_minute_make (from, 0), lo));
  rk_db_bind_text (stmt, 2, rk_time_format_buf (rk_minute_make (to + 1, 0), hi));
  while (rk_db_step (stmt) == RK_DB_ROW)
    n++;
  rk_db_reset (stmt);
  return n;
}

/* ---- series splits ------------------------------------------------------ */

/* Moves the exceptions and per-occurrence assignments of occurrences on or
 * after min_date from one series to another (this-and-following edits). */
gboolean
rk_store_move_occurrence_rows (RkStore *self, gint64 from_event, gint64 to_event, RkDay min_date,
                               GError **error)
{
  static const char * const sql[] = {
    "UPDATE event_exception SET event_id = ?1 WHERE event_id = ?2 AND occ_date >= ?3",
    "UPDATE assignment SET event_id = ?1 WHERE event_id = ?2 AND occ_date >= ?3 AND occ_date <> ''",
  };

  if (!require_tx (self))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      RkDbStmt *stmt = prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      rk_db_bind_int64 (stmt, 1, to_event);
      rk_db_bind_int64 (stmt, 2, from_event);
      bind_date (stmt, 3, min_date);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  touch (self, "event_exception");
  touch (self, "assignment");
  return TRUE;
}

/* Drops the per-occurrence assignment rows of one occurrence. */
gboolean
rk_store_delete_occurrence_assignments (RkStore *self, gint64 event_id, RkDay occ_date,
                                        GError **error)
{
  return delete_rows (self, "DELETE FROM assignment WHERE event_id = ? AND occ_date = ?",
                      "assignment", event_id, occ_date, error);
}

/* The original dates that carry exceptions or per-occurrence assignments. */
GArray *
rk_store_occurrence_dates (RkStore *self, gint64 event_id, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT occ_date FROM event_exception WHERE event_id = ?1 UNION "
                                "SELECT occ_date FROM assignment WHERE event_id = ?1 AND "
                                "occ_date <> '' ORDER BY 1",
                                error);
  GArray *out;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, event_id);
  out = g_array_new (FALSE, FALSE, sizeof (RkDay));
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkDay d = col_date (stmt, 0);
      if (d)
        g_array_append_val (out, d);
    }
  rk_db_reset (stmt);
  return out;
}

/* ---- data exchange ------------------------------------------------------ */

/* A re-imported series brings its own exceptions: the old ones go first. */
gboolean
rk_store_clear_exceptions (RkStore *self, gint64 event_id, GError **error)
{
  return delete_rows (self, "DELETE FROM event_exception WHERE event_id = ?", "event_exception",
                      event_id, 0, error);
}

/* ---- desktop application: pages and undo -------------------------------- */

static void
unavailability_clear (gpointer data)
{
  g_free (((RkUnavailability *) data)->reason);
}

GArray *
rk_store_list_unavailability (RkStore *self, gint64 staff_id, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                "SELECT id, staff_id, start_at, end_at, reason FROM staff_unavailable "
                                "WHERE staff_id = ? ORDER BY start_at, id",
                                error);
  GArray *out;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, staff_id);
  reads_begin (self);
  out = g_array_new (FALSE, TRUE, sizeof (RkUnavailability));
  g_array_set_clear_func (out, unavailability_clear);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkUnavailability u;

      u.id = rk_db_column_int64 (stmt, 0);
      u.staff_id = rk_db_column_int64 (stmt, 1);
      u.start = col_time (stmt, 2);
      u.end = col_time (stmt, 3);
      u.reason = col_dup (stmt, 4);
      g_array_append_val (out, u);
    }
  rk_db_reset (stmt);
  if (!reads_ok (self, TRUE, error))
    g_clear_pointer (&out, g_array_unref);
  return out;
}

gboolean
rk_store_update_equipment (RkStore *self, RkEquipment *item, GError **error)
{
  gint64 venue_id = rk_equipment_get_venue_id (item);
  RkDbStmt *stmt;

  if (!require_tx (self) || !check_name (rk_equipment_get_name (item), _("piece of equipment"),
                                         error))
    return FALSE;
  if (venue_id > 0 && !row_exists (self, "SELECT 1 FROM venue WHERE id = ?", venue_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                   venue_id);
      return FALSE;
    }
  stmt = prepare (self,
                  "UPDATE equipment SET name = ?, venue_id = ?, version = version + 1 "
                  "WHERE id = ? AND version = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, rk_equipment_get_name (item));
  bind_id (stmt, 2, venue_id);
  rk_db_bind_int64 (stmt, 3, rk_equipment_get_id (item));
  rk_db_bind_int64 (stmt, 4, rk_equipment_get_version (item));
  if (!update_done (self, stmt, "equipment", "SELECT 1 FROM equipment WHERE id = ?",
                    rk_equipment_get_id (item), _("piece of equipment"), error))
    return duplicate_name (error,
                           g_strdup_printf (_("Equipment named “%s” already exists there; "
                                              "choose another name"),
                                            rk_equipment_get_name (item)));
  rk_equipment_set_version (item, rk_equipment_get_version (item) + 1);
  return TRUE;
}

/* group_concat orders as the rows come; string_agg is told to. */
#define STAMPS_SQL(agg, order)                                                          \
  "SELECT e.id, e.version || ':' || COALESCE((SELECT " agg "("                          \
  "x.occ_date || x.kind || COALESCE(x.start_at, '') || "                                \
  "COALESCE(x.end_at, '') || COALESCE(x.reason, '') || x.version, "                     \
  "'|'" order ") FROM event_exception x WHERE x.event_id = e.id), '') FROM event e"

GHashTable *
rk_store_event_stamps (RkStore *self, GError **error)
{
  RkDbStmt *stmt = prepare (self,
                                dialect (self, STAMPS_SQL ("group_concat", ""),
                                         STAMPS_SQL ("string_agg", " ORDER BY x.occ_date")),
                                error);
  GHashTable *out;

  if (stmt == NULL)
    return NULL;
  reads_begin (self);
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = rk_db_column_int64 (stmt, 0);
      g_hash_table_insert (out, id, col_dup (stmt, 1));
    }
  rk_db_reset (stmt);
  if (!reads_ok (self, TRUE, error))
    g_clear_pointer (&out, g_hash_table_unref);
  return out;
}

/* Which table and key each set of rows is: only these names are ever put
 * into SQL text, and the columns come from the table itself, so a column a
 * later migration adds is snapshotted and put back too. */
static const struct
{
  const char *table;
  const char *key;          /* "id": the entity row itself; else its children */
  const char *order;
} row_sets[RK_N_ROWS] = {
  [RK_ROWS_EVENT] = { "event", "id", "id" },
  [RK_ROWS_EVENT_EXCEPTIONS] = { "event_exception", "event_id", "occ_date" },
  [RK_ROWS_EVENT_STAFF] = { "assignment", "event_id", "id" },
  [RK_ROWS_EVENT_EQUIPMENT] = { "event_equipment", "event_id", "equipment_id" },
  [RK_ROWS_STAFF] = { "staff", "id", "id" },
  [RK_ROWS_UNAVAILABILITY] = { "staff_unavailable", "id", "id" },
  [RK_ROWS_VENUE] = { "venue", "id", "id" },
  [RK_ROWS_CLOSING] = { "venue_closing", "id", "id" },
  [RK_ROWS_ROOM] = { "room", "id", "id" },
  [RK_ROWS_EQUIPMENT] = { "equipment", "id", "id" },
  [RK_ROWS_PROGRAM] = { "program", "id", "id" },
  [RK_ROWS_REQUIREMENTS] = { "program_requirement", "program_id", "role" },
  /* the settings are one set: "1 = ?" bound to 1 selects them all */
  [RK_ROWS_SETTINGS] = { "settings", "1", "key" },
};

static GVariant *
column_value (RkDbStmt *stmt, int i)
{
  switch (rk_db_column_type (stmt, i))
    {
    case RK_DB_INTEGER:
      return g_variant_new_int64 (rk_db_column_int64 (stmt, i));
    case RK_DB_FLOAT:
      return g_variant_new_double (rk_db_column_double (stmt, i));
    case RK_DB_TEXT:
      return g_variant_new_string (col_text (stmt, i));
    case RK_DB_BLOB:
      {
        g_autoptr(GBytes) bytes = rk_db_column_blob (stmt, i);

        return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);
      }
    case RK_DB_NULL:
    default:
      return g_variant_new_tuple (NULL, 0);
    }
}

static void
bind_value (RkDbStmt *stmt, int i, GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    rk_db_bind_int64 (stmt, i, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    rk_db_bind_double (stmt, i, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    rk_db_bind_text (stmt, i, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize n = 0;
      gconstpointer data = g_variant_get_fixed_array (value, &n, 1);
      rk_db_bind_blob (stmt, i, data, n);
    }
  else
    rk_db_bind_null (stmt, i);
}

GVariant *
rk_store_get_rows (RkStore *self, RkRowSet set, gint64 key, GError **error)
{
  g_autofree char *sql = NULL;
  g_auto(GVariantBuilder) rows = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  RkDbStmt *stmt;

  g_return_val_if_fail (set < RK_N_ROWS, NULL);
  sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ? ORDER BY %s", row_sets[set].table,
                         row_sets[set].key, row_sets[set].order);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, key);
  reads_begin (self);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      GVariantBuilder row;

      g_variant_builder_init (&row, G_VARIANT_TYPE ("a{sv}"));
      for (int i = 0; i < rk_db_column_count (stmt); i++)
        g_variant_builder_add (&row, "{sv}", rk_db_column_name (stmt, i),
                               column_value (stmt, i));
      g_variant_builder_add_value (&rows, g_variant_builder_end (&row));
    }
  rk_db_reset (stmt);
  /* An undo snapshot cut short would put back less than was there. */
  if (!reads_ok (self, TRUE, error))
    return NULL;
  return g_variant_ref_sink (g_variant_builder_end (&rows));
}

static gboolean
row_same_values (GVariant *a, GVariant *b)
{
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;
  g_variant_iter_init (&iter, a);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autoptr(GVariant) other = NULL;

      if (g_strcmp0 (name, "version") == 0)
        continue;
      other = g_variant_lookup_value (b, name, NULL);
      if (other == NULL || !g_variant_equal (value, other))
        return FALSE;
    }
  return TRUE;
}

gboolean
rk_rows_same_values (GVariant *a, GVariant *b)
{
  gsize n = g_variant_n_children (a);

  if (n != g_variant_n_children (b))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) x = g_variant_get_child_value (a, i);
      g_autoptr(GVariant) y = g_variant_get_child_value (b, i);

      if (!row_same_values (x, y))
        return FALSE;
    }
  return TRUE;
}

/* INSERT of one row; with upsert, an existing row of the same id is
 * updated instead, its version moved past both. */
static char *quote_ident (const char *name);

/* Table and column names come from this program (copy_tables, the
 * columns copy_columns() reads from the schema): quoted all the same. */
static gboolean
insert_row (RkStore *self, const char *table, GVariant *row, gboolean upsert, GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) updates = g_string_new (NULL);
  gsize n = g_variant_n_children (row);
  RkDbStmt *stmt;

  g_string_printf (sql, "INSERT INTO %s (", table);
  for (gsize i = 0; i < n; i++)
    {
      const char *name;

      g_autofree char *quoted = NULL;

      g_variant_get_child (row, i, "{&sv}", &name, NULL);
      quoted = quote_ident (name);
      g_string_append_printf (sql, "%s%s", i ? ", " : "", quoted);
      g_string_append_printf (values, "%s?", i ? ", " : "");
      if (g_strcmp0 (name, "id") == 0)
        continue;
      if (g_strcmp0 (name, "version") == 0)
        g_string_append_printf (updates,
                                "%sversion = CASE WHEN %s.version > excluded.version "
                                "THEN %s.version ELSE excluded.version END + 1",
                                updates->len ? ", " : "", table, table);
      else
        g_string_append_printf (updates, "%s%s = excluded.%s", updates->len ? ", " : "", quoted,
                                quoted);
    }
  g_string_append_printf (sql, ") VALUES (%s)", values->str);
  if (upsert && updates->len)
    g_string_append_printf (sql, " ON CONFLICT (id) DO UPDATE SET %s", updates->str);
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) value = NULL;

      g_variant_get_child (row, i, "{&sv}", NULL, &value);
      bind_value (stmt, (int) i + 1, value);
    }
  return step_done (self, stmt, error);
}

gboolean
rk_store_put_rows (RkStore *self, RkRowSet set, gint64 key, GVariant *rows, GError **error)
{
  g_autoptr(GVariant) now = NULL;
  g_autofree char *delete_sql = NULL;
  gboolean entity;
  RkDbStmt *stmt;

  g_return_val_if_fail (set < RK_N_ROWS, FALSE);
  if (!require_tx (self))
    return FALSE;
  now = rk_store_get_rows (self, set, key, error);
  if (now == NULL)
    return FALSE;
  if (rk_rows_same_values (now, rows))
    return TRUE;

  entity = g_strcmp0 (row_sets[set].key, "id") == 0;
  touch (self, row_sets[set].table);
  if (entity && g_variant_n_children (rows) > 0)
    {
      g_autoptr(GVariant) row = g_variant_get_child_value (rows, 0);

      /* In place: deleting first would cascade to the rows that hang on it. */
      return insert_row (self, row_sets[set].table, row, TRUE, error);
    }
  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", row_sets[set].table,
                                row_sets[set].key);
  stmt = prepare (self, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, key);
  if (!step_done (self, stmt, error))
    return FALSE;
  for (gsize i = 0; i < g_variant_n_children (rows); i++)
    {
      g_autoptr(GVariant) row = g_variant_get_child_value (rows, i);

      if (!insert_row (self, row_sets[set].table, row, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- whole databases: migration to the server, the server's roles ------ */

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

/* Every table, parents before the rows that refer to them. A table a later
 * migration adds belongs here too: copying refuses a database with a table
 * it does not know rather than leave its rows behind. */
static const struct
{
  const char *table;
  const char *order;
  gboolean    identity;     /* an "id" the server numbers from a sequence */
} copy_tables[] = {
  { "settings", "key", FALSE },
  { "staff", "id", TRUE },
  { "staff_unavailable", "id", TRUE },
  { "venue", "id", TRUE },
  { "venue_closing", "id", TRUE },
  { "room", "id", TRUE },
  { "equipment", "id", TRUE },
  { "program", "id", TRUE },
  { "program_requirement", "program_id, role", FALSE },
  { "event", "id", TRUE },
  { "event_exception", "event_id, occ_date", FALSE },
  { "assignment", "id", TRUE },
  { "event_equipment", "event_id, equipment_id", FALSE },
};

static gboolean
is_copied_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    if (g_strcmp0 (copy_tables[i].table, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
known_tables_only (RkStore *self, GError **error)
{
  g_autofree char *unknown = NULL;
  RkDbStmt *stmt;
  int rc;

  stmt = prepare (self,
                  dialect (self,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                           "SELECT tablename::text FROM pg_catalog.pg_tables "
                           "WHERE schemaname = current_schema() ORDER BY tablename"),
                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      const char *name = col_text (stmt, 0);

      /* renkei_meta and renkei_changes are the database's own books. */
      if (!is_copied_table (name) && !g_str_has_prefix (name, "renkei_"))
        {
          unknown = g_strdup (name);
          break;
        }
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return db_error (self, error);
  if (unknown)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s holds a table this version of Renkei cannot copy (%s); "
                     "nothing was copied"),
                   self->db->name, unknown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
holds_no_data (RkStore *self, GError **error)
{
  /* The settings do not count: a new database has its defaults. */
  for (guint i = 1; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", copy_tables[i].table);
      RkDbStmt *stmt = prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = rk_db_step (stmt);
      rk_db_reset (stmt);
      if (rc == RK_DB_FAIL)
        return db_error (self, error);
      if (rc == RK_DB_ROW)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("%s already holds data (the table %s is not empty); copy only into a "
                         "new, empty database. Nothing was copied"),
                       self->db->name, copy_tables[i].table);
          return FALSE;
        }
    }
  return TRUE;
}

/* The current row, every column, as rk_store_get_rows() gives it. */
static GVariant *
row_variant (RkDbStmt *stmt)
{
  GVariantBuilder row;

  g_variant_builder_init (&row, G_VARIANT_TYPE ("a{sv}"));
  for (int i = 0; i < rk_db_column_count (stmt); i++)
    g_variant_builder_add (&row, "{sv}", rk_db_column_name (stmt, i), column_value (stmt, i));
  return g_variant_ref_sink (g_variant_builder_end (&row));
}

/* The columns of table in this program's schema (the destination's, made
 * by this program), quoted and comma-separated: a source file's own column
 * names never reach the SQL, and columns a crafted file adds are left out. */
static char *
copy_columns (RkStore *dst, const char *table, GError **error)
{
  g_autoptr(GString) cols = g_string_new (NULL);
  RkDbStmt *stmt;
  int rc;

  stmt = prepare (dst,
                  dialect (dst, "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                           "SELECT column_name::text FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND table_name = ? "
                           "ORDER BY ordinal_position"),
                  error);
  if (stmt == NULL)
    return NULL;
  rk_db_bind_text (stmt, 1, table);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      g_autofree char *quoted = quote_ident (col_text (stmt, 0));

      g_string_append_printf (cols, "%s%s", cols->len ? ", " : "", quoted);
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    {
      db_error (dst, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&cols), FALSE);
}

static gboolean
copy_table (RkStore *src, RkStore *dst, guint t, gint64 *rows, GError **error)
{
  g_autofree char *cols = copy_columns (dst, copy_tables[t].table, error);
  g_autofree char *sql = NULL;
  RkDbStmt *stmt;
  int rc;

  *rows = 0;
  if (cols == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", cols, copy_tables[t].table,
                         copy_tables[t].order);
  stmt = prepare (src, sql, error);
  if (stmt == NULL)
    return FALSE;
  touch (dst, copy_tables[t].table);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      g_autoptr(GVariant) row = row_variant (stmt);

      if (!insert_row (dst, copy_tables[t].table, row, FALSE, error))
        {
          rk_db_reset (stmt);
          return FALSE;
        }
      (*rows)++;
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return db_error (src, error);
  return TRUE;
}

/* The server numbers new rows from a sequence that knows nothing of the
 * ids copied in: move each past the largest. */
static gboolean
reset_sequences (RkStore *self, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *sql = NULL;
      RkDbStmt *stmt;

      if (!copy_tables[i].identity)
        continue;
      sql = g_strdup_printf ("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                             "COALESCE(MAX(id), 0) + 1, false) FROM %s",
                             copy_tables[i].table, copy_tables[i].table);
      stmt = prepare (self, sql, error);
      if (stmt == NULL || !step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rk_store_copy_to (RkStore *src, RkStore *dst, GArray **counts, GError **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkCopyCount));
  RkDbStmt *stmt;
  gboolean copying = FALSE;

  g_return_val_if_fail (RK_IS_STORE (src) && RK_IS_STORE (dst) && src != dst, FALSE);
  g_return_val_if_fail (!src->in_tx && !dst->in_tx, FALSE);

  /* The destination's writer lock first, then the source's snapshot: what
   * is read is one moment of the source, whatever its coordinators do. */
  if (!rk_store_begin (dst, error))
    return FALSE;
  if (!rk_db_begin (src->db, FALSE))
    {
      db_error (src, error);
      rk_store_rollback (dst);
      return FALSE;
    }
  if (!known_tables_only (src, error) || !holds_no_data (dst, error))
    goto failed;

  copying = TRUE;
  stmt = prepare (dst, "DELETE FROM settings", error);
  if (stmt == NULL || !step_done (dst, stmt, error))
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      RkCopyCount count = { copy_tables[i].table, 0 };

      if (!copy_table (src, dst, i, &count.rows, error))
        goto failed;
      g_array_append_val (out, count);
    }
  if (dst->db->kind == RK_DB_POSTGRES && !reset_sequences (dst, error))
    goto failed;

  rk_db_rollback (src->db);
  if (!rk_store_commit (dst, error))
    {
      g_prefix_error (error, _("Nothing was copied: "));
      return FALSE;
    }
  if (counts)
    *counts = g_steal_pointer (&out);
  return TRUE;

failed:
  rk_db_rollback (src->db);
  rk_store_rollback (dst);
  if (copying)
    g_prefix_error (error, _("Nothing was copied: "));
  return FALSE;
}

#define DEFAULT_COORDINATORS "renkei_coordinator"
#define DEFAULT_VIEWERS      "renkei_viewer"

/* Names go into SQL text (GRANT takes no parameters): only these. */
static gboolean
valid_role_name (const char *name)
{
  static const char * const reserved[] = { "public", "none", "current_user", "current_role",
                                           "session_user", NULL };
  gsize len = strlen (name);

  if (len == 0 || len > 63 || !(g_ascii_islower (name[0]) || name[0] == '_'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '_')
      return FALSE;
  return !g_str_has_prefix (name, "pg_") && !g_strv_contains (reserved, name);
}

static char *
quote_ident (const char *name)
{
  g_autoptr(GString) out = g_string_new (name);

  g_string_replace (out, "\"", "\"\"", 0);
  g_string_prepend_c (out, '"');
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
exec_sql (RkStore *self, const char *sql, GError **error)
{
  if (!rk_db_exec (self->db, sql))
    return db_error (self, error);
  return TRUE;
}

/* The first row of a query with up to two text parameters: its first
 * column as text and its second as a number (0 when absent). FALSE on a
 * failed query; *text NULL when there was no row. */
static gboolean
query_row (RkStore *self, const char *sql, const char *a, const char *b, char **text,
           gint64 *number, GError **error)
{
  RkDbStmt *stmt = prepare (self, sql, error);
  int rc;

  *text = NULL;
  if (number)
    *number = 0;
  if (stmt == NULL)
    return FALSE;
  if (a)
    rk_db_bind_text (stmt, 1, a);
  if (b)
    rk_db_bind_text (stmt, 2, b);
  rc = rk_db_step (stmt);
  if (rc == RK_DB_ROW)
    {
      *text = g_strdup (col_text (stmt, 0) ? col_text (stmt, 0) : "");
      if (number && rk_db_column_count (stmt) > 1)
        *number = rk_db_column_int64 (stmt, 1);
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return db_error (self, error);
  return TRUE;
}

/* GRANT CONNECT on the database, USAGE on the schema: by their owner; any
 * other user may go on when the roles have it already (PUBLIC's defaults). */
static gboolean
grant_on_container (RkStore *self, const char *kind, const char *owner_sql, const char *has_sql,
                    const char *privilege, const char *object, const char *roles,
                    const char *coordinators, const char *viewers, GError **error)
{
  g_autofree char *owner = NULL;
  g_autofree char *has_c = NULL, *has_v = NULL;
  gint64 is_owner = 0, c = 0, v = 0;

  if (!query_row (self, owner_sql, NULL, NULL, &owner, &is_owner, error))
    return FALSE;
  if (is_owner)
    {
      g_autofree char *quoted = quote_ident (object);
      g_autofree char *sql = g_strdup_printf ("GRANT %s ON %s %s TO %s", privilege, kind, quoted,
                                              roles);

      return exec_sql (self, sql, error);
    }
  if (!query_row (self, has_sql, coordinators, NULL, &has_c, &c, error) ||
      !query_row (self, has_sql, viewers, NULL, &has_v, &v, error))
    return FALSE;
  if (c && v)
    return TRUE;
  g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
               /* TRANSLATORS: "%s %s" is "CONNECT on DATABASE renkei" or "USAGE on SCHEMA public" */
               _("The roles need %s on %s %s, which only its owner %s can grant; "
                 "run server init as %s"),
               privilege, kind, object, owner ? owner : "?", owner ? owner : "?");
  return FALSE;
}

static gboolean
init_roles (RkStore *self, const char *coordinators, const char *viewers, GError **error)
{
  g_autofree char *me = NULL, *database = NULL, *schema = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *qc = quote_ident (coordinators);
  g_autofree char *qv = quote_ident (viewers);
  g_autofree char *both = g_strdup_printf ("%s, %s", qc, qv);
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GString) in_list = g_string_new (NULL);
  g_autoptr(GString) sequences = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *roles[] = { coordinators, viewers };
  gint64 may_create = 0;

  if (!query_row (self,
                  "SELECT current_user::text, (r.rolsuper OR r.rolcreaterole)::int "
                  "FROM pg_catalog.pg_roles r WHERE r.rolname = current_user",
                  NULL, NULL, &me, &may_create, error) ||
      !query_row (self, "SELECT current_database()::text", NULL, NULL, &database, NULL, error) ||
      !query_row (self, "SELECT current_schema()::text", NULL, NULL, &schema, NULL, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *found = NULL;
      g_autofree char *quoted = quote_ident (roles[i]);
      g_autofree char *create = g_strdup_printf ("CREATE ROLE %s NOLOGIN", quoted);

      if (!query_row (self, "SELECT rolname::text FROM pg_catalog.pg_roles "
                            "WHERE rolname = CAST(?1 AS name)",
                      roles[i], NULL, &found, NULL, error))
        return FALSE;
      if (found)
        continue;
      if (!may_create)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("Making the role %s needs the CREATEROLE privilege, which %s does not "
                         "have; run server init as a superuser or a user with CREATEROLE"),
                       roles[i], me ? me : "?");
          return FALSE;
        }
      if (!exec_sql (self, create, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_string_append_printf (tables, "%s, ", copy_tables[i].table);
      g_string_append_printf (in_list, "'%s', ", copy_tables[i].table);
    }
  g_string_append (tables, "renkei_meta, renkei_changes");
  g_string_append (in_list, "'renkei_meta', 'renkei_changes'");

  /* A GRANT by someone else only warns, so ownership is checked first. */
  g_string_printf (sql,
                   "SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c "
                   "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                   "AND c.relname IN (%s) AND NOT pg_catalog.pg_has_role(c.relowner, 'USAGE') "
                   "LIMIT 1",
                   in_list->str);
  if (!query_row (self, sql->str, NULL, NULL, &owner, NULL, error))
    return FALSE;
  if (owner)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("Granting access to Renkei's tables needs their owner %s, and %s is not "
                     "that role; run server init as %s"),
                   owner, me ? me : "?", owner);
      return FALSE;
    }

  if (!grant_on_container (self, "DATABASE",
                           "SELECT pg_catalog.pg_get_userbyid(datdba)::text, "
                           "pg_catalog.pg_has_role(datdba, 'USAGE')::int FROM pg_catalog.pg_database "
                           "WHERE datname = current_database()",
                           "SELECT '', has_database_privilege(CAST(?1 AS name), "
                           "current_database(), 'CONNECT')::int",
                           "CONNECT", database, both, coordinators, viewers, error) ||
      !grant_on_container (self, "SCHEMA",
                           "SELECT pg_catalog.pg_get_userbyid(nspowner)::text, "
                           "pg_catalog.pg_has_role(nspowner, 'USAGE')::int FROM pg_catalog.pg_namespace "
                           "WHERE nspname = current_schema()",
                           "SELECT '', has_schema_privilege(CAST(?1 AS name), "
                           "current_schema(), 'USAGE')::int",
                           "USAGE", schema, both, coordinators, viewers, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *seq = NULL;

      if (!copy_tables[i].identity)
        continue;
      if (!query_row (self, "SELECT pg_get_serial_sequence(?1, 'id')", copy_tables[i].table, NULL,
                      &seq, NULL, error))
        return FALSE;
      /* The server quotes the name it gives. */
      if (seq && *seq)
        g_string_append_printf (sequences, "%s%s", sequences->len ? ", " : "", seq);
    }

  /* Viewers lose whatever else they were given: exactly SELECT. */
  g_string_printf (sql,
                   "REVOKE ALL ON TABLE %s FROM PUBLIC; "
                   "REVOKE ALL ON TABLE %s FROM %s; "
                   "GRANT SELECT ON TABLE %s TO %s; "
                   "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %s TO %s; ",
                   tables->str, tables->str, qv, tables->str, both, tables->str, qc);
  g_string_append_printf (sql, "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE renkei_meta, "
                               "renkei_changes FROM %s; ", qc);
  if (sequences->len)
    g_string_append_printf (sql, "REVOKE ALL ON SEQUENCE %s FROM %s; "
                                 "GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO %s",
                            sequences->str, qv, sequences->str, qc);
  if (!exec_sql (self, sql->str, error))
    return FALSE;

  /* What the roles can do now, through every role they belong to. */
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *ok = NULL;
      gint64 writes = 0;
      const char *t = copy_tables[i].table;

      if (!query_row (self,
                      "SELECT '', (has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'SELECT') "
                      "AND has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'INSERT') "
                      "AND has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'UPDATE') "
                      "AND has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'DELETE'))::int",
                      coordinators, t, &ok, &writes, error))
        return FALSE;
      if (!writes)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("The role %s did not get read and write access to the table %s; "
                         "run server init as the owner of Renkei's tables"),
                       coordinators, t);
          return FALSE;
        }
      g_clear_pointer (&ok, g_free);
      if (!query_row (self,
                      "SELECT '', has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), "
                      "'INSERT, UPDATE, DELETE, TRUNCATE')::int",
                      viewers, t, &ok, &writes, error))
        return FALSE;
      if (writes)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("The role %s can still change the table %s through another role it "
                         "belongs to; revoke that membership so that viewers may only read"),
                       viewers, t);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
rk_store_server_init_roles (RkStore *self, const char *coordinators, const char *viewers,
                            GError **error)
{
  const char *names[2];

  g_return_val_if_fail (RK_IS_STORE (self), FALSE);
  if (!rk_store_is_server (self))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%s is a database file: roles belong to a PostgreSQL server, and the "
                     "file's own permissions decide who may change it"),
                   self->db->name);
      return FALSE;
    }
  names[0] = coordinators ? coordinators : DEFAULT_COORDINATORS;
  names[1] = viewers ? viewers : DEFAULT_VIEWERS;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!valid_role_name (names[i]))
      {
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("“%s” cannot be a role name: use 1 to 63 lower-case letters, digits and "
                       "_, not starting with a digit or pg_"),
                     names[i]);
        return FALSE;
      }
  if (strcmp (names[0], names[1]) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Coordinators and viewers need two different roles, not both %s"),
                   names[0]);
      return FALSE;
    }

  /* One transaction: a failed grant leaves no half-made roles behind. */
  if (!rk_store_begin (self, error))
    return FALSE;
  if (!init_roles (self, names[0], names[1], error))
    {
      rk_store_rollback (self);
      return FALSE;
    }
  return rk_store_commit (self, error);
}
