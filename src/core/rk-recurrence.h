#pragma once

#include <glib.h>

#include "rk-time.h"

G_BEGIN_DECLS

/* Repeating events as RFC 5545 RRULE values, expanded by libical's
 * recurrence iterator.
 *
 * Times are floating wall-clock times in the database's time zone; the
 * expansion runs on floating times, so "every month on the first Sunday
 * at 10:00" stays at 10:00.
 *
 * Semantics (the same as python-dateutil's rrule, which is what other
 * calendar software is usually checked against):
 *  - dtstart is an occurrence only when it matches the rule.  RFC 5545 calls
 *    a DTSTART that does not match its rule "undefined"; libical 3.0 and
 *    dateutil both leave it out, and so do we.  COUNT counts the occurrences
 *    actually produced, from dtstart on (never from the queried range).
 *  - UNTIL is inclusive.  A date-only UNTIL (UNTIL=20270331) includes every
 *    occurrence on that day, whatever its time: "until 31 March" means the
 *    event on 31 March still happens.  (dateutil would read it as midnight.)
 *    A UTC UNTIL (…T145959Z) is converted to Asia/Tokyo wall-clock time, the
 *    default database zone.
 *  - FREQ is DAILY, WEEKLY, MONTHLY or YEARLY; events do not repeat within
 *    a day by frequency, and BYSECOND is refused (times are whole minutes).
 *    BYHOUR and BYMINUTE are accepted.  Rule combinations RFC 5545 forbids
 *    (BYMONTHDAY with WEEKLY, ordinal BYDAY outside MONTHLY/YEARLY, COUNT
 *    with UNTIL, …), repeated list values, and rules that can never produce
 *    an occurrence (BYMONTHDAY=31;BYMONTH=2, BYDAY=1MO;BYMONTHDAY=20,
 *    BYDAY=MO;BYSETPOS=6) are refused by rk_rrule_validate() and by
 *    everything that takes a rule.
 *  - Where libical 3.0.16 disagrees with RFC 5545 the rule is either
 *    rewritten for it (YEARLY;BYMONTHDAY without BYMONTH means every month;
 *    WEEKLY with INTERVAL > 1 is run with weeks moved to start on Sunday, as
 *    libical ignores WKST there; WEEKLY with BYDAY and BYSETPOS becomes the
 *    weekdays BYSETPOS picks from each week's set in WKST order — dateutil
 *    instead cuts the first week's set at a mid-week dtstart) or refused:
 *    BYWEEKNO, BYSETPOS with WEEKLY and BYMONTH or without BYDAY,
 *    negative BYMONTHDAY with DAILY, a YEARLY BYDAY position with
 *    BYMONTHDAY but no BYMONTH, and combinations libical will not build an
 *    iterator for (BYYEARDAY with BYMONTH).
 *  - A valid rule that cannot occur from a particular dtstart (every third
 *    month from January with BYMONTH=2) expands to nothing, without error.
 *  - libical stops searching in the year 2582: a series whose COUNT reaches
 *    further has rk_rrule_last_start() -1. */

/* Validates an RRULE value, with or without an "RRULE:" prefix; part names
 * and values are case-insensitive.  Errors are RK_ERROR_INVALID with a
 * translated message naming the problem and an example. */
gboolean  rk_rrule_validate  (const char  *rrule,
                              GError     **error);

/* Appends to out (a GArray of RkMinute) the starts of the occurrences of the
 * series that begins at dtstart whose start day lies in [from, to]
 * (inclusive), in increasing order.  Rules without COUNT skip straight to
 * from; rules with COUNT are counted from dtstart. */
gboolean  rk_rrule_expand    (const char  *rrule,
                              RkMinute     dtstart,
                              RkDay        from,
                              RkDay        to,
                              GArray      *out,
                              GError     **error);

/* The start of the last occurrence of a finite series (COUNT or UNTIL), or
 * -1 when the series is infinite or the rule invalid (so a range index
 * treats it as open-ended).  A finite series with no occurrence at all
 * gives dtstart, keeping [dtstart, last] a well-formed range. */
RkMinute  rk_rrule_last_start (const char *rrule,
                               RkMinute    dtstart);

/* The start of the first occurrence of the series, or -1 when it has none
 * (UNTIL before dtstart, a rule that never meets its months from this
 * start, an invalid rule): such a rule would make an event vanish. */
RkMinute  rk_rrule_first_start (const char *rrule,
                                RkMinute    dtstart);

/* Human wording for the editor, agenda and prints, in Japanese
 * ("毎月 第1日曜日（12回）") or English ("Monthly on the first Sunday,
 * 12 times").  Rules it cannot word come back as the raw text. */
char     *rk_rrule_describe  (const char *rrule,
                              RkMinute    dtstart,
                              gboolean    japanese);

