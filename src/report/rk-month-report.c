#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <inttypes.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-check.h"
#include "rk-era.h"
#include "rk-error.h"
#include "rk-holidays.h"
#include "rk-output.h"
#include "rk-month-report-private.h"
#include "rk-store-notices.h"

G_DEFINE_FINAL_TYPE (RkMonthReport, rk_month_report, G_TYPE_OBJECT)

static void
item_free (gpointer data)
{
  Item *it = data;

  g_free (it->time_text);
  g_free (it->start_text);
  g_free (it->title);
  g_free (it->place);
  g_free (it->venue_name);
  g_free (it->room_name);
  g_free (it->audience);
  g_free (it->bring);
  g_free (it->notes);
  g_free (it->moved);
  g_free (it->staff_short);
  g_free (it->staff_full);
  g_free (it->shortage);
  g_array_unref (it->staff);
  g_free (it);
}

static void
legend_free (gpointer data)
{
  LegendEntry *l = data;

  g_free (l->name);
  g_free (l->audience);
  g_free (l->bring);
  g_free (l);
}

static void
roster_row_free (gpointer data)
{
  RosterRow *r = data;

  g_free (r->name);
  g_free (r->kana);
  g_free (r);
}

static void
day_info_clear (gpointer data)
{
  DayInfo *d = data;

  g_free (d->closed);
  g_free (d->closed_line);
  g_clear_pointer (&d->items, g_ptr_array_unref);
}

static void
rk_month_report_finalize (GObject *object)
{
  RkMonthReport *self = RK_MONTH_REPORT (object);

  g_free (self->heading);
  g_free (self->subtitle);
  g_free (self->date_title);
  g_ptr_array_unref (self->contacts);
  g_array_unref (self->days);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->legend);
  g_ptr_array_unref (self->roster);
  g_array_unref (self->notice_ids);
  g_clear_pointer (&self->notice_names, g_ptr_array_unref);
  g_ptr_array_unref (self->notices);
  rk_report_pages_free (self->pages);

  G_OBJECT_CLASS (rk_month_report_parent_class)->finalize (object);
}

static void
rk_month_report_class_init (RkMonthReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rk_month_report_finalize;
}

static void
rk_month_report_init (RkMonthReport *self)
{
  self->contacts = g_ptr_array_new_with_free_func (g_free);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->days = g_array_new (FALSE, TRUE, sizeof (DayInfo));
  g_array_set_clear_func (self->days, day_info_clear);
  self->legend = g_ptr_array_new_with_free_func (legend_free);
  self->roster = g_ptr_array_new_with_free_func (roster_row_free);
  self->notice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->notices = g_ptr_array_new_with_free_func (g_free);
}

/* ---------------------------------------------------------------------- */
/* Building the model                                                       */

static gboolean
parse_color (const char *text, Rgb *out)
{
  PangoColor c;

  if (text == NULL || !pango_color_parse (&c, text))
    return FALSE;
  out->r = c.red / 65535.0;
  out->g = c.green / 65535.0;
  out->b = c.blue / 65535.0;
  return TRUE;
}

gboolean
rk_report_is_blank (const char *s)
{
  return s == NULL || *s == '\0';
}

static char *
time_range_text (RkMinute start, RkMinute end)
{
  int sm = rk_minute_of_day (start);

  if (end <= start)
    return g_strdup_printf ("%d:%02d", sm / 60, sm % 60);
  if (rk_minute_day (end) == rk_minute_day (start))
    {
      int em = rk_minute_of_day (end);

      return g_strdup_printf ("%d:%02d%s%d:%02d", sm / 60, sm % 60, rk_report_range_sep (), em / 60,
                              em % 60);
    }
  else
    {
      int em = rk_minute_of_day (end), m, d;

      rk_day_to_ymd (rk_minute_day (end), NULL, &m, &d);
      return g_strdup_printf ("%d:%02d%s%d/%d %d:%02d", sm / 60, sm % 60, rk_report_range_sep (), m,
                              d, em / 60, em % 60);
    }
}

