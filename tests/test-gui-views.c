#define G_LOG_DOMAIN "test-gui-views"
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "rk-application.h"
#include "rk-event-chip.h"
#include "rk-gui-util.h"
#include "rk-lanes.h"
#include "rk-month-data.h"
#include "rk-plan-page.h"
#include "rk-resource-view.h"
#include "rk-search-view.h"
#include "rk-search.h"
#include "rk-store-worker.h"
#include "rk-store.h"
#include "rk-time-grid.h"
#include "rk-tooltip.h"
#include "rk-week-view.h"
#include "rk-year-day.h"
#include "rk-year-view.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"

/* The views a coordinator plans with, over a small hand-made hub built
 * with renkei-cli (so the data does not come from the code under test):
 *
 *   venue 1 きた子育てひろば: room 1 プレイルーム, room 2 相談室 (closed on 2027-01-20)
 *   venue 2 みなみ保健センター: room 3 集団指導室
 *   staff 1 佐藤 美咲 (さとう みさき, public health nurse), 2 鈴木 花子 (hub staff),
 *         3 高橋 健 (nutritionist), away 2027-01-19 09:00–12:00
 *   events (January 2027, Monday 18 … Sunday 24 is one week):
 *     1 健康相談 Tue 19 10:00–12:00 room 1, 佐藤 and 鈴木
 *     2 離乳食教室 Tue 19 11:00–12:30 room 1 (double booked with 1), 高橋
 *     3 両親学級 weekly on Sundays 10:00–12:00 room 3 from 2026-12-06, 12 times, 佐藤
 *     4 研修 Wed 20 13:00–16:00 room 3, equipment 1
 *     5 合同研修 all day Thu 21
 */
#define TODAY "2027-01-18"

typedef struct
{
  char      *db;
  RkStore   *store;
  GtkWidget *window;
} Fixture;

static RkDay
day_of (const char *text)
{
  RkDay day = 0;

  g_assert_true (rk_date_parse (text, &day));
  return day;
}

static RkMinute
minute_of (const char *text)
{
  RkMinute t = 0;

  g_assert_true (rk_time_parse (text, &t));
  return t;
}

static void
cli (Fixture *f, ...)
{
  va_list ap;
  g_autofree char *out = NULL, *err = NULL;
  int code;

  va_start (ap, f);
  code = rk_test_cli_va (f->db, TODAY, &out, &err, ap);
  va_end (ap);
  if (code != 0)
    g_error ("renkei-cli failed (%d): %s", code, err);
}

/* The hub is made once with renkei-cli and copied for each case. */
static char *template_db;

static void
make_template (Fixture *f)
{
  f->db = rk_test_file_db_path ();
  cli (f, "init", NULL);
  cli (f, "venue", "add", "--name", "きた子育てひろば", NULL);
  cli (f, "venue", "add", "--name", "みなみ保健センター", NULL);
  cli (f, "venue", "close", "1", "--date", "2027-01-20", "--reason", "施設点検", NULL);
  cli (f, "room", "add", "--venue", "1", "--name", "プレイルーム", "--capacity", "20", NULL);
  cli (f, "room", "add", "--venue", "1", "--name", "相談室", "--capacity", "4", NULL);
  cli (f, "room", "add", "--venue", "2", "--name", "集団指導室", "--capacity", "40", NULL);
  cli (f, "equipment", "add", "--name", "プロジェクター", NULL);
  cli (f, "staff", "add", "--name", "佐藤 美咲", "--kana", "さとう みさき", "--role",
       "public_health_nurse", NULL);
  cli (f, "staff", "add", "--name", "鈴木 花子", "--kana", "すずき はなこ", "--role", "hub_staff",
       NULL);
  cli (f, "staff", "add", "--name", "高橋 健", "--kana", "たかはし けん", "--role", "nutritionist",
       NULL);
  cli (f, "staff", "unavailable", "3", "--from", "2027-01-19T09:00", "--to", "2027-01-19T12:00",
       NULL);
  cli (f, "event", "add", "--title", "健康相談", "--start", "2027-01-19T10:00", "--end",
       "2027-01-19T12:00", "--room", "1", NULL);
  cli (f, "event", "add", "--title", "離乳食教室", "--start", "2027-01-19T11:00", "--end",
       "2027-01-19T12:30", "--room", "1", NULL);
  cli (f, "event", "add", "--title", "両親学級", "--start", "2026-12-06T10:00", "--end",
       "2026-12-06T12:00", "--room", "3", "--repeat", "FREQ=WEEKLY;BYDAY=SU;COUNT=12", NULL);
  cli (f, "event", "add", "--title", "研修", "--start", "2027-01-20T13:00", "--end",
       "2027-01-20T16:00", "--room", "3", "--equipment", "1", NULL);
  cli (f, "event", "add", "--title", "合同研修", "--start", "2027-01-21T00:00", "--end",
       "2027-01-22T00:00", NULL);
  cli (f, "assign", "1", "1", NULL);
  cli (f, "assign", "1", "2", NULL);
  cli (f, "assign", "2", "3", NULL);
  cli (f, "assign", "3", "1", NULL);
  cli (f, "event", "cancel", "3", "--date", "2027-01-10", NULL);
  template_db = g_steal_pointer (&f->db);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  if (template_db == NULL)
    make_template (f);
  f->db = rk_test_file_db_path ();
  g_assert_true (g_file_get_contents (template_db, &bytes, &len, &error));
  g_assert_true (g_file_set_contents (f->db, bytes, len, &error));

  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  f->store = rk_store_open (f->db, &error);
  g_assert_no_error (error);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rk_test_pump (20);
  g_clear_object (&f->store);
  {
    g_autofree char *dir = g_path_get_dirname (f->db);
    rk_test_rm_rf (dir);
  }
  g_free (f->db);
}

static RkMonthData *
load (Fixture *f, const char *first, const char *last)
{
  g_autoptr(GError) error = NULL;
  RkMonthData *data = rk_month_data_load_range (f->store, day_of (first), day_of (last), &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
show (Fixture *f, GtkWidget *view)
{
  gtk_window_set_child (GTK_WINDOW (f->window), view);
  gtk_window_present (GTK_WINDOW (f->window));
  rk_test_pump (150);
}

static graphene_rect_t
bounds_in (GtkWidget *widget, GtkWidget *target)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (widget, target, &r));
  return r;
}

