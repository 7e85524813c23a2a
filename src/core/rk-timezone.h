#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Time zones by name, from what people type (settings) and what files say
 * (an .ics TZID).  A name is an IANA zone of the system's tz database
 * ("Asia/Tokyo", "America/New_York", "UTC"); never a path, never a POSIX
 * TZ string such as "UTC+9" (whose sign is the reverse of what it seems),
 * and nothing is opened but a regular file of the tz database. */

/* Is name an IANA zone of the tz database? */
gboolean    rk_timezone_name_valid   (const char *name);
/* The zone, or NULL when name is not one. */
GTimeZone  *rk_timezone_new          (const char *name);
/* The IANA zone of a Windows zone name ("Tokyo Standard Time", as Outlook
 * and Exchange write TZID), or of Outlook's "(UTC+09:00) Osaka, Sapporo,
 * Tokyo" labels; NULL when unknown. */
const char *rk_timezone_from_windows (const char *name);

G_END_DECLS
