#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-editor-place-section.h"
#include "rk-gui-util.h"

struct _RkEditorPlaceSection
{
  RkEditorSection parent_instance;

  /* template */
  GtkWidget *room_dropdown;
  GtkWidget *capacity_spin;
  GtkWidget *equipment_button;
  GtkWidget *equipment_box;

  GArray    *room_ids;          /* gint64; index 0 = none */
  GArray    *equipment_ids;     /* parallel to equipment_checks */
  GPtrArray *equipment_checks;
};

G_DEFINE_FINAL_TYPE (RkEditorPlaceSection, rk_editor_place_section, RK_TYPE_EDITOR_SECTION)

static void
on_field_changed (RkEditorPlaceSection *self)
{
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

static void
on_equipment_toggled (RkEditorPlaceSection *self)
{
  RkSchedule *ref = rk_editor_section_get_reference (RK_EDITOR_SECTION (self));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->equipment_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->equipment_checks, i);
      RkSEquipment *e = ref ? rk_schedule_equipment (ref,
                                                     g_array_index (self->equipment_ids, gint64, i))
                            : NULL;

      if (!gtk_check_button_get_active (check) || e == NULL)
        continue;
      if (text->len)
        g_string_append (text, _(", "));
      g_string_append (text, e->name);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->equipment_button),
                             text->len ? text->str : _("None"));
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

static void
rk_editor_place_section_set_reference (RkEditorSection *section,
                                       RkSchedule      *ref)
{
  RkEditorPlaceSection *self = RK_EDITOR_PLACE_SECTION (section);
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (RkEditorChoice));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (RkEditorChoice));
  GHashTableIter iter;
  gpointer value;
  GtkWidget *child;

  g_hash_table_iter_init (&iter, ref->rooms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSRoom *r = value;
      char *label = g_strdup_printf (_("%s · %s (%d people)"), r->venue ? r->venue->name : "",
                                     r->name, r->capacity);
      g_array_append_val (rooms, ((RkEditorChoice) { r->id, label }));
    }
  g_hash_table_iter_init (&iter, ref->equipment);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSEquipment *e = value;
      RkSVenue *v = rk_schedule_venue (ref, e->venue_id);
      char *label = v ? g_strdup_printf (_("%s (kept at %s)"), e->name, v->name)
                      : g_strdup (e->name);
      g_array_append_val (items, ((RkEditorChoice) { e->id, label }));
    }

  rk_editor_fill_choices (self->room_dropdown, &self->room_ids, _("No room"), rooms);

  while ((child = gtk_widget_get_first_child (self->equipment_box)))
    gtk_box_remove (GTK_BOX (self->equipment_box), child);
  g_ptr_array_set_size (self->equipment_checks, 0);
  g_array_set_size (self->equipment_ids, 0);
  rk_editor_sort_choices (items);
  for (guint i = 0; i < items->len; i++)
    {
      RkEditorChoice *c = &g_array_index (items, RkEditorChoice, i);
      GtkWidget *check = gtk_check_button_new_with_label (c->label);

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_equipment_toggled), self);
      gtk_box_append (GTK_BOX (self->equipment_box), check);
      g_ptr_array_add (self->equipment_checks, check);
      g_array_append_val (self->equipment_ids, c->id);
      g_free (c->label);
    }
  if (items->len == 0)
    gtk_box_append (GTK_BOX (self->equipment_box), gtk_label_new (_("No equipment is registered")));
}

void
rk_editor_place_section_set_room (RkEditorPlaceSection *self,
                                  gint64                room_id)
{
  g_return_if_fail (RK_IS_EDITOR_PLACE_SECTION (self));
  rk_editor_dropdown_select_id (self->room_dropdown, self->room_ids, room_id);
}

gint64
rk_editor_place_section_get_room (RkEditorPlaceSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_PLACE_SECTION (self), 0);
  return rk_editor_dropdown_id (self->room_dropdown, self->room_ids);
}

void
rk_editor_place_section_set_capacity (RkEditorPlaceSection *self,
                                      int                   capacity)
{
  g_return_if_fail (RK_IS_EDITOR_PLACE_SECTION (self));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->capacity_spin), MAX (0, capacity));
}

int
rk_editor_place_section_get_capacity (RkEditorPlaceSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_PLACE_SECTION (self), 0);
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->capacity_spin));
}

void
rk_editor_place_section_set_equipment (RkEditorPlaceSection *self,
                                       GArray               *items)
{
  RkEditorSection *section = RK_EDITOR_SECTION (self);
  gboolean was_loading = rk_editor_section_get_loading (section);

  g_return_if_fail (RK_IS_EDITOR_PLACE_SECTION (self));

  rk_editor_section_set_loading (section, TRUE);
  for (guint i = 0; i < self->equipment_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->equipment_checks, i),
                                 rk_editor_has_id (items,
                                                   g_array_index (self->equipment_ids, gint64, i)));
  on_equipment_toggled (self);
  rk_editor_section_set_loading (section, was_loading);
}

GArray *
rk_editor_place_section_get_equipment (RkEditorPlaceSection *self)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (RK_IS_EDITOR_PLACE_SECTION (self), items);
  for (guint i = 0; i < self->equipment_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->equipment_checks, i)))
      g_array_append_val (items, g_array_index (self->equipment_ids, gint64, i));
  return items;
}

GtkWidget *
rk_editor_place_section_get_field (RkEditorPlaceSection *self,
                                   const char           *name)
{
  g_return_val_if_fail (RK_IS_EDITOR_PLACE_SECTION (self), NULL);

  if (g_strcmp0 (name, "room") == 0)
    return self->room_dropdown;
  if (g_strcmp0 (name, "capacity") == 0)
    return self->capacity_spin;
  if (g_strcmp0 (name, "equipment") == 0)
    return self->equipment_button;
  return NULL;
}

static void
rk_editor_place_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RK_TYPE_EDITOR_PLACE_SECTION);
  G_OBJECT_CLASS (rk_editor_place_section_parent_class)->dispose (object);
}

static void
rk_editor_place_section_finalize (GObject *object)
{
  RkEditorPlaceSection *self = RK_EDITOR_PLACE_SECTION (object);

  g_clear_pointer (&self->room_ids, g_array_unref);
  g_array_unref (self->equipment_ids);
  g_ptr_array_unref (self->equipment_checks);
  G_OBJECT_CLASS (rk_editor_place_section_parent_class)->finalize (object);
}

static void
rk_editor_place_section_class_init (RkEditorPlaceSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RkEditorSectionClass *section_class = RK_EDITOR_SECTION_CLASS (klass);

  object_class->dispose = rk_editor_place_section_dispose;
  object_class->finalize = rk_editor_place_section_finalize;
  section_class->set_reference = rk_editor_place_section_set_reference;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renkei/Renkei/rk-editor-place-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RkEditorPlaceSection, room_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RkEditorPlaceSection, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, RkEditorPlaceSection, equipment_button);
  gtk_widget_class_bind_template_child (widget_class, RkEditorPlaceSection, equipment_box);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
}

static void
rk_editor_place_section_init (RkEditorPlaceSection *self)
{
  self->equipment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->equipment_checks = g_ptr_array_new ();
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), TRUE);
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), FALSE);
}
