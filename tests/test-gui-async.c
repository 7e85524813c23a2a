#define G_LOG_DOMAIN "test-gui-async"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gtk/gtk.h>

#include <adwaita.h>

#include "rk-annual-view.h"
#include "rk-attendance-week.h"
#include "rk-context.h"
#include "rk-application.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-export.h"
#include "rk-import-dialog.h"
#include "rk-month-data.h"
#include "rk-series.h"
#include "rk-preferences-dialog.h"
#include "rk-print.h"
#include "rk-schedule.h"
#include "rk-search-view.h"
#include "rk-staff-dialog.h"
#include "rk-staff-page.h"
#include "rk-staff-print.h"
#include "rk-store.h"
#include "rk-window.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"

/* Issue 17: the desktop's writes go through the context's store worker,
 * on its own connection. What a coordinator depends on: a save lands in
 * the database (seen through another connection), Save can't be pressed
 * twice and the editor can't be closed while it runs, a refused save
 * keeps everything typed, and the save is one undo step. The same cases
 * run on the file and on the test server (gui-async-pg). */
#define TODAY "2027-02-24"

typedef struct
{
  char     *path;
  RkStore  *store;
  RkWindow *window;
} Fixture;

static RkDay
day_of (const char *text)
{
  RkDay day = 0;

  g_assert_true (rk_date_parse (text, &day));
  return day;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->path = rk_test_db_path ();
  f->store = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  f->window = rk_window_new (NULL, f->store);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  rk_window_set_month (f->window, 2027, 3);
  rk_test_wait_month (f->window);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GtkWidget *editor = rk_window_get_editor (f->window);

  if (editor)
    gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->window);
  rk_test_pump (20);
  g_clear_object (&f->store);
  if (!rk_test_backend_is_pg ())
    {
      g_autofree char *dir = g_path_get_dirname (f->path);

      rk_test_rm_rf (dir);
    }
  g_free (f->path);
}

/* The events titled title on day, as another connection reads them. */
static guint
stored_events (Fixture *f, const char *day, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  g_autoptr(RkSchedule) schedule = NULL;
  guint n = 0;

  g_assert_no_error (error);
  schedule = rk_store_load_schedule (other, day_of (day), day_of (day), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < schedule->events->len; i++)
    {
      RkSEvent *se = g_ptr_array_index (schedule->events, i);

      if (g_strcmp0 (se->title, title) == 0)
        n++;
    }
  return n;
}

static gint64
add_event (Fixture *f, const char *title, const char *start, const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEvent) e = rk_event_new ();
  gint64 id;

  g_object_set (e, "title", title, "start", start, "end", end, "on-holiday", "keep", NULL);
  g_assert_true (rk_store_begin (f->store, &error));
  id = rk_store_add_event (f->store, e, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (f->store, &error));
  return id;
}

static RkEventEditor *
open_new_editor (Fixture *f, const char *date)
{
  GtkWidget *editor;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-event-on", "u",
                              (guint32) day_of (date));
  editor = rk_window_get_editor (f->window);
  g_assert_nonnull (editor);
  rk_test_wait_editor (editor);
  rk_test_pump (20);
  return RK_EVENT_EDITOR (editor);
}

static void
set_title (RkEventEditor *editor, const char *title)
{
  gtk_editable_set_text (GTK_EDITABLE (rk_event_editor_get_field (editor, "title")), title);
}

static gboolean
editor_closed (gpointer data)
{
  Fixture *f = data;

  return rk_window_get_editor (f->window) == NULL;
}

/* A new event saved through the worker lands in the database; while the
 * save runs Save is insensitive, a second press is refused and the
 * editor does not close; the save is one undo step. */
static void
test_save_through_worker (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkEventEditor *editor = open_new_editor (f, "2027-03-10");
  GtkWidget *save = rk_event_editor_get_field (editor, "save");
  RkUndoStack *undo = rk_window_get_undo (f->window);
  RkTestSave first = { 0 }, second = { 0 };

  set_title (editor, "離乳食教室");
  rk_test_pump (20);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_cmpuint (stored_events (f, "2027-03-10", "離乳食教室"), ==, 0);

  g_object_ref (editor);
  rk_event_editor_save_async (editor, rk_test_editor_saved, &first);
  /* Under way: nothing answers a second press, and closing waits. */
  g_assert_true (rk_event_editor_get_saving (editor));
  g_assert_false (gtk_widget_get_sensitive (save));
  rk_event_editor_save_async (editor, rk_test_editor_saved, &second);
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (rk_window_get_editor (f->window) == GTK_WIDGET (editor));

  g_assert_true (rk_test_wait_for (rk_test_save_done, &second, 60));
  g_assert_false (second.ok);
  g_assert_error (second.error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&second.error);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &first, 60));
  g_assert_no_error (first.error);
  g_assert_true (first.ok);
  g_object_unref (editor);
  g_assert_true (rk_test_wait_for (editor_closed, f, 10));

  /* Saved once, through another connection than the window's. */
  g_assert_cmpuint (stored_events (f, "2027-03-10", "離乳食教室"), ==, 1);

  /* The worker's transaction is the window's undo step. */
  g_assert_true (rk_undo_stack_can_undo (undo));
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "New event");
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored_events (f, "2027-03-10", "離乳食教室"), ==, 0);
  g_assert_true (rk_undo_stack_redo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored_events (f, "2027-03-10", "離乳食教室"), ==, 1);
}

/* Someone else saved the event while it was open: the save is refused,
 * the editor stays open with everything typed, offers to reload, and can
 * be saved again after all. */
static void
test_refused_save_keeps_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  GtkWidget *editor, *title;

  rk_window_refresh (f->window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-occurrence", "(xu)", id,
                              (guint32) day_of ("2027-03-11"));
  editor = rk_window_get_editor (f->window);
  g_assert_nonnull (editor);
  rk_test_wait_editor (editor);
  rk_test_pump (20);
  title = rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "title");
  set_title (RK_EVENT_EDITOR (editor), "母親学級（午前の部）");
  gtk_text_buffer_set_text (
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (rk_event_editor_get_field (RK_EVENT_EDITOR (editor),
                                                                        "notes"))),
    "持ち物：母子手帳", -1);

  /* Another coordinator's save, on another connection. */
  {
    g_autoptr(RkStore) other = rk_store_open (f->path, &error);
    g_autoptr(RkEvent) e = NULL;

    g_assert_no_error (error);
    e = rk_store_get_event (other, id, &error);
    g_assert_no_error (error);
    g_object_set (e, "capacity", 12, NULL);
    g_assert_true (rk_store_begin (other, &error));
    g_assert_true (rk_store_update_event (other, e, &error));
    g_assert_true (rk_store_commit (other, &error));
    g_assert_no_error (error);
  }

  g_assert_false (rk_test_editor_save (RK_EVENT_EDITOR (editor), &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_STALE);
  g_clear_error (&error);
  /* Still open, as typed, saying why, ready to be sent again. */
  g_assert_true (rk_window_get_editor (f->window) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "母親学級（午前の部）");
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "stale_bar"))));
  g_assert_false (rk_event_editor_get_saving (RK_EVENT_EDITOR (editor)));
  g_assert_true (gtk_widget_get_sensitive (rk_event_editor_get_field (RK_EVENT_EDITOR (editor),
                                                                      "save")));
  g_assert_cmpuint (stored_events (f, "2027-03-11", "母親学級（午前の部）"), ==, 0);
  /* Nothing of the refused save is an undo step. */
  g_assert_false (rk_undo_stack_can_undo (rk_window_get_undo (f->window)));
}

