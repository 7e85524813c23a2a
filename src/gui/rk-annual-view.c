#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rk-annual-report.h"
#include "rk-annual-view.h"
#include "rk-editor-section.h"
#include "rk-era.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-store-attendance.h"

/* A4 landscape, in points: the page the report prints on. */
#define PAGE_W 841.89
#define PAGE_H 595.28

/* What one read of the year gave, never changed once summed up (atomic
 * reference counted boxes): the schedule with its occurrences, and a
 * report over them, shared by the screen and an export on its way. */
typedef struct
{
  RkSchedule *schedule;
  GArray     *occs;
  GStrv       categories;      /* the consultation categories, read with it */
  RkMinute    now;             /* the database's now, read with it */
} Built;

static void
built_clear (gpointer data)
{
  Built *b = data;

  g_clear_pointer (&b->occs, g_array_unref);
  g_clear_pointer (&b->schedule, rk_schedule_free);
  g_strfreev (b->categories);
}

static void
built_unref (Built *b)
{
  g_atomic_rc_box_release_full (b, built_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Built, built_unref)

typedef struct
{
  Built    *built;
  RkAnnual *annual;
} Report;

static void
report_clear (gpointer data)
{
  Report *r = data;

  g_clear_pointer (&r->annual, rk_annual_free);
  g_clear_pointer (&r->built, built_unref);
}

static void
report_unref (Report *r)
{
  g_atomic_rc_box_release_full (r, report_clear);
}

struct _RkAnnualView
{
  GtkBox        parent_instance;

  GtkWidget    *year_label;
  GtkWidget    *venue_dropdown;
  GtkWidget    *summary_label;
  GtkWidget    *page_label;
  GtkWidget    *prev_page;
  GtkWidget    *next_page;
  GtkWidget    *drawing;

  RkContext    *context;
  int           year;            /* 0 until the worker has found today's */
  int           start_month;
  gint64        venue_id;
  GArray       *venue_ids;       /* gint64: the dropdown's rows, 0 first */
  int           page;
  char         *language;        /* the report's (setting print_language) */
  Report       *report;
  GCancellable *cancel;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (RkAnnualView, rk_annual_view, GTK_TYPE_BOX)

/* ---- reading and summing ------------------------------------------------ */

typedef struct
{
  Built    *built;           /* the schedule read; occs made here when not yet */
  RkAnnual *annual;          /* the sum */
  int       year, start_month;
  gint64    venue_id;
  GStrv     categories;
  RkMinute  now;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->built)
    built_unref (job->built);
  g_clear_pointer (&job->annual, rk_annual_free);
  g_strfreev (job->categories);
  g_free (job);
}

/* Off the main thread: the schedule belongs to this job alone. */
static void
sum_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  Built *b = job->built;
  GError *error = NULL;
  RkDay from, to;

  rk_fiscal_year_range (job->year, job->start_month, &from, &to);
  if (b->occs == NULL)
    b->occs = rk_schedule_expand (b->schedule, from, to, &error);
  if (b->occs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->annual = rk_annual_build (b->schedule, b->occs, job->year, job->start_month, job->venue_id,
                               job->categories, job->now);
  g_task_return_boolean (task, TRUE);
}

static void
fill_venues (RkAnnualView *self)
{
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (RkEditorChoice));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->report->built->schedule->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSVenue *v = value;
      g_array_append_val (choices, ((RkEditorChoice) { v->id, g_strdup (v->name) }));
    }
  self->updating = TRUE;
  rk_editor_fill_choices (self->venue_dropdown, &self->venue_ids, _("Every venue"), choices);
  rk_editor_dropdown_select_id (self->venue_dropdown, self->venue_ids, self->venue_id);
  self->updating = FALSE;
}

