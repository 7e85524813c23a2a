#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rk-attendance-input.h"
#include "rk-check.h"
#include "rk-editor-attendance-section.h"
#include "rk-editor-place-section.h"
#include "rk-editor-problems-section.h"
#include "rk-editor-staffing-section.h"
#include "rk-editor-when-section.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-event.h"
#include "rk-find-time-dialog.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-problem.h"
#include "rk-series.h"

/* Live checks wait for a short pause in typing. */
#define CHECK_DELAY_MS 150
/* The id a new event has in the draft schedule of the live check. */
#define DRAFT_ID (-1)

/* The dialog puts its sections together (when and repeat, place and
 * equipment, staffing, problems: each a widget of its own in
 * rk-editor-*-section.c) and keeps what belongs to the whole event: which
 * event and occurrence is edited and in what scope, its program, title,
 * notes and tentative state, the draft the live check runs on, and the
 * save. */
struct _RkEventEditor
{
  GtkWindow    parent_instance;

  /* template */
  GtkWidget   *heading_label;
  GtkWidget   *opening_spinner;
  GtkWidget   *save_button;
  GtkWidget   *delete_button;
  GtkWidget   *stale_bar;
  GtkWidget   *scope_box;
  GtkWidget   *this_button;
  GtkWidget   *following_button;
  GtkWidget   *all_button;
  GtkWidget   *elsewhere_bar;
  GtkWidget   *program_dropdown;
  GtkWidget   *title_entry;
  GtkWidget   *title_error;
  GtkWidget   *notes_view;
  GtkWidget   *error_label;
  GtkWidget   *tentative_switch;
  GtkWidget   *form;
  GtkSizeGroup *labels;
  RkEditorWhenSection     *when;
  RkEditorPlaceSection    *place;
  RkEditorStaffingSection *staffing;
  RkEditorProblemsSection *problems;
  RkEditorAttendanceSection *attendance;

  RkContext   *context;
  RkUndoStack *undo;           /* the context's */
  RkSchedule  *ref;            /* names and reference rows for the lists */
  RkDay        today;          /* as the database's time zone says, read with ref */

  RkEvent     *event;          /* NULL for a new event */
  gint64       event_id;
  RkDay        orig_date;      /* the occurrence edited, for series */
  gboolean     series;
  RkEditScope  scope;          /* of a series: the occurrence, it and the following, all */

  GArray      *program_ids;    /* gint64; index 0 = none */
  GArray      *orig_equipment;

  gint64       last_program;
  gboolean     loading;
  gboolean     valid;
  gboolean     touched;          /* the person has changed something since it opened */
  guint        check_id;
  GCancellable *check_cancel;  /* the live check's read on its way */
  GCancellable *open_cancel;   /* the event's (a new one's lists') read on its way */
  GTask       *open_task;      /* rk_event_editor_load_async()'s */
  gboolean     saving;         /* a save is on its way in the worker */
  GtkWidget   *focus_before_save;  /* weak */
};

