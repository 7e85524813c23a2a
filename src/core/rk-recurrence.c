#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rk-error.h"
#include "rk-recurrence.h"

/* Bounds that keep one call to a fraction of a second.  libical 3.0 on
 * Debian is built with ICU and spends a few microseconds per occurrence. */
#define MAX_COUNT    100000
#define MAX_INTERVAL 1000
#define MAX_STEPS    200000

/* UTC UNTIL values are read in the default database zone (see the header). */
#define UNTIL_ZONE "Asia/Tokyo"

typedef enum
{
  PART_FREQ,
  PART_UNTIL,
  PART_COUNT,
  PART_INTERVAL,
  PART_BYMINUTE,
  PART_BYHOUR,
  PART_BYDAY,
  PART_BYMONTHDAY,
  PART_BYYEARDAY,
  PART_BYWEEKNO,
  PART_BYMONTH,
  PART_BYSETPOS,
  PART_WKST,
  N_PARTS
} Part;

static const char * const part_names[N_PARTS] = {
  "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYMINUTE", "BYHOUR", "BYDAY",
  "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
};

/* Index 1 = Monday … 7 = Sunday, as rk_day_weekday(). */
static const char * const weekday_codes[8] = {
  NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU",
};

/* List limits follow libical's fixed arrays, which would silently drop
 * anything beyond them. */
#define MAX_LIST 385

typedef struct
{
  int n;
  int v[MAX_LIST];
} IntList;

typedef struct
{
  guint parts;                  /* 1 << Part for each part given */
  icalrecurrencetype_frequency freq;
  int interval;
  int count;                    /* 0: no COUNT */
  RkMinute until;               /* wall clock, inclusive; -1: no UNTIL */
  gboolean until_is_date;
  int wkst;                     /* 1 = Monday … 7 = Sunday */
  /* Weekly rules with INTERVAL > 1 run shifted (see rule_parse): libical
   * sees dates weekly_shift days earlier, and BYMONTH, UNTIL and COUNT
   * are applied here. */
  gboolean weekly_shifted;
  int weekly_shift;
  int byday_n;
  int byday_ord[MAX_LIST];      /* 0: every such weekday */
  int byday_wd[MAX_LIST];       /* 1 = Monday … 7 = Sunday */
  IntList bymonthday;
  IntList bymonth;
  IntList bysetpos;
  int n_byhour;                 /* list lengths, for bounding BYSETPOS */
  int n_byminute;
  int n_byyearday;
  struct icalrecurrencetype ical;
} Rule;

#define HAS(r, p) (((r)->parts & (1u << (p))) != 0)

static gboolean
parse_int (const char *s,
           gboolean    allow_sign,
           int        *out)
{
  gboolean neg = FALSE;
  gint64 v = 0;
  int digits = 0;

  if (allow_sign && (*s == '+' || *s == '-'))
    neg = *s++ == '-';
  for (; g_ascii_isdigit (*s); s++, digits++)
    {
      if (digits >= 7)
        return FALSE;
      v = v * 10 + (*s - '0');
    }
  if (digits == 0 || *s != '\0')
    return FALSE;
  *out = (int) (neg ? -v : v);
  return TRUE;
}

static int
weekday_from_code (const char *s)
{
  for (int i = 1; i <= 7; i++)
    if (strcmp (s, weekday_codes[i]) == 0)
      return i;
  return 0;
}

static gboolean
set_list_error (GError    **error,
                const char *name,
                const char *value,
                int         max,
                gboolean    allow_negative)
{
  if (allow_negative)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                 _("%s=%s is not valid: each value must be from 1 to %d, or from -%d to -1 "
                   "to count from the end, for example FREQ=MONTHLY;BYMONTHDAY=-1"),
                 name, value, max, max);
  else
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                 _("%s=%s is not valid: it must be whole numbers from 0 to %d, for example "
                   "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                 name, value, max);
  return FALSE;
}

/* Duplicates would count twice in libical's sets (BYSETPOS), once in
 * RFC 5545's. */
static gboolean
set_duplicate_error (GError    **error,
                     const char *name,
                     const char *value)
{
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("%s=%s lists a value twice; give each value once, for example "
                 "FREQ=MONTHLY;BYMONTHDAY=1,15"),
               name, value);
  return FALSE;
}

/* Comma-separated integers in [lo, hi], zero excluded when negatives are
 * allowed (they count from the end). */
static gboolean
parse_int_list (const char *name,
                const char *value,
                int         lo,
                int         hi,
                gboolean    allow_negative,
                IntList    *list,
                GError    **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);

  list->n = 0;
  for (int i = 0; items[i]; i++)
    {
      int v;

      if (!parse_int (items[i], allow_negative, &v) ||
          (allow_negative ? (v == 0 || v < -hi || v > hi) : (v < lo || v > hi)))
        {
          if (allow_negative)
            return set_list_error (error, name, value, hi, TRUE);
          if (lo == 1)
            {
              g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                           _("%s=%s is not valid: it must be whole numbers from 1 to %d, "
                             "for example FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=20"),
                           name, value, hi);
              return FALSE;
            }
          return set_list_error (error, name, value, hi, FALSE);
        }
      for (int j = 0; j < list->n; j++)
        if (list->v[j] == v)
          return set_duplicate_error (error, name, value);
      if (list->n >= MAX_LIST)
        break;
      list->v[list->n++] = v;
    }
  return TRUE;
}

static gboolean
parse_until (const char *s,
             Rule       *r)
{
  int y, mo, d, h = 23, mi = 59, sec = 59;
  gsize len = strlen (s);
  gboolean utc = FALSE;

  if (len != 8 && len != 15 && len != 16)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (i == 8)
        {
          if (s[i] != 'T')
            return FALSE;
        }
      else if (i == 15)
        {
          if (s[i] != 'Z')
            return FALSE;
          utc = TRUE;
        }
      else if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }
#define DIGITS2(p) ((s[p] - '0') * 10 + (s[(p) + 1] - '0'))
  y = DIGITS2 (0) * 100 + DIGITS2 (2);
  mo = DIGITS2 (4);
  d = DIGITS2 (6);
  if (len > 8)
    {
      h = DIGITS2 (9);
      mi = DIGITS2 (11);
      sec = DIGITS2 (13);
    }
