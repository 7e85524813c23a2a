#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "rk-availability.h"
#include "rk-cli-private.h"
#include "rk-staff-plan.h"

/* ---- staff availability ------------------------------------------------- */

const RkFlag rk_staff_availability_flags[] = {
  { "weekday", RK_FLAG_VALUE }, { "between", RK_FLAG_VALUE },
  { "max-hours-week", RK_FLAG_VALUE }, { "max-sessions-month", RK_FLAG_VALUE },
  { "clear", RK_FLAG_BOOL }, { "json", RK_FLAG_BOOL }, { NULL }
};

typedef struct
{
  RkArgs          *args;
  gint64           staff_id;
  guint8           weekdays;
  int              week_minutes;     /* -1: not given; 0: no limit */
  int              sessions;         /* -1: not given; 0: no limit */
  RkAvailability  *result;
} AvailabilityOp;

static gboolean
availability_tx (RkStore *store, gpointer data, GError **error)
{
  AvailabilityOp *op = data;
  g_autoptr(RkAvailability) a = rk_store_get_availability (store, op->staff_id, error);

  if (a == NULL)
    return FALSE;
  if (rk_args_has (op->args, "clear"))
    {
      g_array_set_size (a->windows, 0);
      a->max_week_minutes = a->max_sessions_month = 0;
    }
  if (op->weekdays &&
      !rk_availability_set_days (a, op->weekdays, rk_args_get (op->args, "between"), error))
    return FALSE;
  if (op->week_minutes >= 0)
    a->max_week_minutes = op->week_minutes;
  if (op->sessions >= 0)
    a->max_sessions_month = op->sessions;
  if (!rk_store_set_availability (store, op->staff_id, a, error))
    return FALSE;
  op->result = g_steal_pointer (&a);
  return TRUE;
}

/* "16" or "7.5" hours into minutes; 0 takes the limit away. */
static gboolean
hours_arg (RkArgs *args, int *minutes, GError **error)
{
  const char *v = rk_args_get (args, "max-hours-week");
  char *end = NULL;
  double h;

  if (v == NULL)
    return TRUE;
  h = g_ascii_strtod (v, &end);
  if (*v == '\0' || *end != '\0' || !(h >= 0) || h > 168)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--max-hours-week must be a number of hours from 0 (no limit) to 168, "
                     "for example 16 or 7.5, not “%s”"),
                   v);
      return FALSE;
    }
  *minutes = (int) lround (h * 60);
  return TRUE;
}

static void
availability_to_json (JsonBuilder *b, gint64 staff_id, const RkAvailability *a)
{
  static const char * const days[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  g_autofree char *text = rk_availability_describe (a);

  json_builder_begin_object (b);
  rk_json_add_id (b, "staff_id", staff_id);
  json_builder_set_member_name (b, "weekly");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (a->windows, RkSWindow, i);
      char t[6];

      json_builder_begin_object (b);
      rk_json_add_string (b, "weekday", days[CLAMP (w->weekday, 1, 7)]);
      g_snprintf (t, sizeof t, "%02d:%02d", w->start / 60, w->start % 60);
      rk_json_add_string (b, "start", t);
      g_snprintf (t, sizeof t, "%02d:%02d", w->end / 60, w->end % 60);
      rk_json_add_string (b, "end", t);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "max_hours_week");
  if (a->max_week_minutes > 0)
    json_builder_add_double_value (b, a->max_week_minutes / 60.0);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "max_sessions_month");
  if (a->max_sessions_month > 0)
    json_builder_add_int_value (b, a->max_sessions_month);
  else
    json_builder_add_null_value (b);
  rk_json_add_string (b, "text", text);
  json_builder_end_object (b);
}

int
rk_cmd_staff_availability (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkAvailability) shown = NULL;
  AvailabilityOp op = { args, 0, 0, -1, -1, NULL };
  gboolean change;

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "STAFF_ID", &op.staff_id, &error) ||
      !hours_arg (args, &op.week_minutes, &error) ||
      !rk_args_int (args, "max-sessions-month", FALSE, 0, 999, &op.sessions, &error))
    return rk_cli_fail (error);
  if (rk_args_has (args, "weekday") &&
      !rk_weekdays_parse (rk_args_get (args, "weekday"), &op.weekdays, &error))
    return rk_cli_fail (error);
  if (rk_args_has (args, "between") && !rk_args_has (args, "weekday"))
    return rk_cli_input_error (_("--between needs --weekday: say on which days, for example "
                                 "--weekday TU,TH --between 09:00-12:00"));
  if (rk_args_has (args, "between"))
    {
      /* Checked before the database is opened: nothing is written on bad input. */
      g_autoptr(RkAvailability) probe = rk_availability_new ();
      if (!rk_availability_set_days (probe, op.weekdays, rk_args_get (args, "between"), &error))
        return rk_cli_fail (error);
    }
  change = rk_args_has (args, "clear") || op.weekdays || op.week_minutes >= 0 || op.sessions >= 0;

  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (change)
    {
      if (!rk_cli_transaction (store, availability_tx, &op, &error))
        return rk_cli_fail (error);
      shown = op.result;
    }
  else
    {
      shown = rk_store_get_availability (store, op.staff_id, &error);
      if (shown == NULL)
        return rk_cli_fail (error);
    }

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      availability_to_json (b, op.staff_id, shown);
      return rk_cli_print_builder (b);
    }
  if (!change)
    {
      g_autofree char *text = rk_availability_describe (shown);
      g_print ("%s\n", text);
    }
  return RK_EXIT_OK;
}

/* ---- staff plan --------------------------------------------------------- */

const RkFlag rk_staff_plan_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "venue", RK_FLAG_VALUE },
  { "apply", RK_FLAG_BOOL }, { "tentative", RK_FLAG_BOOL }, { "json", RK_FLAG_BOOL }, { NULL }
};

