#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-private.h"

/* What the desktop's pages and undo read and put back: event stamps and
 * whole row sets. */

/* group_concat orders as the rows come; string_agg is told to. */
#define STAMPS_SQL(agg, order)                                                          \
  "SELECT e.id, e.version || ':' || COALESCE((SELECT " agg "("                          \
  "x.occ_date || x.kind || COALESCE(x.start_at, '') || "                                \
  "COALESCE(x.end_at, '') || COALESCE(x.reason, '') || x.version, "                     \
  "'|'" order ") FROM event_exception x WHERE x.event_id = e.id), '') FROM event e"

GHashTable *
rk_store_event_stamps (RkStore *self, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self,
                                rk_store_dialect (self, STAMPS_SQL ("group_concat", ""),
                                         STAMPS_SQL ("string_agg", " ORDER BY x.occ_date")),
                                error);
  GHashTable *out;

  if (stmt == NULL)
    return NULL;
  rk_store_reads_begin (self);
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = rk_db_column_int64 (stmt, 0);
      g_hash_table_insert (out, id, col_dup (stmt, 1));
    }
  rk_db_reset (stmt);
  if (!rk_store_reads_ok (self, TRUE, error))
    g_clear_pointer (&out, g_hash_table_unref);
  return out;
}

/* Which table and key each set of rows is: only these names are ever put
 * into SQL text, and the columns come from the table itself, so a column a
 * later migration adds is snapshotted and put back too. */
static const struct
{
  const char *table;
  const char *key;          /* "id": the entity row itself; else its children */
  const char *order;
} row_sets[RK_N_ROWS] = {
  [RK_ROWS_EVENT] = { "event", "id", "id" },
  [RK_ROWS_EVENT_EXCEPTIONS] = { "event_exception", "event_id", "occ_date" },
  [RK_ROWS_EVENT_STAFF] = { "assignment", "event_id", "id" },
  [RK_ROWS_EVENT_EQUIPMENT] = { "event_equipment", "event_id", "equipment_id" },
  [RK_ROWS_STAFF] = { "staff", "id", "id" },
  [RK_ROWS_UNAVAILABILITY] = { "staff_unavailable", "id", "id" },
  [RK_ROWS_VENUE] = { "venue", "id", "id" },
  [RK_ROWS_CLOSING] = { "venue_closing", "id", "id" },
  [RK_ROWS_ROOM] = { "room", "id", "id" },
  [RK_ROWS_EQUIPMENT] = { "equipment", "id", "id" },
  [RK_ROWS_PROGRAM] = { "program", "id", "id" },
  [RK_ROWS_REQUIREMENTS] = { "program_requirement", "program_id", "role" },
  /* the settings are one set: "1 = ?" bound to 1 selects them all */
  [RK_ROWS_SETTINGS] = { "settings", "1", "key" },
  [RK_ROWS_ATTENDANCE] = { "attendance", "event_id", "occ_date" },
  [RK_ROWS_AVAILABILITY] = { "staff_availability", "staff_id", "weekday, start_time" },
  [RK_ROWS_NOTICES] = { "venue_notice", "venue_id", "month" },
};

GVariant *
rk_store_column_value (RkDbStmt *stmt, int i)
{
  switch (rk_db_column_type (stmt, i))
    {
    case RK_DB_INTEGER:
      return g_variant_new_int64 (rk_db_column_int64 (stmt, i));
    case RK_DB_FLOAT:
      return g_variant_new_double (rk_db_column_double (stmt, i));
    case RK_DB_TEXT:
      return g_variant_new_string (col_text (stmt, i));
    case RK_DB_BLOB:
      {
        g_autoptr(GBytes) bytes = rk_db_column_blob (stmt, i);

        return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);
      }
    case RK_DB_NULL:
    default:
      return g_variant_new_tuple (NULL, 0);
    }
}

