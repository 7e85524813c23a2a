#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rk-event-editor-private.h"
#include "rk-gui-util.h"

G_DEFINE_FINAL_TYPE (RkEventEditor, rk_event_editor, GTK_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

void
rk_event_editor_emit_saved (RkEventEditor *self, const char *message)
{
  g_signal_emit (self, signals[SAVED], 0, message);
}

/* ---- small helpers ------------------------------------------------------ */

/* While the editor fills its fields, none of them reports a change. */
void
rk_event_editor_set_loading (RkEventEditor *self, gboolean loading)
{
  self->loading = loading;
  rk_editor_section_set_loading (section (self->when), loading);
  rk_editor_section_set_loading (section (self->place), loading);
  rk_editor_section_set_loading (section (self->staffing), loading);
  rk_editor_section_set_loading (section (self->problems), loading);
}

/* ---- signal handlers ---------------------------------------------------- */

static void
on_field_changed (RkEventEditor *self)
{
  /* Still loading, or closing (the fields change as they are torn down). */
  if (self->loading || self->context == NULL)
    return;
  self->touched = TRUE;
  gtk_widget_set_visible (self->error_label, FALSE);
  if (rk_event_editor_validate (self))
    rk_event_editor_schedule_check (self);
}

static void
on_staff_changed (RkEventEditor *self)
{
  rk_event_editor_schedule_check (self);
}

static void
on_program_changed (RkEventEditor *self)
{
  gint64 id = program_id (self);
  RkSProgram *program = id ? rk_schedule_program (self->ref, id) : NULL;
  RkSProgram *last = self->last_program ? rk_schedule_program (self->ref, self->last_program)
                                        : NULL;
  const char *title = rk_editor_get_text (self->title_entry);

  if (self->loading)
    return;
  self->touched = TRUE;
  self->last_program = id;
  if (program)
    {
      /* The program names the event unless the coordinator wrote a title. */
      if (*title == '\0' || (last && g_strcmp0 (title, last->name) == 0))
        rk_gui_set_text (self->title_entry, program->name);
      rk_editor_when_section_set_duration (self->when, program->duration);
    }
  rk_editor_staffing_section_set_program (self->staffing, id);
  rk_editor_staffing_section_rebuild (self->staffing);
  on_field_changed (self);
}

/* ---- finding a time ----------------------------------------------------- */

static void
on_time_chosen (RkEventEditor *self, const RkFindTimeChoice *choice)
{
  rk_editor_when_section_set_times (self->when, choice->start, choice->end);
  on_field_changed (self);
  if (choice->room_id)
    rk_editor_place_section_set_room (self->place, choice->room_id);
  rk_editor_staffing_section_add (self->staffing, choice->staff);
}

GtkWidget *
rk_event_editor_find_time (RkEventEditor *self)
{
  g_autoptr(GArray) items = NULL;
  RkFindTimeRequest request = { 0 };
  RkFindTimeDialog *dialog;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), NULL);

  items = rk_editor_place_section_get_equipment (self->place);
  request.event_id = self->event_id;
  request.occ_date = editing_occurrence (self) ? self->orig_date : 0;
  request.program_id = program_id (self);
  request.room_id = rk_editor_place_section_get_room (self->place);
  request.capacity = rk_editor_place_section_get_capacity (self->place);
  request.duration = rk_editor_when_section_get_duration (self->when);
  request.equipment = items;
  request.staff = rk_editor_staffing_section_get_staff (self->staffing);
  dialog = rk_find_time_dialog_new (GTK_WINDOW (self), rk_context_get_worker (self->context),
                                    &request);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_time_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
on_find_time (RkEventEditor *self)
{
  rk_event_editor_find_time (self);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_event_editor_dispose (GObject *object)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->check_cancel);
  g_clear_object (&self->check_cancel);
  g_cancellable_cancel (self->open_cancel);
  g_clear_object (&self->open_cancel);
  if (self->open_task)
    g_task_return_new_error (g_steal_pointer (&self->open_task), G_IO_ERROR,
                             G_IO_ERROR_CANCELLED, "%s", _("The editor was closed"));
  g_clear_object (&self->event);
  g_clear_weak_pointer (&self->focus_before_save);
  self->undo = NULL;
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_event_editor_parent_class)->dispose (object);
}

static void
rk_event_editor_finalize (GObject *object)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  g_clear_pointer (&self->ref, rk_schedule_free);
  g_clear_pointer (&self->program_ids, g_array_unref);
  g_array_unref (self->orig_equipment);
  G_OBJECT_CLASS (rk_event_editor_parent_class)->finalize (object);
}

static void
on_context_changed (RkContext *context, gboolean external, RkEventEditor *self)
{
  if (external)
    rk_event_editor_notice_external_change (self);
}

static void
rk_event_editor_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  RkEventEditor *self = RK_EVENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->undo = rk_context_get_undo (self->context);
      g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self, 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RkEventEditor    *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Escape closes the editor; what the person typed in it is not thrown away
 * without asking. */
static void
escape_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkEventEditor *self = RK_EVENT_EDITOR (widget);
  AdwMessageDialog *dialog;

  if (!self->touched && !rk_editor_attendance_section_is_dirty (self->attendance))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), self->event ? _("Discard the changes?") : _("Discard the new event?"),
    _("What was typed in the editor has not been saved.")));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"), "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
