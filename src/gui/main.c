#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rk-application.h"
#include "rk-install.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(RkApplication) app = NULL;
  g_autofree char *localedir = rk_install_localedir ();

  setlocale (LC_ALL, "");
  /* Its own translations and schema, installed anywhere (rk-install.h). */
  rk_install_find_schemas (APP_ID);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Renkei"));

  app = rk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
