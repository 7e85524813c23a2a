#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rk-editor-section.h"
#include "rk-gui-util.h"
#include "rk-holidays.h"
#include "rk-month-data.h"
#include "rk-recurrence.h"
#include "rk-repeat-editor.h"

/* How many dates the preview lists. */
#define PREVIEW_DATES 6

enum { UNIT_DAYS, UNIT_WEEKS, UNIT_MONTHS };
enum { MONTHLY_DAY, MONTHLY_NTH, MONTHLY_LAST };

struct _RkRepeatEditor
{
  GtkWidget  parent_instance;

  GtkWidget *pattern_box;
  GtkWidget *interval;          /* GtkSpinButton */
  GtkWidget *unit;              /* GtkDropDown: days, weeks, months */
  GtkWidget *weekday_box;
  GtkWidget *weekdays[7];       /* GtkToggleButton, Monday … Sunday */
  GtkWidget *monthly;           /* GtkDropDown: day D, nth weekday, last weekday */
  GtkWidget *ends;              /* GtkDropDown */
  GtkWidget *until;             /* GtkEntry, YYYY-MM-DD */
  GtkWidget *count;             /* GtkSpinButton */
  GtkWidget *preview;           /* GtkLabel */

  RkDay      day;
  int        fiscal_start;
  gboolean   loading;           /* no "changed" while filled from code */
  char      *preview_text;
};

G_DEFINE_FINAL_TYPE (RkRepeatEditor, rk_repeat_editor, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
changed (RkRepeatEditor *self)
{
  gboolean weekly = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit)) == UNIT_WEEKS;
  gboolean monthly = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit)) == UNIT_MONTHS;
  RkRepeatEnds ends = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->ends));

  gtk_widget_set_visible (self->weekday_box, weekly);
  gtk_widget_set_visible (self->monthly, monthly);
  gtk_widget_set_visible (self->until, ends == RK_REPEAT_ENDS_ON_DATE);
  gtk_widget_set_visible (self->count, ends == RK_REPEAT_ENDS_AFTER);
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The monthly choices, worded for the first date: "on the 15th", "on the
 * second Thursday", "on the last Thursday" (only when it is the last). */
static void
fill_monthly (RkRepeatEditor *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->monthly));
  gboolean japanese = rk_locale_is_japanese ();
  gboolean last = FALSE;
  int d;
  gboolean was = self->loading;

  if (self->day == 0)
    return;
  rk_day_to_ymd (self->day, NULL, NULL, &d);
  rk_day_weekday_nth (self->day, &last);
  {
    g_autofree char *text = g_strdup_printf (_("On day %d"), d);
    gtk_string_list_append (list, text);
  }
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *rule = rk_rrule_build_monthly_weekday (self->day, pass == 1, 1, 0);
      g_autofree char *words = rk_rrule_describe (rule, rk_minute_make (self->day, 0), japanese);

      if (pass == 1 && !last)
        break;
      gtk_string_list_append (list, words);
    }
  self->loading = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->monthly), G_LIST_MODEL (list));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_list_model_get_n_items (G_LIST_MODEL (list)))
    selected = selected == MONTHLY_LAST ? MONTHLY_NTH : MONTHLY_DAY;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->monthly), selected);
  self->loading = was;
}

void
rk_repeat_editor_set_day (RkRepeatEditor *self,
                          RkDay           day)
{
  g_return_if_fail (RK_IS_REPEAT_EDITOR (self));

  if (day == self->day)
    return;
  self->day = day;
  fill_monthly (self);
  /* A weekly rule with no weekday chosen yet is on the first date's. */
  {
    gboolean any = FALSE;

    for (int i = 0; i < 7; i++)
      any |= gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->weekdays[i]));
    if (!any && day)
      {
        gboolean was = self->loading;

        self->loading = TRUE;
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->weekdays[rk_day_weekday (day) - 1]),
                                      TRUE);
        self->loading = was;
      }
  }
}

