#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-holidays.h"
#include "rk-expand.h"
#include "rk-recurrence.h"
#include "rk-timezone.h"

/* How far a next-day/previous-day policy looks for an open day, and so how
 * far around a range series dates are expanded. Matches the store's reach. */
#define POLICY_REACH_DAYS 31

static void
occ_clear (gpointer data)
{
  RkOcc *o = data;

  g_clear_pointer (&o->reason, g_free);
}

static GArray *
occ_array_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (RkOcc));

  g_array_set_clear_func (a, occ_clear);
  return a;
}

char *
rk_reason_replaced_by (gint64 event_id)
{
  return g_strdup_printf ("@replaced:%" PRId64, event_id);
}

char *
rk_reason_taken_by (gboolean equipment, gint64 event_id)
{
  return g_strdup_printf ("@%s-taken:%" PRId64, equipment ? "equipment" : "room", event_id);
}

/* The event id after prefix in r, 0 when r is not prefix and an id. */
static gint64
token_id (const char *r, const char *prefix)
{
  gint64 id;
  char *end;

  if (!g_str_has_prefix (r, prefix))
    return 0;
  id = g_ascii_strtoll (r + strlen (prefix), &end, 10);
  return id > 0 && *end == '\0' ? id : 0;
}

char *
rk_exception_reason (const RkSException *x)
{
  const char *r = x->reason;
  gint64 id;

  if (r == NULL || *r == '\0')
    switch (x->kind)
      {
      case RK_EXCEPTION_CANCELLED:
        return g_strdup (_("cancelled"));
      case RK_EXCEPTION_SKIPPED:
        return g_strdup (_("skipped"));
      case RK_EXCEPTION_MOVED:
      default:
        return g_strdup (_("moved by hand"));
      }
  if (strcmp (r, RK_REASON_CHANGED_FOR_DAY) == 0)
    return g_strdup (_("changed for this day"));
  if ((id = token_id (r, "@replaced:")) != 0)
    return g_strdup_printf (_("replaced by event %" PRId64), id);
  if ((id = token_id (r, "@room-taken:")) != 0)
    return g_strdup_printf (_("the room is taken by event %" PRId64), id);
  if ((id = token_id (r, "@equipment-taken:")) != 0)
    return g_strdup_printf (_("equipment is taken by event %" PRId64), id);
  return g_strdup (r);
}

/* Is text one of the forms of msgid: the English, the reader's language,
 * or the Japanese of po/ja.po (a file is often exported by one coordinator
 * and imported by another)? */
static gboolean
shown_as (const char *text, const char *msgid, const char *japanese)
{
  return strcmp (text, msgid) == 0 || strcmp (text, _(msgid)) == 0 ||
         strcmp (text, japanese) == 0;
}

/* The event id when text is format (one %<PRId64>) with a number in it. */
static gint64
shown_id (const char *text, const char *format)
{
  const char *mark = strstr (format, "%" PRId64);
  gsize head, tail, len = strlen (text);
  g_autofree char *digits = NULL;

  if (mark == NULL)
    return 0;
  head = (gsize) (mark - format);
  tail = strlen (mark + strlen ("%" PRId64));
  if (len <= head + tail || strncmp (text, format, head) != 0 ||
      strcmp (text + len - tail, mark + strlen ("%" PRId64)) != 0)
    return 0;
  digits = g_strndup (text + head, len - head - tail);
  return token_id (digits, "");
}

static gint64
shown_with_id (const char *text, const char *msgid, const char *japanese)
{
  gint64 id = shown_id (text, msgid);

  if (id == 0)
    id = shown_id (text, _(msgid));
  if (id == 0)
    id = shown_id (text, japanese);
  return id;
}

