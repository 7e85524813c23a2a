#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-event-editor-private.h"

/* The editor's form read and validated, the schedule as it would be after
 * saving (the draft), and the live check run on it in the worker. */

/* ---- reading the form --------------------------------------------------- */

void
rk_event_editor_form_clear (Form *form)
{
  g_clear_pointer (&form->rrule, g_free);
}

/* Reads what the fields say; FALSE when a field is unreadable (validate()
 * has said which). */
gboolean
rk_event_editor_read_form (RkEventEditor *self, Form *form)
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

/* ---- validation --------------------------------------------------------- */

gboolean
rk_event_editor_validate (RkEventEditor *self)
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

void
rk_event_editor_fill_lists (RkEventEditor *self)
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

  if (!self->valid || !rk_event_editor_read_form (self, &form))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Some fields need fixing first"));
      return FALSE;
    }
  rk_day_to_ymd (form.day, &y, &m, NULL);
  *from = rk_day_from_ymd (y, m, 1);
  *to = *from + rk_days_in_month (y, m) - 1;
  rk_event_editor_form_clear (&form);
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

  rk_event_editor_form_clear (&spec->form);
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

  if (!draft_range (self, &spec->from, &spec->to, error) || !rk_event_editor_read_form (self, &spec->form))
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

void
rk_event_editor_schedule_check (RkEventEditor *self)
{
  /* Closing: the fields' own "changed" as they are torn down asks for
   * nothing (a check scheduled then would run on a freed editor). */
  if (self->context == NULL)
    return;
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
}

void
rk_event_editor_check_pending (RkEventEditor *self)
{
  if (self->check_id)
    {
      g_source_remove (self->check_id);
      check_timeout (self);
    }
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

void
rk_event_editor_suggest (int                   role,
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
