#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-room.h"

struct _RkRoom
{
  GObject parent_instance;

  gint64 id;
  gint64 venue_id;
  char *venue_name;
  char *name;
  int capacity;
  char *features;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkRoom, rk_room, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_VENUE_ID,
  PROP_VENUE_NAME,
  PROP_NAME,
  PROP_CAPACITY,
  PROP_FEATURES,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_room_finalize (GObject *object)
{
  RkRoom *self = RK_ROOM (object);

  g_clear_pointer (&self->venue_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->features, g_free);

  G_OBJECT_CLASS (rk_room_parent_class)->finalize (object);
}

static void
rk_room_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RkRoom *self = RK_ROOM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VENUE_ID:
      g_value_set_int64 (value, self->venue_id);
      break;

    case PROP_VENUE_NAME:
      g_value_set_string (value, self->venue_name);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CAPACITY:
      g_value_set_int (value, self->capacity);
      break;

    case PROP_FEATURES:
      g_value_set_string (value, self->features);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_room_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RkRoom *self = RK_ROOM (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_room_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VENUE_ID:
      rk_room_set_venue_id (self, g_value_get_int64 (value));
      break;

    case PROP_VENUE_NAME:
      rk_room_set_venue_name (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      rk_room_set_name (self, g_value_get_string (value));
      break;

    case PROP_CAPACITY:
      rk_room_set_capacity (self, g_value_get_int (value));
      break;

    case PROP_FEATURES:
      rk_room_set_features (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      rk_room_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_room_class_init (RkRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_room_finalize;
  object_class->get_property = rk_room_get_property;
  object_class->set_property = rk_room_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VENUE_ID] =
    g_param_spec_int64 ("venue-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VENUE_NAME] =
    g_param_spec_string ("venue-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CAPACITY] =
    g_param_spec_int ("capacity", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_FEATURES] =
    g_param_spec_string ("features", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_room_init (RkRoom *self G_GNUC_UNUSED)
{
}

RkRoom *
rk_room_new (void)
{
  return g_object_new (RK_TYPE_ROOM, NULL);
}

gint64
rk_room_get_id (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), 0);

  return self->id;
}

void
rk_room_set_id (RkRoom *self,
                gint64  id)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
rk_room_get_venue_id (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), 0);

  return self->venue_id;
}

void
rk_room_set_venue_id (RkRoom *self,
                      gint64  venue_id)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (self->venue_id == venue_id)
    return;

  self->venue_id = venue_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE_ID]);
}

const char *
rk_room_get_venue_name (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), NULL);

  return self->venue_name;
}

void
rk_room_set_venue_name (RkRoom     *self,
                        const char *venue_name)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (g_strcmp0 (self->venue_name, venue_name) == 0)
    return;

  g_free (self->venue_name);
  self->venue_name = g_strdup (venue_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE_NAME]);
}

const char *
rk_room_get_name (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), NULL);

  return self->name;
}

void
rk_room_set_name (RkRoom     *self,
                  const char *name)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

int
rk_room_get_capacity (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), 0);

  return self->capacity;
}

void
rk_room_set_capacity (RkRoom *self,
                      int     capacity)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (self->capacity == capacity)
    return;

  self->capacity = capacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
}

const char *
rk_room_get_features (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), NULL);

  return self->features;
}

void
rk_room_set_features (RkRoom     *self,
                      const char *features)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (g_strcmp0 (self->features, features) == 0)
    return;

  g_free (self->features);
  self->features = g_strdup (features);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURES]);
}

gint64
rk_room_get_version (RkRoom *self)
{
  g_return_val_if_fail (RK_IS_ROOM (self), 0);

  return self->version;
}

void
rk_room_set_version (RkRoom *self,
                     gint64  version)
{
  g_return_if_fail (RK_IS_ROOM (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
