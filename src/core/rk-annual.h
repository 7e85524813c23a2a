#pragma once

#include <glib.h>

#include "rk-attendance.h"
#include "rk-expand.h"

G_BEGIN_DECLS

/* The fiscal year's results report (実績報告): per venue and month, days
 * open, sessions per program, attendance, consultations and staff hours,
 * summed from the occurrences that were held and their records. Plain
 * data for the writers (JSON, CSV, .xlsx, PDF). */

typedef struct
{
  int     days_open;
  int     held;               /* occurrences held (started, not cancelled or skipped) */
  int     recorded;           /* of them with a record */
  int     missing;            /* of them without one */
  gint64  counts[RK_N_COUNTS];
  int    *sessions;           /* per program (RkAnnual.programs) */
  int    *consultations;      /* per category (RkAnnual.categories) */
  int    *staff_minutes;      /* per person (RkAnnual.staff); NULL in a venue's */
  int    *staff_sessions;
  /* A venue's months and total: only the people who worked there
   * (RkAnnualStaffHours, by index into RkAnnual.staff), since a year of
   * hundreds of venues and people counted per person would be tens of
   * megabytes of zeros. */
  GArray *staff_hours;
} RkAnnualMonth;

typedef struct
{
  guint index;                /* into RkAnnual.staff */
  int   minutes;
  int   sessions;
} RkAnnualStaffHours;

typedef struct
{
  gint64         venue_id;    /* 0: occurrences without a place */
  char          *name;
  RkAnnualMonth  months[12];
  RkAnnualMonth  total;
} RkAnnualVenue;

typedef struct
{
  int            fiscal_year;
  int            start_month;
  RkDay          from, to;
  GPtrArray     *programs;    /* char *: program names, then titles of events without one */
  GStrv          categories;
  GArray        *staff;       /* gint64 staff ids, by kana/name */
  GPtrArray     *staff_names; /* char * */
  GPtrArray     *staff_roles; /* const char * role tokens */
  GPtrArray     *venues;      /* RkAnnualVenue */
  RkAnnualMonth  months[12];  /* the municipality: all venues */
  RkAnnualMonth  total;
} RkAnnual;

/* schedule and occs must cover [from, to] of the fiscal year; venue_id 0:
 * every venue. now: occurrences that start later were not held yet. */
RkAnnual    *rk_annual_build       (RkSchedule *schedule, GArray *occs, int fiscal_year,
                                    int start_month, gint64 venue_id, GStrv categories,
                                    RkMinute now);
void         rk_annual_free        (RkAnnual *annual);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkAnnual, rk_annual_free)

/* Counts of a month are unknown when nothing was recorded of what was held. */
gboolean     rk_annual_month_unknown (const RkAnnualMonth *m);
/* The calendar year and month of column i (0 = the fiscal year's first). */
void         rk_annual_month_ym    (const RkAnnual *annual, int i, int *year, int *month);

/* The report as JSON text (CLI.md: report annual --format json). */
char        *rk_annual_to_json     (const RkAnnual *annual);
/* The report as CSV (UTF-8 with BOM, CRLF): one block per venue and the
 * municipality, months as columns. */
char        *rk_annual_to_csv      (const RkAnnual *annual, const char *language);

G_END_DECLS

G_BEGIN_DECLS

/* The rows of a venue's table, the same in every format. */
typedef enum
{
  RK_ANNUAL_ROW_DAYS_OPEN,
  RK_ANNUAL_ROW_SESSIONS,     /* index: program */
  RK_ANNUAL_ROW_COUNT,        /* index: RkCount */
  RK_ANNUAL_ROW_CONSULTATION, /* index: category */
  RK_ANNUAL_ROW_MISSING,      /* occurrences without a record */
} RkAnnualRowKind;

typedef struct
{
  RkAnnualRowKind kind;
  int             index;
  char           *label;      /* in the report's language */
  const char     *group;      /* static, in the report's language: the block it belongs to */
} RkAnnualRow;

/* Headings in "ja" (the default, what offices file) or "en". */
GArray      *rk_annual_rows        (const RkAnnual *annual, const char *language);
/* The row's value in a month; FALSE when it is not known (nothing was
 * recorded of what was held): such a cell is marked, never 0. */
gboolean     rk_annual_value       (const RkAnnualMonth *m, const RkAnnualRow *row,
                                    gint64 *value);
/* Fixed words of the report in its language: "title", "month", "total",
 * "municipality", "unknown", "staff", "sessions", "hours", "no_place",
 * "role:<token>", "note_missing". */
const char  *rk_annual_word        (const char *language, const char *key);
/* "令和8年度（2026年度）利用実績報告書　what" in the report's language. */
char        *rk_annual_title       (const RkAnnual *annual, const char *language,
                                    const char *what);
/* Column k's heading: "4月" (ja), "2026-04" (en). */
void         rk_annual_month_heading (const RkAnnual *annual, const char *language, int k,
                                      char *buf, gsize size);

G_END_DECLS
