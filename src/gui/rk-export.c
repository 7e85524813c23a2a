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

/* ---- through the worker ------------------------------------------------- */

typedef struct
{
  int             year, month;
  RkExportFormat  format;
  gboolean        staff, whole, shift_jis;
  char           *path;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job);
}

/* In the worker thread: read and written there, the window never waits. */
static gpointer
job_run (RkStore *store, gpointer data, GError **error)
{
  Job *job = data;

  if (!rk_export_write_encoded (store, job->year, job->month, job->format, job->staff,
                                job->whole, job->shift_jis, job->path, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
rk_export_write_async (RkStoreWorker       *worker,
                       int                  year,
                       int                  month,
                       RkExportFormat       format,
                       gboolean             staff,
                       gboolean             whole,
                       gboolean             shift_jis,
                       const char          *path,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->year = year;
  job->month = month;
  job->format = format;
  job->staff = staff;
  job->whole = whole;
  job->shift_jis = shift_jis;
  job->path = g_strdup (path);
  rk_store_worker_run_async (worker, job_run, job, job_free, NULL, NULL, callback, user_data);
}

gboolean
rk_export_write_finish (RkStoreWorker  *worker,
                        GAsyncResult   *result,
                        GError        **error)
{
  return rk_store_worker_run_finish (worker, result, error) != NULL;
}

/* ---- the dialog --------------------------------------------------------- */

typedef struct
{
  GtkWindow      *parent;
  RkStoreWorker  *worker;
  int             year, month;
  RkExportFormat  format;
  char           *path;
} Export;

static void
export_free (Export *ex)
{
  g_clear_object (&ex->parent);
  g_clear_object (&ex->worker);
  g_free (ex->path);
  g_free (ex);
}

static void
tell (GtkWindow *parent, const char *message)
{
  rk_gui_toast (GTK_WIDGET (parent), message, FALSE);
}

static void
written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Export *ex = user_data;
  g_autoptr(GError) error = NULL;

  if (!rk_export_write_finish (RK_STORE_WORKER (source), result, &error))
    tell (ex->parent, error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (ex->path);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), base);

      tell (ex->parent, message);
    }
  export_free (ex);
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

      if (path == NULL)
        tell (ex->parent, _("Choose a local file to export to"));
      else
        {
          /* Told with a toast when the worker has written it. */
          ex->path = g_strdup (path);
          rk_export_write_async (ex->worker, ex->year, ex->month, ex->format,
                                 g_strcmp0 (audience, "staff") == 0,
                                 g_strcmp0 (range, "all") == 0,
                                 g_strcmp0 (encoding, "shift_jis") == 0, path, written, ex);
          ex = NULL;
        }
    }
  g_clear_pointer (&ex, export_free);
  g_object_unref (native);
}

void
rk_export_choose (GtkWindow       *parent,
                  RkStoreWorker   *worker,
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
  ex->worker = g_object_ref (worker);
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