G_DEFINE_FINAL_TYPE (RkEventEditor, rk_event_editor, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static void schedule_check (RkEventEditor *self);

/* ---- small helpers ------------------------------------------------------ */

static RkEditorSection *
section (gpointer section)
{
  return RK_EDITOR_SECTION (section);
}

/* While the editor fills its fields, none of them reports a change. */
static void
set_loading (RkEventEditor *self, gboolean loading)
{
  self->loading = loading;
  rk_editor_section_set_loading (section (self->when), loading);
  rk_editor_section_set_loading (section (self->place), loading);
  rk_editor_section_set_loading (section (self->staffing), loading);
  rk_editor_section_set_loading (section (self->problems), loading);
}

static char *
notes_text (RkEventEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

static gboolean
editing_occurrence (RkEventEditor *self)
{
  return self->series && self->scope == RK_SCOPE_THIS;
}

/* The date and times shown are one occurrence's (this, or this and the
 * following), not the series start's. */
static gboolean
at_occurrence (RkEventEditor *self)
{
  return self->series && self->scope != RK_SCOPE_ALL;
}

static gint64
program_id (RkEventEditor *self)
{
  return rk_editor_dropdown_id (self->program_dropdown, self->program_ids);
}

/* ---- reading the form --------------------------------------------------- */

typedef struct
{
  RkDay     day;
  RkMinute  start, end;
  gint64    program_id;
  gint64    room_id;
  int       capacity;
  char     *rrule;             /* NULL: does not repeat */
  int       policy;
} Form;

static void
form_clear (Form *form)
{
  g_clear_pointer (&form->rrule, g_free);
}

/* Reads what the fields say; FALSE when a field is unreadable (validate()
 * has said which). */
static gboolean
read_form (RkEventEditor *self, Form *form)
{
  memset (form, 0, sizeof *form);
  if (!rk_editor_when_section_read (self->when, &form->day, &form->start, &form->end,
                                    &form->rrule, &form->policy))
    return FALSE;
  form->program_id = program_id (self);
  form->room_id = rk_editor_place_section_get_room (self->place);
  form->capacity = rk_editor_place_section_get_capacity (self->place);
  if (form->capacity == 0)
    form->capacity = -1;
  return TRUE;
}

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

/* ---- validation --------------------------------------------------------- */

static gboolean
validate (RkEventEditor *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (rk_editor_get_text (self->title_entry)));
  gboolean ok = TRUE;

  if (program_id (self) == 0 && *stripped == '\0')
    {
      /* A new event does not open with an error: Save waits quietly until
       * something is typed. */
      const char *message = self->touched ? _("Give a title or choose a program") : NULL;

      rk_gui_field_error (NULL, self->title_entry, message);
      gtk_label_set_text (GTK_LABEL (self->title_error), message ? message : "");
      ok = FALSE;
    }
  else
    {
      rk_gui_field_error (NULL, self->title_entry, NULL);
      gtk_label_set_text (GTK_LABEL (self->title_error), "");
    }
  ok = rk_editor_when_section_validate (self->when) && ok;

  self->valid = ok;
  /* Nothing to save until the lists (and an event's rows) have been read. */
  gtk_widget_set_sensitive (self->save_button, ok && !self->saving && self->open_cancel == NULL);
  /* Problems are looked for in what can be saved; until then, no "no problems". */
  if (!ok && self->touched)
    rk_editor_problems_section_set_message (self->problems,
                                            _("Problems are checked once the fields above are "
                                              "filled in correctly"));
  return ok;
}

/* ---- the reference lists ------------------------------------------------ */

static void
fill_lists (RkEventEditor *self)
{
  g_autoptr(GArray) programs = g_array_new (FALSE, FALSE, sizeof (RkEditorChoice));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->ref->programs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSProgram *p = value;
      g_array_append_val (programs, ((RkEditorChoice) { p->id, g_strdup (p->name) }));
    }
  rk_editor_fill_choices (self->program_dropdown, &self->program_ids, _("No program"), programs);
  rk_editor_section_set_reference (section (self->when), self->ref);
  rk_editor_section_set_reference (section (self->place), self->ref);
  rk_editor_section_set_reference (section (self->staffing), self->ref);
  rk_editor_section_set_reference (section (self->problems), self->ref);
}

/* ---- the draft: the schedule as it would be after saving ---------------- */

typedef struct
{
  RkSchedule *schedule;
  GArray     *occs;
  RkSEvent   *event;
  const RkOcc *occ;            /* the occurrence edited (or the first of the month) */
  RkDay       from, to;
} Draft;

static void
draft_clear (Draft *d)
{
  g_clear_pointer (&d->occs, g_array_unref);
  g_clear_pointer (&d->schedule, rk_schedule_free);
}

static void
replace_str (char **slot, const char *value)
{
  g_free (*slot);
  *slot = value && *value ? g_strdup (value) : NULL;
}

