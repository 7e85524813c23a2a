#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "rk-timezone.h"

gboolean
rk_timezone_name_valid (const char *name)
{
  const char *dir = g_getenv ("TZDIR");
  g_autofree char *path = NULL;
  struct stat st;
  gboolean segment_start = TRUE;

  if (name == NULL || *name == '\0' || strlen (name) > 64 || !g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name; *p; p++)
    {
      if (*p == '/')
        {
          if (segment_start)
            return FALSE;   /* "//" */
          segment_start = TRUE;
          continue;
        }
      if (segment_start && !g_ascii_isalpha (*p))
        return FALSE;       /* no ".." or "-x" segments */
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+')
        return FALSE;
      segment_start = FALSE;
    }
  if (segment_start)
    return FALSE;
  /* A POSIX rule such as "UTC+9" or "JST-9" is no file of the database:
   * asked for by name only, never parsed as a rule. */
  path = g_build_filename (dir && g_path_is_absolute (dir) ? dir : "/usr/share/zoneinfo", name,
                           NULL);
  return stat (path, &st) == 0 && S_ISREG (st.st_mode);
}

GTimeZone *
rk_timezone_new (const char *name)
{
  if (!rk_timezone_name_valid (name))
    return NULL;
  return g_time_zone_new_identifier (name);
}

/* From CLDR's windowsZones.xml (territory 001), the zones a Japanese
 * office's partners use. */
static const struct
{
  const char *windows;
  const char *iana;
} windows_zones[] = {
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "China Standard Time", "Asia/Shanghai" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "SE Asia Standard Time", "Asia/Bangkok" },
  { "India Standard Time", "Asia/Kolkata" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "Hawaiian Standard Time", "Pacific/Honolulu" },
  { "Alaskan Standard Time", "America/Anchorage" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Mountain Standard Time", "America/Denver" },
  { "Central Standard Time", "America/Chicago" },
  { "Eastern Standard Time", "America/New_York" },
  { "GMT Standard Time", "Europe/London" },
  { "Greenwich Standard Time", "Atlantic/Reykjavik" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Central European Standard Time", "Europe/Warsaw" },
  { "E. Europe Standard Time", "Europe/Chisinau" },
  { "FLE Standard Time", "Europe/Kiev" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "UTC", "UTC" },
  { "Coordinated Universal Time", "UTC" },
};

/* Outlook's labels name the zone's cities: "(UTC+09:00) Osaka, Sapporo, Tokyo". */
static const struct
{
  const char *city;
  const char *iana;
} label_cities[] = {
  { "Tokyo", "Asia/Tokyo" },      { "Seoul", "Asia/Seoul" },
  { "Beijing", "Asia/Shanghai" }, { "Taipei", "Asia/Taipei" },
  { "Eastern Time", "America/New_York" }, { "Central Time", "America/Chicago" },
  { "Mountain Time", "America/Denver" },  { "Pacific Time", "America/Los_Angeles" },
  { "London", "Europe/London" },  { "Berlin", "Europe/Berlin" },
  { "Paris", "Europe/Paris" },    { "Sydney", "Australia/Sydney" },
  { "Coordinated Universal Time", "UTC" },
};

const char *
rk_timezone_from_windows (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (name, windows_zones[i].windows) == 0)
      return windows_zones[i].iana;
  if (g_str_has_prefix (name, "(UTC") || g_str_has_prefix (name, "(GMT"))
    for (guint i = 0; i < G_N_ELEMENTS (label_cities); i++)
      if (strstr (name, label_cities[i].city))
        return label_cities[i].iana;
  return NULL;
}
