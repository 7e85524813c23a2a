#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rk-event-chip.h"
#include "rk-gui-util.h"
#include "rk-holidays.h"
#include "rk-lanes.h"
#include "rk-time-grid.h"
#include "rk-tooltip.h"
#include "rk-week-view.h"

#define N_DAYS 7

struct _RkWeekView
{
  GtkWidget    parent_instance;

  GtkWidget   *header;
  GtkWidget   *day_buttons[N_DAYS];
  GtkWidget   *holiday_labels[N_DAYS];
  GtkWidget   *allday;
  GtkWidget   *allday_label;
  GtkWidget   *allday_boxes[N_DAYS];
  GtkWidget   *closed_labels[N_DAYS]; /* kept; in its day's band on a closing */
  GtkWidget   *scroller;
  GtkWidget   *grid;

  RkMonthData *data;
  RkDay        first;
  RkDay        selected;
  gboolean     scrolled_once;
  double       top_hour;      /* the hour at the top when the hours were last fitted */
  gboolean     refitted;      /* the grid's height changes: keep top_hour at the top */
  guint        now_timer;
  guint        fit_id;
};

G_DEFINE_FINAL_TYPE (RkWeekView, rk_week_view, GTK_TYPE_WIDGET)

enum { DAY_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_day_clicked (GtkButton  *button,
                RkWeekView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rk-index"));

  self->selected = self->first + index;
  g_signal_emit (self, signals[DAY_ACTIVATED], 0, (guint) self->selected);
}

static void
on_day_focus (GtkEventControllerFocus *focus,
              RkWeekView              *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  self->selected = self->first
                   + GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rk-index"));
}

/* The occurrences that go to the band on top: all-day and multi-day ones. */
static gboolean
occ_in_band (const RkOcc *occ)
{
  return rk_occ_is_all_day (occ);
}

/* The band's closing label and chips are kept from step to step and given
 * the new week's texts: made anew (with a tooltip set each, which makes
 * GTK 4.8 ask the X server where the pointer is) they were a good part of
 * a week step. The tooltips are given when asked for (rk_tooltip_set_lazy),
 * so a label shows its own text, never one rewritten for an earlier day. */
static void
fill_allday (RkWeekView *self)
{
  for (guint i = 0; i < N_DAYS; i++)
    {
      GtkWidget *box = self->allday_boxes[i];
      GtkWidget *label = self->closed_labels[i];
      GtkWidget *chip, *next;
      RkDay day = self->first + i;
      g_autoptr(GString) closed = g_string_new (NULL);
      guint n_closed = 0;

      if (self->data)
        n_closed = rk_month_data_closed_text (self->data, day, closed);
      if (closed->len > 0)
        {
          g_autofree char *text = g_strdup_printf (_("Closed: %s"), closed->str);
          /* One line whatever the count: a municipality closes dozens of
           * places on a holiday, which would push the hours off the
           * window; the names are in the tooltip. */
          g_autofree char *line = n_closed > 1
                                    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "Closed: %u place",
                                                                    "Closed: %u places",
                                                                    n_closed),
                                                       n_closed)
                                    : NULL;
          g_autofree char *all = line ? g_strdup_printf ("%s\n%s", line, closed->str) : NULL;

          gtk_label_set_text (GTK_LABEL (label), line ? line : text);
          rk_tooltip_set_lazy (label, line ? all : text);
          if (gtk_widget_get_parent (label) == NULL)
            gtk_box_prepend (GTK_BOX (box), label);
        }
      else if (gtk_widget_get_parent (label) != NULL)
        gtk_box_remove (GTK_BOX (box), label);

      /* Banners: every day an all-day event covers shows it (its first day
       * in the week carries the title, the others continue it). */
      chip = gtk_widget_get_first_child (box);
      if (chip == label)
        chip = gtk_widget_get_next_sibling (chip);
      for (guint j = 0; self->data && j < self->data->occs->len; j++)
        {
          const RkOcc *occ = &g_array_index (self->data->occs, RkOcc, j);
          RkDay a, b;

          if (occ->status == RK_OCC_SKIPPED || !occ_in_band (occ))
            continue;
          a = rk_minute_day (occ->start);
          b = rk_occ_last_day (occ);
          if (day < a || day > b)
            continue;
          if (chip == NULL)
            {
              chip = rk_event_chip_new ();
              gtk_box_append (GTK_BOX (box), chip);
            }
          rk_event_chip_bind (RK_EVENT_CHIP (chip), self->data, occ);
          rk_gui_set_class (chip, "continued", day != a && day != self->first);
          chip = gtk_widget_get_next_sibling (chip);
        }
      for (; chip; chip = next)
        {
          next = gtk_widget_get_next_sibling (chip);
          gtk_box_remove (GTK_BOX (box), chip);
        }
    }
}

