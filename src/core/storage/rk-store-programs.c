#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-private.h"

/* Programs and the staff each needs by role. */

/* ---- programs ----------------------------------------------------------- */

static char *
program_requirements (RkStore *self, gint64 program_id)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT role, count, COALESCE(wish, count) "
                                     "FROM program_requirement WHERE program_id = ?",
                                     NULL);
  int counts[RK_N_ROLES] = { 0 }, wish[RK_N_ROLES] = { 0 };

  if (stmt == NULL)
    return g_strdup ("");
  rk_db_bind_int64 (stmt, 1, program_id);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      int role = rk_role_from_token (col_text (stmt, 0));
      if (role >= 0)
        {
          counts[role] = rk_db_column_int (stmt, 1);
          wish[role] = rk_db_column_int (stmt, 2);
        }
    }
  rk_db_reset (stmt);
  return rk_requirements_format_range (counts, wish);
}

void
rk_store_bind_requirement (RkDbStmt *stmt, gint64 program_id, int role, int count, int wish)
{
  rk_db_bind_int64 (stmt, 1, program_id);
  rk_db_bind_text (stmt, 2, rk_role_to_token (role));
  rk_db_bind_int (stmt, 3, count);
  if (wish > count)
    rk_db_bind_int (stmt, 4, wish);
  else
    rk_db_bind_null (stmt, 4);
}

static gboolean
save_requirements (RkStore *self, gint64 program_id, const int counts[RK_N_ROLES],
                   const int wish[RK_N_ROLES], GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self, "DELETE FROM program_requirement WHERE program_id = ?",
                                error);

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, program_id);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  for (int r = 0; r < RK_N_ROLES; r++)
    {
      if (counts[r] <= 0)
        continue;
      stmt = rk_store_prepare (self, RK_STORE_REQUIREMENT_INSERT " (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      rk_store_bind_requirement (stmt, program_id, r, counts[r], wish[r]);
      if (!rk_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_program (RkProgram *program, int counts[RK_N_ROLES], int wish[RK_N_ROLES],
               GError **error)
{
  const char *color = rk_program_get_color (program);

  if (!rk_store_check_name (rk_program_get_name (program), _("program"), error))
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
  return rk_requirements_parse_range (rk_program_get_requirements (program), counts, wish,
                                      error);
}

#define PROGRAM_COLS "id, name, duration, audience, bring, color, version, staff_only"

static RkProgram *
program_from_row (RkDbStmt *stmt)
{
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

gboolean
rk_store_bind_new_program (RkProgram *program, RkDbStmt *stmt, int counts[RK_N_ROLES],
                           int wish[RK_N_ROLES], GError **error)
{
  if (!check_program (program, counts, wish, error))
    return FALSE;
  bind_text (stmt, 1, rk_program_get_name (program));
  rk_db_bind_int (stmt, 2, rk_program_get_duration (program));
  bind_text (stmt, 3, rk_program_get_audience (program));
  bind_text (stmt, 4, rk_program_get_bring (program));
  bind_text (stmt, 5, rk_program_get_color (program));
  rk_db_bind_int (stmt, 6, rk_program_get_staff_only (program) ? 1 : 0);
  return TRUE;
}

gboolean
rk_store_program_duplicate (RkProgram *program, GError **error)
{
  return rk_store_duplicate_name (
      error, g_strdup_printf (_("A program named “%s” already exists; choose another name"),
                              rk_program_get_name (program)));
}

gint64
rk_store_add_program (RkStore *self, RkProgram *program, GError **error)
{
  int counts[RK_N_ROLES], wish[RK_N_ROLES];
  RkDbStmt *stmt;
  gint64 id;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self, RK_STORE_PROGRAM_INSERT ") VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           error);
  if (stmt == NULL || !rk_store_bind_new_program (program, stmt, counts, wish, error))
    return 0;
  id = rk_store_insert_done (self, stmt, "program", error);
  if (id == 0)
    return rk_store_program_duplicate (program, error);
  if (!save_requirements (self, id, counts, wish, error))
    return 0;
  rk_program_set_id (program, id);
  rk_program_set_version (program, 1);
  return id;
}

gboolean
rk_store_update_program (RkStore *self, RkProgram *program, GError **error)
{
  int counts[RK_N_ROLES], wish[RK_N_ROLES];
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self,
                  "UPDATE program SET name = ?, duration = ?, audience = ?, bring = ?, color = ?, "
                           "staff_only = ?, version = version + 1 WHERE id = ? AND version = ?",
                           error);
  /* The columns in the INSERT's order. */
  if (stmt == NULL || !rk_store_bind_new_program (program, stmt, counts, wish, error))
    return FALSE;
  rk_db_bind_int64 (stmt, 7, rk_program_get_id (program));
  rk_db_bind_int64 (stmt, 8, rk_program_get_version (program));
  if (!rk_store_update_done (self, stmt, "program", "SELECT 1 FROM program WHERE id = ?",
                             rk_program_get_id (program), _("program"), error))
    return rk_store_program_duplicate (program, error);
  if (!save_requirements (self, rk_program_get_id (program), counts, wish, error))
    return FALSE;
  rk_program_set_version (program, rk_program_get_version (program) + 1);
  return TRUE;
}

RkProgram *
rk_store_get_program (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt
      = rk_store_prepare (self, "SELECT " PROGRAM_COLS " FROM program WHERE id = ?", error);
  RkProgram *program = NULL;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    program = program_from_row (stmt);
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
  RkDbStmt *stmt
      = rk_store_prepare (self, "SELECT " PROGRAM_COLS " FROM program ORDER BY id", error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  rk_store_reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, program_from_row (stmt));
  rk_db_reset (stmt);
  for (guint i = 0; i < out->len; i++)
    {
      RkProgram *p = g_ptr_array_index (out, i);
      g_autofree char *reqs = program_requirements (self, rk_program_get_id (p));
      rk_program_set_requirements (p, reqs);
    }
  return rk_store_list_or_error (self, out, error);
}
