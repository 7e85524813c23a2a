#pragma once

#include <glib.h>

#include "rk-expand.h"
#include "rk-problem.h"
#include "rk-schedule.h"

G_BEGIN_DECLS

/* Every problem of the active occurrences in occs whose date lies in
 * [from, to]: double bookings of staff (with the travel gap between venues),
 * rooms and equipment, unavailability, missing roles, capacity, holidays,
 * closing days, tentative events close to today, work outside a person's
 * weekly pattern or over their limits. Conflicts are found by a
 * sort-and-sweep per staff member, room and item, never by comparing all
 * pairs. Returns RkProblem objects sorted by date, then kind. */
GPtrArray  *rk_check          (RkSchedule *schedule, GArray *occs, RkDay from, RkDay to,
                               RkDay today);

/* A held occurrence that ended more than the schedule's
 * attendance_due_days before today without an attendance record. */
gboolean    rk_occ_attendance_missing (RkSchedule *schedule, const RkOcc *occ, RkDay today);

/* Number of staff of each role on an occurrence (active staff only). */
void        rk_occ_role_counts (RkSchedule *schedule, const RkOcc *occ, int counts[RK_N_ROLES]);
/* Required roles of an occurrence's program (all zero without one): the
 * minimum, and the wish (at least the minimum; more if possible). */
void        rk_occ_required    (const RkOcc *occ, int required[RK_N_ROLES]);
void        rk_occ_wish        (const RkOcc *occ, int wish[RK_N_ROLES]);

/* The range a check of [from, to] must expand so the limits of the staff
 * (sessions a month, hours a week) are counted whole: TRUE when wider. */
gboolean    rk_check_range     (RkSchedule *schedule, RkDay from, RkDay to, RkDay *lo, RkDay *hi);

typedef struct
{
  gint64  staff_id;
  RkRole  role;
  int     assignments_this_month;
} RkSuggestion;

/* Active staff of the roles the occurrence still needs (or of `role` when it
 * is >= 0) who are free then: not on it already, not on an overlapping
 * occurrence (travel gap included), not unavailable. occs must hold the
 * occurrences of the occurrence's month. Fewest assignments first. */
GArray     *rk_suggest         (RkSchedule *schedule, GArray *occs, const RkOcc *occ, int role);

/* Is the staff member free for [start, end) at venue_id, ignoring the
 * occurrence `self` (may be NULL)? */
gboolean    rk_staff_is_free   (RkSchedule *schedule, GArray *occs, gint64 staff_id,
                                RkMinute start, RkMinute end, gint64 venue_id,
                                const RkOcc *self);

G_END_DECLS

G_BEGIN_DECLS

typedef struct
{
  RkDay  date;       /* original date of the clashing occurrence */
  char  *reason;     /* translated: what is taken, by what */
  char  *token;      /* the same as stored: rk_reason_taken_by() */
} RkClash;

/* Occurrences of `event` in occs whose room or equipment is already taken by
 * another active occurrence. Array of RkClash (clear func frees reasons). */
GArray     *rk_resource_clashes (RkSchedule *schedule, GArray *occs, const RkSEvent *event);

G_END_DECLS
