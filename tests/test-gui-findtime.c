#define G_LOG_DOMAIN "test-gui-findtime"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gtk/gtk.h>

#include "rk-agenda-view.h"
#include "rk-application.h"
#include "rk-day-cell.h"
#include "rk-error.h"
#include "rk-event-chip.h"
#include "rk-event-editor.h"
#include "rk-find-time-dialog.h"
#include "rk-month-view.h"
#include "rk-occurrence.h"
#include "rk-problem.h"
#include "rk-problems-panel.h"
#include "rk-store.h"
#include "rk-window.h"
#include "rk-test-gui.h"
#include "rk-test-util.h"

/* Issue 10 in the desktop app: tentative events and people, and "Find a
 * Time". A hand-built week, 2027-03-01 (Monday) to 2027-03-07, with one
 * hub room, one nurse and one hub staff member, where exactly one time
 * fits a two-hour class needing both: Wednesday 13:00–15:00. The nurse is
 * away all week but for Wednesday afternoon; on Thursday, when she is
 * free, the room is taken all day. */
#define TODAY "2027-02-24"

typedef struct
{
  char     *dir;
  char     *path;
  RkStore  *store;
  RkWindow *window;
  gint64    venue, room, other_room, program, nurse, hub;
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

static gint64
add_event (Fixture *f, const char *title, gint64 program, const char *start, const char *end,
           gint64 room, const char *rrule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkEvent) e = rk_event_new ();
  gint64 id;

  g_object_set (e, "title", title, "program-id", program, "start", start, "end", end, "room-id",
                room, "rrule", rrule, "on-holiday", "keep", NULL);
  g_assert_true (rk_store_begin (f->store, &error));
  id = rk_store_add_event (f->store, e, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (f->store, &error));
  return id;
}

static void
fill_week (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkVenue) v = rk_venue_new ();
  g_autoptr(RkRoom) r = rk_room_new ();
  g_autoptr(RkRoom) r2 = rk_room_new ();
  g_autoptr(RkProgram) p = rk_program_new ();
  g_autoptr(RkStaff) nurse = rk_staff_new ();
  g_autoptr(RkStaff) hub = rk_staff_new ();
  g_autoptr(RkEvent) checkup = rk_event_new ();

  g_assert_true (rk_store_begin (f->store, &error));
  g_object_set (v, "name", "ひがし子育てひろば", "kind", "hub", NULL);
  f->venue = rk_store_add_venue (f->store, v, &error);
  g_assert_no_error (error);
  g_object_set (r, "venue-id", f->venue, "name", "プレイルーム", "capacity", 20, NULL);
  f->room = rk_store_add_room (f->store, r, &error);
  g_assert_no_error (error);
  /* A small second room, free all week: only "any room" searches use it. */
  g_object_set (r2, "venue-id", f->venue, "name", "相談室", "capacity", 4, NULL);
  f->other_room = rk_store_add_room (f->store, r2, &error);
  g_assert_no_error (error);
  g_object_set (p, "name", "両親学級", "duration", 120, "requirements",
                "public_health_nurse=1,hub_staff=1", NULL);
  f->program = rk_store_add_program (f->store, p, &error);
  g_assert_no_error (error);
  g_object_set (nurse, "name", "佐藤 花子", "kana", "さとう はなこ", "role", "public_health_nurse",
                NULL);
  f->nurse = rk_store_add_staff (f->store, nurse, &error);
  g_assert_no_error (error);
  g_object_set (hub, "name", "鈴木 一郎", "kana", "すずき いちろう", "role", "hub_staff", NULL);
  f->hub = rk_store_add_staff (f->store, hub, &error);
  g_assert_no_error (error);

  /* The nurse is away but for Wednesday 13:00–15:00. */
  g_assert_cmpint (rk_store_add_unavailability (f->store, f->nurse, minute_of ("2027-03-01T00:00"),
                                                minute_of ("2027-03-03T13:00"), "研修", &error),
                   >, 0);
  g_assert_cmpint (rk_store_add_unavailability (f->store, f->nurse, minute_of ("2027-03-03T15:00"),
                                                minute_of ("2027-03-04T00:00"), "訪問", &error),
                   >, 0);
  g_assert_cmpint (rk_store_add_unavailability (f->store, f->nurse, minute_of ("2027-03-05T00:00"),
                                                minute_of ("2027-03-08T00:00"), "休暇", &error),
                   >, 0);
  g_assert_no_error (error);
  /* Thursday, when she is free, the class's room is taken all day. */
  g_object_set (checkup, "title", "乳幼児健診", "start", "2027-03-04T08:00", "end",
                "2027-03-04T18:00", "room-id", f->room, "on-holiday", "keep", NULL);
  g_assert_cmpint (rk_store_add_event (f->store, checkup, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (f->store, &error));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("renkei-findtime-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "renkei.db", NULL);
  f->store = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  fill_week (f);

  f->window = rk_window_new (NULL, f->store);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  rk_window_set_month (f->window, 2027, 3);
  rk_test_wait_month (f->window);
  rk_test_pump (100);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GtkWidget *editor = rk_window_get_editor (f->window);

  if (editor)
    gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->window);
  rk_test_pump (50);
  g_clear_object (&f->store);
  g_remove (f->path);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ---- widgets ------------------------------------------------------------ */

static void
set_entry (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static const char *
entry_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Selects the first item of a string drop-down containing `part`. */
static void
select_item (GtkWidget *dropdown, const char *part)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), part))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
  g_assert_not_reached ();
}

