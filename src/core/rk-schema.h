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

G_END_DECLS
