#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "rk-error.h"
#include "rk-import.h"
#include "rk-recurrence.h"
#include "rk-store-batch.h"
#include "rk-store-origin.h"

/* Holiday policies move an occurrence by up to a month. */
#define POLICY_REACH_DAYS 31

/* ---- what an import did ------------------------------------------------- */

void
rk_import_stats_note (RkImportStats *stats, guint line, const char *uid, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (stats->notes == NULL)
    stats->notes = g_ptr_array_new_with_free_func (g_free);
  if (line && uid)
    g_ptr_array_add (stats->notes, g_strdup_printf (_("line %u (UID %s): %s"), line, uid, msg));
  else if (line)
    g_ptr_array_add (stats->notes, g_strdup_printf (_("line %u: %s"), line, msg));
  else if (uid)
    g_ptr_array_add (stats->notes, g_strdup_printf (_("UID %s: %s"), uid, msg));
  else
    g_ptr_array_add (stats->notes, g_steal_pointer (&msg));
}

void
rk_import_limit_text (RkImportStats *stats, guint line, const char *uid, const char *what,
                      char **text, guint max)
{
  glong n;

  if (*text == NULL || !g_utf8_validate (*text, -1, NULL))
    return;
  n = g_utf8_strlen (*text, -1);
  if (n <= (glong) max)
    return;
  *g_utf8_offset_to_pointer (*text, max) = '\0';
  rk_import_stats_note (stats, line, uid,
                        _("%s is %ld characters long: kept its first %u"), what, n, max);
}

void
rk_import_stats_clear (RkImportStats *stats)
{
  g_clear_pointer (&stats->notes, g_ptr_array_unref);
}

/* ---- import: matching names --------------------------------------------- */

struct _RkImportMatch
{
  RkSchedule *ref;
  GHashTable *rooms_full;    /* "venue room" → RkSRoom */
  GHashTable *rooms_name;    /* room name → RkSRoom, or &ambiguous */
  GHashTable *programs;      /* name → RkSProgram */
  GHashTable *staff;         /* name → RkSStaff, or &ambiguous */
};

static int ambiguous;

/* Names typed in other programs: full-width letters and spaces, runs of
 * blanks. */
static char *
name_key (const char *text)
{
  g_autofree char *norm = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  norm = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (norm == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
insert_unique (GHashTable *table, char *key, gpointer value)
{
  gpointer old = g_hash_table_lookup (table, key);

  if (old && old != value)
    g_hash_table_replace (table, key, &ambiguous);
  else
    g_hash_table_replace (table, key, value);
}

RkImportMatch *
rk_import_match_new (RkStore *store, GError **error)
{
  g_autoptr(RkImportMatch) m = g_new0 (RkImportMatch, 1);
  GHashTableIter it;
  gpointer value;

  /* The reference data alone: a range with no event in it. */
  m->ref = rk_store_load_schedule (store, 1, 1, error);
  if (m->ref == NULL)
    return NULL;
  m->rooms_full = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->rooms_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->programs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&it, m->ref->rooms);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      RkSRoom *r = value;
      g_autofree char *full = g_strdup_printf ("%s %s", r->venue ? r->venue->name : "", r->name);

      insert_unique (m->rooms_full, name_key (full), r);
      insert_unique (m->rooms_name, name_key (r->name), r);
    }
  g_hash_table_iter_init (&it, m->ref->programs);
  while (g_hash_table_iter_next (&it, NULL, &value))
    insert_unique (m->programs, name_key (((RkSProgram *) value)->name), value);
  g_hash_table_iter_init (&it, m->ref->staff);
  while (g_hash_table_iter_next (&it, NULL, &value))
    insert_unique (m->staff, name_key (((RkSStaff *) value)->name), value);
  return g_steal_pointer (&m);
}

void
rk_import_match_free (RkImportMatch *m)
{
  if (m == NULL)
    return;
  g_clear_pointer (&m->rooms_full, g_hash_table_unref);
  g_clear_pointer (&m->rooms_name, g_hash_table_unref);
  g_clear_pointer (&m->programs, g_hash_table_unref);
  g_clear_pointer (&m->staff, g_hash_table_unref);
  g_clear_pointer (&m->ref, rk_schedule_free);
  g_free (m);
}

