#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rk-error.h"
#include "rk-event.h"
#include "rk-undo.h"

/* At most this many actions can be undone; older ones are forgotten. */
#define MAX_ENTRIES 50

/* The rows of one event at one moment, kept as the plain snapshot the
 * store loads for the rules. */
typedef struct
{
  RkSchedule *schedule;
  RkSEvent   *event;        /* in schedule; NULL when the event did not exist */
} State;

typedef struct
{
  gint64    event_id;
  gboolean  created;
  State     before;
  State     after;
} Snap;

typedef struct
{
  char    *label;
  GArray  *snaps;           /* Snap */
} Entry;

struct _RkUndoStack
{
  GObject    parent_instance;

  RkStore   *store;
  GPtrArray *entries;       /* Entry, oldest first */
  Entry     *recording;
};

G_DEFINE_FINAL_TYPE (RkUndoStack, rk_undo_stack, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
state_clear (State *state)
{
  g_clear_pointer (&state->schedule, rk_schedule_free);
  state->event = NULL;
}

static void
snap_clear (gpointer data)
{
  Snap *snap = data;

  state_clear (&snap->before);
  state_clear (&snap->after);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->label);
  g_array_unref (entry->snaps);
  g_free (entry);
}

static Entry *
entry_new (const char *label)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->label = g_strdup (label);
  entry->snaps = g_array_new (FALSE, TRUE, sizeof (Snap));
  g_array_set_clear_func (entry->snaps, snap_clear);
  return entry;
}

/* Loads the event's rows as they are now (inside or outside a transaction). */
static gboolean
state_load (RkStore *store, gint64 event_id, State *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RkEvent) event = rk_store_get_event (store, event_id, &local);
  RkMinute start;
  RkDay day;

  out->schedule = NULL;
  out->event = NULL;
  if (event == NULL)
    {
      if (g_error_matches (local, RK_ERROR, RK_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!rk_time_parse (rk_event_get_start (event), &start))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("Event %" PRId64 " has an unreadable start time"), event_id);
      return FALSE;
    }
  /* The schedule of the event's first day always holds the event itself,
   * with all its exceptions and staff rows. */
  day = rk_minute_day (start);
  out->schedule = rk_store_load_schedule (store, day, day, error);
  if (out->schedule == NULL)
    return FALSE;
  out->event = rk_schedule_event (out->schedule, event_id);
  return TRUE;
}

static gboolean
exception_equal (const RkSException *a, const RkSException *b)
{
  return a->occ_date == b->occ_date && a->kind == b->kind &&
         (a->kind != RK_EXCEPTION_MOVED || (a->start == b->start && a->end == b->end)) &&
         g_strcmp0 (a->reason, b->reason) == 0;
}

static gboolean
exceptions_equal (const RkSEvent *a, const RkSEvent *b)
{
  if (a->exceptions->len != b->exceptions->len)
    return FALSE;
  /* Both are sorted by occ_date. */
  for (guint i = 0; i < a->exceptions->len; i++)
    if (!exception_equal (&g_array_index (a->exceptions, RkSException, i),
                          &g_array_index (b->exceptions, RkSException, i)))
      return FALSE;
  return TRUE;
}

static gboolean
has_assign (const RkSEvent *e, const RkSAssign *a)
{
  for (guint i = 0; i < e->assigns->len; i++)
    {
      const RkSAssign *b = &g_array_index (e->assigns, RkSAssign, i);

      if (b->staff_id == a->staff_id && b->occ_date == a->occ_date &&
          b->excluded == a->excluded && b->tentative == a->tentative)
        return TRUE;
    }
  return FALSE;
}

static gboolean
assigns_equal (const RkSEvent *a, const RkSEvent *b)
{
  if (a->assigns->len != b->assigns->len)
    return FALSE;
  for (guint i = 0; i < a->assigns->len; i++)
    if (!has_assign (b, &g_array_index (a->assigns, RkSAssign, i)))
      return FALSE;
  return TRUE;
}

