#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rk-error.h"
#include "rk-store-attendance.h"
#include "rk-store-private.h"

#define COLUMNS "event_id, occ_date, families, adults, children, pregnant, residents, " \
                "nonresidents, first_time, consultations, notes, version"

/* Occurrences moved by a policy stay within this many days of their
 * original date (as in the schedule loads). */
#define REACH_DAYS 31

RkMinute
rk_store_now (RkStore *self)
{
  g_autofree char *tzid = rk_store_get_timezone (self);

  return rk_now (tzid);
}

static GStrv
categories_of (RkStore *self)
{
  g_autofree char *setting = rk_store_get_setting (self, "consultation_categories");

  return rk_consultation_categories (setting);
}

GStrv
rk_store_consultation_categories (RkStore *self)
{
  return categories_of (self);
}

static RkAttendance *
attendance_from_row (RkDbStmt *stmt, GStrv categories)
{
  RkDay day = 0;
  RkAttendance *a;

  rk_date_parse (rk_db_column_text (stmt, 1), &day);
  a = rk_attendance_new (rk_db_column_int64 (stmt, 0), day);
  for (guint i = 0; i < RK_N_COUNTS; i++)
    a->counts[i] = rk_db_column_int (stmt, 2 + (int) i);
  /* Stored by this code: well-formed, categories maybe since removed from the list. */
  rk_attendance_parse_consultations (a, rk_db_column_text (stmt, 9), NULL, NULL);
  if (categories)
    {
      /* in the list's order */
      g_autoptr(RkAttendance) sorted = rk_attendance_new (0, 0);
      for (guint i = 0; i < a->consultations->len; i++)
        {
          const RkConsultation *x = &g_array_index (a->consultations, RkConsultation, i);
          rk_attendance_set_consultation (sorted, x->category, x->count, categories);
        }
      g_array_unref (a->consultations);
      a->consultations = g_array_ref (sorted->consultations);
    }
  a->notes = g_strdup (rk_db_column_text (stmt, 10));
  a->version = rk_db_column_int64 (stmt, 11);
  return a;
}

RkAttendance *
rk_store_get_attendance (RkStore *self, gint64 event_id, RkDay occ_date, GError **error)
{
  g_auto(GStrv) categories = categories_of (self);
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT " COLUMNS " FROM attendance "
                                     "WHERE event_id = ? AND occ_date = ?",
                                     error);
  RkAttendance *a = NULL;
  char buf[11];
  int rc;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_text (stmt, 2, rk_date_format_buf (occ_date, buf));
  rc = rk_db_step (stmt);
  if (rc == RK_DB_ROW)
    a = attendance_from_row (stmt, categories);
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    rk_store_db_error (self, error);
  return a;
}

void
rk_store_bind_attendance (RkDbStmt *stmt, const RkAttendance *a)
{
  g_autofree char *consultations = rk_attendance_format_consultations (a);
  char buf[11];

  rk_db_bind_int64 (stmt, 1, a->event_id);
  rk_db_bind_text (stmt, 2, rk_date_format_buf (a->occ_date, buf));
  for (guint i = 0; i < RK_N_COUNTS; i++)
    rk_db_bind_int (stmt, 3 + (int) i, a->counts[i]);
  if (*consultations)
    rk_db_bind_text (stmt, 10, consultations);
  else
    rk_db_bind_null (stmt, 10);
  if (a->notes && *a->notes)
    rk_db_bind_text (stmt, 11, a->notes);
  else
    rk_db_bind_null (stmt, 11);
}

static gboolean
stale (GError **error)
{
  g_set_error_literal (error, RK_ERROR, RK_ERROR_STALE,
                       _("This attendance record was changed by someone else since you opened "
                         "it; reload to see their change, then enter it again"));
  return FALSE;
}

