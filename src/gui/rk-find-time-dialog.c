#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-error.h"
#include "rk-find-time-dialog.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-expand.h"
#include "rk-roles.h"
#include "rk-store-worker.h"

/* Searches wait for a short pause in typing, as the editor's checks do. */
#define SEARCH_DELAY_MS 150
/* A month of first-times-of-the-day and then some: more is not read. */
#define MAX_SLOTS 60
/* Names shown per role on a row; the rest are counted. */
#define MAX_NAMES 4
#define DEFAULT_DAYS 28

typedef struct
{
  gint64  room_id;
  gint64  venue_id;
} Place;

struct _RkFindTimeDialog
{
  GtkWindow    parent_instance;

  /* template */
  GtkWidget   *use_button;
  GtkWidget   *form;
  GtkWidget   *duration_spin;
  GtkWidget   *from_entry;
  GtkWidget   *to_entry;
  GtkWidget   *range_hint;
  GtkWidget   *place_dropdown;
  GtkWidget   *weekday_box;
  GtkWidget   *start_entry;
  GtkWidget   *end_entry;
  GtkWidget   *roles_grid;
  GtkWidget   *preassign_check;
  GtkWidget   *error_label;
  GtkWidget   *count_label;
  GtkWidget   *results_list;

  GtkWidget   *weekday_buttons[7];     /* Monday first */
  GtkWidget   *role_spins[RK_N_ROLES];

  RkStoreWorker *worker;
  GCancellable *cancel;                /* the worker's read on its way */
  gboolean     busy;                   /* reading the reference or searching */
  RkSchedule  *ref;                    /* venues, rooms and staff names */
  RkSchedule  *schedule;               /* of the last search: its slots point into it */
  GPtrArray   *slots;                  /* RkSlot, best first */
  GArray      *places;                 /* Place, parallel to place_dropdown */
  gint64       event_id;
  RkDay        occ_date;
  gint64       room_id;                /* as the editor asked, until the places are read */
  gint64       program_id;
  int          duration;
  int          capacity;
  GArray      *equipment;
  GArray      *staff;
  int          required[RK_N_ROLES];   /* of the last search */
  guint        search_id;
  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (RkFindTimeDialog, rk_find_time_dialog, GTK_TYPE_WINDOW)

enum
{
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------ */

static const char *
get_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
set_text (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static void
mark_invalid (GtkWidget *entry, gboolean invalid)
{
  if (invalid)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static char *
clock_text (int minute)
{
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

/* "13:00–15:00"; an end at midnight is 24:00 of the same day. */
static char *
slot_time_text (const RkSlot *s)
{
  int a = rk_minute_of_day (s->start);
  int b = (int) (s->end - rk_minute_make (rk_minute_day (s->start), 0));

  return g_strdup_printf ("%02d:%02d–%02d:%02d", a / 60, a % 60, b / 60, b % 60);
}

static int
name_compare (const char *a, const char *b)
{
  return g_utf8_collate (a ? a : "", b ? b : "");
}

static int
venue_compare (gconstpointer a, gconstpointer b)
{
  return name_compare ((*(RkSVenue **) a)->name, (*(RkSVenue **) b)->name);
}

static int
room_compare (gconstpointer a, gconstpointer b)
{
  return name_compare ((*(RkSRoom **) a)->name, (*(RkSRoom **) b)->name);
}

/* ---- the form ----------------------------------------------------------- */

static void
fill_places (RkFindTimeDialog *self, gint64 room_id)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) venues = g_ptr_array_new ();
  g_autoptr(GPtrArray) rooms = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  guint selected = 0;

  g_array_set_size (self->places, 0);
  gtk_string_list_append (list, _("No room needed"));
  g_array_append_val (self->places, ((Place) { 0, 0 }));

  g_hash_table_iter_init (&iter, self->ref->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (venues, value);
  g_ptr_array_sort (venues, venue_compare);
  g_hash_table_iter_init (&iter, self->ref->rooms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rooms, value);
  g_ptr_array_sort (rooms, room_compare);

  for (guint i = 0; i < venues->len; i++)
    {
      RkSVenue *v = g_ptr_array_index (venues, i);
      g_autofree char *any = NULL;
      guint n = 0;

      for (guint j = 0; j < rooms->len; j++)
        if (((RkSRoom *) g_ptr_array_index (rooms, j))->venue == v)
          n++;
      if (n == 0)
        continue;
      /* TRANSLATORS: a place to search in: whichever room of a venue is free */
      any = g_strdup_printf (_("Any room of %s"), v->name);
      gtk_string_list_append (list, any);
      g_array_append_val (self->places, ((Place) { 0, v->id }));
      for (guint j = 0; j < rooms->len; j++)
        {
          RkSRoom *r = g_ptr_array_index (rooms, j);
          g_autofree char *label = NULL;

          if (r->venue != v)
            continue;
          label = g_strdup_printf (_("%s · %s (%d people)"), v->name, r->name, r->capacity);
          gtk_string_list_append (list, label);
          if (r->id == room_id)
            selected = self->places->len;
          g_array_append_val (self->places, ((Place) { r->id, 0 }));
        }
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->place_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->place_dropdown), selected);
}

static void
build_weekdays (RkFindTimeDialog *self)
{
  for (int wd = 1; wd <= 7; wd++)
    {
      /* 2024-01-01 was a Monday: the locale's names (月, 火, … in Japanese). */
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, wd, 12, 0, 0);
      g_autofree char *short_name = g_date_time_format (dt, "%a");
      g_autofree char *long_name = g_date_time_format (dt, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (short_name);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      gtk_widget_set_tooltip_text (button, long_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      long_name, -1);
      if (wd == 7)
        gtk_widget_add_css_class (button, "sunday");
      else if (wd == 6)
        gtk_widget_add_css_class (button, "saturday");
      gtk_widget_add_css_class (button, "weekday-toggle");
      gtk_box_append (GTK_BOX (self->weekday_box), button);
      self->weekday_buttons[wd - 1] = button;
    }
}

static void on_changed (RkFindTimeDialog *self);

static void
build_roles (RkFindTimeDialog *self)
{
  for (int r = 0; r < RK_N_ROLES; r++)
    {
      GtkWidget *label = gtk_label_new (rk_role_label (r));
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 20, 1);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rk_role_label (r), -1);
      gtk_grid_attach (GTK_GRID (self->roles_grid), label, (r % 3) * 2, r / 3, 1, 1);
      gtk_grid_attach (GTK_GRID (self->roles_grid), spin, (r % 3) * 2 + 1, r / 3, 1, 1);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_changed), self);
      self->role_spins[r] = spin;
    }
}

