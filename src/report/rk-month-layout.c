#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-era.h"
#include "rk-month-report-private.h"

static const char * const month_abbrev_en[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Weekday names and dates are written out here rather than translated:
 * the Japanese forms (日, 12月9日) are what a wall calendar uses, and the
 * English ones must not depend on the process locale either. */
const char *
rk_report_weekday (int wd)
{
  static const char * const ja[7] = { "日", "月", "火", "水", "木", "金", "土" };
  static const char * const en[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

  g_return_val_if_fail (wd >= 0 && wd < 7, "");
  return rk_print_language_current () == RK_PRINT_EN ? en[wd] : ja[wd];
}

const char *
rk_report_list_sep (void)
{
  return rk_print_language_current () == RK_PRINT_EN ? ", " : "、";
}

const char *
rk_report_range_sep (void)
{
  return rk_print_language_current () == RK_PRINT_EN ? "–" : "〜";
}

char *
rk_report_month_day (int month, int mday)
{
  g_return_val_if_fail (month >= 1 && month <= 12, g_strdup (""));
  if (rk_print_language_current () == RK_PRINT_EN)
    return g_strdup_printf ("%s %d", month_abbrev_en[month - 1], mday);
  return g_strdup_printf ("%d月%d日", month, mday);
}

char *
rk_report_month_title (int year, int month)
{
  static const char * const months[12] = { "January", "February", "March", "April", "May",
                                            "June", "July", "August", "September", "October",
                                            "November", "December" };
  g_autofree char *era = NULL;

  g_return_val_if_fail (month >= 1 && month <= 12, g_strdup (""));
  if (rk_print_language_current () == RK_PRINT_EN)
    return g_strdup_printf ("%s %d", months[month - 1], year);
  era = rk_era_year_ja (year, month, 1);
  return era ? g_strdup_printf ("%d年（%s）%d月", year, era, month)
             : g_strdup_printf ("%d年%d月", year, month);
}

/* format is a translated "Label: %s", one string argument. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void
rk_report_append_field (GString *s, const char *sep, const char *format, const char *value)
{
  g_autofree char *t = g_strdup_printf (format, value);
  g_autofree char *m = g_markup_printf_escaped ("%s%s", sep, t);

  g_string_append (s, m);
}
#pragma GCC diagnostic pop

void
rk_report_op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

void
rk_report_pages_free (Pages *p)
{
  if (p == NULL)
    return;
  g_ptr_array_unref (p->pages);
  g_free (p);
}

GArray *
rk_report_page_new (Builder *b)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (page, rk_report_op_clear);
  g_ptr_array_add (b->pages, page);
  return page;
}

void
rk_report_op_rect (GArray *page, OpKind kind, double x, double y, double w, double h, Rgb c,
                   double lw)
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

void
rk_report_op_dashed (GArray *page, double x, double y, double w, double h, Rgb c, double lw,
                     double dash)
{
  rk_report_op_rect (page, OP_STROKE, x, y, w, h, c, lw);
  g_array_index (page, Op, page->len - 1).dash = dash;
}

void
rk_report_op_line (GArray *page, double x1, double y1, double x2, double y2, Rgb c, double lw)
{
  rk_report_op_rect (page, OP_LINE, x1, y1, x2, y2, c, lw);
}

/* Takes a reference on layout. clip_w 0: no clip. */
void
rk_report_op_text_clipped (GArray *page, PangoLayout *layout, double x, double y, Rgb c,
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

void
rk_report_op_text (GArray *page, PangoLayout *layout, double x, double y, Rgb c)
{
  rk_report_op_text_clipped (page, layout, x, y, c, 0, 0, 0, 0);
}

/* A layout of markup at size points; width <= 0: one unwrapped line.
 * max_lines > 0 wraps at most that many lines and ends the last with "…". */
PangoLayout *
rk_report_text_new (Builder *b, const char *markup, double size, double width, int max_lines)
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
      /* IPAexGothic's line is 1.1 em: wrapped lines a little apart. */
      pango_layout_set_line_spacing (l, LINE_SPACING);
      if (max_lines > 0)
        {
          pango_layout_set_height (l, -max_lines);
          pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
        }
    }
  pango_layout_set_markup (l, markup, -1);
  return l;
}

PangoLayout *
rk_report_text_memo (Builder *b, const char *markup, double size, double width, int max_lines)
{
  g_autofree char *key = g_strdup_printf ("%.4f|%.4f|%d|%s", size, width, max_lines, markup);
  PangoLayout *l = g_hash_table_lookup (b->memo, key);

  if (l == NULL)
    {
      l = rk_report_text_new (b, markup, size, width, max_lines);
      g_hash_table_insert (b->memo, g_steal_pointer (&key), l);
    }
  return g_object_ref (l);
}

double
rk_report_text_height (PangoLayout *l)
{
  int w, h;

  if (l == NULL)
    return 0;
  pango_layout_get_size (l, &w, &h);
  return (double) h / PANGO_SCALE;
}

double
rk_report_text_width (PangoLayout *l)
{
  int w, h;

  pango_layout_get_size (l, &w, &h);
  return (double) w / PANGO_SCALE;
}

gboolean
rk_report_is_red_day (const DayInfo *d)
{
  return d->weekday == 7 || d->holiday != NULL;
}

const char *
rk_report_day_markup_color (const DayInfo *d)
{
  if (rk_report_is_red_day (d))
    return M_RED;
  if (d->weekday == 6)
    return M_BLUE;
  return NULL;
}

Rgb
rk_report_day_color (const DayInfo *d)
{
  if (rk_report_is_red_day (d))
    return C_RED;
  if (d->weekday == 6)
    return C_BLUE;
  return C_TEXT;
}

/* "12月12日（土）" / "Sat Dec 12". */
char *
rk_report_day_long_text (const DayInfo *d)
{
  int m;

  rk_day_to_ymd (d->day, NULL, &m, NULL);
  if (rk_print_language_current () == RK_PRINT_EN)
    {
      g_autofree char *md = rk_report_month_day (m, d->mday);

      return g_strdup_printf ("%s %s", rk_report_weekday (d->weekday % 7), md);
    }
  return g_strdup_printf ("%d月%d日（%s）", m, d->mday, rk_report_weekday (d->weekday % 7));
}

/* The first line of an event: time, tentative/cancelled mark, title. */
char *
rk_report_item_title_markup (const Item *it, gboolean bold_title, gboolean start_only)
{
  g_autofree char *mark = NULL;
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (it->cancelled)
    mark = g_markup_printf_escaped ("<span foreground=\"" M_TEXT "\" weight=\"bold\">%s</span>",
                                    _("(cancelled)"));
  else if (it->tentative)
    mark = g_markup_printf_escaped ("<span foreground=\"" M_ORANGE "\" weight=\"bold\">%s</span>",
                                    _("(tentative)"));
  time = g_markup_printf_escaped ("%s%s<b>%s</b>", it->symbol ? it->symbol : "",
                                  it->symbol ? " " : "",
                                  start_only ? it->start_text : it->time_text);
  title = g_markup_printf_escaped (bold_title ? "<b>%s</b>" : "%s", it->title);
  if (it->cancelled)
    {
      /* 中止 first and not struck through, so that it reads on any copier;
       * the rest struck through, so nobody mistakes it for a date. */
      return g_strdup_printf ("%s <span strikethrough=\"true\" foreground=\"" M_MUTED "\">"
                              "%s %s</span>", mark, time, title);
    }
  body = g_strconcat (time, " ", mark ? mark : "", mark ? " " : "", title, NULL);
  return g_steal_pointer (&body);
}

void
rk_report_block_clear (Block *bl)
{
  g_clear_object (&bl->title);
  g_clear_object (&bl->place);
  g_clear_object (&bl->info);
  g_clear_object (&bl->staff);
  g_clear_object (&bl->shortage);
  g_clear_object (&bl->notes);
}

/* Title band: the date big on the left, hub name and kind of schedule on
 * the right. Returns its height. */
double
rk_report_title_draw (Builder *b, GArray *page, double x, double y, double w, gboolean small)
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
  ld = rk_report_text_new (b, date, big, 0, 0);
  dw = rk_report_text_width (ld);
  h = rk_report_text_height (ld);

  if (b->staff)
    {
      g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("For staff only"));

      lb = rk_report_text_new (b, m, small ? PT_BODY : PT_MED, 0, 0);
      badge_w = rk_report_text_width (lb) + 10;
    }

  if (self->heading)
    head
        = g_markup_printf_escaped ("<b>%s</b>　<span size=\"%d\">%s</span>", self->heading,
                                   (int)((small ? PT_BODY : PT_BIG) * PANGO_SCALE), self->subtitle);
  else
    head = g_markup_printf_escaped ("<b>%s</b>", self->subtitle);
  lh = rk_report_text_new (b, head, small ? PT_MED : PT_HEAD, 0, 0);
  hw = w - dw - 16 - badge_w;
  stacked = !small && rk_report_text_width (lh) > hw;
  if (stacked)
    {
      /* Too long beside the date (portrait, several venues): a line of
       * its own under it. */
      g_object_unref (lh);
      lh = rk_report_text_new (b, head, PT_HEAD, w, 1);
    }
  else
    {
      g_object_unref (lh);
      lh = rk_report_text_new (b, head, small ? PT_MED : PT_HEAD, hw, 1);
      pango_layout_set_alignment (lh, PANGO_ALIGN_RIGHT);
    }

  rk_report_op_text (page, ld, x, y, C_TEXT);
  if (stacked)
    rk_report_op_text (page, lh, x, y + h, C_TEXT);
  else
    rk_report_op_text (page, lh, x + dw + 16, y + h - rk_report_text_height (lh) - (small ? 1 : 3),
                       C_TEXT);
  if (lb)
    {
      double bh = rk_report_text_height (lb) + 3;
      double by = y + h - bh - (small ? 0.5 : 3.5);

      rk_report_op_rect (page, OP_FILL, x + w - badge_w + 4, by, badge_w - 4, bh, C_RED, 0);
      rk_report_op_text (page, lb, x + w - badge_w + 4 + 3, by + 1.5, C_WHITE);
    }
  return stacked ? h + rk_report_text_height (lh) : h;
}

