#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The database drivers under RkStore: an embedded SQLite file
 * (rk-db-sqlite.c) or a PostgreSQL server (rk-db-pg.c). Only rk-store*.c
 * uses them. The statement calls follow SQLite's shape (prepare, bind from
 * 1, step, columns from 0, reset); SQL is written with '?' or '?N'
 * parameters in the dialect both servers accept, and a driver translates
 * what it must. */

typedef struct _RkDb     RkDb;
typedef struct _RkDbStmt RkDbStmt;

typedef enum
{
  RK_DB_SQLITE,
  RK_DB_POSTGRES,
} RkDbKind;

/* rk_db_step() results */
typedef enum
{
  RK_DB_FAIL = 1,
  RK_DB_ROW = 100,
  RK_DB_DONE = 101,
} RkDbStep;

typedef enum
{
  RK_DB_NULL,
  RK_DB_INTEGER,
  RK_DB_FLOAT,
  RK_DB_TEXT,
  RK_DB_BLOB,
} RkDbType;

/* What went wrong with the last call, as the store tells it to a person. */
typedef enum
{
  RK_DB_ERR_NONE,
  RK_DB_ERR_BUSY,           /* another writer held the lock too long */
  RK_DB_ERR_UNIQUE,
  RK_DB_ERR_FOREIGN_KEY,
  RK_DB_ERR_CONSTRAINT,     /* CHECK, NOT NULL */
  RK_DB_ERR_NOT_A_DB,
  RK_DB_ERR_PERMISSION,     /* a viewer writing, a read-only file */
  RK_DB_ERR_SERIALIZATION,
  RK_DB_ERR_CONNECTION,
  RK_DB_ERR_OTHER,
} RkDbError;

typedef struct
{
  void        (*close)           (RkDb *db);
  RkDbStmt   *(*prepare)         (RkDb *db, const char *sql);
  void        (*finalize)        (RkDbStmt *stmt);
  void        (*bind_int64)      (RkDbStmt *stmt, int i, gint64 v);
  void        (*bind_double)     (RkDbStmt *stmt, int i, double v);
  void        (*bind_text)       (RkDbStmt *stmt, int i, const char *v);
  void        (*bind_blob)       (RkDbStmt *stmt, int i, gconstpointer data, gsize n);
  void        (*bind_null)       (RkDbStmt *stmt, int i);
  int         (*parameter_count) (RkDbStmt *stmt);
  void        (*reset)           (RkDbStmt *stmt);
  void        (*clear_bindings)  (RkDbStmt *stmt);
  RkDbStep    (*step)            (RkDbStmt *stmt);
  int         (*column_count)    (RkDbStmt *stmt);
  const char *(*column_name)     (RkDbStmt *stmt, int i);
  RkDbType    (*column_type)     (RkDbStmt *stmt, int i);
  gint64      (*column_int64)    (RkDbStmt *stmt, int i);
  double      (*column_double)   (RkDbStmt *stmt, int i);
  const char *(*column_text)     (RkDbStmt *stmt, int i);
  GBytes     *(*column_blob)     (RkDbStmt *stmt, int i);
  gboolean    (*exec)            (RkDb *db, const char *sql);
  gint64      (*changes)         (RkDb *db);
  gint64      (*last_insert_id)  (RkDb *db);
  gboolean    (*begin)           (RkDb *db, gboolean write);
  gboolean    (*commit)          (RkDb *db);
  gboolean    (*rollback)        (RkDb *db);
  int         (*schema_version)  (RkDb *db);
  gint64      (*data_version)    (RkDb *db);
  gint64      (*change_version)  (RkDb *db);
  int         (*notify_fd)       (RkDb *db);
  /* Optional (NULL: the rows go as one INSERT): COPY target FROM STDIN of
   * rows in COPY's text format, as one statement of its own. Without wait
   * it returns once the rows are sent, and the server's answer is read by
   * the next call that talks to it (settle, or any statement, which then
   * fails with the COPY's error if the COPY failed). */
  gboolean    (*copy_in)         (RkDb *db, const char *target, const char *data, gsize length,
                                  gboolean wait);
  /* Inside a read transaction: what names the data it sees, whoever
   * wrote it (equal names, equal data), or NULL. */
  char       *(*snapshot)        (RkDb *db);
  /* Optional: waits for a COPY sent without waiting; FALSE and its error
   * if it failed. */
  gboolean    (*settle)          (RkDb *db);
} RkDbDriver;

