#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_TIME_GRID (rk_time_grid_get_type ())

G_DECLARE_FINAL_TYPE (RkTimeGrid, rk_time_grid, RK, TIME_GRID, GtkWidget)

/* Width of the hour labels at the start of each row. */
#define RK_TIME_GRID_GUTTER 56
/* Blocks snap to a quarter of an hour when moved, resized or drawn. */
#define RK_TIME_GRID_SNAP 15

/* Days side by side, 00:00 to 24:00 downwards: the body of the week view.
 * Timed occurrences are RkEventChip blocks; all-day ones are left to the
 * band above it. */
GtkWidget *rk_time_grid_new             (void);
void       rk_time_grid_set_data        (RkTimeGrid  *self,
                                         RkMonthData *data,
                                         RkDay        first,
                                         guint        n_days);
/* Make HOURS hours fill PAGE pixels (never smaller than is legible). */
void       rk_time_grid_fit_hours       (RkTimeGrid  *self,
                                         double       page,
                                         int          hours);
double     rk_time_grid_get_hour_height (RkTimeGrid  *self);
/* The minute of the day marked "now" in today's column. */
int        rk_time_grid_get_now         (RkTimeGrid  *self);
GtkWidget *rk_time_grid_find_block      (RkTimeGrid  *self,
                                         gint64       event_id,
                                         RkDay        orig_date);
/* The minute a point of the grid stands for, snapped; FALSE outside the days. */
gboolean   rk_time_grid_minute_at       (RkTimeGrid  *self,
                                         double       x,
                                         double       y,
                                         RkMinute    *minute);

G_END_DECLS
