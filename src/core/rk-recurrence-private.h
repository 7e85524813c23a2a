#pragma once

/* What the files of the recurrence rules share and nothing else sees:
 *
 *   rk-recurrence.c         rule text: parsing an RRULE into a Rule,
 *                           validating it, building and rewriting rules
 *   rk-recurrence-check.c   part combinations RFC 5545 forbids and rules
 *                           that can never fall on a date
 *   rk-recurrence-fast.c    date arithmetic for the rules people write most
 *   rk-recurrence-expand.c  libical's iterator, the parsed-rule cache, and
 *                           expansion into occurrences
 *   rk-recurrence-words.c   rules described in Japanese or English words
 *
 * RRULE text is read and written in these files alone. */

#include <glib.h>
#include <libical/ical.h>

#include "rk-recurrence.h"

G_BEGIN_DECLS

/* Bounds that keep one call to a fraction of a second.  libical 3.0 on
 * Debian is built with ICU and spends a few microseconds per occurrence. */
#define MAX_COUNT    100000
#define MAX_INTERVAL 1000
#define MAX_STEPS    200000

/* UTC UNTIL values are read in the default database zone (see the header). */
#define UNTIL_ZONE "Asia/Tokyo"

typedef enum
{
  PART_FREQ,
  PART_UNTIL,
  PART_COUNT,
  PART_INTERVAL,
  PART_BYMINUTE,
  PART_BYHOUR,
  PART_BYDAY,
  PART_BYMONTHDAY,
  PART_BYYEARDAY,
  PART_BYWEEKNO,
  PART_BYMONTH,
  PART_BYSETPOS,
  PART_WKST,
  N_PARTS
} Part;

extern const char * const rk_rrule_part_names[N_PARTS];

/* Index 1 = Monday … 7 = Sunday, as rk_day_weekday(). */
extern const char * const rk_rrule_weekday_codes[8];

/* List limits follow libical's fixed arrays, which would silently drop
 * anything beyond them. */
#define MAX_LIST 385

typedef struct
{
  int n;
  int v[MAX_LIST];
} IntList;

typedef struct
{
  guint parts;                  /* 1 << Part for each part given */
  icalrecurrencetype_frequency freq;
  int interval;
  int count;                    /* 0: no COUNT */
  RkMinute until;               /* wall clock, inclusive; -1: no UNTIL */
  gboolean until_is_date;
  int wkst;                     /* 1 = Monday … 7 = Sunday */
  /* Weekly rules with INTERVAL > 1 run shifted (see rule_parse): libical
   * sees dates weekly_shift days earlier, and BYMONTH, UNTIL and COUNT
   * are applied here. */
  gboolean weekly_shifted;
  int weekly_shift;
  int byday_n;
  int byday_ord[MAX_LIST];      /* 0: every such weekday */
  int byday_wd[MAX_LIST];       /* 1 = Monday … 7 = Sunday */
  IntList bymonthday;
  IntList bymonth;
  IntList bysetpos;
  int n_byhour;                 /* list lengths, for bounding BYSETPOS */
  int n_byminute;
  int n_byyearday;
  struct icalrecurrencetype ical;
} Rule;

#define HAS(r, p) (((r)->parts & (1u << (p))) != 0)

static inline gboolean
byday_has_ord (const Rule *r)
{
  for (int i = 0; i < r->byday_n; i++)
    if (r->byday_ord[i] != 0)
      return TRUE;
  return FALSE;
}

/* Parses and checks rrule into r; r->ical is ready for an iterator. */
gboolean  rk_rule_parse              (const char  *rrule,
                                      Rule        *r,
                                      GError     **error);
/* FALSE and the error when libical will not build an iterator for r. */
gboolean  rk_rule_probe              (const Rule  *r,
                                      const char  *rrule,
                                      GError     **error);
/* The "never falls on a date" error; always FALSE. */
gboolean  rk_rule_set_never_error    (GError     **error,
                                      const char  *rrule);
/* Part combinations RFC 5545 forbids or libical gets wrong, and rules
 * that can never produce an occurrence. */
gboolean  rk_rule_check_combinations (const char  *text,
                                      Rule        *r,
                                      GError     **error);
/* The common rules expanded by date arithmetic; FALSE, with nothing
 * appended, for any other rule. */
gboolean  rk_rule_fast_expand        (const Rule  *r,
                                      RkMinute     dtstart,
                                      RkDay        from,
                                      RkDay        to,
                                      GArray      *out);

G_END_DECLS