RkSchedule *
rk_import_match_reference (RkImportMatch *m)
{
  return m->ref;
}

static gpointer
lookup_unique (GHashTable *table, const char *name)
{
  g_autofree char *key = name_key (name);
  gpointer v;

  if (*key == '\0')
    return NULL;
  v = g_hash_table_lookup (table, key);
  return v == &ambiguous ? NULL : v;
}

gint64
rk_import_match_room (RkImportMatch *m, const char *location)
{
  RkSRoom *r = lookup_unique (m->rooms_full, location);

  if (r == NULL)
    r = lookup_unique (m->rooms_name, location);
  return r ? r->id : 0;
}

gint64
rk_import_match_room_in (RkImportMatch *m, const char *venue, const char *room)
{
  g_autofree char *full = NULL;
  RkSRoom *r;

  if (room == NULL || *room == '\0')
    return 0;
  if (venue == NULL || *venue == '\0')
    return rk_import_match_room (m, room);
  full = g_strdup_printf ("%s %s", venue, room);
  r = lookup_unique (m->rooms_full, full);
  return r ? r->id : 0;
}

gint64
rk_import_match_program (RkImportMatch *m, const char *name)
{
  RkSProgram *p = lookup_unique (m->programs, name);

  return p ? p->id : 0;
}

gint64
rk_import_match_staff (RkImportMatch *m, const char *name)
{
  RkSStaff *s = lookup_unique (m->staff, name);

  return s ? s->id : 0;
}

/* ---- import: writing ---------------------------------------------------- */

static void
exception_clear (gpointer data)
{
  g_free (((RkSException *) data)->reason);
}

RkImportEvent *
rk_import_event_new (void)
{
  RkImportEvent *item = g_new0 (RkImportEvent, 1);

  item->capacity = -1;
  item->sequence = -1;
  item->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
  g_array_set_clear_func (item->exceptions, exception_clear);
  item->staff = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
  return item;
}

void
rk_import_event_free (RkImportEvent *item)
{
  if (item == NULL)
    return;
  g_free (item->uid);
  g_free (item->title);
  g_free (item->notes);
  g_free (item->location);
  g_free (item->rrule);
  g_free (item->tzid);
  g_array_unref (item->exceptions);
  g_array_unref (item->staff);
  g_free (item);
}

static int
exception_cmp (gconstpointer a, gconstpointer b)
{
  const RkSException *x = a, *y = b;

  return x->occ_date < y->occ_date ? -1 : x->occ_date > y->occ_date;
}

/* Drops the exceptions the event's holiday policy gives in this database
 * anyway, so a re-import keeps following the policy (and the venue's
 * closing days) rather than freezing today's result. */
static void
drop_policy_exceptions (RkImportMatch *m, RkImportEvent *item)
{
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) assigns = NULL;
  g_autoptr(GArray) equipment = NULL;
  RkSEvent e = { 0 };
  RkDay lo = G_MAXUINT32, hi = 0;

  if (item->policy == RK_POLICY_UNSET || item->policy == RK_POLICY_KEEP ||
      item->exceptions->len == 0)
    return;
  for (guint i = 0; i < item->exceptions->len; i++)
    {
      const RkSException *x = &g_array_index (item->exceptions, RkSException, i);
      lo = MIN (lo, x->occ_date);
      hi = MAX (hi, x->occ_date);
    }
  none = g_array_new (FALSE, TRUE, sizeof (RkSException));
  assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
  equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
  e.program = rk_schedule_program (m->ref, item->program_id);
  e.title = item->title;
  e.start = item->start;
  e.end = item->end;
  e.room = rk_schedule_room (m->ref, item->room_id);
  e.capacity = item->capacity;
  e.rrule = item->rrule;
  e.policy = item->policy;
  e.uid = item->uid;
  e.exceptions = none;
  e.assigns = assigns;
  e.equipment = equipment;
  occs = rk_event_expand (m->ref, &e, lo > POLICY_REACH_DAYS ? lo - POLICY_REACH_DAYS : 1,
                          hi + POLICY_REACH_DAYS, NULL);

  for (guint i = item->exceptions->len; i-- > 0;)
    {
      const RkSException *x = &g_array_index (item->exceptions, RkSException, i);
      gboolean same = FALSE;

      for (guint j = 0; j < occs->len; j++)
        {
          const RkOcc *o = &g_array_index (occs, RkOcc, j);

          if (o->orig_date != x->occ_date)
            continue;
          if (x->kind == RK_EXCEPTION_SKIPPED)
            same = o->status == RK_OCC_SKIPPED;
          else if (x->kind == RK_EXCEPTION_MOVED)
            same = o->moved && o->start == x->start && o->end == x->end;
          break;
        }
      if (same)
        g_array_remove_index (item->exceptions, i);
    }
}

