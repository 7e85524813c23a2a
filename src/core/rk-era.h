#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Japanese era (元号) of a Gregorian date: 明治, 大正, 昭和, 平成, 令和.
 * ERA_YEAR 1 is 元年. Returns FALSE for an invalid date or one before
 * 明治 (1868-01-25, the Gregorian date of 慶応4年1月1日, from which 明治
 * was counted). Japan kept its lunisolar calendar until 明治6年
 * (1873-01-01); for 1868..1872 the era year is taken as the Gregorian
 * year - 1867, so dates in early January of those years may differ by one
 * from the lunisolar year. Any output pointer may be NULL. */
gboolean  rk_era_for_date (int          year,
                           int          month,
                           int          day,
                           const char **name_ja,
                           const char **name_en,
                           int         *era_year);

/* "令和8年", "令和元年", "平成31年"; NULL where rk_era_for_date() is FALSE.
 * Free with g_free(). */
char     *rk_era_year_ja  (int year,
                           int month,
                           int day);

/* "Reiwa 8", "Reiwa 1"; NULL where rk_era_for_date() is FALSE. */
char     *rk_era_year_en  (int year,
                           int month,
                           int day);

G_END_DECLS
