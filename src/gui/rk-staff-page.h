#pragma once

#include <gtk/gtk.h>

#include "rk-context.h"

G_BEGIN_DECLS

#define RK_TYPE_STAFF_PAGE (rk_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (RkStaffPage, rk_staff_page, RK, STAFF_PAGE, GtkBox)

/* The Staff page: everyone in a column view sorted by reading (kana), with
 * role and organisation filters and a search; add, edit and deactivate
 * (people with history are never deleted); per person the times they are
 * unavailable and their schedule of a month, with print. Actions:
 * staff.add, staff.edit, staff.toggle-active, staff.print, staff.save-ics.
 * Made with its "context" (construct-only), it reloads itself when the
 * context says the stored data changed. */
/* Re-reads the people from the store, keeping the selection, the filters
 * and what is typed. */
void        rk_staff_page_reload        (RkStaffPage  *self);
/* The rows shown (RkStaff), filtered and sorted. */
GListModel *rk_staff_page_get_model     (RkStaffPage  *self);
gboolean    rk_staff_page_select        (RkStaffPage  *self,
                                         gint64        staff_id);
gint64      rk_staff_page_get_selected  (RkStaffPage  *self);
/* The month of the person's schedule shown. */
void        rk_staff_page_set_month     (RkStaffPage  *self,
                                         int           year,
                                         int           month);
/* The selected person's month (the one shown) as an .ics a phone or a
 * calendar app imports (`export --staff ID --format ics`), written 0600:
 * what staff.save-ics does with the file chosen. */
gboolean    rk_staff_page_save_ics      (RkStaffPage  *self,
                                         const char   *path,
                                         GError      **error);
/* The dialog staff.add (staff_id 0) or staff.edit opens. */
GtkWidget  *rk_staff_page_open_dialog   (RkStaffPage  *self,
                                         gint64        staff_id);
/* Named template children: "search", "role_filter", "org_filter",
 * "inactive", "column_view", "from_date", "from_time", "to_date", "to_time",
 * "reason", "add_unavailable", "unavailable_error", "unavailable_list",
 * "schedule_list", "active_button", "save_ics_button",
 * "availability" (the person's working
 * pattern, rk-availability-editor.h). */
GtkWidget  *rk_staff_page_get_field     (RkStaffPage  *self,
                                         const char   *name);

/* The selected person's time off, pattern and schedule are being read. */
gboolean     rk_staff_page_is_loading    (RkStaffPage *self);
/* Turning the selected person active or inactive is in the worker. */
gboolean     rk_staff_page_get_busy      (RkStaffPage *self);

G_END_DECLS
