#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-holidays.h"
#include "rk-gui-util.h"
#include "rk-problem.h"
#include "rk-tooltip.h"
#include "rk-year-day.h"
#include "rk-year-view.h"

#define N_MONTHS 12
#define N_CELLS  42
#define N_LEVELS 5
/* The table: the program, the months, the total. */
#define N_COLUMNS (N_MONTHS + 2)

struct _RkYearView
{
  GtkWidget    parent_instance;

  GtkWidget   *scroller;
  GtkWidget   *months_box;                   /* GtkFlowBox of twelve months */
  GtkWidget   *month_titles[N_MONTHS];
  GtkWidget   *months[N_MONTHS];             /* RkYearMonth: draws its days */
  GtkWidget   *table;                        /* programs × months */
  GPtrArray   *table_rows;                   /* GtkWidget *[N_COLUMNS] per row after the heading */
  GtkWidget   *table_title;

  RkMonthData *data;
  int          first_year, first_month;
  RkDay        month_first[N_MONTHS + 1];    /* the 1st of each month, and after */
  GArray      *levels;                       /* int per day of the range */
  GHashTable  *counts;                       /* program id → int[N_MONTHS] */
  int          described;                    /* months described since bound */
  guint        accessible_id;                /* idle describing the rest */
};

G_DEFINE_FINAL_TYPE (RkYearView, rk_year_view, GTK_TYPE_WIDGET)

