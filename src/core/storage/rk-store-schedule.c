#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-private.h"

/* Loading schedules: the snapshots the rules, views and checks read,
 * and the benchmark's floor query. */

/* ---- schedule snapshot -------------------------------------------------- */

static gint64 *
key_of (gint64 *id)
{
  return id;
}

static gboolean
load_reference (RkStore *self, RkSchedule *s, GError **error)
{
  RkDbStmt *stmt;

  stmt = rk_store_prepare (
      self, "SELECT id, name, kind, address, contact, closed_on_holidays FROM venue", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSVenue *v = g_new0 (RkSVenue, 1);

      v->id = rk_db_column_int64 (stmt, 0);
      v->name = col_dup (stmt, 1);
      v->kind = col_dup (stmt, 2);
      v->address = col_dup (stmt, 3);
      v->contact = col_dup (stmt, 4);
      v->closed_on_holidays = rk_db_column_int (stmt, 5) != 0;
      v->closings = g_array_new (FALSE, TRUE, sizeof (RkClosing));
      g_hash_table_insert (s->venues, key_of (&v->id), v);
    }
  rk_db_reset (stmt);

  stmt = rk_store_prepare (self,
                           "SELECT id, venue_id, kind, start_date, end_date, weekday, reason "
                           "FROM venue_closing ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSVenue *v = rk_schedule_venue (s, rk_db_column_int64 (stmt, 1));
      const char *kind = col_text (stmt, 2);
      RkClosing c = { 0 };

      if (v == NULL)
        continue;
      c.id = rk_db_column_int64 (stmt, 0);
      if (g_strcmp0 (kind, "weekday") == 0)
        {
          c.kind = RK_CLOSING_WEEKDAY;
          c.weekday = rk_db_column_int (stmt, 5);
        }
      else if (g_strcmp0 (kind, "yearly") == 0)
        {
          const char *a = col_text (stmt, 3), *b = col_text (stmt, 4);
          c.kind = RK_CLOSING_YEARLY;
          c.start_md = a ? atoi (a) * 100 + atoi (a + 3) : 0;
          c.end_md = b ? atoi (b) * 100 + atoi (b + 3) : 0;
        }
      else
        {
          c.kind = g_strcmp0 (kind, "date") == 0 ? RK_CLOSING_DATE : RK_CLOSING_RANGE;
          c.start = col_date (stmt, 3);
          c.end = col_date (stmt, 4);
        }
      c.reason = col_dup (stmt, 6);
      g_array_append_val (v->closings, c);
    }
  rk_db_reset (stmt);

  stmt = rk_store_prepare (self, "SELECT id, venue_id, name, capacity, features FROM room", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSRoom *r = g_new0 (RkSRoom, 1);

      r->id = rk_db_column_int64 (stmt, 0);
      r->venue = rk_schedule_venue (s, rk_db_column_int64 (stmt, 1));
      r->name = col_dup (stmt, 2);
      r->capacity = rk_db_column_int (stmt, 3);
      r->features = col_dup (stmt, 4);
      g_hash_table_insert (s->rooms, key_of (&r->id), r);
    }
  rk_db_reset (stmt);

  stmt = rk_store_prepare (self,
                  "SELECT id, name, duration, audience, bring, color, staff_only FROM program",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSProgram *p = g_new0 (RkSProgram, 1);

      p->id = rk_db_column_int64 (stmt, 0);
      p->name = col_dup (stmt, 1);
      p->duration = rk_db_column_int (stmt, 2);
      p->audience = col_dup (stmt, 3);
      p->bring = col_dup (stmt, 4);
      p->color = col_dup (stmt, 5);
      p->staff_only = rk_db_column_int (stmt, 6) != 0;
      g_hash_table_insert (s->programs, key_of (&p->id), p);
    }
  rk_db_reset (stmt);

  stmt = rk_store_prepare (self,
                           "SELECT program_id, role, count, COALESCE(wish, count) "
                           "FROM program_requirement",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSProgram *p = rk_schedule_program (s, rk_db_column_int64 (stmt, 0));
      int role = rk_role_from_token (col_text (stmt, 1));

      if (p && role >= 0)
        {
          p->required[role] = rk_db_column_int (stmt, 2);
          p->wish[role] = rk_db_column_int (stmt, 3);
        }
    }
  rk_db_reset (stmt);

  stmt = rk_store_prepare (self,
                           "SELECT id, name, kana, role, org, active, max_week_minutes, "
                           "max_sessions_month FROM staff",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSStaff *st = g_new0 (RkSStaff, 1);
      int role = rk_role_from_token (col_text (stmt, 3));

      st->id = rk_db_column_int64 (stmt, 0);
      st->name = col_dup (stmt, 1);
      st->kana = col_dup (stmt, 2);
      st->role = role >= 0 ? (RkRole) role : RK_ROLE_OTHER;
      st->org = col_dup (stmt, 4);
      st->active = rk_db_column_int (stmt, 5) != 0;
      st->max_week_minutes = rk_db_column_int (stmt, 6);
      st->max_sessions_month = rk_db_column_int (stmt, 7);
      g_hash_table_insert (s->staff, key_of (&st->id), st);
    }
  rk_db_reset (stmt);
  if (!rk_store_load_availability (self, s, error))
    return FALSE;

  stmt = rk_store_prepare (self, "SELECT id, name, venue_id FROM equipment", error);
  if (stmt == NULL)
    return FALSE;
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSEquipment *e = g_new0 (RkSEquipment, 1);

      e->id = rk_db_column_int64 (stmt, 0);
      e->name = col_dup (stmt, 1);
      e->venue_id = rk_db_column_int64 (stmt, 2);
      g_hash_table_insert (s->equipment, key_of (&e->id), e);
    }
  rk_db_reset (stmt);

  g_free (s->timezone);
  s->timezone = rk_store_get_timezone (self);
  s->travel_gap = rk_store_get_setting_int (self, "travel_gap_minutes", 30);
  s->tentative_days = rk_store_get_setting_int (self, "tentative_days", 14);
  {
    g_autofree char *ws = rk_store_get_setting (self, "week_start");
    s->week_start = g_strcmp0 (ws, "monday") == 0 ? 1 : 7;
  }
  return TRUE;
}

