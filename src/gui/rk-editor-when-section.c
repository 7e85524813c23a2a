#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rk-editor-when-section.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-recurrence.h"
#include "rk-repeat-editor.h"
#include "rk-series.h"

enum
{
  REPEAT_NONE,
  REPEAT_MONTHLY_NTH,
  REPEAT_MONTHLY_LAST,
  REPEAT_WEEKLY,
  REPEAT_CUSTOM,
  N_REPEAT
};

struct _RkEditorWhenSection
{
  RkEditorSection parent_instance;

  /* template */
  GtkWidget *date_entry;
  GtkWidget *date_hint;
  GtkWidget *calendar;
  GtkWidget *calendar_button;
  GtkWidget *start_entry;
  GtkWidget *end_entry;
  GtkWidget *time_error;
  GtkWidget *find_time_button;
  GtkWidget *repeat_dropdown;
  GtkWidget *repeat_editor;
  GtkWidget *custom_box;
  GtkWidget *rrule_entry;
  GtkWidget *repeat_label;
  GtkWidget *policy_dropdown;

  gboolean   occurrence;
  guint      rows[N_REPEAT];   /* the choice on each row of the dropdown */
  guint      n_rows;
  gboolean   raw;              /* a custom rule the repeat editor cannot show: its text */
  gboolean   syncing;          /* the rule text being written from the editor */
  int        length;           /* minutes from start to end, as last valid */
  gboolean   moving_end;       /* the end being moved along with the start */
};

G_DEFINE_FINAL_TYPE (RkEditorWhenSection, rk_editor_when_section, RK_TYPE_EDITOR_SECTION)

enum
{
  FIND_TIME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the repeat choices ------------------------------------------------- */

static guint
selected_choice (RkEditorWhenSection *self)
{
  guint row = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->repeat_dropdown));

  return row < self->n_rows ? self->rows[row] : REPEAT_NONE;
}

static void
select_choice (RkEditorWhenSection *self, guint choice)
{
  for (guint row = 0; row < self->n_rows; row++)
    if (self->rows[row] == choice)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->repeat_dropdown), row);
        return;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->repeat_dropdown), 0);
}

/* The pattern of a choice, without an end. */
static char *
choice_pattern (RkEditorWhenSection *self, guint choice, RkDay day)
{
  int weekday = rk_day_weekday (day);

  switch (choice)
    {
    case REPEAT_MONTHLY_NTH:
    case REPEAT_MONTHLY_LAST:
      return rk_rrule_build_monthly_weekday (day, choice == REPEAT_MONTHLY_LAST, 1, 0);
    case REPEAT_WEEKLY:
      return rk_rrule_build_weekly (&weekday, 1, 1, 0);
    case REPEAT_CUSTOM:
      return rk_repeat_editor_get_pattern (RK_REPEAT_EDITOR (self->repeat_editor));
    case REPEAT_NONE:
    default:
      return NULL;
    }
}

static const char *
raw_text (RkEditorWhenSection *self)
{
  const char *text = rk_editor_get_text (self->rrule_entry);

  return g_str_has_prefix (text, "RRULE:") ? text + 6 : text;
}

/* The rule of a choice with its end; NULL for none or when not valid
 * (*error then says why, if it is the end). */
static char *
repeat_rule (RkEditorWhenSection *self, guint choice, RkDay day, char **error)
{
  g_autofree char *pattern = NULL;

  if (error)
    *error = NULL;
  if (choice == REPEAT_CUSTOM && self->raw)
    return *raw_text (self) ? g_strdup (raw_text (self)) : NULL;
  pattern = choice_pattern (self, choice, day);
  if (pattern == NULL)
    return NULL;
  {
    g_autofree char *why = NULL;
    char *rule = rk_repeat_editor_apply_end (RK_REPEAT_EDITOR (self->repeat_editor), pattern,
                                             &why);

    if (error)
      *error = g_steal_pointer (&why);
    return rule;
  }
}

/* The repeat choices are worded for the date in the field; "the last
 * Thursday" only on a last Thursday. */
