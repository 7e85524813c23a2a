#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include "rk-lanes.h"

void
rk_lanes_assign (RkLaneItem *items,
                 guint       n_items,
                 RkMinute    min_length)
{
  g_autoptr(GArray) lane_end = g_array_new (FALSE, FALSE, sizeof (RkMinute));
  guint cluster_first = 0;
  RkMinute cluster_end = G_MININT64;

  for (guint i = 0; i <= n_items; i++)
    {
      RkMinute start = i < n_items ? items[i].start : G_MAXINT64;
      RkMinute end;

      /* A new cluster starts where nothing before reaches: close the last
       * one, giving its items the lanes it used. */
      if (start >= cluster_end)
        {
          for (guint j = cluster_first; j < i; j++)
            items[j].n_lanes = lane_end->len;
          g_array_set_size (lane_end, 0);
          cluster_first = i;
          cluster_end = G_MININT64;
        }
      if (i == n_items)
        break;

      end = MAX (items[i].end, start + min_length);
      items[i].lane = lane_end->len;
      for (guint l = 0; l < lane_end->len; l++)
        if (g_array_index (lane_end, RkMinute, l) <= start)
          {
            items[i].lane = l;
            break;
          }
      if (items[i].lane == lane_end->len)
        g_array_append_val (lane_end, end);
      else
        g_array_index (lane_end, RkMinute, items[i].lane) = end;
      cluster_end = MAX (cluster_end, end);
    }
}
