#pragma once

#include "rk-cli-private.h"
#include "rk-print-language.h"

G_BEGIN_DECLS

/* --language ja|en, or the database's print_language setting. */
gboolean rk_cli_print_language (RkArgs *args, RkStore *store, RkPrintLanguage *out,
                                GError **error);

G_END_DECLS
