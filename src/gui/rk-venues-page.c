#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-room-dialog.h"
#include "rk-room.h"
#include "rk-store-notices.h"
#include "rk-venue.h"
#include "rk-venues-page.h"

/* The kinds of place, as stored and as shown. */
static const char * const kind_tokens[] = { "hub", "health_centre", "other" };

enum
{
  CLOSE_DATE,
  CLOSE_RANGE,
  CLOSE_WEEKDAY,
  CLOSE_YEARLY,
};

struct _RkVenuesPage
{
  GtkBox              parent_instance;

  GtkWidget          *venue_list;
  GtkWidget          *stale_bar;
  GtkWidget          *stale_label;
  GtkWidget          *venue_heading;
  GtkWidget          *name_entry;
  GtkWidget          *kind_dropdown;
  GtkWidget          *address_entry;
  GtkWidget          *contact_entry;
  GtkWidget          *holidays_check;
  GtkWidget          *error_label;
  GtkWidget          *save_button;
  GtkWidget          *details_box;
  GtkWidget          *rooms_view;
  GtkWidget          *closing_list;
  GtkWidget          *closing_kind;
  GtkWidget          *closing_from;
  GtkWidget          *closing_to;
  GtkWidget          *closing_weekday;
  GtkWidget          *closing_reason;
  GtkWidget          *closing_add;
  GtkWidget          *closing_error;
  GtkWidget          *calendar;
  GtkWidget          *notice_heading;
  GtkWidget          *notice_view;
  GtkWidget          *notice_error;
  GtkWidget          *notice_save;
  GtkWidget          *notice_clear;

  RkStore            *store;
  RkContext          *context;
  GtkWidget          *form;
  RkUndoStack        *undo;
  RkSchedule         *ref;             /* venues with their closing days */
  GPtrArray          *venues;          /* RkVenue, as listed */
  RkVenue            *venue;           /* the one in the form; NULL: new or none */
  gboolean            creating;
  gboolean            dirty;           /* typed into since loaded */
  gboolean            loading;
  GListStore         *rooms;
  GtkSingleSelection *room_selection;
  char               *notice_key;      /* venue and month the notice field shows */
  GCancellable       *notice_cancel;   /* the notice's read on its way */
  GCancellable       *list_cancel;     /* the places' read on its way */
  GHashTable         *rooms_by_venue;  /* as last read: venue id → rooms */
  gint64              select_after;    /* shown when the places read is back */
  gboolean            notice_typed;    /* typed into since shown */
  gboolean            notice_loading;
};

G_DEFINE_FINAL_TYPE (RkVenuesPage, rk_venues_page, GTK_TYPE_BOX)

static void show_venue_lists (RkVenuesPage *self);
static void show_notice (RkVenuesPage *self);

static int
kind_index (const char *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_tokens); i++)
    if (g_strcmp0 (token, kind_tokens[i]) == 0)
      return (int) i;
  return 0;
}

static gint64
current_id (RkVenuesPage *self)
{
  return self->venue ? rk_venue_get_id (self->venue) : 0;
}

/* ---- the form ----------------------------------------------------------- */

static void
load_form (RkVenuesPage *self, RkVenue *venue)
{
  g_set_object (&self->venue, venue);
  self->creating = venue == NULL;
  self->loading = TRUE;
  rk_gui_set_text (self->name_entry, venue ? rk_venue_get_name (venue) : NULL);
  rk_gui_set_text (self->address_entry, venue ? rk_venue_get_address (venue) : NULL);
  rk_gui_set_text (self->contact_entry, venue ? rk_venue_get_contact (venue) : NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown),
                              venue ? kind_index (rk_venue_get_kind (venue)) : 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->holidays_check),
                               venue ? rk_venue_get_closed_on_holidays (venue) : FALSE);
  self->loading = FALSE;
  self->dirty = FALSE;
  gtk_label_set_text (GTK_LABEL (self->venue_heading),
                      venue ? rk_venue_get_name (venue) : _("New Place"));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->stale_bar), FALSE);
  rk_gui_field_error (self->error_label, self->name_entry, NULL);
  gtk_widget_set_visible (self->details_box, venue != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "venues.add-room", venue != NULL);
  show_venue_lists (self);
}

static void
on_form_changed (RkVenuesPage *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  gtk_widget_set_visible (self->error_label, FALSE);
}

typedef RkEntitySave SaveData;

/* In the worker thread. */
static gboolean
save_venue (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  SaveData *d = data;
  gint64 id;

  if (d->add)
    {
      id = rk_store_add_venue (store, d->edited, error);
      if (id == 0)
        return FALSE;
      rk_venue_set_id (d->edited, id);
      rk_undo_stack_note_new (undo, RK_UNDO_VENUE, id);
      return TRUE;
    }
  return rk_undo_stack_save (undo, RK_UNDO_VENUE, rk_venue_get_id (d->edited), error) &&
         rk_store_update_venue (store, d->edited, error);
}

