#pragma once

#include <gtk/gtk.h>

#include "rk-time.h"

G_BEGIN_DECLS

#define RK_TYPE_REPEAT_EDITOR (rk_repeat_editor_get_type ())

G_DECLARE_FINAL_TYPE (RkRepeatEditor, rk_repeat_editor, RK, REPEAT_EDITOR, GtkWidget)

/* A repeat rule in words, so that no person types RRULE: every N days,
 * weeks (on which weekdays) or months (on a day of the month, the nth or
 * the last weekday); ending never, on a date, after N times or at the end
 * of the fiscal year (年度末); and the next dates, holidays marked.
 *
 * The pattern part is shown for a custom rule only; the end and the next
 * dates for every repeating event. "changed" is emitted on every edit. */
typedef enum
{
  RK_REPEAT_ENDS_NEVER,
  RK_REPEAT_ENDS_ON_DATE,
  RK_REPEAT_ENDS_AFTER,
  RK_REPEAT_ENDS_FISCAL_YEAR,
} RkRepeatEnds;

GtkWidget *rk_repeat_editor_new                (void);
/* The first date of the series: the monthly choices are worded for it. */
void       rk_repeat_editor_set_day            (RkRepeatEditor *self,
                                                RkDay           day);
/* The month the fiscal year starts in (4: April). */
void       rk_repeat_editor_set_fiscal_start   (RkRepeatEditor *self,
                                                int             month);
void       rk_repeat_editor_set_pattern_visible (RkRepeatEditor *self,
                                                 gboolean        visible);
/* Shows rule (with or without COUNT/UNTIL): FALSE when its pattern is one
 * the editor cannot show (then only its end is taken). */
gboolean   rk_repeat_editor_set_rule           (RkRepeatEditor *self,
                                                const char     *rrule);
/* The pattern chosen, without an end (NULL: not valid, e.g. no weekday). */
char      *rk_repeat_editor_get_pattern        (RkRepeatEditor *self);
/* rule with the end chosen (COUNT or UNTIL set or dropped); NULL when the
 * end is not valid (a date before the first, no date), with *error set to
 * a translated message. */
char      *rk_repeat_editor_apply_end          (RkRepeatEditor *self,
                                                const char     *rule,
                                                char          **error);
RkRepeatEnds rk_repeat_editor_get_ends         (RkRepeatEditor *self);
/* The next dates of rule from dtstart, holidays named: "1月8日（木）、…". */
void       rk_repeat_editor_preview            (RkRepeatEditor *self,
                                                const char     *rule,
                                                RkMinute        dtstart);
const char *rk_repeat_editor_get_preview_text  (RkRepeatEditor *self);
/* The editor's controls, for tests: "interval", "unit", "weekday-1" …
 * "weekday-7" (Monday … Sunday), "monthly", "ends", "until", "count". */
GtkWidget *rk_repeat_editor_get_field          (RkRepeatEditor *self,
                                                const char     *name);

G_END_DECLS
