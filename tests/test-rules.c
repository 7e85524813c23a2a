#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "rk-check.h"
#include "rk-holidays.h"
#include "rk-expand.h"
#include "rk-schedule.h"
#include "rk-series.h"
#include "rk-store.h"

/* The scheduling rules over hand-built schedules: occurrence expansion with
 * exceptions and holiday/closing-day policies, the conflict checks and the
 * staff suggestions. Dates are 2026 unless said: its holidays include the
 * Happy Mondays, the 9/21-22-23 run (敬老の日, 国民の休日, 秋分の日) and
 * Golden Week 5/3-6. */

/* ---- building schedules ------------------------------------------------- */

static RkMinute
T (const char *text)
{
  RkMinute t = 0;

  if (!rk_time_parse (text, &t))
    g_error ("bad time in test: %s", text);
  return t;
}

static RkDay
D (const char *text)
{
  RkDay d = 0;

  if (!rk_date_parse (text, &d))
    g_error ("bad date in test: %s", text);
  return d;
}

static RkSVenue *
add_venue (RkSchedule *s, gint64 id, const char *name)
{
  RkSVenue *v = g_new0 (RkSVenue, 1);

  v->id = id;
  v->name = g_strdup (name);
  v->closings = g_array_new (FALSE, TRUE, sizeof (RkClosing));
  g_hash_table_insert (s->venues, &v->id, v);
  return v;
}

static void
close_weekday (RkSVenue *v, int weekday, const char *reason)
{
  RkClosing c = { 0 };

  c.id = v->closings->len + 1;
  c.kind = RK_CLOSING_WEEKDAY;
  c.weekday = weekday;
  c.reason = g_strdup (reason);
  g_array_append_val (v->closings, c);
}

/* RK_CLOSING_DATE or RK_CLOSING_RANGE */
static void
close_range (RkSVenue *v, RkClosingKind kind, const char *from, const char *to,
             const char *reason)
{
  RkClosing c = { 0 };

  c.id = v->closings->len + 1;
  c.kind = kind;
  c.start = D (from);
  c.end = D (to);
  c.reason = g_strdup (reason);
  g_array_append_val (v->closings, c);
}

static void
close_yearly (RkSVenue *v, int start_md, int end_md, const char *reason)
{
  RkClosing c = { 0 };

  c.id = v->closings->len + 1;
  c.kind = RK_CLOSING_YEARLY;
  c.start_md = start_md;
  c.end_md = end_md;
  c.reason = g_strdup (reason);
  g_array_append_val (v->closings, c);
}

static RkSRoom *
add_room (RkSchedule *s, gint64 id, RkSVenue *venue, const char *name, int capacity)
{
  RkSRoom *r = g_new0 (RkSRoom, 1);

  r->id = id;
  r->venue = venue;
  r->name = g_strdup (name);
  r->capacity = capacity;
  g_hash_table_insert (s->rooms, &r->id, r);
  return r;
}

static RkSStaff *
add_staff (RkSchedule *s, gint64 id, const char *name, RkRole role)
{
  RkSStaff *st = g_new0 (RkSStaff, 1);

  st->id = id;
  st->name = g_strdup (name);
  st->role = role;
  st->active = TRUE;
  g_hash_table_insert (s->staff, &st->id, st);
  return st;
}

static RkSProgram *
add_program (RkSchedule *s, gint64 id, const char *name)
{
  RkSProgram *p = g_new0 (RkSProgram, 1);

  p->id = id;
  p->name = g_strdup (name);
  g_hash_table_insert (s->programs, &p->id, p);
  return p;
}

static RkSEquipment *
add_equipment (RkSchedule *s, gint64 id, const char *name)
{
  RkSEquipment *e = g_new0 (RkSEquipment, 1);

  e->id = id;
  e->name = g_strdup (name);
  g_hash_table_insert (s->equipment, &e->id, e);
  return e;
}

static RkSEvent *
add_event (RkSchedule *s, gint64 id, const char *title, const char *start, const char *end,
           RkSRoom *room, const char *rrule, RkHolidayPolicy policy)
{
  RkSEvent *e = g_new0 (RkSEvent, 1);

  e->id = id;
  e->title = g_strdup (title);
  e->start = T (start);
  e->end = T (end);
  e->room = room;
  e->capacity = -1;
  e->rrule = g_strdup (rrule);
  e->policy = policy;
  e->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
  e->assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
  e->equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_ptr_array_add (s->events, e);
  return e;
}

static int
exception_compare (gconstpointer a, gconstpointer b)
{
  const RkSException *x = a, *y = b;

  return x->occ_date < y->occ_date ? -1 : x->occ_date > y->occ_date;
}

/* start/end only for RK_EXCEPTION_MOVED. */
static void
add_exception (RkSEvent *e, const char *date, RkExceptionKind kind, const char *start,
               const char *end, const char *reason)
{
  RkSException x = { 0 };

  x.occ_date = D (date);
  x.kind = kind;
  if (start)
    x.start = T (start);
  if (end)
    x.end = T (end);
  x.reason = g_strdup (reason);
  g_array_append_val (e->exceptions, x);
  /* rk_sevent_exception() searches them by halves */
  g_array_sort (e->exceptions, exception_compare);
}

/* date NULL: the whole series. */
static void
add_assign (RkSEvent *e, gint64 staff_id, const char *date, gboolean excluded)
{
  RkSAssign a = { 0 };

  a.staff_id = staff_id;
  a.occ_date = date ? D (date) : 0;
  a.excluded = excluded;
  g_array_append_val (e->assigns, a);
}

static void
add_equipment_use (RkSEvent *e, gint64 item_id)
{
  g_array_append_val (e->equipment, item_id);
}

static void
add_unavailable (RkSchedule *s, gint64 staff_id, const char *from, const char *to,
                 const char *reason)
{
  RkSUnavailable u = { staff_id, T (from), T (to), g_strdup (reason) };

  g_array_append_val (s->unavailable, u);
}

static GArray *
expand (RkSchedule *s, const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  GArray *occs = rk_schedule_expand (s, D (from), D (to), &error);

  g_assert_no_error (error);
  g_assert_nonnull (occs);
  return occs;
}

static GPtrArray *
check (RkSchedule *s, GArray *occs, const char *from, const char *to, const char *today)
{
  return rk_check (s, occs, D (from), D (to), D (today));
}

/* ---- reading results ---------------------------------------------------- */

static const RkOcc *
occ_by_orig (GArray *occs, gint64 event_id, const char *orig)
{
  RkDay d = D (orig);

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);

      if (o->event->id == event_id && o->orig_date == d)
        return o;
    }
  return NULL;
}

static guint
count_event (GArray *occs, gint64 event_id)
{
  guint n = 0;

  for (guint i = 0; i < occs->len; i++)
    n += g_array_index (occs, RkOcc, i).event->id == event_id;
  return n;
}

static void
assert_occ_at (GArray *occs, gint64 event_id, const char *orig, const char *start,
               const char *end, RkOccStatus status, gboolean moved, const char *reason_part)
{
  const RkOcc *o = occ_by_orig (occs, event_id, orig);
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;

  if (o == NULL)
    g_error ("event %" G_GINT64_FORMAT " has no occurrence for %s", event_id, orig);
  s = rk_time_format (o->start);
  e = rk_time_format (o->end);
  g_assert_cmpstr (s, ==, start);
  g_assert_cmpstr (e, ==, end);
  g_assert_cmpstr (rk_occ_status_token (o->status), ==, rk_occ_status_token (status));
  g_assert_cmpint (o->moved, ==, moved);
  if (reason_part)
    {
      g_assert_nonnull (o->reason);
      g_assert_nonnull (strstr (o->reason, reason_part));
    }
  else if (status == RK_OCC_SCHEDULED && !moved)
    g_assert_null (o->reason);
}

/* "date kind [ids] s=staff r=room q=item role needed/assigned" per problem,
 * joined by "; ": one string compares a whole answer and shows it on failure. */
static char *
problems_text (GPtrArray *problems)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);

      if (i)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s %s [", rk_problem_get_date (p), rk_problem_get_kind (p));
      for (guint j = 0; j < ids->len; j++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, j ? "," : "",
                                g_array_index (ids, gint64, j));
      g_string_append (out, "]");
      if (rk_problem_get_staff_id (p) > 0)
        g_string_append_printf (out, " s=%" G_GINT64_FORMAT, rk_problem_get_staff_id (p));
      if (rk_problem_get_room_id (p) > 0)
        g_string_append_printf (out, " r=%" G_GINT64_FORMAT, rk_problem_get_room_id (p));
      if (rk_problem_get_equipment_id (p) > 0)
        g_string_append_printf (out, " q=%" G_GINT64_FORMAT, rk_problem_get_equipment_id (p));
      if (rk_problem_get_role (p))
        g_string_append_printf (out, " %s %d/%d", rk_problem_get_role (p),
                                rk_problem_get_assigned (p), rk_problem_get_needed (p));
      /* every problem tells the coordinator what to do */
      g_assert_nonnull (rk_problem_get_message (p));
      g_assert_cmpuint (strlen (rk_problem_get_message (p)), >, 10);
    }
  return g_string_free (out, FALSE);
}

static guint
count_kind (GPtrArray *problems, const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    n += g_strcmp0 (rk_problem_get_kind (g_ptr_array_index (problems, i)), kind) == 0;
  return n;
}

static void
assert_problems (RkSchedule *s, GArray *occs, const char *from, const char *to,
                 const char *today, const char *expected)
{
  g_autoptr(GPtrArray) problems = check (s, occs, from, to, today);
  g_autofree char *text = problems_text (problems);

  g_assert_cmpstr (text, ==, expected);
}

/* ---- holiday policies --------------------------------------------------- */

typedef struct
{
  const char *orig;
  const char *next;       /* where next-day puts it */
  const char *previous;   /* where previous-day puts it */
  const char *name;
} HolidayMonday;

