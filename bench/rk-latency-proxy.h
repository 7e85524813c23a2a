#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TCP proxy on 127.0.0.1 in front of a local server's port, run by
 * threads of its own (whatever the main thread is doing): every chunk of
 * bytes is held round_trip_ms / 2 on its way in each direction, so one
 * round trip to the server costs round_trip_ms more, as over a slow
 * network. Stopping it cuts every connection and refuses new ones (the
 * network gone); starting it again listens on the same port. */
typedef struct _RkLatencyProxy RkLatencyProxy;

RkLatencyProxy *rk_latency_proxy_new      (guint16          target_port,
                                           int              round_trip_ms,
                                           GError         **error);
guint16         rk_latency_proxy_get_port (RkLatencyProxy  *self);
gboolean        rk_latency_proxy_start    (RkLatencyProxy  *self,
                                           GError         **error);
void            rk_latency_proxy_stop     (RkLatencyProxy  *self);
void            rk_latency_proxy_free     (RkLatencyProxy  *self);

G_END_DECLS
