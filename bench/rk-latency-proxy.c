#define G_LOG_DOMAIN "renkei-bench"
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "rk-latency-proxy.h"

typedef struct
{
  gint64  due;                 /* monotonic µs: when it may go on */
  GBytes *bytes;               /* NULL: the end */
} Chunk;

typedef struct _Link Link;

/* One direction of one connection: a reader and a writer thread. */
typedef struct
{
  Link        *link;
  GSocket     *from, *to;
  GAsyncQueue *chunks;
  GThread     *reader, *writer;
} Pipe;

struct _Link
{
  RkLatencyProxy *proxy;
  GSocket        *down, *up;
  Pipe            in, out;
};

struct _RkLatencyProxy
{
  guint16       port;
  guint16       target;
  gint64        half_us;
  GSocket      *listener;
  GCancellable *cancel;
  GThread      *acceptor;
  GMutex        lock;
  GPtrArray    *links;         /* Link */
};

static void
chunk_free (Chunk *c)
{
  g_clear_pointer (&c->bytes, g_bytes_unref);
  g_free (c);
}

static gpointer
read_main (gpointer data)
{
  Pipe *p = data;
  char buf[16384];

  for (;;)
    {
      gssize n = g_socket_receive (p->from, buf, sizeof buf, p->link->proxy->cancel, NULL);
      Chunk *c = g_new0 (Chunk, 1);

      c->due = g_get_monotonic_time () + p->link->proxy->half_us;
      if (n > 0)
        c->bytes = g_bytes_new (buf, n);
      g_async_queue_push (p->chunks, c);
      if (n <= 0)
        break;
    }
  return NULL;
}

static gboolean
send_all (Pipe *p, const char *bytes, gsize len)
{
  while (len > 0)
    {
      gssize n = g_socket_send (p->to, bytes, len, p->link->proxy->cancel, NULL);

      if (n <= 0)
        return FALSE;
      bytes += n;
      len -= n;
    }
  return TRUE;
}

static gpointer
write_main (gpointer data)
{
  Pipe *p = data;

  for (;;)
    {
      Chunk *c = g_async_queue_pop (p->chunks);
      gint64 wait = c->due - g_get_monotonic_time ();
      gsize len;
      const char *bytes;

      if (c->bytes == NULL)
        {
          chunk_free (c);
          break;
        }
      if (wait > 0)
        g_usleep (wait);
      bytes = g_bytes_get_data (c->bytes, &len);
      if (!send_all (p, bytes, len))
        {
          chunk_free (c);
          break;
        }
      chunk_free (c);
    }
  /* The other side learns the end. */
  g_socket_shutdown (p->to, FALSE, TRUE, NULL);
  return NULL;
}

static void
pipe_start (Pipe *p, Link *link, GSocket *from, GSocket *to)
{
  p->link = link;
  p->from = from;
  p->to = to;
  p->chunks = g_async_queue_new_full ((GDestroyNotify) chunk_free);
  p->reader = g_thread_new ("proxy-read", read_main, p);
  p->writer = g_thread_new ("proxy-write", write_main, p);
}

static void
pipe_join (Pipe *p)
{
  Chunk *end = g_new0 (Chunk, 1);

  g_thread_join (p->reader);
  /* A writer stuck on a cut socket has already left; one waiting gets the end. */
  g_async_queue_push (p->chunks, end);
  g_thread_join (p->writer);
  g_async_queue_unref (p->chunks);
}

static void
link_free (Link *link)
{
  g_socket_shutdown (link->down, TRUE, TRUE, NULL);
  g_socket_shutdown (link->up, TRUE, TRUE, NULL);
  pipe_join (&link->in);
  pipe_join (&link->out);
  g_socket_close (link->down, NULL);
  g_socket_close (link->up, NULL);
  g_object_unref (link->down);
  g_object_unref (link->up);
  g_free (link);
}

static gpointer
accept_main (gpointer data)
{
  RkLatencyProxy *self = data;

  for (;;)
    {
      GSocket *down = g_socket_accept (self->listener, self->cancel, NULL);
      g_autoptr(GInetAddress) lo = NULL;
      g_autoptr(GSocketAddress) addr = NULL;
      GSocket *up;
      Link *link;

      if (down == NULL)
        break;
      g_socket_set_blocking (down, TRUE);
      up = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      addr = g_inet_socket_address_new (lo, self->target);
      if (up == NULL || !g_socket_connect (up, addr, self->cancel, NULL))
        {
          g_socket_close (down, NULL);
          g_object_unref (down);
          g_clear_object (&up);
          continue;
        }
      g_socket_set_option (up, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      g_socket_set_option (down, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      link = g_new0 (Link, 1);
      link->proxy = self;
      link->down = down;
      link->up = up;
      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->links, link);
      pipe_start (&link->in, link, down, up);
      pipe_start (&link->out, link, up, down);
      g_mutex_unlock (&self->lock);
    }
  return NULL;
}

gboolean
rk_latency_proxy_start (RkLatencyProxy *self, GError **error)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, self->port);
  g_autoptr(GSocketAddress) bound = NULL;

  self->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, error);
  if (self->listener == NULL || !g_socket_bind (self->listener, addr, TRUE, error) ||
      !g_socket_listen (self->listener, error))
    {
      g_clear_object (&self->listener);
      return FALSE;
    }
  bound = g_socket_get_local_address (self->listener, NULL);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->cancel = g_cancellable_new ();
  self->acceptor = g_thread_new ("proxy-accept", accept_main, self);
  return TRUE;
}

void
rk_latency_proxy_stop (RkLatencyProxy *self)
{
  if (self->listener == NULL)
    return;
  g_cancellable_cancel (self->cancel);
  g_thread_join (g_steal_pointer (&self->acceptor));
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->links, 0);
  g_mutex_unlock (&self->lock);
  g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_clear_object (&self->cancel);
}

RkLatencyProxy *
rk_latency_proxy_new (guint16 target_port, int round_trip_ms, GError **error)
{
  RkLatencyProxy *self = g_new0 (RkLatencyProxy, 1);

  self->target = target_port;
  self->half_us = (gint64) round_trip_ms * 1000 / 2;
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  g_mutex_init (&self->lock);
  if (!rk_latency_proxy_start (self, error))
    {
      rk_latency_proxy_free (self);
      return NULL;
    }
  return self;
}

guint16
rk_latency_proxy_get_port (RkLatencyProxy *self)
{
  return self->port;
}

void
rk_latency_proxy_free (RkLatencyProxy *self)
{
  if (self == NULL)
    return;
  rk_latency_proxy_stop (self);
  g_ptr_array_unref (self->links);
  g_mutex_clear (&self->lock);
  g_free (self);
}
