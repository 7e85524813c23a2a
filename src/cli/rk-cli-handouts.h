#pragma once

#include "rk-cli-private.h"
#include "rk-print-language.h"

G_BEGIN_DECLS

/* --language ja|en, or the database's print_language setting. */
gboolean rk_cli_print_language (RkArgs *args, RkStore *store, RkPrintLanguage *out,
                                GError **error);

/* FALSE (naming the first) when one of flags is given with mode. */
gboolean rk_cli_refuse_flags (RkArgs *args, const char *mode, const char * const *flags,
                              GError **error);

/* export --staff …: one person's, or everyone's, own month. */
int      rk_cli_export_staff (RkArgs *args, int year, int month, gboolean ics, const char *path);

/* export --fiscal-year …: the year plan on one sheet. */
int      rk_cli_export_year  (RkArgs *args);

G_END_DECLS
