#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-problem.h"

struct _RkProblem
{
  GObject parent_instance;

  char *kind;
  char *date;
  char *message;
  gint64 staff_id;
  gint64 room_id;
  gint64 equipment_id;
  char *role;
  int needed;
  int assigned;
  GArray *event_ids;
};

G_DEFINE_FINAL_TYPE (RkProblem, rk_problem, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_DATE,
  PROP_MESSAGE,
  PROP_STAFF_ID,
  PROP_ROOM_ID,
  PROP_EQUIPMENT_ID,
  PROP_ROLE,
  PROP_NEEDED,
  PROP_ASSIGNED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_problem_finalize (GObject *object)
{
  RkProblem *self = RK_PROBLEM (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->event_ids, g_array_unref);

  G_OBJECT_CLASS (rk_problem_parent_class)->finalize (object);
}

static void
rk_problem_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RkProblem *self = RK_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    case PROP_ROOM_ID:
      g_value_set_int64 (value, self->room_id);
      break;

    case PROP_EQUIPMENT_ID:
      g_value_set_int64 (value, self->equipment_id);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_NEEDED:
      g_value_set_int (value, self->needed);
      break;

    case PROP_ASSIGNED:
      g_value_set_int (value, self->assigned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_problem_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RkProblem *self = RK_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      rk_problem_set_kind (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      rk_problem_set_date (self, g_value_get_string (value));
      break;

    case PROP_MESSAGE:
      rk_problem_set_message (self, g_value_get_string (value));
      break;

    case PROP_STAFF_ID:
      rk_problem_set_staff_id (self, g_value_get_int64 (value));
      break;

    case PROP_ROOM_ID:
      rk_problem_set_room_id (self, g_value_get_int64 (value));
      break;

    case PROP_EQUIPMENT_ID:
      rk_problem_set_equipment_id (self, g_value_get_int64 (value));
      break;

    case PROP_ROLE:
      rk_problem_set_role (self, g_value_get_string (value));
      break;

    case PROP_NEEDED:
      rk_problem_set_needed (self, g_value_get_int (value));
      break;

    case PROP_ASSIGNED:
      rk_problem_set_assigned (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_problem_class_init (RkProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_problem_finalize;
  object_class->get_property = rk_problem_get_property;
  object_class->set_property = rk_problem_set_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROOM_ID] =
    g_param_spec_int64 ("room-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_EQUIPMENT_ID] =
    g_param_spec_int64 ("equipment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NEEDED] =
    g_param_spec_int ("needed", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ASSIGNED] =
    g_param_spec_int ("assigned", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_problem_init (RkProblem *self)
{
  self->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

RkProblem *
rk_problem_new (void)
{
  return g_object_new (RK_TYPE_PROBLEM, NULL);
}

const char *
rk_problem_get_kind (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), NULL);

  return self->kind;
}

void
rk_problem_set_kind (RkProblem  *self,
                     const char *kind)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;

  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
rk_problem_get_date (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), NULL);

  return self->date;
}

void
rk_problem_set_date (RkProblem  *self,
                     const char *date)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (g_strcmp0 (self->date, date) == 0)
    return;

  g_free (self->date);
  self->date = g_strdup (date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
rk_problem_get_message (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), NULL);

  return self->message;
}

void
rk_problem_set_message (RkProblem  *self,
                        const char *message)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

gint64
rk_problem_get_staff_id (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), 0);

  return self->staff_id;
}

void
rk_problem_set_staff_id (RkProblem *self,
                         gint64     staff_id)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (self->staff_id == staff_id)
    return;

  self->staff_id = staff_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
}

gint64
rk_problem_get_room_id (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), 0);

  return self->room_id;
}

void
rk_problem_set_room_id (RkProblem *self,
                        gint64     room_id)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (self->room_id == room_id)
    return;

  self->room_id = room_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_ID]);
}

gint64
rk_problem_get_equipment_id (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), 0);

  return self->equipment_id;
}

void
rk_problem_set_equipment_id (RkProblem *self,
                             gint64     equipment_id)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (self->equipment_id == equipment_id)
    return;

  self->equipment_id = equipment_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EQUIPMENT_ID]);
}

const char *
rk_problem_get_role (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), NULL);

  return self->role;
}

void
rk_problem_set_role (RkProblem  *self,
                     const char *role)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

int
rk_problem_get_needed (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), 0);

  return self->needed;
}

void
rk_problem_set_needed (RkProblem *self,
                       int        needed)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (self->needed == needed)
    return;

  self->needed = needed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDED]);
}

int
rk_problem_get_assigned (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), 0);

  return self->assigned;
}

void
rk_problem_set_assigned (RkProblem *self,
                         int        assigned)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  if (self->assigned == assigned)
    return;

  self->assigned = assigned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNED]);
}

const GArray *
rk_problem_get_event_ids (RkProblem *self)
{
  g_return_val_if_fail (RK_IS_PROBLEM (self), NULL);

  return self->event_ids;
}

/* A conflict is found from each side in turn; each event is named once. */
void
rk_problem_add_event_id (RkProblem *self,
                         gint64     event_id)
{
  g_return_if_fail (RK_IS_PROBLEM (self));

  for (guint i = 0; i < self->event_ids->len; i++)
    if (g_array_index (self->event_ids, gint64, i) == event_id)
      return;

  g_array_append_val (self->event_ids, event_id);
}
