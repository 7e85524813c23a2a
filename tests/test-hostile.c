#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rk-location.h"
#include "rk-test-util.h"

/* Hostile input and hostile places (issue 15): what fault and fuzz trials
 * found, kept found.  Passwords in every form of a server location, the
 * places an export may be pointed at, repeat rules that yield no date,
 * crafted column names in db copy, arguments with line breaks or of 100 kB,
 * a bad RENKEI_BUSY_TIMEOUT_MS, saves that change nothing, and refused
 * commands on a database file that did not exist. */

#define TODAY "2026-11-24"

typedef struct
{
  char *dir;
  char *db;       /* a demo database (a file, or a server database) */
} Fixture;

static char *demo_db;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  /* The demo municipality is made once per program; each case gets a
   * copy of its database. */
  if (demo_db == NULL)
    {
      demo_db = rk_test_db_path ();
      g_free (rk_test_cli_ok (demo_db, TODAY, "init", "--demo", NULL));
    }
  f->db = rk_test_db_clone (demo_db, f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
write_file (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* ---- passwords ---------------------------------------------------------- */

static const struct
{
  const char *location;
  const char *secret;     /* must never show, nor its decoded form */
} locations[] = {
  { "postgresql://u:hunter2secret@127.0.0.1:1/x?bogus=1", "hunter2secret" },
  { "postgresql://u:hunter%32secret@127.0.0.1:1/x", "hunter2secret" },
  { "postgresql://u:hunter2secret@127.0.0.1:1/x?password=otherpass", "otherpass" },
  { "postgresql://u:hunter2secret@127.0.0.1:1/x?password=otherpass", "hunter2secret" },
  { "postgresql://u:hun@ter2secret@127.0.0.1:1/x", "hun@ter2secret" },
  { "postgresql://u:hun@ter2secret@127.0.0.1:1/x", "ter2secret" },
  { "postgresql://u:hunter%zzsecret@127.0.0.1:1/x", "hunter%zzsecret" },
  { "postgresql://u:hunt/er2secret@127.0.0.1:1/x", "er2secret" },
  { "postgres://127.0.0.1:1/x?pass%77ord=hunter2secret", "hunter2secret" },
  { "postgresql://127.0.0.1:1/x?sslmode=disable&password=hunter2secret&user=u", "hunter2secret" },
  { "service=renkei_nowhere password=hunter2secret", "hunter2secret" },
  { "host=127.0.0.1 port=1 password='hunter 2 secret'", "hunter 2 secret" },
  { "host=127.0.0.1 port=1 PASSWORD = hunter2secret", "hunter2secret" },
};

static void
test_location_mask (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      g_autofree char *masked = rk_location_mask (locations[i].location);
      g_autofree char *scrubbed = NULL;
      g_autofree char *message = NULL;

      g_test_message ("%s → %s", locations[i].location, masked);
      g_assert_null (strstr (masked, locations[i].secret));
      g_assert_nonnull (strstr (masked, "***"));
      g_assert_true (rk_location_has_password (locations[i].location));
      /* a message quoting the location, and the password on its own */
      message = g_strdup_printf ("cannot open %s: token \"%s\"", locations[i].location,
                                 locations[i].secret);
      scrubbed = rk_location_scrub (locations[i].location, message);
      g_assert_null (strstr (scrubbed, locations[i].secret));
    }
  /* locations without a password are shown as they are */
  {
    const char *plain[] = { "postgresql://u@db.example:5432/renkei?sslmode=require",
                            "service=renkei", "/home/a/renkei.db", "host=a port=5432" };

    for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
      {
        g_autofree char *masked = rk_location_mask (plain[i]);

        g_assert_cmpstr (masked, ==, plain[i]);
        g_assert_false (rk_location_has_password (plain[i]));
      }
  }
  {
    g_autofree char *m = rk_location_mask ("postgresql://u:pw@h/db?password=x&user=y");

    g_assert_cmpstr (m, ==, "postgresql://u:***@h/db?password=***&user=y");
  }
}

static gboolean
is_uri (const char *loc)
{
  return g_str_has_prefix (loc, "postgres") || g_str_has_prefix (loc, "service=");
}

/* Every command that opens the location, server init and db copy among
 * them: nothing on stdout or stderr shows the password. */
static void
test_location_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *file = path_in (f, "copy.db");

  /* what is not a server location is a file name: made here */
  g_assert_cmpint (g_chdir (f->dir), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      const char *loc = locations[i].location;
      const char *runs[][8] = {
        { "--db", loc, "staff", "list", NULL },
        { "db", "copy", "--from", f->db, "--to", loc, NULL },
        { "--db", loc, "server", "init", NULL },
        { "db", "copy", "--from", loc, "--to", file, NULL },
      };

      /* all four commands for a few, two for the others */
      for (guint r = 0; r < (i % 4 == 0 ? G_N_ELEMENTS (runs) : 2); r++)
        {
          g_autofree char *out = NULL, *err = NULL;
          int rc = rk_test_cli_argv (NULL, TODAY, runs[r], &out, &err);

          g_test_message ("%s: %d %s", loc, rc, err);
          /* key=value words not naming a service are a file name */
          if (is_uri (loc))
            g_assert_cmpint (rc, !=, 0);
          g_assert_null (strstr (err, locations[i].secret));
          g_assert_null (strstr (out, locations[i].secret));
        }
    }
}

