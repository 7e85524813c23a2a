#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-holidays.h"

#define N_YEARS (RK_HOLIDAYS_LAST_YEAR - RK_HOLIDAYS_FIRST_YEAR + 1)

typedef enum
{
  NONE,
  NEW_YEAR,
  COMING_OF_AGE,
  FOUNDATION,
  EMPEROR_BIRTHDAY,
  VERNAL_EQUINOX,
  SHOWA,
  GREENERY,
  CONSTITUTION,
  CHILDREN,
  MARINE,
  MOUNTAIN,
  AGED,
  AUTUMNAL_EQUINOX,
  HEALTH_SPORTS,
  SPORTS,
  CULTURE,
  LABOUR,
  SUBSTITUTE,
  CITIZENS,
  WEDDING_AKIHITO,
  FUNERAL_SHOWA,
  ENTHRONEMENT_CEREMONY,
  WEDDING_NARUHITO,
  ENTHRONEMENT_DAY,
  N_KINDS
} Kind;

static const struct
{
  const char *ja;
  const char *en;
} names[N_KINDS] = {
  [NEW_YEAR]              = { "元日", "New Year's Day" },
  [COMING_OF_AGE]         = { "成人の日", "Coming of Age Day" },
  [FOUNDATION]            = { "建国記念の日", "National Foundation Day" },
  [EMPEROR_BIRTHDAY]      = { "天皇誕生日", "Emperor's Birthday" },
  [VERNAL_EQUINOX]        = { "春分の日", "Vernal Equinox Day" },
  [SHOWA]                 = { "昭和の日", "Showa Day" },
  [GREENERY]              = { "みどりの日", "Greenery Day" },
  [CONSTITUTION]          = { "憲法記念日", "Constitution Memorial Day" },
  [CHILDREN]              = { "こどもの日", "Children's Day" },
  [MARINE]                = { "海の日", "Marine Day" },
  [MOUNTAIN]              = { "山の日", "Mountain Day" },
  [AGED]                  = { "敬老の日", "Respect for the Aged Day" },
  [AUTUMNAL_EQUINOX]      = { "秋分の日", "Autumnal Equinox Day" },
  [HEALTH_SPORTS]         = { "体育の日", "Health and Sports Day" },
  [SPORTS]                = { "スポーツの日", "Sports Day" },
  [CULTURE]               = { "文化の日", "Culture Day" },
  [LABOUR]                = { "勤労感謝の日", "Labour Thanksgiving Day" },
  [SUBSTITUTE]            = { "振替休日", "Substitute Holiday" },
  [CITIZENS]              = { "国民の休日", "Citizens' Holiday" },
  [WEDDING_AKIHITO]       = { "皇太子明仁親王の結婚の儀",
                              "Wedding Ceremony of Crown Prince Akihito" },
  [FUNERAL_SHOWA]         = { "昭和天皇の大喪の礼",
                              "Funeral Ceremony of Emperor Showa" },
  [ENTHRONEMENT_CEREMONY] = { "即位礼正殿の儀",
                              "Enthronement Ceremony" },
  [WEDDING_NARUHITO]      = { "皇太子徳仁親王の結婚の儀",
                              "Wedding Ceremony of Crown Prince Naruhito" },
  [ENTHRONEMENT_DAY]      = { "天皇の即位の日",
                              "Emperor's Enthronement Day" },
};

/* Days before the first of each month in a common year. */
static const int month_start[13] = {
  0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365
};

typedef struct
{
  GArray *holidays;        /* RkHoliday, by date */
  guint8  by_yday[366];    /* 0: none, else index + 1 into holidays */
} YearTable;

/* One YearTable pointer per year, each published once with g_once_init_*. */
static gsize year_tables[N_YEARS];

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_year (int year)
{
  return is_leap (year) ? 366 : 365;
}

/* Day of the year, 0 for 1 January. */
static int
yday (int year, int month, int day)
{
  return month_start[month - 1] + (month > 2 && is_leap (year)) + day - 1;
}

static int
days_in_month (int year, int month)
{
  return month_start[month] - month_start[month - 1] +
         (month == 2 && is_leap (year));
}

/* RkDay (GDate's Julian day, 1 = 0001-01-01) of 1 January. */
static RkDay
jan1 (int year)
{
  int y = year - 1;

  return (RkDay) (365 * y + y / 4 - y / 100 + y / 400 + 1);
}

static void
yday_to_md (int year, int yd, int *month, int *day)
{
  int m = 1;
  int leap = is_leap (year);

  while (m < 12 && yd >= month_start[m] + (m >= 2 && leap))
    m++;
  *month = m;
  *day = yd - month_start[m - 1] - (m > 2 && leap) + 1;
}

/* 1 = Monday ... 7 = Sunday. */
static int
weekday (int year, int yd)
{
  return rk_day_weekday (jan1 (year) + (RkDay) yd);
}

/* Day of the year of the Nth Monday of MONTH (the Happy Monday rule). */
static int
nth_monday (int year, int month, int n)
{
  int first = yday (year, month, 1);
  int offset = (8 - weekday (year, first)) % 7;

  return first + offset + 7 * (n - 1);
}

