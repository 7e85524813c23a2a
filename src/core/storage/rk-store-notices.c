#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-notices.h"
#include "rk-store-private.h"

/* Drops the blanks at the end of line, the ideographic space included. */
static void
chomp_unicode (char *line)
{
  char *end = line + strlen (line);

  while (end > line)
    {
      char *prev = g_utf8_find_prev_char (line, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *end = '\0';
}

char *
rk_notice_normalize (const char *text, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *unix_text = NULL;
  guint first = 0, last, n_lines;
  glong n_chars;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("A notice must be UTF-8 text"));
      return NULL;
    }
  /* Windows and old Mac line ends become \n. */
  {
    GString *s = g_string_new (NULL);

    for (const char *p = text; *p; p++)
      if (*p == '\r')
        {
          g_string_append_c (s, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (s, *p);
    unix_text = g_string_free (s, FALSE);
  }
  for (const char *p = unix_text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && c != '\t' && (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029))
        {
          g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                               _("A notice cannot contain control characters; write it as "
                                 "plain lines of text"));
          return NULL;
        }
    }
  lines = g_strsplit (unix_text, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines; i++)
    chomp_unicode (lines[i]);
  while (first < n_lines && lines[first][0] == '\0')
    first++;
  last = n_lines;
  while (last > first && lines[last - 1][0] == '\0')
    last--;
  if (first == last)
    {
      g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID,
                           _("A notice needs some text; to remove the notice, clear it instead"));
      return NULL;
    }
  if (last - first > RK_NOTICE_MAX_LINES)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("A notice has at most %d lines (this one has %u); shorten it"),
                   RK_NOTICE_MAX_LINES, last - first);
      return NULL;
    }
  for (guint i = first; i < last; i++)
    {
      if (i > first)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }
  n_chars = g_utf8_strlen (out->str, -1);
  if (n_chars > RK_NOTICE_MAX_CHARS)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("A notice has at most %d characters (this one has %ld); shorten it"),
                   RK_NOTICE_MAX_CHARS, n_chars);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
bind_month (RkDbStmt *stmt, int i, int year, int month)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%04d-%02d", year, month);
  rk_db_bind_text (stmt, i, buf);
}

char *
rk_store_get_venue_notice (RkStore *self, gint64 venue_id, int year, int month, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT text FROM venue_notice "
                                     "WHERE venue_id = ? AND month = ?",
                                     error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, venue_id);
  bind_month (stmt, 2, year, month);
  rc = rk_db_step (stmt);
  if (rc == RK_DB_ROW)
    text = g_strdup (col_text (stmt, 0));
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    rk_store_db_error (self, error);
  return text;
}

gboolean
rk_store_set_venue_notice (RkStore *self, gint64 venue_id, int year, int month,
                           const char *text, GError **error)
{
  g_autoptr(RkVenue) venue = NULL;
  g_autofree char *clean = NULL;
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  if (month < 1 || month > 12 || year < 1900 || year > 2199)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("There is no month %04d-%02d"), year,
                   month);
      return FALSE;
    }
  venue = rk_store_get_venue (self, venue_id, error);
  if (venue == NULL)
    return FALSE;
  if (text != NULL && (clean = rk_notice_normalize (text, error)) == NULL)
    return FALSE;
  if (clean)
    stmt = rk_store_prepare (self,
                             "INSERT INTO venue_notice (venue_id, month, text, version) "
                             "VALUES (?1, ?2, ?3, 1) ON CONFLICT (venue_id, month) "
                             "DO UPDATE SET text = excluded.text, "
                             "version = venue_notice.version + 1",
                             error);
  else
    stmt = rk_store_prepare (self, "DELETE FROM venue_notice WHERE venue_id = ?1 AND month = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, venue_id);
  bind_month (stmt, 2, year, month);
  if (clean)
    rk_db_bind_text (stmt, 3, clean);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  if (clean == NULL && rk_db_changes (self->db) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("%s has no notice for %04d-%02d; there is nothing to clear"),
                   rk_venue_get_name (venue), year, month);
      return FALSE;
    }
  rk_store_touch (self, "venue_notice");
  return TRUE;
}

GHashTable *
rk_store_list_venue_notices (RkStore *self, int year, int month, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                     "SELECT venue_id, text FROM venue_notice WHERE month = ?",
                                     error);
  GHashTable *out;

  if (stmt == NULL)
    return NULL;
  bind_month (stmt, 1, year, month);
  rk_store_reads_begin (self);
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = rk_db_column_int64 (stmt, 0);
      g_hash_table_insert (out, id, g_strdup (col_text (stmt, 1)));
    }
  rk_db_reset (stmt);
  if (!rk_store_reads_ok (self, TRUE, error))
    g_clear_pointer (&out, g_hash_table_unref);
  return out;
}