/* ---- results ------------------------------------------------------------ */

static char *
staff_text (RkFindTimeDialog *self, const RkSlot *s)
{
  GString *text = g_string_new (NULL);

  for (int r = 0; r < RK_N_ROLES; r++)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      GArray *ids = s->staff[r];

      if (ids == NULL)
        continue;
      for (guint i = 0; i < ids->len && i < MAX_NAMES; i++)
        {
          RkSStaff *st = rk_schedule_staff (self->schedule, g_array_index (ids, gint64, i));

          if (st == NULL)
            continue;
          if (names->len)
            g_string_append (names, _(", "));
          g_string_append (names, st->name);
        }
      if (ids->len > MAX_NAMES)
        /* TRANSLATORS: after a few names: how many more people are free */
        g_string_append_printf (names, _(" +%u"), ids->len - MAX_NAMES);
      if (text->len)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: a role and the free people of it, "Midwife: 田中, 伊藤" */
      g_string_append_printf (text, _("%s: %s"), rk_role_label (r), names->str);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
slot_row (RkFindTimeDialog *self, const RkSlot *s)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *when = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *what = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date_label, *time_label, *room_label, *staff_label;
  RkDay day = rk_minute_day (s->start);
  int wd = rk_day_weekday (day);
  g_autofree char *date = rk_day_title (day);
  g_autofree char *time = slot_time_text (s);
  g_autofree char *room = NULL;
  g_autofree char *staff = staff_text (self, s);
  g_autofree char *accessible = NULL;

  if (s->room)
    room = g_strdup_printf ("%s · %s", s->room->venue ? s->room->venue->name : "", s->room->name);

  date_label = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_widget_add_css_class (date_label, "heading");
  if (wd == 7)
    gtk_widget_add_css_class (date_label, "sunday");
  else if (wd == 6)
    gtk_widget_add_css_class (date_label, "saturday");
  time_label = gtk_label_new (time);
  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_box_append (GTK_BOX (when), date_label);
  gtk_box_append (GTK_BOX (when), time_label);
  gtk_widget_set_size_request (when, 150, -1);

  room_label = gtk_label_new (room ? room : _("No room"));
  gtk_label_set_xalign (GTK_LABEL (room_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (room_label), PANGO_ELLIPSIZE_END);
  staff_label = gtk_label_new (staff);
  gtk_label_set_xalign (GTK_LABEL (staff_label), 0);
  gtk_label_set_wrap (GTK_LABEL (staff_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (staff_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (staff_label, "dim-label");
  gtk_widget_set_visible (staff_label, *staff != '\0');
  gtk_box_append (GTK_BOX (what), room_label);
  gtk_box_append (GTK_BOX (what), staff_label);
  gtk_widget_set_hexpand (what, TRUE);

  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), what);
  gtk_widget_add_css_class (box, "find-time-slot");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* TRANSLATORS: a free time for screen readers: date, time, room */
  accessible = g_strdup_printf (_("%s %s, %s"), date, time, room ? room : _("No room"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, staff, -1);
  return row;
}

static void
show_results (RkFindTimeDialog *self)
{
  GtkWidget *child;
  guint n = self->slots ? self->slots->len : 0;

  while ((child = gtk_widget_get_first_child (self->results_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->results_list), child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->results_list),
                         slot_row (self, g_ptr_array_index (self->slots, i)));

  if (n == 0)
    gtk_label_set_text (GTK_LABEL (self->count_label),
                        _("No time fits: try more days, longer hours, another place or fewer roles"));
  else
    {
      g_autofree char *text = NULL;

      if (n >= MAX_SLOTS)
        text = g_strdup_printf (_("The first %u free times, best first"), n);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u free time, best first",
                                             "%u free times, best first", n),
                                n);
      gtk_label_set_text (GTK_LABEL (self->count_label), text);
      gtk_list_box_select_row (GTK_LIST_BOX (self->results_list),
                               gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->results_list), 0));
    }
  gtk_widget_set_sensitive (self->use_button, n > 0);
}

