#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <inttypes.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rk-check.h"
#include "rk-era.h"
#include "rk-error.h"
#include "rk-holidays.h"
#include "rk-month-report.h"

/* The print is made for Japanese families and always uses Noto Sans CJK
 * with the language set to Japanese, so that shared Han code points take
 * their Japanese glyph forms whatever the session's locale. */
#define FONT_FAMILY "Noto Sans CJK JP, Noto Sans JP, sans-serif"

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb C_TEXT     = { 0.13, 0.13, 0.13 };
static const Rgb C_MUTED    = { 0.40, 0.40, 0.40 };
static const Rgb C_FAINT    = { 0.68, 0.68, 0.68 };
static const Rgb C_RULE     = { 0.62, 0.62, 0.62 };
static const Rgb C_FRAME    = { 0.30, 0.30, 0.30 };
static const Rgb C_RED      = { 0.80, 0.14, 0.14 };
static const Rgb C_BLUE     = { 0.10, 0.34, 0.70 };
static const Rgb C_HEAD     = { 0.33, 0.33, 0.33 };
static const Rgb C_RED_BG   = { 0.995, 0.925, 0.925 };
static const Rgb C_BLUE_BG  = { 0.925, 0.950, 0.995 };
static const Rgb C_OTHER_BG = { 0.955, 0.955, 0.955 };
static const Rgb C_CLOSED_BG = { 0.905, 0.905, 0.905 };
static const Rgb C_WHITE    = { 1.0, 1.0, 1.0 };
static const Rgb C_NO_PROGRAM = { 0.55, 0.55, 0.55 };

/* Few text sizes: every size is a font of its own to load glyphs for. */
#define PT_TINY  4.8
#define PT_SMALL 6.2
#define PT_BODY  7.4
#define PT_MED   8.8
#define PT_BIG   11.0
#define PT_HEAD  13.0
#define PT_DATE  20.0

#define M_RED    "#CC2424"
#define M_BLUE   "#1A57B3"
#define M_MUTED  "#666666"
#define M_ORANGE "#D35400"
#define M_STAFF  "#1B5E57"

/* Weekday names, like the date in the title, are Japanese on the print
 * whatever language the coordinator's desktop runs in: families read it as
 * a Japanese wall calendar. */
static const char * const weekday_kanji[7] = { "日", "月", "火", "水", "木", "金", "土" };

/* ---------------------------------------------------------------------- */
/* What the pages show, copied out of the schedule.                        */

typedef struct
{
  gint64   staff_id;
  gboolean tentative;
} StaffMark;

typedef struct
{
  RkDay     day;
  RkMinute  start;
  char     *time_text;
  char     *start_text;     /* the start alone, for one-line entries */
  gboolean  all_day;        /* whole days: printed without times */
  char     *title;
  char     *place;          /* venue（room）, or the room alone on a one-venue print */
  char     *venue_name;     /* NULL on a one-venue print */
  char     *room_name;
  char     *audience;
  char     *bring;
  char     *notes;          /* staff version only */
  char     *staff_short;    /* staff version only: names */
  char     *staff_full;     /* staff version only: names with roles */
  char     *shortage;       /* staff version only: roles missing, NULL when none */
  char     *moved;          /* staff version: where it was moved from and why */
  Rgb       color;
  gboolean  tentative;
  gboolean  cancelled;
  GArray   *staff;          /* StaffMark, active occurrences only */
  const RkSRoom *room;      /* only while the model is built */
} Item;

typedef struct
{
  RkDay       day;
  int         mday;
  int         weekday;      /* 1 Monday .. 7 Sunday */
  gboolean    in_month;
  const char *holiday;      /* static, from rk-holidays */
  char       *closed;       /* label, NULL when open */
  gboolean    closed_all;   /* every venue of the print is closed */
  GPtrArray  *items;        /* Item*, owned by the report's items */
} DayInfo;

typedef struct
{
  gint64  id;
  char   *name;
  char   *audience;
  char   *bring;
  Rgb     color;
} LegendEntry;

typedef struct
{
  gint64  id;
  char   *name;
  char   *kana;
  RkRole  role;
} RosterRow;

/* ---------------------------------------------------------------------- */
/* Laid-out pages: a display list per page, built once per page size.      */

typedef enum
{
  OP_FILL,
  OP_STROKE,
  OP_LINE,
  OP_TEXT,
} OpKind;

typedef struct
{
  OpKind       kind;
  double       x, y, w, h;      /* OP_LINE: from (x, y) to (w, h) */
  double       line_width;
  Rgb          color;
  double       dash;            /* OP_STROKE: dash length, 0 for solid */
  double       cx, cy, cw, ch;  /* OP_TEXT: clip rectangle, cw = 0 for none */
  PangoLayout *layout;
} Op;

typedef struct
{
  double     width, height;
  GPtrArray *pages;             /* GArray of Op */
} Pages;

struct _RkMonthReport
{
  GObject          parent_instance;

  RkReportOptions  options;
  char            *heading;     /* the hub name(s) */
  char            *subtitle;    /* "Event schedule" / "Joint event schedule" */
  char            *date_title;  /* 2026年（令和8年）12月 */
  gboolean         one_venue;
  GPtrArray       *contacts;    /* char*, markup, one line per venue */
  GPtrArray       *items;       /* Item* */
  GArray          *days;        /* DayInfo, the whole grid */
  int              n_weeks;
  GPtrArray       *legend;      /* LegendEntry* */
  GPtrArray       *roster;      /* RosterRow*, staff version */

  Pages           *pages;
};

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
  g_clear_pointer (&d->items, g_ptr_array_unref);
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static void
pages_free (Pages *p)
{
  if (p == NULL)
    return;
  g_ptr_array_unref (p->pages);
  g_free (p);
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
  pages_free (self->pages);

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

static gboolean
is_blank (const char *s)
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

      return g_strdup_printf ("%d:%02d〜%d:%02d", sm / 60, sm % 60, em / 60, em % 60);
    }
  else
    {
      int em = rk_minute_of_day (end), m, d;

      rk_day_to_ymd (rk_minute_day (end), NULL, &m, &d);
      return g_strdup_printf ("%d:%02d〜%d/%d %d:%02d", sm / 60, sm % 60, m, d, em / 60, em % 60);
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
      if (names->len)
        {
          g_string_append (names, "、");
          g_string_append (full, "、");
        }
      g_string_append (names, st->name);
      g_string_append_printf (full, "%s（%s）", st->name, rk_role_label (st->role));
      if (mark.tentative)
        g_string_append (full, _("(tentative)"));
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
          g_string_append (missing, "、");
        g_string_append_printf (missing, "%s %d/%d", rk_role_label (r), counts[r], required[r]);
      }
  if (missing->len)
    it->shortage = g_strdup_printf (_("Short of staff: %s"), missing->str);
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
  g_autofree char *era = NULL;

  era = rk_era_year_ja (o->year, o->month, 1);
  self->date_title = era ? g_strdup_printf ("%d年（%s）%d月", o->year, era, o->month)
                         : g_strdup_printf ("%d年%d月", o->year, o->month);

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
      if (occ->status == RK_OCC_CANCELLED && !staff)
        continue;
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
          parse_color (e->program->color, &it->color);
          if (!is_blank (e->program->audience))
            it->audience = g_strdup (e->program->audience);
          if (!is_blank (e->program->bring))
            it->bring = g_strdup (e->program->bring);
          if (!it->cancelled && !g_hash_table_contains (program_seen, &e->program->id))
            {
              LegendEntry *l = g_new0 (LegendEntry, 1);

              l->id = e->program->id;
              l->name = g_strdup (e->program->name);
              l->audience = g_strdup (it->audience);
              l->bring = g_strdup (it->bring);
              l->color = it->color;
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
          if (!is_blank (e->notes))
            it->notes = g_strdup (e->notes);
          if (occ->moved && occ->orig_date != day && !it->cancelled)
            {
              int m, d;

              rk_day_to_ymd (occ->orig_date, NULL, &m, &d);
              {
                g_autofree char *from = g_strdup_printf ("%d月%d日", m, d);

                it->moved = occ->reason ? g_strdup_printf (_("Moved from %s (%s)"), from, occ->reason)
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
  g_ptr_array_sort (venues, venue_compare);
  self->one_venue = venues->len <= 1;

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
      if (!is_blank (v->address))
        {
          g_autofree char *m = g_markup_printf_escaped ("　%s", v->address);

          g_string_append (s, m);
        }
      if (!is_blank (v->contact))
        {
          g_autofree char *m = g_markup_printf_escaped ("　%s", v->contact);

          g_string_append (s, m);
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

        d->holiday = h ? h->name_ja : NULL;
      }
      if (!d->in_month || venues->len == 0)
        continue;
      if (venues->len == 1)
        {
          if (rk_venue_closed_on (g_ptr_array_index (venues, 0), d->day, NULL))
            {
              d->closed = g_strdup (_("Closed"));
              d->closed_all = TRUE;
            }
        }
      else
        {
          g_autoptr(GString) names = g_string_new (NULL);
          guint n_closed = 0;

          for (guint v = 0; v < venues->len; v++)
            {
              RkSVenue *venue = g_ptr_array_index (venues, v);

              if (!rk_venue_closed_on (venue, d->day, NULL))
                continue;
              if (n_closed++)
                g_string_append (names, "・");
              g_string_append (names, venue->name);
            }
          if (n_closed == venues->len)
            {
              d->closed = g_strdup (_("Closed"));
              d->closed_all = TRUE;
            }
          else if (n_closed)
            d->closed = g_strdup_printf (_("Closed: %s"), names->str);
        }
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *it = g_ptr_array_index (self->items, i);
      DayInfo *d = &g_array_index (self->days, DayInfo, it->day - grid_first);

      g_ptr_array_add (d->items, it);
    }

  g_ptr_array_sort (self->roster, roster_row_compare);
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
  build_model (self, schedule, occs);
  return self;
}

RkMonthReport *
rk_month_report_new (RkStore               *store,
                     const RkReportOptions *options,
                     GError               **error)
{
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
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
  schedule = rk_store_load_schedule (store, first, last, error);
  if (schedule == NULL)
    return NULL;
  if (options->venue_id != 0 && rk_schedule_venue (schedule, options->venue_id) == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" PRId64, options->venue_id);

      /* The id formatted apart, so that the message stays one msgid. */
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("There is no venue %s; see “renkei-cli venue list”"), id);
      return NULL;
    }
  occs = rk_schedule_expand (schedule, first, last, error);
  if (occs == NULL)
    return NULL;
  return rk_month_report_new_for_schedule (schedule, occs, options);
}

