#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-availability.h"
#include "rk-check.h"
#include "rk-holidays.h"
#include "rk-attendance.h"

typedef struct
{
  gint64      key;         /* staff, room or equipment id */
  RkMinute    start, end;
  gint64      venue_id;
  const RkOcc *occ;
} Slot;

static int
slot_compare (gconstpointer a, gconstpointer b)
{
  const Slot *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->occ->event->id != y->occ->event->id)
    return x->occ->event->id < y->occ->event->id ? -1 : 1;
  return 0;
}

/* Puts the slots in slot_compare() order. rk_check() appends them in the
 * occurrences' order (by start, then event), so a stable pass by key
 * gives that order without comparing slots (a fiscal year at four times
 * the benchmark's size has 200,000 staff slots); other input is sorted. */
static void
sort_slots (GArray *slots)
{
  Slot *v = (Slot *) (gpointer) slots->data;
  guint n = slots->len;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) keys = NULL;     /* (key, first seen as) pairs */
  g_autofree guint *group = NULL, *rank = NULL, *next = NULL;
  g_autofree Slot *out = NULL;
  guint n_keys;

  for (guint i = 1; i < n; i++)
    if (v[i - 1].start > v[i].start ||
        (v[i - 1].start == v[i].start && v[i - 1].occ->event->id > v[i].occ->event->id))
      {
        g_array_sort (slots, slot_compare);
        return;
      }
  if (n < 2)
    return;
  /* Ids are small and dense (a municipality's people, rooms, items):
   * count the slots of each key straight by its id. */
  {
    gint64 lo = v[0].key, hi = v[0].key;

    for (guint i = 1; i < n; i++)
      {
        lo = MIN (lo, v[i].key);
        hi = MAX (hi, v[i].key);
      }
    if (hi - lo < (gint64) n * 4 + 1024)
      {
        guint span = (guint) (hi - lo) + 1;

        next = g_new0 (guint, span + 1);
        for (guint i = 0; i < n; i++)
          next[v[i].key - lo + 1]++;
        for (guint r = 0; r < span; r++)
          next[r + 1] += next[r];
        out = g_new (Slot, n);
        for (guint i = 0; i < n; i++)
          out[next[v[i].key - lo]++] = v[i];
        memcpy (v, out, n * sizeof (Slot));
        return;
      }
  }
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  keys = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  group = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      gpointer found = g_hash_table_lookup (seen, &v[i].key);

      if (found == NULL)
        {
          gint64 pair[2] = { v[i].key, keys->len };

          g_array_append_val (keys, pair);
          found = GUINT_TO_POINTER (keys->len);
          g_hash_table_insert (seen, &v[i].key, found);
        }
      group[i] = GPOINTER_TO_UINT (found) - 1;
    }
  /* The keys in order: each group's place, then each slot's. */
  g_array_sort (keys, rk_id_compare);
  n_keys = keys->len;
  rank = g_new0 (guint, n_keys);
  next = g_new0 (guint, n_keys + 1);
  for (guint r = 0; r < n_keys; r++)
    rank[((const gint64 *) (gpointer) keys->data)[2 * r + 1]] = r;
  for (guint i = 0; i < n; i++)
    next[rank[group[i]] + 1]++;
  for (guint r = 0; r < n_keys; r++)
    next[r + 1] += next[r];
  out = g_new (Slot, n);
  for (guint i = 0; i < n; i++)
    out[next[rank[group[i]]]++] = v[i];
  memcpy (v, out, n * sizeof (Slot));
}

typedef void (*ClashFunc) (const Slot *a, const Slot *b, gboolean travel, gpointer data);

/* Sort and sweep: each slot is compared only with the earlier slots of the
 * same key that are still "open" at its start (gap included). */
