#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-cli-private.h"

/* ---- venues, rooms, equipment, programs ---------------------------------- */

int
rk_cmd_venue_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkVenue) venue = rk_venue_new ();
  const char *name = NULL, *address = NULL, *contact = NULL, *kind = "hub";

  if (!rk_args_text (args, "name", TRUE, &name, &error) ||
      !rk_args_text (args, "address", FALSE, &address, &error) ||
      !rk_args_text (args, "contact", FALSE, &contact, &error) ||
      !rk_args_text (args, "kind", FALSE, &kind, &error))
    return rk_cli_fail (error);
  if (g_strcmp0 (kind, "hub") != 0 && g_strcmp0 (kind, "health_centre") != 0)
    return rk_cli_input_error (_("--kind must be hub or health_centre, not “%s”"), kind);
  g_object_set (venue, "name", name, "address", address, "contact", contact, "kind", kind,
                "closed-on-holidays", rk_args_has (args, "closed-on-holidays"), NULL);
  return rk_cli_add_and_print (args, G_OBJECT (venue));
}

static void
closing_json (JsonBuilder *b, const RkClosing *c)
{
  char a[11], z[11];

  switch (c->kind)
    {
    case RK_CLOSING_DATE:
    case RK_CLOSING_RANGE:
      rk_json_add_string (b, "kind", c->kind == RK_CLOSING_DATE ? "date" : "range");
      rk_json_add_string (b, "from", rk_date_format_buf (c->start, a));
      rk_json_add_string (b, "to", rk_date_format_buf (c->end, z));
      break;
    case RK_CLOSING_WEEKDAY:
      {
        static const char * const wd[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
        rk_json_add_string (b, "kind", "weekday");
        rk_json_add_string (b, "weekday", wd[c->weekday]);
      }
      break;
    case RK_CLOSING_YEARLY:
    default:
      g_snprintf (a, sizeof a, "%02d-%02d", c->start_md / 100, c->start_md % 100);
      g_snprintf (z, sizeof z, "%02d-%02d", c->end_md / 100, c->end_md % 100);
      rk_json_add_string (b, "kind", "yearly");
      rk_json_add_string (b, "from", a);
      rk_json_add_string (b, "to", z);
      break;
    }
}

/* data: the schedule, for the venue's closing days */
static void
venue_json (JsonBuilder *b, gpointer item, gpointer data)
{
  RkVenue *v = item;
  RkSVenue *sv = rk_schedule_venue (data, rk_venue_get_id (v));

  rk_json_add_id (b, "venue_id", rk_venue_get_id (v));
  rk_json_add_string (b, "name", rk_venue_get_name (v));
  rk_json_add_string (b, "kind", rk_venue_get_kind (v));
  rk_json_add_string (b, "address", rk_venue_get_address (v));
  rk_json_add_string (b, "contact", rk_venue_get_contact (v));
  json_builder_set_member_name (b, "closed_on_holidays");
  json_builder_add_boolean_value (b, rk_venue_get_closed_on_holidays (v));
  json_builder_set_member_name (b, "closing_days");
  json_builder_begin_array (b);
  for (guint j = 0; sv && j < sv->closings->len; j++)
    {
      const RkClosing *c = &g_array_index (sv->closings, RkClosing, j);

      json_builder_begin_object (b);
      rk_json_add_id (b, "closing_id", c->id);
      closing_json (b, c);
      rk_json_add_string (b, "reason", c->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
venue_line (gpointer item, gpointer data)
{
  RkVenue *v = item;

  g_print ("%" PRId64 "\t%s\t%s\t%s\n", rk_venue_get_id (v), rk_venue_get_name (v),
           rk_venue_get_address (v) ? rk_venue_get_address (v) : "",
           rk_venue_get_contact (v) ? rk_venue_get_contact (v) : "");
}

int
rk_cmd_venue_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RkSchedule) schedule = NULL;

  if (store == NULL)
    return rk_cli_fail (error);
  list = rk_store_list_venues (store, &error);
  schedule = list ? rk_store_load_schedule (store, 1, 1, &error) : NULL;
  if (schedule == NULL)
    return rk_cli_fail (error);
  return rk_cli_print_list (args, list, venue_json, venue_line, schedule);
}

typedef struct
{
  gint64        venue_id;
  RkClosingKind kind;
  int           start, end, weekday;
  const char   *reason;
  gint64        new_id;
} CloseOp;

static gboolean
close_tx (RkStore *store, gpointer data, GError **error)
{
  CloseOp *op = data;

  op->new_id = rk_store_add_closing (store, op->venue_id, op->kind, op->start, op->end,
                                     op->weekday, op->reason, error);
  return op->new_id > 0;
}

/* "12-29" as month * 100 + day. */
static gboolean
parse_month_day (const char *text, int *out)
{
  int m, d;

  if (text == NULL || strlen (text) != 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      text[2] != '-' || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  m = (text[0] - '0') * 10 + text[1] - '0';
  d = (text[3] - '0') * 10 + text[4] - '0';
  if (m < 1 || m > 12 || d < 1 || d > rk_days_in_month (2024, m))
    return FALSE;
  *out = m * 100 + d;
  return TRUE;
}

int
rk_cmd_venue_close (RkArgs *args)
{
  static const char * const weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  CloseOp op = { 0 };
  const char *from = rk_args_get (args, "from"), *to = rk_args_get (args, "to");
  int forms = rk_args_has (args, "date") + (from || to) + rk_args_has (args, "weekday");

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "VENUE_ID", &op.venue_id, &error) ||
      !rk_args_text (args, "reason", FALSE, &op.reason, &error))
    return rk_cli_fail (error);
  if (forms != 1)
    return rk_cli_input_error (_("Give exactly one of --date DATE, --from DATE --to DATE "
                                 "(or --from 12-29 --to 01-03 every year) or --weekday MO..SU"));
  if (rk_args_has (args, "date"))
    {
      RkDay d;
      if (!rk_args_date (args, "date", TRUE, &d, &error))
        return rk_cli_fail (error);
      op.kind = RK_CLOSING_DATE;
      op.start = op.end = (int) d;
    }
  else if (rk_args_has (args, "weekday"))
    {
      const char *w = rk_args_get (args, "weekday");
      op.kind = RK_CLOSING_WEEKDAY;
      for (int i = 0; i < 7; i++)
        if (g_ascii_strcasecmp (w, weekdays[i]) == 0)
          op.weekday = i + 1;
      if (op.weekday == 0)
        return rk_cli_input_error (_("--weekday must be one of MO, TU, WE, TH, FR, SA, SU, not “%s”"),
                                   w);
    }
  else if (from == NULL || to == NULL)
    return rk_cli_input_error (_("--from and --to go together; give both"));
  else if (parse_month_day (from, &op.start) && parse_month_day (to, &op.end))
    op.kind = RK_CLOSING_YEARLY;
  else
    {
      RkDay a, b;
      if (!rk_args_date (args, "from", TRUE, &a, &error) || !rk_args_date (args, "to", TRUE, &b, &error))
        return rk_cli_fail (error);
      if (b < a)
        return rk_cli_input_error (_("--from (%s) is after --to (%s); give the earlier date first"),
                                   from, to);
      op.kind = RK_CLOSING_RANGE;
      op.start = (int) a;
      op.end = (int) b;
    }
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, close_tx, &op, &error))
    return rk_cli_fail (error);
  g_print ("%" PRId64 "\n", op.new_id);
  return RK_EXIT_OK;
}