/* The month the draft is checked in: the one of the date typed. */
static gboolean
draft_range (RkEventEditor *self, RkDay *from, RkDay *to, GError **error)
{
  Form form;
  int y, m;

  if (!self->valid || !read_form (self, &form))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Some fields need fixing first"));
      return FALSE;
    }
  rk_day_to_ymd (form.day, &y, &m, NULL);
  *from = rk_day_from_ymd (y, m, 1);
  *to = *from + rk_days_in_month (y, m) - 1;
  form_clear (&form);
  return TRUE;
}

/* What the fields say, copied off the dialog: the draft is made of it on
 * a schedule read by the worker, in the worker (the live check) or here
 * (suggestions). */
typedef struct
{
  gint64    event_id;          /* 0: a new event */
  gboolean  occurrence;        /* one occurrence of a series is edited */
  RkDay     orig_date;
  RkDay     from, to;          /* the month of the date typed */
  Form      form;
  char     *title, *notes;
  gboolean  tentative;
  GArray   *equipment;         /* gint64 */
  GArray   *staff;             /* as the staffing section holds them */
  RkDay     today;
} DraftSpec;

static void
draft_spec_free (gpointer p)
{
  DraftSpec *spec = p;

  form_clear (&spec->form);
  g_free (spec->title);
  g_free (spec->notes);
  g_clear_pointer (&spec->equipment, g_array_unref);
  g_clear_pointer (&spec->staff, g_array_unref);
  g_free (spec);
}

static DraftSpec *
draft_spec_new (RkEventEditor *self, GError **error)
{
  DraftSpec *spec = g_new0 (DraftSpec, 1);

  if (!draft_range (self, &spec->from, &spec->to, error) || !read_form (self, &spec->form))
    {
      draft_spec_free (spec);
      return NULL;
    }
  spec->event_id = self->event_id;
  spec->occurrence = editing_occurrence (self);
  spec->orig_date = self->orig_date;
  spec->title = g_strdup (rk_editor_get_text (self->title_entry));
  spec->notes = notes_text (self);
  spec->tentative = gtk_switch_get_active (GTK_SWITCH (self->tentative_switch));
  spec->equipment = rk_editor_place_section_get_equipment (self->place);
  spec->staff = g_array_copy (rk_editor_staffing_section_get_staff (self->staffing));
  spec->today = self->today;
  return spec;
}

/* The draft of spec on schedule (taken): touches nothing of the dialog,
 * so the worker can make it. */
static gboolean
draft_apply (DraftSpec *spec, Draft *d, RkSchedule *schedule, GError **error)
{
  RkSEvent *se = NULL;

  memset (d, 0, sizeof *d);
  d->schedule = schedule;
  d->from = spec->from;
  d->to = spec->to;
  if (spec->event_id > 0)
    se = rk_schedule_event (d->schedule, spec->event_id);
  if (se == NULL)
    {
      se = g_new0 (RkSEvent, 1);
      se->id = spec->event_id > 0 ? spec->event_id : DRAFT_ID;
      se->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
      se->assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
      se->equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
      se->policy = RK_POLICY_UNSET;
      g_ptr_array_add (d->schedule->events, se);
    }
  d->event = se;

  se->program = rk_schedule_program (d->schedule, spec->form.program_id);
  replace_str (&se->title, spec->title);
  se->room = rk_schedule_room (d->schedule, spec->form.room_id);
  se->capacity = spec->form.capacity;
  se->tentative = spec->tentative;
  replace_str (&se->notes, spec->notes);
  g_array_set_size (se->equipment, 0);
  g_array_append_vals (se->equipment, spec->equipment->data, spec->equipment->len);

  if (spec->occurrence)
    rk_series_draft_occurrence (se, spec->orig_date, spec->form.start, spec->form.end,
                                spec->staff);
  else
    {
      se->start = spec->form.start;
      se->end = spec->form.end;
      g_free (se->rrule);
      se->rrule = g_strdup (spec->form.rrule);
      se->policy = (RkHolidayPolicy) spec->form.policy;
      rk_series_draft_staff (se, spec->staff);
    }

  d->occs = rk_schedule_expand (d->schedule, d->from, d->to, error);
  if (d->occs == NULL)
    {
      draft_clear (d);
      return FALSE;
    }
  d->occ = rk_occ_find (d->occs, se->id, spec->occurrence ? spec->orig_date
                                                          : rk_minute_day (se->start));
  if (d->occ == NULL)
    for (guint i = 0; i < d->occs->len; i++)
      if (g_array_index (d->occs, RkOcc, i).event == se)
        {
          d->occ = &g_array_index (d->occs, RkOcc, i);
          break;
        }
  return TRUE;
}

