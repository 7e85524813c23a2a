#pragma once

#include <glib.h>

#include "rk-expand.h"
#include "rk-schedule.h"
#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

/* A proposed staffing plan for the open places of a date range: who could
 * fill each place an occurrence's program asks for (the minimum first, then
 * the wish), never against a period away, a weekly pattern, a limit, a
 * double booking or the travel gap between venues, and spreading the work.
 * Nothing is written until the plan is applied. */

typedef enum
{
  RK_PLAN_OPTIMAL,      /* matching per time block, repair, load balancing */
  RK_PLAN_GREEDY,       /* one place at a time in date order, the least loaded first:
                         * the baseline the benchmark compares with */
} RkPlanMethod;

typedef struct
{
  gint64    event_id;
  RkDay     date;              /* the day the occurrence is on */
  RkDay     orig_date;         /* its date in the rule (the key of one-day staffing) */
  gboolean  series;            /* the event repeats: assign to this occurrence alone */
  gint64    staff_id;
  RkRole    role;
  gboolean  wish;              /* above the minimum */
  RkMinute  start, end;
  gint64    venue_id;
} RkPlanItem;

typedef struct
{
  gint64      event_id;
  RkDay       date;
  RkRole      role;
  int         missing;         /* places left open (minimum and wish) */
  int         below_minimum;   /* of those, places of the minimum */
  const char *reason;          /* token: no_staff_of_role, nobody_free, over_limit,
                                * outside_availability, taken_by_plan */
  char       *message;         /* translated */
} RkPlanGap;

typedef struct
{
  GArray  *proposed;           /* RkPlanItem, by date, event, role */
  GArray  *unfilled;           /* RkPlanGap */
  int      open_places;        /* places below the wish before the plan */
  int      open_minimum;       /* of those, below the minimum */
  int      filled;
  int      filled_minimum;
} RkPlan;

/* The range the occurrences handed to rk_staff_plan() must cover for
 * [from, to]: whole months (the load and the monthly limits), whole weeks
 * (the weekly limits) and a day either side (the travel gap). */
void        rk_staff_plan_range (RkSchedule *schedule, RkDay from, RkDay to,
                                 RkDay *lo, RkDay *hi);
/* Plans the active occurrences in occs whose day lies in [from, to] (at
 * venue_id only when > 0). */
RkPlan     *rk_staff_plan       (RkSchedule *schedule, GArray *occs, RkDay from, RkDay to,
                                 gint64 venue_id, RkPlanMethod method);
void        rk_plan_free        (RkPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkPlan, rk_plan_free)

/* Writes the items (inside the caller's transaction), tentative (仮) when
 * asked. */
gboolean    rk_store_apply_plan (RkStore *store, GArray *items, gboolean tentative,
                                 GError **error);

/* The desktop's apply, inside an undo entry being recorded (after
 * rk_undo_stack_begin): snapshots every event the items touch, then writes
 * them; the entry's commit makes it one transaction and one undo step. */
gboolean    rk_staff_plan_apply_recorded (RkStore *store, RkUndoStack *undo, GArray *items,
                                          gboolean tentative, GError **error);

G_END_DECLS