struct _RkDb
{
  const RkDbDriver *driver;
  RkDbKind          kind;
  char             *name;      /* what messages call it: a path, a URI without password */
  RkDbError         error;
  char             *message;   /* the server's own words about the last error */
};

struct _RkDbStmt
{
  RkDb *db;
};

/* Opening: create or migrate the schema as needed. */
RkDb       *rk_db_sqlite_open      (const char *path, GError **error);
RkDb       *rk_db_pg_open          (const char *conninfo, gboolean create_schema,
                                    GError **error);
/* As rk_db_pg_open(); a failure says in *unreachable whether the server did
 * not answer or went away meanwhile (trying again later may succeed) or
 * refused (a wrong password or user, a missing database, a schema that is
 * not Renkei's or is newer, no right to create it). */
RkDb       *rk_db_pg_open_full     (const char *conninfo, gboolean create_schema,
                                    gboolean *unreachable, GError **error);
/* Without connecting: connected, and the schema checked, at the first use
 * (whose failure says why; the next use tries again). Fails only when
 * libpq cannot be loaded. */
RkDb       *rk_db_pg_open_deferred (const char *conninfo, gboolean create_schema,
                                    GError **error);

/* A new empty database on the server of conninfo (needs CREATEDB), for
 * throw-away measurements; its location. Dropped by rk_db_pg_scratch_drop(). */
char       *rk_db_pg_scratch_create (const char *conninfo, const char *tag, GError **error);
void        rk_db_pg_scratch_drop   (const char *conninfo, const char *scratch);
gboolean    rk_db_pg_conninfo_has_password (const char *conninfo);

void        rk_db_close            (RkDb *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkDb, rk_db_close)
/* How long a write waits for another coordinator's transaction. */
int         rk_db_busy_timeout_ms  (void);
/* Refuses a RENKEI_BUSY_TIMEOUT_MS that is not 1 to 600000. */
gboolean    rk_db_busy_timeout_check (GError **error);

/* Fills error from the driver's last error, in words for a person. */
gboolean    rk_db_set_error        (RkDb *db, GError **error);
/* For the drivers: records the last error. */
void        rk_db_record_error     (RkDb *db, RkDbError kind, const char *message);

/* Rows of one INSERT written many at a time (rk-db-rows.c): head is
 * "INSERT INTO t (a, b) VALUES", tail what follows the rows ("" or e.g.
 * "RETURNING id"). rk_db_rows_add() gives the next row to bind (1 to
 * n_columns, unbound ones NULL) with the ordinary rk_db_bind_*() calls;
 * rk_db_rows_statement() a statement of all the rows kept, bound, for
 * the caller to step and reset (NULL and the db's error when it cannot be
 * prepared; rows keeps it for the next as many rows), and empties the
 * buffer. */
typedef struct _RkDbRows RkDbRows;
RkDbRows   *rk_db_rows_new         (RkDb *db, const char *head, int n_columns, const char *tail);
void        rk_db_rows_free        (RkDbRows *rows);
RkDbStmt   *rk_db_rows_add         (RkDbRows *rows);
/* Forgets the row rk_db_rows_add() gave last. */
void        rk_db_rows_drop_last   (RkDbRows *rows);
guint       rk_db_rows_count       (RkDbRows *rows);
RkDbStmt   *rk_db_rows_statement   (RkDbRows *rows);
/* Whether the database reads the rows kept faster another way than one
 * INSERT (a server's COPY): not for an INSERT with a tail, or blobs. */
gboolean    rk_db_rows_can_copy    (RkDbRows *rows);
/* Writes the rows kept that way, as one statement of their own, and
 * empties the buffer: FALSE and the db's error when that failed. Without
 * wait, the server may still be writing them when it returns (the client
 * goes on with the next rows meanwhile): a failure is then told by the
 * next call to the database, or by rk_db_settle(). */
