#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-era.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-event.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-plan-page.h"
#include "rk-resource-view.h"
#include "rk-search-view.h"
#include "rk-series.h"
#include "rk-store-worker.h"
#include "rk-week-view.h"
#include "rk-year-view.h"

static const char * const view_names[] = { "week", "rooms", "people", "year", "search", NULL };

struct _RkPlanPage
{
  GtkWidget    parent_instance;

  GtkWidget   *bar;
  GtkWidget   *buttons[4];       /* week, rooms, people, year */
  GtkWidget   *week_toggle;      /* rooms/people: a week instead of a day */
  GtkWidget   *fiscal_toggle;    /* year: fiscal (年度) or calendar year */
  GtkWidget   *search_button;
  GtkWidget   *stack;
  GtkWidget   *week;
  GtkWidget   *rooms;
  GtkWidget   *people;
  GtkWidget   *year;
  GtkWidget   *search;

  RkContext   *context;
  RkDay        day;
  RkMonthData *data;             /* the month (grid) around day */
  RkMonthData *year_data;
  int          year_first_year, year_first_month;
  /* Reads in the store worker: the month or the year on its way. */
  GCancellable *month_cancel;
  int          month_y, month_m;
  GCancellable *year_cancel;
  int          year_y, year_m;
  RkDay        year_read_first, year_read_last;
  gboolean     month_unsent;     /* asked for, sent to the worker after the frame */
  gboolean     year_unsent;
  gboolean     month_stale;      /* changed since read: read again when shown */
  gboolean     year_stale;
  char        *title;
  char        *view;
  char        *before_search;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (RkPlanPage, rk_plan_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CONTEXT, PROP_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
report (RkPlanPage *self, const GError *error)
{
  rk_context_toast (GTK_WIDGET (self), error->message, FALSE, FALSE);
}

/* ---- what is shown ------------------------------------------------------ */

static RkDay
week_first (RkPlanPage *self, RkDay day)
{
  int week_start = self->data ? self->data->week_start : 7;

  return day - (rk_day_weekday (day) - week_start + 7) % 7;
}

static void update (RkPlanPage *self, gboolean force);

/* A month or a year read by the worker arrives: shown, unless the page
 * was closed or has asked for another since (then it was cancelled). */
static void
data_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RkPlanPage *self = user_data;
  g_autoptr(GError) error = NULL;
  RkMonthData *data = rk_store_worker_load_month_finish (RK_STORE_WORKER (source), result, &error);
  gboolean year = g_task_get_source_tag (G_TASK (result)) == rk_store_worker_load_range_async;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->context)
        {
          g_clear_object (year ? &self->year_cancel : &self->month_cancel);
          report (self, error);
        }
      g_object_unref (self);
      return;
    }
  if (year)
    {
      g_clear_object (&self->year_cancel);
      g_clear_pointer (&self->year_data, rk_month_data_unref);
      self->year_data = data;
    }
  else
    {
      g_clear_object (&self->month_cancel);
      g_clear_pointer (&self->data, rk_month_data_unref);
      self->data = data;
    }
  if (self->stack)
    update (self, FALSE);
  g_object_unref (self);
}

