#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-recurrence.h"
#include "rk-store-private.h"
#include "rk-store-unchanged.h"

/* Event rows, exceptions, assignments, and the rows series edits and
 * imports move or clear. */

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

/* Whether the program and the room an event names exist: one question to
 * the database for both; ids in known (when given) were found before. */
static gboolean
event_refs_exist (RkStore *self, RkEvent *event, GHashTable *known, GError **error)
{
  gint64 program = rk_event_get_program_id (event), room = rk_event_get_room_id (event);
  gboolean ask_program = program > 0 && !(known && g_hash_table_contains (known, &program));
  gboolean ask_room = room > 0 && !(known && g_hash_table_contains (known, &(gint64){ -room }));
  gboolean have_program = TRUE, have_room = TRUE;
  RkDbStmt *stmt;

  if (!ask_program && !ask_room)
    return TRUE;
  stmt = rk_store_prepare (self,
                           "SELECT (SELECT 1 FROM program WHERE id = ?1), "
                           "(SELECT 1 FROM room WHERE id = ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, ask_program ? program : 0);
  rk_db_bind_int64 (stmt, 2, ask_room ? room : 0);
  if (rk_db_step (stmt) == RK_DB_ROW)
    {
      have_program = !ask_program || rk_db_column_type (stmt, 0) != RK_DB_NULL;
      have_room = !ask_room || rk_db_column_type (stmt, 1) != RK_DB_NULL;
    }
  else
    have_program = have_room = FALSE;
  rk_db_reset (stmt);
  if (!have_program)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no program with id %" PRId64
                     "; see “renkei-cli program list”"),
                   program);
      return FALSE;
    }
  if (!have_room)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no room with id %" PRId64 "; see “renkei-cli room list”"),
                   room);
      return FALSE;
    }
  if (known && ask_program)
    g_hash_table_add (known, g_memdup2 (&program, sizeof program));
  if (known && ask_room)
    g_hash_table_add (known, g_memdup2 (&(gint64){ -room }, sizeof room));
  return TRUE;
}

static gboolean
check_event (RkStore *self, RkEvent *event, GHashTable *known, RkMinute *start, RkMinute *end,
             GError **error)
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
  if (rk_event_get_all_day (event) &&
      (rk_minute_of_day (*start) != 0 || rk_minute_of_day (*end) != 0))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("An all-day event starts and ends at midnight (%s to %s): give whole days"),
                   rk_event_get_start (event), rk_event_get_end (event));
      return FALSE;
    }
  if (rk_event_get_program_id (event) <= 0 && (title == NULL || *title == '\0'))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("An event needs a program or a title"));
      return FALSE;
    }
  if (!event_refs_exist (self, event, known, error))
    return FALSE;
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

static gboolean
insert_equipment (RkStore *self, gint64 event_id, GArray *equipment, GError **error)
{
  RkDbStmt *stmt;

  for (guint i = 0; equipment && i < equipment->len; i++)
    {
      gint64 item = g_array_index (equipment, gint64, i);

      if (!rk_store_row_exists (self, "SELECT 1 FROM equipment WHERE id = ?", item))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                       _("There is no equipment with id %" PRId64
                         "; see “renkei-cli equipment list”"),
                       item);
          return FALSE;
        }
      stmt = rk_store_prepare (self,
                               "INSERT INTO event_equipment (event_id, equipment_id) VALUES (?, ?) "
                               "ON CONFLICT DO NOTHING",
                               error);
      if (stmt == NULL)
        return FALSE;
      rk_db_bind_int64 (stmt, 1, event_id);
      rk_db_bind_int64 (stmt, 2, item);
      if (!rk_store_step_done (self, stmt, error))
        return FALSE;
    }
  rk_store_touch (self, "event_equipment");
  return TRUE;
}

gboolean
rk_store_set_event_equipment (RkStore *self, gint64 event_id, GArray *equipment, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self, "DELETE FROM event_equipment WHERE event_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  rk_store_touch (self, "event_equipment");
  return insert_equipment (self, event_id, equipment, error);
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
  rk_db_bind_int (stmt, 12, rk_event_get_all_day (event) ? 1 : 0);
}

/* Checks a new event and binds the 13 columns of RK_STORE_EVENT_INSERT;
 * *uid: the event's, or a new one when it has none. */
