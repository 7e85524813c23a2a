#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <inttypes.h>
#include <libical/ical.h>
#include <string.h>

#include "rk-check.h"
#include "rk-error.h"
#include "rk-holidays.h"
#include "rk-staff-sheet.h"
#include "rk-month-report-private.h"

/* ---------------------------------------------------------------------- */
/* What the sheet shows, copied out of the schedule.                        */

typedef struct
{
  gint64    event_id;
  RkDay     orig_date, day;
  RkMinute  start, end;
  gboolean  all_day;
  char     *title;
  char     *place;          /* venue（room） */
  char     *address;
  char     *bring;
  char     *notes;
  char     *clash;          /* the titles it is double booked with, NULL when none */
  gboolean  tentative;
  gboolean  cancelled;
} Duty;

struct _RkStaffSheet
{
  RkPrintLanguage  language;
  gint64           staff_id;
  char            *name;
  char            *subtitle;     /* role · organisation */
  char            *title;
  char            *month_title;
  char            *timezone;
  int              year, month;
  GArray          *duties;       /* Duty, by start */
  gboolean         closed[32];   /* by day of month: every place they work at is closed */
  const char      *holiday[32];
  Pages           *pages;
};

static void
duty_clear (gpointer data)
{
  Duty *d = data;

  g_free (d->title);
  g_free (d->place);
  g_free (d->address);
  g_free (d->bring);
  g_free (d->notes);
  g_free (d->clash);
}

void
rk_staff_sheet_free (RkStaffSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_free (sheet->subtitle);
  g_free (sheet->title);
  g_free (sheet->month_title);
  g_free (sheet->timezone);
  g_array_unref (sheet->duties);
  rk_report_pages_free (sheet->pages);
  g_free (sheet);
}

static gboolean
blank (const char *s)
{
  return rk_report_is_blank (s);
}

/* The double bookings `check` finds for this person: "event-id/date" →
 * the other events' titles. */
static GHashTable *
clashes_of (RkSchedule *schedule, GPtrArray *problems, gint64 staff_id)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);

      if (g_strcmp0 (rk_problem_get_kind (p), "staff_double_booked") != 0 ||
          rk_problem_get_staff_id (p) != staff_id || ids == NULL)
        continue;
      for (guint k = 0; k < ids->len; k++)
        {
          gint64 id = g_array_index (ids, gint64, k);
          char *key = g_strdup_printf ("%" PRId64 "/%s", id, rk_problem_get_date (p));
          g_autoptr(GString) others = g_string_new (g_hash_table_lookup (out, key));

          for (guint j = 0; j < ids->len; j++)
            {
              RkSEvent *e = rk_schedule_event (schedule, g_array_index (ids, gint64, j));

              if (j == k || e == NULL || strstr (others->str, rk_sevent_title (e)))
                continue;
              if (others->len)
                g_string_append (others, rk_report_list_sep ());
              g_string_append (others, rk_sevent_title (e));
            }
          g_hash_table_replace (out, key, g_string_free (g_steal_pointer (&others), FALSE));
        }
    }
  return out;
}

