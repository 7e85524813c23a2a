#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-availability-editor.h"
#include "rk-availability.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"

struct _RkAvailabilityEditor
{
  GtkBox       parent_instance;

  GtkWidget   *summary_label;
  GtkWidget   *pattern_switch;
  GtkWidget   *days_grid;
  GtkWidget   *days[8];          /* 1 Monday … 7 Sunday */
  GtkWidget   *hours_spin;
  GtkWidget   *sessions_spin;
  GtkWidget   *error_label;
  GtkWidget   *save_button;

  RkContext   *context;        /* not held: the page's, which holds this */
  gint64       staff_id;
  int          week_minutes;     /* as loaded: a limit of 16:30 stays so */
  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (RkAvailabilityEditor, rk_availability_editor, GTK_TYPE_BOX)

static const char *
weekday_name (int d)
{
  switch (d)
    {
    case 1: return _("Monday");
    case 2: return _("Tuesday");
    case 3: return _("Wednesday");
    case 4: return _("Thursday");
    case 5: return _("Friday");
    case 6: return _("Saturday");
    default: return _("Sunday");
    }
}

/* "09:00-12:00, 13:00-16:00" as typed (full-width digits, "〜" and "："
 * too) into the windows of weekday d. */
static gboolean
read_day (const char *typed, int d, RkAvailability *a, GError **error)
{
  g_autofree char *norm = g_utf8_normalize (typed, -1, G_NORMALIZE_NFKC);
  g_autoptr(GString) clean = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (RkSWindow));

  for (const char *p = norm ? norm : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x301C || c == 0xFF5E || c == 0x2013 || c == 0x2212)   /* 〜 ～ – − */
        g_string_append_c (clean, '-');
      else if (c == 0x3001)                                             /* 、 */
        g_string_append_c (clean, ',');
      else if (!g_unichar_isspace (c))
        g_string_append_unichar (clean, c);
    }
  if (clean->len == 0)
    return TRUE;
  parts = g_strsplit (clean->str, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      RkSWindow w = { d, 0, 0 };
      g_auto(GStrv) ends = g_strsplit (parts[i], "-", 2);

      /* "9:00" as people write it is "09:00". */
      if (g_strv_length (ends) == 2)
        {
          g_autofree char *a = strlen (ends[0]) == 4 ? g_strconcat ("0", ends[0], NULL)
                                                     : g_strdup (ends[0]);
          g_autofree char *b = strlen (ends[1]) == 4 ? g_strconcat ("0", ends[1], NULL)
                                                     : g_strdup (ends[1]);
          g_free (parts[i]);
          parts[i] = g_strconcat (a, "-", b, NULL);
        }
      if (!rk_clock_range_parse (parts[i], &w.start, &w.end, NULL))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("%s: write the hours as 09:00-12:00 (several with commas), the end "
                         "after the start"),
                       weekday_name (d));
          return FALSE;
        }
      for (guint j = 0; j < seen->len; j++)
        {
          const RkSWindow *o = &g_array_index (seen, RkSWindow, j);

          if (o->start < w.end && w.start < o->end)
            {
              g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                           _("%s: the hours overlap; give each time of day once"),
                           weekday_name (d));
              return FALSE;
            }
        }
      g_array_append_val (seen, w);
    }
  {
    g_autofree char *joined = g_strjoinv (",", parts);

    return rk_availability_set_days (a, (guint8) (1u << d), joined, error);
  }
}

/* The pattern and limits the fields say, or NULL with error. */
static RkAvailability *
read_fields (RkAvailabilityEditor *self, GError **error)
{
  g_autoptr(RkAvailability) a = rk_availability_new ();

  if (gtk_switch_get_active (GTK_SWITCH (self->pattern_switch)))
    {
      for (int d = 1; d <= 7; d++)
        if (!read_day (gtk_editable_get_text (GTK_EDITABLE (self->days[d])), d, a, error))
          return NULL;
      if (a->windows->len == 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Give the hours of at least one day, or turn off “Only at set "
                         "times”"));
          return NULL;
        }
    }
  a->max_week_minutes = 60 * gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->hours_spin));
  if (a->max_week_minutes == self->week_minutes / 60 * 60)
    a->max_week_minutes = self->week_minutes;
  a->max_sessions_month = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->sessions_spin));
  return g_steal_pointer (&a);
}