enum { DAY_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static int
week_start (RkYearView *self)
{
  return self->data ? self->data->week_start : 7;
}

static void
on_day_clicked (RkYearDay  *cell,
                RkYearView *self)
{
  for (int m = 0; m < N_MONTHS; m++)
    for (int c = 0; c < N_CELLS; c++)
      if (rk_year_month_get_day (RK_YEAR_MONTH (self->months[m]), c) == cell)
        {
          int lead = (rk_day_weekday (self->month_first[m]) - week_start (self) + 7) % 7;
          RkDay day = self->month_first[m] + c - lead;

          if (day >= self->month_first[m] && day < self->month_first[m + 1])
            g_signal_emit (self, signals[DAY_ACTIVATED], 0, (guint) day);
          return;
        }
}

/* Every venue closed on DAY (it stops at the first one open). */
static gboolean
closed_everywhere (RkMonthData *data, RkDay day)
{
  GHashTableIter iter;
  gpointer value;

  if (data == NULL || data->schedule == NULL
      || g_hash_table_size (data->schedule->venues) == 0)
    return FALSE;
  g_hash_table_iter_init (&iter, data->schedule->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!rk_venue_closed_on (value, day, NULL))
      return FALSE;
  return TRUE;
}

/* The month's first cell's day and the number of days, for month M. */
static int
month_lead (RkYearView *self, int m, int *n_days)
{
  int year = self->first_year + (self->first_month - 1 + m) / 12;
  int month = (self->first_month - 1 + m) % 12 + 1;

  *n_days = rk_days_in_month (year, month);
  return (rk_day_weekday (self->month_first[m]) - week_start (self) + 7) % 7;
}

/* What a screen reader says for each day (its date, a holiday, where it
 * is closed, its events, problems), made after the frame that shows the
 * year: describing 365 days' closings was a third of a switch. The months
 * are described in main-loop steps of about RK_GUI_STEP_US (all of
 * them in one step was one of the year's longest, ~36 M instructions); a
 * year bound again stops them, and its frame starts them anew. */

static void
describe_month (RkYearView *self, int m, GString *closed)
{
  RkYearMonth *grid = RK_YEAR_MONTH (self->months[m]);
  int n_days, lead = month_lead (self, m, &n_days);

  for (int d = 1; d <= n_days; d++)
    {
      RkDay day = self->month_first[m] + d - 1;
      g_autofree char *a11y = NULL;

      g_string_truncate (closed, 0);
      if (self->data && self->data->schedule)
        rk_month_data_closed_text (self->data, day, closed);
      a11y = rk_day_accessible_text_closed (self->data, day, closed->str);
      if (rk_year_day_get_flags (rk_year_month_get_day (grid, lead + d - 1)) & RK_YEAR_DAY_PROBLEM)
        {
          char *more = g_strconcat (a11y, _(", has problems"), NULL);
          g_free (a11y);
          a11y = more;
        }
      rk_year_month_set_day_text (grid, lead + d - 1, a11y);
    }
}

static gboolean
update_accessible_step (gpointer user_data)
{
  RkYearView *self = user_data;
  g_autoptr(GString) closed = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();

  for (; self->described < N_MONTHS; self->described++)
    {
      if (g_get_monotonic_time () - start >= RK_GUI_STEP_US)
        return G_SOURCE_CONTINUE;
      describe_month (self, self->described, closed);
    }
  self->accessible_id = 0;
  return G_SOURCE_REMOVE;
}

static void
update_accessible (GtkWidget *widget)
{
  RkYearView *self = RK_YEAR_VIEW (widget);

  self->described = 0;
  rk_gui_run_in_steps (&self->accessible_id, update_accessible_step, self);
}

static void
bind_cells (RkYearView *self)
{
  g_autoptr(GHashTable) problem_days = g_hash_table_new (NULL, NULL);

  /* The days are bound again: the last year's description stops. */
  g_clear_handle_id (&self->accessible_id, g_source_remove);

  for (guint i = 0; self->data && i < self->data->problems->len; i++)
    {
      RkDay day;
      if (rk_date_parse (rk_problem_get_date (g_ptr_array_index (self->data->problems, i)), &day))
        g_hash_table_add (problem_days, GUINT_TO_POINTER (day));
    }

  for (int m = 0; m < N_MONTHS; m++)
    {
      int year = self->first_year + (self->first_month - 1 + m) / 12;
      int month = (self->first_month - 1 + m) % 12 + 1;
      RkDay first = self->month_first[m];
      int n_days, lead = month_lead (self, m, &n_days);
      RkYearMonth *grid = RK_YEAR_MONTH (self->months[m]);
      g_autofree char *title = NULL;

      if (rk_locale_is_japanese ())
        title = g_strdup_printf ("%d月", month);
      else
        {
          g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);
          title = g_date_time_format (dt, "%B");
        }
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->month_titles[m])), title) != 0)
        gtk_label_set_text (GTK_LABEL (self->month_titles[m]), title);
      rk_year_month_set_rows (grid, lead + n_days > 35 ? 6 : 5);

      for (int c = 0; c < N_CELLS; c++)
        {
          int d = c - lead + 1;
          RkDay day = first + d - 1;
          RkYearDayFlags flags = 0;
          int level = 0;

          if (d < 1 || d > n_days)
            {
              rk_year_month_set_day (grid, c, 0, 0, 0);
              continue;
            }
          if (self->data)
            level = g_array_index (self->levels, int, day - self->data->grid_first);
          if (rk_holiday_lookup (year, month, d) != NULL)
            flags |= RK_YEAR_DAY_HOLIDAY;
          if (rk_day_weekday (day) == 7)
            flags |= RK_YEAR_DAY_SUNDAY;
          if (rk_day_weekday (day) == 6)
            flags |= RK_YEAR_DAY_SATURDAY;
          if (closed_everywhere (self->data, day))
            flags |= RK_YEAR_DAY_CLOSED;
          if (g_hash_table_contains (problem_days, GUINT_TO_POINTER (day)))
            flags |= RK_YEAR_DAY_PROBLEM;
          if (self->data && day == self->data->today)
            flags |= RK_YEAR_DAY_TODAY;
          rk_year_month_set_day (grid, c, d, level, flags);
        }
    }
  rk_gui_after_frame (GTK_WIDGET (self), update_accessible);
}

