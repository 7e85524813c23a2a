#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <string.h>

#include "rk-db.h"

/* Rows of one INSERT collected in memory and written by one statement of
 * many rows (INSERT … VALUES (…), (…), …): on a server each statement is a
 * round trip, and thousands of them made a generated municipality or a
 * large import wait on the network. A row is bound through a statement-
 * shaped buffer, so the store binds it with the same code as a single
 * INSERT (bind_event, rk_store_bind_attendance …). */

typedef struct
{
  RkDbType type;
  gint64   i;
  double   d;
  char    *text;    /* also a blob's bytes */
  gsize    length;
} Value;

struct _RkDbRows
{
  RkDb      buffer_db;   /* a driver that only keeps what is bound */
  RkDbStmt  row;         /* the next row's binding, on buffer_db */
  RkDb     *db;
  char     *head;        /* INSERT INTO t (a, b) VALUES */
  char     *tail;        /* ON CONFLICT …, RETURNING … or "" */
  int       n_columns;
  GArray   *values;      /* Value, n_columns per row */
  RkDbStmt *stmt;        /* the last statement made, for that many rows */
  guint     stmt_rows;
};

#define ROWS(s) ((RkDbRows *) ((char *) (s) - G_STRUCT_OFFSET (RkDbRows, row)))

static void
value_clear (gpointer data)
{
  Value *v = data;

  g_clear_pointer (&v->text, g_free);
}

static Value *
slot (RkDbStmt *s, int i)
{
  RkDbRows *rows = ROWS (s);
  guint first = rows->values->len - (guint) rows->n_columns;
  Value *v;

  g_return_val_if_fail (rows->values->len >= (guint) rows->n_columns, NULL);
  g_return_val_if_fail (i >= 1 && i <= rows->n_columns, NULL);
  v = &g_array_index (rows->values, Value, first + (guint) i - 1);
  value_clear (v);
  memset (v, 0, sizeof *v);
  return v;
}

static void
b_int64 (RkDbStmt *s, int i, gint64 x)
{
  Value *v = slot (s, i);

  if (v)
    {
      v->type = RK_DB_INTEGER;
      v->i = x;
    }
}

static void
b_double (RkDbStmt *s, int i, double x)
{
  Value *v = slot (s, i);

  if (v)
    {
      v->type = RK_DB_FLOAT;
      v->d = x;
    }
}

static void
b_text (RkDbStmt *s, int i, const char *x)
{
  Value *v = slot (s, i);

  if (v && x)
    {
      v->type = RK_DB_TEXT;
      v->text = g_strdup (x);
    }
}

static void
b_blob (RkDbStmt *s, int i, gconstpointer data, gsize n)
{
  Value *v = slot (s, i);

  if (v)
    {
      v->type = RK_DB_BLOB;
      v->text = g_memdup2 (data, n);
      v->length = n;
    }
}

static void
b_null (RkDbStmt *s, int i)
{
  slot (s, i);
}

static int
b_parameter_count (RkDbStmt *s)
{
  return ROWS (s)->n_columns;
}

static const RkDbDriver buffer_driver = {
  .bind_int64 = b_int64,
  .bind_double = b_double,
  .bind_text = b_text,
  .bind_blob = b_blob,
  .bind_null = b_null,
  .parameter_count = b_parameter_count,
};

RkDbRows *
rk_db_rows_new (RkDb *db, const char *head, int n_columns, const char *tail)
{
  RkDbRows *rows = g_new0 (RkDbRows, 1);

  g_return_val_if_fail (n_columns > 0, NULL);
  rows->buffer_db.driver = &buffer_driver;
  rows->buffer_db.kind = db->kind;
  rows->row.db = &rows->buffer_db;
  rows->db = db;
  rows->head = g_strdup (head);
  rows->tail = g_strdup (tail ? tail : "");
  rows->n_columns = n_columns;
  rows->values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_array_set_clear_func (rows->values, value_clear);
  return rows;
}

void
rk_db_rows_free (RkDbRows *rows)
{
  if (rows == NULL)
    return;
  rk_db_finalize (rows->stmt);
  g_array_unref (rows->values);
  g_free (rows->head);
  g_free (rows->tail);
  g_free (rows);
}

RkDbStmt *
rk_db_rows_add (RkDbRows *rows)
{
  /* A new row of NULLs (the array clears what it adds). */
  g_array_set_size (rows->values, rows->values->len + (guint) rows->n_columns);
  return &rows->row;
}

void
rk_db_rows_drop_last (RkDbRows *rows)
{
  if (rows->values->len >= (guint) rows->n_columns)
    g_array_set_size (rows->values, rows->values->len - (guint) rows->n_columns);
}

