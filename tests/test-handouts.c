#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-test-util.h"

/* What a hub prints and hands out, through renkei-cli as a monthly job runs
 * it (LC_ALL=C.UTF-8 from the test environment): the sheet's language, and
 * every file read back. The demo municipality as of 1 December 2026. */

#define TODAY "2026-12-01"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("renkei-handouts-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->db = rk_test_db_path ();
  out = rk_test_cli_ok (f->db, TODAY, "init", "--demo", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  rk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* The PDF's text as laid out, with all white space taken out. */
static char *
pdf_squeezed (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = rk_test_tool (argv);

  return rk_test_squeeze (text);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* ---------------------------------------------------------------------- */

static void
test_language (Fixture *f, gconstpointer data)
{
  g_autofree char *ja = path_in (f, "ja.pdf");
  g_autofree char *en = path_in (f, "en.pdf");
  g_autofree char *set = path_in (f, "set.pdf");
  g_autofree char *back = path_in (f, "back.pdf");
  g_autofree char *err = NULL;
  g_autofree char *t = NULL;

  /* Unset: Japanese, under a C locale. */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "-o", ja, NULL));
  t = pdf_squeezed (ja);
  g_assert_nonnull (strstr (t, "2026年（令和8年）12月"));
  g_assert_nonnull (strstr (t, "日月火水木金土"));
  g_assert_nonnull (strstr (t, "休館日"));
  g_assert_nonnull (strstr (t, "対象："));
  g_assert_null (strstr (t, "Closed"));
  g_assert_null (strstr (t, "For:"));
  g_clear_pointer (&t, g_free);

  /* Asked for: English, whatever the setting. */
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "--audience", "staff", "--language", "en", "-o", en, NULL));
  t = pdf_squeezed (en);
  g_assert_nonnull (strstr (t, "December2026"));
  g_assert_nonnull (strstr (t, "SunMonTueWedThuFriSat"));
  g_assert_nonnull (strstr (t, "Closed"));
  g_assert_nonnull (strstr (t, "Forstaffonly"));
  g_assert_null (strstr (t, "休館日"));
  g_assert_null (strstr (t, "職員用"));
  g_clear_pointer (&t, g_free);

  /* The database's setting, and --language over it. */
  g_free (rk_test_cli_ok (f->db, TODAY, "settings", "set", "print_language", "en", NULL));
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "-o", set, NULL));
  t = pdf_squeezed (set);
  g_assert_nonnull (strstr (t, "December2026"));
  g_clear_pointer (&t, g_free);
  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "pdf",
                          "--language", "ja", "-o", back, NULL));
  t = pdf_squeezed (back);
  g_assert_nonnull (strstr (t, "休館日"));
  g_clear_pointer (&t, g_free);

  /* Only the two languages. */
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "settings", "set", "print_language",
                                "fr", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "print_language"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rk_test_cli (f->db, TODAY, NULL, &err, "export", "--month", "2026-12",
                                "--format", "pdf", "--language", "de", "-o", back, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--language"));
}

static gboolean
has_line_matching (const char *text, const char *pattern)
{
  return g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0);
}

/* The newsletter lines: paste-ready, in the style municipal newsletters
 * print, public events only. */
static void
test_newsletter (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "dec.txt");
  g_autofree char *text = NULL, *en = NULL, *one = NULL, *err = NULL;
  g_autofree char *venue_json = NULL;

  g_free (rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "text",
                          "-o", path, NULL));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "12月の予定\n"));
  g_assert_true (has_line_matching (text, "^9日\\(水\\) 10:00～12:00 健康相談と仲間づくり"
                                          "（きた子育てひろば）対象：[^ ]+$"));
  g_assert_true (has_line_matching (text, "^29日～1/[0-9]+ 年末年始休館（[^）]+）$"));
  g_assert_true (has_line_matching (text, "^毎週[日月火水木金土・]+曜休館（[^）]+）$"));
  /* Staff-only meetings never reach a newsletter. */
  g_assert_null (strstr (text, "連絡会議"));
  g_assert_null (strstr (text, "合同研修"));
  /* Every event line starts with its day, in date order. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    int last = 0;

    for (guint i = 1; lines[i] && *lines[i]; i++)
      {
        int d = atoi (lines[i]);

        if (g_str_has_prefix (lines[i], "毎週"))
          continue;
        g_assert_cmpint (d, >=, last);
        last = d;
      }
    g_assert_cmpint (last, >=, 20);
  }

  /* English on request; one venue without its name on every line. */
  en = rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "text",
                       "--language", "en", "-o", "-", NULL);
  g_assert_true (g_str_has_prefix (en, "December 2026"));
  g_assert_true (has_line_matching (en, "^Wed 9 10:00–12:00 健康相談と仲間づくり \\(きた子育てひろば\\) "
                                        "For: "));
  one = rk_test_cli_ok (f->db, TODAY, "export", "--month", "2026-12", "--format", "text",
                        "--venue", "2", "-o", "-", NULL);
  g_assert_null (strstr (one, "（きた子育てひろば）"));
  g_assert_null (strstr (one, "（みなみ子育て支援センター）"));
  g_assert_true (has_line_matching (one, "^[0-9]+日\\([日月火水木金土]\\) [0-9]+:[0-9]{2}～[0-9:]+ "
                                         "[^ ]+ 対象："));
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);
  g_test_add ("/handouts/language", Fixture, NULL, fixture_set_up, test_language,
              fixture_tear_down);
  g_test_add ("/handouts/newsletter", Fixture, NULL, fixture_set_up, test_newsletter,
              fixture_tear_down);
  return g_test_run ();
}
