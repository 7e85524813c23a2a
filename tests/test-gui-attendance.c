#define G_LOG_DOMAIN "test-gui-attendance"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rk-annual-report.h"
#include "rk-annual-view.h"
#include "rk-application.h"
#include "rk-attendance-week.h"
#include "rk-availability-editor.h"
#include "rk-availability.h"
#include "rk-staff-page.h"
#include "rk-staff-plan-dialog.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-store-attendance.h"
#include "rk-store.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"
#include "rk-results-page.h"
#include "rk-window.h"

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

  g_assert_true (rk_test_editor_load (editor, event_id, date ? day_of (date) : 0, &error));
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
  g_assert_false (rk_test_editor_save (editor, &error));
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
  /* Saved by the worker: the button shows it is under way meanwhile. */
  g_assert_false (gtk_widget_get_sensitive (field (editor, "save")));
  rk_test_wait_saved (field (editor, "save"));

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
  g_assert_true (rk_test_editor_save (editor, &error));
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
  rk_test_wait_editor (editor);     /* the record is read by the worker */
  g_assert_true (gtk_widget_get_visible (w));
  type_in (field (editor, "families"), "2");
  type_in (field (editor, "adults"), "2");
  type_in (field (editor, "children"), "2");
  g_signal_emit_by_name (field (editor, "save"), "clicked");
  rk_test_wait_saved (field (editor, "save"));
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

/* ---- the week's table --------------------------------------------------- */

static gboolean
week_saved (gpointer week)
{
  return !rk_attendance_week_get_saving (week);
}

static gboolean
week_filled (gpointer week)
{
  return !rk_attendance_week_is_loading (week);
}

/* An entry's focus is on the text inside it. */
static gboolean
has_focus (GtkWidget *widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static gboolean
second_row_empty (gpointer week)
{
  return !rk_attendance_week_is_loading (week) && rk_attendance_week_get_n_rows (week) == 2 &&
         *gtk_editable_get_text (GTK_EDITABLE (rk_attendance_week_get_field (week, 1,
                                                                             "families"))) == 0;
}

static RkAttendanceWeek *
make_week (Fixture *f, const char *day)
{
  RkAttendanceWeek *week = g_object_new (RK_TYPE_ATTENDANCE_WEEK, "context", f->context, NULL);

  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (week));
  gtk_window_present (GTK_WINDOW (f->window));
  rk_attendance_week_set_day (week, day_of (day));
  g_assert_true (rk_test_wait_for (week_filled, week, 20));
  rk_test_pump (30);
  return week;
}

