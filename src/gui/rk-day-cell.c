#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rk-day-cell.h"
#include "rk-gui-util.h"
#include "rk-event-chip.h"
#include "rk-holidays.h"
#include "rk-tooltip.h"

struct _RkDayCell
{
  GtkWidget    parent_instance;

  GtkWidget   *more_button;
  GtkWidget   *more_box;       /* in the "+N" popover, once made */

  RkMonthData *data;
  RkDay        day;
  GPtrArray   *chip_pool;      /* RkEventChip, reused across months; drawn by the cell */
  GArray      *chip_boxes;     /* graphene_rect_t per pool chip: where it is drawn */
  GPtrArray   *items;          /* what is laid out under the header, in order:
                                * a chip, or NULL for an empty banner lane */
  guint        n_unbound;      /* events beyond RK_DAY_CELL_MAX_BOUND: always in "+N" */
  guint        n_hidden;       /* chips with no room at the last allocation */
  guint        more_idle;      /* gives "+N" its count after an allocation */
  guint        n_shown;        /* chips bound: pool[i] shows the day's event i */
  int          lines_width;    /* the size the titles' lines were chosen for */
  int          lines_height;
  gboolean     lines_stale;    /* new chips since */
  char        *accessible;     /* what a screen reader says */

  /* The header is drawn by the cell: its number, the holiday's name, a
   * sign where some places are closed or a mark where all are, each from
   * a layout kept until its text or the font changes. */
  PangoFontDescription *font;
  PangoLayout *number_layout;    /* its number's, shared (numbers); a reference */
  PangoLayout *holiday_layout;
  PangoLayout *closed_layout;
  char         number[4];
  char        *holiday_name;   /* NULL: no holiday */
  char        *closed_tip;     /* the mark's or the sign's tooltip; NULL: none */
  gboolean     all_closed;     /* the mark; else, with closed_tip, the sign */
  int          header_width;   /* the width the boxes below are for; -1 stale */
  int          header_height;
  graphene_rect_t number_box, holiday_box, closed_box;
};

G_DEFINE_FINAL_TYPE (RkDayCell, rk_day_cell, GTK_TYPE_WIDGET)

/* "+N" is the button's own label (no arrow: the number is the button). */
static void
set_more_label (RkDayCell *self, const char *text)
{
  GtkWidget *label = gtk_menu_button_get_child (GTK_MENU_BUTTON (self->more_button));

  if (!GTK_IS_LABEL (label))
    {
      label = gtk_label_new (NULL);
      gtk_menu_button_set_child (GTK_MENU_BUTTON (self->more_button), label);
    }
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

static void
fill_more_box (RkDayCell *self)
{
  GArray *idx;
  GtkWidget *child;
  GtkWidget *heading;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (self->more_box)))
    gtk_box_remove (GTK_BOX (self->more_box), child);
  if (self->data == NULL)
    return;

  title = rk_day_title (self->day);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->more_box), heading);

  idx = rk_month_data_day_occs (self->data, self->day);
  for (guint i = 0; idx && i < idx->len; i++)
    {
      GtkWidget *chip = rk_event_chip_new ();

      rk_event_chip_bind (RK_EVENT_CHIP (chip), self->data,
                          &g_array_index (self->data->occs, RkOcc, g_array_index (idx, guint, i)));
      gtk_box_append (GTK_BOX (self->more_box), chip);
    }
}

/* The day's full list is made when "+N" is first opened: a popover with
 * its scrolled window in each of the 42 cells was a tenth of the grid's
 * widgets, for a list most days never show. */
static void
create_more_popover (GtkMenuButton *button,
                     gpointer       user_data)
{
  RkDayCell *self = user_data;

  if (self->more_box == NULL)
    {
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_widget_add_css_class (popover, "day-popover");
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
      self->more_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_set_size_request (self->more_box, 260, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->more_box);
      gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
      /* Filled each time it opens: the month may have changed since. */
      g_signal_connect_swapped (popover, "show", G_CALLBACK (fill_more_box), self);
      gtk_menu_button_set_popover (button, popover);
    }
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RkDayCell     *self)
{
  gint64 event_id;
  RkDay orig_date;

  if (!G_VALUE_HOLDS_STRING (value) ||
      !rk_event_chip_parse_payload (g_value_get_string (value), &event_id, &orig_date))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.move-occurrence", "(xuu)", event_id,
                              (guint32) orig_date, (guint32) self->day);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RkDayCell       *self)
{
  GtkWidget *target;

  if (n_press != 2 || self->day == 0)
    return;
  target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (target && (RK_IS_EVENT_CHIP (target) || gtk_widget_get_ancestor (target, RK_TYPE_EVENT_CHIP) ||
                 gtk_widget_get_ancestor (target, GTK_TYPE_MENU_BUTTON)))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.new-event-on", "u", (guint32) self->day);
}

