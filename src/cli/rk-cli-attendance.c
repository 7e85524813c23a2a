#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rk-annual.h"
#include "rk-annual-report.h"
#include "rk-cli-private.h"
#include "rk-store-attendance.h"

const RkFlag rk_attendance_set_flags[] = {
  { "date", RK_FLAG_VALUE }, { "families", RK_FLAG_VALUE }, { "adults", RK_FLAG_VALUE },
  { "children", RK_FLAG_VALUE }, { "pregnant", RK_FLAG_VALUE }, { "residents", RK_FLAG_VALUE },
  { "nonresidents", RK_FLAG_VALUE }, { "first-time", RK_FLAG_VALUE },
  { "consultations", RK_FLAG_VALUE }, { "notes", RK_FLAG_VALUE }, { NULL }
};
const RkFlag rk_attendance_clear_flags[] = { { "date", RK_FLAG_VALUE }, { NULL } };
const RkFlag rk_attendance_list_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "venue", RK_FLAG_VALUE },
  { "json", RK_FLAG_BOOL }, { NULL }
};
const RkFlag rk_report_annual_flags[] = {
  { "fiscal-year", RK_FLAG_VALUE }, { "venue", RK_FLAG_VALUE }, { "format", RK_FLAG_VALUE },
  { "language", RK_FLAG_VALUE }, { "o", RK_FLAG_VALUE }, { NULL }
};

/* The flag of each count, in RkCount order. */
static const char * const count_flags[RK_N_COUNTS] = {
  "families", "adults", "children", "pregnant", "residents", "nonresidents", "first-time",
};

/* --date, or the date of an event that does not repeat. */
static gboolean
occurrence_date (RkArgs *args, RkStore *store, gint64 event_id, RkDay *date, GError **error)
{
  g_autoptr(RkEvent) ev = NULL;
  RkMinute start;

  if (rk_args_has (args, "date"))
    return rk_args_date (args, "date", TRUE, date, error);
  ev = rk_store_get_event (store, event_id, error);
  if (ev == NULL)
    return FALSE;
  if (rk_event_get_rrule (ev) && *rk_event_get_rrule (ev))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Event %" PRId64 " repeats; say which occurrence with --date YYYY-MM-DD"),
                   event_id);
      return FALSE;
    }
  rk_time_parse (rk_event_get_start (ev), &start);
  *date = rk_minute_day (start);
  return TRUE;
}

typedef struct
{
  RkArgs       *args;
  gint64        event_id;
  RkDay         date;
  gboolean      clear;
} AttendanceOp;

static gboolean
attendance_tx (RkStore *store, gpointer data, GError **error)
{
  AttendanceOp *op = data;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(RkAttendance) a = NULL;
  g_auto(GStrv) categories = NULL;
  const RkOcc *occ;

  if (!occurrence_date (op->args, store, op->event_id, &op->date, error))
    return FALSE;
  occ = rk_store_attendance_occurrence (store, op->event_id, op->date, &schedule, &occs, error);
  if (occ == NULL)
    return FALSE;
  if (op->clear)
    return rk_store_delete_attendance (store, op->event_id, occ->orig_date, error);

  a = rk_store_get_attendance (store, op->event_id, occ->orig_date, error);
  if (a == NULL)
    {
      if (error && *error)
        return FALSE;
      a = rk_attendance_new (op->event_id, occ->orig_date);
    }
  for (guint i = 0; i < RK_N_COUNTS; i++)
    if (!rk_args_int (op->args, count_flags[i], FALSE, 0, 100000, &a->counts[i], error))
      return FALSE;
  categories = rk_store_consultation_categories (store);
  if (rk_args_has (op->args, "consultations") &&
      !rk_attendance_parse_consultations (a, rk_args_get (op->args, "consultations"), categories,
                                          error))
    return FALSE;
  if (rk_args_has (op->args, "notes"))
    {
      g_free (a->notes);
      a->notes = g_strdup (rk_args_get (op->args, "notes"));
    }
  return rk_store_save_attendance (store, a, error);
}

static int
attendance_run (RkArgs *args, gboolean clear)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  AttendanceOp op = { args, 0, 0, clear };

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "EVENT_ID", &op.event_id, &error) ||
      !rk_args_date (args, "date", FALSE, &op.date, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, attendance_tx, &op, &error))
    return rk_cli_fail (error);
  return RK_EXIT_OK;
}

