#pragma once

#include <glib.h>

#include "rk-check.h"
#include "rk-expand.h"
#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* What one month of the window shows, loaded with one schedule read, one
 * expansion and one check, and shared read-only by the month grid, the
 * agenda and the problems panel until the next reload. */
typedef struct
{
  int          year, month;
  RkDay        first, last;            /* the month */
  RkDay        grid_first, grid_last;  /* the 6 × 7 grid around it (or the range) */
  RkDay        today;
  int          week_start;             /* 1 Monday, 7 Sunday */
  gboolean     placeholder;            /* not read yet: nothing in it says anything */
  RkSchedule  *schedule;
  GArray      *occs;                   /* RkOcc of the grid range */
  GPtrArray   *problems;               /* RkProblem of the grid range */

  /*< private >*/
  GArray      *day_occs;               /* per grid day: GArray of guint indices into occs */
  GHashTable  *occ_problems;           /* (event, day) key → GPtrArray of RkProblem */
  GHashTable  *banner_lanes;           /* (occ index, week row) key → lane + 1 */
  gatomicrefcount ref_count;
} RkMonthData;

#define RK_GRID_DAYS 42

RkMonthData *rk_month_data_load           (RkStore      *store,
                                           int           year,
                                           int           month,
                                           GError      **error);
/* The grid of year-month with nothing in it yet (today and the first day
 * of the week as in like): what a month switch shows at once, until the
 * month is read. */
RkMonthData *rk_month_data_new_empty      (RkMonthData  *like,
                                           int           year,
                                           int           month);
/* Any range of days with nothing in it yet (as rk_month_data_new_empty). */
RkMonthData *rk_month_data_new_empty_range (RkMonthData *like,
                                            RkDay        first,
                                            RkDay        last);
/* Any range of days, e.g. a fiscal year or a search's span: first..last
 * is both the month range and the grid range. */
RkMonthData *rk_month_data_load_range     (RkStore      *store,
                                           RkDay         first,
                                           RkDay         last,
                                           GError      **error);
RkMonthData *rk_month_data_ref            (RkMonthData  *data);
void         rk_month_data_unref          (RkMonthData  *data);

/* Indices into data->occs of the occurrences shown on a grid day: all of
 * them (cancelled and skipped ones too), all-day and multi-day ones on
 * every day they cover and first, the others in start order; NULL outside
 * the grid. */
GArray      *rk_month_data_day_occs       (RkMonthData  *data,
                                           RkDay         day);
/* The lane of an all-day or multi-day occurrence's banner in the week row
 * of DAY (0 the top), the same on every day of the row it covers; -1 for
 * any other occurrence. OCC must be in data->occs. */
int          rk_month_data_banner_lane    (RkMonthData  *data,
                                           const RkOcc  *occ,
                                           RkDay         day);
/* Problems of one occurrence; NULL when it has none. */
GPtrArray   *rk_month_data_occ_problems   (RkMonthData  *data,
                                           const RkOcc  *occ);
const RkOcc *rk_month_data_find           (RkMonthData  *data,
                                           gint64        event_id,
                                           RkDay         date);

/* Venues closed that day as "name (reason)" lines appended to TEXT; the
 * number of them. */
guint        rk_month_data_closed_text    (RkMonthData  *data,
                                           RkDay         day,
                                           GString      *text);
/* A day's long form for screen readers: date, weekday, holiday, closing
 * and how many events. DATA may be NULL. */
char        *rk_day_accessible_text       (RkMonthData  *data,
                                           RkDay         day);
/* The same, with the closing text rk_month_data_closed_text gave for the
 * day already (it looks at every venue). */
char        *rk_day_accessible_text_closed (RkMonthData *data,
                                            RkDay        day,
                                            const char  *closed);
/* All-day or several days long: shown in a band, not on a time grid. */
gboolean     rk_occ_is_all_day            (const RkOcc  *occ);
/* The last day the occurrence covers (an end at midnight ends the day before). */
RkDay        rk_occ_last_day              (const RkOcc  *occ);

/* "Public health nurse 1/1 · Midwife 0/1": each required role with its
 * count, then roles present without a requirement. */
char        *rk_occ_staffing_text         (RkSchedule   *schedule,
                                           const RkOcc  *occ);
/* "佐藤 美咲、鈴木 健": the people on the occurrence, in the order they were
 * assigned; NULL when nobody is. */
char        *rk_occ_staff_names_text      (RkSchedule   *schedule,
                                           const RkOcc  *occ);
/* The reason a cancelled or not-held occurrence was given, or NULL when it
 * has only the default ("cancelled", "skipped"), which says no more than
 * the mark itself. */
const char  *rk_occ_own_reason            (const RkOcc  *occ);
/* Program colour as #RRGGBB, or a neutral one. */
const char  *rk_occ_color                 (const RkOcc  *occ);
/* "10:00–12:00" */
char        *rk_occ_time_text             (const RkOcc  *occ);
/* "Venue · Room", or NULL without a room. */
char        *rk_occ_place_text            (const RkOcc  *occ);

/* The month title: "2026年（令和8年）12月" in Japanese, "December 2026
 * (Reiwa 8)" otherwise. */
char        *rk_month_title               (int           year,
                                           int           month);
/* "12月6日（日）" / "Sun 6 Dec" */
char        *rk_day_title                 (RkDay         day);
gboolean     rk_locale_is_japanese        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkMonthData, rk_month_data_unref)

G_END_DECLS
