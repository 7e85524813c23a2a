#define G_LOG_DOMAIN "test-gui-pages"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "rk-application.h"
#include "rk-check.h"
#include "rk-day-cell.h"
#include "rk-equipment-page.h"
#include "rk-error.h"
#include "rk-event-chip.h"
#include "rk-event-editor.h"
#include "rk-export.h"
#include "rk-ical.h"
#include "rk-context.h"
#include "rk-import-dialog.h"
#include "rk-month-view.h"
#include "rk-preferences-dialog.h"
#include "rk-problem.h"
#include "rk-problems-panel.h"
#include "rk-programs-page.h"
#include "rk-staff-dialog.h"
#include "rk-staff-page.h"
#include "rk-staff-print.h"
#include "rk-series.h"
#include "rk-store.h"
#include "rk-store-notices.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"
#include "rk-venues-page.h"
#include "rk-plan-page.h"
#include "rk-search-view.h"
#include "rk-repeat-editor.h"
#include "rk-window.h"

/* The demo month: "today" is pinned to 2026-12-01. */
#define TODAY "2026-12-01"

typedef struct
{
  char     *dir;
  char     *path;
  RkStore  *store;
  RkWindow *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-pages-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "renkei.db", NULL);
  f->store = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  rk_test_fill_demo (f->store, TODAY);

  f->window = rk_window_new (NULL, f->store);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  rk_test_pump (150);  /* The month of today, read by the worker. */
  rk_test_wait_month (f->window);
}

static void
destroy_toplevels (void)
{
  g_autoptr(GListModel) list = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (list, i);

      if (!RK_IS_WINDOW (w))
        gtk_window_destroy (w);
    }
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  destroy_toplevels ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->window);
  rk_test_pump (50);
  g_clear_object (&f->store);
  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (p);
    }
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *p = g_build_filename (f->dir, name, NULL);
        g_remove (p);
      }
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ---- helpers ------------------------------------------------------------ */

static RkDay
day_of (const char *text)
{
  RkDay day = 0;

  g_assert_true (rk_date_parse (text, &day));
  return day;
}

static void
set_entry (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_object_ref (button);
  g_signal_emit_by_name (button, "clicked");
  rk_test_wait_saved (button);
  g_object_unref (button);
  rk_test_pump (30);
}

static GtkWidget *
show_page (Fixture *f, const char *name)
{
  g_autofree char *action = g_strdup_printf ("win.show-%s", name);

  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL);
  rk_test_pump (30);
  page = rk_window_get_page (f->window, name);
  /* Pages that read through the worker: once what they show is back. */
  if (RK_IS_STAFF_PAGE (page))
    g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  if (RK_IS_VENUES_PAGE (page))
    g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  if (RK_IS_PROGRAMS_PAGE (page))
    g_assert_true (rk_test_wait_for (rk_test_programs_page_idle, page, 60));
  if (RK_IS_EQUIPMENT_PAGE (page))
    g_assert_true (rk_test_wait_for (rk_test_equipment_page_idle, page, 60));
  return page;
}

static gint64
staff_named (RkStore *store, const char *name)
{
  g_autoptr(GPtrArray) all = rk_store_list_staff (store, -1, TRUE, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (rk_staff_get_name (all->pdata[i]), name) == 0)
      return rk_staff_get_id (all->pdata[i]);
  return 0;
}

static gint64
event_titled (RkStore *store, const char *title)
{
  g_autoptr(RkSchedule) all = rk_store_load_all (store, NULL);

  for (guint i = 0; i < all->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (all->events, i);
      if (g_strcmp0 (rk_sevent_title (e), title) == 0)
        return e->id;
    }
  return 0;
}

static guint
count_events (RkStore *store)
{
  g_autoptr(RkSchedule) all = rk_store_load_all (store, NULL);

  return all->events->len;
}

static gboolean
month_has_problem (Fixture *f, const char *kind, const char *date)
{
  GListModel *model = rk_problems_panel_get_model (
    RK_PROBLEMS_PANEL (rk_window_get_problems_panel (f->window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RkProblem) p = g_list_model_get_item (model, i);
      if (g_strcmp0 (rk_problem_get_kind (p), kind) == 0 &&
          g_strcmp0 (rk_problem_get_date (p), date) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Who rk_suggest offers for a role on the occurrence of event on day. */
static GArray *
suggested (RkStore *store, gint64 event_id, const char *date, int role)
{
  RkDay first = day_of ("2026-12-01"), last = day_of ("2026-12-31");
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) s = rk_store_load_schedule (store, first, last, &error);
  g_autoptr(GArray) occs = rk_schedule_expand (s, first, last, &error);
  const RkOcc *occ = rk_occ_find (occs, event_id, day_of (date));
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) free_staff = NULL;

  g_assert_nonnull (occ);
  free_staff = rk_suggest (s, occs, occ, role);
  for (guint i = 0; i < free_staff->len; i++)
    g_array_append_val (out, g_array_index (free_staff, RkSuggestion, i).staff_id);
  return out;
}

static gboolean
has_id (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The occurrence of event whose date of the rule is orig. */
static RkOcc
occurrence (RkStore *store, gint64 event_id, const char *orig)
{
  RkDay day = day_of (orig);
  g_autoptr(RkSchedule) s = rk_store_load_schedule (store, day - 7, day + 7, NULL);
  g_autoptr(GArray) occs = rk_schedule_expand (s, day - 7, day + 7, NULL);
  RkOcc copy = { 0 };

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      if (o->event->id == event_id && o->orig_date == day)
        {
          copy = *o;
          copy.event = NULL;
          copy.reason = NULL;
          return copy;
        }
    }
  g_assert_not_reached ();
  return copy;
}

static guint
list_box_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c))
      n++;
  return n;
}

/* A list view has made the widgets of some lines (it makes those shown). */
static gboolean
list_shows_lines (gpointer list)
{
  return gtk_widget_get_first_child (list) != NULL;
}

static void
collect_chips (GtkWidget *widget, GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (RK_IS_EVENT_CHIP (child))
        {
          if (gtk_widget_get_visible (child))
            g_ptr_array_add (out, child);
          continue;
        }
      collect_chips (child, out);
    }
}

static RkEventChip *
chip_on (Fixture *f, const char *date, const char *title)
{
  GtkWidget *view = rk_window_get_month_view (f->window);
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  RkDay day = day_of (date);

  for (guint i = 0; i < 42; i++)
    {
      GtkWidget *cell = rk_month_view_get_cell (RK_MONTH_VIEW (view), i);
      if (rk_day_cell_get_day (RK_DAY_CELL (cell)) == day)
        collect_chips (cell, chips);
    }
  for (guint i = 0; i < chips->len; i++)
    if (g_strcmp0 (rk_event_chip_get_title (chips->pdata[i]), title) == 0)
      return chips->pdata[i];
  return NULL;
}

static RkEventEditor *
open_chip (Fixture *f, RkEventChip *chip)
{
  GtkWidget *editor;

  g_assert_nonnull (chip);
  gtk_widget_activate_action (GTK_WIDGET (chip), "win.open-occurrence", "(xu)",
                              rk_event_chip_get_event_id (chip),
                              (guint32) rk_event_chip_get_orig_date (chip));
  editor = rk_window_get_editor (f->window);
  g_assert_nonnull (editor);
  rk_test_wait_editor (editor);
  rk_test_pump (50);
  return RK_EVENT_EDITOR (editor);
}

/* ---- staff -------------------------------------------------------------- */

static void
test_staff_add (Fixture *f, gconstpointer data)
{
  RkStaffPage *page = RK_STAFF_PAGE (show_page (f, "staff"));
  GListModel *model = rk_staff_page_get_model (page);
  guint before = g_list_model_get_n_items (model);
  RkStaffDialog *dialog;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpuint (before, ==, 15);
  /* Sorted by reading: いのうえ, いとう, … ; the first two are い-names. */
  {
    g_autoptr(RkStaff) first = g_list_model_get_item (model, 0);
    g_autoptr(RkStaff) last = g_list_model_get_item (model, before - 1);
    g_assert_cmpstr (rk_staff_get_kana (first), ==, "いとう なおこ");
    g_assert_cmpstr (rk_staff_get_kana (last), ==, "わたなべ くみこ");
  }

  dialog = RK_STAFF_DIALOG (rk_staff_page_open_dialog (page, 0));
  g_assert_nonnull (dialog);
  /* No name yet: Save is off. */
  g_assert_false (gtk_widget_get_sensitive (rk_staff_dialog_get_field (dialog, "save")));
  set_entry (rk_staff_dialog_get_field (dialog, "name"), "森 さくら");
  set_entry (rk_staff_dialog_get_field (dialog, "kana"), "もり さくら");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_staff_dialog_get_field (dialog, "role")),
                              RK_ROLE_MIDWIFE);
  set_entry (rk_staff_dialog_get_field (dialog, "org"), "さくら助産院");
  set_entry (rk_staff_dialog_get_field (dialog, "phone"), "090-0000-0099");
  click (rk_staff_dialog_get_field (dialog, "save"));

  /* The row, read straight from the SQLite file by another connection. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, kana, role, org, phone, active FROM staff "
                                       "WHERE name = '森 さくら'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "もり さくら");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "midwife");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "さくら助産院");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "090-0000-0099");
  g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The page shows and selects her, in reading order (もり after まつもと). */
  g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  g_assert_cmpint (rk_staff_page_get_selected (page), ==, id);
  {
    g_autoptr(RkStaff) prev = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(RkStaff) s = g_list_model_get_item (model, i);
        if (rk_staff_get_id (s) == id)
          {
            g_assert_cmpuint (i, >, 0);
            prev = g_list_model_get_item (model, i - 1);
          }
      }
    g_assert_cmpstr (rk_staff_get_kana (prev), ==, "まつもと せつこ");
  }

  /* Search by reading in katakana, and the role filter. */
  set_entry (rk_staff_page_get_field (page, "search"), "モリ");
  rk_test_pump (300);   /* search-changed waits for a pause in typing */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  set_entry (rk_staff_page_get_field (page, "search"), "");
  rk_test_pump (300);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_staff_page_get_field (page, "role_filter")),
                              1 + RK_ROLE_MIDWIFE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_staff_page_get_field (page, "role_filter")), 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  /* Undoable like every change. */
  g_assert_cmpstr (rk_undo_stack_get_label (rk_window_get_undo (f->window)), ==,
                   "Add staff member");
}

