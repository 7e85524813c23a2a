#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A command that was refused must not leave behind the database file its
 * opening created: removes the SQLite file at path (with its -wal and -shm)
 * when it is a Renkei database holding nothing but its schema and default
 * settings.  Any row in any other table (another process's, say) keeps it.
 * Returns whether the file was removed. */
gboolean   rk_store_remove_unused_file   (const char *path);

G_END_DECLS