/* Whole days: "All day", and the last day when there are several. */
static char *
all_day_text (RkMinute start, RkMinute end)
{
  int m, d;

  if (rk_minute_day (end) - rk_minute_day (start) <= 1)
    return g_strdup (_("All day"));
  rk_day_to_ymd (rk_minute_day (end) - 1, NULL, &m, &d);
  return g_strdup_printf (_("All day to %d/%d"), m, d);
}

static gboolean
venue_matches (const RkReportOptions *o, const RkSEvent *e)
{
  RkSVenue *v;

  if (o->venue_id == 0)
    return TRUE;
  v = rk_sevent_venue (e);
  return v != NULL && v->id == o->venue_id;
}

static int
roster_row_compare (gconstpointer a, gconstpointer b)
{
  const RosterRow *x = *(RosterRow * const *) a;
  const RosterRow *y = *(RosterRow * const *) b;
  int c;

  if (x->role != y->role)
    return (int) x->role - (int) y->role;
  c = g_strcmp0 (x->kana && *x->kana ? x->kana : x->name, y->kana && *y->kana ? y->kana : y->name);
  if (c)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
venue_compare (gconstpointer a, gconstpointer b)
{
  const RkSVenue *x = *(RkSVenue * const *) a;
  const RkSVenue *y = *(RkSVenue * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* A letter per program, in the legend and before each event, for copies
 * where the colours are greys. Circled small letters: the print's font
 * (IPAexGothic) has them, so no second font is loaded for them. */
static const char * const program_symbols[] = {
  "ⓐ", "ⓑ", "ⓒ", "ⓓ", "ⓔ", "ⓕ", "ⓖ", "ⓗ", "ⓘ", "ⓙ", "ⓚ", "ⓛ", "ⓜ",
  "ⓝ", "ⓞ", "ⓟ", "ⓠ", "ⓡ", "ⓢ", "ⓣ", "ⓤ", "ⓥ", "ⓦ", "ⓧ", "ⓨ", "ⓩ",
};

char *
rk_report_weekly_closing_text (const RkSVenue *v)
{
  g_autoptr(GString) days = g_string_new (NULL);

  for (int wd = 1; wd <= 7; wd++)
    if (rk_report_venue_weekly_closed (v, wd))
      g_string_append_printf (days, "%s%s", days->len ? "・" : "", rk_report_weekday (wd % 7));
  if (v->closed_on_holidays)
    g_string_append_printf (days, "%s%s", days->len ? "・" : "", _("national holidays"));
  if (days->len == 0)
    return NULL;
  return g_strdup_printf (_("Closed: %s"), days->str);
}

/* The reason written for the closing that closes venue on day, NULL when
 * none was given (or it is closed for a national holiday). */
const char *
rk_report_closing_reason (const RkSVenue *venue, RkDay day)
{
  const char *reason = NULL;
  gboolean closed = rk_venue_closed_on (venue, day, &reason);

  if (!closed || reason == NULL)
    return NULL;
  for (guint i = 0; i < venue->closings->len; i++)
    {
      const RkClosing *c = &g_array_index (venue->closings, RkClosing, i);

      if (c->reason == reason)
        return reason;
    }
  return NULL;
}

gboolean
rk_report_venue_weekly_closed (const RkSVenue *venue, int weekday)
{
  for (guint i = 0; i < venue->closings->len; i++)
    {
      const RkClosing *c = &g_array_index (venue->closings, RkClosing, i);

      if (c->kind == RK_CLOSING_WEEKDAY && c->weekday == weekday)
        return TRUE;
    }
  return FALSE;
}

static void
fill_staff (RkMonthReport *self, RkSchedule *schedule, const RkOcc *occ, Item *it,
            GHashTable *roster_seen)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  int required[RK_N_ROLES], counts[RK_N_ROLES];

  rk_occ_staff (occ, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      RkSStaff *st = rk_schedule_staff (schedule, id);
      StaffMark mark;

      if (st == NULL || !st->active)
        continue;
      mark.staff_id = id;
      mark.tentative = rk_occ_staff_tentative (occ, id);
      {
        char buf[11];
        g_autofree char *key = g_strdup_printf ("%" PRId64 "/%" PRId64 "/%s", id, occ->event->id,
                                                rk_date_format_buf (it->day, buf));

        mark.double_booked = self->clashes && g_hash_table_contains (self->clashes, key);
        self->any_clash |= mark.double_booked;
      }
      if (names->len)
        {
          g_string_append (names, rk_report_list_sep ());
          g_string_append (full, rk_report_list_sep ());
        }
      g_string_append (names, st->name);
      g_string_append_printf (full, "%s（%s）", st->name, _(rk_role_msgid (st->role)));
      if (mark.tentative)
        g_string_append (full, _("(tentative)"));
      if (mark.double_booked && !it->cancelled)
        g_string_append_printf (full, "【%s】", _("Double-booked"));
      if (it->cancelled)
        continue;
      g_array_append_val (it->staff, mark);
      if (!g_hash_table_contains (roster_seen, &st->id))
        {
          RosterRow *row = g_new0 (RosterRow, 1);

          row->id = st->id;
          row->name = g_strdup (st->name);
          row->kana = g_strdup (st->kana);
          row->role = st->role;
          g_ptr_array_add (self->roster, row);
          g_hash_table_add (roster_seen, &row->id);
        }
    }
  it->staff_short = g_string_free (g_steal_pointer (&names), FALSE);
  it->staff_full = g_string_free (g_steal_pointer (&full), FALSE);

  if (it->cancelled)
    return;
  rk_occ_required (occ, required);
  rk_occ_role_counts (schedule, occ, counts);
  for (int r = 0; r < RK_N_ROLES; r++)
    if (counts[r] < required[r])
      {
        if (missing->len)
          g_string_append (missing, rk_report_list_sep ());
        g_string_append_printf (missing, "%s %d/%d", _(rk_role_msgid (r)), counts[r], required[r]);
      }
  if (missing->len)
    it->shortage = g_strdup_printf (_("Short of staff: %s"), missing->str);
}

/* The double bookings `check` reports for the month, as
 * "staff/event/date" of each occurrence in one. */
static GHashTable *
staff_clashes (RkSchedule *schedule, GArray *occs, RkDay first, RkDay last)
{
  g_autoptr(GPtrArray) problems = rk_check (schedule, occs, first, last, first);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);

      if (g_strcmp0 (rk_problem_get_kind (p), "staff_double_booked") != 0 || ids == NULL)
        continue;
      for (guint k = 0; k < ids->len; k++)
        g_hash_table_add (out, g_strdup_printf ("%" PRId64 "/%" PRId64 "/%s",
                                                rk_problem_get_staff_id (p),
                                                g_array_index (ids, gint64, k),
                                                rk_problem_get_date (p)));
    }
  return out;
}

