#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rk-error.h"
#include "rk-ical-private.h"
#include "rk-recurrence.h"
#include "rk-timezone.h"

/* A field longer than Renkei keeps, cut with a note on its line; the line
 * is looked for only then (a walk of the file for every field of every
 * event made a 10,000-event import quadratic). */
static void
limit_field (ImportCtx *ctx, RkImportEvent *item, const char *name, char **text, guint max)
{
  if (*text == NULL || !g_utf8_validate (*text, -1, NULL) || g_utf8_strlen (*text, -1) <= (glong) max)
    return;
  rk_import_limit_text (ctx->stats, rk_ical_field_line (ctx, item, name), item->uid, name, text,
                        max);
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
      *out = rk_ical_minute_from_datetime (local);
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
      *out = rk_ical_minute_from_datetime (local);
      return TRUE;
    }
}

/* A series whose DTSTART is in another zone than the database's repeats in
 * that zone (item->tzid), its UTC UNTIL read as that zone's wall clock.  A
 * zone known only by the file's own VTIMEZONE cannot be kept: the series
 * repeats at the same time in the database's zone, said in the summary. */
static void
series_zone (ImportCtx *ctx, const VEvent *v, RkImportEvent *item)
{
  icalproperty *p = icalcomponent_get_first_property (v->comp, ICAL_DTSTART_PROPERTY);
  icalparameter *param = p ? icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER) : NULL;
  const char *tzid = param ? icalparameter_get_tzid (param) : NULL;
  const char *name = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *rule = NULL;

  if (p == NULL)
    return;
  if (tzid == NULL && icaltime_is_utc (icalproperty_get_dtstart (p)))
    name = "UTC";
  else if (tzid == NULL)
    return;   /* floating: the wall clock of wherever the events are */
  else if (rk_timezone_name_valid (tzid))
    name = tzid;
  else
    name = rk_timezone_from_windows (tzid);
  if (name && (g_strcmp0 (name, ctx->db_tzid) == 0 ||
               g_strcmp0 (rk_timezone_from_windows (tzid ? tzid : ""), ctx->db_tzid) == 0))
    return;
  if (name == NULL || (tz = rk_timezone_new (name)) == NULL)
    {
      rk_ical_note (ctx, v, "DTSTART",
                    _("the series repeats in the time zone “%s”, which is known only by this "
                      "file: it repeats at the same time of day in the database’s zone"),
                    tzid);
      return;
    }
  item->tzid = g_strdup (name);
  if ((rule = rk_rrule_until_in_zone (item->rrule, tz)))
    {
      g_free (item->rrule);
      item->rrule = g_steal_pointer (&rule);
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
    return rk_ical_fail (ctx, v, name, error, _("%s is given twice"), name);
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
      return rk_ical_fail (ctx, v, name, error, _("%s “%s” %s"), name, text ? text : "", problem);
    }
  return TRUE;
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
        return rk_ical_fail (ctx, v, "DURATION", error, _("DURATION is not a valid duration"));
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
      rk_ical_note (ctx, v, dtend ? "DTEND" : duration ? "DURATION" : "DTSTART",
            /* TRANSLATORS: %d is 30 */
            _("has no length (no end, or its end is its start): kept as %d minutes long"),
            MOMENT_MINUTES);
    }
  else if (*end < start)
    return rk_ical_fail (ctx, v, dtend ? "DTEND" : "DURATION", error,
                 _("DTEND is before DTSTART; an event must end after it starts"));
  return TRUE;
}

