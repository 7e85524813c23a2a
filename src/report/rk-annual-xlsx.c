#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "rk-annual-report.h"
#include "rk-error.h"

#define FIRST_MONTH_COL 2    /* C: A is the group, B the item */
#define TOTAL_COL (FIRST_MONTH_COL + 12)
#define HEADER_ROW 3
#define PAPER_A4 9

typedef struct
{
  lxw_workbook *wb;
  const RkAnnual *a;
  const char   *lang;
  GArray       *rows;
  lxw_format   *title, *head, *group, *num, *hours, *unknown, *total, *note;
} Book;

/* Sheet names: at most 31 characters, none of []:*?/\, unique. */
static char *
sheet_name (Book *b, const char *name, GHashTable *taken)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char *out;
  int n = 1;

  for (const char *p = name; *p && g_utf8_strlen (s->str, -1) < 28; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* and no apostrophe at either end: Excel refuses those names */
      if ((c < 128 && strchr ("[]:*?/\\", (int) c)) || (c == '\'' && (s->len == 0 || !p[1])))
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  if (s->len == 0)
    g_string_append (s, "_");
  out = g_strdup (s->str);
  while (g_hash_table_contains (taken, out))
    {
      g_free (out);
      out = g_strdup_printf ("%s(%d)", s->str, ++n);
    }
  g_hash_table_add (taken, out);
  return out;
}

/* A sheet named name, or if Excel would refuse the name after all,
 * "Sheet N". */
static lxw_worksheet *
add_sheet (Book *b, const char *name, GHashTable *taken, char **used)
{
  char *sheet = sheet_name (b, name, taken);
  lxw_worksheet *ws = workbook_validate_sheet_name (b->wb, sheet) == LXW_NO_ERROR
                        ? workbook_add_worksheet (b->wb, sheet)
                        : NULL;

  for (guint n = g_hash_table_size (taken); ws == NULL; n++)
    {
      g_autofree char *other = g_strdup_printf ("Sheet%u", n);
      sheet = sheet_name (b, other, taken);
      ws = workbook_add_worksheet (b->wb, sheet);
    }
  if (used)
    *used = sheet;
  return ws;
}

static void
page_setup (lxw_worksheet *ws, int last_row)
{
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, PAPER_A4);
  worksheet_set_margins (ws, 0.4, 0.4, 0.5, 0.5);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_center_horizontally (ws);
  worksheet_repeat_rows (ws, HEADER_ROW, HEADER_ROW);
  worksheet_print_area (ws, 0, 0, last_row, TOTAL_COL);
  worksheet_freeze_panes (ws, HEADER_ROW + 1, FIRST_MONTH_COL);
  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, 1, 22, NULL);
  worksheet_set_column (ws, FIRST_MONTH_COL, TOTAL_COL - 1, 7.5, NULL);
  worksheet_set_column (ws, TOTAL_COL, TOTAL_COL, 9, NULL);
}

static void
header_row (Book *b, lxw_worksheet *ws, const char *first, const char *second)
{
  char buf[32];

  worksheet_write_string (ws, HEADER_ROW, 0, first, b->head);
  worksheet_write_string (ws, HEADER_ROW, 1, second, b->head);
  for (int k = 0; k < 12; k++)
    {
      rk_annual_month_heading (b->a, b->lang, k, buf, sizeof buf);
      worksheet_write_string (ws, HEADER_ROW, FIRST_MONTH_COL + k, buf, b->head);
    }
  worksheet_write_string (ws, HEADER_ROW, TOTAL_COL, rk_annual_word (b->lang, "total"), b->head);
}