static void
test_week_table (Fixture *f, gconstpointer data)
{
  RkAttendanceWeek *week = make_week (f, "2026-12-01");
  RkUndoStack *undo = rk_context_get_undo (f->context);
  g_autoptr(GError) error = NULL;
  gint64 id;
  RkDay date;

  /* Sunday 29 November to Saturday 5 December: the consultation of the
   * 1st and the ひろば of the 2nd have started; the 両親学級 is later. */
  g_assert_cmpint (rk_attendance_week_get_first (week), ==, day_of ("2026-11-29"));
  g_assert_cmpuint (rk_attendance_week_get_n_rows (week), ==, 2);
  rk_attendance_week_get_row (week, 0, &id, &date);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpint (date, ==, day_of ("2026-12-01"));
  rk_attendance_week_get_row (week, 1, &id, &date);
  g_assert_cmpint (id, ==, 2);
  g_assert_cmpint (date, ==, day_of ("2026-12-02"));

  /* Typed into the first row; the focus goes on to the second row: the
   * first is saved, in one step. */
  gtk_widget_grab_focus (rk_attendance_week_get_field (week, 0, "families"));
  type_in (rk_attendance_week_get_field (week, 0, "families"), "4");
  type_in (rk_attendance_week_get_field (week, 0, "adults"), "5");
  type_in (rk_attendance_week_get_field (week, 0, "children"), "６");
  type_in (rk_attendance_week_get_field (week, 0, "consultation:1"), "3");
  g_assert_null (stored (f, 1, "2026-12-01"));
  gtk_widget_grab_focus (rk_attendance_week_get_field (week, 1, "families"));
  g_assert_true (rk_test_wait_for (week_saved, week, 60));
  {
    g_autoptr(RkAttendance) a = stored (f, 1, "2026-12-01");
    g_assert_nonnull (a);
    g_assert_cmpint (a->counts[RK_COUNT_FAMILIES], ==, 4);
    g_assert_cmpint (a->counts[RK_COUNT_ADULTS], ==, 5);
    g_assert_cmpint (a->counts[RK_COUNT_CHILDREN], ==, 6);
    g_assert_cmpint (rk_attendance_consultation (a, "栄養・離乳食"), ==, 3);
  }
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, _("Record attendance"));
  /* The table was not rebuilt under the person's hands. */
  g_assert_true (has_focus (rk_attendance_week_get_field (week, 1, "families")));

  /* Another change arrives while the second row is being typed in: what
   * is typed stays, unsaved, and the focus with it. */
  type_in (rk_attendance_week_get_field (week, 1, "families"), "1");
  rk_context_changed (f->context, TRUE);
  rk_test_pump (50);
  g_assert_true (rk_test_wait_for (week_filled, week, 20));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     rk_attendance_week_get_field (week, 1, "families"))), ==, "1");
  g_assert_true (has_focus (rk_attendance_week_get_field (week, 1, "families")));
  g_assert_null (stored (f, 2, "2026-12-02"));

  /* The second row with Enter: its own step. */
  type_in (rk_attendance_week_get_field (week, 1, "families"), "1");
  type_in (rk_attendance_week_get_field (week, 1, "adults"), "1");
  type_in (rk_attendance_week_get_field (week, 1, "children"), "1");
  g_signal_emit_by_name (rk_attendance_week_get_field (week, 1, "children"), "activate");
  g_assert_true (rk_test_wait_for (week_saved, week, 60));
  g_assert_nonnull (stored (f, 2, "2026-12-02"));
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_null (stored (f, 2, "2026-12-02"));
  {
    g_autoptr(RkAttendance) a = stored (f, 1, "2026-12-01");
    g_assert_nonnull (a);
  }
  /* The undo shows in the table (once the read it starts is back). */
  g_assert_true (rk_test_wait_for (second_row_empty, week, 20));

  /* A bad row says why and saves nothing. */
  type_in (rk_attendance_week_get_field (week, 0, "pregnant"), "9");
  g_assert_true (gtk_widget_has_css_class (rk_attendance_week_get_field (week, 0, "status"),
                                           "error"));
  g_assert_false (rk_attendance_week_save_row (week, 0));
  {
    g_autoptr(RkAttendance) a = stored (f, 1, "2026-12-01");
    g_assert_cmpint (a->counts[RK_COUNT_PREGNANT], ==, 0);
    g_assert_cmpint (a->version, ==, 1);
  }
  type_in (rk_attendance_week_get_field (week, 0, "pregnant"), "2");
  g_assert_true (rk_attendance_week_save_row (week, 0));
  g_assert_true (rk_test_wait_for (week_saved, week, 60));
  {
    g_autoptr(RkAttendance) a = stored (f, 1, "2026-12-01");
    g_assert_cmpint (a->counts[RK_COUNT_PREGNANT], ==, 2);
  }

  /* The week before: the ひろば of 25 November was cancelled, so nothing. */
  rk_attendance_week_set_day (week, day_of ("2026-11-25"));
  g_assert_true (rk_test_wait_for (week_filled, week, 20));
  g_assert_cmpuint (rk_attendance_week_get_n_rows (week), ==, 0);
  /* And the one before holds the ひろば of the 18th. */
  rk_attendance_week_set_day (week, day_of ("2026-11-18"));
  g_assert_true (rk_test_wait_for (week_filled, week, 20));
  g_assert_cmpuint (rk_attendance_week_get_n_rows (week), ==, 1);
}

