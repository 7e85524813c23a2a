#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rk-error.h"
#include "rk-store-private.h"

/* Whole databases: copying one into another (migration to the server)
 * and the server's group roles. */

/* Every table, parents before the rows that refer to them. A table a later
 * migration adds belongs here too: copying refuses a database with a table
 * it does not know rather than leave its rows behind. */
static const struct
{
  const char *table;
  const char *order;
  gboolean    identity;     /* an "id" the server numbers from a sequence */
} copy_tables[] = {
  { "settings", "key", FALSE },
  { "staff", "id", TRUE },
  { "staff_unavailable", "id", TRUE },
  { "staff_availability", "id", TRUE },
  { "venue", "id", TRUE },
  { "venue_closing", "id", TRUE },
  { "venue_notice", "venue_id, month", FALSE },
  { "room", "id", TRUE },
  { "equipment", "id", TRUE },
  { "program", "id", TRUE },
  { "program_requirement", "program_id, role", FALSE },
  { "event", "id", TRUE },
  { "event_exception", "event_id, occ_date", FALSE },
  { "assignment", "id", TRUE },
  { "event_equipment", "event_id, equipment_id", FALSE },
  { "attendance", "event_id, occ_date", FALSE },
};

static gboolean
is_copied_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    if (g_strcmp0 (copy_tables[i].table, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
known_tables_only (RkStore *self, GError **error)
{
  g_autofree char *unknown = NULL;
  RkDbStmt *stmt;
  int rc;

  stmt = rk_store_prepare (self,
                           rk_store_dialect (self,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                           "SELECT tablename::text FROM pg_catalog.pg_tables "
                           "WHERE schemaname = current_schema() ORDER BY tablename"),
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      const char *name = col_text (stmt, 0);

      /* renkei_meta and renkei_changes are the database's own books. */
      if (!is_copied_table (name) && !g_str_has_prefix (name, "renkei_"))
        {
          unknown = g_strdup (name);
          break;
        }
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return rk_store_db_error (self, error);
  if (unknown)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s holds a table this version of Renkei cannot copy (%s); "
                     "nothing was copied"),
                   self->db->name, unknown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
holds_no_data (RkStore *self, GError **error)
{
  /* The settings do not count: a new database has its defaults. */
  for (guint i = 1; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", copy_tables[i].table);
      RkDbStmt *stmt = rk_store_prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = rk_db_step (stmt);
      rk_db_reset (stmt);
      if (rc == RK_DB_FAIL)
        return rk_store_db_error (self, error);
      if (rc == RK_DB_ROW)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("%s already holds data (the table %s is not empty); copy only into a "
                         "new, empty database. Nothing was copied"),
                       self->db->name, copy_tables[i].table);
          return FALSE;
        }
    }
  return TRUE;
}

/* The current row, every column, as rk_store_get_rows() gives it. */
static GVariant *
row_variant (RkDbStmt *stmt)
{
  GVariantBuilder row;

  g_variant_builder_init (&row, G_VARIANT_TYPE ("a{sv}"));
  for (int i = 0; i < rk_db_column_count (stmt); i++)
    g_variant_builder_add (&row, "{sv}", rk_db_column_name (stmt, i),
                           rk_store_column_value (stmt, i));
  return g_variant_ref_sink (g_variant_builder_end (&row));
}

/* The columns of table in this program's schema (the destination's, made
 * by this program), quoted and comma-separated: a source file's own column
 * names never reach the SQL, and columns a crafted file adds are left out. */
static char *
copy_columns (RkStore *dst, const char *table, GError **error)
{
  g_autoptr(GString) cols = g_string_new (NULL);
  RkDbStmt *stmt;
  int rc;

  stmt = rk_store_prepare (dst,
                           rk_store_dialect (dst,
                                             "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                                             "SELECT column_name::text "
                                             "FROM information_schema.columns "
                                             "WHERE table_schema = current_schema() "
                                             "AND table_name = ? ORDER BY ordinal_position"),
                           error);
  if (stmt == NULL)
    return NULL;
  rk_db_bind_text (stmt, 1, table);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      g_autofree char *quoted = rk_store_quote_ident (col_text (stmt, 0));

      g_string_append_printf (cols, "%s%s", cols->len ? ", " : "", quoted);
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    {
      rk_store_db_error (dst, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&cols), FALSE);
}

static gboolean
copy_table (RkStore *src, RkStore *dst, guint t, gint64 *rows, GError **error)
{
  g_autofree char *cols = copy_columns (dst, copy_tables[t].table, error);
  g_autofree char *sql = NULL;
  RkDbStmt *stmt;
  int rc;

  *rows = 0;
  if (cols == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", cols, copy_tables[t].table,
                         copy_tables[t].order);
  stmt = rk_store_prepare (src, sql, error);
  if (stmt == NULL)
    return FALSE;
  rk_store_touch (dst, copy_tables[t].table);
  while ((rc = rk_db_step (stmt)) == RK_DB_ROW)
    {
      g_autoptr(GVariant) row = row_variant (stmt);

      if (!rk_store_insert_row (dst, copy_tables[t].table, row, FALSE, error))
        {
          rk_db_reset (stmt);
          return FALSE;
        }
      (*rows)++;
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return rk_store_db_error (src, error);
  return TRUE;
}

/* The server numbers new rows from a sequence that knows nothing of the
 * ids copied in: move each past the largest. */
static gboolean
reset_sequences (RkStore *self, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *sql = NULL;
      RkDbStmt *stmt;

      if (!copy_tables[i].identity)
        continue;
      sql = g_strdup_printf ("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                             "COALESCE(MAX(id), 0) + 1, false) FROM %s",
                             copy_tables[i].table, copy_tables[i].table);
      stmt = rk_store_prepare (self, sql, error);
      if (stmt == NULL || !rk_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
rk_store_copy_to (RkStore *src, RkStore *dst, GArray **counts, GError **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkCopyCount));
  RkDbStmt *stmt;
  gboolean copying = FALSE;

  g_return_val_if_fail (RK_IS_STORE (src) && RK_IS_STORE (dst) && src != dst, FALSE);
  g_return_val_if_fail (!src->in_tx && !dst->in_tx, FALSE);

  /* The destination's writer lock first, then the source's snapshot: what
   * is read is one moment of the source, whatever its coordinators do. */
  if (!rk_store_begin (dst, error))
    return FALSE;
  if (!rk_db_begin (src->db, FALSE))
    {
      rk_store_db_error (src, error);
      rk_store_rollback (dst);
      return FALSE;
    }
  if (!known_tables_only (src, error) || !holds_no_data (dst, error))
    goto failed;

  copying = TRUE;
  stmt = rk_store_prepare (dst, "DELETE FROM settings", error);
  if (stmt == NULL || !rk_store_step_done (dst, stmt, error))
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      RkCopyCount count = { copy_tables[i].table, 0 };

      if (!copy_table (src, dst, i, &count.rows, error))
        goto failed;
      g_array_append_val (out, count);
    }
  if (dst->db->kind == RK_DB_POSTGRES && !reset_sequences (dst, error))
    goto failed;

  rk_db_rollback (src->db);
  if (!rk_store_commit (dst, error))
    {
      g_prefix_error (error, _("Nothing was copied: "));
      return FALSE;
    }
  if (counts)
    *counts = g_steal_pointer (&out);
  return TRUE;

failed:
  rk_db_rollback (src->db);
  rk_store_rollback (dst);
  if (copying)
    g_prefix_error (error, _("Nothing was copied: "));
  return FALSE;
}

