#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-check.h"
#include "rk-editor-staffing-section.h"
#include "rk-expand.h"

struct _RkEditorStaffingSection
{
  RkEditorSection     parent_instance;

  /* template */
  GtkWidget          *staffing_list;

  gint64              program_id;
  gboolean            occurrence;
  RkEditorSuggestFunc suggest;
  gpointer            suggest_data;

  GArray             *staff;          /* gint64: who is on it in the editor */
  GArray             *orig_staff;     /* as loaded, for the diff on save */
  GArray             *asked;          /* gint64: of staff, asked but not confirmed */
  GArray             *orig_asked;
  GArray             *loaded_assigns; /* RkSAssign of the event as loaded */
};

G_DEFINE_FINAL_TYPE (RkEditorStaffingSection, rk_editor_staffing_section, RK_TYPE_EDITOR_SECTION)

static void add_asked_toggle (RkEditorStaffingSection *self, GtkWidget *pill, GtkWidget *name,
                              gint64 id);

static void
staff_changed (RkEditorStaffingSection *self)
{
  rk_editor_staffing_section_rebuild (self);
  rk_editor_section_changed (RK_EDITOR_SECTION (self));
}

static void
on_remove_person (GtkButton *button, RkEditorStaffingSection *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-staff-id");

  rk_editor_remove_id (self->staff, id);
  staff_changed (self);
}

static void
on_add_person (GtkButton *button, RkEditorStaffingSection *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-staff-id");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (!rk_editor_has_id (self->staff, id))
    g_array_append_val (self->staff, id);
  staff_changed (self);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);
}

static void
add_note (GtkWidget *box, const char *text)
{
  GtkWidget *note = gtk_label_new (text);

  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), note);
}

/* The popover's list, when the worker has read who is free. */
static void
fill_suggestions (GArray *free_staff, gpointer user_data)
{
  GtkWidget *popover = user_data;
  RkEditorStaffingSection *self = g_object_get_data (G_OBJECT (popover), "rk-section");
  RkSchedule *ref = rk_editor_section_get_reference (RK_EDITOR_SECTION (self));
  int role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (popover), "rk-role"));
  GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (popover));
  GtkWidget *heading;
  g_autofree char *title = g_strdup_printf (_("Free %s"), rk_role_label (role));

  clear_box (box);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; free_staff && i < free_staff->len; i++)
    {
      const RkSuggestion *s = &g_array_index (free_staff, RkSuggestion, i);
      RkSStaff *st = ref ? rk_schedule_staff (ref, s->staff_id) : NULL;
      GtkWidget *button, *label;
      g_autofree char *markup = NULL;
      gint64 *id;

      if (st == NULL)
        continue;
      markup = g_markup_printf_escaped (
        g_dngettext (GETTEXT_PACKAGE, "%s\n<small>%s · %d event this month</small>",
                     "%s\n<small>%s · %d events this month</small>",
                     s->assignments_this_month),
        st->name, st->org ? st->org : "", s->assignments_this_month);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      id = g_new (gint64, 1);
      *id = s->staff_id;
      g_object_set_data_full (G_OBJECT (button), "rk-staff-id", id, g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_person), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (free_staff == NULL || free_staff->len == 0)
    add_note (box, _("Nobody of this role is free at that time"));
  if (free_staff)
    g_array_unref (free_staff);
}

static void
cancel_and_unref (gpointer data)
{
  g_cancellable_cancel (data);
  g_object_unref (data);
}

/* Shown at once, "looking" until the worker has read who is free; a
 * popover closed or rebuilt meanwhile drops the answer. */
static void
on_suggest_show (GtkWidget *popover, RkEditorStaffingSection *self)
{
  GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (popover));
  int role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (popover), "rk-role"));
  GCancellable *cancellable = g_cancellable_new ();

  clear_box (box);
  add_note (box, _("Looking for who is free…"));
  g_object_set_data (G_OBJECT (popover), "rk-section", self);
  if (self->suggest == NULL)
    {
      g_object_unref (cancellable);
      fill_suggestions (NULL, popover);
      return;
    }
  g_object_set_data_full (G_OBJECT (popover), "rk-cancel", cancellable, cancel_and_unref);
  self->suggest (role, cancellable, fill_suggestions, popover, self->suggest_data);
}