#undef DIGITS2
  if (y < 1 || !g_date_valid_dmy (d, mo, y) || h > 23 || mi > 59 || sec > 60)
    return FALSE;

  r->until_is_date = len == 8;
  if (utc)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (UNTIL_ZONE);
      g_autoptr(GDateTime) dt_utc = g_date_time_new_utc (y, mo, d, h, mi, MIN (sec, 59));
      g_autoptr(GDateTime) dt = NULL;

      if (tz == NULL)
        tz = g_time_zone_new_offset (9 * 3600);
      if (dt_utc == NULL)
        return FALSE;
      dt = g_date_time_to_timezone (dt_utc, tz);
      if (dt == NULL)
        return FALSE;
      y = g_date_time_get_year (dt);
      mo = g_date_time_get_month (dt);
      d = g_date_time_get_day_of_month (dt);
      h = g_date_time_get_hour (dt);
      mi = g_date_time_get_minute (dt);
    }
  /* Occurrences start on whole minutes, so the minute of UNTIL is inclusive. */
  r->until = rk_minute_make (rk_day_from_ymd (y, mo, d), h * 60 + mi);
  return TRUE;
}

static gboolean
parse_byday (const char *value,
             Rule       *r,
             GError    **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);

  r->byday_n = 0;
  for (int i = 0; items[i]; i++)
    {
      const char *s = items[i];
      gsize len = strlen (s);
      int ord = 0, wd;

      char prefix[8] = "";

      if (len >= 2 && len - 2 < sizeof prefix)
        {
          memcpy (prefix, s, len - 2);
          prefix[len - 2] = '\0';
        }
      if (len < 2 || len - 2 >= sizeof prefix || (wd = weekday_from_code (s + len - 2)) == 0 ||
          (len > 2 && !(parse_int (prefix, TRUE, &ord) && ord != 0 && ABS (ord) <= 53)))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("BYDAY=%s is not valid: use weekdays SU, MO, TU, WE, TH, FR, SA, "
                         "optionally with a position such as 1SU (first Sunday) or -1FR "
                         "(last Friday), for example FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                       value);
          return FALSE;
        }
      for (int j = 0; j < r->byday_n; j++)
        if (r->byday_ord[j] == ord && r->byday_wd[j] == wd)
          return set_duplicate_error (error, "BYDAY", value);
      if (r->byday_n >= MAX_LIST)
        break;
      r->byday_ord[r->byday_n] = ord;
      r->byday_wd[r->byday_n] = wd;
      r->byday_n++;
    }
  return TRUE;
}

static gboolean
check_list_length (const char *name,
                   int         n,
                   int         max,
                   GError    **error)
{
  if (n <= max)
    return TRUE;
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("%s lists more than %d values; list each value once, for example "
                 "FREQ=MONTHLY;BYMONTHDAY=1,15"),
               name, max);
  return FALSE;
}

static gboolean
set_never_error (GError    **error,
                 const char *rrule)
{
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("The repeat rule “%s” never falls on a date, or combines its parts in a "
                 "way that cannot be followed; check that its BYDAY, BYMONTHDAY, BYMONTH and "
                 "BYSETPOS fit together, for example FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;"
                 "BYSETPOS=-1 for the last weekday of each month"),
               rrule);
  return FALSE;
}

static gboolean
byday_has_ord (const Rule *r)
{
  for (int i = 0; i < r->byday_n; i++)
    if (r->byday_ord[i] != 0)
      return TRUE;
  return FALSE;
}

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

static gboolean
check_combinations (const char *text,
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
                   part_names[bad], freq);
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
      g_snprintf (item, sizeof item, "%d%s", ord, weekday_codes[r->byday_wd[i]]);
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
        return set_never_error (error, text);
    }
  if (HAS (r, PART_BYSETPOS))
    {
      int bound = set_size_bound (r);
      gboolean reachable = FALSE;

      for (int i = 0; i < r->bysetpos.n; i++)
        reachable |= ABS (r->bysetpos.v[i]) <= bound;
      if (!reachable)
        return set_never_error (error, text);
    }
  return TRUE;
}

/* Parses and checks rrule into r; r->ical is ready for an iterator. */
/* libical 3.0 ignores BYSETPOS under FREQ=WEEKLY. Without BYMONTH and with
 * one time of day, a week's set is exactly the BYDAY weekdays in the order
 * WKST gives them (RFC 5545, python-dateutil), so BYSETPOS picks fixed
 * weekdays: rewrite the rule to those, which every path then expands. */
static gboolean
weekly_setpos_to_byday (Rule *r, char **text, GError **error)
{
  gboolean keep[8] = { FALSE };
  int order[7], n = 0;
  GString *out;
  g_auto(GStrv) items = NULL;

  if (r->freq != ICAL_WEEKLY_RECURRENCE || !HAS (r, PART_BYSETPOS) || !HAS (r, PART_BYDAY) ||
      HAS (r, PART_BYMONTH) || r->n_byhour > 1 || r->n_byminute > 1)
    return TRUE;   /* left to check_combinations () */

  for (int k = 0; k < 7; k++)
    {
      int wd = (r->wkst - 1 + k) % 7 + 1;

      for (int i = 0; i < r->byday_n; i++)
        if (r->byday_wd[i] == wd)
          {
            order[n++] = wd;
            break;
          }
    }
  for (int i = 0; i < r->bysetpos.n; i++)
    {
      int pos = r->bysetpos.v[i];
      int idx = pos > 0 ? pos - 1 : n + pos;

      if (idx >= 0 && idx < n)
        keep[order[idx]] = TRUE;
    }

  r->byday_n = 0;
  for (int wd = 1; wd <= 7; wd++)
    if (keep[wd])
      {
        r->byday_ord[r->byday_n] = 0;
        r->byday_wd[r->byday_n++] = wd;
      }
  if (r->byday_n == 0)
    return set_never_error (error, *text);

  out = g_string_new (NULL);
  items = g_strsplit (*text, ";", -1);
  for (int i = 0; items[i]; i++)
    {
      if (g_str_has_prefix (items[i], "BYSETPOS="))
        continue;
      if (out->len)
        g_string_append_c (out, ';');
      if (g_str_has_prefix (items[i], "BYDAY="))
        {
          g_string_append (out, "BYDAY=");
          for (int j = 0; j < r->byday_n; j++)
            g_string_append_printf (out, "%s%s", j ? "," : "", weekday_codes[r->byday_wd[j]]);
        }
      else
        g_string_append (out, items[i]);
    }
  r->parts &= ~(1u << PART_BYSETPOS);
  r->bysetpos.n = 0;
  g_free (*text);
  *text = g_string_free (out, FALSE);
  return TRUE;
}

