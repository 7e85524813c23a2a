#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-availability.h"
#include "rk-check.h"
#include "rk-staff-plan.h"

/* How the plan is found (bench/README.md says why):
 *  1. The open places (an occurrence's missing people of one role) are
 *     grouped into time blocks: occurrences that overlap, travel gap
 *     included. Within a block one person can take one place, so filling a
 *     block is a bipartite matching of places and free people; a min-cost
 *     flow finds the largest one, and among those the cheapest, the cost
 *     growing with a person's sessions this month and away from their own
 *     hub or organisation. Blocks go in date order, the minimum of every
 *     place before any wish.
 *  2. A place still open is repaired by a short augmenting search across
 *     blocks: a person blocked by one of their proposals (a clash or a
 *     limit) takes it if someone else can take theirs.
 *  3. A local search moves single proposals to a less loaded free person
 *     (or, at equal load, to one of the venue's own) while that helps. */

/* Eligibility, and why not. */
typedef enum
{
  WHY_OK,
  WHY_ROLE,
  WHY_ON_IT,
  WHY_AWAY,
  WHY_PATTERN,
  WHY_BUSY,        /* an assignment already made */
  WHY_LIMIT,
  WHY_PLAN,        /* only another proposal of this plan is in the way */
} Why;

typedef struct
{
  RkMinute  start, end;
  gint64    venue;
  int       place;             /* -1: an existing assignment */
} Busy;

typedef struct
{
  int       key;
  int       value;
} Count;

typedef struct
{
  RkSStaff *st;
  const char *sort_key;
  GArray   *busy;              /* Busy */
  GArray   *months;            /* Count: month key → sessions */
  GArray   *weeks;             /* Count: first day of week → minutes */
  GArray   *away;              /* RkSUnavailable (copies, reasons not owned) */
} Person;

typedef struct
{
  const RkOcc *occ;
  RkRole    role;
  RkMinute  start, end;
  gint64    venue;
  const char *venue_name;
  int       month;
  RkDay     week;
  int       min_open, wish_open;
  GArray   *on;                /* gint64 staff ids already on the occurrence */
  GArray   *people;            /* int person indices proposed */
  int       n_min;             /* of people, those filling the minimum */
} Place;

typedef struct
{
  RkSchedule *schedule;
  RkPlanMethod method;
  int         gap;
  GArray     *persons;         /* Person */
  GHashTable *person_of;       /* staff id → index + 1 */
  GArray     *places;          /* Place */
  GArray     *by_role[RK_N_ROLES];   /* int person indices */
  gint64      budget;          /* eligibility tests the repair may still spend */
} Planner;

/* ---- counters ------------------------------------------------------------ */

static int *
count_slot (GArray *counts, int key)
{
  Count c = { key, 0 };

  for (guint i = 0; i < counts->len; i++)
    if (g_array_index (counts, Count, i).key == key)
      return &g_array_index (counts, Count, i).value;
  g_array_append_val (counts, c);
  return &g_array_index (counts, Count, counts->len - 1).value;
}

static int
count_get (GArray *counts, int key)
{
  for (guint i = 0; i < counts->len; i++)
    if (g_array_index (counts, Count, i).key == key)
      return g_array_index (counts, Count, i).value;
  return 0;
}

static int
month_key (RkDay day)
{
  int y, m;

  rk_day_to_ymd (day, &y, &m, NULL);
  return y * 12 + m;
}

static void
book (Person *p, RkMinute start, RkMinute end, gint64 venue, int place, int month, RkDay week,
      int sign)
{
  *count_slot (p->months, month) += sign;
  *count_slot (p->weeks, (int) week) += sign * (int) (end - start);
  if (sign > 0)
    {
      Busy b = { start, end, venue, place };
      g_array_append_val (p->busy, b);
    }
  else
    for (guint i = 0; i < p->busy->len; i++)
      if (g_array_index (p->busy, Busy, i).place == place)
        {
          g_array_remove_index_fast (p->busy, i);
          break;
        }
}

/* ---- eligibility --------------------------------------------------------- */