char *
rk_reason_from_shown (RkExceptionKind kind, const char *text)
{
  gint64 id;

  if (text == NULL || *text == '\0')
    return NULL;
  if ((kind == RK_EXCEPTION_CANCELLED && (shown_as (text, N_("cancelled"), "中止") ||
                                          shown_as (text, N_("event cancelled"), "予定全体を中止"))) ||
      (kind == RK_EXCEPTION_SKIPPED && shown_as (text, N_("skipped"), "休止")) ||
      (kind == RK_EXCEPTION_MOVED && shown_as (text, N_("moved by hand"), "手動で移動")))
    return NULL;
  if (shown_as (text, N_("changed for this day"), "この日のみ変更"))
    return g_strdup (RK_REASON_CHANGED_FOR_DAY);
  if ((id = shown_with_id (text, N_("replaced by event %" PRId64), "予定 %" PRId64 " に置き換え")))
    return rk_reason_replaced_by (id);
  if ((id = shown_with_id (text, N_("the room is taken by event %" PRId64),
                           "部屋が予定 %" PRId64 " で使用中")))
    return rk_reason_taken_by (FALSE, id);
  if ((id = shown_with_id (text, N_("equipment is taken by event %" PRId64),
                           "備品が予定 %" PRId64 " で使用中")))
    return rk_reason_taken_by (TRUE, id);
  return g_strdup (text);
}

const char *
rk_occ_status_token (RkOccStatus status)
{
  switch (status)
    {
    case RK_OCC_TENTATIVE:
      return "tentative";
    case RK_OCC_CANCELLED:
      return "cancelled";
    case RK_OCC_SKIPPED:
      return "skipped";
    case RK_OCC_SCHEDULED:
    default:
      return "scheduled";
    }
}

gboolean
rk_occ_is_active (const RkOcc *occ)
{
  return occ->status == RK_OCC_SCHEDULED || occ->status == RK_OCC_TENTATIVE;
}

RkDay
rk_occ_day (const RkOcc *occ)
{
  return rk_occ_is_active (occ) ? rk_minute_day (occ->start) : occ->orig_date;
}

/* Is the day closed to this event: a national holiday or a closing day of
 * its venue? Fills a translated reason. */
static gboolean
day_blocked (RkClosedDays *closed, const RkSEvent *event, RkDay day, char **reason)
{
  int y, m, d;
  const RkHoliday *h = NULL;
  const char *why = NULL;

  /* The cheap test first: most days are no holiday, and the date's
   * year-month-day costs more than the test. */
  if (rk_closed_days_holiday (closed, day))
    {
      rk_day_to_ymd (day, &y, &m, &d);
      h = rk_holiday_lookup (y, m, d);
    }
  if (h)
    {
      if (reason)
        *reason = g_strdup_printf (_("national holiday (%s)"), h->name_ja);
      return TRUE;
    }
  if (rk_closed_days_test (closed, rk_sevent_venue (event), day, &why))
    {
      if (reason)
        *reason = g_strdup_printf (_("venue closed (%s)"), why);
      return TRUE;
    }
  return FALSE;
}

/* Can an occurrence of this rule date land in [from, to] other than by a
 * move by hand? Only a next-day or previous-day policy shifts it, and
 * only towards its own side. */
static gboolean
date_may_land (const RkSEvent *e, RkDay date, RkDay from, RkDay to)
{
  if (e->policy == RK_POLICY_NEXT_DAY && date < from)
    return date + POLICY_REACH_DAYS >= from;
  if (e->policy == RK_POLICY_PREVIOUS_DAY && date > to)
    return date <= to + POLICY_REACH_DAYS;
  return date >= from && date <= to;
}

/* A moved-by-hand rule date in [lo, hi] that could not land in range
 * otherwise: then every date of [lo, hi] has to be expanded. */
static gboolean
moved_from_reach (const RkSEvent *e, RkDay lo, RkDay hi, RkDay from, RkDay to)
{
  for (guint i = 0; i < e->exceptions->len; i++)
    {
      const RkSException *x = &g_array_index (e->exceptions, RkSException, i);

      if (x->kind == RK_EXCEPTION_MOVED && x->occ_date >= lo && x->occ_date <= hi &&
          !date_may_land (e, x->occ_date, from, to))
        return TRUE;
    }
  return FALSE;
}

