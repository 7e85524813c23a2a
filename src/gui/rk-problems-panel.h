#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_PROBLEMS_PANEL (rk_problems_panel_get_type ())

G_DECLARE_FINAL_TYPE (RkProblemsPanel, rk_problems_panel, RK, PROBLEMS_PANEL, GtkWidget)

/* The check list of the visible month (rk_check): activating a problem
 * opens its first event (win.open-occurrence). */
GtkWidget  *rk_problems_panel_new       (void);
void        rk_problems_panel_set_data  (RkProblemsPanel *self,
                                         RkMonthData     *data);
/* RkProblem items shown. */
GListModel *rk_problems_panel_get_model (RkProblemsPanel *self);

/* Translated name of a problem kind ("understaffed" → "Understaffed"). */
const char *rk_problem_kind_label       (const char      *kind);

G_END_DECLS
