#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_RESOURCE_VIEW (rk_resource_view_get_type ())

G_DECLARE_FINAL_TYPE (RkResourceView, rk_resource_view, RK, RESOURCE_VIEW, GtkWidget)

typedef enum
{
  RK_RESOURCE_ROOMS,    /* rooms grouped by venue, then equipment */
  RK_RESOURCE_STAFF,    /* people grouped by role */
} RkResourceKind;

typedef enum
{
  RK_RESOURCE_ROW_GROUP,
  RK_RESOURCE_ROW_ROOM,
  RK_RESOURCE_ROW_EQUIPMENT,
  RK_RESOURCE_ROW_STAFF,
} RkResourceRowKind;

/* "Who is where": one row per room (or person), the hours of one day (or a
 * week of days, compact) across, each booking a block. Two blocks
 * overlapping in a row are a double booking and are marked; a person's
 * periods away and a venue's closing days are shaded. Dropping a block on
 * another room's row asks to move it there (win.move-occurrence-room). */
GtkWidget        *rk_resource_view_new          (RkResourceKind  kind);
RkResourceKind    rk_resource_view_get_kind     (RkResourceView *self);
/* DATA must cover the N_DAYS days from FIRST (1 or 7). */
void              rk_resource_view_set_data     (RkResourceView *self,
                                                 RkMonthData    *data,
                                                 RkDay           first,
                                                 guint           n_days);
RkDay             rk_resource_view_get_first    (RkResourceView *self);
guint             rk_resource_view_get_n_days   (RkResourceView *self);
/* Rooms of one venue only; 0 shows every venue. */
void              rk_resource_view_set_venue    (RkResourceView *self,
                                                 gint64          venue_id);

/* For tests and keyboard users: rows and blocks. */
guint             rk_resource_view_get_n_rows   (RkResourceView *self);
RkResourceRowKind rk_resource_view_get_row      (RkResourceView *self,
                                                 guint           row,
                                                 gint64         *id,
                                                 const char    **label);
/* The block of an occurrence in the row of a room, equipment or person;
 * NULL when it is not there. */
GtkWidget        *rk_resource_view_find_block   (RkResourceView *self,
                                                 RkResourceRowKind kind,
                                                 gint64          id,
                                                 gint64          event_id,
                                                 RkDay           orig_date);
/* The row a block is drawn in, -1 when none. */
int               rk_resource_view_block_row    (RkResourceView *self,
                                                 GtkWidget      *block);
GtkWidget        *rk_resource_view_get_grid     (RkResourceView *self);
/* The grid's y at the middle of a row (for dropping in tests). */
double            rk_resource_view_row_y        (RkResourceView *self,
                                                 guint           row);

G_END_DECLS
