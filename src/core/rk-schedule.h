#pragma once

#include <glib.h>

#include "rk-roles.h"
#include "rk-time.h"

G_BEGIN_DECLS

/* A read-only snapshot of what a date range needs: the rules (occurrence
 * expansion, conflict checks, prints, exports) work over it as plain data,
 * so they run without a database and without per-row GObject cost. */

typedef enum
{
  RK_CLOSING_DATE,
  RK_CLOSING_RANGE,
  RK_CLOSING_WEEKDAY,
  RK_CLOSING_YEARLY,
} RkClosingKind;

typedef struct
{
  gint64         id;
  RkClosingKind  kind;
  RkDay          start, end;           /* date and range */
  int            weekday;              /* 1 = Monday .. 7 = Sunday */
  int            start_md, end_md;     /* yearly: month * 100 + day */
  char          *reason;
} RkClosing;

typedef struct
{
  gint64    id;
  char     *name;
  char     *kind;
  char     *address;
  char     *contact;
  gboolean  closed_on_holidays;
  GArray   *closings;                  /* RkClosing */
} RkSVenue;

typedef struct
{
  gint64    id;
  RkSVenue *venue;
  char     *name;
  int       capacity;
  char     *features;
} RkSRoom;

typedef struct
{
  gint64    id;
  char     *name;
  gint64    venue_id;
} RkSEquipment;

/* A weekly window a person can work: weekday 1 (Monday) .. 7, minutes of
 * the day [start, end). */
typedef struct
{
  int       weekday;
  int       start, end;
} RkSWindow;

typedef struct
{
  gint64    id;
  char     *name;
  char     *kana;
  RkRole    role;
  char     *org;
  gboolean  active;
  GArray   *windows;                   /* RkSWindow; NULL or empty: any time */
  int       max_week_minutes;          /* 0: no limit */
  int       max_sessions_month;        /* 0: no limit */
} RkSStaff;

typedef struct
{
  gint64    id;
  char     *name;
  int       duration;
  char     *audience;
  char     *bring;
  char     *color;
  gboolean  staff_only;
  int       required[RK_N_ROLES];      /* the minimum */
  int       wish[RK_N_ROLES];          /* >= required: if possible */
} RkSProgram;

typedef enum
{
  RK_EXCEPTION_CANCELLED,
  RK_EXCEPTION_MOVED,
  RK_EXCEPTION_SKIPPED,
} RkExceptionKind;

typedef struct
{
  RkDay            occ_date;
  RkExceptionKind  kind;
  RkMinute         start, end;         /* moved */
  char            *reason;
} RkSException;

typedef struct
{
  gint64    staff_id;
  RkDay     occ_date;                  /* 0: the whole series */
  gboolean  excluded;
  gboolean  tentative;
} RkSAssign;

typedef struct
{
  gint64           id;
  RkSProgram      *program;
  char            *title;
  RkMinute         start, end;
  RkSRoom         *room;
  int              capacity;           /* -1: not set */
  char            *notes;
  char            *rrule;
  RkHolidayPolicy  policy;
  gboolean         tentative;
  gboolean         cancelled;
  gboolean         all_day;            /* whole days: start and end at midnight */
  char            *tzid;               /* the zone the series repeats in; NULL: the
                                        * database's (an event read from another calendar) */
  int              sequence_base;      /* its .ics SEQUENCE is sequence_base + version - 1 */
  char            *uid;
  gint64           version;
  GArray          *exceptions;         /* RkSException, sorted by occ_date */
  GArray          *assigns;            /* RkSAssign */
  GArray          *equipment;          /* gint64 */
} RkSEvent;

typedef struct
{
  gint64    staff_id;
  RkMinute  start, end;
  char     *reason;
} RkSUnavailable;

typedef struct
{
  char        *timezone;
  int          travel_gap;             /* minutes between two venues */
  int          tentative_days;
  int          week_start;             /* 1 Monday, 7 Sunday */
  RkDay        from, to;               /* the range loaded */
  GHashTable  *venues;                 /* gint64* → RkSVenue */
  GHashTable  *rooms;
  GHashTable  *programs;
  GHashTable  *staff;
  GHashTable  *equipment;
  GPtrArray   *events;                 /* RkSEvent */
  GArray      *unavailable;            /* RkSUnavailable, sorted by start */
  /* Attendance records of the loaded occurrences (rk-store-attendance.h),
   * NULL when none were read; how many days after an occurrence its
   * record is due. */
  GHashTable  *attendance;
  int          attendance_due_days;
  /* Of a load that read only which occurrences have a record: the
   * table's keys (gint64), its records (RkAttendance, counts of zero) and
   * their one empty list of consultations. */
  GArray      *attendance_keys;
  GArray      *attendance_stubs;
  GArray      *attendance_none;
} RkSchedule;

RkSchedule  *rk_schedule_new            (void);
void         rk_schedule_free           (RkSchedule *schedule);
/* A schedule the caller may change as one it loaded: its own events
 * (their arrays and texts), periods away and settings. The reference
 * tables and the attendance tables, which nobody changes in a loaded
 * schedule, are shared. */
RkSchedule  *rk_schedule_copy           (const RkSchedule *schedule);
RkSVenue    *rk_schedule_venue          (RkSchedule *schedule, gint64 id);
RkSRoom     *rk_schedule_room           (RkSchedule *schedule, gint64 id);
RkSProgram  *rk_schedule_program        (RkSchedule *schedule, gint64 id);
RkSStaff    *rk_schedule_staff          (RkSchedule *schedule, gint64 id);
RkSEquipment *rk_schedule_equipment     (RkSchedule *schedule, gint64 id);
RkSEvent    *rk_schedule_event          (RkSchedule *schedule, gint64 id);

/* The event's title for people: its own title, else its program's name. */
const char  *rk_sevent_title            (const RkSEvent *event);
RkSVenue    *rk_sevent_venue            (const RkSEvent *event);
const RkSException *rk_sevent_exception (const RkSEvent *event, RkDay occ_date);
/* Of a program for staff only: never on the families' print or exports. */
gboolean     rk_sevent_staff_only       (const RkSEvent *event);

/* Is the venue closed that day by one of its closing days (or by national
 * holidays when it closes on them)? reason (optional) tells why. */
gboolean     rk_venue_closed_on         (const RkSVenue *venue, RkDay day, const char **reason);
/* The same for many days of a range (a check or an expansion of a year
 * asks it for every occurrence): each venue's closed days of [from, to]
 * worked out once, at its first question; other days are asked of
 * rk_venue_closed_on(), and so is the reason of a closed day. Holds for as
 * long as no venue's closing days change: make one for a pass and free it
 * at its end. A range of more than a few years is not indexed. */
typedef struct _RkClosedDays RkClosedDays;
RkClosedDays *rk_closed_days_new        (RkDay from, RkDay to);
void         rk_closed_days_free        (RkClosedDays *closed);
gboolean     rk_closed_days_test        (RkClosedDays *closed, const RkSVenue *venue, RkDay day,
                                         const char **reason);
/* rk_is_holiday_day() of a day, from the index when the day is in its range. */
gboolean     rk_closed_days_holiday     (RkClosedDays *closed, RkDay day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkSchedule, rk_schedule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkClosedDays, rk_closed_days_free)

/* Whether ids (gint64, may be NULL) holds id. */
gboolean     rk_ids_contain        (GArray *ids, gint64 id);
/* Orders two gint64 (ids) for g_array_sort() and qsort(). */
int          rk_id_compare         (gconstpointer a, gconstpointer b);

G_END_DECLS
