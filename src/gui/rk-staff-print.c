#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-staff-print.h"
#include "rk-staff.h"

#define A4_WIDTH_PT 595.0
#define A4_HEIGHT_PT 842.0
#define MARGIN_PT 36.0

static void
slot_clear (gpointer data)
{
  RkStaffSlot *slot = data;

  g_free (slot->title);
  g_free (slot->place);
}

GArray *
rk_staff_schedule (RkStore  *store,
                   gint64    staff_id,
                   int       year,
                   int       month,
                   GError  **error)
{
  RkDay first = rk_day_from_ymd (year, month, 1);
  RkDay last = first + rk_days_in_month (year, month) - 1;
  g_autoptr(RkSchedule) schedule = rk_store_load_schedule (store, first, last, error);
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *out;

  if (schedule == NULL)
    return NULL;
  occs = rk_schedule_expand (schedule, first, last, error);
  if (occs == NULL)
    return NULL;
  out = g_array_new (FALSE, TRUE, sizeof (RkStaffSlot));
  g_array_set_clear_func (out, slot_clear);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkStaffSlot slot = { 0 };
      gboolean on = FALSE;

      if (!rk_occ_is_active (o))
        continue;
      rk_occ_staff (o, ids);
      for (guint j = 0; j < ids->len; j++)
        on = on || g_array_index (ids, gint64, j) == staff_id;
      if (!on)
        continue;
      slot.event_id = o->event->id;
      slot.orig_date = o->orig_date;
      slot.start = o->start;
      slot.end = o->end;
      slot.title = g_strdup (rk_sevent_title (o->event));
      slot.place = rk_occ_place_text (o);
      slot.tentative = rk_occ_staff_tentative (o, staff_id) || o->status == RK_OCC_TENTATIVE;
      g_array_append_val (out, slot);
    }
  return out;
}

/* ---- the sheet ---------------------------------------------------------- */

typedef struct
{
  char   *heading;
  char   *subheading;
  GArray *slots;             /* RkStaffSlot */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->heading);
  g_free (sheet->subheading);
  g_clear_pointer (&sheet->slots, g_array_unref);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static Sheet *
sheet_new (RkStore *store, gint64 staff_id, int year, int month, GError **error)
{
  g_autoptr(RkStaff) staff = rk_store_get_staff (store, staff_id, error);
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *title = NULL;
  int role;

  if (staff == NULL)
    return NULL;
  sheet = g_new0 (Sheet, 1);
  sheet->slots = rk_staff_schedule (store, staff_id, year, month, error);
  if (sheet->slots == NULL)
    return NULL;
  title = rk_month_title (year, month);
  /* TRANSLATORS: heading of one person's printed schedule: name, month */
  sheet->heading = g_strdup_printf (_("%s — schedule for %s"), rk_staff_get_name (staff), title);
  role = rk_role_from_token (rk_staff_get_role (staff));
  sheet->subheading = g_strdup_printf ("%s%s%s", role >= 0 ? rk_role_label (role) : "",
                                       rk_staff_get_org (staff) ? " · " : "",
                                       rk_staff_get_org (staff) ? rk_staff_get_org (staff) : "");
  return g_steal_pointer (&sheet);
}

