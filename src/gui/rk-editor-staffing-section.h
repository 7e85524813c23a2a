#pragma once

#include "rk-editor-section.h"
#include "rk-store.h"

G_BEGIN_DECLS

#define RK_TYPE_EDITOR_STAFFING_SECTION (rk_editor_staffing_section_get_type ())

G_DECLARE_FINAL_TYPE (RkEditorStaffingSection, rk_editor_staffing_section, RK,
                      EDITOR_STAFFING_SECTION, RkEditorSection)

/* Who works at the event, by role against what the program needs: people
 * are added from a list of who is free (best first), removed, and marked
 * as asked but not confirmed yet. */

/* Free people of role for the event as the fields say (RkSuggestion, best
 * first; NULL when the fields can't be read), given to ready (which owns
 * them) once the store worker has read the month; never when cancellable
 * was cancelled first. */
typedef void (*RkEditorSuggestReady) (GArray   *suggestions,
                                      gpointer  ready_data);
typedef void (*RkEditorSuggestFunc)  (int                   role,
                                      GCancellable         *cancellable,
                                      RkEditorSuggestReady  ready,
                                      gpointer              ready_data,
                                      gpointer              data);

void     rk_editor_staffing_section_set_suggest_func (RkEditorStaffingSection *self,
                                                      RkEditorSuggestFunc      func,
                                                      gpointer                 data);
/* The roles and numbers needed are the program's (0: none). */
void     rk_editor_staffing_section_set_program      (RkEditorStaffingSection *self,
                                                      gint64                   program_id);
/* For one occurrence of a series, people asked or confirmed for the whole
 * series can't be asked or confirmed for that date alone. */
void     rk_editor_staffing_section_set_occurrence   (RkEditorStaffingSection *self,
                                                      gboolean                 occurrence);
/* Nobody on it (a new event). */
void     rk_editor_staffing_section_clear            (RkEditorStaffingSection *self);
/* The people staff (gint64) of se as loaded; who of them was asked and
 * has not confirmed is read from se's rows (for occ_date too, when not 0). */
void     rk_editor_staffing_section_load             (RkEditorStaffingSection *self,
                                                      GArray                  *staff,
                                                      RkSEvent                *se,
                                                      RkDay                    occ_date);
/* Shows the roles and people anew. */
void     rk_editor_staffing_section_rebuild          (RkEditorStaffingSection *self);
/* Who is on it in the editor (gint64). */
GArray  *rk_editor_staffing_section_get_staff        (RkEditorStaffingSection *self);
/* Adds the people of ids not on it yet. */
void     rk_editor_staffing_section_add              (RkEditorStaffingSection *self,
                                                      GArray                  *ids);
/* Adds the best free person of role once the worker has read who is
 * free; finishes FALSE when nobody is. */
void     rk_editor_staffing_section_add_suggested_async (RkEditorStaffingSection *self,
                                                         int                      role,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
gboolean rk_editor_staffing_section_add_suggested_finish (RkEditorStaffingSection *self,
                                                          GAsyncResult            *result,
                                                          GError                 **error);
void     rk_editor_staffing_section_set_asked        (RkEditorStaffingSection *self,
                                                      gint64                   staff_id,
                                                      gboolean                 asked);
gboolean rk_editor_staffing_section_get_asked        (RkEditorStaffingSection *self,
                                                      gint64                   staff_id);
/* Who was added, removed, asked again or confirmed since loading, copied
 * off the section: the save applies it in the store worker. */
typedef struct
{
  GArray   *staff;            /* gint64: who is on it in the editor */
  GArray   *orig_staff;       /* as loaded */
  GArray   *asked;            /* gint64: of staff, asked but not confirmed */
  GArray   *orig_asked;
  GArray   *loaded_assigns;   /* RkSAssign of the event as loaded */
  gboolean  occurrence;
} RkStaffingChange;

RkStaffingChange *rk_editor_staffing_section_get_change (RkEditorStaffingSection *self);
void     rk_staffing_change_free                     (RkStaffingChange        *c);
/* Writes the change to event_id (on occ_date, 0: the series rows).
 * orig_event_id and orig_date are the event and occurrence the editor was
 * opened on: a series split off from it keeps only the dates from the
 * split on. */
gboolean rk_staffing_change_apply                    (const RkStaffingChange  *c,
                                                      RkStore                 *store,
                                                      gint64                   event_id,
                                                      RkDay                    occ_date,
                                                      gint64                   orig_event_id,
                                                      RkDay                    orig_date,
                                                      GError                 **error);
/* The list of roles. */
GtkWidget *rk_editor_staffing_section_get_list       (RkEditorStaffingSection *self);

G_END_DECLS
