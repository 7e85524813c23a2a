#pragma once

#include "rk-store.h"

G_BEGIN_DECLS

/* What an event read from another calendar keeps of where it came from
 * (rk-store-origin.c): the zone its series repeats in, so a weekly
 * America/New_York class keeps its wall-clock time across a change of
 * daylight saving time, and its iCalendar SEQUENCE, so an export after an
 * import says the same revision. */

/* tzid NULL: the database's zone.  sequence: the SEQUENCE the event has
 * now; later edits count on from it.  Inside a transaction; does not
 * change the event's version. */
gboolean    rk_store_set_event_origin   (RkStore     *self,
                                         gint64       event_id,
                                         const char  *tzid,
                                         int          sequence,
                                         GError     **error);

G_END_DECLS
