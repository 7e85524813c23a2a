#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-availability-editor.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-roles.h"
#include "rk-staff-dialog.h"
#include "rk-staff-page.h"
#include "rk-output.h"
#include "rk-print-language.h"
#include "rk-staff-print.h"
#include "rk-staff-sheet.h"
#include "rk-staff.h"

struct _RkStaffPage
{
  GtkBox              parent_instance;

  GtkWidget          *search_entry;
  GtkWidget          *role_filter;
  GtkWidget          *org_filter;
  GtkWidget          *inactive_check;
  GtkWidget          *column_view;
  GtkWidget          *count_label;
  GtkWidget          *detail_stack;
  GtkWidget          *name_label;
  GtkWidget          *info_label;
  GtkWidget          *active_button;
  GtkWidget          *save_ics_button;
  GtkWidget          *unavailable_list;
  GtkWidget          *availability;
  GtkWidget          *from_date;
  GtkWidget          *from_time;
  GtkWidget          *to_date;
  GtkWidget          *to_time;
  GtkWidget          *reason_entry;
  GtkWidget          *add_unavailable_button;
  GtkWidget          *unavailable_error;
  GtkWidget          *schedule_title;
  GtkWidget          *schedule_list;

  RkStore            *store;
  RkUndoStack        *undo;
  RkContext          *context;
  GListStore         *people;          /* RkStaff, as loaded */
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GtkStringList      *orgs;            /* 0: every organisation */
  int                 year, month;
  gboolean            updating;
  gboolean            toggling;    /* active / inactive on its way */
  GCancellable       *person_cancel; /* the selected person's read on its way */
  GCancellable       *list_cancel;   /* the list's read on its way */
  gint64              select_after;  /* selected when the list read is back */
};

G_DEFINE_FINAL_TYPE (RkStaffPage, rk_staff_page, GTK_TYPE_BOX)

static void show_person (RkStaffPage *self);

/* The person as the page listed them (filters aside), or NULL. */
static RkStaff *
staff_listed (RkStaffPage *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RkStaff) staff = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (rk_staff_get_id (staff) == id)
        return staff;
    }
  return NULL;
}

static RkStaff *
selected_staff (RkStaffPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* ---- columns ------------------------------------------------------------ */

static char *
col_name (gpointer item)
{
  return g_strdup (rk_staff_get_name (item));
}

static char *
col_kana (gpointer item)
{
  return g_strdup (rk_staff_get_kana (item));
}

/* People without a reading sort by their name among the others. */
static char *
col_reading (gpointer item)
{
  const char *kana = rk_staff_get_kana (item);

  return g_strdup (kana && *kana ? kana : rk_staff_get_name (item));
}

static char *
col_role (gpointer item)
{
  int role = rk_role_from_token (rk_staff_get_role (item));

  return g_strdup (role >= 0 ? rk_role_label (role) : rk_staff_get_role (item));
}

static char *
col_org (gpointer item)
{
  return g_strdup (rk_staff_get_org (item));
}

static char *
col_active (gpointer item)
{
  return g_strdup (rk_staff_get_active (item) ? _("Active") : _("Inactive"));
}

static int
role_order (RkStaff *staff, gpointer user_data)
{
  return rk_role_from_token (rk_staff_get_role (staff));
}

static int
active_order (RkStaff *staff, gpointer user_data)
{
  return rk_staff_get_active (staff) ? 0 : 1;
}

static GtkSorter *
numeric_sorter (GCallback func)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_INT, NULL, 0, NULL, func, NULL,
                                                           NULL);

  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static void
add_columns (RkStaffPage *self)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->column_view);
  GtkColumnViewColumn *kana;
  GtkColumnViewColumn *columns[5];

  columns[0] = rk_gui_text_column (_("Name"), col_name, rk_gui_key_sorter (col_reading), TRUE);
  columns[1] = kana = rk_gui_text_column (_("Reading"), col_kana, rk_gui_key_sorter (col_reading),
                                          TRUE);
  columns[2] = rk_gui_text_column (_("Role"), col_role, numeric_sorter (G_CALLBACK (role_order)),
                                   FALSE);
  columns[3] = rk_gui_text_column (_("Organisation"), col_org, rk_gui_key_sorter (col_org), TRUE);
  columns[4] = rk_gui_text_column (_("Status"), col_active,
                                   numeric_sorter (G_CALLBACK (active_order)), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gtk_column_view_append_column (view, columns[i]);
      g_object_unref (columns[i]);
    }
  /* Japanese lists go by reading, not by the characters of the name. */
  gtk_column_view_sort_by_column (view, kana, GTK_SORT_ASCENDING);
}