const RkReportOptions *
rk_month_report_get_options (RkMonthReport *self)
{
  g_return_val_if_fail (RK_IS_MONTH_REPORT (self), NULL);
  return &self->options;
}

/* ---------------------------------------------------------------------- */
/* Layout                                                                   */

typedef struct
{
  PangoLayout *title, *place, *info, *staff, *shortage, *notes;
  double       height;
  gboolean     cut;           /* some of it ellipsized or left out */
} Block;

typedef struct
{
  guint     shown;            /* items drawn; the rest as "N more" */
  Block    *blocks;           /* one per item of the day */
  guint     n_blocks;
  int       agenda_page;      /* where the day's full list starts, -1 none */
} CellFit;

typedef struct
{
  RkMonthReport        *self;
  PangoContext         *ctx;
  PangoFontDescription *font;
  double                W, H;
  double                margin;
  gboolean              staff;
  gboolean              landscape;
  double                cell_line_h;   /* one line of an event's title */
  GPtrArray            *pages;     /* GArray of Op */
} Builder;

static GArray *
page_new (Builder *b)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (page, op_clear);
  g_ptr_array_add (b->pages, page);
  return page;
}

static void
op_rect (GArray *page, OpKind kind, double x, double y, double w, double h, Rgb c, double lw)
{
  Op op = { 0 };

  op.kind = kind;
  op.x = x;
  op.y = y;
  op.w = w;
  op.h = h;
  op.color = c;
  op.line_width = lw;
  g_array_append_val (page, op);
}

static void
op_dashed (GArray *page, double x, double y, double w, double h, Rgb c, double lw, double dash)
{
  op_rect (page, OP_STROKE, x, y, w, h, c, lw);
  g_array_index (page, Op, page->len - 1).dash = dash;
}

static void
op_line (GArray *page, double x1, double y1, double x2, double y2, Rgb c, double lw)
{
  op_rect (page, OP_LINE, x1, y1, x2, y2, c, lw);
}

/* Takes a reference on layout. clip_w 0: no clip. */
static void
op_text_clipped (GArray *page, PangoLayout *layout, double x, double y, Rgb c,
                 double cx, double cy, double cw, double ch)
{
  Op op = { 0 };

  op.kind = OP_TEXT;
  op.layout = g_object_ref (layout);
  op.x = x;
  op.y = y;
  op.color = c;
  op.cx = cx;
  op.cy = cy;
  op.cw = cw;
  op.ch = ch;
  g_array_append_val (page, op);
}

static void
op_text (GArray *page, PangoLayout *layout, double x, double y, Rgb c)
{
  op_text_clipped (page, layout, x, y, c, 0, 0, 0, 0);
}

/* A layout of markup at size points; width <= 0: one unwrapped line.
 * max_lines > 0 wraps at most that many lines and ends the last with "…". */
static PangoLayout *
text_new (Builder *b, const char *markup, double size, double width, int max_lines)
{
  PangoLayout *l = pango_layout_new (b->ctx);
  PangoFontDescription *fd = pango_font_description_copy_static (b->font);

  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  pango_layout_set_font_description (l, fd);
  pango_font_description_free (fd);
  if (width > 0)
    {
      pango_layout_set_width (l, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (l, -max_lines);
          pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
        }
    }
  pango_layout_set_markup (l, markup, -1);
  return l;
}

