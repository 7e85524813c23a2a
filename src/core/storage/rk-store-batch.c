#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rk-error.h"
#include "rk-store-batch.h"
#include "rk-store-private.h"

/* Many new rows in few statements: see rk-store-batch.h. */

/* Rows per statement: well under both databases' limits on parameters
 * (SQLite 32,766; PostgreSQL 65,535) at 15 columns, and large enough that
 * a server's round trips no longer count. */
#define BATCH_ROWS 250
/* Rows per COPY on a server: no parameters to count, and each COPY costs
 * three round trips (its savepoint and start, the rows, the release). At
 * 12 columns still under PostgreSQL's limit should it fall back to an
 * INSERT. */
#define COPY_ROWS 2000
/* Ids taken from a server's sequence at a time; those not used go back. */
#define IDS_AHEAD 1000

enum
{
  /* The reference rows first: the events name them. */
  T_VENUE,
  T_CLOSING,
  T_ROOM,
  T_ITEM,
  T_STAFF,
  T_PROGRAM,
  T_REQUIREMENT,
  T_EVENT,        /* before the rows that name events */
  T_EQUIPMENT,
  T_EXCEPTION,
  T_ASSIGNMENT,
  T_UNAVAILABLE,
  T_ATTENDANCE,
  N_TABLES
};

/* A reference row's id (on a server taken ahead from its table's sequence)
 * is its last column. */
static const struct
{
  const char *table;
  const char *head;
  int         columns;
  const char *tail;
} tables[N_TABLES] = {
  [T_VENUE] = { "venue", RK_STORE_VENUE_INSERT ", id) VALUES", 6, NULL },
  [T_CLOSING] = { "venue_closing", RK_STORE_CLOSING_INSERT ", id) VALUES", 7, NULL },
  [T_ROOM] = { "room", RK_STORE_ROOM_INSERT ", id) VALUES", 5, NULL },
  [T_ITEM] = { "equipment", RK_STORE_EQUIPMENT_INSERT ", id) VALUES", 3, NULL },
  [T_STAFF] = { "staff", RK_STORE_STAFF_INSERT ", id) VALUES", 8, NULL },
  [T_PROGRAM] = { "program", RK_STORE_PROGRAM_INSERT ", id) VALUES", 7, NULL },
  [T_REQUIREMENT] = { "program_requirement", RK_STORE_REQUIREMENT_INSERT, 4, NULL },
  [T_EVENT] = { "event", RK_STORE_EVENT_INSERT ", tzid, sequence_base, id) VALUES", 16,
                "RETURNING id" },
  [T_EQUIPMENT] = { "event_equipment", "INSERT INTO event_equipment (event_id, equipment_id) VALUES",
                    2, "ON CONFLICT DO NOTHING" },
  [T_EXCEPTION] = { "event_exception", RK_STORE_EXCEPTION_INSERT, 6, NULL },
  [T_ASSIGNMENT] = { "assignment",
                     "INSERT INTO assignment (event_id, staff_id, occ_date, tentative, excluded) "
                     "VALUES", 5, NULL },
  [T_UNAVAILABLE] = { "staff_unavailable", RK_STORE_UNAVAILABILITY_INSERT, 4, NULL },
  [T_ATTENDANCE] = { "attendance", RK_STORE_ATTENDANCE_INSERT, 12, NULL },
};

struct _RkStoreBatch
{
  RkStore    *store;
  RkDbRows   *rows[N_TABLES];
  GHashTable *known;      /* program ids, -(room ids) found or added */
  GHashTable *venues;     /* venue ids found or added */
  GHashTable *staff;      /* staff ids found or added */
  GHashTable *equipment;  /* equipment ids found or added */
  GArray     *ids[N_TABLES]; /* ids taken from a server's sequence, not used yet */
};

