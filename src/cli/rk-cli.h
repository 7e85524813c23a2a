#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs renkei-cli; returns its exit code (CLI.md). */
int rk_cli_main (int argc, char **argv);

G_END_DECLS
