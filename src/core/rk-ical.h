#pragma once

#include <glib.h>

#include "rk-expand.h"
#include "rk-schedule.h"
#include "rk-store.h"

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

typedef struct
{
  RkDay     from, to;           /* occurrences in [from, to]; from == 0: every event */
  gboolean  staff;              /* the staff version */
  gint64    venue_id;           /* 0: every venue */
  gboolean  include_tentative;  /* public version; the staff version always has them */
} RkExportOptions;

typedef struct
{
  guint created;
  guint updated;
} RkImportStats;

/* What the snapshot leaves out of staff (e-mail, phone): gint64 id → RkStaff.
 * Only the staff version of an export needs it. */
GHashTable *rk_export_staff_details (RkStore                *store,
                                     GError                **error);

/* The snapshot an export reads: the range of options, or everything. */
RkSchedule *rk_export_load          (RkStore                *store,
                                     const RkExportOptions  *options,
                                     GError                **error);

/* Does the event go into an export with these options (venue, audience,
 * tentative)?  Its occurrences in the range are not looked at. */
gboolean    rk_export_wants_event   (const RkSEvent         *event,
                                     const RkExportOptions  *options);

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

/* ---- shared by the .ics and .csv imports -------------------------------- */

/* One event to write, read from a file: times already in the database's
 * zone, names already matched to ids. */
typedef struct
{
  char            *uid;
  char            *title;          /* NULL: the program's name */
  char            *notes;          /* NULL: keep the notes of an existing event */
  char            *location;       /* a place no room matched; goes into the notes */
  gint64           program_id;
  gint64           room_id;
  RkMinute         start, end;
  char            *rrule;
  RkHolidayPolicy  policy;
  int              capacity;       /* -1: not set */
  gboolean         tentative;
  gboolean         cancelled;
  GArray          *exceptions;     /* RkSException, reasons owned */
  GArray          *staff;          /* RkSAssign: of the series (occ_date 0) or of one
                                   * occurrence; excluded takes one off a date */
  guint            line;           /* where it starts in the file */
} RkImportEvent;

RkImportEvent *rk_import_event_new   (void);
void           rk_import_event_free  (RkImportEvent *item);

/* Names in a file to ids in the database. */
typedef struct _RkImportMatch RkImportMatch;

RkImportMatch *rk_import_match_new   (RkStore        *store,
                                      GError        **error);
void           rk_import_match_free  (RkImportMatch  *match);
/* "venue room", then a room name alone when only one room has it; 0 when none. */
gint64         rk_import_match_room  (RkImportMatch  *match,
                                      const char     *location);
gint64         rk_import_match_room_in (RkImportMatch *match,
                                        const char    *venue,
                                        const char    *room);
gint64         rk_import_match_program (RkImportMatch *match,
                                        const char    *name);
/* 0 unless exactly one staff member has that name. */
gint64         rk_import_match_staff (RkImportMatch  *match,
                                      const char     *name);
RkSchedule    *rk_import_match_reference (RkImportMatch *match);

/* Writes the events (RkImportEvent) in order; by UID an existing event is
 * updated, its exceptions replaced by the file's and its staff added to
 * (a file that names nobody, like a public export, takes nobody off).
 * Exceptions the event's own holiday policy produces in this database are
 * not stored again. */
gboolean       rk_import_write       (RkStore        *store,
                                      RkImportMatch  *match,
                                      GPtrArray      *items,
                                      RkImportStats  *stats,
                                      GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkImportEvent, rk_import_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkImportMatch, rk_import_match_free)

G_END_DECLS
