#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-cli-message.h"
#include "rk-cli-private.h"
#include "rk-cli.h"
#include "rk-demo.h"
#include "rk-store-new-file.h"

/* ---- errors and output -------------------------------------------------- */

int
rk_cli_fail (GError *error)
{
  g_autofree char *line = NULL;

  if (error == NULL)
    return RK_EXIT_INPUT;
  /* One line: what is wrong and what to do (an argument's own line breaks
   * shown escaped first, see rk-cli-message.c). */
  line = g_strdelimit (rk_cli_message_clean (error->message), "\n", ' ');
  g_printerr ("renkei-cli: %s\n", line);
  if (error->domain == RK_ERROR && error->code == RK_ERROR_DATABASE)
    return RK_EXIT_DATABASE;
  return RK_EXIT_INPUT;
}

int
rk_cli_input_error (const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("renkei-cli: %s\n", msg);
  return RK_EXIT_INPUT;
}

void
rk_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

int
rk_cli_print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  rk_cli_print_json (root);
  return RK_EXIT_OK;
}

void
rk_json_add_id (JsonBuilder *b, const char *member, gint64 id)
{
  json_builder_set_member_name (b, member);
  if (id > 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

void
rk_json_add_string (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
rk_json_add_role_counts (JsonBuilder *b, const char *member, const int counts[RK_N_ROLES])
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (int r = 0; r < RK_N_ROLES; r++)
    if (counts[r] > 0)
      {
        json_builder_set_member_name (b, rk_role_to_token (r));
        json_builder_add_int_value (b, counts[r]);
      }
  json_builder_end_object (b);
}

/* ---- flags -------------------------------------------------------------- */

gboolean
rk_args_has (RkArgs *args, const char *name)
{
  return g_hash_table_contains (args->flags, name);
}

const char *
rk_args_get (RkArgs *args, const char *name)
{
  return g_hash_table_lookup (args->flags, name);
}

static gboolean
missing (const char *name, GError **error)
{
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("--%s is required"), name);
  return FALSE;
}

gboolean
rk_parse_id (const char *text, const char *what, gint64 *out, GError **error)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || !g_ascii_isdigit (*text))
    goto bad;
  v = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || v <= 0)
    goto bad;
  *out = v;
  return TRUE;

bad:
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("%s must be a positive whole number (an id from a list command), not “%s”"),
               what, text ? text : "");
  return FALSE;
}

gboolean
rk_args_id (RkArgs *args, const char *name, gboolean required, gint64 *out, GError **error)
{
  const char *v = rk_args_get (args, name);
  g_autofree char *what = g_strconcat ("--", name, NULL);

  if (v == NULL)
    return required ? missing (name, error) : TRUE;
  return rk_parse_id (v, what, out, error);
}

gboolean
rk_args_int (RkArgs *args, const char *name, gboolean required, int min, int max, int *out,
             GError **error)
{
  const char *v = rk_args_get (args, name);
  char *end = NULL;
  gint64 n;

  if (v == NULL)
    return required ? missing (name, error) : TRUE;
  n = g_ascii_strtoll (v, &end, 10);
  if (*v == '\0' || *end != '\0' || n < min || n > max)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--%s must be a whole number from %d to %d, not “%s”"), name, min, max, v);
      return FALSE;
    }
  *out = (int) n;
  return TRUE;
}

gboolean
rk_args_date (RkArgs *args, const char *name, gboolean required, RkDay *out, GError **error)
{
  const char *v = rk_args_get (args, name);

  if (v == NULL)
    return required ? missing (name, error) : TRUE;
  if (!rk_date_parse (v, out))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--%s must be a date from 1900 to 2199 written YYYY-MM-DD, for example "
                     "2026-12-06, not “%s”"),
                   name, v);
      return FALSE;
    }
  return TRUE;
}

gboolean
rk_args_time (RkArgs *args, const char *name, gboolean required, RkMinute *out, GError **error)
{
  const char *v = rk_args_get (args, name);

  if (v == NULL)
    return required ? missing (name, error) : TRUE;
  if (!rk_time_parse (v, out))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--%s must be a time from 1900 to 2199 written YYYY-MM-DDTHH:MM, for example "
                     "2026-12-06T10:00, not “%s”"),
                   name, v);
      return FALSE;
    }
  return TRUE;
}

