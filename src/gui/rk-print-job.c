#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-gui-util.h"
#include "rk-print-job.h"

struct _RkPrintJob
{
  GtkPrintOperation   *op;          /* not a reference: the job is op's */
  GtkWindow           *parent;
  RkPrintJobPagesFunc  pages;
  RkPrintJobDrawFunc   draw;
  GDestroyNotify       doc_free;
  gpointer             doc;
  gboolean             reading;     /* the worker is making the document */
  GError              *error;
};

static void
tell (GtkWindow *parent, const char *message)
{
  rk_gui_toast (GTK_WIDGET (parent), message, FALSE);
}

static void
job_free (gpointer data)
{
  RkPrintJob *job = data;

  g_clear_object (&job->parent);
  if (job->doc && job->doc_free)
    job->doc_free (job->doc);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
paginate (GtkPrintOperation *op,
          GtkPrintContext   *context,
          RkPrintJob        *job)
{
  if (job->reading)
    {
      /* Asked again at once from an idle: a short rest spares the CPU. */
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
      return FALSE;
    }
  if (job->doc == NULL)
    {
      gtk_print_operation_cancel (op);
      return TRUE;
    }
  gtk_print_operation_set_n_pages (op, MAX (1, job->pages (job->doc,
                                                           gtk_print_context_get_width (context),
                                                           gtk_print_context_get_height (context))));
  return TRUE;
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page,
           RkPrintJob        *job)
{
  if (job->doc)
    job->draw (job->doc, gtk_print_context_get_cairo_context (context), page,
               gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
done (GtkPrintOperation       *op,
      GtkPrintOperationResult  result,
      RkPrintJob              *job)
{
  g_autoptr(GError) error = NULL;

  if (job->error)
    tell (job->parent, job->error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (op, &error);
      tell (job->parent, error ? error->message : _("Printing failed"));
    }
}

RkPrintJob *
rk_print_job_attach (GtkPrintOperation   *op,
                     GtkWindow           *parent,
                     RkPrintJobPagesFunc  pages,
                     RkPrintJobDrawFunc   draw,
                     GDestroyNotify       doc_free)
{
  RkPrintJob *job = g_new0 (RkPrintJob, 1);

  job->op = op;
  job->parent = parent ? g_object_ref (parent) : NULL;
  job->pages = pages;
  job->draw = draw;
  job->doc_free = doc_free;
  g_object_set_data_full (G_OBJECT (op), "rk-print-job", job, job_free);
  g_signal_connect (op, "paginate", G_CALLBACK (paginate), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), job);
  g_signal_connect (op, "done", G_CALLBACK (done), job);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_allow_async (op, TRUE);
  return job;
}

static void
read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GtkPrintOperation) op = user_data;
  RkPrintJob *job = g_object_get_data (G_OBJECT (op), "rk-print-job");

  job->reading = FALSE;
  g_clear_error (&job->error);
  job->doc = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &job->error);
}

void
rk_print_job_read (RkPrintJob        *job,
                   RkStoreWorker     *worker,
                   RkStoreWorkerFunc  func,
                   gpointer           data,
                   GDestroyNotify     data_free)
{
  if (job->doc && job->doc_free)
    job->doc_free (job->doc);
  job->doc = NULL;
  job->reading = TRUE;
  rk_store_worker_run_async (worker, func, data, data_free, job->doc_free, NULL, read_done,
                             g_object_ref (job->op));
}

void
rk_print_job_run (GtkPrintOperation *op,
                  GtkWindow         *parent)
{
  RkPrintJob *job = g_object_get_data (G_OBJECT (op), "rk-print-job");
  g_autoptr(GError) error = NULL;

  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
        GTK_PRINT_OPERATION_RESULT_ERROR &&
      (job == NULL || job->error == NULL))
    tell (parent, error ? error->message : _("Printing failed"));
}
