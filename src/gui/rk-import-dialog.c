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

  RkStore     *store;
  RkUndoStack *undo;
  char        *path;
  char        *contents;
  gsize        length;
  gboolean     ics;

  GError      *error;          /* the preview's, when the file cannot be imported */
  guint        created, updated;
  GArray      *touched;        /* gint64: existing events the import changes */
  GPtrArray   *problems;       /* RkProblem the import would bring */
  GPtrArray   *notes;          /* char*: per event, what is read differently from the file */
  guint        skipped;        /* parts of the file that are not events */
};

G_DEFINE_FINAL_TYPE (RkImportDialog, rk_import_dialog, GTK_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
run_import (RkImportDialog *self, RkImportStats *stats, GError **error)
{
  if (self->ics)
    return rk_ical_import (self->store, self->contents, self->length, stats, error);
  return rk_csv_import (self->store, self->contents, self->length, stats, error);
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
  *from = 0;
  *to = 0;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RkEvent) e = rk_store_get_event (store, g_array_index (ids, gint64, i), NULL);
      const char *rrule;
      RkMinute start, end, last;
      RkDay a, b;

      if (e == NULL || !rk_time_parse (rk_event_get_start (e), &start) ||
          !rk_time_parse (rk_event_get_end (e), &end))
        continue;
      a = rk_minute_day (start);
      b = rk_minute_day (end);
      rrule = rk_event_get_rrule (e);
      if (rrule && *rrule)
        {
          last = rk_rrule_last_start (rrule, start);
          b = last < 0 ? a + CHECK_DAYS : rk_minute_day (last + (end - start));
        }
      b = MIN (b, a + CHECK_DAYS);
      *from = *from == 0 ? a : MIN (*from, a);
      *to = MAX (*to, b);
    }
}

static void
preview (RkImportDialog *self)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) was = NULL;
  g_autoptr(GHashTable) old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (RkImportStats) stats = { 0 };
  RkDay from = 0, to = 0;

  g_clear_error (&self->error);
  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->notes, 0);
  self->skipped = 0;
  g_array_set_size (self->touched, 0);
  self->created = self->updated = 0;

  before = rk_store_event_stamps (self->store, &self->error);
  if (before == NULL || !rk_store_begin (self->store, &self->error))
    return;
  /* Done for real, looked at, and taken back: the database is as before. */
  if (!run_import (self, &stats, &self->error) ||
      !changed_events (self->store, before, added, changed, &self->error))
    {
      rk_store_rollback (self->store);
      return;
    }
  {
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_vals (all, added->data, added->len);
    g_array_append_vals (all, changed->data, changed->len);
    span_of (self->store, all, &from, &to);
  }
  if (from > 0)
    after = problems_in (self->store, from, to, &self->error);
  rk_store_rollback (self->store);
  if (from > 0 && after == NULL)
    return;

  self->created = stats.created;
  self->updated = stats.updated;
  self->skipped = stats.skipped;
  for (guint i = 0; stats.notes && i < stats.notes->len; i++)
    g_ptr_array_add (self->notes, g_strdup (g_ptr_array_index (stats.notes, i)));
  g_array_append_vals (self->touched, changed->data, changed->len);
  if (from > 0)
    {
      was = problems_in (self->store, from, to, &self->error);
      if (was == NULL)
        return;
      for (guint i = 0; i < was->len; i++)
        g_hash_table_add (old_keys, problem_key (g_ptr_array_index (was, i)));
      for (guint i = 0; i < after->len; i++)
        {
          RkProblem *p = g_ptr_array_index (after, i);
          g_autofree char *key = problem_key (p);

          if (!g_hash_table_contains (old_keys, key))
            g_ptr_array_add (self->problems, g_object_ref (p));
        }
    }
}

static void
show_preview (RkImportDialog *self)
{
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *summary = NULL;
  g_autofree char *heading = NULL;
  guint n = self->created + self->updated;

  gtk_label_set_text (GTK_LABEL (self->file_label), base);
  rk_gui_list_box_clear (GTK_LIST_BOX (self->problems_list));
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
  for (guint i = 0; i < self->problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (self->problems, i);
      RkDay day;
      g_autofree char *when = rk_date_parse (rk_problem_get_date (p), &day) ? rk_day_title (day)
                                                                           : NULL;
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>  %s",
                                                         when ? when : rk_problem_get_date (p),
                                                         rk_problem_get_message (p));
      GtkWidget *label = rk_gui_row_label (markup, TRUE);

      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_append (GTK_LIST_BOX (self->problems_list), label);
    }
  /* What the file holds that Renkei reads differently or leaves out, per
   * event: nothing is dropped without a word. */
  if (self->notes->len > 0 || self->skipped > 0)
    {
      g_autofree char *title = NULL;
      GtkWidget *label;

      if (self->skipped > 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Read differently from the file (%u item that "
                                              "is not an event is skipped):",
                                              "Read differently from the file (%u items that "
                                              "are not events are skipped):",
                                              self->skipped),
                                 self->skipped);
      else
        title = g_strdup (_("Read differently from the file:"));
      label = rk_gui_row_label (title, FALSE);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, 8);
      gtk_list_box_append (GTK_LIST_BOX (self->problems_list), label);
      for (guint i = 0; i < self->notes->len; i++)
        {
          label = rk_gui_row_label (g_ptr_array_index (self->notes, i), FALSE);
          gtk_widget_set_margin_start (label, 8);
          gtk_widget_set_margin_top (label, 2);
          gtk_widget_set_margin_bottom (label, 2);
          gtk_list_box_append (GTK_LIST_BOX (self->problems_list), label);
        }
    }
  gtk_widget_set_sensitive (self->import_button, n > 0);
}

