#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-attendance-input.h"
#include "rk-editor-attendance-section.h"
#include "rk-gui-util.h"
#include "rk-store-attendance.h"

/* Fields side by side before the grid wraps. */
#define PER_ROW 7

struct _RkEditorAttendanceSection
{
  RkEditorSection parent_instance;

  /* template */
  GtkWidget    *status_label;
  GtkWidget    *counts_grid;
  GtkWidget    *consult_grid;
  GtkWidget    *notes_entry;
  GtkWidget    *error_label;
  GtkWidget    *save_button;

  GtkWidget    *counts[RK_N_COUNTS];
  GPtrArray    *consult_entries;   /* GtkWidget *, one per category */
  GStrv         categories;
  RkAttendance *record;            /* as loaded or last saved (version 0: none yet) */
  gboolean      shown;
  gboolean      dirty;
  GCancellable *cancel;            /* the worker's read on its way */
};

G_DEFINE_FINAL_TYPE (RkEditorAttendanceSection, rk_editor_attendance_section,
                     RK_TYPE_EDITOR_SECTION)

enum
{
  SAVE_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_field_changed (RkEditorAttendanceSection *self);

static GtkWidget *
count_field (RkEditorAttendanceSection *self, GtkWidget *grid, guint index, const char *label_text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, label_text);
  gtk_widget_add_css_class (label, "caption");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 7);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label_text, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_field_changed), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_grid_attach (GTK_GRID (grid), box, index % PER_ROW, index / PER_ROW, 1, 1);
  return entry;
}

static void
build_categories (RkEditorAttendanceSection *self, GStrv categories)
{
  GtkWidget *child;

  if (self->categories && g_strv_equal ((const char * const *) self->categories,
                                        (const char * const *) categories))
    return;
  while ((child = gtk_widget_get_first_child (self->consult_grid)))
    gtk_grid_remove (GTK_GRID (self->consult_grid), child);
  g_ptr_array_set_size (self->consult_entries, 0);
  g_strfreev (self->categories);
  self->categories = g_strdupv (categories);
  for (guint i = 0; categories[i]; i++)
    g_ptr_array_add (self->consult_entries,
                     count_field (self, self->consult_grid, i, categories[i]));
}

static void
set_count (GtkWidget *entry, int count, gboolean recorded)
{
  g_autofree char *text = recorded ? g_strdup_printf ("%d", count) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
update_status (RkEditorAttendanceSection *self)
{
  const char *status;

  if (self->record == NULL || self->record->version == 0)
    status = _("Not entered yet: type what the sign-in sheet says");
  else if (self->dirty)
    status = _("Changed, not saved yet");
  else
    status = _("Recorded");
  gtk_label_set_text (GTK_LABEL (self->status_label), status);
}

/* The fields show the record (or blanks when there is none yet). */
static void
fill (RkEditorAttendanceSection *self)
{
  const RkAttendance *a = self->record;
  gboolean recorded = a->version > 0;

  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), TRUE);
  for (guint i = 0; i < RK_N_COUNTS; i++)
    set_count (self->counts[i], a->counts[i], recorded);
  for (guint i = 0; i < self->consult_entries->len; i++)
    set_count (self->consult_entries->pdata[i],
               rk_attendance_consultation (a, self->categories[i]), recorded);
  rk_gui_set_text (self->notes_entry, a->notes);
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), FALSE);
  self->dirty = FALSE;
  rk_gui_field_error (self->error_label, NULL, NULL);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  update_status (self);
}

void
rk_editor_attendance_section_hide (RkEditorAttendanceSection *self)
{
  g_return_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self));

  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  self->shown = FALSE;
  self->dirty = FALSE;
  g_clear_pointer (&self->record, rk_attendance_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

typedef struct
{
  gint64 event_id;
  RkDay  date;
} AttendanceAsk;

typedef struct
{
  RkAttendance *record;        /* NULL: nothing to record (not started …) */
  char        **categories;
} AttendanceRead;

static void
attendance_read_free (gpointer p)
{
  AttendanceRead *r = p;

  g_clear_pointer (&r->record, rk_attendance_free);
  g_strfreev (r->categories);
  g_free (r);
}

/* In the worker: the occurrence's record (a new one when none is kept
 * yet) and the consultation categories. */
static gpointer
attendance_run (RkStore *store, gpointer data, GError **error)
{
  AttendanceAsk *ask = data;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GError) local = NULL;
  AttendanceRead *r = g_new0 (AttendanceRead, 1);
  const RkOcc *occ;

  /* Not yet started, cancelled or skipped: nothing to record. */
  occ = rk_store_attendance_occurrence (store, ask->event_id, ask->date, &schedule, &occs, NULL);
  if (occ == NULL)
    return r;
  r->record = rk_store_get_attendance (store, ask->event_id, occ->orig_date, &local);
  if (r->record == NULL && local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      attendance_read_free (r);
      return NULL;
    }
  if (r->record == NULL)
    r->record = rk_attendance_new (ask->event_id, occ->orig_date);
  r->categories = rk_store_consultation_categories (store);
  return r;
}

static void
attendance_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  AttendanceRead *r = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  RkEditorAttendanceSection *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_EDITOR_ATTENDANCE_SECTION (user_data);
  g_clear_object (&self->cancel);
  if (r == NULL)
    {
      g_warning ("Reading an attendance record: %s", error->message);
      return;
    }
  if (r->record)
    {
      self->record = g_steal_pointer (&r->record);
      build_categories (self, r->categories);
      self->shown = TRUE;
      fill (self);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
    }
  attendance_read_free (r);
}