static double
text_height (PangoLayout *l)
{
  int w, h;

  if (l == NULL)
    return 0;
  pango_layout_get_size (l, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
text_width (PangoLayout *l)
{
  int w, h;

  pango_layout_get_size (l, &w, &h);
  return (double) w / PANGO_SCALE;
}

static gboolean
is_red_day (const DayInfo *d)
{
  return d->weekday == 7 || d->holiday != NULL;
}

static const char *
day_markup_color (const DayInfo *d)
{
  if (is_red_day (d))
    return M_RED;
  if (d->weekday == 6)
    return M_BLUE;
  return NULL;
}

static Rgb
day_color (const DayInfo *d)
{
  if (is_red_day (d))
    return C_RED;
  if (d->weekday == 6)
    return C_BLUE;
  return C_TEXT;
}

/* "12月12日（土）", Japanese on the print like the weekday header. */
static char *
day_long_text (const DayInfo *d)
{
  int m;

  rk_day_to_ymd (d->day, NULL, &m, NULL);
  return g_strdup_printf ("%d月%d日（%s）", m, d->mday, weekday_kanji[d->weekday % 7]);
}

/* The first line of an event: time, tentative/cancelled mark, title. */
static char *
item_title_markup (const Item *it, gboolean bold_title, gboolean start_only)
{
  g_autofree char *mark = NULL;
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (it->cancelled)
    mark = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\" weight=\"bold\">%s</span>",
                                    _("(cancelled)"));
  else if (it->tentative)
    mark = g_markup_printf_escaped ("<span foreground=\"" M_ORANGE "\" weight=\"bold\">%s</span>",
                                    _("(tentative)"));
  time = g_markup_printf_escaped ("<b>%s</b>", start_only ? it->start_text : it->time_text);
  title = g_markup_printf_escaped (bold_title ? "<b>%s</b>" : "%s", it->title);
  body = g_strconcat (time, " ", mark ? mark : "", mark ? " " : "", title, NULL);
  if (it->cancelled)
    return g_strdup_printf ("<span strikethrough=\"true\" foreground=\"" M_MUTED "\">%s</span>",
                            body);
  return g_steal_pointer (&body);
}

static void
block_clear (Block *bl)
{
  g_clear_object (&bl->title);
  g_clear_object (&bl->place);
  g_clear_object (&bl->info);
  g_clear_object (&bl->staff);
  g_clear_object (&bl->shortage);
  g_clear_object (&bl->notes);
}

/* Cell text sizes (points). */
#define CELL_TITLE_PT PT_BODY
#define CELL_SMALL_PT PT_SMALL
#define CELL_GAP      1.6
#define BAR_W         2.0

static gboolean
layout_cut (PangoLayout *l)
{
  return l != NULL && pango_layout_is_ellipsized (l);
}

/* How much of an event a day cell shows, from everything (0) down to the
 * time and title on one line (CELL_LEVEL_MIN). */
#define CELL_LEVEL_MIN 3

static void
block_measure_cell (Builder *b, const Item *it, double width, int level, Block *bl)
{
  static const int title_lines[] = { 3, 2, 1, 1 };
  g_autofree char *title = item_title_markup (it, FALSE, level >= 2);
  gboolean short_inline = b->staff && it->shortage && level == CELL_LEVEL_MIN;

  memset (bl, 0, sizeof *bl);
  if (short_inline)
    {
      /* No room for the line saying who is missing: a red tag instead. */
      g_autofree char *tag = g_markup_printf_escaped ("<span foreground=\"" M_RED "\" "
                                                      "weight=\"bold\">%s</span> ",
                                                      C_("short of staff", "Short"));
      g_autofree char *t = g_steal_pointer (&title);

      title = g_strconcat (tag, t, NULL);
    }
  bl->title = text_new (b, title, CELL_TITLE_PT, width, title_lines[level]);
  bl->cut = layout_cut (bl->title);
  if (it->place && level == 0 && it->venue_name)
    {
      /* Venue and room on lines of their own. A shortened venue name is
       * not a loss: every venue is written out in full under the grid. */
      g_autofree char *v = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->venue_name);
      g_autofree char *r = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->room_name);

      bl->info = text_new (b, v, CELL_SMALL_PT, width, 1);
      bl->place = text_new (b, r, CELL_SMALL_PT, width, 2);
      bl->cut |= layout_cut (bl->place);
    }
  else if (it->place && level < CELL_LEVEL_MIN)
    {
      g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->place);

      bl->place = text_new (b, m, CELL_SMALL_PT, width, level == 0 ? 2 : 1);
      bl->cut |= layout_cut (bl->place);
    }
  else if (it->place)
    bl->cut = TRUE;
  if (b->staff && !it->cancelled)
    {
      if (!is_blank (it->staff_short) && level < CELL_LEVEL_MIN)
        {
          g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_STAFF "\">%s</span>",
                                                        it->staff_short);

          bl->staff = text_new (b, m, CELL_SMALL_PT, width, level == 0 ? 2 : 1);
        }
      /* A missing nurse is what staff must see: a line of its own until
       * the tightest level, then a tag before the time. */
      if (it->shortage && !short_inline)
        {
          g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_RED "\" "
                                                        "weight=\"bold\">%s</span>",
                                                        it->shortage);

          bl->shortage = text_new (b, m, CELL_SMALL_PT, width, 1);
        }
    }
  bl->height = text_height (bl->title) + text_height (bl->info) + text_height (bl->place) +
               text_height (bl->staff) + text_height (bl->shortage) + CELL_GAP;
}

/* Draws an event's lines beside its colour bar; returns their height.
 * The bar is hollow (dashed) for a tentative event, grey for a cancelled
 * one. cw 0: no clip. */
static double
block_draw (GArray *page, const Block *bl, const Item *it, double x, double y,
            double cx, double cy, double cw, double ch)
{
  PangoLayout *parts[] = { bl->title, bl->info, bl->place, bl->staff, bl->shortage, bl->notes };
  double h = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i])
      {
        op_text_clipped (page, parts[i], x + BAR_W + 2.2, y + h, C_TEXT, cx, cy, cw, ch);
        h += text_height (parts[i]);
      }
  if (it->cancelled)
    op_rect (page, OP_FILL, x, y + 0.8, BAR_W, h - 1.6, C_FAINT, 0);
  else if (it->tentative)
    op_dashed (page, x + 0.4, y + 1.2, BAR_W - 0.8, h - 2.4, it->color, 0.8, 1.6);
  else
    op_rect (page, OP_FILL, x, y + 0.8, BAR_W, h - 1.6, it->color, 0);
  return h;
}

/* ---------------------------------------------------------------------- */

typedef struct
{
  double x, y, w, h;          /* the grid's frame */
  double head_h;              /* weekday header */
  double cell_w, cell_h;
  double band_y, band_h;      /* legend and contact under the grid */
  gboolean legend_on_page;
  gboolean contacts_on_page;
} CalendarGeometry;

static PangoLayout *
legend_layout (Builder *b, const LegendEntry *l, double size, double width)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", l->name);

  g_string_append (s, name);
  if (l->audience)
    {
      g_autofree char *t = g_strdup_printf (_("For: %s"), l->audience);
      g_autofree char *m = g_markup_printf_escaped ("　%s", t);

      g_string_append (s, m);
    }
  if (l->bring)
    {
      g_autofree char *t = g_strdup_printf (_("Bring: %s"), l->bring);
      g_autofree char *m = g_markup_printf_escaped ("　%s", t);

      g_string_append (s, m);
    }
  return text_new (b, s->str, size, width, 0);
}

#define LEGEND_PT   PT_BODY
#define CONTACT_PT  PT_BODY
#define SWATCH      6.0

static int
legend_columns (Builder *b)
{
  return b->landscape ? 2 : 1;
}

/* Height of the legend block in columns of the given width; fills
 * layouts (n = legend->len) when not NULL. */
static double
legend_measure (Builder *b, double col_w, PangoLayout **layouts)
{
  RkMonthReport *self = b->self;
  int cols = legend_columns (b);
  guint per_col = (self->legend->len + cols - 1) / cols;
  double best = 0;

  for (int c = 0; c < cols; c++)
    {
      double h = 0;

      for (guint i = c * per_col; i < MIN (self->legend->len, (c + 1) * per_col); i++)
        {
          PangoLayout *l = legend_layout (b, g_ptr_array_index (self->legend, i), LEGEND_PT,
                                          col_w - SWATCH - 4);

          h += text_height (l) + 1.5;
          if (layouts)
            layouts[i] = l;
          else
            g_object_unref (l);
        }
      best = MAX (best, h);
    }
  return best;
}

static void
legend_draw (Builder *b, GArray *page, double x, double y, double w)
{
  RkMonthReport *self = b->self;
  int cols = legend_columns (b);
  double gap = 14;
  double col_w = (w - gap * (cols - 1)) / cols;
  guint per_col = (self->legend->len + cols - 1) / cols;
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, self->legend->len + 1);

  legend_measure (b, col_w, layouts);
  for (int c = 0; c < cols; c++)
    {
      double yy = y;

      for (guint i = c * per_col; i < MIN (self->legend->len, (c + 1) * per_col); i++)
        {
          LegendEntry *l = g_ptr_array_index (self->legend, i);
          double line = text_height (layouts[i]);
          double first_line;
          PangoLayoutIter *iter = pango_layout_get_iter (layouts[i]);
          PangoRectangle r;

          /* The swatch centred on the first line of a wrapped entry. */
          pango_layout_iter_get_line_extents (iter, NULL, &r);
          first_line = (double) r.height / PANGO_SCALE;
          pango_layout_iter_free (iter);
          op_rect (page, OP_FILL, x + c * (col_w + gap), yy + (first_line - SWATCH) / 2,
                   SWATCH, SWATCH, l->color, 0);
          op_text (page, layouts[i], x + c * (col_w + gap) + SWATCH + 4, yy, C_TEXT);
          yy += line + 1.5;
        }
    }
  for (guint i = 0; i < self->legend->len; i++)
    g_clear_object (&layouts[i]);
}

static double
contacts_measure (Builder *b, double width, GPtrArray *out)
{
  RkMonthReport *self = b->self;
  double h = 0;

  for (guint i = 0; i < self->contacts->len; i++)
    {
      PangoLayout *l = text_new (b, g_ptr_array_index (self->contacts, i), CONTACT_PT, width, 0);

      h += text_height (l) + 1;
      if (out)
        g_ptr_array_add (out, l);
      else
        g_object_unref (l);
    }
  return h;
}

static void
contacts_draw (Builder *b, GArray *page, double x, double y, double w)
{
  g_autoptr(GPtrArray) ls = g_ptr_array_new_with_free_func (g_object_unref);

  contacts_measure (b, w, ls);
  for (guint i = 0; i < ls->len; i++)
    {
      PangoLayout *l = g_ptr_array_index (ls, i);

      op_text (page, l, x, y, C_TEXT);
      y += text_height (l) + 1;
    }
}

