#pragma once

#include <glib.h>

#include "rk-expand.h"
#include "rk-schedule.h"

G_BEGIN_DECLS

/* Text folded for matching as people type it: compatibility forms unified
 * (full-width letters, half-width katakana), case ignored, katakana read as
 * hiragana, spaces dropped. "サトウ", "さとう" and "ｻﾄｳ" fold alike. */
char   *rk_search_fold     (const char *text);
/* The same, keeping the spaces unless WITHOUT_SPACES. */
char   *rk_text_fold       (const char *text,
                            gboolean    without_spaces);

/* The occurrences in [from, to] (cancelled ones included, skipped ones not)
 * of the events matching every word of QUERY in their title, program,
 * venue, room, or the name or kana of someone staffing that occurrence;
 * sorted by start, at most LIMIT (0: no limit). An empty query matches
 * nothing. Array of RkOcc pointing into SCHEDULE. */
GArray *rk_schedule_search (RkSchedule *schedule,
                            const char *query,
                            RkDay       from,
                            RkDay       to,
                            guint       limit,
                            GError    **error);

G_END_DECLS
