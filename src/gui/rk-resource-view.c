#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "rk-event-chip.h"
#include "rk-gui-util.h"
#include "rk-holidays.h"
#include "rk-lanes.h"
#include "rk-resource-view.h"
#include "rk-roles.h"

#define NAME_WIDTH   176
#define HEADER_H     40
#define GROUP_H      26
#define LANE_H       30
#define FIRST_HOUR   7
#define LAST_HOUR    21

typedef struct
{
  RkResourceRowKind  kind;
  gint64             id;
  char              *label;
  const RkSVenue    *venue;      /* rooms: for closing days */
  double             y, h;
  guint              n_lanes;
} Row;

typedef struct
{
  guint        row;
  const RkOcc *occ;
  RkMinute     start, end;       /* within the shown days */
  guint        lane, n_lanes;
  gboolean     clash;
} Block;

#define RK_TYPE_RESOURCE_GRID (rk_resource_grid_get_type ())
G_DECLARE_FINAL_TYPE (RkResourceGrid, rk_resource_grid, RK, RESOURCE_GRID, GtkWidget)

struct _RkResourceGrid
{
  GtkWidget       parent_instance;

  RkResourceKind  kind;
  RkMonthData    *data;
  RkDay           first;
  guint           n_days;
  gint64          venue_id;
  int             first_hour, last_hour;

  GArray         *rows;          /* Row */
  GArray         *blocks;        /* Block; block i shown by pool[i] */
  GPtrArray      *pool;

  gboolean        drop_active;
  double          drop_y;

  /* Kept across days: the rows' names and the headers' texts laid out
   * (text → PangoLayout, bold ones under a leading "b"), and the names'
   * collation keys the rows are sorted by (name → key). Laying out ~300
   * names and collating them again at each day was most of a move. */
  GHashTable     *layouts;
  GHashTable     *collate_keys;
  PangoFontDescription *font;
};

struct _RkResourceView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  RkResourceGrid *grid;
};

G_DEFINE_FINAL_TYPE (RkResourceGrid, rk_resource_grid, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (RkResourceView, rk_resource_view, GTK_TYPE_WIDGET)

static void
row_clear (gpointer data)
{
  g_free (((Row *) data)->label);
}

/* ---- geometry ----------------------------------------------------------- */

static int
n_hours (RkResourceGrid *self)
{
  return self->last_hour - self->first_hour;
}

static double
day_width (RkResourceGrid *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)) - NAME_WIDTH;

  return self->n_days ? MAX (1.0, (double) w / self->n_days) : 1.0;
}

/* The x of a minute of one of the shown days (clamped to its day's span). */
static double
minute_x (RkResourceGrid *self, RkMinute t)
{
  RkDay day = rk_minute_day (t);
  int m = rk_minute_of_day (t);
  double dw = day_width (self);
  double span = n_hours (self) * 60.0;
  double into;

  if (day < self->first)
    return NAME_WIDTH;
  if (day >= self->first + self->n_days)
    return NAME_WIDTH + self->n_days * dw;
  into = CLAMP (m - self->first_hour * 60.0, 0, span);
  return NAME_WIDTH + (day - self->first) * dw + into / span * dw;
}

static int
row_at (RkResourceGrid *self, double y)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *r = &g_array_index (self->rows, Row, i);
      if (y >= r->y && y < r->y + r->h)
        return (int) i;
    }
  return -1;
}

/* ---- rows --------------------------------------------------------------- */

/* A name's collation key, made once for the grid. */
static const char *
collate_key (RkResourceGrid *self, const char *name)
{
  char *key = g_hash_table_lookup (self->collate_keys, name);

  if (key == NULL)
    {
      key = g_utf8_collate_key (name, -1);
      g_hash_table_insert (self->collate_keys, g_strdup (name), key);
    }
  return key;
}

static int
compare_names (RkResourceGrid *self, const char *a, const char *b, gint64 x, gint64 y)
{
  int c = strcmp (collate_key (self, a), collate_key (self, b));

  return c ? c : (x > y) - (x < y);
}