/* Enter or Space on a focused day makes a new event on it: a keyboard
 * user's double click. Keys on a chip inside are the chip's. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RkDayCell             *self)
{
  if (self->day == 0 || !gtk_widget_is_focus (GTK_WIDGET (self)) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.new-event-on", "u",
                                  (guint32) self->day);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* The days' numbers, one layout each for every cell: laid out again in
 * each of the 42 cells at each month switch, they were 1.2 M of the
 * ~18 M instructions of the switch's frame. Made for one font (and kept
 * until another one, or a change of the system's font settings). */
static struct
{
  PangoFontDescription *font;
  PangoLayout          *layouts[32];   /* [0]: no number yet */
} numbers;

static void
numbers_forget (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (numbers.layouts); i++)
    g_clear_object (&numbers.layouts[i]);
  g_clear_pointer (&numbers.font, pango_font_description_free);
}

static PangoLayout *header_layout (RkDayCell *self, double scale, gboolean bold);

/* The layout of day D (1-31) in self's font, 0 for none. */
static PangoLayout *
number_layout (RkDayCell *self, int d)
{
  d = CLAMP (d, 0, (int) G_N_ELEMENTS (numbers.layouts) - 1);
  if (numbers.font == NULL || self->font == NULL ||
      !pango_font_description_equal (numbers.font, self->font))
    {
      numbers_forget ();
      numbers.font = self->font ? pango_font_description_copy (self->font) : NULL;
    }
  if (numbers.layouts[d] == NULL)
    {
      char text[4] = "";

      if (d > 0)
        g_snprintf (text, sizeof text, "%d", d);
      /* A bold number (figures of one width: "numeric" in style.css). */
      numbers.layouts[d] = header_layout (self, 1, TRUE);
      pango_layout_set_text (numbers.layouts[d], text, -1);
    }
  return numbers.layouts[d];
}

static void
forget_layouts (RkDayCell *self)
{
  g_clear_object (&self->number_layout);
  g_clear_object (&self->holiday_layout);
  g_clear_object (&self->closed_layout);
  self->header_width = -1;
}