gboolean    rk_db_rows_copy        (RkDbRows *rows, gboolean wait);
/* Waits for what rk_db_rows_copy() sent without waiting. */
static inline gboolean rk_db_settle (RkDb *db) { return db->driver->settle ? db->driver->settle (db) : TRUE; }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RkDbRows, rk_db_rows_free)

/* The channel a commit notifies, so other desktops reload. */
#define RK_DB_NOTIFY_CHANNEL "renkei_changed"

static inline RkDbStmt *rk_db_prepare (RkDb *db, const char *sql) { return db->driver->prepare (db, sql); }
static inline void rk_db_finalize (RkDbStmt *s) { if (s) s->db->driver->finalize (s); }
static inline void rk_db_bind_int64 (RkDbStmt *s, int i, gint64 v) { s->db->driver->bind_int64 (s, i, v); }
static inline void rk_db_bind_int (RkDbStmt *s, int i, int v) { s->db->driver->bind_int64 (s, i, v); }
static inline void rk_db_bind_double (RkDbStmt *s, int i, double v) { s->db->driver->bind_double (s, i, v); }
static inline void rk_db_bind_text (RkDbStmt *s, int i, const char *v) { s->db->driver->bind_text (s, i, v); }
static inline void rk_db_bind_blob (RkDbStmt *s, int i, gconstpointer d, gsize n) { s->db->driver->bind_blob (s, i, d, n); }
static inline void rk_db_bind_null (RkDbStmt *s, int i) { s->db->driver->bind_null (s, i); }
static inline int rk_db_bind_parameter_count (RkDbStmt *s) { return s->db->driver->parameter_count (s); }
static inline void rk_db_reset (RkDbStmt *s) { s->db->driver->reset (s); }
static inline void rk_db_clear_bindings (RkDbStmt *s) { s->db->driver->clear_bindings (s); }
static inline RkDbStep rk_db_step (RkDbStmt *s) { return s->db->driver->step (s); }
static inline int rk_db_column_count (RkDbStmt *s) { return s->db->driver->column_count (s); }
static inline const char *rk_db_column_name (RkDbStmt *s, int i) { return s->db->driver->column_name (s, i); }
static inline RkDbType rk_db_column_type (RkDbStmt *s, int i) { return s->db->driver->column_type (s, i); }
static inline gint64 rk_db_column_int64 (RkDbStmt *s, int i) { return s->db->driver->column_int64 (s, i); }
static inline int rk_db_column_int (RkDbStmt *s, int i) { return (int) s->db->driver->column_int64 (s, i); }
static inline double rk_db_column_double (RkDbStmt *s, int i) { return s->db->driver->column_double (s, i); }
static inline const char *rk_db_column_text (RkDbStmt *s, int i) { return s->db->driver->column_text (s, i); }
static inline GBytes *rk_db_column_blob (RkDbStmt *s, int i) { return s->db->driver->column_blob (s, i); }
static inline gboolean rk_db_exec (RkDb *db, const char *sql) { return db->driver->exec (db, sql); }
static inline gint64 rk_db_changes (RkDb *db) { return db->driver->changes (db); }
static inline gint64 rk_db_last_insert_id (RkDb *db) { return db->driver->last_insert_id (db); }
static inline gboolean rk_db_begin (RkDb *db, gboolean write) { return db->driver->begin (db, write); }
static inline gboolean rk_db_commit (RkDb *db) { return db->driver->commit (db); }
static inline gboolean rk_db_rollback (RkDb *db) { return db->driver->rollback (db); }
static inline int rk_db_schema_version (RkDb *db) { return db->driver->schema_version (db); }
static inline gint64 rk_db_data_version (RkDb *db) { return db->driver->data_version (db); }
/* Moves with every commit, this connection's too; -1 when the backend has
 * no such counter. Inside a read transaction: the snapshot's. */
static inline gint64 rk_db_change_version (RkDb *db) { return db->driver->change_version (db); }
static inline int rk_db_notify_fd (RkDb *db) { return db->driver->notify_fd (db); }
static inline char *rk_db_snapshot (RkDb *db) { return db->driver->snapshot (db); }

G_END_DECLS