static char *
canonical_rule (const char *rrule)
{
  g_autofree char *up = g_ascii_strup (rrule, -1);
  struct icalrecurrencetype r = icalrecurrencetype_from_string (g_str_has_prefix (up, "RRULE:")
                                                                  ? up + 6 : up);

  if (r.freq == ICAL_NO_RECURRENCE)
    return NULL;
  return icalrecurrencetype_as_string_r (&r);
}

static gboolean
same_rule (const char *a, const char *b)
{
  g_autofree char *ca = NULL, *cb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  ca = canonical_rule (a);
  cb = canonical_rule (b);
  return ca && cb && strcmp (ca, cb) == 0;
}

static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

/* Would writing the item change the event id (ev as stored)?  A second
 * import of the same file must change nothing, not even row versions. */
static gboolean
item_changes_event (RkStore *store, RkImportEvent *item, RkEvent *ev, const char *notes,
                    gboolean *changes, GError **error)
{
  g_autoptr(RkSchedule) s = NULL;
  RkSEvent *se;
  char start[17], end[17];
  const char *policy = item->policy == RK_POLICY_UNSET ? NULL : rk_policy_to_token (item->policy);

  *changes = TRUE;
  if (rk_event_get_program_id (ev) != item->program_id ||
      !same_text (rk_event_get_title (ev), item->title) ||
      g_strcmp0 (rk_event_get_start (ev), rk_time_format_buf (item->start, start)) != 0 ||
      g_strcmp0 (rk_event_get_end (ev), rk_time_format_buf (item->end, end)) != 0 ||
      rk_event_get_room_id (ev) != item->room_id ||
      rk_event_get_capacity (ev) != item->capacity ||
      !same_text (rk_event_get_notes (ev), notes) ||
      !same_text (rk_event_get_rrule (ev), item->rrule) ||
      !same_text (rk_event_get_on_holiday (ev), policy) ||
      rk_event_get_tentative (ev) != item->tentative ||
      rk_event_get_all_day (ev) != item->all_day)
    return TRUE;
  s = rk_store_load_schedule (store, rk_minute_day (item->start), rk_minute_day (item->start),
                              error);
  if (s == NULL)
    return FALSE;
  se = rk_schedule_event (s, rk_event_get_id (ev));
  if (se == NULL || se->cancelled != item->cancelled ||
      se->exceptions->len != item->exceptions->len ||
      (item->sequence >= 0 && (g_strcmp0 (se->tzid, item->tzid) != 0 ||
                               se->sequence_base + se->version - 1 != item->sequence)))
    return TRUE;
  for (guint i = 0; i < item->exceptions->len; i++)
    {
      const RkSException *x = &g_array_index (item->exceptions, RkSException, i);
      const RkSException *y = rk_sevent_exception (se, x->occ_date);

      if (y == NULL || y->kind != x->kind ||
          (x->kind == RK_EXCEPTION_MOVED && (y->start != x->start || y->end != x->end)) ||
          (x->reason && g_strcmp0 (x->reason, y->reason) != 0))
        return TRUE;
    }
  for (guint i = 0; i < item->staff->len; i++)
    {
      const RkSAssign *a = &g_array_index (item->staff, RkSAssign, i);
      gboolean found = FALSE;

      for (guint j = 0; j < se->assigns->len && !found; j++)
        {
          const RkSAssign *b = &g_array_index (se->assigns, RkSAssign, j);
          found = b->staff_id == a->staff_id && b->occ_date == a->occ_date &&
                  b->excluded == a->excluded && (a->excluded || b->tentative == a->tentative);
        }
      if (!found)
        return TRUE;
    }
  *changes = FALSE;
  return TRUE;
}

