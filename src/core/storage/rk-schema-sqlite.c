#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-schema.h"

/* Each string is run in one transaction together with the user_version bump.
 * Times are local wall-clock text "YYYY-MM-DDTHH:MM" that sorts as text. */
const char * const rk_sqlite_migrations[] = {
  /* 1: the base schema */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"

  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  kana TEXT,"
  "  role TEXT NOT NULL CHECK (role IN ('hub_staff','public_health_nurse','nutritionist',"
  "                                     'midwife','childcare_volunteer','other')),"
  "  org TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  version INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX staff_role ON staff (role, active);"

  "CREATE TABLE staff_unavailable ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,"
  "  start_at TEXT NOT NULL,"
  "  end_at TEXT NOT NULL,"
  "  reason TEXT,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  CHECK (end_at > start_at));"
  "CREATE INDEX staff_unavailable_range ON staff_unavailable (start_at, end_at);"
  "CREATE INDEX staff_unavailable_staff ON staff_unavailable (staff_id, start_at);"

  "CREATE TABLE venue ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
  "  kind TEXT NOT NULL DEFAULT 'hub',"
  "  address TEXT,"
  "  contact TEXT,"
  "  closed_on_holidays INTEGER NOT NULL DEFAULT 0 CHECK (closed_on_holidays IN (0, 1)),"
  "  version INTEGER NOT NULL DEFAULT 1);"

  /* kind 'date' and 'range': start_date..end_date (YYYY-MM-DD);
   * 'weekday': weekday 1 (Monday) .. 7 (Sunday);
   * 'yearly': start_date..end_date as MM-DD, may wrap over the new year. */
  "CREATE TABLE venue_closing ("
  "  id INTEGER PRIMARY KEY,"
  "  venue_id INTEGER NOT NULL REFERENCES venue (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('date','range','weekday','yearly')),"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  weekday INTEGER CHECK (weekday BETWEEN 1 AND 7),"
  "  reason TEXT,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  CHECK ((kind = 'weekday') = (weekday IS NOT NULL)),"
  "  CHECK (kind = 'weekday' OR (start_date IS NOT NULL AND end_date IS NOT NULL)),"
  "  CHECK (kind IN ('weekday','yearly') OR end_date >= start_date));"
  "CREATE INDEX venue_closing_venue ON venue_closing (venue_id);"

  "CREATE TABLE room ("
  "  id INTEGER PRIMARY KEY,"
  "  venue_id INTEGER NOT NULL REFERENCES venue (id),"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
  "  features TEXT,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (venue_id, name));"

  "CREATE TABLE equipment ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  venue_id INTEGER REFERENCES venue (id),"
  "  version INTEGER NOT NULL DEFAULT 1);"
  "CREATE UNIQUE INDEX equipment_name ON equipment (COALESCE(venue_id, 0), name);"

  "CREATE TABLE program ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
  "  duration INTEGER NOT NULL DEFAULT 120 CHECK (duration > 0),"
  "  audience TEXT,"
  "  bring TEXT,"
  "  color TEXT,"
  "  version INTEGER NOT NULL DEFAULT 1);"

  "CREATE TABLE program_requirement ("
  "  program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('hub_staff','public_health_nurse','nutritionist',"
  "                                     'midwife','childcare_volunteer','other')),"
  "  count INTEGER NOT NULL CHECK (count > 0),"
  "  PRIMARY KEY (program_id, role));"

  /* A series is one row with its RRULE; series_end is the end of its last
   * occurrence (NULL: endless) so range queries can use an index. */
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  program_id INTEGER REFERENCES program (id),"
  "  title TEXT,"
  "  start_at TEXT NOT NULL,"
  "  end_at TEXT NOT NULL,"
  "  series_end TEXT,"
  "  room_id INTEGER REFERENCES room (id),"
  "  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),"
  "  notes TEXT,"
  "  rrule TEXT,"
  "  on_holiday TEXT CHECK (on_holiday IN ('skip','next-day','previous-day','keep')),"
  "  tentative INTEGER NOT NULL DEFAULT 0 CHECK (tentative IN (0, 1)),"
  "  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),"
  "  uid TEXT NOT NULL UNIQUE,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  CHECK (end_at > start_at),"
  "  CHECK (program_id IS NOT NULL OR length(title) > 0));"
  "CREATE INDEX event_start ON event (start_at);"
  "CREATE INDEX event_series_end ON event (series_end);"
  "CREATE INDEX event_room ON event (room_id);"

  /* One row per changed occurrence, keyed by its original date. */
  "CREATE TABLE event_exception ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  occ_date TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('cancelled','moved','skipped')),"
  "  start_at TEXT,"
  "  end_at TEXT,"
  "  reason TEXT,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (event_id, occ_date),"
  "  CHECK (kind <> 'moved' OR (start_at IS NOT NULL AND end_at > start_at)));"
  "CREATE INDEX event_exception_moved ON event_exception (start_at);"

  /* occ_date '' assigns to the whole series; a date to one occurrence.
   * excluded = 1 takes a series assignment off one occurrence. */
  "CREATE TABLE assignment ("
  "  id INTEGER PRIMARY KEY,"
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  staff_id INTEGER NOT NULL REFERENCES staff (id),"
  "  occ_date TEXT NOT NULL DEFAULT '',"
  "  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),"
  "  tentative INTEGER NOT NULL DEFAULT 0 CHECK (tentative IN (0, 1)),"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (event_id, staff_id, occ_date));"
  "CREATE INDEX assignment_staff ON assignment (staff_id, event_id);"

  "CREATE TABLE event_equipment ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  equipment_id INTEGER NOT NULL REFERENCES equipment (id),"
  "  PRIMARY KEY (event_id, equipment_id));"
  "CREATE INDEX event_equipment_item ON event_equipment (equipment_id);"

  "INSERT INTO settings (key, value) VALUES ('timezone', 'Asia/Tokyo');"
  "INSERT INTO settings (key, value) VALUES ('travel_gap_minutes', '30');"
  "INSERT INTO settings (key, value) VALUES ('tentative_days', '14');"
  "INSERT INTO settings (key, value) VALUES ('week_start', 'sunday');",

  /* 2: programs for staff only (liaison meetings, joint trainings) stay off
   * the families' print and public exports. */
  "ALTER TABLE program ADD COLUMN staff_only INTEGER NOT NULL DEFAULT 0 "
  "CHECK (staff_only IN (0, 1));",

  /* 3: what a schedule load reads. An event's assignments in id order
   * (its series rows first), with every column read in the index; the
   * one-occurrence rows and the exceptions by date, for a view that needs
   * only those of its range; occurrences moved by hand and periods away
   * that end after a range starts (past ones pile up over the years, later
   * ones are few). */
  RK_SCHEMA_VIEW_INDEXES,

  /* 4: nothing in a file. The server's twin adds a counter of changes to the
   * reference tables; a file's own data version tells the same. */
  "SELECT 1;",

  /* 5: attendance records (counts only) */
  RK_SCHEMA_ATTENDANCE ("INTEGER", "TEXT"),
  /* 6: all-day and multi-day events: whole days from midnight to the
   * midnight after the last day, shown and printed without times. */
  "ALTER TABLE event ADD COLUMN all_day INTEGER NOT NULL DEFAULT 0 "
  "CHECK (all_day IN (0, 1));",
  /* 7: the weekly pattern a person can work (weekday, from, until; none:
   * any time), their limits (minutes a week, sessions a month; NULL: none)
   * and a role's wish beside its minimum (NULL: the minimum). */
  "CREATE TABLE staff_availability ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,"
  "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
  "  start_time TEXT NOT NULL CHECK (length(start_time) = 5),"
  "  end_time TEXT NOT NULL CHECK (length(end_time) = 5),"
  "  CHECK (end_time > start_time));"
  "CREATE INDEX staff_availability_staff ON staff_availability (staff_id, weekday);"
  "ALTER TABLE staff ADD COLUMN max_week_minutes INTEGER "
  "CHECK (max_week_minutes IS NULL OR max_week_minutes > 0);"
  "ALTER TABLE staff ADD COLUMN max_sessions_month INTEGER "
  "CHECK (max_sessions_month IS NULL OR max_sessions_month > 0);"
  "ALTER TABLE program_requirement ADD COLUMN wish INTEGER "
  "CHECK (wish IS NULL OR wish >= count);",

  /* 8: the reasons Renkei stored translated become tokens. */
  RK_SCHEMA_REASON_TOKENS,

  /* 9: a venue's notice for a month (rk-schema.h). */
  RK_SCHEMA_VENUE_NOTICE ("INTEGER", "TEXT"),

  /* 10: what an event read from another calendar keeps of it: the zone
   * its series repeats in (NULL: the database's), and how its SEQUENCE
   * stands to the row's version (SEQUENCE = sequence_base + version - 1). */
  "ALTER TABLE event ADD COLUMN tzid TEXT;"
  "ALTER TABLE event ADD COLUMN sequence_base INTEGER NOT NULL DEFAULT 0;",

  /* 11: a range's events by where they end; record keys from an index
   * (rk-schema.h). */
  RK_SCHEMA_RANGE_INDEXES,
};

const guint rk_sqlite_n_migrations = G_N_ELEMENTS (rk_sqlite_migrations);
