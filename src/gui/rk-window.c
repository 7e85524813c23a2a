#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rk-agenda-view.h"
#include "rk-connection-bar.h"
#include "rk-context.h"
#include "rk-demo.h"
#include "rk-equipment-page.h"
#include "rk-error.h"
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
#include "rk-series.h"
#include "rk-staff-page.h"
#include "rk-venues-page.h"
#include "rk-window.h"

/* How often the file is checked for another coordinator's changes. */
#define TOAST_SECONDS 6
/* How long a start waits for its first month before it shows the window
 * with the month's empty grid (a slow server): a file's month arrives
 * well before the window is laid out, and the first frame shows it. */
#define PRESENT_WAIT_MS 400

struct _RkWindow
{
  AdwApplicationWindow  parent_instance;

  GtkWidget            *header_bar;
  GtkWidget            *calendar_nav;
  GtkWidget            *new_button;
  GtkWidget            *title_label;
  GtkWidget            *menu_button;
  GtkWidget            *problems_button;
  GtkWidget            *problems_count;
  GtkWidget            *stack;
  GtkWidget            *switcher_title;
  GtkWidget            *flap;
  GtkWidget            *month_view;
  GtkWidget            *setup_bar;         /* where to begin, on a schedule not set up */
  GtkWidget            *setup_label;
  GtkWidget            *setup_button;
  GtkWidget            *agenda_view;
  GtkWidget            *plan_page;
  GtkWidget            *staff_page;
  GtkWidget            *results_page;
  GtkWidget            *venues_page;
  GtkWidget            *equipment_page;
  GtkWidget            *programs_page;
  GtkWidget            *problems_panel;
  GtkWidget            *toast_overlay;
  AdwToast             *toast;         /* the one shown */

  RkStore              *store;
  RkContext            *context;
  RkUndoStack          *undo;          /* the context's */
  GSettings            *settings;      /* the context's */
  RkMonthData          *data;
  GtkWidget            *editor;        /* weak */
  int                   year, month;
  GCancellable         *month_cancel;  /* the month read on its way */
  gboolean              redoing;       /* the undo under way is a redo */
  GtkWidget            *overlay;
  GtkWidget            *help;          /* weak: the keyboard shortcuts, once asked for */
  GtkWidget            *connection_bar;
  gboolean              show_problems;
  gboolean              offer_demo;    /* asked once the first month is read */
  gboolean              starting;      /* the month of today is on its way */
  gboolean              present_when_read;
  guint                 present_id;
};

G_DEFINE_FINAL_TYPE (RkWindow, rk_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SHOW_PROBLEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
report_error (RkWindow *self, const GError *error)
{
  rk_window_show_toast (self, error->message, FALSE);
}

/* ---- loading ------------------------------------------------------------ */

static void
update_actions (RkWindow *self)
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

/* The header names what the page shows: the month, or the planning
 * page's week, day or year. */
static void
update_title (RkWindow *self)
{
  g_autofree char *title = NULL;

  if (self->year == 0)      /* the template's first page, before any month */
    return;
  if (self->plan_page
      && g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->stack)), "plan") == 0)
    title = g_strdup (rk_plan_page_get_title (RK_PLAN_PAGE (self->plan_page)));
  else
    title = rk_month_title (self->year, self->month);
  gtk_label_set_text (GTK_LABEL (self->title_label), title ? title : "");
}

/* A schedule that is not set up yet says where to begin: places, then
 * staff, then programs, each on its own page. */
static void
update_setup_bar (RkWindow *self, RkMonthData *data)
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

/* Shows data (taken) in the grid, the agenda and the problems. */
static void
show_data (RkWindow *self, RkMonthData *data)
{
  g_autofree char *count = NULL;
  guint n_month = 0;

  g_clear_pointer (&self->data, rk_month_data_unref);
  self->data = data;

  update_title (self);

  rk_month_view_set_data (RK_MONTH_VIEW (self->month_view), data);
  if (!data->placeholder)
    update_setup_bar (self, data);
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
  update_actions (self);
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
      report_error (self, error);
      return;
    }
  show_data (self, data);
}

static void present_now    (RkWindow *self);
static void offer_demo_now (RkWindow *self);

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
    show_data (self, data);
  /* The server away is told by the connection bar; what is shown stays. */
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED) &&
           rk_store_worker_get_connected (RK_STORE_WORKER (source)))
    report_error (self, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (data)
    {
      if (self->present_when_read)
        present_now (self);
      if (self->offer_demo)
        offer_demo_now (self);
    }
}

