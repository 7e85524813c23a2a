#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-private.h"

/* Venues, their closing days, rooms and equipment. */

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

gboolean
rk_store_bind_new_venue (RkVenue *venue, RkDbStmt *stmt, GError **error)
{
  const char *kind = rk_venue_get_kind (venue);

  if (!rk_store_check_name (rk_venue_get_name (venue), _("venue"), error))
    return FALSE;
  bind_text (stmt, 1, rk_venue_get_name (venue));
  bind_text (stmt, 2, kind && *kind ? kind : "hub");
  bind_text (stmt, 3, rk_venue_get_address (venue));
  bind_text (stmt, 4, rk_venue_get_contact (venue));
  rk_db_bind_int (stmt, 5, rk_venue_get_closed_on_holidays (venue) ? 1 : 0);
  return TRUE;
}

gboolean
rk_store_venue_duplicate (RkVenue *venue, GError **error)
{
  return rk_store_duplicate_name (
      error, g_strdup_printf (_("A venue named “%s” already exists; choose another name"),
                              rk_venue_get_name (venue)));
}

gint64
rk_store_add_venue (RkStore *self, RkVenue *venue, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self, RK_STORE_VENUE_INSERT ") VALUES (?, ?, ?, ?, ?) RETURNING id",
                           error);
  if (stmt == NULL || !rk_store_bind_new_venue (venue, stmt, error))
    return 0;
  id = rk_store_insert_done (self, stmt, "venue", error);
  if (id == 0)
    return rk_store_venue_duplicate (venue, error);
  rk_venue_set_id (venue, id);
  rk_venue_set_version (venue, 1);
  return id;
}

gboolean
rk_store_update_venue (RkStore *self, RkVenue *venue, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self,
                  "UPDATE venue SET name = ?, kind = COALESCE(?, 'hub'), address = ?, contact = ?, "
                  "closed_on_holidays = ?, version = version + 1 WHERE id = ? AND version = ?",
                           error);
  /* The columns in the INSERT's order. */
  if (stmt == NULL || !rk_store_bind_new_venue (venue, stmt, error))
    return FALSE;
  rk_db_bind_int64 (stmt, 6, rk_venue_get_id (venue));
  rk_db_bind_int64 (stmt, 7, rk_venue_get_version (venue));
  if (!rk_store_update_done (self, stmt, "venue", "SELECT 1 FROM venue WHERE id = ?",
                             rk_venue_get_id (venue), _("venue"), error))
    return rk_store_venue_duplicate (venue, error);
  rk_venue_set_version (venue, rk_venue_get_version (venue) + 1);
  return TRUE;
}

RkVenue *
rk_store_get_venue (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self, "SELECT " VENUE_COLS " FROM venue WHERE id = ?", error);
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
  RkDbStmt *stmt = rk_store_prepare (self, "SELECT " VENUE_COLS " FROM venue ORDER BY id", error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  rk_store_reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, venue_from_row (stmt));
  rk_db_reset (stmt);
  return rk_store_list_or_error (self, out, error);
}

gboolean
rk_store_venue_exists (RkStore *self, GHashTable *known, gint64 venue_id, GError **error)
{
  if (known && g_hash_table_contains (known, &venue_id))
    return TRUE;
  if (!rk_store_row_exists (self, "SELECT 1 FROM venue WHERE id = ?", venue_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                   venue_id);
      return FALSE;
    }
  if (known)
    g_hash_table_add (known, g_memdup2 (&venue_id, sizeof venue_id));
  return TRUE;
}

gboolean
rk_store_bind_new_closing (RkStore *self, GHashTable *known, gint64 venue_id,
                           RkClosingKind kind, int start, int end, int weekday,
                           const char *reason, RkDbStmt *stmt, GError **error)
{
  static const char * const kinds[] = { "date", "range", "weekday", "yearly" };

  if (!rk_store_venue_exists (self, known, venue_id, error))
    return FALSE;
  if ((kind == RK_CLOSING_RANGE || kind == RK_CLOSING_DATE) && end < start)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The closing days end before they start; give --from before --to"));
      return FALSE;
    }
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
  return TRUE;
}

gint64
rk_store_add_closing (RkStore *self, gint64 venue_id, RkClosingKind kind, int start, int end,
                      int weekday, const char *reason, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self, RK_STORE_CLOSING_INSERT ") VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           error);
  if (stmt == NULL ||
      !rk_store_bind_new_closing (self, NULL, venue_id, kind, start, end, weekday, reason, stmt,
                                  error))
    return 0;
  return rk_store_insert_done (self, stmt, "venue_closing", error);
}

gboolean
rk_store_delete_closing (RkStore *self, gint64 id, GError **error)
{
  return rk_store_delete_rows (self, "DELETE FROM venue_closing WHERE id = ?", "venue_closing", id,
                               0, error);
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

gboolean
rk_store_bind_new_room (RkStore *self, GHashTable *known, RkRoom *room, RkDbStmt *stmt,
                        GError **error)
{
  if (!rk_store_check_name (rk_room_get_name (room), _("room"), error) ||
      !rk_store_venue_exists (self, known, rk_room_get_venue_id (room), error))
    return FALSE;
  if (rk_room_get_capacity (room) < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("A room's capacity cannot be negative"));
      return FALSE;
    }
  rk_db_bind_int64 (stmt, 1, rk_room_get_venue_id (room));
  bind_text (stmt, 2, rk_room_get_name (room));
  rk_db_bind_int (stmt, 3, rk_room_get_capacity (room));
  bind_text (stmt, 4, rk_room_get_features (room));
  return TRUE;
}

