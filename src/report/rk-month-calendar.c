#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-month-report-private.h"

/* Diagonal lines over a rectangle: a closing day, told from a day of
 * another month (flat grey) without colour. */
void
rk_report_hatch (GArray *page, double x, double y, double w, double h)
{
  for (double c = 5; c < w + h; c += 5)
    {
      double dx1 = MIN (c, w), dy2 = MIN (c, h);

      rk_report_op_line (page, x + dx1, y + c - dx1, x + c - dy2, y + dy2, C_HATCH, 0.5);
    }
}

/* Which venues are closed and why, on up to two lines under the date. */
static PangoLayout *
closed_line_layout (Builder *b, const DayInfo *d, double inner_w)
{
  g_autofree char *m = g_markup_printf_escaped ("%s", d->closed_line);

  return rk_report_text_memo (b, m, b->cell_small_pt, inner_w, 2);
}

/* Its height for a cell whose event text is width wide. */
static double
closed_line_height (Builder *b, const DayInfo *d, double width)
{
  g_autoptr(PangoLayout) l = NULL;

  if (d->closed_line == NULL)
    return 0;
  l = closed_line_layout (b, d, width + BAR_W + 2.2);
  return rk_report_text_height (l);
}

static gboolean
layout_cut (PangoLayout *l)
{
  return l != NULL && pango_layout_is_ellipsized (l);
}

/* How much of an event a day cell shows, from everything (0) down to the
 * time and title on one line (CELL_LEVEL_MIN). */
#define CELL_LEVEL_MIN 3

void
rk_report_block_measure_cell (Builder *b, const Item *it, double width, int level, Block *bl)
{
  static const int title_lines[] = { 3, 2, 1, 1 };
  g_autofree char *title = rk_report_item_title_markup (it, FALSE, FALSE);
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
  bl->title = rk_report_text_memo (b, title, b->cell_title_pt, width, title_lines[level]);
  bl->cut = layout_cut (bl->title);
  if (it->place && level == 0 && it->venue_name)
    {
      /* Venue and room on lines of their own. A shortened venue name is
       * not a loss: every venue is written out in full under the grid. */
      g_autofree char *v = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->venue_name);
      g_autofree char *r = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->room_name);

      bl->info = rk_report_text_memo (b, v, b->cell_small_pt, width, 2);
      bl->place = rk_report_text_memo (b, r, b->cell_small_pt, width, 2);
      bl->cut |= layout_cut (bl->place);
    }
  else if (it->place && level < CELL_LEVEL_MIN)
    {
      g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->place);

      bl->place = rk_report_text_memo (b, m, b->cell_small_pt, width, level == 0 ? 2 : 1);
      bl->cut |= layout_cut (bl->place);
    }
  else if (it->place)
    bl->cut = TRUE;
  if (b->staff && !it->cancelled)
    {
      if (!rk_report_is_blank (it->staff_short) && level < CELL_LEVEL_MIN)
        {
          g_autofree char *m = g_markup_printf_escaped (
              "<span foreground=\"" M_STAFF "\">%s</span>", it->staff_short);

          bl->staff = rk_report_text_memo (b, m, b->cell_small_pt, width, level == 0 ? 2 : 1);
        }
      /* A missing nurse is what staff must see: a line of its own until
       * the tightest level, then a tag before the time. */
      if (it->shortage && !short_inline)
        {
          g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_RED "\" "
                                                        "weight=\"bold\">%s</span>",
                                                        it->shortage);

          bl->shortage = rk_report_text_memo (b, m, b->cell_small_pt, width, 1);
        }
    }
  bl->height = rk_report_text_height (bl->title) + rk_report_text_height (bl->info)
               + rk_report_text_height (bl->place) + rk_report_text_height (bl->staff)
               + rk_report_text_height (bl->shortage) + CELL_GAP;
}

/* Draws an event's lines beside its colour bar; returns their height.
 * The bar is hollow (dashed) for a tentative event, grey for a cancelled
 * one. cw 0: no clip. */
