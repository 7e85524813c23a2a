#pragma once

/* What the files of the printed month share: the model copied out of the
 * schedule (rk-month-report.c), the display list and its drawing helpers
 * (rk-month-layout.c), the calendar page (rk-month-calendar.c), the agenda
 * (rk-month-agenda.c) and the roster (rk-month-roster.c). */

#include <pango/pangocairo.h>

#include "rk-month-report.h"
#include "rk-report-font.h"

G_BEGIN_DECLS

/* The print is made for Japanese families and always uses a Japanese
 * gothic (rk-report-font.h) with the language set to Japanese, so that
 * shared Han code points take their Japanese glyph forms whatever the
 * session's locale. */
#define FONT_FAMILY RK_REPORT_FONT_FAMILY
/* Baselines of wrapped lines this many line heights apart (1.1 em each
 * in IPAexGothic: about 1.4 em). */
#define LINE_SPACING 1.1

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb C_TEXT     = { 0.13, 0.13, 0.13 };
static const Rgb C_MUTED    = { 0.40, 0.40, 0.40 };
static const Rgb C_FAINT    = { 0.68, 0.68, 0.68 };
static const Rgb C_RULE     = { 0.62, 0.62, 0.62 };
static const Rgb C_FRAME    = { 0.30, 0.30, 0.30 };
static const Rgb C_RED      = { 0.80, 0.14, 0.14 };
static const Rgb C_BLUE     = { 0.10, 0.34, 0.70 };
static const Rgb C_HEAD     = { 0.33, 0.33, 0.33 };
static const Rgb C_RED_BG   = { 0.995, 0.925, 0.925 };
static const Rgb C_BLUE_BG  = { 0.925, 0.950, 0.995 };
static const Rgb C_OTHER_BG = { 0.955, 0.955, 0.955 };
static const Rgb C_CLOSED_BG = { 0.93, 0.93, 0.93 };
static const Rgb C_HATCH    = { 0.72, 0.72, 0.72 };
static const Rgb C_WHITE    = { 1.0, 1.0, 1.0 };
static const Rgb C_NO_PROGRAM = { 0.55, 0.55, 0.55 };

/* Few text sizes: every size is a font of its own to load glyphs for. */
#define PT_TINY  4.8
#define PT_SMALL 6.2
#define PT_BODY  7.4
#define PT_SECONDARY 8.0
#define PT_MED   8.8
#define PT_BIG   11.0
#define PT_HEAD  13.0
#define PT_DATE  20.0

#define M_TEXT   "#222222"
#define M_RED    "#CC2424"
#define M_BLUE   "#1A57B3"
#define M_MUTED  "#666666"
#define M_ORANGE "#D35400"
#define M_STAFF  "#1B5E57"


/* ---------------------------------------------------------------------- */
/* What the pages show, copied out of the schedule.                        */

typedef struct
{
  gint64   staff_id;
  gboolean tentative;
  gboolean double_booked;   /* `check` finds them elsewhere at the same time */
} StaffMark;

typedef struct
{
  RkDay     day;
  RkMinute  start;
  char     *time_text;
  char     *start_text;     /* the start alone, for one-line entries */
  gboolean  all_day;        /* whole days: printed without times */
  char     *title;
  char     *place;          /* venue（room）, or the room alone on a one-venue print */
  char     *venue_name;     /* NULL on a one-venue print */
  char     *room_name;
  char     *audience;
  char     *bring;
  char     *notes;          /* staff version only */
  char     *staff_short;    /* staff version only: names */
  char     *staff_full;     /* staff version only: names with roles */
  char     *shortage;       /* staff version only: roles missing, NULL when none */
  char     *moved;          /* staff version: where it was moved from and why */
  Rgb       color;
  gint64    program_id;
  const char *symbol;       /* the program's letter (ⓐ), NULL for none */
  gboolean  tentative;
  gboolean  cancelled;
  GArray   *staff;          /* StaffMark, active occurrences only */
  const RkSRoom *room;      /* only while the model is built */
} Item;

