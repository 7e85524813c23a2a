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