static void
save_failed (RkVenuesPage *self, const GError *error)
{
  rk_gui_save_failed (error, self->stale_bar, self->stale_label,
                      _("Someone else changed this place while you were editing. Your "
                        "changes were not saved. Reload to see the new version, then make "
                        "your changes again."),
                      self->error_label);
}

static void
save_done (GtkWidget *owner, gpointer data, const GError *error)
{
  RkVenuesPage *self = RK_VENUES_PAGE (owner);
  SaveData *d = data;
  g_autofree char *message = NULL;

  if (d == NULL)
    {
      save_failed (self, error);
      return;
    }
  self->dirty = FALSE;
  load_form (self, d->edited);
  self->select_after = rk_venue_get_id (d->edited);
  rk_venues_page_reload (self);
  message = rk_gui_saved_message (d->name, d->add);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

gboolean
rk_venues_page_save (RkVenuesPage  *self,
                     GError       **error)
{
  g_autofree char *address = rk_gui_entry_text (self->address_entry);
  g_autofree char *contact = rk_gui_entry_text (self->contact_entry);
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown));
  SaveData *d;

  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), FALSE);
  if (self->venue == NULL && !self->creating)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Choose a place or add one first"));
      return FALSE;
    }
  if (rk_context_is_saving (self->save_button))
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The place is being saved"));
      return FALSE;
    }
  d = g_new0 (SaveData, 1);
  d->name = rk_gui_entry_text (self->name_entry);
  if (d->name == NULL)
    {
      rk_entity_save_free (d);
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Give the place a name"));
      return FALSE;
    }
  d->edited = rk_venue_new ();
  d->add = self->venue == NULL;
  g_object_set (d->edited,
                "name", d->name,
                "kind", kind_tokens[kind < G_N_ELEMENTS (kind_tokens) ? kind : 0],
                "address", address,
                "contact", contact,
                "closed-on-holidays",
                gtk_check_button_get_active (GTK_CHECK_BUTTON (self->holidays_check)),
                NULL);
  if (self->venue)
    {
      rk_venue_set_id (d->edited, rk_venue_get_id (self->venue));
      rk_venue_set_version (d->edited, rk_venue_get_version (self->venue));
    }
  gtk_widget_set_visible (self->error_label, FALSE);
  return rk_context_save (self->context, GTK_WIDGET (self), self->save_button, self->form,
                          d->add ? _("Add place") : _("Edit place"), save_venue, d,
                          rk_entity_save_free, save_done);
}

static void
on_save_clicked (RkVenuesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_venues_page_save (self, &error) && error)
    save_failed (self, error);
}

static void
on_reload_clicked (RkVenuesPage *self)
{
  gint64 id = current_id (self);

  self->dirty = FALSE;
  /* Read anew; the form takes the stored version when it is back. */
  g_clear_object (&self->venue);
  self->select_after = id;
  rk_venues_page_reload (self);
}

/* ---- rooms -------------------------------------------------------------- */

static char *
room_name (gpointer item)
{
  return g_strdup (rk_room_get_name (item));
}

static char *
room_capacity (gpointer item)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person", "%d people",
                                       rk_room_get_capacity (item)),
                          rk_room_get_capacity (item));
}

static char *
room_features (gpointer item)
{
  g_auto(GStrv) parts = g_strsplit (rk_room_get_features (item) ? rk_room_get_features (item)
                                                                : "",
                                    ",", -1);

  return g_strjoinv (_(", "), parts);
}

static void
on_room_saved (RkRoomDialog *dialog,
               gint64        id,
               const char   *message,
               RkVenuesPage *self)
{
  rk_venues_page_reload (self);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

GtkWidget *
rk_venues_page_open_room (RkVenuesPage *self,
                          gint64        room_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RkRoomDialog *dialog;
  RkRoom *room = NULL;

  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), NULL);
  if (self->venue == NULL)
    return NULL;
  if (room_id > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));

      for (guint i = 0; i < n && room == NULL; i++)
        {
          g_autoptr(RkRoom) r = g_list_model_get_item (G_LIST_MODEL (self->rooms), i);

          if (rk_room_get_id (r) == room_id)
            room = r;
        }
      if (room == NULL)
        {
          rk_gui_toast (GTK_WIDGET (self), _("That room is no longer listed; it may have been "
                                             "changed meanwhile"), FALSE);
          return NULL;
        }
    }
  dialog = rk_room_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
                               self->venue, room);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_room_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
add_room_action (GtkWidget *widget, const char *name, GVariant *param)
{
  rk_venues_page_open_room (RK_VENUES_PAGE (widget), 0);
}

static void
edit_room_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkVenuesPage *self = RK_VENUES_PAGE (widget);
  RkRoom *room = gtk_single_selection_get_selected_item (self->room_selection);

  if (room)
    rk_venues_page_open_room (self, rk_room_get_id (room));
}

static void
on_room_activated (RkVenuesPage *self,
                   guint         position)
{
  gtk_single_selection_set_selected (self->room_selection, position);
  edit_room_action (GTK_WIDGET (self), "venues.edit-room", NULL);
}

