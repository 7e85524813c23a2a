#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-holidays.h"
#include "rk-schedule.h"

static void
venue_free (gpointer data)
{
  RkSVenue *v = data;

  for (guint i = 0; i < v->closings->len; i++)
    g_free (g_array_index (v->closings, RkClosing, i).reason);
  g_array_unref (v->closings);
  g_free (v->name);
  g_free (v->kind);
  g_free (v->address);
  g_free (v->contact);
  g_free (v);
}

static void
room_free (gpointer data)
{
  RkSRoom *r = data;

  g_free (r->name);
  g_free (r->features);
  g_free (r);
}

static void
program_free (gpointer data)
{
  RkSProgram *p = data;

  g_free (p->name);
  g_free (p->audience);
  g_free (p->bring);
  g_free (p->color);
  g_free (p);
}

static void
staff_free (gpointer data)
{
  RkSStaff *s = data;

  g_free (s->name);
  g_free (s->kana);
  g_free (s->org);
  g_clear_pointer (&s->windows, g_array_unref);
  g_free (s);
}

static void
equipment_free (gpointer data)
{
  RkSEquipment *e = data;

  g_free (e->name);
  g_free (e);
}

static void
event_free (gpointer data)
{
  RkSEvent *e = data;

  for (guint i = 0; i < e->exceptions->len; i++)
    g_free (g_array_index (e->exceptions, RkSException, i).reason);
  g_array_unref (e->exceptions);
  g_array_unref (e->assigns);
  g_array_unref (e->equipment);
  g_free (e->title);
  g_free (e->notes);
  g_free (e->rrule);
  g_free (e->uid);
  g_free (e->tzid);
  g_free (e);
}

RkSchedule *
rk_schedule_new (void)
{
  RkSchedule *s = g_new0 (RkSchedule, 1);

  s->venues = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, venue_free);
  s->rooms = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, room_free);
  s->programs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, program_free);
  s->staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, staff_free);
  s->equipment = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, equipment_free);
  s->events = g_ptr_array_new_with_free_func (event_free);
  s->unavailable = g_array_new (FALSE, TRUE, sizeof (RkSUnavailable));
  s->travel_gap = 30;
  s->tentative_days = 14;
  s->week_start = 7;
  s->attendance_due_days = 7;
  return s;
}

void
rk_schedule_free (RkSchedule *s)
{
  if (s == NULL)
    return;
  for (guint i = 0; i < s->unavailable->len; i++)
    g_free (g_array_index (s->unavailable, RkSUnavailable, i).reason);
  g_array_unref (s->unavailable);
  g_ptr_array_unref (s->events);
  /* rooms point at venues: drop them first */
  g_hash_table_unref (s->rooms);
  g_hash_table_unref (s->venues);
  g_hash_table_unref (s->programs);
  g_hash_table_unref (s->staff);
  g_hash_table_unref (s->equipment);
  g_clear_pointer (&s->attendance, g_hash_table_unref);
  g_clear_pointer (&s->attendance_keys, g_array_unref);
  g_clear_pointer (&s->attendance_stubs, g_array_unref);
  g_clear_pointer (&s->attendance_none, g_array_unref);
  g_free (s->timezone);
  g_free (s);
}

static GArray *
array_ref0 (GArray *a)
{
  return a ? g_array_ref (a) : NULL;
}

static RkSEvent *
event_copy (const RkSEvent *e)
{
  RkSEvent *c = g_memdup2 (e, sizeof *e);

  c->title = g_strdup (e->title);
  c->notes = g_strdup (e->notes);
  c->rrule = g_strdup (e->rrule);
  c->uid = g_strdup (e->uid);
  c->tzid = g_strdup (e->tzid);
  c->exceptions = g_array_copy (e->exceptions);
  for (guint i = 0; i < c->exceptions->len; i++)
    {
      RkSException *x = &g_array_index (c->exceptions, RkSException, i);
      x->reason = g_strdup (x->reason);
    }
  c->assigns = g_array_copy (e->assigns);
  c->equipment = g_array_copy (e->equipment);
  return c;
}

RkSchedule *
rk_schedule_copy (const RkSchedule *s)
{
  RkSchedule *c = g_memdup2 (s, sizeof *s);

  c->timezone = g_strdup (s->timezone);
  g_hash_table_ref (c->venues);
  g_hash_table_ref (c->rooms);
  g_hash_table_ref (c->programs);
  g_hash_table_ref (c->staff);
  g_hash_table_ref (c->equipment);
  c->events = g_ptr_array_new_full (s->events->len, event_free);
  for (guint i = 0; i < s->events->len; i++)
    g_ptr_array_add (c->events, event_copy (g_ptr_array_index (s->events, i)));
  c->unavailable = g_array_copy (s->unavailable);
  for (guint i = 0; i < c->unavailable->len; i++)
    {
      RkSUnavailable *u = &g_array_index (c->unavailable, RkSUnavailable, i);
      u->reason = g_strdup (u->reason);
    }
  if (c->attendance)
    g_hash_table_ref (c->attendance);
  array_ref0 (c->attendance_keys);
  array_ref0 (c->attendance_stubs);
  array_ref0 (c->attendance_none);
  return c;
}

