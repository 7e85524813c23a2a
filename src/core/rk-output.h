#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes an export to where a person pointed it, whatever that is:
 *  - "-": standard output;
 *  - a character device or a pipe (/dev/stdout, a FIFO): written into;
 *  - a symbolic link: followed, the file it points to is written (a link
 *    pointing nowhere is refused);
 *  - a new or existing regular file: the whole file or nothing, written
 *    beside it and renamed over it; an existing file keeps its permissions;
 *    a read-only file is refused (even for root);
 *  - a folder, a disk (block device) or a socket: refused.
 * private: the export holds personal data (the staff versions, with phone
 * numbers); the file is made 0600 like the database, whatever it was.
 * Errors are RK_ERROR_INVALID naming the path. */
gboolean   rk_output_write_file   (const char    *path,
                                   const void    *data,
                                   gsize          length,
                                   gboolean       private,
                                   GError       **error);

G_END_DECLS