static void
on_room_selected (RkVenuesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "venues.edit-room",
                                 gtk_single_selection_get_selected_item (self->room_selection)
                                   != NULL);
}

/* ---- closing days ------------------------------------------------------- */

static char *
weekday_name (int weekday)
{
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);

  return g_date_time_format (dt, "%A");
}

static char *
closing_text (const RkClosing *c)
{
  switch (c->kind)
    {
    case RK_CLOSING_DATE:
      return rk_day_title (c->start);
    case RK_CLOSING_RANGE:
      {
        g_autofree char *a = rk_day_title (c->start);
        g_autofree char *b = rk_day_title (c->end);
        return g_strdup_printf (_("%s – %s"), a, b);
      }
    case RK_CLOSING_WEEKDAY:
      {
        g_autofree char *day = weekday_name (c->weekday);
        /* TRANSLATORS: a weekly closing day, "Every Monday" */
        return g_strdup_printf (_("Every %s"), day);
      }
    case RK_CLOSING_YEARLY:
    default:
      /* TRANSLATORS: a span closed every year: month/day – month/day */
      return g_strdup_printf (_("Every year %d/%d – %d/%d"), c->start_md / 100, c->start_md % 100,
                              c->end_md / 100, c->end_md % 100);
    }
}

static gboolean
delete_closing (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  gint64 id = *(gint64 *) data;

  return rk_undo_stack_save (undo, RK_UNDO_CLOSING, id, error) &&
         rk_store_delete_closing (store, id, error);
}

static void
closing_deleted (GtkWidget *owner, gpointer data, const GError *error)
{
  RkVenuesPage *self = RK_VENUES_PAGE (owner);

  if (data == NULL)
    {
      rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  rk_venues_page_reload (self);
  rk_gui_toast (GTK_WIDGET (self), _("Closing day removed"), TRUE);
}

static void
on_delete_closing (GtkButton    *button,
                   RkVenuesPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-id");

  rk_context_save (self->context, GTK_WIDGET (self), GTK_WIDGET (button), NULL,
                   _("Remove closing day"), delete_closing, g_memdup2 (&id, sizeof id), g_free,
                   closing_deleted);
}

static void
update_calendar (RkVenuesPage *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  RkSVenue *sv = self->ref && self->venue ? rk_schedule_venue (self->ref,
                                                               rk_venue_get_id (self->venue))
                                          : NULL;
  int y = g_date_time_get_year (dt), m = g_date_time_get_month (dt);

  gtk_calendar_clear_marks (GTK_CALENDAR (self->calendar));
  if (sv == NULL)
    return;
  for (int d = 1; d <= rk_days_in_month (y, m); d++)
    if (rk_venue_closed_on (sv, rk_day_from_ymd (y, m, d), NULL))
      gtk_calendar_mark_day (GTK_CALENDAR (self->calendar), (guint) d);
}

static void
on_calendar_changed (RkVenuesPage *self)
{
  update_calendar (self);
  show_notice (self);
}

/* ---- the month's notice ------------------------------------------------- */

/* The month the calendar shows. */
static void
calendar_month (RkVenuesPage *self, int *year, int *month)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));

  *year = g_date_time_get_year (dt);
  *month = g_date_time_get_month (dt);
}

typedef struct
{
  gint64      venue_id;
  int         year, month;
  char       *text;          /* NULL: remove */
} NoticeData;

static void
notice_data_free (gpointer p)
{
  NoticeData *d = p;

  g_free (d->text);
  g_free (d);
}

static void
fill_notice (RkVenuesPage *self, const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notice_view));

  self->notice_loading = TRUE;
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  self->notice_loading = FALSE;
  self->notice_typed = FALSE;
  gtk_widget_set_sensitive (self->notice_clear, text != NULL);
  rk_gui_field_error (self->notice_error, NULL, NULL);
}

/* In the worker thread: the notice, or "" for none. */
static gpointer
read_notice (RkStore *store, gpointer data, GError **error)
{
  NoticeData *d = data;
  GError *local = NULL;
  char *text = rk_store_get_venue_notice (store, d->venue_id, d->year, d->month, &local);

  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return text ? text : g_strdup ("");
}