static gboolean
clash (const Busy *b, RkMinute start, RkMinute end, gint64 venue, int gap)
{
  if (b->start < end && start < b->end)
    return TRUE;
  return gap > 0 && b->venue && venue && b->venue != venue && b->start < end + gap &&
         start < b->end + gap;
}

static gboolean
contains_int (GArray *ints, int v)
{
  for (guint i = 0; i < ints->len; i++)
    if (g_array_index (ints, int, i) == v)
      return TRUE;
  return FALSE;
}

static Why
eligible (Planner *pl, int pi, int ci)
{
  Person *p = &g_array_index (pl->persons, Person, pi);
  Place *c = &g_array_index (pl->places, Place, ci);
  RkSStaff *st = p->st;
  Why why = WHY_OK;

  pl->budget--;
  if (!st->active || st->role != c->role)
    return WHY_ROLE;
  if (rk_ids_contain (c->on, st->id) || contains_int (c->people, pi))
    return WHY_ON_IT;
  for (guint i = 0; i < p->away->len; i++)
    {
      const RkSUnavailable *u = &g_array_index (p->away, RkSUnavailable, i);
      if (u->start < c->end && c->start < u->end)
        return WHY_AWAY;
    }
  if (!rk_staff_within_pattern (st, c->start, c->end))
    return WHY_PATTERN;
  for (guint i = 0; i < p->busy->len; i++)
    {
      const Busy *b = &g_array_index (p->busy, Busy, i);
      if (!clash (b, c->start, c->end, c->venue, pl->gap))
        continue;
      if (b->place < 0)
        return WHY_BUSY;
      why = WHY_PLAN;
    }
  if (why != WHY_OK)
    return why;
  if (st->max_sessions_month > 0 && count_get (p->months, c->month) + 1 > st->max_sessions_month)
    return WHY_LIMIT;
  if (st->max_week_minutes > 0 &&
      count_get (p->weeks, (int) c->week) + (int) (c->end - c->start) > st->max_week_minutes)
    return WHY_LIMIT;
  return WHY_OK;
}

/* Is the person's organisation the venue (a hub's own staff), or the
 * venue one of the organisation's (a health centre's nurses)? */
static gboolean
at_home (Planner *pl, int pi, int ci)
{
  const char *org = g_array_index (pl->persons, Person, pi).st->org;
  const char *venue = g_array_index (pl->places, Place, ci).venue_name;

  if (org == NULL || *org == '\0' || venue == NULL)
    return FALSE;
  return strstr (venue, org) != NULL || strstr (org, venue) != NULL;
}

static int
load_of (Planner *pl, int pi, int ci)
{
  return count_get (g_array_index (pl->persons, Person, pi).months,
                    g_array_index (pl->places, Place, ci).month);
}

static void
propose (Planner *pl, int pi, int ci, gboolean minimum)
{
  Person *p = &g_array_index (pl->persons, Person, pi);
  Place *c = &g_array_index (pl->places, Place, ci);

  g_array_append_val (c->people, pi);
  if (minimum)
    {
      /* the minimum's people come first in the list */
      int last = g_array_index (c->people, int, c->n_min);
      g_array_index (c->people, int, c->n_min) = pi;
      g_array_index (c->people, int, c->people->len - 1) = last;
      c->n_min++;
    }
  book (p, c->start, c->end, c->venue, ci, c->month, c->week, +1);
}

/* Takes pi off place ci; TRUE when they filled a place of the minimum. */
static gboolean
withdraw (Planner *pl, int pi, int ci)
{
  Person *p = &g_array_index (pl->persons, Person, pi);
  Place *c = &g_array_index (pl->places, Place, ci);
  gboolean minimum = FALSE;

  for (guint i = 0; i < c->people->len; i++)
    if (g_array_index (c->people, int, i) == pi)
      {
        minimum = (int) i < c->n_min;
        if (minimum)
          {
            /* keep the minimum's people first */
            g_array_index (c->people, int, i) = g_array_index (c->people, int, c->n_min - 1);
            g_array_remove_index (c->people, c->n_min - 1);
            c->n_min--;
          }
        else
          g_array_remove_index (c->people, i);
        break;
      }
  book (p, c->start, c->end, c->venue, ci, c->month, c->week, -1);
  return minimum;
}

