#pragma once

#include <gtk/gtk.h>

#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

#define RK_TYPE_ROOM_DIALOG (rk_room_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkRoomDialog, rk_room_dialog, RK, ROOM_DIALOG, GtkWindow)

/* Adds a room to a venue (room_id 0) or edits one: name, capacity and
 * features, one transaction recorded for undo. Emits "saved" (id, message)
 * and closes itself. */
RkRoomDialog *rk_room_dialog_new       (GtkWindow     *parent,
                                        RkStore       *store,
                                        RkUndoStack   *undo,
                                        gint64         venue_id,
                                        gint64         room_id,
                                        GError       **error);
gboolean      rk_room_dialog_save      (RkRoomDialog  *self,
                                        GError       **error);
/* "name", "capacity", "features", "save", "error". */
GtkWidget    *rk_room_dialog_get_field (RkRoomDialog  *self,
                                        const char    *name);

G_END_DECLS
