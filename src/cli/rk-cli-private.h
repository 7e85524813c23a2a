#pragma once

#include <json-glib/json-glib.h>

#include "rk-check.h"
#include "rk-error.h"
#include "rk-expand.h"
#include "rk-store.h"

G_BEGIN_DECLS

enum
{
  RK_EXIT_OK = 0,
  RK_EXIT_PROBLEMS = 1,
  RK_EXIT_INPUT = 2,
  RK_EXIT_DATABASE = 3,
};

typedef enum
{
  RK_FLAG_BOOL,
  RK_FLAG_VALUE,
} RkFlagKind;

typedef struct
{
  const char *name;        /* without the leading dashes */
  RkFlagKind  kind;
} RkFlag;

typedef struct
{
  const char  *db_path;
  GHashTable  *flags;      /* name → value ("" for booleans) */
  GPtrArray   *pos;        /* positional arguments */
} RkArgs;

typedef int (*RkCommandFunc) (RkArgs *args);

typedef struct
{
  const char    *name;     /* "staff add" */
  RkCommandFunc  func;
  const RkFlag  *flags;    /* NULL-terminated */
  guint          n_pos;    /* positional arguments expected */
  const char    *usage;
} RkCommand;

/* Prints "renkei-cli: MESSAGE" and returns the exit code for the error. */
int          rk_cli_fail         (GError *error);
int          rk_cli_input_error  (const char *format, ...) G_GNUC_PRINTF (1, 2);

gboolean     rk_args_has         (RkArgs *args, const char *name);
const char  *rk_args_get         (RkArgs *args, const char *name);

/* Typed flag readers: on a bad value they set error (RK_ERROR_INVALID) naming
 * the flag; a missing optional flag leaves *out unchanged and returns TRUE. */
gboolean     rk_args_id          (RkArgs *args, const char *name, gboolean required, gint64 *out,
                                  GError **error);
gboolean     rk_args_int         (RkArgs *args, const char *name, gboolean required, int min,
                                  int max, int *out, GError **error);
gboolean     rk_args_date        (RkArgs *args, const char *name, gboolean required, RkDay *out,
                                  GError **error);
gboolean     rk_args_time        (RkArgs *args, const char *name, gboolean required,
                                  RkMinute *out, GError **error);
gboolean     rk_args_text        (RkArgs *args, const char *name, gboolean required,
                                  const char **out, GError **error);
gboolean     rk_args_id_list     (RkArgs *args, const char *name, GArray **out, GError **error);
gboolean     rk_parse_id         (const char *text, const char *what, gint64 *out, GError **error);
/* The date range of --from/--to, defaulting to today .. today + 3 months. */
gboolean     rk_args_range       (RkArgs *args, RkStore *store, RkDay *from, RkDay *to,
                                  GError **error);

/* At most RK_MAX_RANGE_DAYS from from to to. */
gboolean     rk_check_span       (RkDay from, RkDay to, GError **error);
RkStore     *rk_cli_open_store   (RkArgs *args, GError **error);
/* Runs func inside one transaction: commit on success, roll back otherwise. */
typedef gboolean (*RkTxFunc) (RkStore *store, gpointer data, GError **error);
gboolean     rk_cli_transaction  (RkStore *store, RkTxFunc func, gpointer data, GError **error);

void         rk_cli_print_json   (JsonNode *node);
/* Prints what b built and returns RK_EXIT_OK. */
int          rk_cli_print_builder (JsonBuilder *b);
/* A list command's output: with --json an array of one object per item
 * (json adds the item's members), else one line per item (line prints
 * it); data is passed to both. The exit code. */
typedef void (*RkCliItemJson) (JsonBuilder *b, gpointer item, gpointer data);
typedef void (*RkCliItemLine) (gpointer item, gpointer data);
int          rk_cli_print_list   (RkArgs        *args,
                                  GPtrArray     *list,
                                  RkCliItemJson  json,
                                  RkCliItemLine  line,
                                  gpointer       data);
void         rk_json_add_id      (JsonBuilder *b, const char *member, gint64 id);
void         rk_json_add_string  (JsonBuilder *b, const char *member, const char *value);
/* member: {"ROLE": N} for the roles with N > 0. */
void         rk_json_add_role_counts (JsonBuilder *b, const char *member,
                                      const int counts[RK_N_ROLES]);