/* ---- messages ----------------------------------------------------------- */

static void
assert_one_line (const char *text)
{
  const char *nl = strchr (text, '\n');

  g_test_message ("%s", text);
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl, ==, "\n");
}

static void
test_message_hygiene (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *forged = "x\nrenkei-cli: Database ready";

  /* a line break inside an argument is never echoed as one */
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, forged, NULL), ==, 2);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "x\\nrenkei-cli"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "event", "list", "--from", forged,
                                NULL), ==, 2);
  assert_one_line (err);

  /* a 130 kB argument is quoted shortened, whatever the message */
  /* (one argument may hold up to 128 kB) */
  while (big->len < 130000)
    g_string_append (big, "abc漢字 ");
  {
    const char *runs[][6] = {
      { "event", "list", "--from", big->str, NULL },
      { "event", "cancel", big->str, NULL },
      { big->str, NULL },
      { "staff", "add", "--name", "a", "--role", big->str },
      { "export", "--month", big->str, "--format", "pdf", NULL },
    };

    for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
      {
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (rk_test_cli_argv (f->db, TODAY, runs[r], NULL, &err), ==, 2);
        g_test_message ("%zu bytes: %.200s", strlen (err), err);
        g_assert_cmpuint (strlen (err), <, 4000);
        g_assert_cmpuint (strlen (err), >, 10);
      }
  }
}

static void
test_busy_timeout (Fixture *f, gconstpointer data)
{
  const char *bad[] = { "0", "abc", "-5", "", "600001", "10ms" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;

      g_setenv ("RENKEI_BUSY_TIMEOUT_MS", bad[i], TRUE);
      g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "staff", "list", NULL), ==, 2);
      g_assert_nonnull (strstr (err, "RENKEI_BUSY_TIMEOUT_MS"));
    }
  g_setenv ("RENKEI_BUSY_TIMEOUT_MS", "250", TRUE);
  g_free (rk_test_cli_ok (f->db, TODAY, "staff", "list", NULL));
  g_unsetenv ("RENKEI_BUSY_TIMEOUT_MS");
}

/* ---- saves that change nothing ------------------------------------------ */

static gint64
row_version (const char *db, const char *table, const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = %s", table, id);
  sqlite3 *s = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (db, &s, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (s, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (s);
  return v;
}

static void
test_noop_keeps_version (Fixture *f, gconstpointer data)
{
  g_autofree char *staff = NULL, *event = NULL;
  gint64 v;

  if (rk_test_skip_on_server ("reads the versions from the SQLite file"))
    return;
  staff = rk_test_cli_ok (f->db, TODAY, "staff", "add", "--name", "版 太郎", "--role",
                          "hub_staff", NULL);
  event = rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", "版", "--start",
                          "2026-12-01T10:00", "--end", "2026-12-01T11:00", NULL);
  v = row_version (f->db, "staff", staff);
  g_free (rk_test_cli_ok (f->db, TODAY, "staff", "activate", staff, NULL));
  g_assert_cmpint (row_version (f->db, "staff", staff), ==, v);
  g_free (rk_test_cli_ok (f->db, TODAY, "staff", "deactivate", staff, NULL));
  g_assert_cmpint (row_version (f->db, "staff", staff), ==, v + 1);
  g_free (rk_test_cli_ok (f->db, TODAY, "staff", "deactivate", staff, NULL));
  g_assert_cmpint (row_version (f->db, "staff", staff), ==, v + 1);

  v = row_version (f->db, "event", event);
  g_free (rk_test_cli_ok (f->db, TODAY, "event", "edit", event, NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "event", "edit", event, "--title", "版", NULL));
  g_assert_cmpint (row_version (f->db, "event", event), ==, v);
  g_free (rk_test_cli_ok (f->db, TODAY, "event", "edit", event, "--title", "版2", NULL));
  g_assert_cmpint (row_version (f->db, "event", event), ==, v + 1);
}

/* ---- refused commands on a new file ------------------------------------- */

static void
test_refused_leaves_no_file (Fixture *f, gconstpointer data)
{
  g_autofree char *db = path_in (f, "new.db");
  const char *runs[][6] = {
    { "event", "cancel", "999", NULL },
    { "event", "edit", "999", "--title", "x", NULL },
    { "staff", "activate", "999", NULL },
    { "export", "--month", "2026-12", "--format", "csv", NULL },
  };

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);

      g_assert_cmpint (rk_test_cli_argv (db, TODAY, runs[r], NULL, NULL), ==, 2);
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
  /* a command that succeeds keeps its new file */
  g_free (rk_test_cli_ok (db, TODAY, "staff", "list", NULL));
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  /* and a refused one on an existing (empty) file leaves it alone */
  g_assert_cmpint (rk_test_cli (db, TODAY, NULL, NULL, "event", "cancel", "999", NULL), ==, 2);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
}

