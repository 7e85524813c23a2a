#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "rk-attendance.h"
#include "rk-csv-private.h"
#include "rk-error.h"
#include "rk-roles.h"
#include "rk-staff.h"

#define UTF8_BOM "\xEF\xBB\xBF"

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
  converted = g_convert (text->str, text->len, RK_CSV_SJIS_CHARSET, "UTF-8", &read, &written, &local);
  if (converted == NULL)
    {
      g_autofree char *what = NULL;
      guint line = 1;

      if (read < text->len)
        what = g_utf8_substring (text->str + read, 0, 1);
      for (gsize i = 0; i < read; i++)
        line += text->str[i] == '\n';
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Line %u has “%s”, which Shift_JIS (Windows-31J) cannot hold; export "
                     "with --encoding utf-8"),
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
parse_records (const char *text, char delimiter, GError **error)
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
      if (c == delimiter)
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
  COL_END_DATE,
  COL_END,
  COL_ALL_DAY,
  COL_TITLE,
  COL_MENU,         /* Garoon's 予定 (会議, 外出 …): the title when there is no other */
  COL_PROGRAM,
  COL_VENUE,
  COL_ROOM,
  COL_LOCATION,     /* a place as one text: "venue room", or a room */
  COL_STATUS,
  COL_STAFF,
  COL_NOTES,
  COL_REASON,
  COL_UID,
  N_COLS,
  COL_NOT_KEPT = -2 /* a column other calendars write that Renkei has no use for */
};

/* Header names as Renkei, Outlook (English and Japanese), Google Calendar,
 * Garoon and hand-made Japanese spreadsheets write them (compared after
 * NFKC and in lower case). */
static const struct
{
  int         col;
  const char *name;
} col_names[] = {
  { COL_DATE, "date" }, { COL_DATE, "日付" }, { COL_DATE, "開催日" }, { COL_DATE, "開始日" },
  { COL_DATE, "start date" }, { COL_DATE, "年月日" },
  { COL_START, "start" }, { COL_START, "開始" }, { COL_START, "開始時刻" },
  { COL_START, "start time" }, { COL_START, "開始時間" },
  { COL_END_DATE, "終了日" }, { COL_END_DATE, "end date" },
  { COL_END, "end" }, { COL_END, "終了" }, { COL_END, "終了時刻" }, { COL_END, "end time" },
  { COL_END, "終了時間" },
  { COL_ALL_DAY, "終日イベント" }, { COL_ALL_DAY, "all day event" }, { COL_ALL_DAY, "終日" },
  { COL_ALL_DAY, "all day" },
  { COL_TITLE, "title" }, { COL_TITLE, "タイトル" }, { COL_TITLE, "件名" },
  { COL_TITLE, "行事名" }, { COL_TITLE, "名称" }, { COL_TITLE, "subject" },
  { COL_TITLE, "予定詳細" }, { COL_TITLE, "イベント名" },
  { COL_MENU, "予定" },
  { COL_PROGRAM, "program" }, { COL_PROGRAM, "プログラム" }, { COL_PROGRAM, "分類" },
  { COL_PROGRAM, "categories" },
  { COL_VENUE, "venue" }, { COL_VENUE, "会場" }, { COL_VENUE, "拠点" },
  { COL_ROOM, "room" }, { COL_ROOM, "部屋" },
  { COL_LOCATION, "場所" }, { COL_LOCATION, "location" }, { COL_LOCATION, "施設" },
  { COL_STATUS, "status" }, { COL_STATUS, "状態" },
  { COL_STAFF, "staff" }, { COL_STAFF, "スタッフ" }, { COL_STAFF, "担当" },
  { COL_STAFF, "必須出席者" }, { COL_STAFF, "required attendees" }, { COL_STAFF, "参加者" },
  { COL_NOTES, "notes" }, { COL_NOTES, "備考" }, { COL_NOTES, "メモ" }, { COL_NOTES, "内容" },
  { COL_NOTES, "説明" }, { COL_NOTES, "description" },
  { COL_REASON, "reason" }, { COL_REASON, "理由" },
  { COL_UID, "uid" },
  /* reminders, privacy and how a client shows busy time are the client's
   * own settings, not the schedule's */
  { COL_NOT_KEPT, "アラーム オン/オフ" }, { COL_NOT_KEPT, "アラーム日付" },
  { COL_NOT_KEPT, "アラーム時刻" }, { COL_NOT_KEPT, "reminder on/off" },
  { COL_NOT_KEPT, "reminder date" }, { COL_NOT_KEPT, "reminder time" },
  { COL_NOT_KEPT, "プライベート" }, { COL_NOT_KEPT, "非公開" }, { COL_NOT_KEPT, "private" },
  { COL_NOT_KEPT, "秘密度" }, { COL_NOT_KEPT, "sensitivity" }, { COL_NOT_KEPT, "優先度" },
  { COL_NOT_KEPT, "priority" }, { COL_NOT_KEPT, "公開する時間帯の種類" },
  { COL_NOT_KEPT, "show time as" }, { COL_NOT_KEPT, "経費情報" }, { COL_NOT_KEPT, "支払い条件" },
  { COL_NOT_KEPT, "billing information" }, { COL_NOT_KEPT, "mileage" },
  { COL_NOT_KEPT, "会議の開催者" }, { COL_NOT_KEPT, "meeting organizer" },
  { COL_NOT_KEPT, "audience" }, { COL_NOT_KEPT, "対象" }, { COL_NOT_KEPT, "staff_phone" },
  { COL_NOT_KEPT, "families" }, { COL_NOT_KEPT, "adults" }, { COL_NOT_KEPT, "children" },
  { COL_NOT_KEPT, "pregnant" }, { COL_NOT_KEPT, "residents" }, { COL_NOT_KEPT, "nonresidents" },
  { COL_NOT_KEPT, "first_time" }, { COL_NOT_KEPT, "consultations" },
  { COL_NOT_KEPT, "attendance_notes" },
};

