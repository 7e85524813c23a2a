#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-output.h"
#include "rk-print-language.h"
#include "rk-staff-print.h"
#include "rk-staff-sheet.h"
#include "rk-staff.h"

static void
slot_clear (gpointer data)
{
  RkStaffSlot *slot = data;

  g_free (slot->title);
  g_free (slot->place);
}

GArray *
rk_staff_schedule (RkStore  *store,
                   gint64    staff_id,
                   int       year,
                   int       month,
                   GError  **error)
{
  RkDay first = rk_day_from_ymd (year, month, 1);
  RkDay last = first + rk_days_in_month (year, month) - 1;
  g_autoptr(RkSchedule) schedule = rk_store_load_schedule (store, first, last, error);
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *out;

  if (schedule == NULL)
    return NULL;
  occs = rk_schedule_expand (schedule, first, last, error);
  if (occs == NULL)
    return NULL;
  out = g_array_new (FALSE, TRUE, sizeof (RkStaffSlot));
  g_array_set_clear_func (out, slot_clear);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkStaffSlot slot = { 0 };
      gboolean on = FALSE;

      if (!rk_occ_is_active (o))
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        on = on || g_array_index (ids, gint64, j) == staff_id;
      if (!on)
        continue;
      slot.event_id = o->event->id;
      slot.orig_date = o->orig_date;
      slot.start = o->start;
      slot.end = o->end;
      slot.title = g_strdup (rk_sevent_title (o->event));
      slot.place = rk_occ_place_text (o);
      slot.tentative = rk_occ_staff_tentative (o, staff_id) || o->status == RK_OCC_TENTATIVE;
      g_array_append_val (out, slot);
    }
  return out;
}

/* ---- the sheet ---------------------------------------------------------- */

/* The person's sheet in the database's print language, as renkei-cli
 * export --staff makes it. */
static RkStaffSheet *
sheet_new (RkStore *store, gint64 staff_id, int year, int month, GError **error)
{
  g_autoptr(GPtrArray) sheets = rk_staff_sheets_new (store, staff_id, year, month,
                                                     rk_print_language_from_store (store), error);

  if (sheets == NULL)
    return NULL;
  return g_ptr_array_steal_index (sheets, 0);
}

gboolean
rk_staff_print_write_pdf (RkStore     *store,
                          gint64       staff_id,
                          int          year,
                          int          month,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(RkStaffSheet) sheet = sheet_new (store, staff_id, year, month, error);
  g_autoptr(GBytes) pdf = NULL;
  gsize length = 0;
  const void *data;

  if (sheet == NULL || (pdf = rk_staff_sheet_pdf (sheet, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &length);
  /* personal: 0600 like the database */
  return rk_output_write_file (path, data, length, TRUE, error);
}

/* ---- print operation ---------------------------------------------------- */

typedef struct
{
  GtkWindow    *parent;
  RkStaffSheet *sheet;
  gboolean      reading;        /* the worker is making the sheet */
  GError       *error;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->parent);
  g_clear_pointer (&job->sheet, rk_staff_sheet_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
tell (GtkWindow *parent, const char *message)
{
  rk_gui_toast (GTK_WIDGET (parent), message, FALSE);
}

typedef struct
{
  gint64 staff_id;
  int    year, month;
} SheetAsk;

static gpointer
sheet_run (RkStore *store, gpointer data, GError **error)
{
  SheetAsk *ask = data;

  return sheet_new (store, ask->staff_id, ask->year, ask->month, error);
}

static void
sheet_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GtkPrintOperation) op = user_data;
  Job *job = g_object_get_data (G_OBJECT (op), "rk-staff-print-job");

  job->reading = FALSE;
  job->sheet = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &job->error);
}

/* The sheet is made by the worker while the dialog is open; pagination
 * waits for it (GTK asks again from an idle, the window answering). */
static gboolean
paginate (GtkPrintOperation *op,
          GtkPrintContext   *context,
          Job               *job)
{
  if (job->reading)
    {
      /* Asked again at once from an idle: a short rest spares the CPU. */
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
      return FALSE;
    }
  if (job->sheet == NULL)
    {
      gtk_print_operation_cancel (op);
      return TRUE;
    }
  gtk_print_operation_set_n_pages (op, rk_staff_sheet_get_n_pages (
                                         job->sheet, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context)));
  return TRUE;
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page,
           Job               *job)
{
  if (job->sheet)
    rk_staff_sheet_draw_page (job->sheet, gtk_print_context_get_cairo_context (context), page,
                              gtk_print_context_get_width (context),
                              gtk_print_context_get_height (context));
}

static void
on_done (GtkPrintOperation       *op,
         GtkPrintOperationResult  result,
         Job                     *job)
{
  if (job->error)
    tell (job->parent, job->error->message);
}

void
rk_staff_print (GtkWindow     *parent,
                RkStoreWorker *worker,
                gint64         staff_id,
                const char    *name,
                int            year,
                int            month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *month_title = rk_month_title (year, month);
  g_autofree char *job_name = g_strdup_printf ("%s %s", name, month_title);
  SheetAsk *ask = g_new0 (SheetAsk, 1);
  Job *job = g_new0 (Job, 1);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  job->parent = parent ? g_object_ref (parent) : NULL;
  job->reading = TRUE;
  g_object_set_data_full (G_OBJECT (op), "rk-staff-print-job", job, job_free);
  ask->staff_id = staff_id;
  ask->year = year;
  ask->month = month;
  rk_store_worker_run_async (worker, sheet_run, ask, g_free,
                             (GDestroyNotify) rk_staff_sheet_free, NULL, sheet_read,
                             g_object_ref (op));
  gtk_print_operation_set_job_name (op, job_name);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_signal_connect (op, "paginate", G_CALLBACK (paginate), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), job);
  g_signal_connect (op, "done", G_CALLBACK (on_done), job);
  gtk_print_operation_set_allow_async (op, TRUE);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    tell (parent, error ? error->message : _("Printing failed"));
}
