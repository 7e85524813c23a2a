#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-editor-place-section.h"
#include "rk-gui-util.h"

/* How many equipment check buttons are made in one idle step: the
 * benchmark municipality has 112 items, and making them all when the
 * worker's lists arrive held the main loop while someone typed. */
#define CHECKS_PER_STEP 16

struct _RkEditorPlaceSection
{
  RkEditorSection parent_instance;

  /* template */
  GtkWidget *room_dropdown;
  GtkWidget *capacity_spin;
  GtkWidget *equipment_button;
  GtkWidget *equipment_box;

  GArray    *room_ids;          /* gint64; index 0 = none */
  /* The equipment that can be chosen (ids and labels, in the order shown)
   * and what is chosen: the check buttons follow, made a few at a time
   * after the lists arrive (all at once when the popover opens first). */
  GArray    *equipment_ids;
  GPtrArray *equipment_labels;
  GArray    *equipment_chosen;  /* gint64, a subset of equipment_ids */
  GPtrArray *equipment_checks;  /* the first checks->len of equipment_ids */
  guint      checks_idle;
  gboolean   syncing;           /* the checks being set from equipment_chosen */
};

G_DEFINE_FINAL_TYPE (RkEditorPlaceSection, rk_editor_place_section, RK_TYPE_EDITOR_SECTION)

static void
on_field_changed (RkEditorPlaceSection *self)
{
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

/* The button's label: the names of what is chosen, in the list's order. */
static void
update_equipment_label (RkEditorPlaceSection *self)
{
  RkSchedule *ref = rk_editor_section_get_reference (RK_EDITOR_SECTION (self));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->equipment_ids->len; i++)
    {
      gint64 id = g_array_index (self->equipment_ids, gint64, i);
      RkSEquipment *e = ref ? rk_schedule_equipment (ref, id) : NULL;

      if (!rk_editor_has_id (self->equipment_chosen, id) || e == NULL)
        continue;
      if (text->len)
        g_string_append (text, _(", "));
      g_string_append (text, e->name);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->equipment_button),
                             text->len ? text->str : _("None"));
}

static void
on_equipment_toggled (GtkCheckButton       *check,
                      RkEditorPlaceSection *self)
{
  guint index;
  gint64 id;

  if (self->syncing || !g_ptr_array_find (self->equipment_checks, check, &index))
    return;
  id = g_array_index (self->equipment_ids, gint64, index);
  for (guint i = 0; i < self->equipment_chosen->len; i++)
    if (g_array_index (self->equipment_chosen, gint64, i) == id)
      g_array_remove_index (self->equipment_chosen, i--);
  if (gtk_check_button_get_active (check))
    g_array_append_val (self->equipment_chosen, id);
  update_equipment_label (self);
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

/* Makes the next n check buttons (as many as are left for G_MAXUINT). */
static void
add_checks (RkEditorPlaceSection *self, guint n)
{
  while (n-- > 0 && self->equipment_checks->len < self->equipment_ids->len)
    {
      guint i = self->equipment_checks->len;
      GtkWidget *check = gtk_check_button_new_with_label (g_ptr_array_index (self->equipment_labels,
                                                                             i));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   rk_editor_has_id (self->equipment_chosen,
                                                     g_array_index (self->equipment_ids, gint64,
                                                                    i)));
      g_signal_connect (check, "toggled", G_CALLBACK (on_equipment_toggled), self);
      gtk_box_append (GTK_BOX (self->equipment_box), check);
      g_ptr_array_add (self->equipment_checks, check);
    }
}

static gboolean
add_checks_idle (gpointer user_data)
{
  RkEditorPlaceSection *self = user_data;

  add_checks (self, CHECKS_PER_STEP);
  if (self->equipment_checks->len < self->equipment_ids->len)
    return G_SOURCE_CONTINUE;
  self->checks_idle = 0;
  return G_SOURCE_REMOVE;
}

/* The popover opened before every check was made: the rest now. */
static void
on_equipment_popover_show (RkEditorPlaceSection *self)
{
  add_checks (self, G_MAXUINT);
  g_clear_handle_id (&self->checks_idle, g_source_remove);
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

  /* New lists: nothing chosen, as new check buttons would show. */
  g_clear_handle_id (&self->checks_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (self->equipment_box)))
    gtk_box_remove (GTK_BOX (self->equipment_box), child);
  g_ptr_array_set_size (self->equipment_checks, 0);
  g_array_set_size (self->equipment_ids, 0);
  g_ptr_array_set_size (self->equipment_labels, 0);
  g_array_set_size (self->equipment_chosen, 0);
  rk_editor_sort_choices (items);
  for (guint i = 0; i < items->len; i++)
    {
      RkEditorChoice *c = &g_array_index (items, RkEditorChoice, i);

      g_array_append_val (self->equipment_ids, c->id);
      g_ptr_array_add (self->equipment_labels, g_steal_pointer (&c->label));
    }
  if (items->len == 0)
    gtk_box_append (GTK_BOX (self->equipment_box), gtk_label_new (_("No equipment is registered")));
  else
    self->checks_idle = g_idle_add (add_checks_idle, self);
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
  g_return_if_fail (RK_IS_EDITOR_PLACE_SECTION (self));

  /* What the list holds of them (as many checks as it holds). */
  g_array_set_size (self->equipment_chosen, 0);
  for (guint i = 0; i < self->equipment_ids->len; i++)
    if (rk_editor_has_id (items, g_array_index (self->equipment_ids, gint64, i)))
      g_array_append_val (self->equipment_chosen, g_array_index (self->equipment_ids, gint64, i));
  self->syncing = TRUE;
  for (guint i = 0; i < self->equipment_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->equipment_checks, i),
                                 rk_editor_has_id (self->equipment_chosen,
                                                   g_array_index (self->equipment_ids, gint64, i)));
  self->syncing = FALSE;
  update_equipment_label (self);
}

/* In the list's order. */
GArray *
rk_editor_place_section_get_equipment (RkEditorPlaceSection *self)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (RK_IS_EDITOR_PLACE_SECTION (self), items);
  for (guint i = 0; i < self->equipment_ids->len; i++)
    if (rk_editor_has_id (self->equipment_chosen, g_array_index (self->equipment_ids, gint64, i)))
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
  RkEditorPlaceSection *self = RK_EDITOR_PLACE_SECTION (object);

  g_clear_handle_id (&self->checks_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), RK_TYPE_EDITOR_PLACE_SECTION);
  G_OBJECT_CLASS (rk_editor_place_section_parent_class)->dispose (object);
}

static void
rk_editor_place_section_finalize (GObject *object)
{
  RkEditorPlaceSection *self = RK_EDITOR_PLACE_SECTION (object);

  g_clear_pointer (&self->room_ids, g_array_unref);
  g_array_unref (self->equipment_ids);
  g_ptr_array_unref (self->equipment_labels);
  g_array_unref (self->equipment_chosen);
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
  self->equipment_labels = g_ptr_array_new_with_free_func (g_free);
  self->equipment_chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->equipment_checks = g_ptr_array_new ();
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), TRUE);
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), FALSE);
  g_signal_connect_object (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->equipment_button)),
                           "show", G_CALLBACK (on_equipment_popover_show), self,
                           G_CONNECT_SWAPPED);
}