/* ---- lanes -------------------------------------------------------------- */

static void
test_lanes (void)
{
  /* 10–12 and 11–12:30 overlap; 13–14 is alone; 9–18 overlaps 10–12 and
   * 11–12:30, which make three lanes together. */
  RkLaneItem a[] = { { 600, 720 }, { 660, 750 }, { 780, 840 } };
  RkLaneItem b[] = { { 540, 1080 }, { 600, 720 }, { 660, 750 }, { 780, 840 } };

  rk_lanes_assign (a, 3, 1);
  g_assert_cmpuint (a[0].lane, ==, 0);
  g_assert_cmpuint (a[1].lane, ==, 1);
  g_assert_cmpuint (a[0].n_lanes, ==, 2);
  g_assert_cmpuint (a[1].n_lanes, ==, 2);
  g_assert_cmpuint (a[2].lane, ==, 0);
  g_assert_cmpuint (a[2].n_lanes, ==, 1);

  rk_lanes_assign (b, 4, 1);
  g_assert_cmpuint (b[0].n_lanes, ==, 3);
  g_assert_cmpuint (b[1].lane, ==, 1);
  g_assert_cmpuint (b[2].lane, ==, 2);
  /* 13:00 reuses the lane 10–12 left free, within the 9–18 cluster. */
  g_assert_cmpuint (b[3].lane, ==, 1);
  g_assert_cmpuint (b[3].n_lanes, ==, 3);
}

/* ---- search ------------------------------------------------------------- */

static void
test_search_fold (void)
{
  g_autofree char *a = rk_search_fold ("サトウ ミサキ");
  g_autofree char *b = rk_search_fold ("さとうみさき");
  g_autofree char *c = rk_search_fold ("ｻﾄｳﾐｻｷ");
  g_autofree char *d = rk_search_fold ("ＡＢＣ abc");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, b);
  g_assert_cmpstr (d, ==, "abcabc");
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkSchedule *schedule = rk_store_load_all (f->store, &error);
  g_autoptr(GArray) kana = NULL, venue = NULL, two = NULL, none = NULL, all = NULL;

  g_assert_no_error (error);
  /* 佐藤 by kana: her consultation and the eleven held and one cancelled
   * parents' classes, from two years. */
  kana = rk_schedule_search (schedule, "さとう", 1, day_of ("2030-12-31"), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kana->len, ==, 13);
  g_assert_cmpint (rk_minute_day (g_array_index (kana, RkOcc, 0).start), ==, day_of ("2026-12-06"));
  {
    guint cancelled = 0;
    for (guint i = 0; i < kana->len; i++)
      cancelled += g_array_index (kana, RkOcc, i).status == RK_OCC_CANCELLED;
    g_assert_cmpuint (cancelled, ==, 1);
  }
  /* By the venue's name (the room's venue), katakana for hiragana. */
  venue = rk_schedule_search (schedule, "プレイルーム", 1, day_of ("2030-12-31"), 0, &error);
  g_assert_cmpuint (venue->len, ==, 2);
  /* Every word must match: 鈴木 is on the consultation only. */
  two = rk_schedule_search (schedule, "すずき 健康", 1, day_of ("2030-12-31"), 0, &error);
  g_assert_cmpuint (two->len, ==, 1);
  g_assert_cmpstr (rk_sevent_title (g_array_index (two, RkOcc, 0).event), ==, "健康相談");
  none = rk_schedule_search (schedule, "すずき 両親", 1, day_of ("2030-12-31"), 0, &error);
  g_assert_cmpuint (none->len, ==, 0);
  all = rk_schedule_search (schedule, "   ", 1, day_of ("2030-12-31"), 0, &error);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&kana, g_array_unref);
  g_clear_pointer (&venue, g_array_unref);
  g_clear_pointer (&two, g_array_unref);
  rk_schedule_free (schedule);
}

static gboolean
search_read (gpointer view)
{
  return !rk_search_view_is_loading (view);
}

typedef struct
{
  GThread *thread;
  guint    seen;
} Told;

static void
on_worker_told (RkStoreWorker *worker, Told *told)
{
  told->thread = g_thread_self ();
  told->seen++;
}

static gboolean
worker_told (gpointer data)
{
  return ((Told *) data)->seen > 0;
}

/* The worker's news of another program's save reaches its handlers in the
 * main thread, also when it comes while the main loop is not being run
 * (a window being torn down, a test between two iterations): the handlers
 * are the window's and its context's, and they touch widgets. */
static void
test_worker_tells_main_thread (Fixture *f, gconstpointer data)
{
  g_autoptr(RkStoreWorker) worker = rk_store_worker_new (f->db);
  Told told = { NULL, 0 };

  g_signal_connect (worker, "data-changed", G_CALLBACK (on_worker_told), &told);
  rk_test_pump (50);
  /* Another program saves; the main thread does not iterate while the
   * worker sees it (it looks at least every 300 ms). */
  cli (f, "equipment", "add", "--name", "体重計", NULL);
  g_usleep (G_USEC_PER_SEC);
  g_assert_cmpuint (told.seen, ==, 0);
  g_assert_true (rk_test_wait_for (worker_told, &told, 20));
  g_assert_true (told.thread == g_thread_self ());
}

/* A dialog that goes with its window but is held a little longer (a reply
 * from the worker on its way) forgets the window: finalized later, it
 * reached the freed window (the "invalid (NULL) class pointer" abort). */
static void
test_dialog_outlives_parent (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *dialog = gtk_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (parent));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  rk_gui_window_forget_parent (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (parent));
  gtk_window_present (GTK_WINDOW (dialog));
  rk_test_pump (20);
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (parent));
  rk_test_pump (20);
  /* Gone with its parent, and no longer pointing at it. */
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_object_unref (dialog);
}

static void
store_event_id (gint64 *out, gint64 event_id, guint orig_date, guint day)
{
  *out = event_id;
}