static void
update_summary (RkAvailabilityEditor *self, const RkAvailability *a)
{
  g_autofree char *text = rk_availability_describe (a);

  gtk_label_set_text (GTK_LABEL (self->summary_label), text);
}

static void
on_changed (RkAvailabilityEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkAvailability) a = NULL;
  gboolean pattern = gtk_switch_get_active (GTK_SWITCH (self->pattern_switch));

  gtk_widget_set_sensitive (self->days_grid, pattern);
  if (self->loading)
    return;
  a = read_fields (self, &error);
  rk_gui_field_error (self->error_label, NULL, error ? error->message : NULL);
  gtk_widget_set_sensitive (self->save_button, a != NULL && self->staff_id > 0);
  if (a)
    update_summary (self, a);
}

static void
fill_day (RkAvailabilityEditor *self, const RkAvailability *a, int d)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < a->windows->len; i++)
    {
      const RkSWindow *w = &g_array_index (a->windows, RkSWindow, i);

      if (w->weekday != d)
        continue;
      g_string_append_printf (text, "%s%02d:%02d-%02d:%02d", text->len ? ", " : "",
                              w->start / 60, w->start % 60, w->end / 60, w->end % 60);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->days[d]), text->str);
}

void
rk_availability_editor_show (RkAvailabilityEditor *self,
                             RkContext            *context,
                             gint64                staff_id,
                             const RkAvailability *pattern)
{
  g_autoptr(RkAvailability) empty = NULL;
  const RkAvailability *a = pattern;

  g_return_if_fail (RK_IS_AVAILABILITY_EDITOR (self));

  self->context = context;
  self->staff_id = staff_id;
  if (a == NULL)
    a = empty = rk_availability_new ();
  self->week_minutes = a->max_week_minutes;
  self->loading = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->pattern_switch), a->windows->len > 0);
  for (int d = 1; d <= 7; d++)
    fill_day (self, a, d);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->hours_spin), a->max_week_minutes / 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->sessions_spin), a->max_sessions_month);
  self->loading = FALSE;
  gtk_widget_set_sensitive (self->days_grid, a->windows->len > 0);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  rk_gui_field_error (self->error_label, NULL, NULL);
  update_summary (self, a);
}

typedef struct
{
  gint64          staff_id;
  RkAvailability *availability;
} Change;

static void
change_free (gpointer p)
{
  Change *c = p;

  rk_availability_free (c->availability);
  g_free (c);
}

/* In the worker thread. */
static gboolean
save_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  Change *c = data;

  return rk_undo_stack_save (undo, RK_UNDO_STAFF, c->staff_id, error) &&
         rk_store_set_availability (store, c->staff_id, c->availability, error);
}

static void
saved (GtkWidget *owner, gpointer data, const GError *error)
{
  RkAvailabilityEditor *self = RK_AVAILABILITY_EDITOR (owner);
  Change *c = data;

  if (c == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  gtk_widget_set_sensitive (self->save_button, FALSE);
  rk_gui_field_error (self->error_label, NULL, NULL);
  update_summary (self, c->availability);
  rk_gui_toast (GTK_WIDGET (self), _("Working pattern saved"), TRUE);
}

gboolean
rk_availability_editor_save (RkAvailabilityEditor *self,
                             GError              **error)
{
  g_autoptr(GError) local = NULL;
  RkAvailability *a;
  Change *c;

  g_return_val_if_fail (RK_IS_AVAILABILITY_EDITOR (self), FALSE);

  a = read_fields (self, &local);
  if (a == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (self->staff_id <= 0 || self->context == NULL)
    {
      rk_availability_free (a);
      return FALSE;
    }
  c = g_new0 (Change, 1);
  c->staff_id = self->staff_id;
  c->availability = a;
  return rk_context_save (self->context, GTK_WIDGET (self), self->save_button, self->days_grid,
                          _("Edit working pattern"), save_change, c, change_free, saved);
}

static void
on_save_clicked (RkAvailabilityEditor *self)
{
  rk_availability_editor_save (self, NULL);
}

GtkWidget *
rk_availability_editor_get_field (RkAvailabilityEditor *self,
                                  const char           *name)
{
  g_return_val_if_fail (RK_IS_AVAILABILITY_EDITOR (self), NULL);

  if (g_str_has_prefix (name, "day:"))
    {
      guint64 d = g_ascii_strtoull (name + 4, NULL, 10);
      return d >= 1 && d <= 7 ? self->days[d] : NULL;
    }
  if (g_strcmp0 (name, "pattern") == 0)
    return self->pattern_switch;
  if (g_strcmp0 (name, "hours_week") == 0)
    return self->hours_spin;
  if (g_strcmp0 (name, "sessions_month") == 0)
    return self->sessions_spin;
  if (g_strcmp0 (name, "save") == 0)
    return self->save_button;
  if (g_strcmp0 (name, "error") == 0)
    return self->error_label;
  if (g_strcmp0 (name, "summary") == 0)
    return self->summary_label;
  return NULL;
}

static void
rk_availability_editor_class_init (RkAvailabilityEditorClass *klass)
{
}

static GtkWidget *
limit_spin (RkAvailabilityEditor *self, int upper)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_changed), self);
  return spin;
}