gboolean
rk_args_text (RkArgs *args, const char *name, gboolean required, const char **out,
              GError **error)
{
  const char *v = rk_args_get (args, name);

  if (v == NULL)
    return required ? missing (name, error) : TRUE;
  if (!g_utf8_validate (v, -1, NULL))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("--%s is not valid UTF-8 text"), name);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
rk_args_id_list (RkArgs *args, const char *name, GArray **out, GError **error)
{
  const char *v = rk_args_get (args, name);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *what = g_strconcat ("--", name, NULL);

  if (v == NULL)
    return TRUE;
  parts = g_strsplit (v, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      gint64 id;

      if (!rk_parse_id (g_strstrip (parts[i]), what, &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }
  *out = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
rk_args_range (RkArgs *args, RkStore *store, RkDay *from, RkDay *to, GError **error)
{
  /* Default: today, or the given start, and three months on. */
  *from = rk_store_today (store);
  if (!rk_args_date (args, "from", FALSE, from, error))
    return FALSE;
  *to = rk_day_add_months (*from, 3);
  if (!rk_args_date (args, "to", FALSE, to, error))
    return FALSE;
  if (*from > *to)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("--from (%s) is after --to (%s); give the earlier date first"),
                   rk_args_get (args, "from"), rk_args_get (args, "to"));
      return FALSE;
    }
  return rk_check_span (*from, *to, error);
}

gboolean
rk_check_span (RkDay from, RkDay to, GError **error)
{
  if (to - from > RK_MAX_RANGE_DAYS)
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("The range is longer than 100 years; narrow --from and --to"));
      return FALSE;
    }
  return TRUE;
}

RkStore *
rk_cli_open_store (RkArgs *args, GError **error)
{
  g_autofree char *path = args->db_path ? g_strdup (args->db_path) : rk_store_default_path ();

  return rk_store_open (path, error);
}

gboolean
rk_cli_transaction (RkStore *store, RkTxFunc func, gpointer data, GError **error)
{
  if (!rk_store_begin (store, error))
    return FALSE;
  if (!func (store, data, error))
    {
      rk_store_rollback (store);
      return FALSE;
    }
  return rk_store_commit (store, error);
}

/* ---- init --------------------------------------------------------------- */

static gboolean
demo_tx (RkStore *store, gpointer data, GError **error)
{
  return rk_demo_fill (store, rk_store_today (store), error);
}

static int
cmd_init (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);

  if (store == NULL)
    return rk_cli_fail (error);
  if (rk_args_has (args, "demo"))
    {
      g_autoptr(GPtrArray) venues = rk_store_list_venues (store, &error);

      if (venues == NULL)
        return rk_cli_fail (error);
      if (venues->len > 0)
        {
          g_autofree char *demo = rk_store_get_setting (store, "demo");

          /* Asked twice: it is there already, which is what was wanted. */
          if (g_strcmp0 (demo, "1") == 0)
            {
              g_print (_("Database ready: %s (it already holds the demo data)\n"),
                       rk_store_get_path (store));
              return RK_EXIT_OK;
            }
          return rk_cli_input_error (_("The database %s already has data; the demo data goes "
                                       "only into a new, empty database"),
                                     rk_store_get_path (store));
        }
      if (!rk_cli_transaction (store, demo_tx, NULL, &error))
        return rk_cli_fail (error);
    }
  g_print (_("Database ready: %s\n"), rk_store_get_path (store));
  return RK_EXIT_OK;
}

/* ---- staff -------------------------------------------------------------- */