gboolean
rk_import_dialog_commit (RkImportDialog  *self,
                         GError         **error)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *label = g_strdup_printf (_("Import %s"), base);
  g_autofree char *message = NULL;
  g_auto (RkImportStats) stats = { 0 };

  g_return_val_if_fail (RK_IS_IMPORT_DIALOG (self), FALSE);
  if (self->error)
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID, self->error->message);
      return FALSE;
    }
  before = rk_store_event_stamps (self->store, error);
  if (before == NULL || !rk_store_begin (self->store, error))
    return FALSE;
  rk_undo_stack_begin (self->undo, label);
  for (guint i = 0; i < self->touched->len; i++)
    if (!rk_undo_stack_save_event (self->undo, g_array_index (self->touched, gint64, i), error))
      goto fail;
  if (!run_import (self, &stats, error) ||
      !changed_events (self->store, before, added, changed, error))
    goto fail;
  for (guint i = 0; i < changed->len; i++)
    {
      gint64 id = g_array_index (changed, gint64, i);
      gboolean saved = FALSE;

      for (guint j = 0; j < self->touched->len; j++)
        saved = saved || g_array_index (self->touched, gint64, j) == id;
      if (!saved)
        {
          /* Undo could not put it back: the database moved since the preview. */
          g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                       _("The calendar was changed by someone else since the preview; "
                         "open the file again to see what the import does now"));
          goto fail;
        }
    }
  for (guint i = 0; i < added->len; i++)
    rk_undo_stack_note_created (self->undo, g_array_index (added, gint64, i));
  if (!rk_undo_stack_commit (self->undo, error))
    return FALSE;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u event: %u new, %u updated",
                                          "Imported %u events: %u new, %u updated",
                                          stats.created + stats.updated),
                             stats.created + stats.updated, stats.created, stats.updated);
  g_signal_emit (self, signals[IMPORTED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;

fail:
  rk_undo_stack_abort (self->undo);
  return FALSE;
}

static void
on_import_clicked (RkImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_object_ref (self);
  if (!rk_import_dialog_commit (self, &error))
    rk_gui_field_error (self->error_label, NULL, error->message);
  g_object_unref (self);
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

  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_import_dialog_parent_class)->dispose (object);
}

static void
rk_import_dialog_finalize (GObject *object)
{
  RkImportDialog *self = RK_IMPORT_DIALOG (object);

  g_free (self->path);
  g_free (self->contents);
  g_clear_error (&self->error);
  g_array_unref (self->touched);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->notes);
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
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
}

RkImportDialog *
rk_import_dialog_new (GtkWindow   *parent,
                      RkStore     *store,
                      RkUndoStack *undo,
                      const char  *path)
{
  RkImportDialog *self = g_object_new (RK_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) local = NULL;

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->path = g_strdup (path);
  if (!g_file_get_contents (path, &self->contents, &self->length, &local))
    g_set_error (&self->error, RK_ERROR, RK_ERROR_INVALID, _("Cannot read %s: %s"), path,
                 local->message);
  else
    {
      /* By content; the name only decides for a file that is neither. */
      self->ics = rk_ical_detect (self->contents, self->length) ||
                  g_str_has_suffix (path, ".ics") || g_str_has_suffix (path, ".ICS");
      preview (self);
    }
  show_preview (self);
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
  RkStore *store = g_object_get_data (G_OBJECT (native), "rk-store");
  RkUndoStack *undo = g_object_get_data (G_OBJECT (native), "rk-undo");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        rk_gui_toast (parent ? GTK_WIDGET (parent) : NULL, _("Choose a local file to import"),
                      FALSE);
      else
        {
          RkImportDialog *dialog = rk_import_dialog_new (parent, store, undo, path);

          if (parent)
            g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), parent, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (native);
}

void
rk_import_dialog_choose (GtkWindow   *parent,
                         RkStore     *store,
                         RkUndoStack *undo)
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
  g_object_set_data_full (G_OBJECT (native), "rk-store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (native), "rk-undo", g_object_ref (undo), g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_chosen), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
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
