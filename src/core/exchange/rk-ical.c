#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rk-error.h"
#include "rk-ical.h"
#include "rk-recurrence.h"
#include "rk-roles.h"
#include "rk-staff.h"
#include "rk-timezone.h"

/* Japan has kept +09:00 without daylight saving time since 1951: one
 * STANDARD block describes every date a schedule can have. */
#define TOKYO_TZID "Asia/Tokyo"
#define TOKYO_VTIMEZONE              \
  "BEGIN:VTIMEZONE\r\n"              \
  "TZID:Asia/Tokyo\r\n"              \
  "BEGIN:STANDARD\r\n"               \
  "TZOFFSETFROM:+0900\r\n"           \
  "TZOFFSETTO:+0900\r\n"             \
  "TZNAME:JST\r\n"                   \
  "DTSTART:19700101T000000\r\n"      \
  "END:STANDARD\r\n"                 \
  "END:VTIMEZONE\r\n"

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

static const char * const exception_kinds[] = { "cancelled", "moved", "skipped" };

/* ---- time --------------------------------------------------------------- */

static RkMinute
minute_from_datetime (GDateTime *dt)
{
  return rk_minute_make (rk_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                          g_date_time_get_day_of_month (dt)),
                         g_date_time_get_hour (dt) * 60 + g_date_time_get_minute (dt));
}

static GDateTime *
datetime_from_minute (GTimeZone *tz, RkMinute t)
{
  int y, m, d, md = rk_minute_of_day (t);

  rk_day_to_ymd (rk_minute_day (t), &y, &m, &d);
  return g_date_time_new (tz, y, m, d, md / 60, md % 60, 0);
}

static struct icaltimetype
ical_wall_time (RkMinute t)
{
  struct icaltimetype it = icaltime_null_time ();
  int md = rk_minute_of_day (t);

  rk_day_to_ymd (rk_minute_day (t), &it.year, &it.month, &it.day);
  it.hour = md / 60;
  it.minute = md % 60;
  it.second = 0;
  it.is_date = 0;
  return it;
}

static struct icaltimetype
ical_utc (GDateTime *utc)
{
  struct icaltimetype it = icaltime_null_time ();

  it.year = g_date_time_get_year (utc);
  it.month = g_date_time_get_month (utc);
  it.day = g_date_time_get_day_of_month (utc);
  it.hour = g_date_time_get_hour (utc);
  it.minute = g_date_time_get_minute (utc);
  it.second = g_date_time_get_second (utc);
  it.zone = icaltimezone_get_utc_timezone ();
  return it;
}

static void
ical_basic_date (RkDay d, char buf[9])
{
  int y, m, dd;

  rk_day_to_ymd (d, &y, &m, &dd);
  g_snprintf (buf, 9, "%04d%02d%02d", y, m, dd);
}

static gboolean
parse_basic_date (const char *text, RkDay *out)
{
  int y, m, d;

  if (text == NULL || strlen (text) < 8 || sscanf (text, "%4d%2d%2d", &y, &m, &d) != 3)
    return FALSE;
  if (rk_days_in_month (y, m) == 0 || d < 1 || d > rk_days_in_month (y, m))
    return FALSE;
  *out = rk_day_from_ymd (y, m, d);
  return TRUE;
}

/* ---- export ------------------------------------------------------------- */

typedef struct
{
  const RkExportOptions *options;
  RkSchedule            *schedule;
  GHashTable            *staff_details;
  char                  *tzid;       /* TZID of the times; NULL: written in UTC */
  GTimeZone             *tz;         /* the database's zone */
  struct icaltimetype    dtstamp;
  RkDay                  horizon;
  gboolean               all_day;    /* the event being written is whole days */
} ExportCtx;

static void
export_ctx_clear (ExportCtx *ctx)
{
  g_clear_pointer (&ctx->tzid, g_free);
  g_clear_pointer (&ctx->tz, g_time_zone_unref);
}

static struct icaltimetype
export_time (ExportCtx *ctx, RkMinute t)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  struct icaltimetype it;

  if (ctx->tzid)
    return ical_wall_time (t);
  local = datetime_from_minute (ctx->tz, t);
  utc = g_date_time_to_utc (local);
  it = ical_wall_time (minute_from_datetime (utc));
  it.zone = icaltimezone_get_utc_timezone ();
  return it;
}

static icalproperty *
time_prop (ExportCtx *ctx, icalproperty_kind kind, RkMinute t)
{
  struct icaltimetype it = export_time (ctx, t);
  icalproperty *p;

  if (ctx->all_day)
    {
      /* VALUE=DATE: the same days in every zone, no TZID. */
      it = icaltime_null_date ();
      rk_day_to_ymd (rk_minute_day (t), &it.year, &it.month, &it.day);
    }

  switch (kind)
    {
    case ICAL_DTSTART_PROPERTY:
      p = icalproperty_new_dtstart (it);
      break;
    case ICAL_DTEND_PROPERTY:
      p = icalproperty_new_dtend (it);
      break;
    case ICAL_EXDATE_PROPERTY:
      p = icalproperty_new_exdate (it);
      break;
    case ICAL_RECURRENCEID_PROPERTY:
    default:
      p = icalproperty_new_recurrenceid (it);
      break;
    }
  if (ctx->tzid && !ctx->all_day)
    icalproperty_add_parameter (p, icalparameter_new_tzid (ctx->tzid));
  return p;
}

static void
add_x (icalcomponent *comp, const char *name, const char *value)
{
  icalproperty *p = icalproperty_new_x (value ? value : "");

  icalproperty_set_x_name (p, name);
  icalcomponent_add_property (comp, p);
}

static void
add_x_param (icalproperty *p, const char *name, const char *value)
{
  icalparameter *param = icalparameter_new_x (value);

  icalparameter_set_xname (param, name);
  icalproperty_add_parameter (p, param);
}

/* The VTIMEZONE for the database's zone, and the TZID the times name. */
static icalcomponent *
export_vtimezone (ExportCtx *ctx)
{
  g_autofree char *tz = g_strdup (ctx->schedule->timezone ? ctx->schedule->timezone : TOKYO_TZID);
  icaltimezone *zone;
  icalcomponent *comp;
  icalproperty *p;

  ctx->tz = rk_timezone_new (tz);
  if (ctx->tz == NULL)
    {
      g_clear_pointer (&tz, g_free);
      tz = g_strdup (TOKYO_TZID);
      ctx->tz = g_time_zone_new_identifier (tz);
      if (ctx->tz == NULL)
        ctx->tz = g_time_zone_new_offset (9 * 3600);
    }
  if (g_strcmp0 (tz, TOKYO_TZID) == 0)
    {
      ctx->tzid = g_strdup (TOKYO_TZID);
      return icalcomponent_new_from_string (TOKYO_VTIMEZONE);
    }
  /* Another zone: libical's definition from the system's zoneinfo, under
   * the plain IANA name the database uses. */
  zone = icaltimezone_get_builtin_timezone (tz);
  comp = zone ? icaltimezone_get_component (zone) : NULL;
  if (comp == NULL || zone == icaltimezone_get_utc_timezone ())
    return NULL;
  comp = icalcomponent_new_clone (comp);
  p = icalcomponent_get_first_property (comp, ICAL_TZID_PROPERTY);
  if (p)
    icalproperty_set_tzid (p, tz);
  ctx->tzid = g_strdup (tz);
  return comp;
}

