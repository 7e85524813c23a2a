#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rk-cli-private.h"
#include "rk-recurrence.h"
#include "rk-series.h"

const RkFlag rk_event_add_flags[] = {
  { "program", RK_FLAG_VALUE }, { "title", RK_FLAG_VALUE }, { "start", RK_FLAG_VALUE },
  { "end", RK_FLAG_VALUE }, { "room", RK_FLAG_VALUE }, { "capacity", RK_FLAG_VALUE },
  { "repeat", RK_FLAG_VALUE }, { "skip-holidays", RK_FLAG_BOOL },
  { "on-holiday", RK_FLAG_VALUE }, { "equipment", RK_FLAG_VALUE }, { "notes", RK_FLAG_VALUE },
  { "tentative", RK_FLAG_BOOL }, { "skip-conflicts", RK_FLAG_BOOL }, { "all-day", RK_FLAG_BOOL },
  { NULL }
};

/* How far ahead an endless series is checked for clashes when it is created. */
#define CLASH_HORIZON_DAYS (3 * 366)

/* ---- event add ---------------------------------------------------------- */

typedef struct
{
  RkEvent  *event;
  GArray   *equipment;
  gboolean  skip_conflicts;
  gboolean  end_from_program;
  RkMinute  start;
  GArray   *skipped;          /* RkClash */
  gint64    id;
} AddOp;

