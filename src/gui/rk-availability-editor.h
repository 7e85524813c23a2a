#pragma once

#include <gtk/gtk.h>

#include "rk-availability.h"
#include "rk-context.h"
#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

#define RK_TYPE_AVAILABILITY_EDITOR (rk_availability_editor_get_type ())

G_DECLARE_FINAL_TYPE (RkAvailabilityEditor, rk_availability_editor, RK, AVAILABILITY_EDITOR,
                      GtkBox)

/* A person's regular working pattern on the Staff page: the hours of each
 * weekday they can work (none set: any time their periods away leave), up
 * to how many hours a week and sessions a month. Saved as one undo step;
 * working outside it is a problem, never a refusal. */

/* Shows staff_id's pattern (NULL: none set), as the worker read it. */
void       rk_availability_editor_show      (RkAvailabilityEditor *self,
                                             RkContext            *context,
                                             gint64                staff_id,
                                             const RkAvailability *pattern);
/* What the Save button does, in the context's worker; FALSE with the
 * reason shown (and in error) when what is typed is wrong. */
gboolean   rk_availability_editor_save      (RkAvailabilityEditor *self,
                                             GError              **error);
/* Fields for tests: "pattern" (the switch), "day:N" (N 1 Monday … 7),
 * "hours_week", "sessions_month", "save", "error", "summary". */
GtkWidget *rk_availability_editor_get_field (RkAvailabilityEditor *self,
                                             const char           *name);

G_END_DECLS