double
rk_report_flow_header (Builder *b, GArray *page, const char *section)
{
  double x = b->margin, y = b->margin, w = b->W - 2 * b->margin;
  double h = rk_report_title_draw (b, page, x, y, w, TRUE);
  g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", section);
  g_autoptr(PangoLayout) l = NULL;

  y += h + 2;
  rk_report_op_line (page, x, y, x + w, y, C_FRAME, 0.8);
  y += 5;
  l = rk_report_text_new (b, m, PT_BIG, w, 0);
  rk_report_op_text (page, l, x, y, C_TEXT);
  return y + rk_report_text_height (l) + 5;
}

Pages *
rk_report_pages_build (RkMonthReport *self, double width, double height)
{
  Builder b = { 0 };
  Pages *pages = g_new0 (Pages, 1);
  CalendarGeometry g = { 0 };
  CellFit *fits;
  int *day_page;
  g_autoptr(GArray) flow = g_array_new (FALSE, TRUE, sizeof (FlowEntry));
  GArray *cal;
  gboolean **cuts;
  double x, w, title_h, band_budget, legend_h, contacts_h, notices_h, legend_col_w;

  pages->width = width;
  pages->height = height;
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  b.self = self;
  rk_report_builder_init (&b, width, height, pages->pages);
  b.staff = self->options.audience == RK_AUDIENCE_STAFF;

  cal = rk_report_page_new (&b);
  x = b.margin;
  w = width - 2 * b.margin;

  /* Title height, measured on a scratch page. */
  {
    g_autoptr(GArray) scratch = g_array_new (FALSE, TRUE, sizeof (Op));

    g_array_set_clear_func (scratch, rk_report_op_clear);
    title_h = rk_report_title_draw (&b, scratch, x, b.margin, w, FALSE);
  }

  legend_col_w = (w - 14 * (rk_report_legend_columns (&b) - 1)) / rk_report_legend_columns (&b);
  legend_h = self->legend->len ? rk_report_legend_measure (&b, legend_col_w, NULL) + 2 : 0;
  if (self->items->len == 0)
    {
      g_autoptr(PangoLayout) l = rk_report_no_events_layout (&b, w);

      legend_h = rk_report_text_height (l) + 2;
    }
  contacts_h = self->contacts->len ? rk_report_contacts_measure (&b, w, NULL) + 3 : 0;
  notices_h = self->notices->len ? rk_report_notices_measure (&b, w) + 4 : 0;
  band_budget = (height - 2 * b.margin - title_h) * 0.24;
  /* The notices first: what families must not miss. */
  g.notices_on_page = notices_h <= band_budget;
  if (g.notices_on_page)
    band_budget -= notices_h;
  g.contacts_on_page = contacts_h <= band_budget;
  g.legend_on_page = legend_h + (g.contacts_on_page ? contacts_h : 0) <= band_budget;
  g.band_h = (g.legend_on_page ? legend_h : 0) + (g.contacts_on_page ? contacts_h : 0) +
             (g.notices_on_page ? notices_h : 0);

  g.x = x;
  g.y = b.margin + title_h + 6;
  g.w = w;
  g.head_h = 14;
  g.h = height - b.margin - 10 - g.band_h - (g.band_h > 0 ? 5 : 0) - g.y;
  g.cell_w = w / 7;
  g.band_y = g.y + g.h + 5;

  /* The type size, the weeks' heights, and which events go to the agenda. */
  fits = g_new0 (CellFit, self->days->len);
  cuts = g_new0 (gboolean *, self->days->len);
  day_page = g_new (int, self->days->len);
  rk_report_calendar_fit (&b, &g, fits, cuts);
  for (guint i = 0; i < self->days->len; i++)
    {
      const DayInfo *d = &g_array_index (self->days, DayInfo, i);
      gboolean *cut = cuts[i];
      gboolean any = FALSE, whole_day;

      day_page[i] = -1;
      if (!d->in_month)
        continue;
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

  /* Notices too long for the space under the calendar: first thing after it. */
  if (!g.notices_on_page && self->notices->len)
    {
      FlowEntry head = { .kind = FLOW_HEAD, .heading = _("Notices") };

      g_array_prepend_val (flow, head);
      for (guint i = 0; i < self->notices->len; i++)
        {
          FlowEntry fe = { .kind = FLOW_NOTICE, .legend_index = i };

          g_array_insert_val (flow, 1 + i, fe);
        }
    }

  if (!g.legend_on_page && self->legend->len)
    {
      FlowEntry head = { .kind = FLOW_HEAD, .heading = _("Programs") };

      g_array_prepend_val (flow, head);
      for (guint i = 0; i < self->legend->len; i++)
        {
          FlowEntry fe = { .kind = FLOW_LEGEND, .legend_index = i };

          g_array_insert_val (flow, 1 + i, fe);
        }
    }

  /* Many venues: every contact after the events, over as many columns and
   * pages as they take. */
  if (!g.contacts_on_page && self->contacts->len)
    {
      FlowEntry head = { .kind = FLOW_HEAD, .heading = _("Contact") };

      g_array_append_val (flow, head);
      for (guint i = 0; i < self->contacts->len; i++)
        {
          FlowEntry fe = { .kind = FLOW_CONTACT, .legend_index = i };

          g_array_append_val (flow, fe);
        }
    }

  if (flow->len)
    {
      gboolean events = FALSE;

      for (guint i = 0; i < flow->len; i++)
        events |= g_array_index (flow, FlowEntry, i).kind == FLOW_ITEM;
      rk_report_flow_layout (&b, flow,
                             b.staff ? _("All events with their staff")
                             : events ? _("Events in full (those that did not fit in the calendar)")
                                      : _("Programs and contacts"),
                             day_page);
    }
  for (guint i = 0; i < self->days->len; i++)
    fits[i].agenda_page = day_page[i];

  rk_report_calendar_layout (&b, cal, &g, fits);

  if (b.staff)
    rk_report_roster_layout (&b);

  /* Page numbers once the count is known. */
  if (pages->pages->len > 1)
    for (guint p = 0; p < pages->pages->len; p++)
      {
        g_autofree char *m = g_strdup_printf ("%u / %u", p + 1, pages->pages->len);
        g_autoptr(PangoLayout) l = rk_report_text_new (&b, m, PT_BODY, 0, 0);

        rk_report_op_text (g_ptr_array_index (pages->pages, p), l,
                           width - b.margin - rk_report_text_width (l),
                           height - b.margin * 0.55 - rk_report_text_height (l) / 2, C_MUTED);
      }

  for (guint i = 0; i < self->days->len; i++)
    {
      for (guint k = 0; k < fits[i].n_blocks; k++)
        rk_report_block_clear (&fits[i].blocks[k]);
      g_free (fits[i].blocks);
      g_free (cuts[i]);
    }
  g_free (fits);
  g_free (cuts);
  g_free (day_page);
  rk_report_builder_clear (&b);
  return pages;
}
