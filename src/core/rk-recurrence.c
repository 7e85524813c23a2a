#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rk-error.h"
#include "rk-recurrence-private.h"

const char * const rk_rrule_part_names[N_PARTS] = {
  "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYMINUTE", "BYHOUR", "BYDAY",
  "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
};

/* Index 1 = Monday … 7 = Sunday, as rk_day_weekday(). */
const char * const rk_rrule_weekday_codes[8] = {
  NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU",
};

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
    if (strcmp (s, rk_rrule_weekday_codes[i]) == 0)
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

gboolean
rk_rule_set_never_error (GError    **error,
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
    return TRUE;   /* left to rk_rule_check_combinations () */

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
    return rk_rule_set_never_error (error, *text);

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
            g_string_append_printf (out, "%s%s", j ? "," : "", rk_rrule_weekday_codes[r->byday_wd[j]]);
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

gboolean
rk_rule_parse (const char *rrule,
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
        if (strcmp (name, rk_rrule_part_names[p]) == 0)
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
  if (!rk_rule_check_combinations (text, r, error))
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

              g_string_append_printf (shifted, "%s%s", i ? "," : "", rk_rrule_weekday_codes[wd]);
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
  return rk_rule_set_never_error (error, rrule);
}

/* libical refuses an iterator for some rules that can never produce
 * anything (BYSETPOS beyond the days of the set, BYYEARDAY outside
 * BYMONTH).  It starts on 2000-01-01, a leap year that INTERVAL=N years
 * cannot step away from, so the answer does not hang on a chosen dtstart. */
gboolean
rk_rule_probe (const Rule  *r,
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
    return rk_rule_set_never_error (error, rrule);
  icalrecur_iterator_free (it);
  return TRUE;
}

gboolean
rk_rrule_validate (const char  *rrule,
                   GError     **error)
{
  g_autofree Rule *r = g_new (Rule, 1);

  return rk_rule_parse (rrule, r, error) && rk_rule_probe (r, rrule, error);
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
  g_string_append_printf (s, ";BYDAY=%d%s", nth, rk_rrule_weekday_codes[weekday]);
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
            g_string_append_printf (s, "%s%s", sep, rk_rrule_weekday_codes[wd]);
            sep = ",";
          }
    }
  append_tail (s, count);
  return g_string_free (s, FALSE);
}

char *
rk_rrule_build_daily (int interval,
                      int count)
{
  GString *s;

  g_return_val_if_fail (interval >= 0 && interval <= MAX_INTERVAL, NULL);
  g_return_val_if_fail (count >= 0 && count <= MAX_COUNT, NULL);

  s = g_string_new ("FREQ=DAILY");
  if (interval > 1)
    g_string_append_printf (s, ";INTERVAL=%d", interval);
  append_tail (s, count);
  return g_string_free (s, FALSE);
}

char *
rk_rrule_build_monthly_day (RkDay day,
                            int   interval,
                            int   count)
{
  GString *s;
  int d;

  g_return_val_if_fail (day > 0, NULL);
  g_return_val_if_fail (interval >= 0 && interval <= MAX_INTERVAL, NULL);
  g_return_val_if_fail (count >= 0 && count <= MAX_COUNT, NULL);

  rk_day_to_ymd (day, NULL, NULL, &d);
  s = g_string_new (NULL);
  g_string_printf (s, "FREQ=MONTHLY;BYMONTHDAY=%d", d);
  if (interval > 1)
    g_string_append_printf (s, ";INTERVAL=%d", interval);
  append_tail (s, count);
  return g_string_free (s, FALSE);
}

/* day's place among its month's same weekdays as a BYDAY position: 1…4
 * (a fifth one, which most months lack, as the fourth), or -1 for last. */
static int
weekday_position (RkDay day, gboolean last)
{
  return last ? -1 : MIN (rk_day_weekday_nth (day, NULL), 4);
}

char *
rk_rrule_build_monthly_weekday (RkDay    day,
                                gboolean last,
                                int      interval,
                                int      count)
{
  g_return_val_if_fail (day > 0, NULL);

  return rk_rrule_build_monthly_nth_weekday (weekday_position (day, last), rk_day_weekday (day),
                                             interval, count);
}