static gboolean
skip_clashes (RkStore *store, gint64 event_id, RkMinute start, GArray **skipped, GError **error)
{
  g_autoptr(RkEvent) ev = rk_store_get_event (store, event_id, error);
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  RkDay from = rk_minute_day (start), to;
  RkMinute last;
  RkSEvent *se;

  if (ev == NULL)
    return FALSE;
  last = rk_event_get_rrule (ev) ? rk_rrule_last_start (rk_event_get_rrule (ev), start) : start;
  to = last < 0 ? from + CLASH_HORIZON_DAYS : rk_minute_day (last);
  schedule = rk_store_load_schedule (store, from, to, error);
  if (schedule == NULL)
    return FALSE;
  occs = rk_schedule_expand (schedule, from, to, error);
  se = rk_schedule_event (schedule, event_id);
  if (se == NULL)
    return TRUE;
  *skipped = rk_resource_clashes (schedule, occs, se);
  for (guint i = 0; i < (*skipped)->len; i++)
    {
      const RkClash *c = &g_array_index (*skipped, RkClash, i);

      if (!rk_store_set_exception (store, event_id, c->date, RK_EXCEPTION_SKIPPED, 0, 0,
                                   c->token, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_tx (RkStore *store, gpointer data, GError **error)
{
  AddOp *op = data;

  if (op->end_from_program)
    {
      g_autoptr(RkProgram) program = rk_store_get_program (store, rk_event_get_program_id (op->event),
                                                           error);
      g_autofree char *end = NULL;

      if (program == NULL)
        return FALSE;
      end = rk_time_format (op->start + rk_program_get_duration (program));
      rk_event_set_end (op->event, end);
    }
  op->id = rk_store_add_event (store, op->event, op->equipment, error);
  if (op->id == 0)
    return FALSE;
  if (op->skip_conflicts)
    return skip_clashes (store, op->id, op->start, &op->skipped, error);
  return TRUE;
}

/* Reads the event fields of add and edit into event; only the flags given
 * are touched. */
/* Is the event given whole days?  --all-day, or an all-day event edited
 * with days (not times) for --start and --end. */
gboolean
rk_cli_event_all_day (RkArgs *args, RkEvent *event)
{
  RkMinute t;

  if (rk_args_has (args, "all-day"))
    return TRUE;
  if (event == NULL || !rk_event_get_all_day (event))
    return FALSE;
  return !(rk_args_has (args, "start") && rk_time_parse (rk_args_get (args, "start"), &t)) &&
         !(rk_args_has (args, "end") && rk_time_parse (rk_args_get (args, "end"), &t));
}

/* --start or --end: a time, or of an all-day event a day (the first, or
 * the last: the event ends at the midnight after it). */
gboolean
rk_cli_event_time (RkArgs *args, const char *name, gboolean all_day, gboolean required,
                   RkMinute *out, GError **error)
{
  const char *v = rk_args_get (args, name);
  RkDay d;

  if (!all_day)
    return rk_args_time (args, name, required, out, error);
  if (v == NULL && !required)
    return TRUE;
  if (v == NULL || !rk_date_parse (v, &d))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--%s of an all-day event is a day written YYYY-MM-DD, for example "
                     "2027-01-18, not “%s”"),
                   name, v ? v : "");
      return FALSE;
    }
  *out = rk_minute_make (strcmp (name, "end") == 0 ? d + 1 : d, 0);
  return TRUE;
}

gboolean
rk_cli_event_fields (RkArgs *args, RkEvent *event, GError **error)
{
  const char *title = NULL, *rrule = NULL, *policy = NULL, *notes = NULL;
  gint64 program = 0, room = 0;
  int capacity = -1;
  gboolean all_day = rk_cli_event_all_day (args, event);
  RkMinute start = 0, end = 0;
  char buf[17];

  if (!rk_args_id (args, "program", FALSE, &program, error) ||
      !rk_args_text (args, "title", FALSE, &title, error) ||
      !rk_cli_event_time (args, "start", all_day, FALSE, &start, error) ||
      !rk_cli_event_time (args, "end", all_day, FALSE, &end, error) ||
      !rk_args_id (args, "room", FALSE, &room, error) ||
      !rk_args_int (args, "capacity", FALSE, 0, 100000, &capacity, error) ||
      !rk_args_text (args, "repeat", FALSE, &rrule, error) ||
      !rk_args_text (args, "on-holiday", FALSE, &policy, error) ||
      !rk_args_text (args, "notes", FALSE, &notes, error))
    return FALSE;
  if (rrule && *rrule && !rk_rrule_validate (rrule, error))
    return FALSE;
  if (policy && rk_policy_from_token (policy) <= 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--on-holiday must be skip, next-day, previous-day or keep, not “%s”"), policy);
      return FALSE;
    }
  if (rk_args_has (args, "skip-holidays"))
    {
      if (policy && g_strcmp0 (policy, "skip") != 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("--skip-holidays and --on-holiday %s contradict each other; give one"),
                       policy);
          return FALSE;
        }
      policy = "skip";
    }
  if (rk_args_has (args, "program"))
    rk_event_set_program_id (event, program);
  if (title)
    rk_event_set_title (event, title);
  if (rk_args_has (args, "start"))
    rk_event_set_start (event, rk_time_format_buf (start, buf));
  if (rk_args_has (args, "end"))
    rk_event_set_end (event, rk_time_format_buf (end, buf));
  rk_event_set_all_day (event, all_day);
  if (rk_args_has (args, "room"))
    rk_event_set_room_id (event, room);
  if (rk_args_has (args, "capacity"))
    rk_event_set_capacity (event, capacity);
  if (rrule)
    {
      /* Stored without the "RRULE:" prefix a pasted line may carry. */
      rk_event_set_rrule (event, g_str_has_prefix (rrule, "RRULE:") ? rrule + 6
                                 : (*rrule ? rrule : NULL));
    }
  if (policy)
    rk_event_set_on_holiday (event, policy);
  if (notes)
    rk_event_set_notes (event, notes);
  if (rk_args_has (args, "tentative"))
    rk_event_set_tentative (event, TRUE);
  return TRUE;
}