static void
cancel_load (GCancellable **cancellable)
{
  if (*cancellable)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* The reads asked for since the last frame go to the worker once the
 * frame that shows the view empty is painted: read at once, the worker
 * (~60 ms of CPU for a year) took a core from that frame on a machine of
 * two. Until then the read counts as on its way (its cancellable is set). */
static void
send_reads (GtkWidget *widget)
{
  RkPlanPage *self = RK_PLAN_PAGE (widget);
  RkStoreWorker *worker = self->context ? rk_context_get_worker (self->context) : NULL;

  if (worker && self->year_unsent && self->year_cancel)
    rk_store_worker_load_range_async (worker, self->year_read_first, self->year_read_last,
                                      self->year_cancel, data_loaded, g_object_ref (self));
  if (worker && self->month_unsent && self->month_cancel)
    rk_store_worker_load_month_async (worker, self->month_y, self->month_m, self->month_cancel,
                                      data_loaded, g_object_ref (self));
  self->year_unsent = self->month_unsent = FALSE;
}

/* Asks the worker for the month y-m, or the year from y-m (first … last),
 * instead of what was asked for before: after the next frame. */
static void
start_read (RkPlanPage *self, gboolean year, int y, int m, RkDay first, RkDay last)
{
  GCancellable **cancel = year ? &self->year_cancel : &self->month_cancel;

  cancel_load (cancel);
  *cancel = g_cancellable_new ();
  if (year)
    {
      self->year_y = y;
      self->year_m = m;
      self->year_read_first = first;
      self->year_read_last = last;
      self->year_unsent = TRUE;
    }
  else
    {
      self->month_y = y;
      self->month_m = m;
      self->month_unsent = TRUE;
    }
  /* A frame there is, even for a read that changes nothing shown yet. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  rk_gui_after_frame (GTK_WIDGET (self), send_reads);
}

/* What is shown until the read arrives: nothing in it yet. */
static void
show_empty (RkMonthData **shown, RkMonthData *empty)
{
  rk_month_data_unref (*shown);
  *shown = empty;
}

/* The month around the day, read by the worker. Until it arrives the
 * view shows another month's grid empty at once, and a month read again
 * (another coordinator's change) as it was. FALSE: nothing to show yet. */
static gboolean
ensure_month (RkPlanPage *self, gboolean force)
{
  int y, m;

  rk_day_to_ymd (self->day, &y, &m, NULL);
  force |= self->month_stale;
  self->month_stale = FALSE;
  if (!force && self->data && self->data->year == y && self->data->month == m)
    return TRUE;
  if (!force && self->month_cancel && self->month_y == y && self->month_m == m)
    return self->data != NULL;
  start_read (self, FALSE, y, m, 0, 0);
  if (self->data && (self->data->year != y || self->data->month != m))
    show_empty (&self->data, rk_month_data_new_empty (self->data, y, m));
  return self->data != NULL;
}

static int
fiscal_start (RkPlanPage *self)
{
  if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (self->fiscal_toggle)))
    return 1;
  return rk_context_get_fiscal_start (self->context);
}

static gboolean
ensure_year (RkPlanPage *self, gboolean force)
{
  int y, m, start = fiscal_start (self);
  RkDay first, last;

  rk_day_to_ymd (self->day, &y, &m, NULL);
  if (m < start)
    y--;
  force |= self->year_stale;
  self->year_stale = FALSE;
  if (!force && self->year_data && self->year_first_year == y && self->year_first_month == start)
    return TRUE;
  first = rk_day_from_ymd (y, start, 1);
  last = rk_day_add_months (first, 12) - 1;
  if (force || !self->year_cancel || self->year_y != y || self->year_m != start)
    start_read (self, TRUE, y, start, first, last);
  if (self->year_data && (self->year_first_year != y || self->year_first_month != start))
    show_empty (&self->year_data, rk_month_data_new_empty_range (self->year_data, first, last));
  self->year_first_year = y;
  self->year_first_month = start;
  return self->year_data != NULL;
}

static char *
week_title (RkDay first)
{
  int y1, m1, d1, y2, m2, d2;

  rk_day_to_ymd (first, &y1, &m1, &d1);
  rk_day_to_ymd (first + 6, &y2, &m2, &d2);
  if (rk_locale_is_japanese ())
    {
      if (m1 == m2)
        return g_strdup_printf ("%d年%d月%d日〜%d日", y1, m1, d1, d2);
      if (y1 == y2)
        return g_strdup_printf ("%d年%d月%d日〜%d月%d日", y1, m1, d1, m2, d2);
      return g_strdup_printf ("%d年%d月%d日〜%d年%d月%d日", y1, m1, d1, y2, m2, d2);
    }
  {
    g_autofree char *a = rk_day_title (first);
    g_autofree char *b = rk_day_title (first + 6);
    return g_strdup_printf ("%s – %s", a, b);
  }
}

static char *
day_title (RkDay day)
{
  g_autofree char *base = rk_day_title (day);
  int y;

  rk_day_to_ymd (day, &y, NULL, NULL);
  /* The Japanese day heading has no year; the header needs one. */
  if (rk_locale_is_japanese ())
    return g_strdup_printf ("%d年%s", y, base);
  return g_steal_pointer (&base);
}

