#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "rk-event-chip.h"
#include "rk-gui-util.h"
#include "rk-holidays.h"
#include "rk-lanes.h"
#include "rk-time-grid.h"

#define MIN_HOUR_HEIGHT 28.0
#define RESIZE_EDGE 7.0

typedef struct
{
  guint     col;
  RkMinute  start, end;    /* clipped to the day */
  guint     lane, n_lanes;
  graphene_rect_t box;     /* where its chip was placed, drawn by the grid */
} Block;

typedef enum
{
  DRAG_NONE,
  DRAG_CREATE,
  DRAG_RESIZE,
} DragMode;

struct _RkTimeGrid
{
  GtkWidget    parent_instance;

  RkMonthData *data;
  RkDay        first;
  guint        n_days;
  double       hour_height;

  GPtrArray   *pool;        /* RkEventChip, reused */
  GArray      *blocks;      /* Block, block i shown by pool[i] */
  GArray      *keys;        /* guint64 per pool chip: what it showed last (chip_key) */

  DragMode     drag;
  guint        drag_col;
  double       drag_x0, drag_y0, drag_y1;
  int          drag_block;  /* resize: index into blocks */
  double       press_dy;    /* where in a block the pointer took it */

  gboolean     drop_active;
  double       drop_x, drop_y;
  RkMinute     drop_length;

  /* What the snapshot draws each time, found once: the hours' labels
   * (until the font changes) and which days are closed everywhere (until
   * the data changes). */
  PangoLayout *hour_layouts[24];
  PangoFontDescription *font;
  GArray      *closed_days;   /* gboolean per shown day */
};

G_DEFINE_FINAL_TYPE (RkTimeGrid, rk_time_grid, GTK_TYPE_WIDGET)

static double
col_width (RkTimeGrid *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)) - RK_TIME_GRID_GUTTER;

  return self->n_days ? MAX (1.0, (double) w / self->n_days) : 1.0;
}

static double
minute_y (RkTimeGrid *self, int minute_of_day)
{
  return minute_of_day * self->hour_height / 60.0;
}

static RkMinute
snap (double minutes)
{
  RkMinute m = (RkMinute) (minutes / RK_TIME_GRID_SNAP + 0.5) * RK_TIME_GRID_SNAP;

  return CLAMP (m, 0, RK_MINUTES_PER_DAY);
}

static int
col_at (RkTimeGrid *self, double x)
{
  int col;

  if (x < RK_TIME_GRID_GUTTER || self->n_days == 0)
    return -1;
  col = (int) ((x - RK_TIME_GRID_GUTTER) / col_width (self));
  return col < (int) self->n_days ? col : -1;
}

gboolean
rk_time_grid_minute_at (RkTimeGrid *self,
                        double      x,
                        double      y,
                        RkMinute   *minute)
{
  int col = col_at (self, x);

  if (col < 0)
    return FALSE;
  *minute = rk_minute_make (self->first + col, (int) snap (y * 60.0 / self->hour_height));
  return TRUE;
}

static int
block_at (RkTimeGrid *self, double x, double y)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *b = &g_array_index (self->blocks, Block, i);

      if (graphene_rect_contains_point (&b->box, &GRAPHENE_POINT_INIT (x, y)))
        return (int) i;
    }
  return -1;
}

/* ---- data --------------------------------------------------------------- */

/* A block's series and weekday (in a grid of one day, its series). */
static guint64
chip_key (RkTimeGrid *self, const Block *b, const RkOcc *occ)
{
  guint weekday = self->n_days > 1 ? (guint) rk_day_weekday (self->first + b->col) : 0;

  return ((guint64) occ->event->id << 3) | weekday;
}

/* Orders the pool so that each block is shown by the chip that showed the
 * same series on the same weekday last (a week or a day before, or before
 * the empty grid shown while the data was read), where there is one: its
 * texts are the same and often its place, so GTK lays out fewer labels
 * again (a week of the benchmark municipality is ~290 blocks, ~80 % of
 * them matched a week on: a quarter less layout per move). */