/* Title band: the date big on the left, hub name and kind of schedule on
 * the right. Returns its height. */
static double
title_draw (Builder *b, GArray *page, double x, double y, double w, gboolean small)
{
  RkMonthReport *self = b->self;
  g_autofree char *date = NULL;
  g_autofree char *head = NULL;
  g_autoptr(PangoLayout) ld = NULL;
  g_autoptr(PangoLayout) lh = NULL;
  g_autoptr(PangoLayout) lb = NULL;
  double big = small ? PT_BIG : PT_DATE;
  double dw, hw, h, badge_w = 0;
  gboolean stacked;

  /* The month in bold after the era year. */
  {
    const char *p = g_strrstr (self->date_title, "）");
    g_autofree char *lead = NULL;
    const char *tail;

    if (p)
      {
        tail = p + strlen ("）");
        lead = g_strndup (self->date_title, tail - self->date_title);
      }
    else
      {
        tail = strstr (self->date_title, "年");
        tail = tail ? tail + strlen ("年") : self->date_title;
        lead = g_strndup (self->date_title, tail - self->date_title);
      }
    /* One size throughout: text extraction (and screen readers) then
     * keep it one line, 2026年（令和8年）12月. */
    date = g_markup_printf_escaped ("<span foreground=\"#444444\">%s</span><b>%s</b>", lead, tail);
  }
  ld = text_new (b, date, big, 0, 0);
  dw = text_width (ld);
  h = text_height (ld);

  if (b->staff)
    {
      g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("For staff only"));

      lb = text_new (b, m, small ? PT_BODY : PT_MED, 0, 0);
      badge_w = text_width (lb) + 10;
    }

  if (self->heading)
    head = g_markup_printf_escaped ("<b>%s</b>　<span size=\"%d\">%s</span>", self->heading,
                                    (int) ((small ? PT_BODY : PT_BIG) * PANGO_SCALE), self->subtitle);
  else
    head = g_markup_printf_escaped ("<b>%s</b>", self->subtitle);
  lh = text_new (b, head, small ? PT_MED : PT_HEAD, 0, 0);
  hw = w - dw - 16 - badge_w;
  stacked = !small && text_width (lh) > hw;
  if (stacked)
    {
      /* Too long beside the date (portrait, several venues): a line of
       * its own under it. */
      g_object_unref (lh);
      lh = text_new (b, head, PT_HEAD, w, 1);
    }
  else
    {
      g_object_unref (lh);
      lh = text_new (b, head, small ? PT_MED : PT_HEAD, hw, 1);
      pango_layout_set_alignment (lh, PANGO_ALIGN_RIGHT);
    }

  op_text (page, ld, x, y, C_TEXT);
  if (stacked)
    op_text (page, lh, x, y + h, C_TEXT);
  else
    op_text (page, lh, x + dw + 16, y + h - text_height (lh) - (small ? 1 : 3), C_TEXT);
  if (lb)
    {
      double bh = text_height (lb) + 3;
      double by = y + h - bh - (small ? 0.5 : 3.5);

      op_rect (page, OP_FILL, x + w - badge_w + 4, by, badge_w - 4, bh, C_RED, 0);
      op_text (page, lb, x + w - badge_w + 4 + 3, by + 1.5, C_WHITE);
    }
  return stacked ? h + text_height (lh) : h;
}

static double
flow_header (Builder *b, GArray *page, const char *section)
{
  double x = b->margin, y = b->margin, w = b->W - 2 * b->margin;
  double h = title_draw (b, page, x, y, w, TRUE);
  g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", section);
  g_autoptr(PangoLayout) l = NULL;

  y += h + 2;
  op_line (page, x, y, x + w, y, C_FRAME, 0.8);
  y += 5;
  l = text_new (b, m, PT_BIG, w, 0);
  op_text (page, l, x, y, C_TEXT);
  return y + text_height (l) + 5;
}

/* ---------------------------------------------------------------------- */
/* The agenda: events in full.                                             */

typedef enum
{
  FLOW_DAY,
  FLOW_ITEM,
  FLOW_LEGEND_HEAD,
  FLOW_LEGEND,
} FlowKind;

typedef struct
{
  FlowKind       kind;
  const DayInfo *day;
  const Item    *item;
  int            index;       /* day index in self->days */
  guint          legend_index;
} FlowEntry;

#define AGENDA_GAP  3.5
#define AG_TITLE_PT PT_MED
#define AG_SMALL_PT PT_BODY

/* An event in full: time, title and place on the first line; then what
 * families need (public) or who goes and what is missing (staff). */
static void
block_measure_agenda (Builder *b, const Item *it, double width, Block *bl)
{
  g_autofree char *title = item_title_markup (it, TRUE, FALSE);
  g_autoptr(GString) first = g_string_new (title);
  g_autoptr(GString) info = g_string_new (NULL);
  double w = width - BAR_W - 4;

  memset (bl, 0, sizeof *bl);
  if (it->place)
    {
      g_autofree char *m = g_markup_printf_escaped ("　<span foreground=\"" M_MUTED "\" "
                                                    "size=\"%d\">%s</span>",
                                                    (int) (AG_SMALL_PT * PANGO_SCALE), it->place);

      g_string_append (first, m);
    }
  /* Bounded, so that one entry always fits a column. */
  bl->title = text_new (b, first->str, AG_TITLE_PT, w, 4);

  if (b->staff)
    {
      if (!is_blank (it->staff_full))
        {
          g_autofree char *t = g_strdup_printf (_("Staff: %s"), it->staff_full);
          g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_STAFF "\">%s</span>",
                                                        t);

          g_string_append (info, m);
        }
      if (it->shortage)
        {
          g_autofree char *m = g_markup_printf_escaped ("%s<span foreground=\"" M_RED "\" "
                                                        "weight=\"bold\">%s</span>",
                                                        info->len ? "　" : "", it->shortage);

          g_string_append (info, m);
        }
      if (it->moved)
        {
          g_autofree char *m = g_markup_printf_escaped ("%s<span foreground=\"" M_ORANGE "\">"
                                                        "%s</span>",
                                                        info->len ? "　" : "", it->moved);

          g_string_append (info, m);
        }
      if (it->notes)
        {
          g_autofree char *t = g_strdup_printf (_("Notes: %s"), it->notes);
          g_autofree char *m = g_markup_printf_escaped ("%s<span foreground=\"" M_MUTED "\">"
                                                        "%s</span>",
                                                        info->len ? "　" : "", t);

          g_string_append (info, m);
        }
    }
  else
    {
      if (it->audience)
        {
          g_autofree char *t = g_strdup_printf (_("For: %s"), it->audience);
          g_autofree char *m = g_markup_printf_escaped ("%s", t);

          g_string_append (info, m);
        }
      if (it->bring)
        {
          g_autofree char *t = g_strdup_printf (_("Bring: %s"), it->bring);
          g_autofree char *m = g_markup_printf_escaped ("%s%s", info->len ? "　" : "", t);

          g_string_append (info, m);
        }
    }
  if (info->len)
    bl->info = text_new (b, info->str, AG_SMALL_PT, w, 8);
  bl->height = text_height (bl->title) + text_height (bl->info) + AGENDA_GAP;
}

static PangoLayout *
day_heading_layout (Builder *b, const DayInfo *d, double width)
{
  g_autofree char *date = day_long_text (d);
  const char *color = day_markup_color (d);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *m = NULL;

  m = g_markup_printf_escaped ("<span foreground=\"%s\"><b>%s</b></span>", color ? color : "#222222",
                               date);
  g_string_append (s, m);
  if (d->holiday)
    {
      g_autofree char *h = g_markup_printf_escaped ("　<span foreground=\"" M_RED "\">%s</span>",
                                                    d->holiday);

      g_string_append (s, h);
    }
  if (d->closed)
    {
      g_autofree char *h = g_markup_printf_escaped ("　<span foreground=\"" M_MUTED "\">%s</span>",
                                                    d->closed);

      g_string_append (s, h);
    }
  return text_new (b, s->str, PT_MED, width, 0);
}

