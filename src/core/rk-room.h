#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_ROOM (rk_room_get_type ())

G_DECLARE_FINAL_TYPE (RkRoom, rk_room, RK, ROOM, GObject)

RkRoom     *rk_room_new            (void);

gint64      rk_room_get_id         (RkRoom     *self);
void        rk_room_set_id         (RkRoom     *self,
                                    gint64      id);

gint64      rk_room_get_venue_id   (RkRoom     *self);
void        rk_room_set_venue_id   (RkRoom     *self,
                                    gint64      venue_id);

const char *rk_room_get_venue_name (RkRoom     *self);
void        rk_room_set_venue_name (RkRoom     *self,
                                    const char *venue_name);

const char *rk_room_get_name       (RkRoom     *self);
void        rk_room_set_name       (RkRoom     *self,
                                    const char *name);

int         rk_room_get_capacity   (RkRoom     *self);
void        rk_room_set_capacity   (RkRoom     *self,
                                    int         capacity);

const char *rk_room_get_features   (RkRoom     *self);
void        rk_room_set_features   (RkRoom     *self,
                                    const char *features);

gint64      rk_room_get_version    (RkRoom     *self);
void        rk_room_set_version    (RkRoom     *self,
                                    gint64      version);

G_END_DECLS
