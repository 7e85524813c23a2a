#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rk-error.h"
#include "rk-expand.h"
#include "rk-recurrence.h"
#include "rk-series.h"

int
rk_scope_from_token (const char *token)
{
  if (g_strcmp0 (token, "this") == 0)
    return RK_SCOPE_THIS;
  if (g_strcmp0 (token, "following") == 0)
    return RK_SCOPE_FOLLOWING;
  if (g_strcmp0 (token, "all") == 0)
    return RK_SCOPE_ALL;
  return -1;
}

gboolean
rk_series_find_occurrence (RkStore *store, gint64 event_id, RkDay date, RkOcc *out,
                           GError **error)
{
  g_autoptr(RkSchedule) s = rk_store_load_schedule (store, date, date, error);
  g_autoptr(GArray) occs = NULL;
  RkSEvent *se;
  const RkOcc *o = NULL;
  char d[11];

  if (s == NULL)
    return FALSE;
  /* the store loads as far around the day as a policy can move it */
  se = rk_schedule_event (s, event_id);
  if (se)
    {
      occs = rk_event_expand (s, se, date > 31 ? date - 31 : 1, date + 31, NULL);
      o = rk_occ_find (occs, event_id, date);
    }
  if (o == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("Event %" PRId64 " has no occurrence on %s; see “renkei-cli event list”"),
                   event_id, rk_date_format_buf (date, d));
      return FALSE;
    }
  *out = *o;
  out->event = NULL;
  out->reason = NULL;
  return TRUE;
}

/* Does the event's rule (or single date) give an occurrence on day? */
static gboolean
rule_has_day (RkEvent *event, RkDay day)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  const char *rrule = rk_event_get_rrule (event);
  RkMinute start;

  if (!rk_time_parse (rk_event_get_start (event), &start))
    return FALSE;
  if (rrule == NULL || *rrule == '\0')
    return rk_minute_day (start) == day;
  return rk_rrule_expand (rrule, start, day, day, starts, NULL) && starts->len > 0;
}

static int
count_before (RkEvent *event, RkDay day)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  RkMinute start;

  if (!rk_time_parse (rk_event_get_start (event), &start) || day <= rk_minute_day (start))
    return 0;
  if (!rk_rrule_expand (rk_event_get_rrule (event), start, rk_minute_day (start), day - 1, starts,
                        NULL))
    return 0;
  return (int) starts->len;
}

/* Drops exceptions and one-occurrence staff that the (new) rule no longer
 * has a date for, saying which. */
static gboolean
drop_stray_rows (RkStore *store, gint64 event_id, GPtrArray *report, GError **error)
{
  g_autoptr(RkEvent) event = rk_store_get_event (store, event_id, error);
  g_autoptr(GArray) dates = NULL;

  if (event == NULL)
    return FALSE;
  dates = rk_store_occurrence_dates (store, event_id, error);
  if (dates == NULL)
    return FALSE;
  for (guint i = 0; i < dates->len; i++)
    {
      RkDay d = g_array_index (dates, RkDay, i);
      char buf[11];

      if (rule_has_day (event, d))
        continue;
      if (!rk_store_delete_exception (store, event_id, d, error) ||
          !rk_store_delete_occurrence_assignments (store, event_id, d, error))
        return FALSE;
      if (report)
        g_ptr_array_add (report,
                         g_strdup_printf (_("%s is no longer a date of event %" PRId64
                                            "; its change for that day (cancellation, move or "
                                            "staff) was dropped"),
                                          rk_date_format_buf (d, buf), event_id));
    }
  return TRUE;
}

static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

