#pragma once

#include <glib-object.h>

#include "rk-store.h"

G_BEGIN_DECLS

/* The desktop application's undo and redo: one entry per user action (one
 * transaction). Before an action changes something, its rows (an event with
 * its exceptions, staff and equipment; a staff member; a program with its
 * staffing requirements; …) are snapshotted, and what the action left is
 * snapshotted at commit. Undoing puts the first snapshot back in one
 * transaction of its own, redoing the second; things the action created are
 * deleted again and come back with the same ids. An entry refuses
 * (RK_ERROR_STALE) when its rows were changed since, by someone else or by
 * a later action that was not undone first. A new action forgets what could
 * be redone. */

typedef enum
{
  RK_UNDO_EVENT,
  RK_UNDO_STAFF,
  RK_UNDO_UNAVAILABILITY,
  RK_UNDO_VENUE,            /* a venue with its monthly notices */
  RK_UNDO_CLOSING,
  RK_UNDO_ROOM,
  RK_UNDO_EQUIPMENT,
  RK_UNDO_PROGRAM,
  RK_UNDO_SETTINGS,         /* the database's settings; id 1 */
  RK_UNDO_ATTENDANCE,       /* an event's attendance records; the event's id */
} RkUndoKind;

#define RK_TYPE_UNDO_STACK (rk_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (RkUndoStack, rk_undo_stack, RK, UNDO_STACK, GObject)

RkUndoStack *rk_undo_stack_new         (RkStore      *store);

/* Recording, inside the caller's transaction (after rk_store_begin): */
void         rk_undo_stack_begin       (RkUndoStack  *self,
                                        const char   *label);
/* Call before the thing is changed. Saving the same thing twice keeps the
 * first snapshot. */
gboolean     rk_undo_stack_save        (RkUndoStack  *self,
                                        RkUndoKind    kind,
                                        gint64        id,
                                        GError      **error);
/* Something the action added: undo deletes it, redo brings it back. */
void         rk_undo_stack_note_new    (RkUndoStack  *self,
                                        RkUndoKind    kind,
                                        gint64        id);
/* The same for events. */
gboolean     rk_undo_stack_save_event  (RkUndoStack  *self,
                                        gint64        event_id,
                                        GError      **error);
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
gboolean     rk_undo_stack_can_redo    (RkUndoStack  *self);
/* What the next redo does again, NULL when nothing. */
const char  *rk_undo_stack_get_redo_label (RkUndoStack *self);
/* Does the last undone entry again, in a transaction of its own. */
gboolean     rk_undo_stack_redo        (RkUndoStack  *self,
                                        GError      **error);
void         rk_undo_stack_clear       (RkUndoStack  *self);

/* An action recorded on another connection to the same database (the
 * desktop's store worker records a save with a stack of its own, in the
 * save's transaction): the entry its commit kept is taken off there and
 * pushed here, where undo and redo then find it. */
typedef struct _RkUndoEntry RkUndoEntry;

RkUndoEntry *rk_undo_stack_steal_newest (RkUndoStack *self);
/* Takes entry; forgets what could be redone, as a new action does. */
void         rk_undo_stack_push        (RkUndoStack  *self,
                                        RkUndoEntry  *entry);
void         rk_undo_entry_free        (RkUndoEntry  *entry);
const char  *rk_undo_entry_get_label   (RkUndoEntry  *entry);

/* Undo and redo on another connection (the desktop's store worker): the
 * entry undo (redo when redo) would apply is taken off the stack, NULL
 * when there is none; rk_undo_entry_apply() does in a transaction on
 * store what rk_undo_stack_undo() (or _redo()) does, with the same
 * refusal (RK_ERROR_STALE) when its rows were changed since; the entry
 * is then given back: applied, it moves to the other side (what can be
 * redone, or undone again), not applied, it goes back where it was. The
 * stack never touches a taken entry, so it may be applied in another
 * thread. */
RkUndoEntry *rk_undo_stack_take        (RkUndoStack  *self,
                                        gboolean      redo);
gboolean     rk_undo_entry_apply       (RkUndoEntry  *entry,
                                        RkStore      *store,
                                        gboolean      redo,
                                        GError      **error);
void         rk_undo_stack_give_back   (RkUndoStack  *self,
                                        RkUndoEntry  *entry,
                                        gboolean      redo,
                                        gboolean      applied);

G_END_DECLS
