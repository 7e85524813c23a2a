#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rk-db.h"
#include "rk-error.h"
#include "rk-location.h"
#include "rk-schema.h"

/* The server driver: a municipality's shared schedule on PostgreSQL,
 * through libpq. What it keeps the same as the SQLite file:
 *
 * - one writer at a time: a write transaction first takes a transaction-
 *   scoped advisory lock (what BEGIN IMMEDIATE is to SQLite), so the second
 *   of two coordinators booking the same room waits, then reads the first
 *   one's committed booking (READ COMMITTED: each statement sees what has
 *   been committed) and meets the clash instead of overwriting it. Readers
 *   never wait; a load reads one REPEATABLE READ snapshot.
 * - the schema version (renkei_meta, SQLite's user_version), checked before
 *   anything is written, and forward-only migrations in one transaction.
 * - "another connection committed" (SQLite's data_version): every write
 *   transaction NOTIFYs on commit; a connection that looks (the desktop's
 *   worker) LISTENs from its first look and counts. The others never
 *   LISTEN: notifications nobody reads would pile up in their sockets and
 *   hold the server's queue back for as long as the program stays open.
 *
 * Passwords are libpq's business (~/.pgpass, the service file, PGPASSWORD):
 * Renkei never writes one down, and leaves a password given in a URI out of
 * every message. TLS settings (sslmode=verify-full, sslrootcert) are passed
 * to libpq untouched. */

/* libpq is loaded when a server is first used, not at start-up: a
 * coordinator on a file never maps it and the TLS and Kerberos libraries
 * it brings (some megabytes of every process's memory otherwise). */
#define PQ_FUNCTIONS(X) \
  X (PQbackendPID) \
  X (PQclear) \
  X (PQcmdStatus) \
  X (PQcmdTuples) \
  X (PQconnectdbParams) \
  X (PQconnectionNeedsPassword) \
  X (PQconninfoFree) \
  X (PQconninfoParse) \
  X (PQconsumeInput) \
  X (PQenterPipelineMode) \
  X (PQerrorMessage) \
  X (PQexec) \
  X (PQexecParams) \
  X (PQexitPipelineMode) \
  X (PQfinish) \
  X (PQfname) \
  X (PQfreemem) \
  X (PQftype) \
  X (PQgetResult) \
  X (PQgetisnull) \
  X (PQgetvalue) \
  X (PQmakeEmptyPGresult) \
  X (PQnfields) \
  X (PQnotifies) \
  X (PQntuples) \
  X (PQparameterStatus) \
  X (PQpingParams) \
  X (PQpipelineSync) \
  X (PQputCopyData) \
  X (PQputCopyEnd) \
  X (PQreset) \
  X (PQresultErrorField) \
  X (PQresultStatus) \
  X (PQsendQueryParams) \
  X (PQsocket) \
  X (PQstatus) \
  X (PQunescapeBytea)

static struct
{
  gsize    tried;
  GModule *module;
#define X(f) __typeof__ (f) *f;
  PQ_FUNCTIONS (X)
#undef X
} pq;