static void
add_attendee (ExportCtx *ctx, icalcomponent *comp, gint64 staff_id, gboolean tentative)
{
  RkSStaff *st = rk_schedule_staff (ctx->schedule, staff_id);
  RkStaff *details = ctx->staff_details ? g_hash_table_lookup (ctx->staff_details, &staff_id)
                                        : NULL;
  const char *email = details ? rk_staff_get_email (details) : NULL;
  g_autofree char *address = NULL;
  icalproperty *p;

  if (st == NULL)
    return;
  /* A person without e-mail still needs a calendar address. */
  address = email && *email ? g_strconcat ("mailto:", email, NULL)
                            : g_strdup_printf ("urn:x-renkei:staff:%" PRId64, staff_id);
  p = icalproperty_new_attendee (address);
  icalproperty_add_parameter (p, icalparameter_new_cn (st->name));
  icalproperty_add_parameter (p, icalparameter_new_cutype (ICAL_CUTYPE_INDIVIDUAL));
  icalproperty_add_parameter (p, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
  icalproperty_add_parameter (p, icalparameter_new_partstat (tentative ? ICAL_PARTSTAT_TENTATIVE
                                                                       : ICAL_PARTSTAT_ACCEPTED));
  add_x_param (p, X_ROLE, rk_role_to_token (st->role));
  icalcomponent_add_property (comp, p);
}

/* Staff of the whole series: ids and tentative flags, in assignment order. */
static void
series_staff (const RkSEvent *e, GArray *ids, GArray *tentative)
{
  for (guint i = 0; i < e->assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (e->assigns, RkSAssign, i);
      gboolean seen = FALSE;

      if (a->occ_date != 0 || a->excluded)
        continue;
      for (guint j = 0; j < ids->len; j++)
        seen = seen || g_array_index (ids, gint64, j) == a->staff_id;
      if (!seen)
        {
          g_array_append_val (ids, a->staff_id);
          g_array_append_val (tentative, a->tentative);
        }
    }
}

static gboolean
occ_staff_differs (const RkOcc *o, GArray *base, GArray *base_tentative, GArray *scratch)
{
  rk_occ_staff (o, scratch);
  if (scratch->len != base->len)
    return TRUE;
  for (guint i = 0; i < scratch->len; i++)
    {
      gint64 id = g_array_index (scratch, gint64, i);
      gboolean found = FALSE;

      for (guint j = 0; j < base->len && !found; j++)
        if (g_array_index (base, gint64, j) == id)
          {
            found = TRUE;
            if (g_array_index (base_tentative, gboolean, j) != rk_occ_staff_tentative (o, id))
              return TRUE;
          }
      if (!found)
        return TRUE;
    }
  return FALSE;
}

/* What every VEVENT of an event says: the master and its overrides. */
static void
add_common (ExportCtx *ctx, icalcomponent *comp, const RkSEvent *e, gboolean cancelled)
{
  RkSVenue *venue = rk_sevent_venue (e);

  icalcomponent_add_property (comp, icalproperty_new_uid (e->uid));
  icalcomponent_add_property (comp, icalproperty_new_dtstamp (ctx->dtstamp));
  icalcomponent_add_property (comp, icalproperty_new_sequence ((int) MAX (e->version - 1, 0)));
  icalcomponent_add_property (comp, icalproperty_new_summary (rk_sevent_title (e)));
  if (e->room)
    {
      g_autofree char *where = venue ? g_strdup_printf ("%s %s", venue->name, e->room->name)
                                     : g_strdup (e->room->name);
      icalcomponent_add_property (comp, icalproperty_new_location (where));
    }
  if (e->program)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *name = e->program->name;

      /* libical writes the commas of CATEGORIES as list separators and its
       * semicolons bare: stand-ins now, escapes in the finished text. */
      for (const char *c = name; *c; c = g_utf8_next_char (c))
        {
          gunichar u = g_utf8_get_char (c);

          if (u == ',')
            g_string_append (text, CAT_COMMA);
          else if (u == ';')
            g_string_append (text, CAT_SEMICOLON);
          else if (u != 0xE000 && u != 0xE001)
            g_string_append_unichar (text, u);
        }
      icalcomponent_add_property (comp, icalproperty_new_categories (text->str));
    }
  icalcomponent_add_property (comp, icalproperty_new_status (cancelled ? ICAL_STATUS_CANCELLED
                                                             : e->tentative ? ICAL_STATUS_TENTATIVE
                                                                            : ICAL_STATUS_CONFIRMED));
  if (ctx->options->staff && e->notes && *e->notes)
    icalcomponent_add_property (comp, icalproperty_new_description (e->notes));
}

static void
add_rrule (ExportCtx *ctx, icalcomponent *comp, const RkSEvent *e)
{
  g_autofree char *text = g_ascii_strup (e->rrule, -1);
  struct icalrecurrencetype r;

  icalerror_clear_errno ();
  r = icalrecurrencetype_from_string (g_str_has_prefix (text, "RRULE:") ? text + 6 : text);
  if (r.freq == ICAL_NO_RECURRENCE)
    {
      g_warning ("event %" PRId64 ": cannot write its rule %s", e->id, e->rrule);
      return;
    }
  if (!icaltime_is_null_time (r.until) && !r.until.is_date && !icaltime_is_utc (r.until) &&
      !ctx->all_day)
    {
      /* A floating UNTIL is the database's wall clock: RFC 5545 §3.3.10
       * wants it in UTC beside a DTSTART with TZID. */
      g_autoptr(GDateTime) local = g_date_time_new (ctx->tz, r.until.year, r.until.month,
                                                    r.until.day, r.until.hour, r.until.minute,
                                                    r.until.second);
      g_autoptr(GDateTime) utc = local ? g_date_time_to_utc (local) : NULL;

      if (utc)
        r.until = ical_utc (utc);
    }
  else if (!icaltime_is_null_time (r.until) && !r.until.is_date && ctx->all_day)
    {
      /* Beside a DTSTART of VALUE=DATE, UNTIL is a date too. */
      r.until.is_date = 1;
      r.until.hour = r.until.minute = r.until.second = 0;
      r.until.zone = NULL;
    }
  else if (!icaltime_is_null_time (r.until) && r.until.is_date && !ctx->all_day)
    {
      /* Renkei reads a date-only UNTIL as the whole day; RFC 5545 wants a
       * date-time in UTC beside a DTSTART with TZID, and calendars that
       * take the date as midnight would drop the last occurrence. */
      RkMinute last = rk_minute_make (rk_day_from_ymd (r.until.year, r.until.month, r.until.day),
                                      RK_MINUTES_PER_DAY - 1);
      g_autoptr(GDateTime) local = datetime_from_minute (ctx->tz, last);
      g_autoptr(GDateTime) end = g_date_time_add_seconds (local, 59);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (end);

      r.until = ical_utc (utc);
    }
  icalcomponent_add_property (comp, icalproperty_new_rrule (r));
}

/* The range in which an event's skipped and moved occurrences are written:
 * the whole series, an endless one up to the horizon, and every stored
 * exception wherever it lies. */
static void
event_window (ExportCtx *ctx, const RkSEvent *e, RkDay *lo, RkDay *hi)
{
  RkDay first = rk_minute_day (e->start), last = first;

  if (e->rrule && *e->rrule)
    {
      RkMinute l = rk_rrule_last_start (e->rrule, e->start);
      last = l < 0 ? MAX (ctx->horizon, first) : rk_minute_day (l);
    }
  for (guint i = 0; i < e->exceptions->len; i++)
    {
      const RkSException *x = &g_array_index (e->exceptions, RkSException, i);

      first = MIN (first, x->occ_date);
      last = MAX (last, x->occ_date);
      if (x->kind == RK_EXCEPTION_MOVED)
        {
          first = MIN (first, rk_minute_day (x->start));
          last = MAX (last, rk_minute_day (x->start));
        }
    }
  *lo = first > POLICY_REACH_DAYS ? first - POLICY_REACH_DAYS : 1;
  *hi = last + POLICY_REACH_DAYS;
}

static void
add_exception_hint (ExportCtx *ctx, icalcomponent *comp, RkDay date, RkExceptionKind kind,
                    const char *reason)
{
  icalproperty *p = icalproperty_new_x (exception_kinds[kind]);
  char d[9];

  ical_basic_date (date, d);
  icalproperty_set_x_name (p, X_EXCEPTION);
  add_x_param (p, X_DATE, d);
  icalcomponent_add_property (comp, p);
  if (ctx->options->staff && reason && *reason)
    {
      p = icalproperty_new_x (reason);
      icalproperty_set_x_name (p, X_REASON);
      add_x_param (p, X_DATE, d);
      icalcomponent_add_property (comp, p);
    }
}

static void
add_attendees_of_series (ExportCtx *ctx, icalcomponent *comp, GArray *ids, GArray *tentative)
{
  for (guint i = 0; i < ids->len; i++)
    add_attendee (ctx, comp, g_array_index (ids, gint64, i), g_array_index (tentative, gboolean, i));
}

static void
add_attendees_of_occ (ExportCtx *ctx, icalcomponent *comp, const RkOcc *o, GArray *scratch)
{
  rk_occ_staff (o, scratch);
  for (guint i = 0; i < scratch->len; i++)
    {
      gint64 id = g_array_index (scratch, gint64, i);
      add_attendee (ctx, comp, id, rk_occ_staff_tentative (o, id));
    }
}

