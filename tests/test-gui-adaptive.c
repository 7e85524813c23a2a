#define G_LOG_DOMAIN "test-gui-adaptive"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rk-application.h"
#include "rk-day-cell.h"
#include "rk-event-chip.h"
#include "rk-month-view.h"
#include "rk-preferences-dialog.h"
#include "rk-store.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"
#include "rk-tooltip.h"
#include "rk-window.h"

/* The window on a small screen: run under Xvfb at 1024×600. */
#define TODAY "2026-12-01"

typedef struct
{
  char     *dir;
  char     *path;
  RkStore  *store;
  RkWindow *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-adaptive-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "renkei.db", NULL);
  f->store = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  if (data == NULL)
    rk_test_fill_demo (f->store, TODAY);
  f->window = rk_window_new (NULL, f->store);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  rk_test_pump (300);  /* The month of today, read by the worker. */
  rk_test_wait_month (f->window);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->window);
  rk_test_pump (50);
  g_clear_object (&f->store);
  rk_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GtkWidget *
find_type (GtkWidget *widget, GType type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_type (c, type)))
        return found;
    }
  return NULL;
}

static void
screen_size (int *width, int *height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;

  gdk_monitor_get_geometry (monitor, &area);
  *width = area.width;
  *height = area.height;
}

/* The whole window, on every page, fits a 1024×600 screen: nothing it
 * needs is off-screen, and it can be made smaller still. */
static void
test_fits_small_screen (Fixture *f, gconstpointer data)
{
  static const char *pages[] = { "month", "agenda", "staff", "places", "equipment", "programs" };
  int sw, sh;

  screen_size (&sw, &sh);
  g_assert_cmpint (sw, <=, 1024);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, sw);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), <=, sh);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-%s", pages[i]);
      int min_w, min_h;

      gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL);
      rk_test_pump (100);
      g_assert_true (gtk_widget_get_mapped (rk_window_get_page (f->window, pages[i])));
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL,
                          NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL,
                          NULL, NULL);
      g_test_message ("%s: at least %d×%d", pages[i], min_w, min_h);
      g_assert_cmpint (min_w, <=, 1024 - 40);
      g_assert_cmpint (min_h, <=, 600 - 80);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), <=, sh);
    }
}

/* On a narrow window the problems fold over the pages: hidden until asked
 * for, and asking does not change what a wide window does. */
static void
test_problems_fold (Fixture *f, gconstpointer data)
{
  AdwFlap *flap = ADW_FLAP (find_type (GTK_WIDGET (f->window), ADW_TYPE_FLAP));
  gboolean shown_wide;

  g_assert_nonnull (flap);
  g_object_get (f->window, "show-problems", &shown_wide, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 500);
  rk_test_pump (300);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-problems", NULL);
  rk_test_pump (300);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_get_mapped (rk_window_get_problems_panel (f->window)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-problems", NULL);
  rk_test_pump (300);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  {
    gboolean shown;

    g_object_get (f->window, "show-problems", &shown, NULL);
    g_assert_cmpint (shown, ==, shown_wide);
  }
  /* The page switcher moves to the bottom of a narrow window, with a
   * button for each page. */
  {
    GtkWidget *bar = find_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);
    GtkWidget *switcher = find_type (bar, ADW_TYPE_VIEW_SWITCHER);
    guint buttons = 0;

    g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
    g_assert_nonnull (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar)));
    g_assert_true (gtk_widget_get_mapped (switcher));
    for (GtkWidget *c = find_type (switcher, GTK_TYPE_TOGGLE_BUTTON); c;
         c = gtk_widget_get_next_sibling (c))
      buttons += GTK_IS_TOGGLE_BUTTON (c);
    g_assert_cmpuint (buttons, ==, 8);
  }
}

