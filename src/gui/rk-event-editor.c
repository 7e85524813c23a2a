#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rk-check.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-event.h"
#include "rk-find-time-dialog.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-problem.h"
#include "rk-recurrence.h"
#include "rk-series.h"

/* Live checks wait for a short pause in typing. */
#define CHECK_DELAY_MS 150
/* The id a new event has in the draft schedule of the live check. */
#define DRAFT_ID (-1)

enum
{
  REPEAT_NONE,
  REPEAT_MONTHLY_NTH,
  REPEAT_MONTHLY_LAST,
  REPEAT_WEEKLY,
  REPEAT_CUSTOM,
  N_REPEAT
};

struct _RkEventEditor
{
  GtkWindow    parent_instance;

  /* template */
  GtkWidget   *heading_label;
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
  GtkWidget   *date_entry;
  GtkWidget   *date_hint;
  GtkWidget   *date_error;
  GtkWidget   *calendar;
  GtkWidget   *calendar_button;
  GtkWidget   *start_entry;
  GtkWidget   *end_entry;
  GtkWidget   *time_error;
  GtkWidget   *room_dropdown;
  GtkWidget   *capacity_spin;
  GtkWidget   *equipment_button;
  GtkWidget   *equipment_box;
  GtkWidget   *repeat_dropdown;
  GtkWidget   *custom_box;
  GtkWidget   *rrule_entry;
  GtkWidget   *rrule_error;
  GtkWidget   *repeat_label;
  GtkWidget   *policy_dropdown;
  GtkWidget   *notes_view;
  GtkWidget   *staffing_list;
  GtkWidget   *problems_box;
  GtkWidget   *error_label;
  GtkWidget   *tentative_switch;
  GtkWidget   *find_time_button;

  RkStore     *store;
  RkUndoStack *undo;
  RkSchedule  *ref;            /* names and reference rows for the lists */

  RkEvent     *event;          /* NULL for a new event */
  gint64       event_id;
  RkDay        orig_date;      /* the occurrence edited, for series */
  gboolean     series;
  RkEditScope  scope;          /* of a series: the occurrence, it and the following, all */
  RkMinute     occ_start, occ_end;     /* the occurrence as it is */
  int          count;          /* COUNT of the rule being kept, 0: none */

  GArray      *program_ids;    /* gint64; index 0 = none */
  GArray      *room_ids;
  GArray      *equipment_ids;  /* parallel to equipment_checks */
  GPtrArray   *equipment_checks;
  GArray      *orig_equipment;

  GArray      *staff;          /* gint64: who is on it in the editor */
  GArray      *orig_staff;     /* as loaded, for the diff on save */
  GArray      *asked;          /* gint64: of staff, asked but not confirmed */
  GArray      *orig_asked;
  GArray      *loaded_assigns; /* RkSAssign of the event as loaded */

  gint64       last_program;
  gboolean     loading;
  gboolean     valid;
  guint        check_id;
  guint        n_problems;
  GPtrArray   *report;         /* what the last save dropped, translated lines */
};

G_DEFINE_FINAL_TYPE (RkEventEditor, rk_event_editor, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_check (RkEventEditor *self);
static void rebuild_staffing (RkEventEditor *self);
static gboolean validate (RkEventEditor *self);
static void load_asked (RkEventEditor *self, RkSEvent *se);
static void add_asked_toggle (RkEventEditor *self, GtkWidget *pill, GtkWidget *name, gint64 id);
static gboolean apply_asked (RkEventEditor *self, gint64 event_id, RkDay occ_date, GArray *before,
                             GError **error);

/* ---- small helpers ------------------------------------------------------ */

static gint64
dropdown_id (GtkWidget *dropdown, GArray *ids)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (ids == NULL || pos == GTK_INVALID_LIST_POSITION || pos >= ids->len)
    return 0;
  return g_array_index (ids, gint64, pos);
}

static void
dropdown_select_id (GtkWidget *dropdown, GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
}

static gboolean
has_id (GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
remove_id (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        return;
      }
}

static void
set_text (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static const char *
get_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static char *
clock_text (RkMinute t)
{
  int m = rk_minute_of_day (t);
  return g_strdup_printf ("%02d:%02d", m / 60, m % 60);
}

static void
show_error (GtkWidget *label, GtkWidget *entry, const char *message)
{
  if (label)
    {
      gtk_label_set_text (GTK_LABEL (label), message ? message : "");
      gtk_widget_set_visible (label, message != NULL);
    }
  if (entry)
    {
      if (message)
        gtk_widget_add_css_class (entry, "error");
      else
        gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   message ? GTK_ACCESSIBLE_INVALID_TRUE
                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
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

static int
nth_of (RkDay day)
{
  int d;

  rk_day_to_ymd (day, NULL, NULL, &d);
  return (d - 1) / 7 + 1;
}

static gboolean
is_last_week (RkDay day)
{
  int y, m, d;

  rk_day_to_ymd (day, &y, &m, &d);
  return d + 7 > rk_days_in_month (y, m);
}

static char *
repeat_rule (RkEventEditor *self, guint choice, RkDay day)
{
  int weekday = rk_day_weekday (day);

  switch (choice)
    {
    case REPEAT_MONTHLY_NTH:
      return rk_rrule_build_monthly_nth_weekday (MIN (nth_of (day), 4), weekday, 1, self->count);
    case REPEAT_MONTHLY_LAST:
      return rk_rrule_build_monthly_nth_weekday (-1, weekday, 1, self->count);
    case REPEAT_WEEKLY:
      return rk_rrule_build_weekly (&weekday, 1, 1, self->count);
    case REPEAT_CUSTOM:
      {
        const char *text = get_text (self->rrule_entry);

        if (g_str_has_prefix (text, "RRULE:"))
          text += 6;
        return *text ? g_strdup (text) : NULL;
      }
    case REPEAT_NONE:
    default:
      return NULL;
    }
}

/* Reads what the fields say; FALSE when a field is unreadable (validate()
 * has said which). */
static gboolean
read_form (RkEventEditor *self, Form *form)
{
  int a, b;

  memset (form, 0, sizeof *form);
  if (!rk_date_parse (get_text (self->date_entry), &form->day) ||
      !rk_clock_parse (get_text (self->start_entry), &a) ||
      !rk_clock_parse (get_text (self->end_entry), &b))
    return FALSE;
  form->start = rk_minute_make (form->day, a);
  form->end = rk_minute_make (form->day, b);
  form->program_id = dropdown_id (self->program_dropdown, self->program_ids);
  form->room_id = dropdown_id (self->room_dropdown, self->room_ids);
  form->capacity = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->capacity_spin));
  if (form->capacity == 0)
    form->capacity = -1;
  form->policy = (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->policy_dropdown));
  if (form->policy < 0 || form->policy > RK_POLICY_PREVIOUS_DAY)
    form->policy = RK_POLICY_UNSET;
  form->rrule = repeat_rule (self,
                             gtk_drop_down_get_selected (GTK_DROP_DOWN (self->repeat_dropdown)),
                             form->day);
  return TRUE;
}

