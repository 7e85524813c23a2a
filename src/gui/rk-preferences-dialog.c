#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-preferences-dialog.h"
#include "rk-undo.h"

struct _RkPreferencesDialog
{
  AdwPreferencesWindow parent_instance;

  GtkWidget  *shared_group;
  GtkWidget  *week_start;
  GtkWidget  *timezone_entry;
  GtkWidget  *timezone_error;
  GtkWidget  *travel_gap;
  GtkWidget  *tentative_days;
  GtkWidget  *color_scheme;
  GtkWidget  *orientation;
  GtkWidget  *audience;
  GtkWidget  *path_label;
  GtkWidget  *error_label;
  GtkWidget  *server_entry;

  RkContext  *context;
  int         writing;          /* settings on their way to the worker */
  gboolean    reading;          /* the database's settings being read */
  GSettings  *settings;
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (RkPreferencesDialog, rk_preferences_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void
set_error (RkPreferencesDialog *self, const char *message)
{
  rk_gui_field_error (self->error_label, NULL, message);
}

/* One setting of the database, in a transaction of its own, in the
 * worker thread: the same value again is no change (and no undo step). */
typedef struct
{
  char *key, *value;
} Setting;

static void
setting_free (gpointer p)
{
  Setting *kv = p;

  g_free (kv->key);
  g_free (kv->value);
  g_free (kv);
}

static gboolean
set_setting_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  Setting *kv = data;
  g_autofree char *now = rk_store_get_setting (store, kv->key);

  if (g_strcmp0 (now, kv->value) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "unchanged");
      return FALSE;
    }
  if (undo && !rk_undo_stack_save (undo, RK_UNDO_SETTINGS, 1, error))
    return FALSE;
  return rk_store_set_setting (store, kv->key, kv->value, error);
}

static void
setting_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing--;
  if (rk_context_change_finish (RK_CONTEXT (source), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->context)
        set_error (self, error->message);
      return;
    }
  if (self->context == NULL)
    return;
  set_error (self, NULL);
  rk_gui_toast (GTK_WIDGET (self), _("Preferences changed"), TRUE);
}

/* Shared settings live in the database: written by the worker, undoable
 * like any other change, one after the other in the order changed. */
static void
write_setting (RkPreferencesDialog *self, const char *key, const char *value)
{
  Setting *kv = g_new0 (Setting, 1);

  kv->key = g_strdup (key);
  kv->value = g_strdup (value);
  self->writing++;
  rk_context_change_async (self->context, _("Change preferences"), set_setting_change, kv,
                           setting_free, setting_written, g_object_ref (self));
}

gboolean
rk_preferences_dialog_get_busy (RkPreferencesDialog *self)
{
  g_return_val_if_fail (RK_IS_PREFERENCES_DIALOG (self), FALSE);
  return self->writing > 0 || self->reading;
}

static void
on_week_start_changed (RkPreferencesDialog *self)
{
  if (self->loading)
    return;
  write_setting (self, "week_start",
                 gtk_drop_down_get_selected (GTK_DROP_DOWN (self->week_start)) == 1 ? "monday"
                                                                                    : "sunday");
}

static gboolean
timezone_valid (const char *text)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  tz = g_time_zone_new_identifier (text);
  return tz != NULL;
}

static void
on_timezone_changed (RkPreferencesDialog *self)
{
  rk_gui_field_error (self->timezone_error, self->timezone_entry, NULL);
}

static void
on_timezone_apply (RkPreferencesDialog *self)
{
  g_autofree char *text = rk_gui_entry_text (self->timezone_entry);

  if (self->loading)
    return;
  if (!timezone_valid (text))
    {
      rk_gui_field_error (self->timezone_error, self->timezone_entry,
                          _("Unknown time zone; write an IANA name such as Asia/Tokyo"));
      return;
    }
  rk_gui_field_error (self->timezone_error, self->timezone_entry, NULL);
  write_setting (self, "timezone", text);
}

static void
on_number_changed (RkPreferencesDialog *self)
{
  g_autofree char *gap = NULL, *days = NULL;

  if (self->loading)
    return;
  gap = g_strdup_printf ("%d",
                         gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->travel_gap)));
  days = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (
                                  GTK_SPIN_BUTTON (self->tentative_days)));
  write_setting (self, "travel_gap_minutes", gap);
  write_setting (self, "tentative_days", days);
}

