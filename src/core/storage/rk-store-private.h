#pragma once

/* What the store's files share and nothing else sees. The store is one
 * object split by concern, the way epiphany splits its history service:
 *
 *   rk-store.c           the object, opening, transactions, settings, and
 *                        the helpers below
 *   rk-store-staff.c     staff and their unavailability
 *   rk-store-venues.c    venues, closing days, rooms, equipment
 *   rk-store-programs.c  programs and their requirements
 *   rk-store-events.c    events, exceptions, assignments, series splits
 *   rk-store-schedule.c  loading schedules (views, checks, the benchmark)
 *   rk-store-undo.c      the desktop's stamps and undo row sets
 *   rk-store-admin.c     copying whole databases, the server's roles
 *   rk-store-attendance.c  attendance records (counts) of occurrences
 *   rk-store-availability.c  the staff's weekly patterns and limits
 *
 * A new concern gets its own rk-store-<thing>.c including this header. */

#include <glib.h>

#include "rk-attendance.h"
#include "rk-db.h"
#include "rk-store.h"
#include "rk-time.h"

G_BEGIN_DECLS

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
  GPtrArray   *views;        /* RkStoreView: month views kept, the latest last */
};

/* Drops the views kept between loads (rk-store-schedule.c). */
void        rk_store_views_clear       (RkStore *self);

/* The store's prepared statement for sql, reset and unbound; NULL and the
 * error when the database refuses it. */
RkDbStmt   *rk_store_prepare           (RkStore *self, const char *sql, GError **error);
/* The database's last error into error; always FALSE. */
gboolean    rk_store_db_error          (RkStore *self, GError **error);
/* Runs a statement that returns no rows. */
gboolean    rk_store_step_done         (RkStore *self, RkDbStmt *stmt, GError **error);
/* Around a read of many statements whose loops stop at a failed step: the
 * driver records every failure, so one look at the end tells a short answer
 * (a damaged file, the server gone, a privilege missing) from a full one. */
void        rk_store_reads_begin       (RkStore *self);
gboolean    rk_store_reads_ok          (RkStore *self, gboolean ok, GError **error);
/* A list read between rk_store_reads_begin() and here, or NULL and the error. */
GPtrArray  *rk_store_list_or_error     (RkStore *self, GPtrArray *out, GError **error);
/* Can an occurrence of the event from a date outside a loaded range land
 * in it (a next-day or previous-day policy, a move by hand)? */
gboolean    rk_store_event_moves_in    (const RkSEvent *e);
/* The few statements the two dialects spell differently. */
const char *rk_store_dialect           (RkStore *self, const char *sqlite_sql, const char *pg_sql);
/* name as a quoted SQL identifier ("a""b"). */
char       *rk_store_quote_ident       (const char *name);
/* Notes a table written in this transaction (the "changed" signal's detail). */
void        rk_store_touch             (RkStore *self, const char *table);
/* Writes happen inside rk_store_begin()/rk_store_commit() only. */
gboolean    rk_store_require_tx        (RkStore *self);
/* DELETE … WHERE <key> = ? [AND occ_date = ?] inside the transaction. */
gboolean    rk_store_delete_rows       (RkStore *self, const char *sql, const char *table,
                                        gint64 key, RkDay occ_date, GError **error);
gboolean    rk_store_row_exists        (RkStore *self, const char *sql, gint64 id);
/* After an UPDATE … WHERE id = ? AND version = ? changed nothing: tell apart
 * a row that is gone from one that someone else changed meanwhile. */
gboolean    rk_store_stale_or_missing  (RkStore *self, const char *exists_sql, gint64 id,
                                        const char *what, GError **error);
/* Steps an INSERT (best written "… RETURNING id"); the new row's id, or 0
 * and the error. */
gint64      rk_store_insert_done       (RkStore *self, RkDbStmt *stmt, const char *table,
                                        GError **error);
