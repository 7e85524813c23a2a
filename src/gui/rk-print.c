#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-print.h"
#include "rk-print-job.h"

#ifdef HAVE_RENKEI_REPORT
#include "rk-month-report.h"
#endif

static void
tell (GtkWindow *parent, const char *message)
{
  rk_gui_toast (GTK_WIDGET (parent), message, FALSE);
}

/* Preferences: this computer's default orientation and version. */
static gboolean
default_is (const char *key, const char *value)
{
  g_autoptr(GSettings) settings = rk_gui_settings ();
  g_autofree char *now = settings ? g_settings_get_string (settings, key) : NULL;

  return g_strcmp0 (now, value) == 0;
}

gboolean
rk_print_available (void)
{
#ifdef HAVE_RENKEI_REPORT
  return TRUE;
#else
  return FALSE;
#endif
}

#ifdef HAVE_RENKEI_REPORT

/* Touches no GTK and no settings object: the worker makes reports too. */
static RkMonthReport *
make_report_oriented (RkStore   *store,
                      int        year,
                      int        month,
                      gboolean   staff,
                      gboolean   portrait,
                      GError   **error)
{
  RkReportOptions options = { 0 };
  g_autofree char *week_start = rk_store_get_setting (store, "week_start");

  options.year = year;
  options.month = month;
  options.audience = staff ? RK_AUDIENCE_STAFF : RK_AUDIENCE_PUBLIC;
  options.monday_first = g_strcmp0 (week_start, "monday") == 0;
  options.portrait = portrait;
  options.language = rk_print_language_from_store (store);
  return rk_month_report_new (store, &options, error);
}

static RkMonthReport *
make_report (RkStore *store, int year, int month, gboolean staff, GError **error)
{
  return make_report_oriented (store, year, month, staff,
                               default_is ("print-orientation", "portrait"), error);
}

gboolean
rk_print_write_pdf (RkStore     *store,
                    int          year,
                    int          month,
                    gboolean     staff,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(RkMonthReport) report = make_report (store, year, month, staff, error);

  return report != NULL && rk_month_report_write_pdf (report, path, error);
}

/* In the worker: the month read and the PDF written there. */
typedef struct
{
  int       year, month;
  gboolean  staff, portrait;
  char     *path;
} PdfJob;

static void
pdf_job_free (gpointer data)
{
  PdfJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gpointer
pdf_job_run (RkStore *store, gpointer data, GError **error)
{
  PdfJob *job = data;
  g_autoptr(RkMonthReport) report = make_report_oriented (store, job->year, job->month,
                                                          job->staff, job->portrait, error);

  if (report == NULL || !rk_month_report_write_pdf (report, job->path, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
rk_print_write_pdf_async (RkStoreWorker       *worker,
                          int                  year,
                          int                  month,
                          gboolean             staff,
                          const char          *path,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  PdfJob *job = g_new0 (PdfJob, 1);

  job->year = year;
  job->month = month;
  job->staff = staff;
  job->portrait = default_is ("print-orientation", "portrait");
  job->path = g_strdup (path);
  rk_store_worker_run_async (worker, pdf_job_run, job, pdf_job_free, NULL, NULL, callback,
                             user_data);
}

gboolean
rk_print_write_pdf_finish (RkStoreWorker  *worker,
                           GAsyncResult   *result,
                           GError        **error)
{
  return rk_store_worker_run_finish (worker, result, error) != NULL;
}

/* ---- the month's report, read by the worker ---------------------------- */

typedef struct
{
  int       year, month;
  gboolean  staff, portrait;
} ReportJob;

static gpointer
report_job_run (RkStore *store, gpointer data, GError **error)
{
  ReportJob *job = data;

  return make_report_oriented (store, job->year, job->month, job->staff, job->portrait, error);
}

/* In the orientation this computer's settings say. */
static ReportJob *
report_job_new (int year, int month, gboolean staff)
{
  ReportJob *job = g_new0 (ReportJob, 1);

  job->year = year;
  job->month = month;
  job->staff = staff;
  job->portrait = default_is ("print-orientation", "portrait");
  return job;
}

/* The report of year-month (staff: the staff version) made in the worker,
 * in the orientation the settings say; finished with
 * rk_store_worker_run_finish() (the report, or NULL with the error). */
static void
read_report (RkStoreWorker       *worker,
             int                  year,
             int                  month,
             gboolean             staff,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  rk_store_worker_run_async (worker, report_job_run, report_job_new (year, month, staff), g_free,
                             g_object_unref, cancellable, callback, user_data);
}

/* ---- print operation ---------------------------------------------------- */

/* What the print dialog's "Version" tab chooses, beside the job. */
typedef struct
{
  GtkWindow     *parent;
  RkStoreWorker *worker;
  RkPrintJob    *job;
  int            year, month;
  gboolean       staff;
  GtkWidget     *staff_button;
} PrintChoice;

static void
print_choice_free (gpointer data)
{
  PrintChoice *choice = data;

  g_clear_object (&choice->parent);
  g_clear_object (&choice->worker);
  g_free (choice);
}

static GObject *
create_custom_widget (GtkPrintOperation *op,
                      PrintChoice       *choice)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Which version of the monthly schedule?"));
  GtkWidget *pub = gtk_check_button_new_with_mnemonic (
    _("_Families (public): events, places and times, no staff names"));
  GtkWidget *staff = gtk_check_button_new_with_mnemonic (
    _("_Staff: adds who works where, with their roles"));

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_check_button_set_group (GTK_CHECK_BUTTON (staff), GTK_CHECK_BUTTON (pub));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choice->staff ? staff : pub), TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), pub);
  gtk_box_append (GTK_BOX (box), staff);
  choice->staff_button = staff;
  return G_OBJECT (box);
}

