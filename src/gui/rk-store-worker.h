#pragma once

#include <gio/gio.h>

#include "rk-month-data.h"
#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

#define RK_TYPE_STORE_WORKER (rk_store_worker_get_type ())

G_DECLARE_FINAL_TYPE (RkStoreWorker, rk_store_worker, RK, STORE_WORKER, GObject)

/* The desktop's reads off the main thread. One worker thread opens its own
 * connection to the database and takes requests from a queue, one at a
 * time, in order; each result comes back as a GTask completed in the main
 * context the request was made from, so the window never waits on the
 * database. A request cancelled before its turn is dropped without
 * touching the database (a month switched past is never read).
 *
 * Between requests the thread looks for other coordinators' commits
 * ("data-changed", emitted on the main context) and watches the server
 * connection: "connected" turns FALSE when it is lost, and the thread
 * makes it anew with back-off (1, 2, 4 … 30 seconds) until it is back.
 * The thread opens its connection itself, so a window waits for no server
 * at its start: a server that does not answer then is "connected" FALSE
 * at once (and tried again the same way); one that refuses (a wrong
 * password or user, a missing database, a schema that is not Renkei's or
 * is newer) is not tried again: "failed" (GError) is emitted once, and
 * every request ends with that error. Nothing is read or written before
 * the schema has been checked.
 * RkStore itself stays synchronous, for the command line and the tests. */
RkStoreWorker *rk_store_worker_new                 (const char          *location);
gboolean       rk_store_worker_get_connected       (RkStoreWorker       *self);
/* Why the location cannot be used ("failed"), or NULL. */
const GError  *rk_store_worker_get_error           (RkStoreWorker       *self);
/* Stops the thread (requests still queued end as cancelled). */
void           rk_store_worker_shutdown            (RkStoreWorker       *self);

/* One month of the window: rk_month_data_load() in the worker; year 0:
 * the month of today in the database's time zone (the window's start). */
void           rk_store_worker_load_month_async    (RkStoreWorker       *self,
                                                    int                  year,
                                                    int                  month,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
RkMonthData   *rk_store_worker_load_month_finish   (RkStoreWorker       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* The start: the month of today is asked for before the window exists
 * (while GTK and libadwaita start and the window is built); the first
 * load of year 0 that comes then takes that read, on its way or arrived,
 * instead of asking again. */
void           rk_store_worker_read_first_month    (RkStoreWorker       *self);
/* Any range of days (a fiscal year): rk_month_data_load_range() in the
 * worker; finished with rk_store_worker_load_month_finish(). */
void           rk_store_worker_load_range_async    (RkStoreWorker       *self,
                                                    RkDay                first,
                                                    RkDay                last,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* The schedule of from … to (what the editor's live check works on). */
void           rk_store_worker_load_schedule_async (RkStoreWorker       *self,
                                                    RkDay                from,
                                                    RkDay                to,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
RkSchedule    *rk_store_worker_load_schedule_finish (RkStoreWorker      *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* Any job on the worker's store, in the worker thread: func gets the
 * store and data and returns its result (NULL with error set when it
 * fails). data belongs to the request (freed with data_free once the
 * result is taken) and holds copies, never widgets or anything the main
 * thread goes on changing; func touches nothing of GTK. A result not
 * taken is freed with result_free. A request cancelled before its turn
 * does not run; a connection lost on the way ends it with
 * G_IO_ERROR_NOT_CONNECTED. */
typedef gpointer (*RkStoreWorkerFunc) (RkStore   *store,
                                       gpointer   data,
                                       GError   **error);

void           rk_store_worker_run_async           (RkStoreWorker       *self,
                                                    RkStoreWorkerFunc    func,
                                                    gpointer             data,
                                                    GDestroyNotify       data_free,
                                                    GDestroyNotify       result_free,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* The job's result (the caller's), or NULL with error. */
gpointer       rk_store_worker_run_finish          (RkStoreWorker       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
