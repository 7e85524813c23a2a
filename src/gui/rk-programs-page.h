#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_PROGRAMS_PAGE (rk_programs_page_get_type ())

G_DECLARE_FINAL_TYPE (RkProgramsPage, rk_programs_page, RK, PROGRAMS_PAGE, GtkBox)

/* The Programs page: name, colour, default duration, audience, what to
 * bring, staff only, and the staffing needed as rows of role × number of
 * people. A save is one transaction recorded for undo; the window's
 * problems follow at once. Action: programs.add.
 * Made with its "context" (construct-only), it reloads itself when the
 * context says the stored data changed. */
void        rk_programs_page_reload       (RkProgramsPage *self);
gboolean    rk_programs_page_select       (RkProgramsPage *self,
                                           gint64          program_id);
gint64      rk_programs_page_get_selected (RkProgramsPage *self);
/* The staffing rows: count people of role (0 removes the row). */
void        rk_programs_page_set_required (RkProgramsPage *self,
                                           int             role,
                                           int             count);
gboolean    rk_programs_page_save         (RkProgramsPage *self,
                                           GError        **error);
/* "name", "color", "duration", "audience", "bring", "staff_only",
 * "requirements", "add_role", "problems", "save", "stale_bar", "error". */
GtkWidget  *rk_programs_page_get_field    (RkProgramsPage *self,
                                           const char     *name);

/* The programs are being read by the worker. */
gboolean        rk_programs_page_is_loading (RkProgramsPage *self);

G_END_DECLS