/* The draft on schedule (taken), the month of the date typed as read. */
static gboolean
build_draft_on (RkEventEditor *self, Draft *d, RkSchedule *schedule, GError **error)
{
  DraftSpec *spec = draft_spec_new (self, error);
  gboolean ok;

  if (spec == NULL)
    {
      memset (d, 0, sizeof *d);
      rk_schedule_free (schedule);
      return FALSE;
    }
  ok = draft_apply (spec, d, schedule, error);
  draft_spec_free (spec);
  return ok;
}

/* ---- live problems ------------------------------------------------------ */

/* In the worker: the month of the date typed read, the draft made on it
 * and checked; the problems of the edited event (of one occurrence: that
 * day's). */
static gpointer
check_run (RkStore *store, gpointer data, GError **error)
{
  DraftSpec *spec = data;
  RkSchedule *schedule = rk_store_load_schedule (store, spec->from, spec->to, error);
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *mine;
  Draft d;

  if (schedule == NULL || !draft_apply (spec, &d, schedule, error))
    return NULL;
  problems = rk_check (d.schedule, d.occs, d.from, d.to, spec->today);
  mine = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);
      gboolean is_mine = FALSE;
      RkDay day = 0;

      for (guint j = 0; ids && j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == d.event->id)
          is_mine = TRUE;
      if (!is_mine)
        continue;
      if (spec->occurrence && d.occ && rk_date_parse (rk_problem_get_date (p), &day) &&
          day != rk_occ_day (d.occ))
        continue;
      g_ptr_array_add (mine, g_object_ref (p));
    }
  draft_clear (&d);
  return mine;
}

static void
check_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = rk_store_worker_run_finish (RK_STORE_WORKER (source), result,
                                                          &error);
  RkEventEditor *self;

  /* Typed on meanwhile, or closed: a newer check follows, or none. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_EVENT_EDITOR (user_data);
  g_clear_object (&self->check_cancel);
  if (mine)
    rk_editor_problems_section_set_problems (self->problems, mine);
  else
    rk_editor_problems_section_set_message (self->problems, error->message);
}

/* After a pause in typing: what the fields say is copied, and read,
 * drafted and checked by the context's worker, so typing never waits on
 * the database or the check. */