static int
compare_program (gconstpointer a, gconstpointer b, gpointer user_data)
{
  RkSchedule *schedule = user_data;
  const gint64 *x = *(gint64 * const *) a, *y = *(gint64 * const *) b;
  RkSProgram *px = g_hash_table_lookup (schedule->programs, x);
  RkSProgram *py = g_hash_table_lookup (schedule->programs, y);
  int c;

  /* Events without a program last. */
  if (px == NULL || py == NULL)
    return (px == NULL) - (py == NULL);
  c = g_utf8_collate (px->name, py->name);
  return c ? c : (*x > *y) - (*x < *y);
}

/* Row `row` of the table (0: the first program), its labels made the
 * first time a year has that many programs and kept afterwards: a year
 * switch sets their texts. */
static GtkWidget **
table_row (RkYearView *self, guint row)
{
  while (self->table_rows->len <= row)
    {
      GtkWidget **labels = g_new0 (GtkWidget *, N_COLUMNS);
      int y = 1 + self->table_rows->len;

      for (int c = 0; c < N_COLUMNS; c++)
        {
          labels[c] = gtk_label_new (NULL);
          if (c == 0)
            {
              gtk_label_set_xalign (GTK_LABEL (labels[c]), 0);
              gtk_label_set_ellipsize (GTK_LABEL (labels[c]), PANGO_ELLIPSIZE_END);
              gtk_label_set_max_width_chars (GTK_LABEL (labels[c]), 24);
            }
          else
            gtk_widget_add_css_class (labels[c], "numeric");
          gtk_grid_attach (GTK_GRID (self->table), labels[c], c, y, 1, 1);
        }
      g_ptr_array_add (self->table_rows, labels);
    }
  return g_ptr_array_index (self->table_rows, row);
}

static void
set_table_text (GtkWidget *label, const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

/* One row: a program's counts (dimmed where none) or, `totals`, the sum
 * of all in bold. */
static void
set_table_row (RkYearView *self, guint row, const char *name, const int *counts, gboolean totals)
{
  GtkWidget **labels = table_row (self, row);
  int total = 0;

  set_table_text (labels[0], name);
  rk_tooltip_set_lazy (labels[0], totals ? NULL : name);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      gtk_widget_set_visible (labels[c], TRUE);
      rk_gui_set_class (labels[c], "heading", totals || c == N_COLUMNS - 1);
    }
  for (int m = 0; m <= N_MONTHS; m++)
    {
      int n = m < N_MONTHS ? counts[m] : total;
      g_autofree char *text = (n || totals || m == N_MONTHS) ? g_strdup_printf ("%d", n)
                                                              : g_strdup ("·");

      set_table_text (labels[1 + m], text);
      rk_gui_set_class (labels[1 + m], "dim-label", !totals && m < N_MONTHS && n == 0);
      if (m < N_MONTHS)
        total += n;
    }
}