/* Places still open in a phase: the minimum's, or the wish's. */
static int
need (const Place *c, gboolean wish)
{
  if (!wish)
    return c->min_open - c->n_min;
  return MIN (c->wish_open, c->min_open + c->wish_open - (int) c->people->len);
}

/* ---- 1. min-cost flow per block ------------------------------------------ */

typedef struct
{
  int to, cap, cost, next;
} Edge;

typedef struct
{
  GArray *edges;    /* Edge; i ^ 1 is the reverse of i */
  GArray *head;     /* int per node */
} Graph;

static void
graph_edge (Graph *g, int from, int to, int cap, int cost)
{
  Edge e = { to, cap, cost, g_array_index (g->head, int, from) };
  Edge r = { from, 0, -cost, g_array_index (g->head, int, to) };

  g_array_index (g->head, int, from) = (int) g->edges->len;
  g_array_append_val (g->edges, e);
  g_array_index (g->head, int, to) = (int) g->edges->len;
  g_array_append_val (g->edges, r);
}

/* Successive shortest paths (Bellman-Ford with a queue: the residual graph
 * has negative costs): the largest flow, and among those the cheapest. */
static void
min_cost_flow (Graph *g, int s, int t)
{
  int n = (int) g->head->len;
  g_autofree int *dist = g_new (int, n);
  g_autofree int *via = g_new (int, n);
  g_autofree gboolean *queued = g_new (gboolean, n);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (int));

  for (;;)
    {
      guint qi = 0;

      for (int i = 0; i < n; i++)
        {
          dist[i] = G_MAXINT;
          via[i] = -1;
          queued[i] = FALSE;
        }
      dist[s] = 0;
      g_array_set_size (queue, 0);
      g_array_append_val (queue, s);
      queued[s] = TRUE;
      while (qi < queue->len)
        {
          int u = g_array_index (queue, int, qi++);

          queued[u] = FALSE;
          for (int ei = g_array_index (g->head, int, u); ei >= 0;
               ei = g_array_index (g->edges, Edge, ei).next)
            {
              Edge *e = &g_array_index (g->edges, Edge, ei);

              if (e->cap > 0 && dist[u] + e->cost < dist[e->to])
                {
                  dist[e->to] = dist[u] + e->cost;
                  via[e->to] = ei;
                  if (!queued[e->to])
                    {
                      queued[e->to] = TRUE;
                      g_array_append_val (queue, e->to);
                    }
                }
            }
          /* keep the queue from growing without end */
          if (qi > 4096 && qi == queue->len)
            {
              g_array_set_size (queue, 0);
              qi = 0;
            }
        }
      if (dist[t] == G_MAXINT)
        return;
      for (int v = t; v != s;)
        {
          int ei = via[v];
          g_array_index (g->edges, Edge, ei).cap--;
          g_array_index (g->edges, Edge, ei ^ 1).cap++;
          v = g_array_index (g->edges, Edge, ei ^ 1).to;
        }
    }
}

static int
cost_of (Planner *pl, int pi, int ci)
{
  /* Load first (a session more this month weighs more than the venue),
   * then the person's own hub or organisation. */
  return 10 + 100 * load_of (pl, pi, ci) + (at_home (pl, pi, ci) ? 0 : 30);
}

