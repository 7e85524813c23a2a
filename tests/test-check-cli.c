#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rk-store.h"
#include "rk-test-util.h"

/* check, suggest and staff schedule end to end through $RENKEI_CLI, on a
 * fresh database per case, with today pinned to 2026-06-01. Each problem
 * kind has a scenario that produces exactly that problem, and its fix
 * making `check` clean again (exit 1, then 0). June 2026 has no national
 * holiday, so nothing else creeps in. */

#define TODAY "2026-06-01"

typedef struct
{
  char   *dir;
  char   *db;
  gint64  hub_a, hub_b;
  gint64  hall_a, small_a, hall_b;
  gint64  nurse1, nurse2, midwife, hub1, hub2;
  gint64  scale;
  GPtrArray *strings;
} Fx;

/* ---- running the CLI ---------------------------------------------------- */

static int
run_va (Fx *fx, char **out, char **err, va_list ap)
{
  return rk_test_cli_va (fx->db, TODAY, out, err, ap);
}

/* Exit code; out and err (optional) get what it printed. */
static int
cli (Fx *fx, char **out, char **err, ...)
{
  va_list ap;
  int rc;

  va_start (ap, err);
  rc = run_va (fx, out, err, ap);
  va_end (ap);
  return rc;
}

/* Must succeed (exit 0) without a word on stderr; returns stdout stripped. */
static char *
cli_ok (Fx *fx, ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int rc;

  va_start (ap, fx);
  rc = run_va (fx, &out, &err, ap);
  va_end (ap);
  if (rc != 0)
    g_error ("renkei-cli exited %d: %s", rc, err);
  g_assert_cmpstr (err, ==, "");
  return g_strdup (g_strstrip (out));
}

/* An add command: the new id alone on stdout. */
static gint64
cli_id (Fx *fx, ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  char *end = NULL;
  gint64 id;
  int rc;

  va_start (ap, fx);
  rc = run_va (fx, &out, &err, ap);
  va_end (ap);
  if (rc != 0)
    g_error ("renkei-cli exited %d: %s", rc, err);
  g_strstrip (out);
  id = g_ascii_strtoll (out, &end, 10);
  g_assert_true (end != out && *end == '\0');
  g_assert_cmpint (id, >, 0);
  return id;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return node;
}

/* An id as an argument; the text lives as long as the case. */
static const char *
I (Fx *fx, gint64 id)
{
  char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_ptr_array_add (fx->strings, text);
  return text;
}

/* `check --json` over June and July; asserts the exit code agrees with
 * what it found (1 with problems, 0 without). */
static JsonNode *
check_json (Fx *fx)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonNode *root;
  int rc = cli (fx, &out, &err, "check", "--from", "2026-06-01", "--to", "2026-07-31", "--json",
                NULL);

  g_assert_cmpstr (err, ==, "");
  root = parse_json (out);
  g_assert_cmpint (rc, ==, json_array_get_length (json_node_get_array (root)) ? 1 : 0);
  return root;
}

static void
assert_clean (Fx *fx)
{
  g_autoptr(JsonNode) root = check_json (fx);
  g_autofree char *text = json_to_string (root, FALSE);

  g_assert_cmpstr (text, ==, "[]");
}

typedef struct
{
  const char *kind;
  const char *date;
  gint64      events[2];     /* 0: no second one */
  gint64      staff_id;      /* 0: must be absent */
  gint64      room_id;
  gint64      equipment_id;
  const char *role;          /* NULL: role, needed, assigned absent */
  int         needed, assigned;
  const char *message_part;  /* NULL: any */
} Expect;

static void
assert_problem (JsonObject *p, const Expect *x)
{
  JsonArray *ids = json_object_get_array_member (p, "event_ids");
  guint n_ids = x->events[1] ? 2 : 1;
  static const char * const id_fields[] = { "staff_id", "room_id", "equipment_id" };
  gint64 id_values[] = { x->staff_id, x->room_id, x->equipment_id };
  const char *message;

  g_assert_cmpstr (json_object_get_string_member (p, "kind"), ==, x->kind);
  g_assert_cmpstr (json_object_get_string_member (p, "date"), ==, x->date);
  g_assert_nonnull (ids);
  g_assert_cmpuint (json_array_get_length (ids), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (json_array_get_int_element (ids, i), ==, x->events[i]);
  for (guint i = 0; i < G_N_ELEMENTS (id_fields); i++)
    {
      if (id_values[i])
        g_assert_cmpint (json_object_get_int_member (p, id_fields[i]), ==, id_values[i]);
      else
        g_assert_false (json_object_has_member (p, id_fields[i]));
    }
  if (x->role)
    {
      g_assert_cmpstr (json_object_get_string_member (p, "role"), ==, x->role);
      g_assert_cmpint (json_object_get_int_member (p, "needed"), ==, x->needed);
      g_assert_cmpint (json_object_get_int_member (p, "assigned"), ==, x->assigned);
    }
  else
    {
      g_assert_false (json_object_has_member (p, "role"));
      g_assert_false (json_object_has_member (p, "needed"));
      g_assert_false (json_object_has_member (p, "assigned"));
    }
  message = json_object_get_string_member (p, "message");
  g_assert_nonnull (message);
  g_assert_cmpuint (strlen (message), >, 10);
  if (x->message_part)
    g_assert_nonnull (strstr (message, x->message_part));
}

/* Exactly this one problem, and exit 1. */
static void
assert_only (Fx *fx, const Expect *x)
{
  g_autoptr(JsonNode) root = check_json (fx);
  JsonArray *a = json_node_get_array (root);

  if (json_array_get_length (a) != 1)
    {
      g_autofree char *text = json_to_string (root, TRUE);
      g_error ("expected only %s, got %s", x->kind, text);
    }
  assert_problem (json_array_get_object_element (a, 0), x);
}

/* `event list --json` over [from, to] */
static JsonNode *
event_list (Fx *fx, const char *from, const char *to)
{
  g_autofree char *out = cli_ok (fx, "event", "list", "--from", from, "--to", to, "--json", NULL);

  return parse_json (out);
}

/* The listed occurrence of event_id on date (its day now), or NULL. */
static JsonObject *
listed (JsonNode *root, gint64 event_id, const char *date)
{
  JsonArray *a = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);

      if (json_object_get_int_member (o, "event_id") == event_id &&
          g_strcmp0 (json_object_get_string_member (o, "date"), date) == 0)
        return o;
    }
  return NULL;
}