/* Reads the month in the worker and shows it when it arrives; a read
 * still on its way for another month is dropped. Before the first month
 * (year 0) the worker reads the month of today. */
static void
load_month (RkWindow *self)
{
  g_cancellable_cancel (self->month_cancel);
  g_clear_object (&self->month_cancel);
  self->month_cancel = g_cancellable_new ();
  rk_store_worker_load_month_async (rk_context_get_worker (self->context), self->year,
                                    self->month, self->month_cancel, month_loaded, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
rk_window_is_loading (RkWindow *self)
{
  g_return_val_if_fail (RK_IS_WINDOW (self), FALSE);
  return self->month_cancel != NULL;
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
  /* The new month's grid at once, filled when the worker has read it. */
  if (self->data)
    show_data (self, rk_month_data_new_empty (self->data, year, month));
  load_month (self);
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

/* The management pages are made the first time they are shown (or asked
 * for): their lists of staff, places, equipment and programs are not what
 * a start shows, and cost a tenth of a second. The stack holds an empty box
 * for each from the start, so its switcher has all its buttons. */
static GtkWidget *
ensure_page (RkWindow *self, const char *name)
{
  GtkWidget **page;
  GtkWidget *slot;
  GType type;

  if (g_strcmp0 (name, "staff") == 0)
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
  *page = g_object_new (type, "context", self->context, "hexpand", TRUE, "vexpand", TRUE, NULL);
  gtk_box_append (GTK_BOX (slot), *page);
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
    report_error (self, error);
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

/* ---- move and cancel ---------------------------------------------------- */

static const RkOcc *
find_occ (RkWindow *self, gint64 event_id, RkDay orig_date, GError **error)
{
  const RkOcc *occ = self->data ? rk_month_data_find (self->data, event_id, orig_date) : NULL;

  if (occ == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("That event is no longer in this month; it may have been changed meanwhile"));
  return occ;
}

/* One undo step around a verb of rk-series.c, in the worker: what it
 * changes of the event is saved first, and a series split off is noted. */
typedef enum
{
  VERB_MOVE,
  VERB_CANCEL,
} VerbKind;

typedef struct
{
  VerbKind    kind;
  gint64      event_id;
  RkDay       orig_date;
  RkMinute    to;
  RkEditScope scope;
} VerbArgs;

static gboolean
verb_tx (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  VerbArgs *a = data;
  gint64 id;

  if (!rk_undo_stack_save_event (undo, a->event_id, error))
    return FALSE;
  if (a->kind == VERB_MOVE)
    id = rk_series_move (store, a->event_id, a->orig_date, a->to, a->scope, NULL, NULL, error)
           ? a->event_id
           : 0;
  else
    id = rk_series_cancel (store, a->event_id, a->orig_date, a->scope, NULL, NULL, error);
  if (id == 0)
    return FALSE;
  if (id != a->event_id)
    rk_undo_stack_note_created (undo, id);
  return TRUE;
}

static void
run_verb (RkWindow           *self,
          const char         *label,
          const VerbArgs     *args,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, run_verb);
  if (find_occ (self, args->event_id, args->orig_date, &error) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rk_context_change_for_task (self->context, task, label, verb_tx,
                              g_memdup2 (args, sizeof *args), g_free);
}

void
rk_window_move_occurrence_async (RkWindow           *self,
                                 gint64              event_id,
                                 RkDay               orig_date,
                                 RkDay               to_day,
                                 gboolean            scope_all,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  VerbArgs a = { VERB_MOVE, event_id, orig_date, 0, scope_all ? RK_SCOPE_ALL : RK_SCOPE_THIS };
  const RkOcc *occ;

  g_return_if_fail (RK_IS_WINDOW (self));

  /* The chip keeps its time of day on the day it is dropped on. */
  occ = find_occ (self, event_id, orig_date, NULL);
  if (occ)
    a.to = occ->start + (RkMinute) ((int) to_day - (int) rk_minute_day (occ->start)) *
                          RK_MINUTES_PER_DAY;
  run_verb (self, _("Move event"), &a, callback, user_data);
}

void
rk_window_cancel_occurrence_async (RkWindow           *self,
                                   gint64              event_id,
                                   RkDay               orig_date,
                                   gboolean            scope_all,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  VerbArgs a = { VERB_CANCEL, event_id, orig_date, 0, scope_all ? RK_SCOPE_ALL : RK_SCOPE_THIS };

  g_return_if_fail (RK_IS_WINDOW (self));
  run_verb (self, _("Cancel event"), &a, callback, user_data);
}

void
rk_window_cancel_following_async (RkWindow           *self,
                                  gint64              event_id,
                                  RkDay               orig_date,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  VerbArgs a = { VERB_CANCEL, event_id, orig_date, 0, RK_SCOPE_FOLLOWING };

  g_return_if_fail (RK_IS_WINDOW (self));
  run_verb (self, _("Cancel this and following"), &a, callback, user_data);
}

gboolean
rk_window_change_finish (RkWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  RkWindow *self;
  gint64    event_id;
  RkDay     orig_date;
  RkDay     to_day;
  gboolean  cancel;     /* else move */
} Pending;

enum
{
  RESPONSE_THIS = 1,
  RESPONSE_ALL = 2,
  RESPONSE_FOLLOWING = 3,
};

static void
pending_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkWindow *self = RK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gboolean cancel = GPOINTER_TO_INT (user_data);

  if (!rk_window_change_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_error (self, error);
      return;
    }
  /* The month is read anew from the context's "changed". */
  rk_window_show_toast (self, cancel ? _("Event cancelled") : _("Event moved"), TRUE);
}

static void
run_pending (Pending *p, int scope)
{
  gboolean scope_all = scope == RESPONSE_ALL;
  gpointer cancel = GINT_TO_POINTER (p->cancel);

  if (p->cancel && scope == RESPONSE_FOLLOWING)
    rk_window_cancel_following_async (p->self, p->event_id, p->orig_date, pending_done, cancel);
  else if (p->cancel)
    rk_window_cancel_occurrence_async (p->self, p->event_id, p->orig_date, scope_all,
                                       pending_done, cancel);
  else
    rk_window_move_occurrence_async (p->self, p->event_id, p->orig_date, p->to_day, scope_all,
                                     pending_done, cancel);
}

static void
on_scope_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Pending *p = user_data;

  if (g_strcmp0 (response, "this") == 0)
    run_pending (p, RESPONSE_THIS);
  else if (g_strcmp0 (response, "all") == 0)
    run_pending (p, RESPONSE_ALL);
  else if (g_strcmp0 (response, "following") == 0)
    run_pending (p, RESPONSE_FOLLOWING);
  g_object_unref (p->self);
  g_free (p);
}

static void
ask_scope (RkWindow *self, Pending *p, const char *title)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), title,
    p->cancel ? _("This event repeats. Cancel only this occurrence, this one and the "
                  "following, or every occurrence of the series?")
              : _("This event repeats. Change only this occurrence, or every occurrence of "
                  "the series?")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "all", _("_Whole Series"),
                                    NULL);
  /* Moving the rest of a series by days would need its rule rewritten and
   * recounted; cancelling it is a split. */
  if (p->cancel)
    adw_message_dialog_add_response (dialog, "following", _("This and _Following"));
  adw_message_dialog_add_response (dialog, "this", _("_Only This One"));
  adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "this");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_scope_response), p);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_occurrence_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  Pending *p = g_new0 (Pending, 1);
  const RkOcc *occ;
  guint32 orig, to;

  g_variant_get (param, "(xuu)", &p->event_id, &orig, &to);
  p->self = g_object_ref (self);
  p->orig_date = orig;
  p->to_day = to;
  occ = find_occ (self, p->event_id, p->orig_date, &error);
  if (occ == NULL || rk_minute_day (occ->start) == p->to_day)
    {
      if (occ == NULL)
        report_error (self, error);
      g_object_unref (p->self);
      g_free (p);
      return;
    }
  if (occ->event->rrule && *occ->event->rrule)
    {
      g_autofree char *title = g_strdup_printf (_("Move “%s”?"), rk_sevent_title (occ->event));
      ask_scope (self, p, title);
      return;
    }
  /* One event: its one occurrence moves, as with renkei-cli event move,
   * so the month's notices say where it was. */
  run_pending (p, RESPONSE_THIS);
  g_object_unref (p->self);
  g_free (p);
}

