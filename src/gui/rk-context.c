#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-attendance.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-store-attendance.h"

struct _RkContext
{
  GObject      parent_instance;

  RkStore       *store;
  RkStoreWorker *worker;
  RkUndoStack   *undo;
  GSettings     *settings;
  guint          changed_id;
  guint          look_id;
  gint64         file_version;
  gboolean       external;
  gboolean       undoing;       /* an undo or redo in the worker */
  /* The shared settings as the worker last read them. */
  char          *timezone;
  int            week_start;
  int            fiscal_start;
  GStrv          categories;
  gboolean       settings_read;
  GCancellable  *settings_cancel;
  gboolean       shut_down;     /* its window has gone: no more reads or "changed" */
};

G_DEFINE_FINAL_TYPE (RkContext, rk_context, G_TYPE_OBJECT)

enum
{
  CHANGED,
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the shared settings, read by the worker ------------------------------ */

typedef struct
{
  char  *timezone;
  int    week_start;
  int    fiscal_start;
  GStrv  categories;
} Shared;

static void
shared_free (gpointer p)
{
  Shared *sh = p;

  g_free (sh->timezone);
  g_strfreev (sh->categories);
  g_free (sh);
}

/* In the worker thread: every setting in one read (the first request of
 * a start through a server: the month waits behind it). */
static gpointer
read_shared (RkStore *store, gpointer data, GError **error)
{
  Shared *sh = g_new0 (Shared, 1);
  g_autoptr(GHashTable) all = rk_store_get_settings (store);
  const char *tz = g_hash_table_lookup (all, "timezone");

  sh->timezone = g_strdup (tz ? tz : "Asia/Tokyo");
  sh->week_start = g_strcmp0 (g_hash_table_lookup (all, "week_start"), "monday") == 0 ? 1 : 7;
  sh->fiscal_start = CLAMP (rk_store_setting_as_int (g_hash_table_lookup (all,
                                                                          "fiscal_year_start"),
                                                     4),
                            1, 12);
  sh->categories = rk_consultation_categories (g_hash_table_lookup (all,
                                                                    "consultation_categories"));
  return sh;
}

static void
shared_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkContext *self;
  g_autoptr(GError) error = NULL;
  Shared *sh = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  gboolean differ;

  /* Read again meanwhile, or the context went: dropped. A read that
   * failed (the server away) leaves what was known. */
  if (sh == NULL)
    return;
  self = RK_CONTEXT (user_data);
  if (g_cancellable_is_cancelled (self->settings_cancel))
    {
      shared_free (sh);
      return;
    }
  g_clear_object (&self->settings_cancel);
  differ = g_strcmp0 (sh->timezone, self->timezone) != 0 || sh->week_start != self->week_start ||
           sh->fiscal_start != self->fiscal_start ||
           !g_strv_equal ((const char * const *) sh->categories,
                          (const char * const *) self->categories);
  g_free (self->timezone);
  g_strfreev (self->categories);
  self->timezone = g_steal_pointer (&sh->timezone);
  self->categories = g_steal_pointer (&sh->categories);
  self->week_start = sh->week_start;
  self->fiscal_start = sh->fiscal_start;
  self->settings_read = TRUE;
  shared_free (sh);
  if (differ)
    g_signal_emit (self, signals[SETTINGS_CHANGED], 0);
}

/* Queued before the readers "changed" sends: the worker takes requests in
 * order, so they find the settings read when their own results arrive. */
static void
read_settings (RkContext *self)
{
  if (self->shut_down)
    return;
  g_cancellable_cancel (self->settings_cancel);
  g_clear_object (&self->settings_cancel);
  self->settings_cancel = g_cancellable_new ();
  rk_store_worker_run_async (self->worker, read_shared, NULL, NULL, shared_free,
                             self->settings_cancel, shared_read, self);
}

RkDay
rk_context_get_today (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), 0);
  return rk_today (self->timezone);
}

RkMinute
rk_context_get_now (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), 0);
  return rk_now (self->timezone);
}

int
rk_context_get_week_start (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), 7);
  return self->week_start;
}

int
rk_context_get_fiscal_start (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), 4);
  return self->fiscal_start;
}

