#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-attendance-input.h"
#include "rk-attendance-week.h"
#include "rk-availability.h"
#include "rk-expand.h"
#include "rk-gui-util.h"
#include "rk-store-attendance.h"

typedef struct
{
  RkAttendanceWeek *week;
  gint64            event_id;
  RkDay             orig_date;
  char             *title;
  RkAttendance     *record;      /* as read or last saved (version 0: none yet) */
  GtkWidget        *box;
  GtkWidget        *entries[RK_N_COUNTS];
  GPtrArray        *consult;     /* GtkWidget *: an entry per category */
  GtkWidget        *status;
  GtkEventController *focus;
  gboolean          dirty;
  gboolean          saving;      /* its save is in the worker */
  gboolean          resave;      /* typed again meanwhile: saved again after */
} Row;

struct _RkAttendanceWeek
{
  GtkBox        parent_instance;

  GtkWidget    *week_label;
  GtkWidget    *rows_box;
  GtkWidget    *empty_label;
  GtkWidget    *scroller;

  RkContext    *context;
  RkStore      *store;
  RkDay         first;
  RkDay         rows_first;      /* the week the rows shown are of */
  GPtrArray    *rows;            /* Row * */
  GStrv         categories;
  GCancellable *cancel;          /* the week's read on its way */
  gboolean      saved_here;      /* the next "changed" is our own save */
  gboolean      rebuilding;
  guint         saving;          /* rows' saves in the worker */
};

G_DEFINE_FINAL_TYPE (RkAttendanceWeek, rk_attendance_week, GTK_TYPE_BOX)

/* The row's widgets may outlive it (the window holds on to the widget that
 * had the focus): their handlers let go of it first. */
static void
row_detach (Row *row)
{
  g_signal_handlers_disconnect_by_data (row->focus, row);
  for (guint i = 0; i < RK_N_COUNTS; i++)
    g_signal_handlers_disconnect_by_data (row->entries[i], row);
  for (guint i = 0; i < row->consult->len; i++)
    g_signal_handlers_disconnect_by_data (row->consult->pdata[i], row);
}

static void
remove_rows (RkAttendanceWeek *self)
{
  GtkWidget *child;

  self->rebuilding = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    row_detach (self->rows->pdata[i]);
  while ((child = gtk_widget_get_first_child (self->rows_box)))
    gtk_box_remove (GTK_BOX (self->rows_box), child);
  g_ptr_array_set_size (self->rows, 0);
  self->rebuilding = FALSE;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->record, rk_attendance_free);
  g_ptr_array_unref (row->consult);
  g_free (row->title);
  g_free (row);
}

/* ---- a row -------------------------------------------------------------- */

static gboolean
row_blank (Row *row)
{
  return rk_attendance_fields_blank (row->entries, row->consult);
}

static RkAttendance *
row_read (Row *row, GStrv categories, GError **error)
{
  return rk_attendance_read_fields (row->record, row->entries, row->consult, categories, error);
}

static void
row_status (Row *row, const char *text, const char *tooltip, gboolean error)
{
  gtk_label_set_text (GTK_LABEL (row->status), text);
  gtk_widget_set_tooltip_text (row->status, tooltip);
  if (error)
    gtk_widget_add_css_class (row->status, "error");
  else
    gtk_widget_remove_css_class (row->status, "error");
}

static void
row_show_state (Row *row)
{
  if (row->record->version > 0)
    row_status (row, _("Saved"), NULL, FALSE);
  else
    row_status (row, _("Not entered"), NULL, FALSE);
}

static gboolean save_row (RkAttendanceWeek *self, Row *row);

typedef struct
{
  RkAttendanceWeek *self;
  gint64            event_id;
  RkDay             date;
} RowSave;

/* The row of the record, if it is still shown (the week may have been
 * rebuilt or left meanwhile). */
static Row *
find_row (RkAttendanceWeek *self, gint64 event_id, RkDay date)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];

      if (row->record->event_id == event_id && row->record->occ_date == date)
        return row;
    }
  return NULL;
}

