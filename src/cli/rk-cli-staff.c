#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-cli-private.h"

/* The staff commands: add, list, away, (de)activate. */

static gboolean
role_arg (RkArgs *args, const char *name, gboolean required, int *role, GError **error)
{
  const char *v = rk_args_get (args, name);

  if (v == NULL)
    return required ? rk_args_missing (name, error) : TRUE;
  *role = rk_role_from_token (v);
  if (*role < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Unknown role “%s”; use one of: %s"), v,
                   rk_role_tokens ());
      return FALSE;
    }
  return TRUE;
}

int
rk_cmd_staff_add (RkArgs *args)
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
  return rk_cli_add_and_print (args, G_OBJECT (staff));
}

static void
staff_json (JsonBuilder *b, gpointer item, gpointer data)
{
  RkStaff *s = item;

  rk_json_add_id (b, "staff_id", rk_staff_get_id (s));
  rk_json_add_string (b, "name", rk_staff_get_name (s));
  rk_json_add_string (b, "kana", rk_staff_get_kana (s));
  rk_json_add_string (b, "role", rk_staff_get_role (s));
  rk_json_add_string (b, "org", rk_staff_get_org (s));
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, rk_staff_get_active (s));
}

static void
staff_line (gpointer item, gpointer data)
{
  RkStaff *s = item;

  g_print ("%" PRId64 "\t%s\t%s\t%s\t%s%s\n", rk_staff_get_id (s),
           rk_staff_get_name (s), rk_staff_get_kana (s) ? rk_staff_get_kana (s) : "",
           rk_role_label (rk_role_from_token (rk_staff_get_role (s))),
           rk_staff_get_org (s) ? rk_staff_get_org (s) : "",
           rk_staff_get_active (s) ? "" : _("\t(inactive)"));
}

int
rk_cmd_staff_list (RkArgs *args)
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
  return rk_cli_print_list (args, list, staff_json, staff_line, NULL);
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

int
rk_cmd_staff_unavailable (RkArgs *args)
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

int
rk_cmd_staff_deactivate (RkArgs *args)
{
  return staff_set_active (args, FALSE);
}

int
rk_cmd_staff_activate (RkArgs *args)
{
  return staff_set_active (args, TRUE);
}