static gboolean
role_arg (RkArgs *args, const char *name, gboolean required, int *role, GError **error)
{
  const char *v = rk_args_get (args, name);

  if (v == NULL)
    return required ? missing (name, error) : TRUE;
  *role = rk_role_from_token (v);
  if (*role < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Unknown role “%s”; use one of: %s"), v,
                   rk_role_tokens ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_object_tx (RkStore *store, gpointer data, GError **error)
{
  GObject *obj = data;
  gint64 id = 0;

  if (RK_IS_STAFF (obj))
    id = rk_store_add_staff (store, RK_STAFF (obj), error);
  else if (RK_IS_VENUE (obj))
    id = rk_store_add_venue (store, RK_VENUE (obj), error);
  else if (RK_IS_ROOM (obj))
    id = rk_store_add_room (store, RK_ROOM (obj), error);
  else if (RK_IS_EQUIPMENT (obj))
    id = rk_store_add_equipment (store, RK_EQUIPMENT (obj), error);
  else if (RK_IS_PROGRAM (obj))
    id = rk_store_add_program (store, RK_PROGRAM (obj), error);
  g_object_set_data (obj, "rk-new-id", GSIZE_TO_POINTER ((gsize) id));
  return id > 0;
}

/* Validates nothing itself: the store does, inside the transaction. */
static int
add_and_print (RkArgs *args, GObject *obj)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);

  if (store == NULL)
    return rk_cli_fail (error);
  if (!rk_cli_transaction (store, add_object_tx, obj, &error))
    return rk_cli_fail (error);
  g_print ("%" G_GSIZE_FORMAT "\n", GPOINTER_TO_SIZE (g_object_get_data (obj, "rk-new-id")));
  return RK_EXIT_OK;
}

static int
cmd_staff_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStaff) staff = rk_staff_new ();
  const char *name = NULL, *kana = NULL, *org = NULL, *phone = NULL, *email = NULL;
  int role = -1;

  if (!rk_args_text (args, "name", TRUE, &name, &error) || !role_arg (args, "role", TRUE, &role, &error) ||
      !rk_args_text (args, "kana", FALSE, &kana, &error) || !rk_args_text (args, "org", FALSE, &org, &error) ||
      !rk_args_text (args, "phone", FALSE, &phone, &error) ||
      !rk_args_text (args, "email", FALSE, &email, &error))
    return rk_cli_fail (error);
  g_object_set (staff, "name", name, "kana", kana, "role", rk_role_to_token (role), "org", org,
                "phone", phone, "email", email, NULL);
  return add_and_print (args, G_OBJECT (staff));
}

static int
cmd_staff_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int role = -1;

  if (!role_arg (args, "role", FALSE, &role, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  list = rk_store_list_staff (store, role, rk_args_has (args, "all"), &error);
  if (list == NULL)
    return rk_cli_fail (error);

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          RkStaff *s = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          rk_json_add_id (b, "staff_id", rk_staff_get_id (s));
          rk_json_add_string (b, "name", rk_staff_get_name (s));
          rk_json_add_string (b, "kana", rk_staff_get_kana (s));
          rk_json_add_string (b, "role", rk_staff_get_role (s));
          rk_json_add_string (b, "org", rk_staff_get_org (s));
          json_builder_set_member_name (b, "active");
          json_builder_add_boolean_value (b, rk_staff_get_active (s));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }

  for (guint i = 0; i < list->len; i++)
    {
      RkStaff *s = g_ptr_array_index (list, i);

      g_print ("%" PRId64 "\t%s\t%s\t%s\t%s%s\n", rk_staff_get_id (s),
               rk_staff_get_name (s), rk_staff_get_kana (s) ? rk_staff_get_kana (s) : "",
               rk_role_label (rk_role_from_token (rk_staff_get_role (s))),
               rk_staff_get_org (s) ? rk_staff_get_org (s) : "",
               rk_staff_get_active (s) ? "" : _("\t(inactive)"));
    }
  return RK_EXIT_OK;
}

typedef struct
{
  gint64      staff_id;
  RkMinute    from, to;
  const char *reason;
  gint64      new_id;
  gboolean    active;
} StaffOp;

static gboolean
unavailable_tx (RkStore *store, gpointer data, GError **error)
{
  StaffOp *op = data;

  op->new_id = rk_store_add_unavailability (store, op->staff_id, op->from, op->to, op->reason,
                                            error);
  return op->new_id > 0;
}

static int
cmd_staff_unavailable (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  StaffOp op = { 0 };

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "STAFF_ID", &op.staff_id, &error) ||
      !rk_args_time (args, "from", TRUE, &op.from, &error) ||
      !rk_args_time (args, "to", TRUE, &op.to, &error) ||
      !rk_args_text (args, "reason", FALSE, &op.reason, &error))
    return rk_cli_fail (error);
  if (op.to <= op.from)
    return rk_cli_input_error (_("--to (%s) must be after --from (%s)"), rk_args_get (args, "to"),
                               rk_args_get (args, "from"));
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, unavailable_tx, &op, &error))
    return rk_cli_fail (error);
  g_print ("%" PRId64 "\n", op.new_id);
  return RK_EXIT_OK;
}

