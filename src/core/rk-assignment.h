#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_ASSIGNMENT (rk_assignment_get_type ())

G_DECLARE_FINAL_TYPE (RkAssignment, rk_assignment, RK, ASSIGNMENT, GObject)

RkAssignment *rk_assignment_new            (void);

gint64        rk_assignment_get_id         (RkAssignment *self);
void          rk_assignment_set_id         (RkAssignment *self,
                                            gint64        id);

gint64        rk_assignment_get_event_id   (RkAssignment *self);
void          rk_assignment_set_event_id   (RkAssignment *self,
                                            gint64        event_id);

gint64        rk_assignment_get_staff_id   (RkAssignment *self);
void          rk_assignment_set_staff_id   (RkAssignment *self,
                                            gint64        staff_id);

const char   *rk_assignment_get_staff_name (RkAssignment *self);
void          rk_assignment_set_staff_name (RkAssignment *self,
                                            const char   *staff_name);

const char   *rk_assignment_get_role       (RkAssignment *self);
void          rk_assignment_set_role       (RkAssignment *self,
                                            const char   *role);

const char   *rk_assignment_get_date       (RkAssignment *self);
void          rk_assignment_set_date       (RkAssignment *self,
                                            const char   *date);

gboolean      rk_assignment_get_tentative  (RkAssignment *self);
void          rk_assignment_set_tentative  (RkAssignment *self,
                                            gboolean      tentative);

gint64        rk_assignment_get_version    (RkAssignment *self);
void          rk_assignment_set_version    (RkAssignment *self,
                                            gint64        version);

G_END_DECLS
