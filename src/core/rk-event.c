#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-event.h"

struct _RkEvent
{
  GObject parent_instance;

  gint64 id;
  gint64 program_id;
  char *program_name;
  char *title;
  char *start;
  char *end;
  gint64 room_id;
  int capacity;
  char *notes;
  char *rrule;
  char *on_holiday;
  gboolean tentative;
  gboolean all_day;
  char *uid;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (RkEvent, rk_event, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_PROGRAM_ID,
  PROP_PROGRAM_NAME,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  PROP_ROOM_ID,
  PROP_CAPACITY,
  PROP_NOTES,
  PROP_RRULE,
  PROP_ON_HOLIDAY,
  PROP_TENTATIVE,
  PROP_ALL_DAY,
  PROP_UID,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_event_finalize (GObject *object)
{
  RkEvent *self = RK_EVENT (object);

  g_clear_pointer (&self->program_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->start, g_free);
  g_clear_pointer (&self->end, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->rrule, g_free);
  g_clear_pointer (&self->on_holiday, g_free);
  g_clear_pointer (&self->uid, g_free);

  G_OBJECT_CLASS (rk_event_parent_class)->finalize (object);
}

static void
rk_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RkEvent *self = RK_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_PROGRAM_ID:
      g_value_set_int64 (value, self->program_id);
      break;

    case PROP_PROGRAM_NAME:
      g_value_set_string (value, self->program_name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_START:
      g_value_set_string (value, self->start);
      break;

    case PROP_END:
      g_value_set_string (value, self->end);
      break;

    case PROP_ROOM_ID:
      g_value_set_int64 (value, self->room_id);
      break;

    case PROP_CAPACITY:
      g_value_set_int (value, self->capacity);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_RRULE:
      g_value_set_string (value, self->rrule);
      break;

    case PROP_ON_HOLIDAY:
      g_value_set_string (value, self->on_holiday);
      break;

    case PROP_TENTATIVE:
      g_value_set_boolean (value, self->tentative);
      break;
    case PROP_ALL_DAY:
      g_value_set_boolean (value, self->all_day);
      break;

    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RkEvent *self = RK_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      rk_event_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRAM_ID:
      rk_event_set_program_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRAM_NAME:
      rk_event_set_program_name (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      rk_event_set_title (self, g_value_get_string (value));
      break;

    case PROP_START:
      rk_event_set_start (self, g_value_get_string (value));
      break;

    case PROP_END:
      rk_event_set_end (self, g_value_get_string (value));
      break;

    case PROP_ROOM_ID:
      rk_event_set_room_id (self, g_value_get_int64 (value));
      break;

    case PROP_CAPACITY:
      rk_event_set_capacity (self, g_value_get_int (value));
      break;

    case PROP_NOTES:
      rk_event_set_notes (self, g_value_get_string (value));
      break;

    case PROP_RRULE:
      rk_event_set_rrule (self, g_value_get_string (value));
      break;

    case PROP_ON_HOLIDAY:
      rk_event_set_on_holiday (self, g_value_get_string (value));
      break;

    case PROP_TENTATIVE:
      rk_event_set_tentative (self, g_value_get_boolean (value));
      break;
    case PROP_ALL_DAY:
      rk_event_set_all_day (self, g_value_get_boolean (value));
      break;

    case PROP_UID:
      rk_event_set_uid (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      rk_event_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_event_class_init (RkEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_event_finalize;
  object_class->get_property = rk_event_get_property;
  object_class->set_property = rk_event_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_PROGRAM_ID] =
    g_param_spec_int64 ("program-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_PROGRAM_NAME] =
    g_param_spec_string ("program-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_START] =
    g_param_spec_string ("start", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_END] =
    g_param_spec_string ("end", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROOM_ID] =
    g_param_spec_int64 ("room-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CAPACITY] =
    g_param_spec_int ("capacity", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_RRULE] =
    g_param_spec_string ("rrule", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ON_HOLIDAY] =
    g_param_spec_string ("on-holiday", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_TENTATIVE] =
    g_param_spec_boolean ("tentative", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /* Whole days: start and end at midnight, the end the day after the last
   * day; shown and printed without times, exported as VALUE=DATE. */
  properties[PROP_ALL_DAY] =
    g_param_spec_boolean ("all-day", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_event_init (RkEvent *self)
{
  self->capacity = -1;
}

RkEvent *
rk_event_new (void)
{
  return g_object_new (RK_TYPE_EVENT, NULL);
}

gint64
rk_event_get_id (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), 0);

  return self->id;
}

void
rk_event_set_id (RkEvent *self,
                 gint64   id)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
rk_event_get_program_id (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), 0);

  return self->program_id;
}

void
rk_event_set_program_id (RkEvent *self,
                         gint64   program_id)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (self->program_id == program_id)
    return;

  self->program_id = program_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM_ID]);
}

const char *
rk_event_get_program_name (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->program_name;
}

void
rk_event_set_program_name (RkEvent    *self,
                           const char *program_name)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->program_name, program_name) == 0)
    return;

