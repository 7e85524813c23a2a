#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rk-agenda-view.h"
#include "rk-connection-bar.h"
#include "rk-context.h"
#include "rk-equipment-page.h"
#include "rk-event-editor.h"
#include "rk-event.h"
#include "rk-export.h"
#include "rk-import-dialog.h"
#include "rk-month-view.h"
#include "rk-plan-page.h"
#include "rk-results-page.h"
#include "rk-staff-plan-dialog.h"
#include "rk-preferences-dialog.h"
#include "rk-print.h"
#include "rk-problems-panel.h"
#include "rk-programs-page.h"
#include "rk-staff-page.h"
#include "rk-venues-page.h"
#include "rk-window-private.h"

/* How long a toast stays. */
#define TOAST_SECONDS 6

G_DEFINE_FINAL_TYPE (RkWindow, rk_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CONTEXT,
  PROP_SHOW_PROBLEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
rk_window_report_error (RkWindow *self, const GError *error)
{
  rk_window_show_toast (self, error->message, FALSE);
}

/* ---- loading ------------------------------------------------------------ */

void
rk_window_update_actions (RkWindow *self)
{
  gboolean undoing = rk_context_get_undoing (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 !undoing && rk_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 !undoing && rk_undo_stack_can_redo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", rk_print_available ());
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-preview", rk_print_available ());
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", rk_print_available ());
}

/* The header's arrows and Today say what they step by in the view shown
 * (they said "month" in the week and the year too). */
static void
update_step_tooltips (RkWindow *self, const char *view)
{
  const char *prev = _("Previous Month (Page Up)");
  const char *today = _("This Month (T)");
  const char *next = _("Next Month (Page Down)");

  if (g_strcmp0 (view, "week") == 0)
    {
      prev = _("Previous Week (Page Up)");
      today = _("This Week (T)");
      next = _("Next Week (Page Down)");
    }
  else if (g_strcmp0 (view, "year") == 0)
    {
      prev = _("Previous Year (Page Up)");
      today = _("This Year (T)");
      next = _("Next Year (Page Down)");
    }
  else if (view != NULL)    /* a day (or its week) by place or person; the search */
    {
      prev = _("Back (Page Up)");
      today = _("Today (T)");
      next = _("Forward (Page Down)");
    }
  gtk_widget_set_tooltip_text (self->prev_button, prev);
  gtk_widget_set_tooltip_text (self->today_button, today);
  gtk_widget_set_tooltip_text (self->next_button, next);
}

/* The header names what the page shows: the month, or the planning
 * page's week, day or year. */
static void
update_title (RkWindow *self)
{
  g_autofree char *title = NULL;
  gboolean plan = self->plan_page && g_strcmp0 (adw_view_stack_get_visible_child_name (
                                                  ADW_VIEW_STACK (self->stack)), "plan") == 0;

  update_step_tooltips (self, plan ? rk_plan_page_get_view (RK_PLAN_PAGE (self->plan_page)) : NULL);
  if (self->year == 0)      /* the template's first page, before any month */
    return;
  if (plan)
    title = g_strdup (rk_plan_page_get_title (RK_PLAN_PAGE (self->plan_page)));
  else
    title = rk_month_title (self->year, self->month);
  gtk_label_set_text (GTK_LABEL (self->title_label), title ? title : "");
}

/* The rest of a month shown: the setup bar, the agenda and the problems
 * panel with its count. */
static void
bind_rest (RkWindow *self)
{
  RkMonthData *data = self->data;
  g_autofree char *count = NULL;
  guint n_month = 0;

  g_clear_handle_id (&self->bind_id, g_source_remove);
  if (!data->placeholder)
    rk_window_update_setup_bar (self, data);
  if (self->agenda_view)
    rk_agenda_view_set_data (RK_AGENDA_VIEW (self->agenda_view), data);
  rk_problems_panel_set_data (RK_PROBLEMS_PANEL (self->problems_panel), data);

  n_month = g_list_model_get_n_items (
    rk_problems_panel_get_model (RK_PROBLEMS_PANEL (self->problems_panel)));
  count = g_strdup_printf ("%u", n_month);
  gtk_label_set_text (GTK_LABEL (self->problems_count), count);
  if (n_month > 0)
    gtk_widget_add_css_class (self->problems_button, "has-problems");
  else
    gtk_widget_remove_css_class (self->problems_button, "has-problems");
  rk_window_update_actions (self);
}

static gboolean
bind_rest_idle (gpointer user_data)
{
  RkWindow *self = user_data;

  self->bind_id = 0;
  bind_rest (self);
  /* The month is shown whole: "loading" ends here, if it was read. */
  if (!rk_window_is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

/* Shows data (taken) in the grid, the agenda and the problems. In a
 * window on screen a month read is bound in two main-loop steps, the grid
 * and then the rest (all of it in one step held the main loop for tens of
 * milliseconds at each switch); a window not shown yet binds all of it
 * for its first frame. */
void
rk_window_show_data (RkWindow *self, RkMonthData *data)
{
  g_clear_pointer (&self->data, rk_month_data_unref);
  self->data = data;

  update_title (self);
  rk_month_view_set_data (RK_MONTH_VIEW (self->month_view), data);
  /* An empty grid's rest is quick, and no earlier month's problems may
   * stay beside it. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || data->placeholder)
    bind_rest (self);
  else if (self->bind_id == 0)
    self->bind_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, bind_rest_idle, self, NULL);
}

void
rk_window_reload (RkWindow *self)
{
  g_autoptr(GError) error = NULL;
  RkMonthData *data;

  g_return_if_fail (RK_IS_WINDOW (self));

  /* Read here and now: a read of the worker still on its way is older. */
  g_cancellable_cancel (self->month_cancel);
  g_clear_object (&self->month_cancel);
  data = rk_month_data_load (self->store, self->year, self->month, &error);
  if (data == NULL)
    {
      rk_window_report_error (self, error);
      return;
    }
  rk_window_show_data (self, data);
  if (self->bind_id)
    bind_rest (self);
}

static void
month_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  RkMonthData *data = rk_store_worker_load_month_finish (RK_STORE_WORKER (source), result,
                                                         &error);
  RkWindow *self;

  /* Switched past (or closed) meanwhile: dropped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_WINDOW (user_data);
  g_clear_object (&self->month_cancel);
  /* The start's read: today's month, as the worker found today. */
  if (data && self->starting)
    {
      self->starting = FALSE;
      self->year = data->year;
      self->month = data->month;
    }
  if (data)
    rk_window_show_data (self, data);
  /* The server away is told by the connection bar; what is shown stays. */
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED) &&
           rk_store_worker_get_connected (RK_STORE_WORKER (source)) &&
           rk_store_worker_get_error (RK_STORE_WORKER (source)) == NULL)
    rk_window_report_error (self, error);
  /* Else when the rest of the month is bound. */
  if (!rk_window_is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (data)
    {
      if (self->present_when_read)
        rk_window_present_now (self);
      if (self->offer_demo)
        rk_window_offer_demo_now (self);
    }
}

static void
read_month (RkWindow *self)
{
  rk_store_worker_load_month_async (rk_context_get_worker (self->context), self->year,
                                    self->month, self->month_cancel, month_loaded, self);
}

/* The month switched to, once the frame that shows its empty grid is
 * painted (the last month asked for by then, if several). */
static void
read_after_frame (GtkWidget *widget)
{
  RkWindow *self = RK_WINDOW (widget);

  if (self->month_cancel && !g_cancellable_is_cancelled (self->month_cancel))
    read_month (self);
}

/* Reads the month in the worker and shows it when it arrives; a read
 * still on its way for another month is dropped. Before the first month
 * (year 0) the worker reads the month of today. A month switched to in a
 * window on screen is read after the frame that shows its empty grid:
 * read at once, the worker's ~12 ms of reading took one of the machine's
 * cores while that frame was made. */
static void
load_month_full (RkWindow *self, gboolean after_frame)
{
  g_cancellable_cancel (self->month_cancel);
  g_clear_object (&self->month_cancel);
  self->month_cancel = g_cancellable_new ();
  if (after_frame && gtk_widget_get_mapped (GTK_WIDGET (self)))
    rk_gui_after_frame (GTK_WIDGET (self), read_after_frame);
  else
    {
      rk_gui_after_frame_cancel (GTK_WIDGET (self));
      read_month (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_month (RkWindow *self)
{
  load_month_full (self, FALSE);
}

/* The month is read, bound, and its problems given to the panel's rows. */
gboolean
rk_window_is_loading (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), FALSE);
  return self->month_cancel != NULL || self->bind_id != 0 ||
         rk_problems_panel_get_loading (RK_PROBLEMS_PANEL (self->problems_panel));
}

static void
on_panel_loading (RkWindow *self)
{
  if (!rk_window_is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
rk_window_refresh (RkWindow *self)
{
  g_return_if_fail (RK_IS_WINDOW (self));

  /* Everyone subscribed reloads now: the pages' lists (forms with unsaved
   * typing are kept); the month is read here and now, after the window's
   * own change (which drops the worker's read the signal asked for). */
  g_signal_emit_by_name (self->context, "changed", FALSE);
  rk_window_reload (self);
}

/* Every change to the stored data, this window's or another
 * coordinator's: the month is read anew; the pages and an open editor
 * subscribe to the context themselves. */
static void
on_context_changed (RkContext *context,
                    gboolean   external,
                    RkWindow  *self)
{
  load_month (self);
}

/* ---- toast -------------------------------------------------------------- */

void
rk_window_show_toast (RkWindow   *self,
                      const char *message,
                      gboolean    offer_undo)
{
  rk_window_show_toast_full (self, message, offer_undo, FALSE);
}

static void
on_toast_dismissed (AdwToast *toast,
                    RkWindow *self)
{
  if (self->toast == toast)
    g_clear_object (&self->toast);
}

/* One toast at a time: a new message takes over the one shown (which
 * would otherwise queue the new one behind it), with a fresh timeout. A
 * toast has one button: undo, or redo right after an undo. */
void
rk_window_show_toast_full (RkWindow   *self,
                           const char *message,
                           gboolean    offer_undo,
                           gboolean    offer_redo)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (RK_IS_WINDOW (self));

  if (self->toast == NULL)
    {
      self->toast = adw_toast_new ("");
      adw_toast_set_timeout (self->toast, TOAST_SECONDS);
      g_signal_connect_object (self->toast, "dismissed", G_CALLBACK (on_toast_dismissed), self,
                               0);
    }
  /* The title is markup: a message may quote a name with "&" or "<". */
  markup = g_markup_escape_text (message, -1);
  adw_toast_set_title (self->toast, markup);
  adw_toast_set_button_label (self->toast, offer_redo   ? _("_Redo")
                                           : offer_undo ? _("_Undo")
                                                        : NULL);
  adw_toast_set_action_name (self->toast, offer_redo   ? "win.redo"
                                          : offer_undo ? "win.undo"
                                                       : NULL);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                               g_object_ref (self->toast));
}

const char *
rk_window_get_toast_message (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->toast ? adw_toast_get_title (self->toast) : NULL;
}

/* What pages and dialogs call (rk_context_toast): one path for toasts. */
static void
show_toast_action (GtkWidget *widget, const char *name, GVariant *param)
{
  const char *message;
  gboolean undo, redo;

  g_variant_get (param, "(&sbb)", &message, &undo, &redo);
  rk_window_show_toast_full (RK_WINDOW (widget), message, undo, redo);
}

/* ---- navigation --------------------------------------------------------- */

void
rk_window_set_month (RkWindow *self,
                     int       year,
                     int       month)
{
  g_return_if_fail (RK_IS_WINDOW (self));

  while (month < 1)
    {
      month += 12;
      year--;
    }
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  self->year = year;
  self->month = month;
  self->starting = FALSE;
  /* The new month's grid at once, filled when the worker has read it
   * (asked for first: the window is loading while the grid empties). */
  load_month_full (self, self->data != NULL);
  if (self->data)
    rk_window_show_data (self, rk_month_data_new_empty (self->data, year, month));
}

void
rk_window_get_month (RkWindow *self,
                     int      *year,
                     int      *month)
{
  if (year)
    *year = self->year;
  if (month)
    *month = self->month;
}

/* On the planning page the header's buttons step through its week, day
 * or year instead of the month. */
static gboolean
plan_go (RkWindow *self, int direction)
{
  if (self->plan_page == NULL
      || g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->stack)), "plan") != 0)
    return FALSE;
  rk_plan_page_go (RK_PLAN_PAGE (self->plan_page), direction);
  return TRUE;
}