static void
on_print_changed (RkPreferencesDialog *self)
{
  if (self->loading || self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "print-orientation",
                         gtk_drop_down_get_selected (GTK_DROP_DOWN (self->orientation)) == 1
                           ? "portrait" : "landscape");
  g_settings_set_string (self->settings, "print-audience",
                         gtk_drop_down_get_selected (GTK_DROP_DOWN (self->audience)) == 1
                           ? "staff" : "public");
}

static const char * const schemes[] = { "default", "light", "dark" };

static void
on_color_scheme_changed (RkPreferencesDialog *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_scheme));

  if (self->loading || self->settings == NULL || i >= G_N_ELEMENTS (schemes))
    return;
  /* rk_gui_init() has the style follow the setting. */
  g_settings_set_string (self->settings, "color-scheme", schemes[i]);
}

/* ---- another database --------------------------------------------------- */

static void
on_database_chosen (GtkNativeDialog     *native,
                    int                  response,
                    RkPreferencesDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        set_error (self, _("Choose a database file on this computer"));
      /* On success the application replaces the window, and this dialog
       * goes with it. */
      else if (parent == NULL ||
               !gtk_widget_activate_action (GTK_WIDGET (parent), "app.open-database", "s", path))
        set_error (self, _("Another database can only be opened from the main window"));
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_database (RkPreferencesDialog *self, gboolean create)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"),
                                        GTK_WINDOW (self),
                                        create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Renkei databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "renkei.db");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_database_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_open_clicked (RkPreferencesDialog *self)
{
  choose_database (self, FALSE);
}

static void
on_new_clicked (RkPreferencesDialog *self)
{
  choose_database (self, TRUE);
}

/* The shared server instead of a file. A password typed into the address
 * would end up in the settings: libpq's password file keeps it instead. */
static void
on_server_connect (RkPreferencesDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *location = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->server_entry))));

  if (!rk_store_is_server_uri (location))
    set_error (self, _("Give the server's address as postgresql://host/database or "
                       "service=NAME"));
  else if (rk_store_location_has_password (location))
    set_error (self, _("Leave the password out of the address: keep it in ~/.pgpass (or the "
                       "service file), where the database library finds it"));
  else if (parent == NULL ||
           !gtk_widget_activate_action (GTK_WIDGET (parent), "app.open-database", "s", location))
    set_error (self, _("Another database can only be opened from the main window"));
  else
    set_error (self, NULL);
}

/* ---- class -------------------------------------------------------------- */

static gboolean
rk_preferences_dialog_close_request (GtkWindow *window)
{
  RkPreferencesDialog *self = RK_PREFERENCES_DIALOG (window);
  g_autofree char *text = rk_gui_entry_text (self->timezone_entry);

  /* A zone typed without Enter still counts, when it is one. */
  if (timezone_valid (text))
    write_setting (self, "timezone", text);
  return GTK_WINDOW_CLASS (rk_preferences_dialog_parent_class)->close_request (window);
}

static void
rk_preferences_dialog_dispose (GObject *object)
{
  RkPreferencesDialog *self = RK_PREFERENCES_DIALOG (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_preferences_dialog_parent_class)->dispose (object);
}

static void
rk_preferences_dialog_class_init (RkPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rk_preferences_dialog_dispose;
  window_class->close_request = rk_preferences_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-preferences-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkPreferencesDialog, name)
  BIND (shared_group);
  BIND (week_start);
  BIND (timezone_entry);
  BIND (timezone_error);
  BIND (travel_gap);
  BIND (tentative_days);
  BIND (color_scheme);
  BIND (orientation);
  BIND (audience);
  BIND (path_label);
  BIND (error_label);
  BIND (server_entry);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_week_start_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_print_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_color_scheme_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_server_connect);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rk_preferences_dialog_init (RkPreferencesDialog *self)
{
  g_autoptr(GtkStringList) weeks = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) orientations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) looks = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  gtk_string_list_append (weeks, _("Sunday"));
  gtk_string_list_append (weeks, _("Monday"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->week_start), G_LIST_MODEL (weeks));
  gtk_string_list_append (orientations, _("Landscape"));
  gtk_string_list_append (orientations, _("Portrait"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->orientation), G_LIST_MODEL (orientations));
  gtk_string_list_append (audiences, _("Families (public)"));
  gtk_string_list_append (audiences, C_("print version", "Staff"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->audience), G_LIST_MODEL (audiences));
  gtk_string_list_append (looks, _("As the Desktop"));
  gtk_string_list_append (looks, _("Light"));
  gtk_string_list_append (looks, _("Dark"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->color_scheme), G_LIST_MODEL (looks));
  self->loading = FALSE;
}