static void
add_every_venue (RkSchedule *schedule, GPtrArray *out)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, schedule->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, value);
}

static void
build_model (RkMonthReport *self, RkSchedule *schedule, GArray *occs)
{
  const RkReportOptions *o = &self->options;
  gboolean staff = o->audience == RK_AUDIENCE_STAFF;
  int n_days = rk_days_in_month (o->year, o->month);
  RkDay first = rk_day_from_ymd (o->year, o->month, 1);
  RkDay last = first + n_days - 1;
  int lead;
  RkDay grid_first;
  g_autoptr(GPtrArray) venues = g_ptr_array_new ();
  g_autoptr(GHashTable) venue_seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) program_seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) roster_seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  self->date_title = rk_report_month_title (o->year, o->month);
  if (staff)
    self->clashes = staff_clashes (schedule, occs, first, last);

  for (guint i = 0; occs && i < occs->len; i++)
    {
      const RkOcc *occ = &g_array_index (occs, RkOcc, i);
      RkSEvent *e = occ->event;
      RkDay day = rk_occ_day (occ);
      RkSVenue *v = rk_sevent_venue (e);
      Item *it;

      if (day < first || day > last || !venue_matches (o, e))
        continue;
      if (occ->status == RK_OCC_SKIPPED)
        continue;
      /* A cancelled occurrence stays on the public copy too, struck
       * through with 中止: families who saw last month's sheet need to know. */
      if (occ->status == RK_OCC_TENTATIVE && !staff && !o->include_tentative)
        continue;
      if (!staff && rk_sevent_staff_only (e))
        continue;

      it = g_new0 (Item, 1);
      it->day = day;
      it->cancelled = occ->status == RK_OCC_CANCELLED;
      it->tentative = occ->status == RK_OCC_TENTATIVE;
      it->start = it->cancelled ? rk_minute_make (occ->orig_date, rk_minute_of_day (occ->start))
                                : occ->start;
      it->all_day = e->all_day;
      if (e->all_day)
        {
          it->time_text = all_day_text (it->start, it->start + (occ->end - occ->start));
          it->start_text = g_strdup (it->time_text);
        }
      else
        {
          it->time_text = time_range_text (it->start, it->start + (occ->end - occ->start));
          it->start_text = time_range_text (it->start, it->start);
        }
      it->title = g_strdup (rk_sevent_title (e));
      it->staff = g_array_new (FALSE, FALSE, sizeof (StaffMark));
      it->color = C_NO_PROGRAM;
      if (e->program)
        {
          it->program_id = e->program->id;
          parse_color (e->program->color, &it->color);
          if (!rk_report_is_blank (e->program->audience))
            it->audience = g_strdup (e->program->audience);
          if (!rk_report_is_blank (e->program->bring))
            it->bring = g_strdup (e->program->bring);
          if (!it->cancelled && !g_hash_table_contains (program_seen, &e->program->id))
            {
              LegendEntry *l = g_new0 (LegendEntry, 1);

              l->id = e->program->id;
              l->name = g_strdup (e->program->name);
              l->audience = g_strdup (it->audience);
              l->bring = g_strdup (it->bring);
              l->color = it->color;
              l->symbol = self->legend->len < G_N_ELEMENTS (program_symbols)
                          ? program_symbols[self->legend->len] : NULL;
              g_ptr_array_add (self->legend, l);
              g_hash_table_add (program_seen, &l->id);
            }
        }
      if (v && !it->cancelled && !g_hash_table_contains (venue_seen, &v->id))
        {
          g_ptr_array_add (venues, v);
          g_hash_table_add (venue_seen, &v->id);
        }
      if (staff)
        {
          if (!rk_report_is_blank (e->notes))
            it->notes = g_strdup (e->notes);
          if (occ->moved && occ->orig_date != day && !it->cancelled)
            {
              int m, d;

              rk_day_to_ymd (occ->orig_date, NULL, &m, &d);
              {
                g_autofree char *from = rk_report_month_day (m, d);

                it->moved = occ->reason
                                ? g_strdup_printf (_("Moved from %s (%s)"), from, occ->reason)
                                : g_strdup_printf (_("Moved from %s"), from);
              }
            }
          fill_staff (self, schedule, occ, it, roster_seen);
        }
      /* The place is filled in below, once we know whether the print
       * covers one venue or several. */
      it->room = e->room;
      g_ptr_array_add (self->items, it);
    }

  if (o->venue_id)
    {
      RkSVenue *v = rk_schedule_venue (schedule, o->venue_id);

      g_ptr_array_set_size (venues, 0);
      if (v)
        g_ptr_array_add (venues, v);
    }
  else if (venues->len == 0)
    {
      /* A month without events still says who is where, and how to call. */
      add_every_venue (schedule, venues);
    }
  g_ptr_array_sort (venues, venue_compare);
  self->one_venue = venues->len <= 1;

  /* Whose notices: the one venue's; on a joint print every venue's, also
   * one without events this month (its closing notice matters most). */
  if (self->one_venue)
    {
      for (guint i = 0; i < venues->len; i++)
        g_array_append_val (self->notice_ids, ((RkSVenue *) g_ptr_array_index (venues, i))->id);
    }
  else
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      add_every_venue (schedule, all);
      g_ptr_array_sort (all, venue_compare);
      self->notice_names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < all->len; i++)
        {
          RkSVenue *v = g_ptr_array_index (all, i);

          g_array_append_val (self->notice_ids, v->id);
          g_ptr_array_add (self->notice_names, g_strdup (v->name));
        }
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *it = g_ptr_array_index (self->items, i);
      const RkSRoom *room = it->room;

      it->room = NULL;
      if (room == NULL)
        continue;
      if (self->one_venue || room->venue == NULL)
        it->place = g_strdup (room->name);
      else
        {
          it->place = g_strdup_printf ("%s（%s）", room->venue->name, room->name);
          it->venue_name = g_strdup (room->venue->name);
          it->room_name = g_strdup (room->name);
        }
    }

  if (venues->len == 1)
    {
      self->heading = g_strdup (((RkSVenue *) g_ptr_array_index (venues, 0))->name);
      self->subtitle = g_strdup (_("Event schedule"));
    }
  else if (venues->len >= 2 && venues->len <= 3)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < venues->len; i++)
        {
          if (i)
            g_string_append (s, "・");
          g_string_append (s, ((RkSVenue *) g_ptr_array_index (venues, i))->name);
        }
      self->heading = g_string_free (g_steal_pointer (&s), FALSE);
      self->subtitle = g_strdup (_("Joint event schedule"));
    }
  else
    {
      self->heading = NULL;
      self->subtitle = g_strdup (_("Joint event schedule"));
    }

  for (guint i = 0; i < venues->len; i++)
    {
      RkSVenue *v = g_ptr_array_index (venues, i);
      g_autoptr(GString) s = g_string_new (NULL);
      g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", v->name);

      g_string_append (s, name);
      if (!rk_report_is_blank (v->address))
        {
          g_autofree char *m = g_markup_printf_escaped ("　%s", v->address);

          g_string_append (s, m);
        }
      if (!rk_report_is_blank (v->contact))
        {
          g_autofree char *m = g_markup_printf_escaped ("　%s", v->contact);

          g_string_append (s, m);
        }
      {
        /* Closed every week (and on holidays): said here once, not in
         * every cell of a joint print. */
        g_autofree char *t = rk_report_weekly_closing_text (v);

        if (t)
          {
            g_autofree char *m = g_markup_printf_escaped ("　<b>%s</b>", t);

            g_string_append (s, m);
          }
      }
      g_ptr_array_add (self->contacts, g_string_free (g_steal_pointer (&s), FALSE));
    }

  /* The grid: whole weeks around the month. */
  if (o->monday_first)
    lead = rk_day_weekday (first) - 1;
  else
    lead = rk_day_weekday (first) % 7;
  grid_first = first - lead;
  self->n_weeks = (lead + n_days + 6) / 7;
  g_array_set_size (self->days, self->n_weeks * 7);
  for (int i = 0; i < self->n_weeks * 7; i++)
    {
      DayInfo *d = &g_array_index (self->days, DayInfo, i);
      int y, m;

      d->day = grid_first + i;
      rk_day_to_ymd (d->day, &y, &m, &d->mday);
      d->weekday = rk_day_weekday (d->day);
      d->in_month = d->day >= first && d->day <= last;
      d->items = g_ptr_array_new ();
      {
        const RkHoliday *h = rk_holiday_lookup (y, m, d->mday);

        /* In the print's language, as the staff sheet and year plan. */
        d->holiday = h ? rk_print_holiday_name (o->language, h) : NULL;
      }
      if (!d->in_month || venues->len == 0)
        continue;
      {
        g_autoptr(GString) names = g_string_new (NULL);
        const char *reason = NULL;
        guint n_closed = 0;

        for (guint v = 0; v < venues->len; v++)
          {
            RkSVenue *venue = g_ptr_array_index (venues, v);
            const char *why = rk_report_closing_reason (venue, d->day);

            if (!rk_venue_closed_on (venue, d->day, NULL))
              continue;
            n_closed++;
            if (rk_report_venue_weekly_closed (venue, d->weekday))
              continue;     /* said once, under the grid */
            if (names->len)
              g_string_append (names, "・");
            g_string_append (names, venue->name);
            if (why)
              g_string_append_printf (names, "（%s）", why);
            if (reason == NULL)
              reason = why;
          }
        if (n_closed == venues->len)
          {
            d->closed = g_strdup (_("Closed"));
            d->closed_all = TRUE;
            if (reason)
              d->closed_line = g_strdup (reason);
          }
        else if (names->len)
          d->closed_line = g_strdup_printf (_("Closed: %s"), names->str);
      }
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *it = g_ptr_array_index (self->items, i);
      DayInfo *d = &g_array_index (self->days, DayInfo, it->day - grid_first);

      g_ptr_array_add (d->items, it);
    }

  g_ptr_array_sort (self->roster, roster_row_compare);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *it = g_ptr_array_index (self->items, i);

      for (guint k = 0; it->program_id && k < self->legend->len; k++)
        {
          LegendEntry *l = g_ptr_array_index (self->legend, k);

          if (l->id == it->program_id)
            it->symbol = l->symbol;
        }
    }
  g_clear_pointer (&self->clashes, g_hash_table_unref);
}

