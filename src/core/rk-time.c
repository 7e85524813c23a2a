#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rk-time.h"
#include "rk-timezone.h"

static gboolean
parse_digits (const char *s, int n, int *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

int
rk_days_in_month (int year, int month)
{
  static const int days[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (year < 1 || year > 9999 || month < 1 || month > 12)
    return 0;
  if (month == 2 && g_date_is_leap_year ((GDateYear) year))
    return 29;
  return days[month];
}

RkDay
rk_day_add_months (RkDay day, int n)
{
  int y, m, d, index;

  rk_day_to_ymd (day, &y, &m, &d);
  index = y * 12 + (m - 1) + n;
  y = index / 12;
  m = index % 12 + 1;
  return rk_day_from_ymd (y, m, MIN (d, rk_days_in_month (y, m)));
}

/* Days are GDate's Julian days (0001-01-01 is 1). Loading a schedule and
 * expanding it convert thousands of dates, and GDate validates and caches
 * on every call: valid dates of the proleptic Gregorian calendar are
 * counted here (days from 0000-03-01, years starting in March so the leap
 * day comes last), anything else still goes through GDate. */
#define DAY_OF_0000_03_01 (-305)

RkDay
rk_day_from_ymd (int year, int month, int day)
{
  GDate d;

  if (year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
      day <= rk_days_in_month (year, month))
    {
      int y = month <= 2 ? year - 1 : year;
      int mp = month <= 2 ? month + 9 : month - 3;

      return (RkDay) (365 * y + y / 4 - y / 100 + y / 400 + (153 * mp + 2) / 5 + day - 1 +
                      DAY_OF_0000_03_01);
    }
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&d);
}

void
rk_day_to_ymd (RkDay day, int *year, int *month, int *mday)
{
  GDate d;

  if (day >= 1 && day <= 3652059)   /* 0001-01-01 … 9999-12-31 */
    {
      int n = (int) day - DAY_OF_0000_03_01;
      int era = n / 146097, doe = n % 146097;
      int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      int mp = (5 * doy + 2) / 153;
      int m = mp < 10 ? mp + 3 : mp - 9;

      if (year)
        *year = era * 400 + yoe + (m <= 2);
      if (month)
        *month = m;
      if (mday)
        *mday = doy - (153 * mp + 2) / 5 + 1;
      return;
    }
  g_date_clear (&d, 1);
  g_date_set_julian (&d, day);
  if (year)
    *year = g_date_get_year (&d);
  if (month)
    *month = g_date_get_month (&d);
  if (mday)
    *mday = g_date_get_day (&d);
}

int
rk_day_weekday (RkDay day)
{
  /* Julian day 1 (0001-01-01) was a Monday. */
  return (int) ((day - 1) % 7) + 1;
}

static gboolean
parse_ymd (const char *s, int *y, int *m, int *d)
{
  if (!parse_digits (s, 4, y) || s[4] != '-' || !parse_digits (s + 5, 2, m) ||
      s[7] != '-' || !parse_digits (s + 8, 2, d))
    return FALSE;
  if (*y < RK_FIRST_YEAR || *y > RK_LAST_YEAR || *m < 1 || *m > 12 || *d < 1 || *d > rk_days_in_month (*y, *m))
    return FALSE;
  return TRUE;
}

gboolean
rk_date_parse (const char *text, RkDay *out)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || !parse_ymd (text, &y, &m, &d))
    return FALSE;
  if (out)
    *out = rk_day_from_ymd (y, m, d);
  return TRUE;
}

gboolean
rk_clock_parse (const char *text, int *minute_of_day)
{
  int h, mi;

  if (text == NULL || strlen (text) != 5 || !parse_digits (text, 2, &h) || text[2] != ':' ||
      !parse_digits (text + 3, 2, &mi) || h > 23 || mi > 59)
    {
      /* 24:00 is a valid end of day in a range such as 09:00-24:00. */
      if (text && g_strcmp0 (text, "24:00") == 0)
        {
          *minute_of_day = RK_MINUTES_PER_DAY;
          return TRUE;
        }
      return FALSE;
    }
  *minute_of_day = h * 60 + mi;
  return TRUE;
}

gboolean
rk_time_parse (const char *text, RkMinute *out)
{
  int y, m, d, h, mi;

  if (text == NULL || strlen (text) != 16 || !parse_ymd (text, &y, &m, &d) || text[10] != 'T' ||
      !parse_digits (text + 11, 2, &h) || text[13] != ':' || !parse_digits (text + 14, 2, &mi) ||
      h > 23 || mi > 59)
    return FALSE;
  if (out)
    *out = rk_minute_make (rk_day_from_ymd (y, m, d), h * 60 + mi);
  return TRUE;
}

gboolean
rk_month_parse (const char *text, int *year, int *month)
{
  int y, m;

  if (text == NULL || strlen (text) != 7 || !parse_digits (text, 4, &y) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &m) || y < RK_FIRST_YEAR || y > RK_LAST_YEAR || m < 1 ||
      m > 12)
    return FALSE;
  *year = y;
  *month = m;
  return TRUE;
}

char *
rk_date_format_buf (RkDay day, char buf[11])
{
  int y, m, d;

  rk_day_to_ymd (day, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", y, m, d);
  return buf;
}

char *
rk_time_format_buf (RkMinute t, char buf[17])
{
  int md = rk_minute_of_day (t);

  rk_date_format_buf (rk_minute_day (t), buf);
  g_snprintf (buf + 10, 7, "T%02d:%02d", md / 60, md % 60);
  return buf;
}

char *
rk_time_format (RkMinute t)
{
  char buf[17];

  return g_strdup (rk_time_format_buf (t, buf));
}

char *
rk_date_format (RkDay d)
{
  char buf[11];

  return g_strdup (rk_date_format_buf (d, buf));
}

RkDay
rk_today (const char *tzid)
{
  return rk_minute_day (rk_now (tzid));
}

RkMinute
rk_now (const char *tzid)
{
  const char *pinned = g_getenv ("RENKEI_TODAY");
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  RkDay day;

  if (pinned && rk_date_parse (pinned, &day))
    return rk_minute_make (day, RK_MINUTES_PER_DAY - 1);
  tz = rk_timezone_new (tzid ? tzid : "Asia/Tokyo");
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = g_date_time_new_now (tz);
  return rk_minute_make (rk_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                          g_date_time_get_day_of_month (now)),
                         g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now));
}
