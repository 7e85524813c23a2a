#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk-cli-message.h"
#include "rk-cli-private.h"
#include "rk-cli.h"
#include "rk-demo.h"
#include "rk-store-new-file.h"

/* ---- init --------------------------------------------------------------- */

static gboolean
demo_tx (RkStore *store, gpointer data, GError **error)
{
  return rk_demo_fill (store, rk_store_today (store), error);
}

static int
cmd_init (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = rk_cli_open_store (args, &error);

  if (store == NULL)
    return rk_cli_fail (error);
  if (rk_args_has (args, "demo"))
    {
      g_autoptr(GPtrArray) venues = rk_store_list_venues (store, &error);

      if (venues == NULL)
        return rk_cli_fail (error);
      if (venues->len > 0)
        {
          g_autofree char *demo = rk_store_get_setting (store, "demo");

          /* Asked twice: it is there already, which is what was wanted. */
          if (g_strcmp0 (demo, "1") == 0)
            {
              g_print (_("Database ready: %s (it already holds the demo data)\n"),
                       rk_store_get_path (store));
              return RK_EXIT_OK;
            }
          return rk_cli_input_error (_("The database %s already has data; the demo data goes "
                                       "only into a new, empty database"),
                                     rk_store_get_path (store));
        }
      if (!rk_cli_transaction (store, demo_tx, NULL, &error))
        return rk_cli_fail (error);
    }
  g_print (_("Database ready: %s\n"), rk_store_get_path (store));
  return RK_EXIT_OK;
}

/* ---- dispatch ----------------------------------------------------------- */

