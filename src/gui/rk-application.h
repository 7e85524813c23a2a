#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RK_TYPE_APPLICATION (rk_application_get_type ())

G_DECLARE_FINAL_TYPE (RkApplication, rk_application, RK, APPLICATION, GtkApplication)

/* io.github.renkei.Renkei: one instance; `--db PATH` chooses the database,
 * else the default one ($XDG_DATA_HOME/renkei/renkei.db). */
RkApplication *rk_application_new (void);

/* Registers the compiled resources and the application style sheet on the
 * default display; the application does it at startup, tests call it
 * after gtk_init(). Safe to call more than once. */
void           rk_gui_init        (void);

G_END_DECLS
