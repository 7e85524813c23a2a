#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-check.h"
#include "rk-context.h"
#include "rk-csv.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-ical.h"
#include "rk-import-dialog.h"
#include "rk-month-data.h"
#include "rk-recurrence.h"

/* Problems of a series are looked for this far after its start. */
#define CHECK_DAYS 731

struct _RkImportDialog
{
  GtkWindow    parent_instance;

  GtkWidget   *import_button;
  GtkWidget   *file_label;
  GtkWidget   *summary_label;
  GtkWidget   *error_label;
  GtkWidget   *problems_heading;
  GtkWidget   *problems_list;

  RkContext   *context;
  char        *path;
  GBytes      *contents;       /* the file as the preview read it */
  gboolean     ics;
  gboolean     busy;           /* the preview or the import is on its way in the worker */

  GError      *error;          /* the preview's, when the file cannot be imported */
  guint        created, updated;
  GArray      *touched;        /* gint64: existing events the import changes */
  GPtrArray   *problems;       /* RkProblem the import would bring */
  GPtrArray   *notes;          /* char*: per event, what is read differently from the file */
  guint        skipped;        /* parts of the file that are not events */
  GtkStringList *rows;         /* the list's lines (markup), made by the worker */
  GtkSliceListModel *shown;    /* the first of them, given to the list a few a frame */
  guint        grow_id;        /* the list's tick callback that gives it more */
};

/* The list's lines given to it per frame: GTK 4.8's list view makes and
 * lays out a row for each of its first 200 items at once, and the 1,036
 * lines of the benchmark's import held the main loop for one long frame. */
#define ROWS_PER_FRAME 25

