#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-store-origin.h"
#include "rk-store-private.h"

gboolean
rk_store_set_event_origin (RkStore *self, gint64 event_id, const char *tzid, int sequence,
                           GError **error)
{
  RkDbStmt *stmt;

  if (!rk_store_require_tx (self))
    return FALSE;
  /* SEQUENCE = sequence_base + version - 1 from here on. */
  stmt = rk_store_prepare (self,
                           "UPDATE event SET tzid = ?2, sequence_base = ?3 - (version - 1) "
                           "WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rk_db_bind_int64 (stmt, 1, event_id);
  if (tzid && *tzid)
    rk_db_bind_text (stmt, 2, tzid);
  else
    rk_db_bind_null (stmt, 2);
  rk_db_bind_int (stmt, 3, sequence);
  if (!rk_store_step_done (self, stmt, error))
    return FALSE;
  rk_store_touch (self, "event");
  return TRUE;
}
