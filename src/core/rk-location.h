#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A database location as people may write it: a file path, a PostgreSQL
 * URI (postgresql://user:password@host/db?password=…) or key=value
 * connection words (service=… password='…').  Passwords are found by their
 * text alone, without libpq, so that a location libpq cannot read (a bad
 * parameter, a bad %-escape, an @ or / inside the password) is masked all
 * the same: when in doubt, more is masked, never less. */

/* The location with every password in it written "***". */
char      *rk_location_mask     (const char *location);

/* Whether the location's text holds a password in any form. */
gboolean   rk_location_has_password (const char *location);

/* The passwords the location carries, each as written and decoded (%xx,
 * quotes and backslashes), and the pieces of each between @ / ? & : # =;
 * NULL-terminated, empty when there are none. */
char     **rk_location_secrets  (const char *location);

/* Whether value is one of the location's passwords, whole, as written or
 * decoded. */
gboolean   rk_location_is_password (const char *location,
                                    const char *value);

/* message with the location written as rk_location_mask() writes it and
 * any password of it that still shows replaced by "***". */
char      *rk_location_scrub    (const char *location,
                                 const char *message);

G_END_DECLS