G_DEFINE_FINAL_TYPE (RkImportDialog, rk_import_dialog, GTK_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the worker thread, as the preview and the import itself. */
static gboolean
run_import (RkStore *store, GBytes *contents, gboolean ics, RkImportStats *stats, GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  if (ics)
    return rk_ical_import (store, data, length, stats, error);
  return rk_csv_import (store, data, length, stats, error);
}

/* The events the import added or changed, against the stamps before it. */
static gboolean
changed_events (RkStore *store, GHashTable *before, GArray *added, GArray *changed,
                GError **error)
{
  g_autoptr(GHashTable) after = rk_store_event_stamps (store, error);
  GHashTableIter iter;
  gpointer key, value;

  if (after == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *was = g_hash_table_lookup (before, key);

      if (was == NULL)
        g_array_append_val (added, *(gint64 *) key);
      else if (g_strcmp0 (was, value) != 0)
        g_array_append_val (changed, *(gint64 *) key);
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* One line per problem, to tell the ones the import brings from the ones
 * that were there before. */
static char *
problem_key (RkProblem *p)
{
  const GArray *ids = rk_problem_get_event_ids (p);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids)
    g_array_append_vals (sorted, ids->data, ids->len);
  g_array_sort (sorted, compare_ids);
  g_string_printf (key, "%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                   "|%s|", rk_problem_get_kind (p), rk_problem_get_date (p),
                   rk_problem_get_staff_id (p), rk_problem_get_room_id (p),
                   rk_problem_get_equipment_id (p), rk_problem_get_role (p)
                                                      ? rk_problem_get_role (p) : "");
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (key, "%" G_GINT64_FORMAT ",", g_array_index (sorted, gint64, i));
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static GPtrArray *
problems_in (RkStore *store, RkDay from, RkDay to, GError **error)
{
  g_autoptr(RkSchedule) schedule = rk_store_load_schedule (store, from, to, error);
  g_autoptr(GArray) occs = NULL;

  if (schedule == NULL)
    return NULL;
  occs = rk_schedule_expand (schedule, from, to, error);
  if (occs == NULL)
    return NULL;
  return rk_check (schedule, occs, from, to, rk_store_today (store));
}

/* The days the events' occurrences can fall on, bounded. */
static void
span_of (RkStore *store, GArray *ids, RkDay *from, RkDay *to)
{
  /* The events' rows in one read (a round trip each was minutes for a
   * large file through a slow server). */
  g_autoptr(GHashTable) rows = rk_store_get_rows_many (store, RK_ROWS_EVENT,
                                                       (const gint64 *) ids->data, ids->len,
                                                       NULL);

  *from = 0;
  *to = 0;
  for (guint i = 0; rows && i < ids->len; i++)
    {
      GVariant *row = g_hash_table_lookup (rows, &g_array_index (ids, gint64, i));
      const char *rrule = NULL, *start_at = NULL, *end_at = NULL;
      RkMinute start, end, last;
      RkDay a, b;

      if (row == NULL || g_variant_n_children (row) == 0)
        continue;
      row = g_variant_get_child_value (row, 0);
      g_variant_lookup (row, "start_at", "&s", &start_at);
      g_variant_lookup (row, "end_at", "&s", &end_at);
      g_variant_lookup (row, "rrule", "&s", &rrule);
      if (!start_at || !end_at || !rk_time_parse (start_at, &start) ||
          !rk_time_parse (end_at, &end))
        {
          g_variant_unref (row);
          continue;
        }
      a = rk_minute_day (start);
      b = rk_minute_day (end);
      if (rrule && *rrule)
        {
          last = rk_rrule_last_start (rrule, start);
          b = last < 0 ? a + CHECK_DAYS : rk_minute_day (last + (end - start));
        }
      b = MIN (b, a + CHECK_DAYS);
      *from = *from == 0 ? a : MIN (*from, a);
      *to = MAX (*to, b);
      g_variant_unref (row);
    }
}

/* What importing the file would do, found by the worker: the file is
 * read and imported inside a transaction that is rolled back. */
typedef struct
{
  char       *path;            /* in */
  GBytes     *contents;
  gboolean    ics;
  guint       created, updated, skipped;
  GArray     *touched;         /* gint64: existing events the import changes */
  GPtrArray  *problems;        /* RkProblem the import would bring */
  GPtrArray  *notes;           /* char*: per event, what is read differently from the file */
  GPtrArray  *rows;            /* char*: the list's lines as markup, NULL-terminated */
} Preview;

static void
preview_free (gpointer data)
{
  Preview *p = data;

  g_free (p->path);
  g_clear_pointer (&p->contents, g_bytes_unref);
  g_array_unref (p->touched);
  g_ptr_array_unref (p->problems);
  g_ptr_array_unref (p->notes);
  g_ptr_array_unref (p->rows);
  g_free (p);
}

static gboolean
find_preview (RkStore *store, Preview *p, GError **error)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) was = NULL;
  g_autoptr(GHashTable) old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (RkImportStats) stats = { 0 };
  g_autoptr(GError) local = NULL;
  char *data;
  gsize length;
  RkDay from = 0, to = 0;

  if (!g_file_get_contents (p->path, &data, &length, &local))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot read %s: %s"), p->path,
                   local->message);
      return FALSE;
    }
  p->contents = g_bytes_new_take (data, length);
  /* By content; the name only decides for a file that is neither. */
  p->ics = rk_ical_detect (data, length) || g_str_has_suffix (p->path, ".ics") ||
           g_str_has_suffix (p->path, ".ICS");

  before = rk_store_event_stamps (store, error);
  if (before == NULL || !rk_store_begin (store, error))
    return FALSE;
  /* Done for real, looked at, and taken back: the database is as before. */
  if (!run_import (store, p->contents, p->ics, &stats, error) ||
      !changed_events (store, before, added, changed, error))
    {
      rk_store_rollback (store);
      return FALSE;
    }
  {
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_vals (all, added->data, added->len);
    g_array_append_vals (all, changed->data, changed->len);
    span_of (store, all, &from, &to);
  }
  if (from > 0)
    after = problems_in (store, from, to, error);
  rk_store_rollback (store);
  if (from > 0 && after == NULL)
    return FALSE;

  p->created = stats.created;
  p->updated = stats.updated;
  p->skipped = stats.skipped;
  for (guint i = 0; stats.notes && i < stats.notes->len; i++)
    g_ptr_array_add (p->notes, g_strdup (g_ptr_array_index (stats.notes, i)));
  g_array_append_vals (p->touched, changed->data, changed->len);
  if (from > 0)
    {
      was = problems_in (store, from, to, error);
      if (was == NULL)
        return FALSE;
      for (guint i = 0; i < was->len; i++)
        g_hash_table_add (old_keys, problem_key (g_ptr_array_index (was, i)));
      for (guint i = 0; i < after->len; i++)
        {
          RkProblem *problem = g_ptr_array_index (after, i);
          g_autofree char *key = problem_key (problem);

          if (!g_hash_table_contains (old_keys, key))
            g_ptr_array_add (p->problems, g_object_ref (problem));
        }
    }
  return TRUE;
}