static void
export_event (ExportCtx *ctx, icalcomponent *cal, RkSEvent *e)
{
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) base_tentative = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) overrides = g_ptr_array_new ();
  gboolean series = e->rrule && *e->rrule;
  RkMinute duration = e->end - e->start, dtstart = e->start;
  icalcomponent *master = icalcomponent_new_vevent ();
  RkDay lo, hi;

  ctx->all_day = e->all_day;
  event_window (ctx, e, &lo, &hi);
  occs = rk_event_expand (ctx->schedule, e, lo, hi, NULL);
  series_staff (e, base, base_tentative);

  add_common (ctx, master, e, e->cancelled);

  if (series)
    {
      /* Renkei does not count a DTSTART its rule does not match (like
       * libical); other calendars do.  Starting at the first real
       * occurrence gives the same series everywhere. */
      for (guint i = 0; i < occs->len; i++)
        {
          const RkOcc *o = &g_array_index (occs, RkOcc, i);
          RkMinute planned = rk_minute_make (o->orig_date, rk_minute_of_day (e->start));

          if (i == 0 || planned < dtstart)
            dtstart = planned;
        }
      if (occs->len == 0)
        dtstart = e->start;
      icalcomponent_add_property (master, time_prop (ctx, ICAL_DTSTART_PROPERTY, dtstart));
      icalcomponent_add_property (master, time_prop (ctx, ICAL_DTEND_PROPERTY, dtstart + duration));
      add_rrule (ctx, master, e);
    }

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const RkSException *x = rk_sevent_exception (e, o->orig_date);
      RkMinute planned = rk_minute_make (o->orig_date, rk_minute_of_day (e->start));
      gboolean excluded = o->status == RK_OCC_SKIPPED ||
                          (x && x->kind == RK_EXCEPTION_CANCELLED);
      RkExceptionKind kind = o->status == RK_OCC_SKIPPED ? RK_EXCEPTION_SKIPPED
                                                          : RK_EXCEPTION_CANCELLED;
      const char *reason = x ? x->reason : o->reason;

      if (!series)
        {
          /* A single event carries its one occurrence in the master. */
          if (excluded)
            {
              icalproperty *st = icalcomponent_get_first_property (master, ICAL_STATUS_PROPERTY);
              icalproperty_set_status (st, ICAL_STATUS_CANCELLED);
              add_exception_hint (ctx, master, o->orig_date, kind, reason);
            }
          if (o->moved)
            {
              char buf[17];

              dtstart = o->start;
              duration = o->end - o->start;
              add_x (master, X_MOVED_FROM,
                     rk_time_format_buf (rk_minute_make (o->orig_date,
                                                         rk_minute_of_day (e->start)), buf));
              if (ctx->options->staff && reason)
                add_x (master, X_REASON, reason);
            }
          if (ctx->options->staff)
            add_attendees_of_occ (ctx, master, o, scratch);
          continue;
        }

      if (excluded)
        {
          icalcomponent_add_property (master, time_prop (ctx, ICAL_EXDATE_PROPERTY, planned));
          add_exception_hint (ctx, master, o->orig_date, kind, reason);
        }
      else if (o->moved ||
               (ctx->options->staff && occ_staff_differs (o, base, base_tentative, scratch)))
        {
          icalcomponent *ov = icalcomponent_new_vevent ();

          add_common (ctx, ov, e, o->status == RK_OCC_CANCELLED);
          icalcomponent_add_property (ov, time_prop (ctx, ICAL_RECURRENCEID_PROPERTY, planned));
          icalcomponent_add_property (ov, time_prop (ctx, ICAL_DTSTART_PROPERTY, o->start));
          icalcomponent_add_property (ov, time_prop (ctx, ICAL_DTEND_PROPERTY, o->end));
          if (o->moved && ctx->options->staff && reason)
            add_x (ov, X_REASON, reason);
          if (ctx->options->staff)
            add_attendees_of_occ (ctx, ov, o, scratch);
          g_ptr_array_add (overrides, ov);
        }
    }

  if (!series)
    {
      icalcomponent_add_property (master, time_prop (ctx, ICAL_DTSTART_PROPERTY, dtstart));
      icalcomponent_add_property (master, time_prop (ctx, ICAL_DTEND_PROPERTY, dtstart + duration));
      if (occs->len == 0 && ctx->options->staff)
        add_attendees_of_series (ctx, master, base, base_tentative);
    }
  else if (ctx->options->staff)
    add_attendees_of_series (ctx, master, base, base_tentative);

  if (e->policy != RK_POLICY_UNSET)
    add_x (master, X_ON_HOLIDAY, rk_policy_to_token (e->policy));
  if (e->capacity >= 0)
    {
      g_autofree char *cap = g_strdup_printf ("%d", e->capacity);
      add_x (master, X_CAPACITY, cap);
    }

  icalcomponent_add_component (cal, master);
  for (guint i = 0; i < overrides->len; i++)
    icalcomponent_add_component (cal, g_ptr_array_index (overrides, i));
}

char *
rk_ical_export (RkSchedule *schedule, GHashTable *staff_details, const RkExportOptions *options,
                GError **error)
{
  ExportCtx ctx = { options, schedule, staff_details };
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  icalcomponent *cal, *vtz;
  icalproperty *p;
  char *text, *out;

  ctx.dtstamp = icaltime_null_time ();
  ctx.dtstamp.year = g_date_time_get_year (now);
  ctx.dtstamp.month = g_date_time_get_month (now);
  ctx.dtstamp.day = g_date_time_get_day_of_month (now);
  ctx.dtstamp.hour = g_date_time_get_hour (now);
  ctx.dtstamp.minute = g_date_time_get_minute (now);
  ctx.dtstamp.second = g_date_time_get_second (now);
  ctx.dtstamp.zone = icaltimezone_get_utc_timezone ();

  if (options->from != 0)
    {
      g_autoptr(GArray) occs = rk_schedule_expand (schedule, options->from, options->to, error);

      if (occs == NULL)
        return NULL;
      wanted = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < occs->len; i++)
        g_hash_table_add (wanted, g_array_index (occs, RkOcc, i).event);
      ctx.horizon = options->to + HORIZON_DAYS;
    }
  else
    {
      RkDay latest = 0;

      for (guint i = 0; i < schedule->events->len; i++)
        latest = MAX (latest, rk_minute_day (((RkSEvent *) g_ptr_array_index (schedule->events, i))->start));
      ctx.horizon = MAX (latest, rk_today (schedule->timezone)) + HORIZON_DAYS;
    }

  cal = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (cal, icalproperty_new_prodid ("-//Renkei//Renkei " PACKAGE_VERSION "//JA"));
  icalcomponent_add_property (cal, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (cal, icalproperty_new_calscale ("GREGORIAN"));
  p = icalproperty_new_x (options->staff ? _("Renkei schedule (staff)") : _("Renkei schedule"));
  icalproperty_set_x_name (p, "X-WR-CALNAME");
  icalcomponent_add_property (cal, p);

  vtz = export_vtimezone (&ctx);
  if (vtz)
    {
      add_x (cal, "X-WR-TIMEZONE", ctx.tzid);
      icalcomponent_add_component (cal, vtz);
    }

  for (guint i = 0; i < schedule->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (schedule->events, i);

      if (wanted && !g_hash_table_contains (wanted, e))
        continue;
      if (!rk_export_wants_event (e, options))
        continue;
      export_event (&ctx, cal, e);
    }

  text = icalcomponent_as_ical_string_r (cal);
  icalcomponent_free (cal);
  if (strstr (text, CAT_COMMA) || strstr (text, CAT_SEMICOLON))
    {
      g_autoptr(GString) fixed = g_string_new (text);

      g_string_replace (fixed, CAT_COMMA, "\\,", 0);
      g_string_replace (fixed, CAT_SEMICOLON, "\\;", 0);
      out = g_strdup (fixed->str);
    }
  else
    out = g_strdup (text);
  icalmemory_free_buffer (text);
  export_ctx_clear (&ctx);
  return out;
}

char *
rk_ical_export_store (RkStore *store, const RkExportOptions *options, GError **error)
{
  g_autoptr(RkSchedule) schedule = rk_export_load (store, options, error);
  g_autoptr(GHashTable) details = NULL;

  if (schedule == NULL)
    return NULL;
  if (options->staff)
    {
      details = rk_export_staff_details (store, error);
      if (details == NULL)
        return NULL;
    }
  return rk_ical_export (schedule, details, options, error);
}

/* ---- import: reading .ics ----------------------------------------------- */

gboolean
rk_ical_detect (const char *data, gsize length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return length - i >= 15 && g_ascii_strncasecmp (data + i, "BEGIN:VCALENDAR", 15) == 0;
}

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

typedef struct
{
  char      *uid;
  VEvent     master;
  GArray    *overrides;         /* VEvent */
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->uid);
  g_array_unref (g->overrides);
  g_free (g);
}

static guint
next_line (const char **p)
{
  const char *eol = strchr (*p, '\n');

  *p = eol ? eol + 1 : *p + strlen (*p);
  return eol != NULL;
}

static gboolean
line_is (const char *p, const char *what)
{
  gsize n = strlen (what);

  return g_ascii_strncasecmp (p, what, n) == 0 &&
         (p[n] == '\r' || p[n] == '\n' || p[n] == '\0' || p[n] == ' ');
}

