#pragma once

#include <cairo.h>

#include "rk-annual.h"

G_BEGIN_DECLS

/* The fiscal year's results report as files (rk-annual.h has the figures). */

/* .xlsx for the municipality: the all-venues sheet (formulas over the
 * venues' sheets), a sheet per venue, the staff sheet; numbers as numbers,
 * totals as formulas, A4 landscape. */
gboolean  rk_annual_write_xlsx   (const RkAnnual *annual, const char *language, const char *path,
                                  GError **error);
/* PDF, A4 landscape: per venue (and all venues) the table and a bar chart
 * of families per month; then the staff's sessions and hours. */
gboolean  rk_annual_write_pdf    (const RkAnnual *annual, const char *language, const char *path,
                                  GError **error);
/* The pages the PDF has, and one of them drawn on cr (the desktop's print
 * and preview), width × height in points. */
int       rk_annual_n_pages      (const RkAnnual *annual);
void      rk_annual_draw_page    (const RkAnnual *annual, const char *language, cairo_t *cr,
                                  double width, double height, int page);

G_END_DECLS
