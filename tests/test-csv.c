#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rk-csv-private.h"
#include "rk-test-util.h"

/* .csv as people get it: Outlook's Japanese export, Google Calendar's CSV
 * and a hand-made Excel sheet (files in tests/data/csv/, written in the
 * shapes those clients write), the cells' many ways of writing a date and a
 * time, Shift_JIS as Windows writes it both ways, and rows that cannot be
 * read: each named with its line, nothing written. */

#define TODAY "2026-12-01"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *venue = NULL, *room = NULL;

  f->dir = g_dir_make_tmp ("renkei-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = rk_test_backend_is_pg () ? rk_test_pg_database ()
                                   : g_build_filename (f->dir, "csv.db", NULL);
  venue = rk_test_cli_ok (f->db, TODAY, "venue", "add", "--name", "ひろば中央", NULL);
  room = rk_test_cli_ok (f->db, TODAY, "room", "add", "--venue", venue, "--name", "多目的室",
                         "--capacity", "20", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
corpus (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
}

static int
import (const char *db, const char *path, char **out, char **err)
{
  return rk_test_cli (db, TODAY, out, err, "import", path, NULL);
}

/* "date start end title room all_day" of every occurrence in January 2027. */
static char *
january (const char *db)
{
  g_autofree char *out = rk_test_cli_ok (db, TODAY, "event", "list", "--from", "2027-01-01",
                                         "--to", "2027-01-31", "--json", NULL);
  g_autoptr(JsonNode) root = rk_test_json (out);
  JsonArray *arr = json_node_get_array (root);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      const char *room = json_object_get_null_member (o, "room")
                         ? "-" : json_object_get_string_member (o, "room");

      g_string_append_printf (text, "%s %s %s %s%s\n",
                              json_object_get_string_member (o, "start"),
                              json_object_get_string_member (o, "end"),
                              json_object_get_string_member (o, "title"), room,
                              json_object_get_boolean_member_with_default (o, "all_day", FALSE)
                              ? " all-day" : "");
    }
  return g_string_free (text, FALSE);
}

static void
assert_import_gives (Fixture *f, const char *file, const char *want)
{
  g_autofree char *path = corpus (file);
  g_autofree char *out = NULL, *err = NULL, *got = NULL, *again = NULL;

  if (import (f->db, path, &out, &err) != 0)
    g_error ("%s: %s", file, err);
  got = january (f->db);
  g_assert_cmpstr (got, ==, want);

  /* the same file again changes nothing */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (import (f->db, path, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 new, 0 updated"));
  again = january (f->db);
  g_assert_cmpstr (again, ==, want);
}

/* ---- the clients' files --------------------------------------------------- */

static void
test_outlook_ja (Fixture *f, gconstpointer data)
{
  /* CP932, every cell quoted, 2027/1/18 and 13:00:00, 終日イベント オン/オフ,
   * an all-day span whose end date is the day after (Outlook's way), a
   * description over two lines; 場所 "venue room" matched to the room. */
  assert_import_gives (f, "outlook-ja.csv",
                       "2027-01-01T00:00 2027-01-04T00:00 年末年始休館 - all-day\n"
                       "2027-01-18T13:00 2027-01-18T15:30 乳幼児健診（４か月児） 多目的室\n"
                       "2027-01-19T09:30 2027-01-19T11:00 連携会議（㈱こども未来サポート） -\n"
                       "2027-01-25T10:00 2027-01-25T11:30 離乳食教室 多目的室\n");
}

static void
test_google (Fixture *f, gconstpointer data)
{
  /* UTF-8, US dates 01/20/2027, 10:00 AM and 1:30 PM, an all-day event
   * without times whose end date is its own (Google's way). */
  assert_import_gives (f, "google-calendar.csv",
                       "2027-01-20T10:00 2027-01-20T11:30 Baby massage 多目的室\n"
                       "2027-01-21T13:30 2027-01-21T15:00 ふたご・みつごの会 -\n"
                       "2027-01-22T00:00 2027-01-23T00:00 Hub closed (inventory) - all-day\n");
}

static void
test_excel_ja (Fixture *f, gconstpointer data)
{
  /* CP932 without a BOM, 2027年1月18日 and 2027/1/25(月), 午前10:00 and
   * 午後2:30, ① ㈱ 髙 and Windows' ～ kept as typed. */
  assert_import_gives (f, "excel-ja.csv",
                       "2027-01-18T10:00 2027-01-18T11:30 ひよこクラブ① 多目的室\n"
                       "2027-01-25T14:30 2027-01-25T16:00 髙木先生の育児相談 多目的室\n"
                       "2027-01-26T14:30 2027-01-26T16:00 パパの日～はじめての沐浴 多目的室\n");
}

/* Excel's "Unicode text": UTF-16 with a BOM, tab-separated. */
static void
test_utf16_tabs (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "unicode.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL, *file = NULL, *got = NULL;
  gsize length = 0;

  utf16 = g_convert ("件名\t開始日\t開始時刻\t終了日\t終了時刻\n"
                     "プレママ教室\t2027/1/27\t13:30\t2027/1/27\t15:00\n",
                     -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  file = g_malloc (length + 2);
  memcpy (file, "\xFF\xFE", 2);
  memcpy (file + 2, utf16, length);
  g_file_set_contents (path, file, (gssize) length + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import (f->db, path, NULL, NULL), ==, 0);
  got = january (f->db);
  g_assert_cmpstr (got, ==, "2027-01-27T13:30 2027-01-27T15:00 プレママ教室 -\n");
}

/* ---- the cells ------------------------------------------------------------- */

static void
test_dates_and_times (void)
{
  static const struct { const char *text; int y, m, d; } dates[] = {
    { "2027-01-18", 2027, 1, 18 }, { "2027/1/18", 2027, 1, 18 }, { "2027.1.18", 2027, 1, 18 },
    { "2027年1月18日", 2027, 1, 18 }, { "２０２７年１月１８日", 2027, 1, 18 },
    { "2027/1/18(月)", 2027, 1, 18 }, { "2027年1月18日（月）", 2027, 1, 18 },
    { "令和9年1月18日", 2027, 1, 18 }, { "令和元年5月1日", 2019, 5, 1 },
    { "R9.1.18", 2027, 1, 18 }, { "01/18/2027", 2027, 1, 18 },
  };
  static const char * const bad_dates[] = {
    "2027/2/30", "18/01/27", "2027年13月1日", "tomorrow", "", "2027/1/18/1", "2027-1/18",
  };
  static const struct { const char *text; int minutes; } times[] = {
    { "10:00", 600 }, { "9:30", 570 }, { "13:00:00", 780 }, { "午前10:00", 600 },
    { "午後2:30", 870 }, { "午後 2:30", 870 }, { "午前0:15", 15 }, { "午後12:00", 720 },
    { "2:30 PM", 870 }, { "10:00 AM", 600 }, { "12:00 AM", 0 }, { "１４：３０", 870 },
    { "10時", 600 }, { "10時30分", 630 }, { "14時半", 870 }, { "24:00", 1440 },
    { "10:00:00 午前", 600 },
  };
  static const char * const bad_times[] = {
    "25:00", "10:60", "午後13:00", "24:30", "10", "10:00 XM", "", "ten",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      RkDay d = 0;

      if (!rk_csv_parse_date (dates[i].text, &d))
        g_error ("“%s” not read as a date", dates[i].text);
      g_assert_cmpint (d, ==, rk_day_from_ymd (dates[i].y, dates[i].m, dates[i].d));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      RkDay d = 0;

      if (rk_csv_parse_date (bad_dates[i], &d))
        g_error ("“%s” read as a date", bad_dates[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      int m = -1;

      if (!rk_csv_parse_time (times[i].text, &m))
        g_error ("“%s” not read as a time", times[i].text);
      g_assert_cmpint (m, ==, times[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_times); i++)
    {
      int m = -1;

      if (rk_csv_parse_time (bad_times[i], &m))
        g_error ("“%s” read as a time", bad_times[i]);
    }
  g_assert_cmpint (rk_csv_parse_bool ("オン"), ==, 1);
  g_assert_cmpint (rk_csv_parse_bool ("False"), ==, 0);
  g_assert_cmpint (rk_csv_parse_bool ("TRUE"), ==, 1);
  g_assert_cmpint (rk_csv_parse_bool ("たぶん"), ==, -1);
}

/* ---- Shift_JIS both ways ------------------------------------------------- */

/* 〜 − ‖ ¢ £ ¬ — have no code of their own in CP932: they go out as its
 * look-alikes and come back as those.  A round trip changes nothing. */
static void
test_sjis_round_trip (Fixture *f, gconstpointer data)
{
  static const char * const titles[] = {
    "親子ひろば〜冬の会", "体重−測定", "‖区切り‖", "¢£¬の講座", "読書会—絵本",
    "①受付 ㈱協賛 髙橋先生",
  };
  g_autofree char *path = g_build_filename (f->dir, "sjis.csv", NULL);
  g_autofree char *path2 = g_build_filename (f->dir, "sjis2.csv", NULL);
  g_autofree char *before = NULL, *after = NULL, *out = NULL, *err = NULL;
  g_autofree char *a = NULL, *b = NULL;
  gsize la = 0, lb = 0;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *start = g_strdup_printf ("2027-01-%02uT10:00", 4 + i);
      g_autofree char *end = g_strdup_printf ("2027-01-%02uT11:00", 4 + i);

      g_free (rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", titles[i], "--start",
                              start, "--end", end, "--notes", "持ち物〜タオル", NULL));
    }
  before = january (f->db);
  /* cp932 is Shift_JIS as Windows writes it: the same as shift_jis */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2027-01", "--format", "csv",
                          "--audience", "staff", "--encoding", "cp932", "-o", path, NULL));
  g_assert_cmpint (import (f->db, path, &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "0 new, 0 updated"));
  after = january (f->db);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (strstr (after, titles[i]));

  /* and exported again, byte for byte the same file */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2027-01", "--format", "csv",
                          "--audience", "staff", "--encoding", "shift_jis", "-o", path2, NULL));
  g_file_get_contents (path, &a, &la, &error);
  g_assert_no_error (error);
  g_file_get_contents (path2, &b, &lb, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a, la, b, lb);
}

/* A character CP932 cannot hold: refused with its line, nothing written. */
static void
test_sjis_cannot_hold (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "emoji.csv", NULL);
  g_autofree char *err = NULL;

  g_free (rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", "𠮷野家さんの出張講座", "--start",
                          "2027-01-05T10:00", "--end", "2027-01-05T11:00", NULL));
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--month", "2027-01",
                                "--format", "csv", "--encoding", "shift_jis", "-o", path, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "Line 2"));
  g_assert_nonnull (strstr (err, "𠮷"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--month", "2027-01",
                                "--format", "csv", "--encoding", "latin1", "-o", path, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "shift_jis"));
}

