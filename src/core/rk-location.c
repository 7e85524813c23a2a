#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rk-location.h"

/* Shorter passwords are masked in the location but not hunted for in other
 * text: replacing every "ab" of a message would garble it. */
#define MIN_SCRUB_LEN 4

typedef enum
{
  SPAN_URI,      /* %xx-encoded */
  SPAN_WORD,     /* key=value word, maybe '…' with backslashes */
} SpanKind;

typedef struct
{
  gsize    start, end;
  SpanKind kind;
} Span;

static gboolean
is_uri (const char *s)
{
  return g_ascii_strncasecmp (s, "postgresql://", 13) == 0 ||
         g_ascii_strncasecmp (s, "postgres://", 11) == 0;
}

static char *
percent_decode (const char *s, gsize len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '%' && i + 2 < len && g_ascii_isxdigit (s[i + 1]) &&
          g_ascii_isxdigit (s[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (s[i + 1]) * 16 +
                                          g_ascii_xdigit_value (s[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
word_decode (const char *s, gsize len)
{
  GString *out = g_string_sized_new (len);
  gsize i = 0;

  if (len > 0 && s[0] == '\'')
    i = 1;
  for (; i < len; i++)
    {
      if (s[0] == '\'' && s[i] == '\\' && i + 1 < len)
        g_string_append_c (out, s[++i]);
      else if (s[0] == '\'' && s[i] == '\'')
        break;
      else
        g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

static void
add_span (GArray *spans, gsize start, gsize end, SpanKind kind)
{
  Span sp = { start, end, kind };

  if (end > start)
    g_array_append_val (spans, sp);
}

/* The user part's password: from the first ':' after "//" to the '@' that
 * ends the user part.  An '@', '/' or '?' written inside the password makes
 * that '@' the last one (before the query, or of all when the query has
 * none): the whole of what was meant is masked, whatever libpq reads. */
static void
uri_user_password (const char *s, GArray *spans)
{
  const char *a = strstr (s, "//") + 2;
  const char *q = strchr (a, '?');
  const char *at = NULL, *colon;

  for (const char *p = a; *p && (q == NULL || p < q); p++)
    if (*p == '@')
      at = p;
  if (at == NULL)
    at = strrchr (a, '@');
  if (at == NULL)
    return;
  colon = memchr (a, ':', at - a);
  if (colon)
    add_span (spans, colon + 1 - s, at - s, SPAN_URI);
}

/* ?password=… or &password=…, the key compared decoded, as libpq does. */
static void
uri_query_passwords (const char *s, GArray *spans)
{
  for (const char *p = s; *p; p++)
    {
      const char *key, *eq, *end;
      g_autofree char *name = NULL;

      if (*p != '?' && *p != '&')
        continue;
      key = p + 1;
      end = key + strcspn (key, "&");
      eq = memchr (key, '=', end - key);
      if (eq == NULL)
        continue;
      name = percent_decode (key, eq - key);
      if (g_ascii_strcasecmp (g_strstrip (name), "password") == 0)
        add_span (spans, eq + 1 - s, end - s, SPAN_URI);
    }
}

/* password=secret or password = 'a \' b' among key=value words. */
static void
word_passwords (const char *s, GArray *spans)
{
  for (const char *p = s; *p; p++)
    {
      const char *v;

      if (g_ascii_strncasecmp (p, "password", 8) != 0 ||
          (p > s && !g_ascii_isspace (p[-1])))
        continue;
      v = p + 8;
      while (g_ascii_isspace (*v))
        v++;
      if (*v != '=')
        continue;
      v++;
      while (g_ascii_isspace (*v))
        v++;
      if (*v == '\'')
        {
          const char *e = v + 1;

          while (*e && *e != '\'')
            e += (e[0] == '\\' && e[1]) ? 2 : 1;
          add_span (spans, v - s, (*e ? e + 1 : e) - s, SPAN_WORD);
          p = *e ? e : e - 1;
        }
      else
        {
          const char *e = v;

          while (*e && !g_ascii_isspace (*e))
            e++;
          add_span (spans, v - s, e - s, SPAN_WORD);
        }
    }
}

static GArray *
find_spans (const char *s)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

  if (s == NULL)
    return spans;
  if (is_uri (s))
    {
      uri_user_password (s, spans);
      uri_query_passwords (s, spans);
    }
  word_passwords (s, spans);
  return spans;
}

gboolean
rk_location_has_password (const char *location)
{
  g_autoptr(GArray) spans = find_spans (location);

  return spans->len > 0;
}

char *
rk_location_mask (const char *location)
{
  g_autoptr(GArray) spans = find_spans (location);
  g_autofree gboolean *masked = NULL;
  GString *out;
  gsize len;

  if (location == NULL)
    return NULL;
  len = strlen (location);
  masked = g_new0 (gboolean, len + 1);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *sp = &g_array_index (spans, Span, i);

      for (gsize j = sp->start; j < sp->end; j++)
        masked[j] = TRUE;
    }
  out = g_string_sized_new (len);
  for (gsize j = 0; j < len; j++)
    {
      if (!masked[j])
        g_string_append_c (out, location[j]);
      else if (j == 0 || !masked[j - 1])
        g_string_append (out, "***");
    }
  return g_string_free (out, FALSE);
}

static void
add_secret (GPtrArray *secrets, char *secret)
{
  if (*secret == '\0' || g_ptr_array_find_with_equal_func (secrets, secret, g_str_equal, NULL))
    {
      g_free (secret);
      return;
    }
  g_ptr_array_add (secrets, secret);
}

char **
rk_location_secrets (const char *location)
{
  g_autoptr(GArray) spans = find_spans (location);
  GPtrArray *secrets = g_ptr_array_new ();

  for (guint i = 0; i < spans->len; i++)
    {
      Span *sp = &g_array_index (spans, Span, i);
      const char *text = location + sp->start;
      gsize len = sp->end - sp->start;

      char *decoded = sp->kind == SPAN_URI ? percent_decode (text, len)
                                           : word_decode (text, len);
      g_auto(GStrv) pieces = NULL;

      add_secret (secrets, g_strndup (text, len));
      /* and the pieces libpq may take for a host, port or parameter when
       * it cuts the password at one of these */
      pieces = g_regex_split_simple ("[@/?&:#=]", decoded, 0, 0);
      for (guint k = 0; g_strv_length (pieces) > 1 && pieces[k]; k++)
        add_secret (secrets, g_strdup (pieces[k]));
      add_secret (secrets, decoded);
    }
  g_ptr_array_add (secrets, NULL);
  return (char **) g_ptr_array_free (secrets, FALSE);
}

gboolean
rk_location_is_password (const char *location, const char *value)
{
  g_autoptr(GArray) spans = find_spans (location);

  for (guint i = 0; value && i < spans->len; i++)
    {
      Span *sp = &g_array_index (spans, Span, i);
      gsize len = sp->end - sp->start;
      g_autofree char *raw = g_strndup (location + sp->start, len);
      g_autofree char *decoded = sp->kind == SPAN_URI ? percent_decode (raw, len)
                                                      : word_decode (raw, len);

      if (strcmp (value, raw) == 0 || strcmp (value, decoded) == 0)
        return TRUE;
    }
  return FALSE;
}

static int
longer_first (gconstpointer a, gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

char *
rk_location_scrub (const char *location, const char *message)
{
  g_auto(GStrv) secrets = NULL;
  g_autofree char *masked = NULL;
  GString *out;

  if (message == NULL)
    return NULL;
  out = g_string_new (message);
  if (location == NULL || !rk_location_has_password (location))
    return g_string_free (out, FALSE);
  masked = rk_location_mask (location);
  g_string_replace (out, location, masked, 0);
  secrets = rk_location_secrets (location);
  qsort (secrets, g_strv_length (secrets), sizeof (char *), longer_first);
  for (guint i = 0; secrets[i]; i++)
    if (strlen (secrets[i]) >= MIN_SCRUB_LEN)
      g_string_replace (out, secrets[i], "***", 0);
  return g_string_free (out, FALSE);
}
