#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RK_TYPE_YEAR_DAY (rk_year_day_get_type ())

G_DECLARE_FINAL_TYPE (RkYearDay, rk_year_day, RK, YEAR_DAY, GtkWidget)

/* One day of the year view: its number on a flat button's styles (the
 * shades, holiday and problem marks are CSS classes). Drawn from one
 * pango layout, not a GtkButton and its label: the year shows 504 of
 * them. Clicking, Enter or Space emit "clicked". */
GtkWidget  *rk_year_day_new      (void);
void        rk_year_day_set_text (RkYearDay  *self,
                                  const char *text);
const char *rk_year_day_get_text (RkYearDay  *self);

G_END_DECLS