static GArray *
checked_equipment (RkEventEditor *self)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->equipment_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->equipment_checks, i)))
      g_array_append_val (items, g_array_index (self->equipment_ids, gint64, i));
  return items;
}

static gboolean
same_set (GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!has_id (b, g_array_index (a, gint64, i)))
      return FALSE;
  return TRUE;
}

/* ---- validation --------------------------------------------------------- */

static gboolean
validate (RkEventEditor *self)
{
  const char *title = get_text (self->title_entry);
  gint64 program = dropdown_id (self->program_dropdown, self->program_ids);
  RkDay day;
  int a = 0, b = 0;
  gboolean ok = TRUE, times = TRUE;
  guint repeat = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->repeat_dropdown));

  g_autofree char *stripped = g_strstrip (g_strdup (title));

  if (program == 0 && *stripped == '\0')
    {
      show_error (self->title_error, self->title_entry, _("Give a title or choose a program"));
      ok = FALSE;
    }
  else
    show_error (self->title_error, self->title_entry, NULL);

  if (!rk_date_parse (get_text (self->date_entry), &day))
    {
      show_error (self->date_error, self->date_entry,
                  _("Write the date as YYYY-MM-DD, for example 2026-12-06"));
      gtk_label_set_text (GTK_LABEL (self->date_hint), "");
      ok = FALSE;
    }
  else
    {
      g_autofree char *hint = rk_day_title (day);

      show_error (self->date_error, self->date_entry, NULL);
      gtk_label_set_text (GTK_LABEL (self->date_hint), hint);
    }

  if (!rk_clock_parse (get_text (self->start_entry), &a))
    {
      show_error (self->time_error, self->start_entry,
                  _("Write the start as HH:MM, for example 10:00"));
      times = FALSE;
    }
  else
    show_error (NULL, self->start_entry, NULL);
  if (!rk_clock_parse (get_text (self->end_entry), &b))
    {
      if (times)
        show_error (self->time_error, self->end_entry,
                    _("Write the end as HH:MM, for example 12:00"));
      else
        show_error (NULL, self->end_entry, "");
      times = FALSE;
    }
  else if (times && b <= a)
    {
      show_error (self->time_error, self->end_entry, _("The end must be after the start"));
      times = FALSE;
    }
  else
    show_error (NULL, self->end_entry, NULL);
  if (times)
    show_error (self->time_error, NULL, NULL);
  ok = ok && times;

  gtk_widget_set_visible (self->custom_box, repeat == REPEAT_CUSTOM);
  if (repeat == REPEAT_CUSTOM && !editing_occurrence (self))
    {
      g_autoptr(GError) error = NULL;
      const char *rule = get_text (self->rrule_entry);

      if (*rule == '\0')
        {
          show_error (self->rrule_error, self->rrule_entry,
                      _("Write a rule, for example FREQ=MONTHLY;BYDAY=3WE"));
          ok = FALSE;
        }
      else if (!rk_rrule_validate (rule, &error))
        {
          show_error (self->rrule_error, self->rrule_entry, error->message);
          ok = FALSE;
        }
      else
        show_error (self->rrule_error, self->rrule_entry, NULL);
    }
  else
    show_error (self->rrule_error, self->rrule_entry, NULL);

  /* The wording of the rule, as it will be printed. */
  if (rk_date_parse (get_text (self->date_entry), &day))
    {
      g_autofree char *rule = repeat_rule (self, repeat, day);
      g_autofree char *words = NULL;

      if (rule && rk_rrule_validate (rule, NULL))
        words = rk_rrule_describe (rule, rk_minute_make (day, a), rk_locale_is_japanese ());
      gtk_label_set_text (GTK_LABEL (self->repeat_label), words ? words : "");
      gtk_widget_set_visible (self->repeat_label, words != NULL && repeat == REPEAT_CUSTOM);
    }

  self->valid = ok;
  gtk_widget_set_sensitive (self->save_button, ok);
  return ok;
}

/* ---- lists from the reference schedule ---------------------------------- */

typedef struct
{
  gint64  id;
  char   *label;
} Choice;

static int
choice_compare (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (((const Choice *) a)->label, ((const Choice *) b)->label);
}

static void
fill_choices (GtkWidget *dropdown, GArray **ids, const char *none, GArray *choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  g_clear_pointer (ids, g_array_unref);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_sort (choices, choice_compare);
  gtk_string_list_append (list, none);
  g_array_append_val (*ids, (gint64) { 0 });
  for (guint i = 0; i < choices->len; i++)
    {
      Choice *c = &g_array_index (choices, Choice, i);

      gtk_string_list_append (list, c->label);
      g_array_append_val (*ids, c->id);
      g_free (c->label);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (list));
}

static void
on_equipment_toggled (RkEventEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->equipment_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->equipment_checks, i);
      RkSEquipment *e = rk_schedule_equipment (self->ref,
                                               g_array_index (self->equipment_ids, gint64, i));

      if (!gtk_check_button_get_active (check) || e == NULL)
        continue;
      if (text->len)
        g_string_append (text, _(", "));
      g_string_append (text, e->name);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->equipment_button),
                             text->len ? text->str : _("None"));
  if (!self->loading)
    schedule_check (self);
}

static void
fill_lists (RkEventEditor *self)
{
  g_autoptr(GArray) programs = g_array_new (FALSE, FALSE, sizeof (Choice));
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (Choice));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Choice));
  GHashTableIter iter;
  gpointer value;
  GtkWidget *child;

  g_hash_table_iter_init (&iter, self->ref->programs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSProgram *p = value;
      g_array_append_val (programs, ((Choice) { p->id, g_strdup (p->name) }));
    }
  g_hash_table_iter_init (&iter, self->ref->rooms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSRoom *r = value;
      char *label = g_strdup_printf (_("%s · %s (%d people)"), r->venue ? r->venue->name : "",
                                     r->name, r->capacity);
      g_array_append_val (rooms, ((Choice) { r->id, label }));
    }
  g_hash_table_iter_init (&iter, self->ref->equipment);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSEquipment *e = value;
      RkSVenue *v = rk_schedule_venue (self->ref, e->venue_id);
      char *label = v ? g_strdup_printf (_("%s (kept at %s)"), e->name, v->name)
                      : g_strdup (e->name);
      g_array_append_val (items, ((Choice) { e->id, label }));
    }

  fill_choices (self->program_dropdown, &self->program_ids, _("No program"), programs);
  fill_choices (self->room_dropdown, &self->room_ids, _("No room"), rooms);

  while ((child = gtk_widget_get_first_child (self->equipment_box)))
    gtk_box_remove (GTK_BOX (self->equipment_box), child);
  g_ptr_array_set_size (self->equipment_checks, 0);
  g_array_set_size (self->equipment_ids, 0);
  g_array_sort (items, choice_compare);
  for (guint i = 0; i < items->len; i++)
    {
      Choice *c = &g_array_index (items, Choice, i);
      GtkWidget *check = gtk_check_button_new_with_label (c->label);

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_equipment_toggled), self);
      gtk_box_append (GTK_BOX (self->equipment_box), check);
      g_ptr_array_add (self->equipment_checks, check);
      g_array_append_val (self->equipment_ids, c->id);
      g_free (c->label);
    }
  if (items->len == 0)
    gtk_box_append (GTK_BOX (self->equipment_box), gtk_label_new (_("No equipment is registered")));
}

