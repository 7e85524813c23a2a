#define G_LOG_DOMAIN "renkei-bench-gui"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_DUMP_STATS_AT(name)
#define CALLGRIND_ZERO_STATS
#define RUNNING_ON_VALGRIND 0
#endif

#include "rk-application.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-event-editor.h"
#include "rk-generate.h"
#include "rk-import-dialog.h"
#include "rk-latency-proxy.h"
#include "rk-plan-page.h"
#include "rk-store.h"
#include "rk-window.h"

/* renkei-bench-gui: the desktop application's speed targets (issue 7),
 * measured on a real window over a database, never in the test suite.
 *
 * The parent process prepares the database (by default the benchmark
 * municipality of rk-generate.h in a temporary file) and launches itself
 * once per run with --child: each child is a fresh `renkei` start through
 * RkApplication, timed from just before the parent spawned it to the
 * GdkFrameClock "after-paint" of the window's first frame, then switched
 * back a month at a time, each switch timed to the after-paint of the next
 * frame; its peak RSS is its own. */

#define TARGET_FIRST_FRAME_MS 400.0
/* One frame at 60 Hz: the new month's grid shows at once (issue 17). */
#define TARGET_MONTH_SWITCH_MS 16.7
/* The longest the main loop may go without answering while switching. */
#define TARGET_STALL_MS 50.0
/* The planning views: switching to each, and moving it a step (a week, a
 * day, a year), within one frame too. */
#define TARGET_VIEW_MS 16.7
#define VIEW_MOVES 6
/* How often the main loop is asked whether it answers. */
#define BEAT_MS 2
#define TARGET_RSS_MB 120.0

/* After the switches: a title typed into a new event's editor a key
 * every TYPE_MS (each pause longer than the editor's 150 ms runs its live
 * check through the worker), saved, then IMPORT_EVENTS events imported
 * (preview and import). An import still running after IMPORT_WATCH_S is
 * left (the figure is its stall until then). */
#define TYPE_MS 90
#define TYPED_TITLE "Benchmark: typing into the editor"
#define IMPORT_EVENTS 1000
#define IMPORT_WATCH_S 120

/* A child that shows nothing in this long has failed. */
#define CHILD_TIMEOUT_S 60
/* Between switches: whatever a switch left queued (idle reloads, the
 * problems count) is done before the next one is timed. */
#define SETTLE_MS 60

#define EXIT_MISSED 1
#define EXIT_USAGE 2
#define EXIT_BROKEN 3

/* ---- child: one start of the application -------------------------------- */

typedef struct
{
  GApplication *app;
  RkWindow     *window;
  GdkFrameClock *clock;
  gulong        paint_id;
  gint64        t0;                /* µs, monotonic: the parent's spawn */
  gint64        switch_start;      /* µs; 0 when no switch is waiting for its frame */
  int           months;
  int           view;              /* -1: months; 0 … N_VIEWS-1: the planning views */
  int           view_moves;        /* -1: the switch to the view is next */
  GArray       *view_ms[4];        /* double, per view: the switch and each move, to the frame */
  double        first_frame_ms;
  GArray       *switch_ms;         /* double */
  GArray       *bind_ms;           /* double: the switch before its frame */
  GArray       *data_ms;           /* double: rk_month_data_load alone, same months */
  GArray       *fill_ms;           /* double: the switch until the month read is shown */
  gboolean      framed;            /* the switch's first frame is counted */
  guint         beat_id;
  gint64        last_beat;
  double        stall_ms;          /* the longest the main loop went unanswered */
  RkLatencyProxy *proxy;           /* --latency: the server through it */
  double        away_stall_ms;     /* the longest stall while the server was away */
  double        away_ms;           /* proxy stopped until the bar showed */
  double        back_ms;           /* proxy started again until the bar went */
  gint64        phase_start;
  int           first_year, first_month;
  guint         first_occurrences;
  char         *renderer;
  gboolean      failed;
  int           work;              /* WORK_* */
  int           typed;
  RkEventEditor *editor;
  RkImportDialog *import;
  char         *import_dir;
  gboolean      op_done;
  double        switch_stall_ms;   /* stall_ms while switching, kept */
  double        typing_stall_ms;   /* the longest stall while typing (live checks) */
  double        save_stall_ms;     /* … while the save ran */
  double        save_ms;
  double        import_stall_ms;   /* … while the import was previewed and ran */
  double        import_ms;         /* -1: not done within IMPORT_WATCH_S */
  guint         timeout_id;        /* the whole start's (child_timeout) */
  int           timeout_s;
} Child;

enum { WORK_NONE, WORK_TYPING, WORK_SAVING, WORK_PREVIEW, WORK_IMPORTING, WORK_DONE };

static const char * const view_names[] = { "week", "rooms", "people", "year" };
static const char * const view_labels[] = { N_("week view"), N_("day by place"),
                                            N_("day by person"), N_("year view") };
#define N_VIEWS G_N_ELEMENTS (view_names)

static double
since_ms (gint64 t)
{
  return (g_get_monotonic_time () - t) / 1000.0;
}

/* The floor of a switch: the month's data alone, for the months switched to. */
static void
time_month_data (Child *c)
{
  RkStore *store = rk_window_get_store (c->window);

  for (int i = 1; i <= c->months; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = g_get_monotonic_time ();
      int m = c->first_month - i, y = c->first_year;
      RkMonthData *data;
      double ms;

      while (m < 1)
        {
          m += 12;
          y--;
        }
      data = rk_month_data_load (store, y, m, &error);
      ms = since_ms (t);
      if (data == NULL)
        continue;
      rk_month_data_unref (data);
      g_array_append_val (c->data_ms, ms);
    }
}

/* RK_BENCH_GUI_STEPS=MS: each main-loop step (the work between two
 * polls) longer than MS is printed on stderr with its wall and CPU time
 * and the phase it fell in, to find what a stall is (with `perf record
 * -k mono`, whose sample times are the same clock). */
static Child  *steps_child;
static double  steps_min_ms = -1;
static gint64  steps_wall;      /* µs, monotonic: the last poll's return */
static gint64  steps_cpu;       /* µs, this thread's CPU time then */

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* RK_BENCH_GUI_FRAMES=1: each timed frame of a planning view (a switch
 * to it or a move) printed on stderr: its wall time split into the action,
 * the wait until its frame began and the frame, and the main thread's CPU
 * time, and the frames drawn since the last timed one (two when nothing
 * animates: the frame clock idle, the next step's frame need not wait for
 * its turn); under callgrind its instructions are zeroed at the action and
 * dumped at the frame's end (`frame VIEW N`), so each dump is one timed
 * figure's work. */
static gboolean frames_trace;
static gint64   frame_cpu0;      /* µs, this thread's CPU time at the action */
static gint64   frame_acted;     /* µs, monotonic: the action returned */
static gint64   frame_began;     /* µs: the timed frame's before-paint; 0 before it */
static gint64   frame_cpu_began;
static int      frames_between;  /* frames since the last timed one, before this action */

static const char *
step_phase (Child *c)
{
  static const char * const work[] = { "switching", "typing", "saving", "preview", "importing",
                                       "done" };

  if (c->first_frame_ms < 0)
    return "start";
  if (c->work != WORK_NONE)
    return work[c->work];
  if (c->view >= 0 && c->view < (int) N_VIEWS)
    return view_names[c->view];
  return "switching";
}

