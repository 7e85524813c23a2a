#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-error.h"
#include "rk-expand.h"
#include "rk-gui-util.h"
#include "rk-month-data.h"
#include "rk-roles.h"
#include "rk-staff-plan-dialog.h"

struct _RkStaffPlanDialog
{
  GtkWindow     parent_instance;

  GtkWidget    *apply_button;
  GtkWidget    *summary_label;
  GtkWidget    *tentative_switch;
  GtkWidget    *stack;
  GtkWidget    *list;            /* GtkListBox of proposals */
  GtkWidget    *unfilled;        /* GtkListBox of places left open */
  GtkWidget    *grid;            /* the month grid */
  GtkWidget    *error_label;

  RkContext    *context;
  int           year, month;
  RkDay         first, last;
  RkSchedule   *schedule;
  GArray       *occs;
  RkPlan       *plan;
  GArray       *chosen;          /* gboolean per proposal */
  GPtrArray    *checks;          /* GtkCheckButton per proposal */
  GHashTable   *day_boxes;       /* RkDay → GtkBox of the day's marks */
  GCancellable *cancel;
};

G_DEFINE_FINAL_TYPE (RkStaffPlanDialog, rk_staff_plan_dialog, GTK_TYPE_WINDOW)

/* ---- making the plan ---------------------------------------------------- */

typedef struct
{
  RkSchedule *schedule;
  GArray     *occs;
  RkPlan     *plan;
  RkDay       first, last;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->plan, rk_plan_free);
  g_clear_pointer (&job->occs, g_array_unref);
  g_clear_pointer (&job->schedule, rk_schedule_free);
  g_free (job);
}

/* Off the main thread: the schedule belongs to the job. */
static void
plan_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  RkDay lo, hi;

  rk_staff_plan_range (job->schedule, job->first, job->last, &lo, &hi);
  job->occs = rk_schedule_expand (job->schedule, lo, hi, &error);
  if (job->occs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->plan = rk_staff_plan (job->schedule, job->occs, job->first, job->last, 0, RK_PLAN_OPTIMAL);
  g_task_return_boolean (task, TRUE);
}

static const char *
staff_name (RkStaffPlanDialog *self, gint64 id)
{
  RkSStaff *st = rk_schedule_staff (self->schedule, id);

  return st && st->name ? st->name : "?";
}

static guint
n_chosen (RkStaffPlanDialog *self)
{
  guint n = 0;

  for (guint i = 0; self->chosen && i < self->chosen->len; i++)
    n += g_array_index (self->chosen, gboolean, i) ? 1 : 0;
  return n;
}

static void
update_apply (RkStaffPlanDialog *self)
{
  guint n = n_chosen (self);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Apply %u Assignment",
                                                         "_Apply %u Assignments", n),
                                            n);

  gtk_button_set_label (GTK_BUTTON (self->apply_button), label);
  gtk_widget_set_sensitive (self->apply_button, n > 0);
}

/* The marks of one day in the month grid: each proposal, struck through
 * when taken out; what stays open. */
static void
fill_day (RkStaffPlanDialog *self, RkDay day)
{
  GtkWidget *box = g_hash_table_lookup (self->day_boxes, GUINT_TO_POINTER (day));
  GtkWidget *child;

  if (box == NULL)
    return;
  /* The first child is the day's number. */
  while ((child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box))))
    gtk_box_remove (GTK_BOX (box), child);
  for (guint i = 0; i < self->plan->proposed->len; i++)
    {
      const RkPlanItem *it = &g_array_index (self->plan->proposed, RkPlanItem, i);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (it->date != day)
        continue;
      text = g_strdup_printf (_("+%s (%s)"), staff_name (self, it->staff_id),
                              rk_role_label (it->role));
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, text);
      gtk_widget_add_css_class (label, "plan-mark");
      if (!g_array_index (self->chosen, gboolean, i))
        gtk_widget_add_css_class (label, "plan-mark-off");
      gtk_box_append (GTK_BOX (box), label);
    }
  for (guint i = 0; i < self->plan->unfilled->len; i++)
    {
      const RkPlanGap *g = &g_array_index (self->plan->unfilled, RkPlanGap, i);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (g->date != day)
        continue;
      text = g_strdup_printf (_("Open: %s ×%d"), rk_role_label (g->role), g->missing);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, g->message);
      gtk_widget_add_css_class (label, "plan-open");
      gtk_box_append (GTK_BOX (box), label);
    }
}