static gboolean
has_item (const RkSEvent *e, gint64 item)
{
  for (guint i = 0; i < e->equipment->len; i++)
    if (g_array_index (e->equipment, gint64, i) == item)
      return TRUE;
  return FALSE;
}

static gboolean
equipment_equal (const RkSEvent *a, const RkSEvent *b)
{
  if (a->equipment->len != b->equipment->len)
    return FALSE;
  for (guint i = 0; i < a->equipment->len; i++)
    if (!has_item (b, g_array_index (a->equipment, gint64, i)))
      return FALSE;
  return TRUE;
}

static gint64
program_id (const RkSEvent *e)
{
  return e->program ? e->program->id : 0;
}

static gint64
room_id (const RkSEvent *e)
{
  return e->room ? e->room->id : 0;
}

static gboolean
fields_equal (const RkSEvent *a, const RkSEvent *b)
{
  return program_id (a) == program_id (b) && g_strcmp0 (a->title, b->title) == 0 &&
         a->start == b->start && a->end == b->end && room_id (a) == room_id (b) &&
         a->capacity == b->capacity && g_strcmp0 (a->notes, b->notes) == 0 &&
         g_strcmp0 (a->rrule, b->rrule) == 0 && a->policy == b->policy &&
         a->tentative == b->tentative;
}

static gboolean
state_equal (const State *a, const State *b)
{
  if (a->event == NULL || b->event == NULL)
    return a->event == b->event;
  return fields_equal (a->event, b->event) && a->event->cancelled == b->event->cancelled &&
         exceptions_equal (a->event, b->event) && assigns_equal (a->event, b->event) &&
         equipment_equal (a->event, b->event);
}

