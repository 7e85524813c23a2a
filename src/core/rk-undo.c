#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rk-error.h"
#include "rk-undo.h"

/* At most this many actions can be undone; older ones are forgotten. */
#define MAX_ENTRIES 50
#define MAX_SETS 5

/* The row sets that make up one thing, entity row first: putting them
 * back in this order inserts a parent before its children, and deleting
 * the parent takes its children along. */
static const struct
{
  guint     n;
  RkRowSet  sets[MAX_SETS];
} kinds[] = {
  [RK_UNDO_EVENT] = { 5, { RK_ROWS_EVENT, RK_ROWS_EVENT_EXCEPTIONS, RK_ROWS_EVENT_STAFF,
                           RK_ROWS_EVENT_EQUIPMENT, RK_ROWS_ATTENDANCE } },
  [RK_UNDO_STAFF] = { 2, { RK_ROWS_STAFF, RK_ROWS_AVAILABILITY } },
  [RK_UNDO_UNAVAILABILITY] = { 1, { RK_ROWS_UNAVAILABILITY } },
  [RK_UNDO_VENUE] = { 2, { RK_ROWS_VENUE, RK_ROWS_NOTICES } },
  [RK_UNDO_CLOSING] = { 1, { RK_ROWS_CLOSING } },
  [RK_UNDO_ROOM] = { 1, { RK_ROWS_ROOM } },
  [RK_UNDO_EQUIPMENT] = { 1, { RK_ROWS_EQUIPMENT } },
  [RK_UNDO_PROGRAM] = { 2, { RK_ROWS_PROGRAM, RK_ROWS_REQUIREMENTS } },
  [RK_UNDO_SETTINGS] = { 1, { RK_ROWS_SETTINGS } },
  [RK_UNDO_ATTENDANCE] = { 1, { RK_ROWS_ATTENDANCE } },
};

typedef struct
{
  RkUndoKind  kind;
  gint64      id;
  GVariant   *before[MAX_SETS];   /* what undo puts back */
  GVariant   *after[MAX_SETS];    /* what redo puts back */
  GVariant   *expect[MAX_SETS];   /* what the database holds as this stack left it */
} Item;

typedef struct _RkUndoEntry
{
  char    *label;
  GArray  *items;                 /* Item, in the order they were recorded */
} Entry;

struct _RkUndoStack
{
  GObject    parent_instance;

  RkStore   *store;
  GPtrArray *entries;             /* Entry, oldest first */
  GPtrArray *undone;              /* Entry, the last undone last */
  Entry     *recording;
};

G_DEFINE_FINAL_TYPE (RkUndoStack, rk_undo_stack, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_LABEL,
  PROP_CAN_REDO,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_clear (gpointer data)
{
  Item *item = data;

  for (guint i = 0; i < MAX_SETS; i++)
    {
      g_clear_pointer (&item->before[i], g_variant_unref);
      g_clear_pointer (&item->after[i], g_variant_unref);
      g_clear_pointer (&item->expect[i], g_variant_unref);
    }
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->label);
  g_array_unref (entry->items);
  g_free (entry);
}

static Entry *
entry_new (const char *label)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->label = g_strdup (label);
  entry->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (entry->items, item_clear);
  return entry;
}

static Item *
find_item (Entry *entry, RkUndoKind kind, gint64 id)
{
  for (guint i = 0; i < entry->items->len; i++)
    {
      Item *item = &g_array_index (entry->items, Item, i);
      if (item->kind == kind && item->id == id)
        return item;
    }
  return NULL;
}

