#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "rk-recurrence.h"
#include "rk-time.h"

/* The RRULE parser and the expansion, last and first starts and wording of
 * whatever it accepts.  Input: two bytes choosing the start (a day within
 * some thirty years, a time), then the rule's text. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *rule = NULL;
  g_autoptr(GArray) out = NULL;
  GError *error = NULL;
  RkDay base = rk_day_from_ymd (2026, 1, 1);
  RkMinute dtstart;

  if (size < 2 || size > 4096)
    return 0;
  dtstart = rk_minute_make (base + (RkDay) (data[0] * 43 % 11000) - 1000,
                            (data[1] % 96) * 15);
  rule = g_strndup ((const char *) data + 2, size - 2);
  if (!rk_rrule_validate (rule, &error))
    {
      if (error == NULL || error->message == NULL || *error->message == '\0')
        abort ();
      g_clear_error (&error);
      return 0;
    }
  out = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  if (rk_rrule_expand (rule, dtstart, rk_minute_day (dtstart), rk_minute_day (dtstart) + 400,
                       out, &error))
    for (guint i = 1; i < out->len; i++)
      if (g_array_index (out, RkMinute, i) <= g_array_index (out, RkMinute, i - 1))
        abort ();  /* occurrences come in increasing order */
  g_clear_error (&error);
  {
    RkMinute first = rk_rrule_first_start (rule, dtstart);
    RkMinute last = rk_rrule_last_start (rule, dtstart);

    if (first >= 0 && first < dtstart)
      abort ();
    if (first >= 0 && last >= 0 && last < first)
      abort ();
  }
  g_free (rk_rrule_describe (rule, dtstart, TRUE));
  g_free (rk_rrule_describe (rule, dtstart, FALSE));
  return 0;
}
