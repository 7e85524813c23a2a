#define G_LOG_DOMAIN "renkei-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-cli-private.h"
#include "rk-store-notices.h"

/* venue notice VENUE_ID --month YYYY-MM (--text TEXT | --clear): the box
 * of notices printed on that venue's schedule for the month. */

const RkFlag rk_venue_notice_flags[] = {
  { "month", RK_FLAG_VALUE }, { "text", RK_FLAG_VALUE }, { "clear", RK_FLAG_BOOL }, { NULL }
};

typedef struct
{
  gint64      venue_id;
  int         year, month;
  const char *text;         /* NULL: clear */
} NoticeOp;

static gboolean
notice_tx (RkStore *store, gpointer data, GError **error)
{
  NoticeOp *op = data;

  return rk_store_set_venue_notice (store, op->venue_id, op->year, op->month, op->text, error);
}

int
rk_cmd_venue_notice (RkArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStore) store = NULL;
  g_autofree char *checked = NULL;
  const char *month_text = NULL;
  NoticeOp op = { 0 };

  if (!rk_parse_id (g_ptr_array_index (args->pos, 0), "VENUE_ID", &op.venue_id, &error) ||
      !rk_args_text (args, "month", TRUE, &month_text, &error) ||
      !rk_args_text (args, "text", FALSE, &op.text, &error))
    return rk_cli_fail (error);
  if (!rk_month_parse (month_text, &op.year, &op.month))
    return rk_cli_input_error (_("--month must be a month written YYYY-MM, for example 2026-12, "
                                 "not “%s”"),
                               month_text);
  if ((op.text != NULL) == rk_args_has (args, "clear"))
    return rk_cli_input_error (_("Give either --text TEXT (the notice) or --clear (no notice "
                                 "for that month)"));
  /* Before the database is opened: bad text writes nothing, not even a new file. */
  if (op.text && (checked = rk_notice_normalize (op.text, &error)) == NULL)
    return rk_cli_fail (error);
  store = rk_cli_open_store (args, &error);
  if (store == NULL || !rk_cli_transaction (store, notice_tx, &op, &error))
    return rk_cli_fail (error);
  return RK_EXIT_OK;
}
