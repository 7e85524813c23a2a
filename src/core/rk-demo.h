#pragma once

#include "rk-store.h"

G_BEGIN_DECLS

/* Fills an empty database with the leaflet's world: two hubs and a public
 * health centre, their rooms and equipment, staff of every role, the three
 * programs plus liaison meetings and joint training, and three months of
 * events from today. Runs inside the caller's transaction.
 *
 * Problems planted on purpose (README "Demo data"), and no others:
 *  - understaffed: every 健康相談と仲間づくり lacks its midwife (midwife 0/1);
 *  - staff_double_booked: the nurse of the first 連絡会議 is also booked for
 *    a ベビーマッサージ講座 at a hub that afternoon. */
gboolean rk_demo_fill (RkStore *store, RkDay today, GError **error);

G_END_DECLS