static void
rk_day_cell_dispose (GObject *object)
{
  RkDayCell *self = RK_DAY_CELL (object);

  g_clear_handle_id (&self->more_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_DAY_CELL);
  /* The chips are the cell's own children, not the template's. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->chip_pool, g_ptr_array_unref);
  g_clear_pointer (&self->chip_boxes, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->accessible, g_free);
  g_clear_pointer (&self->holiday_name, g_free);
  g_clear_pointer (&self->closed_tip, g_free);
  g_clear_pointer (&self->font, pango_font_description_free);
  forget_layouts (self);
  g_clear_pointer (&self->data, rk_month_data_unref);
  G_OBJECT_CLASS (rk_day_cell_parent_class)->dispose (object);
}

#define ITEM_SPACING 2
#define HEADER_SPACING 4
#define CLOSED_ICON_SIZE 10

/* ---- the header --------------------------------------------------------- */

/* The font's size in pixels: what style.css's "em" was. */
static double
font_px (RkDayCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double size = desc ? pango_font_description_get_size (desc) / (double) PANGO_SCALE : 10;
  double dpi = pango_cairo_context_get_resolution (context);

  if (desc && !pango_font_description_get_size_is_absolute (desc))
    size *= (dpi > 0 ? dpi : 96) / 72.0;
  return size;
}

static PangoLayout *
header_layout (RkDayCell *self, double scale, gboolean bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    {
      /* The day number's figures of one width ("numeric" in style.css). */
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
ensure_header_layouts (RkDayCell *self)
{
  if (rk_gui_font_changed (GTK_WIDGET (self), &self->font, FALSE))
    forget_layouts (self);
  if (self->number_layout)
    return;
  /* What style.css gave the labels: a bold number, the holiday's name at
   * 0.8em on one line (ellipsized), the closing mark at 0.75em. */
  g_set_object (&self->number_layout, number_layout (self, atoi (self->number)));
  self->holiday_layout = header_layout (self, 0.8, FALSE);
  pango_layout_set_ellipsize (self->holiday_layout, PANGO_ELLIPSIZE_END);
  self->closed_layout = header_layout (self, 0.75, FALSE);
  pango_layout_set_text (self->holiday_layout, self->holiday_name ? self->holiday_name : "", -1);
  pango_layout_set_text (self->closed_layout, _("Closed"), -1);
  self->header_width = -1;
}

/* The header's parts for a cell content WIDTH wide, as the box of labels
 * before laid them out: the number (at least 1.6em, 3 px each side), the
 * holiday's name taking what is left (at least two characters), then the
 * sign or the mark at the end, 4 px apart. */
static void
layout_header (RkDayCell *self, int width)
{
  int nw, nh, hw = 0, hh = 0, cw = 0, ch = 0, x, end;
  double em;

  ensure_header_layouts (self);
  if (self->header_width == width && width >= 0)
    return;
  em = font_px (self);
  pango_layout_get_pixel_size (self->number_layout, &nw, &nh);
  nw = MAX (nw, (int) ceil (1.6 * em)) + 6;
  if (self->closed_tip && self->all_closed)
    {
      pango_layout_get_pixel_size (self->closed_layout, &cw, &ch);
      cw += 8;   /* padding 3 px and a 1 px border each side */
      ch += 2;
    }
  else if (self->closed_tip)
    cw = ch = CLOSED_ICON_SIZE;
  if (self->holiday_name)
    {
      pango_layout_set_width (self->holiday_layout, -1);
      pango_layout_get_pixel_size (self->holiday_layout, NULL, &hh);
    }
  self->header_height = MAX (MAX (nh, hh), ch);
  graphene_rect_init (&self->number_box, 0, 0, nw, self->header_height);
  x = nw + HEADER_SPACING;
  end = width < 0 ? x + (int) (2 * em) + (cw ? HEADER_SPACING + cw : 0) : width;
  if (cw)
    {
      graphene_rect_init (&self->closed_box, MAX (x, end - cw), 0, cw,
                          self->all_closed ? self->header_height : CLOSED_ICON_SIZE);
      if (!self->all_closed)
        self->closed_box.origin.y = (self->header_height - CLOSED_ICON_SIZE) / 2;
      end -= cw + HEADER_SPACING;
    }
  else
    graphene_rect_init (&self->closed_box, 0, 0, 0, 0);
  hw = MAX (0, end - x);
  if (self->holiday_name)
    pango_layout_set_width (self->holiday_layout, hw * PANGO_SCALE);
  graphene_rect_init (&self->holiday_box, x, 0, self->holiday_name ? hw : 0, self->header_height);
  self->header_width = width;
}

/* The header's smallest width, as the labels asked for theirs. */
static int
header_min_width (RkDayCell *self)
{
  int nw, cw = 0, em;

  ensure_header_layouts (self);
  em = (int) ceil (font_px (self));
  pango_layout_get_pixel_size (self->number_layout, &nw, NULL);
  nw = MAX (nw, (int) ceil (1.6 * font_px (self))) + 6;
  if (self->closed_tip && self->all_closed)
    {
      pango_layout_get_pixel_size (self->closed_layout, &cw, NULL);
      cw += 8 + HEADER_SPACING;
    }
  else if (self->closed_tip)
    cw = CLOSED_ICON_SIZE + HEADER_SPACING;
  return nw + HEADER_SPACING + (int) (2 * 0.8 * em) + cw;
}

static GdkRGBA
with_alpha (GdkRGBA color, float alpha)
{
  color.alpha *= alpha;
  return color;
}

static void
draw_header (RkDayCell *self, GtkSnapshot *snapshot, const GdkRGBA *fg, float dim)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA sunday = rk_gui_named_color (widget, "rk_sunday", "#c01c28");
  GdkRGBA number = *fg;
  int w, h;

  /* The number: red on Sundays and holidays, blue on other Saturdays,
   * white in the accent's pill today. */
  if (gtk_widget_has_css_class (widget, "sunday") || self->holiday_name)
    number = sunday;
  else if (gtk_widget_has_css_class (widget, "saturday"))
    number = rk_gui_named_color (widget, "rk_saturday", "#1c71d8");
  if (gtk_widget_has_css_class (widget, "today"))
    {
      GskRoundedRect pill;

      gsk_rounded_rect_init_from_rect (&pill, &self->number_box,
                                       MIN (self->number_box.size.width,
                                            self->number_box.size.height) / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot,
                                 &(GdkRGBA) { 0, 0, 0, 0 }, &self->number_box);
      {
        GdkRGBA bg = with_alpha (rk_gui_named_color (widget, "theme_selected_bg_color", "#3584e4"), dim);
        gtk_snapshot_append_color (snapshot, &bg, &self->number_box);
      }
      gtk_snapshot_pop (snapshot);
      number = rk_gui_named_color (widget, "theme_selected_fg_color", "#ffffff");
    }
  number = with_alpha (number, dim);
  pango_layout_get_pixel_size (self->number_layout, &w, &h);
  rk_gui_append_layout (snapshot, self->number_layout, self->number_box.origin.x + 3,
                 (self->header_height - h) / 2, &number);

  if (self->holiday_name && self->holiday_box.size.width > 0)
    {
      GdkRGBA red = with_alpha (sunday, dim);

      pango_layout_get_pixel_size (self->holiday_layout, NULL, &h);
      rk_gui_append_layout (snapshot, self->holiday_layout, self->holiday_box.origin.x,
                     (self->header_height - h) / 2, &red);
    }

  if (self->closed_tip && self->all_closed)
    {
      /* The mark: red text in a thin red frame. */
      GskRoundedRect frame;
      GdkRGBA border = with_alpha (sunday, 0.5);
      const GdkRGBA colors[4] = { border, border, border, border };
      const float widths[4] = { 1, 1, 1, 1 };

      gsk_rounded_rect_init_from_rect (&frame, &self->closed_box, 4);
      gtk_snapshot_append_border (snapshot, &frame, widths, colors);
      pango_layout_get_pixel_size (self->closed_layout, &w, &h);
      rk_gui_append_layout (snapshot, self->closed_layout, self->closed_box.origin.x + 4,
                     self->closed_box.origin.y + (self->closed_box.size.height - h) / 2, &sunday);
    }
  else if (self->closed_tip)
    {
      /* The sign: a faint "unavailable" icon. */
      GdkRGBA faint = with_alpha (*fg, 0.35f);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &self->closed_box.origin);
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (
                                                  rk_gui_symbolic_icon (widget, "action-unavailable-symbolic",
                                                                        CLOSED_ICON_SIZE)),
                                                snapshot, CLOSED_ICON_SIZE, CLOSED_ICON_SIZE,
                                                &faint, 1);
      gtk_snapshot_restore (snapshot);
    }
}

