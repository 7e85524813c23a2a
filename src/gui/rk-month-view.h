#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_MONTH_VIEW (rk_month_view_get_type ())

G_DECLARE_FINAL_TYPE (RkMonthView, rk_month_view, RK, MONTH_VIEW, GtkWidget)

/* The 6 × 7 month grid under a weekday header. Its 42 day cells are
 * created once and rebound to each month. */
GtkWidget *rk_month_view_new      (void);
void       rk_month_view_set_data (RkMonthView *self,
                                   RkMonthData *data);
/* Cell i (0..41) from the top left. */
GtkWidget *rk_month_view_get_cell (RkMonthView *self,
                                   guint        index);

G_END_DECLS
