#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-recurrence-private.h"

/* Months since year 0 of the day's month, for stepping by INTERVAL. */
static int
month_index (RkDay day)
{
  int y, m;

  rk_day_to_ymd (day, &y, &m, NULL);
  return y * 12 + m - 1;
}

/* Does day, in a month of dim days, match the month's BYDAY or BYMONTHDAY
 * (monthday when the rule has neither)? */
static gboolean
fast_month_day (const Rule *r, RkDay day, int mday, int dim, int monthday)
{
  if (r->byday_n > 0)
    {
      int wd = rk_day_weekday (day);

      for (int i = 0; i < r->byday_n; i++)
        {
          int ord = r->byday_ord[i];

          if (r->byday_wd[i] != wd)
            continue;
          if (ord == 0 || (ord > 0 && (mday - 1) / 7 + 1 == ord) ||
              (ord < 0 && (dim - mday) / 7 + 1 == -ord))
            return TRUE;
        }
      return FALSE;
    }
  if (r->bymonthday.n > 0)
    {
      for (int i = 0; i < r->bymonthday.n; i++)
        {
          int v = r->bymonthday.v[i];

          if (v == mday || (v < 0 && dim + 1 + v == mday))
            return TRUE;
        }
      return FALSE;
    }
  return mday == monthday;
}

typedef struct
{
  const Rule *r;
  RkMinute    dtstart;
  RkDay       from, to;
  GArray     *out;
  int         seen;
  int         steps;
} FastData;

/* One candidate day, in increasing order; FALSE once the series or the
 * range is over. */
static gboolean
fast_emit (FastData *f, RkDay day)
{
  RkMinute m = rk_minute_make (day, rk_minute_of_day (f->dtstart));

  if (m < f->dtstart)
    return TRUE;
  if ((f->r->until >= 0 && m > f->r->until) || (f->r->count > 0 && f->seen >= f->r->count) ||
      day > f->to || ++f->steps > MAX_STEPS)
    return FALSE;
  f->seen++;
  if (day >= f->from)
    g_array_append_val (f->out, m);
  return TRUE;
}

/* The rules people write most — daily, weekly on some weekdays, monthly on
 * an nth weekday or a day of the month — expanded by date arithmetic.
 * libical goes through ICU for every date (microseconds per occurrence)
 * and a month view expands hundreds of series; the results are the same
 * as iterate()'s. FALSE, with nothing appended, for any other rule. */
gboolean
rk_rule_fast_expand (const Rule *r, RkMinute dtstart, RkDay from, RkDay to, GArray *out)
{
  const guint simple = (1u << PART_FREQ) | (1u << PART_UNTIL) | (1u << PART_COUNT) |
                       (1u << PART_INTERVAL) | (1u << PART_BYDAY) | (1u << PART_BYMONTHDAY) |
                       (1u << PART_WKST);
  FastData f = { r, dtstart, from, to, out, 0, 0 };
  RkDay day0 = rk_minute_day (dtstart);
  /* Without COUNT the periods before from can be stepped over. */
  gboolean skip = r->count == 0 && from > day0;

  if ((r->parts & ~simple) != 0)
    return FALSE;

  if (r->freq == ICAL_DAILY_RECURRENCE)
    {
      RkDay day = day0;

      if (r->byday_n > 0 || r->bymonthday.n > 0)
        return FALSE;
      if (skip)
        day += (from - day0) / (RkDay) r->interval * (RkDay) r->interval;
      for (; day <= to; day += (RkDay) r->interval)
        if (!fast_emit (&f, day))
          break;
      return TRUE;
    }

  if (r->freq == ICAL_WEEKLY_RECURRENCE)
    {
      guint weekdays = 0;
      /* Weeks start on WKST; dtstart's week is the first of the series. */
      RkDay week = day0 - (RkDay) ((rk_day_weekday (day0) - r->wkst + 7) % 7);

      if (r->bymonthday.n > 0)
        return FALSE;
      for (int i = 0; i < r->byday_n; i++)
        {
          if (r->byday_ord[i] != 0)
            return FALSE;
          weekdays |= 1u << r->byday_wd[i];
        }
      if (r->byday_n == 0)
        weekdays = 1u << rk_day_weekday (day0);
      if (skip)
        week += (from - week) / (7 * (RkDay) r->interval) * 7 * (RkDay) r->interval;
      for (; week <= to; week += 7 * (RkDay) r->interval)
        for (RkDay day = week; day < week + 7; day++)
          if ((weekdays & (1u << rk_day_weekday (day))) && !fast_emit (&f, day))
            return TRUE;
      return TRUE;
    }

  if (r->freq == ICAL_MONTHLY_RECURRENCE)
    {
      int first = month_index (day0);
      int last = month_index (to);
      int k = first, monthday;

      if (r->byday_n > 0 && r->bymonthday.n > 0)
        return FALSE;
      rk_day_to_ymd (day0, NULL, NULL, &monthday);
      if (skip)
        k += (month_index (from) - first) / r->interval * r->interval;
      for (; k <= last; k += r->interval)
        {
          int y = k / 12, m = k % 12 + 1;
          int dim = rk_days_in_month (y, m);
          RkDay start = rk_day_from_ymd (y, m, 1);

          for (int mday = 1; mday <= dim; mday++)
            if (fast_month_day (r, start + (RkDay) (mday - 1), mday, dim, monthday) &&
                !fast_emit (&f, start + (RkDay) (mday - 1)))
              return TRUE;
        }
      return TRUE;
    }
  return FALSE;
}