/* Lays the flow out in columns over as many pages as needed, after the
 * calendar page. Returns, per day index, the page its heading landed on. */
static void
flow_layout (Builder *b, GArray *flow, const char *section, int *day_page)
{
  int cols = b->landscape ? 2 : 1;
  double gap = 18;
  double col_w = (b->W - 2 * b->margin - gap * (cols - 1)) / cols;
  double bottom = b->H - b->margin - 12;
  GArray *page = NULL;
  double top = 0, y = 0;
  int col = 0;
  Block ahead = { 0 };         /* the item after a heading, measured once */
  gboolean have_ahead = FALSE;

  for (guint i = 0; i < flow->len; i++)
    {
      const FlowEntry *fe = &g_array_index (flow, FlowEntry, i);
      Block bl = { 0 };
      g_autoptr(PangoLayout) head = NULL;
      double need, x;

      if (fe->kind == FLOW_ITEM)
        {
          if (have_ahead)
            {
              bl = ahead;
              have_ahead = FALSE;
            }
          else
            block_measure_agenda (b, fe->item, col_w, &bl);
          need = bl.height;
        }
      else if (fe->kind == FLOW_DAY)
        {
          head = day_heading_layout (b, fe->day, col_w);
          need = text_height (head) + 4;
        }
      else if (fe->kind == FLOW_LEGEND_HEAD)
        {
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("Programs"));

          head = text_new (b, m, PT_MED, col_w, 0);
          need = text_height (head) + 4;
        }
      else
        {
          head = legend_layout (b, g_ptr_array_index (b->self->legend, fe->legend_index),
                                LEGEND_PT, col_w - SWATCH - 4);
          need = text_height (head) + 2;
        }

      /* A heading stays with what follows it. */
      if (fe->kind == FLOW_DAY || fe->kind == FLOW_LEGEND_HEAD)
        if (i + 1 < flow->len)
          {
            const FlowEntry *next = &g_array_index (flow, FlowEntry, i + 1);

            if (next->kind == FLOW_ITEM)
              {
                block_measure_agenda (b, next->item, col_w, &ahead);
                have_ahead = TRUE;
                need += MIN (ahead.height, bottom - top - need);
              }
            else
              need += 12;
          }

      if (page == NULL || y + need > bottom)
        {
          if (page != NULL && col + 1 < cols && y > top)
            col++;
          else
            {
              page = page_new (b);
              top = flow_header (b, page, section);
              col = 0;
            }
          y = top;
        }
      x = b->margin + col * (col_w + gap);

      if (fe->kind == FLOW_ITEM)
        {
          y += block_draw (page, &bl, fe->item, x, y, 0, 0, 0, 0) + AGENDA_GAP;
          block_clear (&bl);
        }
      else if (fe->kind == FLOW_DAY)
        {
          if (day_page)
            day_page[fe->index] = b->pages->len - 1;
          op_text (page, head, x, y, C_TEXT);
          y += text_height (head) + 1;
          op_line (page, x, y, x + col_w, y, day_color (fe->day), 0.6);
          y += 3;
        }
      else if (fe->kind == FLOW_LEGEND_HEAD)
        {
          op_text (page, head, x, y, C_TEXT);
          y += text_height (head) + 4;
        }
      else
        {
          LegendEntry *l = g_ptr_array_index (b->self->legend, fe->legend_index);

          op_rect (page, OP_FILL, x, y + 2.5, SWATCH, SWATCH, l->color, 0);
          op_text (page, head, x + SWATCH + 4, y, C_TEXT);
          y += text_height (head) + 2;
        }
    }
}

/* ---------------------------------------------------------------------- */
/* The roster: staff × dates.                                               */

/* Light enough that white text on it would not read. */
static gboolean
is_light (Rgb c)
{
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 0.62;
}

static gboolean
item_has_staff (const Item *it, gint64 staff_id, gboolean *tentative)
{
  for (guint i = 0; i < it->staff->len; i++)
    {
      const StaffMark *m = &g_array_index (it->staff, StaffMark, i);

      if (m->staff_id == staff_id)
        {
          *tentative = m->tentative || it->tentative;
          return TRUE;
        }
    }
  return FALSE;
}