static void
notify_state (RkUndoStack *self)
{
  for (guint i = PROP_CAN_UNDO; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
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
  g_ptr_array_unref (self->undone);
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
    case PROP_CAN_REDO:
      g_value_set_boolean (value, rk_undo_stack_can_redo (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, rk_undo_stack_get_redo_label (self));
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
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rk_undo_stack_init (RkUndoStack *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->undone = g_ptr_array_new_with_free_func (entry_free);
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

gboolean
rk_undo_stack_save (RkUndoStack  *self,
                    RkUndoKind    kind,
                    gint64        id,
                    GError      **error)
{
  Item item = { 0 };

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->recording != NULL, FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);

  if (find_item (self->recording, kind, id))
    return TRUE;
  item.kind = kind;
  item.id = id;
  for (guint i = 0; i < kinds[kind].n; i++)
    {
      item.before[i] = rk_store_get_rows (self->store, kinds[kind].sets[i], id, error);
      if (item.before[i] == NULL)
        {
          item_clear (&item);
          return FALSE;
        }
    }
  g_array_append_val (self->recording->items, item);
  return TRUE;
}

void
rk_undo_stack_note_new (RkUndoStack *self,
                        RkUndoKind   kind,
                        gint64       id)
{
  Item item = { 0 };

  g_return_if_fail (RK_IS_UNDO_STACK (self));
  g_return_if_fail (self->recording != NULL);
  g_return_if_fail (kind < G_N_ELEMENTS (kinds));

  if (find_item (self->recording, kind, id))
    return;
  item.kind = kind;
  item.id = id;
  for (guint i = 0; i < kinds[kind].n; i++)
    item.before[i] = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("a{sv}"), NULL, 0));
  g_array_append_val (self->recording->items, item);
}

gboolean
rk_undo_stack_save_event (RkUndoStack  *self,
                          gint64        event_id,
                          GError      **error)
{
  return rk_undo_stack_save (self, RK_UNDO_EVENT, event_id, error);
}

void
rk_undo_stack_note_created (RkUndoStack *self,
                            gint64       event_id)
{
  rk_undo_stack_note_new (self, RK_UNDO_EVENT, event_id);
}

/* Each item's rows as the action left them. Items of one kind are read
 * a set at a time, all their keys in one statement: an import of a
 * thousand events is five reads, not five thousand round trips to the
 * server. */
static gboolean
read_after (RkUndoStack *self, Entry *entry, GError **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < entry->items->len; i++)
        if (g_array_index (entry->items, Item, i).kind == k)
          g_array_append_val (ids, g_array_index (entry->items, Item, i).id);
      if (ids->len == 0)
        continue;
      for (guint s = 0; s < kinds[k].n; s++)
        {
          g_autoptr(GHashTable) rows = rk_store_get_rows_many (self->store, kinds[k].sets[s],
                                                               (const gint64 *) ids->data,
                                                               ids->len, error);

          if (rows == NULL)
            return FALSE;
          for (guint i = 0; i < entry->items->len; i++)
            {
              Item *item = &g_array_index (entry->items, Item, i);

              if (item->kind != k)
                continue;
              item->after[s] = g_variant_ref (g_hash_table_lookup (rows, &item->id));
              item->expect[s] = g_variant_ref (item->after[s]);
            }
        }
    }
  return TRUE;
}

gboolean
rk_undo_stack_commit (RkUndoStack  *self,
                      GError      **error)
{
  Entry *entry;

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->recording != NULL, FALSE);

  entry = self->recording;
  /* What the action left behind: what redo puts back, and what later
   * changes are noticed against. */
  if (!read_after (self, entry, error))
    {
      rk_undo_stack_abort (self);
      return FALSE;
    }
  if (!rk_store_commit (self->store, error))
    {
      g_clear_pointer (&self->recording, entry_free);
      return FALSE;
    }
  rk_undo_stack_push (self, g_steal_pointer (&self->recording));
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

gboolean
rk_undo_stack_can_redo (RkUndoStack *self)
{
  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);

  return self->undone->len > 0;
}

const char *
rk_undo_stack_get_redo_label (RkUndoStack *self)
{
  g_return_val_if_fail (RK_IS_UNDO_STACK (self), NULL);

  if (self->undone->len == 0)
    return NULL;
  return ((Entry *) g_ptr_array_index (self->undone, self->undone->len - 1))->label;
}

/* Puts the entry's rows to `before` (undo) or `after` (redo) in one
 * transaction; on success the entry's expectations are what it wrote. */
static gboolean
apply_entry (RkStore *store, Entry *entry, gboolean redo, GError **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  guint n = entry->items->len;

  if (!rk_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      Item *item = &g_array_index (entry->items, Item, i);

      for (guint s = 0; s < kinds[item->kind].n; s++)
        {
          g_autoptr(GVariant) now = rk_store_get_rows (store, kinds[item->kind].sets[s],
                                                       item->id, error);

          if (now == NULL)
            goto fail;
          /* The values, not the version: putting an entity row back moves
           * its version on, so the entry before an undone one would
           * otherwise never be undone. */
          if (!rk_rows_same_values (now, item->expect[s]))
            {
              g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                           redo ? _("“%s” cannot be redone: it was changed since, by someone "
                                    "else or by a later change")
                                : _("“%s” cannot be undone: it was changed since, by someone "
                                    "else or by a later change"),
                           entry->label);
              goto fail;
            }
        }
    }
  /* Undo: newest change first, so that rows an action added go before the
   * rows they hang on. Redo: in the order of the action. */
  for (guint k = 0; k < n; k++)
    {
      Item *item = &g_array_index (entry->items, Item, redo ? k : n - 1 - k);

      for (guint s = 0; s < kinds[item->kind].n; s++)
        if (!rk_store_put_rows (store, kinds[item->kind].sets[s], item->id,
                                redo ? item->after[s] : item->before[s], error))
          goto fail;
    }
  for (guint i = 0; i < n; i++)
    {
      Item *item = &g_array_index (entry->items, Item, i);

      for (guint s = 0; s < kinds[item->kind].n; s++)
        {
          GVariant *rows = rk_store_get_rows (store, kinds[item->kind].sets[s], item->id,
                                              error);
          if (rows == NULL)
            goto fail;
          g_ptr_array_add (written, rows);
        }
    }
  if (!rk_store_commit (store, error))
    return FALSE;
  for (guint i = 0, w = 0; i < n; i++)
    {
      Item *item = &g_array_index (entry->items, Item, i);

      for (guint s = 0; s < kinds[item->kind].n; s++)
        {
          g_variant_unref (item->expect[s]);
          item->expect[s] = g_variant_ref (g_ptr_array_index (written, w++));
        }
    }
  return TRUE;

