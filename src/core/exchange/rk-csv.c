#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "rk-attendance.h"
#include "rk-csv.h"
#include "rk-error.h"
#include "rk-roles.h"
#include "rk-staff.h"

#define UTF8_BOM "\xEF\xBB\xBF"
/* Shift_JIS as Windows writes it: the NEC and IBM extensions (①, ㈱, 髙)
 * that Japanese offices type every day. */
#define SJIS_CHARSET "CP932"

/* Separates several people in the staff and staff_phone cells. */
#define LIST_SEP "; "

/* ---- export ------------------------------------------------------------- */

static void
put_field (GString *out, const char *text, gboolean first)
{
  gsize n = text ? strlen (text) : 0;

  if (!first)
    g_string_append_c (out, ',');
  if (n == 0)
    return;
  if (strpbrk (text, ",\"\r\n") || g_ascii_isspace (text[0]) || g_ascii_isspace (text[n - 1]))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static void
end_row (GString *out)
{
  /* RFC 4180 and Excel: CRLF. */
  g_string_append (out, "\r\n");
}

static GBytes *
encode (GString *text, RkCsvEncoding encoding, GError **error)
{
  g_autoptr(GError) local = NULL;
  gsize read = 0, written = 0;
  char *converted;

  if (encoding == RK_CSV_UTF8)
    {
      g_string_prepend (text, UTF8_BOM);
      return g_bytes_new (text->str, text->len);
    }
  converted = g_convert (text->str, text->len, SJIS_CHARSET, "UTF-8", &read, &written, &local);
  if (converted == NULL)
    {
      g_autofree char *what = NULL;
      guint line = 1;

      if (read < text->len)
        what = g_utf8_substring (text->str + read, 0, 1);
      for (gsize i = 0; i < read; i++)
        line += text->str[i] == '\n';
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Line %u has “%s”, which Shift_JIS cannot hold; export with --encoding "
                     "utf-8"),
                   line, what ? what : "?");
      return NULL;
    }
  return g_bytes_new_take (converted, written);
}

static void
staff_cells (RkSchedule *schedule, GHashTable *details, const RkOcc *o, char **names,
             char **phones)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) n = g_string_new (NULL);
  g_autoptr(GString) p = g_string_new (NULL);
  gboolean any_phone = FALSE;

  rk_occ_staff (o, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      RkSStaff *st = rk_schedule_staff (schedule, id);
      RkStaff *d = details ? g_hash_table_lookup (details, &id) : NULL;
      const char *phone = d ? rk_staff_get_phone (d) : NULL;

      if (st == NULL)
        continue;
      if (n->len)
        {
          g_string_append (n, LIST_SEP);
          g_string_append (p, LIST_SEP);
        }
      g_string_append_printf (n, "%s (%s)", st->name, rk_role_label (st->role));
      if (phone && *phone)
        {
          g_string_append (p, phone);
          any_phone = TRUE;
        }
    }
  *names = g_strdup (n->str);
  *phones = g_strdup (any_phone ? p->str : "");
}

/* An occurrence's attendance record; empty cells when none was entered. */
static void
attendance_cells (GString *out, const RkAttendance *a)
{
  g_autofree char *consultations = a ? rk_attendance_format_consultations (a) : NULL;

  for (guint i = 0; i < RK_N_COUNTS; i++)
    {
      char n[16];
      g_snprintf (n, sizeof n, "%d", a ? a->counts[i] : 0);
      put_field (out, a ? n : NULL, FALSE);
    }
  put_field (out, consultations, FALSE);
  put_field (out, a ? a->notes : NULL, FALSE);
}