RkStoreBatch *
rk_store_batch_new (RkStore *store)
{
  RkStoreBatch *batch = g_new0 (RkStoreBatch, 1);

  batch->store = g_object_ref (store);
  for (int t = 0; t < N_TABLES; t++)
    batch->rows[t] = rk_db_rows_new (store->db, tables[t].head, tables[t].columns,
                                     /* A server's events come with their ids, taken
                                      * ahead: nothing to answer, so a COPY. */
                                     t == T_EVENT && store->db->kind == RK_DB_POSTGRES
                                       ? NULL : tables[t].tail);
  batch->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  batch->venues = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  batch->staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  batch->equipment = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (int t = 0; t < N_TABLES; t++)
    batch->ids[t] = g_array_new (FALSE, FALSE, sizeof (gint64));
  return batch;
}

void
rk_store_batch_free (RkStoreBatch *batch)
{
  if (batch == NULL)
    return;
  for (int t = 0; t < N_TABLES; t++)
    {
      rk_db_rows_free (batch->rows[t]);
      g_array_unref (batch->ids[t]);
    }
  g_hash_table_unref (batch->known);
  g_hash_table_unref (batch->venues);
  g_hash_table_unref (batch->staff);
  g_hash_table_unref (batch->equipment);
  g_object_unref (batch->store);
  g_free (batch);
}

/* Writes the rows of table t kept; *id (when given): the last id the
 * INSERT answered. A server's COPY is not waited for: the server writes
 * the rows while the caller makes the next ones (its failure is told by
 * the next statement, or by flush_all). */
static gboolean
flush_table (RkStoreBatch *batch, int t, gint64 *id, GError **error)
{
  RkDbStmt *stmt;
  RkDbStep rc;
  gboolean ok;

  if (rk_db_rows_count (batch->rows[t]) == 0)
    return TRUE;
  /* A server's COPY for the rows no INSERT answers (most of them). */
  if (id == NULL && rk_db_rows_can_copy (batch->rows[t]))
    {
      if (!rk_db_rows_copy (batch->rows[t], FALSE))
        return rk_store_db_error (batch->store, error);
      rk_store_touch (batch->store, tables[t].table);
      return TRUE;
    }
  stmt = rk_db_rows_statement (batch->rows[t]);
  if (stmt == NULL)
    return rk_store_db_error (batch->store, error);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    if (id)
      *id = rk_db_column_int64 (stmt, 0);
  ok = rc == RK_DB_DONE;
  rk_db_reset (stmt);
  if (!ok)
    return rk_store_db_error (batch->store, error);
  rk_store_touch (batch->store, tables[t].table);
  return TRUE;
}

static gboolean
flush_all (RkStoreBatch *batch, GError **error)
{
  for (int t = 0; t < N_TABLES; t++)
    if (!flush_table (batch, t, NULL, error))
      return FALSE;
  if (!rk_db_settle (batch->store->db))
    return rk_store_db_error (batch->store, error);
  return TRUE;
}

/* The tables whose rows a row of each table names. */
#define BIT(t) (1u << (t))
static const guint parents[N_TABLES] = {
  [T_CLOSING] = BIT (T_VENUE),
  [T_ROOM] = BIT (T_VENUE),
  [T_ITEM] = BIT (T_VENUE),
  [T_REQUIREMENT] = BIT (T_PROGRAM),
  [T_EVENT] = BIT (T_PROGRAM) | BIT (T_ROOM),
  [T_EQUIPMENT] = BIT (T_EVENT) | BIT (T_ITEM),
  [T_EXCEPTION] = BIT (T_EVENT),
  [T_ASSIGNMENT] = BIT (T_EVENT) | BIT (T_STAFF),
  [T_UNAVAILABLE] = BIT (T_STAFF),
  [T_ATTENDANCE] = BIT (T_EVENT),
};

static guint
with_ancestors (int t)
{
  guint mask = BIT (t);

  for (int u = 0; u < N_TABLES; u++)
    if (parents[t] & BIT (u))
      mask |= with_ancestors (u);
  return mask;
}

/* Table t's rows, after the rows they may name (tables come in that
 * order); the other tables' rows wait until theirs are many. */