/* ---- rows that cannot be read --------------------------------------------- */

static void
test_bad_rows (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *hash = NULL, *after = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "件名,開始日,開始時刻,終了日,終了時刻,終日イベント\r\n"
                       "正しい行,2027/1/18,10:00,2027/1/18,11:00,FALSE\r\n"
                       "日付が変,2027/2/30,10:00,2027/2/30,11:00,FALSE\r\n"
                       "正しい行２,2027/1/19,10:00,2027/1/19,11:00,FALSE\r\n"
                       "時刻が変,2027/1/20,午後13:00,2027/1/20,14:00,FALSE\r\n"
                       "終日が変,2027/1/21,,2027/1/21,,たぶん\r\n"
                       "逆転,2027/1/22,12:00,2027/1/22,11:00,FALSE\r\n",
                       -1, &error);
  g_assert_no_error (error);
  hash = rk_test_file_hash (f->db);
  g_assert_cmpint (import (f->db, path, NULL, &err), ==, 2);
  g_test_message ("%s", err);
  /* every bad row, with its line and what is wrong with it, on one line */
  g_assert_nonnull (strstr (err, "4 rows cannot be read"));
  g_assert_nonnull (strstr (err, "line 3: the date “2027/2/30”"));
  g_assert_nonnull (strstr (err, "line 5: the start “午後13:00”"));
  g_assert_nonnull (strstr (err, "line 6: the all-day cell “たぶん”"));
  g_assert_nonnull (strstr (err, "line 7: the end (11:00)"));
  g_assert_null (strstr (err, "line 2:"));
  g_assert_null (strchr (g_strchomp (err), '\n'));
  if (!rk_test_backend_is_pg ())
    {
      after = rk_test_file_hash (f->db);
      g_assert_cmpstr (after, ==, hash);
    }
  g_free (after);
  after = january (f->db);
  g_assert_cmpstr (after, ==, "");
}

/* Columns Renkei has no place for are said, not dropped silently. */
static void
test_unknown_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "more.csv", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "Subject,Start Date,Start Time,End Date,End Time,Private,Color,Mood\n"
                       "Story time,2027-01-28,10:00,2027-01-28,10:45,True,blue,\n",
                       -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import (f->db, path, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "“Color”"));
  g_assert_null (strstr (out, "“Mood”"));      /* empty in every row: nothing lost */
  g_assert_null (strstr (out, "“Private”"));   /* the client's own setting */
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);
#define ADD(name, func) \
  g_test_add ("/csv/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("outlook-ja", test_outlook_ja);
  ADD ("google", test_google);
  ADD ("excel-ja", test_excel_ja);
  ADD ("utf16-tabs", test_utf16_tabs);
  g_test_add_func ("/csv/dates-and-times", test_dates_and_times);
  ADD ("shift-jis-round-trip", test_sjis_round_trip);
  ADD ("shift-jis-cannot-hold", test_sjis_cannot_hold);
  ADD ("bad-rows", test_bad_rows);
  ADD ("unknown-columns", test_unknown_columns);
  return g_test_run ();
}
