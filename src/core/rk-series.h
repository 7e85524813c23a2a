#pragma once

#include "rk-expand.h"
#include "rk-recurrence.h"
#include "rk-store.h"

G_BEGIN_DECLS

typedef enum
{
  RK_SCOPE_THIS,
  RK_SCOPE_FOLLOWING,
  RK_SCOPE_ALL,
} RkEditScope;

/* -1 when unknown. */
int       rk_scope_from_token  (const char *token);

/* The occurrence of event_id on date (its original date, or the day it now
 * takes place) as plain values: out->event and out->reason are NULL.
 * RK_ERROR_NOT_FOUND when the event has none there. */
gboolean  rk_series_find_occurrence (RkStore    *store,
                                     gint64      event_id,
                                     RkDay       date,
                                     RkOcc      *out,
                                     GError    **error);

/* Applies an edit the way people mean it, inside the caller's transaction.
 * `edited` holds the event's fields after the edit (start/end are the new
 * times of the occurrence on occ_date for THIS and FOLLOWING, of the series
 * for ALL); equipment NULL keeps the event's. Exceptions and one-occurrence
 * staff that no longer fall on a date of the rule are dropped and each is
 * described in `report` (translated lines). Returns the id of the event that
 * now holds the edited occurrence(s), 0 on error. */
gint64    rk_series_edit       (RkStore      *store,
                                gint64        event_id,
                                RkDay         occ_date,
                                RkEditScope   scope,
                                RkEvent      *edited,
                                GArray       *equipment,
                                GPtrArray    *report,
                                GError      **error);

/* Moves the occurrence of event_id on date (its original date or the day it
 * now takes place) so that it starts at `to`, keeping its length, inside the
 * caller's transaction. RK_SCOPE_THIS: an exception for that date, removed
 * again when the occurrence goes back where the rule puts it; reason NULL
 * for the usual "moved by hand". RK_SCOPE_ALL: the whole series moves by as
 * much, its rule following the new weekday (rk_rrule_moved_to()); dropped
 * rows are described in report as by rk_series_edit(). A cancelled
 * occurrence is refused (RK_ERROR_INVALID), and so is RK_SCOPE_FOLLOWING.
 * The desktop's drag and `renkei-cli event move` both come here. */
gboolean  rk_series_move       (RkStore      *store,
                                gint64        event_id,
                                RkDay         date,
                                RkMinute      to,
                                RkEditScope   scope,
                                const char   *reason,
                                GPtrArray    *report,
                                GError      **error);

/* Cancels, inside the caller's transaction: RK_SCOPE_THIS the occurrence on
 * date (refused when it is cancelled already; reason NULL for the usual
 * "cancelled"), RK_SCOPE_ALL the whole event (date unused; refused when it
 * is cancelled already), RK_SCOPE_FOLLOWING the series from that occurrence
 * on (split off and cancelled as a whole). Returns the id of the event that
 * holds the cancelled occurrences (a new one for FOLLOWING), 0 on error. */
gint64    rk_series_cancel     (RkStore      *store,
                                gint64        event_id,
                                RkDay         date,
                                RkEditScope   scope,
                                const char   *reason,
                                GPtrArray    *report,
                                GError      **error);

/* The same edits applied in memory to an event of a loaded schedule, for
 * the editor's live check of what a save would make. */
/* RK_SCOPE_THIS: the occurrence on orig_date moved to [start, end) (an
 * exception where it leaves the rule's time) and staffed by `staff` (gint64
 * ids): one-date rows against the series' people. */
void      rk_series_draft_occurrence (RkSEvent *se,
                                      RkDay     orig_date,
                                      RkMinute  start,
                                      RkMinute  end,
                                      GArray   *staff);
/* The series' own people become `staff`; one-date rows stay. */
void      rk_series_draft_staff      (RkSEvent *se,
                                      GArray   *staff);

G_END_DECLS