static void
set_equipment (RkEventEditor *self, GArray *items)
{
  for (guint i = 0; i < self->equipment_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->equipment_checks, i),
                                 has_id (items, g_array_index (self->equipment_ids, gint64, i)));
  on_equipment_toggled (self);
}

/* The repeat choices are worded for the date in the field. */
static void
fill_repeat (RkEventEditor *self, RkDay day)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->repeat_dropdown));
  gboolean japanese = rk_locale_is_japanese ();
  gboolean was_loading = self->loading;

  gtk_string_list_append (list, _("Does not repeat"));
  for (guint choice = REPEAT_MONTHLY_NTH; choice <= REPEAT_WEEKLY; choice++)
    {
      g_autofree char *rule = NULL;
      g_autofree char *words = NULL;
      int saved = self->count;

      /* Worded without the count: the count is the series length, not the pattern. */
      self->count = 0;
      rule = repeat_rule (self, choice, day);
      self->count = saved;
      words = rule ? rk_rrule_describe (rule, rk_minute_make (day, 0), japanese) : NULL;
      if (choice == REPEAT_MONTHLY_LAST && !is_last_week (day))
        {
          g_free (words);
          words = NULL;
        }
      gtk_string_list_append (list, words ? words : "—");
    }
  gtk_string_list_append (list, _("Custom rule…"));

  self->loading = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->repeat_dropdown), G_LIST_MODEL (list));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= N_REPEAT)
    selected = REPEAT_NONE;
  if (selected == REPEAT_MONTHLY_LAST && !is_last_week (day))
    selected = REPEAT_MONTHLY_NTH;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->repeat_dropdown), selected);
  self->loading = was_loading;
}

/* Which choice an existing rule is (ignoring its COUNT), else custom. */
static guint
match_repeat (RkEventEditor *self, const char *rrule, RkDay day)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) bare = g_string_new (NULL);

  if (rrule == NULL || *rrule == '\0')
    return REPEAT_NONE;
  parts = g_strsplit (rrule, ";", -1);
  self->count = 0;
  for (guint i = 0; parts[i]; i++)
    {
      if (g_str_has_prefix (parts[i], "COUNT="))
        {
          self->count = atoi (parts[i] + 6);
          continue;
        }
      if (bare->len)
        g_string_append_c (bare, ';');
      g_string_append (bare, parts[i]);
    }
  for (guint choice = REPEAT_MONTHLY_NTH; choice <= REPEAT_WEEKLY; choice++)
    {
      int saved = self->count;
      g_autofree char *rule = NULL;

      self->count = 0;
      rule = repeat_rule (self, choice, day);
      self->count = saved;
      if (g_strcmp0 (rule, bare->str) == 0)
        return choice;
    }
  self->count = 0;
  return REPEAT_CUSTOM;
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

static gboolean
build_draft (RkEventEditor *self, Draft *d, GError **error)
{
  Form form;
  RkSEvent *se = NULL;
  g_autoptr(GArray) items = NULL;
  g_autofree char *notes = NULL;
  int y, m;

  memset (d, 0, sizeof *d);
  if (!self->valid || !read_form (self, &form))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Some fields need fixing first"));
      return FALSE;
    }
  rk_day_to_ymd (form.day, &y, &m, NULL);
  d->from = rk_day_from_ymd (y, m, 1);
  d->to = d->from + rk_days_in_month (y, m) - 1;
  d->schedule = rk_store_load_schedule (self->store, d->from, d->to, error);
  if (d->schedule == NULL)
    {
      form_clear (&form);
      return FALSE;
    }

  if (self->event_id > 0)
    se = rk_schedule_event (d->schedule, self->event_id);
  if (se == NULL)
    {
      se = g_new0 (RkSEvent, 1);
      se->id = self->event_id > 0 ? self->event_id : DRAFT_ID;
      se->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
      se->assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
      se->equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
      se->policy = RK_POLICY_UNSET;
      g_ptr_array_add (d->schedule->events, se);
    }
  d->event = se;

  notes = notes_text (self);
  se->program = rk_schedule_program (d->schedule, form.program_id);
  replace_str (&se->title, get_text (self->title_entry));
  se->room = rk_schedule_room (d->schedule, form.room_id);
  se->capacity = form.capacity;
  se->tentative = gtk_switch_get_active (GTK_SWITCH (self->tentative_switch));
  replace_str (&se->notes, notes);
  items = checked_equipment (self);
  g_array_set_size (se->equipment, 0);
  g_array_append_vals (se->equipment, items->data, items->len);

  if (editing_occurrence (self))
    {
      RkSException x = { 0 };
      RkMinute rule_start = rk_minute_make (self->orig_date, rk_minute_of_day (se->start));
      gboolean found = FALSE;

      /* The occurrence at its new time; the rest of the series as it is. */
      for (guint i = 0; i < se->exceptions->len; i++)
        {
          RkSException *e = &g_array_index (se->exceptions, RkSException, i);

          if (e->occ_date == self->orig_date)
            {
              found = TRUE;
              e->kind = RK_EXCEPTION_MOVED;
              e->start = form.start;
              e->end = form.end;
            }
        }
      if (!found && (form.start != rule_start || form.end - form.start != se->end - se->start))
        {
          guint at = 0;

          x.occ_date = self->orig_date;
          x.kind = RK_EXCEPTION_MOVED;
          x.start = form.start;
          x.end = form.end;
          while (at < se->exceptions->len &&
                 g_array_index (se->exceptions, RkSException, at).occ_date < x.occ_date)
            at++;
          g_array_insert_val (se->exceptions, at, x);
        }
      /* Staff of this date: exclusions and one-date rows against the series. */
      {
        GArray *as = se->assigns;

        for (guint i = as->len; i-- > 0;)
          if (g_array_index (as, RkSAssign, i).occ_date == self->orig_date)
            g_array_remove_index (as, i);
        for (guint i = 0, n = as->len; i < n; i++)
          {
            RkSAssign a = g_array_index (as, RkSAssign, i);

            if (a.occ_date == 0 && !a.excluded && !has_id (self->staff, a.staff_id))
              {
                a.occ_date = self->orig_date;
                a.excluded = TRUE;
                g_array_append_val (as, a);
              }
          }
        for (guint i = 0; i < self->staff->len; i++)
          {
            gint64 id = g_array_index (self->staff, gint64, i);
            gboolean on_series = FALSE;

            for (guint j = 0; j < as->len; j++)
              {
                const RkSAssign *a = &g_array_index (as, RkSAssign, j);
                if (a->staff_id == id && a->occ_date == 0 && !a->excluded)
                  on_series = TRUE;
              }
            if (!on_series)
              g_array_append_val (as, ((RkSAssign) { id, self->orig_date, FALSE, FALSE }));
          }
      }
    }
  else
    {
      se->start = form.start;
      se->end = form.end;
      g_free (se->rrule);
      se->rrule = g_steal_pointer (&form.rrule);
      se->policy = (RkHolidayPolicy) form.policy;
      /* Series rows become the editor's people; one-date rows stay. */
      for (guint i = se->assigns->len; i-- > 0;)
        if (g_array_index (se->assigns, RkSAssign, i).occ_date == 0)
          g_array_remove_index (se->assigns, i);
      for (guint i = 0; i < self->staff->len; i++)
        g_array_append_val (se->assigns,
                            ((RkSAssign) { g_array_index (self->staff, gint64, i), 0, FALSE, FALSE }));
    }
  form_clear (&form);

  d->occs = rk_schedule_expand (d->schedule, d->from, d->to, error);
  if (d->occs == NULL)
    {
      draft_clear (d);
      return FALSE;
    }
  d->occ = rk_occ_find (d->occs, se->id, editing_occurrence (self) ? self->orig_date
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

/* ---- live problems ------------------------------------------------------ */

static void
run_check (RkEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *child;
  Draft d;
  guint shown = 0;

  g_clear_handle_id (&self->check_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (self->problems_box)))
    gtk_box_remove (GTK_BOX (self->problems_box), child);
  self->n_problems = 0;

  if (!build_draft (self, &d, &error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->problems_box), label);
      return;
    }
  problems = rk_check (d.schedule, d.occs, d.from, d.to, rk_store_today (self->store));
  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);
      gboolean mine = FALSE;
      RkDay day = 0;

      for (guint j = 0; ids && j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == d.event->id)
          mine = TRUE;
      if (!mine)
        continue;
      /* For one occurrence, only that day's problems. */
      if (editing_occurrence (self) && d.occ && rk_date_parse (rk_problem_get_date (p), &day) &&
          day != rk_occ_day (d.occ))
        continue;
      {
        GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
        GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
        GtkWidget *label = gtk_label_new (rk_problem_get_message (p));

        gtk_widget_set_valign (icon, GTK_ALIGN_START);
        gtk_widget_add_css_class (icon, "warning");
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
        gtk_box_append (GTK_BOX (row), icon);
        gtk_box_append (GTK_BOX (row), label);
        gtk_widget_add_css_class (row, "editor-problem");
        gtk_box_append (GTK_BOX (self->problems_box), row);
        shown++;
      }
    }
  self->n_problems = shown;
  if (shown == 0)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      gtk_box_append (GTK_BOX (row), gtk_label_new (_("No problems")));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_box_append (GTK_BOX (self->problems_box), row);
    }
  draft_clear (&d);
}

