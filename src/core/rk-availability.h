#pragma once

#include <glib.h>

#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* When a person can work: a weekly pattern of windows (none: any time the
 * periods away leave) and limits (0: none). Working outside the pattern or
 * over a limit is a problem `check` reports, never a refusal. */
typedef struct
{
  GArray  *windows;              /* RkSWindow, by weekday then start */
  int      max_week_minutes;
  int      max_sessions_month;
} RkAvailability;

RkAvailability *rk_availability_new  (void);
void            rk_availability_free (RkAvailability *availability);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkAvailability, rk_availability_free)

/* "TU,TH" (MO … SU, any case): bit d set for weekday d (1 Monday … 7). */
gboolean   rk_weekdays_parse       (const char *text, guint8 *mask, GError **error);
/* "09:00-12:00": minutes of the day, end after start. */
gboolean   rk_clock_range_parse    (const char *text, int *start, int *end, GError **error);

/* The windows of the weekdays in mask become [start, end) (several ranges
 * with "09:00-12:00,13:00-16:00"); other weekdays keep theirs. */
gboolean   rk_availability_set_days (RkAvailability *availability, guint8 mask,
                                     const char *between, GError **error);

/* For people: "Tue, Thu 09:00–12:00; up to 16 hours a week" (translated);
 * "any time" without pattern or limits. */
char      *rk_availability_describe (const RkAvailability *availability);
/* The weekly pattern alone, "Tue, Thu 09:00–12:00" (translated); NULL: none. */
char      *rk_windows_describe      (const GArray *windows);

/* Does the pattern let the person work [start, end)? (no pattern: yes) */
gboolean   rk_staff_within_pattern  (const RkSStaff *staff, RkMinute start, RkMinute end);
/* The first day of the week holding day (week_start 1 Monday, 7 Sunday). */
RkDay      rk_week_first_day        (RkDay day, int week_start);

/* The store: read (any time) and replace (inside a transaction) one
 * person's pattern and limits. RK_ERROR_NOT_FOUND for an unknown id. */
RkAvailability *rk_store_get_availability (RkStore *self, gint64 staff_id, GError **error);
gboolean   rk_store_set_availability (RkStore *self, gint64 staff_id,
                                      const RkAvailability *availability, GError **error);

G_END_DECLS