#define DEFAULT_COORDINATORS "renkei_coordinator"
#define DEFAULT_VIEWERS      "renkei_viewer"

/* Names go into SQL text (GRANT takes no parameters): only these. */
static gboolean
valid_role_name (const char *name)
{
  static const char * const reserved[] = { "public", "none", "current_user", "current_role",
                                           "session_user", NULL };
  gsize len = strlen (name);

  if (len == 0 || len > 63 || !(g_ascii_islower (name[0]) || name[0] == '_'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '_')
      return FALSE;
  return !g_str_has_prefix (name, "pg_") && !g_strv_contains (reserved, name);
}

char *
rk_store_quote_ident (const char *name)
{
  g_autoptr(GString) out = g_string_new (name);

  g_string_replace (out, "\"", "\"\"", 0);
  g_string_prepend_c (out, '"');
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
exec_sql (RkStore *self, const char *sql, GError **error)
{
  if (!rk_db_exec (self->db, sql))
    return rk_store_db_error (self, error);
  return TRUE;
}

/* The first row of a query with up to two text parameters: its first
 * column as text and its second as a number (0 when absent). FALSE on a
 * failed query; *text NULL when there was no row. */
static gboolean
query_row (RkStore *self, const char *sql, const char *a, const char *b, char **text,
           gint64 *number, GError **error)
{
  RkDbStmt *stmt = rk_store_prepare (self, sql, error);
  int rc;

  *text = NULL;
  if (number)
    *number = 0;
  if (stmt == NULL)
    return FALSE;
  if (a)
    rk_db_bind_text (stmt, 1, a);
  if (b)
    rk_db_bind_text (stmt, 2, b);
  rc = rk_db_step (stmt);
  if (rc == RK_DB_ROW)
    {
      *text = g_strdup (col_text (stmt, 0) ? col_text (stmt, 0) : "");
      if (number && rk_db_column_count (stmt) > 1)
        *number = rk_db_column_int64 (stmt, 1);
    }
  rk_db_reset (stmt);
  if (rc == RK_DB_FAIL)
    return rk_store_db_error (self, error);
  return TRUE;
}

/* GRANT CONNECT on the database, USAGE on the schema: by their owner; any
 * other user may go on when the roles have it already (PUBLIC's defaults). */
static gboolean
grant_on_container (RkStore *self, const char *kind, const char *owner_sql, const char *has_sql,
                    const char *privilege, const char *object, const char *roles,
                    const char *coordinators, const char *viewers, GError **error)
{
  g_autofree char *owner = NULL;
  g_autofree char *has_c = NULL, *has_v = NULL;
  gint64 is_owner = 0, c = 0, v = 0;

  if (!query_row (self, owner_sql, NULL, NULL, &owner, &is_owner, error))
    return FALSE;
  if (is_owner)
    {
      g_autofree char *quoted = rk_store_quote_ident (object);
      g_autofree char *sql = g_strdup_printf ("GRANT %s ON %s %s TO %s", privilege, kind, quoted,
                                              roles);

      return exec_sql (self, sql, error);
    }
  if (!query_row (self, has_sql, coordinators, NULL, &has_c, &c, error) ||
      !query_row (self, has_sql, viewers, NULL, &has_v, &v, error))
    return FALSE;
  if (c && v)
    return TRUE;
  g_set_error (
      error, RK_ERROR, RK_ERROR_DATABASE,
      /* TRANSLATORS: "%s %s" is "CONNECT on DATABASE renkei" or "USAGE on SCHEMA public" */
      _("The roles need %s on %s %s, which only its owner %s can grant; "
         "run server init as %s"),
      privilege, kind, object, owner ? owner : "?", owner ? owner : "?");
  return FALSE;
}

static gboolean
init_roles (RkStore *self, const char *coordinators, const char *viewers, GError **error)
{
  g_autofree char *me = NULL, *database = NULL, *schema = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *qc = rk_store_quote_ident (coordinators);
  g_autofree char *qv = rk_store_quote_ident (viewers);
  g_autofree char *both = g_strdup_printf ("%s, %s", qc, qv);
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GString) in_list = g_string_new (NULL);
  g_autoptr(GString) sequences = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *roles[] = { coordinators, viewers };
  gint64 may_create = 0;

  if (!query_row (self,
                  "SELECT current_user::text, (r.rolsuper OR r.rolcreaterole)::int "
                  "FROM pg_catalog.pg_roles r WHERE r.rolname = current_user",
                  NULL, NULL, &me, &may_create, error) ||
      !query_row (self, "SELECT current_database()::text", NULL, NULL, &database, NULL, error) ||
      !query_row (self, "SELECT current_schema()::text", NULL, NULL, &schema, NULL, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *found = NULL;
      g_autofree char *quoted = rk_store_quote_ident (roles[i]);
      g_autofree char *create = g_strdup_printf ("CREATE ROLE %s NOLOGIN", quoted);

      if (!query_row (self, "SELECT rolname::text FROM pg_catalog.pg_roles "
                            "WHERE rolname = CAST(?1 AS name)",
                      roles[i], NULL, &found, NULL, error))
        return FALSE;
      if (found)
        continue;
      if (!may_create)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("Making the role %s needs the CREATEROLE privilege, which %s does not "
                         "have; run server init as a superuser or a user with CREATEROLE"),
                       roles[i], me ? me : "?");
          return FALSE;
        }
      if (!exec_sql (self, create, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_string_append_printf (tables, "%s, ", copy_tables[i].table);
      g_string_append_printf (in_list, "'%s', ", copy_tables[i].table);
    }
  g_string_append (tables, "renkei_meta, renkei_changes");
  g_string_append (in_list, "'renkei_meta', 'renkei_changes'");

  /* A GRANT by someone else only warns, so ownership is checked first. */
  g_string_printf (sql,
                   "SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c "
                   "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                   "AND c.relname IN (%s) AND NOT pg_catalog.pg_has_role(c.relowner, 'USAGE') "
                   "LIMIT 1",
                   in_list->str);
  if (!query_row (self, sql->str, NULL, NULL, &owner, NULL, error))
    return FALSE;
  if (owner)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("Granting access to Renkei's tables needs their owner %s, and %s is not "
                     "that role; run server init as %s"),
                   owner, me ? me : "?", owner);
      return FALSE;
    }

  if (!grant_on_container (
          self, "DATABASE",
          "SELECT pg_catalog.pg_get_userbyid(datdba)::text, "
          "pg_catalog.pg_has_role(datdba, 'USAGE')::int FROM pg_catalog.pg_database "
          "WHERE datname = current_database()",
          "SELECT '', has_database_privilege(CAST(?1 AS name), "
          "current_database(), 'CONNECT')::int",
          "CONNECT", database, both, coordinators, viewers, error)
      || !grant_on_container (
          self, "SCHEMA",
          "SELECT pg_catalog.pg_get_userbyid(nspowner)::text, "
          "pg_catalog.pg_has_role(nspowner, 'USAGE')::int FROM pg_catalog.pg_namespace "
          "WHERE nspname = current_schema()",
          "SELECT '', has_schema_privilege(CAST(?1 AS name), "
          "current_schema(), 'USAGE')::int",
          "USAGE", schema, both, coordinators, viewers, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *seq = NULL;

      if (!copy_tables[i].identity)
        continue;
      if (!query_row (self, "SELECT pg_get_serial_sequence(?1, 'id')", copy_tables[i].table, NULL,
                      &seq, NULL, error))
        return FALSE;
      /* The server quotes the name it gives. */
      if (seq && *seq)
        g_string_append_printf (sequences, "%s%s", sequences->len ? ", " : "", seq);
    }

  /* Viewers lose whatever else they were given: exactly SELECT. */
  g_string_printf (sql,
                   "REVOKE ALL ON TABLE %s FROM PUBLIC; "
                   "REVOKE ALL ON TABLE %s FROM %s; "
                   "GRANT SELECT ON TABLE %s TO %s; "
                   "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %s TO %s; ",
                   tables->str, tables->str, qv, tables->str, both, tables->str, qc);
  g_string_append_printf (sql, "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE renkei_meta, "
                               "renkei_changes FROM %s; ", qc);
  if (sequences->len)
    g_string_append_printf (sql, "REVOKE ALL ON SEQUENCE %s FROM %s; "
                                 "GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO %s",
                            sequences->str, qv, sequences->str, qc);
  if (!exec_sql (self, sql->str, error))
    return FALSE;

  /* What the roles can do now, through every role they belong to. */
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      g_autofree char *ok = NULL;
      gint64 writes = 0;
      const char *t = copy_tables[i].table;

      if (!query_row (
              self,
              "SELECT '', (has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'SELECT') "
              "AND has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'INSERT') "
              "AND has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'UPDATE') "
              "AND has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), 'DELETE'))::int",
              coordinators, t, &ok, &writes, error))
        return FALSE;
      if (!writes)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("The role %s did not get read and write access to the table %s; "
                         "run server init as the owner of Renkei's tables"),
                       coordinators, t);
          return FALSE;
        }
      g_clear_pointer (&ok, g_free);
      if (!query_row (self,
                      "SELECT '', has_table_privilege(CAST(?1 AS name), CAST(?2 AS text), "
                      "'INSERT, UPDATE, DELETE, TRUNCATE')::int",
                      viewers, t, &ok, &writes, error))
        return FALSE;
      if (writes)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                       _("The role %s can still change the table %s through another role it "
                         "belongs to; revoke that membership so that viewers may only read"),
                       viewers, t);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
rk_store_server_init_roles (RkStore *self, const char *coordinators, const char *viewers,
                            GError **error)
{
  const char *names[2];

  g_return_val_if_fail (RK_IS_STORE (self), FALSE);
  if (!rk_store_is_server (self))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("%s is a database file: roles belong to a PostgreSQL server, and the "
                     "file's own permissions decide who may change it"),
                   self->db->name);
      return FALSE;
    }
  names[0] = coordinators ? coordinators : DEFAULT_COORDINATORS;
  names[1] = viewers ? viewers : DEFAULT_VIEWERS;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!valid_role_name (names[i]))
      {
        g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                     _("“%s” cannot be a role name: use 1 to 63 lower-case letters, digits and "
                       "_, not starting with a digit or pg_"),
                     names[i]);
        return FALSE;
      }
  if (strcmp (names[0], names[1]) == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Coordinators and viewers need two different roles, not both %s"),
                   names[0]);
      return FALSE;
    }

  /* One transaction: a failed grant leaves no half-made roles behind. */
  if (!rk_store_begin (self, error))
    return FALSE;
  if (!init_roles (self, names[0], names[1], error))
    {
      rk_store_rollback (self);
      return FALSE;
    }
  return rk_store_commit (self, error);
}