static void
sweep (GArray *slots, int gap, ClashFunc func, gpointer data)
{
  /* The indexes of the slots still open, at most all of them. */
  g_autofree guint *open = g_new (guint, MAX (slots->len, 1));
  guint n_open = 0;

  sort_slots (slots);
  for (guint i = 0; i < slots->len; i++)
    {
      const Slot *b = &g_array_index (slots, Slot, i);
      guint keep = 0;

      for (guint j = 0; j < n_open; j++)
        {
          guint ai = open[j];
          const Slot *a = &g_array_index (slots, Slot, ai);

          if (a->key != b->key || a->end + gap <= b->start)
            continue;   /* closed for good: drop it */
          open[keep++] = ai;

          if (a->occ->event == b->occ->event && a->occ->orig_date == b->occ->orig_date)
            continue;
          if (a->start < b->end && b->start < a->end)
            func (a, b, FALSE, data);
          else if (gap > 0 && a->venue_id && b->venue_id && a->venue_id != b->venue_id &&
                   a->start < b->end + gap && b->start < a->end + gap)
            func (a, b, TRUE, data);
        }
      n_open = keep;
      open[n_open++] = i;
    }
}

static gint64
occ_venue_id (const RkOcc *occ)
{
  RkSVenue *v = rk_sevent_venue (occ->event);

  return v ? v->id : 0;
}

void
rk_occ_required (const RkOcc *occ, int required[RK_N_ROLES])
{
  for (int r = 0; r < RK_N_ROLES; r++)
    required[r] = occ->event->program ? occ->event->program->required[r] : 0;
}

void
rk_occ_wish (const RkOcc *occ, int wish[RK_N_ROLES])
{
  const RkSProgram *p = occ->event->program;

  for (int r = 0; r < RK_N_ROLES; r++)
    wish[r] = p ? MAX (p->required[r], p->wish[r]) : 0;
}

void
rk_occ_role_counts (RkSchedule *schedule, const RkOcc *occ, int counts[RK_N_ROLES])
{
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int r = 0; r < RK_N_ROLES; r++)
    counts[r] = 0;
  rk_occ_staff (occ, staff);
  for (guint i = 0; i < staff->len; i++)
    {
      RkSStaff *st = rk_schedule_staff (schedule, g_array_index (staff, gint64, i));
      if (st && st->active)
        counts[st->role]++;
    }
}

typedef struct
{
  RkSchedule *schedule;
  GPtrArray  *problems;
  RkDay       from, to;
  const char *kind;
  RkClosedDays *closed;   /* the venues' closed days of [from, to] */
} Ctx;

static char *
day_text (RkDay day)
{
  return rk_date_format (day);
}

static RkProblem *
problem_new (Ctx *ctx, const char *kind, RkDay day)
{
  RkProblem *p;
  g_autofree char *date = NULL;

  if (day < ctx->from || day > ctx->to)
    return NULL;
  p = rk_problem_new ();
  date = day_text (day);
  rk_problem_set_kind (p, kind);
  rk_problem_set_date (p, date);
  g_ptr_array_add (ctx->problems, p);
  return p;
}

static void
clock_text (RkMinute t, char buf[6])
{
  int m = rk_minute_of_day (t);

  g_snprintf (buf, 6, "%02d:%02d", m / 60, m % 60);
}

static void
staff_clash (const Slot *a, const Slot *b, gboolean travel, gpointer data)
{
  Ctx *ctx = data;
  RkSStaff *st = rk_schedule_staff (ctx->schedule, a->key);
  RkProblem *p = problem_new (ctx, "staff_double_booked", rk_minute_day (a->start));
  g_autofree char *msg = NULL;
  char ta[6], tb[6];

  if (p == NULL)
    return;
  clock_text (a->start, ta);
  clock_text (b->start, tb);
  if (travel)
    msg = g_strdup_printf (_("%s cannot get from “%s” (%s, %s) to “%s” (%s, %s) in time: "
                             "%d minutes are needed between venues; assign someone else to "
                             "one of them or change a time"),
                           st->name, rk_sevent_title (a->occ->event),
                           rk_sevent_venue (a->occ->event)->name, ta,
                           rk_sevent_title (b->occ->event), rk_sevent_venue (b->occ->event)->name,
                           tb, ctx->schedule->travel_gap);
  else
    msg = g_strdup_printf (_("%s is assigned to “%s” (%s) and “%s” (%s) at the same time; "
                             "assign someone else to one of them"),
                           st->name, rk_sevent_title (a->occ->event), ta,
                           rk_sevent_title (b->occ->event), tb);
  rk_problem_set_message (p, msg);
  rk_problem_set_staff_id (p, a->key);
  rk_problem_add_event_id (p, a->occ->event->id);
  rk_problem_add_event_id (p, b->occ->event->id);
}

