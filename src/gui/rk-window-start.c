#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rk-demo.h"
#include "rk-window-private.h"

/* How long a start waits for its first month before it shows the window
 * with the month's empty grid (a slow server): a file's month arrives
 * well before the window is laid out, and the first frame shows it. */
#define PRESENT_WAIT_MS 400

/* ---- setup bar ------------------------------------------------------------ */

/* A schedule that is not set up yet says where to begin: places, then
 * staff, then programs, each on its own page. */
void
rk_window_update_setup_bar (RkWindow *self, RkMonthData *data)
{
  const char *text = NULL, *button = NULL, *action = NULL;

  if (g_hash_table_size (data->schedule->venues) == 0)
    {
      text = _("To begin, add the places where events happen: the hubs and health centres, "
               "their rooms and closing days.");
      button = _("Add _Places…");
      action = "win.show-places";
    }
  else if (g_hash_table_size (data->schedule->staff) == 0)
    {
      text = _("Next, the staff who run the events, each with their role.");
      button = _("Add _Staff…");
      action = "win.show-staff";
    }
  else if (g_hash_table_size (data->schedule->programs) == 0)
    {
      text = _("Then the programs (parents' class, health consultation…) and the roles each "
               "needs; events are made from them.");
      button = _("Add P_rograms…");
      action = "win.show-programs";
    }
  gtk_widget_set_visible (self->setup_bar, text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->setup_label), text);
  gtk_button_set_label (GTK_BUTTON (self->setup_button), button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->setup_button), action);
}


/* ---- demo data ---------------------------------------------------------- */

/* In the worker thread: one transaction, not an undo step. */
static gpointer
fill_demo_run (RkStore *store, gpointer data, GError **error)
{
  if (!rk_store_begin (store, error))
    return NULL;
  if (!rk_demo_fill (store, rk_store_today (store), error))
    {
      rk_store_rollback (store);
      return NULL;
    }
  if (!rk_store_commit (store, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
demo_filled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RkWindow *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->context)
    rk_context_changed (self->context, FALSE);
  g_task_return_boolean (task, TRUE);
}

void
rk_window_fill_demo_async (RkWindow           *self,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (RK_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_window_fill_demo_async);
  rk_store_worker_run_async (rk_context_get_worker (self->context), fill_demo_run, NULL, NULL,
                             NULL, NULL, demo_filled, task);
}

gboolean
rk_window_fill_demo_finish (RkWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
demo_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkWindow *self = RK_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!rk_window_fill_demo_finish (self, result, &error))
    rk_window_report_error (self, error);
  else
    rk_window_show_toast (self, _("Demo data added"), FALSE);
}

static void
on_demo_response (AdwMessageDialog *dialog,
                  const char       *response,
                  RkWindow         *self)
{
  if (g_strcmp0 (response, "demo") == 0)
    rk_window_fill_demo_async (self, demo_done, NULL);
}

/* The first-run check, on the month the worker read: a database with no
 * place and no program is offered the demo data. */
void
rk_window_offer_demo_now (RkWindow *self)
{
  GtkWidget *dialog;

  if (self->data == NULL || self->data->placeholder)
    return;
  self->offer_demo = FALSE;
  if (g_hash_table_size (self->data->schedule->venues) > 0 ||
      g_hash_table_size (self->data->schedule->programs) > 0)
    return;

  dialog = adw_message_dialog_new (
    GTK_WINDOW (self), _("Fill the Empty Database With Demo Data?"),
    _("The demo has two child-rearing support hubs, a public health centre, their staff and "
      "three months of joint events, to try Renkei out. You can also start empty and add "
      "your own places and staff on their pages."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "empty", _("_Start Empty"),
                                    "demo", _("_Add Demo Data"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "demo",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "demo");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "empty");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_demo_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rk_window_offer_demo (RkWindow *self)
{
  g_return_if_fail (RK_IS_WINDOW (self));

  self->offer_demo = TRUE;
  if (!rk_window_is_loading (self))
    rk_window_offer_demo_now (self);
}

/* ---- presenting the window ------------------------------------------------ */

void
rk_window_present_now (RkWindow *self)
{
  self->present_when_read = FALSE;
  g_clear_handle_id (&self->present_id, g_source_remove);
  gtk_window_present (GTK_WINDOW (self));
}

/* The window shows the empty grid of today's month, filled when it
 * arrives. */
static void
present_empty_month (RkWindow *self)
{
  int y, m;

  if (self->data == NULL)
    {
      RkMonthData like = { 0 };

      like.today = rk_context_get_today (self->context);
      like.week_start = rk_context_get_week_start (self->context);
      rk_day_to_ymd (like.today, &y, &m, NULL);
      /* The month of today here; the worker's, when it comes, wins. */
      self->year = y;
      self->month = m;
      rk_window_show_data (self, rk_month_data_new_empty (&like, y, m));
    }
  rk_window_present_now (self);
}

/* The month took longer than a start should (a slow file): the window
 * shows its empty grid. */
static gboolean
present_timeout (gpointer user_data)
{
  RkWindow *self = user_data;

  self->present_id = 0;
  present_empty_month (self);
  return G_SOURCE_REMOVE;
}

void
rk_window_present_when_read (RkWindow *self)
{
  g_return_if_fail (RK_IS_WINDOW (self));

  if (self->data && !self->data->placeholder)
    {
      rk_window_present_now (self);
      return;
    }
  /* Through a server the first frame waits for no round trip: the worker
   * is still connecting (six round trips, or the whole connect timeout
   * of a server that does not answer). */
  if (rk_store_is_server (self->store))
    {
      present_empty_month (self);
      return;
    }
  self->present_when_read = TRUE;
  if (self->present_id == 0)
    self->present_id = g_timeout_add (PRESENT_WAIT_MS, present_timeout, self);
}

/* ---- a location that cannot be used ------------------------------------- */

static void
on_failed_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RkWindow         *self)
{
  /* Nothing was ever read through it: the window has nothing to show. */
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The worker's connection was refused (a wrong password or user, a
 * missing database, a schema that is not Renkei's or is newer): said once,
 * in its own words, as a start that cannot open a file says it; closing
 * the message closes the window. Not tried again. */
void
rk_window_show_failed (RkWindow *self, const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (RK_IS_WINDOW (self));

  if (self->failed_shown)
    return;
  self->failed_shown = TRUE;
  rk_window_present_now (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Database Cannot Be Opened"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_failed_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
