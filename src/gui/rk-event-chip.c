#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "rk-event-chip.h"
#include "rk-gui-util.h"
#include "rk-tooltip.h"
#include "rk-problem.h"

/* What the chip draws: its time (bold), its title (wrapped to a number of
 * lines, then ellipsized) and a warning badge, side by side or, in a tall
 * block of a time grid, one above the other. Drawn with two pango layouts
 * the chip keeps, not with child labels: a month or a week shows hundreds
 * of chips, and four widgets each (a box, two labels, an image) were most
 * of what GTK measured, allocated and styled on each switch. */
#define SPACING 4
#define BADGE_SIZE 12
#define TITLE_MIN_CHARS 3

struct _RkEventChip
{
  GtkWidget  parent_instance;

  PangoLayout *time_layout;
  PangoLayout *title_layout;
  PangoFontDescription *font;   /* the layouts were made for it */
  int          title_width;     /* px the title is wrapped at, -1 unwrapped */
  int          char_width;      /* px, of the font; 0: not known yet */
  char        *time_text;
  gboolean     show_time;       /* not a banner */
  gboolean     vertical;        /* a block tall enough: time above title */
  int          lines;           /* the title's at most */
  int          attr_state;      /* struck, italic: what the attributes show */
  char        *font_key;        /* the font, as shared layouts are found by it */
  char        *shown_title;     /* what the layouts were looked up for */
  gboolean     drawn_by_parent; /* rk_event_chip_draw, sized by rk_event_chip_height_for */
  gboolean     banner, continues_before, continues_after, block;
  int          height_for;      /* the width the height below is for; -1 none */
  int          height;

  gint64     event_id;
  RkDay      orig_date;
  RkDay      day;
  char      *title;
  guint      n_problems;
  GdkRGBA    color;

  RkMonthData *data;          /* of the occurrence bound */
  const RkOcc *occ;           /* in data->occs */
  char        *tooltip;       /* made on demand */
  char        *accessible;    /* what a screen reader says */
};

G_DEFINE_FINAL_TYPE (RkEventChip, rk_event_chip, GTK_TYPE_WIDGET)

/* Its text or shape changed: measured again (by GTK, or by the parent
 * that draws it, which is told by its own data and queues its layout). */
static void
size_changed (RkEventChip *self)
{
  self->height_for = -1;
  /* A parent that draws the chip lays it out again when it rebinds it:
   * a resize queued here would make the whole window measure again. */
  if (!self->drawn_by_parent)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
open_occurrence (RkEventChip *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)",
                              self->event_id, (guint32) self->orig_date);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RkEventChip     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RkEventChip     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* A chip inside the "+N" popover: close it first, the editor takes over. */
  {
    GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);
    if (popover)
      gtk_popover_popdown (GTK_POPOVER (popover));
  }
  open_occurrence (self);
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  open_occurrence (RK_EVENT_CHIP (widget));
  return TRUE;
}

static gboolean
cancel_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  RkEventChip *self = RK_EVENT_CHIP (widget);

  if (self->occ != NULL && self->occ->status == RK_OCC_SKIPPED)
    return TRUE;
  gtk_widget_activate_action (widget, "win.cancel-occurrence", "(xu)", self->event_id,
                              (guint32) self->orig_date);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 RkEventChip   *self)
{
  g_autofree char *payload = NULL;

  /* A cancelled or skipped occurrence is not moved (rk-series.c). */
  if (self->event_id == 0 || self->occ == NULL || !rk_occ_is_active (self->occ))
    return NULL;
  payload = g_strdup_printf ("%" PRId64 ":%u", self->event_id, self->orig_date);
  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               RkEventChip   *self)
{
  g_autoptr(GdkPaintable) paintable = NULL;

  if (self->drawn_by_parent)
    {
      /* It draws nothing itself: the icon is what its parent draws. */
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      graphene_rect_t box = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                gtk_widget_get_height (GTK_WIDGET (self)));

      rk_event_chip_draw (self, snapshot, &box, 1);
      paintable = gtk_snapshot_free_to_paintable (snapshot, &box.size);
    }
  else
    paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  if (paintable)
    gtk_drag_source_set_icon (source, paintable, 8, 8);
}

gboolean
rk_event_chip_parse_payload (const char *payload,
                             gint64     *event_id,
                             RkDay      *orig_date)
{
  char *end = NULL;
  gint64 id;
  guint64 date;

  if (payload == NULL)
    return FALSE;
  id = g_ascii_strtoll (payload, &end, 10);
  if (end == payload || *end != ':' || id <= 0)
    return FALSE;
  payload = end + 1;
  date = g_ascii_strtoull (payload, &end, 10);
  if (end == payload || *end != '\0' || date == 0 || date > G_MAXUINT32)
    return FALSE;
  *event_id = id;
  *orig_date = (RkDay) date;
  return TRUE;
}

