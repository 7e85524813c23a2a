#define G_LOG_DOMAIN "renkei-bench"
#include "config.h"

#include <math.h>
#include <string.h>

#include "rk-availability.h"
#include "rk-bench-plan.h"
#include "rk-check.h"
#include "rk-expand.h"
#include "rk-staff-plan.h"

/* The scenario: the month as generated, with every assignment taken off
 * the hubs of one area (the generator puts hub h in area h % areas), and
 * weekly patterns and limits given to a third of the people each, taken
 * from what they already do that month so the generated schedule breaks
 * none of them. The staff table is the schedule's own copy: the store's
 * cached reference tables stay as read. */

typedef struct
{
  RkSchedule *schedule;
  GHashTable *original_staff;   /* kept alive: the copies borrow its strings */
  GArray     *occs;
  RkDay       from, to;
} Scenario;

static void
staff_copy_free (gpointer data)
{
  RkSStaff *st = data;

  g_clear_pointer (&st->windows, g_array_unref);
  g_free (st);
}

static void
scenario_clear (Scenario *sc)
{
  g_clear_pointer (&sc->occs, g_array_unref);
  g_clear_pointer (&sc->schedule, rk_schedule_free);
  g_clear_pointer (&sc->original_staff, g_hash_table_unref);
}

static int
venue_compare (gconstpointer a, gconstpointer b)
{
  const RkSVenue *x = *(RkSVenue **) a, *y = *(RkSVenue **) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
scenario_load (RkStore *store, RkDay from, RkDay to, int hubs, Scenario *sc, RkBenchPlan *out,
               GError **error)
{
  g_autoptr(GPtrArray) venues = g_ptr_array_new ();
  g_autoptr(GHashTable) area = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) copies = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;
  int n_areas = MAX (1, (hubs + 9) / 10);
  guint hub_index = 0;

  sc->from = from;
  sc->to = to;
  sc->schedule = rk_store_load_schedule (store, from - 8, to + 8, error);
  if (sc->schedule == NULL)
    return FALSE;

  /* The schedule's own staff: copies it may change. */
  copies = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, staff_copy_free);
  g_hash_table_iter_init (&iter, sc->schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSStaff *st = g_memdup2 (value, sizeof (RkSStaff));
      st->windows = NULL;
      st->max_week_minutes = st->max_sessions_month = 0;
      g_hash_table_insert (copies, &st->id, st);
    }
  sc->original_staff = sc->schedule->staff;
  sc->schedule->staff = g_steal_pointer (&copies);

  g_hash_table_iter_init (&iter, sc->schedule->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((RkSVenue *) value)->kind, "hub") == 0)
      g_ptr_array_add (venues, value);
  g_ptr_array_sort (venues, venue_compare);
  for (guint i = 0; i < venues->len; i++)
    if (hub_index++ % (guint) n_areas == 0)
      g_hash_table_add (area, &((RkSVenue *) venues->pdata[i])->id);
  out->area_venues = g_hash_table_size (area);

  sc->occs = rk_schedule_expand (sc->schedule, from - 8, to + 8, error);
  if (sc->occs == NULL)
    return FALSE;

  /* Off the area's hubs: every assignment of their events. */
  out->area_assignments = 0;
  for (guint i = 0; i < sc->occs->len; i++)
    {
      const RkOcc *o = &g_array_index (sc->occs, RkOcc, i);
      RkSVenue *v = rk_sevent_venue (o->event);
      RkDay day = rk_occ_day (o);

      if (v && g_hash_table_contains (area, &v->id) && rk_occ_is_active (o) && day >= from &&
          day <= to)
        {
          rk_occ_staff (o, ids);
          out->area_assignments += ids->len;
        }
    }
  for (guint i = 0; i < sc->schedule->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (sc->schedule->events, i);
      RkSVenue *v = rk_sevent_venue (e);

      if (v && g_hash_table_contains (area, &v->id))
        g_array_set_size (e->assigns, 0);
    }

  /* Patterns and limits from what people still do this month. */
  {
    g_autoptr(GHashTable) windows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           (GDestroyNotify) g_array_unref);
    g_autoptr(GHashTable) sessions = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GHashTable) week_max = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GHashTable) week_now = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < sc->occs->len; i++)
      {
        const RkOcc *o = &g_array_index (sc->occs, RkOcc, i);
        RkDay day = rk_occ_day (o);

        if (!rk_occ_is_active (o))
          continue;
        rk_occ_staff (o, ids);
        for (guint j = 0; j < ids->len; j++)
          {
            RkSStaff *st = rk_schedule_staff (sc->schedule, g_array_index (ids, gint64, j));
            GArray *w;
            RkSWindow win = { rk_day_weekday (day), rk_minute_of_day (o->start),
                              (int) (o->end - rk_minute_make (day, 0)) };
            gboolean merged = FALSE;

            if (st == NULL)
              continue;
            w = g_hash_table_lookup (windows, &st->id);
            if (w == NULL)
              {
                w = g_array_new (FALSE, FALSE, sizeof (RkSWindow));
                g_hash_table_insert (windows, &st->id, w);
              }
            win.end = MIN (win.end, RK_MINUTES_PER_DAY);
            for (guint k = 0; k < w->len; k++)
              {
                RkSWindow *x = &g_array_index (w, RkSWindow, k);
                if (x->weekday == win.weekday)
                  {
                    x->start = MIN (x->start, win.start);
                    x->end = MAX (x->end, win.end);
                    merged = TRUE;
                  }
              }
            if (!merged)
              g_array_append_val (w, win);
            if (day >= from && day <= to)
              g_hash_table_insert (sessions, &st->id,
                                   GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (sessions, &st->id)) + 1));
          }
      }
    /* The longest week of each person. */
    for (RkDay w0 = rk_week_first_day (from, sc->schedule->week_start); w0 <= to; w0 += 7)
      {
        g_hash_table_remove_all (week_now);
        for (guint i = 0; i < sc->occs->len; i++)
          {
            const RkOcc *o = &g_array_index (sc->occs, RkOcc, i);
            RkDay day = rk_occ_day (o);

            if (!rk_occ_is_active (o) || day < w0 || day > w0 + 6)
              continue;
            rk_occ_staff (o, ids);
            for (guint j = 0; j < ids->len; j++)
              {
                RkSStaff *st = rk_schedule_staff (sc->schedule, g_array_index (ids, gint64, j));
                int m;

                if (st == NULL)
                  continue;
                m = GPOINTER_TO_INT (g_hash_table_lookup (week_now, &st->id)) + (int) (o->end - o->start);
                g_hash_table_insert (week_now, &st->id, GINT_TO_POINTER (m));
                if (m > GPOINTER_TO_INT (g_hash_table_lookup (week_max, &st->id)))
                  g_hash_table_insert (week_max, &st->id, GINT_TO_POINTER (m));
              }
          }
      }

    out->patterned = out->limited = 0;
    g_hash_table_iter_init (&iter, sc->schedule->staff);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        RkSStaff *st = value;
        GArray *w = g_hash_table_lookup (windows, &st->id);

        if (!st->active || w == NULL)
          continue;
        if (st->id % 3 == 0)
          {
            /* the days and hours they already come */
            st->windows = g_array_copy (w);
            out->patterned++;
          }
        else if (st->id % 3 == 1)
          {
            /* one session more than now, and two more hours in their longest week */
            st->max_sessions_month = GPOINTER_TO_INT (g_hash_table_lookup (sessions, &st->id)) + 1;
            st->max_week_minutes = GPOINTER_TO_INT (g_hash_table_lookup (week_max, &st->id)) + 120;
            out->limited++;
          }
      }
  }
  return TRUE;
}

