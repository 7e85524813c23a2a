#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "rk-test-util.h"

/* Drives the built renkei-cli as a coordinator's script would: real
 * processes, a real database file in a temporary folder, output parsed
 * back. Only the command-line contract (CLI.md) is assumed. */

typedef struct
{
  char       *dir;
  char       *db;
  const char *today;      /* RENKEI_TODAY */
} Fixture;

static const char *
cli_path (void)
{
  const char *path = g_getenv ("RENKEI_CLI");

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("RENKEI_CLI must name the built renkei-cli (run the tests through meson test)");
  return path;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = rk_test_backend_is_pg () ? rk_test_pg_database ()
                                   : g_build_filename (f->dir, "renkei.db", NULL);
  f->today = "2026-11-24";
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* ---- running the CLI ---------------------------------------------------- */

static char **
cli_env (const char *today)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "RENKEI_DB");
  env = g_environ_setenv (env, "RENKEI_TODAY", today, TRUE);
  return env;
}

/* args: NULL-terminated, without the program and --db. Returns the exit code. */
static int
run_argv (Fixture *f, const char * const *args, char **out, char **err)
{
  return rk_test_cli_argv (f->db, f->today, args, out, err);
}

static char *
args_text (const char * const *args)
{
  return g_strjoinv (" ", (char **) args);
}

static GPtrArray *
collect (const char *first, va_list ap)
{
  GPtrArray *args = g_ptr_array_new ();

  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  g_ptr_array_add (args, NULL);
  return args;
}

/* Runs and demands exit code `expect`; returns stdout. */
static char *
cli_expect_v (Fixture *f, int expect, const char * const *args)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int rc = run_argv (f, args, &out, &err);

  if (rc != expect)
    {
      g_autofree char *line = args_text (args);
      g_error ("renkei-cli %s: exit %d, expected %d\nstdout: %s\nstderr: %s", line, rc, expect,
               out, err);
    }
  return out;
}

static G_GNUC_NULL_TERMINATED char *
cli_expect (Fixture *f, int expect, const char *first, ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  args = collect (first, ap);
  va_end (ap);
  return cli_expect_v (f, expect, (const char * const *) args->pdata);
}

#define cli_ok(f, ...) cli_expect ((f), 0, __VA_ARGS__, NULL)

/* An `add`: the new id alone on stdout. */
static G_GNUC_NULL_TERMINATED gint64
cli_add (Fixture *f, const char *first, ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GRegex) re = g_regex_new ("^[1-9][0-9]*\n$", 0, 0, NULL);
  va_list ap;

  va_start (ap, first);
  args = collect (first, ap);
  va_end (ap);
  out = cli_expect_v (f, 0, (const char * const *) args->pdata);
  if (!g_regex_match (re, out, 0, NULL))
    {
      g_autofree char *line = args_text ((const char * const *) args->pdata);
      g_error ("renkei-cli %s printed “%s”, not an id alone", line, out);
    }
  return g_ascii_strtoll (out, NULL, 10);
}

static char *
db_hash (Fixture *f)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db, suffixes[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &data, &len, NULL))
        {
          g_autofree char *one = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                               (const guchar *) data, len);
          g_checksum_update (sum, (const guchar *) suffixes[i], -1);
          g_checksum_update (sum, (const guchar *) one, -1);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Bad input or an unusable file: exit `expect`, exactly one line on stderr,
 * nothing on stdout, and the database byte for byte as before (compared
 * after the process exited, so its WAL is checkpointed and gone). */
static void
cli_refused_v (Fixture *f, int expect, const char * const *args)
{
  g_autofree char *before = db_hash (f);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *line = args_text (args);
  int rc = run_argv (f, args, &out, &err);
  const char *nl;

  if (rc != expect)
    g_error ("renkei-cli %s: exit %d, expected %d\nstdout: %s\nstderr: %s", line, rc, expect, out,
             err);
  nl = strchr (err, '\n');
  if (nl == NULL || nl[1] != '\0' || nl == err)
    g_error ("renkei-cli %s: stderr is not exactly one line: “%s”", line, err);
  if (*out != '\0')
    g_error ("renkei-cli %s: printed “%s” on stdout although it failed", line, out);
  after = db_hash (f);
  if (g_strcmp0 (before, after) != 0)
    g_error ("renkei-cli %s: the database changed although the command failed", line);
}

static G_GNUC_NULL_TERMINATED void
cli_refused (Fixture *f, int expect, const char *first, ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  args = collect (first, ap);
  va_end (ap);
  cli_refused_v (f, expect, (const char * const *) args->pdata);
}

/* ---- JSON --------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s): %s", error->message, text);
  return json_node_copy (json_parser_get_root (parser));
}

/* The command's --json output as an array (kept alive by *root). */
static G_GNUC_NULL_TERMINATED JsonArray *
cli_json (Fixture *f, JsonNode **root, int expect, const char *first, ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *out = NULL;
  va_list ap;

  va_start (ap, first);
  args = collect (first, ap);
  va_end (ap);
  out = cli_expect_v (f, expect, (const char * const *) args->pdata);
  *root = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));
  return json_node_get_array (*root);
}

static JsonObject *
item (JsonArray *array, guint i)
{
  JsonNode *node = json_array_get_element (array, i);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* expected NULL: the member is present and null. */
static void
assert_str (JsonObject *o, const char *member, const char *expected)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL)
    g_error ("JSON member “%s” missing", member);
  if (expected == NULL)
    {
      if (!JSON_NODE_HOLDS_NULL (node))
        g_error ("JSON member “%s” should be null", member);
      return;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("JSON member “%s” should be the string “%s”", member, expected);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static gint64
get_int (JsonObject *o, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    g_error ("JSON member “%s” should be an integer", member);
  return json_node_get_int (node);
}

static void
assert_int (JsonObject *o, const char *member, gint64 expected)
{
  g_assert_cmpint (get_int (o, member), ==, expected);
}

static void
assert_null (JsonObject *o, const char *member)
{
  assert_str (o, member, NULL);
}

static void
assert_members (JsonObject *o, const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    if (!json_object_has_member (o, names[i]))
      g_error ("JSON object lacks “%s”", names[i]);
}

/* The occurrence of event_id whose "date" is date, or NULL. */
static JsonObject *
find_occ (JsonArray *list, gint64 event_id, const char *date)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = item (list, i);

      if (get_int (o, "event_id") == event_id &&
          g_strcmp0 (json_object_get_string_member (o, "date"), date) == 0)
        return o;
    }
  return NULL;
}

static JsonObject *
find_by_id (JsonArray *list, const char *member, gint64 id)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (get_int (item (list, i), member) == id)
      return item (list, i);
  return NULL;
}

/* Staff ids on an occurrence, as a sorted "1,2" string. */
static char *
staff_ids (JsonObject *occ)
{
  JsonArray *staff = json_object_get_array_member (occ, "staff");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (staff); i++)
    {
      gint64 id = get_int (item (staff, i), "staff_id");
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    for (guint j = i + 1; j < ids->len; j++)
      if (g_array_index (ids, gint64, j) < g_array_index (ids, gint64, i))
        {
          gint64 t = g_array_index (ids, gint64, i);
          g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j);
          g_array_index (ids, gint64, j) = t;
        }
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (s, FALSE);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ---- add prints the id: one behaviour per case --------------------------- */