/* The lines of the preview's list, made in the worker too: a file of a
 * thousand events can bring a thousand problems, and the dialog shows
 * only the lines scrolled to (a list view over these strings). */
static void
preview_rows (Preview *p)
{
  for (guint i = 0; i < p->problems->len; i++)
    {
      RkProblem *problem = g_ptr_array_index (p->problems, i);
      RkDay day;
      g_autofree char *when = rk_date_parse (rk_problem_get_date (problem), &day)
                                ? rk_day_title (day) : NULL;

      g_ptr_array_add (p->rows, g_markup_printf_escaped ("<b>%s</b>  %s",
                                                         when ? when
                                                              : rk_problem_get_date (problem),
                                                         rk_problem_get_message (problem)));
    }
  /* What the file holds that Renkei reads differently or leaves out, per
   * event: nothing is dropped without a word. */
  if (p->notes->len > 0 || p->skipped > 0)
    {
      g_autofree char *title = NULL;

      if (p->skipped > 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Read differently from the file (%u item that "
                                              "is not an event is skipped):",
                                              "Read differently from the file (%u items that "
                                              "are not events are skipped):",
                                              p->skipped),
                                 p->skipped);
      else
        title = g_strdup (_("Read differently from the file:"));
      g_ptr_array_add (p->rows, g_markup_printf_escaped ("<b>%s</b>", title));
      for (guint i = 0; i < p->notes->len; i++)
        g_ptr_array_add (p->rows, g_markup_escape_text (g_ptr_array_index (p->notes, i), -1));
    }
  g_ptr_array_add (p->rows, NULL);
}

/* In the worker thread. */
static gpointer
preview_run (RkStore *store, gpointer data, GError **error)
{
  Preview *p = g_new0 (Preview, 1);

  p->path = g_strdup (data);
  p->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  p->problems = g_ptr_array_new_with_free_func (g_object_unref);
  p->notes = g_ptr_array_new_with_free_func (g_free);
  p->rows = g_ptr_array_new_with_free_func (g_free);
  if (!find_preview (store, p, error))
    {
      preview_free (p);
      return NULL;
    }
  preview_rows (p);
  return p;
}

static void show_preview (RkImportDialog *self);

static void
preview_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkImportDialog) self = user_data;
  GError *error = NULL;
  Preview *p = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);

  self->busy = FALSE;
  if (p == NULL)
    self->error = error;
  else
    {
      self->contents = g_bytes_ref (p->contents);
      self->ics = p->ics;
      self->created = p->created;
      self->updated = p->updated;
      self->skipped = p->skipped;
      g_array_append_vals (self->touched, p->touched->data, p->touched->len);
      for (guint i = 0; i < p->problems->len; i++)
        g_ptr_array_add (self->problems, g_object_ref (g_ptr_array_index (p->problems, i)));
      for (guint i = 0; i < p->notes->len; i++)
        g_ptr_array_add (self->notes, g_strdup (g_ptr_array_index (p->notes, i)));
      g_clear_object (&self->rows);
      self->rows = gtk_string_list_new ((const char * const *) p->rows->pdata);
      preview_free (p);
    }
  /* Closed meanwhile: nothing left to show. */
  if (self->context)
    show_preview (self);
}

