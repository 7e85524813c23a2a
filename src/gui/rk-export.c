#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-csv.h"
#include "rk-error.h"
#include "rk-export.h"
#include "rk-gui-util.h"
#include "rk-ical.h"
#include "rk-output.h"

gboolean
rk_export_write (RkStore         *store,
                 int              year,
                 int              month,
                 RkExportFormat   format,
                 gboolean         staff,
                 gboolean         whole,
                 const char      *path,
                 GError         **error)
{
  return rk_export_write_encoded (store, year, month, format, staff, whole, FALSE, path, error);
}

gboolean
rk_export_write_encoded (RkStore         *store,
                         int              year,
                         int              month,
                         RkExportFormat   format,
                         gboolean         staff,
                         gboolean         whole,
                         gboolean         shift_jis,
                         const char      *path,
                         GError         **error)
{
  RkExportOptions options = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  if (!(format == RK_EXPORT_ICS && whole))
    {
      options.from = rk_day_from_ymd (year, month, 1);
      options.to = options.from + rk_days_in_month (year, month) - 1;
    }
  options.staff = staff;
  if (format == RK_EXPORT_ICS)
    {
      char *text = rk_ical_export_store (store, &options, error);

      if (text == NULL)
        return FALSE;
      bytes = g_bytes_new_take (text, strlen (text));
    }
  else
    {
      /* Shift_JIS for the spreadsheets and systems that read nothing else. */
      bytes = rk_csv_export_store (store, &options, shift_jis ? RK_CSV_SHIFT_JIS : RK_CSV_UTF8,
                                   error);
      if (bytes == NULL)
        return FALSE;
    }
  /* The whole file or nothing, a link followed, the staff version 0600. */
  return rk_output_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               staff, error);
}

typedef struct
{
  GtkWindow      *parent;
  RkStore        *store;
  int             year, month;
  RkExportFormat  format;
} Export;

static void
tell (GtkWindow *parent, const char *message)
{
  rk_gui_toast (GTK_WIDGET (parent), message, FALSE);
}

static void
on_response (GtkNativeDialog *native,
             int              response,
             Export          *ex)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *audience = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "audience");
      const char *range = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "range");
      const char *encoding = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "encoding");
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        tell (ex->parent, _("Choose a local file to export to"));
      else if (!rk_export_write_encoded (ex->store, ex->year, ex->month, ex->format,
                                         g_strcmp0 (audience, "staff") == 0,
                                         g_strcmp0 (range, "all") == 0,
                                         g_strcmp0 (encoding, "shift_jis") == 0, path, &error))
        tell (ex->parent, error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *message = g_strdup_printf (_("Exported “%s”"), base);
          tell (ex->parent, message);
        }
    }
  g_clear_object (&ex->parent);
  g_clear_object (&ex->store);
  g_free (ex);
  g_object_unref (native);
}

void
rk_export_choose (GtkWindow       *parent,
                  RkStore         *store,
                  int              year,
                  int              month,
                  RkExportFormat   format)
{
  static const char *audiences[] = { "public", "staff", NULL };
  static const char *ranges[] = { "month", "all", NULL };
  const char *audience_labels[] = { _("Families (public)"), C_("print version", "Staff"), NULL };
  const char *range_labels[] = { _("The month shown"), _("Every event"), NULL };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GSettings) settings = rk_gui_settings ();
  g_autofree char *audience = settings ? g_settings_get_string (settings, "print-audience") : NULL;
  gboolean ics = format == RK_EXPORT_ICS;
  g_autofree char *name = g_strdup_printf ("renkei-%04d-%02d.%s", year, month, ics ? "ics" : "csv");
  GtkFileChooserNative *native;
  Export *ex = g_new0 (Export, 1);

  ex->parent = parent ? g_object_ref (parent) : NULL;
  ex->store = g_object_ref (store);
  ex->year = year;
  ex->month = month;
  ex->format = format;

  native = gtk_file_chooser_native_new (ics ? _("Export Calendar File") : _("Export Spreadsheet"),
                                        parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                        _("_Cancel"));
  if (ics)
    {
      gtk_file_filter_set_name (filter, _("iCalendar files"));
      gtk_file_filter_add_mime_type (filter, "text/calendar");
      gtk_file_filter_add_suffix (filter, "ics");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "audience", _("Version"), audiences,
                               audience_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "audience",
                               g_strcmp0 (audience, "staff") == 0 ? "staff" : "public");
  if (ics)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "range", _("Events"), ranges,
                                   range_labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "range", "month");
    }
  else
    {
      static const char *encodings[] = { "utf-8", "shift_jis", NULL };
      const char *encoding_labels[] = { _("UTF-8"), _("Shift_JIS (older Excel, office systems)"),
                                        NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "encoding", _("Encoding"),
                                   encodings, encoding_labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "encoding", "utf-8");
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_response), ex);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