/* ---- filtering ---------------------------------------------------------- */

static gboolean
contains (const char *haystack, const char *needle)
{
  g_autofree char *folded = rk_gui_fold (haystack, TRUE);

  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  RkStaffPage *self = user_data;
  RkStaff *staff = item;
  guint role = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->role_filter));
  guint org = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->org_filter));
  g_autofree char *needle = rk_gui_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                         TRUE);

  if (!rk_staff_get_active (staff) &&
      !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->inactive_check)))
    return FALSE;
  if (role != GTK_INVALID_LIST_POSITION && role > 0 &&
      rk_role_from_token (rk_staff_get_role (staff)) != (int) role - 1)
    return FALSE;
  if (org != GTK_INVALID_LIST_POSITION && org > 0 &&
      g_strcmp0 (rk_staff_get_org (staff), gtk_string_list_get_string (self->orgs, org)) != 0)
    return FALSE;
  if (*needle && !contains (rk_staff_get_name (staff), needle) &&
      !contains (rk_staff_get_kana (staff), needle) && !contains (rk_staff_get_org (staff), needle))
    return FALSE;
  return TRUE;
}

static void
update_count (RkStaffPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  g_autofree char *text = NULL;

  if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", all), all);
  else
    /* TRANSLATORS: "3 of 15 people" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u person", "%u of %u people",
                                         all),
                            shown, all);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
on_filter_changed (RkStaffPage *self)
{
  gint64 keep = rk_staff_page_get_selected (self);

  if (self->filter == NULL || self->updating)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (keep)
    rk_staff_page_select (self, keep);
  update_count (self);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
refresh_orgs (RkStaffPage *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->org_filter));
  g_autofree char *keep = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  guint select = 0;

  if (self->orgs && selected != GTK_INVALID_LIST_POSITION && selected > 0)
    keep = g_strdup (gtk_string_list_get_string (self->orgs, selected));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RkStaff) staff = g_list_model_get_item (G_LIST_MODEL (self->people), i);
      const char *org = rk_staff_get_org (staff);

      if (org && *org && g_hash_table_add (seen, (gpointer) org))
        g_ptr_array_add (names, g_strdup (org));
    }
  g_ptr_array_sort (names, compare_names);
  g_clear_object (&self->orgs);
  self->orgs = gtk_string_list_new (NULL);
  gtk_string_list_append (self->orgs, _("All organisations"));
  for (guint i = 0; i < names->len; i++)
    {
      gtk_string_list_append (self->orgs, names->pdata[i]);
      if (g_strcmp0 (keep, names->pdata[i]) == 0)
        select = i + 1;
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->org_filter), G_LIST_MODEL (self->orgs));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->org_filter), select);
}

/* ---- reload ------------------------------------------------------------- */

/* In the worker thread. */
static gpointer
list_staff (RkStore *store, gpointer data, GError **error)
{
  return rk_store_list_staff (store, -1, TRUE, error);
}

static void
staff_listed_cb (GtkWidget *owner, gpointer result, const GError *error)
{
  RkStaffPage *self = RK_STAFF_PAGE (owner);
  g_autoptr(GPtrArray) staff = result;
  gint64 keep, saved;

  if (staff == NULL)
    {
      rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  saved = self->select_after;
  keep = saved ? saved : rk_staff_page_get_selected (self);
  self->select_after = 0;
  self->updating = TRUE;
  rk_gui_store_replace (self->people, staff);
  refresh_orgs (self);
  self->updating = FALSE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (saved && !rk_staff_page_select (self, saved))
    {
      /* Just saved, hidden by the filters: show everyone, so the person
       * sees the row. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->role_filter), 0);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->org_filter), 0);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->inactive_check), TRUE);
      rk_staff_page_select (self, saved);
    }
  else if (!keep || !rk_staff_page_select (self, keep))
    show_person (self);
  update_count (self);
}

/* The list is read by the worker and shown when it arrives (a read still
 * on its way is dropped); the person selected stays selected. */
void
rk_staff_page_reload (RkStaffPage *self)
{
  g_return_if_fail (RK_IS_STAFF_PAGE (self));
  if (self->context == NULL)
    return;
  rk_context_read (self->context, GTK_WIDGET (self), &self->list_cancel, list_staff, NULL, NULL,
                   (GDestroyNotify) g_ptr_array_unref, staff_listed_cb);
}

/* ---- the person --------------------------------------------------------- */

static char *
moment_text (RkMinute t)
{
  g_autofree char *day = rk_day_title (rk_minute_day (t));
  int m = rk_minute_of_day (t);

  return g_strdup_printf ("%s %d:%02d", day, m / 60, m % 60);
}

/* In the worker thread. */
static gboolean
delete_unavailable (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  gint64 id = *(gint64 *) data;

  return rk_undo_stack_save (undo, RK_UNDO_UNAVAILABILITY, id, error) &&
         rk_store_delete_unavailability (store, id, error);
}

static void
unavailable_deleted (GtkWidget *owner, gpointer data, const GError *error)
{
  RkStaffPage *self = RK_STAFF_PAGE (owner);

  if (data == NULL)
    {
      rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  show_person (self);
  rk_gui_toast (GTK_WIDGET (self), _("Time off removed"), TRUE);
}

static void
on_delete_unavailable (GtkButton   *button,
                       RkStaffPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-id");

  rk_context_save (self->context, GTK_WIDGET (self), GTK_WIDGET (button), NULL,
                   _("Remove time off"), delete_unavailable, g_memdup2 (&id, sizeof id), g_free,
                   unavailable_deleted);
}

static void
fill_unavailable (RkStaffPage *self, GArray *list)
{
  rk_gui_list_box_clear (GTK_LIST_BOX (self->unavailable_list));
  for (guint i = 0; list && i < list->len; i++)
    {
      const RkUnavailability *u = &g_array_index (list, RkUnavailability, i);
      g_autofree char *from = moment_text (u->start);
      g_autofree char *to = moment_text (u->end);
      g_autofree char *range = g_strdup_printf (_("%s – %s"), from, to);
      g_autofree char *text = u->reason ? g_markup_printf_escaped ("%s\n<small>%s</small>",
                                                                  range, u->reason)
                                        : g_markup_escape_text (range, -1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove time off %s"), range);

      gtk_list_box_append (GTK_LIST_BOX (self->unavailable_list),
                           rk_gui_removable_row (text, remove_label, u->id,
                                                 G_CALLBACK (on_delete_unavailable), self));
    }
  if (list == NULL || list->len == 0)
    {
      GtkWidget *none = rk_gui_row_label (_("Available: no leave or training entered"), FALSE);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_start (none, 8);
      gtk_widget_set_margin_top (none, 6);
      gtk_widget_set_margin_bottom (none, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->unavailable_list), none);
    }
}

static void
on_schedule_row_activated (GtkListBox    *list,
                           GtkListBoxRow *row,
                           RkStaffPage   *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "rk-event-id");
  guint32 date = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "rk-orig-date"));

  if (id)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)", *id, date);
}

static void
fill_schedule (RkStaffPage *self, GArray *slots, const GError *error)
{
  g_autofree char *month = rk_month_title (self->year, self->month);
  g_autofree char *title = g_strdup_printf (_("Schedule for %s"), month);

  gtk_label_set_text (GTK_LABEL (self->schedule_title), title);
  rk_gui_list_box_clear (GTK_LIST_BOX (self->schedule_list));
  for (guint i = 0; slots && i < slots->len; i++)
    {
      const RkStaffSlot *slot = &g_array_index (slots, RkStaffSlot, i);
      g_autofree char *day = rk_day_title (rk_minute_day (slot->start));
      int a = rk_minute_of_day (slot->start), b = rk_minute_of_day (slot->end);
      g_autofree char *head = g_strdup_printf ("%s  %d:%02d–%d:%02d  %s%s", day, a / 60, a % 60,
                                               b / 60, b % 60, slot->title,
                                               slot->tentative ? _(" (not confirmed)") : "");
      g_autofree char *markup = slot->place
                                  ? g_markup_printf_escaped ("%s\n<small>%s</small>", head,
                                                             slot->place)
                                  : g_markup_escape_text (head, -1);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = rk_gui_row_label (markup, TRUE);
      gint64 *id = g_new (gint64, 1);

      *id = slot->event_id;
      g_object_set_data_full (G_OBJECT (row), "rk-event-id", id, g_free);
      g_object_set_data (G_OBJECT (row), "rk-orig-date", GUINT_TO_POINTER (slot->orig_date));
      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (GTK_LIST_BOX (self->schedule_list), row);
    }
  if (slots == NULL || slots->len == 0)
    {
      GtkWidget *none = rk_gui_row_label (error ? error->message : _("No events this month"),
                                          FALSE);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_start (none, 8);
      gtk_widget_set_margin_top (none, 6);
      gtk_widget_set_margin_bottom (none, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->schedule_list), none);
    }
}

