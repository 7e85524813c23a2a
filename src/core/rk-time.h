#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Wall-clock times in the database's time zone, as minutes counted from
 * 0001-01-01T00:00 (proleptic Gregorian, GDate's Julian day numbering).
 * Japan has no daylight saving time, so wall-clock arithmetic is exact
 * for the default zone; the value round-trips "YYYY-MM-DDTHH:MM". */
typedef gint64 RkMinute;

/* A calendar day as GDate's Julian day number (1 = 0001-01-01). */
typedef guint32 RkDay;

#define RK_MINUTES_PER_DAY 1440

/* The years a date or time may name: wide enough for any schedule, and far
 * from the ends of the calendar arithmetic so ranges can be padded. */
#define RK_FIRST_YEAR 1900
#define RK_LAST_YEAR  2199
/* The longest range a listing or check expands at once (100 years). */
#define RK_MAX_RANGE_DAYS 36525

gboolean  rk_date_parse      (const char *text, RkDay *out);
gboolean  rk_time_parse      (const char *text, RkMinute *out);
gboolean  rk_month_parse     (const char *text, int *year, int *month);
gboolean  rk_clock_parse     (const char *text, int *minute_of_day);

/* Writes into buf (at least 17 bytes for a time, 11 for a date). */
char     *rk_time_format_buf (RkMinute t, char buf[17]);
char     *rk_date_format_buf (RkDay d, char buf[11]);
char     *rk_time_format     (RkMinute t);
char     *rk_date_format     (RkDay d);

RkDay     rk_day_from_ymd    (int year, int month, int day);
void      rk_day_to_ymd      (RkDay d, int *year, int *month, int *day);
/* 1 = Monday ... 7 = Sunday (ISO 8601, as GDateWeekday). */
int       rk_day_weekday     (RkDay d);
int       rk_days_in_month   (int year, int month);
/* The same day n months later (n may be negative), or the month's last day
 * when it is shorter: 2026-11-30 + 3 months is 2027-02-28. */
RkDay     rk_day_add_months  (RkDay d, int n);

static inline RkDay
rk_minute_day (RkMinute t)
{
  return (RkDay) (t / RK_MINUTES_PER_DAY);
}

static inline int
rk_minute_of_day (RkMinute t)
{
  return (int) (t % RK_MINUTES_PER_DAY);
}

static inline RkMinute
rk_minute_make (RkDay d, int minute_of_day)
{
  return (RkMinute) d * RK_MINUTES_PER_DAY + minute_of_day;
}

/* Today in the given IANA zone (NULL: Asia/Tokyo). RENKEI_TODAY=YYYY-MM-DD
 * overrides it, so tests and scripted runs can pin the date. */
RkDay     rk_today           (const char *tzid);
/* Now, as a wall-clock minute in that zone; with RENKEI_TODAY, the last
 * minute of that day. */
RkMinute  rk_now             (const char *tzid);

G_END_DECLS
