#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rk-era.h"
#include "rk-holidays.h"
#include "rk-month-data.h"
#include "rk-problem.h"

static gint64
occ_key (gint64 event_id, RkDay day)
{
  /* Julian day numbers of this era stay far below 2^22. */
  return (event_id << 22) | (gint64) (day & 0x3fffff);
}

static void
day_occs_clear (gpointer data)
{
  GArray **array = data;

  g_clear_pointer (array, g_array_unref);
}

static gint64
banner_key (guint occ_index, guint row)
{
  return ((gint64) occ_index << 16) | row;
}

/* The days of the grid an occurrence is shown on: its own day, and for an
 * all-day or multi-day one every day it covers (within [first, last]). */
static void
occ_grid_days (const RkOcc *occ, RkDay first, RkDay last, RkDay *from, RkDay *to)
{
  *from = rk_occ_day (occ);
  *to = *from;
  if (rk_occ_is_active (occ) && rk_occ_is_all_day (occ))
    *to = MAX (*from, rk_occ_last_day (occ));
  *from = MAX (*from, first);
  *to = MIN (*to, last);
}

/* All-day and multi-day occurrences first in a day, then the others, each
 * in start order (the indices are in start order already). */
static int
compare_in_day (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GArray *occs = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  gboolean da = rk_occ_is_all_day (&g_array_index (occs, RkOcc, ia));
  gboolean db = rk_occ_is_all_day (&g_array_index (occs, RkOcc, ib));

  if (da != db)
    return da ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* Banners: in each week row of the grid, every all-day occurrence gets a
 * lane, the lowest free on all the days it covers in that row, so that a
 * banner stays at one height across the days it spans. */
static void
assign_banner_lanes (RkMonthData *data)
{
  guint n_days = data->grid_last - data->grid_first + 1;

  data->banner_lanes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint row = 0; row * 7 < n_days; row++)
    {
      RkDay row_first = data->grid_first + row * 7;
      RkDay row_last = MIN (row_first + 6, data->grid_last);
      guint32 used[7] = { 0 };   /* per day of the row: a bit per lane taken */

      for (guint i = 0; i < data->occs->len; i++)
        {
          const RkOcc *occ = &g_array_index (data->occs, RkOcc, i);
          RkDay from, to;
          guint32 taken = 0;
          guint lane = 0;
          gint64 key;

          if (!rk_occ_is_active (occ) || !rk_occ_is_all_day (occ))
            continue;
          occ_grid_days (occ, row_first, row_last, &from, &to);
          if (from > to)
            continue;
          for (RkDay d = from; d <= to; d++)
            taken |= used[d - row_first];
          while (lane < 31 && (taken & (1u << lane)))
            lane++;
          for (RkDay d = from; d <= to; d++)
            used[d - row_first] |= 1u << lane;
          key = banner_key (i, row);
          g_hash_table_insert (data->banner_lanes, g_memdup2 (&key, sizeof key),
                               GUINT_TO_POINTER (lane + 1));
        }
    }
}

/* Loads [first, last] with one schedule read, one expansion and one check,
 * and indexes the shown occurrences and the problems by day. */
