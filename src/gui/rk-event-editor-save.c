#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-event-editor-private.h"

/* The save in the worker (one transaction, one undo step, refused when
 * someone else changed the event meanwhile), the attendance record's,
 * and deleting. */

static gboolean
same_set (GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!rk_editor_has_id (b, g_array_index (a, gint64, i)))
      return FALSE;
  return TRUE;
}

/* ---- saving ------------------------------------------------------------- */

static RkEvent *
edited_event (RkEventEditor *self, const Form *form)
{
  RkEvent *event = rk_event_new ();
  g_autofree char *notes = notes_text (self);
  g_autofree char *title = g_strstrip (g_strdup (rk_editor_get_text (self->title_entry)));
  char start[17], end[17];

  RkSProgram *program = rk_schedule_program (self->ref, form->program_id);

  /* A title that only repeats the program's name is left unset, so the
   * event follows the program if it is renamed. */
  if (program && g_strcmp0 (title, program->name) == 0)
    title[0] = '\0';
  g_object_set (event,
                "program-id", form->program_id,
                "title", *title ? title : NULL,
                "start", rk_time_format_buf (form->start, start),
                "end", rk_time_format_buf (form->end, end),
                "room-id", form->room_id,
                "capacity", form->capacity,
                "notes", *notes ? notes : NULL,
                "rrule", editing_occurrence (self) ? rk_event_get_rrule (self->event) : form->rrule,
                "on-holiday", editing_occurrence (self) ? rk_event_get_on_holiday (self->event)
                                                        : rk_policy_to_token (form->policy),
                "tentative", gtk_switch_get_active (GTK_SWITCH (self->tentative_switch)),
                NULL);
  return event;
}

/* What a save writes, copied off the dialog: it runs in the context's
 * store worker while the dialog waits, and leaves what it found here. */
typedef struct
{
  RkEvent          *edited;
  GArray           *items;           /* the equipment as the fields say */
  GArray           *orig_equipment;
  RkAttendance     *record;          /* an edited record going along, or NULL */
  RkStaffingChange *staffing;
  gint64            event_id;        /* 0: a new event */
  gint64            version;         /* of the event as loaded */
  RkDay             orig_date;
  gboolean          occurrence;      /* one occurrence of a series */
  RkEditScope       scope;           /* of the rest of a series */
  gint64            saved_id;        /* out: the event the editor's changes went to */
  GPtrArray        *report;          /* out: what the save dropped, translated lines */
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->edited);
  g_array_unref (job->items);
  g_array_unref (job->orig_equipment);
  g_clear_pointer (&job->record, rk_attendance_free);
  rk_staffing_change_free (job->staffing);
  g_ptr_array_unref (job->report);
  g_free (job);
}

static gboolean
apply_staff (SaveJob *job, RkStore *store, gint64 event_id, RkDay occ_date, GError **error)
{
  job->saved_id = event_id;
  return rk_staffing_change_apply (job->staffing, store, event_id, occ_date, job->event_id,
                                   job->orig_date, error);
}

/* In the worker thread, inside the save's transaction and undo entry. */
static gboolean
save_tx (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  SaveJob *job = data;

  if (job->record && !rk_attendance_save_recorded (store, undo, job->record, error))
    return FALSE;
  if (job->event_id == 0)
    {
      gint64 id = rk_store_add_event (store, job->edited, job->items, error);

      if (id == 0)
        return FALSE;
      rk_undo_stack_note_created (undo, id);
      return apply_staff (job, store, id, 0, error);
    }

  if (!rk_undo_stack_save_event (undo, job->event_id, error))
    return FALSE;
  /* The version loaded with the dialog: someone else's save since wins,
   * and the person reloads to see it. */
  {
    g_autoptr(RkEvent) now = rk_store_get_event (store, job->event_id, error);

    if (now == NULL)
      return FALSE;
    if (rk_event_get_version (now) != job->version)
      {
        g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                     _("The event was changed by someone else meanwhile"));
        return FALSE;
      }
  }

  {
    /* One occurrence; or the whole series, or this and the following: the
     * way the CLI edits, so exceptions and one-day staff that no longer
     * fall on a date of the new rule are dropped and reported rather than
     * left dangling. */
    RkEditScope scope = job->occurrence ? RK_SCOPE_THIS : job->scope;
    gboolean equipment_changed = !same_set (job->items, job->orig_equipment);
    gint64 id;

    id = rk_series_edit (store, job->event_id, job->orig_date, scope, job->edited,
                         equipment_changed ? job->items : NULL, job->report, error);
    if (id == 0)
      return FALSE;
    if (id != job->event_id)
      /* The occurrence left the series as an event of its own, or the
       * following occurrences became a series of their own, with the
       * series' people copied: the editor's changes go there. */
      rk_undo_stack_note_created (undo, id);
    if (job->occurrence && id == job->event_id)
      return apply_staff (job, store, job->event_id, job->orig_date, error);
    return apply_staff (job, store, id, 0, error);
  }
}

