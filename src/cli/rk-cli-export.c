#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rk-cli-handouts.h"
#include "rk-cli-private.h"
#include "rk-csv.h"
#include "rk-ical.h"
#include "rk-month-report.h"
#include "rk-newsletter.h"
#include "rk-output.h"

const RkFlag rk_export_flags[] = {
  { "month", RK_FLAG_VALUE }, { "format", RK_FLAG_VALUE }, { "audience", RK_FLAG_VALUE },
  { "venue", RK_FLAG_VALUE }, { "encoding", RK_FLAG_VALUE }, { "orientation", RK_FLAG_VALUE },
  { "include-tentative", RK_FLAG_BOOL }, { "o", RK_FLAG_VALUE }, { "language", RK_FLAG_VALUE },
  { "staff", RK_FLAG_VALUE }, { "fiscal-year", RK_FLAG_VALUE }, { "paper", RK_FLAG_VALUE },
  { NULL }
};

const RkFlag rk_import_flags[] = { { NULL } };

typedef enum
{
  FORMAT_PDF,
  FORMAT_ICS,
  FORMAT_CSV,
  FORMAT_TEXT,
} Format;

/* Returns the index of value in choices, or -1 (and error naming the flag). */
static int
choice (RkArgs *args, const char *name, const char * const *choices, int fallback,
        GError **error)
{
  const char *v = rk_args_get (args, name);
  g_autofree char *list = NULL;

  if (v == NULL)
    return fallback;
  for (int i = 0; choices[i]; i++)
    if (g_ascii_strcasecmp (v, choices[i]) == 0)
      return i;
  list = g_strjoinv ("|", (char **) choices);
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("--%s must be %s, not “%s”"), name, list, v);
  return -1;
}

/* Where the export goes: see rk-output.h (the whole file or nothing,
 * devices and pipes written into, links followed, read-only files
 * refused; staff versions 0600). */
static gboolean
write_output (const char *path, const char *data, gsize length, gboolean private,
              GError **error)
{
  return rk_output_write_file (path, data, length, private, error);
}

gboolean
rk_cli_print_language (RkArgs *args, RkStore *store, RkPrintLanguage *out, GError **error)
{
  const char *v = rk_args_get (args, "language");

  if (v == NULL)
    {
      *out = rk_print_language_from_store (store);
      return TRUE;
    }
  if (rk_print_language_parse (v, out))
    return TRUE;
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("--%s must be %s, not “%s”"), "language",
               "ja|en", v);
  return FALSE;
}

gboolean
rk_cli_write_output (const char *path, const char *data, gsize length, GError **error)
{
  return write_output (path, data, length, FALSE, error);
}

static gboolean
export_pdf (RkStore *store, RkExportOptions *ex, int year, int month, gboolean portrait,
            RkPrintLanguage language, const char *path, GError **error)
{
  g_autoptr(RkMonthReport) report = NULL;
  g_autofree char *week_start = rk_store_get_setting (store, "week_start");
  g_autofree char *tmp = NULL;
  RkReportOptions opts = { 0 };
  int fd;

  opts.year = year;
  opts.month = month;
  opts.audience = ex->staff ? RK_AUDIENCE_STAFF : RK_AUDIENCE_PUBLIC;
  opts.venue_id = ex->venue_id;
  opts.portrait = portrait;
  opts.monday_first = g_strcmp0 (week_start, "monday") == 0;
  opts.include_tentative = ex->include_tentative;
  opts.language = language;

  report = rk_month_report_new (store, &opts, error);
  if (report == NULL)
    return FALSE;
  /* Drawn into a private temporary file, then written where asked. */
  {
    g_autofree char *data = NULL;
    gsize length = 0;
    gboolean ok;

    fd = g_file_open_tmp ("renkei-XXXXXX.pdf", &tmp, error);
    if (fd < 0)
      return FALSE;
    close (fd);
    ok = rk_month_report_write_pdf (report, tmp, error) &&
         g_file_get_contents (tmp, &data, &length, error) &&
         write_output (path, data, length, ex->staff, error);
    g_unlink (tmp);
    return ok;
  }
}

/* --encoding utf-8|shift_jis, and the other names of Shift_JIS as Windows
 * writes it (cp932, windows-31j). */
static gboolean
encoding_flag (RkArgs *args, RkCsvEncoding *out, GError **error)
{
  const char *v = rk_args_get (args, "encoding");

  *out = RK_CSV_UTF8;
  if (v == NULL || rk_csv_encoding_from_name (v, out))
    return TRUE;
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("--encoding must be utf-8 or shift_jis (Windows-31J, also called cp932), "
                 "not “%s”"), v);
  return FALSE;
}

