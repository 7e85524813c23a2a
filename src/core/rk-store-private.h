#pragma once

#include "rk-db.h"
#include "rk-schedule.h"
#include "rk-store.h"

G_BEGIN_DECLS

/* What the parts of the store in rk-store-*.c share with rk-store.c. */

/* A cached statement, reset and unbound. */
RkDbStmt   *rk_store_prepare     (RkStore *self, const char *sql, GError **error);
/* Steps a statement that returns no rows (or ignores them) and resets it. */
gboolean    rk_store_step_done   (RkStore *self, RkDbStmt *stmt, GError **error);
/* Inside a transaction? (a programming error otherwise) */
gboolean    rk_store_require_tx  (RkStore *self);
/* The transaction changed table (for the `changed` signal). */
void        rk_store_touch       (RkStore *self, const char *table);

/* rk-store-availability.c: the weekly patterns and limits into the staff
 * of a schedule's reference tables (inside the load's read transaction). */
gboolean    rk_store_load_availability (RkStore *self, RkSchedule *s, GError **error);

G_END_DECLS