/* The Mondays of 2026 that are national holidays. 5/4 sits before 5/5
 * and the substitute holiday 5/6; 9/21 before 国民の休日 and 秋分の日. */
static const HolidayMonday holiday_mondays[] = {
  { "2026-01-12", "2026-01-13", "2026-01-11", "成人の日" },
  { "2026-02-23", "2026-02-24", "2026-02-22", "天皇誕生日" },
  { "2026-05-04", "2026-05-07", "2026-05-02", "みどりの日" },
  { "2026-07-20", "2026-07-21", "2026-07-19", "海の日" },
  { "2026-09-21", "2026-09-24", "2026-09-20", "敬老の日" },
  { "2026-10-12", "2026-10-13", "2026-10-11", "スポーツの日" },
  { "2026-11-23", "2026-11-24", "2026-11-22", "勤労感謝の日" },
};

static const HolidayMonday *
holiday_monday (RkDay day)
{
  for (guint i = 0; i < G_N_ELEMENTS (holiday_mondays); i++)
    if (D (holiday_mondays[i].orig) == day)
      return &holiday_mondays[i];
  return NULL;
}

static RkSchedule *
monday_series (RkHolidayPolicy policy)
{
  RkSchedule *s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Playroom", 20);

  /* the 52 Mondays of 2026 */
  add_event (s, 1, "Monday circle", "2026-01-05T10:00", "2026-01-05T11:30", r,
             "FREQ=WEEKLY;BYDAY=MO;COUNT=52", policy);
  return s;
}

static void
test_policy_next_day_mondays (void)
{
  g_autoptr(RkSchedule) s = monday_series (RK_POLICY_NEXT_DAY);
  g_autoptr(GArray) occs = expand (s, "2026-01-01", "2026-12-31");
  guint moved = 0;

  g_assert_cmpuint (occs->len, ==, 52);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const HolidayMonday *h = holiday_monday (o->orig_date);
      RkDay day = rk_minute_day (o->start);

      g_assert_cmpint (rk_day_weekday (o->orig_date), ==, 1);
      g_assert_cmpint (o->status, ==, RK_OCC_SCHEDULED);
      g_assert_cmpint (rk_minute_of_day (o->start), ==, 10 * 60);
      g_assert_cmpint (o->end - o->start, ==, 90);
      g_assert_false (rk_is_holiday_day (day));
      if (h)
        {
          g_assert_true (o->moved);
          g_assert_cmpuint (day, ==, D (h->next));
          g_assert_nonnull (strstr (o->reason, h->name));
          moved++;
        }
      else
        {
          g_assert_false (o->moved);
          g_assert_cmpuint (day, ==, o->orig_date);
          g_assert_null (o->reason);
        }
    }
  g_assert_cmpuint (moved, ==, G_N_ELEMENTS (holiday_mondays));
  /* a decision was made: no on_holiday, nothing else either */
  assert_problems (s, occs, "2026-01-01", "2026-12-31", "2025-01-01", "");
}

static void
test_policy_previous_day_mondays (void)
{
  g_autoptr(RkSchedule) s = monday_series (RK_POLICY_PREVIOUS_DAY);
  g_autoptr(GArray) occs = expand (s, "2026-01-01", "2026-12-31");

  g_assert_cmpuint (occs->len, ==, 52);
  for (guint i = 0; i < G_N_ELEMENTS (holiday_mondays); i++)
    {
      const HolidayMonday *h = &holiday_mondays[i];
      g_autofree char *start = g_strconcat (h->previous, "T10:00", NULL);
      g_autofree char *end = g_strconcat (h->previous, "T11:30", NULL);

      assert_occ_at (occs, 1, h->orig, start, end, RK_OCC_SCHEDULED, TRUE, h->name);
    }
  assert_occ_at (occs, 1, "2026-01-05", "2026-01-05T10:00", "2026-01-05T11:30",
                 RK_OCC_SCHEDULED, FALSE, NULL);
  /* sorted by where they really are: 1/11 before the 1/19 occurrence */
  for (guint i = 1; i < occs->len; i++)
    g_assert_cmpint (g_array_index (occs, RkOcc, i - 1).start, <,
                     g_array_index (occs, RkOcc, i).start);
  assert_problems (s, occs, "2026-01-01", "2026-12-31", "2025-01-01", "");
}

static void
test_policy_skip_mondays (void)
{
  g_autoptr(RkSchedule) s = monday_series (RK_POLICY_SKIP);
  g_autoptr(GArray) occs = expand (s, "2026-01-01", "2026-12-31");
  guint active = 0, skipped = 0;

  /* skipped ones are listed, on their own date, with the holiday as reason */
  g_assert_cmpuint (occs->len, ==, 52);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const HolidayMonday *h = holiday_monday (o->orig_date);

      if (h)
        {
          g_assert_cmpint (o->status, ==, RK_OCC_SKIPPED);
          g_assert_false (rk_occ_is_active (o));
          g_assert_cmpuint (rk_occ_day (o), ==, o->orig_date);
          g_assert_nonnull (strstr (o->reason, h->name));
          g_assert_cmpstr (rk_occ_status_token (o->status), ==, "skipped");
          skipped++;
        }
      else
        {
          g_assert_cmpint (o->status, ==, RK_OCC_SCHEDULED);
          active++;
        }
    }
  g_assert_cmpuint (skipped, ==, 7);
  g_assert_cmpuint (active, ==, 45);
  assert_problems (s, occs, "2026-01-01", "2026-12-31", "2025-01-01", "");
}

static void
test_policy_keep_and_unset (void)
{
  g_autoptr(RkSchedule) keep = monday_series (RK_POLICY_KEEP);
  g_autoptr(RkSchedule) unset = monday_series (RK_POLICY_UNSET);
  g_autoptr(GArray) kept = expand (keep, "2026-01-01", "2026-12-31");
  g_autoptr(GArray) left = expand (unset, "2026-01-01", "2026-12-31");
  g_autoptr(GPtrArray) problems = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (holiday_mondays); i++)
    {
      const HolidayMonday *h = &holiday_mondays[i];
      g_autofree char *start = g_strconcat (h->orig, "T10:00", NULL);
      g_autofree char *end = g_strconcat (h->orig, "T11:30", NULL);

      assert_occ_at (kept, 1, h->orig, start, end, RK_OCC_SCHEDULED, FALSE, NULL);
      assert_occ_at (left, 1, h->orig, start, end, RK_OCC_SCHEDULED, FALSE, NULL);
    }
  /* keep is a decision */
  assert_problems (keep, kept, "2026-01-01", "2026-12-31", "2025-01-01", "");
  /* no decision: one on_holiday per holiday occurrence, on that date */
  assert_problems (unset, left, "2026-01-01", "2026-12-31", "2025-01-01",
                   "2026-01-12 on_holiday [1]; 2026-02-23 on_holiday [1]; "
                   "2026-05-04 on_holiday [1]; 2026-07-20 on_holiday [1]; "
                   "2026-09-21 on_holiday [1]; 2026-10-12 on_holiday [1]; "
                   "2026-11-23 on_holiday [1]");
  /* only those inside the range asked for */
  problems = check (unset, left, "2026-05-01", "2026-09-30", "2025-01-01");
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpuint (count_kind (problems, "on_holiday"), ==, 3);
}

/* Monthly series on the 21st, 22nd and 23rd: in September 2026 all three
 * dates are holidays (敬老の日, 国民の休日, 秋分の日), and 11/23 is one too. */
static RkSchedule *
september_series (RkHolidayPolicy policy)
{
  RkSchedule *s = rk_schedule_new ();

  add_event (s, 21, "On the 21st", "2026-08-21T13:00", "2026-08-21T15:00", NULL,
             "FREQ=MONTHLY;COUNT=4", policy);
  add_event (s, 22, "On the 22nd", "2026-08-22T13:00", "2026-08-22T15:00", NULL,
             "FREQ=MONTHLY;COUNT=4", policy);
  add_event (s, 23, "On the 23rd", "2026-08-23T13:00", "2026-08-23T15:00", NULL,
             "FREQ=MONTHLY;COUNT=4", policy);
  return s;
}