static gboolean
rk_day_cell_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_tooltip,
                           GtkTooltip *tooltip)
{
  RkDayCell *self = RK_DAY_CELL (widget);
  graphene_point_t at = GRAPHENE_POINT_INIT (x, y);
  graphene_rect_t box;
  const char *text = NULL;

  /* The header's boxes are in the content box; x, y in the border box. */
  if (!gtk_widget_compute_bounds (widget, widget, &box))
    return FALSE;
  at.x += box.origin.x;
  at.y += box.origin.y;
  if (keyboard_tooltip)
    return FALSE;
  if (self->closed_tip && graphene_rect_contains_point (&self->closed_box, &at))
    text = self->closed_tip;
  else if (self->holiday_name && graphene_rect_contains_point (&self->holiday_box, &at))
    text = self->holiday_name;
  if (text == NULL)
    return FALSE;
  {
    g_autofree char *shown = rk_tooltip_unbreakable (text);
    gtk_tooltip_set_text (tooltip, shown);
  }
  return TRUE;
}

/* ---- the chips ---------------------------------------------------------- */

static void
set_title_lines (RkDayCell *self, int lines)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->items, i);

      if (chip && !gtk_widget_has_css_class (chip, "banner"))
        rk_event_chip_set_title_lines (RK_EVENT_CHIP (chip), lines);
    }
}

/* The height of an empty banner lane: a banner's one line. */
static int
lane_height (RkDayCell *self, int width)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->items, i);

      if (chip && gtk_widget_has_css_class (chip, "banner"))
        return rk_event_chip_height_for (RK_EVENT_CHIP (chip), width + 8);
    }
  return 18;
}

/* The height of a chip for the cell's WIDTH, or of an empty banner lane
 * (NULL); a banner reaches 4 px over each side. */
static int
item_height (RkDayCell *self, GtkWidget *chip, int width)
{
  if (chip == NULL)
    return lane_height (self, width);
  if (gtk_widget_has_css_class (chip, "banner"))
    width += 8;
  return rk_event_chip_height_for (RK_EVENT_CHIP (chip), width);
}

/* A cell asks for no more height than its day number: on a small screen
 * (1024×600) six weeks of cells with their chips would not fit, and the
 * window would be taller than the screen. Its natural height has room for
 * a few chips; the ones that do not fit the height it gets are folded
 * into "+N" at allocation. */
static void
rk_day_cell_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  RkDayCell *self = RK_DAY_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = header_min_width (self);
      /* The chips the natural height has room for: more would lay out
       * the times of chips never shown. */
      for (guint i = 0; i < self->items->len && i < RK_DAY_CELL_MAX_CHIPS; i++)
        {
          GtkWidget *chip = g_ptr_array_index (self->items, i);

          if (chip)
            *minimum = MAX (*minimum, rk_event_chip_min_width (RK_EVENT_CHIP (chip)));
        }
      if (gtk_widget_get_visible (self->more_button))
        {
          int min = 0, nat = 0;

          gtk_widget_measure (self->more_button, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
        }
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      layout_header (self, for_size);
      *minimum = *natural = self->header_height;
      for (guint i = 0; i < self->items->len && i < RK_DAY_CELL_MAX_CHIPS; i++)
        {
          GtkWidget *chip = g_ptr_array_index (self->items, i);
          *natural += ITEM_SPACING + item_height (self, chip, for_size);
        }
    }
}

