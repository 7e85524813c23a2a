#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rk-annual.h"
#include "rk-era.h"
#include "rk-roles.h"

/* venue: a venue's month, whose people are listed (staff_hours), not
 * counted per person of the whole year. */
static void
month_init (RkAnnualMonth *m, const RkAnnual *a, gboolean venue)
{
  memset (m, 0, sizeof *m);
  m->sessions = g_new0 (int, MAX (a->programs->len, 1));
  m->consultations = g_new0 (int, MAX (g_strv_length (a->categories), 1));
  if (venue)
    {
      m->staff_hours = g_array_new (FALSE, FALSE, sizeof (RkAnnualStaffHours));
      return;
    }
  m->staff_minutes = g_new0 (int, MAX (a->staff->len, 1));
  m->staff_sessions = g_new0 (int, MAX (a->staff->len, 1));
}

static void
month_clear (RkAnnualMonth *m)
{
  g_free (m->sessions);
  g_free (m->consultations);
  g_free (m->staff_minutes);
  g_free (m->staff_sessions);
  g_clear_pointer (&m->staff_hours, g_array_unref);
}

/* Person index's minutes and sessions added to m. */
static void
month_add_staff (RkAnnualMonth *m, guint index, int minutes, int sessions)
{
  RkAnnualStaffHours h = { index, minutes, sessions };

  if (m->staff_minutes)
    {
      m->staff_minutes[index] += minutes;
      m->staff_sessions[index] += sessions;
      return;
    }
  if (sessions == 0 && minutes == 0)
    return;
  /* A venue's people: a few dozen at most. */
  for (guint i = 0; i < m->staff_hours->len; i++)
    {
      RkAnnualStaffHours *x = &g_array_index (m->staff_hours, RkAnnualStaffHours, i);

      if (x->index == index)
        {
          x->minutes += minutes;
          x->sessions += sessions;
          return;
        }
    }
  g_array_append_val (m->staff_hours, h);
}

static int
staff_hours_compare (gconstpointer x, gconstpointer y)
{
  const RkAnnualStaffHours *a = x, *b = y;

  return a->index < b->index ? -1 : a->index > b->index;
}

static void
month_add (RkAnnualMonth *to, const RkAnnualMonth *from, const RkAnnual *a)
{
  to->days_open += from->days_open;
  to->held += from->held;
  to->recorded += from->recorded;
  to->missing += from->missing;
  for (guint i = 0; i < RK_N_COUNTS; i++)
    to->counts[i] += from->counts[i];
  for (guint i = 0; i < a->programs->len; i++)
    to->sessions[i] += from->sessions[i];
  for (guint i = 0; a->categories[i]; i++)
    to->consultations[i] += from->consultations[i];
  if (from->staff_minutes)
    for (guint i = 0; i < a->staff->len; i++)
      month_add_staff (to, i, from->staff_minutes[i], from->staff_sessions[i]);
  else
    for (guint i = 0; i < from->staff_hours->len; i++)
      {
        const RkAnnualStaffHours *h = &g_array_index (from->staff_hours, RkAnnualStaffHours, i);

        month_add_staff (to, h->index, h->minutes, h->sessions);
      }
}

static void
venue_free (gpointer data)
{
  RkAnnualVenue *v = data;

  for (int i = 0; i < 12; i++)
    month_clear (&v->months[i]);
  month_clear (&v->total);
  g_free (v->name);
  g_free (v);
}

void
rk_annual_free (RkAnnual *a)
{
  if (a == NULL)
    return;
  g_clear_pointer (&a->venues, g_ptr_array_unref);
  for (int i = 0; i < 12; i++)
    month_clear (&a->months[i]);
  month_clear (&a->total);
  g_ptr_array_unref (a->programs);
  g_strfreev (a->categories);
  g_array_unref (a->staff);
  g_ptr_array_unref (a->staff_names);
  g_ptr_array_unref (a->staff_roles);
  g_free (a);
}