static void
options_normalise (RkReportOptions *o)
{
  if (o->audience == RK_AUDIENCE_STAFF)
    o->include_tentative = TRUE;
}

RkMonthReport *
rk_month_report_new_for_schedule (RkSchedule            *schedule,
                                  GArray                *occs,
                                  const RkReportOptions *options)
{
  RkMonthReport *self;

  g_return_val_if_fail (schedule != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->month >= 1 && options->month <= 12, NULL);
  g_return_val_if_fail (options->year >= 1 && options->year <= 9999, NULL);

  self = g_object_new (RK_TYPE_MONTH_REPORT, NULL);
  self->options = *options;
  options_normalise (&self->options);
  {
    int previous = rk_print_language_push (self->options.language);

    build_model (self, schedule, occs);
    rk_print_language_pop (previous);
  }
  return self;
}

gboolean
rk_report_check_venue (RkSchedule *schedule, gint64 venue_id, GError **error)
{
  g_autofree char *id = NULL;

  if (venue_id == 0 || rk_schedule_venue (schedule, venue_id) != NULL)
    return TRUE;
  /* The id formatted apart, so that the message stays one msgid. */
  id = g_strdup_printf ("%" PRId64, venue_id);
  g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
               _("There is no venue %s; see “renkei-cli venue list”"), id);
  return FALSE;
}