static void
set_more_count (RkDayCell *self, guint n_hidden)
{
  g_autofree char *more = NULL;
  g_autofree char *more_a11y = NULL;

  if (n_hidden == 0)
    return;
  more = g_strdup_printf ("+%u", n_hidden);
  more_a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more event", "%u more events",
                                            n_hidden),
                               n_hidden);
  set_more_label (self, more);
  rk_tooltip_set_lazy (self->more_button, more_a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, more_a11y, -1);
}

static gboolean
more_count_idle (gpointer user_data)
{
  RkDayCell *self = user_data;

  self->more_idle = 0;
  set_more_count (self, self->n_hidden);
  return G_SOURCE_REMOVE;
}

/* Whether "+N" says N already. */
static gboolean
more_says (RkDayCell *self, guint n)
{
  GtkWidget *label = gtk_menu_button_get_child (GTK_MENU_BUTTON (self->more_button));
  char text[16];

  g_snprintf (text, sizeof text, "+%u", n);
  return GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0;
}

static void
place_chip (RkDayCell *self, GtkWidget *chip, const GtkAllocation *box)
{
  guint i;

  if (g_ptr_array_find (self->chip_pool, chip, &i))
    g_array_index (self->chip_boxes, graphene_rect_t, i) =
      GRAPHENE_RECT_INIT (box->x, box->y, box->width, box->height);
  gtk_widget_size_allocate (chip, box, -1);
}

/* The header, then as many chips (banners first, empty lanes kept so that
 * a banner stays at one height across its days) as the height has room
 * for; the rest are folded into "+N" below the last one shown. */
static void
rk_day_cell_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  RkDayCell *self = RK_DAY_CELL (widget);
  int y, h = 0;
  guint n = self->items->len, n_hidden = self->n_unbound, i;
  GtkWidget *last_chip = NULL;
  GtkAllocation last_box = { 0, };

  layout_header (self, width);
  y = self->header_height + ITEM_SPACING;

  /* Titles take two lines where the day has room for all its events so;
   * a busy day shows more events on one line each instead. */
  if (width != self->lines_width || height != self->lines_height || self->lines_stale)
    {
      int total = y;

      self->lines_width = width;
      self->lines_height = height;
      self->lines_stale = FALSE;
      /* A day with more events than chips has one line each: its chips
       * are not laid out at two lines first to find that out. */
      set_title_lines (self, self->n_unbound > 0 ? 1 : 2);
      for (i = 0; i < n && self->n_unbound == 0; i++)
        {
          total += item_height (self, g_ptr_array_index (self->items, i), width) + ITEM_SPACING;
        }
      if (total - ITEM_SPACING > height)
        set_title_lines (self, 1);
    }

  for (i = 0; i < n; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->items, i);
      gboolean banner = chip && gtk_widget_has_css_class (chip, "banner");
      /* A banner reaches the cell's edges so that the days it spans join
       * into one band; its padding keeps the title clear of them. */
      int x = banner ? -4 : 0, w = banner ? width + 8 : width;

      h = item_height (self, chip, width);
      if (y + h > height)
        break;
      if (chip)
        {
          last_chip = chip;
          last_box = (GtkAllocation) { x, y, w, h };
          gtk_widget_set_child_visible (chip, TRUE);
          place_chip (self, chip, &last_box);
        }
      y += h + ITEM_SPACING;
    }
  for (; i < n; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->items, i);

      if (chip)
        {
          gtk_widget_set_child_visible (chip, FALSE);
          n_hidden++;
        }
    }

  /* "+N" at the end of the last line shown (that chip made narrower), or
   * alone under the header when no chip has room. */
  self->n_hidden = n_hidden;
  if (n_hidden > 0)
    {
      int more_w = 0, more_h = 0, more_x = 0, more_y = y;

      /* A label given new text asks for a new layout, which asked for
       * while the window lays itself out left the pages without one (a
       * blank window after starting on another view, until another page
       * was chosen): the count is given just after, and laid out then. */
      if (!more_says (self, n_hidden) && self->more_idle == 0)
        self->more_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, more_count_idle, self, NULL);
      gtk_widget_measure (self->more_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &more_w,
                          NULL, NULL);
      gtk_widget_measure (self->more_button, GTK_ORIENTATION_VERTICAL, more_w, NULL, &more_h,
                          NULL, NULL);
      more_w = MIN (more_w, width);
      if (last_chip != NULL && last_box.width - more_w - ITEM_SPACING >= 40)
        {
          last_box.width -= more_w + ITEM_SPACING + (last_box.x < 0 ? -last_box.x : 0);
          place_chip (self, last_chip, &last_box);
          more_x = width - more_w;
          more_y = last_box.y + (last_box.height - more_h) / 2;
        }
      else if (last_chip == NULL)
        more_y = MIN (more_y, MAX (0, height - more_h));
      gtk_widget_set_child_visible (self->more_button, TRUE);
      gtk_widget_allocate (self->more_button, more_w, more_h, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (more_x, more_y)));
    }
  else
    gtk_widget_set_child_visible (self->more_button, FALSE);
}