static PangoLayout *
text_layout (cairo_t *cr, const char *font, const char *text, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
show (cairo_t *cr, const char *font, const char *text, double x, double y, double width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, font, text, width);
  int h;

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

#define ROW_PT 34.0
#define HEAD_PT 64.0

static int
sheet_rows_per_page (double height)
{
  return MAX (1, (int) ((height - 2 * MARGIN_PT - HEAD_PT - 24) / ROW_PT));
}

static int
sheet_n_pages (Sheet *sheet, double height)
{
  int per = sheet_rows_per_page (height);

  return MAX (1, ((int) sheet->slots->len + per - 1) / per);
}

static void
sheet_draw (Sheet *sheet, cairo_t *cr, int page, double width, double height)
{
  int per = sheet_rows_per_page (height);
  double x = MARGIN_PT, y = MARGIN_PT, w = width - 2 * MARGIN_PT;
  guint from = (guint) (page * per), to = MIN (sheet->slots->len, from + (guint) per);

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += show (cr, "Sans Bold 15", sheet->heading, x, y, w) + 2;
  y += show (cr, "Sans 10", sheet->subheading, x, y, w);
  y = MAX (y, MARGIN_PT + HEAD_PT - 12) + 8;
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w, y);
  cairo_stroke (cr);
  y += 6;

  if (sheet->slots->len == 0)
    show (cr, "Sans 11", _("No events this month."), x, y, w);
  for (guint i = from; i < to; i++)
    {
      const RkStaffSlot *slot = &g_array_index (sheet->slots, RkStaffSlot, i);
      g_autofree char *day = rk_day_title (rk_minute_day (slot->start));
      g_autofree char *time = g_strdup_printf ("%02d:%02d–%02d:%02d",
                                               rk_minute_of_day (slot->start) / 60,
                                               rk_minute_of_day (slot->start) % 60,
                                               rk_minute_of_day (slot->end) / 60,
                                               rk_minute_of_day (slot->end) % 60);
      g_autofree char *title = slot->tentative
                                 ? g_strdup_printf (_("%s (not confirmed)"), slot->title)
                                 : g_strdup (slot->title);

      show (cr, "Sans 10", day, x, y, w * 0.2);
      show (cr, "Sans 10", time, x + w * 0.2, y, w * 0.16);
      show (cr, "Sans Bold 10", title, x + w * 0.37, y, w * 0.63);
      if (slot->place)
        show (cr, "Sans 9", slot->place, x + w * 0.37, y + 14, w * 0.63);
      y += ROW_PT;
      cairo_set_line_width (cr, 0.3);
      cairo_move_to (cr, x, y - 4);
      cairo_line_to (cr, x + w, y - 4);
      cairo_stroke (cr);
    }
  {
    g_autofree char *footer = g_strdup_printf (_("For staff only · page %d of %d"), page + 1,
                                               sheet_n_pages (sheet, height));
    show (cr, "Sans 8", footer, x, height - MARGIN_PT, w);
  }
}

gboolean
rk_staff_print_write_pdf (RkStore     *store,
                          gint64       staff_id,
                          int          year,
                          int          month,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(Sheet) sheet = sheet_new (store, staff_id, year, month, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int n;

  if (sheet == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (path, A4_WIDTH_PT, A4_HEIGHT_PT);
  cr = cairo_create (surface);
  n = sheet_n_pages (sheet, A4_HEIGHT_PT);
  for (int page = 0; page < n; page++)
    {
      sheet_draw (sheet, cr, page, A4_WIDTH_PT, A4_HEIGHT_PT);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---- print operation ---------------------------------------------------- */

typedef struct
{
  GtkWindow *parent;
  Sheet     *sheet;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->parent);
  g_clear_pointer (&job->sheet, sheet_free);
  g_free (job);
}

static void
begin_print (GtkPrintOperation *op,
             GtkPrintContext   *context,
             Job               *job)
{
  gtk_print_operation_set_n_pages (op, sheet_n_pages (job->sheet,
                                                      gtk_print_context_get_height (context)));
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page,
           Job               *job)
{
  sheet_draw (job->sheet, gtk_print_context_get_cairo_context (context), page,
              gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
tell (GtkWindow *parent, const char *message)
{
  rk_gui_toast (GTK_WIDGET (parent), message, FALSE);
}

void
rk_staff_print (GtkWindow *parent,
                RkStore   *store,
                gint64     staff_id,
                int        year,
                int        month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  Sheet *sheet = sheet_new (store, staff_id, year, month, &error);
  Job *job;

  if (sheet == NULL)
    {
      tell (parent, error->message);
      return;
    }
  op = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  job = g_new0 (Job, 1);
  job->parent = parent ? g_object_ref (parent) : NULL;
  job->sheet = sheet;
  g_object_set_data_full (G_OBJECT (op), "rk-staff-print-job", job, job_free);
  gtk_print_operation_set_job_name (op, sheet->heading);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), job);
  gtk_print_operation_set_allow_async (op, TRUE);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    tell (parent, error ? error->message : _("Printing failed"));
}
