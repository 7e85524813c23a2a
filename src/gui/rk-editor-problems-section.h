#pragma once

#include "rk-editor-section.h"

G_BEGIN_DECLS

#define RK_TYPE_EDITOR_PROBLEMS_SECTION (rk_editor_problems_section_get_type ())

G_DECLARE_FINAL_TYPE (RkEditorProblemsSection, rk_editor_problems_section, RK,
                      EDITOR_PROBLEMS_SECTION, RkEditorSection)

/* The problems the event would have if it were saved as the fields say
 * (the editor checks them live), or why they can't be checked yet. */

/* problems: RkProblem, those of this event. */
void       rk_editor_problems_section_set_problems   (RkEditorProblemsSection *self,
                                                      GPtrArray               *problems);
/* Instead of the problems: why they could not be checked. */
void       rk_editor_problems_section_set_message    (RkEditorProblemsSection *self,
                                                      const char              *message);
/* Problems listed now. */
guint      rk_editor_problems_section_get_n_problems (RkEditorProblemsSection *self);
GtkWidget *rk_editor_problems_section_get_box        (RkEditorProblemsSection *self);

G_END_DECLS