static void
room_clash (const Slot *a, const Slot *b, gboolean travel, gpointer data)
{
  Ctx *ctx = data;
  RkSRoom *room = rk_schedule_room (ctx->schedule, a->key);
  RkProblem *p = problem_new (ctx, "room_double_booked", rk_minute_day (a->start));
  g_autofree char *msg = NULL;

  if (p == NULL)
    return;
  msg = g_strdup_printf (_("Room “%s” (%s) is booked for “%s” and “%s” at the same time; "
                           "move one of them to another room or time"),
                         room->name, room->venue ? room->venue->name : "",
                         rk_sevent_title (a->occ->event), rk_sevent_title (b->occ->event));
  rk_problem_set_message (p, msg);
  rk_problem_set_room_id (p, a->key);
  rk_problem_add_event_id (p, a->occ->event->id);
  rk_problem_add_event_id (p, b->occ->event->id);
}

static void
equipment_clash (const Slot *a, const Slot *b, gboolean travel, gpointer data)
{
  Ctx *ctx = data;
  RkSEquipment *item = rk_schedule_equipment (ctx->schedule, a->key);
  RkProblem *p = problem_new (ctx, "equipment_double_booked", rk_minute_day (a->start));
  g_autofree char *msg = NULL;

  if (p == NULL)
    return;
  msg = g_strdup_printf (_("“%s” is needed by “%s” and “%s” at the same time and cannot be in "
                           "two places; change a time or find a second one"),
                         item ? item->name : "?", rk_sevent_title (a->occ->event),
                         rk_sevent_title (b->occ->event));
  rk_problem_set_message (p, msg);
  rk_problem_set_equipment_id (p, a->key);
  rk_problem_add_event_id (p, a->occ->event->id);
  rk_problem_add_event_id (p, b->occ->event->id);
}