/* A column, COL_NOT_KEPT, or -1 for a name nobody writes. */
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

/* A time cell: a time of day on day, or a whole date and time
 * ("2026-11-08T10:00", "2026/11/08 10:00", "2027年1月18日 午前10:00"). */
static gboolean
parse_when (const char *text, RkDay day, RkMinute *out)
{
  const char *sep;
  int minutes;

  if (rk_csv_parse_time (text, &minutes))
    {
      *out = rk_minute_make (day, minutes);
      return TRUE;
    }
  for (sep = text; (sep = strpbrk (sep, "T ")); sep++)
    {
      g_autofree char *date = g_strndup (text, sep - text);

      if (rk_csv_parse_date (date, &day) && rk_csv_parse_time (sep + 1, &minutes))
        {
          *out = rk_minute_make (day, minutes);
          return TRUE;
        }
    }
  return FALSE;
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
  RkImportStats *stats;
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
  ch.reason = ch.delete ? NULL : rk_reason_from_shown (ch.kind, reason);
  g_array_append_val (changes, ch);
  return TRUE;
}

static const char *
text_or_empty (char *text)
{
  return text ? g_strstrip (text) : "";
}

/* When a row's event happens: a date and times, a whole date and time in
 * the start and end cells, or whole days (an all-day flag, or a date
 * without times).  An all-day end date is the last day, unless it is
 * given with 0:00 after the start (Outlook: the day after). */
static gboolean
read_times (Record *r, const int cols[N_COLS], RkImportEvent *item, RkDay *day, GError **error)
{
  const char *date_text = text_or_empty (cell (r, cols, COL_DATE));
  const char *start_text = text_or_empty (cell (r, cols, COL_START));
  const char *end_date_text = text_or_empty (cell (r, cols, COL_END_DATE));
  const char *end_text = text_or_empty (cell (r, cols, COL_END));
  const char *all_day_text = text_or_empty (cell (r, cols, COL_ALL_DAY));
  int all_day = *all_day_text ? rk_csv_parse_bool (all_day_text) : 0;
  RkDay end_day;

  *day = 0;
  if (*date_text && !rk_csv_parse_date (date_text, day))
    return row_fail (r->line, error,
                     _("the date “%s” cannot be read; write it as 2027-01-18, 2027/1/18 or "
                       "2027年1月18日"), date_text);
  if (all_day < 0)
    return row_fail (r->line, error,
                     _("the all-day cell “%s” is neither TRUE nor FALSE"), all_day_text);
  if (*start_text == '\0' && *end_text == '\0' && *day)
    all_day = 1;   /* a date and no times: the whole day */
  if (!all_day || *start_text)
    {
      if (!parse_when (start_text, *day, &item->start))
        return row_fail (r->line, error,
                         _("the start “%s” cannot be read; write a time as 10:00, 14:30 or "
                           "午後2:30"), start_text);
    }
  if (*day == 0 && *start_text && rk_minute_day (item->start) < 2)
    return row_fail (r->line, error, _("the row has no date"));
  if (*day == 0)
    *day = rk_minute_day (item->start);
  end_day = *day;
  if (*end_date_text && !rk_csv_parse_date (end_date_text, &end_day))
    return row_fail (r->line, error,
                     _("the end date “%s” cannot be read; write it as 2027-01-18, 2027/1/18 "
                       "or 2027年1月18日"), end_date_text);
  if (all_day)
    {
      RkMinute end = 0;

      if (*end_text && !parse_when (end_text, end_day, &end))
        return row_fail (r->line, error,
                         _("the end “%s” cannot be read; write a time as 10:00, 14:30 or "
                           "午後2:30"), end_text);
      item->all_day = TRUE;
      item->start = rk_minute_make (*day, 0);
      item->end = *end_text && rk_minute_of_day (end) == 0 && rk_minute_day (end) > *day
                  ? end : rk_minute_make (end_day + 1, 0);
      if (item->end <= item->start)
        return row_fail (r->line, error,
                         _("the end date (%s) is before the start date (%s)"), end_date_text,
                         date_text);
      return TRUE;
    }
  if (!parse_when (end_text, end_day, &item->end))
    return row_fail (r->line, error,
                     _("the end “%s” cannot be read; write a time as 10:00, 14:30 or 午後2:30"),
                     end_text);
  if (item->end <= item->start)
    return row_fail (r->line, error,
                     _("the end (%s) is before or at the start (%s)"), end_text, start_text);
  return TRUE;
}

