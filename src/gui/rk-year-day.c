#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <math.h>

#include "rk-gui-util.h"
#include "rk-tooltip.h"
#include "rk-year-day.h"

#define N_CELLS  42
#define N_LEVELS 5
#define MAX_DAY  31
/* A cell's smallest size and corner radius, as the buttons had. */
#define MIN_CELL_WIDTH  22
#define MIN_CELL_HEIGHT 20
#define RADIUS 3.f

/* ---- one day: what a screen reader, the keyboard and the pointer meet --- */

struct _RkYearDay
{
  GtkWidget      parent_instance;

  int            number;          /* 0: outside the month */
  int            level;
  RkYearDayFlags flags;
  const char    *text;            /* one of day_numbers, or NULL */
  char          *a11y;
};

G_DEFINE_FINAL_TYPE (RkYearDay, rk_year_day, GTK_TYPE_WIDGET)

/* A day's text: one string per number, not one per day and year bound. */
static const char * const day_numbers[MAX_DAY + 1] = {
  NULL, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
  "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31"
};

enum { CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RkYearDay       *self)
{
  gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_ACTIVE, FALSE);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RkYearDay       *self)
{
  gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_ACTIVE);
  if (gtk_widget_contains (GTK_WIDGET (self), x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      g_signal_emit (self, signals[CLICKED], 0);
    }
}

static void
on_stopped (GtkGestureClick *gesture,
            RkYearDay       *self)
{
  gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_ACTIVE);
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  g_signal_emit (widget, signals[CLICKED], 0);
  return TRUE;
}

/* The month draws the day; a hover, a press or the focus draw it again. */
static void
rk_year_day_state_flags_changed (GtkWidget     *widget,
                                 GtkStateFlags  previous)
{
  GtkWidget *month = gtk_widget_get_parent (widget);
  GtkStateFlags shown = GTK_STATE_FLAG_PRELIGHT | GTK_STATE_FLAG_ACTIVE |
                        GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED;

  GTK_WIDGET_CLASS (rk_year_day_parent_class)->state_flags_changed (widget, previous);
  if (month && ((gtk_widget_get_state_flags (widget) ^ previous) & shown))
    gtk_widget_queue_draw (month);
}

static void
rk_year_day_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  /* Nothing: the month draws it. */
}

static void
rk_year_day_finalize (GObject *object)
{
  RkYearDay *self = RK_YEAR_DAY (object);

  g_free (self->a11y);
  G_OBJECT_CLASS (rk_year_day_parent_class)->finalize (object);
}