gboolean
rk_annual_month_unknown (const RkAnnualMonth *m)
{
  return m->missing > 0 && m->recorded == 0;
}

void
rk_annual_month_ym (const RkAnnual *a, int i, int *year, int *month)
{
  int m0 = a->start_month - 1 + i;

  *year = a->fiscal_year + m0 / 12;
  *month = m0 % 12 + 1;
}

static int
month_index (const RkAnnual *a, RkDay day)
{
  int y, m;

  rk_day_to_ymd (day, &y, &m, NULL);
  return ((y - a->fiscal_year) * 12 + m - a->start_month);
}

static guint
index_of_string (GPtrArray *names, const char *name)
{
  guint i;

  if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, &i))
    return i;
  g_ptr_array_add (names, g_strdup (name));
  return names->len - 1;
}

static int
staff_compare (gconstpointer x, gconstpointer y, gpointer data)
{
  RkSchedule *s = data;
  RkSStaff *a = rk_schedule_staff (s, *(const gint64 *) x);
  RkSStaff *b = rk_schedule_staff (s, *(const gint64 *) y);
  int c = g_strcmp0 (a->kana && *a->kana ? a->kana : a->name, b->kana && *b->kana ? b->kana : b->name);

  if (c)
    return c;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int
program_compare (gconstpointer x, gconstpointer y)
{
  const RkSProgram *a = *(RkSProgram **) x, *b = *(RkSProgram **) y;

  return a->id < b->id ? -1 : a->id > b->id;
}

static int
venue_compare (gconstpointer x, gconstpointer y)
{
  const RkAnnualVenue *a = *(RkAnnualVenue **) x, *b = *(RkAnnualVenue **) y;

  /* the occurrences without a place last */
  if ((a->venue_id == 0) != (b->venue_id == 0))
    return a->venue_id == 0 ? 1 : -1;
  return a->venue_id < b->venue_id ? -1 : a->venue_id > b->venue_id;
}

static gboolean
has_weekly_closing (const RkSVenue *v)
{
  for (guint i = 0; i < v->closings->len; i++)
    if (g_array_index (v->closings, RkClosing, i).kind == RK_CLOSING_WEEKDAY)
      return TRUE;
  return FALSE;
}

static gboolean
held (const RkOcc *o, RkMinute now)
{
  return rk_occ_is_active (o) && o->start <= now;
}

RkAnnual *
rk_annual_build (RkSchedule *schedule, GArray *occs, int fiscal_year, int start_month,
                 gint64 venue_id, GStrv categories, RkMinute now)
{
  RkAnnual *a = g_new0 (RkAnnual, 1);
  g_autoptr(GHashTable) venue_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) staff_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             NULL);
  g_autoptr(GHashTable) open_days = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer value;
  RkDay today = rk_minute_day (now);

  a->fiscal_year = fiscal_year;
  a->start_month = start_month >= 1 && start_month <= 12 ? start_month : 4;
  rk_fiscal_year_range (fiscal_year, a->start_month, &a->from, &a->to);
  a->programs = g_ptr_array_new_with_free_func (g_free);
  a->staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  a->staff_names = g_ptr_array_new_with_free_func (g_free);
  a->staff_roles = g_ptr_array_new ();
  a->venues = g_ptr_array_new_with_free_func (venue_free);

  /* First pass: the rows (programs, categories, people) the year needs. */
  {
    g_autoptr(GList) programs = g_hash_table_get_values (schedule->programs);
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
    g_autoptr(GHashTable) seen_staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                              NULL);
    g_autoptr(GArray) staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GStrvBuilder) cats = g_strv_builder_new ();
    g_autoptr(GHashTable) used_programs = g_hash_table_new (g_direct_hash, g_direct_equal);

    for (guint i = 0; i < occs->len; i++)
      {
        const RkOcc *o = &g_array_index (occs, RkOcc, i);
        RkSVenue *v = rk_sevent_venue (o->event);
        const RkAttendance *rec;

        if (!held (o, now) || rk_occ_day (o) < a->from || rk_occ_day (o) > a->to)
          continue;
        if (venue_id && (v == NULL || v->id != venue_id))
          continue;
        if (o->event->program)
          g_hash_table_add (used_programs, o->event->program);
        else if (!g_ptr_array_find_with_equal_func (extra, rk_sevent_title (o->event), g_str_equal,
                                                    NULL))
          g_ptr_array_add (extra, g_strdup (rk_sevent_title (o->event)));
        rk_occ_staff (o, ids);
        for (guint j = 0; j < ids->len; j++)
          {
            gint64 *id = &g_array_index (ids, gint64, j);
            if (rk_schedule_staff (schedule, *id) && !g_hash_table_contains (seen_staff, id))
              {
                g_hash_table_add (seen_staff, g_memdup2 (id, sizeof *id));
                g_array_append_val (staff_ids, *id);
              }
          }
        rec = rk_schedule_attendance (schedule, o->event->id, o->orig_date);
        for (guint j = 0; rec && j < rec->consultations->len; j++)
          {
            const char *c = g_array_index (rec->consultations, RkConsultation, j).category;
            if (!g_strv_contains ((const char * const *) categories, c) &&
                !g_ptr_array_find_with_equal_func (extra, c, g_str_equal, NULL))
              g_ptr_array_add (extra, g_strdup_printf ("\x01%s", c));
          }
      }

    /* programs in id order, every one the database knows (a program not
     * run this year is a 0 the office wants to see), then ad-hoc titles */
    for (GList *l = programs; l; l = l->next)
      g_ptr_array_add (sorted, l->data);
    g_ptr_array_sort (sorted, program_compare);
    for (guint i = 0; i < sorted->len; i++)
      {
        RkSProgram *p = sorted->pdata[i];
        if (g_hash_table_contains (used_programs, p) || !p->staff_only)
          g_ptr_array_add (a->programs, g_strdup (p->name));
      }
    for (guint i = 0; i < extra->len; i++)
      if (((char *) extra->pdata[i])[0] != '\x01')
        index_of_string (a->programs, extra->pdata[i]);

    g_strv_builder_addv (cats, (const char **) categories);
    for (guint i = 0; i < extra->len; i++)
      if (((char *) extra->pdata[i])[0] == '\x01')
        g_strv_builder_add (cats, (char *) extra->pdata[i] + 1);
    a->categories = g_strv_builder_end (cats);

    g_array_sort_with_data (staff_ids, staff_compare, schedule);
    for (guint i = 0; i < staff_ids->len; i++)
      {
        gint64 id = g_array_index (staff_ids, gint64, i);
        RkSStaff *st = rk_schedule_staff (schedule, id);

        g_array_append_val (a->staff, id);
        g_ptr_array_add (a->staff_names, g_strdup (st->name));
        g_ptr_array_add (a->staff_roles, (gpointer) rk_role_to_token (st->role));
        g_hash_table_insert (staff_index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i + 1));
      }
  }

  for (int i = 0; i < 12; i++)
    month_init (&a->months[i], a, FALSE);
  month_init (&a->total, a, FALSE);

  /* The venues: every one (or the one asked for). */
  g_hash_table_iter_init (&it, schedule->venues);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      RkSVenue *sv = value;
      RkAnnualVenue *v;

      if (venue_id && sv->id != venue_id)
        continue;
      v = g_new0 (RkAnnualVenue, 1);
      v->venue_id = sv->id;
      v->name = g_strdup (sv->name);
      for (int i = 0; i < 12; i++)
        month_init (&v->months[i], a, TRUE);
      month_init (&v->total, a, TRUE);
      g_ptr_array_add (a->venues, v);
      g_hash_table_insert (venue_of, &v->venue_id, v);
    }

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkSVenue *sv = rk_sevent_venue (o->event);
      RkDay day = rk_occ_day (o);
      gint64 vid = sv ? sv->id : 0;
      RkAnnualVenue *v;
      RkAnnualMonth *m;
      const RkAttendance *rec;
      int mi, minutes;

      if (!held (o, now) || day < a->from || day > a->to)
        continue;
      if (venue_id && vid != venue_id)
        continue;
      v = g_hash_table_lookup (venue_of, &vid);
      if (v == NULL)
        {
          v = g_new0 (RkAnnualVenue, 1);
          v->venue_id = 0;
          v->name = NULL;
          for (int k = 0; k < 12; k++)
            month_init (&v->months[k], a, TRUE);
          month_init (&v->total, a, TRUE);
          g_ptr_array_add (a->venues, v);
          g_hash_table_insert (venue_of, &v->venue_id, v);
        }
      mi = month_index (a, day);
      m = &v->months[mi];
      m->held++;
      m->sessions[index_of_string (a->programs, o->event->program ? o->event->program->name
                                                                  : rk_sevent_title (o->event))]++;
      if (sv && !has_weekly_closing (sv))
        g_hash_table_add (open_days, GSIZE_TO_POINTER (((gsize) vid << 24) | day));

      rec = rk_schedule_attendance (schedule, o->event->id, o->orig_date);
      if (rec)
        {
          m->recorded++;
          for (guint k = 0; k < RK_N_COUNTS; k++)
            m->counts[k] += rec->counts[k];
          for (guint k = 0; k < rec->consultations->len; k++)
            {
              const RkConsultation *c = &g_array_index (rec->consultations, RkConsultation, k);
              for (guint j = 0; a->categories[j]; j++)
                if (g_strcmp0 (a->categories[j], c->category) == 0)
                  m->consultations[j] += c->count;
            }
        }
      else
        m->missing++;

      minutes = (int) (o->end - o->start);
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        {
          guint si = GPOINTER_TO_UINT (g_hash_table_lookup (staff_index,
                                                            &g_array_index (ids, gint64, j)));
          if (si == 0)
            continue;
          month_add_staff (m, si - 1, minutes, 1);
        }
    }

  /* Days open: the venue's own opening days where it has a weekly
   * pattern (a weekday it is closed), else the days something was held. */
  for (guint i = 0; i < a->venues->len; i++)
    {
      RkAnnualVenue *v = g_ptr_array_index (a->venues, i);
      RkSVenue *sv = v->venue_id ? rk_schedule_venue (schedule, v->venue_id) : NULL;

      if (sv == NULL)
        continue;
      for (RkDay d = a->from; d <= a->to && d <= today; d++)
        {
          gboolean open = has_weekly_closing (sv)
                            ? !rk_venue_closed_on (sv, d, NULL)
                            : g_hash_table_contains (open_days,
                                                     GSIZE_TO_POINTER (((gsize) sv->id << 24) | d));
          if (open)
            v->months[month_index (a, d)].days_open++;
        }
    }

  g_ptr_array_sort (a->venues, venue_compare);
  for (guint i = 0; i < a->venues->len; i++)
    {
      RkAnnualVenue *v = g_ptr_array_index (a->venues, i);
      for (int k = 0; k < 12; k++)
        {
          month_add (&v->total, &v->months[k], a);
          month_add (&a->months[k], &v->months[k], a);
          /* In the people's order, as the whole year's are. */
          g_array_sort (v->months[k].staff_hours, staff_hours_compare);
        }
      g_array_sort (v->total.staff_hours, staff_hours_compare);
      month_add (&a->total, &v->total, a);
    }
  return a;
}