static gboolean
pq_load (GError **error)
{
  /* Once, whichever thread is first: the desktop's worker may open its
   * connection while the main thread asks whether a location holds a
   * password. */
  if (g_once_init_enter (&pq.tried))
    {
      pq.module = g_module_open ("libpq.so.5", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
#define X(f) \
      if (pq.module && !g_module_symbol (pq.module, #f, (gpointer *) &pq.f)) \
        g_clear_pointer (&pq.module, g_module_close);
      PQ_FUNCTIONS (X)
#undef X
      g_once_init_leave (&pq.tried, 1);
    }
  if (pq.module == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("The PostgreSQL client library (libpq 14 or later) is missing; install "
                     "the package libpq5 to use a database server"));
      return FALSE;
    }
  return TRUE;
}

/* From here on the names call through the loaded library. */
#define PQbackendPID pq.PQbackendPID
#define PQclear pq.PQclear
#define PQcmdStatus pq.PQcmdStatus
#define PQcmdTuples pq.PQcmdTuples
#define PQconnectdbParams pq.PQconnectdbParams
#define PQconnectionNeedsPassword pq.PQconnectionNeedsPassword
#define PQconninfoFree pq.PQconninfoFree
#define PQconninfoParse pq.PQconninfoParse
#define PQconsumeInput pq.PQconsumeInput
#define PQenterPipelineMode pq.PQenterPipelineMode
#define PQerrorMessage pq.PQerrorMessage
#define PQexec pq.PQexec
#define PQexecParams pq.PQexecParams
#define PQexitPipelineMode pq.PQexitPipelineMode
#define PQfinish pq.PQfinish
#define PQfname pq.PQfname
#define PQfreemem pq.PQfreemem
#define PQftype pq.PQftype
#define PQgetResult pq.PQgetResult
#define PQgetisnull pq.PQgetisnull
#define PQgetvalue pq.PQgetvalue
#define PQmakeEmptyPGresult pq.PQmakeEmptyPGresult
#define PQnfields pq.PQnfields
#define PQnotifies pq.PQnotifies
#define PQntuples pq.PQntuples
#define PQparameterStatus pq.PQparameterStatus
#define PQpingParams pq.PQpingParams
#define PQpipelineSync pq.PQpipelineSync
#define PQputCopyData pq.PQputCopyData
#define PQputCopyEnd pq.PQputCopyEnd
#define PQreset pq.PQreset
#define PQresultErrorField pq.PQresultErrorField
#define PQresultStatus pq.PQresultStatus
#define PQsendQueryParams pq.PQsendQueryParams
#define PQsocket pq.PQsocket
#define PQstatus pq.PQstatus
#define PQunescapeBytea pq.PQunescapeBytea

#define LOCK_KEY "1380664649"   /* RK_APPLICATION_ID: 'RKEI' */

#define OID_BOOL   16
#define OID_BYTEA  17
#define OID_INT8   20
#define OID_INT2   21
#define OID_INT4   23
#define OID_TEXT   25
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

typedef struct
{
  RkDb     parent;
  PGconn  *conn;
  /* rk_db_pg_open_deferred(): connected when first used (then NULL). */
  char    *deferred;
  gboolean create_schema;
  gint64   changes;
  gint64   others_commits;   /* notifications from other connections */
  gboolean write_tx;
  gboolean in_tx;
  gboolean listening;        /* asked for data_version once */
  gint64   tx_changes;       /* renkei_changes as this read transaction saw it; -1: not read */
  /* A COPY sent without waiting (p_copy_in): its answer is read before
   * anything else is sent (settle). A failed one fails every call that
   * can say so until the transaction is rolled back, so no commit keeps
   * the rows before it as if it had gone through. */
  gboolean copy_pending;
  gboolean copy_savepoint;
  gboolean copy_failed;
  RkDbError copy_error;
  char    *copy_message;
} PgDb;

typedef struct
{
  RkDbStmt  parent;
  char     *sql;             /* with $N parameters */
  int       n_params;
  char    **values;
  Oid      *types;
  int      *lengths;
  int      *formats;
  PGresult *res;
  int       row;
  int       n_rows;
  gboolean  writes;          /* INSERT, UPDATE or DELETE */
} PgStmt;

#define PDB(db)  ((PgDb *) (db))
#define PST(s)   ((PgStmt *) (s))

static void
record_result (RkDb *db, PGresult *res)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  RkDbError kind = RK_DB_ERR_OTHER;

  /* "The transaction is aborted" only echoes the failure that aborted it:
   * that one is kept, it says what went wrong. */
  if (state && strcmp (state, "25P02") == 0 && db->error != RK_DB_ERR_NONE)
    return;
  if (PQstatus (PDB (db)->conn) == CONNECTION_BAD)
    kind = RK_DB_ERR_CONNECTION;
  else if (state == NULL)
    kind = RK_DB_ERR_OTHER;
  else if (strcmp (state, "23505") == 0)
    kind = RK_DB_ERR_UNIQUE;
  else if (strcmp (state, "23503") == 0)
    kind = RK_DB_ERR_FOREIGN_KEY;
  else if (g_str_has_prefix (state, "23"))
    kind = RK_DB_ERR_CONSTRAINT;
  else if (strcmp (state, "42501") == 0 || strcmp (state, "25006") == 0)
    kind = RK_DB_ERR_PERMISSION;
  else if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0)
    kind = RK_DB_ERR_SERIALIZATION;
  else if (strcmp (state, "55P03") == 0 || strcmp (state, "57014") == 0)
    kind = RK_DB_ERR_BUSY;
  else if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    kind = RK_DB_ERR_CONNECTION;
  rk_db_record_error (db, kind, primary ? primary : PQerrorMessage (PDB (db)->conn));
}

/* '?' and '?N' (SQLite's parameters) become '$N'; quoted text is left alone. */
static char *
translate_sql (const char *sql, int *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int next = 0, max = 0;
  char quote = 0;

  for (const char *p = sql; *p; p++)
    {
      if (quote)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p != '?')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_ascii_isdigit (p[1]))
        {
          char *end = NULL;
          int n = (int) strtol (p + 1, &end, 10);

          g_string_append_printf (out, "$%d", n);
          next = MAX (next, n);
          max = MAX (max, n);
          p = end - 1;
        }
      else
        {
          next++;
          max = MAX (max, next);
          g_string_append_printf (out, "$%d", next);
        }
    }
  *n_params = max;
  return g_string_free (out, FALSE);
}

static gboolean p_exec (RkDb *db, const char *sql);
static gboolean settle (RkDb *db);
static gboolean connect_deferred (RkDb *db);
static gboolean p_rollback (RkDb *db);

static void
p_close (RkDb *db)
{
  if (PDB (db)->conn)
    PQfinish (PDB (db)->conn);
  g_free (PDB (db)->deferred);
  g_free (PDB (db)->copy_message);
  g_free (db);
}

static RkDbStmt *
p_prepare (RkDb *db, const char *sql)
{
  PgStmt *s = g_new0 (PgStmt, 1);

  s->parent.db = db;
  s->sql = translate_sql (sql, &s->n_params);
  s->writes = g_ascii_strncasecmp (sql, "SELECT", 6) != 0;
  s->values = g_new0 (char *, s->n_params + 1);
  s->types = g_new0 (Oid, s->n_params + 1);
  s->lengths = g_new0 (int, s->n_params + 1);
  s->formats = g_new0 (int, s->n_params + 1);
  return &s->parent;
}

static void
p_reset (RkDbStmt *s)
{
  g_clear_pointer (&PST (s)->res, PQclear);
  PST (s)->row = -1;
  PST (s)->n_rows = 0;
}

static void
p_clear_bindings (RkDbStmt *s)
{
  PgStmt *st = PST (s);

  for (int i = 0; i < st->n_params; i++)
    {
      g_clear_pointer (&st->values[i], g_free);
      st->types[i] = 0;
      st->lengths[i] = 0;
      st->formats[i] = 0;
    }
}

static void
p_finalize (RkDbStmt *s)
{
  PgStmt *st = PST (s);

  p_reset (s);
  p_clear_bindings (s);
  g_free (st->values);
  g_free (st->types);
  g_free (st->lengths);
  g_free (st->formats);
  g_free (st->sql);
  g_free (st);
}