static gboolean
flush_with_ancestors (RkStoreBatch *batch, int t, GError **error)
{
  guint mask = with_ancestors (t);

  for (int u = 0; u < N_TABLES; u++)
    if ((mask & BIT (u)) && !flush_table (batch, u, NULL, error))
      return FALSE;
  return TRUE;
}

/* How many rows of table t wait before they are written. */
static guint
rows_per_statement (RkStoreBatch *batch, int t)
{
  if (batch->store->db->kind == RK_DB_POSTGRES && (tables[t].tail == NULL || t == T_EVENT))
    return COPY_ROWS;
  return BATCH_ROWS;
}

/* The ids taken from a table's sequence and not used go back to it when
 * nobody took one since (a writer holds the writers' lock: no other
 * coordinator did), so the rows added next are numbered on without a gap. */
static gboolean
give_back_ids (RkStoreBatch *batch, int t, GError **error)
{
  GArray *ids = batch->ids[t];
  RkDbStmt *stmt;
  RkDbStep rc;

  if (ids->len == 0)
    return TRUE;
  stmt = rk_store_prepare (batch->store,
                           "SELECT setval(q.s, ?1, false) FROM "
                           "(SELECT pg_get_serial_sequence(?3, 'id')::regclass AS s) q "
                           "WHERE pg_sequence_last_value(q.s) = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, g_array_index (ids, gint64, 0));
  rk_db_bind_int64 (stmt, 2, g_array_index (ids, gint64, ids->len - 1));
  rk_db_bind_text (stmt, 3, tables[t].table);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    ;
  rk_db_reset (stmt);
  if (rc != RK_DB_DONE)
    return rk_store_db_error (batch->store, error);
  g_array_set_size (ids, 0);
  return TRUE;
}

gboolean
rk_store_batch_flush (RkStoreBatch *batch, GError **error)
{
  if (!flush_all (batch, error))
    return FALSE;
  for (int t = 0; t < N_TABLES; t++)
    if (!give_back_ids (batch, t, error))
      return FALSE;
  return TRUE;
}

/* A row of table t to bind; t's rows are written when there are enough,
 * after the rows they may name (an assignment never goes before its
 * event). */
static RkDbStmt *
next_row (RkStoreBatch *batch, int t, GError **error)
{
  if (rk_db_rows_count (batch->rows[t]) >= rows_per_statement (batch, t) &&
      !flush_with_ancestors (batch, t, error))
    return NULL;
  return rk_db_rows_add (batch->rows[t]);
}

static gboolean
on_server (RkStoreBatch *batch)
{
  return batch->store->db->kind == RK_DB_POSTGRES;
}

/* An id for a new row of table t: on a server taken from the table's own
 * sequence, a few hundred at a time, so the row can wait in the batch and
 * the rows naming it with it; 0 for SQLite, whose rows are written at once
 * (a statement there costs no round trip, and SQLite numbers a row only
 * when it is written). */
static gboolean
take_id (RkStoreBatch *batch, int t, gint64 *id, GError **error)
{
  GArray *ids = batch->ids[t];
  RkDbStmt *stmt;
  RkDbStep rc;

  *id = 0;
  if (!on_server (batch))
    return TRUE;
  if (ids->len == 0)
    {
      stmt = rk_store_prepare (batch->store,
                               "SELECT nextval(pg_get_serial_sequence(?2, 'id')) "
                               "FROM generate_series(1, ?1)",
                               error);
      if (stmt == NULL)
        return FALSE;
      rk_db_bind_int (stmt, 1, IDS_AHEAD);
      rk_db_bind_text (stmt, 2, tables[t].table);
      while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
        {
          gint64 v = rk_db_column_int64 (stmt, 0);
          g_array_append_val (ids, v);
        }
      rk_db_reset (stmt);
      if (rc != RK_DB_DONE || ids->len == 0)
        return rk_store_db_error (batch->store, error);
      /* Handed out from the lowest, so rows keep the order they came in. */
      g_array_sort (ids, rk_id_compare);
    }
  *id = g_array_index (ids, gint64, 0);
  g_array_remove_index (ids, 0);
  return TRUE;
}

/* Every item checked once per batch. */
static gboolean
equipment_exists (RkStoreBatch *batch, gint64 item, GError **error)
{
  if (g_hash_table_contains (batch->equipment, &item))
    return TRUE;
  if (!rk_store_row_exists (batch->store, "SELECT 1 FROM equipment WHERE id = ?", item))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no equipment with id %" PRId64 "; see “renkei-cli equipment list”"),
                   item);
      return FALSE;
    }
  g_hash_table_add (batch->equipment, g_memdup2 (&item, sizeof item));
  return TRUE;
}

