#pragma once

#include <gtk/gtk.h>

#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

#define RK_TYPE_IMPORT_DIALOG (rk_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkImportDialog, rk_import_dialog, RK, IMPORT_DIALOG, GtkWindow)

/* "Import…": a file chooser for .ics and .csv files, then this dialog. */
void            rk_import_dialog_choose      (GtkWindow       *parent,
                                              RkStore         *store,
                                              RkUndoStack     *undo);
/* The preview of importing path: the file is imported inside a transaction
 * that is rolled back, telling how many events it adds and updates and
 * which problems (conflicts) it would bring. Import commits all of it in
 * one transaction recorded for undo, or nothing; an unreadable file names
 * the line and cannot be imported. Emits "imported" with a message. */
RkImportDialog *rk_import_dialog_new         (GtkWindow       *parent,
                                              RkStore         *store,
                                              RkUndoStack     *undo,
                                              const char      *path);
/* FALSE when the file cannot be imported (the error names the line). */
gboolean        rk_import_dialog_get_preview (RkImportDialog  *self,
                                              guint           *created,
                                              guint           *updated,
                                              guint           *n_problems,
                                              const GError   **error);
gboolean        rk_import_dialog_commit      (RkImportDialog  *self,
                                              GError         **error);
/* "summary", "problems", "error", "import". */
GtkWidget      *rk_import_dialog_get_field   (RkImportDialog  *self,
                                              const char      *name);

G_END_DECLS
