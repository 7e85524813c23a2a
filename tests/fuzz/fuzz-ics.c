#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fuzz-store.h"
#include "rk-ical.h"

/* The .ics importer through its public entry, as `renkei-cli import` and
 * the desktop's import dialog call it. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  RkStore *store = fuzz_store ();
  RkImportStats stats = { 0 };
  GError *error = NULL;

  if (!rk_store_begin (store, &error))
    abort ();
  rk_ical_import (store, (const char *) data, size, &stats, &error);
  g_clear_error (&error);
  rk_store_rollback (store);
  return 0;
}
