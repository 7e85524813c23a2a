#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-check.h"
#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-program.h"
#include "rk-programs-page.h"
#include "rk-roles.h"

#define DEFAULT_COLOR "#64B5F6"

struct _RkProgramsPage
{
  GtkBox       parent_instance;

  GtkWidget   *program_list;
  GtkWidget   *stale_bar;
  GtkWidget   *stale_label;
  GtkWidget   *heading_label;
  GtkWidget   *name_entry;
  GtkWidget   *color_button;
  GtkWidget   *duration_spin;
  GtkWidget   *audience_entry;
  GtkWidget   *bring_entry;
  GtkWidget   *staff_only_check;
  GtkWidget   *add_role_button;
  GtkWidget   *requirements_list;
  GtkWidget   *problems_label;
  GtkWidget   *error_label;
  GtkWidget   *save_button;

  RkStore     *store;
  RkContext   *context;
  GtkWidget   *form;
  RkUndoStack *undo;
  GPtrArray   *programs;       /* RkProgram, as listed */
  GHashTable  *short_roles;    /* as last read: program id → roles short this month */
  GCancellable *list_cancel;   /* the programs' read on its way */
  gint64       select_after;   /* shown when the programs read is back */
  RkProgram   *program;        /* in the form; NULL: a new one */
  GPtrArray   *rows;           /* requirement rows (GtkBox) */
  gboolean     dirty;
  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (RkProgramsPage, rk_programs_page, GTK_TYPE_BOX)

static gint64
current_id (RkProgramsPage *self)
{
  return self->program ? rk_program_get_id (self->program) : 0;
}

static void
mark_dirty (RkProgramsPage *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  gtk_widget_set_visible (self->error_label, FALSE);
}

static void
on_form_changed (RkProgramsPage *self)
{
  mark_dirty (self);
}

/* ---- staffing rows ------------------------------------------------------ */

static GtkWidget *
row_dropdown (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rk-role");
}

static GtkWidget *
row_spin (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rk-count");
}

static void
on_remove_role (GtkButton      *button,
                RkProgramsPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "rk-row");
  GtkWidget *list_row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);

  g_ptr_array_remove (self->rows, row);
  gtk_list_box_remove (GTK_LIST_BOX (self->requirements_list), list_row);
  mark_dirty (self);
}

static GtkWidget *
row_wish (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rk-wish");
}

/* The wish is never below the minimum: raising one raises the other. */
static void
on_count_changed (GtkSpinButton *spin,
                  GtkWidget     *row)
{
  GtkSpinButton *min = GTK_SPIN_BUTTON (row_spin (row));
  GtkSpinButton *wish = GTK_SPIN_BUTTON (row_wish (row));

  if (wish == NULL)
    return;
  if (spin == min && gtk_spin_button_get_value_as_int (wish) < gtk_spin_button_get_value_as_int (min))
    gtk_spin_button_set_value (wish, gtk_spin_button_get_value_as_int (min));
  else if (spin == wish &&
           gtk_spin_button_get_value_as_int (wish) < gtk_spin_button_get_value_as_int (min))
    gtk_spin_button_set_value (min, gtk_spin_button_get_value_as_int (wish));
}