static void
match_chips (RkTimeGrid *self, GArray *occ_of_block)
{
  guint n = self->pool->len;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree GtkWidget **chips = g_new0 (GtkWidget *, n);
  g_autofree guint64 *keys = g_new0 (guint64, n);
  g_autofree gboolean *taken = g_new0 (gboolean, n);
  guint next = 0;

  for (guint i = 0; i < n; i++)
    {
      guint64 *key = &g_array_index (self->keys, guint64, i);

      if (*key != 0 && !g_hash_table_contains (by_key, key))
        g_hash_table_insert (by_key, key, GUINT_TO_POINTER (i + 1));
    }
  for (guint j = 0; j < self->blocks->len; j++)
    {
      guint64 key = chip_key (self, &g_array_index (self->blocks, Block, j),
                              g_array_index (occ_of_block, const RkOcc *, j));
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, &key));

      keys[j] = key;
      if (i > 0 && !taken[i - 1])
        {
          chips[j] = g_ptr_array_index (self->pool, i - 1);
          taken[i - 1] = TRUE;
        }
    }
  for (guint j = 0; j < n; j++)
    {
      if (chips[j])
        continue;
      while (taken[next])
        next++;
      chips[j] = g_ptr_array_index (self->pool, next);
      taken[next] = TRUE;
      /* A chip without a block keeps what it showed, for a later match. */
      if (j >= self->blocks->len)
        keys[j] = g_array_index (self->keys, guint64, next);
    }
  g_hash_table_remove_all (by_key);
  for (guint j = 0; j < n; j++)
    {
      self->pool->pdata[j] = chips[j];
      g_array_index (self->keys, guint64, j) = keys[j];
    }
}

static void
update_accessible (GtkWidget *widget)
{
  RkTimeGrid *self = RK_TIME_GRID (widget);

  for (guint i = 0; i < self->blocks->len; i++)
    rk_event_chip_update_accessible (g_ptr_array_index (self->pool, i));
}

void
rk_time_grid_set_data (RkTimeGrid  *self,
                       RkMonthData *data,
                       RkDay        first,
                       guint        n_days)
{
  g_autoptr(GArray) occ_of_block = g_array_new (FALSE, FALSE, sizeof (const RkOcc *));
  g_autoptr(GArray) lanes = g_array_new (FALSE, FALSE, sizeof (RkLaneItem));

  g_return_if_fail (RK_IS_TIME_GRID (self));

  if (data)
    rk_month_data_ref (data);
  g_clear_pointer (&self->data, rk_month_data_unref);
  self->data = data;
  self->first = first;
  self->n_days = n_days;
  g_array_set_size (self->blocks, 0);
  g_array_set_size (self->closed_days, n_days);
  for (guint c = 0; c < n_days; c++)
    {
      g_autoptr(GString) closed = g_string_new (NULL);
      guint n_closed = data ? rk_month_data_closed_text (data, first + c, closed) : 0;

      g_array_index (self->closed_days, gboolean, c) =
        n_closed > 0 && n_closed == g_hash_table_size (data->schedule->venues);
    }

  for (guint c = 0; data && c < n_days; c++)
    {
      GArray *idx = rk_month_data_day_occs (data, first + c);

      for (guint i = 0; idx && i < idx->len; i++)
        {
          const RkOcc *occ = &g_array_index (data->occs, RkOcc, g_array_index (idx, guint, i));
          Block b = { c, 0, 0, 0, 1, GRAPHENE_RECT_INIT (0, 0, 0, 0) };
          RkMinute day_start = rk_minute_make (first + c, 0);

          if (rk_occ_is_all_day (occ) || occ->status == RK_OCC_SKIPPED)
            continue;
          b.start = MAX (occ->start, day_start) - day_start;
          b.end = MIN (occ->end, day_start + RK_MINUTES_PER_DAY) - day_start;
          g_array_append_val (self->blocks, b);
          g_array_append_val (occ_of_block, occ);
        }
    }

  /* Lanes per day: the blocks of a day are in start order already. */
  for (guint i = 0; i < self->blocks->len;)
    {
      guint j = i;
      Block *blocks = (Block *) self->blocks->data;

      while (j < self->blocks->len && blocks[j].col == blocks[i].col)
        j++;
      g_array_set_size (lanes, j - i);
      for (guint k = i; k < j; k++)
        {
          RkLaneItem *item = &g_array_index (lanes, RkLaneItem, k - i);
          item->start = blocks[k].start;
          item->end = blocks[k].end;
        }
      rk_lanes_assign ((RkLaneItem *) lanes->data, lanes->len, 30);
      for (guint k = i; k < j; k++)
        {
          blocks[k].lane = g_array_index (lanes, RkLaneItem, k - i).lane;
          blocks[k].n_lanes = g_array_index (lanes, RkLaneItem, k - i).n_lanes;
        }
      i = j;
    }

  while (self->pool->len < self->blocks->len)
    {
      GtkWidget *chip = rk_event_chip_new ();
      guint64 none = 0;

      rk_event_chip_set_block (RK_EVENT_CHIP (chip), TRUE);
      /* Laid out and drawn by the grid: GTK measuring and drawing ~290
       * chips of a week was most of a move. */
      rk_event_chip_set_drawn_by_parent (RK_EVENT_CHIP (chip), TRUE);
      gtk_widget_set_parent (chip, GTK_WIDGET (self));
      g_ptr_array_add (self->pool, chip);
      g_array_append_val (self->keys, none);
    }
  match_chips (self, occ_of_block);
  for (guint i = 0; i < self->pool->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->pool, i);

      if (i < self->blocks->len)
        rk_event_chip_bind (RK_EVENT_CHIP (chip), data,
                            g_array_index (occ_of_block, const RkOcc *, i));
      gtk_widget_set_visible (chip, i < self->blocks->len);
    }
  self->drag = DRAG_NONE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* What a screen reader says for each block, after the frame. */
  rk_gui_after_frame (GTK_WIDGET (self), update_accessible);
}