static void
rk_year_day_class_init (RkYearDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rk_year_day_finalize;
  widget_class->snapshot = rk_year_day_snapshot;
  widget_class->state_flags_changed = rk_year_day_state_flags_changed;

  signals[CLICKED] = g_signal_new ("clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "yearday");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Space, 0, activate_cb, NULL);
}

static void
rk_year_day_init (RkYearDay *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  g_signal_connect (click, "stopped", G_CALLBACK (on_stopped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* Outside the month until set. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

const char *
rk_year_day_get_text (RkYearDay *self)
{
  g_return_val_if_fail (RK_IS_YEAR_DAY (self), NULL);
  return self->text ? self->text : "";
}

RkYearDayFlags
rk_year_day_get_flags (RkYearDay *self)
{
  g_return_val_if_fail (RK_IS_YEAR_DAY (self), 0);
  return self->flags;
}

int
rk_year_day_get_level (RkYearDay *self)
{
  g_return_val_if_fail (RK_IS_YEAR_DAY (self), 0);
  return self->level;
}

/* ---- a month: draws its days ------------------------------------------ */

struct _RkYearMonth
{
  GtkWidget             parent_instance;

  RkYearDay            *days[N_CELLS];
  int                   rows;
  int                   alloc_width, alloc_height, alloc_rows;   /* the days' last */
  PangoLayout          *numbers[MAX_DAY + 1];   /* laid out once, for the font */
  PangoFontDescription *font;
  int                   number_width, number_height;
  /* Each number's glyphs, from its layout: the numbers of one colour in
   * a row are drawn as one text node (one node per number was a fifth
   * of the year step's frame, most of it cairo's set-up per node). A
   * row, left to right: cairo composites the glyphs one by one as it did
   * each number's (glyphs that meet the ones before go through a mask,
   * which clips their edges' faintest pixels); a number whose own glyphs
   * meet is drawn alone, as before.
   * glyph_font NULL: not made yet, or the numbers do not share one font
   * in one run (each number drawn from its layout then). */
  PangoFont            *glyph_font;
  gboolean              glyphs_made;
  guint                 glyphs_serial;           /* the Pango context's, when made */
  PangoGlyphInfo        glyphs[MAX_DAY + 1][2];
  int                   n_glyphs[MAX_DAY + 1];
  gboolean              overlaps[MAX_DAY + 1];   /* its glyphs' ink boxes meet */
  int                   glyph_x[MAX_DAY + 1], glyph_y[MAX_DAY + 1];   /* Pango units */
};

G_DEFINE_FINAL_TYPE (RkYearMonth, rk_year_month, GTK_TYPE_WIDGET)

static void
forget_layouts (RkYearMonth *self)
{
  for (int i = 0; i <= MAX_DAY; i++)
    g_clear_object (&self->numbers[i]);
  self->number_width = self->number_height = 0;
  g_clear_object (&self->glyph_font);
  self->glyphs_made = FALSE;
}

static PangoLayout *
number_layout (RkYearMonth *self, int number)
{
  if (self->numbers[number] == NULL)
    {
      char text[4];

      g_snprintf (text, sizeof text, "%d", number);
      self->numbers[number] = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
    }
  return self->numbers[number];
}

/* The widest and tallest number: a cell is never smaller. */
static void
number_size (RkYearMonth *self, int *width, int *height)
{
  if (self->number_height == 0)
    for (int n = 1; n <= MAX_DAY; n++)
      {
        int w, h;

        pango_layout_get_pixel_size (number_layout (self, n), &w, &h);
        self->number_width = MAX (self->number_width, w);
        self->number_height = MAX (self->number_height, h);
      }
  *width = self->number_width;
  *height = self->number_height;
}

static void
month_font_changed (RkYearMonth *self, gboolean forget)
{
  if (rk_gui_font_changed (GTK_WIDGET (self), &self->font, forget))
    {
      forget_layouts (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
rk_year_month_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rk_year_month_parent_class)->css_changed (widget, change);
  month_font_changed (RK_YEAR_MONTH (widget), FALSE);
}

static void
rk_year_month_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (rk_year_month_parent_class)->system_setting_changed (widget, setting);
  month_font_changed (RK_YEAR_MONTH (widget), TRUE);
}

static void
rk_year_month_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RkYearMonth *self = RK_YEAR_MONTH (widget);
  int width, height;

  number_size (self, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 7 * MAX (MIN_CELL_WIDTH, width);
  else
    *minimum = *natural = self->rows * MAX (MIN_CELL_HEIGHT, height);
}

/* Cell c's place: the width and height shared as a homogeneous grid does. */
static void
cell_rect (RkYearMonth *self, int c, int width, int height, graphene_rect_t *rect)
{
  int col = c % 7, row = c / 7;
  int x0 = col * width / 7, x1 = (col + 1) * width / 7;
  int y0 = row * height / self->rows, y1 = (row + 1) * height / self->rows;

  graphene_rect_init (rect, x0, y0, x1 - x0, y1 - y0);
}

static void
rk_year_month_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  RkYearMonth *self = RK_YEAR_MONTH (widget);

  /* A day made focusable or not (a year's step moves the month's first
   * day) queues a resize, which allocates the month again at its size:
   * its days are where they were (42 of them, in each of the twelve
   * months, were ~5 % of a year step's frame). */
  if (width == self->alloc_width && height == self->alloc_height
      && self->rows == self->alloc_rows)
    return;
  self->alloc_width = width;
  self->alloc_height = height;
  self->alloc_rows = self->rows;
  for (int c = 0; c < N_CELLS; c++)
    {
      graphene_rect_t r;

      if (!gtk_widget_get_visible (GTK_WIDGET (self->days[c])))
        continue;
      cell_rect (self, c, width, height, &r);
      gtk_widget_size_allocate (GTK_WIDGET (self->days[c]),
                                &(GtkAllocation) { r.origin.x, r.origin.y, r.size.width,
                                                   r.size.height }, -1);
    }
}

static GdkRGBA
with_alpha (GdkRGBA color, float alpha)
{
  color.alpha *= alpha;
  return color;
}

/* The closing hatch: thin lines at 45°, every 5 px, as style.css had it. */
static void
append_hatch (GtkSnapshot *snapshot, const graphene_rect_t *r, GdkRGBA line)
{
  GdkRGBA clear = with_alpha (line, 0);
  const GskColorStop stops[] = { { 0, line }, { 0.2f, line }, { 0.2f, clear }, { 1, clear } };
  float len = (r->size.width + r->size.height) * (float) M_SQRT1_2;
  graphene_point_t c = GRAPHENE_POINT_INIT (r->origin.x + r->size.width / 2,
                                            r->origin.y + r->size.height / 2);
  graphene_point_t start = GRAPHENE_POINT_INIT (c.x - (len / 2) * (float) M_SQRT1_2,
                                                c.y + (len / 2) * (float) M_SQRT1_2);
  graphene_point_t end = GRAPHENE_POINT_INIT (start.x + 5 * (float) M_SQRT1_2,
                                              start.y - 5 * (float) M_SQRT1_2);

  gtk_snapshot_append_repeating_linear_gradient (snapshot, r, &start, &end, stops,
                                                 G_N_ELEMENTS (stops));
}

/* A shaded day's box: whole-pixel rows, the corners stepped in by two
 * pixels and one (what a 3 px round corner covers at least half of). Each
 * in a rounded clip, the ~250 shaded days of a year were a third of
 * drawing it; a rectangle of whole pixels is drawn at once. */
static void
append_box (GtkSnapshot *snapshot, const graphene_rect_t *r, const GdkRGBA *color)
{
  float x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;

  if (w < 5 || h < 5)
    {
      gtk_snapshot_append_color (snapshot, color, r);
      return;
    }
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x + 2, y, w - 4, 1));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x + 1, y + 1, w - 2, 1));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y + 2, w, h - 4));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x + 1, y + h - 2, w - 2, 1));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x + 2, y + h - 1, w - 4, 1));
}

