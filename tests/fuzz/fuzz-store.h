#pragma once

/* One scratch SQLite database per fuzzing process, with the demo data (so
 * imports meet names, uids and series to match), and every input run in a
 * transaction that is rolled back: each input sees the same database. */

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "rk-demo.h"
#include "rk-store.h"

static RkStore *
fuzz_store (void)
{
  static RkStore *store;
  static char *dir;

  if (store == NULL)
    {
      g_autofree char *path = NULL;
      GError *error = NULL;

      g_setenv ("RENKEI_TODAY", "2026-11-24", TRUE);
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
      dir = g_dir_make_tmp ("renkei-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "fuzz.db", NULL);
      store = rk_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (rk_store_begin (store, &error));
      g_assert_true (rk_demo_fill (store, rk_store_today (store), &error));
      g_assert_true (rk_store_commit (store, &error));
      g_assert_no_error (error);
    }
  return store;
}