typedef struct
{
  RkDay       day;
  int         mday;
  int         weekday;      /* 1 Monday .. 7 Sunday */
  gboolean    in_month;
  const char *holiday;      /* static, from rk-holidays */
  char       *closed;       /* badge when closed_all, NULL when open */
  gboolean    closed_all;   /* every venue of the print is closed */
  char       *closed_line;  /* why, or which venues: a line in the cell */
  GPtrArray  *items;        /* Item*, owned by the report's items */
} DayInfo;

typedef struct
{
  gint64  id;
  char   *name;
  char   *audience;
  char   *bring;
  Rgb     color;
  const char *symbol;       /* ⓐ, ⓑ…: the program without colour */
} LegendEntry;

typedef struct
{
  gint64  id;
  char   *name;
  char   *kana;
  RkRole  role;
} RosterRow;

/* ---------------------------------------------------------------------- */
/* Laid-out pages: a display list per page, built once per page size.      */

typedef enum
{
  OP_FILL,
  OP_STROKE,
  OP_LINE,
  OP_TEXT,
} OpKind;

typedef struct
{
  OpKind       kind;
  double       x, y, w, h;      /* OP_LINE: from (x, y) to (w, h) */
  double       line_width;
  Rgb          color;
  double       dash;            /* OP_STROKE: dash length, 0 for solid */
  double       cx, cy, cw, ch;  /* OP_TEXT: clip rectangle, cw = 0 for none */
  PangoLayout *layout;
} Op;

typedef struct
{
  double     width, height;
  GPtrArray *pages;             /* GArray of Op */
} Pages;

struct _RkMonthReport
{
  GObject          parent_instance;

  RkReportOptions  options;
  char            *heading;     /* the hub name(s) */
  char            *subtitle;    /* "Event schedule" / "Joint event schedule" */
  char            *date_title;  /* 2026年（令和8年）12月 */
  gboolean         one_venue;
  GPtrArray       *contacts;    /* char*, markup, one line per venue */
  GPtrArray       *items;       /* Item* */
  GArray          *days;        /* DayInfo, the whole grid */
  int              n_weeks;
  GPtrArray       *legend;      /* LegendEntry* */
  GPtrArray       *roster;      /* RosterRow*, staff version */
  GArray          *notice_ids;  /* gint64: the venues whose notices the print shows */
  GPtrArray       *notice_names; /* char*, their names; NULL on a one-venue print */
  GPtrArray       *notices;     /* char*, markup: the month's notices (お知らせ) */
  GHashTable      *clashes;     /* staff version, while built: "staff/event/date" double bookings */
  gboolean         any_clash;   /* staff version: some double booking is marked */

  Pages           *pages;
};

/* ---------------------------------------------------------------------- */
/* Layout                                                                   */

typedef struct
{
  PangoLayout *title, *place, *info, *staff, *shortage, *notes;
  double       height;
  gboolean     cut;           /* some of it ellipsized or left out */
} Block;

typedef struct
{
  guint     shown;            /* items drawn; the rest as "N more" */
  Block    *blocks;           /* one per item of the day */
  guint     n_blocks;
  int       agenda_page;      /* where the day's full list starts, -1 none */
} CellFit;

typedef struct
{
  RkMonthReport        *self;
  PangoContext         *ctx;
  PangoFontDescription *font;
  double                W, H;
  double                margin;
  gboolean              staff;
  gboolean              landscape;
  double                cell_title_pt; /* event titles in the day cells */
  double                cell_small_pt; /* their place, staff, shortage lines */
  double                cell_line_h;   /* one line of an event's title */
  double                small_line_h;  /* one secondary line */
  GPtrArray            *pages;     /* GArray of Op */
  GHashTable           *memo;      /* rk_report_text_memo: layouts by what they hold */
} Builder;

/* ---------------------------------------------------------------------- */