static gboolean
active_tx (RkStore *store, gpointer data, GError **error)
{
  StaffOp *op = data;
  g_autoptr(RkStaff) staff = rk_store_get_staff (store, op->staff_id, error);

  if (staff == NULL)
    return FALSE;
  rk_staff_set_active (staff, op->active);
  return rk_store_update_staff (store, staff, error);
}

static int
staff_set_active (RkArgs *args, gboolean active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  StaffOp op = { .active = active };

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "STAFF_ID", &op.staff_id, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, active_tx, &op, &error))
    return rk_cli_fail (error);
  return RK_EXIT_OK;
}

static int
cmd_staff_deactivate (RkArgs *args)
{
  return staff_set_active (args, FALSE);
}

static int
cmd_staff_activate (RkArgs *args)
{
  return staff_set_active (args, TRUE);
}

/* ---- venues, rooms, equipment, programs ---------------------------------- */

static int
cmd_venue_add (RkArgs *args)
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
  return add_and_print (args, G_OBJECT (venue));
}

static int
cmd_venue_list (RkArgs *args)
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

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          RkVenue *v = g_ptr_array_index (list, i);
          RkSVenue *sv = rk_schedule_venue (schedule, rk_venue_get_id (v));

          json_builder_begin_object (b);
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
              char a[11], z[11];

              json_builder_begin_object (b);
              rk_json_add_id (b, "closing_id", c->id);
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
              rk_json_add_string (b, "reason", c->reason);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < list->len; i++)
    {
      RkVenue *v = g_ptr_array_index (list, i);

      g_print ("%" PRId64 "\t%s\t%s\t%s\n", rk_venue_get_id (v), rk_venue_get_name (v),
               rk_venue_get_address (v) ? rk_venue_get_address (v) : "",
               rk_venue_get_contact (v) ? rk_venue_get_contact (v) : "");
    }
  return RK_EXIT_OK;
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

static int
cmd_venue_close (RkArgs *args)
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

static int
cmd_room_add (RkArgs *args)
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
  return add_and_print (args, G_OBJECT (room));
}

static int
cmd_room_list (RkArgs *args)
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
  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          RkRoom *r = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
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
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < list->len; i++)
    {
      RkRoom *r = g_ptr_array_index (list, i);

      g_print ("%" PRId64 "\t%s\t%s\t%d\t%s\n", rk_room_get_id (r),
               rk_room_get_venue_name (r), rk_room_get_name (r), rk_room_get_capacity (r),
               rk_room_get_features (r) ? rk_room_get_features (r) : "");
    }
  return RK_EXIT_OK;
}

static int
cmd_equipment_add (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEquipment) item = rk_equipment_new ();
  const char *name = NULL;
  gint64 venue_id = 0;

  if (!rk_args_text (args, "name", TRUE, &name, &error) ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error))
    return rk_cli_fail (error);
  g_object_set (item, "name", name, "venue-id", venue_id, NULL);
  return add_and_print (args, G_OBJECT (item));
}

static int
cmd_equipment_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(GPtrArray) list = NULL;

  if (store == NULL)
    return rk_cli_fail (error);
  list = rk_store_list_equipment (store, &error);
  if (list == NULL)
    return rk_cli_fail (error);
  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          RkEquipment *e = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          rk_json_add_id (b, "equipment_id", rk_equipment_get_id (e));
          rk_json_add_string (b, "name", rk_equipment_get_name (e));
          rk_json_add_id (b, "venue_id", rk_equipment_get_venue_id (e));
          rk_json_add_string (b, "venue", rk_equipment_get_venue_name (e));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < list->len; i++)
    {
      RkEquipment *e = g_ptr_array_index (list, i);

      g_print ("%" PRId64 "\t%s\t%s\n", rk_equipment_get_id (e), rk_equipment_get_name (e),
               rk_equipment_get_venue_name (e) ? rk_equipment_get_venue_name (e) : "");
    }
  return RK_EXIT_OK;
}

static int
cmd_program_add (RkArgs *args)
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
  return add_and_print (args, G_OBJECT (program));
}