static void
clear_results (RkFindTimeDialog *self, const char *message)
{
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->schedule, rk_schedule_free);
  show_results (self);
  gtk_label_set_text (GTK_LABEL (self->count_label), "");
  rk_gui_field_error (self->error_label, NULL, message);
}

/* ---- search ------------------------------------------------------------- */

/* Reads the form into a query; FALSE with error saying which field. */
static gboolean
read_query (RkFindTimeDialog *self, RkFindTimeQuery *q, GError **error)
{
  RkDay from = 0, to = 0;
  int a = 0, b = 0;
  gboolean from_ok, to_ok, a_ok, b_ok;
  guint pos;
  int n_weekdays = 0;

  rk_find_time_query_init (q);
  q->limit = MAX_SLOTS;
  q->duration = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->duration_spin));

  from_ok = rk_date_parse (get_text (self->from_entry), &from);
  to_ok = rk_date_parse (get_text (self->to_entry), &to);
  mark_invalid (self->from_entry, !from_ok);
  mark_invalid (self->to_entry, !to_ok || (from_ok && to < from));
  if (!from_ok || !to_ok)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Write the days as YYYY-MM-DD, for example 2026-12-06"));
      return FALSE;
    }
  if (to < from)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The last day must not be before the first"));
      return FALSE;
    }
  if (to - from > 366)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Search a year at most at a time"));
      return FALSE;
    }
  q->from = from;
  q->to = to;

  a_ok = rk_clock_parse (get_text (self->start_entry), &a);
  b_ok = rk_clock_parse (get_text (self->end_entry), &b);
  mark_invalid (self->start_entry, !a_ok);
  mark_invalid (self->end_entry, !b_ok || (a_ok && b <= a));
  if (!a_ok || !b_ok)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("Write the hours as HH:MM, for example 09:00 and 17:00"));
      return FALSE;
    }
  if (b <= a)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The latest end must be after the earliest start"));
      return FALSE;
    }
  if (b - a < q->duration)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The hours are shorter than the duration: widen them or shorten it"));
      return FALSE;
    }
  q->day_start = a;
  q->day_end = b;

  for (int wd = 1; wd <= 7; wd++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->weekday_buttons[wd - 1])))
      {
        q->weekdays |= 1u << wd;
        n_weekdays++;
      }
  if (n_weekdays == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Choose at least one weekday"));
      return FALSE;
    }
  if (n_weekdays == 7)
    q->weekdays = 0;

  for (int r = 0; r < RK_N_ROLES; r++)
    q->required[r] = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->role_spins[r]));

  pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->place_dropdown));
  if (pos != GTK_INVALID_LIST_POSITION && pos < self->places->len)
    {
      const Place *p = &g_array_index (self->places, Place, pos);

      q->room_id = p->room_id;
      q->venue_id = p->venue_id;
    }
  q->capacity = self->capacity;
  q->equipment = self->equipment;
  return TRUE;
}