static gboolean
fatal_filter (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  return !(message && strstr (message, "session bus"));
}

static guint
count_all (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  g_autoptr(GHashTable) stamps = NULL;

  g_assert_no_error (error);
  stamps = rk_store_event_stamps (other, &error);
  g_assert_no_error (error);
  return g_hash_table_size (stamps);
}

/* The import previews in the worker (nothing written), then writes
 * exactly what the preview said in one transaction, one undo step; Import
 * can't be pressed twice while it runs. */
static void
test_import_through_worker (Fixture *f, gconstpointer data)
{
  static const char ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a-1@test\r\nSUMMARY:パパの育児講座\r\n"
    "DTSTART;TZID=Asia/Tokyo:20270305T100000\r\nDTEND;TZID=Asia/Tokyo:20270305T113000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:a-2@test\r\nSUMMARY:離乳食講習会\r\n"
    "DTSTART;TZID=Asia/Tokyo:20270312T133000\r\nDTEND;TZID=Asia/Tokyo:20270312T150000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:a-3@test\r\nSUMMARY:ふたご広場\r\n"
    "DTSTART;TZID=Asia/Tokyo:20270319T100000\r\nDTEND;TZID=Asia/Tokyo:20270319T120000\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("renkei-async-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "march.ics", NULL);
  RkUndoStack *undo = rk_window_get_undo (f->window);
  guint created = 0, updated = 0, problems = 0, before;
  RkTestSave first = { 0 }, second = { 0 };
  RkImportDialog *dialog;

  add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  before = count_all (f);
  g_assert_true (g_file_set_contents (path, ics, -1, NULL));
  dialog = rk_test_open_import (f->window, path);
  g_assert_true (rk_import_dialog_get_preview (dialog, &created, &updated, &problems, NULL));
  g_assert_cmpuint (created, ==, 3);
  g_assert_cmpuint (updated, ==, 0);
  g_assert_cmpuint (count_all (f), ==, before);
  g_assert_true (gtk_widget_get_sensitive (rk_import_dialog_get_field (dialog, "import")));

  g_object_ref (dialog);
  rk_import_dialog_commit_async (dialog, rk_test_imported, &first);
  g_assert_true (rk_import_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (rk_import_dialog_get_field (dialog, "import")));
  rk_import_dialog_commit_async (dialog, rk_test_imported, &second);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &second, 60));
  g_assert_false (second.ok);
  g_clear_error (&second.error);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &first, 60));
  g_assert_no_error (first.error);
  g_assert_true (first.ok);
  g_object_unref (dialog);

  /* Exactly what the preview said, once each. */
  g_assert_cmpuint (count_all (f), ==, before + created);
  g_assert_cmpuint (stored_events (f, "2027-03-05", "パパの育児講座"), ==, 1);
  g_assert_cmpuint (stored_events (f, "2027-03-12", "離乳食講習会"), ==, 1);
  g_assert_cmpuint (stored_events (f, "2027-03-19", "ふたご広場"), ==, 1);
  g_assert_cmpuint (stored_events (f, "2027-03-11", "母親学級"), ==, 1);

  /* One undo step takes all of it back. */
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "Import march.ics");
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_all (f), ==, before);
  g_assert_cmpuint (stored_events (f, "2027-03-11", "母親学級"), ==, 1);
  rk_test_rm_rf (dir);
}

static void
worker_done (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *done = data;

  /* Both finishes are the worker's run_finish. */
  done->ok = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &done->error) != NULL;
  done->done = TRUE;
}

/* The .ics and the month PDF are read and written by the worker: the
 * files hold the month's event. */
static void
test_export_through_worker (Fixture *f, gconstpointer data)
{
  RkStoreWorker *worker = rk_context_get_worker (rk_window_get_context (f->window));
  g_autofree char *dir = g_dir_make_tmp ("renkei-async-XXXXXX", NULL);
  g_autofree char *ics = g_build_filename (dir, "march.ics", NULL);
  g_autofree char *pdf = g_build_filename (dir, "march.pdf", NULL);
  g_autofree char *text = NULL;
  RkTestSave a = { 0 }, b = { 0 };

  add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  rk_export_write_async (worker, 2027, 3, RK_EXPORT_ICS, FALSE, FALSE, FALSE, ics, worker_done,
                         &a);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &a, 60));
  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "SUMMARY:母親学級"));

  if (rk_print_available ())
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      g_autofree char *pdf_text = NULL;
      g_autofree char *squeezed = NULL;

      rk_print_write_pdf_async (worker, 2027, 3, FALSE, pdf, worker_done, &b);
      g_assert_true (rk_test_wait_for (rk_test_save_done, &b, 60));
      g_assert_no_error (b.error);
      g_assert_true (b.ok);
      pdf_text = rk_test_tool (argv);
      squeezed = rk_test_squeeze (pdf_text);
      g_assert_nonnull (strstr (squeezed, "母親学級"));
    }
  rk_test_rm_rf (dir);
}


/* ---- holding the worker busy -------------------------------------------- */