static RkStaffSheet *
sheet_build (RkSchedule *schedule, GArray *occs, GPtrArray *problems, RkSStaff *st, int year,
             int month, RkPrintLanguage language)
{
  RkStaffSheet *sheet = g_new0 (RkStaffSheet, 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) clashes = clashes_of (schedule, problems, st->id);
  g_autoptr(GPtrArray) venues = g_ptr_array_new ();
  RkDay first = rk_day_from_ymd (year, month, 1);
  int n_days = rk_days_in_month (year, month);

  sheet->language = language;
  sheet->staff_id = st->id;
  sheet->name = g_strdup (st->name);
  sheet->year = year;
  sheet->month = month;
  sheet->timezone = g_strdup (schedule->timezone);
  sheet->month_title = rk_report_month_title (year, month);
  /* TRANSLATORS: heading of one person's printed schedule: name, month */
  sheet->title = g_strdup_printf (_("%s — schedule for %s"), st->name, sheet->month_title);
  sheet->subtitle = g_strdup_printf ("%s%s%s", _(rk_role_msgid (st->role)),
                                     blank (st->org) ? "" : " · ", blank (st->org) ? "" : st->org);
  sheet->duties = g_array_new (FALSE, TRUE, sizeof (Duty));
  g_array_set_clear_func (sheet->duties, duty_clear);

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const RkSEvent *e = o->event;
      RkSVenue *venue = rk_sevent_venue (e);
      gboolean on = FALSE;
      Duty d = { 0 };
      char buf[11];

      if (o->status == RK_OCC_SKIPPED || rk_minute_day (o->start) < first ||
          rk_minute_day (o->start) >= first + n_days)
        continue;
      rk_occ_staff (o, ids);
      for (guint k = 0; k < ids->len; k++)
        on = on || g_array_index (ids, gint64, k) == st->id;
      if (!on)
        continue;
      d.event_id = e->id;
      d.orig_date = o->orig_date;
      d.day = rk_minute_day (o->start);
      d.start = o->start;
      d.end = o->end;
      d.all_day = e->all_day;
      d.title = g_strdup (rk_sevent_title (e));
      if (e->room)
        d.place = venue ? g_strdup_printf ("%s（%s）", venue->name, e->room->name)
                        : g_strdup (e->room->name);
      if (venue && !blank (venue->address))
        d.address = g_strdup (venue->address);
      if (e->program && !blank (e->program->bring))
        d.bring = g_strdup (e->program->bring);
      if (!blank (e->notes))
        d.notes = g_strdup (e->notes);
      d.cancelled = o->status == RK_OCC_CANCELLED;
      d.tentative = !d.cancelled && (o->status == RK_OCC_TENTATIVE ||
                                     rk_occ_staff_tentative (o, st->id));
      {
        g_autofree char *key = g_strdup_printf ("%" PRId64 "/%s", e->id,
                                                rk_date_format_buf (d.day, buf));

        d.clash = g_strdup (g_hash_table_lookup (clashes, key));
      }
      if (venue && !d.cancelled && !g_ptr_array_find (venues, venue, NULL))
        g_ptr_array_add (venues, venue);
      g_array_append_val (sheet->duties, d);
    }

  for (int m = 1; m <= n_days; m++)
    {
      const RkHoliday *h = rk_holiday_lookup (year, month, m);
      gboolean all = venues->len > 0;

      for (guint v = 0; v < venues->len; v++)
        all = all && rk_venue_closed_on (g_ptr_array_index (venues, v), first + m - 1, NULL);
      sheet->closed[m] = all;
      if (h)
        sheet->holiday[m] = rk_print_holiday_name (language, h);
    }
  return sheet;
}

static int
compare_staff (gconstpointer a, gconstpointer b)
{
  const RkSStaff *x = *(RkSStaff * const *) a;
  const RkSStaff *y = *(RkSStaff * const *) b;
  int c = g_strcmp0 (x->kana && *x->kana ? x->kana : x->name, y->kana && *y->kana ? y->kana : y->name);

  return c ? c : (x->id > y->id) - (x->id < y->id);
}

GPtrArray *
rk_staff_sheets_new (RkStore *store, gint64 staff_id, int year, int month,
                     RkPrintLanguage language, GError **error)
{
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  GPtrArray *out;
  RkDay first, last;
  int previous;

  g_return_val_if_fail (RK_IS_STORE (store), NULL);
  if (month < 1 || month > 12 || year < 1900 || year > 2199)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%04d-%02d is not a month; give it as YYYY-MM"), year, month);
      return NULL;
    }
  first = rk_day_from_ymd (year, month, 1);
  last = first + rk_days_in_month (year, month) - 1;
  schedule = rk_store_load_schedule (store, first, last, error);
  if (schedule == NULL)
    return NULL;
  if (staff_id > 0)
    {
      RkSStaff *st = rk_schedule_staff (schedule, staff_id);

      if (st == NULL)
        {
          g_autofree char *id = g_strdup_printf ("%" PRId64, staff_id);

          g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                       _("There is no staff member %s; see “renkei-cli staff list”"), id);
          return NULL;
        }
      g_ptr_array_add (people, st);
    }
  else
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, schedule->staff);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (((RkSStaff *) value)->active)
          g_ptr_array_add (people, value);
      g_ptr_array_sort (people, compare_staff);
    }
  occs = rk_schedule_expand (schedule, first, last, error);
  if (occs == NULL)
    return NULL;
  problems = rk_check (schedule, occs, first, last, rk_store_today (store));

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) rk_staff_sheet_free);
  previous = rk_print_language_push (language);
  for (guint i = 0; i < people->len; i++)
    g_ptr_array_add (out, sheet_build (schedule, occs, problems, g_ptr_array_index (people, i),
                                       year, month, language));
  rk_print_language_pop (previous);
  return out;
}