/* The database's settings, read by the worker when the dialog opens. */
typedef struct
{
  char *week, *tz;
  int   gap, days;
} Shared;

static void
shared_free (gpointer p)
{
  Shared *sh = p;

  g_free (sh->week);
  g_free (sh->tz);
  g_free (sh);
}

static gpointer
read_shared (RkStore *store, gpointer data, GError **error)
{
  Shared *sh = g_new0 (Shared, 1);

  sh->week = rk_store_get_setting (store, "week_start");
  sh->tz = rk_store_get_timezone (store);
  sh->gap = rk_store_get_setting_int (store, "travel_gap_minutes", 30);
  sh->days = rk_store_get_setting_int (store, "tentative_days", 14);
  return sh;
}

static void
shared_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Shared *sh = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);

  self->reading = FALSE;
  if (self->context == NULL)
    {
      g_clear_pointer (&sh, shared_free);
      return;
    }
  if (sh == NULL)
    {
      set_error (self, error->message);
      return;
    }
  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->week_start),
                              g_strcmp0 (sh->week, "monday") == 0 ? 1 : 0);
  rk_gui_set_text (self->timezone_entry, sh->tz);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->travel_gap), sh->gap);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->tentative_days), sh->days);
  self->loading = FALSE;
  gtk_widget_set_sensitive (self->shared_group, TRUE);
  shared_free (sh);
}

RkPreferencesDialog *
rk_preferences_dialog_new (GtkWindow *parent,
                           RkContext *context)
{
  RkPreferencesDialog *self = g_object_new (RK_TYPE_PREFERENCES_DIALOG, "transient-for", parent,
                                            NULL);

  self->context = g_object_ref (context);
  self->settings = rk_gui_settings ();
  self->loading = TRUE;
  /* The shared settings can be changed once they are read. */
  gtk_widget_set_sensitive (self->shared_group, FALSE);
  self->reading = TRUE;
  rk_store_worker_run_async (rk_context_get_worker (context), read_shared, NULL, NULL,
                             shared_free, NULL, shared_read, g_object_ref (self));
  if (self->settings)
    {
      g_autofree char *orientation = g_settings_get_string (self->settings, "print-orientation");
      g_autofree char *audience = g_settings_get_string (self->settings, "print-audience");
      g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->orientation),
                                  g_strcmp0 (orientation, "portrait") == 0 ? 1 : 0);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->audience),
                                  g_strcmp0 (audience, "staff") == 0 ? 1 : 0);
      for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
        if (g_strcmp0 (scheme, schemes[i]) == 0)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->color_scheme), i);
    }
  else
    {
      gtk_widget_set_sensitive (self->color_scheme, FALSE);
      gtk_widget_set_sensitive (self->orientation, FALSE);
      gtk_widget_set_sensitive (self->audience, FALSE);
    }
  /* The location as opened: held by the store, not read from it. */
  gtk_label_set_text (GTK_LABEL (self->path_label),
                      rk_store_get_path (rk_context_get_store (context)));
  self->loading = FALSE;
  return self;
}

GtkWidget *
rk_preferences_dialog_get_field (RkPreferencesDialog *self,
                                 const char          *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "week_start", G_STRUCT_OFFSET (RkPreferencesDialog, week_start) },
    { "timezone", G_STRUCT_OFFSET (RkPreferencesDialog, timezone_entry) },
    { "timezone_error", G_STRUCT_OFFSET (RkPreferencesDialog, timezone_error) },
    { "travel_gap", G_STRUCT_OFFSET (RkPreferencesDialog, travel_gap) },
    { "tentative_days", G_STRUCT_OFFSET (RkPreferencesDialog, tentative_days) },
    { "color_scheme", G_STRUCT_OFFSET (RkPreferencesDialog, color_scheme) },
    { "orientation", G_STRUCT_OFFSET (RkPreferencesDialog, orientation) },
    { "audience", G_STRUCT_OFFSET (RkPreferencesDialog, audience) },
    { "path", G_STRUCT_OFFSET (RkPreferencesDialog, path_label) },
    { "server", G_STRUCT_OFFSET (RkPreferencesDialog, server_entry) },
    { "error", G_STRUCT_OFFSET (RkPreferencesDialog, error_label) },
  };

  g_return_val_if_fail (RK_IS_PREFERENCES_DIALOG (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
