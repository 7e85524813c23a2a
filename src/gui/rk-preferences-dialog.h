#pragma once

#include <adwaita.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_PREFERENCES_DIALOG (rk_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkPreferencesDialog, rk_preferences_dialog, RK, PREFERENCES_DIALOG,
                      AdwPreferencesWindow)

/* Preferences. The database's own settings, shared by every coordinator
 * who opens the file (week start, time zone, travel gap between venues,
 * how soon a tentative event is flagged), are read and written
 * by the context's worker as they change (each an undo step); this computer's (print orientation
 * and version) go to GSettings. The database file in use is shown, with
 * buttons to open another or start a new one (app.open-database). */
RkPreferencesDialog *rk_preferences_dialog_new       (GtkWindow           *parent,
                                                      RkContext           *context);
/* A setting is being written, or the database's settings read (they can
 * be changed once read). */
gboolean             rk_preferences_dialog_get_busy  (RkPreferencesDialog *self);
/* "week_start", "timezone", "timezone_error", "travel_gap", "tentative_days",
 * "orientation", "audience", "path". */
GtkWidget           *rk_preferences_dialog_get_field (RkPreferencesDialog *self,
                                                      const char          *name);

G_END_DECLS