/* What the page shows of a person beyond their row: read by the worker
 * (their time off, working pattern and month's schedule), shown when it
 * arrives; a read for someone selected past is dropped. */
typedef struct
{
  gint64          staff_id;
  int             year, month;
  GArray         *away;
  RkAvailability *pattern;
  GArray         *slots;
  GError         *slots_error;
} Person;

static void
person_free (gpointer p)
{
  Person *person = p;

  g_clear_pointer (&person->away, g_array_unref);
  g_clear_pointer (&person->pattern, rk_availability_free);
  g_clear_pointer (&person->slots, g_array_unref);
  g_clear_error (&person->slots_error);
  g_free (person);
}

/* In the worker thread. */
static gpointer
person_read (RkStore *store, gpointer data, GError **error)
{
  Person *in = data, *out = g_new0 (Person, 1);

  out->staff_id = in->staff_id;
  out->away = rk_store_list_unavailability (store, in->staff_id, error);
  if (out->away == NULL)
    {
      person_free (out);
      return NULL;
    }
  out->pattern = rk_store_get_availability (store, in->staff_id, NULL);
  out->slots = rk_staff_schedule (store, in->staff_id, in->year, in->month, &out->slots_error);
  return out;
}

static void
person_shown (GtkWidget *owner, gpointer result, const GError *error)
{
  RkStaffPage *self = RK_STAFF_PAGE (owner);
  Person *person = result;
  RkStaff *staff;

  staff = selected_staff (self);
  if (person == NULL)
    rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
  else if (staff && rk_staff_get_id (staff) == person->staff_id)
    {
      fill_unavailable (self, person->away);
      rk_availability_editor_show (RK_AVAILABILITY_EDITOR (self->availability), self->context,
                                   person->staff_id, person->pattern);
      fill_schedule (self, person->slots, person->slots_error);
    }
  g_clear_pointer (&person, person_free);
}