static const RkFlag no_flags[] = { { NULL } };
static const RkFlag json_flags[] = { { "json", RK_FLAG_BOOL }, { NULL } };
static const RkFlag init_flags[] = { { "demo", RK_FLAG_BOOL }, { NULL } };
static const RkFlag staff_add_flags[] = {
  { "name", RK_FLAG_VALUE }, { "role", RK_FLAG_VALUE }, { "kana", RK_FLAG_VALUE },
  { "org", RK_FLAG_VALUE }, { "phone", RK_FLAG_VALUE }, { "email", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag staff_list_flags[] = {
  { "role", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { "all", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag staff_unavailable_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag staff_schedule_flags[] = {
  { "month", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag venue_add_flags[] = {
  { "name", RK_FLAG_VALUE }, { "address", RK_FLAG_VALUE }, { "contact", RK_FLAG_VALUE },
  { "kind", RK_FLAG_VALUE }, { "closed-on-holidays", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag venue_close_flags[] = {
  { "date", RK_FLAG_VALUE }, { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE },
  { "weekday", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag room_add_flags[] = {
  { "venue", RK_FLAG_VALUE }, { "name", RK_FLAG_VALUE }, { "capacity", RK_FLAG_VALUE },
  { "features", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag room_list_flags[] = { { "venue", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL } };
static const RkFlag equipment_add_flags[] = { { "name", RK_FLAG_VALUE }, { "venue", RK_FLAG_VALUE }, { NULL } };
static const RkFlag program_add_flags[] = {
  { "name", RK_FLAG_VALUE }, { "requires", RK_FLAG_VALUE }, { "duration", RK_FLAG_VALUE },
  { "audience", RK_FLAG_VALUE }, { "bring", RK_FLAG_VALUE }, { "color", RK_FLAG_VALUE },
  { "staff-only", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag event_list_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag date_flags[] = { { "date", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL } };
static const RkFlag move_flags[] = {
  { "date", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "reason", RK_FLAG_VALUE }, { NULL }
};
static const RkFlag assign_flags[] = {
  { "date", RK_FLAG_VALUE }, { "tentative", RK_FLAG_BOOL }, { "confirm", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag unassign_flags[] = { { "date", RK_FLAG_VALUE }, { NULL } };
static const RkFlag check_flags[] = {
  { "from", RK_FLAG_VALUE }, { "to", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};
static const RkFlag suggest_flags[] = {
  { "date", RK_FLAG_VALUE }, { "role", RK_FLAG_VALUE }, { "json", RK_FLAG_BOOL }, { NULL }
};

static const RkCommand commands[] = {
  { "init", cmd_init, init_flags, 0, "init [--demo]" },
  { "staff add", rk_cmd_staff_add, staff_add_flags, 0,
    "staff add --name NAME --role ROLE [--kana KANA] [--org ORG] [--phone P] [--email E]" },
  { "staff list", rk_cmd_staff_list, staff_list_flags, 0, "staff list [--role ROLE] [--all] [--json]" },
  { "staff unavailable", rk_cmd_staff_unavailable, staff_unavailable_flags, 1,
    "staff unavailable STAFF_ID --from TIME --to TIME [--reason TEXT]" },
  { "staff schedule", rk_cmd_staff_schedule, staff_schedule_flags, 1,
    "staff schedule STAFF_ID --month YYYY-MM [--json]" },
  { "staff availability", rk_cmd_staff_availability, rk_staff_availability_flags, 1,
    "staff availability STAFF_ID [--weekday MO,TU,...] [--between HH:MM-HH:MM[,...]] "
    "[--max-hours-week N] [--max-sessions-month N] [--clear] [--json]" },
  { "staff plan", rk_cmd_staff_plan, rk_staff_plan_flags, 0,
    "staff plan --from DATE --to DATE [--venue ID] [--apply] [--tentative] [--json]" },
  { "staff deactivate", rk_cmd_staff_deactivate, no_flags, 1, "staff deactivate STAFF_ID" },
  { "staff activate", rk_cmd_staff_activate, no_flags, 1, "staff activate STAFF_ID" },
  { "venue add", rk_cmd_venue_add, venue_add_flags, 0,
    "venue add --name NAME [--address TEXT] [--contact TEXT] [--kind hub|health_centre] "
    "[--closed-on-holidays]" },
  { "venue list", rk_cmd_venue_list, json_flags, 0, "venue list [--json]" },
  { "venue close", rk_cmd_venue_close, venue_close_flags, 1,
    "venue close VENUE_ID (--date DATE | --from DATE --to DATE | --from MM-DD --to MM-DD | "
    "--weekday MO..SU) [--reason TEXT]" },
  { "venue notice", rk_cmd_venue_notice, rk_venue_notice_flags, 1,
    "venue notice VENUE_ID --month YYYY-MM (--text TEXT | --clear)" },
  { "room add", rk_cmd_room_add, room_add_flags, 0,
    "room add --venue VENUE_ID --name NAME --capacity N [--features a,b]" },
  { "room list", rk_cmd_room_list, room_list_flags, 0, "room list [--venue VENUE_ID] [--json]" },
  { "equipment add", rk_cmd_equipment_add, equipment_add_flags, 0,
    "equipment add --name NAME [--venue VENUE_ID]" },
  { "equipment list", rk_cmd_equipment_list, json_flags, 0, "equipment list [--json]" },
  { "program add", rk_cmd_program_add, program_add_flags, 0,
    "program add --name NAME --requires REQS [--duration MINUTES] [--audience TEXT] "
    "[--bring TEXT] [--color #RRGGBB] [--staff-only]" },
  { "program list", rk_cmd_program_list, json_flags, 0, "program list [--json]" },
  { "event add", rk_cmd_event_add, rk_event_add_flags, 0,
    "event add (--program ID | --title TEXT) --start TIME --end TIME [--room ROOM_ID] "
    "[--capacity N] [--repeat RRULE] [--skip-holidays] "
    "[--on-holiday skip|next-day|previous-day|keep] [--equipment ID,...] [--notes TEXT] "
    "[--tentative] [--skip-conflicts]" },
  { "event list", rk_cmd_event_list, event_list_flags, 0,
    "event list --from DATE --to DATE [--json]" },
  { "event cancel", rk_cmd_event_cancel, date_flags, 1, "event cancel EVENT_ID [--date DATE]" },
  { "event move", rk_cmd_event_move, move_flags, 1,
    "event move EVENT_ID --date DATE --to TIME" },
  { "event edit", rk_cmd_event_edit, rk_event_edit_flags, 1,
    "event edit EVENT_ID [--date DATE] [--scope this|following|all] [--no-repeat] "
    "[field flags as in add]" },
  { "event confirm", rk_cmd_event_confirm, unassign_flags, 1,
    "event confirm EVENT_ID [--date DATE]" },
  { "find-time", rk_cmd_find_time, rk_find_time_flags, 0,
    "find-time --duration MIN --from DATE --to DATE [--program ID | --requires REQS] "
    "[--room ID | --venue ID] [--equipment ID,...] [--weekday SU,...] "
    "[--between HH:MM-HH:MM] [--capacity N] [--limit N] [--json]" },
  { "assign", rk_cmd_assign, assign_flags, 2,
    "assign EVENT_ID STAFF_ID [--date DATE] [--tentative|--confirm]" },
  { "unassign", rk_cmd_unassign, unassign_flags, 2, "unassign EVENT_ID STAFF_ID [--date DATE]" },
  { "check", rk_cmd_check, check_flags, 0, "check [--from DATE --to DATE] [--json]" },
  { "suggest", rk_cmd_suggest, suggest_flags, 1,
    "suggest EVENT_ID [--date DATE] [--role ROLE] [--json]" },
  { "settings set", rk_cmd_settings_set, rk_settings_set_flags, 2, "settings set KEY VALUE" },
  { "settings", rk_cmd_settings, rk_settings_flags, 0, "settings [--json]" },
  { "holidays", rk_cmd_holidays, json_flags, 1, "holidays YEAR [--json]" },
  { "export", rk_cmd_export, rk_export_flags, 0,
    "export --month YYYY-MM --format pdf|ics|csv|text [--audience public|staff] "
    "[--venue VENUE_ID] [--encoding utf-8|shift_jis] [--orientation landscape|portrait] "
    "[--include-tentative] [--language ja|en] -o FILE | "
    "export --staff STAFF_ID|all --month YYYY-MM --format pdf|ics [--language ja|en] -o FILE|DIR | "
    "export --fiscal-year YYYY --format pdf [--venue ID] [--paper a4|a3] [--language ja|en] -o FILE" },
  { "import", rk_cmd_import, rk_import_flags, 1, "import FILE" },
  { "bench", rk_cmd_bench, rk_bench_flags, 0,
    "bench [--hubs N --staff N --years N] [--seed N] [--json] [--db PATH]" },
  { "attendance set", rk_cmd_attendance_set, rk_attendance_set_flags, 1,
    "attendance set EVENT_ID [--date DATE] [--families N] [--adults N] [--children N] "
    "[--pregnant N] [--residents N] [--nonresidents N] [--first-time N] "
    "[--consultations CAT=N[,CAT=N...]] [--notes TEXT]" },
  { "attendance clear", rk_cmd_attendance_clear, rk_attendance_clear_flags, 1,
    "attendance clear EVENT_ID [--date DATE]" },
  { "attendance list", rk_cmd_attendance_list, rk_attendance_list_flags, 0,
    "attendance list --from DATE --to DATE [--venue ID] [--json]" },
  { "report annual", rk_cmd_report_annual, rk_report_annual_flags, 0,
    "report annual --fiscal-year YYYY [--venue ID] --format xlsx|csv|pdf|json "
    "[--language ja|en] -o FILE" },
  { "server init", rk_cmd_server_init, rk_server_init_flags, 0,
    "server init [--coordinators ROLE] [--viewers ROLE]" },
  { "db copy", rk_cmd_db_copy, rk_db_copy_flags, 0, "db copy --from SRC --to DST [--json]" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: renkei-cli [--db PATH] COMMAND ..."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n", commands[i].usage);
}

static const RkFlag *
find_flag (const RkFlag *flags, const char *name)
{
  for (guint i = 0; flags[i].name; i++)
    if (g_strcmp0 (flags[i].name, name) == 0)
      return &flags[i];
  return NULL;
}

static int
run_command (const RkCommand *cmd, int argc, char **argv, const char *db_path)
{
  RkArgs args = { db_path, g_hash_table_new (g_str_hash, g_str_equal), g_ptr_array_new (), };
  int rc;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_has_prefix (arg, "--") && arg[2] != '\0')
        {
          g_autofree char *name = g_strdup (arg + 2);
          char *eq = strchr (name, '=');
          const char *value = NULL;
          const RkFlag *flag;

          if (eq)
            {
              *eq = '\0';
              value = arg + 2 + (eq - name) + 1;
            }
          flag = find_flag (cmd->flags, name);
          if (flag == NULL)
            {
              rc = rk_cli_input_error (_("Unknown option --%s for “%s”; usage: renkei-cli %s"),
                                       name, cmd->name, cmd->usage);
              goto out;
            }
          if (flag->kind == RK_FLAG_BOOL)
            {
              if (value)
                {
                  rc = rk_cli_input_error (_("--%s takes no value"), name);
                  goto out;
                }
              value = "";
            }
          else if (value == NULL)
            {
              if (i + 1 >= argc)
                {
                  rc = rk_cli_input_error (_("--%s needs a value; usage: renkei-cli %s"), name,
                                           cmd->usage);
                  goto out;
                }
              value = argv[++i];
            }
          g_hash_table_insert (args.flags, (gpointer) flag->name, (gpointer) value);
        }
      else if (g_strcmp0 (arg, "-o") == 0 && find_flag (cmd->flags, "o"))
        {
          if (i + 1 >= argc)
            {
              rc = rk_cli_input_error (_("-o needs a file name"));
              goto out;
            }
          g_hash_table_insert (args.flags, (gpointer) "o", argv[++i]);
        }
      else
        g_ptr_array_add (args.pos, (gpointer) arg);
    }

  if (args.pos->len != cmd->n_pos)
    {
      rc = rk_cli_input_error (_("Wrong number of arguments; usage: renkei-cli %s"), cmd->usage);
      goto out;
    }
  {
    /* A refused command leaves no database file behind that it created. */
    g_autofree char *path = db_path ? g_strdup (db_path) : rk_store_default_path ();
    gboolean fresh = !rk_store_is_server_uri (path) && !g_file_test (path, G_FILE_TEST_EXISTS);

    rc = cmd->func (&args);
    if (fresh && (rc == RK_EXIT_INPUT || rc == RK_EXIT_DATABASE))
      rk_store_remove_unused_file (path);
  }

out:
  g_hash_table_unref (args.flags);
  g_ptr_array_unref (args.pos);
  return rc;
}

int
rk_cli_main (int argc, char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const char *db_path = NULL;

  rk_cli_message_install (argc, argv);
  /* --db may stand before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--db") == 0)
        {
          if (i + 1 >= argc)
            return rk_cli_input_error (_("--db needs a database path"));
          db_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        db_path = argv[i] + 5;
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (rest->len == 0)
    {
      print_usage (stderr);
      return RK_EXIT_INPUT;
    }
  if (g_strcmp0 (g_ptr_array_index (rest, 0), "--help") == 0 ||
      g_strcmp0 (g_ptr_array_index (rest, 0), "help") == 0)
    {
      print_usage (stdout);
      return RK_EXIT_OK;
    }
  if (g_strcmp0 (g_ptr_array_index (rest, 0), "--version") == 0)
    {
      g_print ("renkei-cli %s\n", PACKAGE_VERSION);
      return RK_EXIT_OK;
    }

  /* Longest match first: "staff add" before a one-word command. */
  for (int words = 2; words >= 1; words--)
    {
      g_autofree char *name = NULL;

      if ((int) rest->len < words)
        continue;
      name = words == 2 ? g_strjoin (" ", (char *) g_ptr_array_index (rest, 0),
                                     (char *) g_ptr_array_index (rest, 1), NULL)
                        : g_strdup (g_ptr_array_index (rest, 0));
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_strcmp0 (commands[i].name, name) == 0)
          return run_command (&commands[i], (int) rest->len - words,
                              (char **) rest->pdata + words, db_path);
    }
  /* A known group with an unknown sub-command: name the ones it has. */
  {
    const char *group = g_ptr_array_index (rest, 0);
    g_autoptr(GString) subs = g_string_new (NULL);
    gsize len = strlen (group);

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (strncmp (commands[i].name, group, len) == 0 && commands[i].name[len] == ' ')
        g_string_append_printf (subs, "%s%s", subs->len ? ", " : "", commands[i].name + len + 1);
    if (subs->len)
      return rk_cli_input_error (_("Unknown command “%s %s”; “%s” takes one of: %s"), group,
                                 rest->len > 1 ? (char *) g_ptr_array_index (rest, 1) : "",
                                 group, subs->str);
  }
  return rk_cli_input_error (_("Unknown command “%s”; run renkei-cli --help for the list"),
                             (char *) g_ptr_array_index (rest, 0));
}