static gboolean
check_timeout (gpointer user_data)
{
  RkEventEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  DraftSpec *spec;

  self->check_id = 0;
  g_cancellable_cancel (self->check_cancel);
  g_clear_object (&self->check_cancel);
  spec = draft_spec_new (self, &error);
  if (spec == NULL)
    {
      rk_editor_problems_section_set_message (self->problems, error->message);
      return G_SOURCE_REMOVE;
    }
  self->check_cancel = g_cancellable_new ();
  rk_store_worker_run_async (rk_context_get_worker (self->context), check_run, spec,
                             draft_spec_free, (GDestroyNotify) g_ptr_array_unref,
                             self->check_cancel, check_done, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (RkEventEditor *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
}

/* Free people of the role for the occurrence as the fields say, best
 * first: the month is read by the worker, the draft built when it
 * arrives (from the fields as they are then). */
typedef struct
{
  RkEventEditor        *self;
  int                   role;
  RkEditorSuggestReady  ready;
  gpointer              ready_data;
} SuggestAsk;

static void
suggest_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SuggestAsk *ask = user_data;
  RkEventEditor *self = ask->self;
  g_autoptr(GError) error = NULL;
  RkSchedule *schedule = rk_store_worker_load_schedule_finish (RK_STORE_WORKER (source), result,
                                                               &error);
  GArray *out = NULL;
  Draft d;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto done;
  /* A dialog closed meanwhile has no fields left to read. */
  if (schedule && self->context && build_draft_on (self, &d, schedule, NULL))
    {
      if (d.occ)
        out = rk_suggest (d.schedule, d.occs, d.occ, ask->role);
      draft_clear (&d);
    }
  else if (schedule && self->context == NULL)
    rk_schedule_free (schedule);
  ask->ready (out, ask->ready_data);
done:
  g_object_unref (ask->self);
  g_free (ask);
}

static void
suggestions (int                   role,
             GCancellable         *cancellable,
             RkEditorSuggestReady  ready,
             gpointer              ready_data,
             gpointer              data)
{
  RkEventEditor *self = data;
  SuggestAsk *ask;
  RkDay from, to;

  if (!draft_range (self, &from, &to, NULL))
    {
      ready (NULL, ready_data);
      return;
    }
  ask = g_new0 (SuggestAsk, 1);
  ask->self = g_object_ref (self);
  ask->role = role;
  ask->ready = ready;
  ask->ready_data = ready_data;
  rk_store_worker_load_schedule_async (rk_context_get_worker (self->context), from, to,
                                       cancellable, suggest_loaded, ask);
}

/* ---- signal handlers ---------------------------------------------------- */

static void
on_field_changed (RkEventEditor *self)
{
  if (self->loading)
    return;
  self->touched = TRUE;
  gtk_widget_set_visible (self->error_label, FALSE);
  if (validate (self))
    schedule_check (self);
}

static void
on_staff_changed (RkEventEditor *self)
{
  schedule_check (self);
}

static void
on_program_changed (RkEventEditor *self)
{
  gint64 id = program_id (self);
  RkSProgram *program = id ? rk_schedule_program (self->ref, id) : NULL;
  RkSProgram *last = self->last_program ? rk_schedule_program (self->ref, self->last_program)
                                        : NULL;
  const char *title = rk_editor_get_text (self->title_entry);

  if (self->loading)
    return;
  self->touched = TRUE;
  self->last_program = id;
  if (program)
    {
      /* The program names the event unless the coordinator wrote a title. */
      if (*title == '\0' || (last && g_strcmp0 (title, last->name) == 0))
        rk_gui_set_text (self->title_entry, program->name);
      rk_editor_when_section_set_duration (self->when, program->duration);
    }
  rk_editor_staffing_section_set_program (self->staffing, id);
  rk_editor_staffing_section_rebuild (self->staffing);
  on_field_changed (self);
}

/* ---- loading ------------------------------------------------------------ */

/* The names and reference rows of the lists, as the worker read them. */
static void
set_reference (RkEventEditor *self, RkSchedule *ref, RkDay today)
{
  gboolean was_loading = self->loading;

  self->today = today;
  set_loading (self, TRUE);
  g_clear_pointer (&self->ref, rk_schedule_free);
  self->ref = ref;
  fill_lists (self);
  set_loading (self, was_loading);
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

  set_loading (self, TRUE);
  rk_editor_when_section_set_times (self->when, start, end);
  rk_editor_place_section_set_equipment (self->place, se->equipment);
  set_loading (self, was_loading);
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
  validate (self);
  schedule_check (self);
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
    validate (self);
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
  validate (self);
  schedule_check (self);
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
  set_loading (self, TRUE);
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
  set_loading (self, FALSE);

  set_sensitivities (self);
  update_heading (self);
  validate (self);
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

  set_loading (self, TRUE);
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
  set_loading (self, FALSE);

  if (!load_scope (self, error))
    return FALSE;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->stale_bar), FALSE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->elsewhere_bar), FALSE);
  gtk_widget_set_visible (self->error_label, FALSE);
  set_sensitivities (self);
  update_heading (self);
  rk_editor_staffing_section_rebuild (self->staffing);
  validate (self);
  schedule_check (self);
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
  g_signal_emit (self, signals[SAVED], 0, created ? _("Event created") : _("Event saved"));
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
  if (!validate (self) || !read_form (self, &form))
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
          form_clear (&form);
          save_job_free (job);
          show_save_error (self, error);
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
    }
  job->edited = edited_event (self, &form);
  form_clear (&form);
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
static gboolean
on_close_request (RkEventEditor *self)
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