static void
on_suggest_hide (GtkWidget *popover)
{
  g_object_set_data (G_OBJECT (popover), "rk-cancel", NULL);
}

void
rk_editor_staffing_section_rebuild (RkEditorStaffingSection *self)
{
  RkSchedule *ref = rk_editor_section_get_reference (RK_EDITOR_SECTION (self));
  int required[RK_N_ROLES] = { 0 }, counts[RK_N_ROLES] = { 0 };
  RkSProgram *program = ref && self->program_id ? rk_schedule_program (ref, self->program_id)
                                                : NULL;
  GtkWidget *child;

  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));

  while ((child = gtk_widget_get_first_child (self->staffing_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->staffing_list), child);
  if (ref == NULL)
    return;

  if (program)
    memcpy (required, program->required, sizeof required);
  for (guint i = 0; i < self->staff->len; i++)
    {
      RkSStaff *st = rk_schedule_staff (ref, g_array_index (self->staff, gint64, i));
      if (st)
        counts[st->role]++;
    }

  for (int r = 0; r < RK_N_ROLES; r++)
    {
      GtkWidget *row, *header, *title, *add, *popover, *people;
      g_autofree char *text = NULL;
      g_autofree char *add_label = NULL;

      /* Rarely used roles appear once someone of them is needed or on it. */
      if (required[r] == 0 && counts[r] == 0 && r != RK_ROLE_CHILDCARE_VOLUNTEER &&
          r != RK_ROLE_HUB_STAFF && r != RK_ROLE_PUBLIC_HEALTH_NURSE)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      title = gtk_label_new (NULL);
      add = gtk_menu_button_new ();
      popover = gtk_popover_new ();
      people = gtk_flow_box_new ();
      text = rk_role_count_text (r, counts[r], required[r], program ? program->wish[r] : 0);
      gtk_label_set_text (GTK_LABEL (title), text);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (title, "role-title");
      if (counts[r] < required[r])
        gtk_widget_add_css_class (title, "understaffed");

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
      add_label = g_strdup_printf (_("Add %s"), rk_role_label (r));
      gtk_widget_set_tooltip_text (add, add_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      add_label, -1);
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (add), FALSE);
      gtk_popover_set_child (GTK_POPOVER (popover), gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
      g_object_set_data (G_OBJECT (popover), "rk-role", GINT_TO_POINTER (r));
      g_signal_connect (popover, "show", G_CALLBACK (on_suggest_show), self);
      g_signal_connect (popover, "hide", G_CALLBACK (on_suggest_hide), NULL);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (add), popover);
      g_object_set_data (G_OBJECT (row), "rk-add-button", add);

      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), add);
      gtk_box_append (GTK_BOX (row), header);

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (people), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (people), 3);
      for (guint i = 0; i < self->staff->len; i++)
        {
          gint64 id = g_array_index (self->staff, gint64, i);
          RkSStaff *st = rk_schedule_staff (ref, id);
          GtkWidget *pill, *box, *remove;
          g_autofree char *remove_label = NULL;
          gint64 *data;

          if (st == NULL || (int) st->role != r)
            continue;
          pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
          box = gtk_label_new (st->name);
          remove = gtk_button_new_from_icon_name ("window-close-symbolic");
          remove_label = g_strdup_printf (_("Remove %s"), st->name);
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          remove_label, -1);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_add_css_class (remove, "circular");
          data = g_new (gint64, 1);
          *data = id;
          g_object_set_data_full (G_OBJECT (remove), "rk-staff-id", data, g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_person), self);
          gtk_widget_add_css_class (pill, "person-pill");
          gtk_box_append (GTK_BOX (pill), box);
          add_asked_toggle (self, pill, box, id);
          gtk_box_append (GTK_BOX (pill), remove);
          gtk_flow_box_append (GTK_FLOW_BOX (people), pill);
        }
      gtk_box_append (GTK_BOX (row), people);
      gtk_widget_add_css_class (row, "staffing-row");
      gtk_list_box_append (GTK_LIST_BOX (self->staffing_list), row);
    }
}

