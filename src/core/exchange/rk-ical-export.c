#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rk-ical-private.h"
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

static const char * const exception_kinds[] = { "cancelled", "moved", "skipped" };

/* ---- time --------------------------------------------------------------- */

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
  RkDay                  policy_horizon;  /* for endless series a holiday moves */
  gboolean               all_day;    /* the event being written is whole days */
  /* The zone the series being written repeats in, when it has one of its
   * own (read from another calendar); its times are written in it. */
  GTimeZone             *event_tz;
  const char            *event_tzid;
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

  if (ctx->event_tz && g_strcmp0 (ctx->event_tzid, "UTC") != 0)
    {
      local = datetime_from_minute (ctx->tz, t);
      utc = g_date_time_to_timezone (local, ctx->event_tz);
      return ical_wall_time (rk_ical_minute_from_datetime (utc));
    }
  if (ctx->tzid && ctx->event_tz == NULL)
    return ical_wall_time (t);
  local = datetime_from_minute (ctx->tz, t);
  utc = g_date_time_to_utc (local);
  it = ical_wall_time (rk_ical_minute_from_datetime (utc));
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
  if (ctx->event_tz && g_strcmp0 (ctx->event_tzid, "UTC") != 0 && !ctx->all_day)
    icalproperty_add_parameter (p, icalparameter_new_tzid (ctx->event_tzid));
  else if (ctx->tzid && ctx->event_tz == NULL && !ctx->all_day)
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
/* The VTIMEZONE of a zone (the database's, or one a series of the export
 * repeats in) under its plain IANA name; NULL for UTC and zones libical
 * does not know. */
static icalcomponent *
zone_vtimezone (const char *tzid)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (tzid);
  icalcomponent *comp = zone ? icaltimezone_get_component (zone) : NULL;
  icalproperty *p;

  if (comp == NULL || zone == icaltimezone_get_utc_timezone ())
    return NULL;
  comp = icalcomponent_new_clone (comp);
  p = icalcomponent_get_first_property (comp, ICAL_TZID_PROPERTY);
  if (p)
    icalproperty_set_tzid (p, tzid);
  return comp;
}

static icalcomponent *
export_vtimezone (ExportCtx *ctx)
{
  g_autofree char *tz = g_strdup (ctx->schedule->timezone ? ctx->schedule->timezone : TOKYO_TZID);
  icalcomponent *comp;

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
  comp = zone_vtimezone (tz);
  if (comp == NULL)
    return NULL;
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
  icalcomponent_add_property (comp, icalproperty_new_sequence ((int) MAX (e->sequence_base + e->version - 1, 0)));
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
      /* A floating UNTIL is the database's wall clock (the series' own
       * zone's, when it has one): RFC 5545 §3.3.10 wants it in UTC beside
       * a DTSTART with TZID. */
      g_autoptr(GDateTime) local = g_date_time_new (ctx->event_tz ? ctx->event_tz : ctx->tz,
                                                    r.until.year, r.until.month,
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
/* Does the event's holiday policy move or skip occurrences? */
static gboolean
policy_changes_dates (const RkSEvent *e)
{
  return e->policy == RK_POLICY_SKIP || e->policy == RK_POLICY_NEXT_DAY ||
         e->policy == RK_POLICY_PREVIOUS_DAY;
}

static void
event_window (ExportCtx *ctx, const RkSEvent *e, RkDay *lo, RkDay *hi)
{
  RkDay first = rk_minute_day (e->start), last = first;

  if (e->rrule && *e->rrule)
    {
      RkMinute l = rk_rrule_last_start (e->rrule, e->start);
      last = l < 0 ? MAX (policy_changes_dates (e) ? ctx->policy_horizon : ctx->horizon, first)
                   : rk_minute_day (l);
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

  g_autoptr(GTimeZone) own = e->tzid && !e->all_day ? rk_timezone_new (e->tzid) : NULL;

  ctx->all_day = e->all_day;
  ctx->event_tz = own;
  ctx->event_tzid = own ? e->tzid : NULL;
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

          if (i == 0 || o->planned < dtstart)
            dtstart = o->planned;
        }
      if (occs->len == 0)
        dtstart = e->start;
      icalcomponent_add_property (master, time_prop (ctx, ICAL_DTSTART_PROPERTY, dtstart));
      icalcomponent_add_property (master, time_prop (ctx, ICAL_DTEND_PROPERTY, dtstart + duration));
      add_rrule (ctx, master, e);
      if (policy_changes_dates (e) && rk_rrule_last_start (e->rrule, e->start) < 0)
        {
          char day[11];
          g_autofree char *comment = NULL;

          /* An endless series: the moves are written this far. */
          comment = g_strdup_printf (_("Occurrences a holiday moves or skips are written up "
                                       "to %s; later ones follow the rule as it is"),
                                     rk_date_format_buf (hi - POLICY_REACH_DAYS, day));
          icalcomponent_add_property (master, icalproperty_new_comment (comment));
        }
    }

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const RkSException *x = rk_sevent_exception (e, o->orig_date);
      RkMinute planned = o->planned;
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
  ctx->event_tz = NULL;
  ctx->event_tzid = NULL;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
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
      ctx.policy_horizon = options->to + POLICY_HORIZON_DAYS;
    }
  else
    {
      RkDay latest = 0;

      for (guint i = 0; i < schedule->events->len; i++)
        latest = MAX (latest, rk_minute_day (((RkSEvent *) g_ptr_array_index (schedule->events, i))->start));
      ctx.horizon = MAX (latest, rk_today (schedule->timezone)) + HORIZON_DAYS;
      ctx.policy_horizon = ctx.horizon - HORIZON_DAYS + POLICY_HORIZON_DAYS;
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

  {
    g_autoptr(GPtrArray) zones = g_ptr_array_new ();

    for (guint i = 0; i < schedule->events->len; i++)
      {
        RkSEvent *e = g_ptr_array_index (schedule->events, i);

        if ((wanted && !g_hash_table_contains (wanted, e)) || !rk_export_wants_event (e, options) ||
            e->tzid == NULL || e->all_day || g_strcmp0 (e->tzid, ctx.tzid) == 0 ||
            g_ptr_array_find_with_equal_func (zones, e->tzid, g_str_equal, NULL))
          continue;
        g_ptr_array_add (zones, e->tzid);
      }
    g_ptr_array_sort (zones, (GCompareFunc) compare_names);
    for (guint i = 0; i < zones->len; i++)
      if ((vtz = zone_vtimezone (g_ptr_array_index (zones, i))))
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
  g_autoptr(GHashTable) details = NULL;
  g_autoptr(RkSchedule) schedule = rk_export_load_with_details (store, options, &details, error);

  if (schedule == NULL)
    return NULL;
  return rk_ical_export (schedule, details, options, error);
}