/* The first command creates the file, readable by its owner only. */
static void
test_add_creates_private_file (Fixture *f, gconstpointer data)
{
  GStatBuf st;

  if (rk_test_skip_on_server ("file permissions"))
    return;
  cli_add (f, "venue", "add", "--name", "みなみ子育て支援センター", NULL);
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Each add prints the new row's id; the next one of a kind is larger, also
 * for the same name in another place or role. */
static void
test_add_ids_increase (Fixture *f, gconstpointer data)
{
  g_autofree char *v1 = NULL, *v2 = NULL, *s1 = NULL;
  gint64 venue1, venue2, first, second;

  venue1 = cli_add (f, "venue", "add", "--name", "みなみ子育て支援センター", NULL);
  venue2 = cli_add (f, "venue", "add", "--name", "きた子育てひろば", NULL);
  g_assert_cmpint (venue2, >, venue1);
  v1 = id_text (venue1);
  v2 = id_text (venue2);
  first = cli_add (f, "room", "add", "--venue", v1, "--name", "プレイルーム", "--capacity", "30",
                   NULL);
  second = cli_add (f, "room", "add", "--venue", v2, "--name", "プレイルーム", "--capacity", "25",
                    NULL);
  g_assert_cmpint (second, >, first);
  first = cli_add (f, "equipment", "add", "--name", "ベビースケール", NULL);
  second = cli_add (f, "equipment", "add", "--name", "ベビースケール", "--venue", v1, NULL);
  g_assert_cmpint (second, >, first);
  first = cli_add (f, "staff", "add", "--name", "佐藤 美咲", "--role", "public_health_nurse", NULL);
  second = cli_add (f, "staff", "add", "--name", "佐藤 美咲", "--role", "midwife", NULL);
  g_assert_cmpint (second, >, first);
  s1 = id_text (first);
  first = cli_add (f, "staff", "unavailable", s1, "--from", "2026-12-01T09:00", "--to",
                   "2026-12-01T17:00", "--reason", "研修", NULL);
  second = cli_add (f, "staff", "unavailable", s1, "--from", "2026-12-02T09:00", "--to",
                    "2026-12-02T17:00", NULL);
  g_assert_cmpint (second, >, first);
  first = cli_add (f, "event", "add", "--title", "連絡会議", "--start", "2026-12-08T14:00", "--end",
                   "2026-12-08T16:00", "--tentative", NULL);
  second = cli_add (f, "event", "add", "--title", "合同研修", "--start", "2026-12-17T13:30",
                    "--end", "2026-12-17T16:30", "--skip-holidays", "--skip-conflicts", NULL);
  g_assert_cmpint (second, >, first);
}

/* venue list gives back a venue's fields and its closing days of every
 * kind, under the ids venue add and venue close printed. */
static void
test_add_venue_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *v1 = NULL, *v2 = NULL;
  JsonArray *list, *days;
  JsonObject *o;
  gint64 venue1, venue2, close[4];

  venue1 = cli_add (f, "venue", "add", "--name", "みなみ子育て支援センター", "--address",
                    "さくら市南町1-2-3", "--contact", "0120-000-111", "--closed-on-holidays", NULL);
  venue2 = cli_add (f, "venue", "add", "--name", "きた子育てひろば", NULL);
  v1 = id_text (venue1);
  v2 = id_text (venue2);
  close[0] = cli_add (f, "venue", "close", v1, "--date", "2026-12-10", NULL);
  close[1] = cli_add (f, "venue", "close", v1, "--from", "2027-02-01", "--to", "2027-02-05",
                      "--reason", "改修", NULL);
  close[2] = cli_add (f, "venue", "close", v1, "--weekday", "MO", NULL);
  close[3] = cli_add (f, "venue", "close", v2, "--from", "12-29", "--to", "01-03", "--reason",
                      "年末年始", NULL);

  list = cli_json (f, &root, 0, "venue", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  o = find_by_id (list, "venue_id", venue1);
  g_assert_nonnull (o);
  assert_str (o, "name", "みなみ子育て支援センター");
  assert_str (o, "address", "さくら市南町1-2-3");
  g_assert_true (json_object_get_boolean_member (o, "closed_on_holidays"));
  days = json_object_get_array_member (o, "closing_days");
  g_assert_cmpuint (json_array_get_length (days), ==, 3);
  assert_int (item (days, 0), "closing_id", close[0]);
  assert_str (item (days, 0), "kind", "date");
  assert_str (item (days, 0), "from", "2026-12-10");
  assert_int (item (days, 1), "closing_id", close[1]);
  assert_str (item (days, 1), "kind", "range");
  assert_str (item (days, 1), "to", "2027-02-05");
  assert_int (item (days, 2), "closing_id", close[2]);
  assert_str (item (days, 2), "kind", "weekday");
  assert_str (item (days, 2), "weekday", "MO");

  o = find_by_id (list, "venue_id", venue2);
  days = json_object_get_array_member (o, "closing_days");
  g_assert_cmpuint (json_array_get_length (days), ==, 1);
  assert_int (item (days, 0), "closing_id", close[3]);
  assert_str (item (days, 0), "kind", "yearly");
  assert_str (item (days, 0), "from", "12-29");
  assert_str (item (days, 0), "to", "01-03");
  assert_str (item (days, 0), "reason", "年末年始");
}

/* room list: the room under its id, in its venue, with its capacity. */
static void
test_add_room_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *v1 = NULL, *v2 = NULL;
  JsonArray *list;
  JsonObject *o;
  gint64 venue2, room2;

  v1 = id_text (cli_add (f, "venue", "add", "--name", "みなみ子育て支援センター", NULL));
  venue2 = cli_add (f, "venue", "add", "--name", "きた子育てひろば", NULL);
  v2 = id_text (venue2);
  cli_add (f, "room", "add", "--venue", v1, "--name", "プレイルーム", "--capacity", "30",
           "--features", "playroom,mats", NULL);
  room2 = cli_add (f, "room", "add", "--venue", v2, "--name", "プレイルーム", "--capacity", "25",
                   NULL);

  list = cli_json (f, &root, 0, "room", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  o = find_by_id (list, "room_id", room2);
  assert_str (o, "name", "プレイルーム");
  assert_int (o, "venue_id", venue2);
  assert_int (o, "capacity", 25);
}

/* equipment list: shared equipment has no venue, a venue's its own. */
static void
test_add_equipment_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *v1 = NULL;
  JsonArray *list;
  gint64 venue1, item1, item2;

  venue1 = cli_add (f, "venue", "add", "--name", "みなみ子育て支援センター", NULL);
  v1 = id_text (venue1);
  item1 = cli_add (f, "equipment", "add", "--name", "ベビースケール", NULL);
  item2 = cli_add (f, "equipment", "add", "--name", "ベビースケール", "--venue", v1, NULL);

  list = cli_json (f, &root, 0, "equipment", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  assert_null (find_by_id (list, "equipment_id", item1), "venue_id");
  assert_int (find_by_id (list, "equipment_id", item2), "venue_id", venue1);
}

/* program list: the program's fields and the staff it needs by role. */
static void
test_add_program_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *o, *req;
  gint64 prog;

  prog = cli_add (f, "program", "add", "--name", "健康相談と仲間づくり", "--requires",
                  "public_health_nurse=1,midwife=1", "--duration", "90", "--audience",
                  "妊婦さん・乳児と保護者", "--color", "#64B5F6", NULL);

  list = cli_json (f, &root, 0, "program", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  o = find_by_id (list, "program_id", prog);
  assert_str (o, "name", "健康相談と仲間づくり");
  assert_int (o, "duration", 90);
  assert_str (o, "color", "#64B5F6");
  req = json_object_get_object_member (o, "required");
  g_assert_cmpuint (json_object_get_size (req), ==, 2);
  assert_int (req, "public_health_nurse", 1);
  assert_int (req, "midwife", 1);
}

/* Without --end an event lasts its program's duration. */
static void
test_add_event_program_duration (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *p1 = NULL, *r1 = NULL, *e1 = NULL, *v1 = NULL;
  JsonArray *list;
  JsonObject *o;
  gint64 ev1;

  v1 = id_text (cli_add (f, "venue", "add", "--name", "みなみ子育て支援センター", NULL));
  r1 = id_text (cli_add (f, "room", "add", "--venue", v1, "--name", "プレイルーム", "--capacity",
                         "30", NULL));
  e1 = id_text (cli_add (f, "equipment", "add", "--name", "ベビースケール", NULL));
  p1 = id_text (cli_add (f, "program", "add", "--name", "健康相談と仲間づくり", "--requires",
                         "public_health_nurse=1,midwife=1", "--duration", "90", NULL));
  ev1 = cli_add (f, "event", "add", "--program", p1, "--start", "2026-12-09T10:00", "--room", r1,
                 "--repeat", "FREQ=MONTHLY;BYDAY=2WE;COUNT=3", "--on-holiday", "next-day",
                 "--equipment", e1, "--capacity", "20", "--notes", "体重測定", NULL);

  list = cli_json (f, &root, 0, "event", "list", "--from", "2026-12-01", "--to", "2026-12-31",
                   "--json", NULL);
  o = find_occ (list, ev1, "2026-12-09");
  g_assert_nonnull (o);
  assert_str (o, "start", "2026-12-09T10:00");
  assert_str (o, "end", "2026-12-09T11:30");
}

/* A tentative event and one added with --skip-holidays --skip-conflicts
 * are listed on their dates. */
static void
test_add_event_flags_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  gint64 ev2, ev3;

  ev2 = cli_add (f, "event", "add", "--title", "連絡会議", "--start", "2026-12-08T14:00", "--end",
                 "2026-12-08T16:00", "--tentative", NULL);
  ev3 = cli_add (f, "event", "add", "--title", "合同研修", "--start", "2026-12-17T13:30",
                 "--end", "2026-12-17T16:30", "--skip-holidays", "--skip-conflicts", NULL);
  list = cli_json (f, &root, 0, "event", "list", "--from", "2026-12-01", "--to", "2026-12-31",
                   "--json", NULL);
  g_assert_nonnull (find_occ (list, ev2, "2026-12-08"));
  g_assert_nonnull (find_occ (list, ev3, "2026-12-17"));
}

