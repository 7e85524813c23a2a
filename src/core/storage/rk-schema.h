#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 'RKEI': marks a file as a Renkei database (PRAGMA application_id). */
#define RK_APPLICATION_ID 0x524B4549

/* Forward-only migrations; migration i brings user_version from i to i + 1. */
extern const char * const rk_sqlite_migrations[];
extern const guint rk_sqlite_n_migrations;
/* The same migrations for PostgreSQL (rk-schema-pg.c), one for one. */
extern const char * const rk_pg_migrations[];
extern const guint rk_pg_n_migrations;

/* Migration 3 of both: the indexes a schedule load reads through, the same
 * statements in both dialects (partial indexes included). */
#define RK_SCHEMA_VIEW_INDEXES                                                              \
  "CREATE INDEX assignment_event ON assignment "                                            \
  "(event_id, occ_date, id, staff_id, excluded, tentative);"                                \
  "CREATE INDEX assignment_date ON assignment "                                             \
  "(occ_date, event_id, id, staff_id, excluded, tentative) WHERE occ_date <> '';"           \
  "CREATE INDEX event_exception_date ON event_exception (occ_date);"                        \
  "CREATE INDEX event_exception_moved_end ON event_exception (end_at, start_at, event_id) " \
  "WHERE kind = 'moved';"                                                                    \
  "CREATE INDEX staff_unavailable_end ON staff_unavailable (end_at, start_at);"

G_END_DECLS