void
rk_editor_attendance_section_load (RkEditorAttendanceSection *self,
                                   RkStoreWorker             *worker,
                                   gint64                     event_id,
                                   RkDay                      date)
{
  AttendanceAsk *ask;

  g_return_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self));

  rk_editor_attendance_section_hide (self);
  /* Shown when the worker has read it; not at all when there is nothing
   * to record. A read still on its way is dropped for this one. */
  ask = g_new0 (AttendanceAsk, 1);
  ask->event_id = event_id;
  ask->date = date;
  self->cancel = g_cancellable_new ();
  rk_store_worker_run_async (worker, attendance_run, ask, g_free, attendance_read_free,
                             self->cancel, attendance_read, self);
}

gboolean
rk_editor_attendance_section_is_loading (RkEditorAttendanceSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self), FALSE);
  return self->cancel != NULL;
}

gboolean
rk_editor_attendance_section_is_dirty (RkEditorAttendanceSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self), FALSE);
  return self->shown && self->dirty;
}

/* The record the fields describe, checked; NULL with error set. */
static RkAttendance *
read_fields (RkEditorAttendanceSection *self, GError **error)
{
  RkAttendance *a = rk_attendance_read_fields (self->record, self->counts, self->consult_entries,
                                               self->categories, error);

  if (a)
    {
      g_free (a->notes);
      a->notes = rk_gui_entry_text (self->notes_entry);
    }
  return a;
}

RkAttendance *
rk_editor_attendance_section_read (RkEditorAttendanceSection *self,
                                   GError                   **error)
{
  g_autoptr(GError) local = NULL;
  RkAttendance *a;

  g_return_val_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self), NULL);
  g_return_val_if_fail (self->shown, NULL);

  a = read_fields (self, &local);
  rk_gui_field_error (self->error_label, NULL, local ? local->message : NULL);
  if (local)
    g_propagate_error (error, g_steal_pointer (&local));
  return a;
}

void
rk_editor_attendance_section_saved (RkEditorAttendanceSection *self,
                                    const RkAttendance        *a)
{
  g_return_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self));

  g_clear_pointer (&self->record, rk_attendance_free);
  self->record = rk_attendance_copy (a);
  self->dirty = FALSE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  update_status (self);
}

void
rk_editor_attendance_section_show_error (RkEditorAttendanceSection *self,
                                         const char                *message)
{
  g_return_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self));
  rk_gui_field_error (self->error_label, NULL, message);
}

static void
on_field_changed (RkEditorAttendanceSection *self)
{
  g_autoptr(RkAttendance) a = NULL;
  g_autoptr(GError) error = NULL;

  if (rk_editor_section_get_loading (RK_EDITOR_SECTION (self)) || !self->shown)
    return;
  self->dirty = TRUE;
  a = read_fields (self, &error);
  rk_gui_field_error (self->error_label, NULL, error ? error->message : NULL);
  gtk_widget_set_sensitive (self->save_button, a != NULL);
  update_status (self);
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

static void
on_save_clicked (RkEditorAttendanceSection *self)
{
  g_signal_emit (self, signals[SAVE_RECORD], 0);
}

GtkWidget *
rk_editor_attendance_section_get_field (RkEditorAttendanceSection *self,
                                        const char                *name)
{
  g_return_val_if_fail (RK_IS_EDITOR_ATTENDANCE_SECTION (self), NULL);

  for (guint i = 0; i < RK_N_COUNTS; i++)
    if (g_strcmp0 (name, rk_count_token (i)) == 0)
      return self->counts[i];
  if (g_str_has_prefix (name, "consultation:"))
    {
      guint64 n = g_ascii_strtoull (name + strlen ("consultation:"), NULL, 10);
      return n < self->consult_entries->len ? self->consult_entries->pdata[n] : NULL;
    }
  if (g_strcmp0 (name, "notes") == 0)
    return self->notes_entry;
  if (g_strcmp0 (name, "save") == 0)
    return self->save_button;
  if (g_strcmp0 (name, "error") == 0)
    return self->error_label;
  if (g_strcmp0 (name, "status") == 0)
    return self->status_label;
  return NULL;
}

static void
rk_editor_attendance_section_dispose (GObject *object)
{
  RkEditorAttendanceSection *self = RK_EDITOR_ATTENDANCE_SECTION (object);

  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  gtk_widget_dispose_template (GTK_WIDGET (object), RK_TYPE_EDITOR_ATTENDANCE_SECTION);
  G_OBJECT_CLASS (rk_editor_attendance_section_parent_class)->dispose (object);
}

static void
rk_editor_attendance_section_finalize (GObject *object)
{
  RkEditorAttendanceSection *self = RK_EDITOR_ATTENDANCE_SECTION (object);

  g_ptr_array_unref (self->consult_entries);
  g_strfreev (self->categories);
  g_clear_pointer (&self->record, rk_attendance_free);
  G_OBJECT_CLASS (rk_editor_attendance_section_parent_class)->finalize (object);
}

static void
rk_editor_attendance_section_class_init (RkEditorAttendanceSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_editor_attendance_section_dispose;
  object_class->finalize = rk_editor_attendance_section_finalize;

  /* The section's own Save Record button was clicked. */
  signals[SAVE_RECORD] = g_signal_new ("save-record", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renkei/Renkei/rk-editor-attendance-section.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, RkEditorAttendanceSection, name)
  BIND (status_label);
  BIND (counts_grid);
  BIND (consult_grid);
  BIND (notes_entry);
  BIND (error_label);
  BIND (save_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
rk_editor_attendance_section_init (RkEditorAttendanceSection *self)
{
  self->consult_entries = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < RK_N_COUNTS; i++)
    self->counts[i] = count_field (self, self->counts_grid, i, rk_count_label (i));
}