static void
fill_table (RkYearView *self)
{
  g_autoptr(GPtrArray) programs = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  int totals[N_MONTHS] = { 0 };
  guint row = 0;

  /* The year shown while it is read: no table yet. Its rows stay as they
   * are for the year read (hiding and showing the ~550 labels of a
   * municipality's programs one by one was a sixth of the switch's
   * frame). */
  gtk_widget_set_visible (self->table, self->data == NULL || !self->data->placeholder);
  if (self->data && self->data->placeholder)
    return;
  for (int m = 0; self->data && m < N_MONTHS; m++)
    {
      int month = (self->first_month - 1 + m) % 12 + 1;
      g_autofree char *text = rk_locale_is_japanese () ? g_strdup_printf ("%d月", month)
                                                       : g_strdup_printf ("%d", month);

      set_table_text (gtk_grid_get_child_at (GTK_GRID (self->table), 1 + m, 0), text);
    }

  if (self->data)
    {
      g_hash_table_iter_init (&iter, self->counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_ptr_array_add (programs, key);
      /* By name, as the programs page lists them. */
      g_ptr_array_sort_with_data (programs, compare_program, self->data->schedule);

      for (; row < programs->len; row++)
        {
          gint64 id = *(gint64 *) g_ptr_array_index (programs, row);
          const int *counts = g_hash_table_lookup (self->counts, &id);
          RkSProgram *program = g_hash_table_lookup (self->data->schedule->programs, &id);

          set_table_row (self, row, program ? program->name : _("Without a program"), counts,
                         FALSE);
          for (int m = 0; m < N_MONTHS; m++)
            totals[m] += counts[m];
        }
      set_table_row (self, row++, _("All programs"), totals, TRUE);
    }
  /* Rows a busier year needed stay for the next one, hidden. */
  for (; row < self->table_rows->len; row++)
    {
      GtkWidget **labels = g_ptr_array_index (self->table_rows, row);

      for (int c = 0; c < N_COLUMNS; c++)
        gtk_widget_set_visible (labels[c], FALSE);
    }
}

void
rk_year_view_set_data (RkYearView  *self,
                       RkMonthData *data,
                       int          first_year,
                       int          first_month)
{
  int max = 0;

  g_return_if_fail (RK_IS_YEAR_VIEW (self));

  if (data)
    rk_month_data_ref (data);
  g_clear_pointer (&self->data, rk_month_data_unref);
  self->data = data;
  self->first_year = first_year;
  self->first_month = first_month;
  for (int m = 0; m <= N_MONTHS; m++)
    self->month_first[m] = rk_day_from_ymd (first_year + (first_month - 1 + m) / 12,
                                            (first_month - 1 + m) % 12 + 1, 1);

  g_hash_table_remove_all (self->counts);
  g_array_set_size (self->levels, 0);
  if (data)
    {
      guint n = data->grid_last - data->grid_first + 1;
      g_autoptr(GArray) per_day = g_array_new (FALSE, TRUE, sizeof (int));

      g_array_set_size (per_day, n);
      for (guint i = 0; i < data->occs->len; i++)
        {
          const RkOcc *occ = &g_array_index (data->occs, RkOcc, i);
          RkDay day = rk_minute_day (occ->start);
          gint64 pid = occ->event->program ? occ->event->program->id : 0;
          int *counts;
          int m;

          if (!rk_occ_is_active (occ) || day < self->month_first[0]
              || day >= self->month_first[N_MONTHS] || day < data->grid_first
              || day > data->grid_last)
            continue;
          g_array_index (per_day, int, day - data->grid_first)++;
          for (m = 0; m < N_MONTHS && day >= self->month_first[m + 1]; m++)
            ;
          counts = g_hash_table_lookup (self->counts, &pid);
          if (counts == NULL)
            {
              counts = g_new0 (int, N_MONTHS);
              g_hash_table_insert (self->counts, g_memdup2 (&pid, sizeof pid), counts);
            }
          counts[m]++;
        }
      for (guint i = 0; i < n; i++)
        max = MAX (max, g_array_index (per_day, int, i));
      g_array_set_size (self->levels, n);
      /* Shades relative to the year's busiest day: a quiet hub and a
       * municipality both see their own peaks. */
      for (guint i = 0; i < n; i++)
        {
          int c = g_array_index (per_day, int, i);
          g_array_index (self->levels, int, i) =
            c == 0 ? 0 : MIN (N_LEVELS - 1, 1 + (c - 1) * (N_LEVELS - 1) / MAX (1, max));
        }
    }
  bind_cells (self);
  fill_table (self);
}

GtkWidget *
rk_year_view_get_day_cell (RkYearView *self,
                           RkDay       day)
{
  g_return_val_if_fail (RK_IS_YEAR_VIEW (self), NULL);

  for (int m = 0; m < N_MONTHS; m++)
    if (day >= self->month_first[m] && day < self->month_first[m + 1])
      {
        int lead = (rk_day_weekday (self->month_first[m]) - week_start (self) + 7) % 7;
        return GTK_WIDGET (rk_year_month_get_day (RK_YEAR_MONTH (self->months[m]),
                                                  lead + (day - self->month_first[m])));
      }
  return NULL;
}

int
rk_year_view_get_count (RkYearView *self,
                        gint64      program_id,
                        guint       month_index)
{
  const int *counts = g_hash_table_lookup (self->counts, &program_id);

  g_return_val_if_fail (month_index < N_MONTHS, -1);
  return counts ? counts[month_index] : -1;
}

int
rk_year_view_get_level (RkYearView *self,
                        RkDay       day)
{
  if (self->data == NULL || day < self->data->grid_first || day > self->data->grid_last)
    return 0;
  return g_array_index (self->levels, int, day - self->data->grid_first);
}

static void
rk_year_view_dispose (GObject *object)
{
  RkYearView *self = RK_YEAR_VIEW (object);

  rk_gui_after_frame_cancel (GTK_WIDGET (self));
  g_clear_handle_id (&self->accessible_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->data, rk_month_data_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->table_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rk_year_view_parent_class)->dispose (object);
}

static void
rk_year_view_class_init (RkYearViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_year_view_dispose;

  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yearview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
build_month (RkYearView *self, int m)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->month_titles[m] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->month_titles[m]), 0);
  gtk_widget_add_css_class (self->month_titles[m], "heading");
  gtk_box_append (GTK_BOX (box), self->month_titles[m]);
  self->months[m] = rk_year_month_new ();
  /* A month of five weeks as tall as one of six, its rows higher. */
  gtk_widget_set_vexpand (self->months[m], TRUE);
  for (int c = 0; c < N_CELLS; c++)
    g_signal_connect (rk_year_month_get_day (RK_YEAR_MONTH (self->months[m]), c), "clicked",
                      G_CALLBACK (on_day_clicked), self);
  gtk_box_append (GTK_BOX (box), self->months[m]);
  return box;
}

