#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_EQUIPMENT_PAGE (rk_equipment_page_get_type ())

G_DECLARE_FINAL_TYPE (RkEquipmentPage, rk_equipment_page, RK, EQUIPMENT_PAGE, GtkBox)

/* The Equipment page: shared items (scales, baby baths, dolls), where each
 * is kept, and what it is booked for in the coming months; add and rename
 * or move items. Action: equipment.add.
 * Made with its "context" (construct-only), it reloads itself when the
 * context says the stored data changed. */
void        rk_equipment_page_reload       (RkEquipmentPage *self);
gboolean    rk_equipment_page_select       (RkEquipmentPage *self,
                                            gint64           item_id);
gboolean    rk_equipment_page_save         (RkEquipmentPage *self,
                                            GError         **error);
/* The rows shown (RkEquipment). */
GListModel *rk_equipment_page_get_model    (RkEquipmentPage *self);
/* "name", "venue", "save", "error", "bookings_list", "column_view". */
GtkWidget  *rk_equipment_page_get_field    (RkEquipmentPage *self,
                                            const char      *name);

/* The equipment and its bookings are being read by the worker. */
gboolean         rk_equipment_page_is_loading (RkEquipmentPage *self);

G_END_DECLS