static void
fill_header (RkWeekView *self)
{
  gboolean japanese = rk_locale_is_japanese ();

  for (guint i = 0; i < N_DAYS; i++)
    {
      RkDay day = self->first + i;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *weekday = NULL;
      g_autofree char *text = NULL;
      g_autofree char *a11y = NULL;
      const RkHoliday *holiday;
      int y, m, d, wd = rk_day_weekday (day);
      GtkWidget *button = self->day_buttons[i];
      g_autoptr(GString) closed = g_string_new (NULL);

      rk_day_to_ymd (day, &y, &m, &d);
      /* A date's weekday needs no time zone (the local one is looked up
       * again at each call). */
      dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
      weekday = g_date_time_format (dt, "%a");
      text = japanese ? g_strdup_printf ("%d（%s）", d, weekday)
                      : g_strdup_printf ("%s %d", weekday, d);
      gtk_button_set_label (GTK_BUTTON (button), text);
      holiday = rk_holiday_lookup (y, m, d);
      gtk_label_set_text (GTK_LABEL (self->holiday_labels[i]),
                          holiday ? (japanese ? holiday->name_ja : holiday->name_en) : "");
      rk_gui_set_class (button, "sunday", wd == 7);
      rk_gui_set_class (button, "saturday", wd == 6);
      rk_gui_set_class (button, "holiday", holiday != NULL);
      rk_gui_set_class (button, "today", self->data && day == self->data->today);

      a11y = rk_day_accessible_text (self->data, day);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y, -1);
      if (self->data)
        rk_month_data_closed_text (self->data, day, closed);
      rk_tooltip_set_lazy (button, closed->str);
    }
}

void
rk_week_view_set_data (RkWeekView  *self,
                       RkMonthData *data,
                       RkDay        first)
{
  g_return_if_fail (RK_IS_WEEK_VIEW (self));

  if (data)
    rk_month_data_ref (data);
  g_clear_pointer (&self->data, rk_month_data_unref);
  self->data = data;
  if (self->selected < first || self->selected >= first + N_DAYS)
    self->selected = (data && data->today >= first && data->today < first + N_DAYS)
                     ? data->today : first;
  self->first = first;
  fill_header (self);
  fill_allday (self);
  rk_time_grid_set_data (RK_TIME_GRID (self->grid), data, first, N_DAYS);
}

RkDay
rk_week_view_get_first (RkWeekView *self)
{
  g_return_val_if_fail (RK_IS_WEEK_VIEW (self), 0);
  return self->first;
}

RkDay
rk_week_view_get_selected_day (RkWeekView *self)
{
  g_return_val_if_fail (RK_IS_WEEK_VIEW (self), 0);
  return self->selected;
}

void
rk_week_view_select_day (RkWeekView *self,
                         RkDay       day)
{
  g_return_if_fail (RK_IS_WEEK_VIEW (self));

  self->selected = day;
  if (day >= self->first && day < self->first + N_DAYS)
    gtk_widget_grab_focus (self->day_buttons[day - self->first]);
}

void
rk_week_view_scroll_to_hour (RkWeekView *self,
                             int         hour)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

  gtk_adjustment_set_value (adj, hour * rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid)));
}

GtkWidget *
rk_week_view_find_block (RkWeekView *self,
                         gint64      event_id,
                         RkDay       orig_date)
{
  g_return_val_if_fail (RK_IS_WEEK_VIEW (self), NULL);
  return rk_time_grid_find_block (RK_TIME_GRID (self->grid), event_id, orig_date);
}

GtkWidget *
rk_week_view_get_grid (RkWeekView *self)
{
  return self->grid;
}