gint64
rk_staff_sheet_get_staff_id (RkStaffSheet *sheet)
{
  return sheet->staff_id;
}

const char *
rk_staff_sheet_get_name (RkStaffSheet *sheet)
{
  return sheet->name;
}

const char *
rk_staff_sheet_get_title (RkStaffSheet *sheet)
{
  return sheet->title;
}

guint
rk_staff_sheet_get_n_duties (RkStaffSheet *sheet)
{
  return sheet->duties->len;
}

/* ---------------------------------------------------------------------- */
/* Pages                                                                    */

#define SHEET_MARGIN 34.0
#define S_TITLE 16.0
#define S_HEAD  10.0
#define S_BODY  10.0
#define S_LINE  9.0
#define S_CAL   8.0
#define DATE_W  92.0
#define CAL_ROW 24.0

static char *
time_text (const Duty *d)
{
  if (d->all_day)
    return g_strdup (_("All day"));
  return g_strdup_printf ("%02d:%02d%s%02d:%02d", rk_minute_of_day (d->start) / 60,
                          rk_minute_of_day (d->start) % 60, rk_report_range_sep (),
                          rk_minute_of_day (d->end) / 60, rk_minute_of_day (d->end) % 60);
}

/* The day's date: 12月9日（水） / Wed, Dec 9 */
static char *
date_text (const RkStaffSheet *sheet, RkDay day)
{
  int m, md;
  g_autofree char *md_text = NULL;
  const char *wd;

  rk_day_to_ymd (day, NULL, &m, &md);
  md_text = rk_report_month_day (m, md);
  wd = rk_report_weekday (rk_day_weekday (day) % 7);
  if (sheet->language == RK_PRINT_EN)
    return g_strdup_printf ("%s, %s", wd, md_text);
  return g_strdup_printf ("%s（%s）", md_text, wd);
}

static gboolean
red_day (const RkStaffSheet *sheet, RkDay day)
{
  int md;

  rk_day_to_ymd (day, NULL, NULL, &md);
  return rk_day_weekday (day) == 7 || sheet->holiday[md] != NULL;
}