/* Only the times differ: a moved exception does. */
static gboolean
only_time_changed (RkEvent *a, RkEvent *b, GArray *equipment)
{
  return equipment == NULL && rk_event_get_program_id (a) == rk_event_get_program_id (b) &&
         same_text (rk_event_get_title (a), rk_event_get_title (b)) &&
         rk_event_get_room_id (a) == rk_event_get_room_id (b) &&
         rk_event_get_capacity (a) == rk_event_get_capacity (b) &&
         same_text (rk_event_get_notes (a), rk_event_get_notes (b)) &&
         rk_event_get_tentative (a) == rk_event_get_tentative (b) &&
         rk_event_get_all_day (a) == rk_event_get_all_day (b) &&
         same_text (rk_event_get_rrule (a), rk_event_get_rrule (b)) &&
         same_text (rk_event_get_on_holiday (a), rk_event_get_on_holiday (b));
}

static GArray *
event_equipment (RkStore *store, gint64 event_id, GError **error)
{
  g_autoptr(RkSchedule) all = NULL;
  RkSEvent *se;
  RkEvent *ev = rk_store_get_event (store, event_id, error);
  RkMinute start;
  GArray *out;

  if (ev == NULL)
    return NULL;
  rk_time_parse (rk_event_get_start (ev), &start);
  g_object_unref (ev);
  all = rk_store_load_schedule (store, rk_minute_day (start), rk_minute_day (start), error);
  if (all == NULL)
    return NULL;
  se = rk_schedule_event (all, event_id);
  out = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (se)
    g_array_append_vals (out, se->equipment->data, se->equipment->len);
  return out;
}

static RkEvent *
copy_event (RkEvent *src)
{
  RkEvent *e = rk_event_new ();

  g_object_set (e, "program-id", rk_event_get_program_id (src), "title", rk_event_get_title (src),
                "start", rk_event_get_start (src), "end", rk_event_get_end (src), "room-id",
                rk_event_get_room_id (src), "capacity", rk_event_get_capacity (src), "notes",
                rk_event_get_notes (src), "rrule", rk_event_get_rrule (src), "on-holiday",
                rk_event_get_on_holiday (src), "tentative", rk_event_get_tentative (src),
                "all-day", rk_event_get_all_day (src), NULL);
  return e;
}

/* The staff on one occurrence become the staff of the new single event. */
static gboolean
carry_occurrence_staff (RkStore *store, gint64 from_event, RkDay occ_date, gint64 to_event,
                        GError **error)
{
  g_autoptr(RkSchedule) s = rk_store_load_schedule (store, occ_date, occ_date, error);
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RkSEvent *se;
  const RkOcc *o;

  if (s == NULL)
    return FALSE;
  se = rk_schedule_event (s, from_event);
  if (se == NULL)
    return TRUE;
  occs = rk_event_expand (s, se, occ_date > 31 ? occ_date - 31 : 1, occ_date + 31, NULL);
  o = rk_occ_find (occs, from_event, occ_date);
  if (o == NULL)
    return TRUE;
  rk_occ_staff (o, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 staff = g_array_index (ids, gint64, i);
      if (!rk_store_assign (store, to_event, staff, 0, rk_occ_staff_tentative (o, staff), error))
        return FALSE;
    }
  return TRUE;
}