static void
prev_month_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  if (!plan_go (self, -1))
    rk_window_set_month (self, self->year, self->month - 1);
}

static void
next_month_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  if (!plan_go (self, 1))
    rk_window_set_month (self, self->year, self->month + 1);
}

static void
today_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  int y, m;

  if (plan_go (self, 0))
    return;

  rk_day_to_ymd (rk_context_get_today (self->context), &y, &m, NULL);
  rk_window_set_month (self, y, m);
}

/* The views, as named in the stack and in the "last-view" setting. */
static const char * const views[] = { "month", "agenda", "plan", "staff", "places", "equipment",
                                      "programs", "results", NULL };

static gboolean
is_view (const char *name)
{
  return name && g_strv_contains ((const char * const *) views, name);
}

/* The pages other than the month are made the first time they are shown
 * (or asked for): their lists of staff, places, equipment and programs,
 * and the agenda's table, are not what a start shows, and cost a tenth of
 * a second. The stack holds an empty box for each from the start, so its
 * switcher has all its buttons. */
static GtkWidget *
ensure_page (RkWindow *self, const char *name)
{
  GtkWidget **page;
  GtkWidget *slot;
  GType type;

  if (g_strcmp0 (name, "agenda") == 0)
    page = &self->agenda_view, type = RK_TYPE_AGENDA_VIEW;
  else if (g_strcmp0 (name, "staff") == 0)
    page = &self->staff_page, type = RK_TYPE_STAFF_PAGE;
  else if (g_strcmp0 (name, "places") == 0)
    page = &self->venues_page, type = RK_TYPE_VENUES_PAGE;
  else if (g_strcmp0 (name, "equipment") == 0)
    page = &self->equipment_page, type = RK_TYPE_EQUIPMENT_PAGE;
  else if (g_strcmp0 (name, "programs") == 0)
    page = &self->programs_page, type = RK_TYPE_PROGRAMS_PAGE;
  else if (g_strcmp0 (name, "plan") == 0)
    page = &self->plan_page, type = RK_TYPE_PLAN_PAGE;
  else if (g_strcmp0 (name, "results") == 0)
    page = &self->results_page, type = RK_TYPE_RESULTS_PAGE;
  else
    return NULL;
  if (*page || self->context == NULL)
    return *page;

  slot = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (self->stack), name);
  /* The agenda is given the month shown; the others read their own. */
  if (type == RK_TYPE_AGENDA_VIEW)
    *page = g_object_new (type, "hexpand", TRUE, "vexpand", TRUE, NULL);
  else
    *page = g_object_new (type, "context", self->context, "hexpand", TRUE, "vexpand", TRUE,
                          NULL);
  gtk_box_append (GTK_BOX (slot), *page);
  if (type == RK_TYPE_AGENDA_VIEW && self->data)
    rk_agenda_view_set_data (RK_AGENDA_VIEW (*page), self->data);
  if (type == RK_TYPE_PLAN_PAGE)
    g_signal_connect_object (*page, "notify::title", G_CALLBACK (update_title), self,
                             G_CONNECT_SWAPPED);
  return *page;
}