static void
plan_to_json (JsonBuilder *b, const RkPlan *plan)
{
  char d[11];

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "proposed");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->proposed->len; i++)
    {
      const RkPlanItem *it = &g_array_index (plan->proposed, RkPlanItem, i);

      json_builder_begin_object (b);
      rk_json_add_id (b, "event_id", it->event_id);
      rk_json_add_string (b, "date", rk_date_format_buf (it->date, d));
      rk_json_add_id (b, "staff_id", it->staff_id);
      rk_json_add_string (b, "role", rk_role_to_token (it->role));
      json_builder_set_member_name (b, "wish");
      json_builder_add_boolean_value (b, it->wish);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "unfilled");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->unfilled->len; i++)
    {
      const RkPlanGap *g = &g_array_index (plan->unfilled, RkPlanGap, i);

      json_builder_begin_object (b);
      rk_json_add_id (b, "event_id", g->event_id);
      rk_json_add_string (b, "date", rk_date_format_buf (g->date, d));
      rk_json_add_string (b, "role", rk_role_to_token (g->role));
      json_builder_set_member_name (b, "missing");
      json_builder_add_int_value (b, g->missing);
      json_builder_set_member_name (b, "below_minimum");
      json_builder_add_int_value (b, g->below_minimum);
      rk_json_add_string (b, "reason", g->reason);
      rk_json_add_string (b, "message", g->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "open_places");
  json_builder_add_int_value (b, plan->open_places);
  json_builder_set_member_name (b, "filled");
  json_builder_add_int_value (b, plan->filled);
  json_builder_set_member_name (b, "open_minimum");
  json_builder_add_int_value (b, plan->open_minimum);
  json_builder_set_member_name (b, "filled_minimum");
  json_builder_add_int_value (b, plan->filled_minimum);
  json_builder_end_object (b);
}

static void
plan_print (RkSchedule *schedule, const RkPlan *plan, gboolean applied)
{
  char d[11];

  for (guint i = 0; i < plan->proposed->len; i++)
    {
      const RkPlanItem *it = &g_array_index (plan->proposed, RkPlanItem, i);
      RkSEvent *e = rk_schedule_event (schedule, it->event_id);
      RkSStaff *st = rk_schedule_staff (schedule, it->staff_id);

      g_print ("%s\t%s\t%s\t%s%s\n", rk_date_format_buf (it->date, d),
               e ? rk_sevent_title (e) : "", rk_role_label (it->role), st ? st->name : "",
               it->wish ? _(" (wished for)") : "");
    }
  for (guint i = 0; i < plan->unfilled->len; i++)
    {
      const RkPlanGap *g = &g_array_index (plan->unfilled, RkPlanGap, i);
      RkSEvent *e = rk_schedule_event (schedule, g->event_id);

      g_print (_("%s\t%s\t%s\tnot filled (%d): %s\n"), rk_date_format_buf (g->date, d),
               e ? rk_sevent_title (e) : "", rk_role_label (g->role), g->missing, g->message);
    }
  if (applied)
    g_print (_("Assigned %d of %d open places.\n"), plan->filled, plan->open_places);
  else
    g_print (_("Proposed %d of %d open places; nothing is written until you run it again "
               "with --apply.\n"),
             plan->filled, plan->open_places);
}

int
rk_cmd_staff_plan (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(RkPlan) plan = NULL;
  gint64 venue_id = 0;
  gboolean apply = rk_args_has (args, "apply");
  RkDay from, to, lo = 0, hi = 0;

  if (!rk_args_date (args, "from", TRUE, &from, &error) ||
      !rk_args_date (args, "to", TRUE, &to, &error) ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error))
    return rk_cli_fail (error);
  if (from > to)
    return rk_cli_input_error (_("--from (%s) is after --to (%s); give the earlier date first"),
                               rk_args_get (args, "from"), rk_args_get (args, "to"));
  if (to - from > 366)
    return rk_cli_input_error (_("Plan at most a year at a time; narrow --from and --to"));
  if (rk_args_has (args, "tentative") && !rk_args_has (args, "apply"))
    return rk_cli_input_error (_("--tentative says how --apply writes the plan; give both"));

  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  /* Applied: the plan is made and written in one transaction, on what it
   * read. */
  if (apply && !rk_store_begin (store, &error))
    return rk_cli_fail (error);
  schedule = rk_store_load_schedule (store, from, to, &error);
  if (schedule && venue_id && rk_schedule_venue (schedule, venue_id) == NULL)
    {
      if (apply)
        rk_store_rollback (store);
      return rk_cli_input_error (_("There is no venue with id %" PRId64
                                   "; see “renkei-cli venue list”"),
                                 venue_id);
    }
  if (schedule)
    {
      rk_staff_plan_range (schedule, from, to, &lo, &hi);
      rk_schedule_free (schedule);
      schedule = rk_store_load_schedule (store, lo, hi, &error);
    }
  if (schedule)
    occs = rk_schedule_expand (schedule, lo, hi, &error);
  if (occs == NULL)
    {
      if (apply)
        rk_store_rollback (store);
      return rk_cli_fail (error);
    }
  plan = rk_staff_plan (schedule, occs, from, to, venue_id, RK_PLAN_OPTIMAL);
  if (apply)
    {
      if (!rk_store_apply_plan (store, plan->proposed, rk_args_has (args, "tentative"), &error))
        {
          rk_store_rollback (store);
          return rk_cli_fail (error);
        }
      if (!rk_store_commit (store, &error))
        return rk_cli_fail (error);
    }

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      plan_to_json (b, plan);
      return rk_cli_print_builder (b);
    }
  plan_print (schedule, plan, apply);
  return RK_EXIT_OK;
}