static int
compare_venue (gconstpointer a, gconstpointer b, gpointer self)
{
  const RkSVenue *x = *(RkSVenue * const *) a, *y = *(RkSVenue * const *) b;

  return compare_names (self, x->name, y->name, x->id, y->id);
}

static int
compare_room (gconstpointer a, gconstpointer b, gpointer self)
{
  const RkSRoom *x = *(RkSRoom * const *) a, *y = *(RkSRoom * const *) b;

  return compare_names (self, x->name, y->name, x->id, y->id);
}

static int
compare_equipment (gconstpointer a, gconstpointer b, gpointer self)
{
  const RkSEquipment *x = *(RkSEquipment * const *) a, *y = *(RkSEquipment * const *) b;

  return compare_names (self, x->name, y->name, x->id, y->id);
}

static int
compare_staff (gconstpointer a, gconstpointer b, gpointer self)
{
  const RkSStaff *x = *(RkSStaff * const *) a, *y = *(RkSStaff * const *) b;

  if (x->role != y->role)
    return x->role < y->role ? -1 : 1;
  return compare_names (self, x->kana && *x->kana ? x->kana : x->name,
                        y->kana && *y->kana ? y->kana : y->name, x->id, y->id);
}

static void
add_row (RkResourceGrid *self, RkResourceRowKind kind, gint64 id, const char *label,
         const RkSVenue *venue)
{
  Row row = { kind, id, g_strdup (label), venue, 0, 0, 1 };

  g_array_append_val (self->rows, row);
}

static GPtrArray *
hash_values (RkResourceGrid *self, GHashTable *table, GCompareDataFunc compare)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, value);
  g_ptr_array_sort_with_data (out, compare, self);
  return out;
}

static void
build_rows (RkResourceGrid *self)
{
  RkSchedule *s = self->data->schedule;

  g_array_set_size (self->rows, 0);
  if (self->kind == RK_RESOURCE_ROOMS)
    {
      g_autoptr(GPtrArray) venues = hash_values (self, s->venues, compare_venue);
      g_autoptr(GPtrArray) rooms = hash_values (self, s->rooms, compare_room);
      g_autoptr(GPtrArray) equipment = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer value;

      for (guint v = 0; v < venues->len; v++)
        {
          RkSVenue *venue = g_ptr_array_index (venues, v);
          gboolean any = FALSE;

          if (self->venue_id && venue->id != self->venue_id)
            continue;
          for (guint r = 0; r < rooms->len; r++)
            {
              RkSRoom *room = g_ptr_array_index (rooms, r);

              if (room->venue != venue)
                continue;
              if (!any)
                add_row (self, RK_RESOURCE_ROW_GROUP, venue->id, venue->name, venue);
              any = TRUE;
              add_row (self, RK_RESOURCE_ROW_ROOM, room->id, room->name, venue);
            }
        }

      g_hash_table_iter_init (&iter, s->equipment);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          RkSEquipment *e = value;
          if (self->venue_id == 0 || e->venue_id == 0 || e->venue_id == self->venue_id)
            g_ptr_array_add (equipment, e);
        }
      if (equipment->len > 0)
        {
          add_row (self, RK_RESOURCE_ROW_GROUP, 0, _("Equipment"), NULL);
          g_ptr_array_sort_with_data (equipment, compare_equipment, self);
          for (guint i = 0; i < equipment->len; i++)
            {
              RkSEquipment *e = g_ptr_array_index (equipment, i);
              add_row (self, RK_RESOURCE_ROW_EQUIPMENT, e->id, e->name, NULL);
            }
        }
    }
  else
    {
      g_autoptr(GPtrArray) staff = hash_values (self, s->staff, compare_staff);
      int role = -1;

      for (guint i = 0; i < staff->len; i++)
        {
          RkSStaff *p = g_ptr_array_index (staff, i);

          if (!p->active)
            continue;
          if ((int) p->role != role)
            {
              role = p->role;
              add_row (self, RK_RESOURCE_ROW_GROUP, role, rk_role_label (p->role), NULL);
            }
          add_row (self, RK_RESOURCE_ROW_STAFF, p->id, p->name, NULL);
        }
    }
}

static int
find_row (RkResourceGrid *self, RkResourceRowKind kind, gint64 id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *r = &g_array_index (self->rows, Row, i);
      if (r->kind == kind && r->id == id)
        return (int) i;
    }
  return -1;
}

