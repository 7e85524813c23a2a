#pragma once

#include <glib-object.h>

#include "rk-store.h"

G_BEGIN_DECLS

/* The desktop application's undo: one entry per user action (one
 * transaction). Before an action changes an event, the event's rows (the
 * event, its exceptions, staff and equipment) are snapshotted; undoing puts
 * the snapshot back in one transaction of its own. Events the action created
 * are deleted again. An entry refuses to undo (RK_ERROR_STALE) when one of
 * its events was changed since, by someone else or by a later action that
 * was not undone first. */

#define RK_TYPE_UNDO_STACK (rk_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (RkUndoStack, rk_undo_stack, RK, UNDO_STACK, GObject)

RkUndoStack *rk_undo_stack_new         (RkStore      *store);

/* Recording, inside the caller's transaction (after rk_store_begin): */
void         rk_undo_stack_begin       (RkUndoStack  *self,
                                        const char   *label);
/* Call before the event is changed. Saving the same event twice keeps the
 * first snapshot. */
gboolean     rk_undo_stack_save_event  (RkUndoStack  *self,
                                        gint64        event_id,
                                        GError      **error);
/* An event the action added: undo deletes it. */
void         rk_undo_stack_note_created (RkUndoStack *self,
                                         gint64       event_id);
/* Commits the store's transaction and keeps the entry. On failure the
 * transaction is rolled back and the entry dropped. */
gboolean     rk_undo_stack_commit      (RkUndoStack  *self,
                                        GError      **error);
/* Rolls back the store's transaction and drops the entry being recorded. */
void         rk_undo_stack_abort       (RkUndoStack  *self);

gboolean     rk_undo_stack_can_undo    (RkUndoStack  *self);
/* What the next undo reverts ("Save event"), NULL when nothing. */
const char  *rk_undo_stack_get_label   (RkUndoStack  *self);
/* Reverts the last entry in a transaction of its own. On error nothing is
 * changed and the entry stays (so the person can read why and retry). */
gboolean     rk_undo_stack_undo        (RkUndoStack  *self,
                                        GError      **error);
void         rk_undo_stack_clear       (RkUndoStack  *self);

G_END_DECLS