/* ---- bad input ---------------------------------------------------------- */

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  /* Every one of these must leave the file alone and say why on one line. */
  static const char * const bad[][16] = {
    /* unknown command, flag, missing or extra parts */
    { "frobnicate", NULL },
    { "staff", "frobnicate", NULL },
    { "staff", "add", "--name", "X", "--role", "midwife", "--colour", "red", NULL },
    { "staff", "add", "--name", NULL },
    { "init", "--demo=yes", NULL },
    { "staff", "add", "--role", "midwife", NULL },
    { "staff", "add", "--name", "X", NULL },
    { "room", "add", "--venue", "1", "--name", "相談室", NULL },
    { "program", "add", "--name", "合同研修", NULL },
    { "event", "list", "--from", "2026-12-01", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", NULL },
    { "event", "add", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00", NULL },
    { "event", "move", "1", "--date", "2026-12-08", NULL },
    { "assign", "1", NULL },
    { "assign", "1", "2", "3", NULL },
    { "holidays", NULL },
    /* malformed values */
    { "event", "list", "--from", "2026-02-30", "--to", "2026-03-01", NULL },
    { "event", "list", "--from", "2026/12/01", "--to", "2026-12-31", NULL },
    { "event", "cancel", "1", "--date", "12-08", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01 10:00", "--end", "2026-12-01T11:00",
      NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T24:00", "--end", "2026-12-01T25:00",
      NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:60",
      NULL },
    { "staff", "unavailable", "1", "--from", "2026-12-01", "--to", "2026-12-02T00:00", NULL },
    { "staff", "schedule", "1", "--month", "2026-13", NULL },
    { "staff", "schedule", "1", "--month", "2026-1", NULL },
    { "staff", "schedule", "1", "--month", "december", NULL },
    { "room", "add", "--venue", "1", "--name", "相談室", "--capacity", "ten", NULL },
    { "room", "add", "--venue", "1", "--name", "相談室", "--capacity", "-1", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--capacity", "-3", NULL },
    { "assign", "abc", "1", NULL },
    { "assign", "0", "1", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--equipment", "1,x", NULL },
    /* end before or at start, from after to */
    { "event", "add", "--title", "X", "--start", "2026-12-01T11:00", "--end", "2026-12-01T10:00",
      NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T11:00", "--end", "2026-12-01T11:00",
      NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-02T10:00", "--end", "2026-12-01T12:00",
      NULL },
    { "staff", "unavailable", "1", "--from", "2026-12-02T09:00", "--to", "2026-12-01T09:00", NULL },
    { "staff", "unavailable", "1", "--from", "2026-12-02T09:00", "--to", "2026-12-02T09:00", NULL },
    { "venue", "close", "1", "--from", "2026-12-10", "--to", "2026-12-01", NULL },
    { "venue", "close", "1", "--date", "2026-12-10", "--weekday", "MO", NULL },
    { "venue", "close", "1", "--weekday", "XX", NULL },
    { "venue", "close", "1", "--from", "2026-12-10", NULL },
    { "event", "list", "--from", "2026-12-31", "--to", "2026-12-01", NULL },
    { "check", "--from", "2026-12-31", "--to", "2026-12-01", NULL },
    { "check", "--from", "2026-12-31", "--to", "2026-12-01", "--json", NULL },
    /* roles, requirements, colours */
    { "staff", "add", "--name", "X", "--role", "nurse", NULL },
    { "staff", "add", "--name", "X", "--role", "Midwife", NULL },
    { "staff", "list", "--role", "nurse", NULL },
    { "suggest", "1", "--role", "doctor", NULL },
    { "program", "add", "--name", "Q", "--requires", "nurse=1", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=0", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=x", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=1,midwife=2", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=1,,hub_staff=1", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=1", "--color", "red", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=1", "--color", "#12345", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=1", "--color", "#GG0000", NULL },
    { "program", "add", "--name", "Q", "--requires", "midwife=1", "--duration", "0", NULL },
    /* unique names */
    { "venue", "add", "--name", "みなみ", NULL },
    { "room", "add", "--venue", "1", "--name", "プレイルーム", "--capacity", "3", NULL },
    { "program", "add", "--name", "両親学級", "--requires", "midwife=1", NULL },
    { "equipment", "add", "--name", "スケール", NULL },
    { "equipment", "add", "--name", "スケール", "--venue", "1", NULL },
    /* ids that do not exist */
    { "room", "add", "--venue", "99", "--name", "Z", "--capacity", "1", NULL },
    { "room", "list", "--venue", "99", NULL },
    { "equipment", "add", "--name", "Z", "--venue", "99", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--room", "99", NULL },
    { "event", "add", "--program", "99", "--start", "2026-12-01T10:00", "--end",
      "2026-12-01T11:00", NULL },
    { "event", "add", "--program", "99", "--start", "2026-12-01T10:00", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--equipment", "1,99", NULL },
    { "staff", "unavailable", "99", "--from", "2026-12-01T09:00", "--to", "2026-12-01T10:00",
      NULL },
    { "staff", "schedule", "99", "--month", "2026-12", NULL },
    { "venue", "close", "99", "--date", "2026-12-10", NULL },
    { "event", "cancel", "99", NULL },
    { "event", "cancel", "99", "--date", "2026-12-08", NULL },
    { "event", "move", "99", "--date", "2026-12-08", "--to", "2026-12-09T10:00", NULL },
    { "suggest", "99", NULL },
    { "assign", "99", "1", NULL },
    { "assign", "1", "99", NULL },
    { "unassign", "99", "1", NULL },
    { "unassign", "1", "99", NULL },
    /* occurrences that do not exist */
    { "assign", "1", "2", "--date", "2026-12-09", NULL },
    { "event", "cancel", "1", "--date", "2026-12-09", NULL },
    { "event", "move", "1", "--date", "2027-01-05", "--to", "2027-01-06T10:00", NULL },
    /* assignments: twice, or not there */
    { "assign", "1", "1", NULL },
    { "assign", "1", "1", "--date", "2026-12-08", NULL },
    { "assign", "1", "2", "--tentative", "--confirm", NULL },
    { "unassign", "1", "2", NULL },
    { "unassign", "2", "1", NULL },
    { "unassign", "1", "2", "--date", "2026-12-08", NULL },
    /* repeat rules and holiday policies */
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--repeat", "FREQ=FORTNIGHTLY", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--repeat", "BYDAY=1SU", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--repeat", "FREQ=WEEKLY;BYDAY=XX", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--repeat", "FREQ=MONTHLY;COUNT=0", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--repeat", "FREQ=WEEKLY;COUNT=2;UNTIL=20261231T000000", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--repeat", "garbage", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--on-holiday", "bogus", NULL },
    { "event", "add", "--title", "X", "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00",
      "--skip-holidays", "--on-holiday", "keep", NULL },
    /* holidays outside the Act's years */
    { "holidays", "1947", NULL },
    { "holidays", "2100", NULL },
    { "holidays", "20x6", NULL },
    /* the demo goes only into an empty database */
    { "init", "--demo", NULL },
  };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  g_assert_cmpint (cli_add (f, "venue", "add", "--name", "みなみ", NULL), ==, 1);
  g_assert_cmpint (cli_add (f, "venue", "add", "--name", "きた", NULL), ==, 2);
  g_assert_cmpint (cli_add (f, "room", "add", "--venue", "1", "--name", "プレイルーム",
                            "--capacity", "30", NULL), ==, 1);
  /* The same room name at another venue is fine. */
  g_assert_cmpint (cli_add (f, "room", "add", "--venue", "2", "--name", "プレイルーム",
                            "--capacity", "30", NULL), ==, 2);
  g_assert_cmpint (cli_add (f, "program", "add", "--name", "両親学級", "--requires",
                            "midwife=1", NULL), ==, 1);
  g_assert_cmpint (cli_add (f, "equipment", "add", "--name", "スケール", NULL), ==, 1);
  g_assert_cmpint (cli_add (f, "equipment", "add", "--name", "スケール", "--venue", "1", NULL),
                   ==, 2);
  g_assert_cmpint (cli_add (f, "equipment", "add", "--name", "スケール", "--venue", "2", NULL),
                   ==, 3);
  g_assert_cmpint (cli_add (f, "staff", "add", "--name", "加藤 千尋", "--role", "midwife", NULL),
                   ==, 1);
  /* Two people may share a name. */
  g_assert_cmpint (cli_add (f, "staff", "add", "--name", "加藤 千尋", "--role", "midwife", NULL),
                   ==, 2);
  g_assert_cmpint (cli_add (f, "event", "add", "--program", "1", "--start", "2026-12-01T10:00",
                            "--end", "2026-12-01T12:00", "--room", "1", "--repeat",
                            "FREQ=WEEKLY;COUNT=4", NULL), ==, 1);
  g_assert_cmpint (cli_add (f, "event", "add", "--title", "連絡会議", "--start",
                            "2026-12-02T14:00", "--end", "2026-12-02T16:00", NULL), ==, 2);
  g_free (cli_ok (f, "assign", "1", "1"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    cli_refused_v (f, 2, bad[i]);

  /* Nothing of the above got in. */
  list = cli_json (f, &root, 0, "staff", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  list = cli_json (f, &root, 0, "event", "list", "--from", "2026-11-01", "--to", "2027-01-31",
                   "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  for (guint i = 0; i < json_array_get_length (list); i++)
    assert_str (item (list, i), "status", "scheduled");
  g_clear_pointer (&root, json_node_unref);
  list = cli_json (f, &root, 0, "program", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
}

/* ---- files that are not ours -------------------------------------------- */

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

static void
assert_unusable (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);

  cli_refused (f, 3, "staff", "list", NULL);
  cli_refused (f, 3, "staff", "list", "--json", NULL);
  cli_refused (f, 3, "staff", "add", "--name", "X", "--role", "midwife", NULL);
  cli_refused (f, 3, "init", NULL);
  cli_refused (f, 3, "init", "--demo", NULL);
  cli_refused (f, 3, "event", "list", "--from", "2026-12-01", "--to", "2026-12-31", NULL);
  cli_refused (f, 3, "check", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The server's refusals: test-store's refuse cases. */
  if (rk_test_skip_on_server ("about database files"))
    return;
  /* Written by a newer Renkei. */
  g_free (cli_ok (f, "init"));
  g_assert_cmpint (cli_add (f, "staff", "add", "--name", "X", "--role", "other", NULL), ==, 1);
  sql_on_file (f->db, "PRAGMA user_version = 999");
  assert_unusable (f);

  /* Another application's database. */
  rk_test_rm_rf (f->db);
  sql_on_file (f->db, "CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT);"
                      "INSERT INTO contacts (phone) VALUES ('090-0000-0000');");
  assert_unusable (f);

  /* Not a database at all. */
  rk_test_rm_rf (f->db);
  g_assert_true (g_file_set_contents (f->db, "これはメモです\n", -1, &error));
  assert_unusable (f);
  g_assert_true (g_file_get_contents (f->db, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "これはメモです\n");
}

/* ---- two coordinators at once ------------------------------------------- */

static void
test_concurrent_writers (Fixture *f, gconstpointer data)
{
  /* Each writer adds 50 staff, one process per person, into a file that
   * does not exist yet: creation and the writes race. */
  const char *script = "i=1; while [ $i -le 50 ]; do "
                       "\"$0\" --db \"$1\" staff add --name \"$2$i\" --role other >/dev/null "
                       "|| exit 1; i=$((i+1)); done";
  const char *prefixes[] = { "A", "B" };
  g_auto(GStrv) env = cli_env (f->today);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPid pids[G_N_ELEMENTS (prefixes)];
  JsonArray *list;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "/bin/sh", "-c", script, cli_path (), f->db, prefixes[i], NULL };

      g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i],
                     &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }

  list = cli_json (f, &root, 0, "staff", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 100);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_hash_table_add (names, g_strdup (json_object_get_string_member (item (list, i), "name")));
  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    for (int n = 1; n <= 50; n++)
      {
        g_autofree char *name = g_strdup_printf ("%s%d", prefixes[p], n);
        g_assert_true (g_hash_table_contains (names, name));
      }
}

/* Two coordinators book the same room for the same hours at the same
 * moment: one gets it, the other is told of the clash (its booking is
 * skipped there), never both. Ten rounds, each its own date. */
static void
test_race_same_room (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *venue = NULL, *room = NULL;
  JsonArray *list;
  int told[10] = { 0 };

  venue = id_text (cli_add (f, "venue", "add", "--name", "Hub", NULL));
  room = id_text (cli_add (f, "room", "add", "--venue", venue, "--name", "Hall", "--capacity", "20",
                           NULL));
  for (int round = 0; round < 10; round++)
    {
      g_autofree char *start = g_strdup_printf ("2027-01-%02dT10:00", 10 + round);
      g_autofree char *end = g_strdup_printf ("2027-01-%02dT12:00", 10 + round);
      const char *titles[] = { "Class A", "Class B" };
      RkTestChild children[2];

      for (guint i = 0; i < 2; i++)
        {
          const char *args[] = { "event", "add", "--title", titles[i], "--start", start, "--end",
                                 end, "--room", room, "--skip-conflicts", NULL };

          children[i] = rk_test_cli_start (f->db, f->today, args);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *err = NULL;

          g_assert_cmpint (rk_test_cli_wait (&children[i], &err), ==, 0);
          if (err && strstr (err, "skipped"))
            told[round]++;
        }
    }

  list = cli_json (f, &root, 0, "event", "list", "--from", "2027-01-10", "--to", "2027-01-19",
                   "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 20);
  for (int round = 0; round < 10; round++)
    {
      g_autofree char *date = g_strdup_printf ("2027-01-%02d", 10 + round);
      int scheduled = 0, skipped = 0;

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *o = item (list, i);

          if (g_strcmp0 (json_object_get_string_member (o, "date"), date) != 0)
            continue;
          scheduled += g_strcmp0 (json_object_get_string_member (o, "status"), "scheduled") == 0;
          skipped += g_strcmp0 (json_object_get_string_member (o, "status"), "skipped") == 0;
        }
      g_assert_cmpint (scheduled, ==, 1);
      g_assert_cmpint (skipped, ==, 1);
      g_assert_cmpint (told[round], ==, 1);
    }
}

/* ---- JSON outputs ------------------------------------------------------- */

static void
test_staff_list_json (Fixture *f, gconstpointer data)
{
  static const char * const fields[] = { "staff_id", "name", "kana", "role", "org", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *o;
  gint64 a, b, c;
  g_autofree char *c_text = NULL;

  a = cli_add (f, "staff", "add", "--name", "山田 花子", "--role", "hub_staff", "--kana",
               "やまだ はなこ", "--org", "みなみ子育て支援センター", "--phone", "090-0000-0001",
               NULL);
  b = cli_add (f, "staff", "add", "--name", "Emma Wilson", "--role", "childcare_volunteer", NULL);
  c = cli_add (f, "staff", "add", "--name", "加藤 千尋", "--role", "midwife", "--kana",
               "かとう ちひろ", "--org", "さくら助産院", NULL);

  list = cli_json (f, &root, 0, "staff", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_members (item (list, i), fields);
  o = find_by_id (list, "staff_id", a);
  assert_str (o, "name", "山田 花子");
  assert_str (o, "kana", "やまだ はなこ");
  assert_str (o, "role", "hub_staff");
  assert_str (o, "org", "みなみ子育て支援センター");
  /* The phone number is personal: not in the list. */
  g_assert_false (json_object_has_member (o, "phone"));
  o = find_by_id (list, "staff_id", b);
  assert_str (o, "name", "Emma Wilson");
  assert_null (o, "kana");
  assert_str (o, "role", "childcare_volunteer");
  assert_null (o, "org");
  o = find_by_id (list, "staff_id", c);
  assert_str (o, "kana", "かとう ちひろ");
  assert_str (o, "role", "midwife");
  assert_str (o, "org", "さくら助産院");
  g_clear_pointer (&root, json_node_unref);

  list = cli_json (f, &root, 0, "staff", "list", "--role", "midwife", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  assert_int (item (list, 0), "staff_id", c);
  g_clear_pointer (&root, json_node_unref);

  /* Someone who left is no longer listed. */
  c_text = id_text (c);
  g_free (cli_ok (f, "staff", "deactivate", c_text));
  list = cli_json (f, &root, 0, "staff", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_null (find_by_id (list, "staff_id", c));
}

/* The listing of a month and a half in JSON: a monthly series at a room
 * with a program (a nurse on it, a midwife on one date, one occurrence
 * moved by hand), a tentative meeting, and two series meeting 成人の日 (one
 * moved off it, one skipping it). */
typedef struct
{
  JsonNode *root;
  JsonArray *list;
  gint64 venue, room, prog, nurse, midwife, series, meeting, mondays, skipping;
} ListSetup;

static void
list_setup (Fixture *f, ListSetup *l)
{
  l->venue = cli_add (f, "venue", "add", "--name", "きた子育てひろば", NULL);
  l->room = cli_add (f, "room", "add", "--venue", "1", "--name", "ひろば", "--capacity", "25", NULL);
  l->prog = cli_add (f, "program", "add", "--name", "健康相談と仲間づくり", "--requires",
                  "hub_staff=1,public_health_nurse=1,midwife=1", NULL);
  l->nurse = cli_add (f, "staff", "add", "--name", "田中 陽子", "--role", "public_health_nurse",
                   NULL);
  l->midwife = cli_add (f, "staff", "add", "--name", "吉田 友子", "--role", "midwife", NULL);
  g_assert_cmpint (l->venue, ==, 1);
  g_assert_cmpint (l->room, ==, 1);
  g_assert_cmpint (l->prog, ==, 1);
  l->series = cli_add (f, "event", "add", "--program", "1", "--start", "2026-12-09T10:00", "--end",
                    "2026-12-09T12:00", "--room", "1", "--repeat",
                    "FREQ=MONTHLY;BYDAY=2WE;COUNT=3", "--on-holiday", "keep", NULL);
  l->meeting = cli_add (f, "event", "add", "--title", "連絡会議", "--start", "2026-12-09T09:00",
                     "--end", "2026-12-09T09:45", "--tentative", "--on-holiday", "keep", NULL);
  /* 2027-01-11 is 成人の日: one series moves off it, one skips it. */
  l->mondays = cli_add (f, "event", "add", "--title", "ベビーマッサージ講座", "--start",
                     "2027-01-04T10:00", "--end", "2027-01-04T11:00", "--repeat",
                     "FREQ=WEEKLY;COUNT=2", "--on-holiday", "next-day", NULL);
  l->skipping = cli_add (f, "event", "add", "--title", "ひろば開放", "--start", "2027-01-04T13:00",
                      "--end", "2027-01-04T14:00", "--repeat", "FREQ=WEEKLY;COUNT=2",
                      "--skip-holidays", NULL);
  g_free (cli_ok (f, "assign", "1", "1"));
  g_free (cli_ok (f, "assign", "1", "2", "--date", "2027-01-13"));
  g_free (cli_ok (f, "event", "move", "1", "--date", "2027-02-10", "--to", "2027-02-12T13:00"));

  l->list = cli_json (f, &l->root, 0, "event", "list", "--from", "2026-12-01", "--to",
                      "2027-02-28", "--json", NULL);
}

/* Every occurrence with every field, sorted by start. */
static void
test_event_list_json_fields (Fixture *f, gconstpointer data)
{
  static const char * const fields[] = {
    "event_id", "date", "start", "end", "title", "program", "program_id", "room", "room_id",
    "venue", "venue_id", "status", "staff", "required", NULL
  };
  JsonArray *list;
  const char *prev = "";
  ListSetup l;

  list_setup (f, &l);
  list = l.list;
  g_assert_cmpuint (json_array_get_length (list), ==, 8);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *start = json_object_get_string_member (item (list, i), "start");

      assert_members (item (list, i), fields);
      g_assert_cmpstr (prev, <=, start);
      prev = start;
    }
  /* Sorted by start: the 09:00 meeting before the 10:00 series that day. */
  assert_int (item (list, 0), "event_id", l.meeting);
  assert_int (item (list, 1), "event_id", l.series);
  json_node_unref (l.root);
}

/* An occurrence of a series: its program, room, venue, staff and needs. */
static void
test_event_list_json_series (Fixture *f, gconstpointer data)
{
  JsonArray *list, *staff;
  JsonObject *o, *req;
  ListSetup l;

  list_setup (f, &l);
  list = l.list;
  o = find_occ (list, l.series, "2026-12-09");
  g_assert_nonnull (o);
  assert_str (o, "start", "2026-12-09T10:00");
  assert_str (o, "end", "2026-12-09T12:00");
  assert_str (o, "title", "健康相談と仲間づくり");
  assert_str (o, "program", "健康相談と仲間づくり");
  assert_int (o, "program_id", l.prog);
  assert_str (o, "room", "ひろば");
  assert_int (o, "room_id", l.room);
  assert_str (o, "venue", "きた子育てひろば");
  assert_int (o, "venue_id", l.venue);
  assert_str (o, "status", "scheduled");
  g_assert_false (json_object_has_member (o, "moved_from"));
  staff = json_object_get_array_member (o, "staff");
  g_assert_cmpuint (json_array_get_length (staff), ==, 1);
  assert_int (item (staff, 0), "staff_id", l.nurse);
  assert_str (item (staff, 0), "name", "田中 陽子");
  assert_str (item (staff, 0), "role", "public_health_nurse");
  req = json_object_get_object_member (o, "required");
  g_assert_cmpuint (json_object_get_size (req), ==, 3);
  assert_int (req, "hub_staff", 1);
  assert_int (req, "public_health_nurse", 1);
  assert_int (req, "midwife", 1);
  json_node_unref (l.root);
}

/* Someone on one date of the series only. */
static void
test_event_list_json_one_date_staff (Fixture *f, gconstpointer data)
{
  g_autofree char *ids = NULL;
  JsonArray *list, *staff;
  JsonObject *o;
  ListSetup l;

  list_setup (f, &l);
  list = l.list;
  /* The midwife only on the January occurrence. */
  o = find_occ (list, l.series, "2027-01-13");
  g_assert_nonnull (o);
  ids = staff_ids (o);
  {
    g_autofree char *both = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, l.nurse,
                                             l.midwife);
    g_assert_cmpstr (ids, ==, both);
  }
  staff = json_object_get_array_member (o, "staff");
  for (guint i = 0; i < json_array_get_length (staff); i++)
    if (get_int (item (staff, i), "staff_id") == l.midwife)
      {
        assert_str (item (staff, i), "name", "吉田 友子");
        assert_str (item (staff, i), "role", "midwife");
      }
  json_node_unref (l.root);
}

/* Moved by hand: listed on its new day, with where it came from. */
static void
test_event_list_json_moved (Fixture *f, gconstpointer data)
{
  JsonArray *list;
  JsonObject *o;
  ListSetup l;

  list_setup (f, &l);
  list = l.list;
  g_assert_null (find_occ (list, l.series, "2027-02-10"));
  o = find_occ (list, l.series, "2027-02-12");
  g_assert_nonnull (o);
  assert_str (o, "start", "2027-02-12T13:00");
  assert_str (o, "end", "2027-02-12T15:00");
  assert_str (o, "moved_from", "2027-02-10");
  g_assert_true (json_object_has_member (o, "reason"));
  assert_str (o, "status", "scheduled");
  json_node_unref (l.root);
}

/* A titled event without program or room. */
static void
test_event_list_json_titled (Fixture *f, gconstpointer data)
{
  JsonArray *list;
  JsonObject *o;
  ListSetup l;

  list_setup (f, &l);
  list = l.list;
  o = find_occ (list, l.meeting, "2026-12-09");
  g_assert_nonnull (o);
  assert_str (o, "title", "連絡会議");
  assert_null (o, "program");
  assert_null (o, "program_id");
  assert_null (o, "room");
  assert_null (o, "room_id");
  assert_null (o, "venue");
  assert_null (o, "venue_id");
  assert_str (o, "status", "tentative");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "staff")), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (o, "required")), ==, 0);
  json_node_unref (l.root);
}

/* The holiday policy: moved off 成人の日, or skipped with a reason. */
static void
test_event_list_json_holiday (Fixture *f, gconstpointer data)
{
  JsonArray *list;
  JsonObject *o;
  ListSetup l;

  list_setup (f, &l);
  list = l.list;
  /* Moved by the holiday policy. */
  o = find_occ (list, l.mondays, "2027-01-12");
  g_assert_nonnull (o);
  assert_str (o, "start", "2027-01-12T10:00");
  assert_str (o, "moved_from", "2027-01-11");
  g_assert_nonnull (json_object_get_string_member (o, "reason"));
  assert_str (o, "status", "scheduled");
  /* Skipped by it: listed, marked, with a reason. */
  o = find_occ (list, l.skipping, "2027-01-11");
  g_assert_nonnull (o);
  assert_str (o, "status", "skipped");
  g_assert_nonnull (json_object_get_string_member (o, "reason"));
  g_assert_nonnull (find_occ (list, l.skipping, "2027-01-04"));
  json_node_unref (l.root);
}

static void
test_holidays_json (Fixture *f, gconstpointer data)
{
  static const struct { const char *date, *ja, *en; } some[] = {
    { "2026-01-01", "元日", "New Year's Day" },
    { "2026-05-06", "振替休日", "Substitute Holiday" },
    { "2026-09-22", "国民の休日", "Citizens' Holiday" },
    { "2026-11-23", "勤労感謝の日", "Labour Thanksgiving Day" },
  };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  const char *prev = "";

  list = cli_json (f, &root, 0, "holidays", "2026", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 18);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = item (list, i);
      const char *date = json_object_get_string_member (o, "date");

      g_assert_cmpuint (json_object_get_size (o), ==, 3);
      g_assert_true (g_str_has_prefix (date, "2026-"));
      g_assert_cmpstr (prev, <, date);
      prev = date;
      g_assert_cmpstr (json_object_get_string_member (o, "name_ja"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (o, "name_en"), !=, "");
    }
  for (guint k = 0; k < G_N_ELEMENTS (some); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *o = item (list, i);

          if (g_strcmp0 (json_object_get_string_member (o, "date"), some[k].date) != 0)
            continue;
          assert_str (o, "name_ja", some[k].ja);
          assert_str (o, "name_en", some[k].en);
          found = TRUE;
        }
      g_assert_true (found);
    }
  g_clear_pointer (&root, json_node_unref);

  /* The first and last years the Act covers. */
  list = cli_json (f, &root, 0, "holidays", "1948", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  g_clear_pointer (&root, json_node_unref);
  list = cli_json (f, &root, 0, "holidays", "2099", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), >, 0);
}

static JsonObject *
find_problem (JsonArray *list, const char *kind, const char *date)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = item (list, i);

      if (g_strcmp0 (json_object_get_string_member (o, "kind"), kind) == 0 &&
          g_strcmp0 (json_object_get_string_member (o, "date"), date) == 0)
        {
          if (found)
            g_error ("two %s problems on %s", kind, date);
          found = o;
        }
    }
  if (found == NULL)
    g_error ("no %s problem on %s", kind, date);
  return found;
}

static void
assert_event_ids (JsonObject *o, gint64 a, gint64 b)
{
  JsonArray *ids = json_object_get_array_member (o, "event_ids");
  guint n = b ? 2 : 1;

  g_assert_cmpuint (json_array_get_length (ids), ==, n);
  if (n == 1)
    g_assert_cmpint (json_array_get_int_element (ids, 0), ==, a);
  else
    {
      gint64 x = json_array_get_int_element (ids, 0), y = json_array_get_int_element (ids, 1);
      g_assert_true ((x == a && y == b) || (x == b && y == a));
    }
}

static void
test_check_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *o;
  gint64 venue, room, scale, m1, m2, hub, ev1, ev2, ev3, ev4, ev5;
  g_autofree char *hub_text = NULL;

  venue = cli_add (f, "venue", "add", "--name", "みなみ", NULL);
  g_assert_cmpint (venue, ==, 1);
  room = cli_add (f, "room", "add", "--venue", "1", "--name", "プレイルーム", "--capacity", "5",
                  NULL);
  scale = cli_add (f, "equipment", "add", "--name", "ベビースケール", NULL);
  g_assert_cmpint (cli_add (f, "program", "add", "--name", "P", "--requires", "midwife=2", NULL),
                   ==, 1);
  m1 = cli_add (f, "staff", "add", "--name", "加藤 千尋", "--role", "midwife", NULL);
  m2 = cli_add (f, "staff", "add", "--name", "吉田 友子", "--role", "midwife", NULL);
  hub = cli_add (f, "staff", "add", "--name", "山田 花子", "--role", "hub_staff", NULL);
  hub_text = id_text (hub);
  g_free (cli_ok (f, "venue", "close", "1", "--date", "2026-12-04"));
  ev1 = cli_add (f, "event", "add", "--program", "1", "--start", "2026-12-02T10:00", "--end",
                 "2026-12-02T12:00", "--room", "1", "--equipment", "1", "--capacity", "8",
                 "--on-holiday", "keep", NULL);
  ev2 = cli_add (f, "event", "add", "--title", "ひろば開放", "--start", "2026-12-02T11:00",
                 "--end", "2026-12-02T13:00", "--room", "1", "--equipment", "1", "--on-holiday",
                 "keep", NULL);
  ev3 = cli_add (f, "event", "add", "--title", "元日のつどい", "--start", "2027-01-01T10:00",
                 "--end", "2027-01-01T11:00", NULL);
  ev4 = cli_add (f, "event", "add", "--title", "休館日の会", "--start", "2026-12-04T10:00",
                 "--end", "2026-12-04T11:00", "--room", "1", "--on-holiday", "keep", NULL);
  ev5 = cli_add (f, "event", "add", "--title", "仮の予定", "--start", "2026-11-30T10:00", "--end",
                 "2026-11-30T11:00", "--tentative", "--on-holiday", "keep", NULL);
  g_free (cli_ok (f, "assign", "1", "1"));
  g_free (cli_ok (f, "assign", "2", "1"));
  g_free (cli_ok (f, "staff", "unavailable", hub_text, "--from", "2026-12-02T00:00", "--to",
                  "2026-12-03T00:00", "--reason", "休暇"));
  g_free (cli_ok (f, "assign", "2", hub_text));

  /* Nothing in a quiet week: exit 0 and an empty array. */
  list = cli_json (f, &root, 0, "check", "--from", "2026-12-05", "--to", "2026-12-31", "--json",
                   NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  list = cli_json (f, &root, 1, "check", "--from", "2026-11-24", "--to", "2027-01-31", "--json",
                   NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 9);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      static const char * const fields[] = { "kind", "date", "event_ids", "message", NULL };
      o = item (list, i);
      assert_members (o, fields);
      g_assert_cmpstr (json_object_get_string_member (o, "message"), !=, "");
    }

  o = find_problem (list, "staff_double_booked", "2026-12-02");
  assert_event_ids (o, ev1, ev2);
  assert_int (o, "staff_id", m1);
  g_assert_false (json_object_has_member (o, "room_id"));

  o = find_problem (list, "staff_unavailable", "2026-12-02");
  assert_event_ids (o, ev2, 0);
  assert_int (o, "staff_id", hub);

  o = find_problem (list, "room_double_booked", "2026-12-02");
  assert_event_ids (o, ev1, ev2);
  assert_int (o, "room_id", room);
  g_assert_false (json_object_has_member (o, "staff_id"));

  o = find_problem (list, "equipment_double_booked", "2026-12-02");
  assert_event_ids (o, ev1, ev2);
  assert_int (o, "equipment_id", scale);

  o = find_problem (list, "understaffed", "2026-12-02");
  assert_event_ids (o, ev1, 0);
  assert_str (o, "role", "midwife");
  assert_int (o, "needed", 2);
  assert_int (o, "assigned", 1);

  o = find_problem (list, "over_capacity", "2026-12-02");
  assert_event_ids (o, ev1, 0);
  assert_int (o, "room_id", room);

  o = find_problem (list, "on_holiday", "2027-01-01");
  assert_event_ids (o, ev3, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "message"), "元日"));

  o = find_problem (list, "hub_closed", "2026-12-04");
  assert_event_ids (o, ev4, 0);

  o = find_problem (list, "unconfirmed", "2026-11-30");
  assert_event_ids (o, ev5, 0);
  g_clear_pointer (&root, json_node_unref);

  /* Staffed by the second midwife, the understaffing goes. */
  {
    g_autofree char *m2_text = id_text (m2);
    g_free (cli_ok (f, "assign", "1", m2_text));
  }
  list = cli_json (f, &root, 1, "check", "--from", "2026-12-02", "--to", "2026-12-02", "--json",
                   NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_assert_cmpstr (json_object_get_string_member (item (list, i), "kind"), !=, "understaffed");
}

static void
test_suggest_json (Fixture *f, gconstpointer data)
{
  static const char * const fields[] = {
    "staff_id", "name", "role", "assignments_this_month", NULL
  };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  gint64 busy, free_a, free_b, nurse, away;
  g_autofree char *busy_text = NULL, *b_text = NULL, *away_text = NULL;

  g_assert_cmpint (cli_add (f, "program", "add", "--name", "両親学級", "--requires",
                            "midwife=3,public_health_nurse=1", NULL), ==, 1);
  busy = cli_add (f, "staff", "add", "--name", "加藤 千尋", "--role", "midwife", NULL);
  free_a = cli_add (f, "staff", "add", "--name", "吉田 友子", "--role", "midwife", NULL);
  free_b = cli_add (f, "staff", "add", "--name", "井上 幸子", "--role", "midwife", NULL);
  away = cli_add (f, "staff", "add", "--name", "松本 節子", "--role", "midwife", NULL);
  nurse = cli_add (f, "staff", "add", "--name", "佐藤 美咲", "--role", "public_health_nurse",
                   NULL);
  g_assert_cmpint (cli_add (f, "staff", "add", "--name", "山田 花子", "--role", "hub_staff",
                            NULL), >, 0);
  busy_text = id_text (busy);
  b_text = id_text (free_b);
  away_text = id_text (away);
  g_assert_cmpint (cli_add (f, "event", "add", "--program", "1", "--start", "2026-12-06T10:00",
                            "--end", "2026-12-06T14:00", "--on-holiday", "keep", NULL), ==, 1);
  g_assert_cmpint (cli_add (f, "event", "add", "--title", "沐浴教室", "--start",
                            "2026-12-06T11:00", "--end", "2026-12-06T12:00", "--on-holiday",
                            "keep", NULL), ==, 2);
  g_assert_cmpint (cli_add (f, "event", "add", "--title", "個別相談", "--start",
                            "2026-12-20T10:00", "--end", "2026-12-20T11:00", "--on-holiday",
                            "keep", NULL), ==, 3);
  /* busy: on an overlapping event; free_b: one other event this month;
   * away: unavailable that day. */
  g_free (cli_ok (f, "assign", "2", busy_text));
  g_free (cli_ok (f, "assign", "3", b_text));
  g_free (cli_ok (f, "staff", "unavailable", away_text, "--from", "2026-12-06T00:00", "--to",
                  "2026-12-07T00:00"));

  list = cli_json (f, &root, 0, "suggest", "1", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < json_array_get_length (list); i++)
    assert_members (item (list, i), fields);
  g_assert_null (find_by_id (list, "staff_id", busy));
  g_assert_null (find_by_id (list, "staff_id", away));
  {
    JsonObject *a = find_by_id (list, "staff_id", free_a);
    JsonObject *b = find_by_id (list, "staff_id", free_b);
    JsonObject *n = find_by_id (list, "staff_id", nurse);
    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_nonnull (n);
    assert_str (a, "name", "吉田 友子");
    assert_str (a, "role", "midwife");
    assert_int (a, "assignments_this_month", 0);
    assert_str (b, "name", "井上 幸子");
    assert_int (b, "assignments_this_month", 1);
    assert_str (n, "role", "public_health_nurse");
    assert_int (n, "assignments_this_month", 0);
  }
  /* Best first: fewer assignments this month before more. */
  assert_int (item (list, json_array_get_length (list) - 1), "staff_id", free_b);
  g_clear_pointer (&root, json_node_unref);

  list = cli_json (f, &root, 0, "suggest", "1", "--role", "public_health_nurse", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  assert_int (item (list, 0), "staff_id", nurse);
}

/* ---- the demo ----------------------------------------------------------- */

static const char *
member_string (JsonObject *o, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

static gint64
program_id_named (JsonArray *programs, const char *prefix, const char *requires[][2])
{
  for (guint i = 0; i < json_array_get_length (programs); i++)
    {
      JsonObject *o = item (programs, i);
      JsonObject *req;
      guint n = 0;

      if (!g_str_has_prefix (json_object_get_string_member (o, "name"), prefix))
        continue;
      req = json_object_get_object_member (o, "required");
      for (; requires[n][0]; n++)
        assert_int (req, requires[n][0], g_ascii_strtoll (requires[n][1], NULL, 10));
      g_assert_cmpuint (json_object_get_size (req), ==, n);
      return get_int (o, "program_id");
    }
  g_error ("the demo has no program named %s…", prefix);
  return 0;
}

static void
check_demo (Fixture *f, const char *today)
{
  static const char *class_req[][2] = {
    { "hub_staff", "2" }, { "public_health_nurse", "1" }, { "nutritionist", "1" },
    { "midwife", "1" }, { NULL, NULL }
  };
  static const char *health_req[][2] = {
    { "hub_staff", "1" }, { "public_health_nurse", "1" }, { "nutritionist", "1" },
    { "midwife", "1" }, { "childcare_volunteer", "1" }, { NULL, NULL }
  };
  static const char * const roles[] = {
    "hub_staff", "public_health_nurse", "nutritionist", "midwife", "childcare_volunteer", "other"
  };
  g_autoptr(JsonNode) programs_root = NULL, staff_root = NULL, events_root = NULL,
                      problems_root = NULL;
  g_autoptr(GHashTable) health_dates = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *programs, *staff, *events, *problems;
  gint64 p_class, p_health, p_twins, health_event = 0, liaison = 0, massage = 0, nurse = 0;
  guint n_class = 0, n_health = 0, n_twins = 0, n_double = 0;
  char from[11], to[11];
  GDate date;

  if (rk_test_backend_is_pg ())
    {
      g_free (f->db);
      f->db = rk_test_pg_database ();
    }
  else
    rk_test_rm_rf (f->db);
  f->today = today;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, today);
  g_assert_true (g_date_valid (&date));
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &date);
  g_date_add_months (&date, 3);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &date);

  g_free (cli_ok (f, "init", "--demo"));

  programs = cli_json (f, &programs_root, 0, "program", "list", "--json", NULL);
  p_class = program_id_named (programs, "両親学級", class_req);
  p_health = program_id_named (programs, "健康相談と仲間づくり", health_req);
  p_twins = program_id_named (programs, "ふたご・みつご広場", health_req);

  staff = cli_json (f, &staff_root, 0, "staff", "list", "--json", NULL);
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (staff); i++)
        found = found || g_strcmp0 (member_string (item (staff, i), "role"), roles[r]) == 0;
      g_assert_true (found);
    }

  events = cli_json (f, &events_root, 0, "event", "list", "--from", from, "--to", to, "--json",
                     NULL);
  g_assert_cmpuint (json_array_get_length (events), >, 0);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *o = item (events, i);
      JsonNode *pid = json_object_get_member (o, "program_id");
      const char *status = member_string (o, "status");
      gboolean active = g_strcmp0 (status, "scheduled") == 0 ||
                        g_strcmp0 (status, "tentative") == 0;
      gint64 program = JSON_NODE_HOLDS_NULL (pid) ? 0 : json_node_get_int (pid);
      const char *date_text = member_string (o, "date");

      g_assert_cmpstr (date_text, >=, from);
      g_assert_cmpstr (date_text, <=, to);
      if (!active)
        continue;
      if (program == p_class)
        n_class++;
      else if (program == p_health)
        {
          n_health++;
          health_event = get_int (o, "event_id");
          g_hash_table_add (health_dates, (gpointer) date_text);
        }
      else if (program == p_twins)
        n_twins++;
      if (g_str_has_prefix (member_string (o, "title"), "連絡会議"))
        liaison = get_int (o, "event_id");
      if (g_strcmp0 (member_string (o, "title"), "ベビーマッサージ講座") == 0)
        {
          massage = get_int (o, "event_id");
          nurse = get_int (item (json_object_get_array_member (o, "staff"), 0), "staff_id");
        }
    }
  /* Monthly programs over three months. */
  g_assert_cmpuint (n_class, >=, 2);
  g_assert_cmpuint (n_health, >=, 2);
  g_assert_cmpuint (n_twins, >=, 2);
  g_assert_cmpint (liaison, >, 0);
  g_assert_cmpint (massage, >, 0);

  /* Exactly the planted problems (rk-demo.h), whatever today is. */
  problems = cli_json (f, &problems_root, 1, "check", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (problems), ==, n_health + 1);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *o = item (problems, i);
      const char *kind = member_string (o, "kind");

      if (g_strcmp0 (kind, "understaffed") == 0)
        {
          assert_event_ids (o, health_event, 0);
          assert_str (o, "role", "midwife");
          assert_int (o, "needed", 1);
          assert_int (o, "assigned", 0);
          g_assert_true (g_hash_table_remove (health_dates, member_string (o, "date")));
        }
      else if (g_strcmp0 (kind, "staff_double_booked") == 0)
        {
          n_double++;
          assert_event_ids (o, liaison, massage);
          assert_int (o, "staff_id", nurse);
        }
      else
        g_error ("unplanted problem %s on %s: %s", kind, member_string (o, "date"),
                 member_string (o, "message"));
    }
  g_assert_cmpuint (n_double, ==, 1);
  g_assert_cmpuint (g_hash_table_size (health_dates), ==, 0);

  /* The same range given explicitly gives the same answer. */
  {
    g_autoptr(JsonNode) again = NULL;
    JsonArray *list = cli_json (f, &again, 1, "check", "--from", from, "--to", to, "--json",
                                NULL);
    g_assert_cmpuint (json_array_get_length (list), ==, n_health + 1);
  }
}