static void
add_block (RkResourceGrid *self, int row, const RkOcc *occ)
{
  RkMinute from = rk_minute_make (self->first, 0);
  RkMinute to = rk_minute_make (self->first + self->n_days, 0);
  Block b = { 0 };

  if (row < 0)
    return;
  b.row = row;
  b.occ = occ;
  b.start = MAX (occ->start, from);
  b.end = MIN (MAX (occ->end, occ->start + 1), to);
  g_array_append_val (self->blocks, b);
}

static int
compare_block (gconstpointer a, gconstpointer b)
{
  const Block *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

static void
build_blocks (RkResourceGrid *self)
{
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) lanes = g_array_new (FALSE, FALSE, sizeof (RkLaneItem));
  RkMinute from = rk_minute_make (self->first, 0);
  RkMinute to = rk_minute_make (self->first + self->n_days, 0);
  int first_hour = FIRST_HOUR, last_hour = LAST_HOUR;

  g_array_set_size (self->blocks, 0);
  for (guint i = 0; i < self->data->occs->len; i++)
    {
      const RkOcc *occ = &g_array_index (self->data->occs, RkOcc, i);

      if (!rk_occ_is_active (occ) || occ->end <= from || occ->start >= to)
        continue;
      if (!rk_occ_is_all_day (occ))
        {
          /* The hours shown stretch to what happens that day. */
          first_hour = MIN (first_hour, MAX (rk_minute_day (occ->start) < self->first
                                             ? 0 : rk_minute_of_day (occ->start) / 60, 0));
          last_hour = MAX (last_hour, rk_minute_day (occ->end - 1) > rk_minute_day (occ->start)
                                      ? 24 : (rk_minute_of_day (occ->end) + 59) / 60);
        }
      if (self->kind == RK_RESOURCE_ROOMS)
        {
          GArray *eq = occ->event->equipment;

          if (occ->event->room)
            add_block (self, find_row (self, RK_RESOURCE_ROW_ROOM, occ->event->room->id), occ);
          for (guint e = 0; eq && e < eq->len; e++)
            add_block (self, find_row (self, RK_RESOURCE_ROW_EQUIPMENT,
                                       g_array_index (eq, gint64, e)), occ);
        }
      else
        {
          g_array_set_size (staff, 0);
          rk_occ_staff (occ, staff);
          for (guint s = 0; s < staff->len; s++)
            add_block (self, find_row (self, RK_RESOURCE_ROW_STAFF,
                                       g_array_index (staff, gint64, s)), occ);
        }
    }
  self->first_hour = first_hour;
  self->last_hour = MAX (last_hour, first_hour + 1);

  g_array_sort (self->blocks, compare_block);
  for (guint i = 0; i < self->blocks->len;)
    {
      Block *blocks = (Block *) self->blocks->data;
      guint j = i;

      while (j < self->blocks->len && blocks[j].row == blocks[i].row)
        j++;
      g_array_set_size (lanes, j - i);
      for (guint k = i; k < j; k++)
        {
          RkLaneItem *item = &g_array_index (lanes, RkLaneItem, k - i);
          item->start = blocks[k].start;
          item->end = blocks[k].end;
        }
      rk_lanes_assign ((RkLaneItem *) lanes->data, lanes->len, 1);
      for (guint k = i; k < j; k++)
        {
          blocks[k].lane = g_array_index (lanes, RkLaneItem, k - i).lane;
          blocks[k].n_lanes = g_array_index (lanes, RkLaneItem, k - i).n_lanes;
          /* Two bookings at once in one room, one person or one piece of
           * equipment: the double booking a board is there to show. */
          blocks[k].clash = blocks[k].n_lanes > 1;
          g_array_index (self->rows, Row, blocks[k].row).n_lanes =
            MAX (g_array_index (self->rows, Row, blocks[k].row).n_lanes, blocks[k].n_lanes);
        }
      i = j;
    }

  /* Row heights from their lanes. */
  {
    double y = HEADER_H;

    for (guint i = 0; i < self->rows->len; i++)
      {
        Row *r = &g_array_index (self->rows, Row, i);

        r->y = y;
        r->h = r->kind == RK_RESOURCE_ROW_GROUP ? GROUP_H : 6 + r->n_lanes * LANE_H;
        y += r->h;
      }
  }
}

