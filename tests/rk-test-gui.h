#pragma once

#include "rk-test-util.h"
#include "rk-window.h"

/* For the desktop's tests. */

static inline gboolean
rk_test_month_filled (gpointer window)
{
  return !rk_window_is_loading (window);
}

/* A month switch shows the new grid at once and fills it when the
 * context's worker has read the month: waits for that. */
#define rk_test_wait_month(window) \
  g_assert_true (rk_test_wait_for (rk_test_month_filled, window, 20))

/* The widget as it is drawn now, into a PNG file (screenshots). */
static inline gboolean
rk_test_save_png (GtkWidget *widget, const char *path)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
