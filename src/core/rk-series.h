#pragma once

#include "rk-expand.h"
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

/* The rule cut so that its last occurrence is on or before last_day
 * (COUNT and UNTIL replaced by UNTIL). NULL on a malformed rule. */
char     *rk_rrule_with_until  (const char *rrule, RkDay last_day);
/* The rule with COUNT set to count (UNTIL dropped). */
char     *rk_rrule_with_count  (const char *rrule, int count);
/* COUNT of a rule, 0 when it has none. */
int       rk_rrule_get_count   (const char *rrule);

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

G_END_DECLS