static void
test_demo (Fixture *f, gconstpointer data)
{
  static const char * const days[] = {
    "2026-11-24", "2027-04-01", "2027-12-10", "2026-12-28", "2028-02-29"
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    check_demo (f, days[i]);
}

/* ---- one occurrence ----------------------------------------------------- */

/* ---- one occurrence: its staff, moving and cancelling -------------------- */

/* A weekly series of four Tuesdays from 1 December (event 1), a meeting on
 * the 3rd (event 2), and two people. */
typedef struct
{
  gint64 series, single;
  char  *s1, *s2;       /* the people's ids as text */
} OccSetup;

static const char * const tuesdays[] = { "2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22" };

static void
occ_setup (Fixture *f, OccSetup *o)
{
  o->s1 = id_text (cli_add (f, "staff", "add", "--name", "山田 花子", "--role", "hub_staff", NULL));
  o->s2 = id_text (cli_add (f, "staff", "add", "--name", "加藤 千尋", "--role", "midwife", NULL));
  o->series = cli_add (f, "event", "add", "--title", "ひろば開放", "--start", "2026-12-01T10:00",
                       "--end", "2026-12-01T11:30", "--repeat", "FREQ=WEEKLY;COUNT=4",
                       "--on-holiday", "keep", NULL);
  o->single = cli_add (f, "event", "add", "--title", "連絡会議", "--start", "2026-12-03T14:00",
                       "--end", "2026-12-03T16:00", NULL);
  g_assert_cmpint (o->series, ==, 1);
  g_assert_cmpint (o->single, ==, 2);
  g_free (cli_ok (f, "assign", "1", o->s1));
}

/* December's occurrences as listed in JSON. */
static JsonArray *
december (Fixture *f, JsonNode **root)
{
  return cli_json (f, root, 0, "event", "list", "--from", "2026-12-01", "--to", "2026-12-31",
                   "--json", NULL);
}

static void
occ_clear (OccSetup *o)
{
  g_free (o->s1);
  g_free (o->s2);
}

/* The staff of each Tuesday, as staff_ids() gives them. */
static void
assert_tuesday_staff (Fixture *f, const char * const expect[4])
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list = december (f, &root);

  for (guint i = 0; i < G_N_ELEMENTS (tuesdays); i++)
    {
      JsonObject *o = find_occ (list, 1, tuesdays[i]);
      g_autofree char *ids = NULL;

      g_assert_nonnull (o);
      ids = staff_ids (o);
      g_assert_cmpstr (ids, ==, expect[i]);
    }
}