static void
custom_widget_apply (GtkPrintOperation *op,
                     GtkWidget         *widget,
                     PrintChoice       *choice)
{
  choice->staff = gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->staff_button));
}

/* The report of the version chosen is made by the worker once the dialog
 * has closed. */
static void
begin_print (GtkPrintOperation *op,
             GtkPrintContext   *context,
             PrintChoice       *choice)
{
  rk_print_job_read (choice->job, choice->worker, report_job_run,
                     report_job_new (choice->year, choice->month, choice->staff), g_free);
}

static int
report_pages (gpointer report, double width_pt, double height_pt)
{
  return rk_month_report_get_n_pages (report, width_pt, height_pt);
}

static void
report_draw (gpointer report, cairo_t *cr, int page, double width_pt, double height_pt)
{
  rk_month_report_draw_page (report, cr, page, width_pt, height_pt);
}

static void show_preview (GtkWindow *parent, RkStoreWorker *worker, int year, int month,
                          gboolean staff);

static gboolean
end_preview_idle (gpointer data)
{
  gtk_print_operation_preview_end_preview (GTK_PRINT_OPERATION_PREVIEW (data));
  return G_SOURCE_REMOVE;
}

/* The dialog's Preview button shows the same preview window as the menu's
 * Print Preview, rather than an external previewer. */
static gboolean
on_preview (GtkPrintOperation        *op,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            PrintChoice              *choice)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  if (choice->staff_button)
    choice->staff = gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->staff_button));
  /* GTK still talks to the context until the preview ends: give it one,
   * and end the (unused) preview once this handler has returned. */
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_idle_add_full (G_PRIORITY_DEFAULT, end_preview_idle, g_object_ref (preview), g_object_unref);
  show_preview (choice->parent, choice->worker, choice->year, choice->month, choice->staff);
  return TRUE;
}

static GtkPageSetup *
a4_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, default_is ("print-orientation", "portrait")
                                            ? GTK_PAGE_ORIENTATION_PORTRAIT
                                            : GTK_PAGE_ORIENTATION_LANDSCAPE);
  return setup;
}

