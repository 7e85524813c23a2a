#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-month-data.h"
#include "rk-search.h"
#include "rk-search-view.h"
#include "rk-store-worker.h"

/* More than a person reads; the status line says to narrow the search. */
#define MAX_RESULTS 500
/* Series without an end are searched this many years past today. */
#define YEARS_AHEAD 3

struct _RkSearchView
{
  GtkWidget   parent_instance;

  GtkWidget  *entry;
  GtkWidget  *status;
  GtkWidget  *scroller;
  GtkWidget  *list;

  GtkWidget  *spinner;

  RkStoreWorker *worker;
  RkSchedule *schedule;     /* every event, read by the worker on the first search */
  RkDay       today;        /* read with it */
  GCancellable *reading;    /* that read on its way */
  GArray     *results;      /* RkOcc into schedule */
};

G_DEFINE_FINAL_TYPE (RkSearchView, rk_search_view, GTK_TYPE_WIDGET)

enum { OCCURRENCE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_results (RkSearchView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_clear_pointer (&self->results, g_array_unref);
}

void
rk_search_view_invalidate (RkSearchView *self)
{
  g_return_if_fail (RK_IS_SEARCH_VIEW (self));

  clear_results (self);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_pointer (&self->schedule, rk_schedule_free);
  gtk_widget_set_visible (self->spinner, FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_signal_emit_by_name (self->entry, "search-changed");
}

static GtkWidget *
result_row (RkSchedule  *schedule,
            const RkOcc *occ)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *when, *title, *place;
  /* Who is on it: a search by a person's name or kana shows why it matched. */
  g_autofree char *names = rk_occ_staff_names_text (schedule, occ);
  g_autofree char *day = rk_day_title (rk_occ_day (occ));
  g_autofree char *time = rk_occ_time_text (occ);
  g_autofree char *when_text = g_strdup_printf ("%s  %s", day, time);
  g_autofree char *place_text = rk_occ_place_text (occ);
  g_autofree char *a11y = NULL;
  const char *status = NULL;

  when = gtk_label_new (when_text);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  /* Wide enough for the longest date and time in either language, so the
   * titles line up. */
  gtk_label_set_width_chars (GTK_LABEL (when), 29);
  gtk_widget_add_css_class (when, "numeric");
  title = gtk_label_new (rk_sevent_title (occ->event));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (middle), title);
  if (names)
    {
      GtkWidget *people = gtk_label_new (names);

      gtk_label_set_xalign (GTK_LABEL (people), 0);
      gtk_label_set_ellipsize (GTK_LABEL (people), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (people, "dim-label");
      gtk_widget_add_css_class (people, "caption");
      gtk_box_append (GTK_BOX (middle), people);
    }
  place = gtk_label_new (place_text ? place_text : "");
  gtk_label_set_xalign (GTK_LABEL (place), 1);
  gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (place), 28);
  gtk_widget_add_css_class (place, "dim-label");
  gtk_widget_set_valign (when, GTK_ALIGN_START);
  gtk_widget_set_valign (place, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), middle);
  if (occ->status == RK_OCC_CANCELLED)
    {
      GtkWidget *mark = gtk_label_new (_("Cancelled"));
      status = _("Cancelled");
      gtk_widget_add_css_class (mark, "error");
      gtk_widget_add_css_class (title, "strikethrough");
      gtk_box_append (GTK_BOX (box), mark);
    }
  else if (occ->status == RK_OCC_TENTATIVE)
    {
      GtkWidget *mark = gtk_label_new (_("Tentative"));
      status = _("Tentative");
      gtk_widget_add_css_class (mark, "dim-label");
      gtk_box_append (GTK_BOX (box), mark);
    }
  gtk_box_append (GTK_BOX (box), place);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  a11y = g_strjoin (", ", when_text, rk_sevent_title (occ->event),
                    place_text ? place_text : "", names ? names : "", status ? status : "",
                    NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return row;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  RkSearchView *self = user_data;
  int i = gtk_list_box_row_get_index (row);
  int y, m, py = 0, pm = 0;

  if (self->results == NULL || i < 0 || (guint) i >= self->results->len)
    return;
  rk_day_to_ymd (rk_occ_day (&g_array_index (self->results, RkOcc, i)), &y, &m, NULL);
  if (before)
    rk_day_to_ymd (rk_occ_day (&g_array_index (self->results, RkOcc, i - 1)), &py, &pm, NULL);
  if (before && y == py && m == pm)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  {
    g_autofree char *title = rk_month_title (y, m);
    GtkWidget *label = gtk_label_new (title);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_widget_set_margin_start (label, 12);
    gtk_widget_set_margin_top (label, 12);
    gtk_widget_set_margin_bottom (label, 4);
    gtk_list_box_row_set_header (row, label);
  }
}