static char *
make_tooltip (RkEventChip *self)
{
  RkMonthData *data = self->data;
  const RkOcc *occ = self->occ;
  GPtrArray *problems = rk_month_data_occ_problems (data, occ);
  gboolean cancelled = occ->status == RK_OCC_CANCELLED;
  g_autofree char *place = NULL;
  g_autofree char *staffing = NULL;
  GString *tooltip = g_string_new (NULL);

  /* The tooltip is the chip's long form: what a coordinator checks before
   * opening the editor. */
  {
    /* Titles are data and may hold markup characters. */
    g_autofree char *range = rk_occ_time_text (occ);
    g_autofree char *escaped = g_markup_escape_text (self->title, -1);
    g_string_append_printf (tooltip, "<b>%s</b>\n%s", escaped, range);
  }
  place = rk_occ_place_text (occ);
  if (place)
    {
      g_autofree char *escaped = g_markup_escape_text (place, -1);
      g_string_append_printf (tooltip, "\n%s", escaped);
    }
  staffing = rk_occ_staffing_text (data->schedule, occ);
  if (staffing && *staffing)
    {
      g_autofree char *escaped = g_markup_escape_text (staffing, -1);
      g_string_append_printf (tooltip, "\n%s", escaped);
    }
  if (cancelled || occ->status == RK_OCC_SKIPPED)
    {
      const char *reason = rk_occ_own_reason (occ);
      g_autofree char *escaped = reason ? g_markup_escape_text (reason, -1) : NULL;

      if (escaped && *escaped)
        /* TRANSLATORS: "Cancelled: reason" or "Not held: reason" on an event's tooltip */
        g_string_append_printf (tooltip, _("\n<i>%s: %s</i>"),
                                cancelled ? _("Cancelled") : _("Not held"), escaped);
      else
        g_string_append_printf (tooltip, "\n<i>%s</i>", cancelled ? _("Cancelled") : _("Not held"));
    }
  else if (occ->moved && occ->reason)
    {
      g_autofree char *escaped = g_markup_escape_text (occ->reason, -1);
      g_string_append_printf (tooltip, "\n<i>%s</i>", escaped);
    }
  if (occ->status == RK_OCC_TENTATIVE)
    g_string_append_printf (tooltip, "\n<i>%s</i>", _("Tentative: not confirmed yet"));
  for (guint i = 0; problems && i < problems->len; i++)
    {
      g_autofree char *escaped =
        g_markup_escape_text (rk_problem_get_message (g_ptr_array_index (problems, i)), -1);
      g_string_append_printf (tooltip, "\n⚠ %s", escaped);
    }
  return g_string_free (tooltip, FALSE);

}

/* ---- drawing ------------------------------------------------------------ */

static gboolean
struck (RkEventChip *self)
{
  return self->occ != NULL &&
         (self->occ->status == RK_OCC_CANCELLED || self->occ->status == RK_OCC_SKIPPED);
}

/* ---- layouts shared between chips --------------------------------------- */

/* A title at one width and number of lines, in one font and style, is
 * laid out once for every chip that shows it, and kept: a month shows a
 * few dozen programs' titles in hundreds of chips, a week and the next
 * month the same ones again, and laying each chip's text out anew was
 * most of what a switch measured. Cleared when it holds this many. */
#define SHARED_MAX 1500

static GHashTable *shared_layouts;   /* key → PangoLayout */
static GHashTable *shared_contexts;  /* font key → PangoContext */

/* A context of the chip's font of its own: a widget's context follows
 * the widget's font, which a layout shared with other chips must not. */
static PangoContext *
shared_context (RkEventChip *self)
{
  PangoContext *context;

  if (shared_contexts == NULL)
    shared_contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  context = g_hash_table_lookup (shared_contexts, self->font_key);
  if (context == NULL)
    {
      context = gtk_widget_create_pango_context (GTK_WIDGET (self));
      g_hash_table_insert (shared_contexts, g_strdup (self->font_key), context);
    }
  return context;
}

