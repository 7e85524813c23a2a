#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_STAFF (rk_staff_get_type ())

G_DECLARE_FINAL_TYPE (RkStaff, rk_staff, RK, STAFF, GObject)

RkStaff    *rk_staff_new         (void);

gint64      rk_staff_get_id      (RkStaff    *self);
void        rk_staff_set_id      (RkStaff    *self,
                                  gint64      id);

const char *rk_staff_get_name    (RkStaff    *self);
void        rk_staff_set_name    (RkStaff    *self,
                                  const char *name);

const char *rk_staff_get_kana    (RkStaff    *self);
void        rk_staff_set_kana    (RkStaff    *self,
                                  const char *kana);

const char *rk_staff_get_role    (RkStaff    *self);
void        rk_staff_set_role    (RkStaff    *self,
                                  const char *role);

const char *rk_staff_get_org     (RkStaff    *self);
void        rk_staff_set_org     (RkStaff    *self,
                                  const char *org);

const char *rk_staff_get_phone   (RkStaff    *self);
void        rk_staff_set_phone   (RkStaff    *self,
                                  const char *phone);

const char *rk_staff_get_email   (RkStaff    *self);
void        rk_staff_set_email   (RkStaff    *self,
                                  const char *email);

gboolean    rk_staff_get_active  (RkStaff    *self);
void        rk_staff_set_active  (RkStaff    *self,
                                  gboolean    active);

gint64      rk_staff_get_version (RkStaff    *self);
void        rk_staff_set_version (RkStaff    *self,
                                  gint64      version);

G_END_DECLS
