#pragma once

#include <glib.h>

#include "rk-time.h"

G_BEGIN_DECLS

/* Side-by-side placement of overlapping blocks in a time grid: each item
 * gets a lane, and every item of a cluster of mutually reaching overlaps
 * gets the cluster's number of lanes, as calendars lay out a busy day. */
typedef struct
{
  RkMinute start, end;   /* in */
  guint    lane;         /* out */
  guint    n_lanes;      /* out */
} RkLaneItem;

/* ITEMS must be sorted by start. Zero-length items take at least
 * MIN_LENGTH minutes of room, so that they get a lane of their own. */
void rk_lanes_assign (RkLaneItem *items,
                      guint       n_items,
                      RkMinute    min_length);

G_END_DECLS
