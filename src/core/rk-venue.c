#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-venue.h"

struct _RkVenue
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *kind;
  char *address;
  char *contact;
  gboolean closed_on_holidays;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkVenue, rk_venue, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_ADDRESS,
  PROP_CONTACT,
  PROP_CLOSED_ON_HOLIDAYS,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_venue_finalize (GObject *object)
{
  RkVenue *self = RK_VENUE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->contact, g_free);

  G_OBJECT_CLASS (rk_venue_parent_class)->finalize (object);
}

static void
rk_venue_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RkVenue *self = RK_VENUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;

    case PROP_CLOSED_ON_HOLIDAYS:
      g_value_set_boolean (value, self->closed_on_holidays);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_venue_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RkVenue *self = RK_VENUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_venue_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rk_venue_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      rk_venue_set_kind (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS:
      rk_venue_set_address (self, g_value_get_string (value));
      break;

    case PROP_CONTACT:
      rk_venue_set_contact (self, g_value_get_string (value));
      break;

    case PROP_CLOSED_ON_HOLIDAYS:
      rk_venue_set_closed_on_holidays (self, g_value_get_boolean (value));
      break;

    case PROP_VERSION:
      rk_venue_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_venue_class_init (RkVenueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_venue_finalize;
  object_class->get_property = rk_venue_get_property;
  object_class->set_property = rk_venue_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         "hub",
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CLOSED_ON_HOLIDAYS] =
    g_param_spec_boolean ("closed-on-holidays", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_venue_init (RkVenue *self)
{
  self->kind = g_strdup ("hub");
}

RkVenue *
rk_venue_new (void)
{
  return g_object_new (RK_TYPE_VENUE, NULL);
}

gint64
rk_venue_get_id (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), 0);

  return self->id;
}

void
rk_venue_set_id (RkVenue *self,
                 gint64   id)
{
  g_return_if_fail (RK_IS_VENUE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rk_venue_get_name (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), NULL);

  return self->name;
}

void
rk_venue_set_name (RkVenue    *self,
                   const char *name)
{
  g_return_if_fail (RK_IS_VENUE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rk_venue_get_kind (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), NULL);

  return self->kind;
}

void
rk_venue_set_kind (RkVenue    *self,
                   const char *kind)
{
  g_return_if_fail (RK_IS_VENUE (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;

  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
rk_venue_get_address (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), NULL);

  return self->address;
}

void
rk_venue_set_address (RkVenue    *self,
                      const char *address)
{
  g_return_if_fail (RK_IS_VENUE (self));

  if (g_strcmp0 (self->address, address) == 0)
    return;

  g_free (self->address);
  self->address = g_strdup (address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

const char *
rk_venue_get_contact (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), NULL);

  return self->contact;
}

void
rk_venue_set_contact (RkVenue    *self,
                      const char *contact)
{
  g_return_if_fail (RK_IS_VENUE (self));

  if (g_strcmp0 (self->contact, contact) == 0)
    return;

  g_free (self->contact);
  self->contact = g_strdup (contact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

gboolean
rk_venue_get_closed_on_holidays (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), FALSE);

  return self->closed_on_holidays;
}

void
rk_venue_set_closed_on_holidays (RkVenue  *self,
                                 gboolean  closed_on_holidays)
{
  g_return_if_fail (RK_IS_VENUE (self));

  closed_on_holidays = !!closed_on_holidays;
  if (self->closed_on_holidays == closed_on_holidays)
    return;

  self->closed_on_holidays = closed_on_holidays;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_ON_HOLIDAYS]);
}

gint64
rk_venue_get_version (RkVenue *self)
{
  g_return_val_if_fail (RK_IS_VENUE (self), 0);

  return self->version;
}

void
rk_venue_set_version (RkVenue *self,
                      gint64   version)
{
  g_return_if_fail (RK_IS_VENUE (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
