#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <poll.h>
#include <unistd.h>

#include "rk-store-worker.h"
#include "rk-store.h"

/* How often the thread looks for other coordinators' commits when it has
 * nothing to do (a local read: the server's notifications wait in the
 * socket, a file's PRAGMA data_version is cheap). */
#define LOOK_US (300 * G_TIME_SPAN_MILLISECOND)
/* The longest wait between two attempts to reach a lost server. */
#define MAX_BACKOFF_S 30

typedef enum
{
  REQUEST_MONTH,
  REQUEST_RANGE,
  REQUEST_SCHEDULE,
  REQUEST_JOB,
  REQUEST_QUIT
} RequestKind;

typedef struct
{
  RequestKind  kind;
  GTask       *task;
  int          year, month;
  RkDay        from, to;
  RkStoreWorkerFunc func;        /* REQUEST_JOB: its data is the task's */
  GDestroyNotify    result_free;
} Request;

struct _RkStoreWorker
{
  GObject        parent_instance;

  char          *location;
  GAsyncQueue   *queue;
  int            wake[2];       /* a byte written for each request pushed */
  GThread       *thread;
  GMainContext  *main_context;
  gboolean       connected;     /* as last told to the main context */
  /* rk_store_worker_read_first_month(): the month of today read before
   * anyone waits for it, and the first load of year 0 that then waits. */
  GTask         *first;         /* the read, on its way */
  RkMonthData   *first_data;    /* … or arrived (or first_error) */
  GError        *first_error;
  GTask         *first_waiter;
  GCancellable  *first_cancel;  /* the read's: cancelled with its waiter's */
  GCancellable  *waiter_cancel; /* the waiter's, and what ties them */
  gulong         waiter_cancel_id;
  GError        *error;         /* the location cannot be opened: no more tries */
};

G_DEFINE_FINAL_TYPE (RkStoreWorker, rk_store_worker, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DATA_CHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
request_free (Request *r)
{
  g_clear_object (&r->task);
  g_free (r);
}

static gboolean
nothing (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* FUNC (DATA) once in CONTEXT's thread, then NOTIFY (DATA) there. Not
 * g_main_context_invoke(): it runs the function at once, in the calling
 * thread, whenever the context is not being iterated just then (between
 * two iterations of a test's loop, or while the main thread tears a window
 * down). */
static void
run_in_context (GMainContext  *context,
                GSourceFunc    func,
                gpointer       data,
                GDestroyNotify notify,
                const char    *name)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  g_source_unref (source);
}

/* In the thread: a GTask is finalized where its last reference goes, and
 * with it its data and source object, which may hold widgets or the
 * context. The thread's reference is given back in the task's main
 * context, never dropped here. */
static void
request_release (Request *r)
{
  if (r->task)
    {
      GMainContext *context = g_task_get_context (r->task);

      run_in_context (context, nothing, g_steal_pointer (&r->task), g_object_unref,
                      "[renkei] worker task released");
    }
  g_free (r);
}

/* ---- telling the main context ------------------------------------------- */

typedef struct
{
  RkStoreWorker *self;
  gboolean       connected;
  gboolean       changed;
  GError        *failed;
} Note;

static gboolean
deliver_note (gpointer data)
{
  Note *note = data;
  RkStoreWorker *self = note->self;

  if (note->failed)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (note->failed);
      g_signal_emit (self, signals[FAILED], 0, self->error);
    }
  else if (note->changed)
    g_signal_emit (self, signals[DATA_CHANGED], 0);
  else if (self->connected != note->connected)
    {
      self->connected = note->connected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }
  return G_SOURCE_REMOVE;
}

static void
free_note (gpointer data)
{
  Note *note = data;

  g_object_unref (note->self);
  g_clear_error (&note->failed);
  g_free (note);
}