static void
set_setting (Fx *fx, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_store_open (fx->db, &error);

  g_assert_no_error (error);
  g_assert_true (rk_store_begin (store, &error));
  g_assert_true (rk_store_set_setting (store, key, value, &error));
  g_assert_true (rk_store_commit (store, &error));
  g_assert_no_error (error);
}

/* ---- fixture ------------------------------------------------------------ */

/* The venues, rooms, people and equipment every case starts from, added
 * through the CLI once per program into a database of its own; each case
 * gets a copy of it (the same rows, the same ids). */
static Fx base;

static void
fx_base_teardown (void)
{
  if (base.dir == NULL)
    return;
  rk_test_rm_rf (base.dir);
  g_clear_pointer (&base.dir, g_free);
  g_clear_pointer (&base.db, g_free);
  g_clear_pointer (&base.strings, g_ptr_array_unref);
}

static void
fx_base_make (void)
{
  g_autoptr(GError) error = NULL;
  Fx *fx = &base;
  const char *a, *b;

  fx->strings = g_ptr_array_new_with_free_func (g_free);
  fx->dir = g_dir_make_tmp ("renkei-check-base-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = rk_test_backend_is_pg () ? rk_test_pg_database ()
                                    : g_build_filename (fx->dir, "renkei.db", NULL);

  fx->hub_a = cli_id (fx, "venue", "add", "--name", "Hub A", NULL);
  fx->hub_b = cli_id (fx, "venue", "add", "--name", "Hub B", NULL);
  a = I (fx, fx->hub_a);
  b = I (fx, fx->hub_b);
  fx->hall_a = cli_id (fx, "room", "add", "--venue", a, "--name", "Hall", "--capacity", "20", NULL);
  fx->small_a = cli_id (fx, "room", "add", "--venue", a, "--name", "Small", "--capacity", "6",
                        NULL);
  fx->hall_b = cli_id (fx, "room", "add", "--venue", b, "--name", "Hall", "--capacity", "20", NULL);
  fx->nurse1 = cli_id (fx, "staff", "add", "--name", "Sato Hanako", "--role",
                       "public_health_nurse", NULL);
  fx->nurse2 = cli_id (fx, "staff", "add", "--name", "Ito Yumi", "--role", "public_health_nurse",
                       NULL);
  fx->midwife = cli_id (fx, "staff", "add", "--name", "Kato Mai", "--role", "midwife", NULL);
  fx->hub1 = cli_id (fx, "staff", "add", "--name", "Mori Ken", "--role", "hub_staff", NULL);
  fx->hub2 = cli_id (fx, "staff", "add", "--name", "Abe Rie", "--role", "hub_staff", NULL);
  fx->scale = cli_id (fx, "equipment", "add", "--name", "Baby scale", NULL);
}

static void
fx_setup (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  if (base.db == NULL)
    fx_base_make ();
  *fx = base;
  fx->strings = g_ptr_array_new_with_free_func (g_free);
  fx->dir = g_dir_make_tmp ("renkei-check-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = rk_test_db_clone (base.db, fx->dir);
}

static void
fx_teardown (Fx *fx, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->db);
  g_free (fx->dir);
  g_ptr_array_unref (fx->strings);
}

/* A one-off event; room 0 for none. */
static gint64
add_event (Fx *fx, const char *title, const char *start, const char *end, gint64 room)
{
  const char *r = I (fx, room);

  if (room)
    return cli_id (fx, "event", "add", "--title", title, "--start", start, "--end", end,
                   "--room", r, NULL);
  return cli_id (fx, "event", "add", "--title", title, "--start", start, "--end", end, NULL);
}

static void
assign (Fx *fx, gint64 event_id, gint64 staff_id)
{
  const char *e = I (fx, event_id);
  const char *s = I (fx, staff_id);
  g_autofree char *out = cli_ok (fx, "assign", e, s, NULL);

  g_assert_cmpstr (out, ==, "");
}

static void
unassign (Fx *fx, gint64 event_id, gint64 staff_id)
{
  const char *e = I (fx, event_id);
  const char *s = I (fx, staff_id);
  g_autofree char *out = cli_ok (fx, "unassign", e, s, NULL);
}

/* ---- one scenario per kind ---------------------------------------------- */

static void
test_staff_double_booked (Fx *fx, gconstpointer data)
{
  gint64 e1 = add_event (fx, "Weigh-in", "2026-06-10T10:00", "2026-06-10T12:00", fx->hall_a);
  gint64 e2 = add_event (fx, "Twins circle", "2026-06-10T11:00", "2026-06-10T13:00", fx->hall_b);
  const char *s2 = I (fx, e2);
  const char *n1 = I (fx, fx->nurse1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_err = NULL;

  assert_clean (fx);
  assign (fx, e1, fx->nurse1);
  /* the double booking is written, with a warning */
  g_assert_cmpint (cli (fx, &out, &err, "assign", s2, n1, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (err, "2026-06-10"));
  g_assert_nonnull (strstr (err, "Sato Hanako"));
  assert_only (fx, &(Expect) { "staff_double_booked", "2026-06-10", { e1, e2 },
                               .staff_id = fx->nurse1, .message_part = "Sato Hanako" });
  /* the plain listing says the same, and exits 1 too */
  g_assert_cmpint (cli (fx, &text, &text_err, "check", "--from", "2026-06-01", "--to",
                        "2026-06-30", NULL), ==, 1);
  g_assert_nonnull (strstr (text, "2026-06-10\tstaff_double_booked\t"));
  /* outside the range asked for: clean */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&text_err, g_free);
  g_assert_cmpint (cli (fx, &text, &text_err, "check", "--from", "2026-06-11", "--to",
                        "2026-06-30", "--json", NULL), ==, 0);

  /* fix: someone else goes to the second one */
  unassign (fx, e2, fx->nurse1);
  assign (fx, e2, fx->nurse2);
  assert_clean (fx);
}

static void
test_travel_gap (Fx *fx, gconstpointer data)
{
  gint64 e1 = add_event (fx, "Weigh-in", "2026-06-10T10:00", "2026-06-10T12:00", fx->hall_a);
  gint64 e2 = add_event (fx, "At hub B", "2026-06-10T12:00", "2026-06-10T13:00", fx->hall_b);
  gint64 e3 = add_event (fx, "Next room", "2026-06-10T12:00", "2026-06-10T13:00", fx->small_a);
  const char *s2 = I (fx, e2);
  const char *n1 = I (fx, fx->nurse1);
  g_autofree char *err = NULL;
  Expect travel = { "staff_double_booked", "2026-06-10", { e1, e2 }, .staff_id = fx->nurse1,
                    .message_part = "30 minutes" };

  /* back to back in the same hub is fine */
  assign (fx, e1, fx->nurse2);
  assign (fx, e3, fx->nurse2);
  assert_clean (fx);
  /* to another hub the minute one ends is not */
  assign (fx, e1, fx->nurse1);
  g_assert_cmpint (cli (fx, NULL, &err, "assign", s2, n1, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning"));
  assert_only (fx, &travel);

  /* the gap is a setting */
  set_setting (fx, "travel_gap_minutes", "0");
  assert_clean (fx);
  set_setting (fx, "travel_gap_minutes", "30");
  assert_only (fx, &travel);

  /* fix: start the second one half an hour later (exactly the gap) */
  g_free (cli_ok (fx, "event", "move", s2, "--date", "2026-06-10", "--to", "2026-06-10T12:30",
                  NULL));
  assert_clean (fx);
  /* a longer gap makes it a problem again */
  set_setting (fx, "travel_gap_minutes", "45");
  travel.message_part = "45 minutes";
  assert_only (fx, &travel);
}

static void
test_staff_unavailable (Fx *fx, gconstpointer data)
{
  gint64 e1 = add_event (fx, "Weigh-in", "2026-06-10T10:00", "2026-06-10T12:00", fx->hall_a);
  const char *s1 = I (fx, e1);
  const char *n1 = I (fx, fx->nurse1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) suggested = NULL;
  JsonArray *a;

  g_free (cli_ok (fx, "staff", "unavailable", n1, "--from", "2026-06-10T09:00", "--to",
                  "2026-06-10T10:30", "--reason", "Dentist", NULL));
  /* an unavailability touching an event is no problem */
  g_free (cli_ok (fx, "staff", "unavailable", n1, "--from", "2026-06-10T12:00", "--to",
                  "2026-06-10T18:00", NULL));
  assert_clean (fx);
  g_assert_cmpint (cli (fx, &out, &err, "assign", s1, n1, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning"));
  assert_only (fx, &(Expect) { "staff_unavailable", "2026-06-10", { e1 },
                               .staff_id = fx->nurse1, .message_part = "Dentist" });

  /* suggest offers the other nurse only */
  g_clear_pointer (&out, g_free);
  out = cli_ok (fx, "suggest", s1, "--role", "public_health_nurse", "--json", NULL);
  suggested = parse_json (out);
  a = json_node_get_array (suggested);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "staff_id"),
                   ==, fx->nurse2);

  /* fix */
  unassign (fx, e1, fx->nurse1);
  assign (fx, e1, fx->nurse2);
  assert_clean (fx);
}

static void
test_room_double_booked (Fx *fx, gconstpointer data)
{
  gint64 e1 = add_event (fx, "Weigh-in", "2026-06-10T10:00", "2026-06-10T12:00", fx->hall_a);
  gint64 e2 = add_event (fx, "Lunch talk", "2026-06-10T11:30", "2026-06-10T13:00", fx->hall_a);
  const char *s2 = I (fx, e2);

  assert_only (fx, &(Expect) { "room_double_booked", "2026-06-10", { e1, e2 },
                               .room_id = fx->hall_a, .message_part = "Hall" });
  /* fix: after the first one, back to back in the same room */
  g_free (cli_ok (fx, "event", "move", s2, "--date", "2026-06-10", "--to", "2026-06-10T12:00",
                  NULL));
  assert_clean (fx);
}

static void
test_room_change (Fx *fx, gconstpointer data)
{
  gint64 e1 = add_event (fx, "Weigh-in", "2026-06-10T10:00", "2026-06-10T12:00", fx->hall_a);
  gint64 e2 = add_event (fx, "Lunch talk", "2026-06-10T11:30", "2026-06-10T13:00", fx->hall_a);
  const char *s2 = I (fx, e2);
  const char *small = I (fx, fx->small_a);

  assert_only (fx, &(Expect) { "room_double_booked", "2026-06-10", { e1, e2 },
                               .room_id = fx->hall_a });
  /* fix: another room of the same hub */
  g_free (cli_ok (fx, "event", "edit", s2, "--room", small, NULL));
  assert_clean (fx);
}

static void
test_equipment_double_booked (Fx *fx, gconstpointer data)
{
  const char *scale = I (fx, fx->scale);
  const char *ra = I (fx, fx->hall_a);
  const char *rb = I (fx, fx->hall_b);
  gint64 e1 = cli_id (fx, "event", "add", "--title", "Weigh-in", "--start", "2026-06-10T10:00",
                      "--end", "2026-06-10T12:00", "--room", ra, "--equipment", scale, NULL);
  gint64 e2 = cli_id (fx, "event", "add", "--title", "Twins circle", "--start",
                      "2026-06-10T11:00", "--end", "2026-06-10T12:00", "--room", rb,
                      "--equipment", scale, NULL);
  const char *s2 = I (fx, e2);

  assert_only (fx, &(Expect) { "equipment_double_booked", "2026-06-10", { e1, e2 },
                               .equipment_id = fx->scale, .message_part = "Baby scale" });
  /* fix: the second one after the scales are free */
  g_free (cli_ok (fx, "event", "move", s2, "--date", "2026-06-10", "--to", "2026-06-10T13:00",
                  NULL));
  assert_clean (fx);
}

static void
test_understaffed (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  gint64 program = cli_id (fx, "program", "add", "--name", "Parents' class", "--requires",
                           "public_health_nurse=1,hub_staff=2", "--duration", "120", NULL);
  const char *p = I (fx, program);
  gint64 e = cli_id (fx, "event", "add", "--program", p, "--start", "2026-06-14T10:00", "--room",
                     ra, NULL);
  const char *se = I (fx, e);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) suggested = NULL;
  g_autofree char *out = NULL;
  JsonArray *a;
  JsonObject *s;

  /* nobody yet: one problem per role */
  root = check_json (fx);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  assert_problem (json_array_get_object_element (a, 0),
                  &(Expect) { "understaffed", "2026-06-14", { e }, .role = "hub_staff",
                              .needed = 2, .assigned = 0, .message_part = "Parents' class" });
  assert_problem (json_array_get_object_element (a, 1),
                  &(Expect) { "understaffed", "2026-06-14", { e },
                              .role = "public_health_nurse", .needed = 1, .assigned = 0 });

  assign (fx, e, fx->nurse1);
  assign (fx, e, fx->hub1);
  assert_only (fx, &(Expect) { "understaffed", "2026-06-14", { e }, .role = "hub_staff",
                               .needed = 2, .assigned = 1 });

  /* suggest names the one free person of the missing role */
  out = cli_ok (fx, "suggest", se, "--json", NULL);
  suggested = parse_json (out);
  a = json_node_get_array (suggested);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  s = json_array_get_object_element (a, 0);
  g_assert_cmpint (json_object_get_int_member (s, "staff_id"), ==, fx->hub2);
  g_assert_cmpstr (json_object_get_string_member (s, "name"), ==, "Abe Rie");
  g_assert_cmpstr (json_object_get_string_member (s, "role"), ==, "hub_staff");
  g_assert_cmpint (json_object_get_int_member (s, "assignments_this_month"), ==, 0);

  /* fix: assign the missing role */
  assign (fx, e, fx->hub2);
  assert_clean (fx);
  /* someone of another role does not count */
  unassign (fx, e, fx->hub2);
  assign (fx, e, fx->midwife);
  assert_only (fx, &(Expect) { "understaffed", "2026-06-14", { e }, .role = "hub_staff",
                               .needed = 2, .assigned = 1 });
}

static void
test_over_capacity (Fx *fx, gconstpointer data)
{
  const char *small = I (fx, fx->small_a);
  const char *hall = I (fx, fx->hall_a);
  gint64 e = cli_id (fx, "event", "add", "--title", "Talk", "--start", "2026-06-10T10:00", "--end",
                     "2026-06-10T11:00", "--room", small, "--capacity", "12", NULL);
  const char *se = I (fx, e);

  assert_only (fx, &(Expect) { "over_capacity", "2026-06-10", { e }, .room_id = fx->small_a,
                               .message_part = "Small" });
  /* fix: a larger room */
  g_free (cli_ok (fx, "event", "edit", se, "--room", hall, NULL));
  assert_clean (fx);
}

static void
test_on_holiday (Fx *fx, gconstpointer data)
{
  gint64 e = add_event (fx, "Sea day walk", "2026-07-20T10:00", "2026-07-20T11:00", fx->hall_a);
  const char *se = I (fx, e);
  const char *ra = I (fx, fx->hall_a);

  /* with a decision made, a holiday is no problem */
  cli_id (fx, "event", "add", "--title", "Kept", "--start", "2026-07-20T13:00", "--end",
          "2026-07-20T14:00", "--room", ra, "--on-holiday", "keep", NULL);
  assert_only (fx, &(Expect) { "on_holiday", "2026-07-20", { e }, .message_part = "海の日" });
  /* fix: decide */
  g_free (cli_ok (fx, "event", "edit", se, "--on-holiday", "keep", NULL));
  assert_clean (fx);
}

static void
test_hub_closed (Fx *fx, gconstpointer data)
{
  gint64 e = add_event (fx, "Weigh-in", "2026-06-10T10:00", "2026-06-10T12:00", fx->hall_a);
  const char *se = I (fx, e);
  const char *a = I (fx, fx->hub_a);
  const char *rb = I (fx, fx->hall_b);

  assert_clean (fx);
  g_free (cli_ok (fx, "venue", "close", a, "--date", "2026-06-10", "--reason", "Inspection",
                  NULL));
  assert_only (fx, &(Expect) { "hub_closed", "2026-06-10", { e }, .message_part = "Inspection" });
  /* fix: a venue without that closing day */
  g_free (cli_ok (fx, "event", "edit", se, "--room", rb, NULL));
  assert_clean (fx);
}

static void
test_unconfirmed (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  gint64 soon = cli_id (fx, "event", "add", "--title", "Liaison meeting", "--start",
                        "2026-06-10T10:00", "--end", "2026-06-10T11:00", "--room", ra,
                        "--tentative", NULL);
  const char *s = I (fx, soon);
  gint64 edge = 0;
  const char *se;

  /* 15 days ahead: not yet a problem */
  cli_id (fx, "event", "add", "--title", "Later", "--start", "2026-06-16T10:00", "--end",
          "2026-06-16T11:00", "--room", ra, "--tentative", NULL);
  assert_only (fx, &(Expect) { "unconfirmed", "2026-06-10", { soon },
                               .message_part = "Liaison meeting" });
  /* fix */
  g_free (cli_ok (fx, "event", "confirm", s, NULL));
  assert_clean (fx);
  /* 14 days ahead is within */
  edge = cli_id (fx, "event", "add", "--title", "Edge", "--start", "2026-06-15T10:00", "--end",
                 "2026-06-15T11:00", "--room", ra, "--tentative", NULL);
  assert_only (fx, &(Expect) { "unconfirmed", "2026-06-15", { edge } });
  se = I (fx, edge);
  g_free (cli_ok (fx, "event", "confirm", se, NULL));
  assert_clean (fx);
}

/* ---- what is not a problem ---------------------------------------------- */

static void
test_cancelled_inactive_moved (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  const char *n1 = I (fx, fx->nurse1);
  /* Wednesdays 6/3, 6/10, 6/17, 6/24 */
  gint64 series = cli_id (fx, "event", "add", "--title", "Weekly", "--start", "2026-06-03T10:00",
                          "--end", "2026-06-03T12:00", "--room", ra, "--repeat",
                          "FREQ=WEEKLY;COUNT=4", NULL);
  const char *ss = I (fx, series);
  gint64 one, two, three;

  assign (fx, series, fx->nurse1);
  one = add_event (fx, "One", "2026-06-10T10:30", "2026-06-10T11:30", fx->hall_b);
  g_assert_cmpint (cli (fx, NULL, NULL, "assign", I (fx, one), n1, NULL), ==, 0);
  assert_only (fx, &(Expect) { "staff_double_booked", "2026-06-10", { series, one },
                               .staff_id = fx->nurse1 });
  /* the clashing occurrence is cancelled: nothing */
  g_free (cli_ok (fx, "event", "cancel", ss, "--date", "2026-06-10", NULL));
  assert_clean (fx);

  /* an inactive person is not anywhere */
  two = add_event (fx, "Two", "2026-06-17T10:30", "2026-06-17T11:30", fx->hall_b);
  g_assert_cmpint (cli (fx, NULL, NULL, "assign", I (fx, two), n1, NULL), ==, 0);
  assert_only (fx, &(Expect) { "staff_double_booked", "2026-06-17", { series, two },
                               .staff_id = fx->nurse1 });
  g_free (cli_ok (fx, "staff", "deactivate", n1, NULL));
  assert_clean (fx);
  g_free (cli_ok (fx, "staff", "activate", n1, NULL));
  assert_only (fx, &(Expect) { "staff_double_booked", "2026-06-17", { series, two },
                               .staff_id = fx->nurse1 });

  /* moved: checked where it is now, not where it was */
  g_free (cli_ok (fx, "event", "move", ss, "--date", "2026-06-17", "--to", "2026-06-18T14:00",
                  NULL));
  assert_clean (fx);
  three = add_event (fx, "Three", "2026-06-18T15:00", "2026-06-18T16:00", fx->hall_b);
  g_assert_cmpint (cli (fx, NULL, NULL, "assign", I (fx, three), n1, NULL), ==, 0);
  assert_only (fx, &(Expect) { "staff_double_booked", "2026-06-18", { series, three },
                               .staff_id = fx->nurse1 });
  /* and a cancelled event is nowhere at all */
  g_free (cli_ok (fx, "event", "cancel", I (fx, three), NULL));
  assert_clean (fx);
}

/* ---- exceptions and policies through the CLI ---------------------------- */

static void
test_exceptions_cli (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  const char *mw = I (fx, fx->midwife);
  /* Wednesdays 6/3 .. 7/1 */
  gint64 e = cli_id (fx, "event", "add", "--title", "Weigh-in", "--start", "2026-06-03T10:00",
                     "--end", "2026-06-03T11:30", "--room", ra, "--repeat",
                     "FREQ=WEEKLY;BYDAY=WE;COUNT=5", NULL);
  const char *se = I (fx, e);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;
  JsonObject *o;
  static const char * const plain[] = { "2026-06-03", "2026-06-24", "2026-07-01" };

  assign (fx, e, fx->nurse1);
  g_free (cli_ok (fx, "event", "cancel", se, "--date", "2026-06-10", NULL));
  g_free (cli_ok (fx, "event", "move", se, "--date", "2026-06-17", "--to", "2026-06-19T14:00",
                  NULL));
  g_free (cli_ok (fx, "assign", se, mw, "--date", "2026-06-24", NULL));

  root = event_list (fx, "2026-06-01", "2026-07-31");
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 5);

  o = listed (root, e, "2026-06-10");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "cancelled");
  g_assert_true (json_object_has_member (o, "reason"));

  o = listed (root, e, "2026-06-19");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "scheduled");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-06-19T14:00");
  /* the duration is kept */
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2026-06-19T15:30");
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2026-06-17");
  g_assert_nonnull (json_object_get_string_member (o, "reason"));
  g_assert_null (listed (root, e, "2026-06-17"));

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *start = g_strconcat (plain[i], "T10:00", NULL);
      g_autofree char *end = g_strconcat (plain[i], "T11:30", NULL);
      JsonArray *staff;

      o = listed (root, e, plain[i]);
      g_assert_nonnull (o);
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "scheduled");
      g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, start);
      g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, end);
      g_assert_false (json_object_has_member (o, "moved_from"));
      g_assert_false (json_object_has_member (o, "reason"));
      staff = json_object_get_array_member (o, "staff");
      /* the midwife on 6/24 only */
      g_assert_cmpuint (json_array_get_length (staff), ==, i == 1 ? 2 : 1);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (staff, 0),
                                                   "staff_id"), ==, fx->nurse1);
    }
  assert_clean (fx);
}