static void
rk_day_cell_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  RkDayCell *self = RK_DAY_CELL (widget);
  float dim = gtk_widget_has_css_class (widget, "other-month") ? 0.55f : 1;
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  draw_header (self, snapshot, &fg, dim);
  for (guint i = 0; i < self->chip_pool->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->chip_pool, i);

      if (gtk_widget_get_visible (chip) && gtk_widget_get_child_visible (chip))
        rk_event_chip_draw (RK_EVENT_CHIP (chip), snapshot,
                            &g_array_index (self->chip_boxes, graphene_rect_t, i), dim);
    }
  gtk_widget_snapshot_child (widget, self->more_button, snapshot);
}

static void
rk_day_cell_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  RkDayCell *self = RK_DAY_CELL (widget);

  GTK_WIDGET_CLASS (rk_day_cell_parent_class)->css_changed (widget, change);
  if (rk_gui_font_changed (widget, &self->font, FALSE))
    {
      forget_layouts (self);
      gtk_widget_queue_resize (widget);
    }
}

static void
rk_day_cell_system_setting_changed (GtkWidget        *widget,
                                    GtkSystemSetting  setting)
{
  RkDayCell *self = RK_DAY_CELL (widget);

  GTK_WIDGET_CLASS (rk_day_cell_parent_class)->system_setting_changed (widget, setting);
  g_clear_pointer (&self->font, pango_font_description_free);
  forget_layouts (self);
  numbers_forget ();
  /* The chips it draws measure again too. */
  self->lines_stale = TRUE;
  gtk_widget_queue_resize (widget);
}

static void
rk_day_cell_class_init (RkDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_day_cell_dispose;
  widget_class->measure = rk_day_cell_measure;
  widget_class->size_allocate = rk_day_cell_size_allocate;
  widget_class->snapshot = rk_day_cell_snapshot;
  widget_class->query_tooltip = rk_day_cell_query_tooltip;
  widget_class->css_changed = rk_day_cell_css_changed;
  widget_class->system_setting_changed = rk_day_cell_system_setting_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-day-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, RkDayCell, more_button);

  gtk_widget_class_set_css_name (widget_class, "daycell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rk_day_cell_init (RkDayCell *self)
{
  GtkDropTarget *drop;
  GtkGesture *click;
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->chip_pool = g_ptr_array_new ();
  self->chip_boxes = g_array_new (FALSE, TRUE, sizeof (graphene_rect_t));
  self->items = g_ptr_array_new ();
  self->header_width = -1;
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->more_button), create_more_popover,
                                         self, NULL);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Every day takes the keyboard focus, empty ones too, so that a day for
   * a new event can be chosen without a mouse. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

GtkWidget *
rk_day_cell_new (void)
{
  return g_object_new (RK_TYPE_DAY_CELL, NULL);
}

