#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rk-editor-section.h"

typedef struct
{
  RkSchedule *ref;
  gboolean    loading;
} RkEditorSectionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RkEditorSection, rk_editor_section, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rk_editor_section_real_set_reference (RkEditorSection *self,
                                      RkSchedule      *ref)
{
}

static void
rk_editor_section_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rk_editor_section_parent_class)->dispose (object);
}

static void
rk_editor_section_class_init (RkEditorSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_editor_section_dispose;
  klass->set_reference = rk_editor_section_real_set_reference;

  /* A field of the section was changed by the person. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rk_editor_section_init (RkEditorSection *self)
{
}

void
rk_editor_section_set_reference (RkEditorSection *self,
                                 RkSchedule      *ref)
{
  RkEditorSectionPrivate *priv = rk_editor_section_get_instance_private (self);
  gboolean was_loading = priv->loading;

  g_return_if_fail (RK_IS_EDITOR_SECTION (self));

  priv->ref = ref;
  priv->loading = TRUE;
  RK_EDITOR_SECTION_GET_CLASS (self)->set_reference (self, ref);
  priv->loading = was_loading;
}

RkSchedule *
rk_editor_section_get_reference (RkEditorSection *self)
{
  RkEditorSectionPrivate *priv = rk_editor_section_get_instance_private (self);

  g_return_val_if_fail (RK_IS_EDITOR_SECTION (self), NULL);
  return priv->ref;
}

void
rk_editor_section_changed (RkEditorSection *self)
{
  RkEditorSectionPrivate *priv = rk_editor_section_get_instance_private (self);

  if (!priv->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
rk_editor_section_set_loading (RkEditorSection *self,
                               gboolean         loading)
{
  RkEditorSectionPrivate *priv = rk_editor_section_get_instance_private (self);

  priv->loading = loading;
}

gboolean
rk_editor_section_get_loading (RkEditorSection *self)
{
  RkEditorSectionPrivate *priv = rk_editor_section_get_instance_private (self);

  return priv->loading;
}

void
rk_editor_share_labels (GtkWidget *widget, GtkSizeGroup *group)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "field-label"))
        gtk_size_group_add_widget (group, child);
      else
        rk_editor_share_labels (child, group);
    }
}

/* ---- small pieces ------------------------------------------------------- */

const char *
rk_editor_get_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

char *
rk_editor_clock_text (RkMinute t)
{
  int m = rk_minute_of_day (t);
  return g_strdup_printf ("%02d:%02d", m / 60, m % 60);
}

char *
rk_editor_end_text (RkMinute start, RkMinute end)
{
  if (rk_minute_day (end) > rk_minute_day (start) && rk_minute_of_day (end) == 0)
    return g_strdup ("24:00");
  return rk_editor_clock_text (end);
}

gboolean
rk_editor_has_id (GArray *ids, gint64 id)
{
  return rk_ids_contain (ids, id);
}

void
rk_editor_remove_id (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        return;
      }
}

typedef struct
{
  char           *key;
  RkEditorChoice  choice;
} Keyed;

static int
keyed_compare (gconstpointer a, gconstpointer b)
{
  const Keyed *x = a, *y = b;
  int by_label = strcmp (x->key, y->key);

  if (by_label != 0)
    return by_label;
  return (x->choice.id > y->choice.id) - (x->choice.id < y->choice.id);
}

/* In the locale's order. A collation key is made once per label: a
 * g_utf8_collate() per comparison made the editor's lists of a large
 * municipality (hundreds of rooms) take a frame's worth of the main thread
 * to sort, while the person was already typing. */
void
rk_editor_sort_choices (GArray *choices)
{
  g_autofree Keyed *keyed = g_new (Keyed, MAX (choices->len, 1));

  for (guint i = 0; i < choices->len; i++)
    {
      keyed[i].choice = g_array_index (choices, RkEditorChoice, i);
      keyed[i].key = g_utf8_collate_key (keyed[i].choice.label, -1);
    }
  qsort (keyed, choices->len, sizeof (Keyed), keyed_compare);
  for (guint i = 0; i < choices->len; i++)
    {
      g_array_index (choices, RkEditorChoice, i) = keyed[i].choice;
      g_free (keyed[i].key);
    }
}

/* GTK 4.8's list view makes a row for each item of its model (up to 200)
 * as soon as it is given one, shown or not: a drop-down's popup would make
 * 178 rows for the benchmark municipality's rooms when the editor's lists
 * arrive. Until the popup first opens its rows are empty (no widgets but
 * their own); then they are the drop-down's usual ones. */
static void
on_popup_show (GtkWidget   *popup,
               GtkDropDown *dropdown)
{
  g_signal_handlers_disconnect_by_func (popup, on_popup_show, dropdown);
  gtk_drop_down_set_list_factory (dropdown, NULL);
}

static void
defer_popup_rows (GtkWidget *dropdown)
{
  g_autoptr(GtkListItemFactory) empty = NULL;

  if (g_object_get_data (G_OBJECT (dropdown), "rk-popup-rows-deferred"))
    return;
  g_object_set_data (G_OBJECT (dropdown), "rk-popup-rows-deferred", GINT_TO_POINTER (TRUE));
  for (GtkWidget *child = gtk_widget_get_first_child (dropdown); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      {
        empty = gtk_signal_list_item_factory_new ();
        gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), empty);
        g_signal_connect_object (child, "show", G_CALLBACK (on_popup_show), dropdown, 0);
        return;
      }
}

void
rk_editor_fill_choices (GtkWidget *dropdown, GArray **ids, const char *none, GArray *choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_clear_pointer (ids, g_array_unref);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  rk_editor_sort_choices (choices);
  gtk_string_list_append (list, none);
  g_array_append_val (*ids, (gint64) { 0 });
  for (guint i = 0; i < choices->len; i++)
    {
      RkEditorChoice *c = &g_array_index (choices, RkEditorChoice, i);

      gtk_string_list_append (list, c->label);
      g_array_append_val (*ids, c->id);
      g_clear_pointer (&c->label, g_free);
    }
  defer_popup_rows (dropdown);
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (list));
}

gint64
rk_editor_dropdown_id (GtkWidget *dropdown, GArray *ids)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (ids == NULL || pos == GTK_INVALID_LIST_POSITION || pos >= ids->len)
    return 0;
  return g_array_index (ids, gint64, pos);
}

void
rk_editor_dropdown_select_id (GtkWidget *dropdown, GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
}
