#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rk-month-report-private.h"

/* ---------------------------------------------------------------------- */
/* The roster: staff × dates.                                               */

/* Light enough that white text on it would not read. */
static gboolean
is_light (Rgb c)
{
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 0.62;
}

static const StaffMark *
item_staff_mark (const Item *it, gint64 staff_id)
{
  for (guint i = 0; i < it->staff->len; i++)
    {
      const StaffMark *m = &g_array_index (it->staff, StaffMark, i);

      if (m->staff_id == staff_id)
        return m;
    }
  return NULL;
}

static gboolean
item_has_staff (const Item *it, gint64 staff_id, gboolean *tentative)
{
  const StaffMark *m = item_staff_mark (it, staff_id);

  if (m)
    *tentative = m->tentative || it->tentative;
  return m != NULL;
}

/* What the marks of the roster mean. */
static PangoLayout *
roster_key_layout (Builder *b, double width)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "%s　%s", _("Dashed: not confirmed"), _("Hatched: closed"));
  if (b->self->any_clash)
    g_string_append_printf (s, "　<b>%s</b>", _("Heavy frame: double-booked (see the problems)"));
  return rk_report_text_new (b, s->str, PT_SMALL, width, 0);
}

void
rk_report_roster_layout (Builder *b)
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
  double legend_h, key_h, time_pt, time_line_h, key_y;

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
  /* Start times as large as the columns allow: 6.2 pt when a day is
   * wide enough (landscape), never under 4.8 pt. */
  probe = rk_report_text_new (b, "<b>10:00</b>", PT_SMALL, 0, 0);
  time_pt = rk_report_text_width (probe) + 0.6 <= col_w - 2.4 ? PT_SMALL : PT_TINY;
  time_line_h = rk_report_text_height (probe);
  g_clear_object (&probe);
  probe = rk_report_text_new (b, "<b>10:00</b>", PT_TINY, 0, 0);
  chip_text = rk_report_text_width (probe) + 1.5 <= col_w - 1.5;

  legend_h = 0;
  if (self->legend->len)
    {
      double lx = 0;

      legend_h = 12;
      for (guint i = 0; i < self->legend->len; i++)
        {
          LegendEntry *le = g_ptr_array_index (self->legend, i);
          g_autofree char *m = g_markup_printf_escaped ("%s", le->name);
          g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_BODY, 0, 0);

          if (lx + SWATCH + 3 + rk_report_text_width (l) > w)
            {
              lx = 0;
              legend_h += 11;
            }
          lx += SWATCH + 3 + rk_report_text_width (l) + 12;
        }
    }

  {
    g_autoptr(PangoLayout) l = roster_key_layout (b, w);

    key_h = rk_report_text_height (l) + 4;
    legend_h += key_h;
  }

  while (row < self->roster->len)
    {
      GArray *page = rk_report_page_new (b);
      double top = rk_report_flow_header (b, page, _("Staff roster"));
      double y = top;
      double page_bottom = bottom - legend_h;
      guint first_row = row;

      /* Header: the day numbers and weekdays, coloured. */
      for (guint c = 0; c < month_days->len; c++)
        {
          const DayInfo *d = g_array_index (month_days, const DayInfo *, c);
          double cx = x0 + name_w + c * col_w;
          g_autofree char *m = g_strdup_printf ("<b>%d</b>\n%s", d->mday,
                                                rk_report_weekday (d->weekday % 7));
          g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_BODY, col_w, 0);
          Rgb bg = rk_report_is_red_day (d) ? C_RED_BG : d->weekday == 6 ? C_BLUE_BG : C_WHITE;

          pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
          pango_layout_set_spacing (l, (int) (-1.5 * PANGO_SCALE));
          rk_report_op_rect (page, OP_FILL, cx, y, col_w, head_h, bg, 0);
          rk_report_op_text (page, l, cx, y + (head_h - rk_report_text_height (l)) / 2,
                             rk_report_day_color (d));
        }
      {
        g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", _("Total"));
        g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_SMALL, total_w, 1);

        pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
        rk_report_op_text (page, l, x0 + w - total_w, y + (head_h - rk_report_text_height (l)) / 2,
                           C_TEXT);
      }
      y += head_h;

      /* Weekend and holiday columns tinted down the rows of this page. */
      {
        guint rows_here = MIN (self->roster->len - row,
                               (guint) MAX (0.0, (page_bottom - y) / row_h));

        for (guint c = 0; c < month_days->len; c++)
          {
            const DayInfo *d = g_array_index (month_days, const DayInfo *, c);

            if (rk_report_is_red_day (d) || d->weekday == 6)
              rk_report_op_rect (page, OP_FILL, x0 + name_w + c * col_w, y, col_w,
                                 rows_here * row_h, rk_report_is_red_day (d) ? C_RED_BG : C_BLUE_BG,
                                 0);
            /* Closed: hatched down the column, as on the calendar. */
            if (d->closed_all)
              rk_report_hatch (page, x0 + name_w + c * col_w, y, col_w, rows_here * row_h);
          }
      }

      for (; row < self->roster->len && y + row_h <= page_bottom; row++)
        {
          RosterRow *r = g_ptr_array_index (self->roster, row);
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"%d\" "
                                                        "foreground=\"" M_MUTED "\">%s</span>",
                                                        r->name, (int) (PT_SMALL * PANGO_SCALE),
                                                        _(rk_role_msgid (r->role)));
          g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_BODY, name_w - 6, 2);
          int total = 0;

          pango_layout_set_spacing (l, (int) (-1.8 * PANGO_SCALE));
          rk_report_op_text_clipped (page, l, x0 + 3, y + (row_h - rk_report_text_height (l)) / 2,
                                     C_TEXT, x0, y, name_w, row_h);

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
                      rk_report_op_rect (page, OP_FILL, cx + 1.2, cy, col_w - 2.4, chip_h, C_WHITE,
                                         0);
                      rk_report_op_dashed (page, cx + 1.6, cy + 0.4, col_w - 3.2, chip_h - 0.8,
                                           it->color, 0.8, 1.5);
                    }
                  else
                    rk_report_op_rect (page, OP_FILL, cx + 1.2, cy, col_w - 2.4, chip_h, it->color,
                                       0);
                  /* Double booked: a heavy black frame, whatever the copier. */
                  if (item_staff_mark (it, r->id)->double_booked)
                    rk_report_op_rect (page, OP_STROKE, cx + 0.8, cy - 0.4, col_w - 1.6,
                                       chip_h + 0.8, C_TEXT, 1.3);
                  if (chip_text && chip_h >= 5.5)
                    {
                      /* A month has few distinct start times: one layout each. */
                      int sm = it->all_day ? -2 : rk_minute_of_day (it->start);
                      double pt = time_pt > PT_TINY && chip_h >= time_line_h ? time_pt
                                                                                : PT_TINY;
                      /* one layout per start time and size */
                      int key = (sm + 2) * 2 + (pt > PT_TINY);
                      PangoLayout *tl = g_hash_table_lookup (chip_layouts, GINT_TO_POINTER (key));

                      if (tl == NULL)
                        {
                          g_autofree char *tm
                              = it->all_day
                                  ? g_markup_printf_escaped ("<b>%s</b>", _("All day"))
                                  : g_strdup_printf ("<b>%d:%02d</b>", sm / 60, sm % 60);

                          tl = rk_report_text_new (b, tm, pt, col_w - 2.4, 1);
                          pango_layout_set_alignment (tl, PANGO_ALIGN_CENTER);
                          g_hash_table_insert (chip_layouts, GINT_TO_POINTER (key), tl);
                        }
                      rk_report_op_text_clipped (
                          page, tl, cx + 1.2, cy + (chip_h - rk_report_text_height (tl)) / 2,
                          tentative || is_light (it->color) ? C_TEXT : C_WHITE, cx + 1.2, cy,
                          col_w - 2.4, chip_h);
                    }
                }
            }
          {
            g_autofree char *tm = g_strdup_printf ("%d", total);
            g_autoptr(PangoLayout) tl = rk_report_text_new (b, tm, PT_BODY, total_w, 1);

            pango_layout_set_alignment (tl, PANGO_ALIGN_CENTER);
            rk_report_op_text (page, tl, x0 + w - total_w,
                               y + (row_h - rk_report_text_height (tl)) / 2, C_TEXT);
          }
          y += row_h;
          rk_report_op_line (page, x0, y, x0 + w, y, C_RULE, 0.3);
        }

      /* Grid lines over the rows drawn on this page. */
      rk_report_op_rect (page, OP_STROKE, x0, top, w, y - top, C_FRAME, 0.8);
      rk_report_op_line (page, x0, top + head_h, x0 + w, top + head_h, C_FRAME, 0.6);
      rk_report_op_line (page, x0 + name_w, top, x0 + name_w, y, C_FRAME, 0.6);
      rk_report_op_line (page, x0 + w - total_w, top, x0 + w - total_w, y, C_FRAME, 0.6);
      for (guint c = 1; c < month_days->len; c++)
        {
          double cx = x0 + name_w + c * col_w;

          rk_report_op_line (page, cx, top, cx, y, C_RULE, 0.3);
        }

      key_y = y + 6;
      if (self->legend->len)
        {
          double lx = 0, ly = y + 6;

          for (guint i = 0; i < self->legend->len; i++)
            {
              LegendEntry *le = g_ptr_array_index (self->legend, i);
              g_autofree char *m = g_markup_printf_escaped ("%s", le->name);
              g_autoptr(PangoLayout) l = rk_report_text_new (b, m, PT_BODY, 0, 0);

              if (lx + SWATCH + 3 + rk_report_text_width (l) > w)
                {
                  lx = 0;
                  ly += 11;
                }
              rk_report_op_rect (page, OP_FILL, x0 + lx,
                                 ly + (rk_report_text_height (l) - SWATCH) / 2, SWATCH, SWATCH,
                                 le->color, 0);
              rk_report_op_text (page, l, x0 + lx + SWATCH + 3, ly, C_TEXT);
              lx += SWATCH + 3 + rk_report_text_width (l) + 12;
            }
          key_y = ly + 12;
        }
      {
        g_autoptr(PangoLayout) l = roster_key_layout (b, w);

        rk_report_op_text (page, l, x0, key_y, C_TEXT);
      }
      if (row == first_row)
        break;      /* not even one row fits: give up rather than loop */
    }
  g_array_unref (month_days);
}