static void
test_search_view (Fixture *f, gconstpointer data)
{
  g_autoptr(RkStoreWorker) worker = rk_store_worker_new (f->db);
  GtkWidget *view = rk_search_view_new ();
  gint64 event_id;
  guint orig, day;

  show (f, view);
  rk_search_view_set_worker (RK_SEARCH_VIEW (view), worker);
  rk_search_view_set_query (RK_SEARCH_VIEW (view), "ﾀｶﾊｼ");
  /* The first search reads every event in the worker, and is made then. */
  g_assert_true (rk_search_view_is_loading (RK_SEARCH_VIEW (view)));
  g_assert_cmpuint (rk_search_view_get_n_results (RK_SEARCH_VIEW (view)), ==, 0);
  g_assert_true (rk_test_wait_for (search_read, view, 60));
  rk_test_pump (50);
  g_assert_cmpuint (rk_search_view_get_n_results (RK_SEARCH_VIEW (view)), ==, 1);
  rk_search_view_get_result (RK_SEARCH_VIEW (view), 0, &event_id, &orig, &day);
  g_assert_cmpint (event_id, ==, 2);
  g_assert_cmpuint (day, ==, day_of ("2027-01-19"));
  /* The row says who is on it: the name the kana matched. */
  g_assert_true (rk_test_shows_label (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                        rk_search_view_get_list (RK_SEARCH_VIEW (view)), 0)),
                                      "高橋 健"));
  /* A heading per month: the first row of the parents' classes has one. */
  rk_search_view_set_query (RK_SEARCH_VIEW (view), "両親学級");
  rk_test_pump (50);
  g_assert_cmpuint (rk_search_view_get_n_results (RK_SEARCH_VIEW (view)), ==, 12);
  {
    GtkListBox *list = rk_search_view_get_list (RK_SEARCH_VIEW (view));
    guint headers = 0;

    for (int i = 0; i < 12; i++)
      headers += gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (list, i)) != NULL;
    /* December 2026, January and February 2027. */
    g_assert_cmpuint (headers, ==, 3);
  }
  /* From the entry: Down goes to the first result, Enter opens it. */
  {
    GtkWidget *entry = rk_search_view_get_entry (RK_SEARCH_VIEW (view));
    GtkListBox *list = rk_search_view_get_list (RK_SEARCH_VIEW (view));
    GListModel *controllers = gtk_widget_observe_controllers (entry);
    gboolean handled = FALSE;
    gint64 opened = 0;

    gtk_widget_grab_focus (entry);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c) && !handled)
          g_signal_emit_by_name (c, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
      }
    g_object_unref (controllers);
    g_assert_true (handled);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window))
                   == GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
    g_signal_connect_swapped (view, "occurrence-activated", G_CALLBACK (store_event_id), &opened);
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpint (opened, ==, 3);
  }
}

/* ---- week --------------------------------------------------------------- */

/* The week of Sunday 17 January 2027 shown, laid out. */
static GtkWidget *
show_week (Fixture *f, RkMonthData *md)
{
  GtkWidget *view = rk_week_view_new ();

  show (f, view);
  rk_week_view_set_data (RK_WEEK_VIEW (view), md, day_of ("2027-01-17"));
  rk_test_pump (100);
  return view;
}

static void
test_week_blocks (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view = show_week (f, md);
  GtkWidget *grid, *consult, *weaning, *training;
  graphene_rect_t a, b, c;
  double hh;

  grid = rk_week_view_get_grid (RK_WEEK_VIEW (view));
  hh = rk_week_view_get_hour_height (RK_WEEK_VIEW (view));
  g_assert_cmpfloat (hh, >=, 28);

  consult = rk_week_view_find_block (RK_WEEK_VIEW (view), 1, day_of ("2027-01-19"));
  weaning = rk_week_view_find_block (RK_WEEK_VIEW (view), 2, day_of ("2027-01-19"));
  training = rk_week_view_find_block (RK_WEEK_VIEW (view), 4, day_of ("2027-01-20"));
  g_assert_nonnull (consult);
  g_assert_nonnull (weaning);
  g_assert_nonnull (training);
  a = bounds_in (consult, grid);
  b = bounds_in (weaning, grid);
  c = bounds_in (training, grid);

  /* Heights and tops from the times: 10:00 for two hours, 11:00 for 1.5. */
  g_assert_cmpfloat_with_epsilon (a.origin.y, 10 * hh, 2.5);
  g_assert_cmpfloat_with_epsilon (a.size.height, 2 * hh, 3);
  g_assert_cmpfloat_with_epsilon (b.origin.y, 11 * hh, 2.5);
  g_assert_cmpfloat_with_epsilon (b.size.height, 1.5 * hh, 3);
  /* Overlapping: side by side in Tuesday's column, half as wide. */
  g_assert_cmpfloat (a.origin.x + a.size.width, <=, b.origin.x + 1);
  g_assert_cmpfloat_with_epsilon (a.size.width, b.size.width, 2);
  g_assert_cmpfloat (c.size.width, >, 1.6 * a.size.width);
  /* Wednesday's block is one column to the right of Tuesday's. */
  g_assert_cmpfloat (c.origin.x, >, a.origin.x + a.size.width);

  /* The all-day training is in Thursday's band, not on the grid. */
  g_assert_null (rk_week_view_find_block (RK_WEEK_VIEW (view), 5, day_of ("2027-01-21")));
  {
    GtkWidget *band = rk_week_view_get_allday_box (RK_WEEK_VIEW (view), 4);
    gboolean found = FALSE;

    for (GtkWidget *w = gtk_widget_get_first_child (band); w; w = gtk_widget_get_next_sibling (w))
      if (RK_IS_EVENT_CHIP (w) && rk_event_chip_get_event_id (RK_EVENT_CHIP (w)) == 5)
        found = TRUE;
    g_assert_true (found);
  }
  /* Wednesday's closing (venue 1) is named in its band. */
  {
    GtkWidget *band = rk_week_view_get_allday_box (RK_WEEK_VIEW (view), 3);
    GtkWidget *label = gtk_widget_get_first_child (band);

    g_assert_true (GTK_IS_LABEL (label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "施設点検"));
  }
}