static void
notice_read (GtkWidget *owner, gpointer result, const GError *error)
{
  RkVenuesPage *self = RK_VENUES_PAGE (owner);
  g_autofree char *text = result;

  gtk_widget_set_sensitive (self->notice_view, TRUE);
  if (text == NULL)
    {
      rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  fill_notice (self, *text ? text : NULL);
}

static void
show_notice (RkVenuesPage *self)
{
  g_autofree char *title = NULL, *heading = NULL, *key = NULL;
  int y, m;

  calendar_month (self, &y, &m);
  title = rk_month_title (y, m);
  /* TRANSLATORS: heading on the Places page; %s is a month, "December 2026" */
  heading = g_strdup_printf (_("Notice for %s"), title);
  gtk_label_set_text (GTK_LABEL (self->notice_heading), heading);
  key = g_strdup_printf ("%" G_GINT64_FORMAT "/%d-%d", current_id (self), y, m);
  /* What is being typed stays, unless another venue or month is shown. */
  if (self->notice_typed && g_strcmp0 (key, self->notice_key) == 0)
    return;
  g_free (self->notice_key);
  self->notice_key = g_steal_pointer (&key);
  self->notice_typed = FALSE;
  g_cancellable_cancel (self->notice_cancel);
  g_clear_object (&self->notice_cancel);
  gtk_widget_set_sensitive (self->notice_view, TRUE);
  if (self->context && self->venue)
    {
      NoticeData *d = g_new0 (NoticeData, 1);

      d->venue_id = current_id (self);
      d->year = y;
      d->month = m;
      /* Not the other month's text meanwhile. */
      fill_notice (self, NULL);
      gtk_widget_set_sensitive (self->notice_view, FALSE);
      rk_context_read (self->context, GTK_WIDGET (self), &self->notice_cancel, read_notice, d,
                       notice_data_free, g_free, notice_read);
    }
  else
    fill_notice (self, NULL);
}

static void
on_notice_typed (RkVenuesPage *self)
{
  if (self->notice_loading)
    return;
  self->notice_typed = TRUE;
  rk_gui_field_error (self->notice_error, NULL, NULL);
}


static gboolean
save_notice (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  NoticeData *d = data;

  return rk_undo_stack_save (undo, RK_UNDO_VENUE, d->venue_id, error) &&
         rk_store_set_venue_notice (store, d->venue_id, d->year, d->month, d->text, error);
}

static void
notice_saved (GtkWidget *owner, gpointer data, const GError *error)
{
  RkVenuesPage *self = RK_VENUES_PAGE (owner);
  NoticeData *d = data;

  if (d == NULL)
    {
      rk_gui_field_error (self->notice_error, NULL, error->message);
      return;
    }
  self->notice_typed = FALSE;
  rk_venues_page_reload (self);
  show_notice (self);
  rk_gui_toast (GTK_WIDGET (self), d->text ? _("Notice saved") : _("Notice removed"), TRUE);
}

gboolean
rk_venues_page_save_notice (RkVenuesPage  *self,
                            gboolean       remove,
                            GError       **error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notice_view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *blank = NULL;
  NoticeData *d;

  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), FALSE);
  if (self->venue == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Choose a place first"));
      return FALSE;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  blank = g_strstrip (g_strdup (text));
  d = g_new0 (NoticeData, 1);
  d->venue_id = current_id (self);
  calendar_month (self, &d->year, &d->month);
  /* An emptied field saved is the notice removed. */
  d->text = remove || *blank == '\0' ? NULL : g_steal_pointer (&text);
  return rk_context_save (self->context, GTK_WIDGET (self),
                          remove ? self->notice_clear : self->notice_save, self->notice_view,
                          d->text ? _("Save notice") : _("Remove notice"), save_notice, d,
                          notice_data_free, notice_saved);
}

static void
notice_button (RkVenuesPage *self, gboolean remove)
{
  g_autoptr(GError) error = NULL;

  if (!rk_venues_page_save_notice (self, remove, &error) && error)
    rk_gui_field_error (self->notice_error, NULL, error->message);
}

static void
on_notice_save (RkVenuesPage *self)
{
  notice_button (self, FALSE);
}

static void
on_notice_clear (RkVenuesPage *self)
{
  notice_button (self, TRUE);
}

static void
show_closings (RkVenuesPage *self)
{
  RkSVenue *sv = self->ref && self->venue ? rk_schedule_venue (self->ref,
                                                               rk_venue_get_id (self->venue))
                                          : NULL;

  rk_gui_list_box_clear (GTK_LIST_BOX (self->closing_list));
  for (guint i = 0; sv && i < sv->closings->len; i++)
    {
      const RkClosing *c = &g_array_index (sv->closings, RkClosing, i);
      g_autofree char *when = closing_text (c);
      g_autofree char *markup = c->reason ? g_markup_printf_escaped ("%s\n<small>%s</small>",
                                                                    when, c->reason)
                                          : g_markup_escape_text (when, -1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove closing day %s"), when);

      gtk_list_box_append (GTK_LIST_BOX (self->closing_list),
                           rk_gui_removable_row (markup, remove_label, c->id,
                                                 G_CALLBACK (on_delete_closing), self));
    }
  if (sv && sv->closed_on_holidays)
    {
      GtkWidget *label = rk_gui_row_label (_("National holidays"), FALSE);

      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->closing_list), label);
    }
  else if (sv == NULL || sv->closings->len == 0)
    {
      GtkWidget *none = rk_gui_row_label (_("Open every day"), FALSE);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_start (none, 8);
      gtk_widget_set_margin_top (none, 6);
      gtk_widget_set_margin_bottom (none, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->closing_list), none);
    }
  update_calendar (self);
}