static GArray *
scan_vevents (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = text;
  guint line = 1;

  while (*p)
    {
      if (line_is (p, "BEGIN:VEVENT"))
        g_array_append_val (lines, line);
      if (!next_line (&p))
        break;
      line++;
    }
  return lines;
}

/* The line of property name inside the VEVENT that starts on line begin
 * (begin itself when none). */
static guint
property_line (ImportCtx *ctx, guint begin, const char *name)
{
  const char *p = ctx->text;
  gsize n = strlen (name);
  guint line = 1;

  while (*p && line < begin)
    {
      if (!next_line (&p))
        return begin;
      line++;
    }
  while (*p)
    {
      if (line > begin && line_is (p, "END:VEVENT"))
        break;
      if (g_ascii_strncasecmp (p, name, n) == 0 && (p[n] == ':' || p[n] == ';'))
        return line;
      if (!next_line (&p))
        break;
      line++;
    }
  return begin;
}

static guint
vevent_line (ImportCtx *ctx, const VEvent *v)
{
  if (!ctx->lines_known || v->index >= ctx->vevent_lines->len)
    return 0;
  return g_array_index (ctx->vevent_lines, guint, v->index);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail (ImportCtx *ctx, const VEvent *v, const char *property, GError **error,
      const char *format, ...)
{
  g_autofree char *msg = NULL;
  const char *uid = v ? icalcomponent_get_uid (v->comp) : NULL;
  guint line = v ? vevent_line (ctx, v) : 0;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line && property)
    line = property_line (ctx, line, property);
  if (line && uid)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u (UID %s): %s"), line, uid, msg);
  else if (line)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u: %s"), line, msg);
  else if (uid)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("UID %s: %s"), uid, msg);
  else
    g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID, msg);
  return FALSE;
}

/* Something read differently from the file, said in the import summary. */
static void G_GNUC_PRINTF (4, 5)
note (ImportCtx *ctx, const VEvent *v, const char *property, const char *format, ...)
{
  g_autofree char *msg = NULL;
  guint line = vevent_line (ctx, v);
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line && property)
    line = property_line (ctx, line, property);
  rk_import_stats_note (ctx->stats, line, icalcomponent_get_uid (v->comp), "%s", msg);
}

static const char *
x_param (icalproperty *p, const char *name)
{
  for (icalparameter *q = icalproperty_get_first_parameter (p, ICAL_X_PARAMETER); q;
       q = icalproperty_get_next_parameter (p, ICAL_X_PARAMETER))
    if (g_ascii_strcasecmp (icalparameter_get_xname (q), name) == 0)
      return icalparameter_get_xvalue (q);
  return NULL;
}

static icalproperty *
x_prop (icalcomponent *comp, const char *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (comp, ICAL_X_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_x_name (p), name) == 0)
      return p;
  return NULL;
}

static const char *
x_value (icalcomponent *comp, const char *name)
{
  icalproperty *p = x_prop (comp, name);
  const char *v = p ? icalproperty_get_x (p) : NULL;

  return v && *v ? v : NULL;
}

/* The properties of a kind, in order. */
static GPtrArray *
props_of (icalcomponent *comp, icalproperty_kind kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (icalproperty *p = icalcomponent_get_first_property (comp, kind); p;
       p = icalcomponent_get_next_property (comp, kind))
    g_ptr_array_add (out, p);
  return out;
}

static gboolean
valid_time (struct icaltimetype t)
{
  if (t.year < 1 || t.year > 9999 || rk_days_in_month (t.year, t.month) == 0 ||
      t.day < 1 || t.day > rk_days_in_month (t.year, t.month))
    return FALSE;
  return t.is_date || (t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
                       t.second >= 0 && t.second <= 60);
}

/* A DTSTART, DTEND, EXDATE or RECURRENCE-ID value as wall-clock time in
 * the database's zone. */
static gboolean
to_db_time (ImportCtx *ctx, icalproperty *prop, struct icaltimetype t, RkMinute *out,
            const char **problem)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  const char *tzid = param ? icalparameter_get_tzid (param) : NULL;
  RkMinute wall;
  icaltimezone *zone = NULL;

  if (!valid_time (t))
    {
      *problem = _("is not a valid date and time");
      return FALSE;
    }
  wall = rk_minute_make (rk_day_from_ymd (t.year, t.month, t.day),
                         t.is_date ? 0 : t.hour * 60 + t.minute);
  if (t.is_date || (tzid == NULL && !icaltime_is_utc (t)))
    {
      /* Floating: already the wall clock of wherever the events are. */
      *out = wall;
      return TRUE;
    }
  if (tzid && (g_strcmp0 (tzid, ctx->db_tzid) == 0 ||
               g_strcmp0 (rk_timezone_from_windows (tzid), ctx->db_tzid) == 0 ||
               (g_str_has_suffix (tzid, ctx->db_tzid) &&
                tzid[strlen (tzid) - strlen (ctx->db_tzid) - 1] == '/')))
    {
      *out = wall;
      return TRUE;
    }
  if (icaltime_is_utc (t))
    zone = icaltimezone_get_utc_timezone ();
  else
    {
      /* The file's own VTIMEZONE first; else an IANA name, or a Windows
       * one (Outlook, Exchange) taken to its IANA zone.  A TZID is a name:
       * never a path to open, never a POSIX rule ("UTC+9"). */
      zone = icalcomponent_get_timezone (ctx->calendar, tzid);
      if (zone == NULL && !rk_timezone_name_valid (tzid))
        tzid = rk_timezone_from_windows (tzid);
      if (zone == NULL && tzid == NULL)
        {
          *problem = _("names a time zone (TZID) that is neither in the file nor known");
          return FALSE;
        }
      if (zone == NULL)
        zone = icaltimezone_get_builtin_timezone (tzid);
    }
  if (zone)
    {
      time_t utc = icaltime_as_timet_with_zone (t, zone);
      g_autoptr(GDateTime) u = g_date_time_new_from_unix_utc (utc);
      g_autoptr(GDateTime) local = u ? g_date_time_to_timezone (u, ctx->db_tz) : NULL;

      if (local == NULL)
        {
          *problem = _("is out of range");
          return FALSE;
        }
      *out = minute_from_datetime (local);
      return TRUE;
    }
  else
    {
      GTimeZone *tz = g_hash_table_lookup (ctx->glib_zones, tzid);
      g_autoptr(GDateTime) there = NULL;
      g_autoptr(GDateTime) local = NULL;

      if (tz == NULL)
        {
          tz = rk_timezone_new (tzid);
          if (tz == NULL)
            {
              *problem = _("names a time zone (TZID) that is neither in the file nor known");
              return FALSE;
            }
          g_hash_table_insert (ctx->glib_zones, g_strdup (tzid), tz);
        }
      there = g_date_time_new (tz, t.year, t.month, t.day, t.hour, t.minute, 0);
      local = there ? g_date_time_to_timezone (there, ctx->db_tz) : NULL;
      if (local == NULL)
        {
          *problem = _("is out of range");
          return FALSE;
        }
      *out = minute_from_datetime (local);
      return TRUE;
    }
}

/* The one property of a kind; NULL when missing. Two: an error. */
static gboolean
single_property (ImportCtx *ctx, const VEvent *v, icalproperty_kind kind, const char *name,
                 icalproperty **out, GError **error)
{
  icalproperty *p = icalcomponent_get_first_property (v->comp, kind);

  *out = p;
  if (p && icalcomponent_get_next_property (v->comp, kind))
    return fail (ctx, v, name, error, _("%s is given twice"), name);
  return TRUE;
}

static gboolean
read_time (ImportCtx *ctx, const VEvent *v, icalproperty *p, const char *name, RkMinute *out,
           gboolean *is_date, GError **error)
{
  struct icaltimetype t;
  const char *problem = NULL;

  switch (icalproperty_isa (p))
    {
    case ICAL_DTSTART_PROPERTY:
      t = icalproperty_get_dtstart (p);
      break;
    case ICAL_DTEND_PROPERTY:
      t = icalproperty_get_dtend (p);
      break;
    case ICAL_RECURRENCEID_PROPERTY:
      t = icalproperty_get_recurrenceid (p);
      break;
    case ICAL_EXDATE_PROPERTY:
    default:
      t = icalproperty_get_exdate (p);
      break;
    }
  if (is_date)
    *is_date = t.is_date;
  if (!to_db_time (ctx, p, t, out, &problem))
    {
      g_autofree char *text = icalproperty_get_value_as_string_r (p);
      return fail (ctx, v, name, error, _("%s “%s” %s"), name, text ? text : "", problem);
    }
  return TRUE;
}