static GtkWidget *
text_label (const char *text, gboolean dim)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
rk_availability_editor_init (RkAvailabilityEditor *self)
{
  GtkWidget *heading = text_label (_("Working pattern"), FALSE);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *limits = gtk_grid_new ();
  GtkWidget *label;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self), heading);
  self->summary_label = text_label (NULL, TRUE);
  gtk_box_append (GTK_BOX (self), self->summary_label);

  self->pattern_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->pattern_switch, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->pattern_switch, "notify::active", G_CALLBACK (on_changed),
                            self);
  label = text_label (_("Only at set _times (part-time staff, volunteers, nurses on set days)"),
                      FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->pattern_switch);
  gtk_box_append (GTK_BOX (row), self->pattern_switch);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (self), row);

  self->days_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->days_grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (self->days_grid), 8);
  for (int d = 1; d <= 7; d++)
    {
      GtkWidget *day = gtk_label_new (weekday_name (d));
      int col = (d - 1) / 4 * 2, r = (d - 1) % 4;

      gtk_label_set_xalign (GTK_LABEL (day), 1);
      gtk_widget_add_css_class (day, "dim-label");
      self->days[d] = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (self->days[d]), 12);
      gtk_widget_set_hexpand (self->days[d], TRUE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->days[d]), _("not working"));
      gtk_widget_set_tooltip_text (self->days[d],
                                   _("The hours of that day, as 09:00-12:00; several with "
                                     "commas; empty when not working that day"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->days[d]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, weekday_name (d), -1);
      g_signal_connect_swapped (self->days[d], "changed", G_CALLBACK (on_changed), self);
      gtk_grid_attach (GTK_GRID (self->days_grid), day, col, r, 1, 1);
      gtk_grid_attach (GTK_GRID (self->days_grid), self->days[d], col + 1, r, 1, 1);
    }
  gtk_box_append (GTK_BOX (self), self->days_grid);

  gtk_grid_set_row_spacing (GTK_GRID (limits), 4);
  gtk_grid_set_column_spacing (GTK_GRID (limits), 8);
  self->hours_spin = limit_spin (self, 168);
  self->sessions_spin = limit_spin (self, 200);
  label = text_label (_("Up to _hours a week"), FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->hours_spin);
  gtk_grid_attach (GTK_GRID (limits), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (limits), self->hours_spin, 1, 0, 1, 1);
  label = text_label (_("Up to _sessions a month"), FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->sessions_spin);
  gtk_grid_attach (GTK_GRID (limits), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (limits), self->sessions_spin, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (limits), text_label (_("0: no limit"), TRUE), 2, 0, 1, 2);
  gtk_box_append (GTK_BOX (self), limits);

  self->error_label = text_label (NULL, FALSE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (self), self->error_label);

  self->save_button = gtk_button_new_with_mnemonic (_("Save _Pattern"));
  gtk_widget_set_halign (self->save_button, GTK_ALIGN_START);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_box_append (GTK_BOX (self), self->save_button);
}