void
rk_repeat_editor_set_fiscal_start (RkRepeatEditor *self,
                                   int             month)
{
  g_return_if_fail (RK_IS_REPEAT_EDITOR (self));
  self->fiscal_start = CLAMP (month, 1, 12);
}

void
rk_repeat_editor_set_pattern_visible (RkRepeatEditor *self,
                                      gboolean        visible)
{
  g_return_if_fail (RK_IS_REPEAT_EDITOR (self));
  gtk_widget_set_visible (self->pattern_box, visible);
}

/* ---- rule text ---------------------------------------------------------- */

char *
rk_repeat_editor_get_pattern (RkRepeatEditor *self)
{
  int interval = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->interval));

  g_return_val_if_fail (RK_IS_REPEAT_EDITOR (self), NULL);

  switch (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit)))
    {
    case UNIT_DAYS:
      return rk_rrule_build_daily (interval, 0);
    case UNIT_WEEKS:
      {
        int days[7], n = 0;

        for (int i = 0; i < 7; i++)
          if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->weekdays[i])))
            days[n++] = i + 1;
        if (n == 0)
          return NULL;
        return rk_rrule_build_weekly (days, n, interval, 0);
      }
    case UNIT_MONTHS:
    default:
      {
        guint mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->monthly));

        if (self->day == 0)
          return NULL;
        if (mode == MONTHLY_NTH || mode == MONTHLY_LAST)
          return rk_rrule_build_monthly_weekday (self->day, mode == MONTHLY_LAST, interval, 0);
        return rk_rrule_build_monthly_day (self->day, interval, 0);
      }
    }
}

/* The last day of the fiscal year the first date is in: 31 March for a
 * year from April. */
static RkDay
fiscal_year_end (RkRepeatEditor *self)
{
  int y, m, d;

  rk_day_to_ymd (self->day, &y, &m, &d);
  if (m < self->fiscal_start)
    y--;
  return rk_day_add_months (rk_day_from_ymd (y, self->fiscal_start, 1), 12) - 1;
}

/* The end goes last, as the rules of the simple choices and of series
 * edits have it, so that an unchanged rule reads the same. */
char *
rk_repeat_editor_apply_end (RkRepeatEditor *self,
                            const char     *rule,
                            char          **error)
{
  RkDay until = 0;
  int count = 0;

  g_return_val_if_fail (RK_IS_REPEAT_EDITOR (self), NULL);

  *error = NULL;
  if (rule == NULL)
    return NULL;
  switch (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->ends)))
    {
    case RK_REPEAT_ENDS_ON_DATE:
      if (!rk_date_parse (rk_editor_get_text (self->until), &until))
        {
          *error = g_strdup (_("Write the last date as YYYY-MM-DD, for example 2027-03-31"));
          return NULL;
        }
      if (self->day && until < self->day)
        {
          *error = g_strdup (_("The last date must not be before the first"));
          return NULL;
        }
      break;
    case RK_REPEAT_ENDS_FISCAL_YEAR:
      until = fiscal_year_end (self);
      break;
    default:
      break;
    }
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->ends)) == RK_REPEAT_ENDS_AFTER)
    count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->count));
  return rk_rrule_with_end (rule, until, count);
}

RkRepeatEnds
rk_repeat_editor_get_ends (RkRepeatEditor *self)
{
  g_return_val_if_fail (RK_IS_REPEAT_EDITOR (self), RK_REPEAT_ENDS_NEVER);
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (self->ends));
}

