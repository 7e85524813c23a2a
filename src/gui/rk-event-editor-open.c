#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-event-editor-private.h"

/* What the editor shows: the event, its scope in a series and the lists,
 * read by the store worker. */

/* ---- loading ------------------------------------------------------------ */

/* The names and reference rows of the lists, as the worker read them. */
static void
set_reference (RkEventEditor *self, RkSchedule *ref, RkDay today)
{
  gboolean was_loading = self->loading;

  self->today = today;
  rk_event_editor_set_loading (self, TRUE);
  g_clear_pointer (&self->ref, rk_schedule_free);
  self->ref = ref;
  rk_event_editor_fill_lists (self);
  rk_event_editor_set_loading (self, was_loading);
}

/* What happened can be entered for one occurrence that has started: an
 * event that does not repeat, or one occurrence of a series. */
static void
update_attendance (RkEventEditor *self)
{
  RkMinute start;

  if (self->event == NULL || (self->series && self->scope != RK_SCOPE_THIS))
    rk_editor_attendance_section_hide (self->attendance);
  else if (self->series)
    rk_editor_attendance_section_load (self->attendance, rk_context_get_worker (self->context),
                                       self->event_id, self->orig_date);
  else if (rk_time_parse (rk_event_get_start (self->event), &start))
    rk_editor_attendance_section_load (self->attendance, rk_context_get_worker (self->context),
                                       self->event_id, rk_minute_day (start));
}

static void
set_sensitivities (RkEventEditor *self)
{
  gboolean occurrence = editing_occurrence (self);

  update_attendance (self);

  gtk_widget_set_visible (self->scope_box, self->series);
  rk_editor_when_section_set_occurrence (self->when, occurrence);
  rk_editor_staffing_section_set_occurrence (self->staffing, occurrence);
  gtk_widget_set_visible (self->delete_button, self->event != NULL);
}

static void
update_heading (RkEventEditor *self)
{
  const char *heading;

  if (self->event == NULL)
    heading = _("New Event");
  else if (editing_occurrence (self))
    heading = _("Edit Occurrence");
  else if (at_occurrence (self))
    heading = _("Edit This and Following");
  else if (self->series)
    heading = _("Edit Series");
  else
    heading = _("Edit Event");
  gtk_label_set_text (GTK_LABEL (self->heading_label), heading);
  gtk_window_set_title (GTK_WINDOW (self), heading);
}

/* Date, times and people of the scope chosen: the occurrence, the series
 * from this occurrence's date of the rule (with the series' people), or
 * the series from its first date. */
static gboolean
load_scope (RkEventEditor *self, GError **error)
{
  RkSchedule *schedule;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  RkSEvent *se;
  RkMinute start, end;
  RkDay day;
  gboolean was_loading = self->loading;

  if (!rk_time_parse (rk_event_get_start (self->event), &start) ||
      !rk_time_parse (rk_event_get_end (self->event), &end))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("The event has unreadable times"));
      return FALSE;
    }
  /* The reference rows were read for this very day, with the event. */
  day = self->orig_date ? self->orig_date : rk_minute_day (start);
  schedule = self->ref;
  g_return_val_if_fail (schedule != NULL && schedule->from <= day && day <= schedule->to, FALSE);
  se = rk_schedule_event (schedule, self->event_id);
  if (se == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND, _("The event no longer exists"));
      return FALSE;
    }
  if (editing_occurrence (self))
    {
      const RkOcc *occ;

      occs = rk_event_expand (schedule, se, self->orig_date > 31 ? self->orig_date - 31 : 1,
                              self->orig_date + 31, error);
      if (occs == NULL)
        return FALSE;
      occ = rk_occ_find (occs, self->event_id, self->orig_date);
      if (occ)
        {
          start = occ->start;
          end = occ->end;
          rk_occ_staff (occ, staff);
        }
      else
        {
          start = rk_minute_make (self->orig_date, rk_minute_of_day (start));
          end = start + (se->end - se->start);
        }
    }
  else if (at_occurrence (self))
    {
      /* The rest of the series starts on this date of the rule, even when
       * a holiday policy moved this one occurrence off it. */
      start = rk_minute_make (self->orig_date, rk_minute_of_day (se->start));
      end = start + (se->end - se->start);
    }
  if (!editing_occurrence (self))
    for (guint i = 0; i < se->assigns->len; i++)
      {
        const RkSAssign *a = &g_array_index (se->assigns, RkSAssign, i);
        if (a->occ_date == 0 && !a->excluded && !rk_editor_has_id (staff, a->staff_id))
          g_array_append_val (staff, a->staff_id);
      }
  rk_editor_staffing_section_set_occurrence (self->staffing, editing_occurrence (self));
  rk_editor_staffing_section_load (self->staffing, staff, se,
                                   editing_occurrence (self) ? self->orig_date : 0);
  g_array_set_size (self->orig_equipment, 0);
  g_array_append_vals (self->orig_equipment, se->equipment->data, se->equipment->len);

  rk_event_editor_set_loading (self, TRUE);
  rk_editor_when_section_set_times (self->when, start, end);
  rk_editor_place_section_set_equipment (self->place, se->equipment);
  rk_event_editor_set_loading (self, was_loading);
  return TRUE;
}