/* The law names no date for the equinox days: the National Astronomical
 * Observatory announces the next year's each February (暦要項). This is
 * the standard projection of its ephemeris, matching every year published
 * so far; C's division truncates toward zero, which the formula needs for
 * the years before 1983. */
static int
vernal_equinox (int year)
{
  if (year < 1980)
    return (int) (20.8357 + 0.242194 * (year - 1980) - (year - 1983) / 4);
  return (int) (20.8431 + 0.242194 * (year - 1980) - (year - 1980) / 4);
}

static int
autumnal_equinox (int year)
{
  if (year < 1980)
    return (int) (23.2588 + 0.242194 * (year - 1980) - (year - 1983) / 4);
  return (int) (23.2488 + 0.242194 * (year - 1980) - (year - 1980) / 4);
}

/* No two national holidays ever share a day; the assertion keeps a future
 * rule change from silently hiding one. */
static void
set_yd (Kind *kinds, int yd, Kind kind)
{
  g_assert (kinds[yd] == NONE);
  kinds[yd] = kind;
}

static void
set_md (Kind *kinds, int year, int month, int day, Kind kind)
{
  set_yd (kinds, yday (year, month, day), kind);
}

/* The 国民の祝日 proper (and the one-off days the special laws made
 * holidays); the Act came into force on 1948-07-20, so 1948 starts with
 * the autumnal equinox. */
static void
add_national (Kind *kinds, int y)
{
  if (y >= 1949)
    {
      set_md (kinds, y, 1, 1, NEW_YEAR);
      if (y <= 1999)
        set_md (kinds, y, 1, 15, COMING_OF_AGE);
      else
        set_yd (kinds, nth_monday (y, 1, 2), COMING_OF_AGE);

      if (y >= 1967)
        set_md (kinds, y, 2, 11, FOUNDATION);

      if (y <= 1988)
        set_md (kinds, y, 4, 29, EMPEROR_BIRTHDAY);
      else if (y <= 2018)
        set_md (kinds, y, 12, 23, EMPEROR_BIRTHDAY);
      else if (y >= 2020)
        set_md (kinds, y, 2, 23, EMPEROR_BIRTHDAY);

      set_md (kinds, y, 3, vernal_equinox (y), VERNAL_EQUINOX);

      if (y >= 2007)
        set_md (kinds, y, 4, 29, SHOWA);
      else if (y >= 1989)
        set_md (kinds, y, 4, 29, GREENERY);

      set_md (kinds, y, 5, 3, CONSTITUTION);
      if (y >= 2007)
        set_md (kinds, y, 5, 4, GREENERY);
      set_md (kinds, y, 5, 5, CHILDREN);
    }

  /* The Tokyo Olympics moved 海の日, スポーツの日 and 山の日 in 2020 and,
   * postponed, again in 2021. */
  if (y == 2020)
    set_md (kinds, y, 7, 23, MARINE);
  else if (y == 2021)
    set_md (kinds, y, 7, 22, MARINE);
  else if (y >= 2003)
    set_yd (kinds, nth_monday (y, 7, 3), MARINE);
  else if (y >= 1996)
    set_md (kinds, y, 7, 20, MARINE);

  if (y == 2020)
    set_md (kinds, y, 8, 10, MOUNTAIN);
  else if (y == 2021)
    set_md (kinds, y, 8, 8, MOUNTAIN);
  else if (y >= 2016)
    set_md (kinds, y, 8, 11, MOUNTAIN);

  if (y >= 2003)
    set_yd (kinds, nth_monday (y, 9, 3), AGED);
  else if (y >= 1966)
    set_md (kinds, y, 9, 15, AGED);

  set_md (kinds, y, 9, autumnal_equinox (y), AUTUMNAL_EQUINOX);

  if (y == 2020)
    set_md (kinds, y, 7, 24, SPORTS);
  else if (y == 2021)
    set_md (kinds, y, 7, 23, SPORTS);
  else if (y >= 2020)
    set_yd (kinds, nth_monday (y, 10, 2), SPORTS);
  else if (y >= 2000)
    set_yd (kinds, nth_monday (y, 10, 2), HEALTH_SPORTS);
  else if (y >= 1966)
    set_md (kinds, y, 10, 10, HEALTH_SPORTS);

  set_md (kinds, y, 11, 3, CULTURE);
  set_md (kinds, y, 11, 23, LABOUR);

  switch (y)
    {
    case 1959:
      set_md (kinds, y, 4, 10, WEDDING_AKIHITO);
      break;
    case 1989:
      set_md (kinds, y, 2, 24, FUNERAL_SHOWA);
      break;
    case 1990:
      set_md (kinds, y, 11, 12, ENTHRONEMENT_CEREMONY);
      break;
    case 1993:
      set_md (kinds, y, 6, 9, WEDDING_NARUHITO);
      break;
    case 2019:
      /* The special law of 2018 made both days national holidays for
       * Article 3, so 4/30 and 5/2 became 国民の休日 between them. */
      set_md (kinds, y, 5, 1, ENTHRONEMENT_DAY);
      set_md (kinds, y, 10, 22, ENTHRONEMENT_CEREMONY);
      break;
    default:
      break;
    }
}