/* A day many places close (a holiday across a municipality) takes one line
 * of the band, not one per place: the hours stay on the window; the names
 * are in the tooltip. */
static void
test_week_many_closed (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = NULL;
  GtkWidget *view = rk_week_view_new ();
  GtkWidget *band, *label;
  const char *tip;

  cli (f, "venue", "close", "1", "--date", "2027-01-22", "--reason", "研修", NULL);
  cli (f, "venue", "close", "2", "--date", "2027-01-22", "--reason", "清掃", NULL);
  md = load (f, "2027-01-17", "2027-01-23");
  show (f, view);
  rk_week_view_set_data (RK_WEEK_VIEW (view), md, day_of ("2027-01-17"));
  rk_test_pump (100);

  band = rk_week_view_get_allday_box (RK_WEEK_VIEW (view), 5);
  label = gtk_widget_get_first_child (band);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Closed: 2 places");
  g_assert_null (strchr (gtk_label_get_text (GTK_LABEL (label)), '\n'));
  tip = rk_tooltip_get_text (label);
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "きた子育てひろば (研修)"));
  g_assert_nonnull (strstr (tip, "みなみ保健センター (清掃)"));
  /* Wednesday, one place: still named in the band itself. */
  label = gtk_widget_get_first_child (rk_week_view_get_allday_box (RK_WEEK_VIEW (view), 3));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "施設点検"));
  g_assert_nonnull (strstr (rk_tooltip_get_text (label), "施設点検"));

  /* The band's labels and chips are kept from week to week: a week
   * without closings shows none, and this week again says the same. */
  {
    g_autoptr(RkMonthData) next = load (f, "2027-01-24", "2027-01-30");

    rk_week_view_set_data (RK_WEEK_VIEW (view), next, day_of ("2027-01-24"));
    rk_test_pump (50);
    for (guint i = 0; i < 7; i++)
      for (GtkWidget *w = gtk_widget_get_first_child (rk_week_view_get_allday_box (RK_WEEK_VIEW (view), i));
           w; w = gtk_widget_get_next_sibling (w))
        g_assert_false (GTK_IS_LABEL (w));
  }
  rk_week_view_set_data (RK_WEEK_VIEW (view), md, day_of ("2027-01-17"));
  rk_test_pump (50);
  label = gtk_widget_get_first_child (rk_week_view_get_allday_box (RK_WEEK_VIEW (view), 5));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Closed: 2 places");
  tip = rk_tooltip_get_text (label);
  g_assert_nonnull (strstr (tip, "きた子育てひろば (研修)"));
  g_assert_nonnull (strstr (tip, "みなみ保健センター (清掃)"));
  label = gtk_widget_get_first_child (rk_week_view_get_allday_box (RK_WEEK_VIEW (view), 3));
  g_assert_nonnull (strstr (rk_tooltip_get_text (label), "施設点検"));
  g_assert_null (strstr (rk_tooltip_get_text (label), "研修"));
}

static RkMinute retimed_start, retimed_end;
static gint64 retimed_event;
static RkMinute created_start, created_end;

static void
retime_action (GtkWidget *widget, const char *name, GVariant *param)
{
  guint32 orig;

  g_variant_get (param, "(xuxx)", &retimed_event, &orig, &retimed_start, &retimed_end);
}

static void
new_event_at_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_variant_get (param, "(xx)", &created_start, &created_end);
}

/* A window class that answers the views' actions as RkWindow does, to see
 * what a gesture asks for. */
#define TEST_TYPE_WINDOW (test_window_get_type ())
G_DECLARE_FINAL_TYPE (TestWindow, test_window, TEST, WINDOW, GtkWindow)
struct _TestWindow { GtkWindow parent_instance; };
G_DEFINE_FINAL_TYPE (TestWindow, test_window, GTK_TYPE_WINDOW)
static gint64 room_event;
static gint64 room_target;
static void
room_action (GtkWidget *widget, const char *name, GVariant *param)
{
  guint32 orig;
  g_variant_get (param, "(xux)", &room_event, &orig, &room_target);
}
static void
test_window_class_init (TestWindowClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_install_action (wc, "win.retime-occurrence", "(xuxx)", retime_action);
  gtk_widget_class_install_action (wc, "win.new-event-at", "(xx)", new_event_at_action);
  gtk_widget_class_install_action (wc, "win.move-occurrence-room", "(xux)", room_action);
}
static void test_window_init (TestWindow *self) {}

static void
use_test_window (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = g_object_new (TEST_TYPE_WINDOW, "default-width", 1200, "default-height", 800, NULL);
}

static void
test_week_keyboard_move (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view, *block;
  GtkEventController *key = NULL;

  use_test_window (f);
  view = rk_week_view_new ();
  show (f, view);
  rk_week_view_set_data (RK_WEEK_VIEW (view), md, day_of ("2027-01-17"));
  rk_test_pump (50);
  block = rk_week_view_find_block (RK_WEEK_VIEW (view), 4, day_of ("2027-01-20"));
  gtk_widget_grab_focus (block);
  /* Alt+Down: a quarter of an hour later, the length kept. */
  {
    GListModel *controllers = gtk_widget_observe_controllers (rk_week_view_get_grid (RK_WEEK_VIEW (view)));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          key = GTK_EVENT_CONTROLLER (c);
      }
    g_object_unref (controllers);
  }
  g_assert_nonnull (key);
  retimed_event = 0;
  {
    gboolean handled = FALSE;
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Down, 0, GDK_ALT_MASK, &handled);
    g_assert_true (handled);
  }
  g_assert_cmpint (retimed_event, ==, 4);
  g_assert_cmpint (retimed_start, ==, minute_of ("2027-01-20T13:15"));
  g_assert_cmpint (retimed_end, ==, minute_of ("2027-01-20T16:15"));
  {
    gboolean handled = FALSE;
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Left, 0, GDK_ALT_MASK, &handled);
    g_assert_true (handled);
  }
  g_assert_cmpint (retimed_start, ==, minute_of ("2027-01-19T13:00"));
}