GBytes *
rk_csv_export (RkSchedule *schedule, GHashTable *staff_details, const RkExportOptions *options,
               RkCsvEncoding encoding, GError **error)
{
  static const char * const public_cols[] = {
    "date", "start", "end", "title", "program", "venue", "room", "status", "audience", "uid",
  };
  static const char * const staff_cols[] = {
    "date", "start", "end", "title", "program", "venue", "room", "status", "audience",
    "staff", "staff_phone", "notes", "reason",
    /* what happened: counts only */
    "families", "adults", "children", "pregnant", "residents", "nonresidents", "first_time",
    "consultations", "attendance_notes", "uid",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) occs = NULL;
  const char * const *cols = options->staff ? staff_cols : public_cols;
  guint n_cols = options->staff ? G_N_ELEMENTS (staff_cols) : G_N_ELEMENTS (public_cols);

  g_return_val_if_fail (options->from != 0, NULL);

  occs = rk_schedule_expand (schedule, options->from, options->to, error);
  if (occs == NULL)
    return NULL;
  for (guint i = 0; i < n_cols; i++)
    put_field (out, cols[i], i == 0);
  end_row (out);

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      const RkSEvent *e = o->event;
      RkSVenue *venue = rk_sevent_venue (e);
      char date[11], start[17], end[17];
      g_autofree char *uid = NULL;

      if (!rk_export_wants_event (e, options))
        continue;
      rk_date_format_buf (rk_occ_day (o), date);
      rk_time_format_buf (o->start, start);
      rk_time_format_buf (o->end, end);
      /* Each row stands alone in a spreadsheet: an occurrence of a series
       * is named by the series and its planned date. */
      if (e->rrule && *e->rrule)
        {
          char d[11];
          uid = g_strdup_printf ("%s/%s", e->uid, rk_date_format_buf (o->orig_date, d));
        }
      else
        uid = g_strdup (e->uid);

      put_field (out, date, TRUE);
      put_field (out, start + 11, FALSE);
      put_field (out, rk_minute_day (o->end) == rk_minute_day (o->start) ? end + 11 : end, FALSE);
      put_field (out, rk_sevent_title (e), FALSE);
      put_field (out, e->program ? e->program->name : NULL, FALSE);
      put_field (out, venue ? venue->name : NULL, FALSE);
      put_field (out, e->room ? e->room->name : NULL, FALSE);
      put_field (out, rk_occ_status_token (o->status), FALSE);
      put_field (out, e->program ? e->program->audience : NULL, FALSE);
      if (options->staff)
        {
          g_autofree char *names = NULL, *phones = NULL;

          staff_cells (schedule, staff_details, o, &names, &phones);
          put_field (out, names, FALSE);
          put_field (out, phones, FALSE);
          put_field (out, e->notes, FALSE);
          put_field (out, rk_occ_is_active (o) ? NULL : o->reason, FALSE);
          attendance_cells (out, rk_schedule_attendance (schedule, e->id, o->orig_date));
        }
      put_field (out, uid, FALSE);
      end_row (out);
    }
  return encode (out, encoding, error);
}

GBytes *
rk_csv_export_store (RkStore *store, const RkExportOptions *options, RkCsvEncoding encoding,
                     GError **error)
{
  g_autoptr(GHashTable) details = NULL;
  g_autoptr(RkSchedule) schedule = rk_export_load_with_details (store, options, &details, error);

  if (schedule == NULL)
    return NULL;
  return rk_csv_export (schedule, details, options, encoding, error);
}

/* ---- import: records ---------------------------------------------------- */

typedef struct
{
  guint      line;
  GPtrArray *fields;   /* char* */
} Record;

static void
record_free (gpointer data)
{
  Record *r = data;

  g_ptr_array_unref (r->fields);
  g_free (r);
}

/* RFC 4180, as Excel writes it: quoted fields may hold commas, quotes
 * ("") and line breaks; CRLF or LF ends a record. */