static void
cancel_occurrence_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  Pending *p = g_new0 (Pending, 1);
  const RkOcc *occ;
  guint32 orig;

  g_variant_get (param, "(xu)", &p->event_id, &orig);
  p->self = g_object_ref (self);
  p->orig_date = orig;
  p->cancel = TRUE;
  occ = find_occ (self, p->event_id, p->orig_date, &error);
  if (occ == NULL || occ->status == RK_OCC_CANCELLED)
    {
      if (occ == NULL)
        report_error (self, error);
      g_object_unref (p->self);
      g_free (p);
      return;
    }
  if (occ->event->rrule && *occ->event->rrule)
    {
      g_autofree char *title = g_strdup_printf (_("Cancel “%s”?"), rk_sevent_title (occ->event));
      ask_scope (self, p, title);
      return;
    }
  /* One event: no question, the toast offers undo. */
  run_pending (p, RESPONSE_ALL);
  g_object_unref (p->self);
  g_free (p);
}

static void
undo_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean redo = self->redoing;
  g_autofree char *label = rk_context_undo_finish (RK_CONTEXT (source), result, &error);
  g_autofree char *message = NULL;

  update_actions (self);
  if (label == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_error (self, error);
      return;
    }
  message = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label);
  rk_window_show_toast_full (self, message, redo, !redo);
}

