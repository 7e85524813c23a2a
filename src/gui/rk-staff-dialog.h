#pragma once

#include <gtk/gtk.h>

#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

#define RK_TYPE_STAFF_DIALOG (rk_staff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkStaffDialog, rk_staff_dialog, RK, STAFF_DIALOG, GtkWindow)

/* Adds (staff_id 0) or edits one staff member: one transaction recorded for
 * undo; a save against a row someone else changed meanwhile is refused with
 * an offer to reload. Emits "saved" (the id, a message for a toast) and
 * closes itself. */
RkStaffDialog *rk_staff_dialog_new       (GtkWindow     *parent,
                                          RkStore       *store,
                                          RkUndoStack   *undo,
                                          gint64         staff_id,
                                          GError       **error);
gboolean       rk_staff_dialog_save      (RkStaffDialog *self,
                                          GError       **error);
gboolean       rk_staff_dialog_reload    (RkStaffDialog *self,
                                          GError       **error);
/* "name", "kana", "role", "org", "phone", "email", "active", "save",
 * "stale_bar", "error". */
GtkWidget     *rk_staff_dialog_get_field (RkStaffDialog *self,
                                          const char    *name);

G_END_DECLS