static void
append_ring (GtkSnapshot *snapshot, const graphene_rect_t *r, float radius, float width,
             GdkRGBA color)
{
  GskRoundedRect ring;
  const GdkRGBA colors[4] = { color, color, color, color };
  const float widths[4] = { width, width, width, width };

  gsk_rounded_rect_init_from_rect (&ring, r, radius);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}

/* Each number's glyphs and where its layout puts them, if all of them are
 * one run of one font (digits always are). */
static gboolean
make_glyphs (RkYearMonth *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  /* The font options changed (another screen's scale): laid out again. */
  if (self->glyphs_made && self->glyphs_serial != pango_context_get_serial (context))
    forget_layouts (self);
  if (self->glyphs_made)
    return self->glyph_font != NULL;
  self->glyphs_made = TRUE;
  for (int n = 1; n <= MAX_DAY; n++)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (number_layout (self, n));
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      int x = 0, k = 0;

      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      self->glyph_y[n] = pango_layout_iter_get_baseline (iter);
      if (run == NULL || run->glyphs->num_glyphs > 2
          || (self->glyph_font && run->item->analysis.font != self->glyph_font)
          || pango_layout_get_line_count (self->numbers[n]) != 1
          || (pango_layout_iter_next_run (iter) && pango_layout_iter_get_run_readonly (iter)))
        {
          pango_layout_iter_free (iter);
          g_clear_object (&self->glyph_font);
          return FALSE;
        }
      if (self->glyph_font == NULL)
        self->glyph_font = g_object_ref (run->item->analysis.font);
      self->glyph_x[n] = logical.x;
      /* Where each glyph is, as pango_cairo_show_glyph_string puts it:
       * the run's advance so far plus its offset. */
      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          PangoGlyphInfo gi = run->glyphs->glyphs[g];

          if (gi.glyph != PANGO_GLYPH_EMPTY)
            {
              gi.geometry.x_offset += x;
              self->glyphs[n][k++] = gi;
            }
          x += gi.geometry.width;
        }
      self->n_glyphs[n] = k;
      self->overlaps[n] = FALSE;
      self->glyphs_serial = pango_context_get_serial (pango_layout_get_context (self->numbers[n]));
      for (int g = 1; g < k; g++)
        {
          PangoRectangle a, b;

          pango_font_get_glyph_extents (self->glyph_font, self->glyphs[n][g - 1].glyph, &a, NULL);
          pango_font_get_glyph_extents (self->glyph_font, self->glyphs[n][g].glyph, &b, NULL);
          if (self->glyphs[n][g].geometry.x_offset + b.x
              <= self->glyphs[n][g - 1].geometry.x_offset + a.x + a.width)
            self->overlaps[n] = TRUE;
        }
      pango_layout_iter_free (iter);
    }
  return TRUE;
}

