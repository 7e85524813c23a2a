#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RK_ERROR (rk_error_quark ())

/* The codes map onto renkei-cli's exit codes: everything but RK_ERROR_DATABASE
 * is the person's input (exit 2), RK_ERROR_DATABASE means the file cannot be
 * used (exit 3). */
typedef enum
{
  RK_ERROR_INVALID,    /* malformed value, rule violated */
  RK_ERROR_NOT_FOUND,  /* an id that does not exist */
  RK_ERROR_DUPLICATE,  /* a unique name taken */
  RK_ERROR_STALE,      /* the row was changed by someone else */
  RK_ERROR_DATABASE,   /* not a Renkei database, corrupt, newer, locked */
} RkError;

GQuark rk_error_quark (void);

G_END_DECLS