static void
show_venue_lists (RkVenuesPage *self)
{
  GPtrArray *rooms = NULL;
  gint64 id = current_id (self);

  if (self->rooms_by_venue && id)
    rooms = g_hash_table_lookup (self->rooms_by_venue, &id);
  rk_gui_store_replace (self->rooms, rooms);
  on_room_selected (self);
  show_closings (self);
  show_notice (self);
}

/* "MM-DD" as month * 100 + day. */
static gboolean
parse_month_day (const char *text, int *out)
{
  int m, d;

  if (text == NULL || strlen (text) != 5 || text[2] != '-' || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  m = (text[0] - '0') * 10 + (text[1] - '0');
  d = (text[3] - '0') * 10 + (text[4] - '0');
  if (m < 1 || m > 12 || d < 1 || d > rk_days_in_month (2024, m))
    return FALSE;
  *out = m * 100 + d;
  return TRUE;
}

static void
on_closing_kind_changed (RkVenuesPage *self)
{
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->closing_kind));
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->closing_from));
  int md;
  RkDay day;

  gtk_widget_set_visible (self->closing_from, kind != CLOSE_WEEKDAY);
  gtk_widget_set_visible (self->closing_to, kind == CLOSE_RANGE || kind == CLOSE_YEARLY);
  gtk_widget_set_visible (self->closing_weekday, kind == CLOSE_WEEKDAY);
  if (kind == CLOSE_YEARLY)
    {
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->closing_from), "MM-DD");
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->closing_to), "MM-DD");
      /* The span nearly every hub closes for. */
      if (!parse_month_day (from, &md))
        {
          rk_gui_set_text (self->closing_from, "12-29");
          rk_gui_set_text (self->closing_to, "01-03");
        }
    }
  else
    {
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->closing_from), "YYYY-MM-DD");
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->closing_to), "YYYY-MM-DD");
      if (*from && !rk_date_parse (from, &day))
        {
          g_autofree char *today = self->context
                                     ? rk_date_format (rk_context_get_today (self->context))
                                     : NULL;
          rk_gui_set_text (self->closing_from, today);
          rk_gui_set_text (self->closing_to, today);
        }
    }
  rk_gui_field_error (self->closing_error, NULL, NULL);
}

static void
on_closing_changed (RkVenuesPage *self)
{
  rk_gui_field_error (self->closing_error, NULL, NULL);
}

typedef struct
{
  gint64         venue_id;
  RkClosingKind  kind;
  int            start, end, weekday;
  char          *reason;
} ClosingData;

static void
closing_data_free (gpointer p)
{
  ClosingData *d = p;

  g_free (d->reason);
  g_free (d);
}

static gboolean
add_closing (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  ClosingData *d = data;
  gint64 id = rk_store_add_closing (store, d->venue_id, d->kind, d->start, d->end, d->weekday,
                                    d->reason, error);

  if (id == 0)
    return FALSE;
  rk_undo_stack_note_new (undo, RK_UNDO_CLOSING, id);
  return TRUE;
}

static void
closing_added (GtkWidget *owner, gpointer data, const GError *error)
{
  RkVenuesPage *self = RK_VENUES_PAGE (owner);

  if (data == NULL)
    {
      rk_gui_field_error (self->closing_error, NULL, error->message);
      return;
    }
  rk_gui_set_text (self->closing_reason, NULL);
  rk_venues_page_reload (self);
  rk_gui_toast (GTK_WIDGET (self), _("Closing day added"), TRUE);
}

gboolean
rk_venues_page_add_closing (RkVenuesPage  *self,
                            GError       **error)
{
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->closing_kind));
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->closing_from));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->closing_to));
  g_autofree char *reason = rk_gui_entry_text (self->closing_reason);
  ClosingData data = { 0 };
  RkDay a = 0, b = 0;
  ClosingData *d;

  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), FALSE);
  if (self->venue == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Choose a place first"));
      return FALSE;
    }
  data.venue_id = rk_venue_get_id (self->venue);
  switch (kind)
    {
    case CLOSE_DATE:
    case CLOSE_RANGE:
      if (!rk_date_parse (from, &a) || (kind == CLOSE_RANGE && !rk_date_parse (to, &b)))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Write the dates as YYYY-MM-DD, for example 2026-12-28"));
          return FALSE;
        }
      if (kind == CLOSE_DATE)
        b = a;
      if (b < a)
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("The last closed day is before the first"));
          return FALSE;
        }
      data.kind = kind == CLOSE_DATE ? RK_CLOSING_DATE : RK_CLOSING_RANGE;
      data.start = (int) a;
      data.end = (int) b;
      break;
    case CLOSE_WEEKDAY:
      data.kind = RK_CLOSING_WEEKDAY;
      data.weekday = (int) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->closing_weekday)) + 1;
      break;
    case CLOSE_YEARLY:
    default:
      if (!parse_month_day (from, &data.start) || !parse_month_day (to, &data.end))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                       _("Write a yearly span as MM-DD, for example 12-29 to 01-03"));
          return FALSE;
        }
      data.kind = RK_CLOSING_YEARLY;
      break;
    }
  d = g_memdup2 (&data, sizeof data);
  d->reason = g_steal_pointer (&reason);
  return rk_context_save (self->context, GTK_WIDGET (self), self->closing_add, NULL,
                          _("Add closing day"), add_closing, d, closing_data_free, closing_added);
}

