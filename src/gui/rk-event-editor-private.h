#pragma once

/* What the event editor's files share and nothing else sees. The editor is
 * one dialog split by concern:
 *
 *   rk-event-editor.c        the object, its signals and properties, the
 *                            fields' handlers, finding a time
 *   rk-event-editor-draft.c  the form read and validated, the draft and
 *                            the live check
 *   rk-event-editor-open.c   what it shows, read by the store worker
 *   rk-event-editor-save.c   saving, the attendance record, deleting
 *
 * Its sections (when and repeat, place and equipment, staffing, problems,
 * attendance) are widgets of their own in rk-editor-*-section.c. */

#include <gtk/gtk.h>

#include "rk-attendance-input.h"
#include "rk-check.h"
#include "rk-editor-attendance-section.h"
#include "rk-editor-place-section.h"
#include "rk-editor-problems-section.h"
#include "rk-editor-staffing-section.h"
#include "rk-editor-when-section.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-event.h"
#include "rk-find-time-dialog.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-problem.h"
#include "rk-series.h"

G_BEGIN_DECLS

/* Live checks wait for a short pause in typing. */
#define CHECK_DELAY_MS 150
/* The id a new event has in the draft schedule of the live check. */
#define DRAFT_ID (-1)

/* The dialog puts its sections together (when and repeat, place and
 * equipment, staffing, problems: each a widget of its own in
 * rk-editor-*-section.c) and keeps what belongs to the whole event: which
 * event and occurrence is edited and in what scope, its program, title,
 * notes and tentative state, the draft the live check runs on, and the
 * save. */
struct _RkEventEditor
{
  GtkWindow    parent_instance;

  /* template */
  GtkWidget   *heading_label;
  GtkWidget   *opening_spinner;
  GtkWidget   *save_button;
  GtkWidget   *delete_button;
  GtkWidget   *stale_bar;
  GtkWidget   *scope_box;
  GtkWidget   *this_button;
  GtkWidget   *following_button;
  GtkWidget   *all_button;
  GtkWidget   *elsewhere_bar;
  GtkWidget   *program_dropdown;
  GtkWidget   *title_entry;
  GtkWidget   *title_error;
  GtkWidget   *notes_view;
  GtkWidget   *error_label;
  GtkWidget   *tentative_switch;
  GtkWidget   *form;
  GtkSizeGroup *labels;
  RkEditorWhenSection     *when;
  RkEditorPlaceSection    *place;
  RkEditorStaffingSection *staffing;
  RkEditorProblemsSection *problems;
  RkEditorAttendanceSection *attendance;

  RkContext   *context;
  RkUndoStack *undo;           /* the context's */
  RkSchedule  *ref;            /* names and reference rows for the lists */
  RkDay        today;          /* as the database's time zone says, read with ref */

  RkEvent     *event;          /* NULL for a new event */
  gint64       event_id;
  RkDay        orig_date;      /* the occurrence edited, for series */
  gboolean     series;
  RkEditScope  scope;          /* of a series: the occurrence, it and the following, all */

  GArray      *program_ids;    /* gint64; index 0 = none */
  GArray      *orig_equipment;

  gint64       last_program;
  gboolean     loading;
  gboolean     valid;
  gboolean     touched;          /* the person has changed something since it opened */
  guint        check_id;
  GCancellable *check_cancel;  /* the live check's read on its way */
  GCancellable *open_cancel;   /* the event's (a new one's lists') read on its way */
  GTask       *open_task;      /* rk_event_editor_load_async()'s */
  gboolean     saving;         /* a save is on its way in the worker */
  GtkWidget   *focus_before_save;  /* weak */
};

typedef struct
{
  RkDay     day;
  RkMinute  start, end;
  gint64    program_id;
  gint64    room_id;
  int       capacity;
  char     *rrule;             /* NULL: does not repeat */
  int       policy;
} Form;

static inline RkEditorSection *
section (gpointer section)
{
  return RK_EDITOR_SECTION (section);
}

static inline char *
notes_text (RkEventEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

static inline gboolean
editing_occurrence (RkEventEditor *self)
{
  return self->series && self->scope == RK_SCOPE_THIS;
}

/* The date and times shown are one occurrence's (this, or this and the
 * following), not the series start's. */
static inline gboolean
at_occurrence (RkEventEditor *self)
{
  return self->series && self->scope != RK_SCOPE_ALL;
}

static inline gint64
program_id (RkEventEditor *self)
{
  return rk_editor_dropdown_id (self->program_dropdown, self->program_ids);
}

/* rk-event-editor.c */
void     rk_event_editor_set_loading     (RkEventEditor *self, gboolean loading);
void     rk_event_editor_emit_saved      (RkEventEditor *self, const char *message);

/* rk-event-editor-draft.c */
void     rk_event_editor_form_clear      (Form *form);
gboolean rk_event_editor_read_form       (RkEventEditor *self, Form *form);
gboolean rk_event_editor_validate        (RkEventEditor *self);
void     rk_event_editor_fill_lists      (RkEventEditor *self);
void     rk_event_editor_schedule_check  (RkEventEditor *self);
/* A check waiting for a pause in typing is started now. */
void     rk_event_editor_check_pending   (RkEventEditor *self);
/* The staffing section's suggestions (RkEditorSuggestFunc). */
void     rk_event_editor_suggest         (int                   role,
                                          GCancellable         *cancellable,
                                          RkEditorSuggestReady  ready,
                                          gpointer              ready_data,
                                          gpointer              data);

/* rk-event-editor-open.c */
void     rk_event_editor_open_class_init (GtkWidgetClass *widget_class);

/* rk-event-editor-save.c */
void     rk_event_editor_save_class_init (GtkWidgetClass *widget_class);
gboolean rk_event_editor_close_request   (RkEventEditor *self);

G_END_DECLS