int
rk_cmd_export (RkArgs *args)
{
  static const char * const formats[] = { "pdf", "ics", "csv", "text", NULL };
  static const char * const audiences[] = { "public", "staff", NULL };
  static const char * const orientations[] = { "landscape", "portrait", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  RkExportOptions ex = { 0 };
  const char *month_text = NULL, *path = NULL;
  int year, month, format, audience, orientation;
  RkCsvEncoding encoding;
  gint64 venue_id = 0;
  RkPrintLanguage language;

  if (rk_args_has (args, "fiscal-year"))
    return rk_cli_export_year (args);
  if (!rk_args_text (args, "month", TRUE, &month_text, &error))
    return rk_cli_fail (error);
  if (!rk_month_parse (month_text, &year, &month))
    return rk_cli_input_error (_("--month must be a month written YYYY-MM, for example 2026-12, "
                                 "not “%s”"),
                               month_text);
  if (!rk_args_has (args, "format"))
    return rk_cli_input_error (_("--format is required: pdf, ics, csv or text"));
  if ((format = choice (args, "format", formats, -1, &error)) < 0 ||
      (audience = choice (args, "audience", audiences, 0, &error)) < 0 ||
      !encoding_flag (args, &encoding, &error) ||
      (orientation = choice (args, "orientation", orientations, 0, &error)) < 0 ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error) ||
      !rk_args_text (args, "o", FALSE, &path, &error))
    return rk_cli_fail (error);
  if (path == NULL || *path == '\0')
    return rk_cli_input_error (_("-o FILE is required: where to write the export"));
  if (rk_args_has (args, "staff"))
    {
      if (format != FORMAT_PDF && format != FORMAT_ICS)
        return rk_cli_input_error (_("--staff exports --format pdf or ics"));
      return rk_cli_export_staff (args, year, month, format == FORMAT_ICS, path);
    }
  if (encoding == RK_CSV_SHIFT_JIS && format != FORMAT_CSV)
    return rk_cli_input_error (_("--encoding shift_jis is for --format csv only; iCalendar and "
                                 "PDF files are always UTF-8"));

  ex.from = rk_day_from_ymd (year, month, 1);
  ex.to = rk_day_from_ymd (year, month, rk_days_in_month (year, month));
  ex.staff = audience == 1;
  ex.venue_id = venue_id;
  ex.include_tentative = rk_args_has (args, "include-tentative");

  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_print_language (args, store, &language, &error))
    return rk_cli_fail (error);
  if (venue_id > 0)
    {
      g_autoptr(RkVenue) venue = rk_store_get_venue (store, venue_id, &error);
      if (venue == NULL)
        return rk_cli_fail (error);
    }

  switch (format)
    {
    case FORMAT_ICS:
      {
        g_autofree char *text = rk_ical_export_store (store, &ex, &error);

        if (text == NULL || !write_output (path, text, strlen (text), ex.staff, &error))
          return rk_cli_fail (error);
        break;
      }
    case FORMAT_CSV:
      {
        g_autoptr(GBytes) bytes = rk_csv_export_store (store, &ex, encoding, &error);
        gsize length = 0;
        const char *data;

        if (bytes == NULL)
          return rk_cli_fail (error);
        data = g_bytes_get_data (bytes, &length);
        if (!write_output (path, data, length, ex.staff, &error))
          return rk_cli_fail (error);
        break;
      }
    case FORMAT_TEXT:
      {
        g_autofree char *text = rk_newsletter_text (store, year, month, venue_id,
                                                    ex.include_tentative, language, &error);

        if (text == NULL || !write_output (path, text, strlen (text), FALSE, &error))
          return rk_cli_fail (error);
        break;
      }
    case FORMAT_PDF:
    default:
      if (!export_pdf (store, &ex, year, month, orientation == 1, language, path, &error))
        return rk_cli_fail (error);
      break;
    }
  return RK_EXIT_OK;
}

/* ---- import ------------------------------------------------------------- */

typedef struct
{
  const char    *data;
  gsize          length;
  gboolean       ics;
  RkImportStats  stats;
} ImportOp;

static gboolean
import_tx (RkStore *store, gpointer data, GError **error)
{
  ImportOp *op = data;

  if (op->ics)
    return rk_ical_import (store, op->data, op->length, &op->stats, error);
  return rk_csv_import (store, op->data, op->length, &op->stats, error);
}

int
rk_cmd_import (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autofree char *contents = NULL;
  const char *path = g_ptr_array_index (args->pos, 0);
  ImportOp op = { 0 };
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    return rk_cli_input_error (_("Cannot read %s: %s"), path, local->message);
  op.data = contents;
  op.length = length;
  /* By content; the name only decides for a file that is neither. */
  op.ics = rk_ical_detect (contents, length) ||
           (g_str_has_suffix (path, ".ics") || g_str_has_suffix (path, ".ICS") ||
            g_str_has_suffix (path, ".ical") || g_str_has_suffix (path, ".ifb"));

  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (!rk_cli_transaction (store, import_tx, &op, &error))
    {
      rk_import_stats_clear (&op.stats);
      g_prefix_error (&error, "%s: ", path);
      return rk_cli_fail (error);
    }
  if (op.stats.unchanged > 0)
    {
      guint n = op.stats.created + op.stats.updated + op.stats.unchanged;

      /* what the database had already, as the file has it */
      g_print (ngettext ("Imported %u event: %u new, %u updated, %u unchanged\n",
                         "Imported %u events: %u new, %u updated, %u unchanged\n", n),
               n, op.stats.created, op.stats.updated, op.stats.unchanged);
    }
  else
    g_print (ngettext ("Imported %u event: %u new, %u updated\n",
                       "Imported %u events: %u new, %u updated\n",
                       op.stats.created + op.stats.updated),
             op.stats.created + op.stats.updated, op.stats.created, op.stats.updated);
  if (op.stats.skipped > 0)
    g_print (ngettext ("Skipped %u item that is not an event\n",
                       "Skipped %u items that are not events\n", op.stats.skipped),
             op.stats.skipped);
  /* What was read differently from the file, one line per event. */
  for (guint i = 0; op.stats.notes && i < op.stats.notes->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (op.stats.notes, i));
  rk_import_stats_clear (&op.stats);
  return RK_EXIT_OK;
}