/* ---- 「実績報告」 ---------------------------------------------------------- */

static gboolean
report_filled (gpointer view)
{
  return !rk_annual_view_is_loading (view) && rk_annual_view_get_annual (view) != NULL;
}

static char *
run_python (const char *script, const char *path)
{
  /* Debian's python, where python3-openpyxl is. */
  const char *py = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                     ? "/usr/bin/python3" : "python3";
  const char *argv[] = { py, "-c", script, path, NULL };

  return rk_test_tool (argv);
}

static void
test_annual_report (Fixture *f, gconstpointer data)
{
  g_autofree char *list = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rows;
  gint64 families = 0, children = 0;
  int held = 0, recorded = 0;
  RkAnnualView *view;
  const RkAnnual *a;
  g_autofree char *dir = g_dir_make_tmp ("renkei-annual-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "実績報告.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "実績報告.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "実績報告.csv", NULL);
  g_autoptr(GError) error = NULL;

  cli (f->db, "attendance", "set", "1", "--families", "3", "--adults", "4", "--children", "5",
       "--consultations", "発育・発達=2", NULL);
  cli (f->db, "attendance", "set", "2", "--date", "2026-11-18", "--families", "2", "--adults",
       "2", "--children", "3", NULL);

  view = g_object_new (RK_TYPE_ANNUAL_VIEW, "context", f->context, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (rk_test_wait_for (report_filled, view, 20));
  g_assert_cmpint (rk_annual_view_get_fiscal_year (view), ==, 2026);
  a = rk_annual_view_get_annual (view);

  /* The same figures as an independent sum over the CLI's list. */
  list = rk_test_cli_ok (f->db, TODAY, "attendance", "list", "--from", "2026-04-01", "--to",
                         TODAY, "--json", NULL);
  root = rk_test_json (list);
  rows = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);

      held++;
      if (!json_object_get_boolean_member (o, "recorded"))
        continue;
      recorded++;
      families += json_object_get_int_member (o, "families");
      children += json_object_get_int_member (o, "children");
    }
  /* ひろば on 4, 11, 18 November and 2 December, the consultation of 1 December */
  g_assert_cmpint (held, ==, 5);
  g_assert_cmpint (recorded, ==, 2);
  g_assert_cmpint (a->total.held, ==, held);
  g_assert_cmpint (a->total.recorded, ==, recorded);
  g_assert_cmpint (a->total.missing, ==, held - recorded);
  g_assert_cmpint (a->total.counts[RK_COUNT_FAMILIES], ==, families);
  g_assert_cmpint (a->total.counts[RK_COUNT_CHILDREN], ==, children);
  /* What is missing is said above the report. */
  {
    g_autofree char *n = g_strdup_printf ("%d", a->total.missing);
    const char *summary = gtk_label_get_text (GTK_LABEL (rk_annual_view_get_field (view,
                                                                                  "summary")));
    g_assert_nonnull (strstr (summary, n));
  }
  g_assert_cmpint (rk_annual_n_pages (a), >=, 2);
  rk_annual_view_set_page (view, 1);
  g_assert_cmpint (rk_annual_view_get_page (view), ==, 1);

  /* Exports read back. */
  g_assert_true (rk_annual_view_write (view, "xlsx", xlsx, &error));
  g_assert_no_error (error);
  {
    g_autofree char *out = run_python (
      "import openpyxl, sys\n"
      "wb = openpyxl.load_workbook(sys.argv[1], data_only=True)\n"
      "print('|'.join(ws.title for ws in wb.worksheets))\n"
      "for ws in wb.worksheets:\n"
      "    for r in ws.iter_rows(values_only=True):\n"
      "        if len(r) > 1 and r[1] == '組数':\n"
      "            print(ws.title, [c for c in r if isinstance(c, int)])\n", xlsx);
    g_autofree char *total = g_strdup_printf (", %" G_GINT64_FORMAT "]", families);

    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "きた子育てひろば"));
    /* The families of the year, summed in the workbook, as in the list. */
    g_assert_nonnull (strstr (out, total));
  }
  g_assert_true (rk_annual_view_write (view, "pdf", pdf, &error));
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    g_autofree char *text = rk_test_tool (argv);
    g_autofree char *squeezed = rk_test_squeeze (text);

    g_assert_nonnull (strstr (squeezed, "きた子育てひろば"));
    g_assert_nonnull (strstr (squeezed, "利用実績報告書"));
  }
  g_assert_true (rk_annual_view_write (view, "csv", csv, &error));
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "きた子育てひろば"));
  }

  /* One venue: the report is about it alone. */
  rk_annual_view_set_venue (view, 2);
  g_assert_true (rk_test_wait_for (report_filled, view, 20));
  a = rk_annual_view_get_annual (view);
  g_assert_cmpuint (a->venues->len, ==, 1);
  g_assert_cmpint (((RkAnnualVenue *) a->venues->pdata[0])->venue_id, ==, 2);
  g_assert_cmpint (a->total.held, ==, 0);

  /* A record entered elsewhere shows on the next read. */
  rk_annual_view_set_venue (view, 0);
  g_assert_true (rk_test_wait_for (report_filled, view, 20));
  cli (f->db, "attendance", "set", "2", "--date", "2026-11-04", "--families", "7", "--adults",
       "7", "--children", "7", NULL);
  rk_context_changed (f->context, TRUE);
  rk_test_pump (50);
  g_assert_true (rk_test_wait_for (report_filled, view, 20));
  a = rk_annual_view_get_annual (view);
  g_assert_cmpint (a->total.counts[RK_COUNT_FAMILIES], ==, families + 7);
  rk_test_rm_rf (dir);
}

