#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-recurrence-private.h"

static struct icaltimetype
ical_from_minute (RkMinute t)
{
  struct icaltimetype it = icaltime_null_time ();
  int y, mo, d, md = rk_minute_of_day (t);

  rk_day_to_ymd (rk_minute_day (t), &y, &mo, &d);
  it.year = y;
  it.month = mo;
  it.day = d;
  it.hour = md / 60;
  it.minute = md % 60;
  it.second = 0;
  it.is_date = 0;
  return it;
}

/* Returns FALSE to stop the iteration. */
typedef gboolean (*VisitFunc) (RkMinute t, gpointer data);

typedef enum
{
  ITER_DONE,     /* the rule or the visitor ended it */
  ITER_CAPPED,   /* MAX_STEPS reached */
  ITER_FAILED,   /* libical would not build an iterator */
} IterResult;

/* FALSE when an INTERVAL keeps the series away from every BYMONTH month
 * (FREQ=MONTHLY;INTERVAL=3;BYMONTH=2 from January), which libical would
 * only find out after searching for centuries. */
static gboolean
months_reachable (const Rule *r,
                  RkMinute    dtstart)
{
  int y, m0;
  guint reach = 0, wanted = 0;

  if (r->freq != ICAL_MONTHLY_RECURRENCE || !HAS (r, PART_BYMONTH) || r->interval == 1)
    return TRUE;
  rk_day_to_ymd (rk_minute_day (dtstart), &y, &m0, NULL);
  for (int k = 0; k < 12; k++)
    reach |= 1u << ((m0 - 1 + k * r->interval) % 12 + 1);
  for (int i = 0; i < r->bymonth.n; i++)
    wanted |= 1u << r->bymonth.v[i];
  return (reach & wanted) != 0;
}

/* Walks the occurrences of r from dtstart in order, or from the first one
 * on or after day skip_to when the rule allows skipping (no COUNT).
 * *n_seen counts the occurrences libical produced. ITER_FAILED means the
 * series has no occurrence at all from this dtstart. */
static IterResult
iterate (const Rule *r,
         RkMinute    dtstart,
         RkDay       skip_to,
         VisitFunc   visit,
         gpointer    data,
         int        *n_seen)
{
  /* For shifted weekly rules libical works this many minutes earlier. */
  RkMinute shift = r->weekly_shifted ? (RkMinute) r->weekly_shift * RK_MINUTES_PER_DAY : 0;
  icalrecur_iterator *it;
  RkMinute prev = -1;
  IterResult result = ITER_DONE;
  guint months = 0;

  *n_seen = 0;
  if (!months_reachable (r, dtstart))
    return ITER_FAILED;
  if (r->weekly_shifted)
    for (int i = 0; i < r->bymonth.n; i++)
      months |= 1u << r->bymonth.v[i];

  /* libical refuses an iterator when it sees the rule cannot produce
   * anything from this start (FEB 29 every other year from an odd year). */
  it = icalrecur_iterator_new (r->ical, ical_from_minute (dtstart - shift));
  if (it == NULL)
    return ITER_FAILED;

  if (r->count == 0 && skip_to > rk_minute_day (dtstart) &&
      !icalrecur_iterator_set_start (it, ical_from_minute (rk_minute_make (skip_to, 0) - shift)))
    {
      /* Past UNTIL, or refused: start over from dtstart. */
      icalrecur_iterator_free (it);
      it = icalrecur_iterator_new (r->ical, ical_from_minute (dtstart - shift));
      if (it == NULL)
        return ITER_FAILED;
    }

  for (int step = 0;; step++)
    {
      struct icaltimetype t;
      RkMinute m;

      if (step >= MAX_STEPS)
        {
          g_debug ("Recurrence stopped after %d steps", step);
          result = ITER_CAPPED;
          break;
        }
      t = icalrecur_iterator_next (it);
      if (icaltime_is_null_time (t) || !g_date_valid_dmy (t.day, t.month, t.year))
        break;
      m = rk_minute_make (rk_day_from_ymd (t.year, t.month, t.day), t.hour * 60 + t.minute);
      m += shift;
      /* Each occurrence must be later than the last, or we would loop. */
      if (m <= prev)
        {
          g_debug ("Recurrence went back in time; stopping");
          break;
        }
      prev = m;
      if (r->weekly_shifted)
        {
          int month;

          if (r->until >= 0 && m > r->until)
            break;
          rk_day_to_ymd (rk_minute_day (m), NULL, &month, NULL);
          if (months != 0 && !(months & (1u << month)))
            continue;
          if (r->count > 0 && *n_seen >= r->count)
            break;
        }
      (*n_seen)++;
      if (m < dtstart)
        continue;
      if (!visit (m, data))
        break;
    }
  icalrecur_iterator_free (it);
  return result;
}

/* Parsed rules by their text. A month view expands hundreds of series
 * whose rules repeat ("Tuesdays and Thursdays until 31 March"), and
 * parsing costs more than expanding. A Rule is ~10 kB (libical's BY*
 * arrays), so a hit hands out a reference, not a copy: copying it cost a
 * month view more than the expansion itself. Bounded: emptied when full;
 * a rule still in use lives on until its last reference is dropped. */
