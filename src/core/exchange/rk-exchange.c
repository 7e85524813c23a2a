#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-exchange.h"
#include "rk-staff.h"


GHashTable *
rk_export_staff_details (RkStore *store, GError **error)
{
  g_autoptr(GPtrArray) list = rk_store_list_staff (store, -1, TRUE, error);
  GHashTable *out;

  if (list == NULL)
    return NULL;
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < list->len; i++)
    {
      RkStaff *s = g_ptr_array_index (list, i);
      gint64 id = rk_staff_get_id (s);

      g_hash_table_insert (out, g_memdup2 (&id, sizeof id), g_object_ref (s));
    }
  return out;
}

RkSchedule *
rk_export_load (RkStore *store, const RkExportOptions *options, GError **error)
{
  if (options->from == 0)
    return rk_store_load_all (store, error);
  return rk_store_load_schedule (store, options->from, options->to, error);
}

RkSchedule *
rk_export_load_with_details (RkStore *store, const RkExportOptions *options, GHashTable **details,
                             GError **error)
{
  g_autoptr(RkSchedule) schedule = rk_export_load (store, options, error);

  *details = NULL;
  if (schedule == NULL)
    return NULL;
  if (options->staff)
    {
      *details = rk_export_staff_details (store, error);
      if (*details == NULL)
        return NULL;
    }
  return g_steal_pointer (&schedule);
}

gboolean
rk_export_wants_event (const RkSEvent *event, const RkExportOptions *options)
{
  RkSVenue *venue = rk_sevent_venue (event);

  if (options->venue_id > 0 && (venue == NULL || venue->id != options->venue_id))
    return FALSE;
  if (!options->staff && event->tentative && !options->include_tentative)
    return FALSE;
  /* meetings between the agencies are not for families */
  if (!options->staff && rk_sevent_staff_only (event))
    return FALSE;
  return TRUE;
}

