#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_PROBLEM (rk_problem_get_type ())

G_DECLARE_FINAL_TYPE (RkProblem, rk_problem, RK, PROBLEM, GObject)

RkProblem    *rk_problem_new              (void);

const char   *rk_problem_get_kind         (RkProblem  *self);
void          rk_problem_set_kind         (RkProblem  *self,
                                           const char *kind);

const char   *rk_problem_get_date         (RkProblem  *self);
void          rk_problem_set_date         (RkProblem  *self,
                                           const char *date);

const char   *rk_problem_get_message      (RkProblem  *self);
void          rk_problem_set_message      (RkProblem  *self,
                                           const char *message);

gint64        rk_problem_get_staff_id     (RkProblem  *self);
void          rk_problem_set_staff_id     (RkProblem  *self,
                                           gint64      staff_id);

gint64        rk_problem_get_room_id      (RkProblem  *self);
void          rk_problem_set_room_id      (RkProblem  *self,
                                           gint64      room_id);

gint64        rk_problem_get_equipment_id (RkProblem  *self);
void          rk_problem_set_equipment_id (RkProblem  *self,
                                           gint64      equipment_id);

const char   *rk_problem_get_role         (RkProblem  *self);
void          rk_problem_set_role         (RkProblem  *self,
                                           const char *role);

int           rk_problem_get_needed       (RkProblem  *self);
void          rk_problem_set_needed       (RkProblem  *self,
                                           int         needed);

int           rk_problem_get_assigned     (RkProblem  *self);
void          rk_problem_set_assigned     (RkProblem  *self,
                                           int         assigned);

const GArray *rk_problem_get_event_ids    (RkProblem  *self);
void          rk_problem_add_event_id     (RkProblem  *self,
                                           gint64      event_id);

G_END_DECLS
