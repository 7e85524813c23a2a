#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-attendance.h"
#include "rk-cli-private.h"
#include "rk-timezone.h"

const RkFlag rk_settings_flags[] = { { "json", RK_FLAG_BOOL }, { NULL } };
const RkFlag rk_settings_set_flags[] = { { NULL } };

typedef struct
{
  const char *key;
  const char *help;
} Setting;

/* The settings a coordinator may change; the values are checked below. */
static const Setting settings[] = {
  { "timezone", N_("IANA time zone of the event times, e.g. Asia/Tokyo") },
  { "travel_gap_minutes", N_("minutes a person needs between two venues (0 to 240)") },
  { "tentative_days", N_("days before a tentative event that check reports it (0 to 365)") },
  { "week_start", N_("first day of the week on calendars: sunday or monday") },
  { "fiscal_year_start", N_("month the fiscal year starts in (1 to 12; 4 is April)") },
  { "attendance_due_days", N_("days after an occurrence that check asks for its attendance "
                              "(0 to 365)") },
  { "consultation_categories", N_("consultation categories of the attendance records, a comma "
                                  "list") },
};

/* What a setting is when the database holds no value for it. */
static const char *
default_value (const char *key)
{
  if (g_strcmp0 (key, "fiscal_year_start") == 0)
    return "4";
  if (g_strcmp0 (key, "attendance_due_days") == 0)
    return "7";
  if (g_strcmp0 (key, "consultation_categories") == 0)
    return RK_DEFAULT_CONSULTATION_CATEGORIES;
  return NULL;
}

static gboolean
valid_int (const char *value, int min, int max)
{
  char *end = NULL;
  gint64 n = g_ascii_strtoll (value, &end, 10);

  return *value && *end == '\0' && n >= min && n <= max;
}

static gboolean
validate (const char *key, const char *value, GError **error)
{
  gboolean ok = TRUE;

  if (g_strcmp0 (key, "timezone") == 0)
    {
      /* a name of the tz database, never a path or a POSIX rule */
      g_autoptr(GTimeZone) tz = rk_timezone_new (value);
      ok = tz != NULL;
    }
  else if (g_strcmp0 (key, "travel_gap_minutes") == 0)
    ok = valid_int (value, 0, 240);
  else if (g_strcmp0 (key, "tentative_days") == 0)
    ok = valid_int (value, 0, 365);
  else if (g_strcmp0 (key, "week_start") == 0)
    ok = g_strcmp0 (value, "sunday") == 0 || g_strcmp0 (value, "monday") == 0;
  else if (g_strcmp0 (key, "fiscal_year_start") == 0)
    ok = valid_int (value, 1, 12);
  else if (g_strcmp0 (key, "attendance_due_days") == 0)
    ok = valid_int (value, 0, 365);
  else if (g_strcmp0 (key, "consultation_categories") == 0)
    return rk_consultation_categories_valid (value, error);
  else
    {
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
        g_string_append_printf (keys, "%s%s", i ? ", " : "", settings[i].key);
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Unknown setting “%s”; use one of: %s"), key,
                   keys->str);
      return FALSE;
    }
  if (!ok)
    for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
      if (g_strcmp0 (settings[i].key, key) == 0)
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("“%s” is not a valid %s: %s"), value, key,
                     _(settings[i].help));
  return ok;
}

int
rk_cmd_settings (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (store == NULL)
    return rk_cli_fail (error);
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *value = rk_store_get_setting (store, settings[i].key);

      if (value == NULL)
        value = g_strdup (default_value (settings[i].key));

      if (rk_args_has (args, "json"))
        rk_json_add_string (b, settings[i].key, value);
      else
        g_print ("%s\t%s\t%s\n", settings[i].key, value ? value : "", _(settings[i].help));
    }
  json_builder_end_object (b);
  if (rk_args_has (args, "json"))
    rk_cli_print_builder (b);
  return RK_EXIT_OK;
}

typedef struct
{
  const char *key, *value;
} SetOp;

static gboolean
set_tx (RkStore *store, gpointer data, GError **error)
{
  SetOp *op = data;

  return rk_store_set_setting (store, op->key, op->value, error);
}

int
rk_cmd_settings_set (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  SetOp op = { g_ptr_array_index (args->pos, 0), g_ptr_array_index (args->pos, 1) };

  if (!validate (op.key, op.value, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, set_tx, &op, &error))
    return rk_cli_fail (error);
  return RK_EXIT_OK;
}