/* ---- the table, in the report's language -------------------------------- */

static const struct
{
  const char *key, *ja, *en;
} words[] = {
  { "title", "利用実績報告書", "Results report" },
  { "fiscal_year", "年度", "Fiscal year" },
  { "item", "項目", "Item" },
  { "total", "合計", "Total" },
  { "municipality", "全拠点合計", "All venues" },
  { "unknown", "未入力", "not entered" },
  { "staff", "スタッフ従事実績", "Staff sessions and hours" },
  { "name", "氏名", "Name" },
  { "role", "職種", "Role" },
  { "sessions", "回数", "Sessions" },
  { "hours", "時間", "Hours" },
  { "no_place", "場所未定", "No place" },
  { "days_open", "開所日数", "Days open" },
  { "group_sessions", "実施回数", "Sessions" },
  { "group_people", "利用者数", "Participants" },
  { "group_consultations", "相談件数", "Consultations" },
  { "missing", "実績未入力の回", "Sessions without a record" },
  { "note_missing", "「未入力」は実施した回の実績がまだ入力されていない月です（0ではありません）。",
    "“not entered”: sessions of that month were held but their attendance is not entered yet "
    "(not 0)." },
  { "families", "組数", "Families" },
  { "adults", "大人", "Adults" },
  { "children", "子ども", "Children" },
  { "pregnant", "うち妊婦", "of whom pregnant" },
  { "residents", "市内", "Residents" },
  { "nonresidents", "市外", "Non-residents" },
  { "first_time", "初回利用", "First-time visitors" },
  { "month_suffix", "月", "" },
  { "chart", "月別利用組数", "Families per month" },
  { "role:hub_staff", "拠点スタッフ", "Hub staff" },
  { "role:public_health_nurse", "保健師", "Public health nurse" },
  { "role:nutritionist", "栄養士", "Nutritionist" },
  { "role:midwife", "助産師", "Midwife" },
  { "role:childcare_volunteer", "保育ボランティア", "Childcare volunteer" },
  { "role:other", "その他", "Other" },
};