static void
match_block (Planner *pl, GArray *block, gboolean wish)
{
  Graph g = { g_array_new (FALSE, FALSE, sizeof (Edge)), g_array_new (FALSE, FALSE, sizeof (int)) };
  g_autoptr(GHashTable) node_of = g_hash_table_new (NULL, NULL);   /* person + 1 → node */
  g_autoptr(GArray) node_person = g_array_new (FALSE, FALSE, sizeof (int));
  int n_places = (int) block->len;
  int s = 0, t = 1, any = 0;
  int minus1 = -1;

  /* nodes: 0 source, 1 sink, 2.. places, then people */
  for (int i = 0; i < 2 + n_places; i++)
    g_array_append_val (g.head, minus1);
  for (int b = 0; b < n_places; b++)
    {
      int ci = g_array_index (block, int, b);
      Place *c = &g_array_index (pl->places, Place, ci);
      GArray *cands = pl->by_role[c->role];
      int k = need (c, wish);

      if (k <= 0)
        continue;
      graph_edge (&g, s, 2 + b, k, 0);
      for (guint j = 0; j < cands->len; j++)
        {
          int pi = g_array_index (cands, int, j);
          int node;

          if (eligible (pl, pi, ci) != WHY_OK)
            continue;
          node = GPOINTER_TO_INT (g_hash_table_lookup (node_of, GINT_TO_POINTER (pi + 1)));
          if (node == 0)
            {
              node = (int) g.head->len;
              g_array_append_val (g.head, minus1);
              g_array_append_val (node_person, pi);
              g_hash_table_insert (node_of, GINT_TO_POINTER (pi + 1), GINT_TO_POINTER (node));
              graph_edge (&g, node, t, 1, 0);
            }
          graph_edge (&g, 2 + b, node, 1, cost_of (pl, pi, ci));
          any++;
        }
    }
  if (any)
    {
      min_cost_flow (&g, s, t);
      for (int b = 0; b < n_places; b++)
        for (int ei = g_array_index (g.head, int, 2 + b); ei >= 0;
             ei = g_array_index (g.edges, Edge, ei).next)
          {
            Edge *e = &g_array_index (g.edges, Edge, ei);

            /* a forward edge to a person, used */
            if (e->to >= 2 + n_places && (ei & 1) == 0 && e->cap == 0)
              propose (pl, g_array_index (node_person, int, e->to - 2 - n_places),
                       g_array_index (block, int, b), !wish);
          }
    }
  g_array_unref (g.edges);
  g_array_unref (g.head);
}

static int
place_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  Planner *pl = data;
  const Place *x = &g_array_index (pl->places, Place, *(const int *) a);
  const Place *y = &g_array_index (pl->places, Place, *(const int *) b);

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->occ->event->id != y->occ->event->id)
    return x->occ->event->id < y->occ->event->id ? -1 : 1;
  return (int) x->role - (int) y->role;
}

static GArray *
places_in_time_order (Planner *pl)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (int), pl->places->len);

  for (guint i = 0; i < pl->places->len; i++)
    {
      int v = (int) i;
      g_array_append_val (order, v);
    }
  g_array_sort_with_data (order, place_compare, pl);
  return order;
}

static void
match_all (Planner *pl, GArray *order, gboolean wish)
{
  g_autoptr(GArray) block = g_array_new (FALSE, FALSE, sizeof (int));
  RkMinute reach = 0;

  for (guint i = 0; i <= order->len; i++)
    {
      Place *c = i < order->len ? &g_array_index (pl->places, Place, g_array_index (order, int, i))
                                : NULL;

      if (block->len && (c == NULL || c->start >= reach))
        {
          match_block (pl, block, wish);
          g_array_set_size (block, 0);
        }
      if (c == NULL)
        break;
      if (need (c, wish) <= 0)
        continue;
      reach = block->len ? MAX (reach, c->end + pl->gap) : c->end + pl->gap;
      g_array_append_val (block, g_array_index (order, int, i));
    }
}

/* The baseline: each place in date order gets the least loaded free person. */
static void
greedy_all (Planner *pl, GArray *order, gboolean wish)
{
  for (guint i = 0; i < order->len; i++)
    {
      int ci = g_array_index (order, int, i);
      Place *c = &g_array_index (pl->places, Place, ci);
      GArray *cands = pl->by_role[c->role];

      while (need (c, wish) > 0)
        {
          int best = -1, best_load = 0;
          gboolean best_home = FALSE;

          for (guint j = 0; j < cands->len; j++)
            {
              int pi = g_array_index (cands, int, j);
              int load;
              gboolean home;

              if (eligible (pl, pi, ci) != WHY_OK)
                continue;
              load = load_of (pl, pi, ci);
              home = at_home (pl, pi, ci);
              if (best < 0 || load < best_load || (load == best_load && home && !best_home))
                {
                  best = pi;
                  best_load = load;
                  best_home = home;
                }
            }
          if (best < 0)
            break;
          propose (pl, best, ci, !wish);
        }
    }
}