/* The resident set now and its peak so far (VmRSS, VmHWM), in MB. */
static void
memory_mb (double *rss, double *peak)
{
  g_autofree char *status = NULL;
  const char *at;

  *rss = *peak = -1;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((at = strstr (status, "VmRSS:")))
    *rss = g_ascii_strtod (at + strlen ("VmRSS:"), NULL) / 1024.0;
  if ((at = strstr (status, "VmHWM:")))
    *peak = g_ascii_strtod (at + strlen ("VmHWM:"), NULL) / 1024.0;
}

static int
traced_poll (GPollFD *fds, guint nfds, int timeout)
{
  static const char *last_phase;
  gint64 wall = g_get_monotonic_time (), cpu = thread_cpu_us ();
  const char *phase = step_phase (steps_child);
  int n;

  /* Where the memory goes: the resident set as each phase ends. */
  if (g_strcmp0 (phase, last_phase) != 0)
    {
      double rss, peak;

      memory_mb (&rss, &peak);
      if (last_phase)
        g_printerr ("phase %s done: RSS %.1f MB, peak %.1f MB\n", last_phase, rss, peak);
      last_phase = phase;
    }

  if (steps_wall && (wall - steps_wall) / 1000.0 >= steps_min_ms)
    {
      g_autofree char *name = g_strdup_printf ("step %s at %.3f s", step_phase (steps_child),
                                               steps_wall / 1e6);

      g_printerr ("%s: %6.1f ms, CPU %6.1f ms\n", name, (wall - steps_wall) / 1000.0,
                  (cpu - steps_cpu) / 1000.0);
      /* Under callgrind, each such step is a dump of its own. */
      CALLGRIND_DUMP_STATS_AT (name);
    }
  n = g_poll (fds, nfds, timeout);
  if (RUNNING_ON_VALGRIND)
    CALLGRIND_ZERO_STATS;
  steps_wall = g_get_monotonic_time ();
  steps_cpu = thread_cpu_us ();
  return n;
}

/* A beat every BEAT_MS: a late one is the main loop not answering. */
static gboolean
beat (gpointer user_data)
{
  Child *c = user_data;
  gint64 now = g_get_monotonic_time ();

  if (c->last_beat)
    c->stall_ms = MAX (c->stall_ms, (now - c->last_beat) / 1000.0 - BEAT_MS);
  c->last_beat = now;
  return G_SOURCE_CONTINUE;
}

static void child_finish (Child *c);

static gboolean
connected (Child *c)
{
  return rk_store_worker_get_connected (rk_context_get_worker (rk_window_get_context (c->window)));
}

/* --latency, after the switches: the server goes away (the proxy stops)
 * while the person switches months, and comes back. */
static gboolean
away_step (gpointer user_data)
{
  Child *c = user_data;
  double ms = since_ms (c->phase_start);

  if (c->away_ms < 0)
    {
      if (!connected (c) || ms > 60000)
        {
          c->away_ms = ms;
          c->away_stall_ms = c->stall_ms;
          gtk_widget_activate_action (GTK_WIDGET (c->window), "win.next-month", NULL);
          c->phase_start = g_get_monotonic_time ();
          if (!rk_latency_proxy_start (c->proxy, NULL))
            {
              c->failed = TRUE;
              child_finish (c);
              return G_SOURCE_REMOVE;
            }
        }
      return G_SOURCE_CONTINUE;
    }
  if (connected (c) || ms > 120000)
    {
      c->back_ms = ms;
      c->away_stall_ms = MAX (c->away_stall_ms, c->stall_ms);
      child_finish (c);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_away (Child *c)
{
  c->stall_ms = 0;
  c->last_beat = 0;
  c->phase_start = g_get_monotonic_time ();
  rk_latency_proxy_stop (c->proxy);
  g_timeout_add (20, away_step, c);
}

static void start_work (Child *c);

static void
child_finish (Child *c)
{
  if (!c->failed && c->work == WORK_NONE)
    {
      start_work (c);
      return;
    }
  if (c->proxy && c->away_ms == -2)
    {
      c->away_ms = -1;
      start_away (c);
      return;
    }
  g_clear_handle_id (&c->beat_id, g_source_remove);
  time_month_data (c);
  if (c->paint_id)
    g_signal_handler_disconnect (c->clock, c->paint_id);
  c->paint_id = 0;
  g_application_quit (c->app);
}

/* ---- typing, saving, importing ------------------------------------------ */

static void
restart_stall (Child *c)
{
  c->stall_ms = 0;
  c->last_beat = 0;
  c->phase_start = g_get_monotonic_time ();
}

static void
saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Child *c = user_data;
  g_autoptr(GError) error = NULL;

  if (!rk_event_editor_save_finish (RK_EVENT_EDITOR (source), result, &error))
    {
      g_printerr ("renkei-bench-gui: the save failed: %s\n", error->message);
      c->failed = TRUE;
    }
  c->save_ms = since_ms (c->phase_start);
  c->op_done = TRUE;
}

static void
imported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Child *c = user_data;
  g_autoptr(GError) error = NULL;

  if (!rk_import_dialog_commit_finish (RK_IMPORT_DIALOG (source), result, &error))
    g_printerr ("renkei-bench-gui: the import failed: %s\n", error->message);
  c->op_done = TRUE;
}

/* IMPORT_EVENTS one-hour events in the month shown, one file. */
static char *
write_import_file (Child *c)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                         "PRODID:-//renkei//bench//EN\r\n");
  /* New events each run: a file imported before would only be unchanged. */
  gint64 run = g_get_real_time ();
  int year, month;
  char *path;

  rk_window_get_month (c->window, &year, &month);
  for (int i = 0; i < IMPORT_EVENTS; i++)
    {
      int day = 1 + i % 28, hour = 8 + (i / 28) % 10;

      g_string_append_printf (ics,
                              "BEGIN:VEVENT\r\nUID:bench-%" G_GINT64_FORMAT "-%d@renkei\r\n"
                              "SUMMARY:取り込みの計測 %d\r\n"
                              "DTSTART;TZID=Asia/Tokyo:%04d%02d%02dT%02d%02d00\r\n"
                              "DTEND;TZID=Asia/Tokyo:%04d%02d%02dT%02d%02d00\r\n"
                              "END:VEVENT\r\n",
                              run, i, i, year, month, day, hour, (i % 4) * 10, year, month, day,
                              hour + 1, (i % 4) * 10);
    }
  g_string_append (ics, "END:VCALENDAR\r\n");
  c->import_dir = g_dir_make_tmp ("renkei-bench-import-XXXXXX", NULL);
  path = g_build_filename (c->import_dir, "bench.ics", NULL);
  if (c->import_dir == NULL || !g_file_set_contents (path, ics->str, ics->len, NULL))
    g_clear_pointer (&path, g_free);
  return path;
}

