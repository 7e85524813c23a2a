#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rk-error.h"
#include "rk-ical-private.h"
#include "rk-timezone.h"

RkMinute
rk_ical_minute_from_datetime (GDateTime *dt)
{
  return rk_minute_make (rk_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                          g_date_time_get_day_of_month (dt)),
                         g_date_time_get_hour (dt) * 60 + g_date_time_get_minute (dt));
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

      if (!rk_ical_check_parse_errors (ctx, &v, error))
        return FALSE;
      if (uid == NULL || *uid == '\0')
        {
          g_autofree char *made = make_uid (c);

          if (is_override)
            return rk_ical_fail (ctx, &v, "RECURRENCE-ID", error,
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
        return rk_ical_fail (ctx, &v, "UID", error,
                     _("the UID is used by another event of the file too (line %u)"),
                     rk_ical_vevent_line (ctx, &g->master));
      else
        g->master = v;
    }
  return TRUE;
}

static gboolean
check_other_errors (ImportCtx *ctx, icalcomponent *root, GError **error)
{
  /* Garbage between the events. */
  icalproperty *p = rk_ical_first_real_error (root);
  const char *msg, *colon;
  guint line = 0;

  if (p == NULL)
    return TRUE;
  msg = icalproperty_get_xlicerror (p);
  colon = msg ? strrchr (msg, ':') : NULL;
  if (colon && colon[1] == ' ' && colon[2])
    {
      line = rk_ical_text_line (ctx, 1, colon + 2);
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

typedef struct
{
  RkDay          from;      /* the first day it holds */
  RkImportEvent *item;      /* owned by the list of items once read */
  guint          index;     /* of the override that made it */
} Part;

static int
part_compare (gconstpointer a, gconstpointer b)
{
  const Part *x = a, *y = b;

  return x->from < y->from ? -1 : x->from > y->from;
}

/* The changed occurrences of a series: those of RANGE=THISANDFUTURE first,
 * by date, each splitting the series where it starts; then each of the
 * others goes to the part of the series its date is in.  item is in
 * items already; its parts are added after it. */
static gboolean
read_overrides (ImportCtx *ctx, Group *g, RkImportEvent *item, GPtrArray *items, GError **error)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_autoptr(GArray) future = g_array_new (FALSE, FALSE, sizeof (Part));
  Part whole = { 0, item, 0 };

  g_array_append_val (parts, whole);
  for (guint j = 0; j < g->overrides->len; j++)
    {
      VEvent *v = &g_array_index (g->overrides, VEvent, j);
      Part p = { 0, NULL, j };

      if (!rk_ical_check_parse_errors (ctx, v, error))
        return FALSE;
      if (!item->rrule || !rk_ical_is_this_and_future (v))
        continue;
      if (!rk_ical_override_date (ctx, v, &p.from, error))
        return FALSE;
      g_array_append_val (future, p);
    }
  g_array_sort (future, part_compare);
  for (guint k = 0; k < future->len; k++)
    {
      Part *p = &g_array_index (future, Part, k);
      RkImportEvent *target = g_array_index (parts, Part, parts->len - 1).item;

      p->item = rk_ical_read_future (ctx, &g->master,
                                     &g_array_index (g->overrides, VEvent, p->index), target,
                                     error);
      if (p->item == NULL)
        return FALSE;
      g_ptr_array_add (items, p->item);
      g_array_append_val (parts, *p);
    }
  for (guint j = 0; j < g->overrides->len; j++)
    {
      VEvent *v = &g_array_index (g->overrides, VEvent, j);
      RkImportEvent *target = item;
      const VEvent *part = NULL;
      RkDay date;

      if (item->rrule && rk_ical_is_this_and_future (v))
        continue;
      if (!rk_ical_override_date (ctx, v, &date, error))
        return FALSE;
      for (guint k = 0; k < parts->len; k++)
        if (g_array_index (parts, Part, k).from <= date)
          {
            target = g_array_index (parts, Part, k).item;
            part = k > 0 ? &g_array_index (g->overrides, VEvent,
                                           g_array_index (parts, Part, k).index) : NULL;
          }
      if (!rk_ical_read_override (ctx, &g->master, part, v, target, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_parsed (ImportCtx *ctx, icalcomponent **parsed, RkStore *store, RkImportStats *stats,
               GError **error)
{
  icalcomponent *root = *parsed;
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

              if (!rk_ical_read_master (ctx, v, uid, single, error))
                return FALSE;
              g_ptr_array_add (items, g_steal_pointer (&single));
            }
          continue;
        }
      RkImportEvent *series;

      if (!rk_ical_read_master (ctx, &g->master, g->uid, item, error) ||
          !rk_ical_read_rdates (ctx, &g->master, item, error))
        return FALSE;
      series = g_steal_pointer (&item);
      g_ptr_array_add (items, series);
      if (!read_overrides (ctx, g, series, items, error))
        return FALSE;
    }

  /* What was read is in the items: the parsed file (several times the
   * file's size) goes before they are written. */
  g_ptr_array_set_size (groups, 0);
  g_hash_table_remove_all (by_uid);
  ctx->calendar = NULL;
  g_clear_pointer (parsed, icalcomponent_free);
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
  if ((bad_line = rk_ical_first_bad_utf8_line (data, length)) > 0)
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
  ctx.vevent_lines = rk_ical_scan_vevents (text);
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
  rk_ical_note_skipped_components (&ctx);

  ok = import_parsed (&ctx, &root, store, stats, error);
  g_clear_pointer (&root, icalcomponent_free);
  import_ctx_clear (&ctx);
  return ok;
}