static void
grid_set_data (RkResourceGrid *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    g_array_index (self->rows, Row, i).n_lanes = 1;
  g_array_set_size (self->blocks, 0);
  if (self->data)
    {
      build_rows (self);
      build_blocks (self);
    }
  else
    g_array_set_size (self->rows, 0);

  while (self->pool->len < self->blocks->len)
    {
      GtkWidget *chip = rk_event_chip_new ();

      /* One line in a row: time and title, what does not fit cut off. */
      rk_event_chip_set_title_lines (RK_EVENT_CHIP (chip), 1);
      gtk_widget_set_overflow (chip, GTK_OVERFLOW_HIDDEN);
      gtk_widget_set_parent (chip, GTK_WIDGET (self));
      g_ptr_array_add (self->pool, chip);
    }
  for (guint i = 0; i < self->pool->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->pool, i);

      if (i < self->blocks->len)
        {
          const Block *b = &g_array_index (self->blocks, Block, i);

          rk_event_chip_bind (RK_EVENT_CHIP (chip), self->data, b->occ);
          if (b->clash)
            gtk_widget_add_css_class (chip, "clash");
          else
            gtk_widget_remove_css_class (chip, "clash");
        }
      gtk_widget_set_visible (chip, i < self->blocks->len);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- widget ------------------------------------------------------------- */

static void
rk_resource_grid_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RkResourceGrid *self = RK_RESOURCE_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NAME_WIDTH + self->n_days * (self->n_days > 1 ? 60 : n_hours (self) * 24);
      *natural = NAME_WIDTH + self->n_days * (self->n_days > 1 ? 150 : n_hours (self) * 64);
    }
  else
    {
      double h = HEADER_H;

      for (guint i = 0; i < self->rows->len; i++)
        h += g_array_index (self->rows, Row, i).h;
      *minimum = *natural = (int) ceil (h);
    }
}

static void
rk_resource_grid_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RkResourceGrid *self = RK_RESOURCE_GRID (widget);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *b = &g_array_index (self->blocks, Block, i);
      const Row *r = &g_array_index (self->rows, Row, b->row);
      GtkWidget *chip = g_ptr_array_index (self->pool, i);
      double x0 = minute_x (self, b->start), x1 = minute_x (self, b->end);
      double w = MAX (24, x1 - x0 - 2);

      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_measure (chip, GTK_ORIENTATION_VERTICAL, (int) w, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (chip,
                                &(GtkAllocation) { (int) x0 + 1,
                                                   (int) (r->y + 3 + b->lane * LANE_H),
                                                   (int) w, LANE_H - 4 },
                                -1);
    }
}

/* TEXT laid out once (until the font changes), ellipsized at MAX_W. */
static PangoLayout *
text_layout (RkResourceGrid *self, const char *text, gboolean bold)
{
  g_autofree char *key = g_strconcat (bold ? "b" : "r", text, NULL);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  if (layout == NULL)
    {
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      if (bold)
        {
          PangoAttrList *attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
        }
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static void
append_text (RkResourceGrid *self, GtkSnapshot *snapshot, const char *text, double x, double y,
             double max_w, const GdkRGBA *color, gboolean bold)
{
  PangoLayout *layout = text_layout (self, text, bold);
  int width = (int) (max_w * PANGO_SCALE);

  if (pango_layout_get_width (layout) != width)
    pango_layout_set_width (layout, width);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
shade (GtkSnapshot *snapshot, const GdkRGBA *fill, const GdkRGBA *hatch, double x, double y,
       double w, double h)
{
  if (w <= 0 || h <= 0)
    return;
  gtk_snapshot_append_color (snapshot, fill, &GRAPHENE_RECT_INIT (x, y, w, h));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, y, w, h));
  for (double s = -h; s < w; s += 10)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + s, y));
      gtk_snapshot_rotate (snapshot, 45);
      gtk_snapshot_append_color (snapshot, hatch, &GRAPHENE_RECT_INIT (0, 0, 1, h * 1.5));
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}