static gboolean
check_timeout (gpointer user_data)
{
  RkEventEditor *self = user_data;

  self->check_id = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (RkEventEditor *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
}

/* ---- staffing ----------------------------------------------------------- */

static void
staff_changed (RkEventEditor *self)
{
  rebuild_staffing (self);
  schedule_check (self);
}

static void
on_remove_person (GtkButton *button, RkEventEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-staff-id");

  remove_id (self->staff, id);
  staff_changed (self);
}

static void
on_add_person (GtkButton *button, RkEventEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-staff-id");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (!has_id (self->staff, id))
    g_array_append_val (self->staff, id);
  staff_changed (self);
}

/* Free people of the role for the occurrence as the fields say, best first. */
static GArray *
suggestions (RkEventEditor *self, int role)
{
  g_autoptr(GError) error = NULL;
  GArray *out = NULL;
  Draft d;

  if (!build_draft (self, &d, &error))
    return NULL;
  if (d.occ)
    out = rk_suggest (d.schedule, d.occs, d.occ, role);
  draft_clear (&d);
  return out;
}

static void
on_suggest_show (GtkWidget *popover, RkEventEditor *self)
{
  int role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (popover), "rk-role"));
  GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (popover));
  g_autoptr(GArray) free_staff = suggestions (self, role);
  GtkWidget *child;
  GtkWidget *heading;
  g_autofree char *title = g_strdup_printf (_("Free %s"), rk_role_label (role));

  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; free_staff && i < free_staff->len; i++)
    {
      const RkSuggestion *s = &g_array_index (free_staff, RkSuggestion, i);
      RkSStaff *st = rk_schedule_staff (self->ref, s->staff_id);
      GtkWidget *button, *label;
      g_autofree char *markup = NULL;
      gint64 *id;

      if (st == NULL)
        continue;
      markup = g_markup_printf_escaped (
        g_dngettext (GETTEXT_PACKAGE, "%s\n<small>%s · %d event this month</small>",
                     "%s\n<small>%s · %d events this month</small>",
                     s->assignments_this_month),
        st->name, st->org ? st->org : "", s->assignments_this_month);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      id = g_new (gint64, 1);
      *id = s->staff_id;
      g_object_set_data_full (G_OBJECT (button), "rk-staff-id", id, g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_person), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (free_staff == NULL || free_staff->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nobody of this role is free at that time"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }
}

static void
rebuild_staffing (RkEventEditor *self)
{
  int required[RK_N_ROLES] = { 0 }, counts[RK_N_ROLES] = { 0 };
  gint64 program_id = dropdown_id (self->program_dropdown, self->program_ids);
  RkSProgram *program = program_id ? rk_schedule_program (self->ref, program_id) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->staffing_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->staffing_list), child);

  if (program)
    memcpy (required, program->required, sizeof required);
  for (guint i = 0; i < self->staff->len; i++)
    {
      RkSStaff *st = rk_schedule_staff (self->ref, g_array_index (self->staff, gint64, i));
      if (st)
        counts[st->role]++;
    }

  for (int r = 0; r < RK_N_ROLES; r++)
    {
      GtkWidget *row, *header, *title, *add, *popover, *people;
      g_autofree char *text = NULL;
      g_autofree char *add_label = NULL;

      /* Rarely used roles appear once someone of them is needed or on it. */
      if (required[r] == 0 && counts[r] == 0 && r != RK_ROLE_CHILDCARE_VOLUNTEER &&
          r != RK_ROLE_HUB_STAFF && r != RK_ROLE_PUBLIC_HEALTH_NURSE)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      title = gtk_label_new (NULL);
      add = gtk_menu_button_new ();
      popover = gtk_popover_new ();
      people = gtk_flow_box_new ();
      text = rk_role_count_text (r, counts[r], required[r], program ? program->wish[r] : 0);
      gtk_label_set_text (GTK_LABEL (title), text);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (title, "role-title");
      if (counts[r] < required[r])
        gtk_widget_add_css_class (title, "understaffed");

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
      add_label = g_strdup_printf (_("Add %s"), rk_role_label (r));
      gtk_widget_set_tooltip_text (add, add_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      add_label, -1);
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (add), FALSE);
      gtk_popover_set_child (GTK_POPOVER (popover), gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
      g_object_set_data (G_OBJECT (popover), "rk-role", GINT_TO_POINTER (r));
      g_signal_connect (popover, "show", G_CALLBACK (on_suggest_show), self);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (add), popover);
      g_object_set_data (G_OBJECT (row), "rk-add-button", add);

      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), add);
      gtk_box_append (GTK_BOX (row), header);

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (people), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (people), 3);
      for (guint i = 0; i < self->staff->len; i++)
        {
          gint64 id = g_array_index (self->staff, gint64, i);
          RkSStaff *st = rk_schedule_staff (self->ref, id);
          GtkWidget *pill, *box, *remove;
          g_autofree char *remove_label = NULL;
          gint64 *data;

          if (st == NULL || (int) st->role != r)
            continue;
          pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
          box = gtk_label_new (st->name);
          remove = gtk_button_new_from_icon_name ("window-close-symbolic");
          remove_label = g_strdup_printf (_("Remove %s"), st->name);
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          remove_label, -1);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_add_css_class (remove, "circular");
          data = g_new (gint64, 1);
          *data = id;
          g_object_set_data_full (G_OBJECT (remove), "rk-staff-id", data, g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_person), self);
          gtk_widget_add_css_class (pill, "person-pill");
          gtk_box_append (GTK_BOX (pill), box);
          add_asked_toggle (self, pill, box, id);
          gtk_box_append (GTK_BOX (pill), remove);
          gtk_flow_box_append (GTK_FLOW_BOX (people), pill);
        }
      gtk_box_append (GTK_BOX (row), people);
      gtk_widget_add_css_class (row, "staffing-row");
      gtk_list_box_append (GTK_LIST_BOX (self->staffing_list), row);
    }
}

