#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "rk-error.h"
#include "rk-ical-private.h"

/* What a visit of a line decides. */
typedef enum
{
  LINE_NEXT,    /* go on */
  LINE_FOUND,   /* this is the line looked for */
  LINE_STOP,    /* give up: it is not there */
} LineVerdict;

typedef LineVerdict (*LineVisit) (const char *line, gsize len, guint number, gpointer data);

/* The one walk over the lines of the text, from line `from` (1 is the
 * first) on: the number of the line a visit found, 0 when none did. */
static guint
walk_lines (const char *text, guint from, LineVisit visit, gpointer data)
{
  const char *p = text;
  guint line = 1;

  while (*p)
    {
      const char *eol = strchr (p, '\n');
      gsize len = eol ? (gsize) (eol - p) : strlen (p);

      if (line >= from)
        switch (visit (p, len, line, data))
          {
          case LINE_FOUND:
            return line;
          case LINE_STOP:
            return 0;
          case LINE_NEXT:
          default:
            break;
          }
      if (eol == NULL)
        break;
      p = eol + 1;
      line++;
    }
  return 0;
}

static gboolean
line_is (const char *p, const char *what)
{
  gsize n = strlen (what);

  return g_ascii_strncasecmp (p, what, n) == 0 &&
         (p[n] == '\r' || p[n] == '\n' || p[n] == '\0' || p[n] == ' ');
}

static LineVerdict
add_vevent_line (const char *line, gsize len, guint number, gpointer data)
{
  if (line_is (line, "BEGIN:VEVENT"))
    g_array_append_val ((GArray *) data, number);
  return LINE_NEXT;
}

GArray *
rk_ical_scan_vevents (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));

  walk_lines (text, 1, add_vevent_line, lines);
  return lines;
}

typedef struct
{
  guint       begin;
  const char *name;
} PropertyLook;

static LineVerdict
is_property_line (const char *line, gsize len, guint number, gpointer data)
{
  const PropertyLook *look = data;
  gsize n = strlen (look->name);

  if (number > look->begin && line_is (line, "END:VEVENT"))
    return LINE_STOP;
  if (len > n && g_ascii_strncasecmp (line, look->name, n) == 0 &&
      (line[n] == ':' || line[n] == ';'))
    return LINE_FOUND;
  return LINE_NEXT;
}

/* The line of property name inside the VEVENT that starts on line begin
 * (begin itself when none). */
static guint
property_line (ImportCtx *ctx, guint begin, const char *name)
{
  PropertyLook look = { begin, name };
  guint line = walk_lines (ctx->text, begin, is_property_line, &look);

  return line ? line : begin;
}

guint
rk_ical_vevent_line (ImportCtx *ctx, const VEvent *v)
{
  if (!ctx->lines_known || v->index >= ctx->vevent_lines->len)
    return 0;
  return g_array_index (ctx->vevent_lines, guint, v->index);
}

/* The line a message about property of v is for: the property's own,
 * else the VEVENT's; 0 when the lines of the file are not known. */
static guint
message_line (ImportCtx *ctx, const VEvent *v, const char *property)
{
  guint line = rk_ical_vevent_line (ctx, v);

  return line && property ? property_line (ctx, line, property) : line;
}

gboolean G_GNUC_PRINTF (5, 6)
rk_ical_fail (ImportCtx *ctx, const VEvent *v, const char *property, GError **error,
              const char *format, ...)
{
  g_autofree char *msg = NULL;
  const char *uid = v ? icalcomponent_get_uid (v->comp) : NULL;
  guint line = v ? message_line (ctx, v, property) : 0;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line && uid)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u (UID %s): %s"), line, uid, msg);
  else if (line)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u: %s"), line, msg);
  else if (uid)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("UID %s: %s"), uid, msg);
  else
    g_set_error_literal (error, RK_ERROR, RK_ERROR_INVALID, msg);
  return FALSE;
}

/* Something read differently from the file, said in the import summary. */
void G_GNUC_PRINTF (4, 5)
rk_ical_note (ImportCtx *ctx, const VEvent *v, const char *property, const char *format, ...)
{
  g_autofree char *msg = NULL;
  guint line = message_line (ctx, v, property);
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  rk_import_stats_note (ctx->stats, line, icalcomponent_get_uid (v->comp), "%s", msg);
}

static LineVerdict
holds_needle (const char *line, gsize len, guint number, gpointer data)
{
  const char *needle = data;

  return len >= strlen (needle) && g_strstr_len (line, len, needle) ? LINE_FOUND : LINE_NEXT;
}

/* The first line from line `from` on that holds needle; 0 when none. */
guint
rk_ical_text_line (ImportCtx *ctx, guint from, const char *needle)
{
  return walk_lines (ctx->text, MAX (from, 1), holds_needle, (gpointer) needle);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (ImportCtx *ctx, const VEvent *v, guint line, GError **error, const char *format, ...)
{
  g_autofree char *msg = NULL;
  const char *uid = icalcomponent_get_uid (v->comp);
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (uid)
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u (UID %s): %s"), line, uid, msg);
  else
    g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("line %u: %s"), line, msg);
  return FALSE;
}