typedef struct
{
  RkSchedule *schedule;
  RkDay       today;
} Everything;

static void
everything_free (gpointer p)
{
  Everything *e = p;

  g_clear_pointer (&e->schedule, rk_schedule_free);
  g_free (e);
}

/* In the worker: every event, and today. */
static gpointer
read_everything (RkStore *store, gpointer data, GError **error)
{
  Everything *e = g_new0 (Everything, 1);

  e->schedule = rk_store_load_all (store, error);
  if (e->schedule == NULL)
    {
      everything_free (e);
      return NULL;
    }
  e->today = rk_store_today (store);
  return e;
}

static void on_search_changed (GtkSearchEntry *entry, RkSearchView *self);

static void
everything_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  Everything *e = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  RkSearchView *self;

  /* Invalidated meanwhile (a newer read follows), or gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_SEARCH_VIEW (user_data);
  g_clear_object (&self->reading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
  gtk_widget_set_visible (self->spinner, FALSE);
  if (e == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status), error->message);
      return;
    }
  self->schedule = g_steal_pointer (&e->schedule);
  self->today = e->today;
  everything_free (e);
  /* What the entry says now, however much was typed meanwhile. */
  on_search_changed (GTK_SEARCH_ENTRY (self->entry), self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   RkSearchView   *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = rk_search_fold (query);
  RkDay to;

  clear_results (self);
  if (*folded == '\0' || self->worker == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status),
                          _("Type a title, program, place or name (kana works too)."));
      return;
    }
  if (self->schedule == NULL)
    {
      /* The first search reads every event, in the worker; the search
       * is made when they arrive. */
      if (self->reading == NULL)
        {
          self->reading = g_cancellable_new ();
          rk_store_worker_run_async (self->worker, read_everything, NULL, NULL, everything_free,
                                     self->reading, everything_read, self);
        }
      gtk_label_set_text (GTK_LABEL (self->status), _("Reading every event…"));
      gtk_widget_set_visible (self->spinner, TRUE);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
      return;
    }
  to = rk_day_add_months (self->today, 12 * YEARS_AHEAD);
  self->results = rk_schedule_search (self->schedule, query, 1, to, MAX_RESULTS + 1, &error);
  if (self->results == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->status), error->message);
      return;
    }
  if (self->results->len > MAX_RESULTS)
    {
      g_autofree char *text = g_strdup_printf (_("More than %d found: the first %d are shown; "
                                                 "add a word to narrow the search."),
                                               MAX_RESULTS, MAX_RESULTS);
      g_array_set_size (self->results, MAX_RESULTS);
      gtk_label_set_text (GTK_LABEL (self->status), text);
    }
  else if (self->results->len == 0)
    gtk_label_set_text (GTK_LABEL (self->status), _("Nothing found."));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u found",
                                                            "%u found", self->results->len),
                                               self->results->len);
      gtk_label_set_text (GTK_LABEL (self->status), text);
    }
  for (guint i = 0; i < self->results->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         result_row (self->schedule, &g_array_index (self->results, RkOcc, i)));
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  RkSearchView  *self)
{
  int i = gtk_list_box_row_get_index (row);
  const RkOcc *occ;

  if (self->results == NULL || i < 0 || (guint) i >= self->results->len)
    return;
  occ = &g_array_index (self->results, RkOcc, i);
  g_signal_emit (self, signals[OCCURRENCE_ACTIVATED], 0, occ->event->id, (guint) occ->orig_date,
                 (guint) rk_occ_day (occ));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)", occ->event->id,
                              (guint32) occ->orig_date);
}