static void
on_add_closing (RkVenuesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_venues_page_add_closing (self, &error) && error)
    rk_gui_field_error (self->closing_error, NULL, error->message);
}

/* ---- the list of places ------------------------------------------------- */

static void
on_venue_selected (GtkListBox    *list,
                   GtkListBoxRow *row,
                   RkVenuesPage  *self)
{
  gint64 *id;

  if (self->loading || row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "rk-id");
  if (id == NULL || *id == current_id (self))
    return;
  for (guint i = 0; i < self->venues->len; i++)
    if (rk_venue_get_id (g_ptr_array_index (self->venues, i)) == *id)
      load_form (self, g_ptr_array_index (self->venues, i));
}

/* What the page lists, read by the worker: the places, their closings
 * (in the reference schedule) and each place's rooms. */
typedef struct
{
  GPtrArray  *venues;
  RkSchedule *ref;
  GHashTable *rooms;            /* venue id (gint64 *) → GPtrArray of RkRoom */
} Listing;

static void
listing_free (gpointer p)
{
  Listing *l = p;

  g_clear_pointer (&l->venues, g_ptr_array_unref);
  g_clear_pointer (&l->ref, rk_schedule_free);
  g_clear_pointer (&l->rooms, g_hash_table_unref);
  g_free (l);
}

/* In the worker thread. */
static gpointer
read_listing (RkStore *store, gpointer data, GError **error)
{
  Listing *l = g_new0 (Listing, 1);

  l->rooms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  l->venues = rk_store_list_venues (store, error);
  l->ref = l->venues ? rk_store_load_schedule (store, 1, 1, error) : NULL;
  if (l->ref == NULL)
    {
      listing_free (l);
      return NULL;
    }
  for (guint i = 0; i < l->venues->len; i++)
    {
      gint64 id = rk_venue_get_id (g_ptr_array_index (l->venues, i));
      GPtrArray *rooms = rk_store_list_rooms (store, id, error);

      if (rooms == NULL)
        {
          listing_free (l);
          return NULL;
        }
      g_hash_table_insert (l->rooms, g_memdup2 (&id, sizeof id), rooms);
    }
  return l;
}

static void show_listing (RkVenuesPage *self, Listing *listing);

static void
listing_read (GtkWidget *owner, gpointer result, const GError *error)
{
  RkVenuesPage *self = RK_VENUES_PAGE (owner);

  if (result == NULL)
    rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
  else
    show_listing (self, result);
}

/* The places are read by the worker and shown when they arrive (a read
 * still on its way is dropped); the place shown stays shown, or the one
 * just saved is. */
void
rk_venues_page_reload (RkVenuesPage *self)
{
  g_return_if_fail (RK_IS_VENUES_PAGE (self));
  if (self->context == NULL)
    return;
  rk_context_read (self->context, GTK_WIDGET (self), &self->list_cancel, read_listing, NULL, NULL,
                   listing_free, listing_read);
}

gboolean
rk_venues_page_is_loading (RkVenuesPage *self)
{
  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), FALSE);
  return self->list_cancel != NULL || self->notice_cancel != NULL;
}

static void
show_listing (RkVenuesPage *self, Listing *listing)
{
  gint64 keep = self->select_after ? self->select_after : current_id (self);
  RkVenue *fresh = NULL;

  self->select_after = 0;
  g_clear_pointer (&self->ref, rk_schedule_free);
  self->ref = g_steal_pointer (&listing->ref);
  g_clear_pointer (&self->venues, g_ptr_array_unref);
  self->venues = g_steal_pointer (&listing->venues);
  g_clear_pointer (&self->rooms_by_venue, g_hash_table_unref);
  self->rooms_by_venue = g_steal_pointer (&listing->rooms);
  listing_free (listing);

  self->loading = TRUE;
  rk_gui_list_box_clear (GTK_LIST_BOX (self->venue_list));
  for (guint i = 0; i < self->venues->len; i++)
    {
      RkVenue *v = g_ptr_array_index (self->venues, i);
      static const char *kinds[] = { N_("Child-rearing support hub"), N_("Public health centre"),
                                     N_("Other place") };
      g_autofree char *markup = g_markup_printf_escaped (
        "%s\n<small>%s</small>", rk_venue_get_name (v),
        _(kinds[kind_index (rk_venue_get_kind (v))]));
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = rk_gui_row_label (markup, TRUE);
      gint64 *id = g_new (gint64, 1);

      *id = rk_venue_get_id (v);
      g_object_set_data_full (G_OBJECT (row), "rk-id", id, g_free);
      gtk_widget_set_margin_top (label, 2);
      gtk_widget_set_margin_bottom (label, 2);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (GTK_LIST_BOX (self->venue_list), row);
      if (*id == keep)
        {
          fresh = v;
          gtk_list_box_select_row (GTK_LIST_BOX (self->venue_list), GTK_LIST_BOX_ROW (row));
        }
    }
  self->loading = FALSE;

  if (fresh && self->dirty)
    {
      /* Keep what is typed; the save's version check will decide. */
      if (rk_venue_get_version (fresh) != rk_venue_get_version (self->venue))
        rk_gui_show_stale (self->stale_bar, self->stale_label,
                           _("Someone else changed this place after you started editing. "
                             "What you typed is kept; saving will ask you to reload first."));
      show_venue_lists (self);
    }
  else if (fresh)
    load_form (self, fresh);
  else if (!self->creating || self->venue)
    {
      /* Gone, or nothing chosen yet: the first place. */
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->venue_list), 0);

      if (first)
        {
          gtk_list_box_select_row (GTK_LIST_BOX (self->venue_list), first);
          load_form (self, g_ptr_array_index (self->venues, 0));
        }
      else
        load_form (self, NULL);
    }
  else
    show_venue_lists (self);
}

