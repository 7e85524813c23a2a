#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include "rk-store-unchanged.h"

/* NULL and "" are the same empty field. */
static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

gboolean
rk_store_staff_unchanged (RkStore *self, RkStaff *staff)
{
  g_autoptr(RkStaff) now = NULL;

  if (rk_staff_get_id (staff) == 0)
    return FALSE;
  now = rk_store_get_staff (self, rk_staff_get_id (staff), NULL);
  return now != NULL &&
         rk_staff_get_version (now) == rk_staff_get_version (staff) &&
         same_text (rk_staff_get_name (now), rk_staff_get_name (staff)) &&
         same_text (rk_staff_get_kana (now), rk_staff_get_kana (staff)) &&
         same_text (rk_staff_get_role (now), rk_staff_get_role (staff)) &&
         same_text (rk_staff_get_org (now), rk_staff_get_org (staff)) &&
         same_text (rk_staff_get_phone (now), rk_staff_get_phone (staff)) &&
         same_text (rk_staff_get_email (now), rk_staff_get_email (staff)) &&
         !rk_staff_get_active (now) == !rk_staff_get_active (staff);
}

gboolean
rk_store_event_unchanged (RkStore *self, RkEvent *event)
{
  g_autoptr(RkEvent) now = NULL;

  if (rk_event_get_id (event) == 0)
    return FALSE;
  now = rk_store_get_event (self, rk_event_get_id (event), NULL);
  return now != NULL &&
         rk_event_get_version (now) == rk_event_get_version (event) &&
         rk_event_get_program_id (now) == rk_event_get_program_id (event) &&
         same_text (rk_event_get_title (now), rk_event_get_title (event)) &&
         same_text (rk_event_get_start (now), rk_event_get_start (event)) &&
         same_text (rk_event_get_end (now), rk_event_get_end (event)) &&
         rk_event_get_room_id (now) == rk_event_get_room_id (event) &&
         rk_event_get_capacity (now) == rk_event_get_capacity (event) &&
         same_text (rk_event_get_notes (now), rk_event_get_notes (event)) &&
         same_text (rk_event_get_rrule (now), rk_event_get_rrule (event)) &&
         same_text (rk_event_get_on_holiday (now), rk_event_get_on_holiday (event)) &&
         !rk_event_get_tentative (now) == !rk_event_get_tentative (event);
}
