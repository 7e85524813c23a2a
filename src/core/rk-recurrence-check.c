#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rk-error.h"
#include "rk-recurrence-private.h"

/* Whether month m (1…12) is allowed by BYMONTH. */
static gboolean
month_allowed (const Rule *r,
               int         m)
{
  if (!HAS (r, PART_BYMONTH))
    return TRUE;
  for (int j = 0; j < r->bymonth.n; j++)
    if (r->bymonth.v[j] == m)
      return TRUE;
  return FALSE;
}

/* Whether some allowed month has a day that every BYMONTHDAY / month-scoped
 * BYDAY position can agree on.  Weekdays themselves always line up in
 * some year, so only the day-of-month windows matter: the 2nd Monday is
 * on day 8 to 14, the last Friday on day L-6 to L. */
static gboolean
month_days_possible (const Rule *r)
{
  gboolean ords_scoped = r->freq == ICAL_MONTHLY_RECURRENCE ||
                         (r->freq == ICAL_YEARLY_RECURRENCE && HAS (r, PART_BYMONTH));
  gboolean all_ord = r->byday_n > 0 && ords_scoped;

  for (int i = 0; i < r->byday_n; i++)
    all_ord &= r->byday_ord[i] != 0;

  for (int m = 1; m <= 12; m++)
    {
      /* 2000 is a leap year: February may have 29 days. */
      int max_len = rk_days_in_month (2000, m);

      if (!month_allowed (r, m))
        continue;
      for (int len = (m == 2 ? 28 : max_len); len <= max_len; len++)
        for (int i = 0; i < MAX (r->bymonthday.n, 1); i++)
          {
            int lo = 1, hi = len;

            if (HAS (r, PART_BYMONTHDAY))
              {
                int v = r->bymonthday.v[i];

                lo = hi = v > 0 ? v : len + 1 + v;
                if (lo < 1 || lo > len)
                  continue;
              }
            if (!all_ord)
              return TRUE;
            for (int k = 0; k < r->byday_n; k++)
              {
                int n = r->byday_ord[k];
                int first = n > 0 ? 7 * (n - 1) + 1 : len + 1 + 7 * n;
                int last = first + 6;

                if (MAX (first, 1) <= MIN (last, len) && MAX (first, lo) <= MIN (last, hi))
                  return TRUE;
              }
          }
    }
  return FALSE;
}

/* An upper bound on the size of the set BYSETPOS picks from in one
 * period (a day, month or year). */
static int
set_size_bound (const Rule *r)
{
  int times = MAX (r->n_byhour, 1) * MAX (r->n_byminute, 1);
  int months = HAS (r, PART_BYMONTH) ? r->bymonth.n : 12;
  int days = 1;
  int by_day = 0;

  for (int i = 0; i < r->byday_n; i++)
    by_day += r->byday_ord[i] != 0 ? 1 : 5;

  switch (r->freq)
    {
    case ICAL_MONTHLY_RECURRENCE:
      /* Neither BYMONTHDAY nor BYDAY: DTSTART's day alone. */
      days = HAS (r, PART_BYMONTHDAY) || HAS (r, PART_BYDAY) ? 31 : 1;
      if (HAS (r, PART_BYMONTHDAY))
        days = MIN (days, r->bymonthday.n);
      if (HAS (r, PART_BYDAY))
        days = MIN (days, by_day);
      break;
    case ICAL_YEARLY_RECURRENCE:
      days = 366;
      if (HAS (r, PART_BYYEARDAY))
        days = MIN (days, r->n_byyearday);
      if (HAS (r, PART_BYMONTHDAY))
        days = MIN (days, r->bymonthday.n * months);
      if (HAS (r, PART_BYDAY))
        {
          int per_year = 0;

          for (int i = 0; i < r->byday_n; i++)
            per_year += HAS (r, PART_BYMONTH) ? (r->byday_ord[i] != 0 ? 1 : 5) * months
                                              : (r->byday_ord[i] != 0 ? 1 : 53);
          days = MIN (days, per_year);
        }
      if (!HAS (r, PART_BYYEARDAY) && !HAS (r, PART_BYMONTHDAY) && !HAS (r, PART_BYDAY))
        days = HAS (r, PART_BYMONTH) ? months : 1;
      break;
    case ICAL_DAILY_RECURRENCE:
    default:
      days = 1;
      break;
    }
  return days * times;
}