static PangoLayout *
shared_layout (RkEventChip *self, gboolean time, int width)
{
  const char *text = time ? self->time_text : self->shown_title;
  gboolean strike = self->attr_state & 1, italic = self->attr_state & 2;
  g_autofree char *key = g_strdup_printf ("%c%d %d %d %s\x1f%s", time ? 't' : 'n',
                                          self->attr_state, time ? 0 : width,
                                          time ? 0 : self->lines, self->font_key,
                                          text ? text : "");
  PangoLayout *layout;
  PangoAttrList *attrs;

  if (shared_layouts == NULL)
    shared_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (shared_layouts, key);
  if (layout)
    return layout;

  layout = pango_layout_new (shared_context (self));
  pango_layout_set_text (layout, text ? text : "", -1);
  /* What style.css gave the labels: a bold time in figures of one width,
   * an italic tentative title, a struck-through cancelled or skipped one;
   * the title wrapped to its lines, then ellipsized. */
  attrs = pango_attr_list_new ();
  if (time)
    {
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    }
  else
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -self->lines);
      pango_layout_set_width (layout, width < 0 ? -1 : width * PANGO_SCALE);
      if (italic)
        pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
    }
  if (strike)
    pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  if (g_hash_table_size (shared_layouts) >= SHARED_MAX)
    g_hash_table_remove_all (shared_layouts);
  g_hash_table_insert (shared_layouts, g_steal_pointer (&key), layout);
  return layout;
}

/* The texts, their style, the lines or the font changed: the layouts
 * are looked up again when next asked for. */
static void
forget_layouts (RkEventChip *self)
{
  g_clear_object (&self->time_layout);
  g_clear_object (&self->title_layout);
  self->title_width = -2;
}

static void
update_attributes (RkEventChip *self)
{
  gboolean strike = struck (self);
  gboolean italic = self->occ != NULL && self->occ->status == RK_OCC_TENTATIVE;
  int state = (strike ? 1 : 0) | (italic ? 2 : 0);

  if (state == self->attr_state)
    return;
  self->attr_state = state;
  forget_layouts (self);
  size_changed (self);
}

/* The widget's font changed (a banner is bold, a theme or a text scale
 * changed): the layouts measure again. */
static void
font_changed (RkEventChip *self, gboolean forget)
{
  if (!rk_gui_font_changed (GTK_WIDGET (self), &self->font, forget))
    return;
  self->char_width = 0;
  g_free (self->font_key);
  self->font_key = self->font ? pango_font_description_to_string (self->font) : g_strdup ("");
  /* The same description may render another size after a setting changed
   * (FORGET): nothing laid out before is kept. */
  if (forget && shared_layouts)
    {
      g_hash_table_remove_all (shared_layouts);
      g_hash_table_remove_all (shared_contexts);
    }
  forget_layouts (self);
  size_changed (self);
}

static void
ensure_layouts (RkEventChip *self)
{
  if (self->font == NULL)
    font_changed (self, FALSE);
  if (self->time_layout == NULL)
    self->time_layout = g_object_ref (shared_layout (self, TRUE, 0));
}

static void
rk_event_chip_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rk_event_chip_parent_class)->css_changed (widget, change);
  font_changed (RK_EVENT_CHIP (widget), FALSE);
}

static void
rk_event_chip_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (rk_event_chip_parent_class)->system_setting_changed (widget, setting);
  font_changed (RK_EVENT_CHIP (widget), TRUE);
}

static void
set_texts (RkEventChip *self, const char *time_text, const char *title, const RkOcc *occ)
{
  gboolean same = g_strcmp0 (self->time_text, time_text) == 0 &&
                  g_strcmp0 (self->shown_title, title) == 0;

  update_attributes (self);
  if (same)
    return;
  g_free (self->time_text);
  self->time_text = g_strdup (time_text);
  g_free (self->shown_title);
  self->shown_title = g_strdup (title);
  forget_layouts (self);
  size_changed (self);
}

static void
set_shape (RkEventChip *self, gboolean vertical, int lines)
{
  if (self->vertical != vertical)
    {
      self->vertical = vertical;
      size_changed (self);
    }
  rk_event_chip_set_title_lines (self, lines);
}

static gboolean
has_badge (RkEventChip *self)
{
  return self->n_problems > 0;
}

static void
time_size (RkEventChip *self, int *width, int *height)
{
  *width = *height = 0;
  ensure_layouts (self);
  if (self->show_time)
    pango_layout_get_pixel_size (self->time_layout, width, height);
}

/* The title wrapped at WIDTH px (-1: on one line as long as it is). */
static PangoLayout *
title_at (RkEventChip *self, int width)
{
  if (self->title_layout == NULL || width != self->title_width)
    {
      if (self->font == NULL)
        font_changed (self, FALSE);
      g_clear_object (&self->title_layout);
      self->title_layout = g_object_ref (shared_layout (self, FALSE, width));
      self->title_width = width;
    }
  return self->title_layout;
}