GtkPrintOperation *
rk_print_month_operation (GtkWindow     *parent,
                          RkStoreWorker *worker,
                          int            year,
                          int            month,
                          gboolean       staff)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = a4_setup ();
  g_autofree char *title = rk_month_title (year, month);
  g_autofree char *job_name = g_strdup_printf (_("Monthly schedule %s"), title);
  PrintChoice *choice = g_new0 (PrintChoice, 1);

  choice->parent = parent ? g_object_ref (parent) : NULL;
  choice->worker = g_object_ref (worker);
  choice->job = rk_print_job_attach (op, parent, report_pages, report_draw, g_object_unref);
  choice->year = year;
  choice->month = month;
  choice->staff = staff;
  g_object_set_data_full (G_OBJECT (op), "rk-print-choice", choice, print_choice_free);

  gtk_print_operation_set_job_name (op, job_name);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_custom_tab_label (op, _("Version"));
  g_signal_connect (op, "create-custom-widget", G_CALLBACK (create_custom_widget), choice);
  g_signal_connect (op, "custom-widget-apply", G_CALLBACK (custom_widget_apply), choice);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print), choice);
  g_signal_connect (op, "preview", G_CALLBACK (on_preview), choice);
  return op;
}

static void
run_print (GtkWindow *parent, RkStoreWorker *worker, int year, int month, gboolean staff)
{
  g_autoptr(GtkPrintOperation) op = rk_print_month_operation (parent, worker, year, month, staff);

  rk_print_job_run (op, parent);
}

/* ---- preview ------------------------------------------------------------ */

typedef struct
{
  GtkWindow     *parent;
  RkStoreWorker *worker;
  int            year, month;
  gboolean       staff;
  int            page, n_pages;
  RkMonthReport *report;
  GCancellable  *reading;       /* the worker's read on its way */
  GtkWidget     *area;
  GtkWidget     *page_label;
  GtkWidget     *spinner;
  GtkWidget     *prev_button;
  GtkWidget     *next_button;
  GtkWidget     *print_button;
} Preview;

static void
preview_free (gpointer data)
{
  Preview *p = data;

  g_cancellable_cancel (p->reading);
  g_clear_object (&p->reading);
  g_clear_object (&p->parent);
  g_clear_object (&p->worker);
  g_clear_object (&p->report);
  g_free (p);
}

static void
preview_update (Preview *p)
{
  g_autofree char *text = NULL;
  gboolean reading = p->reading != NULL;

  if (reading)
    text = g_strdup (_("Reading the month…"));
  else
    text = g_strdup_printf (_("Page %d of %d"), p->page + 1, p->n_pages);
  gtk_label_set_text (GTK_LABEL (p->page_label), text);
  gtk_widget_set_visible (p->spinner, reading);
  gtk_spinner_set_spinning (GTK_SPINNER (p->spinner), reading);
  gtk_widget_set_sensitive (p->prev_button, !reading && p->page > 0);
  gtk_widget_set_sensitive (p->next_button, !reading && p->page + 1 < p->n_pages);
  gtk_widget_set_sensitive (p->print_button, !reading && p->report != NULL);
  gtk_widget_queue_draw (p->area);
}

static void
preview_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  RkMonthReport *report = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  Preview *p = user_data;

  /* The version switched again (a newer read follows), or the window closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&p->reading);
  if (report == NULL)
    tell (p->parent, error->message);
  else
    {
      g_clear_object (&p->report);
      p->report = report;
      if (rk_month_report_get_options (report)->portrait)
        p->n_pages = MAX (1, rk_month_report_get_n_pages (report, RK_REPORT_A4_SHORT_PT,
                                                          RK_REPORT_A4_LONG_PT));
      else
        p->n_pages = MAX (1, rk_month_report_get_n_pages (report, RK_REPORT_A4_LONG_PT,
                                                          RK_REPORT_A4_SHORT_PT));
      p->page = MIN (p->page, p->n_pages - 1);
    }
  preview_update (p);
}

/* The version shown is made by the worker; the page shown until then is
 * the one before (or a blank one). */
static void
preview_load (Preview *p)
{
  g_cancellable_cancel (p->reading);
  g_clear_object (&p->reading);
  p->reading = g_cancellable_new ();
  read_report (p->worker, p->year, p->month, p->staff, p->reading, preview_read, p);
}