static void
show (RkAnnualView *self)
{
  const RkAnnual *a = self->report ? self->report->annual : NULL;
  int n = a ? rk_annual_n_pages (a) : 0;
  g_autofree char *pages = NULL, *summary = NULL;

  if (self->page >= n)
    self->page = MAX (n - 1, 0);
  pages = g_strdup_printf (_("Page %d of %d"), n ? self->page + 1 : 0, n);
  gtk_label_set_text (GTK_LABEL (self->page_label), pages);
  gtk_widget_set_sensitive (self->prev_page, self->page > 0);
  gtk_widget_set_sensitive (self->next_page, self->page + 1 < n);
  if (a == NULL)
    summary = g_strdup ("");
  else if (a->total.held == 0)
    summary = g_strdup (_("Nothing was held in this fiscal year yet."));
  else if (a->total.missing == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%d occurrence held, all recorded.",
                                            "%d occurrences held, all recorded.",
                                            a->total.held),
                               a->total.held);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%d occurrences held; %d without a record: their "
                                            "months are marked as not entered, never as 0. "
                                            "Enter them under “Week’s Attendance”.",
                                            "%d occurrences held; %d without records: their "
                                            "months are marked as not entered, never as 0. "
                                            "Enter them under “Week’s Attendance”.",
                                            a->total.missing),
                               a->total.held, a->total.missing);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_widget_queue_draw (self->drawing);
}

static void
summed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  RkAnnualView *self;
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_ANNUAL_VIEW (source);
  if (g_task_get_cancellable (G_TASK (result)) != self->cancel)
    return;
  g_clear_object (&self->cancel);
  if (error)
    {
      gtk_label_set_text (GTK_LABEL (self->summary_label), error->message);
      return;
    }
  {
    Report *report = g_atomic_rc_box_new0 (Report);
    gboolean new_read = self->report == NULL || self->report->built != job->built;

    report->built = g_atomic_rc_box_acquire (job->built);
    report->annual = g_steal_pointer (&job->annual);
    g_clear_pointer (&self->report, report_unref);
    self->report = report;
    if (new_read)
      fill_venues (self);
  }
  show (self);
}

static void
sum (RkAnnualView *self, Built *built)
{
  Job *job = g_new0 (Job, 1);

  job->built = g_atomic_rc_box_acquire (built);
  job->year = self->year;
  job->start_month = self->start_month;
  job->venue_id = self->venue_id;
  job->categories = g_strdupv (built->categories);
  job->now = built->now;
  rk_gui_run_in_thread (self, self->cancel, job, job_free, sum_thread, summed);
}

/* What the worker reads for a fiscal year: the settings it depends on,
 * the year's schedule, the categories and now. */
typedef struct
{
  int         year;            /* 0: the fiscal year of today (or the last one) */
  int         start_month;
  char       *language;
  RkSchedule *schedule;
  GStrv       categories;
  RkMinute    now;
} YearRead;

static void
year_read_free (gpointer p)
{
  YearRead *r = p;

  g_free (r->language);
  g_clear_pointer (&r->schedule, rk_schedule_free);
  g_strfreev (r->categories);
  g_free (r);
}

static gpointer
year_run (RkStore *store, gpointer data, GError **error)
{
  YearRead *r = g_new0 (YearRead, 1);
  RkDay from, to;

  r->year = GPOINTER_TO_INT (data);
  r->start_month = rk_store_get_setting_int (store, "fiscal_year_start",
                                             RK_DEFAULT_FISCAL_YEAR_START);
  r->language = rk_store_get_setting (store, "print_language");
  if (g_strcmp0 (r->language, "en") != 0)
    {
      g_free (r->language);
      r->language = g_strdup ("ja");
    }
  /* The fiscal year of today, or the last one when it has just begun
   * (reports are filed after the year ends). */
  if (r->year == 0)
    r->year = rk_fiscal_year_of (rk_store_today (store), r->start_month);
  rk_fiscal_year_range (r->year, r->start_month, &from, &to);
  r->schedule = rk_store_load_schedule (store, from, to, error);
  if (r->schedule == NULL)
    {
      year_read_free (r);
      return NULL;
    }
  r->categories = rk_store_consultation_categories (store);
  r->now = rk_store_now (store);
  return r;
}

static void update_year_label (RkAnnualView *self);