gboolean
rk_venues_page_select (RkVenuesPage *self,
                       gint64        venue_id)
{
  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->venue_list), i);
      gint64 *id;

      if (row == NULL)
        return FALSE;
      id = g_object_get_data (G_OBJECT (row), "rk-id");
      if (id && *id == venue_id)
        {
          gtk_list_box_select_row (GTK_LIST_BOX (self->venue_list), row);
          for (guint j = 0; j < self->venues->len; j++)
            if (rk_venue_get_id (g_ptr_array_index (self->venues, j)) == venue_id &&
                current_id (self) != venue_id)
              load_form (self, g_ptr_array_index (self->venues, j));
          return TRUE;
        }
    }
}

gint64
rk_venues_page_get_selected (RkVenuesPage *self)
{
  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), 0);
  return current_id (self);
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkVenuesPage *self = RK_VENUES_PAGE (widget);

  self->loading = TRUE;
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->venue_list));
  self->loading = FALSE;
  load_form (self, NULL);
  gtk_widget_grab_focus (self->name_entry);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_venues_page_dispose (GObject *object)
{
  RkVenuesPage *self = RK_VENUES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_VENUES_PAGE);
  g_clear_object (&self->room_selection);
  g_clear_object (&self->rooms);
  g_clear_object (&self->venue);
  g_clear_pointer (&self->notice_key, g_free);
  g_cancellable_cancel (self->notice_cancel);
  g_clear_object (&self->notice_cancel);
  g_cancellable_cancel (self->list_cancel);
  g_clear_object (&self->list_cancel);
  g_clear_pointer (&self->rooms_by_venue, g_hash_table_unref);
  g_clear_pointer (&self->venues, g_ptr_array_unref);
  g_clear_pointer (&self->ref, rk_schedule_free);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_venues_page_parent_class)->dispose (object);
}

static void rk_venues_page_bind (RkVenuesPage *self, RkStore *store, RkUndoStack *undo);

/* The page gets its context when it is made, and reloads itself on every
 * change to the stored data. */
static void
rk_venues_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RkContext *context = g_value_get_object (value);

  g_set_object (&RK_VENUES_PAGE (object)->context, context);

  rk_venues_page_bind (RK_VENUES_PAGE (object), rk_context_get_store (context), rk_context_get_undo (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (rk_venues_page_reload), object,
                           G_CONNECT_SWAPPED);
}

static void
rk_venues_page_class_init (RkVenuesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_venues_page_dispose;
  object_class->set_property = rk_venues_page_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-venues-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkVenuesPage, name)
  BIND (venue_list);
  BIND (stale_bar);
  BIND (stale_label);
  BIND (venue_heading);
  BIND (name_entry);
  BIND (kind_dropdown);
  BIND (address_entry);
  BIND (contact_entry);
  BIND (holidays_check);
  BIND (error_label);
  BIND (save_button);
  BIND (form);
  BIND (details_box);
  BIND (rooms_view);
  BIND (closing_list);
  BIND (closing_kind);
  BIND (closing_from);
  BIND (closing_to);
  BIND (closing_weekday);
  BIND (closing_reason);
  BIND (closing_add);
  BIND (closing_error);
  BIND (calendar);
  BIND (notice_heading);
  BIND (notice_view);
  BIND (notice_error);
  BIND (notice_save);
  BIND (notice_clear);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_room_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_closing_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_closing_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_closing);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_notice_save);
  gtk_widget_class_bind_template_callback (widget_class, on_notice_clear);

  gtk_widget_class_install_action (widget_class, "venues.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "venues.add-room", NULL, add_room_action);
  gtk_widget_class_install_action (widget_class, "venues.edit-room", NULL, edit_room_action);
}