GtkWidget *
rk_week_view_get_allday_box (RkWeekView *self,
                             guint       index)
{
  g_return_val_if_fail (index < N_DAYS, NULL);
  return self->allday_boxes[index];
}

double
rk_week_view_get_hour_height (RkWeekView *self)
{
  return rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid));
}

/* The scroll the view makes itself (07:00 at the top, the same hour kept
 * when the hours are fitted again) is not the person's: with the overlay
 * indicator off meanwhile, GTK does not fade the scrollbar in (and out
 * three seconds later) at 60 frames a second, frames the next week's step
 * waited its turn behind. The grid's new height goes to the adjustment at
 * once, so that the value is not clamped to the old height (and set again
 * in on_upper, indicator and all) when the viewport is laid out. */
static void
scroll_quietly (RkWeekView    *self,
                GtkAdjustment *adj,
                double         value)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);
  gboolean overlay = gtk_scrolled_window_get_overlay_scrolling (scroller);
  double upper = ceil (24 * rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid)));

  gtk_scrolled_window_set_overlay_scrolling (scroller, FALSE);
  gtk_adjustment_configure (adj, value, gtk_adjustment_get_lower (adj),
                            MAX (upper, gtk_adjustment_get_upper (adj)),
                            gtk_adjustment_get_step_increment (adj),
                            gtk_adjustment_get_page_increment (adj),
                            gtk_adjustment_get_page_size (adj));
  gtk_scrolled_window_set_overlay_scrolling (scroller, overlay);
}

/* 07:00–21:00 fills the height the grid is given; earlier and later hours
 * are a scroll away. The page size is known during the scroller's
 * allocation, when the grid must not be resized: it is fitted just after. */
static gboolean
fit_idle (gpointer user_data)
{
  RkWeekView *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double page = gtk_adjustment_get_page_size (adj);

  double hh = rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid));

  self->fit_id = 0;
  if (page <= 0)
    return G_SOURCE_REMOVE;
  /* The same hour stays at the top when the window (or the panel beside)
   * changes the height: the old scroll offset in pixels, kept as it was
   * when the hours grew or shrank, hid 07:00 after the start. */
  self->top_hour = self->scrolled_once ? gtk_adjustment_get_value (adj) / hh : 7;
  self->scrolled_once = TRUE;
  rk_time_grid_fit_hours (RK_TIME_GRID (self->grid), page, 14);
  self->refitted = rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid)) != hh;
  scroll_quietly (self, adj, self->top_hour * rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid)));
  return G_SOURCE_REMOVE;
}

static void
on_upper (GtkAdjustment *adj,
          GParamSpec    *pspec,
          RkWeekView    *self)
{
  if (!self->refitted)
    return;
  self->refitted = FALSE;
  gtk_adjustment_set_value (adj, self->top_hour * rk_time_grid_get_hour_height (RK_TIME_GRID (self->grid)));
}

static void
on_page_size (GtkAdjustment *adj,
              GParamSpec    *pspec,
              RkWeekView    *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, fit_idle, self, NULL);
}

static gboolean
now_tick (gpointer user_data)
{
  RkWeekView *self = user_data;

  gtk_widget_queue_draw (self->grid);
  return G_SOURCE_CONTINUE;
}

/* Arrows walk the days; Enter on a day heading opens that day. */
static gboolean
move_day_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  RkWeekView *self = RK_WEEK_VIEW (widget);
  int delta = g_variant_get_int32 (args);
  RkDay day = self->selected + delta;

  if (day < self->first || day >= self->first + N_DAYS)
    {
      /* Past the week's edge: the window turns the page. */
      gtk_widget_activate_action (widget, delta < 0 ? "win.prev-month" : "win.next-month", NULL);
      self->selected = day;
      return TRUE;
    }
  rk_week_view_select_day (self, day);
  return TRUE;
}

static void
rk_week_view_dispose (GObject *object)
{
  RkWeekView *self = RK_WEEK_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->now_timer, g_source_remove);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_DAYS; i++)
    g_clear_object (&self->closed_labels[i]);
  g_clear_pointer (&self->data, rk_month_data_unref);
  G_OBJECT_CLASS (rk_week_view_parent_class)->dispose (object);
}