static void
read_person (RkStaffPage *self, gint64 staff_id)
{
  Person *in = g_new0 (Person, 1);

  in->staff_id = staff_id;
  in->year = self->year;
  in->month = self->month;
  rk_context_read (self->context, GTK_WIDGET (self), &self->person_cancel, person_read, in, g_free,
                   person_free, person_shown);
}

gboolean
rk_staff_page_is_loading (RkStaffPage *self)
{
  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), FALSE);
  return self->person_cancel != NULL || self->list_cancel != NULL;
}

static void
show_person (RkStaffPage *self)
{
  RkStaff *staff = selected_staff (self);
  gboolean any = staff != NULL;
  g_autoptr(GString) info = g_string_new (NULL);
  int role;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.edit", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.toggle-active", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.print", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.save-ics", any);
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), any ? "person" : "empty");
  if (!any || self->store == NULL)
    return;

  role = rk_role_from_token (rk_staff_get_role (staff));
  g_string_append (info, role >= 0 ? rk_role_label (role) : "");
  if (rk_staff_get_org (staff))
    g_string_append_printf (info, " · %s", rk_staff_get_org (staff));
  if (rk_staff_get_phone (staff))
    g_string_append_printf (info, " · %s", rk_staff_get_phone (staff));
  if (rk_staff_get_email (staff))
    g_string_append_printf (info, " · %s", rk_staff_get_email (staff));
  if (!rk_staff_get_active (staff))
    g_string_append_printf (info, "\n%s", _("Inactive: kept on past events, not suggested"));
  gtk_label_set_text (GTK_LABEL (self->name_label), rk_staff_get_name (staff));
  gtk_label_set_text (GTK_LABEL (self->info_label), info->str);
  gtk_button_set_label (GTK_BUTTON (self->active_button),
                        rk_staff_get_active (staff) ? _("_Deactivate") : _("_Activate"));
  gtk_widget_set_tooltip_text (self->active_button,
                               rk_staff_get_active (staff)
                                 ? _("Keep this person on past events but stop suggesting them")
                                 : _("Make this person available for assignments again"));
  read_person (self, rk_staff_get_id (staff));
}