void
rk_day_cell_bind (RkDayCell   *self,
                  RkMonthData *data,
                  RkDay        day)
{
  const RkHoliday *holiday;
  GArray *idx;
  guint n_occs, n_shown;
  int y, m, d, weekday;
  char number[8];
  g_autoptr(GString) closed_text = g_string_new (NULL);
  g_autofree char *day_title = NULL;
  guint n_closed, n_venues;
  gboolean had_marks;

  g_return_if_fail (RK_IS_DAY_CELL (self));

  if (self->data != data)
    {
      g_clear_pointer (&self->data, rk_month_data_unref);
      self->data = rk_month_data_ref (data);
    }
  self->day = day;
  rk_day_to_ymd (day, &y, &m, &d);
  weekday = rk_day_weekday (day);
  holiday = rk_holiday_lookup (y, m, d);

  had_marks = self->holiday_name || self->closed_tip;
  g_snprintf (number, sizeof number, "%d", d);
  ensure_header_layouts (self);
  if (strcmp (self->number, number) != 0)
    {
      g_strlcpy (self->number, number, sizeof self->number);
      g_set_object (&self->number_layout, number_layout (self, d));
      self->header_width = -1;
    }
  {
    const char *name = holiday ? (rk_locale_is_japanese () ? holiday->name_ja : holiday->name_en)
                               : NULL;

    if (g_strcmp0 (self->holiday_name, name) != 0)
      {
        g_free (self->holiday_name);
        self->holiday_name = g_strdup (name);
        pango_layout_set_text (self->holiday_layout, name ? name : "", -1);
        self->header_width = -1;
      }
  }

  rk_gui_set_class (GTK_WIDGET (self), "sunday", weekday == 7);
  rk_gui_set_class (GTK_WIDGET (self), "saturday", weekday == 6);
  rk_gui_set_class (GTK_WIDGET (self), "holiday", holiday != NULL);
  rk_gui_set_class (GTK_WIDGET (self), "today", day == data->today);
  rk_gui_set_class (GTK_WIDGET (self), "other-month", day < data->first || day > data->last);

  /* A day is "closed" when no venue is open: hatched and marked. A day
   * some venues are closed gets only a small sign whose tooltip names them,
   * so a coordinator sees where an event cannot go without the grid
   * filling up with marks. */
  n_closed = rk_month_data_closed_text (data, day, closed_text);
  /* The grid shown before its month is read has no schedule yet. */
  n_venues = data->schedule ? g_hash_table_size (data->schedule->venues) : 0;
  rk_gui_set_class (GTK_WIDGET (self), "closed", n_venues > 0 && n_closed == n_venues);
  {
    g_autofree char *tip = NULL;
    gboolean all = n_venues > 0 && n_closed == n_venues;

    if (all)
      tip = g_strdup (closed_text->str);
    else if (n_closed > 0)
      tip = g_strdup_printf (_("Closed:\n%s"), closed_text->str);
    if (all != self->all_closed || g_strcmp0 (tip, self->closed_tip) != 0)
      {
        g_free (self->closed_tip);
        self->closed_tip = g_steal_pointer (&tip);
        self->all_closed = all;
        self->header_width = -1;
      }
  }
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), self->holiday_name || self->closed_tip);

  idx = rk_month_data_day_occs (data, day);
  n_occs = idx ? idx->len : 0;
  n_shown = MIN (n_occs, RK_DAY_CELL_MAX_BOUND);

  while (self->chip_pool->len < n_shown)
    {
      GtkWidget *chip = rk_event_chip_new ();
      graphene_rect_t none = GRAPHENE_RECT_INIT (0, 0, 0, 0);

      rk_event_chip_set_drawn_by_parent (RK_EVENT_CHIP (chip), TRUE);
      gtk_widget_insert_before (chip, GTK_WIDGET (self), self->more_button);
      g_ptr_array_add (self->chip_pool, chip);
      g_array_append_val (self->chip_boxes, none);
    }
  /* Banners in their lanes (an empty lane where a banner of another day
   * of the week is), then the day's other events. */
  g_ptr_array_set_size (self->items, 0);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_shown; i++)
      {
        GtkWidget *chip = g_ptr_array_index (self->chip_pool, i);
        const RkOcc *occ = &g_array_index (data->occs, RkOcc, g_array_index (idx, guint, i));
        int lane = rk_month_data_banner_lane (data, occ, day);

        if ((pass == 0) != (lane >= 0))
          continue;
        rk_event_chip_bind (RK_EVENT_CHIP (chip), data, occ);
        if (lane >= 0)
          {
            RkDay first = rk_occ_day (occ), last = rk_occ_last_day (occ);
            gboolean row_start = (day - data->grid_first) % 7 == 0;
            gboolean row_end = (day - data->grid_first) % 7 == 6;

            rk_event_chip_set_banner (RK_EVENT_CHIP (chip), TRUE, first < day && !row_start,
                                      last > day && !row_end);
            while (self->items->len <= (guint) lane)
              g_ptr_array_add (self->items, NULL);
            g_ptr_array_index (self->items, lane) = chip;
          }
        else
          {
            rk_event_chip_set_banner (RK_EVENT_CHIP (chip), FALSE, FALSE, FALSE);
            g_ptr_array_add (self->items, chip);
          }
      }
  for (guint i = 0; i < self->chip_pool->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->chip_pool, i), i < n_shown);
  self->n_unbound = n_occs - n_shown;
  self->lines_stale = TRUE;

  /* "+N" as far as known before the cell's height is: the allocation
   * counts again and shows it only when some chip has no room. */
  gtk_widget_set_visible (self->more_button, n_occs > 0);
  set_more_count (self, n_occs > n_shown ? n_occs - n_shown : MAX (self->n_hidden, 1));
  /* The chips do not tell the cell (it sizes them): it lays them out
   * again, and measures again only when its header may have another
   * height (a holiday or a closing, shown or gone). A month's chips gave
   * every cell a new natural height, but the cells get the height the
   * window has for the grid whatever they ask for. */
  if (self->header_width < 0 && (had_marks || self->holiday_name || self->closed_tip))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));

  /* What a screen reader says is made after the frame that shows the
   * day (rk_day_cell_update_accessible): a month's few thousand events
   * described were a third of binding it. */
  g_clear_pointer (&self->accessible, g_free);
  self->n_shown = n_shown;
}

