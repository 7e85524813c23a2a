#pragma once

#include <cairo.h>
#include <glib.h>

#include "rk-print-language.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* One person's own month (個人別予定表): where they go and when, their role,
 * the place with its address, what to bring; occurrences they are double
 * booked on marked (as `check` reports them), tentative and cancelled ones
 * said so, the days every place they work at is closed shaded on a small
 * calendar. A4 portrait pages, and an .ics of the same duties a phone can
 * import. Private: for that person and the coordinators. */

typedef struct _RkStaffSheet RkStaffSheet;

/* The sheets of staff_id, or (staff_id 0) of every active person, by
 * name, for the month; loaded and checked once. RK_ERROR_NOT_FOUND for a
 * person who does not exist. Array of RkStaffSheet. */
GPtrArray    *rk_staff_sheets_new        (RkStore         *store,
                                          gint64           staff_id,
                                          int              year,
                                          int              month,
                                          RkPrintLanguage  language,
                                          GError         **error);
void          rk_staff_sheet_free        (RkStaffSheet    *sheet);

gint64        rk_staff_sheet_get_staff_id (RkStaffSheet   *sheet);
const char   *rk_staff_sheet_get_name    (RkStaffSheet    *sheet);
/* "佐藤 美咲 — 2026年（令和8年）12月の予定" */
const char   *rk_staff_sheet_get_title   (RkStaffSheet    *sheet);
guint         rk_staff_sheet_get_n_duties (RkStaffSheet   *sheet);

int           rk_staff_sheet_get_n_pages (RkStaffSheet    *sheet,
                                          double           width_pt,
                                          double           height_pt);
void          rk_staff_sheet_draw_page   (RkStaffSheet    *sheet,
                                          cairo_t         *cr,
                                          int              page,
                                          double           width_pt,
                                          double           height_pt);
/* The pages on A4 portrait, as PDF bytes. */
GBytes       *rk_staff_sheet_pdf         (RkStaffSheet    *sheet,
                                          GError         **error);
/* The duties as iCalendar text: one VEVENT per occurrence (times in UTC,
 * a stable UID each, so importing next month's file again updates). */
char         *rk_staff_sheet_ics         (RkStaffSheet    *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkStaffSheet, rk_staff_sheet_free)

G_END_DECLS
