#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <string.h>

#include "rk-error.h"
#include "rk-recurrence.h"

static RkMinute
T (const char *text)
{
  RkMinute t = 0;

  g_assert_true (rk_time_parse (text, &t));
  return t;
}

static RkDay
D (const char *text)
{
  RkDay d = 0;

  g_assert_true (rk_date_parse (text, &d));
  return d;
}

/* The occurrences as "YYYY-MM-DDTHH:MM …", space-separated. */
static char *
expand_text (const char *rrule,
             const char *dtstart,
             const char *from,
             const char *to)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new (NULL);

  g_assert_true (rk_rrule_expand (rrule, T (dtstart), D (from), D (to), out, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < out->len; i++)
    {
      char buf[17];

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, rk_time_format_buf (g_array_index (out, RkMinute, i), buf));
    }
  return g_string_free (s, FALSE);
}

static void
assert_expand (const char *rrule,
               const char *dtstart,
               const char *from,
               const char *to,
               const char *expected)
{
  g_autofree char *got = expand_text (rrule, dtstart, from, to);

  if (g_strcmp0 (got, expected) != 0)
    g_test_message ("%s from %s in [%s, %s]", rrule, dtstart, from, to);
  g_assert_cmpstr (got, ==, expected);
}

static void
assert_last (const char *rrule,
             const char *dtstart,
             const char *expected)
{
  RkMinute last = rk_rrule_last_start (rrule, T (dtstart));
  char buf[17];

  if (expected == NULL)
    g_assert_cmpint (last, ==, -1);
  else
    g_assert_cmpstr (last < 0 ? "-1" : rk_time_format_buf (last, buf), ==, expected);
}

static void
test_monthly_first_sunday_count (void)
{
  /* The brief's example: first Sunday, twelve times, from 4 January 2026. */
  assert_expand ("FREQ=MONTHLY;BYDAY=1SU;COUNT=12", "2026-01-04T10:00",
                 "2026-01-01", "2027-12-31",
                 "2026-01-04T10:00 2026-02-01T10:00 2026-03-01T10:00 2026-04-05T10:00 "
                 "2026-05-03T10:00 2026-06-07T10:00 2026-07-05T10:00 2026-08-02T10:00 "
                 "2026-09-06T10:00 2026-10-04T10:00 2026-11-01T10:00 2026-12-06T10:00");
}

static void
test_monthly_third_wednesday (void)
{
  assert_expand ("FREQ=MONTHLY;BYDAY=3WE", "2026-01-21T13:30", "2026-01-01", "2026-06-30",
                 "2026-01-21T13:30 2026-02-18T13:30 2026-03-18T13:30 2026-04-15T13:30 "
                 "2026-05-20T13:30 2026-06-17T13:30");
}

static void
test_monthly_last_friday (void)
{
  assert_expand ("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30T09:00", "2026-01-01", "2026-06-30",
                 "2026-01-30T09:00 2026-02-27T09:00 2026-03-27T09:00 2026-04-24T09:00 "
                 "2026-05-29T09:00 2026-06-26T09:00");
}

static void
test_monthday_31 (void)
{
  /* Months without a 31st are skipped, not moved to the 30th. */
  assert_expand ("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T18:00", "2026-01-01", "2026-12-31",
                 "2026-01-31T18:00 2026-03-31T18:00 2026-05-31T18:00 2026-07-31T18:00 "
                 "2026-08-31T18:00 2026-10-31T18:00 2026-12-31T18:00");
  /* FREQ=MONTHLY alone repeats DTSTART's day, with the same skipping. */
  assert_expand ("FREQ=MONTHLY", "2026-01-31T18:00", "2026-01-01", "2026-06-30",
                 "2026-01-31T18:00 2026-03-31T18:00 2026-05-31T18:00");
}

static void
test_monthday_last (void)
{
  assert_expand ("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31T18:00", "2027-11-01", "2028-04-30",
                 "2027-11-30T18:00 2027-12-31T18:00 2028-01-31T18:00 2028-02-29T18:00 "
                 "2028-03-31T18:00 2028-04-30T18:00");
}

/* libical ignores BYSETPOS under FREQ=WEEKLY; the week's set is the BYDAY
 * weekdays in WKST order, so it picks fixed weekdays (dates from dateutil). */
static void
test_weekly_setpos (void)
{
  assert_expand ("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=-1", "2026-01-05T10:00", "2026-01-01",
                 "2026-02-28",
                 "2026-01-09T10:00 2026-01-16T10:00 2026-01-23T10:00 2026-01-30T10:00 "
                 "2026-02-06T10:00 2026-02-13T10:00 2026-02-20T10:00 2026-02-27T10:00");
  assert_expand ("FREQ=WEEKLY;WKST=SU;BYDAY=SU,MO,TU;BYSETPOS=1,3;COUNT=6", "2026-01-01T09:30",
                 "2026-01-01", "2026-02-28",
                 "2026-01-04T09:30 2026-01-06T09:30 2026-01-11T09:30 2026-01-13T09:30 "
                 "2026-01-18T09:30 2026-01-20T09:30");
  g_assert_false (rk_rrule_validate ("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=5", NULL));
}

static void
test_last_weekday_setpos (void)
{
  assert_expand ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-30T17:00",
                 "2026-01-01", "2026-12-31",
                 "2026-01-30T17:00 2026-02-27T17:00 2026-03-31T17:00 2026-04-30T17:00 "
                 "2026-05-29T17:00 2026-06-30T17:00 2026-07-31T17:00 2026-08-31T17:00 "
                 "2026-09-30T17:00 2026-10-30T17:00 2026-11-30T17:00 2026-12-31T17:00");
}

static void
test_every_other_month (void)
{
  assert_expand ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA", "2026-01-10T10:00",
                 "2026-01-01", "2026-12-31",
                 "2026-01-10T10:00 2026-03-14T10:00 2026-05-09T10:00 2026-07-11T10:00 "
                 "2026-09-12T10:00 2026-11-14T10:00");
}

static void
test_weekly_tuesday_thursday (void)
{
  assert_expand ("FREQ=WEEKLY;BYDAY=TU,TH", "2026-01-06T15:00", "2026-01-01", "2026-01-31",
                 "2026-01-06T15:00 2026-01-08T15:00 2026-01-13T15:00 2026-01-15T15:00 "
                 "2026-01-20T15:00 2026-01-22T15:00 2026-01-27T15:00 2026-01-29T15:00");
  /* Every other week, from a Monday, on Sundays: the Sunday closing
   * DTSTART's week is the first (libical 3.0 alone would skip it). */
  assert_expand ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "2026-01-05T10:00",
                 "2026-01-01", "2026-02-28",
                 "2026-01-11T10:00 2026-01-25T10:00 2026-02-08T10:00 2026-02-22T10:00");
  /* Every other week: WKST decides which Sunday shares a week with Tuesday. */
  assert_expand ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=SU", "2026-01-06T10:00",
                 "2026-01-01", "2026-01-31",
                 "2026-01-06T10:00 2026-01-18T10:00 2026-01-20T10:00");
  assert_expand ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=MO", "2026-01-06T10:00",
                 "2026-01-01", "2026-01-31",
                 "2026-01-06T10:00 2026-01-11T10:00 2026-01-20T10:00 2026-01-25T10:00");
}

static void
test_until_date (void)
{
  /* A date-only UNTIL keeps the occurrence on that day, whatever its time. */
  assert_expand ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331", "2026-03-03T10:00",
                 "2026-03-01", "2026-04-30",
                 "2026-03-03T10:00 2026-03-10T10:00 2026-03-17T10:00 2026-03-24T10:00 "
                 "2026-03-31T10:00");
  /* UNTIL before DTSTART: nothing. */
  assert_expand ("FREQ=DAILY;UNTIL=20260101", "2026-03-03T10:00", "2026-01-01", "2026-12-31",
                 "");
}