#define RULE_CACHE_SIZE 128

G_LOCK_DEFINE_STATIC (rule_cache);
static GHashTable *rule_cache;   /* rule text → Rule (atomic rc box) */

static void
rule_release (gpointer r)
{
  g_atomic_rc_box_release (r);
}

static Rule *
rule_parse_cached (const char  *rrule,
                   GError     **error)
{
  Rule *r = NULL;

  G_LOCK (rule_cache);
  if (rule_cache && rrule)
    r = g_hash_table_lookup (rule_cache, rrule);
  if (r)
    g_atomic_rc_box_acquire (r);
  G_UNLOCK (rule_cache);
  if (r)
    return r;
  r = g_atomic_rc_box_new (Rule);
  if (!rk_rule_parse (rrule, r, error))
    {
      g_atomic_rc_box_release (r);
      return NULL;
    }
  g_assert (r->ical.rscale == NULL);

  G_LOCK (rule_cache);
  if (rule_cache == NULL)
    rule_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rule_release);
  if (g_hash_table_size (rule_cache) >= RULE_CACHE_SIZE)
    g_hash_table_remove_all (rule_cache);
  g_hash_table_replace (rule_cache, g_strdup (rrule), g_atomic_rc_box_acquire (r));
  G_UNLOCK (rule_cache);
  return r;
}

typedef struct
{
  RkDay from;
  RkDay to;
  GArray *out;
} ExpandData;

static gboolean
expand_visit (RkMinute t,
              gpointer data)
{
  ExpandData *e = data;
  RkDay day = rk_minute_day (t);

  if (day > e->to)
    return FALSE;
  if (day >= e->from)
    g_array_append_val (e->out, t);
  return TRUE;
}

gboolean
rk_rrule_expand (const char  *rrule,
                 RkMinute     dtstart,
                 RkDay        from,
                 RkDay        to,
                 GArray      *out,
                 GError     **error)
{
  Rule *r;
  ExpandData e = { from, to, out };
  int n_seen;
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (out) == sizeof (RkMinute), FALSE);
  g_return_val_if_fail (dtstart >= RK_MINUTES_PER_DAY, FALSE);

  r = rule_parse_cached (rrule, error);
  if (r == NULL)
    return FALSE;
  /* ITER_FAILED from a sound rule: no occurrence from this dtstart, as
   * dateutil would say. */
  if (to >= from && rk_minute_day (dtstart) <= to &&
      (r->until < 0 || rk_minute_day (r->until) >= from) &&
      !rk_rule_fast_expand (r, dtstart, from, to, out) &&
      iterate (r, dtstart, from, expand_visit, &e, &n_seen) == ITER_FAILED)
    ok = rk_rule_probe (r, rrule, error);
  g_atomic_rc_box_release (r);
  return ok;
}

static gboolean
last_visit (RkMinute t,
            gpointer data)
{
  *(RkMinute *) data = t;
  return TRUE;
}

static gboolean
first_visit (RkMinute t,
             gpointer data)
{
  *(RkMinute *) data = t;
  return FALSE;
}

RkMinute
rk_rrule_first_start (const char *rrule,
                      RkMinute    dtstart)
{
  g_autofree Rule *r = g_new (Rule, 1);
  RkMinute first = -1;
  int n_seen;

  if (dtstart < RK_MINUTES_PER_DAY || !rk_rule_parse (rrule, r, NULL))
    return -1;
  if (r->until >= 0 && r->until < dtstart)
    return -1;
  iterate (r, dtstart, 0, first_visit, &first, &n_seen);
  return first;
}

RkMinute
rk_rrule_last_start (const char *rrule,
                     RkMinute    dtstart)
{
  g_autofree Rule *r = g_new (Rule, 1);
  RkMinute last = -1;
  IterResult result;
  int n_seen;

  if (dtstart < RK_MINUTES_PER_DAY || !rk_rule_parse (rrule, r, NULL) ||
      (r->count == 0 && r->until < 0))
    return -1;
  if (r->until >= 0 && r->until < dtstart)
    return dtstart;

  /* A series ending years after it starts: look at the last stretch
   * first, and walk the whole series only if that stretch is empty. */
  if (r->until >= 0 && rk_minute_day (r->until) > rk_minute_day (dtstart) + 800)
    {
      result = iterate (r, dtstart, rk_minute_day (r->until) - 800, last_visit, &last, &n_seen);
      if (result == ITER_FAILED)
        return rk_rule_probe (r, rrule, NULL) ? dtstart : -1;
      if (result == ITER_CAPPED)
        return -1;
      if (last >= 0)
        return last;
    }

  result = iterate (r, dtstart, 0, last_visit, &last, &n_seen);
  if (result == ITER_FAILED)
    return rk_rule_probe (r, rrule, NULL) ? dtstart : -1;
  /* Fewer than COUNT occurrences means libical gave up searching (it stops
   * a few centuries ahead), not that the series ended: call it open. */
  if (result == ITER_CAPPED || (r->count > 0 && n_seen < r->count))
    return -1;
  return last >= 0 ? last : dtstart;
}