const char *
rk_annual_word (const char *language, const char *key)
{
  gboolean en = g_strcmp0 (language, "en") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (words[i].key, key) == 0)
      return en ? words[i].en : words[i].ja;
  g_return_val_if_reached (key);
}

char *
rk_annual_title (const RkAnnual *a, const char *lang, const char *what)
{
  g_autofree char *era = NULL;

  if (g_strcmp0 (lang, "en") == 0)
    return g_strdup_printf ("%s, fiscal year %d: %s", rk_annual_word (lang, "title"),
                            a->fiscal_year, what);
  era = rk_era_year_ja (a->fiscal_year, a->start_month, 1);
  return g_strdup_printf ("%s度（%d年度）%s　%s", era ? era : "", a->fiscal_year,
                          rk_annual_word (lang, "title"), what);
}

void
rk_annual_month_heading (const RkAnnual *a, const char *lang, int k, char *buf, gsize size)
{
  int y, m;

  rk_annual_month_ym (a, k, &y, &m);
  if (g_strcmp0 (lang, "en") == 0)
    g_snprintf (buf, size, "%04d-%02d", y, m);
  else
    g_snprintf (buf, size, "%d月", m);
}

static void
row_clear (gpointer data)
{
  g_free (((RkAnnualRow *) data)->label);
}