/* The wall clock in zone `to` of the moment t is on the wall clock of `from`. */
static RkMinute
minute_in_zone (GTimeZone *from, GTimeZone *to, RkMinute t)
{
  int y, m, d, md = rk_minute_of_day (t);
  g_autoptr(GDateTime) here = NULL;
  g_autoptr(GDateTime) there = NULL;

  rk_day_to_ymd (rk_minute_day (t), &y, &m, &d);
  here = g_date_time_new (from, y, m, d, md / 60, md % 60, 0);
  there = here ? g_date_time_to_timezone (here, to) : NULL;
  if (there == NULL)
    return t;
  return rk_minute_make (rk_day_from_ymd (g_date_time_get_year (there),
                                          g_date_time_get_month (there),
                                          g_date_time_get_day_of_month (there)),
                         g_date_time_get_hour (there) * 60 + g_date_time_get_minute (there));
}

/* The starts of e's rule whose day (in the database's zone) is in [lo, hi].
 * A series read from another calendar repeats in its own zone, the way
 * Evolution and Thunderbird expand it: a weekly class at 10:00 in New York
 * stays at 10:00 there across a change of daylight saving time, and its
 * BYDAY is New York's weekday; each start is then taken to the database's
 * zone. */
static gboolean
rule_starts (RkSEvent *e, GTimeZone *db_tz, RkDay lo, RkDay hi, GArray *starts, GError **error)
{
  g_autoptr(GTimeZone) own = NULL;
  g_autoptr(GArray) there = NULL;

  if (e->tzid == NULL || db_tz == NULL || e->all_day || (own = rk_timezone_new (e->tzid)) == NULL)
    return rk_rrule_expand (e->rrule, e->start, lo, hi, starts, error);
  there = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  if (!rk_rrule_expand (e->rrule, minute_in_zone (db_tz, own, e->start), lo > 1 ? lo - 1 : 1,
                        hi + 1, there, error))
    return FALSE;
  for (guint i = 0; i < there->len; i++)
    {
      RkMinute s = minute_in_zone (own, db_tz, g_array_index (there, RkMinute, i));

      if (rk_minute_day (s) >= lo && rk_minute_day (s) <= hi)
        g_array_append_val (starts, s);
    }
  return TRUE;
}

/* starts: scratch space of RkMinute, shared by the events of one expansion.
 * db_tz: the database's zone, for series that repeat in a zone of their
 * own (NULL when there are none). */