static GPtrArray *
parse_records (const char *text, GError **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *rec = NULL;
  const char *p = text;
  guint line = 1, quote_line = 0;
  gboolean quoted = FALSE, was_quoted = FALSE;

  for (;;)
    {
      char c = *p;

      if (rec == NULL)
        {
          if (c == '\0')
            break;
          rec = g_new0 (Record, 1);
          rec->line = line;
          rec->fields = g_ptr_array_new_with_free_func (g_free);
        }
      if (quoted)
        {
          if (c == '\0')
            {
              g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                           _("line %u: a quoted field (\"…) is never closed"), quote_line);
              record_free (rec);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
              continue;
            }
          if (c == '"')
            {
              quoted = FALSE;
              p++;
              continue;
            }
          if (c == '\n')
            line++;
          g_string_append_c (field, c);
          p++;
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          quote_line = line;
          p++;
          continue;
        }
      if (c == ',')
        {
          g_ptr_array_add (rec->fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          p++;
          continue;
        }
      if (c == '\r' || c == '\n' || c == '\0')
        {
          g_ptr_array_add (rec->fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          g_ptr_array_add (records, rec);
          rec = NULL;
          if (c == '\0')
            break;
          if (c == '\r' && p[1] == '\n')
            p++;
          p++;
          line++;
          continue;
        }
      g_string_append_c (field, c);
      p++;
    }
  return g_steal_pointer (&records);
}

/* ---- import: columns ---------------------------------------------------- */

enum
{
  COL_DATE,
  COL_START,
  COL_END,
  COL_TITLE,
  COL_PROGRAM,
  COL_VENUE,
  COL_ROOM,
  COL_STATUS,
  COL_STAFF,
  COL_NOTES,
  COL_REASON,
  COL_UID,
  N_COLS
};

static const struct
{
  int         col;
  const char *name;
} col_names[] = {
  { COL_DATE, "date" }, { COL_DATE, "日付" }, { COL_DATE, "開催日" },
  { COL_START, "start" }, { COL_START, "開始" }, { COL_START, "開始時刻" },
  { COL_END, "end" }, { COL_END, "終了" }, { COL_END, "終了時刻" },
  { COL_TITLE, "title" }, { COL_TITLE, "タイトル" }, { COL_TITLE, "件名" },
  { COL_TITLE, "行事名" }, { COL_TITLE, "名称" },
  { COL_PROGRAM, "program" }, { COL_PROGRAM, "プログラム" },
  { COL_VENUE, "venue" }, { COL_VENUE, "会場" }, { COL_VENUE, "拠点" },
  { COL_ROOM, "room" }, { COL_ROOM, "部屋" }, { COL_ROOM, "場所" },
  { COL_STATUS, "status" }, { COL_STATUS, "状態" },
  { COL_STAFF, "staff" }, { COL_STAFF, "スタッフ" }, { COL_STAFF, "担当" },
  { COL_NOTES, "notes" }, { COL_NOTES, "備考" }, { COL_NOTES, "メモ" },
  { COL_REASON, "reason" }, { COL_REASON, "理由" },
  { COL_UID, "uid" },
};

static int
column_of (const char *header)
{
  g_autofree char *norm = g_utf8_normalize (header, -1, G_NORMALIZE_NFKC);
  g_autofree char *key = norm ? g_utf8_strdown (g_strstrip (norm), -1) : NULL;

  for (guint i = 0; key && i < G_N_ELEMENTS (col_names); i++)
    if (g_strcmp0 (key, col_names[i].name) == 0)
      return col_names[i].col;
  return -1;
}

/* ---- import: values ----------------------------------------------------- */

/* 2026-11-08, 2026/11/8 (what Excel makes of a date). */
static gboolean
parse_day (const char *text, RkDay *out)
{
  int y, m, d, n = 0;
  char s1, s2;

  if (sscanf (text, "%4d%c%2d%c%2d%n", &y, &s1, &m, &s2, &d, &n) != 5 || text[n] != '\0' ||
      s1 != s2 || (s1 != '-' && s1 != '/'))
    return FALSE;
  if (rk_days_in_month (y, m) == 0 || d < 1 || d > rk_days_in_month (y, m))
    return FALSE;
  *out = rk_day_from_ymd (y, m, d);
  return TRUE;
}

/* 10:00, 9:30, 10:00:00; or a whole time "2026-11-08T10:00" / "2026/11/08 10:00". */
static gboolean
parse_when (const char *text, RkDay day, RkMinute *out)
{
  int h, m, s = 0, n = 0;
  const char *sep = strpbrk (text, "T ");

  if (sep)
    {
      g_autofree char *date = g_strndup (text, sep - text);

      if (!parse_day (date, &day))
        return FALSE;
      text = sep + 1;
    }
  if (sscanf (text, "%2d:%2d%n", &h, &m, &n) != 2)
    return FALSE;
  if (text[n] == ':')
    {
      int k = 0;
      if (sscanf (text + n, ":%2d%n", &s, &k) != 1)
        return FALSE;
      n += k;
    }
  if (text[n] != '\0' || h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 59 ||
      (h == 24 && (m || s)))
    return FALSE;
  *out = rk_minute_make (day, h * 60 + m);
  return TRUE;
}

static int
parse_status (const char *text)
{
  static const struct { const char *word; int status; } words[] = {
    { "", RK_OCC_SCHEDULED }, { "scheduled", RK_OCC_SCHEDULED }, { "予定", RK_OCC_SCHEDULED },
    { "tentative", RK_OCC_TENTATIVE }, { "仮", RK_OCC_TENTATIVE }, { "仮予定", RK_OCC_TENTATIVE },
    { "cancelled", RK_OCC_CANCELLED }, { "canceled", RK_OCC_CANCELLED },
    { "中止", RK_OCC_CANCELLED },
    { "skipped", RK_OCC_SKIPPED }, { "休み", RK_OCC_SKIPPED }, { "休止", RK_OCC_SKIPPED },
  };
  g_autofree char *key = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (key, words[i].word) == 0)
      return words[i].status;
  return -1;
}

