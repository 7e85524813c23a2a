#pragma once

#include <adwaita.h>

#include "rk-context.h"
#include "rk-month-data.h"
#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

#define RK_TYPE_WINDOW (rk_window_get_type ())

G_DECLARE_FINAL_TYPE (RkWindow, rk_window, RK, WINDOW, AdwApplicationWindow)

/* The main window: month grid or agenda, problems panel, and the actions a
 * coordinator uses (win.new-event, win.open-occurrence, win.move-occurrence,
 * win.cancel-occurrence, win.undo, win.print, …). app may be NULL (tests). */
RkWindow    *rk_window_new             (GtkApplication *app,
                                        RkStore        *store);
/* A window on a context made before it (the application's start, whose
 * worker reads the month of today while GTK starts). */
RkWindow    *rk_window_new_for_context (GtkApplication *app,
                                        RkContext      *context);
RkStore     *rk_window_get_store       (RkWindow       *self);
RkUndoStack *rk_window_get_undo        (RkWindow       *self);
/* What the window's pages and dialogs share (store, undo, settings, "changed"). */
RkContext   *rk_window_get_context     (RkWindow       *self);
void         rk_window_set_month       (RkWindow       *self,
                                        int             year,
                                        int             month);
void         rk_window_get_month       (RkWindow       *self,
                                        int            *year,
                                        int            *month);
/* Reads the month from the store here and now (after the window's own
 * changes). Month switches and the context's "changed" read it in the
 * context's worker instead: the new grid shows at once and fills when
 * the month arrives ("loading" is TRUE meanwhile). */
void         rk_window_reload          (RkWindow       *self);
gboolean     rk_window_is_loading      (RkWindow       *self);
/* Emits the context's "changed" now: the month and every page (staff,
 * places, equipment, programs) reload themselves, as after a change by
 * this window or, found by the context's polling, by another coordinator.
 * Forms with unsaved typing and open editors are kept, only marked. */
void         rk_window_refresh         (RkWindow       *self);
/* A view of the stack: "month", "agenda", "staff", "places", "equipment",
 * "programs". */
GtkWidget   *rk_window_get_page        (RkWindow       *self,
                                        const char     *name);
RkMonthData *rk_window_get_data        (RkWindow       *self);
GtkWidget   *rk_window_get_month_view  (RkWindow       *self);
GtkWidget   *rk_window_get_agenda_view (RkWindow       *self);
GtkWidget   *rk_window_get_problems_panel (RkWindow    *self);
/* The editor opened last by win.open-occurrence / win.new-event, if still open. */
GtkWidget   *rk_window_get_editor      (RkWindow       *self);
void         rk_window_show_toast      (RkWindow       *self,
                                        const char     *message,
                                        gboolean        offer_undo);
void         rk_window_show_toast_full (RkWindow       *self,
                                        const char     *message,
                                        gboolean        offer_undo,
                                        gboolean        offer_redo);
/* The message of the toast shown, or NULL. */
const char  *rk_window_get_toast_message (RkWindow     *self);
/* Asks whether to fill an empty database with the demo data, once the
 * worker has read the first month (it says whether there is any place or
 * program). */
void         rk_window_offer_demo      (RkWindow       *self);
/* Fills the demo data in one transaction in the context's worker (what
 * the offer does on "yes"); the month is read anew when it landed. */
void         rk_window_fill_demo_async (RkWindow           *self,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean     rk_window_fill_demo_finish (RkWindow          *self,
                                         GAsyncResult      *result,
                                         GError           **error);
/* Presents the window once its first month is read (the worker reads it
 * while the window is built), or after a moment with the month's empty
 * grid, filled when it arrives: the first frame is the month, not an empty
 * window. */
void         rk_window_present_when_read (RkWindow        *self);

/* What dropping a chip and "Cancel" do after asking, in the context's
 * worker, each one transaction and one undo step; finished with
 * rk_window_change_finish() (RK_ERROR_NOT_FOUND when the occurrence is no
 * longer in the month shown). The month is read anew when it landed.
 *
 * Moves one occurrence (series: scope_all FALSE) or the whole event to
 * another day, keeping its time. */
void         rk_window_move_occurrence_async (RkWindow           *self,
                                              gint64              event_id,
                                              RkDay               orig_date,
                                              RkDay               to_day,
                                              gboolean            scope_all,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* Cancels an occurrence of a series and every later one: the series is
 * split there (rk_series_edit, "this and following") and the later part
 * cancelled. */
void         rk_window_cancel_following_async (RkWindow           *self,
                                               gint64              event_id,
                                               RkDay               orig_date,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
/* Cancels one occurrence (series, scope_all FALSE) or the event. */
void         rk_window_cancel_occurrence_async (RkWindow           *self,
                                                gint64              event_id,
                                                RkDay               orig_date,
                                                gboolean            scope_all,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean     rk_window_change_finish   (RkWindow       *self,
                                        GAsyncResult   *result,
                                        GError        **error);

/* The bar above the month saying where to begin on a schedule not set up
 * yet (no places, staff or programs); hidden otherwise. */
GtkWidget     *rk_window_get_setup_bar     (RkWindow   *self);

G_END_DECLS
