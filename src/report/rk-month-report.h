#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "rk-expand.h"
#include "rk-print-language.h"
#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* The printed monthly schedule (月間予定表): a calendar page, then the
 * events that did not fit in their day cells in full, then (staff version)
 * a roster of who works which day. Drawn with cairo and pango into any
 * cairo_t, so the PDF export and GtkPrintOperation share one drawing. */

typedef enum
{
  RK_AUDIENCE_PUBLIC,
  RK_AUDIENCE_STAFF,
} RkAudience;

typedef struct
{
  int        year, month;
  RkAudience audience;
  gint64     venue_id;          /* 0: every venue */
  gboolean   portrait;          /* default landscape */
  gboolean   monday_first;      /* default Sunday first */
  gboolean   include_tentative; /* public version only */
  RkPrintLanguage language;     /* default (0) Japanese */
} RkReportOptions;

/* A4 in points. */
#define RK_REPORT_A4_SHORT_PT 595.0
#define RK_REPORT_A4_LONG_PT  842.0

#define RK_TYPE_MONTH_REPORT (rk_month_report_get_type ())

G_DECLARE_FINAL_TYPE (RkMonthReport, rk_month_report, RK, MONTH_REPORT, GObject)

/* Loads what the month needs from the store (rk_store_load_schedule +
 * rk_schedule_expand) and lays it out. */
RkMonthReport *rk_month_report_new              (RkStore               *store,
                                                  const RkReportOptions *options,
                                                  GError               **error);
/* From an already-loaded schedule and its occurrences (which may cover more
 * than the month). Everything the pages need is copied out at once, so
 * schedule and occs may be freed as soon as this returns. */
RkMonthReport *rk_month_report_new_for_schedule (RkSchedule            *schedule,
                                                  GArray                *occs,
                                                  const RkReportOptions *options);

/* The venues' notices for the month (venue id (gint64 *) → text, as
 * rk_store_list_venue_notices gives them): the one venue's on its own
 * print, each venue's under its name on a joint one. rk_month_report_new
 * sets them itself. */
void           rk_month_report_set_notices      (RkMonthReport *self,
                                                  GHashTable    *notices);

const RkReportOptions *rk_month_report_get_options (RkMonthReport *self);

/* Number of pages when printed on width_pt × height_pt pages. */
int            rk_month_report_get_n_pages      (RkMonthReport *self,
                                                  double         width_pt,
                                                  double         height_pt);
/* Draws page `page` (0-based) into cr whose user space is width_pt ×
 * height_pt points (the PDF page or GtkPrintContext size). */
void           rk_month_report_draw_page        (RkMonthReport *self,
                                                  cairo_t       *cr,
                                                  int            page,
                                                  double         width_pt,
                                                  double         height_pt);
/* A4, orientation from the options. */
gboolean       rk_month_report_write_pdf        (RkMonthReport *self,
                                                  const char    *path,
                                                  GError       **error);

G_END_DECLS