/* The notes an imported event keeps: the file's (or the event's), and a
 * place that matched no room, where a person reads it. */
static char *
item_notes (RkImportEvent *item, const char *have)
{
  char *notes = g_strdup (item->notes ? item->notes : have);

  if (item->location && *item->location)
    {
      g_autofree char *line = g_strdup_printf (_("Location: %s"), item->location);

      if (notes == NULL || *notes == '\0')
        {
          g_free (notes);
          notes = g_steal_pointer (&line);
        }
      else if (strstr (notes, line) == NULL)
        {
          char *joined = g_strconcat (notes, "\n", line, NULL);
          g_free (notes);
          notes = joined;
        }
    }
  return notes;
}

static void
item_to_event (RkImportEvent *item, RkEvent *ev, const char *notes)
{
  char start[17], end[17];

  g_object_set (ev,
                "program-id", item->program_id,
                "title", item->title,
                "start", rk_time_format_buf (item->start, start),
                "end", rk_time_format_buf (item->end, end),
                "room-id", item->room_id,
                "capacity", item->capacity,
                "notes", notes,
                "rrule", item->rrule,
                "on-holiday", item->policy == RK_POLICY_UNSET ? NULL
                                                             : rk_policy_to_token (item->policy),
                "tentative", item->tentative,
                "all-day", item->all_day,
                NULL);
}

/* The exceptions and staff of an imported event, written as event id. */
static gboolean
write_children (RkStore *store, gint64 id, RkImportEvent *item, GError **error)
{
  g_autoptr(GError) local = NULL;

  for (guint i = 0; i < item->exceptions->len; i++)
    {
      const RkSException *x = &g_array_index (item->exceptions, RkSException, i);

      if (!rk_store_set_exception (store, id, x->occ_date, x->kind, x->start, x->end, x->reason,
                                   error))
        return FALSE;
    }
  for (guint i = 0; i < item->staff->len; i++)
    {
      const RkSAssign *a = &g_array_index (item->staff, RkSAssign, i);
      gboolean ok;

      /* Added to, never taken from, unless the file takes someone off
       * one occurrence: a public file names nobody. */
      if (a->excluded)
        ok = rk_store_unassign (store, id, a->staff_id, a->occ_date, &local) ||
             g_error_matches (local, RK_ERROR, RK_ERROR_INVALID);
      else
        ok = rk_store_assign (store, id, a->staff_id, a->occ_date, a->tentative, &local) ||
             g_error_matches (local, RK_ERROR, RK_ERROR_DUPLICATE);
      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_clear_error (&local);
    }
  return TRUE;
}

static gboolean
write_one (RkStore *store, RkImportMatch *m, RkImportEvent *item, RkImportStats *stats,
           GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RkEvent) ev = NULL;
  g_autofree char *notes = NULL;
  gint64 id;

  id = rk_store_find_event_by_uid (store, item->uid, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (id > 0)
    {
      ev = rk_store_get_event (store, id, error);
      if (ev == NULL)
        return FALSE;
    }
  else
    {
      ev = rk_event_new ();
      rk_event_set_uid (ev, item->uid);
    }

  if (id > 0 && same_rule (rk_event_get_rrule (ev), item->rrule))
    {
      /* libical writes a rule's parts in its own order: keep the person's. */
      g_free (item->rrule);
      item->rrule = g_strdup (rk_event_get_rrule (ev));
    }
  notes = item_notes (item, rk_event_get_notes (ev));

  drop_policy_exceptions (m, item);
  if (id > 0)
    {
      gboolean changes;

      if (!item_changes_event (store, item, ev, notes, &changes, error))
        return FALSE;
      if (!changes)
        {
          stats->unchanged++;
          return TRUE;
        }
    }

  item_to_event (item, ev, notes);
  if (id > 0)
    {
      if (!rk_store_update_event (store, ev, error) ||
          !rk_store_set_event_cancelled (store, id, item->cancelled, error) ||
          !rk_store_clear_exceptions (store, id, error))
        return FALSE;
      stats->updated++;
    }
  else
    {
      id = rk_store_add_event (store, ev, NULL, error);
      if (id == 0)
        return FALSE;
      if (item->cancelled && !rk_store_set_event_cancelled (store, id, TRUE, error))
        return FALSE;
      stats->created++;
    }
  if (item->sequence >= 0 &&
      !rk_store_set_event_origin (store, id, item->tzid, item->sequence, error))
    return FALSE;
  return write_children (store, id, item, error);
}