static void
test_policy_september_run (void)
{
  static const struct
  {
    RkHolidayPolicy policy;
    const char *sep[3];     /* where 9/21, 9/22, 9/23 end up */
    const char *nov23;
  } cases[] = {
    /* past 国民の休日 and 秋分の日 to Thursday */
    { RK_POLICY_NEXT_DAY, { "2026-09-24", "2026-09-24", "2026-09-24" }, "2026-11-24" },
    /* back to Sunday 9/20, an ordinary day */
    { RK_POLICY_PREVIOUS_DAY, { "2026-09-20", "2026-09-20", "2026-09-20" }, "2026-11-22" },
    { RK_POLICY_KEEP, { "2026-09-21", "2026-09-22", "2026-09-23" }, "2026-11-23" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(RkSchedule) s = september_series (cases[c].policy);
      g_autoptr(GArray) occs = expand (s, "2026-08-01", "2026-11-30");
      gboolean moves = cases[c].policy != RK_POLICY_KEEP;

      g_assert_cmpuint (occs->len, ==, 12);
      for (int k = 0; k < 3; k++)
        {
          g_autofree char *orig = g_strdup_printf ("2026-09-%d", 21 + k);
          g_autofree char *start = g_strconcat (cases[c].sep[k], "T13:00", NULL);
          g_autofree char *end = g_strconcat (cases[c].sep[k], "T15:00", NULL);
          g_autofree char *oct = g_strdup_printf ("2026-10-%d", 21 + k);
          g_autofree char *oct_start = g_strconcat (oct, "T13:00", NULL);
          g_autofree char *oct_end = g_strconcat (oct, "T15:00", NULL);

          assert_occ_at (occs, 21 + k, orig, start, end, RK_OCC_SCHEDULED, moves,
                         moves ? "national holiday" : NULL);
          /* October has no holiday on those days: untouched */
          assert_occ_at (occs, 21 + k, oct, oct_start, oct_end, RK_OCC_SCHEDULED, FALSE, NULL);
        }
      {
        g_autofree char *start = g_strconcat (cases[c].nov23, "T13:00", NULL);
        g_autofree char *end = g_strconcat (cases[c].nov23, "T15:00", NULL);

        assert_occ_at (occs, 23, "2026-11-23", start, end, RK_OCC_SCHEDULED, moves,
                       moves ? "勤労感謝の日" : NULL);
      }
      assert_problems (s, occs, "2026-08-01", "2026-11-30", "2026-01-01", "");
    }

  /* the reasons name the holiday of the original date */
  {
    g_autoptr(RkSchedule) s = september_series (RK_POLICY_NEXT_DAY);
    g_autoptr(GArray) occs = expand (s, "2026-09-01", "2026-09-30");

    g_assert_nonnull (strstr (occ_by_orig (occs, 21, "2026-09-21")->reason, "敬老の日"));
    g_assert_nonnull (strstr (occ_by_orig (occs, 22, "2026-09-22")->reason, "国民の休日"));
    g_assert_nonnull (strstr (occ_by_orig (occs, 23, "2026-09-23")->reason, "秋分の日"));
  }

  /* and without a policy, one on_holiday each, nothing moved */
  {
    g_autoptr(RkSchedule) s = september_series (RK_POLICY_UNSET);
    g_autoptr(GArray) occs = expand (s, "2026-08-01", "2026-11-30");

    assert_problems (s, occs, "2026-08-01", "2026-11-30", "2026-01-01",
                     "2026-09-21 on_holiday [21]; 2026-09-22 on_holiday [22]; "
                     "2026-09-23 on_holiday [23]; 2026-11-23 on_holiday [23]");
  }
}

/* A range reaches occurrences moved into it from outside, and loses those
 * moved out of it. */
static void
test_policy_moves_across_range (void)
{
  g_autoptr(RkSchedule) s = september_series (RK_POLICY_NEXT_DAY);
  g_autoptr(GArray) on_21 = expand (s, "2026-09-21", "2026-09-23");
  g_autoptr(GArray) on_24 = expand (s, "2026-09-24", "2026-09-24");
  g_autoptr(RkSchedule) p = september_series (RK_POLICY_PREVIOUS_DAY);
  g_autoptr(GArray) aug = expand (p, "2026-08-01", "2026-08-31");
  g_autoptr(RkSchedule) k = september_series (RK_POLICY_SKIP);
  g_autoptr(GArray) skipped = expand (k, "2026-09-22", "2026-09-22");

  g_assert_cmpuint (on_21->len, ==, 0);
  g_assert_cmpuint (on_24->len, ==, 3);
  for (guint i = 0; i < on_24->len; i++)
    {
      const RkOcc *o = &g_array_index (on_24, RkOcc, i);

      g_assert_cmpuint (rk_minute_day (o->start), ==, D ("2026-09-24"));
      g_assert_cmpuint (o->orig_date, ==, D ("2026-09-21") + (RkDay) i);
      /* found by either date */
      g_assert_true (rk_occ_find (on_24, o->event->id, o->orig_date) == o);
      g_assert_true (rk_occ_find (on_24, o->event->id, D ("2026-09-24")) == o);
    }
  /* previous-day does not pull September into August */
  g_assert_cmpuint (aug->len, ==, 3);
  /* a skipped one stays on its own date */
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpint (g_array_index (skipped, RkOcc, 0).status, ==, RK_OCC_SKIPPED);
  g_assert_cmpint (g_array_index (skipped, RkOcc, 0).event->id, ==, 22);
}

/* ---- closing days ------------------------------------------------------- */

static void
test_closing_weekday_next_day (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Hall", 30);
  g_autoptr(GArray) occs = NULL;

  close_weekday (v, 2, "closed on Tuesdays");
  /* every Tuesday of the first half of 2026 */
  add_event (s, 1, "Tuesday class", "2026-01-06T10:00", "2026-01-06T12:00", r,
             "FREQ=WEEKLY;BYDAY=TU;COUNT=26", RK_POLICY_NEXT_DAY);
  /* the last one, 6/30, moves to 7/1 */
  occs = expand (s, "2026-01-01", "2026-06-30");
  g_assert_cmpuint (occs->len, ==, 25);
  g_array_unref (occs);
  occs = expand (s, "2026-01-01", "2026-07-31");
  g_assert_cmpuint (occs->len, ==, 26);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkDay day = rk_minute_day (o->start);
      char orig[11];

      rk_date_format_buf (o->orig_date, orig);
      g_assert_true (o->moved);
      g_assert_cmpint (o->status, ==, RK_OCC_SCHEDULED);
      g_assert_false (rk_venue_closed_on (v, day, NULL));
      g_assert_false (rk_is_holiday_day (day));
      /* Wednesday, unless it is a holiday: then Thursday */
      if (g_str_equal (orig, "2026-02-10") || g_str_equal (orig, "2026-04-28") ||
          g_str_equal (orig, "2026-05-05"))
        g_assert_cmpuint (day, ==, o->orig_date + 2);
      else
        g_assert_cmpuint (day, ==, o->orig_date + 1);
      if (g_str_equal (orig, "2026-05-05"))
        g_assert_nonnull (strstr (o->reason, "こどもの日"));
      else
        g_assert_nonnull (strstr (o->reason, "closed on Tuesdays"));
    }
  assert_problems (s, occs, "2026-01-01", "2026-07-31", "2025-01-01", "");

  /* the same series without a policy stays put: one hub_closed per
   * occurrence, and on_holiday on top for 5/5 */
  g_array_unref (g_steal_pointer (&occs));
  ((RkSEvent *) g_ptr_array_index (s->events, 0))->policy = RK_POLICY_UNSET;
  occs = expand (s, "2026-04-20", "2026-05-10");
  assert_problems (s, occs, "2026-04-20", "2026-05-10", "2025-01-01",
                   "2026-04-21 hub_closed [1]; 2026-04-28 hub_closed [1]; "
                   "2026-05-05 on_holiday [1]; 2026-05-05 hub_closed [1]");
}

static void
test_closing_yearly_across_year_end (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Hall", 30);
  RkSEvent *tue, *fri;
  g_autoptr(GArray) occs = NULL;

  close_yearly (v, 1229, 103, "New Year break");
  /* any year: the span wraps around 1 January */
  g_assert_true (rk_venue_closed_on (v, D ("2030-12-29"), NULL));
  g_assert_true (rk_venue_closed_on (v, D ("2031-01-03"), NULL));
  g_assert_false (rk_venue_closed_on (v, D ("2030-12-28"), NULL));
  g_assert_false (rk_venue_closed_on (v, D ("2031-01-04"), NULL));
  g_assert_false (rk_venue_closed_on (v, D ("2031-07-01"), NULL));

  tue = add_event (s, 1, "Tuesday class", "2026-12-01T10:00", "2026-12-01T11:00", r,
                   "FREQ=WEEKLY;COUNT=6", RK_POLICY_NEXT_DAY);
  fri = add_event (s, 2, "Friday class", "2026-12-04T14:00", "2026-12-04T15:00", r,
                   "FREQ=WEEKLY;COUNT=6", RK_POLICY_NEXT_DAY);
  occs = expand (s, "2026-12-01", "2027-01-31");
  g_assert_cmpuint (occs->len, ==, 12);
  /* Tuesday 12/29 → Monday 1/4, the first open day of 2027 */
  assert_occ_at (occs, 1, "2026-12-29", "2027-01-04T10:00", "2027-01-04T11:00",
                 RK_OCC_SCHEDULED, TRUE, "New Year break");
  assert_occ_at (occs, 1, "2026-12-22", "2026-12-22T10:00", "2026-12-22T11:00",
                 RK_OCC_SCHEDULED, FALSE, NULL);
  assert_occ_at (occs, 1, "2027-01-05", "2027-01-05T10:00", "2027-01-05T11:00",
                 RK_OCC_SCHEDULED, FALSE, NULL);
  /* Friday 1/1 (元日, and closed) → Monday 1/4 */
  assert_occ_at (occs, 2, "2027-01-01", "2027-01-04T14:00", "2027-01-04T15:00",
                 RK_OCC_SCHEDULED, TRUE, "元日");
  assert_problems (s, occs, "2026-12-01", "2027-01-31", "2026-01-01", "");

  /* previous-day: back into the old year */
  tue->policy = fri->policy = RK_POLICY_PREVIOUS_DAY;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-12-01", "2027-01-31");
  assert_occ_at (occs, 1, "2026-12-29", "2026-12-28T10:00", "2026-12-28T11:00",
                 RK_OCC_SCHEDULED, TRUE, "New Year break");
  assert_occ_at (occs, 2, "2027-01-01", "2026-12-28T14:00", "2026-12-28T15:00",
                 RK_OCC_SCHEDULED, TRUE, "元日");

  /* skip */
  tue->policy = fri->policy = RK_POLICY_SKIP;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-12-01", "2027-01-31");
  assert_occ_at (occs, 1, "2026-12-29", "2026-12-29T10:00", "2026-12-29T11:00",
                 RK_OCC_SKIPPED, FALSE, "New Year break");
  assert_occ_at (occs, 2, "2027-01-01", "2027-01-01T14:00", "2027-01-01T15:00",
                 RK_OCC_SKIPPED, FALSE, "元日");
  assert_problems (s, occs, "2026-12-01", "2027-01-31", "2026-01-01", "");

  /* no policy: hub_closed on both, on_holiday on New Year's Day */
  tue->policy = fri->policy = RK_POLICY_UNSET;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-12-01", "2027-01-31");
  assert_problems (s, occs, "2026-12-01", "2027-01-31", "2026-01-01",
                   "2026-12-29 hub_closed [1]; 2027-01-01 on_holiday [2]; "
                   "2027-01-01 hub_closed [2]");
}