int
rk_cmd_event_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkEvent) event = rk_event_new ();
  g_autoptr(GArray) equipment = NULL;
  AddOp op = { event };
  RkMinute start, end;

  if (!rk_cli_event_fields (args, event, &error) || !rk_args_id_list (args, "equipment", &equipment, &error))
    return rk_cli_fail (error);
  if (!rk_args_has (args, "program") && !rk_args_has (args, "title"))
    return rk_cli_input_error (_("Give --program ID or --title TEXT for the event"));
  if (!rk_cli_event_time (args, "start", rk_event_get_all_day (event), TRUE, &start, &error))
    return rk_cli_fail (error);
  if (!rk_args_has (args, "end") && rk_event_get_all_day (event))
    {
      /* One day. */
      char buf[17];
      rk_event_set_end (event, rk_time_format_buf (start + RK_MINUTES_PER_DAY, buf));
    }
  else if (!rk_args_has (args, "end"))
    {
      if (!rk_args_has (args, "program"))
        return rk_cli_input_error (_("--end is required when the event has no program to take "
                                     "its duration from"));
      op.end_from_program = TRUE;
    }
  else if (rk_cli_event_time (args, "end", rk_event_get_all_day (event), TRUE, &end, &error) &&
           end <= start)
    return rk_cli_input_error (_("--end (%s) must be after --start (%s)"), rk_args_get (args, "end"),
                               rk_args_get (args, "start"));
  op.equipment = equipment;
  op.start = start;
  op.skip_conflicts = rk_args_has (args, "skip-conflicts");

  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, add_tx, &op, &error))
    {
      g_clear_pointer (&op.skipped, g_array_unref);
      return rk_cli_fail (error);
    }
  if (op.skipped)
    {
      for (guint i = 0; i < op.skipped->len; i++)
        {
          const RkClash *c = &g_array_index (op.skipped, RkClash, i);
          char d[11];

          g_printerr (_("renkei-cli: skipped %s: %s\n"), rk_date_format_buf (c->date, d), c->reason);
        }
      g_array_unref (op.skipped);
    }
  g_print ("%" PRId64 "\n", op.id);
  return RK_EXIT_OK;
}

/* ---- event list --------------------------------------------------------- */