static char *
year_title (int first_year, int first_month)
{
  if (first_month == 1)
    return rk_locale_is_japanese () ? g_strdup_printf ("%d年", first_year)
                                    : g_strdup_printf ("%d", first_year);
  if (rk_locale_is_japanese ())
    {
      g_autofree char *era = rk_era_year_ja (first_year, first_month, 1);
      int last_year = first_year + (first_month > 1);
      int last_month = first_month == 1 ? 12 : first_month - 1;

      return g_strdup_printf ("%s度（%d年%d月〜%d年%d月）", era ? era : "", first_year,
                              first_month, last_year, last_month);
    }
  /* TRANSLATORS: the fiscal year that starts in the year given */
  return g_strdup_printf (_("Fiscal year %d"), first_year);
}

static void
set_title (RkPlanPage *self, char *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    {
      g_free (title);
      return;
    }
  g_free (self->title);
  self->title = title;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void on_week_day (RkWeekView *view, guint day, RkPlanPage *self);
static void on_year_day (RkYearView *view, guint day, RkPlanPage *self);
static void on_found (RkSearchView *view, gint64 event_id, guint orig_date, guint day,
                      RkPlanPage *self);

/* The view named, made the first time it is shown or asked for: the year
 * alone is ~500 day cells, and most coordinators open one or two views. */
static GtkWidget *
view_child (RkPlanPage *self, const char *view)
{
  GtkWidget **slot;

  if (g_strcmp0 (view, "week") == 0)
    slot = &self->week;
  else if (g_strcmp0 (view, "rooms") == 0)
    slot = &self->rooms;
  else if (g_strcmp0 (view, "people") == 0)
    slot = &self->people;
  else if (g_strcmp0 (view, "year") == 0)
    slot = &self->year;
  else if (g_strcmp0 (view, "search") == 0)
    slot = &self->search;
  else
    return NULL;
  if (*slot)
    return *slot;

  if (slot == &self->week)
    {
      self->week = rk_week_view_new ();
      g_signal_connect (self->week, "day-activated", G_CALLBACK (on_week_day), self);
    }
  else if (slot == &self->rooms)
    self->rooms = rk_resource_view_new (RK_RESOURCE_ROOMS);
  else if (slot == &self->people)
    self->people = rk_resource_view_new (RK_RESOURCE_STAFF);
  else if (slot == &self->year)
    {
      self->year = rk_year_view_new ();
      g_signal_connect (self->year, "day-activated", G_CALLBACK (on_year_day), self);
    }
  else
    {
      self->search = rk_search_view_new ();
      rk_search_view_set_worker (RK_SEARCH_VIEW (self->search),
                                 rk_context_get_worker (self->context));
      g_signal_connect (self->search, "occurrence-activated", G_CALLBACK (on_found), self);
    }
  gtk_stack_add_named (GTK_STACK (self->stack), *slot, view);
  return *slot;
}

static void
update (RkPlanPage *self, gboolean force)
{
  const char *view = self->view;
  gboolean week_mode = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->week_toggle));

  gtk_widget_set_visible (self->week_toggle,
                          g_strcmp0 (view, "rooms") == 0 || g_strcmp0 (view, "people") == 0);
  gtk_widget_set_visible (self->fiscal_toggle, g_strcmp0 (view, "year") == 0);

  if (g_strcmp0 (view, "year") == 0)
    {
      /* The title at once; the year when it has been read. */
      gboolean ready = ensure_year (self, force);

      set_title (self, year_title (self->year_first_year, self->year_first_month));
      if (ready)
        rk_year_view_set_data (RK_YEAR_VIEW (view_child (self, "year")), self->year_data,
                               self->year_first_year, self->year_first_month);
      return;
    }
  if (g_strcmp0 (view, "search") == 0)
    {
      if (force)
        rk_search_view_invalidate (RK_SEARCH_VIEW (view_child (self, "search")));
      set_title (self, g_strdup (_("Search")));
      return;
    }
  {
    gboolean ready = ensure_month (self, force);

    if (g_strcmp0 (view, "week") == 0)
      {
        RkDay first = week_first (self, self->day);

        set_title (self, week_title (first));
        if (ready)
          rk_week_view_set_data (RK_WEEK_VIEW (view_child (self, "week")), self->data, first);
      }
    else
      {
        GtkWidget *w = view_child (self, view);
        RkDay first = week_mode ? week_first (self, self->day) : self->day;

        set_title (self, week_mode ? week_title (first) : day_title (self->day));
        if (ready)
          rk_resource_view_set_data (RK_RESOURCE_VIEW (w), self->data, first,
                                     week_mode ? 7 : 1);
      }
  }
}