static void
test_closing_range_and_date (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Hall", 30);
  RkSEvent *e;
  g_autoptr(GArray) occs = NULL;

  close_range (v, RK_CLOSING_RANGE, "2026-08-10", "2026-08-16", "summer break");
  close_range (v, RK_CLOSING_DATE, "2026-08-26", "2026-08-26", "floor waxing");
  e = add_event (s, 1, "Wednesday class", "2026-08-05T10:00", "2026-08-05T11:00", r,
                 "FREQ=WEEKLY;COUNT=4", RK_POLICY_SKIP);
  occs = expand (s, "2026-08-01", "2026-08-31");
  g_assert_cmpuint (occs->len, ==, 4);
  assert_occ_at (occs, 1, "2026-08-05", "2026-08-05T10:00", "2026-08-05T11:00",
                 RK_OCC_SCHEDULED, FALSE, NULL);
  assert_occ_at (occs, 1, "2026-08-12", "2026-08-12T10:00", "2026-08-12T11:00",
                 RK_OCC_SKIPPED, FALSE, "summer break");
  assert_occ_at (occs, 1, "2026-08-19", "2026-08-19T10:00", "2026-08-19T11:00",
                 RK_OCC_SCHEDULED, FALSE, NULL);
  assert_occ_at (occs, 1, "2026-08-26", "2026-08-26T10:00", "2026-08-26T11:00",
                 RK_OCC_SKIPPED, FALSE, "floor waxing");
  assert_problems (s, occs, "2026-08-01", "2026-08-31", "2026-01-01", "");

  /* next-day leaves the whole range behind */
  e->policy = RK_POLICY_NEXT_DAY;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-08-01", "2026-08-31");
  assert_occ_at (occs, 1, "2026-08-12", "2026-08-17T10:00", "2026-08-17T11:00",
                 RK_OCC_SCHEDULED, TRUE, "summer break");
  assert_occ_at (occs, 1, "2026-08-26", "2026-08-27T10:00", "2026-08-27T11:00",
                 RK_OCC_SCHEDULED, TRUE, "floor waxing");
  e->policy = RK_POLICY_PREVIOUS_DAY;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-08-01", "2026-08-31");
  /* 8/11 is 山の日 as well: back to Sunday 8/9 */
  assert_occ_at (occs, 1, "2026-08-12", "2026-08-09T10:00", "2026-08-09T11:00",
                 RK_OCC_SCHEDULED, TRUE, "summer break");
}

/* A venue closed on national holidays: the holiday is both an on_holiday
 * question and a hub_closed problem until a policy settles it. */
static void
test_closed_on_holidays (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Hall", 30);
  RkSEvent *e;
  g_autoptr(GArray) occs = NULL;

  v->closed_on_holidays = TRUE;
  e = add_event (s, 1, "Culture day talk", "2026-11-03T10:00", "2026-11-03T11:00", r, NULL,
                 RK_POLICY_UNSET);
  occs = expand (s, "2026-11-01", "2026-11-30");
  assert_problems (s, occs, "2026-11-01", "2026-11-30", "2026-01-01",
                   "2026-11-03 on_holiday [1]; 2026-11-03 hub_closed [1]");
  /* keep answers the holiday question, but the hub is still shut */
  e->policy = RK_POLICY_KEEP;
  assert_problems (s, occs, "2026-11-01", "2026-11-30", "2026-01-01",
                   "2026-11-03 hub_closed [1]");
  e->policy = RK_POLICY_NEXT_DAY;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-11-01", "2026-11-30");
  assert_occ_at (occs, 1, "2026-11-03", "2026-11-04T10:00", "2026-11-04T11:00",
                 RK_OCC_SCHEDULED, TRUE, "文化の日");
  assert_problems (s, occs, "2026-11-01", "2026-11-30", "2026-01-01", "");
}

/* ---- exceptions --------------------------------------------------------- */

static RkSchedule *
wednesday_series (void)
{
  RkSchedule *s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Hall", 30);
  RkSEvent *e;

  add_staff (s, 1, "Sato", RK_ROLE_PUBLIC_HEALTH_NURSE);
  add_staff (s, 2, "Suzuki", RK_ROLE_MIDWIFE);
  /* 6/3 .. 7/22, eight Wednesdays */
  e = add_event (s, 1, "Weigh-in", "2026-06-03T10:00", "2026-06-03T11:30", r,
                 "FREQ=WEEKLY;BYDAY=WE;COUNT=8", RK_POLICY_NEXT_DAY);
  add_assign (e, 1, NULL, FALSE);
  return s;
}

static void
test_exceptions_survive (void)
{
  g_autoptr(RkSchedule) s = wednesday_series ();
  RkSEvent *e = g_ptr_array_index (s->events, 0);
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const char * const untouched[] = { "2026-06-03", "2026-07-08", "2026-07-15",
                                            "2026-07-22" };

  add_exception (e, "2026-06-10", RK_EXCEPTION_CANCELLED, NULL, NULL, NULL);
  add_exception (e, "2026-06-17", RK_EXCEPTION_MOVED, "2026-06-18T14:00", "2026-06-18T15:30",
                 NULL);
  /* a hand move wins over the policy, even onto a holiday (海の日) */
  add_exception (e, "2026-07-01", RK_EXCEPTION_MOVED, "2026-07-20T10:00", "2026-07-20T11:30",
                 "hall booked by the city");
  add_assign (e, 2, "2026-06-24", FALSE);     /* this date only */
  add_assign (e, 1, "2026-07-15", TRUE);      /* taken off one date */

  occs = expand (s, "2026-06-01", "2026-07-31");
  g_assert_cmpuint (occs->len, ==, 8);
  assert_occ_at (occs, 1, "2026-06-10", "2026-06-10T10:00", "2026-06-10T11:30",
                 RK_OCC_CANCELLED, FALSE, "cancelled");
  assert_occ_at (occs, 1, "2026-06-17", "2026-06-18T14:00", "2026-06-18T15:30",
                 RK_OCC_SCHEDULED, TRUE, "moved by hand");
  assert_occ_at (occs, 1, "2026-07-01", "2026-07-20T10:00", "2026-07-20T11:30",
                 RK_OCC_SCHEDULED, TRUE, "hall booked by the city");
  assert_occ_at (occs, 1, "2026-06-24", "2026-06-24T10:00", "2026-06-24T11:30",
                 RK_OCC_SCHEDULED, FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (untouched); i++)
    {
      g_autofree char *a = g_strconcat (untouched[i], "T10:00", NULL);
      g_autofree char *z = g_strconcat (untouched[i], "T11:30", NULL);

      assert_occ_at (occs, 1, untouched[i], a, z, RK_OCC_SCHEDULED, FALSE, NULL);
    }
  /* the cancelled one is listed on its own date, the moved ones on theirs */
  g_assert_cmpuint (rk_occ_day (occ_by_orig (occs, 1, "2026-06-10")), ==, D ("2026-06-10"));
  g_assert_cmpuint (rk_occ_day (occ_by_orig (occs, 1, "2026-06-17")), ==, D ("2026-06-18"));

  /* staff: the series' person everywhere but 7/15, Suzuki on 6/24 only */
  rk_occ_staff (occ_by_orig (occs, 1, "2026-06-03"), staff);
  g_assert_cmpuint (staff->len, ==, 1);
  g_assert_cmpint (g_array_index (staff, gint64, 0), ==, 1);
  rk_occ_staff (occ_by_orig (occs, 1, "2026-06-24"), staff);
  g_assert_cmpuint (staff->len, ==, 2);
  g_assert_cmpint (g_array_index (staff, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (staff, gint64, 1), ==, 2);
  rk_occ_staff (occ_by_orig (occs, 1, "2026-07-15"), staff);
  g_assert_cmpuint (staff->len, ==, 0);
  rk_occ_staff (occ_by_orig (occs, 1, "2026-07-22"), staff);
  g_assert_cmpuint (staff->len, ==, 1);
  /* the moved one keeps its people */
  rk_occ_staff (occ_by_orig (occs, 1, "2026-06-17"), staff);
  g_assert_cmpuint (staff->len, ==, 1);

  /* no policy reached the hand-moved holiday: the coordinator chose it, but
   * the event has a policy, so no on_holiday either */
  assert_problems (s, occs, "2026-06-01", "2026-07-31", "2026-01-01", "");
}

static void
test_exception_moved_far (void)
{
  g_autoptr(RkSchedule) s = wednesday_series ();
  RkSEvent *e = g_ptr_array_index (s->events, 0);
  g_autoptr(GArray) june = NULL;
  g_autoptr(GArray) sept = NULL;
  g_autoptr(GArray) back = NULL;

  /* three months later, and from September back to June */
  add_exception (e, "2026-06-03", RK_EXCEPTION_MOVED, "2026-09-02T10:00", "2026-09-02T11:30",
                 NULL);
  june = expand (s, "2026-06-01", "2026-06-30");
  g_assert_null (occ_by_orig (june, 1, "2026-06-03"));
  g_assert_cmpuint (june->len, ==, 3);
  sept = expand (s, "2026-09-01", "2026-09-30");
  g_assert_cmpuint (sept->len, ==, 1);
  assert_occ_at (sept, 1, "2026-06-03", "2026-09-02T10:00", "2026-09-02T11:30",
                 RK_OCC_SCHEDULED, TRUE, NULL);
  g_assert_true (rk_occ_find (sept, 1, D ("2026-06-03")) != NULL);
  g_assert_true (rk_occ_find (sept, 1, D ("2026-09-02")) != NULL);
  /* its staff came along */
  {
    g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));

    rk_occ_staff (&g_array_index (sept, RkOcc, 0), staff);
    g_assert_cmpuint (staff->len, ==, 1);
  }
  /* and it does not appear twice in a range holding both dates */
  back = expand (s, "2026-06-01", "2026-09-30");
  g_assert_cmpuint (count_event (back, 1), ==, 8);
}

