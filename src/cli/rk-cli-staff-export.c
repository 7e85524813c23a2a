#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "rk-cli-handouts.h"
#include "rk-output.h"
#include "rk-staff-sheet.h"

/* export --staff STAFF_ID|all --month YYYY-MM --format pdf|ics -o FILE|DIR:
 * each person's own month, as a sheet or an .ics. Personal (addresses,
 * notes, who is double booked): every file 0600. */

/* Flags of `export` that mean something else and are refused here. */
static const char * const not_with_staff[] = {
  "venue", "audience", "encoding", "orientation", "include-tentative", "fiscal-year", "paper",
  NULL
};

gboolean
rk_cli_refuse_flags (RkArgs *args, const char *mode, const char * const *flags, GError **error)
{
  for (guint i = 0; flags[i]; i++)
    if (rk_args_has (args, flags[i]))
      {
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("--%s does not go with %s"), flags[i],
                     mode);
        return FALSE;
      }
  return TRUE;
}

/* "12-佐藤_美咲-2026-12.pdf": the id first (names repeat), then the name
 * with anything a file name cannot hold replaced. */
static char *
file_name (RkStaffSheet *sheet, int year, int month, const char *ext)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = rk_staff_sheet_get_name (sheet); *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          (c < 128 && strchr ("/\\:*?\"<>|", (int) c)))
        {
          if (name->len == 0 || name->str[name->len - 1] != '_')
            g_string_append_c (name, '_');
        }
      else if (c != '.' || name->len > 0)
        g_string_append_unichar (name, c);
    }
  return g_strdup_printf ("%" PRId64 "-%s-%04d-%02d.%s", rk_staff_sheet_get_staff_id (sheet),
                          name->str, year, month, ext);
}

int
rk_cli_export_staff (RkArgs *args, int year, int month, gboolean ics, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *who = rk_args_get (args, "staff");
  gboolean all = g_strcmp0 (who, "all") == 0;
  gboolean into_dir = all || g_file_test (path, G_FILE_TEST_IS_DIR);
  gint64 staff_id = 0;
  RkPrintLanguage language;

  if (!rk_cli_refuse_flags (args, "--staff", not_with_staff, &error) ||
      (!all && !rk_parse_id (who, "--staff", &staff_id, &error)))
    return rk_cli_fail (error);
  if (all && g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    return rk_cli_input_error (_("-o %s is not a folder; --staff all writes one file per person "
                                 "into a folder"),
                               path);
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_print_language (args, store, &language, &error))
    return rk_cli_fail (error);
  sheets = rk_staff_sheets_new (store, staff_id, year, month, language, &error);
  if (sheets == NULL)
    return rk_cli_fail (error);

  /* Everything made before anything is written. */
  for (guint i = 0; i < sheets->len; i++)
    {
      RkStaffSheet *sheet = g_ptr_array_index (sheets, i);
      GBytes *bytes;

      if (ics)
        {
          char *text = rk_staff_sheet_ics (sheet);

          bytes = g_bytes_new_take (text, strlen (text));
        }
      else if ((bytes = rk_staff_sheet_pdf (sheet, &error)) == NULL)
        return rk_cli_fail (error);
      g_ptr_array_add (files, bytes);
    }

  if (into_dir && g_mkdir_with_parents (path, 0700) != 0)
    return rk_cli_input_error (_("Cannot make the folder %s: %s"), path, g_strerror (errno));
  for (guint i = 0; i < sheets->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (files, i);
      g_autofree char *name = into_dir ? file_name (g_ptr_array_index (sheets, i), year, month,
                                                    ics ? "ics" : "pdf")
                                       : NULL;
      g_autofree char *target = into_dir ? g_build_filename (path, name, NULL) : g_strdup (path);
      gsize length = 0;
      const void *data = g_bytes_get_data (bytes, &length);

      if (!rk_output_write_file (target, data, length, TRUE, &error))
        return rk_cli_fail (error);
      if (into_dir)
        g_print ("%s\n", target);
    }
  return RK_EXIT_OK;
}