static void
expand_one (RkSEvent *e, GTimeZone *db_tz, RkClosedDays *closed, RkDay from, RkDay to,
            GArray *out, GArray *starts, GError **error)
{
  RkDay lo = from > POLICY_REACH_DAYS ? from - POLICY_REACH_DAYS : 1;
  RkDay hi = to + POLICY_REACH_DAYS;
  RkMinute duration = e->end - e->start;

  g_array_set_size (starts, 0);
  if (e->rrule && *e->rrule)
    {
      g_autoptr(GError) local = NULL;
      /* Most rule dates of the reach around the range cannot land in it:
       * expand only those that can, unless a move by hand needs them all. */
      RkDay rlo = lo, rhi = hi;

      if (!moved_from_reach (e, lo, hi, from, to))
        {
          rlo = e->policy == RK_POLICY_NEXT_DAY ? lo : from;
          rhi = e->policy == RK_POLICY_PREVIOUS_DAY ? hi : to;
        }
      if (!rule_starts (e, db_tz, rlo, rhi, starts, &local))
        {
          g_warning ("event %" PRId64 ": %s", e->id, local->message);
          return;
        }
    }
  else if (rk_minute_day (e->start) >= lo && rk_minute_day (e->start) <= hi)
    g_array_append_val (starts, e->start);

  for (guint i = 0; i < starts->len; i++)
    {
      RkMinute s = g_array_index (starts, RkMinute, i);
      RkOcc o = { 0 };
      const RkSException *x;

      o.event = e;
      o.orig_date = rk_minute_day (s);
      o.planned = s;
      o.start = s;
      o.end = s + duration;
      o.status = RK_OCC_SCHEDULED;
      x = rk_sevent_exception (e, o.orig_date);

      if (x && x->kind == RK_EXCEPTION_CANCELLED)
        {
          o.status = RK_OCC_CANCELLED;
          o.reason = rk_exception_reason (x);
        }
      else if (x && x->kind == RK_EXCEPTION_SKIPPED)
        {
          o.status = RK_OCC_SKIPPED;
          o.reason = rk_exception_reason (x);
        }
      else if (x && x->kind == RK_EXCEPTION_MOVED)
        {
          o.start = x->start;
          o.end = x->end;
          o.moved = TRUE;
          o.reason = rk_exception_reason (x);
        }
      else if (e->policy == RK_POLICY_SKIP || e->policy == RK_POLICY_NEXT_DAY ||
               e->policy == RK_POLICY_PREVIOUS_DAY)
        {
          char *why = NULL;

          if (day_blocked (closed, e, o.orig_date, &why))
            {
              if (e->policy == RK_POLICY_SKIP)
                {
                  o.status = RK_OCC_SKIPPED;
                  o.reason = why;
                }
              else
                {
                  int step = e->policy == RK_POLICY_NEXT_DAY ? 1 : -1;
                  RkDay day = o.orig_date;
                  int n;

                  for (n = 0; n < POLICY_REACH_DAYS; n++)
                    {
                      day += step;
                      if (!day_blocked (closed, e, day, NULL))
                        break;
                    }
                  if (n == POLICY_REACH_DAYS)
                    {
                      o.status = RK_OCC_SKIPPED;
                      o.reason = g_strdup_printf (_("%s, and no open day within a month"), why);
                      g_free (why);
                    }
                  else
                    {
                      o.start = rk_minute_make (day, rk_minute_of_day (s));
                      o.end = o.start + duration;
                      o.moved = TRUE;
                      o.reason = why;
                    }
                }
            }
        }

      if (e->cancelled && o.status != RK_OCC_SKIPPED)
        {
          o.status = RK_OCC_CANCELLED;
          g_free (o.reason);
          o.reason = g_strdup (_("event cancelled"));
        }
      else if (e->tentative && o.status == RK_OCC_SCHEDULED)
        o.status = RK_OCC_TENTATIVE;

      if (rk_occ_day (&o) >= from && rk_occ_day (&o) <= to)
        g_array_append_val (out, o);
      else
        g_free (o.reason);
    }

  /* Occurrences moved by hand from far away into the range. */
  for (guint i = 0; i < e->exceptions->len; i++)
    {
      const RkSException *x = &g_array_index (e->exceptions, RkSException, i);
      RkOcc o = { 0 };

      if (x->kind != RK_EXCEPTION_MOVED || (x->occ_date >= lo && x->occ_date <= hi))
        continue;
      if (rk_minute_day (x->start) < from || rk_minute_day (x->start) > to)
        continue;
      o.event = e;
      o.orig_date = x->occ_date;
      o.planned = rk_minute_make (x->occ_date, rk_minute_of_day (e->start));
      o.start = x->start;
      o.end = x->end;
      o.moved = TRUE;
      o.status = e->cancelled ? RK_OCC_CANCELLED
                 : e->tentative ? RK_OCC_TENTATIVE : RK_OCC_SCHEDULED;
      o.reason = e->cancelled ? g_strdup (_("event cancelled")) : rk_exception_reason (x);
      g_array_append_val (out, o);
    }
  (void) error;
}

/* The occurrences by their day's start (an occurrence skipped or cancelled
 * by the time of its rule date), then by event; ties keep their order. A
 * fiscal year has tens of thousands, the whole history hundreds of
 * thousands: their indexes are sorted (see order_by_radix and
 * order_by_merge), then the occurrences are moved in place, cycle by
 * cycle. */
static inline gboolean
occ_index_less (const RkOcc *v, const RkMinute *at, guint x, guint y)
{
  if (at && at[x] != at[y])
    return at[x] < at[y];
  if (v[x].event->id != v[y].event->id)
    return v[x].event->id < v[y].event->id;
  return x < y;
}

/* A merge sort of the indexes with the comparison inlined (g_array_sort()
 * spent most of its time calling its comparison function); without at, by
 * event and index alone. Returns the buffer holding the result: order or
 * tmp. */