static void
row_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RowSave *rs = user_data;
  RkAttendanceWeek *self = rs->self;
  g_autoptr(GError) error = NULL;
  RkAttendance *a = rk_attendance_save_finish (RK_CONTEXT (source), result, &error);
  Row *row = self->context ? find_row (self, rs->event_id, rs->date) : NULL;

  self->saving--;
  if (row)
    {
      row->saving = FALSE;
      if (a)
        {
          rk_attendance_free (row->record);
          row->record = g_steal_pointer (&a);
          self->saved_here = TRUE;
          if (row->resave)
            {
              row->resave = FALSE;
              save_row (self, row);
            }
          else if (row->dirty)
            row_status (row, _("Not saved yet"), NULL, FALSE);
          else
            row_show_state (row);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* What was typed stays, to be saved again. */
          row->dirty = TRUE;
          row->resave = FALSE;
          row_status (row, error->message, error->message, TRUE);
        }
    }
  g_clear_pointer (&a, rk_attendance_free);
  g_object_unref (rs->self);
  g_free (rs);
}

/* Sends the row's record to the worker; FALSE when what is typed is wrong
 * (said in the row). */
static gboolean
save_row (RkAttendanceWeek *self, Row *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkAttendance) a = NULL;
  RowSave *rs;

  if (!row->dirty)
    return TRUE;
  /* Fields left empty on an occurrence without a record: nothing typed. */
  if (row->record->version == 0 && row_blank (row))
    {
      row->dirty = FALSE;
      row_show_state (row);
      return TRUE;
    }
  a = row_read (row, self->categories, &error);
  if (a == NULL)
    {
      row_status (row, error->message, error->message, TRUE);
      return FALSE;
    }
  /* One save of a row at a time: the next goes with the version the
   * first one leaves. */
  if (row->saving)
    {
      row->resave = TRUE;
      return TRUE;
    }
  row->saving = TRUE;
  row->dirty = FALSE;
  self->saving++;
  row_status (row, _("Saving…"), NULL, FALSE);
  rs = g_new0 (RowSave, 1);
  rs->self = g_object_ref (self);
  rs->event_id = a->event_id;
  rs->date = a->occ_date;
  rk_attendance_save_async (self->context, a, row_saved, rs);
  return TRUE;
}

static void
on_row_changed (Row *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkAttendance) a = NULL;

  if (row->week->rebuilding)
    return;
  row->dirty = TRUE;
  a = row_read (row, row->week->categories, &error);
  if (a)
    row_status (row, _("Not saved yet"), NULL, FALSE);
  else
    row_status (row, error->message, error->message, TRUE);
}

/* The focus went out of the row: what was typed is saved. */
static void
on_row_leave (GtkEventControllerFocus *controller, Row *row)
{
  if (!row->week->rebuilding)
    save_row (row->week, row);
}

/* Enter saves the row and goes to the next one's first field. */
static void
on_row_activate (Row *row)
{
  RkAttendanceWeek *self = row->week;
  guint index;

  if (!save_row (self, row) || !g_ptr_array_find (self->rows, row, &index))
    return;
  if (index + 1 < self->rows->len)
    gtk_widget_grab_focus (((Row *) self->rows->pdata[index + 1])->entries[0]);
}

static GtkWidget *
cell_label (const char *text, GtkSizeGroup *group, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (heading)
    {
      gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_valign (label, GTK_ALIGN_END);
    }
  if (group)
    gtk_size_group_add_widget (group, label);
  return label;
}

static GtkWidget *
count_entry (Row *row, const char *name, GtkSizeGroup *group, int count, gboolean recorded)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = recorded ? g_strdup_printf ("%d", count) : g_strdup ("");
  g_autofree char *a11y = g_strdup_printf ("%s, %s", row->title, name);

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  gtk_widget_set_tooltip_text (entry, name);
  gtk_size_group_add_widget (group, entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_row_changed), row);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_row_activate), row);
  return entry;
}

/* ---- the table ---------------------------------------------------------- */

static void
update_week_label (RkAttendanceWeek *self)
{
  g_autofree char *a = rk_gui_day_text (self->first), *b = rk_gui_day_text (self->first + 6);
  g_autofree char *text = g_strdup_printf (_("%s – %s"), a, b);

  gtk_label_set_text (GTK_LABEL (self->week_label), text);
}

/* What a rebuild keeps of the rows: the field that had the focus, and
 * what was typed in rows that could not be saved (key → GStrv). */
typedef struct
{
  gint64      focus_key;
  int         focus_field;     /* -1: none */
  GHashTable *typed;
} Kept;

