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

/* "public_health_nurse=1,midwife=1-2" into the minimum counts[RK_N_ROLES]
 * (a range "1-2" is at least one, two if possible; "ROLE=N" means N-N). */
gboolean     rk_requirements_parse  (const char *text, int counts[RK_N_ROLES], GError **error);
char        *rk_requirements_format (const int counts[RK_N_ROLES]);
/* The same with the wish: wish[r] >= counts[r] for every role. */
gboolean     rk_requirements_parse_range  (const char *text, int counts[RK_N_ROLES],
                                           int wish[RK_N_ROLES], GError **error);
/* "midwife=1-2,hub_staff=2"; wish may be NULL (the same as counts). */
char        *rk_requirements_format_range (const int counts[RK_N_ROLES],
                                           const int wish[RK_N_ROLES]);

/* For people: "Midwife 1/1–2", count assigned of the minimum (and the wish
 * when it asks for more); "Midwife 1" when the role is not required. */
char        *rk_role_count_text (RkRole role, int count, int min, int wish);

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