/* Side by side: the room the title has beside the time and the badge. */
static int
title_width_in (RkEventChip *self, int width)
{
  int time_w, time_h;

  if (width < 0 || self->vertical)
    return width;
  time_size (self, &time_w, &time_h);
  if (self->show_time)
    width -= time_w + SPACING;
  if (has_badge (self))
    width -= BADGE_SIZE + SPACING;
  return MAX (0, width);
}

static int
char_width (RkEventChip *self)
{
  if (self->char_width == 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = MAX (1, PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics)));
      pango_font_metrics_unref (metrics);
    }
  return self->char_width;
}

static GtkSizeRequestMode
rk_event_chip_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The content's size (inside the padding). */
static void
measure_content (RkEventChip    *self,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural)
{
  int time_w, time_h, badge = has_badge (self) ? BADGE_SIZE : 0;

  ensure_layouts (self);
  if (self->font == NULL)
    font_changed (self, FALSE);
  time_size (self, &time_w, &time_h);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title_nat = 0, title_min;

      pango_layout_get_pixel_size (title_at (self, -1), &title_nat, NULL);
      title_min = MIN (title_nat, TITLE_MIN_CHARS * char_width (self));
      if (self->vertical)
        {
          *minimum = MAX (MAX (time_w, title_min), badge);
          *natural = MAX (MAX (time_w, title_nat), badge);
        }
      else
        {
          int rest = (self->show_time ? time_w + SPACING : 0) + (badge ? badge + SPACING : 0);

          *minimum = rest + title_min;
          *natural = rest + title_nat;
        }
    }
  else
    {
      int title_h = 0;

      pango_layout_get_pixel_size (title_at (self, title_width_in (self, for_size)), NULL, &title_h);
      if (self->vertical)
        *minimum = *natural = time_h + title_h + badge;
      else
        *minimum = *natural = MAX (MAX (time_h, title_h), badge);
    }
}

static void
rk_event_chip_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RkEventChip *self = RK_EVENT_CHIP (widget);

  /* A chip its parent draws is sized by it (rk_event_chip_height_for). */
  if (self->drawn_by_parent)
    {
      *minimum = *natural = 0;
      return;
    }
  measure_content (self, orientation, for_size, minimum, natural);
}

static void
draw_badge (RkEventChip *self, GtkSnapshot *snapshot, double x, double y, float alpha)
{
  /* The problems' colour of style.css, in light and dark alike. */
  GdkRGBA colors[4] = { { 0.776, 0.275, 0.0, alpha }, { 0.878, 0.106, 0.141, alpha },
                        { 0.961, 0.475, 0.0, alpha }, { 0.180, 0.761, 0.494, alpha } };

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (
                                              rk_gui_symbolic_icon (GTK_WIDGET (self),
                                                                    "dialog-warning-symbolic",
                                                                    BADGE_SIZE)),
                                            snapshot,
                                            BADGE_SIZE, BADGE_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

/* The time, the title and the badge in a content box WIDTH wide at the
 * snapshot's origin, their colours' alpha times ALPHA. */
static void
draw_content (RkEventChip *self, GtkSnapshot *snapshot, int width, float alpha)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int time_w, time_h, title_h = 0, title_w;
  GdkRGBA color;
  PangoLayout *title;

  ensure_layouts (self);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (struck (self))
    color.alpha *= 0.6;
  color.alpha *= alpha;
  time_size (self, &time_w, &time_h);
  title_w = title_width_in (self, width);
  title = title_at (self, title_w);
  pango_layout_get_pixel_size (title, NULL, &title_h);
  if (self->vertical)
    {
      if (self->show_time)
        rk_gui_append_layout (snapshot, self->time_layout, 0, 0, &color);
      rk_gui_append_layout (snapshot, title, 0, time_h, &color);
      if (has_badge (self))
        draw_badge (self, snapshot, 0, time_h + title_h, alpha);
    }
  else
    {
      double x = 0;

      if (self->show_time)
        {
          rk_gui_append_layout (snapshot, self->time_layout, 0, 0, &color);
          x = time_w + SPACING;
        }
      rk_gui_append_layout (snapshot, title, x, 0, &color);
      if (has_badge (self))
        {
          int content_h = MAX (MAX (time_h, title_h), BADGE_SIZE);

          draw_badge (self, snapshot, x + title_w + SPACING, (content_h - BADGE_SIZE) / 2.0, alpha);
        }
    }
}

