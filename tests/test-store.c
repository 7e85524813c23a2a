#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "rk-entities.h"
#include "rk-error.h"
#include "rk-schema.h"
#include "rk-store.h"
#include "rk-store-attendance.h"
#include "rk-test-util.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = rk_test_backend_is_pg () ? rk_test_pg_database ()
                                     : g_build_filename (f->dir, "renkei.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RkStore *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  RkStore *store = rk_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
file_hash (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Runs SQL on a file behind the store's back, as another program would. */
static void
sql_on_file (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static int
pragma_on_file (const char *path, const char *pragma)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The server's twin of sql_on_file(): SQL run behind the store's back. */
static void
sql_on_server (const char *uri, const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
  PQfinish (conn);
}

/* What a server database holds, as text: its tables and renkei_meta. */
static char *
server_state (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);
  GString *out = g_string_new (NULL);
  const char *queries[] = {
    "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
    "WHERE schemaname = current_schema()",
    "SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM renkei_meta",
  };

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      PGresult *res = PQexec (conn, queries[i]);

      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
        g_string_append_printf (out, "%s;", PQgetvalue (res, 0, 0));
      PQclear (res);
    }
  PQfinish (conn);
  return g_string_free (out, FALSE);
}

static void
assert_server_refused (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = server_state (uri);
  g_autofree char *after = NULL;
  RkStore *store = rk_store_open (uri, &error);

  g_assert_null (store);
  g_assert_error (error, RK_ERROR, RK_ERROR_DATABASE);
  after = server_state (uri);
  g_assert_cmpstr (before, ==, after);
}

static void
begin (RkStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rk_store_begin (store, &error));
  g_assert_no_error (error);
}

static void
commit (RkStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rk_store_commit (store, &error));
  g_assert_no_error (error);
}

static RkDay
day (const char *text)
{
  RkDay d = 0;

  g_assert_true (rk_date_parse (text, &d));
  return d;
}

static RkMinute
minute (const char *text)
{
  RkMinute t = 0;

  g_assert_true (rk_time_parse (text, &t));
  return t;
}