/* A job that keeps the worker's thread until released: what a slow or
 * busy server does to every request queued behind it. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean held, release, done;
} Gate;

static gpointer
gate_run (RkStore *store, gpointer data, GError **error)
{
  Gate *g = data;

  g_mutex_lock (&g->lock);
  g->held = TRUE;
  g_cond_broadcast (&g->cond);
  while (!g->release)
    g_cond_wait (&g->cond, &g->lock);
  g_mutex_unlock (&g->lock);
  return g;
}

static void
gate_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Gate *g = data;

  g_assert_nonnull (rk_store_worker_run_finish (RK_STORE_WORKER (source), result, NULL));
  g->done = TRUE;
}

static void
hold (RkStoreWorker *worker, Gate *g)
{
  g_mutex_init (&g->lock);
  g_cond_init (&g->cond);
  rk_store_worker_run_async (worker, gate_run, g, NULL, NULL, NULL, gate_done, g);
  g_mutex_lock (&g->lock);
  while (!g->held)
    g_cond_wait (&g->cond, &g->lock);
  g_mutex_unlock (&g->lock);
}

static void
hold_worker (Fixture *f, Gate *g)
{
  hold (rk_context_get_worker (rk_window_get_context (f->window)), g);
}

static gboolean
gate_finished (gpointer data)
{
  return ((Gate *) data)->done;
}

static void
release_worker (Gate *g)
{
  g_mutex_lock (&g->lock);
  g->release = TRUE;
  g_cond_broadcast (&g->cond);
  g_mutex_unlock (&g->lock);
  g_assert_true (rk_test_wait_for (gate_finished, g, 60));
  g_mutex_clear (&g->lock);
  g_cond_clear (&g->cond);
}

static gboolean
count_beat (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* The main loop goes on answering while the worker is held: a beat every
 * few milliseconds keeps coming. */
static void
assert_main_loop_answers (void)
{
  guint beats = 0;
  guint id = g_timeout_add (2, count_beat, &beats);

  while (beats < 5)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* The start of the occurrence of id first on orig (its original date), as
 * another connection reads it. */
static char *
stored_start (Fixture *f, gint64 id, const char *orig)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  RkOcc occ = { 0 };

  g_assert_no_error (error);
  g_assert_true (rk_series_find_occurrence (other, id, day_of (orig), &occ, &error));
  g_assert_no_error (error);
  return rk_time_format (occ.start);
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *f = data;

  return rk_window_get_toast_message (f->window) != NULL;
}

/* Dropping a chip on another day (win.move-occurrence) saves in the
 * worker: while it waits its turn nothing is written and the window
 * answers; then it lands once, one undo step, and the month shows it. */
static void
test_move_through_worker (Fixture *f, gconstpointer data)
{
  gint64 id = add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  RkUndoStack *undo = rk_window_get_undo (f->window);
  g_autofree char *start = NULL;
  Gate gate = { 0 };

  rk_window_reload (f->window);
  hold_worker (f, &gate);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move-occurrence", "(xuu)", id,
                              (guint32) day_of ("2027-03-11"), (guint32) day_of ("2027-03-18"));
  assert_main_loop_answers ();
  start = stored_start (f, id, "2027-03-11");
  g_assert_cmpstr (start, ==, "2027-03-11T10:00");
  g_clear_pointer (&start, g_free);
  g_assert_false (rk_undo_stack_can_undo (undo));

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (toast_shown, f, 60));
  rk_test_settle_window (GTK_WINDOW (f->window));
  g_assert_cmpstr (rk_window_get_toast_message (f->window), ==, "Event moved");
  start = stored_start (f, id, "2027-03-11");
  g_assert_cmpstr (start, ==, "2027-03-18T10:00");
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "Move event");
  /* The month the window shows has it on the 18th, not the 11th. */
  g_assert_nonnull (rk_month_data_find (rk_window_get_data (f->window), id,
                                        day_of ("2027-03-11")));
  g_assert_cmpuint (rk_minute_day (rk_month_data_find (rk_window_get_data (f->window), id,
                                                       day_of ("2027-03-11"))->start),
                    ==, day_of ("2027-03-18"));
}

typedef struct
{
  guint   calls;
  gboolean ok;
  GError *error;
} Opened;

static void
count_opened (GObject *source, GAsyncResult *result, gpointer data)
{
  Opened *o = data;

  o->calls++;
  g_clear_error (&o->error);
  o->ok = rk_event_editor_load_finish (RK_EVENT_EDITOR (source), result, &o->error);
}

static gboolean
opened_answered (gpointer data)
{
  return ((Opened *) data)->calls > 0;
}

static const char *
editor_title (GtkWidget *editor)
{
  return gtk_editable_get_text (GTK_EDITABLE (
    rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "title")));
}

/* Opening an event reads it in the worker: while the worker is held the
 * editor is there at once with a spinner, nothing offered to type or
 * save, and the window answers; opened again meanwhile, the older read is
 * dropped (answered once, as cancelled) and the newer one shown once. */
static void
test_editor_opens_through_worker (Fixture *f, gconstpointer data)
{
  gint64 first = add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  gint64 second = add_event (f, "離乳食教室", "2027-03-12T10:00", "2027-03-12T11:30");
  Opened a = { 0 }, b = { 0 };
  Gate gate = { 0 };
  GtkWidget *editor;

  rk_window_reload (f->window);
  rk_test_wait_month (f->window);
  hold_worker (f, &gate);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-occurrence", "(xu)", first,
                              (guint32) day_of ("2027-03-11"));
  editor = rk_window_get_editor (f->window);
  g_assert_nonnull (editor);
  assert_main_loop_answers ();
  g_assert_true (rk_event_editor_get_opening (RK_EVENT_EDITOR (editor)));
  g_assert_cmpstr (editor_title (editor), ==, "");
  g_assert_false (gtk_widget_is_sensitive (
    rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "title")));
  g_assert_false (gtk_widget_get_sensitive (
    rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "save")));

  rk_event_editor_load_async (RK_EVENT_EDITOR (editor), first, day_of ("2027-03-11"),
                              count_opened, &a);
  rk_event_editor_load_async (RK_EVENT_EDITOR (editor), second, day_of ("2027-03-12"),
                              count_opened, &b);
  g_assert_true (rk_test_wait_for (opened_answered, &a, 60));
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (b.calls, ==, 0);

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (opened_answered, &b, 60));
  rk_test_wait_editor (editor);
  rk_test_pump (50);
  g_assert_cmpuint (a.calls, ==, 1);
  g_assert_cmpuint (b.calls, ==, 1);
  g_assert_no_error (b.error);
  g_assert_true (b.ok);
  g_assert_cmpstr (editor_title (editor), ==, "離乳食教室");
  g_assert_true (gtk_widget_is_sensitive (
    rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "title")));
  g_assert_true (gtk_widget_get_sensitive (
    rk_event_editor_get_field (RK_EVENT_EDITOR (editor), "save")));
  g_clear_error (&a.error);
}

/* A new event's editor can be typed in at once, while the worker reads
 * its lists; what was typed stays when they arrive, and Save waits for
 * them. The live check runs in the worker too: typing goes on answering
 * while it waits, and its answer arrives after. */