static gboolean
rk_event_chip_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_tooltip,
                             GtkTooltip *tooltip)
{
  const char *markup = rk_event_chip_get_tooltip_markup (RK_EVENT_CHIP (widget));

  if (markup == NULL)
    return FALSE;
  /* Japanese wrapped only where a line may end, not after every few
   * characters; the markup's tags are ASCII and stay as they are. */
  {
    g_autofree char *shown = rk_tooltip_unbreakable (markup);
    gtk_tooltip_set_markup (tooltip, shown);
  }
  return TRUE;
}

/* The program colour is data, not theme: a light wash of it behind the
 * text and a solid stripe at the start, so that many chips stay legible;
 * over the whole box, the padding too, the stripe in the start padding,
 * never under the time. */
static void
draw_background (RkEventChip *self, GtkSnapshot *snapshot, const graphene_rect_t *box,
                 float alpha)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GskRoundedRect outline;
  GdkRGBA tint = self->color, stripe = self->color;
  /* A banner continued from the day before or to the day after has
   * square ends there, so that the days join into one band. */
  gboolean before = self->banner && self->continues_before;
  gboolean after = self->banner && self->continues_after;
  graphene_size_t round = GRAPHENE_SIZE_INIT (4, 4), square = GRAPHENE_SIZE_INIT (0, 0);

  tint.alpha = gtk_widget_has_css_class (widget, "cancelled") ||
               gtk_widget_has_css_class (widget, "skipped") ? 0.10
               : self->banner ? 0.45 : 0.30;
  /* Tentative: a paler wash inside the dashed border. */
  if (gtk_widget_has_css_class (widget, "tentative"))
    tint.alpha = 0.14;
  tint.alpha *= alpha;
  stripe.alpha *= alpha;
  /* A sliver of a block (many events at once in a time grid) is a plain
   * bar: its round corners would not show, and cost cairo a mask each. */
  if (box->size.width < 12)
    {
      gtk_snapshot_append_color (snapshot, &tint, box);
      if (!before)
        gtk_snapshot_append_color (snapshot, &stripe,
                                   &GRAPHENE_RECT_INIT (box->origin.x, box->origin.y,
                                                        MIN (4, box->size.width), box->size.height));
      return;
    }
  gsk_rounded_rect_init (&outline, box, before ? &square : &round, after ? &square : &round,
                         after ? &square : &round, before ? &square : &round);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &tint, box);
  if (!before)
    gtk_snapshot_append_color (snapshot, &stripe,
                               &GRAPHENE_RECT_INIT (box->origin.x, box->origin.y, 4,
                                                    box->size.height));
  gtk_snapshot_pop (snapshot);
}

static void
rk_event_chip_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RkEventChip *self = RK_EVENT_CHIP (widget);
  graphene_rect_t box;

  if (self->drawn_by_parent)
    return;
  /* The snapshot's origin is the content box; the wash covers the
   * padding too. */
  if (!gtk_widget_compute_bounds (widget, widget, &box))
    graphene_rect_init (&box, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  draw_background (self, snapshot, &box, 1);
  draw_content (self, snapshot, gtk_widget_get_width (widget), 1);
}

/* ---- drawn by its parent ------------------------------------------------ */

/* What style.css gives a chip GTK draws: its padding and border together. */
static void
chip_padding (RkEventChip *self, int *top, int *right, int *bottom, int *left)
{
  gboolean tentative = gtk_widget_has_css_class (GTK_WIDGET (self), "tentative");

  *top = *bottom = 1;
  *right = 4;
  *left = 8;
  if (self->block)
    {
      *top = *bottom = 2;
      if (tentative)
        *top = *bottom = 3, *right = 5, *left = 9;
    }
  else if (self->banner && !tentative)
    *left = self->continues_before ? 4 : 12;
}

static void
append_ring (GtkSnapshot *snapshot, const graphene_rect_t *box, float width, GdkRGBA color)
{
  GskRoundedRect ring;
  const GdkRGBA colors[4] = { color, color, color, color };
  const float widths[4] = { width, width, width, width };

  gsk_rounded_rect_init_from_rect (&ring, box, 4);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}

static void
draw_dashes (cairo_t *cr, const graphene_rect_t *box, const GdkRGBA *color)
{
  static const double dash[] = { 3, 3 };
  double x = box->origin.x + 0.5, y = box->origin.y + 0.5;
  double w = box->size.width - 1, h = box->size.height - 1, r = 3.5;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_stroke (cr);
}

