#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_RESULTS_PAGE (rk_results_page_get_type ())

G_DECLARE_FINAL_TYPE (RkResultsPage, rk_results_page, RK, RESULTS_PAGE, GtkBox)

/* The 「実績」 page: the week's attendance to fill in
 * (rk-attendance-week.h) and the fiscal year's results report
 * (rk-annual-view.h), side by side in a switcher. Made with its
 * "context". */

/* "week" or "report". */
void        rk_results_page_show   (RkResultsPage *self,
                                    const char    *name);
GtkWidget  *rk_results_page_get_week   (RkResultsPage *self);
GtkWidget  *rk_results_page_get_report (RkResultsPage *self);

G_END_DECLS
