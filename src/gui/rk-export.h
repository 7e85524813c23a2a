#pragma once

#include <gtk/gtk.h>

#include "rk-store-worker.h"

G_BEGIN_DECLS

typedef enum
{
  RK_EXPORT_ICS,
  RK_EXPORT_CSV,
} RkExportFormat;

/* "Export": a save dialog (GtkFileChooserNative) with the version (families
 * or staff) and, for calendars, the range (the month shown or every event);
 * writes what `renkei-cli export` writes, through the store worker. */
void      rk_export_choose  (GtkWindow       *parent,
                             RkStoreWorker   *worker,
                             int              year,
                             int              month,
                             RkExportFormat   format);
/* What the dialog writes: the month (or, for .ics with whole TRUE, every
 * event), the staff version when staff. */
gboolean  rk_export_write   (RkStore         *store,
                             int              year,
                             int              month,
                             RkExportFormat   format,
                             gboolean         staff,
                             gboolean         whole,
                             const char      *path,
                             GError         **error);

/* The same, a CSV file in Shift_JIS when shift_jis (what the file
 * chooser's "Encoding" choice gives). */
gboolean  rk_export_write_encoded (RkStore         *store,
                                   int              year,
                                   int              month,
                                   RkExportFormat   format,
                                   gboolean         staff,
                                   gboolean         whole,
                                   gboolean         shift_jis,
                                   const char      *path,
                                   GError         **error);

/* rk_export_write_encoded() in the store worker: read and written there. */
void      rk_export_write_async  (RkStoreWorker       *worker,
                                  int                  year,
                                  int                  month,
                                  RkExportFormat       format,
                                  gboolean             staff,
                                  gboolean             whole,
                                  gboolean             shift_jis,
                                  const char          *path,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean  rk_export_write_finish (RkStoreWorker       *worker,
                                  GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
