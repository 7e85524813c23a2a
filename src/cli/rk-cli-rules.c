#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rk-cli-private.h"
#include "rk-holidays.h"

/* ---- check -------------------------------------------------------------- */

static void
problem_to_json (JsonBuilder *b, RkProblem *p)
{
  const GArray *ids = rk_problem_get_event_ids (p);
  const char *kind = rk_problem_get_kind (p);

  json_builder_begin_object (b);
  rk_json_add_string (b, "kind", kind);
  rk_json_add_string (b, "date", rk_problem_get_date (p));
  json_builder_set_member_name (b, "event_ids");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (b, g_array_index (ids, gint64, i));
  json_builder_end_array (b);
  if (rk_problem_get_staff_id (p) > 0)
    rk_json_add_id (b, "staff_id", rk_problem_get_staff_id (p));
  if (rk_problem_get_room_id (p) > 0)
    rk_json_add_id (b, "room_id", rk_problem_get_room_id (p));
  if (rk_problem_get_equipment_id (p) > 0)
    rk_json_add_id (b, "equipment_id", rk_problem_get_equipment_id (p));
  if (rk_problem_get_role (p))
    {
      rk_json_add_string (b, "role", rk_problem_get_role (p));
      json_builder_set_member_name (b, "needed");
      json_builder_add_int_value (b, rk_problem_get_needed (p));
      json_builder_set_member_name (b, "assigned");
      json_builder_add_int_value (b, rk_problem_get_assigned (p));
    }
  rk_json_add_string (b, "message", rk_problem_get_message (p));
  json_builder_end_object (b);
}

int
rk_cmd_check (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RkDay from, to, lo, hi;

  if (store == NULL || !rk_args_range (args, store, &from, &to, &error))
    return rk_cli_fail (error);
  /* a day either side: travel gaps reach over midnight */
  schedule = rk_store_load_view (store, from - 1, to + 1, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  /* the staff's limits count whole months and weeks */
  if (rk_check_range (schedule, from, to, &lo, &hi))
    {
      rk_schedule_free (schedule);
      schedule = rk_store_load_view (store, lo - 1, hi + 1, &error);
      if (schedule == NULL)
        return rk_cli_fail (error);
    }
  occs = rk_schedule_expand (schedule, lo - 1, hi + 1, &error);
  problems = rk_check (schedule, occs, from, to, rk_store_today (store));

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < problems->len; i++)
        problem_to_json (b, g_ptr_array_index (problems, i));
      json_builder_end_array (b);
      rk_cli_print_builder (b);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        {
          RkProblem *p = g_ptr_array_index (problems, i);
          g_print ("%s\t%s\t%s\n", rk_problem_get_date (p), rk_problem_get_kind (p),
                   rk_problem_get_message (p));
        }
      if (problems->len == 0)
        g_print ("%s\n", _("No problems found."));
    }
  return problems->len ? RK_EXIT_PROBLEMS : RK_EXIT_OK;
}

/* ---- suggest ------------------------------------------------------------ */

int
rk_cmd_suggest (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkEvent) ev = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) out = NULL;
  const RkOcc *occ = NULL;
  gint64 event_id;
  RkDay date = 0, wanted, first, last;
  RkSEvent *se;
  int role = -1, y, m;
  char d[11];

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "EVENT_ID", &event_id, &error) ||
      !rk_args_date (args, "date", FALSE, &date, &error))
    return rk_cli_fail (error);
  /* as given: the original date of the occurrence or the day it is on now */
  wanted = date;
  if (rk_args_has (args, "role"))
    {
      role = rk_role_from_token (rk_args_get (args, "role"));
      if (role < 0)
        return rk_cli_input_error (_("Unknown role “%s”; use one of: %s"), rk_args_get (args, "role"),
                                   rk_role_tokens ());
    }
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  ev = rk_store_get_event (store, event_id, &error);
  if (ev == NULL)
    return rk_cli_fail (error);

  if (date == 0)
    {
      /* The next occurrence from today, else the first one. */
      RkMinute start;
      RkDay today = rk_store_today (store);
      g_autoptr(RkSchedule) probe = NULL;
      g_autoptr(GArray) found = NULL;

      rk_time_parse (rk_event_get_start (ev), &start);
      date = MAX (today, rk_minute_day (start));
      probe = rk_store_load_schedule (store, date, date + 400, &error);
      se = probe ? rk_schedule_event (probe, event_id) : NULL;
      found = se ? rk_event_expand (probe, se, date, date + 400, NULL) : NULL;
      for (guint i = 0; found && i < found->len && date; i++)
        if (rk_occ_is_active (&g_array_index (found, RkOcc, i)))
          {
            date = rk_occ_day (&g_array_index (found, RkOcc, i));
            break;
          }
      if (found == NULL || found->len == 0)
        date = rk_minute_day (start);
      wanted = date;
    }
  else
    {
      /* An occurrence moved by hand far from its original date is expanded
       * only in ranges around the day it now falls on: look there. */
      /* a failed probe is reported by the load below */
      g_autoptr(RkSchedule) probe = rk_store_load_schedule (store, date, date, NULL);
      RkSEvent *pe = probe ? rk_schedule_event (probe, event_id) : NULL;
      const RkSException *x = pe ? rk_sevent_exception (pe, date) : NULL;

      if (x && x->kind == RK_EXCEPTION_MOVED)
        date = rk_minute_day (x->start);
    }

  rk_day_to_ymd (date, &y, &m, NULL);
  first = rk_day_from_ymd (y, m, 1);
  last = first + rk_days_in_month (y, m) - 1;
  first = MIN (first, date > 31 ? date - 31 : 1);
  last = MAX (last, date + 31);
  schedule = rk_store_load_view (store, first, last, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  occs = rk_schedule_expand (schedule, first, last, &error);
  occ = rk_occ_find (occs, event_id, wanted);
  if (occ == NULL || !rk_occ_is_active (occ))
    return rk_cli_input_error (_("Event %" PRId64 " has no occurrence taking place on %s; "
                                 "see “renkei-cli event list”"),
                               event_id, rk_date_format_buf (wanted, d));
  out = rk_suggest (schedule, occs, occ, role);

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < out->len; i++)
        {
          const RkSuggestion *s = &g_array_index (out, RkSuggestion, i);
          RkSStaff *st = rk_schedule_staff (schedule, s->staff_id);

          json_builder_begin_object (b);
          rk_json_add_id (b, "staff_id", s->staff_id);
          rk_json_add_string (b, "name", st->name);
          rk_json_add_string (b, "role", rk_role_to_token (s->role));
          json_builder_set_member_name (b, "assignments_this_month");
          json_builder_add_int_value (b, s->assignments_this_month);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < out->len; i++)
    {
      const RkSuggestion *s = &g_array_index (out, RkSuggestion, i);
      RkSStaff *st = rk_schedule_staff (schedule, s->staff_id);

      g_print (_("%" PRId64 "\t%s\t%s\t%d this month\n"), s->staff_id, st->name,
               rk_role_label (s->role), s->assignments_this_month);
    }
  if (out->len == 0)
    g_print ("%s\n", _("Nobody of the needed roles is free then."));
  return RK_EXIT_OK;
}

