#include "config.h"

#include "rk-time.h"

static void
test_round_trip (void)
{
  RkMinute t;
  RkDay d;
  char buf[17];

  g_assert_true (rk_time_parse ("2026-12-06T10:00", &t));
  g_assert_cmpstr (rk_time_format_buf (t, buf), ==, "2026-12-06T10:00");
  g_assert_true (rk_date_parse ("2024-02-29", &d));
  g_assert_cmpint (rk_day_weekday (d), ==, 4);   /* a Thursday */
  g_assert_cmpint (rk_day_weekday (rk_day_from_ymd (2026, 12, 6)), ==, 7);
}

static void
test_rejects (void)
{
  const char *bad[] = { "2026-13-01T10:00", "2026-02-29T10:00", "2026-12-06 10:00",
                        "2026-12-06T24:00", "2026-12-6T10:00", "", "x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (rk_time_parse (bad[i], NULL));
  g_assert_false (rk_date_parse ("2025-02-29", NULL));
  /* the supported years, so that padded ranges stay inside the calendar */
  g_assert_false (rk_date_parse ("1899-12-31", NULL));
  g_assert_false (rk_time_parse ("2200-01-01T00:00", NULL));
  g_assert_false (rk_time_parse ("9999-12-31T23:00", NULL));
  g_assert_true (rk_date_parse ("1900-01-01", NULL));
  g_assert_true (rk_time_parse ("2199-12-31T23:59", NULL));
}

static void
test_add_months (void)
{
  char buf[11];

  g_assert_cmpstr (rk_date_format_buf (rk_day_add_months (rk_day_from_ymd (2026, 11, 30), 3), buf),
                   ==, "2027-02-28");
  g_assert_cmpstr (rk_date_format_buf (rk_day_add_months (rk_day_from_ymd (2027, 11, 30), 3), buf),
                   ==, "2028-02-29");
  g_assert_cmpstr (rk_date_format_buf (rk_day_add_months (rk_day_from_ymd (2026, 12, 6), 1), buf),
                   ==, "2027-01-06");
  g_assert_cmpstr (rk_date_format_buf (rk_day_add_months (rk_day_from_ymd (2026, 1, 31), -2), buf),
                   ==, "2025-11-30");
}

/* Days are counted without GDate: the same Julian days, both ways, on every
 * day of the supported years and on a sample of all of GDate's. */
static void
test_days_match_gdate (void)
{
  for (guint32 j = 1; j <= 3652059; j += (j >= 693596 && j <= 803168) ? 1 : 997)
    {
      GDate d;
      int y, m, md;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, j);
      rk_day_to_ymd (j, &y, &m, &md);
      g_assert_cmpint (y, ==, g_date_get_year (&d));
      g_assert_cmpint (m, ==, g_date_get_month (&d));
      g_assert_cmpint (md, ==, g_date_get_day (&d));
      g_assert_cmpuint (rk_day_from_ymd (y, m, md), ==, j);
      g_assert_cmpint (rk_days_in_month (y, m), ==,
                       g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y));
    }
  g_assert_cmpuint (rk_day_from_ymd (1900, 1, 1), ==, 693596);
  g_assert_cmpuint (rk_day_from_ymd (2199, 12, 31), ==, 803168);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/time/round-trip", test_round_trip);
  g_test_add_func ("/time/rejects", test_rejects);
  g_test_add_func ("/time/add-months", test_add_months);
  g_test_add_func ("/time/days-match-gdate", test_days_match_gdate);
  return g_test_run ();
}