static void
on_scope_toggled (RkEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  RkEditScope scope = RK_SCOPE_THIS;

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->all_button)))
    scope = RK_SCOPE_ALL;
  else if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->following_button)))
    scope = RK_SCOPE_FOLLOWING;
  if (self->loading || self->event == NULL || scope == self->scope)
    return;
  self->scope = scope;
  if (!load_scope (self, &error))
    rk_gui_field_error (self->error_label, NULL, error->message);
  set_sensitivities (self);
  update_heading (self);
  rk_editor_staffing_section_rebuild (self->staffing);
  rk_event_editor_validate (self);
  rk_event_editor_schedule_check (self);
}

void
rk_event_editor_set_scope (RkEventEditor *self,
                           RkEditScope    scope)
{
  GtkWidget *button = self->this_button;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  if (scope == RK_SCOPE_ALL)
    button = self->all_button;
  else if (scope == RK_SCOPE_FOLLOWING)
    button = self->following_button;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

RkEditScope
rk_event_editor_get_scope (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), RK_SCOPE_ALL);
  return self->scope;
}

void
rk_event_editor_set_whole_series (RkEventEditor *self,
                                  gboolean       whole)
{
  rk_event_editor_set_scope (self, whole ? RK_SCOPE_ALL : RK_SCOPE_THIS);
}

/* ---- opening: what the editor shows, read by the worker ----------------- */

typedef struct
{
  gint64  event_id;            /* 0: a new event's lists only */
  RkDay   day;                 /* a new event's */
  RkDay   orig_date;           /* the occurrence asked for (0: the series start) */
} OpenJob;

typedef struct
{
  RkEvent    *event;           /* NULL for a new event */
  RkDay       orig_date;       /* of a series' occurrence, else 0 */
  RkSchedule *ref;             /* the day's reference rows */
  RkDay       today;
  int         fiscal_start;    /* the fiscal year's first month (setting) */
} Opened;

static void
opened_free (gpointer p)
{
  Opened *o = p;

  g_clear_object (&o->event);
  g_clear_pointer (&o->ref, rk_schedule_free);
  g_free (o);
}

/* In the worker: the event, and the day's reference rows (its day, or the
 * occurrence's date of the rule) for the lists and the scopes. */
static gpointer
open_run (RkStore *store, gpointer data, GError **error)
{
  OpenJob *job = data;
  Opened *o = g_new0 (Opened, 1);
  RkDay day = job->day;

  if (job->event_id > 0)
    {
      const char *rrule;
      RkMinute start;

      o->event = rk_store_get_event (store, job->event_id, error);
      if (o->event == NULL)
        {
          opened_free (o);
          return NULL;
        }
      if (!rk_time_parse (rk_event_get_start (o->event), &start))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("The event has unreadable times"));
          opened_free (o);
          return NULL;
        }
      rrule = rk_event_get_rrule (o->event);
      if (rrule && *rrule)
        o->orig_date = job->orig_date ? job->orig_date : rk_minute_day (start);
      day = o->orig_date ? o->orig_date : rk_minute_day (start);
    }
  o->ref = rk_store_load_schedule (store, day, day, error);
  if (o->ref == NULL)
    {
      opened_free (o);
      return NULL;
    }
  o->today = rk_store_today (store);
  o->fiscal_start = rk_store_get_setting_int (store, "fiscal_year_start", 4);
  return o;
}