static void
fill_repeat (RkEditorWhenSection *self, RkDay day)
{
  RkEditorSection *section = RK_EDITOR_SECTION (self);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = selected_choice (self);
  gboolean japanese = rk_locale_is_japanese ();
  gboolean was_loading = rk_editor_section_get_loading (section);
  gboolean last = FALSE;

  rk_day_weekday_nth (day, &last);
  self->n_rows = 0;
  gtk_string_list_append (list, _("Does not repeat"));
  self->rows[self->n_rows++] = REPEAT_NONE;
  for (guint choice = REPEAT_MONTHLY_NTH; choice <= REPEAT_WEEKLY; choice++)
    {
      g_autofree char *rule = choice_pattern (self, choice, day);
      g_autofree char *words = NULL;

      if (choice == REPEAT_MONTHLY_LAST && !last)
        continue;
      words = rk_rrule_describe (rule, rk_minute_make (day, 0), japanese);
      gtk_string_list_append (list, words);
      self->rows[self->n_rows++] = choice;
    }
  gtk_string_list_append (list, _("Custom…"));
  self->rows[self->n_rows++] = REPEAT_CUSTOM;

  rk_editor_section_set_loading (section, TRUE);
  rk_repeat_editor_set_day (RK_REPEAT_EDITOR (self->repeat_editor), day);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->repeat_dropdown), G_LIST_MODEL (list));
  if (selected == REPEAT_MONTHLY_LAST && !last)
    selected = REPEAT_MONTHLY_NTH;
  select_choice (self, selected);
  rk_editor_section_set_loading (section, was_loading);
}

/* Which choice an existing rule is (its end aside), else custom; the
 * repeat editor takes its end, and its pattern when it can show it. */
static guint
match_repeat (RkEditorWhenSection *self, const char *rrule, RkDay day)
{
  g_autofree char *bare = NULL;
  gboolean shown;

  self->raw = FALSE;
  if (rrule == NULL || *rrule == '\0')
    return REPEAT_NONE;
  shown = rk_repeat_editor_set_rule (RK_REPEAT_EDITOR (self->repeat_editor), rrule);
  bare = rk_rrule_without_end (rrule);
  for (guint choice = REPEAT_MONTHLY_NTH; choice <= REPEAT_WEEKLY; choice++)
    {
      g_autofree char *rule = choice_pattern (self, choice, day);

      if (g_strcmp0 (rule, bare) == 0)
        return choice;
    }
  self->raw = !shown;
  return REPEAT_CUSTOM;
}

