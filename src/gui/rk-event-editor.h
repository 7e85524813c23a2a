#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"
#include "rk-series.h"

G_BEGIN_DECLS

#define RK_TYPE_EVENT_EDITOR (rk_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (RkEventEditor, rk_event_editor, RK, EVENT_EDITOR, GtkWindow)

/* The event dialog: fields, repetition in words, holiday policy, staffing by
 * role with free-staff suggestions, and the problems the event would have,
 * checked live as fields change. Save is one transaction (recorded for
 * undo); a save against a row someone else changed meanwhile is refused
 * with an offer to reload. Emits "saved" with a message for a toast. */
RkEventEditor *rk_event_editor_new        (GtkWindow     *parent,
                                           RkContext     *context);
/* A new event on day. */
void           rk_event_editor_set_new    (RkEventEditor *self,
                                           RkDay          day);
/* An existing event, at its occurrence of orig_date (0: the series start),
 * read by the context's worker: meanwhile a spinner shows, the fields are
 * not offered and Save is off; a newer load drops the older one (which
 * ends with G_IO_ERROR_CANCELLED). TRUE once the editor shows it; the
 * error when it could not be read (the editor is then of no use). */
void           rk_event_editor_load_async  (RkEventEditor       *self,
                                            gint64               event_id,
                                            RkDay                orig_date,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       rk_event_editor_load_finish (RkEventEditor       *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* The worker is reading what the editor opens on (an event, or a new
 * event's lists: its fields can be typed in meanwhile). */
gboolean       rk_event_editor_get_opening (RkEventEditor *self);
/* For series: edit the whole series (TRUE) or this occurrence. */
void           rk_event_editor_set_whole_series (RkEventEditor *self,
                                                 gboolean       whole);
/* For series: this occurrence, this and the following, or all. Saves of
 * the last two go through rk_series_edit(); what it drops is shown in a
 * message on the parent window. */
void           rk_event_editor_set_scope  (RkEventEditor *self,
                                           RkEditScope    scope);
RkEditScope    rk_event_editor_get_scope  (RkEventEditor *self);
/* Another coordinator wrote to the database (the editor hears it from its
 * context's "changed"): nothing the person typed is touched, the dialog is
 * only marked when its event changed, and the save is refused by the
 * version check. */
void           rk_event_editor_notice_external_change (RkEventEditor *self);
gboolean       rk_event_editor_is_valid   (RkEventEditor *self);
/* What the Save button does: the fields are read here and written by the
 * context's store worker, in one transaction with its undo entry, while
 * Save shows progress and can't be pressed again and the dialog stays
 * open. On success the dialog closes itself; on failure it stays with
 * everything typed and says why (a stale save offers to reload). */
void           rk_event_editor_save_async (RkEventEditor       *self,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean       rk_event_editor_save_finish (RkEventEditor      *self,
                                            GAsyncResult       *result,
                                            GError            **error);
/* A save is on its way. */
gboolean       rk_event_editor_get_saving (RkEventEditor *self);
/* Reads the event again (after a refused stale save), as
 * rk_event_editor_load_async(), keeping the scope. */
void           rk_event_editor_reload     (RkEventEditor *self);
/* Adds the best free staff member of role (rk_suggest), as the first entry
 * of the role's "Add" list does, once the store worker has read who is
 * free. Finishes FALSE when nobody is. */
void           rk_event_editor_add_suggested_async  (RkEventEditor       *self,
                                                     int                  role,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       rk_event_editor_add_suggested_finish (RkEventEditor       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* A person on the event asked but not confirmed yet (saved as a tentative
 * assignment); FALSE confirms them. What the "?" toggle of a pill does. */
void           rk_event_editor_set_staff_asked (RkEventEditor *self,
                                                gint64         staff_id,
                                                gboolean       asked);
gboolean       rk_event_editor_get_staff_asked (RkEventEditor *self,
                                                gint64         staff_id);
/* Opens "Find a Time" for the event as the fields say; a time chosen there
 * fills the date, times and room (and the open roles). Returns the dialog. */
GtkWidget     *rk_event_editor_find_time  (RkEventEditor *self);
/* Live problems currently listed (translated messages), as last checked:
 * a check waiting for a pause in typing is started, and the count is
 * current once rk_event_editor_get_checking() is FALSE. */
guint          rk_event_editor_get_n_problems (RkEventEditor *self);
/* A live check is waiting for a pause in typing or running in the worker. */
gboolean       rk_event_editor_get_checking   (RkEventEditor *self);
/* Named template children for tests and accessibility checks: "title",
 * "date", "start", "end", "program", "room", "capacity", "notes", "repeat",
 * "policy", "save", "stale_bar", "elsewhere_bar", "following", "problems",
 * "error", "tentative", "find_time", "attendance" (the 「実績」 section) and
 * "attendance:FIELD" (its fields, rk-editor-attendance-section.h). */
GtkWidget     *rk_event_editor_get_field  (RkEventEditor *self,
                                           const char    *name);

/* Whether the person has changed something since the editor opened (then
 * Escape asks before throwing it away). */
gboolean       rk_event_editor_get_touched (RkEventEditor *self);

G_END_DECLS
