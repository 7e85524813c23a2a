#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-annual-view.h"
#include "rk-attendance-week.h"
#include "rk-results-page.h"

struct _RkResultsPage
{
  GtkBox     parent_instance;

  GtkWidget *stack;
  GtkWidget *week;
  GtkWidget *report;
};

G_DEFINE_FINAL_TYPE (RkResultsPage, rk_results_page, GTK_TYPE_BOX)

void
rk_results_page_show (RkResultsPage *self,
                      const char    *name)
{
  g_return_if_fail (RK_IS_RESULTS_PAGE (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

GtkWidget *
rk_results_page_get_week (RkResultsPage *self)
{
  g_return_val_if_fail (RK_IS_RESULTS_PAGE (self), NULL);
  return self->week;
}

GtkWidget *
rk_results_page_get_report (RkResultsPage *self)
{
  g_return_val_if_fail (RK_IS_RESULTS_PAGE (self), NULL);
  return self->report;
}

static void
rk_results_page_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  RkResultsPage *self = RK_RESULTS_PAGE (object);
  RkContext *context = g_value_get_object (value);

  self->week = g_object_new (RK_TYPE_ATTENDANCE_WEEK, "context", context, NULL);
  self->report = g_object_new (RK_TYPE_ANNUAL_VIEW, "context", context, NULL);
  gtk_stack_add_titled (GTK_STACK (self->stack), self->week, "week", _("Week’s Attendance"));
  gtk_stack_add_titled (GTK_STACK (self->stack), self->report, "report",
                        C_("the fiscal year's report to the municipality", "Results Report"));
}

static void
rk_results_page_class_init (RkResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = rk_results_page_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());
}

static void
rk_results_page_init (RkResultsPage *self)
{
  GtkWidget *switcher = gtk_stack_switcher_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self), switcher);
  gtk_box_append (GTK_BOX (self), self->stack);
}