static const char *
selected_item (GtkWidget *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  return gtk_string_list_get_string (GTK_STRING_LIST (model),
                                     gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)));
}

static void
collect (GtkWidget *widget, GType type, const char *css_class, GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)) &&
          gtk_widget_get_visible (child))
        g_ptr_array_add (out, child);
      collect (child, type, css_class, out);
    }
}

static RkEventEditor *
open_new_editor (Fixture *f, const char *date)
{
  GtkWidget *editor;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-event-on", "u",
                              (guint32) day_of (date));
  editor = rk_window_get_editor (f->window);
  g_assert_nonnull (editor);
  rk_test_wait_editor (editor);
  rk_test_pump (30);
  return RK_EVENT_EDITOR (editor);
}

static RkEventEditor *
open_occurrence (Fixture *f, gint64 event_id, const char *date)
{
  GtkWidget *editor;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-occurrence", "(xu)", event_id,
                              (guint32) day_of (date));
  editor = rk_window_get_editor (f->window);
  g_assert_nonnull (editor);
  rk_test_wait_editor (editor);
  rk_test_pump (30);
  return RK_EVENT_EDITOR (editor);
}

static void
save (RkEventEditor *editor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rk_test_editor_save (editor, &error));
  g_assert_no_error (error);
  rk_test_pump (30);
}

static RkEventChip *
chip_on (Fixture *f, const char *date, const char *title)
{
  GtkWidget *view = rk_window_get_month_view (f->window);
  RkDay day = day_of (date);

  for (guint i = 0; i < 42; i++)
    {
      GtkWidget *cell = rk_month_view_get_cell (RK_MONTH_VIEW (view), i);
      g_autoptr(GPtrArray) chips = g_ptr_array_new ();

      if (rk_day_cell_get_day (RK_DAY_CELL (cell)) != day)
        continue;
      collect (cell, RK_TYPE_EVENT_CHIP, NULL, chips);
      for (guint j = 0; j < chips->len; j++)
        if (g_strcmp0 (rk_event_chip_get_title (chips->pdata[j]), title) == 0)
          return chips->pdata[j];
    }
  return NULL;
}