/* 「人員配置案」 for the month shown. */
static void
staff_plan_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  if (self->context == NULL || self->year == 0)
    return;
  gtk_window_present (GTK_WINDOW (rk_staff_plan_dialog_new (GTK_WINDOW (self), self->context,
                                                            self->year, self->month)));
}

static void
show_view_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  const char *view = name + strlen ("win.show-");

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), is_view (view) ? view : "month");
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  /* Over all dates, not only the month shown. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), "plan");
  rk_plan_page_start_search (RK_PLAN_PAGE (ensure_page (self, "plan")));
}

/* Ctrl+1…4 from anywhere: the planning page in that view. */
static void
plan_view_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  GtkWidget *page = ensure_page (self, "plan");

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), "plan");
  if (page)
    rk_plan_page_set_view (RK_PLAN_PAGE (page), g_variant_get_string (param, NULL));
}

static void
on_view_changed (RkWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->stack));
  gboolean calendar = g_strcmp0 (view, "month") == 0 || g_strcmp0 (view, "agenda") == 0
                      || g_strcmp0 (view, "plan") == 0;

  ensure_page (self, view);
  update_title (self);

  /* Month navigation belongs to the calendar views only. */
  gtk_widget_set_visible (self->calendar_nav, calendar);
  gtk_widget_set_visible (self->new_button, calendar);
  gtk_widget_set_visible (self->title_label, calendar);
  if (self->settings && is_view (view))
    g_settings_set_string (self->settings, "last-view", view);
}