static void
rk_year_view_init (RkYearView *self)
{
  /* The months above, the counts below: both get the page's width. */
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  self->levels = g_array_new (FALSE, TRUE, sizeof (int));
  self->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->months_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->months_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->months_box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->months_box), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->months_box), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->months_box), 16);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->months_box), 12);
  gtk_widget_set_valign (self->months_box, GTK_ALIGN_START);
  gtk_widget_set_vexpand (self->months_box, FALSE);
  gtk_widget_set_hexpand (self->months_box, TRUE);
  for (int m = 0; m < N_MONTHS; m++)
    {
      gtk_flow_box_append (GTK_FLOW_BOX (self->months_box), build_month (self, m));
      /* The days are the focus stops, not the month around them. */
      gtk_widget_set_focusable (gtk_widget_get_parent (gtk_widget_get_parent (self->month_titles[m])),
                                FALSE);
    }

  self->table_title = gtk_label_new (_("Occurrences per program and month"));
  gtk_label_set_xalign (GTK_LABEL (self->table_title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->table_title), TRUE);
  gtk_widget_add_css_class (self->table_title, "heading");
  self->table = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->table), 8);
  gtk_grid_set_row_spacing (GTK_GRID (self->table), 4);
  gtk_widget_add_css_class (self->table, "year-counts");
  self->table_rows = g_ptr_array_new_with_free_func (g_free);
  for (int m = 0; m < N_MONTHS; m++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->table), label, 1 + m, 0, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (self->table), gtk_label_new (_("Total")), 1 + N_MONTHS, 0, 1, 1);
  gtk_box_append (GTK_BOX (side), self->table_title);
  gtk_box_append (GTK_BOX (side), self->table);

  gtk_box_append (GTK_BOX (outer), self->months_box);
  gtk_box_append (GTK_BOX (outer), side);
  gtk_widget_set_margin_start (outer, 16);
  gtk_widget_set_margin_end (outer, 16);
  gtk_widget_set_margin_top (outer, 12);
  gtk_widget_set_margin_bottom (outer, 12);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), outer);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year"), -1);
}

GtkWidget *
rk_year_view_new (void)
{
  return g_object_new (RK_TYPE_YEAR_VIEW, NULL);
}