static GtkWidget *
row_field (Row *row, int k)
{
  return k < RK_N_COUNTS ? row->entries[k] : row->consult->pdata[k - RK_N_COUNTS];
}

static int
row_n_fields (Row *row)
{
  return RK_N_COUNTS + (int) row->consult->len;
}

static void
clear_rows (RkAttendanceWeek *self, Kept *kept)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))
                                           ? gtk_widget_get_root (GTK_WIDGET (self)) : NULL);

  /* What was typed and not saved yet is saved before the rows go; what
   * cannot be saved is kept to show again. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];
      gint64 key = rk_attendance_key (row->event_id, row->orig_date);

      for (int k = 0; kept && focus && k < row_n_fields (row); k++)
        if (focus == row_field (row, k) || gtk_widget_is_ancestor (focus, row_field (row, k)))
          {
            kept->focus_key = key;
            kept->focus_field = k;
          }
      if (!save_row (self, row) && kept)
        {
          GStrv texts = g_new0 (char *, row_n_fields (row) + 1);

          for (int k = 0; k < row_n_fields (row); k++)
            texts[k] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row_field (row, k))));
          g_hash_table_insert (kept->typed, g_memdup2 (&key, sizeof key), texts);
        }
    }
  remove_rows (self);
}

/* A row for an occurrence: held (not cancelled or skipped), started, in
 * the week. */
static gboolean
shown_occ (RkAttendanceWeek *self, const RkOcc *o, RkMinute now)
{
  return rk_occ_is_active (o) && o->start <= now && rk_occ_day (o) >= self->first &&
         rk_occ_day (o) <= self->first + 6;
}

static void
row_fill (Row *row, GStrv categories)
{
  gboolean recorded = row->record->version > 0;

  for (guint i = 0; i < RK_N_COUNTS + row->consult->len; i++)
    {
      int n = i < RK_N_COUNTS ? row->record->counts[i]
                              : rk_attendance_consultation (row->record,
                                                            categories[i - RK_N_COUNTS]);
      g_autofree char *text = recorded ? g_strdup_printf ("%d", n) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (row_field (row, (int) i)), text);
    }
}

/* The same rows as shown (most reads after a save, this one's or someone
 * else's): the records that changed are shown anew in place, the row being
 * typed in is left alone, and the focus stays where it is. FALSE when the
 * rows differ and the table is to be built anew. */
static gboolean
refresh_in_place (RkAttendanceWeek *self, RkSchedule *schedule, GArray *occs, RkMinute now)
{
  guint k = 0;

  for (guint i = 0; i < occs->len; i++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, i);
      Row *row;

      if (!shown_occ (self, o, now))
        continue;
      if (k >= self->rows->len)
        return FALSE;
      row = self->rows->pdata[k++];
      if (row->event_id != o->event->id || row->orig_date != o->orig_date)
        return FALSE;
    }
  if (k != self->rows->len)
    return FALSE;
  self->rebuilding = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];
      const RkAttendance *a = rk_schedule_attendance (schedule, row->event_id, row->orig_date);
      gint64 version = a ? a->version : 0;

      if (row->dirty || version == row->record->version)
        continue;
      rk_attendance_free (row->record);
      row->record = a ? rk_attendance_copy (a) : rk_attendance_new (row->event_id, row->orig_date);
      row_fill (row, self->categories);
      row_show_state (row);
    }
  self->rebuilding = FALSE;
  return TRUE;
}

