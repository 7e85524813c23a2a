#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <glib/gstdio.h>
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

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);
  g_test_add ("/handouts/language", Fixture, NULL, fixture_set_up, test_language,
              fixture_tear_down);
  return g_test_run ();
}
