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

/* The days of a month of dim days, its first a weekday wd1 (1 = Monday …
 * 7 = Sunday), that match the rule's BYDAY or BYMONTHDAY (monthday when
 * the rule has neither), as bit mday of the result. BYDAY: an nth weekday
 * is the nth of its kind counted from the month's start (ord > 0) or end
 * (ord < 0), each in its own week of seven days; every one of them without
 * an ordinal. Worked out from the first's weekday instead of asking each
 * day of the month for its own. */
static guint32
fast_month_days (const Rule *r, int wd1, int dim, int monthday)
{
  guint32 days = 0;

  if (r->byday_n > 0)
    {
      for (int i = 0; i < r->byday_n; i++)
        {
          int ord = r->byday_ord[i];
          /* The first day of the month with this weekday: 1 … 7. */
          int first = 1 + (r->byday_wd[i] - wd1 + 7) % 7;

          if (ord == 0)
            for (int mday = first; mday <= dim; mday += 7)
              days |= 1u << mday;
          else if (ord > 0 && first + 7 * (ord - 1) <= dim)
            days |= 1u << (first + 7 * (ord - 1));
          else if (ord < 0)
            {
              int last = first + (dim - first) / 7 * 7;

              if (last + 7 * (ord + 1) >= 1)
                days |= 1u << (last + 7 * (ord + 1));
            }
        }
      return days;
    }
  if (r->bymonthday.n > 0)
    {
      for (int i = 0; i < r->bymonthday.n; i++)
        {
          int v = r->bymonthday.v[i];

          if (v >= 1 && v <= dim)
            days |= 1u << v;
          else if (v < 0 && dim + 1 + v >= 1)
            days |= 1u << (dim + 1 + v);
        }
      return days;
    }
  return monthday <= dim ? 1u << monthday : 0;
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
      guint weekdays = 0, offsets = 0;
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
      /* A week starts on WKST: its day k is weekday (WKST + k - 1) % 7 + 1. */
      for (int k = 0; k < 7; k++)
        if (weekdays & (1u << ((r->wkst + k - 1) % 7 + 1)))
          offsets |= 1u << k;
      for (; week <= to; week += 7 * (RkDay) r->interval)
        for (guint left = offsets; left != 0; left &= left - 1)
          if (!fast_emit (&f, week + (RkDay) g_bit_nth_lsf (left, -1)))
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

          for (guint32 left = fast_month_days (r, rk_day_weekday (start), dim, monthday);
               left != 0; left &= left - 1)
            if (!fast_emit (&f, start + (RkDay) (g_bit_nth_lsf (left, -1) - 1)))
              return TRUE;
        }
      return TRUE;
    }
  return FALSE;
}
