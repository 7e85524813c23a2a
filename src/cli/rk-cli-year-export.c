#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-cli-handouts.h"
#include "rk-output.h"
#include "rk-time.h"
#include "rk-year-sheet.h"

/* export --fiscal-year YYYY --format pdf [--venue ID] [--paper a4|a3] -o FILE:
 * the year plan on one sheet, for the wall. */

static const char * const not_with_year[] = {
  "month", "staff", "audience", "encoding", "orientation", "include-tentative", NULL
};

int
rk_cli_export_year (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkYearSheet) sheet = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const char *format = NULL, *paper = "a4", *path = NULL;
  gint64 venue_id = 0;
  int year = 0;
  RkPrintLanguage language;
  gsize length = 0;
  const void *data;

  if (!rk_cli_refuse_flags (args, "--fiscal-year", not_with_year, &error) ||
      !rk_args_int (args, "fiscal-year", TRUE, RK_FIRST_YEAR, RK_LAST_YEAR - 1, &year, &error) ||
      !rk_args_text (args, "format", FALSE, &format, &error) ||
      !rk_args_text (args, "paper", FALSE, &paper, &error) ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error) ||
      !rk_args_text (args, "o", FALSE, &path, &error))
    return rk_cli_fail (error);
  if (g_strcmp0 (format, "pdf") != 0)
    return rk_cli_input_error (_("--fiscal-year exports --format pdf, not “%s”"),
                               format ? format : "");
  if (g_ascii_strcasecmp (paper, "a4") != 0 && g_ascii_strcasecmp (paper, "a3") != 0)
    return rk_cli_input_error (_("--%s must be %s, not “%s”"), "paper", "a4|a3", paper);
  if (path == NULL || *path == '\0')
    return rk_cli_input_error (_("-o FILE is required: where to write the export"));
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_print_language (args, store, &language, &error))
    return rk_cli_fail (error);
  sheet = rk_year_sheet_new (store, year, venue_id, language, &error);
  if (sheet == NULL || (pdf = rk_year_sheet_pdf (sheet, g_ascii_strcasecmp (paper, "a3") == 0,
                                                 &error)) == NULL)
    return rk_cli_fail (error);
  data = g_bytes_get_data (pdf, &length);
  /* public, like the month's sheet for families */
  if (!rk_output_write_file (path, data, length, FALSE, &error))
    return rk_cli_fail (error);
  return RK_EXIT_OK;
}