static void
build (RkAttendanceWeek *self, RkSchedule *schedule, GArray *occs, RkMinute now)
{
  guint n_cols = 2 + RK_N_COUNTS + g_strv_length (self->categories);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint col = 0;

  Kept kept = { 0, -1, g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_strfreev) };

  clear_rows (self, &kept);
  self->rebuilding = TRUE;
  for (guint i = 0; i < n_cols; i++)
    g_ptr_array_add (groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));

  gtk_widget_add_css_class (header, "attendance-header");
  gtk_box_append (GTK_BOX (header), cell_label (_("Date"), groups->pdata[col++], TRUE));
  gtk_box_append (GTK_BOX (header), cell_label (_("Event"), groups->pdata[col++], TRUE));
  for (guint i = 0; i < RK_N_COUNTS; i++)
    gtk_box_append (GTK_BOX (header), cell_label (rk_count_label (i), groups->pdata[col++], TRUE));
  for (guint i = 0; self->categories[i]; i++)
    gtk_box_append (GTK_BOX (header),
                    cell_label (self->categories[i], groups->pdata[col++], TRUE));
  gtk_box_append (GTK_BOX (self->rows_box), header);

  for (guint k = 0; k < occs->len; k++)
    {
      const RkOcc *o = &g_array_index (occs, RkOcc, k);
      const RkAttendance *a;
      RkSVenue *venue;
      Row *row;
      GtkEventController *focus;
      g_autofree char *when = NULL, *clock = NULL, *where = NULL;
      gboolean recorded;

      /* Cancelled and skipped occurrences have no record; the ones to
       * come have none yet. */
      if (!shown_occ (self, o, now))
        continue;
      row = g_new0 (Row, 1);
      row->week = self;
      row->event_id = o->event->id;
      row->orig_date = o->orig_date;
      row->title = g_strdup (rk_sevent_title (o->event));
      row->consult = g_ptr_array_new ();
      a = rk_schedule_attendance (schedule, o->event->id, o->orig_date);
      row->record = a ? rk_attendance_copy (a) : rk_attendance_new (o->event->id, o->orig_date);
      recorded = row->record->version > 0;
      g_ptr_array_add (self->rows, row);

      row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (row->box, "attendance-row");
      col = 0;
      when = rk_gui_day_text (rk_occ_day (o));
      clock = g_strdup_printf ("%s\n%02d:%02d", when, rk_minute_of_day (o->start) / 60,
                               rk_minute_of_day (o->start) % 60);
      gtk_box_append (GTK_BOX (row->box), cell_label (clock, groups->pdata[col++], FALSE));
      venue = rk_sevent_venue (o->event);
      where = venue ? g_markup_printf_escaped ("%s\n<span size='small'>%s</span>", row->title,
                                               venue->name)
                    : g_markup_escape_text (row->title, -1);
      {
        GtkWidget *title = cell_label (NULL, groups->pdata[col++], FALSE);

        gtk_label_set_markup (GTK_LABEL (title), where);
        gtk_label_set_max_width_chars (GTK_LABEL (title), 16);
        gtk_label_set_width_chars (GTK_LABEL (title), 10);
        gtk_box_append (GTK_BOX (row->box), title);
      }
      for (guint i = 0; i < RK_N_COUNTS; i++)
        {
          row->entries[i] = count_entry (row, rk_count_label (i), groups->pdata[col++],
                                         row->record->counts[i], recorded);
          gtk_box_append (GTK_BOX (row->box), row->entries[i]);
        }
      for (guint i = 0; self->categories[i]; i++)
        {
          GtkWidget *e = count_entry (row, self->categories[i], groups->pdata[col++],
                                      rk_attendance_consultation (row->record,
                                                                  self->categories[i]),
                                      recorded);
          g_ptr_array_add (row->consult, e);
          gtk_box_append (GTK_BOX (row->box), e);
        }
      row->status = cell_label (NULL, NULL, FALSE);
      gtk_widget_set_hexpand (row->status, TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (row->status), 30);
      gtk_widget_add_css_class (row->status, "dim-label");
      gtk_box_append (GTK_BOX (row->box), row->status);
      row_show_state (row);

      focus = gtk_event_controller_focus_new ();
      row->focus = focus;
      g_signal_connect (focus, "leave", G_CALLBACK (on_row_leave), row);
      gtk_widget_add_controller (row->box, focus);
      gtk_box_append (GTK_BOX (self->rows_box), row->box);

      {
        gint64 key = rk_attendance_key (row->event_id, row->orig_date);
        GStrv texts = g_hash_table_lookup (kept.typed, &key);

        if (texts && g_strv_length (texts) == (guint) row_n_fields (row))
          {
            for (int i = 0; i < row_n_fields (row); i++)
              gtk_editable_set_text (GTK_EDITABLE (row_field (row, i)), texts[i]);
            self->rebuilding = FALSE;
            on_row_changed (row);
            self->rebuilding = TRUE;
          }
        if (key == kept.focus_key && kept.focus_field >= 0 &&
            kept.focus_field < row_n_fields (row))
          gtk_widget_grab_focus (row_field (row, kept.focus_field));
      }
    }
  g_hash_table_unref (kept.typed);
  self->rebuilding = FALSE;
  gtk_widget_set_visible (self->empty_label, self->rows->len == 0);
  gtk_widget_set_visible (self->scroller, self->rows->len > 0);
}

