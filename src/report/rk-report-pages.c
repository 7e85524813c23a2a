#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>

#include "rk-error.h"
#include "rk-month-report-private.h"

/* What every printed document of Renkei shares: the measuring context its
 * pages are laid out with, the drawing of a laid-out page, and writing
 * pages into a PDF file. */

void
rk_report_builder_init (Builder *b, double width, double height, GPtrArray *pages)
{
  cairo_font_options_t *fo;

  b->W = width;
  b->H = height;
  b->margin = MIN (width, height) * 0.04;
  b->landscape = width > height;
  b->pages = pages;
  /* Metrics independent of the output device, so what was measured for
   * the page count is what gets drawn into the PDF or the printer. */
  b->ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (b->ctx, 72);
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (b->ctx, fo);
  cairo_font_options_destroy (fo);
  pango_context_set_round_glyph_positions (b->ctx, FALSE);
  pango_context_set_language (b->ctx, pango_language_from_string ("ja"));
  b->font = pango_font_description_from_string (FONT_FAMILY);
  pango_context_set_font_description (b->ctx, b->font);
  b->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
rk_report_builder_clear (Builder *b)
{
  g_clear_pointer (&b->memo, g_hash_table_unref);
  g_clear_pointer (&b->font, pango_font_description_free);
  g_clear_object (&b->ctx);
}

static void
set_rgb (cairo_t *cr, Rgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

void
rk_report_ops_draw (cairo_t *cr, GArray *ops)
{
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

/* The pages into out; FALSE with sink's error or cairo's status. */
static gboolean
render_pdf (GOutputStream *out, double width, double height, const char *title, int n_pages,
            RkReportDrawFunc draw, gpointer data, char **why)
{
  PdfSink sink = { .stream = out };
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &sink, width, height);
  if (title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Renkei " PACKAGE_VERSION);
  {
    cairo_t *cr = cairo_create (surface);

    for (int p = 0; p < n_pages; p++)
      {
        draw (data, cr, p, width, height);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
  }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS && sink.error == NULL)
    return TRUE;
  *why = g_strdup (sink.error ? sink.error->message : cairo_status_to_string (status));
  g_clear_error (&sink.error);
  return FALSE;
}

GBytes *
rk_report_pdf_pages_bytes (double width, double height, const char *title, int n_pages,
                           RkReportDrawFunc draw, gpointer data, GError **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *why = NULL;

  if (!render_pdf (out, width, height, title, n_pages, draw, data, &why) ||
      !g_output_stream_close (out, NULL, NULL))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot make the PDF: %s"),
                   why ? why : "");
      return NULL;
    }
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

