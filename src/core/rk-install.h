#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the programs find their own files with no environment variable:
 * run from the build tree, the build's; installed, beside the executable
 * (<prefix>/bin/renkei → <prefix>/share/…), so that a copy installed under
 * any prefix or DESTDIR finds its translations and settings schema; the
 * configured paths otherwise.  RENKEI_LOCALEDIR still wins. */
char      *rk_install_localedir    (void);

/* Makes the installed settings schema findable when the system's schema
 * folders do not hold it (an install under another prefix or DESTDIR): adds
 * <prefix>/share/glib-2.0/schemas to GSETTINGS_SCHEMA_DIR.  Call before
 * anything reads settings.  Warns when an installed program finds none. */
void       rk_install_find_schemas (const char *schema_id);

G_END_DECLS