/* ---- figures -------------------------------------------------------------- */

static guint
violations (Scenario *sc)
{
  g_autoptr(GPtrArray) problems = rk_check (sc->schedule, sc->occs, sc->from, sc->to, sc->from);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      const char *kind = rk_problem_get_kind (g_ptr_array_index (problems, i));

      n += g_str_equal (kind, "staff_double_booked") || g_str_equal (kind, "staff_unavailable") ||
           g_str_equal (kind, "staff_outside_availability") ||
           g_str_equal (kind, "staff_over_limit");
    }
  return n;
}

/* Standard deviation of the month's sessions per active person. */
static double
load_sd (Scenario *sc)
{
  g_autoptr(GHashTable) n = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;
  double sum = 0, sum2 = 0;
  guint people = 0;

  for (guint i = 0; i < sc->occs->len; i++)
    {
      const RkOcc *o = &g_array_index (sc->occs, RkOcc, i);
      RkDay day = rk_occ_day (o);

      if (!rk_occ_is_active (o) || day < sc->from || day > sc->to)
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        {
          RkSStaff *st = rk_schedule_staff (sc->schedule, g_array_index (ids, gint64, j));
          if (st)
            g_hash_table_insert (n, &st->id,
                                 GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (n, &st->id)) + 1));
        }
    }
  g_hash_table_iter_init (&iter, sc->schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSStaff *st = value;
      double x;

      if (!st->active)
        continue;
      x = GPOINTER_TO_INT (g_hash_table_lookup (n, &st->id));
      sum += x;
      sum2 += x * x;
      people++;
    }
  if (people == 0)
    return 0;
  return sqrt (MAX (0.0, sum2 / people - (sum / people) * (sum / people)));
}