/* Tells what the save dropped, on the window the editor was opened from. */
static void
show_report (RkEventEditor *self, GPtrArray *report)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *lines = NULL;
  GtkWidget *dialog;

  if (report->len == 0)
    return;
  g_ptr_array_add (report, NULL);
  lines = g_strjoinv ("\n", (char **) report->pdata);
  g_ptr_array_remove_index (report, report->len - 1);
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_INFO,
                                   GTK_BUTTONS_CLOSE, "%s",
                                   _("Some Changes of Single Days No Longer Apply"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", lines);
  gtk_widget_add_css_class (dialog, "series-report");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* While the worker saves: Save shows a spinner and can't be pressed again,
 * the fields can't change under the save, and the dialog stays open. */
static void
set_saving (RkEventEditor *self, gboolean saving)
{
  self->saving = saving;
  if (saving)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      /* Focus leaves the fields before they turn insensitive, and comes
       * back to where it was when the dialog stays open. */
      g_set_weak_pointer (&self->focus_before_save, gtk_window_get_focus (GTK_WINDOW (self)));
      gtk_window_set_focus (GTK_WINDOW (self), NULL);

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Saving…"), -1);
      gtk_button_set_child (GTK_BUTTON (self->save_button), spinner);
      gtk_widget_set_tooltip_text (self->save_button, _("Saving…"));
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      gtk_button_set_use_underline (GTK_BUTTON (self->save_button), TRUE);
      gtk_widget_set_tooltip_text (self->save_button, NULL);
    }
  gtk_widget_set_sensitive (self->save_button, !saving && self->valid);
  gtk_widget_set_sensitive (self->delete_button, !saving);
  gtk_widget_set_sensitive (self->form, !saving);
  if (!saving && self->focus_before_save)
    {
      gtk_widget_grab_focus (self->focus_before_save);
      g_clear_weak_pointer (&self->focus_before_save);
    }
}

/* What is wrong, under the fields; everything typed stays. */
static void
show_save_error (RkEventEditor *self, GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    {
      g_free (error->message);
      error->message = g_strdup (_("Not saved: the server cannot be reached. What you typed is "
                                   "kept; save again when the connection is back."));
    }
  rk_gui_save_failed (error, self->stale_bar, NULL, NULL, self->error_label);
}

static void
save_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RkEventEditor *self = g_task_get_source_object (task);
  GError *error = NULL;
  SaveJob *job = rk_context_change_finish (RK_CONTEXT (source), result, &error);
  gboolean created;

  /* Closed with its window meanwhile: nothing left to show. */
  if (self->context == NULL)
    {
      if (job)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  set_saving (self, FALSE);
  if (job == NULL)
    {
      show_save_error (self, error);
      g_task_return_error (task, error);
      return;
    }
  created = job->event_id == 0;
  self->event_id = job->saved_id;
  rk_event_editor_emit_saved (self, created ? _("Event created") : _("Event saved"));
  show_report (self, job->report);
  gtk_window_destroy (GTK_WINDOW (self));
  g_task_return_boolean (task, TRUE);
}

