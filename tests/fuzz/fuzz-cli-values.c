#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "rk-cli-message.h"
#include "rk-cli-private.h"
#include "rk-location.h"
#include "rk-roles.h"
#include "rk-time.h"

/* The values renkei-cli reads from its command line: ids, dates, times,
 * months, ranges, counts, id lists, tokens, database locations (masked in
 * every message) and the cleaning of the messages that quote them.  Input:
 * one byte choosing the flag, then its value. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char * const flags[] = { "from", "to", "start", "end", "date", "capacity", "room",
                                      "equipment", "month", NULL };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *value = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GPtrArray) pos = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *masked = NULL, *scrubbed = NULL, *clean = NULL, *message = NULL;
  g_auto(GStrv) secrets = NULL;
  const char *flag;
  RkArgs args;
  GError *error = NULL;
  RkMinute minute;
  RkDay day, from = 0, to = 0;
  gint64 id;
  int n, year, month;

  if (size < 1 || size > 65536)
    return 0;
  flag = flags[data[0] % (G_N_ELEMENTS (flags) - 1)];
  value = g_strndup ((const char *) data + 1, size - 1);

  table = g_hash_table_new (g_str_hash, g_str_equal);
  pos = g_ptr_array_new ();
  g_hash_table_insert (table, (gpointer) flag, value);
  args = (RkArgs) { NULL, table, pos };

  rk_args_id (&args, flag, FALSE, &id, &error);
  g_clear_error (&error);
  rk_args_int (&args, flag, FALSE, 0, 100000, &n, &error);
  g_clear_error (&error);
  rk_args_date (&args, flag, FALSE, &day, &error);
  g_clear_error (&error);
  rk_args_time (&args, flag, FALSE, &minute, &error);
  g_clear_error (&error);
  if (rk_args_id_list (&args, flag, &ids, &error))
    for (guint i = 0; ids && i < ids->len; i++)
      if (g_array_index (ids, gint64, i) <= 0)
        abort ();
  g_clear_error (&error);
  if (rk_parse_id (value, "ID", &id, &error) && id <= 0)
    abort ();
  g_clear_error (&error);
  if (rk_date_parse (value, &day))
    {
      char buf[16];

      /* what is read is written back the same way */
      rk_date_format_buf (day, buf);
      if (!rk_date_parse (buf, &from) || from != day)
        abort ();
    }
  if (rk_month_parse (value, &year, &month) && (month < 1 || month > 12))
    abort ();
  rk_time_parse (value, &minute);
  (void) to;
  rk_role_from_token (value);
  rk_policy_from_token (value);

  /* a location's password never survives its masking */
  masked = rk_location_mask (value);
  secrets = rk_location_secrets (value);
  message = g_strdup_printf ("cannot open %s", value);
  scrubbed = rk_location_scrub (value, message);
  if (rk_location_has_password (value))
    for (guint i = 0; secrets[i]; i++)
      if (strlen (secrets[i]) >= 4 && strstr (scrubbed, secrets[i]) && !strstr (value, "***"))
        abort ();

  /* a message quoting the value: one line per line, none overlong */
  {
    char *argv[] = { (char *) "renkei-cli", value, NULL };

    rk_cli_message_set_args (2, argv);
    clean = rk_cli_message_clean (message);
    if (strchr (clean, '\n') || g_utf8_strlen (clean, -1) > 1001 || !g_utf8_validate (clean, -1, NULL))
      abort ();
    rk_cli_message_set_args (0, NULL);
  }
  return 0;
}