static void
update_range_hint (RkFindTimeDialog *self)
{
  RkDay from, to;

  if (rk_date_parse (get_text (self->from_entry), &from) &&
      rk_date_parse (get_text (self->to_entry), &to) && to >= from)
    {
      g_autofree char *a = rk_day_title (from);
      g_autofree char *b = rk_day_title (to);
      g_autofree char *text = g_strdup_printf (_("%s – %s"), a, b);

      gtk_label_set_text (GTK_LABEL (self->range_hint), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->range_hint), "");
}

/* A search in the worker: the query and the event moved are copies. */
typedef struct
{
  RkFindTimeQuery q;
  gint64          event_id;
  RkDay           occ_date;
} Search;

typedef struct
{
  RkSchedule *schedule;
  GPtrArray  *slots;                   /* RkSlot, pointing into schedule */
} Found;

static void
search_free (gpointer data)
{
  Search *search = data;

  g_clear_pointer (&search->q.equipment, g_array_unref);
  g_free (search);
}

static void
found_free (gpointer data)
{
  Found *found = data;

  g_clear_pointer (&found->slots, g_ptr_array_unref);
  g_clear_pointer (&found->schedule, rk_schedule_free);
  g_free (found);
}

/* In the worker thread. */
static gpointer
search_run (RkStore *store, gpointer data, GError **error)
{
  Search *search = data;
  const RkFindTimeQuery *q = &search->q;
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  Found *found;

  /* find-time wants the occurrences of the day before and after too, for
   * events running over midnight and the travel gap. */
  schedule = rk_store_load_schedule (store, q->from - 1, q->to + 1, error);
  if (schedule == NULL)
    return NULL;
  occs = rk_schedule_expand (schedule, q->from - 1, q->to + 1, error);
  if (occs == NULL)
    return NULL;
  /* The edited event is being moved: where it is now blocks nothing. */
  if (search->event_id > 0)
    for (guint i = occs->len; i-- > 0;)
      {
        const RkOcc *o = &g_array_index (occs, RkOcc, i);

        if (o->event->id == search->event_id &&
            (search->occ_date == 0 || o->orig_date == search->occ_date))
          g_array_remove_index (occs, i);
      }
  found = g_new0 (Found, 1);
  found->slots = rk_find_time (schedule, occs, q);
  found->schedule = g_steal_pointer (&schedule);
  return found;
}

static void
set_busy (RkFindTimeDialog *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    gtk_label_set_text (GTK_LABEL (self->count_label), _("Looking for free times…"));
}