void
rk_time_grid_fit_hours (RkTimeGrid *self,
                        double      page,
                        int         hours)
{
  double hh = MAX (MIN_HOUR_HEIGHT, floor (page / hours));

  if (hh == self->hour_height)
    return;
  self->hour_height = hh;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The minute of the day the line across today's column stands at: the
 * clock of the database's time zone, as today's date is, not the
 * machine's (a desktop set to UTC showed 23:00 in the morning). */
int
rk_time_grid_get_now (RkTimeGrid *self)
{
  const char *tz = self->data && self->data->schedule ? self->data->schedule->timezone : NULL;

  return rk_minute_of_day (rk_now (tz));
}

double
rk_time_grid_get_hour_height (RkTimeGrid *self)
{
  return self->hour_height;
}

GtkWidget *
rk_time_grid_find_block (RkTimeGrid *self,
                         gint64      event_id,
                         RkDay       orig_date)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      RkEventChip *chip = g_ptr_array_index (self->pool, i);

      if (rk_event_chip_get_event_id (chip) == event_id
          && rk_event_chip_get_orig_date (chip) == orig_date)
        return GTK_WIDGET (chip);
    }
  return NULL;
}

/* ---- layout and drawing ------------------------------------------------- */

static void
rk_time_grid_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RkTimeGrid *self = RK_TIME_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = RK_TIME_GRID_GUTTER + 7 * 36;
      *natural = RK_TIME_GRID_GUTTER + 7 * 120;
    }
  else
    *minimum = *natural = (int) ceil (24 * self->hour_height);
}

static void
block_rect (RkTimeGrid *self, const Block *b, graphene_rect_t *r)
{
  double cw = col_width (self);
  double lane_w = (cw - 6) / MAX (1, b->n_lanes);
  double y0 = minute_y (self, (int) b->start);
  double y1 = minute_y (self, (int) b->end);

  r->origin.x = RK_TIME_GRID_GUTTER + b->col * cw + 1 + b->lane * lane_w;
  r->origin.y = y0 + 1;
  r->size.width = MAX (8, lane_w - 2);
  r->size.height = MAX (self->hour_height / 2 - 2, y1 - y0 - 2);
}

