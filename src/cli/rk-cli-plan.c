#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rk-availability.h"
#include "rk-cli-private.h"
#include "rk-findtime.h"
#include "rk-series.h"

const RkFlag rk_event_edit_flags[] = {
  { "date", RK_FLAG_VALUE }, { "scope", RK_FLAG_VALUE },
  { "program", RK_FLAG_VALUE }, { "title", RK_FLAG_VALUE }, { "start", RK_FLAG_VALUE },
  { "end", RK_FLAG_VALUE }, { "room", RK_FLAG_VALUE }, { "capacity", RK_FLAG_VALUE },
  { "repeat", RK_FLAG_VALUE }, { "no-repeat", RK_FLAG_BOOL }, { "skip-holidays", RK_FLAG_BOOL },
  { "on-holiday", RK_FLAG_VALUE }, { "equipment", RK_FLAG_VALUE }, { "notes", RK_FLAG_VALUE },
  { "tentative", RK_FLAG_BOOL }, { "all-day", RK_FLAG_BOOL }, { NULL }
};

const RkFlag rk_find_time_flags[] = {
  { "duration", RK_FLAG_VALUE }, { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE },
  { "program", RK_FLAG_VALUE }, { "requires", RK_FLAG_VALUE }, { "room", RK_FLAG_VALUE },
  { "venue", RK_FLAG_VALUE }, { "equipment", RK_FLAG_VALUE }, { "weekday", RK_FLAG_VALUE },
  { "between", RK_FLAG_VALUE }, { "capacity", RK_FLAG_VALUE }, { "limit", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};

/* ---- event edit --------------------------------------------------------- */

typedef struct
{
  RkArgs      *args;
  gint64       event_id;
  RkDay        date;
  RkEditScope  scope;
  GArray      *equipment;
  GPtrArray   *report;
  gint64       result;
} EditOp;

static gboolean
edit_tx (RkStore *store, gpointer data, GError **error)
{
  EditOp *op = data;
  RkArgs *args = op->args;
  g_autoptr(RkEvent) edited = rk_store_get_event (store, op->event_id, error);
  RkMinute start, end, series_start, series_end;
  RkMinute occ_start = 0;

  if (edited == NULL)
    return FALSE;
  rk_time_parse (rk_event_get_start (edited), &series_start);
  rk_time_parse (rk_event_get_end (edited), &series_end);

  /* For one occurrence, the times to start from are that occurrence's. */
  if (op->date)
    {
      RkOcc o;

      if (!rk_series_find_occurrence (store, op->event_id, op->date, &o, error))
        return FALSE;
      op->date = o.orig_date;
      occ_start = op->scope == RK_SCOPE_THIS ? o.start
                                             : rk_minute_make (o.orig_date,
                                                               rk_minute_of_day (series_start));
    }

  if (!rk_cli_event_fields (args, edited, error))
    return FALSE;
  if (rk_args_has (args, "no-repeat"))
    rk_event_set_rrule (edited, NULL);

  /* Times not given keep the occurrence's (or series') start and duration. */
  start = occ_start && op->scope != RK_SCOPE_ALL ? occ_start : series_start;
  if (rk_args_has (args, "start"))
    rk_cli_event_time (args, "start", rk_event_get_all_day (edited), FALSE, &start, NULL);
  if (rk_args_has (args, "end"))
    rk_cli_event_time (args, "end", rk_event_get_all_day (edited), FALSE, &end, NULL);
  else
    end = start + (series_end - series_start);
  if (rk_event_get_all_day (edited))
    {
      /* Whole days: from the first day's midnight to the one after the last. */
      RkDay last = rk_minute_day (MAX (end, start + 1) - 1);

      start = rk_minute_make (rk_minute_day (start), 0);
      end = rk_minute_make (last + 1, 0);
    }
  if (end <= start)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The end must be after the start; give --end after --start"));
      return FALSE;
    }
  {
    g_autofree char *a = rk_time_format (start);
    g_autofree char *z = rk_time_format (end);
    rk_event_set_start (edited, a);
    rk_event_set_end (edited, z);
  }
  op->result = rk_series_edit (store, op->event_id, op->date, op->scope, edited, op->equipment,
                               op->report, error);
  return op->result != 0;
}