/* The first line from line `from` on that holds needle; 0 when none. */
static guint
text_line (ImportCtx *ctx, guint from, const char *needle)
{
  const char *p = ctx->text;
  gsize n = strlen (needle);
  guint line = 1;

  if (from == 0)
    from = 1;
  while (*p)
    {
      const char *eol = strchr (p, '\n');
      gsize len = eol ? (gsize) (eol - p) : strlen (p);

      if (line >= from && len >= n && g_strstr_len (p, len, needle))
        return line;
      if (eol == NULL)
        break;
      p = eol + 1;
      line++;
    }
  return 0;
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (ImportCtx *ctx, const VEvent *v, guint line, GError **error, const char *format, ...)
{
  g_autofree char *msg = NULL;
  const char *uid = icalcomponent_get_uid (v->comp);
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (uid)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u (UID %s): %s"), line, uid, msg);
  else
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u: %s"), line, msg);
  return FALSE;
}

/* libical keeps what it could not read as X-LIC-ERROR properties. */
/* An empty value (DESCRIPTION:, LOCATION:, X-WR-CALDESC: in every Google
 * export) is no value: libical drops the property and says so. */
static icalproperty *
first_real_error (icalcomponent *comp)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property (comp, ICAL_XLICERROR_PROPERTY))
    {
      const char *msg = icalproperty_get_xlicerror (p);

      if (msg == NULL || !g_str_has_prefix (msg, "No value for"))
        return p;
    }
  return NULL;
}

static gboolean
check_parse_errors (ImportCtx *ctx, const VEvent *v, GError **error)
{
  icalproperty *p = first_real_error (v->comp);
  const char *msg, *in;
  g_autofree char *name = NULL;

  if (p == NULL)
    return TRUE;
  msg = icalproperty_get_xlicerror (p);
  /* "Can't parse as DATE-TIME value in DTEND property. …" */
  in = msg ? strstr (msg, " in ") : NULL;
  if (in && strstr (in + 4, " property"))
    name = g_strndup (in + 4, strstr (in + 4, " property") - (in + 4));
  else if (msg && (in = strrchr (msg, ':')) && in[1] == ' ' && in[2])
    {
      /* "Got a data line, but …: <the line>" */
      guint line = text_line (ctx, vevent_line (ctx, v), in + 2);

      if (line)
        {
          VEvent at = *v;
          return fail_at (ctx, &at, line, error, _("cannot be read: %s"), msg);
        }
    }
  return fail (ctx, v, name, error, _("cannot be read: %s"), msg ? msg : "");
}

static gboolean
read_duration (ImportCtx *ctx, const VEvent *v, RkMinute start, gboolean date_start,
               gint64 program_id, RkMinute *end, GError **error)
{
  icalproperty *dtend, *duration;

  if (!single_property (ctx, v, ICAL_DTEND_PROPERTY, "DTEND", &dtend, error) ||
      !single_property (ctx, v, ICAL_DURATION_PROPERTY, "DURATION", &duration, error))
    return FALSE;
  if (dtend)
    {
      if (!read_time (ctx, v, dtend, "DTEND", end, NULL, error))
        return FALSE;
    }
  else if (duration)
    {
      struct icaldurationtype d = icalproperty_get_duration (duration);
      int seconds = icaldurationtype_as_int (d);

      if (icaldurationtype_is_bad_duration (d))
        return fail (ctx, v, "DURATION", error, _("DURATION is not a valid duration"));
      *end = start + seconds / 60;
    }
  else if (date_start)
    *end = start + RK_MINUTES_PER_DAY;
  else if (program_id > 0)
    {
      *end = start + rk_schedule_program (rk_import_match_reference (ctx->match),
                                          program_id)->duration;
      return TRUE;
    }
  else
    *end = start;   /* RFC 5545 §3.6.1: a moment */
  if (*end == start && date_start)
    *end = start + RK_MINUTES_PER_DAY;
  else if (*end == start)
    {
      /* Renkei's events take time: a moment is given a short one, said. */
      *end = start + MOMENT_MINUTES;
      note (ctx, v, dtend ? "DTEND" : duration ? "DURATION" : "DTSTART",
            /* TRANSLATORS: %d is 30 */
            _("has no length (no end, or its end is its start): kept as %d minutes long"),
            MOMENT_MINUTES);
    }
  else if (*end < start)
    return fail (ctx, v, dtend ? "DTEND" : "DURATION", error,
                 _("DTEND is before DTSTART; an event must end after it starts"));
  return TRUE;
}

static void
put_exception (GArray *exceptions, RkDay date, RkExceptionKind kind, RkMinute start, RkMinute end,
               const char *reason)
{
  RkSException x = { date, kind, start, end, g_strdup (reason) };

  for (guint i = 0; i < exceptions->len; i++)
    if (g_array_index (exceptions, RkSException, i).occ_date == date)
      {
        g_array_remove_index (exceptions, i);
        break;
      }
  g_array_append_val (exceptions, x);
}

static gboolean
has_exception (GArray *exceptions, RkDay date)
{
  for (guint i = 0; i < exceptions->len; i++)
    if (g_array_index (exceptions, RkSException, i).occ_date == date)
      return TRUE;
  return FALSE;
}

/* The X-RENKEI-REASON for a date, or (date 0) the undated one. */
static const char *
reason_for (icalcomponent *comp, RkDay date)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (comp, ICAL_X_PROPERTY))
    {
      const char *d = x_param (p, X_DATE);
      const char *v;
      RkDay day = 0;

      if (g_ascii_strcasecmp (icalproperty_get_x_name (p), X_REASON) != 0)
        continue;
      if (d && !parse_basic_date (d, &day))
        continue;
      if (day != date)
        continue;
      v = icalproperty_get_x (p);
      return v && *v ? v : NULL;
    }
  return NULL;
}

/* The X-RENKEI-EXCEPTION of a date: kind and reason of a Renkei export. */
static gboolean
exception_hint (icalcomponent *comp, RkDay date, RkExceptionKind *kind, const char **reason)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (comp, ICAL_X_PROPERTY))
    {
      RkDay d;

      if (g_ascii_strcasecmp (icalproperty_get_x_name (p), X_EXCEPTION) != 0 ||
          !parse_basic_date (x_param (p, X_DATE), &d) || d != date)
        continue;
      *kind = g_ascii_strcasecmp (icalproperty_get_x (p), "skipped") == 0 ? RK_EXCEPTION_SKIPPED
                                                                         : RK_EXCEPTION_CANCELLED;
      *reason = reason_for (comp, date);
      return TRUE;
    }
  return FALSE;
}

/* ATTENDEEs named like exactly one staff member, as assignments on date
 * (0: the series). Returns how many ATTENDEEs there were. */
static guint
read_attendees (ImportCtx *ctx, icalcomponent *comp, RkDay date, GArray *out)
{
  guint n = 0;

  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_ATTENDEE_PROPERTY); p;
       p = icalcomponent_get_next_property (comp, ICAL_ATTENDEE_PROPERTY))
    {
      icalparameter *cn = icalproperty_get_first_parameter (p, ICAL_CN_PARAMETER);
      icalparameter *ps = icalproperty_get_first_parameter (p, ICAL_PARTSTAT_PARAMETER);
      RkSAssign a = { 0 };

      n++;
      a.staff_id = cn ? rk_import_match_staff (ctx->match, icalparameter_get_cn (cn)) : 0;
      a.occ_date = date;
      a.tentative = ps && icalparameter_get_partstat (ps) == ICAL_PARTSTAT_TENTATIVE;
      if (a.staff_id > 0)
        g_array_append_val (out, a);
    }
  return n;
}

static guint
field_line (ImportCtx *ctx, const RkImportEvent *item, const char *name)
{
  return item->line ? property_line (ctx, item->line, name) : 0;
}

