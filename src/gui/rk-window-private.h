#pragma once

/* What the window's files share and nothing else sees. The window is one
 * object split by concern:
 *
 *   rk-window.c          the object, its template and properties, the
 *                        month shown, navigation, the pages, toasts, the
 *                        editor and the menu's actions
 *   rk-window-changes.c  moving and cancelling occurrences (with the
 *                        repeat question), undo and redo
 *   rk-window-start.c    the first start: the setup bar, the demo data
 *                        offered on an empty database, presenting the
 *                        window once its first month is read */

#include <adwaita.h>

#include "rk-context.h"
#include "rk-month-data.h"
#include "rk-window.h"

G_BEGIN_DECLS

struct _RkWindow
{
  AdwApplicationWindow  parent_instance;

  GtkWidget            *header_bar;
  GtkWidget            *calendar_nav;
  GtkWidget            *prev_button;
  GtkWidget            *today_button;
  GtkWidget            *next_button;
  GtkWidget            *new_button;
  GtkWidget            *title_label;
  GtkWidget            *menu_button;
  GMenuModel           *primary_menu;      /* the menu button's, given when first opened */
  GtkWidget            *problems_button;
  GtkWidget            *problems_count;
  GtkWidget            *stack;
  GtkWidget            *switcher_title;
  GtkWidget            *switcher_bar;      /* given the stack when first revealed */
  GtkWidget            *flap;
  GtkWidget            *month_view;
  GtkWidget            *setup_bar;         /* where to begin, on a schedule not set up */
  GtkWidget            *setup_label;
  GtkWidget            *setup_button;
  GtkWidget            *agenda_view;
  GtkWidget            *plan_page;
  GtkWidget            *staff_page;
  GtkWidget            *results_page;
  GtkWidget            *venues_page;
  GtkWidget            *equipment_page;
  GtkWidget            *programs_page;
  GtkWidget            *problems_panel;
  GtkWidget            *toast_overlay;
  AdwToast             *toast;         /* the one shown */

  RkStore              *store;
  RkContext            *context;
  RkUndoStack          *undo;          /* the context's */
  GSettings            *settings;      /* the context's */
  RkMonthData          *data;
  GtkWidget            *editor;        /* weak */
  int                   year, month;
  GCancellable         *month_cancel;  /* the month read on its way */
  guint                 bind_id;       /* the rest of the month shown, to bind */
  gboolean              redoing;       /* the undo under way is a redo */
  GtkWidget            *overlay;
  GtkWidget            *help;          /* weak: the keyboard shortcuts, once asked for */
  GtkWidget            *connection_bar;
  gboolean              show_problems;
  gboolean              offer_demo;    /* asked once the first month is read */
  gboolean              starting;      /* the month of today is on its way */
  gboolean              present_when_read;
  gboolean              failed_shown;  /* the location was refused: said once */
  guint                 failed_id;
  guint                 present_id;
};

/* rk-window.c */
void rk_window_report_error   (RkWindow     *self,
                               const GError *error);
void rk_window_show_data      (RkWindow     *self,
                               RkMonthData  *data);
void rk_window_update_actions (RkWindow     *self);

/* rk-window-changes.c */
void rk_window_class_add_change_actions (GtkWidgetClass *widget_class);

/* rk-window-start.c */
void rk_window_update_setup_bar (RkWindow    *self,
                                 RkMonthData *data);
void rk_window_present_now      (RkWindow    *self);
void rk_window_offer_demo_now   (RkWindow    *self);
void rk_window_show_failed      (RkWindow     *self,
                                 const GError *error);

G_END_DECLS
