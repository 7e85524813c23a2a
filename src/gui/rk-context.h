#pragma once

#include <gtk/gtk.h>

#include "rk-gui-util.h"
#include "rk-store-worker.h"
#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

#define RK_TYPE_CONTEXT (rk_context_get_type ())

G_DECLARE_FINAL_TYPE (RkContext, rk_context, RK, CONTEXT, GObject)

/* What the window, its pages and its dialogs share: the store, the worker
 * that reads off the main thread (and watches the connection), the undo
 * stack, the settings, and a "changed" signal when the stored data moved
 * (a save here, or another coordinator's, which the worker finds by
 * looking at the data version and, on the shared server, at its
 * notifications). Widgets
 * get it as their construct-only "context" property and subscribe to
 * "changed" themselves; the window does not reload them by hand.
 *
 * "changed" (gboolean external): emitted once from an idle however many
 * changes came together; external is TRUE when someone else's save is
 * among them (an open editor only marks itself then). */
RkContext   *rk_context_new          (RkStore     *store);
RkStore     *rk_context_get_store    (RkContext   *self);
RkUndoStack *rk_context_get_undo     (RkContext   *self);
RkStoreWorker *rk_context_get_worker (RkContext   *self);
/* NULL when the compiled settings schema is not installed (build tree). */
GSettings   *rk_context_get_settings (RkContext   *self);
/* Queues "changed" (now, rather than at the next poll). */
void         rk_context_changed      (RkContext   *self,
                                      gboolean     external);
/* One action of the person, off the main thread: func runs in the
 * worker on the worker's own connection, inside one transaction recorded
 * for undo under label (all of it lands or none of it). data belongs to
 * the request and holds copies, never widgets; func may leave what it
 * found there (a new row's id). When it has landed, its undo entry is
 * this context's newest and "changed" follows. */
void         rk_context_change_async  (RkContext          *self,
                                       const char         *label,
                                       RkChangeFunc        func,
                                       gpointer            data,
                                       GDestroyNotify      data_free,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
/* The request's data (the request's still: valid until the callback
 * returns), or NULL with error (RK_ERROR_STALE when someone else changed
 * it first, G_IO_ERROR_NOT_CONNECTED when the server is away). */
gpointer     rk_context_change_finish (RkContext          *self,
                                       GAsyncResult       *result,
                                       GError            **error);
/* A form's Save (or Add, Remove …) through the worker, as
 * rk_context_change_async(): while it runs, button shows a spinner and is
 * insensitive, form (when given) too, and the window owner is in waits
 * with closing; a second press meanwhile does nothing (FALSE, data freed).
 * done then runs on the main thread with the request's data, or NULL and
 * the error (a lost server in the usual words: nothing was written, what
 * was typed is kept); not when owner was destroyed meanwhile. */
typedef void (*RkSaveDone) (GtkWidget    *owner,
                            gpointer      data,
                            const GError *error);
gboolean     rk_context_save          (RkContext          *self,
                                       GtkWidget          *owner,
                                       GtkWidget          *button,
                                       GtkWidget          *form,
                                       const char         *label,
                                       RkChangeFunc        func,
                                       gpointer            data,
                                       GDestroyNotify      data_free,
                                       RkSaveDone          done);
/* A save started on button is under way. */
gboolean     rk_context_is_saving     (GtkWidget          *button);
/* A widget's read in the worker (what a page lists, what it shows of the
 * row selected): func runs there as for rk_store_worker_run_async(); a
 * read still on its way in *slot (the widget's cancellable, which it
 * cancels and clears when it goes) is dropped for this one. done then
 * runs on the main thread with the result (the widget's now) or NULL and
 * the error; *slot is NULL again before. */
typedef void (*RkReadDone) (GtkWidget    *owner,
                            gpointer      result,
                            const GError *error);
void         rk_context_read          (RkContext          *self,
                                       GtkWidget          *owner,
                                       GCancellable      **slot,
                                       RkStoreWorkerFunc   func,
                                       gpointer            data,
                                       GDestroyNotify      data_free,
                                       GDestroyNotify      result_free,
                                       RkReadDone          done);
/* For a widget's own _async verb: the change as above, completing task
 * (taken) with TRUE when it landed, or with its error. */
void         rk_context_change_for_task (RkContext        *self,
                                         GTask            *task,
                                         const char       *label,
                                         RkChangeFunc      func,
                                         gpointer          data,
                                         GDestroyNotify    data_free);
/* Undo (redo when redo) off the main thread: the undo stack's newest
 * entry (or the last undone) is put back in the worker, on its own
 * connection, in one transaction; refused (RK_ERROR_STALE) when someone
 * else changed its rows since, and then it stays to be tried again.
 * While it runs the stack offers no other undo or redo
 * (rk_context_get_undoing), and a second request is refused. */
void         rk_context_undo_async    (RkContext          *self,
                                       gboolean            redo,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
/* What was undone or redone (the entry's label), or NULL with error. */
char        *rk_context_undo_finish   (RkContext          *self,
                                       GAsyncResult       *result,
                                       GError            **error);
gboolean     rk_context_get_undoing   (RkContext          *self);
/* The shared settings widgets need at once, never read on the main thread:
 * the worker reads them when the context is made and again before each
 * "changed" (an edit in Preferences, another coordinator's); until the
 * first read lands they are the defaults (Asia/Tokyo, Sunday, April, the
 * default consultation categories). "settings-changed" is emitted when a
 * read brings other values than those given so far. */
RkDay        rk_context_get_today        (RkContext   *self);
RkMinute     rk_context_get_now          (RkContext   *self);
/* 1 Monday, 7 Sunday. */
int          rk_context_get_week_start   (RkContext   *self);
/* The fiscal year's first month, 1 … 12. */
int          rk_context_get_fiscal_start (RkContext   *self);
const char * const *rk_context_get_categories (RkContext *self);
/* The worker has read them at least once. */
gboolean     rk_context_get_settings_read (RkContext  *self);
/* Stops the worker and the signals (the window closes). */
void         rk_context_shutdown     (RkContext   *self);

/* A toast on the window widget is in (a dialog's: on the window it was
 * opened from), offering undo or redo: activates "win.show-toast" with
 * (message, offer_undo, offer_redo). Without such a window, a log line. */
void         rk_context_toast        (GtkWidget   *widget,
                                      const char  *message,
                                      gboolean     offer_undo,
                                      gboolean     offer_redo);

/* For widget classes: the construct-only, write-only "context" property. */
GParamSpec  *rk_context_param_spec   (void);

G_END_DECLS
