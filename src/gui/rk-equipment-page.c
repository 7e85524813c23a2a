#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-check.h"
#include "rk-context.h"
#include "rk-equipment-page.h"
#include "rk-equipment.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-venue.h"

/* How far ahead the bookings are listed. */
#define BOOKING_DAYS 92

typedef struct
{
  gint64    event_id;
  RkDay     orig_date;
  char     *text;            /* markup */
  gboolean  clash;
} Booking;

static void
booking_free (gpointer data)
{
  Booking *b = data;

  g_free (b->text);
  g_free (b);
}

struct _RkEquipmentPage
{
  GtkBox              parent_instance;

  GtkWidget          *column_view;
  GtkWidget          *heading_label;
  GtkWidget          *name_entry;
  GtkWidget          *venue_dropdown;
  GtkWidget          *error_label;
  GtkWidget          *save_button;
  GtkWidget          *bookings_title;
  GtkWidget          *bookings_list;

  RkStore            *store;
  RkContext          *context;
  GPtrArray          *venues;       /* as last read */
  GCancellable       *list_cancel;  /* the equipment's read on its way */
  gint64              select_after; /* selected when the read is back */
  RkUndoStack        *undo;
  GListStore         *items;          /* RkEquipment */
  GtkSingleSelection *selection;
  GArray             *venue_ids;      /* gint64, parallel to the dropdown; 0: none */
  GHashTable         *bookings;       /* gint64 * item → GPtrArray of Booking */
  gboolean            creating;
  gboolean            dirty;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (RkEquipmentPage, rk_equipment_page, GTK_TYPE_BOX)

static GQuark next_quark;

static RkEquipment *
selected_item (RkEquipmentPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static char *
col_name (gpointer item)
{
  return g_strdup (rk_equipment_get_name (item));
}

static char *
col_venue (gpointer item)
{
  const char *venue = rk_equipment_get_venue_name (item);

  return g_strdup (venue ? venue : _("No fixed place"));
}

static char *
col_next (gpointer item)
{
  const char *next = g_object_get_qdata (G_OBJECT (item), next_quark);

  return g_strdup (next ? next : _("Not booked"));
}

/* ---- the form ----------------------------------------------------------- */

static void
fill_venues (RkEquipmentPage *self)
{
  GPtrArray *venues = self->venues;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->venue_ids, 0);
  gtk_string_list_append (names, _("No fixed place"));
  g_array_append_val (self->venue_ids, (gint64) { 0 });
  for (guint i = 0; venues && i < venues->len; i++)
    {
      RkVenue *v = g_ptr_array_index (venues, i);
      gint64 id = rk_venue_get_id (v);

      gtk_string_list_append (names, rk_venue_get_name (v));
      g_array_append_val (self->venue_ids, id);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->venue_dropdown), G_LIST_MODEL (names));
}

static void
show_bookings (RkEquipmentPage *self, RkEquipment *item)
{
  GPtrArray *list = NULL;
  g_autofree char *title = NULL;

  rk_gui_list_box_clear (GTK_LIST_BOX (self->bookings_list));
  if (item == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->bookings_title), "");
      gtk_widget_set_visible (self->bookings_list, FALSE);
      return;
    }
  gtk_widget_set_visible (self->bookings_list, TRUE);
  title = g_strdup_printf (_("Booked in the next %d days"), BOOKING_DAYS);
  gtk_label_set_text (GTK_LABEL (self->bookings_title), title);
  if (self->bookings)
    {
      gint64 id = rk_equipment_get_id (item);
      list = g_hash_table_lookup (self->bookings, &id);
    }
  for (guint i = 0; list && i < list->len; i++)
    {
      Booking *b = g_ptr_array_index (list, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gint64 *event_id = g_new (gint64, 1);

      *event_id = b->event_id;
      g_object_set_data_full (G_OBJECT (row), "rk-event-id", event_id, g_free);
      g_object_set_data (G_OBJECT (row), "rk-orig-date", GUINT_TO_POINTER (b->orig_date));
      if (b->clash)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Booked twice at that time"), -1);
          gtk_widget_set_tooltip_text (icon, _("Booked twice at that time"));
          gtk_widget_add_css_class (icon, "warning");
          gtk_box_append (GTK_BOX (box), icon);
        }
      gtk_box_append (GTK_BOX (box), rk_gui_row_label (b->text, TRUE));
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (self->bookings_list), row);
    }
  if (list == NULL || list->len == 0)
    {
      GtkWidget *none = rk_gui_row_label (_("Not booked for any event"), FALSE);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_start (none, 8);
      gtk_widget_set_margin_top (none, 6);
      gtk_widget_set_margin_bottom (none, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->bookings_list), none);
    }
}