static void
test_until_datetime (void)
{
  assert_expand ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T095900", "2026-03-03T10:00",
                 "2026-03-01", "2026-04-30",
                 "2026-03-03T10:00 2026-03-10T10:00 2026-03-17T10:00 2026-03-24T10:00");
  assert_expand ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T100000", "2026-03-03T10:00",
                 "2026-03-01", "2026-04-30",
                 "2026-03-03T10:00 2026-03-10T10:00 2026-03-17T10:00 2026-03-24T10:00 "
                 "2026-03-31T10:00");
  /* UTC: 01:00Z is 10:00 in Tokyo (included), 00:59Z is 09:59 (not). */
  assert_expand ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T010000Z", "2026-03-24T10:00",
                 "2026-03-01", "2026-04-30", "2026-03-24T10:00 2026-03-31T10:00");
  assert_expand ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T005900Z", "2026-03-24T10:00",
                 "2026-03-01", "2026-04-30", "2026-03-24T10:00");
}

static void
test_count_from_dtstart (void)
{
  /* COUNT counts from DTSTART: a range from October sees the last three. */
  assert_expand ("FREQ=MONTHLY;BYDAY=1SU;COUNT=12", "2026-01-04T10:00",
                 "2026-10-01", "2027-12-31",
                 "2026-10-04T10:00 2026-11-01T10:00 2026-12-06T10:00");
  assert_expand ("FREQ=WEEKLY;COUNT=10", "2026-01-05T10:00", "2026-02-16", "2026-12-31",
                 "2026-02-16T10:00 2026-02-23T10:00 2026-03-02T10:00 2026-03-09T10:00");
  /* A range after the last occurrence is empty. */
  assert_expand ("FREQ=WEEKLY;COUNT=10", "2026-01-05T10:00", "2026-03-10", "2026-12-31", "");
}

static void
test_range_in_long_series (void)
{
  /* Thirty years in, the dates must still be where they belong. */
  assert_expand ("FREQ=WEEKLY;BYDAY=MO", "2000-01-03T09:00", "2030-03-01", "2030-03-31",
                 "2030-03-04T09:00 2030-03-11T09:00 2030-03-18T09:00 2030-03-25T09:00");
  assert_expand ("FREQ=DAILY;INTERVAL=3", "2001-01-01T08:00", "2031-05-01", "2031-05-10",
                 "2031-05-03T08:00 2031-05-06T08:00 2031-05-09T08:00");
  assert_expand ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA", "2011-01-08T10:00",
                 "2036-01-01", "2036-06-30",
                 "2036-01-12T10:00 2036-03-08T10:00 2036-05-10T10:00");
}

static void
test_range_edges (void)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  RkMinute kept = 42;

  /* Both ends are inclusive, by the occurrence's start day. */
  assert_expand ("FREQ=WEEKLY;BYDAY=TU", "2026-01-06T23:30", "2026-01-13", "2026-01-20",
                 "2026-01-13T23:30 2026-01-20T23:30");
  /* A range before DTSTART, or reversed, is empty. */
  assert_expand ("FREQ=WEEKLY;BYDAY=TU", "2026-01-06T23:30", "2025-01-01", "2026-01-05", "");
  assert_expand ("FREQ=WEEKLY;BYDAY=TU", "2026-01-06T23:30", "2026-02-01", "2026-01-01", "");
  /* Occurrences are appended after what the array already holds. */
  g_array_append_val (out, kept);
  g_assert_true (rk_rrule_expand ("FREQ=DAILY;COUNT=2", T ("2026-01-06T10:00"),
                                  D ("2026-01-01"), D ("2026-12-31"), out, NULL));
  g_assert_cmpuint (out->len, ==, 3);
  g_assert_cmpint (g_array_index (out, RkMinute, 0), ==, 42);
  g_assert_cmpint (g_array_index (out, RkMinute, 2), ==, T ("2026-01-07T10:00"));
}

static void
test_yearly (void)
{
  assert_expand ("FREQ=YEARLY", "2026-03-20T10:00", "2026-01-01", "2030-12-31",
                 "2026-03-20T10:00 2027-03-20T10:00 2028-03-20T10:00 2029-03-20T10:00 "
                 "2030-03-20T10:00");
  assert_expand ("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", "2026-05-10T10:00",
                 "2026-01-01", "2028-12-31",
                 "2026-05-10T10:00 2027-05-09T10:00 2028-05-14T10:00");
  assert_expand ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29T10:00",
                 "2024-01-01", "2032-12-31",
                 "2024-02-29T10:00 2028-02-29T10:00 2032-02-29T10:00");
  /* RFC 5545: YEARLY with BYMONTHDAY alone is that day of every month. */
  assert_expand ("FREQ=YEARLY;BYMONTHDAY=10", "2026-01-01T10:00", "2026-01-01", "2026-04-30",
                 "2026-01-10T10:00 2026-02-10T10:00 2026-03-10T10:00 2026-04-10T10:00");
}

static void
test_dtstart_not_matching (void)
{
  /* A Monday DTSTART for "first Sunday": not an occurrence, not counted
   * (libical 3.0 and python-dateutil agree). */
  assert_expand ("FREQ=MONTHLY;BYDAY=1SU;COUNT=3", "2026-01-05T10:00",
                 "2026-01-01", "2026-12-31",
                 "2026-02-01T10:00 2026-03-01T10:00 2026-04-05T10:00");
  assert_last ("FREQ=MONTHLY;BYDAY=1SU;COUNT=3", "2026-01-05T10:00", "2026-04-05T10:00");
}

