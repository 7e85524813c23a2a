#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include "rk-year-day.h"

struct _RkYearDay
{
  GtkWidget             parent_instance;

  char                 *text;
  PangoLayout          *layout;
  PangoFontDescription *font;     /* the layout was made for it */
};

G_DEFINE_FINAL_TYPE (RkYearDay, rk_year_day, GTK_TYPE_WIDGET)

enum { CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static PangoLayout *
layout (RkYearDay *self)
{
  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  return self->layout;
}

/* Bold on holidays and Sundays (style.css): the layout measures again. */
static void
font_changed (RkYearDay *self)
{
  const PangoFontDescription *font =
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (self->font && font && pango_font_description_equal (self->font, font))
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font ? pango_font_description_copy (font) : NULL;
  if (self->layout)
    pango_layout_context_changed (self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rk_year_day_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rk_year_day_parent_class)->css_changed (widget, change);
  font_changed (RK_YEAR_DAY (widget));
}

static void
rk_year_day_system_setting_changed (GtkWidget        *widget,
                                    GtkSystemSetting  setting)
{
  RkYearDay *self = RK_YEAR_DAY (widget);

  GTK_WIDGET_CLASS (rk_year_day_parent_class)->system_setting_changed (widget, setting);
  g_clear_pointer (&self->font, pango_font_description_free);
  font_changed (self);
}

static void
rk_year_day_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  RkYearDay *self = RK_YEAR_DAY (widget);
  int width = 0, height = 0;

  if (self->font == NULL)
    font_changed (self);
  pango_layout_get_pixel_size (layout (self), &width, &height);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
}

static void
rk_year_day_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  RkYearDay *self = RK_YEAR_DAY (widget);
  int width = 0, height = 0;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0')
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  pango_layout_get_pixel_size (layout (self), &width, &height);
  /* Centred, as a button's label. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - width) / 2,
                                                (gtk_widget_get_height (widget) - height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

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

static void
rk_year_day_dispose (GObject *object)
{
  RkYearDay *self = RK_YEAR_DAY (object);

  g_clear_object (&self->layout);
  G_OBJECT_CLASS (rk_year_day_parent_class)->dispose (object);
}

static void
rk_year_day_finalize (GObject *object)
{
  RkYearDay *self = RK_YEAR_DAY (object);

  g_free (self->text);
  g_clear_pointer (&self->font, pango_font_description_free);
  G_OBJECT_CLASS (rk_year_day_parent_class)->finalize (object);
}

static void
rk_year_day_class_init (RkYearDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_year_day_dispose;
  object_class->finalize = rk_year_day_finalize;
  widget_class->measure = rk_year_day_measure;
  widget_class->snapshot = rk_year_day_snapshot;
  widget_class->css_changed = rk_year_day_css_changed;
  widget_class->system_setting_changed = rk_year_day_system_setting_changed;

  signals[CLICKED] = g_signal_new ("clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* A flat button's look, from the theme and style.css. */
  gtk_widget_class_set_css_name (widget_class, "button");
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

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  g_signal_connect (click, "stopped", G_CALLBACK (on_stopped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
rk_year_day_new (void)
{
  return g_object_new (RK_TYPE_YEAR_DAY, NULL);
}

void
rk_year_day_set_text (RkYearDay  *self,
                      const char *text)
{
  g_return_if_fail (RK_IS_YEAR_DAY (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
rk_year_day_get_text (RkYearDay *self)
{
  g_return_val_if_fail (RK_IS_YEAR_DAY (self), NULL);
  return self->text ? self->text : "";
}