/* A toast replaces the one shown, and quotes names as they are. */
static void
test_toast (Fixture *f, gconstpointer data)
{
  rk_window_show_toast (f->window, "first", FALSE);
  rk_window_show_toast (f->window, "「子育て & 親子」を保存しました", TRUE);
  rk_test_pump (100);
  g_assert_cmpstr (rk_window_get_toast_message (f->window), ==,
                   "「子育て &amp; 親子」を保存しました");
}

static GtkWidget *
cell_for (Fixture *f, const char *date)
{
  GtkWidget *view = rk_window_get_month_view (f->window);
  RkDay day = 0;

  g_assert_true (rk_date_parse (date, &day));
  for (guint i = 0; i < 42; i++)
    {
      GtkWidget *cell = rk_month_view_get_cell (RK_MONTH_VIEW (view), i);

      if (rk_day_cell_get_day (RK_DAY_CELL (cell)) == day)
        return cell;
    }
  g_assert_not_reached ();
}

static RkEventChip *
first_chip (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      RkEventChip *found;

      if (RK_IS_EVENT_CHIP (c) && gtk_widget_get_visible (c))
        return RK_EVENT_CHIP (c);
      if ((found = first_chip (c)))
        return found;
    }
  return NULL;
}

/* An empty day takes the keyboard focus, and the arrows move between days. */
static void
test_day_focus (Fixture *f, gconstpointer data)
{
  GtkWidget *empty = cell_for (f, "2026-12-03");
  GtkWidget *next = cell_for (f, "2026-12-04");

  g_assert_null (first_chip (empty));
  g_assert_true (gtk_widget_get_focusable (empty));
  g_assert_true (gtk_widget_grab_focus (empty));
  g_assert_true (gtk_widget_is_focus (empty));
  /* What the arrow keys do. */
  g_assert_true (gtk_widget_activate_action (rk_window_get_month_view (f->window),
                                             "month.move-focus", "s", "right"));
  g_assert_true (gtk_widget_is_focus (next));
  g_assert_true (gtk_widget_activate_action (rk_window_get_month_view (f->window),
                                             "month.move-focus", "s", "down"));
  g_assert_true (gtk_widget_is_focus (cell_for (f, "2026-12-11")));
}

/* What a screen reader says for a day and for an event. */
static void
test_spoken (Fixture *f, gconstpointer data)
{
  const char *busy = rk_day_cell_get_accessible_text (RK_DAY_CELL (cell_for (f, "2026-12-22")));
  const char *empty = rk_day_cell_get_accessible_text (RK_DAY_CELL (cell_for (f, "2026-12-03")));
  const char *new_year = rk_day_cell_get_accessible_text (RK_DAY_CELL (cell_for (f, "2027-01-01")));
  RkEventChip *chip = first_chip (cell_for (f, "2026-12-22"));
  const char *spoken;

  g_test_message ("%s\n%s\n%s", busy, empty, new_year);
  g_assert_true (g_str_has_prefix (busy, "Tue 22 Dec 2026, 2 events; 14:00"));
  g_assert_nonnull (strstr (busy, "連絡会議, さくら市保健センター"));
  g_assert_nonnull (strstr (busy, "ベビーマッサージ講座"));
  g_assert_nonnull (strstr (busy, "1 problem"));
  g_assert_cmpstr (empty, ==, "Thu 3 Dec 2026, no events");
  g_assert_true (g_str_has_prefix (new_year, "Fri 1 Jan 2027, New Year's Day, closed"));

  g_assert_nonnull (chip);
  spoken = rk_event_chip_get_accessible_text (chip);
  g_assert_true (g_str_has_prefix (spoken, "14:00"));
  g_assert_nonnull (strstr (spoken, "連絡会議, さくら市保健センター"));
  g_assert_true (g_str_has_suffix (spoken, ", 1 problem"));
}

