#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <string.h>

#include "rk-findtime.h"
#include "rk-holidays.h"

typedef struct
{
  RkMinute start, end;
  gint64   venue_id;
} Busy;

void
rk_find_time_query_init (RkFindTimeQuery *q)
{
  memset (q, 0, sizeof *q);
  q->day_start = 9 * 60;
  q->day_end = 17 * 60;
  q->step = 30;
  q->limit = 20;
}

static void
slot_free (gpointer data)
{
  RkSlot *s = data;

  for (int r = 0; r < RK_N_ROLES; r++)
    g_clear_pointer (&s->staff[r], g_array_unref);
  g_free (s);
}

static void
add_busy (GHashTable *index, gint64 key, RkMinute start, RkMinute end, gint64 venue_id)
{
  GArray *list = g_hash_table_lookup (index, &key);
  Busy b = { start, end, venue_id };

  if (list == NULL)
    {
      gint64 *k = g_new (gint64, 1);
      *k = key;
      list = g_array_new (FALSE, FALSE, sizeof (Busy));
      g_hash_table_insert (index, k, list);
    }
  g_array_append_val (list, b);
}

/* Is the key free for [start, end)? gap applies between different venues. */
static gboolean
is_free (GHashTable *index, gint64 key, RkMinute start, RkMinute end, gint64 venue_id, int gap)
{
  GArray *list = g_hash_table_lookup (index, &key);

  for (guint i = 0; list && i < list->len; i++)
    {
      const Busy *b = &g_array_index (list, Busy, i);

      if (b->start < end && start < b->end)
        return FALSE;
      if (gap > 0 && venue_id && b->venue_id && b->venue_id != venue_id &&
          b->start < end + gap && start < b->end + gap)
        return FALSE;
    }
  return TRUE;
}

static int
room_compare (gconstpointer a, gconstpointer b)
{
  const RkSRoom *x = *(RkSRoom **) a, *y = *(RkSRoom **) b;

  if (x->capacity != y->capacity)
    return x->capacity - y->capacity;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
room_compare_largest (gconstpointer a, gconstpointer b)
{
  return -room_compare (a, b);
}

static int
slot_compare (gconstpointer a, gconstpointer b)
{
  const RkSlot *x = *(RkSlot **) a, *y = *(RkSlot **) b;

  if (x->rank != y->rank)
    return x->rank - y->rank;
  return x->start < y->start ? -1 : x->start > y->start;
}

static int
staff_compare (gconstpointer a, gconstpointer b)
{
  const RkSStaff *x = *(RkSStaff **) a, *y = *(RkSStaff **) b;
  int c = g_strcmp0 (x->kana ? x->kana : x->name, y->kana ? y->kana : y->name);

  return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

GPtrArray *
rk_find_time (RkSchedule *schedule, GArray *occs, const RkFindTimeQuery *q)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (slot_free);
  g_autoptr(GHashTable) staff_busy = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) room_busy = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) item_busy = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) rooms = g_ptr_array_new ();
  GPtrArray *by_role[RK_N_ROLES] = { NULL };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RkSVenue *venue = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Who and what is busy when: one pass over the occurrences. */
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkSVenue *v = rk_sevent_venue (o->event);
      gint64 vid = v ? v->id : 0;

      if (!rk_occ_is_active (o))
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        add_busy (staff_busy, g_array_index (ids, gint64, j), o->start, o->end, vid);
      if (o->event->room)
        add_busy (room_busy, o->event->room->id, o->start, o->end, vid);
      for (guint j = 0; j < o->event->equipment->len; j++)
        add_busy (item_busy, g_array_index (o->event->equipment, gint64, j), o->start, o->end, vid);
    }
  for (guint i = 0; i < schedule->unavailable->len; i++)
    {
      const RkSUnavailable *u = &g_array_index (schedule->unavailable, RkSUnavailable, i);
      add_busy (staff_busy, u->staff_id, u->start, u->end, 0);
    }

  if (q->room_id)
    {
      RkSRoom *r = rk_schedule_room (schedule, q->room_id);
      if (r)
        {
          g_ptr_array_add (rooms, r);
          venue = r->venue;
        }
    }
  else if (q->venue_id)
    {
      venue = rk_schedule_venue (schedule, q->venue_id);
      g_hash_table_iter_init (&iter, schedule->rooms);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (venue && ((RkSRoom *) value)->venue == venue &&
            ((RkSRoom *) value)->capacity >= q->capacity)
          g_ptr_array_add (rooms, value);
      g_ptr_array_sort (rooms, q->capacity > 0 ? room_compare : room_compare_largest);
    }

  for (int r = 0; r < RK_N_ROLES; r++)
    by_role[r] = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RkSStaff *st = value;
      if (st->active)
        g_ptr_array_add (by_role[st->role], st);
    }
  for (int r = 0; r < RK_N_ROLES; r++)
    g_ptr_array_sort (by_role[r], staff_compare);

  for (RkDay day = q->from; day <= q->to; day++)
    {
      int wd = rk_day_weekday (day);
      int rank = 0;

      if (q->weekdays && !(q->weekdays & (1u << wd)))
        continue;
      if (rk_is_holiday_day (day) || rk_venue_closed_on (venue, day, NULL))
        continue;
      for (int m = q->day_start; m + q->duration <= q->day_end; m += q->step)
        {
          RkMinute start = rk_minute_make (day, m), end = start + q->duration;
          RkSRoom *room = NULL;
          gint64 vid = venue ? venue->id : 0;
          gboolean ok = TRUE;
          RkSlot *slot;

          if (rooms->len)
            {
              for (guint i = 0; i < rooms->len && room == NULL; i++)
                {
                  RkSRoom *r = g_ptr_array_index (rooms, i);
                  if (is_free (room_busy, r->id, start, end, 0, 0))
                    room = r;
                }
              if (room == NULL)
                continue;
            }
          for (guint i = 0; ok && q->equipment && i < q->equipment->len; i++)
            ok = is_free (item_busy, g_array_index (q->equipment, gint64, i), start, end, 0, 0);
          if (!ok)
            continue;

          slot = g_new0 (RkSlot, 1);
          slot->start = start;
          slot->end = end;
          slot->room = room;
          slot->rank = rank;
          for (int r = 0; ok && r < RK_N_ROLES; r++)
            {
              if (q->required[r] <= 0)
                continue;
              slot->staff[r] = g_array_new (FALSE, FALSE, sizeof (gint64));
              for (guint i = 0; i < by_role[r]->len; i++)
                {
                  RkSStaff *st = g_ptr_array_index (by_role[r], i);
                  if (is_free (staff_busy, st->id, start, end, vid, schedule->travel_gap))
                    g_array_append_val (slot->staff[r], st->id);
                }
              ok = (int) slot->staff[r]->len >= q->required[r];
            }
          if (!ok)
            {
              slot_free (slot);
              continue;
            }
          g_ptr_array_add (out, slot);
          rank++;
        }
    }
  g_ptr_array_sort (out, slot_compare);
  if (q->limit && out->len > q->limit)
    g_ptr_array_set_size (out, q->limit);
  for (int r = 0; r < RK_N_ROLES; r++)
    g_ptr_array_unref (by_role[r]);
  return out;
}