static void
bind_value (RkDbStmt *stmt, int i, GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    rk_db_bind_int64 (stmt, i, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    rk_db_bind_double (stmt, i, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    rk_db_bind_text (stmt, i, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize n = 0;
      gconstpointer data = g_variant_get_fixed_array (value, &n, 1);
      rk_db_bind_blob (stmt, i, data, n);
    }
  else
    rk_db_bind_null (stmt, i);
}

GVariant *
rk_store_get_rows (RkStore *self, RkRowSet set, gint64 key, GError **error)
{
  g_autofree char *sql = NULL;
  g_auto(GVariantBuilder) rows = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  RkDbStmt *stmt;

  g_return_val_if_fail (set < RK_N_ROWS, NULL);
  sql = g_strdup_printf ("SELECT * FROM %s WHERE %s = ? ORDER BY %s", row_sets[set].table,
                         row_sets[set].key, row_sets[set].order);
  stmt = rk_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  rk_db_bind_int64 (stmt, 1, key);
  rk_store_reads_begin (self);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      GVariantBuilder row;

      g_variant_builder_init (&row, G_VARIANT_TYPE ("a{sv}"));
      for (int i = 0; i < rk_db_column_count (stmt); i++)
        g_variant_builder_add (&row, "{sv}", rk_db_column_name (stmt, i),
                               rk_store_column_value (stmt, i));
      g_variant_builder_add_value (&rows, g_variant_builder_end (&row));
    }
  rk_db_reset (stmt);
  /* An undo snapshot cut short would put back less than was there. */
  if (!rk_store_reads_ok (self, TRUE, error))
    return NULL;
  return g_variant_ref_sink (g_variant_builder_end (&rows));
}

static void
builder_free (gpointer builder)
{
  g_variant_builder_unref (builder);
}

GHashTable *
rk_store_get_rows_many (RkStore *self, RkRowSet set, const gint64 *keys, guint n_keys,
                        GError **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       builder_free);
  g_autoptr(GString) list = g_string_new ("[");
  g_autofree char *sql = NULL;
  GHashTable *out;
  RkDbStmt *stmt;
  int key_col = -1;

  g_return_val_if_fail (set < RK_N_ROWS, NULL);

  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                               (GDestroyNotify) g_variant_unref);
  /* The settings are one set whatever the key: read as it is. */
  if (set == RK_ROWS_SETTINGS)
    {
      for (guint i = 0; i < n_keys; i++)
        {
          GVariant *rows = rk_store_get_rows (self, set, keys[i], error);

          if (rows == NULL)
            return g_hash_table_unref (out), NULL;
          g_hash_table_replace (out, g_memdup2 (&keys[i], sizeof (gint64)), rows);
        }
      return out;
    }
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "", keys[i]);
  g_string_append_c (list, ']');
  sql = g_strconcat ("SELECT * FROM ", row_sets[set].table, " WHERE ", row_sets[set].key, " IN ",
                     rk_store_dialect (self, "(SELECT value FROM json_each(?1))",
                                       "(SELECT value::bigint FROM "
                                       "json_array_elements_text(?1::json))"),
                     " ORDER BY ", row_sets[set].key, ", ", row_sets[set].order, NULL);
  stmt = rk_store_prepare (self, sql, error);
  if (stmt == NULL)
    return g_hash_table_unref (out), NULL;
  rk_db_bind_text (stmt, 1, list->str);
  rk_store_reads_begin (self);
  while (rk_db_step (stmt) == RK_DB_ROW)
    {
      GVariantBuilder row;
      GVariantBuilder *rows;
      gint64 key;

      if (key_col < 0)
        for (int i = 0; i < rk_db_column_count (stmt); i++)
          if (g_strcmp0 (rk_db_column_name (stmt, i), row_sets[set].key) == 0)
            key_col = i;
      key = key_col < 0 ? 0 : rk_db_column_int64 (stmt, key_col);
      rows = g_hash_table_lookup (found, &key);
      if (rows == NULL)
        {
          rows = g_variant_builder_new (G_VARIANT_TYPE ("aa{sv}"));
          g_hash_table_insert (found, g_memdup2 (&key, sizeof key), rows);
        }
      g_variant_builder_init (&row, G_VARIANT_TYPE ("a{sv}"));
      for (int i = 0; i < rk_db_column_count (stmt); i++)
        g_variant_builder_add (&row, "{sv}", rk_db_column_name (stmt, i),
                               rk_store_column_value (stmt, i));
      g_variant_builder_add_value (rows, g_variant_builder_end (&row));
    }
  rk_db_reset (stmt);
  if (!rk_store_reads_ok (self, TRUE, error))
    return g_hash_table_unref (out), NULL;
  for (guint i = 0; i < n_keys; i++)
    {
      GVariantBuilder *rows;

      if (g_hash_table_contains (out, &keys[i]))
        continue;
      rows = g_hash_table_lookup (found, &keys[i]);
      g_hash_table_insert (out, g_memdup2 (&keys[i], sizeof (gint64)),
                           g_variant_ref_sink (rows ? g_variant_builder_end (rows)
                                                    : g_variant_new_array (
                                                        G_VARIANT_TYPE ("a{sv}"), NULL, 0)));
    }
  return out;
}