gboolean
rk_store_bind_new_event (RkStore *self, RkEvent *event, GHashTable *known, RkDbStmt *stmt,
                         char **uid, GError **error)
{
  RkMinute start, end;
  char series_end[17];
  gboolean endless;

  if (!check_event (self, event, known, &start, &end, error) ||
      !event_series_end (event, start, end, series_end, &endless, error))
    return FALSE;
  *uid = g_strdup (rk_event_get_uid (event));
  if (*uid == NULL || **uid == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_free (*uid);
      *uid = g_strdup_printf ("%s@renkei", uuid);
    }
  bind_event (stmt, event, series_end, endless);
  bind_text (stmt, 13, *uid);
  return TRUE;
}

gint64
rk_store_add_event (RkStore *self, RkEvent *event, GArray *equipment, GError **error)
{
  RkDbStmt *stmt;
  g_autofree char *uid = NULL;
  gint64 id;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self,
                           RK_STORE_EVENT_INSERT ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "RETURNING id",
                           error);
  if (stmt == NULL || !rk_store_bind_new_event (self, event, NULL, stmt, &uid, error))
    return 0;
  id = rk_store_insert_done (self, stmt, "event", error);
  if (id == 0)
    return 0;
  if (equipment && equipment->len && !insert_equipment (self, id, equipment, error))
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

  if (!rk_store_require_tx (self) || !check_event (self, event, NULL, &start, &end, error) ||
      !event_series_end (event, start, end, series_end, &endless, error))
    return FALSE;
  if (rk_store_event_unchanged (self, event))
    return TRUE;
  stmt = rk_store_prepare (self,
                           "UPDATE event SET program_id = ?, title = ?, start_at = ?, end_at = ?, "
                           "series_end = ?, room_id = ?, capacity = ?, notes = ?, rrule = ?, "
                           "on_holiday = ?, tentative = ?, all_day = ?, version = version + 1 "
                           "WHERE id = ? AND version = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_event (stmt, event, series_end, endless);
  rk_db_bind_int64 (stmt, 13, rk_event_get_id (event));
  rk_db_bind_int64 (stmt, 14, rk_event_get_version (event));
  if (!rk_store_update_done (self, stmt, "event", "SELECT 1 FROM event WHERE id = ?",
                             rk_event_get_id (event), _("event"), error))
    return FALSE;
  rk_event_set_version (event, rk_event_get_version (event) + 1);
  return TRUE;
}

#define EVENT_COLS                                                                        \
  "e.id, e.program_id, p.name, e.title, e.start_at, e.end_at, e.room_id, e.capacity, "    \
  "e.notes, e.rrule, e.on_holiday, e.tentative, e.uid, e.version, e.cancelled, e.all_day"

RkEvent *
rk_store_get_event (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
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
                          "all-day", rk_db_column_int (stmt, 15) != 0,
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
  RkDbStmt *stmt = rk_store_prepare (self, "SELECT id FROM event WHERE uid = ?", error);
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

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int (stmt, 1, value ? 1 : 0);
  rk_db_bind_int64 (stmt, 2, id);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no event with id %" PRId64 "; see “renkei-cli event list”"),
                   id);
      return FALSE;
    }
  rk_store_touch (self, "event");
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
  return rk_store_delete_rows (self, "DELETE FROM event WHERE id = ?", "event", id, 0, error);
}

gboolean
rk_store_set_exception (RkStore *self, gint64 event_id, RkDay occ_date, RkExceptionKind kind,
                        RkMinute start, RkMinute end, const char *reason, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (
      self,
      RK_STORE_EXCEPTION_INSERT " (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, occ_date) DO UPDATE SET "
      "kind = excluded.kind, start_at = excluded.start_at, end_at = excluded.end_at, "
      "reason = excluded.reason, version = event_exception.version + 1",
      error);
  if (stmt == NULL)
    return FALSE;
  rk_store_bind_exception (stmt, event_id, occ_date, kind, start, end, reason);
  rk_store_touch (self, "event_exception");
  return rk_store_step_done (self, stmt, error);
}

void
rk_store_bind_exception (RkDbStmt *stmt, gint64 event_id, RkDay occ_date, RkExceptionKind kind,
                         RkMinute start, RkMinute end, const char *reason)
{
  static const char * const kinds[] = { "cancelled", "moved", "skipped" };

  rk_db_bind_int64 (stmt, 1, event_id);
  bind_date (stmt, 2, occ_date);
  rk_db_bind_text (stmt, 3, kinds[kind]);
  if (kind == RK_EXCEPTION_MOVED)
    {
      bind_time (stmt, 4, start);
      bind_time (stmt, 5, end);
    }
  bind_text (stmt, 6, reason);
}