static GtkWidget *
add_row (RkProgramsPage *self, int role, int count, int wish_count)
{
  g_autoptr(GtkStringList) roles = rk_gui_role_list ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 20, 1);
  GtkWidget *to = gtk_label_new (_("to"));
  GtkWidget *wish = gtk_spin_button_new_with_range (1, 20, 1);
  GtkWidget *people = gtk_label_new (_("people"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) role);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), count);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (wish), MAX (count, wish_count));
  gtk_accessible_update_property (GTK_ACCESSIBLE (wish), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of people wished for, if possible"), -1);
  gtk_widget_set_tooltip_text (wish, _("More if possible: the staffing plan fills the minimum "
                                       "first, then up to this number"));
  gtk_widget_add_css_class (to, "dim-label");
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Role needed"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of people needed"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this role"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove this role"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (people, "dim-label");
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (wish, "value-changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_count_changed), row);
  g_signal_connect (wish, "value-changed", G_CALLBACK (on_count_changed), row);
  g_object_set_data (G_OBJECT (remove), "rk-row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_role), self);
  g_object_set_data (G_OBJECT (row), "rk-role", dropdown);
  g_object_set_data (G_OBJECT (row), "rk-count", spin);
  g_object_set_data (G_OBJECT (row), "rk-wish", wish);
  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 4);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_box_append (GTK_BOX (row), dropdown);
  gtk_box_append (GTK_BOX (row), spin);
  gtk_box_append (GTK_BOX (row), to);
  gtk_box_append (GTK_BOX (row), wish);
  gtk_box_append (GTK_BOX (row), people);
  gtk_box_append (GTK_BOX (row), remove);
  gtk_list_box_append (GTK_LIST_BOX (self->requirements_list), row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
on_add_role (RkProgramsPage *self)
{
  gboolean used[RK_N_ROLES] = { FALSE };
  int role = RK_ROLE_OTHER;
  GtkWidget *row;

  for (guint i = 0; i < self->rows->len; i++)
    {
      guint r = gtk_drop_down_get_selected (GTK_DROP_DOWN (row_dropdown (self->rows->pdata[i])));
      if (r < RK_N_ROLES)
        used[r] = TRUE;
    }
  /* The first role not listed yet. */
  for (int r = RK_N_ROLES - 1; r >= 0; r--)
    if (!used[r])
      role = r;
  row = add_row (self, role, 1, 1);
  mark_dirty (self);
  gtk_widget_grab_focus (row_dropdown (row));
}

static void
read_counts (RkProgramsPage *self, int counts[RK_N_ROLES], int wish[RK_N_ROLES])
{
  memset (counts, 0, sizeof (int) * RK_N_ROLES);
  memset (wish, 0, sizeof (int) * RK_N_ROLES);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      guint r = gtk_drop_down_get_selected (GTK_DROP_DOWN (row_dropdown (row)));
      int n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row_spin (row)));
      int w = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row_wish (row)));

      if (r < RK_N_ROLES)
        {
          counts[r] += n;
          wish[r] += MAX (n, w);
        }
    }
}

static void
fill_rows (RkProgramsPage *self, const char *requirements)
{
  int counts[RK_N_ROLES] = { 0 }, wish[RK_N_ROLES] = { 0 };

  rk_gui_list_box_clear (GTK_LIST_BOX (self->requirements_list));
  g_ptr_array_set_size (self->rows, 0);
  if (requirements && !rk_requirements_parse_range (requirements, counts, wish, NULL))
    {
      memset (counts, 0, sizeof counts);
      memset (wish, 0, sizeof wish);
    }
  for (int r = 0; r < RK_N_ROLES; r++)
    if (counts[r] > 0)
      add_row (self, r, counts[r], wish[r]);
}

void
rk_programs_page_set_required (RkProgramsPage *self,
                               int             role,
                               int             count)
{
  g_return_if_fail (RK_IS_PROGRAMS_PAGE (self));
  g_return_if_fail (role >= 0 && role < RK_N_ROLES);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];

      if ((int) gtk_drop_down_get_selected (GTK_DROP_DOWN (row_dropdown (row))) != role)
        continue;
      if (count <= 0)
        {
          gtk_list_box_remove (GTK_LIST_BOX (self->requirements_list),
                               gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW));
          g_ptr_array_remove_index (self->rows, i);
        }
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_spin (row)), count);
      mark_dirty (self);
      return;
    }
  if (count > 0)
    {
      add_row (self, role, count, count);
      mark_dirty (self);
    }
}

/* ---- problems of the program this month --------------------------------- */

static void
show_problems (RkProgramsPage *self)
{
  g_autofree char *text = NULL;
  gint64 id;
  guint n;

  if (self->program == NULL || self->short_roles == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->problems_label), "");
      return;
    }
  id = rk_program_get_id (self->program);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->short_roles, &id));
  if (n == 0)
    text = g_strdup (_("Every event of this program is fully staffed this month."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This month %u role is short on events of this program.",
                                         "This month %u roles are short on events of this program.",
                                         n),
                            n);
  gtk_label_set_text (GTK_LABEL (self->problems_label), text);
}

