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

/* Whether rows are still being given the month's problems (a few per
 * main-loop step after the frame that shows the month), and what the row
 * showing the problem at POSITION says (its message; NULL when no row
 * shows that position now). */
gboolean    rk_problems_panel_get_filling    (RkProblemsPanel *self);
/* Whether the month read after its empty grid is still being given to the
 * rows before the list shows (RkProblemsPanel:loading). */
gboolean    rk_problems_panel_get_loading    (RkProblemsPanel *self);
const char *rk_problems_panel_get_row_message (RkProblemsPanel *self,
                                               guint            position);

/* Translated name of a problem kind ("understaffed" → "Understaffed"). */
const char *rk_problem_kind_label       (const char      *kind);

G_END_DECLS