static void
on_selection_changed (RkStaffPage *self)
{
  if (!self->updating)
    show_person (self);
}

/* ---- time off ----------------------------------------------------------- */

static gboolean
read_unavailable (RkStaffPage *self, RkMinute *from, RkMinute *to, gboolean quiet)
{
  const char *message = NULL;

  if (!rk_gui_read_time (self->from_date, self->from_time, from) ||
      !rk_gui_read_time (self->to_date, self->to_time, to))
    message = _("Write the dates as YYYY-MM-DD and the times as HH:MM");
  else if (*to <= *from)
    message = _("The end must be after the start");
  if (!quiet || message == NULL)
    rk_gui_field_error (self->unavailable_error, NULL, message);
  gtk_widget_set_sensitive (self->add_unavailable_button, message == NULL);
  return message == NULL;
}

static void
on_unavailable_changed (RkStaffPage *self)
{
  RkMinute a, b;

  read_unavailable (self, &a, &b, FALSE);
}

typedef struct
{
  gint64       staff_id;
  RkMinute     from, to;
  char        *reason;
  char        *name;
} AddData;

static void
add_data_free (gpointer p)
{
  AddData *d = p;

  g_free (d->reason);
  g_free (d->name);
  g_free (d);
}

/* In the worker thread. */
static gboolean
add_unavailable (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  AddData *d = data;
  gint64 id = rk_store_add_unavailability (store, d->staff_id, d->from, d->to, d->reason, error);

  if (id == 0)
    return FALSE;
  rk_undo_stack_note_new (undo, RK_UNDO_UNAVAILABILITY, id);
  return TRUE;
}

static void
unavailable_added (GtkWidget *owner, gpointer data, const GError *error)
{
  RkStaffPage *self = RK_STAFF_PAGE (owner);
  AddData *d = data;
  g_autofree char *message = NULL;

  if (d == NULL)
    {
      rk_gui_field_error (self->unavailable_error, NULL, error->message);
      return;
    }
  message = g_strdup_printf (_("Time off added for %s"), d->name);
  rk_gui_set_text (self->reason_entry, NULL);
  show_person (self);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

static void
on_add_unavailable (RkStaffPage *self)
{
  RkStaff *staff = selected_staff (self);
  AddData *d;

  if (staff == NULL || rk_context_is_saving (self->add_unavailable_button))
    return;
  d = g_new0 (AddData, 1);
  if (!read_unavailable (self, &d->from, &d->to, FALSE))
    {
      add_data_free (d);
      return;
    }
  d->staff_id = rk_staff_get_id (staff);
  d->reason = rk_gui_entry_text (self->reason_entry);
  d->name = g_strdup (rk_staff_get_name (staff));
  rk_context_save (self->context, GTK_WIDGET (self), self->add_unavailable_button, NULL,
                   _("Add time off"), add_unavailable, d, add_data_free, unavailable_added);
}


/* ---- actions ------------------------------------------------------------ */

static void
on_dialog_saved (RkStaffDialog *dialog,
                 gint64         id,
                 const char    *message,
                 RkStaffPage   *self)
{
  /* Selected when the list read anew is back. */
  self->select_after = id;
  rk_staff_page_reload (self);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

GtkWidget *
rk_staff_page_open_dialog (RkStaffPage *self,
                           gint64       staff_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RkStaffDialog *dialog;
  RkStaff *staff;

  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), NULL);
  staff = staff_id > 0 ? staff_listed (self, staff_id) : NULL;
  if (staff_id > 0 && staff == NULL)
    {
      rk_gui_toast (GTK_WIDGET (self), _("That person is no longer listed; they may have been "
                                         "changed meanwhile"), FALSE);
      return NULL;
    }
  dialog = rk_staff_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
                                staff);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  rk_staff_page_open_dialog (RK_STAFF_PAGE (widget), 0);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkStaffPage *self = RK_STAFF_PAGE (widget);
  RkStaff *staff = selected_staff (self);

  if (staff)
    rk_staff_page_open_dialog (self, rk_staff_get_id (staff));
}