/* The markup of a duty's right-hand column. */
static char *
duty_markup (const Duty *d)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *title = g_markup_printf_escaped ("<span size=\"%d\"><b>%s</b></span>",
                                                    (int) (10.5 * PANGO_SCALE), d->title);

  if (d->cancelled)
    {
      g_autofree char *m = g_markup_printf_escaped ("<b>【%s】</b>", _("Cancelled"));

      g_string_append (s, m);
      g_string_append_printf (s, "<s>%s</s>", title);
    }
  else
    g_string_append (s, title);
  if (d->tentative)
    {
      g_autofree char *m = g_markup_printf_escaped (" <b>【%s】</b>", _("Not confirmed"));

      g_string_append (s, m);
    }
  if (d->clash)
    {
      g_autofree char *t = g_strdup_printf (_("Double-booked with %s: tell the coordinator"),
                                            d->clash);
      g_autofree char *m = g_markup_printf_escaped ("\n<b>【%s】%s</b>", _("Double-booked"), t);

      g_string_append (s, m);
    }
  if (d->place || d->address)
    {
      g_autofree char *where = g_strdup_printf ("%s%s%s", d->place ? d->place : "",
                                                d->place && d->address ? "　" : "",
                                                d->address ? d->address : "");

      rk_report_append_field (s, "\n", _("Place: %s"), where);
    }
  if (d->bring)
    rk_report_append_field (s, "\n", _("Bring: %s"), d->bring);
  if (d->notes)
    {
      g_autofree char *t = g_strdup_printf (_("Notes: %s"), d->notes);
      g_autofree char *m = g_markup_printf_escaped ("\n<span foreground=\"" M_MUTED "\">%s</span>",
                                                    t);

      g_string_append (s, m);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The month at a glance: the days worked (with the first start), the days
 * every place of theirs is closed hatched, double bookings framed. */
static double
calendar_layout (Builder *b, RkStaffSheet *sheet, GArray *page, double y)
{
  RkDay first = rk_day_from_ymd (sheet->year, sheet->month, 1);
  int n_days = rk_days_in_month (sheet->year, sheet->month);
  int lead = rk_day_weekday (first) % 7;       /* Sunday first */
  int weeks = (lead + n_days + 6) / 7;
  double x = b->margin, w = b->W - 2 * b->margin, cw = w / 7, head = 13;

  for (int c = 0; c < 7; c++)
    {
      g_autoptr(PangoLayout) l = rk_report_text_new (b, rk_report_weekday (c), S_CAL, cw, 1);

      pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
      rk_report_op_rect (page, OP_FILL, x + c * cw, y, cw, head, C_HEAD, 0);
      rk_report_op_text (page, l, x + c * cw, y + (head - rk_report_text_height (l)) / 2,
                         C_WHITE);
    }
  y += head;
  for (int i = 0; i < weeks * 7; i++)
    {
      int md = i - lead + 1;
      double cx = x + (i % 7) * cw, cy = y + (i / 7) * CAL_ROW;
      RkDay day = first + md - 1;
      g_autoptr(GString) m = g_string_new (NULL);
      g_autoptr(PangoLayout) l = NULL;
      RkMinute earliest = -1;
      guint n = 0;
      gboolean clash = FALSE;

      if (md < 1 || md > n_days)
        {
          rk_report_op_rect (page, OP_FILL, cx, cy, cw, CAL_ROW, C_OTHER_BG, 0);
          continue;
        }
      if (sheet->closed[md])
        rk_report_hatch (page, cx, cy, cw, CAL_ROW);
      for (guint k = 0; k < sheet->duties->len; k++)
        {
          const Duty *d = &g_array_index (sheet->duties, Duty, k);

          if (d->day != day || d->cancelled)
            continue;
          n++;
          clash |= d->clash != NULL;
          if (earliest < 0 || d->start < earliest)
            earliest = d->start;
        }
      /* Sundays and holidays: a bold, red, underlined number — red is
       * grey on a copier, the weight and line are not. */
      if (red_day (sheet, day))
        g_string_append_printf (m, "<span foreground=\"" M_RED "\" underline=\"single\"><b>%d</b></span>",
                                md);
      else
        g_string_append_printf (m, "<b>%d</b>", md);
      if (sheet->closed[md])
        {
          g_autofree char *c = g_markup_printf_escaped (" <span foreground=\"" M_MUTED "\">%s</span>",
                                                        _("Closed"));

          g_string_append (m, c);
        }
      if (n)
        {
          g_autofree char *t = n > 1 ? g_strdup_printf ("%d:%02d +%u", rk_minute_of_day (earliest) / 60,
                                                        rk_minute_of_day (earliest) % 60, n - 1)
                                     : g_strdup_printf ("%d:%02d", rk_minute_of_day (earliest) / 60,
                                                        rk_minute_of_day (earliest) % 60);

          g_string_append_printf (m, "\n<b>%s</b>", t);
          rk_report_op_rect (page, OP_FILL, cx + 1, cy + 1, cw - 2, CAL_ROW - 2, C_CLOSED_BG, 0);
        }
      l = rk_report_text_new (b, m->str, S_CAL, cw - 4, 2);
      pango_layout_set_spacing (l, (int) (-1.5 * PANGO_SCALE));
      rk_report_op_text (page, l, cx + 2, cy + 1, C_TEXT);
      if (clash)
        rk_report_op_rect (page, OP_STROKE, cx + 1.5, cy + 1.5, cw - 3, CAL_ROW - 3, C_TEXT, 2.0);
    }
  for (int r = 0; r <= weeks; r++)
    rk_report_op_line (page, x, y + r * CAL_ROW, x + w, y + r * CAL_ROW, C_RULE, 0.4);
  for (int c = 1; c < 7; c++)
    rk_report_op_line (page, x + c * cw, y, x + c * cw, y + weeks * CAL_ROW, C_RULE, 0.4);
  rk_report_op_rect (page, OP_STROKE, x, y - head, w, head + weeks * CAL_ROW, C_FRAME, 0.8);
  return y + weeks * CAL_ROW;
}

static double
heading_layout (Builder *b, RkStaffSheet *sheet, GArray *page, gboolean first)
{
  double x = b->margin, w = b->W - 2 * b->margin, y = b->margin;
  g_autofree char *t = g_markup_printf_escaped ("<b>%s</b>", sheet->title);
  g_autoptr(PangoLayout) title = rk_report_text_new (b, t, first ? S_TITLE : S_HEAD, w - 70, 0);
  g_autofree char *badge_m = g_markup_printf_escaped ("<b>%s</b>", _("For staff only"));
  g_autoptr(PangoLayout) badge = rk_report_text_new (b, badge_m, S_LINE, 0, 0);
  double bw = rk_report_text_width (badge) + 8, bh = rk_report_text_height (badge) + 3;

  rk_report_op_text (page, title, x, y, C_TEXT);
  rk_report_op_rect (page, OP_STROKE, x + w - bw, y, bw, bh, C_TEXT, 0.9);
  rk_report_op_text (page, badge, x + w - bw + 4, y + 1.5, C_TEXT);
  y += MAX (rk_report_text_height (title), bh) + 2;
  if (first)
    {
      g_autoptr(PangoLayout) sub = rk_report_text_new (b, sheet->subtitle, S_HEAD, w, 0);

      rk_report_op_text (page, sub, x, y, C_MUTED);
      y += rk_report_text_height (sub) + 8;
      y = calendar_layout (b, sheet, page, y) + 10;
    }
  else
    y += 6;
  rk_report_op_line (page, x, y, x + w, y, C_FRAME, 0.8);
  return y + 5;
}

static Pages *
pages_build (RkStaffSheet *sheet, double width, double height)
{
  Builder b = { 0 };
  Pages *pages = g_new0 (Pages, 1);
  GArray *page;
  double x, w, y, bottom;

  pages->width = width;
  pages->height = height;
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  rk_report_builder_init (&b, width, height, pages->pages);
  b.margin = SHEET_MARGIN;
  x = b.margin;
  w = width - 2 * b.margin;
  bottom = height - b.margin - 14;

  page = rk_report_page_new (&b);
  y = heading_layout (&b, sheet, page, TRUE);
  if (sheet->duties->len == 0)
    {
      g_autoptr(PangoLayout) l = rk_report_text_new (&b, _("No duties this month."), S_BODY, w, 0);

      rk_report_op_text (page, l, x, y + 4, C_TEXT);
    }
  for (guint i = 0; i < sheet->duties->len; i++)
    {
      const Duty *d = &g_array_index (sheet->duties, Duty, i);
      gboolean same_day = i > 0 && g_array_index (sheet->duties, Duty, i - 1).day == d->day;
      g_autofree char *date = date_text (sheet, d->day);
      g_autofree char *time = time_text (d);
      g_autofree char *left_m = NULL;
      g_autofree char *right_m = duty_markup (d);
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = rk_report_text_new (&b, right_m, S_LINE, w - DATE_W - 6, 0);
      int md;
      double h;

      rk_day_to_ymd (d->day, NULL, NULL, &md);
      if (same_day)
        left_m = g_markup_printf_escaped ("%s", time);
      else if (red_day (sheet, d->day))
        left_m = g_markup_printf_escaped ("<span foreground=\"" M_RED "\" underline=\"single\">"
                                          "<b>%s</b></span>\n%s%s%s", date,
                                          sheet->holiday[md] ? sheet->holiday[md] : "",
                                          sheet->holiday[md] ? "\n" : "", time);
      else
        left_m = g_markup_printf_escaped ("<b>%s</b>\n%s", date, time);
      left = rk_report_text_new (&b, left_m, S_BODY, DATE_W - 4, 0);
      h = MAX (rk_report_text_height (left), rk_report_text_height (right)) + 8;
      if (y + h > bottom)
        {
          page = rk_report_page_new (&b);
          y = heading_layout (&b, sheet, page, FALSE);
        }
      if (d->clash)
        rk_report_op_rect (page, OP_FILL, x, y + 1, 3, h - 6, C_TEXT, 0);
      rk_report_op_text (page, left, x + (d->clash ? 6 : 0), y + 2,
                         d->cancelled ? C_MUTED : C_TEXT);
      rk_report_op_text (page, right, x + DATE_W + 6, y + 2, d->cancelled ? C_MUTED : C_TEXT);
      y += h;
      rk_report_op_line (page, x, y - 3, x + w, y - 3, C_RULE, 0.4);
    }

  for (guint p = 0; p < pages->pages->len; p++)
    {
      g_autofree char *m = g_strdup_printf (_("For staff only · page %d of %d"), p + 1,
                                            pages->pages->len);
      g_autoptr(PangoLayout) l = rk_report_text_new (&b, m, S_CAL, 0, 0);

      rk_report_op_text (g_ptr_array_index (pages->pages, p), l,
                         width - b.margin - rk_report_text_width (l), height - b.margin, C_MUTED);
    }
  rk_report_builder_clear (&b);
  return pages;
}

static Pages *
ensure_pages (RkStaffSheet *sheet, double width, double height)
{
  int previous;

  if (sheet->pages && sheet->pages->width == width && sheet->pages->height == height)
    return sheet->pages;
  rk_report_pages_free (sheet->pages);
  previous = rk_print_language_push (sheet->language);
  sheet->pages = pages_build (sheet, width, height);
  rk_print_language_pop (previous);
  return sheet->pages;
}

int
rk_staff_sheet_get_n_pages (RkStaffSheet *sheet, double width_pt, double height_pt)
{
  g_return_val_if_fail (sheet != NULL && width_pt > 0 && height_pt > 0, 0);
  return (int) ensure_pages (sheet, width_pt, height_pt)->pages->len;
}

void
rk_staff_sheet_draw_page (RkStaffSheet *sheet, cairo_t *cr, int page, double width_pt,
                          double height_pt)
{
  Pages *pages;

  g_return_if_fail (sheet != NULL && cr != NULL);
  pages = ensure_pages (sheet, width_pt, height_pt);
  g_return_if_fail (page >= 0 && (guint) page < pages->pages->len);
  rk_report_ops_draw (cr, g_ptr_array_index (pages->pages, page));
}

static void
draw_sheet_page (gpointer data, cairo_t *cr, int page, double width, double height)
{
  rk_staff_sheet_draw_page (data, cr, page, width, height);
}

GBytes *
rk_staff_sheet_pdf (RkStaffSheet *sheet, GError **error)
{
  double w = RK_REPORT_A4_SHORT_PT, h = RK_REPORT_A4_LONG_PT;

  g_return_val_if_fail (sheet != NULL, NULL);
  return rk_report_pdf_pages_bytes (w, h, sheet->title, rk_staff_sheet_get_n_pages (sheet, w, h),
                                    draw_sheet_page, sheet, error);
}

/* ---------------------------------------------------------------------- */
/* iCalendar                                                                */

static struct icaltimetype
utc_time (GTimeZone *tz, RkMinute t)
{
  int y, m, d, mod = rk_minute_of_day (t);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  struct icaltimetype it = icaltime_null_time ();

  rk_day_to_ymd (rk_minute_day (t), &y, &m, &d);
  local = g_date_time_new (tz, y, m, d, mod / 60, mod % 60, 0);
  utc = g_date_time_to_utc (local);
  it.year = g_date_time_get_year (utc);
  it.month = g_date_time_get_month (utc);
  it.day = g_date_time_get_day_of_month (utc);
  it.hour = g_date_time_get_hour (utc);
  it.minute = g_date_time_get_minute (utc);
  it.zone = icaltimezone_get_utc_timezone ();
  return it;
}

static struct icaltimetype
date_value (RkDay day)
{
  struct icaltimetype it = icaltime_null_date ();

  rk_day_to_ymd (day, &it.year, &it.month, &it.day);
  return it;
}

char *
rk_staff_sheet_ics (RkStaffSheet *sheet)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (sheet->timezone ? sheet->timezone
                                                                        : "Asia/Tokyo");
  icalcomponent *cal = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  struct icaltimetype now = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  char *text, *out;
  int previous = rk_print_language_push (sheet->language);

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  icalcomponent_add_property (cal, icalproperty_new_prodid ("-//Renkei//Renkei " PACKAGE_VERSION
                                                            "//JA"));
  icalcomponent_add_property (cal, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (cal, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (cal, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  {
    icalproperty *p = icalproperty_new_x (sheet->title);

    icalproperty_set_x_name (p, "X-WR-CALNAME");
    icalcomponent_add_property (cal, p);
  }
  for (guint i = 0; i < sheet->duties->len; i++)
    {
      const Duty *d = &g_array_index (sheet->duties, Duty, i);
      icalcomponent *ev = icalcomponent_new (ICAL_VEVENT_COMPONENT);
      g_autofree char *uid = NULL;
      g_autoptr(GString) desc = g_string_new (NULL);
      char buf[11];

      uid = g_strdup_printf ("renkei-staff-%" PRId64 "-%" PRId64 "-%s@renkei", sheet->staff_id,
                             d->event_id, rk_date_format_buf (d->orig_date, buf));
      icalcomponent_add_property (ev, icalproperty_new_uid (uid));
      icalcomponent_add_property (ev, icalproperty_new_dtstamp (now));
      icalcomponent_add_property (ev, icalproperty_new_summary (d->title));
      if (d->all_day)
        {
          icalcomponent_add_property (ev, icalproperty_new_dtstart (date_value (rk_minute_day (d->start))));
          icalcomponent_add_property (ev, icalproperty_new_dtend (date_value (rk_minute_day (d->end))));
        }
      else
        {
          icalcomponent_add_property (ev, icalproperty_new_dtstart (utc_time (tz, d->start)));
          icalcomponent_add_property (ev, icalproperty_new_dtend (utc_time (tz, d->end)));
        }
      if (d->place || d->address)
        {
          g_autofree char *where = g_strdup_printf ("%s%s%s", d->place ? d->place : "",
                                                    d->place && d->address ? " " : "",
                                                    d->address ? d->address : "");

          icalcomponent_add_property (ev, icalproperty_new_location (where));
        }
      if (d->clash)
        {
          g_string_append_printf (desc, "【%s】", _("Double-booked"));
          g_string_append_printf (desc, _("Double-booked with %s: tell the coordinator"),
                                  d->clash);
          g_string_append_c (desc, '\n');
        }
      if (d->bring)
        {
          g_string_append_printf (desc, _("Bring: %s"), d->bring);
          g_string_append_c (desc, '\n');
        }
      if (d->notes)
        {
          g_string_append_printf (desc, _("Notes: %s"), d->notes);
          g_string_append_c (desc, '\n');
        }
      if (desc->len)
        {
          g_string_truncate (desc, desc->len - 1);
          icalcomponent_add_property (ev, icalproperty_new_description (desc->str));
        }
      icalcomponent_add_property (ev, icalproperty_new_status (
                                        d->cancelled ? ICAL_STATUS_CANCELLED
                                        : d->tentative ? ICAL_STATUS_TENTATIVE
                                                       : ICAL_STATUS_CONFIRMED));
      icalcomponent_add_component (cal, ev);
    }
  rk_print_language_pop (previous);
  text = icalcomponent_as_ical_string (cal);
  out = g_strdup (text);
  icalcomponent_free (cal);
  return out;
}
