#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rk-availability.h"
#include "rk-error.h"
#include "rk-store-private.h"

/* The weekly patterns and limits of the staff: windows in
 * staff_availability, limits in two columns of staff. */

static void
clock_text (int minute, char buf[6])
{
  g_snprintf (buf, 6, "%02d:%02d", minute / 60, minute % 60);
}

static int
clock_of (const char *text)
{
  int m = 0;

  return rk_clock_parse (text, &m) ? m : 0;
}

gboolean
rk_store_load_availability (RkStore *self, RkSchedule *s, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT staff_id, weekday, start_time, end_time "
                                     "FROM staff_availability ORDER BY staff_id, weekday, start_time",
                                     error);

  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSStaff *st = rk_schedule_staff (s, rk_db_column_int64 (stmt, 0));
      RkSWindow w;

      if (st == NULL)
        continue;
      w.weekday = rk_db_column_int (stmt, 1);
      w.start = clock_of (rk_db_column_text (stmt, 2));
      w.end = clock_of (rk_db_column_text (stmt, 3));
      if (st->windows == NULL)
        st->windows = g_array_new (FALSE, FALSE, sizeof (RkSWindow));
      g_array_append_val (st->windows, w);
    }
  rk_db_reset (stmt);
  return TRUE;
}

static gboolean
read_limits (RkStore *self, gint64 staff_id, RkAvailability *a, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT COALESCE(max_week_minutes, 0), "
                                     "COALESCE(max_sessions_month, 0) FROM staff WHERE id = ?",
                                     error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, staff_id);
  if (rk_db_step (stmt) == RK_DB_ROW)
    {
      a->max_week_minutes = rk_db_column_int (stmt, 0);
      a->max_sessions_month = rk_db_column_int (stmt, 1);
      found = TRUE;
    }
  rk_db_reset (stmt);
  if (!found)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("There is no staff member with id %" PRId64 "; see “renkei-cli staff list”"),
                 staff_id);
  return found;
}

RkAvailability *
rk_store_get_availability (RkStore *self, gint64 staff_id, GError **error)
{
  g_autoptr(RkAvailability) a = rk_availability_new ();
  RkDbStmt *stmt;

  if (!read_limits (self, staff_id, a, error))
    return NULL;
  stmt = rk_store_prepare (self,
                           "SELECT weekday, start_time, end_time FROM staff_availability "
                           "WHERE staff_id = ? ORDER BY weekday, start_time",
                           error);
  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, staff_id);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSWindow w = { rk_db_column_int (stmt, 0), clock_of (rk_db_column_text (stmt, 1)),
                      clock_of (rk_db_column_text (stmt, 2)) };
      g_array_append_val (a->windows, w);
    }
  rk_db_reset (stmt);
  return g_steal_pointer (&a);
}

static void
bind_limit (RkDbStmt *stmt, int i, int value)
{
  if (value > 0)
    rk_db_bind_int (stmt, i, value);
  else
    rk_db_bind_null (stmt, i);
}

gboolean
rk_store_set_availability (RkStore *self, gint64 staff_id, const RkAvailability *a,
                           GError **error)
{
  RkAvailability old = { NULL, 0, 0 };
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self) || !read_limits (self, staff_id, &old, error))
    return FALSE;
  for (guint i = 0; i < a->windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (a->windows, RkSWindow, i);
      if (w->weekday < 1 || w->weekday > 7 || w->start < 0 || w->end > RK_MINUTES_PER_DAY ||
          w->end <= w->start)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("A time a person can work must end after it starts, within one day"));
          return FALSE;
        }
    }

  /* The limits belong to the person's row: its version moves on, so an
   * editor holding the old row is told someone else changed it. */
  stmt = rk_store_prepare (self,
                           "UPDATE staff SET max_week_minutes = ?, max_sessions_month = ?, "
                           "version = version + 1 WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_limit (stmt, 1, a->max_week_minutes);
  bind_limit (stmt, 2, a->max_sessions_month);
  rk_db_bind_int64 (stmt, 3, staff_id);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;

  stmt = rk_store_prepare (self, "DELETE FROM staff_availability WHERE staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, staff_id);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < a->windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (a->windows, RkSWindow, i);
      char start[6], end[6];

      stmt = rk_store_prepare (self,
                               "INSERT INTO staff_availability (staff_id, weekday, start_time, "
                               "end_time) VALUES (?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      clock_text (w->start, start);
      clock_text (w->end, end);
      rk_db_bind_int64 (stmt, 1, staff_id);
      rk_db_bind_int (stmt, 2, w->weekday);
      rk_db_bind_text (stmt, 3, start);
      rk_db_bind_text (stmt, 4, end);
      if (!rk_store_step_done (self, stmt, error))
        return FALSE;
    }
  rk_store_touch (self, "staff");
  return TRUE;
}