/* ---- asked, not confirmed ----------------------------------------------- */

static gboolean
on_series_row (RkEditorStaffingSection *self, gint64 id)
{
  for (guint i = 0; i < self->loaded_assigns->len; i++)
    {
      const RkSAssign *a = &g_array_index (self->loaded_assigns, RkSAssign, i);

      if (a->staff_id == id && a->occ_date == 0 && !a->excluded)
        return TRUE;
    }
  return FALSE;
}

static void
on_asked_toggled (GtkToggleButton *button, RkEditorStaffingSection *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "rk-staff-id");

  rk_editor_staffing_section_set_asked (self, id, gtk_toggle_button_get_active (button));
}

/* The "asked, not confirmed" toggle of a person's pill. */
static void
add_asked_toggle (RkEditorStaffingSection *self, GtkWidget *pill, GtkWidget *name, gint64 id)
{
  RkSchedule *ref = rk_editor_section_get_reference (RK_EDITOR_SECTION (self));
  RkSStaff *st = rk_schedule_staff (ref, id);
  gboolean asked = rk_editor_has_id (self->asked, id);
  GtkWidget *toggle = gtk_toggle_button_new ();
  g_autofree char *tip = NULL;
  gint64 *data;

  gtk_button_set_icon_name (GTK_BUTTON (toggle), "dialog-question-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), asked);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_add_css_class (toggle, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Asked, not confirmed"), -1);
  if (self->occurrence && on_series_row (self, id))
    {
      /* The series row holds the answer for every date: one date alone
       * cannot be asked again or confirmed apart from it. */
      tip = g_strdup (_("Asked or confirmed for the whole series: change it with Whole Series"));
      gtk_widget_set_sensitive (toggle, FALSE);
    }
  else if (asked)
    tip = g_strdup_printf (_("%s was asked and has not confirmed yet; press when they confirm"),
                           st ? st->name : "");
  else
    tip = g_strdup_printf (_("Mark %s as asked, not confirmed yet"), st ? st->name : "");
  gtk_widget_set_tooltip_text (toggle, tip);
  if (asked)
    {
      gtk_widget_add_css_class (pill, "tentative");
      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Asked, not confirmed"), -1);
    }
  data = g_new (gint64, 1);
  *data = id;
  g_object_set_data_full (G_OBJECT (toggle), "rk-staff-id", data, g_free);
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_asked_toggled), self);
  gtk_box_append (GTK_BOX (pill), toggle);
}

void
rk_editor_staffing_section_set_asked (RkEditorStaffingSection *self,
                                      gint64                   staff_id,
                                      gboolean                 asked)
{
  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));

  if (!rk_editor_has_id (self->staff, staff_id) || asked == rk_editor_has_id (self->asked, staff_id))
    return;
  if (asked)
    g_array_append_val (self->asked, staff_id);
  else
    rk_editor_remove_id (self->asked, staff_id);
  staff_changed (self);
}

gboolean
rk_editor_staffing_section_get_asked (RkEditorStaffingSection *self,
                                      gint64                   staff_id)
{
  g_return_val_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self), FALSE);
  return rk_editor_has_id (self->staff, staff_id) && rk_editor_has_id (self->asked, staff_id);
}

/* ---- filling ------------------------------------------------------------ */

void
rk_editor_staffing_section_set_suggest_func (RkEditorStaffingSection *self,
                                             RkEditorSuggestFunc      func,
                                             gpointer                 data)
{
  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));
  self->suggest = func;
  self->suggest_data = data;
}

void
rk_editor_staffing_section_set_program (RkEditorStaffingSection *self,
                                        gint64                   program_id)
{
  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));
  self->program_id = program_id;
}

void
rk_editor_staffing_section_set_occurrence (RkEditorStaffingSection *self,
                                           gboolean                 occurrence)
{
  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));
  self->occurrence = occurrence;
}