static void
occ_to_json (JsonBuilder *b, RkSchedule *schedule, const RkOcc *o)
{
  const RkSEvent *e = o->event;
  RkSVenue *venue = rk_sevent_venue (e);
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  char buf[17];
  int required[RK_N_ROLES], wish[RK_N_ROLES];

  json_builder_begin_object (b);
  rk_json_add_id (b, "event_id", e->id);
  rk_json_add_string (b, "date", rk_date_format_buf (rk_occ_day (o), buf));
  rk_json_add_string (b, "start", rk_time_format_buf (o->start, buf));
  rk_json_add_string (b, "end", rk_time_format_buf (o->end, buf));
  /* start/end of whole days are midnights, the end the one after the last day */
  json_builder_set_member_name (b, "all_day");
  json_builder_add_boolean_value (b, e->all_day);
  rk_json_add_string (b, "title", rk_sevent_title (e));
  rk_json_add_string (b, "program", e->program ? e->program->name : NULL);
  rk_json_add_id (b, "program_id", e->program ? e->program->id : 0);
  rk_json_add_string (b, "room", e->room ? e->room->name : NULL);
  rk_json_add_id (b, "room_id", e->room ? e->room->id : 0);
  rk_json_add_string (b, "venue", venue ? venue->name : NULL);
  rk_json_add_id (b, "venue_id", venue ? venue->id : 0);
  rk_json_add_string (b, "status", rk_occ_status_token (o->status));
  if (o->moved)
    rk_json_add_string (b, "moved_from", rk_date_format_buf (o->orig_date, buf));
  if (o->moved || !rk_occ_is_active (o))
    rk_json_add_string (b, "reason", o->reason);
  if (e->capacity >= 0)
    {
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, e->capacity);
    }
  json_builder_set_member_name (b, "staff");
  json_builder_begin_array (b);
  rk_occ_staff (o, staff);
  for (guint i = 0; i < staff->len; i++)
    {
      RkSStaff *st = rk_schedule_staff (schedule, g_array_index (staff, gint64, i));

      if (st == NULL)
        continue;
      json_builder_begin_object (b);
      rk_json_add_id (b, "staff_id", st->id);
      rk_json_add_string (b, "name", st->name);
      rk_json_add_string (b, "role", rk_role_to_token (st->role));
      if (rk_occ_staff_tentative (o, st->id))
        {
          json_builder_set_member_name (b, "tentative");
          json_builder_add_boolean_value (b, TRUE);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  /* "required" stays the minimum; "wish" only when some role asks for more */
  rk_occ_required (o, required);
  rk_occ_wish (o, wish);
  rk_json_add_role_counts (b, "required", required);
  for (int r = 0; r < RK_N_ROLES; r++)
    if (wish[r] > required[r])
      {
        rk_json_add_role_counts (b, "wish", wish);
        break;
      }
  if (e->rrule)
    {
      g_autofree char *words = rk_rrule_describe (e->rrule, e->start, FALSE);
      rk_json_add_string (b, "repeat", e->rrule);
      rk_json_add_string (b, "repeat_text", words);
    }
  json_builder_end_object (b);
}

static void
print_occ_line (RkSchedule *schedule, const RkOcc *o)
{
  const RkSEvent *e = o->event;
  RkSVenue *venue = rk_sevent_venue (e);
  char d[11], a[17], z[17];
  g_autofree char *place = NULL;

  rk_date_format_buf (rk_occ_day (o), d);
  rk_time_format_buf (o->start, a);
  rk_time_format_buf (o->end, z);
  place = venue ? g_strdup_printf ("%s %s", venue->name, e->room->name) : g_strdup ("");
  if (e->all_day)
    {
      g_autofree char *span = NULL;

      if (rk_minute_day (o->end) - rk_minute_day (o->start) > 1)
        span = g_strdup_printf (_("all day to %s"),
                                rk_date_format_buf (rk_minute_day (o->end) - 1, z));
      g_print ("%s\t%s\t%" PRId64 "\t%s\t%s\t%s%s%s\n", d, span ? span : _("all day"), e->id,
               rk_sevent_title (e), place, rk_occ_status_token (o->status),
               o->reason ? "\t" : "", o->reason ? o->reason : "");
      return;
    }
  g_print ("%s\t%s-%s\t%" PRId64 "\t%s\t%s\t%s%s%s\n", d, a + 11, z + 11, e->id,
           rk_sevent_title (e), place, rk_occ_status_token (o->status), o->reason ? "\t" : "",
           o->reason ? o->reason : "");
}

int
rk_cmd_event_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  RkDay from, to;

  if (!rk_args_date (args, "from", TRUE, &from, &error) || !rk_args_date (args, "to", TRUE, &to, &error))
    return rk_cli_fail (error);
  if (from > to)
    return rk_cli_input_error (_("--from (%s) is after --to (%s); give the earlier date first"),
                               rk_args_get (args, "from"), rk_args_get (args, "to"));
  if (!rk_check_span (from, to, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  schedule = rk_store_load_schedule (store, from, to, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  occs = rk_schedule_expand (schedule, from, to, &error);

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < occs->len; i++)
        occ_to_json (b, schedule, &g_array_index (occs, RkOcc, i));
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < occs->len; i++)
    print_occ_line (schedule, &g_array_index (occs, RkOcc, i));
  return RK_EXIT_OK;
}

/* ---- one occurrence ----------------------------------------------------- */

typedef struct
{
  gint64      event_id;
  gint64      staff_id;
  RkDay       date;         /* 0: the whole event */
  RkMinute    to;
  const char *reason;
  gboolean    tentative;
  gboolean    confirm;
  RkDay       orig;         /* out: original date of the occurrence */
  RkDay       actual;       /* out: the day it takes place now */
  gint64      new_id;       /* out: an event split off the series */
} OccOp;

/* Finds the occurrence of op->event_id on op->date (original or current
 * date) and stores its original date and the day it takes place in op. */
static gboolean
find_occurrence (RkStore *store, OccOp *op, GError **error)
{
  g_autoptr(RkEvent) ev = rk_store_get_event (store, op->event_id, error);
  RkOcc o;

  if (ev == NULL || !rk_series_find_occurrence (store, op->event_id, op->date, &o, error))
    return FALSE;
  op->orig = o.orig_date;
  op->actual = rk_occ_day (&o);
  return TRUE;
}

static gboolean
cancel_tx (RkStore *store, gpointer data, GError **error)
{
  OccOp *op = data;

  return rk_series_cancel (store, op->event_id, op->date, op->date ? RK_SCOPE_THIS : RK_SCOPE_ALL,
                           op->reason, NULL, error) != 0;
}

static int
parse_event_and_date (RkArgs *args, OccOp *op, gboolean date_required, GError **error)
{
  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "EVENT_ID", &op->event_id, error) ||
      !rk_args_date (args, "date", date_required, &op->date, error))
    return FALSE;
  if (rk_args_has (args, "reason"))
    op->reason = rk_args_get (args, "reason");
  return TRUE;
}