gboolean
rk_store_save_attendance (RkStore *self, RkAttendance *a, GError **error)
{
  RkDbStmt *stmt;
  g_autoptr(GError) local = NULL;

  if (!rk_store_require_tx (self) || !rk_attendance_validate (a, error))
    return FALSE;
  if (a->version == 0)
    stmt = rk_store_prepare (self,
                             RK_STORE_ATTENDANCE_INSERT
                             " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1)",
                             error);
  else
    stmt = rk_store_prepare (self,
                             "UPDATE attendance SET families = ?3, adults = ?4, children = ?5, "
                             "pregnant = ?6, residents = ?7, nonresidents = ?8, first_time = ?9, "
                             "consultations = ?10, notes = ?11, version = version + 1 "
                             "WHERE event_id = ?1 AND occ_date = ?2 AND version = ?12",
                             error);
  if (stmt == NULL)
    return FALSE;
  rk_store_bind_attendance (stmt, a);
  if (a->version)
    rk_db_bind_int64 (stmt, 12, a->version);
  if (!rk_store_step_done (self, stmt, &local))
    {
      /* two coordinators entering the same occurrence at once */
      if (local->code == RK_ERROR_DUPLICATE)
        return stale (error);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (rk_db_changes (self->db) == 0)
    return stale (error);
  rk_store_touch (self, "attendance");
  a->version++;
  return TRUE;
}

gboolean
rk_store_delete_attendance (RkStore *self, gint64 event_id, RkDay occ_date, GError **error)
{
  RkDbStmt *stmt;
  char buf[11];

  if (!rk_store_require_tx (self))
    return FALSE;
  stmt = rk_store_prepare (self, "DELETE FROM attendance WHERE event_id = ? AND occ_date = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  rk_db_bind_text (stmt, 2, rk_date_format_buf (occ_date, buf));
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  if (rk_db_changes (self->db) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("Event %" PRId64 " has no attendance record for %s"), event_id, buf);
      return FALSE;
    }
  rk_store_touch (self, "attendance");
  return TRUE;
}

static void
free_record (gpointer data)
{
  rk_attendance_free (data);
}

static GHashTable *
records_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_record);
}

static void
records_add (GHashTable *records, RkAttendance *a)
{
  g_hash_table_replace (records, g_memdup2 (&(gint64) { rk_attendance_key (a->event_id,
                                                                           a->occ_date) },
                                            sizeof (gint64)),
                        a);
}

static gboolean
read_range (RkStore *self, GHashTable *records, RkDay from, RkDay to, GStrv categories,
            GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT " COLUMNS " FROM attendance "
                                     "WHERE occ_date >= ? AND occ_date <= ?",
                                     error);
  char lo[11], hi[11];
  int rc;

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_text (stmt, 1, rk_date_format_buf (from, lo));
  rk_db_bind_text (stmt, 2, rk_date_format_buf (to, hi));
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    records_add (records, attendance_from_row (stmt, categories));
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return rk_store_db_error (self, error);
  return TRUE;
}

/* Appends the keys of the rows stmt gives (event_id, occ_date). */
static gboolean
read_keys (RkStore *self, RkDbStmt *stmt, GArray *keys, GError **error)
{
  int rc;

  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      RkDay day = 0;

      if (rk_date_parse (rk_db_column_text (stmt, 1), &day))
        {
          gint64 key = rk_attendance_key (rk_db_column_int64 (stmt, 0), day);
          g_array_append_val (keys, key);
        }
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return rk_store_db_error (self, error);
  return TRUE;
}

/* Which occurrences of the schedule's range have a record (what a check
 * needs; a month of a busy municipality has thousands of records, and
 * reading them whole tripled a month's open): the records of the range's
 * own dates, from the index alone, and of the dates around it only for
 * the events a holiday policy or a move by hand can bring in from there
 * (occurrences moved from further away: see below). */