static gboolean
item_failed (RkImportEvent *item, GError **error)
{
  if (error && *error && (*error)->domain == RK_ERROR && (*error)->code != RK_ERROR_DATABASE)
    g_prefix_error (error, _("line %u (UID %s): "), item->line, item->uid);
  return FALSE;
}

/* The events new to the database (their uid in none of its events nor
 * earlier in the file) go in batches of many rows: a large file on a
 * server is then a few statements, not three round trips per event.
 * created[i]: item i's new event, or NULL for one written one by one
 * (an update, or a cancelled one, whose flag moves its version). */
static gboolean
create_new_events (RkStore *store, RkImportMatch *m, GPtrArray *items, GPtrArray *created,
                   GError **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autoptr(GHashTable) have = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RkStoreBatch) batch = rk_store_batch_new (store);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (uids, ((RkImportEvent *) g_ptr_array_index (items, i))->uid);
  have = rk_store_find_event_uids (store, uids, error);
  if (have == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      RkImportEvent *item = g_ptr_array_index (items, i);
      g_autoptr(RkEvent) ev = NULL;
      g_autofree char *notes = NULL;

      if (item->uid == NULL || *item->uid == '\0' || item->cancelled ||
          g_hash_table_contains (have, item->uid) || !g_hash_table_add (seen, item->uid))
        continue;
      ev = rk_event_new ();
      rk_event_set_uid (ev, item->uid);
      notes = item_notes (item, NULL);
      drop_policy_exceptions (m, item);
      item_to_event (item, ev, notes);
      if (rk_store_batch_add_event (batch, ev, NULL, item->tzid, item->sequence, error) == 0)
        return item_failed (item, error);
      g_ptr_array_index (created, i) = g_steal_pointer (&ev);
    }
  return rk_store_batch_flush (batch, error);
}

static void
unref_event (gpointer event)
{
  if (event)
    g_object_unref (event);
}

gboolean
rk_import_write (RkStore *store, RkImportMatch *match, GPtrArray *items, RkImportStats *stats,
                 GError **error)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (unref_event);

  g_return_val_if_fail (rk_store_in_transaction (store), FALSE);

  for (guint i = 0; i < items->len; i++)
    {
      RkImportEvent *item = g_ptr_array_index (items, i);

      rk_import_limit_text (stats, item->line, item->uid, _("the title"), &item->title,
                            RK_IMPORT_MAX_TITLE);
      rk_import_limit_text (stats, item->line, item->uid, _("the place"), &item->location,
                            RK_IMPORT_MAX_LOCATION);
      rk_import_limit_text (stats, item->line, item->uid, _("the notes"), &item->notes,
                            RK_IMPORT_MAX_NOTES);
      g_array_sort (item->exceptions, exception_cmp);
    }
  g_ptr_array_set_size (created, (gint) items->len);
  if (!create_new_events (store, match, items, created, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      RkImportEvent *item = g_ptr_array_index (items, i);
      RkEvent *ev = g_ptr_array_index (created, i);

      if (ev)
        stats->created++;
      if (ev ? !write_children (store, rk_event_get_id (ev), item, error)
             : !write_one (store, match, item, stats, error))
        return item_failed (item, error);
    }
  return TRUE;
}