/* "--NAME is required" (RK_ERROR_INVALID); FALSE. */
gboolean     rk_args_missing     (const char *name, GError **error);
/* Adds obj (a staff member, venue, room, equipment or program) in one
 * transaction and prints its new id; the exit code. */
int          rk_cli_add_and_print (RkArgs *args, GObject *obj);

/* Writes the whole file or nothing; "-" is standard output. */
gboolean     rk_cli_write_output (const char *path, const char *data, gsize length,
                                  GError **error);

/* Reads the event field flags of add/edit into event (only those given). */
gboolean     rk_cli_event_fields (RkArgs *args, RkEvent *event, GError **error);
/* Whole days (--all-day), and --start/--end as times or as days. */
gboolean     rk_cli_event_all_day (RkArgs *args, RkEvent *event);
gboolean     rk_cli_event_time    (RkArgs *args, const char *name, gboolean all_day,
                                   gboolean required, RkMinute *out, GError **error);

/* Commands */
int rk_cmd_event_add     (RkArgs *args);
int rk_cmd_event_list    (RkArgs *args);
int rk_cmd_event_cancel  (RkArgs *args);
int rk_cmd_event_move    (RkArgs *args);
int rk_cmd_event_edit    (RkArgs *args);
int rk_cmd_event_confirm (RkArgs *args);
int rk_cmd_assign        (RkArgs *args);
int rk_cmd_unassign      (RkArgs *args);
int rk_cmd_check         (RkArgs *args);
int rk_cmd_suggest       (RkArgs *args);
int rk_cmd_staff_schedule (RkArgs *args);
int rk_cmd_holidays      (RkArgs *args);
int rk_cmd_find_time     (RkArgs *args);
int rk_cmd_staff_availability (RkArgs *args);
int rk_cmd_staff_plan    (RkArgs *args);
int rk_cmd_staff_add        (RkArgs *args);
int rk_cmd_staff_list       (RkArgs *args);
int rk_cmd_staff_unavailable (RkArgs *args);
int rk_cmd_staff_deactivate (RkArgs *args);
int rk_cmd_staff_activate   (RkArgs *args);
int rk_cmd_venue_add        (RkArgs *args);
int rk_cmd_venue_list       (RkArgs *args);
int rk_cmd_venue_close      (RkArgs *args);
int rk_cmd_room_add         (RkArgs *args);
int rk_cmd_room_list        (RkArgs *args);
int rk_cmd_equipment_add    (RkArgs *args);
int rk_cmd_equipment_list   (RkArgs *args);
int rk_cmd_program_add      (RkArgs *args);
int rk_cmd_program_list     (RkArgs *args);
int rk_cmd_settings (RkArgs *args);
int rk_cmd_settings_set (RkArgs *args);
int rk_cmd_export (RkArgs *args);
int rk_cmd_import (RkArgs *args);
int rk_cmd_venue_notice (RkArgs *args);
int rk_cmd_bench (RkArgs *args);
int rk_cmd_attendance_set (RkArgs *args);
int rk_cmd_attendance_clear (RkArgs *args);
int rk_cmd_attendance_list (RkArgs *args);
int rk_cmd_report_annual (RkArgs *args);
int rk_cmd_server_init (RkArgs *args);
int rk_cmd_db_copy (RkArgs *args);

extern const RkFlag rk_event_add_flags[];
extern const RkFlag rk_event_edit_flags[];
extern const RkFlag rk_find_time_flags[];
extern const RkFlag rk_staff_availability_flags[];
extern const RkFlag rk_staff_plan_flags[];
extern const RkFlag rk_settings_flags[];
extern const RkFlag rk_settings_set_flags[];
extern const RkFlag rk_export_flags[];
extern const RkFlag rk_import_flags[];
extern const RkFlag rk_venue_notice_flags[];
extern const RkFlag rk_bench_flags[];
extern const RkFlag rk_attendance_set_flags[];
extern const RkFlag rk_attendance_clear_flags[];
extern const RkFlag rk_attendance_list_flags[];
extern const RkFlag rk_report_annual_flags[];
extern const RkFlag rk_server_init_flags[];
extern const RkFlag rk_db_copy_flags[];

G_END_DECLS