static void
share_table (GHashTable **table, GHashTable *shared)
{
  g_hash_table_unref (*table);
  *table = g_hash_table_ref (shared);
}

/* The reference tables (venues and their closing days, rooms, programs,
 * staff, equipment, settings) change rarely, and a month view would read
 * them all on every open: the schedules (read-only snapshots) share the
 * ones last read while the file's data version says nothing was written
 * since, by this connection or another. Inside a caller's transaction they
 * are read afresh: what it wrote may still be rolled back. Runs inside the
 * load's read transaction. */
static gboolean
load_reference_shared (RkStore *self, RkSchedule *s, GError **error)
{
  RkSchedule *ref;
  gint64 version;

  if (self->in_tx)
    return load_reference (self, s, error);
  /* What the database's change counter says; a backend without one (the
   * server, whose notifications arrive a moment late) always reads afresh. */
  version = rk_db_change_version (self->db);
  if (version < 0)
    {
      g_clear_pointer (&self->reference, rk_schedule_free);
      return load_reference (self, s, error);
    }
  if (self->reference == NULL || version != self->reference_version)
    {
      g_autoptr(RkSchedule) fresh = rk_schedule_new ();

      if (!load_reference (self, fresh, error))
        return FALSE;
      g_clear_pointer (&self->reference, rk_schedule_free);
      self->reference = g_steal_pointer (&fresh);
      self->reference_version = version;
    }

  ref = self->reference;
  share_table (&s->venues, ref->venues);
  share_table (&s->rooms, ref->rooms);
  share_table (&s->programs, ref->programs);
  share_table (&s->staff, ref->staff);
  share_table (&s->equipment, ref->equipment);
  g_free (s->timezone);
  s->timezone = g_strdup (ref->timezone);
  s->travel_gap = ref->travel_gap;
  s->tentative_days = ref->tentative_days;
  s->week_start = ref->week_start;
  return TRUE;
}

/* The events that can have an occurrence in [lo, hi): a series counts
 * until its series_end (NULL: endless), and an occurrence moved by hand
 * counts by its new time. Two queries rather than one OR over both, which
 * keeps SQLite off the index (a third slower on a month of a big file). */
#define EVENT_COLUMNS                                                                     \
  "SELECT e.id, e.program_id, e.title, e.start_at, e.end_at, e.room_id, e.capacity, "     \
  "e.notes, e.rrule, e.on_holiday, e.tentative, e.cancelled, e.uid, e.version, e.all_day, " \
  "e.tzid, e.sequence_base "
#define EVENT_SELECT EVENT_COLUMNS "FROM event e "
/* The range test through event_span (series_end, start_at): the events
 * ending after the range starts are visited, not every one starting before
 * its end (a municipality's whole history). SQLite, told of an ORDER BY
 * start_at or left to itself, takes event_start: the rows are sorted here. */
#define EVENT_SPANS_RANGE "e.start_at < ?2 AND (e.series_end IS NULL OR e.series_end > ?1)"
#define EVENT_BY_SPAN_SQLITE EVENT_COLUMNS "FROM event e INDEXED BY event_span "
/* What a view leaves out of them: events whose first date is past the
 * range, and one-offs whose only date is before it, unless a holiday
 * policy can bring it in (?3: the range's end, ?4: its start). An event
 * moved in by hand comes with the next query. */
#define EVENT_MAY_SHOW                                                                    \
  "NOT ((e.start_at >= ?3 AND coalesce(e.on_holiday, '') <> 'previous-day') OR "           \
  "(coalesce(e.rrule, '') = '' AND e.start_at < ?4 AND coalesce(e.on_holiday, '') <> 'next-day'))"
#define EVENT_MOVED_INTO_RANGE                                                           \
  "e.id IN (SELECT x.event_id FROM event_exception x WHERE x.kind = 'moved' AND "        \
  "x.start_at < ?2 AND x.end_at > ?1)"

