#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_WEEK_VIEW (rk_week_view_get_type ())

G_DECLARE_FINAL_TYPE (RkWeekView, rk_week_view, RK, WEEK_VIEW, GtkWidget)

/* Seven days on a time grid: events as blocks as tall as they are long,
 * overlapping ones side by side, all-day events and closing days in a band
 * on top, holidays named in the header, the current time marked.
 *
 * Dragging a block moves it (win.retime-occurrence), dragging its lower
 * edge changes its end, dragging over empty time proposes a new event
 * there (win.new-event-at); a click on a day heading emits ::day-activated. */
GtkWidget *rk_week_view_new           (void);
/* DATA must cover the seven days from FIRST. */
void       rk_week_view_set_data      (RkWeekView  *self,
                                       RkMonthData *data,
                                       RkDay        first);
RkDay      rk_week_view_get_first     (RkWeekView  *self);
/* The day keyboard focus or the last click chose (for a new event). */
RkDay      rk_week_view_get_selected_day (RkWeekView *self);
void       rk_week_view_select_day    (RkWeekView  *self,
                                       RkDay        day);
/* Scroll so that the hour is at the top of the grid. */
void       rk_week_view_scroll_to_hour (RkWeekView *self,
                                        int         hour);

/* For tests: the block of an occurrence on the grid (NULL when none), its
 * rectangle in the grid's coordinates, and the minute a grid y stands for. */
GtkWidget *rk_week_view_find_block    (RkWeekView  *self,
                                       gint64       event_id,
                                       RkDay        orig_date);
GtkWidget *rk_week_view_get_grid      (RkWeekView  *self);
GtkWidget *rk_week_view_get_allday_box (RkWeekView *self,
                                        guint       index);
double     rk_week_view_get_hour_height (RkWeekView *self);

G_END_DECLS
