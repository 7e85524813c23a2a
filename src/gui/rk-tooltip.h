#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Japanese in a tooltip without a line break after every few characters:
 * GTK 4.8 sizes a tooltip to its text's narrowest wrapping, and Japanese
 * may break between almost any two characters (「メイン/メ/ニュー」). The
 * text with word joiners between characters, breakable only after 、。
 * and at spaces and newlines. Text without CJK is returned as it is. */
char        *rk_tooltip_unbreakable (const char *text);

/* A button's name for screen readers from its tooltip: without a trailing
 * " (Ctrl+N)" key and on one line. NULL for no tooltip. */
char        *rk_tooltip_name        (const char *tooltip);

/* A widget's tooltip given only when asked for (query-tooltip), from text
 * kept on the widget, and its accessible description as
 * gtk_widget_set_tooltip_text sets it: that call makes GTK 4.8 ask the X
 * server where the pointer is (two round trips) each time, also for the
 * same text, which made switching views with hundreds of tooltips slow.
 * NULL or "" for none; the same text again does nothing. */
void         rk_tooltip_set_lazy    (GtkWidget  *widget,
                                     const char *text);

/* The text a widget's tooltip says: its lazy one, else its own tooltip
 * text; NULL for none. */
const char  *rk_tooltip_get_text    (GtkWidget  *widget);

/* Makes every widget's tooltip text unbreakable that way, when shown, and
 * names every button that shows only an icon after its tooltip. */
void         rk_tooltip_install     (void);

G_END_DECLS
