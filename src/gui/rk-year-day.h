#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The year view's days, drawn by one widget per month.
 *
 * RkYearMonth draws its 42 cells itself (the shade of a busy day, the
 * closing hatch, the holiday and problem marks, today, the number) from
 * pango layouts it keeps: the year shows 504 days, and one widget drawing
 * them costs a small part of 504 styled widgets measured and drawn at each
 * switch. Each day is still a widget of its own, an RkYearDay, that draws
 * nothing: it carries the day's accessible name, its tooltip, its focus
 * and keys (arrows move between days, Enter or Space open it) and its
 * clicks, placed by the month over the cell it draws. */

typedef enum
{
  RK_YEAR_DAY_SUNDAY   = 1 << 0,
  RK_YEAR_DAY_SATURDAY = 1 << 1,
  RK_YEAR_DAY_HOLIDAY  = 1 << 2,
  RK_YEAR_DAY_CLOSED   = 1 << 3,   /* every venue closed */
  RK_YEAR_DAY_PROBLEM  = 1 << 4,
  RK_YEAR_DAY_TODAY    = 1 << 5,
} RkYearDayFlags;

#define RK_TYPE_YEAR_DAY (rk_year_day_get_type ())

G_DECLARE_FINAL_TYPE (RkYearDay, rk_year_day, RK, YEAR_DAY, GtkWidget)

/* "clicked": a click, Enter or Space. */
const char    *rk_year_day_get_text  (RkYearDay *self);
RkYearDayFlags rk_year_day_get_flags (RkYearDay *self);
/* Its busy level, 0 (none) to 4. */
int            rk_year_day_get_level (RkYearDay *self);

#define RK_TYPE_YEAR_MONTH (rk_year_month_get_type ())

G_DECLARE_FINAL_TYPE (RkYearMonth, rk_year_month, RK, YEAR_MONTH, GtkWidget)

GtkWidget *rk_year_month_new      (void);
/* Cell 0..41 (a week a row, from the week's first day). */
RkYearDay *rk_year_month_get_day  (RkYearMonth *self,
                                   int          cell);
/* Cell CELL shows day number NUMBER (0: outside the month, empty, and
 * its text gone), at busy LEVEL with FLAGS. Draws again only what
 * changed. */
void       rk_year_month_set_day  (RkYearMonth   *self,
                                   int            cell,
                                   int            number,
                                   int            level,
                                   RkYearDayFlags flags);
/* Its accessible name and tooltip (NULL: none). */
void       rk_year_month_set_day_text (RkYearMonth *self,
                                       int          cell,
                                       const char  *a11y);
/* 5 or 6 rows of weeks. */
void       rk_year_month_set_rows (RkYearMonth   *self,
                                   int            rows);

G_END_DECLS