static gboolean
work_step (gpointer user_data)
{
  Child *c = user_data;

  switch (c->work)
    {
    case WORK_TYPING:
      if (c->typed < (int) strlen (TYPED_TITLE))
        {
          g_autofree char *text = g_strndup (TYPED_TITLE, ++c->typed);

          gtk_editable_set_text (GTK_EDITABLE (rk_event_editor_get_field (c->editor, "title")),
                                 text);
          return G_SOURCE_CONTINUE;
        }
      /* The last pause's check is done before the save. */
      if (since_ms (c->phase_start) < c->typed * TYPE_MS + 1000 ||
          rk_event_editor_get_opening (c->editor))
        return G_SOURCE_CONTINUE;
      c->typing_stall_ms = c->stall_ms;
      restart_stall (c);
      c->op_done = FALSE;
      c->work = WORK_SAVING;
      rk_event_editor_save_async (c->editor, saved, c);
      return G_SOURCE_CONTINUE;
    case WORK_SAVING:
      if (!c->op_done)
        return G_SOURCE_CONTINUE;
      c->save_stall_ms = c->stall_ms;
      g_clear_object (&c->editor);
      {
        g_autofree char *path = write_import_file (c);

        if (path == NULL)
          {
            c->failed = TRUE;
            break;
          }
        restart_stall (c);
        c->import = g_object_ref_sink (rk_import_dialog_new (GTK_WINDOW (c->window),
                                                             rk_window_get_context (c->window),
                                                             path));
        gtk_window_present (GTK_WINDOW (c->import));
      }
      c->work = WORK_PREVIEW;
      return G_SOURCE_CONTINUE;
    case WORK_PREVIEW:
      if (rk_import_dialog_get_busy (c->import) && since_ms (c->phase_start) < IMPORT_WATCH_S * 1000)
        return G_SOURCE_CONTINUE;
      if (rk_import_dialog_get_busy (c->import))
        break;
      c->op_done = FALSE;
      c->work = WORK_IMPORTING;
      rk_import_dialog_commit_async (c->import, imported, c);
      return G_SOURCE_CONTINUE;
    case WORK_IMPORTING:
      if (!c->op_done && since_ms (c->phase_start) < IMPORT_WATCH_S * 1000)
        return G_SOURCE_CONTINUE;
      if (c->op_done)
        c->import_ms = since_ms (c->phase_start);
      break;
    default:
      break;
    }
  /* Done, or left running (a server this slow is then taken away). */
  if (c->work != WORK_DONE && c->import_stall_ms == 0)
    c->import_stall_ms = c->stall_ms;
  c->work = WORK_DONE;
  g_clear_object (&c->import);
  c->stall_ms = c->switch_stall_ms;
  child_finish (c);
  return G_SOURCE_REMOVE;
}

static void
start_work (Child *c)
{
  int year, month;

  c->switch_stall_ms = c->stall_ms;
  c->import_ms = -1;
  if (c->beat_id == 0)
    c->beat_id = g_timeout_add_full (G_PRIORITY_HIGH, BEAT_MS, beat, c, NULL);
  rk_window_get_month (c->window, &year, &month);
  gtk_widget_activate_action (GTK_WIDGET (c->window), "win.new-event-on", "u",
                              (guint32) rk_day_from_ymd (year, month, 15));
  c->editor = RK_EVENT_EDITOR (rk_window_get_editor (c->window));
  if (c->editor == NULL)
    {
      c->failed = TRUE;
      c->work = WORK_DONE;
      child_finish (c);
      return;
    }
  g_object_ref (c->editor);
  restart_stall (c);
  c->work = WORK_TYPING;
  g_timeout_add (TYPE_MS, work_step, c);
}

static gboolean
view_step (gpointer user_data)
{
  Child *c = user_data;

  if (c->view_moves >= VIEW_MOVES)
    {
      CALLGRIND_DUMP_STATS_AT (view_names[c->view]);
      c->view++;
      c->view_moves = -1;
    }
  if (c->view >= (int) N_VIEWS)
    {
      child_finish (c);
      return G_SOURCE_REMOVE;
    }
  if (frames_trace)
    {
      CALLGRIND_ZERO_STATS;
      frame_cpu0 = thread_cpu_us ();
      frame_began = 0;
    }
  c->switch_start = g_get_monotonic_time ();
  /* The view from the header's switcher, then what Page Up does in it: a
   * week, a day or a year back. */
  if (c->view_moves < 0)
    gtk_widget_activate_action (GTK_WIDGET (c->window), "win.plan-view", "s",
                                view_names[c->view]);
  else
    gtk_widget_activate_action (GTK_WIDGET (c->window), "win.prev-month", NULL);
  frame_acted = g_get_monotonic_time ();
  c->view_moves++;
  return G_SOURCE_REMOVE;
}

static gboolean
plan_loading (Child *c)
{
  GtkWidget *page = rk_window_get_page (c->window, "plan");

  return page && rk_plan_page_is_loading (RK_PLAN_PAGE (page));
}

static gboolean
switch_month (gpointer user_data)
{
  Child *c = user_data;

  if ((int) c->switch_ms->len >= c->months)
    {
      /* The months done: the planning views, unless through a server. */
      CALLGRIND_DUMP_STATS_AT ("months");
      if (c->proxy == NULL && c->view < 0)
        {
          c->view = 0;
          c->view_moves = -1;
          return view_step (c);
        }
      child_finish (c);
      return G_SOURCE_REMOVE;
    }
  if (c->beat_id == 0)
    c->beat_id = g_timeout_add_full (G_PRIORITY_HIGH, BEAT_MS, beat, c, NULL);
  /* Under callgrind, each timed frame's work is a dump of its own: from
   * here to the after-paint it is timed to ("switch frame"); what was done
   * since the last one (the filling, the steps after it) is dumped here. */
  CALLGRIND_DUMP_STATS_AT ("between switches");
  if (steps_min_ms >= 0)
    g_printerr ("switch at %.3f s\n", g_get_monotonic_time () / 1e6);
  c->switch_start = g_get_monotonic_time ();
  /* What Page Up does: the month before, its empty grid at once, read by
   * the worker and filled when it arrives. */
  gtk_widget_activate_action (GTK_WIDGET (c->window), "win.prev-month", NULL);
  {
    double ms = since_ms (c->switch_start);
    g_array_append_val (c->bind_ms, ms);
  }
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Child         *c)
{
  /* Traced: every frame, painted or not (a frame may only lay out). */
  if (steps_min_ms >= 0)
    g_printerr ("frame at %.3f s\n", g_get_monotonic_time () / 1e6);
  if (c->first_frame_ms < 0)
    {
      RkMonthData *data = rk_window_get_data (c->window);
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (c->window));

      c->first_frame_ms = since_ms (c->t0);
      CALLGRIND_DUMP_STATS_AT ("start");
      rk_window_get_month (c->window, &c->first_year, &c->first_month);
      c->first_occurrences = data ? data->occs->len : 0;
      c->renderer = g_strdup (renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
      g_timeout_add (SETTLE_MS, switch_month, c);
      return;
    }
  if (c->switch_start && c->view >= 0)
    {
      double ms = since_ms (c->switch_start);

      if (!c->framed)
        {
          g_array_append_val (c->view_ms[c->view], ms);
          c->framed = TRUE;
          if (frames_trace)
            {
              g_autofree char *name = g_strdup_printf ("frame %s %d", view_names[c->view],
                                                       c->view_moves);
              gint64 began = frame_began ? frame_began : frame_acted;

              CALLGRIND_DUMP_STATS_AT (name);
              g_printerr ("%s: %6.2f ms (action %5.2f, wait %5.2f, frame %5.2f), CPU %5.2f ms"
                          " (%5.2f before the frame), %d frames before\n",
                          name, ms, (frame_acted - c->switch_start) / 1000.0,
                          (began - frame_acted) / 1000.0, since_ms (began),
                          (thread_cpu_us () - frame_cpu0) / 1000.0,
                          ((frame_began ? frame_cpu_began : thread_cpu_us ()) - frame_cpu0)
                            / 1000.0, frames_between);
              frames_between = 0;
            }
        }
      if (!plan_loading (c))
        {
          c->switch_start = 0;
          c->framed = FALSE;
          g_timeout_add (SETTLE_MS, view_step, c);
        }
      return;
    }
  if (c->switch_start)
    {
      double ms = since_ms (c->switch_start);

      if (!c->framed)
        {
          CALLGRIND_DUMP_STATS_AT ("switch frame");
          if (steps_min_ms >= 0)
            g_printerr ("switch framed at %.3f s: %.1f ms\n", g_get_monotonic_time () / 1e6, ms);
          g_array_append_val (c->switch_ms, ms);
          c->framed = TRUE;
        }
      if (!rk_window_is_loading (c->window))
        {
          g_array_append_val (c->fill_ms, ms);
          c->switch_start = 0;
          c->framed = FALSE;
          g_timeout_add (SETTLE_MS, switch_month, c);
        }
    }
}