static void
test_editor_new_and_check_through_worker (Fixture *f, gconstpointer data)
{
  Gate gate = { 0 }, again = { 0 };
  RkEventEditor *editor;
  GtkWidget *save;

  hold_worker (f, &gate);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-event-on", "u",
                              (guint32) day_of ("2027-03-10"));
  editor = RK_EVENT_EDITOR (rk_window_get_editor (f->window));
  g_assert_nonnull (editor);
  save = rk_event_editor_get_field (editor, "save");
  g_assert_true (rk_event_editor_get_opening (editor));
  g_assert_true (gtk_widget_is_sensitive (rk_event_editor_get_field (editor, "title")));
  set_title (editor, "離乳食教室");
  assert_main_loop_answers ();
  g_assert_false (gtk_widget_get_sensitive (save));
  release_worker (&gate);
  rk_test_wait_editor (editor);
  g_assert_cmpstr (editor_title (GTK_WIDGET (editor)), ==, "離乳食教室");
  g_assert_true (gtk_widget_get_sensitive (save));

  /* The check waits its turn in the worker; the window answers meanwhile. */
  hold_worker (f, &again);
  set_title (editor, "離乳食教室（後期）");
  rk_test_pump (300);
  g_assert_true (rk_event_editor_get_checking (editor));
  assert_main_loop_answers ();
  release_worker (&again);
  rk_test_wait_editor (editor);
  g_assert_false (rk_event_editor_get_checking (editor));
  g_assert_cmpuint (rk_event_editor_get_n_problems (editor), ==, 0);
}

static GtkWindow *
toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (w), title) == 0)
        return w;
    }
  return NULL;
}

static gboolean
preview_ready (gpointer data)
{
  return rk_print_preview_get_pages (data, NULL);
}

/* Print Preview: the window is there at once and says it is reading while
 * the worker is held, the main window answering; released, the pages of
 * the month arrive (the same month drawn once). */
static void
test_preview_through_worker (Fixture *f, gconstpointer data)
{
  Gate gate = { 0 };
  GtkWindow *preview;
  int n_pages = -1;

  add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  hold_worker (f, &gate);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-preview", NULL);
  preview = toplevel_titled ("Print Preview");
  g_assert_nonnull (preview);
  assert_main_loop_answers ();
  g_assert_false (rk_print_preview_get_pages (preview, &n_pages));

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (preview_ready, preview, 60));
  g_assert_true (rk_print_preview_get_pages (preview, &n_pages));
  g_assert_cmpint (n_pages, >=, 1);
  gtk_window_destroy (preview);
}

typedef struct
{
  Gate  *gate;
  guint  beats;
} Beats;

/* A beat of the main loop while it runs the export; the tenth lets the
 * held worker go (from inside the operation's nested main loop). */
static gboolean
beat_then_release (gpointer data)
{
  Beats *b = data;

  if (++b->beats == 10)
    {
      g_mutex_lock (&b->gate->lock);
      b->gate->release = TRUE;
      g_cond_broadcast (&b->gate->cond);
      g_mutex_unlock (&b->gate->lock);
    }
  return G_SOURCE_CONTINUE;
}

/* Runs op (made while gate held the worker; taken) into a PDF file: the
 * pages wait for the worker, which is let go only once the main loop has
 * answered ten beats meanwhile, so an export that ends has waited for it
 * with the window answering. What pdftotext reads of the file, without
 * white space. */
static char *
print_held (Fixture *f, GtkPrintOperation *op_taken, Gate *gate)
{
  g_autoptr(GtkPrintOperation) op = op_taken;
  g_autofree char *dir = g_dir_make_tmp ("renkei-print-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "print.pdf", NULL);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  Beats beats = { gate, 0 };
  guint beat;
  g_autofree char *text = NULL;

  gtk_print_operation_set_export_filename (op, pdf);
  beat = g_timeout_add (2, beat_then_release, &beats);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            GTK_WINDOW (f->window), &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_source_remove (beat);
  g_assert_cmpuint (beats.beats, >=, 10);
  release_worker (gate);
  text = rk_test_tool (argv);
  rk_test_rm_rf (dir);
  return rk_test_squeeze (text);
}

/* The parents' class of 11 March 2027 with midwife 佐藤 美咲 on it; her id. */
static gint64
add_staffed_class (Fixture *f)
{
  gint64 id = add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  g_autofree char *eid = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *sid = rk_test_cli_ok (f->path, TODAY, "staff", "add", "--name", "佐藤 美咲",
                                         "--role", "midwife", NULL);

  g_free (rk_test_cli_ok (f->path, TODAY, "assign", eid, g_strstrip (sid), NULL));
  return g_ascii_strtoll (sid, NULL, 10);
}

/* Printing the month: the print dialog's pages are the worker's (the
 * public version names no one), the window answering while they are made. */
static void
test_print_through_worker (Fixture *f, gconstpointer data)
{
  RkStoreWorker *worker = rk_context_get_worker (rk_window_get_context (f->window));
  g_autofree char *public = NULL;
  g_autofree char *staff = NULL;
  Gate gate = { 0 };
  Gate again = { 0 };

  add_staffed_class (f);
  hold_worker (f, &gate);
  public = print_held (f, rk_print_month_operation (GTK_WINDOW (f->window), worker, 2027, 3,
                                                    FALSE),
                       &gate);
  g_assert_nonnull (strstr (public, "母親学級"));
  g_assert_null (strstr (public, "佐藤"));
  /* the staff version names her */
  hold_worker (f, &again);
  staff = print_held (f, rk_print_month_operation (GTK_WINDOW (f->window), worker, 2027, 3,
                                                   TRUE),
                      &again);
  g_assert_nonnull (strstr (staff, "母親学級"));
  g_assert_nonnull (strstr (staff, "佐藤"));
}

/* A person's sheet from the staff page's Print: the same. */
static void
test_staff_print_through_worker (Fixture *f, gconstpointer data)
{
  RkStoreWorker *worker = rk_context_get_worker (rk_window_get_context (f->window));
  gint64 sid = add_staffed_class (f);
  g_autofree char *text = NULL;
  Gate gate = { 0 };

  hold_worker (f, &gate);
  text = print_held (f, rk_staff_print_operation (GTK_WINDOW (f->window), worker, sid,
                                                  "佐藤 美咲", 2027, 3),
                     &gate);
  g_assert_nonnull (strstr (text, "佐藤美咲"));
  g_assert_nonnull (strstr (text, "母親学級"));
}

static gboolean
search_read (gpointer view)
{
  return !rk_search_view_is_loading (view);
}

/* The search's first read of every event is the worker's: held, the
 * view says it is reading and the window answers; what was typed
 * meanwhile is what is searched when the events arrive, once. */
static void
test_search_through_worker (Fixture *f, gconstpointer data)
{
  RkStoreWorker *worker = rk_context_get_worker (rk_window_get_context (f->window));
  GtkWidget *view = g_object_ref_sink (rk_search_view_new ());
  Gate gate = { 0 };

  add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  add_event (f, "離乳食教室", "2027-03-12T10:00", "2027-03-12T11:30");
  rk_search_view_set_worker (RK_SEARCH_VIEW (view), worker);
  hold_worker (f, &gate);
  rk_search_view_set_query (RK_SEARCH_VIEW (view), "母親");
  g_assert_true (rk_search_view_is_loading (RK_SEARCH_VIEW (view)));
  rk_search_view_set_query (RK_SEARCH_VIEW (view), "離乳食");
  assert_main_loop_answers ();
  g_assert_cmpuint (rk_search_view_get_n_results (RK_SEARCH_VIEW (view)), ==, 0);

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (search_read, view, 60));
  g_assert_cmpuint (rk_search_view_get_n_results (RK_SEARCH_VIEW (view)), ==, 1);
  {
    gint64 id;
    guint orig, day;

    rk_search_view_get_result (RK_SEARCH_VIEW (view), 0, &id, &orig, &day);
    g_assert_cmpuint (day, ==, day_of ("2027-03-12"));
  }
  g_object_unref (view);
}

