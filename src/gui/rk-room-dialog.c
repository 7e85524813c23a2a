#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-room-dialog.h"
#include "rk-room.h"
#include "rk-venue.h"

struct _RkRoomDialog
{
  GtkWindow    parent_instance;

  GtkWidget   *save_button;
  GtkWidget   *venue_label;
  GtkWidget   *name_entry;
  GtkWidget   *capacity_spin;
  GtkWidget   *features_entry;
  GtkWidget   *error_label;

  GtkWidget   *form;
  RkContext   *context;
  gint64       venue_id;
  RkRoom      *room;           /* NULL: a new room */
};

G_DEFINE_FINAL_TYPE (RkRoomDialog, rk_room_dialog, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed (RkRoomDialog *self)
{
  g_autofree char *name = rk_gui_entry_text (self->name_entry);

  gtk_widget_set_sensitive (self->save_button, name != NULL);
  gtk_widget_set_visible (self->error_label, FALSE);
}

/* "kitchen, playroom" as stored: "kitchen,playroom". */
static char *
features_text (GtkWidget *entry)
{
  g_autofree char *text = rk_gui_entry_text (entry);
  g_autoptr(GString) commas = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  /* Japanese input gives ideographic and full-width commas. */
  commas = g_string_new (text);
  g_string_replace (commas, "、", ",", 0);
  g_string_replace (commas, "，", ",", 0);
  parts = g_strsplit (commas->str, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (out->len)
        g_string_append_c (out, ',');
      g_string_append (out, parts[i]);
    }
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

typedef RkEntitySave SaveData;

/* In the worker thread. */
static gboolean
save_room (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  SaveData *d = data;
  gint64 id;

  if (d->add)
    {
      id = rk_store_add_room (store, d->edited, error);
      if (id == 0)
        return FALSE;
      rk_room_set_id (d->edited, id);
      rk_undo_stack_note_new (undo, RK_UNDO_ROOM, id);
      return TRUE;
    }
  return rk_undo_stack_save (undo, RK_UNDO_ROOM, rk_room_get_id (d->edited), error) &&
         rk_store_update_room (store, d->edited, error);
}

static void
save_done (GtkWidget *owner, gpointer data, const GError *error)
{
  RkRoomDialog *self = RK_ROOM_DIALOG (owner);
  SaveData *d = data;
  g_autofree char *message = NULL;

  if (d == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  message = d->add ? g_strdup_printf (_("Room %s added"), d->name)
                   : g_strdup_printf (_("Room %s saved"), d->name);
  g_signal_emit (self, signals[SAVED], 0, rk_room_get_id (d->edited), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
rk_room_dialog_save (RkRoomDialog  *self,
                     GError       **error)
{
  g_autofree char *features = NULL;
  SaveData *d;

  g_return_val_if_fail (RK_IS_ROOM_DIALOG (self), FALSE);
  if (rk_context_is_saving (self->save_button))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The room is being saved"));
      return FALSE;
    }
  d = g_new0 (SaveData, 1);
  d->edited = rk_room_new ();
  d->add = self->room == NULL;
  d->name = rk_gui_entry_text (self->name_entry);
  if (d->name == NULL)
    {
      rk_entity_save_free (d);
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Give the room a name"));
      return FALSE;
    }
  features = features_text (self->features_entry);
  g_object_set (d->edited,
                "venue-id", self->venue_id,
                "name", d->name,
                "capacity",
                gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->capacity_spin)),
                "features", features,
                NULL);
  if (self->room)
    {
      rk_room_set_id (d->edited, rk_room_get_id (self->room));
      rk_room_set_version (d->edited, rk_room_get_version (self->room));
    }
  gtk_widget_set_visible (self->error_label, FALSE);
  return rk_context_save (self->context, GTK_WIDGET (self), self->save_button, self->form,
                          d->add ? _("Add room") : _("Edit room"), save_room, d, rk_entity_save_free,
                          save_done);
}

static void
on_save_clicked (RkRoomDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_room_dialog_save (self, &error) && error)
    rk_gui_field_error (self->error_label, NULL, error->message);
}

static void
rk_room_dialog_dispose (GObject *object)
{
  RkRoomDialog *self = RK_ROOM_DIALOG (object);

  g_clear_object (&self->room);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_room_dialog_parent_class)->dispose (object);
}

static void
rk_room_dialog_class_init (RkRoomDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_room_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-room-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, form);
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, venue_label);
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, features_entry);
  gtk_widget_class_bind_template_child (widget_class, RkRoomDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rk_room_dialog_init (RkRoomDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

RkRoomDialog *
rk_room_dialog_new (GtkWindow *parent,
                    RkContext *context,
                    RkVenue   *venue,
                    RkRoom    *room)
{
  RkRoomDialog *self = g_object_new (RK_TYPE_ROOM_DIALOG, "transient-for", parent, NULL);
  g_autofree char *where = NULL;

  self->context = g_object_ref (context);
  self->venue_id = rk_venue_get_id (venue);
  /* As the page listed it: its version is what a save is checked against. */
  if (room)
    self->room = g_object_ref (room);
  /* TRANSLATORS: the place a room belongs to */
  where = g_strdup_printf (_("At %s"), rk_venue_get_name (venue));
  gtk_label_set_text (GTK_LABEL (self->venue_label), where);
  gtk_window_set_title (GTK_WINDOW (self), self->room ? _("Edit Room") : _("New Room"));
  if (self->room)
    {
      g_auto(GStrv) parts = g_strsplit (rk_room_get_features (self->room)
                                          ? rk_room_get_features (self->room) : "",
                                        ",", -1);
      g_autofree char *features = g_strjoinv (", ", parts);

      rk_gui_set_text (self->name_entry, rk_room_get_name (self->room));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->capacity_spin),
                                 rk_room_get_capacity (self->room));
      rk_gui_set_text (self->features_entry, features);
    }
  on_changed (self);
  gtk_widget_grab_focus (self->name_entry);
  return self;
}

GtkWidget *
rk_room_dialog_get_field (RkRoomDialog *self,
                          const char   *name)
{
  g_return_val_if_fail (RK_IS_ROOM_DIALOG (self), NULL);
  if (g_strcmp0 (name, "name") == 0)
    return self->name_entry;
  if (g_strcmp0 (name, "capacity") == 0)
    return self->capacity_spin;
  if (g_strcmp0 (name, "features") == 0)
    return self->features_entry;
  if (g_strcmp0 (name, "save") == 0)
    return self->save_button;
  if (g_strcmp0 (name, "error") == 0)
    return self->error_label;
  return NULL;
}