/* ---- 2. repair: augmenting search across blocks -------------------------- */

static gboolean augment (Planner *pl, int ci, gboolean wish, int depth, GArray *visited);

/* pi, who holds place qi, could take ci instead if qi is refilled (or, for
 * a place of the minimum taken from a wish, even if it is not). */
static gboolean
try_move (Planner *pl, int pi, int qi, int ci, gboolean wish, int depth, GArray *visited)
{
  gboolean q_minimum;

  if (contains_int (visited, qi))
    return FALSE;
  q_minimum = withdraw (pl, pi, qi);
  /* a place of the minimum is never given up for a wish */
  if (!(wish && q_minimum) && eligible (pl, pi, ci) == WHY_OK)
    {
      propose (pl, pi, ci, !wish);
      g_array_append_val (visited, qi);
      if (augment (pl, qi, !q_minimum, depth - 1, visited) || (!wish && !q_minimum))
        return TRUE;
      g_array_set_size (visited, visited->len - 1);
      withdraw (pl, pi, ci);
    }
  propose (pl, pi, qi, q_minimum);
  return FALSE;
}

static gboolean
augment (Planner *pl, int ci, gboolean wish, int depth, GArray *visited)
{
  Place *c = &g_array_index (pl->places, Place, ci);
  GArray *cands = pl->by_role[c->role];

  for (guint j = 0; j < cands->len; j++)
    if (eligible (pl, g_array_index (cands, int, j), ci) == WHY_OK)
      {
        propose (pl, g_array_index (cands, int, j), ci, !wish);
        return TRUE;
      }
  if (depth <= 0)
    return FALSE;
  for (guint j = 0; j < cands->len && pl->budget > 0; j++)
    {
      int pi = g_array_index (cands, int, j);
      Person *p = &g_array_index (pl->persons, Person, pi);
      Why why = eligible (pl, pi, ci);
      g_autoptr(GArray) holds = NULL;

      if (why != WHY_PLAN && why != WHY_LIMIT)
        continue;
      /* The proposals in the way: those that clash, or (for a limit) any of
       * the same month or week. */
      holds = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint k = 0; k < p->busy->len; k++)
        {
          const Busy *b = &g_array_index (p->busy, Busy, k);
          const Place *q;

          if (b->place < 0)
            continue;
          q = &g_array_index (pl->places, Place, b->place);
          if (why == WHY_PLAN ? clash (b, c->start, c->end, c->venue, pl->gap)
                              : (q->month == c->month || q->week == c->week))
            g_array_append_val (holds, b->place);
        }
      for (guint k = 0; k < holds->len; k++)
        if (try_move (pl, pi, g_array_index (holds, int, k), ci, wish, depth, visited))
          return TRUE;
    }
  return FALSE;
}

static void
repair (Planner *pl, GArray *order, gboolean wish)
{
  g_autoptr(GArray) visited = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < order->len; i++)
    {
      int ci = g_array_index (order, int, i);

      while (need (&g_array_index (pl->places, Place, ci), wish) > 0 && pl->budget > 0)
        {
          g_array_set_size (visited, 0);
          g_array_append_val (visited, ci);
          if (!augment (pl, ci, wish, 3, visited))
            break;
        }
    }
}

/* ---- 3. spreading the load ------------------------------------------------ */

