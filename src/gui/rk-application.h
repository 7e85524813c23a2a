#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RK_TYPE_APPLICATION (rk_application_get_type ())

G_DECLARE_FINAL_TYPE (RkApplication, rk_application, RK, APPLICATION, GtkApplication)

/* io.github.renkei.Renkei: one instance; `--db PATH` chooses the database,
 * else the default one ($XDG_DATA_HOME/renkei/renkei.db). */
RkApplication *rk_application_new (void);

/* On X11 without a GPU, the cairo renderer and no GL set-up (unless the
 * person chose otherwise); rk_application_new() calls it. Before GTK starts
 * and before any thread exists. */
void           rk_gui_prefer_cairo_without_gpu (void);

/* Registers the compiled resources and the application style sheet on the
 * default display; the application does it at startup, tests call it
 * after gtk_init(). Safe to call more than once. */
void           rk_gui_init        (void);

G_END_DECLS