static RkMonthData *
load_range (RkStore     *store,
            RkMonthData *data,
            GError     **error)
{
  guint n_days = data->grid_last - data->grid_first + 1;

  data->schedule = rk_store_load_view (store, data->grid_first, data->grid_last, error);
  if (data->schedule == NULL)
    return NULL;
  data->occs = rk_schedule_expand (data->schedule, data->grid_first, data->grid_last, error);
  if (data->occs == NULL)
    return NULL;
  data->problems = rk_check (data->schedule, data->occs, data->grid_first, data->grid_last,
                             data->today);

  data->day_occs = g_array_new (FALSE, TRUE, sizeof (GArray *));
  g_array_set_clear_func (data->day_occs, day_occs_clear);
  g_array_set_size (data->day_occs, n_days);
  /* Every occurrence is shown: skipped ones (the rule's own decision, a
   * holiday or a closing day) struck through with their reason, so that a
   * coordinator sees why a weekly class is missing that week. */
  for (guint i = 0; i < data->occs->len; i++)
    {
      const RkOcc *occ = &g_array_index (data->occs, RkOcc, i);
      RkDay from, to;

      occ_grid_days (occ, data->grid_first, data->grid_last, &from, &to);
      for (RkDay day = from; day <= to; day++)
        {
          GArray **slot = &g_array_index (data->day_occs, GArray *, day - data->grid_first);

          if (*slot == NULL)
            *slot = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (*slot, i);
        }
    }
  for (guint d = 0; d < n_days; d++)
    {
      GArray *idx = g_array_index (data->day_occs, GArray *, d);

      if (idx && idx->len > 1)
        g_array_sort_with_data (idx, compare_in_day, data->occs);
    }
  assign_banner_lanes (data);

  data->occ_problems = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < data->problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (data->problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);
      RkDay day;

      if (ids == NULL || !rk_date_parse (rk_problem_get_date (p), &day))
        continue;
      for (guint j = 0; j < ids->len; j++)
        {
          gint64 key = occ_key (g_array_index (ids, gint64, j), day);
          GPtrArray *list = g_hash_table_lookup (data->occ_problems, &key);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (data->occ_problems, g_memdup2 (&key, sizeof key), list);
            }
          if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != p)
            g_ptr_array_add (list, p);
        }
    }
  return data;
}

/* The month's days and its 6 × 7 grid. */
static void
set_month (RkMonthData *data, int year, int month)
{
  int lead;

  data->year = year;
  data->month = month;
  data->first = rk_day_from_ymd (year, month, 1);
  data->last = data->first + rk_days_in_month (year, month) - 1;
  lead = (rk_day_weekday (data->first) - data->week_start + 7) % 7;
  data->grid_first = data->first - lead;
  data->grid_last = data->grid_first + RK_GRID_DAYS - 1;
}

static RkMonthData *
month_data_new (RkStore *store)
{
  RkMonthData *data = g_new0 (RkMonthData, 1);
  g_autofree char *week_start = NULL;

  g_atomic_ref_count_init (&data->ref_count);
  data->today = rk_store_today (store);
  week_start = rk_store_get_setting (store, "week_start");
  data->week_start = g_strcmp0 (week_start, "monday") == 0 ? 1 : 7;
  return data;
}

RkMonthData *
rk_month_data_load (RkStore  *store,
                    int       year,
                    int       month,
                    GError  **error)
{
  g_autoptr(RkMonthData) data = month_data_new (store);

  set_month (data, year, month);
  if (load_range (store, data, error) == NULL)
    return NULL;
  return g_steal_pointer (&data);
}

static RkMonthData *
empty_like (RkMonthData *like)
{
  RkMonthData *data = g_new0 (RkMonthData, 1);

  g_atomic_ref_count_init (&data->ref_count);
  data->today = like->today;
  data->week_start = like->week_start;
  data->placeholder = TRUE;
  data->schedule = rk_schedule_new ();
  data->occs = g_array_new (FALSE, TRUE, sizeof (RkOcc));
  data->problems = g_ptr_array_new_with_free_func (g_object_unref);
  data->day_occs = g_array_new (FALSE, TRUE, sizeof (GArray *));
  g_array_set_clear_func (data->day_occs, day_occs_clear);
  g_array_set_size (data->day_occs, RK_GRID_DAYS);
  data->occ_problems = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  data->banner_lanes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return data;
}

RkMonthData *
rk_month_data_new_empty (RkMonthData *like,
                         int          year,
                         int          month)
{
  RkMonthData *data = empty_like (like);

  set_month (data, year, month);
  return data;
}

RkMonthData *
rk_month_data_new_empty_range (RkMonthData *like,
                               RkDay        first,
                               RkDay        last)
{
  RkMonthData *data = empty_like (like);
  int y, m, d;

  rk_day_to_ymd (first, &y, &m, &d);
  data->year = y;
  data->month = m;
  data->first = data->grid_first = first;
  data->last = data->grid_last = last;
  g_array_set_size (data->day_occs, last - first + 1);
  return data;
}