static int
run_occ_op (RkArgs *args, RkTxFunc func, OccOp *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);

  if (store == NULL || !rk_cli_transaction (store, func, op, &error))
    return rk_cli_fail (error);
  return RK_EXIT_OK;
}

int
rk_cmd_event_cancel (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  OccOp op = { 0 };

  if (!parse_event_and_date (args, &op, FALSE, &error))
    return rk_cli_fail (error);
  return run_occ_op (args, cancel_tx, &op);
}

static gboolean
move_tx (RkStore *store, gpointer data, GError **error)
{
  OccOp *op = data;

  return rk_series_move (store, op->event_id, op->date, op->to, RK_SCOPE_THIS, op->reason, NULL,
                         error);
}

int
rk_cmd_event_move (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  OccOp op = { 0 };

  if (!parse_event_and_date (args, &op, TRUE, &error) ||
      !rk_args_time (args, "to", TRUE, &op.to, &error))
    return rk_cli_fail (error);
  return run_occ_op (args, move_tx, &op);
}

static gboolean
confirm_tx (RkStore *store, gpointer data, GError **error)
{
  OccOp *op = data;
  g_autoptr(RkEvent) ev = rk_store_get_event (store, op->event_id, error);
  RkOcc o;

  if (ev == NULL)
    return FALSE;
  if (op->date && !rk_series_find_occurrence (store, op->event_id, op->date, &o, error))
    return FALSE;
  if (!rk_event_get_tentative (ev))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Event %" PRId64 " is already confirmed; nothing to do"),
                   op->event_id);
      return FALSE;
    }
  if (op->date && rk_event_get_rrule (ev) && *rk_event_get_rrule (ev))
    {
      /* One date of a tentative series: that occurrence leaves the series
       * as a confirmed event of its own, with its staff; the rest stays
       * tentative. */
      g_autofree char *start = rk_time_format (o.start);
      g_autofree char *end = rk_time_format (o.end);

      g_object_set (ev, "tentative", FALSE, "start", start, "end", end, NULL);
      op->new_id = rk_series_edit (store, op->event_id, o.orig_date, RK_SCOPE_THIS, ev, NULL,
                                   NULL, error);
      return op->new_id != 0;
    }
  return rk_store_set_event_tentative (store, op->event_id, FALSE, error);
}

int
rk_cmd_event_confirm (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  OccOp op = { 0 };
  int rc;

  if (!parse_event_and_date (args, &op, FALSE, &error))
    return rk_cli_fail (error);
  rc = run_occ_op (args, confirm_tx, &op);
  if (rc == RK_EXIT_OK && op.new_id)
    g_print ("%" PRId64 "\n", op.new_id);
  return rc;
}

