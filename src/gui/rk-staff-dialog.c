#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-roles.h"
#include "rk-staff-dialog.h"
#include "rk-staff.h"

struct _RkStaffDialog
{
  GtkWindow    parent_instance;

  GtkWidget   *save_button;
  GtkWidget   *stale_bar;
  GtkWidget   *name_entry;
  GtkWidget   *name_error;
  GtkWidget   *kana_entry;
  GtkWidget   *role_dropdown;
  GtkWidget   *org_entry;
  GtkWidget   *phone_entry;
  GtkWidget   *email_entry;
  GtkWidget   *active_check;
  GtkWidget   *error_label;

  RkStore     *store;
  RkUndoStack *undo;
  RkStaff     *staff;          /* as loaded; NULL for a new person */
  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (RkStaffDialog, rk_staff_dialog, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
validate (RkStaffDialog *self)
{
  g_autofree char *name = rk_gui_entry_text (self->name_entry);
  gboolean ok = name != NULL;

  rk_gui_field_error (self->name_error, self->name_entry,
                      ok ? NULL : _("Give the person's name"));
  gtk_widget_set_sensitive (self->save_button, ok);
  return ok;
}

static void
on_changed (RkStaffDialog *self)
{
  if (self->loading)
    return;
  gtk_widget_set_visible (self->error_label, FALSE);
  validate (self);
}

static void
fill (RkStaffDialog *self)
{
  RkStaff *s = self->staff;
  int role = s ? rk_role_from_token (rk_staff_get_role (s)) : RK_ROLE_HUB_STAFF;

  self->loading = TRUE;
  rk_gui_set_text (self->name_entry, s ? rk_staff_get_name (s) : NULL);
  rk_gui_set_text (self->kana_entry, s ? rk_staff_get_kana (s) : NULL);
  rk_gui_set_text (self->org_entry, s ? rk_staff_get_org (s) : NULL);
  rk_gui_set_text (self->phone_entry, s ? rk_staff_get_phone (s) : NULL);
  rk_gui_set_text (self->email_entry, s ? rk_staff_get_email (s) : NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->role_dropdown), role < 0 ? RK_ROLE_OTHER : role);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->active_check),
                               s ? rk_staff_get_active (s) : TRUE);
  gtk_window_set_title (GTK_WINDOW (self), s ? _("Edit Staff Member") : _("New Staff Member"));
  self->loading = FALSE;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->stale_bar), FALSE);
  gtk_widget_set_visible (self->error_label, FALSE);
  validate (self);
}

typedef struct
{
  RkStaffDialog *self;
  RkStaff       *edited;
} SaveData;

static gboolean
save_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  SaveData *d = data;
  gint64 id;

  if (d->self->staff == NULL)
    {
      id = rk_store_add_staff (store, d->edited, error);
      if (id == 0)
        return FALSE;
      rk_undo_stack_note_new (undo, RK_UNDO_STAFF, id);
      return TRUE;
    }
  return rk_undo_stack_save (undo, RK_UNDO_STAFF, rk_staff_get_id (d->edited), error) &&
         rk_store_update_staff (store, d->edited, error);
}

gboolean
rk_staff_dialog_save (RkStaffDialog  *self,
                      GError        **error)
{
  g_autoptr(RkStaff) edited = rk_staff_new ();
  g_autofree char *name = rk_gui_entry_text (self->name_entry);
  g_autofree char *kana = rk_gui_entry_text (self->kana_entry);
  g_autofree char *org = rk_gui_entry_text (self->org_entry);
  g_autofree char *phone = rk_gui_entry_text (self->phone_entry);
  g_autofree char *email = rk_gui_entry_text (self->email_entry);
  guint role = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->role_dropdown));
  SaveData data = { self, edited };
  gboolean created = self->staff == NULL;

  g_return_val_if_fail (RK_IS_STAFF_DIALOG (self), FALSE);

  if (!validate (self))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Give the person's name"));
      return FALSE;
    }
  g_object_set (edited,
                "name", name,
                "kana", kana,
                "role", rk_role_to_token (role < RK_N_ROLES ? (RkRole) role : RK_ROLE_OTHER),
                "org", org,
                "phone", phone,
                "email", email,
                "active", gtk_check_button_get_active (GTK_CHECK_BUTTON (self->active_check)),
                NULL);
  if (self->staff)
    {
      rk_staff_set_id (edited, rk_staff_get_id (self->staff));
      rk_staff_set_version (edited, rk_staff_get_version (self->staff));
    }
  if (!rk_gui_change (self->store, self->undo,
                      created ? _("Add staff member") : _("Edit staff member"), save_change,
                      &data, error))
    return FALSE;
  {
    g_autofree char *message = rk_gui_saved_message (name, created);
    g_signal_emit (self, signals[SAVED], 0, rk_staff_get_id (edited), message);
  }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked (RkStaffDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_object_ref (self);
  if (!rk_staff_dialog_save (self, &error))
    rk_gui_save_failed (error, self->stale_bar, NULL, NULL, self->error_label);
  g_object_unref (self);
}

