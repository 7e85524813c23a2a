#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_EVENT (rk_event_get_type ())

G_DECLARE_FINAL_TYPE (RkEvent, rk_event, RK, EVENT, GObject)

RkEvent    *rk_event_new              (void);

gint64      rk_event_get_id           (RkEvent    *self);
void        rk_event_set_id           (RkEvent    *self,
                                       gint64      id);

gint64      rk_event_get_program_id   (RkEvent    *self);
void        rk_event_set_program_id   (RkEvent    *self,
                                       gint64      program_id);

const char *rk_event_get_program_name (RkEvent    *self);
void        rk_event_set_program_name (RkEvent    *self,
                                       const char *program_name);

const char *rk_event_get_title        (RkEvent    *self);
void        rk_event_set_title        (RkEvent    *self,
                                       const char *title);

const char *rk_event_get_start        (RkEvent    *self);
void        rk_event_set_start        (RkEvent    *self,
                                       const char *start);

const char *rk_event_get_end          (RkEvent    *self);
void        rk_event_set_end          (RkEvent    *self,
                                       const char *end);

gint64      rk_event_get_room_id      (RkEvent    *self);
void        rk_event_set_room_id      (RkEvent    *self,
                                       gint64      room_id);

int         rk_event_get_capacity     (RkEvent    *self);
void        rk_event_set_capacity     (RkEvent    *self,
                                       int         capacity);

const char *rk_event_get_notes        (RkEvent    *self);
void        rk_event_set_notes        (RkEvent    *self,
                                       const char *notes);

const char *rk_event_get_rrule        (RkEvent    *self);
void        rk_event_set_rrule        (RkEvent    *self,
                                       const char *rrule);

const char *rk_event_get_on_holiday   (RkEvent    *self);
void        rk_event_set_on_holiday   (RkEvent    *self,
                                       const char *on_holiday);

gboolean    rk_event_get_tentative    (RkEvent    *self);
void        rk_event_set_tentative    (RkEvent    *self,
                                       gboolean    tentative);

gboolean    rk_event_get_all_day      (RkEvent    *self);
void        rk_event_set_all_day      (RkEvent    *self,
                                       gboolean    all_day);

const char *rk_event_get_uid          (RkEvent    *self);
void        rk_event_set_uid          (RkEvent    *self,
                                       const char *uid);

gint64      rk_event_get_version      (RkEvent    *self);
void        rk_event_set_version      (RkEvent    *self,
                                       gint64      version);

G_END_DECLS