static void
test_never_occurs (void)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* No February 31st: refused at once instead of searched for. */
  g_assert_false (rk_rrule_expand ("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
                                   T ("2026-01-01T10:00"), D ("2026-01-01"), D ("2030-12-31"),
                                   out, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rk_rrule_validate ("FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31", &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rk_rrule_validate ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);

  /* Valid, but every third month from January never reaches February or
   * May: no occurrence, found without a long search. */
  g_assert_true (rk_rrule_expand ("FREQ=MONTHLY;INTERVAL=3;BYMONTH=2,5;BYDAY=1MO",
                                  T ("2026-01-05T10:00"), D ("2026-01-01"), D ("2030-12-31"),
                                  out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 0);
  g_assert_cmpint (rk_rrule_last_start ("FREQ=MONTHLY;INTERVAL=3;BYMONTH=2,5;BYDAY=1MO;COUNT=3",
                                        T ("2026-01-05T10:00")), ==, T ("2026-01-05T10:00"));
  /* February 29th every fourth year from 2026 never comes either. */
  g_assert_true (rk_rrule_expand ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
                                  T ("2026-02-01T10:00"), D ("2026-01-01"), D ("2040-12-31"),
                                  out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 0);

  g_test_message ("never-occurring rules took %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_invalid_rules (void)
{
  static const char * const invalid[] = {
    "",
    "   ",
    "RRULE:",
    "garbage",
    "BYDAY=1SU;COUNT=12",                     /* FREQ missing */
    "FREQ=MONTHLY;BYDAY=9XX",
    "FREQ=MONTHLY;BYDAY=1XX",
    "FREQ=MONTHLY;BYDAY=6MO",                 /* no sixth Monday */
    "FREQ=MONTHLY;BYDAY=0MO",
    "FREQ=MONTHLY;BYDAY=MO,",
    "FREQ=MONTHLY;BYDAY=",
    "FREQ=FORTNIGHTLY",
    "FREQ=HOURLY",
    "FREQ=MINUTELY;INTERVAL=30",
    "FREQ=MONTHLY;;BYDAY=1SU",
    "FREQ=MONTHLY;FREQ=WEEKLY",
    "FREQ=MONTHLY;COUNT=0",
    "FREQ=MONTHLY;COUNT=-1",
    "FREQ=MONTHLY;COUNT=twelve",
    "FREQ=MONTHLY;INTERVAL=0",
    "FREQ=MONTHLY;BYMONTHDAY=0",
    "FREQ=MONTHLY;BYMONTHDAY=32",
    "FREQ=MONTHLY;BYMONTHDAY=-32",
    "FREQ=YEARLY;BYMONTH=13",
    "FREQ=MONTHLY;BYDAY=1SU;COUNT=12;UNTIL=20270331",
    "FREQ=MONTHLY;UNTIL=2027-03-31",
    "FREQ=MONTHLY;UNTIL=20270231",
    "FREQ=MONTHLY;UNTIL=20270331T250000",
    "FREQ=WEEKLY;BYMONTHDAY=1",                /* RFC 5545 forbids */
    "FREQ=WEEKLY;BYDAY=1MO",                   /* positions need MONTHLY/YEARLY */
    "FREQ=DAILY;BYYEARDAY=1",
    "FREQ=MONTHLY;BYSETPOS=1",                 /* nothing to pick from */
    "FREQ=MONTHLY;BYSECOND=0",
    "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
    "FREQ=DAILY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;X-NAME=1",
    "FREQ=MONTHLY;RSCALE=GREGORIAN",
    "FREQ=MONTHLY;WKST=XX",
    "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
    "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=20",   /* first Monday is day 1 to 7 */
    "FREQ=MONTHLY;BYMONTHDAY=1,1",             /* a value twice */
    "FREQ=MONTHLY;BYDAY=1SU,1SU",
    "FREQ=YEARLY;BYDAY=1MO;BYMONTHDAY=5",      /* needs BYMONTH */
  };
  static const char * const valid[] = {
    "FREQ=MONTHLY;BYDAY=1SU;COUNT=12",
    "RRULE:FREQ=MONTHLY;BYDAY=1SU;COUNT=12",
    "rrule:freq=monthly;byday=1su;count=12",
    "FREQ=MONTHLY;BYDAY=+1SU",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYDAY=20MO",
    "FREQ=YEARLY;BYYEARDAY=-1",
    "FREQ=DAILY;UNTIL=20270331",
    "FREQ=DAILY;UNTIL=20270331T235959",
    "FREQ=DAILY;UNTIL=20270331T145959Z",
    "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0,30",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) expand_error = NULL;
      g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkMinute));

      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (rk_rrule_validate (invalid[i], &error));
      g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
      /* Every message shows a rule that works. */
      g_assert_nonnull (strstr (error->message, "FREQ="));
      g_assert_false (rk_rrule_expand (invalid[i], T ("2026-01-04T10:00"), D ("2026-01-01"),
                                       D ("2026-12-31"), out, &expand_error));
      g_assert_error (expand_error, RK_ERROR, RK_ERROR_INVALID);
      g_assert_cmpuint (out->len, ==, 0);
      g_assert_cmpint (rk_rrule_last_start (invalid[i], T ("2026-01-04T10:00")), ==, -1);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("valid: %s", valid[i]);
      g_assert_true (rk_rrule_validate (valid[i], &error));
      g_assert_no_error (error);
    }
  g_assert_false (rk_rrule_validate (NULL, NULL));
}

static void
test_error_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rk_rrule_validate ("BYDAY=1SU", &error));
  g_assert_nonnull (strstr (error->message, "FREQ"));
  g_assert_nonnull (strstr (error->message, "FREQ=MONTHLY;BYDAY=1SU;COUNT=12"));
  g_clear_error (&error);

  g_assert_false (rk_rrule_validate ("FREQ=MONTHLY;BYDAY=9XX", &error));
  g_assert_nonnull (strstr (error->message, "9XX"));
  g_clear_error (&error);

  g_assert_false (rk_rrule_validate ("FREQ=MONTHLY;COLOR=RED", &error));
  g_assert_nonnull (strstr (error->message, "COLOR"));
  g_clear_error (&error);
}

static void
assert_describe (const char *rrule,
                 const char *dtstart,
                 const char *ja,
                 const char *en)
{
  g_autofree char *got_ja = rk_rrule_describe (rrule, T (dtstart), TRUE);
  g_autofree char *got_en = rk_rrule_describe (rrule, T (dtstart), FALSE);

  g_assert_cmpstr (got_ja, ==, ja);
  g_assert_cmpstr (got_en, ==, en);
}

static void
test_describe (void)
{
  const char *sun = "2026-01-04T10:00";

  assert_describe ("FREQ=MONTHLY;BYDAY=1SU", sun, "毎月 第1日曜日", "Monthly on the first Sunday");
  assert_describe ("FREQ=MONTHLY;BYDAY=1SU;COUNT=12", sun, "毎月 第1日曜日（12回）",
                   "Monthly on the first Sunday, 12 times");
  assert_describe ("FREQ=MONTHLY;BYDAY=3WE", sun, "毎月 第3水曜日",
                   "Monthly on the third Wednesday");
  assert_describe ("FREQ=MONTHLY;BYDAY=-1FR", sun, "毎月 最終金曜日", "Monthly on the last Friday");
  assert_describe ("FREQ=WEEKLY;BYDAY=TU,TH", sun, "毎週 火・木曜日",
                   "Every week on Tuesday and Thursday");
  assert_describe ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", sun, "隔週 月曜日",
                   "Every 2 weeks on Monday");
  assert_describe ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA", sun, "隔月 第2土曜日",
                   "Every 2 months on the second Saturday");
  assert_describe ("FREQ=MONTHLY;BYMONTHDAY=15", sun, "毎月 15日", "Monthly on day 15");
  assert_describe ("FREQ=DAILY", sun, "毎日", "Daily");
  assert_describe ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=20", sun, "毎年 3月20日",
                   "Yearly on March 20");
  assert_describe ("FREQ=MONTHLY;BYDAY=1SU;UNTIL=20270331", sun,
                   "毎月 第1日曜日（2027年3月31日まで）",
                   "Monthly on the first Sunday, until 2027-03-31");
  /* The UTC end of 31 March in Tokyo is 2027-03-31T14:59:59Z. */
  assert_describe ("FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20270331T145959Z", sun,
                   "毎週 月・水・金曜日（2027年3月31日まで）",
                   "Every week on Monday, Wednesday and Friday, until 2027-03-31");
  assert_describe ("FREQ=MONTHLY;BYDAY=2WE,4WE", sun, "毎月 第2・第4水曜日",
                   "Monthly on the second and fourth Wednesday");
  assert_describe ("FREQ=MONTHLY;BYDAY=1MO,3TH", sun, "毎月 第1月曜日・第3木曜日",
                   "Monthly on the first Monday and the third Thursday");
  assert_describe ("FREQ=MONTHLY;BYMONTHDAY=-1", sun, "毎月 末日", "Monthly on the last day");
  assert_describe ("FREQ=MONTHLY;BYMONTHDAY=1,15,-1", sun, "毎月 1・15日・末日",
                   "Monthly on days 1, 15 and the last day");
  assert_describe ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", sun, "毎月 最終平日",
                   "Monthly on the last weekday");
  assert_describe ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", sun, "毎月 第2火曜日",
                   "Monthly on the second Tuesday");
  assert_describe ("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", sun, "毎年 5月 第2日曜日",
                   "Yearly on the second Sunday of May");
  assert_describe ("FREQ=DAILY;INTERVAL=2;COUNT=1", sun, "隔日（1回）", "Every 2 days, once");
  assert_describe ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10", sun, "3か月ごと 10日",
                   "Every 3 months on day 10");
  assert_describe ("FREQ=YEARLY;INTERVAL=2", sun, "隔年 1月4日", "Every 2 years on January 4");
  assert_describe ("FREQ=DAILY;BYDAY=SA,SU", sun, "毎週 土・日曜日",
                   "Every week on Saturday and Sunday");
  /* Without BY parts the rule repeats DTSTART's weekday / day. */
  assert_describe ("FREQ=WEEKLY", sun, "毎週 日曜日", "Every week on Sunday");
  assert_describe ("FREQ=MONTHLY", sun, "毎月 4日", "Monthly on day 4");
  assert_describe ("rrule:freq=monthly;byday=1su", sun, "毎月 第1日曜日",
                   "Monthly on the first Sunday");
}