/* From the entry, the keyboard goes on to the results: Enter opens the
 * first, Down takes the focus to it (GTK's own move down left the list for
 * the view switcher at the bottom of the window). */
static void
on_entry_activate (GtkSearchEntry *entry,
                   RkSearchView   *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);

  if (row)
    on_row_activated (GTK_LIST_BOX (self->list), row, self);
}

static gboolean
on_entry_key (GtkEventControllerKey *key,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              RkSearchView          *self)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    return FALSE;
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);
  return row && gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_stop_search (GtkSearchEntry *entry,
                RkSearchView   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

void
rk_search_view_set_worker (RkSearchView  *self,
                           RkStoreWorker *worker)
{
  g_return_if_fail (RK_IS_SEARCH_VIEW (self));

  g_set_object (&self->worker, worker);
  rk_search_view_invalidate (self);
}

gboolean
rk_search_view_is_loading (RkSearchView *self)
{
  g_return_val_if_fail (RK_IS_SEARCH_VIEW (self), FALSE);
  return self->reading != NULL;
}

void
rk_search_view_set_query (RkSearchView *self,
                          const char   *query)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  /* At once, not after the entry's typing delay. */
  on_search_changed (GTK_SEARCH_ENTRY (self->entry), self);
}

void
rk_search_view_focus_entry (RkSearchView *self)
{
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

GtkWidget *
rk_search_view_get_entry (RkSearchView *self)
{
  return self->entry;
}

GtkListBox *
rk_search_view_get_list (RkSearchView *self)
{
  return GTK_LIST_BOX (self->list);
}

guint
rk_search_view_get_n_results (RkSearchView *self)
{
  return self->results ? self->results->len : 0;
}

void
rk_search_view_get_result (RkSearchView *self,
                           guint         i,
                           gint64       *event_id,
                           guint        *orig_date,
                           guint        *day)
{
  const RkOcc *occ;

  g_return_if_fail (self->results && i < self->results->len);
  occ = &g_array_index (self->results, RkOcc, i);
  if (event_id)
    *event_id = occ->event->id;
  if (orig_date)
    *orig_date = occ->orig_date;
  if (day)
    *day = rk_occ_day (occ);
}

static void
rk_search_view_dispose (GObject *object)
{
  RkSearchView *self = RK_SEARCH_VIEW (object);
  GtkWidget *child;

  clear_results (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->schedule, rk_schedule_free);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (rk_search_view_parent_class)->dispose (object);
}

static void
rk_search_view_class_init (RkSearchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_search_view_dispose;

  signals[OCCURRENCE_ACTIVATED] =
    g_signal_new ("occurrence-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "searchview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
}

static void
rk_search_view_init (RkSearchView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)),
                                  GTK_ORIENTATION_VERTICAL);

  self->entry = gtk_search_entry_new ();
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (self->entry), 200);
  g_object_set (self->entry, "placeholder-text", _("Search all dates"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search all dates"), -1);
  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  {
    GtkEventController *key = gtk_event_controller_key_new ();

    g_signal_connect (key, "key-pressed", G_CALLBACK (on_entry_key), self);
    gtk_widget_add_controller (self->entry, key);
  }
  self->status = gtk_label_new (_("Type a title, program, place or name (kana works too)."));
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_box_append (GTK_BOX (line), self->spinner);
    gtk_box_append (GTK_BOX (line), self->status);
    gtk_box_append (GTK_BOX (top), self->entry);
    gtk_box_append (GTK_BOX (top), line);
  }
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 12);
  gtk_widget_set_margin_bottom (top, 6);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), header_func, self, NULL);
  gtk_widget_add_css_class (self->list, "search-results");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search results"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);

  gtk_widget_set_parent (top, widget);
  gtk_widget_set_parent (self->scroller, widget);
}

GtkWidget *
rk_search_view_new (void)
{
  return g_object_new (RK_TYPE_SEARCH_VIEW, NULL);
}