/* Article 3(2), 振替休日: in force from 1973-04-12. Until 2006 only the
 * Monday after a Sunday holiday, and only when it is not a holiday itself;
 * from 2007 the first following day that is not a national holiday. */
static void
add_substitutes (Kind *kinds, int y)
{
  int n = days_in_year (y);
  int start = y == 1973 ? yday (1973, 4, 12) : 0;

  if (y < 1973)
    return;

  for (int yd = start; yd < n; yd++)
    {
      int sub = yd + 1;

      if (kinds[yd] == NONE || kinds[yd] == SUBSTITUTE || weekday (y, yd) != 7)
        continue;

      if (y >= 2007)
        {
          while (sub < n && kinds[sub] != NONE)
            sub++;
        }
      /* 12/31 is never a holiday, so the substitute stays in the year. */
      if (sub < n && kinds[sub] == NONE)
        kinds[sub] = SUBSTITUTE;
    }
}

/* Article 3(3), 国民の休日, from the amendment of 1985-12-27: a day between
 * two national holidays. Until 2006 not a Sunday nor a 振替休日; from 2007
 * any day that is not a national holiday. Decided on the national holidays
 * alone, before which the substitutes are already placed. */
static void
add_citizens (Kind *kinds, const gboolean *national, int y)
{
  int n = days_in_year (y);

  if (y < 1986)
    return;

  for (int yd = 1; yd + 1 < n; yd++)
    {
      if (national[yd] || !national[yd - 1] || !national[yd + 1])
        continue;
      if (kinds[yd] == SUBSTITUTE)
        continue;
      if (y < 2007 && weekday (y, yd) == 7)
        continue;
      kinds[yd] = CITIZENS;
    }
}

static YearTable *
year_table_build (int y)
{
  Kind kinds[366] = { NONE };
  gboolean national[366];
  YearTable *t = g_new0 (YearTable, 1);
  int n = days_in_year (y);

  add_national (kinds, y);
  for (int yd = 0; yd < n; yd++)
    national[yd] = kinds[yd] != NONE;
  add_substitutes (kinds, y);
  add_citizens (kinds, national, y);

  t->holidays = g_array_sized_new (FALSE, TRUE, sizeof (RkHoliday), 24);
  for (int yd = 0; yd < n; yd++)
    {
      RkHoliday h;

      if (kinds[yd] == NONE)
        continue;
      h.year = y;
      yday_to_md (y, yd, &h.month, &h.day);
      h.name_ja = names[kinds[yd]].ja;
      h.name_en = names[kinds[yd]].en;
      g_array_append_val (t->holidays, h);
      t->by_yday[yd] = (guint8) t->holidays->len;
    }

  return t;
}

static const YearTable *
year_table (int year)
{
  gsize *slot = &year_tables[year - RK_HOLIDAYS_FIRST_YEAR];

  if (g_once_init_enter (slot))
    g_once_init_leave (slot, (gsize) year_table_build (year));
  return (const YearTable *) *slot;
}

static const RkHoliday *
lookup_yday (int year, int yd)
{
  const YearTable *t = year_table (year);
  guint8 i = t->by_yday[yd];

  return i ? &g_array_index (t->holidays, RkHoliday, i - 1) : NULL;
}

const GArray *
rk_holidays_for_year (int year)
{
  if (year < RK_HOLIDAYS_FIRST_YEAR || year > RK_HOLIDAYS_LAST_YEAR)
    return NULL;
  return year_table (year)->holidays;
}

const RkHoliday *
rk_holiday_lookup (int year, int month, int day)
{
  if (year < RK_HOLIDAYS_FIRST_YEAR || year > RK_HOLIDAYS_LAST_YEAR ||
      month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return NULL;
  return lookup_yday (year, yday (year, month, day));
}

gboolean
rk_is_holiday_day (RkDay day)
{
  int year;

  if (day < jan1 (RK_HOLIDAYS_FIRST_YEAR) ||
      day >= jan1 (RK_HOLIDAYS_LAST_YEAR + 1))
    return FALSE;

  /* 146097 days make 400 Gregorian years; the estimate is off by at most
   * one year either way. */
  year = (int) (((gint64) day - 1) * 400 / 146097) + 1;
  while (jan1 (year + 1) <= day)
    year++;
  while (jan1 (year) > day)
    year--;

  return lookup_yday (year, (int) (day - jan1 (year))) != NULL;
}

GArray *
rk_holidays_compute (int year)
{
  YearTable *t;
  GArray *holidays;

  if (year < RK_HOLIDAYS_FIRST_YEAR || year > RK_HOLIDAYS_LAST_YEAR)
    return NULL;
  t = year_table_build (year);
  holidays = t->holidays;
  g_free (t);
  return holidays;
}
