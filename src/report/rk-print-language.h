#pragma once

#include <glib.h>

#include "rk-holidays.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* The language of what Renkei prints and hands out (the monthly sheet, the
 * newsletter lines, a person's own schedule, the year plan). It is a
 * setting of the database, print_language, Japanese unless set, and never
 * the language of the shell or desktop that happens to make the file. */
typedef enum
{
  RK_PRINT_JA,
  RK_PRINT_EN,
} RkPrintLanguage;

/* "ja" or "en". */
gboolean     rk_print_language_parse    (const char *text, RkPrintLanguage *out);
const char  *rk_print_language_code     (RkPrintLanguage lang);
/* The store's print_language setting; Japanese when unset. */
RkPrintLanguage rk_print_language_from_store (RkStore *store);
/* A holiday's name in the print language. */
const char  *rk_print_holiday_name      (RkPrintLanguage lang, const RkHoliday *h);

/* msgid in the print language, from the translation catalog of that
 * language itself (not the process locale). English returns msgid. */
const char  *rk_print_gettext           (RkPrintLanguage lang, const char *msgid)
  G_GNUC_FORMAT (2);
const char  *rk_print_pgettext          (RkPrintLanguage lang, const char *context,
                                         const char *msgid) G_GNUC_FORMAT (3);

/* While a document is built on this thread, _() and C_() in the files that
 * include rk-print-i18n.h translate into this language; outside, they
 * follow the process locale (messages to the person at the keyboard).
 * push returns what pop restores. */
int             rk_print_language_push    (RkPrintLanguage lang);
void            rk_print_language_pop     (int previous);
/* The language being built (Japanese outside a document). */
RkPrintLanguage rk_print_language_current (void);
const char     *rk_print_i18n_gettext     (const char *msgid) G_GNUC_FORMAT (1);
const char     *rk_print_i18n_pgettext    (const char *context, const char *msgid)
  G_GNUC_FORMAT (2);

G_END_DECLS