static void
year_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  YearRead *r = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  g_autoptr(Built) built = NULL;
  RkAnnualView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_ANNUAL_VIEW (user_data);
  if (r == NULL)
    {
      g_clear_object (&self->cancel);
      gtk_label_set_text (GTK_LABEL (self->summary_label), error->message);
      return;
    }
  self->year = r->year;
  self->start_month = r->start_month;
  g_free (self->language);
  self->language = g_steal_pointer (&r->language);
  update_year_label (self);
  built = g_atomic_rc_box_new0 (Built);
  built->schedule = g_steal_pointer (&r->schedule);
  built->categories = g_steal_pointer (&r->categories);
  built->now = r->now;
  year_read_free (r);
  sum (self, built);
}

static void
update_year_label (RkAnnualView *self)
{
  /* TRANSLATORS: "ja" to show the era as 令和8年, anything else for Reiwa 8 */
  gboolean ja = g_strcmp0 (C_("era style", "en"), "ja") == 0;
  g_autofree char *era = ja ? rk_era_year_ja (self->year, self->start_month, 1)
                            : rk_era_year_en (self->year, self->start_month, 1);
  g_autofree char *text = g_strdup_printf (_("Fiscal year %d (%s)"), self->year, era ? era : "");

  gtk_label_set_text (GTK_LABEL (self->year_label), text);
}

/* The year is read by the worker, with the settings it depends on (the
 * first month of the fiscal year, the report's language); what is shown
 * stays until it is summed. */
static void
reload (RkAnnualView *self)
{
  if (self->context == NULL)
    return;
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  self->cancel = g_cancellable_new ();
  if (self->year)
    update_year_label (self);
  rk_store_worker_run_async (rk_context_get_worker (self->context), year_run,
                             GINT_TO_POINTER (self->year), NULL, year_read_free, self->cancel,
                             year_loaded, self);
}

void
rk_annual_view_set_fiscal_year (RkAnnualView *self,
                                int           year)
{
  g_return_if_fail (RK_IS_ANNUAL_VIEW (self));

  if (year < RK_FIRST_YEAR || year >= RK_LAST_YEAR)
    return;
  self->year = year;
  self->page = 0;
  reload (self);
}

int
rk_annual_view_get_fiscal_year (RkAnnualView *self)
{
  g_return_val_if_fail (RK_IS_ANNUAL_VIEW (self), 0);
  return self->year;
}

void
rk_annual_view_set_venue (RkAnnualView *self,
                          gint64        venue_id)
{
  g_return_if_fail (RK_IS_ANNUAL_VIEW (self));

  self->venue_id = venue_id;
  self->page = 0;
  if (self->report && self->cancel == NULL)
    {
      self->cancel = g_cancellable_new ();
      sum (self, self->report->built);
    }
  else
    reload (self);
}

gboolean
rk_annual_view_is_loading (RkAnnualView *self)
{
  g_return_val_if_fail (RK_IS_ANNUAL_VIEW (self), FALSE);
  return self->cancel != NULL;
}

const RkAnnual *
rk_annual_view_get_annual (RkAnnualView *self)
{
  g_return_val_if_fail (RK_IS_ANNUAL_VIEW (self), NULL);
  return self->report ? self->report->annual : NULL;
}

int
rk_annual_view_get_page (RkAnnualView *self)
{
  g_return_val_if_fail (RK_IS_ANNUAL_VIEW (self), 0);
  return self->page;
}

void
rk_annual_view_set_page (RkAnnualView *self,
                         int           page)
{
  g_return_if_fail (RK_IS_ANNUAL_VIEW (self));
  self->page = MAX (page, 0);
  show (self);
}

/* ---- the page on screen ------------------------------------------------- */

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  RkAnnualView *self = data;
  const RkAnnual *a = self->report ? self->report->annual : NULL;
  double scale = MIN ((width - 24) / PAGE_W, (height - 24) / PAGE_H);
  double x = (width - PAGE_W * scale) / 2, y = 12;

  if (a == NULL || scale <= 0)
    return;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  /* The paper, with a faint edge. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_rectangle (cr, 2, 2, PAGE_W, PAGE_H);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);
  rk_annual_draw_page (a, self->language, cr, PAGE_W, PAGE_H, self->page);
  cairo_restore (cr);
}

/* ---- export ------------------------------------------------------------- */

