#define G_LOG_DOMAIN "renkei-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-print-language.h"

/* The catalog is read straight from the .mo file that gettext would use for
 * the language (the directory bound to GETTEXT_PACKAGE), so that a Japanese
 * sheet comes out Japanese under LANG=C and an English one under ja_JP,
 * without touching the process locale that other threads share. */

/* -1 while no document is being built: messages follow the process locale. */
static __thread int current = -1;

gboolean
rk_print_language_parse (const char *text, RkPrintLanguage *out)
{
  if (g_strcmp0 (text, "ja") == 0)
    *out = RK_PRINT_JA;
  else if (g_strcmp0 (text, "en") == 0)
    *out = RK_PRINT_EN;
  else
    return FALSE;
  return TRUE;
}

const char *
rk_print_language_code (RkPrintLanguage lang)
{
  return lang == RK_PRINT_EN ? "en" : "ja";
}

RkPrintLanguage
rk_print_language_from_store (RkStore *store)
{
  g_autofree char *value = rk_store_get_setting (store, "print_language");
  RkPrintLanguage lang = RK_PRINT_JA;

  if (value)
    rk_print_language_parse (value, &lang);
  return lang;
}

const char *
rk_print_holiday_name (RkPrintLanguage lang, const RkHoliday *h)
{
  return lang == RK_PRINT_EN ? h->name_en : h->name_ja;
}

static guint32
mo_u32 (const guint8 *data, gsize off, gboolean swap)
{
  guint32 v;

  memcpy (&v, data + off, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* msgid (or "context\004msgid") → msgstr, both pointing into the file. */
static GHashTable *
catalog_load (const char *code)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  /* Where the programs look (RENKEI_LOCALEDIR runs them uninstalled), then
   * what gettext was told, then the installed catalogs. */
  const char *dirs[] = { g_getenv ("RENKEI_LOCALEDIR"), bindtextdomain (GETTEXT_PACKAGE, NULL),
                         LOCALEDIR };
  GMappedFile *file = NULL;
  const guint8 *data;
  gsize len;
  guint32 n, orig, trans;
  gboolean swap;

  for (guint i = 0; i < G_N_ELEMENTS (dirs) && file == NULL; i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;
      path = g_build_filename (dirs[i], code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      file = g_mapped_file_new (path, FALSE, NULL);
    }
  if (file == NULL)
    {
      g_debug ("no %s catalog", code);
      return table;
    }
  data = (const guint8 *) g_mapped_file_get_contents (file);
  len = g_mapped_file_get_length (file);
  if (len < 28)
    return table;
  if (mo_u32 (data, 0, FALSE) == 0x950412de)
    swap = FALSE;
  else if (mo_u32 (data, 0, TRUE) == 0x950412de)
    swap = TRUE;
  else
    return table;
  n = mo_u32 (data, 8, swap);
  orig = mo_u32 (data, 12, swap);
  trans = mo_u32 (data, 16, swap);
  if (orig > len || trans > len || n > (len - MAX (orig, trans)) / 8)
    return table;
  for (guint32 i = 0; i < n; i++)
    {
      guint32 ol = mo_u32 (data, orig + 8 * i, swap), oo = mo_u32 (data, orig + 8 * i + 4, swap);
      guint32 tl = mo_u32 (data, trans + 8 * i, swap), to = mo_u32 (data, trans + 8 * i + 4, swap);

      if (oo >= len || ol >= len - oo || to >= len || tl >= len - to)
        continue;
      if (data[oo + ol] != '\0' || data[to + tl] != '\0' || tl == 0)
        continue;
      /* A plural entry is keyed by its singular; its first form serves. */
      g_hash_table_insert (table, (char *) data + oo, (char *) data + to);
    }
  /* Kept mapped for the life of the process, like gettext's own. */
  return table;
}

static GHashTable *
catalog (RkPrintLanguage lang)
{
  static gsize ja;

  if (lang == RK_PRINT_EN)
    return NULL;
  if (g_once_init_enter (&ja))
    g_once_init_leave (&ja, (gsize) catalog_load ("ja"));
  return (GHashTable *) ja;
}

const char *
rk_print_gettext (RkPrintLanguage lang, const char *msgid)
{
  GHashTable *t = catalog (lang);
  const char *s = t ? g_hash_table_lookup (t, msgid) : NULL;

  return s ? s : msgid;
}

const char *
rk_print_pgettext (RkPrintLanguage lang, const char *context, const char *msgid)
{
  GHashTable *t = catalog (lang);
  g_autofree char *key = NULL;
  const char *s;

  if (t == NULL)
    return msgid;
  key = g_strconcat (context, "\004", msgid, NULL);
  s = g_hash_table_lookup (t, key);
  return s ? s : msgid;
}

int
rk_print_language_push (RkPrintLanguage lang)
{
  int previous = current;

  current = lang;
  return previous;
}

void
rk_print_language_pop (int previous)
{
  current = previous;
}

RkPrintLanguage
rk_print_language_current (void)
{
  return current < 0 ? RK_PRINT_JA : (RkPrintLanguage) current;
}

const char *
rk_print_i18n_gettext (const char *msgid)
{
  if (current < 0)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  return rk_print_gettext (current, msgid);
}

const char *
rk_print_i18n_pgettext (const char *context, const char *msgid)
{
  if (current < 0)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  return rk_print_pgettext (current, context, msgid);
}