static void
apply (Scenario *sc, const RkPlan *plan)
{
  for (guint i = 0; i < plan->proposed->len; i++)
    {
      const RkPlanItem *it = &g_array_index (plan->proposed, RkPlanItem, i);
      RkSEvent *e = rk_schedule_event (sc->schedule, it->event_id);
      RkSAssign a = { it->staff_id, it->series ? it->orig_date : 0, FALSE, FALSE };

      g_array_append_val (e->assigns, a);
    }
}

/* (b)'s bound, computed apart from the planner: a place is fillable when
 * someone of the role is free for it alone (no assignment clashes, travel
 * gap included, not away, within their pattern and limits as things
 * stand); places that compete are those of one moment and role that
 * outnumber everyone free for any of them. */
typedef struct
{
  const RkOcc *occ;
  RkRole       role;
  int          capped;          /* min (open, free candidates) */
  GArray      *cands;           /* gint64 */
} Alone;

static gboolean
covers (const RkSStaff *st, RkMinute start, RkMinute end)
{
  RkDay day = rk_minute_day (start);

  if (st->windows == NULL || st->windows->len == 0)
    return TRUE;
  for (guint i = 0; i < st->windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (st->windows, RkSWindow, i);
      if (w->weekday == rk_day_weekday (day) && w->start <= rk_minute_of_day (start) &&
          end - rk_minute_make (day, 0) <= w->end)
        return TRUE;
    }
  return FALSE;
}

static void
bound (Scenario *sc, RkBenchPlan *out)
{
  g_autoptr(GArray) alone = g_array_new (FALSE, FALSE, sizeof (Alone));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (RkSStaff *));
  g_autoptr(GHashTable) months = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sc->schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((RkSStaff *) value)->active)
      g_array_append_val (people, value);
  for (guint i = 0; i < sc->occs->len; i++)
    {
      const RkOcc *o = &g_array_index (sc->occs, RkOcc, i);
      RkDay day = rk_occ_day (o);

      if (!rk_occ_is_active (o) || day < sc->from || day > sc->to)
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        {
          gint64 *key = &g_array_index (ids, gint64, j);
          RkSStaff *st = rk_schedule_staff (sc->schedule, *key);
          if (st)
            g_hash_table_insert (months, &st->id,
                                 GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (months, &st->id)) + 1));
        }
    }

  out->bound_alone = 0;
  for (guint i = 0; i < sc->occs->len; i++)
    {
      const RkOcc *o = &g_array_index (sc->occs, RkOcc, i);
      RkDay day = rk_occ_day (o);
      RkSVenue *v = rk_sevent_venue (o->event);
      int required[RK_N_ROLES], wish[RK_N_ROLES], counts[RK_N_ROLES];

      if (!rk_occ_is_active (o) || day < sc->from || day > sc->to)
        continue;
      rk_occ_required (o, required);
      rk_occ_wish (o, wish);
      rk_occ_role_counts (sc->schedule, o, counts);
      rk_occ_staff (o, ids);
      for (int r = 0; r < RK_N_ROLES; r++)
        {
          int open = MAX (0, MAX (wish[r], required[r]) - counts[r]);
          Alone a = { o, r, 0, NULL };

          if (open == 0)
            continue;
          a.cands = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (guint k = 0; k < people->len; k++)
            {
              RkSStaff *st = g_array_index (people, RkSStaff *, k);
              gboolean on = FALSE;
              int week = 0;

              if ((int) st->role != r)
                continue;
              for (guint j = 0; j < ids->len; j++)
                on = on || g_array_index (ids, gint64, j) == st->id;
              if (on || !covers (st, o->start, o->end) ||
                  !rk_staff_is_free (sc->schedule, sc->occs, st->id, o->start, o->end,
                                     v ? v->id : 0, o))
                continue;
              if (st->max_sessions_month > 0 &&
                  GPOINTER_TO_INT (g_hash_table_lookup (months, &st->id)) + 1 > st->max_sessions_month)
                continue;
              if (st->max_week_minutes > 0)
                {
                  RkDay w0 = rk_week_first_day (day, sc->schedule->week_start);
                  g_autoptr(GArray) on_it = g_array_new (FALSE, FALSE, sizeof (gint64));

                  for (guint q = 0; q < sc->occs->len; q++)
                    {
                      const RkOcc *x = &g_array_index (sc->occs, RkOcc, q);
                      RkDay xd = rk_occ_day (x);

                      if (!rk_occ_is_active (x) || xd < w0 || xd > w0 + 6)
                        continue;
                      rk_occ_staff (x, on_it);
                      for (guint j = 0; j < on_it->len; j++)
                        if (g_array_index (on_it, gint64, j) == st->id)
                          week += (int) (x->end - x->start);
                    }
                  if (week + (int) (o->end - o->start) > st->max_week_minutes)
                    continue;
                }
              g_array_append_val (a.cands, st->id);
            }
          a.capped = MIN (open, (int) a.cands->len);
          out->bound_alone += (guint) a.capped;
          g_array_append_val (alone, a);
        }
    }

  /* Competition: at each moment, per role, places beyond everyone free
   * for any of them cannot all be filled; the worst moment of each block
   * of overlapping places counts (blocks are apart, moments of one block
   * are not). */
  out->competing = 0;
  {
    guint i = 0;

    while (i < alone->len)
      {
        guint j = i;
        RkMinute reach = g_array_index (alone, Alone, i).occ->end;
        int worst[RK_N_ROLES] = { 0 };

        while (j + 1 < alone->len && g_array_index (alone, Alone, j + 1).occ->start < reach)
          {
            j++;
            reach = MAX (reach, g_array_index (alone, Alone, j).occ->end);
          }
        for (guint t = i; t <= j; t++)
          {
            RkMinute at = g_array_index (alone, Alone, t).occ->start;
            for (int r = 0; r < RK_N_ROLES; r++)
              {
                g_autoptr(GHashTable) uni = g_hash_table_new (g_int64_hash, g_int64_equal);
                int need = 0;

                for (guint k = i; k <= j; k++)
                  {
                    Alone *a = &g_array_index (alone, Alone, k);
                    if ((int) a->role != r || a->occ->start > at || a->occ->end <= at)
                      continue;
                    need += a->capped;
                    for (guint c = 0; c < a->cands->len; c++)
                      g_hash_table_add (uni, &g_array_index (a->cands, gint64, c));
                  }
                worst[r] = MAX (worst[r], need - (int) g_hash_table_size (uni));
              }
          }
        for (int r = 0; r < RK_N_ROLES; r++)
          out->competing += (guint) worst[r];
        i = j + 1;
      }
  }
  out->bound = out->bound_alone - out->competing;
  for (guint i = 0; i < alone->len; i++)
    g_array_unref (g_array_index (alone, Alone, i).cands);
}