/* The colours a number is drawn in, for the month's text nodes. */
enum { INK_FG, INK_WHITE, INK_SUNDAY, INK_SATURDAY, N_INKS };

/* Number N's glyphs at (x, y), whole pixels from the month's origin, to
 * ink's glyph string: absolute places, no advance (the layout's own
 * positions, so the pixels are the same). */
static void
add_number_glyphs (RkYearMonth *self, GArray *glyphs, int n, int x, int y)
{
  for (int g = 0; g < self->n_glyphs[n]; g++)
    {
      PangoGlyphInfo gi = self->glyphs[n][g];

      gi.geometry.x_offset += x * PANGO_SCALE + self->glyph_x[n];
      gi.geometry.y_offset += y * PANGO_SCALE + self->glyph_y[n];
      gi.geometry.width = 0;
      g_array_append_val (glyphs, gi);
    }
}

static void
append_glyphs (GtkSnapshot *snapshot, PangoFont *font, GArray *glyphs, const GdkRGBA *color)
{
  PangoGlyphString string = { 0 };
  GskRenderNode *node;

  if (glyphs->len == 0)
    return;
  string.num_glyphs = glyphs->len;
  string.glyphs = (PangoGlyphInfo *) (void *) glyphs->data;
  node = gsk_text_node_new (font, &string, color, &GRAPHENE_POINT_INIT (0, 0));
  if (node)
    {
      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
    }
}