static void
on_row_activated (RkStaffPage *self,
                  guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  edit_action (GTK_WIDGET (self), "staff.edit", NULL);
}


/* In the worker thread. */
static gboolean
set_active (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  RkEntitySave *d = data;

  return rk_undo_stack_save (undo, RK_UNDO_STAFF, rk_staff_get_id (d->edited), error) &&
         rk_store_update_staff (store, d->edited, error);
}

static void
active_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RkStaffPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RkEntitySave *d = rk_context_change_finish (RK_CONTEXT (source), result, &error);
  g_autofree char *message = NULL;
  gboolean active;

  self->toggling = FALSE;
  if (self->context == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (d == NULL)
    {
      rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
      rk_staff_page_reload (self);
      return;
    }
  active = rk_staff_get_active (d->edited);
  message = active ? g_strdup_printf (_("%s is active again"), d->name)
                   : g_strdup_printf (_("%s deactivated: kept on past events, no longer "
                                        "suggested"),
                                      d->name);
  /* Seen, even when inactive people are hidden. */
  if (!active)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->inactive_check), TRUE);
  rk_staff_page_reload (self);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

gboolean
rk_staff_page_get_busy (RkStaffPage *self)
{
  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), FALSE);
  return self->toggling;
}

static void
toggle_active_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkStaffPage *self = RK_STAFF_PAGE (widget);
  RkStaff *staff = selected_staff (self);
  RkEntitySave *d;
  gboolean active;

  /* One at a time: the next goes with the version the first leaves. */
  if (staff == NULL || self->toggling)
    return;
  active = !rk_staff_get_active (staff);
  d = rk_entity_save_new (g_object_new (RK_TYPE_STAFF,
                                        "id", rk_staff_get_id (staff),
                                        "name", rk_staff_get_name (staff),
                                        "kana", rk_staff_get_kana (staff),
                                        "role", rk_staff_get_role (staff),
                                        "org", rk_staff_get_org (staff),
                                        "phone", rk_staff_get_phone (staff),
                                        "email", rk_staff_get_email (staff),
                                        "active", active,
                                        "version", rk_staff_get_version (staff),
                                        NULL),
                          FALSE, g_strdup (rk_staff_get_name (staff)));
  self->toggling = TRUE;
  rk_context_change_async (self->context,
                           active ? _("Activate staff member") : _("Deactivate staff member"),
                           set_active, d, rk_entity_save_free, active_done, g_object_ref (self));
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkStaffPage *self = RK_STAFF_PAGE (widget);
  RkStaff *staff = selected_staff (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (staff)
    rk_staff_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                    rk_context_get_worker (self->context), rk_staff_get_id (staff),
                    rk_staff_get_name (staff), self->year, self->month);
}