static gboolean
text_is_blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

int
rk_cmd_event_edit (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GArray) equipment = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RkEvent) probe = rk_event_new ();
  EditOp op = { args };
  int scope;

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "EVENT_ID", &op.event_id, &error) ||
      !rk_args_date (args, "date", FALSE, &op.date, &error) ||
      !rk_args_id_list (args, "equipment", &equipment, &error) ||
      /* validates every field flag before the database is opened */
      !rk_cli_event_fields (args, probe, &error))
    return rk_cli_fail (error);
  scope = rk_args_has (args, "scope") ? rk_scope_from_token (rk_args_get (args, "scope"))
          : op.date                   ? RK_SCOPE_THIS
                                      : RK_SCOPE_ALL;
  if (scope < 0)
    return rk_cli_input_error (_("--scope must be this, following or all, not “%s”"),
                               rk_args_get (args, "scope"));
  if (scope != RK_SCOPE_ALL && op.date == 0)
    return rk_cli_input_error (_("--scope %s needs --date DATE to say which occurrence"),
                               rk_args_get (args, "scope"));
  if (rk_args_has (args, "repeat") && rk_args_has (args, "no-repeat"))
    return rk_cli_input_error (_("--repeat and --no-repeat contradict each other; give one"));
  /* An empty rule would quietly make a series a single event. */
  if (rk_args_has (args, "repeat") && text_is_blank (rk_args_get (args, "repeat")))
    return rk_cli_input_error (_("--repeat needs a rule, for example FREQ=WEEKLY;BYDAY=TU; "
                                 "to make a series a single event, give --no-repeat"));
  op.scope = scope;
  op.equipment = equipment;
  op.report = report;

  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, edit_tx, &op, &error))
    return rk_cli_fail (error);
  for (guint i = 0; i < report->len; i++)
    g_printerr ("renkei-cli: %s\n", (char *) g_ptr_array_index (report, i));
  /* The event now holding the edited occurrence(s): new for a split. */
  g_print ("%" PRId64 "\n", op.result);
  return RK_EXIT_OK;
}

/* ---- find-time ---------------------------------------------------------- */