void
rk_plan_page_set_view (RkPlanPage *self,
                       const char *view)
{
  g_return_if_fail (RK_IS_PLAN_PAGE (self));

  if (!g_strv_contains (view_names, view ? view : ""))
    view = "week";
  if (g_strcmp0 (view, "search") == 0 && g_strcmp0 (self->view, "search") != 0)
    {
      g_free (self->before_search);
      self->before_search = g_strdup (self->view);
    }
  g_free (self->view);
  self->view = g_strdup (view);
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]),
                                  g_strcmp0 (view, view_names[i]) == 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->search_button),
                                g_strcmp0 (view, "search") == 0);
  self->updating = FALSE;
  view_child (self, view);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), view);
  {
    GSettings *settings = rk_context_get_settings (self->context);
    if (settings && g_strcmp0 (view, "search") != 0)
      g_settings_set_string (settings, "plan-view", view);
  }
  update (self, FALSE);
}

const char *
rk_plan_page_get_view (RkPlanPage *self)
{
  return self->view;
}

void
rk_plan_page_go (RkPlanPage *self,
                 int         direction)
{
  const char *view;
  gboolean leave_search;

  g_return_if_fail (RK_IS_PLAN_PAGE (self));

  /* The search shows no dates: the arrows and Today step from the view it
   * was started from, and show that view again. */
  leave_search = g_strcmp0 (self->view, "search") == 0;
  view = leave_search ? (self->before_search ? self->before_search : "week") : self->view;
  if (direction == 0)
    self->day = rk_context_get_today (self->context);
  else if (g_strcmp0 (view, "year") == 0)
    self->day = rk_day_add_months (self->day, 12 * direction);
  else if (g_strcmp0 (view, "week") == 0
           || gtk_check_button_get_active (GTK_CHECK_BUTTON (self->week_toggle)))
    self->day += 7 * direction;
  else
    self->day += direction;
  if (g_strcmp0 (view, "week") == 0)
    rk_week_view_select_day (RK_WEEK_VIEW (view_child (self, "week")), self->day);
  if (leave_search)
    {
      g_autofree char *back = g_strdup (view);

      rk_plan_page_set_view (self, back);
    }
  else
    update (self, FALSE);
}

void
rk_plan_page_show_day (RkPlanPage *self,
                       RkDay       day,
                       const char *view)
{
  g_return_if_fail (RK_IS_PLAN_PAGE (self));

  self->day = day;
  rk_plan_page_set_view (self, view);
}

RkDay
rk_plan_page_get_day (RkPlanPage *self)
{
  return self->day;
}

const char *
rk_plan_page_get_title (RkPlanPage *self)
{
  return self->title;
}

void
rk_plan_page_start_search (RkPlanPage *self)
{
  rk_plan_page_set_view (self, "search");
  rk_search_view_focus_entry (RK_SEARCH_VIEW (view_child (self, "search")));
}

GtkWidget *
rk_plan_page_get_child (RkPlanPage *self,
                        const char *view)
{
  return view_child (self, view);
}

/* ---- saving what a drag asks for ---------------------------------------- */

/* What a drag asks for, saved in the context's worker: the event is read
 * there, in the same transaction that changes it (one undo step). */
typedef struct
{
  gint64    event_id;
  RkDay     orig_date;
  RkMinute  start, end;
  gint64    room_id;        /* 0: a new time */
  gboolean  whole;
} PlanEdit;