gboolean
rk_staff_page_save_ics (RkStaffPage  *self,
                        const char   *path,
                        GError      **error)
{
  RkStaff *staff;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), FALSE);

  staff = selected_staff (self);
  if (staff == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND, _("Choose a person first"));
      return FALSE;
    }
  sheets = rk_staff_sheets_new (self->store, rk_staff_get_id (staff), self->year, self->month,
                                rk_print_language_from_store (self->store), error);
  if (sheets == NULL)
    return FALSE;
  text = rk_staff_sheet_ics (g_ptr_array_index (sheets, 0));
  /* Private like every staff export: where the person goes, and when. */
  return rk_output_write_file (path, text, strlen (text), TRUE, error);
}

static void
on_save_ics_response (GtkNativeDialog *native, int response, gpointer data)
{
  RkStaffPage *self = RK_STAFF_PAGE (data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path == NULL)
        message = g_strdup (_("Choose a file on this computer"));
      else if (!rk_staff_page_save_ics (self, path, &error))
        message = g_strdup (error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);

          message = g_strdup_printf (_("Saved %s: open it with a calendar app or a phone"),
                                     name);
        }
      rk_gui_toast (GTK_WIDGET (self), message, FALSE);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
save_ics_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkStaffPage *self = RK_STAFF_PAGE (widget);
  RkStaff *staff = selected_staff (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *native;

  if (staff == NULL)
    return;
  /* The name as written, without its spaces: 佐藤美咲-2026-12.ics */
  {
    g_autoptr(GString) plain = g_string_new (NULL);

    for (const char *p = rk_staff_get_name (staff); *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (!g_unichar_isspace (c) && c != '/' && c != '\\')
          g_string_append_unichar (plain, c);
      }
    file_name = g_strdup_printf ("%s-%04d-%02d.ics", plain->len ? plain->str : "staff",
                                 self->year, self->month);
  }
  native = gtk_file_chooser_native_new (_("Save Schedule as a Calendar File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Calendar files (.ics)"));
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_save_ics_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
rk_staff_page_set_month (RkStaffPage *self,
                         int          year,
                         int          month)
{
  g_return_if_fail (RK_IS_STAFF_PAGE (self));

  while (month < 1)
    {
      month += 12;
      year--;
    }
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  self->year = year;
  self->month = month;
  show_person (self);
}

static void
on_schedule_prev (RkStaffPage *self)
{
  rk_staff_page_set_month (self, self->year, self->month - 1);
}

static void
on_schedule_next (RkStaffPage *self)
{
  rk_staff_page_set_month (self, self->year, self->month + 1);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_staff_page_dispose (GObject *object)
{
  RkStaffPage *self = RK_STAFF_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_STAFF_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->people);
  g_clear_object (&self->orgs);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  g_cancellable_cancel (self->person_cancel);
  g_clear_object (&self->person_cancel);
  g_cancellable_cancel (self->list_cancel);
  g_clear_object (&self->list_cancel);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_staff_page_parent_class)->dispose (object);
}

static void rk_staff_page_bind (RkStaffPage *self, RkStore *store, RkUndoStack *undo);

/* The page gets its context when it is made, and reloads itself on every
 * change to the stored data. */
static void
rk_staff_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RkContext *context = g_value_get_object (value);

  g_set_object (&RK_STAFF_PAGE (object)->context, context);
  rk_staff_page_bind (RK_STAFF_PAGE (object), rk_context_get_store (context), rk_context_get_undo (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (rk_staff_page_reload), object,
                           G_CONNECT_SWAPPED);
}

static void
rk_staff_page_class_init (RkStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_staff_page_dispose;
  object_class->set_property = rk_staff_page_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-staff-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkStaffPage, name)
  BIND (search_entry);
  BIND (role_filter);
  BIND (org_filter);
  BIND (inactive_check);
  BIND (column_view);
  BIND (count_label);
  BIND (detail_stack);
  BIND (name_label);
  BIND (info_label);
  BIND (active_button);
  BIND (save_ics_button);
  BIND (unavailable_list);
  BIND (availability);
  BIND (from_date);
  BIND (from_time);
  BIND (to_date);
  BIND (to_time);
  BIND (reason_entry);
  BIND (add_unavailable_button);
  BIND (unavailable_error);
  BIND (schedule_title);
  BIND (schedule_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_unavailable_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_unavailable);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_prev);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_next);

  gtk_widget_class_install_action (widget_class, "staff.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "staff.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "staff.toggle-active", NULL,
                                   toggle_active_action);
  gtk_widget_class_install_action (widget_class, "staff.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "staff.save-ics", NULL, save_ics_action);
}