gint64
rk_store_batch_add_event (RkStoreBatch *batch, RkEvent *event, GArray *equipment,
                          const char *tzid, int sequence, GError **error)
{
  g_autofree char *uid = NULL;
  RkDbStmt *row;
  gint64 id;

  if (!rk_store_require_tx (batch->store))
    return 0;
  for (guint i = 0; equipment && i < equipment->len; i++)
    if (!equipment_exists (batch, g_array_index (equipment, gint64, i), error))
      return 0;
  if (rk_db_rows_count (batch->rows[T_EVENT]) >= rows_per_statement (batch, T_EVENT) &&
      !flush_with_ancestors (batch, T_EVENT, error))
    return 0;
  /* Checked and bound into the row kept, which goes if the check fails. */
  row = rk_db_rows_add (batch->rows[T_EVENT]);
  if (!rk_store_bind_new_event (batch->store, event, batch->known, row, &uid, error))
    {
      rk_db_rows_drop_last (batch->rows[T_EVENT]);
      return 0;
    }
  if (sequence >= 0)
    {
      /* A new event's version is 1: sequence_base is the sequence itself. */
      if (tzid && *tzid)
        rk_db_bind_text (row, 14, tzid);
      rk_db_bind_int (row, 15, sequence);
    }
  else
    rk_db_bind_int (row, 15, 0);
  if (!take_id (batch, T_EVENT, &id, error))
    {
      rk_db_rows_drop_last (batch->rows[T_EVENT]);
      return 0;
    }
  if (id > 0)
    rk_db_bind_int64 (row, 16, id);
  else if (!flush_table (batch, T_EVENT, &id, error))
    return 0;
  for (guint i = 0; equipment && i < equipment->len; i++)
    {
      RkDbStmt *item = next_row (batch, T_EQUIPMENT, error);

      if (item == NULL)
        return 0;
      rk_db_bind_int64 (item, 1, id);
      rk_db_bind_int64 (item, 2, g_array_index (equipment, gint64, i));
    }
  rk_event_set_id (event, id);
  rk_event_set_uid (event, uid);
  rk_event_set_version (event, 1);
  return id;
}

gboolean
rk_store_batch_assignment (RkStoreBatch *batch, gint64 event_id, gint64 staff_id, RkDay occ_date,
                           gboolean tentative, gboolean excluded, GError **error)
{
  RkDbStmt *row;

  if (!rk_store_require_tx (batch->store) ||
      (row = next_row (batch, T_ASSIGNMENT, error)) == NULL)
    return FALSE;
  rk_db_bind_int64 (row, 1, event_id);
  rk_db_bind_int64 (row, 2, staff_id);
  bind_date (row, 3, occ_date);
  rk_db_bind_int (row, 4, tentative && !excluded ? 1 : 0);
  rk_db_bind_int (row, 5, excluded ? 1 : 0);
  return TRUE;
}

gboolean
rk_store_batch_exception (RkStoreBatch *batch, gint64 event_id, RkDay occ_date,
                          RkExceptionKind kind, RkMinute start, RkMinute end, const char *reason,
                          GError **error)
{
  RkDbStmt *row;

  if (!rk_store_require_tx (batch->store) ||
      (row = next_row (batch, T_EXCEPTION, error)) == NULL)
    return FALSE;
  rk_store_bind_exception (row, event_id, occ_date, kind, start, end, reason);
  return TRUE;
}

