#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-context.h"
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

  GtkWidget   *form;
  RkContext   *context;
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

typedef RkEntitySave SaveData;

/* In the worker thread. */
static gboolean
save_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  SaveData *d = data;
  gint64 id;

  if (d->add)
    {
      id = rk_store_add_staff (store, d->edited, error);
      if (id == 0)
        return FALSE;
      rk_staff_set_id (d->edited, id);
      rk_undo_stack_note_new (undo, RK_UNDO_STAFF, id);
      return TRUE;
    }
  return rk_undo_stack_save (undo, RK_UNDO_STAFF, rk_staff_get_id (d->edited), error) &&
         rk_store_update_staff (store, d->edited, error);
}

static void
save_done (GtkWidget *owner, gpointer data, const GError *error)
{
  RkStaffDialog *self = RK_STAFF_DIALOG (owner);
  SaveData *d = data;
  g_autofree char *message = NULL;

  if (d == NULL)
    {
      rk_gui_save_failed (error, self->stale_bar, NULL, NULL, self->error_label);
      return;
    }
  message = rk_gui_saved_message (d->name, d->add);
  g_signal_emit (self, signals[SAVED], 0, rk_staff_get_id (d->edited), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
rk_staff_dialog_save (RkStaffDialog  *self,
                      GError        **error)
{
  SaveData *d;
  guint role;

  g_return_val_if_fail (RK_IS_STAFF_DIALOG (self), FALSE);

  if (!validate (self))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Give the person's name"));
      return FALSE;
    }
  if (rk_context_is_saving (self->save_button))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The staff member is being saved"));
      return FALSE;
    }
  d = g_new0 (SaveData, 1);
  d->add = self->staff == NULL;
  d->edited = rk_staff_new ();
  d->name = rk_gui_entry_text (self->name_entry);
  role = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->role_dropdown));
  {
    g_autofree char *kana = rk_gui_entry_text (self->kana_entry);
    g_autofree char *org = rk_gui_entry_text (self->org_entry);
    g_autofree char *phone = rk_gui_entry_text (self->phone_entry);
    g_autofree char *email = rk_gui_entry_text (self->email_entry);

    g_object_set (d->edited,
                  "name", d->name,
                  "kana", kana,
                  "role", rk_role_to_token (role < RK_N_ROLES ? (RkRole) role : RK_ROLE_OTHER),
                  "org", org,
                  "phone", phone,
                  "email", email,
                  "active", gtk_check_button_get_active (GTK_CHECK_BUTTON (self->active_check)),
                  NULL);
  }
  if (self->staff)
    {
      rk_staff_set_id (d->edited, rk_staff_get_id (self->staff));
      rk_staff_set_version (d->edited, rk_staff_get_version (self->staff));
    }
  gtk_widget_set_visible (self->error_label, FALSE);
  return rk_context_save (self->context, GTK_WIDGET (self), self->save_button, self->form,
                          d->add ? _("Add staff member") : _("Edit staff member"), save_change, d,
                          rk_entity_save_free, save_done);
}

static void
on_save_clicked (RkStaffDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_staff_dialog_save (self, &error) && error)
    rk_gui_save_failed (error, self->stale_bar, NULL, NULL, self->error_label);
}

/* In the worker thread. */
static gpointer
read_staff (RkStore *store, gpointer data, GError **error)
{
  return rk_store_get_staff (store, *(gint64 *) data, error);
}

static void
reloaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkStaffDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStaff) staff = rk_store_worker_run_finish (RK_STORE_WORKER (source), result,
                                                          &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->context == NULL)
    return;
  if (staff == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  g_set_object (&self->staff, staff);
  fill (self);
}

void
rk_staff_dialog_reload (RkStaffDialog *self)
{
  g_return_if_fail (RK_IS_STAFF_DIALOG (self));
  if (self->staff == NULL)
    return;
  rk_store_worker_run_async (rk_context_get_worker (self->context), read_staff,
                             g_memdup2 (&(gint64) { rk_staff_get_id (self->staff) },
                                        sizeof (gint64)),
                             g_free, g_object_unref, NULL, reloaded, g_object_ref (self));
}

static void
on_reload_clicked (RkStaffDialog *self)
{
  rk_staff_dialog_reload (self);
}

static void
rk_staff_dialog_dispose (GObject *object)
{
  RkStaffDialog *self = RK_STAFF_DIALOG (object);

  g_clear_object (&self->staff);
  g_clear_object (&self->context);
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
  BIND (form);
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
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->role_dropdown), G_LIST_MODEL (roles));
  self->loading = FALSE;
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

RkStaffDialog *
rk_staff_dialog_new (GtkWindow *parent,
                     RkContext *context,
                     RkStaff   *staff)
{
  RkStaffDialog *self = g_object_new (RK_TYPE_STAFF_DIALOG, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  /* As the page listed it: its version is what a save is checked against. */
  if (staff)
    self->staff = g_object_ref (staff);
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