/* The month arrived: a frame shows it. */
static void
on_loading (RkWindow *window, GParamSpec *pspec, Child *c)
{
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static void
on_before_paint (GdkFrameClock *clock,
                 Child         *c)
{
  if (frames_trace && c->switch_start && !c->framed && frame_began == 0)
    {
      frame_began = g_get_monotonic_time ();
      frame_cpu_began = thread_cpu_us ();
    }
  else if (frames_trace && c->switch_start == 0)
    frames_between++;
}

static void
on_realize (GtkWidget *window,
            Child     *c)
{
  c->clock = gtk_widget_get_frame_clock (window);
  c->paint_id = g_signal_connect (c->clock, "after-paint", G_CALLBACK (on_after_paint), c);
  g_signal_connect (c->clock, "before-paint", G_CALLBACK (on_before_paint), c);
}

/* A planning view's read arrives without a window property to say so: a
 * frame is asked for while one is awaited, so that it is seen. */
static gboolean
view_tick (gpointer user_data)
{
  Child *c = user_data;

  if (c->switch_start && c->view >= 0 && c->window)
    gtk_widget_queue_draw (GTK_WIDGET (c->window));
  return G_SOURCE_CONTINUE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *c)
{
  if (!RK_IS_WINDOW (window))
    {
      /* The application's error dialog: the database could not be opened. */
      c->failed = TRUE;
      g_application_quit (G_APPLICATION (app));
      return;
    }
  if (c->window)
    return;
  c->window = RK_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), c);
  g_signal_connect (window, "notify::loading", G_CALLBACK (on_loading), c);
}

static gboolean
child_timeout (gpointer user_data)
{
  Child *c = user_data;

  g_printerr (_("renkei-bench-gui: no frame after %d seconds\n"), c->timeout_s);
  c->timeout_id = 0;
  c->failed = TRUE;
  g_application_quit (c->app);
  return G_SOURCE_REMOVE;
}

static void
add_array (JsonBuilder *b, const char *name, GArray *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_double_value (b, g_array_index (values, double, i));
  json_builder_end_array (b);
}

