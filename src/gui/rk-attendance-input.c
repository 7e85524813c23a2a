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

static gboolean
save_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  return rk_attendance_save_recorded (store, undo, data, error);
}

gboolean
rk_attendance_save (RkContext     *context,
                    RkAttendance  *a,
                    GError       **error)
{
  gint64 version = a->version;

  /* Checked before the transaction: a bad count never opens one. */
  if (!rk_attendance_validate (a, error))
    return FALSE;
  if (!rk_gui_change (rk_context_get_store (context), rk_context_get_undo (context),
                      _("Record attendance"), save_change, a, error))
    {
      a->version = version;
      return FALSE;
    }
  return TRUE;
}