static gboolean
read_master (ImportCtx *ctx, const VEvent *v, const char *uid, RkImportEvent *item,
             GError **error)
{
  icalproperty *p;
  const char *summary = NULL, *location = NULL, *text;
  gboolean date_start = FALSE;
  icalproperty_status status = ICAL_STATUS_NONE;

  item->uid = g_strdup (uid);
  item->line = vevent_line (ctx, v);

  /* Program first: it may give the duration and stand in for the title. */
  for (p = icalcomponent_get_first_property (v->comp, ICAL_CATEGORIES_PROPERTY);
       p && item->program_id == 0;
       p = icalcomponent_get_next_property (v->comp, ICAL_CATEGORIES_PROPERTY))
    item->program_id = rk_import_match_program (ctx->match, icalproperty_get_categories (p));

  if (!single_property (ctx, v, ICAL_SUMMARY_PROPERTY, "SUMMARY", &p, error))
    return FALSE;
  summary = p ? icalproperty_get_summary (p) : NULL;
  if (summary && *summary)
    {
      RkSProgram *prog = rk_schedule_program (rk_import_match_reference (ctx->match),
                                              item->program_id);
      /* Renkei writes the program's name for an event without a title. */
      if (prog == NULL || g_strcmp0 (prog->name, summary) != 0)
        item->title = g_strdup (summary);
      rk_import_limit_text (ctx->stats, field_line (ctx, item, "SUMMARY"), item->uid, "SUMMARY",
                            &item->title, RK_IMPORT_MAX_TITLE);
    }
  else if (item->program_id == 0)
    {
      item->title = g_strdup (_("(No title)"));
      note (ctx, v, NULL, _("has no title (SUMMARY): titled “%s”"), item->title);
    }

  if (!single_property (ctx, v, ICAL_DTSTART_PROPERTY, "DTSTART", &p, error))
    return FALSE;
  if (p == NULL)
    return fail (ctx, v, NULL, error, _("has no DTSTART"));
  if (!read_time (ctx, v, p, "DTSTART", &item->start, &date_start, error) ||
      !read_duration (ctx, v, item->start, date_start, item->program_id, &item->end, error))
    return FALSE;
  item->all_day = date_start && rk_minute_of_day (item->end) == 0;

  if (!single_property (ctx, v, ICAL_RRULE_PROPERTY, "RRULE", &p, error))
    return FALSE;
  if (p)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *rule = icalproperty_get_value_as_string_r (p);

      if (!rk_rrule_validate (rule, &local))
        return fail (ctx, v, "RRULE", error, "%s", local->message);
      item->rrule = g_steal_pointer (&rule);
    }

  if (!single_property (ctx, v, ICAL_STATUS_PROPERTY, "STATUS", &p, error))
    return FALSE;
  if (p)
    status = icalproperty_get_status (p);
  item->tentative = status == ICAL_STATUS_TENTATIVE;
  item->cancelled = status == ICAL_STATUS_CANCELLED;

  if (!single_property (ctx, v, ICAL_DESCRIPTION_PROPERTY, "DESCRIPTION", &p, error))
    return FALSE;
  if (p)
    item->notes = g_strdup (icalproperty_get_description (p));
  rk_import_limit_text (ctx->stats, field_line (ctx, item, "DESCRIPTION"), item->uid,
                        "DESCRIPTION", &item->notes, RK_IMPORT_MAX_NOTES);

  if (!single_property (ctx, v, ICAL_LOCATION_PROPERTY, "LOCATION", &p, error))
    return FALSE;
  location = p ? icalproperty_get_location (p) : NULL;
  if (location && *location)
    {
      item->room_id = rk_import_match_room (ctx->match, location);
      if (item->room_id == 0)
        item->location = g_strdup (location);
      rk_import_limit_text (ctx->stats, field_line (ctx, item, "LOCATION"), item->uid,
                            "LOCATION", &item->location, RK_IMPORT_MAX_LOCATION);
    }

  if ((text = x_value (v->comp, X_ON_HOLIDAY)))
    {
      int policy = rk_policy_from_token (text);
      if (policy < 0)
        return fail (ctx, v, X_ON_HOLIDAY, error, _("unknown holiday policy “%s”"), text);
      item->policy = policy;
    }
  if ((text = x_value (v->comp, X_CAPACITY)))
    {
      char *endp = NULL;
      gint64 n = g_ascii_strtoll (text, &endp, 10);

      if (*endp != '\0' || n < 0 || n > G_MAXINT)
        return fail (ctx, v, X_CAPACITY, error, _("the capacity “%s” is not a whole number"), text);
      item->capacity = (int) n;
    }

  read_attendees (ctx, v->comp, 0, item->staff);

  /* Every EXDATE, each value of a comma list (libical gives each its own
   * property).  Gathered first: reading them calls into the component,
   * which would restart a walk over its properties. */
  {
    g_autoptr(GPtrArray) exdates = props_of (v->comp, ICAL_EXDATE_PROPERTY);

    for (guint i = 0; i < exdates->len; i++)
      {
        RkMinute t;
        RkExceptionKind kind = RK_EXCEPTION_CANCELLED;
        const char *reason = NULL;

        if (!read_time (ctx, v, g_ptr_array_index (exdates, i), "EXDATE", &t, NULL, error))
          return FALSE;
        exception_hint (v->comp, rk_minute_day (t), &kind, &reason);
        put_exception (item->exceptions, rk_minute_day (t), kind, 0, 0, reason);
      }
  }

  if (item->rrule == NULL)
    {
      RkExceptionKind kind;
      const char *reason = NULL;

      /* A single event Renkei moved or called off: back to its plan, with
       * the change as an exception. */
      if ((text = x_value (v->comp, X_MOVED_FROM)))
        {
          RkMinute planned;

          if (!rk_time_parse (text, &planned))
            return fail (ctx, v, X_MOVED_FROM, error, _("“%s” is not a time"), text);
          if (planned != item->start)
            {
              put_exception (item->exceptions, rk_minute_day (planned), RK_EXCEPTION_MOVED,
                             item->start, item->end, reason_for (v->comp, 0));
              item->end = planned + (item->end - item->start);
              item->start = planned;
            }
        }
      if (item->cancelled && exception_hint (v->comp, rk_minute_day (item->start), &kind, &reason))
        {
          put_exception (item->exceptions, rk_minute_day (item->start), kind, 0, 0, reason);
          item->cancelled = FALSE;
        }
    }
  return TRUE;
}

/* The people of one occurrence, as differences from the series: when the
 * file names staff at all, the override's ATTENDEEs are that day's staff. */
static void
override_staff (ImportCtx *ctx, const VEvent *v, RkImportEvent *item, RkDay date)
{
  g_autoptr(GArray) here = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
  guint n_series = 0, n_here = read_attendees (ctx, v->comp, date, here);
  gsize n_before = item->staff->len;

  for (guint i = 0; i < n_before; i++)
    n_series += g_array_index (item->staff, RkSAssign, i).occ_date == 0;
  if (n_here == 0 && n_series == 0)
    return;
  for (guint i = 0; i < here->len; i++)
    {
      RkSAssign *a = &g_array_index (here, RkSAssign, i);
      gboolean in_series = FALSE;

      for (guint j = 0; j < n_before && !in_series; j++)
        {
          const RkSAssign *s = &g_array_index (item->staff, RkSAssign, j);
          in_series = s->occ_date == 0 && s->staff_id == a->staff_id;
        }
      if (!in_series)
        g_array_append_val (item->staff, *a);
    }
  for (guint j = 0; j < n_before; j++)
    {
      RkSAssign s = g_array_index (item->staff, RkSAssign, j);
      gboolean here_too = FALSE;

      if (s.occ_date != 0)
        continue;
      for (guint i = 0; i < here->len && !here_too; i++)
        here_too = g_array_index (here, RkSAssign, i).staff_id == s.staff_id;
      if (!here_too)
        {
          s.occ_date = date;
          s.excluded = TRUE;
          g_array_append_val (item->staff, s);
        }
    }
}

static const char *
text_of (icalcomponent *comp, icalproperty_kind kind)
{
  icalproperty *p = icalcomponent_get_first_property (comp, kind);
  const char *v = p ? icalproperty_get_value_as_string (p) : NULL;

  return v ? v : "";
}

/* Does a changed occurrence have a title, place or notes of its own?  One
 * that leaves them out keeps the series'. */