gboolean
rk_store_batch_unavailability (RkStoreBatch *batch, gint64 staff_id, RkMinute from, RkMinute to,
                               const char *reason, GError **error)
{
  RkDbStmt *row;

  if (!rk_store_require_tx (batch->store) || !rk_store_check_unavailability (from, to, error))
    return FALSE;
  if (!g_hash_table_contains (batch->staff, &staff_id))
    {
      if (!rk_store_row_exists (batch->store, "SELECT 1 FROM staff WHERE id = ?", staff_id))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                       _("There is no staff member with id %" PRId64
                         "; see “renkei-cli staff list”"),
                       staff_id);
          return FALSE;
        }
      g_hash_table_add (batch->staff, g_memdup2 (&staff_id, sizeof staff_id));
    }
  if ((row = next_row (batch, T_UNAVAILABLE, error)) == NULL)
    return FALSE;
  rk_db_bind_int64 (row, 1, staff_id);
  bind_time (row, 2, from);
  bind_time (row, 3, to);
  bind_text (row, 4, reason);
  return TRUE;
}

gboolean
rk_store_batch_attendance (RkStoreBatch *batch, const RkAttendance *a, GError **error)
{
  RkDbStmt *row;

  if (!rk_store_require_tx (batch->store) || !rk_attendance_validate (a, error) ||
      (row = next_row (batch, T_ATTENDANCE, error)) == NULL)
    return FALSE;
  rk_store_bind_attendance (row, a);
  rk_db_bind_int (row, 12, 1);
  return TRUE;
}

/* ---- the reference rows --------------------------------------------- */

/* A reference row of table t, bound by its one-row twin's check (bound:
 * what the check said), then numbered; or dropped. Its id, or 0. */
static gint64
numbered (RkStoreBatch *batch, int t, RkDbStmt *row, gboolean bound, GError **error)
{
  gint64 id;

  if (!bound || !take_id (batch, t, &id, error))
    {
      rk_db_rows_drop_last (batch->rows[t]);
      return 0;
    }
  rk_db_bind_int64 (row, tables[t].columns, id);
  return id;
}

/* (Rooms are known by their negated ids.) */
static gint64
remember (GHashTable *set, gint64 id)
{
  if (id != 0)
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
  return id;
}

gint64
rk_store_batch_add_venue (RkStoreBatch *batch, RkVenue *venue, GError **error)
{
  RkDbStmt *row;
  gint64 id;

  if (!on_server (batch))
    return remember (batch->venues, rk_store_add_venue (batch->store, venue, error));
  if (!rk_store_require_tx (batch->store) || (row = next_row (batch, T_VENUE, error)) == NULL)
    return 0;
  id = numbered (batch, T_VENUE, row, rk_store_bind_new_venue (venue, row, error), error);
  if (id)
    {
      rk_venue_set_id (venue, id);
      rk_venue_set_version (venue, 1);
    }
  return remember (batch->venues, id);
}

gint64
rk_store_batch_add_closing (RkStoreBatch *batch, gint64 venue_id, RkClosingKind kind, int start,
                            int end, int weekday, const char *reason, GError **error)
{
  RkDbStmt *row;

  if (!on_server (batch))
    return rk_store_add_closing (batch->store, venue_id, kind, start, end, weekday, reason,
                                 error);
  if (!rk_store_require_tx (batch->store) || (row = next_row (batch, T_CLOSING, error)) == NULL)
    return 0;
  return numbered (batch, T_CLOSING, row,
                   rk_store_bind_new_closing (batch->store, batch->venues, venue_id, kind, start,
                                              end, weekday, reason, row, error),
                   error);
}