static void
test_describe_raw (void)
{
  static const char * const raw[] = {
    "FREQ=MONTHLY;BYDAY=-2MO",
    "FREQ=MONTHLY;BYDAY=MO",
    "FREQ=MONTHLY;BYHOUR=9",
    "FREQ=YEARLY;BYMONTHDAY=10",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
    "not a rule",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (raw); i++)
    assert_describe (raw[i], "2026-01-04T10:00", raw[i], raw[i]);
}

static void
test_last_start (void)
{
  assert_last ("FREQ=MONTHLY;BYDAY=1SU;COUNT=12", "2026-01-04T10:00", "2026-12-06T10:00");
  assert_last ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331", "2026-03-03T10:00", "2026-03-31T10:00");
  assert_last ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T095900", "2026-03-03T10:00",
               "2026-03-24T10:00");
  /* A long UNTIL series (the last stretch is looked at first). */
  assert_last ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20400630",
               "2015-01-01T17:00", "2040-06-29T17:00");
  assert_last ("FREQ=YEARLY;INTERVAL=5;BYMONTH=5;BYDAY=2SU;UNTIL=20400101",
               "2005-05-08T10:00", "2035-05-13T10:00");
  assert_last ("FREQ=DAILY;COUNT=1", "2026-01-04T10:00", "2026-01-04T10:00");
  /* Infinite, or unknown: -1. */
  assert_last ("FREQ=MONTHLY;BYDAY=1SU", "2026-01-04T10:00", NULL);
  assert_last ("FREQ=DAILY", "2026-01-04T10:00", NULL);
  assert_last ("FREQ=MONTHLY;BYDAY=9XX;COUNT=3", "2026-01-04T10:00", NULL);
  /* Finite with nothing in it: DTSTART, so the range stays well-formed. */
  assert_last ("FREQ=DAILY;UNTIL=20260101", "2026-03-03T10:00", "2026-03-03T10:00");
}

/* A rule built from choices: as expected, and valid. Frees rule. */
static void
assert_built (char *rule, const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (rule, ==, expected);
  g_assert_true (rk_rrule_validate (rule, &error));
  g_assert_no_error (error);
  g_free (rule);
}