static void
rk_venues_page_init (RkVenuesPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) closing = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) weekdays = gtk_string_list_new (NULL);
  GtkColumnViewColumn *column;

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (kinds, _("Child-rearing support hub"));
  gtk_string_list_append (kinds, _("Public health centre"));
  gtk_string_list_append (kinds, _("Other place"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->kind_dropdown), G_LIST_MODEL (kinds));
  gtk_string_list_append (closing, _("One day"));
  gtk_string_list_append (closing, _("Several days"));
  gtk_string_list_append (closing, _("Every week"));
  gtk_string_list_append (closing, _("Every year (such as the New Year)"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->closing_kind), G_LIST_MODEL (closing));
  for (int d = 1; d <= 7; d++)
    {
      g_autofree char *name = weekday_name (d);
      gtk_string_list_append (weekdays, name);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->closing_weekday), G_LIST_MODEL (weekdays));
  self->loading = FALSE;

  self->rooms = g_list_store_new (RK_TYPE_ROOM);
  self->room_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rooms)));
  gtk_single_selection_set_autoselect (self->room_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->room_selection, TRUE);
  g_signal_connect_swapped (self->room_selection, "notify::selected-item",
                            G_CALLBACK (on_room_selected), self);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->rooms_view),
                             GTK_SELECTION_MODEL (self->room_selection));
  column = rk_gui_text_column (_("Room"), room_name, NULL, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->rooms_view), column);
  g_object_unref (column);
  column = rk_gui_text_column (_("Capacity"), room_capacity, NULL, FALSE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->rooms_view), column);
  g_object_unref (column);
  column = rk_gui_text_column (_("Features"), room_features, NULL, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->rooms_view), column);
  g_object_unref (column);

  g_signal_connect (self->venue_list, "row-selected", G_CALLBACK (on_venue_selected), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notice_view)),
                            "changed", G_CALLBACK (on_notice_typed), self);
  /* A month chosen from code as well as by hand. */
  g_signal_connect_swapped (self->calendar, "notify::month", G_CALLBACK (on_calendar_changed),
                            self);
  g_signal_connect_swapped (self->calendar, "notify::year", G_CALLBACK (on_calendar_changed),
                            self);
  on_closing_kind_changed (self);
  load_form (self, NULL);
  self->creating = FALSE;
}

static void
rk_venues_page_bind (RkVenuesPage *self,
                     RkStore      *store,
                     RkUndoStack  *undo)
{
  g_autofree char *today = NULL;

  g_return_if_fail (RK_IS_VENUES_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->undo, undo);
  today = rk_date_format (rk_context_get_today (self->context));
  rk_gui_set_text (self->closing_from, today);
  rk_gui_set_text (self->closing_to, today);
  {
    /* The database's today, which may not be the computer's. */
    int y, m, d;
    g_autoptr(GDateTime) dt = NULL;

    rk_day_to_ymd (rk_context_get_today (self->context), &y, &m, &d);
    dt = g_date_time_new_local (y, m, d, 12, 0, 0);
    gtk_calendar_select_day (GTK_CALENDAR (self->calendar), dt);
  }
  rk_venues_page_reload (self);
}

GtkWidget *
rk_venues_page_get_field (RkVenuesPage *self,
                          const char   *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "name", G_STRUCT_OFFSET (RkVenuesPage, name_entry) },
    { "kind", G_STRUCT_OFFSET (RkVenuesPage, kind_dropdown) },
    { "address", G_STRUCT_OFFSET (RkVenuesPage, address_entry) },
    { "contact", G_STRUCT_OFFSET (RkVenuesPage, contact_entry) },
    { "holidays", G_STRUCT_OFFSET (RkVenuesPage, holidays_check) },
    { "save", G_STRUCT_OFFSET (RkVenuesPage, save_button) },
    { "stale_bar", G_STRUCT_OFFSET (RkVenuesPage, stale_bar) },
    { "closing_kind", G_STRUCT_OFFSET (RkVenuesPage, closing_kind) },
    { "closing_from", G_STRUCT_OFFSET (RkVenuesPage, closing_from) },
    { "closing_to", G_STRUCT_OFFSET (RkVenuesPage, closing_to) },
    { "closing_weekday", G_STRUCT_OFFSET (RkVenuesPage, closing_weekday) },
    { "closing_reason", G_STRUCT_OFFSET (RkVenuesPage, closing_reason) },
    { "closing_add", G_STRUCT_OFFSET (RkVenuesPage, closing_add) },
    { "closing_error", G_STRUCT_OFFSET (RkVenuesPage, closing_error) },
    { "closing_list", G_STRUCT_OFFSET (RkVenuesPage, closing_list) },
    { "calendar", G_STRUCT_OFFSET (RkVenuesPage, calendar) },
    { "rooms_view", G_STRUCT_OFFSET (RkVenuesPage, rooms_view) },
    { "venue_list", G_STRUCT_OFFSET (RkVenuesPage, venue_list) },
    { "notice_view", G_STRUCT_OFFSET (RkVenuesPage, notice_view) },
    { "notice_save", G_STRUCT_OFFSET (RkVenuesPage, notice_save) },
    { "notice_clear", G_STRUCT_OFFSET (RkVenuesPage, notice_clear) },
    { "notice_error", G_STRUCT_OFFSET (RkVenuesPage, notice_error) },
  };

  g_return_val_if_fail (RK_IS_VENUES_PAGE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