double
rk_report_block_draw (GArray *page, const Block *bl, const Item *it, double x, double y,
            double cx, double cy, double cw, double ch)
{
  PangoLayout *parts[] = { bl->title, bl->info, bl->place, bl->staff, bl->shortage, bl->notes };
  double h = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i])
      {
        rk_report_op_text_clipped (page, parts[i], x + BAR_W + 2.2, y + h, C_TEXT, cx, cy, cw, ch);
        h += rk_report_text_height (parts[i]);
      }
  if (it->cancelled)
    rk_report_op_rect (page, OP_FILL, x, y + 0.8, BAR_W, h - 1.6, C_FAINT, 0);
  else if (it->tentative)
    rk_report_op_dashed (page, x + 0.4, y + 1.2, BAR_W - 0.8, h - 2.4, it->color, 0.8, 1.6);
  else
    rk_report_op_rect (page, OP_FILL, x, y + 0.8, BAR_W, h - 1.6, it->color, 0);
  return h;
}

PangoLayout *
rk_report_legend_layout (Builder *b, const LegendEntry *l, double size, double width)
{
  g_autoptr(GString) s = g_string_new (NULL);
  /* The name in the text's colour, who it is for and what to bring in
   * grey: told apart without a bold face (each face is a font subset of
   * its own to embed, and the names are the month's titles again). */
  g_autofree char *name = g_markup_printf_escaped ("%s", l->name);

  if (l->symbol)
    g_string_append_printf (s, "%s ", l->symbol);
  g_string_append (s, name);
  if (l->audience || l->bring)
    g_string_append (s, "<span foreground=\"" M_MUTED "\">");
  if (l->audience)
    rk_report_append_field (s, "　", _("For: %s"), l->audience);
  if (l->bring)
    rk_report_append_field (s, "　", _("Bring: %s"), l->bring);
  if (l->audience || l->bring)
    g_string_append (s, "</span>");
  /* Measured for the band's height, then drawn: one layout. */
  return rk_report_text_memo (b, s->str, size, width, 0);
}

int
rk_report_legend_columns (Builder *b)
{
  return b->landscape ? 2 : 1;
}

/* Height of the legend block in columns of the given width; fills
 * layouts (n = legend->len) when not NULL. */
double
rk_report_legend_measure (Builder *b, double col_w, PangoLayout **layouts)
{
  RkMonthReport *self = b->self;
  int cols = rk_report_legend_columns (b);
  guint per_col = (self->legend->len + cols - 1) / cols;
  double best = 0;

  for (int c = 0; c < cols; c++)
    {
      double h = 0;

      for (guint i = c * per_col; i < MIN (self->legend->len, (c + 1) * per_col); i++)
        {
          PangoLayout *l = rk_report_legend_layout (b, g_ptr_array_index (self->legend, i),
                                                    LEGEND_PT, col_w - SWATCH - 4);

          h += rk_report_text_height (l) + 1.5;
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
  int cols = rk_report_legend_columns (b);
  double gap = 14;
  double col_w = (w - gap * (cols - 1)) / cols;
  guint per_col = (self->legend->len + cols - 1) / cols;
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, self->legend->len + 1);

  rk_report_legend_measure (b, col_w, layouts);
  for (int c = 0; c < cols; c++)
    {
      double yy = y;

      for (guint i = c * per_col; i < MIN (self->legend->len, (c + 1) * per_col); i++)
        {
          LegendEntry *l = g_ptr_array_index (self->legend, i);
          double line = rk_report_text_height (layouts[i]);
          double first_line;
          PangoLayoutIter *iter = pango_layout_get_iter (layouts[i]);
          PangoRectangle r;

          /* The swatch centred on the first line of a wrapped entry. */
          pango_layout_iter_get_line_extents (iter, NULL, &r);
          first_line = (double) r.height / PANGO_SCALE;
          pango_layout_iter_free (iter);
          rk_report_op_rect (page, OP_FILL, x + c * (col_w + gap), yy + (first_line - SWATCH) / 2,
                   SWATCH, SWATCH, l->color, 0);
          rk_report_op_text (page, layouts[i], x + c * (col_w + gap) + SWATCH + 4, yy, C_TEXT);
          yy += line + 1.5;
        }
    }
  for (guint i = 0; i < self->legend->len; i++)
    g_clear_object (&layouts[i]);
}

double
rk_report_contacts_measure (Builder *b, double width, GPtrArray *out)
{
  RkMonthReport *self = b->self;
  double h = 0;

  for (guint i = 0; i < self->contacts->len; i++)
    {
      PangoLayout *l
          = rk_report_text_memo (b, g_ptr_array_index (self->contacts, i), CONTACT_PT, width, 0);

      h += rk_report_text_height (l) + 1;
      if (out)
        g_ptr_array_add (out, l);
      else
        g_object_unref (l);
    }
  return h;
}

/* The notice box: お知らせ in a frame (a frame and a heading survive any
 * copier), the notices beside it at a size families read. */
#define NOTICE_PT   PT_MED
#define NOTICE_PAD  4.0

static PangoLayout *
notice_heading_layout (Builder *b)
{
  g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("Notices"));

  return rk_report_text_new (b, m, NOTICE_PT, 0, 0);
}

