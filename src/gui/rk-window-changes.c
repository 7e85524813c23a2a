#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rk-error.h"
#include "rk-series.h"
#include "rk-window-private.h"

/* ---- move and cancel ---------------------------------------------------- */

static const RkOcc *
find_occ (RkWindow *self, gint64 event_id, RkDay orig_date, GError **error)
{
  const RkOcc *occ = self->data ? rk_month_data_find (self->data, event_id, orig_date) : NULL;

  if (occ == NULL)
    g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                 _("That event is no longer in this month; it may have been changed meanwhile"));
  return occ;
}

/* One undo step around a verb of rk-series.c, in the worker: what it
 * changes of the event is saved first, and a series split off is noted. */
typedef enum
{
  VERB_MOVE,
  VERB_CANCEL,
} VerbKind;

typedef struct
{
  VerbKind    kind;
  gint64      event_id;
  RkDay       orig_date;
  RkMinute    to;
  RkEditScope scope;
} VerbArgs;

static gboolean
verb_tx (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  VerbArgs *a = data;
  gint64 id;

  if (!rk_undo_stack_save_event (undo, a->event_id, error))
    return FALSE;
  if (a->kind == VERB_MOVE)
    id = rk_series_move (store, a->event_id, a->orig_date, a->to, a->scope, NULL, NULL, error)
           ? a->event_id
           : 0;
  else
    id = rk_series_cancel (store, a->event_id, a->orig_date, a->scope, NULL, NULL, error);
  if (id == 0)
    return FALSE;
  if (id != a->event_id)
    rk_undo_stack_note_created (undo, id);
  return TRUE;
}

static void
run_verb (RkWindow           *self,
          const char         *label,
          const VerbArgs     *args,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, run_verb);
  if (find_occ (self, args->event_id, args->orig_date, &error) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rk_context_change_for_task (self->context, task, label, verb_tx,
                              g_memdup2 (args, sizeof *args), g_free);
}

void
rk_window_move_occurrence_async (RkWindow           *self,
                                 gint64              event_id,
                                 RkDay               orig_date,
                                 RkDay               to_day,
                                 gboolean            scope_all,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  VerbArgs a = { VERB_MOVE, event_id, orig_date, 0, scope_all ? RK_SCOPE_ALL : RK_SCOPE_THIS };
  const RkOcc *occ;

  g_return_if_fail (RK_IS_WINDOW (self));

  /* The chip keeps its time of day on the day it is dropped on. */
  occ = find_occ (self, event_id, orig_date, NULL);
  if (occ)
    a.to = occ->start + (RkMinute) ((int) to_day - (int) rk_minute_day (occ->start)) *
                          RK_MINUTES_PER_DAY;
  run_verb (self, _("Move event"), &a, callback, user_data);
}

void
rk_window_cancel_occurrence_async (RkWindow           *self,
                                   gint64              event_id,
                                   RkDay               orig_date,
                                   gboolean            scope_all,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  VerbArgs a = { VERB_CANCEL, event_id, orig_date, 0, scope_all ? RK_SCOPE_ALL : RK_SCOPE_THIS };

  g_return_if_fail (RK_IS_WINDOW (self));
  run_verb (self, _("Cancel event"), &a, callback, user_data);
}

void
rk_window_cancel_following_async (RkWindow           *self,
                                  gint64              event_id,
                                  RkDay               orig_date,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  VerbArgs a = { VERB_CANCEL, event_id, orig_date, 0, RK_SCOPE_FOLLOWING };

  g_return_if_fail (RK_IS_WINDOW (self));
  run_verb (self, _("Cancel this and following"), &a, callback, user_data);
}

gboolean
rk_window_change_finish (RkWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  RkWindow *self;
  gint64    event_id;
  RkDay     orig_date;
  RkDay     to_day;
  gboolean  cancel;     /* else move */
} Pending;

enum
{
  RESPONSE_THIS = 1,
  RESPONSE_ALL = 2,
  RESPONSE_FOLLOWING = 3,
};

static void
pending_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RkWindow *self = RK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gboolean cancel = GPOINTER_TO_INT (user_data);

  if (!rk_window_change_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rk_window_report_error (self, error);
      return;
    }
  /* The month is read anew from the context's "changed". */
  rk_window_show_toast (self, cancel ? _("Event cancelled") : _("Event moved"), TRUE);
}

