#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include "rk-connection-bar.h"

struct _RkConnectionBar
{
  GtkWidget  parent_instance;

  GtkWidget *revealer;
  RkContext *context;
};

G_DEFINE_FINAL_TYPE (RkConnectionBar, rk_connection_bar, GTK_TYPE_WIDGET)

static void
on_connected (RkConnectionBar *self)
{
  gboolean away = !rk_store_worker_get_connected (rk_context_get_worker (self->context));

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), away);
  /* Not in the way of the clicks meant for the grid under it. */
  gtk_widget_set_can_target (GTK_WIDGET (self), away);
}

gboolean
rk_connection_bar_get_shown (RkConnectionBar *self)
{
  g_return_val_if_fail (RK_IS_CONNECTION_BAR (self), FALSE);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer));
}

static void
rk_connection_bar_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  RkConnectionBar *self = RK_CONNECTION_BAR (object);

  self->context = g_value_dup_object (value);
  g_signal_connect_object (rk_context_get_worker (self->context), "notify::connected",
                           G_CALLBACK (on_connected), self, G_CONNECT_SWAPPED);
  on_connected (self);
}

static void
rk_connection_bar_dispose (GObject *object)
{
  RkConnectionBar *self = RK_CONNECTION_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_CONNECTION_BAR);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_connection_bar_parent_class)->dispose (object);
}

static void
rk_connection_bar_class_init (RkConnectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_connection_bar_dispose;
  object_class->set_property = rk_connection_bar_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-connection-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RkConnectionBar, revealer);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
rk_connection_bar_init (RkConnectionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
