#pragma once

#include <gtk/gtk.h>

#include "rk-attendance.h"
#include "rk-context.h"

G_BEGIN_DECLS

/* What the editor's 「実績」 section and the week's table share: reading
 * the counts people type and saving a record as one undo step. */

/* A count as typed: digits (full-width ones too, as a Japanese input
 * method gives them), spaces around ignored; empty is 0. Otherwise
 * RK_ERROR_INVALID naming the field. */
gboolean  rk_attendance_read_count (const char    *text,
                                    const char    *field,
                                    int           *count,
                                    GError       **error);
/* A copy of base with the counts typed in counts[RK_N_COUNTS] and the
 * consultations in consult (an entry per category, in order), validated;
 * NULL with error saying which field is wrong. */
RkAttendance *rk_attendance_read_fields (const RkAttendance *base,
                                         GtkWidget * const  *counts,
                                         GPtrArray          *consult,
                                         GStrv               categories,
                                         GError            **error);
/* Nothing typed in any of the fields. */
gboolean  rk_attendance_fields_blank (GtkWidget * const *counts,
                                      GPtrArray         *consult);

/* Inside the caller's undo entry: the event's records are snapshotted,
 * then a is saved (validated first; its version moves on). */
gboolean  rk_attendance_save_recorded (RkStore      *store,
                                       RkUndoStack  *undo,
                                       RkAttendance *a,
                                       GError      **error);
/* One transaction and one undo step "Record attendance", in the
 * context's worker (a is copied; a bad count is refused at once). The
 * record as saved (its version moved on), or NULL with error
 * (RK_ERROR_STALE when someone else saved it first). */
void      rk_attendance_save_async  (RkContext           *context,
                                     const RkAttendance  *a,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
RkAttendance *rk_attendance_save_finish (RkContext     *context,
                                         GAsyncResult  *result,
                                         GError       **error);

G_END_DECLS
