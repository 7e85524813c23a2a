#pragma once

#include <glib.h>

#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* What the .ics and .csv exports share: which events, from which snapshot. */

typedef struct
{
  RkDay     from, to;           /* occurrences in [from, to]; from == 0: every event */
  gboolean  staff;              /* the staff version */
  gint64    venue_id;           /* 0: every venue */
  gboolean  include_tentative;  /* public version; the staff version always has them */
} RkExportOptions;

/* What the snapshot leaves out of staff (e-mail, phone): gint64 id → RkStaff.
 * Only the staff version of an export needs it. */
GHashTable *rk_export_staff_details (RkStore                *store,
                                     GError                **error);

/* The snapshot an export reads: the range of options, or everything. */
RkSchedule *rk_export_load          (RkStore                *store,
                                     const RkExportOptions  *options,
                                     GError                **error);

/* rk_export_load, and for the staff version *details (else NULL) too. */
RkSchedule *rk_export_load_with_details (RkStore                *store,
                                         const RkExportOptions  *options,
                                         GHashTable            **details,
                                         GError                **error);

/* Does the event go into an export with these options (venue, audience,
 * tentative)?  Its occurrences in the range are not looked at. */
gboolean    rk_export_wants_event   (const RkSEvent         *event,
                                     const RkExportOptions  *options);

G_END_DECLS
