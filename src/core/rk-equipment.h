#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_EQUIPMENT (rk_equipment_get_type ())

G_DECLARE_FINAL_TYPE (RkEquipment, rk_equipment, RK, EQUIPMENT, GObject)

RkEquipment *rk_equipment_new            (void);

gint64       rk_equipment_get_id         (RkEquipment *self);
void         rk_equipment_set_id         (RkEquipment *self,
                                          gint64       id);

const char  *rk_equipment_get_name       (RkEquipment *self);
void         rk_equipment_set_name       (RkEquipment *self,
                                          const char  *name);

gint64       rk_equipment_get_venue_id   (RkEquipment *self);
void         rk_equipment_set_venue_id   (RkEquipment *self,
                                          gint64       venue_id);

const char  *rk_equipment_get_venue_name (RkEquipment *self);
void         rk_equipment_set_venue_name (RkEquipment *self,
                                          const char  *venue_name);

gint64       rk_equipment_get_version    (RkEquipment *self);
void         rk_equipment_set_version    (RkEquipment *self,
                                          gint64       version);

G_END_DECLS