static gboolean
rule_parse (const char *rrule,
            Rule       *r,
            GError    **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) items = NULL;

  memset (r, 0, sizeof *r);
  r->interval = 1;
  r->until = -1;
  r->wkst = 1;

  text = g_ascii_strup (rrule ? rrule : "", -1);
  g_strstrip (text);
  if (g_str_has_prefix (text, "RRULE:"))
    memmove (text, text + 6, strlen (text + 6) + 1);
  if (*text == '\0')
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("The repeat rule is empty; write for example "
                             "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"));
      return FALSE;
    }

  items = g_strsplit (text, ";", -1);
  for (int i = 0; items[i]; i++)
    {
      const char *item = items[i];
      const char *eq = strchr (item, '=');
      g_autofree char *name = NULL;
      const char *value;
      Part p;

      if (eq == NULL || eq == item || eq[1] == '\0')
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("“%s” in the repeat rule is not NAME=VALUE; write for example "
                         "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                       item);
          return FALSE;
        }
      name = g_strndup (item, eq - item);
      value = eq + 1;
      for (p = 0; p < N_PARTS; p++)
        if (strcmp (name, part_names[p]) == 0)
          break;
      if (p == N_PARTS)
        {
          if (strcmp (name, "BYSECOND") == 0 || strcmp (name, "RSCALE") == 0 ||
              strcmp (name, "SKIP") == 0)
            g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                         _("Repeat rules with %s are not supported: events start on whole "
                           "minutes of the Gregorian calendar; write for example "
                           "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                         name);
          else
            g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                         _("The repeat rule has an unknown part “%s”; use FREQ, INTERVAL, "
                           "COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYYEARDAY, "
                           "BYWEEKNO, BYHOUR, BYMINUTE or WKST, for example "
                           "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                         name);
          return FALSE;
        }
      if (HAS (r, p))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("The repeat rule gives %s twice; give each part once, for example "
                         "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                       name);
          return FALSE;
        }
      r->parts |= 1u << p;

      switch (p)
        {
        case PART_FREQ:
          if (strcmp (value, "DAILY") == 0)
            r->freq = ICAL_DAILY_RECURRENCE;
          else if (strcmp (value, "WEEKLY") == 0)
            r->freq = ICAL_WEEKLY_RECURRENCE;
          else if (strcmp (value, "MONTHLY") == 0)
            r->freq = ICAL_MONTHLY_RECURRENCE;
          else if (strcmp (value, "YEARLY") == 0)
            r->freq = ICAL_YEARLY_RECURRENCE;
          else
            {
              g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                           _("FREQ=%s is not a frequency events can repeat at; use DAILY, "
                             "WEEKLY, MONTHLY or YEARLY, for example "
                             "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                           value);
              return FALSE;
            }
          break;

        case PART_UNTIL:
          if (!parse_until (value, r))
            {
              g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                           _("UNTIL=%s is not a date; write it as YYYYMMDD or "
                             "YYYYMMDDTHHMMSS, for example FREQ=MONTHLY;BYDAY=1SU;UNTIL=20270331"),
                           value);
              return FALSE;
            }
          break;

        case PART_COUNT:
        case PART_INTERVAL:
          {
            int max = p == PART_COUNT ? MAX_COUNT : MAX_INTERVAL;
            int v;

            if (!parse_int (value, FALSE, &v) || v < 1 || v > max)
              {
                g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                             _("%s=%s is not valid: it must be a whole number from 1 to %d, "
                               "for example FREQ=MONTHLY;BYDAY=1SU;COUNT=12"),
                             name, value, max);
                return FALSE;
              }
            if (p == PART_COUNT)
              r->count = v;
            else
              r->interval = v;
          }
          break;

        case PART_BYMINUTE:
        case PART_BYHOUR:
          {
            IntList scratch;

            if (!parse_int_list (name, value, 0, p == PART_BYHOUR ? 23 : 59, FALSE,
                                 &scratch, error) ||
                !check_list_length (name, scratch.n, p == PART_BYHOUR ? 24 : 60, error))
              return FALSE;
            if (p == PART_BYHOUR)
              r->n_byhour = scratch.n;
            else
              r->n_byminute = scratch.n;
          }
          break;

        case PART_BYDAY:
          if (!parse_byday (value, r, error) ||
              !check_list_length (name, r->byday_n, ICAL_BY_DAY_SIZE - 1, error))
            return FALSE;
          break;

        case PART_BYMONTHDAY:
          if (!parse_int_list (name, value, 1, 31, TRUE, &r->bymonthday, error) ||
              !check_list_length (name, r->bymonthday.n, ICAL_BY_MONTHDAY_SIZE - 1, error))
            return FALSE;
          break;

        case PART_BYYEARDAY:
        case PART_BYSETPOS:
          {
            IntList scratch;
            IntList *list = p == PART_BYSETPOS ? &r->bysetpos : &scratch;

            if (!parse_int_list (name, value, 1, 366, TRUE, list, error) ||
                !check_list_length (name, list->n, ICAL_BY_YEARDAY_SIZE - 1, error))
              return FALSE;
            if (p == PART_BYYEARDAY)
              r->n_byyearday = scratch.n;
          }
          break;

        case PART_BYWEEKNO:
          {
            IntList scratch;

            if (!parse_int_list (name, value, 1, 53, TRUE, &scratch, error) ||
                !check_list_length (name, scratch.n, ICAL_BY_WEEKNO_SIZE - 1, error))
              return FALSE;
          }
          break;

        case PART_BYMONTH:
          if (!parse_int_list (name, value, 1, 12, FALSE, &r->bymonth, error) ||
              !check_list_length (name, r->bymonth.n, 12, error))
            return FALSE;
          break;

        case PART_WKST:
          if ((r->wkst = weekday_from_code (value)) == 0)
            {
              g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                           _("WKST=%s is not a weekday; use SU, MO, TU, WE, TH, FR or SA, "
                             "for example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU"),
                           value);
              return FALSE;
            }
          break;

        case N_PARTS:
        default:
          g_assert_not_reached ();
        }
    }

  if (!HAS (r, PART_FREQ))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("The repeat rule has no FREQ; start it with FREQ=DAILY, WEEKLY, "
                             "MONTHLY or YEARLY, for example FREQ=MONTHLY;BYDAY=1SU;COUNT=12"));
      return FALSE;
    }
  if (!weekly_setpos_to_byday (r, &text, error))
    return FALSE;
  if (!check_combinations (text, r, error))
    return FALSE;

  /* RFC 5545 reads FREQ=YEARLY;BYMONTHDAY=10 as the 10th of every month;
   * libical 3.0 takes only DTSTART's month.  Name the months for it. */
  if (r->freq == ICAL_YEARLY_RECURRENCE && HAS (r, PART_BYMONTHDAY) &&
      !HAS (r, PART_BYMONTH) && !HAS (r, PART_BYYEARDAY) && !byday_has_ord (r))
    {
      char *with_months = g_strconcat (text, ";BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12", NULL);

      g_free (text);
      text = with_months;
    }

  /* libical 3.0 expands FREQ=WEEKLY;INTERVAL=2 or more with weeks that
   * start on Sunday whatever WKST says, skips the first week when DTSTART
   * is not one of its days, and restarts the week count each year under
   * BYMONTH.  With WKST=SU and no BYMONTH it agrees with RFC 5545.  So
   * move every date back by the days from Sunday to WKST (weeks then
   * start on Sunday), shift BYDAY the same way, and apply BYMONTH, UNTIL
   * and COUNT to the dates moved back. */
  if (r->freq == ICAL_WEEKLY_RECURRENCE && r->interval > 1)
    {
      GString *shifted = g_string_new (NULL);

      r->weekly_shifted = TRUE;
      r->weekly_shift = r->wkst % 7;
      g_string_printf (shifted, "FREQ=WEEKLY;INTERVAL=%d;WKST=SU", r->interval);
      if (r->byday_n > 0)
        {
          g_string_append (shifted, ";BYDAY=");
          for (int i = 0; i < r->byday_n; i++)
            {
              int wd = (r->byday_wd[i] - 1 - r->weekly_shift + 7) % 7 + 1;

              g_string_append_printf (shifted, "%s%s", i ? "," : "", weekday_codes[wd]);
            }
        }
      for (int i = 0; items[i]; i++)
        if (g_str_has_prefix (items[i], "BYHOUR=") || g_str_has_prefix (items[i], "BYMINUTE="))
          g_string_append_printf (shifted, ";%s", items[i]);
      g_free (text);
      text = g_string_free (shifted, FALSE);
    }

  icalerror_clear_errno ();
  r->ical = icalrecurrencetype_from_string (text);
  if (r->ical.freq != r->freq || icalerrno != ICAL_NO_ERROR)
    goto never;
  if (r->ical.rscale)
    {
      /* Not reachable (RSCALE is refused above), but the string is ours. */
      free (r->ical.rscale);
      r->ical.rscale = NULL;
    }
  if (r->until >= 0 && !r->weekly_shifted)
    {
      /* libical compares a date-only UNTIL with midnight; give it the last
       * second of the day instead, as a floating date-time. */
      int y, mo, d, md = rk_minute_of_day (r->until);

      rk_day_to_ymd (rk_minute_day (r->until), &y, &mo, &d);
      r->ical.until = icaltime_null_time ();
      r->ical.until.year = y;
      r->ical.until.month = mo;
      r->ical.until.day = d;
      r->ical.until.hour = md / 60;
      r->ical.until.minute = md % 60;
      r->ical.until.second = 59;
      r->ical.until.is_date = 0;
    }

  return TRUE;