static void
on_check_toggled (GtkCheckButton *check, RkStaffPlanDialog *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "rk-index"));

  g_array_index (self->chosen, gboolean, i) = gtk_check_button_get_active (check);
  update_apply (self);
  fill_day (self, g_array_index (self->plan->proposed, RkPlanItem, i).date);
}

static GtkWidget *
heading_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_start (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
build_list (RkStaffPlanDialog *self)
{
  RkDay last_day = 0;

  rk_gui_list_box_clear (GTK_LIST_BOX (self->list));
  g_ptr_array_set_size (self->checks, 0);
  for (guint i = 0; i < self->plan->proposed->len; i++)
    {
      const RkPlanItem *it = &g_array_index (self->plan->proposed, RkPlanItem, i);
      RkSEvent *e = rk_schedule_event (self->schedule, it->event_id);
      RkSVenue *v = e ? rk_sevent_venue (e) : NULL;
      g_autofree char *text = NULL;
      GtkWidget *check;

      if (it->date != last_day)
        {
          g_autofree char *day = rk_gui_day_text (it->date);
          gtk_list_box_append (GTK_LIST_BOX (self->list), heading_row (day));
          last_day = it->date;
        }
      text = g_strdup_printf (it->wish ? _("%02d:%02d %s (%s): %s, %s — a wish above the minimum")
                                       : _("%02d:%02d %s (%s): %s, %s"),
                              rk_minute_of_day (it->start) / 60, rk_minute_of_day (it->start) % 60,
                              e ? rk_sevent_title (e) : "?", v ? v->name : _("no place"),
                              rk_role_label (it->role), staff_name (self, it->staff_id));
      check = gtk_check_button_new_with_label (text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data (G_OBJECT (check), "rk-index", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      g_ptr_array_add (self->checks, check);
      gtk_list_box_append (GTK_LIST_BOX (self->list), check);
    }
  if (self->plan->proposed->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         rk_gui_row_label (_("Nothing to propose: every place is filled, or "
                                             "nobody who could fill one is free"), FALSE));

  rk_gui_list_box_clear (GTK_LIST_BOX (self->unfilled));
  for (guint i = 0; i < self->plan->unfilled->len; i++)
    {
      const RkPlanGap *g = &g_array_index (self->plan->unfilled, RkPlanGap, i);
      RkSEvent *e = rk_schedule_event (self->schedule, g->event_id);
      RkSVenue *v = e ? rk_sevent_venue (e) : NULL;
      g_autofree char *day = rk_gui_day_text (g->date);
      g_autofree char *text = g_strdup_printf (_("%s %s (%s), %s: %s"), day,
                                               e ? rk_sevent_title (e) : "?",
                                               v ? v->name : _("no place"),
                                               rk_role_label (g->role), g->message);

      gtk_list_box_append (GTK_LIST_BOX (self->unfilled), rk_gui_row_label (text, FALSE));
    }
  gtk_widget_set_visible (self->unfilled, self->plan->unfilled->len > 0);
}

static void
build_grid (RkStaffPlanDialog *self)
{
  GtkWidget *child;
  int lead = (rk_day_weekday (self->first) - self->schedule->week_start + 7) % 7;

  while ((child = gtk_widget_get_first_child (self->grid)))
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_hash_table_remove_all (self->day_boxes);
  for (int c = 0; c < 7; c++)
    {
      /* 2023-01-01 was a Sunday. */
      RkDay d = rk_day_from_ymd (2023, 1, 1) + ((self->schedule->week_start + c) % 7);
      g_autoptr(GDateTime) dt = NULL;
      int y, m, dd;
      g_autofree char *name = NULL;
      GtkWidget *label;

      rk_day_to_ymd (d, &y, &m, &dd);
      dt = g_date_time_new_local (y, m, dd, 0, 0, 0);
      name = g_date_time_format (dt, "%a");
      label = gtk_label_new (name);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), label, c, 0, 1, 1);
    }
  for (RkDay day = self->first; day <= self->last; day++)
    {
      int k = lead + (int) (day - self->first);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
      g_autofree char *num = NULL;
      int dd;

      rk_day_to_ymd (day, NULL, NULL, &dd);
      num = g_strdup_printf ("%d", dd);
      gtk_box_append (GTK_BOX (box), gtk_label_new (num));
      gtk_widget_set_halign (gtk_widget_get_first_child (box), GTK_ALIGN_START);
      gtk_widget_add_css_class (box, "plan-day");
      gtk_widget_set_hexpand (box, TRUE);
      gtk_widget_set_size_request (box, 110, 64);
      gtk_grid_attach (GTK_GRID (self->grid), box, k % 7, 1 + k / 7, 1, 1);
      g_hash_table_insert (self->day_boxes, GUINT_TO_POINTER (day), box);
      fill_day (self, day);
    }
}

static void
planned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  RkStaffPlanDialog *self;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *summary = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_STAFF_PLAN_DIALOG (source);
  g_clear_object (&self->cancel);
  if (error)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  self->schedule = g_steal_pointer (&job->schedule);
  self->occs = g_steal_pointer (&job->occs);
  self->plan = g_steal_pointer (&job->plan);
  g_array_set_size (self->chosen, self->plan->proposed->len);
  for (guint i = 0; i < self->chosen->len; i++)
    g_array_index (self->chosen, gboolean, i) = TRUE;
  summary = g_strdup_printf (_("%d places open this month (%d of them below the minimum); the "
                               "plan fills %d. Untick what you do not want, then apply."),
                             self->plan->open_places, self->plan->open_minimum,
                             self->plan->filled);
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  build_list (self);
  build_grid (self);
  update_apply (self);
}

