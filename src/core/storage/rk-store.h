#pragma once

#include <glib-object.h>

#include "rk-entities.h"
#include "rk-roles.h"
#include "rk-schedule.h"
#include "rk-time.h"

G_BEGIN_DECLS

#define RK_TYPE_STORE (rk_store_get_type ())

G_DECLARE_FINAL_TYPE (RkStore, rk_store, RK, STORE, GObject)

/* The one door to the database. Every write happens between
 * rk_store_begin() and rk_store_commit(): one user action, one transaction.
 * "changed" is emitted after a commit with the name of the table touched
 * (or NULL when several were). */

char       *rk_store_default_path      (void);
/* A postgresql:// URI or service=NAME rather than a file path. */
gboolean    rk_store_is_server_uri     (const char *location);
/* Whether a server location carries a password (which Renkei must not keep). */
gboolean    rk_store_location_has_password (const char *location);
/* A throw-away database beside location: a file in tmpdir, or on location's
 * server a new database (the role needs CREATEDB). rk_store_scratch_drop()
 * removes it. */
char       *rk_store_scratch_create    (const char  *location,
                                        const char  *tmpdir,
                                        const char  *tag,
                                        GError     **error);
void        rk_store_scratch_drop      (const char  *location,
                                        const char  *scratch);

RkStore    *rk_store_open              (const char  *path,
                                        GError     **error);
/* As rk_store_open(); when it fails, *transient says whether trying again
 * later as it is may succeed (the server did not answer, or went away
 * while the store was opened) rather than not (a wrong password or user,
 * a missing database, a schema that is not Renkei's or is newer, a file
 * that cannot be used). */
RkStore    *rk_store_open_full         (const char  *path,
                                        gboolean    *transient,
                                        GError     **error);
/* A server location's store that connects (and checks the schema) when it
 * is first used, not now: the desktop's own, whose reads and writes go
 * through its worker's connection, so that its window never waits for a
 * server at the start. A use that cannot connect fails with the reason;
 * the next one tries again. NULL only when libpq cannot be loaded. */
RkStore    *rk_store_open_deferred     (const char  *location,
                                        GError     **error);
const char *rk_store_get_path          (RkStore     *self);
/* The location as it was given, a password in it included: for another
 * connection to the same database (the desktop's worker), never shown. */
const char *rk_store_get_location      (RkStore     *self);
int         rk_store_get_schema_version (RkStore    *self);
/* Moves when another connection (another coordinator) commits. */
gint64      rk_store_get_data_version  (RkStore     *self);
/* Whether this is the shared PostgreSQL server rather than a file. */
gboolean    rk_store_is_server         (RkStore     *self);
/* A descriptor that becomes readable when another connection may have
 * committed (the server's notifications), or -1 (a file: poll). */
int         rk_store_get_notify_fd     (RkStore     *self);

gboolean    rk_store_begin             (RkStore     *self,
                                        GError     **error);
gboolean    rk_store_commit            (RkStore     *self,
                                        GError     **error);
void        rk_store_rollback          (RkStore     *self);
gboolean    rk_store_in_transaction    (RkStore     *self);

char       *rk_store_get_setting       (RkStore     *self,
                                        const char  *key);
/* Every setting (key to value) in one read: one round trip to a server
 * for what rk_store_get_setting() would ask one by one. */
GHashTable *rk_store_get_settings      (RkStore     *self);
/* A setting's text as rk_store_get_setting_int() reads it. */
int         rk_store_setting_as_int    (const char  *value,
                                        int          fallback);
int         rk_store_get_setting_int   (RkStore     *self,
                                        const char  *key,
                                        int          fallback);
gboolean    rk_store_set_setting       (RkStore     *self,
                                        const char  *key,
                                        const char  *value,
                                        GError     **error);
/* The database's time zone (IANA id) and today in it. */
char       *rk_store_get_timezone      (RkStore     *self);
RkDay       rk_store_today             (RkStore     *self);

/* Staff */
gint64      rk_store_add_staff         (RkStore *self, RkStaff *staff, GError **error);
gboolean    rk_store_update_staff      (RkStore *self, RkStaff *staff, GError **error);
RkStaff    *rk_store_get_staff         (RkStore *self, gint64 id, GError **error);
/* role: -1 for every role. */
GPtrArray  *rk_store_list_staff        (RkStore *self, int role, gboolean include_inactive,
                                        GError **error);
gint64      rk_store_add_unavailability (RkStore *self, gint64 staff_id, RkMinute from,
                                         RkMinute to, const char *reason, GError **error);
gboolean    rk_store_delete_unavailability (RkStore *self, gint64 id, GError **error);