rk_event_editor_get_touched (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return self->touched;
}

static void
rk_event_editor_class_init (RkEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_event_editor_dispose;
  object_class->finalize = rk_event_editor_finalize;
  object_class->set_property = rk_event_editor_set_property;

  g_object_class_install_property (object_class, PROP_CONTEXT, rk_context_param_spec ());

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RK_TYPE_EDITOR_WHEN_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_PLACE_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_STAFFING_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_PROBLEMS_SECTION);
  g_type_ensure (RK_TYPE_EDITOR_ATTENDANCE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-event-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkEventEditor, name)
  BIND (heading_label);
  BIND (opening_spinner);
  BIND (save_button);
  BIND (delete_button);
  BIND (stale_bar);
  BIND (scope_box);
  BIND (this_button);
  BIND (following_button);
  BIND (all_button);
  BIND (elsewhere_bar);
  BIND (program_dropdown);
  BIND (title_entry);
  BIND (title_error);
  BIND (notes_view);
  BIND (error_label);
  BIND (tentative_switch);
  BIND (form);
  BIND (labels);
  BIND (when);
  BIND (place);
  BIND (staffing);
  BIND (problems);
  BIND (attendance);
#undef BIND
  rk_event_editor_open_class_init (widget_class);
  rk_event_editor_save_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_program_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_find_time);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  gtk_widget_class_install_action (widget_class, "editor.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.escape", NULL);
}

static void
rk_event_editor_init (RkEventEditor *self)
{
  self->orig_equipment = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  self->loading = FALSE;
  rk_editor_share_labels (self->form, self->labels);
  rk_editor_staffing_section_set_suggest_func (self->staffing, rk_event_editor_suggest, self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  g_signal_connect (self, "close-request", G_CALLBACK (rk_event_editor_close_request), NULL);
}

RkEventEditor *
rk_event_editor_new (GtkWindow *parent,
                     RkContext *context)
{
  return g_object_new (RK_TYPE_EVENT_EDITOR, "transient-for", parent, "context", context, NULL);
}

gboolean
rk_event_editor_is_valid (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return rk_event_editor_validate (self);
}

static void
suggested_added (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean added = rk_editor_staffing_section_add_suggested_finish (
    RK_EDITOR_STAFFING_SECTION (source), result, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, added);
}

void
rk_event_editor_add_suggested_async (RkEventEditor       *self,
                                     int                  role,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RK_IS_EVENT_EDITOR (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_event_editor_add_suggested_async);
  rk_editor_staffing_section_add_suggested_async (self->staffing, role, suggested_added, task);
}

gboolean
rk_event_editor_add_suggested_finish (RkEventEditor  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rk_event_editor_set_staff_asked (RkEventEditor *self,
                                 gint64         staff_id,
                                 gboolean       asked)
{
  g_return_if_fail (RK_IS_EVENT_EDITOR (self));
  rk_editor_staffing_section_set_asked (self->staffing, staff_id, asked);
}

gboolean
rk_event_editor_get_staff_asked (RkEventEditor *self,
                                 gint64         staff_id)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return rk_editor_staffing_section_get_asked (self->staffing, staff_id);
}

guint
rk_event_editor_get_n_problems (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), 0);

  /* A check waiting for a pause in typing is started now. */
  rk_event_editor_check_pending (self);
  return rk_editor_problems_section_get_n_problems (self->problems);
}

gboolean
rk_event_editor_get_checking (RkEventEditor *self)
{
  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), FALSE);
  return self->check_id != 0 || self->check_cancel != NULL;
}

GtkWidget *
rk_event_editor_get_field (RkEventEditor *self,
                           const char    *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "title", G_STRUCT_OFFSET (RkEventEditor, title_entry) },
    { "program", G_STRUCT_OFFSET (RkEventEditor, program_dropdown) },
    { "notes", G_STRUCT_OFFSET (RkEventEditor, notes_view) },
    { "save", G_STRUCT_OFFSET (RkEventEditor, save_button) },
    { "stale_bar", G_STRUCT_OFFSET (RkEventEditor, stale_bar) },
    { "elsewhere_bar", G_STRUCT_OFFSET (RkEventEditor, elsewhere_bar) },
    { "following", G_STRUCT_OFFSET (RkEventEditor, following_button) },
    { "error", G_STRUCT_OFFSET (RkEventEditor, error_label) },
    { "title_error", G_STRUCT_OFFSET (RkEventEditor, title_error) },
    { "tentative", G_STRUCT_OFFSET (RkEventEditor, tentative_switch) },
  };
  GtkWidget *field;

  g_return_val_if_fail (RK_IS_EVENT_EDITOR (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  if (g_strcmp0 (name, "staffing") == 0)
    return rk_editor_staffing_section_get_list (self->staffing);
  if (g_strcmp0 (name, "problems") == 0)
    return rk_editor_problems_section_get_box (self->problems);
  if (g_strcmp0 (name, "attendance") == 0)
    return GTK_WIDGET (self->attendance);
  if (g_str_has_prefix (name, "attendance:"))
    return rk_editor_attendance_section_get_field (self->attendance,
                                                   name + strlen ("attendance:"));
  if ((field = rk_editor_when_section_get_field (self->when, name)))
    return field;
  return rk_editor_place_section_get_field (self->place, name);
}