/* ---- the working pattern on the Staff page ------------------------------ */

static gboolean
has_problem (Fixture *f, const char *kind, gint64 staff_id)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  rk_test_cli (f->db, TODAY, &out, &err, "check", "--from", "2026-12-01", "--to", "2026-12-31",
               "--json", NULL);
  root = rk_test_json (out);
  list = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (p, "kind"), kind) == 0 &&
          json_object_has_member (p, "staff_id") &&
          json_object_get_int_member (p, "staff_id") == staff_id)
        return TRUE;
    }
  return FALSE;
}

static void
test_staff_availability (Fixture *f, gconstpointer data)
{
  RkStaffPage *page = g_object_new (RK_TYPE_STAFF_PAGE, "context", f->context, NULL);
  RkAvailabilityEditor *ed;
  RkUndoStack *undo = rk_context_get_undo (f->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(RkAvailability) a = NULL;

  /* 鈴木 works the consultation of Tuesday 1 December, 10:00–12:00. */
  cli (f->db, "assign", "1", "2", NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (f->window));
  rk_test_pump (50);
  g_assert_true (rk_test_select_staff (page, 2));
  ed = RK_AVAILABILITY_EDITOR (rk_staff_page_get_field (page, "availability"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (rk_availability_editor_get_field (ed,
                                                                                      "pattern"))));
  gtk_switch_set_active (GTK_SWITCH (rk_availability_editor_get_field (ed, "pattern")), TRUE);
  /* Nothing given yet: said so, and no save. */
  g_assert_true (gtk_widget_get_visible (rk_availability_editor_get_field (ed, "error")));
  g_assert_false (gtk_widget_get_sensitive (rk_availability_editor_get_field (ed, "save")));

  /* Tuesday and Thursday mornings, typed with a Japanese input method. */
  type_in (rk_availability_editor_get_field (ed, "day:2"), "９：００〜１２：００");
  type_in (rk_availability_editor_get_field (ed, "day:4"), "09:00-12:00");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rk_availability_editor_get_field (ed, "hours_week")),
                             16);
  g_assert_false (gtk_widget_get_visible (rk_availability_editor_get_field (ed, "error")));
  /* Unreadable and overlapping hours: said, nothing saved. */
  type_in (rk_availability_editor_get_field (ed, "day:5"), "9-12");
  g_assert_true (gtk_widget_get_visible (rk_availability_editor_get_field (ed, "error")));
  g_assert_false (rk_availability_editor_save (ed, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  type_in (rk_availability_editor_get_field (ed, "day:5"), "09:00-12:00, 11:00-13:00");
  g_assert_false (rk_availability_editor_save (ed, &error));
  g_clear_error (&error);
  a = rk_store_get_availability (f->store, 2, &error);
  g_assert_cmpuint (a->windows->len, ==, 0);
  g_clear_pointer (&a, rk_availability_free);
  g_assert_false (rk_undo_stack_can_undo (undo));

  type_in (rk_availability_editor_get_field (ed, "day:5"), "");
  g_assert_true (gtk_widget_get_sensitive (rk_availability_editor_get_field (ed, "save")));
  g_signal_emit_by_name (rk_availability_editor_get_field (ed, "save"), "clicked");
  rk_test_wait_saved (rk_availability_editor_get_field (ed, "save"));
  a = rk_store_get_availability (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->windows->len, ==, 2);
  g_assert_cmpint (g_array_index (a->windows, RkSWindow, 0).weekday, ==, 2);
  g_assert_cmpint (g_array_index (a->windows, RkSWindow, 0).start, ==, 9 * 60);
  g_assert_cmpint (g_array_index (a->windows, RkSWindow, 0).end, ==, 12 * 60);
  g_assert_cmpint (g_array_index (a->windows, RkSWindow, 1).weekday, ==, 4);
  g_assert_cmpint (a->max_week_minutes, ==, 16 * 60);
  g_assert_cmpint (a->max_sessions_month, ==, 0);
  g_clear_pointer (&a, rk_availability_free);
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, _("Edit working pattern"));
  g_assert_false (has_problem (f, "staff_outside_availability", 2));

  /* Wednesdays only: the Tuesday consultation is outside it, a problem. */
  type_in (rk_availability_editor_get_field (ed, "day:2"), "");
  type_in (rk_availability_editor_get_field (ed, "day:4"), "");
  type_in (rk_availability_editor_get_field (ed, "day:3"), "13:00-17:00");
  g_assert_true (rk_availability_editor_save (ed, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_availability_editor_get_field (ed, "save"));
  g_assert_true (has_problem (f, "staff_outside_availability", 2));

  /* Undo twice: any time again, no problem. */
  if (!rk_undo_stack_undo (undo, &error))
    g_error ("undo: %s", error->message);
  if (!rk_undo_stack_undo (undo, &error))
    g_error ("undo 2: %s", error->message);
  g_assert_no_error (error);
  a = rk_store_get_availability (f->store, 2, &error);
  g_assert_cmpuint (a->windows->len, ==, 0);
  g_assert_cmpint (a->max_week_minutes, ==, 0);
  g_assert_false (has_problem (f, "staff_outside_availability", 2));
}

/* ---- 「人員配置案」 ----------------------------------------------------------- */

static gboolean
plan_made (gpointer dialog)
{
  return !rk_staff_plan_dialog_is_loading (dialog) && rk_staff_plan_dialog_get_plan (dialog);
}

/* People on event_id's occurrence of day (not taken off it), and of them
 * the tentative ones. */
static guint
people_on (Fixture *f, gint64 event_id, const char *day, guint *tentative)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) s = rk_store_load_schedule (f->store, day_of (day), day_of (day), &error);
  RkSEvent *e = rk_schedule_event (s, event_id);
  guint n = 0;

  *tentative = 0;
  for (guint i = 0; e && i < e->assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (e->assigns, RkSAssign, i);

      if (a->excluded)
        continue;
      n++;
      *tentative += a->tentative ? 1 : 0;
    }
  return n;
}