static RkEvent *
load_event (RkStore *store, gint64 event_id, RkMinute *start, RkMinute *end, GError **error)
{
  g_autoptr(RkEvent) event = rk_store_get_event (store, event_id, error);

  if (event == NULL)
    return NULL;
  if (!rk_time_parse (rk_event_get_start (event), start)
      || !rk_time_parse (rk_event_get_end (event), end))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("The event has unreadable times"));
      return NULL;
    }
  return g_steal_pointer (&event);
}

static gboolean
is_series (RkEvent *event)
{
  const char *rule = rk_event_get_rrule (event);

  return rule && *rule;
}

static void
set_times (RkEvent *event, RkMinute start, RkMinute end)
{
  char a[17], b[17];

  rk_event_set_start (event, rk_time_format_buf (start, a));
  rk_event_set_end (event, rk_time_format_buf (end, b));
}

/* In the worker thread. */
static gboolean
plan_edit_tx (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  PlanEdit *p = data;
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  RkEditScope scope = RK_SCOPE_ALL;
  RkMinute s, e;
  g_autoptr(RkEvent) event = load_event (store, p->event_id, &s, &e, error);
  gint64 id;

  if (event == NULL)
    return FALSE;
  /* A cancelled occurrence dragged in the week or to another room stays
   * cancelled, as in the month (an edit of that one date put it back on
   * the schedule without a word). */
  if (!p->whole || !is_series (event))
    {
      RkOcc occ;

      if (!rk_series_find_occurrence (store, p->event_id, p->orig_date, &occ, error))
        return FALSE;
      if (occ.status == RK_OCC_CANCELLED)
        {
          g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                               _("That occurrence is cancelled; it cannot be moved"));
          return FALSE;
        }
    }
  if (p->room_id)
    {
      rk_event_set_room_id (event, p->room_id);
      if (is_series (event) && !p->whole)
        {
          RkOcc occ;

          /* The occurrence keeps its own times; only its room changes. */
          if (!rk_series_find_occurrence (store, p->event_id, p->orig_date, &occ, error))
            return FALSE;
          set_times (event, occ.start, occ.end);
          scope = RK_SCOPE_THIS;
        }
    }
  else if (is_series (event) && p->whole)
    {
      /* Every occurrence at the new time of day: the series' own start
       * keeps its date. */
      RkMinute ns = rk_minute_make (rk_minute_day (s), rk_minute_of_day (p->start));
      set_times (event, ns, ns + (p->end - p->start));
    }
  else
    {
      set_times (event, p->start, p->end);
      if (is_series (event))
        scope = RK_SCOPE_THIS;
    }
  if (!rk_undo_stack_save_event (undo, p->event_id, error))
    return FALSE;
  id = rk_series_edit (store, p->event_id, p->orig_date, scope, event, NULL, dropped, error);
  if (id == 0)
    return FALSE;
  if (id != p->event_id)
    rk_undo_stack_note_created (undo, id);
  return TRUE;
}

static void
plan_edit_async (RkPlanPage         *self,
                 const char         *label,
                 const PlanEdit     *edit,
                 GAsyncReadyCallback callback,
                 gpointer            user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, plan_edit_async);
  if (!edit->room_id && edit->end <= edit->start)
    {
      g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                               _("An event must end after it starts"));
      g_object_unref (task);
      return;
    }
  rk_context_change_for_task (self->context, task, label, plan_edit_tx,
                              g_memdup2 (edit, sizeof *edit), g_free);
}

void
rk_plan_page_retime_async (RkPlanPage         *self,
                           gint64              event_id,
                           RkDay               orig_date,
                           RkMinute            start,
                           RkMinute            end,
                           gboolean            whole,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  PlanEdit edit = { event_id, orig_date, start, end, 0, whole };

  g_return_if_fail (RK_IS_PLAN_PAGE (self));
  plan_edit_async (self, _("Move event"), &edit, callback, user_data);
}

void
rk_plan_page_set_room_async (RkPlanPage         *self,
                             gint64              event_id,
                             RkDay               orig_date,
                             gint64              room_id,
                             gboolean            whole,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  PlanEdit edit = { event_id, orig_date, 0, 0, room_id, whole };

  g_return_if_fail (RK_IS_PLAN_PAGE (self));
  g_return_if_fail (room_id > 0);
  plan_edit_async (self, _("Change room"), &edit, callback, user_data);
}

