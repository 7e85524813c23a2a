#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-occurrence.h"

struct _RkOccurrence
{
  GObject parent_instance;

  gint64 event_id;
  char *date;
  char *start;
  char *end;
  char *title;
  gint64 program_id;
  char *program_name;
  char *color;
  gint64 room_id;
  char *room_name;
  gint64 venue_id;
  char *venue_name;
  char *status;
  char *moved_from;
  char *reason;
  char *staffing;
  int problem_count;
  char *audience;
  char *notes;
  gboolean all_day;
};

G_DEFINE_FINAL_TYPE (RkOccurrence, rk_occurrence, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_EVENT_ID,
  PROP_DATE,
  PROP_START,
  PROP_END,
  PROP_TITLE,
  PROP_PROGRAM_ID,
  PROP_PROGRAM_NAME,
  PROP_COLOR,
  PROP_ROOM_ID,
  PROP_ROOM_NAME,
  PROP_VENUE_ID,
  PROP_VENUE_NAME,
  PROP_STATUS,
  PROP_MOVED_FROM,
  PROP_REASON,
  PROP_STAFFING,
  PROP_PROBLEM_COUNT,
  PROP_AUDIENCE,
  PROP_NOTES,
  PROP_ALL_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rk_occurrence_finalize (GObject *object)
{
  RkOccurrence *self = RK_OCCURRENCE (object);

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->start, g_free);
  g_clear_pointer (&self->end, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->program_name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->room_name, g_free);
  g_clear_pointer (&self->venue_name, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->moved_from, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->staffing, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (rk_occurrence_parent_class)->finalize (object);
}

static void
rk_occurrence_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RkOccurrence *self = RK_OCCURRENCE (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_START:
      g_value_set_string (value, self->start);
      break;

    case PROP_END:
      g_value_set_string (value, self->end);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PROGRAM_ID:
      g_value_set_int64 (value, self->program_id);
      break;

    case PROP_PROGRAM_NAME:
      g_value_set_string (value, self->program_name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_ROOM_ID:
      g_value_set_int64 (value, self->room_id);
      break;

    case PROP_ROOM_NAME:
      g_value_set_string (value, self->room_name);
      break;

    case PROP_VENUE_ID:
      g_value_set_int64 (value, self->venue_id);
      break;

    case PROP_VENUE_NAME:
      g_value_set_string (value, self->venue_name);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_MOVED_FROM:
      g_value_set_string (value, self->moved_from);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_STAFFING:
      g_value_set_string (value, self->staffing);
      break;

    case PROP_PROBLEM_COUNT:
      g_value_set_int (value, self->problem_count);
      break;

    case PROP_AUDIENCE:
      g_value_set_string (value, self->audience);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_ALL_DAY:
      g_value_set_boolean (value, self->all_day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_occurrence_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RkOccurrence *self = RK_OCCURRENCE (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      rk_occurrence_set_event_id (self, g_value_get_int64 (value));
      break;

    case PROP_DATE:
      rk_occurrence_set_date (self, g_value_get_string (value));
      break;

    case PROP_START:
      rk_occurrence_set_start (self, g_value_get_string (value));
      break;

    case PROP_END:
      rk_occurrence_set_end (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      rk_occurrence_set_title (self, g_value_get_string (value));
      break;

    case PROP_PROGRAM_ID:
      rk_occurrence_set_program_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROGRAM_NAME:
      rk_occurrence_set_program_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      rk_occurrence_set_color (self, g_value_get_string (value));
      break;

    case PROP_ROOM_ID:
      rk_occurrence_set_room_id (self, g_value_get_int64 (value));
      break;

    case PROP_ROOM_NAME:
      rk_occurrence_set_room_name (self, g_value_get_string (value));
      break;

    case PROP_VENUE_ID:
      rk_occurrence_set_venue_id (self, g_value_get_int64 (value));
      break;

    case PROP_VENUE_NAME:
      rk_occurrence_set_venue_name (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      rk_occurrence_set_status (self, g_value_get_string (value));
      break;

    case PROP_MOVED_FROM:
      rk_occurrence_set_moved_from (self, g_value_get_string (value));
      break;

    case PROP_REASON:
      rk_occurrence_set_reason (self, g_value_get_string (value));
      break;

    case PROP_STAFFING:
      rk_occurrence_set_staffing (self, g_value_get_string (value));
      break;

    case PROP_PROBLEM_COUNT:
      rk_occurrence_set_problem_count (self, g_value_get_int (value));
      break;

    case PROP_AUDIENCE:
      rk_occurrence_set_audience (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      rk_occurrence_set_notes (self, g_value_get_string (value));
      break;
    case PROP_ALL_DAY:
      rk_occurrence_set_all_day (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_occurrence_class_init (RkOccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rk_occurrence_finalize;
  object_class->get_property = rk_occurrence_get_property;
  object_class->set_property = rk_occurrence_set_property;

  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
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
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_PROGRAM_ID] =
    g_param_spec_int64 ("program-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_PROGRAM_NAME] =
    g_param_spec_string ("program-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROOM_ID] =
    g_param_spec_int64 ("room-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ROOM_NAME] =
    g_param_spec_string ("room-name", NULL, NULL,
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
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_MOVED_FROM] =
    g_param_spec_string ("moved-from", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_STAFFING] =
    g_param_spec_string ("staffing", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_PROBLEM_COUNT] =
    g_param_spec_int ("problem-count", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_AUDIENCE] =
    g_param_spec_string ("audience", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /* Whole days: start and end are midnights; shown without times. */
  properties[PROP_ALL_DAY] =
    g_param_spec_boolean ("all-day", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_occurrence_init (RkOccurrence *self G_GNUC_UNUSED)
{
}

RkOccurrence *
rk_occurrence_new (void)
{
  return g_object_new (RK_TYPE_OCCURRENCE, NULL);
}

gint64
rk_occurrence_get_event_id (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), 0);

  return self->event_id;
}

void
rk_occurrence_set_event_id (RkOccurrence *self,
                            gint64        event_id)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

const char *
rk_occurrence_get_date (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->date;
}

void
rk_occurrence_set_date (RkOccurrence *self,
                        const char   *date)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->date, date) == 0)
    return;

  g_free (self->date);
  self->date = g_strdup (date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
rk_occurrence_get_start (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->start;
}

void
rk_occurrence_set_start (RkOccurrence *self,
                         const char   *start)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->start, start) == 0)
    return;

  g_free (self->start);
  self->start = g_strdup (start);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

const char *
rk_occurrence_get_end (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->end;
}

void
rk_occurrence_set_end (RkOccurrence *self,
                       const char   *end)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->end, end) == 0)
    return;

  g_free (self->end);
  self->end = g_strdup (end);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

const char *
rk_occurrence_get_title (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->title;
}

void
rk_occurrence_set_title (RkOccurrence *self,
                         const char   *title)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gint64
rk_occurrence_get_program_id (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), 0);

  return self->program_id;
}

void
rk_occurrence_set_program_id (RkOccurrence *self,
                              gint64        program_id)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (self->program_id == program_id)
    return;

  self->program_id = program_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM_ID]);
}

const char *
rk_occurrence_get_program_name (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->program_name;
}

void
rk_occurrence_set_program_name (RkOccurrence *self,
                                const char   *program_name)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->program_name, program_name) == 0)
    return;

  g_free (self->program_name);
  self->program_name = g_strdup (program_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM_NAME]);
}

