#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rk-attendance.h"
#include "rk-era.h"
#include "rk-error.h"
#include "rk-holidays.h"
#include "rk-year-sheet.h"
#include "rk-month-report-private.h"

#define A3_LONG_PT  1191.0
#define A3_SHORT_PT 842.0

typedef struct
{
  char      *label;          /* the program (or the event's title) */
  char      *venue;          /* on a joint sheet, else NULL */
  RkDay      first;          /* its first date: rows in that order */
  GPtrArray *dates[12];      /* char*, markup: "9(水)" */
} Row;

struct _RkYearSheet
{
  RkPrintLanguage  language;
  int              year, start_month;
  char            *title;         /* 令和8年度 年間行事予定表 */
  char            *span;          /* 2026年4月〜2027年3月 */
  char            *heading;       /* the venue, or 連携 */
  char            *note;          /* weekly closing days, said once */
  GPtrArray       *rows;          /* Row* */
  GPtrArray       *holidays[12];  /* char*, markup */
  GPtrArray       *closings[12];  /* char*, markup */
  Pages           *pages;
};

static void
row_free (gpointer data)
{
  Row *r = data;

  g_free (r->label);
  g_free (r->venue);
  for (int i = 0; i < 12; i++)
    g_ptr_array_unref (r->dates[i]);
  g_free (r);
}

void
rk_year_sheet_free (RkYearSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->title);
  g_free (sheet->span);
  g_free (sheet->heading);
  g_free (sheet->note);
  g_ptr_array_unref (sheet->rows);
  for (int i = 0; i < 12; i++)
    {
      g_ptr_array_unref (sheet->holidays[i]);
      g_ptr_array_unref (sheet->closings[i]);
    }
  rk_report_pages_free (sheet->pages);
  g_free (sheet);
}

guint
rk_year_sheet_get_n_rows (RkYearSheet *sheet)
{
  return sheet->rows->len;
}

/* Column of day (0 = the fiscal year's first month). */
static int
column_of (const RkYearSheet *sheet, RkDay day)
{
  int y, m;

  rk_day_to_ymd (day, &y, &m, NULL);
  return ((y - sheet->year) * 12 + m - sheet->start_month + 12) % 12;
}

static gboolean
red_day (RkDay day)
{
  int y, m, d;

  rk_day_to_ymd (day, &y, &m, &d);
  return rk_day_weekday (day) == 7 || rk_holiday_lookup (y, m, d) != NULL;
}

/* 9(水): Sundays and holidays bold and underlined, which a grey copy keeps. */
static char *
date_markup (RkDay day, gboolean cancelled)
{
  int d;
  g_autofree char *text = NULL;

  rk_day_to_ymd (day, NULL, NULL, &d);
  text = g_strdup_printf ("%d(%s)", d, rk_report_weekday (rk_day_weekday (day) % 7));
  if (cancelled)
    return g_markup_printf_escaped ("<s>%s</s>", text);
  if (red_day (day))
    return g_markup_printf_escaped ("<span foreground=\"" M_RED "\" underline=\"single\">"
                                    "<b>%s</b></span>", text);
  return g_markup_escape_text (text, -1);
}

static gboolean
closed_by_rule (const RkSVenue *v, RkDay day)
{
  int y, m, d;

  rk_day_to_ymd (day, &y, &m, &d);
  return rk_report_venue_weekly_closed (v, rk_day_weekday (day)) ||
         (v->closed_on_holidays && rk_holiday_lookup (y, m, d) != NULL);
}

/* The closing days of v that no weekly rule explains, as spans per month:
 * "29〜31 年末年始". */