static void
test_build (void)
{
  static const int tue_thu[] = { 4, 2, 4 };
  static const int none[] = { 0 };
  struct
  {
    char *rule;
    const char *expected;
  } built[] = {
    { rk_rrule_build_monthly_nth_weekday (1, 7, 1, 0), "FREQ=MONTHLY;BYDAY=1SU" },
    { rk_rrule_build_monthly_nth_weekday (1, 7, 1, 12), "FREQ=MONTHLY;BYDAY=1SU;COUNT=12" },
    { rk_rrule_build_monthly_nth_weekday (-1, 5, 2, 0), "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR" },
    { rk_rrule_build_monthly_nth_weekday (3, 3, 0, 0), "FREQ=MONTHLY;BYDAY=3WE" },
    { rk_rrule_build_weekly (tue_thu, 3, 1, 0), "FREQ=WEEKLY;BYDAY=TU,TH" },
    { rk_rrule_build_weekly (tue_thu, 2, 2, 10), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10" },
    { rk_rrule_build_weekly (none, 0, 1, 0), "FREQ=WEEKLY" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (built); i++)
    assert_built (built[i].rule, built[i].expected);

  {
    g_autofree char *rule = rk_rrule_build_monthly_nth_weekday (2, 6, 2, 0);
    g_autofree char *ja = rk_rrule_describe (rule, T ("2026-01-10T10:00"), TRUE);

    g_assert_cmpstr (ja, ==, "隔月 第2土曜日");
  }
}

typedef struct
{
  const char *rrule;
  const char *dtstart;
  const char *from;
  const char *to;
  const char *expected;
  const char *last;     /* NULL: infinite */
} ExpandCase;

/* Generated once with python-dateutil 2.9.0 (rrulestr with the same dtstart;
 * a date-only UNTIL given to dateutil as that day's 23:59:59). */
static const ExpandCase dateutil_cases[] = {
  { "FREQ=DAILY;COUNT=5", "2026-01-30T09:00", "2026-01-01", "2026-12-31",
    "2026-01-30T09:00 2026-01-31T09:00 2026-02-01T09:00 2026-02-02T09:00 "
    "2026-02-03T09:00",
    "2026-02-03T09:00" },
  { "FREQ=DAILY;INTERVAL=2;UNTIL=20260215", "2026-02-01T09:00", "2026-01-01", "2026-12-31",
    "2026-02-01T09:00 2026-02-03T09:00 2026-02-05T09:00 2026-02-07T09:00 "
    "2026-02-09T09:00 2026-02-11T09:00 2026-02-13T09:00 2026-02-15T09:00",
    "2026-02-15T09:00" },
  { "FREQ=DAILY;BYDAY=MO,WE,FR;COUNT=7", "2026-01-01T10:00", "2026-01-01", "2026-12-31",
    "2026-01-02T10:00 2026-01-05T10:00 2026-01-07T10:00 2026-01-09T10:00 "
    "2026-01-12T10:00 2026-01-14T10:00 2026-01-16T10:00",
    "2026-01-16T10:00" },
  { "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=1,15", "2026-01-01T10:00", "2026-01-01", "2028-12-31",
    "2026-02-01T10:00 2026-02-15T10:00 2027-02-01T10:00 2027-02-15T10:00 "
    "2028-02-01T10:00 2028-02-15T10:00",
    NULL },
  { "FREQ=DAILY;BYDAY=SA,SU;BYSETPOS=1", "2026-01-01T10:00", "2026-01-01", "2026-01-31",
    "2026-01-03T10:00 2026-01-04T10:00 2026-01-10T10:00 2026-01-11T10:00 "
    "2026-01-17T10:00 2026-01-18T10:00 2026-01-24T10:00 2026-01-25T10:00 "
    "2026-01-31T10:00",
    NULL },
  { "FREQ=DAILY;BYHOUR=9,14;COUNT=5", "2026-01-05T09:00", "2026-01-01", "2026-12-31",
    "2026-01-05T09:00 2026-01-05T14:00 2026-01-06T09:00 2026-01-06T14:00 "
    "2026-01-07T09:00",
    "2026-01-07T09:00" },
  { "FREQ=WEEKLY", "2026-01-07T18:30", "2026-02-01", "2026-02-28",
    "2026-02-04T18:30 2026-02-11T18:30 2026-02-18T18:30 2026-02-25T18:30",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-01-05T10:00", "2026-01-01", "2026-03-31",
    "2026-01-05T10:00 2026-01-19T10:00 2026-02-02T10:00 2026-02-16T10:00 "
    "2026-03-02T10:00 2026-03-16T10:00 2026-03-30T10:00",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,FR;COUNT=9", "2026-01-07T10:00", "2026-01-01", "2026-12-31",
    "2026-01-07T10:00 2026-01-09T10:00 2026-01-26T10:00 2026-01-28T10:00 "
    "2026-01-30T10:00 2026-02-16T10:00 2026-02-18T10:00 2026-02-20T10:00 "
    "2026-03-09T10:00",
    "2026-03-09T10:00" },
  { "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260113T120000", "2026-01-05T12:00", "2026-01-01", "2026-12-31",
    "2026-01-05T12:00 2026-01-06T12:00 2026-01-07T12:00 2026-01-08T12:00 "
    "2026-01-09T12:00 2026-01-12T12:00 2026-01-13T12:00",
    "2026-01-13T12:00" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=SU", "2026-01-06T10:00", "2026-01-01", "2026-02-28",
    "2026-01-06T10:00 2026-01-18T10:00 2026-01-20T10:00 2026-02-01T10:00 "
    "2026-02-03T10:00 2026-02-15T10:00 2026-02-17T10:00",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=MO", "2026-01-06T10:00", "2026-01-01", "2026-02-28",
    "2026-01-06T10:00 2026-01-11T10:00 2026-01-20T10:00 2026-01-25T10:00 "
    "2026-02-03T10:00 2026-02-08T10:00 2026-02-17T10:00 2026-02-22T10:00",
    NULL },
  { "FREQ=WEEKLY;BYMONTH=3,4;BYDAY=TH", "2026-01-01T10:00", "2026-01-01", "2026-12-31",
    "2026-03-05T10:00 2026-03-12T10:00 2026-03-19T10:00 2026-03-26T10:00 "
    "2026-04-02T10:00 2026-04-09T10:00 2026-04-16T10:00 2026-04-23T10:00 "
    "2026-04-30T10:00",
    NULL },
  { "FREQ=WEEKLY;BYDAY=WE;BYHOUR=8;BYMINUTE=15,45;COUNT=4", "2026-01-07T08:15", "2026-01-01", "2026-12-31",
    "2026-01-07T08:15 2026-01-07T08:45 2026-01-14T08:15 2026-01-14T08:45",
    "2026-01-14T08:45" },
  { "FREQ=MONTHLY", "2026-01-31T18:00", "2026-01-01", "2026-12-31",
    "2026-01-31T18:00 2026-03-31T18:00 2026-05-31T18:00 2026-07-31T18:00 "
    "2026-08-31T18:00 2026-10-31T18:00 2026-12-31T18:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=1SU;COUNT=12", "2026-01-04T10:00", "2026-01-01", "2027-12-31",
    "2026-01-04T10:00 2026-02-01T10:00 2026-03-01T10:00 2026-04-05T10:00 "
    "2026-05-03T10:00 2026-06-07T10:00 2026-07-05T10:00 2026-08-02T10:00 "
    "2026-09-06T10:00 2026-10-04T10:00 2026-11-01T10:00 2026-12-06T10:00",
    "2026-12-06T10:00" },
  { "FREQ=MONTHLY;BYDAY=3WE", "2026-01-01T13:30", "2026-01-01", "2026-12-31",
    "2026-01-21T13:30 2026-02-18T13:30 2026-03-18T13:30 2026-04-15T13:30 "
    "2026-05-20T13:30 2026-06-17T13:30 2026-07-15T13:30 2026-08-19T13:30 "
    "2026-09-16T13:30 2026-10-21T13:30 2026-11-18T13:30 2026-12-16T13:30",
    NULL },
  { "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01T09:00", "2026-01-01", "2026-12-31",
    "2026-01-30T09:00 2026-02-27T09:00 2026-03-27T09:00 2026-04-24T09:00 "
    "2026-05-29T09:00 2026-06-26T09:00 2026-07-31T09:00 2026-08-28T09:00 "
    "2026-09-25T09:00 2026-10-30T09:00 2026-11-27T09:00 2026-12-25T09:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=-2MO;COUNT=4", "2026-01-01T09:00", "2026-01-01", "2026-12-31",
    "2026-01-19T09:00 2026-02-16T09:00 2026-03-23T09:00 2026-04-20T09:00",
    "2026-04-20T09:00" },
  { "FREQ=MONTHLY;BYDAY=5FR", "2026-01-01T09:00", "2026-01-01", "2026-12-31",
    "2026-01-30T09:00 2026-05-29T09:00 2026-07-31T09:00 2026-10-30T09:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=1SU,3SU;UNTIL=20260430", "2026-01-01T09:00", "2026-01-01", "2026-12-31",
    "2026-01-04T09:00 2026-01-18T09:00 2026-02-01T09:00 2026-02-15T09:00 "
    "2026-03-01T09:00 2026-03-15T09:00 2026-04-05T09:00 2026-04-19T09:00",
    "2026-04-19T09:00" },
  { "FREQ=MONTHLY;BYDAY=1SU,-1SU", "2026-01-01T09:00", "2026-01-01", "2026-06-30",
    "2026-01-04T09:00 2026-01-25T09:00 2026-02-01T09:00 2026-02-22T09:00 "
    "2026-03-01T09:00 2026-03-29T09:00 2026-04-05T09:00 2026-04-26T09:00 "
    "2026-05-03T09:00 2026-05-31T09:00 2026-06-07T09:00 2026-06-28T09:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-01T18:00", "2026-01-01", "2026-12-31",
    "2026-01-31T18:00 2026-03-31T18:00 2026-05-31T18:00 2026-07-31T18:00 "
    "2026-08-31T18:00 2026-10-31T18:00 2026-12-31T18:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=-1", "2027-11-30T18:00", "2027-11-01", "2028-04-30",
    "2027-11-30T18:00 2027-12-31T18:00 2028-01-31T18:00 2028-02-29T18:00 "
    "2028-03-31T18:00 2028-04-30T18:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=-3;COUNT=3", "2026-01-01T18:00", "2026-01-01", "2026-12-31",
    "2026-01-29T18:00 2026-02-26T18:00 2026-03-29T18:00",
    "2026-03-29T18:00" },
  { "FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=5", "2026-01-01T18:00", "2026-01-01", "2026-12-31",
    "2026-01-01T18:00 2026-01-31T18:00 2026-02-01T18:00 2026-02-28T18:00 "
    "2026-03-01T18:00",
    "2026-03-01T18:00" },
  { "FREQ=MONTHLY;BYMONTHDAY=29", "2027-01-29T10:00", "2027-01-01", "2028-03-31",
    "2027-01-29T10:00 2027-03-29T10:00 2027-04-29T10:00 2027-05-29T10:00 "
    "2027-06-29T10:00 2027-07-29T10:00 2027-08-29T10:00 2027-09-29T10:00 "
    "2027-10-29T10:00 2027-11-29T10:00 2027-12-29T10:00 2028-01-29T10:00 "
    "2028-02-29T10:00 2028-03-29T10:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01T17:00", "2026-01-01", "2026-12-31",
    "2026-01-30T17:00 2026-02-27T17:00 2026-03-31T17:00 2026-04-30T17:00 "
    "2026-05-29T17:00 2026-06-30T17:00 2026-07-31T17:00 2026-08-31T17:00 "
    "2026-09-30T17:00 2026-10-30T17:00 2026-11-30T17:00 2026-12-31T17:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=6", "2026-01-01T17:00", "2026-01-01", "2026-12-31",
    "2026-01-01T17:00 2026-01-30T17:00 2026-02-02T17:00 2026-02-27T17:00 "
    "2026-03-02T17:00 2026-03-31T17:00",
    "2026-03-31T17:00" },
  { "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=2", "2026-01-01T10:00", "2026-01-01", "2026-06-30",
    "2026-01-04T10:00 2026-02-07T10:00 2026-03-07T10:00 2026-04-05T10:00 "
    "2026-05-03T10:00 2026-06-07T10:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=SU;BYSETPOS=2,4", "2026-01-01T10:00", "2026-01-01", "2026-04-30",
    "2026-01-11T10:00 2026-01-25T10:00 2026-02-08T10:00 2026-02-22T10:00 "
    "2026-03-08T10:00 2026-03-22T10:00 2026-04-12T10:00 2026-04-26T10:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=2,4,6,8;BYSETPOS=-2", "2026-01-01T10:00", "2026-01-01", "2026-04-30",
    "2026-01-06T10:00 2026-02-06T10:00 2026-03-06T10:00 2026-04-06T10:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=30,31;BYSETPOS=1", "2026-01-01T10:00", "2026-01-01", "2026-06-30",
    "2026-01-30T10:00 2026-03-30T10:00 2026-04-30T10:00 2026-05-30T10:00 "
    "2026-06-30T10:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2026-01-01T10:00", "2026-01-01", "2028-12-31",
    "2026-02-13T10:00 2026-03-13T10:00 2026-11-13T10:00 2027-08-13T10:00 "
    "2028-10-13T10:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=-1;BYDAY=FR", "2026-01-01T10:00", "2026-01-01", "2027-12-31",
    "2026-07-31T10:00 2027-04-30T10:00 2027-12-31T10:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTH=2,5;BYDAY=1MO", "2026-01-01T10:00", "2026-01-01", "2027-12-31",
    "2026-02-02T10:00 2026-05-04T10:00 2027-02-01T10:00 2027-05-03T10:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", "2026-01-01T10:00", "2026-01-01", "2026-12-31",
    "2026-03-31T10:00 2026-06-30T10:00 2026-09-30T10:00 2026-12-31T10:00",
    NULL },
  { "FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA", "2026-01-10T10:00", "2026-01-01", "2026-12-31",
    "2026-01-10T10:00 2026-03-14T10:00 2026-05-09T10:00 2026-07-11T10:00 "
    "2026-09-12T10:00 2026-11-14T10:00",
    NULL },
  { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=4", "2026-02-15T10:00", "2026-01-01", "2027-12-31",
    "2026-02-15T10:00 2026-05-15T10:00 2026-08-15T10:00 2026-11-15T10:00",
    "2026-11-15T10:00" },
  { "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=14", "2026-01-01T10:00", "2026-01-01", "2026-04-30",
    "2026-01-13T14:00 2026-02-10T14:00 2026-03-10T14:00 2026-04-14T14:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=-1MO,-1TU,-1WE,-1TH,-1FR;BYSETPOS=-1", "2026-01-01T10:00", "2026-01-01", "2026-06-30",
    "2026-01-30T10:00 2026-02-27T10:00 2026-03-31T10:00 2026-04-30T10:00 "
    "2026-05-29T10:00 2026-06-30T10:00",
    NULL },
  { "FREQ=YEARLY", "2026-03-20T10:00", "2026-01-01", "2030-12-31",
    "2026-03-20T10:00 2027-03-20T10:00 2028-03-20T10:00 2029-03-20T10:00 "
    "2030-03-20T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=20;COUNT=3", "2026-01-01T10:00", "2026-01-01", "2030-12-31",
    "2026-03-20T10:00 2027-03-20T10:00 2028-03-20T10:00",
    "2028-03-20T10:00" },
  { "FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", "2026-01-01T10:00", "2026-01-01", "2028-12-31",
    "2026-05-10T10:00 2027-05-09T10:00 2028-05-14T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29T10:00", "2024-01-01", "2036-12-31",
    "2024-02-29T10:00 2028-02-29T10:00 2032-02-29T10:00 2036-02-29T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTH=11;BYDAY=TH;BYSETPOS=4", "2026-01-01T10:00", "2026-01-01", "2029-12-31",
    "2026-11-26T10:00 2027-11-25T10:00 2028-11-23T10:00 2029-11-22T10:00",
    NULL },
  { "FREQ=YEARLY;BYDAY=-1SU", "2026-01-01T10:00", "2026-01-01", "2029-12-31",
    "2026-12-27T10:00 2027-12-26T10:00 2028-12-31T10:00 2029-12-30T10:00",
    NULL },
  { "FREQ=YEARLY;BYDAY=20MO", "2026-01-01T10:00", "2026-01-01", "2029-12-31",
    "2026-05-18T10:00 2027-05-17T10:00 2028-05-15T10:00 2029-05-14T10:00",
    NULL },
  { "FREQ=YEARLY;BYYEARDAY=1,-1;COUNT=4", "2026-01-01T10:00", "2026-01-01", "2030-12-31",
    "2026-01-01T10:00 2026-12-31T10:00 2027-01-01T10:00 2027-12-31T10:00",
    "2027-12-31T10:00" },
  { "FREQ=YEARLY;BYYEARDAY=256", "2026-01-01T10:00", "2026-01-01", "2029-12-31",
    "2026-09-13T10:00 2027-09-13T10:00 2028-09-12T10:00 2029-09-13T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTHDAY=10", "2026-01-01T10:00", "2026-01-01", "2026-06-30",
    "2026-01-10T10:00 2026-02-10T10:00 2026-03-10T10:00 2026-04-10T10:00 "
    "2026-05-10T10:00 2026-06-10T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTHDAY=13;BYDAY=FR", "2026-01-01T10:00", "2026-01-01", "2028-12-31",
    "2026-02-13T10:00 2026-03-13T10:00 2026-11-13T10:00 2027-08-13T10:00 "
    "2028-10-13T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTH=6,12;BYDAY=-1FR", "2026-01-01T10:00", "2026-01-01", "2027-12-31",
    "2026-06-26T10:00 2026-12-25T10:00 2027-06-25T10:00 2027-12-31T10:00",
    NULL },
  { "FREQ=YEARLY;BYMONTH=1;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", "2026-01-01T10:00", "2026-01-01", "2030-12-31",
    "2026-01-01T10:00 2027-01-01T10:00 2028-01-03T10:00 2029-01-01T10:00 "
    "2030-01-01T10:00",
    NULL },
  { "FREQ=YEARLY;INTERVAL=2;BYMONTH=9;BYDAY=3MO;UNTIL=20320101", "2026-01-01T10:00", "2026-01-01", "2035-12-31",
    "2026-09-21T10:00 2028-09-18T10:00 2030-09-16T10:00",
    "2030-09-16T10:00" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "2026-01-05T10:00", "2026-01-01", "2026-03-31",
    "2026-01-11T10:00 2026-01-25T10:00 2026-02-08T10:00 2026-02-22T10:00 "
    "2026-03-08T10:00 2026-03-22T10:00",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,MO,FR;WKST=SA", "2026-01-05T10:00", "2026-01-01", "2026-03-31",
    "2026-01-05T10:00 2026-01-09T10:00 2026-01-25T10:00 2026-01-26T10:00 "
    "2026-01-30T10:00 2026-02-15T10:00 2026-02-16T10:00 2026-02-20T10:00 "
    "2026-03-08T10:00 2026-03-09T10:00 2026-03-13T10:00 2026-03-29T10:00 "
    "2026-03-30T10:00",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=6;BYDAY=MO;WKST=WE", "2026-12-29T15:30", "2026-12-01", "2027-12-31",
    "2027-02-08T15:30 2027-03-22T15:30 2027-05-03T15:30 2027-06-14T15:30 "
    "2027-07-26T15:30 2027-09-06T15:30 2027-10-18T15:30 2027-11-29T15:30",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=6;BYDAY=MO;WKST=WE", "2026-12-29T15:30", "2031-01-01", "2031-02-11",
    "2031-01-06T15:30",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO,FR;BYMONTH=1;WKST=SA", "2026-01-12T10:00", "2026-01-01", "2028-01-31",
    "2026-01-12T10:00 2026-01-16T10:00 2026-01-25T10:00 2026-01-26T10:00 "
    "2026-01-30T10:00 2027-01-01T10:00 2027-01-10T10:00 2027-01-11T10:00 "
    "2027-01-15T10:00 2027-01-24T10:00 2027-01-25T10:00 2027-01-29T10:00 "
    "2028-01-09T10:00 2028-01-10T10:00 2028-01-14T10:00 2028-01-23T10:00 "
    "2028-01-24T10:00 2028-01-28T10:00",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=6;BYDAY=SU;BYMONTH=2,3", "2025-03-11T18:30", "2027-07-11", "2032-06-14",
    "2028-03-12T18:30 2029-02-11T18:30 2029-03-25T18:30 2030-02-24T18:30 "
    "2031-03-09T18:30 2032-02-08T18:30 2032-03-21T18:30",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=7", "2026-01-01T10:00", "2026-01-01", "2026-12-31",
    "2026-01-01T10:00 2026-01-13T10:00 2026-01-15T10:00 2026-01-27T10:00 "
    "2026-01-29T10:00 2026-02-10T10:00 2026-02-12T10:00",
    "2026-02-12T10:00" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYMONTH=3,4;COUNT=5", "2026-01-01T10:00", "2026-01-01", "2027-12-31",
    "2026-03-14T10:00 2026-03-28T10:00 2026-04-11T10:00 2026-04-25T10:00 "
    "2027-03-13T10:00",
    "2027-03-13T10:00" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20260301", "2026-01-05T10:00", "2026-01-01", "2026-12-31",
    "2026-01-11T10:00 2026-01-25T10:00 2026-02-08T10:00 2026-02-22T10:00",
    "2026-02-22T10:00" },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20260301T095900", "2026-01-05T10:00", "2026-01-01", "2026-12-31",
    "2026-01-11T10:00 2026-01-25T10:00 2026-02-08T10:00 2026-02-22T10:00",
    "2026-02-22T10:00" },
  { "FREQ=WEEKLY;INTERVAL=4;BYDAY=WE,SU;WKST=TH;UNTIL=20300101", "2026-01-05T10:00", "2029-11-01", "2030-12-31",
    "2029-11-04T10:00 2029-11-07T10:00 2029-12-02T10:00 2029-12-05T10:00 "
    "2029-12-30T10:00",
    "2029-12-30T10:00" },
  { "FREQ=WEEKLY;BYDAY=MO", "2000-01-03T09:00", "2030-03-01", "2030-03-31",
    "2030-03-04T09:00 2030-03-11T09:00 2030-03-18T09:00 2030-03-25T09:00",
    NULL },
  { "FREQ=DAILY;INTERVAL=3", "2001-01-01T08:00", "2031-05-01", "2031-05-10",
    "2031-05-03T08:00 2031-05-06T08:00 2031-05-09T08:00",
    NULL },
  { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "2010-01-05T10:00", "2035-06-01", "2035-06-30",
    "2035-06-05T10:00 2035-06-07T10:00 2035-06-19T10:00 2035-06-21T10:00",
    NULL },
  { "FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA", "2011-01-08T10:00", "2036-01-01", "2036-12-31",
    "2036-01-12T10:00 2036-03-08T10:00 2036-05-10T10:00 2036-07-12T10:00 "
    "2036-09-13T10:00 2036-11-08T10:00",
    NULL },
  { "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=-1", "2012-01-31T10:00", "2040-01-01", "2042-12-31",
    "2040-05-31T10:00 2040-10-31T10:00 2041-03-31T10:00 2041-08-31T10:00 "
    "2042-01-31T10:00 2042-06-30T10:00 2042-11-30T10:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20400630", "2015-01-01T17:00", "2040-03-01", "2040-12-31",
    "2040-03-30T17:00 2040-04-30T17:00 2040-05-31T17:00 2040-06-29T17:00",
    "2040-06-29T17:00" },
  { "FREQ=YEARLY;INTERVAL=3;BYMONTH=5;BYDAY=2SU", "2005-05-08T10:00", "2040-01-01", "2050-12-31",
    "2041-05-12T10:00 2044-05-08T10:00 2047-05-12T10:00 2050-05-08T10:00",
    NULL },
  { "FREQ=MONTHLY;BYDAY=1SU;COUNT=12", "2026-01-04T10:00", "2026-10-01", "2027-12-31",
    "2026-10-04T10:00 2026-11-01T10:00 2026-12-06T10:00",
    "2026-12-06T10:00" },
  { "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20", "2026-01-06T10:00", "2026-03-01", "2026-12-31",
    "2026-03-03T10:00 2026-03-05T10:00 2026-03-10T10:00 2026-03-12T10:00",
    "2026-03-12T10:00" },
  { "FREQ=DAILY;INTERVAL=7;COUNT=100", "2020-01-01T10:00", "2021-12-01", "2021-12-31",
    "",
    "2021-11-24T10:00" },
  { "FREQ=MONTHLY;BYDAY=1SU;COUNT=3", "2026-01-05T10:00", "2026-01-01", "2026-12-31",
    "2026-02-01T10:00 2026-03-01T10:00 2026-04-05T10:00",
    "2026-04-05T10:00" },
  { "FREQ=WEEKLY;BYDAY=FR;COUNT=2", "2026-01-05T10:00", "2026-01-01", "2026-12-31",
    "2026-01-09T10:00 2026-01-16T10:00",
    "2026-01-16T10:00" },
  { "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1;COUNT=2", "2026-05-01T10:00", "2026-01-01", "2030-12-31",
    "2027-04-01T10:00 2028-04-01T10:00",
    "2028-04-01T10:00" },
  { "FREQ=MONTHLY;BYMONTHDAY=15", "2026-03-15T10:00", "2025-01-01", "2026-05-31",
    "2026-03-15T10:00 2026-04-15T10:00 2026-05-15T10:00",
    NULL },
  { "FREQ=MONTHLY;BYMONTHDAY=15", "2026-03-15T10:00", "2025-01-01", "2026-03-14",
    "",
    NULL },
  { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331", "2026-03-03T10:00", "2026-03-01", "2026-04-30",
    "2026-03-03T10:00 2026-03-10T10:00 2026-03-17T10:00 2026-03-24T10:00 "
    "2026-03-31T10:00",
    "2026-03-31T10:00" },
  { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T095900", "2026-03-03T10:00", "2026-03-01", "2026-04-30",
    "2026-03-03T10:00 2026-03-10T10:00 2026-03-17T10:00 2026-03-24T10:00",
    "2026-03-24T10:00" },
  { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260331T100000", "2026-03-03T10:00", "2026-03-01", "2026-04-30",
    "2026-03-03T10:00 2026-03-10T10:00 2026-03-17T10:00 2026-03-24T10:00 "
    "2026-03-31T10:00",
    "2026-03-31T10:00" },
  { "FREQ=DAILY;UNTIL=20260101", "2026-03-03T10:00", "2026-01-01", "2026-12-31",
    "",
    "2026-03-03T10:00" },
};

static void
test_dateutil_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dateutil_cases); i++)
    {
      const ExpandCase *c = &dateutil_cases[i];

      assert_expand (c->rrule, c->dtstart, c->from, c->to, c->expected);
      assert_last (c->rrule, c->dtstart, c->last);
    }
}