static void
rk_staff_page_init (RkStaffPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  g_type_ensure (RK_TYPE_AVAILABILITY_EDITOR);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (roles, _("All roles"));
  for (int r = 0; r < RK_N_ROLES; r++)
    gtk_string_list_append (roles, rk_role_label (r));
  self->people = g_list_store_new (RK_TYPE_STAFF);
  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->role_filter), G_LIST_MODEL (roles));
  refresh_orgs (self);
  self->updating = FALSE;

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  add_columns (self);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->people)),
                                        GTK_FILTER (self->filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (
                                      GTK_COLUMN_VIEW (self->column_view))));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->schedule_list, "row-activated", G_CALLBACK (on_schedule_row_activated),
                    self);
  show_person (self);
}

static void
rk_staff_page_bind (RkStaffPage *self,
                    RkStore     *store,
                    RkUndoStack *undo)
{
  RkDay today;
  g_autofree char *date = NULL;

  g_return_if_fail (RK_IS_STAFF_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->undo, undo);
  today = rk_context_get_today (self->context);
  rk_day_to_ymd (today, &self->year, &self->month, NULL);
  date = rk_date_format (today);
  rk_gui_set_text (self->from_date, date);
  rk_gui_set_text (self->to_date, date);
  rk_gui_set_text (self->from_time, "09:00");
  rk_gui_set_text (self->to_time, "17:00");
  rk_staff_page_reload (self);
}

GListModel *
rk_staff_page_get_model (RkStaffPage *self)
{
  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

gboolean
rk_staff_page_select (RkStaffPage *self,
                      gint64       staff_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), FALSE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RkStaff) staff = g_list_model_get_item (model, i);

      if (rk_staff_get_id (staff) == staff_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* Same position as before a reload: no notify, so show anyway. */
          show_person (self);
          return TRUE;
        }
    }
  return FALSE;
}

gint64
rk_staff_page_get_selected (RkStaffPage *self)
{
  RkStaff *staff;

  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), 0);
  staff = self->selection ? selected_staff (self) : NULL;
  return staff ? rk_staff_get_id (staff) : 0;
}

GtkWidget *
rk_staff_page_get_field (RkStaffPage *self,
                         const char  *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "search", G_STRUCT_OFFSET (RkStaffPage, search_entry) },
    { "role_filter", G_STRUCT_OFFSET (RkStaffPage, role_filter) },
    { "org_filter", G_STRUCT_OFFSET (RkStaffPage, org_filter) },
    { "inactive", G_STRUCT_OFFSET (RkStaffPage, inactive_check) },
    { "column_view", G_STRUCT_OFFSET (RkStaffPage, column_view) },
    { "from_date", G_STRUCT_OFFSET (RkStaffPage, from_date) },
    { "from_time", G_STRUCT_OFFSET (RkStaffPage, from_time) },
    { "to_date", G_STRUCT_OFFSET (RkStaffPage, to_date) },
    { "to_time", G_STRUCT_OFFSET (RkStaffPage, to_time) },
    { "reason", G_STRUCT_OFFSET (RkStaffPage, reason_entry) },
    { "add_unavailable", G_STRUCT_OFFSET (RkStaffPage, add_unavailable_button) },
    { "unavailable_error", G_STRUCT_OFFSET (RkStaffPage, unavailable_error) },
    { "unavailable_list", G_STRUCT_OFFSET (RkStaffPage, unavailable_list) },
    { "schedule_list", G_STRUCT_OFFSET (RkStaffPage, schedule_list) },
    { "active_button", G_STRUCT_OFFSET (RkStaffPage, active_button) },
    { "availability", G_STRUCT_OFFSET (RkStaffPage, availability) },
    { "save_ics_button", G_STRUCT_OFFSET (RkStaffPage, save_ics_button) },
  };

  g_return_val_if_fail (RK_IS_STAFF_PAGE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