const char *
rk_occurrence_get_color (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->color;
}

void
rk_occurrence_set_color (RkOccurrence *self,
                         const char   *color)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gint64
rk_occurrence_get_room_id (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), 0);

  return self->room_id;
}

void
rk_occurrence_set_room_id (RkOccurrence *self,
                           gint64        room_id)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (self->room_id == room_id)
    return;

  self->room_id = room_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_ID]);
}

const char *
rk_occurrence_get_room_name (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->room_name;
}

void
rk_occurrence_set_room_name (RkOccurrence *self,
                             const char   *room_name)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->room_name, room_name) == 0)
    return;

  g_free (self->room_name);
  self->room_name = g_strdup (room_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_NAME]);
}

gint64
rk_occurrence_get_venue_id (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), 0);

  return self->venue_id;
}

void
rk_occurrence_set_venue_id (RkOccurrence *self,
                            gint64        venue_id)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (self->venue_id == venue_id)
    return;

  self->venue_id = venue_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE_ID]);
}

const char *
rk_occurrence_get_venue_name (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->venue_name;
}

void
rk_occurrence_set_venue_name (RkOccurrence *self,
                              const char   *venue_name)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->venue_name, venue_name) == 0)
    return;

  g_free (self->venue_name);
  self->venue_name = g_strdup (venue_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE_NAME]);
}

const char *
rk_occurrence_get_status (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->status;
}

void
rk_occurrence_set_status (RkOccurrence *self,
                          const char   *status)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
rk_occurrence_get_moved_from (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->moved_from;
}

void
rk_occurrence_set_moved_from (RkOccurrence *self,
                              const char   *moved_from)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->moved_from, moved_from) == 0)
    return;

  g_free (self->moved_from);
  self->moved_from = g_strdup (moved_from);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVED_FROM]);
}

const char *
rk_occurrence_get_reason (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->reason;
}

void
rk_occurrence_set_reason (RkOccurrence *self,
                          const char   *reason)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->reason, reason) == 0)
    return;

  g_free (self->reason);
  self->reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

const char *
rk_occurrence_get_staffing (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->staffing;
}

void
rk_occurrence_set_staffing (RkOccurrence *self,
                            const char   *staffing)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->staffing, staffing) == 0)
    return;

  g_free (self->staffing);
  self->staffing = g_strdup (staffing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFFING]);
}

int
rk_occurrence_get_problem_count (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), 0);

  return self->problem_count;
}

void
rk_occurrence_set_problem_count (RkOccurrence *self,
                                 int           problem_count)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (self->problem_count == problem_count)
    return;

  self->problem_count = problem_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM_COUNT]);
}

const char *
rk_occurrence_get_audience (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->audience;
}

void
rk_occurrence_set_audience (RkOccurrence *self,
                            const char   *audience)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->audience, audience) == 0)
    return;

  g_free (self->audience);
  self->audience = g_strdup (audience);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE]);
}

const char *
rk_occurrence_get_notes (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), NULL);

  return self->notes;
}

void
rk_occurrence_set_notes (RkOccurrence *self,
                         const char   *notes)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

gboolean
rk_occurrence_get_all_day (RkOccurrence *self)
{
  g_return_val_if_fail (RK_IS_OCCURRENCE (self), FALSE);

  return self->all_day;
}

void
rk_occurrence_set_all_day (RkOccurrence *self,
                           gboolean      all_day)
{
  g_return_if_fail (RK_IS_OCCURRENCE (self));

  all_day = !!all_day;
  if (self->all_day == all_day)
    return;

  self->all_day = all_day;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_DAY]);
}