static gboolean
grow_rows (GtkWidget     *list,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  RkImportDialog *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown) + ROWS_PER_FRAME;

  gtk_slice_list_model_set_size (self->shown, size);
  if (size < g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

static void
set_rows (RkImportDialog *self, GtkStringList *rows)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->grow_id)
    gtk_widget_remove_tick_callback (self->problems_list, self->grow_id);
  self->grow_id = 0;
  g_clear_object (&self->shown);
  if (rows)
    self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (rows)), 0,
                                            ROWS_PER_FRAME);
  selection = gtk_no_selection_new (self->shown ? g_object_ref (G_LIST_MODEL (self->shown))
                                                : NULL);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->problems_list), GTK_SELECTION_MODEL (selection));
  if (rows && g_list_model_get_n_items (G_LIST_MODEL (rows)) > ROWS_PER_FRAME)
    self->grow_id = gtk_widget_add_tick_callback (self->problems_list, grow_rows, self, NULL);
}

static void
row_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = rk_gui_row_label ("", TRUE);

  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_item_set_child (item, label);
}

static void
row_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)),
                        gtk_string_object_get_string (line));
}

static void
show_preview (RkImportDialog *self)
{
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *summary = NULL;
  g_autofree char *heading = NULL;
  guint n = self->created + self->updated;

  gtk_label_set_text (GTK_LABEL (self->file_label), base);
  set_rows (self, self->busy || self->error ? NULL : self->rows);
  if (self->busy)
    {
      gtk_label_set_text (GTK_LABEL (self->summary_label), _("Reading the file…"));
      gtk_label_set_text (GTK_LABEL (self->problems_heading), "");
      gtk_widget_set_sensitive (self->import_button, FALSE);
      return;
    }
  if (self->error)
    {
      gtk_label_set_text (GTK_LABEL (self->summary_label),
                          _("This file cannot be imported. Nothing was changed."));
      rk_gui_field_error (self->error_label, NULL, self->error->message);
      gtk_label_set_text (GTK_LABEL (self->problems_heading), "");
      gtk_widget_set_sensitive (self->import_button, FALSE);
      return;
    }
  gtk_widget_set_visible (self->error_label, FALSE);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u event: %u new, %u updated. The import adds all "
                                          "of them or none.",
                                          "%u events: %u new, %u updated. The import adds all "
                                          "of them or none.",
                                          n),
                             n, self->created, self->updated);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  if (self->problems->len == 0)
    heading = g_strdup (_("It brings no new conflicts."));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "It would bring %u new problem:",
                                            "It would bring %u new problems:",
                                            self->problems->len),
                               self->problems->len);
  gtk_label_set_text (GTK_LABEL (self->problems_heading), heading);
  gtk_widget_set_sensitive (self->import_button, n > 0);
}

/* The import for real, in the worker: what the preview read, inside the
 * action's transaction and undo entry. */
typedef struct
{
  GBytes   *contents;
  gboolean  ics;
  GArray   *touched;           /* as the preview found them */
  guint     created, updated;  /* out */
} Commit;

static void
commit_free (gpointer data)
{
  Commit *c = data;

  g_bytes_unref (c->contents);
  g_array_unref (c->touched);
  g_free (c);
}