static void
search_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  Found *found = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  RkFindTimeDialog *self;
  Search *asked;

  /* A newer search took its place, or the dialog closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_FIND_TIME_DIALOG (user_data);
  g_clear_object (&self->cancel);
  set_busy (self, self->search_id != 0);
  if (found == NULL)
    {
      clear_results (self, error->message);
      return;
    }
  asked = g_task_get_task_data (G_TASK (result));
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->schedule, rk_schedule_free);
  self->slots = g_steal_pointer (&found->slots);
  self->schedule = g_steal_pointer (&found->schedule);
  found_free (found);
  memcpy (self->required, asked->q.required, sizeof self->required);
  gtk_widget_set_visible (self->error_label, FALSE);
  show_results (self);
}

gboolean
rk_find_time_dialog_search (RkFindTimeDialog  *self,
                            GError           **error)
{
  g_autoptr(GError) local = NULL;
  Search *search;

  g_return_val_if_fail (RK_IS_FIND_TIME_DIALOG (self), FALSE);

  g_clear_handle_id (&self->search_id, g_source_remove);
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  /* The places and names are not read yet: the search follows them. */
  if (self->ref == NULL)
    return TRUE;
  update_range_hint (self);
  search = g_new0 (Search, 1);
  if (!read_query (self, &search->q, &local))
    {
      search_free (search);
      set_busy (self, FALSE);
      clear_results (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (search->q.equipment)
    search->q.equipment = g_array_copy (search->q.equipment);
  search->event_id = self->event_id;
  search->occ_date = self->occ_date;
  self->cancel = g_cancellable_new ();
  set_busy (self, TRUE);
  rk_store_worker_run_async (self->worker, search_run, search, search_free, found_free,
                             self->cancel, search_done, self);
  return TRUE;
}

gboolean
rk_find_time_dialog_get_busy (RkFindTimeDialog *self)
{
  g_return_val_if_fail (RK_IS_FIND_TIME_DIALOG (self), FALSE);
  return self->busy;
}

static gboolean
search_timeout (gpointer user_data)
{
  RkFindTimeDialog *self = user_data;

  self->search_id = 0;
  rk_find_time_dialog_search (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_changed (RkFindTimeDialog *self)
{
  /* Still loading, or closing (the fields change as they are torn down:
   * a search scheduled then would run on a freed dialog). */
  if (self->loading || self->worker == NULL)
    return;
  update_range_hint (self);
  g_clear_handle_id (&self->search_id, g_source_remove);
  self->search_id = g_timeout_add (SEARCH_DELAY_MS, search_timeout, self);
  set_busy (self, TRUE);
}

/* ---- choosing ----------------------------------------------------------- */

static gboolean
has_id (GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

void
rk_find_time_dialog_choose (RkFindTimeDialog *self,
                            guint             index)
{
  g_autoptr(GArray) add = g_array_new (FALSE, FALSE, sizeof (gint64));
  RkFindTimeChoice choice = { 0 };
  const RkSlot *s;

  g_return_if_fail (RK_IS_FIND_TIME_DIALOG (self));
  if (self->slots == NULL || index >= self->slots->len)
    return;
  s = g_ptr_array_index (self->slots, index);

  /* Only the roles still open: whoever the event already has counts. */
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->preassign_check)))
    for (int r = 0; r < RK_N_ROLES; r++)
      {
        int have = 0;

        for (guint i = 0; self->staff && i < self->staff->len; i++)
          {
            RkSStaff *st = rk_schedule_staff (self->schedule,
                                              g_array_index (self->staff, gint64, i));
            if (st && (int) st->role == r)
              have++;
          }
        for (guint i = 0; s->staff[r] && i < s->staff[r]->len && have < self->required[r]; i++)
          {
            gint64 id = g_array_index (s->staff[r], gint64, i);

            if (has_id (self->staff, id))
              continue;
            g_array_append_val (add, id);
            have++;
          }
      }

  choice.start = s->start;
  choice.end = s->end;
  choice.room_id = s->room ? s->room->id : 0;
  choice.staff = add;
  g_object_ref (self);
  g_signal_emit (self, signals[CHOSEN], 0, &choice);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_row_activated (RkFindTimeDialog *self,
                  GtkListBoxRow    *row)
{
  rk_find_time_dialog_choose (self, (guint) gtk_list_box_row_get_index (row));
}

static void
on_row_selected (RkFindTimeDialog *self,
                 GtkListBoxRow    *row)
{
  gtk_widget_set_sensitive (self->use_button, row != NULL);
}

static void
on_use_clicked (RkFindTimeDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->results_list));

  if (row)
    rk_find_time_dialog_choose (self, (guint) gtk_list_box_row_get_index (row));
}