static int
unavailable_compare (gconstpointer a, gconstpointer b)
{
  const RkSUnavailable *x = a, *y = b;

  if (x->staff_id != y->staff_id)
    return x->staff_id < y->staff_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

/* Staff slots against unavailability, both sorted by staff then start. */
static void
check_unavailable (Ctx *ctx, GArray *slots)
{
  g_autoptr(GArray) un = g_array_copy (ctx->schedule->unavailable);
  guint j0 = 0;

  g_array_sort (un, unavailable_compare);
  for (guint i = 0; i < slots->len; i++)
    {
      const Slot *s = &g_array_index (slots, Slot, i);

      while (j0 < un->len && g_array_index (un, RkSUnavailable, j0).staff_id < s->key)
        j0++;
      for (guint j = j0; j < un->len; j++)
        {
          const RkSUnavailable *u = &g_array_index (un, RkSUnavailable, j);

          if (u->staff_id != s->key || u->start >= s->end)
            break;
          if (u->end > s->start)
            {
              RkSStaff *st = rk_schedule_staff (ctx->schedule, s->key);
              RkProblem *p = problem_new (ctx, "staff_unavailable", rk_minute_day (s->start));
              g_autofree char *msg = NULL;

              if (p == NULL)
                break;
              msg = g_strdup_printf (_("%s is unavailable (%s) during “%s”; assign someone else"),
                                     st->name, u->reason && *u->reason ? u->reason : _("no reason given"),
                                     rk_sevent_title (s->occ->event));
              rk_problem_set_message (p, msg);
              rk_problem_set_staff_id (p, s->key);
              rk_problem_add_event_id (p, s->occ->event->id);
              break;
            }
        }
    }
}

/* "10:00–12:00": the dash is three bytes of UTF-8. */
#define CLOCK_RANGE_LEN 16

static void
clock_range_text (const RkOcc *o, char buf[CLOCK_RANGE_LEN])
{
  char a[6], b[6];

  clock_text (o->start, a);
  clock_text (o->end, b);
  g_snprintf (buf, CLOCK_RANGE_LEN, "%s–%s", a, b);
}

static RkProblem *
staff_problem (Ctx *ctx, const char *kind, const Slot *s, const char *msg)
{
  RkProblem *p = problem_new (ctx, kind, rk_minute_day (s->start));

  if (p == NULL)
    return NULL;
  rk_problem_set_message (p, msg);
  rk_problem_set_staff_id (p, s->key);
  rk_problem_add_event_id (p, s->occ->event->id);
  return p;
}

/* Staff slots (sorted by staff, then start) against each person's weekly
 * pattern and limits. A limit is counted over the occurrences given: the
 * caller widens its range to whole months and weeks (rk_check_range) so
 * the count is exact; a narrower range can only miss a problem, never
 * report a false one. Every session past a limit is a problem of its own,
 * on its own day. */
static void
check_availability (Ctx *ctx, GArray *slots)
{
  gint64 key = 0;
  RkSStaff *st = NULL;
  int sessions = 0;
  /* The month and week of the slots before: [month, month_end), [week,
   * week + 7); a person's slots come in time order, so each is worked out
   * only when a slot leaves it. */
  RkDay month = 0, month_end = 0, week = 0;
  int minutes = 0;

  for (guint i = 0; i < slots->len; i++)
    {
      const Slot *s = &g_array_index (slots, Slot, i);
      const char *title;
      RkDay day = rk_minute_day (s->start);
      int y, m;

      if (i == 0 || s->key != key)
        {
          key = s->key;
          st = rk_schedule_staff (ctx->schedule, key);
          month = month_end = 0;
          week = 0;
        }
      if (st == NULL)
        continue;
      title = rk_sevent_title (s->occ->event);

      if (!rk_staff_within_pattern (st, s->start, s->end))
        {
          g_autofree char *pattern = rk_windows_describe (st->windows);
          g_autofree char *msg = NULL;
          char when[CLOCK_RANGE_LEN];

          clock_range_text (s->occ, when);
          msg = g_strdup_printf (_("%s works %s; “%s” (%s) is outside that: assign someone "
                                   "else or change their availability"),
                                 st->name, pattern, title, when);
          staff_problem (ctx, "staff_outside_availability", s, msg);
        }

      if (day < month || day >= month_end)
        {
          rk_day_to_ymd (day, &y, &m, NULL);
          month = rk_day_from_ymd (y, m, 1);
          month_end = month + (RkDay) rk_days_in_month (y, m);
          sessions = 0;
        }
      sessions++;
      if (st->max_sessions_month > 0 && sessions > st->max_sessions_month)
        {
          g_autofree char *msg =
            g_strdup_printf (_("“%s” is %s’s session %d this month, over their limit of %d "
                               "a month; assign someone else"),
                             title, st->name, sessions, st->max_sessions_month);
          staff_problem (ctx, "staff_over_limit", s, msg);
        }

      if (week == 0 || day < week || day >= week + 7)
        {
          week = rk_week_first_day (day, ctx->schedule->week_start);
          minutes = 0;
        }
      minutes += (int) (s->end - s->start);
      if (st->max_week_minutes > 0 && minutes > st->max_week_minutes)
        {
          g_autofree char *msg =
            g_strdup_printf (_("With “%s” %s works %d:%02d hours this week, over their limit of "
                               "%d:%02d; assign someone else"),
                             title, st->name, minutes / 60, minutes % 60,
                             st->max_week_minutes / 60, st->max_week_minutes % 60);
          staff_problem (ctx, "staff_over_limit", s, msg);
        }
    }
}

gboolean
rk_check_range (RkSchedule *schedule, RkDay from, RkDay to, RkDay *lo, RkDay *hi)
{
  gboolean months = FALSE, weeks = FALSE;
  GHashTableIter iter;
  gpointer value;
  int y, m;

  *lo = from;
  *hi = to;
  g_hash_table_iter_init (&iter, schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSStaff *st = value;
      months = months || st->max_sessions_month > 0;
      weeks = weeks || st->max_week_minutes > 0;
    }
  if (months)
    {
      rk_day_to_ymd (from, &y, &m, NULL);
      *lo = rk_day_from_ymd (y, m, 1);
      rk_day_to_ymd (to, &y, &m, NULL);
      *hi = rk_day_from_ymd (y, m, rk_days_in_month (y, m));
    }
  if (weeks)
    {
      *lo = MIN (*lo, rk_week_first_day (from, schedule->week_start));
      *hi = MAX (*hi, rk_week_first_day (to, schedule->week_start) + 6);
    }
  return *lo != from || *hi != to;
}

/* counts: the occurrence's active staff by role (rk_occ_role_counts()). */
static void
check_occurrence (Ctx *ctx, const RkOcc *o, const int counts[RK_N_ROLES], RkDay today)
{
  const RkSEvent *e = o->event;
  const char *title = rk_sevent_title (e);
  RkDay day = rk_minute_day (o->start);
  int y, m, d;
  const RkHoliday *h;
  const char *why = NULL;
  int required[RK_N_ROLES];

  rk_occ_required (o, required);
  for (int r = 0; r < RK_N_ROLES; r++)
    if (counts[r] < required[r])
      {
        RkProblem *p = problem_new (ctx, "understaffed", day);
        g_autofree char *msg = NULL;

        if (p == NULL)
          continue;
        msg = g_strdup_printf (_("“%s” is short of staff: %s %d/%d; assign someone who is "
                                 "free then (the suggestions list them)"),
                               title, rk_role_label (r), counts[r], required[r]);
        rk_problem_set_message (p, msg);
        rk_problem_set_role (p, rk_role_to_token (r));
        rk_problem_set_needed (p, required[r]);
        rk_problem_set_assigned (p, counts[r]);
        rk_problem_add_event_id (p, e->id);
      }

  if (e->room && e->capacity > e->room->capacity)
    {
      RkProblem *p = problem_new (ctx, "over_capacity", day);
      g_autofree char *msg = NULL;

      if (p)
        {
          msg = g_strdup_printf (_("“%s” is for %d people but room “%s” holds %d; lower the "
                                   "capacity or choose a larger room"),
                                 title, e->capacity, e->room->name, e->room->capacity);
          rk_problem_set_message (p, msg);
          rk_problem_set_room_id (p, e->room->id);
          rk_problem_add_event_id (p, e->id);
        }
    }

  rk_day_to_ymd (day, &y, &m, &d);
  h = rk_holiday_lookup (y, m, d);
  if (h && e->policy == RK_POLICY_UNSET)
    {
      RkProblem *p = problem_new (ctx, "on_holiday", day);
      g_autofree char *msg = NULL;

      if (p)
        {
          msg = g_strdup_printf (_("“%s” falls on a national holiday (%s); decide whether to "
                                   "keep, skip or move it (holiday policy)"),
                                 title, h->name_ja);
          rk_problem_set_message (p, msg);
          rk_problem_add_event_id (p, e->id);
        }
    }

  if (rk_closed_days_test (ctx->closed, rk_sevent_venue (e), day, &why))
    {
      RkProblem *p = problem_new (ctx, "hub_closed", day);
      g_autofree char *msg = NULL;

      if (p)
        {
          msg = g_strdup_printf (_("“%s” is on a day %s is closed (%s); move or cancel it"),
                                 title, rk_sevent_venue (e)->name, why);
          rk_problem_set_message (p, msg);
          rk_problem_add_event_id (p, e->id);
        }
    }

  if (rk_occ_attendance_missing (ctx->schedule, o, today))
    {
      RkProblem *p = problem_new (ctx, "attendance_missing", day);
      g_autofree char *msg = NULL;

      if (p)
        {
          msg = g_strdup_printf (_("Nobody has entered how many came to “%s” (%d days ago); "
                                   "enter its attendance"),
                                 title, (int) (today - day));
          rk_problem_set_message (p, msg);
          rk_problem_add_event_id (p, e->id);
        }
    }

  if (o->status == RK_OCC_TENTATIVE && day >= today &&
      day <= today + (RkDay) ctx->schedule->tentative_days)
    {
      RkProblem *p = problem_new (ctx, "unconfirmed", day);
      g_autofree char *msg = NULL;

      if (p)
        {
          msg = g_strdup_printf (_("“%s” is still tentative %d days before it takes place; "
                                   "confirm it or cancel it"),
                                 title, (int) (day - today));
          rk_problem_set_message (p, msg);
          rk_problem_add_event_id (p, e->id);
        }
    }
}

static const char * const kind_order[] = {
  "staff_double_booked", "staff_unavailable", "staff_outside_availability", "staff_over_limit",
  "room_double_booked", "equipment_double_booked",
  "understaffed", "over_capacity", "on_holiday", "hub_closed", "unconfirmed",
  "attendance_missing",
};

static int
kind_rank (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
    if (g_strcmp0 (kind, kind_order[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (kind_order);
}

static int
problem_compare (gconstpointer a, gconstpointer b)
{
  RkProblem *x = *(RkProblem **) a, *y = *(RkProblem **) b;
  int c = g_strcmp0 (rk_problem_get_date (x), rk_problem_get_date (y));
  const GArray *ex, *ey;

  if (c)
    return c;
  c = kind_rank (rk_problem_get_kind (x)) - kind_rank (rk_problem_get_kind (y));
  if (c)
    return c;
  ex = rk_problem_get_event_ids (x);
  ey = rk_problem_get_event_ids (y);
  if (ex->len && ey->len && g_array_index (ex, gint64, 0) != g_array_index (ey, gint64, 0))
    return g_array_index (ex, gint64, 0) < g_array_index (ey, gint64, 0) ? -1 : 1;
  return 0;
}

gboolean
rk_occ_attendance_missing (RkSchedule *schedule, const RkOcc *occ, RkDay today)
{
  if (schedule->attendance == NULL || !rk_occ_is_active (occ))
    return FALSE;
  if (rk_minute_day (occ->end) + (RkDay) MAX (schedule->attendance_due_days, 0) >= today)
    return FALSE;
  return rk_schedule_attendance (schedule, occ->event->id, occ->orig_date) == NULL;
}

GPtrArray *
rk_check (RkSchedule *schedule, GArray *occs, RkDay from, RkDay to, RkDay today)
{
  g_autoptr(RkClosedDays) closed = rk_closed_days_new (from, to);
  Ctx ctx = { schedule, g_ptr_array_new_with_free_func (g_object_unref), from, to, NULL, closed };
  g_autoptr(GArray) staff_slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) room_slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) item_slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RkOccStaffIndex) staff_index = rk_occ_staff_index_new ();

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      Slot s = { 0, o->start, o->end, occ_venue_id (o), o };
      guint n_slots;
      int counts[RK_N_ROLES] = { 0 };

      if (!rk_occ_is_active (o))
        continue;
      /* Each person looked up once, for the counts and the slots: the
       * slots written in place (a year has hundreds of thousands). */
      rk_occ_staff_indexed (staff_index, o, ids);
      n_slots = staff_slots->len;
      g_array_set_size (staff_slots, n_slots + ids->len);
      for (guint j = 0; j < ids->len; j++)
        {
          RkSStaff *st = rk_schedule_staff (schedule, g_array_index (ids, gint64, j));
          if (st == NULL || !st->active)
            continue;
          counts[st->role]++;
          s.key = st->id;
          g_array_index (staff_slots, Slot, n_slots++) = s;
        }
      g_array_set_size (staff_slots, n_slots);
      check_occurrence (&ctx, o, counts, today);

      if (o->event->room)
        {
          s.key = o->event->room->id;
          g_array_append_val (room_slots, s);
        }
      for (guint j = 0; j < o->event->equipment->len; j++)
        {
          s.key = g_array_index (o->event->equipment, gint64, j);
          g_array_append_val (item_slots, s);
        }
    }

  sweep (staff_slots, schedule->travel_gap, staff_clash, &ctx);
  check_unavailable (&ctx, staff_slots);
  check_availability (&ctx, staff_slots);
  sweep (room_slots, 0, room_clash, &ctx);
  sweep (item_slots, 0, equipment_clash, &ctx);

  g_ptr_array_sort (ctx.problems, problem_compare);
  return ctx.problems;
}