/* ---- the form ----------------------------------------------------------- */

static void
load_form (RkProgramsPage *self, RkProgram *program)
{
  GdkRGBA rgba;

  g_set_object (&self->program, program);
  self->loading = TRUE;
  rk_gui_set_text (self->name_entry, program ? rk_program_get_name (program) : NULL);
  rk_gui_set_text (self->audience_entry, program ? rk_program_get_audience (program) : NULL);
  rk_gui_set_text (self->bring_entry, program ? rk_program_get_bring (program) : NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->duration_spin),
                             program ? rk_program_get_duration (program) : 120);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->staff_only_check),
                               program ? rk_program_get_staff_only (program) : FALSE);
  if (!gdk_rgba_parse (&rgba, program && rk_program_get_color (program)
                                ? rk_program_get_color (program) : DEFAULT_COLOR))
    gdk_rgba_parse (&rgba, DEFAULT_COLOR);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  fill_rows (self, program ? rk_program_get_requirements (program) : NULL);
  self->loading = FALSE;
  self->dirty = FALSE;
  gtk_label_set_text (GTK_LABEL (self->heading_label),
                      program ? rk_program_get_name (program) : _("New Program"));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->stale_bar), FALSE);
  gtk_widget_set_visible (self->error_label, FALSE);
  show_problems (self);
}

static char *
color_text (RkProgramsPage *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  return g_strdup_printf ("#%02X%02X%02X", (int) (rgba.red * 255 + 0.5),
                          (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
}

/* In the worker thread. */
static gboolean
save_program (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  RkEntitySave *d = data;
  gint64 id;

  if (d->add)
    {
      id = rk_store_add_program (store, d->edited, error);
      if (id == 0)
        return FALSE;
      rk_program_set_id (d->edited, id);
      rk_undo_stack_note_new (undo, RK_UNDO_PROGRAM, id);
      return TRUE;
    }
  return rk_undo_stack_save (undo, RK_UNDO_PROGRAM, rk_program_get_id (d->edited), error) &&
         rk_store_update_program (store, d->edited, error);
}

static void
save_failed (RkProgramsPage *self, const GError *error)
{
  rk_gui_save_failed (error, self->stale_bar, self->stale_label,
                      _("Someone else changed this program while you were editing. Your "
                        "changes were not saved. Reload to see the new version, then make "
                        "your changes again."),
                      self->error_label);
}

static void
save_done (GtkWidget *owner, gpointer data, const GError *error)
{
  RkProgramsPage *self = RK_PROGRAMS_PAGE (owner);
  RkEntitySave *d = data;
  g_autofree char *message = NULL;

  if (d == NULL)
    {
      save_failed (self, error);
      return;
    }
  self->dirty = FALSE;
  load_form (self, d->edited);
  self->select_after = rk_program_get_id (d->edited);
  rk_programs_page_reload (self);
  message = rk_gui_saved_message (d->name, d->add);
  rk_gui_toast (GTK_WIDGET (self), message, TRUE);
}

gboolean
rk_programs_page_save (RkProgramsPage  *self,
                       GError         **error)
{
  g_autofree char *audience = rk_gui_entry_text (self->audience_entry);
  g_autofree char *bring = rk_gui_entry_text (self->bring_entry);
  g_autofree char *color = color_text (self);
  g_autofree char *requirements = NULL;
  int counts[RK_N_ROLES], wish[RK_N_ROLES];
  char *name = rk_gui_entry_text (self->name_entry);
  RkEntitySave *d;

  g_return_val_if_fail (RK_IS_PROGRAMS_PAGE (self), FALSE);
  if (name == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Give the program a name"));
      return FALSE;
    }
  if (rk_context_is_saving (self->save_button))
    {
      g_free (name);
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The program is being saved"));
      return FALSE;
    }
  d = rk_entity_save_new (rk_program_new (), self->program == NULL, name);
  read_counts (self, counts, wish);
  requirements = rk_requirements_format_range (counts, wish);
  g_object_set (d->edited,
                "name", name,
                "duration",
                gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->duration_spin)),
                "audience", audience,
                "bring", bring,
                "color", color,
                "requirements", requirements,
                "staff-only",
                gtk_check_button_get_active (GTK_CHECK_BUTTON (self->staff_only_check)),
                NULL);
  if (self->program)
    {
      rk_program_set_id (d->edited, rk_program_get_id (self->program));
      rk_program_set_version (d->edited, rk_program_get_version (self->program));
    }
  gtk_widget_set_visible (self->error_label, FALSE);
  return rk_context_save (self->context, GTK_WIDGET (self), self->save_button, self->form,
                          d->add ? _("Add program") : _("Edit program"), save_program, d,
                          rk_entity_save_free, save_done);
}

