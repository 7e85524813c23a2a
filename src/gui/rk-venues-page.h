#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_VENUES_PAGE (rk_venues_page_get_type ())

G_DECLARE_FINAL_TYPE (RkVenuesPage, rk_venues_page, RK, VENUES_PAGE, GtkBox)

/* The Places page: hubs and health centres with their address and the
 * public contact line printed for families; their rooms (capacity,
 * features); their closing days (single dates, ranges, a weekday, a span
 * every year such as the New Year) listed and marked on a small calendar;
 * the notice printed on its schedule for the calendar's month.
 * Actions: venues.add, venues.add-room, venues.edit-room.
 * Made with its "context" (construct-only), it reloads itself when the
 * context says the stored data changed. */
/* Re-reads from the store; a venue form with unsaved typing is kept (and
 * marked when someone else changed that venue meanwhile). */
void        rk_venues_page_reload       (RkVenuesPage *self);
gboolean    rk_venues_page_select       (RkVenuesPage *self,
                                         gint64        venue_id);
gint64      rk_venues_page_get_selected (RkVenuesPage *self);
/* What the Save button does. */
gboolean    rk_venues_page_save         (RkVenuesPage *self,
                                         GError      **error);
/* What "Add Closing" does with the fields as they are. */
gboolean    rk_venues_page_add_closing  (RkVenuesPage *self,
                                         GError      **error);
/* What "Save Notice" (remove: "Remove Notice") does: the notice in the
 * field for the place and the calendar's month; an emptied field saved
 * removes it. One undoable step. */
gboolean    rk_venues_page_save_notice  (RkVenuesPage *self,
                                         gboolean      remove,
                                         GError      **error);
/* The room dialog (room_id 0: a new room of the selected venue). */
GtkWidget  *rk_venues_page_open_room    (RkVenuesPage *self,
                                         gint64        room_id);
/* "name", "kind", "address", "contact", "holidays", "save", "stale_bar",
 * "closing_kind", "closing_from", "closing_to", "closing_weekday",
 * "closing_reason", "closing_add", "closing_error", "closing_list",
 * "calendar", "rooms_view", "venue_list", "notice_view", "notice_save",
 * "notice_clear", "notice_error". */
GtkWidget  *rk_venues_page_get_field    (RkVenuesPage *self,
                                         const char   *name);

/* The places, or the month's notice, are being read by the worker. */
gboolean      rk_venues_page_is_loading  (RkVenuesPage  *self);

G_END_DECLS