void
rk_event_editor_save_async (RkEventEditor       *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;
  SaveJob *job;
  Form form;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_event_editor_save_async);
  if (self->saving)
    {
      g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                               _("The event is being saved"));
      g_object_unref (task);
      return;
    }
  if (self->open_cancel || self->ref == NULL)
    {
      g_task_return_new_error (task, RK_ERROR, RK_ERROR_INVALID, "%s",
                               _("The event is still being read; save once it is shown"));
      g_object_unref (task);
      return;
    }
  if (!rk_event_editor_validate (self) || !rk_event_editor_read_form (self, &form))
    {
      error = g_error_new_literal (RK_ERROR, RK_ERROR_INVALID, _("Some fields need fixing first"));
      show_save_error (self, error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->items = rk_editor_place_section_get_equipment (self->place);
  job->orig_equipment = g_array_copy (self->orig_equipment);
  job->report = g_ptr_array_new_with_free_func (g_free);
  job->staffing = rk_editor_staffing_section_get_change (self->staffing);
  /* An edited record goes along, in the same step; a bad count keeps
   * everything unsaved. */
  if (rk_editor_attendance_section_is_dirty (self->attendance))
    {
      job->record = rk_editor_attendance_section_read (self->attendance, &error);
      if (job->record == NULL)
        {
          rk_event_editor_form_clear (&form);
          save_job_free (job);
          show_save_error (self, error);
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
    }
  job->edited = edited_event (self, &form);
  rk_event_editor_form_clear (&form);
  job->event_id = self->event ? self->event_id : 0;
  job->version = self->event ? rk_event_get_version (self->event) : 0;
  job->orig_date = self->orig_date;
  job->occurrence = editing_occurrence (self);
  job->scope = self->series ? self->scope : RK_SCOPE_ALL;

  set_saving (self, TRUE);
  rk_context_change_async (self->context, self->event ? _("Edit event") : _("New event"),
                           save_tx, job, save_job_free, save_done, task);
}

gboolean
rk_event_editor_save_finish (RkEventEditor  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
rk_event_editor_get_saving (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return self->saving;
}

/* In the worker: the event's version as stored now (-1: it is gone). */
static gpointer
version_run (RkStore *store, gpointer data, GError **error)
{
  g_autoptr(RkEvent) now = rk_store_get_event (store, *(gint64 *) data, NULL);
  gint64 *version = g_new (gint64, 1);

  *version = now ? rk_event_get_version (now) : -1;
  return version;
}

static void
version_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkEventEditor) self = user_data;
  g_autofree gint64 *version = rk_store_worker_run_finish (RK_STORE_WORKER (source), result,
                                                          NULL);

  /* Only marked: what the person typed stays, and the save's version
   * check decides. */
  if (version && self->event && self->context &&
      *version != rk_event_get_version (self->event))
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->elsewhere_bar), TRUE);
}

/* Whether the open event changed is asked of the worker, never read here. */
void
rk_event_editor_notice_external_change (RkEventEditor *self)
{
  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  if (self->event == NULL)
    return;
  rk_store_worker_run_async (rk_context_get_worker (self->context), version_run,
                             g_memdup2 (&self->event_id, sizeof self->event_id), g_free, g_free,
                             NULL, version_read, g_object_ref (self));
}

static void
on_save_clicked (RkEventEditor *self)
{
  rk_event_editor_save_async (self, NULL, NULL);
}

/* A save on its way is not left behind: the dialog closes when it lands. */
gboolean
rk_event_editor_close_request (RkEventEditor *self)
{
  return self->saving;
}

static void
record_saved (GtkWidget *owner, gpointer data, const GError *error)
{
  RkEventEditor *self = RK_EVENT_EDITOR (owner);

  if (data == NULL)
    {
      rk_editor_attendance_section_show_error (self->attendance, error->message);
      return;
    }
  rk_editor_attendance_section_saved (self->attendance, data);
  rk_context_toast (GTK_WIDGET (self), _("Attendance recorded"), TRUE, FALSE);
}

static gboolean
record_tx (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  return rk_attendance_save_recorded (store, undo, data, error);
}

/* The 「実績」 section's own button: the record alone, in the worker; the
 * editor stays open. */
static void
on_save_record (RkEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  RkAttendance *record = rk_editor_attendance_section_read (self->attendance, &error);

  if (record == NULL)
    return;
  rk_context_save (self->context, GTK_WIDGET (self),
                   rk_editor_attendance_section_get_field (self->attendance, "save"),
                   GTK_WIDGET (self->attendance), _("Record attendance"), record_tx, record,
                   (GDestroyNotify) rk_attendance_free, record_saved);
}

static void
on_attendance_changed (RkEventEditor *self)
{
  gtk_widget_set_visible (self->error_label, FALSE);
}

static void
on_delete_clicked (RkEventEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 id = self->event_id;
  RkDay date = self->orig_date;

  if (self->event == NULL)
    return;
  if (date == 0)
    {
      RkMinute start;
      if (rk_time_parse (rk_event_get_start (self->event), &start))
        date = rk_minute_day (start);
    }
  gtk_window_destroy (GTK_WINDOW (self));
  if (parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.cancel-occurrence", "(xu)", id,
                                (guint32) date);
}

void
rk_event_editor_save_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_record);
  gtk_widget_class_bind_template_callback (widget_class, on_attendance_changed);
}