/* ---- assignments -------------------------------------------------------- */

static gboolean
assign_tx (RkStore *store, gpointer data, GError **error)
{
  OccOp *op = data;

  if (op->date && !find_occurrence (store, op, error))
    return FALSE;
  if (op->confirm)
    {
      g_autoptr(GError) local = NULL;

      if (rk_store_confirm_assignment (store, op->event_id, op->staff_id, op->orig, &local))
        return TRUE;
      /* Not assigned yet: --confirm assigns for good. */
    }
  return rk_store_assign (store, op->event_id, op->staff_id, op->orig, op->tentative, error);
}

/* Tells on stderr which problems the assignment makes for that person. */
static void
report_new_problems (RkStore *store, OccOp *op)
{
  g_autoptr(RkEvent) ev = rk_store_get_event (store, op->event_id, NULL);
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RkMinute start;
  RkDay from, to;

  if (ev == NULL || !rk_time_parse (rk_event_get_start (ev), &start))
    return;
  if (op->orig)
    {
      /* a moved occurrence clashes where it is now */
      from = MIN (op->orig, op->actual);
      to = MAX (op->orig, op->actual);
    }
  else
    {
      RkMinute last = rk_event_get_rrule (ev) ? rk_rrule_last_start (rk_event_get_rrule (ev), start)
                                              : start;
      from = MAX (rk_minute_day (start), rk_store_today (store));
      to = last < 0 ? from + 366 : MAX (from, rk_minute_day (last));
    }
  schedule = rk_store_load_schedule (store, from > 1 ? from - 1 : from, to + 1, NULL);
  if (schedule == NULL)
    return;
  occs = rk_schedule_expand (schedule, from > 1 ? from - 1 : from, to + 1, NULL);
  problems = rk_check (schedule, occs, from, to, rk_store_today (store));
  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);
      gboolean mine = FALSE;

      if (rk_problem_get_staff_id (p) != op->staff_id)
        continue;
      for (guint j = 0; j < ids->len; j++)
        mine = mine || g_array_index (ids, gint64, j) == op->event_id;
      if (mine)
        g_printerr (_("renkei-cli: warning: %s %s\n"), rk_problem_get_date (p),
                    rk_problem_get_message (p));
    }
}

int
rk_cmd_assign (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  OccOp op = { 0 };

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "EVENT_ID", &op.event_id, &error) ||
      !rk_parse_id (g_ptr_array_index (args->pos, 1), "STAFF_ID", &op.staff_id, &error) ||
      !rk_args_date (args, "date", FALSE, &op.date, &error))
    return rk_cli_fail (error);
  op.tentative = rk_args_has (args, "tentative");
  op.confirm = rk_args_has (args, "confirm");
  if (op.tentative && op.confirm)
    return rk_cli_input_error (_("--tentative and --confirm contradict each other; give one"));
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, assign_tx, &op, &error))
    return rk_cli_fail (error);
  report_new_problems (store, &op);
  return RK_EXIT_OK;
}

static gboolean
unassign_tx (RkStore *store, gpointer data, GError **error)
{
  OccOp *op = data;
  g_autoptr(RkEvent) ev = rk_store_get_event (store, op->event_id, error);
  g_autoptr(RkStaff) st = ev ? rk_store_get_staff (store, op->staff_id, error) : NULL;

  if (st == NULL)
    return FALSE;
  if (op->date && !find_occurrence (store, op, error))
    return FALSE;
  return rk_store_unassign (store, op->event_id, op->staff_id, op->orig, error);
}

int
rk_cmd_unassign (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  OccOp op = { 0 };

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "EVENT_ID", &op.event_id, &error) ||
      !rk_parse_id (g_ptr_array_index (args->pos, 1), "STAFF_ID", &op.staff_id, &error) ||
      !rk_args_date (args, "date", FALSE, &op.date, &error))
    return rk_cli_fail (error);
  return run_occ_op (args, unassign_tx, &op);
}