static void
test_policies_cli (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  const char *rb = I (fx, fx->hall_b);
  const char *b = I (fx, fx->hub_b);
  gint64 skip, next, prev, none, closed;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) problems = NULL;
  JsonObject *o;
  JsonArray *a;

  /* every Monday of July 2026; 7/20 is 海の日 */
  skip = cli_id (fx, "event", "add", "--title", "Skip", "--start", "2026-07-06T09:00", "--end",
                 "2026-07-06T09:30", "--room", ra, "--repeat", "FREQ=WEEKLY;COUNT=4",
                 "--skip-holidays", NULL);
  next = cli_id (fx, "event", "add", "--title", "Next", "--start", "2026-07-06T10:00", "--end",
                 "2026-07-06T10:30", "--room", ra, "--repeat", "FREQ=WEEKLY;COUNT=4",
                 "--on-holiday", "next-day", NULL);
  prev = cli_id (fx, "event", "add", "--title", "Previous", "--start", "2026-07-06T11:00", "--end",
                 "2026-07-06T11:30", "--room", ra, "--repeat", "FREQ=WEEKLY;COUNT=4",
                 "--on-holiday", "previous-day", NULL);
  /* Hub B is shut on Tuesdays: next-day from Monday 7/20 goes to Wednesday */
  g_free (cli_ok (fx, "venue", "close", b, "--weekday", "TU", "--reason", "Tuesdays", NULL));
  closed = cli_id (fx, "event", "add", "--title", "Closed", "--start", "2026-07-06T10:00", "--end",
                   "2026-07-06T10:30", "--room", rb, "--repeat", "FREQ=WEEKLY;COUNT=4",
                   "--on-holiday", "next-day", NULL);

  root = event_list (fx, "2026-07-01", "2026-07-31");
  o = listed (root, skip, "2026-07-20");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "skipped");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), "海の日"));

  g_assert_null (listed (root, next, "2026-07-20"));
  o = listed (root, next, "2026-07-21");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "scheduled");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-07-21T10:00");
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2026-07-20");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), "海の日"));

  o = listed (root, prev, "2026-07-19");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2026-07-20");

  o = listed (root, closed, "2026-07-22");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2026-07-20");
  o = listed (root, closed, "2026-07-13");
  g_assert_nonnull (o);
  g_assert_false (json_object_has_member (o, "moved_from"));

  /* every policy is a decision: nothing to check */
  assert_clean (fx);

  /* without one: on_holiday for the holiday occurrence only */
  none = cli_id (fx, "event", "add", "--title", "None", "--start", "2026-07-06T13:00", "--end",
                 "2026-07-06T13:30", "--room", ra, "--repeat", "FREQ=WEEKLY;COUNT=4", NULL);
  assert_only (fx, &(Expect) { "on_holiday", "2026-07-20", { none } });

  /* and a series on Hub B's Tuesdays without a policy: hub_closed each */
  cli_id (fx, "event", "add", "--title", "Tuesdays", "--start", "2026-07-07T10:00", "--end",
          "2026-07-07T10:30", "--room", rb, "--repeat", "FREQ=WEEKLY;COUNT=2", NULL);
  problems = check_json (fx);
  a = json_node_get_array (problems);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "kind"),
                   ==, "hub_closed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "date"),
                   ==, "2026-07-07");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "date"),
                   ==, "2026-07-14");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "kind"),
                   ==, "on_holiday");
}

