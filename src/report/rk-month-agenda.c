#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-month-report-private.h"

/* The agenda: events in full, in columns over as many pages as needed. */

#define AGENDA_GAP  3.5
#define AG_TITLE_PT 9.5
#define AG_SMALL_PT PT_SECONDARY

/* An event in full: time, title and place on the first line; then what
 * families need (public) or who goes and what is missing (staff). */
static void
block_measure_agenda (Builder *b, const Item *it, double width, Block *bl)
{
  g_autofree char *title = rk_report_item_title_markup (it, TRUE, FALSE);
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
  bl->title = rk_report_text_new (b, first->str, AG_TITLE_PT, w, 4);

  if (b->staff)
    {
      if (!rk_report_is_blank (it->staff_full))
        {
          g_autofree char *t = g_strdup_printf (_("Staff: %s"), it->staff_full);
          g_autofree char *m
              = g_markup_printf_escaped ("<span foreground=\"" M_STAFF "\">%s</span>", t);

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
          /* On a line of its own: the internal note is read apart. */
          g_autofree char *t = g_strdup_printf (_("Notes: %s"), it->notes);
          g_autofree char *m = g_markup_printf_escaped ("%s<span foreground=\"" M_MUTED "\">"
                                                        "%s</span>",
                                                        info->len ? "\n" : "", t);

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
    bl->info = rk_report_text_new (b, info->str, AG_SMALL_PT, w, 8);
  bl->height = rk_report_text_height (bl->title) + rk_report_text_height (bl->info) + AGENDA_GAP;
}

static PangoLayout *
day_heading_layout (Builder *b, const DayInfo *d, double width)
{
  g_autofree char *date = rk_report_day_long_text (d);
  const char *color = rk_report_day_markup_color (d);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *m = NULL;

  m = g_markup_printf_escaped ("<span foreground=\"%s\"><b>%s</b></span>",
                               color ? color : "#222222", date);
  g_string_append (s, m);
  if (d->holiday)
    {
      g_autofree char *h = g_markup_printf_escaped ("　<span foreground=\"" M_RED "\">%s</span>",
                                                    d->holiday);

      g_string_append (s, h);
    }
  if (d->closed || d->closed_line)
    {
      g_autofree char *h = g_markup_printf_escaped ("　<span foreground=\"" M_MUTED "\">%s%s%s</span>",
                                                    d->closed ? d->closed : "",
                                                    d->closed && d->closed_line ? " " : "",
                                                    d->closed_line ? d->closed_line : "");

      g_string_append (s, h);
    }
  return rk_report_text_new (b, s->str, PT_MED, width, 0);
}

/* Lays the flow out in columns over as many pages as needed, after the
 * calendar page. Returns, per day index, the page its heading landed on. */
void
rk_report_flow_layout (Builder *b, GArray *flow, const char *section, int *day_page)
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
          need = rk_report_text_height (head) + 4;
        }
      else if (fe->kind == FLOW_HEAD)
        {
          g_autofree char *m = g_markup_printf_escaped ("<b>%s</b>", fe->heading);

          head = rk_report_text_new (b, m, PT_MED, col_w, 0);
          need = rk_report_text_height (head) + 4;
        }
      else if (fe->kind == FLOW_CONTACT)
        {
          head = rk_report_text_new (b, g_ptr_array_index (b->self->contacts, fe->legend_index),
                                     CONTACT_PT, col_w, 0);
          need = rk_report_text_height (head) + 2;
        }
      else if (fe->kind == FLOW_NOTICE)
        {
          head = rk_report_notice_layout (b, fe->legend_index, col_w);
          need = rk_report_text_height (head) + 4;
        }
      else
        {
          head = rk_report_legend_layout (b, g_ptr_array_index (b->self->legend, fe->legend_index),
                                LEGEND_PT, col_w - SWATCH - 4);
          need = rk_report_text_height (head) + 2;
        }

      /* A heading stays with what follows it. */
      if (fe->kind == FLOW_DAY || fe->kind == FLOW_HEAD)
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
              page = rk_report_page_new (b);
              top = rk_report_flow_header (b, page, section);
              col = 0;
            }
          y = top;
        }
      x = b->margin + col * (col_w + gap);

      if (fe->kind == FLOW_ITEM)
        {
          y += rk_report_block_draw (page, &bl, fe->item, x, y, 0, 0, 0, 0) + AGENDA_GAP;
          rk_report_block_clear (&bl);
        }
      else if (fe->kind == FLOW_DAY)
        {
          if (day_page)
            day_page[fe->index] = b->pages->len - 1;
          rk_report_op_text (page, head, x, y, C_TEXT);
          y += rk_report_text_height (head) + 1;
          rk_report_op_line (page, x, y, x + col_w, y, rk_report_day_color (fe->day), 0.6);
          y += 3;
        }
      else if (fe->kind == FLOW_HEAD)
        {
          rk_report_op_text (page, head, x, y, C_TEXT);
          y += rk_report_text_height (head) + 4;
        }
      else if (fe->kind == FLOW_CONTACT)
        {
          rk_report_op_text (page, head, x, y, C_TEXT);
          y += rk_report_text_height (head) + 2;
        }
      else if (fe->kind == FLOW_NOTICE)
        {
          rk_report_op_text (page, head, x, y, C_TEXT);
          y += rk_report_text_height (head) + 4;
        }
      else
        {
          LegendEntry *l = g_ptr_array_index (b->self->legend, fe->legend_index);

          rk_report_op_rect (page, OP_FILL, x, y + 2.5, SWATCH, SWATCH, l->color, 0);
          rk_report_op_text (page, head, x + SWATCH + 4, y, C_TEXT);
          y += rk_report_text_height (head) + 2;
        }
    }
}