/* 07:00 stays at the top when the window's height changes; tabbing from
 * the day headings into the week reaches the first block with
 * 07:00–21:00 still in view (the grid itself focused scrolled to 00:00), and
 * the line of now is at the clock of the database's zone (RENKEI_TODAY pins
 * it to the day's last minute), not the machine's. */
static void
test_week_focus_keeps_hours (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view = show_week (f, md);
  GtkWidget *grid, *focus = NULL;
  GtkAdjustment *vadj;
  double hh;

  grid = rk_week_view_get_grid (RK_WEEK_VIEW (view));
  hh = rk_week_view_get_hour_height (RK_WEEK_VIEW (view));
  vadj = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), 7 * hh, 2);
  /* A smaller window: smaller hours, 07:00 still at the top. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 560);
  rk_test_pump (150);
  g_assert_cmpfloat (rk_week_view_get_hour_height (RK_WEEK_VIEW (view)), <, hh);
  hh = rk_week_view_get_hour_height (RK_WEEK_VIEW (view));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), 7 * hh, 2);

  rk_week_view_select_day (RK_WEEK_VIEW (view), day_of ("2027-01-17"));
  for (int i = 0; i < 20; i++)
    {
      g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (focus && gtk_widget_is_ancestor (focus, grid))
        break;
    }
  g_assert_true (RK_IS_EVENT_CHIP (focus));
  g_assert_true (gtk_widget_get_parent (focus) == grid);
  rk_test_pump (50);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), 7 * hh, 2);

  g_assert_cmpint (rk_time_grid_get_now (RK_TIME_GRID (grid)), ==, 23 * 60 + 59);
}

static void
test_week_minute_at (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view = rk_week_view_new ();
  RkTimeGrid *grid;
  RkMinute t;
  double hh, cw;

  show (f, view);
  rk_week_view_set_data (RK_WEEK_VIEW (view), md, day_of ("2027-01-17"));
  rk_test_pump (50);
  grid = RK_TIME_GRID (rk_week_view_get_grid (RK_WEEK_VIEW (view)));
  hh = rk_time_grid_get_hour_height (grid);
  cw = (gtk_widget_get_width (GTK_WIDGET (grid)) - RK_TIME_GRID_GUTTER) / 7.0;
  /* Thursday's column, 14:20 snaps to 14:15. */
  g_assert_true (rk_time_grid_minute_at (grid, RK_TIME_GRID_GUTTER + 4.5 * cw,
                                         (14 + 20 / 60.0) * hh, &t));
  g_assert_cmpint (t, ==, minute_of ("2027-01-21T14:15"));
  g_assert_false (rk_time_grid_minute_at (grid, 10, 10, &t));
}

/* ---- day by place and by person ----------------------------------------- */

static int
row_of (RkResourceView *view, RkResourceRowKind kind, gint64 id)
{
  for (guint i = 0; i < rk_resource_view_get_n_rows (view); i++)
    {
      gint64 rid;
      if (rk_resource_view_get_row (view, i, &rid, NULL) == kind && rid == id)
        return (int) i;
    }
  return -1;
}

static void
test_rooms_day (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view = rk_resource_view_new (RK_RESOURCE_ROOMS);
  RkResourceView *rv = RK_RESOURCE_VIEW (view);
  GtkWidget *consult, *weaning;
  const char *label;
  gint64 id;

  show (f, view);
  rk_resource_view_set_data (rv, md, day_of ("2027-01-19"), 1);
  rk_test_pump (100);

  /* Grouped by venue: the hub's heading, its two rooms, the centre's. */
  g_assert_cmpint (rk_resource_view_get_row (rv, 0, &id, &label), ==, RK_RESOURCE_ROW_GROUP);
  g_assert_cmpstr (label, ==, "きた子育てひろば");
  g_assert_cmpint (row_of (rv, RK_RESOURCE_ROW_ROOM, 1), >, 0);
  g_assert_cmpint (row_of (rv, RK_RESOURCE_ROW_ROOM, 3), >, row_of (rv, RK_RESOURCE_ROW_ROOM, 2));
  g_assert_cmpint (row_of (rv, RK_RESOURCE_ROW_EQUIPMENT, 1), >, row_of (rv, RK_RESOURCE_ROW_ROOM, 3));

  consult = rk_resource_view_find_block (rv, RK_RESOURCE_ROW_ROOM, 1, 1, day_of ("2027-01-19"));
  weaning = rk_resource_view_find_block (rv, RK_RESOURCE_ROW_ROOM, 1, 2, day_of ("2027-01-19"));
  g_assert_nonnull (consult);
  g_assert_nonnull (weaning);
  /* The double booking in the playroom is marked on both. */
  g_assert_true (gtk_widget_has_css_class (consult, "clash"));
  g_assert_true (gtk_widget_has_css_class (weaning, "clash"));
  g_assert_cmpint (rk_resource_view_block_row (rv, consult), ==, row_of (rv, RK_RESOURCE_ROW_ROOM, 1));
  {
    graphene_rect_t a = bounds_in (consult, rk_resource_view_get_grid (rv));
    graphene_rect_t b = bounds_in (weaning, rk_resource_view_get_grid (rv));

    /* Stacked in the row, the later one starting further right. */
    g_assert_cmpfloat (b.origin.y, >, a.origin.y);
    g_assert_cmpfloat (b.origin.x, >, a.origin.x);
    /* Two hours against one and a half. */
    g_assert_cmpfloat_with_epsilon (a.size.width / b.size.width, 2.0 / 1.5, 0.1);
  }
  /* The Wednesday training is not on Tuesday's board. */
  g_assert_null (rk_resource_view_find_block (rv, RK_RESOURCE_ROW_ROOM, 3, 4, day_of ("2027-01-20")));

  /* A week, compact: Wednesday's training in room 3 and as equipment. */
  rk_resource_view_set_data (rv, md, day_of ("2027-01-17"), 7);
  rk_test_pump (50);
  g_assert_nonnull (rk_resource_view_find_block (rv, RK_RESOURCE_ROW_ROOM, 3, 4, day_of ("2027-01-20")));
  g_assert_nonnull (rk_resource_view_find_block (rv, RK_RESOURCE_ROW_EQUIPMENT, 1, 4,
                                                 day_of ("2027-01-20")));
  g_assert_false (gtk_widget_has_css_class (
    rk_resource_view_find_block (rv, RK_RESOURCE_ROW_ROOM, 3, 4, day_of ("2027-01-20")), "clash"));

  /* One venue only. */
  rk_resource_view_set_venue (rv, 2);
  g_assert_cmpint (row_of (rv, RK_RESOURCE_ROW_ROOM, 1), ==, -1);
  g_assert_cmpint (row_of (rv, RK_RESOURCE_ROW_ROOM, 3), >=, 0);
}

