#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#endif

#include "rk-application.h"
#include "rk-gui-util.h"
#include "rk-store.h"
#include "rk-context.h"
#include "rk-tooltip.h"
#include "rk-window.h"
#include "renkei-resources.h"

struct _RkApplication
{
  GtkApplication  parent_instance;

  char           *db_path;
  RkStore        *store;
  RkContext      *context;      /* made at the start, for the first window */
  GError         *open_error;   /* the start's: told when activated */
  gboolean        opening;      /* Preferences' server, being connected to */
};

G_DEFINE_FINAL_TYPE (RkApplication, rk_application, GTK_TYPE_APPLICATION)

/* A device a GPU driver renders with: without one Mesa's GL is its
 * software rasteriser (llvmpipe). */
static gboolean
gpu_device_present (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "renderD") || g_str_has_prefix (name, "card"))
      {
        g_autofree char *path = g_build_filename ("/dev/dri", name, NULL);

        if (g_access (path, R_OK | W_OK) == 0)
          return TRUE;
      }
  /* NVIDIA's own driver need not have a DRM node. */
  return g_access ("/dev/nvidia0", R_OK | W_OK) == 0;
}

/* On X11 without a GPU (a thin client, a virtual desktop), GTK 4.8 renders
 * with GL on llvmpipe, which is slower there than cairo, and sets up GLX
 * when it opens the display even for cairo, which loads LLVM: ~50 MB of a
 * ~130 MB month window. Such a machine gets cairo and no GL, unless the
 * person has chosen another renderer (GSK_RENDERER) or GDK flags
 * (GDK_DEBUG) themselves. Done before GTK starts (and before any thread
 * exists, as it sets the environment). */
void
rk_gui_prefer_cairo_without_gpu (void)
{
  const char *backend = g_getenv ("GDK_BACKEND");
  const char *renderer = g_getenv ("GSK_RENDERER");
  gboolean x11;

  if (g_getenv ("GDK_DEBUG") || (renderer && g_strcmp0 (renderer, "cairo") != 0))
    return;
  if (backend && *backend)
    x11 = g_str_has_prefix (backend, "x11");
  else
    x11 = g_getenv ("DISPLAY") && !g_getenv ("WAYLAND_DISPLAY");
  if (!x11 || gpu_device_present ())
    return;
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

/* Set when GTK is to start on libadwaita's empty theme (GTK_THEME). */
static gboolean empty_theme_set;

/* GTK loads its own theme ("Default") when it starts, and libadwaita
 * replaces it with its stylesheet when it starts (adw_init): ~80 M
 * instructions of the start, a tenth of it, parsed for nothing. GTK
 * starts on the empty theme libadwaita ships instead, unless the person
 * chose a theme with GTK_THEME; the variable goes once GTK has started
 * (rk_application_startup), before libadwaita starts, which leaves its
 * stylesheet out while it is set. The variable is set before any thread
 * exists; it is unset after GTK has started, when GTK's own threads (the
 * D-Bus connection's, the icon theme's reader) may exist: glibc's
 * unsetenv moves the environment's entries without a lock that getenv
 * takes, so a getenv in one of them at that instant could miss a
 * variable. One call at the start; no earlier point has GTK started. */
static void
start_on_empty_theme (void)
{
  if (g_getenv ("GTK_THEME"))
    return;
  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  empty_theme_set = TRUE;
}

static void
register_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      rk_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

/* Light or dark as chosen in Preferences, else as the desktop has it. */
static void
follow_color_scheme (GSettings *settings)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

/* In a thread of its own: see rk_gui_init(). */
static gpointer
read_icon_theme (gpointer data)
{
  GtkIconTheme *theme = data;

  gtk_icon_theme_has_icon (theme, APP_ID);
  g_object_unref (theme);
  return NULL;
}

void
rk_gui_init (void)
{
  static gsize done = 0;

  register_resources ();
  if (g_once_init_enter (&done))
    {
      GtkCssProvider *provider;

      /* libadwaita's widgets and style, and its light/dark style manager. */
      adw_init ();
      rk_tooltip_install ();
      {
        /* Kept for the life of the program, to follow the setting. */
        GSettings *settings = rk_gui_settings ();

        if (settings)
          {
            g_signal_connect (settings, "changed::color-scheme",
                              G_CALLBACK (follow_color_scheme), NULL);
            follow_color_scheme (settings);
          }
      }

      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, "/io/github/renkei/Renkei/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);

      /* GTK reads the icon theme in a thread when it makes it, but each
       * resource path added after that (the application's icons, then
       * libadwaita's) throws what it read away, and the window's first
       * icon read it all again on the main thread (~65 M instructions of
       * the start). Read once more in a thread now that every path is
       * there, while the window is built; the theme locks itself around
       * the reading, as for GTK's own thread. */
      g_thread_unref (g_thread_new ("renkei-icons", read_icon_theme,
                                    g_object_ref (gtk_icon_theme_get_for_display (
                                      gdk_display_get_default ()))));
      g_once_init_leave (&done, 1);
    }
}

static void
show_fatal (RkApplication *self, const char *primary, const char *secondary)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, primary, secondary);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_title (GTK_WINDOW (dialog), _("Renkei"));
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --db, else $RENKEI_DB, else the file chosen last in Preferences, else
 * the default one. */
