#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-editor-problems-section.h"
#include "rk-problem.h"

/* What the live check says is updated in place, a row only where a text
 * changed: the answer comes after every pause in typing, and a list made
 * anew each time made GTK measure the whole editor again. The problems are
 * rows of a grid (icon, wrapping text), not of horizontal boxes: a box
 * holding a wrapping label searches for its height by measuring the label
 * at every width it tries (GTK's box layout), ~450 Pango layouts of each
 * new message; a grid measures it once for the width it gives. */
struct _RkEditorProblemsSection
{
  RkEditorSection parent_instance;

  /* template */
  GtkWidget *problems_box;

  GtkWidget *message;     /* why they can't be checked, instead of the list */
  GtkWidget *none_row;    /* "No problems" */
  GtkWidget *grid;        /* a row a problem: icon, text */
  GPtrArray *labels;      /* GtkLabel: the grid's texts, rows kept when hidden */
  guint      n_problems;
};

G_DEFINE_FINAL_TYPE (RkEditorProblemsSection, rk_editor_problems_section, RK_TYPE_EDITOR_SECTION)

/* Shows one of message, none_row and grid (the others hidden). */
static void
show_only (RkEditorProblemsSection *self,
           GtkWidget               *shown)
{
  gtk_widget_set_visible (self->message, shown == self->message);
  gtk_widget_set_visible (self->none_row, shown == self->none_row);
  gtk_widget_set_visible (self->grid, shown == self->grid);
}

/* A label is given its text only when it changed: the same text set again
 * would still make it be measured again. */
static void
set_text (GtkWidget  *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

void
rk_editor_problems_section_set_message (RkEditorProblemsSection *self,
                                        const char              *message)
{
  g_return_if_fail (RK_IS_EDITOR_PROBLEMS_SECTION (self));

  set_text (self->message, message);
  show_only (self, self->message);
  self->n_problems = 0;
}

static void
add_row (RkEditorProblemsSection *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  int row = self->labels->len;

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "warning");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (GTK_GRID (self->grid), icon, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), label, 1, row, 1, 1);
  g_ptr_array_add (self->labels, label);
}

static void
set_row_visible (RkEditorProblemsSection *self,
                 guint                    row,
                 gboolean                 visible)
{
  GtkWidget *label = g_ptr_array_index (self->labels, row);

  if (gtk_widget_get_visible (label) == visible)
    return;
  gtk_widget_set_visible (label, visible);
  gtk_widget_set_visible (gtk_grid_get_child_at (GTK_GRID (self->grid), 0, row), visible);
}

void
rk_editor_problems_section_set_problems (RkEditorProblemsSection *self,
                                         GPtrArray               *problems)
{
  g_return_if_fail (RK_IS_EDITOR_PROBLEMS_SECTION (self));

  while (self->labels->len < problems->len)
    add_row (self);
  for (guint i = 0; i < self->labels->len; i++)
    {
      if (i < problems->len)
        set_text (g_ptr_array_index (self->labels, i),
                  rk_problem_get_message (g_ptr_array_index (problems, i)));
      set_row_visible (self, i, i < problems->len);
    }
  self->n_problems = problems->len;
  show_only (self, problems->len ? self->grid : self->none_row);
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
  RkEditorProblemsSection *self = RK_EDITOR_PROBLEMS_SECTION (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, RkEditorProblemsSection, message);
  gtk_widget_class_bind_template_child (widget_class, RkEditorProblemsSection, none_row);
  gtk_widget_class_bind_template_child (widget_class, RkEditorProblemsSection, grid);
}

static void
rk_editor_problems_section_init (RkEditorProblemsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->labels = g_ptr_array_new ();
}