static void
balance (Planner *pl)
{
  for (int round = 0; round < 8; round++)
    {
      gboolean moved = FALSE;

      for (guint ci = 0; ci < pl->places->len; ci++)
        {
          Place *c = &g_array_index (pl->places, Place, ci);
          GArray *cands = pl->by_role[c->role];

          for (guint k = 0; k < c->people->len; k++)
            {
              int pi = g_array_index (c->people, int, k);
              gboolean minimum = (int) k < c->n_min;
              gboolean home_p = at_home (pl, pi, (int) ci);
              int load_p, best = pi, best_load, best_home;

              withdraw (pl, pi, (int) ci);
              load_p = load_of (pl, pi, (int) ci) + 1;
              best_load = load_p;
              best_home = home_p;
              for (guint j = 0; j < cands->len; j++)
                {
                  int qi = g_array_index (cands, int, j);
                  int load_q;
                  gboolean home_q;

                  if (qi == pi || eligible (pl, qi, (int) ci) != WHY_OK)
                    continue;
                  load_q = load_of (pl, qi, (int) ci) + 1;
                  home_q = at_home (pl, qi, (int) ci);
                  /* a strictly more even load, or as even and at home */
                  if (load_q < best_load || (load_q == best_load && home_q && !best_home))
                    {
                      best = qi;
                      best_load = load_q;
                      best_home = home_q;
                    }
                }
              propose (pl, best, (int) ci, minimum);
              /* the list is in another order now: on to the next place */
              if (best != pi)
                {
                  moved = TRUE;
                  break;
                }
            }
        }
      if (!moved)
        break;
    }
}

/* ---- the plan ------------------------------------------------------------ */

void
rk_staff_plan_range (RkSchedule *schedule, RkDay from, RkDay to, RkDay *lo, RkDay *hi)
{
  int y, m;
  RkDay l, h;

  rk_check_range (schedule, from, to, &l, &h);
  rk_day_to_ymd (from, &y, &m, NULL);
  l = MIN (l, rk_day_from_ymd (y, m, 1));
  rk_day_to_ymd (to, &y, &m, NULL);
  h = MAX (h, rk_day_from_ymd (y, m, rk_days_in_month (y, m)));
  *lo = l - 1;
  *hi = h + 1;
}

static int
person_index (Planner *pl, gint64 staff_id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (pl->person_of, &staff_id)) - 1;
}

static void
planner_load (Planner *pl, GArray *occs, RkDay from, RkDay to, gint64 venue_id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, pl->schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSStaff *st = value;
      Person p = { st, st->kana && *st->kana ? st->kana : st->name,
                   g_array_new (FALSE, FALSE, sizeof (Busy)),
                   g_array_new (FALSE, FALSE, sizeof (Count)),
                   g_array_new (FALSE, FALSE, sizeof (Count)),
                   g_array_new (FALSE, FALSE, sizeof (RkSUnavailable)) };

      if (!st->active)
        {
          g_array_unref (p.busy);
          g_array_unref (p.months);
          g_array_unref (p.weeks);
          g_array_unref (p.away);
          continue;
        }
      g_array_append_val (pl->persons, p);
    }
  /* A stable order (the hash table's is not): by kana, then id. */
  for (guint i = 1; i < pl->persons->len; i++)
    for (guint j = i; j > 0; j--)
      {
        Person *a = &g_array_index (pl->persons, Person, j - 1);
        Person *b = &g_array_index (pl->persons, Person, j);
        int c = g_strcmp0 (a->sort_key, b->sort_key);
        Person t;

        if (c < 0 || (c == 0 && a->st->id < b->st->id))
          break;
        t = *a;
        *a = *b;
        *b = t;
      }
  for (guint i = 0; i < pl->persons->len; i++)
    {
      Person *p = &g_array_index (pl->persons, Person, i);
      int v = (int) i;

      g_hash_table_insert (pl->person_of, &p->st->id, GINT_TO_POINTER (i + 1));
      g_array_append_val (pl->by_role[p->st->role], v);
    }
  for (guint i = 0; i < pl->schedule->unavailable->len; i++)
    {
      const RkSUnavailable *u = &g_array_index (pl->schedule->unavailable, RkSUnavailable, i);
      int pi = person_index (pl, u->staff_id);
      if (pi >= 0)
        g_array_append_val (g_array_index (pl->persons, Person, pi).away, *u);
    }

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkSVenue *v;
      RkDay day = rk_occ_day (o);
      int required[RK_N_ROLES], wish[RK_N_ROLES], counts[RK_N_ROLES];

      if (!rk_occ_is_active (o))
        continue;
      v = rk_sevent_venue (o->event);
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        {
          int pi = person_index (pl, g_array_index (ids, gint64, j));
          if (pi >= 0)
            book (&g_array_index (pl->persons, Person, pi), o->start, o->end, v ? v->id : 0, -1,
                  month_key (day), rk_week_first_day (day, pl->schedule->week_start), +1);
        }

      if (day < from || day > to || (venue_id > 0 && (v == NULL || v->id != venue_id)))
        continue;
      rk_occ_required (o, required);
      rk_occ_wish (o, wish);
      rk_occ_role_counts (pl->schedule, o, counts);
      for (int r = 0; r < RK_N_ROLES; r++)
        {
          Place c = { 0 };

          c.min_open = MAX (0, required[r] - counts[r]);
          c.wish_open = MAX (0, wish[r] - MAX (counts[r], required[r]));
          if (c.min_open + c.wish_open == 0)
            continue;
          c.occ = o;
          c.role = r;
          c.start = o->start;
          c.end = o->end;
          c.venue = v ? v->id : 0;
          c.venue_name = v ? v->name : NULL;
          c.month = month_key (day);
          c.week = rk_week_first_day (day, pl->schedule->week_start);
          c.on = g_array_copy (ids);
          c.people = g_array_new (FALSE, FALSE, sizeof (int));
          g_array_append_val (pl->places, c);
        }
    }
}