RkMonthReport *
rk_month_report_new (RkStore               *store,
                     const RkReportOptions *options,
                     GError               **error)
{
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GHashTable) notices = NULL;
  RkMonthReport *report;
  RkDay first, last;

  g_return_val_if_fail (RK_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->month < 1 || options->month > 12 || options->year < 1 || options->year > 9999)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%04d-%02d is not a month; give it as YYYY-MM"), options->year,
                   options->month);
      return NULL;
    }
  first = rk_day_from_ymd (options->year, options->month, 1);
  last = first + rk_days_in_month (options->year, options->month) - 1;
  /* What the month view loads: the month's occurrences with their staff,
   * what `check` finds in them, and nothing of the series beyond (the
   * print copies no event; /report/view-load compares it with a whole
   * schedule's print). */
  schedule = rk_store_load_view (store, first, last, error);
  if (schedule == NULL)
    return NULL;
  if (!rk_report_check_venue (schedule, options->venue_id, error))
    return NULL;
  occs = rk_schedule_expand (schedule, first, last, error);
  if (occs == NULL)
    return NULL;
  notices = rk_store_list_venue_notices (store, options->year, options->month, error);
  if (notices == NULL)
    return NULL;
  report = rk_month_report_new_for_schedule (schedule, occs, options);
  rk_month_report_set_notices (report, notices);
  return report;
}