/* The closed days worked out for a range say what rk_venue_closed_on()
 * says, with the same reason, for every day in it and around it: each kind
 * of closing (a yearly one across the year's end too), national holidays,
 * two venues of the same id from two schedules, and a venue whose closings
 * changed once a new index is made. */
static void
assert_closed_days_same (RkClosedDays *closed, RkSVenue *v, RkDay from, RkDay to,
                         guint *n_closed)
{
  for (RkDay day = from; day <= to; day++)
    {
      const char *a = NULL, *b = NULL;
      gboolean x = rk_venue_closed_on (v, day, &a);
      gboolean y = rk_closed_days_test (closed, v, day, &b);

      g_assert_cmpint (x, ==, y);
      g_assert_cmpstr (a, ==, b);
      *n_closed += x;
    }
}

static void
test_closed_days_same (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  g_autoptr(RkSchedule) t = rk_schedule_new ();
  RkSVenue *hub = add_venue (s, 3, "Hub");
  RkSVenue *plain = add_venue (s, 4, "Plain");
  RkSVenue *twin = add_venue (t, 3, "Other hub");
  RkSVenue *big = add_venue (s, 1000000, "Far id");
  RkDay from = D ("2026-12-01"), to = D ("2027-05-31");
  guint n_closed = 0, n_twin = 0, n_plain = 0;

  close_weekday (hub, 1, "Mondays");
  close_range (hub, RK_CLOSING_RANGE, "2026-11-20", "2026-12-03", "repairs");
  close_range (hub, RK_CLOSING_DATE, "2027-02-14", "2027-02-14", "floor waxing");
  close_yearly (hub, 1229, 103, "year end");
  close_yearly (hub, 501, 505, "");
  hub->closed_on_holidays = TRUE;
  close_yearly (twin, 301, 331, "March");
  close_range (big, RK_CLOSING_RANGE, "2027-05-20", "2027-06-30", "moving");
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(RkClosedDays) closed = rk_closed_days_new (from, to);

      n_closed = n_twin = n_plain = 0;
      /* Twice over, asked in turn: the second time from the index. */
      for (int round = 0; round < 2; round++)
        {
          assert_closed_days_same (closed, hub, from - 40, to + 40, &n_closed);
          assert_closed_days_same (closed, twin, from - 40, to + 40, &n_twin);
          assert_closed_days_same (closed, plain, from, to, &n_plain);
          assert_closed_days_same (closed, big, from, to + 10, &n_plain);
        }
      g_assert_false (rk_closed_days_test (closed, NULL, from, NULL));
      if (pass == 0)
        {
          g_assert_cmpuint (n_twin, ==, 2 * 31);
          /* A venue's closings change: a new index sees it. */
          close_weekday (plain, 3, "Wednesdays");
        }
    }
  g_assert_cmpuint (n_closed, >, 2 * 60);
  g_assert_cmpuint (n_plain, >, 2 * 30);
  /* A range too long to index still answers, day by day. */
  {
    g_autoptr(RkClosedDays) closed = rk_closed_days_new (D ("2020-01-01"), D ("2030-12-31"));
    guint n = 0;

    assert_closed_days_same (closed, hub, D ("2026-12-25"), D ("2027-01-10"), &n);
    g_assert_cmpuint (n, ==, 8);   /* 12/29–1/3, two Mondays */
  }
}

/* The people of an occurrence through the index rk_check() uses for a
 * long series (one-day stand-ins, people taken off a date, the same person
 * twice) are those rk_occ_staff() reads, in the same order; an index made
 * after the rows change gives the new people, and so does the check. */
static guint
clashes_on (GPtrArray *problems, const char *date)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);

      n += g_strcmp0 (rk_problem_get_kind (p), "staff_double_booked") == 0 &&
           g_strcmp0 (rk_problem_get_date (p), date) == 0;
    }
  return n;
}

static void
test_staff_index_same_people (void)
{
  g_autoptr(RkSchedule) s = wednesday_series ();
  RkSEvent *e = g_ptr_array_index (s->events, 0);
  RkSEvent *other;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (gint64));
  GRand *rand = g_rand_new_with_seed (17);
  static const char * const dates[] = { "2026-06-03", "2026-06-10", "2026-06-17", "2026-06-24",
                                        "2026-07-01", "2026-07-08", "2026-07-15", "2026-07-22",
                                        "2026-07-29" };
  guint on_24th = 0;

  for (gint64 id = 3; id <= 9; id++)
    add_staff (s, id, "Stand-in", id % 2 ? RK_ROLE_HUB_STAFF : RK_ROLE_MIDWIFE);
  add_assign (e, 2, NULL, FALSE);
  /* Rows in no order, as added by hand over a year. */
  for (int i = 0; i < 60; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, 10);
      gboolean series = g_rand_int_range (rand, 0, 5) == 0;
      const char *date = dates[g_rand_int_range (rand, 0, 9)];

      add_assign (e, id, series ? NULL : date, !series && g_rand_int_range (rand, 0, 4) == 0);
    }
  g_rand_free (rand);
  g_assert_cmpuint (e->assigns->len, >=, 16);   /* past the index's minimum */
  /* Everyone at a meeting on 6/24 at the same time. */
  other = add_event (s, 2, "Meeting", "2026-06-24T10:00", "2026-06-24T11:00", NULL, NULL,
                     RK_POLICY_KEEP);
  for (gint64 id = 1; id <= 9; id++)
    add_assign (other, id, NULL, FALSE);

  occs = expand (s, "2026-06-01", "2026-07-31");
  g_assert_cmpuint (occs->len, ==, 9);
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(RkOccStaffIndex) index = rk_occ_staff_index_new ();
      g_autoptr(GPtrArray) problems = NULL;

      /* Twice each, the second from the index already made. */
      for (guint round = 0; round < 2; round++)
        for (guint i = 0; i < occs->len; i++)
          {
            const RkOcc *o = &g_array_index (occs, RkOcc, i);

            rk_occ_staff (o, a);
            rk_occ_staff_indexed (index, o, b);
            g_assert_cmpuint (a->len, ==, b->len);
            for (guint k = 0; k < a->len; k++)
              g_assert_cmpint (g_array_index (a, gint64, k), ==, g_array_index (b, gint64, k));
          }
      rk_occ_staff (occ_by_orig (occs, 1, "2026-06-24"), a);
      problems = check (s, occs, "2026-06-01", "2026-07-31", "2026-06-01");
      /* Each person of the series on 6/24 is double-booked. */
      g_assert_cmpuint (clashes_on (problems, "2026-06-24"), ==, a->len);
      if (pass == 0)
        {
          on_24th = a->len;
          /* Everyone taken off 6/24. */
          for (gint64 id = 1; id <= 9; id++)
            add_assign (e, id, "2026-06-24", TRUE);
        }
    }
  /* Only those added for 6/24 itself are left: a row taking a person off
   * a date takes off the series' row, not one added for that date. */
  g_assert_cmpuint (on_24th, >, a->len);
  for (guint k = 0; k < a->len; k++)
    {
      gboolean added = FALSE;

      for (guint i = 0; i < e->assigns->len; i++)
        {
          const RkSAssign *x = &g_array_index (e->assigns, RkSAssign, i);

          added = added || (x->staff_id == g_array_index (a, gint64, k) && !x->excluded &&
                            x->occ_date == D ("2026-06-24"));
        }
      g_assert_true (added);
    }
}

/* A whole-event cancel or tentative flag reaches every occurrence; a
 * per-date cancel only one. */
static void
test_event_flags (void)
{
  g_autoptr(RkSchedule) s = wednesday_series ();
  RkSEvent *e = g_ptr_array_index (s->events, 0);
  g_autoptr(GArray) occs = NULL;

  e->tentative = TRUE;
  add_exception (e, "2026-06-10", RK_EXCEPTION_CANCELLED, NULL, NULL, "speaker ill");
  occs = expand (s, "2026-06-01", "2026-07-31");
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);

      if (o->orig_date == D ("2026-06-10"))
        {
          g_assert_cmpint (o->status, ==, RK_OCC_CANCELLED);
          g_assert_cmpstr (o->reason, ==, "speaker ill");
        }
      else
        g_assert_cmpint (o->status, ==, RK_OCC_TENTATIVE);
    }
  e->cancelled = TRUE;
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-06-01", "2026-07-31");
  g_assert_cmpuint (occs->len, ==, 8);
  for (guint i = 0; i < occs->len; i++)
    g_assert_cmpint (g_array_index (occs, RkOcc, i).status, ==, RK_OCC_CANCELLED);
  /* a cancelled event has nothing to check, however tentative */
  assert_problems (s, occs, "2026-06-01", "2026-07-31", "2026-06-01", "");
}

/* ---- checks ------------------------------------------------------------- */

/* Two venues, a nurse on a morning at A and an event at B. */
static RkSchedule *
travel_schedule (const char *b_start, const char *b_end, gint64 b_venue)
{
  RkSchedule *s = rk_schedule_new ();
  RkSVenue *a = add_venue (s, 1, "Hub A");
  RkSVenue *b = add_venue (s, 2, "Hub B");
  RkSRoom *ra = add_room (s, 1, a, "A1", 20);
  RkSRoom *ra2 = add_room (s, 2, a, "A2", 20);
  RkSRoom *rb = add_room (s, 3, b, "B1", 20);
  RkSEvent *e;

  add_staff (s, 7, "Tanaka", RK_ROLE_PUBLIC_HEALTH_NURSE);
  e = add_event (s, 1, "Morning", "2026-06-10T10:00", "2026-06-10T12:00", ra, NULL,
                 RK_POLICY_UNSET);
  add_assign (e, 7, NULL, FALSE);
  e = add_event (s, 2, "Afternoon", b_start, b_end, b_venue == 1 ? ra2 : rb, NULL,
                 RK_POLICY_UNSET);
  add_assign (e, 7, NULL, FALSE);
  return s;
}