/* Removes every assignment row of the event as it is now. */
static gboolean
clear_assigns (RkStore *store, const RkSEvent *now, GError **error)
{
  /* Series rows first: unassigning one also drops that person's
   * one-occurrence exclusions. */
  for (guint i = 0; i < now->assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (now->assigns, RkSAssign, i);

      if (a->occ_date == 0 && !rk_store_unassign (store, now->id, a->staff_id, 0, error))
        return FALSE;
    }
  for (guint i = 0; i < now->assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (now->assigns, RkSAssign, i);
      gboolean series = FALSE;

      if (a->occ_date == 0)
        continue;
      if (!a->excluded)
        {
          if (!rk_store_unassign (store, now->id, a->staff_id, a->occ_date, error))
            return FALSE;
          continue;
        }
      for (guint j = 0; j < now->assigns->len; j++)
        {
          const RkSAssign *b = &g_array_index (now->assigns, RkSAssign, j);
          if (b->occ_date == 0 && b->staff_id == a->staff_id)
            series = TRUE;
        }
      /* An exclusion without its series row: assigning the person on that
       * date is how the store takes an exclusion back. */
      if (!series && !rk_store_assign (store, now->id, a->staff_id, a->occ_date, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_assigns (RkStore *store, const RkSEvent *was, GError **error)
{
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < was->assigns->len; i++)
      {
        const RkSAssign *a = &g_array_index (was->assigns, RkSAssign, i);
        gboolean ok = TRUE;

        if (pass == 0 && a->occ_date == 0)
          ok = rk_store_assign (store, was->id, a->staff_id, 0, a->tentative, error);
        else if (pass == 1 && a->occ_date != 0 && !a->excluded)
          ok = rk_store_assign (store, was->id, a->staff_id, a->occ_date, a->tentative, error);
        else if (pass == 2 && a->occ_date != 0 && a->excluded)
          ok = rk_store_unassign (store, was->id, a->staff_id, a->occ_date, error);
        if (!ok)
          return FALSE;
      }
  return TRUE;
}

static gboolean
restore (RkStore *store, const RkSEvent *was, const RkSEvent *now, GError **error)
{
  if (!fields_equal (was, now))
    {
      g_autoptr(RkEvent) event = rk_store_get_event (store, was->id, error);
      g_autofree char *start = NULL, *end = NULL;

      if (event == NULL)
        return FALSE;
      start = rk_time_format (was->start);
      end = rk_time_format (was->end);
      g_object_set (event,
                    "program-id", program_id (was),
                    "title", was->title,
                    "start", start,
                    "end", end,
                    "room-id", room_id (was),
                    "capacity", was->capacity,
                    "notes", was->notes,
                    "rrule", was->rrule,
                    "on-holiday", rk_policy_to_token (was->policy),
                    "tentative", was->tentative,
                    NULL);
      if (!rk_store_update_event (store, event, error))
        return FALSE;
    }
  if (was->cancelled != now->cancelled &&
      !rk_store_set_event_cancelled (store, was->id, was->cancelled, error))
    return FALSE;
  if (!equipment_equal (was, now) &&
      !rk_store_set_event_equipment (store, was->id, was->equipment, error))
    return FALSE;
  if (!exceptions_equal (was, now))
    {
      for (guint i = 0; i < now->exceptions->len; i++)
        if (!rk_store_delete_exception (store, now->id,
                                        g_array_index (now->exceptions, RkSException, i).occ_date,
                                        error))
          return FALSE;
      for (guint i = 0; i < was->exceptions->len; i++)
        {
          const RkSException *x = &g_array_index (was->exceptions, RkSException, i);

          if (!rk_store_set_exception (store, was->id, x->occ_date, x->kind, x->start, x->end,
                                       x->reason, error))
            return FALSE;
        }
    }
  if (!assigns_equal (was, now) &&
      (!clear_assigns (store, now, error) || !restore_assigns (store, was, error)))
    return FALSE;
  return TRUE;
}

static void
notify_state (RkUndoStack *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

static void
rk_undo_stack_dispose (GObject *object)
{
  RkUndoStack *self = RK_UNDO_STACK (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (rk_undo_stack_parent_class)->dispose (object);
}

static void
rk_undo_stack_finalize (GObject *object)
{
  RkUndoStack *self = RK_UNDO_STACK (object);

  g_ptr_array_unref (self->entries);
  g_clear_pointer (&self->recording, entry_free);
  G_OBJECT_CLASS (rk_undo_stack_parent_class)->finalize (object);
}

static void
rk_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RkUndoStack *self = RK_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, rk_undo_stack_can_undo (self));
      break;
    case PROP_LABEL:
      g_value_set_string (value, rk_undo_stack_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_undo_stack_class_init (RkUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rk_undo_stack_dispose;
  object_class->finalize = rk_undo_stack_finalize;
  object_class->get_property = rk_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_undo_stack_init (RkUndoStack *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

RkUndoStack *
rk_undo_stack_new (RkStore *store)
{
  RkUndoStack *self = g_object_new (RK_TYPE_UNDO_STACK, NULL);

  self->store = g_object_ref (store);
  return self;
}

void
rk_undo_stack_begin (RkUndoStack *self,
                     const char  *label)
{
  g_return_if_fail (RK_IS_UNDO_STACK (self));
  g_return_if_fail (rk_store_in_transaction (self->store));

  g_clear_pointer (&self->recording, entry_free);
  self->recording = entry_new (label);
}

static Snap *
find_snap (Entry *entry, gint64 event_id)
{
  for (guint i = 0; i < entry->snaps->len; i++)
    {
      Snap *snap = &g_array_index (entry->snaps, Snap, i);
      if (snap->event_id == event_id)
        return snap;
    }
  return NULL;
}

gboolean
rk_undo_stack_save_event (RkUndoStack  *self,
                          gint64        event_id,
                          GError      **error)
{
  Snap snap = { 0 };

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->recording != NULL, FALSE);

  if (find_snap (self->recording, event_id))
    return TRUE;
  snap.event_id = event_id;
  if (!state_load (self->store, event_id, &snap.before, error))
    return FALSE;
  g_array_append_val (self->recording->snaps, snap);
  return TRUE;
}

void
rk_undo_stack_note_created (RkUndoStack *self,
                            gint64       event_id)
{
  Snap snap = { 0 };

  g_return_if_fail (RK_IS_UNDO_STACK (self));
  g_return_if_fail (self->recording != NULL);

  if (find_snap (self->recording, event_id))
    return;
  snap.event_id = event_id;
  snap.created = TRUE;
  g_array_append_val (self->recording->snaps, snap);
}

gboolean
rk_undo_stack_commit (RkUndoStack  *self,
                      GError      **error)
{
  Entry *entry;

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->recording != NULL, FALSE);

  entry = self->recording;
  /* What the action left behind, to notice later changes on undo. */
  for (guint i = 0; i < entry->snaps->len; i++)
    {
      Snap *snap = &g_array_index (entry->snaps, Snap, i);

      if (!state_load (self->store, snap->event_id, &snap->after, error))
        {
          rk_undo_stack_abort (self);
          return FALSE;
        }
    }
  if (!rk_store_commit (self->store, error))
    {
      g_clear_pointer (&self->recording, entry_free);
      return FALSE;
    }
  g_ptr_array_add (self->entries, g_steal_pointer (&self->recording));
  if (self->entries->len > MAX_ENTRIES)
    g_ptr_array_remove_index (self->entries, 0);
  notify_state (self);
  return TRUE;
}

void
rk_undo_stack_abort (RkUndoStack *self)
{
  g_return_if_fail (RK_IS_UNDO_STACK (self));

  rk_store_rollback (self->store);
  g_clear_pointer (&self->recording, entry_free);
}

gboolean
rk_undo_stack_can_undo (RkUndoStack *self)
{
  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);

  return self->entries->len > 0;
}

const char *
rk_undo_stack_get_label (RkUndoStack *self)
{
  g_return_val_if_fail (RK_IS_UNDO_STACK (self), NULL);

  if (self->entries->len == 0)
    return NULL;
  return ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->label;
}

static gboolean
undo_entry (RkUndoStack *self, Entry *entry, GError **error)
{
  /* Newest change first, so that rows added by the action go before the
   * rows they hang on. */
  for (guint i = entry->snaps->len; i-- > 0;)
    {
      Snap *snap = &g_array_index (entry->snaps, Snap, i);
      State now = { 0 };
      gboolean ok;

      if (!state_load (self->store, snap->event_id, &now, error))
        return FALSE;
      if (!state_equal (&now, &snap->after))
        {
          state_clear (&now);
          g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                       _("“%s” cannot be undone: the event was changed since, by someone else "
                         "or by a later change"),
                       entry->label);
          return FALSE;
        }
      if (snap->created)
        ok = now.event == NULL || rk_store_delete_event (self->store, snap->event_id, error);
      else if (snap->before.event == NULL || now.event == NULL)
        ok = TRUE;   /* nothing to put back, or nothing to put it on */
      else
        ok = restore (self->store, snap->before.event, now.event, error);
      state_clear (&now);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
rk_undo_stack_undo (RkUndoStack  *self,
                    GError      **error)
{
  Entry *entry;

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);

  if (self->entries->len == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("There is nothing to undo"));
      return FALSE;
    }
  entry = g_ptr_array_index (self->entries, self->entries->len - 1);
  if (!rk_store_begin (self->store, error))
    return FALSE;
  if (!undo_entry (self, entry, error))
    {
      rk_store_rollback (self->store);
      return FALSE;
    }
  if (!rk_store_commit (self->store, error))
    return FALSE;
  g_ptr_array_remove_index (self->entries, self->entries->len - 1);
  notify_state (self);
  return TRUE;
}

void
rk_undo_stack_clear (RkUndoStack *self)
{
  g_return_if_fail (RK_IS_UNDO_STACK (self));

  g_ptr_array_set_size (self->entries, 0);
  notify_state (self);
}
