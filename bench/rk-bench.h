#pragma once

#include <json-glib/json-glib.h>

#include "rk-bench-plan.h"
#include "rk-generate.h"

G_BEGIN_DECLS

/* The benchmark behind `renkei-cli bench`: builds (or reuses) a generated
 * municipality and times what people wait for — opening a month, checking
 * a month and a year, suggesting staff, finding a time, printing a month,
 * .ics export and import — each the median of several runs, beside floors
 * measured in the same run (the bare SQLite range query, a bare cairo PDF
 * of as many text runs) and against fixed targets. */

typedef struct
{
  RkGenParams  gen;
  const char  *db_path;     /* NULL: a temporary database, removed afterwards */
  int          reps;        /* runs per figure, the median reported; 0: 5 */
  gboolean     no_scaling;  /* skip the 1-, 2- and 4-year databases */
  gboolean     progress;    /* one line on stderr per step */
} RkBenchOptions;

/* Scaling of the year check: years of data measured. */
#define RK_BENCH_N_SCALING 3
extern const int rk_bench_scaling_years[RK_BENCH_N_SCALING];

typedef struct
{
  RkGenParams  gen;
  char        *db_path;             /* NULL when temporary */
  gboolean     reused;              /* the database existed and was not generated */
  int          reps;
  char        *month;               /* YYYY-MM of the month figures */
  RkDay        week_from, year_from, year_to;

  guint        events;
  guint        occurrences;         /* active occurrences of the whole database */
  guint        assignments;         /* staff × active occurrence */
  guint        month_occurrences;
  guint        problems_month, problems_year;
  guint        suggestions, find_time_slots, pdf_runs, ics_exported, ics_imported;
  guint        rrule_occurrences, holidays;

  /* Milliseconds, medians; negative when not measured. */
  double       generate_ms;
  double       month_open_ms, month_open_floor_ms;
  double       week_open_ms, week_open_floor_ms;
  double       check_month_ms, check_year_ms;
  double       suggest_ms;
  double       find_time_ms;
  double       pdf_month_ms, pdf_floor_ms;
  double       pdf_month_kb, pdf_year_kb;   /* file sizes */
  double       pdf_staff_ms;        /* the busiest person's own sheet */
  double       pdf_year_ms;         /* the busiest hub's year plan */
  double       ics_export_year_ms, ics_import_10k_ms;
  /* On a server: the same generation and import into a file, in the same
   * run (the server's target is 3× these). */
  double       generate_file_ms, ics_import_10k_file_ms;
  double       holidays_ms;
  double       rrule_expand_ms;
  double       annual_xlsx_ms;      /* report annual, every venue, to .xlsx */
  double       attendance_save_ms;  /* one record entered and saved */
  guint        annual_venues;
  double       scaling_ms[RK_BENCH_N_SCALING];
  double       peak_rss_mb;

  /* On the PostgreSQL server: its own targets for the month open (no
   * ratio to a one-query floor across a socket) and the year check; the
   * import's target is the embedded file's and is only reported. */
  gboolean     server;

  /* The staffing plan's quality and time (rk-bench-plan.h). */
  RkBenchPlan  plan;

  gboolean     targets_met;
  GPtrArray   *failed;              /* translated: each target missed, with the figure */
} RkBenchResult;

void       rk_bench_options_init   (RkBenchOptions       *options);
/* FALSE with error when the benchmark could not run; a missed target is
 * not an error (result->targets_met). */
gboolean   rk_bench_run            (const RkBenchOptions *options,
                                    RkBenchResult        *result,
                                    GError              **error);
void       rk_bench_result_clear   (RkBenchResult        *result);

/* The table for people, translated. */
char      *rk_bench_format_table   (const RkBenchResult  *result);
/* One object with every figure (CLI.md "bench --json"). */
JsonNode  *rk_bench_result_to_json (const RkBenchResult  *result);

G_END_DECLS