static gboolean
staff_page_idle (gpointer page)
{
  return !rk_staff_page_get_busy (page) && !rk_staff_page_is_loading (page);
}

static void
test_staff_deactivate (Fixture *f, gconstpointer data)
{
  RkStaffPage *page = RK_STAFF_PAGE (show_page (f, "staff"));
  gint64 yoshida = staff_named (f->store, "吉田 友子");
  gint64 health = event_titled (f->store, "健康相談と仲間づくり");
  g_autoptr(GArray) before = suggested (f->store, health, "2026-12-09", RK_ROLE_MIDWIFE);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) undone = NULL;
  g_autoptr(RkStaff) staff = NULL;

  g_assert_cmpint (yoshida, >, 0);
  g_assert_true (has_id (before, yoshida));
  g_assert_true (rk_test_select_staff (page, yoshida));
  gtk_widget_activate_action (GTK_WIDGET (page), "staff.toggle-active", NULL);
  g_assert_true (rk_staff_page_get_busy (page));
  g_assert_true (rk_test_wait_for (staff_page_idle, page, 60));
  rk_test_settle_window (GTK_WINDOW (f->window));

  staff = rk_store_get_staff (f->store, yoshida, NULL);
  g_assert_false (rk_staff_get_active (staff));
  after = suggested (f->store, health, "2026-12-09", RK_ROLE_MIDWIFE);
  g_assert_false (has_id (after, yoshida));
  /* Still listed (never deleted), marked inactive. */
  g_assert_cmpint (rk_staff_page_get_selected (page), ==, yoshida);
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (rk_staff_page_get_field (page, "inactive"))));

  rk_test_undo (f->window, FALSE);
  rk_test_pump (30);
  undone = suggested (f->store, health, "2026-12-09", RK_ROLE_MIDWIFE);
  g_assert_true (has_id (undone, yoshida));
}

static void
test_staff_unavailable (Fixture *f, gconstpointer data)
{
  RkStaffPage *page = RK_STAFF_PAGE (show_page (f, "staff"));
  gint64 takahashi = staff_named (f->store, "高橋 由美");     /* on the 9 December consultation */
  GtkWidget *list = rk_staff_page_get_field (page, "unavailable_list");
  g_autoptr(GArray) rows = NULL;

  g_assert_true (rk_test_select_staff (page, takahashi));
  g_assert_false (month_has_problem (f, "staff_unavailable", "2026-12-09"));
  /* Unreadable first: Add stays off and says why. */
  set_entry (rk_staff_page_get_field (page, "from_date"), "2026-12-9");
  g_assert_false (gtk_widget_get_sensitive (rk_staff_page_get_field (page, "add_unavailable")));
  g_assert_true (gtk_widget_get_visible (rk_staff_page_get_field (page, "unavailable_error")));
  set_entry (rk_staff_page_get_field (page, "from_date"), "2026-12-09");
  set_entry (rk_staff_page_get_field (page, "from_time"), "09:00");
  set_entry (rk_staff_page_get_field (page, "to_date"), "2026-12-09");
  set_entry (rk_staff_page_get_field (page, "to_time"), "13:00");
  set_entry (rk_staff_page_get_field (page, "reason"), "研修");
  click (rk_staff_page_get_field (page, "add_unavailable"));
  rk_test_pump (50);

  rows = rk_store_list_unavailability (f->store, takahashi, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_array_index (rows, RkUnavailability, 0).reason, ==, "研修");
  g_assert_cmpuint (list_box_rows (list), ==, 1);
  /* The assigned event now has the problem, in the window's panel. */
  g_assert_true (month_has_problem (f, "staff_unavailable", "2026-12-09"));

  /* Her schedule of the month lists that consultation. */
  g_assert_cmpuint (list_box_rows (rk_staff_page_get_field (page, "schedule_list")), >=, 1);
}

static void
test_staff_print (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "sato.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  gint64 sato = staff_named (f->store, "佐藤 美咲");
  g_autoptr(GArray) slots = rk_staff_schedule (f->store, sato, 2026, 12, &error);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  g_assert_no_error (error);
  /* What `staff schedule` lists: the parents' class on 6 December, the
   * liaison meeting. */
  g_assert_cmpuint (slots->len, >=, 2);
  g_assert_cmpstr (g_array_index (slots, RkStaffSlot, 0).title, ==, "両親学級（休日編）");
  g_assert_true (rk_staff_print_write_pdf (f->store, sato, 2026, 12, pdf, &error));
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "佐藤 美咲"));
  g_assert_nonnull (strstr (out, "両親学級"));
  g_assert_nonnull (strstr (out, "連絡会議"));
  /* Not someone else's events. */
  g_assert_null (strstr (out, "ふたご"));
}

/* The person's month as a calendar file, from the Staff page: read back by
 * Python's icalendar (not the libical that wrote it), private to its owner. */
static void
test_staff_save_ics (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sato.ics", NULL);
  gint64 sato = staff_named (f->store, "佐藤 美咲");
  g_autoptr(GArray) slots = rk_staff_schedule (f->store, sato, 2026, 12, &error);
  RkStaffPage *page = RK_STAFF_PAGE (show_page (f, "staff"));
  const char *script =
    "import icalendar, sys, datetime\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "tz = datetime.timezone(datetime.timedelta(hours=9))\n"
    "for e in sorted(cal.walk('VEVENT'), key=lambda e: e['DTSTART'].dt):\n"
    "    print(e['DTSTART'].dt.astimezone(tz).strftime('%Y-%m-%dT%H:%M'), e['SUMMARY'])\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, >=, 2);
  /* Nobody chosen: nothing to save, and the button says so by being off. */
  g_assert_false (rk_staff_page_save_ics (page, path, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (rk_test_select_staff (page, sato));
  rk_staff_page_set_month (page, 2026, 12);
  g_assert_true (gtk_widget_is_sensitive (rk_staff_page_get_field (page, "save_ics_button")));
  g_assert_true (rk_staff_page_save_ics (page, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Every duty of the month the page lists, at its time, and nothing else. */
  out = rk_test_tool (argv);
  g_assert_nonnull (out);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, slots->len);
  for (guint i = 0; i < slots->len; i++)
    {
      RkStaffSlot *slot = &g_array_index (slots, RkStaffSlot, i);
      g_autofree char *when = rk_time_format (slot->start);

      g_assert_true (g_str_has_prefix (lines[i], when));
      g_assert_nonnull (strstr (lines[i], slot->title));
    }
  g_assert_null (strstr (out, "ふたご"));
}

/* ---- places ------------------------------------------------------------- */

static gint64
add_weekly (RkStore *store, const char *title, gint64 room, const char *start, const char *end,
            const char *policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEvent) e = rk_event_new ();
  gint64 id;

  g_object_set (e, "title", title, "start", start, "end", end, "room-id", room,
                "rrule", "FREQ=WEEKLY;BYDAY=TH;COUNT=4", "on-holiday", policy, NULL);
  g_assert_true (rk_store_begin (store, &error));
  id = rk_store_add_event (store, e, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
  return id;
}

static gint64
room_named (RkStore *store, const char *name)
{
  g_autoptr(GPtrArray) rooms = rk_store_list_rooms (store, 0, NULL);

  for (guint i = 0; i < rooms->len; i++)
    if (g_strcmp0 (rk_room_get_name (rooms->pdata[i]), name) == 0)
      return rk_room_get_id (rooms->pdata[i]);
  return 0;
}

static void
test_closing_day_policy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 minami = 1;
  gint64 skip = add_weekly (f->store, "おはなし会", room_named (f->store, "プレイルーム"),
                            "2026-12-03T14:00", "2026-12-03T15:00", "skip");
  gint64 move = add_weekly (f->store, "離乳食相談", room_named (f->store, "キッチン・ランチスペース"),
                            "2026-12-03T10:00", "2026-12-03T11:00", "next-day");
  RkVenuesPage *page = RK_VENUES_PAGE (show_page (f, "places"));
  GtkWidget *calendar = rk_venues_page_get_field (page, "calendar");
  RkOcc o;

  g_assert_true (rk_test_select_venue (page, minami));
  g_assert_false (gtk_calendar_get_day_is_marked (GTK_CALENDAR (calendar), 10));
  /* Mondays are marked: みなみ closes every Monday (7 and 14 December). */
  g_assert_true (gtk_calendar_get_day_is_marked (GTK_CALENDAR (calendar), 7));
  o = occurrence (f->store, skip, "2026-12-10");
  g_assert_cmpint (o.status, ==, RK_OCC_SCHEDULED);

  /* Thursday 10 December closed through the page. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_venues_page_get_field (page, "closing_kind")), 0);
  set_entry (rk_venues_page_get_field (page, "closing_from"), "2026-12-10");
  set_entry (rk_venues_page_get_field (page, "closing_reason"), "消毒作業");
  click (rk_venues_page_get_field (page, "closing_add"));
  g_assert_false (gtk_widget_get_visible (rk_venues_page_get_field (page, "closing_error")));

  o = occurrence (f->store, skip, "2026-12-10");
  g_assert_cmpint (o.status, ==, RK_OCC_SKIPPED);
  o = occurrence (f->store, move, "2026-12-10");
  g_assert_cmpint (o.status, ==, RK_OCC_SCHEDULED);
  g_assert_true (o.moved);
  g_assert_cmpuint (rk_minute_day (o.start), ==, day_of ("2026-12-11"));
  /* The other Thursdays stay. */
  o = occurrence (f->store, skip, "2026-12-17");
  g_assert_cmpint (o.status, ==, RK_OCC_SCHEDULED);
  g_assert_true (gtk_calendar_get_day_is_marked (GTK_CALENDAR (calendar), 10));

  /* A yearly span is kept as month-day; a bad one names the format. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_venues_page_get_field (page, "closing_kind")), 3);
  set_entry (rk_venues_page_get_field (page, "closing_from"), "12-32");
  g_assert_false (rk_venues_page_add_closing (page, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
}

static void
test_venue_edit_stale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  g_autoptr(RkVenue) theirs = NULL;
  RkVenuesPage *page = RK_VENUES_PAGE (show_page (f, "places"));
  g_autoptr(RkVenue) now = NULL;

  g_assert_true (rk_test_select_venue (page, 2));
  set_entry (rk_venues_page_get_field (page, "contact"), "電話 0120-000-999");
  /* Another coordinator changes the same place meanwhile. */
  theirs = rk_store_get_venue (other, 2, &error);
  rk_venue_set_address (theirs, "さくら市北町7-8-9");
  g_assert_true (rk_store_begin (other, &error));
  g_assert_true (rk_store_update_venue (other, theirs, &error));
  g_assert_true (rk_store_commit (other, &error));
  /* The page refreshes (read by the worker) but keeps what is typed. */
  rk_window_refresh (f->window);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rk_venues_page_get_field (page, "contact"))),
                   ==, "電話 0120-000-999");
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (rk_venues_page_get_field (page, "stale_bar"))));
  /* Refused in the worker: the bar stays, what was typed stays, theirs is
   * not overwritten. */
  g_assert_true (rk_venues_page_save (page, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_venues_page_get_field (page, "save"));
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (rk_venues_page_get_field (page, "stale_bar"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rk_venues_page_get_field (page, "contact"))),
                   ==, "電話 0120-000-999");
  g_assert_true (gtk_widget_get_sensitive (rk_venues_page_get_field (page, "save")));
  now = rk_store_get_venue (f->store, 2, NULL);
  g_assert_cmpstr (rk_venue_get_address (now), ==, "さくら市北町7-8-9");
  g_assert_cmpstr (rk_venue_get_contact (now), ==, "電話 0120-000-222（受付 月〜土 9:30〜16:00）");
}