/* ---- problems panel ----------------------------------------------------- */

/* Beside the pages the panel stays shown or hidden as the person left it
 * (a setting); on a window too narrow for both it folds over the pages and
 * opens on demand, without changing that choice. */
static void
on_flap_changed (RkWindow *self)
{
  if (adw_flap_get_folded (ADW_FLAP (self->flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), FALSE);
  else
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), self->show_problems);
}

static void
show_problems_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  AdwFlap *flap = ADW_FLAP (self->flap);

  if (adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
  else
    g_object_set (self, "show-problems", !self->show_problems, NULL);
}

/* ---- editor ------------------------------------------------------------- */

static void
on_editor_saved (RkEventEditor *editor,
                 const char    *message,
                 RkWindow      *self)
{
  /* The month is read anew by the worker: the save came through it, so the
   * context's "changed" that follows it asks for the month after it. */
  rk_window_show_toast (self, message, rk_undo_stack_can_undo (self->undo));
}

static void
on_editor_destroy (GtkWidget *editor,
                   RkWindow  *self)
{
  if (self->editor == editor)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      self->editor = NULL;
    }
}

static RkEventEditor *
new_editor (RkWindow *self)
{
  RkEventEditor *editor = rk_event_editor_new (GTK_WINDOW (self), self->context);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy), self, 0);
  if (self->editor)
    g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  self->editor = GTK_WIDGET (editor);
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  return editor;
}