static gboolean
override_has_own_text (icalcomponent *master, icalcomponent *over)
{
  static const icalproperty_kind kinds[] = {
    ICAL_SUMMARY_PROPERTY, ICAL_LOCATION_PROPERTY, ICAL_DESCRIPTION_PROPERTY
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (icalcomponent_get_first_property (over, kinds[i]) &&
        strcmp (text_of (master, kinds[i]), text_of (over, kinds[i])) != 0)
      return TRUE;
  return FALSE;
}

static gboolean read_master (ImportCtx *ctx, const VEvent *v, const char *uid,
                             RkImportEvent *item, GError **error);

static gboolean
read_override (ImportCtx *ctx, const VEvent *master, const VEvent *v, RkImportEvent *item,
               GError **error)
{
  icalproperty *p = icalcomponent_get_first_property (v->comp, ICAL_RECURRENCEID_PROPERTY);
  icalproperty *st = icalcomponent_get_first_property (v->comp, ICAL_STATUS_PROPERTY);
  const char *reason = reason_for (v->comp, 0);
  RkMinute rid, start, end, planned;
  gboolean date_start = FALSE;
  RkDay date;

  if (!read_time (ctx, v, p, "RECURRENCE-ID", &rid, NULL, error))
    return FALSE;
  date = rk_minute_day (rid);
  if (has_exception (item->exceptions, date))
    return TRUE;    /* EXDATE wins */
  if (st && icalproperty_get_status (st) == ICAL_STATUS_CANCELLED && !item->cancelled)
    {
      put_exception (item->exceptions, date, RK_EXCEPTION_CANCELLED, 0, 0, reason);
      return TRUE;
    }
  if (override_has_own_text (master->comp, v->comp))
    {
      /* Renkei's occurrences share their series' title, place and notes:
       * this one leaves the series as an event of its own, the way an edit
       * of one occurrence does in Renkei. */
      g_autofree char *text = icalproperty_get_value_as_string_r (p);
      g_autofree char *uid = g_strdup_printf ("%s/%s", item->uid, text ? text : "");
      g_autoptr(RkImportEvent) single = rk_import_event_new ();

      if (!read_master (ctx, v, uid, single, error))
        return FALSE;
      g_clear_pointer (&single->rrule, g_free);
      put_exception (item->exceptions, date, RK_EXCEPTION_CANCELLED, 0, 0,
                     _("replaced by an event of its own with the changed title, place or notes"));
      note (ctx, v, "RECURRENCE-ID",
            _("this occurrence has a title, place or notes of its own: kept as an event of its "
              "own, and the series’ occurrence that day as called off"));
      g_ptr_array_add (ctx->items, g_steal_pointer (&single));
      return TRUE;
    }
  if (!single_property (ctx, v, ICAL_DTSTART_PROPERTY, "DTSTART", &p, error))
    return FALSE;
  if (p == NULL)
    start = rid;
  else if (!read_time (ctx, v, p, "DTSTART", &start, &date_start, error))
    return FALSE;
  if (icalcomponent_get_first_property (v->comp, ICAL_DTEND_PROPERTY) ||
      icalcomponent_get_first_property (v->comp, ICAL_DURATION_PROPERTY))
    {
      if (!read_duration (ctx, v, start, date_start, 0, &end, error))
        return FALSE;
    }
  else
    end = start + (item->end - item->start);
  planned = rk_minute_make (date, rk_minute_of_day (item->start));
  if (start != planned || end - start != item->end - item->start)
    put_exception (item->exceptions, date, RK_EXCEPTION_MOVED, start, end, reason);
  override_staff (ctx, v, item, date);
  return TRUE;
}

/* An event on one more date, with the fields of the series. */
static RkImportEvent *
extra_date (const RkImportEvent *item, const char *uid, RkMinute start, RkMinute end)
{
  RkImportEvent *one = rk_import_event_new ();

  one->uid = g_strdup (uid);
  one->title = g_strdup (item->title);
  one->notes = g_strdup (item->notes);
  one->location = g_strdup (item->location);
  one->program_id = item->program_id;
  one->room_id = item->room_id;
  one->start = start;
  one->end = end;
  one->all_day = item->all_day;
  one->capacity = item->capacity;
  one->tentative = item->tentative;
  one->cancelled = item->cancelled;
  one->line = item->line;
  for (guint i = 0; i < item->staff->len; i++)
    if (g_array_index (item->staff, RkSAssign, i).occ_date == 0)
      g_array_append_val (one->staff, g_array_index (item->staff, RkSAssign, i));
  return one;
}

/* RDATE (DATE-TIME, DATE or PERIOD): dates besides the rule's.  Renkei's
 * series are a rule and its exceptions, so each one becomes an event of its
 * own with the series' fields (UID "<series UID>/<the RDATE value>"). */
static gboolean
read_rdates (ImportCtx *ctx, const VEvent *v, RkImportEvent *item, GError **error)
{
  g_autoptr(GPtrArray) rdates = props_of (v->comp, ICAL_RDATE_PROPERTY);

  for (guint i = 0; i < rdates->len; i++)
    {
      icalproperty *p = g_ptr_array_index (rdates, i);
      struct icaldatetimeperiodtype dp = icalproperty_get_rdate (p);
      gboolean period = icaltime_is_null_time (dp.time);
      struct icaltimetype t = period ? dp.period.start : dp.time;
      const char *problem = NULL;
      g_autofree char *text = NULL, *uid = NULL;
      RkMinute start, end;

      if (!to_db_time (ctx, p, t, &start, &problem))
        {
          g_autofree char *value = icalproperty_get_value_as_string_r (p);
          return fail (ctx, v, "RDATE", error, _("%s “%s” %s"), "RDATE", value ? value : "",
                       problem);
        }
      if (t.is_date)
        start = rk_minute_make (rk_minute_day (start), rk_minute_of_day (item->start));
      if (period && !icaltime_is_null_time (dp.period.end))
        {
          if (!to_db_time (ctx, p, dp.period.end, &end, &problem))
            return fail (ctx, v, "RDATE", error, _("the end of an RDATE period %s"), problem);
        }
      else if (period && !icaldurationtype_is_null_duration (dp.period.duration))
        end = start + icaldurationtype_as_int (dp.period.duration) / 60;
      else
        end = start + (item->end - item->start);
      if (end <= start)
        end = start + (item->end - item->start);
      if (start == item->start || has_exception (item->exceptions, rk_minute_day (start)))
        continue;    /* the first date itself, or taken off again by an EXDATE */
      text = icaltime_as_ical_string_r (t);
      uid = g_strdup_printf ("%s/%s", item->uid, text);
      g_ptr_array_add (ctx->items, extra_date (item, uid, start, end));
      {
        char buf[17];
        note (ctx, v, "RDATE", _("the extra date (RDATE) %s is kept as an event of its own"),
              rk_time_format_buf (start, buf));
      }
    }
  return TRUE;
}

/* A UID for an event that has none, the same on every import of the file. */
static char *
make_uid (icalcomponent *comp)
{
  icalproperty *s = icalcomponent_get_first_property (comp, ICAL_SUMMARY_PROPERTY);
  icalproperty *d = icalcomponent_get_first_property (comp, ICAL_DTSTART_PROPERTY);
  g_autofree char *dt = d ? icalproperty_get_value_as_string_r (d) : NULL;
  g_autofree char *key = g_strdup_printf ("%s\n%s", s ? icalproperty_get_summary (s) : "",
                                          dt ? dt : "");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  return g_strdup_printf ("%s@import.renkei", sum);
}

static gboolean
collect (ImportCtx *ctx, icalcomponent *root, GPtrArray *groups, GHashTable *by_uid,
         guint *index, GError **error)
{
  icalcomponent *cal;
  icalcompiter ci;

  if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    {
      for (ci = icalcomponent_begin_component (root, ICAL_VCALENDAR_COMPONENT);
           icalcompiter_deref (&ci); icalcompiter_next (&ci))
        if (!collect (ctx, icalcompiter_deref (&ci), groups, by_uid, index, error))
          return FALSE;
      return TRUE;
    }
  cal = root;
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      VEvent v = { c, (*index)++ };
      const char *uid = icalcomponent_get_uid (c);
      gboolean is_override = icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY) != NULL;
      Group *g;

      if (!check_parse_errors (ctx, &v, error))
        return FALSE;
      if (uid == NULL || *uid == '\0')
        {
          g_autofree char *made = make_uid (c);

          if (is_override)
            return fail (ctx, &v, "RECURRENCE-ID", error,
                         _("a changed occurrence (RECURRENCE-ID) needs the UID of its series"));
          icalcomponent_set_uid (c, made);
          uid = icalcomponent_get_uid (c);
        }
      g = g_hash_table_lookup (by_uid, uid);
      if (g == NULL)
        {
          g = g_new0 (Group, 1);
          g->uid = g_strdup (uid);
          g->master.comp = NULL;
          g->overrides = g_array_new (FALSE, FALSE, sizeof (VEvent));
          g_ptr_array_add (groups, g);
          g_hash_table_insert (by_uid, g->uid, g);
        }
      if (is_override)
        g_array_append_val (g->overrides, v);
      else if (g->master.comp)
        return fail (ctx, &v, "UID", error,
                     _("the UID is used by another event of the file too (line %u)"),
                     vevent_line (ctx, &g->master));
      else
        g->master = v;
    }
  return TRUE;
}

static gboolean
check_other_errors (ImportCtx *ctx, icalcomponent *root, GError **error)
{
  /* Garbage between the events. */
  icalproperty *p = first_real_error (root);
  const char *msg, *colon;
  guint line = 0;

  if (p == NULL)
    return TRUE;
  msg = icalproperty_get_xlicerror (p);
  colon = msg ? strrchr (msg, ':') : NULL;
  if (colon && colon[1] == ' ' && colon[2])
    {
      line = text_line (ctx, 1, colon + 2);
    }
  if (line)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u: cannot be read: %s"), line, msg);
  else
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("cannot be read: %s"), msg ? msg : "");
  return FALSE;
}

