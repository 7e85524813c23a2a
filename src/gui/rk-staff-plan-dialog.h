#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"
#include "rk-staff-plan.h"

G_BEGIN_DECLS

#define RK_TYPE_STAFF_PLAN_DIALOG (rk_staff_plan_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkStaffPlanDialog, rk_staff_plan_dialog, RK, STAFF_PLAN_DIALOG, GtkWindow)

/* 「人員配置案」: a proposed staffing plan for a month (rk-staff-plan.h),
 * read by the context's worker and planned off the main thread, shown as a
 * list (each proposal ticked) and as a month grid with the proposed names
 * marked, with what could not be filled and why. The coordinator unticks
 * what they do not want; Apply writes the rest as one transaction and one
 * undo step, tentative (仮) when asked. Nothing is written before. */
RkStaffPlanDialog *rk_staff_plan_dialog_new         (GtkWindow         *parent,
                                                     RkContext         *context,
                                                     int                year,
                                                     int                month);
gboolean           rk_staff_plan_dialog_is_loading  (RkStaffPlanDialog *self);
/* The plan shown; NULL while it is being made. */
const RkPlan      *rk_staff_plan_dialog_get_plan    (RkStaffPlanDialog *self);
/* Proposal i (in the plan's order) is ticked. */
void               rk_staff_plan_dialog_set_chosen  (RkStaffPlanDialog *self,
                                                     guint              i,
                                                     gboolean           chosen);
gboolean           rk_staff_plan_dialog_get_chosen  (RkStaffPlanDialog *self,
                                                     guint              i);
/* What the month grid shows on day: the proposed names (and what is left
 * open), one per line; ticked proposals as "+NAME (ROLE)". */
char              *rk_staff_plan_dialog_day_text    (RkStaffPlanDialog *self,
                                                     RkDay              day);
/* What Apply does: the ticked proposals, in the context's worker as one
 * step (FALSE with error when none is ticked); when it landed the dialog
 * closes itself. */
gboolean           rk_staff_plan_dialog_apply       (RkStaffPlanDialog *self,
                                                     GError           **error);
/* Named children for tests: "apply", "tentative", "summary", "list",
 * "grid", "unfilled", "stack". */
GtkWidget         *rk_staff_plan_dialog_get_field   (RkStaffPlanDialog *self,
                                                     const char        *name);

G_END_DECLS
