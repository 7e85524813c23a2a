#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_ATTENDANCE_WEEK (rk_attendance_week_get_type ())

G_DECLARE_FINAL_TYPE (RkAttendanceWeek, rk_attendance_week, RK, ATTENDANCE_WEEK, GtkBox)

/* The week's held occurrences as a table to fill from the sign-in sheets:
 * one row per occurrence that has started (cancelled and skipped ones have
 * none), a field per count and consultation category. Type a number, Tab
 * to the next; a row is saved when the focus leaves it or Enter is pressed
 * (one undo step per row), and says so, or says what is wrong and saves
 * nothing. The week is read by the context's worker. Made with its
 * "context"; it reloads when the stored data changes elsewhere. */

/* Shows the week holding day (from the week's first day as set). */
void        rk_attendance_week_set_day      (RkAttendanceWeek *self,
                                             RkDay             day);
RkDay       rk_attendance_week_get_first    (RkAttendanceWeek *self);
/* TRUE while the week is being read. */
gboolean    rk_attendance_week_is_loading   (RkAttendanceWeek *self);
/* Rows shown (occurrences that can have a record). */
guint       rk_attendance_week_get_n_rows   (RkAttendanceWeek *self);
/* Row i's event and original date. */
void        rk_attendance_week_get_row      (RkAttendanceWeek *self,
                                             guint             i,
                                             gint64           *event_id,
                                             RkDay            *orig_date);
/* Row i's field: a count's token ("families", …), "consultation:N", or
 * "status" (the label saying saved / what is wrong). */
GtkWidget  *rk_attendance_week_get_field    (RkAttendanceWeek *self,
                                             guint             i,
                                             const char       *name);
/* Saves row i when it was changed (what leaving it does), in the
 * context's worker; FALSE when what is typed is wrong (the status says
 * why), and then nothing is sent. */
gboolean    rk_attendance_week_save_row     (RkAttendanceWeek *self,
                                             guint             i);
/* A row's save is in the worker. */
gboolean    rk_attendance_week_get_saving   (RkAttendanceWeek *self);

G_END_DECLS
