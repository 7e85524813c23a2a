#pragma once

#include <gtk/gtk.h>

#include "rk-store-worker.h"

G_BEGIN_DECLS

/* A print operation whose document (a month's schedule, a person's
 * sheet) is made by the store worker while the print dialog is open:
 * GTK's pagination waits for it, the window goes on answering, and a
 * failure (the worker's or the printer's) is told in a toast on the
 * parent. The job belongs to the operation. */
typedef int  (*RkPrintJobPagesFunc) (gpointer doc, double width_pt, double height_pt);
typedef void (*RkPrintJobDrawFunc)  (gpointer doc, cairo_t *cr, int page,
                                     double width_pt, double height_pt);

typedef struct _RkPrintJob RkPrintJob;

RkPrintJob *rk_print_job_attach (GtkPrintOperation   *op,
                                 GtkWindow           *parent,
                                 RkPrintJobPagesFunc  pages,
                                 RkPrintJobDrawFunc   draw,
                                 GDestroyNotify       doc_free);
/* Has the worker make the document with func (data freed with
 * data_free), once per operation; pagination waits for it. */
void        rk_print_job_read   (RkPrintJob          *job,
                                 RkStoreWorker       *worker,
                                 RkStoreWorkerFunc    func,
                                 gpointer             data,
                                 GDestroyNotify       data_free);
/* Runs op's print dialog on parent; a failure to start is told. */
void        rk_print_job_run    (GtkPrintOperation   *op,
                                 GtkWindow           *parent);

G_END_DECLS
