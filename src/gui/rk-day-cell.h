#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_DAY_CELL (rk_day_cell_get_type ())

G_DECLARE_FINAL_TYPE (RkDayCell, rk_day_cell, RK, DAY_CELL, GtkWidget)

/* How many chips a cell shows before it folds the rest into "+N". */
#define RK_DAY_CELL_MAX_CHIPS 3

/* One day of the month grid: its number, holiday name, closing mark and
 * event chips. CSS classes say what kind of day it is: sunday, saturday,
 * holiday, today, other-month, closed. Dropping a chip on it activates
 * win.move-occurrence; a double click on it, or Enter when it has the
 * keyboard focus, win.new-event-on. */
GtkWidget *rk_day_cell_new       (void);
void       rk_day_cell_bind      (RkDayCell   *self,
                                  RkMonthData *data,
                                  RkDay        day);
RkDay      rk_day_cell_get_day   (RkDayCell   *self);
/* The "+N" button, shown when the day has more events than fit. */
GtkWidget *rk_day_cell_get_more_button (RkDayCell *self);
/* What a screen reader says for the day (its accessible label). */
const char *rk_day_cell_get_accessible_text (RkDayCell *self);

G_END_DECLS