int
rk_cmd_room_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkRoom) room = rk_room_new ();
  const char *name = NULL, *features = NULL;
  gint64 venue_id = 0;
  int capacity = 0;

  if (!rk_args_id (args, "venue", TRUE, &venue_id, &error) ||
      !rk_args_text (args, "name", TRUE, &name, &error) ||
      !rk_args_int (args, "capacity", TRUE, 0, 100000, &capacity, &error) ||
      !rk_args_text (args, "features", FALSE, &features, &error))
    return rk_cli_fail (error);
  g_object_set (room, "venue-id", venue_id, "name", name, "capacity", capacity, "features",
                features, NULL);
  return rk_cli_add_and_print (args, G_OBJECT (room));
}

static void
room_json (JsonBuilder *b, gpointer item, gpointer data)
{
  RkRoom *r = item;

  rk_json_add_id (b, "room_id", rk_room_get_id (r));
  rk_json_add_string (b, "name", rk_room_get_name (r));
  rk_json_add_id (b, "venue_id", rk_room_get_venue_id (r));
  rk_json_add_string (b, "venue", rk_room_get_venue_name (r));
  json_builder_set_member_name (b, "capacity");
  json_builder_add_int_value (b, rk_room_get_capacity (r));
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  if (rk_room_get_features (r))
    {
      g_auto(GStrv) f = g_strsplit (rk_room_get_features (r), ",", -1);
      for (guint j = 0; f[j]; j++)
        if (*g_strstrip (f[j]))
          json_builder_add_string_value (b, f[j]);
    }
  json_builder_end_array (b);
}

static void
room_line (gpointer item, gpointer data)
{
  RkRoom *r = item;

  g_print ("%" PRId64 "\t%s\t%s\t%d\t%s\n", rk_room_get_id (r),
           rk_room_get_venue_name (r), rk_room_get_name (r), rk_room_get_capacity (r),
           rk_room_get_features (r) ? rk_room_get_features (r) : "");
}