never:
  return set_never_error (error, rrule);
}

/* libical refuses an iterator for some rules that can never produce
 * anything (BYSETPOS beyond the days of the set, BYYEARDAY outside
 * BYMONTH).  It starts on 2000-01-01, a leap year that INTERVAL=N years
 * cannot step away from, so the answer does not hang on a chosen dtstart. */
static gboolean
rule_probe (const Rule  *r,
            const char  *rrule,
            GError     **error)
{
  struct icaltimetype start = icaltime_null_time ();
  icalrecur_iterator *it;

  start.year = 2000;
  start.month = 1;
  start.day = 1;
  start.is_date = 0;
  it = icalrecur_iterator_new (r->ical, start);
  if (it == NULL)
    return set_never_error (error, rrule);
  icalrecur_iterator_free (it);
  return TRUE;
}

gboolean
rk_rrule_validate (const char  *rrule,
                   GError     **error)
{
  g_autofree Rule *r = g_new (Rule, 1);

  return rule_parse (rrule, r, error) && rule_probe (r, rrule, error);
}

static struct icaltimetype
ical_from_minute (RkMinute t)
{
  struct icaltimetype it = icaltime_null_time ();
  int y, mo, d, md = rk_minute_of_day (t);

  rk_day_to_ymd (rk_minute_day (t), &y, &mo, &d);
  it.year = y;
  it.month = mo;
  it.day = d;
  it.hour = md / 60;
  it.minute = md % 60;
  it.second = 0;
  it.is_date = 0;
  return it;
}

/* Returns FALSE to stop the iteration. */
typedef gboolean (*VisitFunc) (RkMinute t, gpointer data);

typedef enum
{
  ITER_DONE,     /* the rule or the visitor ended it */
  ITER_CAPPED,   /* MAX_STEPS reached */
  ITER_FAILED,   /* libical would not build an iterator */
} IterResult;

/* FALSE when an INTERVAL keeps the series away from every BYMONTH month
 * (FREQ=MONTHLY;INTERVAL=3;BYMONTH=2 from January), which libical would
 * only find out after searching for centuries. */
static gboolean
months_reachable (const Rule *r,
                  RkMinute    dtstart)
{
  int y, m0;
  guint reach = 0, wanted = 0;

  if (r->freq != ICAL_MONTHLY_RECURRENCE || !HAS (r, PART_BYMONTH) || r->interval == 1)
    return TRUE;
  rk_day_to_ymd (rk_minute_day (dtstart), &y, &m0, NULL);
  for (int k = 0; k < 12; k++)
    reach |= 1u << ((m0 - 1 + k * r->interval) % 12 + 1);
  for (int i = 0; i < r->bymonth.n; i++)
    wanted |= 1u << r->bymonth.v[i];
  return (reach & wanted) != 0;
}

/* Walks the occurrences of r from dtstart in order, or from the first one
 * on or after day skip_to when the rule allows skipping (no COUNT).
 * *n_seen counts the occurrences libical produced. ITER_FAILED means the
 * series has no occurrence at all from this dtstart. */
static IterResult
iterate (const Rule *r,
         RkMinute    dtstart,
         RkDay       skip_to,
         VisitFunc   visit,
         gpointer    data,
         int        *n_seen)
{
  /* For shifted weekly rules libical works this many minutes earlier. */
  RkMinute shift = r->weekly_shifted ? (RkMinute) r->weekly_shift * RK_MINUTES_PER_DAY : 0;
  icalrecur_iterator *it;
  RkMinute prev = -1;
  IterResult result = ITER_DONE;
  guint months = 0;

  *n_seen = 0;
  if (!months_reachable (r, dtstart))
    return ITER_FAILED;
  if (r->weekly_shifted)
    for (int i = 0; i < r->bymonth.n; i++)
      months |= 1u << r->bymonth.v[i];

  /* libical refuses an iterator when it sees the rule cannot produce
   * anything from this start (FEB 29 every other year from an odd year). */
  it = icalrecur_iterator_new (r->ical, ical_from_minute (dtstart - shift));
  if (it == NULL)
    return ITER_FAILED;

  if (r->count == 0 && skip_to > rk_minute_day (dtstart) &&
      !icalrecur_iterator_set_start (it, ical_from_minute (rk_minute_make (skip_to, 0) - shift)))
    {
      /* Past UNTIL, or refused: start over from dtstart. */
      icalrecur_iterator_free (it);
      it = icalrecur_iterator_new (r->ical, ical_from_minute (dtstart - shift));
      if (it == NULL)
        return ITER_FAILED;
    }

  for (int step = 0;; step++)
    {
      struct icaltimetype t;
      RkMinute m;

      if (step >= MAX_STEPS)
        {
          g_debug ("Recurrence stopped after %d steps", step);
          result = ITER_CAPPED;
          break;
        }
      t = icalrecur_iterator_next (it);
      if (icaltime_is_null_time (t) || !g_date_valid_dmy (t.day, t.month, t.year))
        break;
      m = rk_minute_make (rk_day_from_ymd (t.year, t.month, t.day), t.hour * 60 + t.minute);
      m += shift;
      /* Each occurrence must be later than the last, or we would loop. */
      if (m <= prev)
        {
          g_debug ("Recurrence went back in time; stopping");
          break;
        }
      prev = m;
      if (r->weekly_shifted)
        {
          int month;

          if (r->until >= 0 && m > r->until)
            break;
          rk_day_to_ymd (rk_minute_day (m), NULL, &month, NULL);
          if (months != 0 && !(months & (1u << month)))
            continue;
          if (r->count > 0 && *n_seen >= r->count)
            break;
        }
      (*n_seen)++;
      if (m < dtstart)
        continue;
      if (!visit (m, data))
        break;
    }
  icalrecur_iterator_free (it);
  return result;
}