static void
open_new_editor (RkWindow *self, RkDay day)
{
  RkEventEditor *editor = new_editor (self);

  rk_event_editor_set_new (editor, day);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_event_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  RkDay today = rk_context_get_today (self->context);
  RkDay first = rk_day_from_ymd (self->year, self->month, 1);
  RkDay day = first;

  /* Today when it is in the shown month, else the month's first day. */
  if (today >= first && today < first + rk_days_in_month (self->year, self->month))
    day = today;
  open_new_editor (self, day);
}

static void
new_event_on_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_new_editor (RK_WINDOW (widget), g_variant_get_uint32 (param));
}

/* The event could not be read (gone meanwhile, the server away): the
 * empty editor goes, and the window says why. */
static void
editor_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rk_event_editor_load_finish (RK_EVENT_EDITOR (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_window_destroy (GTK_WINDOW (source));
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    rk_window_report_error (self, error);
}

static void
open_occurrence_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  RkEventEditor *editor;
  gint64 event_id;
  guint32 date;
  const RkOcc *occ;

  g_variant_get (param, "(xu)", &event_id, &date);
  /* The problem list gives the day an occurrence is on; the editor wants
   * its date in the rule. */
  occ = self->data ? rk_month_data_find (self->data, event_id, date) : NULL;
  if (occ)
    date = occ->orig_date;
  editor = new_editor (self);
  /* Shown at once, filled when the worker has read the event. */
  rk_event_editor_load_async (editor, event_id, date, editor_opened, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- printing ----------------------------------------------------------- */

static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  rk_print_month (GTK_WINDOW (self), rk_context_get_worker (self->context), self->year,
                  self->month, g_strcmp0 (name, "win.print-preview") == 0);
}

static void
export_pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  rk_print_export_pdf (GTK_WINDOW (self), rk_context_get_worker (self->context), self->year,
                       self->month);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  RkExportFormat format = g_strcmp0 (name, "win.export-csv") == 0 ? RK_EXPORT_CSV : RK_EXPORT_ICS;

  rk_export_choose (GTK_WINDOW (self), rk_context_get_worker (self->context), self->year,
                    self->month, format);
}

static void
import_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  rk_import_dialog_choose (GTK_WINDOW (self), self->context);
}

/* The keyboard shortcuts window, made the first time it is asked for:
 * GtkApplication would build it with every window, at the start. */
static void
help_overlay_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);

  if (self->help == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/renkei/Renkei/help-overlay.ui");

      g_set_weak_pointer (&self->help, GTK_WIDGET (gtk_builder_get_object (builder,
                                                                           "help_overlay")));
      gtk_window_set_transient_for (GTK_WINDOW (self->help), GTK_WINDOW (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->help), TRUE);
    }
  gtk_window_present (GTK_WINDOW (self->help));
}

static void
preferences_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  RkPreferencesDialog *dialog = rk_preferences_dialog_new (GTK_WINDOW (self), self->context);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The main menu's popover (its items, the Export submenu) is made when
 * the menu is first opened (a click or F10), not with the window. */
static void
make_primary_menu (GtkMenuButton *button, gpointer user_data)
{
  RkWindow *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The pages' switcher at the bottom shows on a window too narrow for the
 * header's: its buttons (a label and an icon for each page, measured
 * with the window even while hidden) are made the first time it shows. */