/* The month's notice typed on the Places page, for the calendar's month:
 * stored, shown again, undone with the window's undo, removed. */
static void
test_venue_notice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkUndoStack *undo = rk_window_get_undo (f->window);
  RkVenuesPage *page = RK_VENUES_PAGE (show_page (f, "places"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
    GTK_TEXT_VIEW (rk_venues_page_get_field (page, "notice_view")));
  GtkCalendar *calendar = GTK_CALENDAR (rk_venues_page_get_field (page, "calendar"));
  g_autoptr(GDateTime) january = g_date_time_new_local (2027, 1, 15, 12, 0, 0);
  g_autoptr(GDateTime) december = g_date_time_new_local (2026, 12, 15, 12, 0, 0);
  g_autofree char *t = NULL;
  GtkTextIter a, b;

  g_assert_true (rk_test_select_venue (page, 2));
  gtk_calendar_select_day (calendar, december);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  g_assert_false (gtk_widget_get_sensitive (rk_venues_page_get_field (page, "notice_clear")));
  gtk_text_buffer_set_text (buffer, "お車の方は市役所北駐車場へ\n予約は前月15日から", -1);
  click (rk_venues_page_get_field (page, "notice_save"));
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  g_assert_false (gtk_widget_get_visible (rk_venues_page_get_field (page, "notice_error")));
  t = rk_store_get_venue_notice (f->store, 2, 2026, 12, &error);
  g_assert_cmpstr (t, ==, "お車の方は市役所北駐車場へ\n予約は前月15日から");
  g_clear_pointer (&t, g_free);
  g_assert_true (gtk_widget_get_sensitive (rk_venues_page_get_field (page, "notice_clear")));

  /* Another month has its own (none); back to December shows it again. */
  gtk_calendar_select_day (calendar, january);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  t = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
  g_assert_cmpstr (t, ==, "");
  g_clear_pointer (&t, g_free);
  gtk_calendar_select_day (calendar, december);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  t = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
  g_assert_cmpstr (t, ==, "お車の方は市役所北駐車場へ\n予約は前月15日から");
  g_clear_pointer (&t, g_free);

  /* Undone with the window's undo; the field follows. */
  rk_test_undo (f->window, FALSE);
  rk_test_pump (50);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  g_assert_null (rk_store_get_venue_notice (f->store, 2, 2026, 12, &error));
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  t = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
  g_assert_cmpstr (t, ==, "");
  g_clear_pointer (&t, g_free);
  rk_test_undo (f->window, TRUE);
  rk_test_pump (50);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  t = rk_store_get_venue_notice (f->store, 2, 2026, 12, &error);
  g_assert_nonnull (t);
  g_clear_pointer (&t, g_free);

  /* Too long: said beside the field, nothing stored. */
  {
    g_autoptr(GString) s = g_string_new (NULL);

    for (int i = 0; i < 401; i++)
      g_string_append (s, "あ");
    gtk_text_buffer_set_text (buffer, s->str, -1);
  }
  click (rk_venues_page_get_field (page, "notice_save"));
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  g_assert_true (gtk_widget_get_visible (rk_venues_page_get_field (page, "notice_error")));
  t = rk_store_get_venue_notice (f->store, 2, 2026, 12, &error);
  g_assert_cmpstr (t, ==, "お車の方は市役所北駐車場へ\n予約は前月15日から");
  g_clear_pointer (&t, g_free);

  /* Removed. */
  click (rk_venues_page_get_field (page, "notice_clear"));
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  g_assert_null (rk_store_get_venue_notice (f->store, 2, 2026, 12, &error));
  g_assert_no_error (error);
  g_assert_true (rk_undo_stack_can_undo (undo));
}

/* ---- programs ----------------------------------------------------------- */

static void
test_program_requirements (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkProgramsPage *page = RK_PROGRAMS_PAGE (show_page (f, "programs"));
  gint64 health = 2;   /* 健康相談と仲間づくり */
  RkUndoStack *undo = rk_window_get_undo (f->window);
  g_autoptr(RkProgram) p = NULL;

  /* The demo's consultation lacks its midwife. */
  g_assert_true (month_has_problem (f, "understaffed", "2026-12-09"));
  g_assert_true (rk_programs_page_select (page, health));
  g_assert_cmpuint (list_box_rows (rk_programs_page_get_field (page, "requirements")), ==, 5);
  rk_programs_page_set_required (page, RK_ROLE_MIDWIFE, 0);
  g_assert_true (rk_programs_page_save (page, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_programs_page_get_field (page, "save"));
  g_assert_true (rk_test_wait_for (rk_test_programs_page_idle, page, 60));
  rk_test_pump (50);
  p = rk_store_get_program (f->store, health, NULL);
  g_assert_null (strstr (rk_program_get_requirements (p), "midwife"));
  /* At once: the problem is gone from the window. */
  g_assert_false (month_has_problem (f, "understaffed", "2026-12-09"));

  /* Undo and redo, through the window's actions. */
  rk_test_undo (f->window, FALSE);
  rk_test_pump (50);
  g_assert_true (month_has_problem (f, "understaffed", "2026-12-09"));
  g_assert_true (rk_undo_stack_can_redo (undo));
  rk_test_undo (f->window, TRUE);
  rk_test_pump (50);
  g_assert_false (month_has_problem (f, "understaffed", "2026-12-09"));

  /* A new program through the page, staff only. */
  gtk_widget_activate_action (GTK_WIDGET (page), "programs.add", NULL);
  set_entry (rk_programs_page_get_field (page, "name"), "要保護児童対策地域協議会");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rk_programs_page_get_field (page, "staff_only")),
                               TRUE);
  rk_programs_page_set_required (page, RK_ROLE_PUBLIC_HEALTH_NURSE, 2);
  g_assert_true (rk_programs_page_save (page, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_programs_page_get_field (page, "save"));
  g_assert_true (rk_test_wait_for (rk_test_programs_page_idle, page, 60));
  {
    g_autoptr(RkProgram) added = rk_store_get_program (f->store,
                                                       rk_programs_page_get_selected (page), NULL);
    g_assert_cmpstr (rk_program_get_name (added), ==, "要保護児童対策地域協議会");
    g_assert_true (rk_program_get_staff_only (added));
    g_assert_cmpstr (rk_program_get_requirements (added), ==, "public_health_nurse=2");
  }
}