gboolean
rk_plan_page_edit_finish (RkPlanPage    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  RkPlanPage *self;
  gint64      event_id;
  RkDay       orig_date;
  RkMinute    start, end;
  gint64      room_id;      /* 0: a new time */
} Pending;

enum { RESPONSE_THIS = 1, RESPONSE_ALL = 2 };

static void
pending_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkPlanPage *self = RK_PLAN_PAGE (source);
  g_autoptr(GError) error = NULL;
  gboolean room = GPOINTER_TO_INT (user_data);

  if (!rk_plan_page_edit_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      report (self, error);
      /* The chip dragged goes back where it is stored. */
      update (self, TRUE);
    }
  else
    rk_context_toast (GTK_WIDGET (self), room ? _("Room changed") : _("Event moved"), TRUE,
                      FALSE);
}

static void
run_pending (Pending *p, gboolean whole)
{
  gpointer room = GINT_TO_POINTER (p->room_id != 0);

  if (p->room_id)
    rk_plan_page_set_room_async (p->self, p->event_id, p->orig_date, p->room_id, whole,
                                 pending_done, room);
  else
    rk_plan_page_retime_async (p->self, p->event_id, p->orig_date, p->start, p->end, whole,
                               pending_done, room);
}

static void
pending_free (Pending *p)
{
  g_object_unref (p->self);
  g_free (p);
}

static void
on_scope_response (GtkDialog *dialog,
                   int        response,
                   Pending   *p)
{
  if (response == RESPONSE_THIS || response == RESPONSE_ALL)
    run_pending (p, response == RESPONSE_ALL);
  pending_free (p);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A series asks whether the change is for this occurrence or all of them;
 * a new day for all of them would need its rule rewritten, so a move to
 * another day is for this occurrence only. */
static void
ask_or_run (Pending *p, const RkOcc *occ)
{
  gboolean series = occ->event->rrule && *occ->event->rrule;
  gboolean same_day = p->room_id || rk_minute_day (p->start) == rk_minute_day (occ->start);
  GtkWidget *dialog;
  GtkRoot *root;

  if (!series)
    {
      run_pending (p, TRUE);
      pending_free (p);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (p->self));
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                   p->room_id ? _("Change the room?") : _("Move the event?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            same_day
                                              ? _("This event repeats. Change only this "
                                                  "occurrence, or every occurrence of the series?")
                                              : _("This event repeats. The move to another day "
                                                  "is for this occurrence only."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  if (same_day)
    gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Whole Series"), RESPONSE_ALL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Only This One"), RESPONSE_THIS);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_THIS);
  g_signal_connect (dialog, "response", G_CALLBACK (on_scope_response), p);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const RkOcc *
find_shown (RkPlanPage *self, gint64 event_id, RkDay orig_date)
{
  const RkOcc *occ = self->data ? rk_month_data_find (self->data, event_id, orig_date) : NULL;

  if (occ == NULL)
    rk_context_toast (GTK_WIDGET (self),
                      _("That event is no longer shown; it may have been changed meanwhile"),
                      FALSE, FALSE);
  return occ;
}

static void
retime_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkPlanPage *self = RK_PLAN_PAGE (widget);
  Pending *p = g_new0 (Pending, 1);
  const RkOcc *occ;
  guint32 orig;

  g_variant_get (param, "(xuxx)", &p->event_id, &orig, &p->start, &p->end);
  p->orig_date = orig;
  p->self = g_object_ref (self);
  occ = find_shown (self, p->event_id, p->orig_date);
  if (occ == NULL || occ->status == RK_OCC_CANCELLED)
    {
      if (occ)
        rk_context_toast (widget, _("A cancelled occurrence cannot be moved"), FALSE, FALSE);
      pending_free (p);
      return;
    }
  ask_or_run (p, occ);
}

static void
room_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkPlanPage *self = RK_PLAN_PAGE (widget);
  Pending *p = g_new0 (Pending, 1);
  const RkOcc *occ;
  guint32 orig;

  g_variant_get (param, "(xux)", &p->event_id, &orig, &p->room_id);
  p->orig_date = orig;
  p->self = g_object_ref (self);
  occ = find_shown (self, p->event_id, p->orig_date);
  if (occ == NULL)
    {
      pending_free (p);
      return;
    }
  ask_or_run (p, occ);
}