int
rk_cmd_find_time (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) equipment = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  RkFindTimeQuery q;
  gint64 program_id = 0;
  int limit = 20;

  rk_find_time_query_init (&q);
  if (!rk_args_int (args, "duration", TRUE, 5, 24 * 60, &q.duration, &error) ||
      !rk_args_date (args, "from", TRUE, &q.from, &error) ||
      !rk_args_date (args, "to", TRUE, &q.to, &error) ||
      !rk_args_id (args, "program", FALSE, &program_id, &error) ||
      !rk_args_id (args, "room", FALSE, &q.room_id, &error) ||
      !rk_args_id (args, "venue", FALSE, &q.venue_id, &error) ||
      !rk_args_id_list (args, "equipment", &equipment, &error) ||
      !rk_args_int (args, "capacity", FALSE, 0, 100000, &q.capacity, &error) ||
      !rk_args_int (args, "limit", FALSE, 1, 1000, &limit, &error))
    return rk_cli_fail (error);
  q.limit = (guint) limit;
  q.equipment = equipment;
  if (q.from > q.to)
    return rk_cli_input_error (_("--from (%s) is after --to (%s); give the earlier date first"),
                               rk_args_get (args, "from"), rk_args_get (args, "to"));
  if (q.to - q.from > 366)
    return rk_cli_input_error (_("Search at most a year at a time; narrow --from and --to"));
  if (program_id && rk_args_has (args, "requires"))
    return rk_cli_input_error (_("Give --program or --requires, not both"));
  if (q.room_id && q.venue_id)
    return rk_cli_input_error (_("Give --room or --venue, not both"));
  if (rk_args_has (args, "requires") &&
      !rk_requirements_parse (rk_args_get (args, "requires"), q.required, &error))
    return rk_cli_fail (error);
  if (rk_args_has (args, "weekday") && !rk_weekdays_parse (rk_args_get (args, "weekday"), &q.weekdays, &error))
    return rk_cli_fail (error);
  if (rk_args_has (args, "between") &&
      !rk_clock_range_parse (rk_args_get (args, "between"), &q.day_start, &q.day_end, &error))
    return rk_cli_fail (error);

  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (program_id)
    {
      g_autoptr(RkProgram) p = rk_store_get_program (store, program_id, &error);
      if (p == NULL || !rk_requirements_parse (rk_program_get_requirements (p), q.required, &error))
        return rk_cli_fail (error);
    }
  if (q.room_id)
    {
      g_autoptr(RkRoom) r = rk_store_get_room (store, q.room_id, &error);
      if (r == NULL)
        return rk_cli_fail (error);
    }
  if (q.venue_id)
    {
      g_autoptr(RkVenue) v = rk_store_get_venue (store, q.venue_id, &error);
      if (v == NULL)
        return rk_cli_fail (error);
    }
  for (guint i = 0; equipment && i < equipment->len; i++)
    {
      g_autoptr(RkEquipment) e = rk_store_get_equipment (store, g_array_index (equipment, gint64, i),
                                                         &error);
      if (e == NULL)
        return rk_cli_fail (error);
    }

  schedule = rk_store_load_view (store, q.from - 1, q.to + 1, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  occs = rk_schedule_expand (schedule, q.from - 1, q.to + 1, &error);
  slots = rk_find_time (schedule, occs, &q);

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < slots->len; i++)
        {
          RkSlot *s = g_ptr_array_index (slots, i);
          char buf[17];

          json_builder_begin_object (b);
          rk_json_add_string (b, "date", rk_date_format_buf (rk_minute_day (s->start), buf));
          rk_json_add_string (b, "start", rk_time_format_buf (s->start, buf));
          rk_json_add_string (b, "end", rk_time_format_buf (s->end, buf));
          rk_json_add_id (b, "room_id", s->room ? s->room->id : 0);
          rk_json_add_string (b, "room", s->room ? s->room->name : NULL);
          rk_json_add_id (b, "venue_id", s->room && s->room->venue ? s->room->venue->id : 0);
          rk_json_add_string (b, "venue", s->room && s->room->venue ? s->room->venue->name : NULL);
          json_builder_set_member_name (b, "staff");
          json_builder_begin_object (b);
          for (int r = 0; r < RK_N_ROLES; r++)
            {
              if (s->staff[r] == NULL)
                continue;
              json_builder_set_member_name (b, rk_role_to_token (r));
              json_builder_begin_array (b);
              for (guint j = 0; j < s->staff[r]->len; j++)
                {
                  RkSStaff *st = rk_schedule_staff (schedule, g_array_index (s->staff[r], gint64, j));
                  json_builder_begin_object (b);
                  rk_json_add_id (b, "staff_id", st->id);
                  rk_json_add_string (b, "name", st->name);
                  json_builder_end_object (b);
                }
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }

  for (guint i = 0; i < slots->len; i++)
    {
      RkSlot *s = g_ptr_array_index (slots, i);
      g_autoptr(GString) who = g_string_new (NULL);
      char a[17], z[17];

      for (int r = 0; r < RK_N_ROLES; r++)
        {
          if (s->staff[r] == NULL)
            continue;
          g_string_append_printf (who, "%s%s: ", who->len ? "; " : "", rk_role_label (r));
          for (guint j = 0; j < s->staff[r]->len; j++)
            g_string_append_printf (who, "%s%s", j ? ", " : "",
                                    rk_schedule_staff (schedule,
                                                       g_array_index (s->staff[r], gint64, j))->name);
        }
      rk_time_format_buf (s->start, a);
      rk_time_format_buf (s->end, z);
      g_print ("%.10s\t%s-%s\t%s\t%s\n", a, a + 11, z + 11,
               s->room ? s->room->name : "", who->str);
    }
  if (slots->len == 0)
    g_print ("%s\n", _("No time in that range has everything free; widen the range or the hours."));
  return RK_EXIT_OK;
}