/* Venues, closing days, rooms, equipment */
gint64      rk_store_add_venue         (RkStore *self, RkVenue *venue, GError **error);
gboolean    rk_store_update_venue      (RkStore *self, RkVenue *venue, GError **error);
RkVenue    *rk_store_get_venue         (RkStore *self, gint64 id, GError **error);
GPtrArray  *rk_store_list_venues       (RkStore *self, GError **error);
/* kind as in RkClosing; for RK_CLOSING_YEARLY start/end are month*100+day. */
gint64      rk_store_add_closing       (RkStore *self, gint64 venue_id, RkClosingKind kind,
                                        int start, int end, int weekday, const char *reason,
                                        GError **error);
gboolean    rk_store_delete_closing    (RkStore *self, gint64 id, GError **error);

gint64      rk_store_add_room          (RkStore *self, RkRoom *room, GError **error);
gboolean    rk_store_update_room       (RkStore *self, RkRoom *room, GError **error);
RkRoom     *rk_store_get_room          (RkStore *self, gint64 id, GError **error);
/* venue_id 0: every venue. */
GPtrArray  *rk_store_list_rooms        (RkStore *self, gint64 venue_id, GError **error);

gint64      rk_store_add_equipment     (RkStore *self, RkEquipment *item, GError **error);
RkEquipment *rk_store_get_equipment    (RkStore *self, gint64 id, GError **error);
GPtrArray  *rk_store_list_equipment    (RkStore *self, GError **error);

/* Programs */
gint64      rk_store_add_program       (RkStore *self, RkProgram *program, GError **error);
gboolean    rk_store_update_program    (RkStore *self, RkProgram *program, GError **error);
RkProgram  *rk_store_get_program       (RkStore *self, gint64 id, GError **error);
GPtrArray  *rk_store_list_programs     (RkStore *self, GError **error);

/* Events. equipment: gint64 ids, may be NULL. A missing uid is generated. */
gint64      rk_store_add_event         (RkStore *self, RkEvent *event, GArray *equipment,
                                        GError **error);
gboolean    rk_store_update_event      (RkStore *self, RkEvent *event, GError **error);
gboolean    rk_store_set_event_equipment (RkStore *self, gint64 event_id, GArray *equipment,
                                          GError **error);
RkEvent    *rk_store_get_event         (RkStore *self, gint64 id, GError **error);
gint64      rk_store_find_event_by_uid (RkStore *self, const char *uid, GError **error);
gboolean    rk_store_set_event_cancelled (RkStore *self, gint64 id, gboolean cancelled,
                                          GError **error);
gboolean    rk_store_set_event_tentative (RkStore *self, gint64 id, gboolean tentative,
                                          GError **error);
gboolean    rk_store_delete_event      (RkStore *self, gint64 id, GError **error);
/* Insert or replace the exception of one occurrence (by its original date). */
gboolean    rk_store_set_exception     (RkStore *self, gint64 event_id, RkDay occ_date,
                                        RkExceptionKind kind, RkMinute start, RkMinute end,
                                        const char *reason, GError **error);
gboolean    rk_store_delete_exception  (RkStore *self, gint64 event_id, RkDay occ_date,
                                        GError **error);

/* Assignments; occ_date 0 means the whole series. */
gboolean    rk_store_assign            (RkStore *self, gint64 event_id, gint64 staff_id,
                                        RkDay occ_date, gboolean tentative, GError **error);
gboolean    rk_store_unassign          (RkStore *self, gint64 event_id, gint64 staff_id,
                                        RkDay occ_date, GError **error);
gboolean    rk_store_confirm_assignment (RkStore *self, gint64 event_id, gint64 staff_id,
                                         RkDay occ_date, GError **error);
/* Copies an event's series assignments (and, with min_occ_date, the
 * one-occurrence rows from that date on) to another event. */
gboolean    rk_store_copy_assignments  (RkStore *self, gint64 from_event, gint64 to_event,
                                        RkDay min_occ_date, GError **error);

/* Everything the rules need for occurrences touching [from, to]. */
RkSchedule *rk_store_load_schedule     (RkStore *self, RkDay from, RkDay to, GError **error);
/* The same for what expands [from, to] and checks, suggests or finds
 * times in it and nothing else (the month and week views, renkei-cli
 * check, suggest and find-time): of the rows that assign a person to one
 * occurrence, only those of dates that can land in [from, to] are read, so
 * an event's assigns are not its whole series'; of the attendance records
 * only which occurrences have one (rk_schedule_attendance() gives them
 * with counts of zero). Never edit, copy, export or show records from it:
 * load with rk_store_load_schedule() for that. */
RkSchedule *rk_store_load_view         (RkStore *self, RkDay from, RkDay to, GError **error);
/* Everything, for exports of whole series and for the benchmark. */
RkSchedule *rk_store_load_all          (RkStore *self, GError **error);

/* The bare range query of the month view over the event table: a floor
 * for the benchmark. Returns the number of rows. */