/* ---- signal handlers ---------------------------------------------------- */

static void
on_field_changed (RkEventEditor *self)
{
  if (self->loading)
    return;
  gtk_widget_set_visible (self->error_label, FALSE);
  if (validate (self))
    schedule_check (self);
}

static void
on_date_changed (RkEventEditor *self)
{
  RkDay day;

  if (self->loading)
    return;
  if (rk_date_parse (get_text (self->date_entry), &day))
    fill_repeat (self, day);
  on_field_changed (self);
}

static void
on_repeat_changed (RkEventEditor *self)
{
  on_field_changed (self);
}

static void
on_program_changed (RkEventEditor *self)
{
  gint64 id = dropdown_id (self->program_dropdown, self->program_ids);
  RkSProgram *program = id ? rk_schedule_program (self->ref, id) : NULL;
  RkSProgram *last = self->last_program ? rk_schedule_program (self->ref, self->last_program)
                                        : NULL;
  const char *title = get_text (self->title_entry);
  int start;

  if (self->loading)
    return;
  self->last_program = id;
  if (program)
    {
      /* The program names the event unless the coordinator wrote a title. */
      if (*title == '\0' || (last && g_strcmp0 (title, last->name) == 0))
        set_text (self->title_entry, program->name);
      if (rk_clock_parse (get_text (self->start_entry), &start) && program->duration > 0)
        {
          int end = MIN (start + program->duration, RK_MINUTES_PER_DAY);
          g_autofree char *text = g_strdup_printf ("%02d:%02d", end / 60, end % 60);
          set_text (self->end_entry, end == RK_MINUTES_PER_DAY ? "24:00" : text);
        }
    }
  rebuild_staffing (self);
  on_field_changed (self);
}

static void
on_calendar_day_selected (RkEventEditor *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

  set_text (self->date_entry, text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

/* ---- loading ------------------------------------------------------------ */

static gboolean
load_reference (RkEventEditor *self, RkDay day, GError **error)
{
  RkSchedule *ref = rk_store_load_schedule (self->store, day, day, error);

  if (ref == NULL)
    return FALSE;
  g_clear_pointer (&self->ref, rk_schedule_free);
  self->ref = ref;
  self->loading = TRUE;
  fill_lists (self);
  self->loading = FALSE;
  return TRUE;
}

static void
set_sensitivities (RkEventEditor *self)
{
  gboolean occurrence = editing_occurrence (self);

  gtk_widget_set_visible (self->scope_box, self->series);
  gtk_widget_set_sensitive (self->repeat_dropdown, !occurrence);
  gtk_widget_set_sensitive (self->rrule_entry, !occurrence);
  gtk_widget_set_sensitive (self->policy_dropdown, !occurrence);
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
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  RkSEvent *se;
  RkMinute start, end;
  RkDay day;
  g_autofree char *date = NULL, *s = NULL, *e = NULL;

  if (!rk_time_parse (rk_event_get_start (self->event), &start) ||
      !rk_time_parse (rk_event_get_end (self->event), &end))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("The event has unreadable times"));
      return FALSE;
    }
  day = self->orig_date ? self->orig_date : rk_minute_day (start);
  schedule = rk_store_load_schedule (self->store, day, day, error);
  if (schedule == NULL)
    return FALSE;
  se = rk_schedule_event (schedule, self->event_id);
  if (se == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND, _("The event no longer exists"));
      return FALSE;
    }
  g_array_set_size (self->staff, 0);
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
          rk_occ_staff (occ, self->staff);
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
        if (a->occ_date == 0 && !a->excluded && !has_id (self->staff, a->staff_id))
          g_array_append_val (self->staff, a->staff_id);
      }
  g_array_set_size (self->orig_staff, 0);
  g_array_append_vals (self->orig_staff, self->staff->data, self->staff->len);
  load_asked (self, se);
  g_array_set_size (self->orig_equipment, 0);
  g_array_append_vals (self->orig_equipment, se->equipment->data, se->equipment->len);
  self->occ_start = start;
  self->occ_end = end;

  date = rk_date_format (rk_minute_day (start));
  s = clock_text (start);
  e = rk_minute_day (end) > rk_minute_day (start) && rk_minute_of_day (end) == 0
        ? g_strdup ("24:00")
        : clock_text (end);
  self->loading = TRUE;
  set_text (self->date_entry, date);
  set_text (self->start_entry, s);
  set_text (self->end_entry, e);
  fill_repeat (self, rk_minute_day (start));
  set_equipment (self, se->equipment);
  self->loading = FALSE;
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
  rebuild_staffing (self);
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