/* The repeat editor changed: the rule text underneath follows. */
static void
on_repeat_editor_changed (RkEditorWhenSection *self)
{
  RkDay day;

  if (!self->raw && rk_date_parse (rk_editor_get_text (self->date_entry), &day))
    {
      g_autofree char *rule = repeat_rule (self, REPEAT_CUSTOM, day, NULL);

      self->syncing = TRUE;
      rk_gui_set_text (self->rrule_entry, rule ? rule : "");
      self->syncing = FALSE;
    }
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

/* The rule text typed by hand: shown in words again when the editor can. */
static void
on_rrule_changed (RkEditorWhenSection *self)
{
  if (!self->syncing && !rk_editor_section_get_loading (RK_EDITOR_SECTION (self)))
    {
      self->syncing = TRUE;
      self->raw = !rk_repeat_editor_set_rule (RK_REPEAT_EDITOR (self->repeat_editor),
                                              raw_text (self));
      self->syncing = FALSE;
    }
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

void
rk_editor_when_section_set_fiscal_start (RkEditorWhenSection *self,
                                         int                  month)
{
  g_return_if_fail (RK_IS_EDITOR_WHEN_SECTION (self));
  rk_repeat_editor_set_fiscal_start (RK_REPEAT_EDITOR (self->repeat_editor), month);
}

/* ---- filling and reading ------------------------------------------------ */

void
rk_editor_when_section_set_new (RkEditorWhenSection *self,
                                RkDay                day)
{
  RkEditorSection *section = RK_EDITOR_SECTION (self);
  g_autofree char *date = rk_date_format (day);
  gboolean was_loading = rk_editor_section_get_loading (section);

  g_return_if_fail (RK_IS_EDITOR_WHEN_SECTION (self));

  self->raw = FALSE;
  rk_editor_section_set_loading (section, TRUE);
  rk_gui_set_text (self->date_entry, date);
  rk_gui_set_text (self->start_entry, "10:00");
  rk_gui_set_text (self->end_entry, "12:00");
  fill_repeat (self, day);
  select_choice (self, REPEAT_NONE);
  /* A new series ends with the fiscal year unless told otherwise. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (rk_repeat_editor_get_field (
                                RK_REPEAT_EDITOR (self->repeat_editor), "ends")),
                              RK_REPEAT_ENDS_FISCAL_YEAR);
  /* A new event decides about holidays up front. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->policy_dropdown), RK_POLICY_NEXT_DAY);
  rk_editor_section_set_loading (section, was_loading);
}

void
rk_editor_when_section_set_rule (RkEditorWhenSection *self,
                                 const char          *rrule,
                                 RkDay                day,
                                 int                  policy)
{
  RkEditorSection *section = RK_EDITOR_SECTION (self);
  gboolean was_loading = rk_editor_section_get_loading (section);
  guint choice;

  g_return_if_fail (RK_IS_EDITOR_WHEN_SECTION (self));

  rk_editor_section_set_loading (section, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->policy_dropdown), policy < 0 ? 0 : policy);
  fill_repeat (self, day);
  choice = match_repeat (self, rrule, day);
  select_choice (self, choice);
  self->syncing = TRUE;
  rk_gui_set_text (self->rrule_entry, choice == REPEAT_CUSTOM ? rrule : "");
  self->syncing = FALSE;
  rk_editor_section_set_loading (section, was_loading);
}

void
rk_editor_when_section_set_times (RkEditorWhenSection *self,
                                  RkMinute             start,
                                  RkMinute             end)
{
  RkEditorSection *section = RK_EDITOR_SECTION (self);
  gboolean was_loading = rk_editor_section_get_loading (section);
  g_autofree char *date = rk_date_format (rk_minute_day (start));
  g_autofree char *s = rk_editor_clock_text (start);
  g_autofree char *e = rk_editor_end_text (start, end);

  g_return_if_fail (RK_IS_EDITOR_WHEN_SECTION (self));

  rk_editor_section_set_loading (section, TRUE);
  rk_gui_set_text (self->date_entry, date);
  rk_gui_set_text (self->start_entry, s);
  rk_gui_set_text (self->end_entry, e);
  fill_repeat (self, rk_minute_day (start));
  rk_editor_section_set_loading (section, was_loading);
}

void
rk_editor_when_section_set_occurrence (RkEditorWhenSection *self,
                                       gboolean             occurrence)
{
  g_return_if_fail (RK_IS_EDITOR_WHEN_SECTION (self));

  self->occurrence = occurrence;
  gtk_widget_set_sensitive (self->repeat_dropdown, !occurrence);
  gtk_widget_set_sensitive (self->repeat_editor, !occurrence);
  gtk_widget_set_sensitive (self->rrule_entry, !occurrence);
  gtk_widget_set_sensitive (self->policy_dropdown, !occurrence);
}

/* The line under the times says what is wrong (the whole of it in the
 * tooltip when the line is too short), or nothing. */
static void
show_message (GtkWidget  *label,
              const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_tooltip_text (label, message);
}

gboolean
rk_editor_when_section_validate (RkEditorWhenSection *self)
{
  RkDay day;
  int a = 0, b = 0;
  gboolean ok = TRUE, times = TRUE;
  guint repeat = selected_choice (self);
  const char *date_message = NULL, *time_message = NULL;

  g_return_val_if_fail (RK_IS_EDITOR_WHEN_SECTION (self), FALSE);

  if (!rk_date_parse (rk_editor_get_text (self->date_entry), &day))
    {
      date_message = _("Write the date as YYYY-MM-DD, for example 2026-12-06");
      gtk_label_set_text (GTK_LABEL (self->date_hint), "");
      ok = FALSE;
    }
  else
    {
      g_autofree char *hint = rk_day_title (day);

      gtk_label_set_text (GTK_LABEL (self->date_hint), hint);
    }
  rk_gui_field_error (NULL, self->date_entry, date_message);

  if (!rk_clock_parse (rk_editor_get_text (self->start_entry), &a))
    {
      time_message = _("Write the start as HH:MM, for example 10:00");
      rk_gui_field_error (NULL, self->start_entry, time_message);
      times = FALSE;
    }
  else
    rk_gui_field_error (NULL, self->start_entry, NULL);
  if (!rk_clock_parse (rk_editor_get_text (self->end_entry), &b))
    {
      if (times)
        time_message = _("Write the end as HH:MM, for example 12:00");
      rk_gui_field_error (NULL, self->end_entry, times ? time_message : "");
      times = FALSE;
    }
  else if (times && b <= a)
    {
      time_message = _("The end must be after the start");
      rk_gui_field_error (NULL, self->end_entry, time_message);
      times = FALSE;
    }
  else
    rk_gui_field_error (NULL, self->end_entry, NULL);
  show_message (self->time_error, date_message ? date_message : time_message);
  ok = ok && times;

  gtk_widget_set_visible (self->custom_box, repeat == REPEAT_CUSTOM);
  gtk_widget_set_visible (self->repeat_editor, repeat != REPEAT_NONE && !self->occurrence &&
                                               !(repeat == REPEAT_CUSTOM && self->raw));
  rk_repeat_editor_set_pattern_visible (RK_REPEAT_EDITOR (self->repeat_editor),
                                        repeat == REPEAT_CUSTOM);
  {
    g_autofree char *rule = NULL;
    g_autofree char *why = NULL;
    g_autoptr(GError) error = NULL;
    RkDay first = 0;
    gboolean have_day = rk_date_parse (rk_editor_get_text (self->date_entry), &first);

    if (repeat != REPEAT_NONE && have_day && !self->occurrence)
      rule = repeat_rule (self, repeat, first, &why);
    const char *rule_message = NULL;

    if (repeat == REPEAT_NONE || self->occurrence || !have_day)
      ;
    else if (why)
      rule_message = why;
    else if (rule == NULL)
      rule_message = repeat == REPEAT_CUSTOM && !self->raw
                     ? _("Choose at least one weekday")
                     : _("Write a rule, for example FREQ=MONTHLY;BYDAY=3WE");
    else if (!rk_rrule_validate (rule, &error))
      rule_message = error->message;
    rk_gui_field_error (NULL, self->rrule_entry, why ? NULL : rule_message);
    ok = ok && rule_message == NULL;

    /* The wording of the rule, as it will be printed, and its next dates. */
    {
      g_autofree char *words = NULL;
      RkMinute dtstart = rk_minute_make (first, a);
      gboolean valid = rule && rk_rrule_validate (rule, NULL);

      if (valid)
        words = rk_rrule_describe (rule, dtstart, rk_locale_is_japanese ());
      /* What is wrong with the rule takes the wording's place. */
      gtk_label_set_text (GTK_LABEL (self->repeat_label),
                          rule_message ? rule_message : words ? words : "");
      gtk_widget_set_visible (self->repeat_label, rule_message || words);
      if (rule_message)
        {
          gtk_widget_remove_css_class (self->repeat_label, "dim-label");
          gtk_widget_add_css_class (self->repeat_label, "field-error");
        }
      else
        {
          gtk_widget_remove_css_class (self->repeat_label, "field-error");
          gtk_widget_add_css_class (self->repeat_label, "dim-label");
        }
      rk_repeat_editor_preview (RK_REPEAT_EDITOR (self->repeat_editor), valid ? rule : NULL,
                                dtstart);
    }
  }
  return ok;
}

gboolean
rk_editor_when_section_read (RkEditorWhenSection *self,
                             RkDay               *day,
                             RkMinute            *start,
                             RkMinute            *end,
                             char               **rrule,
                             int                 *policy)
{
  int a, b, p;

  g_return_val_if_fail (RK_IS_EDITOR_WHEN_SECTION (self), FALSE);

  *rrule = NULL;
  if (!rk_date_parse (rk_editor_get_text (self->date_entry), day) ||
      !rk_clock_parse (rk_editor_get_text (self->start_entry), &a) ||
      !rk_clock_parse (rk_editor_get_text (self->end_entry), &b))
    return FALSE;
  *start = rk_minute_make (*day, a);
  *end = rk_minute_make (*day, b);
  p = (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->policy_dropdown));
  *policy = p < 0 || p > RK_POLICY_PREVIOUS_DAY ? RK_POLICY_UNSET : p;
  *rrule = self->occurrence ? NULL : repeat_rule (self, selected_choice (self), *day, NULL);
  return TRUE;
}

int
rk_editor_when_section_get_duration (RkEditorWhenSection *self)
{
  int a, b;

  g_return_val_if_fail (RK_IS_EDITOR_WHEN_SECTION (self), 0);

  if (rk_clock_parse (rk_editor_get_text (self->start_entry), &a) &&
      rk_clock_parse (rk_editor_get_text (self->end_entry), &b) && b > a)
    return b - a;
  return 0;
}

void
rk_editor_when_section_set_duration (RkEditorWhenSection *self,
                                     int                  minutes)
{
  int start;

  g_return_if_fail (RK_IS_EDITOR_WHEN_SECTION (self));

  if (minutes > 0 && rk_clock_parse (rk_editor_get_text (self->start_entry), &start))
    {
      int end = MIN (start + minutes, RK_MINUTES_PER_DAY);
      g_autofree char *text = g_strdup_printf ("%02d:%02d", end / 60, end % 60);

      rk_gui_set_text (self->end_entry, end == RK_MINUTES_PER_DAY ? "24:00" : text);
    }
}

GtkWidget *
rk_editor_when_section_get_field (RkEditorWhenSection *self,
                                  const char          *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "date", G_STRUCT_OFFSET (RkEditorWhenSection, date_entry) },
    { "start", G_STRUCT_OFFSET (RkEditorWhenSection, start_entry) },
    { "end", G_STRUCT_OFFSET (RkEditorWhenSection, end_entry) },
    { "repeat", G_STRUCT_OFFSET (RkEditorWhenSection, repeat_dropdown) },
    { "rrule", G_STRUCT_OFFSET (RkEditorWhenSection, rrule_entry) },
    { "repeat_editor", G_STRUCT_OFFSET (RkEditorWhenSection, repeat_editor) },
    { "policy", G_STRUCT_OFFSET (RkEditorWhenSection, policy_dropdown) },
    { "date_error", G_STRUCT_OFFSET (RkEditorWhenSection, time_error) },
    { "time_error", G_STRUCT_OFFSET (RkEditorWhenSection, time_error) },
    { "find_time", G_STRUCT_OFFSET (RkEditorWhenSection, find_time_button) },
  };

  g_return_val_if_fail (RK_IS_EDITOR_WHEN_SECTION (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}

/* ---- signal handlers ---------------------------------------------------- */

static void
on_field_changed (RkEditorWhenSection *self)
{
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

/* The length of start … end as typed, when both are valid. */
static void
note_length (RkEditorWhenSection *self)
{
  int a, b;

  if (rk_clock_parse (rk_editor_get_text (self->start_entry), &a) &&
      rk_clock_parse (rk_editor_get_text (self->end_entry), &b) && b > a)
    self->length = b - a;
}

/* A start moved takes the end along, keeping the length: a class moved from
 * 10:00 to 13:00 still lasts two hours. */
static void
on_start_changed (RkEditorWhenSection *self)
{
  int a;

  if (!rk_editor_section_get_loading (RK_EDITOR_SECTION (self)) && self->length > 0 &&
      rk_clock_parse (rk_editor_get_text (self->start_entry), &a))
    {
      int end = MIN (a + self->length, RK_MINUTES_PER_DAY);
      g_autofree char *text = g_strdup_printf ("%02d:%02d", end / 60, end % 60);

      self->moving_end = TRUE;
      rk_gui_set_text (self->end_entry, end == RK_MINUTES_PER_DAY ? "24:00" : text);
      self->moving_end = FALSE;
    }
  else if (rk_editor_section_get_loading (RK_EDITOR_SECTION (self)))
    note_length (self);
  on_field_changed (self);
}

static void
on_end_changed (RkEditorWhenSection *self)
{
  if (!self->moving_end)
    note_length (self);
  on_field_changed (self);
}

static void
on_date_changed (RkEditorWhenSection *self)
{
  RkDay day;

  if (rk_editor_section_get_loading (RK_EDITOR_SECTION (self)))
    return;
  if (rk_date_parse (rk_editor_get_text (self->date_entry), &day))
    fill_repeat (self, day);
  on_field_changed (self);
}

static void
on_calendar_day_selected (RkEditorWhenSection *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

  rk_gui_set_text (self->date_entry, text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

static void
on_find_time_clicked (RkEditorWhenSection *self)
{
  g_signal_emit (self, signals[FIND_TIME], 0);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_editor_when_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RK_TYPE_EDITOR_WHEN_SECTION);
  G_OBJECT_CLASS (rk_editor_when_section_parent_class)->dispose (object);
}

static void
rk_editor_when_section_class_init (RkEditorWhenSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_editor_when_section_dispose;

  signals[FIND_TIME] = g_signal_new ("find-time", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RK_TYPE_REPEAT_EDITOR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renkei/Renkei/rk-editor-when-section.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkEditorWhenSection, name)
  BIND (date_entry);
  BIND (date_hint);
  BIND (calendar);
  BIND (calendar_button);
  BIND (start_entry);
  BIND (end_entry);
  BIND (time_error);
  BIND (find_time_button);
  BIND (repeat_dropdown);
  BIND (repeat_editor);
  BIND (custom_box);
  BIND (rrule_entry);
  BIND (repeat_label);
  BIND (policy_dropdown);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_find_time_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_editor_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_end_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_rrule_changed);
}

static void
rk_editor_when_section_init (RkEditorWhenSection *self)
{
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), TRUE);
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_editor_section_set_loading (RK_EDITOR_SECTION (self), FALSE);
}