/* "山田 花子 (保健師); 佐藤 (Nutritionist)" → the names. */
static GPtrArray *
parse_staff (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    {
      char *name = g_strstrip (parts[i]);
      char *paren = g_strrstr (name, " (");

      if (paren == NULL)
        paren = g_strrstr (name, "（");
      if (paren == NULL)
        paren = g_strrstr (name, "(");
      if (paren)
        *paren = '\0';
      g_strstrip (name);
      if (*name)
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

/* ---- import: rows ------------------------------------------------------- */

/* A row that changes one occurrence of a series already in the database. */
typedef struct
{
  guint            line;
  gint64           event_id;
  RkDay            date;
  gboolean         delete;       /* back to the plan */
  gboolean         set;
  RkExceptionKind  kind;
  RkMinute         start, end;
  char            *reason;
} OccChange;

static void
occ_change_clear (gpointer data)
{
  g_free (((OccChange *) data)->reason);
}

typedef struct
{
  RkStore       *store;
  RkImportMatch *match;
  RkSchedule    *all;         /* loaded for the first occurrence row */
  GHashTable    *all_by_uid;  /* uid → RkSEvent */
  GHashTable    *uids;        /* uid → line, the rows seen */
} CsvCtx;

static gboolean G_GNUC_PRINTF (3, 4)
row_fail (guint line, GError **error, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u: %s"), line, msg);
  return FALSE;
}

/* NULL for a column the header lacks; rows are padded to the header's
 * width first (see pad_record), and their cells are stripped in place. */
static char *
cell (Record *r, const int cols[N_COLS], int col)
{
  if (cols[col] < 0)
    return NULL;
  g_assert ((guint) cols[col] < r->fields->len);
  return g_ptr_array_index (r->fields, cols[col]);
}

/* The rule for a short row: the cells missing at its end are empty, as
 * when a spreadsheet or a person leaves out trailing commas.  A row that
 * then lacks a date, start or end is refused with its line like any other. */
static void
pad_record (Record *r, guint width)
{
  while (r->fields->len < width)
    g_ptr_array_add (r->fields, g_strdup (""));
}

static gboolean
load_all (CsvCtx *ctx, GError **error)
{
  if (ctx->all)
    return TRUE;
  ctx->all = rk_store_load_all (ctx->store, error);
  if (ctx->all == NULL)
    return FALSE;
  ctx->all_by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ctx->all->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (ctx->all->events, i);
      g_hash_table_insert (ctx->all_by_uid, e->uid, e);
    }
  return TRUE;
}

/* A "<series uid>/YYYY-MM-DD" row for a series this database has. */
static gboolean
occurrence_row (CsvCtx *ctx, Record *r, const char *uid, RkMinute start, RkMinute end,
                int status, const char *reason, GArray *changes, gboolean *handled,
                GError **error)
{
  const char *slash = strrchr (uid, '/');
  g_autofree char *base = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) occs = NULL;
  const RkSException *x;
  const RkOcc *o;
  RkSEvent *se;
  RkDay date;
  RkMinute planned;
  gint64 id;
  OccChange ch = { r->line };

  *handled = FALSE;
  if (slash == NULL || !rk_date_parse (slash + 1, &date))
    return TRUE;
  /* An event of its own already, from an earlier import of the file. */
  id = rk_store_find_event_by_uid (ctx->store, uid, &local);
  if (local == NULL && id == 0)
    {
      base = g_strndup (uid, slash - uid);
      id = rk_store_find_event_by_uid (ctx->store, base, &local);
      if (id == 0)
        return local == NULL ? TRUE : (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
    }
  else
    return local == NULL ? TRUE : (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
  if (!load_all (ctx, error))
    return FALSE;
  se = g_hash_table_lookup (ctx->all_by_uid, base);
  if (se == NULL || se->rrule == NULL)
    return TRUE;

  *handled = TRUE;
  occs = rk_event_expand (ctx->all, se, date > 31 ? date - 31 : 1, date + 31, NULL);
  o = rk_occ_find (occs, se->id, date);
  if (o == NULL || o->orig_date != date)
    return row_fail (r->line, error, _("the series %s has no occurrence planned on %s"),
                     base, slash + 1);
  x = rk_sevent_exception (se, date);
  planned = rk_minute_make (date, rk_minute_of_day (se->start));
  ch.event_id = se->id;
  ch.date = date;
  if (status == RK_OCC_CANCELLED || status == RK_OCC_SKIPPED)
    {
      RkExceptionKind kind = status == RK_OCC_CANCELLED ? RK_EXCEPTION_CANCELLED
                                                         : RK_EXCEPTION_SKIPPED;
      if ((int) o->status == status)
        return TRUE;
      ch.set = TRUE;
      ch.kind = kind;
    }
  else if (rk_occ_is_active (o) && o->start == start && o->end == end)
    return TRUE;
  else if (x && start == planned && end - start == se->end - se->start)
    ch.delete = TRUE;
  else
    {
      ch.set = TRUE;
      ch.kind = RK_EXCEPTION_MOVED;
      ch.start = start;
      ch.end = end;
    }
  ch.reason = g_strdup (reason && *reason ? reason : NULL);
  g_array_append_val (changes, ch);
  return TRUE;
}

static gboolean
read_row (CsvCtx *ctx, Record *r, const int cols[N_COLS], GPtrArray *items, GArray *changes,
          GError **error)
{
  g_autoptr(RkImportEvent) item = rk_import_event_new ();
  char *date_text = cell (r, cols, COL_DATE), *start_text = cell (r, cols, COL_START);
  char *end_text = cell (r, cols, COL_END), *title = cell (r, cols, COL_TITLE);
  char *program = cell (r, cols, COL_PROGRAM), *venue = cell (r, cols, COL_VENUE);
  char *room = cell (r, cols, COL_ROOM), *status_text = cell (r, cols, COL_STATUS);
  char *staff = cell (r, cols, COL_STAFF), *notes = cell (r, cols, COL_NOTES);
  char *reason = cell (r, cols, COL_REASON), *uid = cell (r, cols, COL_UID);
  gpointer seen;
  RkDay day;
  int status;
  gboolean handled = FALSE;

  item->line = r->line;
  if (!parse_day (g_strstrip (date_text), &day))
    return row_fail (r->line, error,
                     _("the date “%s” is not a date written YYYY-MM-DD"), date_text);
  if (!parse_when (g_strstrip (start_text), day, &item->start))
    return row_fail (r->line, error,
                     _("the start “%s” is not a time written HH:MM"), start_text);
  if (!parse_when (g_strstrip (end_text), day, &item->end))
    return row_fail (r->line, error,
                     _("the end “%s” is not a time written HH:MM"), end_text);
  if (item->end <= item->start)
    return row_fail (r->line, error,
                     _("the end (%s) is before or at the start (%s)"), end_text, start_text);
  status = parse_status (status_text ? g_strstrip (status_text) : "");
  if (status < 0)
    return row_fail (r->line, error,
                     _("unknown status “%s”; use scheduled, tentative, cancelled or skipped"),
                     status_text);

  if (uid && *g_strstrip (uid))
    {
      if (!occurrence_row (ctx, r, uid, item->start, item->end, status, reason, changes,
                           &handled, error))
        return FALSE;
      if (handled)
        return TRUE;
      item->uid = g_strdup (uid);
    }
  else
    {
      /* The same row gives the same uid: importing a file twice adds nothing. */
      g_autofree char *key = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s", date_text, start_text,
                                              title ? title : "", program ? program : "",
                                              venue ? venue : "", room ? room : "");
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
      item->uid = g_strdup_printf ("%s@csv.renkei", sum);
    }
  if (g_hash_table_lookup_extended (ctx->uids, item->uid, NULL, &seen))
    return row_fail (r->line, error, _("the uid %s is on line %u too"), item->uid,
                     GPOINTER_TO_UINT (seen));
  g_hash_table_insert (ctx->uids, g_strdup (item->uid), GUINT_TO_POINTER (r->line));

  item->program_id = program && *program ? rk_import_match_program (ctx->match, program) : 0;
  if (title && *title)
    {
      RkSProgram *p = rk_schedule_program (rk_import_match_reference (ctx->match),
                                           item->program_id);
      if (p == NULL || g_strcmp0 (p->name, title) != 0)
        item->title = g_strdup (title);
    }
  else if (item->program_id == 0)
    {
      if (program == NULL || *program == '\0')
        return row_fail (r->line, error, _("the row has neither a title nor a program"));
      item->title = g_strdup (program);
    }

  if ((venue && *venue) || (room && *room))
    {
      item->room_id = rk_import_match_room_in (ctx->match, venue, room);
      if (item->room_id == 0)
        item->location = g_strstrip (g_strdup_printf ("%s %s", venue ? venue : "",
                                                      room ? room : ""));
    }
  if (notes)
    item->notes = g_strdup (notes);
  if (staff && *staff)
    {
      g_autoptr(GPtrArray) names = parse_staff (staff);

      for (guint i = 0; i < names->len; i++)
        {
          RkSAssign a = { rk_import_match_staff (ctx->match, g_ptr_array_index (names, i)) };
          if (a.staff_id > 0)
            g_array_append_val (item->staff, a);
        }
    }
  item->tentative = status == RK_OCC_TENTATIVE;
  if (status == RK_OCC_CANCELLED || status == RK_OCC_SKIPPED)
    {
      RkSException x = { day, status == RK_OCC_CANCELLED ? RK_EXCEPTION_CANCELLED
                                                         : RK_EXCEPTION_SKIPPED,
                         0, 0, g_strdup (reason && *reason ? reason : NULL) };
      g_array_append_val (item->exceptions, x);
    }
  g_ptr_array_add (items, g_steal_pointer (&item));
  return TRUE;
}

static char *
decode (const char *data, gsize length, GError **error)
{
  g_autoptr(GError) local = NULL;
  gsize read = 0;
  char *text;

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (memchr (data, '\0', length))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("not a CSV file: it holds binary data"));
      return NULL;
    }
  if (g_utf8_validate (data, length, NULL))
    return g_strndup (data, length);
  text = g_convert (data, length, "UTF-8", SJIS_CHARSET, &read, NULL, &local);
  if (text == NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < read && i < length; i++)
        line += data[i] == '\n';
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line %u: the file is neither UTF-8 nor Shift_JIS text"), line);
      return NULL;
    }
  return text;
}