/* libical keeps what it could not read as X-LIC-ERROR properties. */
/* An empty value (DESCRIPTION:, LOCATION:, X-WR-CALDESC: in every Google
 * export) is no value: libical drops the property and says so. */
icalproperty *
rk_ical_first_real_error (icalcomponent *comp)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property (comp, ICAL_XLICERROR_PROPERTY))
    {
      const char *msg = icalproperty_get_xlicerror (p);

      if (msg == NULL || !g_str_has_prefix (msg, "No value for"))
        return p;
    }
  return NULL;
}

gboolean
rk_ical_check_parse_errors (ImportCtx *ctx, const VEvent *v, GError **error)
{
  icalproperty *p = rk_ical_first_real_error (v->comp);
  const char *msg, *in;
  g_autofree char *name = NULL;

  if (p == NULL)
    return TRUE;
  msg = icalproperty_get_xlicerror (p);
  /* "Can't parse as DATE-TIME value in DTEND property. …" */
  in = msg ? strstr (msg, " in ") : NULL;
  if (in && strstr (in + 4, " property"))
    name = g_strndup (in + 4, strstr (in + 4, " property") - (in + 4));
  else if (msg && (in = strrchr (msg, ':')) && in[1] == ' ' && in[2])
    {
      /* "Got a data line, but …: <the line>" */
      guint line = rk_ical_text_line (ctx, rk_ical_vevent_line (ctx, v), in + 2);

      if (line)
        {
          VEvent at = *v;
          return fail_at (ctx, &at, line, error, _("cannot be read: %s"), msg);
        }
    }
  return rk_ical_fail (ctx, v, name, error, _("cannot be read: %s"), msg ? msg : "");
}

guint
rk_ical_field_line (ImportCtx *ctx, const RkImportEvent *item, const char *name)
{
  return item->line ? property_line (ctx, item->line, name) : 0;
}

/* RFC 5545 §3.1: a line may be folded inside a multi-byte character, and
 * unfolding restores it; so the text is checked as UTF-8 unfolded.  0 when
 * it is UTF-8, else the line (of the file as it is) of the first bad byte. */
guint
rk_ical_first_bad_utf8_line (const char *data, gsize length)
{
  g_autoptr(GString) unfolded = NULL;
  /* Where the line count went up: the unfolded length at that moment. */
  g_autoptr(GArray) breaks = NULL;
  const char *end = NULL;
  gsize bad;
  guint line = 1;

  /* Unfolding only takes out ASCII bytes, which valid UTF-8 has between
   * its characters: valid as it is, valid unfolded (the usual file, read
   * without a copy: a 10,000-event file took 20 MB here). */
  if (g_utf8_validate (data, (gssize) length, NULL))
    return 0;
  unfolded = g_string_sized_new (length);
  breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\n')
        g_array_append_val (breaks, unfolded->len);
      if (data[i] == '\r' && i + 2 < length && data[i + 1] == '\n' &&
          (data[i + 2] == ' ' || data[i + 2] == '\t'))
        {
          /* the folded line's end is a line of the file too */
          g_array_append_val (breaks, unfolded->len);
          i += 2;
          continue;
        }
      if (data[i] == '\n' && i + 1 < length && (data[i + 1] == ' ' || data[i + 1] == '\t'))
        {
          i += 1;
          continue;
        }
      g_string_append_c (unfolded, data[i]);
    }
  if (g_utf8_validate (unfolded->str, (gssize) unfolded->len, &end))
    return 0;
  bad = (gsize) (end - unfolded->str);
  for (guint i = 0; i < breaks->len && g_array_index (breaks, gsize, i) <= bad; i++)
    line++;
  return line;
}

static const struct { const char *begin; const char *what; } other_components[] = {
  { "BEGIN:VTODO", N_("a to-do (VTODO) is not an event: skipped") },
  { "BEGIN:VJOURNAL", N_("a journal entry (VJOURNAL) is not an event: skipped") },
  { "BEGIN:VFREEBUSY", N_("a free/busy block (VFREEBUSY) is not an event: skipped") },
};

static LineVerdict
note_if_other_component (const char *line, gsize len, guint number, gpointer data)
{
  ImportCtx *ctx = data;

  for (guint i = 0; i < G_N_ELEMENTS (other_components); i++)
    if (line_is (line, other_components[i].begin))
      {
        ctx->stats->skipped++;
        rk_import_stats_note (ctx->stats, number, NULL, "%s", _(other_components[i].what));
      }
  return LINE_NEXT;
}

/* To-dos, journal entries and free/busy blocks are not events: each is
 * counted as skipped and named in the summary. */
void
rk_ical_note_skipped_components (ImportCtx *ctx)
{
  walk_lines (ctx->text, 1, note_if_other_component, ctx);
}