static void
rk_time_grid_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  RkTimeGrid *self = RK_TIME_GRID (widget);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->pool, i);
      const Block *b = &g_array_index (self->blocks, Block, i);
      graphene_rect_t r;
      double height;

      block_rect (self, b, &r);
      height = r.size.height;
      if (self->drag == DRAG_RESIZE && self->drag_block == (int) i)
        height = MAX (self->hour_height / 4, self->drag_y1 - r.origin.y);
      /* A short block has its time and title on one line, its content
       * clipped to its own length. */
      rk_event_chip_set_block_compact (RK_EVENT_CHIP (chip), height < 38);
      graphene_rect_init (&g_array_index (self->blocks, Block, i).box, (int) r.origin.x,
                          (int) r.origin.y, (int) r.size.width, (int) height);
      gtk_widget_size_allocate (chip,
                                &(GtkAllocation) { (int) r.origin.x, (int) r.origin.y,
                                                   (int) r.size.width, (int) height },
                                -1);
    }
}

static void
append_line (GtkSnapshot *snapshot, const GdkRGBA *color, double x, double y, double w, double h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
rk_time_grid_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RkTimeGrid *self = RK_TIME_GRID (widget);
  int w = gtk_widget_get_width (widget);
  double cw = col_width (self);
  GdkRGBA fg, line, faint, tint_today, tint_holiday, tint_closed, now_color, accent;
  graphene_rect_t view;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg; line.alpha = 0.15;
  faint = fg; faint.alpha = 0.06;
  gdk_rgba_parse (&tint_today, "rgba(53,132,228,0.08)");
  gdk_rgba_parse (&tint_holiday, "rgba(224,27,36,0.05)");
  gdk_rgba_parse (&tint_closed, "rgba(119,118,123,0.16)");
  gdk_rgba_parse (&now_color, "#e01b24");
  gdk_rgba_parse (&accent, "rgba(53,132,228,0.35)");

  if (rk_gui_font_changed (widget, &self->font, FALSE))
    for (int h = 0; h < 24; h++)
      g_clear_object (&self->hour_layouts[h]);
  /* Only what is in the scrolled window's view (redrawn on a scroll). */
  if (!gtk_widget_get_parent (widget)
      || !gtk_widget_compute_bounds (gtk_widget_get_parent (widget), widget, &view))
    graphene_rect_init (&view, 0, 0, w, gtk_widget_get_height (widget));

  for (guint c = 0; self->data && c < self->n_days; c++)
    {
      RkDay day = self->first + c;
      double x = RK_TIME_GRID_GUTTER + c * cw;
      int wd = rk_day_weekday (day);

      if (c < self->closed_days->len && g_array_index (self->closed_days, gboolean, c))
        {
          /* Closed everywhere: hatched, as in the month grid. */
          graphene_rect_t r = GRAPHENE_RECT_INIT (x, 0, cw, 24 * self->hour_height);
          GdkRGBA clear = faint;
          const float k = (float) M_SQRT1_2;

          clear.alpha = 0;
          gtk_snapshot_append_color (snapshot, &tint_closed, &r);
          /* Lines 1 px wide every 14 px across, at 45°. */
          gtk_snapshot_append_repeating_linear_gradient (
            snapshot, &r, &GRAPHENE_POINT_INIT (x, 0), &GRAPHENE_POINT_INIT (x + 14 * k * k, 14 * k * k),
            (GskColorStop[]) { { 0, faint }, { 1 / 14.f * (float) G_SQRT2, faint },
                               { 1 / 14.f * (float) G_SQRT2, clear }, { 1, clear } }, 4);
        }
      else if (day == self->data->today)
        gtk_snapshot_append_color (snapshot, &tint_today,
                                   &GRAPHENE_RECT_INIT (x, 0, cw, 24 * self->hour_height));
      else if (wd == 7 || rk_is_holiday_day (day))
        gtk_snapshot_append_color (snapshot, &tint_holiday,
                                   &GRAPHENE_RECT_INIT (x, 0, cw, 24 * self->hour_height));
      append_line (snapshot, &line, x, 0, 1, 24 * self->hour_height);
    }

  for (int h = 0; h <= 24; h++)
    {
      double y = minute_y (self, h * 60);
      PangoLayout *layout;
      int lw, lh;

      append_line (snapshot, &line, RK_TIME_GRID_GUTTER - 6, y, w - RK_TIME_GRID_GUTTER + 6, 1);
      if (h < 24 && self->hour_height >= 36)
        append_line (snapshot, &faint, RK_TIME_GRID_GUTTER, y + self->hour_height / 2,
                     w - RK_TIME_GRID_GUTTER, 1);
      if (h == 0 || h == 24)
        continue;
      if (self->hour_layouts[h] == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%d:00", h);

          self->hour_layouts[h] = gtk_widget_create_pango_layout (widget, text);
        }
      layout = self->hour_layouts[h];
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (RK_TIME_GRID_GUTTER - 10 - lw, y - lh / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->pool, i);
      graphene_rect_t r;

      const Block *b = &g_array_index (self->blocks, Block, i);

      block_rect (self, b, &r);
      if (self->drag == DRAG_RESIZE
          || graphene_rect_intersection (&r, &view, NULL))
        rk_event_chip_draw (RK_EVENT_CHIP (chip), snapshot, &b->box, 1);
    }

  /* Where a drag would put a new event, or a moved one. */
  if (self->drag == DRAG_CREATE)
    {
      double y0 = minute_y (self, (int) snap (MIN (self->drag_y0, self->drag_y1) * 60.0
                                              / self->hour_height));
      double y1 = minute_y (self, (int) snap (MAX (self->drag_y0, self->drag_y1) * 60.0
                                              / self->hour_height));
      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (RK_TIME_GRID_GUTTER + self->drag_col * cw + 1,
                                                      y0, cw - 2, MAX (4, y1 - y0)));
    }
  if (self->drop_active)
    {
      int col = col_at (self, self->drop_x);
      double y = minute_y (self, (int) snap ((self->drop_y - self->press_dy) * 60.0
                                             / self->hour_height));

      if (col >= 0)
        gtk_snapshot_append_color (snapshot, &accent,
                                   &GRAPHENE_RECT_INIT (RK_TIME_GRID_GUTTER + col * cw + 1, y,
                                                        cw - 2,
                                                        minute_y (self, (int) self->drop_length)));
    }

  /* Now, across today's column. */
  if (self->data && self->data->today >= self->first
      && self->data->today < self->first + self->n_days)
    {
      double y = minute_y (self, rk_time_grid_get_now (self));
      double x = RK_TIME_GRID_GUTTER + (self->data->today - self->first) * cw;
      GskRoundedRect dot;

      append_line (snapshot, &now_color, x, y - 1, cw, 2);
      gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x - 4, y - 4, 8, 8), 4);
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      gtk_snapshot_append_color (snapshot, &now_color, &GRAPHENE_RECT_INIT (x - 4, y - 4, 8, 8));
      gtk_snapshot_pop (snapshot);
    }
}

