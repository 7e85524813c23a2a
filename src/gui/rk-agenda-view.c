#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-agenda-view.h"
#include "rk-occurrence.h"
#include "rk-problem.h"

struct _RkAgendaView
{
  GtkWidget           parent_instance;

  GtkWidget          *search_bar;
  GtkWidget          *search_entry;
  GtkWidget          *venue_filter;
  GtkWidget          *program_filter;
  GtkWidget          *staff_filter;
  GtkWidget          *count_label;
  GtkWidget          *stack;
  GtkWidget          *column_view;

  GListStore         *store;          /* RkOccurrence */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  GArray             *venue_ids;      /* gint64, parallel to the drop-downs; 0 = all */
  GArray             *program_ids;
  GArray             *staff_ids;
  gint64              venue_id, program_id, staff_id;
  char               *search;         /* casefolded */
  gboolean            updating;

  RkMonthData        *data;           /* the month given last */
  gboolean            stale;          /* data not yet turned into rows */
  guint               filters_hash;   /* of the drop-downs' entries */
};

G_DEFINE_FINAL_TYPE (RkAgendaView, rk_agenda_view, GTK_TYPE_WIDGET)

static void ensure_built (RkAgendaView *self);

static GQuark staff_quark;
static GQuark orig_quark;
static GQuark problems_quark;
static GQuark search_quark;

enum
{
  COL_DATE,
  COL_TIME,
  COL_TITLE,
  COL_PLACE,
  COL_STAFFING,
  COL_PROBLEMS,
  N_COLS
};

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RkAgendaView *self = user_data;
  RkOccurrence *occ = item;

  if (self->venue_id && rk_occurrence_get_venue_id (occ) != self->venue_id)
    return FALSE;
  if (self->program_id && rk_occurrence_get_program_id (occ) != self->program_id)
    return FALSE;
  if (self->staff_id)
    {
      GArray *staff = g_object_get_qdata (G_OBJECT (occ), staff_quark);
      gboolean found = FALSE;

      for (guint i = 0; staff && i < staff->len; i++)
        if (g_array_index (staff, gint64, i) == self->staff_id)
          found = TRUE;
      if (!found)
        return FALSE;
    }
  if (self->search && *self->search)
    {
      const char *haystack = g_object_get_qdata (G_OBJECT (occ), search_quark);
      if (haystack == NULL || strstr (haystack, self->search) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_count (RkAgendaView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

  gtk_label_set_text (GTK_LABEL (self->count_label), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n ? "list" : "empty");
}

static void
refilter (RkAgendaView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static gint64
selected_id (GtkWidget *dropdown, GArray *ids)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (ids == NULL || pos == GTK_INVALID_LIST_POSITION || pos >= ids->len)
    return 0;
  return g_array_index (ids, gint64, pos);
}

static void
on_filter_changed (RkAgendaView *self)
{
  if (self->updating)
    return;
  self->venue_id = selected_id (self->venue_filter, self->venue_ids);
  self->program_id = selected_id (self->program_filter, self->program_ids);
  self->staff_id = selected_id (self->staff_filter, self->staff_ids);
  refilter (self);
}

static void
on_search_changed (RkAgendaView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search);
  self->search = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
on_stop_search (RkAgendaView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

static void
open_item (RkAgendaView *self, guint position)
{
  g_autoptr(RkOccurrence) occ = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (occ == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)",
                              rk_occurrence_get_event_id (occ),
                              GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (occ), orig_quark)));
}

static void
on_row_activate (RkAgendaView *self,
                 guint         position)
{
  open_item (self, position);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RkAgendaView          *self)
{
  g_autoptr(RkOccurrence) occ = NULL;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return FALSE;
  occ = gtk_single_selection_get_selected_item (self->selection);
  if (occ == NULL)
    return FALSE;
  g_object_ref (occ);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.cancel-occurrence", "(xu)",
                              rk_occurrence_get_event_id (occ),
                              GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (occ), orig_quark)));
  return TRUE;
}

