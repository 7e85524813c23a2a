#define G_LOG_DOMAIN "test-gui-attendance"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rk-application.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-store-attendance.h"
#include "rk-store.h"
#include "rk-test-util.h"

/* The desktop's attendance (実績) and staffing plan (人員配置案) over a
 * small hub made with renkei-cli (so the data does not come from the code
 * under test). "Today" is Friday 2026-12-04.
 *
 *   venue 1 きた子育てひろば: room 1 プレイルーム; venue 2 みなみ保健センター: room 2 集団指導室
 *   staff 1 佐藤 美咲 (public health nurse), 2 鈴木 花子 (hub staff), 3 田中 陽子 (hub staff)
 *   program 1 健康相談 (public_health_nurse=1, hub_staff=1-2)
 *   events:
 *     1 健康相談 (program 1) Tue 2026-12-01 10:00–12:00 room 1, 佐藤
 *     2 ひろば weekly on Wednesdays 10:00–12:00 room 1 from 2026-11-04, 8 times
 *       (cancelled on 2026-11-25)
 *     3 両親学級 Sat 2026-12-12 10:00–12:00 room 2 (not held yet)
 */
#define TODAY "2026-12-04"

typedef struct
{
  char      *db;
  RkStore   *store;
  RkContext *context;
  GtkWidget *window;
} Fixture;

static RkDay
day_of (const char *text)
{
  RkDay day = 0;

  g_assert_true (rk_date_parse (text, &day));
  return day;
}

static void
cli (const char *db, ...)
{
  va_list ap;
  g_autofree char *out = NULL, *err = NULL;
  int code;

  va_start (ap, db);
  code = rk_test_cli_va (db, TODAY, &out, &err, ap);
  va_end (ap);
  if (code != 0)
    g_error ("renkei-cli failed (%d): %s", code, err);
}

static char *template_db;

static void
make_template (void)
{
  g_autofree char *db = rk_test_file_db_path ();

  cli (db, "init", NULL);
  cli (db, "venue", "add", "--name", "きた子育てひろば", NULL);
  cli (db, "venue", "add", "--name", "みなみ保健センター", NULL);
  cli (db, "room", "add", "--venue", "1", "--name", "プレイルーム", "--capacity", "20", NULL);
  cli (db, "room", "add", "--venue", "2", "--name", "集団指導室", "--capacity", "40", NULL);
  cli (db, "staff", "add", "--name", "佐藤 美咲", "--kana", "さとう みさき", "--role",
       "public_health_nurse", NULL);
  cli (db, "staff", "add", "--name", "鈴木 花子", "--kana", "すずき はなこ", "--role", "hub_staff",
       NULL);
  cli (db, "staff", "add", "--name", "田中 陽子", "--kana", "たなか ようこ", "--role", "hub_staff",
       NULL);
  cli (db, "program", "add", "--name", "健康相談", "--requires",
       "public_health_nurse=1,hub_staff=1-2", "--duration", "120", NULL);
  cli (db, "event", "add", "--program", "1", "--start", "2026-12-01T10:00", "--end",
       "2026-12-01T12:00", "--room", "1", NULL);
  cli (db, "event", "add", "--title", "ひろば", "--start", "2026-11-04T10:00", "--end",
       "2026-11-04T12:00", "--room", "1", "--repeat", "FREQ=WEEKLY;BYDAY=WE;COUNT=8", NULL);
  cli (db, "event", "add", "--title", "両親学級", "--start", "2026-12-12T10:00", "--end",
       "2026-12-12T12:00", "--room", "2", NULL);
  cli (db, "assign", "1", "1", NULL);
  cli (db, "event", "cancel", "2", "--date", "2026-11-25", NULL);
  template_db = g_steal_pointer (&db);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  if (template_db == NULL)
    make_template ();
  f->db = rk_test_file_db_path ();
  g_assert_true (g_file_get_contents (template_db, &bytes, &len, &error));
  g_assert_true (g_file_set_contents (f->db, bytes, len, &error));

  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  f->store = rk_store_open (f->db, &error);
  g_assert_no_error (error);
  f->context = rk_context_new (f->store);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rk_test_pump (30);
  rk_context_shutdown (f->context);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  rk_test_rm_rf (f->db);
  g_free (f->db);
}