int
rk_cmd_attendance_set (RkArgs *args)
{
  return attendance_run (args, FALSE);
}

int
rk_cmd_attendance_clear (RkArgs *args)
{
  return attendance_run (args, TRUE);
}

/* --venue names a venue that exists (0: not given). */
static gboolean
venue_known (RkStore *store, gint64 venue_id, GError **error)
{
  g_autoptr(RkVenue) v = venue_id ? rk_store_get_venue (store, venue_id, error) : NULL;

  return venue_id == 0 || v != NULL;
}

static void
record_json (JsonBuilder *b, const RkAttendance *a)
{
  for (guint i = 0; i < RK_N_COUNTS; i++)
    {
      json_builder_set_member_name (b, rk_count_token (i));
      if (a)
        json_builder_add_int_value (b, a->counts[i]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "consultations");
  if (a)
    {
      json_builder_begin_object (b);
      for (guint i = 0; i < a->consultations->len; i++)
        {
          const RkConsultation *c = &g_array_index (a->consultations, RkConsultation, i);
          json_builder_set_member_name (b, c->category);
          json_builder_add_int_value (b, c->count);
        }
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  rk_json_add_string (b, "notes", a && a->notes && *a->notes ? a->notes : NULL);
}

int
rk_cmd_attendance_list (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean json = rk_args_has (args, "json");
  gint64 venue_id = 0;
  RkDay from = 0, to = 0;

  if (!rk_args_date (args, "from", TRUE, &from, &error) ||
      !rk_args_date (args, "to", TRUE, &to, &error) ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error))
    return rk_cli_fail (error);
  if (from > to)
    return rk_cli_input_error (_("--from (%s) is after --to (%s); give the earlier date first"),
                               rk_args_get (args, "from"), rk_args_get (args, "to"));
  if (!rk_check_span (from, to, &error))
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (!venue_known (store, venue_id, &error))
    return rk_cli_fail (error);
  schedule = rk_store_load_schedule (store, from, to, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  occs = rk_schedule_expand (schedule, from, to, &error);
  if (occs == NULL)
    return rk_cli_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      RkSVenue *v = rk_sevent_venue (o->event);
      const RkAttendance *a;
      char d[11];

      if (!rk_occ_is_active (o) || (venue_id && (v == NULL || v->id != venue_id)))
        continue;
      a = rk_schedule_attendance (schedule, o->event->id, o->orig_date);
      rk_date_format_buf (rk_occ_day (o), d);
      if (json)
        {
          json_builder_begin_object (b);
          rk_json_add_id (b, "event_id", o->event->id);
          rk_json_add_string (b, "date", d);
          rk_json_add_string (b, "title", rk_sevent_title (o->event));
          rk_json_add_id (b, "program_id", o->event->program ? o->event->program->id : 0);
          rk_json_add_id (b, "venue_id", v ? v->id : 0);
          json_builder_set_member_name (b, "recorded");
          json_builder_add_boolean_value (b, a != NULL);
          record_json (b, a);
          json_builder_end_object (b);
        }
      else if (a)
        {
          g_autofree char *cons = rk_attendance_format_consultations (a);
          g_print ("%s\t%" PRId64 "\t%s\t%s %d\t%s %d\t%s %d\t%s\n", d, o->event->id,
                   rk_sevent_title (o->event), rk_count_label (RK_COUNT_FAMILIES),
                   a->counts[RK_COUNT_FAMILIES], rk_count_label (RK_COUNT_ADULTS),
                   a->counts[RK_COUNT_ADULTS], rk_count_label (RK_COUNT_CHILDREN),
                   a->counts[RK_COUNT_CHILDREN], cons);
        }
      else
        g_print ("%s\t%" PRId64 "\t%s\t%s\n", d, o->event->id, rk_sevent_title (o->event),
                 _("not entered"));
    }
  json_builder_end_array (b);
  if (json)
    return rk_cli_print_builder (b);
  return RK_EXIT_OK;
}

/* ---- report annual ------------------------------------------------------ */

static gboolean
copy_to_stdout (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  return rk_cli_write_output ("-", data, length, error);
}

int
rk_cmd_report_annual (RkArgs *args)
{
  static const char * const formats[] = { "xlsx", "csv", "pdf", "json", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(RkAnnual) annual = NULL;
  g_auto(GStrv) categories = NULL;
  g_autofree char *language = NULL;
  const char *format = NULL, *path = NULL;
  gint64 venue_id = 0;
  int year = 0, start_month;
  RkDay from, to;

  if (!rk_args_int (args, "fiscal-year", TRUE, RK_FIRST_YEAR, RK_LAST_YEAR - 1, &year, &error) ||
      !rk_args_id (args, "venue", FALSE, &venue_id, &error) ||
      !rk_args_text (args, "format", TRUE, &format, &error) ||
      !rk_args_text (args, "o", TRUE, &path, &error))
    return rk_cli_fail (error);
  if (!g_strv_contains (formats, format))
    return rk_cli_input_error (_("--format must be xlsx|csv|pdf|json, not “%s”"), format);
  if (rk_args_has (args, "language") && g_strcmp0 (rk_args_get (args, "language"), "ja") != 0 &&
      g_strcmp0 (rk_args_get (args, "language"), "en") != 0)
    return rk_cli_input_error (_("--language must be ja|en, not “%s”"),
                               rk_args_get (args, "language"));
  store = rk_cli_open_store (args, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (!venue_known (store, venue_id, &error))
    return rk_cli_fail (error);
  language = g_strdup (rk_args_get (args, "language"));
  if (language == NULL)
    language = rk_store_get_setting (store, "print_language");
  if (g_strcmp0 (language, "en") != 0)
    {
      g_free (language);
      language = g_strdup ("ja");
    }

  start_month = rk_store_get_setting_int (store, "fiscal_year_start", RK_DEFAULT_FISCAL_YEAR_START);
  rk_fiscal_year_range (year, start_month, &from, &to);
  schedule = rk_store_load_schedule (store, from, to, &error);
  if (schedule == NULL)
    return rk_cli_fail (error);
  occs = rk_schedule_expand (schedule, from, to, &error);
  if (occs == NULL)
    return rk_cli_fail (error);
  categories = rk_store_consultation_categories (store);
  annual = rk_annual_build (schedule, occs, year, start_month, venue_id, categories,
                            rk_store_now (store));
  /* The report holds what it shows: the year's schedule can go before it
   * is written (a large municipality's year is tens of megabytes). */
  g_clear_pointer (&occs, g_array_unref);
  g_clear_pointer (&schedule, rk_schedule_free);

  if (g_str_equal (format, "json") || g_str_equal (format, "csv"))
    {
      g_autofree char *text = g_str_equal (format, "json") ? rk_annual_to_json (annual)
                                                           : rk_annual_to_csv (annual, language);
      if (!rk_cli_write_output (path, text, strlen (text), &error))
        return rk_cli_fail (error);
      return RK_EXIT_OK;
    }
  else if (g_str_equal (format, "pdf"))
    {
      /* rk_output: standard output, a device or pipe, a link, or the whole
       * file or nothing. */
      if (!rk_annual_write_pdf (annual, language, path, &error))
        return rk_cli_fail (error);
      return RK_EXIT_OK;
    }
  else
    {
      /* Written beside the target and renamed: a failed report leaves no half file. */
      g_autofree char *tmp = NULL;
      gboolean ok;
      int fd;

      if (g_str_equal (path, "-"))
        fd = g_file_open_tmp ("renkei-report-XXXXXX", &tmp, &error);
      else
        {
          tmp = g_strconcat (path, ".XXXXXX", NULL);
          fd = g_mkstemp (tmp);
          if (fd < 0)
            return rk_cli_input_error (_("Cannot write %s: %s"), path, g_strerror (errno));
        }
      if (fd < 0)
        return rk_cli_fail (error);
      close (fd);
      ok = rk_annual_write_xlsx (annual, language, tmp, &error);
      if (ok && g_str_equal (path, "-"))
        ok = copy_to_stdout (tmp, &error);
      else if (ok && g_rename (tmp, path) != 0)
        {
          g_set_error (&error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s: %s"), path,
                       g_strerror (errno));
          ok = FALSE;
        }
      if (!ok || g_str_equal (path, "-"))
        g_unlink (tmp);
      if (!ok)
        return rk_cli_fail (error);
      return RK_EXIT_OK;
    }
}