static gboolean
annual_read (gpointer view)
{
  return !rk_annual_view_is_loading (view) && rk_annual_view_get_annual (view) != NULL;
}

/* The results report reads its year and the settings it depends on (the
 * fiscal year's first month, today) in the worker: held, the view is
 * there and loading and the window answers; released, today's fiscal
 * year arrives summed. */
static void
test_annual_through_worker (Fixture *f, gconstpointer data)
{
  Gate gate = { 0 };
  GtkWidget *view;

  hold_worker (f, &gate);
  view = g_object_ref_sink (g_object_new (RK_TYPE_ANNUAL_VIEW, "context",
                                          rk_window_get_context (f->window), NULL));
  g_assert_true (rk_annual_view_is_loading (RK_ANNUAL_VIEW (view)));
  assert_main_loop_answers ();
  g_assert_null (rk_annual_view_get_annual (RK_ANNUAL_VIEW (view)));

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (annual_read, view, 60));
  /* TODAY is in February 2027: the fiscal year that began in April 2026. */
  g_assert_cmpint (rk_annual_view_get_fiscal_year (RK_ANNUAL_VIEW (view)), ==, 2026);
  g_object_unref (view);
}

/* Undo runs in the worker: while the worker is held, nothing is put back,
 * undo and redo are off (a second press undoes nothing more), and the
 * window answers; released, exactly one step is undone and can be redone. */
static void
test_undo_through_worker (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  RkUndoStack *undo = rk_window_get_undo (f->window);
  RkContext *context = rk_window_get_context (f->window);
  g_autofree char *start = NULL;
  Gate gate = { 0 };

  rk_window_reload (f->window);
  g_assert_true (rk_test_move_occurrence (f->window, id, day_of ("2027-03-11"),
                                          day_of ("2027-03-18"), FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (rk_test_move_occurrence (f->window, id, day_of ("2027-03-11"),
                                          day_of ("2027-03-25"), FALSE, &error));
  g_assert_no_error (error);

  hold_worker (f, &gate);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_true (rk_context_get_undoing (context));
  /* Off while it runs: a second press is not a second undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  assert_main_loop_answers ();
  start = stored_start (f, id, "2027-03-11");
  g_assert_cmpstr (start, ==, "2027-03-25T10:00");
  g_clear_pointer (&start, g_free);

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (rk_test_not_undoing, f->window, 60));
  rk_test_settle_window (GTK_WINDOW (f->window));
  start = stored_start (f, id, "2027-03-11");
  g_assert_cmpstr (start, ==, "2027-03-18T10:00");
  g_clear_pointer (&start, g_free);
  g_assert_cmpstr (rk_window_get_toast_message (f->window), ==, "Undone: Move event");
  g_assert_true (rk_undo_stack_can_undo (undo));
  g_assert_true (rk_undo_stack_can_redo (undo));

  rk_test_undo (f->window, TRUE);
  start = stored_start (f, id, "2027-03-11");
  g_assert_cmpstr (start, ==, "2027-03-25T10:00");
  g_clear_pointer (&start, g_free);
  g_assert_cmpstr (rk_window_get_toast_message (f->window), ==, "Redone: Move event");
  g_assert_false (rk_undo_stack_can_redo (undo));
}

/* Someone else changed the moved event: undo in the worker refuses, says
 * why, leaves their change, and keeps the step to be tried again. */
static void
test_undo_refused_keeps_other_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_event (f, "母親学級", "2027-03-11T10:00", "2027-03-11T12:00");
  RkUndoStack *undo = rk_window_get_undo (f->window);
  g_autofree char *start = NULL;

  rk_window_reload (f->window);
  g_assert_true (rk_test_move_occurrence (f->window, id, day_of ("2027-03-11"),
                                          day_of ("2027-03-18"), FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RkStore) other = rk_store_open (f->path, &error);
    g_autoptr(RkEvent) e = NULL;

    g_assert_no_error (error);
    e = rk_store_get_event (other, id, &error);
    g_assert_no_error (error);
    rk_event_set_title (e, "母親学級（会場変更）");
    g_assert_true (rk_store_begin (other, &error));
    g_assert_true (rk_store_update_event (other, e, &error));
    g_assert_true (rk_store_commit (other, &error));
  }

  rk_test_undo (f->window, FALSE);
  g_assert_nonnull (strstr (rk_window_get_toast_message (f->window), "cannot be undone"));
  /* Theirs stays, and the move too. */
  start = stored_start (f, id, "2027-03-11");
  g_assert_cmpstr (start, ==, "2027-03-18T10:00");
  g_assert_cmpuint (stored_events (f, "2027-03-18", "母親学級（会場変更）"), ==, 1);
  g_assert_true (rk_undo_stack_can_undo (undo));
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "Move event");
  g_assert_false (rk_undo_stack_can_redo (undo));
}


static gboolean
prefs_idle (gpointer dialog)
{
  return !rk_preferences_dialog_get_busy (dialog);
}

/* A shared setting as another connection reads it. */
static char *
stored_setting (Fixture *f, const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);

  g_assert_no_error (error);
  return rk_store_get_setting (other, key);
}

/* A shared setting written behind the window's back. */
static void
set_stored_setting (Fixture *f, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (rk_store_begin (other, &error));
  g_assert_true (rk_store_set_setting (other, key, value, &error));
  g_assert_true (rk_store_commit (other, &error));
  g_assert_no_error (error);
}