static void
roster_layout (Builder *b)
{
  RkMonthReport *self = b->self;
  GArray *month_days = g_array_new (FALSE, FALSE, sizeof (const DayInfo *));
  double x0 = b->margin, w = b->W - 2 * b->margin;
  double name_w = b->landscape ? 108 : 92, total_w = 20;
  double col_w, row_h = 20, head_h = 22;
  double bottom = b->H - b->margin - 12;
  guint row = 0;
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(GHashTable) chip_layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  gboolean chip_text;
  double legend_h;

  if (self->roster->len == 0)
    {
      g_array_unref (month_days);
      return;
    }
  for (guint i = 0; i < self->days->len; i++)
    {
      const DayInfo *d = &g_array_index (self->days, DayInfo, i);

      if (d->in_month)
        g_array_append_val (month_days, d);
    }
  col_w = (w - name_w - total_w) / month_days->len;
  probe = text_new (b, "<b>10:00</b>", PT_TINY, 0, 0);
  chip_text = text_width (probe) + 1.5 <= col_w - 1.5;

  legend_h = 0;
  if (self->legend->len)
    {
      double lx = 0;

      legend_h = 12;
      for (guint i = 0; i < self->legend->len; i++)
        {
          LegendEntry *le = g_ptr_array_index (self->legend, i);
          g_autofree char *m = g_markup_printf_escaped ("%s", le->name);
          g_autoptr(PangoLayout) l = text_new (b, m, PT_BODY, 0, 0);

          if (lx + SWATCH + 3 + text_width (l) > w)
            {
              lx = 0;
              legend_h += 11;
            }
          lx += SWATCH + 3 + text_width (l) + 12;
        }
    }

  while (row < self->roster->len)
    {
      GArray *page = page_new (b);
      double top = flow_header (b, page, _("Staff roster"));
      double y = top;
      double page_bottom = bottom - legend_h;
      guint first_row = row;

      /* Header: the day numbers and weekdays, coloured. */
      for (guint c = 0; c < month_days->len; c++)
        {
          const DayInfo *d = g_array_index (month_days, const DayInfo *, c);
          double cx = x0 + name_w + c * col_w;
          g_autofree char *m = g_strdup_printf ("<b>%d</b>\n%s", d->mday,
                                                weekday_kanji[d->weekday % 7]);
          g_autoptr(PangoLayout) l = text_new (b, m, PT_BODY, col_w, 0);
          Rgb bg = is_red_day (d) ? C_RED_BG : d->weekday == 6 ? C_BLUE_BG : C_WHITE;

          pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
          pango_layout_set_spacing (l, (int) (-1.5 * PANGO_SCALE));
          op_rect (page, OP_FILL, cx, y, col_w, head_h, bg, 0);
          op_text (page, l, cx, y + (head_h - text_height (l)) / 2, day_color (d));
        }
      {
        g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("Total"));
        g_autoptr(PangoLayout) l = text_new (b, m, PT_SMALL, total_w, 1);

        pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
        op_text (page, l, x0 + w - total_w, y + (head_h - text_height (l)) / 2, C_TEXT);
      }
      y += head_h;

      /* Weekend and holiday columns tinted down the rows of this page. */
      {
        guint rows_here = MIN (self->roster->len - row,
                               (guint) MAX (0.0, (page_bottom - y) / row_h));

        for (guint c = 0; c < month_days->len; c++)
          {
            const DayInfo *d = g_array_index (month_days, const DayInfo *, c);

            if (is_red_day (d) || d->weekday == 6)
              op_rect (page, OP_FILL, x0 + name_w + c * col_w, y, col_w, rows_here * row_h,
                       is_red_day (d) ? C_RED_BG : C_BLUE_BG, 0);
          }
      }

      for (; row < self->roster->len && y + row_h <= page_bottom; row++)
        {
          RosterRow *r = g_ptr_array_index (self->roster, row);
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"%d\" "
                                                        "foreground=\"" M_MUTED "\">%s</span>",
                                                        r->name, (int) (PT_SMALL * PANGO_SCALE),
                                                        rk_role_label (r->role));
          g_autoptr(PangoLayout) l = text_new (b, m, PT_BODY, name_w - 6, 2);
          int total = 0;

          pango_layout_set_spacing (l, (int) (-1.8 * PANGO_SCALE));
          op_text_clipped (page, l, x0 + 3, y + (row_h - text_height (l)) / 2, C_TEXT, x0, y,
                           name_w, row_h);

          for (guint c = 0; c < month_days->len; c++)
            {
              const DayInfo *d = g_array_index (month_days, const DayInfo *, c);
              double cx = x0 + name_w + c * col_w;
              guint n = 0, k = 0;
              double chip_h;

              for (guint i = 0; i < d->items->len; i++)
                {
                  gboolean t;

                  if (item_has_staff (g_ptr_array_index (d->items, i), r->id, &t))
                    n++;
                }
              if (n == 0)
                continue;
              total += n;
              chip_h = (row_h - 3 - (n - 1) * 1.0) / n;
              for (guint i = 0; i < d->items->len; i++)
                {
                  const Item *it = g_ptr_array_index (d->items, i);
                  gboolean tentative = FALSE;
                  double cy;

                  if (!item_has_staff (it, r->id, &tentative))
                    continue;
                  cy = y + 1.5 + k * (chip_h + 1.0);
                  k++;
                  if (tentative)
                    {
                      op_rect (page, OP_FILL, cx + 1.2, cy, col_w - 2.4, chip_h, C_WHITE, 0);
                      op_dashed (page, cx + 1.6, cy + 0.4, col_w - 3.2, chip_h - 0.8, it->color,
                                 0.8, 1.5);
                    }
                  else
                    op_rect (page, OP_FILL, cx + 1.2, cy, col_w - 2.4, chip_h, it->color, 0);
                  if (chip_text && chip_h >= 5.5)
                    {
                      /* A month has few distinct start times: one layout each. */
                      int sm = it->all_day ? -2 : rk_minute_of_day (it->start);
                      PangoLayout *tl = g_hash_table_lookup (chip_layouts, GINT_TO_POINTER (sm + 1));

                      if (tl == NULL)
                        {
                          g_autofree char *tm = it->all_day
                                                  ? g_markup_printf_escaped ("<b>%s</b>", _("All day"))
                                                  : g_strdup_printf ("<b>%d:%02d</b>", sm / 60, sm % 60);

                          tl = text_new (b, tm, PT_TINY, col_w - 2.4, 1);
                          pango_layout_set_alignment (tl, PANGO_ALIGN_CENTER);
                          g_hash_table_insert (chip_layouts, GINT_TO_POINTER (sm + 1), tl);
                        }
                      op_text_clipped (page, tl, cx + 1.2, cy + (chip_h - text_height (tl)) / 2,
                                       tentative || is_light (it->color) ? C_TEXT : C_WHITE,
                                       cx + 1.2, cy, col_w - 2.4,
                                       chip_h);
                    }
                }
            }
          {
            g_autofree char *tm = g_strdup_printf ("%d", total);
            g_autoptr(PangoLayout) tl = text_new (b, tm, PT_BODY, total_w, 1);

            pango_layout_set_alignment (tl, PANGO_ALIGN_CENTER);
            op_text (page, tl, x0 + w - total_w, y + (row_h - text_height (tl)) / 2, C_TEXT);
          }
          y += row_h;
          op_line (page, x0, y, x0 + w, y, C_RULE, 0.3);
        }

      /* Grid lines over the rows drawn on this page. */
      op_rect (page, OP_STROKE, x0, top, w, y - top, C_FRAME, 0.8);
      op_line (page, x0, top + head_h, x0 + w, top + head_h, C_FRAME, 0.6);
      op_line (page, x0 + name_w, top, x0 + name_w, y, C_FRAME, 0.6);
      op_line (page, x0 + w - total_w, top, x0 + w - total_w, y, C_FRAME, 0.6);
      for (guint c = 1; c < month_days->len; c++)
        {
          double cx = x0 + name_w + c * col_w;

          op_line (page, cx, top, cx, y, C_RULE, 0.3);
        }

      if (self->legend->len)
        {
          double lx = 0, ly = y + 6;

          for (guint i = 0; i < self->legend->len; i++)
            {
              LegendEntry *le = g_ptr_array_index (self->legend, i);
              g_autofree char *m = g_markup_printf_escaped ("%s", le->name);
              g_autoptr(PangoLayout) l = text_new (b, m, PT_BODY, 0, 0);

              if (lx + SWATCH + 3 + text_width (l) > w)
                {
                  lx = 0;
                  ly += 11;
                }
              op_rect (page, OP_FILL, x0 + lx, ly + (text_height (l) - SWATCH) / 2, SWATCH, SWATCH,
                       le->color, 0);
              op_text (page, l, x0 + lx + SWATCH + 3, ly, C_TEXT);
              lx += SWATCH + 3 + text_width (l) + 12;
            }
        }
      if (row == first_row)
        break;      /* not even one row fits: give up rather than loop */
    }
  g_array_unref (month_days);
}

/* ---------------------------------------------------------------------- */
/* The calendar page.                                                       */

#define CELL_HEAD_H   14.5
#define CELL_PAD      2.6

static void
cell_fit (Builder *b, const DayInfo *d, double width, double avail, CellFit *fit,
          gboolean *in_agenda)
{
  guint n = d->items->len;
  Block *blocks = g_new0 (Block, MAX (n, 1));
  g_autofree int *levels = g_new0 (int, MAX (n, 1));
  double h = 0, more_h;
  gboolean hopeless;

  fit->blocks = blocks;
  fit->n_blocks = n;
  fit->agenda_page = -1;
  fit->shown = n;
  if (n == 0)
    return;

  /* Everything in full where it fits: the common case, one measure. A
   * day with more events than lines skips straight to "N more". */
  hopeless = n * (b->cell_line_h + CELL_GAP) > avail;
  for (guint i = 0; i < n && !hopeless; i++)
    {
      block_measure_cell (b, g_ptr_array_index (d->items, i), width, 0, &blocks[i]);
      h += blocks[i].height;
    }

  if (hopeless || h > avail)
    {
      g_autofree Block *tight = g_new0 (Block, n);
      double h_tight = 0;

      for (guint i = 0; i < n; i++)
        {
          block_measure_cell (b, g_ptr_array_index (d->items, i), width, CELL_LEVEL_MIN,
                              &tight[i]);
          h_tight += tight[i].height;
        }
      if (!hopeless && h_tight <= avail)
        {
          /* It fits somewhere in between: take detail away one step at a
           * time, preferring steps that keep every title whole, then the
           * most detailed event, the later of equals; so the cell reads
           * evenly, its first events the fullest. */
          g_autofree Block *next = g_new0 (Block, n);
          g_autofree gboolean *have_next = g_new0 (gboolean, n);

          while (h > avail)
            {
              guint best = n;

              for (guint i = 0; i < n; i++)
                {
                  if (levels[i] >= CELL_LEVEL_MIN)
                    continue;
                  if (!have_next[i])
                    {
                      if (levels[i] + 1 == CELL_LEVEL_MIN)
                        {
                          next[i] = tight[i];
                          memset (&tight[i], 0, sizeof (Block));
                        }
                      else
                        block_measure_cell (b, g_ptr_array_index (d->items, i), width,
                                            levels[i] + 1, &next[i]);
                      have_next[i] = TRUE;
                    }
                  if (best == n || (!next[i].cut && next[best].cut) ||
                      (next[i].cut == next[best].cut && levels[i] <= levels[best]))
                    best = i;
                }
              if (best == n)
                break;
              h += next[best].height - blocks[best].height;
              block_clear (&blocks[best]);
              blocks[best] = next[best];
              memset (&next[best], 0, sizeof (Block));
              have_next[best] = FALSE;
              levels[best]++;
            }
          for (guint i = 0; i < n; i++)
            block_clear (&next[i]);
          for (guint i = 0; i < n; i++)
            block_clear (&tight[i]);
        }
      else
        {
          /* More than the cell holds even at one line each: as many as fit,
           * then "N more"; the whole day goes to the agenda. */
          g_autoptr(PangoLayout) probe = text_new (b, "<b>0</b>", CELL_TITLE_PT, 0, 0);
          guint k = 0;

          more_h = text_height (probe);
          for (guint i = 0; i < n; i++)
            {
              block_clear (&blocks[i]);
              blocks[i] = tight[i];
            }
          h = more_h;
          while (k < n && h + blocks[k].height <= avail)
            h += blocks[k++].height;
          fit->shown = k;
          for (guint i = 0; i < n; i++)
            in_agenda[i] = TRUE;
          return;
        }
    }

  for (guint i = 0; i < n; i++)
    if (blocks[i].cut)
      in_agenda[i] = TRUE;
}