static void
run_pending (Pending *p, int scope)
{
  gboolean scope_all = scope == RESPONSE_ALL;
  gpointer cancel = GINT_TO_POINTER (p->cancel);

  if (p->cancel && scope == RESPONSE_FOLLOWING)
    rk_window_cancel_following_async (p->self, p->event_id, p->orig_date, pending_done, cancel);
  else if (p->cancel)
    rk_window_cancel_occurrence_async (p->self, p->event_id, p->orig_date, scope_all,
                                       pending_done, cancel);
  else
    rk_window_move_occurrence_async (p->self, p->event_id, p->orig_date, p->to_day, scope_all,
                                     pending_done, cancel);
}

static void
pending_free (Pending *p)
{
  g_object_unref (p->self);
  g_free (p);
}

static void
on_scope_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Pending *p = user_data;

  if (g_strcmp0 (response, "this") == 0)
    run_pending (p, RESPONSE_THIS);
  else if (g_strcmp0 (response, "all") == 0)
    run_pending (p, RESPONSE_ALL);
  else if (g_strcmp0 (response, "following") == 0)
    run_pending (p, RESPONSE_FOLLOWING);
  pending_free (p);
}

static void
ask_scope (RkWindow *self, Pending *p, const char *title)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), title,
    p->cancel ? _("This event repeats. Cancel only this occurrence, this one and the "
                  "following, or every occurrence of the series?")
              : _("This event repeats. Change only this occurrence, or every occurrence of "
                  "the series?")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "all", _("_Whole Series"),
                                    NULL);
  /* Moving the rest of a series by days would need its rule rewritten and
   * recounted; cancelling it is a split. */
  if (p->cancel)
    adw_message_dialog_add_response (dialog, "following", _("This and _Following"));
  adw_message_dialog_add_response (dialog, "this", _("_Only This One"));
  adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "this");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_scope_response), p);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What a move or a cancel of OCC does next: a series asks which of its
 * occurrences (the dialog then owns P). A single event goes at once: its
 * one occurrence moves, as with renkei-cli event move, so the month's
 * notices say where it was; a cancel is of the event, the toast offering
 * undo. */
static void
start_pending (Pending *p, const RkOcc *occ)
{
  if (occ->event->rrule && *occ->event->rrule)
    {
      g_autofree char *title = g_strdup_printf (p->cancel ? _("Cancel “%s”?") : _("Move “%s”?"),
                                                rk_sevent_title (occ->event));
      ask_scope (p->self, p, title);
      return;
    }
  run_pending (p, p->cancel ? RESPONSE_ALL : RESPONSE_THIS);
  pending_free (p);
}

static void
move_occurrence_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  Pending *p = g_new0 (Pending, 1);
  const RkOcc *occ;
  guint32 orig, to;

  g_variant_get (param, "(xuu)", &p->event_id, &orig, &to);
  p->self = g_object_ref (self);
  p->orig_date = orig;
  p->to_day = to;
  occ = find_occ (self, p->event_id, p->orig_date, &error);
  if (occ == NULL || rk_minute_day (occ->start) == p->to_day)
    {
      if (occ == NULL)
        rk_window_report_error (self, error);
      pending_free (p);
      return;
    }
  start_pending (p, occ);
}

static void
cancel_occurrence_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  Pending *p = g_new0 (Pending, 1);
  const RkOcc *occ;
  guint32 orig;

  g_variant_get (param, "(xu)", &p->event_id, &orig);
  p->self = g_object_ref (self);
  p->orig_date = orig;
  p->cancel = TRUE;
  occ = find_occ (self, p->event_id, p->orig_date, &error);
  if (occ == NULL || occ->status == RK_OCC_CANCELLED)
    {
      if (occ == NULL)
        rk_window_report_error (self, error);
      pending_free (p);
      return;
    }
  start_pending (p, occ);
}

static void
undo_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean redo = self->redoing;
  g_autofree char *label = rk_context_undo_finish (RK_CONTEXT (source), result, &error);
  g_autofree char *message = NULL;

  rk_window_update_actions (self);
  if (label == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rk_window_report_error (self, error);
      return;
    }
  message = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label);
  rk_window_show_toast_full (self, message, redo, !redo);
}

/* Undo and redo run in the worker; the month follows from "changed". */
static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkWindow *self = RK_WINDOW (widget);
  gboolean redo = g_strcmp0 (name, "win.redo") == 0;

  if (rk_context_get_undoing (self->context) ||
      !(redo ? rk_undo_stack_can_redo (self->undo) : rk_undo_stack_can_undo (self->undo)))
    return;
  self->redoing = redo;
  rk_context_undo_async (self->context, redo, undo_done, g_object_ref (self));
}

/* Its actions and keys, installed by the window's class. */
void
rk_window_class_add_change_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.move-occurrence", "(xuu)",
                                   move_occurrence_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-occurrence", "(xu)",
                                   cancel_occurrence_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
}
