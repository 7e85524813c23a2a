#pragma once

#include "rk-attendance.h"
#include "rk-editor-section.h"
#include "rk-store.h"
#include "rk-store-worker.h"

G_BEGIN_DECLS

#define RK_TYPE_EDITOR_ATTENDANCE_SECTION (rk_editor_attendance_section_get_type ())

G_DECLARE_FINAL_TYPE (RkEditorAttendanceSection, rk_editor_attendance_section, RK,
                      EDITOR_ATTENDANCE_SECTION, RkEditorSection)

/* 「実績」: what happened at an occurrence that has started: families,
 * adults, children and the parts of them, consultations by the
 * municipality's categories, a note. Counts only, never a name. Its own
 * button saves the record as one undo step (the editor hears
 * "save-record"); the editor's Save takes an edited record along. */

/* Shows the record of event_id's occurrence on date (its original date or
 * the day it is on) when it can have one: it started and was neither
 * cancelled nor skipped, read by worker (hidden until then). Otherwise the
 * section hides itself. */
void          rk_editor_attendance_section_load     (RkEditorAttendanceSection *self,
                                                     RkStoreWorker             *worker,
                                                     gint64                     event_id,
                                                     RkDay                      date);
/* The worker is reading the record. */
gboolean      rk_editor_attendance_section_is_loading (RkEditorAttendanceSection *self);
void          rk_editor_attendance_section_hide     (RkEditorAttendanceSection *self);
/* Shown, and a field was changed since loading or saving. */
gboolean      rk_editor_attendance_section_is_dirty (RkEditorAttendanceSection *self);
/* The record as the fields say (validated), or NULL with the reason shown
 * under the fields and in error. */
RkAttendance *rk_editor_attendance_section_read     (RkEditorAttendanceSection *self,
                                                     GError                   **error);
/* After a's save: its version is the one to save against next. */
void          rk_editor_attendance_section_saved    (RkEditorAttendanceSection *self,
                                                     const RkAttendance        *a);
/* Shows why a save failed. */
void          rk_editor_attendance_section_show_error (RkEditorAttendanceSection *self,
                                                       const char                *message);
/* Fields for tests: a count's token ("families", "first_time", …),
 * "consultation:N" (the Nth category), "notes", "save", "error", "status". */
GtkWidget    *rk_editor_attendance_section_get_field (RkEditorAttendanceSection *self,
                                                      const char                *name);

G_END_DECLS