static void
week_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) schedule = rk_store_worker_load_schedule_finish (RK_STORE_WORKER (source),
                                                                         result, &error);
  g_autoptr(GArray) occs = NULL;
  g_auto(GStrv) categories = NULL;
  RkAttendanceWeek *self;
  RkMinute now;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_ATTENDANCE_WEEK (user_data);
  g_clear_object (&self->cancel);
  if (schedule)
    occs = rk_schedule_expand (schedule, self->first, self->first + 6, &error);
  if (occs == NULL)
    {
      clear_rows (self, NULL);
      gtk_label_set_text (GTK_LABEL (self->empty_label), error->message);
      gtk_widget_set_visible (self->empty_label, TRUE);
      gtk_widget_set_visible (self->scroller, FALSE);
      return;
    }
  gtk_label_set_text (GTK_LABEL (self->empty_label),
                      _("Nothing was held this week, or nothing has started yet"));
  categories = g_strdupv ((char **) rk_context_get_categories (self->context));
  now = rk_context_get_now (self->context);
  if (self->rows->len > 0 && self->rows_first == self->first &&
      g_strv_equal ((const char * const *) categories, (const char * const *) self->categories) &&
      refresh_in_place (self, schedule, occs, now))
    return;
  g_strfreev (self->categories);
  self->categories = g_steal_pointer (&categories);
  self->rows_first = self->first;
  build (self, schedule, occs, now);
}

static void
reload (RkAttendanceWeek *self)
{
  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  self->cancel = g_cancellable_new ();
  update_week_label (self);
  rk_store_worker_load_schedule_async (rk_context_get_worker (self->context), self->first,
                                       self->first + 6, self->cancel, week_loaded, self);
}

static void
on_context_changed (RkAttendanceWeek *self, gboolean external)
{
  /* Our own row just saved: the table already shows it, and the focus
   * stays where the person is typing. */
  if (!external && self->saved_here)
    {
      self->saved_here = FALSE;
      return;
    }
  reload (self);
}

void
rk_attendance_week_set_day (RkAttendanceWeek *self,
                            RkDay             day)
{
  g_return_if_fail (RK_IS_ATTENDANCE_WEEK (self));

  /* As the calendar shows weeks: from Sunday unless set to Monday. */
  self->first = rk_week_first_day (day, self->context ? rk_context_get_week_start (self->context)
                                                      : 7);
  reload (self);
}

RkDay
rk_attendance_week_get_first (RkAttendanceWeek *self)
{
  g_return_val_if_fail (RK_IS_ATTENDANCE_WEEK (self), 0);
  return self->first;
}

gboolean
rk_attendance_week_is_loading (RkAttendanceWeek *self)
{
  g_return_val_if_fail (RK_IS_ATTENDANCE_WEEK (self), FALSE);
  return self->cancel != NULL;
}

guint
rk_attendance_week_get_n_rows (RkAttendanceWeek *self)
{
  g_return_val_if_fail (RK_IS_ATTENDANCE_WEEK (self), 0);
  return self->rows->len;
}

void
rk_attendance_week_get_row (RkAttendanceWeek *self,
                            guint             i,
                            gint64           *event_id,
                            RkDay            *orig_date)
{
  Row *row;

  g_return_if_fail (RK_IS_ATTENDANCE_WEEK (self) && i < self->rows->len);
  row = self->rows->pdata[i];
  *event_id = row->event_id;
  *orig_date = row->orig_date;
}

GtkWidget *
rk_attendance_week_get_field (RkAttendanceWeek *self,
                              guint             i,
                              const char       *name)
{
  Row *row;

  g_return_val_if_fail (RK_IS_ATTENDANCE_WEEK (self) && i < self->rows->len, NULL);
  row = self->rows->pdata[i];
  for (guint k = 0; k < RK_N_COUNTS; k++)
    if (g_strcmp0 (name, rk_count_token (k)) == 0)
      return row->entries[k];
  if (g_str_has_prefix (name, "consultation:"))
    {
      guint64 n = g_ascii_strtoull (name + strlen ("consultation:"), NULL, 10);
      return n < row->consult->len ? row->consult->pdata[n] : NULL;
    }
  if (g_strcmp0 (name, "status") == 0)
    return row->status;
  return NULL;
}