static void
put_exception (GArray *exceptions, RkDay date, RkExceptionKind kind, RkMinute start, RkMinute end,
               const char *reason)
{
  RkSException x = { date, kind, start, end, rk_reason_from_shown (kind, reason) };

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

gboolean
rk_ical_read_master (ImportCtx *ctx, const VEvent *v, const char *uid, RkImportEvent *item,
                     GError **error)
{
  icalproperty *p;
  const char *summary = NULL, *location = NULL, *text;
  gboolean date_start = FALSE;
  icalproperty_status status = ICAL_STATUS_NONE;

  item->uid = g_strdup (uid);
  item->line = rk_ical_vevent_line (ctx, v);

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
      limit_field (ctx, item, "SUMMARY", &item->title, RK_IMPORT_MAX_TITLE);
    }
  else if (item->program_id == 0)
    {
      item->title = g_strdup (_("(No title)"));
      rk_ical_note (ctx, v, NULL, _("has no title (SUMMARY): titled “%s”"), item->title);
    }

  if (!single_property (ctx, v, ICAL_DTSTART_PROPERTY, "DTSTART", &p, error))
    return FALSE;
  if (p == NULL)
    return rk_ical_fail (ctx, v, NULL, error, _("has no DTSTART"));
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
        return rk_ical_fail (ctx, v, "RRULE", error, "%s", local->message);
      item->rrule = g_steal_pointer (&rule);
      if (!date_start)
        series_zone (ctx, v, item);
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
  limit_field (ctx, item, "DESCRIPTION", &item->notes, RK_IMPORT_MAX_NOTES);

  if (!single_property (ctx, v, ICAL_LOCATION_PROPERTY, "LOCATION", &p, error))
    return FALSE;
  location = p ? icalproperty_get_location (p) : NULL;
  if (location && *location)
    {
      item->room_id = rk_import_match_room (ctx->match, location);
      if (item->room_id == 0)
        item->location = g_strdup (location);
      limit_field (ctx, item, "LOCATION", &item->location, RK_IMPORT_MAX_LOCATION);
    }

  if ((text = x_value (v->comp, X_ON_HOLIDAY)))
    {
      int policy = rk_policy_from_token (text);
      if (policy < 0)
        return rk_ical_fail (ctx, v, X_ON_HOLIDAY, error, _("unknown holiday policy “%s”"), text);
      item->policy = policy;
    }
  if ((text = x_value (v->comp, X_CAPACITY)))
    {
      char *endp = NULL;
      gint64 n = g_ascii_strtoll (text, &endp, 10);

      if (*endp != '\0' || n < 0 || n > G_MAXINT)
        return rk_ical_fail (ctx, v, X_CAPACITY, error, _("the capacity “%s” is not a whole number"), text);
      item->capacity = (int) n;
    }

  read_attendees (ctx, v->comp, 0, item->staff);
  p = icalcomponent_get_first_property (v->comp, ICAL_SEQUENCE_PROPERTY);
  item->sequence = p ? MAX (icalproperty_get_sequence (p), 0) : 0;

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
            return rk_ical_fail (ctx, v, X_MOVED_FROM, error, _("“%s” is not a time"), text);
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
override_has_own_text (icalcomponent *master, icalcomponent *part, icalcomponent *over)
{
  static const icalproperty_kind kinds[] = {
    ICAL_SUMMARY_PROPERTY, ICAL_LOCATION_PROPERTY, ICAL_DESCRIPTION_PROPERTY
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      /* the series' text, or what a change from a date on made it */
      icalcomponent *base = part && icalcomponent_get_first_property (part, kinds[i])
                            ? part : master;

      if (icalcomponent_get_first_property (over, kinds[i]) &&
          strcmp (text_of (base, kinds[i]), text_of (over, kinds[i])) != 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
rk_ical_read_override (ImportCtx *ctx, const VEvent *master, const VEvent *part, const VEvent *v,
                       RkImportEvent *item,
                       GError **error)
{
  icalproperty *p = icalcomponent_get_first_property (v->comp, ICAL_RECURRENCEID_PROPERTY);
  icalproperty *st = icalcomponent_get_first_property (v->comp, ICAL_STATUS_PROPERTY);
  const char *reason = reason_for (v->comp, 0);
  RkMinute rid, start, end, planned;
  gboolean date_start = FALSE, rid_is_date = FALSE;
  RkDay date;

  if (!read_time (ctx, v, p, "RECURRENCE-ID", &rid, &rid_is_date, error))
    return FALSE;
  date = rk_minute_day (rid);
  if (has_exception (item->exceptions, date))
    return TRUE;    /* EXDATE wins */
  if (st && icalproperty_get_status (st) == ICAL_STATUS_CANCELLED && !item->cancelled)
    {
      put_exception (item->exceptions, date, RK_EXCEPTION_CANCELLED, 0, 0, reason);
      return TRUE;
    }
  if (override_has_own_text (master->comp, part ? part->comp : NULL, v->comp))
    {
      /* Renkei's occurrences share their series' title, place and notes:
       * this one leaves the series as an event of its own, the way an edit
       * of one occurrence does in Renkei. */
      g_autofree char *text = icalproperty_get_value_as_string_r (p);
      g_autofree char *uid = g_strdup_printf ("%s/%s", item->uid, text ? text : "");
      g_autoptr(RkImportEvent) single = rk_import_event_new ();

      if (!rk_ical_read_master (ctx, v, uid, single, error))
        return FALSE;
      g_clear_pointer (&single->rrule, g_free);
      put_exception (item->exceptions, date, RK_EXCEPTION_CANCELLED, 0, 0,
                     _("replaced by an event of its own with the changed title, place or notes"));
      rk_ical_note (ctx, v, "RECURRENCE-ID",
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
  /* The RECURRENCE-ID is the start the rule gave (in a series' own zone
   * that is not always the first one's time of day in the database's). */
  planned = rid_is_date ? rk_minute_make (date, rk_minute_of_day (item->start)) : rid;
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
gboolean
rk_ical_read_rdates (ImportCtx *ctx, const VEvent *v, RkImportEvent *item, GError **error)
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
          return rk_ical_fail (ctx, v, "RDATE", error, _("%s “%s” %s"), "RDATE", value ? value : "",
                       problem);
        }
      if (t.is_date)
        start = rk_minute_make (rk_minute_day (start), rk_minute_of_day (item->start));
      if (period && !icaltime_is_null_time (dp.period.end))
        {
          if (!to_db_time (ctx, p, dp.period.end, &end, &problem))
            return rk_ical_fail (ctx, v, "RDATE", error, _("the end of an RDATE period %s"), problem);
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
        rk_ical_note (ctx, v, "RDATE", _("the extra date (RDATE) %s is kept as an event of its own"),
              rk_time_format_buf (start, buf));
      }
    }
  return TRUE;
}

gboolean
rk_ical_override_date (ImportCtx *ctx, const VEvent *v, RkDay *date, GError **error)
{
  icalproperty *p = icalcomponent_get_first_property (v->comp, ICAL_RECURRENCEID_PROPERTY);
  RkMinute rid;

  if (!read_time (ctx, v, p, "RECURRENCE-ID", &rid, NULL, error))
    return FALSE;
  *date = rk_minute_day (rid);
  return TRUE;
}

gboolean
rk_ical_is_this_and_future (const VEvent *v)
{
  icalproperty *p = icalcomponent_get_first_property (v->comp, ICAL_RECURRENCEID_PROPERTY);
  icalparameter *range = p ? icalproperty_get_first_parameter (p, ICAL_RANGE_PARAMETER) : NULL;

  return range && icalparameter_get_range (range) == ICAL_RANGE_THISANDFUTURE;
}

/* The day of t (in the database's zone) in the zone a series repeats in. */
static RkDay
day_in_series_zone (ImportCtx *ctx, const RkImportEvent *item, RkMinute t)
{
  g_autoptr(GTimeZone) own = item->tzid ? rk_timezone_new (item->tzid) : NULL;
  int y, m, d, md = rk_minute_of_day (t);
  g_autoptr(GDateTime) here = NULL;
  g_autoptr(GDateTime) there = NULL;

  if (own == NULL)
    return rk_minute_day (t);
  rk_day_to_ymd (rk_minute_day (t), &y, &m, &d);
  here = g_date_time_new (ctx->db_tz, y, m, d, md / 60, md % 60, 0);
  there = here ? g_date_time_to_timezone (here, own) : NULL;
  if (there == NULL)
    return rk_minute_day (t);
  return rk_day_from_ymd (g_date_time_get_year (there), g_date_time_get_month (there),
                          g_date_time_get_day_of_month (there));
}

RkImportEvent *
rk_ical_read_future (ImportCtx *ctx, const VEvent *master, const VEvent *v,
                     RkImportEvent *target, GError **error)
{
  /* What a change to this and the following occurrences leaves out stays
   * as the series has it. */
  static const icalproperty_kind inherited[] = {
    ICAL_SUMMARY_PROPERTY, ICAL_DESCRIPTION_PROPERTY, ICAL_LOCATION_PROPERTY,
    ICAL_CATEGORIES_PROPERTY, ICAL_RRULE_PROPERTY, ICAL_ATTENDEE_PROPERTY,
    ICAL_STATUS_PROPERTY,
  };
  icalproperty *p = icalcomponent_get_first_property (v->comp, ICAL_RECURRENCEID_PROPERTY);
  g_autofree char *text = icalproperty_get_value_as_string_r (p);
  g_autofree char *uid = g_strdup_printf ("%s/%s", icalcomponent_get_uid (master->comp),
                                          text ? text : "");
  g_autoptr(RkImportEvent) tail = rk_import_event_new ();
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autofree char *cut = NULL;
  icalcomponent *c;
  VEvent cv;
  RkMinute rid;
  RkDay date;
  int count;
  gboolean ok;

  if (!read_time (ctx, v, p, "RECURRENCE-ID", &rid, NULL, error))
    return NULL;
  date = rk_minute_day (rid);

  c = icalcomponent_new_clone (v->comp);
  {
    icalproperty *old = icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY);

    icalcomponent_remove_property (c, old);
    icalproperty_free (old);
  }
  for (guint k = 0; k < G_N_ELEMENTS (inherited); k++)
    if (icalcomponent_get_first_property (c, inherited[k]) == NULL)
      {
        g_autoptr(GPtrArray) props = props_of (master->comp, inherited[k]);

        for (guint i = 0; i < props->len; i++)
          icalcomponent_add_property (c, icalproperty_new_clone (g_ptr_array_index (props, i)));
      }
  if (icalcomponent_get_first_property (c, ICAL_DTSTART_PROPERTY) == NULL)
    {
      icalproperty *start = icalproperty_new_dtstart (icalproperty_get_recurrenceid (p));
      icalparameter *tz = icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER);

      if (tz)
        icalproperty_add_parameter (start, icalparameter_new_clone (tz));
      icalcomponent_add_property (c, start);
    }
  if (icalcomponent_get_first_property (c, ICAL_DTEND_PROPERTY) == NULL &&
      icalcomponent_get_first_property (c, ICAL_DURATION_PROPERTY) == NULL)
    icalcomponent_add_property (c, icalproperty_new_duration (
                                     icaldurationtype_from_int ((int) (target->end - target->start)
                                                                * 60)));
  cv.comp = c;
  cv.index = v->index;
  ok = rk_ical_read_master (ctx, &cv, uid, tail, error);
  icalcomponent_free (c);
  if (!ok)
    return NULL;

  /* The new series has what is left of the old one's occurrences. */
  count = rk_rrule_get_count (target->rrule);
  g_free (tail->rrule);
  if (count > 0)
    {
      guint n = 0;

      rk_rrule_expand (target->rrule, target->start, rk_minute_day (target->start), date, before,
                       NULL);
      for (guint i = 0; i < before->len; i++)
        n += g_array_index (before, RkMinute, i) < rid;
      tail->rrule = rk_rrule_with_count (target->rrule, MAX (count - (int) n, 1));
    }
  else
    tail->rrule = g_strdup (target->rrule);
  g_free (tail->tzid);
  tail->tzid = g_strdup (target->tzid);
  tail->policy = target->policy;
  tail->capacity = target->capacity;

  /* The old one ends the day before, and its changed dates from here on
   * are the new one's. */
  cut = rk_rrule_with_until (target->rrule, day_in_series_zone (ctx, target, rid) - 1);
  if (cut)
    {
      g_free (target->rrule);
      target->rrule = g_steal_pointer (&cut);
    }
  for (guint i = 0; i < target->exceptions->len;)
    {
      RkSException *x = &g_array_index (target->exceptions, RkSException, i);

      if (x->occ_date < date)
        {
          i++;
          continue;
        }
      put_exception (tail->exceptions, x->occ_date, x->kind, x->start, x->end, x->reason);
      g_array_remove_index (target->exceptions, i);
    }
  rk_ical_note (ctx, v, "RECURRENCE-ID",
                _("changes this and the following occurrences (RANGE=THISANDFUTURE): the "
                  "series is split there into two, as Renkei’s own “this and following” edit "
                  "does"));
  return g_steal_pointer (&tail);
}