static int
ms_compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

gboolean
rk_bench_plan (RkStore *store, RkDay from, RkDay to, int hubs, int reps, RkBenchPlan *out,
               GError **error)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  Scenario sc = { NULL };

  memset (out, 0, sizeof *out);
  out->plan_ms = -1;

  /* (c)'s baseline: one gap at a time. */
  if (!scenario_load (store, from, to, hubs, &sc, out, error))
    {
      scenario_clear (&sc);
      return FALSE;
    }
  out->violations_before = violations (&sc);
  out->sd_before = load_sd (&sc);
  bound (&sc, out);
  {
    g_autoptr(RkPlan) greedy = rk_staff_plan (sc.schedule, sc.occs, from, to, 0, RK_PLAN_GREEDY);

    out->greedy_filled = (guint) greedy->filled;
    apply (&sc, greedy);
    out->sd_greedy = load_sd (&sc);
  }
  scenario_clear (&sc);

  /* The plan: (d) timed on the whole municipality's month, (a)–(c) on its
   * result. */
  if (!scenario_load (store, from, to, hubs, &sc, out, error))
    {
      scenario_clear (&sc);
      return FALSE;
    }
  for (int i = 0; i < MAX (1, reps); i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(RkPlan) plan = rk_staff_plan (sc.schedule, sc.occs, from, to, 0, RK_PLAN_OPTIMAL);
      double t = (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (ms, t);
      if (i == 0)
        {
          out->open_places = (guint) plan->open_places;
          out->filled = (guint) plan->filled;
        }
      if (i == MAX (1, reps) - 1)
        apply (&sc, plan);
    }
  g_array_sort (ms, ms_compare);
  out->plan_ms = g_array_index (ms, double, ms->len / 2);
  out->violations_after = violations (&sc);
  out->sd_plan = load_sd (&sc);
  out->fill_rate = out->bound > 0 ? (double) out->filled / out->bound : 1.0;
  scenario_clear (&sc);
  return TRUE;
}