void
rk_event_chip_set_drawn_by_parent (RkEventChip *self,
                                   gboolean     drawn)
{
  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  drawn = !!drawn;
  if (self->drawn_by_parent == drawn)
    return;
  self->drawn_by_parent = drawn;
  /* Its own box (padding, border, outline) is drawn below, not by GTK. */
  rk_gui_set_class (GTK_WIDGET (self), "drawn", drawn);
  size_changed (self);
}

int
rk_event_chip_height_for (RkEventChip *self,
                          int          width)
{
  int top, right, bottom, left, min = 0, nat = 0;

  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), 0);

  if (self->font == NULL)
    font_changed (self, FALSE);
  if (self->height_for == width)
    return self->height;
  chip_padding (self, &top, &right, &bottom, &left);
  measure_content (self, GTK_ORIENTATION_VERTICAL, MAX (0, width - left - right), &min, &nat);
  self->height_for = width;
  self->height = nat + top + bottom;
  return self->height;
}

int
rk_event_chip_min_width (RkEventChip *self)
{
  int top, right, bottom, left, time_w = 0, time_h;

  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), 0);

  ensure_layouts (self);
  if (self->font == NULL)
    font_changed (self, FALSE);
  chip_padding (self, &top, &right, &bottom, &left);
  time_size (self, &time_w, &time_h);
  if (self->vertical)
    return left + right + MAX (MAX (time_w, TITLE_MIN_CHARS * char_width (self)),
                               has_badge (self) ? BADGE_SIZE : 0);
  return left + right + (self->show_time ? time_w + SPACING : 0) +
         (has_badge (self) ? BADGE_SIZE + SPACING : 0) + TITLE_MIN_CHARS * char_width (self);
}

void
rk_event_chip_draw (RkEventChip           *self,
                    GtkSnapshot           *snapshot,
                    const graphene_rect_t *box,
                    float                  alpha)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStateFlags state = gtk_widget_get_state_flags (widget);
  int top, right, bottom, left;
  GdkRGBA fg;

  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (gtk_widget_has_css_class (widget, "continued"))
    alpha *= 0.75;
  draw_background (self, snapshot, box, alpha);
  if (gtk_widget_has_css_class (widget, "tentative"))
    {
      GdkRGBA dashes = fg;
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, box);

      dashes.alpha *= 0.55 * alpha;
      draw_dashes (cr, box, &dashes);
      cairo_destroy (cr);
    }
  if (gtk_widget_has_css_class (widget, "clash"))
    append_ring (snapshot, box, 2, (GdkRGBA) { 0xc0 / 255.f, 0x1c / 255.f, 0x28 / 255.f, alpha });
  else if (state & GTK_STATE_FLAG_PRELIGHT)
    append_ring (snapshot, box, 1, (GdkRGBA) { fg.red, fg.green, fg.blue, fg.alpha * 0.25f * alpha });
  if (state & GTK_STATE_FLAG_FOCUS_VISIBLE)
    append_ring (snapshot, box, 2, rk_gui_named_color (widget, "theme_selected_bg_color", "#3584e4"));

  chip_padding (self, &top, &right, &bottom, &left);
  /* A block narrower than one character beside its padding (many events
   * at once in a time grid) has no text to show: its tooltip and
   * accessible text say what it is. */
  if (box->size.width - left - right < char_width (self))
    return;
  gtk_snapshot_save (snapshot);
  /* A short block shows what fits its height, not text over the next one. */
  if (self->block)
    gtk_snapshot_push_clip (snapshot, box);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box->origin.x + left,
                                                          box->origin.y + top));
  draw_content (self, snapshot, MAX (0, (int) box->size.width - left - right), alpha);
  if (self->block)
    gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

/* A hover, a press or the focus: the parent draws it again. */
static void
rk_event_chip_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkStateFlags shown = GTK_STATE_FLAG_PRELIGHT | GTK_STATE_FLAG_FOCUS_VISIBLE;
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (rk_event_chip_parent_class)->state_flags_changed (widget, previous);
  if (RK_EVENT_CHIP (widget)->drawn_by_parent && parent
      && ((gtk_widget_get_state_flags (widget) ^ previous) & shown))
    gtk_widget_queue_draw (parent);
}

static void
rk_event_chip_dispose (GObject *object)
{
  RkEventChip *self = RK_EVENT_CHIP (object);

  g_clear_object (&self->time_layout);
  g_clear_object (&self->title_layout);
  g_clear_pointer (&self->data, rk_month_data_unref);
  self->occ = NULL;
  G_OBJECT_CLASS (rk_event_chip_parent_class)->dispose (object);
}

