#pragma once

#include "rk-attendance.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* Many new rows written by few statements (rk-store-batch.c): what a
 * generated municipality or a large import writes, inside the caller's
 * one transaction. Rows are kept in memory and written as INSERTs of up
 * to a few hundred rows each (on a server each statement is a round trip),
 * events first, so the rows that name them can follow.
 *
 * What each call checks is what its one-row twin checks, with the same
 * messages; rows are written when enough are kept, by
 * rk_store_batch_flush(), and must be flushed before the transaction
 * reads them or commits. A failure while writing them (a constraint of
 * the database) is the flush's error; the transaction should then be
 * rolled back, as after any failed write of a batch. */

typedef struct _RkStoreBatch RkStoreBatch;

RkStoreBatch *rk_store_batch_new        (RkStore *store);
/* Rows not flushed are dropped. */
void          rk_store_batch_free       (RkStoreBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkStoreBatch, rk_store_batch_free)

gboolean      rk_store_batch_flush      (RkStoreBatch *batch, GError **error);

/* The reference rows, each checked as its one-row twin
 * (rk_store_add_venue() …) checks it, with the same messages; its id at
 * once (also set on the object, with version 1), or 0 and the error. On a
 * server the row waits in the batch with an id taken ahead from its
 * table's sequence (a name already taken is then the flush's error); on a
 * file it is written at once. Rooms, programs, staff and equipment added
 * so are known to the events and periods away that follow, not asked. */
gint64        rk_store_batch_add_venue  (RkStoreBatch *batch, RkVenue *venue, GError **error);
gint64        rk_store_batch_add_closing (RkStoreBatch *batch, gint64 venue_id,
                                          RkClosingKind kind, int start, int end, int weekday,
                                          const char *reason, GError **error);
gint64        rk_store_batch_add_room   (RkStoreBatch *batch, RkRoom *room, GError **error);
gint64        rk_store_batch_add_equipment (RkStoreBatch *batch, RkEquipment *item,
                                            GError **error);
gint64        rk_store_batch_add_staff  (RkStoreBatch *batch, RkStaff *staff, GError **error);
gint64        rk_store_batch_add_program (RkStoreBatch *batch, RkProgram *program,
                                          GError **error);

/* A new event, checked as rk_store_add_event() checks it, with its
 * equipment; with sequence >= 0 its origin is set too
 * (rk_store_set_event_origin()). Its id at once (also set on the event,
 * with its uid and version 1), or 0 and the error. Its uid must not be
 * another event's. */
gint64        rk_store_batch_add_event  (RkStoreBatch *batch, RkEvent *event, GArray *equipment,
                                         const char *tzid, int sequence, GError **error);
/* An assignment row as rk_store_assign() or, with excluded,
 * rk_store_unassign() of one occurrence would write it for someone not yet
 * on the event: the database's constraints are its only check. */
gboolean      rk_store_batch_assignment (RkStoreBatch *batch, gint64 event_id, gint64 staff_id,
                                         RkDay occ_date, gboolean tentative, gboolean excluded,
                                         GError **error);
/* A new exception (none yet for that event and date). */
gboolean      rk_store_batch_exception  (RkStoreBatch *batch, gint64 event_id, RkDay occ_date,
                                         RkExceptionKind kind, RkMinute start, RkMinute end,
                                         const char *reason, GError **error);
gboolean      rk_store_batch_unavailability (RkStoreBatch *batch, gint64 staff_id, RkMinute from,
                                             RkMinute to, const char *reason, GError **error);
/* A new attendance record (version 0), validated first, written with
 * version 1. */
gboolean      rk_store_batch_attendance (RkStoreBatch *batch, const RkAttendance *a,
                                         GError **error);

/* Which of uids (char *, NULLs skipped) events of the database have: a set
 * of them, in one question (an import's look-up before it writes). */
GHashTable   *rk_store_find_event_uids  (RkStore *self, GPtrArray *uids, GError **error);

G_END_DECLS
