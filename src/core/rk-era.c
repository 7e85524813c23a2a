#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-era.h"

typedef struct
{
  int         year;
  int         month;
  int         day;
  const char *ja;
  const char *en;
} Era;

/* First Gregorian day of each era, newest first. Since 1868 an era changes
 * only with the throne (一世一元), so these five dates are all there is. */
static const Era eras[] = {
  { 2019,  5,  1, "令和", "Reiwa" },
  { 1989,  1,  8, "平成", "Heisei" },
  { 1926, 12, 25, "昭和", "Showa" },
  { 1912,  7, 30, "大正", "Taisho" },
  { 1868,  1, 25, "明治", "Meiji" },
};

static int
date_key (int year, int month, int day)
{
  return year * 10000 + month * 100 + day;
}

gboolean
rk_era_for_date (int          year,
                 int          month,
                 int          day,
                 const char **name_ja,
                 const char **name_en,
                 int         *era_year)
{
  int key;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  key = date_key (year, month, day);
  for (gsize i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      const Era *e = &eras[i];

      if (key < date_key (e->year, e->month, e->day))
        continue;
      if (name_ja)
        *name_ja = e->ja;
      if (name_en)
        *name_en = e->en;
      if (era_year)
        *era_year = year - e->year + 1;
      return TRUE;
    }

  return FALSE;
}

char *
rk_era_year_ja (int year, int month, int day)
{
  const char *name;
  int n;

  if (!rk_era_for_date (year, month, day, &name, NULL, &n))
    return NULL;
  if (n == 1)
    return g_strconcat (name, "元年", NULL);
  return g_strdup_printf ("%s%d年", name, n);
}

char *
rk_era_year_en (int year, int month, int day)
{
  const char *name;
  int n;

  if (!rk_era_for_date (year, month, day, NULL, &name, &n))
    return NULL;
  return g_strdup_printf ("%s %d", name, n);
}