/* ---- equipment ---------------------------------------------------------- */

static void
test_equipment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkEquipmentPage *page = RK_EQUIPMENT_PAGE (show_page (f, "equipment"));
  g_autoptr(RkEquipment) scales = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (rk_equipment_page_get_model (page)), ==, 4);
  /* The baby scales go to the consultation and the twins circle. */
  g_assert_true (rk_equipment_page_select (page, 1));
  g_assert_cmpuint (list_box_rows (rk_equipment_page_get_field (page, "bookings_list")), >=, 2);
  set_entry (rk_equipment_page_get_field (page, "name"), "ベビースケール（2号）");
  g_assert_true (rk_equipment_page_save (page, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_equipment_page_get_field (page, "save"));
  g_assert_true (rk_test_wait_for (rk_test_equipment_page_idle, page, 60));
  scales = rk_store_get_equipment (f->store, 1, NULL);
  g_assert_cmpstr (rk_equipment_get_name (scales), ==, "ベビースケール（2号）");
  g_assert_true (rk_undo_stack_undo (rk_window_get_undo (f->window), &error));
  g_clear_object (&scales);
  scales = rk_store_get_equipment (f->store, 1, NULL);
  g_assert_cmpstr (rk_equipment_get_name (scales), ==, "ベビースケール");
}

/* ---- import and export -------------------------------------------------- */

static const char good_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:import-1@test\r\n"
  "DTSTART;TZID=Asia/Tokyo:20261218T103000\r\n"
  "DTEND;TZID=Asia/Tokyo:20261218T113000\r\n"
  "SUMMARY:絵本の読み聞かせ\r\n"
  "LOCATION:みなみ子育て支援センター プレイルーム\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:import-2@test\r\n"
  "DTSTART;TZID=Asia/Tokyo:20261216T140000\r\n"
  "DTEND;TZID=Asia/Tokyo:20261216T150000\r\n"
  "SUMMARY:パパの育児講座\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static const char bad_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:import-3@test\r\n"
  "DTSTART;TZID=Asia/Tokyo:20261216T140000\r\n"
  "DTEND;TZID=Asia/Tokyo:20261216T150000\r\n"
  "SUMMARY:よい行\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:import-4@test\r\n"
  "DTSTART:not-a-time\r\n"
  "SUMMARY:こわれた行\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static char *
db_hash (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *a = rk_test_file_hash (f->path);
  g_autofree char *b = g_file_test (wal, G_FILE_TEST_EXISTS) ? rk_test_file_hash (wal)
                                                            : g_strdup ("-");

  return g_strconcat (a, "/", b, NULL);
}

static void
test_import_preview (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (f->dir, "good.ics", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.ics", NULL);
  g_autofree char *hash0 = NULL, *hash1 = NULL, *hash2 = NULL;
  RkUndoStack *undo = rk_window_get_undo (f->window);
  const GError *preview_error = NULL;
  RkImportDialog *dialog;
  guint created = 0, updated = 0, problems = 0, before;
  gboolean room_clash = FALSE;
  GListModel *rows;

  g_assert_true (g_file_set_contents (good, good_ics, -1, NULL));
  g_assert_true (g_file_set_contents (bad, bad_ics, -1, NULL));
  before = count_events (f->store);
  hash0 = db_hash (f);

  dialog = rk_test_open_import (f->window, good);
  g_assert_true (rk_import_dialog_get_preview (dialog, &created, &updated, &problems,
                                               &preview_error));
  g_assert_null (preview_error);
  g_assert_cmpuint (created, ==, 2);
  g_assert_cmpuint (updated, ==, 0);
  /* The reading at 10:30 takes the playroom of the twins circle. */
  g_assert_cmpuint (problems, >=, 1);
  rows = rk_import_dialog_get_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, problems);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (rows), i), "プレイルーム"))
      room_clash = TRUE;
  /* Shown: the list has drawn at least its first line. */
  g_assert_true (rk_test_wait_for (list_shows_lines, rk_import_dialog_get_field (dialog,
                                                                                 "problems"), 20));
  g_assert_true (room_clash);
  /* A preview changes nothing. */
  g_assert_cmpuint (count_events (f->store), ==, before);
  hash1 = db_hash (f);
  g_assert_cmpstr (hash1, ==, hash0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A bad file: the error names the line, Import is off, nothing changes. */
  dialog = rk_test_open_import (f->window, bad);
  g_assert_false (rk_import_dialog_get_preview (dialog, &created, &updated, &problems,
                                                &preview_error));
  g_assert_nonnull (preview_error);
  g_assert_nonnull (strstr (preview_error->message, "line"));
  g_assert_false (gtk_widget_get_sensitive (rk_import_dialog_get_field (dialog, "import")));
  g_assert_false (rk_test_import_commit (dialog, &error));
  g_clear_error (&error);
  g_assert_cmpuint (count_events (f->store), ==, before);
  g_assert_cmpint (event_titled (f->store, "よい行"), ==, 0);
  hash2 = db_hash (f);
  g_assert_cmpstr (hash2, ==, hash0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The good one, for real: both events, undone and redone as one. */
  dialog = rk_test_open_import (f->window, good);
  g_assert_true (rk_test_import_commit (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->store), ==, before + 2);
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->store), ==, before);
  g_assert_true (rk_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->store), ==, before + 2);
  g_assert_cmpint (event_titled (f->store, "パパの育児講座"), >, 0);
}

/* What the file holds that is read differently (no title, a to-do) is
 * listed in the preview, per event, before anything is imported. */
static void
test_import_notes (Fixture *f, gconstpointer data)
{
  static const char ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:notes-1@test\r\n"
    "DTSTART;TZID=Asia/Tokyo:20261221T100000\r\nDTEND;TZID=Asia/Tokyo:20261221T110000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VTODO\r\nUID:todo-1@test\r\nSUMMARY:資料を印刷\r\nEND:VTODO\r\n"
    "END:VCALENDAR\r\n";
  g_autofree char *path = g_build_filename (f->dir, "notes.ics", NULL);
  guint created = 0, updated = 0, problems = 0;
  gboolean untitled = FALSE, todo = FALSE;
  RkImportDialog *dialog;
  GListModel *rows;

  g_assert_true (g_file_set_contents (path, ics, -1, NULL));
  dialog = rk_test_open_import (f->window, path);
  g_assert_true (rk_import_dialog_get_preview (dialog, &created, &updated, &problems, NULL));
  g_assert_cmpuint (created, ==, 1);
  rows = rk_import_dialog_get_rows (dialog);
  /* the problems, a heading, and one row per note */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, problems + 3);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (rows), i);

      untitled = untitled || (strstr (text, "line 4") && strstr (text, "SUMMARY"));
      todo = todo || (strstr (text, "line 9") && strstr (text, "VTODO"));
    }
  g_assert_true (untitled);
  g_assert_true (todo);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
list_holds_all (gpointer dialog)
{
  GtkWidget *list = rk_import_dialog_get_field (dialog, "problems");
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  return shown && g_list_model_get_n_items (shown) ==
                    g_list_model_get_n_items (rk_import_dialog_get_rows (dialog));
}

/* A long preview (a note for each of 60 untitled events) is given to its
 * list a few lines a frame: all of them end up in it, in order. */
