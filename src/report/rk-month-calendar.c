#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-month-report-private.h"

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
  g_autofree char *title = rk_report_item_title_markup (it, FALSE, level >= 2);
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
  bl->title = rk_report_text_new (b, title, CELL_TITLE_PT, width, title_lines[level]);
  bl->cut = layout_cut (bl->title);
  if (it->place && level == 0 && it->venue_name)
    {
      /* Venue and room on lines of their own. A shortened venue name is
       * not a loss: every venue is written out in full under the grid. */
      g_autofree char *v = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->venue_name);
      g_autofree char *r = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->room_name);

      bl->info = rk_report_text_new (b, v, CELL_SMALL_PT, width, 1);
      bl->place = rk_report_text_new (b, r, CELL_SMALL_PT, width, 2);
      bl->cut |= layout_cut (bl->place);
    }
  else if (it->place && level < CELL_LEVEL_MIN)
    {
      g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_MUTED "\">%s</span>",
                                                    it->place);

      bl->place = rk_report_text_new (b, m, CELL_SMALL_PT, width, level == 0 ? 2 : 1);
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

          bl->staff = rk_report_text_new (b, m, CELL_SMALL_PT, width, level == 0 ? 2 : 1);
        }
      /* A missing nurse is what staff must see: a line of its own until
       * the tightest level, then a tag before the time. */
      if (it->shortage && !short_inline)
        {
          g_autofree char *m = g_markup_printf_escaped ("<span foreground=\"" M_RED "\" "
                                                        "weight=\"bold\">%s</span>",
                                                        it->shortage);

          bl->shortage = rk_report_text_new (b, m, CELL_SMALL_PT, width, 1);
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
  return rk_report_text_new (b, s->str, size, width, 0);
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
          = rk_report_text_new (b, g_ptr_array_index (self->contacts, i), CONTACT_PT, width, 0);

      h += rk_report_text_height (l) + 1;
      if (out)
        g_ptr_array_add (out, l);
      else
        g_object_unref (l);
    }
  return h;
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
          g_autoptr(PangoLayout) probe = rk_report_text_new (b, "<b>0</b>", CELL_TITLE_PT, 0, 0);
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
      int wd = monday ? (c + 1) % 7 : c;    /* index into weekday_kanji */
      double cx = g->x + c * g->cell_w;
      Rgb bg = wd == 0 ? C_RED : wd == 6 ? C_BLUE : C_HEAD;
      g_autofree char *m = g_strdup_printf ("<b>%s</b>", weekday_kanji[wd]);
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
      else if (rk_report_is_red_day (d))
        bg = C_RED_BG;
      else if (d->weekday == 6)
        bg = C_BLUE_BG;
      else
        bg = C_WHITE;
      if (bg.r != 1.0 || bg.g != 1.0 || bg.b != 1.0)
        rk_report_op_rect (page, OP_FILL, cx, cy, g->cell_w, g->cell_h, bg, 0);

      num = g_strdup_printf ("<b>%d</b>", d->mday);
      ln = rk_report_text_new (b, num, PT_BIG, 0, 0);
      rk_report_op_text (page, ln, inner_x, cy + 0.5,
                         d->in_month ? rk_report_day_color (d) : C_FAINT);
      hx = inner_x + rk_report_text_width (ln) + 3;

      if (!d->in_month)
        continue;

      {
        double right = cx + g->cell_w - CELL_PAD;

        if (d->closed && d->closed_all)
          {
            g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", d->closed);
            g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_SMALL, 0, 0);
            double bw = rk_report_text_width (l) + 5, bh = rk_report_text_height (l) + 1;

            right -= bw;
            rk_report_op_rect (page, OP_FILL, right, cy + 2.5, bw, bh, C_MUTED, 0);
            rk_report_op_text (page, l, right + 2.5, cy + 3, C_WHITE);
            right -= 2;
          }
        if (d->holiday && right - hx > 8)
          {
            g_autofree char *m = g_markup_printf_escaped ("%s", d->holiday);
            g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_SMALL, right - hx, 1);

            rk_report_op_text (page, l, hx, cy + 4, C_RED);
          }
      }
      ey = cy + CELL_HEAD_H;
      if (d->closed && !d->closed_all)
        {
          g_autofree char *m = g_markup_printf_escaped ("%s", d->closed);
          g_autoptr(PangoLayout) l = rk_report_text_new (b, m, CELL_SMALL_PT, inner_w, 1);

          rk_report_op_text (page, l, inner_x, ey, C_MUTED);
          ey += rk_report_text_height (l);
        }

      for (guint k = 0; k < fit->shown; k++)
        ey += rk_report_block_draw (page, &fit->blocks[k], g_ptr_array_index (d->items, k), inner_x,
                                    ey, cx, cy, g->cell_w, g->cell_h)
              + CELL_GAP;
      if (fit->shown < d->items->len)
        {
          g_autofree char *more = g_strdup_printf (_("%d more"), d->items->len - fit->shown);
          g_autofree char *see = fit->agenda_page >= 0
                                 ? g_strdup_printf (_("see p. %d"), fit->agenda_page + 1) : NULL;
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>%s%s", more, see ? "　" : "",
                                                        see ? see : "");
          g_autoptr(PangoLayout) l = rk_report_text_new (b, m, CELL_TITLE_PT, inner_w, 1);

          rk_report_op_text_clipped (page, l, inner_x, ey, C_TEXT, cx, cy, g->cell_w, g->cell_h);
        }
    }

  /* Grid lines last, so cell fills do not cover them. */
  for (int r = 1; r < self->n_weeks; r++)
    rk_report_op_line (page, g->x, g->y + g->head_h + r * g->cell_h, g->x + g->w,
             g->y + g->head_h + r * g->cell_h, C_RULE, 0.5);
  for (int c = 1; c < 7; c++)
    rk_report_op_line (page, g->x + c * g->cell_w, g->y + g->head_h, g->x + c * g->cell_w,
                       g->y + g->h, C_RULE, 0.5);
  rk_report_op_rect (page, OP_STROKE, g->x, g->y, g->w, g->h, C_FRAME, 1.0);

  /* Under the grid: what the colours mean, who to call. */
  {
    double by = g->band_y;

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
