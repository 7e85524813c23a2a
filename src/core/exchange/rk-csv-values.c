#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rk-csv-private.h"
#include "rk-error.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/* Full-width digits, colons and slashes (what a Japanese IME types) as
 * their ASCII selves, spaces at both ends gone. */
static char *
normalized (const char *text)
{
  char *norm = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);

  return g_strstrip (norm ? norm : g_strdup (""));
}

/* Takes one number off the front of *p: its value and how many digits it had. */
static gboolean
take_number (const char **p, int *value, int *digits)
{
  int n = 0, v = 0;

  while (g_ascii_isdigit ((*p)[n]) && n < 9)
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n == 0)
    return FALSE;
  *p += n;
  *value = v;
  if (digits)
    *digits = n;
  return TRUE;
}

static gboolean
take_word (const char **p, const char *word)
{
  gsize n = strlen (word);

  if (g_ascii_strncasecmp (*p, word, n) != 0)
    return FALSE;
  *p += n;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static gboolean
make_day (int y, int m, int d, RkDay *out)
{
  if (y < 1 || y > 9999 || rk_days_in_month (y, m) == 0 || d < 1 || d > rk_days_in_month (y, m))
    return FALSE;
  *out = rk_day_from_ymd (y, m, d);
  return TRUE;
}

/* The Japanese eras a date in a spreadsheet may still be written in. */
static const struct { const char *name; int first_year; } eras[] = {
  { "令和", 2019 }, { "平成", 1989 }, { "昭和", 1926 }, { "R", 2019 }, { "H", 1989 },
};

gboolean
rk_csv_parse_date (const char *text, RkDay *out)
{
  g_autofree char *s = normalized (text);
  const char *p = s;
  char *paren;
  int a, b, c, da, dc;
  char sep;

  /* "2027/1/18(月)", "2027年1月18日 (月曜日)": the weekday says nothing more */
  if ((paren = strrchr (s, '(')) && paren > s && g_str_has_suffix (s, ")"))
    {
      *paren = '\0';
      g_strchomp (s);
    }

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (take_word (&p, eras[i].name))
      {
        int y;

        skip_spaces (&p);
        if (take_word (&p, "元"))
          y = 1;
        else if (!take_number (&p, &y, NULL))
          return FALSE;
        y += eras[i].first_year - 1;
        if (take_word (&p, "年"))
          {
            if (!take_number (&p, &b, NULL) || !take_word (&p, "月") ||
                !take_number (&p, &c, NULL) || !take_word (&p, "日") || *p)
              return FALSE;
          }
        else if (*p == '.' || *p == '/' || *p == '-')
          {
            sep = *p++;
            if (!take_number (&p, &b, NULL) || *p++ != sep || !take_number (&p, &c, NULL) || *p)
              return FALSE;
          }
        else
          return FALSE;
        return make_day (y, b, c, out);
      }

  if (!take_number (&p, &a, &da))
    return FALSE;
  if (take_word (&p, "年"))
    {
      if (!take_number (&p, &b, NULL) || !take_word (&p, "月") || !take_number (&p, &c, NULL) ||
          !take_word (&p, "日") || *p || da != 4)
        return FALSE;
      return make_day (a, b, c, out);
    }
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  p++;
  if (!take_number (&p, &b, NULL) || *p++ != sep || !take_number (&p, &c, &dc) || *p)
    return FALSE;
  if (da == 4)
    return make_day (a, b, c, out);
  if (dc == 4 && sep == '/')
    return make_day (c, a, b, out);   /* 01/18/2027: Google's CSV, US order */
  return FALSE;
}

gboolean
rk_csv_parse_time (const char *text, int *minutes)
{
  g_autofree char *s = normalized (text);
  const char *p = s;
  int h, m = 0, sec = 0, meridiem = 0;   /* 1: a.m., 2: p.m. */

  if (take_word (&p, "午前"))
    meridiem = 1;
  else if (take_word (&p, "午後"))
    meridiem = 2;
  skip_spaces (&p);
  if (!take_number (&p, &h, NULL))
    return FALSE;
  if (take_word (&p, ":"))
    {
      if (!take_number (&p, &m, NULL))
        return FALSE;
      if (take_word (&p, ":") && !take_number (&p, &sec, NULL))
        return FALSE;
    }
  else if (take_word (&p, "時"))
    {
      if (take_word (&p, "半"))
        m = 30;
      else if (take_number (&p, &m, NULL) && !take_word (&p, "分"))
        return FALSE;
    }
  else
    return FALSE;
  skip_spaces (&p);
  if (meridiem == 0)
    {
      if (take_word (&p, "am") || take_word (&p, "a.m.") || take_word (&p, "午前"))
        meridiem = 1;
      else if (take_word (&p, "pm") || take_word (&p, "p.m.") || take_word (&p, "午後"))
        meridiem = 2;
    }
  if (*p || m > 59 || sec > 59)
    return FALSE;
  if (meridiem)
    {
      if (h > 12)
        return FALSE;
      if (h == 12)
        h = 0;
      if (meridiem == 2)
        h += 12;
    }
  if (h > 24 || (h == 24 && (m || sec)))
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

int
rk_csv_parse_bool (const char *text)
{
  static const char * const yes[] = { "true", "yes", "on", "1", "はい", "オン", "○", "◯", "y" };
  static const char * const no[] = { "false", "no", "off", "0", "いいえ", "オフ", "×", "n" };
  g_autofree char *s = normalized (text);
  g_autofree char *key = g_utf8_strdown (s, -1);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (key, yes[i]) == 0)
      return 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (key, no[i]) == 0)
      return 0;
  return -1;
}