static void
bind (RkDbStmt *s, int i, char *value, Oid type, int length, int format)
{
  PgStmt *st = PST (s);

  if (i < 1 || i > st->n_params)
    {
      g_free (value);
      g_return_if_reached ();
    }
  g_free (st->values[i - 1]);
  st->values[i - 1] = value;
  st->types[i - 1] = type;
  st->lengths[i - 1] = length;
  st->formats[i - 1] = format;
}

static void
p_bind_int64 (RkDbStmt *s, int i, gint64 v)
{
  bind (s, i, g_strdup_printf ("%" G_GINT64_FORMAT, v), OID_INT8, 0, 0);
}

static void
p_bind_double (RkDbStmt *s, int i, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  bind (s, i, g_strdup (g_ascii_dtostr (buf, sizeof buf, v)), OID_FLOAT8, 0, 0);
}

static void
p_bind_text (RkDbStmt *s, int i, const char *v)
{
  if (v == NULL)
    bind (s, i, NULL, 0, 0, 0);
  else
    bind (s, i, g_strdup (v), OID_TEXT, 0, 0);
}

static void
p_bind_blob (RkDbStmt *s, int i, gconstpointer data, gsize n)
{
  bind (s, i, g_memdup2 (data, n), OID_BYTEA, (int) n, 1);
}

static void
p_bind_null (RkDbStmt *s, int i)
{
  bind (s, i, NULL, 0, 0, 0);
}

static int
p_parameter_count (RkDbStmt *s)
{
  return PST (s)->n_params;
}

/* What every session needs: how long to wait for the writers' lock, and
 * on a connection that looks for them, the other coordinators'
 * notifications. */
static gboolean
session_setup (RkDb *db)
{
  g_autofree char *settings = g_strdup_printf ("SET lock_timeout = %d%s",
                                               rk_db_busy_timeout_ms (),
                                               PDB (db)->listening
                                                 ? "; LISTEN " RK_DB_NOTIFY_CHANNEL : "");

  return p_exec (db, settings);
}

/* A desktop stays open for days while the server restarts or the network
 * drops: between transactions a lost connection is made anew (within one,
 * the transaction is lost with it and its error reaches the person). */
static gboolean
revive (RkDb *db)
{
  PgDb *self = PDB (db);

  if (self->conn == NULL)
    return connect_deferred (db);
  if (self->in_tx || PQstatus (self->conn) == CONNECTION_OK)
    return FALSE;
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return FALSE;
  /* Notifications sent while away are lost: count one, so a look follows. */
  self->others_commits++;
  return session_setup (db);
}

/* SAVEPOINT, the statement and RELEASE sent together in one pipeline: one
 * round trip to the server instead of three. The statement's own result
 * is returned; a failure of either savepoint command is returned instead. */
static PGresult *
exec_with_savepoint (PgDb *db, PgStmt *st)
{
  PGresult *mine = NULL, *failed = NULL, *res;
  int query = 0;

  if (!PQenterPipelineMode (db->conn))
    return PQmakeEmptyPGresult (db->conn, PGRES_FATAL_ERROR);
  PQsendQueryParams (db->conn, "SAVEPOINT rk_statement", 0, NULL, NULL, NULL, NULL, 0);
  PQsendQueryParams (db->conn, st->sql, st->n_params, st->types,
                     (const char * const *) st->values, st->lengths, st->formats, 0);
  PQsendQueryParams (db->conn, "RELEASE SAVEPOINT rk_statement", 0, NULL, NULL, NULL, NULL, 0);
  PQpipelineSync (db->conn);
  /* Each query's result is followed by NULL; the sync ends the pipeline. */
  while ((res = PQgetResult (db->conn)) != NULL || query < 3)
    {
      ExecStatusType status;

      if (res == NULL)
        {
          query++;
          continue;
        }
      status = PQresultStatus (res);
      if (status == PGRES_PIPELINE_SYNC)
        {
          PQclear (res);
          break;
        }
      if (query == 1 && mine == NULL)
        mine = res;
      else if (failed == NULL && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
               status != PGRES_PIPELINE_ABORTED)
        failed = res;
      else
        PQclear (res);
    }
  PQexitPipelineMode (db->conn);
  if (mine && (PQresultStatus (mine) == PGRES_COMMAND_OK ||
               PQresultStatus (mine) == PGRES_TUPLES_OK) && failed)
    {
      PQclear (mine);
      return failed;
    }
  if (failed)
    PQclear (failed);
  return mine ? mine : PQmakeEmptyPGresult (db->conn, PGRES_FATAL_ERROR);
}

static RkDbStep
p_step (RkDbStmt *s)
{
  PgStmt *st = PST (s);
  PgDb *db = PDB (s->db);

  if (st->res == NULL)
    {
      ExecStatusType status;
      /* A failed statement leaves the transaction usable in SQLite, and the
       * store relies on it (a duplicate name is reported and the person
       * goes on); PostgreSQL aborts the whole transaction instead, unless
       * the statement had a savepoint of its own. */
      gboolean own_savepoint = db->write_tx && st->writes;

      if (!settle (s->db))
        return RK_DB_FAIL;
      revive (s->db);
      if (own_savepoint)
        st->res = exec_with_savepoint (db, st);
      else
        {
          st->res = PQexecParams (db->conn, st->sql, st->n_params, st->types,
                                  (const char * const *) st->values, st->lengths, st->formats,
                                  0);
          /* A read outside a transaction may simply be asked again. */
          if (PQresultStatus (st->res) == PGRES_FATAL_ERROR && revive (s->db))
            {
              PQclear (st->res);
              st->res = PQexecParams (db->conn, st->sql, st->n_params, st->types,
                                      (const char * const *) st->values, st->lengths,
                                      st->formats, 0);
            }
        }
      status = PQresultStatus (st->res);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          record_result (s->db, st->res);
          g_clear_pointer (&st->res, PQclear);
          if (own_savepoint)
            {
              RkDbError kind = s->db->error;
              g_autofree char *msg = g_strdup (s->db->message);

              p_exec (s->db, "ROLLBACK TO SAVEPOINT rk_statement; RELEASE SAVEPOINT rk_statement");
              rk_db_record_error (s->db, kind, msg);
            }
          return RK_DB_FAIL;
        }
      if (!g_str_has_prefix (PQcmdStatus (st->res), "SELECT"))
        db->changes = g_ascii_strtoll (PQcmdTuples (st->res), NULL, 10);
      st->n_rows = status == PGRES_TUPLES_OK ? PQntuples (st->res) : 0;
      st->row = -1;
    }
  if (st->row + 1 < st->n_rows)
    {
      st->row++;
      return RK_DB_ROW;
    }
  st->row = st->n_rows;
  return RK_DB_DONE;
}