const char * const *
rk_context_get_categories (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), NULL);
  return (const char * const *) self->categories;
}

gboolean
rk_context_get_settings_read (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), FALSE);
  return self->settings_read;
}

static gboolean
changed_idle (gpointer user_data)
{
  RkContext *self = user_data;
  gboolean external = self->external;

  self->changed_id = 0;
  self->external = FALSE;
  read_settings (self);
  g_signal_emit (self, signals[CHANGED], 0, external);
  return G_SOURCE_REMOVE;
}

void
rk_context_changed (RkContext *self,
                    gboolean   external)
{
  g_return_if_fail (RK_IS_CONTEXT (self));

  /* A change whose result arrives after the window went (or while the
   * context is disposed) tells no one: the idle would hold a context that
   * may be gone by then. */
  if (self->shut_down)
    return;
  self->external |= external;
  if (self->changed_id == 0)
    self->changed_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, changed_idle, self, NULL);
}

static void
on_store_changed (RkStore *store, const char *table, RkContext *self)
{
  rk_context_changed (self, FALSE);
}

/* On a file, another program's commit is seen by this connection's
 * PRAGMA data_version, a read of the shared memory that never waits on a
 * lock: a look each second here is as cheap as the worker's and does not
 * depend on its thread being scheduled. The server is left to the worker
 * and the notifications on its own connection: reading them here could
 * reach libpq's reconnect when the server has gone, and hold the window
 * for the whole connect timeout. */
static gboolean
look_cb (gpointer user_data)
{
  RkContext *self = user_data;
  gint64 version = rk_store_get_data_version (self->store);

  if (version != self->file_version)
    {
      self->file_version = version;
      rk_context_changed (self, TRUE);
    }
  return G_SOURCE_CONTINUE;
}

/* The worker saw another connection commit (or came back after the
 * server was away). */
static void
on_data_changed (RkStoreWorker *worker, RkContext *self)
{
  rk_context_changed (self, TRUE);
}

/* ---- changes in the worker ---------------------------------------------- */

typedef struct
{
  char          *label;
  RkChangeFunc   func;
  gpointer       data;
  GDestroyNotify data_free;
} Change;

static void
change_free (gpointer p)
{
  Change *c = p;

  if (c->data_free)
    c->data_free (c->data);
  g_free (c->label);
  g_free (c);
}

/* In the worker thread: the undo entry is recorded by a stack of the
 * worker's connection, in the action's transaction, and handed over. */
static gpointer
change_run (RkStore *store, gpointer data, GError **error)
{
  Change *c = data;
  g_autoptr(RkUndoStack) recorder = rk_undo_stack_new (store);

  if (!rk_gui_change (store, recorder, c->label, c->func, c->data, error))
    return NULL;
  return rk_undo_stack_steal_newest (recorder);
}

static void
change_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RkContext *self = g_task_get_source_object (task);
  GError *error = NULL;
  RkUndoEntry *entry = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);

  if (entry == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rk_undo_stack_push (self->undo, entry);
  rk_context_changed (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

void
rk_context_change_async (RkContext          *self,
                         const char         *label,
                         RkChangeFunc        func,
                         gpointer            data,
                         GDestroyNotify      data_free,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask *task;
  Change *c;

  g_return_if_fail (RK_IS_CONTEXT (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_context_change_async);
  c = g_new0 (Change, 1);
  c->label = g_strdup (label);
  c->func = func;
  c->data = data;
  c->data_free = data_free;
  g_task_set_task_data (task, c, change_free);
  /* The task (and with it data) lives until the worker is done with it. */
  rk_store_worker_run_async (self->worker, change_run, c, NULL,
                             (GDestroyNotify) rk_undo_entry_free, NULL, change_done, task);
}

gpointer
rk_context_change_finish (RkContext     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return ((Change *) g_task_get_task_data (G_TASK (result)))->data;
}

static void
change_for_task_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (rk_context_change_finish (RK_CONTEXT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rk_context_change_for_task (RkContext     *self,
                            GTask         *task,
                            const char    *label,
                            RkChangeFunc   func,
                            gpointer       data,
                            GDestroyNotify data_free)
{
  g_return_if_fail (RK_IS_CONTEXT (self));
  g_return_if_fail (G_IS_TASK (task));

  rk_context_change_async (self, label, func, data, data_free, change_for_task_done, task);
}

/* ---- a form's Save ------------------------------------------------------ */

typedef struct
{
  GtkWidget *owner;
  GtkWidget *button;
  GtkWidget *form;
  GtkWidget *child;             /* the button's own, while the spinner shows */
  GtkWidget *focus;             /* weak: where focus was, given back after */
  gboolean   button_sensitive, form_sensitive;
  gboolean   destroyed;
  RkSaveDone done;
} SaveCall;

static gboolean
refuse_close (GtkWindow *window, gpointer user_data)
{
  /* Closing waits for the save: what was typed is either stored or
   * still there to be saved again. */
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "rk-saves")) > 0;
}

static void
count_saves (GtkWidget *owner, int by)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  int n;

  if (!GTK_IS_WINDOW (root))
    return;
  n = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (root), "rk-saves")) + by;
  if (g_object_get_data (G_OBJECT (root), "rk-refuse-close") == NULL)
    {
      g_signal_connect (root, "close-request", G_CALLBACK (refuse_close), NULL);
      g_object_set_data (G_OBJECT (root), "rk-refuse-close", GINT_TO_POINTER (1));
    }
  g_object_set_data (G_OBJECT (root), "rk-saves", GINT_TO_POINTER (MAX (n, 0)));
}

