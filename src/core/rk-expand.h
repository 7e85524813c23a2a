#pragma once

#include <glib.h>

#include "rk-schedule.h"

G_BEGIN_DECLS

typedef enum
{
  RK_OCC_SCHEDULED,
  RK_OCC_TENTATIVE,
  RK_OCC_CANCELLED,
  RK_OCC_SKIPPED,
} RkOccStatus;

/* One occurrence of an event, after exceptions and holiday/closing-day
 * policies: where it really is (start, end) and which date of the rule it
 * stands for (orig_date, the key of exceptions and per-occurrence staff). */
typedef struct
{
  RkSEvent    *event;
  RkDay        orig_date;
  RkMinute     planned;     /* the start its rule gives it, before any move */
  RkMinute     start, end;
  RkOccStatus  status;
  gboolean     moved;       /* not on orig_date, or at another time, by policy or by hand */
  char        *reason;      /* why moved, cancelled or skipped; translated; may be NULL */
} RkOcc;

/* Occurrences whose day (start day; the original date for cancelled and
 * skipped ones) lies in [from, to], sorted by start then event id. Array of
 * RkOcc; free with g_array_unref (a clear func frees the reasons). */
GArray      *rk_schedule_expand    (RkSchedule *schedule, RkDay from, RkDay to, GError **error);
/* Occurrences of one event only. */
GArray      *rk_event_expand       (RkSchedule *schedule, RkSEvent *event, RkDay from, RkDay to,
                                    GError **error);

/* The reasons Renkei itself gives an exception are stored as tokens, never
 * as translated text, and translated when shown; a person's own reason is
 * stored as typed. NULL: the usual reason of the exception's kind. */
#define RK_REASON_CHANGED_FOR_DAY "@changed"
/* "@replaced:ID": the occurrence left its series as event ID. */
char        *rk_reason_replaced_by  (gint64 event_id);
/* "@room-taken:ID", "@equipment-taken:ID": skipped because event ID had
 * the room or an item of equipment at that time. */
char        *rk_reason_taken_by     (gboolean equipment, gint64 event_id);
/* The reason of an exception as shown, translated. */
char        *rk_exception_reason    (const RkSException *x);
/* The inverse, for reasons read back from an export (.csv, .ics): a reason
 * Renkei gave, as shown in English, Japanese or the reader's language,
 * becomes its token again, or NULL for the usual reason of its kind; a
 * person's own reason comes back as it is; "" NULL. */
char        *rk_reason_from_shown   (RkExceptionKind kind, const char *text);

const char  *rk_occ_status_token   (RkOccStatus status);
gboolean     rk_occ_is_active      (const RkOcc *occ);
RkDay        rk_occ_day            (const RkOcc *occ);
/* Staff ids on this occurrence: the series' people, less those taken off
 * this date, plus those added for it alone. */
void         rk_occ_staff          (const RkOcc *occ, GArray *out);
/* The same for many occurrences of the same events (a check of a year: a
 * series with stand-ins has hundreds of one-day rows, and reading them all
 * for each occurrence cost more than the rest of its rules). Each event's
 * rows are indexed by date at its first occurrence asked for; the index
 * holds only for as long as no event's assignments change: make one for a
 * pass over occurrences and free it at the end of that pass. */
typedef struct _RkOccStaffIndex RkOccStaffIndex;
RkOccStaffIndex *rk_occ_staff_index_new  (void);
void         rk_occ_staff_index_free (RkOccStaffIndex *index);
void         rk_occ_staff_indexed  (RkOccStaffIndex *index, const RkOcc *occ, GArray *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkOccStaffIndex, rk_occ_staff_index_free)
gboolean     rk_occ_staff_tentative (const RkOcc *occ, gint64 staff_id);

/* Find the occurrence of an event by its original date, or failing that by
 * the day it now falls on. NULL when none. */
const RkOcc *rk_occ_find           (GArray *occs, gint64 event_id, RkDay date);

G_END_DECLS
