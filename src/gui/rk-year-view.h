#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_YEAR_VIEW (rk_year_view_get_type ())

G_DECLARE_FINAL_TYPE (RkYearView, rk_year_view, RK, YEAR_VIEW, GtkWidget)

/* Twelve months at a glance (a fiscal year, 年度, from its start month, or
 * a calendar year): each day a small cell shaded by how busy it is and
 * marked for holidays, closing days and problems; beside them, per program,
 * how many occurrences fall in each month — the count a year's plan
 * (年間計画) is made of. A click on a day emits ::day-activated. */
GtkWidget *rk_year_view_new          (void);
/* DATA must cover the twelve months from FIRST_YEAR-FIRST_MONTH-01. */
void       rk_year_view_set_data     (RkYearView  *self,
                                      RkMonthData *data,
                                      int          first_year,
                                      int          first_month);
/* The cell of a day (NULL outside the twelve months). */
GtkWidget *rk_year_view_get_day_cell (RkYearView  *self,
                                      RkDay        day);
/* How many active occurrences of a program fall in month I (0..11) of the
 * view; -1 for a program the view does not list. */
int        rk_year_view_get_count    (RkYearView  *self,
                                      gint64       program_id,
                                      guint        month_index);
/* The busy level (0..4) a day is shaded with. */
int        rk_year_view_get_level    (RkYearView  *self,
                                      RkDay        day);

G_END_DECLS