static void
test_import_many_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
  g_autofree char *path = g_build_filename (f->dir, "many.ics", NULL);
  RkImportDialog *dialog;
  GListModel *rows, *shown;

  for (int i = 0; i < 60; i++)
    g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:many-%d@test\r\n"
                                 "DTSTART;TZID=Asia/Tokyo:202612%02dT100000\r\n"
                                 "DTEND;TZID=Asia/Tokyo:202612%02dT110000\r\nEND:VEVENT\r\n",
                            i, 1 + i % 28, 1 + i % 28);
  g_string_append (ics, "END:VCALENDAR\r\n");
  g_assert_true (g_file_set_contents (path, ics->str, -1, NULL));
  dialog = rk_test_open_import (f->window, path);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rk_import_dialog_get_preview (dialog, NULL, NULL, NULL, NULL));
  rows = rk_import_dialog_get_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 60);
  g_assert_true (rk_test_wait_for (list_holds_all, dialog, 20));
  shown = G_LIST_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (rk_import_dialog_get_field (dialog, "problems"))));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (shown, i);

      g_assert_cmpstr (gtk_string_object_get_string (line), ==,
                       gtk_string_list_get_string (GTK_STRING_LIST (rows), i));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = g_build_filename (f->dir, "month.ics", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "month.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *other = rk_test_db_path ();
  g_autofree char *out = NULL;

  g_assert_true (rk_export_write (f->store, 2026, 12, RK_EXPORT_ICS, FALSE, FALSE, ics, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  g_assert_true (rk_ical_detect (text, strlen (text)));
  g_assert_nonnull (strstr (text, "SUMMARY:両親学級（休日編）"));
  /* The families' version: no staff, and no staff-only meetings. */
  g_assert_null (strstr (text, "佐藤"));
  g_assert_null (strstr (text, "連絡会議"));
  g_clear_pointer (&text, g_free);

  g_assert_true (rk_export_write (f->store, 2026, 12, RK_EXPORT_CSV, TRUE, FALSE, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "佐藤 美咲"));
  g_clear_pointer (&text, g_free);
  /* In Shift_JIS for the spreadsheets that read nothing else: the same
   * text once converted back, and not UTF-8 on disk. */
  {
    gsize len = 0;
    g_autofree char *utf8 = NULL;

    g_assert_true (rk_export_write_encoded (f->store, 2026, 12, RK_EXPORT_CSV, TRUE, FALSE, TRUE,
                                            csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv, &text, &len, NULL));
    g_assert_false (g_utf8_validate (text, len, NULL));
    utf8 = g_convert (text, len, "UTF-8", "CP932", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (utf8, "佐藤 美咲"));
  }

  /* Read back by renkei-cli into an empty database. */
  out = rk_test_cli_ok (other, TODAY, "import", ics, NULL);
  g_assert_nonnull (strstr (out, "new"));
}

/* ---- undo and redo ------------------------------------------------------ */

static void
test_undo_redo_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkUndoStack *undo = rk_window_get_undo (f->window);
  RkStaffPage *staff_page = RK_STAFF_PAGE (show_page (f, "staff"));
  RkVenuesPage *venues = NULL;
  RkStaffDialog *dialog;
  gint64 sato = staff_named (f->store, "佐藤 美咲");
  g_autoptr(RkStaff) s = NULL;
  g_autoptr(RkVenue) v = NULL;
  g_autoptr(RkSchedule) ref = NULL;
  guint closings;

  /* A staff edit. */
  dialog = RK_STAFF_DIALOG (rk_staff_page_open_dialog (staff_page, sato));
  set_entry (rk_staff_dialog_get_field (dialog, "org"), "さくら市こども家庭センター");
  click (rk_staff_dialog_get_field (dialog, "save"));
  s = rk_store_get_staff (f->store, sato, NULL);
  g_assert_cmpstr (rk_staff_get_org (s), ==, "さくら市こども家庭センター");
  g_clear_object (&s);
  g_assert_true (rk_undo_stack_undo (undo, &error));
  s = rk_store_get_staff (f->store, sato, NULL);
  g_assert_cmpstr (rk_staff_get_org (s), ==, "さくら市保健センター");
  g_clear_object (&s);
  g_assert_true (rk_undo_stack_redo (undo, &error));
  s = rk_store_get_staff (f->store, sato, NULL);
  g_assert_cmpstr (rk_staff_get_org (s), ==, "さくら市こども家庭センター");
  g_clear_object (&s);

  /* A closing day added on the Places page, then undone and redone with
   * the keyboard shortcuts. */
  venues = RK_VENUES_PAGE (show_page (f, "places"));
  g_assert_true (rk_test_select_venue (venues, 1));
  ref = rk_store_load_schedule (f->store, 1, 1, NULL);
  closings = rk_schedule_venue (ref, 1)->closings->len;
  g_clear_pointer (&ref, rk_schedule_free);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_venues_page_get_field (venues, "closing_kind")), 1);
  set_entry (rk_venues_page_get_field (venues, "closing_from"), "2026-12-21");
  set_entry (rk_venues_page_get_field (venues, "closing_to"), "2026-12-24");
  g_assert_true (rk_venues_page_add_closing (venues, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_venues_page_get_field (venues, "closing_add"));
  ref = rk_store_load_schedule (f->store, 1, 1, NULL);
  g_assert_cmpuint (rk_schedule_venue (ref, 1)->closings->len, ==, closings + 1);
  g_clear_pointer (&ref, rk_schedule_free);
  rk_test_undo (f->window, FALSE);
  ref = rk_store_load_schedule (f->store, 1, 1, NULL);
  g_assert_cmpuint (rk_schedule_venue (ref, 1)->closings->len, ==, closings);
  g_clear_pointer (&ref, rk_schedule_free);
  rk_test_undo (f->window, TRUE);
  ref = rk_store_load_schedule (f->store, 1, 1, NULL);
  g_assert_cmpuint (rk_schedule_venue (ref, 1)->closings->len, ==, closings + 1);
  g_clear_pointer (&ref, rk_schedule_free);

  /* A venue edit; a new action forgets what could be redone. */
  set_entry (rk_venues_page_get_field (venues, "address"), "さくら市南町9-9");
  g_assert_true (rk_venues_page_save (venues, &error));
  g_assert_no_error (error);
  rk_test_wait_saved (rk_venues_page_get_field (venues, "save"));
  g_assert_true (rk_undo_stack_undo (undo, &error));
  /* The page reads the place again from the store's "changed" (in the
   * worker): a save before that arrives would be refused as stale. */
  rk_test_pump (50);
  rk_test_settle_page (rk_venues_page_get_field (venues, "save"));
  v = rk_store_get_venue (f->store, 1, NULL);
  g_assert_cmpstr (rk_venue_get_address (v), ==, "さくら市南町1-2-3");
  g_clear_object (&v);
  g_assert_true (rk_undo_stack_can_redo (undo));
  set_entry (rk_venues_page_get_field (venues, "contact"), "電話 0120-000-100");
  g_assert_true (rk_venues_page_save (venues, &error));
  rk_test_wait_saved (rk_venues_page_get_field (venues, "save"));
  g_assert_false (rk_undo_stack_can_redo (undo));

  /* The event cancelled ("deleted") from the calendar, undone and redone:
   * the toast offers undo, then redo. */
  show_page (f, "month");
  {
    RkEventChip *chip = chip_on (f, "2026-12-22", "ベビーマッサージ講座");
    gint64 id = rk_event_chip_get_event_id (chip);
    g_autoptr(RkSchedule) all = NULL;

    g_assert_true (rk_test_cancel_occurrence (f->window, id, rk_event_chip_get_orig_date (chip),
                                                TRUE, &error));
    all = rk_store_load_all (f->store, NULL);
    g_assert_true (rk_schedule_event (all, id)->cancelled);
    g_clear_pointer (&all, rk_schedule_free);
    rk_test_undo (f->window, FALSE);
    all = rk_store_load_all (f->store, NULL);
    g_assert_false (rk_schedule_event (all, id)->cancelled);
    g_clear_pointer (&all, rk_schedule_free);
    rk_test_undo (f->window, TRUE);
    all = rk_store_load_all (f->store, NULL);
    g_assert_true (rk_schedule_event (all, id)->cancelled);
  }
}

/* ---- another process ---------------------------------------------------- */

static gboolean
staff_listed (RkStaffPage *page, const char *name)
{
  GListModel *model = rk_staff_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RkStaff) s = g_list_model_get_item (model, i);
      if (g_strcmp0 (rk_staff_get_name (s), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_external_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkStaffPage *page = RK_STAFF_PAGE (rk_window_get_page (f->window, "staff"));
  RkEventChip *chip = chip_on (f, "2026-12-22", "ベビーマッサージ講座");
  gint64 id = rk_event_chip_get_event_id (chip);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *out = NULL;
  RkEventEditor *editor = open_chip (f, chip);
  GtkWidget *title = rk_event_editor_get_field (editor, "title");
  gint64 until;

  /* The person is typing in the editor. */
  set_entry (title, "ベビーマッサージ（途中）");
  g_assert_false (staff_listed (page, "外部 太郎"));

  /* Another coordinator, another process. */
  out = rk_test_cli_ok (f->path, TODAY, "staff", "add", "--name", "外部 太郎", "--kana",
                        "がいぶ たろう", "--role", "hub_staff", NULL);
  g_clear_pointer (&out, g_free);
  out = rk_test_cli_ok (f->path, TODAY, "event", "add", "--title", "外部の会", "--start",
                        "2026-12-16T10:00", "--end", "2026-12-16T11:00", "--on-holiday",
                        "keep", NULL);
  g_clear_pointer (&out, g_free);
  out = rk_test_cli_ok (f->path, TODAY, "event", "edit", id_text, "--title",
                        "ベビーマッサージ講座（満員）", NULL);

  /* Within a few seconds the open window shows it, without a reload by hand. */
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  /* (the editor asks the worker whether its event changed) */
  while (g_get_monotonic_time () < until &&
         !(staff_listed (page, "外部 太郎") && chip_on (f, "2026-12-16", "外部の会") &&
           gtk_revealer_get_reveal_child (
             GTK_REVEALER (rk_event_editor_get_field (editor, "elsewhere_bar")))))
    rk_test_pump (100);
  g_assert_true (staff_listed (page, "外部 太郎"));
  g_assert_nonnull (chip_on (f, "2026-12-16", "外部の会"));
  g_assert_nonnull (chip_on (f, "2026-12-22", "ベビーマッサージ講座（満員）"));

  /* The editor was not rebuilt: what was typed is there, marked. */
  g_assert_true (rk_window_get_editor (f->window) == GTK_WIDGET (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "ベビーマッサージ（途中）");
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (rk_event_editor_get_field (editor, "elsewhere_bar"))));
  /* Its save hits the version check, with reload offered. */
  rk_test_click_save (editor);
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (rk_event_editor_get_field (editor, "stale_bar"))));
  g_assert_cmpint (event_titled (f->store, "ベビーマッサージ（途中）"), ==, 0);
}

/* ---- the context -------------------------------------------------------- */