/* ---- class -------------------------------------------------------------- */

static void
rk_find_time_dialog_dispose (GObject *object)
{
  RkFindTimeDialog *self = RK_FIND_TIME_DIALOG (object);

  g_clear_handle_id (&self->search_id, g_source_remove);
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (rk_find_time_dialog_parent_class)->dispose (object);
}

static void
rk_find_time_dialog_finalize (GObject *object)
{
  RkFindTimeDialog *self = RK_FIND_TIME_DIALOG (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->schedule, rk_schedule_free);
  g_clear_pointer (&self->ref, rk_schedule_free);
  g_clear_pointer (&self->equipment, g_array_unref);
  g_clear_pointer (&self->staff, g_array_unref);
  g_array_unref (self->places);
  G_OBJECT_CLASS (rk_find_time_dialog_parent_class)->finalize (object);
}

static void
rk_find_time_dialog_class_init (RkFindTimeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_find_time_dialog_dispose;
  object_class->finalize = rk_find_time_dialog_finalize;

  /* The RkFindTimeChoice is valid during the emission only. */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-find-time-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkFindTimeDialog, name)
  BIND (use_button);
  BIND (form);
  BIND (duration_spin);
  BIND (from_entry);
  BIND (to_entry);
  BIND (range_hint);
  BIND (place_dropdown);
  BIND (weekday_box);
  BIND (start_entry);
  BIND (end_entry);
  BIND (roles_grid);
  BIND (preassign_check);
  BIND (error_label);
  BIND (count_label);
  BIND (results_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_use_clicked);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rk_find_time_dialog_init (RkFindTimeDialog *self)
{
  self->places = g_array_new (FALSE, FALSE, sizeof (Place));
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  build_weekdays (self);
  build_roles (self);
  self->loading = FALSE;
  for (int wd = 0; wd < 7; wd++)
    g_signal_connect_swapped (self->weekday_buttons[wd], "toggled", G_CALLBACK (on_changed), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->use_button);
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids)
    g_array_append_vals (out, ids->data, ids->len);
  return out;
}

/* What the dialog shows before searching: today, the week's first day,
 * and the venues, rooms, programs and staff. Read by the worker. */
typedef struct
{
  RkDay       today;
  gboolean    monday_first;
  RkSchedule *ref;
} Reference;

static void
reference_free (gpointer data)
{
  Reference *r = data;

  g_clear_pointer (&r->ref, rk_schedule_free);
  g_free (r);
}

static gpointer
reference_run (RkStore *store, gpointer data, GError **error)
{
  g_autofree char *week_start = rk_store_get_setting (store, "week_start");
  Reference *r = g_new0 (Reference, 1);

  r->today = rk_store_today (store);
  r->monday_first = g_strcmp0 (week_start, "monday") == 0;
  r->ref = rk_store_load_schedule (store, r->today, r->today, error);
  if (r->ref == NULL)
    {
      reference_free (r);
      return NULL;
    }
  return r;
}

static void
reference_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  Reference *r = rk_store_worker_run_finish (RK_STORE_WORKER (source), result, &error);
  RkFindTimeDialog *self;
  RkSProgram *program = NULL;
  g_autofree char *from = NULL, *to = NULL, *start = NULL, *end = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_FIND_TIME_DIALOG (user_data);
  g_clear_object (&self->cancel);
  if (r == NULL)
    {
      set_busy (self, FALSE);
      clear_results (self, error->message);
      return;
    }
  self->ref = g_steal_pointer (&r->ref);
  /* The weekdays in the calendar's order: Sunday first unless the
   * setting says Monday. */
  if (!r->monday_first)
    gtk_box_reorder_child_after (GTK_BOX (self->weekday_box), self->weekday_buttons[6], NULL);

  self->loading = TRUE;
  fill_places (self, self->room_id);
  if (self->program_id)
    program = rk_schedule_program (self->ref, self->program_id);
  for (int role = 0; role < RK_N_ROLES; role++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->role_spins[role]),
                               program ? program->required[role] : 0);
  if (self->duration > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->duration_spin), self->duration);
  else if (program && program->duration > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->duration_spin), program->duration);
  /* The next four weeks, from tomorrow: today's hours are mostly gone. */
  from = rk_date_format (r->today + 1);
  to = rk_date_format (r->today + DEFAULT_DAYS);
  set_text (self->from_entry, from);
  set_text (self->to_entry, to);
  /* Hours wide enough for a long program. */
  {
    int duration = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->duration_spin));
    int a = 9 * 60, b = 17 * 60;

    if (b - a < duration)
      b = MIN (a + duration, RK_MINUTES_PER_DAY);
    if (b - a < duration)
      a = MAX (0, b - duration);
    start = clock_text (a);
    end = clock_text (b);
    set_text (self->start_entry, start);
    set_text (self->end_entry, end);
  }
  self->loading = FALSE;
  reference_free (r);
  gtk_widget_set_sensitive (self->form, TRUE);
  rk_find_time_dialog_search (self, NULL);
}

