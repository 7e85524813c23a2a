#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-staff.h"

struct _RkStaff
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *kana;
  char *role;
  char *org;
  char *phone;
  char *email;
  gboolean active;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkStaff, rk_staff, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KANA,
  PROP_ROLE,
  PROP_ORG,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_ACTIVE,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_staff_finalize (GObject *object)
{
  RkStaff *self = RK_STAFF (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kana, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->org, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (rk_staff_parent_class)->finalize (object);
}

static void
rk_staff_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RkStaff *self = RK_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KANA:
      g_value_set_string (value, self->kana);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_ORG:
      g_value_set_string (value, self->org);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_staff_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RkStaff *self = RK_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_staff_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rk_staff_set_name (self, g_value_get_string (value));
      break;

    case PROP_KANA:
      rk_staff_set_kana (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      rk_staff_set_role (self, g_value_get_string (value));
      break;

    case PROP_ORG:
      rk_staff_set_org (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      rk_staff_set_phone (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      rk_staff_set_email (self, g_value_get_string (value));
      break;

    case PROP_ACTIVE:
      rk_staff_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_VERSION:
      rk_staff_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_staff_class_init (RkStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_staff_finalize;
  object_class->get_property = rk_staff_get_property;
  object_class->set_property = rk_staff_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_KANA] =
    g_param_spec_string ("kana", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ORG] =
    g_param_spec_string ("org", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_staff_init (RkStaff *self)
{
  self->active = TRUE;
}

RkStaff *
rk_staff_new (void)
{
  return g_object_new (RK_TYPE_STAFF, NULL);
}

gint64
rk_staff_get_id (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), 0);

  return self->id;
}

void
rk_staff_set_id (RkStaff *self,
                 gint64   id)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rk_staff_get_name (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), NULL);

  return self->name;
}

void
rk_staff_set_name (RkStaff    *self,
                   const char *name)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rk_staff_get_kana (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), NULL);

  return self->kana;
}

void
rk_staff_set_kana (RkStaff    *self,
                   const char *kana)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (g_strcmp0 (self->kana, kana) == 0)
    return;

  g_free (self->kana);
  self->kana = g_strdup (kana);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KANA]);
}

const char *
rk_staff_get_role (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), NULL);

  return self->role;
}

void
rk_staff_set_role (RkStaff    *self,
                   const char *role)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
rk_staff_get_org (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), NULL);

  return self->org;
}

void
rk_staff_set_org (RkStaff    *self,
                  const char *org)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (g_strcmp0 (self->org, org) == 0)
    return;

  g_free (self->org);
  self->org = g_strdup (org);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORG]);
}

const char *
rk_staff_get_phone (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), NULL);

  return self->phone;
}

void
rk_staff_set_phone (RkStaff    *self,
                    const char *phone)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (g_strcmp0 (self->phone, phone) == 0)
    return;

  g_free (self->phone);
  self->phone = g_strdup (phone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
rk_staff_get_email (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), NULL);

  return self->email;
}

void
rk_staff_set_email (RkStaff    *self,
                    const char *email)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

gboolean
rk_staff_get_active (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), FALSE);

  return self->active;
}

void
rk_staff_set_active (RkStaff  *self,
                     gboolean  active)
{
  g_return_if_fail (RK_IS_STAFF (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gint64
rk_staff_get_version (RkStaff *self)
{
  g_return_val_if_fail (RK_IS_STAFF (self), 0);

  return self->version;
}

void
rk_staff_set_version (RkStaff *self,
                      gint64   version)
{
  g_return_if_fail (RK_IS_STAFF (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
