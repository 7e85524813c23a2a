#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "rk-error.h"
#include "rk-expand.h"
#include "rk-month-report-private.h"
#include "rk-newsletter.h"

/* How far past the month a closing that starts in it is followed, to say
 * where it ends (29日～1/3). */
#define CLOSING_LOOKAHEAD 40

typedef struct
{
  RkDay     day;
  int       minute;         /* -1: before the day's events */
  char     *text;
} Line;

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->text);
}

static int
line_compare (gconstpointer a, gconstpointer b)
{
  const Line *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->minute - y->minute;
}

static gboolean
english (void)
{
  return rk_print_language_current () == RK_PRINT_EN;
}

/* "9日(水)" / "Wed 9" */
static char *
day_text (RkDay day)
{
  int d, wd = rk_day_weekday (day) % 7;

  rk_day_to_ymd (day, NULL, NULL, &d);
  if (english ())
    return g_strdup_printf ("%s %d", rk_report_weekday (wd), d);
  return g_strdup_printf ("%d日(%s)", d, rk_report_weekday (wd));
}

/* The end of a closing: "31日" in the month, "1/3" after it. */
static char *
end_text (RkDay day, int month)
{
  int m, d;

  rk_day_to_ymd (day, NULL, &m, &d);
  if (m == month)
    return english () ? g_strdup_printf ("%d", d) : g_strdup_printf ("%d日", d);
  return g_strdup_printf ("%d/%d", m, d);
}

static const char *
dash (void)
{
  return english () ? "–" : "～";
}

static gboolean
event_shown (const RkOcc *occ, gint64 venue_id, gboolean include_tentative)
{
  RkSVenue *v = rk_sevent_venue (occ->event);

  if (venue_id && (v == NULL || v->id != venue_id))
    return FALSE;
  if (occ->status == RK_OCC_SKIPPED || rk_sevent_staff_only (occ->event))
    return FALSE;
  return occ->status != RK_OCC_TENTATIVE || include_tentative;
}

static char *
event_line (const RkOcc *occ, gboolean joint)
{
  const RkSEvent *e = occ->event;
  RkSVenue *v = rk_sevent_venue (e);
  RkDay day = rk_occ_day (occ);
  int sm = rk_minute_of_day (occ->start), em = rk_minute_of_day (occ->end);
  g_autofree char *date = day_text (day);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s %d:%02d", date, sm / 60, sm % 60);
  if (occ->end > occ->start)
    g_string_append_printf (s, "%s%d:%02d", dash (), em / 60, em % 60);
  g_string_append_printf (s, " %s", rk_sevent_title (e));
  if (occ->status == RK_OCC_CANCELLED || occ->status == RK_OCC_TENTATIVE)
    g_string_append_printf (s, "%s%s", english () ? " " : "",
                            occ->status == RK_OCC_CANCELLED ? _("(cancelled)") : _("(tentative)"));
  if (joint && v)
    g_string_append_printf (s, english () ? " (%s)" : "（%s）", v->name);
  if (e->program && !rk_report_is_blank (e->program->audience))
    {
      /* Straight after the venue's closing bracket, as newsletters print it. */
      if (english () || !(joint && v))
        g_string_append_c (s, ' ');
      g_string_append_printf (s, _("For: %s"), e->program->audience);
    }
  return g_string_free (s, FALSE);
}

/* Closed every week, and from when to when otherwise (a run of closed days
 * that are not the weekly ones is one line). */
static void
venue_closings (GArray *lines, const RkSVenue *v, RkDay first, RkDay last, int month,
                gboolean joint)
{
  g_autoptr(GString) weekly = g_string_new (NULL);
  g_autofree char *at = joint ? g_strdup_printf (english () ? " (%s)" : "（%s）", v->name)
                              : g_strdup ("");

  for (int wd = 1; wd <= 7; wd++)
    if (rk_report_venue_weekly_closed (v, wd))
      g_string_append_printf (weekly, "%s%s", weekly->len ? "・" : "", rk_report_weekday (wd % 7));
  if (weekly->len)
    {
      Line l = { first, -2, NULL };

      g_autofree char *t = g_strdup_printf (C_("newsletter", "Closed every week on %s"),
                                            weekly->str);

      l.text = g_strconcat (t, at, NULL);
      g_array_append_val (lines, l);
    }

  for (RkDay d = first; d <= last; d++)
    {
      RkDay end = d;
      const char *reason;
      g_autofree char *from = NULL, *to = NULL;
      Line l = { d, -1, NULL };

      if (!rk_venue_closed_on (v, d, NULL) || rk_report_venue_weekly_closed (v, rk_day_weekday (d)))
        continue;
      reason = rk_report_closing_reason (v, d);
      while (end + 1 <= last + CLOSING_LOOKAHEAD && rk_venue_closed_on (v, end + 1, NULL) &&
             !rk_report_venue_weekly_closed (v, rk_day_weekday (end + 1)) &&
             g_strcmp0 (rk_report_closing_reason (v, end + 1), reason) == 0)
        end++;
      from = end_text (d, month);
      if (end > d)
        {
          g_autofree char *start = g_steal_pointer (&from);

          to = end_text (end, month);
          from = g_strdup_printf ("%s%s%s", start, dash (), to);
        }
      if (reason)
        l.text = g_strdup_printf (C_("newsletter", "%s %s closed"), from, reason);
      else
        l.text = g_strdup_printf (C_("newsletter", "%s closed"), from);
      {
        g_autofree char *t = l.text;

        l.text = g_strconcat (t, at, NULL);
      }
      g_array_append_val (lines, l);
      d = end;
    }
}

