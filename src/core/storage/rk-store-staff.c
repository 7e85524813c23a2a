#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-private.h"
#include "rk-store-unchanged.h"

/* Staff rows and their unavailability. */

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

gboolean
rk_store_bind_new_staff (RkStaff *staff, RkDbStmt *stmt, GError **error)
{
  if (!check_staff (staff, error))
    return FALSE;
  bind_text (stmt, 1, rk_staff_get_name (staff));
  bind_text (stmt, 2, rk_staff_get_kana (staff));
  bind_text (stmt, 3, rk_staff_get_role (staff));
  bind_text (stmt, 4, rk_staff_get_org (staff));
  bind_text (stmt, 5, rk_staff_get_phone (staff));
  bind_text (stmt, 6, rk_staff_get_email (staff));
  rk_db_bind_int (stmt, 7, rk_staff_get_active (staff) ? 1 : 0);
  return TRUE;
}

gint64
rk_store_add_staff (RkStore *self, RkStaff *staff, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self, RK_STORE_STAFF_INSERT ") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           error);
  if (stmt == NULL || !rk_store_bind_new_staff (staff, stmt, error))
    return 0;
  id = rk_store_insert_done (self, stmt, "staff", error);
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

  if (!rk_store_require_tx (self) || !check_staff (staff, error))
    return FALSE;
  if (rk_store_staff_unchanged (self, staff))
    return TRUE;
  stmt = rk_store_prepare (self,
                  "UPDATE staff SET name = ?, kana = ?, role = ?, org = ?, phone = ?, email = ?, "
                           "active = ?, version = version + 1 WHERE id = ? AND version = ?",
                           error);
  /* The columns in the INSERT's order. */
  if (stmt == NULL || !rk_store_bind_new_staff (staff, stmt, error))
    return FALSE;
  rk_db_bind_int64 (stmt, 8, rk_staff_get_id (staff));
  rk_db_bind_int64 (stmt, 9, rk_staff_get_version (staff));
  if (!rk_store_update_done (self, stmt, "staff", "SELECT 1 FROM staff WHERE id = ?",
                             rk_staff_get_id (staff), _("staff member"), error))
    return FALSE;
  rk_staff_set_version (staff, rk_staff_get_version (staff) + 1);
  return TRUE;
}

RkStaff *
rk_store_get_staff (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self, "SELECT " STAFF_COLS " FROM staff WHERE id = ?", error);
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
  RkDbStmt *stmt = rk_store_prepare (
      self,
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
  rk_store_reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, staff_from_row (stmt));
  rk_db_reset (stmt);
  return rk_store_list_or_error (self, out, error);
}

gboolean
rk_store_check_unavailability (RkMinute from, RkMinute to, GError **error)
{
  if (to <= from)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The end of the unavailability must be after its start"));
      return FALSE;
    }
  return TRUE;
}

gint64
rk_store_add_unavailability (RkStore *self, gint64 staff_id, RkMinute from, RkMinute to,
                             const char *reason, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self) || !rk_store_check_unavailability (from, to, error))
    return 0;
  if (!rk_store_row_exists (self, "SELECT 1 FROM staff WHERE id = ?", staff_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no staff member with id %" PRId64
                     "; see “renkei-cli staff list”"),
                   staff_id);
      return 0;
    }
  stmt = rk_store_prepare (self,
                           RK_STORE_UNAVAILABILITY_INSERT " (?, ?, ?, ?) RETURNING id",
                           error);
  if (stmt == NULL)
    return 0;
  rk_db_bind_int64 (stmt, 1, staff_id);
  bind_time (stmt, 2, from);
  bind_time (stmt, 3, to);
  bind_text (stmt, 4, reason);
  return rk_store_insert_done (self, stmt, "staff_unavailable", error);
}

gboolean
rk_store_delete_unavailability (RkStore *self, gint64 id, GError **error)
{
  return rk_store_delete_rows (self, "DELETE FROM staff_unavailable WHERE id = ?",
                               "staff_unavailable", id, 0, error);
}


static void
unavailability_clear (gpointer data)
{
  g_free (((RkUnavailability *) data)->reason);
}

GArray *
rk_store_list_unavailability (RkStore *self, gint64 staff_id, GError **error)
{
  RkDbStmt *stmt
      = rk_store_prepare (self,
                          "SELECT id, staff_id, start_at, end_at, reason FROM staff_unavailable "
                          "WHERE staff_id = ? ORDER BY start_at, id",
                          error);
  GArray *out;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, staff_id);
  rk_store_reads_begin (self);
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
  if (!rk_store_reads_ok (self, TRUE, error))
    g_clear_pointer (&out, g_array_unref);
  return out;
}