static void
planner_clear (Planner *pl)
{
  for (guint i = 0; i < pl->persons->len; i++)
    {
      Person *p = &g_array_index (pl->persons, Person, i);
      g_array_unref (p->busy);
      g_array_unref (p->months);
      g_array_unref (p->weeks);
      g_array_unref (p->away);
    }
  for (guint i = 0; i < pl->places->len; i++)
    {
      Place *c = &g_array_index (pl->places, Place, i);
      g_array_unref (c->on);
      g_array_unref (c->people);
    }
  g_array_unref (pl->persons);
  g_array_unref (pl->places);
  g_hash_table_unref (pl->person_of);
  for (int r = 0; r < RK_N_ROLES; r++)
    g_array_unref (pl->by_role[r]);
}

/* Why nobody fills the rest of a place. */
static void
explain (Planner *pl, int ci, RkPlanGap *gap)
{
  Place *c = &g_array_index (pl->places, Place, ci);
  GArray *cands = pl->by_role[c->role];
  int n[WHY_PLAN + 1] = { 0 };
  const char *role = rk_role_label (c->role);

  for (guint j = 0; j < cands->len; j++)
    n[eligible (pl, g_array_index (cands, int, j), ci)]++;
  if (cands->len == 0)
    {
      gap->reason = "no_staff_of_role";
      gap->message = g_strdup_printf (_("There is no %s on the staff; add one on the staff page"),
                                      role);
    }
  else if (n[WHY_PLAN] > 0)
    {
      gap->reason = "taken_by_plan";
      gap->message = g_strdup_printf (_("Every %s free then is proposed for another event at "
                                        "the same time"),
                                      role);
    }
  else if (n[WHY_LIMIT] > 0)
    {
      gap->reason = "over_limit";
      gap->message = g_strdup_printf (_("Every %s free then has reached their limit of hours "
                                        "or sessions"),
                                      role);
    }
  else if (n[WHY_PATTERN] > 0 && n[WHY_PATTERN] + n[WHY_ON_IT] == (int) cands->len)
    {
      gap->reason = "outside_availability";
      gap->message = g_strdup_printf (_("No %s works at that time (their weekly working "
                                        "times)"),
                                      role);
    }
  else
    {
      gap->reason = "nobody_free";
      gap->message = g_strdup_printf (_("No %s is free then: %d already on it, %d busy "
                                        "elsewhere, %d away, %d outside their working times"),
                                      role, n[WHY_ON_IT], n[WHY_BUSY], n[WHY_AWAY],
                                      n[WHY_PATTERN]);
    }
}

static int
item_compare (gconstpointer a, gconstpointer b)
{
  const RkPlanItem *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->event_id != y->event_id)
    return x->event_id < y->event_id ? -1 : 1;
  if (x->role != y->role)
    return (int) x->role - (int) y->role;
  return x->wish - y->wish;
}

