#pragma once

#include "rk-equipment-page.h"
#include "rk-event-editor.h"
#include "rk-import-dialog.h"
#include "rk-plan-page.h"
#include "rk-programs-page.h"
#include "rk-staff-page.h"
#include "rk-venues-page.h"
#include "rk-test-util.h"
#include "rk-window.h"

/* For the desktop's tests. */

static inline gboolean
rk_test_month_filled (gpointer window)
{
  return !rk_window_is_loading (window);
}

/* A month switch shows the new grid at once and fills it when the
 * context's worker has read the month: waits for that. */
#define rk_test_wait_month(window) \
  g_assert_true (rk_test_wait_for (rk_test_month_filled, window, 20))

/* Until WIDGET's height stays the same over two beats of the main loop (a
 * window just reloaded may be laid out more than once before it settles). */
static inline void
rk_test_settle_height (GtkWidget *widget)
{
  int last = -1;

  for (int i = 0; i < 100; i++)
    {
      int h;

      rk_test_pump (50);
      h = gtk_widget_get_height (widget);
      if (h > 0 && h == last)
        return;
      last = h;
    }
}

/* Some label under WIDGET shows exactly TEXT. */
static inline gboolean
rk_test_shows_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (rk_test_shows_label (c, text))
      return TRUE;
  return FALSE;
}

/* The widget as it is drawn, into a PNG file (screenshots). A window just
 * presented on a loaded machine may not be laid out or drawable yet: waits
 * for that (up to half a minute) rather than failing. */
static inline gboolean
rk_test_save_png (GtkWidget *widget, const char *path)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
      GtkNative *native = gtk_widget_get_native (widget);
      GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;

      if (width > 0 && height > 0 && renderer && gtk_widget_get_mapped (widget))
        {
          g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          g_autoptr(GskRenderNode) node = NULL;

          gdk_paintable_snapshot (paintable, snapshot, width, height);
          node = gtk_snapshot_free_to_node (snapshot);
          if (node)
            {
              g_autoptr(GdkTexture) texture =
                gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));

              return gdk_texture_save_to_png (texture, path);
            }
        }
      if (g_get_monotonic_time () > until)
        return FALSE;
      rk_test_pump (50);
    }
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} RkTestSave;

static inline void
rk_test_editor_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *save = data;

  save->ok = rk_event_editor_save_finish (RK_EVENT_EDITOR (source), result, &save->error);
  save->done = TRUE;
}

static inline gboolean
rk_test_save_done (gpointer data)
{
  return ((RkTestSave *) data)->done;
}

/* After a change through the worker: the "changed" it queued has run and
 * the window it was made in has read its month anew. */
static inline void
rk_test_settle_window (GtkWindow *window)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (window && RK_IS_WINDOW (window))
    rk_test_wait_month (window);
}

/* What Save does, waited for: the editor's save runs in the context's
 * worker; TRUE once it landed (the editor has closed, and the window shows
 * the month as saved), FALSE with error. */
static inline gboolean
rk_test_editor_save (RkEventEditor *editor, GError **error)
{
  RkTestSave save = { 0 };
  g_autoptr(GtkWindow) window = gtk_window_get_transient_for (GTK_WINDOW (editor));

  if (window)
    g_object_ref (window);
  rk_event_editor_save_async (editor, rk_test_editor_saved, &save);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &save, 60));
  rk_test_settle_window (window);
  if (!save.ok)
    g_propagate_error (error, save.error);
  return save.ok;
}

/* The editor has what it opened on (read by the worker) and its live
 * check has answered. */
static inline gboolean
rk_test_editor_ready (gpointer editor)
{
  return !rk_event_editor_get_opening (editor) && !rk_event_editor_get_checking (editor);
}

#define rk_test_wait_editor(editor) \
  g_assert_true (rk_test_wait_for (rk_test_editor_ready, editor, 60))

static inline void
rk_test_editor_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *load = data;

  load->ok = rk_event_editor_load_finish (RK_EVENT_EDITOR (source), result, &load->error);
  load->done = TRUE;
}

/* What opening an event does, waited for: TRUE once the editor shows it
 * (and has checked it), FALSE with error. */
static inline gboolean
rk_test_editor_load (RkEventEditor *editor, gint64 event_id, RkDay orig_date, GError **error)
{
  RkTestSave load = { 0 };

  rk_event_editor_load_async (editor, event_id, orig_date, rk_test_editor_loaded, &load);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &load, 60));
  if (!load.ok)
    {
      g_propagate_error (error, load.error);
      return FALSE;
    }
  rk_test_wait_editor (editor);
  return TRUE;
}

/* The live problems once the check (started now if it waited for a pause
 * in typing) has answered. */
