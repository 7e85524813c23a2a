#pragma once

#include "rk-print-language.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* The month as the plain lines a municipal newsletter (広報・おたより)
 * prints, ready to paste:
 *
 *   12月の予定
 *   毎週月曜休館
 *   9日(水) 10:00～12:00 健康相談と仲間づくり（きた子育てひろば）対象：妊婦・乳児と保護者
 *   29日～1/3 年末年始休館
 *
 * Public events only (no staff-only programs; tentative ones only when
 * asked); a cancelled one says （中止）. venue_id 0: every venue, each line
 * naming its venue. */
char *rk_newsletter_text (RkStore          *store,
                          int               year,
                          int               month,
                          gint64            venue_id,
                          gboolean          include_tentative,
                          RkPrintLanguage   language,
                          GError          **error);

G_END_DECLS