/* ---- staff schedule ----------------------------------------------------- */

int
rk_cmd_staff_schedule (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkStaff) staff = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean json = rk_args_has (args, "json");
  gint64 staff_id;
  int y, m;
  RkDay first, last;

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "STAFF_ID", &staff_id, &error))
    return rk_cli_fail (error);
  if (!rk_args_has (args, "month"))
    return rk_cli_input_error (_("--month is required"));
  if (!rk_month_parse (rk_args_get (args, "month"), &y, &m))
    return rk_cli_input_error (_("--month must be written YYYY-MM, for example 2026-12, not “%s”"),
                               rk_args_get (args, "month"));
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  staff = rk_store_get_staff (store, staff_id, &error);
  if (staff == NULL)
    return rk_cli_fail (error);
  first = rk_day_from_ymd (y, m, 1);
  last = first + rk_days_in_month (y, m) - 1;
  schedule = rk_store_load_schedule (store, first, last, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  occs = rk_schedule_expand (schedule, first, last, &error);

  json_builder_begin_array (b);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkSVenue *venue = rk_sevent_venue (o->event);
      gboolean on = FALSE;
      char a[17], z[17];

      if (!rk_occ_is_active (o))
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        on = on || g_array_index (ids, gint64, j) == staff_id;
      if (!on)
        continue;
      rk_time_format_buf (o->start, a);
      rk_time_format_buf (o->end, z);
      if (json)
        {
          json_builder_begin_object (b);
          rk_json_add_id (b, "event_id", o->event->id);
          a[10] = '\0';
          rk_json_add_string (b, "date", a);
          a[10] = 'T';
          rk_json_add_string (b, "start", a);
          rk_json_add_string (b, "end", z);
          rk_json_add_string (b, "title", rk_sevent_title (o->event));
          rk_json_add_string (b, "room", o->event->room ? o->event->room->name : NULL);
          rk_json_add_id (b, "room_id", o->event->room ? o->event->room->id : 0);
          rk_json_add_string (b, "venue", venue ? venue->name : NULL);
          rk_json_add_id (b, "venue_id", venue ? venue->id : 0);
          rk_json_add_string (b, "status", rk_occ_status_token (o->status));
          json_builder_set_member_name (b, "tentative");
          json_builder_add_boolean_value (b, rk_occ_staff_tentative (o, staff_id));
          json_builder_end_object (b);
        }
      else
        g_print ("%.10s\t%s-%s\t%" PRId64 "\t%s\t%s %s\n", a, a + 11, z + 11, o->event->id,
                 rk_sevent_title (o->event), venue ? venue->name : "",
                 o->event->room ? o->event->room->name : "");
    }
  json_builder_end_array (b);
  if (json)
    {
      rk_cli_print_builder (b);
    }
  return RK_EXIT_OK;
}

/* ---- holidays ----------------------------------------------------------- */

int
rk_cmd_holidays (RkArgs *args)
{
  const char *text = g_ptr_array_index (args->pos, 0);
  const GArray *list;
  char *end = NULL;
  gint64 year = g_ascii_strtoll (text, &end, 10);

  if (*text == '\0' || *end != '\0' || year < RK_HOLIDAYS_FIRST_YEAR || year > RK_HOLIDAYS_LAST_YEAR)
    return rk_cli_input_error (_("YEAR must be a year from %d to %d (the Act on National Holidays "
                                 "dates from 1948), not “%s”"),
                               RK_HOLIDAYS_FIRST_YEAR, RK_HOLIDAYS_LAST_YEAR, text);
  list = rk_holidays_for_year ((int) year);

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          const RkHoliday *h = &g_array_index (list, RkHoliday, i);
          char date[11];

          g_snprintf (date, sizeof date, "%04d-%02d-%02d", h->year, h->month, h->day);
          json_builder_begin_object (b);
          rk_json_add_string (b, "date", date);
          rk_json_add_string (b, "name_ja", h->name_ja);
          rk_json_add_string (b, "name_en", h->name_en);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < list->len; i++)
    {
      const RkHoliday *h = &g_array_index (list, RkHoliday, i);

      g_print ("%04d-%02d-%02d\t%s\t%s\n", h->year, h->month, h->day, h->name_ja, h->name_en);
    }
  return RK_EXIT_OK;
}