static void
test_yearly_closing_cli (Fx *fx, gconstpointer data)
{
  const char *a = I (fx, fx->hub_a);
  const char *ra = I (fx, fx->hall_a);
  gint64 e;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  g_free (cli_ok (fx, "venue", "close", a, "--from", "12-29", "--to", "01-03", "--reason",
                  "New Year break", NULL));
  g_free (cli_ok (fx, "venue", "close", a, "--from", "2026-12-14", "--to", "2026-12-16", "--reason",
                  "Wax", NULL));
  /* Tuesdays 12/8 .. 1/5 */
  e = cli_id (fx, "event", "add", "--title", "Tuesday", "--start", "2026-12-08T10:00", "--end",
              "2026-12-08T11:00", "--room", ra, "--repeat", "FREQ=WEEKLY;COUNT=5",
              "--on-holiday", "next-day", NULL);
  root = event_list (fx, "2026-12-01", "2027-01-31");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 5);
  o = listed (root, e, "2026-12-17");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2026-12-15");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), "Wax"));
  o = listed (root, e, "2027-01-04");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "moved_from"), ==, "2026-12-29");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), "New Year break"));
  o = listed (root, e, "2027-01-05");
  g_assert_nonnull (o);
  g_assert_false (json_object_has_member (o, "moved_from"));
  g_assert_nonnull (listed (root, e, "2026-12-22"));
  g_assert_nonnull (listed (root, e, "2026-12-08"));
}