/* ---- gestures ----------------------------------------------------------- */

static void
retime (RkTimeGrid *self, guint block, RkMinute start, RkMinute end)
{
  RkEventChip *chip = g_ptr_array_index (self->pool, block);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.retime-occurrence", "(xuxx)",
                              rk_event_chip_get_event_id (chip),
                              (guint32) rk_event_chip_get_orig_date (chip), (gint64) start,
                              (gint64) end);
}

static void
on_press_capture (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  RkTimeGrid      *self)
{
  int b = block_at (self, x, y);

  /* Remember where the block was taken, so that a drop puts its top where
   * the top of what is dragged is. */
  self->press_dy = 0;
  self->drop_length = 60;
  if (b >= 0)
    {
      GtkWidget *chip = g_ptr_array_index (self->pool, b);
      const RkOcc *occ = rk_event_chip_get_occ (RK_EVENT_CHIP (chip));
      graphene_rect_t r;

      if (gtk_widget_compute_bounds (chip, GTK_WIDGET (self), &r))
        self->press_dy = y - r.origin.y;
      if (occ)
        self->drop_length = occ->end - occ->start;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_resize_begin (GtkGestureDrag *gesture,
                 double          x,
                 double          y,
                 RkTimeGrid     *self)
{
  int b = block_at (self, x, y);
  graphene_rect_t r;

  if (b < 0 || !gtk_widget_compute_bounds (g_ptr_array_index (self->pool, b), GTK_WIDGET (self),
                                           &r)
      || y < r.origin.y + r.size.height - RESIZE_EDGE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag = DRAG_RESIZE;
  self->drag_block = b;
  self->drag_y0 = self->drag_y1 = y;
}

static void
on_resize_update (GtkGestureDrag *gesture,
                  double          dx,
                  double          dy,
                  RkTimeGrid     *self)
{
  if (self->drag != DRAG_RESIZE)
    return;
  self->drag_y1 = self->drag_y0 + dy;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_resize_end (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               RkTimeGrid     *self)
{
  const Block *b;
  RkEventChip *chip;
  const RkOcc *occ;
  RkMinute end;

  if (self->drag != DRAG_RESIZE)
    return;
  self->drag = DRAG_NONE;
  b = &g_array_index (self->blocks, Block, self->drag_block);
  chip = g_ptr_array_index (self->pool, self->drag_block);
  occ = rk_event_chip_get_occ (chip);
  end = snap ((minute_y (self, (int) b->end) + dy) * 60.0 / self->hour_height);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (occ == NULL || end <= b->start || end == b->end)
    return;
  retime (self, self->drag_block, occ->start,
          rk_minute_make (self->first + b->col, (int) end));
}

static void
on_create_begin (GtkGestureDrag *gesture,
                 double          x,
                 double          y,
                 RkTimeGrid     *self)
{
  int col = col_at (self, x);

  if (col < 0 || block_at (self, x, y) >= 0 || self->data == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag = DRAG_CREATE;
  self->drag_col = col;
  self->drag_x0 = x;
  self->drag_y0 = self->drag_y1 = y;
}

static void
on_create_update (GtkGestureDrag *gesture,
                  double          dx,
                  double          dy,
                  RkTimeGrid     *self)
{
  if (self->drag != DRAG_CREATE)
    return;
  if (ABS (dy) > 3)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_y1 = self->drag_y0 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_create_end (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               RkTimeGrid     *self)
{
  RkMinute a, b;
  RkDay day;

  if (self->drag != DRAG_CREATE)
    return;
  self->drag = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (ABS (dy) <= 3)
    return;
  a = snap (MIN (self->drag_y0, self->drag_y1) * 60.0 / self->hour_height);
  b = snap (MAX (self->drag_y0, self->drag_y1) * 60.0 / self->hour_height);
  if (b <= a)
    b = a + RK_TIME_GRID_SNAP;
  day = self->first + self->drag_col;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.new-event-at", "(xx)",
                              (gint64) rk_minute_make (day, (int) a),
                              (gint64) rk_minute_make (day, (int) b));
}

static void
on_double_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RkTimeGrid      *self)
{
  RkMinute start;

  if (n_press != 2 || block_at (self, x, y) >= 0 || !rk_time_grid_minute_at (self, x, y, &start))
    return;
  /* The hour clicked in, an hour long. */
  start -= rk_minute_of_day (start) % 60;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.new-event-at", "(xx)", (gint64) start,
                              (gint64) (start + 60));
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                RkTimeGrid    *self)
{
  self->drop_active = TRUE;
  self->drop_x = x;
  self->drop_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget *target,
               RkTimeGrid    *self)
{
  self->drop_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RkTimeGrid    *self)
{
  gint64 event_id;
  RkDay orig_date;
  RkMinute start;
  const RkOcc *occ;

  self->drop_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->data == NULL
      || !rk_event_chip_parse_payload (g_value_get_string (value), &event_id, &orig_date)
      || !rk_time_grid_minute_at (self, x, y - self->press_dy, &start))
    return FALSE;
  occ = rk_month_data_find (self->data, event_id, orig_date);
  if (occ == NULL)
    return FALSE;
  if (start == occ->start)
    return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.retime-occurrence", "(xuxx)", event_id,
                              (guint32) orig_date, (gint64) start,
                              (gint64) (start + (occ->end - occ->start)));
  return TRUE;
}

/* Alt+arrows move the focused block a quarter of an hour or a day. */
static gboolean
on_key (GtkEventControllerKey *key,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        RkTimeGrid            *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  RkMinute delta;
  const RkOcc *occ;

  if (!(state & GDK_ALT_MASK) || !RK_IS_EVENT_CHIP (focus)
      || gtk_widget_get_parent (focus) != GTK_WIDGET (self))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up: delta = -RK_TIME_GRID_SNAP; break;
    case GDK_KEY_Down: delta = RK_TIME_GRID_SNAP; break;
    case GDK_KEY_Left: delta = -RK_MINUTES_PER_DAY; break;
    case GDK_KEY_Right: delta = RK_MINUTES_PER_DAY; break;
    default: return FALSE;
    }
  occ = rk_event_chip_get_occ (RK_EVENT_CHIP (focus));
  if (occ == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.retime-occurrence", "(xuxx)",
                              occ->event->id, (guint32) occ->orig_date,
                              (gint64) (occ->start + delta), (gint64) (occ->end + delta));
  return TRUE;
}