/* Preferences in libadwaita's rows; its light/dark choice is followed. */
static void
test_preferences_style (Fixture *f, gconstpointer data)
{
  RkPreferencesDialog *prefs = rk_preferences_dialog_new (GTK_WINDOW (f->window),
                                                          rk_window_get_context (f->window));
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *scheme = rk_preferences_dialog_get_field (prefs, "color_scheme");

  g_assert_true (ADW_IS_PREFERENCES_WINDOW (prefs));
  gtk_window_present (GTK_WINDOW (prefs));
  rk_test_pump (100);
  g_assert_nonnull (gtk_widget_get_ancestor (scheme, ADW_TYPE_ACTION_ROW));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (scheme), 2);
  rk_test_pump (50);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (scheme), 0);
  rk_test_pump (50);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Help → About: the version, the licence, the credits, and the
 * application's icon, found also when it is not installed. */
static void
test_about (void)
{
  g_autoptr(RkApplication) app = rk_application_new ();
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();  /* GTK's own list */
  GtkAboutDialog *about = NULL;
  const char *const *authors;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  rk_test_pump (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (window))
        about = GTK_ABOUT_DIALOG (window);
    }
  g_assert_nonnull (about);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));
  g_assert_cmpstr (gtk_about_dialog_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (gtk_about_dialog_get_program_name (about), ==, _("Renkei"));
  g_assert_cmpstr (gtk_about_dialog_get_logo_icon_name (about), ==, APP_ID);
  g_assert_true (gtk_icon_theme_has_icon (
    gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (about))), APP_ID));
  g_assert_nonnull (strstr (gtk_about_dialog_get_license (about), "gpl-3.0"));
  authors = gtk_about_dialog_get_authors (about);
  g_assert_nonnull (authors);
  g_assert_cmpstr (authors[0], ==, _("The Renkei developers"));
  gtk_window_destroy (GTK_WINDOW (about));
  rk_test_pump (50);
}

static void
test_tooltip_text (void)
{
  g_autofree char *en = rk_tooltip_unbreakable ("Main Menu");
  g_autofree char *ja = rk_tooltip_unbreakable ("メインメニュー");
  g_autofree char *sentence = rk_tooltip_unbreakable ("新しい予定 (Ctrl+N)、保存。次");
  g_autofree char *again = rk_tooltip_unbreakable (ja);

  g_assert_cmpstr (en, ==, "Main Menu");
  g_assert_cmpstr (ja, ==, "メ\u2060イ\u2060ン\u2060メ\u2060ニ\u2060ュ\u2060ー");
  /* Breaks stay at spaces and after 、。 */
  g_assert_cmpstr (sentence, ==, "新\u2060し\u2060い\u2060予\u2060定 (Ctrl+N)\u2060、保\u2060存\u2060。次");
  g_assert_cmpstr (again, ==, ja);

  {
    g_autofree char *name = rk_tooltip_name ("New Event (Ctrl+N)");
    g_autofree char *two = rk_tooltip_name ("Closed:\nきた子育てひろば");
    g_autofree char *kept = rk_tooltip_name ("Staff (hub)");

    g_assert_cmpstr (name, ==, "New Event");
    g_assert_cmpstr (two, ==, "Closed: きた子育てひろば");
    g_assert_cmpstr (kept, ==, "Staff");
    g_assert_null (rk_tooltip_name (""));
  }
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RK_TEST_SCHEMA_DIR, FALSE);
  g_setenv ("RENKEI_TODAY", TODAY, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  rk_test_init (&argc, &argv);

  g_test_add_func ("/gui-adaptive/tooltip-text", test_tooltip_text);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
  rk_gui_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui-adaptive/fits-small-screen", test_fits_small_screen);
  ADD ("/gui-adaptive/problems-fold", test_problems_fold);
  ADD ("/gui-adaptive/toast", test_toast);
  ADD ("/gui-adaptive/day-focus", test_day_focus);
  ADD ("/gui-adaptive/spoken", test_spoken);
  ADD ("/gui-adaptive/preferences-style", test_preferences_style);
  g_test_add_func ("/gui-adaptive/about", test_about);
  return g_test_run ();
}