static void
rk_week_view_class_init (RkWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_week_view_dispose;

  /**
   * RkWeekView::day-activated:
   * @day: the Julian day of the heading clicked
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "weekview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, move_day_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, move_day_cb, "i", 1);
}

static GtkWidget *
gutter (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_size_request (box, RK_TIME_GRID_GUTTER, -1);
  return box;
}

static void
rk_week_view_init (RkWeekView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *header_days, *allday_days;
  GtkAdjustment *vadj;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)),
                                  GTK_ORIENTATION_VERTICAL);

  /* Heading and band: the grid's gutter, then seven equal columns that
   * line up with the time grid's. */
  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->header, "week-header");
  gtk_box_append (GTK_BOX (self->header), gutter ());
  header_days = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (header_days), TRUE);
  gtk_widget_set_hexpand (header_days, TRUE);
  gtk_box_append (GTK_BOX (self->header), header_days);

  self->allday = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->allday, "week-allday");
  self->allday_label = gtk_label_new (_("All day"));
  gtk_widget_set_size_request (self->allday_label, RK_TIME_GRID_GUTTER, -1);
  gtk_label_set_wrap (GTK_LABEL (self->allday_label), TRUE);
  gtk_widget_set_valign (self->allday_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->allday_label, "dim-label");
  gtk_widget_add_css_class (self->allday_label, "caption");
  gtk_box_append (GTK_BOX (self->allday), self->allday_label);
  allday_days = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (allday_days), TRUE);
  gtk_widget_set_hexpand (allday_days, TRUE);
  gtk_box_append (GTK_BOX (self->allday), allday_days);

  for (guint i = 0; i < N_DAYS; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      self->day_buttons[i] = gtk_button_new ();
      g_object_set_data (G_OBJECT (self->day_buttons[i]), "rk-index", GUINT_TO_POINTER (i));
      gtk_widget_add_css_class (self->day_buttons[i], "flat");
      gtk_widget_add_css_class (self->day_buttons[i], "week-day");
      gtk_widget_set_hexpand (self->day_buttons[i], TRUE);
      g_signal_connect (self->day_buttons[i], "clicked", G_CALLBACK (on_day_clicked), self);
      g_signal_connect (focus, "enter", G_CALLBACK (on_day_focus), self);
      gtk_widget_add_controller (self->day_buttons[i], focus);
      gtk_grid_attach (GTK_GRID (header_days), self->day_buttons[i], i, 0, 1, 1);

      self->holiday_labels[i] = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (self->holiday_labels[i]), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (self->holiday_labels[i]), 2);
      gtk_widget_add_css_class (self->holiday_labels[i], "holiday-name");
      gtk_grid_attach (GTK_GRID (header_days), self->holiday_labels[i], i, 1, 1, 1);

      self->allday_boxes[i] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_hexpand (self->allday_boxes[i], TRUE);
      gtk_widget_set_size_request (self->allday_boxes[i], 1, -1);
      gtk_widget_add_css_class (self->allday_boxes[i], "week-allday-day");
      gtk_grid_attach (GTK_GRID (allday_days), self->allday_boxes[i], i, 0, 1, 1);

      self->closed_labels[i] = g_object_ref_sink (gtk_label_new (NULL));
      gtk_label_set_single_line_mode (GTK_LABEL (self->closed_labels[i]), TRUE);
      gtk_label_set_xalign (GTK_LABEL (self->closed_labels[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (self->closed_labels[i]), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (self->closed_labels[i]), 2);
      gtk_widget_add_css_class (self->closed_labels[i], "closed-mark");
    }

  self->grid = rk_time_grid_new ();
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->grid);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  g_signal_connect (vadj, "notify::page-size", G_CALLBACK (on_page_size), self);
  g_signal_connect (vadj, "notify::upper", G_CALLBACK (on_upper), self);
  /* The grid draws only the hours in view. */
  g_signal_connect_object (vadj, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self->grid,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_parent (self->header, widget);
  gtk_widget_set_parent (self->allday, widget);
  gtk_widget_set_parent (self->scroller, widget);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Week"), -1);
  self->now_timer = g_timeout_add_seconds (60, now_tick, self);
}

GtkWidget *
rk_week_view_new (void)
{
  return g_object_new (RK_TYPE_WEEK_VIEW, NULL);
}