/* A page made with a context and no window follows the stored data by
 * itself; a toast asked for from a dialog shows on the window the dialog
 * was opened from. */
static void
test_context_subscribers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkContext) context = rk_context_new (f->store);
  g_autoptr(RkStaff) staff = rk_staff_new ();
  RkStaffPage *page = g_object_ref_sink (g_object_new (RK_TYPE_STAFF_PAGE, "context", context,
                                                       NULL));
  GtkWidget *dialog = gtk_window_new ();
  GtkWidget *button = gtk_button_new_with_label ("OK");

  g_assert_false (staff_listed (page, "文脈 花子"));
  rk_staff_set_name (staff, "文脈 花子");
  rk_staff_set_kana (staff, "ぶんみゃく はなこ");
  rk_staff_set_role (staff, "hub_staff");
  g_assert_true (rk_store_begin (f->store, &error));
  rk_store_add_staff (f->store, staff, &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (f->store, &error));
  rk_test_pump (50);
  /* "changed" has run; the list it asked the worker for is back. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  g_assert_true (staff_listed (page, "文脈 花子"));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  gtk_window_set_child (GTK_WINDOW (dialog), button);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (rk_test_shows_label (GTK_WIDGET (f->window), "文脈からのお知らせ"));
  rk_context_toast (button, "文脈からのお知らせ", TRUE, FALSE);
  rk_test_pump (30);
  g_assert_true (rk_test_shows_label (GTK_WIDGET (f->window), "文脈からのお知らせ"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  rk_context_shutdown (context);
  g_object_unref (page);
}

/* ---- editor scopes ------------------------------------------------------ */

static void
test_editor_following (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkUndoStack *undo = rk_window_get_undo (f->window);
  gint64 twins = event_titled (f->store, "ふたご・みつご広場");
  guint before = count_events (f->store);
  RkEventEditor *editor;
  RkEventChip *chip;
  g_autoptr(RkEvent) head = NULL;
  g_autoptr(RkEvent) tail = NULL;
  gint64 tail_id;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-month", NULL);

  rk_test_wait_month (f->window);
  editor = open_chip (f, chip_on (f, "2027-01-15", "ふたご・みつご広場"));
  g_assert_true (gtk_widget_get_visible (rk_event_editor_get_field (editor, "following")));
  rk_event_editor_set_scope (editor, RK_SCOPE_FOLLOWING);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit This and Following");
  /* The date shown is this occurrence's, not the series start's. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rk_event_editor_get_field (editor, "date"))),
                   ==, "2027-01-15");
  set_entry (rk_event_editor_get_field (editor, "title"), "ふたご・みつごの会");
  set_entry (rk_event_editor_get_field (editor, "start"), "13:00");
  set_entry (rk_event_editor_get_field (editor, "end"), "15:00");
  g_assert_true (rk_test_editor_save (editor, &error));
  g_assert_no_error (error);

  /* Two series now: December as it was, January on as edited. */
  g_assert_cmpuint (count_events (f->store), ==, before + 1);
  tail_id = event_titled (f->store, "ふたご・みつごの会");
  g_assert_cmpint (tail_id, >, 0);
  head = rk_store_get_event (f->store, twins, NULL);
  tail = rk_store_get_event (f->store, tail_id, NULL);
  g_assert_nonnull (strstr (rk_event_get_rrule (head), "UNTIL="));
  /* The rest of a COUNT=3 series: two more. */
  g_assert_cmpint (rk_rrule_get_count (rk_event_get_rrule (tail)), ==, 2);
  g_assert_nonnull (strstr (rk_event_get_rrule (tail), "BYDAY=3FR"));
  g_assert_cmpstr (rk_event_get_start (tail), ==, "2027-01-15T13:00");
  {
    RkOcc o = occurrence (f->store, tail_id, "2027-02-19");
    g_assert_cmpint (rk_minute_of_day (o.start), ==, 13 * 60);
  }
  rk_window_reload (f->window);
  chip = chip_on (f, "2027-01-15", "ふたご・みつごの会");
  g_assert_nonnull (chip);
  g_assert_nonnull (strstr (rk_event_chip_get_tooltip_markup (chip), "13:00–15:00"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.prev-month", NULL);
  rk_test_wait_month (f->window);
  g_assert_nonnull (chip_on (f, "2026-12-18", "ふたご・みつご広場"));
  g_assert_null (chip_on (f, "2026-12-18", "ふたご・みつごの会"));
  /* The series' people came along. */
  {
    g_autoptr(RkSchedule) all = rk_store_load_all (f->store, NULL);
    g_assert_cmpuint (rk_schedule_event (all, tail_id)->assigns->len, ==,
                      rk_schedule_event (all, twins)->assigns->len);
  }

  /* One undo puts the one series back. */
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->store), ==, before);
  g_clear_object (&head);
  head = rk_store_get_event (f->store, twins, NULL);
  g_assert_cmpstr (rk_event_get_rrule (head), ==, "FREQ=MONTHLY;BYDAY=3FR;COUNT=3");
}

static GtkWidget *
find_question (void)
{
  GListModel *list = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (list, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        return w;
    }
  return NULL;
}

static gboolean
question_shown (gpointer data)
{
  return find_question () != NULL;
}

static gboolean
can_undo (gpointer window)
{
  return rk_undo_stack_can_undo (rk_window_get_undo (window)) &&
         rk_test_not_undoing (window);
}

/* The series question offers "This and Following" for a cancellation. */
static void
test_cancel_following (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 twins = event_titled (f->store, "ふたご・みつご広場");
  guint before = count_events (f->store);
  GtkWidget *question;
  RkOcc o;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-month", NULL);

  rk_test_wait_month (f->window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-occurrence", "(xu)", twins,
                              (guint32) day_of ("2027-01-15"));
  /* The question comes once the worker has looked at the series; the
   * cancellation lands once it has written (under the sanitizers, on a
   * loaded machine, either can take longer than a few frames). */
  g_assert_true (rk_test_wait_for (question_shown, NULL, 60));
  question = find_question ();
  g_assert_false (rk_undo_stack_can_undo (rk_window_get_undo (f->window)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "following");
  g_assert_true (rk_test_wait_for (can_undo, f->window, 60));

  g_assert_cmpuint (count_events (f->store), ==, before + 1);
  o = occurrence (f->store, twins, "2026-12-18");
  g_assert_cmpint (o.status, ==, RK_OCC_SCHEDULED);
  {
    gint64 tail = 0;
    g_autoptr(RkSchedule) all = rk_store_load_all (f->store, NULL);

    for (guint i = 0; i < all->events->len; i++)
      {
        RkSEvent *e = g_ptr_array_index (all->events, i);
        if (e->id != twins && g_strcmp0 (rk_sevent_title (e), "ふたご・みつご広場") == 0)
          tail = e->id;
      }
    g_assert_cmpint (tail, >, 0);
    g_assert_true (rk_schedule_event (all, tail)->cancelled);
    o = occurrence (f->store, tail, "2027-02-19");
    g_assert_cmpint (o.status, ==, RK_OCC_CANCELLED);
  }
  g_assert_true (rk_undo_stack_undo (rk_window_get_undo (f->window), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (f->store), ==, before);
  o = occurrence (f->store, twins, "2027-02-19");
  g_assert_cmpint (o.status, ==, RK_OCC_SCHEDULED);
}

static GtkWidget *
find_report (void)
{
  GListModel *list = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (list, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_has_css_class (w, "series-report"))
        return w;
    }
  return NULL;
}

static void
test_editor_whole_series_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 twins = event_titled (f->store, "ふたご・みつご広場");
  gint64 inoue = staff_named (f->store, "井上 幸子");
  RkDay jan15 = day_of ("2027-01-15");
  RkEventEditor *editor;
  g_autoptr(RkSchedule) all = NULL;
  g_autofree char *text = NULL;
  GtkWidget *report;

  /* 15 January moved by hand, and a volunteer for that day only. */
  g_assert_true (rk_store_begin (f->store, &error));
  g_assert_true (rk_store_set_exception (f->store, twins, jan15, RK_EXCEPTION_MOVED,
                                         rk_minute_make (jan15, 13 * 60),
                                         rk_minute_make (jan15, 15 * 60), "会場の都合", &error));
  g_assert_true (rk_store_assign (f->store, twins, inoue, jan15, FALSE, &error));
  g_assert_true (rk_store_commit (f->store, &error));
  rk_window_reload (f->window);

  /* The whole series becomes weekly: 18 and 25 December, 1 January. */
  editor = open_chip (f, chip_on (f, "2026-12-18", "ふたご・みつご広場"));
  rk_event_editor_set_scope (editor, RK_SCOPE_ALL);
  {
    /* The row in words: "Every week on Friday". */
    GtkWidget *repeat = rk_event_editor_get_field (editor, "repeat");
    GListModel *rows = gtk_drop_down_get_model (GTK_DROP_DOWN (repeat));
    guint weekly = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (rows), i), "Every week"))
        weekly = i;
    g_assert_cmpuint (weekly, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (repeat), weekly);
  }
  g_assert_true (rk_test_editor_save (editor, &error));
  g_assert_no_error (error);

  all = rk_store_load_all (f->store, NULL);
  g_assert_cmpstr (rk_schedule_event (all, twins)->rrule, ==, "FREQ=WEEKLY;BYDAY=FR;COUNT=3");
  /* What no longer falls on the rule is gone, not left dangling… */
  g_assert_null (rk_sevent_exception (rk_schedule_event (all, twins), jan15));
  for (guint i = 0; i < rk_schedule_event (all, twins)->assigns->len; i++)
    g_assert_cmpuint (g_array_index (rk_schedule_event (all, twins)->assigns, RkSAssign, i).occ_date,
                      !=, jan15);
  /* …and the person is told, in a message on the window. */
  report = find_report ();
  g_assert_nonnull (report);
  g_object_get (report, "secondary-text", &text, NULL);
  g_assert_nonnull (strstr (text, "2027-01-15"));
}