static void
import_ctx_clear (ImportCtx *ctx)
{
  g_clear_pointer (&ctx->vevent_lines, g_array_unref);
  g_clear_pointer (&ctx->db_tzid, g_free);
  g_clear_pointer (&ctx->db_tz, g_time_zone_unref);
  g_clear_pointer (&ctx->glib_zones, g_hash_table_unref);
}

/* RFC 5545 §3.1: a line may be folded inside a multi-byte character, and
 * unfolding restores it; so the text is checked as UTF-8 unfolded.  0 when
 * it is UTF-8, else the line (of the file as it is) of the first bad byte. */
static guint
first_bad_utf8_line (const char *data, gsize length)
{
  g_autoptr(GString) unfolded = g_string_sized_new (length);
  g_autoptr(GArray) lines = g_array_sized_new (FALSE, FALSE, sizeof (guint), length / 40 + 1);
  const char *end = NULL;
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n')
        line++;
      if (data[i] == '\r' && i + 2 < length && data[i + 1] == '\n' &&
          (data[i + 2] == ' ' || data[i + 2] == '\t'))
        {
          i += 2;
          continue;
        }
      if (data[i] == '\n' && i + 1 < length && (data[i + 1] == ' ' || data[i + 1] == '\t'))
        {
          i += 1;
          continue;
        }
      g_string_append_c (unfolded, data[i]);
      g_array_append_val (lines, line);
    }
  if (g_utf8_validate (unfolded->str, unfolded->len, &end))
    return 0;
  return g_array_index (lines, guint, end - unfolded->str);
}

/* libical prints its parser's complaints on stderr itself (icalerror_warn
 * is a bare fprintf); what it could not read is in X-LIC-ERROR properties,
 * which the import turns into one message of its own.  So stderr points at
 * /dev/null while it parses (one import at a time: the descriptor is the
 * process's). */
static icalcomponent *
parse_quietly (char *text)
{
  static GMutex lock;
  icalcomponent *root;
  int saved, null_fd;

  g_mutex_lock (&lock);
  fflush (stderr);
  saved = dup (STDERR_FILENO);
  null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && null_fd >= 0)
    dup2 (null_fd, STDERR_FILENO);
  root = icalparser_parse_string (text);
  fflush (stderr);
  if (saved >= 0 && null_fd >= 0)
    dup2 (saved, STDERR_FILENO);
  if (saved >= 0)
    close (saved);
  if (null_fd >= 0)
    close (null_fd);
  g_mutex_unlock (&lock);
  return root;
}

/* To-dos, journal entries and free/busy blocks are not events: each is
 * counted as skipped and named in the summary. */
static void
note_skipped_components (ImportCtx *ctx)
{
  static const struct { const char *begin; const char *what; } others[] = {
    { "BEGIN:VTODO", N_("a to-do (VTODO) is not an event: skipped") },
    { "BEGIN:VJOURNAL", N_("a journal entry (VJOURNAL) is not an event: skipped") },
    { "BEGIN:VFREEBUSY", N_("a free/busy block (VFREEBUSY) is not an event: skipped") },
  };
  const char *p = ctx->text;
  guint line = 1;

  while (*p)
    {
      for (guint i = 0; i < G_N_ELEMENTS (others); i++)
        if (line_is (p, others[i].begin))
          {
            ctx->stats->skipped++;
            rk_import_stats_note (ctx->stats, line, NULL, "%s", _(others[i].what));
          }
      if (!next_line (&p))
        break;
      line++;
    }
}

static gboolean
import_parsed (ImportCtx *ctx, icalcomponent *root, RkStore *store, RkImportStats *stats,
               GError **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rk_import_event_free);
  guint index = 0;

  ctx->items = items;
  ctx->stats = stats;
  if (!check_other_errors (ctx, root, error))
    return FALSE;
  if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    {
      icalcompiter ci = icalcomponent_begin_component (root, ICAL_VCALENDAR_COMPONENT);
      ctx->calendar = icalcompiter_deref (&ci);
    }
  else
    ctx->calendar = root;
  if (!collect (ctx, root, groups, by_uid, &index, error))
    return FALSE;

  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = g_ptr_array_index (groups, i);
      g_autoptr(RkImportEvent) item = rk_import_event_new ();

      if (g->master.comp == NULL)
        {
          /* Changed occurrences whose series is not in the file: each
           * becomes an event of its own. */
          for (guint j = 0; j < g->overrides->len; j++)
            {
              VEvent *v = &g_array_index (g->overrides, VEvent, j);
              g_autoptr(RkImportEvent) single = rk_import_event_new ();
              icalproperty *rid = icalcomponent_get_first_property (v->comp,
                                                                   ICAL_RECURRENCEID_PROPERTY);
              g_autofree char *text = icalproperty_get_value_as_string_r (rid);
              g_autofree char *uid = g_strdup_printf ("%s/%s", g->uid, text ? text : "");

              if (!read_master (ctx, v, uid, single, error))
                return FALSE;
              g_ptr_array_add (items, g_steal_pointer (&single));
            }
          continue;
        }
      if (!read_master (ctx, &g->master, g->uid, item, error) ||
          !read_rdates (ctx, &g->master, item, error))
        return FALSE;
      for (guint j = 0; j < g->overrides->len; j++)
        {
          VEvent *v = &g_array_index (g->overrides, VEvent, j);

          if (!check_parse_errors (ctx, v, error) ||
              !read_override (ctx, &g->master, v, item, error))
            return FALSE;
        }
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  return rk_import_write (store, ctx->match, items, stats, error);
}

gboolean
rk_ical_import (RkStore *store, const char *data, gsize length, RkImportStats *stats,
                GError **error)
{
  ImportCtx ctx = { 0 };
  g_autoptr(RkImportMatch) match = NULL;
  g_autofree char *text = NULL;
  icalcomponent *root;
  guint bad_line;
  gboolean ok;

  g_return_val_if_fail (rk_store_in_transaction (store), FALSE);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if ((bad_line = first_bad_utf8_line (data, length)) > 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line %u: the file is not UTF-8 text, as iCalendar files must be"),
                   bad_line);
      return FALSE;
    }
  if (!rk_ical_detect (data, length))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line 1: not an iCalendar file (it does not begin with BEGIN:VCALENDAR)"));
      return FALSE;
    }
  text = g_strndup (data, length);
  root = parse_quietly (text);
  if (root == NULL ||
      (icalcomponent_isa (root) != ICAL_VCALENDAR_COMPONENT &&
       icalcomponent_isa (root) != ICAL_XROOT_COMPONENT))
    {
      if (root)
        icalcomponent_free (root);
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line 1: not an iCalendar file (no VCALENDAR could be read)"));
      return FALSE;
    }

  match = rk_import_match_new (store, error);
  if (match == NULL)
    {
      icalcomponent_free (root);
      return FALSE;
    }
  ctx.match = match;
  ctx.text = text;
  ctx.vevent_lines = scan_vevents (text);
  ctx.db_tzid = rk_store_get_timezone (store);
  ctx.db_tz = rk_timezone_new (ctx.db_tzid);
  if (ctx.db_tz == NULL)
    ctx.db_tz = g_time_zone_new_offset (9 * 3600);
  ctx.glib_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_time_zone_unref);
  {
    guint n = 0;

    if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
      {
        for (icalcompiter ci = icalcomponent_begin_component (root, ICAL_VCALENDAR_COMPONENT);
             icalcompiter_deref (&ci); icalcompiter_next (&ci))
          n += icalcomponent_count_components (icalcompiter_deref (&ci), ICAL_VEVENT_COMPONENT);
      }
    else
      n = icalcomponent_count_components (root, ICAL_VEVENT_COMPONENT);
    ctx.lines_known = n == ctx.vevent_lines->len;
    if (n < ctx.vevent_lines->len)
      {
        /* libical stops at a BEGIN/END it cannot match: never import a
         * part of a file as if it were all of it. */
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("line %u: the events from here on cannot be read: the file’s BEGIN and "
                       "END lines do not match (%u of its %u events could be read)"),
                     g_array_index (ctx.vevent_lines, guint, n), n, ctx.vevent_lines->len);
        icalcomponent_free (root);
        import_ctx_clear (&ctx);
        return FALSE;
      }
  }
  ctx.stats = stats;
  note_skipped_components (&ctx);

  ok = import_parsed (&ctx, root, store, stats, error);
  icalcomponent_free (root);
  import_ctx_clear (&ctx);
  return ok;
}