/* ---- finding a time ----------------------------------------------------- */

static void
on_time_chosen (RkEventEditor *self, const RkFindTimeChoice *choice)
{
  rk_editor_when_section_set_times (self->when, choice->start, choice->end);
  on_field_changed (self);
  if (choice->room_id)
    rk_editor_place_section_set_room (self->place, choice->room_id);
  rk_editor_staffing_section_add (self->staffing, choice->staff);
}

GtkWidget *
rk_event_editor_find_time (RkEventEditor *self)
{
  g_autoptr(GArray) items = NULL;
  RkFindTimeRequest request = { 0 };
  RkFindTimeDialog *dialog;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), NULL);

  items = rk_editor_place_section_get_equipment (self->place);
  request.event_id = self->event_id;
  request.occ_date = editing_occurrence (self) ? self->orig_date : 0;
  request.program_id = program_id (self);
  request.room_id = rk_editor_place_section_get_room (self->place);
  request.capacity = rk_editor_place_section_get_capacity (self->place);
  request.duration = rk_editor_when_section_get_duration (self->when);
  request.equipment = items;
  request.staff = rk_editor_staffing_section_get_staff (self->staffing);
  dialog = rk_find_time_dialog_new (GTK_WINDOW (self), rk_context_get_worker (self->context),
                                    &request);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_time_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
on_find_time (RkEventEditor *self)
{
  rk_event_editor_find_time (self);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_event_editor_dispose (GObject *object)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->check_cancel);
  g_clear_object (&self->check_cancel);
  g_cancellable_cancel (self->open_cancel);
  g_clear_object (&self->open_cancel);
  if (self->open_task)
    g_task_return_new_error (g_steal_pointer (&self->open_task), G_IO_ERROR,
                             G_IO_ERROR_CANCELLED, "%s", _("The editor was closed"));
  g_clear_object (&self->event);
  g_clear_weak_pointer (&self->focus_before_save);
  self->undo = NULL;
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_event_editor_parent_class)->dispose (object);
}

static void
rk_event_editor_finalize (GObject *object)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  g_clear_pointer (&self->ref, rk_schedule_free);
  g_clear_pointer (&self->program_ids, g_array_unref);
  g_array_unref (self->orig_equipment);
  G_OBJECT_CLASS (rk_event_editor_parent_class)->finalize (object);
}

static void
on_context_changed (RkContext *context, gboolean external, RkEventEditor *self)
{
  if (external)
    rk_event_editor_notice_external_change (self);
}

static void
rk_event_editor_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->undo = rk_context_get_undo (self->context);
      g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self, 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RkEventEditor    *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Escape closes the editor; what the person typed in it is not thrown away
 * without asking. */
static void
escape_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkEventEditor *self = RK_EVENT_EDITOR (widget);
  AdwMessageDialog *dialog;

  if (!self->touched && !rk_editor_attendance_section_is_dirty (self->attendance))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), self->event ? _("Discard the changes?") : _("Discard the new event?"),
    _("What was typed in the editor has not been saved.")));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"), "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
rk_event_editor_get_touched (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return self->touched;
}

static void
rk_event_editor_class_init (RkEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_event_editor_dispose;
  object_class->finalize = rk_event_editor_finalize;
  object_class->set_property = rk_event_editor_set_property;

  g_object_class_install_property (object_class, PROP_CONTEXT, rk_context_param_spec ());

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RK_TYPE_EDITOR_WHEN_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_PLACE_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_STAFFING_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_PROBLEMS_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_ATTENDANCE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-event-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkEventEditor, name)
  BIND (heading_label);
  BIND (opening_spinner);
  BIND (save_button);
  BIND (delete_button);
  BIND (stale_bar);
  BIND (scope_box);
  BIND (this_button);
  BIND (following_button);
  BIND (all_button);
  BIND (elsewhere_bar);
  BIND (program_dropdown);
  BIND (title_entry);
  BIND (title_error);
  BIND (notes_view);
  BIND (error_label);
  BIND (tentative_switch);
  BIND (form);
  BIND (labels);
  BIND (when);
  BIND (place);
  BIND (staffing);
  BIND (problems);
  BIND (attendance);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_program_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_find_time);
  gtk_widget_class_bind_template_callback (widget_class, on_save_record);
  gtk_widget_class_bind_template_callback (widget_class, on_attendance_changed);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  gtk_widget_class_install_action (widget_class, "editor.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.escape", NULL);
}