/* ---- cells -------------------------------------------------------------- */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (col == COL_TITLE || col == COL_PLACE || col == COL_STAFFING || col == COL_PROBLEMS)
    {
      /* Who staffs it and what is wrong are read, not guessed from four
       * characters: up to three lines, then the tooltip. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), col == COL_TITLE || col == COL_PLACE ? 2 : 3);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_set_hexpand (label, TRUE);
    }
  if (col == COL_TIME)
    gtk_widget_add_css_class (label, "numeric");
  if (col == COL_PROBLEMS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
      return;
    }
  if (col == COL_TITLE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_label_new ("●");

      gtk_widget_add_css_class (dot, "program-dot");
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
      return;
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  RkOccurrence *occ = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *label = child;
  gboolean cancelled = g_strcmp0 (rk_occurrence_get_status (occ), "cancelled") == 0;
  gboolean tentative = g_strcmp0 (rk_occurrence_get_status (occ), "tentative") == 0;

  if (col == COL_TITLE || col == COL_PROBLEMS)
    label = gtk_widget_get_last_child (child);

  switch (col)
    {
    case COL_DATE:
      {
        RkDay day;
        g_autofree char *text = NULL;

        if (rk_date_parse (rk_occurrence_get_date (occ), &day))
          text = rk_day_title (day);
        gtk_label_set_text (GTK_LABEL (label), text ? text : rk_occurrence_get_date (occ));
      }
      break;
    case COL_TIME:
      {
        const char *s = rk_occurrence_get_start (occ), *e = rk_occurrence_get_end (occ);
        g_autofree char *text = g_strdup_printf ("%s–%s", s ? s + 11 : "", e ? e + 11 : "");

        gtk_label_set_text (GTK_LABEL (label), text);
      }
      break;
    case COL_TITLE:
      {
        GtkWidget *dot = gtk_widget_get_first_child (child);
        g_autofree char *markup = NULL;
        g_autofree char *color = g_strdup (rk_occurrence_get_color (occ));

        if (color == NULL || color[0] != '#' || strlen (color) != 7)
          {
            g_free (color);
            color = g_strdup ("#9A9996");
          }
        markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", color);
        gtk_label_set_markup (GTK_LABEL (dot), markup);
        if (cancelled)
          {
            g_autofree char *title =
              g_markup_printf_escaped ("<s>%s</s> <i>(%s)</i>", rk_occurrence_get_title (occ),
                                       _("cancelled"));
            gtk_label_set_markup (GTK_LABEL (label), title);
          }
        else if (tentative)
          {
            g_autofree char *title =
              g_markup_printf_escaped ("<i>%s (%s)</i>", rk_occurrence_get_title (occ),
                                       _("tentative"));
            gtk_label_set_markup (GTK_LABEL (label), title);
          }
        else
          gtk_label_set_text (GTK_LABEL (label), rk_occurrence_get_title (occ));
        /* Rows are recycled: the mark goes with the occurrence bound. */
        if (tentative)
          {
            gtk_widget_add_css_class (child, "tentative");
            gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                            _("Tentative: not confirmed yet"), -1);
          }
        else
          {
            gtk_widget_remove_css_class (child, "tentative");
            gtk_accessible_reset_property (GTK_ACCESSIBLE (label),
                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          }
        gtk_widget_set_tooltip_text (label, rk_occurrence_get_notes (occ));
      }
      break;
    case COL_PLACE:
      {
        const char *venue = rk_occurrence_get_venue_name (occ);
        const char *room = rk_occurrence_get_room_name (occ);
        g_autofree char *text = venue && room ? g_strdup_printf ("%s · %s", venue, room)
                                              : g_strdup (room ? room : "");

        gtk_label_set_text (GTK_LABEL (label), text);
        gtk_widget_set_tooltip_text (label, text);
      }
      break;
    case COL_STAFFING:
      gtk_label_set_text (GTK_LABEL (label), rk_occurrence_get_staffing (occ));
      gtk_widget_set_tooltip_text (label, rk_occurrence_get_staffing (occ));
      break;
    case COL_PROBLEMS:
      {
        const char *messages = g_object_get_qdata (G_OBJECT (occ), problems_quark);
        int n = rk_occurrence_get_problem_count (occ);
        g_autofree char *first = NULL;

        gtk_widget_set_visible (gtk_widget_get_first_child (child), n > 0);
        if (n > 0 && messages)
          {
            const char *nl = strchr (messages, '\n');
            first = nl ? g_strndup (messages, nl - messages) : g_strdup (messages);
          }
        gtk_label_set_text (GTK_LABEL (label), first ? first : "");
        gtk_widget_set_tooltip_text (child, n > 0 ? messages : NULL);
      }
      break;
    default:
      break;
    }
}