/* ---- suggest ------------------------------------------------------------ */

static void
test_suggest_cli (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  gint64 program = cli_id (fx, "program", "add", "--name", "Health consultation", "--requires",
                           "public_health_nurse=1,midwife=1", NULL);
  const char *p = I (fx, program);
  gint64 target = cli_id (fx, "event", "add", "--program", p, "--start", "2026-06-10T10:00",
                          "--end", "2026-06-10T12:00", "--room", ra, NULL);
  const char *st = I (fx, target);
  gint64 n3 = cli_id (fx, "staff", "add", "--name", "Ueda Aki", "--kana", "うえだ あき", "--role",
                      "public_health_nurse", NULL);
  gint64 n4 = cli_id (fx, "staff", "add", "--name", "Retired", "--role", "public_health_nurse",
                      NULL);
  gint64 n5 = cli_id (fx, "staff", "add", "--name", "Away", "--role", "public_health_nurse", NULL);
  gint64 n6 = cli_id (fx, "staff", "add", "--name", "Traveller", "--role", "public_health_nurse",
                      NULL);
  gint64 busy, weekly, early, july;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;

  /* nurse1 overlaps elsewhere */
  busy = add_event (fx, "Elsewhere", "2026-06-10T11:00", "2026-06-10T13:00", fx->hall_b);
  assign (fx, busy, fx->nurse1);
  /* nurse2 has two other Mondays this month, and one in July */
  weekly = cli_id (fx, "event", "add", "--title", "Mondays", "--start", "2026-06-01T10:00",
                   "--end", "2026-06-01T11:00", "--room", I (fx, fx->hall_b), "--repeat",
                   "FREQ=WEEKLY;COUNT=2", NULL);
  assign (fx, weekly, fx->nurse2);
  july = add_event (fx, "July", "2026-07-01T10:00", "2026-07-01T11:00", fx->hall_b);
  assign (fx, july, fx->nurse2);
  /* n3: nothing at all */
  g_free (cli_ok (fx, "staff", "deactivate", I (fx, n4), NULL));
  g_free (cli_ok (fx, "staff", "unavailable", I (fx, n5), "--from", "2026-06-10T11:59", "--to",
                  "2026-06-10T15:00", NULL));
  /* n6 ends at Hub B the minute the target starts at Hub A */
  early = add_event (fx, "Early", "2026-06-10T09:00", "2026-06-10T10:00", fx->hall_b);
  assign (fx, early, n6);

  out = cli_ok (fx, "suggest", st, "--date", "2026-06-10", "--json", NULL);
  root = parse_json (out);
  a = json_node_get_array (root);
  /* fewest first: Ueda (0), Kato the midwife (0), then Ito (2) */
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  {
    const struct { gint64 id; const char *name, *role; int n; } want[] = {
      { n3, "Ueda Aki", "public_health_nurse", 0 },
      { fx->midwife, "Kato Mai", "midwife", 0 },
      { fx->nurse2, "Ito Yumi", "public_health_nurse", 2 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        JsonObject *s = json_array_get_object_element (a, i);

        g_assert_cmpint (json_object_get_int_member (s, "staff_id"), ==, want[i].id);
        g_assert_cmpstr (json_object_get_string_member (s, "name"), ==, want[i].name);
        g_assert_cmpstr (json_object_get_string_member (s, "role"), ==, want[i].role);
        g_assert_cmpint (json_object_get_int_member (s, "assignments_this_month"), ==, want[i].n);
      }
  }
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* --role narrows it */
  out = cli_ok (fx, "suggest", st, "--role", "midwife", "--json", NULL);
  root = parse_json (out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "staff_id"),
                   ==, fx->midwife);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);

  /* once the midwife is on it, only nurses are asked for */
  assign (fx, target, fx->midwife);
  out = cli_ok (fx, "suggest", st, "--json", NULL);
  root = parse_json (out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "staff_id"),
                   ==, n3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 1), "staff_id"),
                   ==, fx->nurse2);
  g_clear_pointer (&out, g_free);

  /* bad input: exit 2, one line, nothing on stdout */
  g_assert_cmpint (cli (fx, &out, &err, "suggest", st, "--role", "doctor", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "doctor"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fx, &out, &err, "suggest", "999", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fx, &out, &err, "suggest", st, "--date", "2026-06-11", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "2026-06-11"));
}