gint64
rk_series_edit (RkStore *store, gint64 event_id, RkDay occ_date, RkEditScope scope,
                RkEvent *edited, GArray *equipment, GPtrArray *report, GError **error)
{
  g_autoptr(RkEvent) orig = rk_store_get_event (store, event_id, error);
  gboolean series;
  RkMinute new_start, new_end;

  if (orig == NULL)
    return 0;
  if (!rk_time_parse (rk_event_get_start (edited), &new_start) ||
      !rk_time_parse (rk_event_get_end (edited), &new_end))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Event times must be written YYYY-MM-DDTHH:MM, for example 2026-12-06T10:00"));
      return 0;
    }
  series = rk_event_get_rrule (orig) && *rk_event_get_rrule (orig);

  if (scope != RK_SCOPE_ALL && occ_date == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Say which occurrence with --date DATE for the scopes “this” and “following”"));
      return 0;
    }
  if (!series && scope == RK_SCOPE_FOLLOWING)
    scope = RK_SCOPE_ALL;
  if (scope == RK_SCOPE_FOLLOWING && count_before (orig, occ_date) == 0)
    /* Split at the first occurrence: nothing stays behind. */
    scope = RK_SCOPE_ALL;
  if (scope == RK_SCOPE_THIS && !series)
    scope = RK_SCOPE_ALL;

  if (scope == RK_SCOPE_ALL)
    {
      rk_event_set_id (edited, event_id);
      rk_event_set_version (edited, rk_event_get_version (orig));
      rk_event_set_uid (edited, rk_event_get_uid (orig));
      if (!rk_store_update_event (store, edited, error))
        return 0;
      if (equipment && !rk_store_set_event_equipment (store, event_id, equipment, error))
        return 0;
      return drop_stray_rows (store, event_id, report, error) ? event_id : 0;
    }

  if (scope == RK_SCOPE_THIS)
    {
      RkMinute rule_start, orig_start;

      rk_time_parse (rk_event_get_start (orig), &orig_start);
      rule_start = rk_minute_make (occ_date, rk_minute_of_day (orig_start));
      if (only_time_changed (orig, edited, equipment))
        {
          RkMinute orig_end;

          rk_time_parse (rk_event_get_end (orig), &orig_end);
          if (new_start == rule_start && new_end - new_start == orig_end - orig_start)
            return rk_store_delete_exception (store, event_id, occ_date, error) ? event_id : 0;
          return rk_store_set_exception (store, event_id, occ_date, RK_EXCEPTION_MOVED, new_start,
                                         new_end, RK_REASON_CHANGED_FOR_DAY, error)
                   ? event_id
                   : 0;
        }
      else
        {
          /* Other fields than time: the occurrence leaves the series as an
           * event of its own, with its staff and equipment. */
          g_autoptr(RkEvent) single = copy_event (edited);
          g_autoptr(GArray) items = equipment ? g_array_ref (equipment)
                                              : event_equipment (store, event_id, error);
          g_autofree char *reason = NULL;
          gint64 id;

          if (items == NULL)
            return 0;
          rk_event_set_rrule (single, NULL);
          id = rk_store_add_event (store, single, items, error);
          if (id == 0 || !carry_occurrence_staff (store, event_id, occ_date, id, error) ||
              !rk_store_delete_occurrence_assignments (store, event_id, occ_date, error))
            return 0;
          reason = rk_reason_replaced_by (id);
          if (!rk_store_set_exception (store, event_id, occ_date, RK_EXCEPTION_CANCELLED, 0, 0,
                                       reason, error))
            return 0;
          return id;
        }
    }

  /* FOLLOWING: the old series ends the day before; a new one starts here
   * with the staff, exceptions and one-occurrence staff from here on. */
  {
    g_autoptr(RkEvent) tail = copy_event (edited);
    g_autoptr(GArray) items = equipment ? g_array_ref (equipment)
                                        : event_equipment (store, event_id, error);
    g_autofree char *head_rule = NULL;
    const char *orig_rule = rk_event_get_rrule (orig);
    gint64 id;

    if (items == NULL)
      return 0;
    if (same_text (rk_event_get_rrule (edited), orig_rule))
      {
        int count = rk_rrule_get_count (orig_rule);

        if (count > 0)
          {
            g_autofree char *rule = rk_rrule_with_count (orig_rule,
                                                         MAX (1, count - count_before (orig, occ_date)));
            rk_event_set_rrule (tail, rule);
          }
      }
    head_rule = rk_rrule_with_until (orig_rule, occ_date - 1);
    rk_event_set_rrule (orig, head_rule);
    if (!rk_store_update_event (store, orig, error))
      return 0;
    id = rk_store_add_event (store, tail, items, error);
    if (id == 0 || !rk_store_copy_assignments (store, event_id, id, 0, error) ||
        !rk_store_move_occurrence_rows (store, event_id, id, occ_date, error) ||
        !drop_stray_rows (store, id, report, error))
      return 0;
    return id;
  }
}

/* The event and its occurrence on date, refused when that is cancelled
 * (refusal: the message, or NULL to allow cancelled ones). */