gboolean    rk_store_update_done       (RkStore *self, RkDbStmt *stmt, const char *table,
                                        const char *exists_sql, gint64 id, const char *what,
                                        GError **error);
/* Replaces the database's wording of a UNIQUE failure with the person's
 * (message, which it frees); always FALSE. */
gboolean    rk_store_duplicate_name    (GError **error, char *message);
/* A name that is not only blanks; what: the thing named, for the message. */
gboolean    rk_store_check_name        (const char *name, const char *what, GError **error);

/* rk-store-events.c: a new event's INSERT up to its column list's end
 * (13 columns, bound by rk_store_bind_new_event()). */
#define RK_STORE_EVENT_INSERT                                                          \
  "INSERT INTO event (program_id, title, start_at, end_at, series_end, room_id, "     \
  "capacity, notes, rrule, on_holiday, tentative, all_day, uid"
/* Checks a new event as rk_store_add_event() does (program and room ids in
 * known, when given, are not asked again) and binds its columns 1 to 13;
 * *uid: the event's, or a new one when it has none. */
gboolean    rk_store_bind_new_event    (RkStore *self, RkEvent *event, GHashTable *known,
                                        RkDbStmt *stmt, char **uid, GError **error);
#define RK_STORE_EXCEPTION_INSERT                                                       \
  "INSERT INTO event_exception (event_id, occ_date, kind, start_at, end_at, reason) VALUES"
void        rk_store_bind_exception    (RkDbStmt *stmt, gint64 event_id, RkDay occ_date,
                                        RkExceptionKind kind, RkMinute start, RkMinute end,
                                        const char *reason);
/* rk-store-staff.c: a period away's INSERT and the check of its times. */
#define RK_STORE_UNAVAILABILITY_INSERT                                                  \
  "INSERT INTO staff_unavailable (staff_id, start_at, end_at, reason) VALUES"
gboolean    rk_store_check_unavailability (RkMinute from, RkMinute to, GError **error);
/* The reference rows' INSERTs up to their column lists' end, and their
 * checks and bindings (columns 1 to n), shared by the one-row calls and
 * rk-store-batch.c; known (when given): venue ids already found, not
 * asked again, and those found added. */
#define RK_STORE_VENUE_INSERT                                                           \
  "INSERT INTO venue (name, kind, address, contact, closed_on_holidays"
gboolean    rk_store_bind_new_venue    (RkVenue *venue, RkDbStmt *stmt, GError **error);
gboolean    rk_store_venue_duplicate   (RkVenue *venue, GError **error);
gboolean    rk_store_venue_exists      (RkStore *self, GHashTable *known, gint64 venue_id,
                                        GError **error);
#define RK_STORE_CLOSING_INSERT                                                         \
  "INSERT INTO venue_closing (venue_id, kind, start_date, end_date, weekday, reason"
gboolean    rk_store_bind_new_closing  (RkStore *self, GHashTable *known, gint64 venue_id,
                                        RkClosingKind kind, int start, int end, int weekday,
                                        const char *reason, RkDbStmt *stmt, GError **error);
#define RK_STORE_ROOM_INSERT "INSERT INTO room (venue_id, name, capacity, features"
gboolean    rk_store_bind_new_room     (RkStore *self, GHashTable *known, RkRoom *room,
                                        RkDbStmt *stmt, GError **error);
gboolean    rk_store_room_duplicate    (RkRoom *room, GError **error);
#define RK_STORE_EQUIPMENT_INSERT "INSERT INTO equipment (name, venue_id"
gboolean    rk_store_bind_new_equipment (RkStore *self, GHashTable *known, RkEquipment *item,
                                         RkDbStmt *stmt, GError **error);
gboolean    rk_store_equipment_duplicate (RkEquipment *item, GError **error);
#define RK_STORE_STAFF_INSERT                                                           \
  "INSERT INTO staff (name, kana, role, org, phone, email, active"