/* rule without its COUNT and UNTIL, parts otherwise as written. */
static GString *
without_end (const char *rrule)
{
  g_auto(GStrv) parts = g_strsplit (rrule ? rrule : "", ";", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    if (g_ascii_strncasecmp (parts[i], "COUNT=", 6) != 0 &&
        g_ascii_strncasecmp (parts[i], "UNTIL=", 6) != 0)
      g_string_append_printf (out, "%s%s", out->len ? ";" : "", parts[i]);
  return out;
}

char *
rk_rrule_without_end (const char *rrule)
{
  return g_string_free (without_end (rrule), FALSE);
}

char *
rk_rrule_with_end (const char *rrule,
                   RkDay       until,
                   int         count)
{
  GString *out = without_end (rrule);

  if (until)
    {
      int y, m, d;

      rk_day_to_ymd (until, &y, &m, &d);
      g_string_append_printf (out, ";UNTIL=%04d%02d%02dT235959", y, m, d);
    }
  else if (count > 0)
    g_string_append_printf (out, ";COUNT=%d", count);
  return g_string_free (out, FALSE);
}

/* A date-only or date-time UNTIL as a day. */
static gboolean
until_day (const char *value, RkDay *day)
{
  int y, m, d;

  if (strlen (value) < 8 || sscanf (value, "%4d%2d%2d", &y, &m, &d) != 3 ||
      m < 1 || m > 12 || d < 1 || d > rk_days_in_month (y, m))
    return FALSE;
  *day = rk_day_from_ymd (y, m, d);
  return TRUE;
}

void
rk_rrule_read_choices (const char     *rrule,
                       RkDay           day,
                       RkRruleChoices *out)
{
  g_auto(GStrv) parts = NULL;
  const char *freq = NULL, *byday = NULL, *bymonthday = NULL;

  memset (out, 0, sizeof *out);
  out->interval = 1;
  if (rrule == NULL || *rrule == '\0')
    return;
  if (g_str_has_prefix (rrule, "RRULE:"))
    rrule += 6;
  out->exact = TRUE;
  parts = g_strsplit (rrule, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *eq = strchr (parts[i], '=');
      const char *value;

      if (eq == NULL)
        {
          out->exact = FALSE;
          continue;
        }
      *eq = '\0';
      value = eq + 1;
      if (g_ascii_strcasecmp (parts[i], "FREQ") == 0)
        freq = value;
      else if (g_ascii_strcasecmp (parts[i], "INTERVAL") == 0)
        out->interval = atoi (value);
      else if (g_ascii_strcasecmp (parts[i], "COUNT") == 0)
        out->count = atoi (value);
      else if (g_ascii_strcasecmp (parts[i], "UNTIL") == 0)
        out->exact &= until_day (value, &out->until);
      else if (g_ascii_strcasecmp (parts[i], "BYDAY") == 0)
        byday = value;
      else if (g_ascii_strcasecmp (parts[i], "BYMONTHDAY") == 0)
        bymonthday = value;
      else if (g_ascii_strcasecmp (parts[i], "WKST") != 0)
        out->exact = FALSE;           /* BYMONTH, BYSETPOS, BYHOUR…: text only */
    }
  if (out->interval < 1 || out->interval > 99)
    out->exact = FALSE;

  if (g_strcmp0 (freq, "DAILY") == 0 && !byday && !bymonthday)
    out->freq = RK_RRULE_FREQ_DAILY;
  else if (g_strcmp0 (freq, "WEEKLY") == 0 && !bymonthday)
    {
      g_auto(GStrv) days = g_strsplit (byday ? byday : "", ",", -1);

      out->freq = RK_RRULE_FREQ_WEEKLY;
      for (guint i = 0; days[i]; i++)
        {
          int wd = 0;

          for (int k = 1; k <= 7; k++)
            if (g_ascii_strcasecmp (days[i], rk_rrule_weekday_codes[k]) == 0)
              wd = k;
          if (wd == 0)
            out->exact = FALSE;
          else
            out->weekdays |= 1u << wd;
        }
      if (byday == NULL && day)
        out->weekdays |= 1u << rk_day_weekday (day);
    }
  else if (g_strcmp0 (freq, "MONTHLY") == 0 && !(byday && bymonthday))
    {
      out->freq = RK_RRULE_FREQ_MONTHLY;
      /* Neither: on dtstart's day of the month. */
      if (!bymonthday && !byday)
        out->monthly = RK_RRULE_MONTHLY_DAY;
      else if (bymonthday)
        {
          int d = 0;

          if (day)
            rk_day_to_ymd (day, NULL, NULL, &d);
          if (day && atoi (bymonthday) == d)
            out->monthly = RK_RRULE_MONTHLY_DAY;
        }
      else if (byday && day)
        {
          gboolean last = FALSE;
          const char *code = rk_rrule_weekday_codes[rk_day_weekday (day)];
          g_autofree char *mine = NULL;
          g_autofree char *mine_last = g_strdup_printf ("-1%s", code);

          rk_day_weekday_nth (day, &last);
          mine = g_strdup_printf ("%d%s", weekday_position (day, FALSE), code);
          if (g_ascii_strcasecmp (byday, mine) == 0)
            out->monthly = RK_RRULE_MONTHLY_NTH;
          else if (last && g_ascii_strcasecmp (byday, mine_last) == 0)
            out->monthly = RK_RRULE_MONTHLY_LAST;
        }
      if (out->monthly == RK_RRULE_MONTHLY_UNMATCHED)
        out->exact = FALSE;
    }
  else
    out->exact = FALSE;
  if (out->freq == RK_RRULE_FREQ_OTHER)
    out->exact = FALSE;
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
              parts[i] = g_strdup_printf ("BYDAY=%d%s", nth, rk_rrule_weekday_codes[weekday]);
            }
          else if (g_ascii_strcasecmp (freq ? freq : "", "WEEKLY") == 0 && !ordinal)
            {
              g_free (parts[i]);
              parts[i] = g_strdup_printf ("BYDAY=%s", rk_rrule_weekday_codes[weekday]);
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