/* ---- repeat rules that yield no date ------------------------------------ */

static void
test_repeat_without_dates (Fixture *f, gconstpointer data)
{
  g_autofree char *event = NULL, *before = NULL, *after = NULL, *err = NULL;
  g_autofree char *ics = path_in (f, "vanish.ics");
  g_autofree char *hash = NULL, *hash2 = NULL;
  const char *rules[] = { "FREQ=WEEKLY;UNTIL=20200101", "FREQ=MONTHLY;INTERVAL=3;BYMONTH=2" };

  event = rk_test_cli_ok (f->db, TODAY, "event", "add", "--title", "毎週", "--start",
                          "2026-12-01T10:00", "--end", "2026-12-01T11:00", "--repeat",
                          "FREQ=WEEKLY;COUNT=5", NULL);
  before = rk_test_cli_ok (f->db, TODAY, "event", "list", "--from", "2026-11-01", "--to",
                           "2027-03-31", "--json", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "event", "add", "--title", "x",
                                    "--start", "2026-12-10T10:00", "--end", "2026-12-10T11:00",
                                    "--repeat", rules[i], NULL), ==, 2);
      g_assert_nonnull (strstr (err, "no date"));
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "event", "edit", event, "--scope",
                                    "all", "--repeat", rules[i], NULL), ==, 2);
      g_assert_nonnull (strstr (err, "no date"));
    }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "event", "edit", event, "--scope",
                                "all", "--repeat", "", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--no-repeat"));

  hash = rk_test_file_hash (f->db);
  write_file (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
                   "BEGIN:VEVENT\r\nUID:vanish@example\r\nDTSTAMP:20261101T000000Z\r\n"
                   "DTSTART:20261201T010000Z\r\nDTEND:20261201T020000Z\r\nSUMMARY:消える\r\n"
                   "RRULE:FREQ=WEEKLY;UNTIL=20200101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "import", ics, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no date"));
  hash2 = rk_test_file_hash (f->db);
  g_assert_cmpstr (hash, ==, hash2);

  after = rk_test_cli_ok (f->db, TODAY, "event", "list", "--from", "2026-11-01", "--to",
                          "2027-03-31", "--json", NULL);
  g_assert_cmpstr (before, ==, after);
}

/* ---- export targets ----------------------------------------------------- */

static void
export_to (Fixture *f, const char *target, const char *audience, int expect, char **err)
{
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, err, "export", "--month", "2026-12",
                                "--format", "csv", "--audience", audience, "-o", target, NULL),
                   ==, expect);
}