static void
add_column (RkAgendaView *self, const char *title, int col, gboolean expand, int fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (column);
}

/* ---- filters ------------------------------------------------------------ */

typedef struct
{
  gint64      id;
  const char *name;
} Named;

static int
named_compare (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (((const Named *) a)->name, ((const Named *) b)->name);
}

/* Order-independent: the entries come from hash tables. */
static guint
named_hash (GArray *entries, guint seed)
{
  guint h = seed * 2654435761u + entries->len;

  for (guint i = 0; i < entries->len; i++)
    {
      const Named *n = &g_array_index (entries, Named, i);

      h += (g_int64_hash (&n->id) * 31u) ^ g_str_hash (n->name);
    }
  return h;
}

static void
fill_dropdown (RkAgendaView *self, GtkWidget *dropdown, GArray **ids, const char *all,
               GArray *entries)
{
  gint64 keep = selected_id (dropdown, *ids);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (ids, g_array_unref);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_sort (entries, named_compare);
  gtk_string_list_append (list, all);
  g_array_append_val (*ids, (gint64) { 0 });
  for (guint i = 0; i < entries->len; i++)
    {
      const Named *n = &g_array_index (entries, Named, i);

      gtk_string_list_append (list, n->name);
      g_array_append_val (*ids, n->id);
      if (n->id == keep)
        selected = i + 1;
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
}

static void
fill_filters (RkAgendaView *self, RkMonthData *data)
{
  g_autoptr(GArray) venues = g_array_new (FALSE, FALSE, sizeof (Named));
  g_autoptr(GArray) programs = g_array_new (FALSE, FALSE, sizeof (Named));
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (Named));
  GHashTableIter iter;
  gpointer value;
  guint hash;

  g_hash_table_iter_init (&iter, data->schedule->venues);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (venues, ((Named) { ((RkSVenue *) value)->id, ((RkSVenue *) value)->name }));
  g_hash_table_iter_init (&iter, data->schedule->programs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (programs,
                        ((Named) { ((RkSProgram *) value)->id, ((RkSProgram *) value)->name }));
  g_hash_table_iter_init (&iter, data->schedule->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((RkSStaff *) value)->active)
      g_array_append_val (staff, ((Named) { ((RkSStaff *) value)->id, ((RkSStaff *) value)->name }));

  /* Refilling a drop-down rebuilds its popup's rows (300 staff): done
   * only when the entries differ, which is rare between months. */
  hash = named_hash (venues, 1) ^ named_hash (programs, 2) ^ named_hash (staff, 3);
  if (self->venue_ids && hash == self->filters_hash)
    return;
  self->filters_hash = hash;
  self->updating = TRUE;
  fill_dropdown (self, self->venue_filter, &self->venue_ids, _("All venues"), venues);
  fill_dropdown (self, self->program_filter, &self->program_ids, _("All programs"), programs);
  fill_dropdown (self, self->staff_filter, &self->staff_ids, _("All staff"), staff);
  self->updating = FALSE;
  self->venue_id = selected_id (self->venue_filter, self->venue_ids);
  self->program_id = selected_id (self->program_filter, self->program_ids);
  self->staff_id = selected_id (self->staff_filter, self->staff_ids);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_agenda_view_map (GtkWidget *widget)
{
  /* Before the children map, so the first frame shows this month's rows. */
  ensure_built (RK_AGENDA_VIEW (widget));
  GTK_WIDGET_CLASS (rk_agenda_view_parent_class)->map (widget);
}

static void
rk_agenda_view_dispose (GObject *object)
{
  RkAgendaView *self = RK_AGENDA_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_AGENDA_VIEW);
  /* The template's top box is not bound to a field: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_pointer (&self->data, rk_month_data_unref);
  G_OBJECT_CLASS (rk_agenda_view_parent_class)->dispose (object);
}

static void
rk_agenda_view_finalize (GObject *object)
{
  RkAgendaView *self = RK_AGENDA_VIEW (object);

  g_clear_pointer (&self->venue_ids, g_array_unref);
  g_clear_pointer (&self->program_ids, g_array_unref);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_free (self->search);
  G_OBJECT_CLASS (rk_agenda_view_parent_class)->finalize (object);
}

static void
rk_agenda_view_class_init (RkAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_agenda_view_dispose;
  object_class->finalize = rk_agenda_view_finalize;
  widget_class->map = rk_agenda_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, venue_filter);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, program_filter);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, staff_filter);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, stack);
  gtk_widget_class_bind_template_child (widget_class, RkAgendaView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendaview");

  staff_quark = g_quark_from_static_string ("rk-agenda-staff");
  orig_quark = g_quark_from_static_string ("rk-agenda-orig-date");
  problems_quark = g_quark_from_static_string ("rk-agenda-problems");
  search_quark = g_quark_from_static_string ("rk-agenda-search");
}

static void
rk_agenda_view_init (RkAgendaView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (RK_TYPE_OCCURRENCE);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (self->selection));

  add_column (self, _("Date"), COL_DATE, FALSE, 120);
  add_column (self, _("Time"), COL_TIME, FALSE, 100);
  add_column (self, _("Title"), COL_TITLE, FALSE, 200);
  add_column (self, _("Venue / Room"), COL_PLACE, FALSE, 170);
  add_column (self, _("Staffing"), COL_STAFFING, TRUE, -1);
  add_column (self, _("Problems"), COL_PROBLEMS, TRUE, -1);

  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar),
                                GTK_EDITABLE (self->search_entry));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->column_view, keys);
  update_count (self);
}

GtkWidget *
rk_agenda_view_new (void)
{
  return g_object_new (RK_TYPE_AGENDA_VIEW, NULL);
}

static RkOccurrence *
make_item (RkMonthData *data, const RkOcc *o)
{
  RkOccurrence *occ = rk_occurrence_new ();
  GPtrArray *problems = rk_month_data_occ_problems (data, o);
  GArray *staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *staffing = rk_occ_staffing_text (data->schedule, o);
  g_autoptr(GString) messages = g_string_new (NULL);
  char date[11], start[17], end[17];
  RkSRoom *room = o->event->room;
  RkSProgram *program = o->event->program;
  g_autofree char *search = NULL;

  rk_occ_staff (o, staff);
  for (guint i = 0; problems && i < problems->len; i++)
    {
      if (messages->len)
        g_string_append_c (messages, '\n');
      g_string_append (messages, rk_problem_get_message (g_ptr_array_index (problems, i)));
    }
  g_object_set (occ,
                "event-id", o->event->id,
                "date", rk_date_format_buf (rk_occ_day (o), date),
                "start", rk_time_format_buf (o->start, start),
                "end", rk_time_format_buf (o->end, end),
                "title", rk_sevent_title (o->event),
                "program-id", program ? program->id : (gint64) 0,
                "program-name", program ? program->name : NULL,
                "color", rk_occ_color (o),
                "room-id", room ? room->id : (gint64) 0,
                "room-name", room ? room->name : NULL,
                "venue-id", room && room->venue ? room->venue->id : (gint64) 0,
                "venue-name", room && room->venue ? room->venue->name : NULL,
                "status", rk_occ_status_token (o->status),
                "reason", o->reason,
                "staffing", staffing,
                "problem-count", problems ? (int) problems->len : 0,
                "notes", o->event->notes,
                "all-day", o->event->all_day,
                NULL);
  search = g_strconcat (rk_sevent_title (o->event), "\n", o->event->notes ? o->event->notes : "",
                        NULL);
  g_object_set_qdata_full (G_OBJECT (occ), search_quark, g_utf8_casefold (search, -1), g_free);
  g_object_set_qdata_full (G_OBJECT (occ), staff_quark, staff, (GDestroyNotify) g_array_unref);
  g_object_set_qdata (G_OBJECT (occ), orig_quark, GUINT_TO_POINTER (o->orig_date));
  g_object_set_qdata_full (G_OBJECT (occ), problems_quark,
                           g_string_free (g_steal_pointer (&messages), FALSE), g_free);
  return occ;
}

/* The rows of a month are ~1,500 objects and the column view's cells
 * rebound: built when the page is shown or its model is asked for, never
 * for a month switched through while the page is hidden. */
static void
ensure_built (RkAgendaView *self)
{
  g_autoptr(GPtrArray) items = NULL;
  RkMonthData *data = self->data;

  if (!self->stale || data == NULL)
    return;
  self->stale = FALSE;
  items = g_ptr_array_new_full (data->occs->len, g_object_unref);
  fill_filters (self, data);
  for (guint i = 0; i < data->occs->len; i++)
    {
      const RkOcc *o = &g_array_index (data->occs, RkOcc, i);
      RkDay day = rk_occ_day (o);

      if (o->status == RK_OCC_SKIPPED || day < data->first || day > data->last)
        continue;
      g_ptr_array_add (items, make_item (data, o));
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  refilter (self);
}

void
rk_agenda_view_set_data (RkAgendaView *self,
                         RkMonthData  *data)
{
  g_return_if_fail (RK_IS_AGENDA_VIEW (self));
  g_return_if_fail (data != NULL);

  if (self->data != data)
    {
      g_clear_pointer (&self->data, rk_month_data_unref);
      self->data = rk_month_data_ref (data);
    }
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_built (self);
}

void
rk_agenda_view_start_search (RkAgendaView *self)
{
  g_return_if_fail (RK_IS_AGENDA_VIEW (self));

  ensure_built (self);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

void
rk_agenda_view_set_search (RkAgendaView *self,
                           const char   *text)
{
  g_return_if_fail (RK_IS_AGENDA_VIEW (self));

  ensure_built (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* search-changed is delayed; apply at once for callers that read the model. */
  on_search_changed (self);
}

static void
select_id (GtkWidget *dropdown, GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
}

void
rk_agenda_view_set_filters (RkAgendaView *self,
                            gint64        venue_id,
                            gint64        program_id,
                            gint64        staff_id)
{
  g_return_if_fail (RK_IS_AGENDA_VIEW (self));

  ensure_built (self);
  self->updating = TRUE;
  select_id (self->venue_filter, self->venue_ids, venue_id);
  select_id (self->program_filter, self->program_ids, program_id);
  select_id (self->staff_filter, self->staff_ids, staff_id);
  self->updating = FALSE;
  on_filter_changed (self);
}

GListModel *
rk_agenda_view_get_model (RkAgendaView *self)
{
  g_return_val_if_fail (RK_IS_AGENDA_VIEW (self), NULL);
  ensure_built (self);
  return G_LIST_MODEL (self->filtered);
}