/* Parsed rules by their text. A month view expands hundreds of series
 * whose rules repeat ("Tuesdays and Thursdays until 31 March"), and
 * parsing costs more than expanding. A Rule is ~10 kB (libical's BY*
 * arrays), so a hit hands out a reference, not a copy: copying it cost a
 * month view more than the expansion itself. Bounded: emptied when full;
 * a rule still in use lives on until its last reference is dropped. */
#define RULE_CACHE_SIZE 128

G_LOCK_DEFINE_STATIC (rule_cache);
static GHashTable *rule_cache;   /* rule text → Rule (atomic rc box) */

static void
rule_release (gpointer r)
{
  g_atomic_rc_box_release (r);
}

static Rule *
rule_parse_cached (const char  *rrule,
                   GError     **error)
{
  Rule *r = NULL;

  G_LOCK (rule_cache);
  if (rule_cache && rrule)
    r = g_hash_table_lookup (rule_cache, rrule);
  if (r)
    g_atomic_rc_box_acquire (r);
  G_UNLOCK (rule_cache);
  if (r)
    return r;
  r = g_atomic_rc_box_new (Rule);
  if (!rule_parse (rrule, r, error))
    {
      g_atomic_rc_box_release (r);
      return NULL;
    }
  g_assert (r->ical.rscale == NULL);

  G_LOCK (rule_cache);
  if (rule_cache == NULL)
    rule_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rule_release);
  if (g_hash_table_size (rule_cache) >= RULE_CACHE_SIZE)
    g_hash_table_remove_all (rule_cache);
  g_hash_table_replace (rule_cache, g_strdup (rrule), g_atomic_rc_box_acquire (r));
  G_UNLOCK (rule_cache);
  return r;
}

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
static gboolean
fast_expand (const Rule *r, RkMinute dtstart, RkDay from, RkDay to, GArray *out)
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

typedef struct
{
  RkDay from;
  RkDay to;
  GArray *out;
} ExpandData;

static gboolean
expand_visit (RkMinute t,
              gpointer data)
{
  ExpandData *e = data;
  RkDay day = rk_minute_day (t);

  if (day > e->to)
    return FALSE;
  if (day >= e->from)
    g_array_append_val (e->out, t);
  return TRUE;
}

gboolean
rk_rrule_expand (const char  *rrule,
                 RkMinute     dtstart,
                 RkDay        from,
                 RkDay        to,
                 GArray      *out,
                 GError     **error)
{
  Rule *r;
  ExpandData e = { from, to, out };
  int n_seen;
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (out) == sizeof (RkMinute), FALSE);
  g_return_val_if_fail (dtstart >= RK_MINUTES_PER_DAY, FALSE);

  r = rule_parse_cached (rrule, error);
  if (r == NULL)
    return FALSE;
  /* ITER_FAILED from a sound rule: no occurrence from this dtstart, as
   * dateutil would say. */
  if (to >= from && rk_minute_day (dtstart) <= to &&
      (r->until < 0 || rk_minute_day (r->until) >= from) &&
      !fast_expand (r, dtstart, from, to, out) &&
      iterate (r, dtstart, from, expand_visit, &e, &n_seen) == ITER_FAILED)
    ok = rule_probe (r, rrule, error);
  g_atomic_rc_box_release (r);
  return ok;
}

static gboolean
last_visit (RkMinute t,
            gpointer data)
{
  *(RkMinute *) data = t;
  return TRUE;
}

static gboolean
first_visit (RkMinute t,
             gpointer data)
{
  *(RkMinute *) data = t;
  return FALSE;
}

RkMinute
rk_rrule_first_start (const char *rrule,
                      RkMinute    dtstart)
{
  g_autofree Rule *r = g_new (Rule, 1);
  RkMinute first = -1;
  int n_seen;

  if (dtstart < RK_MINUTES_PER_DAY || !rule_parse (rrule, r, NULL))
    return -1;
  if (r->until >= 0 && r->until < dtstart)
    return -1;
  iterate (r, dtstart, 0, first_visit, &first, &n_seen);
  return first;
}

RkMinute
rk_rrule_last_start (const char *rrule,
                     RkMinute    dtstart)
{
  g_autofree Rule *r = g_new (Rule, 1);
  RkMinute last = -1;
  IterResult result;
  int n_seen;

  if (dtstart < RK_MINUTES_PER_DAY || !rule_parse (rrule, r, NULL) ||
      (r->count == 0 && r->until < 0))
    return -1;
  if (r->until >= 0 && r->until < dtstart)
    return dtstart;

  /* A series ending years after it starts: look at the last stretch
   * first, and walk the whole series only if that stretch is empty. */
  if (r->until >= 0 && rk_minute_day (r->until) > rk_minute_day (dtstart) + 800)
    {
      result = iterate (r, dtstart, rk_minute_day (r->until) - 800, last_visit, &last, &n_seen);
      if (result == ITER_FAILED)
        return rule_probe (r, rrule, NULL) ? dtstart : -1;
      if (result == ITER_CAPPED)
        return -1;
      if (last >= 0)
        return last;
    }

  result = iterate (r, dtstart, 0, last_visit, &last, &n_seen);
  if (result == ITER_FAILED)
    return rule_probe (r, rrule, NULL) ? dtstart : -1;
  /* Fewer than COUNT occurrences means libical gave up searching (it stops
   * a few centuries ahead), not that the series ended: call it open. */
  if (result == ITER_CAPPED || (r->count > 0 && n_seen < r->count))
    return -1;
  return last >= 0 ? last : dtstart;
}