/* The server's URI with its host and port replaced by the proxy's. */
static char *
through_proxy (const char *uri, int latency, Child *c, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *q = strchr (uri, '?');
  g_auto(GStrv) params = g_strsplit (q ? q + 1 : "", "&", -1);
  guint16 port = 5432;

  g_string_append_len (out, uri, q ? q - uri : (gssize) strlen (uri));
  for (guint i = 0; params[i]; i++)
    if (g_str_has_prefix (params[i], "port="))
      port = (guint16) atoi (params[i] + 5);
  c->proxy = rk_latency_proxy_new (port, latency, error);
  if (c->proxy == NULL)
    return NULL;
  g_string_append_printf (out, "?host=127.0.0.1&port=%u", rk_latency_proxy_get_port (c->proxy));
  for (guint i = 0; params[i]; i++)
    if (*params[i] && !g_str_has_prefix (params[i], "port=") &&
        !g_str_has_prefix (params[i], "host="))
      g_string_append_printf (out, "&%s", params[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
run_child (const char *db, int months, int latency)
{
  g_autoptr(RkApplication) app = rk_application_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *t0 = g_getenv ("RK_BENCH_GUI_T0");
  char *argv[] = { (char *) "renkei", (char *) "--db", (char *) db, NULL };
  struct rusage usage;
  Child c = { 0 };
  guint tick;

  c.app = G_APPLICATION (app);
  c.t0 = t0 ? g_ascii_strtoll (t0, NULL, 10) : g_get_monotonic_time ();
  c.months = months;
  c.view = -1;
  for (guint v = 0; v < N_VIEWS; v++)
    c.view_ms[v] = g_array_new (FALSE, FALSE, sizeof (double));
  c.first_frame_ms = -1;
  c.switch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  c.bind_ms = g_array_new (FALSE, FALSE, sizeof (double));
  c.data_ms = g_array_new (FALSE, FALSE, sizeof (double));
  c.fill_ms = g_array_new (FALSE, FALSE, sizeof (double));
  c.away_ms = -1;
  if (latency >= 0)
    {
      g_autoptr(GError) error = NULL;
      char *proxied = through_proxy (db, latency, &c, &error);

      if (proxied == NULL)
        {
          g_printerr ("renkei-bench-gui: %s\n", error->message);
          return EXIT_BROKEN;
        }
      argv[2] = proxied;
      c.away_ms = -2;
    }

  /* Another Renkei running on the same display must not take the start. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &c);
  /* Through a slow server and back from away, a start takes minutes; so
   * does a start under callgrind (a child started by hand under valgrind
   * dumps its instruction counts at the start, the months and each view). */
  c.timeout_s = latency >= 0 ? 20 * CHILD_TIMEOUT_S
                 : RUNNING_ON_VALGRIND ? 60 * CHILD_TIMEOUT_S : CHILD_TIMEOUT_S;
  c.timeout_id = g_timeout_add_seconds (c.timeout_s, child_timeout, &c);
  tick = g_timeout_add (5, view_tick, &c);
  frames_trace = g_getenv ("RK_BENCH_GUI_FRAMES") != NULL;
  if (g_getenv ("RK_BENCH_GUI_STEPS"))
    {
      steps_child = &c;
      steps_min_ms = g_ascii_strtod (g_getenv ("RK_BENCH_GUI_STEPS"), NULL);
      g_main_context_set_poll_func (NULL, traced_poll);
    }
  g_application_run (G_APPLICATION (app), 3, argv);
  g_clear_handle_id (&c.timeout_id, g_source_remove);
  g_source_remove (tick);
  rk_latency_proxy_free (c.proxy);

  if (c.failed || c.first_frame_ms < 0)
    {
      /* How soon the window showed, all the same (a server that never
       * answers: the window shows, the switches and the save do not). */
      if (c.first_frame_ms >= 0)
        g_printerr ("renkei-bench-gui: the first frame came after %.1f ms\n", c.first_frame_ms);
      g_array_unref (c.switch_ms);
      g_array_unref (c.bind_ms);
      g_array_unref (c.data_ms);
      g_array_unref (c.fill_ms);
      for (guint v = 0; v < N_VIEWS; v++)
        g_array_unref (c.view_ms[v]);
      return EXIT_BROKEN;
    }
  getrusage (RUSAGE_SELF, &usage);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "first_frame_ms");
  json_builder_add_double_value (b, c.first_frame_ms);
  add_array (b, "month_switch_ms", c.switch_ms);
  add_array (b, "month_bind_ms", c.bind_ms);
  add_array (b, "month_data_ms", c.data_ms);
  add_array (b, "month_fill_ms", c.fill_ms);
  for (guint v = 0; v < N_VIEWS; v++)
    {
      g_autofree char *name = g_strdup_printf ("view_%s_ms", view_names[v]);

      add_array (b, name, c.view_ms[v]);
    }
  json_builder_set_member_name (b, "stall_ms");
  json_builder_add_double_value (b, c.stall_ms);
  json_builder_set_member_name (b, "away_stall_ms");
  json_builder_add_double_value (b, c.away_stall_ms);
  json_builder_set_member_name (b, "away_ms");
  json_builder_add_double_value (b, c.away_ms);
  json_builder_set_member_name (b, "back_ms");
  json_builder_add_double_value (b, c.back_ms);
  json_builder_set_member_name (b, "typing_stall_ms");
  json_builder_add_double_value (b, c.typing_stall_ms);
  json_builder_set_member_name (b, "save_stall_ms");
  json_builder_add_double_value (b, c.save_stall_ms);
  json_builder_set_member_name (b, "save_ms");
  json_builder_add_double_value (b, c.save_ms);
  json_builder_set_member_name (b, "import_stall_ms");
  json_builder_add_double_value (b, c.import_stall_ms);
  json_builder_set_member_name (b, "import_ms");
  json_builder_add_double_value (b, c.import_ms);
  json_builder_set_member_name (b, "peak_rss_mb");
  json_builder_add_double_value (b, usage.ru_maxrss / 1024.0);
  json_builder_set_member_name (b, "month");
  {
    g_autofree char *month = g_strdup_printf ("%04d-%02d", c.first_year, c.first_month);
    json_builder_add_string_value (b, month);
  }
  json_builder_set_member_name (b, "month_occurrences");
  json_builder_add_int_value (b, c.first_occurrences);
  json_builder_set_member_name (b, "renderer");
  json_builder_add_string_value (b, c.renderer);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);

  g_free (c.renderer);
  if (c.import_dir)
    {
      g_autofree char *file = g_build_filename (c.import_dir, "bench.ics", NULL);

      g_remove (file);
      g_rmdir (c.import_dir);
      g_free (c.import_dir);
    }
  g_array_unref (c.switch_ms);
  g_array_unref (c.bind_ms);
  g_array_unref (c.data_ms);
  g_array_unref (c.fill_ms);
  for (guint v = 0; v < N_VIEWS; v++)
    g_array_unref (c.view_ms[v]);
  return 0;
}

/* ---- floor child: an empty window --------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  gint64     t0;
  double     first_frame_ms;
} Floor;

static void
on_floor_paint (GdkFrameClock *clock,
                Floor         *f)
{
  if (f->first_frame_ms < 0)
    {
      f->first_frame_ms = since_ms (f->t0);
      g_main_loop_quit (f->loop);
    }
}

static void
on_floor_realize (GtkWidget *window,
                  Floor     *f)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_floor_paint), f);
}

/* GTK itself: a window of the same size with a line of Japanese text, so
 * the CJK font is loaded as in the application. */
static int
run_floor_child (void)
{
  const char *t0 = g_getenv ("RK_BENCH_GUI_T0");
  char frame[G_ASCII_DTOSTR_BUF_SIZE], rss[G_ASCII_DTOSTR_BUF_SIZE];
  struct rusage usage;
  GtkWidget *window;
  Floor f = { 0 };

  f.t0 = t0 ? g_ascii_strtoll (t0, NULL, 10) : g_get_monotonic_time ();
  f.first_frame_ms = -1;
  /* The renderer the application itself would get here (cairo and no GL
   * on a machine without a GPU): the floor is measured as the start is. */
  rk_gui_prefer_cairo_without_gpu ();
  if (!gtk_init_check ())
    return EXIT_BROKEN;
  f.loop = g_main_loop_new (NULL, FALSE);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("2030年（令和12年）6月 連携"));
  g_signal_connect (window, "realize", G_CALLBACK (on_floor_realize), &f);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (f.loop);
  getrusage (RUSAGE_SELF, &usage);
  /* JSON numbers whatever the locale's decimal mark. */
  g_ascii_formatd (frame, sizeof frame, "%.3f", f.first_frame_ms);
  g_ascii_formatd (rss, sizeof rss, "%.3f", usage.ru_maxrss / 1024.0);
  g_print ("{\"first_frame_ms\": %s, \"peak_rss_mb\": %s}\n", frame, rss);
  gtk_window_destroy (GTK_WINDOW (window));
  g_main_loop_unref (f.loop);
  return 0;
}

/* ---- parent: the database, the runs, the report ------------------------- */

typedef struct
{
  char    *db_path;            /* NULL: generated into a temporary file */
  gboolean json;
  int      runs;
  int      months;
  int      latency;            /* ms per round trip through the proxy; -1: none */
} Options;

typedef struct
{
  char     *db_path;
  gboolean  temporary;
  gboolean  generated;         /* in this run */
  gboolean  bench_data;        /* the default benchmark municipality */
  double    generate_ms;
  guint     events;
  char     *today;             /* RENKEI_TODAY given to the children, or NULL */
  GArray   *first_frame_ms;    /* double, per run */
  GArray   *switch_ms;         /* double, every switch of every run */
  GArray   *bind_ms;           /* double: of those, the load and bind before the frame */
  GArray   *data_ms;           /* double: rk_month_data_load alone, same months */
  GArray   *fill_ms;           /* double: switch until the month read is shown */
  GArray   *view_ms[4];        /* double, per planning view: its switch and moves */
  double    stall_ms;          /* the longest main-loop stall of any run */
  double    away_stall_ms;     /* --latency: the longest stall with the server away */
  double    typing_stall_ms;   /* the longest stall typing into the editor */
  double    save_stall_ms;     /* … while its save ran */
  double    save_ms;           /* the slowest save, Save to closed */
  double    import_stall_ms;   /* … while 1,000 events were previewed and imported */
  double    import_ms;         /* the slowest import, -1: one not done in time */
  double    away_ms;           /* --latency: server gone until the bar showed */
  double    back_ms;           /* --latency: server back until the bar went */
  double    peak_rss_mb;
  GArray   *floor_frame_ms;    /* double: an empty GTK window's first frame, per run */
  double    floor_rss_mb;
  char     *month;
  guint     month_occurrences;
  char     *renderer;
} Result;

static int
double_compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return -1;
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_append_vals (sorted, values->data, n);
  g_array_sort (sorted, double_compare);
  if (n % 2)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