static void
test_check_travel_gap (void)
{
  static const struct
  {
    const char *start, *end;
    gint64 venue;
    int gap;
    gboolean clash;
  } cases[] = {
    { "2026-06-10T12:00", "2026-06-10T13:00", 2, 30, TRUE },   /* touching, other hub */
    { "2026-06-10T12:29", "2026-06-10T13:00", 2, 30, TRUE },
    { "2026-06-10T12:30", "2026-06-10T13:00", 2, 30, FALSE },  /* exactly the gap */
    { "2026-06-10T12:00", "2026-06-10T13:00", 1, 30, FALSE },  /* same hub, back to back */
    { "2026-06-10T11:59", "2026-06-10T13:00", 1, 30, TRUE },   /* same hub, overlapping */
    { "2026-06-10T12:00", "2026-06-10T13:00", 2, 0, FALSE },   /* no gap set */
    { "2026-06-10T12:40", "2026-06-10T13:00", 2, 45, TRUE },   /* a longer gap */
    { "2026-06-10T08:00", "2026-06-10T09:45", 2, 30, TRUE },   /* before, too */
    { "2026-06-10T08:00", "2026-06-10T09:30", 2, 30, FALSE },
    { "2026-06-10T09:00", "2026-06-10T13:00", 2, 30, TRUE },   /* around it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RkSchedule) s = travel_schedule (cases[i].start, cases[i].end, cases[i].venue);
      g_autoptr(GArray) occs = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *text = NULL;
      gboolean free_b;

      s->travel_gap = cases[i].gap;
      occs = expand (s, "2026-06-01", "2026-06-30");
      problems = check (s, occs, "2026-06-01", "2026-06-30", "2026-01-01");
      text = problems_text (problems);
      if (cases[i].clash)
        {
          /* one problem for the pair, earlier event first */
          if (T (cases[i].start) < T ("2026-06-10T10:00"))
            g_assert_cmpstr (text, ==, "2026-06-10 staff_double_booked [2,1] s=7");
          else
            g_assert_cmpstr (text, ==, "2026-06-10 staff_double_booked [1,2] s=7");
        }
      else
        g_assert_cmpstr (text, ==, "");

      /* and the free/busy test behind suggest agrees */
      free_b = rk_staff_is_free (s, occs, 7, T (cases[i].start), T (cases[i].end),
                                 cases[i].venue, occ_by_orig (occs, 2, "2026-06-10"));
      g_assert_cmpint (free_b, ==, !cases[i].clash);
    }
}

static void
test_check_each_kind (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *small = add_room (s, 1, v, "Small", 8);
  RkSRoom *big = add_room (s, 2, v, "Big", 40);
  RkSProgram *p = add_program (s, 1, "Parents' class");
  RkSEvent *e1, *e2, *e3;
  g_autoptr(GArray) occs = NULL;

  p->required[RK_ROLE_MIDWIFE] = 1;
  p->required[RK_ROLE_HUB_STAFF] = 2;
  add_staff (s, 1, "Hub One", RK_ROLE_HUB_STAFF);
  add_staff (s, 2, "Hub Two", RK_ROLE_HUB_STAFF);
  add_staff (s, 3, "Midwife", RK_ROLE_MIDWIFE);
  add_equipment (s, 1, "Baby scale");

  e1 = add_event (s, 1, NULL, "2026-07-05T10:00", "2026-07-05T12:00", small, NULL,
                  RK_POLICY_UNSET);
  e1->program = p;
  g_assert_cmpstr (rk_sevent_title (e1), ==, "Parents' class");
  add_assign (e1, 1, NULL, FALSE);
  add_assign (e1, 3, NULL, FALSE);
  e2 = add_event (s, 2, "Drop-in", "2026-07-05T11:00", "2026-07-05T13:00", small, NULL,
                  RK_POLICY_UNSET);
  add_equipment_use (e1, 1);
  add_equipment_use (e2, 1);
  e3 = add_event (s, 3, "Talk", "2026-07-06T10:00", "2026-07-06T11:00", big, NULL,
                  RK_POLICY_UNSET);
  e3->capacity = 50;
  e3->tentative = TRUE;
  add_assign (e3, 2, NULL, FALSE);
  add_unavailable (s, 2, "2026-07-06T09:00", "2026-07-06T10:30", "training");

  occs = expand (s, "2026-07-01", "2026-07-31");
  assert_problems (s, occs, "2026-07-01", "2026-07-31", "2026-07-01",
                   "2026-07-05 room_double_booked [1,2] r=1; "
                   "2026-07-05 equipment_double_booked [1,2] q=1; "
                   "2026-07-05 understaffed [1] hub_staff 1/2; "
                   "2026-07-06 staff_unavailable [3] s=2; "
                   "2026-07-06 over_capacity [3] r=2; "
                   "2026-07-06 unconfirmed [3]");
  /* unconfirmed only within tentative_days of today */
  assert_problems (s, occs, "2026-07-06", "2026-07-06", "2026-06-21",
                   "2026-07-06 staff_unavailable [3] s=2; "
                   "2026-07-06 over_capacity [3] r=2");
  assert_problems (s, occs, "2026-07-06", "2026-07-06", "2026-06-22",
                   "2026-07-06 staff_unavailable [3] s=2; "
                   "2026-07-06 over_capacity [3] r=2; 2026-07-06 unconfirmed [3]");
  /* nor once it is past */
  assert_problems (s, occs, "2026-07-06", "2026-07-06", "2026-07-07",
                   "2026-07-06 staff_unavailable [3] s=2; "
                   "2026-07-06 over_capacity [3] r=2");

  /* the fixes */
  e2->room = big;
  g_array_set_size (e2->equipment, 0);
  add_assign (e1, 2, NULL, FALSE);
  e3->capacity = 40;
  e3->tentative = FALSE;
  g_array_index (s->unavailable, RkSUnavailable, 0).end = T ("2026-07-06T10:00");
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-07-01", "2026-07-31");
  assert_problems (s, occs, "2026-07-01", "2026-07-31", "2026-07-01", "");
}

/* Cancelled and skipped occurrences and inactive people are not there;
 * moved occurrences are where they moved to. */
static void
test_check_what_counts (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *v = add_venue (s, 1, "Hub");
  RkSRoom *r = add_room (s, 1, v, "Hall", 20);
  RkSStaff *st;
  RkSEvent *series, *single;
  g_autoptr(GArray) occs = NULL;

  st = add_staff (s, 1, "Ito", RK_ROLE_NUTRITIONIST);
  /* Thursdays 10:00, and a one-off each Thursday it clashes with */
  series = add_event (s, 1, "Series", "2026-10-01T10:00", "2026-10-01T11:00", r,
                      "FREQ=WEEKLY;COUNT=5", RK_POLICY_UNSET);
  add_assign (series, 1, NULL, FALSE);
  single = add_event (s, 2, "One-off", "2026-10-08T10:30", "2026-10-08T11:30", r, NULL,
                      RK_POLICY_UNSET);
  add_assign (single, 1, NULL, FALSE);
  occs = expand (s, "2026-10-01", "2026-10-31");
  assert_problems (s, occs, "2026-10-01", "2026-10-31", "2026-01-01",
                   "2026-10-08 staff_double_booked [1,2] s=1; "
                   "2026-10-08 room_double_booked [1,2] r=1");

  /* inactive: no staff problem, the room still clashes */
  st->active = FALSE;
  assert_problems (s, occs, "2026-10-01", "2026-10-31", "2026-01-01",
                   "2026-10-08 room_double_booked [1,2] r=1");
  st->active = TRUE;

  /* cancelled: nothing */
  add_exception (series, "2026-10-08", RK_EXCEPTION_CANCELLED, NULL, NULL, NULL);
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-10-01", "2026-10-31");
  assert_problems (s, occs, "2026-10-01", "2026-10-31", "2026-01-01", "");

  /* moved away from the clash: nothing; moved onto another week's slot:
   * a clash there, on the new date (two occurrences of one event: its id
   * once) */
  g_array_set_size (series->exceptions, 0);
  add_exception (series, "2026-10-08", RK_EXCEPTION_MOVED, "2026-10-08T14:00",
                 "2026-10-08T15:00", NULL);
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-10-01", "2026-10-31");
  assert_problems (s, occs, "2026-10-01", "2026-10-31", "2026-01-01", "");
  g_array_set_size (series->exceptions, 0);
  add_exception (series, "2026-10-08", RK_EXCEPTION_MOVED, "2026-10-15T10:30",
                 "2026-10-15T11:30", NULL);
  single->start = T ("2026-10-07T10:30");
  single->end = T ("2026-10-07T11:30");
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-10-01", "2026-10-31");
  assert_problems (s, occs, "2026-10-01", "2026-10-31", "2026-01-01",
                   "2026-10-15 staff_double_booked [1] s=1; "
                   "2026-10-15 room_double_booked [1] r=1");

  /* a skipped occurrence is not there either */
  g_array_set_size (series->exceptions, 0);
  add_exception (series, "2026-10-15", RK_EXCEPTION_SKIPPED, NULL, NULL, "autumn fair");
  single->start = T ("2026-10-15T10:00");
  single->end = T ("2026-10-15T11:00");
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-10-01", "2026-10-31");
  assert_occ_at (occs, 1, "2026-10-15", "2026-10-15T10:00", "2026-10-15T11:00",
                 RK_OCC_SKIPPED, FALSE, "autumn fair");
  assert_problems (s, occs, "2026-10-01", "2026-10-31", "2026-01-01", "");
}