static gboolean
commit_tx (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  Commit *c = data;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto (RkImportStats) stats = { 0 };

  before = rk_store_event_stamps (store, error);
  if (before == NULL)
    return FALSE;
  for (guint i = 0; i < c->touched->len; i++)
    if (!rk_undo_stack_save_event (undo, g_array_index (c->touched, gint64, i), error))
      return FALSE;
  if (!run_import (store, c->contents, c->ics, &stats, error) ||
      !changed_events (store, before, added, changed, error))
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      gint64 id = g_array_index (changed, gint64, i);
      gboolean saved = FALSE;

      for (guint j = 0; j < c->touched->len; j++)
        saved = saved || g_array_index (c->touched, gint64, j) == id;
      if (!saved)
        {
          /* Undo could not put it back: the database moved since the preview. */
          g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                       _("The calendar was changed by someone else since the preview; "
                         "open the file again to see what the import does now"));
          return FALSE;
        }
    }
  for (guint i = 0; i < added->len; i++)
    rk_undo_stack_note_created (undo, g_array_index (added, gint64, i));
  c->created = stats.created;
  c->updated = stats.updated;
  return TRUE;
}

/* While the import runs, Import can't be pressed again. */
static void
set_committing (RkImportDialog *self, gboolean committing)
{
  self->busy = committing;
  gtk_button_set_label (GTK_BUTTON (self->import_button),
                        committing ? _("Importing…") : _("_Import"));
  gtk_widget_set_sensitive (self->import_button,
                            !committing && self->error == NULL &&
                            self->created + self->updated > 0);
}