gboolean
rk_repeat_editor_set_rule (RkRepeatEditor *self,
                           const char     *rrule)
{
  RkRruleChoices c;
  gboolean was = self->loading;

  g_return_val_if_fail (RK_IS_REPEAT_EDITOR (self), FALSE);

  if (rrule == NULL || *rrule == '\0')
    return FALSE;
  rk_rrule_read_choices (rrule, self->day, &c);

  self->loading = TRUE;
  /* The end, whatever the pattern. */
  if (c.count > 0)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->ends), RK_REPEAT_ENDS_AFTER);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count), c.count);
    }
  else if (c.until)
    {
      g_autofree char *text = rk_date_format (c.until);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->ends),
                                  self->day && c.until == fiscal_year_end (self)
                                  ? RK_REPEAT_ENDS_FISCAL_YEAR : RK_REPEAT_ENDS_ON_DATE);
      rk_gui_set_text (self->until, text);
    }
  else
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->ends), RK_REPEAT_ENDS_NEVER);

  if (c.exact)
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->interval), c.interval);
      switch (c.freq)
        {
        case RK_RRULE_FREQ_DAILY:
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->unit), UNIT_DAYS);
          break;
        case RK_RRULE_FREQ_WEEKLY:
          for (int i = 0; i < 7; i++)
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->weekdays[i]),
                                          (c.weekdays & (1u << (i + 1))) != 0);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->unit), UNIT_WEEKS);
          break;
        case RK_RRULE_FREQ_MONTHLY:
        default:
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->unit), UNIT_MONTHS);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->monthly),
                                      c.monthly == RK_RRULE_MONTHLY_NTH ? MONTHLY_NTH
                                      : c.monthly == RK_RRULE_MONTHLY_LAST ? MONTHLY_LAST
                                      : MONTHLY_DAY);
          break;
        }
    }
  self->loading = was;
  changed (self);
  return c.exact;
}

/* ---- preview ------------------------------------------------------------ */

void
rk_repeat_editor_preview (RkRepeatEditor *self,
                          const char     *rule,
                          RkMinute        dtstart)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean japanese = rk_locale_is_japanese ();
  RkDay first = rk_minute_day (dtstart);

  g_return_if_fail (RK_IS_REPEAT_EDITOR (self));

  if (rule && rk_rrule_expand (rule, dtstart, first, first + 3 * 366, starts, NULL))
    {
      guint n = MIN (starts->len, PREVIEW_DATES);

      for (guint i = 0; i < n; i++)
        {
          RkDay day = rk_minute_day (g_array_index (starts, RkMinute, i));
          g_autofree char *title = rk_day_title (day);
          const RkHoliday *holiday;
          int y, m, d;

          rk_day_to_ymd (day, &y, &m, &d);
          holiday = rk_holiday_lookup (y, m, d);
          if (i > 0)
            g_string_append (text, _(", "));
          if (holiday)
            /* TRANSLATORS: a date of the preview that is a national holiday */
            g_string_append_printf (text, _("%s (holiday: %s)"), title,
                                    japanese ? holiday->name_ja : holiday->name_en);
          else
            g_string_append (text, title);
        }
      if (starts->len > n)
        g_string_append (text, _(", …"));
      if (starts->len == 0)
        g_string_append (text, _("No date falls on this rule"));
    }
  g_free (self->preview_text);
  self->preview_text = text->len ? g_strdup_printf (_("Next: %s"), text->str) : NULL;
  gtk_label_set_text (GTK_LABEL (self->preview), self->preview_text ? self->preview_text : "");
  gtk_widget_set_visible (self->preview, self->preview_text != NULL);
}

const char *
rk_repeat_editor_get_preview_text (RkRepeatEditor *self)
{
  g_return_val_if_fail (RK_IS_REPEAT_EDITOR (self), NULL);
  return self->preview_text;
}

GtkWidget *
rk_repeat_editor_get_field (RkRepeatEditor *self,
                            const char     *name)
{
  g_return_val_if_fail (RK_IS_REPEAT_EDITOR (self), NULL);

  if (g_str_has_prefix (name, "weekday-"))
    {
      int i = atoi (name + 8);
      return i >= 1 && i <= 7 ? self->weekdays[i - 1] : NULL;
    }
  if (g_str_equal (name, "interval"))
    return self->interval;
  if (g_str_equal (name, "unit"))
    return self->unit;
  if (g_str_equal (name, "monthly"))
    return self->monthly;
  if (g_str_equal (name, "ends"))
    return self->ends;
  if (g_str_equal (name, "until"))
    return self->until;
  if (g_str_equal (name, "count"))
    return self->count;
  return NULL;
}

/* ---- class -------------------------------------------------------------- */

