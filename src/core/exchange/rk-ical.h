#pragma once

#include <glib.h>

#include "rk-expand.h"
#include "rk-schedule.h"
#include "rk-store.h"
#include "rk-exchange.h"
#include "rk-import.h"

G_BEGIN_DECLS

/* Data exchange with other calendars: RFC 5545 iCalendar (.ics) written and
 * read with libical.
 *
 * Export writes whole series: one VEVENT per event with its RRULE, an
 * EXDATE per cancelled or skipped occurrence and a RECURRENCE-ID override
 * per moved occurrence, times as DTSTART;TZID=<the database's zone> with a
 * VTIMEZONE, so GNOME Calendar, Evolution and Thunderbird show what the
 * printed schedule shows.  X-RENKEI-* properties carry what only Renkei
 * reads back (holiday policy, why an occurrence was skipped), so an
 * export imported into another database gives the same occurrences.
 *
 * The public version never holds staff, contact details, notes or reasons;
 * the staff version adds ATTENDEE (CN, ROLE, the staff role) and
 * DESCRIPTION (the notes). */

/* A VCALENDAR with the events that have an occurrence in the range (every
 * event when from is 0), as whole series.  staff_details may be NULL. */
char       *rk_ical_export          (RkSchedule             *schedule,
                                     GHashTable             *staff_details,
                                     const RkExportOptions  *options,
                                     GError                **error);
char       *rk_ical_export_store    (RkStore                *store,
                                     const RkExportOptions  *options,
                                     GError                **error);

/* By content: does the text start (after a BOM and blank lines) with
 * BEGIN:VCALENDAR? */
gboolean    rk_ical_detect          (const char             *data,
                                     gsize                   length);

/* Reads every VEVENT, checks them all, then writes them through the store
 * inside the caller's transaction: an event whose UID is in the database
 * already is updated, not added again.  Errors are RK_ERROR_INVALID naming
 * the line and the UID; on error nothing has been written by this call
 * that the caller's rollback would not undo. */
gboolean    rk_ical_import          (RkStore                *store,
                                     const char             *data,
                                     gsize                   length,
                                     RkImportStats          *stats,
                                     GError                **error);

G_END_DECLS
