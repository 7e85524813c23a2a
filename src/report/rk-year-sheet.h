#pragma once

#include <glib.h>

#include "rk-print-language.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* The fiscal year on one sheet (年間行事予定表), pinned on the wall: one row
 * per program (per program and venue on a joint sheet), its dates in each
 * month from the fiscal year's first month, the national holidays and the
 * closing days under them. Public: no staff-only programs, no tentative
 * events; cancelled occurrences struck through. Readable in grey: Sundays
 * and holidays bold and underlined, closing days in a row of their own.
 * A4 landscape, or A3. */

typedef struct _RkYearSheet RkYearSheet;

/* venue_id 0: every venue. RK_ERROR_NOT_FOUND for a venue that does not
 * exist. */
RkYearSheet *rk_year_sheet_new      (RkStore          *store,
                                     int               fiscal_year,
                                     gint64            venue_id,
                                     RkPrintLanguage   language,
                                     GError          **error);
void         rk_year_sheet_free     (RkYearSheet      *sheet);
guint        rk_year_sheet_get_n_rows (RkYearSheet    *sheet);
/* The pages as PDF bytes: A4 landscape, or A3 landscape. */
GBytes      *rk_year_sheet_pdf      (RkYearSheet      *sheet,
                                     gboolean          a3,
                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkYearSheet, rk_year_sheet_free)

G_END_DECLS