RkMonthData *
rk_month_data_load_range (RkStore  *store,
                          RkDay     first,
                          RkDay     last,
                          GError  **error)
{
  g_autoptr(RkMonthData) data = month_data_new (store);
  int y, m, d;

  g_return_val_if_fail (first <= last, NULL);
  rk_day_to_ymd (first, &y, &m, &d);
  data->year = y;
  data->month = m;
  data->first = data->grid_first = first;
  data->last = data->grid_last = last;
  if (load_range (store, data, error) == NULL)
    return NULL;
  return g_steal_pointer (&data);
}

RkMonthData *
rk_month_data_ref (RkMonthData *data)
{
  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

/* ---- giving the memory back ------------------------------------------------
 *
 * A month or a year read by the worker is tens of thousands of blocks in
 * the worker's heap, freed here when it is replaced; glibc keeps what is
 * freed for the next allocations of that heap, so each heap stays at its
 * peak (the desktop's resident set grew ~25 MB over twelve month switches
 * and ~20 MB with the fiscal year, a good part of it free). Once no read
 * has been freed for a second (a person has stopped switching),
 * malloc_trim() gives the free pages of every heap back: 1-14 ms in this
 * thread, during which the heap being trimmed waits for it. */
#define TRIM_QUIET_US G_USEC_PER_SEC
/* Pushed to the pool instead of a month: trim. */
static const char trim_job;
#define TRIM_JOB ((gpointer) &trim_job)

G_LOCK_DEFINE_STATIC (trim_lock);
static gint64   last_free;      /* monotonic µs, under trim_lock */
static gboolean trim_armed;     /* under trim_lock */

static gboolean
trim_when_quiet (gpointer pool)
{
  gboolean quiet;

  G_LOCK (trim_lock);
  quiet = g_get_monotonic_time () - last_free >= TRIM_QUIET_US;
  if (quiet)
    trim_armed = FALSE;
  G_UNLOCK (trim_lock);
  if (!quiet)
    return G_SOURCE_CONTINUE;
  g_thread_pool_push (pool, TRIM_JOB, NULL);
  return G_SOURCE_REMOVE;
}

/* Any thread: a read is being freed; a trim follows once it is quiet. */
static void
trim_later (GThreadPool *pool)
{
#ifdef __GLIBC__
  gboolean arm;

  G_LOCK (trim_lock);
  last_free = g_get_monotonic_time ();
  arm = !trim_armed;
  trim_armed = TRUE;
  G_UNLOCK (trim_lock);
  if (arm)
    {
      GSource *source = g_timeout_source_new (TRIM_QUIET_US / 1000 / 2);

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, trim_when_quiet, pool, NULL);
      g_source_set_static_name (source, "[renkei] give freed memory back");
      g_source_attach (source, NULL);
      g_source_unref (source);
    }
#endif
}

