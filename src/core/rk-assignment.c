#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-assignment.h"

struct _RkAssignment
{
  GObject parent_instance;

  gint64 id;
  gint64 event_id;
  gint64 staff_id;
  char *staff_name;
  char *role;
  char *date;
  gboolean tentative;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkAssignment, rk_assignment, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_EVENT_ID,
  PROP_STAFF_ID,
  PROP_STAFF_NAME,
  PROP_ROLE,
  PROP_DATE,
  PROP_TENTATIVE,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_assignment_finalize (GObject *object)
{
  RkAssignment *self = RK_ASSIGNMENT (object);

  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (rk_assignment_parent_class)->finalize (object);
}

static void
rk_assignment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RkAssignment *self = RK_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    case PROP_STAFF_NAME:
      g_value_set_string (value, self->staff_name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_TENTATIVE:
      g_value_set_boolean (value, self->tentative);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_assignment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RkAssignment *self = RK_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_assignment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_EVENT_ID:
      rk_assignment_set_event_id (self, g_value_get_int64 (value));
      break;

    case PROP_STAFF_ID:
      rk_assignment_set_staff_id (self, g_value_get_int64 (value));
      break;

    case PROP_STAFF_NAME:
      rk_assignment_set_staff_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      rk_assignment_set_role (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      rk_assignment_set_date (self, g_value_get_string (value));
      break;

    case PROP_TENTATIVE:
      rk_assignment_set_tentative (self, g_value_get_boolean (value));
      break;

    case PROP_VERSION:
      rk_assignment_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_assignment_class_init (RkAssignmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_assignment_finalize;
  object_class->get_property = rk_assignment_get_property;
  object_class->set_property = rk_assignment_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_TENTATIVE] =
    g_param_spec_boolean ("tentative", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_assignment_init (RkAssignment *self G_GNUC_UNUSED)
{
}

RkAssignment *
rk_assignment_new (void)
{
  return g_object_new (RK_TYPE_ASSIGNMENT, NULL);
}

gint64
rk_assignment_get_id (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), 0);

  return self->id;
}

void
rk_assignment_set_id (RkAssignment *self,
                      gint64        id)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
rk_assignment_get_event_id (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), 0);

  return self->event_id;
}

void
rk_assignment_set_event_id (RkAssignment *self,
                            gint64        event_id)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

gint64
rk_assignment_get_staff_id (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), 0);

  return self->staff_id;
}

void
rk_assignment_set_staff_id (RkAssignment *self,
                            gint64        staff_id)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (self->staff_id == staff_id)
    return;

  self->staff_id = staff_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
}

const char *
rk_assignment_get_staff_name (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), NULL);

  return self->staff_name;
}

void
rk_assignment_set_staff_name (RkAssignment *self,
                              const char   *staff_name)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (g_strcmp0 (self->staff_name, staff_name) == 0)
    return;

  g_free (self->staff_name);
  self->staff_name = g_strdup (staff_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAME]);
}

const char *
rk_assignment_get_role (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), NULL);

  return self->role;
}

void
rk_assignment_set_role (RkAssignment *self,
                        const char   *role)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
rk_assignment_get_date (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), NULL);

  return self->date;
}

void
rk_assignment_set_date (RkAssignment *self,
                        const char   *date)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (g_strcmp0 (self->date, date) == 0)
    return;

  g_free (self->date);
  self->date = g_strdup (date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

gboolean
rk_assignment_get_tentative (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), FALSE);

  return self->tentative;
}

void
rk_assignment_set_tentative (RkAssignment *self,
                             gboolean      tentative)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  tentative = !!tentative;
  if (self->tentative == tentative)
    return;

  self->tentative = tentative;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENTATIVE]);
}

gint64
rk_assignment_get_version (RkAssignment *self)
{
  g_return_val_if_fail (RK_IS_ASSIGNMENT (self), 0);

  return self->version;
}

void
rk_assignment_set_version (RkAssignment *self,
                           gint64        version)
{
  g_return_if_fail (RK_IS_ASSIGNMENT (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