static inline guint
rk_test_editor_problems (RkEventEditor *editor)
{
  rk_event_editor_get_n_problems (editor);
  rk_test_wait_editor (editor);
  return rk_event_editor_get_n_problems (editor);
}

static inline gboolean
rk_test_editor_idle (gpointer editor)
{
  return !rk_event_editor_get_saving (editor);
}

/* Presses Save, and waits until the worker's save landed (the editor has
 * closed) or was refused (it stays open saying why). */
static inline void
rk_test_click_save (gpointer editor)
{
  g_autoptr(GtkWindow) window = gtk_window_get_transient_for (GTK_WINDOW (editor));

  if (window)
    g_object_ref (window);
  g_object_ref (editor);
  g_signal_emit_by_name (rk_event_editor_get_field (editor, "save"), "clicked");
  g_assert_true (rk_test_wait_for (rk_test_editor_idle, editor, 60));
  g_object_unref (editor);
  rk_test_settle_window (window);
}

static inline void
rk_test_suggested (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *add = data;

  add->ok = rk_event_editor_add_suggested_finish (RK_EVENT_EDITOR (source), result, &add->error);
  add->done = TRUE;
}

/* What the first entry of a role's "Add" list does, waited for: TRUE when
 * someone free was added. */
static inline gboolean
rk_test_add_suggested (RkEventEditor *editor, int role)
{
  RkTestSave add = { 0 };

  rk_event_editor_add_suggested_async (editor, role, rk_test_suggested, &add);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &add, 60));
  g_assert_no_error (add.error);
  return add.ok;
}

static inline gboolean
rk_test_import_settled (gpointer dialog)
{
  return !rk_import_dialog_get_busy (dialog);
}

/* The import dialog of path, once the worker has previewed it. */
static inline RkImportDialog *
rk_test_open_import (RkWindow *window, const char *path)
{
  RkImportDialog *dialog = rk_import_dialog_new (GTK_WINDOW (window),
                                                 rk_window_get_context (window), path);

  g_assert_true (rk_test_wait_for (rk_test_import_settled, dialog, 60));
  return dialog;
}

static inline void
rk_test_imported (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *save = data;

  save->ok = rk_import_dialog_commit_finish (RK_IMPORT_DIALOG (source), result, &save->error);
  save->done = TRUE;
}

/* What Import does, waited for: TRUE once it landed (the dialog closed). */
static inline gboolean
rk_test_import_commit (RkImportDialog *dialog, GError **error)
{
  RkTestSave save = { 0 };

  rk_import_dialog_commit_async (dialog, rk_test_imported, &save);
  g_assert_true (rk_test_wait_for (rk_test_save_done, &save, 60));
  if (!save.ok)
    g_propagate_error (error, save.error);
  return save.ok;
}

/* ---- the window's changes through the worker, waited for ---------------- */

static inline void
rk_test_window_changed (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *save = data;

  save->ok = rk_window_change_finish (RK_WINDOW (source), result, &save->error);
  save->done = TRUE;
}

/* Waits for a change started with rk_test_window_changed and save, then
 * for the window to show the month as it landed. */
static inline gboolean
rk_test_window_change_wait (RkWindow *window, RkTestSave *save, GError **error)
{
  g_assert_true (rk_test_wait_for (rk_test_save_done, save, 60));
  rk_test_settle_window (GTK_WINDOW (window));
  if (!save->ok)
    g_propagate_error (error, save->error);
  return save->ok;
}

/* What dropping a chip on another day does (after asking), waited for. */
static inline gboolean
rk_test_move_occurrence (RkWindow *window, gint64 event_id, RkDay orig_date, RkDay to_day,
                         gboolean scope_all, GError **error)
{
  RkTestSave save = { 0 };

  rk_window_move_occurrence_async (window, event_id, orig_date, to_day, scope_all,
                                   rk_test_window_changed, &save);
  return rk_test_window_change_wait (window, &save, error);
}

static inline gboolean
rk_test_cancel_occurrence (RkWindow *window, gint64 event_id, RkDay orig_date,
                           gboolean scope_all, GError **error)
{
  RkTestSave save = { 0 };

  rk_window_cancel_occurrence_async (window, event_id, orig_date, scope_all,
                                     rk_test_window_changed, &save);
  return rk_test_window_change_wait (window, &save, error);
}

static inline gboolean
rk_test_cancel_following (RkWindow *window, gint64 event_id, RkDay orig_date, GError **error)
{
  RkTestSave save = { 0 };

  rk_window_cancel_following_async (window, event_id, orig_date, rk_test_window_changed, &save);
  return rk_test_window_change_wait (window, &save, error);
}

static inline gboolean
rk_test_not_undoing (gpointer window)
{
  return !rk_context_get_undoing (rk_window_get_context (window));
}