/* Wording */

static const char * const ja_weekdays[8] = {
  NULL, "月", "火", "水", "木", "金", "土", "日",
};

static const char * const en_weekdays[8] = {
  NULL, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char * const en_months[13] = {
  NULL, "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December",
};

static const char * const en_ordinals[6] = {
  "last", "first", "second", "third", "fourth", "fifth",
};

/* Only 1…5 and -1 (the last) are worded. */
static gboolean
wordable_ord (int ord)
{
  return (ord >= 1 && ord <= 5) || ord == -1;
}

static int
compare_ord (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  /* The last comes after the fifth. */
  if (x < 0)
    x = 6;
  if (y < 0)
    y = 6;
  return x - y;
}

static void
append_ja_ord (GString *s,
               int      ord)
{
  if (ord < 0)
    g_string_append (s, "最終");
  else
    g_string_append_printf (s, "第%d", ord);
}

/* Joins items as "A", "A and B", "A, B and C". */
static void
append_en_list (GString     *s,
                const char **items,
                int          n)
{
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, i == n - 1 ? " and " : ", ");
      g_string_append (s, items[i]);
    }
}

/* Weekdays in mask (bit 1 = Monday … bit 7 = Sunday): "火・木曜日",
 * "Tuesday and Thursday". */
static void
append_weekdays (GString  *s,
                 guint     mask,
                 gboolean  japanese)
{
  const char *names[7];
  int n = 0;

  for (int wd = 1; wd <= 7; wd++)
    if (mask & (1u << wd))
      names[n++] = japanese ? ja_weekdays[wd] : en_weekdays[wd];
  if (japanese)
    {
      for (int i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (s, "・");
          g_string_append (s, names[i]);
        }
      g_string_append (s, "曜日");
    }
  else
    append_en_list (s, names, n);
}

static void
append_prefix (GString                     *s,
               icalrecurrencetype_frequency freq,
               int                          interval,
               gboolean                     japanese)
{
  if (japanese)
    {
      static const char * const every[] = { "毎日", "毎週", "毎月", "毎年" };
      static const char * const other[] = { "隔日", "隔週", "隔月", "隔年" };
      static const char * const unit[] = { "日", "週間", "か月", "年" };
      int k = freq == ICAL_DAILY_RECURRENCE ? 0 : freq == ICAL_WEEKLY_RECURRENCE ? 1
            : freq == ICAL_MONTHLY_RECURRENCE ? 2 : 3;

      if (interval == 1)
        g_string_append (s, every[k]);
      else if (interval == 2)
        g_string_append (s, other[k]);
      else
        g_string_append_printf (s, "%d%sごと", interval, unit[k]);
      return;
    }

  switch (freq)
    {
    case ICAL_DAILY_RECURRENCE:
      if (interval == 1)
        g_string_append (s, "Daily");
      else
        g_string_append_printf (s, "Every %d days", interval);
      break;
    case ICAL_WEEKLY_RECURRENCE:
      if (interval == 1)
        g_string_append (s, "Every week on");
      else
        g_string_append_printf (s, "Every %d weeks on", interval);
      break;
    case ICAL_MONTHLY_RECURRENCE:
      if (interval == 1)
        g_string_append (s, "Monthly on");
      else
        g_string_append_printf (s, "Every %d months on", interval);
      break;
    case ICAL_YEARLY_RECURRENCE:
    default:
      if (interval == 1)
        g_string_append (s, "Yearly on");
      else
        g_string_append_printf (s, "Every %d years on", interval);
      break;
    }
}

/* Nth weekdays: "第1・第3日曜日" / "the first and third Sunday" when they
 * share the weekday, else "第1月曜日・第3水曜日" / "the first Monday and the
 * third Wednesday". FALSE when they cannot be worded. */
static gboolean
append_nth_weekdays (GString   *s,
                     const int *ord,
                     const int *wd,
                     int        n,
                     gboolean   japanese)
{
  gboolean same = TRUE;

  if (n < 1 || n > 10)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      if (!wordable_ord (ord[i]))
        return FALSE;
      same &= wd[i] == wd[0];
    }

  if (same)
    {
      int sorted[10];

      memcpy (sorted, ord, n * sizeof (int));
      qsort (sorted, n, sizeof (int), compare_ord);
      if (japanese)
        {
          for (int i = 0; i < n; i++)
            {
              if (i > 0)
                g_string_append (s, "・");
              append_ja_ord (s, sorted[i]);
            }
          g_string_append_printf (s, "%s曜日", ja_weekdays[wd[0]]);
        }
      else
        {
          const char *words[10];

          for (int i = 0; i < n; i++)
            words[i] = en_ordinals[MAX (sorted[i], 0)];
          g_string_append (s, "the ");
          append_en_list (s, words, n);
          g_string_append_printf (s, " %s", en_weekdays[wd[0]]);
        }
      return TRUE;
    }

  if (japanese)
    {
      for (int i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (s, "・");
          append_ja_ord (s, ord[i]);
          g_string_append_printf (s, "%s曜日", ja_weekdays[wd[i]]);
        }
    }
  else
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      for (int i = 0; i < n; i++)
        g_ptr_array_add (words, g_strdup_printf ("the %s %s", en_ordinals[MAX (ord[i], 0)],
                                                 en_weekdays[wd[i]]));
      append_en_list (s, (const char **) words->pdata, n);
    }
  return TRUE;
}

/* Month days: "15日", "1・15日", "末日", "1日・末日" / "day 15",
 * "days 1 and 15", "the last day", "day 1 and the last day". */
static gboolean
append_month_days (GString       *s,
                   const IntList *days,
                   gboolean       japanese)
{
  gboolean last = FALSE;
  guint32 mask = 0;
  int n = 0;

  for (int i = 0; i < days->n; i++)
    {
      if (days->v[i] == -1)
        last = TRUE;
      else if (days->v[i] > 0)
        mask |= 1u << days->v[i];
      else
        return FALSE;
    }
  if (japanese)
    {
      for (int d = 1; d <= 31; d++)
        if (mask & (1u << d))
          g_string_append_printf (s, n++ ? "・%d" : "%d", d);
      if (n > 0)
        g_string_append (s, "日");
      if (last)
        g_string_append (s, n > 0 ? "・末日" : "末日");
      return TRUE;
    }

  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

    for (int d = 1; d <= 31; d++)
      if (mask & (1u << d))
        g_ptr_array_add (items, g_strdup_printf ("%d", d));
    n = items->len;
    if (last)
      g_ptr_array_add (items, g_strdup ("the last day"));
    if (n > 0)
      g_string_append (s, n == 1 ? "day " : "days ");
    append_en_list (s, (const char **) items->pdata, items->len);
  }
  return TRUE;
}

