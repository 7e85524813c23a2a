#pragma once

/* Include last in a file whose strings belong to a printed document: its
 * _() and C_() then translate into the print language of the document
 * being built (rk_print_language_push), whatever the process locale. The
 * strings are still extracted by xgettext as usual. */

#include <glib/gi18n-lib.h>

#include "rk-print-language.h"

#undef _
#undef C_
#define _(String) rk_print_i18n_gettext (String)
#define C_(Context, String) rk_print_i18n_pgettext (Context, String)