static void
type_in (GtkWidget *entry, const char *text)
{
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static RkEventEditor *
open_editor (Fixture *f, gint64 event_id, const char *date)
{
  g_autoptr(GError) error = NULL;
  RkEventEditor *editor = rk_event_editor_new (GTK_WINDOW (f->window), f->context);

  g_assert_true (rk_event_editor_load (editor, event_id, date ? day_of (date) : 0, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  rk_test_pump (50);
  return editor;
}

static GtkWidget *
field (RkEventEditor *editor, const char *name)
{
  g_autofree char *full = g_strconcat ("attendance:", name, NULL);
  GtkWidget *w = rk_event_editor_get_field (editor, full);

  g_assert_nonnull (w);
  return w;
}

static RkAttendance *
stored (Fixture *f, gint64 event_id, const char *date)
{
  g_autoptr(GError) error = NULL;
  RkAttendance *a = rk_store_get_attendance (f->store, event_id, day_of (date), &error);

  g_assert_no_error (error);
  return a;
}

/* ---- the editor's 「実績」 section -------------------------------------- */

static void
test_editor_section (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkEventEditor *editor = open_editor (f, 1, NULL);
  RkUndoStack *undo = rk_context_get_undo (f->context);
  g_autoptr(RkAttendance) a = NULL;

  g_assert_true (gtk_widget_get_visible (rk_event_editor_get_field (editor, "attendance")));
  g_assert_false (gtk_widget_get_sensitive (field (editor, "save")));

  /* More pregnant women than adults: said so, and nothing can be saved. */
  type_in (field (editor, "families"), "3");
  type_in (field (editor, "adults"), "4");
  type_in (field (editor, "children"), "5");
  type_in (field (editor, "pregnant"), "6");
  g_assert_true (gtk_widget_get_visible (field (editor, "error")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (field (editor, "error"))), "6"));
  g_assert_false (gtk_widget_get_sensitive (field (editor, "save")));
  g_assert_false (rk_event_editor_save (editor, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (stored (f, 1, "2026-12-01"));
  g_assert_false (rk_undo_stack_can_undo (undo));

  /* Not a number: named. */
  type_in (field (editor, "pregnant"), "1");
  type_in (field (editor, "residents"), "abc");
  g_assert_true (gtk_widget_get_visible (field (editor, "error")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (field (editor, "error"))),
                            rk_count_label (RK_COUNT_RESIDENTS)));
  g_assert_false (gtk_widget_get_sensitive (field (editor, "save")));
  /* Residents and non-residents above adults and children. */
  type_in (field (editor, "residents"), "8");
  type_in (field (editor, "nonresidents"), "2");
  g_assert_true (gtk_widget_get_visible (field (editor, "error")));
  g_assert_false (gtk_widget_get_sensitive (field (editor, "save")));

  /* Full-width digits, as a Japanese input method types them, are numbers. */
  type_in (field (editor, "residents"), "７");
  type_in (field (editor, "first_time"), " 2 ");
  type_in (field (editor, "consultation:0"), "2");
  type_in (field (editor, "consultation:4"), "1");
  type_in (field (editor, "notes"), "雨のため少なめ");
  g_assert_false (gtk_widget_get_visible (field (editor, "error")));
  g_assert_true (gtk_widget_get_sensitive (field (editor, "save")));
  g_signal_emit_by_name (field (editor, "save"), "clicked");
  rk_test_pump (20);

  a = stored (f, 1, "2026-12-01");
  g_assert_nonnull (a);
  g_assert_cmpint (a->counts[RK_COUNT_FAMILIES], ==, 3);
  g_assert_cmpint (a->counts[RK_COUNT_ADULTS], ==, 4);
  g_assert_cmpint (a->counts[RK_COUNT_CHILDREN], ==, 5);
  g_assert_cmpint (a->counts[RK_COUNT_PREGNANT], ==, 1);
  g_assert_cmpint (a->counts[RK_COUNT_RESIDENTS], ==, 7);
  g_assert_cmpint (a->counts[RK_COUNT_NONRESIDENTS], ==, 2);
  g_assert_cmpint (a->counts[RK_COUNT_FIRST_TIME], ==, 2);
  g_assert_cmpint (rk_attendance_consultation (a, "発育・発達"), ==, 2);
  g_assert_cmpint (rk_attendance_consultation (a, "育児不安"), ==, 1);
  g_assert_cmpint (rk_attendance_consultations_total (a), ==, 3);
  g_assert_cmpstr (a->notes, ==, "雨のため少なめ");
  /* One undo step, and the editor stays open for more. */
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, _("Record attendance"));
  g_assert_false (gtk_widget_get_sensitive (field (editor, "save")));

  /* A change saved with the editor's own Save: the same step. */
  type_in (field (editor, "children"), "6");
  g_assert_true (rk_event_editor_save (editor, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, rk_attendance_free);
  a = stored (f, 1, "2026-12-01");
  g_assert_cmpint (a->counts[RK_COUNT_CHILDREN], ==, 6);
  g_assert_cmpint (a->version, ==, 2);

  /* Undo twice: the record is gone again. */
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_clear_pointer (&a, rk_attendance_free);
  a = stored (f, 1, "2026-12-01");
  g_assert_cmpint (a->counts[RK_COUNT_CHILDREN], ==, 5);
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, rk_attendance_free);
  g_assert_null (stored (f, 1, "2026-12-01"));

  /* The CLI reads the record the desktop wrote back. */
  g_assert_true (rk_undo_stack_redo (undo, &error));
  {
    g_autofree char *out = rk_test_cli_ok (f->db, TODAY, "attendance", "list", "--from",
                                           "2026-12-01", "--to", "2026-12-01", "--json", NULL);
    g_autoptr(JsonNode) root = rk_test_json (out);
    JsonObject *o = json_array_get_object_element (json_node_get_array (root), 0);

    g_assert_true (json_object_get_boolean_member (o, "recorded"));
    g_assert_cmpint (json_object_get_int_member (o, "adults"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (o, "consultations"), "発育・発達"), ==, 2);
  }
}

static void
test_editor_section_when (Fixture *f, gconstpointer data)
{
  RkEventEditor *editor;
  GtkWidget *w;

  /* Not held yet: no section. */
  editor = open_editor (f, 3, NULL);
  g_assert_false (gtk_widget_get_visible (rk_event_editor_get_field (editor, "attendance")));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A past occurrence of a series: there; the whole series: not. */
  editor = open_editor (f, 2, "2026-11-18");
  w = rk_event_editor_get_field (editor, "attendance");
  g_assert_true (gtk_widget_get_visible (w));
  rk_event_editor_set_scope (editor, RK_SCOPE_ALL);
  g_assert_false (gtk_widget_get_visible (w));
  rk_event_editor_set_scope (editor, RK_SCOPE_THIS);
  g_assert_true (gtk_widget_get_visible (w));
  type_in (field (editor, "families"), "2");
  type_in (field (editor, "adults"), "2");
  type_in (field (editor, "children"), "2");
  g_signal_emit_by_name (field (editor, "save"), "clicked");
  {
    g_autoptr(RkAttendance) a = stored (f, 2, "2026-11-18");
    g_assert_nonnull (a);
    g_assert_cmpint (a->counts[RK_COUNT_FAMILIES], ==, 2);
  }
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The cancelled occurrence has none. */
  editor = open_editor (f, 2, "2026-11-25");
  g_assert_false (gtk_widget_get_visible (rk_event_editor_get_field (editor, "attendance")));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
fatal_filter (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
  return !(message && strstr (message, "session bus"));
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RK_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  rk_test_init (&argc, &argv);
  g_test_log_set_fatal_handler (fatal_filter, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
  rk_gui_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui-attendance/editor/record", test_editor_section);
  ADD ("/gui-attendance/editor/which-occurrences", test_editor_section_when);
#undef ADD
  return g_test_run ();
}