void
rk_event_editor_set_new (RkEventEditor *self,
                         RkDay          day)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = rk_date_format (day);

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  g_clear_object (&self->event);
  self->event_id = 0;
  self->orig_date = 0;
  self->series = FALSE;
  self->scope = RK_SCOPE_ALL;
  self->count = 0;
  g_array_set_size (self->staff, 0);
  g_array_set_size (self->orig_staff, 0);
  g_array_set_size (self->orig_equipment, 0);
  if (!load_reference (self, day, &error))
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }

  self->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->program_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->room_dropdown), 0);
  set_text (self->title_entry, "");
  set_text (self->date_entry, date);
  set_text (self->start_entry, "10:00");
  set_text (self->end_entry, "12:00");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->capacity_spin), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->repeat_dropdown), REPEAT_NONE);
  fill_repeat (self, day);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->repeat_dropdown), REPEAT_NONE);
  /* A new event decides about holidays up front. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->policy_dropdown), RK_POLICY_NEXT_DAY);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)), "", -1);
  set_equipment (self, self->orig_equipment);
  gtk_switch_set_active (GTK_SWITCH (self->tentative_switch), FALSE);
  g_array_set_size (self->asked, 0);
  g_array_set_size (self->orig_asked, 0);
  g_array_set_size (self->loaded_assigns, 0);
  self->last_program = 0;
  self->loading = FALSE;

  set_sensitivities (self);
  update_heading (self);
  rebuild_staffing (self);
  validate (self);
  schedule_check (self);
  gtk_widget_grab_focus (self->title_entry);
}

gboolean
rk_event_editor_load (RkEventEditor  *self,
                      gint64          event_id,
                      RkDay           orig_date,
                      GError        **error)
{
  g_autoptr(RkEvent) event = NULL;
  RkMinute start;
  const char *rrule;
  int policy;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);

  event = rk_store_get_event (self->store, event_id, error);
  if (event == NULL || !rk_time_parse (rk_event_get_start (event), &start))
    {
      if (event)
        g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("The event has unreadable times"));
      return FALSE;
    }
  g_set_object (&self->event, event);
  self->event_id = event_id;
  rrule = rk_event_get_rrule (event);
  self->series = rrule && *rrule;
  self->orig_date = self->series ? (orig_date ? orig_date : rk_minute_day (start)) : 0;
  /* One occurrence of a series by default: the safer edit. */
  self->scope = self->series ? RK_SCOPE_THIS : RK_SCOPE_ALL;
  if (!load_reference (self, self->orig_date ? self->orig_date : rk_minute_day (start), error))
    return FALSE;

  self->loading = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->this_button), TRUE);
  dropdown_select_id (self->program_dropdown, self->program_ids, rk_event_get_program_id (event));
  self->last_program = rk_event_get_program_id (event);
  dropdown_select_id (self->room_dropdown, self->room_ids, rk_event_get_room_id (event));
  set_text (self->title_entry, rk_event_get_title (event) ? rk_event_get_title (event)
                                                          : rk_event_get_program_name (event));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->capacity_spin),
                             MAX (0, rk_event_get_capacity (event)));
  gtk_switch_set_active (GTK_SWITCH (self->tentative_switch), rk_event_get_tentative (event));
  policy = rk_policy_from_token (rk_event_get_on_holiday (event));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->policy_dropdown), policy < 0 ? 0 : policy);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)),
                            rk_event_get_notes (event) ? rk_event_get_notes (event) : "", -1);
  fill_repeat (self, rk_minute_day (start));
  {
    guint choice = match_repeat (self, rrule, rk_minute_day (start));

    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->repeat_dropdown), choice);
    set_text (self->rrule_entry, choice == REPEAT_CUSTOM ? rrule : "");
  }
  self->loading = FALSE;

  if (!load_scope (self, error))
    return FALSE;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->stale_bar), FALSE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->elsewhere_bar), FALSE);
  gtk_widget_set_visible (self->error_label, FALSE);
  set_sensitivities (self);
  update_heading (self);
  rebuild_staffing (self);
  validate (self);
  schedule_check (self);
  return TRUE;
}

gboolean
rk_event_editor_reload (RkEventEditor  *self,
                        GError        **error)
{
  RkEditScope scope = self->scope;
  gboolean ok;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  if (self->event_id <= 0)
    return TRUE;
  ok = rk_event_editor_load (self, self->event_id, self->orig_date, error);
  if (ok && self->series)
    rk_event_editor_set_scope (self, scope);
  return ok;
}

static void
on_reload_clicked (RkEventEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_event_editor_reload (self, &error))
    rk_gui_field_error (self->error_label, NULL, error->message);
}

/* ---- saving ------------------------------------------------------------- */

static RkEvent *
edited_event (RkEventEditor *self, const Form *form)
{
  RkEvent *event = rk_event_new ();
  g_autofree char *notes = notes_text (self);
  g_autofree char *title = g_strstrip (g_strdup (get_text (self->title_entry)));
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

static gboolean
apply_staff (RkEventEditor *self, gint64 event_id, RkDay occ_date, GArray *before, GError **error)
{
  for (guint i = 0; i < before->len; i++)
    {
      gint64 id = g_array_index (before, gint64, i);

      if (!has_id (self->staff, id) && !rk_store_unassign (self->store, event_id, id, occ_date, error))
        return FALSE;
    }
  for (guint i = 0; i < self->staff->len; i++)
    {
      gint64 id = g_array_index (self->staff, gint64, i);

      if (!has_id (before, id) &&
          !rk_store_assign (self->store, event_id, id, occ_date, has_id (self->asked, id), error))
        return FALSE;
    }
  return apply_asked (self, event_id, occ_date, before, error);
}

static gboolean
save_tx (RkEventEditor *self, const Form *form, RkEvent *edited, GArray *items, GError **error)
{
  if (self->event == NULL)
    {
      gint64 id = rk_store_add_event (self->store, edited, items, error);

      if (id == 0)
        return FALSE;
      rk_undo_stack_note_created (self->undo, id);
      self->event_id = id;
      return apply_staff (self, id, 0, self->orig_staff, error);
    }

  if (!rk_undo_stack_save_event (self->undo, self->event_id, error))
    return FALSE;
  /* The version loaded with the dialog: someone else's save since wins,
   * and the person reloads to see it. */
  {
    g_autoptr(RkEvent) now = rk_store_get_event (self->store, self->event_id, error);

    if (now == NULL)
      return FALSE;
    if (rk_event_get_version (now) != rk_event_get_version (self->event))
      {
        g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                     _("The event was changed by someone else meanwhile"));
        return FALSE;
      }
  }

  if (editing_occurrence (self))
    {
      gboolean equipment_changed = !same_set (items, self->orig_equipment);
      gint64 id;

      id = rk_series_edit (self->store, self->event_id, self->orig_date, RK_SCOPE_THIS, edited,
                           equipment_changed ? items : NULL, self->report, error);
      if (id == 0)
        return FALSE;
      if (id != self->event_id)
        {
          /* The occurrence left the series as an event of its own, with
           * its people as series rows. */
          rk_undo_stack_note_created (self->undo, id);
          return apply_staff (self, id, 0, self->orig_staff, error);
        }
      return apply_staff (self, self->event_id, self->orig_date, self->orig_staff, error);
    }

  /* The whole series, or this and the following: the way the CLI edits,
   * so exceptions and one-day staff that no longer fall on a date of the
   * new rule are dropped and reported rather than left dangling. */
  {
    RkEditScope scope = self->series ? self->scope : RK_SCOPE_ALL;
    gboolean equipment_changed = !same_set (items, self->orig_equipment);
    gint64 id;

    id = rk_series_edit (self->store, self->event_id, self->orig_date, scope, edited,
                         equipment_changed ? items : NULL, self->report, error);
    if (id == 0)
      return FALSE;
    if (id != self->event_id)
      /* The following occurrences became a series of their own, with the
       * series' people copied: the editor's changes go there. */
      rk_undo_stack_note_created (self->undo, id);
    return apply_staff (self, id, 0, self->orig_staff, error);
  }
}

