#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_EVENT_CHIP (rk_event_chip_get_type ())

G_DECLARE_FINAL_TYPE (RkEventChip, rk_event_chip, RK, EVENT_CHIP, GtkWidget)

/* One occurrence in a day cell: time and title on its program's colour, a
 * warning badge when it has problems. Clicking opens it (win.open-occurrence),
 * Delete cancels it (win.cancel-occurrence), dragging it onto another day
 * moves it. Chips are rebound, not recreated, when the month changes. */
GtkWidget  *rk_event_chip_new            (void);
void        rk_event_chip_bind           (RkEventChip *self,
                                          RkMonthData *data,
                                          const RkOcc *occ);

gint64      rk_event_chip_get_event_id   (RkEventChip *self);
/* The occurrence's date in its rule (the key of exceptions). */
RkDay       rk_event_chip_get_orig_date  (RkEventChip *self);
RkDay       rk_event_chip_get_day        (RkEventChip *self);
const char *rk_event_chip_get_title      (RkEventChip *self);
guint       rk_event_chip_get_n_problems (RkEventChip *self);
/* The tooltip's markup (title, times, place, staffing, status, problems);
 * made when first asked for, not when the chip is bound. */
const char *rk_event_chip_get_tooltip_markup (RkEventChip *self);
/* The occurrence as a screen reader says it: time, title, place, status
 * and the number of problems (the chip's accessible label). */
char       *rk_event_chip_describe       (RkMonthData *data,
                                          const RkOcc *occ);
const char *rk_event_chip_get_accessible_text (RkEventChip *self);
/* Sets the accessible label and description of a chip its parent draws,
 * whose bind leaves them for later (nothing when they are set). */
void        rk_event_chip_update_accessible   (RkEventChip *self);

/* Time above a wrapping title, for the time grids of the week and the
 * day-by-place views. */
void        rk_event_chip_set_block      (RkEventChip *self,
                                          gboolean     block);
/* The occurrence bound (in the bound data's occs); NULL before binding. */
const RkOcc *rk_event_chip_get_occ       (RkEventChip *self);

/* A chip its parent lays out and draws (a month's day, a time grid): GTK
 * neither measures nor draws it; it keeps its accessible text, tooltip,
 * focus, keys, click and drag. The parent asks its height for a width
 * (cached until its text or shape changes; the parent relays out when it
 * rebinds it) and draws it at the box it allocated it, its colours' alpha
 * times ALPHA. */
void         rk_event_chip_set_drawn_by_parent (RkEventChip           *self,
                                                gboolean               drawn);
int          rk_event_chip_height_for          (RkEventChip           *self,
                                                int                    width);
/* The narrowest it can be: its time, three characters of its title and
 * its badge. */
int          rk_event_chip_min_width           (RkEventChip           *self);
void         rk_event_chip_draw                (RkEventChip           *self,
                                                GtkSnapshot           *snapshot,
                                                const graphene_rect_t *box,
                                                float                  alpha);

/* Drag payload "EVENT_ID:ORIG_DATE(julian)". */
gboolean    rk_event_chip_parse_payload  (const char  *payload,
                                          gint64      *event_id,
                                          RkDay       *orig_date);

/* Shows the chip as a banner of an all-day or multi-day event (no time,
 * one line, square ends where it continues into the day before or after),
 * or as an ordinary chip again. */
void         rk_event_chip_set_banner       (RkEventChip *self,
                                             gboolean     banner,
                                             gboolean     continues_before,
                                             gboolean     continues_after);
/* A block too short for its time above its title: both on one line. */
void         rk_event_chip_set_block_compact (RkEventChip *self,
                                              gboolean     compact);
/* The title on up to LINES lines (wrapped, then ellipsized). */
void         rk_event_chip_set_title_lines  (RkEventChip *self,
                                             int          lines);

G_END_DECLS