/* While the worker reads: a spinner in the header, nothing to save, and
 * (an existing event's) fields not offered until they hold the event. */
static void
set_opening (RkEventEditor *self, gboolean opening, gboolean form_too)
{
  gtk_widget_set_visible (self->opening_spinner, opening);
  gtk_spinner_set_spinning (GTK_SPINNER (self->opening_spinner), opening);
  if (form_too)
    gtk_widget_set_sensitive (self->form, !opening);
  if (opening)
    gtk_widget_set_sensitive (self->save_button, FALSE);
  else
    rk_event_editor_validate (self);
}

static void
start_open (RkEventEditor *self, OpenJob *job, GAsyncReadyCallback done)
{
  g_cancellable_cancel (self->open_cancel);
  g_clear_object (&self->open_cancel);
  self->open_cancel = g_cancellable_new ();
  rk_store_worker_run_async (rk_context_get_worker (self->context), open_run, job, g_free,
                             opened_free, self->open_cancel, done, g_object_ref (self));
}

static void
new_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkEventEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  Opened *o = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);

  /* Asked again (or closed) meanwhile: the newer read is the one shown. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    {
      g_clear_pointer (&o, opened_free);
      return;
    }
  g_clear_object (&self->open_cancel);
  set_opening (self, FALSE, FALSE);
  if (o == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  /* What was typed meanwhile stays: only the lists are filled. */
  rk_editor_when_section_set_fiscal_start (self->when, o->fiscal_start);
  set_reference (self, g_steal_pointer (&o->ref), o->today);
  opened_free (o);
  rk_editor_staffing_section_rebuild (self->staffing);
  rk_event_editor_validate (self);
  rk_event_editor_schedule_check (self);
}

void
rk_event_editor_set_new (RkEventEditor *self,
                         RkDay          day)
{
  OpenJob *job;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  if (self->open_task)
    g_task_return_new_error (g_steal_pointer (&self->open_task), G_IO_ERROR,
                             G_IO_ERROR_CANCELLED, "%s", _("Opened again"));
  g_clear_object (&self->event);
  self->event_id = 0;
  self->orig_date = 0;
  self->series = FALSE;
  self->scope = RK_SCOPE_ALL;
  rk_editor_staffing_section_clear (self->staffing);
  rk_editor_staffing_section_set_program (self->staffing, 0);
  g_array_set_size (self->orig_equipment, 0);

  /* The fields are there at once, to be typed in; the lists (programs,
   * rooms, staff) follow when the worker has read them. */
  rk_event_editor_set_loading (self, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->program_dropdown), 0);
  rk_editor_place_section_set_room (self->place, 0);
  rk_gui_set_text (self->title_entry, "");
  rk_editor_when_section_set_new (self->when, day);
  rk_editor_place_section_set_capacity (self->place, 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)), "", -1);
  rk_editor_place_section_set_equipment (self->place, self->orig_equipment);
  gtk_switch_set_active (GTK_SWITCH (self->tentative_switch), FALSE);
  self->last_program = 0;
  self->touched = FALSE;
  rk_event_editor_set_loading (self, FALSE);

  set_sensitivities (self);
  update_heading (self);
  rk_event_editor_validate (self);
  gtk_widget_grab_focus (self->title_entry);

  job = g_new0 (OpenJob, 1);
  job->day = day;
  set_opening (self, TRUE, FALSE);
  start_open (self, job, new_opened);
}

