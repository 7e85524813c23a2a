#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-equipment.h"

struct _RkEquipment
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gint64 venue_id;
  char *venue_name;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkEquipment, rk_equipment, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_VENUE_ID,
  PROP_VENUE_NAME,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_equipment_finalize (GObject *object)
{
  RkEquipment *self = RK_EQUIPMENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->venue_name, g_free);

  G_OBJECT_CLASS (rk_equipment_parent_class)->finalize (object);
}

static void
rk_equipment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RkEquipment *self = RK_EQUIPMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VENUE_ID:
      g_value_set_int64 (value, self->venue_id);
      break;

    case PROP_VENUE_NAME:
      g_value_set_string (value, self->venue_name);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_equipment_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RkEquipment *self = RK_EQUIPMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_equipment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rk_equipment_set_name (self, g_value_get_string (value));
      break;

    case PROP_VENUE_ID:
      rk_equipment_set_venue_id (self, g_value_get_int64 (value));
      break;

    case PROP_VENUE_NAME:
      rk_equipment_set_venue_name (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      rk_equipment_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_equipment_class_init (RkEquipmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_equipment_finalize;
  object_class->get_property = rk_equipment_get_property;
  object_class->set_property = rk_equipment_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VENUE_ID] =
    g_param_spec_int64 ("venue-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VENUE_NAME] =
    g_param_spec_string ("venue-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_equipment_init (RkEquipment *self G_GNUC_UNUSED)
{
}

RkEquipment *
rk_equipment_new (void)
{
  return g_object_new (RK_TYPE_EQUIPMENT, NULL);
}

gint64
rk_equipment_get_id (RkEquipment *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT (self), 0);

  return self->id;
}

void
rk_equipment_set_id (RkEquipment *self,
                     gint64       id)
{
  g_return_if_fail (RK_IS_EQUIPMENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rk_equipment_get_name (RkEquipment *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT (self), NULL);

  return self->name;
}

void
rk_equipment_set_name (RkEquipment *self,
                       const char  *name)
{
  g_return_if_fail (RK_IS_EQUIPMENT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
rk_equipment_get_venue_id (RkEquipment *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT (self), 0);

  return self->venue_id;
}

void
rk_equipment_set_venue_id (RkEquipment *self,
                           gint64       venue_id)
{
  g_return_if_fail (RK_IS_EQUIPMENT (self));

  if (self->venue_id == venue_id)
    return;

  self->venue_id = venue_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE_ID]);
}

const char *
rk_equipment_get_venue_name (RkEquipment *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT (self), NULL);

  return self->venue_name;
}

void
rk_equipment_set_venue_name (RkEquipment *self,
                             const char  *venue_name)
{
  g_return_if_fail (RK_IS_EQUIPMENT (self));

  if (g_strcmp0 (self->venue_name, venue_name) == 0)
    return;

  g_free (self->venue_name);
  self->venue_name = g_strdup (venue_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE_NAME]);
}

gint64
rk_equipment_get_version (RkEquipment *self)
{
  g_return_val_if_fail (RK_IS_EQUIPMENT (self), 0);

  return self->version;
}

void
rk_equipment_set_version (RkEquipment *self,
                          gint64       version)
{
  g_return_if_fail (RK_IS_EQUIPMENT (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