static gboolean
write_annual (const RkAnnual *a, const char *language, const char *format, const char *path,
              GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gboolean ok;
  int fd;

  /* Written beside the target and renamed: a failed export leaves no half file. */
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  close (fd);
  if (g_str_equal (format, "csv"))
    {
      g_autofree char *text = rk_annual_to_csv (a, language);
      ok = g_file_set_contents (tmp, text, -1, error);
    }
  else if (g_str_equal (format, "xlsx"))
    ok = rk_annual_write_xlsx (a, language, tmp, error);
  else
    ok = rk_annual_write_pdf (a, language, tmp, error);
  if (ok && g_rename (tmp, path) != 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s: %s"), path,
                   g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

gboolean
rk_annual_view_write (RkAnnualView *self,
                      const char   *format,
                      const char   *path,
                      GError      **error)
{
  g_return_val_if_fail (RK_IS_ANNUAL_VIEW (self), FALSE);

  if (self->report == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The report is still being summed up"));
      return FALSE;
    }
  return write_annual (self->report->annual, self->language, format, path, error);
}

typedef struct
{
  Report *report;
  char   *language;
  char  *format;
  char  *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  report_unref (job->report);
  g_free (job->language);
  g_free (job->format);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (write_annual (job->report->annual, job->language, job->format, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("Report saved as %s"), name);
  else
    message = g_strdup (error->message);
  rk_context_toast (GTK_WIDGET (source), message, FALSE, FALSE);
}

static void
on_export_response (GtkNativeDialog *native, int response, gpointer data)
{
  RkAnnualView *self = RK_ANNUAL_VIEW (data);

  if (response == GTK_RESPONSE_ACCEPT && self->report)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      ExportJob *job = g_new0 (ExportJob, 1);

      job->report = g_atomic_rc_box_acquire (self->report);
      job->language = g_strdup (self->language);
      job->format = g_strdup (g_object_get_data (G_OBJECT (native), "rk-format"));
      job->path = g_file_get_path (file);
      rk_gui_run_in_thread (self, NULL, job, export_job_free, export_thread, exported);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  RkAnnualView *self = RK_ANNUAL_VIEW (widget);
  const char *format = g_variant_get_string (param, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (self->report == NULL)
    return;
  /* TRANSLATORS: the file name an exported results report is offered under */
  name = g_strdup_printf (_("results-report-%d.%s"), self->year, format);
  native = gtk_file_chooser_native_new (_("Export Results Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  if (g_str_equal (format, "xlsx"))
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  else if (g_str_equal (format, "pdf"))
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
      gtk_file_filter_add_suffix (filter, "csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "rk-format", g_strdup (format), g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- controls ----------------------------------------------------------- */

static void
on_prev_year (RkAnnualView *self)
{
  rk_annual_view_set_fiscal_year (self, self->year - 1);
}

static void
on_next_year (RkAnnualView *self)
{
  rk_annual_view_set_fiscal_year (self, self->year + 1);
}

static void
on_prev_page (RkAnnualView *self)
{
  rk_annual_view_set_page (self, self->page - 1);
}

static void
on_next_page (RkAnnualView *self)
{
  rk_annual_view_set_page (self, self->page + 1);
}

static void
on_venue_changed (RkAnnualView *self)
{
  if (self->updating)
    return;
  rk_annual_view_set_venue (self, rk_editor_dropdown_id (self->venue_dropdown, self->venue_ids));
}

GtkWidget *
rk_annual_view_get_field (RkAnnualView *self,
                          const char   *name)
{
  g_return_val_if_fail (RK_IS_ANNUAL_VIEW (self), NULL);

  if (g_strcmp0 (name, "summary") == 0)
    return self->summary_label;
  if (g_strcmp0 (name, "page_label") == 0)
    return self->page_label;
  if (g_strcmp0 (name, "venue") == 0)
    return self->venue_dropdown;
  if (g_strcmp0 (name, "drawing") == 0)
    return self->drawing;
  if (g_strcmp0 (name, "year_label") == 0)
    return self->year_label;
  return NULL;
}

/* ---- class -------------------------------------------------------------- */

static void
rk_annual_view_dispose (GObject *object)
{
  RkAnnualView *self = RK_ANNUAL_VIEW (object);

  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  g_clear_pointer (&self->report, report_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_annual_view_parent_class)->dispose (object);
}

static void
rk_annual_view_finalize (GObject *object)
{
  RkAnnualView *self = RK_ANNUAL_VIEW (object);

  g_clear_pointer (&self->venue_ids, g_array_unref);
  g_free (self->language);
  G_OBJECT_CLASS (rk_annual_view_parent_class)->finalize (object);
}

static void
on_context_changed (RkAnnualView *self)
{
  reload (self);
}

static void
rk_annual_view_set_property (GObject *object, guint prop_id, const GValue *value,
                             GParamSpec *pspec)
{
  RkAnnualView *self = RK_ANNUAL_VIEW (object);

  self->context = g_value_dup_object (value);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  /* Year 0: the worker finds today's fiscal year. */
  self->year = 0;
  self->page = 0;
  reload (self);
}

static void
rk_annual_view_class_init (RkAnnualViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_annual_view_dispose;
  object_class->finalize = rk_annual_view_finalize;
  object_class->set_property = rk_annual_view_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());

  gtk_widget_class_install_action (widget_class, "annual.export", "s", export_action);
}

static GtkWidget *
icon_button (RkAnnualView *self, const char *icon, const char *tooltip, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
export_button (const char *label, const char *format, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "annual.export");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", format);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
rk_annual_view_init (RkAnnualView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *exports = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *pages = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);
  self->language = g_strdup ("ja");

  gtk_box_append (GTK_BOX (bar), icon_button (self, "go-previous-symbolic",
                                              _("Previous Fiscal Year"),
                                              G_CALLBACK (on_prev_year)));
  gtk_box_append (GTK_BOX (bar), icon_button (self, "go-next-symbolic", _("Next Fiscal Year"),
                                              G_CALLBACK (on_next_year)));
  self->year_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->year_label, "title-4");
  gtk_widget_set_margin_start (self->year_label, 8);
  gtk_widget_set_margin_end (self->year_label, 8);
  gtk_box_append (GTK_BOX (bar), self->year_label);
  self->venue_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_tooltip_text (self->venue_dropdown, _("The venue the report is for"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->venue_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Venue"), -1);
  g_signal_connect_swapped (self->venue_dropdown, "notify::selected",
                            G_CALLBACK (on_venue_changed), self);
  gtk_box_append (GTK_BOX (bar), self->venue_dropdown);

  gtk_widget_add_css_class (exports, "linked");
  gtk_widget_set_hexpand (exports, TRUE);
  gtk_widget_set_halign (exports, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (exports),
                  export_button (_("E_xcel…"), "xlsx",
                                 _("Save the report as an Excel workbook (.xlsx) to file "
                                   "with the municipality")));
  gtk_box_append (GTK_BOX (exports), export_button (_("_PDF…"), "pdf",
                                                    _("Save the report as a PDF to print")));
  gtk_box_append (GTK_BOX (exports), export_button (_("_CSV…"), "csv",
                                                    _("Save the report as CSV")));
  gtk_box_append (GTK_BOX (bar), exports);
  gtk_box_append (GTK_BOX (self), bar);

  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0);
  gtk_box_append (GTK_BOX (self), self->summary_label);

  self->drawing = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->drawing, TRUE);
  gtk_widget_set_hexpand (self->drawing, TRUE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->drawing), 300);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->drawing), draw, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drawing), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The results report as it prints"), -1);
  gtk_box_append (GTK_BOX (self), self->drawing);

  gtk_widget_set_halign (pages, GTK_ALIGN_CENTER);
  self->prev_page = icon_button (self, "go-previous-symbolic", _("Previous Page"),
                                 G_CALLBACK (on_prev_page));
  self->next_page = icon_button (self, "go-next-symbolic", _("Next Page"),
                                 G_CALLBACK (on_next_page));
  self->page_label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (pages), self->prev_page);
  gtk_box_append (GTK_BOX (pages), self->page_label);
  gtk_box_append (GTK_BOX (pages), self->next_page);
  gtk_box_append (GTK_BOX (self), pages);
}