/* An occurrence moved by hand to another month is found by its original
 * date as well as by its new one, and counted in its new month. */
static void
test_suggest_moved_far (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  gint64 e = cli_id (fx, "event", "add", "--title", "Thursdays", "--start", "2026-06-04T10:00",
                     "--end", "2026-06-04T11:00", "--room", ra, "--repeat",
                     "FREQ=WEEKLY;COUNT=3", NULL);
  const char *se = I (fx, e);
  gint64 sept = add_event (fx, "September", "2026-09-03T10:00", "2026-09-03T11:00", fx->hall_b);
  static const char * const dates[] = { "2026-06-04", "2026-09-10" };

  assign (fx, e, fx->nurse1);
  assign (fx, sept, fx->nurse2);
  g_free (cli_ok (fx, "event", "move", se, "--date", "2026-06-04", "--to", "2026-09-10T10:00",
                  NULL));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *out = cli_ok (fx, "suggest", se, "--date", dates[i], "--role",
                                     "public_health_nurse", "--json", NULL);
      g_autoptr(JsonNode) root = parse_json (out);
      JsonArray *a = json_node_get_array (root);
      JsonObject *s;

      g_assert_cmpuint (json_array_get_length (a), ==, 1);
      s = json_array_get_object_element (a, 0);
      g_assert_cmpint (json_object_get_int_member (s, "staff_id"), ==, fx->nurse2);
      /* September's job, not June's */
      g_assert_cmpint (json_object_get_int_member (s, "assignments_this_month"), ==, 1);
    }
  {
    g_autofree char *out = cli_ok (fx, "staff", "schedule", I (fx, fx->nurse1), "--month",
                                   "2026-09", "--json", NULL);
    g_autoptr(JsonNode) root = parse_json (out);
    JsonArray *a = json_node_get_array (root);

    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0),
                                                    "start"), ==, "2026-09-10T10:00");
  }
}