static RkEvent *
event_and_occurrence (RkStore *store, gint64 event_id, RkDay date, RkOcc *occ,
                      const char *refusal, GError **error)
{
  g_autoptr(RkEvent) ev = rk_store_get_event (store, event_id, error);

  if (ev == NULL || !rk_series_find_occurrence (store, event_id, date, occ, error))
    return NULL;
  if (refusal && occ->status == RK_OCC_CANCELLED)
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID, refusal);
      return NULL;
    }
  return g_steal_pointer (&ev);
}

static gboolean
event_times (RkEvent *ev, RkMinute *start, RkMinute *end, GError **error)
{
  if (rk_time_parse (rk_event_get_start (ev), start) && rk_time_parse (rk_event_get_end (ev), end))
    return TRUE;
  g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("The event has unreadable times"));
  return FALSE;
}

gboolean
rk_series_move (RkStore *store, gint64 event_id, RkDay date, RkMinute to, RkEditScope scope,
                const char *reason, GPtrArray *report, GError **error)
{
  g_autoptr(RkEvent) ev = NULL;
  RkMinute start, end, rule_start, delta;
  RkOcc occ;

  ev = event_and_occurrence (store, event_id, date, &occ,
                             _("That occurrence is cancelled; it cannot be moved"), error);
  if (ev == NULL || !event_times (ev, &start, &end, error))
    return FALSE;
  rule_start = rk_minute_make (occ.orig_date, rk_minute_of_day (start));

  if (scope == RK_SCOPE_FOLLOWING)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Move one occurrence or the whole series; to change this and the "
                     "following occurrences, edit them with the scope “following”"));
      return FALSE;
    }
  if (scope == RK_SCOPE_THIS)
    {
      if (to == rule_start)
        /* Back where the rule puts it: no exception is needed any more. */
        return rk_store_delete_exception (store, event_id, occ.orig_date, error);
      return rk_store_set_exception (store, event_id, occ.orig_date, RK_EXCEPTION_MOVED, to,
                                     to + (end - start), reason, error);
    }

  /* The whole series by as much as this occurrence moves; a rule of one
   * weekday (or day of the month) follows the day it lands on. */
  delta = to - occ.start;
  if (delta == 0)
    return TRUE;
  {
    g_autofree char *s = rk_time_format (start + delta);
    g_autofree char *e = rk_time_format (end + delta);
    const char *rrule = rk_event_get_rrule (ev);

    rk_event_set_start (ev, s);
    rk_event_set_end (ev, e);
    if (rrule && *rrule)
      {
        g_autofree char *moved = rk_rrule_moved_to (rrule, rk_minute_day (to));

        rk_event_set_rrule (ev, moved);
      }
  }
  return rk_series_edit (store, event_id, 0, RK_SCOPE_ALL, ev, NULL, report, error) != 0;
}

gint64
rk_series_cancel (RkStore *store, gint64 event_id, RkDay date, RkEditScope scope,
                  const char *reason, GPtrArray *report, GError **error)
{
  g_autoptr(RkEvent) ev = NULL;
  RkMinute start, end;
  RkOcc occ;
  gint64 id;

  if (scope == RK_SCOPE_ALL)
    {
      g_autoptr(RkSchedule) s = NULL;
      RkSEvent *se;

      ev = rk_store_get_event (store, event_id, error);
      if (ev == NULL || !event_times (ev, &start, &end, error))
        return 0;
      s = rk_store_load_schedule (store, rk_minute_day (start), rk_minute_day (start), error);
      if (s == NULL)
        return 0;
      se = rk_schedule_event (s, event_id);
      if (se && se->cancelled)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Event %" PRId64 " is already cancelled; nothing to do"), event_id);
          return 0;
        }
      return rk_store_set_event_cancelled (store, event_id, TRUE, error) ? event_id : 0;
    }
  if (scope == RK_SCOPE_THIS)
    {
      ev = event_and_occurrence (store, event_id, date, &occ,
                                 _("That occurrence is already cancelled; nothing to do"), error);
      if (ev == NULL)
        return 0;
      return rk_store_set_exception (store, event_id, occ.orig_date, RK_EXCEPTION_CANCELLED, 0, 0,
                                     reason, error)
               ? event_id
               : 0;
    }

  /* This and the following: the series splits where this occurrence is in
   * its rule, and the later part is cancelled as a whole, so it stays
   * visible as cancelled. */
  ev = event_and_occurrence (store, event_id, date, &occ, NULL, error);
  if (ev == NULL || !event_times (ev, &start, &end, error))
    return 0;
  {
    g_autofree char *s = rk_time_format (rk_minute_make (occ.orig_date, rk_minute_of_day (start)));
    g_autofree char *e = rk_time_format (rk_minute_make (occ.orig_date, rk_minute_of_day (start)) +
                                         (end - start));

    rk_event_set_start (ev, s);
    rk_event_set_end (ev, e);
  }
  id = rk_series_edit (store, event_id, occ.orig_date, RK_SCOPE_FOLLOWING, ev, NULL, report, error);
  if (id == 0 || !rk_store_set_event_cancelled (store, id, TRUE, error))
    return 0;
  return id;
}

