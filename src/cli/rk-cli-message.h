#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Cleans what renkei-cli writes to stderr (see rk-cli-message.c): installs
 * a GLib printerr handler knowing the command line's arguments. */
void   rk_cli_message_install   (int argc, char **argv);
void   rk_cli_message_set_args  (int argc, char **argv);
char  *rk_cli_message_clean     (const char *text);

G_END_DECLS