typedef struct
{
  double x, y, w, h;          /* the grid's frame */
  double head_h;              /* weekday header */
  double cell_w;
  double row_y[6], row_h[6];  /* each week as tall as its content needs */
  double band_y, band_h;      /* legend and contact under the grid */
  gboolean legend_on_page;
  gboolean contacts_on_page;
  gboolean notices_on_page;
} CalendarGeometry;

typedef enum
{
  FLOW_DAY,
  FLOW_ITEM,
  FLOW_HEAD,                  /* a heading of its own: programs, contacts */
  FLOW_LEGEND,
  FLOW_CONTACT,
  FLOW_NOTICE,
} FlowKind;

typedef struct
{
  FlowKind       kind;
  const DayInfo *day;
  const Item    *item;
  int            index;       /* day index in self->days */
  guint          legend_index; /* FLOW_LEGEND, FLOW_CONTACT: which one */
  const char    *heading;      /* FLOW_HEAD */
} FlowEntry;

/* Cell text sizes are chosen per month (rk_report_pages_build): the
 * largest at which the month fits, titles 9 pt and more wherever it can. */
#define CELL_GAP      1.6
#define BAR_W         2.0
#define CELL_HEAD_H   14.5
#define CELL_PAD      2.6

#define LEGEND_PT   PT_SECONDARY
#define CONTACT_PT  PT_SECONDARY
#define SWATCH      6.0

/* rk-report-pages.c: what every printed document shares */
/* The measuring context of pages width × height (margin 4 %), laid out into pages. */
void         rk_report_builder_init      (Builder *b, double width, double height,
                                          GPtrArray *pages);
void         rk_report_builder_clear     (Builder *b);
void         rk_report_ops_draw          (cairo_t *cr, GArray *ops);
typedef void (*RkReportDrawFunc) (gpointer data, cairo_t *cr, int page, double width,
                                  double height);
/* n_pages drawn by draw into a PDF in memory (written out through
 * rk_output_write_file). */
GBytes      *rk_report_pdf_pages_bytes   (double width, double height, const char *title,
                                          int n_pages, RkReportDrawFunc draw, gpointer data,
                                          GError **error);

/* rk-month-report.c */
gboolean    rk_report_is_blank            (const char *s);
/* The reason written for the closing that closes venue on day; NULL when
 * none was given or it is open. */
const char *rk_report_closing_reason      (const RkSVenue *venue, RkDay day);
/* FALSE with RK_ERROR_NOT_FOUND when venue_id (0: every venue) is none. */
gboolean    rk_report_check_venue         (RkSchedule *schedule, gint64 venue_id,
                                           GError **error);
/* "Closed: Mon, national holidays" of v's weekly rules, NULL without. */
char       *rk_report_weekly_closing_text (const RkSVenue *venue);
/* Closed every week on weekday (1 Monday .. 7 Sunday). */
gboolean    rk_report_venue_weekly_closed (const RkSVenue *venue, int weekday);

/* rk-month-layout.c: words of the print language */
/* Short weekday name, 0 Sunday .. 6 Saturday: 日, Sun. */
const char  *rk_report_weekday           (int wd);
/* "、" between names in Japanese, ", " in English. */
const char  *rk_report_list_sep          (void);
/* 10:00〜12:00 / 10:00–12:00 */
const char  *rk_report_range_sep         (void);
/* 2026年（令和8年）12月 / December 2026 */
char        *rk_report_month_title       (int year, int month);
/* Appends sep and format (a translated "Label: %s") with value, escaped. */
void         rk_report_append_field      (GString *s, const char *sep, const char *format,
                                          const char *value);
/* 12月9日 / Dec 9 */
char        *rk_report_month_day         (int month, int mday);

/* rk-month-layout.c: the display list and what every page draws with */
void         rk_report_op_clear          (gpointer data);
void         rk_report_pages_free        (Pages *p);
Pages       *rk_report_pages_build       (RkMonthReport *self, double width, double height);
GArray      *rk_report_page_new          (Builder *b);
void         rk_report_op_rect           (GArray *page, OpKind kind, double x, double y,
                                          double w, double h, Rgb c, double lw);