RkSVenue *
rk_schedule_venue (RkSchedule *s, gint64 id)
{
  return g_hash_table_lookup (s->venues, &id);
}

RkSRoom *
rk_schedule_room (RkSchedule *s, gint64 id)
{
  return g_hash_table_lookup (s->rooms, &id);
}

RkSProgram *
rk_schedule_program (RkSchedule *s, gint64 id)
{
  return g_hash_table_lookup (s->programs, &id);
}

RkSStaff *
rk_schedule_staff (RkSchedule *s, gint64 id)
{
  return g_hash_table_lookup (s->staff, &id);
}

RkSEquipment *
rk_schedule_equipment (RkSchedule *s, gint64 id)
{
  return g_hash_table_lookup (s->equipment, &id);
}

RkSEvent *
rk_schedule_event (RkSchedule *s, gint64 id)
{
  for (guint i = 0; i < s->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (s->events, i);
      if (e->id == id)
        return e;
    }
  return NULL;
}

const char *
rk_sevent_title (const RkSEvent *event)
{
  if (event->title && *event->title)
    return event->title;
  if (event->program)
    return event->program->name;
  return "";
}

gboolean
rk_sevent_staff_only (const RkSEvent *event)
{
  return event->program && event->program->staff_only;
}

RkSVenue *
rk_sevent_venue (const RkSEvent *event)
{
  return event->room ? event->room->venue : NULL;
}