static void
schedule_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  RkSchedule *schedule = rk_store_worker_load_schedule_finish (RK_STORE_WORKER (source), result,
                                                               &error);
  RkStaffPlanDialog *self;
  Job *job;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = RK_STAFF_PLAN_DIALOG (user_data);
  if (schedule == NULL)
    {
      g_clear_object (&self->cancel);
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  job = g_new0 (Job, 1);
  job->schedule = schedule;
  job->first = self->first;
  job->last = self->last;
  rk_gui_run_in_thread (self, self->cancel, job, job_free, plan_thread, planned);
}

static void
start (RkStaffPlanDialog *self)
{
  g_autofree char *title = NULL, *month = rk_month_title (self->year, self->month);

  self->first = rk_day_from_ymd (self->year, self->month, 1);
  self->last = self->first + rk_days_in_month (self->year, self->month) - 1;
  title = g_strdup_printf (_("Staffing Plan for %s"), month);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (GTK_LABEL (self->summary_label), _("Making the plan…"));
  self->cancel = g_cancellable_new ();
  /* A week and a day either side: whole weeks for the weekly limits and
   * the travel gap (rk_staff_plan_range). */
  rk_store_worker_load_schedule_async (rk_context_get_worker (self->context), self->first - 8,
                                       self->last + 8, self->cancel, schedule_loaded, self);
}

/* ---- applying ----------------------------------------------------------- */

typedef struct
{
  GArray   *items;
  gboolean  tentative;
} Apply;

static void
apply_free (gpointer p)
{
  Apply *a = p;

  g_array_unref (a->items);
  g_free (a);
}

static gboolean
apply_change (RkStore *store, RkUndoStack *undo, gpointer data, GError **error)
{
  Apply *a = data;

  return rk_staff_plan_apply_recorded (store, undo, a->items, a->tentative, error);
}