static char *
database_path (RkApplication *self)
{
  const char *env = g_getenv ("RENKEI_DB");
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *chosen = NULL;

  if (self->db_path)
    return g_strdup (self->db_path);
  if (env && *env)
    return rk_store_default_path ();
  settings = rk_gui_settings ();
  chosen = settings ? g_settings_get_string (settings, "database-path") : NULL;
  if (chosen && *chosen)
    return g_steal_pointer (&chosen);
  return rk_store_default_path ();
}

static gboolean
open_store (RkApplication *self, GError **error)
{
  g_autofree char *path = database_path (self);

  /* A server is connected to by the window's worker, in its thread: the
   * window's own store connects when something first needs it on the
   * main thread (nothing at the start), so the first frame waits for no
   * round trip, and a server that does not answer is told by the
   * connection bar rather than by a start that hangs for the whole
   * connect timeout. */
  if (rk_store_is_server_uri (path))
    {
      self->store = rk_store_open_deferred (path, error);
      return self->store != NULL;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      /* The database holds staff contacts: the folder is the owner's only. */
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
          return FALSE;
        }
    }
  self->store = rk_store_open (path, error);
  return self->store != NULL;
}

static void
rk_application_activate (GApplication *app)
{
  RkApplication *self = RK_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  RkWindow *win;

  if (window && RK_IS_WINDOW (window))
    {
      gtk_window_present (window);
      return;
    }
  if (self->open_error)
    {
      show_fatal (self, _("The Database Cannot Be Opened"), self->open_error->message);
      g_clear_error (&self->open_error);
      return;
    }
  if (self->store == NULL && !open_store (self, &error))
    {
      show_fatal (self, _("The Database Cannot Be Opened"), error->message);
      return;
    }
  /* The first window takes the context the start made (its worker has
   * been reading the month of today meanwhile). */
  if (self->context)
    {
      g_autoptr(RkContext) context = g_steal_pointer (&self->context);

      win = rk_window_new_for_context (GTK_APPLICATION (app), context);
    }
  else
    win = rk_window_new (GTK_APPLICATION (app), self->store);
  rk_window_present_when_read (win);
  rk_window_offer_demo (win);
}

/* GTK's own About dialog: its labels are translated into Japanese, the
 * libadwaita 1.2 window's are not. The licence is GPL-3.0-or-later. */
static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *authors[] = { _("The Renkei developers"), NULL };
  GtkWidget *about;

  about = g_object_new (GTK_TYPE_ABOUT_DIALOG,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "program-name", _("Renkei"),
                        "logo-icon-name", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Joint events of maternal and child health departments "
                                      "and child-rearing support hubs"),
                        /* GTK's own sentence for the GPL is not translated */
                        "license-type", GTK_LICENSE_CUSTOM,
                        "license", _("Renkei is free software: you can redistribute it and/or "
                                     "modify it under the terms of the GNU General Public "
                                     "License, version 3 or (at your option) any later version. "
                                     "It comes with absolutely no warranty. See "
                                     "https://www.gnu.org/licenses/gpl-3.0.html for details."),
                        "wrap-license", TRUE,
                        "authors", authors,
                        /* TRANSLATORS: your name, shown in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The database opened by Preferences in a new window, the old windows
 * closed; or, when it could not be opened, why (the old windows stay). */
