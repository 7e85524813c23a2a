#pragma once

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_CONNECTION_BAR (rk_connection_bar_get_type ())

G_DECLARE_FINAL_TYPE (RkConnectionBar, rk_connection_bar, RK, CONNECTION_BAR, GtkWidget)

/* A bar over the top of the window while the database server cannot be
 * reached: "Cannot reach the server — reconnecting". It does not block
 * anything: what is shown stays readable and an open editor keeps what was
 * typed; it goes away by itself when the context's worker is connected
 * again. Made with its construct-only "context". */
gboolean rk_connection_bar_get_shown (RkConnectionBar *self);

G_END_DECLS
