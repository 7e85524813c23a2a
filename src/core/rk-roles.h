#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RK_ROLE_HUB_STAFF,
  RK_ROLE_PUBLIC_HEALTH_NURSE,
  RK_ROLE_NUTRITIONIST,
  RK_ROLE_MIDWIFE,
  RK_ROLE_CHILDCARE_VOLUNTEER,
  RK_ROLE_OTHER,
  RK_N_ROLES
} RkRole;

/* -1 when the token is not a role. */
int          rk_role_from_token (const char *token);
const char  *rk_role_to_token   (RkRole role);
/* Translated, for people: "Public health nurse" / 保健師. */
const char  *rk_role_label      (RkRole role);
/* The untranslated label, for text in a language other than the session's. */
const char  *rk_role_msgid      (RkRole role);
const char  *rk_role_tokens     (void);

/* "public_health_nurse=1,midwife=1" into counts[RK_N_ROLES]. */
gboolean     rk_requirements_parse  (const char *text, int counts[RK_N_ROLES], GError **error);
char        *rk_requirements_format (const int counts[RK_N_ROLES]);

typedef enum
{
  RK_POLICY_UNSET,
  RK_POLICY_KEEP,
  RK_POLICY_SKIP,
  RK_POLICY_NEXT_DAY,
  RK_POLICY_PREVIOUS_DAY,
} RkHolidayPolicy;

/* -1 when unknown; NULL token is RK_POLICY_UNSET. */
int          rk_policy_from_token (const char *token);
const char  *rk_policy_to_token   (RkHolidayPolicy policy);

G_END_DECLS