gboolean
rk_store_room_duplicate (RkRoom *room, GError **error)
{
  return rk_store_duplicate_name (
      error, g_strdup_printf (_("This venue already has a room named “%s”; choose another name"),
                              rk_room_get_name (room)));
}

gint64
rk_store_add_room (RkStore *self, RkRoom *room, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self, RK_STORE_ROOM_INSERT ") VALUES (?, ?, ?, ?) RETURNING id", error);
  if (stmt == NULL || !rk_store_bind_new_room (self, NULL, room, stmt, error))
    return 0;
  id = rk_store_insert_done (self, stmt, "room", error);
  if (id == 0)
    return rk_store_room_duplicate (room, error);
  rk_room_set_id (room, id);
  rk_room_set_version (room, 1);
  return id;
}

gboolean
rk_store_update_room (RkStore *self, RkRoom *room, GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self)
      || !rk_store_check_name (rk_room_get_name (room), _("room"), error))
    return FALSE;
  stmt = rk_store_prepare (self,
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
  if (!rk_store_update_done (self, stmt, "room", "SELECT 1 FROM room WHERE id = ?",
                             rk_room_get_id (room), _("room"), error))
    return rk_store_room_duplicate (room, error);
  rk_room_set_version (room, rk_room_get_version (room) + 1);
  return TRUE;
}

RkRoom *
rk_store_get_room (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt
      = rk_store_prepare (self,
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
  RkDbStmt *stmt = rk_store_prepare (
      self,
      "SELECT " ROOM_COLS " FROM room r JOIN venue v ON v.id = r.venue_id "
      "WHERE CAST(?1 AS BIGINT) IS NULL OR r.venue_id = ?1 ORDER BY r.venue_id, r.id",
      error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  bind_id (stmt, 1, venue_id);
  rk_store_reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, room_from_row (stmt));
  rk_db_reset (stmt);
  return rk_store_list_or_error (self, out, error);
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

gboolean
rk_store_bind_new_equipment (RkStore *self, GHashTable *known, RkEquipment *item,
                             RkDbStmt *stmt, GError **error)
{
  gint64 venue_id = rk_equipment_get_venue_id (item);

  if (!rk_store_check_name (rk_equipment_get_name (item), _("piece of equipment"), error) ||
      (venue_id > 0 && !rk_store_venue_exists (self, known, venue_id, error)))
    return FALSE;
  bind_text (stmt, 1, rk_equipment_get_name (item));
  bind_id (stmt, 2, venue_id);
  return TRUE;
}

gboolean
rk_store_equipment_duplicate (RkEquipment *item, GError **error)
{
  return rk_store_duplicate_name (
      error, g_strdup_printf (_("Equipment named “%s” already exists there; choose another name"),
                              rk_equipment_get_name (item)));
}

gint64
rk_store_add_equipment (RkStore *self, RkEquipment *item, GError **error)
{
  RkDbStmt *stmt;
  gint64 id;

  if (!rk_store_require_tx (self))
    return 0;
  stmt = rk_store_prepare (self, RK_STORE_EQUIPMENT_INSERT ") VALUES (?, ?) RETURNING id", error);
  if (stmt == NULL || !rk_store_bind_new_equipment (self, NULL, item, stmt, error))
    return 0;
  id = rk_store_insert_done (self, stmt, "equipment", error);
  if (id == 0)
    return rk_store_equipment_duplicate (item, error);
  rk_equipment_set_id (item, id);
  rk_equipment_set_version (item, 1);
  return id;
}

RkEquipment *
rk_store_get_equipment (RkStore *self, gint64 id, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
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
  RkDbStmt *stmt = rk_store_prepare (self,
                                "SELECT " EQUIPMENT_COLS " FROM equipment e "
                                "LEFT JOIN venue v ON v.id = e.venue_id ORDER BY e.id",
                                error);
  GPtrArray *out;

  if (stmt == NULL)
    return NULL;
  rk_store_reads_begin (self);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (rk_db_step (stmt) == RK_DB_ROW)
    g_ptr_array_add (out, equipment_from_row (stmt));
  rk_db_reset (stmt);
  return rk_store_list_or_error (self, out, error);
}


gboolean
rk_store_update_equipment (RkStore *self, RkEquipment *item, GError **error)
{
  gint64 venue_id = rk_equipment_get_venue_id (item);
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self)
      || !rk_store_check_name (rk_equipment_get_name (item), _("piece of equipment"), error))
    return FALSE;
  if (venue_id > 0 && !rk_store_row_exists (self, "SELECT 1 FROM venue WHERE id = ?", venue_id))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue with id %" PRId64 "; see “renkei-cli venue list”"),
                   venue_id);
      return FALSE;
    }
  stmt = rk_store_prepare (self,
                           "UPDATE equipment SET name = ?, venue_id = ?, version = version + 1 "
                           "WHERE id = ? AND version = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, rk_equipment_get_name (item));
  bind_id (stmt, 2, venue_id);
  rk_db_bind_int64 (stmt, 3, rk_equipment_get_id (item));
  rk_db_bind_int64 (stmt, 4, rk_equipment_get_version (item));
  if (!rk_store_update_done (self, stmt, "equipment", "SELECT 1 FROM equipment WHERE id = ?",
                             rk_equipment_get_id (item), _("piece of equipment"), error))
    return rk_store_equipment_duplicate (item, error);
  rk_equipment_set_version (item, rk_equipment_get_version (item) + 1);
  return TRUE;
}