RkFindTimeDialog *
rk_find_time_dialog_new (GtkWindow               *parent,
                         RkStoreWorker           *worker,
                         const RkFindTimeRequest *request)
{
  RkFindTimeDialog *self = g_object_new (RK_TYPE_FIND_TIME_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (request != NULL, self);

  self->worker = g_object_ref (worker);
  self->event_id = request->event_id;
  self->occ_date = request->occ_date;
  self->room_id = request->room_id;
  self->program_id = request->program_id;
  self->duration = request->duration;
  self->capacity = MAX (0, request->capacity);
  self->equipment = copy_ids (request->equipment);
  self->staff = copy_ids (request->staff);
  /* Shown at once; the fields fill when the worker has read the places. */
  gtk_widget_set_sensitive (self->form, FALSE);
  self->cancel = g_cancellable_new ();
  set_busy (self, TRUE);
  rk_store_worker_run_async (worker, reference_run, NULL, NULL, reference_free, self->cancel,
                             reference_done, self);
  return self;
}

guint
rk_find_time_dialog_get_n_slots (RkFindTimeDialog *self)
{
  g_return_val_if_fail (RK_IS_FIND_TIME_DIALOG (self), 0);

  return self->slots ? self->slots->len : 0;
}

const RkSlot *
rk_find_time_dialog_get_slot (RkFindTimeDialog *self,
                              guint             index)
{
  g_return_val_if_fail (RK_IS_FIND_TIME_DIALOG (self), NULL);

  if (self->slots == NULL || index >= self->slots->len)
    return NULL;
  return g_ptr_array_index (self->slots, index);
}

GtkWidget *
rk_find_time_dialog_get_field (RkFindTimeDialog *self,
                               const char       *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "duration", G_STRUCT_OFFSET (RkFindTimeDialog, duration_spin) },
    { "from", G_STRUCT_OFFSET (RkFindTimeDialog, from_entry) },
    { "to", G_STRUCT_OFFSET (RkFindTimeDialog, to_entry) },
    { "place", G_STRUCT_OFFSET (RkFindTimeDialog, place_dropdown) },
    { "start", G_STRUCT_OFFSET (RkFindTimeDialog, start_entry) },
    { "end", G_STRUCT_OFFSET (RkFindTimeDialog, end_entry) },
    { "preassign", G_STRUCT_OFFSET (RkFindTimeDialog, preassign_check) },
    { "results", G_STRUCT_OFFSET (RkFindTimeDialog, results_list) },
    { "count", G_STRUCT_OFFSET (RkFindTimeDialog, count_label) },
    { "error", G_STRUCT_OFFSET (RkFindTimeDialog, error_label) },
    { "use", G_STRUCT_OFFSET (RkFindTimeDialog, use_button) },
    { "weekdays", G_STRUCT_OFFSET (RkFindTimeDialog, weekday_box) },
  };

  g_return_val_if_fail (RK_IS_FIND_TIME_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  if (g_str_has_prefix (name, "role-"))
    {
      int role = rk_role_from_token (name + 5);
      return role >= 0 && role < RK_N_ROLES ? self->role_spins[role] : NULL;
    }
  if (g_str_has_prefix (name, "weekday-") && name[8] >= '1' && name[8] <= '7' && !name[9])
    return self->weekday_buttons[name[8] - '1'];
  return NULL;
}