/* Tells what the save dropped, on the window the editor was opened from. */
static void
show_report (RkEventEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *lines = NULL;
  GtkWidget *dialog;

  if (self->report->len == 0)
    return;
  g_ptr_array_add (self->report, NULL);
  lines = g_strjoinv ("\n", (char **) self->report->pdata);
  g_ptr_array_remove_index (self->report, self->report->len - 1);
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_INFO,
                                   GTK_BUTTONS_CLOSE, "%s",
                                   _("Some Changes of Single Days No Longer Apply"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", lines);
  gtk_widget_add_css_class (dialog, "series-report");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
rk_event_editor_save (RkEventEditor  *self,
                      GError        **error)
{
  g_autoptr(RkEvent) edited = NULL;
  g_autoptr(GArray) items = NULL;
  gboolean created;
  Form form;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);

  if (!validate (self) || !read_form (self, &form))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Some fields need fixing first"));
      return FALSE;
    }
  edited = edited_event (self, &form);
  items = checked_equipment (self);
  created = self->event == NULL;
  g_ptr_array_set_size (self->report, 0);

  if (!rk_store_begin (self->store, error))
    {
      form_clear (&form);
      return FALSE;
    }
  rk_undo_stack_begin (self->undo, created ? _("New event") : _("Edit event"));
  if (!save_tx (self, &form, edited, items, error))
    {
      form_clear (&form);
      rk_undo_stack_abort (self->undo);
      if (created)
        self->event_id = 0;
      return FALSE;
    }
  form_clear (&form);
  if (!rk_undo_stack_commit (self->undo, error))
    {
      if (created)
        self->event_id = 0;
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, created ? _("Event created") : _("Event saved"));
  show_report (self);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
rk_event_editor_notice_external_change (RkEventEditor *self)
{
  g_autoptr(RkEvent) now = NULL;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  if (self->event == NULL)
    return;
  now = rk_store_get_event (self->store, self->event_id, NULL);
  /* Only marked: what the person typed stays, and the save's version
   * check decides. */
  if (now == NULL || rk_event_get_version (now) != rk_event_get_version (self->event))
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->elsewhere_bar), TRUE);
}

static void
on_save_clicked (RkEventEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_object_ref (self);
  if (!rk_event_editor_save (self, &error))
    rk_gui_save_failed (error, self->stale_bar, NULL, NULL, self->error_label);
  g_object_unref (self);
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

/* ---- tentative people, and finding a time -------------------------------- */

/* Who of the people loaded was asked and has not confirmed: the series
 * rows, and for one occurrence that date's rows too. */
static void
load_asked (RkEventEditor *self, RkSEvent *se)
{
  RkOcc occ = { 0 };

  occ.event = se;
  occ.orig_date = editing_occurrence (self) ? self->orig_date : 0;
  g_array_set_size (self->asked, 0);
  for (guint i = 0; i < self->staff->len; i++)
    {
      gint64 id = g_array_index (self->staff, gint64, i);

      if (rk_occ_staff_tentative (&occ, id))
        g_array_append_val (self->asked, id);
    }
  g_array_set_size (self->orig_asked, 0);
  g_array_append_vals (self->orig_asked, self->asked->data, self->asked->len);
  g_array_set_size (self->loaded_assigns, 0);
  g_array_append_vals (self->loaded_assigns, se->assigns->data, se->assigns->len);
}

static gboolean
on_series_row (RkEventEditor *self, gint64 id)
{
  for (guint i = 0; i < self->loaded_assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (self->loaded_assigns, RkSAssign, i);

      if (a->staff_id == id && a->occ_date == 0 && !a->excluded)
        return TRUE;
    }
  return FALSE;
}

static void
on_asked_toggled (GtkToggleButton *button, RkEventEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-staff-id");

  rk_event_editor_set_staff_asked (self, id, gtk_toggle_button_get_active (button));
}

/* The "asked, not confirmed" toggle of a person's pill. */
static void
add_asked_toggle (RkEventEditor *self, GtkWidget *pill, GtkWidget *name, gint64 id)
{
  RkSStaff *st = rk_schedule_staff (self->ref, id);
  gboolean asked = has_id (self->asked, id);
  GtkWidget *toggle = gtk_toggle_button_new ();
  g_autofree char *tip = NULL;
  gint64 *data;

  gtk_button_set_icon_name (GTK_BUTTON (toggle), "dialog-question-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), asked);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_add_css_class (toggle, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Asked, not confirmed"), -1);
  if (editing_occurrence (self) && on_series_row (self, id))
    {
      /* The series row holds the answer for every date: one date alone
       * cannot be asked again or confirmed apart from it. */
      tip = g_strdup (_("Asked or confirmed for the whole series: change it with Whole Series"));
      gtk_widget_set_sensitive (toggle, FALSE);
    }
  else if (asked)
    tip = g_strdup_printf (_("%s was asked and has not confirmed yet; press when they confirm"),
                           st ? st->name : "");
  else
    tip = g_strdup_printf (_("Mark %s as asked, not confirmed yet"), st ? st->name : "");
  gtk_widget_set_tooltip_text (toggle, tip);
  if (asked)
    {
      gtk_widget_add_css_class (pill, "tentative");
      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Asked, not confirmed"), -1);
    }
  data = g_new (gint64, 1);
  *data = id;
  g_object_set_data_full (G_OBJECT (toggle), "rk-staff-id", data, g_free);
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_asked_toggled), self);
  gtk_box_append (GTK_BOX (pill), toggle);
}

/* The people kept whose answer changed: confirmed now, or asked again. */
static gboolean
apply_asked (RkEventEditor *self, gint64 event_id, RkDay occ_date, GArray *before, GError **error)
{
  for (guint i = 0; i < self->staff->len; i++)
    {
      gint64 id = g_array_index (self->staff, gint64, i);
      gboolean asked = has_id (self->asked, id);

      if (!has_id (before, id) || asked == has_id (self->orig_asked, id))
        continue;
      if (!asked)
        {
          if (!rk_store_confirm_assignment (self->store, event_id, id, occ_date, error))
            return FALSE;
          continue;
        }
      /* Nothing turns a confirmed row back: it is written anew, and the
       * dates the person was taken off stay so. */
      if (!rk_store_unassign (self->store, event_id, id, occ_date, error) ||
          !rk_store_assign (self->store, event_id, id, occ_date, TRUE, error))
        return FALSE;
      for (guint j = 0; occ_date == 0 && j < self->loaded_assigns->len; j++)
        {
          const RkSAssign *a = &g_array_index (self->loaded_assigns, RkSAssign, j);

          if (a->staff_id != id || !a->excluded || a->occ_date == 0)
            continue;
          /* A split series kept only the dates from the split on. */
          if (event_id != self->event_id && (editing_occurrence (self) || a->occ_date < self->orig_date))
            continue;
          if (!rk_store_unassign (self->store, event_id, id, a->occ_date, error))
            return FALSE;
        }
    }
  return TRUE;
}

void
rk_event_editor_set_staff_asked (RkEventEditor *self,
                                 gint64         staff_id,
                                 gboolean       asked)
{
  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  if (!has_id (self->staff, staff_id) || asked == has_id (self->asked, staff_id))
    return;
  if (asked)
    g_array_append_val (self->asked, staff_id);
  else
    remove_id (self->asked, staff_id);
  staff_changed (self);
}