void
rk_editor_staffing_section_clear (RkEditorStaffingSection *self)
{
  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));

  g_array_set_size (self->staff, 0);
  g_array_set_size (self->orig_staff, 0);
  g_array_set_size (self->asked, 0);
  g_array_set_size (self->orig_asked, 0);
  g_array_set_size (self->loaded_assigns, 0);
}

/* Who of the people loaded was asked and has not confirmed: the series
 * rows, and for one occurrence that date's rows too. */
void
rk_editor_staffing_section_load (RkEditorStaffingSection *self,
                                 GArray                  *staff,
                                 RkSEvent                *se,
                                 RkDay                    occ_date)
{
  RkOcc occ = { 0 };

  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));

  g_array_set_size (self->staff, 0);
  g_array_append_vals (self->staff, staff->data, staff->len);
  g_array_set_size (self->orig_staff, 0);
  g_array_append_vals (self->orig_staff, staff->data, staff->len);

  occ.event = se;
  occ.orig_date = occ_date;
  g_array_set_size (self->asked, 0);
  for (guint i = 0; i < self->staff->len; i++)
    {
      gint64 id = g_array_index (self->staff, gint64, i);

      if (rk_occ_staff_tentative (&occ, id))
        g_array_append_val (self->asked, id);
    }
  g_array_set_size (self->orig_asked, 0);
  g_array_append_vals (self->orig_asked, self->asked->data, self->asked->len);
  g_array_set_size (self->loaded_assigns, 0);
  g_array_append_vals (self->loaded_assigns, se->assigns->data, se->assigns->len);
}

GArray *
rk_editor_staffing_section_get_staff (RkEditorStaffingSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self), NULL);
  return self->staff;
}

void
rk_editor_staffing_section_add (RkEditorStaffingSection *self,
                                GArray                  *ids)
{
  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));

  for (guint i = 0; ids && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!rk_editor_has_id (self->staff, id))
        g_array_append_val (self->staff, id);
    }
  staff_changed (self);
}

static void
add_first (GArray *free_staff, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  RkEditorStaffingSection *self = g_task_get_source_object (task);
  gboolean added = free_staff && free_staff->len > 0;

  if (added)
    {
      gint64 id = g_array_index (free_staff, RkSuggestion, 0).staff_id;

      if (!rk_editor_has_id (self->staff, id))
        g_array_append_val (self->staff, id);
      staff_changed (self);
    }
  if (free_staff)
    g_array_unref (free_staff);
  g_task_return_boolean (task, added);
}

void
rk_editor_staffing_section_add_suggested_async (RkEditorStaffingSection *self,
                                                int                      role,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data)
{
  GTask *task;

  g_return_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, rk_editor_staffing_section_add_suggested_async);
  if (self->suggest)
    self->suggest (role, NULL, add_first, task, self->suggest_data);
  else
    add_first (NULL, task);
}

gboolean
rk_editor_staffing_section_add_suggested_finish (RkEditorStaffingSection  *self,
                                                 GAsyncResult             *result,
                                                 GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- saving ------------------------------------------------------------- */

/* The people kept whose answer changed: confirmed now, or asked again. */
static gboolean
apply_asked (const RkStaffingChange *c, RkStore *store, gint64 event_id, RkDay occ_date,
             gint64 orig_event_id, RkDay orig_date, GError **error)
{
  for (guint i = 0; i < c->staff->len; i++)
    {
      gint64 id = g_array_index (c->staff, gint64, i);
      gboolean asked = rk_editor_has_id (c->asked, id);

      if (!rk_editor_has_id (c->orig_staff, id) || asked == rk_editor_has_id (c->orig_asked, id))
        continue;
      if (!asked)
        {
          if (!rk_store_confirm_assignment (store, event_id, id, occ_date, error))
            return FALSE;
          continue;
        }
      /* Nothing turns a confirmed row back: it is written anew, and the
       * dates the person was taken off stay so. */
      if (!rk_store_unassign (store, event_id, id, occ_date, error) ||
          !rk_store_assign (store, event_id, id, occ_date, TRUE, error))
        return FALSE;
      for (guint j = 0; occ_date == 0 && j < c->loaded_assigns->len; j++)
        {
          const RkSAssign *a = &g_array_index (c->loaded_assigns, RkSAssign, j);

          if (a->staff_id != id || !a->excluded || a->occ_date == 0)
            continue;
          /* A split series kept only the dates from the split on. */
          if (event_id != orig_event_id && (c->occurrence || a->occ_date < orig_date))
            continue;
          if (!rk_store_unassign (store, event_id, id, a->occ_date, error))
            return FALSE;
        }
    }
  return TRUE;
}

static GArray *
copy_ids (GArray *a)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (a), a->len);

  g_array_append_vals (copy, a->data, a->len);
  return copy;
}