  g_free (self->program_name);
  self->program_name = g_strdup (program_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM_NAME]);
}

const char *
rk_event_get_title (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->title;
}

void
rk_event_set_title (RkEvent    *self,
                    const char *title)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rk_event_get_start (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->start;
}

void
rk_event_set_start (RkEvent    *self,
                    const char *start)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->start, start) == 0)
    return;

  g_free (self->start);
  self->start = g_strdup (start);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

const char *
rk_event_get_end (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->end;
}

void
rk_event_set_end (RkEvent    *self,
                  const char *end)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->end, end) == 0)
    return;

  g_free (self->end);
  self->end = g_strdup (end);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

gint64
rk_event_get_room_id (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), 0);

  return self->room_id;
}

void
rk_event_set_room_id (RkEvent *self,
                      gint64   room_id)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (self->room_id == room_id)
    return;

  self->room_id = room_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_ID]);
}

int
rk_event_get_capacity (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), 0);

  return self->capacity;
}

void
rk_event_set_capacity (RkEvent *self,
                       int      capacity)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (self->capacity == capacity)
    return;

  self->capacity = capacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
}

const char *
rk_event_get_notes (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->notes;
}

void
rk_event_set_notes (RkEvent    *self,
                    const char *notes)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char *
rk_event_get_rrule (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->rrule;
}

void
rk_event_set_rrule (RkEvent    *self,
                    const char *rrule)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->rrule, rrule) == 0)
    return;

  g_free (self->rrule);
  self->rrule = g_strdup (rrule);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RRULE]);
}

const char *
rk_event_get_on_holiday (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->on_holiday;
}

void
rk_event_set_on_holiday (RkEvent    *self,
                         const char *on_holiday)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->on_holiday, on_holiday) == 0)
    return;

  g_free (self->on_holiday);
  self->on_holiday = g_strdup (on_holiday);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_HOLIDAY]);
}

gboolean
rk_event_get_tentative (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), FALSE);

  return self->tentative;
}

void
rk_event_set_tentative (RkEvent  *self,
                        gboolean  tentative)
{
  g_return_if_fail (RK_IS_EVENT (self));

  tentative = !!tentative;
  if (self->tentative == tentative)
    return;

  self->tentative = tentative;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENTATIVE]);
}

gboolean
rk_event_get_all_day (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), FALSE);

  return self->all_day;
}

void
rk_event_set_all_day (RkEvent  *self,
                      gboolean  all_day)
{
  g_return_if_fail (RK_IS_EVENT (self));

  all_day = !!all_day;
  if (self->all_day == all_day)
    return;

  self->all_day = all_day;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_DAY]);
}

const char *
rk_event_get_uid (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), NULL);

  return self->uid;
}

void
rk_event_set_uid (RkEvent    *self,
                  const char *uid)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (g_strcmp0 (self->uid, uid) == 0)
    return;

  g_free (self->uid);
  self->uid = g_strdup (uid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UID]);
}

gint64
rk_event_get_version (RkEvent *self)
{
  g_return_val_if_fail (RK_IS_EVENT (self), 0);

  return self->version;
}

void
rk_event_set_version (RkEvent *self,
                      gint64   version)
{
  g_return_if_fail (RK_IS_EVENT (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