static guint *
order_by_merge (const RkOcc *v, const RkMinute *at, guint n, guint *order, guint *tmp)
{
  guint *from = order, *to = tmp;

  for (guint width = 1; width < n; width *= 2)
    {
      guint *t;

      for (guint lo = 0; lo < n; lo += 2 * width)
        {
          guint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          guint i = lo, j = mid, k = lo;

          while (i < mid && j < hi)
            to[k++] = occ_index_less (v, at, from[j], from[i]) ? from[j++] : from[i++];
          while (i < mid)
            to[k++] = from[i++];
          while (j < hi)
            to[k++] = from[j++];
        }
      t = from;
      from = to;
      to = t;
    }
  return from;
}

/* Stable counting sort of the indexes in from[] by key[] (0 … n_keys - 1)
 * into to[]. */
static void
order_by_count (const guint *from, guint *to, guint n, const guint *key, guint n_keys)
{
  g_autofree guint *count = g_new0 (guint, n_keys + 1);

  for (guint i = 0; i < n; i++)
    count[key[from[i]] + 1]++;
  for (guint k = 0; k < n_keys; k++)
    count[k + 1] += count[k];
  for (guint i = 0; i < n; i++)
    to[count[key[from[i]]]++] = from[i];
}

/* The same order as order_by_merge in three stable passes, least
 * significant first: by event (an expansion appends each event's
 * occurrences together, so only its runs are sorted, by id), by minute of
 * the day, by day. Linear in the occurrences but for the runs' sort.
 * FALSE when the days spread too far for a count of each. */
static gboolean
order_by_radix (const RkOcc *v, const RkMinute *at, guint n, guint *order, guint *tmp)
{
  RkMinute lo = at[0], hi = at[0];
  guint n_days, n_runs = 0;
  g_autofree guint *key = NULL, *runs = NULL, *run_tmp = NULL;
  guint *sorted;

  for (guint i = 1; i < n; i++)
    {
      lo = MIN (lo, at[i]);
      hi = MAX (hi, at[i]);
    }
  if (lo < 0 || rk_minute_day (hi) - rk_minute_day (lo) >= 4 * n + 4096)
    return FALSE;
  n_days = rk_minute_day (hi) - rk_minute_day (lo) + 1;

  /* The runs of one event, by id and then by where they start: their
   * occurrences keep their order. */
  runs = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    if (i == 0 || v[i].event != v[i - 1].event)
      runs[n_runs++] = i;
  run_tmp = g_new (guint, n_runs);
  sorted = order_by_merge (v, NULL, n_runs, runs, run_tmp);
  {
    guint k = 0;

    for (guint r = 0; r < n_runs; r++)
      for (guint i = sorted[r]; i < n && (i == sorted[r] || v[i].event == v[i - 1].event); i++)
        order[k++] = i;
  }

  key = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    key[i] = (guint) rk_minute_of_day (at[i]);
  order_by_count (order, tmp, n, key, RK_MINUTES_PER_DAY);
  for (guint i = 0; i < n; i++)
    key[i] = rk_minute_day (at[i]) - rk_minute_day (lo);
  order_by_count (tmp, order, n, key, n_days);
  return TRUE;
}

static void
sort_occs (GArray *occs)
{
  RkOcc *v = (RkOcc *) (gpointer) occs->data;
  guint n = occs->len;
  g_autofree RkMinute *at = NULL;
  g_autofree guint *order = NULL, *tmp = NULL;
  guint *from;

  if (n < 2)
    return;
  at = g_new (RkMinute, n);
  order = g_new (guint, n);
  tmp = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      at[i] = rk_occ_is_active (&v[i])
                  ? v[i].start
                  : rk_minute_make (v[i].orig_date, rk_minute_of_day (v[i].start));
      order[i] = i;
    }
  from = order_by_radix (v, at, n, order, tmp) ? order : order_by_merge (v, at, n, order, tmp);
  /* from[k]: the occurrence that goes to place k. Follow each cycle once,
   * marking the places done with n. */
  for (guint start = 0; start < n; start++)
    {
      RkOcc held;
      guint k = start;

      if (from[start] == n || from[start] == start)
        continue;
      held = v[start];
      while (from[k] != start)
        {
          guint next = from[k];

          v[k] = v[next];
          from[k] = n;
          k = next;
        }
      v[k] = held;
      from[k] = n;
    }
}