static void
row_total (Book *b, lxw_worksheet *ws, int r, gboolean known, double value, lxw_format *fmt)
{
  char from[16], to[16];
  g_autofree char *formula = NULL;

  if (!known)
    {
      worksheet_write_string (ws, r, TOTAL_COL, rk_annual_word (b->lang, "unknown"), b->unknown);
      return;
    }
  lxw_rowcol_to_cell (from, r, FIRST_MONTH_COL);
  lxw_rowcol_to_cell (to, r, TOTAL_COL - 1);
  formula = g_strdup_printf ("=SUM(%s:%s)", from, to);
  worksheet_write_formula_num (ws, r, TOTAL_COL, formula, fmt, value);
}

static gboolean
any_unknown (Book *b, const RkAnnualMonth *months)
{
  for (int k = 0; k < 12; k++)
    if (rk_annual_month_unknown (&months[k]))
      return TRUE;
  return FALSE;
}

/* One venue's table, or the municipality's (range: the venue sheets a
 * month's cell sums, "'First:Last'"; NULL: the figures themselves). */
static void
venue_sheet (Book *b, lxw_worksheet *ws, const char *what, const RkAnnualMonth *months,
             const RkAnnualMonth *total, const char *range)
{
  g_autofree char *title = rk_annual_title (b->a, b->lang, what);
  const char *last_group = NULL;
  int r = HEADER_ROW + 1;

  worksheet_write_string (ws, 0, 0, title, b->title);
  if (any_unknown (b, months))
    worksheet_write_string (ws, 1, 0, rk_annual_word (b->lang, "note_missing"), b->note);
  header_row (b, ws, "", rk_annual_word (b->lang, "item"));
  for (guint i = 0; i < b->rows->len; i++, r++)
    {
      const RkAnnualRow *row = &g_array_index (b->rows, RkAnnualRow, i);
      gint64 v;
      gboolean known;

      if (g_strcmp0 (row->group, last_group) != 0)
        worksheet_write_string (ws, r, 0, row->group, b->group);
      last_group = row->group;
      worksheet_write_string (ws, r, 1, row->label, NULL);
      for (int k = 0; k < 12; k++)
        {
          if (!rk_annual_value (&months[k], row, &v))
            worksheet_write_string (ws, r, FIRST_MONTH_COL + k,
                                    rk_annual_word (b->lang, "unknown"), b->unknown);
          else if (range)
            {
              char cell[16];
              g_autofree char *formula = NULL;

              lxw_rowcol_to_cell (cell, r, FIRST_MONTH_COL + k);
              formula = g_strdup_printf ("=SUM(%s!%s)", range, cell);
              worksheet_write_formula_num (ws, r, FIRST_MONTH_COL + k, formula, b->num, (double) v);
            }
          else
            worksheet_write_number (ws, r, FIRST_MONTH_COL + k, (double) v, b->num);
        }
      known = rk_annual_value (total, row, &v);
      row_total (b, ws, r, known, (double) v, b->total);
    }
  page_setup (ws, r - 1);
}

static void
staff_sheet (Book *b, lxw_worksheet *ws)
{
  const RkAnnual *a = b->a;
  g_autofree char *title = rk_annual_title (a, b->lang, rk_annual_word (b->lang, "staff"));
  int r = HEADER_ROW + 1;

  worksheet_write_string (ws, 0, 0, title, b->title);
  header_row (b, ws, rk_annual_word (b->lang, "name"), rk_annual_word (b->lang, "role"));
  for (int what = 0; what < 2; what++)
    {
      worksheet_write_string (ws, r++, 0, rk_annual_word (b->lang, what ? "hours" : "sessions"),
                              b->group);
      for (guint s = 0; s < a->staff->len; s++, r++)
        {
          g_autofree char *role = g_strconcat ("role:", (char *) a->staff_roles->pdata[s], NULL);
          double sum = 0;

          worksheet_write_string (ws, r, 0, a->staff_names->pdata[s], NULL);
          worksheet_write_string (ws, r, 1, rk_annual_word (b->lang, role), NULL);
          for (int k = 0; k < 12; k++)
            {
              double v = what ? a->months[k].staff_minutes[s] / 60.0
                              : a->months[k].staff_sessions[s];
              worksheet_write_number (ws, r, FIRST_MONTH_COL + k, v, what ? b->hours : b->num);
              sum += v;
            }
          row_total (b, ws, r, TRUE, sum, what ? b->hours : b->total);
        }
      r++;
    }
  page_setup (ws, r - 1);
  worksheet_set_column (ws, 0, 0, 16, NULL);
  worksheet_set_column (ws, 1, 1, 16, NULL);
}