static void
add_closings (RkYearSheet *sheet, const RkSVenue *v, RkDay from, RkDay to, GHashTable *spans,
              GPtrArray *order)
{
  RkDay day = from;

  while (day <= to)
    {
      const char *reason = NULL;
      RkDay end = day;
      int d1, d2;
      g_autofree char *when = NULL;
      g_autoptr(GString) s = g_string_new (NULL);

      if (!rk_venue_closed_on (v, day, &reason) || closed_by_rule (v, day))
        {
          day++;
          continue;
        }
      /* a span: the following days closed for the same reason, in the month */
      while (end + 1 <= to && column_of (sheet, end + 1) == column_of (sheet, day))
        {
          const char *r2 = NULL;

          if (!rk_venue_closed_on (v, end + 1, &r2) || g_strcmp0 (r2, reason) != 0)
            break;
          end++;
        }
      rk_day_to_ymd (day, NULL, NULL, &d1);
      rk_day_to_ymd (end, NULL, NULL, &d2);
      when = end > day ? g_strdup_printf ("%d%s%d", d1, rk_report_range_sep (), d2)
                       : g_strdup_printf ("%d", d1);
      /* The same span of several venues said once, with their names. */
      g_string_append_printf (s, "%02d\t%s\t%s", column_of (sheet, day), when,
                              reason ? reason : "");
      {
        GPtrArray *names = g_hash_table_lookup (spans, s->str);

        if (names == NULL)
          {
            names = g_ptr_array_new ();
            g_ptr_array_add (order, g_strdup (s->str));
            g_hash_table_insert (spans, g_strdup (s->str), names);
          }
        g_ptr_array_add (names, v->name);
      }
      day = end + 1;
    }
}

static int
row_compare (gconstpointer a, gconstpointer b)
{
  const Row *x = *(Row * const *) a;
  const Row *y = *(Row * const *) b;
  int c = (x->first > y->first) - (x->first < y->first);

  return c ? c : g_strcmp0 (x->label, y->label);
}