static void
on_save_clicked (RkProgramsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_programs_page_save (self, &error) && error)
    save_failed (self, error);
}

static void
on_reload_clicked (RkProgramsPage *self)
{
  gint64 id = current_id (self);

  self->dirty = FALSE;
  g_clear_object (&self->program);
  self->select_after = id;
  rk_programs_page_reload (self);
}

/* ---- the list ----------------------------------------------------------- */

static RkProgram *
listed (RkProgramsPage *self, gint64 id)
{
  for (guint i = 0; self->programs && i < self->programs->len; i++)
    if (rk_program_get_id (g_ptr_array_index (self->programs, i)) == id)
      return g_ptr_array_index (self->programs, i);
  return NULL;
}

static void
on_program_selected (GtkListBox     *list,
                     GtkListBoxRow  *row,
                     RkProgramsPage *self)
{
  gint64 *id;

  if (self->loading || row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "rk-id");
  if (id && *id != current_id (self) && listed (self, *id))
    load_form (self, listed (self, *id));
}

static GtkWidget *
swatch (const char *color)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *css = g_strdup_printf ("box { background-color: %s; min-width: 12px; "
                                          "min-height: 12px; border-radius: 6px; }",
                                          color && *color ? color : DEFAULT_COLOR);

  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (box),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

/* What the page lists, read by the worker: the programs, and how many
 * roles are short this month on the events of each. */
typedef struct
{
  GPtrArray  *programs;
  GHashTable *short_roles;      /* program id (gint64 *) → count */
} Listing;

static void
listing_free (gpointer p)
{
  Listing *l = p;

  g_clear_pointer (&l->programs, g_ptr_array_unref);
  g_clear_pointer (&l->short_roles, g_hash_table_unref);
  g_free (l);
}

/* In the worker thread. */
static gpointer
read_listing (RkStore *store, gpointer data, GError **error)
{
  Listing *l = g_new0 (Listing, 1);
  g_autoptr(RkSchedule) schedule = NULL;
  g_autoptr(GArray) occs = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RkDay today, first, last;
  int y, m;

  l->short_roles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  l->programs = rk_store_list_programs (store, error);
  if (l->programs == NULL)
    {
      listing_free (l);
      return NULL;
    }
  today = rk_store_today (store);
  rk_day_to_ymd (today, &y, &m, NULL);
  first = rk_day_from_ymd (y, m, 1);
  last = first + rk_days_in_month (y, m) - 1;
  schedule = rk_store_load_schedule (store, first, last, NULL);
  occs = schedule ? rk_schedule_expand (schedule, first, last, NULL) : NULL;
  problems = occs ? rk_check (schedule, occs, first, last, today) : NULL;
  for (guint i = 0; problems && i < problems->len; i++)
    {
      RkProblem *p = g_ptr_array_index (problems, i);
      const GArray *ids = rk_problem_get_event_ids (p);
      RkSEvent *e = ids && ids->len ? rk_schedule_event (schedule, g_array_index (ids, gint64, 0))
                                    : NULL;

      if (g_strcmp0 (rk_problem_get_kind (p), "understaffed") == 0 && e && e->program)
        {
          gint64 id = e->program->id;
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (l->short_roles, &id));

          g_hash_table_insert (l->short_roles, g_memdup2 (&id, sizeof id),
                               GUINT_TO_POINTER (n + 1));
        }
    }
  return l;
}

static void show_listing (RkProgramsPage *self, Listing *listing);