void
rk_month_report_set_notices (RkMonthReport *self, GHashTable *notices)
{
  g_return_if_fail (RK_IS_MONTH_REPORT (self));

  g_ptr_array_set_size (self->notices, 0);
  for (guint i = 0; notices && i < self->notice_ids->len; i++)
    {
      gint64 id = g_array_index (self->notice_ids, gint64, i);
      const char *text = g_hash_table_lookup (notices, &id);

      if (rk_report_is_blank (text))
        continue;
      if (self->notice_names)
        g_ptr_array_add (self->notices,
                         g_markup_printf_escaped ("<b>%s</b>　%s",
                                                  (char *) g_ptr_array_index (self->notice_names, i),
                                                  text));
      else
        g_ptr_array_add (self->notices, g_markup_escape_text (text, -1));
    }
  g_clear_pointer (&self->pages, rk_report_pages_free);
}

const RkReportOptions *
rk_month_report_get_options (RkMonthReport *self)
{
  g_return_val_if_fail (RK_IS_MONTH_REPORT (self), NULL);
  return &self->options;
}

static Pages *
ensure_pages (RkMonthReport *self, double width, double height)
{
  if (self->pages && self->pages->width == width && self->pages->height == height)
    return self->pages;
  int previous;

  rk_report_pages_free (self->pages);
  previous = rk_print_language_push (self->options.language);
  self->pages = rk_report_pages_build (self, width, height);
  rk_print_language_pop (previous);
  return self->pages;
}