static gboolean
has_value (PgStmt *st, int i)
{
  return st->res && st->row >= 0 && st->row < st->n_rows && i >= 0 &&
         i < PQnfields (st->res) && !PQgetisnull (st->res, st->row, i);
}

static int
p_column_count (RkDbStmt *s)
{
  return PST (s)->res ? PQnfields (PST (s)->res) : 0;
}

static const char *
p_column_name (RkDbStmt *s, int i)
{
  return PST (s)->res ? PQfname (PST (s)->res, i) : NULL;
}

static RkDbType
p_column_type (RkDbStmt *s, int i)
{
  PgStmt *st = PST (s);

  if (!has_value (st, i))
    return RK_DB_NULL;
  switch (PQftype (st->res, i))
    {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
      return RK_DB_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC:
      return RK_DB_FLOAT;
    case OID_BYTEA:
      return RK_DB_BLOB;
    default:
      return RK_DB_TEXT;
    }
}

static const char *
p_column_text (RkDbStmt *s, int i)
{
  PgStmt *st = PST (s);

  return has_value (st, i) ? PQgetvalue (st->res, st->row, i) : NULL;
}

static gint64
p_column_int64 (RkDbStmt *s, int i)
{
  const char *v = p_column_text (s, i);

  if (v == NULL)
    return 0;
  if (PQftype (PST (s)->res, i) == OID_BOOL)
    return v[0] == 't';
  return g_ascii_strtoll (v, NULL, 10);
}

static double
p_column_double (RkDbStmt *s, int i)
{
  const char *v = p_column_text (s, i);

  return v ? g_ascii_strtod (v, NULL) : 0.0;
}

static GBytes *
p_column_blob (RkDbStmt *s, int i)
{
  const char *v = p_column_text (s, i);
  size_t n = 0;
  unsigned char *raw;
  GBytes *bytes;

  if (v == NULL)
    return g_bytes_new (NULL, 0);
  raw = PQunescapeBytea ((const unsigned char *) v, &n);
  bytes = g_bytes_new (raw, n);
  PQfreemem (raw);
  return bytes;
}

static gboolean
p_exec (RkDb *db, const char *sql)
{
  PGresult *res;
  ExecStatusType status;
  gboolean ok;

  if (!settle (db))
    return FALSE;
  res = PQexec (PDB (db)->conn, sql);
  status = PQresultStatus (res);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (!ok)
    record_result (db, res);
  PQclear (res);
  return ok;
}

/* One value of a one-row query, or NULL. */
static char *
query_value (RkDb *db, const char *sql, gboolean *ok)
{
  PGresult *res;
  char *value = NULL;

  if (!(*ok = settle (db)))
    return NULL;
  res = PQexec (PDB (db)->conn, sql);
  *ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!*ok)
    record_result (db, res);
  else if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

static gint64
p_changes (RkDb *db)
{
  return PDB (db)->changes;
}