static gboolean
month_has_problem (Fixture *f, const char *kind, const char *date)
{
  GListModel *model =
    rk_problems_panel_get_model (RK_PROBLEMS_PANEL (rk_window_get_problems_panel (f->window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RkProblem) p = g_list_model_get_item (model, i);

      if (g_strcmp0 (rk_problem_get_kind (p), kind) == 0 &&
          g_strcmp0 (rk_problem_get_date (p), date) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
agenda_status (Fixture *f, const char *title)
{
  GListModel *model = rk_agenda_view_get_model (RK_AGENDA_VIEW (rk_window_get_agenda_view (f->window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RkOccurrence) occ = g_list_model_get_item (model, i);

      if (g_strcmp0 (rk_occurrence_get_title (occ), title) == 0)
        return rk_occurrence_get_status (occ);
    }
  return NULL;
}

/* The assignment row of a person: series (occ_date 0) or one date. */
static const RkSAssign *
find_assign (RkSchedule *s, gint64 event_id, gint64 staff_id, RkDay occ_date)
{
  RkSEvent *e = rk_schedule_event (s, event_id);

  g_assert_nonnull (e);
  for (guint i = 0; i < e->assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (e->assigns, RkSAssign, i);

      if (a->staff_id == staff_id && a->occ_date == occ_date)
        return a;
    }
  return NULL;
}

static RkSchedule *
load_week (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RkSchedule *s = rk_store_load_schedule (f->store, day_of ("2027-03-01"), day_of ("2027-03-31"),
                                          &error);

  g_assert_no_error (error);
  return s;
}

/* ---- find a time -------------------------------------------------------- */

static gboolean
dialog_settled (gpointer dialog)
{
  return !rk_find_time_dialog_get_busy (dialog);
}

/* The free times once the worker has searched the fields as they are. */
static guint
n_slots (RkFindTimeDialog *dialog)
{
  g_assert_true (rk_test_wait_for (dialog_settled, dialog, 30));
  return rk_find_time_dialog_get_n_slots (dialog);
}

static RkFindTimeDialog *
find_time_in_week (RkEventEditor *editor)
{
  g_autoptr(GError) error = NULL;
  RkFindTimeDialog *dialog = RK_FIND_TIME_DIALOG (rk_event_editor_find_time (editor));
  GtkWidget *weekdays = rk_find_time_dialog_get_field (dialog, "weekdays");

  /* Shown at once, its fields filled when the worker has read the places. */
  n_slots (dialog);
  /* The weekdays in the calendar's order: Sunday first, Saturday last. */
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (weekdays), "sunday"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_last_child (weekdays), "saturday"));
  set_entry (rk_find_time_dialog_get_field (dialog, "from"), "2027-03-01");
  set_entry (rk_find_time_dialog_get_field (dialog, "to"), "2027-03-07");
  g_assert_true (rk_find_time_dialog_search (dialog, &error));
  g_assert_no_error (error);
  return dialog;
}

static void
test_find_time_one_slot (Fixture *f, gconstpointer data)
{
  RkEventEditor *editor = open_new_editor (f, "2027-03-01");
  RkFindTimeDialog *dialog;
  const RkSlot *slot;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(RkSchedule) s = NULL;
  GtkWidget *results;
  gint64 id = 0;

  select_item (rk_event_editor_get_field (editor, "program"), "両親学級");
  select_item (rk_event_editor_get_field (editor, "room"), "プレイルーム");
  rk_test_pump (30);
  /* The program's two hours, from the editor's times. */
  g_assert_cmpstr (entry_text (rk_event_editor_get_field (editor, "end")), ==, "12:00");

  dialog = find_time_in_week (editor);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (rk_find_time_dialog_get_field (dialog, "duration"))), ==, 120);
  /* The program's roles are asked for. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     rk_find_time_dialog_get_field (dialog, "role-public_health_nurse"))), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     rk_find_time_dialog_get_field (dialog, "role-hub_staff"))), ==, 1);
  g_assert_cmpstr (selected_item (rk_find_time_dialog_get_field (dialog, "place")), ==,
                   "ひがし子育てひろば · プレイルーム (20 people)");

  /* Exactly the one slot, listed as one row with who could staff it. */
  g_assert_cmpuint (n_slots (dialog), ==, 1);
  slot = rk_find_time_dialog_get_slot (dialog, 0);
  g_assert_cmpint (slot->start, ==, minute_of ("2027-03-03T13:00"));
  g_assert_cmpint (slot->end, ==, minute_of ("2027-03-03T15:00"));
  g_assert_nonnull (slot->room);
  g_assert_cmpint (slot->room->id, ==, f->room);
  g_assert_cmpuint (slot->staff[RK_ROLE_PUBLIC_HEALTH_NURSE]->len, ==, 1);
  g_assert_cmpint (g_array_index (slot->staff[RK_ROLE_PUBLIC_HEALTH_NURSE], gint64, 0), ==,
                   f->nurse);
  results = rk_find_time_dialog_get_field (dialog, "results");
  collect (results, GTK_TYPE_LIST_BOX_ROW, NULL, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean time_shown = FALSE, nurse_shown = FALSE;

    collect (rows->pdata[0], GTK_TYPE_LABEL, NULL, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (labels->pdata[i]);
        time_shown |= strcmp (text, "13:00–15:00") == 0;
        nurse_shown |= strstr (text, "Public health nurse: 佐藤 花子") != NULL;
      }
    g_assert_true (time_shown);
    g_assert_true (nurse_shown);
  }
  g_assert_true (gtk_widget_get_sensitive (rk_find_time_dialog_get_field (dialog, "use")));

  /* Choosing it fills the editor, with the free people pre-assigned. */
  rk_find_time_dialog_choose (dialog, 0);
  rk_test_pump (30);
  g_assert_cmpstr (entry_text (rk_event_editor_get_field (editor, "date")), ==, "2027-03-03");
  g_assert_cmpstr (entry_text (rk_event_editor_get_field (editor, "start")), ==, "13:00");
  g_assert_cmpstr (entry_text (rk_event_editor_get_field (editor, "end")), ==, "15:00");
  g_assert_nonnull (strstr (selected_item (rk_event_editor_get_field (editor, "room")),
                            "プレイルーム"));
  /* Fully staffed at a free time: nothing to warn about. */
  g_assert_cmpuint (rk_test_editor_problems (editor), ==, 0);
  save (editor);

  s = load_week (f);
  for (guint i = 0; i < s->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (s->events, i);
      if (e->program && e->program->id == f->program)
        id = e->id;
    }
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (rk_schedule_event (s, id)->start, ==, minute_of ("2027-03-03T13:00"));
  g_assert_cmpint (rk_schedule_event (s, id)->end, ==, minute_of ("2027-03-03T15:00"));
  g_assert_cmpint (rk_schedule_event (s, id)->room->id, ==, f->room);
  g_assert_nonnull (find_assign (s, id, f->nurse, 0));
  g_assert_nonnull (find_assign (s, id, f->hub, 0));
}

static void
test_find_time_fields (Fixture *f, gconstpointer data)
{
  RkEventEditor *editor = open_new_editor (f, "2027-03-01");
  RkFindTimeDialog *dialog;
  g_autoptr(GError) error = NULL;
  gint64 booked;

  select_item (rk_event_editor_get_field (editor, "program"), "両親学級");
  select_item (rk_event_editor_get_field (editor, "room"), "プレイルーム");
  dialog = find_time_in_week (editor);
  g_assert_cmpuint (n_slots (dialog), ==, 1);

  /* Without Wednesdays nothing fits, and the list says so. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (rk_find_time_dialog_get_field (dialog, "weekday-3")),
                                FALSE);
  g_assert_cmpuint (n_slots (dialog), ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (rk_find_time_dialog_get_field (dialog, "count"))),
                            "No time fits"));
  g_assert_false (gtk_widget_get_sensitive (rk_find_time_dialog_get_field (dialog, "use")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (rk_find_time_dialog_get_field (dialog, "weekday-3")),
                                TRUE);

  /* No nurse needed: Thursday is still out (the room), but any weekday
   * hour of the hub staff member is in. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rk_find_time_dialog_get_field (dialog,
                                                                             "role-public_health_nurse")),
                             0);
  g_assert_cmpuint (n_slots (dialog), >, 5);
  for (guint i = 0; i < n_slots (dialog); i++)
    g_assert_cmpuint (rk_minute_day (rk_find_time_dialog_get_slot (dialog, i)->start), !=,
                      day_of ("2027-03-04"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rk_find_time_dialog_get_field (dialog,
                                                                             "role-public_health_nurse")),
                             1);

  /* Any room of the hub: Thursday opens up in the small room. */
  select_item (rk_find_time_dialog_get_field (dialog, "place"), "Any room of ひがし子育てひろば");
  g_assert_cmpuint (n_slots (dialog), >, 1);
  g_assert_cmpint (rk_find_time_dialog_get_slot (dialog, 0)->start, ==,
                   minute_of ("2027-03-03T13:00"));
  for (guint i = 0; i < n_slots (dialog); i++)
    {
      const RkSlot *slot = rk_find_time_dialog_get_slot (dialog, i);

      if (rk_minute_day (slot->start) == day_of ("2027-03-04"))
        g_assert_cmpint (slot->room->id, ==, f->other_room);
      else
        g_assert_cmpint (slot->start, ==, minute_of ("2027-03-03T13:00"));
    }
  select_item (rk_find_time_dialog_get_field (dialog, "place"), "プレイルーム");

  /* Hours that cannot hold the duration are refused, with a reason. */
  set_entry (rk_find_time_dialog_get_field (dialog, "end"), "10:00");
  g_assert_false (rk_find_time_dialog_search (dialog, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (rk_find_time_dialog_get_field (dialog, "error")));
  g_assert_cmpuint (n_slots (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* An event already at the only time: a new event finds nothing, but the
   * event itself, opened again, may keep its own time. */
  booked = add_event (f, "離乳食教室", f->program, "2027-03-03T13:00", "2027-03-03T15:00",
                      f->room, NULL);
  dialog = find_time_in_week (editor);
  g_assert_cmpuint (n_slots (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (editor));
  rk_test_pump (30);

  editor = open_occurrence (f, booked, "2027-03-03");
  dialog = find_time_in_week (editor);
  g_assert_cmpuint (n_slots (dialog), ==, 1);
  g_assert_cmpint (rk_find_time_dialog_get_slot (dialog, 0)->start, ==,
                   minute_of ("2027-03-03T13:00"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- tentative ---------------------------------------------------------- */

static void
test_tentative_event (Fixture *f, gconstpointer data)
{
  RkEventEditor *editor = open_new_editor (f, "2027-03-03");
  GtkWidget *sw = rk_event_editor_get_field (editor, "tentative");
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) s = NULL;
  RkEventChip *chip;
  gint64 id;

  g_assert_true (GTK_IS_SWITCH (sw));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  set_entry (rk_event_editor_get_field (editor, "title"), "ベビーマッサージ");
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  /* Seven days ahead and still tentative: the live check says so. */
  g_assert_cmpuint (rk_test_editor_problems (editor), ==, 1);
  save (editor);

  chip = chip_on (f, "2027-03-03", "ベビーマッサージ");
  g_assert_nonnull (chip);
  id = rk_event_chip_get_event_id (chip);
  {
    g_autoptr(RkEvent) e = rk_store_get_event (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_true (rk_event_get_tentative (e));
  }
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (chip), "tentative"));
  g_assert_nonnull (strstr (rk_event_chip_get_tooltip_markup (chip), "Tentative"));
  g_assert_cmpstr (agenda_status (f, "ベビーマッサージ"), ==, "tentative");
  g_assert_true (month_has_problem (f, "unconfirmed", "2027-03-03"));

  /* Confirmed: an ordinary chip, and the problem is gone. */
  editor = open_occurrence (f, id, "2027-03-03");
  sw = rk_event_editor_get_field (editor, "tentative");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  save (editor);
  chip = chip_on (f, "2027-03-03", "ベビーマッサージ");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (chip), "tentative"));
  g_assert_null (strstr (rk_event_chip_get_tooltip_markup (chip), "Tentative"));
  g_assert_cmpstr (agenda_status (f, "ベビーマッサージ"), ==, "scheduled");
  g_assert_false (month_has_problem (f, "unconfirmed", "2027-03-03"));
  s = load_week (f);
  g_assert_false (rk_schedule_event (s, id)->tentative);
}

static GPtrArray *
asked_pills (RkEventEditor *editor)
{
  GPtrArray *pills = g_ptr_array_new ();

  collect (rk_event_editor_get_field (editor, "staffing"), GTK_TYPE_BOX, "tentative", pills);
  return pills;
}

static void
test_tentative_people (Fixture *f, gconstpointer data)
{
  gint64 id = add_event (f, NULL, f->program, "2027-03-03T13:00", "2027-03-03T15:00", f->room,
                         NULL);
  RkEventEditor *editor = open_occurrence (f, id, "2027-03-03");
  g_autoptr(GPtrArray) pills = NULL;
  RkSchedule *s;

  /* Asked, not confirmed: a dashed pill, saved as a tentative row. */
  g_assert_true (rk_test_add_suggested (editor, RK_ROLE_PUBLIC_HEALTH_NURSE));
  g_assert_true (rk_test_add_suggested (editor, RK_ROLE_HUB_STAFF));
  rk_event_editor_set_staff_asked (editor, f->nurse, TRUE);
  pills = asked_pills (editor);
  g_assert_cmpuint (pills->len, ==, 1);
  save (editor);
  s = load_week (f);
  g_assert_true (find_assign (s, id, f->nurse, 0)->tentative);
  g_assert_false (find_assign (s, id, f->hub, 0)->tentative);
  rk_schedule_free (s);

  /* She says yes: confirmed through the store's confirm. */
  editor = open_occurrence (f, id, "2027-03-03");
  g_assert_true (rk_event_editor_get_staff_asked (editor, f->nurse));
  g_assert_false (rk_event_editor_get_staff_asked (editor, f->hub));
  rk_event_editor_set_staff_asked (editor, f->nurse, FALSE);
  g_ptr_array_unref (g_steal_pointer (&pills));
  pills = asked_pills (editor);
  g_assert_cmpuint (pills->len, ==, 0);
  save (editor);
  s = load_week (f);
  g_assert_false (find_assign (s, id, f->nurse, 0)->tentative);
  rk_schedule_free (s);

  /* And asked again (she may not come after all). */
  editor = open_occurrence (f, id, "2027-03-03");
  rk_event_editor_set_staff_asked (editor, f->nurse, TRUE);
  save (editor);
  s = load_week (f);
  g_assert_true (find_assign (s, id, f->nurse, 0)->tentative);
  g_assert_false (find_assign (s, id, f->hub, 0)->tentative);
  rk_schedule_free (s);
}

static void
test_tentative_series_people (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_event (f, "ひろば相談", 0, "2027-03-10T10:00", "2027-03-10T12:00", f->room,
                         "FREQ=WEEKLY;BYDAY=WE;COUNT=3");
  RkEventEditor *editor;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RkSchedule *s;
  gboolean insensitive = FALSE;

  /* The nurse is on the series, but off 17 March. */
  g_assert_true (rk_store_begin (f->store, &error));
  g_assert_true (rk_store_assign (f->store, id, f->nurse, 0, FALSE, &error));
  g_assert_true (rk_store_unassign (f->store, id, f->nurse, day_of ("2027-03-17"), &error));
  g_assert_true (rk_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* One occurrence cannot ask her apart from the series. */
  editor = open_occurrence (f, id, "2027-03-10");
  g_assert_true (rk_event_editor_get_scope (editor) == RK_SCOPE_THIS);
  collect (rk_event_editor_get_field (editor, "staffing"), GTK_TYPE_TOGGLE_BUTTON, NULL, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (toggles->pdata[i]), "dialog-question-symbolic") == 0)
      insensitive |= !gtk_widget_get_sensitive (toggles->pdata[i]);
  g_assert_true (insensitive);

  /* The whole series: asked again, and still off 17 March. */
  rk_event_editor_set_scope (editor, RK_SCOPE_ALL);
  rk_event_editor_set_staff_asked (editor, f->nurse, TRUE);
  save (editor);
  s = load_week (f);
  g_assert_true (find_assign (s, id, f->nurse, 0)->tentative);
  occs = rk_schedule_expand (s, day_of ("2027-03-01"), day_of ("2027-03-31"), &error);
  g_assert_no_error (error);
  rk_occ_staff (rk_occ_find (occs, id, day_of ("2027-03-17")), ids);
  g_assert_cmpuint (ids->len, ==, 0);
  rk_occ_staff (rk_occ_find (occs, id, day_of ("2027-03-24")), ids);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (rk_occ_staff_tentative (rk_occ_find (occs, id, day_of ("2027-03-24")), f->nurse));
  g_clear_pointer (&occs, g_array_unref);
  rk_schedule_free (s);
}

/* Xvfb has no session bus; GTK says so once. Everything else stays fatal. */
static gboolean
fatal_filter (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  return !(message && strstr (message, "session bus"));
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
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_filter, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run under xvfb-run)");
      return g_test_run ();
    }
  rk_gui_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/find-time/one-slot", test_find_time_one_slot);
  ADD ("/gui/find-time/fields", test_find_time_fields);
  ADD ("/gui/tentative/event", test_tentative_event);
  ADD ("/gui/tentative/people", test_tentative_people);
  ADD ("/gui/tentative/series-people", test_tentative_series_people);
#undef ADD
  return g_test_run ();
}