static void
on_switcher_bar_reveal (RkWindow *self)
{
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (self->switcher_bar);

  if (adw_view_switcher_bar_get_reveal (bar) && adw_view_switcher_bar_get_stack (bar) == NULL)
    adw_view_switcher_bar_set_stack (bar, ADW_VIEW_STACK (self->stack));
}

/* ---- class -------------------------------------------------------------- */

static gboolean
rk_window_close_request (GtkWindow *window)
{
  RkWindow *self = RK_WINDOW (window);

  if (self->settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (rk_window_parent_class)->close_request (window);
}

/* A size remembered on a larger screen (or the default one) would put the
 * window's bottom and its buttons off a small screen such as 1024×600. */
static void
fit_screen (RkWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;
  int width, height;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* Room for a panel or taskbar, and for the window's frame. */
  if (area.width > 0 && width > area.width - 40)
    width = area.width - 40;
  if (area.height > 0 && height > area.height - 80)
    height = area.height - 80;
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

static void
on_worker_failed (RkWindow *self, const GError *error)
{
  rk_window_show_failed (self, error);
}

static gboolean
failed_idle (gpointer user_data)
{
  RkWindow *self = user_data;

  self->failed_id = 0;
  rk_window_show_failed (self, rk_store_worker_get_error (rk_context_get_worker (self->context)));
  return G_SOURCE_REMOVE;
}

static void
rk_window_constructed (GObject *object)
{
  RkWindow *self = RK_WINDOW (object);

  G_OBJECT_CLASS (rk_window_parent_class)->constructed (object);

  /* The application's start makes the context (and its worker) before
   * GTK; a window of its own otherwise. */
  if (self->context == NULL)
    self->context = rk_context_new (self->store);
  else if (self->store == NULL)
    self->store = g_object_ref (rk_context_get_store (self->context));
  self->undo = rk_context_get_undo (self->context);
  self->settings = rk_context_get_settings (self->context);
  g_signal_connect_object (self->undo, "notify::can-undo", G_CALLBACK (rk_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-redo", G_CALLBACK (rk_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self, 0);
  g_signal_connect_object (rk_context_get_worker (self->context), "failed",
                           G_CALLBACK (on_worker_failed), self, G_CONNECT_SWAPPED);
  /* Refused before this window was made (the application's start). */
  if (rk_store_worker_get_error (rk_context_get_worker (self->context)))
    self->failed_id = g_idle_add (failed_idle, self);
  self->connection_bar = g_object_new (RK_TYPE_CONNECTION_BAR, "context", self->context, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->connection_bar);

  if (self->settings)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      {
        g_autofree char *view = g_settings_get_string (self->settings, "last-view");
        adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack),
                                               is_view (view) ? view : "month");
      }
      self->show_problems = g_settings_get_boolean (self->settings, "show-problems");
    }
  fit_screen (self);
  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), self->show_problems);
  g_object_bind_property (self->flap, "reveal-flap", self->problems_button, "active",
                          G_BINDING_SYNC_CREATE);

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), make_primary_menu,
                                         self, NULL);
  g_signal_connect_object (self->problems_panel, "notify::loading",
                           G_CALLBACK (on_panel_loading), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_bar, "notify::reveal",
                           G_CALLBACK (on_switcher_bar_reveal), self, G_CONNECT_SWAPPED);
  on_switcher_bar_reveal (self);
  on_view_changed (self);
  /* The month of today, read by the worker while the window is built. */
  self->starting = TRUE;
  load_month (self);
}

static void
rk_window_dispose (GObject *object)
{
  RkWindow *self = RK_WINDOW (object);

  g_clear_object (&self->toast);
  g_clear_handle_id (&self->present_id, g_source_remove);
  g_clear_handle_id (&self->bind_id, g_source_remove);
  if (self->help)
    {
      GtkWidget *help = self->help;

      g_clear_weak_pointer (&self->help);
      gtk_window_destroy (GTK_WINDOW (help));
    }
  rk_gui_after_frame_cancel (GTK_WIDGET (self));
  g_cancellable_cancel (self->month_cancel);
  g_clear_object (&self->month_cancel);
  if (self->editor)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      self->editor = NULL;
    }
  g_clear_pointer (&self->data, rk_month_data_unref);
  g_clear_handle_id (&self->failed_id, g_source_remove);
  /* The pages may hold the context a little longer: it stops looking. */
  if (self->context)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      rk_context_shutdown (self->context);
    }
  self->settings = NULL;
  self->undo = NULL;
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_window_parent_class)->dispose (object);
}