/* Someone added to one date, someone taken off another; neither twice. */
static void
test_occurrence_staff_one_date (Fixture *f, gconstpointer data)
{
  OccSetup o;
  g_autofree char *both = NULL;

  occ_setup (f, &o);
  both = g_strdup_printf ("%s,%s", o.s1, o.s2);
  g_free (cli_ok (f, "assign", "1", o.s2, "--date", "2026-12-08"));
  g_free (cli_ok (f, "unassign", "1", o.s1, "--date", "2026-12-15"));
  cli_refused (f, 2, "unassign", "1", o.s1, "--date", "2026-12-15", NULL);
  cli_refused (f, 2, "assign", "1", o.s2, "--date", "2026-12-08", NULL);
  assert_tuesday_staff (f, (const char * const []) { o.s1, both, "", o.s1 });
  occ_clear (&o);
}

/* Put back on the one date and the other taken off it: the series' people
 * again everywhere. */
static void
test_occurrence_staff_back (Fixture *f, gconstpointer data)
{
  OccSetup o;

  occ_setup (f, &o);
  g_free (cli_ok (f, "assign", "1", o.s2, "--date", "2026-12-08"));
  g_free (cli_ok (f, "unassign", "1", o.s1, "--date", "2026-12-15"));
  g_free (cli_ok (f, "assign", "1", o.s1, "--date", "2026-12-15"));
  g_free (cli_ok (f, "unassign", "1", o.s2, "--date", "2026-12-08"));
  assert_tuesday_staff (f, (const char * const []) { o.s1, o.s1, o.s1, o.s1 });
  occ_clear (&o);
}