static void
rk_year_month_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  static const float shade[N_LEVELS] = { 0, 0.18f, 0.36f, 0.58f, 0.82f };
  static const GdkRGBA problem = { 0xc6 / 255.f, 0x46 / 255.f, 0, 1 };
  static const GdkRGBA white = { 1, 1, 1, 1 };
  RkYearMonth *self = RK_YEAR_MONTH (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkStyleContext *context;
  GdkRGBA fg, accent, sunday, saturday;
  gboolean batch = make_glyphs (self);
  GArray *inks[N_INKS][6] = { { NULL } };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  accent = rk_gui_named_color (widget, "theme_selected_bg_color", "#3584e4");
  sunday = rk_gui_named_color (widget, "rk_sunday", "#c01c28");
  saturday = rk_gui_named_color (widget, "rk_saturday", "#1c71d8");

  for (int c = 0; c < N_CELLS; c++)
    {
      RkYearDay *day = self->days[c];
      GtkStateFlags state = gtk_widget_get_state_flags (GTK_WIDGET (day));
      graphene_rect_t r;
      GskRoundedRect box;
      PangoLayout *layout;
      GdkRGBA color = fg;
      int w, h, x, y, ink;

      if (day->number == 0 || c / 7 >= self->rows)
        continue;
      cell_rect (self, c, width, height, &r);
      gsk_rounded_rect_init_from_rect (&box, &r, RADIUS);

      /* The shade, then the hatch of a closing day and a hover or a press
       * over it, inside the cell's round corners. */
      if (day->level > 0)
        append_box (snapshot, &r, &(GdkRGBA) { accent.red, accent.green, accent.blue,
                                               accent.alpha * shade[day->level] });
      if ((day->flags & RK_YEAR_DAY_CLOSED)
          || (state & (GTK_STATE_FLAG_PRELIGHT | GTK_STATE_FLAG_ACTIVE)))
        {
          gtk_snapshot_push_rounded_clip (snapshot, &box);
          if (day->flags & RK_YEAR_DAY_CLOSED)
            append_hatch (snapshot, &r, with_alpha (fg, 0.18f));
          if (state & GTK_STATE_FLAG_ACTIVE)
            gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.16f },
                                       &r);
          else if (state & GTK_STATE_FLAG_PRELIGHT)
            gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.07f },
                                       &r);
          gtk_snapshot_pop (snapshot);
        }
      if (day->flags & RK_YEAR_DAY_PROBLEM)
        append_ring (snapshot, &r, RADIUS, 2, problem);
      if (day->flags & RK_YEAR_DAY_TODAY)
        {
          graphene_rect_t out;

          graphene_rect_inset_r (&r, -1, -1, &out);
          append_ring (snapshot, &out, RADIUS + 1, 2, accent);
        }
      if (state & GTK_STATE_FLAG_FOCUS_VISIBLE)
        append_ring (snapshot, &r, RADIUS, 2, with_alpha (accent, 0.5f));

      /* The number, centred: red on Sundays and holidays, blue on other
       * Saturdays, white on the busiest days. */
      ink = INK_FG;
      if (day->level == N_LEVELS - 1)
        color = white, ink = INK_WHITE;
      if (day->flags & (RK_YEAR_DAY_SUNDAY | RK_YEAR_DAY_HOLIDAY))
        color = sunday, ink = INK_SUNDAY;
      else if (day->flags & RK_YEAR_DAY_SATURDAY)
        color = saturday, ink = INK_SATURDAY;
      layout = number_layout (self, day->number);
      pango_layout_get_pixel_size (layout, &w, &h);
      x = r.origin.x + floorf ((r.size.width - w) / 2);
      y = r.origin.y + floorf ((r.size.height - h) / 2);
      if (!batch)
        {
          rk_gui_append_layout (snapshot, layout, x, y, &color);
          continue;
        }
      if (self->overlaps[day->number])
        {
          GArray *alone = g_array_new (FALSE, FALSE, sizeof (PangoGlyphInfo));

          add_number_glyphs (self, alone, day->number, x, y);
          append_glyphs (snapshot, self->glyph_font, alone, &color);
          g_array_unref (alone);
          continue;
        }
      if (inks[ink][c / 7] == NULL)
        inks[ink][c / 7] = g_array_sized_new (FALSE, FALSE, sizeof (PangoGlyphInfo), 16);
      add_number_glyphs (self, inks[ink][c / 7], day->number, x, y);
    }
  /* The numbers above every box and ring, as they were drawn one by one. */
  for (int i = 0; i < N_INKS; i++)
    for (int k = 0; k < 6; k++)
      if (inks[i][k])
        {
          const GdkRGBA *color = i == INK_WHITE ? &white : i == INK_SUNDAY ? &sunday
                               : i == INK_SATURDAY ? &saturday : &fg;

          append_glyphs (snapshot, self->glyph_font, inks[i][k], color);
          g_array_unref (inks[i][k]);
        }
}

