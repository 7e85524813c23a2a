#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_PROGRAM (rk_program_get_type ())

G_DECLARE_FINAL_TYPE (RkProgram, rk_program, RK, PROGRAM, GObject)

RkProgram  *rk_program_new              (void);

gint64      rk_program_get_id           (RkProgram  *self);
void        rk_program_set_id           (RkProgram  *self,
                                         gint64      id);

const char *rk_program_get_name         (RkProgram  *self);
void        rk_program_set_name         (RkProgram  *self,
                                         const char *name);

int         rk_program_get_duration     (RkProgram  *self);
void        rk_program_set_duration     (RkProgram  *self,
                                         int         duration);

const char *rk_program_get_audience     (RkProgram  *self);
void        rk_program_set_audience     (RkProgram  *self,
                                         const char *audience);

const char *rk_program_get_bring        (RkProgram  *self);
void        rk_program_set_bring        (RkProgram  *self,
                                         const char *bring);

const char *rk_program_get_color        (RkProgram  *self);
void        rk_program_set_color        (RkProgram  *self,
                                         const char *color);

const char *rk_program_get_requirements (RkProgram  *self);
void        rk_program_set_requirements (RkProgram  *self,
                                         const char *requirements);

gint64      rk_program_get_version      (RkProgram  *self);
void        rk_program_set_version      (RkProgram  *self,
                                         gint64      version);

gboolean    rk_program_get_staff_only   (RkProgram  *self);
void        rk_program_set_staff_only   (RkProgram  *self,
                                         gboolean    staff_only);

G_END_DECLS