int
rk_month_report_get_n_pages (RkMonthReport *self,
                             double         width_pt,
                             double         height_pt)
{
  g_return_val_if_fail (RK_IS_MONTH_REPORT (self), 0);
  g_return_val_if_fail (width_pt > 0 && height_pt > 0, 0);

  return (int) ensure_pages (self, width_pt, height_pt)->pages->len;
}

void
rk_month_report_draw_page (RkMonthReport *self,
                           cairo_t       *cr,
                           int            page,
                           double         width_pt,
                           double         height_pt)
{
  Pages *pages;

  g_return_if_fail (RK_IS_MONTH_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width_pt > 0 && height_pt > 0);

  pages = ensure_pages (self, width_pt, height_pt);
  g_return_if_fail (page >= 0 && (guint) page < pages->pages->len);

  rk_report_ops_draw (cr, g_ptr_array_index (pages->pages, page));
}

/* ---------------------------------------------------------------------- */
/* PDF                                                                      */

static void
draw_report_page (gpointer data, cairo_t *cr, int page, double width, double height)
{
  rk_month_report_draw_page (data, cr, page, width, height);
}

gboolean
rk_month_report_write_pdf (RkMonthReport *self,
                           const char    *path,
                           GError       **error)
{
  g_autofree char *title = NULL;
  double w, h;

  g_return_val_if_fail (RK_IS_MONTH_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  w = self->options.portrait ? RK_REPORT_A4_SHORT_PT : RK_REPORT_A4_LONG_PT;
  h = self->options.portrait ? RK_REPORT_A4_LONG_PT : RK_REPORT_A4_SHORT_PT;
  title = g_strdup_printf ("%s %s", self->heading ? self->heading : self->subtitle,
                           self->date_title);
  /* Through the one writer of exports: a device or pipe as asked, a link
   * followed, the whole file or nothing, the staff version 0600. */
  {
    g_autoptr(GBytes) pdf = rk_report_pdf_pages_bytes (w, h, title,
                                                       rk_month_report_get_n_pages (self, w, h),
                                                       draw_report_page, self, error);

    return pdf != NULL &&
           rk_output_write_file (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                 self->options.audience == RK_AUDIENCE_STAFF, error);
  }
}
