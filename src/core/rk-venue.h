#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RK_TYPE_VENUE (rk_venue_get_type ())

G_DECLARE_FINAL_TYPE (RkVenue, rk_venue, RK, VENUE, GObject)

RkVenue    *rk_venue_new                    (void);

gint64      rk_venue_get_id                 (RkVenue    *self);
void        rk_venue_set_id                 (RkVenue    *self,
                                             gint64      id);

const char *rk_venue_get_name               (RkVenue    *self);
void        rk_venue_set_name               (RkVenue    *self,
                                             const char *name);

const char *rk_venue_get_kind               (RkVenue    *self);
void        rk_venue_set_kind               (RkVenue    *self,
                                             const char *kind);

const char *rk_venue_get_address            (RkVenue    *self);
void        rk_venue_set_address            (RkVenue    *self,
                                             const char *address);

const char *rk_venue_get_contact            (RkVenue    *self);
void        rk_venue_set_contact            (RkVenue    *self,
                                             const char *contact);

gboolean    rk_venue_get_closed_on_holidays (RkVenue    *self);
void        rk_venue_set_closed_on_holidays (RkVenue    *self,
                                             gboolean    closed_on_holidays);

gint64      rk_venue_get_version            (RkVenue    *self);
void        rk_venue_set_version            (RkVenue    *self,
                                             gint64      version);

G_END_DECLS