static void
test_people_day (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view = rk_resource_view_new (RK_RESOURCE_STAFF);
  RkResourceView *rv = RK_RESOURCE_VIEW (view);
  GtkWidget *b;
  int groups = 0;

  show (f, view);
  rk_resource_view_set_data (rv, md, day_of ("2027-01-19"), 1);
  rk_test_pump (50);
  for (guint i = 0; i < rk_resource_view_get_n_rows (rv); i++)
    groups += rk_resource_view_get_row (rv, i, NULL, NULL) == RK_RESOURCE_ROW_GROUP;
  /* Three roles, three people. */
  g_assert_cmpint (groups, ==, 3);
  g_assert_cmpuint (rk_resource_view_get_n_rows (rv), ==, 6);
  g_assert_nonnull (rk_resource_view_find_block (rv, RK_RESOURCE_ROW_STAFF, 1, 1, day_of ("2027-01-19")));
  g_assert_nonnull (rk_resource_view_find_block (rv, RK_RESOURCE_ROW_STAFF, 2, 1, day_of ("2027-01-19")));
  b = rk_resource_view_find_block (rv, RK_RESOURCE_ROW_STAFF, 3, 2, day_of ("2027-01-19"));
  g_assert_nonnull (b);
  g_assert_false (gtk_widget_has_css_class (b, "clash"));
  g_assert_null (rk_resource_view_find_block (rv, RK_RESOURCE_ROW_STAFF, 3, 1, day_of ("2027-01-19")));
}

static void
test_rooms_drop (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2027-01-17", "2027-01-23");
  GtkWidget *view;
  RkResourceView *rv;
  GtkDropTarget *drop = NULL;
  GValue value = G_VALUE_INIT;
  gboolean ok = FALSE;

  use_test_window (f);
  view = rk_resource_view_new (RK_RESOURCE_ROOMS);
  rv = RK_RESOURCE_VIEW (view);
  show (f, view);
  rk_resource_view_set_data (rv, md, day_of ("2027-01-19"), 1);
  rk_test_pump (50);
  {
    GListModel *controllers = gtk_widget_observe_controllers (rk_resource_view_get_grid (rv));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        if (GTK_IS_DROP_TARGET (c))
          drop = GTK_DROP_TARGET (c);
      }
    g_object_unref (controllers);
  }
  g_assert_nonnull (drop);
  g_value_init (&value, G_TYPE_STRING);
  {
    g_autofree char *payload = g_strdup_printf ("2:%u", day_of ("2027-01-19"));
    g_value_set_string (&value, payload);
  }
  room_event = 0;
  g_signal_emit_by_name (drop, "drop", &value, 400.0,
                         rk_resource_view_row_y (rv, row_of (rv, RK_RESOURCE_ROW_ROOM, 2)), &ok);
  g_assert_true (ok);
  g_assert_cmpint (room_event, ==, 2);
  g_assert_cmpint (room_target, ==, 2);
  /* Onto a venue's heading: nothing is asked. */
  room_event = 0;
  g_signal_emit_by_name (drop, "drop", &value, 400.0, rk_resource_view_row_y (rv, 0), &ok);
  g_assert_false (ok);
  g_assert_cmpint (room_event, ==, 0);
  g_value_unset (&value);
}

/* ---- year --------------------------------------------------------------- */