/* The event read: its fields filled, its scope's date, times and people. */
static gboolean
show_event (RkEventEditor *self, Opened *o, GError **error)
{
  RkEvent *event = o->event;
  RkMinute start;
  const char *rrule;

  rk_time_parse (rk_event_get_start (event), &start);
  g_set_object (&self->event, event);
  self->event_id = rk_event_get_id (event);
  rrule = rk_event_get_rrule (event);
  self->series = rrule && *rrule;
  self->orig_date = o->orig_date;
  /* One occurrence of a series by default: the safer edit. */
  self->scope = self->series ? RK_SCOPE_THIS : RK_SCOPE_ALL;
  rk_editor_when_section_set_fiscal_start (self->when, o->fiscal_start);
  set_reference (self, g_steal_pointer (&o->ref), o->today);

  rk_event_editor_set_loading (self, TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->this_button), TRUE);
  rk_editor_dropdown_select_id (self->program_dropdown, self->program_ids,
                                rk_event_get_program_id (event));
  self->last_program = rk_event_get_program_id (event);
  rk_editor_staffing_section_set_program (self->staffing, self->last_program);
  rk_editor_place_section_set_room (self->place, rk_event_get_room_id (event));
  rk_gui_set_text (self->title_entry, rk_event_get_title (event)
                                           ? rk_event_get_title (event)
                                           : rk_event_get_program_name (event));
  rk_editor_place_section_set_capacity (self->place, rk_event_get_capacity (event));
  gtk_switch_set_active (GTK_SWITCH (self->tentative_switch), rk_event_get_tentative (event));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)),
                            rk_event_get_notes (event) ? rk_event_get_notes (event) : "", -1);
  rk_editor_when_section_set_rule (self->when, rrule, rk_minute_day (start),
                                   rk_policy_from_token (rk_event_get_on_holiday (event)));
  self->touched = FALSE;
  rk_event_editor_set_loading (self, FALSE);

  if (!load_scope (self, error))
    return FALSE;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->stale_bar), FALSE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->elsewhere_bar), FALSE);
  gtk_widget_set_visible (self->error_label, FALSE);
  set_sensitivities (self);
  update_heading (self);
  rk_editor_staffing_section_rebuild (self->staffing);
  rk_event_editor_validate (self);
  rk_event_editor_schedule_check (self);
  return TRUE;
}

static void
event_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkEventEditor) self = user_data;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Opened *o = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    {
      /* A newer load took over (its task is the one answered), or the
       * editor was closed. */
      g_clear_pointer (&o, opened_free);
      g_clear_error (&error);
      if (self->context == NULL && self->open_task)
        g_task_return_new_error (g_steal_pointer (&self->open_task), G_IO_ERROR,
                                 G_IO_ERROR_CANCELLED, "%s", _("The editor was closed"));
      return;
    }
  g_clear_object (&self->open_cancel);
  task = g_steal_pointer (&self->open_task);
  set_opening (self, FALSE, TRUE);
  if (o && show_event (self, o, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_clear_pointer (&o, opened_free);
}

void
rk_event_editor_load_async (RkEventEditor       *self,
                            gint64               event_id,
                            RkDay                orig_date,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  OpenJob *job;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  /* A load still on its way is dropped for this one. */
  if (self->open_task)
    g_task_return_new_error (g_steal_pointer (&self->open_task), G_IO_ERROR,
                             G_IO_ERROR_CANCELLED, "%s", _("Opened again"));
  self->open_task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->open_task, rk_event_editor_load_async);
  job = g_new0 (OpenJob, 1);
  job->event_id = event_id;
  job->orig_date = orig_date;
  set_opening (self, TRUE, TRUE);
  start_open (self, job, event_opened);
}

gboolean
rk_event_editor_load_finish (RkEventEditor  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
rk_event_editor_get_opening (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return self->open_cancel != NULL || rk_editor_attendance_section_is_loading (self->attendance);
}

static void
reloaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkEventEditor *self = RK_EVENT_EDITOR (source);
  RkEditScope scope = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (rk_event_editor_load_finish (self, result, &error))
    {
      if (self->series)
        rk_event_editor_set_scope (self, scope);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rk_gui_field_error (self->error_label, NULL, error->message);
}

void
rk_event_editor_reload (RkEventEditor *self)
{
  g_return_if_fail (RK_IS_EVENT_EDITOR (self));
  if (self->event_id <= 0)
    return;
  rk_event_editor_load_async (self, self->event_id, self->orig_date, reloaded,
                              GINT_TO_POINTER (self->scope));
}

static void
on_reload_clicked (RkEventEditor *self)
{
  rk_event_editor_reload (self);
}

void
rk_event_editor_open_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
}
