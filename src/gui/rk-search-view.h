#pragma once

#include <gtk/gtk.h>

#include "rk-store-worker.h"

G_BEGIN_DECLS

#define RK_TYPE_SEARCH_VIEW (rk_search_view_get_type ())

G_DECLARE_FINAL_TYPE (RkSearchView, rk_search_view, RK, SEARCH_VIEW, GtkWidget)

/* Search over all dates: by title, program, venue, room, or the name or
 * kana of a person on the occurrence (「さとう」 finds 佐藤). Results are
 * listed by date under a heading per month, from any year; activating one
 * opens it (win.open-occurrence) and emits ::occurrence-activated. */
GtkWidget  *rk_search_view_new         (void);
/* Where the first search reads every event (meanwhile the status line
 * says so beside a spinner, and what is typed is searched when they
 * arrive). */
void        rk_search_view_set_worker  (RkSearchView  *self,
                                        RkStoreWorker *worker);
/* That read is on its way. */
gboolean    rk_search_view_is_loading  (RkSearchView  *self);
/* The schedule changed: the next search reads it again. */
void        rk_search_view_invalidate  (RkSearchView *self);
void        rk_search_view_set_query   (RkSearchView *self,
                                        const char   *query);
void        rk_search_view_focus_entry (RkSearchView *self);
GtkWidget  *rk_search_view_get_entry   (RkSearchView *self);
GtkListBox *rk_search_view_get_list    (RkSearchView *self);
/* Results of the last search. */
guint       rk_search_view_get_n_results (RkSearchView *self);
/* Result I's event id and original date. */
void        rk_search_view_get_result  (RkSearchView *self,
                                        guint         i,
                                        gint64       *event_id,
                                        guint        *orig_date,
                                        guint        *day);

G_END_DECLS