static void
test_staff_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cli_plan = NULL;
  g_autoptr(JsonNode) root = NULL;
  RkUndoStack *undo = rk_context_get_undo (f->context);
  RkStaffPlanDialog *dialog;
  const RkPlan *plan;
  guint tentative, wish = G_MAXUINT;
  int nurse_gaps = 0;

  /* Two consultations at once on Wednesday 16 December, at each venue:
   * one nurse for both, so one stays open; hub staff for each. */
  cli (f->db, "event", "add", "--program", "1", "--start", "2026-12-16T10:00", "--end",
       "2026-12-16T12:00", "--room", "1", NULL);                                   /* 4 */
  cli (f->db, "event", "add", "--program", "1", "--start", "2026-12-16T10:00", "--end",
       "2026-12-16T12:00", "--room", "2", NULL);                                   /* 5 */
  cli_plan = rk_test_cli_ok (f->db, TODAY, "staff", "plan", "--from", "2026-12-01", "--to",
                             "2026-12-31", "--json", NULL);
  root = rk_test_json (cli_plan);

  dialog = rk_staff_plan_dialog_new (GTK_WINDOW (f->window), f->context, 2026, 12);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rk_test_wait_for (plan_made, dialog, 20));
  plan = rk_staff_plan_dialog_get_plan (dialog);
  /* The same plan as renkei-cli's. */
  g_assert_cmpuint (plan->proposed->len, ==,
                    json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "proposed")));
  g_assert_cmpint (plan->filled, ==,
                   json_object_get_int_member (json_node_get_object (root), "filled"));
  g_assert_cmpuint (plan->proposed->len, >=, 3);
  for (guint i = 0; i < plan->unfilled->len; i++)
    if (g_array_index (plan->unfilled, RkPlanGap, i).role == RK_ROLE_PUBLIC_HEALTH_NURSE)
      nurse_gaps++;
  g_assert_cmpint (nurse_gaps, ==, 1);
  g_assert_true (gtk_widget_get_visible (rk_staff_plan_dialog_get_field (dialog, "unfilled")));

  /* The month grid marks the proposed names. */
  {
    g_autofree char *text = rk_staff_plan_dialog_day_text (dialog, day_of ("2026-12-16"));
    g_assert_nonnull (strstr (text, "+佐藤 美咲"));
    g_assert_nonnull (strstr (text, "鈴木 花子"));
  }
  /* Nothing written yet. */
  g_assert_cmpuint (people_on (f, 4, "2026-12-16", &tentative), ==, 0);
  g_assert_cmpuint (people_on (f, 5, "2026-12-16", &tentative), ==, 0);

  /* Take out one proposal: its mark goes from the grid. */
  for (guint i = 0; i < plan->proposed->len; i++)
    if (g_array_index (plan->proposed, RkPlanItem, i).wish)
      wish = i;
  g_assert_cmpuint (wish, !=, G_MAXUINT);
  {
    const RkPlanItem *it = &g_array_index (plan->proposed, RkPlanItem, wish);
    g_autofree char *day = rk_date_format (it->date);
    g_autofree char *before = rk_staff_plan_dialog_day_text (dialog, it->date);
    g_autofree char *after = NULL;
    gint64 taken_out = it->staff_id, event = it->event_id;
    guint n_before = people_on (f, event, day, &tentative);

    rk_staff_plan_dialog_set_chosen (dialog, wish, FALSE);
    g_assert_false (rk_staff_plan_dialog_get_chosen (dialog, wish));
    after = rk_staff_plan_dialog_day_text (dialog, it->date);
    g_assert_cmpuint (strlen (after), <, strlen (before));

    /* Applied as tentative, in one step. */
    gtk_switch_set_active (GTK_SWITCH (rk_staff_plan_dialog_get_field (dialog, "tentative")), TRUE);
    g_object_ref (dialog);
    g_assert_true (rk_staff_plan_dialog_apply (dialog, &error));
    g_assert_no_error (error);
    /* In the worker: Apply can't be pressed again meanwhile. */
    g_assert_false (gtk_widget_get_sensitive (rk_staff_plan_dialog_get_field (dialog, "apply")));
    rk_test_wait_saved (rk_staff_plan_dialog_get_field (dialog, "apply"));
    g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, _("Staffing plan"));
    {
      g_autoptr(RkSchedule) s = rk_store_load_schedule (f->store, it->date, it->date, &error);
      RkSEvent *e = rk_schedule_event (s, event);
      gboolean found = FALSE;

      for (guint i = 0; i < e->assigns->len; i++)
        if (g_array_index (e->assigns, RkSAssign, i).staff_id == taken_out &&
            !g_array_index (e->assigns, RkSAssign, i).excluded)
          found = TRUE;
      /* The one taken out was not assigned. */
      g_assert_false (found);
    }
    g_assert_cmpuint (people_on (f, 4, "2026-12-16", &tentative), >=, 1);
    g_assert_cmpuint (tentative, >=, 1);
    g_assert_cmpuint (people_on (f, 5, "2026-12-16", &tentative), >=, 1);

    /* One undo takes the whole plan back. */
    g_assert_true (rk_undo_stack_undo (undo, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (people_on (f, 4, "2026-12-16", &tentative), ==, 0);
    g_assert_cmpuint (people_on (f, 5, "2026-12-16", &tentative), ==, 0);
    g_assert_cmpuint (people_on (f, event, day, &tentative), ==, n_before);
    g_object_unref (dialog);
  }
}