gboolean
rk_event_editor_get_staff_asked (RkEventEditor *self,
                                 gint64         staff_id)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return has_id (self->staff, staff_id) && has_id (self->asked, staff_id);
}

static void
on_time_chosen (RkEventEditor *self, const RkFindTimeChoice *choice)
{
  g_autofree char *date = rk_date_format (rk_minute_day (choice->start));
  g_autofree char *start = clock_text (choice->start);
  g_autofree char *end = rk_minute_day (choice->end) > rk_minute_day (choice->start)
                           ? g_strdup ("24:00")
                           : clock_text (choice->end);

  set_text (self->date_entry, date);
  set_text (self->start_entry, start);
  set_text (self->end_entry, end);
  if (choice->room_id)
    dropdown_select_id (self->room_dropdown, self->room_ids, choice->room_id);
  for (guint i = 0; choice->staff && i < choice->staff->len; i++)
    {
      gint64 id = g_array_index (choice->staff, gint64, i);

      if (!has_id (self->staff, id))
        g_array_append_val (self->staff, id);
    }
  staff_changed (self);
}

GtkWidget *
rk_event_editor_find_time (RkEventEditor *self)
{
  g_autoptr(GArray) items = NULL;
  RkFindTimeRequest request = { 0 };
  RkFindTimeDialog *dialog;
  int a, b;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), NULL);

  items = checked_equipment (self);
  request.event_id = self->event_id;
  request.occ_date = editing_occurrence (self) ? self->orig_date : 0;
  request.program_id = dropdown_id (self->program_dropdown, self->program_ids);
  request.room_id = dropdown_id (self->room_dropdown, self->room_ids);
  request.capacity = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->capacity_spin));
  if (rk_clock_parse (get_text (self->start_entry), &a) &&
      rk_clock_parse (get_text (self->end_entry), &b) && b > a)
    request.duration = b - a;
  request.equipment = items;
  request.staff = self->staff;
  dialog = rk_find_time_dialog_new (GTK_WINDOW (self), self->store, &request);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_time_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
on_find_time_clicked (RkEventEditor *self)
{
  rk_event_editor_find_time (self);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_event_editor_dispose (GObject *object)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_object (&self->event);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_event_editor_parent_class)->dispose (object);
}

static void
rk_event_editor_finalize (GObject *object)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  g_clear_pointer (&self->ref, rk_schedule_free);
  g_clear_pointer (&self->program_ids, g_array_unref);
  g_clear_pointer (&self->room_ids, g_array_unref);
  g_array_unref (self->equipment_ids);
  g_ptr_array_unref (self->equipment_checks);
  g_array_unref (self->orig_equipment);
  g_array_unref (self->staff);
  g_array_unref (self->orig_staff);
  g_array_unref (self->asked);
  g_array_unref (self->orig_asked);
  g_array_unref (self->loaded_assigns);
  g_ptr_array_unref (self->report);
  G_OBJECT_CLASS (rk_event_editor_parent_class)->finalize (object);
}

static void
rk_event_editor_class_init (RkEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_event_editor_dispose;
  object_class->finalize = rk_event_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-event-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkEventEditor, name)
  BIND (heading_label);
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
  BIND (date_entry);
  BIND (date_hint);
  BIND (date_error);
  BIND (calendar);
  BIND (calendar_button);
  BIND (start_entry);
  BIND (end_entry);
  BIND (time_error);
  BIND (room_dropdown);
  BIND (capacity_spin);
  BIND (equipment_button);
  BIND (equipment_box);
  BIND (repeat_dropdown);
  BIND (custom_box);
  BIND (rrule_entry);
  BIND (rrule_error);
  BIND (repeat_label);
  BIND (policy_dropdown);
  BIND (notes_view);
  BIND (staffing_list);
  BIND (problems_box);
  BIND (error_label);
  BIND (tentative_switch);
  BIND (find_time_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_program_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_find_time_clicked);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rk_event_editor_init (RkEventEditor *self)
{
  self->equipment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->equipment_checks = g_ptr_array_new ();
  self->orig_equipment = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->orig_staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->orig_asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loaded_assigns = g_array_new (FALSE, FALSE, sizeof (RkSAssign));
  self->report = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

RkEventEditor *
rk_event_editor_new (GtkWindow   *parent,
                     RkStore     *store,
                     RkUndoStack *undo)
{
  RkEventEditor *self = g_object_new (RK_TYPE_EVENT_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  return self;
}

gboolean
rk_event_editor_is_valid (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return validate (self);
}

gboolean
rk_event_editor_add_suggested (RkEventEditor *self,
                               int            role)
{
  g_autoptr(GArray) free_staff = NULL;
  gint64 id;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);

  free_staff = suggestions (self, role);
  if (free_staff == NULL || free_staff->len == 0)
    return FALSE;
  id = g_array_index (free_staff, RkSuggestion, 0).staff_id;
  if (!has_id (self->staff, id))
    g_array_append_val (self->staff, id);
  staff_changed (self);
  return TRUE;
}

guint
rk_event_editor_get_n_problems (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), 0);

  /* Whatever is pending is run now, so callers read a current answer. */
  if (self->check_id)
    run_check (self);
  return self->n_problems;
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
    { "date", G_STRUCT_OFFSET (RkEventEditor, date_entry) },
    { "start", G_STRUCT_OFFSET (RkEventEditor, start_entry) },
    { "end", G_STRUCT_OFFSET (RkEventEditor, end_entry) },
    { "program", G_STRUCT_OFFSET (RkEventEditor, program_dropdown) },
    { "room", G_STRUCT_OFFSET (RkEventEditor, room_dropdown) },
    { "capacity", G_STRUCT_OFFSET (RkEventEditor, capacity_spin) },
    { "notes", G_STRUCT_OFFSET (RkEventEditor, notes_view) },
    { "repeat", G_STRUCT_OFFSET (RkEventEditor, repeat_dropdown) },
    { "policy", G_STRUCT_OFFSET (RkEventEditor, policy_dropdown) },
    { "save", G_STRUCT_OFFSET (RkEventEditor, save_button) },
    { "stale_bar", G_STRUCT_OFFSET (RkEventEditor, stale_bar) },
    { "elsewhere_bar", G_STRUCT_OFFSET (RkEventEditor, elsewhere_bar) },
    { "following", G_STRUCT_OFFSET (RkEventEditor, following_button) },
    { "problems", G_STRUCT_OFFSET (RkEventEditor, problems_box) },
    { "error", G_STRUCT_OFFSET (RkEventEditor, error_label) },
    { "staffing", G_STRUCT_OFFSET (RkEventEditor, staffing_list) },
    { "title_error", G_STRUCT_OFFSET (RkEventEditor, title_error) },
    { "time_error", G_STRUCT_OFFSET (RkEventEditor, time_error) },
    { "tentative", G_STRUCT_OFFSET (RkEventEditor, tentative_switch) },
    { "find_time", G_STRUCT_OFFSET (RkEventEditor, find_time_button) },
  };

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
