#pragma once

#include "rk-expand.h"
#include "rk-schedule.h"

G_BEGIN_DECLS

typedef struct
{
  int       duration;                 /* minutes */
  RkDay     from, to;
  int       required[RK_N_ROLES];
  gint64    room_id;                  /* 0: any room of venue_id, or none */
  gint64    venue_id;
  int       capacity;                 /* rooms must hold this many; 0: any */
  GArray   *equipment;                /* gint64, may be NULL */
  guint8    weekdays;                 /* bit (1 << weekday), 1 = Monday; 0: every day */
  int       day_start, day_end;       /* minutes of the day the slot must lie in */
  int       step;                     /* minutes between candidate starts */
  guint     limit;                    /* 0: no limit */
} RkFindTimeQuery;

typedef struct
{
  RkMinute  start, end;
  RkSRoom  *room;                     /* NULL when no room was asked for */
  int       rank;                     /* its place among the slots of its day */
  GArray   *staff[RK_N_ROLES];        /* free staff ids of each required role */
} RkSlot;

void        rk_find_time_query_init (RkFindTimeQuery *query);
/* Candidate slots where the room and equipment are free, the
 * day is no holiday or closing day, and each required role has enough
 * active, available, free staff. Best first: the earliest slot of each day,
 * soonest day first, then the other slots of those days. With a venue, the
 * smallest free room that holds `capacity` (the largest without one).
 * occs must cover [from - 1, to + 1]. */
GPtrArray  *rk_find_time            (RkSchedule *schedule, GArray *occs,
                                     const RkFindTimeQuery *query);

G_END_DECLS
