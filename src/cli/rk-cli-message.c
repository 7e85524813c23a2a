#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rk-cli-message.h"
#include "rk-location.h"

/* Every line renkei-cli writes to stderr passes here (a GLib printerr
 * handler), so that no message, whoever wrote it, can:
 *  - show a password of a database location given on the command line;
 *  - carry a line break or other control character from an argument (a
 *    forged second line in a log), they show as \n, \r, \t, \xNN (in
 *    the rest of a message a tab is a space);
 *  - quote an argument of thousands of characters whole: a long argument
 *    shows its first characters and "…", and a line is cut at MAX_LINE. */

#define LONG_ARG   80   /* characters */
#define SHOWN_ARG  40
#define MAX_LINE   1000

static GPtrArray *cli_args;   /* the arguments, and the values of --flag=value */

static char *
escape_controls (const char *text, gboolean tab_as_space)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, tab_as_space ? " " : "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

static char *
shown_form (const char *arg)
{
  g_autofree char *valid = g_utf8_make_valid (arg, -1);
  g_autofree char *masked = rk_location_mask (valid);
  g_autofree char *escaped = escape_controls (masked, FALSE);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (escaped, -1) <= LONG_ARG)
    return g_steal_pointer (&escaped);
  head = g_utf8_substring (escaped, 0, SHOWN_ARG);
  return g_strdup_printf ("%s…", head);
}

void
rk_cli_message_set_args (int argc, char **argv)
{
  g_clear_pointer (&cli_args, g_ptr_array_unref);
  cli_args = g_ptr_array_new ();
  for (int i = 1; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');

      g_ptr_array_add (cli_args, argv[i]);
      if (g_str_has_prefix (argv[i], "--") && eq)
        g_ptr_array_add (cli_args, (gpointer) (eq + 1));
    }
}

static int
longer_first (gconstpointer a, gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

char *
rk_cli_message_clean (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(GStrv) lines = NULL;
  GString *result;

  if (cli_args)
    {
      for (guint i = 0; i < cli_args->len; i++)
        g_ptr_array_add (args, g_ptr_array_index (cli_args, i));
      g_ptr_array_sort (args, longer_first);
    }
  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      g_autofree char *shown = NULL;
      g_autofree char *scrubbed = NULL;

      if (*arg == '\0')
        continue;
      /* the argument as quoted: masked, escaped, shortened; then any
       * password of it still showing in a partial quote */
      shown = shown_form (arg);
      if (strcmp (shown, arg) != 0)
        g_string_replace (out, arg, shown, 0);
      if (rk_location_has_password (arg))
        {
          scrubbed = rk_location_scrub (arg, out->str);
          g_string_assign (out, scrubbed);
        }
    }

  /* what is left: line breaks end lines, other controls show escaped, and
   * no line runs on for ever */
  lines = g_strsplit (out->str, "\n", -1);
  result = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (lines[i], -1);
      g_autofree char *escaped = escape_controls (valid, TRUE);

      if (i > 0)
        g_string_append_c (result, '\n');
      if (g_utf8_strlen (escaped, -1) > MAX_LINE)
        {
          g_autofree char *head = g_utf8_substring (escaped, 0, MAX_LINE);
          g_string_append_printf (result, "%s…", head);
        }
      else
        g_string_append (result, escaped);
    }
  return g_string_free (result, FALSE);
}

static void
print_clean (const char *text)
{
  g_autofree char *clean = rk_cli_message_clean (text);

  fputs (clean, stderr);
  fflush (stderr);
}

/* Standard output carries data (JSON, lists) and stays as it is, but for
 * the passwords of locations given on the command line ("Copied … from"). */
static void
print_scrubbed (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  for (guint i = 0; cli_args && i < cli_args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli_args, i);

      if (rk_location_has_password (arg))
        {
          g_autofree char *scrubbed = rk_location_scrub (arg, out->str);
          g_string_assign (out, scrubbed);
        }
    }
  fputs (out->str, stdout);
}

void
rk_cli_message_install (int argc, char **argv)
{
  rk_cli_message_set_args (argc, argv);
  g_set_printerr_handler (print_clean);
  g_set_print_handler (print_scrubbed);
}
