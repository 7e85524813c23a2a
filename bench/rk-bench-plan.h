#pragma once

#include "rk-store.h"

G_BEGIN_DECLS

/* The staffing plan's quality on the benchmark municipality's month (its
 * issue, items (a)–(d)); every figure computed in memory, the database is
 * only read. */
typedef struct
{
  double  plan_ms;              /* median: the plan of the whole municipality's month */
  guint   area_venues;          /* hubs whose month was emptied of staff */
  guint   area_assignments;     /* staff × occurrence taken off them */
  guint   patterned, limited;   /* people given a weekly pattern, a limit */
  guint   open_places;          /* below the wish, before the plan */
  guint   filled, greedy_filled;
  guint   bound_alone;          /* places some free person could fill alone */
  guint   competing;            /* places of those lost to competition for sure */
  guint   bound;                /* bound_alone - competing */
  double  fill_rate;            /* filled / bound */
  guint   violations_before;    /* double booking, away, pattern, limit: the month's own */
  guint   violations_after;     /* the same after the plan is applied */
  double  sd_before, sd_plan, sd_greedy;   /* sessions per person in the month */
} RkBenchPlan;

/* (a) no violation added, (b) fill rate ≥ 98 %, (c) spread no worse than
 * greedy, (d) ≤ 300 ms. */
#define RK_BENCH_PLAN_MS        300.0
#define RK_BENCH_PLAN_FILL_RATE 0.98

gboolean  rk_bench_plan (RkStore *store, RkDay from, RkDay to, int hubs, int reps,
                         RkBenchPlan *out, GError **error);

G_END_DECLS