/* ---- preferences -------------------------------------------------------- */

static gboolean
week_starts_monday (gpointer window)
{
  return !rk_window_is_loading (window) && rk_window_get_data (window)->week_start == 1;
}

static gboolean
prefs_idle (gpointer dialog)
{
  return !rk_preferences_dialog_get_busy (dialog);
}

static void
test_preferences (Fixture *f, gconstpointer data)
{
  RkPreferencesDialog *dialog = rk_preferences_dialog_new (GTK_WINDOW (f->window),
                                                            rk_window_get_context (f->window));
  g_autofree char *week = NULL, *gap = NULL, *tz = NULL;
  const char *path;

  /* The shared settings are read by the worker, then can be changed. */
  g_assert_true (!rk_preferences_dialog_get_busy (dialog) ||
                 !gtk_widget_is_sensitive (rk_preferences_dialog_get_field (dialog, "week_start")));
  g_assert_true (rk_test_wait_for (prefs_idle, dialog, 60));
  g_assert_true (gtk_widget_is_sensitive (rk_preferences_dialog_get_field (dialog, "week_start")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rk_preferences_dialog_get_field (
                     dialog, "timezone"))), ==, "Asia/Tokyo");

  path = gtk_label_get_text (GTK_LABEL (rk_preferences_dialog_get_field (dialog, "path")));
  g_assert_nonnull (strstr (path, f->path));
  g_assert_cmpuint (rk_window_get_data (f->window)->week_start, ==, 7);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_preferences_dialog_get_field (dialog,
                                                                              "week_start")),
                              1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rk_preferences_dialog_get_field (dialog,
                                                                               "travel_gap")),
                             45);
  set_entry (rk_preferences_dialog_get_field (dialog, "timezone"), "Mars/Olympus");
  g_signal_emit_by_name (rk_preferences_dialog_get_field (dialog, "timezone"), "activate");
  g_assert_true (gtk_widget_get_visible (rk_preferences_dialog_get_field (dialog,
                                                                          "timezone_error")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_preferences_dialog_get_field (dialog,
                                                                              "orientation")),
                              1);
  g_assert_true (rk_test_wait_for (prefs_idle, dialog, 60));

  /* A server's address: not a file name, and never with its password. */
  {
    GtkWidget *server = rk_preferences_dialog_get_field (dialog, "server");
    GtkWidget *error_label = rk_preferences_dialog_get_field (dialog, "error");

    set_entry (server, "/home/someone/renkei.db");
    g_signal_emit_by_name (server, "activate");
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "postgresql://"));
    set_entry (server, "postgresql://sato:himitsu@db.example.lg.jp/schedule");
    g_signal_emit_by_name (server, "activate");
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), ".pgpass"));
  }

  week = rk_store_get_setting (f->store, "week_start");
  gap = rk_store_get_setting (f->store, "travel_gap_minutes");
  tz = rk_store_get_setting (f->store, "timezone");
  g_assert_cmpstr (week, ==, "monday");
  g_assert_cmpstr (gap, ==, "45");
  g_assert_cmpstr (tz, ==, "Asia/Tokyo");
  /* The month follows, read again by the store worker. */
  g_assert_true (rk_test_wait_for (week_starts_monday, f->window, 20));
  g_assert_cmpuint (rk_window_get_data (f->window)->week_start, ==, 1);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *orientation = g_settings_get_string (settings, "print-orientation");
    g_assert_cmpstr (orientation, ==, "portrait");
    g_settings_reset (settings, "print-orientation");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The shared settings are undone like any change: the travel gap first,
   * then the week start, and redone again. */
  {
    RkUndoStack *undo = rk_window_get_undo (f->window);
    g_autoptr(GError) error = NULL;
    g_autofree char *gap_undone = NULL, *week_undone = NULL, *gap_redone = NULL;

    g_assert_true (rk_undo_stack_undo (undo, &error));
    g_assert_no_error (error);
    gap_undone = rk_store_get_setting (f->store, "travel_gap_minutes");
    g_assert_cmpstr (gap_undone, ==, "30");
    g_assert_true (rk_undo_stack_undo (undo, &error));
    week_undone = rk_store_get_setting (f->store, "week_start");
    g_assert_cmpstr (week_undone, ==, "sunday");
    g_assert_true (rk_undo_stack_redo (undo, &error));
    g_assert_true (rk_undo_stack_redo (undo, &error));
    g_assert_no_error (error);
    gap_redone = rk_store_get_setting (f->store, "travel_gap_minutes");
    g_assert_cmpstr (gap_redone, ==, "45");
  }
}

/* ---- keyboard and accessibility ----------------------------------------- */

/* Every button that shows only an icon says what it does. */
static void
check_icon_buttons (GtkWidget *widget, guint *n)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && gtk_button_get_icon_name (GTK_BUTTON (c)) &&
          gtk_button_get_label (GTK_BUTTON (c)) == NULL)
        {
          const char *tip = gtk_widget_get_tooltip_text (c);

          if (tip == NULL || *tip == '\0')
            g_test_message ("icon button %s without a tooltip",
                            gtk_button_get_icon_name (GTK_BUTTON (c)));
          g_assert_true (tip && *tip);
          (*n)++;
        }
      /* GTK's own composite widgets (calendar arrows, spin buttons) are
       * GTK's business. */
      if (!GTK_IS_CALENDAR (c) && !GTK_IS_SPIN_BUTTON (c) && !GTK_IS_DROP_DOWN (c) &&
          !GTK_IS_COLOR_BUTTON (c))
        check_icon_buttons (c, n);
    }
}

static void
find_switcher (GtkWidget *widget, GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_VIEW_SWITCHER (c))
        g_ptr_array_add (out, c);
      else
        find_switcher (c, out);
    }
}

static GtkWidget *
find_view_stack (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ADW_IS_VIEW_STACK (c) ? c : find_view_stack (c);

      if (found)
        return found;
    }
  return NULL;
}

/* The action the window's Alt+digit shortcut activates, from its shortcut
 * controller (the class's key bindings). */
static const char *
alt_digit_action (GtkWidget *window, guint digit)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_0 + digit &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_ALT_MASK)
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return NULL;
}

/* The titles of a switcher's buttons (each shows its title twice, for its
 * wide and narrow shapes) and the number of buttons. */
static void
collect_switcher (GtkWidget *widget, GPtrArray *labels, guint *n_buttons)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_TOGGLE_BUTTON (c))
        (*n_buttons)++;
      if (GTK_IS_LABEL (c))
        g_ptr_array_add (labels, (gpointer) gtk_label_get_text (GTK_LABEL (c)));
      collect_switcher (c, labels, n_buttons);
    }
}

static void
test_pages_reachable (Fixture *f, gconstpointer data)
{
  static const char *pages[] = { "staff", "places", "equipment", "programs" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = show_page (f, pages[i]);

      g_assert_true (gtk_widget_get_mapped (page));
      check_icon_buttons (page, &n);
      /* Something in the page takes the keyboard focus. */
      g_assert_true (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD));
    }
  g_assert_cmpuint (n, >=, 8);
  /* The view switcher (in the header, and at the bottom of a narrow
   * window, made when it first shows there: test-gui-adaptive) has a
   * button for each page, with the page's title. */
  {
    g_autoptr(GPtrArray) switchers = g_ptr_array_new ();

    find_switcher (GTK_WIDGET (f->window), switchers);
    g_assert_cmpuint (switchers->len, >=, 2);
    for (guint i = 0; i < switchers->len; i++)
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new ();
        guint n_buttons = 0;

        if (adw_view_switcher_get_stack (switchers->pdata[i]) == NULL)
          continue;
        collect_switcher (switchers->pdata[i], labels, &n_buttons);
        g_assert_cmpuint (n_buttons, ==, 8);
        g_assert_true (g_ptr_array_find_with_equal_func (labels, _("Staff"), g_str_equal, NULL));
        g_assert_true (g_ptr_array_find_with_equal_func (labels, _("Programs"), g_str_equal, NULL));
      }
  }
  /* Alt+N goes to the Nth button of the switcher, in the order shown. */
  {
    GtkWidget *stack = find_view_stack (GTK_WIDGET (f->window));
    g_autoptr(GtkSelectionModel) pages = NULL;
    guint keys = 0;

    g_assert_nonnull (stack);
    pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 8);
    for (guint n = 1; n <= 8; n++)
      {
        const char *action = alt_digit_action (GTK_WIDGET (f->window), n);
        g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), n - 1);

        g_assert_nonnull (action);
        gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL);
        rk_test_pump (30);
        g_assert_true (adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)) ==
                       adw_view_stack_page_get_child (page));
        keys++;
      }
    g_assert_cmpuint (keys, ==, 8);
  }
  /* Alt+1 goes back to the month. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-month", NULL);
  g_assert_true (gtk_widget_get_mapped (rk_window_get_month_view (f->window)));

  /* The keyboard shortcuts window (Ctrl+?, the menu's Keyboard Shortcuts;
   * made when first asked for, not at the start) lays out without a
   * complaint from GTK: warnings are fatal here, and fits a small screen.
   * Closed, it is shown again the same. */
  {
    GtkWindow *help = NULL;

    for (int round = 0; round < 2; round++)
      {
        g_autoptr(GList) all = NULL;

        gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
        rk_test_pump (100);
        all = gtk_window_list_toplevels ();
        for (GList *l = all; l; l = l->next)
          if (GTK_IS_SHORTCUTS_WINDOW (l->data))
            {
              g_assert_true (help == NULL || help == l->data);
              help = l->data;
            }
        g_assert_nonnull (help);
        g_assert_true (gtk_window_get_transient_for (help) == GTK_WINDOW (f->window));
        g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (help)));
        /* On a 1024×600 screen, the page switcher at its foot in view. */
        g_test_message ("shortcuts window %d×%d", gtk_widget_get_width (GTK_WIDGET (help)),
                        gtk_widget_get_height (GTK_WIDGET (help)));
        g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (help)), <=, 560);
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (help)), <=, 1000);
        gtk_window_close (help);
        rk_test_pump (20);
        g_assert_false (gtk_widget_get_visible (GTK_WIDGET (help)));
      }
  }
}

