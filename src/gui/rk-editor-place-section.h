#pragma once

#include "rk-editor-section.h"

G_BEGIN_DECLS

#define RK_TYPE_EDITOR_PLACE_SECTION (rk_editor_place_section_get_type ())

G_DECLARE_FINAL_TYPE (RkEditorPlaceSection, rk_editor_place_section, RK, EDITOR_PLACE_SECTION,
                      RkEditorSection)

/* Where and with what: the room (listed with its venue and size), the
 * number of people taken, and the equipment booked. */

/* Selects the room (0: none); the capacity is 0 for no limit. */
void       rk_editor_place_section_set_room      (RkEditorPlaceSection *self,
                                                  gint64                room_id);
gint64     rk_editor_place_section_get_room      (RkEditorPlaceSection *self);
void       rk_editor_place_section_set_capacity  (RkEditorPlaceSection *self,
                                                  int                   capacity);
int        rk_editor_place_section_get_capacity  (RkEditorPlaceSection *self);
/* The equipment ticked: ids (gint64). */
void       rk_editor_place_section_set_equipment (RkEditorPlaceSection *self,
                                                  GArray               *items);
GArray    *rk_editor_place_section_get_equipment (RkEditorPlaceSection *self);
/* "room", "capacity", "equipment". */
GtkWidget *rk_editor_place_section_get_field     (RkEditorPlaceSection *self,
                                                  const char           *name);

G_END_DECLS
