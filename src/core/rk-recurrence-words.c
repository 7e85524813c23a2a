#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-recurrence-private.h"

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

  if (dtstart < RK_MINUTES_PER_DAY || !rk_rule_parse (rrule, r, NULL) ||
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