static void
load_form (RkEquipmentPage *self, RkEquipment *item)
{
  guint venue = 0;

  self->creating = item == NULL;
  self->loading = TRUE;
  rk_gui_set_text (self->name_entry, item ? rk_equipment_get_name (item) : NULL);
  for (guint i = 0; item && i < self->venue_ids->len; i++)
    if (g_array_index (self->venue_ids, gint64, i) == rk_equipment_get_venue_id (item))
      venue = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->venue_dropdown), venue);
  self->loading = FALSE;
  self->dirty = FALSE;
  gtk_label_set_text (GTK_LABEL (self->heading_label),
                      item ? rk_equipment_get_name (item) : _("New Equipment"));
  gtk_widget_set_visible (self->error_label, FALSE);
  show_bookings (self, item);
}

static void
on_form_changed (RkEquipmentPage *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  gtk_widget_set_visible (self->error_label, FALSE);
}

static void
on_selection_changed (RkEquipmentPage *self)
{
  RkEquipment *item = selected_item (self);

  if (self->loading)
    return;
  if (item || !self->creating)
    load_form (self, item);
}

/* In the worker thread. */
static gboolean
save_item (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  RkEntitySave *d = data;
  gint64 id;

  if (d->add)
    {
      id = rk_store_add_equipment (store, d->edited, error);
      if (id == 0)
        return FALSE;
      rk_equipment_set_id (d->edited, id);
      rk_undo_stack_note_new (undo, RK_UNDO_EQUIPMENT, id);
      return TRUE;
    }
  return rk_undo_stack_save (undo, RK_UNDO_EQUIPMENT, rk_equipment_get_id (d->edited), error) &&
         rk_store_update_equipment (store, d->edited, error);
}

static void
save_done (GtkWidget *owner, gpointer data, const GError *error)
{
  RkEquipmentPage *self = RK_EQUIPMENT_PAGE (owner);
  RkEntitySave *d = data;
  g_autofree char *message = NULL;

  if (d == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  self->dirty = FALSE;
  self->creating = FALSE;
  self->select_after = rk_equipment_get_id (d->edited);
  rk_equipment_page_reload (self);
  message = rk_gui_saved_message (d->name, d->add);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

gboolean
rk_equipment_page_save (RkEquipmentPage  *self,
                        GError          **error)
{
  char *name = rk_gui_entry_text (self->name_entry);
  guint venue = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->venue_dropdown));
  RkEquipment *item = self->creating ? NULL : selected_item (self);
  RkEntitySave *d;

  g_return_val_if_fail (RK_IS_EQUIPMENT_PAGE (self), FALSE);
  if (name == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Give the equipment a name"));
      return FALSE;
    }
  if (rk_context_is_saving (self->save_button))
    {
      g_free (name);
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The equipment is being saved"));
      return FALSE;
    }
  d = rk_entity_save_new (rk_equipment_new (), item == NULL, name);
  g_object_set (d->edited,
                "name", name,
                "venue-id", venue < self->venue_ids->len
                              ? g_array_index (self->venue_ids, gint64, venue) : (gint64) 0,
                NULL);
  if (item)
    {
      rk_equipment_set_id (d->edited, rk_equipment_get_id (item));
      rk_equipment_set_version (d->edited, rk_equipment_get_version (item));
    }
  gtk_widget_set_visible (self->error_label, FALSE);
  return rk_context_save (self->context, GTK_WIDGET (self), self->save_button, NULL,
                          d->add ? _("Add equipment") : _("Edit equipment"), save_item, d,
                          rk_entity_save_free, save_done);
}

static void
on_save_clicked (RkEquipmentPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_equipment_page_save (self, &error) && error)
    rk_gui_field_error (self->error_label, NULL, error->message);
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkEquipmentPage *self = RK_EQUIPMENT_PAGE (widget);

  self->loading = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->loading = FALSE;
  load_form (self, NULL);
  self->dirty = TRUE;
  gtk_widget_grab_focus (self->name_entry);
}

static void
on_booking_activated (GtkListBox      *list,
                      GtkListBoxRow   *row,
                      RkEquipmentPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "rk-event-id");
  guint32 date = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "rk-orig-date"));

  if (id)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)", *id, date);
}

/* ---- reload ------------------------------------------------------------- */

