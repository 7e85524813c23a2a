#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"
#include "rk-room.h"
#include "rk-venue.h"

G_BEGIN_DECLS

#define RK_TYPE_ROOM_DIALOG (rk_room_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkRoomDialog, rk_room_dialog, RK, ROOM_DIALOG, GtkWindow)

/* Adds a room to a venue (room NULL) or edits one (as the page listed
 * it): name, capacity and features, one transaction recorded for undo,
 * saved in the context's worker. Emits "saved" (id, message) and closes
 * itself. */
RkRoomDialog *rk_room_dialog_new       (GtkWindow     *parent,
                                        RkContext     *context,
                                        RkVenue       *venue,
                                        RkRoom        *room);
/* Sends the save (FALSE with error when the form is not ready or a save
 * is under way); what came of it shows in the dialog. */
gboolean      rk_room_dialog_save      (RkRoomDialog  *self,
                                        GError       **error);
/* "name", "capacity", "features", "save", "error". */
GtkWidget    *rk_room_dialog_get_field (RkRoomDialog  *self,
                                        const char    *name);

G_END_DECLS