gboolean
rk_staff_is_free (RkSchedule *schedule, GArray *occs, gint64 staff_id, RkMinute start,
                  RkMinute end, gint64 venue_id, const RkOcc *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int gap = schedule->travel_gap;

  for (guint i = 0; i < schedule->unavailable->len; i++)
    {
      const RkSUnavailable *u = &g_array_index (schedule->unavailable, RkSUnavailable, i);
      if (u->staff_id == staff_id && u->start < end && u->end > start)
        return FALSE;
    }
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      gint64 v;
      gboolean overlap;

      if (!rk_occ_is_active (o) || o->start >= end + gap || o->end + gap <= start)
        continue;
      if (self && o->event == self->event && o->orig_date == self->orig_date)
        continue;
      v = occ_venue_id (o);
      overlap = o->start < end && start < o->end;
      if (!overlap && !(venue_id && v && v != venue_id))
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == staff_id)
          return FALSE;
    }
  return TRUE;
}

typedef struct
{
  RkSuggestion  s;
  const char   *sort_key;
} Candidate;

static int
candidate_compare (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  int c;

  if (x->s.assignments_this_month != y->s.assignments_this_month)
    return x->s.assignments_this_month - y->s.assignments_this_month;
  if (x->s.role != y->s.role)
    return (int) x->s.role - (int) y->s.role;
  c = g_strcmp0 (x->sort_key, y->sort_key);
  if (c)
    return c;
  return x->s.staff_id < y->s.staff_id ? -1 : x->s.staff_id > y->s.staff_id;
}