static void
use_database (RkApplication *self, const char *path, RkStore *store, const GError *error)
{
  g_autoptr(GList) old = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  g_autoptr(GSettings) settings = NULL;
  RkWindow *win;

  if (store == NULL)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (active && RK_IS_WINDOW (active))
        rk_context_toast (GTK_WIDGET (active), error->message, FALSE, FALSE);
      else
        show_fatal (self, _("The Database Cannot Be Opened"), error->message);
      return;
    }
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  self->store = store;
  g_free (self->db_path);
  self->db_path = g_strdup (path);
  settings = rk_gui_settings ();
  /* Remembered for the next start, but never a password. */
  if (settings && !rk_store_location_has_password (path))
    g_settings_set_string (settings, "database-path", path);
  win = rk_window_new (GTK_APPLICATION (self), self->store);
  rk_window_present_when_read (win);
  for (GList *l = old; l; l = l->next)
    gtk_window_destroy (l->data);
  rk_window_offer_demo (win);
}

/* In a thread of GIO's: a server's connection and schema check. */
static void
open_in_thread (GTask *task, gpointer source, gpointer path, GCancellable *cancellable)
{
  GError *error = NULL;
  RkStore *store = rk_store_open (path, &error);

  if (store)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
server_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkApplication *self = RK_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  RkStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  self->opening = FALSE;
  use_database (self, g_task_get_task_data (G_TASK (result)), store, error);
  g_application_release (G_APPLICATION (self));
}

/* Preferences' "Open Another…", "New Database…" and a server's Connect:
 * the new database in a new window, the old windows closed once it
 * opened. A server is connected to in a thread: the windows keep
 * answering meanwhile (six round trips, or the whole connect timeout of a
 * server that does not answer); a second request meanwhile is dropped. */
static void
open_database_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  RkApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path = g_variant_get_string (param, NULL);
  RkStore *store;

  if (rk_store_is_server_uri (path))
    {
      GTask *task;

      if (self->opening)
        return;
      self->opening = TRUE;
      g_application_hold (G_APPLICATION (self));
      task = g_task_new (self, NULL, server_opened, NULL);
      g_task_set_task_data (task, g_strdup (path), g_free);
      g_task_run_in_thread (task, open_in_thread);
      g_object_unref (task);
      return;
    }
  store = rk_store_open (path, &error);
  use_database (self, path, store, error);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close through close-request so windows save their size. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (app));
}

static void
rk_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "quit", quit_action },
    { "open-database", open_database_action, "s" },
  };
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-event", { "<Control>n", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-problems", { "F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  RkApplication *self = RK_APPLICATION (app);

  /* Before GtkApplication's startup, which loads gtk/menus.ui from
   * the resource base path. */
  register_resources ();
  G_APPLICATION_CLASS (rk_application_parent_class)->startup (app);
  rk_gui_name_mnemonic_buttons ();
  if (empty_theme_set)
    {
      g_unsetenv ("GTK_THEME");
      empty_theme_set = FALSE;
    }

  /* The database now, and its worker reads the month of today while
   * libadwaita starts and the window is built (~a tenth of a second):
   * the window's first month is there when it is (a server's is on its
   * way, the worker connecting meanwhile). After GTK has started,
   * which changes the environment (startup notification), as the line
   * above does: the worker's thread reads it. A database that cannot be
   * opened is told when the application is activated. */
  if (self->store == NULL && open_store (self, &self->open_error))
    {
      self->context = rk_context_new (self->store);
      rk_store_worker_read_first_month (rk_context_get_worker (self->context));
    }

  rk_gui_init ();
  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static int
rk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RkApplication *self = RK_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("renkei %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db && *db)
    {
      g_free (self->db_path);
      /* A server location is not a file name to make absolute. */
      self->db_path = rk_store_is_server_uri (db) ? g_strdup (db)
                                                  : g_canonicalize_filename (db, NULL);
    }
  return -1;
}

static void
rk_application_dispose (GObject *object)
{
  RkApplication *self = RK_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_application_parent_class)->dispose (object);
}

static void
rk_application_finalize (GObject *object)
{
  RkApplication *self = RK_APPLICATION (object);

  g_free (self->db_path);
  g_clear_error (&self->open_error);
  G_OBJECT_CLASS (rk_application_parent_class)->finalize (object);
}

static void
rk_application_class_init (RkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rk_application_dispose;
  object_class->finalize = rk_application_finalize;
  app_class->activate = rk_application_activate;
  app_class->startup = rk_application_startup;
  app_class->handle_local_options = rk_application_handle_local_options;
}

static void
rk_application_init (RkApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

RkApplication *
rk_application_new (void)
{
  rk_gui_prefer_cairo_without_gpu ();
  start_on_empty_theme ();
  return g_object_new (RK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/renkei/Renkei",
                       NULL);
}