#define EXCEPTION_SELECT                                                                  \
  "SELECT x.event_id, x.occ_date, x.kind, x.start_at, x.end_at, x.reason "                \
  "FROM event_exception x "
#define ASSIGN_SELECT "SELECT a.event_id, a.staff_id, a.occ_date, a.excluded, a.tentative, a.id "

/* The events load_events() has read, bound as a JSON array of ids; the
 * server spells it with its own JSON functions. */
#define LOADED_IDS_SQLITE "(SELECT value FROM json_each(?1))"
#define LOADED_IDS_PG "(SELECT value::bigint FROM json_array_elements_text(?1::json))"
/* The same driving a join: rows come event by event in the array's order
 * (the events' order), and SQLite builds no list of the ids to search. */
#define LOADED_JOIN_SQLITE(table, alias) \
  "FROM json_each(?1) j JOIN " table " ON " alias ".event_id = j.value"
#define LOADED_JOIN_PG(table, alias) \
  "FROM json_array_elements_text(?1::json) j JOIN " table " ON " alias ".event_id = j.value::bigint"

#define EQUIPMENT_SQL(JOIN)                                                                  \
  {                                                                                         \
    "SELECT q.event_id, q.equipment_id FROM event_equipment q",                             \
    "SELECT q.event_id, q.equipment_id FROM event_equipment q WHERE q.event_id BETWEEN ?1 AND ?2", \
    "SELECT q.event_id, q.equipment_id " JOIN ("event_equipment q", "q"),                   \
  }
/* occ_date is '' in the third: not worth reading. */
#define ASSIGN_SQL(JOIN)                                                                     \
  {                                                                                         \
    ASSIGN_SELECT "FROM assignment a ORDER BY a.id",                                        \
    ASSIGN_SELECT JOIN ("assignment a", "a"),                                               \
    "SELECT a.event_id, a.staff_id, NULL, a.excluded, a.tentative, a.id "                   \
    JOIN ("assignment a", "a") " AND a.occ_date = ''",                                      \
    ASSIGN_SELECT "FROM assignment a "                                                      \
                  "WHERE a.occ_date <> '' AND a.occ_date >= ?1 AND a.occ_date < ?2",       \
    ASSIGN_SELECT JOIN ("assignment a", "a")                                                \
                  " AND a.occ_date <> '' AND NOT (a.occ_date >= ?2 AND a.occ_date < ?3)",  \
  }
#define N_EQUIPMENT_SQL 3
#define N_ASSIGN_SQL 5
static const char *const equipment_sql_sqlite[N_EQUIPMENT_SQL] = EQUIPMENT_SQL (LOADED_JOIN_SQLITE);
static const char * const equipment_sql_pg[N_EQUIPMENT_SQL] = EQUIPMENT_SQL (LOADED_JOIN_PG);
static const char * const assign_sql_sqlite[N_ASSIGN_SQL] = ASSIGN_SQL (LOADED_JOIN_SQLITE);
static const char * const assign_sql_pg[N_ASSIGN_SQL] = ASSIGN_SQL (LOADED_JOIN_PG);

/* Hundreds of ids per load: printf's parsing cost more than the digits. */
static void
append_id (GString *s, const char *separator, gint64 id)
{
  char buf[24];
  int n = sizeof buf;
  guint64 v = id < 0 ? -(guint64) id : (guint64) id;

  do
    buf[--n] = (char) ('0' + v % 10);
  while ((v /= 10) > 0);
  if (id < 0)
    buf[--n] = '-';
  g_string_append (s, separator);
  g_string_append_len (s, buf + n, (gssize) sizeof buf - n);
}

static int
exception_compare (gconstpointer a, gconstpointer b)
{
  RkDay x = ((const RkSException *) a)->occ_date, y = ((const RkSException *) b)->occ_date;

  return x < y ? -1 : x > y;
}

static void
load_event_row (RkSchedule *s, RkDbStmt *stmt, GHashTable *by_id)
{
  RkSEvent *e = g_new0 (RkSEvent, 1);
  int policy = rk_policy_from_token (col_text (stmt, 9));

  e->id = rk_db_column_int64 (stmt, 0);
  e->program = rk_schedule_program (s, rk_db_column_int64 (stmt, 1));
  e->title = col_dup (stmt, 2);
  e->start = col_time (stmt, 3);
  e->end = col_time (stmt, 4);
  e->room = rk_schedule_room (s, rk_db_column_int64 (stmt, 5));
  e->capacity = rk_db_column_type (stmt, 6) == RK_DB_NULL ? -1 : rk_db_column_int (stmt, 6);
  e->notes = col_dup (stmt, 7);
  e->rrule = col_dup (stmt, 8);
  e->policy = policy < 0 ? RK_POLICY_UNSET : (RkHolidayPolicy) policy;
  e->tentative = rk_db_column_int (stmt, 10) != 0;
  e->cancelled = rk_db_column_int (stmt, 11) != 0;
  e->uid = col_dup (stmt, 12);
  e->version = rk_db_column_int64 (stmt, 13);
  e->all_day = rk_db_column_int (stmt, 14) != 0;
  e->tzid = col_dup (stmt, 15);
  e->sequence_base = rk_db_column_int (stmt, 16);
  e->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
  e->assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
  e->equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_ptr_array_add (s->events, e);
  g_hash_table_insert (by_id, &e->id, e);
}