/* In the worker thread: each item's bookings of the coming days. */
static GHashTable *
compute_bookings (RkStore *store)
{
  RkDay from = rk_store_today (store), to = from + BOOKING_DAYS;
  g_autoptr(RkSchedule) schedule = rk_store_load_schedule (store, from, to, NULL);
  g_autoptr(GArray) occs = schedule ? rk_schedule_expand (schedule, from, to, NULL) : NULL;
  g_autoptr(GPtrArray) problems = occs ? rk_check (schedule, occs, from, to, from) : NULL;
  g_autoptr(GHashTable) clashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *bookings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; problems && i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);

      if (g_strcmp0 (rk_problem_get_kind (p), "equipment_double_booked") == 0)
        g_hash_table_add (clashes, g_strdup_printf ("%" G_GINT64_FORMAT "/%s",
                                                    rk_problem_get_equipment_id (p),
                                                    rk_problem_get_date (p)));
    }
  for (guint i = 0; occs && i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);

      if (!rk_occ_is_active (o))
        continue;
      for (guint j = 0; j < o->event->equipment->len; j++)
        {
          gint64 item = g_array_index (o->event->equipment, gint64, j);
          GPtrArray *list = g_hash_table_lookup (bookings, &item);
          g_autofree char *day = rk_day_title (rk_occ_day (o));
          g_autofree char *time = rk_occ_time_text (o);
          g_autofree char *place = rk_occ_place_text (o);
          g_autofree char *key = NULL;
          char date[11];
          Booking *b = g_new0 (Booking, 1);

          if (list == NULL)
            {
              gint64 *k = g_new (gint64, 1);

              *k = item;
              list = g_ptr_array_new_with_free_func (booking_free);
              g_hash_table_insert (bookings, k, list);
            }
          key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", item,
                                 rk_date_format_buf (rk_occ_day (o), date));
          b->event_id = o->event->id;
          b->orig_date = o->orig_date;
          b->clash = g_hash_table_contains (clashes, key);
          b->text = place ? g_markup_printf_escaped ("%s %s  %s\n<small>%s</small>", day, time,
                                                     rk_sevent_title (o->event), place)
                          : g_markup_printf_escaped ("%s %s  %s", day, time,
                                                     rk_sevent_title (o->event));
          g_ptr_array_add (list, b);
        }
    }
  return bookings;
}

/* What the page lists, read by the worker. */
typedef struct
{
  GPtrArray  *items;
  GPtrArray  *venues;
  GHashTable *bookings;
} Listing;

static void
listing_free (gpointer p)
{
  Listing *l = p;

  g_clear_pointer (&l->items, g_ptr_array_unref);
  g_clear_pointer (&l->venues, g_ptr_array_unref);
  g_clear_pointer (&l->bookings, g_hash_table_unref);
  g_free (l);
}

/* In the worker thread. */
static gpointer
read_listing (RkStore *store, gpointer data, GError **error)
{
  Listing *l = g_new0 (Listing, 1);

  l->items = rk_store_list_equipment (store, error);
  if (l->items == NULL)
    {
      listing_free (l);
      return NULL;
    }
  l->venues = rk_store_list_venues (store, NULL);
  l->bookings = compute_bookings (store);
  return l;
}

static void show_listing (RkEquipmentPage *self, Listing *listing);

static void
listing_read (GtkWidget *owner, gpointer result, const GError *error)
{
  RkEquipmentPage *self = RK_EQUIPMENT_PAGE (owner);

  if (result == NULL)
    rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
  else
    show_listing (self, result);
}

/* The equipment is read by the worker and shown when it arrives (a read
 * still on its way is dropped). */
void
rk_equipment_page_reload (RkEquipmentPage *self)
{
  g_return_if_fail (RK_IS_EQUIPMENT_PAGE (self));
  if (self->context == NULL)
    return;
  rk_context_read (self->context, GTK_WIDGET (self), &self->list_cancel, read_listing, NULL, NULL,
                   listing_free, listing_read);
}

gboolean
rk_equipment_page_is_loading (RkEquipmentPage *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT_PAGE (self), FALSE);
  return self->list_cancel != NULL;
}

static void
show_listing (RkEquipmentPage *self, Listing *listing)
{
  g_autoptr(GPtrArray) items = g_steal_pointer (&listing->items);
  RkEquipment *item;
  gint64 keep;

  g_clear_pointer (&self->bookings, g_hash_table_unref);
  self->bookings = g_steal_pointer (&listing->bookings);
  g_clear_pointer (&self->venues, g_ptr_array_unref);
  self->venues = g_steal_pointer (&listing->venues);
  listing_free (listing);
  item = selected_item (self);
  keep = self->select_after ? self->select_after : item ? rk_equipment_get_id (item) : 0;
  self->select_after = 0;
  for (guint i = 0; i < items->len; i++)
    {
      RkEquipment *e = g_ptr_array_index (items, i);
      gint64 id = rk_equipment_get_id (e);
      GPtrArray *list = g_hash_table_lookup (self->bookings, &id);

      if (list && list->len)
        {
          Booking *first = g_ptr_array_index (list, 0);
          g_autofree char *plain = NULL;

          pango_parse_markup (first->text, -1, 0, NULL, &plain, NULL, NULL);
          if (plain)
            {
              char *newline = strchr (plain, '\n');
              if (newline)
                *newline = '\0';
            }
          g_object_set_qdata_full (G_OBJECT (e), next_quark, g_steal_pointer (&plain), g_free);
        }
    }

  self->loading = TRUE;
  if (!self->dirty)
    fill_venues (self);
  rk_gui_store_replace (self->items, items);
  self->loading = FALSE;
  if (keep && rk_equipment_page_select (self, keep))
    return;
  if (!self->creating)
    load_form (self, selected_item (self));
}