static void
build (RkYearSheet *sheet, RkSchedule *schedule, GArray *occs, gint64 venue_id, RkDay from,
       RkDay to)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) venues = g_ptr_array_new ();
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *era = rk_era_year_ja (sheet->year, sheet->start_month, 1);
  int last_y, last_m;


  rk_day_to_ymd (to, &last_y, &last_m, NULL);
  if (sheet->language == RK_PRINT_EN)
    {
      /* TRANSLATORS: heading of the year plan; %d is the fiscal year */
      sheet->title = g_strdup_printf (_("Events of fiscal year %d"), sheet->year);
    }
  else
    sheet->title = g_strdup_printf ("%s度　年間行事予定表", era ? era : "");
  if (sheet->language == RK_PRINT_EN)
    {
      static const char * const months[12] = { "January", "February", "March", "April", "May",
                                                "June", "July", "August", "September", "October",
                                                "November", "December" };

      sheet->span = g_strdup_printf ("%s %d – %s %d", months[sheet->start_month - 1], sheet->year,
                                     months[last_m - 1], last_y);
    }
  else
    sheet->span = g_strdup_printf ("%d年%d月〜%d年%d月", sheet->year, sheet->start_month, last_y,
                                   last_m);

  if (venue_id)
    g_ptr_array_add (venues, rk_schedule_venue (schedule, venue_id));
  else
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, schedule->venues);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (venues, value);
    }
  sheet->heading = venue_id ? g_strdup (((RkSVenue *) g_ptr_array_index (venues, 0))->name)
                            : g_strdup (_("Joint event schedule"));

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const RkSEvent *e = o->event;
      RkSVenue *v = rk_sevent_venue (e);
      RkDay day = rk_minute_day (o->start);
      g_autofree char *key = NULL;
      Row *row;

      if (day < from || day > to || o->status == RK_OCC_SKIPPED || e->tentative ||
          o->status == RK_OCC_TENTATIVE || (e->program && e->program->staff_only) ||
          (venue_id && (v == NULL || v->id != venue_id)))
        continue;
      key = g_strdup_printf ("%" PRId64 "/%s/%" PRId64, e->program ? e->program->id : 0,
                             e->program ? "" : rk_sevent_title (e),
                             venue_id == 0 && v ? v->id : 0);
      row = g_hash_table_lookup (rows, key);
      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->label = g_strdup (e->program ? e->program->name : rk_sevent_title (e));
          row->venue = venue_id == 0 && v ? g_strdup (v->name) : NULL;
          row->first = day;
          for (int m = 0; m < 12; m++)
            row->dates[m] = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (sheet->rows, row);
          g_hash_table_insert (rows, g_steal_pointer (&key), row);
        }
      row->first = MIN (row->first, day);
      g_ptr_array_add (row->dates[column_of (sheet, day)],
                       date_markup (day, o->status == RK_OCC_CANCELLED));
    }
  g_ptr_array_sort (sheet->rows, row_compare);

  for (RkDay day = from; day <= to; day++)
    {
      int y, m, d;
      const RkHoliday *h;

      rk_day_to_ymd (day, &y, &m, &d);
      if ((h = rk_holiday_lookup (y, m, d)) == NULL)
        continue;
      g_ptr_array_add (sheet->holidays[column_of (sheet, day)],
                       g_markup_printf_escaped ("<b>%d</b> %s", d,
                                                rk_print_holiday_name (sheet->language, h)));
    }
  {
    g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
    g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < venues->len; i++)
      add_closings (sheet, g_ptr_array_index (venues, i), from, to, spans, order);
    for (guint i = 0; i < order->len; i++)
      {
        const char *key = g_ptr_array_index (order, i);
        GPtrArray *names = g_hash_table_lookup (spans, key);
        g_auto(GStrv) parts = g_strsplit (key, "\t", 3);
        g_autoptr(GString) s = g_string_new (NULL);
        g_autofree char *when = g_markup_printf_escaped ("<b>%s</b>", parts[1]);

        g_string_append (s, when);
        if (*parts[2])
          {
            g_autofree char *m = g_markup_printf_escaped (" %s", parts[2]);

            g_string_append (s, m);
          }
        if (names->len < venues->len)
          {
            g_ptr_array_add (names, NULL);
            {
              g_autofree char *list = g_strjoinv ("・", (char **) names->pdata);
              g_autofree char *m = g_markup_printf_escaped ("（%s）", list);

              g_string_append (s, m);
            }
          }
        g_ptr_array_add (sheet->closings[atoi (parts[0])],
                         g_string_free (g_steal_pointer (&s), FALSE));
      }
  }
  for (guint i = 0; i < venues->len; i++)
    {
      const RkSVenue *v = g_ptr_array_index (venues, i);
      g_autofree char *t = rk_report_weekly_closing_text (v);

      if (t)
        g_string_append_printf (note, "%s%s %s", note->len ? "　" : "", v->name, t);
    }
  sheet->note = g_string_free (g_steal_pointer (&note), FALSE);
}

RkYearSheet *
rk_year_sheet_new (RkStore *store, int fiscal_year, gint64 venue_id, RkPrintLanguage language,
                   GError **error)
{
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  RkYearSheet *sheet;
  RkDay from, to;
  int start_month, previous;

  g_return_val_if_fail (RK_IS_STORE (store), NULL);
  start_month = rk_store_get_setting_int (store, "fiscal_year_start", RK_DEFAULT_FISCAL_YEAR_START);
  if (start_month < 1 || start_month > 12)
    start_month = RK_DEFAULT_FISCAL_YEAR_START;
  rk_fiscal_year_range (fiscal_year, start_month, &from, &to);
  schedule = rk_store_load_schedule (store, from, to, error);
  if (schedule == NULL || !rk_report_check_venue (schedule, venue_id, error))
    return NULL;
  occs = rk_schedule_expand (schedule, from, to, error);
  if (occs == NULL)
    return NULL;

  sheet = g_new0 (RkYearSheet, 1);
  sheet->language = language;
  sheet->year = fiscal_year;
  sheet->start_month = start_month;
  sheet->rows = g_ptr_array_new_with_free_func (row_free);
  for (int i = 0; i < 12; i++)
    {
      sheet->holidays[i] = g_ptr_array_new_with_free_func (g_free);
      sheet->closings[i] = g_ptr_array_new_with_free_func (g_free);
    }
  previous = rk_print_language_push (language);
  build (sheet, schedule, occs, venue_id, from, to);
  rk_print_language_pop (previous);
  return sheet;
}