GArray *
rk_suggest (RkSchedule *schedule, GArray *occs, const RkOcc *occ, int role)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RkSuggestion));
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) on_it = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) load = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) busy = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean wanted[RK_N_ROLES] = { FALSE };
  int required[RK_N_ROLES], counts[RK_N_ROLES];
  gboolean any = FALSE;
  int oy, om;
  RkDay month_first, month_last;
  GHashTableIter iter;
  gpointer value;

  rk_occ_required (occ, required);
  rk_occ_role_counts (schedule, occ, counts);
  if (role >= 0)
    wanted[role] = any = TRUE;
  else
    {
      for (int r = 0; r < RK_N_ROLES; r++)
        if (counts[r] < required[r])
          wanted[r] = any = TRUE;
      /* Fully staffed, or no program: offer the roles it asks for, else all. */
      for (int r = 0; !any && r < RK_N_ROLES; r++)
        if (required[r] > 0)
          wanted[r] = TRUE;
      for (int r = 0; r < RK_N_ROLES; r++)
        any = any || wanted[r];
      if (!any)
        for (int r = 0; r < RK_N_ROLES; r++)
          wanted[r] = TRUE;
    }

  /* Assignments per person in the occurrence's month. */
  rk_day_to_ymd (rk_minute_day (occ->start), &oy, &om, NULL);
  month_first = rk_day_from_ymd (oy, om, 1);
  month_last = month_first + (RkDay) rk_days_in_month (oy, om) - 1;
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);

      if (!rk_occ_is_active (o) || rk_minute_day (o->start) < month_first ||
          rk_minute_day (o->start) > month_last)
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        {
          gint64 *key = &g_array_index (ids, gint64, j);
          RkSStaff *st = rk_schedule_staff (schedule, *key);
          if (st)
            g_hash_table_insert (load, &st->id,
                                 GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (load, &st->id)) + 1));
        }
    }

  /* Who is busy then, in one pass: the same test as rk_staff_is_free()
   * for every candidate, without a pass over the month for each of them. */
  {
    int gap = schedule->travel_gap;
    gint64 venue_id = occ_venue_id (occ);

    for (guint i = 0; i < schedule->unavailable->len; i++)
      {
        RkSUnavailable *u = &g_array_index (schedule->unavailable, RkSUnavailable, i);
        if (u->start < occ->end && u->end > occ->start)
          g_hash_table_add (busy, &u->staff_id);
      }
    for (guint i = 0; i < occs->len; i++)
      {
        const RkOcc *o = &g_array_index (occs, RkOcc, i);
        gint64 v;

        if (!rk_occ_is_active (o) || o->start >= occ->end + gap || o->end + gap <= occ->start)
          continue;
        if (o->event == occ->event && o->orig_date == occ->orig_date)
          continue;
        v = occ_venue_id (o);
        if (!(o->start < occ->end && occ->start < o->end) && !(venue_id && v && v != venue_id))
          continue;
        rk_occ_staff (o, ids);
        for (guint j = 0; j < ids->len; j++)
          {
            RkSStaff *st = rk_schedule_staff (schedule, g_array_index (ids, gint64, j));
            if (st)
              g_hash_table_add (busy, &st->id);
          }
      }
  }

  rk_occ_staff (occ, on_it);
  g_hash_table_iter_init (&iter, schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSStaff *st = value;
      Candidate c;
      gboolean already = FALSE;

      if (!st->active || !wanted[st->role])
        continue;
      for (guint j = 0; j < on_it->len; j++)
        already = already || g_array_index (on_it, gint64, j) == st->id;
      if (already || g_hash_table_contains (busy, &st->id))
        continue;
      c.s.staff_id = st->id;
      c.s.role = st->role;
      c.s.assignments_this_month = GPOINTER_TO_INT (g_hash_table_lookup (load, &st->id));
      c.sort_key = st->kana && *st->kana ? st->kana : st->name;
      g_array_append_val (cands, c);
    }
  g_array_sort (cands, candidate_compare);
  for (guint i = 0; i < cands->len; i++)
    g_array_append_val (out, g_array_index (cands, Candidate, i).s);
  return out;
}