static void
rk_resource_grid_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RkResourceGrid *self = RK_RESOURCE_GRID (widget);
  int w = gtk_widget_get_width (widget);
  double dw = day_width (self);
  GdkRGBA fg, line, faint, group_bg, closed, hatch, away, accent, holiday;
  gboolean japanese = rk_locale_is_japanese ();
  graphene_rect_t view;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg; line.alpha = 0.15;
  faint = fg; faint.alpha = 0.06;
  group_bg = fg; group_bg.alpha = 0.05;
  hatch = fg; hatch.alpha = 0.18;
  gdk_rgba_parse (&closed, "rgba(119,118,123,0.14)");
  gdk_rgba_parse (&away, "rgba(229,165,10,0.16)");
  gdk_rgba_parse (&accent, "rgba(53,132,228,0.35)");
  gdk_rgba_parse (&holiday, "#c01c28");
  if (self->data == NULL)
    return;
  if (rk_gui_font_changed (widget, &self->font, FALSE)
      || g_hash_table_size (self->layouts) > 2000)
    g_hash_table_remove_all (self->layouts);
  /* Only the rows in the scrolled window's view (redrawn on a scroll):
   * a day of 300 staff is a dozen screens. */
  if (!gtk_widget_get_parent (widget)
      || !gtk_widget_compute_bounds (gtk_widget_get_parent (widget), widget, &view))
    graphene_rect_init (&view, 0, 0, w, gtk_widget_get_height (widget));

  /* Header: the days (several) or the hours (one). */
  for (guint d = 0; d < self->n_days; d++)
    {
      RkDay day = self->first + d;
      double x = NAME_WIDTH + d * dw;
      int y_, m, dd;
      const RkHoliday *hol;

      rk_day_to_ymd (day, &y_, &m, &dd);
      hol = rk_holiday_lookup (y_, m, dd);
      if (self->n_days > 1)
        {
          g_autofree char *title = rk_day_title (day);
          g_autofree char *text = hol ? g_strdup_printf ("%s %s", title,
                                                        japanese ? hol->name_ja : hol->name_en)
                                      : g_strdup (title);
          append_text (self, snapshot, text, x + 4, 4, dw - 8,
                       hol || rk_day_weekday (day) == 7 ? &holiday : &fg, day == self->data->today);
        }
      else
        for (int h = self->first_hour; h < self->last_hour; h++)
          {
            g_autofree char *text = g_strdup_printf ("%d:00", h);
            double hx = x + (h - self->first_hour) * dw / n_hours (self);
            append_text (self, snapshot, text, hx + 3, HEADER_H - 20, dw / n_hours (self),
                         &fg, FALSE);
          }
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, 0, 1,
                                                                       gtk_widget_get_height (widget)));
    }
  if (self->n_days == 1 && self->data)
    {
      g_autofree char *title = rk_day_title (self->first);
      append_text (self, snapshot, title, 8, 4, NAME_WIDTH - 12, &fg, TRUE);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *r = &g_array_index (self->rows, Row, i);

      if (r->y + r->h < view.origin.y || r->y > view.origin.y + view.size.height)
        continue;
      if (r->kind == RK_RESOURCE_ROW_GROUP)
        {
          gtk_snapshot_append_color (snapshot, &group_bg, &GRAPHENE_RECT_INIT (0, r->y, w, r->h));
          append_text (self, snapshot, r->label, 6, r->y + 4, w - 12, &fg, TRUE);
          continue;
        }
      append_text (self, snapshot, r->label, 16, r->y + 7, NAME_WIDTH - 22, &fg, FALSE);

      /* Closing days of the room's venue, a person's periods away. */
      for (guint d = 0; d < self->n_days; d++)
        {
          RkDay day = self->first + d;
          if (r->venue && rk_venue_closed_on (r->venue, day, NULL))
            shade (snapshot, &closed, &hatch, NAME_WIDTH + d * dw, r->y, dw, r->h);
        }
      if (r->kind == RK_RESOURCE_ROW_STAFF)
        {
          GArray *un = self->data->schedule->unavailable;
          RkMinute from = rk_minute_make (self->first, 0);
          RkMinute to = rk_minute_make (self->first + self->n_days, 0);

          for (guint k = 0; un && k < un->len; k++)
            {
              const RkSUnavailable *u = &g_array_index (un, RkSUnavailable, k);
              if (u->staff_id != r->id || u->end <= from || u->start >= to)
                continue;
              for (RkDay day = MAX (rk_minute_day (u->start), self->first);
                   day <= rk_minute_day (u->end - 1) && day < self->first + self->n_days; day++)
                {
                  RkMinute a = MAX (u->start, rk_minute_make (day, self->first_hour * 60));
                  RkMinute b = MIN (u->end, rk_minute_make (day, self->last_hour * 60));
                  if (b > a)
                    shade (snapshot, &away, &hatch, minute_x (self, a), r->y,
                           minute_x (self, b) - minute_x (self, a), r->h);
                }
            }
        }
      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (0, r->y + r->h - 1, w, 1));
    }

  /* Hour lines of a single day. */
  if (self->n_days == 1)
    for (int h = self->first_hour + 1; h < self->last_hour; h++)
      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (NAME_WIDTH + (h - self->first_hour) * dw
                                                      / n_hours (self),
                                                      HEADER_H - 4, 1,
                                                      gtk_widget_get_height (widget)));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, HEADER_H - 1, w, 1));

  if (self->drop_active)
    {
      int row = row_at (self, self->drop_y);
      if (row >= 0)
        {
          const Row *r = &g_array_index (self->rows, Row, row);
          gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (0, r->y, w, r->h));
        }
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Row *r = &g_array_index (self->rows, Row,
                                     g_array_index (self->blocks, Block, i).row);

      if (r->y + r->h >= view.origin.y && r->y <= view.origin.y + view.size.height)
        gtk_widget_snapshot_child (widget, g_ptr_array_index (self->pool, i), snapshot);
    }
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target, double x, double y, RkResourceGrid *self)
{
  int row = row_at (self, y);

  self->drop_active = self->kind == RK_RESOURCE_ROOMS && row >= 0
                      && g_array_index (self->rows, Row, row).kind == RK_RESOURCE_ROW_ROOM;
  self->drop_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->drop_active ? GDK_ACTION_MOVE : 0;
}