static void
post_full (RkStoreWorker *self, gboolean connected, gboolean changed, const GError *failed)
{
  Note *note = g_new0 (Note, 1);

  note->self = g_object_ref (self);
  note->connected = connected;
  note->changed = changed;
  note->failed = failed ? g_error_copy (failed) : NULL;
  /* The signal's handlers are the window's: in the main thread. */
  run_in_context (self->main_context, deliver_note, note, free_note, "[renkei] worker note");
}

static void
post (RkStoreWorker *self, gboolean connected, gboolean changed)
{
  post_full (self, connected, changed, NULL);
}

/* ---- the thread --------------------------------------------------------- */

static gboolean
store_reachable (RkStore *store)
{
  /* A server connection that could not be made anew has no socket. */
  return !rk_store_is_server (store) || rk_store_get_notify_fd (store) >= 0;
}

static void
run (RkStore *store, Request *r)
{
  GError *error = NULL;

  switch (r->kind)
    {
    case REQUEST_MONTH:
      {
        RkMonthData *data;

        /* The month of today, in the database's time zone. */
        if (r->year == 0)
          rk_day_to_ymd (rk_store_today (store), &r->year, &r->month, NULL);
        data = rk_month_data_load (store, r->year, r->month, &error);

        if (data)
          g_task_return_pointer (r->task, data, (GDestroyNotify) rk_month_data_unref);
        else
          g_task_return_error (r->task, error);
      }
      break;
    case REQUEST_RANGE:
      {
        RkMonthData *data = rk_month_data_load_range (store, r->from, r->to, &error);

        if (data)
          g_task_return_pointer (r->task, data, (GDestroyNotify) rk_month_data_unref);
        else
          g_task_return_error (r->task, error);
      }
      break;
    case REQUEST_SCHEDULE:
      {
        RkSchedule *schedule = rk_store_load_schedule (store, r->from, r->to, &error);

        if (schedule)
          g_task_return_pointer (r->task, schedule, (GDestroyNotify) rk_schedule_free);
        else
          g_task_return_error (r->task, error);
      }
      break;
    case REQUEST_JOB:
      {
        gpointer result = r->func (store, g_task_get_task_data (r->task), &error);

        if (result)
          g_task_return_pointer (r->task, result, r->result_free);
        else
          {
            /* A connection lost on the way says so, not what libpq said. */
            if (!store_reachable (store))
              {
                g_clear_error (&error);
                g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                     _("Cannot reach the server — reconnecting"));
              }
            g_task_return_error (r->task, error);
          }
      }
      break;
    case REQUEST_QUIT:
    default:
      break;
    }
}

/* The next request, waiting at most LOOK_US for one; the server's
 * notifications end the wait at once, so another coordinator's save is
 * looked at when it arrives. */
static Request *
next_request (RkStoreWorker *self, RkStore *store)
{
  struct pollfd fds[2] = { { self->wake[0], POLLIN, 0 }, { -1, POLLIN, 0 } };
  Request *r = g_async_queue_try_pop (self->queue);
  char buf[64];

  if (r)
    return r;
  if (store)
    fds[1].fd = rk_store_get_notify_fd (store);
  if (poll (fds, fds[1].fd >= 0 ? 2 : 1, LOOK_US / 1000) > 0 && (fds[0].revents & POLLIN))
    while (read (self->wake[0], buf, sizeof buf) == (ssize_t) sizeof buf)
      ;
  return g_async_queue_try_pop (self->queue);
}

static void
return_not_connected (Request *r)
{
  g_task_return_new_error (r->task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "%s",
                           _("Cannot reach the server — reconnecting"));
}

/* The worker's connection. A server that does not answer is tried again
 * later (NULL); one that refuses (a wrong password or user, a missing
 * database, a schema that is not Renkei's or is newer) or a file that
 * cannot be used is the worker's last word, in *fatal: trying again would
 * only say it again, and nothing is read or written without the schema
 * checked. */