/* ---- staff schedule ----------------------------------------------------- */

static void
test_staff_schedule (Fx *fx, gconstpointer data)
{
  const char *ra = I (fx, fx->hall_a);
  const char *n1 = I (fx, fx->nurse1);
  /* Thursdays 6/4 .. 7/2 */
  gint64 series = cli_id (fx, "event", "add", "--title", "Thursdays", "--start",
                          "2026-06-04T13:00", "--end", "2026-06-04T15:00", "--room", ra,
                          "--repeat", "FREQ=WEEKLY;COUNT=5", NULL);
  const char *ss = I (fx, series);
  gint64 other = add_event (fx, "At B", "2026-06-20T10:00", "2026-06-20T11:00", fx->hall_b);
  gint64 not_mine = add_event (fx, "Not mine", "2026-06-21T10:00", "2026-06-21T11:00",
                               fx->hall_b);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *a;
  static const struct { const char *date, *start, *end, *title, *venue; } want[] = {
    { "2026-06-04", "2026-06-04T13:00", "2026-06-04T15:00", "Thursdays", "Hub A" },
    { "2026-06-12", "2026-06-12T09:00", "2026-06-12T11:00", "Thursdays", "Hub A" },
    { "2026-06-20", "2026-06-20T10:00", "2026-06-20T11:00", "At B", "Hub B" },
    { "2026-06-25", "2026-06-25T13:00", "2026-06-25T15:00", "Thursdays", "Hub A" },
  };

  assign (fx, series, fx->nurse1);
  assign (fx, other, fx->nurse1);
  assign (fx, not_mine, fx->nurse2);
  g_free (cli_ok (fx, "event", "cancel", ss, "--date", "2026-06-18", NULL));
  g_free (cli_ok (fx, "event", "move", ss, "--date", "2026-06-11", "--to", "2026-06-12T09:00",
                  NULL));

  out = cli_ok (fx, "staff", "schedule", n1, "--month", "2026-06", "--json", NULL);
  root = parse_json (out);
  a = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (a), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);

      g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, want[i].date);
      g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, want[i].start);
      g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, want[i].end);
      g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, want[i].title);
      g_assert_cmpstr (json_object_get_string_member (o, "venue"), ==, want[i].venue);
      g_assert_cmpstr (json_object_get_string_member (o, "room"), ==, "Hall");
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "scheduled");
      g_assert_cmpint (json_object_get_int_member (o, "event_id"), ==,
                       g_str_equal (want[i].title, "At B") ? other : series);
    }
  g_clear_pointer (&out, g_free);

  /* the plain form: one line per occurrence */
  out = cli_ok (fx, "staff", "schedule", n1, "--month", "2026-06", NULL);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (want));
    g_assert_true (g_str_has_prefix (lines[1], "2026-06-12\t09:00-11:00\t"));
  }
  g_clear_pointer (&out, g_free);

  /* July: the last Thursday only */
  out = cli_ok (fx, "staff", "schedule", n1, "--month", "2026-07", "--json", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (cli (fx, &out, &err, "staff", "schedule", n1, "--month", "2026-13", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fx, &out, &err, "staff", "schedule", "999", "--month", "2026-06", NULL),
                   ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fx, &out, &err, "staff", "schedule", n1, NULL), ==, 2);
}