/* The database's zone when an event of the schedule repeats in one of its
 * own; else NULL, and nothing is converted. */
static GTimeZone *
db_zone_if_needed (RkSchedule *schedule, RkSEvent *only)
{
  gboolean any = only ? only->tzid != NULL : FALSE;
  GTimeZone *tz;

  for (guint i = 0; !only && !any && i < schedule->events->len; i++)
    any = ((RkSEvent *) g_ptr_array_index (schedule->events, i))->tzid != NULL;
  if (!any)
    return NULL;
  tz = rk_timezone_new (schedule->timezone ? schedule->timezone : "Asia/Tokyo");
  return tz ? tz : g_time_zone_new_offset (9 * 3600);
}

GArray *
rk_schedule_expand (RkSchedule *schedule, RkDay from, RkDay to, GError **error)
{
  GArray *out = occ_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autoptr(GTimeZone) db_tz = db_zone_if_needed (schedule, NULL);
  /* The days a policy can look at: a rule date a reach away, moved on by
   * as much again. */
  g_autoptr(RkClosedDays) closed = rk_closed_days_new (from > 2 * POLICY_REACH_DAYS
                                                           ? from - 2 * POLICY_REACH_DAYS
                                                           : 1,
                                                       to + 2 * POLICY_REACH_DAYS);

  for (guint i = 0; i < schedule->events->len; i++)
    expand_one (g_ptr_array_index (schedule->events, i), db_tz, closed, from, to, out, starts,
                error);
  sort_occs (out);
  return out;
}

GArray *
rk_event_expand (RkSchedule *schedule, RkSEvent *event, RkDay from, RkDay to, GError **error)
{
  GArray *out = occ_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autoptr(GTimeZone) db_tz = db_zone_if_needed (schedule, event);

  expand_one (event, db_tz, NULL, from, to, out, starts, error);
  sort_occs (out);
  return out;
}

/* Appends id to the n ids of dst unless it is there already. */
static inline guint
add_staff_id (gint64 *dst, guint n, gint64 id)
{
  for (guint k = 0; k < n; k++)
    if (dst[k] == id)
      return n;
  dst[n] = id;
  return n + 1;
}

void
rk_occ_staff (const RkOcc *occ, GArray *out)
{
  const GArray *as = occ->event->assigns;
  const RkSAssign *v = (const RkSAssign *) (gpointer) as->data;
  guint n = as->len, n_out = 0;
  gboolean any_excluded = FALSE;
  gint64 *dst;

  /* Room for every row; cut to the people found at the end. */
  g_array_set_size (out, n);
  dst = (gint64 *) (gpointer) out->data;
  /* A series row is left out on a day a row excludes its person: look for
   * such rows once, not for each series row (a year's view of a series
   * with stand-ins has hundreds of one-day rows). */
  for (guint i = 0; i < n && !any_excluded; i++)
    any_excluded = v[i].excluded && v[i].occ_date == occ->orig_date;
  for (guint i = 0; i < n; i++)
    {
      const RkSAssign *a = &v[i];
      gboolean excluded = FALSE;

      if (a->excluded)
        continue;
      if (a->occ_date != 0 && a->occ_date != occ->orig_date)
        continue;
      if (a->occ_date == 0 && any_excluded)
        for (guint j = 0; j < n; j++)
          {
            const RkSAssign *b = &v[j];
            if (b->excluded && b->staff_id == a->staff_id && b->occ_date == occ->orig_date)
              excluded = TRUE;
          }
      if (!excluded)
        n_out = add_staff_id (dst, n_out, a->staff_id);
    }
  g_array_set_size (out, n_out);
}

/* Below this many rows an event's rows are read as rk_occ_staff() does. */
#define STAFF_INDEX_MIN_ROWS 16

typedef struct
{
  guint  n_series;
  guint *series;       /* the rows without a date, in order */
  guint  n_dated;
  guint64 *dated;      /* the rows with a date: date << 32 | row, sorted */
} StaffRows;

struct _RkOccStaffIndex
{
  GHashTable *events;  /* RkSEvent * → StaffRows *, NULL below the minimum */
};