static void
applied (GtkWidget *owner, gpointer data, const GError *error)
{
  RkStaffPlanDialog *self = RK_STAFF_PLAN_DIALOG (owner);
  Apply *a = data;
  g_autofree char *message = NULL;
  GtkWindow *parent;

  if (a == NULL)
    {
      rk_gui_field_error (self->error_label, NULL, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u assignment made from the plan",
                                          "%u assignments made from the plan", a->items->len),
                             a->items->len);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  rk_context_toast (parent ? GTK_WIDGET (parent) : GTK_WIDGET (self), message, TRUE, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
rk_staff_plan_dialog_apply (RkStaffPlanDialog *self,
                            GError           **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (RkPlanItem));
  Apply *a;

  g_return_val_if_fail (RK_IS_STAFF_PLAN_DIALOG (self), FALSE);

  if (self->plan == NULL)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("The plan is still being made"));
      return FALSE;
    }
  for (guint i = 0; i < self->plan->proposed->len; i++)
    if (g_array_index (self->chosen, gboolean, i))
      g_array_append_val (items, g_array_index (self->plan->proposed, RkPlanItem, i));
  if (items->len == 0)
    {
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Tick at least one proposal to apply"));
      return FALSE;
    }
  a = g_new0 (Apply, 1);
  a->items = g_steal_pointer (&items);
  a->tentative = gtk_switch_get_active (GTK_SWITCH (self->tentative_switch));
  /* In the worker, one step; the dialog closes when it landed. */
  return rk_context_save (self->context, GTK_WIDGET (self), self->apply_button, NULL,
                          _("Staffing plan"), apply_change, a, apply_free, applied);
}

static void
on_apply_clicked (RkStaffPlanDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rk_staff_plan_dialog_apply (self, &error) && error)
    rk_gui_field_error (self->error_label, NULL, error->message);
}

static void
set_all (RkStaffPlanDialog *self, gboolean chosen)
{
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks->pdata[i]), chosen);
}

static void
on_all (RkStaffPlanDialog *self)
{
  set_all (self, TRUE);
}

static void
on_none (RkStaffPlanDialog *self)
{
  set_all (self, FALSE);
}

/* ---- public ------------------------------------------------------------- */

gboolean
rk_staff_plan_dialog_is_loading (RkStaffPlanDialog *self)
{
  g_return_val_if_fail (RK_IS_STAFF_PLAN_DIALOG (self), FALSE);
  return self->cancel != NULL;
}

const RkPlan *
rk_staff_plan_dialog_get_plan (RkStaffPlanDialog *self)
{
  g_return_val_if_fail (RK_IS_STAFF_PLAN_DIALOG (self), NULL);
  return self->plan;
}

void
rk_staff_plan_dialog_set_chosen (RkStaffPlanDialog *self,
                                 guint              i,
                                 gboolean           chosen)
{
  g_return_if_fail (RK_IS_STAFF_PLAN_DIALOG (self) && i < self->checks->len);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks->pdata[i]), chosen);
}

gboolean
rk_staff_plan_dialog_get_chosen (RkStaffPlanDialog *self,
                                 guint              i)
{
  g_return_val_if_fail (RK_IS_STAFF_PLAN_DIALOG (self) && i < self->chosen->len, FALSE);
  return g_array_index (self->chosen, gboolean, i);
}

char *
rk_staff_plan_dialog_day_text (RkStaffPlanDialog *self,
                               RkDay              day)
{
  GtkWidget *box;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (RK_IS_STAFF_PLAN_DIALOG (self), NULL);
  box = g_hash_table_lookup (self->day_boxes, GUINT_TO_POINTER (day));
  for (GtkWidget *c = box ? gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)) : NULL;
       c; c = gtk_widget_get_next_sibling (c))
    if (!gtk_widget_has_css_class (c, "plan-mark-off"))
      g_string_append_printf (s, "%s\n", gtk_label_get_text (GTK_LABEL (c)));
  return g_string_free (s, FALSE);
}

GtkWidget *
rk_staff_plan_dialog_get_field (RkStaffPlanDialog *self,
                                const char        *name)
{
  g_return_val_if_fail (RK_IS_STAFF_PLAN_DIALOG (self), NULL);

  if (g_strcmp0 (name, "apply") == 0)
    return self->apply_button;
  if (g_strcmp0 (name, "tentative") == 0)
    return self->tentative_switch;
  if (g_strcmp0 (name, "summary") == 0)
    return self->summary_label;
  if (g_strcmp0 (name, "list") == 0)
    return self->list;
  if (g_strcmp0 (name, "grid") == 0)
    return self->grid;
  if (g_strcmp0 (name, "unfilled") == 0)
    return self->unfilled;
  if (g_strcmp0 (name, "stack") == 0)
    return self->stack;
  return NULL;
}

