#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-output.h"
#include "rk-print-job.h"
#include "rk-print-language.h"
#include "rk-staff-print.h"
#include "rk-staff-sheet.h"
#include "rk-staff.h"

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

/* The person's sheet in the database's print language, as renkei-cli
 * export --staff makes it. */
static RkStaffSheet *
sheet_new (RkStore *store, gint64 staff_id, int year, int month, GError **error)
{
  g_autoptr(GPtrArray) sheets = rk_staff_sheets_new (store, staff_id, year, month,
                                                     rk_print_language_from_store (store), error);

  if (sheets == NULL)
    return NULL;
  return g_ptr_array_steal_index (sheets, 0);
}

gboolean
rk_staff_print_write_pdf (RkStore     *store,
                          gint64       staff_id,
                          int          year,
                          int          month,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(RkStaffSheet) sheet = sheet_new (store, staff_id, year, month, error);
  g_autoptr(GBytes) pdf = NULL;
  gsize length = 0;
  const void *data;

  if (sheet == NULL || (pdf = rk_staff_sheet_pdf (sheet, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &length);
  /* personal: 0600 like the database */
  return rk_output_write_file (path, data, length, TRUE, error);
}

/* ---- print operation ---------------------------------------------------- */

typedef struct
{
  gint64 staff_id;
  int    year, month;
} SheetAsk;

static gpointer
sheet_run (RkStore *store, gpointer data, GError **error)
{
  SheetAsk *ask = data;

  return sheet_new (store, ask->staff_id, ask->year, ask->month, error);
}

static int
sheet_pages (gpointer sheet, double width_pt, double height_pt)
{
  return rk_staff_sheet_get_n_pages (sheet, width_pt, height_pt);
}

static void
sheet_draw (gpointer sheet, cairo_t *cr, int page, double width_pt, double height_pt)
{
  rk_staff_sheet_draw_page (sheet, cr, page, width_pt, height_pt);
}

/* The sheet is made by the worker while the dialog is open. */
GtkPrintOperation *
rk_staff_print_operation (GtkWindow     *parent,
                          RkStoreWorker *worker,
                          gint64         staff_id,
                          const char    *name,
                          int            year,
                          int            month)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *month_title = rk_month_title (year, month);
  g_autofree char *job_name = g_strdup_printf ("%s %s", name, month_title);
  SheetAsk *ask = g_new0 (SheetAsk, 1);
  RkPrintJob *job = rk_print_job_attach (op, parent, sheet_pages, sheet_draw,
                                         (GDestroyNotify) rk_staff_sheet_free);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  ask->staff_id = staff_id;
  ask->year = year;
  ask->month = month;
  rk_print_job_read (job, worker, sheet_run, ask, g_free);
  gtk_print_operation_set_job_name (op, job_name);
  gtk_print_operation_set_default_page_setup (op, setup);
  return op;
}

void
rk_staff_print (GtkWindow     *parent,
                RkStoreWorker *worker,
                gint64         staff_id,
                const char    *name,
                int            year,
                int            month)
{
  g_autoptr(GtkPrintOperation) op = rk_staff_print_operation (parent, worker, staff_id, name,
                                                              year, month);

  rk_print_job_run (op, parent);
}