/* Moved to another afternoon: the same 90 minutes, the series' staff with it,
 * the others untouched. */
static void
test_occurrence_move (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ids = NULL;
  JsonArray *list;
  JsonObject *o;
  OccSetup s;

  occ_setup (f, &s);
  g_free (cli_ok (f, "event", "move", "1", "--date", "2026-12-22", "--to", "2026-12-23T14:00"));
  list = december (f, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  g_assert_null (find_occ (list, s.series, "2026-12-22"));
  o = find_occ (list, s.series, "2026-12-23");
  g_assert_nonnull (o);
  assert_str (o, "start", "2026-12-23T14:00");
  assert_str (o, "end", "2026-12-23T15:30");
  assert_str (o, "moved_from", "2026-12-22");
  assert_str (o, "status", "scheduled");
  ids = staff_ids (o);
  g_assert_cmpstr (ids, ==, s.s1);
  assert_str (find_occ (list, s.series, "2026-12-15"), "status", "scheduled");
  assert_str (find_occ (list, s.single, "2026-12-03"), "status", "scheduled");
  occ_clear (&s);
}

/* Moved again, found by the date it has now: still moved from its own. */
static void
test_occurrence_move_again (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *o;
  OccSetup s;

  occ_setup (f, &s);
  g_free (cli_ok (f, "event", "move", "1", "--date", "2026-12-22", "--to", "2026-12-23T14:00"));
  g_free (cli_ok (f, "event", "move", "1", "--date", "2026-12-23", "--to", "2026-12-24T09:00"));
  list = december (f, &root);
  g_assert_null (find_occ (list, s.series, "2026-12-23"));
  o = find_occ (list, s.series, "2026-12-24");
  g_assert_nonnull (o);
  assert_str (o, "end", "2026-12-24T10:30");
  assert_str (o, "moved_from", "2026-12-22");
  occ_clear (&s);
}

/* One occurrence cancelled, with a reason; not twice. */
static void
test_occurrence_cancel_one (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *o;
  OccSetup s;

  occ_setup (f, &s);
  g_free (cli_ok (f, "event", "cancel", "1", "--date", "2026-12-01"));
  cli_refused (f, 2, "event", "cancel", "1", "--date", "2026-12-01", NULL);
  list = december (f, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  o = find_occ (list, s.series, "2026-12-01");
  assert_str (o, "status", "cancelled");
  g_assert_nonnull (member_string (o, "reason"));
  assert_str (find_occ (list, s.series, "2026-12-08"), "status", "scheduled");
  occ_clear (&s);
}

/* Whole events cancelled: every occurrence listed as cancelled, and none
 * raises a problem. */
static void
test_occurrence_cancel_events (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  OccSetup s;

  occ_setup (f, &s);
  g_free (cli_ok (f, "event", "cancel", "2"));
  g_free (cli_ok (f, "event", "cancel", "1"));
  list = december (f, &root);
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  for (guint i = 0; i < json_array_get_length (list); i++)
    assert_str (item (list, i), "status", "cancelled");
  g_clear_pointer (&root, json_node_unref);
  list = cli_json (f, &root, 0, "check", "--from", "2026-12-01", "--to", "2026-12-31", "--json",
                   NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);
  occ_clear (&s);
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/add/creates-private-file", test_add_creates_private_file);
  ADD ("/cli/add/ids-increase", test_add_ids_increase);
  ADD ("/cli/add/venue-listed", test_add_venue_listed);
  ADD ("/cli/add/room-listed", test_add_room_listed);
  ADD ("/cli/add/equipment-listed", test_add_equipment_listed);
  ADD ("/cli/add/program-listed", test_add_program_listed);
  ADD ("/cli/add/event-program-duration", test_add_event_program_duration);
  ADD ("/cli/add/event-flags-listed", test_add_event_flags_listed);
  ADD ("/cli/bad-input", test_bad_input);
  ADD ("/cli/refuse-files", test_refuse_files);
  ADD ("/cli/concurrent-writers", test_concurrent_writers);
  ADD ("/cli/race-same-room", test_race_same_room);
  ADD ("/cli/staff-list-json", test_staff_list_json);
  ADD ("/cli/event-list-json/fields", test_event_list_json_fields);
  ADD ("/cli/event-list-json/series", test_event_list_json_series);
  ADD ("/cli/event-list-json/one-date-staff", test_event_list_json_one_date_staff);
  ADD ("/cli/event-list-json/moved", test_event_list_json_moved);
  ADD ("/cli/event-list-json/titled", test_event_list_json_titled);
  ADD ("/cli/event-list-json/holiday", test_event_list_json_holiday);
  ADD ("/cli/holidays-json", test_holidays_json);
  ADD ("/cli/check-json", test_check_json);
  ADD ("/cli/suggest-json", test_suggest_json);
  ADD ("/cli/demo", test_demo);
  ADD ("/cli/occurrence/staff-one-date", test_occurrence_staff_one_date);
  ADD ("/cli/occurrence/staff-back", test_occurrence_staff_back);
  ADD ("/cli/occurrence/move", test_occurrence_move);
  ADD ("/cli/occurrence/move-again", test_occurrence_move_again);
  ADD ("/cli/occurrence/cancel-one", test_occurrence_cancel_one);
  ADD ("/cli/occurrence/cancel-events", test_occurrence_cancel_events);
#undef ADD

  return g_test_run ();
}