void         rk_report_op_dashed         (GArray *page, double x, double y, double w, double h,
                                          Rgb c, double lw, double dash);
void         rk_report_op_line           (GArray *page, double x1, double y1, double x2,
                                          double y2, Rgb c, double lw);
void         rk_report_op_text_clipped   (GArray *page, PangoLayout *layout, double x, double y,
                                          Rgb c, double cx, double cy, double cw, double ch);
void         rk_report_op_text           (GArray *page, PangoLayout *layout, double x, double y,
                                          Rgb c);
PangoLayout *rk_report_text_new          (Builder *b, const char *markup, double size,
                                          double width, int max_lines);
/* The same, shared: one layout per markup, size, width and max_lines while
 * b is built (a month repeats its weekly events, rooms and day numbers);
 * a new reference. Never change what it returns. */
PangoLayout *rk_report_text_memo         (Builder *b, const char *markup, double size,
                                          double width, int max_lines);
double       rk_report_text_height       (PangoLayout *l);
double       rk_report_text_width        (PangoLayout *l);
gboolean     rk_report_is_red_day        (const DayInfo *d);
const char  *rk_report_day_markup_color  (const DayInfo *d);
Rgb          rk_report_day_color         (const DayInfo *d);
char        *rk_report_day_long_text     (const DayInfo *d);
char        *rk_report_item_title_markup (const Item *it, gboolean bold_title,
                                          gboolean start_only);
void         rk_report_block_clear       (Block *bl);
double       rk_report_title_draw        (Builder *b, GArray *page, double x, double y, double w,
                                          gboolean small);
double       rk_report_flow_header       (Builder *b, GArray *page, const char *section);

/* rk-month-calendar.c: the calendar page, its legend and contacts */
/* Diagonal lines over a rectangle: closed, told from other months' grey. */
void         rk_report_hatch             (GArray *page, double x, double y, double w, double h);
double       rk_report_block_draw        (GArray *page, const Block *bl, const Item *it, double x,
                                          double y, double cx, double cy, double cw, double ch);
PangoLayout *rk_report_legend_layout     (Builder *b, const LegendEntry *l, double size,
                                          double width);
int          rk_report_legend_columns    (Builder *b);
double       rk_report_legend_measure    (Builder *b, double col_w, PangoLayout **layouts);
double       rk_report_contacts_measure  (Builder *b, double width, GPtrArray *out);
void         rk_report_contacts_draw     (Builder *b, GArray *page, double x, double y, double w);
/* The month's notices in a framed box headed お知らせ; its height. */
double       rk_report_notices_measure   (Builder *b, double width);
void         rk_report_notices_draw      (Builder *b, GArray *page, double x, double y, double w);
/* One notice as a flowing paragraph (the agenda pages). */
PangoLayout *rk_report_notice_layout     (Builder *b, guint index, double width);
void         rk_report_cell_fit          (Builder *b, const DayInfo *d, double width,
                                          double avail, CellFit *fit, gboolean *in_agenda);
PangoLayout *rk_report_no_events_layout  (Builder *b, double width);
void         rk_report_block_measure_cell (Builder *b, const Item *it, double width, int level,
                                           Block *bl);
/* Chooses the cells' type size and the weeks' heights for g (whose frame
 * is set), and what each day shows; cut[i] (allocated here, one flag per
 * event of day i) marks what goes to the agenda. TRUE when everything
 * fits in full. */
gboolean     rk_report_calendar_fit      (Builder *b, CalendarGeometry *g, CellFit *fits,
                                          gboolean **cut);
void         rk_report_calendar_layout   (Builder *b, GArray *page, CalendarGeometry *g,
                                          CellFit *fits);

/* rk-month-agenda.c: the events that did not fit, in full */
void         rk_report_flow_layout       (Builder *b, GArray *flow, const char *section,
                                          int *day_page);

/* rk-month-roster.c: staff × dates */
void         rk_report_roster_layout     (Builder *b);

G_END_DECLS

/* Last: _() and C_() take the print language of the document being built. */
#include "rk-print-i18n.h"
