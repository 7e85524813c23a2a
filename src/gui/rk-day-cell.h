#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_DAY_CELL (rk_day_cell_get_type ())

G_DECLARE_FINAL_TYPE (RkDayCell, rk_day_cell, RK, DAY_CELL, GtkWidget)

/* How many chips a cell's natural height has room for; it shows as many
 * as its allocated height holds and folds the rest into "+N". */
#define RK_DAY_CELL_MAX_CHIPS 3
/* At most this many chips are made for one day; more are always in "+N". */
#define RK_DAY_CELL_MAX_BOUND 12

/* One day of the month grid: its number, holiday name, closing mark and
 * event chips, all drawn by the cell (the chips stay widgets for the
 * keyboard, the pointer and screen readers, but GTK neither measures nor
 * draws them). CSS classes say what kind of day it is: sunday, saturday,
 * holiday, today, other-month, closed. Dropping a chip on it activates
 * win.move-occurrence; a double click on it, or Enter when it has the
 * keyboard focus, win.new-event-on. */
GtkWidget *rk_day_cell_new       (void);
void       rk_day_cell_bind      (RkDayCell   *self,
                                  RkMonthData *data,
                                  RkDay        day);
RkDay      rk_day_cell_get_day   (RkDayCell   *self);
/* The "+N" button, shown (mapped) when the day has more events than fit. */
GtkWidget *rk_day_cell_get_more_button (RkDayCell *self);
/* How many of the day's events had no room at the last allocation. */
guint      rk_day_cell_get_n_hidden    (RkDayCell *self);
/* The holiday's name the cell shows, NULL on other days. */
const char *rk_day_cell_get_holiday_name    (RkDayCell *self);
/* What a screen reader says for the day (its accessible label), and its
 * chips'. Binding leaves them to be made by this, after the frame. */
const char *rk_day_cell_get_accessible_text (RkDayCell *self);
void        rk_day_cell_update_accessible   (RkDayCell *self);
/* Whether the day's text is made (for its month as bound). */
gboolean    rk_day_cell_get_accessible_ready (RkDayCell *self);

G_END_DECLS