static void
test_many_series_fast (void)
{
  static const char * const rules[] = {
    "FREQ=MONTHLY;BYDAY=1SU",
    "FREQ=MONTHLY;BYDAY=3WE;COUNT=24",
    "FREQ=MONTHLY;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20290331",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=2SA",
  };
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  RkDay from = D ("2026-04-01");
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  /* 500 series that started in 2025, shown six weeks at a time (a month
   * view) ... */
  for (int i = 0; i < 500; i++)
    {
      RkMinute dtstart = rk_minute_make (rk_day_from_ymd (2025, 1 + i % 12, 1 + i % 28), 600);

      g_assert_true (rk_rrule_expand (rules[i % G_N_ELEMENTS (rules)], dtstart, from,
                                      from + 41, out, NULL));
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("500 series, 6-week range: %.1f ms, %u occurrences", elapsed / 1000.0,
                  out->len);
  /* Generous against slow builders and valgrind; a search gone astray
   * takes far longer. */
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);

  /* ... and over five years. */
  g_array_set_size (out, 0);
  start = g_get_monotonic_time ();
  for (int i = 0; i < 500; i++)
    {
      RkMinute dtstart = rk_minute_make (rk_day_from_ymd (2025, 1 + i % 12, 1 + i % 28), 600);

      g_assert_true (rk_rrule_expand (rules[i % G_N_ELEMENTS (rules)], dtstart, from,
                                      from + 5 * 365, out, NULL));
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("500 series, 5-year range: %.1f ms, %u occurrences", elapsed / 1000.0,
                  out->len);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
}

/* The editor's choices, built in core: each parses, and a fifth weekday
 * is taken as the fourth, which every month has. */
static void
test_build_choices (void)
{
  struct
  {
    char *rule;
    const char *expected;
  } built[] = {
    { rk_rrule_build_daily (1, 0), "FREQ=DAILY" },
    { rk_rrule_build_daily (3, 5), "FREQ=DAILY;INTERVAL=3;COUNT=5" },
    { rk_rrule_build_monthly_day (D ("2026-12-15"), 1, 0), "FREQ=MONTHLY;BYMONTHDAY=15" },
    { rk_rrule_build_monthly_day (D ("2026-12-31"), 2, 0), "FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=2" },
    { rk_rrule_build_monthly_weekday (D ("2026-12-10"), FALSE, 1, 0), "FREQ=MONTHLY;BYDAY=2TH" },
    { rk_rrule_build_monthly_weekday (D ("2026-12-31"), FALSE, 1, 0), "FREQ=MONTHLY;BYDAY=4TH" },
    { rk_rrule_build_monthly_weekday (D ("2026-12-31"), TRUE, 1, 0), "FREQ=MONTHLY;BYDAY=-1TH" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (built); i++)
    assert_built (built[i].rule, built[i].expected);
}

/* The end of a rule replaced, and always written last. */
static void
test_with_end (void)
{
  g_autofree char *bare = rk_rrule_without_end ("FREQ=WEEKLY;COUNT=4;BYDAY=MO;UNTIL=20270101");
  g_autofree char *until = rk_rrule_with_end ("FREQ=WEEKLY;COUNT=4;BYDAY=MO", D ("2027-03-31"), 9);
  g_autofree char *count = rk_rrule_with_end ("FREQ=WEEKLY;UNTIL=20270101;BYDAY=MO", 0, 9);
  g_autofree char *never = rk_rrule_with_end ("FREQ=WEEKLY;BYDAY=MO;COUNT=4", 0, 0);

  g_assert_cmpstr (bare, ==, "FREQ=WEEKLY;BYDAY=MO");
  g_assert_cmpstr (until, ==, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270331T235959");
  g_assert_cmpstr (count, ==, "FREQ=WEEKLY;BYDAY=MO;COUNT=9");
  g_assert_cmpstr (never, ==, "FREQ=WEEKLY;BYDAY=MO");
}

/* Rules read as the editor's choices for a first date, or left as text. */
static void
test_read_choices (void)
{
  RkRruleChoices c;

  rk_rrule_read_choices ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10", D ("2026-12-01"), &c);
  g_assert_true (c.exact);
  g_assert_cmpint (c.freq, ==, RK_RRULE_FREQ_WEEKLY);
  g_assert_cmpuint (c.weekdays, ==, (1u << 2) | (1u << 4));
  g_assert_cmpint (c.interval, ==, 2);
  g_assert_cmpint (c.count, ==, 10);

  /* No weekday named: the first date's (a Tuesday). */
  rk_rrule_read_choices ("FREQ=WEEKLY;UNTIL=20270331T235959", D ("2026-12-01"), &c);
  g_assert_true (c.exact);
  g_assert_cmpuint (c.weekdays, ==, 1u << 2);
  g_assert_cmpuint (c.until, ==, D ("2027-03-31"));

  /* 2026-12-31 is the fifth and last Thursday: "4TH" and "-1TH" fit. */
  rk_rrule_read_choices ("FREQ=MONTHLY;BYDAY=4TH", D ("2026-12-31"), &c);
  g_assert_true (c.exact);
  g_assert_cmpint (c.monthly, ==, RK_RRULE_MONTHLY_NTH);
  rk_rrule_read_choices ("FREQ=MONTHLY;BYDAY=-1TH", D ("2026-12-31"), &c);
  g_assert_cmpint (c.monthly, ==, RK_RRULE_MONTHLY_LAST);
  /* …but not on the second Thursday, which is not the last. */
  rk_rrule_read_choices ("FREQ=MONTHLY;BYDAY=-1TH", D ("2026-12-10"), &c);
  g_assert_false (c.exact);
  rk_rrule_read_choices ("FREQ=MONTHLY;BYMONTHDAY=10", D ("2026-12-10"), &c);
  g_assert_true (c.exact);
  g_assert_cmpint (c.monthly, ==, RK_RRULE_MONTHLY_DAY);
  rk_rrule_read_choices ("FREQ=MONTHLY;BYMONTHDAY=11", D ("2026-12-10"), &c);
  g_assert_false (c.exact);

  rk_rrule_read_choices ("FREQ=DAILY;INTERVAL=3", D ("2026-12-10"), &c);
  g_assert_true (c.exact);
  g_assert_cmpint (c.freq, ==, RK_RRULE_FREQ_DAILY);

  /* Beyond the choices: text only. */
  rk_rrule_read_choices ("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1", D ("2026-12-10"), &c);
  g_assert_false (c.exact);
  rk_rrule_read_choices ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=11", D ("2026-12-11"), &c);
  g_assert_false (c.exact);
  rk_rrule_read_choices ("FREQ=WEEKLY;BYDAY=1MO", D ("2026-12-07"), &c);
  g_assert_false (c.exact);
  rk_rrule_read_choices ("FREQ=DAILY;INTERVAL=100", D ("2026-12-07"), &c);
  g_assert_false (c.exact);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/monthly-first-sunday-count", test_monthly_first_sunday_count);
  g_test_add_func ("/recurrence/monthly-third-wednesday", test_monthly_third_wednesday);
  g_test_add_func ("/recurrence/monthly-last-friday", test_monthly_last_friday);
  g_test_add_func ("/recurrence/monthday-31", test_monthday_31);
  g_test_add_func ("/recurrence/monthday-last", test_monthday_last);
  g_test_add_func ("/recurrence/last-weekday-setpos", test_last_weekday_setpos);
  g_test_add_func ("/recurrence/weekly-setpos", test_weekly_setpos);
  g_test_add_func ("/recurrence/every-other-month", test_every_other_month);
  g_test_add_func ("/recurrence/weekly-tuesday-thursday", test_weekly_tuesday_thursday);
  g_test_add_func ("/recurrence/until-date", test_until_date);
  g_test_add_func ("/recurrence/until-datetime", test_until_datetime);
  g_test_add_func ("/recurrence/count-from-dtstart", test_count_from_dtstart);
  g_test_add_func ("/recurrence/range-in-long-series", test_range_in_long_series);
  g_test_add_func ("/recurrence/range-edges", test_range_edges);
  g_test_add_func ("/recurrence/yearly", test_yearly);
  g_test_add_func ("/recurrence/dtstart-not-matching", test_dtstart_not_matching);
  g_test_add_func ("/recurrence/never-occurs", test_never_occurs);
  g_test_add_func ("/recurrence/invalid-rules", test_invalid_rules);
  g_test_add_func ("/recurrence/error-messages", test_error_messages);
  g_test_add_func ("/recurrence/describe", test_describe);
  g_test_add_func ("/recurrence/describe-raw", test_describe_raw);
  g_test_add_func ("/recurrence/last-start", test_last_start);
  g_test_add_func ("/recurrence/build", test_build);
  g_test_add_func ("/recurrence/build-choices", test_build_choices);
  g_test_add_func ("/recurrence/with-end", test_with_end);
  g_test_add_func ("/recurrence/read-choices", test_read_choices);
  g_test_add_func ("/recurrence/dateutil-table", test_dateutil_table);
  g_test_add_func ("/recurrence/many-series-fast", test_many_series_fast);

  return g_test_run ();
}