static void
preview_draw (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  Preview *p = user_data;
  double pw = RK_REPORT_A4_LONG_PT, ph = RK_REPORT_A4_SHORT_PT;
  double margin = 24, scale, x, y;

  if (p->report && rk_month_report_get_options (p->report)->portrait)
    {
      pw = RK_REPORT_A4_SHORT_PT;
      ph = RK_REPORT_A4_LONG_PT;
    }

  scale = MIN ((width - 2 * margin) / pw, (height - 2 * margin) / ph);
  if (scale <= 0)
    return;
  x = (width - pw * scale) / 2;
  y = (height - ph * scale) / 2;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x + 3, y + 3, pw * scale, ph * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, pw * scale, ph * scale);
  cairo_fill (cr);

  if (p->report == NULL)
    return;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, pw, ph);
  cairo_clip (cr);
  rk_month_report_draw_page (p->report, cr, p->page, pw, ph);
  cairo_restore (cr);
}

static void
preview_prev (GtkButton *button, Preview *p)
{
  if (p->page > 0)
    p->page--;
  preview_update (p);
}

static void
preview_next (GtkButton *button, Preview *p)
{
  if (p->page + 1 < p->n_pages)
    p->page++;
  preview_update (p);
}

static void
preview_version (GtkToggleButton *button, Preview *p)
{
  gboolean staff = gtk_toggle_button_get_active (button);

  if (staff == p->staff)
    return;
  p->staff = staff;
  preview_load (p);
  preview_update (p);
}

static void
preview_print (GtkButton *button, Preview *p)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  run_print (p->parent, p->worker, p->year, p->month, p->staff);
  gtk_window_destroy (window);
}

static void
show_preview (GtkWindow *parent, RkStoreWorker *worker, int year, int month,
              gboolean staff_version)
{
  Preview *p = g_new0 (Preview, 1);
  GtkWidget *window, *header, *box, *pub, *staff, *print, *nav;
  g_autofree char *title = rk_month_title (year, month);

  p->parent = parent ? g_object_ref (parent) : NULL;
  p->worker = g_object_ref (worker);
  p->year = year;
  p->month = month;
  p->staff = staff_version;

  window = gtk_window_new ();
  g_object_set_data_full (G_OBJECT (window), "rk-preview", p, preview_free);
  gtk_window_set_title (GTK_WINDOW (window), _("Print Preview"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  rk_gui_window_forget_parent (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 740);

  header = gtk_header_bar_new ();
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), gtk_label_new (title));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  pub = gtk_toggle_button_new_with_mnemonic (_("_Families"));
  staff = gtk_toggle_button_new_with_mnemonic (_("_Staff"));
  gtk_widget_set_tooltip_text (pub, _("Public version: no staff names or contacts"));
  gtk_widget_set_tooltip_text (staff, _("Staff version: who works where, with roles"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (staff), GTK_TOGGLE_BUTTON (pub));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (staff_version ? staff : pub), TRUE);
  g_signal_connect (staff, "toggled", G_CALLBACK (preview_version), p);
  gtk_box_append (GTK_BOX (box), pub);
  gtk_box_append (GTK_BOX (box), staff);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), box);

  nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  p->prev_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (p->prev_button, _("Previous Page"));
  p->next_button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (p->next_button, _("Next Page"));
  p->page_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (p->page_label, "numeric");
  g_signal_connect (p->prev_button, "clicked", G_CALLBACK (preview_prev), p);
  g_signal_connect (p->next_button, "clicked", G_CALLBACK (preview_next), p);
  p->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (nav), p->prev_button);
  gtk_box_append (GTK_BOX (nav), p->spinner);
  gtk_box_append (GTK_BOX (nav), p->page_label);
  gtk_box_append (GTK_BOX (nav), p->next_button);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), nav);

  print = p->print_button = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_add_css_class (print, "suggested-action");
  g_signal_connect (print, "clicked", G_CALLBACK (preview_print), p);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), print);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  p->area = gtk_drawing_area_new ();
  gtk_widget_add_css_class (p->area, "print-preview");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (p->area), preview_draw, p, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview of the printed page"), -1);
  gtk_window_set_child (GTK_WINDOW (window), p->area);
  preview_load (p);
  preview_update (p);
  gtk_window_present (GTK_WINDOW (window));
}