static void
rk_event_chip_finalize (GObject *object)
{
  RkEventChip *self = RK_EVENT_CHIP (object);

  g_free (self->title);
  g_free (self->time_text);
  g_free (self->font_key);
  g_free (self->shown_title);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->tooltip);
  g_free (self->accessible);
  G_OBJECT_CLASS (rk_event_chip_parent_class)->finalize (object);
}

static void
rk_event_chip_class_init (RkEventChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_event_chip_dispose;
  object_class->finalize = rk_event_chip_finalize;
  widget_class->snapshot = rk_event_chip_snapshot;
  widget_class->query_tooltip = rk_event_chip_query_tooltip;
  widget_class->get_request_mode = rk_event_chip_get_request_mode;
  widget_class->measure = rk_event_chip_measure;
  widget_class->css_changed = rk_event_chip_css_changed;
  widget_class->system_setting_changed = rk_event_chip_system_setting_changed;
  widget_class->state_flags_changed = rk_event_chip_state_flags_changed;

  gtk_widget_class_set_css_name (widget_class, "eventchip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, cancel_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, cancel_cb, NULL);
}

static void
rk_event_chip_init (RkEventChip *self)
{
  GtkGesture *click;
  GtkDragSource *drag;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "event-chip");
  self->show_time = TRUE;
  self->lines = 2;
  self->title_width = -2;
  self->height_for = -1;
  gdk_rgba_parse (&self->color, "#9A9996");

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
rk_event_chip_new (void)
{
  return g_object_new (RK_TYPE_EVENT_CHIP, NULL);
}

void
rk_event_chip_bind (RkEventChip *self,
                    RkMonthData *data,
                    const RkOcc *occ)
{
  GPtrArray *problems = rk_month_data_occ_problems (data, occ);
  g_autofree char *time_text = NULL;
  int minute = rk_minute_of_day (occ->start);
  gboolean cancelled = occ->status == RK_OCC_CANCELLED;
  guint n_problems_before;

  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  if (self->data != data)
    {
      g_clear_pointer (&self->data, rk_month_data_unref);
      self->data = rk_month_data_ref (data);
    }
  self->occ = occ;
  self->event_id = occ->event->id;
  self->orig_date = occ->orig_date;
  self->day = rk_occ_day (occ);
  n_problems_before = self->n_problems;
  g_free (self->title);
  self->title = g_strdup (rk_sevent_title (occ->event));
  self->n_problems = problems ? problems->len : 0;
  gdk_rgba_parse (&self->color, rk_occ_color (occ));

  time_text = g_strdup_printf ("%d:%02d", minute / 60, minute % 60);
  set_texts (self, time_text, self->title, occ);

  rk_gui_set_class (GTK_WIDGET (self), "cancelled", cancelled);
  rk_gui_set_class (GTK_WIDGET (self), "skipped", occ->status == RK_OCC_SKIPPED);
  if ((occ->status == RK_OCC_TENTATIVE) != gtk_widget_has_css_class (GTK_WIDGET (self), "tentative"))
    size_changed (self);   /* its border */
  rk_gui_set_class (GTK_WIDGET (self), "tentative", occ->status == RK_OCC_TENTATIVE);
  if (self->n_problems > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "has-problems");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "has-problems");

  /* The tooltip (staffing, problems…) is made when it is shown: making
   * 126 of them per month switch was a third of the grid's binding. */
  g_clear_pointer (&self->tooltip, g_free);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  /* What a screen reader says, now or, for a chip its parent draws,
   * when the parent asks (after the frame that shows the chip). */
  g_clear_pointer (&self->accessible, g_free);
  if (!self->drawn_by_parent)
    rk_event_chip_update_accessible (self);
  if ((n_problems_before > 0) != (self->n_problems > 0))
    size_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rk_event_chip_update_accessible (RkEventChip *self)
{
  GPtrArray *problems;

  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  if (self->accessible != NULL || self->occ == NULL)
    return;
  problems = rk_month_data_occ_problems (self->data, self->occ);
  self->accessible = rk_event_chip_describe (self->data, self->occ);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->accessible, -1);
  /* The problems themselves, read after the label. */
  if (self->n_problems > 0)
    {
      GString *all = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (all, "%s%s", i ? "\n" : "",
                                rk_problem_get_message (g_ptr_array_index (problems, i)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      all->str, -1);
      g_string_free (all, TRUE);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Time, title, place, what the dashes and strike-through show, and the
 * number of problems: the chip as a screen reader says it. */
char *
rk_event_chip_describe (RkMonthData *data,
                        const RkOcc *occ)
{
  GPtrArray *problems = rk_month_data_occ_problems (data, occ);
  g_autofree char *range = rk_occ_time_text (occ);
  g_autofree char *place = rk_occ_place_text (occ);
  GString *text = g_string_new (NULL);
  guint n_problems = problems ? problems->len : 0;

  /* TRANSLATORS: an event read aloud: its time range and title */
  g_string_append_printf (text, _("%s %s"), range, rk_sevent_title (occ->event));
  if (place && *place)
    g_string_append_printf (text, _(", %s"), place);
  if (occ->status == RK_OCC_CANCELLED)
    g_string_append_printf (text, _(", %s"), _("Cancelled"));
  else if (occ->status == RK_OCC_SKIPPED)
    g_string_append_printf (text, _(", %s"), _("Not held"));
  if ((occ->status == RK_OCC_CANCELLED || occ->status == RK_OCC_SKIPPED) &&
      rk_occ_own_reason (occ))
    g_string_append_printf (text, _(" (%s)"), rk_occ_own_reason (occ));
  else if (occ->status == RK_OCC_TENTATIVE)
    g_string_append_printf (text, _(", %s"), _("Tentative: not confirmed yet"));
  if (n_problems > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem",
                                                             "%u problems", n_problems),
                                                n_problems);

      g_string_append_printf (text, _(", %s"), count);
    }
  return g_string_free (text, FALSE);
}

const char *
rk_event_chip_get_accessible_text (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), NULL);
  rk_event_chip_update_accessible (self);
  return self->accessible;
}