static void
rk_year_month_dispose (GObject *object)
{
  RkYearMonth *self = RK_YEAR_MONTH (object);

  for (int c = 0; c < N_CELLS; c++)
    if (self->days[c])
      {
        gtk_widget_unparent (GTK_WIDGET (self->days[c]));
        self->days[c] = NULL;
      }
  forget_layouts (self);
  G_OBJECT_CLASS (rk_year_month_parent_class)->dispose (object);
}

static void
rk_year_month_finalize (GObject *object)
{
  g_clear_pointer (&RK_YEAR_MONTH (object)->font, pango_font_description_free);
  G_OBJECT_CLASS (rk_year_month_parent_class)->finalize (object);
}

static void
rk_year_month_class_init (RkYearMonthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_year_month_dispose;
  object_class->finalize = rk_year_month_finalize;
  widget_class->measure = rk_year_month_measure;
  widget_class->size_allocate = rk_year_month_size_allocate;
  widget_class->snapshot = rk_year_month_snapshot;
  widget_class->css_changed = rk_year_month_css_changed;
  widget_class->system_setting_changed = rk_year_month_system_setting_changed;
  /* Its font (small, bold as buttons' labels) from style.css. */
  gtk_widget_class_set_css_name (widget_class, "yearmonth");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rk_year_month_init (RkYearMonth *self)
{
  self->rows = 6;
  for (int c = 0; c < N_CELLS; c++)
    {
      self->days[c] = g_object_new (RK_TYPE_YEAR_DAY, NULL);
      gtk_widget_set_parent (GTK_WIDGET (self->days[c]), GTK_WIDGET (self));
    }
}

GtkWidget *
rk_year_month_new (void)
{
  return g_object_new (RK_TYPE_YEAR_MONTH, NULL);
}

RkYearDay *
rk_year_month_get_day (RkYearMonth *self,
                       int          cell)
{
  g_return_val_if_fail (RK_IS_YEAR_MONTH (self), NULL);
  g_return_val_if_fail (cell >= 0 && cell < N_CELLS, NULL);
  return self->days[cell];
}

void
rk_year_month_set_rows (RkYearMonth *self,
                        int          rows)
{
  g_return_if_fail (RK_IS_YEAR_MONTH (self));
  g_return_if_fail (rows == 5 || rows == 6);

  if (self->rows == rows)
    return;
  self->rows = rows;
  for (int c = 35; c < N_CELLS; c++)
    gtk_widget_set_visible (GTK_WIDGET (self->days[c]), rows == 6);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rk_year_month_set_day (RkYearMonth   *self,
                       int            cell,
                       int            number,
                       int            level,
                       RkYearDayFlags flags)
{
  RkYearDay *day;

  g_return_if_fail (RK_IS_YEAR_MONTH (self));
  g_return_if_fail (cell >= 0 && cell < N_CELLS && number >= 0 && number <= MAX_DAY);

  day = self->days[cell];
  if (number == 0)
    {
      level = 0, flags = 0;
      rk_year_month_set_day_text (self, cell, NULL);
    }
  if (day->number != number || day->level != level || day->flags != flags)
    {
      day->text = day_numbers[number];
      if ((day->number == 0) != (number == 0))
        {
          gtk_widget_set_sensitive (GTK_WIDGET (day), number != 0);
          gtk_widget_set_focusable (GTK_WIDGET (day), number != 0);
        }
      day->number = number;
      day->level = level;
      day->flags = flags;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
rk_year_month_set_day_text (RkYearMonth *self,
                            int          cell,
                            const char  *a11y)
{
  RkYearDay *day;

  g_return_if_fail (RK_IS_YEAR_MONTH (self));
  g_return_if_fail (cell >= 0 && cell < N_CELLS);

  day = self->days[cell];
  if (g_strcmp0 (day->a11y, a11y) != 0)
    {
      g_free (day->a11y);
      day->a11y = g_strdup (a11y);
      if (a11y)
        gtk_accessible_update_property (GTK_ACCESSIBLE (day), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        a11y, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (day), GTK_ACCESSIBLE_PROPERTY_LABEL);
      rk_tooltip_set_lazy (GTK_WIDGET (day), a11y);
    }
}