static void
on_owner_destroyed (GtkWidget *owner, SaveCall *call)
{
  call->destroyed = TRUE;
}

static void
save_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveCall *call = user_data;
  GError *error = NULL;
  gpointer data = rk_context_change_finish (RK_CONTEXT (source), result, &error);

  g_signal_handlers_disconnect_by_func (call->owner, on_owner_destroyed, call);
  if (!call->destroyed)
    {
      count_saves (call->owner, -1);
      gtk_button_set_child (GTK_BUTTON (call->button), call->child);
      gtk_widget_set_tooltip_text (call->button, NULL);
      gtk_widget_set_sensitive (call->button, call->button_sensitive);
      if (call->form)
        gtk_widget_set_sensitive (call->form, call->form_sensitive);
      if (call->focus)
        gtk_widget_grab_focus (call->focus);
    }
  g_clear_weak_pointer (&call->focus);
  g_object_set_data (G_OBJECT (call->button), "rk-saving", NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    {
      g_free (error->message);
      error->message = g_strdup (_("Not saved: the server cannot be reached. What you typed is "
                                   "kept; save again when the connection is back."));
    }
  /* A window closed meanwhile has nothing left to show. */
  if (!call->destroyed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    call->done (call->owner, data, error);
  g_clear_error (&error);
  g_clear_object (&call->child);
  g_clear_object (&call->form);
  g_object_unref (call->button);
  g_object_unref (call->owner);
  g_free (call);
}

gboolean
rk_context_save (RkContext     *self,
                 GtkWidget     *owner,
                 GtkWidget     *button,
                 GtkWidget     *form,
                 const char    *label,
                 RkChangeFunc   func,
                 gpointer       data,
                 GDestroyNotify data_free,
                 RkSaveDone     done)
{
  SaveCall *call;
  GtkWidget *spinner;

  g_return_val_if_fail (RK_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (GTK_IS_BUTTON (button), FALSE);

  if (rk_context_is_saving (button))
    {
      if (data_free)
        data_free (data);
      return FALSE;
    }
  call = g_new0 (SaveCall, 1);
  call->owner = g_object_ref (owner);
  call->button = g_object_ref (button);
  call->form = form ? g_object_ref (form) : NULL;
  call->done = done;
  call->child = gtk_button_get_child (GTK_BUTTON (button));
  if (call->child)
    g_object_ref (call->child);
  call->button_sensitive = gtk_widget_get_sensitive (button);
  call->form_sensitive = form && gtk_widget_get_sensitive (form);
  g_signal_connect (owner, "destroy", G_CALLBACK (on_owner_destroyed), call);
  g_object_set_data (G_OBJECT (button), "rk-saving", GINT_TO_POINTER (1));
  count_saves (owner, 1);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saving…"), -1);
  gtk_button_set_child (GTK_BUTTON (button), spinner);
  gtk_widget_set_tooltip_text (button, _("Saving…"));
  /* Focus leaves the fields before they turn insensitive. */
  if (GTK_IS_WINDOW (gtk_widget_get_root (owner)))
    {
      GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (owner));

      g_set_weak_pointer (&call->focus, gtk_window_get_focus (window));
      gtk_window_set_focus (window, NULL);
    }
  gtk_widget_set_sensitive (button, FALSE);
  if (form)
    gtk_widget_set_sensitive (form, FALSE);
  rk_context_change_async (self, label, func, data, data_free, save_call_done, call);
  return TRUE;
}

gboolean
rk_context_is_saving (GtkWidget *button)
{
  return button && g_object_get_data (G_OBJECT (button), "rk-saving") != NULL;
}

/* ---- a widget's reads ----------------------------------------------------- */

typedef struct
{
  GtkWidget      *owner;
  GCancellable  **slot;
  GCancellable   *cancellable;
  GDestroyNotify  result_free;
  RkReadDone      done;
} ReadCall;

static void
read_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReadCall *call = user_data;
  GError *error = NULL;
  gpointer value = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);

  /* Read again meanwhile, or the widget went: dropped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (call->cancellable))
    {
      if (value && call->result_free)
        call->result_free (value);
    }
  else
    {
      if (*call->slot == call->cancellable)
        g_clear_object (call->slot);
      call->done (call->owner, value, error);
    }
  g_clear_error (&error);
  g_object_unref (call->cancellable);
  g_object_unref (call->owner);
  g_free (call);
}

void
rk_context_read (RkContext        *self,
                 GtkWidget        *owner,
                 GCancellable    **slot,
                 RkStoreWorkerFunc func,
                 gpointer          data,
                 GDestroyNotify    data_free,
                 GDestroyNotify    result_free,
                 RkReadDone        done)
{
  ReadCall *call;

  g_return_if_fail (RK_IS_CONTEXT (self));
  g_return_if_fail (slot != NULL);

  g_cancellable_cancel (*slot);
  g_clear_object (slot);
  *slot = g_cancellable_new ();
  call = g_new0 (ReadCall, 1);
  call->owner = g_object_ref (owner);
  call->slot = slot;
  call->cancellable = g_object_ref (*slot);
  call->result_free = result_free;
  call->done = done;
  rk_store_worker_run_async (self->worker, func, data, data_free, result_free, *slot,
                             read_call_done, call);
}

/* ---- undo and redo in the worker --------------------------------------- */