static void
rk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RkWindow *self = RK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOW_PROBLEMS:
      g_value_set_boolean (value, self->show_problems);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, rk_window_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RkWindow *self = RK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SHOW_PROBLEMS:
      if (self->show_problems != g_value_get_boolean (value))
        {
          self->show_problems = g_value_get_boolean (value);
          if (self->flap)
            adw_flap_set_reveal_flap (ADW_FLAP (self->flap), self->show_problems);
          if (self->settings)
            g_settings_set_boolean (self->settings, "show-problems", self->show_problems);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_window_class_init (RkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rk_window_constructed;
  object_class->dispose = rk_window_dispose;
  object_class->get_property = rk_window_get_property;
  object_class->set_property = rk_window_set_property;
  window_class->close_request = rk_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RK_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PROBLEMS] =
    g_param_spec_boolean ("show-problems", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A month is being read by the worker (it shows when it arrives). */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RK_TYPE_MONTH_VIEW);
  g_type_ensure (RK_TYPE_PROBLEMS_PANEL);
  g_type_ensure (RK_TYPE_STAFF_PAGE);
  g_type_ensure (RK_TYPE_VENUES_PAGE);
  g_type_ensure (RK_TYPE_EQUIPMENT_PAGE);
  g_type_ensure (RK_TYPE_PROGRAMS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RkWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, calendar_nav);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, prev_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, today_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, problems_count);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, month_view);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, setup_bar);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, setup_label);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, problems_panel);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "win.prev-month", NULL, prev_month_action);
  gtk_widget_class_install_action (widget_class, "win.next-month", NULL, next_month_action);
  gtk_widget_class_install_action (widget_class, "win.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "win.show-month", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-agenda", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-staff", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-places", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-equipment", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-programs", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-results", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.staff-plan", NULL, staff_plan_action);
  gtk_widget_class_install_action (widget_class, "win.show-plan", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.plan-view", "s", plan_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "win.new-event-on", "u", new_event_on_action);
  gtk_widget_class_install_action (widget_class, "win.open-occurrence", "(xu)",
                                   open_occurrence_action);
  rk_window_class_add_change_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-ics", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "(sbb)", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "win.prev-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "win.prev-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "win.next-month",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "win.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-event",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  /* Alt+N: the Nth button of the view switcher, in its order. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-month",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-agenda",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-staff",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-places",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK,
                                       "win.show-equipment", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-plan",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.plan-view",
                                       "s", "week");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.plan-view",
                                       "s", "rooms");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.plan-view",
                                       "s", "people");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK, "win.plan-view",
                                       "s", "year");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_7, GDK_ALT_MASK, "win.show-programs",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_8, GDK_ALT_MASK, "win.show-results",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-problems", NULL);
}

static void
rk_window_init (RkWindow *self)
{
  self->show_problems = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

RkWindow *
rk_window_new (GtkApplication *app,
               RkStore        *store)
{
  return g_object_new (RK_TYPE_WINDOW, "application", app, "store", store, NULL);
}

RkWindow *
rk_window_new_for_context (GtkApplication *app,
                           RkContext      *context)
{
  return g_object_new (RK_TYPE_WINDOW, "application", app, "context", context, NULL);
}

RkStore *
rk_window_get_store (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->store;
}

RkUndoStack *
rk_window_get_undo (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->undo;
}

RkContext *
rk_window_get_context (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->context;
}

RkMonthData *
rk_window_get_data (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->data;
}

GtkWidget *
rk_window_get_setup_bar (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->setup_bar;
}

GtkWidget *
rk_window_get_month_view (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->month_view;
}

GtkWidget *
rk_window_get_agenda_view (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return ensure_page (self, "agenda");
}

GtkWidget *
rk_window_get_problems_panel (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->problems_panel;
}

GtkWidget *
rk_window_get_page (RkWindow   *self,
                    const char *name)
{
  GtkWidget *page;

  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  /* A management page is made when first asked for, as when first shown. */
  page = ensure_page (self, name);
  return page ? page : adw_view_stack_get_child_by_name (ADW_VIEW_STACK (self->stack), name);
}

GtkWidget *
rk_window_get_editor (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), NULL);
  return self->editor;
}