static void
new_event_at_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkPlanPage *self = RK_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RkEventEditor *editor;
  gint64 start, end;
  char text[6];

  g_variant_get (param, "(xx)", &start, &end);
  editor = rk_event_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
  rk_event_editor_set_new (editor, rk_minute_day (start));
  g_snprintf (text, sizeof text, "%02d:%02d", rk_minute_of_day (start) / 60,
              rk_minute_of_day (start) % 60);
  gtk_editable_set_text (GTK_EDITABLE (rk_event_editor_get_field (editor, "start")), text);
  g_snprintf (text, sizeof text, "%02d:%02d", rk_minute_of_day (end) / 60,
              rk_minute_of_day (end) % 60);
  gtk_editable_set_text (GTK_EDITABLE (rk_event_editor_get_field (editor, "end")), text);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- signals ------------------------------------------------------------ */

static void
on_changed (RkContext  *context,
            gboolean    external,
            RkPlanPage *self)
{
  /* What is shown is read again (and shown as it was until then); the
   * rest when it is shown next. */
  if (self->search)
    rk_search_view_invalidate (RK_SEARCH_VIEW (self->search));
  self->month_stale = TRUE;
  self->year_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self, FALSE);
}

static void
on_settings_changed (RkContext  *context,
                     RkPlanPage *self)
{
  on_changed (context, FALSE, self);
}

static void
on_view_toggled (GtkToggleButton *button,
                 RkPlanPage      *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    if (GTK_WIDGET (button) == self->buttons[i])
      rk_plan_page_set_view (self, view_names[i]);
}

static void
on_search_toggled (GtkToggleButton *button,
                   RkPlanPage      *self)
{
  if (self->updating)
    return;
  if (gtk_toggle_button_get_active (button))
    rk_plan_page_start_search (self);
  else
    rk_plan_page_set_view (self, self->before_search ? self->before_search : "week");
}

static void
on_mode_toggled (GtkCheckButton *button,
                 RkPlanPage     *self)
{
  update (self, FALSE);
}

static void
on_week_day (RkWeekView *view,
             guint       day,
             RkPlanPage *self)
{
  rk_plan_page_show_day (self, day, "rooms");
}

static void
on_year_day (RkYearView *view,
             guint       day,
             RkPlanPage *self)
{
  rk_plan_page_show_day (self, day, "week");
}

static void
on_found (RkSearchView *view,
          gint64        event_id,
          guint         orig_date,
          guint         day,
          RkPlanPage   *self)
{
  /* The week of the occurrence is behind the editor when it closes. */
  g_free (self->before_search);
  self->before_search = g_strdup ("week");
  self->day = day;
}

static void
on_map (GtkWidget *widget)
{
  RkPlanPage *self = RK_PLAN_PAGE (widget);

  GTK_WIDGET_CLASS (rk_plan_page_parent_class)->map (widget);
  update (self, self->data == NULL);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_plan_page_constructed (GObject *object)
{
  RkPlanPage *self = RK_PLAN_PAGE (object);
  GSettings *settings;
  g_autofree char *view = NULL;

  G_OBJECT_CLASS (rk_plan_page_parent_class)->constructed (object);
  g_return_if_fail (self->context != NULL);

  self->day = rk_context_get_today (self->context);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_changed), self, 0);
  /* The fiscal year's first month read by the worker after the page. */
  g_signal_connect_object (self->context, "settings-changed", G_CALLBACK (on_settings_changed),
                           self, 0);
  settings = rk_context_get_settings (self->context);
  if (settings)
    view = g_settings_get_string (settings, "plan-view");
  rk_plan_page_set_view (self, view);
}

static void
rk_plan_page_dispose (GObject *object)
{
  RkPlanPage *self = RK_PLAN_PAGE (object);

  rk_gui_after_frame_cancel (GTK_WIDGET (self));
  cancel_load (&self->month_cancel);
  cancel_load (&self->year_cancel);
  g_clear_pointer (&self->bar, gtk_widget_unparent);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->data, rk_month_data_unref);
  g_clear_pointer (&self->year_data, rk_month_data_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_plan_page_parent_class)->dispose (object);
}