int
main (int argc, char *argv[])
{
  int rc;

  rk_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fx, NULL, fx_setup, func, fx_teardown)
  ADD ("/check-cli/kind/staff-double-booked", test_staff_double_booked);
  ADD ("/check-cli/kind/travel-gap", test_travel_gap);
  ADD ("/check-cli/kind/staff-unavailable", test_staff_unavailable);
  ADD ("/check-cli/kind/room-double-booked", test_room_double_booked);
  ADD ("/check-cli/kind/room-change", test_room_change);
  ADD ("/check-cli/kind/equipment-double-booked", test_equipment_double_booked);
  ADD ("/check-cli/kind/understaffed", test_understaffed);
  ADD ("/check-cli/kind/over-capacity", test_over_capacity);
  ADD ("/check-cli/kind/on-holiday", test_on_holiday);
  ADD ("/check-cli/kind/hub-closed", test_hub_closed);
  ADD ("/check-cli/kind/unconfirmed", test_unconfirmed);
  ADD ("/check-cli/not-problems", test_cancelled_inactive_moved);
  ADD ("/check-cli/exceptions", test_exceptions_cli);
  ADD ("/check-cli/policies", test_policies_cli);
  ADD ("/check-cli/yearly-closing", test_yearly_closing_cli);
  ADD ("/check-cli/suggest", test_suggest_cli);
  ADD ("/check-cli/suggest-moved-far", test_suggest_moved_far);
  ADD ("/check-cli/staff-schedule", test_staff_schedule);
#undef ADD

  rc = g_test_run ();
  fx_base_teardown ();
  return rc;
}