/* Undo and redo run in the worker; the month follows from "changed". */
static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  gboolean redo = g_strcmp0 (name, "win.redo") == 0;

  if (rk_context_get_undoing (self->context) ||
      !(redo ? rk_undo_stack_can_redo (self->undo) : rk_undo_stack_can_undo (self->undo)))
    return;
  self->redoing = redo;
  rk_context_undo_async (self->context, redo, undo_done, g_object_ref (self));
}

static void
on_can_undo (RkWindow *self)
{
  update_actions (self);
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
    report_error (self, error);
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
static void
offer_demo_now (RkWindow *self)
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
    offer_demo_now (self);
}

/* ---- presenting the window ------------------------------------------------ */

static void
present_now (RkWindow *self)
{
  self->present_when_read = FALSE;
  g_clear_handle_id (&self->present_id, g_source_remove);
  gtk_window_present (GTK_WINDOW (self));
}

/* The month took longer than a start should (a slow or away server): the
 * window shows the empty grid of today's month, filled when it arrives. */
static gboolean
present_timeout (gpointer user_data)
{
  RkWindow *self = user_data;
  int y, m;

  self->present_id = 0;
  if (self->data == NULL)
    {
      RkMonthData like = { 0 };

      like.today = rk_context_get_today (self->context);
      like.week_start = rk_context_get_week_start (self->context);
      rk_day_to_ymd (like.today, &y, &m, NULL);
      /* The month of today here; the worker's, when it comes, wins. */
      self->year = y;
      self->month = m;
      show_data (self, rk_month_data_new_empty (&like, y, m));
    }
  present_now (self);
  return G_SOURCE_REMOVE;
}

void
rk_window_present_when_read (RkWindow *self)
{
  g_return_if_fail (RK_IS_WINDOW (self));

  if (self->data && !self->data->placeholder)
    {
      present_now (self);
      return;
    }
  self->present_when_read = TRUE;
  if (self->present_id == 0)
    self->present_id = g_timeout_add (PRESENT_WAIT_MS, present_timeout, self);
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
rk_window_constructed (GObject *object)
{
  RkWindow *self = RK_WINDOW (object);

  G_OBJECT_CLASS (rk_window_parent_class)->constructed (object);

  self->context = rk_context_new (self->store);
  self->undo = rk_context_get_undo (self->context);
  self->settings = rk_context_get_settings (self->context);
  g_signal_connect_object (self->undo, "notify::can-undo", G_CALLBACK (on_can_undo), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-redo", G_CALLBACK (on_can_undo), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self, 0);
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
  if (self->help)
    {
      GtkWidget *help = self->help;

      g_clear_weak_pointer (&self->help);
      gtk_window_destroy (GTK_WINDOW (help));
    }
  g_cancellable_cancel (self->month_cancel);
  g_clear_object (&self->month_cancel);
  if (self->editor)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      self->editor = NULL;
    }
  g_clear_pointer (&self->data, rk_month_data_unref);
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
  properties[PROP_SHOW_PROBLEMS] =
    g_param_spec_boolean ("show-problems", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A month is being read by the worker (it shows when it arrives). */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RK_TYPE_MONTH_VIEW);
  g_type_ensure (RK_TYPE_AGENDA_VIEW);
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
  gtk_widget_class_bind_template_child (widget_class, RkWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, problems_count);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, month_view);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, setup_bar);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, setup_label);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, RkWindow, switcher_title);
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
  gtk_widget_class_install_action (widget_class, "win.move-occurrence", "(xuu)",
                                   move_occurrence_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-occurrence", "(xu)",
                                   cancel_occurrence_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
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
  return self->agenda_view;
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