gint64      rk_store_count_range_floor (RkStore *self, RkDay from, RkDay to, GError **error);

/* Series edits */
gboolean    rk_store_move_occurrence_rows (RkStore *self, gint64 from_event, gint64 to_event,
                                           RkDay min_date, GError **error);
gboolean    rk_store_delete_occurrence_assignments (RkStore *self, gint64 event_id,
                                                    RkDay occ_date, GError **error);
GArray     *rk_store_occurrence_dates  (RkStore *self, gint64 event_id, GError **error);

/* Data exchange: drops every exception of an event. */
gboolean    rk_store_clear_exceptions  (RkStore *self, gint64 event_id, GError **error);

/* ---- desktop application: pages and undo -------------------------------- */

typedef struct
{
  gint64    id;
  gint64    staff_id;
  RkMinute  start, end;
  char     *reason;
} RkUnavailability;

/* One person's unavailability, by start. Array of RkUnavailability (a clear
 * func frees the reasons). */
GArray     *rk_store_list_unavailability (RkStore *self, gint64 staff_id, GError **error);
gboolean    rk_store_update_equipment  (RkStore *self, RkEquipment *item, GError **error);
/* Every event's id → a text that changes whenever the event's row or one
 * of its exceptions changes: gint64 * keys (g_int64_hash), char * values.
 * Tells which events an import touched. */
GHashTable *rk_store_event_stamps      (RkStore *self, GError **error);

/* The rows one undo step puts back: an entity's row (keyed by its id) or
 * the child rows of an entity (keyed by the parent's id). */
typedef enum
{
  RK_ROWS_EVENT,
  RK_ROWS_EVENT_EXCEPTIONS,
  RK_ROWS_EVENT_STAFF,
  RK_ROWS_EVENT_EQUIPMENT,
  RK_ROWS_STAFF,
  RK_ROWS_UNAVAILABILITY,
  RK_ROWS_VENUE,
  RK_ROWS_CLOSING,
  RK_ROWS_ROOM,
  RK_ROWS_EQUIPMENT,
  RK_ROWS_PROGRAM,
  RK_ROWS_REQUIREMENTS,
  RK_ROWS_SETTINGS,         /* every row of the settings table (key 1) */
  RK_ROWS_ATTENDANCE,       /* an event's attendance records */
  RK_ROWS_AVAILABILITY,     /* a person's weekly pattern (key: the staff id) */
  RK_ROWS_NOTICES,          /* a venue's monthly notices (key: the venue id) */
  RK_N_ROWS
} RkRowSet;

/* The rows as they are now, every column: "aa{sv}" (NULL as "()"). */
GVariant   *rk_store_get_rows          (RkStore *self, RkRowSet set, gint64 key, GError **error);
/* The rows of many keys in one read (one statement, not a round trip
 * each on the server): key (gint64 *) -> "aa{sv}" as rk_store_get_rows()
 * gives it, an empty array for a key without rows. */
GHashTable *rk_store_get_rows_many     (RkStore *self, RkRowSet set, const gint64 *keys,
                                        guint n_keys, GError **error);
/* Makes the rows what `rows` says (inside a transaction): an entity row is
 * updated in place (its version moves on, so editors holding the old one
 * are refused), inserted or deleted; child rows are replaced. Rows already
 * as wanted are not touched. */
gboolean    rk_store_put_rows          (RkStore *self, RkRowSet set, gint64 key, GVariant *rows,
                                        GError **error);
/* Equal but for the version columns? */
gboolean    rk_rows_same_values        (GVariant *a, GVariant *b);

/* ---- whole databases: migration to the server, the server's roles ------ */

/* A database that must already be there: a SQLite file is not created, a
 * server database without Renkei's schema is not given one. */
RkStore    *rk_store_open_existing     (const char  *location,
                                        GError     **error);

/* How many rows of one table rk_store_copy_to() copied. */
typedef struct
{
  const char *table;        /* static */
  gint64      rows;
} RkCopyCount;

/* Copies every row of src (one snapshot) into dst, which must hold no data
 * yet (RK_ERROR_INVALID otherwise), keeping ids and row versions; src's
 * settings replace dst's defaults. One transaction on dst: all or nothing.
 * counts (may be NULL): an array of RkCopyCount, tables in copy order. */
gboolean    rk_store_copy_to           (RkStore     *src,
                                        RkStore     *dst,
                                        GArray     **counts,
                                        GError     **error);

/* The server only: makes the two group roles (NULL: renkei_coordinator,
 * renkei_viewer) and grants coordinators read/write and viewers read-only
 * access to Renkei's tables. Running it again is harmless. */
gboolean    rk_store_server_init_roles (RkStore     *self,
                                        const char  *coordinators,
                                        const char  *viewers,
                                        GError     **error);

G_END_DECLS
