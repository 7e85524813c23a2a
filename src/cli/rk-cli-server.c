#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-cli-private.h"

/* The shared server: preparing it (server init) and moving a hub's file
 * onto it, or back (db copy). */

const RkFlag rk_server_init_flags[] = {
  { "coordinators", RK_FLAG_VALUE }, { "viewers", RK_FLAG_VALUE }, { NULL }
};
const RkFlag rk_db_copy_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};

int
rk_cmd_server_init (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autofree char *path = args->db_path ? g_strdup (args->db_path) : rk_store_default_path ();
  const char *coordinators = "renkei_coordinator", *viewers = "renkei_viewer";

  if (!rk_args_text (args, "coordinators", FALSE, &coordinators, &error) ||
      !rk_args_text (args, "viewers", FALSE, &viewers, &error))
    return rk_cli_fail (error);
  if (!rk_store_is_server_uri (path))
    return rk_cli_input_error (_("server init prepares a PostgreSQL server; give its database "
                                 "with --db postgresql://… or --db service=NAME, not the file %s"),
                               path);

  store = rk_store_open (path, &error);
  if (store == NULL)
    return rk_cli_fail (error);
  if (!rk_store_server_init_roles (store, coordinators, viewers, &error))
    return rk_cli_fail (error);

  g_print (_("Schema ready: %s (version %d)\n"), rk_store_get_path (store),
           rk_store_get_schema_version (store));
  g_print (_("Role %s: may read and change the schedule\n"), coordinators);
  g_print (_("Role %s: may only read it (print and export)\n"), viewers);
  g_print ("%s\n", _("Give a person access with their own login role, for example:"));
  g_print ("  CREATE ROLE alice LOGIN;\n  GRANT %s TO alice;\n", coordinators);
  g_print ("%s\n", _("Passwords stay on the server and in each person's ~/.pgpass or service "
                     "file; Renkei never stores them."));
  return RK_EXIT_OK;
}

int
rk_cmd_db_copy (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) src = NULL;
  g_autoptr(RkStore) dst = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autofree char *n = NULL;
  const char *from = NULL, *to = NULL;
  gint64 total = 0;

  if (!rk_args_text (args, "from", TRUE, &from, &error) ||
      !rk_args_text (args, "to", TRUE, &to, &error))
    return rk_cli_fail (error);
  if (g_strcmp0 (from, to) == 0)
    return rk_cli_input_error (_("--from and --to name the same database; copy into a new, "
                                 "empty one"));

  /* The source is only read: a missing one is not made. */
  src = rk_store_open_existing (from, &error);
  if (src == NULL)
    return rk_cli_fail (error);
  dst = rk_store_open (to, &error);
  if (dst == NULL)
    return rk_cli_fail (error);
  if (!rk_store_copy_to (src, dst, &counts, &error))
    return rk_cli_fail (error);

  for (guint i = 0; i < counts->len; i++)
    total += g_array_index (counts, RkCopyCount, i).rows;

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "tables");
      json_builder_begin_object (b);
      for (guint i = 0; i < counts->len; i++)
        {
          RkCopyCount *c = &g_array_index (counts, RkCopyCount, i);

          json_builder_set_member_name (b, c->table);
          json_builder_add_int_value (b, c->rows);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, total);
      json_builder_end_object (b);
      return rk_cli_print_builder (b);
    }

  for (guint i = 0; i < counts->len; i++)
    {
      RkCopyCount *c = &g_array_index (counts, RkCopyCount, i);

      g_print ("  %-20s %8" G_GINT64_FORMAT "\n", c->table, c->rows);
    }
  n = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  g_print (ngettext ("Copied %s row from %s to %s\n", "Copied %s rows from %s to %s\n",
                     (unsigned long) total),
           n, rk_store_get_path (src), rk_store_get_path (dst));
  return RK_EXIT_OK;
}