/* ---- screenshots -------------------------------------------------------- */

static gboolean
search_view_read (gpointer view)
{
  return !rk_search_view_is_loading (view);
}

/* Each page as a PNG: into $RK_SCREENSHOT_DIR when set (run with
 * LANG=ja_JP.UTF-8 for the Japanese ones), else a temporary folder. */
static void
test_screenshots (Fixture *f, gconstpointer data)
{
  static const char *pages[] = { "month", "staff", "places", "equipment", "programs" };
  const char *dir = g_getenv ("RK_SCREENSHOT_DIR");
  RkStaffPage *staff = RK_STAFF_PAGE (rk_window_get_page (f->window, "staff"));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  rk_test_select_staff (staff, staff_named (f->store, "佐藤 美咲"));
  g_assert_true (rk_test_wait_for (rk_test_programs_page_idle,
                                   rk_window_get_page (f->window, "programs"), 60));
  rk_programs_page_select (RK_PROGRAMS_PAGE (rk_window_get_page (f->window, "programs")), 1);
  g_assert_true (rk_test_wait_for (rk_test_equipment_page_idle,
                                   rk_window_get_page (f->window, "equipment"), 60));
  rk_equipment_page_select (RK_EQUIPMENT_PAGE (rk_window_get_page (f->window, "equipment")), 1);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", pages[i]);
      g_autofree char *path = g_build_filename (dir ? dir : f->dir, name, NULL);
      GStatBuf st;

      show_page (f, pages[i]);
      rk_test_pump (400);
      g_assert_true (rk_test_save_png (GTK_WIDGET (f->window), path));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, 10000);
    }
  {
    /* The editor of a series, with its three scopes. */
    g_autofree char *path = g_build_filename (dir ? dir : f->dir, "editor.png", NULL);
    RkEventEditor *editor;

    show_page (f, "month");
    editor = open_chip (f, chip_on (f, "2026-12-18", "ふたご・みつご広場"));
    gtk_window_present (GTK_WINDOW (editor));
    rk_test_pump (400);
    g_assert_true (rk_test_save_png (GTK_WIDGET (editor), path));
    gtk_window_destroy (GTK_WINDOW (editor));
  }
  {
    /* A new event repeating every two weeks on Tuesday and Thursday, in
     * words, until the end of the fiscal year, its next dates below. */
    g_autofree char *path = g_build_filename (dir ? dir : f->dir, "editor-repeat.png", NULL);
    RkEventEditor *editor;
    RkRepeatEditor *words;
    GtkWidget *repeat;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-event-on", "u",
                                (guint32) day_of ("2026-12-10"));
    editor = RK_EVENT_EDITOR (rk_window_get_editor (f->window));
    rk_test_wait_editor (editor);
    rk_test_pump (100);
    gtk_editable_set_text (GTK_EDITABLE (rk_event_editor_get_field (editor, "title")),
                           "両親学級（平日コース）");
    repeat = rk_event_editor_get_field (editor, "repeat");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (repeat),
                                g_list_model_get_n_items (gtk_drop_down_get_model (
                                                            GTK_DROP_DOWN (repeat))) - 1);
    words = RK_REPEAT_EDITOR (rk_event_editor_get_field (editor, "repeat_editor"));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (rk_repeat_editor_get_field (words, "interval")), 2);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (rk_repeat_editor_get_field (words, "weekday-2")),
                                  TRUE);
    gtk_window_present (GTK_WINDOW (editor));
    rk_test_pump (400);
    g_assert_true (rk_test_save_png (GTK_WIDGET (editor), path));
    gtk_window_destroy (GTK_WINDOW (editor));
    rk_test_pump (50);
  }
  {
    /* The planning views on the demo's busiest week. */
    static const char *views[] = { "week", "rooms", "people", "year" };
    GtkWidget *plan;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-plan", NULL);
    plan = rk_window_get_page (f->window, "plan");
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s.png", views[i]);
        g_autofree char *path = g_build_filename (dir ? dir : f->dir, name, NULL);
        gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

        rk_plan_page_show_day (RK_PLAN_PAGE (plan), day_of ("2026-12-22"), views[i]);
        while (rk_plan_page_is_loading (RK_PLAN_PAGE (plan)) && g_get_monotonic_time () < end)
          g_main_context_iteration (NULL, TRUE);
        rk_test_pump (400);
        g_assert_true (rk_test_save_png (GTK_WIDGET (f->window), path));
      }
    {
      /* Search over all dates, by the kana of a name: 「さとう」 finds 佐藤. */
      g_autofree char *path = g_build_filename (dir ? dir : f->dir, "search.png", NULL);
      RkSearchView *search;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
      search = RK_SEARCH_VIEW (rk_plan_page_get_child (RK_PLAN_PAGE (plan), "search"));
      rk_search_view_set_query (search, "さとう");
      g_assert_true (rk_test_wait_for (search_view_read, search, 60));
      g_assert_cmpuint (rk_search_view_get_n_results (search), >, 0);
      rk_test_pump (400);
      g_assert_true (rk_test_save_png (GTK_WIDGET (f->window), path));
    }
    show_page (f, "month");
  }
  {
    RkPreferencesDialog *prefs = rk_preferences_dialog_new (GTK_WINDOW (f->window),
                                                            rk_window_get_context (f->window));
    g_autofree char *path = g_build_filename (dir ? dir : f->dir, "preferences.png", NULL);

    gtk_window_present (GTK_WINDOW (prefs));
    rk_test_pump (400);
    g_assert_true (rk_test_save_png (GTK_WIDGET (prefs), path));
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  {
    g_autofree char *ics = g_build_filename (f->dir, "shot.ics", NULL);
    g_autofree char *path = g_build_filename (dir ? dir : f->dir, "import.png", NULL);
    RkImportDialog *dialog;

    g_assert_true (g_file_set_contents (ics, good_ics, -1, NULL));
    dialog = rk_test_open_import (f->window, ics);
    gtk_window_present (GTK_WINDOW (dialog));
    rk_test_pump (400);
    g_assert_true (rk_test_save_png (GTK_WIDGET (dialog), path));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

/* Xvfb has no session bus; GTK says so once. Everything else stays fatal. */
static gboolean
fatal_filter (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  return !(message && strstr (message, "session bus"));
}

int
main (int argc, char **argv)
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
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_filter, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
  rk_gui_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui-pages/staff/add", test_staff_add);
  ADD ("/gui-pages/staff/deactivate", test_staff_deactivate);
  ADD ("/gui-pages/staff/unavailable", test_staff_unavailable);
  ADD ("/gui-pages/staff/print", test_staff_print);
  ADD ("/gui-pages/staff/save-ics", test_staff_save_ics);
  ADD ("/gui-pages/places/closing-day-policy", test_closing_day_policy);
  ADD ("/gui-pages/places/stale-edit", test_venue_edit_stale);
  ADD ("/gui-pages/places/notice", test_venue_notice);
  ADD ("/gui-pages/programs/requirements", test_program_requirements);
  ADD ("/gui-pages/equipment/bookings", test_equipment);
  ADD ("/gui-pages/exchange/import-preview", test_import_preview);
  ADD ("/gui-pages/exchange/import-notes", test_import_notes);
  ADD ("/gui-pages/exchange/import-many-lines", test_import_many_lines);
  ADD ("/gui-pages/exchange/export", test_export);
  ADD ("/gui-pages/undo/round-trips", test_undo_redo_pages);
  ADD ("/gui-pages/external/cli-change", test_external_change);
  ADD ("/gui-pages/context/subscribers", test_context_subscribers);
  ADD ("/gui-pages/editor/following-scope", test_editor_following);
  ADD ("/gui-pages/editor/whole-series-report", test_editor_whole_series_report);
  ADD ("/gui-pages/editor/cancel-following", test_cancel_following);
  ADD ("/gui-pages/preferences", test_preferences);
  ADD ("/gui-pages/keyboard", test_pages_reachable);
  ADD ("/gui-pages/screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
