#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_IMPORT_DIALOG (rk_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkImportDialog, rk_import_dialog, RK, IMPORT_DIALOG, GtkWindow)

/* "Import…": a file chooser for .ics and .csv files, then this dialog. */
void            rk_import_dialog_choose      (GtkWindow       *parent,
                                              RkContext       *context);
/* The preview of importing path: the file is imported inside a transaction
 * that is rolled back, telling how many events it adds and updates and
 * which problems (conflicts) it would bring. Import commits all of it in
 * one transaction recorded for undo, or nothing; an unreadable file names
 * the line and cannot be imported. Emits "imported" with a message.
 * The file is read, previewed and imported by the context's store worker:
 * the dialog shows at once and fills when the preview arrives; while the
 * import runs, Import can't be pressed again. */
RkImportDialog *rk_import_dialog_new         (GtkWindow       *parent,
                                              RkContext       *context,
                                              const char      *path);
/* The preview or the import is on its way. */
gboolean        rk_import_dialog_get_busy    (RkImportDialog  *self);
/* FALSE when the file cannot be imported (the error names the line). */
gboolean        rk_import_dialog_get_preview (RkImportDialog  *self,
                                              guint           *created,
                                              guint           *updated,
                                              guint           *n_problems,
                                              const GError   **error);
/* What Import does: what the preview read, imported in one transaction
 * with its undo entry; the dialog closes when it has landed. */
void            rk_import_dialog_commit_async (RkImportDialog *self,
                                               GAsyncReadyCallback callback,
                                               gpointer        user_data);
gboolean        rk_import_dialog_commit_finish (RkImportDialog *self,
                                                GAsyncResult  *result,
                                                GError       **error);
/* "summary", "problems", "error", "import". */
/* The lines of the preview's list as shown (Pango markup): the problems
 * the import would bring, then what is read differently from the file.
 * NULL until the preview is there. */
GListModel     *rk_import_dialog_get_rows    (RkImportDialog  *self);
GtkWidget      *rk_import_dialog_get_field   (RkImportDialog  *self,
                                              const char      *name);

G_END_DECLS
