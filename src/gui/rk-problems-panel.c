#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-problem.h"
#include "rk-problems-panel.h"

struct _RkProblemsPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *count_label;
  GtkWidget  *stack;
  GtkWidget  *list_view;

  GListStore *store;
};

G_DEFINE_FINAL_TYPE (RkProblemsPanel, rk_problems_panel, GTK_TYPE_WIDGET)

const char *
rk_problem_kind_label (const char *kind)
{
  static const struct
  {
    const char *kind;
    const char *label;
  } labels[] = {
    { "staff_double_booked", N_("Staff double-booked") },
    { "staff_unavailable", N_("Staff unavailable") },
    { "room_double_booked", N_("Room double-booked") },
    { "equipment_double_booked", N_("Equipment double-booked") },
    { "understaffed", N_("Understaffed") },
    { "over_capacity", N_("Over capacity") },
    { "on_holiday", N_("On a holiday") },
    { "hub_closed", N_("Venue closed") },
    { "unconfirmed", N_("Not confirmed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);
  return kind;
}

static const char *
kind_icon (const char *kind)
{
  if (g_str_has_prefix (kind, "staff") || g_strcmp0 (kind, "understaffed") == 0)
    return "system-users-symbolic";
  if (g_str_has_prefix (kind, "room") || g_strcmp0 (kind, "over_capacity") == 0)
    return "go-home-symbolic";
  if (g_strcmp0 (kind, "on_holiday") == 0 || g_strcmp0 (kind, "hub_closed") == 0)
    return "x-office-calendar-symbolic";
  return "dialog-warning-symbolic";
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "problem-icon");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 20);
  gtk_widget_add_css_class (message, "problem-message");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  RkProblem *problem = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *message = gtk_widget_get_next_sibling (title);
  g_autofree char *heading = NULL;
  g_autofree char *day = NULL;
  RkDay date;

  if (rk_date_parse (rk_problem_get_date (problem), &date))
    day = rk_day_title (date);
  heading = g_strdup_printf ("%s · %s", day ? day : rk_problem_get_date (problem),
                             rk_problem_kind_label (rk_problem_get_kind (problem)));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind_icon (rk_problem_get_kind (problem)));
  gtk_label_set_text (GTK_LABEL (title), heading);
  gtk_label_set_text (GTK_LABEL (message), rk_problem_get_message (problem));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  rk_problem_get_message (problem), -1);
}

static void
on_activate (GtkListView     *view,
             guint            position,
             RkProblemsPanel *self)
{
  g_autoptr(RkProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  const GArray *ids;
  RkDay date;

  if (problem == NULL)
    return;
  ids = rk_problem_get_event_ids (problem);
  if (ids == NULL || ids->len == 0 || !rk_date_parse (rk_problem_get_date (problem), &date))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)",
                              g_array_index (ids, gint64, 0), (guint32) date);
}

static void
rk_problems_panel_dispose (GObject *object)
{
  RkProblemsPanel *self = RK_PROBLEMS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_PROBLEMS_PANEL);
  /* The template's top box is not bound to a field: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_problems_panel_parent_class)->dispose (object);
}

static void
rk_problems_panel_class_init (RkProblemsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_problems_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-problems-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RkProblemsPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, RkProblemsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RkProblemsPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problemspanel");
}

static void
rk_problems_panel_init (RkProblemsPanel *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (RK_TYPE_PROBLEM);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store))));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), selection);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  g_object_unref (selection);
  g_object_unref (factory);
}

GtkWidget *
rk_problems_panel_new (void)
{
  return g_object_new (RK_TYPE_PROBLEMS_PANEL, NULL);
}

void
rk_problems_panel_set_data (RkProblemsPanel *self,
                            RkMonthData     *data)
{
  g_autoptr(GPtrArray) month = g_ptr_array_new ();
  g_autofree char *count = NULL;

  g_return_if_fail (RK_IS_PROBLEMS_PANEL (self));

  for (guint i = 0; i < data->problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (data->problems, i);
      RkDay day;

      if (rk_date_parse (rk_problem_get_date (p), &day) && day >= data->first &&
          day <= data->last)
        g_ptr_array_add (month, p);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       month->pdata, month->len);
  count = g_strdup_printf ("%u", month->len);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);
  gtk_widget_set_visible (self->count_label, month->len > 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), month->len ? "list" : "empty");
}

GListModel *
rk_problems_panel_get_model (RkProblemsPanel *self)
{
  g_return_val_if_fail (RK_IS_PROBLEMS_PANEL (self), NULL);
  return G_LIST_MODEL (self->store);
}