static gboolean
read_row (CsvCtx *ctx, Record *r, const int cols[N_COLS], GPtrArray *items, GArray *changes,
          GError **error)
{
  g_autoptr(RkImportEvent) item = rk_import_event_new ();
  char *title = cell (r, cols, COL_TITLE), *menu = cell (r, cols, COL_MENU);
  char *program = cell (r, cols, COL_PROGRAM), *venue = cell (r, cols, COL_VENUE);
  char *room = cell (r, cols, COL_ROOM), *status_text = cell (r, cols, COL_STATUS);
  char *staff = cell (r, cols, COL_STAFF), *notes = cell (r, cols, COL_NOTES);
  char *reason = cell (r, cols, COL_REASON), *uid = cell (r, cols, COL_UID);
  char *location = cell (r, cols, COL_LOCATION);
  gpointer seen;
  RkDay day;
  int status;
  gboolean handled = FALSE;

  item->line = r->line;
  if (!read_times (r, cols, item, &day, error))
    return FALSE;
  if ((title == NULL || *g_strstrip (title) == '\0') && menu)
    title = g_strstrip (menu);
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
      char start[17];
      g_autofree char *key = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s",
                                              rk_time_format_buf (item->start, start),
                                              item->all_day ? "all-day" : "",
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
  else if (item->program_id == 0 && program && *program)
    item->title = g_strdup (program);
  else if (item->program_id == 0)
    {
      item->title = g_strdup (_("(No title)"));
      rk_import_stats_note (ctx->stats, r->line, NULL, _("has no title: titled “%s”"),
                            item->title);
    }

  if ((venue && *venue) || (room && *room))
    {
      item->room_id = rk_import_match_room_in (ctx->match, venue, room);
      if (item->room_id == 0)
        item->location = g_strstrip (g_strdup_printf ("%s %s", venue ? venue : "",
                                                      room ? room : ""));
    }
  else if (location && *g_strstrip (location))
    {
      item->room_id = rk_import_match_room (ctx->match, location);
      if (item->room_id == 0)
        item->location = g_strdup (location);
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
      RkExceptionKind kind = status == RK_OCC_CANCELLED ? RK_EXCEPTION_CANCELLED
                                                         : RK_EXCEPTION_SKIPPED;
      RkSException x = { day, kind, 0, 0, rk_reason_from_shown (kind, reason) };
      g_array_append_val (item->exceptions, x);
    }
  g_ptr_array_add (items, g_steal_pointer (&item));
  return TRUE;
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

/* Tab-separated (Excel's "Unicode text") when the header has tabs and no
 * commas; else comma-separated. */
static char
delimiter_of (const char *text)
{
  const char *eol = strpbrk (text, "\r\n");
  gsize n = eol ? (gsize) (eol - text) : strlen (text);

  return memchr (text, '\t', n) && !memchr (text, ',', n) ? '\t' : ',';
}

/* The header row: which cell holds which column.  Columns nobody writes
 * are said once in the summary when a row fills them: never dropped
 * silently. */
static gboolean
read_header (Record *h, int cols[N_COLS], GArray *unknown, GError **error)
{
  for (int c = 0; c < N_COLS; c++)
    cols[c] = -1;
  for (guint i = 0; i < h->fields->len; i++)
    {
      int c = column_of (g_ptr_array_index (h->fields, i));

      if (c >= 0 && cols[c] < 0)
        cols[c] = (int) i;
      else if (c == -1)
        g_array_append_val (unknown, i);
    }
  if ((cols[COL_DATE] < 0 && cols[COL_START] < 0) ||
      (cols[COL_TITLE] < 0 && cols[COL_PROGRAM] < 0 && cols[COL_MENU] < 0))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line %u: the header row needs the columns date, start, end and title "
                     "(or Outlook's 件名, 開始日, 開始時刻, 終了日, 終了時刻, or Google's "
                     "Subject, Start Date, Start Time, End Date, End Time)"),
                   h->line);
      return FALSE;
    }
  return TRUE;
}