static void
month_data_free (gpointer item,
                 gpointer user_data)
{
  RkMonthData *data = item;

  if (item == TRIM_JOB)
    {
#ifdef __GLIBC__
      malloc_trim (0);
#endif
      return;
    }
  g_clear_pointer (&data->occ_problems, g_hash_table_unref);
  g_clear_pointer (&data->banner_lanes, g_hash_table_unref);
  g_clear_pointer (&data->day_occs, g_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_clear_pointer (&data->occs, g_array_unref);
  g_clear_pointer (&data->schedule, rk_schedule_free);
  g_free (data);
}

/* A month or a year of data is tens of thousands of blocks: freeing the
 * one a switch replaces took ~5 ms of the switch's frame on the main
 * thread. Nothing refers to it any more, so a thread of its own frees it. */
void
rk_month_data_unref (RkMonthData *data)
{
  static GThreadPool *pool;
  static gsize once = 0;
  gboolean placeholder;

  if (data == NULL || !g_atomic_ref_count_dec (&data->ref_count))
    return;
  if (g_once_init_enter (&once))
    {
      pool = g_thread_pool_new (month_data_free, NULL, 1, FALSE, NULL);
      g_once_init_leave (&once, 1);
    }
  /* Read before the push: the pool's thread may free data at once. */
  placeholder = data->placeholder;
  if (pool == NULL || !g_thread_pool_push (pool, data, NULL))
    {
      month_data_free (data, NULL);
      return;
    }
  /* An empty grid is a few blocks: nothing to give back. */
  if (!placeholder)
    trim_later (pool);
}

GArray *
rk_month_data_day_occs (RkMonthData *data,
                        RkDay        day)
{
  if (day < data->grid_first || day > data->grid_last)
    return NULL;
  return g_array_index (data->day_occs, GArray *, day - data->grid_first);
}

int
rk_month_data_banner_lane (RkMonthData *data,
                           const RkOcc *occ,
                           RkDay        day)
{
  guint index, row;
  gint64 key;

  if (day < data->grid_first || day > data->grid_last || data->banner_lanes == NULL)
    return -1;
  index = occ - &g_array_index (data->occs, RkOcc, 0);
  if (index >= data->occs->len)
    return -1;
  row = (day - data->grid_first) / 7;
  key = banner_key (index, row);
  return GPOINTER_TO_UINT (g_hash_table_lookup (data->banner_lanes, &key)) - 1;
}

GPtrArray *
rk_month_data_occ_problems (RkMonthData *data,
                            const RkOcc *occ)
{
  gint64 key;

  if (!rk_occ_is_active (occ))
    return NULL;
  key = occ_key (occ->event->id, rk_minute_day (occ->start));
  return g_hash_table_lookup (data->occ_problems, &key);
}

const RkOcc *
rk_month_data_find (RkMonthData *data,
                    gint64       event_id,
                    RkDay        date)
{
  return rk_occ_find (data->occs, event_id, date);
}

char *
rk_occ_staffing_text (RkSchedule  *schedule,
                      const RkOcc *occ)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int required[RK_N_ROLES], wish[RK_N_ROLES], counts[RK_N_ROLES];

  rk_occ_required (occ, required);
  rk_occ_wish (occ, wish);
  rk_occ_role_counts (schedule, occ, counts);
  for (int pass = 0; pass < 2; pass++)
    for (int r = 0; r < RK_N_ROLES; r++)
      {
        if (pass == 0 && required[r] == 0)
          continue;
        if (pass == 1 && (required[r] > 0 || counts[r] == 0))
          continue;
        if (text->len)
          g_string_append (text, " · ");
        {
          g_autofree char *one = rk_role_count_text (r, counts[r], required[r], wish[r]);
          g_string_append (text, one);
        }
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
rk_occ_staff_names_text (RkSchedule  *schedule,
                         const RkOcc *occ)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) text = g_string_new (NULL);

  rk_occ_staff (occ, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      RkSStaff *s = rk_schedule_staff (schedule, g_array_index (ids, gint64, i));

      if (s == NULL)
        continue;
      if (text->len)
        g_string_append (text, _(", "));
      g_string_append (text, s->name);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
rk_occ_own_reason (const RkOcc *occ)
{
  const char *r = occ->reason;

  if (r == NULL || *r == '\0')
    return NULL;
  if ((occ->status == RK_OCC_CANCELLED && strcmp (r, _("cancelled")) == 0) ||
      (occ->status == RK_OCC_SKIPPED && strcmp (r, _("skipped")) == 0))
    return NULL;
  return r;
}

const char *
rk_occ_color (const RkOcc *occ)
{
  const char *color = occ->event->program ? occ->event->program->color : NULL;

  if (color && color[0] == '#' && strlen (color) == 7)
    return color;
  return "#9A9996";
}

char *
rk_occ_time_text (const RkOcc *occ)
{
  int a = rk_minute_of_day (occ->start), b = rk_minute_of_day (occ->end);

  return g_strdup_printf ("%02d:%02d–%02d:%02d", a / 60, a % 60, b / 60, b % 60);
}

char *
rk_occ_place_text (const RkOcc *occ)
{
  RkSRoom *room = occ->event->room;

  if (room == NULL)
    return NULL;
  if (room->venue)
    return g_strdup_printf ("%s · %s", room->venue->name, room->name);
  return g_strdup (room->name);
}

gboolean
rk_locale_is_japanese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs && langs[0] && g_str_has_prefix (langs[0], "ja");
}

char *
rk_month_title (int year,
                int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);
  g_autofree char *era = NULL;
  g_autofree char *base = NULL;

  if (rk_locale_is_japanese ())
    {
      era = rk_era_year_ja (year, month, 1);
      if (era)
        return g_strdup_printf ("%d年（%s）%d月", year, era, month);
      return g_strdup_printf ("%d年%d月", year, month);
    }
  base = g_date_time_format (dt, "%B %Y");
  era = rk_era_year_en (year, month, 1);
  if (era)
    return g_strdup_printf ("%s (%s)", base, era);
  return g_steal_pointer (&base);
}

