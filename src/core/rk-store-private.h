#pragma once

#include "rk-db.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* For the store's concerns kept in files of their own (rk-store-*.c): the
 * statement cache and the transaction book-keeping of rk-store.c. */

RkDb       *rk_store_get_db            (RkStore     *self);
/* A cached statement, reset and unbound; NULL and error on failure. */
RkDbStmt   *rk_store_prepare           (RkStore     *self,
                                        const char  *sql,
                                        GError     **error);
/* Steps a statement that returns no rows and resets it. */
gboolean    rk_store_step_done         (RkStore     *self,
                                        RkDbStmt    *stmt,
                                        GError     **error);
/* Fills error from the driver's last error; returns FALSE. */
gboolean    rk_store_db_error          (RkStore     *self,
                                        GError     **error);
/* Notes the table a write touched ("changed" says it at commit). */
void        rk_store_touch             (RkStore     *self,
                                        const char  *table);
/* Inside rk_store_begin() .. rk_store_commit()? (a programming error if not) */
gboolean    rk_store_require_tx        (RkStore     *self);

/* Reads the attendance records a loaded schedule needs (rk-store-attendance.c). */
gboolean    rk_store_load_attendance_into (RkStore    *self,
                                           RkSchedule *schedule,
                                           GError    **error);

G_END_DECLS
