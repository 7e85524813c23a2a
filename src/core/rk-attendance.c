#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-attendance.h"
#include "rk-error.h"

static const struct
{
  const char *token;
  const char *label;
} counts[RK_N_COUNTS] = {
  [RK_COUNT_FAMILIES] = { "families", N_("Families") },
  [RK_COUNT_ADULTS] = { "adults", N_("Adults") },
  [RK_COUNT_CHILDREN] = { "children", N_("Children") },
  [RK_COUNT_PREGNANT] = { "pregnant", N_("Pregnant women") },
  [RK_COUNT_RESIDENTS] = { "residents", N_("Residents") },
  [RK_COUNT_NONRESIDENTS] = { "nonresidents", N_("Non-residents") },
  [RK_COUNT_FIRST_TIME] = { "first_time", N_("First-time visitors") },
};

const char *
rk_count_token (RkCount count)
{
  g_return_val_if_fail (count < RK_N_COUNTS, NULL);
  return counts[count].token;
}

const char *
rk_count_label (RkCount count)
{
  g_return_val_if_fail (count < RK_N_COUNTS, NULL);
  return _(counts[count].label);
}

static void
consultation_clear (gpointer data)
{
  g_free (((RkConsultation *) data)->category);
}

RkAttendance *
rk_attendance_new (gint64 event_id, RkDay occ_date)
{
  RkAttendance *a = g_new0 (RkAttendance, 1);

  a->event_id = event_id;
  a->occ_date = occ_date;
  a->consultations = g_array_new (FALSE, TRUE, sizeof (RkConsultation));
  g_array_set_clear_func (a->consultations, consultation_clear);
  return a;
}

RkAttendance *
rk_attendance_copy (const RkAttendance *a)
{
  RkAttendance *c = rk_attendance_new (a->event_id, a->occ_date);

  memcpy (c->counts, a->counts, sizeof c->counts);
  for (guint i = 0; i < a->consultations->len; i++)
    {
      const RkConsultation *x = &g_array_index (a->consultations, RkConsultation, i);
      RkConsultation y = { g_strdup (x->category), x->count };
      g_array_append_val (c->consultations, y);
    }
  c->notes = g_strdup (a->notes);
  c->version = a->version;
  return c;
}

void
rk_attendance_free (RkAttendance *a)
{
  if (a == NULL)
    return;
  g_array_unref (a->consultations);
  g_free (a->notes);
  g_free (a);
}

int
rk_attendance_consultation (const RkAttendance *a, const char *category)
{
  for (guint i = 0; i < a->consultations->len; i++)
    {
      const RkConsultation *x = &g_array_index (a->consultations, RkConsultation, i);
      if (g_strcmp0 (x->category, category) == 0)
        return x->count;
    }
  return 0;
}

int
rk_attendance_consultations_total (const RkAttendance *a)
{
  int n = 0;

  for (guint i = 0; i < a->consultations->len; i++)
    n += g_array_index (a->consultations, RkConsultation, i).count;
  return n;
}

static int
category_rank (GStrv categories, const char *category)
{
  guint n = categories ? g_strv_length (categories) : 0;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (categories[i], category) == 0)
      return (int) i;
  return (int) n;   /* categories no longer listed keep their place at the end */
}

void
rk_attendance_set_consultation (RkAttendance *a, const char *category, int count,
                                GStrv categories)
{
  int rank = category_rank (categories, category);
  guint at = a->consultations->len;

  for (guint i = 0; i < a->consultations->len; i++)
    {
      RkConsultation *x = &g_array_index (a->consultations, RkConsultation, i);

      if (g_strcmp0 (x->category, category) == 0)
        {
          if (count > 0)
            x->count = count;
          else
            g_array_remove_index (a->consultations, i);
          return;
        }
      if (at == a->consultations->len && category_rank (categories, x->category) > rank)
        at = i;
    }
  if (count > 0)
    {
      RkConsultation y = { g_strdup (category), count };
      g_array_insert_val (a->consultations, at, y);
    }
}

static gboolean
parse_count (const char *text, int *out)
{
  char *end = NULL;
  gint64 n;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  n = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || n < 0 || n > 100000)
    return FALSE;
  *out = (int) n;
  return TRUE;
}

