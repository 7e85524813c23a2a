#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-editor-problems-section.h"
#include "rk-problem.h"

struct _RkEditorProblemsSection
{
  RkEditorSection parent_instance;

  /* template */
  GtkWidget *problems_box;

  guint      n_problems;
};

G_DEFINE_FINAL_TYPE (RkEditorProblemsSection, rk_editor_problems_section, RK_TYPE_EDITOR_SECTION)

static void
clear (RkEditorProblemsSection *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->problems_box)))
    gtk_box_remove (GTK_BOX (self->problems_box), child);
  self->n_problems = 0;
}

void
rk_editor_problems_section_set_message (RkEditorProblemsSection *self,
                                        const char              *message)
{
  GtkWidget *label;

  g_return_if_fail (RK_IS_EDITOR_PROBLEMS_SECTION (self));

  clear (self);
  label = gtk_label_new (message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (self->problems_box), label);
}

void
rk_editor_problems_section_set_problems (RkEditorProblemsSection *self,
                                         GPtrArray               *problems)
{
  g_return_if_fail (RK_IS_EDITOR_PROBLEMS_SECTION (self));

  clear (self);
  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (rk_problem_get_message (p));

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_add_css_class (icon, "warning");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_widget_add_css_class (row, "editor-problem");
      gtk_box_append (GTK_BOX (self->problems_box), row);
    }
  self->n_problems = problems->len;
  if (problems->len == 0)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      gtk_box_append (GTK_BOX (row), gtk_label_new (_("No problems")));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_box_append (GTK_BOX (self->problems_box), row);
    }
}

guint
rk_editor_problems_section_get_n_problems (RkEditorProblemsSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_PROBLEMS_SECTION (self), 0);
  return self->n_problems;
}

GtkWidget *
rk_editor_problems_section_get_box (RkEditorProblemsSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_PROBLEMS_SECTION (self), NULL);
  return self->problems_box;
}

static void
rk_editor_problems_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RK_TYPE_EDITOR_PROBLEMS_SECTION);
  G_OBJECT_CLASS (rk_editor_problems_section_parent_class)->dispose (object);
}

static void
rk_editor_problems_section_class_init (RkEditorProblemsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_editor_problems_section_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renkei/Renkei/rk-editor-problems-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RkEditorProblemsSection, problems_box);
}

static void
rk_editor_problems_section_init (RkEditorProblemsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
