#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"
#include "rk-time.h"

G_BEGIN_DECLS

#define RK_TYPE_PLAN_PAGE (rk_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (RkPlanPage, rk_plan_page, RK, PLAN_PAGE, GtkWidget)

/* The views a coordinator plans with, on one page: the week on a time grid,
 * a day (or week) by place and by person, the fiscal year at a glance, and
 * search over all dates. It keeps its own day, reads what it shows from its
 * context's store and reloads itself on the context's "changed"; the
 * window's previous/today/next buttons call rk_plan_page_go() and show its
 * "title". Moves, length changes and room changes made by dragging are
 * saved here through the core's series edit, each one undo step. */
GtkWidget  *rk_plan_page_new        (RkContext  *context);

/* "week", "rooms", "people", "year" or "search". */
void        rk_plan_page_set_view   (RkPlanPage *self,
                                     const char *view);
const char *rk_plan_page_get_view   (RkPlanPage *self);
/* One step back (-1) or forward (1) in the current view: a week, a day (a
 * week when a week is shown by place or person), a year; 0 is today. */
void        rk_plan_page_go         (RkPlanPage *self,
                                     int         direction);
void        rk_plan_page_show_day   (RkPlanPage *self,
                                     RkDay       day,
                                     const char *view);
RkDay       rk_plan_page_get_day    (RkPlanPage *self);
/* The header's text: the week, the day or the year shown. */
const char *rk_plan_page_get_title  (RkPlanPage *self);
void        rk_plan_page_start_search (RkPlanPage *self);
/* The view widget of a name, for tests. */
GtkWidget  *rk_plan_page_get_child  (RkPlanPage *self,
                                     const char *view);
/* Saves a new time for one occurrence (or, with whole, every occurrence of
 * its series on the same time of day) the way a drag does: in the
 * context's worker, one transaction and one undo step, finished with
 * rk_plan_page_edit_finish(). */
void        rk_plan_page_retime_async   (RkPlanPage         *self,
                                         gint64              event_id,
                                         RkDay               orig_date,
                                         RkMinute            start,
                                         RkMinute            end,
                                         gboolean            whole,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
void        rk_plan_page_set_room_async (RkPlanPage         *self,
                                         gint64              event_id,
                                         RkDay               orig_date,
                                         gint64              room_id,
                                         gboolean            whole,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    rk_plan_page_edit_finish    (RkPlanPage         *self,
                                         GAsyncResult       *result,
                                         GError            **error);

/* A month or a year is being read by the store worker. */
gboolean     rk_plan_page_is_loading   (RkPlanPage  *self);

G_END_DECLS