/* Per-occurrence staff: a clash only on the date someone is on both. */
static void
test_check_per_occurrence_staff (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *a = add_venue (s, 1, "Hub A");
  RkSVenue *b = add_venue (s, 2, "Hub B");
  RkSEvent *x, *y;
  g_autoptr(GArray) occs = NULL;

  add_staff (s, 1, "Kato", RK_ROLE_MIDWIFE);
  x = add_event (s, 1, "A weekly", "2026-06-01T10:00", "2026-06-01T12:00",
                 add_room (s, 1, a, "A1", 10), "FREQ=WEEKLY;COUNT=4", RK_POLICY_UNSET);
  y = add_event (s, 2, "B weekly", "2026-06-01T12:15", "2026-06-01T13:00",
                 add_room (s, 2, b, "B1", 10), "FREQ=WEEKLY;COUNT=4", RK_POLICY_UNSET);
  add_assign (x, 1, NULL, FALSE);
  add_assign (y, 1, "2026-06-15", FALSE);
  add_assign (y, 1, "2026-06-22", FALSE);
  add_assign (x, 1, "2026-06-22", TRUE);
  occs = expand (s, "2026-06-01", "2026-06-30");
  assert_problems (s, occs, "2026-06-01", "2026-06-30", "2026-01-01",
                   "2026-06-15 staff_double_booked [1,2] s=1");
}

/* ---- suggest ------------------------------------------------------------ */

static void
test_suggest (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSVenue *a = add_venue (s, 1, "Hub A");
  RkSVenue *b = add_venue (s, 2, "Hub B");
  RkSRoom *ra = add_room (s, 1, a, "A1", 20);
  RkSRoom *rb = add_room (s, 2, b, "B1", 20);
  RkSProgram *p = add_program (s, 1, "Health consultation");
  RkSEvent *target, *e;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) out = NULL;
  const RkOcc *occ;
  RkSStaff *inactive;

  p->required[RK_ROLE_PUBLIC_HEALTH_NURSE] = 1;
  p->required[RK_ROLE_MIDWIFE] = 1;
  p->required[RK_ROLE_HUB_STAFF] = 1;
  add_staff (s, 1, "N busy", RK_ROLE_PUBLIC_HEALTH_NURSE);
  add_staff (s, 2, "N away", RK_ROLE_PUBLIC_HEALTH_NURSE);
  inactive = add_staff (s, 3, "N retired", RK_ROLE_PUBLIC_HEALTH_NURSE);
  add_staff (s, 4, "N two jobs", RK_ROLE_PUBLIC_HEALTH_NURSE);
  add_staff (s, 5, "N free", RK_ROLE_PUBLIC_HEALTH_NURSE);
  add_staff (s, 6, "N travelling", RK_ROLE_PUBLIC_HEALTH_NURSE);
  add_staff (s, 7, "M on it", RK_ROLE_MIDWIFE);
  add_staff (s, 8, "M free", RK_ROLE_MIDWIFE);
  add_staff (s, 9, "H next door", RK_ROLE_HUB_STAFF);
  add_staff (s, 10, "Nutritionist", RK_ROLE_NUTRITIONIST);
  inactive->active = FALSE;

  target = add_event (s, 1, NULL, "2026-06-10T10:00", "2026-06-10T12:00", ra, NULL,
                      RK_POLICY_UNSET);
  target->program = p;
  add_assign (target, 7, NULL, FALSE);
  /* overlapping elsewhere */
  e = add_event (s, 2, "Other", "2026-06-10T11:00", "2026-06-10T13:00", rb, NULL,
                 RK_POLICY_UNSET);
  add_assign (e, 1, NULL, FALSE);
  add_unavailable (s, 2, "2026-06-10T08:00", "2026-06-10T10:30", "dentist");
  /* two other jobs this month, none clashing */
  e = add_event (s, 3, "Weekly", "2026-06-01T10:00", "2026-06-01T11:00", rb,
                 "FREQ=WEEKLY;COUNT=2", RK_POLICY_UNSET);
  add_assign (e, 4, NULL, FALSE);
  /* ... and one in July, which does not count */
  e = add_event (s, 4, "July", "2026-07-01T10:00", "2026-07-01T11:00", rb, NULL,
                 RK_POLICY_UNSET);
  add_assign (e, 4, NULL, FALSE);
  add_assign (e, 9, NULL, FALSE);
  /* ends where the target starts, at another hub */
  e = add_event (s, 5, "Early", "2026-06-10T08:30", "2026-06-10T10:00", rb, NULL,
                 RK_POLICY_UNSET);
  add_assign (e, 6, NULL, FALSE);
  /* ends where the target starts, in the same hub: fine */
  e = add_event (s, 6, "Next door", "2026-06-10T09:00", "2026-06-10T10:00",
                 add_room (s, 3, a, "A2", 10), NULL, RK_POLICY_UNSET);
  add_assign (e, 9, NULL, FALSE);
  /* a cancelled occurrence does not make anyone busy or count */
  e = add_event (s, 7, "Called off", "2026-06-10T10:00", "2026-06-10T12:00", rb, NULL,
                 RK_POLICY_UNSET);
  e->cancelled = TRUE;
  add_assign (e, 5, NULL, FALSE);

  occs = expand (s, "2026-05-10", "2026-07-11");
  occ = rk_occ_find (occs, 1, D ("2026-06-10"));
  g_assert_nonnull (occ);

  /* nurse and hub staff still needed; midwife is covered */
  out = rk_suggest (s, occs, occ, -1);
  g_assert_cmpuint (out->len, ==, 3);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 0).staff_id, ==, 5);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 0).assignments_this_month, ==, 0);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 1).staff_id, ==, 9);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 1).role, ==, RK_ROLE_HUB_STAFF);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 1).assignments_this_month, ==, 1);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 2).staff_id, ==, 4);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 2).assignments_this_month, ==, 2);
  g_array_unref (g_steal_pointer (&out));

  /* --role: only that role, even one the event does not ask for */
  out = rk_suggest (s, occs, occ, RK_ROLE_MIDWIFE);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 0).staff_id, ==, 8);
  g_array_unref (g_steal_pointer (&out));
  out = rk_suggest (s, occs, occ, RK_ROLE_NUTRITIONIST);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 0).staff_id, ==, 10);
  g_array_unref (g_steal_pointer (&out));

  /* with a gap of 0 the traveller is free too */
  s->travel_gap = 0;
  out = rk_suggest (s, occs, occ, RK_ROLE_PUBLIC_HEALTH_NURSE);
  g_assert_cmpuint (out->len, ==, 3);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 0).staff_id, ==, 5);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 1).staff_id, ==, 6);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 1).assignments_this_month, ==, 1);
  g_assert_cmpint (g_array_index (out, RkSuggestion, 2).staff_id, ==, 4);
}

/* ---- a larger set ------------------------------------------------------- */

typedef struct
{
  gint64 a, b, key;
  RkDay  day;
} Pair;

/* The reference answer, by comparing every pair: the sweep must find the
 * same clashes however the slots interleave. */
static guint
brute_force_staff_clashes (RkSchedule *s, GArray *occs, GHashTable *seen)
{
  g_autoptr(GArray) sa = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sb = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = 0;

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *x = &g_array_index (occs, RkOcc, i);

      if (!rk_occ_is_active (x))
        continue;
      rk_occ_staff (x, sa);
      for (guint j = i + 1; j < occs->len; j++)
        {
          const RkOcc *y = &g_array_index (occs, RkOcc, j);
          RkSVenue *vx = rk_sevent_venue (x->event), *vy = rk_sevent_venue (y->event);
          int gap = vx && vy && vx != vy ? s->travel_gap : 0;

          if (!rk_occ_is_active (y) || !(x->start < y->end + gap && y->start < x->end + gap))
            continue;
          rk_occ_staff (y, sb);
          for (guint k = 0; k < sa->len; k++)
            for (guint l = 0; l < sb->len; l++)
              if (g_array_index (sa, gint64, k) == g_array_index (sb, gint64, l))
                {
                  char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                                               ":%" G_GINT64_FORMAT,
                                               g_array_index (sa, gint64, k),
                                               MIN (x->event->id, y->event->id),
                                               MAX (x->event->id, y->event->id));
                  g_hash_table_add (seen, key);
                  n++;
                }
        }
    }
  return n;
}