static guint
stored_venues (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  all = rk_store_list_venues (other, &error);
  g_assert_no_error (error);
  return all->len;
}

/* The people named name, as another connection lists them. */
static guint
stored_staff (Fixture *f, const char *name, gint64 *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  g_autoptr(GPtrArray) all = NULL;
  guint n = 0;

  g_assert_no_error (error);
  all = rk_store_list_staff (other, -1, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (rk_staff_get_name (all->pdata[i]), name) == 0)
      {
        n++;
        if (id)
          *id = rk_staff_get_id (all->pdata[i]);
      }
  return n;
}

/* A form's Save runs in the worker: while it waits its turn the button
 * shows a spinner and is off, the dialog does not close, nothing is
 * stored, and the window answers; then the person is stored once, the
 * dialog closes, the Staff page lists and selects her, and it is one
 * undo step. */
static void
test_staff_dialog_through_worker (Fixture *f, gconstpointer data)
{
  RkStaffPage *page = RK_STAFF_PAGE (rk_window_get_page (f->window, "staff"));
  RkUndoStack *undo = rk_window_get_undo (f->window);
  GtkWidget *dialog, *save;
  gint64 id = 0;
  Gate gate = { 0 };

  g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  dialog = rk_staff_page_open_dialog (page, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* Held: the dialog (and the button with it) goes when the save lands. */
  save = g_object_ref (rk_staff_dialog_get_field (RK_STAFF_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (rk_staff_dialog_get_field (RK_STAFF_DIALOG (dialog),
                                                                  "name")), "森 さくら");
  g_assert_true (gtk_widget_get_sensitive (save));

  hold_worker (f, &gate);
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (rk_context_is_saving (save));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (GTK_IS_SPINNER (gtk_button_get_child (GTK_BUTTON (save))));
  /* A second press and closing do nothing meanwhile. */
  g_signal_emit_by_name (save, "clicked");
  gtk_window_close (GTK_WINDOW (dialog));
  assert_main_loop_answers ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (stored_staff (f, "森 さくら", NULL), ==, 0);
  g_assert_false (rk_undo_stack_can_undo (undo));

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (rk_test_button_idle, save, 60));
  rk_test_settle_window (GTK_WINDOW (f->window));
  g_assert_null (dialog);
  g_assert_cmpuint (stored_staff (f, "森 さくら", &id), ==, 1);
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "Add staff member");
  g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  g_assert_cmpint (rk_staff_page_get_selected (page), ==, id);
  g_object_unref (save);
}

/* A change of the shared preferences is written by the worker: while it
 * waits its turn nothing is stored; then it is, one undo step. */
static void
test_preferences_through_worker (Fixture *f, gconstpointer data)
{
  RkPreferencesDialog *prefs = rk_preferences_dialog_new (GTK_WINDOW (f->window),
                                                           rk_window_get_context (f->window));
  RkUndoStack *undo = rk_window_get_undo (f->window);
  g_autofree char *week = NULL;
  Gate gate = { 0 };

  g_assert_true (rk_test_wait_for (prefs_idle, prefs, 60));
  hold_worker (f, &gate);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_preferences_dialog_get_field (prefs,
                                                                              "week_start")),
                              1);
  g_assert_true (rk_preferences_dialog_get_busy (prefs));
  assert_main_loop_answers ();
  week = stored_setting (f, "week_start");
  g_assert_cmpstr (week, !=, "monday");
  g_clear_pointer (&week, g_free);

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (prefs_idle, prefs, 60));
  week = stored_setting (f, "week_start");
  g_assert_cmpstr (week, ==, "monday");
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "Change preferences");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* ---- what the window reads at its start and for its settings ----------- */

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer data)
{
  if (!rk_window_is_loading (RK_WINDOW (object)))
    (*(guint *) data)++;
}

static gboolean
window_visible (gpointer window)
{
  return gtk_widget_get_visible (window);
}

/* The month the window shows is the month of today, read (not an empty
 * grid). */
static RkMonthData *
shows_month_of_today (RkWindow *window)
{
  RkMonthData *shown = rk_window_get_data (window);
  int y = 0, m = 0;

  g_assert_nonnull (shown);
  g_assert_false (shown->placeholder);
  rk_window_get_month (window, &y, &m);
  g_assert_cmpint (y, ==, 2027);
  g_assert_cmpint (m, ==, 2);
  g_assert_cmpint (shown->year, ==, 2027);
  g_assert_cmpint (shown->month, ==, 2);
  g_assert_cmpuint (shown->today, ==, day_of (TODAY));
  return shown;
}

/* A moment later the window still shows SHOWN, filled once (FILLED: its
 * count of "loading" ending); then it goes. */
