#pragma once

#include "rk-event.h"
#include "rk-staff.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* Whether saving the object would change nothing: the database holds it at
 * the same version with the same fields.  Such a save writes nothing and
 * keeps the version, so it cannot make another coordinator's save of the
 * same row be refused as a conflict.  FALSE on any doubt (a read error, a
 * version that moved on: the UPDATE then reports the conflict). */
gboolean   rk_store_staff_unchanged   (RkStore *self,
                                       RkStaff *staff);
gboolean   rk_store_event_unchanged   (RkStore *self,
                                       RkEvent *event);

G_END_DECLS