static RkStore *
open_store (RkStoreWorker *self, GError **fatal)
{
  g_autoptr(GError) error = NULL;
  gboolean transient = FALSE;
  RkStore *store = rk_store_open_full (self->location, &transient, &error);

  if (store == NULL && !transient)
    {
      *fatal = g_steal_pointer (&error);
      post_full (self, TRUE, FALSE, *fatal);
    }
  else if (store == NULL)
    g_debug ("worker: %s", error->message);
  return store;
}

static gpointer
worker_main (gpointer data)
{
  RkStoreWorker *self = data;
  RkStore *store = NULL;
  GError *fatal = NULL;
  gboolean connected = TRUE;
  gint64 version = 0;
  gint64 next_try = 0;          /* monotonic µs: the next attempt while away */
  int backoff = 1;

  /* Connected (and on the server listening) before the first wait: a
   * commit made while the window was still waiting for its first read
   * would otherwise be announced to nobody. A server that does not answer
   * is told at once (the bar), and tried again with back-off. */
  store = open_store (self, &fatal);
  if (store)
    version = rk_store_get_data_version (store);
  else if (fatal == NULL)
    {
      connected = FALSE;
      post (self, FALSE, FALSE);
      next_try = g_get_monotonic_time () + backoff * G_TIME_SPAN_SECOND;
      backoff = MIN (backoff * 2, MAX_BACKOFF_S);
    }

  for (;;)
    {
      Request *r = next_request (self, store);
      gint64 now = g_get_monotonic_time ();
      gboolean ok;

      if (r && r->kind == REQUEST_QUIT)
        {
          request_release (r);
          break;
        }
      /* Switched past while waiting its turn: dropped, not read. */
      if (r && g_task_return_error_if_cancelled (r->task))
        {
          request_release (r);
          continue;
        }
      /* The location cannot be used: each request says why. */
      if (fatal)
        {
          if (r)
            {
              g_task_return_error (r->task, g_error_copy (fatal));
              request_release (r);
            }
          continue;
        }
      /* While the server is away, nothing but the next attempt touches it. */
      if (!connected && now < next_try)
        {
          if (r)
            {
              return_not_connected (r);
              request_release (r);
            }
          continue;
        }
      if (store == NULL)
        {
          store = open_store (self, &fatal);
          if (store)
            version = rk_store_get_data_version (store);
          else if (r && fatal)
            g_task_return_error (r->task, g_error_copy (fatal));
          else if (r)
            return_not_connected (r);
          if (fatal)
            {
              g_clear_pointer (&r, request_release);
              continue;
            }
        }
      if (store && r)
        run (store, r);
      g_clear_pointer (&r, request_release);

      /* Someone else's commits, and whether the server is still there
       * (a lost connection is made anew here, off the main thread). */
      ok = store != NULL;
      if (ok)
        {
          gint64 v = rk_store_get_data_version (store);

          ok = store_reachable (store);
          if (ok && v != version)
            {
              version = v;
              post (self, TRUE, TRUE);
            }
        }
      if (ok != connected)
        {
          connected = ok;
          post (self, connected, FALSE);
          /* Back: what was missed meanwhile is read again. */
          if (connected)
            post (self, TRUE, TRUE);
        }
      if (connected)
        backoff = 1;
      else
        {
          next_try = g_get_monotonic_time () + backoff * G_TIME_SPAN_SECOND;
          backoff = MIN (backoff * 2, MAX_BACKOFF_S);
        }
    }

  /* What is still queued ends as cancelled. */
  for (Request *r; (r = g_async_queue_try_pop (self->queue));)
    {
      if (r->task)
        g_task_return_new_error (r->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 _("The window was closed"));
      request_release (r);
    }
  g_clear_error (&fatal);
  g_clear_object (&store);
  return NULL;
}

/* ---- requests ----------------------------------------------------------- */

static Request *
request_new (RkStoreWorker       *self,
             RequestKind          kind,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  Request *r = g_new0 (Request, 1);

  r->kind = kind;
  r->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (r->task, source_tag);
  return r;
}

