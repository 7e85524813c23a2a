#pragma once

#include <glib.h>

#include "rk-expand.h"
#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* What the .ics and .csv imports share: the events read from a file, names
 * matched to the database's ids, and writing them by UID. */

/* What an import did.  notes (NULL until there is one) are lines for a
 * person, one per event read differently from the file (a placeholder
 * title, an extra date kept as an event of its own, ...) or per part of the
 * file skipped (to-dos, journal entries): nothing is dropped silently. */
typedef struct
{
  guint      created;
  guint      updated;
  guint      unchanged;
  guint      skipped;
  GPtrArray *notes;
} RkImportStats;

/* The longest text an import keeps, in characters: enough for any real
 * title, place or notes, and a print stays a print (an 8 MB DESCRIPTION
 * made the staff PDF take 21 s and 1 GB). */
#define RK_IMPORT_MAX_TITLE     300
#define RK_IMPORT_MAX_LOCATION  300
#define RK_IMPORT_MAX_NOTES     20000

/* Cuts *text to max characters when longer, saying so (what: the field as
 * the file names it) at line. */
void rk_import_limit_text  (RkImportStats *stats,
                            guint          line,
                            const char    *uid,
                            const char    *what,
                            char         **text,
                            guint          max);

/* line 0 / uid NULL: not known. */
void rk_import_stats_note  (RkImportStats *stats,
                            guint          line,
                            const char    *uid,
                            const char    *format,
                            ...) G_GNUC_PRINTF (4, 5);
void rk_import_stats_clear (RkImportStats *stats);

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
  gboolean         all_day;        /* start and end at midnight (VALUE=DATE) */
  char            *rrule;
  RkHolidayPolicy  policy;
  int              capacity;       /* -1: not set */
  gboolean         tentative;
  gboolean         cancelled;
  GArray          *exceptions;     /* RkSException, reasons owned */
  GArray          *staff;          /* RkSAssign: of the series (occ_date 0) or of one
                                   * occurrence; excluded takes one off a date */
  guint            line;           /* where it starts in the file */
  char            *tzid;           /* the zone its series repeats in; NULL: the database's */
  int              sequence;       /* its SEQUENCE; -1: the file has none to keep (.csv) */
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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RkImportStats, rk_import_stats_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkImportEvent, rk_import_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkImportMatch, rk_import_match_free)

G_END_DECLS