static void
test_sweep_larger_set (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RkSVenue *venues[4];
  RkSRoom *rooms[8];
  const int n_staff = 40, n_days = 50;
  gint64 id = 1;
  guint clashes = 0, extra = 0, n_expected;

  for (int v = 0; v < 4; v++)
    {
      g_autofree char *name = g_strdup_printf ("Hub %d", v);

      venues[v] = add_venue (s, v + 1, name);
    }
  for (int r = 0; r < 8; r++)
    {
      g_autofree char *name = g_strdup_printf ("Room %d", r);

      rooms[r] = add_room (s, r + 1, venues[r / 2], name, 20);
    }
  for (int i = 0; i < n_staff; i++)
    {
      g_autofree char *name = g_strdup_printf ("Staff %d", i);

      add_staff (s, i + 1, name, (RkRole) (i % RK_N_ROLES));
    }

  /* 2,000 one-hour events, each person once a day, in a round of rooms at
   * staggered hours so that slots of different people interleave. */
  for (int d = 0; d < n_days; d++)
    for (int i = 0; i < n_staff; i++)
      {
        RkDay day = D ("2026-04-01") + d;
        int hour = 8 + (i * 7 + d) % 10;
        RkSEvent *e = g_new0 (RkSEvent, 1);

        e->id = id++;
        e->title = g_strdup ("Regular");
        e->start = rk_minute_make (day, hour * 60);
        e->end = e->start + 60;
        e->room = rooms[i % 8];
        e->capacity = -1;
        e->exceptions = g_array_new (FALSE, TRUE, sizeof (RkSException));
        e->assigns = g_array_new (FALSE, TRUE, sizeof (RkSAssign));
        e->equipment = g_array_new (FALSE, TRUE, sizeof (gint64));
        g_ptr_array_add (s->events, e);
        add_assign (e, i + 1, NULL, FALSE);

        /* Known clashes on top: every 7th gets a second job overlapping it
         * by half an hour in the same hub; every 11th one at another hub
         * starting the minute it ends (the travel gap). The extras have no
         * room, so only the staff sweep sees them. */
        if ((d * n_staff + i) % 7 == 0)
          {
            RkSEvent *x = add_event (s, 100000 + id, "Overlap", "2026-01-01T00:00",
                                     "2026-01-01T01:00", NULL, NULL, RK_POLICY_KEEP);

            x->start = e->start + 30;
            x->end = x->start + 60;
            add_assign (x, i + 1, NULL, FALSE);
            clashes++;
            extra++;
          }
        if ((d * n_staff + i) % 11 == 0)
          {
            RkSEvent *x = add_event (s, 200000 + id, "Travel", "2026-01-01T00:00",
                                     "2026-01-01T01:00", rooms[(i % 8 + 2) % 8], NULL,
                                     RK_POLICY_KEEP);

            x->start = e->end;
            x->end = x->start + 45;
            add_assign (x, i + 1, NULL, FALSE);
            clashes++;
            extra++;
          }
      }
  /* holidays would add on_holiday problems: keep the count about clashes */
  for (guint i = 0; i < s->events->len; i++)
    ((RkSEvent *) g_ptr_array_index (s->events, i))->policy = RK_POLICY_KEEP;

  occs = expand (s, "2026-04-01", "2026-05-20");
  g_assert_cmpuint (occs->len, ==, (guint) (n_staff * n_days) + extra);
  g_assert_cmpuint (occs->len, >=, 2000);

  n_expected = brute_force_staff_clashes (s, occs, expected);
  /* the two kinds of extras meet each other when both apply (every 77th):
   * "Overlap" runs to +90 min, "Travel" starts at +60 */
  g_assert_cmpuint (n_expected, ==, clashes + (guint) ((n_staff * n_days + 76) / 77));

  problems = check (s, occs, "2026-04-01", "2026-05-20", "2026-01-01");
  g_assert_cmpuint (count_kind (problems, "staff_double_booked"), ==, n_expected);
  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);
      g_autofree char *key = NULL;

      if (!g_str_equal (rk_problem_get_kind (p), "staff_double_booked"))
        continue;
      g_assert_cmpuint (ids->len, ==, 2);
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                             rk_problem_get_staff_id (p),
                             MIN (g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1)),
                             MAX (g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1)));
      /* each clash reported once */
      g_assert_true (g_hash_table_remove (expected, key));
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
  /* the regular events alone never share a room at the same hour */
  g_assert_cmpuint (count_kind (problems, "room_double_booked"), ==,
                    problems->len - n_expected);
}

/* ---- through a real store ----------------------------------------------- */

/* The same rules over a schedule the store loads: what the CLI and the
 * desktop app see. */
static void
test_store_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("renkei-rules-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_store_open (path, &error);
  g_autoptr(RkVenue) venue = NULL;
  g_autoptr(RkRoom) room = NULL;
  g_autoptr(RkEvent) event = NULL;
  g_autoptr(RkSchedule) s = NULL;
  g_autoptr(GArray) occs = NULL;
  gint64 venue_id, room_id, event_id;

  g_assert_no_error (error);
  g_assert_true (rk_store_begin (store, &error));
  venue = g_object_new (RK_TYPE_VENUE, "name", "Hub", NULL);
  venue_id = rk_store_add_venue (store, venue, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rk_store_add_closing (store, venue_id, RK_CLOSING_YEARLY, 1229, 103, 0,
                                         "New Year", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (rk_store_add_closing (store, venue_id, RK_CLOSING_WEEKDAY, 0, 0, 2,
                                         "Tuesdays", &error), >, 0);
  g_assert_no_error (error);
  room = g_object_new (RK_TYPE_ROOM, "venue-id", venue_id, "name", "Hall", "capacity", 20, NULL);
  room_id = rk_store_add_room (store, room, &error);
  g_assert_no_error (error);
  /* Tuesdays, on a venue closed on Tuesdays: each moves to Wednesday,
   * and 12/29 past the New Year break to Monday 1/4 */
  event = g_object_new (RK_TYPE_EVENT, "title", "Tuesday class", "start", "2026-12-22T10:00",
                        "end", "2026-12-22T11:00", "room-id", room_id,
                        "rrule", "FREQ=WEEKLY;COUNT=3", "on-holiday", "next-day", NULL);
  event_id = rk_store_add_event (store, event, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_set_exception (store, event_id, D ("2026-12-22"),
                                         RK_EXCEPTION_CANCELLED, 0, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));

  /* January only: the 12/29 occurrence comes in from December */
  s = rk_store_load_schedule (store, D ("2027-01-01"), D ("2027-01-31"), &error);
  g_assert_no_error (error);
  occs = expand (s, "2027-01-01", "2027-01-31");
  g_assert_cmpuint (occs->len, ==, 2);
  assert_occ_at (occs, event_id, "2026-12-29", "2027-01-04T10:00", "2027-01-04T11:00",
                 RK_OCC_SCHEDULED, TRUE, "New Year");
  assert_occ_at (occs, event_id, "2027-01-05", "2027-01-06T10:00", "2027-01-06T11:00",
                 RK_OCC_SCHEDULED, TRUE, "Tuesdays");
  g_array_unref (g_steal_pointer (&occs));
  occs = expand (s, "2026-12-01", "2026-12-31");
  g_assert_cmpuint (occs->len, ==, 1);
  assert_occ_at (occs, event_id, "2026-12-22", "2026-12-22T10:00", "2026-12-22T11:00",
                 RK_OCC_CANCELLED, FALSE, "cancelled");

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    /* the database and whatever journal files came with it */
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

/* ---- an edit in memory, for the editor's live check ---------------------- */

static char *
occ_staff_text (GArray *occs, RkSEvent *e, const char *date)
{
  const RkOcc *o = rk_occ_find (occs, e->id, D (date));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *out = g_string_new (NULL);

  g_assert_nonnull (o);
  rk_occ_staff (o, ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

/* One occurrence edited alone: moved where it differs from the rule, its
 * people as given (one taken off, one added), the rest of the series as
 * it was; an occurrence at the rule's own time gets no exception. */
static void
test_draft_occurrence (void)
{
  g_autoptr(RkSchedule) s = rk_schedule_new ();
  RkSEvent *e = add_event (s, 1, "ひろば", "2026-12-01T10:00", "2026-12-01T11:00", NULL,
                           "FREQ=WEEKLY;COUNT=4", RK_POLICY_KEEP);
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL, *other = NULL;
  gint64 two = 2, three = 3;
  const RkOcc *o;

  g_array_append_val (e->assigns, ((RkSAssign) { 1, 0, FALSE, FALSE }));
  g_array_append_val (e->assigns, ((RkSAssign) { 2, 0, FALSE, FALSE }));
  g_array_append_val (staff, two);
  g_array_append_val (staff, three);

  rk_series_draft_occurrence (e, D ("2026-12-15"), T ("2026-12-16T13:00"), T ("2026-12-16T14:30"),
                              staff);
  rk_series_draft_occurrence (e, D ("2026-12-22"), T ("2026-12-22T10:00"), T ("2026-12-22T11:00"),
                              staff);
  occs = rk_schedule_expand (s, D ("2026-12-01"), D ("2026-12-31"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (e->exceptions->len, ==, 1);
  o = rk_occ_find (occs, 1, D ("2026-12-15"));
  g_assert_nonnull (o);
  g_assert_cmpint (o->start, ==, T ("2026-12-16T13:00"));
  g_assert_cmpint (o->end, ==, T ("2026-12-16T14:30"));
  moved = occ_staff_text (occs, e, "2026-12-15");
  other = occ_staff_text (occs, e, "2026-12-08");
  g_assert_cmpstr (moved, ==, "2,3");
  g_assert_cmpstr (other, ==, "1,2");

  /* The whole series' people replaced; one-date rows stay. */
  rk_series_draft_staff (e, staff);
  g_clear_pointer (&occs, g_array_unref);
  g_clear_pointer (&other, g_free);
  occs = rk_schedule_expand (s, D ("2026-12-01"), D ("2026-12-31"), &error);
  g_assert_no_error (error);
  other = occ_staff_text (occs, e, "2026-12-08");
  g_assert_cmpstr (other, ==, "2,3");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/policy/next-day-mondays", test_policy_next_day_mondays);
  g_test_add_func ("/rules/policy/previous-day-mondays", test_policy_previous_day_mondays);
  g_test_add_func ("/rules/policy/skip-mondays", test_policy_skip_mondays);
  g_test_add_func ("/rules/policy/keep-and-unset", test_policy_keep_and_unset);
  g_test_add_func ("/rules/policy/september-run", test_policy_september_run);
  g_test_add_func ("/rules/policy/moves-across-range", test_policy_moves_across_range);
  g_test_add_func ("/rules/closing/weekday-next-day", test_closing_weekday_next_day);
  g_test_add_func ("/rules/closing/yearly-across-year-end", test_closing_yearly_across_year_end);
  g_test_add_func ("/rules/closing/range-and-date", test_closing_range_and_date);
  g_test_add_func ("/rules/closing/closed-on-holidays", test_closed_on_holidays);
  g_test_add_func ("/rules/exceptions/survive", test_exceptions_survive);
  g_test_add_func ("/rules/exceptions/moved-far", test_exception_moved_far);
  g_test_add_func ("/rules/exceptions/event-flags", test_event_flags);
  g_test_add_func ("/rules/check/staff-index", test_staff_index_same_people);
  g_test_add_func ("/rules/closing/closed-days-index", test_closed_days_same);
  g_test_add_func ("/rules/check/travel-gap", test_check_travel_gap);
  g_test_add_func ("/rules/check/each-kind", test_check_each_kind);
  g_test_add_func ("/rules/check/what-counts", test_check_what_counts);
  g_test_add_func ("/rules/check/per-occurrence-staff", test_check_per_occurrence_staff);
  g_test_add_func ("/rules/suggest", test_suggest);
  g_test_add_func ("/rules/draft/occurrence", test_draft_occurrence);
  g_test_add_func ("/rules/check/larger-set", test_sweep_larger_set);
  g_test_add_func ("/rules/store-round-trip", test_store_round_trip);

  return g_test_run ();
}
