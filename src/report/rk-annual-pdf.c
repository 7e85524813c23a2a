#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rk-annual-report.h"
#include "rk-error.h"
/* FONT_FAMILY, and the PDF in memory (rk_report_pdf_pages_bytes). */
#include "rk-month-report-private.h"
#include "rk-output.h"
#define A4_LONG 841.89
#define A4_SHORT 595.28
#define MARGIN 28.0
#define STAFF_ROWS_PER_PAGE 34

static int
staff_pages (const RkAnnual *a)
{
  guint lines = a->staff->len * 2;

  return lines ? (int) ((lines + STAFF_ROWS_PER_PAGE - 1) / STAFF_ROWS_PER_PAGE) : 0;
}

static gboolean
has_all_page (const RkAnnual *a)
{
  return a->venues->len > 1;
}

int
rk_annual_n_pages (const RkAnnual *a)
{
  int n = (int) a->venues->len + (has_all_page (a) ? 1 : 0) + staff_pages (a);

  return MAX (n, 1);
}

typedef struct
{
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
} Pen;

static void
pen_init (Pen *p, cairo_t *cr)
{
  p->cr = cr;
  p->layout = pango_cairo_create_layout (cr);
  p->font = pango_font_description_from_string (FONT_FAMILY);
}

static void
pen_clear (Pen *p)
{
  g_object_unref (p->layout);
  pango_font_description_free (p->font);
}

/* Text at x, y (top); align -1 left, 0 centre (x is the centre), 1 right
 * (x is the right edge); clipped to width when width > 0. */