static void
on_drop_leave (GtkDropTarget *target, RkResourceGrid *self)
{
  self->drop_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, RkResourceGrid *self)
{
  gint64 event_id;
  RkDay orig_date;
  const RkOcc *occ;
  const Row *r;
  int row = row_at (self, y);

  self->drop_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->data == NULL || self->kind != RK_RESOURCE_ROOMS || row < 0
      || !rk_event_chip_parse_payload (g_value_get_string (value), &event_id, &orig_date))
    return FALSE;
  r = &g_array_index (self->rows, Row, row);
  occ = rk_month_data_find (self->data, event_id, orig_date);
  if (r->kind != RK_RESOURCE_ROW_ROOM || occ == NULL)
    return FALSE;
  if (occ->event->room && occ->event->room->id == r->id)
    return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.move-occurrence-room", "(xux)", event_id,
                              (guint32) orig_date, r->id);
  return TRUE;
}

static void
rk_resource_grid_dispose (GObject *object)
{
  RkResourceGrid *self = RK_RESOURCE_GRID (object);

  if (self->pool)
    {
      for (guint i = 0; i < self->pool->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->pool, i));
      g_clear_pointer (&self->pool, g_ptr_array_unref);
    }
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->data, rk_month_data_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->collate_keys, g_hash_table_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  G_OBJECT_CLASS (rk_resource_grid_parent_class)->dispose (object);
}

