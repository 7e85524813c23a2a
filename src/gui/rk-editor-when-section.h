#pragma once

#include "rk-editor-section.h"

G_BEGIN_DECLS

#define RK_TYPE_EDITOR_WHEN_SECTION (rk_editor_when_section_get_type ())

G_DECLARE_FINAL_TYPE (RkEditorWhenSection, rk_editor_when_section, RK, EDITOR_WHEN_SECTION,
                      RkEditorSection)

/* When and how often: the date, the times, the repeat (offered in words
 * for the date in the field, or a rule of one's own) and what happens on
 * holidays. Emits "find-time" when the person asks to find a time. */

/* A new event on day: 10:00–12:00, no repeat, moved to the next open day
 * on holidays (a new event decides about holidays up front). */
void       rk_editor_when_section_set_new        (RkEditorWhenSection *self,
                                                  RkDay                day);
/* The repeat rule (NULL: none) and holiday policy of a series that starts
 * on day; a rule the choices don't word is shown as a custom rule. */
void       rk_editor_when_section_set_rule       (RkEditorWhenSection *self,
                                                  const char          *rrule,
                                                  RkDay                day,
                                                  int                  policy);
/* The date and times shown; the repeat choices are worded for the date. */
void       rk_editor_when_section_set_times      (RkEditorWhenSection *self,
                                                  RkMinute             start,
                                                  RkMinute             end);
/* For one occurrence of a series, the repeat and the holiday policy are
 * the series' and cannot be changed here. */
void       rk_editor_when_section_set_occurrence (RkEditorWhenSection *self,
                                                  gboolean             occurrence);
/* Checks the fields, showing what is wrong under each; TRUE when all can
 * be read. */
gboolean   rk_editor_when_section_validate       (RkEditorWhenSection *self);
/* What the fields say; FALSE when one is unreadable. rrule is NULL when
 * the event does not repeat (free it). */
gboolean   rk_editor_when_section_read           (RkEditorWhenSection *self,
                                                  RkDay               *day,
                                                  RkMinute            *start,
                                                  RkMinute            *end,
                                                  char               **rrule,
                                                  int                 *policy);
/* Minutes from the start to the end typed; 0 when unreadable. */
int        rk_editor_when_section_get_duration   (RkEditorWhenSection *self);
/* Sets the end to the start typed plus minutes (a program's length). */
void       rk_editor_when_section_set_duration   (RkEditorWhenSection *self,
                                                  int                  minutes);
/* "date", "start", "end", "repeat", "rrule", "policy", "date_error",
 * "time_error", "find_time". */
GtkWidget *rk_editor_when_section_get_field      (RkEditorWhenSection *self,
                                                  const char          *name);

/* The month the fiscal year starts in, for "ends with the fiscal year". */
void       rk_editor_when_section_set_fiscal_start (RkEditorWhenSection *self,
                                                    int                  month);

G_END_DECLS