static int
cmd_program_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(GPtrArray) list = NULL;

  if (store == NULL)
    return rk_cli_fail (error);
  list = rk_store_list_programs (store, &error);
  if (list == NULL)
    return rk_cli_fail (error);
  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          RkProgram *p = g_ptr_array_index (list, i);
          int counts[RK_N_ROLES], wish[RK_N_ROLES];
          gboolean ranges = FALSE;

          rk_requirements_parse_range (rk_program_get_requirements (p), counts, wish, NULL);
          for (int r = 0; r < RK_N_ROLES; r++)
            ranges = ranges || wish[r] > counts[r];
          json_builder_begin_object (b);
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
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < list->len; i++)
    {
      RkProgram *p = g_ptr_array_index (list, i);

      g_print ("%" PRId64 "\t%s\t%d\t%s\n", rk_program_get_id (p), rk_program_get_name (p),
               rk_program_get_duration (p), rk_program_get_requirements (p));
    }
  return RK_EXIT_OK;
}

/* ---- dispatch ----------------------------------------------------------- */

static const RkFlag no_flags[] = { { NULL } };
static const RkFlag json_flags[] = { { "json", RK_FLAG_BOOL }, { NULL } };
static const RkFlag init_flags[] = { { "demo", RK_FLAG_BOOL }, { NULL } };
static const RkFlag staff_add_flags[] = {
  { "name", RK_FLAG_VALUE }, { "role", RK_FLAG_VALUE }, { "kana", RK_FLAG_VALUE },
  { "org", RK_FLAG_VALUE }, { "phone", RK_FLAG_VALUE }, { "email", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag staff_list_flags[] = {
  { "role", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { "all", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag staff_unavailable_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag staff_schedule_flags[] = {
  { "month", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag venue_add_flags[] = {
  { "name", RK_FLAG_VALUE }, { "address", RK_FLAG_VALUE }, { "contact", RK_FLAG_VALUE },
  { "kind", RK_FLAG_VALUE }, { "closed-on-holidays", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag venue_close_flags[] = {
  { "date", RK_FLAG_VALUE }, { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE },
  { "weekday", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag room_add_flags[] = {
  { "venue", RK_FLAG_VALUE }, { "name", RK_FLAG_VALUE }, { "capacity", RK_FLAG_VALUE },
  { "features", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag room_list_flags[] = { { "venue", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL } };
static const RkFlag equipment_add_flags[] = { { "name", RK_FLAG_VALUE }, { "venue", RK_FLAG_VALUE }, { NULL } };
static const RkFlag program_add_flags[] = {
  { "name", RK_FLAG_VALUE }, { "requires", RK_FLAG_VALUE }, { "duration", RK_FLAG_VALUE },
  { "audience", RK_FLAG_VALUE }, { "bring", RK_FLAG_VALUE }, { "color", RK_FLAG_VALUE },
  { "staff-only", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag event_list_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag date_flags[] = { { "date", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL } };
static const RkFlag move_flags[] = {
  { "date", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag assign_flags[] = {
  { "date", RK_FLAG_VALUE }, { "tentative", RK_FLAG_BOOL }, { "confirm", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag unassign_flags[] = { { "date", RK_FLAG_VALUE }, { NULL } };
static const RkFlag check_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag suggest_flags[] = {
  { "date", RK_FLAG_VALUE }, { "role", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};


extern int rk_cmd_settings (RkArgs *args);
extern int rk_cmd_settings_set (RkArgs *args);
extern const RkFlag rk_settings_flags[];
extern const RkFlag rk_settings_set_flags[];

extern int rk_cmd_export (RkArgs *args);
extern int rk_cmd_import (RkArgs *args);
extern const RkFlag rk_export_flags[];
extern const RkFlag rk_import_flags[];

extern int rk_cmd_venue_notice (RkArgs *args);
extern const RkFlag rk_venue_notice_flags[];

extern int rk_cmd_bench (RkArgs *args);
extern const RkFlag rk_bench_flags[];

extern int rk_cmd_attendance_set (RkArgs *args);
extern int rk_cmd_attendance_clear (RkArgs *args);
extern int rk_cmd_attendance_list (RkArgs *args);
extern int rk_cmd_report_annual (RkArgs *args);
extern const RkFlag rk_attendance_set_flags[];
extern const RkFlag rk_attendance_clear_flags[];
extern const RkFlag rk_attendance_list_flags[];
extern const RkFlag rk_report_annual_flags[];

extern int rk_cmd_server_init (RkArgs *args);
extern int rk_cmd_db_copy (RkArgs *args);
extern const RkFlag rk_server_init_flags[];
extern const RkFlag rk_db_copy_flags[];

static const RkCommand commands[] = {
  { "init", cmd_init, init_flags, 0, "init [--demo]" },
  { "staff add", cmd_staff_add, staff_add_flags, 0,
    "staff add --name NAME --role ROLE [--kana KANA] [--org ORG] [--phone P] [--email E]" },
  { "staff list", cmd_staff_list, staff_list_flags, 0, "staff list [--role ROLE] [--all] [--json]" },
  { "staff unavailable", cmd_staff_unavailable, staff_unavailable_flags, 1,
    "staff unavailable STAFF_ID --from TIME --to TIME [--reason TEXT]" },
  { "staff schedule", rk_cmd_staff_schedule, staff_schedule_flags, 1,
    "staff schedule STAFF_ID --month YYYY-MM [--json]" },
  { "staff availability", rk_cmd_staff_availability, rk_staff_availability_flags, 1,
    "staff availability STAFF_ID [--weekday MO,TU,...] [--between HH:MM-HH:MM[,...]] "
    "[--max-hours-week N] [--max-sessions-month N] [--clear] [--json]" },
  { "staff plan", rk_cmd_staff_plan, rk_staff_plan_flags, 0,
    "staff plan --from DATE --to DATE [--venue ID] [--apply] [--tentative] [--json]" },
  { "staff deactivate", cmd_staff_deactivate, no_flags, 1, "staff deactivate STAFF_ID" },
  { "staff activate", cmd_staff_activate, no_flags, 1, "staff activate STAFF_ID" },
  { "venue add", cmd_venue_add, venue_add_flags, 0,
    "venue add --name NAME [--address TEXT] [--contact TEXT] [--kind hub|health_centre] "
    "[--closed-on-holidays]" },
  { "venue list", cmd_venue_list, json_flags, 0, "venue list [--json]" },
  { "venue close", cmd_venue_close, venue_close_flags, 1,
    "venue close VENUE_ID (--date DATE | --from DATE --to DATE | --from MM-DD --to MM-DD | "
    "--weekday MO..SU) [--reason TEXT]" },
  { "venue notice", rk_cmd_venue_notice, rk_venue_notice_flags, 1,
    "venue notice VENUE_ID --month YYYY-MM (--text TEXT | --clear)" },
  { "room add", cmd_room_add, room_add_flags, 0,
    "room add --venue VENUE_ID --name NAME --capacity N [--features a,b]" },
  { "room list", cmd_room_list, room_list_flags, 0, "room list [--venue VENUE_ID] [--json]" },
  { "equipment add", cmd_equipment_add, equipment_add_flags, 0,
    "equipment add --name NAME [--venue VENUE_ID]" },
  { "equipment list", cmd_equipment_list, json_flags, 0, "equipment list [--json]" },
  { "program add", cmd_program_add, program_add_flags, 0,
    "program add --name NAME --requires REQS [--duration MINUTES] [--audience TEXT] "
    "[--bring TEXT] [--color #RRGGBB] [--staff-only]" },
  { "program list", cmd_program_list, json_flags, 0, "program list [--json]" },
  { "event add", rk_cmd_event_add, rk_event_add_flags, 0,
    "event add (--program ID | --title TEXT) --start TIME --end TIME [--room ROOM_ID] "
    "[--capacity N] [--repeat RRULE] [--skip-holidays] "
    "[--on-holiday skip|next-day|previous-day|keep] [--equipment ID,...] [--notes TEXT] "
    "[--tentative] [--skip-conflicts]" },
  { "event list", rk_cmd_event_list, event_list_flags, 0,
    "event list --from DATE --to DATE [--json]" },
  { "event cancel", rk_cmd_event_cancel, date_flags, 1, "event cancel EVENT_ID [--date DATE]" },
  { "event move", rk_cmd_event_move, move_flags, 1,
    "event move EVENT_ID --date DATE --to TIME" },
  { "event edit", rk_cmd_event_edit, rk_event_edit_flags, 1,
    "event edit EVENT_ID [--date DATE] [--scope this|following|all] [--no-repeat] "
    "[field flags as in add]" },
  { "event confirm", rk_cmd_event_confirm, unassign_flags, 1,
    "event confirm EVENT_ID [--date DATE]" },
  { "find-time", rk_cmd_find_time, rk_find_time_flags, 0,
    "find-time --duration MIN --from DATE --to DATE [--program ID | --requires REQS] "
    "[--room ID | --venue ID] [--equipment ID,...] [--weekday SU,...] "
    "[--between HH:MM-HH:MM] [--capacity N] [--limit N] [--json]" },
  { "assign", rk_cmd_assign, assign_flags, 2,
    "assign EVENT_ID STAFF_ID [--date DATE] [--tentative|--confirm]" },
  { "unassign", rk_cmd_unassign, unassign_flags, 2, "unassign EVENT_ID STAFF_ID [--date DATE]" },
  { "check", rk_cmd_check, check_flags, 0, "check [--from DATE --to DATE] [--json]" },
  { "suggest", rk_cmd_suggest, suggest_flags, 1,
    "suggest EVENT_ID [--date DATE] [--role ROLE] [--json]" },
  { "settings set", rk_cmd_settings_set, rk_settings_set_flags, 2, "settings set KEY VALUE" },
  { "settings", rk_cmd_settings, rk_settings_flags, 0, "settings [--json]" },
  { "holidays", rk_cmd_holidays, json_flags, 1, "holidays YEAR [--json]" },
  { "export", rk_cmd_export, rk_export_flags, 0,
    "export --month YYYY-MM --format pdf|ics|csv|text [--audience public|staff] "
    "[--venue VENUE_ID] [--encoding utf-8|shift_jis] [--orientation landscape|portrait] "
    "[--include-tentative] [--language ja|en] -o FILE | "
    "export --staff STAFF_ID|all --month YYYY-MM --format pdf|ics [--language ja|en] -o FILE|DIR | "
    "export --fiscal-year YYYY --format pdf [--venue ID] [--paper a4|a3] [--language ja|en] -o FILE" },
  { "import", rk_cmd_import, rk_import_flags, 1, "import FILE" },
  { "bench", rk_cmd_bench, rk_bench_flags, 0,
    "bench [--hubs N --staff N --years N] [--seed N] [--json] [--db PATH]" },
  { "attendance set", rk_cmd_attendance_set, rk_attendance_set_flags, 1,
    "attendance set EVENT_ID [--date DATE] [--families N] [--adults N] [--children N] "
    "[--pregnant N] [--residents N] [--nonresidents N] [--first-time N] "
    "[--consultations CAT=N[,CAT=N...]] [--notes TEXT]" },
  { "attendance clear", rk_cmd_attendance_clear, rk_attendance_clear_flags, 1,
    "attendance clear EVENT_ID [--date DATE]" },
  { "attendance list", rk_cmd_attendance_list, rk_attendance_list_flags, 0,
    "attendance list --from DATE --to DATE [--venue ID] [--json]" },
  { "report annual", rk_cmd_report_annual, rk_report_annual_flags, 0,
    "report annual --fiscal-year YYYY [--venue ID] --format xlsx|csv|pdf|json "
    "[--language ja|en] -o FILE" },
  { "server init", rk_cmd_server_init, rk_server_init_flags, 0,
    "server init [--coordinators ROLE] [--viewers ROLE]" },
  { "db copy", rk_cmd_db_copy, rk_db_copy_flags, 0, "db copy --from SRC --to DST [--json]" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: renkei-cli [--db PATH] COMMAND ..."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n", commands[i].usage);
}

static const RkFlag *
find_flag (const RkFlag *flags, const char *name)
{
  for (guint i = 0; flags[i].name; i++)
    if (g_strcmp0 (flags[i].name, name) == 0)
      return &flags[i];
  return NULL;
}

static int
run_command (const RkCommand *cmd, int argc, char **argv, const char *db_path)
{
  RkArgs args = { db_path, g_hash_table_new (g_str_hash, g_str_equal), g_ptr_array_new (), };
  int rc;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_has_prefix (arg, "--") && arg[2] != '\0')
        {
          g_autofree char *name = g_strdup (arg + 2);
          char *eq = strchr (name, '=');
          const char *value = NULL;
          const RkFlag *flag;

          if (eq)
            {
              *eq = '\0';
              value = arg + 2 + (eq - name) + 1;
            }
          flag = find_flag (cmd->flags, name);
          if (flag == NULL)
            {
              rc = rk_cli_input_error (_("Unknown option --%s for “%s”; usage: renkei-cli %s"),
                                       name, cmd->name, cmd->usage);
              goto out;
            }
          if (flag->kind == RK_FLAG_BOOL)
            {
              if (value)
                {
                  rc = rk_cli_input_error (_("--%s takes no value"), name);
                  goto out;
                }
              value = "";
            }
          else if (value == NULL)
            {
              if (i + 1 >= argc)
                {
                  rc = rk_cli_input_error (_("--%s needs a value; usage: renkei-cli %s"), name,
                                           cmd->usage);
                  goto out;
                }
              value = argv[++i];
            }
          g_hash_table_insert (args.flags, (gpointer) flag->name, (gpointer) value);
        }
      else if (g_strcmp0 (arg, "-o") == 0 && find_flag (cmd->flags, "o"))
        {
          if (i + 1 >= argc)
            {
              rc = rk_cli_input_error (_("-o needs a file name"));
              goto out;
            }
          g_hash_table_insert (args.flags, (gpointer) "o", argv[++i]);
        }
      else
        g_ptr_array_add (args.pos, (gpointer) arg);
    }

  if (args.pos->len != cmd->n_pos)
    {
      rc = rk_cli_input_error (_("Wrong number of arguments; usage: renkei-cli %s"), cmd->usage);
      goto out;
    }
  {
    /* A refused command leaves no database file behind that it created. */
    g_autofree char *path = db_path ? g_strdup (db_path) : rk_store_default_path ();
    gboolean fresh = !rk_store_is_server_uri (path) && !g_file_test (path, G_FILE_TEST_EXISTS);

    rc = cmd->func (&args);
    if (fresh && (rc == RK_EXIT_INPUT || rc == RK_EXIT_DATABASE))
      rk_store_remove_unused_file (path);
  }

out:
  g_hash_table_unref (args.flags);
  g_ptr_array_unref (args.pos);
  return rc;
}

int
rk_cli_main (int argc, char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *db_path = NULL;

  rk_cli_message_install (argc, argv);
  /* --db may stand before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--db") == 0)
        {
          if (i + 1 >= argc)
            return rk_cli_input_error (_("--db needs a database path"));
          db_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        db_path = argv[i] + 5;
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (rest->len == 0)
    {
      print_usage (stderr);
      return RK_EXIT_INPUT;
    }
  if (g_strcmp0 (g_ptr_array_index (rest, 0), "--help") == 0 ||
      g_strcmp0 (g_ptr_array_index (rest, 0), "help") == 0)
    {
      print_usage (stdout);
      return RK_EXIT_OK;
    }
  if (g_strcmp0 (g_ptr_array_index (rest, 0), "--version") == 0)
    {
      g_print ("renkei-cli %s\n", PACKAGE_VERSION);
      return RK_EXIT_OK;
    }

  /* Longest match first: "staff add" before a one-word command. */
  for (int words = 2; words >= 1; words--)
    {
      g_autofree char *name = NULL;

      if ((int) rest->len < words)
        continue;
      name = words == 2 ? g_strjoin (" ", (char *) g_ptr_array_index (rest, 0),
                                     (char *) g_ptr_array_index (rest, 1), NULL)
                        : g_strdup (g_ptr_array_index (rest, 0));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_strcmp0 (commands[i].name, name) == 0)
          return run_command (&commands[i], (int) rest->len - words,
                              (char **) rest->pdata + words, db_path);
    }
  /* A known group with an unknown sub-command: name the ones it has. */
  {
    const char *group = g_ptr_array_index (rest, 0);
    g_autoptr(GString) subs = g_string_new (NULL);
    gsize len = strlen (group);

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (strncmp (commands[i].name, group, len) == 0 && commands[i].name[len] == ' ')
        g_string_append_printf (subs, "%s%s", subs->len ? ", " : "", commands[i].name + len + 1);
    if (subs->len)
      return rk_cli_input_error (_("Unknown command “%s %s”; “%s” takes one of: %s"), group,
                                 rest->len > 1 ? (char *) g_ptr_array_index (rest, 1) : "",
                                 group, subs->str);
  }
  return rk_cli_input_error (_("Unknown command “%s”; run renkei-cli --help for the list"),
                             (char *) g_ptr_array_index (rest, 0));
}