static void
rk_repeat_editor_dispose (GObject *object)
{
  RkRepeatEditor *self = RK_REPEAT_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->preview_text, g_free);
  G_OBJECT_CLASS (rk_repeat_editor_parent_class)->dispose (object);
}

static void
rk_repeat_editor_class_init (RkRepeatEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_repeat_editor_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "repeateditor");
}

static GtkWidget *
labelled (GtkWidget *box, const char *text, GtkWidget *widget)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return widget;
}

static void
rk_repeat_editor_init (RkRepeatEditor *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  const char *units[] = { N_("days"), N_("weeks"), N_("months"), NULL };
  const char *ends[] = { N_("Never ends"), N_("Ends on a date"), N_("Ends after a number of times"),
                         N_("Ends with the fiscal year (年度末)"), NULL };
  g_autoptr(GtkStringList) unit_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) end_list = gtk_string_list_new (NULL);
  GtkWidget *row, *end_row;

  self->fiscal_start = 4;
  self->loading = TRUE;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (layout, 6);

  /* Every [N] [weeks] on [Mo Tu …] / [on the second Thursday]. */
  self->pattern_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->pattern_box, GTK_WIDGET (self));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->pattern_box), row);
  for (guint i = 0; units[i]; i++)
    gtk_string_list_append (unit_list, _(units[i]));
  self->interval = labelled (row, C_("repeat", "Every"), gtk_spin_button_new_with_range (1, 99, 1));
  self->unit = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (unit_list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->unit), UNIT_WEEKS);
  gtk_box_append (GTK_BOX (row), self->unit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Repeat unit"), -1);

  self->weekday_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->weekday_box, "linked");
  gtk_box_append (GTK_BOX (self->pattern_box), self->weekday_box);
  /* Sunday first, as the month grid and the calendars on the wall. */
  for (int k = 0; k < 7; k++)
    {
      int i = (k + 6) % 7;        /* Sunday (index 6), Monday … Saturday */
      g_autoptr(GDateTime) dt = g_date_time_new_local (2026, 11, 2 + i, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%a");
      g_autofree char *full = g_date_time_format (dt, "%A");

      self->weekdays[i] = gtk_toggle_button_new_with_label (name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->weekdays[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      if (i == 6)
        gtk_widget_add_css_class (self->weekdays[i], "sunday");
      else if (i == 5)
        gtk_widget_add_css_class (self->weekdays[i], "saturday");
      gtk_box_append (GTK_BOX (self->weekday_box), self->weekdays[i]);
      g_signal_connect_swapped (self->weekdays[i], "toggled", G_CALLBACK (changed), self);
    }
  self->monthly = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_halign (self->monthly, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->monthly), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Day of the month"), -1);
  gtk_box_append (GTK_BOX (self->pattern_box), self->monthly);

  /* Ends [never ▾] [2027-03-31] [12] */
  end_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (end_row, GTK_WIDGET (self));
  for (guint i = 0; ends[i]; i++)
    gtk_string_list_append (end_list, _(ends[i]));
  self->ends = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (end_list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ends), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("End of the series"), -1);
  gtk_box_append (GTK_BOX (end_row), self->ends);
  self->until = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->until), "2027-03-31");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->until), 11);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->until), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Last date"), -1);
  gtk_box_append (GTK_BOX (end_row), self->until);
  self->count = gtk_spin_button_new_with_range (1, 999, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count), 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of times"), -1);
  gtk_box_append (GTK_BOX (end_row), self->count);

  self->preview = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->preview), 0);
  gtk_label_set_wrap (GTK_LABEL (self->preview), TRUE);
  gtk_widget_add_css_class (self->preview, "dim-label");
  gtk_widget_set_parent (self->preview, GTK_WIDGET (self));

  g_signal_connect_swapped (self->interval, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->unit, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->monthly, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->ends, "notify::selected", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->until, "changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->count, "value-changed", G_CALLBACK (changed), self);
  changed (self);
  self->loading = FALSE;
}

GtkWidget *
rk_repeat_editor_new (void)
{
  return g_object_new (RK_TYPE_REPEAT_EDITOR, NULL);
}
