#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "rk-event-chip.h"
#include "rk-gui-util.h"
#include "rk-tooltip.h"
#include "rk-problem.h"

struct _RkEventChip
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *time_label;
  GtkWidget *title_label;
  GtkWidget *badge;

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
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

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
      g_autofree char *escaped = occ->reason ? g_markup_escape_text (occ->reason, -1) : NULL;

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

static void
rk_event_chip_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RkEventChip *self = RK_EVENT_CHIP (widget);
  graphene_rect_t box;
  GskRoundedRect outline;
  GdkRGBA tint = self->color;

  /* The program colour is data, not theme: a light wash of it behind the
   * text and a solid stripe at the start, so that many chips stay legible. */
  tint.alpha = gtk_widget_has_css_class (widget, "cancelled") ||
               gtk_widget_has_css_class (widget, "skipped") ? 0.10
               : gtk_widget_has_css_class (widget, "banner") ? 0.45 : 0.30;
  /* Tentative: a paler wash inside the dashed border (style.css). */
  if (gtk_widget_has_css_class (widget, "tentative"))
    tint.alpha = 0.14;
  /* Over the whole chip, its padding too (the snapshot's origin is the
   * content box): the stripe lies in the start padding, never under the
   * time. */
  if (!gtk_widget_compute_bounds (widget, widget, &box))
    graphene_rect_init (&box, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  {
    /* A banner continued from the day before or to the day after has
     * square ends there, so that the days join into one band. */
    graphene_size_t round = GRAPHENE_SIZE_INIT (4, 4), square = GRAPHENE_SIZE_INIT (0, 0);
    gboolean before = gtk_widget_has_css_class (widget, "continues-before");
    gboolean after = gtk_widget_has_css_class (widget, "continues-after");

    gsk_rounded_rect_init (&outline, &box, before ? &square : &round, after ? &square : &round,
                           after ? &square : &round, before ? &square : &round);
  }
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &tint, &box);
  if (!gtk_widget_has_css_class (widget, "continues-before"))
    gtk_snapshot_append_color (snapshot, &self->color,
                               &GRAPHENE_RECT_INIT (box.origin.x, box.origin.y, 4, box.size.height));
  gtk_snapshot_pop (snapshot);

  GTK_WIDGET_CLASS (rk_event_chip_parent_class)->snapshot (widget, snapshot);
}

static void
rk_event_chip_dispose (GObject *object)
{
  RkEventChip *self = RK_EVENT_CHIP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_EVENT_CHIP);
  /* The template's top box is not bound to a field: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->data, rk_month_data_unref);
  self->occ = NULL;
  G_OBJECT_CLASS (rk_event_chip_parent_class)->dispose (object);
}

static void
rk_event_chip_finalize (GObject *object)
{
  RkEventChip *self = RK_EVENT_CHIP (object);

  g_free (self->title);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-event-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, RkEventChip, box);
  gtk_widget_class_bind_template_child (widget_class, RkEventChip, time_label);
  gtk_widget_class_bind_template_child (widget_class, RkEventChip, title_label);
  gtk_widget_class_bind_template_child (widget_class, RkEventChip, badge);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
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

  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_free (self->title);
  self->title = g_strdup (rk_sevent_title (occ->event));
  self->n_problems = problems ? problems->len : 0;
  gdk_rgba_parse (&self->color, rk_occ_color (occ));

  time_text = g_strdup_printf ("%d:%02d", minute / 60, minute % 60);
  gtk_label_set_text (GTK_LABEL (self->time_label), time_text);
  gtk_label_set_text (GTK_LABEL (self->title_label), self->title);
  gtk_widget_set_visible (self->badge, self->n_problems > 0);

  rk_gui_set_class (GTK_WIDGET (self), "cancelled", cancelled);
  rk_gui_set_class (GTK_WIDGET (self), "skipped", occ->status == RK_OCC_SKIPPED);
  if (occ->status == RK_OCC_TENTATIVE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "tentative");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "tentative");
  if (self->n_problems > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "has-problems");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "has-problems");

  /* The tooltip (staffing, problems…) is made when it is shown: making
   * 126 of them per month switch was a third of the grid's binding. */
  g_clear_pointer (&self->tooltip, g_free);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_free (self->accessible);
  self->accessible = rk_event_chip_describe (data, occ);
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  if ((occ->status == RK_OCC_CANCELLED || occ->status == RK_OCC_SKIPPED) && occ->reason &&
      *occ->reason)
    g_string_append_printf (text, _(" (%s)"), occ->reason);
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
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->box),
                                  block ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self->box), block ? 0 : 4);
  gtk_widget_set_valign (self->box, block ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  gtk_label_set_lines (GTK_LABEL (self->title_label), block ? 3 : 2);
  gtk_widget_set_halign (self->badge, block ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  /* A short block shows what fits its height, not text over the next one. */
  gtk_widget_set_overflow (GTK_WIDGET (self), block ? GTK_OVERFLOW_HIDDEN : GTK_OVERFLOW_VISIBLE);
  if (block)
    gtk_widget_add_css_class (GTK_WIDGET (self), "block");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "block");
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
  rk_gui_set_class (GTK_WIDGET (self), "banner", banner);
  rk_gui_set_class (GTK_WIDGET (self), "continues-before", banner && continues_before);
  rk_gui_set_class (GTK_WIDGET (self), "continues-after", banner && continues_after);
  gtk_widget_set_visible (self->time_label, !banner);
  rk_event_chip_set_title_lines (self, banner ? 1 : 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rk_event_chip_set_title_lines (RkEventChip *self,
                               int          lines)
{
  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  gtk_label_set_wrap (GTK_LABEL (self->title_label), lines > 1);
  gtk_label_set_lines (GTK_LABEL (self->title_label), lines);
}

void
rk_event_chip_set_block_compact (RkEventChip *self,
                                 gboolean     compact)
{
  GtkOrientation orientation = compact ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  g_return_if_fail (RK_IS_EVENT_CHIP (self));

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->box)) == orientation)
    return;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->box), orientation);
  gtk_box_set_spacing (GTK_BOX (self->box), compact ? 4 : 0);
  rk_event_chip_set_title_lines (self, compact ? 1 : 3);
}