static void
append_month_day (GString  *s,
                  int       month,
                  int       day,
                  gboolean  japanese)
{
  if (japanese)
    g_string_append_printf (s, "%d月%d日", month, day);
  else
    g_string_append_printf (s, "%s %d", en_months[month], day);
}

/* The main phrase, or FALSE when the rule is beyond words. */
static gboolean
describe_rule (GString    *s,
               const Rule *r,
               RkMinute    dtstart,
               gboolean    japanese)
{
  const guint interval_parts = (1u << PART_FREQ) | (1u << PART_INTERVAL) |
                               (1u << PART_COUNT) | (1u << PART_UNTIL) | (1u << PART_WKST);
  guint by = r->parts & ~interval_parts;
  const char *sep = " ";
  int dt_y, dt_m, dt_d;
  guint mask = 0;
  gboolean any_ord = FALSE;

  rk_day_to_ymd (rk_minute_day (dtstart), &dt_y, &dt_m, &dt_d);
  for (int i = 0; i < r->byday_n; i++)
    {
      mask |= 1u << r->byday_wd[i];
      any_ord |= r->byday_ord[i] != 0;
    }

  switch (r->freq)
    {
    case ICAL_DAILY_RECURRENCE:
      if (by == 0)
        {
          append_prefix (s, r->freq, r->interval, japanese);
          return TRUE;
        }
      /* Every day on some weekdays is a weekly rule. */
      if (by == 1u << PART_BYDAY && r->interval == 1 && !any_ord)
        {
          if (mask == 0xfe)
            append_prefix (s, r->freq, 1, japanese);
          else
            {
              append_prefix (s, ICAL_WEEKLY_RECURRENCE, 1, japanese);
              g_string_append (s, sep);
              append_weekdays (s, mask, japanese);
            }
          return TRUE;
        }
      return FALSE;

    case ICAL_WEEKLY_RECURRENCE:
      if (by != 0 && by != 1u << PART_BYDAY)
        return FALSE;
      if (by == 0)
        mask = 1u << rk_day_weekday (rk_minute_day (dtstart));
      append_prefix (s, r->freq, r->interval, japanese);
      g_string_append (s, sep);
      append_weekdays (s, mask, japanese);
      return TRUE;

    case ICAL_MONTHLY_RECURRENCE:
      append_prefix (s, r->freq, r->interval, japanese);
      g_string_append (s, sep);
      if (by == 0)
        {
          IntList day = { 1, { dt_d } };

          return append_month_days (s, &day, japanese);
        }
      if (by == 1u << PART_BYMONTHDAY)
        return append_month_days (s, &r->bymonthday, japanese);
      if (by == 1u << PART_BYDAY && any_ord)
        {
          for (int i = 0; i < r->byday_n; i++)
            if (r->byday_ord[i] == 0)
              return FALSE;
          return append_nth_weekdays (s, r->byday_ord, r->byday_wd, r->byday_n, japanese);
        }
      if (by == ((1u << PART_BYDAY) | (1u << PART_BYSETPOS)) && !any_ord &&
          r->bysetpos.n == 1 && wordable_ord (r->bysetpos.v[0]))
        {
          int ord = r->bysetpos.v[0];

          if ((mask & (mask - 1)) == 0)   /* a single weekday */
            {
              int wd = r->byday_wd[0];

              return append_nth_weekdays (s, &ord, &wd, 1, japanese);
            }
          if (mask == 0x3e)   /* Monday to Friday */
            {
              if (japanese)
                {
                  append_ja_ord (s, ord);
                  g_string_append (s, "平日");
                }
              else
                g_string_append_printf (s, "the %s weekday", en_ordinals[MAX (ord, 0)]);
              return TRUE;
            }
        }
      return FALSE;

    case ICAL_YEARLY_RECURRENCE:
      {
        int month = dt_m, day = dt_d;

        if (by & ~((1u << PART_BYMONTH) | (1u << PART_BYMONTHDAY) | (1u << PART_BYDAY)))
          return FALSE;
        if (HAS (r, PART_BYMONTH))
          {
            if (r->bymonth.n != 1)
              return FALSE;
            month = r->bymonth.v[0];
          }
        append_prefix (s, r->freq, r->interval, japanese);
        g_string_append (s, sep);
        if (HAS (r, PART_BYDAY))
          {
            /* "毎年 5月 第2日曜日" / "Yearly on the second Sunday of May" */
            if (!HAS (r, PART_BYMONTH) || HAS (r, PART_BYMONTHDAY) || r->byday_n != 1 ||
                !wordable_ord (r->byday_ord[0]))
              return FALSE;
            if (japanese)
              g_string_append_printf (s, "%d月 ", month);
            append_nth_weekdays (s, r->byday_ord, r->byday_wd, 1, japanese);
            if (!japanese)
              g_string_append_printf (s, " of %s", en_months[month]);
            return TRUE;
          }
        if (HAS (r, PART_BYMONTHDAY))
          {
            /* Without BYMONTH, BYMONTHDAY=10 is the 10th of every month. */
            if (!HAS (r, PART_BYMONTH) || r->bymonthday.n != 1 || r->bymonthday.v[0] < 1)
              return FALSE;
            day = r->bymonthday.v[0];
          }
        append_month_day (s, month, day, japanese);
        return TRUE;
      }

    default:
      return FALSE;
    }
}