gboolean
rk_attendance_week_get_saving (RkAttendanceWeek *self)
{
  g_return_val_if_fail (RK_IS_ATTENDANCE_WEEK (self), FALSE);
  return self->saving > 0;
}

gboolean
rk_attendance_week_save_row (RkAttendanceWeek *self,
                             guint             i)
{
  g_return_val_if_fail (RK_IS_ATTENDANCE_WEEK (self) && i < self->rows->len, FALSE);
  return save_row (self, self->rows->pdata[i]);
}

/* ---- navigation --------------------------------------------------------- */

static void
on_prev (RkAttendanceWeek *self)
{
  rk_attendance_week_set_day (self, self->first - 7);
}

static void
on_next (RkAttendanceWeek *self)
{
  rk_attendance_week_set_day (self, self->first + 7);
}

static void
on_this_week (RkAttendanceWeek *self)
{
  rk_attendance_week_set_day (self, rk_context_get_today (self->context));
}

/* The week's first day, or the categories, read by the worker after the
 * table was made. */
static void
on_settings_changed (RkAttendanceWeek *self)
{
  /* The week that overlaps the one shown most. */
  rk_attendance_week_set_day (self, self->first + 3);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_attendance_week_dispose (GObject *object)
{
  RkAttendanceWeek *self = RK_ATTENDANCE_WEEK (object);

  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  if (self->rows && self->rows->len)
    remove_rows (self);
  self->store = NULL;
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_attendance_week_parent_class)->dispose (object);
}

static void
rk_attendance_week_finalize (GObject *object)
{
  RkAttendanceWeek *self = RK_ATTENDANCE_WEEK (object);

  g_ptr_array_unref (self->rows);
  g_strfreev (self->categories);
  G_OBJECT_CLASS (rk_attendance_week_parent_class)->finalize (object);
}

static void
rk_attendance_week_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  RkAttendanceWeek *self = RK_ATTENDANCE_WEEK (object);

  self->context = g_value_dup_object (value);
  self->store = rk_context_get_store (self->context);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "settings-changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
  rk_attendance_week_set_day (self, rk_context_get_today (self->context));
}

static void
rk_attendance_week_class_init (RkAttendanceWeekClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rk_attendance_week_dispose;
  object_class->finalize = rk_attendance_week_finalize;
  object_class->set_property = rk_attendance_week_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());
}

static GtkWidget *
nav_button (RkAttendanceWeek *self, const char *icon, const char *label, const char *tooltip,
            GCallback callback)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon)
                           : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
rk_attendance_week_init (RkAttendanceWeek *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *hint;

  self->rows = g_ptr_array_new_with_free_func (row_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);

  gtk_box_append (GTK_BOX (bar), nav_button (self, "go-previous-symbolic", NULL,
                                             _("Previous Week"), G_CALLBACK (on_prev)));
  gtk_box_append (GTK_BOX (bar), nav_button (self, "go-next-symbolic", NULL, _("Next Week"),
                                             G_CALLBACK (on_next)));
  gtk_box_append (GTK_BOX (bar), nav_button (self, NULL, _("This _Week"),
                                             _("Go to the week of today"),
                                             G_CALLBACK (on_this_week)));
  self->week_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->week_label, "title-4");
  gtk_widget_set_margin_start (self->week_label, 8);
  gtk_box_append (GTK_BOX (bar), self->week_label);
  gtk_box_append (GTK_BOX (self), bar);

  hint = gtk_label_new (_("Type the numbers of the sign-in sheet; Tab goes to the next field. "
                          "A row is saved when you leave it or press Enter, and Undo takes "
                          "it back. Counts only: never a family's name."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (self), hint);

  self->rows_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->rows_box, "attendance-week");
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->rows_box);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_box_append (GTK_BOX (self), self->scroller);

  self->empty_label = gtk_label_new (_("Nothing was held this week, or nothing has started yet"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_vexpand (self->empty_label, TRUE);
  gtk_widget_set_visible (self->empty_label, FALSE);
  gtk_box_append (GTK_BOX (self), self->empty_label);
}
