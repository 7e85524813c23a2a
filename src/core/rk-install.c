#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <gio/gio.h>

#include "rk-install.h"

/* <prefix> of the running program: the folder above its bin/, or NULL
 * when it runs from the build tree or cannot tell. */
static char *
running_prefix (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;

  if (exe == NULL || g_str_has_prefix (exe, BUILD_ROOT "/"))
    return NULL;
  bindir = g_path_get_dirname (exe);
  return g_path_get_dirname (bindir);
}

char *
rk_install_localedir (void)
{
  const char *env = g_getenv ("RENKEI_LOCALEDIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *prefix = NULL;
  g_autofree char *here = NULL;

  if (env && *env)
    return g_strdup (env);
  if (exe && g_str_has_prefix (exe, BUILD_ROOT "/") &&
      g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return g_strdup (BUILD_LOCALEDIR);
  prefix = running_prefix ();
  if (prefix)
    {
      here = g_build_filename (prefix, "share", "locale", NULL);
      if (g_file_test (here, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&here);
    }
  return g_strdup (LOCALEDIR);
}

void
rk_install_find_schemas (const char *schema_id)
{
  g_autofree char *prefix = running_prefix ();
  g_autofree char *share = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *compiled = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;
  const char *const *system_dirs = g_get_system_data_dirs ();
  gboolean system = FALSE;

  /* Before the default schema source is made: it reads the variable once. */
  if (prefix)
    {
      share = g_build_filename (prefix, "share", NULL);
      for (guint i = 0; system_dirs[i]; i++)
        if (g_strcmp0 (system_dirs[i], share) == 0)
          system = TRUE;
      dir = g_build_filename (share, "glib-2.0", "schemas", NULL);
      compiled = g_build_filename (dir, "gschemas.compiled", NULL);
      if (!system && g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
        {
          const char *env = g_getenv ("GSETTINGS_SCHEMA_DIR");
          g_autofree char *both = env && *env
            ? g_strconcat (dir, G_SEARCHPATH_SEPARATOR_S, env, NULL)
            : g_strdup (dir);

          g_setenv ("GSETTINGS_SCHEMA_DIR", both, TRUE);
        }
    }

  source = g_settings_schema_source_get_default ();
  if (source)
    schema = g_settings_schema_source_lookup (source, schema_id, TRUE);
  /* Installed without its compiled schema, preferences would silently not
   * be kept: say so where an administrator looks. */
  if (schema == NULL && prefix)
    g_warning ("The settings schema %s is not installed (glib-compile-schemas %s "
               "was not run): preferences will not be kept", schema_id,
               dir);
}