static gint64
p_last_insert_id (RkDb *db)
{
  g_autofree char *v = NULL;
  gboolean ok;

  v = query_value (db, "SELECT lastval()", &ok);
  if (!ok)
    return 0;
  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

static gboolean
begin_once (RkDb *db, gboolean write)
{
  if (!write)
    return p_exec (db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (!p_exec (db, "BEGIN ISOLATION LEVEL READ COMMITTED; "
                   "SELECT pg_advisory_xact_lock(" LOCK_KEY ")"))
    {
      RkDbError kind = db->error;
      g_autofree char *msg = g_strdup (db->message);

      p_exec (db, "ROLLBACK");
      rk_db_record_error (db, kind, msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
p_begin (RkDb *db, gboolean write)
{
  revive (db);
  if (!begin_once (db, write) && !(revive (db) && begin_once (db, write)))
    return FALSE;
  PDB (db)->in_tx = TRUE;
  PDB (db)->write_tx = write;
  PDB (db)->tx_changes = -1;
  /* Whatever fails from here on is this transaction's: see p_commit(). */
  db->error = RK_DB_ERR_NONE;
  return TRUE;
}

static gboolean
p_commit (RkDb *db)
{
  PGresult *res;
  gboolean ok;

  /* A COPY that failed leaves the transaction without its rows: it ends
   * here, rolled back, with the COPY's error. */
  if (!settle (db))
    {
      RkDbError kind = db->error;
      g_autofree char *msg = g_strdup (db->message);

      p_rollback (db);
      rk_db_record_error (db, kind, msg);
      return FALSE;
    }
  if (PDB (db)->write_tx && !p_exec (db, "NOTIFY " RK_DB_NOTIFY_CHANNEL))
    return FALSE;
  res = PQexec (PDB (db)->conn, "COMMIT");
  /* A transaction a failed statement aborted answers COMMIT with ROLLBACK. */
  ok = PQresultStatus (res) == PGRES_COMMAND_OK && strcmp (PQcmdStatus (res), "COMMIT") == 0;
  if (!ok && PQresultStatus (res) == PGRES_COMMAND_OK)
    {
      /* A statement of the transaction failed, which aborted it: that
       * failure is the one to tell, not the refused COMMIT. */
      if (db->error == RK_DB_ERR_NONE)
        rk_db_record_error (db, RK_DB_ERR_SERIALIZATION, "transaction aborted");
    }
  else if (!ok)
    record_result (db, res);
  PQclear (res);
  PDB (db)->tx_changes = -1;
  PDB (db)->write_tx = FALSE;
  PDB (db)->in_tx = FALSE;
  return ok;
}

static gboolean
p_rollback (RkDb *db)
{
  /* Whatever the COPY in flight answers, it is rolled back with the rest. */
  settle (db);
  PDB (db)->copy_failed = FALSE;
  PDB (db)->tx_changes = -1;
  PDB (db)->write_tx = FALSE;
  PDB (db)->in_tx = FALSE;
  return p_exec (db, "ROLLBACK");
}

/* -1: no renkei_meta table; -2: the query failed. */
static int
read_version (RkDb *db)
{
  g_autofree char *table = NULL, *v = NULL;
  gboolean ok;

  /* A scan of the catalog with the statement's snapshot, not to_regclass():
   * its cache may not have heard yet of a table another program created a
   * moment ago. */
  table = query_value (db, "SELECT c.relname::text FROM pg_catalog.pg_class c "
                           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE c.relname = 'renkei_meta' AND n.nspname = current_schema()",
                       &ok);
  if (!ok)
    return -2;
  if (table == NULL)
    return -1;
  v = query_value (db, "SELECT value FROM renkei_meta WHERE key = 'schema_version'", &ok);
  if (!ok)
    return -2;
  return v ? (int) g_ascii_strtoll (v, NULL, 10) : 0;
}

static int
p_schema_version (RkDb *db)
{
  return MAX (read_version (db), 0);
}

static gint64
p_data_version (RkDb *db)
{
  PgDb *self = PDB (db);
  PGnotify *n;

  /* The first look: commits are counted from here on. */
  if (!self->listening && PQstatus (self->conn) == CONNECTION_OK &&
      p_exec (db, "LISTEN " RK_DB_NOTIFY_CHANNEL))
    self->listening = TRUE;
  if (!PQconsumeInput (self->conn))
    revive (db);
  while ((n = PQnotifies (self->conn)) != NULL)
    {
      if (n->be_pid != PQbackendPID (self->conn))
        self->others_commits++;
      PQfreemem (n);
    }
  return self->others_commits;
}

static gint64
p_change_version (RkDb *db)
{
  g_autofree char *v = NULL;
  gboolean ok;

  /* Already read with the snapshot's name (p_snapshot), in this same
   * REPEATABLE READ transaction: the same value, without a round trip. */
  if (PDB (db)->in_tx && !PDB (db)->write_tx && PDB (db)->tx_changes >= 0)
    return PDB (db)->tx_changes;
  /* renkei_changes: moved by a trigger with every change to a reference
   * table, read in the load's own snapshot. */
  v = query_value (db, "SELECT n FROM renkei_changes WHERE id = 1", &ok);
  if (!ok || v == NULL)
    return -1;
  return g_ascii_strtoll (v, NULL, 10);
}

/* The read transaction's snapshot (REPEATABLE READ: one for the whole
 * load): which transactions it counts as committed. Two loads with the
 * same snapshot see the same rows; any commit on the server since, by
 * whoever, gives another. Asked together with the reference tables'
 * counter, which the load asks next: one round trip for both. */
static char *
p_snapshot (RkDb *db)
{
  PGresult *res;
  char *name = NULL;

  if (!settle (db))
    return NULL;
  res = PQexec (PDB (db)->conn,
                "SELECT n, txid_current_snapshot()::text FROM renkei_changes WHERE id = 1");

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    record_result (db, res);
  else if (PQntuples (res) == 1 && !PQgetisnull (res, 0, 0) && !PQgetisnull (res, 0, 1))
    {
      if (PDB (db)->in_tx && !PDB (db)->write_tx)
        PDB (db)->tx_changes = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      name = g_strdup (PQgetvalue (res, 0, 1));
    }
  PQclear (res);
  return name;
}

static int
p_notify_fd (RkDb *db)
{
  return PQstatus (PDB (db)->conn) == CONNECTION_OK ? PQsocket (PDB (db)->conn) : -1;
}

/* After the rows of a COPY: its answer read, and its savepoint released
 * (or rolled back to, keeping the COPY's error). */
static gboolean
copy_finish (RkDb *db, gboolean savepoint)
{
  PgDb *self = PDB (db);
  PGresult *res = PQgetResult (self->conn);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  if (ok)
    self->changes = g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  else
    record_result (db, res);
  PQclear (res);
  /* The end of the command's results. */
  for (PGresult *more; (more = PQgetResult (self->conn)) != NULL;)
    PQclear (more);
  if (!savepoint)
    return ok;
  if (ok)
    return p_exec (db, "RELEASE SAVEPOINT rk_statement");
  {
    RkDbError kind = db->error;
    g_autofree char *msg = g_strdup (db->message);

    p_exec (db, "ROLLBACK TO SAVEPOINT rk_statement; RELEASE SAVEPOINT rk_statement");
    rk_db_record_error (db, kind, msg);
  }
  return FALSE;
}

/* The answer of a COPY sent without waiting; a failed one is told again
 * by each call until the transaction is rolled back. */
static gboolean
settle (RkDb *db)
{
  PgDb *self = PDB (db);

  if (self->conn == NULL && !connect_deferred (db))
    return FALSE;
  if (self->copy_pending)
    {
      self->copy_pending = FALSE;
      if (!copy_finish (db, self->copy_savepoint))
        {
          self->copy_failed = TRUE;
          self->copy_error = db->error;
          g_free (self->copy_message);
          self->copy_message = g_strdup (db->message);
          return FALSE;
        }
    }
  if (self->copy_failed)
    {
      rk_db_record_error (db, self->copy_error, self->copy_message);
      return FALSE;
    }
  return TRUE;
}

/* COPY target FROM STDIN: the server reads the rows as they come, with no
 * statement of thousands of parameters to parse and plan (a 250-row
 * INSERT of attendance records spent most of its time there). With its
 * own savepoint in a write transaction, as a statement has (p_step).
 * Without wait, its answer is left for settle(): the server writes these
 * rows while the caller makes the next ones. */
static gboolean
p_copy_in (RkDb *db, const char *target, const char *data, gsize length, gboolean wait)
{
  PgDb *self = PDB (db);
  gboolean savepoint = self->write_tx;
  /* The savepoint in the same message: one round trip fewer. */
  g_autofree char *sql = g_strdup_printf ("%sCOPY %s FROM STDIN",
                                          savepoint ? "SAVEPOINT rk_statement; " : "", target);
  PGresult *res;
  gboolean ok;

  if (!settle (db))
    return FALSE;
  revive (db);
  res = PQexec (self->conn, sql);
  ok = PQresultStatus (res) == PGRES_COPY_IN;
  if (!ok)
    {
      record_result (db, res);
      PQclear (res);
      /* The SAVEPOINT before it may have gone through. */
      if (savepoint)
        {
          RkDbError kind = db->error;
          g_autofree char *msg = g_strdup (db->message);

          p_exec (db, "ROLLBACK TO SAVEPOINT rk_statement; RELEASE SAVEPOINT rk_statement");
          rk_db_record_error (db, kind, msg);
        }
      return FALSE;
    }
  PQclear (res);
  /* libpq takes the rows in pieces of any size; it says -1 when the
   * connection failed, and then the result says why. */
  for (gsize done = 0; ok && done < length;)
    {
      int piece = (int) MIN (length - done, 1 << 20);

      ok = PQputCopyData (self->conn, data + done, piece) == 1;
      done += (gsize) piece;
    }
  PQputCopyEnd (self->conn, ok ? NULL : "the connection failed");
  if (wait || !savepoint)
    return copy_finish (db, savepoint);
  self->copy_pending = TRUE;
  self->copy_savepoint = savepoint;
  return TRUE;
}

static const RkDbDriver pg_driver = {
  p_close, p_prepare, p_finalize, p_bind_int64, p_bind_double, p_bind_text, p_bind_blob,
  p_bind_null, p_parameter_count, p_reset, p_clear_bindings, p_step, p_column_count,
  p_column_name, p_column_type, p_column_int64, p_column_double, p_column_text, p_column_blob,
  p_exec, p_changes, p_last_insert_id, p_begin, p_commit, p_rollback, p_schema_version,
  p_data_version, p_change_version, p_notify_fd, p_copy_in, p_snapshot, settle,
};

/* The location as messages show it: a password given in it left out,
 * found by its text (rk-location.c), so a location libpq cannot read is
 * masked too. */
static char *
display_name (const char *conninfo)
{
  return rk_location_mask (conninfo);
}

/* Why a connection failed, in libpq's words unless they could show a
 * password: when libpq reads another password than the text shows (an @,
 * / or ? written inside it moves where libpq cuts), its messages may quote
 * pieces of it as a host, port or parameter; then ours instead. */
static char *
connect_failure (const char *conninfo, PGconn *conn)
{
  g_auto(GStrv) secrets = NULL;
  PQconninfoOption *opts;
  gboolean as_written = FALSE;

  if (!rk_location_has_password (conninfo))
    return g_strstrip (g_strdup (PQerrorMessage (conn)));
  secrets = rk_location_secrets (conninfo);
  opts = PQconninfoParse (conninfo, NULL);
  if (opts == NULL)
    {
      /* libpq stopped reading; it cut where the text does if no password
       * holds a character it cuts at */
      as_written = TRUE;
      for (guint i = 0; secrets[i]; i++)
        if (strpbrk (secrets[i], "@/?&#"))
          as_written = FALSE;
    }
  else
    {
      for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp (o->keyword, "password") == 0 && o->val && *o->val)
          as_written = rk_location_is_password (conninfo, o->val);
      PQconninfoFree (opts);
    }
  if (!as_written)
    /* xgettext:no-c-format */
    return g_strdup (_("its password cannot be read as written; write @ / : ? & in a "
                       "password as %40 %2F %3A %3F %26, or better, keep it in ~/.pgpass"));
  return g_strstrip (rk_location_scrub (conninfo, PQerrorMessage (conn)));
}

static gboolean
fail (RkDb *db, GError **error)
{
  return rk_db_set_error (db, error);
}

static gboolean
not_renkei (RkDb *db, GError **error)
{
  g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
               _("%s is not a Renkei database; it was left untouched. "
                 "Give an empty database or one Renkei made"),
               db->name);
  return FALSE;
}

static gboolean
newer_schema (RkDb *db, int version, GError **error)
{
  g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
               _("%s was written by a newer version of Renkei (schema %d, this program "
                 "knows %u); update Renkei to open it. The database was not changed"),
               db->name, version, rk_pg_n_migrations);
  return FALSE;
}

/* Creates or brings the schema up to date, all in one transaction under
 * the writers' lock, so two programs starting at once do it once: what the
 * database holds is looked at again under the lock. */
static gboolean
migrate (RkDb *db, GError **error)
{
  int version;

  if (!p_begin (db, TRUE))
    return fail (db, error);
  version = read_version (db);
  if (version == -2)
    goto failed;
  if (version == -1)
    {
      gboolean ok;
      g_autofree char *n = query_value (db, "SELECT count(*) FROM pg_catalog.pg_tables "
                                            "WHERE schemaname = current_schema()", &ok);

      if (!ok)
        goto failed;
      if (g_ascii_strtoll (n ? n : "0", NULL, 10) > 0)
        {
          p_rollback (db);
          return not_renkei (db, error);
        }
      if (!p_exec (db, "CREATE TABLE renkei_meta (key TEXT COLLATE \"C\" PRIMARY KEY, "
                       "value TEXT NOT NULL); "
                       "INSERT INTO renkei_meta (key, value) VALUES ('application', 'renkei'), "
                       "('schema_version', '0')"))
        goto failed;
      version = 0;
    }
  if (version > (int) rk_pg_n_migrations)
    {
      p_rollback (db);
      return newer_schema (db, version, error);
    }
  for (guint v = (guint) version; v < rk_pg_n_migrations; v++)
    {
      g_autofree char *bump = g_strdup_printf ("UPDATE renkei_meta SET value = '%u' "
                                               "WHERE key = 'schema_version'", v + 1);

      if (!p_exec (db, rk_pg_migrations[v]) || !p_exec (db, bump))
        goto failed;
    }
  PDB (db)->write_tx = FALSE;  /* nobody else has anything to reload */
  if (!p_commit (db))
    return fail (db, error);
  return TRUE;

failed:
  /* Creating or changing tables is the owner's (server init's) business. */
  if (db->error == RK_DB_ERR_PERMISSION)
    g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                 _("The Renkei tables in %s must be created or brought up to schema %u first, "
                   "which only the database's owner may do: ask them to run "
                   "“renkei-cli --db … server init”. Nothing was changed"),
                 db->name, rk_pg_n_migrations);
  else
    fail (db, error);
  p_rollback (db);
  return FALSE;
}

/* Whether a connection that failed may be made later as it is: the server
 * did not answer (stopped, starting, the network down, its name not
 * found) rather than refused us (a wrong password or user, a missing
 * database, bad parameters). libpq's ping says which, in any language:
 * it reports the server up when it answered with anything but "not
 * accepting connections now". A failure that took about the connect
 * timeout is the server not answering, not pinged again (another
 * timeout). */
static gboolean
not_answered (const char * const *keys, const char * const *values, PGconn *conn,
              gint64 elapsed_us)
{
  g_autofree char *timeout = NULL;
  const char *ping_keys[] = { keys[0], keys[1], keys[2], keys[3], "connect_timeout", NULL };
  const char *ping_values[] = { values[0], values[1], values[2], values[3], NULL, NULL };
  int seconds = (int) (elapsed_us / G_USEC_PER_SEC);

  if (PQconnectionNeedsPassword (conn))
    return FALSE;
  if (seconds >= 8)
    return TRUE;
  /* As long again as the failed attempt, and some: an answer that took
   * that long comes again. */
  timeout = g_strdup_printf ("%d", CLAMP (2 * seconds + 2, 2, 10));
  ping_values[4] = timeout;
  switch (PQpingParams (ping_keys, ping_values, 1))
    {
    case PQPING_REJECT:
    case PQPING_NO_RESPONSE:
      return TRUE;
    case PQPING_OK:
    case PQPING_NO_ATTEMPT:
    default:
      return FALSE;
    }
}

static PGconn *
connect_to (const char *conninfo, gboolean *unreachable, GError **error)
{
  /* Ours first: whatever the person's URI or service file says wins. */
  const char * const keys[] = { "connect_timeout", "application_name", "client_encoding",
                                "dbname", NULL };
  const char * const values[] = { "10", "renkei", "UTF8", conninfo, NULL };
  gint64 start = g_get_monotonic_time ();
  PGconn *conn = PQconnectdbParams (keys, values, 1);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *name = display_name (conninfo);
      g_autofree char *msg = connect_failure (conninfo, conn);

      if (unreachable)
        *unreachable = not_answered (keys, values, conn, g_get_monotonic_time () - start);
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("Cannot connect to the database server %s: %s"), name, msg);
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

/* Connects DB and checks its schema (making it or bringing it up to date
 * when create_schema). A failure leaves DB without a connection, and says
 * in *unreachable whether it was the server not answering or going away
 * meanwhile (worth trying again later as it is) or anything else. */
static gboolean
open_session (RkDb *db, const char *conninfo, gboolean create_schema, gboolean *unreachable,
              GError **error)
{
  g_autofree char *app = NULL;
  int version;
  gboolean ok;

  if (unreachable)
    *unreachable = FALSE;
  PDB (db)->conn = connect_to (conninfo, unreachable, error);
  if (PDB (db)->conn == NULL)
    return FALSE;

  if (!session_setup (db))
    {
      fail (db, error);
      goto failed;
    }
  {
    const char *encoding = PQparameterStatus (PDB (db)->conn, "server_encoding");

    /* Japanese names need a database that can hold them. */
    if (g_strcmp0 (encoding, "UTF8") != 0 && g_strcmp0 (encoding, "SQL_ASCII") != 0)
      {
        g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                     _("The database %s uses the encoding %s, which cannot hold Japanese text; "
                       "create it with ENCODING 'UTF8'"),
                     db->name, encoding ? encoding : "?");
        goto failed;
      }
  }

  version = read_version (db);
  if (version == -2)
    {
      fail (db, error);
      goto failed;
    }
  if (version == -1 && !create_schema)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s has no Renkei schema yet; run “renkei-cli --db … server init” "
                     "as the database's owner first"),
                   db->name);
      goto failed;
    }
  if (version >= 0)
    {
      app = query_value (db, "SELECT value FROM renkei_meta WHERE key = 'application'", &ok);
      if (!ok || g_strcmp0 (app, "renkei") != 0)
        {
          not_renkei (db, error);
          goto failed;
        }
    }
  if (version > (int) rk_pg_n_migrations)
    {
      newer_schema (db, version, error);
      goto failed;
    }
  if (version < (int) rk_pg_n_migrations && !migrate (db, error))
    goto failed;
  return TRUE;