int
rk_cmd_room_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 venue_id = 0;

  if (!rk_args_id (args, "venue", FALSE, &venue_id, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (venue_id)
    {
      g_autoptr(RkVenue) v = rk_store_get_venue (store, venue_id, &error);
      if (v == NULL)
        return rk_cli_fail (error);
    }
  list = rk_store_list_rooms (store, venue_id, &error);
  if (list == NULL)
    return rk_cli_fail (error);
  return rk_cli_print_list (args, list, room_json, room_line, NULL);
}

int
rk_cmd_equipment_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEquipment) item = rk_equipment_new ();
  const char *name = NULL;
  gint64 venue_id = 0;

  if (!rk_args_text (args, "name", TRUE, &name, &error) ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error))
    return rk_cli_fail (error);
  g_object_set (item, "name", name, "venue-id", venue_id, NULL);
  return rk_cli_add_and_print (args, G_OBJECT (item));
}

static void
equipment_json (JsonBuilder *b, gpointer item, gpointer data)
{
  RkEquipment *e = item;

  rk_json_add_id (b, "equipment_id", rk_equipment_get_id (e));
  rk_json_add_string (b, "name", rk_equipment_get_name (e));
  rk_json_add_id (b, "venue_id", rk_equipment_get_venue_id (e));
  rk_json_add_string (b, "venue", rk_equipment_get_venue_name (e));
}

static void
equipment_line (gpointer item, gpointer data)
{
  RkEquipment *e = item;

  g_print ("%" PRId64 "\t%s\t%s\n", rk_equipment_get_id (e), rk_equipment_get_name (e),
           rk_equipment_get_venue_name (e) ? rk_equipment_get_venue_name (e) : "");
}

int
rk_cmd_equipment_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(GPtrArray) list = NULL;

  if (store == NULL)
    return rk_cli_fail (error);
  list = rk_store_list_equipment (store, &error);
  if (list == NULL)
    return rk_cli_fail (error);
  return rk_cli_print_list (args, list, equipment_json, equipment_line, NULL);
}

int
rk_cmd_program_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkProgram) program = rk_program_new ();
  const char *name = NULL, *requires = NULL, *audience = NULL, *color = NULL, *bring = NULL;
  int duration = 120, counts[RK_N_ROLES];

  if (!rk_args_text (args, "name", TRUE, &name, &error) ||
      !rk_args_text (args, "requires", TRUE, &requires, &error) ||
      !rk_args_int (args, "duration", FALSE, 1, 24 * 60, &duration, &error) ||
      !rk_args_text (args, "audience", FALSE, &audience, &error) ||
      !rk_args_text (args, "bring", FALSE, &bring, &error) ||
      !rk_args_text (args, "color", FALSE, &color, &error) ||
      !rk_requirements_parse (requires, counts, &error))
    return rk_cli_fail (error);
  g_object_set (program, "name", name, "requirements", requires, "duration", duration,
                "audience", audience, "bring", bring, "color", color, "staff-only",
                rk_args_has (args, "staff-only"), NULL);
  return rk_cli_add_and_print (args, G_OBJECT (program));
}

static void
program_json (JsonBuilder *b, gpointer item, gpointer data)
{
  RkProgram *p = item;
  int counts[RK_N_ROLES], wish[RK_N_ROLES];
  gboolean ranges = FALSE;

  rk_requirements_parse_range (rk_program_get_requirements (p), counts, wish, NULL);
  for (int r = 0; r < RK_N_ROLES; r++)
    ranges = ranges || wish[r] > counts[r];
  rk_json_add_id (b, "program_id", rk_program_get_id (p));
  rk_json_add_string (b, "name", rk_program_get_name (p));
  json_builder_set_member_name (b, "duration");
  json_builder_add_int_value (b, rk_program_get_duration (p));
  rk_json_add_string (b, "audience", rk_program_get_audience (p));
  rk_json_add_string (b, "bring", rk_program_get_bring (p));
  rk_json_add_string (b, "color", rk_program_get_color (p));
  json_builder_set_member_name (b, "staff_only");
  json_builder_add_boolean_value (b, rk_program_get_staff_only (p));
  /* "required" is the minimum; "wish" only when some role asks for more */
  rk_json_add_role_counts (b, "required", counts);
  if (ranges)
    rk_json_add_role_counts (b, "wish", wish);
}

static void
program_line (gpointer item, gpointer data)
{
  RkProgram *p = item;

  g_print ("%" PRId64 "\t%s\t%d\t%s\n", rk_program_get_id (p), rk_program_get_name (p),
           rk_program_get_duration (p), rk_program_get_requirements (p));
}

int
rk_cmd_program_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(GPtrArray) list = NULL;

  if (store == NULL)
    return rk_cli_fail (error);
  list = rk_store_list_programs (store, &error);
  if (list == NULL)
    return rk_cli_fail (error);
  return rk_cli_print_list (args, list, program_json, program_line, NULL);
}