static char *
quoted (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "'", -1);
  g_autofree char *inner = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'", inner);
}

gboolean
rk_annual_write_xlsx (const RkAnnual *a, const char *lang, const char *path, GError **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) rows = rk_annual_rows (a, lang);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_worksheet *all = NULL;
  Book b = { 0 };
  lxw_error rc;

  b.wb = workbook_new_opt (path, &options);
  if (b.wb == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s"), path);
      return FALSE;
    }
  b.a = a;
  b.lang = lang;
  b.rows = rows;
  b.title = workbook_add_format (b.wb);
  format_set_bold (b.title);
  format_set_font_size (b.title, 14);
  b.note = workbook_add_format (b.wb);
  format_set_font_color (b.note, 0x9C0006);
  b.head = workbook_add_format (b.wb);
  format_set_bold (b.head);
  format_set_align (b.head, LXW_ALIGN_CENTER);
  format_set_bg_color (b.head, 0xDDEBF7);
  format_set_border (b.head, LXW_BORDER_THIN);
  b.group = workbook_add_format (b.wb);
  format_set_bold (b.group);
  b.num = workbook_add_format (b.wb);
  format_set_num_format (b.num, "#,##0");
  format_set_border (b.num, LXW_BORDER_THIN);
  b.hours = workbook_add_format (b.wb);
  format_set_num_format (b.hours, "#,##0.0");
  format_set_border (b.hours, LXW_BORDER_THIN);
  b.total = workbook_add_format (b.wb);
  format_set_num_format (b.total, "#,##0");
  format_set_bold (b.total);
  format_set_border (b.total, LXW_BORDER_THIN);
  b.unknown = workbook_add_format (b.wb);
  format_set_align (b.unknown, LXW_ALIGN_CENTER);
  format_set_font_color (b.unknown, 0x9C0006);
  format_set_bg_color (b.unknown, 0xFFC7CE);
  format_set_border (b.unknown, LXW_BORDER_THIN);

  {
    lxw_doc_properties props = { 0 };
    g_autofree char *title = rk_annual_title (a, lang, "");
    props.title = g_strstrip (title);
    props.author = "Renkei";
    workbook_set_properties (b.wb, &props);
  }

  /* The municipality's sheet first: its cells sum the venues' sheets,
   * which follow it side by side. */
  if (a->venues->len > 1)
    all = add_sheet (&b, rk_annual_word (lang, "municipality"), taken, NULL);
  for (guint i = 0; i < a->venues->len; i++)
    {
      const RkAnnualVenue *v = g_ptr_array_index (a->venues, i);
      const char *name = v->name ? v->name : rk_annual_word (lang, "no_place");
      char *sheet = NULL;
      lxw_worksheet *ws = add_sheet (&b, name, taken, &sheet);

      g_ptr_array_add (names, sheet);
      venue_sheet (&b, ws, name, v->months, &v->total, NULL);
    }
  if (all)
    {
      g_autofree char *first = quoted (names->pdata[0]);
      g_autofree char *last = quoted (names->pdata[names->len - 1]);
      g_autofree char *range = NULL;

      /* 'A:B'!C5 — one quote around both names */
      first[strlen (first) - 1] = '\0';
      range = g_strdup_printf ("%s:%s", first, last + 1);
      venue_sheet (&b, all, rk_annual_word (lang, "municipality"), a->months, &a->total, range);
    }
  staff_sheet (&b, add_sheet (&b, rk_annual_word (lang, "staff"), taken, NULL));
  rc = workbook_close (b.wb);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s: %s"), path,
                   lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}