static void
clash_clear (gpointer data)
{
  g_free (((RkClash *) data)->reason);
  g_free (((RkClash *) data)->token);
}

GArray *
rk_resource_clashes (RkSchedule *schedule, GArray *occs, const RkSEvent *event)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (RkClash));

  g_array_set_clear_func (out, clash_clear);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *a = &g_array_index (occs, RkOcc, i);
      char *reason = NULL;
      char *token = NULL;

      if (a->event != event || !rk_occ_is_active (a))
        continue;
      /* occs are sorted by start: only neighbours can overlap, but a long
       * event may reach far; a linear scan over the (month-sized) range is
       * cheap next to what the person waits for. */
      for (guint j = 0; j < occs->len && reason == NULL; j++)
        {
          const RkOcc *b = &g_array_index (occs, RkOcc, j);

          if (b->event == event || !rk_occ_is_active (b) || b->start >= a->end ||
              b->end <= a->start)
            continue;
          if (event->room && b->event->room == event->room)
            {
              reason = g_strdup_printf (_("room “%s” is taken by “%s” (event %" PRId64 ")"),
                                        event->room->name, rk_sevent_title (b->event),
                                        b->event->id);
              token = rk_reason_taken_by (FALSE, b->event->id);
            }
          for (guint k = 0; reason == NULL && k < event->equipment->len; k++)
            for (guint l = 0; reason == NULL && l < b->event->equipment->len; l++)
              if (g_array_index (event->equipment, gint64, k) ==
                  g_array_index (b->event->equipment, gint64, l))
                {
                  RkSEquipment *item =
                    rk_schedule_equipment (schedule, g_array_index (event->equipment, gint64, k));
                  reason = g_strdup_printf (_("“%s” is taken by “%s” (event %" PRId64 ")"),
                                            item ? item->name : "?", rk_sevent_title (b->event),
                                            b->event->id);
                  token = rk_reason_taken_by (TRUE, b->event->id);
                }
        }
      if (reason)
        {
          RkClash c = { a->orig_date, reason, token };
          g_array_append_val (out, c);
        }
    }
  return out;
}