maximum (GArray *values)
{
  double m = -1;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

/* June of the last fiscal year: the month `renkei-cli bench` measures. */
static char *
bench_today (const RkGenParams *p)
{
  int y;

  rk_day_to_ymd (rk_gen_last_day (p), &y, NULL, NULL);
  return g_strdup_printf ("%04d-06-12", y - 1);
}

/* Opens (and, new or empty, fills) the database; tells whether it is the
 * benchmark municipality, so the window opens on its busy month. */
static gboolean
prepare_database (const Options *o, Result *r, GError **error)
{
  g_autoptr(RkStore) store = NULL;
  g_autoptr(GPtrArray) venues = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(RkSchedule) all = NULL;
  g_autofree char *have = NULL;
  g_autofree char *want = NULL;
  RkGenParams params;

  rk_gen_params_init (&params);
  want = rk_gen_params_to_string (&params);
  if (o->db_path && rk_store_is_server_uri (o->db_path))
    r->db_path = g_strdup (o->db_path);
  else if (o->db_path)
    r->db_path = g_canonicalize_filename (o->db_path, NULL);
  else
    {
      g_autofree char *dir = g_dir_make_tmp ("renkei-bench-gui-XXXXXX", error);

      if (dir == NULL)
        return FALSE;
      r->db_path = g_build_filename (dir, "bench.db", NULL);
      r->temporary = TRUE;
    }

  store = rk_store_open (r->db_path, error);
  if (store == NULL)
    return FALSE;
  venues = rk_store_list_venues (store, error);
  if (venues == NULL)
    return FALSE;
  staff = rk_store_list_staff (store, -1, TRUE, error);
  if (staff == NULL)
    return FALSE;
  all = rk_store_load_all (store, error);
  if (all == NULL)
    return FALSE;
  /* Only an empty file is filled; anything else is measured as it is. */
  if (venues->len == 0 && staff->len == 0 && all->events->len == 0)
    {
      RkGenStats stats = { 0 };
      gint64 t0 = g_get_monotonic_time ();

      if (!rk_generate (store, &params, &stats, error))
        return FALSE;
      r->generate_ms = since_ms (t0);
      r->generated = TRUE;
      r->events = stats.series + stats.one_offs;
      rk_gen_stats_clear (&stats);
    }
  else
    r->events = all->events->len;
  have = rk_store_get_setting (store, "bench_generator");
  r->bench_data = g_strcmp0 (have, want) == 0;
  if (r->bench_data && g_getenv ("RENKEI_TODAY") == NULL)
    r->today = bench_today (&params);
  return TRUE;
}

static char *
self_path (const char *argv0)
{
  char *path = g_file_read_link ("/proc/self/exe", NULL);

  return path ? path : g_canonicalize_filename (argv0, NULL);
}

static void
read_array (JsonObject *obj, const char *name, GArray *out)
{
  JsonArray *a = json_object_get_array_member (obj, name);

  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      double ms = json_array_get_double_element (a, i);
      g_array_append_val (out, ms);
    }
}

/* Starts this program again with args (and the database), timed from
 * now; returns what the child printed, parsed. */