/* ---- the same in memory, for the editor's live check -------------------- */

void
rk_series_draft_occurrence (RkSEvent *se,
                            RkDay     orig_date,
                            RkMinute  start,
                            RkMinute  end,
                            GArray   *staff)
{
  RkSException x = { 0 };
  RkMinute rule_start = rk_minute_make (orig_date, rk_minute_of_day (se->start));
  gboolean found = FALSE;
  GArray *as = se->assigns;

  for (guint i = 0; i < se->exceptions->len; i++)
    {
      RkSException *e = &g_array_index (se->exceptions, RkSException, i);

      if (e->occ_date == orig_date)
        {
          found = TRUE;
          e->kind = RK_EXCEPTION_MOVED;
          e->start = start;
          e->end = end;
        }
    }
  if (!found && (start != rule_start || end - start != se->end - se->start))
    {
      guint at = 0;

      x.occ_date = orig_date;
      x.kind = RK_EXCEPTION_MOVED;
      x.start = start;
      x.end = end;
      while (at < se->exceptions->len &&
             g_array_index (se->exceptions, RkSException, at).occ_date < x.occ_date)
        at++;
      g_array_insert_val (se->exceptions, at, x);
    }
  /* Staff of this date: exclusions and one-date rows against the series. */
  for (guint i = as->len; i-- > 0;)
    if (g_array_index (as, RkSAssign, i).occ_date == orig_date)
      g_array_remove_index (as, i);
  for (guint i = 0, n = as->len; i < n; i++)
    {
      RkSAssign a = g_array_index (as, RkSAssign, i);

      if (a.occ_date == 0 && !a.excluded && !rk_ids_contain (staff, a.staff_id))
        {
          a.occ_date = orig_date;
          a.excluded = TRUE;
          g_array_append_val (as, a);
        }
    }
  for (guint i = 0; i < staff->len; i++)
    {
      gint64 id = g_array_index (staff, gint64, i);
      gboolean on_series = FALSE;

      for (guint j = 0; j < as->len; j++)
        {
          const RkSAssign *a = &g_array_index (as, RkSAssign, j);
          if (a->staff_id == id && a->occ_date == 0 && !a->excluded)
            on_series = TRUE;
        }
      if (!on_series)
        g_array_append_val (as, ((RkSAssign) { id, orig_date, FALSE, FALSE }));
    }
}

void
rk_series_draft_staff (RkSEvent *se,
                       GArray   *staff)
{
  for (guint i = se->assigns->len; i-- > 0;)
    if (g_array_index (se->assigns, RkSAssign, i).occ_date == 0)
      g_array_remove_index (se->assigns, i);
  for (guint i = 0; i < staff->len; i++)
    g_array_append_val (se->assigns,
                        ((RkSAssign) { g_array_index (staff, gint64, i), 0, FALSE, FALSE }));
}