PangoLayout *
rk_report_notice_layout (Builder *b, guint index, double width)
{
  return rk_report_text_new (b, g_ptr_array_index (b->self->notices, index), NOTICE_PT, width, 0);
}

static double
notices_layout (Builder *b, double width, GArray *page, double x, double y)
{
  RkMonthReport *self = b->self;
  g_autoptr(PangoLayout) head = notice_heading_layout (b);
  double head_w = rk_report_text_width (head) + 2 * NOTICE_PAD + 4;
  double text_w = width - head_w - NOTICE_PAD;
  double h = 0;

  for (guint i = 0; i < self->notices->len; i++)
    {
      g_autoptr(PangoLayout) l = rk_report_notice_layout (b, i, text_w);

      if (page)
        rk_report_op_text (page, l, x + head_w, y + NOTICE_PAD + h, C_TEXT);
      h += rk_report_text_height (l) + (i + 1 < self->notices->len ? 2 : 0);
    }
  h = MAX (h, rk_report_text_height (head)) + 2 * NOTICE_PAD;
  if (page)
    {
      rk_report_op_rect (page, OP_STROKE, x, y, width, h, C_FRAME, 0.9);
      rk_report_op_line (page, x + head_w - 4, y, x + head_w - 4, y + h, C_FRAME, 0.6);
      rk_report_op_text (page, head, x + NOTICE_PAD, y + NOTICE_PAD, C_TEXT);
    }
  return h;
}

double
rk_report_notices_measure (Builder *b, double width)
{
  if (b->self->notices->len == 0)
    return 0;
  return notices_layout (b, width, NULL, 0, 0);
}

void
rk_report_notices_draw (Builder *b, GArray *page, double x, double y, double w)
{
  if (b->self->notices->len)
    notices_layout (b, w, page, x, y);
}

void
rk_report_contacts_draw (Builder *b, GArray *page, double x, double y, double w)
{
  g_autoptr(GPtrArray) ls = g_ptr_array_new_with_free_func (g_object_unref);

  rk_report_contacts_measure (b, w, ls);
  for (guint i = 0; i < ls->len; i++)
    {
      PangoLayout *l = g_ptr_array_index (ls, i);

      rk_report_op_text (page, l, x, y, C_TEXT);
      y += rk_report_text_height (l) + 1;
    }
}