RkStaffingChange *
rk_editor_staffing_section_get_change (RkEditorStaffingSection *self)
{
  RkStaffingChange *c;

  g_return_val_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self), NULL);

  c = g_new0 (RkStaffingChange, 1);
  c->staff = copy_ids (self->staff);
  c->orig_staff = copy_ids (self->orig_staff);
  c->asked = copy_ids (self->asked);
  c->orig_asked = copy_ids (self->orig_asked);
  c->loaded_assigns = copy_ids (self->loaded_assigns);
  c->occurrence = self->occurrence;
  return c;
}

void
rk_staffing_change_free (RkStaffingChange *c)
{
  if (c == NULL)
    return;
  g_array_unref (c->staff);
  g_array_unref (c->orig_staff);
  g_array_unref (c->asked);
  g_array_unref (c->orig_asked);
  g_array_unref (c->loaded_assigns);
  g_free (c);
}

gboolean
rk_staffing_change_apply (const RkStaffingChange *c,
                          RkStore                *store,
                          gint64                  event_id,
                          RkDay                   occ_date,
                          gint64                  orig_event_id,
                          RkDay                   orig_date,
                          GError                **error)
{
  for (guint i = 0; i < c->orig_staff->len; i++)
    {
      gint64 id = g_array_index (c->orig_staff, gint64, i);

      if (!rk_editor_has_id (c->staff, id) &&
          !rk_store_unassign (store, event_id, id, occ_date, error))
        return FALSE;
    }
  for (guint i = 0; i < c->staff->len; i++)
    {
      gint64 id = g_array_index (c->staff, gint64, i);

      if (!rk_editor_has_id (c->orig_staff, id) &&
          !rk_store_assign (store, event_id, id, occ_date, rk_editor_has_id (c->asked, id),
                            error))
        return FALSE;
    }
  return apply_asked (c, store, event_id, occ_date, orig_event_id, orig_date, error);
}

GtkWidget *
rk_editor_staffing_section_get_list (RkEditorStaffingSection *self)
{
  g_return_val_if_fail (RK_IS_EDITOR_STAFFING_SECTION (self), NULL);
  return self->staffing_list;
}

/* ---- class -------------------------------------------------------------- */

static void
rk_editor_staffing_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RK_TYPE_EDITOR_STAFFING_SECTION);
  G_OBJECT_CLASS (rk_editor_staffing_section_parent_class)->dispose (object);
}

static void
rk_editor_staffing_section_finalize (GObject *object)
{
  RkEditorStaffingSection *self = RK_EDITOR_STAFFING_SECTION (object);

  g_array_unref (self->staff);
  g_array_unref (self->orig_staff);
  g_array_unref (self->asked);
  g_array_unref (self->orig_asked);
  g_array_unref (self->loaded_assigns);
  G_OBJECT_CLASS (rk_editor_staffing_section_parent_class)->finalize (object);
}

static void
rk_editor_staffing_section_class_init (RkEditorStaffingSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_editor_staffing_section_dispose;
  object_class->finalize = rk_editor_staffing_section_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renkei/Renkei/rk-editor-staffing-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RkEditorStaffingSection, staffing_list);
}

static void
rk_editor_staffing_section_init (RkEditorStaffingSection *self)
{
  self->staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->orig_staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->orig_asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loaded_assigns = g_array_new (FALSE, FALSE, sizeof (RkSAssign));
  gtk_widget_init_template (GTK_WIDGET (self));
}