char *
rk_day_title (RkDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *weekday = NULL;
  int y, m, d;

  rk_day_to_ymd (day, &y, &m, &d);
  /* A date's names need no time zone: the local one was looked up again
   * for each title (a readlink of /etc/localtime each), a tenth of the
   * problems panel's filling. */
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (rk_locale_is_japanese ())
    {
      weekday = g_date_time_format (dt, "%a");
      return g_strdup_printf ("%d月%d日（%s）", m, d, weekday);
    }
  /* TRANSLATORS: a day heading, strftime format: "Sun 6 Dec 2026" */
  return g_date_time_format (dt, _("%a %-d %b %Y"));
}

guint
rk_month_data_closed_text (RkMonthData *data,
                           RkDay        day,
                           GString     *text)
{
  GHashTableIter iter;
  gpointer value;
  guint closed = 0;

  if (data->schedule == NULL)
    return 0;
  g_hash_table_iter_init (&iter, data->schedule->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const RkSVenue *venue = value;
      const char *reason = NULL;

      if (!rk_venue_closed_on (venue, day, &reason))
        continue;
      closed++;
      if (text->len)
        g_string_append_c (text, '\n');
      if (reason && *reason)
        g_string_append_printf (text, _("%s (%s)"), venue->name, reason);
      else
        g_string_append (text, venue->name);
    }
  return closed;
}

gboolean
rk_occ_is_all_day (const RkOcc *occ)
{
  /* A day or more, or midnight to midnight: it belongs to the days it
   * covers, not to a time of day. */
  return occ->end - occ->start >= RK_MINUTES_PER_DAY
         || (occ->end > occ->start && rk_minute_of_day (occ->start) == 0
             && rk_minute_of_day (occ->end) == 0);
}

RkDay
rk_occ_last_day (const RkOcc *occ)
{
  if (occ->end <= occ->start)
    return rk_minute_day (occ->start);
  return rk_minute_day (occ->end - 1);
}

char *
rk_day_accessible_text (RkMonthData *data,
                        RkDay        day)
{
  g_autoptr(GString) closed = g_string_new (NULL);

  if (data)
    rk_month_data_closed_text (data, day, closed);
  return rk_day_accessible_text_closed (data, day, closed->str);
}

char *
rk_day_accessible_text_closed (RkMonthData *data,
                               RkDay        day,
                               const char  *closed)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = rk_day_title (day);
  const RkHoliday *holiday;
  int y, m, d;
  guint n_events = 0;

  g_string_append (text, title);
  rk_day_to_ymd (day, &y, &m, &d);
  holiday = rk_holiday_lookup (y, m, d);
  if (holiday)
    g_string_append_printf (text, _(", holiday: %s"),
                            rk_locale_is_japanese () ? holiday->name_ja : holiday->name_en);
  if (data)
    {
      GArray *idx = rk_month_data_day_occs (data, day);

      if (closed && *closed)
        {
          g_autofree char *one_line = g_strdelimit (g_strdup (closed), "\n", ' ');
          g_string_append_printf (text, _(", closed: %s"), one_line);
        }
      for (guint i = 0; idx && i < idx->len; i++)
        if (rk_occ_is_active (&g_array_index (data->occs, RkOcc, g_array_index (idx, guint, i))))
          n_events++;
      if (n_events == 0)
        g_string_append (text, _(", no events"));
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u event", ", %u events",
                                                   n_events), n_events);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