static void
staff_rows_free (gpointer data)
{
  StaffRows *r = data;

  if (r == NULL)
    return;
  g_free (r->series);
  g_free (r->dated);
  g_free (r);
}

RkOccStaffIndex *
rk_occ_staff_index_new (void)
{
  RkOccStaffIndex *index = g_new0 (RkOccStaffIndex, 1);

  index->events = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, staff_rows_free);
  return index;
}

void
rk_occ_staff_index_free (RkOccStaffIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->events);
  g_free (index);
}

static int
dated_compare (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static StaffRows *
staff_rows_new (const GArray *as)
{
  const RkSAssign *v = (const RkSAssign *) (gpointer) as->data;
  StaffRows *r = g_new0 (StaffRows, 1);

  r->series = g_new (guint, as->len);
  r->dated = g_new (guint64, as->len);
  for (guint i = 0; i < as->len; i++)
    {
      if (v[i].occ_date == 0)
        r->series[r->n_series++] = i;
      else
        r->dated[r->n_dated++] = (guint64) v[i].occ_date << 32 | i;
    }
  qsort (r->dated, r->n_dated, sizeof (guint64), dated_compare);
  return r;
}

void
rk_occ_staff_indexed (RkOccStaffIndex *index, const RkOcc *occ, GArray *out)
{
  const GArray *as = occ->event->assigns;
  const RkSAssign *v = (const RkSAssign *) (gpointer) as->data;
  StaffRows *r;
  guint lo, hi, run_end, i, j, n_out = 0;
  gboolean any_excluded = FALSE;
  gint64 *dst;

  if (index == NULL || as->len < STAFF_INDEX_MIN_ROWS)
    {
      rk_occ_staff (occ, out);
      return;
    }
  if (!g_hash_table_lookup_extended (index->events, occ->event, NULL, (gpointer *) &r))
    {
      r = staff_rows_new (as);
      g_hash_table_insert (index->events, occ->event, r);
    }
  /* The rows of this date: a run of r->dated, in their order. */
  lo = 0;
  hi = r->n_dated;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((RkDay) (r->dated[mid] >> 32) < occ->orig_date)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (run_end = lo; run_end < r->n_dated && (RkDay) (r->dated[run_end] >> 32) == occ->orig_date;
       run_end++)
    any_excluded = any_excluded || v[(guint32) r->dated[run_end]].excluded;

  /* As rk_occ_staff(): the rows in their order, the series' and this
   * date's merged. */
  g_array_set_size (out, r->n_series + (run_end - lo));
  dst = (gint64 *) (gpointer) out->data;
  i = 0;
  j = lo;
  while (i < r->n_series || j < run_end)
    {
      guint k = (j >= run_end || (i < r->n_series && r->series[i] < (guint32) r->dated[j]))
                    ? r->series[i++]
                    : (guint32) r->dated[j++];
      const RkSAssign *a = &v[k];
      gboolean excluded = FALSE;

      if (a->excluded)
        continue;
      if (a->occ_date == 0 && any_excluded)
        for (guint x = lo; x < run_end && !excluded; x++)
          {
            const RkSAssign *b = &v[(guint32) r->dated[x]];

            excluded = b->excluded && b->staff_id == a->staff_id;
          }
      if (!excluded)
        n_out = add_staff_id (dst, n_out, a->staff_id);
    }
  g_array_set_size (out, n_out);
}

gboolean
rk_occ_staff_tentative (const RkOcc *occ, gint64 staff_id)
{
  const GArray *as = occ->event->assigns;

  for (guint i = 0; i < as->len; i++)
    {
      const RkSAssign *a = &g_array_index (as, RkSAssign, i);

      if (a->staff_id == staff_id && !a->excluded &&
          (a->occ_date == 0 || a->occ_date == occ->orig_date) && a->tentative)
        return TRUE;
    }
  return FALSE;
}

const RkOcc *
rk_occ_find (GArray *occs, gint64 event_id, RkDay date)
{
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      if (o->event->id == event_id && o->orig_date == date)
        return o;
    }
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      if (o->event->id == event_id && rk_occ_is_active (o) && rk_minute_day (o->start) == date)
        return o;
    }
  return NULL;
}
