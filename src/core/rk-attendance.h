#pragma once

#include <glib.h>

#include "rk-schedule.h"
#include "rk-time.h"

G_BEGIN_DECLS

/* What happened at one occurrence: counts only, never a family's name. */

typedef enum
{
  RK_COUNT_FAMILIES,
  RK_COUNT_ADULTS,
  RK_COUNT_CHILDREN,
  RK_COUNT_PREGNANT,        /* of the adults */
  RK_COUNT_RESIDENTS,       /* of adults and children */
  RK_COUNT_NONRESIDENTS,
  RK_COUNT_FIRST_TIME,
  RK_N_COUNTS
} RkCount;

typedef struct
{
  char *category;           /* the municipality's own words */
  int   count;
} RkConsultation;

typedef struct
{
  gint64  event_id;
  RkDay   occ_date;         /* the occurrence's original date */
  int     counts[RK_N_COUNTS];
  GArray *consultations;    /* RkConsultation, in the categories' order */
  char   *notes;
  gint64  version;          /* 0: not saved yet */
} RkAttendance;

/* The default list of consultation categories (setting consultation_categories). */
#define RK_DEFAULT_CONSULTATION_CATEGORIES \
  "発育・発達,栄養・離乳食,生活習慣,母体・産後の不安,育児不安,その他"
#define RK_DEFAULT_ATTENDANCE_DUE_DAYS 7
#define RK_DEFAULT_FISCAL_YEAR_START 4

RkAttendance *rk_attendance_new          (gint64 event_id, RkDay occ_date);
RkAttendance *rk_attendance_copy         (const RkAttendance *a);
void          rk_attendance_free         (RkAttendance *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkAttendance, rk_attendance_free)

/* The untranslated token of a count ("families", also its column and JSON
 * member) and its heading for people (translated). */
const char   *rk_count_token             (RkCount count);
const char   *rk_count_label             (RkCount count);

int           rk_attendance_consultation (const RkAttendance *a, const char *category);
/* Sets (count > 0) or drops (count 0) one category's consultations,
 * keeping the order of categories. */
void          rk_attendance_set_consultation (RkAttendance *a, const char *category, int count,
                                              GStrv categories);
/* All consultations together. */
int           rk_attendance_consultations_total (const RkAttendance *a);

/* "CAT=N,CAT=N": into a (replacing its consultations). A category not in
 * categories, a malformed pair or a count below 0 is RK_ERROR_INVALID. */
gboolean      rk_attendance_parse_consultations (RkAttendance *a, const char *text,
                                                 GStrv categories, GError **error);
char         *rk_attendance_format_consultations (const RkAttendance *a);

/* Whole numbers ≥ 0; the pregnant women among the adults; residents and
 * non-residents among adults and children. RK_ERROR_INVALID saying which. */
gboolean      rk_attendance_validate     (const RkAttendance *a, GError **error);

/* The consultation categories of a setting's value (NULL or empty: the
 * default list). */
GStrv         rk_consultation_categories (const char *setting);
/* Checks a setting value: a comma list of distinct names without '='. */
gboolean      rk_consultation_categories_valid (const char *setting, GError **error);

/* The key of an occurrence in tables of records. */
static inline gint64
rk_attendance_key (gint64 event_id, RkDay occ_date)
{
  return (event_id << 22) | (gint64) occ_date;
}

/* The record of a schedule's occurrence, NULL when none was loaded. */
const RkAttendance *rk_schedule_attendance (RkSchedule *schedule, gint64 event_id,
                                            RkDay occ_date);

/* The fiscal year (年度) starting in start_month of year: [from, to]. */
void          rk_fiscal_year_range       (int year, int start_month, RkDay *from, RkDay *to);
/* The fiscal year a day belongs to. */
int           rk_fiscal_year_of          (RkDay day, int start_month);

G_END_DECLS