static void
listing_read (GtkWidget *owner, gpointer result, const GError *error)
{
  RkProgramsPage *self = RK_PROGRAMS_PAGE (owner);

  if (result == NULL)
    rk_gui_toast (GTK_WIDGET (self), error->message, FALSE);
  else
    show_listing (self, result);
}

/* The programs are read by the worker and shown when they arrive (a read
 * still on its way is dropped). */
void
rk_programs_page_reload (RkProgramsPage *self)
{
  g_return_if_fail (RK_IS_PROGRAMS_PAGE (self));
  if (self->context == NULL)
    return;
  rk_context_read (self->context, GTK_WIDGET (self), &self->list_cancel, read_listing, NULL, NULL,
                   listing_free, listing_read);
}

gboolean
rk_programs_page_is_loading (RkProgramsPage *self)
{
  g_return_val_if_fail (RK_IS_PROGRAMS_PAGE (self), FALSE);
  return self->list_cancel != NULL;
}

static void
show_listing (RkProgramsPage *self, Listing *listing)
{
  GPtrArray *programs = g_steal_pointer (&listing->programs);
  gint64 keep = self->select_after ? self->select_after : current_id (self);
  RkProgram *fresh;

  self->select_after = 0;
  g_clear_pointer (&self->short_roles, g_hash_table_unref);
  self->short_roles = g_steal_pointer (&listing->short_roles);
  listing_free (listing);
  g_clear_pointer (&self->programs, g_ptr_array_unref);
  self->programs = programs;

  self->loading = TRUE;
  rk_gui_list_box_clear (GTK_LIST_BOX (self->program_list));
  for (guint i = 0; i < programs->len; i++)
    {
      RkProgram *p = g_ptr_array_index (programs, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *markup = NULL;
      gint64 *id = g_new (gint64, 1);

      if (rk_program_get_staff_only (p))
        markup = g_markup_printf_escaped ("%s\n<small>%s</small>", rk_program_get_name (p),
                                          _("Staff only"));
      else
        markup = g_markup_escape_text (rk_program_get_name (p), -1);
      *id = rk_program_get_id (p);
      g_object_set_data_full (G_OBJECT (row), "rk-id", id, g_free);
      gtk_box_append (GTK_BOX (box), swatch (rk_program_get_color (p)));
      gtk_box_append (GTK_BOX (box), rk_gui_row_label (markup, TRUE));
      gtk_widget_set_margin_top (box, 2);
      gtk_widget_set_margin_bottom (box, 2);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (self->program_list), row);
      if (*id == keep)
        gtk_list_box_select_row (GTK_LIST_BOX (self->program_list), GTK_LIST_BOX_ROW (row));
    }
  self->loading = FALSE;

  fresh = keep ? listed (self, keep) : NULL;
  if (fresh && self->dirty)
    {
      if (rk_program_get_version (fresh) != rk_program_get_version (self->program))
        rk_gui_show_stale (self->stale_bar, self->stale_label,
                           _("Someone else changed this program after you started editing. "
                             "What you typed is kept; saving will ask you to reload first."));
      show_problems (self);
    }
  else if (fresh)
    load_form (self, fresh);
  else if (self->program != NULL || !self->dirty)
    {
      if (programs->len > 0)
        rk_programs_page_select (self, rk_program_get_id (g_ptr_array_index (programs, 0)));
      else
        load_form (self, NULL);
    }
}

gboolean
rk_programs_page_select (RkProgramsPage *self,
                         gint64          program_id)
{
  g_return_val_if_fail (RK_IS_PROGRAMS_PAGE (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->program_list), i);
      gint64 *id;

      if (row == NULL)
        return FALSE;
      id = g_object_get_data (G_OBJECT (row), "rk-id");
      if (id && *id == program_id)
        {
          self->loading = TRUE;
          gtk_list_box_select_row (GTK_LIST_BOX (self->program_list), row);
          self->loading = FALSE;
          if (current_id (self) != program_id || !self->dirty)
            load_form (self, listed (self, program_id));
          return TRUE;
        }
    }
}