static PangoLayout *
no_events_layout (Builder *b, double width)
{
  g_autofree char *m = g_markup_printf_escaped ("%s", _("No events this month."));

  return text_new (b, m, PT_BODY, width, 0);
}

static void
calendar_layout (Builder *b, GArray *page, CalendarGeometry *g, CellFit *fits)
{
  RkMonthReport *self = b->self;
  double x = b->margin, y = b->margin, w = b->W - 2 * b->margin;
  gboolean monday = self->options.monday_first;

  title_draw (b, page, x, y, w, FALSE);

  /* Weekday header */
  for (int c = 0; c < 7; c++)
    {
      int wd = monday ? (c + 1) % 7 : c;    /* index into weekday_kanji */
      double cx = g->x + c * g->cell_w;
      Rgb bg = wd == 0 ? C_RED : wd == 6 ? C_BLUE : C_HEAD;
      g_autofree char *m = g_strdup_printf ("<b>%s</b>", weekday_kanji[wd]);
      g_autoptr(PangoLayout) l = text_new (b, m, PT_MED, g->cell_w, 0);

      pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
      op_rect (page, OP_FILL, cx, g->y, g->cell_w, g->head_h, bg, 0);
      op_text (page, l, cx, g->y + (g->head_h - text_height (l)) / 2, C_WHITE);
    }

  for (guint i = 0; i < self->days->len; i++)
    {
      const DayInfo *d = &g_array_index (self->days, DayInfo, i);
      CellFit *fit = &fits[i];
      double cx = g->x + (i % 7) * g->cell_w;
      double cy = g->y + g->head_h + (i / 7) * g->cell_h;
      double inner_x = cx + CELL_PAD, inner_w = g->cell_w - 2 * CELL_PAD;
      g_autofree char *num = NULL;
      g_autoptr(PangoLayout) ln = NULL;
      double hx, ey;
      Rgb bg;

      if (!d->in_month)
        bg = C_OTHER_BG;
      else if (d->closed_all)
        bg = C_CLOSED_BG;
      else if (is_red_day (d))
        bg = C_RED_BG;
      else if (d->weekday == 6)
        bg = C_BLUE_BG;
      else
        bg = C_WHITE;
      if (bg.r != 1.0 || bg.g != 1.0 || bg.b != 1.0)
        op_rect (page, OP_FILL, cx, cy, g->cell_w, g->cell_h, bg, 0);

      num = g_strdup_printf ("<b>%d</b>", d->mday);
      ln = text_new (b, num, PT_BIG, 0, 0);
      op_text (page, ln, inner_x, cy + 0.5, d->in_month ? day_color (d) : C_FAINT);
      hx = inner_x + text_width (ln) + 3;

      if (!d->in_month)
        continue;

      {
        double right = cx + g->cell_w - CELL_PAD;

        if (d->closed && d->closed_all)
          {
            g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", d->closed);
            g_autoptr(PangoLayout) l = text_new (b, m, PT_SMALL, 0, 0);
            double bw = text_width (l) + 5, bh = text_height (l) + 1;

            right -= bw;
            op_rect (page, OP_FILL, right, cy + 2.5, bw, bh, C_MUTED, 0);
            op_text (page, l, right + 2.5, cy + 3, C_WHITE);
            right -= 2;
          }
        if (d->holiday && right - hx > 8)
          {
            g_autofree char *m = g_markup_printf_escaped ("%s", d->holiday);
            g_autoptr(PangoLayout) l = text_new (b, m, PT_SMALL, right - hx, 1);

            op_text (page, l, hx, cy + 4, C_RED);
          }
      }
      ey = cy + CELL_HEAD_H;
      if (d->closed && !d->closed_all)
        {
          g_autofree char *m = g_markup_printf_escaped ("%s", d->closed);
          g_autoptr(PangoLayout) l = text_new (b, m, CELL_SMALL_PT, inner_w, 1);

          op_text (page, l, inner_x, ey, C_MUTED);
          ey += text_height (l);
        }

      for (guint k = 0; k < fit->shown; k++)
        ey += block_draw (page, &fit->blocks[k], g_ptr_array_index (d->items, k), inner_x, ey,
                          cx, cy, g->cell_w, g->cell_h) + CELL_GAP;
      if (fit->shown < d->items->len)
        {
          g_autofree char *more = g_strdup_printf (_("%d more"), d->items->len - fit->shown);
          g_autofree char *see = fit->agenda_page >= 0
                                 ? g_strdup_printf (_("see p. %d"), fit->agenda_page + 1) : NULL;
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>%s%s", more, see ? "　" : "",
                                                        see ? see : "");
          g_autoptr(PangoLayout) l = text_new (b, m, CELL_TITLE_PT, inner_w, 1);

          op_text_clipped (page, l, inner_x, ey, C_TEXT, cx, cy, g->cell_w, g->cell_h);
        }
    }

  /* Grid lines last, so cell fills do not cover them. */
  for (int r = 1; r < self->n_weeks; r++)
    op_line (page, g->x, g->y + g->head_h + r * g->cell_h, g->x + g->w,
             g->y + g->head_h + r * g->cell_h, C_RULE, 0.5);
  for (int c = 1; c < 7; c++)
    op_line (page, g->x + c * g->cell_w, g->y + g->head_h, g->x + c * g->cell_w, g->y + g->h,
             C_RULE, 0.5);
  op_rect (page, OP_STROKE, g->x, g->y, g->w, g->h, C_FRAME, 1.0);

  /* Under the grid: what the colours mean, who to call. */
  {
    double by = g->band_y;

    if (self->items->len == 0)
      {
        g_autoptr(PangoLayout) l = no_events_layout (b, w);

        op_text (page, l, x, by, C_MUTED);
        by += text_height (l) + 2;
      }
    else if (g->legend_on_page && self->legend->len)
      {
        legend_draw (b, page, x, by, w);
        by += legend_measure (b, (w - 14 * (legend_columns (b) - 1)) / legend_columns (b), NULL) + 2;
      }
    if (g->contacts_on_page && self->contacts->len)
      {
        op_line (page, x, by, x + w, by, C_RULE, 0.4);
        contacts_draw (b, page, x, by + 2, w);
      }
  }

}