char *
rk_csv_decode (const char *data, gsize length, gboolean *from_sjis, GError **error)
{
  g_autoptr(GError) local = NULL;
  gsize read = 0;
  char *text;

  *from_sjis = FALSE;
  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  else if (length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE) &&
           (guchar) data[1] == ((guchar) data[0] ^ 0x01))
    {
      const char *charset = (guchar) data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";

      text = g_convert (data + 2, length - 2, "UTF-8", charset, NULL, NULL, &local);
      if (text == NULL)
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("the file says it is UTF-16 text, but it cannot be read as such"));
      return text;
    }
  if (memchr (data, '\0', length))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("not a CSV file: it holds binary data"));
      return NULL;
    }
  if (g_utf8_validate (data, length, NULL))
    return g_strndup (data, length);
  text = g_convert (data, length, "UTF-8", RK_CSV_SJIS_CHARSET, &read, NULL, &local);
  if (text == NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < read && i < length; i++)
        line += data[i] == '\n';
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("line %u: the file is neither UTF-8 nor Shift_JIS (Windows-31J) text"),
                   line);
      return NULL;
    }
  *from_sjis = TRUE;
  return text;
}

/* The character CP932 gives back for one it was given. */
static gunichar
through_sjis (gunichar c)
{
  switch (c)
    {
    case 0x301C: return 0xFF5E;   /* 〜 → ～ */
    case 0x2212: return 0xFF0D;   /* − → － */
    case 0x2016: return 0x2225;   /* ‖ → ∥ */
    case 0x00A2: return 0xFFE0;   /* ¢ → ￠ */
    case 0x00A3: return 0xFFE1;   /* £ → ￡ */
    case 0x00AC: return 0xFFE2;   /* ¬ → ￢ */
    case 0x2014: return 0x2015;   /* — → ― */
    default: return c;
    }
}

gboolean
rk_csv_same_through_sjis (const char *a, const char *b)
{
  a = a ? a : "";
  b = b ? b : "";
  while (*a && *b)
    {
      if (through_sjis (g_utf8_get_char (a)) != through_sjis (g_utf8_get_char (b)))
        return FALSE;
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }
  return *a == *b;
}

gboolean
rk_csv_encoding_from_name (const char *name, RkCsvEncoding *out)
{
  static const struct { const char *name; RkCsvEncoding encoding; } names[] = {
    { "utf-8", RK_CSV_UTF8 }, { "utf8", RK_CSV_UTF8 },
    { "shift_jis", RK_CSV_SHIFT_JIS }, { "shift-jis", RK_CSV_SHIFT_JIS },
    { "sjis", RK_CSV_SHIFT_JIS }, { "cp932", RK_CSV_SHIFT_JIS },
    { "windows-31j", RK_CSV_SHIFT_JIS }, { "ms932", RK_CSV_SHIFT_JIS },
  };

  for (guint i = 0; name && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *out = names[i].encoding;
        return TRUE;
      }
  return FALSE;
}
