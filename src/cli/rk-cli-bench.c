#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "rk-bench.h"
#include "rk-cli-private.h"

const RkFlag rk_bench_flags[] = {
  { "hubs", RK_FLAG_VALUE }, { "staff", RK_FLAG_VALUE }, { "years", RK_FLAG_VALUE },
  { "seed", RK_FLAG_VALUE }, { "reps", RK_FLAG_VALUE }, { "no-scaling", RK_FLAG_BOOL },
  { "json", RK_FLAG_BOOL }, { NULL }
};

int rk_cmd_bench (RkArgs *args);

/* --db (args->db_path, taken out before the command's flags) names the
 * database to build or reuse; without it the benchmark works in a temporary
 * one. RENKEI_DB is ignored on purpose: the benchmark must never land in a
 * coordinator's real schedule by accident. */
int
rk_cmd_bench (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  RkBenchOptions options;
  RkBenchResult result;
  int seed;
  int rc;

  rk_bench_options_init (&options);
  seed = (int) options.gen.seed;
  if (!rk_args_int (args, "hubs", FALSE, 1, 1000, &options.gen.hubs, &error) ||
      !rk_args_int (args, "staff", FALSE, 1, 100000, &options.gen.staff, &error) ||
      !rk_args_int (args, "years", FALSE, 1, 50, &options.gen.years, &error) ||
      !rk_args_int (args, "seed", FALSE, 0, G_MAXINT, &seed, &error) ||
      !rk_args_int (args, "reps", FALSE, 1, 1000, &options.reps, &error))
    return rk_cli_fail (error);
  options.gen.seed = (guint32) seed;
  options.db_path = args->db_path;
  options.no_scaling = rk_args_has (args, "no-scaling");
  options.progress = isatty (STDERR_FILENO);

  if (!rk_bench_run (&options, &result, &error))
    {
      rk_bench_result_clear (&result);
      return rk_cli_fail (error);
    }

  if (rk_args_has (args, "json"))
    {
      g_autoptr(JsonNode) root = rk_bench_result_to_json (&result);

      rk_cli_print_json (root);
    }
  else
    {
      g_autofree char *table = rk_bench_format_table (&result);

      fputs (table, stdout);
    }
  for (guint i = 0; result.failed && i < result.failed->len; i++)
    g_printerr (_("renkei-cli: bench target missed: %s\n"),
                (char *) g_ptr_array_index (result.failed, i));

  rc = result.targets_met ? RK_EXIT_OK : RK_EXIT_PROBLEMS;
  rk_bench_result_clear (&result);
  return rc;
}