static gboolean
record_blank (Record *r)
{
  for (guint i = 0; i < r->fields->len; i++)
    {
      const char *f = g_ptr_array_index (r->fields, i);
      for (; *f; f++)
        if (!g_ascii_isspace (*f))
          return FALSE;
    }
  return TRUE;
}

gboolean
rk_csv_import (RkStore *store, const char *data, gsize length, RkImportStats *stats,
               GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rk_import_event_free);
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (OccChange));
  g_autoptr(RkImportMatch) match = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CsvCtx ctx = { store };
  int cols[N_COLS];
  guint first = 0, header_width = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (rk_store_in_transaction (store), FALSE);
  g_array_set_clear_func (changes, occ_change_clear);

  text = decode (data, length, error);
  if (text == NULL)
    return FALSE;
  records = parse_records (text, error);
  if (records == NULL)
    return FALSE;
  while (first < records->len && record_blank (g_ptr_array_index (records, first)))
    first++;
  if (first == records->len)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line 1: the file is empty; a CSV file needs a header row"));
      return FALSE;
    }

  {
    Record *h = g_ptr_array_index (records, first);

    header_width = h->fields->len;
    for (int c = 0; c < N_COLS; c++)
      cols[c] = -1;
    for (guint i = 0; i < h->fields->len; i++)
      {
        int c = column_of (g_ptr_array_index (h->fields, i));
        if (c >= 0 && cols[c] < 0)
          cols[c] = (int) i;
      }
    if (cols[COL_DATE] < 0 || cols[COL_START] < 0 || cols[COL_END] < 0 ||
        (cols[COL_TITLE] < 0 && cols[COL_PROGRAM] < 0))
      {
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("line %u: the header row needs the columns date, start, end and title "
                       "(or program)"),
                     h->line);
        return FALSE;
      }
  }

  match = rk_import_match_new (store, error);
  if (match == NULL)
    return FALSE;
  ctx.match = match;
  ctx.uids = uids;
  for (guint i = first + 1; ok && i < records->len; i++)
    {
      Record *r = g_ptr_array_index (records, i);

      if (record_blank (r))
        continue;
      pad_record (r, header_width);
      ok = read_row (&ctx, r, cols, items, changes, error);
    }
  if (ok)
    ok = rk_import_write (store, match, items, stats, error);
  for (guint i = 0; ok && i < changes->len; i++)
    {
      OccChange *ch = &g_array_index (changes, OccChange, i);

      if (ch->delete)
        ok = rk_store_delete_exception (store, ch->event_id, ch->date, error);
      else
        ok = rk_store_set_exception (store, ch->event_id, ch->date, ch->kind, ch->start, ch->end,
                                     ch->reason, error);
      if (ok)
        stats->updated++;
      else if (error && *error && (*error)->code != RK_ERROR_DATABASE)
        g_prefix_error (error, _("line %u: "), ch->line);
    }
  g_clear_pointer (&ctx.all_by_uid, g_hash_table_unref);
  g_clear_pointer (&ctx.all, rk_schedule_free);
  return ok;
}