static int
venue_compare (gconstpointer a, gconstpointer b)
{
  const RkSVenue *x = *(RkSVenue * const *) a;
  const RkSVenue *y = *(RkSVenue * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static char *
newsletter_build (RkSchedule *schedule, GArray *occs, int year, int month, gint64 venue_id,
                  gboolean include_tentative)
{
  RkDay first = rk_day_from_ymd (year, month, 1);
  RkDay last = first + rk_days_in_month (year, month) - 1;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_autoptr(GPtrArray) venues = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GString *out = g_string_new (NULL);
  gboolean joint = venue_id == 0;

  g_array_set_clear_func (lines, line_clear);
  if (english ())
    {
      static const char * const months[12] = { "January", "February", "March", "April", "May",
                                                "June", "July", "August", "September", "October",
                                                "November", "December" };

      g_string_append_printf (out, "%s %d\n", months[month - 1], year);
    }
  else
    g_string_append_printf (out, "%d月の予定\n", month);

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *occ = &g_array_index (occs, RkOcc, i);
      RkSVenue *v = rk_sevent_venue (occ->event);
      Line l;

      if (rk_occ_day (occ) < first || rk_occ_day (occ) > last ||
          !event_shown (occ, venue_id, include_tentative))
        continue;
      l.day = rk_occ_day (occ);
      l.minute = rk_minute_of_day (occ->start);
      l.text = event_line (occ, joint);
      g_array_append_val (lines, l);
      if (v && !g_hash_table_contains (seen, &v->id))
        {
          g_hash_table_add (seen, &v->id);
          g_ptr_array_add (venues, v);
        }
    }
  if (venue_id)
    {
      g_ptr_array_set_size (venues, 0);
      g_ptr_array_add (venues, rk_schedule_venue (schedule, venue_id));
    }
  g_ptr_array_sort (venues, venue_compare);
  for (guint i = 0; i < venues->len; i++)
    venue_closings (lines, g_ptr_array_index (venues, i), first, last, month, joint);

  /* Stable: events of the same minute keep the schedule's order. */
  for (guint i = 1; i < lines->len; i++)
    for (guint k = i; k > 0 && line_compare (&g_array_index (lines, Line, k - 1),
                                              &g_array_index (lines, Line, k)) > 0; k--)
      {
        Line t = g_array_index (lines, Line, k);

        g_array_index (lines, Line, k) = g_array_index (lines, Line, k - 1);
        g_array_index (lines, Line, k - 1) = t;
      }
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", g_array_index (lines, Line, i).text);
  if (lines->len == 0)
    g_string_append_printf (out, "%s\n", _("No events this month."));
  return g_string_free (out, FALSE);
}

char *
rk_newsletter_text (RkStore          *store,
                    int               year,
                    int               month,
                    gint64            venue_id,
                    gboolean          include_tentative,
                    RkPrintLanguage   language,
                    GError          **error)
{
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  RkDay first, last;
  char *text;
  int previous;

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  first = rk_day_from_ymd (year, month, 1);
  last = first + rk_days_in_month (year, month) - 1;
  schedule = rk_store_load_schedule (store, first, last + CLOSING_LOOKAHEAD, error);
  if (schedule == NULL)
    return NULL;
  if (!rk_report_check_venue (schedule, venue_id, error))
    return NULL;
  occs = rk_schedule_expand (schedule, first, last, error);
  if (occs == NULL)
    return NULL;
  previous = rk_print_language_push (language);
  text = newsletter_build (schedule, occs, year, month, venue_id, include_tentative);
  rk_print_language_pop (previous);
  return text;
}