failed:
  if (unreachable)
    *unreachable = PQstatus (PDB (db)->conn) != CONNECTION_OK;
  g_clear_pointer (&PDB (db)->conn, PQfinish);
  return FALSE;
}

static RkDb *
pg_db_new (const char *conninfo)
{
  RkDb *db = (RkDb *) g_new0 (PgDb, 1);

  db->driver = &pg_driver;
  db->kind = RK_DB_POSTGRES;
  db->name = display_name (conninfo);
  return db;
}

RkDb *
rk_db_pg_open_full (const char *conninfo, gboolean create_schema, gboolean *unreachable,
                    GError **error)
{
  g_autoptr(RkDb) db = NULL;

  if (unreachable)
    *unreachable = FALSE;
  if (!rk_db_busy_timeout_check (error) || !pq_load (error))
    return NULL;
  db = pg_db_new (conninfo);
  if (!open_session (db, conninfo, create_schema, unreachable, error))
    return NULL;
  return g_steal_pointer (&db);
}

RkDb *
rk_db_pg_open (const char *conninfo, gboolean create_schema, GError **error)
{
  return rk_db_pg_open_full (conninfo, create_schema, NULL, error);
}

RkDb *
rk_db_pg_open_deferred (const char *conninfo, gboolean create_schema, GError **error)
{
  RkDb *db;

  if (!rk_db_busy_timeout_check (error) || !pq_load (error))
    return NULL;
  db = pg_db_new (conninfo);
  PDB (db)->deferred = g_strdup (conninfo);
  PDB (db)->create_schema = create_schema;
  return db;
}