static void
test_year (Fixture *f, gconstpointer data)
{
  /* 令和8年度: April 2026 to March 2027. */
  g_autoptr(RkMonthData) md = load (f, "2026-04-01", "2027-03-31");
  GtkWidget *view = rk_year_view_new ();
  GtkWidget *cell;
  const char *name = NULL;

  show (f, view);
  rk_year_view_set_data (RK_YEAR_VIEW (view), md, 2026, 4);
  rk_test_pump (50);

  /* Parents' classes are event 3 without a program: counted under
   * "without a program" (id 0) with the other program-less events:
   * December 4 Sundays, January 5 − 1 cancelled + consult, weaning,
   * training, all-day, February 3. */
  g_assert_cmpint (rk_year_view_get_count (RK_YEAR_VIEW (view), 0, 8), ==, 4);
  g_assert_cmpint (rk_year_view_get_count (RK_YEAR_VIEW (view), 0, 9), ==, 8);
  g_assert_cmpint (rk_year_view_get_count (RK_YEAR_VIEW (view), 0, 10), ==, 3);
  g_assert_cmpint (rk_year_view_get_count (RK_YEAR_VIEW (view), 0, 0), ==, 0);

  /* Busy days are darker: Tuesday the 19th holds two. */
  g_assert_cmpint (rk_year_view_get_level (RK_YEAR_VIEW (view), day_of ("2027-01-19")), >,
                   rk_year_view_get_level (RK_YEAR_VIEW (view), day_of ("2027-01-24")));
  g_assert_cmpint (rk_year_view_get_level (RK_YEAR_VIEW (view), day_of ("2027-01-18")), ==, 0);

  /* Holidays marked: 成人の日 2027-01-11; the day reads its holiday. */
  cell = rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-01-11"));
  g_assert_nonnull (cell);
  g_assert_true (rk_year_day_get_flags (RK_YEAR_DAY (cell)) & RK_YEAR_DAY_HOLIDAY);
  g_assert_cmpstr (rk_year_day_get_text (RK_YEAR_DAY (cell)), ==, "11");
  g_assert_true (gtk_widget_get_focusable (cell));
  (void) name;
  g_assert_null (rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-04-01")));
  /* The double booking on the 19th is a problem day, drawn at its level. */
  cell = rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-01-19"));
  g_assert_true (rk_year_day_get_flags (RK_YEAR_DAY (cell)) & RK_YEAR_DAY_PROBLEM);
  g_assert_cmpint (rk_year_day_get_level (RK_YEAR_DAY (cell)), ==,
                   rk_year_view_get_level (RK_YEAR_VIEW (view), day_of ("2027-01-19")));
  g_assert_false (rk_year_day_get_flags (
    RK_YEAR_DAY (rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-01-18"))))
    & RK_YEAR_DAY_PROBLEM);
}

static gboolean
year_described (gpointer data)
{
  RkYearView *view = data;
  static const char * const days[][2] = {
    { "2026-04-01", "1 Apr 2026" }, { "2027-01-19", "19 Jan 2027" }, { "2027-03-31", "31 Mar 2027" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      const char *text = rk_tooltip_get_text (rk_year_view_get_day_cell (view, day_of (days[i][0])));

      if (text == NULL || strstr (text, days[i][1]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* What a screen reader says for each day of the year is made after the
 * frame that shows it, a few months per main-loop step, with nobody
 * asking; a year bound while the last one is being described is
 * described for itself. */
static void
test_year_described (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2026-04-01", "2027-03-31");
  g_autoptr(RkMonthData) next = load (f, "2027-04-01", "2028-03-31");
  GtkWidget *view = rk_year_view_new ();
  const char *text;

  show (f, view);
  rk_year_view_set_data (RK_YEAR_VIEW (view), md, 2026, 4);
  g_assert_true (rk_test_wait_for (year_described, view, 60));
  text = rk_tooltip_get_text (rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-01-19")));
  g_assert_nonnull (strstr (text, "has problems"));

  rk_year_view_set_data (RK_YEAR_VIEW (view), next, 2027, 4);
  rk_test_pump (20);
  rk_year_view_set_data (RK_YEAR_VIEW (view), md, 2026, 4);
  g_assert_true (rk_test_wait_for (year_described, view, 60));
  text = rk_tooltip_get_text (rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-01-19")));
  g_assert_nonnull (strstr (text, "has problems"));
  text = rk_tooltip_get_text (rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-01-18")));
  g_assert_nonnull (strstr (text, "18 Jan 2027"));
  g_assert_null (strstr (text, "has problems"));
}

static guint activated_day;

static void
on_day_activated (GtkWidget *view, guint day, gpointer user_data)
{
  activated_day = day;
}

static void
test_year_click (Fixture *f, gconstpointer data)
{
  g_autoptr(RkMonthData) md = load (f, "2026-04-01", "2027-03-31");
  GtkWidget *view = rk_year_view_new ();

  show (f, view);
  rk_year_view_set_data (RK_YEAR_VIEW (view), md, 2026, 4);
  g_signal_connect (view, "day-activated", G_CALLBACK (on_day_activated), NULL);
  activated_day = 0;
  g_signal_emit_by_name (rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-02-14")),
                         "clicked");
  g_assert_cmpuint (activated_day, ==, day_of ("2027-02-14"));

  /* Each day is its own focus stop, placed over the day the month draws:
   * the arrows go to the next day and to the same weekday a week on. */
  {
    GtkWidget *d14 = rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-02-14"));
    GtkWidget *d15 = rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-02-15"));
    GtkWidget *d21 = rk_year_view_get_day_cell (RK_YEAR_VIEW (view), day_of ("2027-02-21"));
    graphene_rect_t r14 = bounds_in (d14, view), r15 = bounds_in (d15, view);
    graphene_rect_t r21 = bounds_in (d21, view);

    g_assert_cmpfloat (r14.size.width, >=, 20);
    g_assert_cmpfloat (r14.size.height, >=, 18);
    g_assert_cmpfloat (r15.origin.x, >, r14.origin.x);
    g_assert_cmpfloat (r15.origin.y, ==, r14.origin.y);
    g_assert_cmpfloat (r21.origin.x, ==, r14.origin.x);
    g_assert_cmpfloat (r21.origin.y, >, r14.origin.y);
    g_assert_true (gtk_widget_grab_focus (d14));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_RIGHT));
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == d15);
    g_assert_true (gtk_widget_grab_focus (d14));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_DOWN));
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == d21);
    /* The days outside the month are no stops. */
    g_assert_false (gtk_widget_get_focusable (
      GTK_WIDGET (rk_year_month_get_day (RK_YEAR_MONTH (gtk_widget_get_parent (d14)), 0))));
  }
}


/* ---- the planning page: navigation, saves through the core, refresh ------ */

static JsonObject *
listed (Fixture *f, gint64 event_id, const char *date)
{
  g_autofree char *out = rk_test_cli_ok (f->db, TODAY, "event", "list", "--from", date, "--to",
                                         date, "--json", NULL);
  JsonNode *root = rk_test_json (out);
  JsonArray *array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (json_object_get_int_member (o, "event_id") == event_id)
        {
          JsonObject *copy = json_object_ref (o);
          json_node_unref (root);
          return copy;
        }
    }
  json_node_unref (root);
  return NULL;
}

/* Until the page's month or year has arrived from the store worker (a
 * minute at most: a year read under ASan beside another test is slow). */
static void
wait_plan (RkPlanPage *plan)
{
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  /* Settled: still not loading after a few beats of the main loop (a
   * change saved just before may announce itself late and read again). */
  do
    {
      while (rk_plan_page_is_loading (plan) && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (rk_plan_page_is_loading (plan));
      rk_test_pump (20);
    }
  while (rk_plan_page_is_loading (plan));
}

static void
test_plan_page (Fixture *f, gconstpointer data)
{
  g_autoptr(RkContext) context = rk_context_new (f->store);
  g_autoptr(GError) error = NULL;
  GtkWidget *page = rk_plan_page_new (context);
  RkPlanPage *plan = RK_PLAN_PAGE (page);
  GtkWidget *week;
  JsonObject *o;

  show (f, page);
  wait_plan (plan);
  /* Another month is read by the store worker, not on the main thread;
   * the week's title is there at once. */
  rk_plan_page_show_day (plan, day_of ("2027-03-10"), "week");
  g_assert_nonnull (strstr (rk_plan_page_get_title (plan), "7 Mar 2027"));
  rk_plan_page_show_day (plan, day_of ("2027-01-19"), "week");
  g_assert_true (rk_plan_page_is_loading (plan));
  g_assert_nonnull (strstr (rk_plan_page_get_title (plan), "17 Jan 2027"));
  wait_plan (plan);
  rk_plan_page_go (plan, 1);
  g_assert_nonnull (strstr (rk_plan_page_get_title (plan), "24 Jan 2027"));
  rk_plan_page_go (plan, -1);
  wait_plan (plan);
  week = rk_plan_page_get_child (plan, "week");
  g_assert_nonnull (rk_week_view_find_block (RK_WEEK_VIEW (week), 4, day_of ("2027-01-20")));

  /* A one-off event to 14:00–17:00: stored, and the grid follows. */
  g_assert_true (rk_test_retime (plan, 4, day_of ("2027-01-20"),
                                      minute_of ("2027-01-20T14:00"),
                                      minute_of ("2027-01-20T17:00"), FALSE, &error));
  g_assert_no_error (error);
  o = listed (f, 4, "2027-01-20");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-01-20T14:00");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2027-01-20T17:00");
  json_object_unref (o);
  /* Read again (the context's change arrives from an idle), then shown. */
  rk_test_pump (50);
  wait_plan (plan);
  {
    GtkWidget *b = rk_week_view_find_block (RK_WEEK_VIEW (week), 4, day_of ("2027-01-20"));
    double hh = rk_week_view_get_hour_height (RK_WEEK_VIEW (week));

    g_assert_nonnull (b);
    g_assert_cmpfloat_with_epsilon (bounds_in (b, rk_week_view_get_grid (RK_WEEK_VIEW (week))).origin.y,
                                    14 * hh, 2.5);
  }

  /* One Sunday of the series to 13:00: that date only. */
  g_assert_true (rk_test_retime (plan, 3, day_of ("2027-01-17"),
                                      minute_of ("2027-01-17T13:00"),
                                      minute_of ("2027-01-17T15:00"), FALSE, &error));
  g_assert_no_error (error);
  o = listed (f, 3, "2027-01-17");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-01-17T13:00");
  json_object_unref (o);
  o = listed (f, 3, "2027-01-24");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-01-24T10:00");
  json_object_unref (o);
  /* Undone in one step. */
  g_assert_true (rk_undo_stack_undo (rk_context_get_undo (context), &error));
  g_assert_no_error (error);
  o = listed (f, 3, "2027-01-17");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-01-17T10:00");
  json_object_unref (o);

  /* The whole series at a new time of day. */
  g_assert_true (rk_test_retime (plan, 3, day_of ("2027-01-17"),
                                      minute_of ("2027-01-17T09:30"),
                                      minute_of ("2027-01-17T11:30"), TRUE, &error));
  g_assert_no_error (error);
  o = listed (f, 3, "2027-02-07");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2027-02-07T09:30");
  json_object_unref (o);

  /* The weaning class to the consultation room: no double booking left. */
  g_assert_true (rk_test_set_room (plan, 2, day_of ("2027-01-19"), 2, TRUE, &error));
  g_assert_no_error (error);
  o = listed (f, 2, "2027-01-19");
  g_assert_cmpint (json_object_get_int_member (o, "room_id"), ==, 2);
  json_object_unref (o);

  /* The views the page offers; an unknown one is the week. */
  rk_plan_page_set_view (plan, "year");
  g_assert_nonnull (strstr (rk_plan_page_get_title (plan), "2026"));
  wait_plan (plan);
  g_assert_false (rk_plan_page_is_loading (plan));
  rk_plan_page_set_view (plan, "nonsense");
  g_assert_cmpstr (rk_plan_page_get_view (plan), ==, "week");

  /* The search shows no dates: an arrow steps the view it was started
   * from and shows it again; Today too. */
  rk_plan_page_show_day (plan, day_of ("2027-01-19"), "people");
  rk_plan_page_start_search (plan);
  g_assert_cmpstr (rk_plan_page_get_view (plan), ==, "search");
  rk_plan_page_go (plan, 1);
  g_assert_cmpstr (rk_plan_page_get_view (plan), ==, "people");
  g_assert_cmpuint (rk_plan_page_get_day (plan), ==, day_of ("2027-01-20"));
  rk_plan_page_start_search (plan);
  rk_plan_page_go (plan, 0);
  g_assert_cmpstr (rk_plan_page_get_view (plan), ==, "people");
  g_assert_cmpuint (rk_plan_page_get_day (plan), ==, rk_context_get_today (context));
  wait_plan (plan);
}

static gboolean
fatal_filter (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  return !(message && strstr (message, "session bus"));
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RK_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  rk_test_init (&argc, &argv);
  g_test_log_set_fatal_handler (fatal_filter, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
  rk_gui_init ();

  g_test_add_func ("/views/lanes", test_lanes);
  g_test_add_func ("/views/search-fold", test_search_fold);
  g_test_add_func ("/views/dialog-outlives-parent", test_dialog_outlives_parent);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/views/search", test_search);
  ADD ("/views/search-view", test_search_view);
  ADD ("/views/worker-tells-main-thread", test_worker_tells_main_thread);
  ADD ("/views/week-blocks", test_week_blocks);
  ADD ("/views/week-many-closed", test_week_many_closed);
  ADD ("/views/week-keyboard-move", test_week_keyboard_move);
  ADD ("/views/week-focus-keeps-hours", test_week_focus_keeps_hours);
  ADD ("/views/week-minute-at", test_week_minute_at);
  ADD ("/views/rooms-day", test_rooms_day);
  ADD ("/views/people-day", test_people_day);
  ADD ("/views/rooms-drop", test_rooms_drop);
  ADD ("/views/year", test_year);
  ADD ("/views/year-described", test_year_described);
  ADD ("/views/year-click", test_year_click);
  ADD ("/views/plan-page", test_plan_page);
  {
    int status = g_test_run ();

    if (template_db)
      {
        g_autofree char *dir = g_path_get_dirname (template_db);
        rk_test_rm_rf (dir);
      }
    return status;
  }
}
