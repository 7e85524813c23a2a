#pragma once

#include "rk-attendance.h"
#include "rk-expand.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* Attendance records (rk-store-attendance.c). */

/* Now, in the database's time zone. With RENKEI_TODAY set (tests, the
 * benchmark), the last minute of that day. */
RkMinute      rk_store_now               (RkStore *self);

/* The record of one occurrence (by its original date), or NULL without an
 * error when there is none. */
RkAttendance *rk_store_get_attendance    (RkStore *self, gint64 event_id, RkDay occ_date,
                                          GError **error);
/* Inserts (version 0) or updates (the version read, else RK_ERROR_STALE)
 * a record, validated first. Inside a transaction; a->version moves on. */
gboolean      rk_store_save_attendance   (RkStore *self, RkAttendance *a, GError **error);
/* RK_ERROR_NOT_FOUND when the occurrence has no record. */
gboolean      rk_store_delete_attendance (RkStore *self, gint64 event_id, RkDay occ_date,
                                          GError **error);
/* Records of occurrences whose original date lies in [from, to]:
 * rk_attendance_key() → RkAttendance (gint64 * keys). */
GHashTable   *rk_store_list_attendance   (RkStore *self, RkDay from, RkDay to, GError **error);

/* The consultation categories the database uses (setting
 * consultation_categories). */
GStrv         rk_store_consultation_categories (RkStore *self);

/* The occurrence of event_id on date (its original date or the day it is
 * on now) that a record can be written for: it exists, it was not
 * cancelled or skipped, and it has started. Loads the schedule around it
 * into *schedule; the occurrence points into *occs. RK_ERROR_NOT_FOUND /
 * RK_ERROR_INVALID with a message saying why not. */
const RkOcc  *rk_store_attendance_occurrence (RkStore *self, gint64 event_id, RkDay date,
                                              RkSchedule **schedule, GArray **occs,
                                              GError **error);

G_END_DECLS