char *
rk_rrule_describe (const char *rrule,
                   RkMinute    dtstart,
                   gboolean    japanese)
{
  g_autofree Rule *r = g_new (Rule, 1);
  g_autoptr(GString) s = g_string_new (NULL);

  if (dtstart < RK_MINUTES_PER_DAY || !rule_parse (rrule, r, NULL) ||
      !describe_rule (s, r, dtstart, japanese))
    return g_strdup (rrule ? rrule : "");

  if (r->count > 0)
    {
      if (japanese)
        g_string_append_printf (s, "（%d回）", r->count);
      else if (r->count == 1)
        g_string_append (s, ", once");
      else
        g_string_append_printf (s, ", %d times", r->count);
    }
  else if (r->until >= 0)
    {
      int y, m, d;

      rk_day_to_ymd (rk_minute_day (r->until), &y, &m, &d);
      if (japanese)
        g_string_append_printf (s, "（%d年%d月%d日まで）", y, m, d);
      else
        g_string_append_printf (s, ", until %04d-%02d-%02d", y, m, d);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Building */

static void
append_tail (GString *s,
             int      count)
{
  if (count > 0)
    g_string_append_printf (s, ";COUNT=%d", count);
}

char *
rk_rrule_build_monthly_nth_weekday (int nth,
                                    int weekday,
                                    int interval,
                                    int count)
{
  GString *s;

  g_return_val_if_fail (nth != 0 && nth >= -5 && nth <= 5, NULL);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);
  g_return_val_if_fail (interval >= 0 && interval <= MAX_INTERVAL, NULL);
  g_return_val_if_fail (count >= 0 && count <= MAX_COUNT, NULL);

  s = g_string_new ("FREQ=MONTHLY");
  if (interval > 1)
    g_string_append_printf (s, ";INTERVAL=%d", interval);
  g_string_append_printf (s, ";BYDAY=%d%s", nth, weekday_codes[weekday]);
  append_tail (s, count);
  return g_string_free (s, FALSE);
}

char *
rk_rrule_build_weekly (const int *weekdays,
                       int        n_weekdays,
                       int        interval,
                       int        count)
{
  GString *s;
  guint mask = 0;

  g_return_val_if_fail (n_weekdays >= 0, NULL);
  g_return_val_if_fail (n_weekdays == 0 || weekdays != NULL, NULL);
  g_return_val_if_fail (interval >= 0 && interval <= MAX_INTERVAL, NULL);
  g_return_val_if_fail (count >= 0 && count <= MAX_COUNT, NULL);
  for (int i = 0; i < n_weekdays; i++)
    {
      g_return_val_if_fail (weekdays[i] >= 1 && weekdays[i] <= 7, NULL);
      mask |= 1u << weekdays[i];
    }

  s = g_string_new ("FREQ=WEEKLY");
  if (interval > 1)
    g_string_append_printf (s, ";INTERVAL=%d", interval);
  if (mask != 0)
    {
      const char *sep = ";BYDAY=";

      for (int wd = 1; wd <= 7; wd++)
        if (mask & (1u << wd))
          {
            g_string_append_printf (s, "%s%s", sep, weekday_codes[wd]);
            sep = ",";
          }
    }
  append_tail (s, count);
  return g_string_free (s, FALSE);
}

/* ---- rules changed by series edits -------------------------------------- */

int
rk_day_weekday_nth (RkDay day, gboolean *last)
{
  int y, m, d;

  rk_day_to_ymd (day, &y, &m, &d);
  if (last)
    *last = d + 7 > rk_days_in_month (y, m);
  return (d - 1) / 7 + 1;
}

static char *
rule_to_string (struct icalrecurrencetype *r)
{
  char *s = icalrecurrencetype_as_string_r (r);
  char *out = g_strdup (s);

  icalmemory_free_buffer (s);
  return out;
}

char *
rk_rrule_with_until (const char *rrule, RkDay last_day)
{
  struct icalrecurrencetype r = icalrecurrencetype_from_string (rrule);
  int y, m, d;

  if (r.freq == ICAL_NO_RECURRENCE)
    return NULL;
  rk_day_to_ymd (last_day, &y, &m, &d);
  r.count = 0;
  r.until = icaltime_null_time ();
  r.until.year = y;
  r.until.month = m;
  r.until.day = d;
  r.until.hour = 23;
  r.until.minute = 59;
  r.until.second = 59;
  r.until.is_date = 0;
  return rule_to_string (&r);
}

char *
rk_rrule_with_count (const char *rrule, int count)
{
  struct icalrecurrencetype r = icalrecurrencetype_from_string (rrule);

  if (r.freq == ICAL_NO_RECURRENCE)
    return NULL;
  r.until = icaltime_null_time ();
  r.count = count;
  return rule_to_string (&r);
}

int
rk_rrule_get_count (const char *rrule)
{
  struct icalrecurrencetype r = icalrecurrencetype_from_string (rrule);

  return r.freq == ICAL_NO_RECURRENCE ? 0 : r.count;
}

char *
rk_rrule_moved_to (const char *rrule, RkDay to_day)
{
  g_auto(GStrv) parts = g_strsplit (rrule, ";", -1);
  const char *freq = NULL;
  int y, m, d, weekday = rk_day_weekday (to_day);

  rk_day_to_ymd (to_day, &y, &m, &d);
  for (guint i = 0; parts[i]; i++)
    if (g_ascii_strncasecmp (parts[i], "FREQ=", 5) == 0)
      freq = parts[i] + 5;
  for (guint i = 0; parts[i]; i++)
    {
      if (g_ascii_strncasecmp (parts[i], "BYDAY=", 6) == 0 && strchr (parts[i], ',') == NULL)
        {
          const char *v = parts[i] + 6;
          gboolean ordinal = *v == '-' || *v == '+' || g_ascii_isdigit (*v);

          if (g_ascii_strcasecmp (freq ? freq : "", "MONTHLY") == 0 && ordinal)
            {
              gboolean last;
              int nth = rk_day_weekday_nth (to_day, &last);

              /* "The last Friday" stays the last when it lands in the last
               * week, and so does a fifth one, which most months lack. */
              if (*v == '-' || nth == 5)
                nth = last ? -1 : nth;
              g_free (parts[i]);
              parts[i] = g_strdup_printf ("BYDAY=%d%s", nth, weekday_codes[weekday]);
            }
          else if (g_ascii_strcasecmp (freq ? freq : "", "WEEKLY") == 0 && !ordinal)
            {
              g_free (parts[i]);
              parts[i] = g_strdup_printf ("BYDAY=%s", weekday_codes[weekday]);
            }
        }
      else if (g_ascii_strncasecmp (parts[i], "BYMONTHDAY=", 11) == 0 &&
               strchr (parts[i], ',') == NULL &&
               g_ascii_strcasecmp (freq ? freq : "", "MONTHLY") == 0)
        {
          g_free (parts[i]);
          parts[i] = g_strdup_printf ("BYMONTHDAY=%d", d);
        }
    }
  return g_strjoinv (";", parts);
}

char *
rk_rrule_until_in_zone (const char *rrule, GTimeZone *tz)
{
  g_auto(GStrv) parts = g_strsplit (rrule, ";", -1);
  gboolean changed = FALSE;

  for (guint i = 0; parts[i]; i++)
    {
      const char *v = parts[i] + 6;
      int y, mo, d, h, mi, sec;
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;

      if (g_ascii_strncasecmp (parts[i], "UNTIL=", 6) != 0 || strlen (v) != 16 ||
          g_ascii_toupper (v[15]) != 'Z' ||
          sscanf (v, "%4d%2d%2dT%2d%2d%2d", &y, &mo, &d, &h, &mi, &sec) != 6)
        continue;
      utc = g_date_time_new_utc (y, mo, d, h, mi, MIN (sec, 59));
      local = utc ? g_date_time_to_timezone (utc, tz) : NULL;
      if (local == NULL)
        continue;
      g_free (parts[i]);
      parts[i] = g_date_time_format (local, "UNTIL=%Y%m%dT%H%M%S");
      changed = TRUE;
    }
  return changed ? g_strjoinv (";", parts) : NULL;
}