const RkSException *
rk_sevent_exception (const RkSEvent *event, RkDay occ_date)
{
  guint lo = 0, hi = event->exceptions->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const RkSException *x = &g_array_index (event->exceptions, RkSException, mid);

      if (x->occ_date == occ_date)
        return x;
      if (x->occ_date < occ_date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

gboolean
rk_venue_closed_on (const RkSVenue *venue, RkDay day, const char **reason)
{
  int y, m, d, md = -1;

  if (venue == NULL)
    return FALSE;

  for (guint i = 0; i < venue->closings->len; i++)
    {
      const RkClosing *c = &g_array_index (venue->closings, RkClosing, i);
      gboolean hit = FALSE;

      switch (c->kind)
        {
        case RK_CLOSING_DATE:
        case RK_CLOSING_RANGE:
          hit = day >= c->start && day <= c->end;
          break;
        case RK_CLOSING_WEEKDAY:
          hit = rk_day_weekday (day) == c->weekday;
          break;
        case RK_CLOSING_YEARLY:
          /* The month and day only for these: most closings have a date. */
          if (md < 0)
            {
              rk_day_to_ymd (day, &y, &m, &d);
              md = m * 100 + d;
            }
          if (c->start_md <= c->end_md)
            hit = md >= c->start_md && md <= c->end_md;
          else
            hit = md >= c->start_md || md <= c->end_md;
          break;
        default:
          break;
        }
      if (hit)
        {
          if (reason)
            *reason = (c->reason && *c->reason) ? c->reason : _("closing day");
          return TRUE;
        }
    }
  if (venue->closed_on_holidays && rk_is_holiday_day (day))
    {
      if (reason)
        *reason = _("closed on national holidays");
      return TRUE;
    }
  return FALSE;
}

/* Past this many days a range is not indexed (a few fiscal years). */
#define CLOSED_DAYS_MAX 1500

struct _RkClosedDays
{
  RkDay           from;
  guint           n;            /* days indexed; 0: none */
  guint8         *holiday;      /* per day: a national holiday */
  int            *md;           /* per day: month * 100 + day */
  guint8         *weekday;      /* per day: 1 = Monday .. 7 = Sunday */
  GArray         *years;        /* guint: the index of each year's first day in
                                 * the range, and n at the end */
  GHashTable     *venues;       /* RkSVenue * → guint8[n], per day: closed */
  GPtrArray      *by_id;        /* the venues by their id, for small ids */
  GPtrArray      *by_id_days;   /* and their days */
  const RkSVenue *last;
  const guint8   *last_days;
};

/* Venue ids below this are looked up by index rather than hashed. */
#define CLOSED_DAYS_BY_ID 65536

RkClosedDays *
rk_closed_days_new (RkDay from, RkDay to)
{
  RkClosedDays *c = g_new0 (RkClosedDays, 1);

  c->from = from;
  if (to >= from && to - from < CLOSED_DAYS_MAX)
    c->n = to - from + 1;
  c->venues = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  c->by_id = g_ptr_array_new ();
  c->by_id_days = g_ptr_array_new ();
  return c;
}

void
rk_closed_days_free (RkClosedDays *c)
{
  if (c == NULL)
    return;
  g_hash_table_unref (c->venues);
  g_ptr_array_unref (c->by_id);
  g_ptr_array_unref (c->by_id_days);
  g_free (c->holiday);
  g_free (c->md);
  g_free (c->weekday);
  g_clear_pointer (&c->years, g_array_unref);
  g_free (c);
}

/* Each day's month and day, weekday and whether it is a national holiday. */
static void
closed_days_tables (RkClosedDays *c)
{
  if (c->md == NULL)
    {
      c->md = g_new (int, c->n);
      c->weekday = g_new (guint8, c->n);
      c->holiday = g_new (guint8, c->n);
      for (guint i = 0; i < c->n; i++)
        {
          int y, m, d;

          rk_day_to_ymd (c->from + i, &y, &m, &d);
          c->md[i] = m * 100 + d;
          c->weekday[i] = (guint8) rk_day_weekday (c->from + i);
          c->holiday[i] = rk_is_holiday_day (c->from + i);
        }
      c->years = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i <= c->n; i++)
        if (i == 0 || i == c->n || c->md[i] < c->md[i - 1])
          g_array_append_val (c->years, i);
    }
}

/* The first index of [lo, hi) whose md is above md (below or at it: the
 * month-days of one year rise day by day). */
static guint
md_after (const int *mds, guint lo, guint hi, int md)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (mds[mid] <= md)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Marks the days of [lo, hi) that are in a yearly closing from start_md
 * to end_md (over the year's end when end_md < start_md): within a year
 * they are one run, or two for a closing over the year's end. */
static void
mark_yearly (const RkClosedDays *c, guint8 *days, int start_md, int end_md)
{
  for (guint y = 0; y + 1 < c->years->len; y++)
    {
      guint lo = g_array_index (c->years, guint, y), hi = g_array_index (c->years, guint, y + 1);
      guint first = md_after (c->md, lo, hi, start_md - 1), last = md_after (c->md, lo, hi, end_md);

      if (start_md <= end_md)
        memset (days + first, 1, last > first ? last - first : 0);
      else
        {
          memset (days + first, 1, hi - first);
          memset (days + lo, 1, last - lo);
        }
    }
}

gboolean
rk_closed_days_holiday (RkClosedDays *c, RkDay day)
{
  if (c == NULL || day < c->from || day - c->from >= c->n)
    return rk_is_holiday_day (day);
  closed_days_tables (c);
  return c->holiday[day - c->from];
}

/* The venue's closed days, as rk_venue_closed_on() decides them. */
static guint8 *
closed_days_of (RkClosedDays *c, const RkSVenue *venue)
{
  guint8 *days = g_new0 (guint8, c->n);

  closed_days_tables (c);
  for (guint k = 0; k < venue->closings->len; k++)
    {
      const RkClosing *x = &g_array_index (venue->closings, RkClosing, k);

      switch (x->kind)
        {
        case RK_CLOSING_DATE:
        case RK_CLOSING_RANGE:
          for (RkDay day = MAX (x->start, c->from); day <= x->end && day < c->from + c->n; day++)
            days[day - c->from] = 1;
          break;
        case RK_CLOSING_WEEKDAY:
          /* Every seventh day from the first of that weekday. */
          if (x->weekday >= 1 && x->weekday <= 7 && c->n > 0)
            for (guint i = (guint) (x->weekday - c->weekday[0] + 7) % 7; i < c->n; i += 7)
              days[i] = 1;
          break;
        case RK_CLOSING_YEARLY:
          mark_yearly (c, days, x->start_md, x->end_md);
          break;
        default:
          break;
        }
    }
  if (venue->closed_on_holidays)
    for (guint i = 0; i < c->n; i++)
      days[i] |= c->holiday[i];
  return days;
}

gboolean
rk_closed_days_test (RkClosedDays *c, const RkSVenue *venue, RkDay day, const char **reason)
{
  const guint8 *days;

  if (venue == NULL)
    return FALSE;
  if (c == NULL || day < c->from || day - c->from >= c->n)
    return rk_venue_closed_on (venue, day, reason);
  if (venue == c->last)
    days = c->last_days;
  else
    {
      /* By id when it is small, but only for the venue it was made for
       * (two schedules' venues may share an id). */
      gboolean by_id = venue->id >= 0 && venue->id < CLOSED_DAYS_BY_ID;
      const RkSVenue *owner = by_id && (guint) venue->id < c->by_id->len
                                  ? g_ptr_array_index (c->by_id, venue->id)
                                  : NULL;

      if (owner == venue)
        days = g_ptr_array_index (c->by_id_days, venue->id);
      else if ((days = g_hash_table_lookup (c->venues, venue)) == NULL)
        {
          guint8 *fresh = closed_days_of (c, venue);

          g_hash_table_insert (c->venues, (gpointer) venue, fresh);
          days = fresh;
          if (by_id && owner == NULL)
            {
              if ((guint) venue->id >= c->by_id->len)
                {
                  g_ptr_array_set_size (c->by_id, venue->id + 1);
                  g_ptr_array_set_size (c->by_id_days, venue->id + 1);
                }
              g_ptr_array_index (c->by_id, venue->id) = (gpointer) venue;
              g_ptr_array_index (c->by_id_days, venue->id) = fresh;
            }
        }
      c->last = venue;
      c->last_days = days;
    }
  /* A closed day's reason, from the closings in their order. */
  return days[day - c->from] && rk_venue_closed_on (venue, day, reason);
}

int
rk_id_compare (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gboolean
rk_ids_contain (GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}