static void
gap_clear (gpointer data)
{
  g_free (((RkPlanGap *) data)->message);
}

RkPlan *
rk_staff_plan (RkSchedule *schedule, GArray *occs, RkDay from, RkDay to, gint64 venue_id,
               RkPlanMethod method)
{
  Planner pl = { schedule, method, schedule->travel_gap,
                 g_array_new (FALSE, FALSE, sizeof (Person)),
                 g_hash_table_new (g_int64_hash, g_int64_equal),
                 g_array_new (FALSE, FALSE, sizeof (Place)), { NULL }, 2000000 };
  RkPlan *plan = g_new0 (RkPlan, 1);
  g_autoptr(GArray) order = NULL;

  for (int r = 0; r < RK_N_ROLES; r++)
    pl.by_role[r] = g_array_new (FALSE, FALSE, sizeof (int));
  planner_load (&pl, occs, from, to, venue_id);
  order = places_in_time_order (&pl);

  for (int phase = 0; phase < 2; phase++)
    {
      gboolean wish = phase == 1;

      if (method == RK_PLAN_GREEDY)
        greedy_all (&pl, order, wish);
      else
        {
          match_all (&pl, order, wish);
          repair (&pl, order, wish);
        }
    }
  if (method == RK_PLAN_OPTIMAL)
    balance (&pl);

  plan->proposed = g_array_new (FALSE, FALSE, sizeof (RkPlanItem));
  plan->unfilled = g_array_new (FALSE, FALSE, sizeof (RkPlanGap));
  g_array_set_clear_func (plan->unfilled, gap_clear);
  for (guint i = 0; i < order->len; i++)
    {
      int ci = g_array_index (order, int, i);
      Place *c = &g_array_index (pl.places, Place, ci);
      RkSVenue *v = rk_sevent_venue (c->occ->event);
      int open = c->min_open + c->wish_open;

      plan->open_places += open;
      plan->open_minimum += c->min_open;
      plan->filled += (int) c->people->len;
      plan->filled_minimum += c->n_min;
      for (guint k = 0; k < c->people->len; k++)
        {
          RkPlanItem it = { 0 };

          it.event_id = c->occ->event->id;
          it.date = rk_occ_day (c->occ);
          it.orig_date = c->occ->orig_date;
          it.series = c->occ->event->rrule != NULL;
          it.staff_id = g_array_index (pl.persons, Person, g_array_index (c->people, int, k)).st->id;
          it.role = c->role;
          it.wish = (int) k >= c->n_min;
          it.start = c->start;
          it.end = c->end;
          it.venue_id = v ? v->id : 0;
          g_array_append_val (plan->proposed, it);
        }
      if ((int) c->people->len < open)
        {
          RkPlanGap gap = { c->occ->event->id, rk_occ_day (c->occ), c->role,
                            open - (int) c->people->len, c->min_open - c->n_min, NULL, NULL };
          explain (&pl, ci, &gap);
          g_array_append_val (plan->unfilled, gap);
        }
    }
  g_array_sort (plan->proposed, item_compare);
  planner_clear (&pl);
  return plan;
}

void
rk_plan_free (RkPlan *plan)
{
  if (plan == NULL)
    return;
  g_array_unref (plan->proposed);
  g_array_unref (plan->unfilled);
  g_free (plan);
}

gboolean
rk_store_apply_plan (RkStore *store, GArray *items, gboolean tentative, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      const RkPlanItem *it = &g_array_index (items, RkPlanItem, i);

      /* one occurrence of a series alone; a one-off event as a whole */
      if (!rk_store_assign (store, it->event_id, it->staff_id, it->series ? it->orig_date : 0,
                            tentative, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rk_staff_plan_apply_recorded (RkStore *store, RkUndoStack *undo, GArray *items,
                              gboolean tentative, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    if (!rk_undo_stack_save_event (undo, g_array_index (items, RkPlanItem, i).event_id, error))
      return FALSE;
  return rk_store_apply_plan (store, items, tentative, error);
}