gboolean
rk_rule_check_combinations (const char *text,
                    Rule       *r,
                    GError    **error)
{
  const char *freq = icalrecur_freq_to_string (r->freq);
  gboolean monthly = r->freq == ICAL_MONTHLY_RECURRENCE;
  gboolean yearly = r->freq == ICAL_YEARLY_RECURRENCE;
  int max_ord;
  Part bad = N_PARTS;

  if (HAS (r, PART_COUNT) && HAS (r, PART_UNTIL))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("The repeat rule gives both COUNT and UNTIL; keep one of them, "
                             "for example FREQ=MONTHLY;BYDAY=1SU;COUNT=12"));
      return FALSE;
    }

  /* RFC 5545, section 3.3.10: which BYxxx parts each frequency allows. */
  if (r->freq == ICAL_WEEKLY_RECURRENCE && HAS (r, PART_BYMONTHDAY))
    bad = PART_BYMONTHDAY;
  else if (!yearly && HAS (r, PART_BYYEARDAY))
    bad = PART_BYYEARDAY;
  else if (!yearly && HAS (r, PART_BYWEEKNO))
    bad = PART_BYWEEKNO;
  if (bad != N_PARTS)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%s cannot be used with FREQ=%s; for example FREQ=MONTHLY;BYMONTHDAY=15 "
                     "repeats on the 15th of each month"),
                   rk_rrule_part_names[bad], freq);
      return FALSE;
    }

  /* libical 3.0 gets these wrong (BYWEEKNO picks other weekdays, BYSETPOS
   * is ignored for weekly rules, negative month days for daily ones), so
   * refuse them rather than show wrong dates. */
  if (r->freq == ICAL_YEARLY_RECURRENCE && HAS (r, PART_BYMONTHDAY) &&
      !HAS (r, PART_BYMONTH) && byday_has_ord (r))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("With FREQ=YEARLY, a BYDAY position together with BYMONTHDAY "
                             "needs BYMONTH as well, for example "
                             "FREQ=YEARLY;BYMONTH=5;BYDAY=2SU"));
      return FALSE;
    }
  if (HAS (r, PART_BYWEEKNO))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("Repeat rules with BYWEEKNO are not supported; use BYMONTH with "
                             "BYDAY instead, for example FREQ=YEARLY;BYMONTH=5;BYDAY=2SU"));
      return FALSE;
    }
  if (r->freq == ICAL_WEEKLY_RECURRENCE && HAS (r, PART_BYSETPOS))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("BYSETPOS cannot be used with FREQ=WEEKLY; list the weekdays "
                             "instead, for example FREQ=WEEKLY;BYDAY=FR"));
      return FALSE;
    }
  if (r->freq == ICAL_DAILY_RECURRENCE)
    for (int i = 0; i < r->bymonthday.n; i++)
      if (r->bymonthday.v[i] < 0)
        {
          g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                               _("Days counted from the end of the month need FREQ=MONTHLY, "
                                 "for example FREQ=MONTHLY;BYMONTHDAY=-1 for the last day of "
                                 "each month"));
          return FALSE;
        }

  /* A position in BYDAY counts within the month (MONTHLY, or YEARLY with
   * BYMONTH) or within the year. */
  max_ord = (monthly || (yearly && HAS (r, PART_BYMONTH))) ? 5 : 53;
  for (int i = 0; i < r->byday_n; i++)
    {
      int ord = r->byday_ord[i];
      char item[16];

      if (ord == 0)
        continue;
      g_snprintf (item, sizeof item, "%d%s", ord, rk_rrule_weekday_codes[r->byday_wd[i]]);
      if (!(monthly || yearly) || (yearly && HAS (r, PART_BYWEEKNO)))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("BYDAY=%s has a position, which only works with FREQ=MONTHLY or "
                         "FREQ=YEARLY; write for example FREQ=MONTHLY;BYDAY=1SU or "
                         "FREQ=WEEKLY;BYDAY=SU"),
                       item);
          return FALSE;
        }
      if (ABS (ord) > max_ord)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("BYDAY=%s asks for position %d, but a month has at most five of each "
                         "weekday; use 1 to 5, or -1 for the last, for example "
                         "FREQ=MONTHLY;BYDAY=-1FR"),
                       item, ord);
          return FALSE;
        }
    }

  if (HAS (r, PART_BYSETPOS) &&
      !(HAS (r, PART_BYDAY) || HAS (r, PART_BYMONTHDAY) || HAS (r, PART_BYMONTH) ||
        HAS (r, PART_BYYEARDAY) || HAS (r, PART_BYWEEKNO) || HAS (r, PART_BYHOUR) ||
        HAS (r, PART_BYMINUTE)))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("BYSETPOS picks among the days chosen by BYDAY, BYMONTHDAY or "
                             "another BY part, but the rule has none; write for example "
                             "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"));
      return FALSE;
    }

  /* Rules that can never produce an occurrence would make libical search
   * for a second or more before giving up: answer those here. */
  if (HAS (r, PART_BYMONTHDAY) || HAS (r, PART_BYDAY))
    {
      gboolean possible = month_days_possible (r);

      if (!possible && HAS (r, PART_BYMONTHDAY) && !HAS (r, PART_BYDAY))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("The repeat rule “%s” never falls on a date: none of its months has "
                         "that day; for example FREQ=MONTHLY;BYMONTHDAY=-1 repeats on the last "
                         "day of each month"),
                       text);
          return FALSE;
        }
      if (!possible)
        return rk_rule_set_never_error (error, text);
    }
  if (HAS (r, PART_BYSETPOS))
    {
      int bound = set_size_bound (r);
      gboolean reachable = FALSE;

      for (int i = 0; i < r->bysetpos.n; i++)
        reachable |= ABS (r->bysetpos.v[i]) <= bound;
      if (!reachable)
        return rk_rule_set_never_error (error, text);
    }
  return TRUE;
}