static gboolean
has_id (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static const RkSAssign *
find_assign (const RkSEvent *e, gint64 staff_id, RkDay occ_date)
{
  for (guint i = 0; i < e->assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (e->assigns, RkSAssign, i);

      if (a->staff_id == staff_id && a->occ_date == occ_date)
        return a;
    }
  return NULL;
}

/* ---- round trip --------------------------------------------------------- */

typedef struct
{
  gint64 nurse, midwife, retired;
  gint64 unavail;
  gint64 hub, centre;
  gint64 c_date, c_range, c_weekday, c_yearly;
  gint64 play, kitchen, hall;
  gint64 scales, bath, spare;
  gint64 program;
  gint64 single, series;
} Ids;

static void
fill_everything (RkStore *store, Ids *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStaff) nurse = rk_staff_new ();
  g_autoptr(RkStaff) midwife = rk_staff_new ();
  g_autoptr(RkStaff) retired = rk_staff_new ();
  g_autoptr(RkVenue) hub = rk_venue_new ();
  g_autoptr(RkVenue) centre = rk_venue_new ();
  g_autoptr(RkRoom) play = rk_room_new ();
  g_autoptr(RkRoom) kitchen = rk_room_new ();
  g_autoptr(RkRoom) hall = rk_room_new ();
  g_autoptr(RkEquipment) scales = rk_equipment_new ();
  g_autoptr(RkEquipment) bath = rk_equipment_new ();
  g_autoptr(RkEquipment) spare = rk_equipment_new ();
  g_autoptr(RkProgram) program = rk_program_new ();
  g_autoptr(RkEvent) single = rk_event_new ();
  g_autoptr(RkEvent) series = rk_event_new ();
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));

  begin (store);

  g_object_set (nurse, "name", "佐藤 美咲", "kana", "さとう みさき", "role", "public_health_nurse",
                "org", "さくら市保健センター", "phone", "090-0000-0011",
                "email", "sato@example.jp", NULL);
  ids->nurse = rk_store_add_staff (store, nurse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rk_staff_get_id (nurse), ==, ids->nurse);
  g_object_set (midwife, "name", "加藤 千尋", "role", "midwife", NULL);
  ids->midwife = rk_store_add_staff (store, midwife, &error);
  g_assert_no_error (error);
  g_object_set (retired, "name", "木村 健一", "role", "other", "active", FALSE, NULL);
  ids->retired = rk_store_add_staff (store, retired, &error);
  g_assert_no_error (error);

  ids->unavail = rk_store_add_unavailability (store, ids->nurse, minute ("2026-12-01T09:00"),
                                              minute ("2026-12-03T17:00"), "研修出張", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ids->unavail, >, 0);

  g_object_set (hub, "name", "みなみ子育て支援センター", "address", "さくら市南町1-2-3",
                "contact", "0120-000-111", "closed-on-holidays", TRUE, NULL);
  ids->hub = rk_store_add_venue (store, hub, &error);
  g_assert_no_error (error);
  g_object_set (centre, "name", "さくら市保健センター", "kind", "health_centre", NULL);
  ids->centre = rk_store_add_venue (store, centre, &error);
  g_assert_no_error (error);

  ids->c_date = rk_store_add_closing (store, ids->hub, RK_CLOSING_DATE, (int) day ("2026-12-10"),
                                      (int) day ("2026-12-10"), 0, "消毒", &error);
  g_assert_no_error (error);
  ids->c_range = rk_store_add_closing (store, ids->hub, RK_CLOSING_RANGE,
                                       (int) day ("2027-02-01"), (int) day ("2027-02-05"), 0,
                                       "改修工事", &error);
  g_assert_no_error (error);
  ids->c_weekday = rk_store_add_closing (store, ids->hub, RK_CLOSING_WEEKDAY, 0, 0, 1, "定休日",
                                         &error);
  g_assert_no_error (error);
  ids->c_yearly = rk_store_add_closing (store, ids->centre, RK_CLOSING_YEARLY, 1229, 103, 0,
                                        "年末年始", &error);
  g_assert_no_error (error);

  g_object_set (play, "venue-id", ids->hub, "name", "プレイルーム", "capacity", 30,
                "features", "playroom,mats", NULL);
  ids->play = rk_store_add_room (store, play, &error);
  g_assert_no_error (error);
  g_object_set (kitchen, "venue-id", ids->hub, "name", "キッチン", "capacity", 12, NULL);
  ids->kitchen = rk_store_add_room (store, kitchen, &error);
  g_assert_no_error (error);
  /* The same room name at another venue is a different room. */
  g_object_set (hall, "venue-id", ids->centre, "name", "プレイルーム", "capacity", 40, NULL);
  ids->hall = rk_store_add_room (store, hall, &error);
  g_assert_no_error (error);

  g_object_set (scales, "name", "ベビースケール", "venue-id", ids->centre, NULL);
  ids->scales = rk_store_add_equipment (store, scales, &error);
  g_assert_no_error (error);
  g_object_set (bath, "name", "ベビーバス", "venue-id", ids->hub, NULL);
  ids->bath = rk_store_add_equipment (store, bath, &error);
  g_assert_no_error (error);
  g_object_set (spare, "name", "ベビースケール", NULL);
  ids->spare = rk_store_add_equipment (store, spare, &error);
  g_assert_no_error (error);

  g_object_set (program, "name", "両親学級（休日編）", "duration", 240,
                "audience", "初めての出産を迎える妊婦さんとご家族", "bring", "母子健康手帳",
                "color", "#E57373",
                "requirements", "hub_staff=2,public_health_nurse=1,nutritionist=1,midwife=1",
                NULL);
  ids->program = rk_store_add_program (store, program, &error);
  g_assert_no_error (error);

  g_object_set (single, "title", "連絡会議", "start", "2026-12-08T14:00", "end",
                "2026-12-08T16:00", "room-id", ids->hall, "capacity", 0, "notes",
                "内部のみ", "on-holiday", "keep", NULL);
  ids->single = rk_store_add_event (store, single, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rk_event_get_uid (single));

  g_array_append_val (items, ids->bath);
  g_array_append_val (items, ids->spare);
  g_object_set (series, "program-id", ids->program, "start", "2026-12-06T10:00", "end",
                "2026-12-06T14:00", "room-id", ids->kitchen, "capacity", 16, "notes",
                "昼食試食あり", "rrule", "FREQ=MONTHLY;BYDAY=1SU;COUNT=6", "on-holiday",
                "next-day", "tentative", TRUE, "uid", "parents-class@example.jp", NULL);
  ids->series = rk_store_add_event (store, series, items, &error);
  g_assert_no_error (error);

  g_assert_true (rk_store_set_exception (store, ids->series, day ("2027-01-03"),
                                         RK_EXCEPTION_MOVED, minute ("2027-01-10T13:00"),
                                         minute ("2027-01-10T17:00"), "年始", &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_set_exception (store, ids->series, day ("2027-02-07"),
                                         RK_EXCEPTION_CANCELLED, 0, 0, "インフルエンザ流行",
                                         &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_set_exception (store, ids->series, day ("2027-03-07"),
                                         RK_EXCEPTION_SKIPPED, 0, 0, NULL, &error));
  g_assert_no_error (error);

  /* The nurse on the whole series but off 2027-04-04; the midwife on one date. */
  g_assert_true (rk_store_assign (store, ids->series, ids->nurse, 0, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_unassign (store, ids->series, ids->nurse, day ("2027-04-04"), &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_assign (store, ids->series, ids->midwife, day ("2026-12-06"), TRUE,
                                  &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_assign (store, ids->single, ids->nurse, 0, FALSE, &error));
  g_assert_no_error (error);

  commit (store);
}

/* A store filled with everything (fill_everything), then opened anew:
 * what the cases below read comes back from the file through a new
 * connection. */
static RkStore *
reopen_filled (const char *path, Ids *ids)
{
  RkStore *store = open_ok (path);

  fill_everything (store, ids);
  g_object_unref (store);
  return open_ok (path);
}

/* Staff members come back with every field, listed by role and
 * activity; an unknown id is not found. */
static void
test_round_trip_staff (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkStaff) staff = NULL;
  g_autoptr(GPtrArray) list = NULL;

  staff = rk_store_get_staff (store, ids.nurse, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_staff_get_name (staff), ==, "佐藤 美咲");
  g_assert_cmpstr (rk_staff_get_kana (staff), ==, "さとう みさき");
  g_assert_cmpstr (rk_staff_get_role (staff), ==, "public_health_nurse");
  g_assert_cmpstr (rk_staff_get_org (staff), ==, "さくら市保健センター");
  g_assert_cmpstr (rk_staff_get_phone (staff), ==, "090-0000-0011");
  g_assert_cmpstr (rk_staff_get_email (staff), ==, "sato@example.jp");
  g_assert_true (rk_staff_get_active (staff));
  g_assert_cmpint (rk_staff_get_version (staff), ==, 1);
  g_clear_object (&staff);
  staff = rk_store_get_staff (store, ids.retired, &error);
  g_assert_no_error (error);
  g_assert_false (rk_staff_get_active (staff));
  g_assert_null (rk_staff_get_phone (staff));
  g_assert_null (rk_staff_get_email (staff));
  g_assert_null (rk_staff_get_kana (staff));

  list = rk_store_list_staff (store, -1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rk_store_list_staff (store, -1, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rk_store_list_staff (store, RK_ROLE_MIDWIFE, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (rk_staff_get_id (g_ptr_array_index (list, 0)), ==, ids.midwife);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_null (rk_store_get_staff (store, 999, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* Venues come back with their kind, address, contact and holiday closing. */
static void
test_round_trip_venues (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkVenue) venue = NULL;
  g_autoptr(GPtrArray) list = NULL;

  venue = rk_store_get_venue (store, ids.hub, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_venue_get_name (venue), ==, "みなみ子育て支援センター");
  g_assert_cmpstr (rk_venue_get_kind (venue), ==, "hub");
  g_assert_cmpstr (rk_venue_get_address (venue), ==, "さくら市南町1-2-3");
  g_assert_cmpstr (rk_venue_get_contact (venue), ==, "0120-000-111");
  g_assert_true (rk_venue_get_closed_on_holidays (venue));
  g_clear_object (&venue);
  venue = rk_store_get_venue (store, ids.centre, &error);
  g_assert_cmpstr (rk_venue_get_kind (venue), ==, "health_centre");
  g_assert_false (rk_venue_get_closed_on_holidays (venue));
  list = rk_store_list_venues (store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
}

/* Rooms come back with their venue, capacity and features, listed by venue. */
static void
test_round_trip_rooms (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkRoom) room = NULL;
  g_autoptr(GPtrArray) list = NULL;

  room = rk_store_get_room (store, ids.play, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_room_get_name (room), ==, "プレイルーム");
  g_assert_cmpint (rk_room_get_venue_id (room), ==, ids.hub);
  g_assert_cmpstr (rk_room_get_venue_name (room), ==, "みなみ子育て支援センター");
  g_assert_cmpint (rk_room_get_capacity (room), ==, 30);
  g_assert_cmpstr (rk_room_get_features (room), ==, "playroom,mats");
  list = rk_store_list_rooms (store, ids.hub, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rk_store_list_rooms (store, 0, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
}

/* Equipment comes back with its venue, or none. */
static void
test_round_trip_equipment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkEquipment) item = NULL;
  g_autoptr(GPtrArray) list = NULL;

  item = rk_store_get_equipment (store, ids.scales, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_equipment_get_name (item), ==, "ベビースケール");
  g_assert_cmpint (rk_equipment_get_venue_id (item), ==, ids.centre);
  g_assert_cmpstr (rk_equipment_get_venue_name (item), ==, "さくら市保健センター");
  g_clear_object (&item);
  item = rk_store_get_equipment (store, ids.spare, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_equipment_get_name (item), ==, "ベビースケール");
  g_assert_cmpint (rk_equipment_get_venue_id (item), ==, 0);
  g_assert_null (rk_equipment_get_venue_name (item));
  list = rk_store_list_equipment (store, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
}

/* A program comes back with its duration, audience, what to bring,
 * colour and staffing. */
static void
test_round_trip_program (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkProgram) program = NULL;

  program = rk_store_get_program (store, ids.program, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_program_get_name (program), ==, "両親学級（休日編）");
  g_assert_cmpint (rk_program_get_duration (program), ==, 240);
  g_assert_cmpstr (rk_program_get_audience (program), ==, "初めての出産を迎える妊婦さんとご家族");
  g_assert_cmpstr (rk_program_get_bring (program), ==, "母子健康手帳");
  g_assert_cmpstr (rk_program_get_color (program), ==, "#E57373");
  {
    int counts[RK_N_ROLES];

    g_assert_true (rk_requirements_parse (rk_program_get_requirements (program), counts, NULL));
    g_assert_cmpint (counts[RK_ROLE_HUB_STAFF], ==, 2);
    g_assert_cmpint (counts[RK_ROLE_PUBLIC_HEALTH_NURSE], ==, 1);
    g_assert_cmpint (counts[RK_ROLE_NUTRITIONIST], ==, 1);
    g_assert_cmpint (counts[RK_ROLE_MIDWIFE], ==, 1);
    g_assert_cmpint (counts[RK_ROLE_CHILDCARE_VOLUNTEER], ==, 0);
    g_assert_cmpint (counts[RK_ROLE_OTHER], ==, 0);
  }
}

/* A single event and a series come back with every field, the series
 * found by its UID. */
static void
test_round_trip_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkEvent) event = NULL;

  event = rk_store_get_event (store, ids.single, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_event_get_title (event), ==, "連絡会議");
  g_assert_cmpint (rk_event_get_program_id (event), ==, 0);
  g_assert_cmpstr (rk_event_get_start (event), ==, "2026-12-08T14:00");
  g_assert_cmpstr (rk_event_get_end (event), ==, "2026-12-08T16:00");
  g_assert_cmpint (rk_event_get_room_id (event), ==, ids.hall);
  g_assert_cmpint (rk_event_get_capacity (event), ==, 0);
  g_assert_cmpstr (rk_event_get_notes (event), ==, "内部のみ");
  g_assert_null (rk_event_get_rrule (event));
  g_assert_cmpstr (rk_event_get_on_holiday (event), ==, "keep");
  g_assert_false (rk_event_get_tentative (event));
  g_assert_nonnull (rk_event_get_uid (event));
  g_clear_object (&event);

  event = rk_store_get_event (store, ids.series, &error);
  g_assert_no_error (error);
  g_assert_null (rk_event_get_title (event));
  g_assert_cmpint (rk_event_get_program_id (event), ==, ids.program);
  g_assert_cmpstr (rk_event_get_program_name (event), ==, "両親学級（休日編）");
  g_assert_cmpstr (rk_event_get_start (event), ==, "2026-12-06T10:00");
  g_assert_cmpstr (rk_event_get_end (event), ==, "2026-12-06T14:00");
  g_assert_cmpint (rk_event_get_room_id (event), ==, ids.kitchen);
  g_assert_cmpint (rk_event_get_capacity (event), ==, 16);
  g_assert_cmpstr (rk_event_get_notes (event), ==, "昼食試食あり");
  g_assert_cmpstr (rk_event_get_rrule (event), ==, "FREQ=MONTHLY;BYDAY=1SU;COUNT=6");
  g_assert_cmpstr (rk_event_get_on_holiday (event), ==, "next-day");
  g_assert_true (rk_event_get_tentative (event));
  g_assert_cmpstr (rk_event_get_uid (event), ==, "parents-class@example.jp");
  g_assert_cmpint (rk_store_find_event_by_uid (store, "parents-class@example.jp", NULL), ==,
                   ids.series);
}

/* The plain-struct snapshot the rules use reads the same rows: periods
 * away, roles, activity. */
static void
test_snapshot_people (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkSchedule) s = NULL;

  s = rk_store_load_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->unavailable->len, ==, 1);
  {
    const RkSUnavailable *u = &g_array_index (s->unavailable, RkSUnavailable, 0);

    g_assert_cmpint (u->staff_id, ==, ids.nurse);
    g_assert_cmpint (u->start, ==, minute ("2026-12-01T09:00"));
    g_assert_cmpint (u->end, ==, minute ("2026-12-03T17:00"));
    g_assert_cmpstr (u->reason, ==, "研修出張");
  }
  g_assert_false (rk_schedule_staff (s, ids.retired)->active);
  g_assert_cmpint (rk_schedule_staff (s, ids.midwife)->role, ==, RK_ROLE_MIDWIFE);
}

/* The snapshot's closing days of each kind, and that they take effect. */
static void
test_snapshot_closings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkSchedule) s = NULL;
  RkSVenue *sv;

  s = rk_store_load_all (store, &error);
  g_assert_no_error (error);
  sv = rk_schedule_venue (s, ids.hub);
  g_assert_nonnull (sv);
  g_assert_true (sv->closed_on_holidays);
  g_assert_cmpuint (sv->closings->len, ==, 3);
  {
    const RkClosing *c = &g_array_index (sv->closings, RkClosing, 0);

    g_assert_cmpint (c->id, ==, ids.c_date);
    g_assert_cmpint (c->kind, ==, RK_CLOSING_DATE);
    g_assert_cmpuint (c->start, ==, day ("2026-12-10"));
    g_assert_cmpuint (c->end, ==, day ("2026-12-10"));
    g_assert_cmpstr (c->reason, ==, "消毒");
    c = &g_array_index (sv->closings, RkClosing, 1);
    g_assert_cmpint (c->id, ==, ids.c_range);
    g_assert_cmpint (c->kind, ==, RK_CLOSING_RANGE);
    g_assert_cmpuint (c->start, ==, day ("2027-02-01"));
    g_assert_cmpuint (c->end, ==, day ("2027-02-05"));
    c = &g_array_index (sv->closings, RkClosing, 2);
    g_assert_cmpint (c->id, ==, ids.c_weekday);
    g_assert_cmpint (c->kind, ==, RK_CLOSING_WEEKDAY);
    g_assert_cmpint (c->weekday, ==, 1);
    g_assert_cmpstr (c->reason, ==, "定休日");
  }
  sv = rk_schedule_venue (s, ids.centre);
  g_assert_cmpuint (sv->closings->len, ==, 1);
  {
    const RkClosing *c = &g_array_index (sv->closings, RkClosing, 0);

    g_assert_cmpint (c->kind, ==, RK_CLOSING_YEARLY);
    g_assert_cmpint (c->start_md, ==, 1229);
    g_assert_cmpint (c->end_md, ==, 103);
    g_assert_cmpstr (c->reason, ==, "年末年始");
  }
  /* The closings take effect: closed on the date, in the range, on Mondays,
   * over the new year (both sides of it). */
  g_assert_true (rk_venue_closed_on (rk_schedule_venue (s, ids.hub), day ("2026-12-10"), NULL));
  g_assert_true (rk_venue_closed_on (rk_schedule_venue (s, ids.hub), day ("2027-02-03"), NULL));
  g_assert_true (rk_venue_closed_on (rk_schedule_venue (s, ids.hub), day ("2026-12-14"), NULL));
  g_assert_false (rk_venue_closed_on (rk_schedule_venue (s, ids.hub), day ("2026-12-15"), NULL));
  g_assert_true (rk_venue_closed_on (sv, day ("2026-12-30"), NULL));
  g_assert_true (rk_venue_closed_on (sv, day ("2027-01-02"), NULL));
  g_assert_false (rk_venue_closed_on (sv, day ("2027-01-05"), NULL));
}

/* The snapshot's rooms, equipment, programs and series: the holiday
 * policy, exceptions, staff rows. */
static void
test_snapshot_series (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Ids ids = { 0 };
  g_autoptr(RkStore) store = reopen_filled (f->path, &ids);
  g_autoptr(RkSchedule) s = NULL;
  RkSEvent *se;
  const RkSException *x;
  const RkSAssign *a;

  s = rk_store_load_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rk_schedule_room (s, ids.hall)->venue->id, ==, ids.centre);
  g_assert_cmpint (rk_schedule_equipment (s, ids.spare)->venue_id, ==, 0);
  g_assert_cmpint (rk_schedule_equipment (s, ids.bath)->venue_id, ==, ids.hub);
  g_assert_cmpint (rk_schedule_program (s, ids.program)->required[RK_ROLE_HUB_STAFF], ==, 2);
  g_assert_cmpint (rk_schedule_program (s, ids.program)->required[RK_ROLE_MIDWIFE], ==, 1);

  se = rk_schedule_event (s, ids.series);
  g_assert_nonnull (se);
  g_assert_cmpint (se->policy, ==, RK_POLICY_NEXT_DAY);
  g_assert_cmpint (se->capacity, ==, 16);
  g_assert_true (se->tentative);
  g_assert_false (se->cancelled);
  g_assert_cmpuint (se->equipment->len, ==, 2);
  g_assert_true (has_id (se->equipment, ids.bath));
  g_assert_true (has_id (se->equipment, ids.spare));

  g_assert_cmpuint (se->exceptions->len, ==, 3);
  x = rk_sevent_exception (se, day ("2027-01-03"));
  g_assert_nonnull (x);
  g_assert_cmpint (x->kind, ==, RK_EXCEPTION_MOVED);
  g_assert_cmpint (x->start, ==, minute ("2027-01-10T13:00"));
  g_assert_cmpint (x->end, ==, minute ("2027-01-10T17:00"));
  g_assert_cmpstr (x->reason, ==, "年始");
  x = rk_sevent_exception (se, day ("2027-02-07"));
  g_assert_cmpint (x->kind, ==, RK_EXCEPTION_CANCELLED);
  g_assert_cmpstr (x->reason, ==, "インフルエンザ流行");
  x = rk_sevent_exception (se, day ("2027-03-07"));
  g_assert_cmpint (x->kind, ==, RK_EXCEPTION_SKIPPED);
  g_assert_null (rk_sevent_exception (se, day ("2026-12-06")));

  g_assert_cmpuint (se->assigns->len, ==, 3);
  a = find_assign (se, ids.nurse, 0);
  g_assert_nonnull (a);
  g_assert_false (a->excluded);
  g_assert_false (a->tentative);
  a = find_assign (se, ids.nurse, day ("2027-04-04"));
  g_assert_nonnull (a);
  g_assert_true (a->excluded);
  a = find_assign (se, ids.midwife, day ("2026-12-06"));
  g_assert_nonnull (a);
  g_assert_false (a->excluded);
  g_assert_true (a->tentative);

  se = rk_schedule_event (s, ids.single);
  g_assert_cmpint (se->policy, ==, RK_POLICY_KEEP);
  g_assert_cmpint (se->capacity, ==, 0);
  g_assert_cmpuint (se->equipment->len, ==, 0);
  g_assert_cmpuint (se->assigns->len, ==, 1);
  g_assert_nonnull (find_assign (se, ids.nurse, 0));
}

/* Assigning and unassigning keeps the rows a person would expect. */
static void
test_assignment_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = open_ok (f->path);
  g_autoptr(RkSchedule) s = NULL;
  Ids ids = { 0 };
  RkSEvent *se;

  fill_everything (store, &ids);
  begin (store);
  /* Twice on the series, or on a date of a series they are already on. */
  g_assert_false (rk_store_assign (store, ids.series, ids.nurse, 0, FALSE, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (rk_store_assign (store, ids.series, ids.nurse, day ("2026-12-06"), FALSE,
                                   &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* Off a date twice, and off a series never on. */
  g_assert_false (rk_store_unassign (store, ids.series, ids.nurse, day ("2027-04-04"), &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rk_store_unassign (store, ids.single, ids.midwife, 0, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rk_store_assign (store, 999, ids.nurse, 0, FALSE, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rk_store_assign (store, ids.series, 999, 0, FALSE, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Back on the date taken off: the exclusion row goes. */
  g_assert_true (rk_store_assign (store, ids.series, ids.nurse, day ("2027-04-04"), FALSE,
                                  &error));
  g_assert_no_error (error);
  /* The midwife onto the whole series absorbs her one-date row. */
  g_assert_true (rk_store_assign (store, ids.series, ids.midwife, 0, FALSE, &error));
  g_assert_no_error (error);
  commit (store);

  s = rk_store_load_all (store, &error);
  g_assert_no_error (error);
  se = rk_schedule_event (s, ids.series);
  g_assert_cmpuint (se->assigns->len, ==, 2);
  g_assert_nonnull (find_assign (se, ids.nurse, 0));
  g_assert_nonnull (find_assign (se, ids.midwife, 0));

  /* Off the whole series. */
  begin (store);
  g_assert_true (rk_store_unassign (store, ids.series, ids.midwife, 0, &error));
  g_assert_no_error (error);
  commit (store);
  g_clear_pointer (&s, rk_schedule_free);
  s = rk_store_load_all (store, &error);
  se = rk_schedule_event (s, ids.series);
  g_assert_cmpuint (se->assigns->len, ==, 1);
  g_assert_null (find_assign (se, ids.midwife, 0));
}

/* Unique names: venue; room within its venue; program; equipment within its
 * venue or among unhomed items. Staff names may repeat. */
static void
test_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = open_ok (f->path);
  g_autoptr(RkVenue) venue = rk_venue_new ();
  g_autoptr(RkRoom) room = rk_room_new ();
  g_autoptr(RkProgram) program = rk_program_new ();
  g_autoptr(RkEquipment) item = rk_equipment_new ();
  g_autoptr(RkEquipment) other = rk_equipment_new ();
  g_autoptr(RkStaff) twin = rk_staff_new ();
  Ids ids = { 0 };

  fill_everything (store, &ids);
  begin (store);
  g_object_set (venue, "name", "みなみ子育て支援センター", NULL);
  g_assert_cmpint (rk_store_add_venue (store, venue, &error), ==, 0);
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_object_set (room, "venue-id", ids.hub, "name", "キッチン", "capacity", 5, NULL);
  g_assert_cmpint (rk_store_add_room (store, room, &error), ==, 0);
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_object_set (program, "name", "両親学級（休日編）", "requirements", "midwife=1", NULL);
  g_assert_cmpint (rk_store_add_program (store, program, &error), ==, 0);
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_object_set (item, "name", "ベビースケール", NULL);
  g_assert_cmpint (rk_store_add_equipment (store, item, &error), ==, 0);
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_object_set (item, "name", "ベビーバス", "venue-id", ids.hub, NULL);
  g_assert_cmpint (rk_store_add_equipment (store, item, &error), ==, 0);
  g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* The bath's name at another venue is another bath. */
  g_object_set (other, "name", "ベビーバス", "venue-id", ids.centre, NULL);
  g_assert_cmpint (rk_store_add_equipment (store, other, &error), >, 0);
  g_assert_no_error (error);
  g_object_set (twin, "name", "佐藤 美咲", "role", "midwife", NULL);
  g_assert_cmpint (rk_store_add_staff (store, twin, &error), >, 0);
  g_assert_no_error (error);
  commit (store);
}

/* ---- the file ----------------------------------------------------------- */

static void
test_new_file (Fixture *f, gconstpointer data)
{
  g_autofree char *nested = g_build_filename (f->dir, "sub", "dir", "renkei.db", NULL);
  g_autofree char *nested_dir = g_path_get_dirname (nested);
  GStatBuf st;

  if (rk_test_skip_on_server ("about the database file"))
    return;

  {
    g_autoptr(RkStore) store = open_ok (nested);

    g_autofree char *wal = g_strconcat (nested, "-wal", NULL);

    g_assert_cmpstr (rk_store_get_path (store), ==, nested);
    g_assert_cmpint (rk_store_get_schema_version (store), ==, (int) rk_sqlite_n_migrations);
    /* The write-ahead log holds the same personal data while the file is open. */
    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (nested_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_assert_cmpint (pragma_on_file (nested, "PRAGMA application_id"), ==, RK_APPLICATION_ID);
  g_assert_cmpint (pragma_on_file (nested, "PRAGMA user_version"), ==,
                   (int) rk_sqlite_n_migrations);

  /* Reopening neither migrates again nor loses the marks. */
  {
    g_autoptr(RkStore) store = open_ok (nested);
    g_autofree char *tz = rk_store_get_timezone (store);

    g_assert_cmpint (rk_store_get_schema_version (store), ==, (int) rk_sqlite_n_migrations);
    g_assert_cmpstr (tz, ==, "Asia/Tokyo");
  }
}

/* A 0-byte file (touch renkei.db) becomes a database, readable by its
 * owner only whatever the umask made it. */
static void
test_empty_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStaff) staff = rk_staff_new ();
  g_autoptr(RkStaff) back = NULL;
  GStatBuf st;
  gint64 id;

  if (rk_test_skip_on_server ("about the database file"))
    return;
  g_assert_true (g_file_set_contents (f->path, "", 0, &error));
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  {
    g_autoptr(RkStore) store = open_ok (f->path);

    g_assert_cmpint (rk_store_get_schema_version (store), ==, (int) rk_sqlite_n_migrations);
    begin (store);
    g_object_set (staff, "name", "山田 花子", "role", "hub_staff", NULL);
    id = rk_store_add_staff (store, staff, &error);
    g_assert_no_error (error);
    commit (store);
  }
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (pragma_on_file (f->path, "PRAGMA application_id"), ==, RK_APPLICATION_ID);
  {
    g_autoptr(RkStore) store = open_ok (f->path);

    back = rk_store_get_staff (store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rk_staff_get_name (back), ==, "山田 花子");
  }
}

static void
assert_refused (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_hash (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  RkStore *store = rk_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, RK_ERROR, RK_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  after = file_hash (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_newer (Fixture *f, gconstpointer data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u",
                                          rk_sqlite_n_migrations + 1);

  g_object_unref (open_ok (f->path));
  if (rk_test_backend_is_pg ())
    {
      g_autofree char *bump = g_strdup_printf ("UPDATE renkei_meta SET value = '%u' "
                                               "WHERE key = 'schema_version'",
                                               rk_pg_n_migrations + 1);

      sql_on_server (f->path, bump);
      assert_server_refused (f->path);
      assert_server_refused (f->path);
      return;
    }
  sql_on_file (f->path, sql);
  g_assert_cmpint (pragma_on_file (f->path, "PRAGMA user_version"), ==,
                   (int) rk_sqlite_n_migrations + 1);
  assert_refused (f->path);
  /* Still refused the second time: nothing was downgraded. */
  assert_refused (f->path);
}

/* A database of schema 1 (as the first release wrote it) with data in it
 * is brought forward: its rows stay, the new column gets its default. */
static void
test_migrate_forward (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkProgram) program = NULL;
  g_autofree char *sql = NULL;

  if (rk_test_backend_is_pg ())
    {
      sql = g_strdup_printf ("CREATE TABLE renkei_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                             "INSERT INTO renkei_meta VALUES ('application', 'renkei'), "
                             "('schema_version', '1'); %s;"
                             "INSERT INTO program (name, duration) VALUES ('両親学級', 240);",
                             rk_pg_migrations[0]);
      sql_on_server (f->path, sql);
    }
  else
    {
      sql = g_strdup_printf ("%s PRAGMA user_version = 1; PRAGMA application_id = %d;"
                             "INSERT INTO program (name, duration) VALUES ('両親学級', 240);",
                             rk_sqlite_migrations[0], RK_APPLICATION_ID);
      sql_on_file (f->path, sql);
      g_assert_cmpint (pragma_on_file (f->path, "PRAGMA user_version"), ==, 1);
    }

  store = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rk_store_get_schema_version (store), ==, (int) rk_sqlite_n_migrations);
  program = rk_store_get_program (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rk_program_get_name (program), ==, "両親学級");
  g_assert_cmpint (rk_program_get_duration (program), ==, 240);
  g_assert_false (rk_program_get_staff_only (program));
}

static void
test_refuse_foreign (Fixture *f, gconstpointer data)
{
  if (rk_test_backend_is_pg ())
    {
      g_autofree char *other = rk_test_pg_database ();

      sql_on_server (f->path, "CREATE TABLE photos (id SERIAL PRIMARY KEY, path TEXT);"
                              "INSERT INTO photos (path) VALUES ('/home/a/1.jpg');");
      assert_server_refused (f->path);
      /* Another program's renkei_meta is not Renkei's mark. */
      sql_on_server (other, "CREATE TABLE renkei_meta (key TEXT PRIMARY KEY, value TEXT);"
                            "INSERT INTO renkei_meta VALUES ('application', 'other'), "
                            "('schema_version', '1');");
      assert_server_refused (other);
      return;
    }
  sql_on_file (f->path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);"
                        "INSERT INTO photos (path) VALUES ('/home/a/1.jpg');");
  assert_refused (f->path);

  /* Another application's own mark, even with a matching user_version. */
  rk_test_rm_rf (f->path);
  sql_on_file (f->path, "PRAGMA application_id = 1234; PRAGMA user_version = 1;"
                        "CREATE TABLE staff (id INTEGER PRIMARY KEY);");
  assert_refused (f->path);
}

static void
test_refuse_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *content = "name,role\n山田 花子,hub_staff\n";

  if (rk_test_skip_on_server ("about the database file"))
    return;
  g_assert_true (g_file_set_contents (f->path, content, -1, &error));
  assert_refused (f->path);
  g_assert_true (g_file_get_contents (f->path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, content);
}

/* ---- optimistic versions ------------------------------------------------ */

static void
assert_stale (RkStore *store, gboolean ok, GError *error)
{
  g_assert_false (ok);
  g_assert_error (error, RK_ERROR, RK_ERROR_STALE);
  rk_store_rollback (store);
}

static void
test_stale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) mine = NULL;
  g_autoptr(RkStore) theirs = NULL;
  g_autoptr(RkStaff) staff = NULL, staff2 = NULL;
  g_autoptr(RkVenue) venue = NULL, venue2 = NULL;
  g_autoptr(RkProgram) program = NULL, program2 = NULL;
  g_autoptr(RkEvent) event = NULL, event2 = NULL;
  Ids ids = { 0 };
  gboolean ok;

  mine = open_ok (f->path);
  fill_everything (mine, &ids);
  theirs = open_ok (f->path);

  /* I load everything, they change it and save first. */
  staff = rk_store_get_staff (mine, ids.nurse, &error);
  venue = rk_store_get_venue (mine, ids.hub, &error);
  program = rk_store_get_program (mine, ids.program, &error);
  event = rk_store_get_event (mine, ids.series, &error);
  g_assert_no_error (error);

  staff2 = rk_store_get_staff (theirs, ids.nurse, &error);
  venue2 = rk_store_get_venue (theirs, ids.hub, &error);
  program2 = rk_store_get_program (theirs, ids.program, &error);
  event2 = rk_store_get_event (theirs, ids.series, &error);
  g_assert_no_error (error);
  begin (theirs);
  rk_staff_set_phone (staff2, "090-9999-9999");
  g_assert_true (rk_store_update_staff (theirs, staff2, &error));
  rk_venue_set_address (venue2, "さくら市東町7-8-9");
  g_assert_true (rk_store_update_venue (theirs, venue2, &error));
  rk_program_set_duration (program2, 180);
  g_assert_true (rk_store_update_program (theirs, program2, &error));
  rk_event_set_notes (event2, "会場変更の可能性あり");
  g_assert_true (rk_store_update_event (theirs, event2, &error));
  g_assert_no_error (error);
  commit (theirs);
  g_assert_cmpint (rk_staff_get_version (staff2), ==, 2);

  begin (mine);
  rk_staff_set_phone (staff, "090-1111-1111");
  ok = rk_store_update_staff (mine, staff, &error);
  assert_stale (mine, ok, error);
  g_clear_error (&error);
  begin (mine);
  rk_venue_set_address (venue, "さくら市西町1-1");
  ok = rk_store_update_venue (mine, venue, &error);
  assert_stale (mine, ok, error);
  g_clear_error (&error);
  begin (mine);
  rk_program_set_duration (program, 60);
  ok = rk_store_update_program (mine, program, &error);
  assert_stale (mine, ok, error);
  g_clear_error (&error);
  begin (mine);
  rk_event_set_notes (event, "私のメモ");
  ok = rk_store_update_event (mine, event, &error);
  assert_stale (mine, ok, error);
  g_clear_error (&error);

  /* Their change is what the file holds, seen from a third connection. */
  g_clear_object (&theirs);
  g_clear_object (&mine);
  mine = open_ok (f->path);
  g_clear_object (&staff);
  staff = rk_store_get_staff (mine, ids.nurse, &error);
  g_assert_cmpstr (rk_staff_get_phone (staff), ==, "090-9999-9999");
  g_assert_cmpint (rk_staff_get_version (staff), ==, 2);
  g_clear_object (&venue);
  venue = rk_store_get_venue (mine, ids.hub, &error);
  g_assert_cmpstr (rk_venue_get_address (venue), ==, "さくら市東町7-8-9");
  g_clear_object (&program);
  program = rk_store_get_program (mine, ids.program, &error);
  g_assert_cmpint (rk_program_get_duration (program), ==, 180);
  g_clear_object (&event);
  event = rk_store_get_event (mine, ids.series, &error);
  g_assert_cmpstr (rk_event_get_notes (event), ==, "会場変更の可能性あり");
  g_assert_no_error (error);

  /* Reloaded, my edit goes through. */
  begin (mine);
  rk_staff_set_phone (staff, "090-1111-1111");
  g_assert_true (rk_store_update_staff (mine, staff, &error));
  g_assert_no_error (error);
  commit (mine);
  g_assert_cmpint (rk_staff_get_version (staff), ==, 3);

  /* A row deleted meanwhile is not found, not stale. */
  begin (mine);
  rk_staff_set_id (staff, 999);
  g_assert_false (rk_store_update_staff (mine, staff, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  rk_store_rollback (mine);
}

static gboolean
socket_readable (int fd, int timeout_ms)
{
  struct pollfd pfd = { fd, POLLIN, 0 };

  return poll (&pfd, 1, timeout_ms) > 0 && (pfd.revents & POLLIN);
}

/* A connection that never looks for other coordinators' commits (the
 * desktop's own, the command line's) does not LISTEN: the notifications
 * would pile up unread in its socket for as long as it stays open. The
 * first look starts them. */
static void
test_server_listens_when_looking (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkStore) other = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RkStaff) staff = rk_staff_new ();
  gint64 seen;
  int fd;

  if (!rk_test_backend_is_pg ())
    {
      g_test_skip ("about the server's notifications");
      return;
    }
  store = open_ok (f->path);
  list = rk_store_list_staff (store, -1, TRUE, &error);
  g_assert_no_error (error);
  fd = rk_store_get_notify_fd (store);
  g_assert_cmpint (fd, >=, 0);

  other = open_ok (f->path);
  g_object_set (staff, "name", "山田 花子", "role", "midwife", NULL);
  begin (other);
  g_assert_cmpint (rk_store_add_staff (other, staff, &error), >, 0);
  commit (other);
  g_assert_false (socket_readable (fd, 300));

  /* The first look: another commit is told. */
  seen = rk_store_get_data_version (store);
  g_object_set (staff, "name", "佐藤 美咲", NULL);
  begin (other);
  g_assert_cmpint (rk_store_add_staff (other, staff, &error), >, 0);
  commit (other);
  g_assert_true (socket_readable (fd, 20000));
  g_assert_cmpint (rk_store_get_data_version (store), !=, seen);
}

/* The server drops the connection (a restart, a network outage, an
 * administrator): the next action connects anew instead of failing for
 * the rest of the day, and a change made meanwhile is seen. */
static void
test_server_reconnects (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkStore) other = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RkStaff) staff = rk_staff_new ();
  g_autofree char *kill = NULL;
  gint64 seen;

  if (!rk_test_backend_is_pg ())
    {
      g_test_skip ("about the server's connection");
      return;
    }
  store = open_ok (f->path);
  seen = rk_store_get_data_version (store);
  kill = g_strdup_printf ("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = '%.*s' AND pid <> pg_backend_pid()",
                          (int) strcspn (f->path + strlen ("postgresql:///"), "?"),
                          f->path + strlen ("postgresql:///"));
  sql_on_server (f->path, kill);

  /* Someone else adds a person while this desktop is cut off. */
  other = open_ok (f->path);
  g_object_set (staff, "name", "山田 花子", "role", "midwife", NULL);
  begin (other);
  g_assert_cmpint (rk_store_add_staff (other, staff, &error), >, 0);
  commit (other);

  list = rk_store_list_staff (store, -1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (rk_store_get_data_version (store), !=, seen);

  /* Cut off again, then a write: it goes through on a new connection. */
  sql_on_server (f->path, kill);
  g_object_set (staff, "name", "佐藤 美咲", NULL);
  begin (store);
  g_assert_cmpint (rk_store_add_staff (store, staff, &error), >, 0);
  commit (store);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rk_store_list_staff (other, -1, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

/* The reference tables a load shares with the one before it: whatever
 * writes the file in between (this connection, another one, another
 * program) is seen by the next load, and a rolled back write is not. */
static const char *
loaded_name (RkStore *store, gint64 staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) s = rk_store_load_schedule (store, 1, 1, &error);
  static char name[64];
  RkSStaff *st;

  g_assert_no_error (error);
  st = rk_schedule_staff (s, staff_id);
  g_assert_nonnull (st);
  g_strlcpy (name, st->name, sizeof name);
  return name;
}

static void
rename_staff (RkStore *store, gint64 id, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStaff) staff = rk_store_get_staff (store, id, &error);

  g_assert_no_error (error);
  rk_staff_set_name (staff, name);
  g_assert_true (rk_store_update_staff (store, staff, &error));
  g_assert_no_error (error);
}

static void
test_reference_shared (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) mine = rk_store_open (f->path, &error);
  g_autoptr(RkStore) theirs = NULL;
  g_autoptr(RkStaff) nurse = rk_staff_new ();
  g_autoptr(RkSchedule) first = NULL;
  g_autoptr(RkSchedule) second = NULL;
  g_autoptr(RkSchedule) view = NULL;
  gint64 id;

  g_assert_no_error (error);
  theirs = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_object_set (nurse, "name", "佐藤 美咲", "role", "public_health_nurse", NULL);
  begin (mine);
  id = rk_store_add_staff (mine, nurse, &error);
  g_assert_no_error (error);
  commit (mine);

  /* Nothing written in between: the same tables, each schedule still its
   * own snapshot to free. */
  first = rk_store_load_schedule (mine, 1, 1, &error);
  g_assert_no_error (error);
  second = rk_store_load_schedule (mine, 1, 1, &error);
  g_assert_no_error (error);
  view = rk_store_load_view (mine, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_true (rk_schedule_staff (first, id) == rk_schedule_staff (second, id));
  g_assert_true (rk_schedule_staff (first, id) == rk_schedule_staff (view, id));
  g_clear_pointer (&second, rk_schedule_free);
  g_clear_pointer (&view, rk_schedule_free);

  /* Another connection commits. */
  begin (theirs);
  rename_staff (theirs, id, "佐藤 美咲（産休代替）");
  commit (theirs);
  g_assert_cmpstr (loaded_name (mine, id), ==, "佐藤 美咲（産休代替）");
  /* An earlier schedule keeps what it read. */
  g_assert_cmpstr (rk_schedule_staff (first, id)->name, ==, "佐藤 美咲");

  /* This connection commits. */
  begin (mine);
  rename_staff (mine, id, "佐藤 美咲");
  commit (mine);
  g_assert_cmpstr (loaded_name (mine, id), ==, "佐藤 美咲");

  /* Another program writes the file. */
  if (rk_test_backend_is_pg ())
    sql_on_server (f->path, "UPDATE staff SET name = '佐藤 みさき'");
  else
    sql_on_file (f->path, "UPDATE staff SET name = '佐藤 みさき'");
  g_assert_cmpstr (loaded_name (mine, id), ==, "佐藤 みさき");

  /* A load inside a transaction sees its writes; after a rollback the
   * next load does not. */
  begin (mine);
  rename_staff (mine, id, "取り消される名前");
  g_assert_cmpstr (loaded_name (mine, id), ==, "取り消される名前");
  rk_store_rollback (mine);
  g_assert_cmpstr (loaded_name (mine, id), ==, "佐藤 みさき");

  /* Settings come with the tables. */
  begin (theirs);
  g_assert_true (rk_store_set_setting (theirs, "travel_gap_minutes", "45", &error));
  g_assert_no_error (error);
  commit (theirs);
  second = rk_store_load_schedule (mine, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->travel_gap, ==, 45);
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Everything a view holds, as text: its events with their rows, the
 * periods away, which occurrences have a record. */
static char *
view_text (RkStore *store, RkDay from, RkDay to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) s = rk_store_load_view (store, from, to, &error);
  GString *out = g_string_new (NULL);
  g_autoptr(GList) keys = NULL;
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  g_assert_nonnull (s);
  for (guint i = 0; i < s->events->len; i++)
    {
      const RkSEvent *e = g_ptr_array_index (s->events, i);

      g_string_append_printf (out, "event %" G_GINT64_FORMAT " %s %d-%d v%" G_GINT64_FORMAT
                              " %s cancelled=%d room=%" G_GINT64_FORMAT "\n",
                              e->id, rk_sevent_title (e), (int) e->start, (int) e->end,
                              e->version, e->rrule ? e->rrule : "", e->cancelled,
                              e->room ? e->room->id : 0);
      for (guint j = 0; j < e->exceptions->len; j++)
        {
          const RkSException *x = &g_array_index (e->exceptions, RkSException, j);
          g_string_append_printf (out, "  exception %u %d %d-%d %s\n", x->occ_date, x->kind,
                                  (int) x->start, (int) x->end, x->reason ? x->reason : "");
        }
      for (guint j = 0; j < e->assigns->len; j++)
        {
          const RkSAssign *a = &g_array_index (e->assigns, RkSAssign, j);
          g_string_append_printf (out, "  staff %" G_GINT64_FORMAT " %u %d %d\n", a->staff_id,
                                  a->occ_date, a->excluded, a->tentative);
        }
      for (guint j = 0; j < e->equipment->len; j++)
        g_string_append_printf (out, "  item %" G_GINT64_FORMAT "\n",
                                g_array_index (e->equipment, gint64, j));
    }
  for (guint i = 0; i < s->unavailable->len; i++)
    {
      const RkSUnavailable *u = &g_array_index (s->unavailable, RkSUnavailable, i);
      g_string_append_printf (out, "away %" G_GINT64_FORMAT " %d-%d\n", u->staff_id,
                              (int) u->start, (int) u->end);
    }
  keys = s->attendance ? g_hash_table_get_keys (s->attendance) : NULL;
  for (GList *l = keys; l; l = l->next)
    g_array_append_val (sorted, *(gint64 *) l->data);
  g_array_sort (sorted, compare_int64);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "record %" G_GINT64_FORMAT "\n", g_array_index (sorted, gint64, i));
  return g_string_free (out, FALSE);
}

/* The view as a connection that has read nothing before reads it. */
static char *
view_text_afresh (const char *path, RkDay from, RkDay to)
{
  g_autoptr(RkStore) fresh = open_ok (path);

  return view_text (fresh, from, to);
}

/* Views are kept between loads while nothing is written; whoever writes
 * (this connection, another, another program), the next load reads what
 * was written. */
static void
test_views_kept (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) mine = open_ok (f->path);
  g_autoptr(RkStore) theirs = open_ok (f->path);
  RkDay from = day ("2026-12-01"), to = day ("2027-01-31");
  g_autofree char *first = NULL, *again = NULL, *truth = NULL, *now = NULL;
  g_autofree char *series = NULL, *midwife = NULL, *single = NULL;
  g_autoptr(RkSchedule) changed = NULL;
  g_autoptr(RkAttendance) record = NULL;
  Ids ids;

  fill_everything (mine, &ids);
  first = view_text (mine, from, to);
  again = view_text (mine, from, to);
  truth = view_text_afresh (f->path, from, to);
  g_assert_cmpstr (first, ==, truth);
  g_assert_cmpstr (again, ==, truth);
  g_assert_nonnull (strstr (truth, "exception"));
  g_assert_nonnull (strstr (truth, "staff"));

  /* A caller changes the view it got (the editor's draft does): the next
   * load does not see it. */
  changed = rk_store_load_view (mine, from, to, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changed->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (changed->events, i);

      g_array_set_size (e->assigns, 0);
      g_array_set_size (e->exceptions, 0);
      e->start += 60;
    }
  g_ptr_array_set_size (changed->events, 0);
  g_clear_pointer (&now, g_free);
  now = view_text (mine, from, to);
  g_assert_cmpstr (now, ==, truth);

#define SEEN_AS_AFRESH(what)                                                 \
  G_STMT_START {                                                             \
    g_autofree char *fresh = view_text_afresh (f->path, from, to);           \
    g_clear_pointer (&now, g_free);                                          \
    now = view_text (mine, from, to);                                        \
    g_assert_cmpstr (now, ==, fresh);                                        \
    g_assert_cmpstr (now, !=, truth);                                        \
    g_free (truth);                                                          \
    truth = g_strdup (now);                                                  \
  } G_STMT_END

  /* Another connection commits: a person on a date, a moved occurrence. */
  begin (theirs);
  g_assert_true (rk_store_assign (theirs, ids.single, ids.midwife, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_set_exception (theirs, ids.series, day ("2026-12-06"),
                                         RK_EXCEPTION_MOVED, minute ("2026-12-13T10:00"),
                                         minute ("2026-12-13T14:00"), NULL, &error));
  g_assert_no_error (error);
  commit (theirs);
  SEEN_AS_AFRESH ("another connection");

  /* Its attendance record. */
  begin (theirs);
  record = rk_attendance_new (ids.single, day ("2026-12-08"));
  g_assert_true (rk_store_save_attendance (theirs, record, &error));
  g_assert_no_error (error);
  commit (theirs);
  SEEN_AS_AFRESH ("a record");

  /* This connection commits. */
  begin (mine);
  g_assert_true (rk_store_unassign (mine, ids.single, ids.nurse, 0, &error));
  g_assert_no_error (error);
  commit (mine);
  SEEN_AS_AFRESH ("this connection");

  /* Other programs: renkei-cli, and a plain SQL client. */
  series = g_strdup_printf ("%" G_GINT64_FORMAT, ids.series);
  midwife = g_strdup_printf ("%" G_GINT64_FORMAT, ids.midwife);
  single = g_strdup_printf ("%" G_GINT64_FORMAT, ids.single);
  g_free (rk_test_cli_ok (f->path, NULL, "assign", series, midwife, "--date", "2027-01-10",
                          NULL));
  SEEN_AS_AFRESH ("renkei-cli");
  g_free (rk_test_cli_ok (f->path, NULL, "event", "cancel", single, NULL));
  SEEN_AS_AFRESH ("renkei-cli again");
  if (rk_test_backend_is_pg ())
    sql_on_server (f->path, "UPDATE event SET title = '連絡会議（延期）' WHERE title = '連絡会議'");
  else
    sql_on_file (f->path, "UPDATE event SET title = '連絡会議（延期）' WHERE title = '連絡会議'");
  SEEN_AS_AFRESH ("SQL");

  /* Inside a transaction a view sees its writes; after the rollback the
   * next one does not. */
  begin (mine);
  g_assert_true (rk_store_assign (mine, ids.single, ids.nurse, 0, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  now = view_text (mine, from, to);
  g_assert_cmpstr (now, !=, truth);
  rk_store_rollback (mine);
  g_clear_pointer (&now, g_free);
  now = view_text (mine, from, to);
  g_assert_cmpstr (now, ==, truth);
#undef SEEN_AS_AFRESH
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/round-trip/staff", test_round_trip_staff);
  ADD ("/store/round-trip/venues", test_round_trip_venues);
  ADD ("/store/round-trip/rooms", test_round_trip_rooms);
  ADD ("/store/round-trip/equipment", test_round_trip_equipment);
  ADD ("/store/round-trip/program", test_round_trip_program);
  ADD ("/store/round-trip/events", test_round_trip_events);
  ADD ("/store/snapshot/people", test_snapshot_people);
  ADD ("/store/snapshot/closings", test_snapshot_closings);
  ADD ("/store/snapshot/series", test_snapshot_series);
  ADD ("/store/assignment-rules", test_assignment_rules);
  ADD ("/store/duplicates", test_duplicates);
  ADD ("/store/new-file", test_new_file);
  ADD ("/store/empty-file", test_empty_file);
  ADD ("/store/refuse-newer", test_refuse_newer);
  ADD ("/store/migrate-forward", test_migrate_forward);
  ADD ("/store/refuse-foreign", test_refuse_foreign);
  ADD ("/store/refuse-text", test_refuse_text);
  ADD ("/store/stale", test_stale);
  ADD ("/store/server-reconnects", test_server_reconnects);
  ADD ("/store/server-listens-when-looking", test_server_listens_when_looking);
  ADD ("/store/reference-shared", test_reference_shared);
  ADD ("/store/views-kept", test_views_kept);
#undef ADD

  return g_test_run ();
}