static JsonParser *
spawn_child (const char *exe, const char *mode, const Options *o, Result *r, GError **error)
{
  g_autofree char *months = g_strdup_printf ("%d", o->months);
  g_autofree char *latency = g_strdup_printf ("%d", o->latency);
  char *argv[] = { (char *) exe, (char *) mode, (char *) "--db", r->db_path,
                   (char *) "--months", months, (char *) "--latency", latency, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *t0 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  /* Settings in memory: a benchmark leaves the person's own alone. */
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  /* Uninstalled, the window still finds its settings' defaults. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL &&
      g_file_test (RK_BENCH_SCHEMA_DIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", RK_BENCH_SCHEMA_DIR, TRUE);
  if (r->today)
    envp = g_environ_setenv (envp, "RENKEI_TODAY", r->today, TRUE);
  t0 = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  envp = g_environ_setenv (envp, "RK_BENCH_GUI_T0", t0, TRUE);
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("The application did not start on %s (is there a display? run under "
                     "xvfb-run)"),
                   r->db_path);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, out, -1, error))
    return NULL;
  return g_steal_pointer (&parser);
}

/* One start of the application; its figures go into r. */
static gboolean
run_once (const char *exe, const Options *o, Result *r, GError **error)
{
  g_autoptr(JsonParser) parser = spawn_child (exe, "--child", o, r, error);
  JsonObject *obj;

  if (parser == NULL)
    return FALSE;
  obj = json_node_get_object (json_parser_get_root (parser));
  {
    double ms = json_object_get_double_member (obj, "first_frame_ms");
    g_array_append_val (r->first_frame_ms, ms);
  }
  read_array (obj, "month_switch_ms", r->switch_ms);
  read_array (obj, "month_bind_ms", r->bind_ms);
  read_array (obj, "month_data_ms", r->data_ms);
  read_array (obj, "month_fill_ms", r->fill_ms);
  for (guint v = 0; v < N_VIEWS; v++)
    {
      g_autofree char *name = g_strdup_printf ("view_%s_ms", view_names[v]);

      read_array (obj, name, r->view_ms[v]);
    }
  r->stall_ms = MAX (r->stall_ms, json_object_get_double_member (obj, "stall_ms"));
  r->away_stall_ms = MAX (r->away_stall_ms, json_object_get_double_member (obj, "away_stall_ms"));
  r->away_ms = MAX (r->away_ms, json_object_get_double_member (obj, "away_ms"));
  r->typing_stall_ms = MAX (r->typing_stall_ms,
                            json_object_get_double_member (obj, "typing_stall_ms"));
  r->save_stall_ms = MAX (r->save_stall_ms, json_object_get_double_member (obj, "save_stall_ms"));
  r->save_ms = MAX (r->save_ms, json_object_get_double_member (obj, "save_ms"));
  r->import_stall_ms = MAX (r->import_stall_ms,
                            json_object_get_double_member (obj, "import_stall_ms"));
  {
    double ms = json_object_get_double_member (obj, "import_ms");

    r->import_ms = ms < 0 || r->import_ms < 0 ? -1 : MAX (r->import_ms, ms);
  }
  r->back_ms = MAX (r->back_ms, json_object_get_double_member (obj, "back_ms"));
  r->peak_rss_mb = MAX (r->peak_rss_mb, json_object_get_double_member (obj, "peak_rss_mb"));
  g_free (r->month);
  r->month = g_strdup (json_object_get_string_member (obj, "month"));
  r->month_occurrences = json_object_get_int_member (obj, "month_occurrences");
  g_free (r->renderer);
  r->renderer = g_strdup (json_object_get_string_member (obj, "renderer"));
  return TRUE;
}

/* One start of an empty GTK window, the floor of both figures. */
static gboolean
run_floor (const char *exe, const Options *o, Result *r, GError **error)
{
  g_autoptr(JsonParser) parser = spawn_child (exe, "--floor", o, r, error);
  JsonObject *obj;
  double ms;

  if (parser == NULL)
    return FALSE;
  obj = json_node_get_object (json_parser_get_root (parser));
  ms = json_object_get_double_member (obj, "first_frame_ms");
  g_array_append_val (r->floor_frame_ms, ms);
  r->floor_rss_mb = MAX (r->floor_rss_mb, json_object_get_double_member (obj, "peak_rss_mb"));
  return TRUE;
}

static GPtrArray *
missed_targets (Result *r, int o_latency)
{
  GPtrArray *missed = g_ptr_array_new_with_free_func (g_free);
  double first = median (r->first_frame_ms), sw = median (r->switch_ms);

  if (first > TARGET_FIRST_FRAME_MS)
    g_ptr_array_add (missed, g_strdup_printf (_("start to first frame %.1f ms > %.0f ms"), first,
                                              TARGET_FIRST_FRAME_MS));
  if (sw > TARGET_MONTH_SWITCH_MS)
    g_ptr_array_add (missed, g_strdup_printf (_("month switch %.1f ms > %.0f ms"), sw,
                                              TARGET_MONTH_SWITCH_MS));
  for (guint v = 0; v < N_VIEWS; v++)
    {
      double ms = median (r->view_ms[v]);

      if (ms > TARGET_VIEW_MS)
        g_ptr_array_add (missed, g_strdup_printf (_("%s: switch and move %.1f ms > %.1f ms"),
                                                  _(view_labels[v]), ms, TARGET_VIEW_MS));
    }
  if (o_latency >= 0 && r->away_stall_ms > TARGET_STALL_MS)
    g_ptr_array_add (missed, g_strdup_printf (_("main loop stall with the server away %.1f ms > "
                                                "%.0f ms"), r->away_stall_ms, TARGET_STALL_MS));
  if (r->stall_ms > TARGET_STALL_MS)
    g_ptr_array_add (missed, g_strdup_printf (_("main loop stall %.1f ms > %.0f ms"), r->stall_ms,
                                              TARGET_STALL_MS));
  if (MAX (r->typing_stall_ms, r->save_stall_ms) > TARGET_STALL_MS)
    g_ptr_array_add (missed, g_strdup_printf (_("main loop stall typing and saving %.1f ms > "
                                                "%.0f ms"),
                                              MAX (r->typing_stall_ms, r->save_stall_ms),
                                              TARGET_STALL_MS));
  if (r->import_stall_ms > TARGET_STALL_MS)
    g_ptr_array_add (missed, g_strdup_printf (_("main loop stall importing %.1f ms > %.0f ms"),
                                              r->import_stall_ms, TARGET_STALL_MS));
  if (r->peak_rss_mb > TARGET_RSS_MB)
    g_ptr_array_add (missed, g_strdup_printf (_("peak RSS %.1f MB > %.0f MB"), r->peak_rss_mb,
                                              TARGET_RSS_MB));
  return missed;
}

static void
print_json (const Options *o, Result *r, GPtrArray *missed)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

#define MEMBER_DOUBLE(name, value)                 \
  G_STMT_START {                                   \
    json_builder_set_member_name (b, name);        \
    json_builder_add_double_value (b, value);      \
  } G_STMT_END

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "database");
  if (r->temporary)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, r->db_path);
  json_builder_set_member_name (b, "generated");
  json_builder_add_boolean_value (b, r->generated);
  json_builder_set_member_name (b, "bench_municipality");
  json_builder_add_boolean_value (b, r->bench_data);
  if (r->generated)
    MEMBER_DOUBLE ("generate_ms", r->generate_ms);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, r->events);
  json_builder_set_member_name (b, "month");
  json_builder_add_string_value (b, r->month);
  json_builder_set_member_name (b, "month_occurrences");
  json_builder_add_int_value (b, r->month_occurrences);
  json_builder_set_member_name (b, "renderer");
  json_builder_add_string_value (b, r->renderer);
  json_builder_set_member_name (b, "runs");
  json_builder_add_int_value (b, o->runs);
  json_builder_set_member_name (b, "months");
  json_builder_add_int_value (b, o->months);
  MEMBER_DOUBLE ("first_frame_ms", median (r->first_frame_ms));
  json_builder_set_member_name (b, "first_frame_runs_ms");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->first_frame_ms->len; i++)
    json_builder_add_double_value (b, g_array_index (r->first_frame_ms, double, i));
  json_builder_end_array (b);
  MEMBER_DOUBLE ("month_switch_ms", median (r->switch_ms));
  MEMBER_DOUBLE ("month_switch_max_ms", maximum (r->switch_ms));
  MEMBER_DOUBLE ("month_bind_ms", median (r->bind_ms));
  MEMBER_DOUBLE ("month_data_ms", median (r->data_ms));
  MEMBER_DOUBLE ("month_fill_ms", median (r->fill_ms));
  MEMBER_DOUBLE ("month_fill_max_ms", maximum (r->fill_ms));
  for (guint v = 0; v < N_VIEWS; v++)
    {
      g_autofree char *name = g_strdup_printf ("view_%s_ms", view_names[v]);
      g_autofree char *max = g_strdup_printf ("view_%s_max_ms", view_names[v]);

      if (r->view_ms[v]->len == 0)
        continue;
      MEMBER_DOUBLE (name, median (r->view_ms[v]));
      MEMBER_DOUBLE (max, maximum (r->view_ms[v]));
    }
  MEMBER_DOUBLE ("stall_max_ms", r->stall_ms);
  MEMBER_DOUBLE ("typing_stall_max_ms", r->typing_stall_ms);
  MEMBER_DOUBLE ("save_stall_max_ms", r->save_stall_ms);
  MEMBER_DOUBLE ("save_max_ms", r->save_ms);
  MEMBER_DOUBLE ("import_stall_max_ms", r->import_stall_ms);
  MEMBER_DOUBLE ("import_max_ms", r->import_ms);
  json_builder_set_member_name (b, "latency_ms");
  json_builder_add_int_value (b, o->latency);
  if (o->latency >= 0)
    {
      MEMBER_DOUBLE ("away_stall_max_ms", r->away_stall_ms);
      MEMBER_DOUBLE ("away_shown_ms", r->away_ms);
      MEMBER_DOUBLE ("back_ms", r->back_ms);
    }
  json_builder_set_member_name (b, "month_switches");
  json_builder_add_int_value (b, r->switch_ms->len);
  MEMBER_DOUBLE ("peak_rss_mb", r->peak_rss_mb);
  MEMBER_DOUBLE ("first_frame_floor_ms", median (r->floor_frame_ms));
  MEMBER_DOUBLE ("peak_rss_floor_mb", r->floor_rss_mb);
  json_builder_set_member_name (b, "targets");
  json_builder_begin_object (b);
  MEMBER_DOUBLE ("first_frame_ms", TARGET_FIRST_FRAME_MS);
  MEMBER_DOUBLE ("month_switch_ms", TARGET_MONTH_SWITCH_MS);
  MEMBER_DOUBLE ("view_ms", TARGET_VIEW_MS);
  MEMBER_DOUBLE ("stall_max_ms", TARGET_STALL_MS);
  MEMBER_DOUBLE ("peak_rss_mb", TARGET_RSS_MB);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "targets_met");
  json_builder_add_boolean_value (b, missed->len == 0);
  json_builder_set_member_name (b, "targets_missed");
  json_builder_begin_array (b);
  for (guint i = 0; i < missed->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (missed, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
#undef MEMBER_DOUBLE

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static void
print_row (const char *figure, double value, const char *unit, const char *target, gboolean missed)
{
  /* Figures may be translated: pad by characters, not bytes. */
  glong width = g_utf8_strlen (figure, -1);
  g_autofree char *number = g_strdup_printf ("%.1f %s", value, unit);

  g_print ("%s%*s%12s", figure, (int) MAX (1, 46 - width), "", number);
  if (target)
    g_print ("   %-10s %s", target, missed ? _("MISSED") : _("ok"));
  g_print ("\n");
}

static void
print_table (const Options *o, Result *r, GPtrArray *missed)
{
  double first = median (r->first_frame_ms), sw = median (r->switch_ms);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Renkei desktop benchmark: %d start, %d month switches each\n",
                        "Renkei desktop benchmark: %d starts, %d month switches each\n", o->runs),
           o->runs, o->months);
  if (r->bench_data)
    g_print (_("Database: the benchmark municipality (%u events)%s%s\n"), r->events,
             r->temporary ? _(", temporary") : "", r->generated ? _(", generated for this run") : "");
  else
    g_print (_("Database: %s (%u events)\n"), r->db_path, r->events);
  g_print (_("Opens on %s (%u occurrences in the grid); renderer %s\n\n"), r->month,
           r->month_occurrences, r->renderer);
  if (r->generated)
    print_row (_("generate + insert (not timed below)"), r->generate_ms, _("ms"), NULL, FALSE);
  print_row (_("start to first frame, median"), first, _("ms"), _("≤ 400 ms"),
             first > TARGET_FIRST_FRAME_MS);
  print_row (_("  floor: an empty GTK window"), median (r->floor_frame_ms), _("ms"), NULL, FALSE);
  print_row (_("month switch to next frame, median"), sw, _("ms"), _("≤ 16.7 ms"),
             sw > TARGET_MONTH_SWITCH_MS);
  print_row (_("month switch until filled, median"), median (r->fill_ms), _("ms"), NULL, FALSE);
  {
    for (guint v = 0; v < N_VIEWS; v++)
      if (r->view_ms[v]->len > 0)
        {
          /* TRANSLATORS: a planning view, then what was timed in it */
          g_autofree char *title = g_strdup_printf (_("%s: switch and move, median"),
                                                    _(view_labels[v]));

          print_row (title, median (r->view_ms[v]), _("ms"), _("≤ 16.7 ms"),
                     median (r->view_ms[v]) > TARGET_VIEW_MS);
        }
  }
  print_row (_("longest main loop stall while switching"), r->stall_ms, _("ms"), _("≤ 50 ms"),
             r->stall_ms > TARGET_STALL_MS);
  print_row (_("longest main loop stall typing in the editor"), r->typing_stall_ms, _("ms"),
             _("≤ 50 ms"), r->typing_stall_ms > TARGET_STALL_MS);
  print_row (_("longest main loop stall while it saves"), r->save_stall_ms, _("ms"),
             _("≤ 50 ms"), r->save_stall_ms > TARGET_STALL_MS);
  print_row (_("  Save until the editor closed"), r->save_ms, _("ms"), NULL, FALSE);
  print_row (_("longest main loop stall importing 1,000 events"), r->import_stall_ms, _("ms"),
             _("≤ 50 ms"), r->import_stall_ms > TARGET_STALL_MS);
  if (r->import_ms >= 0)
    print_row (_("  preview and import of 1,000 events"), r->import_ms, _("ms"), NULL, FALSE);
  else
    g_print ("%s\n", _("  preview and import of 1,000 events: not done within two minutes"));
  if (o->latency >= 0)
    {
      g_autofree char *title = g_strdup_printf (_("server %d ms per round trip, then away:"),
                                                o->latency);

      g_print ("%s\n", title);
      print_row (_("  longest main loop stall while away"), r->away_stall_ms, _("ms"),
                 _("≤ 50 ms"), r->away_stall_ms > TARGET_STALL_MS);
      print_row (_("  server gone until the bar shows"), r->away_ms, _("ms"), NULL, FALSE);
      print_row (_("  server back until the bar goes"), r->back_ms, _("ms"), NULL, FALSE);
    }
  print_row (_("  of which load and bind, before the frame"), median (r->bind_ms), _("ms"), NULL,
             FALSE);
  print_row (_("  floor: month data (rk_month_data_load)"), median (r->data_ms), _("ms"),
             NULL, FALSE);
  print_row (_("month switch, slowest"), maximum (r->switch_ms), _("ms"), NULL, FALSE);
  print_row (_("peak RSS"), r->peak_rss_mb, _("MB"), _("≤ 120 MB"),
             r->peak_rss_mb > TARGET_RSS_MB);
  print_row (_("  floor: an empty GTK window"), r->floor_rss_mb, _("MB"), NULL, FALSE);
  if (missed->len)
    {
      g_print (_("Targets missed:\n"));
      for (guint i = 0; i < missed->len; i++)
        g_print ("  %s\n", (char *) g_ptr_array_index (missed, i));
    }
}