gint64
rk_store_batch_add_room (RkStoreBatch *batch, RkRoom *room, GError **error)
{
  RkDbStmt *row;
  gint64 id;

  if (!on_server (batch))
    id = rk_store_add_room (batch->store, room, error);
  else if (!rk_store_require_tx (batch->store) ||
           (row = next_row (batch, T_ROOM, error)) == NULL)
    return 0;
  else
    {
      id = numbered (batch, T_ROOM, row,
                     rk_store_bind_new_room (batch->store, batch->venues, room, row, error),
                     error);
      if (id)
        {
          rk_room_set_id (room, id);
          rk_room_set_version (room, 1);
        }
    }
  remember (batch->known, -id);
  return id;
}

gint64
rk_store_batch_add_equipment (RkStoreBatch *batch, RkEquipment *item, GError **error)
{
  RkDbStmt *row;
  gint64 id;

  if (!on_server (batch))
    return remember (batch->equipment, rk_store_add_equipment (batch->store, item, error));
  if (!rk_store_require_tx (batch->store) || (row = next_row (batch, T_ITEM, error)) == NULL)
    return 0;
  id = numbered (batch, T_ITEM, row,
                 rk_store_bind_new_equipment (batch->store, batch->venues, item, row, error),
                 error);
  if (id)
    {
      rk_equipment_set_id (item, id);
      rk_equipment_set_version (item, 1);
    }
  return remember (batch->equipment, id);
}

gint64
rk_store_batch_add_staff (RkStoreBatch *batch, RkStaff *staff, GError **error)
{
  RkDbStmt *row;
  gint64 id;

  if (!on_server (batch))
    return remember (batch->staff, rk_store_add_staff (batch->store, staff, error));
  if (!rk_store_require_tx (batch->store) || (row = next_row (batch, T_STAFF, error)) == NULL)
    return 0;
  id = numbered (batch, T_STAFF, row, rk_store_bind_new_staff (staff, row, error), error);
  if (id)
    {
      rk_staff_set_id (staff, id);
      rk_staff_set_version (staff, 1);
    }
  return remember (batch->staff, id);
}

gint64
rk_store_batch_add_program (RkStoreBatch *batch, RkProgram *program, GError **error)
{
  int counts[RK_N_ROLES], wish[RK_N_ROLES];
  RkDbStmt *row;
  gint64 id;

  if (!on_server (batch))
    return remember (batch->known, rk_store_add_program (batch->store, program, error));
  if (!rk_store_require_tx (batch->store) || (row = next_row (batch, T_PROGRAM, error)) == NULL)
    return 0;
  id = numbered (batch, T_PROGRAM, row,
                 rk_store_bind_new_program (program, row, counts, wish, error), error);
  if (id == 0)
    return 0;
  for (int r = 0; r < RK_N_ROLES; r++)
    {
      if (counts[r] <= 0)
        continue;
      if ((row = next_row (batch, T_REQUIREMENT, error)) == NULL)
        return 0;
      rk_store_bind_requirement (row, id, r, counts[r], wish[r]);
    }
  rk_program_set_id (program, id);
  rk_program_set_version (program, 1);
  return remember (batch->known, id);
}

GHashTable *
rk_store_find_event_uids (RkStore *self, GPtrArray *uids, GError **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *list = NULL;
  RkDbStmt *stmt;
  RkDbStep rc;

  json_builder_begin_array (b);
  for (guint i = 0; i < uids->len; i++)
    if (g_ptr_array_index (uids, i))
      json_builder_add_string_value (b, g_ptr_array_index (uids, i));
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  list = json_generator_to_data (gen, NULL);
  stmt = rk_store_prepare (self,
                           rk_store_dialect (self,
                                             "SELECT uid FROM event WHERE uid IN "
                                             "(SELECT value FROM json_each(?1))",
                                             "SELECT uid FROM event WHERE uid IN "
                                             "(SELECT json_array_elements_text(?1::json))"),
                           error);
  if (stmt == NULL)
    return NULL;
  rk_db_bind_text (stmt, 1, list);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    g_hash_table_add (found, g_strdup (rk_db_column_text (stmt, 0)));
  rk_db_reset (stmt);
  if (rc != RK_DB_DONE)
    return rk_store_db_error (self, error), NULL;
  return g_steal_pointer (&found);
}
