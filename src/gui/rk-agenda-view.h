#pragma once

#include <gtk/gtk.h>

#include "rk-month-data.h"

G_BEGIN_DECLS

#define RK_TYPE_AGENDA_VIEW (rk_agenda_view_get_type ())

G_DECLARE_FINAL_TYPE (RkAgendaView, rk_agenda_view, RK, AGENDA_VIEW, GtkWidget)

/* The month's occurrences as a table (GtkColumnView of RkOccurrence):
 * time, title, venue and room, staffing and problems; filtered by venue,
 * program and staff member and by a search over titles and notes. */
GtkWidget  *rk_agenda_view_new           (void);
/* Keeps the month; its rows are built when the view is mapped or its model
 * is asked for, so months switched through while it is hidden cost nothing. */
void        rk_agenda_view_set_data      (RkAgendaView *self,
                                          RkMonthData  *data);
/* Shows the search bar and focuses its entry. */
void        rk_agenda_view_start_search  (RkAgendaView *self);
void        rk_agenda_view_set_search    (RkAgendaView *self,
                                          const char   *text);
/* Filters by id, 0 for all. */
void        rk_agenda_view_set_filters   (RkAgendaView *self,
                                          gint64        venue_id,
                                          gint64        program_id,
                                          gint64        staff_id);
/* The RkOccurrence rows left after filtering. */
GListModel *rk_agenda_view_get_model     (RkAgendaView *self);

G_END_DECLS