static gboolean
row_same_values (GVariant *a, GVariant *b)
{
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;
  g_variant_iter_init (&iter, a);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) other = NULL;
      gboolean same;

      if (g_strcmp0 (name, "version") == 0)
        {
          g_variant_unref (value);
          continue;
        }
      other = g_variant_lookup_value (b, name, NULL);
      same = other != NULL && g_variant_equal (value, other);
      g_variant_unref (value);
      if (!same)
        return FALSE;
    }
  return TRUE;
}

gboolean
rk_rows_same_values (GVariant *a, GVariant *b)
{
  gsize n = g_variant_n_children (a);

  if (n != g_variant_n_children (b))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) x = g_variant_get_child_value (a, i);
      g_autoptr(GVariant) y = g_variant_get_child_value (b, i);

      if (!row_same_values (x, y))
        return FALSE;
    }
  return TRUE;
}

/* INSERT of one row; with upsert, an existing row of the same id is
 * updated instead, its version moved past both.  Table and column names
 * come from this program (its tables, the columns db copy reads from the
 * schema): quoted all the same. */
gboolean
rk_store_insert_row (RkStore *self, const char *table, GVariant *row, gboolean upsert,
                     GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) updates = g_string_new (NULL);
  gsize n = g_variant_n_children (row);
  RkDbStmt *stmt;

  g_string_printf (sql, "INSERT INTO %s (", table);
  for (gsize i = 0; i < n; i++)
    {
      const char *name;
      g_autofree char *quoted = NULL;

      g_variant_get_child (row, i, "{&sv}", &name, NULL);
      quoted = rk_store_quote_ident (name);
      g_string_append_printf (sql, "%s%s", i ? ", " : "", quoted);
      g_string_append_printf (values, "%s?", i ? ", " : "");
      if (g_strcmp0 (name, "id") == 0)
        continue;
      if (g_strcmp0 (name, "version") == 0)
        g_string_append_printf (updates,
                                "%sversion = CASE WHEN %s.version > excluded.version "
                                "THEN %s.version ELSE excluded.version END + 1",
                                updates->len ? ", " : "", table, table);
      else
        g_string_append_printf (updates, "%s%s = excluded.%s", updates->len ? ", " : "", quoted,
                                quoted);
    }
  g_string_append_printf (sql, ") VALUES (%s)", values->str);
  if (upsert && updates->len)
    g_string_append_printf (sql, " ON CONFLICT (id) DO UPDATE SET %s", updates->str);
  stmt = rk_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) value = NULL;

      g_variant_get_child (row, i, "{&sv}", NULL, &value);
      bind_value (stmt, (int) i + 1, value);
    }
  return rk_store_step_done (self, stmt, error);
}

gboolean
rk_store_put_rows (RkStore *self, RkRowSet set, gint64 key, GVariant *rows, GError **error)
{
  g_autoptr(GVariant) now = NULL;
  g_autofree char *delete_sql = NULL;
  gboolean entity;
  RkDbStmt *stmt;

  g_return_val_if_fail (set < RK_N_ROWS, FALSE);
  if (!rk_store_require_tx (self))
    return FALSE;
  now = rk_store_get_rows (self, set, key, error);
  if (now == NULL)
    return FALSE;
  if (rk_rows_same_values (now, rows))
    return TRUE;

  entity = g_strcmp0 (row_sets[set].key, "id") == 0;
  rk_store_touch (self, row_sets[set].table);
  if (entity && g_variant_n_children (rows) > 0)
    {
      g_autoptr(GVariant) row = g_variant_get_child_value (rows, 0);

      /* In place: deleting first would cascade to the rows that hang on it. */
      return rk_store_insert_row (self, row_sets[set].table, row, TRUE, error);
    }
  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", row_sets[set].table,
                                row_sets[set].key);
  stmt = rk_store_prepare (self, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, key);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  for (gsize i = 0; i < g_variant_n_children (rows); i++)
    {
      g_autoptr(GVariant) row = g_variant_get_child_value (rows, i);

      if (!rk_store_insert_row (self, row_sets[set].table, row, FALSE, error))
        return FALSE;
    }
  return TRUE;
}