static gboolean
read_range_keys (RkStore *self, RkSchedule *s, RkDay lo, RkDay hi, GArray *keys, GError **error)
{
  g_autoptr(GString) ids = g_string_new ("[");
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT event_id, occ_date FROM attendance "
                                     "WHERE occ_date >= ? AND occ_date <= ?",
                                     error);
  char a[11], b[11], c[11], d[11];

  if (stmt == NULL)
    return FALSE;
  rk_db_bind_text (stmt, 1, rk_date_format_buf (s->from, a));
  rk_db_bind_text (stmt, 2, rk_date_format_buf (s->to, b));
  if (!read_keys (self, stmt, keys, error))
    return FALSE;
  for (guint i = 0; i < s->events->len; i++)
    {
      const RkSEvent *e = g_ptr_array_index (s->events, i);

      if (rk_store_event_moves_in (e))
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", e->id);
    }
  g_string_append_c (ids, ']');
  if (ids->len == 2 || (lo >= s->from && hi <= s->to))
    return TRUE;
  /* The dates before the range and those after it, each searched on its
   * own: one search from lo to hi leaving the range out read every record
   * of these events in the range to drop it (a year: thousands). */
  stmt = rk_store_prepare (self,
                           rk_store_dialect (self,
                                             "SELECT a.event_id, a.occ_date "
                                             "FROM json_each(?1) j JOIN attendance a "
                                             "ON a.event_id = j.value "
                                             "WHERE a.occ_date >= ?2 AND a.occ_date <= ?3",
                                             "SELECT a.event_id, a.occ_date "
                                             "FROM json_array_elements_text(?1::json) j "
                                             "JOIN attendance a ON a.event_id = j.value::bigint "
                                             "WHERE a.occ_date >= ?2 AND a.occ_date <= ?3"),
                           error);
  if (stmt == NULL)
    return FALSE;
  for (int side = 0; side < 2; side++)
    {
      RkDay side_lo = side == 0 ? lo : s->to + 1, side_hi = side == 0 ? s->from - 1 : hi;

      if (side == 0 ? lo >= s->from : hi <= s->to)
        continue;
      rk_db_bind_text (stmt, 1, ids->str);
      rk_db_bind_text (stmt, 2, rk_date_format_buf (side_lo, c));
      rk_db_bind_text (stmt, 3, rk_date_format_buf (side_hi, d));
      if (!read_keys (self, stmt, keys, error))
        return FALSE;
    }
  return TRUE;
}

/* The table of a keys-only load: every key with a record of counts zero,
 * all in blocks the schedule keeps (thousands of allocations less). */
static GHashTable *
keys_table (RkSchedule *s, GArray *keys)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);
  RkAttendance *stubs;

  s->attendance_keys = g_array_ref (keys);
  s->attendance_stubs = g_array_sized_new (FALSE, TRUE, sizeof (RkAttendance), keys->len);
  g_array_set_size (s->attendance_stubs, keys->len);
  s->attendance_none = g_array_new (FALSE, TRUE, sizeof (RkConsultation));
  stubs = (RkAttendance *) (gpointer) s->attendance_stubs->data;
  for (guint i = 0; i < keys->len; i++)
    {
      gint64 *key = &g_array_index (keys, gint64, i);

      stubs[i].event_id = *key >> 22;
      stubs[i].occ_date = (RkDay) (*key & ((1 << 22) - 1));
      stubs[i].consultations = s->attendance_none;
      g_hash_table_replace (table, key, &stubs[i]);
    }
  return table;
}

GHashTable *
rk_store_list_attendance (RkStore *self, RkDay from, RkDay to, GError **error)
{
  g_auto(GStrv) categories = categories_of (self);
  g_autoptr(GHashTable) records = records_new ();

  if (!read_range (self, records, from, to, categories, error))
    return NULL;
  return g_steal_pointer (&records);
}

