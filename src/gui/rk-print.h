#pragma once

#include <gtk/gtk.h>

#include "rk-store-worker.h"

G_BEGIN_DECLS

/* Printing the monthly schedule through GtkPrintOperation, drawn by the
 * report module (the same drawing as the PDF export). The print dialog has a
 * "Version" tab to choose the public or the staff version; preview shows the
 * pages in a window of our own. The month is read and its pages made by
 * the store worker: the preview shows at once with a spinner, the print
 * dialog at once, and its pagination waits for them. */
void      rk_print_month         (GtkWindow     *parent,
                                  RkStoreWorker *worker,
                                  int            year,
                                  int            month,
                                  gboolean       preview);
/* The print operation rk_print_month() runs (the staff version if
 * staff), for running it another way (an export to a file). */
GtkPrintOperation *rk_print_month_operation (GtkWindow     *parent,
                                             RkStoreWorker *worker,
                                             int            year,
                                             int            month,
                                             gboolean       staff);
/* A Print Preview window: FALSE while the worker makes its pages, then
 * TRUE with their number in *n_pages (0: they could not be made). */
gboolean  rk_print_preview_get_pages (GtkWindow *preview,
                                      int       *n_pages);
/* "Export PDF…": a save dialog (GtkFileChooserNative) with a version
 * choice; the month is read and the file written by the store worker. */
void      rk_print_export_pdf    (GtkWindow     *parent,
                                  RkStoreWorker *worker,
                                  int            year,
                                  int            month);
/* What the export writes; staff TRUE for the staff version. */
gboolean  rk_print_write_pdf     (RkStore     *store,
                                  int          year,
                                  int          month,
                                  gboolean     staff,
                                  const char  *path,
                                  GError     **error);
/* The same in the store worker, in the orientation the settings say. */
void      rk_print_write_pdf_async  (RkStoreWorker       *worker,
                                     int                  year,
                                     int                  month,
                                     gboolean             staff,
                                     const char          *path,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  rk_print_write_pdf_finish (RkStoreWorker       *worker,
                                     GAsyncResult        *result,
                                     GError             **error);
gboolean  rk_print_available     (void);

G_END_DECLS