typedef struct
{
  RkContext   *self;
  RkUndoEntry *entry;           /* taken off the stack while it is applied */
  gboolean     redo;
  gboolean     applied;
  char        *label;
} Undo;

static void
undo_free (gpointer p)
{
  Undo *u = p;

  g_clear_object (&u->self);
  rk_undo_entry_free (u->entry);
  g_free (u->label);
  g_free (u);
}

/* In the worker thread: the entry belongs to the request meanwhile. */
static gpointer
undo_run (RkStore *store, gpointer data, GError **error)
{
  Undo *u = data;

  u->applied = rk_undo_entry_apply (u->entry, store, u->redo, error);
  return u->applied ? u : NULL;
}

static void
undo_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Undo *u = g_task_get_task_data (task);
  RkContext *self = u->self;
  GError *error = NULL;

  rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  self->undoing = FALSE;
  rk_undo_stack_give_back (self->undo, g_steal_pointer (&u->entry), u->redo, u->applied);
  if (!u->applied)
    {
      g_task_return_error (task, error);
      return;
    }
  rk_context_changed (self, FALSE);
  g_task_return_pointer (task, g_strdup (u->label), g_free);
}

void
rk_context_undo_async (RkContext          *self,
                       gboolean            redo,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  GTask *task;
  Undo *u;

  g_return_if_fail (RK_IS_CONTEXT (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_context_undo_async);
  if (self->undoing)
    {
      g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                               _("An undo is still under way"));
      g_object_unref (task);
      return;
    }
  u = g_new0 (Undo, 1);
  u->redo = redo;
  /* Marked before the entry is taken: the stack's notifications see the
   * actions turned off. */
  self->undoing = TRUE;
  u->entry = rk_undo_stack_take (self->undo, redo);
  if (u->entry == NULL)
    {
      self->undoing = FALSE;
      g_free (u);
      g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                               redo ? _("There is nothing to redo") : _("There is nothing to undo"));
      g_object_unref (task);
      return;
    }
  u->self = g_object_ref (self);
  u->label = g_strdup (rk_undo_entry_get_label (u->entry));
  g_task_set_task_data (task, u, undo_free);
  rk_store_worker_run_async (self->worker, undo_run, u, NULL, NULL, NULL, undo_done, task);
}