static void
commit_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RkImportDialog *self = g_task_get_source_object (task);
  GError *error = NULL;
  Commit *c = rk_context_change_finish (RK_CONTEXT (source), result, &error);
  g_autofree char *message = NULL;

  /* Closed with its window meanwhile: nothing left to show. */
  if (self->context == NULL)
    {
      if (c)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  set_committing (self, FALSE);
  if (c == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
        {
          g_free (error->message);
          error->message = g_strdup (_("Nothing was imported: the server cannot be reached. "
                                       "Import again when the connection is back."));
        }
      rk_gui_field_error (self->error_label, NULL, error->message);
      g_task_return_error (task, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u event: %u new, %u updated",
                                          "Imported %u events: %u new, %u updated",
                                          c->created + c->updated),
                             c->created + c->updated, c->created, c->updated);
  g_signal_emit (self, signals[IMPORTED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
  g_task_return_boolean (task, TRUE);
}

void
rk_import_dialog_commit_async (RkImportDialog      *self,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *base = NULL;
  g_autofree char *label = NULL;
  GTask *task;
  Commit *c;

  g_return_if_fail (RK_IS_IMPORT_DIALOG (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_import_dialog_commit_async);
  if (self->busy || self->error || self->contents == NULL)
    {
      g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                               self->error ? self->error->message
                                           : _("The file is still being read"));
      g_object_unref (task);
      return;
    }
  base = g_path_get_basename (self->path);
  label = g_strdup_printf (_("Import %s"), base);
  c = g_new0 (Commit, 1);
  c->contents = g_bytes_ref (self->contents);
  c->ics = self->ics;
  c->touched = g_array_copy (self->touched);
  set_committing (self, TRUE);
  rk_context_change_async (self->context, label, commit_tx, c, commit_free, commit_done, task);
}

gboolean
rk_import_dialog_commit_finish (RkImportDialog  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
rk_import_dialog_get_busy (RkImportDialog *self)
{
  g_return_val_if_fail (RK_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}

static void
on_import_clicked (RkImportDialog *self)
{
  rk_import_dialog_commit_async (self, NULL, NULL);
}

gboolean
rk_import_dialog_get_preview (RkImportDialog  *self,
                              guint           *created,
                              guint           *updated,
                              guint           *n_problems,
                              const GError   **error)
{
  g_return_val_if_fail (RK_IS_IMPORT_DIALOG (self), FALSE);
  if (created)
    *created = self->created;
  if (updated)
    *updated = self->updated;
  if (n_problems)
    *n_problems = self->problems->len;
  if (error)
    *error = self->error;
  return self->error == NULL;
}

static void
rk_import_dialog_dispose (GObject *object)
{
  RkImportDialog *self = RK_IMPORT_DIALOG (object);

  if (self->grow_id && self->problems_list)
    gtk_widget_remove_tick_callback (self->problems_list, self->grow_id);
  self->grow_id = 0;
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_import_dialog_parent_class)->dispose (object);
}

static void
rk_import_dialog_finalize (GObject *object)
{
  RkImportDialog *self = RK_IMPORT_DIALOG (object);

  g_free (self->path);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_error (&self->error);
  g_array_unref (self->touched);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->notes);
  g_clear_object (&self->shown);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (rk_import_dialog_parent_class)->finalize (object);
}

static void
rk_import_dialog_class_init (RkImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_import_dialog_dispose;
  object_class->finalize = rk_import_dialog_finalize;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RkImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RkImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, RkImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RkImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RkImportDialog, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, RkImportDialog, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rk_import_dialog_init (RkImportDialog *self)
{
  self->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
    gtk_list_view_set_factory (GTK_LIST_VIEW (self->problems_list), factory);
  }
}

RkImportDialog *
rk_import_dialog_new (GtkWindow  *parent,
                      RkContext  *context,
                      const char *path)
{
  RkImportDialog *self = g_object_new (RK_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  self->path = g_strdup (path);
  /* Shown at once; the preview fills it when the worker has found it. */
  self->busy = TRUE;
  show_preview (self);
  rk_store_worker_run_async (rk_context_get_worker (context), preview_run, g_strdup (path),
                             g_free, preview_free, NULL, preview_done, g_object_ref (self));
  return self;
}

static void
on_imported (RkImportDialog *dialog,
             const char     *message,
             GtkWindow      *parent)
{
  /* The pages see the new events through their context's "changed". */
  rk_context_toast (GTK_WIDGET (parent), message, TRUE, FALSE);
}

static void
on_chosen (GtkNativeDialog *native,
           int              response,
           gpointer         user_data)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (native);
  RkContext *context = g_object_get_data (G_OBJECT (native), "rk-context");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        rk_gui_toast (parent ? GTK_WIDGET (parent) : NULL, _("Choose a local file to import"),
                      FALSE);
      else
        {
          RkImportDialog *dialog = rk_import_dialog_new (parent, context, path);

          if (parent)
            g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), parent, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (native);
}

void
rk_import_dialog_choose (GtkWindow *parent,
                         RkContext *context)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) both = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) ics = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import Events"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (both, _("Calendars and spreadsheets"));
  gtk_file_filter_add_suffix (both, "ics");
  gtk_file_filter_add_suffix (both, "csv");
  gtk_file_filter_add_mime_type (both, "text/calendar");
  gtk_file_filter_add_mime_type (both, "text/csv");
  gtk_file_filter_set_name (ics, _("iCalendar files"));
  gtk_file_filter_add_suffix (ics, "ics");
  gtk_file_filter_add_mime_type (ics, "text/calendar");
  gtk_file_filter_set_name (csv, _("CSV spreadsheets"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), both);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), ics);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  g_object_set_data_full (G_OBJECT (native), "rk-context", g_object_ref (context),
                          g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_chosen), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GListModel *
rk_import_dialog_get_rows (RkImportDialog *self)
{
  g_return_val_if_fail (RK_IS_IMPORT_DIALOG (self), NULL);
  return self->rows ? G_LIST_MODEL (self->rows) : NULL;
}

GtkWidget *
rk_import_dialog_get_field (RkImportDialog *self,
                            const char     *name)
{
  g_return_val_if_fail (RK_IS_IMPORT_DIALOG (self), NULL);
  if (g_strcmp0 (name, "summary") == 0)
    return self->summary_label;
  if (g_strcmp0 (name, "problems") == 0)
    return self->problems_list;
  if (g_strcmp0 (name, "error") == 0)
    return self->error_label;
  if (g_strcmp0 (name, "import") == 0)
    return self->import_button;
  return NULL;
}