gboolean
rk_attendance_parse_consultations (RkAttendance *a, const char *text, GStrv categories,
                                   GError **error)
{
  g_auto(GStrv) pairs = g_strsplit (text ? text : "", ",", -1);

  g_array_set_size (a->consultations, 0);
  for (guint i = 0; pairs[i]; i++)
    {
      g_autofree char *pair = g_strstrip (g_strdup (pairs[i]));
      char *eq = strchr (pair, '=');
      g_autofree char *category = NULL;
      int n;

      if (*pair == '\0' && pairs[1] == NULL)
        break;   /* "" clears them all */
      if (eq == NULL || !parse_count (g_strstrip (eq + 1), &n))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Consultations “%s” are not CATEGORY=NUMBER (a whole number of 0 or "
                         "more), e.g. %s=2"),
                       pair, categories && categories[0] ? categories[0] : "その他");
          return FALSE;
        }
      *eq = '\0';
      category = g_strstrip (g_strdup (pair));
      if (categories && !g_strv_contains ((const char * const *) categories, category))
        {
          g_autofree char *list = g_strjoinv (", ", categories);
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("“%s” is not a consultation category; use one of: %s (setting "
                         "consultation_categories)"),
                       category, list);
          return FALSE;
        }
      if (rk_attendance_consultation (a, category) > 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Consultations of “%s” are given twice; give each category once"),
                       category);
          return FALSE;
        }
      rk_attendance_set_consultation (a, category, n, categories);
    }
  return TRUE;
}

char *
rk_attendance_format_consultations (const RkAttendance *a)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < a->consultations->len; i++)
    {
      const RkConsultation *x = &g_array_index (a->consultations, RkConsultation, i);
      g_string_append_printf (s, "%s%s=%d", s->len ? "," : "", x->category, x->count);
    }
  return g_string_free (s, FALSE);
}

gboolean
rk_attendance_validate (const RkAttendance *a, GError **error)
{
  const int *c = a->counts;

  for (guint i = 0; i < RK_N_COUNTS; i++)
    if (c[i] < 0)
      {
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("%s must be a whole number of 0 or more"), rk_count_label (i));
        return FALSE;
      }
  for (guint i = 0; i < a->consultations->len; i++)
    if (g_array_index (a->consultations, RkConsultation, i).count < 0)
      {
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("Consultations must be whole numbers of 0 or more"));
        return FALSE;
      }
  if (c[RK_COUNT_PREGNANT] > c[RK_COUNT_ADULTS])
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%d pregnant women but only %d adults: pregnant women are counted among "
                     "the adults"),
                   c[RK_COUNT_PREGNANT], c[RK_COUNT_ADULTS]);
      return FALSE;
    }
  if (c[RK_COUNT_RESIDENTS] + c[RK_COUNT_NONRESIDENTS] > c[RK_COUNT_ADULTS] + c[RK_COUNT_CHILDREN])
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%d residents and %d non-residents are more than the %d adults and "
                     "children who came"),
                   c[RK_COUNT_RESIDENTS], c[RK_COUNT_NONRESIDENTS],
                   c[RK_COUNT_ADULTS] + c[RK_COUNT_CHILDREN]);
      return FALSE;
    }
  return TRUE;
}

GStrv
rk_consultation_categories (const char *setting)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (setting == NULL || *setting == '\0')
    setting = RK_DEFAULT_CONSULTATION_CATEGORIES;
  parts = g_strsplit (setting, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *name = g_strstrip (parts[i]);
      if (*name)
        g_strv_builder_add (b, name);
    }
  return g_strv_builder_end (b);
}

gboolean
rk_consultation_categories_valid (const char *setting, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (setting ? setting : "", ",", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i]; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name == '\0' || strchr (name, '=') || g_hash_table_contains (seen, name))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Consultation categories are a comma list of distinct names without "
                         "“=”, e.g. 発育・発達,栄養・離乳食,その他"));
          return FALSE;
        }
      g_hash_table_add (seen, name);
    }
  return TRUE;
}

const RkAttendance *
rk_schedule_attendance (RkSchedule *s, gint64 event_id, RkDay occ_date)
{
  gint64 key = rk_attendance_key (event_id, occ_date);

  return s->attendance ? g_hash_table_lookup (s->attendance, &key) : NULL;
}

void
rk_fiscal_year_range (int year, int start_month, RkDay *from, RkDay *to)
{
  if (start_month < 1 || start_month > 12)
    start_month = RK_DEFAULT_FISCAL_YEAR_START;
  *from = rk_day_from_ymd (year, start_month, 1);
  *to = rk_day_add_months (*from, 12) - 1;
}

int
rk_fiscal_year_of (RkDay day, int start_month)
{
  int y, m;

  rk_day_to_ymd (day, &y, &m, NULL);
  if (start_month < 1 || start_month > 12)
    start_month = RK_DEFAULT_FISCAL_YEAR_START;
  return m >= start_month ? y : y - 1;
}
