#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-day-cell.h"
#include "rk-gui-util.h"
#include "rk-month-view.h"

struct _RkMonthView
{
  GtkWidget  parent_instance;

  GtkWidget *header_grid;
  GtkWidget *grid;
  GtkWidget *weekday_labels[7];
  GtkWidget *cells[RK_GRID_DAYS];
  int        week_start;
  guint      accessible_id;   /* idle describing the rest of the days */
};

G_DEFINE_FINAL_TYPE (RkMonthView, rk_month_view, GTK_TYPE_WIDGET)

static void
set_weekdays (RkMonthView *self, int week_start)
{
  /* 2026-11-01 is a Sunday: day 1..7 of that week give the locale's
   * weekday names (日 月 火 … in Japanese). */
  for (int i = 0; i < 7; i++)
    {
      int weekday = (week_start - 1 + i) % 7 + 1;     /* 1 Monday .. 7 Sunday */
      g_autoptr(GDateTime) dt = g_date_time_new_local (2026, 11, 1 + weekday % 7, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%a");
      GtkWidget *label = self->weekday_labels[i];

      gtk_label_set_text (GTK_LABEL (label), name);
      gtk_widget_remove_css_class (label, "sunday");
      gtk_widget_remove_css_class (label, "saturday");
      if (weekday == 7)
        gtk_widget_add_css_class (label, "sunday");
      else if (weekday == 6)
        gtk_widget_add_css_class (label, "saturday");
    }
  self->week_start = week_start;
}

/* The arrows move the keyboard focus from day to day (and Home/End to the
 * week's ends), from a day or from an event in it. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  RkMonthView *self = RK_MONTH_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  const char *where = g_variant_get_string (param, NULL);
  int i = -1, to;

  for (int k = 0; focus && k < RK_GRID_DAYS; k++)
    if (self->cells[k] == focus || gtk_widget_is_ancestor (focus, self->cells[k]))
      i = k;
  if (i < 0)
    return;
  if (g_str_equal (where, "left"))
    to = i - 1;
  else if (g_str_equal (where, "right"))
    to = i + 1;
  else if (g_str_equal (where, "up"))
    to = i - 7;
  else if (g_str_equal (where, "down"))
    to = i + 7;
  else if (g_str_equal (where, "home"))
    to = i - i % 7;
  else
    to = i - i % 7 + 6;
  if (to >= 0 && to < RK_GRID_DAYS)
    gtk_widget_grab_focus (self->cells[to]);
}

/* What a screen reader says for each day and event is made after the
 * frame that shows the month, in main-loop steps of about
 * RK_GUI_STEP_US: a month's ~1,500 events described in one step was
 * one of the longest of a month switch (~33 M instructions). A day asked
 * for its text before is described then (rk_day_cell_get_accessible_text);
 * a month bound again stops the steps, and its frame starts them anew. */
static gboolean
update_accessible_step (gpointer user_data)
{
  RkMonthView *self = user_data;
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < RK_GRID_DAYS; i++)
    {
      /* Days described already return at once. */
      if (rk_day_cell_get_accessible_ready (RK_DAY_CELL (self->cells[i])))
        continue;
      if (g_get_monotonic_time () - start >= RK_GUI_STEP_US)
        return G_SOURCE_CONTINUE;
      rk_day_cell_update_accessible (RK_DAY_CELL (self->cells[i]));
    }
  self->accessible_id = 0;
  return G_SOURCE_REMOVE;
}

static void
update_accessible (GtkWidget *widget)
{
  RkMonthView *self = RK_MONTH_VIEW (widget);

  rk_gui_run_in_steps (&self->accessible_id, update_accessible_step, self);
}

static void
rk_month_view_dispose (GObject *object)
{
  RkMonthView *self = RK_MONTH_VIEW (object);

  rk_gui_after_frame_cancel (GTK_WIDGET (self));
  g_clear_handle_id (&self->accessible_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_MONTH_VIEW);
  /* The template's top box is not bound to a field: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (rk_month_view_parent_class)->dispose (object);
}

static void
rk_month_view_class_init (RkMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_month_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-month-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RkMonthView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, RkMonthView, grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monthview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);

  gtk_widget_class_install_action (widget_class, "month.move-focus", "s", move_focus_action);
  {
    static const struct { guint key, kp; const char *where; } keys[] = {
      { GDK_KEY_Left, GDK_KEY_KP_Left, "left" },
      { GDK_KEY_Right, GDK_KEY_KP_Right, "right" },
      { GDK_KEY_Up, GDK_KEY_KP_Up, "up" },
      { GDK_KEY_Down, GDK_KEY_KP_Down, "down" },
      { GDK_KEY_Home, GDK_KEY_KP_Home, "home" },
      { GDK_KEY_End, GDK_KEY_KP_End, "end" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        gtk_widget_class_add_binding_action (widget_class, keys[k].key, 0, "month.move-focus",
                                             "s", keys[k].where);
        gtk_widget_class_add_binding_action (widget_class, keys[k].kp, 0, "month.move-focus",
                                             "s", keys[k].where);
      }
  }
}

static void
rk_month_view_init (RkMonthView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < 7; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "weekday-header");
      gtk_grid_attach (GTK_GRID (self->header_grid), label, i, 0, 1, 1);
      self->weekday_labels[i] = label;
    }
  for (int i = 0; i < RK_GRID_DAYS; i++)
    {
      GtkWidget *cell = rk_day_cell_new ();

      gtk_grid_attach (GTK_GRID (self->grid), cell, i % 7, i / 7, 1, 1);
      self->cells[i] = cell;
    }
  set_weekdays (self, 7);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month calendar"), -1);
}

GtkWidget *
rk_month_view_new (void)
{
  return g_object_new (RK_TYPE_MONTH_VIEW, NULL);
}

void
rk_month_view_set_data (RkMonthView *self,
                        RkMonthData *data)
{
  g_return_if_fail (RK_IS_MONTH_VIEW (self));

  /* The days are bound again: the last month's description stops. */
  g_clear_handle_id (&self->accessible_id, g_source_remove);
  if (data->week_start != self->week_start)
    set_weekdays (self, data->week_start);
  for (int i = 0; i < RK_GRID_DAYS; i++)
    rk_day_cell_bind (RK_DAY_CELL (self->cells[i]), data, data->grid_first + i);
  /* What a screen reader says for each day and event is made once the
   * frame that shows the month is painted: describing a month's few
   * thousand events was a third of binding it, before the frame. */
  rk_gui_after_frame (GTK_WIDGET (self), update_accessible);
}

GtkWidget *
rk_month_view_get_cell (RkMonthView *self,
                        guint        index)
{
  g_return_val_if_fail (RK_IS_MONTH_VIEW (self), NULL);
  g_return_val_if_fail (index < RK_GRID_DAYS, NULL);
  return self->cells[index];
}
