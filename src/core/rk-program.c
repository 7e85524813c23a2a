#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-program.h"

struct _RkProgram
{
  GObject parent_instance;

  gint64 id;
  char *name;
  int duration;
  char *audience;
  char *bring;
  gboolean staff_only;
  char *color;
  char *requirements;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkProgram, rk_program, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DURATION,
  PROP_AUDIENCE,
  PROP_BRING,
  PROP_STAFF_ONLY,
  PROP_COLOR,
  PROP_REQUIREMENTS,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_program_finalize (GObject *object)
{
  RkProgram *self = RK_PROGRAM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->bring, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->requirements, g_free);

  G_OBJECT_CLASS (rk_program_parent_class)->finalize (object);
}

static void
rk_program_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RkProgram *self = RK_PROGRAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DURATION:
      g_value_set_int (value, self->duration);
      break;

    case PROP_AUDIENCE:
      g_value_set_string (value, self->audience);
      break;

    case PROP_BRING:
      g_value_set_string (value, self->bring);
      break;

    case PROP_STAFF_ONLY:
      g_value_set_boolean (value, self->staff_only);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_REQUIREMENTS:
      g_value_set_string (value, self->requirements);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_program_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RkProgram *self = RK_PROGRAM (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_program_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rk_program_set_name (self, g_value_get_string (value));
      break;

    case PROP_DURATION:
      rk_program_set_duration (self, g_value_get_int (value));
      break;

    case PROP_AUDIENCE:
      rk_program_set_audience (self, g_value_get_string (value));
      break;

    case PROP_BRING:
      rk_program_set_bring (self, g_value_get_string (value));
      break;

    case PROP_STAFF_ONLY:
      rk_program_set_staff_only (self, g_value_get_boolean (value));
      break;

    case PROP_COLOR:
      rk_program_set_color (self, g_value_get_string (value));
      break;

    case PROP_REQUIREMENTS:
      rk_program_set_requirements (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      rk_program_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_program_class_init (RkProgramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_program_finalize;
  object_class->get_property = rk_program_get_property;
  object_class->set_property = rk_program_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL,
                      0, G_MAXINT, 120,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_BRING] =
    g_param_spec_string ("bring", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /* Liaison meetings and joint trainings: for staff, never on the family print. */
  properties[PROP_STAFF_ONLY] =
    g_param_spec_boolean ("staff-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_REQUIREMENTS] =
    g_param_spec_string ("requirements", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_program_init (RkProgram *self)
{
  self->duration = 120;
}

RkProgram *
rk_program_new (void)
{
  return g_object_new (RK_TYPE_PROGRAM, NULL);
}

gint64
rk_program_get_id (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), 0);

  return self->id;
}

void
rk_program_set_id (RkProgram *self,
                   gint64     id)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rk_program_get_name (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), NULL);

  return self->name;
}

void
rk_program_set_name (RkProgram  *self,
                     const char *name)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

int
rk_program_get_duration (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), 0);

  return self->duration;
}

void
rk_program_set_duration (RkProgram *self,
                         int        duration)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (self->duration == duration)
    return;

  self->duration = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

const char *
rk_program_get_audience (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), NULL);

  return self->audience;
}

void
rk_program_set_audience (RkProgram  *self,
                         const char *audience)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (g_strcmp0 (self->audience, audience) == 0)
    return;

  g_free (self->audience);
  self->audience = g_strdup (audience);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

const char *
rk_program_get_bring (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), NULL);

  return self->bring;
}

void
rk_program_set_bring (RkProgram  *self,
                      const char *bring)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (g_strcmp0 (self->bring, bring) == 0)
    return;

  g_free (self->bring);
  self->bring = g_strdup (bring);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRING]);
}

const char *
rk_program_get_color (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), NULL);

  return self->color;
}

void
rk_program_set_color (RkProgram  *self,
                      const char *color)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
rk_program_get_requirements (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), NULL);

  return self->requirements;
}

void
rk_program_set_requirements (RkProgram  *self,
                             const char *requirements)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (g_strcmp0 (self->requirements, requirements) == 0)
    return;

  g_free (self->requirements);
  self->requirements = g_strdup (requirements);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIREMENTS]);
}

gint64
rk_program_get_version (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), 0);

  return self->version;
}

void
rk_program_set_version (RkProgram *self,
                        gint64     version)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

gboolean
rk_program_get_staff_only (RkProgram *self)
{
  g_return_val_if_fail (RK_IS_PROGRAM (self), FALSE);

  return self->staff_only;
}

void
rk_program_set_staff_only (RkProgram *self,
                           gboolean   staff_only)
{
  g_return_if_fail (RK_IS_PROGRAM (self));

  staff_only = !!staff_only;
  if (self->staff_only == staff_only)
    return;
  self->staff_only = staff_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ONLY]);
}