static void
push (RkStoreWorker *self, Request *r)
{
  if (self->thread == NULL)
    {
      g_task_return_new_error (r->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The window was closed"));
      request_free (r);
      return;
    }
  g_async_queue_push (self->queue, r);
  if (write (self->wake[1], "", 1) < 0)
    g_debug ("worker wake-up: %s", g_strerror (errno));
}

static void give_first (RkStoreWorker *self);

/* In whichever thread cancels the waiter (the main one). */
static void
cancel_first (GCancellable *waiter, GCancellable *first)
{
  g_cancellable_cancel (first);
}

void
rk_store_worker_load_month_async (RkStoreWorker       *self,
                                  int                  year,
                                  int                  month,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Request *r;

  g_return_if_fail (RK_IS_STORE_WORKER (self));

  r = request_new (self, REQUEST_MONTH, rk_store_worker_load_month_async, cancellable, callback,
                   user_data);
  /* The month of today read ahead: the first such load takes it. A
   * second one while it waits (a change told meanwhile) reads anew. */
  if (year == 0 && self->first_waiter == NULL &&
      (self->first || self->first_data || self->first_error))
    {
      self->first_waiter = g_steal_pointer (&r->task);
      request_free (r);
      if (self->first == NULL)
        give_first (self);
      /* Switched past before it was read (a slow server's start): the
       * read is dropped in the worker too, not made before the month
       * switched to. */
      else if (cancellable)
        {
          self->waiter_cancel = g_object_ref (cancellable);
          self->waiter_cancel_id = g_cancellable_connect (cancellable,
                                                          G_CALLBACK (cancel_first),
                                                          g_object_ref (self->first_cancel),
                                                          g_object_unref);
        }
      return;
    }
  r->year = year;
  r->month = month;
  push (self, r);
}

static void
untie_waiter (RkStoreWorker *self)
{
  if (self->waiter_cancel)
    g_cancellable_disconnect (self->waiter_cancel, self->waiter_cancel_id);
  self->waiter_cancel_id = 0;
  g_clear_object (&self->waiter_cancel);
}

/* The month read ahead goes to the load that asked for it (once). */
static void
give_first (RkStoreWorker *self)
{
  g_autoptr(GTask) waiter = g_steal_pointer (&self->first_waiter);

  untie_waiter (self);
  if (self->first_data)
    g_task_return_pointer (waiter, g_steal_pointer (&self->first_data),
                           (GDestroyNotify) rk_month_data_unref);
  else
    g_task_return_error (waiter, g_steal_pointer (&self->first_error));
}

static void
first_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkStoreWorker *self = RK_STORE_WORKER (source);

  g_clear_object (&self->first);
  self->first_data = g_task_propagate_pointer (G_TASK (result), &self->first_error);
  if (self->first_waiter)
    give_first (self);
}

void
rk_store_worker_read_first_month (RkStoreWorker *self)
{
  Request *r;

  g_return_if_fail (RK_IS_STORE_WORKER (self));
  g_return_if_fail (self->first == NULL && self->first_waiter == NULL);

  g_clear_object (&self->first_cancel);
  self->first_cancel = g_cancellable_new ();
  r = request_new (self, REQUEST_MONTH, rk_store_worker_load_month_async, self->first_cancel,
                   first_read, NULL);
  self->first = g_object_ref (r->task);
  push (self, r);
}

