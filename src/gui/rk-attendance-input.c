#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-attendance-input.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-store-attendance.h"

/* A count above this is a typing slip (the CLI's limit too). */
#define MAX_COUNT 100000

gboolean
rk_attendance_read_count (const char  *text,
                          const char  *field,
                          int         *count,
                          GError     **error)
{
  g_autofree char *folded = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  char *s;
  guint64 value = 0;

  if (folded == NULL)
    folded = g_strdup ("");
  s = g_strstrip (folded);
  if (*s == '\0')
    {
      *count = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (s, 10, 0, MAX_COUNT, &value, NULL))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%s: type a whole number from 0 to %d, not “%s”"), field, MAX_COUNT, s);
      return FALSE;
    }
  *count = (int) value;
  return TRUE;
}

static const char *
field_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

RkAttendance *
rk_attendance_read_fields (const RkAttendance *base,
                           GtkWidget * const  *counts,
                           GPtrArray          *consult,
                           GStrv               categories,
                           GError            **error)
{
  g_autoptr(RkAttendance) a = rk_attendance_copy (base);

  for (guint i = 0; i < RK_N_COUNTS; i++)
    if (!rk_attendance_read_count (field_text (counts[i]), rk_count_label (i), &a->counts[i],
                                   error))
      return NULL;
  for (guint i = 0; i < consult->len; i++)
    {
      int n;

      if (!rk_attendance_read_count (field_text (consult->pdata[i]), categories[i], &n, error))
        return NULL;
      rk_attendance_set_consultation (a, categories[i], n, categories);
    }
  if (!rk_attendance_validate (a, error))
    return NULL;
  return g_steal_pointer (&a);
}

gboolean
rk_attendance_fields_blank (GtkWidget * const *counts,
                            GPtrArray         *consult)
{
  for (guint i = 0; i < RK_N_COUNTS; i++)
    if (*field_text (counts[i]))
      return FALSE;
  for (guint i = 0; i < consult->len; i++)
    if (*field_text (consult->pdata[i]))
      return FALSE;
  return TRUE;
}

gboolean
rk_attendance_save_recorded (RkStore      *store,
                             RkUndoStack  *undo,
                             RkAttendance *a,
                             GError      **error)
{
  return rk_undo_stack_save (undo, RK_UNDO_ATTENDANCE, a->event_id, error) &&
         rk_store_save_attendance (store, a, error);
}

/* In the worker thread: the request's copy of the record. */
static gboolean
save_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  return rk_attendance_save_recorded (store, undo, data, error);
}

static void
saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RkAttendance *a = rk_context_change_finish (RK_CONTEXT (source), result, &error);

  if (a == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rk_attendance_copy (a), (GDestroyNotify) rk_attendance_free);
}

void
rk_attendance_save_async (RkContext           *context,
                          const RkAttendance  *a,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (context, NULL, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, rk_attendance_save_async);
  /* Checked before the transaction: a bad count never opens one. */
  if (!rk_attendance_validate (a, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rk_context_change_async (context, _("Record attendance"), save_change, rk_attendance_copy (a),
                           (GDestroyNotify) rk_attendance_free, saved, task);
}

RkAttendance *
rk_attendance_save_finish (RkContext     *context,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