static int
event_compare (gconstpointer a, gconstpointer b)
{
  const RkSEvent *x = *(RkSEvent **) a, *y = *(RkSEvent **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct
{
  gint64     id;
  RkSEvent  *event;
  RkSAssign  a;
} AssignRow;

/* By event in the events' order (event_compare()), then in the order
 * they were assigned. */
static int
assign_row_compare (gconstpointer a, gconstpointer b)
{
  const AssignRow *x = a, *y = b;
  int by_event = x->event == y->event ? 0 : event_compare (&x->event, &y->event);

  if (by_event != 0)
    return by_event;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Hands the rows to their events in assign_row_compare() order. The first
 * n_sorted rows are in that order already (a view's series rows, event by
 * event through the covering index): only the rest is sorted (here, where
 * it costs a fraction of SQLite's sorter), then merged with them. Each
 * event's rows are then copied in one go. */
static void
assign_rows_add (GArray *rows, guint n_sorted)
{
  g_autoptr(GArray) merged = NULL;
  const AssignRow *all;
  guint n = rows->len;

  if (n_sorted == 0)
    g_array_sort (rows, assign_row_compare);
  else if (n > n_sorted)
    {
      AssignRow *v = (AssignRow *) (gpointer) rows->data;
      guint i = 0, j = n_sorted;

      qsort (v + n_sorted, n - n_sorted, sizeof (AssignRow), assign_row_compare);
      merged = g_array_sized_new (FALSE, FALSE, sizeof (AssignRow), n);
      while (i < n_sorted || j < n)
        {
          gboolean left = j == n || (i < n_sorted && assign_row_compare (&v[i], &v[j]) <= 0);

          g_array_append_val (merged, v[left ? i++ : j++]);
        }
    }
  all = (const AssignRow *) (gpointer) (merged ? merged : rows)->data;
  for (guint i = 0; i < n;)
    {
      RkSEvent *e = all[i].event;
      guint end = i, base = e->assigns->len;

      while (end < n && all[end].event == e)
        end++;
      g_array_set_size (e->assigns, base + (end - i));
      for (guint k = i; k < end; k++)
        g_array_index (e->assigns, RkSAssign, base + k - i) = all[k].a;
      i = end;
    }
}

/* How sparse the loaded events may be in the range of ids whose equipment
 * rows are all read: a search per event costs as much as reading ~8 rows. */
#define EQUIPMENT_BAND 4

/* The loaded events' ids as a JSON array, for LOADED_IDS and LOADED_JOIN. */
static void
loaded_ids (RkSchedule *s, GString *ids)
{
  for (guint i = 0; i < s->events->len; i++)
    append_id (ids, i ? "," : "", ((RkSEvent *) g_ptr_array_index (s->events, i))->id);
  g_string_append_c (ids, ']');
}

/* Holiday policies may move an occurrence by up to this many days; load
 * series whose rule dates lie that far around the range. */
#define POLICY_REACH_DAYS 31

/* Can an occurrence of the event from a date outside the range land in
 * it? By a next-day or previous-day policy, or by a move by hand (of the
 * exceptions a view reads, all of its dates or moved into it). */
gboolean
rk_store_event_moves_in (const RkSEvent *e)
{
  if (e->policy == RK_POLICY_NEXT_DAY || e->policy == RK_POLICY_PREVIOUS_DAY)
    return TRUE;
  for (guint i = 0; i < e->exceptions->len; i++)
    if (g_array_index (e->exceptions, RkSException, i).kind == RK_EXCEPTION_MOVED)
      return TRUE;
  return FALSE;
}

/* lo, hi: the range with the holiday policies' reach around it (NULL: all
 * events). occ_lo, occ_hi: NULL for a whole schedule; for a view
 * (rk_store_load_view) the dates of lo and hi. */
static gboolean
load_events (RkStore *self, RkSchedule *s, const char *lo, const char *hi, const char *occ_lo,
             const char *occ_hi, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  RkDbStmt *stmt;
  gboolean all = lo == NULL;
  /* The loaded events' ids as a JSON array: the child rows are fetched by
   * them through the event_id indexes instead of evaluating the range again
   * for each child table (three times faster on a month of a big file). */
  g_autoptr(GString) ids = g_string_new ("[");
  g_autoptr(GArray) assign_rows = g_array_new (FALSE, FALSE, sizeof (AssignRow));
  RkSEvent *assigned = NULL;
  guint n_series = 0;
  gboolean in_order = TRUE;
  g_autoptr(GString) shift_ids = g_string_new ("[");
  char day_lo[11], day_hi[11];
  static const char * const event_sql_sqlite[] = {
    EVENT_SELECT "ORDER BY e.start_at, e.id",
    EVENT_BY_SPAN_SQLITE "WHERE " EVENT_SPANS_RANGE,
    EVENT_BY_SPAN_SQLITE "WHERE " EVENT_SPANS_RANGE " AND " EVENT_MAY_SHOW,
    EVENT_SELECT "WHERE " EVENT_MOVED_INTO_RANGE,
  };
  static const char * const event_sql_pg[G_N_ELEMENTS (event_sql_sqlite)] = {
    EVENT_SELECT "ORDER BY e.start_at, e.id",
    EVENT_SELECT "WHERE " EVENT_SPANS_RANGE,
    EVENT_SELECT "WHERE " EVENT_SPANS_RANGE " AND " EVENT_MAY_SHOW,
    EVENT_SELECT "WHERE " EVENT_MOVED_INTO_RANGE,
  };
  const char * const *event_sql = self->db->kind == RK_DB_POSTGRES ? event_sql_pg
                                                                  : event_sql_sqlite;
  char view_from[17], view_after[17];
  const char * const *equipment_sql = self->db->kind == RK_DB_POSTGRES ? equipment_sql_pg
                                                                      : equipment_sql_sqlite;
  gint64 band_lo = 1, band_hi = 0;
  g_autoptr(GString) below = g_string_new (NULL);   /* ids below the band, as JSON */
  const char * const *assign_sql = self->db->kind == RK_DB_POSTGRES ? assign_sql_pg
                                                                   : assign_sql_sqlite;

  for (guint q = 0; q < G_N_ELEMENTS (event_sql_sqlite); q++)
    {
      if (all ? q > 0 : q == 0 || (q == 1 && occ_lo) || (q == 2 && !occ_lo))
        continue;
      stmt = rk_store_prepare (self, event_sql[q], error);
      if (stmt == NULL)
        return FALSE;
      if (!all)
        {
          rk_db_bind_text (stmt, 1, lo);
          rk_db_bind_text (stmt, 2, hi);
        }
      if (q == 2)
        {
          rk_db_bind_text (stmt, 3, rk_time_format_buf (rk_minute_make (s->to + 1, 0),
                                                          view_after));
          rk_db_bind_text (stmt, 4, rk_time_format_buf (rk_minute_make (s->from, 0),
                                                          view_from));
        }
      while (rk_db_step (stmt) == RK_DB_ROW)
        {
          gint64 id = rk_db_column_int64 (stmt, 0);

          if (q == 3 && g_hash_table_contains (by_id, &id))
            continue;
          load_event_row (s, stmt, by_id);
        }
      rk_db_reset (stmt);
    }
  /* In ORDER BY e.start_at, e.id order, as one query would give them. */
  if (!all)
    g_ptr_array_sort (s->events, event_compare);
  if (!all)
    loaded_ids (s, ids);

  /* A view reads the exceptions of its dates and those moved into it
   * (event_exception_date, event_exception_moved_end), not every event's all. */
  stmt = rk_store_prepare (self,
                           all ? EXCEPTION_SELECT "ORDER BY x.event_id, x.occ_date"
                           : occ_lo == NULL
                      ? rk_store_dialect (self,
                                          EXCEPTION_SELECT "WHERE x.event_id IN " LOADED_IDS_SQLITE
                                          " ORDER BY x.event_id, x.occ_date",
                                          EXCEPTION_SELECT "WHERE x.event_id IN " LOADED_IDS_PG
                                          " ORDER BY x.event_id, x.occ_date")
                      : EXCEPTION_SELECT "WHERE (x.occ_date >= ?1 AND x.occ_date < ?2) OR "
                        "(x.kind = 'moved' AND x.start_at < ?4 AND x.end_at > ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (!all && occ_lo == NULL)
    rk_db_bind_text (stmt, 1, ids->str);
  else if (!all)
    {
      rk_db_bind_text (stmt, 1, occ_lo);
      rk_db_bind_text (stmt, 2, occ_hi);
      rk_db_bind_text (stmt, 3, lo);
      rk_db_bind_text (stmt, 4, hi);
    }
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      gint64 id = rk_db_column_int64 (stmt, 0);
      RkSEvent *e = g_hash_table_lookup (by_id, &id);
      const char *kind = col_text (stmt, 2);
      RkSException x = { 0 };

      if (e == NULL)
        continue;
      x.occ_date = col_date (stmt, 1);
      x.kind = g_strcmp0 (kind, "moved") == 0     ? RK_EXCEPTION_MOVED
               : g_strcmp0 (kind, "skipped") == 0 ? RK_EXCEPTION_SKIPPED
                                                  : RK_EXCEPTION_CANCELLED;
      if (x.kind == RK_EXCEPTION_MOVED)
        {
          x.start = col_time (stmt, 3);
          x.end = col_time (stmt, 4);
        }
      x.reason = col_dup (stmt, 5);
      g_array_append_val (e->exceptions, x);
    }
  rk_db_reset (stmt);
  /* The view's query has no ORDER BY, which would keep SQLite off both
   * indexes: the few exceptions are put in date order here. */
  for (guint i = 0; occ_lo && i < s->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (s->events, i);

      if (e->exceptions->len > 1)
        g_array_sort (e->exceptions, exception_compare);
    }

  /* A view reads the one-occurrence rows of the range's own dates (the
   * partial assignment_date index) rather than those of each whole series;
   * other dates only of the events a holiday policy or a move by hand can
   * bring into the range from there. */
  if (occ_lo)
    {
      rk_date_format_buf (s->from, day_lo);
      rk_date_format_buf (s->to + 1, day_hi);
      for (guint i = 0; i < s->events->len; i++)
        {
          RkSEvent *e = g_ptr_array_index (s->events, i);

          if (rk_store_event_moves_in (e))
            append_id (shift_ids, shift_ids->len > 1 ? "," : "", e->id);
        }
      g_string_append_c (shift_ids, ']');
    }
  for (guint q = 0; q < N_ASSIGN_SQL; q++)
    {
      if (all ? q > 0 : q == 0 || (occ_lo == NULL) != (q == 1))
        continue;
      if (q == 4 && shift_ids->len == 2)
        continue;
      stmt = rk_store_prepare (self, assign_sql[q], error);
      if (stmt == NULL)
        return FALSE;
      if (q == 1 || q == 2)
        rk_db_bind_text (stmt, 1, ids->str);
      if (q == 3)
        n_series = in_order ? assign_rows->len : 0;
      if (q == 4)
        rk_db_bind_text (stmt, 1, shift_ids->str);
      if (q == 3 || q == 4)
        {
          rk_db_bind_text (stmt, q - 2, day_lo);
          rk_db_bind_text (stmt, q - 1, day_hi);
        }
      while (rk_db_step (stmt) == RK_DB_ROW)
        {
          gint64 id = rk_db_column_int64 (stmt, 0);
          AssignRow row = { rk_db_column_int64 (stmt, 5), NULL, { 0 } };

          /* Rows come by event: look the event up once for its rows. */
          if (assigned == NULL || assigned->id != id)
            assigned = g_hash_table_lookup (by_id, &id);
          if (assigned == NULL)
            continue;
          row.event = assigned;
          row.a.staff_id = rk_db_column_int64 (stmt, 1);
          row.a.occ_date = col_date (stmt, 2);
          row.a.excluded = rk_db_column_int (stmt, 3) != 0;
          row.a.tentative = rk_db_column_int (stmt, 4) != 0;
          /* The join gives them in order, but no ORDER BY says so. */
          if (q == 2 && assign_rows->len > 0 &&
              assign_row_compare (&g_array_index (assign_rows, AssignRow, assign_rows->len - 1),
                                  &row) > 0)
            in_order = FALSE;
          g_array_append_val (assign_rows, row);
        }
      rk_db_reset (stmt);
    }
  /* Each event's people in the order they were assigned. */
  if (all)
    for (guint i = 0; i < assign_rows->len; i++)
      {
        AssignRow *row = &g_array_index (assign_rows, AssignRow, i);
        g_array_append_val (row->event->assigns, row->a);
      }
  else
    assign_rows_add (assign_rows, occ_lo ? n_series : 0);

  /* Few events have equipment: reading every row of a range of ids costs
   * less than a search per event, as long as the loaded events are most of
   * the ids in it (a month's events were mostly written together). Events
   * far below it (series running for years) are searched one by one. */
  if (!all)
    {
      g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                    s->events->len);
      const gint64 *v;
      guint n, k = 0;

      for (guint i = 0; i < s->events->len; i++)
        g_array_append_val (sorted, ((RkSEvent *) g_ptr_array_index (s->events, i))->id);
      g_array_sort (sorted, rk_id_compare);
      v = (const gint64 *) (gpointer) sorted->data;
      n = sorted->len;
      while (k < n && v[n - 1] - v[k] >= (gint64) EQUIPMENT_BAND * (n - k))
        k++;
      g_string_append_c (below, '[');
      for (guint i = 0; i < k; i++)
        append_id (below, i ? "," : "", v[i]);
      g_string_append_c (below, ']');
      band_lo = k < n ? v[k] : 1;
      band_hi = k < n ? v[n - 1] : 0;
    }
  for (guint q = 0; q < N_EQUIPMENT_SQL; q++)
    {
      if (all ? q > 0 : q == 0 || (q == 1 && band_lo > band_hi) || (q == 2 && below->len == 2))
        continue;
      stmt = rk_store_prepare (self, equipment_sql[q], error);
      if (stmt == NULL)
        return FALSE;
      if (q == 1)
        {
          rk_db_bind_int64 (stmt, 1, band_lo);
          rk_db_bind_int64 (stmt, 2, band_hi);
        }
      if (q == 2)
        rk_db_bind_text (stmt, 1, below->str);
      while (rk_db_step (stmt) == RK_DB_ROW)
        {
          gint64 id = rk_db_column_int64 (stmt, 0);
          RkSEvent *e = g_hash_table_lookup (by_id, &id);
          gint64 item = rk_db_column_int64 (stmt, 1);

          if (e)
            g_array_append_val (e->equipment, item);
        }
      rk_db_reset (stmt);
    }

  stmt = rk_store_prepare (
      self,
      all ? "SELECT staff_id, start_at, end_at, reason FROM staff_unavailable "
            "ORDER BY start_at"
          /* Through staff_unavailable_end, which SQLite would
           * not pick for the order; sorted as the start_at
           * index would give them. */
          : rk_store_dialect (self,
                              "SELECT staff_id, start_at, end_at, reason FROM staff_unavailable "
                              "INDEXED BY staff_unavailable_end "
                              "WHERE start_at < ?2 AND end_at > ?1 ORDER BY start_at, end_at, id",
                              "SELECT staff_id, start_at, end_at, reason FROM staff_unavailable "
                              "WHERE start_at < ?2 AND end_at > ?1 ORDER BY start_at, end_at, id"),
      error);
  if (stmt == NULL)
    return FALSE;
  if (occ_lo)
    {
      /* A view's rules look at the periods away during its occurrences
       * only, which start in the range and last at most this long. */
      char un_lo[17], un_hi[17];
      RkMinute longest = 0;

      for (guint i = 0; i < s->events->len; i++)
        {
          const RkSEvent *e = g_ptr_array_index (s->events, i);

          longest = MAX (longest, e->end - e->start);
          for (guint j = 0; j < e->exceptions->len; j++)
            {
              const RkSException *x = &g_array_index (e->exceptions, RkSException, j);

              if (x->kind == RK_EXCEPTION_MOVED)
                longest = MAX (longest, x->end - x->start);
            }
        }
      rk_db_bind_text (stmt, 1, rk_time_format_buf (rk_minute_make (s->from, 0), un_lo));
      rk_db_bind_text (stmt, 2,
                         rk_time_format_buf (rk_minute_make (s->to + 1, 0) + longest, un_hi));
    }
  else if (!all)
    {
      rk_db_bind_text (stmt, 1, lo);
      rk_db_bind_text (stmt, 2, hi);
    }
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      RkSUnavailable u;

      u.staff_id = rk_db_column_int64 (stmt, 0);
      u.start = col_time (stmt, 1);
      u.end = col_time (stmt, 2);
      u.reason = col_dup (stmt, 3);
      g_array_append_val (s->unavailable, u);
    }
  rk_db_reset (stmt);
  return TRUE;
}

/* ---- views kept between loads ------------------------------------------- */

/* A view (the events of a range, their staff rows, exceptions, equipment,
 * periods away, which occurrences have a record) is read again and again
 * while nothing is written: the desktop's month after each switch back,
 * the editor's live check after each pause in typing. The last few are
 * kept with the name of the snapshot they were read in (the file's data
 * version, the server's transaction snapshot), which any commit by anyone
 * changes; a load whose own snapshot has the same name gets a copy of the
 * one kept instead of reading it. Nothing has to say what it wrote: a
 * write no path announces moves the name all the same. */
#define VIEWS_KEPT 4
/* Memory: only views of up to two months (a month grid with the weeks
 * around it, a week) and of a bounded number of events are kept: a month
 * of the benchmark's municipality has 331 events, at four times its size
 * 1,300. A year (a check, an export) is read each time. */
#define VIEW_MAX_DAYS 62
#define VIEW_MAX_EVENTS 4096
#define VIEWS_MAX_EVENTS 8192

typedef struct
{
  RkDay       from, to;
  char       *snapshot;
  RkSchedule *schedule;
} RkStoreView;

static void
view_free (gpointer data)
{
  RkStoreView *v = data;

  g_free (v->snapshot);
  rk_schedule_free (v->schedule);
  g_free (v);
}

void
rk_store_views_clear (RkStore *self)
{
  g_clear_pointer (&self->views, g_ptr_array_unref);
}

/* The view of [from, to] read in a snapshot of that name, or NULL; views
 * of other snapshots can never be asked for again (the name moves on with
 * every commit) and are dropped. The one found becomes the latest. */
static RkStoreView *
view_find (RkStore *self, RkDay from, RkDay to, const char *snapshot)
{
  RkStoreView *found = NULL;

  if (self->views == NULL)
    return NULL;
  for (guint i = self->views->len; i-- > 0;)
    {
      RkStoreView *v = g_ptr_array_index (self->views, i);

      if (strcmp (v->snapshot, snapshot) != 0)
        g_ptr_array_remove_index (self->views, i);
      else if (found == NULL && v->from == from && v->to == to)
        found = g_ptr_array_steal_index (self->views, i);
    }
  if (found)
    g_ptr_array_add (self->views, found);
  return found;
}

static void
view_keep (RkStore *self, RkDay from, RkDay to, const char *snapshot, const RkSchedule *s)
{
  RkStoreView *v;
  guint events = s->events->len;

  if (to - from + 1 > VIEW_MAX_DAYS || events > VIEW_MAX_EVENTS)
    return;
  if (self->views == NULL)
    self->views = g_ptr_array_new_with_free_func (view_free);
  for (guint i = 0; i < self->views->len; i++)
    events += ((RkStoreView *) g_ptr_array_index (self->views, i))->schedule->events->len;
  while (self->views->len > 0 && (self->views->len >= VIEWS_KEPT || events > VIEWS_MAX_EVENTS))
    {
      events -= ((RkStoreView *) g_ptr_array_index (self->views, 0))->schedule->events->len;
      g_ptr_array_remove_index (self->views, 0);
    }
  v = g_new0 (RkStoreView, 1);
  v->from = from;
  v->to = to;
  v->snapshot = g_strdup (snapshot);
  v->schedule = rk_schedule_copy (s);
  g_ptr_array_add (self->views, v);
}

static RkSchedule *
range_schedule_new (RkDay from, RkDay to)
{
  RkSchedule *s = rk_schedule_new ();

  s->from = from;
  s->to = to;
  return s;
}

static RkSchedule *
load_range (RkStore *self, RkDay from, RkDay to, gboolean view, GError **error)
{
  g_autoptr(RkSchedule) s = NULL;
  g_autofree char *snapshot = NULL;
  RkStoreView *kept = NULL;
  char lo[17], hi[17];
  gboolean ok;

  rk_time_format_buf (rk_minute_make (from > POLICY_REACH_DAYS ? from - POLICY_REACH_DAYS : 1, 0),
                      lo);
  rk_time_format_buf (rk_minute_make (to + 1 + POLICY_REACH_DAYS, 0), hi);

  /* One read transaction: a consistent snapshot even while another
   * coordinator writes. */
  if (!self->in_tx && !rk_db_begin (self->db, FALSE))
    {
      rk_store_db_error (self, error);
      return NULL;
    }
  rk_store_reads_begin (self);
  /* Inside a caller's transaction a view is read afresh: what it wrote
   * may still be rolled back. */
  if (view && !self->in_tx && (snapshot = rk_db_snapshot (self->db)) != NULL &&
      (kept = view_find (self, from, to, snapshot)) != NULL)
    {
      s = rk_schedule_copy (kept->schedule);
      ok = TRUE;
    }
  else if (view)
    {
      /* The rule dates that can land in [from, to]: the days of lo, hi. */
      char occ_lo[11], occ_hi[11];

      s = range_schedule_new (from, to);
      memcpy (occ_lo, lo, 10);
      memcpy (occ_hi, hi, 10);
      occ_lo[10] = occ_hi[10] = '\0';
      ok = load_reference_shared (self, s, error) &&
           load_events (self, s, lo, hi, occ_lo, occ_hi, error);
    }
  else
    {
      s = range_schedule_new (from, to);
      ok = load_reference_shared (self, s, error) &&
           load_events (self, s, lo, hi, NULL, NULL, error);
    }
  ok = ok && (kept || rk_store_load_attendance_into (self, s, view, error));
  ok = rk_store_reads_ok (self, ok, error);
  /* A snapshot the server could not keep (the connection lost half-way)
   * is an error, not a short schedule. */
  if (!self->in_tx && !rk_db_commit (self->db) && ok)
    {
      rk_store_db_error (self, error);
      ok = FALSE;
    }
  if (ok && snapshot && !kept)
    view_keep (self, from, to, snapshot, s);
  return ok ? g_steal_pointer (&s) : NULL;
}

RkSchedule *
rk_store_load_schedule (RkStore *self, RkDay from, RkDay to, GError **error)
{
  return load_range (self, from, to, FALSE, error);
}

RkSchedule *
rk_store_load_view (RkStore *self, RkDay from, RkDay to, GError **error)
{
  return load_range (self, from, to, TRUE, error);
}

RkSchedule *
rk_store_load_all (RkStore *self, GError **error)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  gboolean ok;

  s->from = 1;
  s->to = G_MAXUINT32 / 2;
  if (!self->in_tx && !rk_db_begin (self->db, FALSE))
    {
      rk_store_db_error (self, error);
      return NULL;
    }
  rk_store_reads_begin (self);
  ok = load_reference_shared (self, s, error) &&
       load_events (self, s, NULL, NULL, NULL, NULL, error) &&
       rk_store_load_attendance_into (self, s, FALSE, error);
  ok = rk_store_reads_ok (self, ok, error);
  /* A snapshot the server could not keep (the connection lost half-way)
   * is an error, not a short schedule. */
  if (!self->in_tx && !rk_db_commit (self->db) && ok)
    {
      rk_store_db_error (self, error);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&s) : NULL;
}

gint64
rk_store_count_range_floor (RkStore *self, RkDay from, RkDay to, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     rk_store_dialect (self,
                                                       "SELECT e.id, e.start_at, e.end_at "
                                                       "FROM event e INDEXED BY event_span "
                                                       "WHERE " EVENT_SPANS_RANGE,
                                                       "SELECT e.id, e.start_at, e.end_at "
                                                       "FROM event e WHERE " EVENT_SPANS_RANGE),
                                     error);
  char lo[17], hi[17];
  gint64 n = 0;

  if (stmt == NULL)
    return -1;
  rk_db_bind_text (stmt, 1, rk_time_format_buf (rk_minute_make (from, 0), lo));
  rk_db_bind_text (stmt, 2, rk_time_format_buf (rk_minute_make (to + 1, 0), hi));
  while (rk_db_step (stmt) == RK_DB_ROW)
    n++;
  rk_db_reset (stmt);
  return n;
}
