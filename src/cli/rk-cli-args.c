#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-cli-message.h"
#include "rk-cli-private.h"

/* What the commands share: errors and output, the flags, the store opened
 * and one transaction, and adding one object. */

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

int
rk_cli_print_list (RkArgs        *args,
                   GPtrArray     *list,
                   RkCliItemJson  json,
                   RkCliItemLine  line,
                   gpointer       data)
{
  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          json_builder_begin_object (b);
          json (b, g_ptr_array_index (list, i), data);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      return rk_cli_print_builder (b);
    }
  for (guint i = 0; i < list->len; i++)
    line (g_ptr_array_index (list, i), data);
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

gboolean
rk_args_missing (const char *name, GError **error)
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
    return required ? rk_args_missing (name, error) : TRUE;
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
    return required ? rk_args_missing (name, error) : TRUE;
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
    return required ? rk_args_missing (name, error) : TRUE;
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
    return required ? rk_args_missing (name, error) : TRUE;
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
    return required ? rk_args_missing (name, error) : TRUE;
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

/* ---- adding one object -------------------------------------------------- */

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
int
rk_cli_add_and_print (RkArgs *args, GObject *obj)
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
