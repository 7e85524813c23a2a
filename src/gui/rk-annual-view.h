#pragma once

#include <gtk/gtk.h>

#include "rk-annual.h"
#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_ANNUAL_VIEW (rk_annual_view_get_type ())

G_DECLARE_FINAL_TYPE (RkAnnualView, rk_annual_view, RK, ANNUAL_VIEW, GtkBox)

/* 「実績報告」: the fiscal year's results report on screen, page by page as
 * it prints (the figures of `renkei-cli report annual`, rk-annual.h), for
 * every venue or one, with what is still missing said above it; exported
 * to .xlsx, PDF or CSV. The year is read by the context's worker and
 * summed off the main thread. Made with its "context"; it reloads when the
 * stored data changes. */

void            rk_annual_view_set_fiscal_year (RkAnnualView *self,
                                                int           year);
int             rk_annual_view_get_fiscal_year (RkAnnualView *self);
/* 0: every venue. */
void            rk_annual_view_set_venue       (RkAnnualView *self,
                                                gint64        venue_id);
gboolean        rk_annual_view_is_loading      (RkAnnualView *self);
/* The figures shown; NULL while the first read is on its way. */
const RkAnnual *rk_annual_view_get_annual      (RkAnnualView *self);
int             rk_annual_view_get_page        (RkAnnualView *self);
void            rk_annual_view_set_page        (RkAnnualView *self,
                                                int           page);
/* What the export dialog writes: format "xlsx", "pdf" or "csv". */
gboolean        rk_annual_view_write           (RkAnnualView *self,
                                                const char   *format,
                                                const char   *path,
                                                GError      **error);
/* Named children for tests: "summary", "page_label", "venue", "drawing",
 * "year_label". */
GtkWidget      *rk_annual_view_get_field       (RkAnnualView *self,
                                                const char   *name);

G_END_DECLS
