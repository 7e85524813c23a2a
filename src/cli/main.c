#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rk-cli.h"
#include "rk-install.h"

int
main (int argc, char **argv)
{
  g_autofree char *localedir = rk_install_localedir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return rk_cli_main (argc, argv);
}