static Pages *
pages_build (RkMonthReport *self, double width, double height)
{
  Builder b = { 0 };
  Pages *pages = g_new0 (Pages, 1);
  cairo_font_options_t *fo;
  CalendarGeometry g = { 0 };
  CellFit *fits;
  int *day_page;
  g_autoptr(GArray) flow = g_array_new (FALSE, TRUE, sizeof (FlowEntry));
  GArray *cal;
  double x, w, title_h, band_budget, legend_h, contacts_h, legend_col_w, small_line_h;

  pages->width = width;
  pages->height = height;
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  b.self = self;
  b.W = width;
  b.H = height;
  b.margin = MIN (width, height) * 0.04;
  b.staff = self->options.audience == RK_AUDIENCE_STAFF;
  b.landscape = width > height;
  b.pages = pages->pages;

  /* Metrics independent of the output device, so what was measured for
   * the page count is what gets drawn into the PDF or the printer. */
  b.ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (b.ctx, 72);
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (b.ctx, fo);
  cairo_font_options_destroy (fo);
  pango_context_set_round_glyph_positions (b.ctx, FALSE);
  pango_context_set_language (b.ctx, pango_language_from_string ("ja"));
  b.font = pango_font_description_from_string (FONT_FAMILY);
  pango_context_set_font_description (b.ctx, b.font);

  cal = page_new (&b);
  x = b.margin;
  w = width - 2 * b.margin;

  /* Title height, measured on a scratch page. */
  {
    g_autoptr(GArray) scratch = g_array_new (FALSE, TRUE, sizeof (Op));

    g_array_set_clear_func (scratch, op_clear);
    title_h = title_draw (&b, scratch, x, b.margin, w, FALSE);
  }

  legend_col_w = (w - 14 * (legend_columns (&b) - 1)) / legend_columns (&b);
  legend_h = self->legend->len ? legend_measure (&b, legend_col_w, NULL) + 2 : 0;
  if (self->items->len == 0)
    {
      g_autoptr(PangoLayout) l = no_events_layout (&b, w);

      legend_h = text_height (l) + 2;
    }
  contacts_h = self->contacts->len ? contacts_measure (&b, w, NULL) + 3 : 0;
  band_budget = (height - 2 * b.margin - title_h) * 0.24;
  g.contacts_on_page = contacts_h <= band_budget;
  g.legend_on_page = legend_h + (g.contacts_on_page ? contacts_h : 0) <= band_budget;
  g.band_h = (g.legend_on_page ? legend_h : 0) + (g.contacts_on_page ? contacts_h : 0);

  g.x = x;
  g.y = b.margin + title_h + 6;
  g.w = w;
  g.head_h = 14;
  g.h = height - b.margin - 10 - g.band_h - (g.band_h > 0 ? 5 : 0) - g.y;
  g.cell_w = w / 7;
  g.cell_h = (g.h - g.head_h) / self->n_weeks;
  g.band_y = g.y + g.h + 5;

  /* Which events fit their cell, which go to the agenda. */
  {
    g_autoptr(PangoLayout) probe = text_new (&b, "0", CELL_SMALL_PT, 0, 0);
    g_autoptr(PangoLayout) probe_title = text_new (&b, "<b>0</b>", CELL_TITLE_PT, 0, 0);

    small_line_h = text_height (probe);
    b.cell_line_h = text_height (probe_title);
  }
  fits = g_new0 (CellFit, self->days->len);
  day_page = g_new (int, self->days->len);
  for (guint i = 0; i < self->days->len; i++)
    {
      const DayInfo *d = &g_array_index (self->days, DayInfo, i);
      /* The last event needs no gap under it. */
      double avail = g.cell_h - CELL_HEAD_H - 1.0 + CELL_GAP -
                     (d->closed && !d->closed_all ? small_line_h : 0);
      g_autofree gboolean *cut = g_new0 (gboolean, d->items->len + 1);
      gboolean any = FALSE, whole_day;

      day_page[i] = -1;
      if (!d->in_month)
        {
          fits[i].blocks = g_new0 (Block, 1);
          continue;
        }
      cell_fit (&b, d, g.cell_w - 2 * CELL_PAD - BAR_W - 2.2, avail, &fits[i], cut);
      whole_day = fits[i].shown < d->items->len;
      for (guint k = 0; k < d->items->len; k++)
        any |= cut[k] || b.staff;
      if (!any)
        continue;
      {
        FlowEntry fe = { .kind = FLOW_DAY, .day = d, .index = i };

        g_array_append_val (flow, fe);
      }
      for (guint k = 0; k < d->items->len; k++)
        if (whole_day || cut[k] || b.staff)
          {
            FlowEntry fe = { .kind = FLOW_ITEM, .day = d, .item = g_ptr_array_index (d->items, k),
                             .index = i };

            g_array_append_val (flow, fe);
          }
    }

  if (!g.legend_on_page && self->legend->len)
    {
      FlowEntry head = { .kind = FLOW_LEGEND_HEAD };

      g_array_prepend_val (flow, head);
      for (guint i = 0; i < self->legend->len; i++)
        {
          FlowEntry fe = { .kind = FLOW_LEGEND, .legend_index = i };

          g_array_insert_val (flow, 1 + i, fe);
        }
    }

  if (flow->len)
    flow_layout (&b, flow, b.staff ? _("All events with their staff")
                                   : _("Events in full (those that did not fit in the calendar)"),
                 day_page);
  for (guint i = 0; i < self->days->len; i++)
    fits[i].agenda_page = day_page[i];

  calendar_layout (&b, cal, &g, fits);

  if (!g.contacts_on_page && self->contacts->len)
    {
      /* Rare: many venues. Their contacts close the last flow page or get one. */
      GArray *page = page_new (&b);
      double top = flow_header (&b, page, _("Contact"));

      contacts_draw (&b, page, b.margin, top, w);
    }

  if (b.staff)
    roster_layout (&b);

  /* Page numbers once the count is known. */
  if (pages->pages->len > 1)
    for (guint p = 0; p < pages->pages->len; p++)
      {
        g_autofree char *m = g_strdup_printf ("%u / %u", p + 1, pages->pages->len);
        g_autoptr(PangoLayout) l = text_new (&b, m, PT_BODY, 0, 0);

        op_text (g_ptr_array_index (pages->pages, p), l, width - b.margin - text_width (l),
                 height - b.margin * 0.55 - text_height (l) / 2, C_MUTED);
      }

  for (guint i = 0; i < self->days->len; i++)
    {
      for (guint k = 0; k < fits[i].n_blocks; k++)
        block_clear (&fits[i].blocks[k]);
      g_free (fits[i].blocks);
    }
  g_free (fits);
  g_free (day_page);
  pango_font_description_free (b.font);
  g_object_unref (b.ctx);
  return pages;
}

static Pages *
ensure_pages (RkMonthReport *self, double width, double height)
{
  if (self->pages && self->pages->width == width && self->pages->height == height)
    return self->pages;
  pages_free (self->pages);
  self->pages = pages_build (self, width, height);
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

static void
set_rgb (cairo_t *cr, Rgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

void
rk_month_report_draw_page (RkMonthReport *self,
                           cairo_t       *cr,
                           int            page,
                           double         width_pt,
                           double         height_pt)
{
  Pages *pages;
  GArray *ops;

  g_return_if_fail (RK_IS_MONTH_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width_pt > 0 && height_pt > 0);

  pages = ensure_pages (self, width_pt, height_pt);
  g_return_if_fail (page >= 0 && (guint) page < pages->pages->len);
  ops = g_ptr_array_index (pages->pages, page);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_FILL:
          set_rgb (cr, op->color);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;
        case OP_STROKE:
          set_rgb (cr, op->color);
          cairo_set_line_width (cr, op->line_width);
          if (op->dash > 0)
            cairo_set_dash (cr, &op->dash, 1, 0);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        case OP_LINE:
          set_rgb (cr, op->color);
          cairo_set_line_width (cr, op->line_width);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_TEXT:
          cairo_save (cr);
          if (op->cw > 0)
            {
              cairo_rectangle (cr, op->cx, op->cy, op->cw, op->ch);
              cairo_clip (cr);
            }
          set_rgb (cr, op->color);
          cairo_move_to (cr, op->x, op->y);
          pango_cairo_show_layout (cr, op->layout);
          cairo_restore (cr);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------- */
/* PDF                                                                      */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} PdfSink;

static cairo_status_t
pdf_write (void *closure, const unsigned char *data, unsigned int length)
{
  PdfSink *sink = closure;

  if (sink->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
rk_month_report_write_pdf (RkMonthReport *self,
                           const char    *path,
                           GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) cancel = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *title = NULL;
  PdfSink sink = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  double w, h;
  int n;

  g_return_val_if_fail (RK_IS_MONTH_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  w = self->options.portrait ? RK_REPORT_A4_SHORT_PT : RK_REPORT_A4_LONG_PT;
  h = self->options.portrait ? RK_REPORT_A4_LONG_PT : RK_REPORT_A4_SHORT_PT;
  n = rk_month_report_get_n_pages (self, w, h);

  /* Written beside the target and renamed at the end, so a failed export
   * never leaves half a PDF where last month's good one was. */
  file = g_file_new_for_path (path);
  cancel = g_cancellable_new ();
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancel, &local);
  if (out == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  sink.stream = G_OUTPUT_STREAM (out);

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &sink, w, h);
  title = g_strdup_printf ("%s %s", self->heading ? self->heading : self->subtitle,
                           self->date_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Renkei " PACKAGE_VERSION);
  {
    cairo_t *cr = cairo_create (surface);

    for (int p = 0; p < n; p++)
      {
        rk_month_report_draw_page (self, cr, p, w, h);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
  }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || sink.error)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write “%s”: %s"), path,
                   sink.error ? sink.error->message : cairo_status_to_string (status));
      g_clear_error (&sink.error);
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancel, &local))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}
