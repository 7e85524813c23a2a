#pragma once

#include <glib.h>
#include <stdarg.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Runs $RENKEI_CLI --db DB ARGS... (NULL-terminated), with RENKEI_TODAY set
 * to today when not NULL. Returns the exit code; out/err (optional) get the
 * output. */
int        rk_test_cli        (const char *db, const char *today, char **out, char **err, ...)
                              G_GNUC_NULL_TERMINATED;
/* The same with the arguments as a NULL-terminated array or a va_list. */
int        rk_test_cli_argv   (const char *db, const char *today, const char * const *args,
                               char **out, char **err);
int        rk_test_cli_va     (const char *db, const char *today, char **out, char **err,
                               va_list ap);
/* A renkei-cli started without waiting (stdout dropped, stderr kept), for
 * several at once; rk_test_cli_wait() reads its stderr (optional) and
 * returns its exit code. */
typedef struct
{
  GPid pid;
  int  err_fd;
} RkTestChild;
RkTestChild rk_test_cli_start (const char *db, const char *today, const char * const *args);
int        rk_test_cli_wait   (RkTestChild *child, char **err);
/* renkei-cli run from now on in Japanese (LC_ALL=ja_JP.UTF-8, LANGUAGE=ja)
 * or, with FALSE, in the test's own locale; without touching the test's
 * environment (other threads may read it). */
void       rk_test_cli_set_japanese (gboolean japanese);
/* Same, asserting exit code 0, returning stdout stripped. */
char      *rk_test_cli_ok     (const char *db, const char *today, ...) G_GNUC_NULL_TERMINATED;
/* Parses JSON text; asserts it is valid. */
JsonNode  *rk_test_json       (const char *text);
/* A fresh database: the path of a file in a new temporary folder, or with
 * RENKEI_TEST_BACKEND=postgresql the URI of a new database on the test
 * server RENKEI_TEST_PG (a libpq conninfo: "host=DIR port=N user=U"). */
char      *rk_test_db_path    (void);
/* Always a file, whatever the backend under test. */
char      *rk_test_file_db_path (void);
/* Always a new server database (RENKEI_TEST_PG must be set). */
char      *rk_test_pg_database (void);
/* A copy of the database template (a file nobody has open, or a server
 * database from rk_test_pg_database() nobody is connected to) for one
 * case: a file in dir, or a new database on the test server. For a fixture
 * built once per test program instead of once per case. */
char      *rk_test_db_clone   (const char *template, const char *dir);
gboolean   rk_test_backend_is_pg (void);
/* g_test_init(), and the whole program skipped when the server backend is
 * asked for but no test server was started. */
void       rk_test_init       (int *argc, char ***argv);
/* For cases about the SQLite file itself: skips them on the server. */
gboolean   rk_test_skip_on_server (const char *why);
/* Runs the default main context for about ms milliseconds. */
void       rk_test_pump       (int ms);
/* Pumps the main context until done (data) says TRUE, at most seconds;
 * what done says last. */
typedef gboolean (*RkTestDone) (gpointer data);
gboolean   rk_test_wait_for   (RkTestDone done, gpointer data, int seconds);
/* Fills an open store with the demo data as of today (YYYY-MM-DD). */
void       rk_test_fill_demo  (gpointer store, const char *today);
/* Removes a file, or a folder with everything in it. */
void       rk_test_rm_rf      (const char *path);
/* SHA-256 of a file's bytes; for a server URI, of every row it holds. */
char      *rk_test_file_hash  (const char *path);
/* Runs a tool (pdftotext, pdfinfo...), asserting it succeeds; its stdout. */
char      *rk_test_tool       (const char * const *argv);
/* The height of the box pdftotext -bbox gives a word of a PDF by Renkei,
 * in ems of its type size: the font's ascent plus descent (IPAexGothic
 * 1.0, Noto Sans CJK 1.448), read from pdffonts. Fails on a PDF whose
 * Japanese text is in neither or in both. */
double     rk_test_pdf_em_box (const char *pdf);
/* text without any white space (ideographic space included), so that a
 * title wrapped over lines is still found. */
char      *rk_test_squeeze    (const char *text);

G_END_DECLS