gboolean    rk_store_bind_new_staff    (RkStaff *staff, RkDbStmt *stmt, GError **error);
#define RK_STORE_PROGRAM_INSERT                                                         \
  "INSERT INTO program (name, duration, audience, bring, color, staff_only"
/* Also parses the requirements into counts and wish (per role). */
gboolean    rk_store_bind_new_program  (RkProgram *program, RkDbStmt *stmt,
                                        int counts[RK_N_ROLES], int wish[RK_N_ROLES],
                                        GError **error);
gboolean    rk_store_program_duplicate (RkProgram *program, GError **error);
#define RK_STORE_REQUIREMENT_INSERT                                                     \
  "INSERT INTO program_requirement (program_id, role, count, wish) VALUES"
void        rk_store_bind_requirement  (RkDbStmt *stmt, gint64 program_id, int role, int count,
                                        int wish);

/* rk-store-attendance.c: binds an attendance record's INSERT columns 1 to 11. */
#define RK_STORE_ATTENDANCE_INSERT                                                      \
  "INSERT INTO attendance (event_id, occ_date, families, adults, children, pregnant, "  \
  "residents, nonresidents, first_time, consultations, notes, version) VALUES"
void        rk_store_bind_attendance   (RkDbStmt *stmt, const RkAttendance *a);

/* rk-store-attendance.c: the attendance records a loaded schedule needs
 * (its occurrences' own), read inside the load's transaction. */
/* keys_only: which occurrences have a record, not what it says (a view). */
gboolean    rk_store_load_attendance_into (RkStore *self, RkSchedule *schedule, gboolean keys_only,
                                           GError **error);

/* rk-store-undo.c: one column of the current row as a GVariant ("()" for
 * NULL), and the INSERT of one row of that form; with upsert, an existing
 * row of the same id is updated instead, its version moved past both. */
GVariant   *rk_store_column_value      (RkDbStmt *stmt, int i);
gboolean    rk_store_insert_row        (RkStore *self, const char *table, GVariant *row,
                                        gboolean upsert, GError **error);

/* rk-store-availability.c: the weekly patterns into the staff of a
 * schedule's reference tables (inside the load's read transaction). */
gboolean    rk_store_load_availability (RkStore *self, RkSchedule *s, GError **error);

/* Binding and reading columns the way every table stores them: empty text
 * and ids ≤ 0 as NULL, times and dates as ISO text. */
static inline void
bind_text (RkDbStmt *stmt, int i, const char *text)
{
  if (text && *text)
    rk_db_bind_text (stmt, i, text);
  else
    rk_db_bind_null (stmt, i);
}

static inline void
bind_id (RkDbStmt *stmt, int i, gint64 id)
{
  if (id > 0)
    rk_db_bind_int64 (stmt, i, id);
  else
    rk_db_bind_null (stmt, i);
}

static inline void
bind_time (RkDbStmt *stmt, int i, RkMinute t)
{
  char buf[17];

  rk_db_bind_text (stmt, i, rk_time_format_buf (t, buf));
}

static inline void
bind_date (RkDbStmt *stmt, int i, RkDay d)
{
  char buf[11];

  if (d == 0)
    rk_db_bind_text (stmt, i, "");
  else
    rk_db_bind_text (stmt, i, rk_date_format_buf (d, buf));
}

static inline const char *
col_text (RkDbStmt *stmt, int i)
{
  return rk_db_column_text (stmt, i);
}

static inline char *
col_dup (RkDbStmt *stmt, int i)
{
  return g_strdup (col_text (stmt, i));
}

static inline RkMinute
col_time (RkDbStmt *stmt, int i)
{
  RkMinute t = 0;

  rk_time_parse (col_text (stmt, i), &t);
  return t;
}

static inline RkDay
col_date (RkDbStmt *stmt, int i)
{
  RkDay d = 0;

  rk_date_parse (col_text (stmt, i), &d);
  return d;
}

G_END_DECLS