/* ---- screenshots -------------------------------------------------------- */

static gboolean
results_filled (gpointer page)
{
  return !rk_attendance_week_is_loading (RK_ATTENDANCE_WEEK (
           rk_results_page_get_week (page))) &&
         report_filled (rk_results_page_get_report (page));
}

/* The new screens as PNGs: into $RK_SCREENSHOT_DIR when set (with
 * RK_SCREENSHOT_SIZE=WxH, and LANG=ja_JP.UTF-8 for the Japanese ones),
 * else a temporary folder. */
static void
test_screenshots (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("RK_SCREENSHOT_DIR");
  const char *size = g_getenv ("RK_SCREENSHOT_SIZE");
  g_autofree char *tmp = dir ? NULL : g_dir_make_tmp ("renkei-shots-XXXXXX", NULL);
  int w = 1440, h = 900;
  RkWindow *window;
  GtkWidget *page;
  RkEventEditor *editor;

  if (size)
    sscanf (size, "%dx%d", &w, &h);
  if (dir == NULL)
    dir = tmp;
  cli (f->db, "attendance", "set", "2", "--date", "2026-11-18", "--families", "6", "--adults",
       "7", "--children", "8", "--residents", "12", "--nonresidents", "3", "--first-time", "2",
       NULL);
  window = rk_window_new (NULL, f->store);
  gtk_window_set_default_size (GTK_WINDOW (window), w, h);
  gtk_window_present (GTK_WINDOW (window));
  rk_test_pump (200);
  rk_test_wait_month (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-results", NULL);
  page = rk_window_get_page (window, "results");
  g_assert_true (RK_IS_RESULTS_PAGE (page));
  g_assert_true (rk_test_wait_for (results_filled, page, 20));
  rk_test_pump (200);
  {
    g_autofree char *p = g_build_filename (dir, "results-week.png", NULL);
    g_assert_true (rk_test_save_png (GTK_WIDGET (window), p));
  }
  rk_results_page_show (RK_RESULTS_PAGE (page), "report");
  rk_test_pump (200);
  {
    g_autofree char *p = g_build_filename (dir, "results-report.png", NULL);
    g_assert_true (rk_test_save_png (GTK_WIDGET (window), p));
  }
  cli (f->db, "staff", "availability", "2", "--weekday", "TU,TH", "--between", "09:00-12:00",
       "--max-hours-week", "16", NULL);
  rk_context_changed (rk_window_get_context (window), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-staff", NULL);
  page = rk_window_get_page (window, "staff");
  rk_test_pump (300);
  g_assert_true (rk_test_select_staff (RK_STAFF_PAGE (page), 2));
  rk_test_pump (200);
  {
    g_autofree char *p = g_build_filename (dir, "staff-availability.png", NULL);
    g_assert_true (rk_test_save_png (GTK_WIDGET (window), p));
  }
  cli (f->db, "event", "add", "--program", "1", "--start", "2026-12-16T10:00", "--end",
       "2026-12-16T12:00", "--room", "1", NULL);
  cli (f->db, "event", "add", "--program", "1", "--start", "2026-12-16T10:00", "--end",
       "2026-12-16T12:00", "--room", "2", NULL);
  cli (f->db, "event", "add", "--program", "1", "--start", "2026-12-22T13:00", "--end",
       "2026-12-22T15:00", "--room", "2", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-month", NULL);
  rk_test_pump (300);
  {
    g_autofree char *p = g_build_filename (dir, "month-header.png", NULL);
    RkStaffPlanDialog *plan = rk_staff_plan_dialog_new (GTK_WINDOW (window),
                                                        rk_window_get_context (window), 2026, 12);

    g_assert_true (rk_test_save_png (GTK_WIDGET (window), p));
    gtk_window_set_default_size (GTK_WINDOW (plan), MIN (960, w - 40), MIN (680, h - 40));
    gtk_window_present (GTK_WINDOW (plan));
    g_assert_true (rk_test_wait_for (plan_made, plan, 20));
    rk_test_pump (300);
    g_free (p);
    p = g_build_filename (dir, "staff-plan-list.png", NULL);
    g_assert_true (rk_test_save_png (GTK_WIDGET (plan), p));
    gtk_stack_set_visible_child_name (GTK_STACK (rk_staff_plan_dialog_get_field (plan, "stack")),
                                      "grid");
    rk_staff_plan_dialog_set_chosen (plan, 0, FALSE);
    rk_test_pump (300);
    g_free (p);
    p = g_build_filename (dir, "staff-plan-grid.png", NULL);
    g_assert_true (rk_test_save_png (GTK_WIDGET (plan), p));
    gtk_window_destroy (GTK_WINDOW (plan));
  }
  editor = rk_event_editor_new (GTK_WINDOW (window), f->context);
  g_assert_true (rk_test_editor_load (editor, 2, day_of ("2026-11-18"), NULL));
  gtk_window_present (GTK_WINDOW (editor));
  rk_test_pump (300);
  {
    g_autofree char *p = g_build_filename (dir, "editor-attendance.png", NULL);
    g_assert_true (rk_test_save_png (GTK_WIDGET (editor), p));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  rk_test_pump (50);
  if (tmp)
    rk_test_rm_rf (tmp);
}

static gboolean
fatal_filter (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
  return !(message && strstr (message, "session bus"));
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("RENKEI_LOCALEDIR");

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RK_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  /* The screenshots are taken in the locale the test runs in. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
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
  ADD ("/gui-attendance/week-table", test_week_table);
  ADD ("/gui-attendance/annual-report", test_annual_report);
  ADD ("/gui-attendance/staff-availability", test_staff_availability);
  ADD ("/gui-attendance/staff-plan", test_staff_plan);
  ADD ("/gui-attendance/screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