gint64
rk_programs_page_get_selected (RkProgramsPage *self)
{
  g_return_val_if_fail (RK_IS_PROGRAMS_PAGE (self), 0);
  return current_id (self);
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RkProgramsPage *self = RK_PROGRAMS_PAGE (widget);

  self->loading = TRUE;
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->program_list));
  self->loading = FALSE;
  load_form (self, NULL);
  /* A new program is being typed: reloads must not replace it. */
  self->dirty = TRUE;
  gtk_widget_grab_focus (self->name_entry);
}

/* ---- class -------------------------------------------------------------- */

static void
rk_programs_page_dispose (GObject *object)
{
  RkProgramsPage *self = RK_PROGRAMS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_PROGRAMS_PAGE);
  g_clear_object (&self->program);
  g_clear_pointer (&self->programs, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  g_cancellable_cancel (self->list_cancel);
  g_clear_object (&self->list_cancel);
  g_clear_pointer (&self->short_roles, g_hash_table_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_programs_page_parent_class)->dispose (object);
}

static void rk_programs_page_bind (RkProgramsPage *self, RkStore *store, RkUndoStack *undo);

/* The page gets its context when it is made, and reloads itself on every
 * change to the stored data. */
static void
rk_programs_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RkContext *context = g_value_get_object (value);

  g_set_object (&RK_PROGRAMS_PAGE (object)->context, context);

  rk_programs_page_bind (RK_PROGRAMS_PAGE (object), rk_context_get_store (context), rk_context_get_undo (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (rk_programs_page_reload), object,
                           G_CONNECT_SWAPPED);
}

static void
rk_programs_page_class_init (RkProgramsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_programs_page_dispose;
  object_class->set_property = rk_programs_page_set_property;
  g_object_class_install_property (object_class, 1, rk_context_param_spec ());

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-programs-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RkProgramsPage, name)
  BIND (program_list);
  BIND (stale_bar);
  BIND (stale_label);
  BIND (heading_label);
  BIND (name_entry);
  BIND (color_button);
  BIND (duration_spin);
  BIND (audience_entry);
  BIND (bring_entry);
  BIND (staff_only_check);
  BIND (add_role_button);
  BIND (requirements_list);
  BIND (problems_label);
  BIND (error_label);
  BIND (save_button);
  BIND (form);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_role);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);

  gtk_widget_class_install_action (widget_class, "programs.add", NULL, add_action);
}

static void
rk_programs_page_init (RkProgramsPage *self)
{
  self->rows = g_ptr_array_new ();
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  g_signal_connect (self->program_list, "row-selected", G_CALLBACK (on_program_selected), self);
  load_form (self, NULL);
}

static void
rk_programs_page_bind (RkProgramsPage *self,
                       RkStore        *store,
                       RkUndoStack    *undo)
{
  g_return_if_fail (RK_IS_PROGRAMS_PAGE (self));

  g_set_object (&self->store, store);
  g_set_object (&self->undo, undo);
  rk_programs_page_reload (self);
}

GtkWidget *
rk_programs_page_get_field (RkProgramsPage *self,
                            const char     *name)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "name", G_STRUCT_OFFSET (RkProgramsPage, name_entry) },
    { "color", G_STRUCT_OFFSET (RkProgramsPage, color_button) },
    { "duration", G_STRUCT_OFFSET (RkProgramsPage, duration_spin) },
    { "audience", G_STRUCT_OFFSET (RkProgramsPage, audience_entry) },
    { "bring", G_STRUCT_OFFSET (RkProgramsPage, bring_entry) },
    { "staff_only", G_STRUCT_OFFSET (RkProgramsPage, staff_only_check) },
    { "requirements", G_STRUCT_OFFSET (RkProgramsPage, requirements_list) },
    { "add_role", G_STRUCT_OFFSET (RkProgramsPage, add_role_button) },
    { "problems", G_STRUCT_OFFSET (RkProgramsPage, problems_label) },
    { "save", G_STRUCT_OFFSET (RkProgramsPage, save_button) },
    { "stale_bar", G_STRUCT_OFFSET (RkProgramsPage, stale_bar) },
    { "error", G_STRUCT_OFFSET (RkProgramsPage, error_label) },
  };

  g_return_val_if_fail (RK_IS_PROGRAMS_PAGE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
  return NULL;
}