/* ---- class -------------------------------------------------------------- */

static void
rk_staff_plan_dialog_dispose (GObject *object)
{
  RkStaffPlanDialog *self = RK_STAFF_PLAN_DIALOG (object);

  g_cancellable_cancel (self->cancel);
  g_clear_object (&self->cancel);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rk_staff_plan_dialog_parent_class)->dispose (object);
}

static void
rk_staff_plan_dialog_finalize (GObject *object)
{
  RkStaffPlanDialog *self = RK_STAFF_PLAN_DIALOG (object);

  g_clear_pointer (&self->plan, rk_plan_free);
  g_clear_pointer (&self->occs, g_array_unref);
  g_clear_pointer (&self->schedule, rk_schedule_free);
  g_array_unref (self->chosen);
  g_ptr_array_unref (self->checks);
  g_hash_table_unref (self->day_boxes);
  G_OBJECT_CLASS (rk_staff_plan_dialog_parent_class)->finalize (object);
}

static void
rk_staff_plan_dialog_class_init (RkStaffPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_staff_plan_dialog_dispose;
  object_class->finalize = rk_staff_plan_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  gtk_widget_set_vexpand (sw, TRUE);
  return sw;
}

static void
rk_staff_plan_dialog_init (RkStaffPlanDialog *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label, *switcher, *list_box, *buttons, *button;

  self->chosen = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->checks = g_ptr_array_new ();
  self->day_boxes = g_hash_table_new (NULL, NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  rk_gui_window_forget_parent (GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 680);
  gtk_widget_add_css_class (GTK_WIDGET (self), "staff-plan");

  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked), self);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), self->apply_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0);
  gtk_box_append (GTK_BOX (box), self->summary_label);

  self->tentative_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->tentative_switch, GTK_ALIGN_CENTER);
  label = gtk_label_new_with_mnemonic (_("Make them _tentative (仮): asked, to be confirmed by "
                                         "each person"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->tentative_switch);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (row), self->tentative_switch);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (box), row);

  self->stack = gtk_stack_new ();
  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), switcher);

  list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("Tick _All"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_all), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("Tick _None"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_none), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (list_box), buttons);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Proposed assignments"), -1);
  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
    GtkWidget *open = gtk_label_new (_("Left open"));

    gtk_box_append (GTK_BOX (inner), self->list);
    gtk_label_set_xalign (GTK_LABEL (open), 0);
    gtk_widget_add_css_class (open, "heading");
    self->unfilled = gtk_list_box_new ();
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->unfilled), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (self->unfilled, "boxed-list");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->unfilled),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Places the plan could not fill, and why"), -1);
    g_object_bind_property (self->unfilled, "visible", open, "visible", G_BINDING_SYNC_CREATE);
    gtk_box_append (GTK_BOX (inner), open);
    gtk_box_append (GTK_BOX (inner), self->unfilled);
    gtk_box_append (GTK_BOX (list_box), scrolled (inner));
  }
  gtk_stack_add_titled (GTK_STACK (self->stack), list_box, "list", _("List"));

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 2);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 2);
  gtk_widget_add_css_class (self->grid, "plan-grid");
  gtk_stack_add_titled (GTK_STACK (self->stack), scrolled (self->grid), "grid", _("Month"));
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (box), self->stack);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->error_label);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

RkStaffPlanDialog *
rk_staff_plan_dialog_new (GtkWindow *parent,
                          RkContext *context,
                          int        year,
                          int        month)
{
  RkStaffPlanDialog *self = g_object_new (RK_TYPE_STAFF_PLAN_DIALOG, "transient-for", parent,
                                          NULL);

  self->context = g_object_ref (context);
  self->year = year;
  self->month = month;
  start (self);
  return self;
}
