#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rk-availability.h"
#include "rk-error.h"

static const char * const weekday_tokens[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

RkAvailability *
rk_availability_new (void)
{
  RkAvailability *a = g_new0 (RkAvailability, 1);

  a->windows = g_array_new (FALSE, FALSE, sizeof (RkSWindow));
  return a;
}

void
rk_availability_free (RkAvailability *availability)
{
  if (availability == NULL)
    return;
  g_array_unref (availability->windows);
  g_free (availability);
}

gboolean
rk_weekdays_parse (const char *text, guint8 *mask, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);

  *mask = 0;
  for (guint i = 0; parts[i]; i++)
    {
      int found = 0;

      for (int d = 0; d < 7; d++)
        if (g_ascii_strcasecmp (g_strstrip (parts[i]), weekday_tokens[d]) == 0)
          found = d + 1;
      if (!found)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("--weekday takes MO, TU, WE, TH, FR, SA, SU separated by commas, not “%s”"),
                       parts[i]);
          return FALSE;
        }
      *mask |= 1u << found;
    }
  if (*mask == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--weekday takes MO, TU, WE, TH, FR, SA, SU separated by commas, not “%s”"),
                   text ? text : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
rk_clock_range_parse (const char *text, int *start, int *end, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", "-", 2);

  if (parts[0] == NULL || parts[1] == NULL || !rk_clock_parse (g_strstrip (parts[0]), start) ||
      !rk_clock_parse (g_strstrip (parts[1]), end) || *end <= *start)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--between must be HH:MM-HH:MM with the end after the start, "
                     "for example 09:00-17:00, not “%s”"),
                   text ? text : "");
      return FALSE;
    }
  return TRUE;
}

static int
window_compare (gconstpointer a, gconstpointer b)
{
  const RkSWindow *x = a, *y = b;

  if (x->weekday != y->weekday)
    return x->weekday - y->weekday;
  return x->start - y->start;
}

gboolean
rk_availability_set_days (RkAvailability *availability, guint8 mask, const char *between,
                          GError **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (RkSWindow));
  guint keep = 0;

  if (between == NULL || *between == '\0')
    {
      RkSWindow w = { 0, 0, RK_MINUTES_PER_DAY };
      g_array_append_val (ranges, w);
    }
  else
    {
      g_auto(GStrv) parts = g_strsplit (between, ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          RkSWindow w = { 0, 0, 0 };

          if (!rk_clock_range_parse (parts[i], &w.start, &w.end, error))
            return FALSE;
          for (guint j = 0; j < ranges->len; j++)
            {
              const RkSWindow *o = &g_array_index (ranges, RkSWindow, j);
              if (o->start < w.end && w.start < o->end)
                {
                  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                               _("The times in --between overlap (“%s”); give each time of "
                                 "day once"),
                               between);
                  return FALSE;
                }
            }
          g_array_append_val (ranges, w);
        }
    }

  for (guint i = 0; i < availability->windows->len; i++)
    {
      RkSWindow w = g_array_index (availability->windows, RkSWindow, i);
      if (!(mask & (1u << w.weekday)))
        g_array_index (availability->windows, RkSWindow, keep++) = w;
    }
  g_array_set_size (availability->windows, keep);
  for (int d = 1; d <= 7; d++)
    if (mask & (1u << d))
      for (guint j = 0; j < ranges->len; j++)
        {
          RkSWindow w = g_array_index (ranges, RkSWindow, j);
          w.weekday = d;
          g_array_append_val (availability->windows, w);
        }
  g_array_sort (availability->windows, window_compare);
  return TRUE;
}

static const char *
weekday_short (int weekday)
{
  switch (weekday)
    {
    case 1: return C_("weekday", "Mon");
    case 2: return C_("weekday", "Tue");
    case 3: return C_("weekday", "Wed");
    case 4: return C_("weekday", "Thu");
    case 5: return C_("weekday", "Fri");
    case 6: return C_("weekday", "Sat");
    default: return C_("weekday", "Sun");
    }
}

static void
append_clock (GString *s, int minute)
{
  g_string_append_printf (s, "%02d:%02d", minute / 60, minute % 60);
}

char *
rk_windows_describe (const GArray *windows)
{
  GString *s;
  GString *times[8] = { NULL };

  if (windows == NULL || windows->len == 0)
    return NULL;
  for (guint i = 0; i < windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (windows, RkSWindow, i);
      GString *t;

      if (w->weekday < 1 || w->weekday > 7)
        continue;
      if (times[w->weekday] == NULL)
        times[w->weekday] = g_string_new (NULL);
      t = times[w->weekday];
      if (t->len)
        g_string_append (t, ", ");
      if (w->start == 0 && w->end >= RK_MINUTES_PER_DAY)
        g_string_append (t, _("all day"));
      else
        {
          append_clock (t, w->start);
          g_string_append (t, "–");
          append_clock (t, w->end);
        }
    }
  /* Weekdays with the same times go together: "Tue, Thu 09:00–12:00". */
  s = g_string_new (NULL);
  for (int d = 1; d <= 7; d++)
    {
      if (times[d] == NULL)
        continue;
      if (s->len)
        g_string_append (s, _("; "));
      g_string_append (s, weekday_short (d));
      for (int e = d + 1; e <= 7; e++)
        if (times[e] && g_str_equal (times[e]->str, times[d]->str))
          {
            g_string_append_printf (s, "%s%s", _(", "), weekday_short (e));
            g_string_free (times[e], TRUE);
            times[e] = NULL;
          }
      g_string_append_printf (s, " %s", times[d]->str);
      g_string_free (times[d], TRUE);
      times[d] = NULL;
    }
  return g_string_free (s, FALSE);
}

char *
rk_availability_describe (const RkAvailability *availability)
{
  GString *s = g_string_new (NULL);
  g_autofree char *pattern = rk_windows_describe (availability->windows);

  if (pattern)
    g_string_append (s, pattern);
  if (availability->max_week_minutes > 0)
    {
      g_autofree char *hours = NULL;
      int m = availability->max_week_minutes;

      if (m % 60)
        hours = g_strdup_printf (_("up to %d:%02d hours a week"), m / 60, m % 60);
      else
        hours = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up to %d hour a week",
                                              "up to %d hours a week", m / 60),
                                 m / 60);
      g_string_append_printf (s, "%s%s", s->len ? _("; ") : "", hours);
    }
  if (availability->max_sessions_month > 0)
    {
      g_autofree char *sessions =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up to %d session a month",
                                      "up to %d sessions a month",
                                      availability->max_sessions_month),
                         availability->max_sessions_month);
      g_string_append_printf (s, "%s%s", s->len ? _("; ") : "", sessions);
    }
  if (s->len == 0)
    g_string_append (s, _("any time"));
  return g_string_free (s, FALSE);
}

gboolean
rk_staff_within_pattern (const RkSStaff *staff, RkMinute start, RkMinute end)
{
  RkDay day = rk_minute_day (start);
  int wd, from, to;

  if (staff->windows == NULL || staff->windows->len == 0)
    return TRUE;
  wd = rk_day_weekday (day);
  from = rk_minute_of_day (start);
  to = (int) (end - rk_minute_make (day, 0));
  for (guint i = 0; i < staff->windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (staff->windows, RkSWindow, i);
      if (w->weekday == wd && w->start <= from && to <= w->end)
        return TRUE;
    }
  return FALSE;
}

RkDay
rk_week_first_day (RkDay day, int week_start)
{
  int wd = rk_day_weekday (day);

  return day - (RkDay) ((wd - week_start + 7) % 7);
}
