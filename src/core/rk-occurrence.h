#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_OCCURRENCE (rk_occurrence_get_type ())

G_DECLARE_FINAL_TYPE (RkOccurrence, rk_occurrence, RK, OCCURRENCE, GObject)

RkOccurrence *rk_occurrence_new               (void);

gint64        rk_occurrence_get_event_id      (RkOccurrence *self);
void          rk_occurrence_set_event_id      (RkOccurrence *self,
                                               gint64        event_id);

const char   *rk_occurrence_get_date          (RkOccurrence *self);
void          rk_occurrence_set_date          (RkOccurrence *self,
                                               const char   *date);

const char   *rk_occurrence_get_start         (RkOccurrence *self);
void          rk_occurrence_set_start         (RkOccurrence *self,
                                               const char   *start);

const char   *rk_occurrence_get_end           (RkOccurrence *self);
void          rk_occurrence_set_end           (RkOccurrence *self,
                                               const char   *end);

const char   *rk_occurrence_get_title         (RkOccurrence *self);
void          rk_occurrence_set_title         (RkOccurrence *self,
                                               const char   *title);

gint64        rk_occurrence_get_program_id    (RkOccurrence *self);
void          rk_occurrence_set_program_id    (RkOccurrence *self,
                                               gint64        program_id);

const char   *rk_occurrence_get_program_name  (RkOccurrence *self);
void          rk_occurrence_set_program_name  (RkOccurrence *self,
                                               const char   *program_name);

const char   *rk_occurrence_get_color         (RkOccurrence *self);
void          rk_occurrence_set_color         (RkOccurrence *self,
                                               const char   *color);

gint64        rk_occurrence_get_room_id       (RkOccurrence *self);
void          rk_occurrence_set_room_id       (RkOccurrence *self,
                                               gint64        room_id);

const char   *rk_occurrence_get_room_name     (RkOccurrence *self);
void          rk_occurrence_set_room_name     (RkOccurrence *self,
                                               const char   *room_name);

gint64        rk_occurrence_get_venue_id      (RkOccurrence *self);
void          rk_occurrence_set_venue_id      (RkOccurrence *self,
                                               gint64        venue_id);

const char   *rk_occurrence_get_venue_name    (RkOccurrence *self);
void          rk_occurrence_set_venue_name    (RkOccurrence *self,
                                               const char   *venue_name);

const char   *rk_occurrence_get_status        (RkOccurrence *self);
void          rk_occurrence_set_status        (RkOccurrence *self,
                                               const char   *status);

const char   *rk_occurrence_get_moved_from    (RkOccurrence *self);
void          rk_occurrence_set_moved_from    (RkOccurrence *self,
                                               const char   *moved_from);

const char   *rk_occurrence_get_reason        (RkOccurrence *self);
void          rk_occurrence_set_reason        (RkOccurrence *self,
                                               const char   *reason);

const char   *rk_occurrence_get_staffing      (RkOccurrence *self);
void          rk_occurrence_set_staffing      (RkOccurrence *self,
                                               const char   *staffing);

int           rk_occurrence_get_problem_count (RkOccurrence *self);
void          rk_occurrence_set_problem_count (RkOccurrence *self,
                                               int           problem_count);

const char   *rk_occurrence_get_audience      (RkOccurrence *self);
void          rk_occurrence_set_audience      (RkOccurrence *self,
                                               const char   *audience);

const char   *rk_occurrence_get_notes         (RkOccurrence *self);
void          rk_occurrence_set_notes         (RkOccurrence *self,
                                               const char   *notes);
gboolean      rk_occurrence_get_all_day       (RkOccurrence *self);
void          rk_occurrence_set_all_day       (RkOccurrence *self,
                                               gboolean      all_day);

G_END_DECLS