void
rk_report_cell_fit (Builder *b, const DayInfo *d, double width, double avail, CellFit *fit,
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
      rk_report_block_measure_cell (b, g_ptr_array_index (d->items, i), width, 0, &blocks[i]);
      h += blocks[i].height;
    }

  if (hopeless || h > avail)
    {
      g_autofree Block *tight = g_new0 (Block, n);
      double h_tight = 0;

      for (guint i = 0; i < n; i++)
        {
          rk_report_block_measure_cell (b, g_ptr_array_index (d->items, i), width, CELL_LEVEL_MIN,
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
                        rk_report_block_measure_cell (b, g_ptr_array_index (d->items, i), width,
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
              rk_report_block_clear (&blocks[best]);
              blocks[best] = next[best];
              memset (&next[best], 0, sizeof (Block));
              have_next[best] = FALSE;
              levels[best]++;
            }
          for (guint i = 0; i < n; i++)
            rk_report_block_clear (&next[i]);
          for (guint i = 0; i < n; i++)
            rk_report_block_clear (&tight[i]);
        }
      else
        {
          /* More than the cell holds even at one line each: as many as fit,
           * then "N more"; the whole day goes to the agenda. */
          g_autoptr(PangoLayout) probe = rk_report_text_new (b, "<b>0</b>", b->cell_title_pt, 0, 0);
          guint k = 0;

          more_h = rk_report_text_height (probe);
          for (guint i = 0; i < n; i++)
            {
              rk_report_block_clear (&blocks[i]);
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

PangoLayout *
rk_report_no_events_layout (Builder *b, double width)
{
  g_autofree char *m = g_markup_printf_escaped ("%s", _("No events this month."));

  return rk_report_text_new (b, m, PT_BODY, width, 0);
}

void
rk_report_calendar_layout (Builder *b, GArray *page, CalendarGeometry *g, CellFit *fits)
{
  RkMonthReport *self = b->self;
  double x = b->margin, y = b->margin, w = b->W - 2 * b->margin;
  gboolean monday = self->options.monday_first;

  rk_report_title_draw (b, page, x, y, w, FALSE);

  /* Weekday header */
  for (int c = 0; c < 7; c++)
    {
      int wd = monday ? (c + 1) % 7 : c;    /* 0 Sunday */
      double cx = g->x + c * g->cell_w;
      Rgb bg = wd == 0 ? C_RED : wd == 6 ? C_BLUE : C_HEAD;
      g_autofree char *m = g_strdup_printf ("<b>%s</b>", rk_report_weekday (wd));
      g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_MED, g->cell_w, 0);

      pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
      rk_report_op_rect (page, OP_FILL, cx, g->y, g->cell_w, g->head_h, bg, 0);
      rk_report_op_text (page, l, cx, g->y + (g->head_h - rk_report_text_height (l)) / 2, C_WHITE);
    }

  for (guint i = 0; i < self->days->len; i++)
    {
      const DayInfo *d = &g_array_index (self->days, DayInfo, i);
      CellFit *fit = &fits[i];
      double cx = g->x + (i % 7) * g->cell_w;
      double cy = g->row_y[i / 7], cell_h = g->row_h[i / 7];
      double inner_x = cx + CELL_PAD, inner_w = g->cell_w - 2 * CELL_PAD;
      g_autofree char *num = NULL;
      g_autoptr(PangoLayout) ln = NULL;
      double hx, ey;
      Rgb bg;

      if (!d->in_month)
        bg = C_OTHER_BG;
      else if (d->closed_all)
        bg = C_CLOSED_BG;
      else if (rk_report_is_red_day (d))
        bg = C_RED_BG;
      else if (d->weekday == 6)
        bg = C_BLUE_BG;
      else
        bg = C_WHITE;
      if (bg.r != 1.0 || bg.g != 1.0 || bg.b != 1.0)
        rk_report_op_rect (page, OP_FILL, cx, cy, g->cell_w, cell_h, bg, 0);
      /* Cues that survive a monochrome copier: closing days hatched (days
       * of other months stay flat grey); Sundays and holidays a white
       * number on a dark box, Saturdays a framed number. */
      if (d->in_month && d->closed_all)
        rk_report_hatch (page, cx, cy, g->cell_w, cell_h);

      num = g_strdup_printf ("<b>%d</b>", d->mday);
      ln = rk_report_text_memo (b, num, PT_BIG, 0, 0);
      hx = inner_x + rk_report_text_width (ln) + 3;
      if (d->in_month && rk_report_is_red_day (d))
        {
          rk_report_op_rect (page, OP_FILL, inner_x - 1.5, cy + 1.5, hx - inner_x, 12.0, C_RED, 0);
          rk_report_op_text (page, ln, inner_x, cy + 0.5, C_WHITE);
          hx += 1.5;
        }
      else if (d->in_month && d->weekday == 6)
        {
          rk_report_op_rect (page, OP_STROKE, inner_x - 1.2, cy + 1.8, hx - inner_x - 0.6, 11.4,
                             C_BLUE, 0.9);
          rk_report_op_text (page, ln, inner_x, cy + 0.5, C_BLUE);
          hx += 1.5;
        }
      else
        rk_report_op_text (page, ln, inner_x, cy + 0.5,
                           d->in_month ? rk_report_day_color (d) : C_FAINT);

      if (!d->in_month)
        continue;

      {
        double right = cx + g->cell_w - CELL_PAD;

        if (d->closed && d->closed_all)
          {
            g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", d->closed);
            g_autoptr(PangoLayout) l = rk_report_text_new (b, m, MIN (b->cell_small_pt, 8.0), 0, 0);
            double bw = rk_report_text_width (l) + 5, bh = rk_report_text_height (l) + 1;

            right -= bw;
            rk_report_op_rect (page, OP_FILL, right, cy + 2.5, bw, bh, C_MUTED, 0);
            rk_report_op_text (page, l, right + 2.5, cy + 3, C_WHITE);
            right -= 2;
          }
        if (d->holiday && right - hx > 8)
          {
            g_autofree char *m = g_markup_printf_escaped ("%s", d->holiday);
            g_autoptr(PangoLayout) l = rk_report_text_new (b, m, MIN (b->cell_small_pt, 8.0),
                                                           right - hx, 1);

            rk_report_op_text (page, l, hx, cy + 4, C_RED);
          }
      }
      ey = cy + CELL_HEAD_H;
      if (d->closed_line)
        {
          g_autoptr(PangoLayout) l = closed_line_layout (b, d, inner_w);

          rk_report_op_text (page, l, inner_x, ey, C_MUTED);
          ey += rk_report_text_height (l);
        }

      for (guint k = 0; k < fit->shown; k++)
        ey += rk_report_block_draw (page, &fit->blocks[k], g_ptr_array_index (d->items, k), inner_x,
                                    ey, cx, cy, g->cell_w, cell_h)
              + CELL_GAP;
      if (fit->shown < d->items->len)
        {
          g_autofree char *more = g_strdup_printf (_("%d more"), d->items->len - fit->shown);
          g_autofree char *see = fit->agenda_page >= 0
                                 ? g_strdup_printf (_("see p. %d"), fit->agenda_page + 1) : NULL;
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>%s%s", more, see ? "　" : "",
                                                        see ? see : "");
          g_autoptr(PangoLayout) l = rk_report_text_new (b, m, b->cell_title_pt, inner_w, 1);

          rk_report_op_text_clipped (page, l, inner_x, ey, C_TEXT, cx, cy, g->cell_w, cell_h);
        }
    }

  /* Grid lines last, so cell fills do not cover them. */
  for (int r = 1; r < self->n_weeks; r++)
    rk_report_op_line (page, g->x, g->row_y[r], g->x + g->w, g->row_y[r], C_RULE, 0.5);
  for (int c = 1; c < 7; c++)
    rk_report_op_line (page, g->x + c * g->cell_w, g->y + g->head_h, g->x + c * g->cell_w,
                       g->y + g->h, C_RULE, 0.5);
  rk_report_op_rect (page, OP_STROKE, g->x, g->y, g->w, g->h, C_FRAME, 1.0);

  /* Under the grid: the month's notices, what the colours mean, who to call. */
  {
    double by = g->band_y;

    if (g->notices_on_page && self->notices->len)
      {
        rk_report_notices_draw (b, page, x, by, w);
        by += rk_report_notices_measure (b, w) + 4;
      }

    if (self->items->len == 0)
      {
        g_autoptr(PangoLayout) l = rk_report_no_events_layout (b, w);

        rk_report_op_text (page, l, x, by, C_MUTED);
        by += rk_report_text_height (l) + 2;
      }
    else if (g->legend_on_page && self->legend->len)
      {
        legend_draw (b, page, x, by, w);
        by += rk_report_legend_measure (
                  b, (w - 14 * (rk_report_legend_columns (b) - 1)) / rk_report_legend_columns (b),
                  NULL)
              + 2;
      }
    if (g->contacts_on_page && self->contacts->len)
      {
        rk_report_op_line (page, x, by, x + w, by, C_RULE, 0.4);
        rk_report_contacts_draw (b, page, x, by + 2, w);
      }
  }

}

/* ---------------------------------------------------------------------- */
/* Type that fits the month                                                 */

/* Title sizes tried, largest first; 9 pt and up with secondary lines of at
 * least 7.5 pt, then smaller only when that makes the whole month fit. A
 * month that does not fit even so keeps READABLE_SIZE and sends what does
 * not fit to the agenda. Few sizes: each is a font of its own to load. */
static const double title_sizes[] = { 11.0, 10.0, 9.0, 8.2, 7.4 };
#define READABLE_SIZE 2

static void
set_cell_sizes (Builder *b, double title_pt)
{
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(PangoLayout) probe_title = NULL;

  b->cell_title_pt = title_pt;
  b->cell_small_pt = title_pt >= 9.0 ? MAX (7.5, title_pt * 0.82) : title_pt * 0.84;
  probe = rk_report_text_new (b, "0", b->cell_small_pt, 0, 0);
  probe_title = rk_report_text_new (b, "<b>0</b>", b->cell_title_pt, 0, 0);
  b->small_line_h = rk_report_text_height (probe);
  b->cell_line_h = rk_report_text_height (probe_title);
}

static double
cell_text_width (const CalendarGeometry *g)
{
  return g->cell_w - 2 * CELL_PAD - BAR_W - 2.2;
}

/* What a day needs to show every event in full; a day without events, room
 * for the date and a line or two written in by hand. */
static double
day_need (Builder *b, const DayInfo *d, double width)
{
  double h = CELL_HEAD_H + 1.0 + closed_line_height (b, d, width);

  if (d->items->len == 0)
    return h + 2 * b->cell_line_h;
  for (guint i = 0; i < d->items->len; i++)
    {
      Block bl;

      rk_report_block_measure_cell (b, g_ptr_array_index (d->items, i), width, 0, &bl);
      h += bl.height;
      rk_report_block_clear (&bl);
    }
  return h - CELL_GAP;
}

/* Each week's need: its fullest day's. Returns their sum. */
static double
week_needs (Builder *b, double width, double *need)
{
  RkMonthReport *self = b->self;
  double sum = 0;

  for (int w = 0; w < self->n_weeks; w++)
    {
      need[w] = 0;
      for (int c = 0; c < 7; c++)
        {
          const DayInfo *d = &g_array_index (self->days, DayInfo, w * 7 + c);

          if (d->in_month)
            need[w] = MAX (need[w], day_need (b, d, width));
        }
      sum += need[w];
    }
  return sum;
}

/* Shares total between rows by need: all of it when it fits (the spare
 * spread evenly), else no row more than the level that uses it up. */
static void
rows_share (const double *need, int n, double total, double *out)
{
  double sum = 0, lo = 0, hi = 0, used = 0;

  for (int i = 0; i < n; i++)
    {
      sum += need[i];
      hi = MAX (hi, need[i]);
    }
  if (sum <= total)
    {
      for (int i = 0; i < n; i++)
        out[i] = need[i] + (total - sum) / n;
      return;
    }
  for (int it = 0; it < 40; it++)
    {
      double c = (lo + hi) / 2, s = 0;

      for (int i = 0; i < n; i++)
        s += MIN (need[i], c);
      if (s > total)
        hi = c;
      else
        lo = c;
    }
  for (int i = 0; i < n; i++)
    {
      out[i] = MIN (need[i], lo);
      used += out[i];
    }
  for (int i = 0; i < n; i++)
    out[i] += (total - used) / n;
}

gboolean
rk_report_calendar_fit (Builder *b, CalendarGeometry *g, CellFit *fits, gboolean **cut)
{
  RkMonthReport *self = b->self;
  int weeks = self->n_weeks;
  double rows_h = g->h - g->head_h, need[6];
  double width = cell_text_width (g);
  gboolean whole = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (title_sizes); k++)
    {
      set_cell_sizes (b, title_sizes[k]);
      if (week_needs (b, width, need) <= rows_h)
        {
          whole = TRUE;
          break;
        }
    }
  if (!whole)
    {
      set_cell_sizes (b, title_sizes[READABLE_SIZE]);
      week_needs (b, width, need);
    }
  rows_share (need, weeks, rows_h, g->row_h);
  for (int w = 0; w < weeks; w++)
    g->row_y[w] = w == 0 ? g->y + g->head_h : g->row_y[w - 1] + g->row_h[w - 1];

  for (guint i = 0; i < self->days->len; i++)
    {
      const DayInfo *d = &g_array_index (self->days, DayInfo, i);
      /* The last event needs no gap under it. */
      double avail = g->row_h[i / 7] - CELL_HEAD_H - 1.0 + CELL_GAP -
                     closed_line_height (b, d, width);

      cut[i] = g_new0 (gboolean, d->items->len + 1);
      if (!d->in_month)
        {
          fits[i].blocks = g_new0 (Block, 1);
          fits[i].agenda_page = -1;
          continue;
        }
      rk_report_cell_fit (b, d, width, avail, &fits[i], cut[i]);
    }
  return whole;
}
