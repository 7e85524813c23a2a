#pragma once

#include <glib.h>

#include "rk-store.h"

G_BEGIN_DECLS

/* A generated municipality for the benchmark: hubs with rooms and
 * equipment, health centres, staff of every role, 40 programs, and per
 * fiscal year (April to March) the weekly and monthly series each hub
 * runs, seasonal one-offs, liaison meetings, joint trainings, closing days,
 * unavailability, a few cancelled and moved occurrences and some
 * per-occurrence staff changes; the last fiscal year's held occurrences
 * have attendance records (a few left without, as in real life).
 *
 * The same parameters give the same database, row for row: every fiscal
 * year draws from its own random stream (seed and year), so year k's
 * content does not depend on how many years are generated. */

typedef struct
{
  int      hubs;
  int      staff;
  int      years;
  guint32  seed;
  int      first_year;        /* the first fiscal year (April first_year .. March) */
} RkGenParams;

typedef struct
{
  guint  venues;
  guint  rooms;
  guint  equipment;
  guint  staff;
  guint  programs;
  guint  series;
  guint  one_offs;
  guint  closings;
  guint  unavailable;
  guint  assignment_rows;     /* rows written, series and per-occurrence */
  guint  exceptions;
  guint  attendance;          /* records of the last fiscal year's occurrences */
  char  *checksum;            /* SHA-256 of everything written, in order */
} RkGenStats;

/* What a database holds once its series are expanded. */
typedef struct
{
  guint  events;
  guint  occurrences;         /* active: scheduled or tentative */
  guint  inactive;            /* cancelled or skipped */
  guint  assignments;         /* staff × active occurrence */
  char  *checksum;            /* SHA-256 over every occurrence and its staff */
} RkGenSummary;

/* 50 hubs, 300 staff, 5 years, seed 1, from fiscal year 2026. */
void      rk_gen_params_init   (RkGenParams        *params);
/* The parameters as one line; the generator stores it in the database's
 * settings ("bench_generator") so a reused database can be recognised. */
char     *rk_gen_params_to_string (const RkGenParams *params);

RkDay     rk_gen_first_day     (const RkGenParams  *params);
RkDay     rk_gen_last_day      (const RkGenParams  *params);

/* Fills an empty database in one transaction of its own. stats may be NULL;
 * clear it with rk_gen_stats_clear(). */
gboolean  rk_generate          (RkStore            *store,
                                const RkGenParams  *params,
                                RkGenStats         *stats,
                                GError            **error);
void      rk_gen_stats_clear   (RkGenStats         *stats);

/* Loads everything and expands [from, to]; clear with rk_gen_summary_clear(). */
gboolean  rk_gen_summarize     (RkStore            *store,
                                RkDay               from,
                                RkDay               to,
                                RkGenSummary       *summary,
                                GError            **error);
void      rk_gen_summary_clear (RkGenSummary       *summary);

G_END_DECLS