static void
rk_event_editor_init (RkEventEditor *self)
{
  self->orig_equipment = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  rk_editor_share_labels (self->form, self->labels);
  rk_editor_staffing_section_set_suggest_func (self->staffing, suggestions, self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

RkEventEditor *
rk_event_editor_new (GtkWindow *parent,
                     RkContext *context)
{
  return g_object_new (RK_TYPE_EVENT_EDITOR, "transient-for", parent, "context", context, NULL);
}

gboolean
rk_event_editor_is_valid (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return validate (self);
}

static void
suggested_added (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean added = rk_editor_staffing_section_add_suggested_finish (
    RK_EDITOR_STAFFING_SECTION (source), result, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, added);
}

void
rk_event_editor_add_suggested_async (RkEventEditor       *self,
                                     int                  role,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_event_editor_add_suggested_async);
  rk_editor_staffing_section_add_suggested_async (self->staffing, role, suggested_added, task);
}

gboolean
rk_event_editor_add_suggested_finish (RkEventEditor  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rk_event_editor_set_staff_asked (RkEventEditor *self,
                                 gint64         staff_id,
                                 gboolean       asked)
{
  g_return_if_fail (RK_IS_EVENT_EDITOR (self));
  rk_editor_staffing_section_set_asked (self->staffing, staff_id, asked);
}

gboolean
rk_event_editor_get_staff_asked (RkEventEditor *self,
                                 gint64         staff_id)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return rk_editor_staffing_section_get_asked (self->staffing, staff_id);
}

guint
rk_event_editor_get_n_problems (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), 0);

  /* A check waiting for a pause in typing is started now. */
  if (self->check_id)
    {
      g_source_remove (self->check_id);
      check_timeout (self);
    }
  return rk_editor_problems_section_get_n_problems (self->problems);
}

gboolean
rk_event_editor_get_checking (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return self->check_id != 0 || self->check_cancel != NULL;
}

GtkWidget *
rk_event_editor_get_field (RkEventEditor *self,
                           const char    *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "title", G_STRUCT_OFFSET (RkEventEditor, title_entry) },
    { "program", G_STRUCT_OFFSET (RkEventEditor, program_dropdown) },
    { "notes", G_STRUCT_OFFSET (RkEventEditor, notes_view) },
    { "save", G_STRUCT_OFFSET (RkEventEditor, save_button) },
    { "stale_bar", G_STRUCT_OFFSET (RkEventEditor, stale_bar) },
    { "elsewhere_bar", G_STRUCT_OFFSET (RkEventEditor, elsewhere_bar) },
    { "following", G_STRUCT_OFFSET (RkEventEditor, following_button) },
    { "error", G_STRUCT_OFFSET (RkEventEditor, error_label) },
    { "title_error", G_STRUCT_OFFSET (RkEventEditor, title_error) },
    { "tentative", G_STRUCT_OFFSET (RkEventEditor, tentative_switch) },
  };
  GtkWidget *field;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  if (g_strcmp0 (name, "staffing") == 0)
    return rk_editor_staffing_section_get_list (self->staffing);
  if (g_strcmp0 (name, "problems") == 0)
    return rk_editor_problems_section_get_box (self->problems);
  if (g_strcmp0 (name, "attendance") == 0)
    return GTK_WIDGET (self->attendance);
  if (g_str_has_prefix (name, "attendance:"))
    return rk_editor_attendance_section_get_field (self->attendance,
                                                   name + strlen ("attendance:"));
  if ((field = rk_editor_when_section_get_field (self->when, name)))
    return field;
  return rk_editor_place_section_get_field (self->place, name);
}
