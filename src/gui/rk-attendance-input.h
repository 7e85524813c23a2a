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
/* The text a field shows for a count ("" for none). */
char     *rk_attendance_count_text (int            count);

/* Inside the caller's undo entry: the event's records are snapshotted,
 * then a is saved (validated first; its version moves on). */
gboolean  rk_attendance_save_recorded (RkStore      *store,
                                       RkUndoStack  *undo,
                                       RkAttendance *a,
                                       GError      **error);
/* One transaction and one undo step "Record attendance". */
gboolean  rk_attendance_save       (RkContext     *context,
                                    RkAttendance  *a,
                                    GError       **error);

G_END_DECLS