static void
add_row (GArray *rows, RkAnnualRowKind kind, int index, char *label, const char *group)
{
  RkAnnualRow r = { kind, index, label, group };

  g_array_append_val (rows, r);
}

GArray *
rk_annual_rows (const RkAnnual *a, const char *lang)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (RkAnnualRow));
  const char *g;

  g_array_set_clear_func (rows, row_clear);
  add_row (rows, RK_ANNUAL_ROW_DAYS_OPEN, 0, g_strdup (rk_annual_word (lang, "days_open")), "");
  g = rk_annual_word (lang, "group_sessions");
  for (guint i = 0; i < a->programs->len; i++)
    add_row (rows, RK_ANNUAL_ROW_SESSIONS, (int) i, g_strdup (a->programs->pdata[i]), g);
  g = rk_annual_word (lang, "group_people");
  for (guint i = 0; i < RK_N_COUNTS; i++)
    add_row (rows, RK_ANNUAL_ROW_COUNT, (int) i,
             g_strdup (rk_annual_word (lang, rk_count_token (i))), g);
  g = rk_annual_word (lang, "group_consultations");
  for (guint i = 0; a->categories[i]; i++)
    add_row (rows, RK_ANNUAL_ROW_CONSULTATION, (int) i, g_strdup (a->categories[i]), g);
  add_row (rows, RK_ANNUAL_ROW_MISSING, 0, g_strdup (rk_annual_word (lang, "missing")), "");
  return rows;
}