gint64
rk_event_chip_get_event_id (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), 0);
  return self->event_id;
}

RkDay
rk_event_chip_get_orig_date (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), 0);
  return self->orig_date;
}

RkDay
rk_event_chip_get_day (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), 0);
  return self->day;
}

const char *
rk_event_chip_get_title (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), NULL);
  return self->title;
}

guint
rk_event_chip_get_n_problems (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), 0);
  return self->n_problems;
}

void
rk_event_chip_set_block (RkEventChip *self,
                         gboolean     block)
{
  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  /* A block of a time grid: the time above a title that wraps, as tall as
   * the occurrence is long. */
  if (self->block != !!block)
    size_changed (self);
  self->block = !!block;
  set_shape (self, block, block ? 3 : 2);
  /* A short block shows what fits its height, not text over the next one. */
  gtk_widget_set_overflow (GTK_WIDGET (self), block ? GTK_OVERFLOW_HIDDEN : GTK_OVERFLOW_VISIBLE);
  rk_gui_set_class (GTK_WIDGET (self), "block", block);
}

const RkOcc *
rk_event_chip_get_occ (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), NULL);
  return self->occ;
}

const char *
rk_event_chip_get_tooltip_markup (RkEventChip *self)
{
  g_return_val_if_fail (RK_IS_EVENT_CHIP (self), NULL);

  if (self->tooltip == NULL && self->occ != NULL)
    self->tooltip = make_tooltip (self);
  return self->tooltip;
}

void
rk_event_chip_set_banner (RkEventChip *self,
                          gboolean     banner,
                          gboolean     continues_before,
                          gboolean     continues_after)
{
  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  /* An all-day or multi-day event across the days it covers: no time, its
   * title on one line in each day. */
  continues_before = banner && continues_before;
  continues_after = banner && continues_after;
  if (self->banner != !!banner || self->continues_before != continues_before)
    size_changed (self);
  self->banner = !!banner;
  self->continues_before = continues_before;
  self->continues_after = continues_after;
  rk_gui_set_class (GTK_WIDGET (self), "banner", banner);
  rk_gui_set_class (GTK_WIDGET (self), "continues-before", continues_before);
  rk_gui_set_class (GTK_WIDGET (self), "continues-after", continues_after);
  if (self->show_time != !banner)
    {
      self->show_time = !banner;
      size_changed (self);
    }
  rk_event_chip_set_title_lines (self, banner ? 1 : 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rk_event_chip_set_title_lines (RkEventChip *self,
                               int          lines)
{
  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  lines = MAX (1, lines);
  if (self->lines == lines)
    return;
  self->lines = lines;
  g_clear_object (&self->title_layout);
  self->title_width = -2;
  size_changed (self);
}

void
rk_event_chip_set_block_compact (RkEventChip *self,
                                 gboolean     compact)
{
  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  if (self->vertical == !compact)
    return;
  set_shape (self, !compact, compact ? 1 : 3);
}
