#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"
#include "rk-staff.h"

G_BEGIN_DECLS

#define RK_TYPE_STAFF_DIALOG (rk_staff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkStaffDialog, rk_staff_dialog, RK, STAFF_DIALOG, GtkWindow)

/* Adds (staff NULL) or edits one staff member (as a page listed it): one
 * transaction recorded for undo, in the context's worker; a save against a
 * row someone else changed meanwhile is refused with an offer to reload.
 * Emits "saved" (the id, a message for a toast) and closes itself. */
RkStaffDialog *rk_staff_dialog_new       (GtkWindow     *parent,
                                          RkContext     *context,
                                          RkStaff       *staff);
/* Sends the save (FALSE with error when the form is not ready or a save
 * is under way); what came of it shows in the dialog. */
gboolean       rk_staff_dialog_save      (RkStaffDialog *self,
                                          GError       **error);
/* Reads the person anew (the stale bar's Reload), in the worker. */
void           rk_staff_dialog_reload    (RkStaffDialog *self);
/* "name", "kana", "role", "org", "phone", "email", "active", "save",
 * "stale_bar", "error". */
GtkWidget     *rk_staff_dialog_get_field (RkStaffDialog *self,
                                          const char    *name);

G_END_DECLS