/* ---------------------------------------------------------------------- */
/* Pages                                                                    */

/* Sizes tried, largest first: the largest at which the year fits the sheet. */
static const double sizes[] = { 10.0, 9.0, 8.0, 7.4, 6.8 };

typedef struct
{
  Builder  b;
  double   size;
  double   scale;            /* A3 sets everything larger */
  double   row_extra;        /* spare height shared by the program rows */
  double   x, w, label_w, col_w;
} Grid;

static char *
joined (GPtrArray *items, const char *sep)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i)
        g_string_append (s, sep);
      g_string_append (s, g_ptr_array_index (items, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The cells of one row (NULL items: the label only), measured or drawn. */
static double
row_layout (Grid *g, GArray *page, double y, const char *label_markup, GPtrArray **cells,
            double cell_size, Rgb label_bg, gboolean hatch_label, double extra)
{
  g_autoptr(PangoLayout) label = rk_report_text_new (&g->b, label_markup, g->size,
                                                     g->label_w - 6, 0);
  PangoLayout *ls[12] = { NULL };
  double h = rk_report_text_height (label);

  for (int m = 0; m < 12; m++)
    {
      g_autofree char *text = joined (cells[m], cell_size < g->size ? "\n" : " ");

      ls[m] = rk_report_text_new (&g->b, text, cell_size, g->col_w - 4, 0);
      h = MAX (h, rk_report_text_height (ls[m]));
    }
  h += 5 + extra;
  if (page)
    {
      rk_report_op_rect (page, OP_FILL, g->x, y, g->label_w, h, label_bg, 0);
      if (hatch_label)
        rk_report_hatch (page, g->x, y, g->label_w, h);
      rk_report_op_text (page, label, g->x + 3, y + 2.5, C_TEXT);
      for (int m = 0; m < 12; m++)
        rk_report_op_text (page, ls[m], g->x + g->label_w + m * g->col_w + 2, y + 2.5, C_TEXT);
      rk_report_op_line (page, g->x, y + h, g->x + g->w, y + h, C_RULE, 0.4);
    }
  for (int m = 0; m < 12; m++)
    g_object_unref (ls[m]);
  return h;
}

static char *
row_label (const Row *r)
{
  if (r->venue)
    return g_markup_printf_escaped ("<b>%s</b>\n<span size=\"smaller\" foreground=\"" M_MUTED "\">%s</span>",
                                    r->label, r->venue);
  return g_markup_printf_escaped ("<b>%s</b>", r->label);
}

static double
head_layout (Grid *g, RkYearSheet *sheet, GArray *page, double y)
{
  double h = 0;
  PangoLayout *ls[12];

  for (int m = 0; m < 12; m++)
    {
      int mm = (sheet->start_month - 1 + m) % 12 + 1;
      int yy = sheet->year + (sheet->start_month - 1 + m) / 12;
      g_autofree char *t = sheet->language == RK_PRINT_EN
                             ? g_strdup_printf ("<b>%s</b>\n%d",
                                                (const char *[]){ "Jan", "Feb", "Mar", "Apr", "May",
                                                                  "Jun", "Jul", "Aug", "Sep", "Oct",
                                                                  "Nov", "Dec" }[mm - 1],
                                                yy)
                             : g_strdup_printf ("<b>%d月</b>\n%d", mm, yy);

      ls[m] = rk_report_text_new (&g->b, t, g->size, g->col_w, 2);
      pango_layout_set_alignment (ls[m], PANGO_ALIGN_CENTER);
      h = MAX (h, rk_report_text_height (ls[m]));
    }
  h += 4;
  if (page)
    {
      rk_report_op_rect (page, OP_FILL, g->x, y, g->w, h, C_HEAD, 0);
      for (int m = 0; m < 12; m++)
        rk_report_op_text (page, ls[m], g->x + g->label_w + m * g->col_w, y + 2, C_WHITE);
    }
  for (int m = 0; m < 12; m++)
    g_object_unref (ls[m]);
  return h;
}

static double
title_layout (Grid *g, RkYearSheet *sheet, GArray *page)
{
  double y = g->b.margin;
  g_autofree char *t = g_markup_printf_escaped ("<b>%s</b>　%s", sheet->title, sheet->span);
  g_autofree char *hm = g_markup_printf_escaped ("<b>%s</b>", sheet->heading);
  g_autoptr(PangoLayout) title = rk_report_text_new (&g->b, t, (PT_HEAD + 3) * g->scale,
                                                     g->w * 0.65, 0);
  g_autoptr(PangoLayout) head = rk_report_text_new (&g->b, hm, PT_HEAD * g->scale, g->w * 0.34,
                                                    0);

  pango_layout_set_alignment (head, PANGO_ALIGN_RIGHT);
  rk_report_op_text (page, title, g->x, y, C_TEXT);
  rk_report_op_text (page, head, g->x + g->w * 0.66, y + 3, C_TEXT);
  return y + MAX (rk_report_text_height (title), rk_report_text_height (head)) + 6;
}

/* The rows under the programs: holidays, closing days. */
static double
bottom_rows (Grid *g, RkYearSheet *sheet, GArray *page, double y)
{
  g_autofree char *hl = g_markup_printf_escaped ("<b>%s</b>", _("National holidays"));
  g_autofree char *cl = g_markup_printf_escaped ("<b>%s</b>", _("Closing days"));
  double small = MAX (g->size - 1.6 * g->scale, 6.2);
  double h = row_layout (g, page, y, hl, sheet->holidays, small, C_RED_BG, FALSE, 0);

  return h + row_layout (g, page, y + h, cl, sheet->closings, small, C_CLOSED_BG, TRUE, 0);
}

static double
key_layout (Grid *g, RkYearSheet *sheet, GArray *page, double y)
{
  g_autofree char *k = g_strdup_printf ("%s　%s%s%s", _("Underlined: Sundays and holidays"),
                                        _("Struck through: cancelled"),
                                        *sheet->note ? "　" : "", sheet->note);
  g_autofree char *m = g_markup_escape_text (k, -1);
  g_autoptr(PangoLayout) l = rk_report_text_new (&g->b, m, (PT_SMALL + 1) * g->scale, g->w, 0);

  if (page)
    rk_report_op_text (page, l, g->x, y, C_TEXT);
  return rk_report_text_height (l);
}

static Pages *
pages_build (RkYearSheet *sheet, double width, double height)
{
  Pages *pages = g_new0 (Pages, 1);
  g_autoptr(GArray) scratch = g_array_new (FALSE, TRUE, sizeof (Op));
  Grid g = { 0 };
  double top, bottom;
  guint row = 0;

  g_array_set_clear_func (scratch, rk_report_op_clear);
  pages->width = width;
  pages->height = height;
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  rk_report_builder_init (&g.b, width, height, pages->pages);
  g.x = g.b.margin;
  g.w = width - 2 * g.b.margin;
  g.scale = width / RK_REPORT_A4_LONG_PT;
  g.label_w = MIN (150.0 * g.scale, g.w * 0.15);
  g.col_w = (g.w - g.label_w) / 12;
  top = title_layout (&g, sheet, scratch);
  bottom = height - g.b.margin - 12;

  /* The largest size at which everything fits on the one sheet. */
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      double need;

      g.size = sizes[s] * g.scale;
      need = head_layout (&g, sheet, NULL, 0) + bottom_rows (&g, sheet, NULL, 0) +
             key_layout (&g, sheet, NULL, 0) + 6;
      for (guint i = 0; i < sheet->rows->len; i++)
        {
          const Row *r = g_ptr_array_index (sheet->rows, i);
          g_autofree char *label = row_label (r);

          need += row_layout (&g, NULL, 0, label, (GPtrArray **) r->dates, g.size, C_WHITE,
                              FALSE, 0);
        }
      if (top + need <= bottom)
        {
          /* A quiet year still fills the wall sheet with even rows. */
          if (sheet->rows->len)
            g.row_extra = MIN ((bottom - top - need) / sheet->rows->len, 3.5 * g.size);
          break;
        }
    }

  do
    {
      GArray *page = rk_report_page_new (&g.b);
      double y = title_layout (&g, sheet, page), grid_top = y;
      guint first = row;

      y += head_layout (&g, sheet, page, y);
      for (; row < sheet->rows->len; row++)
        {
          const Row *r = g_ptr_array_index (sheet->rows, row);
          g_autofree char *label = row_label (r);
          double h = row_layout (&g, NULL, 0, label, (GPtrArray **) r->dates, g.size, C_WHITE,
                                 FALSE, g.row_extra);

          if (y + h > bottom - bottom_rows (&g, sheet, NULL, 0) - key_layout (&g, sheet, NULL, 0)
              && row > first)
            break;
          y += row_layout (&g, page, y, label, (GPtrArray **) r->dates, g.size, C_WHITE, FALSE,
                           g.row_extra);
        }
      if (sheet->rows->len == 0)
        {
          g_autoptr(PangoLayout) l = rk_report_text_new (&g.b, _("No events this fiscal year."), g.size,
                                                         g.w, 0);

          rk_report_op_text (page, l, g.x + g.label_w + 4, y + 4, C_MUTED);
          y += rk_report_text_height (l) + 10;
        }
      y += bottom_rows (&g, sheet, page, y);
      /* the frame and the month lines over the whole table */
      rk_report_op_rect (page, OP_STROKE, g.x, grid_top, g.w, y - grid_top, C_FRAME, 0.9);
      for (int m = 0; m <= 11; m++)
        rk_report_op_line (page, g.x + g.label_w + m * g.col_w, grid_top,
                           g.x + g.label_w + m * g.col_w, y, m ? C_RULE : C_FRAME,
                           m ? 0.4 : 0.8);
      key_layout (&g, sheet, page, y + 4);
    }
  while (row < sheet->rows->len);

  if (pages->pages->len > 1)
    for (guint p = 0; p < pages->pages->len; p++)
      {
        g_autofree char *m = g_strdup_printf ("%u / %u", p + 1, pages->pages->len);
        g_autoptr(PangoLayout) l = rk_report_text_new (&g.b, m, PT_BODY, 0, 0);

        rk_report_op_text (g_ptr_array_index (pages->pages, p), l,
                           width - g.b.margin - rk_report_text_width (l), height - g.b.margin,
                           C_MUTED);
      }
  rk_report_builder_clear (&g.b);
  return pages;
}

static void
draw_page (gpointer data, cairo_t *cr, int page, double width, double height)
{
  RkYearSheet *sheet = data;

  rk_report_ops_draw (cr, g_ptr_array_index (sheet->pages->pages, page));
}

GBytes *
rk_year_sheet_pdf (RkYearSheet *sheet, gboolean a3, GError **error)
{
  double w = a3 ? A3_LONG_PT : RK_REPORT_A4_LONG_PT;
  double h = a3 ? A3_SHORT_PT : RK_REPORT_A4_SHORT_PT;
  int previous;

  g_return_val_if_fail (sheet != NULL, NULL);
  rk_report_pages_free (sheet->pages);
  previous = rk_print_language_push (sheet->language);
  sheet->pages = pages_build (sheet, w, h);
  rk_print_language_pop (previous);
  return rk_report_pdf_pages_bytes (w, h, sheet->title, (int) sheet->pages->pages->len,
                                    draw_page, sheet, error);
}