/* What the window's Undo (redo: Redo) does, waited for: the worker has put
 * the rows back (or refused, the toast saying why) and the window shows
 * the month again. */
static inline void
rk_test_undo (RkWindow *window, gboolean redo)
{
  gtk_widget_activate_action (GTK_WIDGET (window), redo ? "win.redo" : "win.undo", NULL);
  g_assert_true (rk_test_wait_for (rk_test_not_undoing, window, 60));
  rk_test_settle_window (GTK_WINDOW (window));
}

static inline void
rk_test_plan_edited (GObject *source, GAsyncResult *result, gpointer data)
{
  RkTestSave *save = data;

  save->ok = rk_plan_page_edit_finish (RK_PLAN_PAGE (source), result, &save->error);
  save->done = TRUE;
}

static inline gboolean
rk_test_plan_wait (RkPlanPage *plan, RkTestSave *save, GError **error)
{
  g_assert_true (rk_test_wait_for (rk_test_save_done, save, 60));
  rk_test_settle_window (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (plan))));
  if (!save->ok)
    g_propagate_error (error, save->error);
  return save->ok;
}

/* What a drag in the week or the day by place saves, waited for. */
static inline gboolean
rk_test_retime (RkPlanPage *plan, gint64 event_id, RkDay orig_date, RkMinute start,
                RkMinute end, gboolean whole, GError **error)
{
  RkTestSave save = { 0 };

  rk_plan_page_retime_async (plan, event_id, orig_date, start, end, whole, rk_test_plan_edited,
                             &save);
  return rk_test_plan_wait (plan, &save, error);
}

static inline gboolean
rk_test_set_room (RkPlanPage *plan, gint64 event_id, RkDay orig_date, gint64 room_id,
                  gboolean whole, GError **error)
{
  RkTestSave save = { 0 };

  rk_plan_page_set_room_async (plan, event_id, orig_date, room_id, whole, rk_test_plan_edited,
                               &save);
  return rk_test_plan_wait (plan, &save, error);
}

static inline void rk_test_settle_page (GtkWidget *widget);

static inline gboolean
rk_test_button_idle (gpointer button)
{
  return !rk_context_is_saving (button);
}

/* After a click on a Save (Add, Remove …) that saves in the worker: waits
 * until it landed or was refused, and the window shows the result. */
static inline void
rk_test_wait_saved (GtkWidget *button)
{
  GtkRoot *root = gtk_widget_get_root (button);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (window && !RK_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window)
    g_object_ref (window);
  g_assert_true (rk_test_wait_for (rk_test_button_idle, button, 60));
  rk_test_settle_window (window);
  g_clear_object (&window);
  rk_test_settle_page (button);
}

static inline gboolean
rk_test_staff_page_idle (gpointer page)
{
  return !rk_staff_page_is_loading (page);
}

/* Selects the person on the Staff page once its list is read, and waits
 * for what the page shows of them (read by the worker). */
static inline gboolean
rk_test_select_staff (RkStaffPage *page, gint64 id)
{
  gboolean found;

  g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  found = rk_staff_page_select (page, id);
  g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  return found;
}

static inline gboolean
rk_test_venues_page_idle (gpointer page)
{
  return !rk_venues_page_is_loading (page);
}

/* Selects the place on the Places page once the places are read, and
 * waits for its month's notice (read by the worker). */
static inline gboolean
rk_test_select_venue (RkVenuesPage *page, gint64 id)
{
  gboolean found;

  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  found = rk_venues_page_select (page, id);
  g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  return found;
}

static inline gboolean
rk_test_programs_page_idle (gpointer page)
{
  return !rk_programs_page_is_loading (page);
}

static inline gboolean
rk_test_equipment_page_idle (gpointer page)
{
  return !rk_equipment_page_is_loading (page);
}

/* The page widget is on has read again what a change made it read. */
static inline void
rk_test_settle_page (GtkWidget *widget)
{
  GtkWidget *page;

  if ((page = gtk_widget_get_ancestor (widget, RK_TYPE_STAFF_PAGE)))
    g_assert_true (rk_test_wait_for (rk_test_staff_page_idle, page, 60));
  if ((page = gtk_widget_get_ancestor (widget, RK_TYPE_VENUES_PAGE)))
    g_assert_true (rk_test_wait_for (rk_test_venues_page_idle, page, 60));
  if ((page = gtk_widget_get_ancestor (widget, RK_TYPE_PROGRAMS_PAGE)))
    g_assert_true (rk_test_wait_for (rk_test_programs_page_idle, page, 60));
  if ((page = gtk_widget_get_ancestor (widget, RK_TYPE_EQUIPMENT_PAGE)))
    g_assert_true (rk_test_wait_for (rk_test_equipment_page_idle, page, 60));
}