guint
rk_db_rows_count (RkDbRows *rows)
{
  return rows->values->len / (guint) rows->n_columns;
}

RkDbStmt *
rk_db_rows_statement (RkDbRows *rows)
{
  guint n = rk_db_rows_count (rows);
  g_autoptr(GString) sql = g_string_new (rows->head);
  RkDbStmt *stmt;

  g_return_val_if_fail (n > 0, NULL);
  if (rows->stmt && rows->stmt_rows == n)
    {
      /* The same number of rows as last time (a full batch, or one row at
       * a time): the same statement. */
      stmt = rows->stmt;
      rk_db_reset (stmt);
      rk_db_clear_bindings (stmt);
      goto bind;
    }
  g_clear_pointer (&rows->stmt, rk_db_finalize);
  for (guint r = 0; r < n; r++)
    {
      g_string_append (sql, r ? ", (" : " (");
      for (int c = 0; c < rows->n_columns; c++)
        g_string_append (sql, c ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  if (*rows->tail)
    g_string_append_printf (sql, " %s", rows->tail);
  stmt = rk_db_prepare (rows->db, sql->str);
  if (stmt == NULL)
    return NULL;
  rows->stmt = stmt;
  rows->stmt_rows = n;
bind:
  for (guint k = 0; k < rows->values->len; k++)
    {
      const Value *v = &g_array_index (rows->values, Value, k);
      int i = (int) k + 1;

      switch (v->type)
        {
        case RK_DB_INTEGER:
          rk_db_bind_int64 (stmt, i, v->i);
          break;
        case RK_DB_FLOAT:
          rk_db_bind_double (stmt, i, v->d);
          break;
        case RK_DB_TEXT:
          rk_db_bind_text (stmt, i, v->text);
          break;
        case RK_DB_BLOB:
          rk_db_bind_blob (stmt, i, v->text, v->length);
          break;
        case RK_DB_NULL:
        default:
          rk_db_bind_null (stmt, i);
          break;
        }
    }
  g_array_set_size (rows->values, 0);
  return stmt;
}

/* One value in COPY's text format: \N for NULL, the rest escaped. */
static void
append_copy_value (GString *out, const Value *v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (v->type)
    {
    case RK_DB_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i);
      break;
    case RK_DB_FLOAT:
      g_string_append (out, g_ascii_dtostr (buf, sizeof buf, v->d));
      break;
    case RK_DB_TEXT:
      for (const char *c = v->text; *c; c++)
        switch (*c)
          {
          case '\\':
            g_string_append (out, "\\\\");
            break;
          case '\t':
            g_string_append (out, "\\t");
            break;
          case '\n':
            g_string_append (out, "\\n");
            break;
          case '\r':
            g_string_append (out, "\\r");
            break;
          default:
            g_string_append_c (out, *c);
            break;
          }
      break;
    case RK_DB_NULL:
    case RK_DB_BLOB:
    default:
      g_string_append (out, "\\N");
      break;
    }
}

gboolean
rk_db_rows_can_copy (RkDbRows *rows)
{
  if (rows->db->driver->copy_in == NULL || *rows->tail ||
      !g_str_has_prefix (rows->head, "INSERT INTO ") ||
      !g_str_has_suffix (rows->head, " VALUES"))
    return FALSE;
  for (guint k = 0; k < rows->values->len; k++)
    if (g_array_index (rows->values, Value, k).type == RK_DB_BLOB)
      return FALSE;
  return TRUE;
}

gboolean
rk_db_rows_copy (RkDbRows *rows, gboolean wait)
{
  g_autoptr(GString) data = NULL;
  g_autofree char *target = NULL;
  const char *open, *end;
  gboolean ok;

  g_return_val_if_fail (rk_db_rows_can_copy (rows), FALSE);
  /* "INSERT INTO t (a, b) VALUES": COPY t (a, b) */
  open = rows->head + strlen ("INSERT INTO ");
  end = rows->head + strlen (rows->head) - strlen (" VALUES");
  target = g_strndup (open, (gsize) (end - open));
  data = g_string_sized_new (64 * rows->values->len);
  for (guint k = 0; k < rows->values->len; k++)
    {
      append_copy_value (data, &g_array_index (rows->values, Value, k));
      g_string_append_c (data, (k + 1) % (guint) rows->n_columns ? '\t' : '\n');
    }
  ok = rows->db->driver->copy_in (rows->db, target, data->str, data->len, wait);
  g_array_set_size (rows->values, 0);
  return ok;
}
