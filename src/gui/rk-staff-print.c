#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-output.h"
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
  GtkWindow *parent;
  RkStaffSheet *sheet;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->parent);
  g_clear_pointer (&job->sheet, rk_staff_sheet_free);
  g_free (job);
}

static void
begin_print (GtkPrintOperation *op,
             GtkPrintContext   *context,
             Job               *job)
{
  gtk_print_operation_set_n_pages (op, rk_staff_sheet_get_n_pages (
                                         job->sheet, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context)));
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page,
           Job               *job)
{
  rk_staff_sheet_draw_page (job->sheet, gtk_print_context_get_cairo_context (context), page,
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
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
  RkStaffSheet *sheet = sheet_new (store, staff_id, year, month, &error);
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
  gtk_print_operation_set_job_name (op, rk_staff_sheet_get_title (sheet));
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
