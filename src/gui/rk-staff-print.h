#pragma once

#include <gtk/gtk.h>

#include "rk-expand.h"
#include "rk-store.h"
#include "rk-store-worker.h"

G_BEGIN_DECLS

/* One person's month: the occurrences they work, as `renkei-cli staff
 * schedule` lists them, on the Staff page and on paper. */
typedef struct
{
  gint64       event_id;
  RkDay        orig_date;
  RkMinute     start, end;
  char        *title;
  char        *place;        /* "Venue · Room", or NULL */
  gboolean     tentative;    /* the person's assignment is not confirmed */
} RkStaffSlot;

/* Array of RkStaffSlot (a clear func frees the strings), by start. */
GArray   *rk_staff_schedule          (RkStore    *store,
                                      gint64      staff_id,
                                      int         year,
                                      int         month,
                                      GError    **error);
/* The print dialog for the schedule of one person (A4 portrait), shown at
 * once: the sheet is made by the store worker meanwhile, and printing
 * waits for it. name: the person's, for the print queue. */
void      rk_staff_print             (GtkWindow     *parent,
                                      RkStoreWorker *worker,
                                      gint64         staff_id,
                                      const char    *name,
                                      int            year,
                                      int            month);
/* The print operation rk_staff_print() runs. */
GtkPrintOperation *rk_staff_print_operation (GtkWindow     *parent,
                                             RkStoreWorker *worker,
                                             gint64         staff_id,
                                             const char    *name,
                                             int            year,
                                             int            month);
/* The same pages into a PDF file. */
gboolean  rk_staff_print_write_pdf   (RkStore    *store,
                                      gint64      staff_id,
                                      int         year,
                                      int         month,
                                      const char *path,
                                      GError    **error);

G_END_DECLS
