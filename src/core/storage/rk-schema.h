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

/* The reasons Renkei gave exceptions itself were stored translated (「この日
 * のみ変更」 whatever the reader's language): they become the tokens of
 * rk-expand.h, or NULL for the usual reason of the kind, and are translated
 * when shown. Both dialects. */
#define RK_SCHEMA_REASON_TOKENS                                                             \
  "UPDATE event_exception SET reason = '@changed' "                                         \
  "WHERE reason IN ('changed for this day', 'この日のみ変更');"                                   \
  "UPDATE event_exception SET reason = NULL "                                               \
  "WHERE (kind = 'moved' AND reason IN ('moved by hand', '手動で移動')) "                      \
  "OR (kind = 'cancelled' AND reason IN ('cancelled', '中止'));"                              \
  "UPDATE event_exception SET reason = '@replaced:' || substr (reason, 19) "                 \
  "WHERE reason LIKE 'replaced by event %';"                                                 \
  "UPDATE event_exception "                                                                  \
  "SET reason = '@replaced:' || replace (replace (reason, '予定 ', ''), ' に置き換え', '') "     \
  "WHERE reason LIKE '予定 % に置き換え';"

/* Migration 11 of both: a range's events found by where they end. Every
 * event starting before a month's end (years of history) was visited to
 * test its series_end; through (series_end, start_at) only those ending
 * after the range starts are, tested in the index. And which occurrences
 * have an attendance record, read from the index alone. Each replaces an
 * index it begins with. */
#define RK_SCHEMA_RANGE_INDEXES                                                             \
  "CREATE INDEX event_span ON event (series_end, start_at);"                                \
  "DROP INDEX event_series_end;"                                                            \
  "CREATE INDEX attendance_date_event ON attendance (occ_date, event_id);"                  \
  "DROP INDEX attendance_date;"

/* Migration 5 of both: what happened at each occurrence, counts only (never
 * a family's name). Keyed like the exceptions, by the occurrence's original
 * date; consultations as "CATEGORY=N,..." in the order of the setting
 * consultation_categories. */
#define RK_SCHEMA_ATTENDANCE(ID_TYPE, TEXT_TYPE)                                              \
  "CREATE TABLE attendance ("                                                                 \
  "  event_id " ID_TYPE " NOT NULL REFERENCES event (id) ON DELETE CASCADE,"                  \
  "  occ_date " TEXT_TYPE " NOT NULL,"                                                        \
  "  families INTEGER NOT NULL DEFAULT 0 CHECK (families >= 0),"                              \
  "  adults INTEGER NOT NULL DEFAULT 0 CHECK (adults >= 0),"                                  \
  "  children INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),"                              \
  "  pregnant INTEGER NOT NULL DEFAULT 0 CHECK (pregnant >= 0 AND pregnant <= adults),"       \
  "  residents INTEGER NOT NULL DEFAULT 0 CHECK (residents >= 0),"                            \
  "  nonresidents INTEGER NOT NULL DEFAULT 0 CHECK (nonresidents >= 0),"                      \
  "  first_time INTEGER NOT NULL DEFAULT 0 CHECK (first_time >= 0),"                          \
  "  consultations " TEXT_TYPE ","                                                            \
  "  notes " TEXT_TYPE ","                                                                    \
  "  version INTEGER NOT NULL DEFAULT 1,"                                                     \
  "  PRIMARY KEY (event_id, occ_date),"                                                       \
  "  CHECK (residents + nonresidents <= adults + children));"                                 \
  "CREATE INDEX attendance_date ON attendance (occ_date);"

/* Migration 9 of both: a venue's message box for one month (お知らせ:
 * parking, how to book, what to bring, a closing notice), printed on that
 * venue's monthly schedule. month is YYYY-MM. */
#define RK_SCHEMA_VENUE_NOTICE(ID_TYPE, TEXT_TYPE)                                            \
  "CREATE TABLE venue_notice ("                                                               \
  "  venue_id " ID_TYPE " NOT NULL REFERENCES venue (id) ON DELETE CASCADE,"                  \
  "  month " TEXT_TYPE " NOT NULL CHECK (length(month) = 7),"                                 \
  "  text " TEXT_TYPE " NOT NULL CHECK (length(text) > 0),"                                   \
  "  version INTEGER NOT NULL DEFAULT 1,"                                                     \
  "  PRIMARY KEY (venue_id, month));"

G_END_DECLS