static void
text_at (Pen *p, const char *text, double x, double y, double size, gboolean bold, int align,
         double width)
{
  int w, h;

  pango_font_description_set_absolute_size (p->font, size * PANGO_SCALE);
  pango_font_description_set_weight (p->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (p->layout, p->font);
  pango_layout_set_width (p->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (p->layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (p->layout, text, -1);
  pango_layout_get_pixel_size (p->layout, &w, &h);
  if (align == 0)
    x -= w / 2.0;
  else if (align > 0)
    x -= w;
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* The table's frame: label columns, then 12 months and the total. */
typedef struct
{
  double x, label_w, group_w, cell_w;
} Columns;

static Columns
columns_for (double width)
{
  Columns c;

  c.x = MARGIN;
  c.group_w = 70;
  c.label_w = 130;
  c.cell_w = (width - 2 * MARGIN - c.group_w - c.label_w) / 13.0;
  return c;
}

static double
col_x (const Columns *c, int k)
{
  return c->x + c->group_w + c->label_w + k * c->cell_w;
}

static void
grid_line (cairo_t *cr, double x0, double y, double x1, double grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
header (Pen *p, const RkAnnual *a, const char *lang, const Columns *c, double y, double size,
        const char *first, const char *second, double right)
{
  char buf[32];

  cairo_set_source_rgb (p->cr, 0.87, 0.92, 0.97);
  cairo_rectangle (p->cr, c->x, y - 2, right - c->x, size + 6);
  cairo_fill (p->cr);
  cairo_set_source_rgb (p->cr, 0, 0, 0);
  text_at (p, first, c->x + 2, y, size, TRUE, -1, c->group_w - 4);
  text_at (p, second, c->x + c->group_w + 2, y, size, TRUE, -1, c->label_w - 4);
  for (int k = 0; k < 12; k++)
    {
      rk_annual_month_heading (a, lang, k, buf, sizeof buf);
      text_at (p, buf, col_x (c, k) + c->cell_w / 2, y, size, TRUE, 0, 0);
    }
  text_at (p, rk_annual_word (lang, "total"), col_x (c, 12) + c->cell_w / 2, y, size, TRUE, 0, 0);
}

static void
value_cell (Pen *p, const RkAnnualMonth *m, const RkAnnualRow *row, const char *lang, double x,
            double y, double w, double size, gboolean bold)
{
  gint64 v;
  char buf[32];

  if (rk_annual_value (m, row, &v))
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, v);
      text_at (p, buf, x + w - 3, y, size, bold, 1, 0);
    }
  else
    {
      /* never a 0: a marked cell */
      cairo_set_source_rgb (p->cr, 1.0, 0.86, 0.86);
      cairo_rectangle (p->cr, x + 1, y - 1, w - 2, size + 3);
      cairo_fill (p->cr);
      cairo_set_source_rgb (p->cr, 0.55, 0, 0);
      text_at (p, rk_annual_word (lang, "unknown"), x + w / 2, y, size * 0.85, FALSE, 0, 0);
      cairo_set_source_rgb (p->cr, 0, 0, 0);
    }
}

static void
bar_chart (Pen *p, const RkAnnual *a, const char *lang, const RkAnnualMonth *months, double x,
           double y, double w, double h)
{
  double top = 0, plot_x = x + 40, plot_w = w - 50, plot_y = y + 18, plot_h = h - 40;
  double slot = plot_w / 12.0;
  char buf[32];

  text_at (p, rk_annual_word (lang, "chart"), x, y, 10, TRUE, -1, 0);
  for (int k = 0; k < 12; k++)
    top = MAX (top, (double) months[k].counts[RK_COUNT_FAMILIES]);
  {
    /* four steps of 1, 2 or 5 times a power of ten */
    double want = MAX (top / 4, 1), step = pow (10, floor (log10 (want)));
    step *= want <= step ? 1 : want <= 2 * step ? 2 : want <= 5 * step ? 5 : 10;
    top = 4 * step;
  }
  for (int t = 0; t <= 4; t++)
    {
      double ty = plot_y + plot_h - plot_h * t / 4.0;
      grid_line (p->cr, plot_x, ty, plot_x + plot_w, t ? 0.8 : 0.2);
      g_snprintf (buf, sizeof buf, "%g", top * t / 4.0);
      text_at (p, buf, plot_x - 4, ty - 5, 7.5, FALSE, 1, 0);
    }
  for (int k = 0; k < 12; k++)
    {
      const RkAnnualMonth *m = &months[k];
      double bx = plot_x + k * slot + slot * 0.2, bw = slot * 0.6;

      rk_annual_month_heading (a, lang, k, buf, sizeof buf);
      text_at (p, buf, plot_x + k * slot + slot / 2, plot_y + plot_h + 3, 8, FALSE, 0, 0);
      if (rk_annual_month_unknown (m))
        {
          /* hatched, labelled: not entered, not 0 */
          cairo_save (p->cr);
          cairo_rectangle (p->cr, bx, plot_y + plot_h * 0.6, bw, plot_h * 0.4);
          cairo_clip (p->cr);
          cairo_set_source_rgb (p->cr, 0.75, 0.3, 0.3);
          cairo_set_line_width (p->cr, 0.7);
          for (double d = -plot_h; d < bw + plot_h; d += 4)
            {
              cairo_move_to (p->cr, bx + d, plot_y + plot_h);
              cairo_line_to (p->cr, bx + d + plot_h * 0.4, plot_y + plot_h * 0.6);
            }
          cairo_stroke (p->cr);
          cairo_restore (p->cr);
          cairo_set_source_rgb (p->cr, 0.55, 0, 0);
          text_at (p, rk_annual_word (lang, "unknown"), bx + bw / 2, plot_y + plot_h * 0.6 - 11,
                   7, FALSE, 0, 0);
          cairo_set_source_rgb (p->cr, 0, 0, 0);
          continue;
        }
      if (m->counts[RK_COUNT_FAMILIES] > 0)
        {
          double bh = plot_h * m->counts[RK_COUNT_FAMILIES] / top;
          cairo_set_source_rgb (p->cr, m->missing ? 0.55 : 0.25, m->missing ? 0.65 : 0.45, 0.75);
          cairo_rectangle (p->cr, bx, plot_y + plot_h - bh, bw, bh);
          cairo_fill (p->cr);
          cairo_set_source_rgb (p->cr, 0, 0, 0);
          g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT "%s", m->counts[RK_COUNT_FAMILIES],
                      m->missing ? "*" : "");
          text_at (p, buf, bx + bw / 2, plot_y + plot_h - bh - 10, 7, FALSE, 0, 0);
        }
    }
}

static void
venue_page (Pen *p, const RkAnnual *a, const char *lang, double width, double height,
            const char *what, const RkAnnualMonth *months, const RkAnnualMonth *total)
{
  g_autoptr(GArray) rows = rk_annual_rows (a, lang);
  g_autofree char *title = rk_annual_title (a, lang, what);
  Columns c = columns_for (width);
  double chart_h = 165, y = MARGIN, right = col_x (&c, 13);
  double avail = height - 2 * MARGIN - 36 - chart_h - 24;
  double line = MIN (14.0, avail / (rows->len + 1));
  double size = MIN (9.0, line - 3.5);
  const char *last_group = NULL;
  gboolean unknown = FALSE;

  text_at (p, title, MARGIN, y, 13, TRUE, -1, width - 2 * MARGIN);
  y += 24;
  for (int k = 0; k < 12; k++)
    unknown |= rk_annual_month_unknown (&months[k]);
  if (unknown)
    {
      cairo_set_source_rgb (p->cr, 0.55, 0, 0);
      text_at (p, rk_annual_word (lang, "note_missing"), MARGIN, y - 6, 8, FALSE, -1, 0);
      cairo_set_source_rgb (p->cr, 0, 0, 0);
    }
  y += 8;
  header (p, a, lang, &c, y, size, "", rk_annual_word (lang, "item"), right);
  y += line;
  for (guint i = 0; i < rows->len; i++)
    {
      const RkAnnualRow *row = &g_array_index (rows, RkAnnualRow, i);

      if (g_strcmp0 (row->group, last_group) != 0)
        {
          grid_line (p->cr, c.x, y - 1.5, right, 0.3);
          text_at (p, row->group, c.x + 2, y, size, TRUE, -1, c.group_w - 4);
        }
      else
        grid_line (p->cr, c.x + c.group_w, y - 1.5, right, 0.85);
      last_group = row->group;
      text_at (p, row->label, c.x + c.group_w + 2, y, size, FALSE, -1, c.label_w - 4);
      for (int k = 0; k < 12; k++)
        value_cell (p, &months[k], row, lang, col_x (&c, k), y, c.cell_w, size, FALSE);
      value_cell (p, total, row, lang, col_x (&c, 12), y, c.cell_w, size, TRUE);
      y += line;
    }
  grid_line (p->cr, c.x, y - 1.5, right, 0.3);
  bar_chart (p, a, lang, months, MARGIN, height - MARGIN - chart_h, width - 2 * MARGIN, chart_h);
}

static void
staff_page (Pen *p, const RkAnnual *a, const char *lang, double width, int page)
{
  g_autofree char *title = rk_annual_title (a, lang, rk_annual_word (lang, "staff"));
  Columns c = columns_for (width);
  double y = MARGIN, right = col_x (&c, 13), line = 14, size = 9;
  guint first = (guint) page * STAFF_ROWS_PER_PAGE;
  char buf[32];

  text_at (p, title, MARGIN, y, 13, TRUE, -1, width - 2 * MARGIN);
  y += 32;
  header (p, a, lang, &c, y, size, rk_annual_word (lang, "name"), "", right);
  y += line;
  for (guint l = first; l < first + STAFF_ROWS_PER_PAGE && l < a->staff->len * 2; l++)
    {
      guint s = l / 2;
      gboolean hours = l % 2;
      double sum = 0;

      if (!hours)
        {
          g_autofree char *role = g_strconcat ("role:", (char *) a->staff_roles->pdata[s], NULL);
          g_autofree char *who = g_strdup_printf ("%s", (char *) a->staff_names->pdata[s]);

          grid_line (p->cr, c.x, y - 1.5, right, 0.3);
          text_at (p, who, c.x + 2, y, size, TRUE, -1, c.group_w + 40);
          text_at (p, rk_annual_word (lang, role), c.x + 2, y + line, size * 0.85, FALSE, -1,
                   c.group_w);
        }
      text_at (p, rk_annual_word (lang, hours ? "hours" : "sessions"), c.x + c.group_w + 2 + 40, y,
               size, FALSE, -1, c.label_w - 44);
      for (int k = 0; k < 12; k++)
        {
          double v = hours ? a->months[k].staff_minutes[s] / 60.0 : a->months[k].staff_sessions[s];
          sum += v;
          if (hours)
            g_ascii_formatd (buf, sizeof buf, "%.1f", v);
          else
            g_snprintf (buf, sizeof buf, "%d", (int) v);
          text_at (p, buf, col_x (&c, k) + c.cell_w - 3, y, size, FALSE, 1, 0);
        }
      if (hours)
        g_ascii_formatd (buf, sizeof buf, "%.1f", sum);
      else
        g_snprintf (buf, sizeof buf, "%d", (int) sum);
      text_at (p, buf, col_x (&c, 12) + c.cell_w - 3, y, size, TRUE, 1, 0);
      y += line;
    }
  grid_line (p->cr, c.x, y - 1.5, right, 0.3);
}

void
rk_annual_draw_page (const RkAnnual *a, const char *lang, cairo_t *cr, double width,
                     double height, int page)
{
  Pen p;
  int all = has_all_page (a) ? 1 : 0;

  pen_init (&p, cr);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (all && page == 0)
    venue_page (&p, a, lang, width, height, rk_annual_word (lang, "municipality"), a->months,
                &a->total);
  else if (page - all < (int) a->venues->len)
    {
      const RkAnnualVenue *v = g_ptr_array_index (a->venues, page - all);
      venue_page (&p, a, lang, width, height, v->name ? v->name : rk_annual_word (lang, "no_place"),
                  v->months, &v->total);
    }
  else
    staff_page (&p, a, lang, width, page - all - (int) a->venues->len);
  cairo_restore (cr);
  pen_clear (&p);
}

typedef struct
{
  const RkAnnual *annual;
  const char     *lang;
} AnnualPages;

static void
draw_annual_page (gpointer data, cairo_t *cr, int page, double width, double height)
{
  AnnualPages *ap = data;

  if (ap->annual->venues->len == 0 && page == 0)
    {
      Pen p;
      g_autofree char *title = rk_annual_title (ap->annual, ap->lang, "");

      pen_init (&p, cr);
      text_at (&p, title, MARGIN, MARGIN, 13, TRUE, -1, 0);
      pen_clear (&p);
    }
  else
    rk_annual_draw_page (ap->annual, ap->lang, cr, width, height, page);
}

/* Through the one writer of exports, like the month PDF: a device or pipe
 * as asked, a link followed, the whole file or nothing; 0600, since the
 * staff pages name people and what they did. */
gboolean
rk_annual_write_pdf (const RkAnnual *a, const char *lang, const char *path, GError **error)
{
  AnnualPages ap = { a, lang };
  g_autoptr(GBytes) pdf = rk_report_pdf_pages_bytes (A4_LONG, A4_SHORT, NULL,
                                                     rk_annual_n_pages (a), draw_annual_page,
                                                     &ap, error);

  return pdf != NULL &&
         rk_output_write_file (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), TRUE,
                               error);
}