RkMonthData *
rk_store_worker_load_month_finish (RkStoreWorker  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rk_store_worker_load_range_async (RkStoreWorker       *self,
                                  RkDay                first,
                                  RkDay                last,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Request *r;

  g_return_if_fail (RK_IS_STORE_WORKER (self));

  r = request_new (self, REQUEST_RANGE, rk_store_worker_load_range_async, cancellable, callback,
                   user_data);
  r->from = first;
  r->to = last;
  push (self, r);
}

void
rk_store_worker_load_schedule_async (RkStoreWorker       *self,
                                     RkDay                from,
                                     RkDay                to,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Request *r;

  g_return_if_fail (RK_IS_STORE_WORKER (self));

  r = request_new (self, REQUEST_SCHEDULE, rk_store_worker_load_schedule_async, cancellable,
                   callback, user_data);
  r->from = from;
  r->to = to;
  push (self, r);
}

RkSchedule *
rk_store_worker_load_schedule_finish (RkStoreWorker  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rk_store_worker_run_async (RkStoreWorker       *self,
                           RkStoreWorkerFunc    func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Request *r;

  g_return_if_fail (RK_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  r = request_new (self, REQUEST_JOB, rk_store_worker_run_async, cancellable, callback,
                   user_data);
  g_task_set_task_data (r->task, data, data_free);
  r->func = func;
  r->result_free = result_free;
  push (self, r);
}

gpointer
rk_store_worker_run_finish (RkStoreWorker  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- object ------------------------------------------------------------- */

void
rk_store_worker_shutdown (RkStoreWorker *self)
{
  Request *quit;

  g_return_if_fail (RK_IS_STORE_WORKER (self));


  if (self->thread == NULL)
    return;
  quit = g_new0 (Request, 1);
  quit->kind = REQUEST_QUIT;
  g_async_queue_push (self->queue, quit);
  if (write (self->wake[1], "", 1) < 0)
    g_debug ("worker wake-up: %s", g_strerror (errno));
  g_thread_join (g_steal_pointer (&self->thread));
}

const GError *
rk_store_worker_get_error (RkStoreWorker *self)
{
  g_return_val_if_fail (RK_IS_STORE_WORKER (self), NULL);
  return self->error;
}

gboolean
rk_store_worker_get_connected (RkStoreWorker *self)
{
  g_return_val_if_fail (RK_IS_STORE_WORKER (self), FALSE);
  return self->connected;
}

static void
rk_store_worker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RkStoreWorker *self = RK_STORE_WORKER (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_store_worker_dispose (GObject *object)
{
  RkStoreWorker *self = RK_STORE_WORKER (object);

  rk_store_worker_shutdown (self);
  untie_waiter (self);
  g_clear_object (&self->first_cancel);
  g_clear_error (&self->error);
  g_clear_object (&self->first);
  g_clear_pointer (&self->first_data, rk_month_data_unref);
  g_clear_error (&self->first_error);
  G_OBJECT_CLASS (rk_store_worker_parent_class)->dispose (object);
}

static void
rk_store_worker_finalize (GObject *object)
{
  RkStoreWorker *self = RK_STORE_WORKER (object);

  g_async_queue_unref (self->queue);
  close (self->wake[0]);
  close (self->wake[1]);
  g_main_context_unref (self->main_context);
  g_free (self->location);
  G_OBJECT_CLASS (rk_store_worker_parent_class)->finalize (object);
}

static void
rk_store_worker_class_init (RkStoreWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rk_store_worker_dispose;
  object_class->finalize = rk_store_worker_finalize;
  object_class->get_property = rk_store_worker_get_property;

  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DATA_CHANGED] = g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
rk_store_worker_init (RkStoreWorker *self)
{
  self->connected = TRUE;
  self->queue = g_async_queue_new ();
  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, NULL) ||
      !g_unix_set_fd_nonblocking (self->wake[0], TRUE, NULL) ||
      !g_unix_set_fd_nonblocking (self->wake[1], TRUE, NULL))
    g_error ("cannot make the worker's pipe");
  self->main_context = g_main_context_ref_thread_default ();
}

RkStoreWorker *
rk_store_worker_new (const char *location)
{
  RkStoreWorker *self = g_object_new (RK_TYPE_STORE_WORKER, NULL);

  self->location = g_strdup (location);
  self->thread = g_thread_new ("renkei-store", worker_main, self);
  return self;
}