fail:
  rk_store_rollback (store);
  return FALSE;
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
  if (!apply_entry (self->store, entry, FALSE, error))
    return FALSE;
  g_ptr_array_add (self->undone, g_ptr_array_steal_index (self->entries, self->entries->len - 1));
  notify_state (self);
  return TRUE;
}

gboolean
rk_undo_stack_redo (RkUndoStack  *self,
                    GError      **error)
{
  Entry *entry;

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), FALSE);

  if (self->undone->len == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("There is nothing to redo"));
      return FALSE;
    }
  entry = g_ptr_array_index (self->undone, self->undone->len - 1);
  if (!apply_entry (self->store, entry, TRUE, error))
    return FALSE;
  g_ptr_array_add (self->entries, g_ptr_array_steal_index (self->undone, self->undone->len - 1));
  notify_state (self);
  return TRUE;
}

RkUndoEntry *
rk_undo_stack_steal_newest (RkUndoStack *self)
{
  g_return_val_if_fail (RK_IS_UNDO_STACK (self), NULL);

  if (self->entries->len == 0)
    return NULL;
  return g_ptr_array_steal_index (self->entries, self->entries->len - 1);
}

void
rk_undo_stack_push (RkUndoStack *self,
                    RkUndoEntry *entry)
{
  g_return_if_fail (RK_IS_UNDO_STACK (self));
  g_return_if_fail (entry != NULL);

  g_ptr_array_add (self->entries, entry);
  if (self->entries->len > MAX_ENTRIES)
    g_ptr_array_remove_index (self->entries, 0);
  g_ptr_array_set_size (self->undone, 0);
  notify_state (self);
}

RkUndoEntry *
rk_undo_stack_take (RkUndoStack *self,
                    gboolean     redo)
{
  GPtrArray *from;
  RkUndoEntry *entry;

  g_return_val_if_fail (RK_IS_UNDO_STACK (self), NULL);

  from = redo ? self->undone : self->entries;
  if (from->len == 0)
    return NULL;
  entry = g_ptr_array_steal_index (from, from->len - 1);
  notify_state (self);
  return entry;
}

gboolean
rk_undo_entry_apply (RkUndoEntry  *entry,
                     RkStore      *store,
                     gboolean      redo,
                     GError      **error)
{
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (RK_IS_STORE (store), FALSE);

  return apply_entry (store, entry, redo, error);
}

void
rk_undo_stack_give_back (RkUndoStack *self,
                         RkUndoEntry *entry,
                         gboolean     redo,
                         gboolean     applied)
{
  GPtrArray *to;

  g_return_if_fail (RK_IS_UNDO_STACK (self));
  g_return_if_fail (entry != NULL);

  /* Undone: it can be redone; redone: undone again. Refused: back where
   * it was, to be tried again. */
  to = (redo != applied) ? self->undone : self->entries;
  g_ptr_array_add (to, entry);
  if (self->entries->len > MAX_ENTRIES)
    g_ptr_array_remove_index (self->entries, 0);
  notify_state (self);
}

const char *
rk_undo_entry_get_label (RkUndoEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->label;
}

void
rk_undo_entry_free (RkUndoEntry *entry)
{
  if (entry)
    entry_free (entry);
}

void
rk_undo_stack_clear (RkUndoStack *self)
{
  g_return_if_fail (RK_IS_UNDO_STACK (self));

  g_ptr_array_set_size (self->entries, 0);
  g_ptr_array_set_size (self->undone, 0);
  notify_state (self);
}
