#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rk-cli.h"

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("RENKEI_LOCALEDIR");

  /* Run from the build tree, the catalogues are there until installed. */
  if (localedir == NULL && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    localedir = BUILD_LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return rk_cli_main (argc, argv);
}