static void
rk_time_grid_dispose (GObject *object)
{
  RkTimeGrid *self = RK_TIME_GRID (object);

  rk_gui_after_frame_cancel (GTK_WIDGET (self));
  if (self->pool)
    {
      for (guint i = 0; i < self->pool->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->pool, i));
      g_clear_pointer (&self->pool, g_ptr_array_unref);
    }
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->data, rk_month_data_unref);
  g_clear_pointer (&self->closed_days, g_array_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  for (int h = 0; h < 24; h++)
    g_clear_object (&self->hour_layouts[h]);
  G_OBJECT_CLASS (rk_time_grid_parent_class)->dispose (object);
}

static void
rk_time_grid_class_init (RkTimeGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_time_grid_dispose;
  widget_class->measure = rk_time_grid_measure;
  widget_class->size_allocate = rk_time_grid_size_allocate;
  widget_class->snapshot = rk_time_grid_snapshot;
  gtk_widget_class_set_css_name (widget_class, "timegrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rk_time_grid_init (RkTimeGrid *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *press, *resize, *create, *dbl;
  GtkDropTarget *drop;
  GtkEventController *key;

  self->pool = g_ptr_array_new ();
  self->keys = g_array_new (FALSE, TRUE, sizeof (guint64));
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->closed_days = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->hour_height = 48;
  /* Its blocks take the focus, not the grid: the viewport scrolls what has
   * the focus into view, and the whole day focused scrolled 07:00 off to
   * 00:00 on a click on empty time or an arrow from the headings. */
  gtk_widget_set_focusable (widget, FALSE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  press = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_press_capture), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (press));

  resize = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (resize), GTK_PHASE_CAPTURE);
  g_signal_connect (resize, "drag-begin", G_CALLBACK (on_resize_begin), self);
  g_signal_connect (resize, "drag-update", G_CALLBACK (on_resize_update), self);
  g_signal_connect (resize, "drag-end", G_CALLBACK (on_resize_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (resize));

  create = gtk_gesture_drag_new ();
  g_signal_connect (create, "drag-begin", G_CALLBACK (on_create_begin), self);
  g_signal_connect (create, "drag-update", G_CALLBACK (on_create_update), self);
  g_signal_connect (create, "drag-end", G_CALLBACK (on_create_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (create));

  dbl = gtk_gesture_click_new ();
  g_signal_connect (dbl, "pressed", G_CALLBACK (on_double_click), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (dbl));

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (widget, key);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time grid"), -1);
}

GtkWidget *
rk_time_grid_new (void)
{
  return g_object_new (RK_TYPE_TIME_GRID, NULL);
}