void
rk_day_cell_update_accessible (RkDayCell *self)
{
  RkMonthData *data = self->data;
  const RkHoliday *holiday;
  GArray *idx;
  guint n_occs, n_closed, n_venues, n_events = 0;
  int y, m, d;
  g_autoptr(GString) closed_text = g_string_new (NULL);
  g_autofree char *day_title = NULL;
  GString *text;

  g_return_if_fail (RK_IS_DAY_CELL (self));

  if (self->accessible != NULL || data == NULL)
    return;
  rk_day_to_ymd (self->day, &y, &m, &d);
  holiday = rk_holiday_lookup (y, m, d);
  n_closed = rk_month_data_closed_text (data, self->day, closed_text);
  n_venues = data->schedule ? g_hash_table_size (data->schedule->venues) : 0;
  idx = rk_month_data_day_occs (data, self->day);
  n_occs = idx ? idx->len : 0;

  /* Its date and weekday, a holiday, where it is closed, and its events
   * one by one. */
  day_title = rk_day_title (self->day);
  text = g_string_new (day_title);
  if (holiday)
    g_string_append_printf (text, _(", %s"),
                            rk_locale_is_japanese () ? holiday->name_ja : holiday->name_en);
  if (n_venues > 0 && n_closed == n_venues)
    g_string_append_printf (text, _(", %s"), _("closed"));
  else if (n_closed > 0)
    {
      g_autofree char *names = g_strdelimit (g_strdup (closed_text->str), "\n", ' ');

      g_string_append_printf (text, _(", closed: %s"), names);
    }
  for (guint i = 0; i < n_occs; i++)
    if (g_array_index (data->occs, RkOcc, g_array_index (idx, guint, i)).status != RK_OCC_SKIPPED)
      n_events++;
  if (n_events == 0)
    g_string_append_printf (text, _(", %s"), _("no events"));
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event",
                                                             "%u events", n_events),
                                                n_events);

      g_string_append_printf (text, _(", %s"), count);
    }
  /* Chip i shows event i: what it says is said once. */
  for (guint i = 0; i < n_occs; i++)
    {
      const RkOcc *occ = &g_array_index (data->occs, RkOcc, g_array_index (idx, guint, i));
      g_autofree char *unbound = i < self->n_shown ? NULL : rk_event_chip_describe (data, occ);
      const char *spoken = unbound ? unbound
                                   : rk_event_chip_get_accessible_text (
                                       RK_EVENT_CHIP (g_ptr_array_index (self->chip_pool, i)));

      g_string_append_printf (text, _("; %s"), spoken);
    }
  self->accessible = g_string_free (text, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->accessible, -1);
}

gboolean
rk_day_cell_get_accessible_ready (RkDayCell *self)
{
  g_return_val_if_fail (RK_IS_DAY_CELL (self), TRUE);
  return self->accessible != NULL || self->data == NULL;
}

const char *
rk_day_cell_get_accessible_text (RkDayCell *self)
{
  g_return_val_if_fail (RK_IS_DAY_CELL (self), NULL);
  rk_day_cell_update_accessible (self);
  return self->accessible;
}

const char *
rk_day_cell_get_holiday_name (RkDayCell *self)
{
  g_return_val_if_fail (RK_IS_DAY_CELL (self), NULL);
  return self->holiday_name;
}

RkDay
rk_day_cell_get_day (RkDayCell *self)
{
  g_return_val_if_fail (RK_IS_DAY_CELL (self), 0);
  return self->day;
}

GtkWidget *
rk_day_cell_get_more_button (RkDayCell *self)
{
  g_return_val_if_fail (RK_IS_DAY_CELL (self), NULL);
  return self->more_button;
}

guint
rk_day_cell_get_n_hidden (RkDayCell *self)
{
  g_return_val_if_fail (RK_IS_DAY_CELL (self), 0);
  return self->n_hidden;
}