char *
rk_context_undo_finish (RkContext     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
rk_context_get_undoing (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), FALSE);
  return self->undoing;
}

void
rk_context_shutdown (RkContext *self)
{
  g_return_if_fail (RK_IS_CONTEXT (self));

  self->shut_down = TRUE;
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_handle_id (&self->look_id, g_source_remove);
  g_cancellable_cancel (self->settings_cancel);
  g_clear_object (&self->settings_cancel);
  g_signal_handlers_disconnect_by_data (self->store, self);
  g_signal_handlers_disconnect_by_data (self->worker, self);
  rk_store_worker_shutdown (self->worker);
}

static void
rk_context_dispose (GObject *object)
{
  RkContext *self = RK_CONTEXT (object);

  if (self->store)
    rk_context_shutdown (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->worker);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_context_parent_class)->dispose (object);
}

static void
rk_context_finalize (GObject *object)
{
  RkContext *self = RK_CONTEXT (object);

  g_free (self->timezone);
  g_strfreev (self->categories);
  G_OBJECT_CLASS (rk_context_parent_class)->finalize (object);
}

static void
rk_context_class_init (RkContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rk_context_dispose;
  object_class->finalize = rk_context_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SETTINGS_CHANGED] = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            0);
}

static void
rk_context_init (RkContext *self)
{
  self->timezone = g_strdup ("Asia/Tokyo");
  self->week_start = 7;
  self->fiscal_start = 4;
  self->categories = rk_consultation_categories (NULL);
}

RkContext *
rk_context_new (RkStore *store)
{
  RkContext *self = g_object_new (RK_TYPE_CONTEXT, NULL);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (RK_IS_STORE (store), NULL);

  self->store = g_object_ref (store);
  self->undo = rk_undo_stack_new (store);
  /* Running from a build tree without the compiled schema must not abort. */
  if (source)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema)
    self->settings = g_settings_new (APP_ID);
  /* Not rk_store_get_path(): a password in the location is masked there,
   * and the worker would be refused. */
  self->worker = rk_store_worker_new (rk_store_get_location (store));
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  g_signal_connect_object (self->worker, "data-changed", G_CALLBACK (on_data_changed), self, 0);
  /* The worker's first request: before any reader's. */
  read_settings (self);
  if (!rk_store_is_server (store))
    {
      self->file_version = rk_store_get_data_version (store);
      self->look_id = g_timeout_add (1000, look_cb, self);
    }
  return self;
}

RkStore *
rk_context_get_store (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), NULL);
  return self->store;
}

RkUndoStack *
rk_context_get_undo (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), NULL);
  return self->undo;
}

RkStoreWorker *
rk_context_get_worker (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), NULL);
  return self->worker;
}

GSettings *
rk_context_get_settings (RkContext *self)
{
  g_return_val_if_fail (RK_IS_CONTEXT (self), NULL);
  return self->settings;
}

void
rk_context_toast (GtkWidget  *widget,
                  const char *message,
                  gboolean    offer_undo,
                  gboolean    offer_redo)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;
  GtkWindow *parent = root && GTK_IS_WINDOW (root)
                        ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

  /* A dialog's toast shows on the window it was opened from. */
  if (parent)
    widget = GTK_WIDGET (parent);
  if (widget == NULL ||
      !gtk_widget_activate_action (widget, "win.show-toast", "(sbb)", message, offer_undo,
                                   offer_redo))
    g_message ("%s", message);
}

GParamSpec *
rk_context_param_spec (void)
{
  return g_param_spec_object ("context", NULL, NULL, RK_TYPE_CONTEXT,
                              G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                              G_PARAM_STATIC_STRINGS);
}