static void
test_export_targets (Fixture *f, gconstpointer data)
{
  g_autofree char *real = path_in (f, "real.csv"), *link = path_in (f, "link.csv");
  g_autofree char *dangling = path_in (f, "dangling.csv"), *ro = path_in (f, "ro.csv");
  g_autofree char *fifo = path_in (f, "fifo"), *pub = path_in (f, "public.csv");
  g_autofree char *staff = path_in (f, "staff.csv"), *text = NULL, *err = NULL;
  GStatBuf st;
  mode_t mask = umask (022);

  /* a link is followed: the file behind it is written, the link stays */
  write_file (real, "old");
  g_assert_cmpint (symlink ("real.csv", link), ==, 0);
  export_to (f, link, "public", 0, NULL);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_file_get_contents (real, &text, NULL, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "date,"));

  g_assert_cmpint (symlink ("nowhere.csv", dangling), ==, 0);
  export_to (f, dangling, "public", 2, &err);
  g_assert_nonnull (strstr (err, "does not exist"));

  /* a read-only file is refused, even for root, and left as it was */
  write_file (ro, "keep");
  g_chmod (ro, 0444);
  g_clear_pointer (&err, g_free);
  export_to (f, ro, "public", 2, &err);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&text, g_free);
  g_file_get_contents (ro, &text, NULL, NULL);
  g_assert_cmpstr (text, ==, "keep");

  /* a folder is refused */
  g_clear_pointer (&err, g_free);
  export_to (f, f->dir, "public", 2, &err);

  /* devices are written into, never replaced */
  export_to (f, "/dev/null", "staff", 0, NULL);
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_clear_pointer (&err, g_free);
  export_to (f, "/dev/full", "public", 2, &err);
  g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  /* a pipe is written into */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  {
    const char *argv[] = { "sh", "-c", "wc -c < \"$0\"", fifo, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *count = NULL;
    GPid pid;
    int out_fd;

    g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                              &pid, NULL, &out_fd, NULL, &error);
    g_assert_no_error (error);
    export_to (f, fifo, "public", 0, NULL);
    {
      g_autoptr(GIOChannel) ch = g_io_channel_unix_new (out_fd);

      g_io_channel_set_close_on_unref (ch, TRUE);
      g_io_channel_read_to_end (ch, &count, NULL, NULL);
    }
    g_spawn_close_pid (pid);
    g_assert_cmpint (g_ascii_strtoll (count, NULL, 10), >, 50);
    g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }

  /* the staff version holds phone numbers: 0600; the public one is not */
  export_to (f, pub, "public", 0, NULL);
  export_to (f, staff, "staff", 0, NULL);
  g_assert_cmpint (g_stat (pub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpint (g_stat (staff, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* also over an existing, readable file */
  g_chmod (pub, 0644);
  export_to (f, pub, "staff", 0, NULL);
  g_assert_cmpint (g_stat (pub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    const char *argv[] = { "export", "--month", "2026-12", "--format", "pdf", "--audience",
                           "staff", "-o", staff, NULL };
    g_assert_cmpint (rk_test_cli_argv (f->db, TODAY, argv, NULL, NULL), ==, 0);
    g_assert_cmpint (g_stat (staff, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  umask (mask);
}

/* ---- db copy from a crafted file ---------------------------------------- */

static void
test_copy_crafted_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *src = path_in (f, "crafted.db"), *dst = path_in (f, "copy.db");
  g_autofree char *out = NULL, *err = NULL, *list = NULL;
  sqlite3 *s = NULL;
  char *msg = NULL;

  if (rk_test_skip_on_server ("crafts a SQLite file"))
    return;
  g_free (rk_test_cli_ok (src, TODAY, "init", "--demo", NULL));
  g_assert_cmpint (sqlite3_open (src, &s), ==, SQLITE_OK);
  sqlite3_exec (s,
                "ALTER TABLE staff ADD COLUMN \"name) SELECT 1,2,3,4,5,6,7,8,9 --\" TEXT;"
                "ALTER TABLE venue ADD COLUMN \"x\"\"y\" TEXT DEFAULT 'z';",
                NULL, NULL, &msg);
  g_assert_null (msg);
  sqlite3_close (s);
  g_assert_cmpint (rk_test_cli (NULL, TODAY, &out, &err, "db", "copy", "--from", src, "--to",
                                dst, NULL), ==, 0);
  list = rk_test_cli_ok (dst, TODAY, "staff", "list", "--json", NULL);
  g_assert_nonnull (strstr (list, "伊藤"));
  g_assert_cmpint (sqlite3_open (dst, &s), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (s, "SELECT count(*) FROM pragma_table_info('staff') "
                                         "WHERE name LIKE 'name)%'", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (s);
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/hostile/location-mask", test_location_mask);
  ADD ("/hostile/location-cli", test_location_cli);
  ADD ("/hostile/message-hygiene", test_message_hygiene);
  ADD ("/hostile/busy-timeout", test_busy_timeout);
  ADD ("/hostile/noop-keeps-version", test_noop_keeps_version);
  ADD ("/hostile/refused-leaves-no-file", test_refused_leaves_no_file);
  ADD ("/hostile/repeat-without-dates", test_repeat_without_dates);
  ADD ("/hostile/export-targets", test_export_targets);
  ADD ("/hostile/copy-crafted-columns", test_copy_crafted_columns);
#undef ADD

  return g_test_run ();
}