static void
note_unknown_columns (RkImportStats *stats, GPtrArray *records, guint first, GArray *unknown)
{
  Record *h = g_ptr_array_index (records, first);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint k = 0; k < unknown->len; k++)
    {
      guint col = g_array_index (unknown, guint, k);
      const char *name = g_ptr_array_index (h->fields, col);

      for (guint i = first + 1; i < records->len; i++)
        {
          Record *r = g_ptr_array_index (records, i);
          const char *v = col < r->fields->len ? g_ptr_array_index (r->fields, col) : "";

          if (*v)
            {
              g_string_append_printf (names, "%s“%s”", names->len ? ", " : "", name);
              break;
            }
        }
    }
  if (names->len)
    rk_import_stats_note (stats, h->line, NULL,
                          _("the columns %s are not read by Renkei: their values are not "
                            "imported"), names->str);
}

/* A re-import of Renkei's own Shift_JIS export changes nothing: text that
 * only went through CP932's look-alikes is the database's own. */
static gboolean
keep_through_sjis (CsvCtx *ctx, GPtrArray *items, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      RkImportEvent *item = g_ptr_array_index (items, i);
      RkSEvent *e;

      if (!load_all (ctx, error))
        return FALSE;
      e = g_hash_table_lookup (ctx->all_by_uid, item->uid);
      if (e == NULL)
        continue;
      if (item->title && e->title && rk_csv_same_through_sjis (item->title, e->title))
        {
          g_free (item->title);
          item->title = g_strdup (e->title);
        }
      if (item->notes && e->notes && rk_csv_same_through_sjis (item->notes, e->notes))
        {
          g_free (item->notes);
          item->notes = g_strdup (e->notes);
        }
    }
  return TRUE;
}

/* The problems of every row, in one message: what and where. */
static void
add_row_problem (GString *problems, guint *n_bad, GError *row_error)
{
  if (*n_bad < 20)
    g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", row_error->message);
  (*n_bad)++;
}

gboolean
rk_csv_import (RkStore *store, const char *data, gsize length, RkImportStats *stats,
               GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rk_import_event_free);
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (OccChange));
  g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(RkImportMatch) match = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  CsvCtx ctx = { store };
  int cols[N_COLS];
  guint first = 0, header_width = 0, n_bad = 0;
  gboolean ok = TRUE, from_sjis = FALSE;

  g_return_val_if_fail (rk_store_in_transaction (store), FALSE);
  g_array_set_clear_func (changes, occ_change_clear);

  text = rk_csv_decode (data, length, &from_sjis, error);
  if (text == NULL)
    return FALSE;
  records = parse_records (text, delimiter_of (text), error);
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
  header_width = ((Record *) g_ptr_array_index (records, first))->fields->len;
  if (!read_header (g_ptr_array_index (records, first), cols, unknown, error))
    return FALSE;

  match = rk_import_match_new (store, error);
  if (match == NULL)
    return FALSE;
  ctx.match = match;
  ctx.uids = uids;
  ctx.stats = stats;
  note_unknown_columns (stats, records, first, unknown);
  for (guint i = first + 1; ok && i < records->len; i++)
    {
      Record *r = g_ptr_array_index (records, i);
      g_autoptr(GError) row_error = NULL;

      if (record_blank (r))
        continue;
      pad_record (r, header_width);
      if (read_row (&ctx, r, cols, items, changes, &row_error))
        continue;
      if (row_error->domain != RK_ERROR || row_error->code != RK_ERROR_INVALID)
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          ok = FALSE;
        }
      else
        add_row_problem (problems, &n_bad, row_error);
    }
  if (ok && n_bad == 1)
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID, problems->str);
      ok = FALSE;
    }
  else if (ok && n_bad > 1)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   ngettext ("%u row cannot be read, so nothing was imported: %s%s",
                             "%u rows cannot be read, so nothing was imported: %s%s", n_bad),
                   n_bad, problems->str, n_bad > 20 ? "; …" : "");
      ok = FALSE;
    }
  if (ok && from_sjis)
    ok = keep_through_sjis (&ctx, items, error);
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