static void
rk_plan_page_finalize (GObject *object)
{
  RkPlanPage *self = RK_PLAN_PAGE (object);

  g_free (self->title);
  g_free (self->view);
  g_free (self->before_search);
  G_OBJECT_CLASS (rk_plan_page_parent_class)->finalize (object);
}

static void
rk_plan_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RkPlanPage *self = RK_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_plan_page_set_property (GObject *object, guint prop_id, const GValue *value,
                           GParamSpec *pspec)
{
  RkPlanPage *self = RK_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_plan_page_class_init (RkPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rk_plan_page_constructed;
  object_class->dispose = rk_plan_page_dispose;
  object_class->finalize = rk_plan_page_finalize;
  object_class->get_property = rk_plan_page_get_property;
  object_class->set_property = rk_plan_page_set_property;
  widget_class->map = on_map;

  properties[PROP_CONTEXT] = rk_context_param_spec ();
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The views ask for these; the window lets them through to here. */
  gtk_widget_class_install_action (widget_class, "win.retime-occurrence", "(xuxx)", retime_action);
  gtk_widget_class_install_action (widget_class, "win.move-occurrence-room", "(xux)", room_action);
  gtk_widget_class_install_action (widget_class, "win.new-event-at", "(xx)", new_event_at_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planpage");
}

static GtkWidget *
toggle (const char *label, const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
rk_plan_page_init (RkPlanPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *views_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)),
                                  GTK_ORIENTATION_VERTICAL);

  self->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (self->bar, "calendar-view-bar");
  gtk_widget_add_css_class (views_box, "linked");
  self->buttons[0] = toggle (_("_Week"), _("The week on a time grid (Ctrl+1)"));
  self->buttons[1] = toggle (_("By _Place"), _("Rooms and equipment hour by hour (Ctrl+2)"));
  self->buttons[2] = toggle (_("By Pe_rson"), _("Who is where, hour by hour (Ctrl+3)"));
  self->buttons[3] = toggle (_("_Year"), _("The year at a glance (Ctrl+4)"));
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    {
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->buttons[i]),
                                     GTK_TOGGLE_BUTTON (self->buttons[0]));
      g_signal_connect (self->buttons[i], "toggled", G_CALLBACK (on_view_toggled), self);
      gtk_box_append (GTK_BOX (views_box), self->buttons[i]);
    }
  gtk_box_append (GTK_BOX (self->bar), views_box);

  self->week_toggle = gtk_check_button_new_with_mnemonic (_("Whole wee_k"));
  g_signal_connect (self->week_toggle, "toggled", G_CALLBACK (on_mode_toggled), self);
  gtk_box_append (GTK_BOX (self->bar), self->week_toggle);
  self->fiscal_toggle = gtk_check_button_new_with_mnemonic (_("_Fiscal year (April–March)"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->fiscal_toggle), TRUE);
  g_signal_connect (self->fiscal_toggle, "toggled", G_CALLBACK (on_mode_toggled), self);
  gtk_box_append (GTK_BOX (self->bar), self->fiscal_toggle);

  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (self->bar), spacer);
  self->search_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->search_button), "system-search-symbolic");
  gtk_widget_set_tooltip_text (self->search_button, _("Search all dates (Ctrl+F)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search all dates"), -1);
  g_signal_connect (self->search_button, "toggled", G_CALLBACK (on_search_toggled), self);
  gtk_box_append (GTK_BOX (self->bar), self->search_button);

  /* The views themselves are made when first shown (view_child). */
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);

  gtk_widget_set_parent (self->bar, widget);
  gtk_widget_set_parent (self->stack, widget);
}

GtkWidget *
rk_plan_page_new (RkContext *context)
{
  return g_object_new (RK_TYPE_PLAN_PAGE, "context", context, NULL);
}

gboolean
rk_plan_page_is_loading (RkPlanPage *self)
{
  g_return_val_if_fail (RK_IS_PLAN_PAGE (self), FALSE);
  return self->month_cancel != NULL || self->year_cancel != NULL;
}