static void
remove_temporary (Result *r)
{
  g_autofree char *dir = NULL;
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  if (!r->temporary)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (r->db_path, suffixes[i], NULL);
      g_remove (p);
    }
  dir = g_path_get_dirname (r->db_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missed = NULL;
  g_autofree char *exe = NULL;
  const char *localedir = g_getenv ("RENKEI_LOCALEDIR");
  gboolean child = FALSE, floor = FALSE;
  Options o = { NULL, FALSE, 3, 12, -1 };
  Result r = { 0 };
  int code;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o.db_path,
      N_("Open the database at PATH (new or empty: the benchmark municipality is generated "
         "into it)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print one JSON object"), NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &o.runs, N_("Start the application N times (default 3)"),
      N_("N") },
    { "months", 0, 0, G_OPTION_ARG_INT, &o.months,
      N_("Switch N months back in each start (default 12)"), N_("N") },
    { "latency", 0, 0, G_OPTION_ARG_INT, &o.latency,
      N_("With --db on a server: reach it through a proxy the benchmark starts, MS more per "
         "round trip; then stop the proxy and start it again"), N_("MS") },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &child, NULL, NULL },
    { "floor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &floor, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Times the desktop application: start to first frame, month "
                                  "switching and peak memory, against its targets."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || o.runs < 1 || o.months < 1)
    {
      g_printerr ("renkei-bench-gui: %s\n",
                  error ? error->message : _("--runs and --months must be at least 1"));
      return EXIT_USAGE;
    }
  if (floor)
    return run_floor_child ();
  if (child)
    return o.db_path ? run_child (o.db_path, o.months, o.latency) : EXIT_USAGE;

  r.first_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  r.switch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  r.bind_ms = g_array_new (FALSE, FALSE, sizeof (double));
  r.data_ms = g_array_new (FALSE, FALSE, sizeof (double));
  r.fill_ms = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint v = 0; v < N_VIEWS; v++)
    r.view_ms[v] = g_array_new (FALSE, FALSE, sizeof (double));
  r.floor_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  exe = self_path (argv[0]);
  if (!prepare_database (&o, &r, &error))
    code = EXIT_BROKEN;
  else
    {
      code = 0;
      for (int i = 0; i < o.runs && code == 0; i++)
        if (!run_floor (exe, &o, &r, &error) || !run_once (exe, &o, &r, &error))
          code = EXIT_BROKEN;
    }
  if (code == 0)
    {
      missed = missed_targets (&r, o.latency);
      if (o.json)
        print_json (&o, &r, missed);
      else
        print_table (&o, &r, missed);
      for (guint i = 0; i < missed->len; i++)
        g_printerr (_("renkei-bench-gui: target missed: %s\n"),
                    (char *) g_ptr_array_index (missed, i));
      code = missed->len ? EXIT_MISSED : 0;
    }
  else
    g_printerr ("renkei-bench-gui: %s\n", error->message);

  remove_temporary (&r);
  g_array_unref (r.first_frame_ms);
  g_array_unref (r.switch_ms);
  g_array_unref (r.bind_ms);
  g_array_unref (r.data_ms);
  g_array_unref (r.fill_ms);
  for (guint v = 0; v < N_VIEWS; v++)
    g_array_unref (r.view_ms[v]);
  g_array_unref (r.floor_frame_ms);
  g_free (r.db_path);
  g_free (r.today);
  g_free (r.month);
  g_free (r.renderer);
  g_free (o.db_path);
  return code;
}