/* keys_only: which occurrences have a record, their counts left at zero. */
gboolean
rk_store_load_attendance_into (RkStore *self, RkSchedule *s, gboolean keys_only, GError **error)
{
  g_auto(GStrv) categories = keys_only ? NULL : categories_of (self);
  g_autoptr(GHashTable) records = keys_only ? NULL : records_new ();
  g_autoptr(GArray) keys = keys_only ? g_array_new (FALSE, FALSE, sizeof (gint64)) : NULL;
  RkDay lo = s->from > REACH_DAYS ? s->from - REACH_DAYS : 1;
  /* rk_store_load_all() loads "everything": up to the calendar's end */
  RkDay hi = MIN (s->to, rk_day_from_ymd (9999, 12, 31) - REACH_DAYS) + REACH_DAYS;

  s->attendance_due_days = rk_store_get_setting_int (self, "attendance_due_days",
                                                     RK_DEFAULT_ATTENDANCE_DUE_DAYS);
  if (keys_only ? !read_range_keys (self, s, lo, hi, keys, error)
                : !read_range (self, records, lo, hi, categories, error))
    return FALSE;
  /* Occurrences moved by hand from further away: their own records. */
  for (guint i = 0; i < s->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (s->events, i);

      for (guint j = 0; e->exceptions && j < e->exceptions->len; j++)
        {
          const RkSException *x = &g_array_index (e->exceptions, RkSException, j);
          RkAttendance *a;

          if (x->kind != RK_EXCEPTION_MOVED || (x->occ_date >= lo && x->occ_date <= hi))
            continue;
          if (rk_minute_day (x->end) < s->from || rk_minute_day (x->start) > s->to)
            continue;
          a = rk_store_get_attendance (self, e->id, x->occ_date, error);
          if (a && keys)
            {
              gint64 key = rk_attendance_key (a->event_id, a->occ_date);
              g_array_append_val (keys, key);
              rk_attendance_free (a);
            }
          else if (a)
            records_add (records, a);
          else if (error && *error)
            return FALSE;
        }
    }
  g_clear_pointer (&s->attendance, g_hash_table_unref);
  g_clear_pointer (&s->attendance_keys, g_array_unref);
  g_clear_pointer (&s->attendance_stubs, g_array_unref);
  g_clear_pointer (&s->attendance_none, g_array_unref);
  s->attendance = keys ? keys_table (s, keys) : g_steal_pointer (&records);
  return TRUE;
}

const RkOcc *
rk_store_attendance_occurrence (RkStore *self, gint64 event_id, RkDay date,
                                RkSchedule **schedule, GArray **occs, GError **error)
{
  g_autoptr(RkSchedule) probe = NULL;
  g_autoptr(RkEvent) ev = rk_store_get_event (self, event_id, error);
  RkSEvent *pe;
  const RkSException *x;
  const RkOcc *occ = NULL;
  RkDay wanted = date;
  char d[11], t[17];

  if (ev == NULL)
    return NULL;
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          /* An occurrence moved by hand far from its original date is
           * expanded only around the day it now falls on. */
          probe = rk_store_load_schedule (self, date, date, error);
          if (probe == NULL)
            return NULL;
          pe = rk_schedule_event (probe, event_id);
          x = pe ? rk_sevent_exception (pe, date) : NULL;
          if (x == NULL || x->kind != RK_EXCEPTION_MOVED)
            break;
          date = rk_minute_day (x->start);
          g_clear_pointer (schedule, rk_schedule_free);
          g_clear_pointer (occs, g_array_unref);
        }
      *schedule = rk_store_load_schedule (self, date > 2 ? date - 1 : 1, date + 1, error);
      if (*schedule == NULL)
        return NULL;
      *occs = rk_schedule_expand (*schedule, date > 2 ? date - 1 : 1, date + 1, error);
      if (*occs == NULL)
        return NULL;
      occ = rk_occ_find (*occs, event_id, wanted);
      if (occ)
        break;
    }
  if (occ == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("Event %" PRId64 " has no occurrence on %s; see “renkei-cli event list”"),
                   event_id, rk_date_format_buf (wanted, d));
      return NULL;
    }
  if (!rk_occ_is_active (occ))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The occurrence of event %" PRId64 " on %s was %s: it has no attendance"),
                   event_id, rk_date_format_buf (wanted, d),
                   occ->status == RK_OCC_CANCELLED ? _("cancelled") : _("skipped"));
      return NULL;
    }
  if (occ->start > rk_store_now (self))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The occurrence of event %" PRId64 " starts at %s: enter its attendance "
                     "once it has started"),
                   event_id, rk_time_format_buf (occ->start, t));
      return NULL;
    }
  return occ;
}
