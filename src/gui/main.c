#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rk-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(RkApplication) app = NULL;
  const char *localedir = g_getenv ("RENKEI_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* RENKEI_LOCALEDIR lets the build tree's translations be used uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Renkei"));

  app = rk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