/* Rules from editor choices.  weekday: 1 = Monday … 7 = Sunday;
 * nth: 1…5, or -1 for the last; interval >= 1 (0 is taken as 1);
 * count 0 means no COUNT.  Example:
 * rk_rrule_build_monthly_nth_weekday (1, 7, 1, 0) → "FREQ=MONTHLY;BYDAY=1SU". */
char     *rk_rrule_build_monthly_nth_weekday (int nth,
                                              int weekday,
                                              int interval,
                                              int count);
/* weekdays may be unsorted and repeat; none means dtstart's weekday.
 * rk_rrule_build_weekly ((int[]) { 4, 2 }, 2, 1, 0) → "FREQ=WEEKLY;BYDAY=TU,TH". */
char     *rk_rrule_build_weekly              (const int *weekdays,
                                              int        n_weekdays,
                                              int        interval,
                                              int        count);

/* "FREQ=DAILY" every interval days. */
char     *rk_rrule_build_daily               (int interval,
                                              int count);
/* Monthly on day's day of the month: "FREQ=MONTHLY;BYMONTHDAY=15". */
char     *rk_rrule_build_monthly_day         (RkDay day,
                                              int   interval,
                                              int   count);
/* Monthly on day's weekday where day stands among them: the nth (a fifth is
 * taken as the fourth, which every month has) or, with last, the last. */
char     *rk_rrule_build_monthly_weekday     (RkDay    day,
                                              gboolean last,
                                              int      interval,
                                              int      count);

/* The rule without its COUNT and UNTIL. */
char     *rk_rrule_without_end (const char *rrule);
/* The rule ending after the day until (when not 0), else after count
 * occurrences (when > 0), else never; the end goes last, as the rules of
 * the editor's choices and of series edits have it. */
char     *rk_rrule_with_end    (const char *rrule,
                                RkDay       until,
                                int         count);

/* A rule read as the editor's choices, for a series whose first date is
 * day (0 when unknown). */
typedef enum
{
  RK_RRULE_FREQ_OTHER,
  RK_RRULE_FREQ_DAILY,
  RK_RRULE_FREQ_WEEKLY,
  RK_RRULE_FREQ_MONTHLY,
} RkRruleFreq;

typedef enum
{
  RK_RRULE_MONTHLY_UNMATCHED,   /* neither of the choices below */
  RK_RRULE_MONTHLY_DAY,         /* on day's day of the month */
  RK_RRULE_MONTHLY_NTH,         /* on day's weekday, the nth (the fifth: the fourth) */
  RK_RRULE_MONTHLY_LAST,        /* on day's weekday, the last */
} RkRruleMonthly;

typedef struct
{
  RkRruleFreq    freq;       /* OTHER: none of the choices fits */
  RkRruleMonthly monthly;    /* MONTHLY: which choice */
  guint          weekdays;   /* WEEKLY: bit 1 = Monday … bit 7 = Sunday; day's
                              * weekday when the rule names none */
  int            interval;   /* as written (1 when not) */
  int            count;      /* 0: no COUNT */
  RkDay          until;      /* 0: no UNTIL */
  gboolean       exact;      /* the choices say all of the rule */
} RkRruleChoices;

void      rk_rrule_read_choices (const char     *rrule,
                                 RkDay           day,
                                 RkRruleChoices *out);

/* The rule with its UTC UNTIL (…T045959Z) written as the wall clock of tz
 * (…T235959), for a series that repeats in tz; NULL when it has none. */
char     *rk_rrule_until_in_zone (const char *rrule,
                                  GTimeZone  *tz);

/* Where day stands among the same weekdays of its month: 1 for the first
 * Sunday … 5 for a fifth; *last (may be NULL) whether no later one follows
 * in the month. */
int       rk_day_weekday_nth                 (RkDay     day,
                                              gboolean *last);

/* Rules as series edits change them. */
/* The rule cut so that its last occurrence is on or before last_day
 * (COUNT and UNTIL replaced by UNTIL). NULL on a malformed rule. */
char     *rk_rrule_with_until  (const char *rrule, RkDay last_day);
/* The rule with COUNT set to count (UNTIL dropped). */
char     *rk_rrule_with_count  (const char *rrule, int count);
/* COUNT of a rule, 0 when it has none. */
int       rk_rrule_get_count   (const char *rrule);
/* The rule of a series moved so that an occurrence lands on to_day: "the
 * first Sunday" becomes "the second Tuesday", "every Monday" "every
 * Wednesday", "on the 5th" "on the 8th". Rules of other shapes (several
 * weekdays, yearly, daily) come back unchanged. */
char     *rk_rrule_moved_to    (const char *rrule, RkDay to_day);

G_END_DECLS
