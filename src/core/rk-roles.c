#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "rk-error.h"
#include "rk-roles.h"

static const char * const role_tokens[RK_N_ROLES] = {
  "hub_staff",
  "public_health_nurse",
  "nutritionist",
  "midwife",
  "childcare_volunteer",
  "other",
};

int
rk_role_from_token (const char *token)
{
  for (int i = 0; i < RK_N_ROLES; i++)
    if (g_strcmp0 (token, role_tokens[i]) == 0)
      return i;
  return -1;
}

const char *
rk_role_to_token (RkRole role)
{
  g_return_val_if_fail (role < RK_N_ROLES, "other");
  return role_tokens[role];
}

const char *
rk_role_tokens (void)
{
  return "hub_staff, public_health_nurse, nutritionist, midwife, childcare_volunteer, other";
}

const char *
rk_role_msgid (RkRole role)
{
  switch (role)
    {
    case RK_ROLE_HUB_STAFF:
      return N_("Hub staff");
    case RK_ROLE_PUBLIC_HEALTH_NURSE:
      return N_("Public health nurse");
    case RK_ROLE_NUTRITIONIST:
      return N_("Nutritionist");
    case RK_ROLE_MIDWIFE:
      return N_("Midwife");
    case RK_ROLE_CHILDCARE_VOLUNTEER:
      return N_("Childcare volunteer");
    case RK_ROLE_OTHER:
    case RK_N_ROLES:
    default:
      return N_("Other");
    }
}

const char *
rk_role_label (RkRole role)
{
  return _(rk_role_msgid (role));
}

/* One count of a requirement, 1 to 99. */
static gboolean
parse_count (const char *role, const char *text, long *out, GError **error)
{
  char *end = NULL;

  *out = strtol (text, &end, 10);
  if (*text == '\0' || !g_ascii_isdigit (*text) || *end != '\0' || *out < 1 || *out > 99)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The count for %s must be a whole number from 1 to 99, not “%s”"),
                   role, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
rk_requirements_parse_range (const char *text, int counts[RK_N_ROLES], int wish[RK_N_ROLES],
                             GError **error)
{
  g_auto(GStrv) parts = NULL;

  for (int i = 0; i < RK_N_ROLES; i++)
    counts[i] = wish[i] = 0;
  if (text == NULL || *text == '\0')
    return TRUE;

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (g_strstrip (parts[i]), "=", 2);
      g_auto(GStrv) range = NULL;
      long lo, hi;
      int role;

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Staffing requirement “%s” is not ROLE=COUNT or ROLE=MIN-WISH; write "
                         "for example public_health_nurse=1,midwife=1-2,hub_staff=2"),
                       parts[i]);
          return FALSE;
        }
      role = rk_role_from_token (g_strstrip (kv[0]));
      if (role < 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Unknown role “%s”; use one of: %s"), kv[0], rk_role_tokens ());
          return FALSE;
        }
      range = g_strsplit (g_strstrip (kv[1]), "-", 2);
      if (!parse_count (kv[0], g_strstrip (range[0]), &lo, error))
        return FALSE;
      hi = lo;
      if (range[1] && !parse_count (kv[0], g_strstrip (range[1]), &hi, error))
        return FALSE;
      if (hi < lo)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("The wish for %s (%ld) is below its minimum (%ld); write MIN-WISH, "
                         "for example midwife=1-2"),
                       kv[0], hi, lo);
          return FALSE;
        }
      if (counts[role] != 0)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Role “%s” is given twice in the staffing requirements"), kv[0]);
          return FALSE;
        }
      counts[role] = (int) lo;
      wish[role] = (int) hi;
    }
  return TRUE;
}

gboolean
rk_requirements_parse (const char *text, int counts[RK_N_ROLES], GError **error)
{
  int wish[RK_N_ROLES];

  return rk_requirements_parse_range (text, counts, wish, error);
}

char *
rk_requirements_format_range (const int counts[RK_N_ROLES], const int wish[RK_N_ROLES])
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < RK_N_ROLES; i++)
    {
      if (counts[i] <= 0)
        continue;
      g_string_append_printf (s, "%s%s=%d", s->len ? "," : "", role_tokens[i], counts[i]);
      if (wish && wish[i] > counts[i])
        g_string_append_printf (s, "-%d", wish[i]);
    }
  return g_string_free (s, FALSE);
}

char *
rk_requirements_format (const int counts[RK_N_ROLES])
{
  return rk_requirements_format_range (counts, NULL);
}

char *
rk_role_count_text (RkRole role, int count, int min, int wish)
{
  if (min <= 0)
    return g_strdup_printf ("%s %d", rk_role_label (role), count);
  if (wish > min)
    return g_strdup_printf ("%s %d/%d–%d", rk_role_label (role), count, min, wish);
  return g_strdup_printf ("%s %d/%d", rk_role_label (role), count, min);
}

static const char * const policy_tokens[] = { NULL, "keep", "skip", "next-day", "previous-day" };

int
rk_policy_from_token (const char *token)
{
  if (token == NULL)
    return RK_POLICY_UNSET;
  for (guint i = 1; i < G_N_ELEMENTS (policy_tokens); i++)
    if (g_strcmp0 (token, policy_tokens[i]) == 0)
      return (int) i;
  return -1;
}

const char *
rk_policy_to_token (RkHolidayPolicy policy)
{
  if (policy >= G_N_ELEMENTS (policy_tokens))
    return NULL;
  return policy_tokens[policy];
}