/* A deferred database's first use: connected now, or the use fails with
 * the reason (and the next one tries again). */
static gboolean
connect_deferred (RkDb *db)
{
  PgDb *self = PDB (db);
  g_autoptr(GError) error = NULL;

  if (self->conn)
    return TRUE;
  if (self->deferred == NULL)
    {
      rk_db_record_error (db, RK_DB_ERR_CONNECTION, "no connection");
      return FALSE;
    }
  if (!open_session (db, self->deferred, self->create_schema, NULL, &error))
    {
      rk_db_record_error (db, RK_DB_ERR_CONNECTION, error->message);
      return FALSE;
    }
  g_clear_pointer (&self->deferred, g_free);
  return TRUE;
}

/* ---- throw-away databases (the benchmark's extra samples) --------------- */

static gboolean
admin_exec (PGconn *conn, const char *sql, GError **error)
{
  PGresult *res = PQexec (conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  if (!ok)
    g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                 _("The database server refused “%s”: %s"), sql,
                 PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY));
  PQclear (res);
  return ok;
}

char *
rk_db_pg_scratch_create (const char *conninfo, const char *tag, GError **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *sql = NULL;
  PGconn *conn;
  gboolean ok;

  g_string_printf (name, "renkei_scratch_%d_", (int) getpid ());
  for (const char *p = tag; *p; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  if (!pq_load (error))
    return NULL;
  conn = connect_to (conninfo, NULL, error);
  if (conn == NULL)
    return NULL;
  sql = g_strdup_printf ("CREATE DATABASE %s", name->str);
  ok = admin_exec (conn, sql, error);
  PQfinish (conn);
  if (!ok)
    return NULL;
  /* Later settings win: the new database's name after the person's own. */
  if (g_str_has_prefix (conninfo, "postgresql://") || g_str_has_prefix (conninfo, "postgres://"))
    return g_strdup_printf ("%s%cdbname=%s", conninfo, strchr (conninfo, '?') ? '&' : '?',
                            name->str);
  return g_strdup_printf ("%s dbname=%s", conninfo, name->str);
}

void
rk_db_pg_scratch_drop (const char *conninfo, const char *scratch)
{
  PQconninfoOption *opts;
  g_autofree char *dbname = NULL;
  PGconn *conn;

  if (!pq_load (NULL))
    return;
  opts = PQconninfoParse (scratch, NULL);

  if (opts == NULL)
    return;
  for (PQconninfoOption *o = opts; o->keyword; o++)
    if (strcmp (o->keyword, "dbname") == 0 && o->val)
      dbname = g_strdup (o->val);
  PQconninfoFree (opts);
  if (dbname == NULL || !g_str_has_prefix (dbname, "renkei_scratch_"))
    return;
  conn = connect_to (conninfo, NULL, NULL);
  if (conn)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);

      admin_exec (conn, sql, NULL);
      PQfinish (conn);
    }
}

gboolean
rk_db_pg_conninfo_has_password (const char *conninfo)
{
  PQconninfoOption *opts;
  gboolean found = FALSE;

  if (!pq_load (NULL) || (opts = PQconninfoParse (conninfo, NULL)) == NULL)
    return FALSE;
  for (PQconninfoOption *o = opts; o->keyword; o++)
    if (strcmp (o->keyword, "password") == 0 && o->val && *o->val)
      found = TRUE;
  PQconninfoFree (opts);
  return found;
}