static void
stays_filled_once (RkWindow *window, RkMonthData *shown, const guint *filled)
{
  rk_test_pump (100);
  g_assert_cmpuint (*filled, ==, 1);
  g_assert_true (rk_window_get_data (window) == shown);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* Before the month of today has been read: on a file the window waits
 * to be shown (its first frame is the month, not an empty grid: a file's
 * month comes in a moment); through a server it shows at once, the empty
 * grid of the month of today loading, and waits for no round trip. */
static void
shown_before_read (RkWindow *window)
{
  if (!rk_test_backend_is_pg ())
    {
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
      return;
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (rk_window_is_loading (window));
  g_assert_true (rk_window_get_data (window)->placeholder);
}

/* The start reads nothing on the main thread: the window is built with
 * the month of today on its way from its own worker, is shown as
 * shown_before_read() says, answers meanwhile, and the month arrives
 * once. */
static void
test_start_through_worker (Fixture *f, gconstpointer data)
{
  RkWindow *window = g_object_ref_sink (rk_window_new (NULL, f->store));
  RkMonthData *shown;
  guint filled = 0;

  g_signal_connect (window, "notify::loading", G_CALLBACK (count_notify), &filled);
  g_assert_true (rk_window_is_loading (window));
  g_assert_null (rk_window_get_data (window));
  rk_window_present_when_read (window);
  shown_before_read (window);
  assert_main_loop_answers ();

  g_assert_true (rk_test_wait_for (window_visible, window, 60));
  rk_test_wait_month (window);
  shown = shows_month_of_today (window);
  stays_filled_once (window, shown, &filled);
}

/* The application's start: the context (and its worker) is made before
 * GTK starts and the worker reads the month of today at once; the window
 * built later takes that read, whether it has arrived or is still on its
 * way, without asking for the month again: with the worker held after
 * the read, the window still shows its month; a window made before the
 * read lands waits for it, and shows it once. */
static void
test_start_reads_ahead (Fixture *f, gconstpointer data)
{
  for (int arrived = 1; arrived >= 0; arrived--)
    {
      g_autoptr(RkContext) context = rk_context_new (f->store);
      RkStoreWorker *worker = rk_context_get_worker (context);
      RkWindow *window;
      RkMonthData *shown;
      Gate gate = { 0 };
      guint filled = 0;

      if (!arrived)
        hold (worker, &gate);
      rk_store_worker_read_first_month (worker);
      /* Requests are taken in order: once held, the read has been done. */
      if (arrived)
        hold (worker, &gate);
      window = g_object_ref_sink (rk_window_new_for_context (NULL, context));
      g_assert_true (rk_window_get_store (window) == f->store);
      g_signal_connect (window, "notify::loading", G_CALLBACK (count_notify), &filled);
      rk_window_present_when_read (window);
      if (arrived)
        {
          g_assert_true (rk_test_wait_for (window_visible, window, 60));
          rk_test_wait_month (window);
        }
      else
        {
          assert_main_loop_answers ();
          g_assert_true (rk_window_is_loading (window));
          shown_before_read (window);
          release_worker (&gate);
          g_assert_true (rk_test_wait_for (window_visible, window, 60));
          rk_test_wait_month (window);
        }
      shown = shows_month_of_today (window);
      if (arrived)
        release_worker (&gate);
      stays_filled_once (window, shown, &filled);
    }
}

typedef struct
{
  guint        calls;
  RkMonthData *data;
} FirstLoad;

static void
first_load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FirstLoad *l = user_data;
  g_autoptr(GError) error = NULL;

  l->calls++;
  g_clear_pointer (&l->data, rk_month_data_unref);
  l->data = rk_store_worker_load_month_finish (RK_STORE_WORKER (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
both_loaded (gpointer data)
{
  FirstLoad *l = data;

  return l[0].calls > 0 && l[1].calls > 0;
}

/* Two loads of the month of today while the read ahead is still on its
 * way (a change told during the start asks again): the first takes the
 * read ahead, the second is read anew; each is answered, once. */
static void
test_start_second_load_reads_anew (Fixture *f, gconstpointer data)
{
  g_autoptr(RkContext) context = rk_context_new (f->store);
  RkStoreWorker *worker = rk_context_get_worker (context);
  FirstLoad loads[2] = { { 0 } };
  Gate gate = { 0 };

  hold (worker, &gate);
  rk_store_worker_read_first_month (worker);
  rk_store_worker_load_month_async (worker, 0, 0, NULL, first_load_done, &loads[0]);
  rk_store_worker_load_month_async (worker, 0, 0, NULL, first_load_done, &loads[1]);
  release_worker (&gate);
  g_assert_true (rk_test_wait_for (both_loaded, loads, 60));
  rk_test_pump (100);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (loads[i].calls, ==, 1);
      g_assert_nonnull (loads[i].data);
      g_assert_false (loads[i].data->placeholder);
      g_assert_cmpint (loads[i].data->year, ==, 2027);
      g_assert_cmpint (loads[i].data->month, ==, 2);
    }
  /* Two reads, not one given twice. */
  g_assert_true (loads[0].data != loads[1].data);
  for (guint i = 0; i < 2; i++)
    rk_month_data_unref (loads[i].data);
}

/* A switch before the start's month has been read (a slow server): the
 * month switched to is read and shown, filled once, and the month of
 * today, dropped unread, never takes its place when the worker gets to
 * it. */
static void
test_start_switch_drops_first_read (Fixture *f, gconstpointer data)
{
  g_autoptr(RkContext) context = rk_context_new (f->store);
  RkStoreWorker *worker = rk_context_get_worker (context);
  RkWindow *window;
  RkMonthData *shown;
  Gate gate = { 0 };
  guint filled = 0;
  int y = 0, m = 0;

  hold (worker, &gate);
  rk_store_worker_read_first_month (worker);
  window = g_object_ref_sink (rk_window_new_for_context (NULL, context));
  gtk_window_present (GTK_WINDOW (window));
  rk_window_set_month (window, 2027, 1);
  g_signal_connect (window, "notify::loading", G_CALLBACK (count_notify), &filled);
  assert_main_loop_answers ();
  g_assert_true (rk_window_is_loading (window));
  release_worker (&gate);
  rk_test_wait_month (window);
  shown = rk_window_get_data (window);
  g_assert_false (shown->placeholder);
  g_assert_cmpint (shown->year, ==, 2027);
  g_assert_cmpint (shown->month, ==, 1);
  rk_window_get_month (window, &y, &m);
  g_assert_cmpint (m, ==, 1);
  stays_filled_once (window, shown, &filled);
}

/* The offers of demo data on window (the last one), and how many. */
static GtkWindow *
demo_offers (RkWindow *window, guint *n)
{
  g_autoptr(GList) all = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  *n = 0;
  for (GList *l = all; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) ==
                                              GTK_WINDOW (window))
      {
        found = l->data;
        (*n)++;
      }
  return found;
}

static GtkWindow *
demo_offer (RkWindow *window)
{
  guint n;

  return demo_offers (window, &n);
}

static gboolean
demo_offered (gpointer window)
{
  return demo_offer (window) != NULL;
}

static gboolean
window_toast (gpointer window)
{
  return rk_window_get_toast_message (window) != NULL;
}

/* The first-run check looks at the month the worker read (no place, no
 * program): the offer comes once that month is there; the demo data is
 * written by the worker, nothing before its turn, and the month shows it. */
static void
test_first_run_through_worker (Fixture *f, gconstpointer data)
{
  RkWindow *window = g_object_ref_sink (rk_window_new (NULL, f->store));
  RkContext *context = rk_window_get_context (window);
  GtkWindow *offer;
  Gate gate = { 0 };

  gtk_window_present (GTK_WINDOW (window));
  rk_window_offer_demo (window);
  g_assert_null (demo_offer (window));
  g_assert_true (rk_test_wait_for (demo_offered, window, 60));
  rk_test_wait_month (window);
  offer = demo_offer (window);

  {
    RkStoreWorker *worker = rk_context_get_worker (context);

    g_mutex_init (&gate.lock);
    g_cond_init (&gate.cond);
    rk_store_worker_run_async (worker, gate_run, &gate, NULL, NULL, NULL, gate_done, &gate);
    g_mutex_lock (&gate.lock);
    while (!gate.held)
      g_cond_wait (&gate.cond, &gate.lock);
    g_mutex_unlock (&gate.lock);
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (offer), "demo");
  assert_main_loop_answers ();
  g_assert_cmpuint (stored_venues (f), ==, 0);
  g_assert_null (rk_window_get_toast_message (window));

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (window_toast, window, 60));
  g_assert_cmpstr (rk_window_get_toast_message (window), ==, "Demo data added");
  g_assert_cmpuint (stored_venues (f), >, 0);
  rk_test_settle_window (GTK_WINDOW (window));
  g_assert_cmpuint (g_hash_table_size (rk_window_get_data (window)->schedule->venues), >, 0);
  /* Offered once, for the start only. */
  {
    guint n;

    g_assert_true (demo_offers (window, &n) == offer);
    g_assert_cmpuint (n, ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* Today and New Event take today from the settings the worker read: with
 * the worker held, Today shows today's month's grid at once and New Event
 * opens on today, the window answering; released, the month fills once. */
static void
test_today_without_reading (Fixture *f, gconstpointer data)
{
  Gate gate = { 0 };
  guint filled = 0;
  RkEventEditor *editor;
  int y = 0, m = 0;

  hold_worker (f, &gate);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.today", NULL);
  rk_window_get_month (f->window, &y, &m);
  g_assert_cmpint (y, ==, 2027);
  g_assert_cmpint (m, ==, 2);
  g_assert_true (rk_window_is_loading (f->window));
  g_assert_true (rk_window_get_data (f->window)->placeholder);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-event", NULL);
  editor = RK_EVENT_EDITOR (rk_window_get_editor (f->window));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rk_event_editor_get_field (editor, "date"))),
                   ==, TODAY);
  assert_main_loop_answers ();
  g_signal_connect (f->window, "notify::loading", G_CALLBACK (count_notify), &filled);

  release_worker (&gate);
  rk_test_wait_month (f->window);
  rk_test_pump (100);
  g_assert_cmpuint (filled, ==, 1);
  g_assert_false (rk_window_get_data (f->window)->placeholder);
  g_assert_cmpint (rk_window_get_data (f->window)->month, ==, 2);
}

static void
count_settings (RkContext *context, gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
settings_counted (gpointer data)
{
  return *(guint *) data > 0;
}

/* The shared settings (the first day of the week, the fiscal year's first
 * month, the consultation categories) are read by the worker after each
 * change, never on the main thread: held, the context still gives what it
 * had and the window answers; released, they arrive once, and the week
 * table starts its week on the new day. */
static void
test_settings_through_worker (Fixture *f, gconstpointer data)
{
  RkContext *context = rk_window_get_context (f->window);
  GtkWidget *week = g_object_new (RK_TYPE_ATTENDANCE_WEEK, "context", context, NULL);
  GtkWidget *holder = gtk_window_new ();
  const char * const *categories;
  Gate gate = { 0 };
  guint changed = 0;

  g_assert_true (rk_context_get_settings_read (context));
  g_assert_cmpint (rk_context_get_week_start (context), ==, 7);
  g_assert_cmpint (rk_context_get_fiscal_start (context), ==, 4);
  g_assert_cmpuint (rk_context_get_today (context), ==, day_of (TODAY));
  /* TODAY, a Wednesday: its week from Sunday the 21st. */
  g_assert_cmpuint (rk_attendance_week_get_first (RK_ATTENDANCE_WEEK (week)), ==,
                    day_of ("2027-02-21"));
  g_signal_connect (context, "settings-changed", G_CALLBACK (count_settings), &changed);
  /* As on the results page: in a window. */
  gtk_window_set_child (GTK_WINDOW (holder), week);
  gtk_window_present (GTK_WINDOW (holder));

  hold_worker (f, &gate);
  set_stored_setting (f, "week_start", "monday");
  set_stored_setting (f, "fiscal_year_start", "1");
  set_stored_setting (f, "consultation_categories", "育児,栄養");
  rk_context_changed (context, TRUE);
  assert_main_loop_answers ();
  rk_test_pump (50);
  g_assert_cmpint (rk_context_get_week_start (context), ==, 7);
  g_assert_cmpint (rk_context_get_fiscal_start (context), ==, 4);
  g_assert_cmpuint (changed, ==, 0);

  release_worker (&gate);
  g_assert_true (rk_test_wait_for (settings_counted, &changed, 60));
  rk_test_settle_window (GTK_WINDOW (f->window));
  rk_test_pump (100);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (rk_context_get_week_start (context), ==, 1);
  g_assert_cmpint (rk_context_get_fiscal_start (context), ==, 1);
  categories = rk_context_get_categories (context);
  g_assert_cmpuint (g_strv_length ((char **) categories), ==, 2);
  g_assert_cmpstr (categories[0], ==, "育児");
  g_assert_cmpuint (rk_attendance_week_get_first (RK_ATTENDANCE_WEEK (week)), ==,
                    day_of ("2027-02-22"));
  gtk_window_destroy (GTK_WINDOW (holder));
}

int
main (int argc, char **argv)
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
  ADD ("/gui-async/editor/save-through-worker", test_save_through_worker);
  ADD ("/gui-async/editor/refused-save-keeps-text", test_refused_save_keeps_text);
  ADD ("/gui-async/import/through-worker", test_import_through_worker);
  ADD ("/gui-async/export/through-worker", test_export_through_worker);
  ADD ("/gui-async/month/move-through-worker", test_move_through_worker);
  ADD ("/gui-async/editor/opens-through-worker", test_editor_opens_through_worker);
  ADD ("/gui-async/editor/new-and-check-through-worker", test_editor_new_and_check_through_worker);
  ADD ("/gui-async/print/preview-through-worker", test_preview_through_worker);
  ADD ("/gui-async/print/print-through-worker", test_print_through_worker);
  ADD ("/gui-async/print/staff-sheet-through-worker", test_staff_print_through_worker);
  ADD ("/gui-async/search/first-read-through-worker", test_search_through_worker);
  ADD ("/gui-async/annual/through-worker", test_annual_through_worker);
  ADD ("/gui-async/undo/through-worker", test_undo_through_worker);
  ADD ("/gui-async/undo/refused-keeps-other-change", test_undo_refused_keeps_other_change);
  ADD ("/gui-async/staff/dialog-through-worker", test_staff_dialog_through_worker);
  ADD ("/gui-async/preferences/through-worker", test_preferences_through_worker);
  ADD ("/gui-async/window/start-through-worker", test_start_through_worker);
  ADD ("/gui-async/window/start-reads-ahead", test_start_reads_ahead);
  ADD ("/gui-async/window/start-second-load-reads-anew", test_start_second_load_reads_anew);
  ADD ("/gui-async/window/start-switch-drops-first-read", test_start_switch_drops_first_read);
  ADD ("/gui-async/window/first-run-through-worker", test_first_run_through_worker);
  ADD ("/gui-async/window/today-without-reading", test_today_without_reading);
  ADD ("/gui-async/settings/through-worker", test_settings_through_worker);
#undef ADD
  return g_test_run ();
}