gboolean
rk_equipment_page_select (RkEquipmentPage *self,
                          gint64           item_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  g_return_val_if_fail (RK_IS_EQUIPMENT_PAGE (self), FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RkEquipment) item = g_list_model_get_item (model, i);

      if (rk_equipment_get_id (item) == item_id)
        {
          self->loading = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->loading = FALSE;
          self->creating = FALSE;
          if (!self->dirty)
            load_form (self, item);
          else
            show_bookings (self, item);
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- class -------------------------------------------------------------- */

static void
rk_equipment_page_dispose (GObject *object)
{
  RkEquipmentPage *self = RK_EQUIPMENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_EQUIPMENT_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->bookings, g_hash_table_unref);
  g_clear_pointer (&self->venue_ids, g_array_unref);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  g_cancellable_cancel (self->list_cancel);
  g_clear_object (&self->list_cancel);
  g_clear_pointer (&self->venues, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_equipment_page_parent_class)->dispose (object);
}

static void rk_equipment_page_bind (RkEquipmentPage *self, RkStore *store, RkUndoStack *undo);

/* The page gets its context when it is made, and reloads itself on every
 * change to the stored data. */
static void
rk_equipment_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RkContext *context = g_value_get_object (value);

  g_set_object (&RK_EQUIPMENT_PAGE (object)->context, context);

  rk_equipment_page_bind (RK_EQUIPMENT_PAGE (object), rk_context_get_store (context), rk_context_get_undo (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (rk_equipment_page_reload), object,
                           G_CONNECT_SWAPPED);
}

static void
rk_equipment_page_class_init (RkEquipmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_equipment_page_dispose;
  object_class->set_property = rk_equipment_page_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());
  next_quark = g_quark_from_static_string ("rk-next-booking");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-equipment-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkEquipmentPage, name)
  BIND (column_view);
  BIND (heading_label);
  BIND (name_entry);
  BIND (venue_dropdown);
  BIND (error_label);
  BIND (save_button);
  BIND (bookings_title);
  BIND (bookings_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_install_action (widget_class, "equipment.add", NULL, add_action);
}

static void
rk_equipment_page_init (RkEquipmentPage *self)
{
  GtkColumnView *view;
  GtkColumnViewColumn *columns[3];

  self->venue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;

  view = GTK_COLUMN_VIEW (self->column_view);
  columns[0] = rk_gui_text_column (_("Name"), col_name, rk_gui_key_sorter (col_name), TRUE);
  columns[1] = rk_gui_text_column (_("Kept at"), col_venue, rk_gui_key_sorter (col_venue), TRUE);
  columns[2] = rk_gui_text_column (_("Next use"), col_next, NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gtk_column_view_append_column (view, columns[i]);
      g_object_unref (columns[i]);
    }
  self->items = g_list_store_new (RK_TYPE_EQUIPMENT);
  self->selection = gtk_single_selection_new (
    G_LIST_MODEL (gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                           g_object_ref (gtk_column_view_get_sorter (view)))));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->bookings_list, "row-activated", G_CALLBACK (on_booking_activated), self);
  load_form (self, NULL);
  self->creating = FALSE;
}

static void
rk_equipment_page_bind (RkEquipmentPage *self,
                        RkStore         *store,
                        RkUndoStack     *undo)
{
  g_return_if_fail (RK_IS_EQUIPMENT_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->undo, undo);
  rk_equipment_page_reload (self);
}

GListModel *
rk_equipment_page_get_model (RkEquipmentPage *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

GtkWidget *
rk_equipment_page_get_field (RkEquipmentPage *self,
                             const char      *name)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT_PAGE (self), NULL);
  if (g_strcmp0 (name, "name") == 0)
    return self->name_entry;
  if (g_strcmp0 (name, "venue") == 0)
    return self->venue_dropdown;
  if (g_strcmp0 (name, "save") == 0)
    return self->save_button;
  if (g_strcmp0 (name, "error") == 0)
    return self->error_label;
  if (g_strcmp0 (name, "bookings_list") == 0)
    return self->bookings_list;
  if (g_strcmp0 (name, "column_view") == 0)
    return self->column_view;
  return NULL;
}
