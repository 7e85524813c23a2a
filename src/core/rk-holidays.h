#pragma once

#include <glib.h>

#include "rk-time.h"

G_BEGIN_DECLS

/* Japan's public holidays (国民の祝日 and the days the law makes holidays
 * with them: 振替休日, 国民の休日 and the one-off ceremony days), computed
 * by rule from the Act on National Holidays as in force on each date. */

#define RK_HOLIDAYS_FIRST_YEAR 1948
#define RK_HOLIDAYS_LAST_YEAR  2099

typedef struct
{
  int         year;
  int         month;
  int         day;
  const char *name_ja;
  const char *name_en;
} RkHoliday;

/* The holidays of YEAR sorted by date, element type RkHoliday; NULL outside
 * 1948..2099. The array belongs to the module (built once per year,
 * thread-safe) and lives as long as the program: do not free or modify it. */
const GArray    *rk_holidays_for_year (int year);

/* The holiday on that date, or NULL (also for dates out of range or
 * invalid). A table lookup once the year is built. */
const RkHoliday *rk_holiday_lookup    (int year,
                                       int month,
                                       int day);

gboolean         rk_is_holiday_day    (RkDay day);

/* The holidays of YEAR computed afresh, bypassing the per-year cache (the
 * benchmark times the rules themselves); the same content as
 * rk_holidays_for_year(). NULL outside 1948..2099; free with g_array_unref. */
GArray          *rk_holidays_compute  (int year);

G_END_DECLS