void
rk_print_month (GtkWindow     *parent,
                RkStoreWorker *worker,
                int            year,
                int            month,
                gboolean       preview)
{
  if (preview)
    show_preview (parent, worker, year, month, default_is ("print-audience", "staff"));
  else
    run_print (parent, worker, year, month, default_is ("print-audience", "staff"));
}

gboolean
rk_print_preview_get_pages (GtkWindow *preview,
                            int       *n_pages)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "rk-preview");

  g_return_val_if_fail (p != NULL, FALSE);
  if (n_pages)
    *n_pages = p->report ? p->n_pages : 0;
  return p->reading == NULL;
}

/* ---- PDF export --------------------------------------------------------- */

typedef struct
{
  GtkWindow     *parent;
  RkStoreWorker *worker;
  int            year, month;
  char          *path;
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
pdf_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Export *ex = user_data;
  g_autoptr(GError) error = NULL;

  if (!rk_print_write_pdf_finish (RK_STORE_WORKER (source), result, &error))
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
on_export_response (GtkNativeDialog *native,
                    int              response,
                    Export          *ex)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "audience");

      if (path == NULL)
        tell (ex->parent, _("Choose a local file to export to"));
      else
        {
          /* Told with a toast when the worker has written it. */
          ex->path = g_strdup (path);
          rk_print_write_pdf_async (ex->worker, ex->year, ex->month,
                                    g_strcmp0 (choice, "staff") == 0, path, pdf_written, ex);
          ex = NULL;
        }
    }
  g_clear_pointer (&ex, export_free);
  g_object_unref (native);
}

void
rk_print_export_pdf (GtkWindow     *parent,
                     RkStoreWorker *worker,
                     int            year,
                     int            month)
{
  static const char *ids[] = { "public", "staff", NULL };
  const char *labels[] = { _("Families (public)"), C_("print version", "Staff"), NULL };
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("renkei-%04d-%02d.pdf", year, month);
  Export *ex = g_new0 (Export, 1);

  ex->parent = parent ? g_object_ref (parent) : NULL;
  ex->worker = g_object_ref (worker);
  ex->year = year;
  ex->month = month;

  native = gtk_file_chooser_native_new (_("Export PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "audience", _("Version"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "audience",
                               default_is ("print-audience", "staff") ? "staff" : "public");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), ex);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#else /* !HAVE_RENKEI_REPORT */

gboolean
rk_print_write_pdf (RkStore     *store,
                    int          year,
                    int          month,
                    gboolean     staff,
                    const char  *path,
                    GError     **error)
{
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
               _("This build of Renkei has no report module, so it cannot print"));
  return FALSE;
}

void
rk_print_write_pdf_async (RkStoreWorker       *worker,
                          int                  year,
                          int                  month,
                          gboolean             staff,
                          const char          *path,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (worker, NULL, callback, user_data);

  g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                           _("This build of Renkei has no report module, so it cannot print"));
  g_object_unref (task);
}

gboolean
rk_print_write_pdf_finish (RkStoreWorker  *worker,
                           GAsyncResult   *result,
                           GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rk_print_month (GtkWindow     *parent,
                RkStoreWorker *worker,
                int            year,
                int            month,
                gboolean       preview)
{
  tell (parent, _("This build of Renkei has no report module, so it cannot print"));
}

gboolean
rk_print_preview_get_pages (GtkWindow *preview,
                            int       *n_pages)
{
  return FALSE;
}

void
rk_print_export_pdf (GtkWindow     *parent,
                     RkStoreWorker *worker,
                     int            year,
                     int            month)
{
  tell (parent, _("This build of Renkei has no report module, so it cannot print"));
}

#endif