static void
rk_resource_grid_class_init (RkResourceGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_resource_grid_dispose;
  widget_class->measure = rk_resource_grid_measure;
  widget_class->size_allocate = rk_resource_grid_size_allocate;
  widget_class->snapshot = rk_resource_grid_snapshot;
  gtk_widget_class_set_css_name (widget_class, "resourcegrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rk_resource_grid_init (RkResourceGrid *self)
{
  GtkDropTarget *drop;

  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  self->pool = g_ptr_array_new ();
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->collate_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->n_days = 1;
  self->first_hour = FIRST_HOUR;
  self->last_hour = LAST_HOUR;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* ---- the view ----------------------------------------------------------- */

void
rk_resource_view_set_data (RkResourceView *self,
                           RkMonthData    *data,
                           RkDay           first,
                           guint           n_days)
{
  g_return_if_fail (RK_IS_RESOURCE_VIEW (self));
  g_return_if_fail (n_days >= 1);

  if (data)
    rk_month_data_ref (data);
  g_clear_pointer (&self->grid->data, rk_month_data_unref);
  self->grid->data = data;
  self->grid->first = first;
  self->grid->n_days = n_days;
  grid_set_data (self->grid);
}

RkResourceKind
rk_resource_view_get_kind (RkResourceView *self)
{
  return self->grid->kind;
}

RkDay
rk_resource_view_get_first (RkResourceView *self)
{
  return self->grid->first;
}

guint
rk_resource_view_get_n_days (RkResourceView *self)
{
  return self->grid->n_days;
}

void
rk_resource_view_set_venue (RkResourceView *self,
                            gint64          venue_id)
{
  g_return_if_fail (RK_IS_RESOURCE_VIEW (self));

  if (self->grid->venue_id == venue_id)
    return;
  self->grid->venue_id = venue_id;
  grid_set_data (self->grid);
}

guint
rk_resource_view_get_n_rows (RkResourceView *self)
{
  return self->grid->rows->len;
}

RkResourceRowKind
rk_resource_view_get_row (RkResourceView *self,
                          guint           row,
                          gint64         *id,
                          const char    **label)
{
  const Row *r;

  g_return_val_if_fail (row < self->grid->rows->len, RK_RESOURCE_ROW_GROUP);
  r = &g_array_index (self->grid->rows, Row, row);
  if (id)
    *id = r->id;
  if (label)
    *label = r->label;
  return r->kind;
}

GtkWidget *
rk_resource_view_find_block (RkResourceView    *self,
                             RkResourceRowKind  kind,
                             gint64             id,
                             gint64             event_id,
                             RkDay              orig_date)
{
  int row = find_row (self->grid, kind, id);

  for (guint i = 0; row >= 0 && i < self->grid->blocks->len; i++)
    {
      const Block *b = &g_array_index (self->grid->blocks, Block, i);

      if ((int) b->row == row && b->occ->event->id == event_id && b->occ->orig_date == orig_date)
        return g_ptr_array_index (self->grid->pool, i);
    }
  return NULL;
}

int
rk_resource_view_block_row (RkResourceView *self,
                            GtkWidget      *block)
{
  for (guint i = 0; i < self->grid->blocks->len; i++)
    if (g_ptr_array_index (self->grid->pool, i) == block)
      return (int) g_array_index (self->grid->blocks, Block, i).row;
  return -1;
}

GtkWidget *
rk_resource_view_get_grid (RkResourceView *self)
{
  return GTK_WIDGET (self->grid);
}

double
rk_resource_view_row_y (RkResourceView *self,
                        guint           row)
{
  const Row *r;

  g_return_val_if_fail (row < self->grid->rows->len, 0);
  r = &g_array_index (self->grid->rows, Row, row);
  return r->y + r->h / 2;
}

static void
rk_resource_view_dispose (GObject *object)
{
  RkResourceView *self = RK_RESOURCE_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (rk_resource_view_parent_class)->dispose (object);
}

static void
rk_resource_view_class_init (RkResourceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_resource_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resourceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rk_resource_view_init (RkResourceView *self)
{
  self->grid = g_object_new (RK_TYPE_RESOURCE_GRID, NULL);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->grid));
  /* The grid draws only the rows in view. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                           "value-changed", G_CALLBACK (gtk_widget_queue_draw), self->grid,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
rk_resource_view_new (RkResourceKind kind)
{
  RkResourceView *self = g_object_new (RK_TYPE_RESOURCE_VIEW, NULL);

  self->grid->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == RK_RESOURCE_ROOMS ? _("Day by place")
                                                            : _("Day by person"),
                                  -1);
  return GTK_WIDGET (self);
}