gboolean
rk_staff_dialog_reload (RkStaffDialog  *self,
                        GError        **error)
{
  RkStaff *staff;

  g_return_val_if_fail (RK_IS_STAFF_DIALOG (self), FALSE);
  if (self->staff == NULL)
    return TRUE;
  staff = rk_store_get_staff (self->store, rk_staff_get_id (self->staff), error);
  if (staff == NULL)
    return FALSE;
  g_set_object (&self->staff, staff);
  g_object_unref (staff);
  fill (self);
  return TRUE;
}

static void
on_reload_clicked (RkStaffDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_staff_dialog_reload (self, &error))
    rk_gui_field_error (self->error_label, NULL, error->message);
}

static void
rk_staff_dialog_dispose (GObject *object)
{
  RkStaffDialog *self = RK_STAFF_DIALOG (object);

  g_clear_object (&self->staff);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_staff_dialog_parent_class)->dispose (object);
}

static void
rk_staff_dialog_class_init (RkStaffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_staff_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-staff-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkStaffDialog, name)
  BIND (save_button);
  BIND (stale_bar);
  BIND (name_entry);
  BIND (name_error);
  BIND (kana_entry);
  BIND (role_dropdown);
  BIND (org_entry);
  BIND (phone_entry);
  BIND (email_entry);
  BIND (active_check);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rk_staff_dialog_init (RkStaffDialog *self)
{
  g_autoptr(GtkStringList) roles = rk_gui_role_list ();

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->role_dropdown), G_LIST_MODEL (roles));
  self->loading = FALSE;
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

RkStaffDialog *
rk_staff_dialog_new (GtkWindow    *parent,
                     RkStore      *store,
                     RkUndoStack  *undo,
                     gint64        staff_id,
                     GError      **error)
{
  RkStaffDialog *self = g_object_new (RK_TYPE_STAFF_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  if (staff_id > 0)
    {
      self->staff = rk_store_get_staff (store, staff_id, error);
      if (self->staff == NULL)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
    }
  fill (self);
  gtk_widget_grab_focus (self->name_entry);
  return self;
}

GtkWidget *
rk_staff_dialog_get_field (RkStaffDialog *self,
                           const char    *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "name", G_STRUCT_OFFSET (RkStaffDialog, name_entry) },
    { "kana", G_STRUCT_OFFSET (RkStaffDialog, kana_entry) },
    { "role", G_STRUCT_OFFSET (RkStaffDialog, role_dropdown) },
    { "org", G_STRUCT_OFFSET (RkStaffDialog, org_entry) },
    { "phone", G_STRUCT_OFFSET (RkStaffDialog, phone_entry) },
    { "email", G_STRUCT_OFFSET (RkStaffDialog, email_entry) },
    { "active", G_STRUCT_OFFSET (RkStaffDialog, active_check) },
    { "save", G_STRUCT_OFFSET (RkStaffDialog, save_button) },
    { "stale_bar", G_STRUCT_OFFSET (RkStaffDialog, stale_bar) },
    { "error", G_STRUCT_OFFSET (RkStaffDialog, error_label) },
  };

  g_return_val_if_fail (RK_IS_STAFF_DIALOG (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