gboolean
rk_annual_value (const RkAnnualMonth *m, const RkAnnualRow *row, gint64 *value)
{
  switch (row->kind)
    {
    case RK_ANNUAL_ROW_DAYS_OPEN:
      *value = m->days_open;
      return TRUE;
    case RK_ANNUAL_ROW_SESSIONS:
      *value = m->sessions[row->index];
      return TRUE;
    case RK_ANNUAL_ROW_MISSING:
      *value = m->missing;
      return TRUE;
    case RK_ANNUAL_ROW_COUNT:
      *value = m->counts[row->index];
      return !rk_annual_month_unknown (m);
    case RK_ANNUAL_ROW_CONSULTATION:
      *value = m->consultations[row->index];
      return !rk_annual_month_unknown (m);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* ---- JSON --------------------------------------------------------------- */

static void
json_count (JsonBuilder *b, const char *member, gint64 value, gboolean known)
{
  json_builder_set_member_name (b, member);
  if (known)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
month_json (JsonBuilder *b, const RkAnnual *a, const RkAnnualMonth *m)
{
  gboolean known = !rk_annual_month_unknown (m);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "days_open");
  json_builder_add_int_value (b, m->days_open);
  json_builder_set_member_name (b, "sessions");
  json_builder_begin_object (b);
  for (guint i = 0; i < a->programs->len; i++)
    {
      json_builder_set_member_name (b, a->programs->pdata[i]);
      json_builder_add_int_value (b, m->sessions[i]);
    }
  json_builder_end_object (b);
  for (guint i = 0; i < RK_N_COUNTS; i++)
    json_count (b, rk_count_token (i), m->counts[i], known);
  json_builder_set_member_name (b, "consultations");
  if (known)
    {
      json_builder_begin_object (b);
      for (guint i = 0; a->categories[i]; i++)
        json_count (b, a->categories[i], m->consultations[i], TRUE);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "missing_records");
  json_builder_add_int_value (b, m->missing);
  json_builder_set_member_name (b, "staff_hours");
  json_builder_begin_object (b);
  for (guint i = 0; i < (m->staff_hours ? m->staff_hours->len : a->staff->len); i++)
    {
      const RkAnnualStaffHours *h = m->staff_hours
                                      ? &g_array_index (m->staff_hours, RkAnnualStaffHours, i)
                                      : &(RkAnnualStaffHours){ i, m->staff_minutes[i],
                                                               m->staff_sessions[i] };
      g_autofree char *id = NULL;

      if (h->sessions == 0)
        continue;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (a->staff, gint64, h->index));
      json_builder_set_member_name (b, id);
      json_builder_add_double_value (b, h->minutes / 60.0);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
rk_annual_to_json (const RkAnnual *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fiscal_year");
  json_builder_add_int_value (b, a->fiscal_year);
  json_builder_set_member_name (b, "venues");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->venues->len; i++)
    {
      const RkAnnualVenue *v = g_ptr_array_index (a->venues, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "venue_id");
      if (v->venue_id)
        json_builder_add_int_value (b, v->venue_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "name");
      if (v->name)
        json_builder_add_string_value (b, v->name);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "months");
      json_builder_begin_object (b);
      for (int k = 0; k < 12; k++)
        {
          char key[8];
          int y, mo;

          rk_annual_month_ym (a, k, &y, &mo);
          g_snprintf (key, sizeof key, "%04d-%02d", y, mo);
          json_builder_set_member_name (b, key);
          month_json (b, a, &v->months[k]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "total");
      month_json (b, a, &v->total);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total");
  month_json (b, a, &a->total);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv_cell (GString *out, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL || *text == '\0')
    return;
  if (strpbrk (text, ",\"\r\n"))
    {
      g_autofree char *q = NULL;
      g_auto(GStrv) parts = g_strsplit (text, "\"", -1);

      q = g_strjoinv ("\"\"", parts);
      g_string_append_printf (out, "\"%s\"", q);
    }
  else
    g_string_append (out, text);
}

static void
csv_value (GString *out, const RkAnnualMonth *m, const RkAnnualRow *row, const char *lang)
{
  gint64 v;

  if (rk_annual_value (m, row, &v))
    g_string_append_printf (out, ",%" G_GINT64_FORMAT, v);
  else
    csv_cell (out, rk_annual_word (lang, "unknown"), FALSE);
}

static void
csv_header (GString *out, const RkAnnual *a, const char *lang, const char *first)
{
  csv_cell (out, first, TRUE);
  for (int k = 0; k < 12; k++)
    {
      int y, mo;

      rk_annual_month_ym (a, k, &y, &mo);
      g_string_append_printf (out, ",%04d-%02d", y, mo);
    }
  csv_cell (out, rk_annual_word (lang, "total"), FALSE);
  g_string_append (out, "\r\n");
}

static void
csv_block (GString *out, const RkAnnual *a, GArray *rows, const char *lang, const char *title,
           const RkAnnualMonth *months, const RkAnnualMonth *total)
{
  csv_header (out, a, lang, title);
  for (guint r = 0; r < rows->len; r++)
    {
      const RkAnnualRow *row = &g_array_index (rows, RkAnnualRow, r);
      g_autofree char *label = row->kind == RK_ANNUAL_ROW_DAYS_OPEN ||
                                   row->kind == RK_ANNUAL_ROW_MISSING
                                 ? g_strdup (row->label)
                                 : g_strdup_printf ("%s: %s", row->group, row->label);

      csv_cell (out, label, TRUE);
      for (int k = 0; k < 12; k++)
        csv_value (out, &months[k], row, lang);
      csv_value (out, total, row, lang);
      g_string_append (out, "\r\n");
    }
  g_string_append (out, "\r\n");
}

char *
rk_annual_to_csv (const RkAnnual *a, const char *lang)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GArray) rows = rk_annual_rows (a, lang);

  for (guint i = 0; i < a->venues->len; i++)
    {
      const RkAnnualVenue *v = g_ptr_array_index (a->venues, i);
      csv_block (out, a, rows, lang, v->name ? v->name : rk_annual_word (lang, "no_place"),
                 v->months, &v->total);
    }
  csv_block (out, a, rows, lang, rk_annual_word (lang, "municipality"), a->months, &a->total);

  /* staff: sessions and hours per month */
  csv_header (out, a, lang, rk_annual_word (lang, "staff"));
  for (guint s = 0; s < a->staff->len; s++)
    for (int what = 0; what < 2; what++)
      {
        g_autofree char *label = g_strdup_printf ("%s: %s", (char *) a->staff_names->pdata[s],
                                                  rk_annual_word (lang, what ? "hours" : "sessions"));
        csv_cell (out, label, TRUE);
        for (int k = 0; k <= 12; k++)
          {
            const RkAnnualMonth *m = k < 12 ? &a->months[k] : &a->total;
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            if (what)
              g_string_append_printf (out, ",%s",
                                      g_ascii_formatd (buf, sizeof buf, "%.2f",
                                                       m->staff_minutes[s] / 60.0));
            else
              g_string_append_printf (out, ",%d", m->staff_sessions[s]);
          }
        g_string_append (out, "\r\n");
      }
  return g_string_free (out, FALSE);
}