gboolean
rk_store_delete_exception (RkStore *self, gint64 event_id, RkDay occ_date, GError **error)
{
  return rk_store_delete_rows (self,
                               "DELETE FROM event_exception WHERE event_id = ? AND occ_date = ?",
                               "event_exception", event_id, occ_date, error);
}

/* ---- assignments -------------------------------------------------------- */

/* Returns 1 and *excluded when a row exists, 0 when none. */
static int
assignment_row (RkStore *self, gint64 event_id, gint64 staff_id, RkDay occ_date,
                gboolean *excluded)
{
  RkDbStmt *stmt = rk_store_prepare (self,
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
  RkDbStmt *stmt = rk_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_int64 (stmt, 2, staff_id);
  bind_date (stmt, 3, occ_date);
  rk_db_bind_int (stmt, 4, value);
  rk_store_touch (self, "assignment");
  return rk_store_step_done (self, stmt, error);
}

gboolean
rk_store_assign (RkStore *self, gint64 event_id, gint64 staff_id, RkDay occ_date,
                 gboolean tentative, GError **error)
{
  gboolean excluded = FALSE, series_excluded = FALSE;
  int own, series = 0;

  if (!rk_store_require_tx (self))
    return FALSE;
  if (!rk_store_row_exists (self, "SELECT 1 FROM event WHERE id = ?", event_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no event with id %" PRId64 "; see “renkei-cli event list”"),
                   event_id);
      return FALSE;
    }
  if (!rk_store_row_exists (self, "SELECT 1 FROM staff WHERE id = ?", staff_id))
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

  if (!rk_store_require_tx (self))
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

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self,
                           "UPDATE assignment SET tentative = 0, version = version + 1 "
                  "WHERE event_id = ? AND staff_id = ? AND (occ_date = ? OR occ_date = '') "
                           "AND excluded = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_int64 (stmt, 2, staff_id);
  bind_date (stmt, 3, occ_date);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Staff member %" PRId64 " is not assigned to event %" PRId64
                     "%s; nothing to confirm"),
                   staff_id, event_id, occ_date ? _(" on that date") : "");
      return FALSE;
    }
  rk_store_touch (self, "assignment");
  return TRUE;
}

gboolean
rk_store_copy_assignments (RkStore *self, gint64 from_event, gint64 to_event, RkDay min_occ_date,
                           GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self,
                  "INSERT INTO assignment (event_id, staff_id, occ_date, excluded, tentative) "
                           "SELECT ?1, staff_id, occ_date, excluded, tentative FROM assignment "
                  "WHERE event_id = ?2 AND (occ_date = '' OR (?3 <> '' AND occ_date >= ?3))",
                           error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, to_event);
  rk_db_bind_int64 (stmt, 2, from_event);
  bind_date (stmt, 3, min_occ_date);
  rk_store_touch (self, "assignment");
  return rk_store_step_done (self, stmt, error);
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
    "UPDATE attendance SET event_id = ?1 WHERE event_id = ?2 AND occ_date >= ?3",
  };

  if (!rk_store_require_tx (self))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      RkDbStmt *stmt = rk_store_prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      rk_db_bind_int64 (stmt, 1, to_event);
      rk_db_bind_int64 (stmt, 2, from_event);
      bind_date (stmt, 3, min_date);
      if (!rk_store_step_done (self, stmt, error))
        return FALSE;
    }
  rk_store_touch (self, "event_exception");
  rk_store_touch (self, "assignment");
  rk_store_touch (self, "attendance");
  return TRUE;
}

/* Drops the per-occurrence assignment rows of one occurrence. */
gboolean
rk_store_delete_occurrence_assignments (RkStore *self, gint64 event_id, RkDay occ_date,
                                        GError **error)
{
  return rk_store_delete_rows (self, "DELETE FROM assignment WHERE event_id = ? AND occ_date = ?",
                               "assignment", event_id, occ_date, error);
}

/* The original dates that carry exceptions or per-occurrence assignments. */
GArray *
rk_store_occurrence_dates (RkStore *self, gint64 event_id, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
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
  return rk_store_delete_rows (self, "DELETE FROM event_exception WHERE event_id = ?",
                               "event_exception", event_id, 0, error);
}
