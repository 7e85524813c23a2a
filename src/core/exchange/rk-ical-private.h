#pragma once

/* What the files of the iCalendar exchange share: rk-ical.c reads a file
 * as a whole, rk-ical-event.c one VEVENT of it, rk-ical-lines.c finds the
 * line of the file a message is about, rk-ical-export.c writes. */

#include <libical/ical.h>

#include "rk-ical.h"

G_BEGIN_DECLS

/* Renkei's own properties: other calendars ignore them. */
#define X_EXCEPTION   "X-RENKEI-EXCEPTION"   /* ;X-RENKEI-DATE=YYYYMMDD:cancelled|skipped */
#define X_DATE        "X-RENKEI-DATE"
#define X_REASON      "X-RENKEI-REASON"      /* [;X-RENKEI-DATE=YYYYMMDD]:why (staff only) */
#define X_MOVED_FROM  "X-RENKEI-MOVED-FROM"  /* a single event moved: its planned start */
#define X_ON_HOLIDAY  "X-RENKEI-ON-HOLIDAY"
#define X_CAPACITY    "X-RENKEI-CAPACITY"
#define X_ROLE        "X-RENKEI-ROLE"

/* Private-use stand-ins for the separators inside a program name. */
#define CAT_COMMA     "\xEE\x80\x80"   /* U+E000 */
#define CAT_SEMICOLON "\xEE\x80\x81"   /* U+E001 */

/* How long an event given as a moment (no end, or its end at its start)
 * is kept: Renkei's events take time. */
#define MOMENT_MINUTES 30
/* Holiday policies move an occurrence by up to a month. */
#define POLICY_REACH_DAYS 31
/* How far ahead an endless series has its skipped and moved occurrences
 * written out; beyond that other calendars see the bare rule. */
#define HORIZON_DAYS 366
/* An endless series with a holiday policy has its moved and skipped
 * occurrences written this far ahead (other calendars know nothing of the
 * policy), and says in a COMMENT how far they go. */
#define POLICY_HORIZON_DAYS (10 * 366)

typedef struct
{
  RkImportMatch *match;
  const char    *text;
  GArray        *vevent_lines;  /* guint: line of each BEGIN:VEVENT, in order */
  gboolean       lines_known;   /* libical saw as many VEVENTs as the text has */
  icalcomponent *calendar;      /* the VCALENDAR being read */
  char          *db_tzid;
  GTimeZone     *db_tz;
  GHashTable    *glib_zones;    /* TZID → GTimeZone, for zones libical lacks */
  RkImportStats *stats;         /* notes go here */
  GPtrArray     *items;         /* RkImportEvent: what will be written */
} ImportCtx;

typedef struct
{
  icalcomponent *comp;
  guint          index;         /* among the VEVENTs of the file */
} VEvent;

RkMinute
rk_ical_minute_from_datetime (GDateTime *dt);
GArray *
rk_ical_scan_vevents (const char *text);
guint
rk_ical_vevent_line (ImportCtx *ctx, const VEvent *v);
gboolean G_GNUC_PRINTF (5, 6)
rk_ical_fail (ImportCtx *ctx, const VEvent *v, const char *property, GError **error, const char *format, ...);
void G_GNUC_PRINTF (4, 5)
rk_ical_note (ImportCtx *ctx, const VEvent *v, const char *property, const char *format, ...);
guint
rk_ical_text_line (ImportCtx *ctx, guint from, const char *needle);
icalproperty *
rk_ical_first_real_error (icalcomponent *comp);
gboolean
rk_ical_check_parse_errors (ImportCtx *ctx, const VEvent *v, GError **error);
guint
rk_ical_field_line (ImportCtx *ctx, const RkImportEvent *item, const char *name);
gboolean
rk_ical_read_master (ImportCtx *ctx, const VEvent *v, const char *uid, RkImportEvent *item, GError **error);
gboolean
rk_ical_read_override (ImportCtx *ctx, const VEvent *master, const VEvent *part, const VEvent *v,
                       RkImportEvent *item, GError **error);
gboolean
rk_ical_read_rdates (ImportCtx *ctx, const VEvent *v, RkImportEvent *item, GError **error);
guint
rk_ical_first_bad_utf8_line (const char *data, gsize length);
void
rk_ical_note_skipped_components (ImportCtx *ctx);
/* The date a changed occurrence (RECURRENCE-ID) is of, in the database's zone. */
gboolean
rk_ical_override_date (ImportCtx *ctx, const VEvent *v, RkDay *date, GError **error);
/* Does the change reach the following occurrences (RANGE=THISANDFUTURE)? */
gboolean
rk_ical_is_this_and_future (const VEvent *v);
/* The series target split at v's RECURRENCE-ID: target cut the day before,
 * and the new series that goes on with v's changes returned (to be written
 * after it).  NULL on error. */
RkImportEvent *
rk_ical_read_future (ImportCtx *ctx, const VEvent *master, const VEvent *v,
                     RkImportEvent *target, GError **error);

G_END_DECLS
