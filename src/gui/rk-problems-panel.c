#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>

#include "rk-gui-util.h"
#include "rk-problem.h"
#include "rk-problems-panel.h"
#include "rk-roles.h"

struct _RkProblemsPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *count_label;
  GtkWidget  *stack;
  GtkWidget  *list_view;

  GListStore *store;            /* RkProblem: the month's, for others */
  GListStore *slots;            /* RkProblemSlot: what the list view shows */
  guint       fill_tick_id;     /* tick callback: the fill starts after a frame */
  guint       fill_id;          /* idle source showing rows a few at a time */
  const char *filled_page;      /* shown once the rows are filled; NULL: shown */
};

G_DEFINE_FINAL_TYPE (RkProblemsPanel, rk_problems_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- a wrapped paragraph ------------------------------------------------ */

/* The rows' two wrapped texts. A wrapping GtkLabel finds its minimum width
 * by laying its text out again at the narrowest width, every time its text
 * changes; with every row of the list realised that was ~300 ms in the
 * frame after each month switch. This one asks for no width of its own
 * (the panel's width decides) and lays its text out once per width. */
#define RK_TYPE_WRAP_TEXT (rk_wrap_text_get_type ())
G_DECLARE_FINAL_TYPE (RkWrapText, rk_wrap_text, RK, WRAP_TEXT, GtkWidget)

struct _RkWrapText
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  int          layout_width;     /* px the layout was wrapped at */
  int          known_width;      /* the last width > 0 it was asked for */
  /* Heights already found for a few widths: the list view asks each row
   * at its width, the row at its text's width, at no width, and again
   * when a scroll bar comes or goes; laying the text out anew for each
   * was most of a month switch's layout. */
  struct { int width, height; } heights[4];
  guint        n_heights, next_height;
  PangoFontDescription *font;    /* the layout and heights were for it */
};

G_DEFINE_FINAL_TYPE (RkWrapText, rk_wrap_text, GTK_TYPE_WIDGET)

static PangoLayout *
wrap_text_layout (RkWrapText *self, int width)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      self->layout_width = -2;
    }
  if (width != self->layout_width)
    {
      pango_layout_set_width (self->layout, width < 0 ? -1 : width * PANGO_SCALE);
      self->layout_width = width;
    }
  return self->layout;
}

static void
wrap_text_forget (RkWrapText *self)
{
  self->n_heights = 0;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GtkSizeRequestMode
rk_wrap_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rk_wrap_text_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RkWrapText *self = RK_WRAP_TEXT (widget);
  int height = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  /* Asked for its height at no width (GtkListView asks each row so, and its
   * scrolled window ignores the answer), a text that has had a width
   * answers for that one, also after its text changed (a row keeps its
   * width from month to month): laying each new text out unwrapped first
   * and then again at the panel's width was half the panel's cost. */
  if (for_size > 0)
    self->known_width = for_size;
  else if (self->known_width > 0)
    for_size = self->known_width;
  if (self->text && *self->text)
    {
      guint i;

      for (i = 0; i < self->n_heights && self->heights[i].width != for_size; i++)
        ;
      if (i < self->n_heights)
        height = self->heights[i].height;
      else
        {
          pango_layout_get_pixel_size (wrap_text_layout (self, for_size), NULL, &height);
          i = self->n_heights < G_N_ELEMENTS (self->heights) ? self->n_heights++
                                                            : self->next_height++ % G_N_ELEMENTS (self->heights);
          self->heights[i].width = for_size;
          self->heights[i].height = height;
        }
    }
  *minimum = *natural = height;
}

static void
rk_wrap_text_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RkWrapText *self = RK_WRAP_TEXT (widget);
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0')
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_layout (snapshot, wrap_text_layout (self, gtk_widget_get_width (widget)),
                              &color);
}

/* The font may be another one now; a row's hover or focus changes the
 * style too, and leaves the text as it was. */
static void
rk_wrap_text_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  RkWrapText *self = RK_WRAP_TEXT (widget);

  GTK_WIDGET_CLASS (rk_wrap_text_parent_class)->css_changed (widget, change);
  if (rk_gui_font_changed (widget, &self->font, FALSE))
    wrap_text_forget (self);
}

static void
rk_wrap_text_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  RkWrapText *self = RK_WRAP_TEXT (widget);

  GTK_WIDGET_CLASS (rk_wrap_text_parent_class)->system_setting_changed (widget, setting);
  if (rk_gui_font_changed (widget, &self->font, TRUE))
    wrap_text_forget (self);
}

static void
rk_wrap_text_finalize (GObject *object)
{
  RkWrapText *self = RK_WRAP_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->text);
  G_OBJECT_CLASS (rk_wrap_text_parent_class)->finalize (object);
}

static void
rk_wrap_text_class_init (RkWrapTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rk_wrap_text_finalize;
  widget_class->get_request_mode = rk_wrap_text_get_request_mode;
  widget_class->measure = rk_wrap_text_measure;
  widget_class->snapshot = rk_wrap_text_snapshot;
  widget_class->css_changed = rk_wrap_text_css_changed;
  widget_class->system_setting_changed = rk_wrap_text_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
}

static void
rk_wrap_text_init (RkWrapText *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

static void
rk_wrap_text_set_text (RkWrapText *self, const char *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  self->n_heights = 0;
  if (self->layout)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  /* A text that has had a width is laid out for it here, in the panel's
   * filling step, not in the next frame's measuring: the filling keeps
   * each of its steps short (fill_idle); the frame then finds the height
   * known. */
  if (self->known_width > 0 && self->font != NULL)
    {
      int height;

      rk_wrap_text_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, self->known_width,
                            &height, &height, NULL, NULL);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- rows --------------------------------------------------------------- */

/* Icon, heading and message. Sized by hand: nested boxes around texts that
 * wrap measure them at a dozen trial widths each. */
#define RK_TYPE_PROBLEM_ROW (rk_problem_row_get_type ())
G_DECLARE_FINAL_TYPE (RkProblemRow, rk_problem_row, RK, PROBLEM_ROW, GtkWidget)

#define ROW_SPACING 10
#define TEXT_SPACING 2

struct _RkProblemRow
{
  GtkWidget  parent_instance;

  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *message;
};

G_DEFINE_FINAL_TYPE (RkProblemRow, rk_problem_row, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
rk_problem_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static int
icon_width (RkProblemRow *self)
{
  int width = 0;

  gtk_widget_measure (self->icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width;
}

static void
rk_problem_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  RkProblemRow *self = RK_PROBLEM_ROW (widget);
  int icon_w = icon_width (self), icon_h = 0, title_h = 0, message_h = 0, text_w;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = icon_w + ROW_SPACING;
      return;
    }
  text_w = for_size < 0 ? -1 : MAX (0, for_size - icon_w - ROW_SPACING);
  gtk_widget_measure (self->icon, GTK_ORIENTATION_VERTICAL, -1, NULL, &icon_h, NULL, NULL);
  gtk_widget_measure (self->title, GTK_ORIENTATION_VERTICAL, text_w, NULL, &title_h, NULL, NULL);
  gtk_widget_measure (self->message, GTK_ORIENTATION_VERTICAL, text_w, NULL, &message_h, NULL,
                      NULL);
  *minimum = *natural = MAX (icon_h, title_h + TEXT_SPACING + message_h);
}

static void
rk_problem_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RkProblemRow *self = RK_PROBLEM_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int icon_w = icon_width (self), icon_h = 0, title_h = 0, message_h = 0;
  int text_w = MAX (0, width - icon_w - ROW_SPACING);
  int text_x = rtl ? 0 : icon_w + ROW_SPACING;

  gtk_widget_measure (self->icon, GTK_ORIENTATION_VERTICAL, -1, NULL, &icon_h, NULL, NULL);
  gtk_widget_measure (self->title, GTK_ORIENTATION_VERTICAL, text_w, NULL, &title_h, NULL, NULL);
  gtk_widget_measure (self->message, GTK_ORIENTATION_VERTICAL, text_w, NULL, &message_h, NULL,
                      NULL);
  gtk_widget_size_allocate (self->icon,
                            &(GtkAllocation) { rtl ? width - icon_w : 0, 0, icon_w, icon_h }, -1);
  gtk_widget_size_allocate (self->title, &(GtkAllocation) { text_x, 0, text_w, title_h }, -1);
  gtk_widget_size_allocate (self->message,
                            &(GtkAllocation) { text_x, title_h + TEXT_SPACING, text_w, message_h },
                            -1);
}

static void
rk_problem_row_dispose (GObject *object)
{
  RkProblemRow *self = RK_PROBLEM_ROW (object);

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->message, gtk_widget_unparent);
  G_OBJECT_CLASS (rk_problem_row_parent_class)->dispose (object);
}

static void
rk_problem_row_class_init (RkProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_problem_row_dispose;
  widget_class->get_request_mode = rk_problem_row_get_request_mode;
  widget_class->measure = rk_problem_row_measure;
  widget_class->size_allocate = rk_problem_row_size_allocate;
}

static void
rk_problem_row_init (RkProblemRow *self)
{
  self->icon = gtk_image_new ();
  gtk_widget_add_css_class (self->icon, "problem-icon");
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));
  self->title = g_object_new (RK_TYPE_WRAP_TEXT, NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));
  self->message = g_object_new (RK_TYPE_WRAP_TEXT, NULL);
  gtk_widget_add_css_class (self->message, "problem-message");
  gtk_widget_set_parent (self->message, GTK_WIDGET (self));
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
}

/* ---- the list view's items ---------------------------------------------- */

/* One per row, kept from month to month: a new month's problems go into
 * the slots already there and their rows show them. Given new items, the
 * list view makes new rows for them (widgets, styles and texts for all of
 * the ~80 rows it keeps) and drops the old ones, on every month switch. */
#define RK_TYPE_PROBLEM_SLOT (rk_problem_slot_get_type ())
G_DECLARE_FINAL_TYPE (RkProblemSlot, rk_problem_slot, RK, PROBLEM_SLOT, GObject)

struct _RkProblemSlot
{
  GObject       parent_instance;

  RkProblem    *problem;
  RkProblemRow *row;            /* weak: the row showing it, while bound */
  gboolean      stale;          /* row shows another problem than this */
};

G_DEFINE_FINAL_TYPE (RkProblemSlot, rk_problem_slot, G_TYPE_OBJECT)

static void
rk_problem_slot_finalize (GObject *object)
{
  RkProblemSlot *self = RK_PROBLEM_SLOT (object);

  g_clear_weak_pointer (&self->row);
  g_clear_object (&self->problem);
  G_OBJECT_CLASS (rk_problem_slot_parent_class)->finalize (object);
}

static void
rk_problem_slot_class_init (RkProblemSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rk_problem_slot_finalize;
}

static void
rk_problem_slot_init (RkProblemSlot *self)
{
}

static void show_problem (RkProblemRow *row, RkProblem *problem);

static void
slot_show (RkProblemSlot *self)
{
  if (self->row)
    show_problem (self->row, self->problem);
  self->stale = FALSE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, g_object_new (RK_TYPE_PROBLEM_ROW, NULL));
}

const char *
rk_problem_kind_label (const char *kind)
{
  static const struct
  {
    const char *kind;
    const char *label;
  } labels[] = {
    { "staff_double_booked", N_("Staff double-booked") },
    { "staff_unavailable", N_("Staff unavailable") },
    { "staff_outside_availability", N_("Outside working pattern") },
    { "staff_over_limit", N_("Over working limit") },
    { "room_double_booked", N_("Room double-booked") },
    { "equipment_double_booked", N_("Equipment double-booked") },
    { "understaffed", N_("Understaffed") },
    { "over_capacity", N_("Over capacity") },
    { "on_holiday", N_("On a holiday") },
    { "hub_closed", N_("Venue closed") },
    { "unconfirmed", N_("Not confirmed") },
    { "attendance_missing", N_("Attendance not entered") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);
  return kind;
}

static const char *
kind_icon (const char *kind)
{
  if (g_str_has_prefix (kind, "staff") || g_strcmp0 (kind, "understaffed") == 0)
    return "system-users-symbolic";
  if (g_str_has_prefix (kind, "room") || g_strcmp0 (kind, "over_capacity") == 0)
    return "go-home-symbolic";
  if (g_strcmp0 (kind, "on_holiday") == 0 || g_strcmp0 (kind, "hub_closed") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (kind, "attendance_missing") == 0)
    return "document-edit-symbolic";
  return "dialog-warning-symbolic";
}

static void
show_problem (RkProblemRow *row, RkProblem *problem)
{
  g_autofree char *heading = NULL;
  g_autofree char *day = NULL;
  RkDay date;

  if (rk_date_parse (rk_problem_get_date (problem), &date))
    day = rk_day_title (date);
  heading = g_strdup_printf ("%s · %s", day ? day : rk_problem_get_date (problem),
                             rk_problem_kind_label (rk_problem_get_kind (problem)));
  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), kind_icon (rk_problem_get_kind (problem)));
  rk_wrap_text_set_text (RK_WRAP_TEXT (row->title), heading);
  rk_wrap_text_set_text (RK_WRAP_TEXT (row->message), rk_problem_get_message (problem));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  rk_problem_get_message (problem), -1);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  RkProblemSlot *slot = gtk_list_item_get_item (item);
  RkProblemRow *row = RK_PROBLEM_ROW (gtk_list_item_get_child (item));

  g_set_weak_pointer (&slot->row, row);
  /* A problem not shown yet is given to its row by the filling, in a step
   * of its own (fill_idle), not in the frame that makes the row. */
  if (!slot->stale)
    slot_show (slot);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  RkProblemSlot *slot = gtk_list_item_get_item (item);

  g_clear_weak_pointer (&slot->row);
}

static void
on_activate (GtkListView     *view,
             guint            position,
             RkProblemsPanel *self)
{
  g_autoptr(RkProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  const GArray *ids;
  RkDay date;

  if (problem == NULL)
    return;
  ids = rk_problem_get_event_ids (problem);
  if (ids == NULL || ids->len == 0 || !rk_date_parse (rk_problem_get_date (problem), &date))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-occurrence", "(xu)",
                              g_array_index (ids, gint64, 0), (guint32) date);
}

/* The month read after its empty grid: the list shows once its rows are
 * filled (see rk_problems_panel_set_data). */
static void
set_filled_page (RkProblemsPanel *self, const char *page)
{
  if (self->filled_page == page)
    return;
  self->filled_page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
stop_filling (RkProblemsPanel *self)
{
  if (self->fill_tick_id && self->list_view)
    gtk_widget_remove_tick_callback (self->list_view, self->fill_tick_id);
  self->fill_tick_id = 0;
  g_clear_handle_id (&self->fill_id, g_source_remove);
}

/* Every row has its problem: a list kept back until then is shown. */
static void
filled (RkProblemsPanel *self)
{
  if (self->filled_page)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->filled_page);
      set_filled_page (self, NULL);
    }
}

static void
show_stale_rows (RkProblemsPanel *self)
{
  stop_filling (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->slots)); i++)
    {
      g_autoptr(RkProblemSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->slots), i);

      if (slot->stale)
        slot_show (slot);
    }
  filled (self);
}

/* A month's problems reach the rows from the top, after the frame that
 * shows the month's grid, in main-loop steps of about FILL_STEP_US each:
 * a row lays out its two wrapped paragraphs when it gets them
 * (rk_wrap_text_set_text), and ~60 rows in one or two frames made those
 * frames the longest stalls of a month switch (30-40 ms of CPU each).
 * The steps run between frames, at idle priority, one after another
 * while no frame is due: the rows are filled within a few frames, before
 * a next Page Up comes. A month switched past meanwhile stops the filling
 * (its grid shown while read), and the month read fills the rows anew. */
#define FILL_STEP_US 5000

static gboolean
fill_idle (gpointer user_data)
{
  RkProblemsPanel *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RkProblemSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->slots), i);

      if (!slot->stale)
        continue;
      if (g_get_monotonic_time () - start >= FILL_STEP_US)
        return G_SOURCE_CONTINUE;   /* more in the next step */
      slot_show (slot);
    }
  self->fill_id = 0;
  filled (self);
  return G_SOURCE_REMOVE;
}

/* The frame that shows the month goes first; the filling starts after it. */
static gboolean
fill_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  RkProblemsPanel *self = user_data;

  self->fill_tick_id = 0;
  if (self->fill_id == 0)
    self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_idle, self, NULL);
  return G_SOURCE_REMOVE;
}

/* Scrolled before the rows below were filled: they are filled first. */
static void
on_scrolled (GtkAdjustment   *adjustment,
             RkProblemsPanel *self)
{
  if (self->fill_id || self->fill_tick_id)
    show_stale_rows (self);
}

static void
rk_problems_panel_dispose (GObject *object)
{
  RkProblemsPanel *self = RK_PROBLEMS_PANEL (object);

  stop_filling (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RK_TYPE_PROBLEMS_PANEL);
  /* The template's top box is not bound to a field: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->store);
  g_clear_object (&self->slots);
  G_OBJECT_CLASS (rk_problems_panel_parent_class)->dispose (object);
}

static void
rk_problems_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RkProblemsPanel *self = RK_PROBLEMS_PANEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rk_problems_panel_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rk_problems_panel_class_init (RkProblemsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rk_problems_panel_dispose;
  object_class->get_property = rk_problems_panel_get_property;

  /* TRUE while a month read after its empty grid is given to the rows,
   * before the list shows. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renkei/Renkei/rk-problems-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RkProblemsPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, RkProblemsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RkProblemsPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "problemspanel");
}

static void
rk_problems_panel_init (RkProblemsPanel *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_add_named (GTK_STACK (self->stack), gtk_box_new (GTK_ORIENTATION_VERTICAL, 0),
                       "loading");

  self->store = g_list_store_new (RK_TYPE_PROBLEM);
  self->slots = g_list_store_new (RK_TYPE_PROBLEM_SLOT);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slots))));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), selection);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  /* the adjustment is the scrolled window's and may outlive the panel */
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)),
                           "value-changed", G_CALLBACK (on_scrolled), self, 0);
  g_object_unref (selection);
  g_object_unref (factory);
}

GtkWidget *
rk_problems_panel_new (void)
{
  return g_object_new (RK_TYPE_PROBLEMS_PANEL, NULL);
}

/* The list view keeps a row for each of the month's ~60 problems and lays
 * out all their texts, though ~10 are on screen: that was most of a month
 * switch's layout. The rows get the new problems after the frame, a few
 * at a time (fill_idle), or all at once when the list is scrolled first. */
static void
update_slots (RkProblemsPanel *self)
{
  if (self->fill_id == 0 && self->fill_tick_id == 0)
    self->fill_tick_id = gtk_widget_add_tick_callback (self->list_view, fill_tick, self, NULL);
}

static void
set_slots (RkProblemsPanel *self, GPtrArray *problems)
{
  guint n_slots = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  GtkAdjustment *vadjustment;

  /* Another month's list starts at its top, as a new list would. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  if (vadjustment && gtk_adjustment_get_value (vadjustment) != 0)
    gtk_adjustment_set_value (vadjustment, 0);

  for (guint i = 0; i < MIN (n_slots, problems->len); i++)
    {
      g_autoptr(RkProblemSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->slots), i);

      if (g_set_object (&slot->problem, g_ptr_array_index (problems, i)))
        slot->stale = TRUE;
    }
  if (problems->len > n_slots)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_slots; i < problems->len; i++)
        {
          RkProblemSlot *slot = g_object_new (RK_TYPE_PROBLEM_SLOT, NULL);

          slot->problem = g_object_ref (g_ptr_array_index (problems, i));
          /* New rows get their texts from the filling too, once they
           * have a width; a panel not on screen yet (the start) shows
           * them in its first frame. */
          slot->stale = gtk_widget_get_mapped (GTK_WIDGET (self));
          g_ptr_array_add (added, slot);
        }
      g_list_store_splice (self->slots, n_slots, 0, added->pdata, added->len);
    }
  else if (problems->len < n_slots)
    g_list_store_splice (self->slots, problems->len, n_slots - problems->len, NULL, 0);
  update_slots (self);
}

/* The first event of a problem, 0 when none. */
static gint64
first_event (RkProblem *p)
{
  const GArray *ids = rk_problem_get_event_ids (p);

  return ids && ids->len ? g_array_index (ids, gint64, 0) : 0;
}

/* An occurrence short of several roles is one row, not one per role: the
 * roles of the same event on the same day in one message. */
static RkProblem *
group_understaffed (RkMonthData *data, GPtrArray *problems, guint *i)
{
  RkProblem *first = g_ptr_array_index (problems, *i);
  gint64 event = first_event (first);
  g_autoptr(GString) roles = g_string_new (NULL);
  RkSEvent *se;
  RkProblem *merged;
  g_autofree char *message = NULL;
  guint j = *i;

  for (; j < problems->len; j++)
    {
      RkProblem *p = g_ptr_array_index (problems, j);
      int role;

      if (g_strcmp0 (rk_problem_get_kind (p), "understaffed") != 0 || first_event (p) != event ||
          g_strcmp0 (rk_problem_get_date (p), rk_problem_get_date (first)) != 0)
        break;
      role = rk_role_from_token (rk_problem_get_role (p));
      if (roles->len)
        g_string_append (roles, _(", "));
      g_string_append_printf (roles, "%s %d/%d", role >= 0 ? rk_role_label (role) : "",
                              rk_problem_get_assigned (p), rk_problem_get_needed (p));
    }
  if (j == *i + 1)
    {
      *i = j;
      return g_object_ref (first);
    }
  se = rk_schedule_event (data->schedule, event);
  merged = rk_problem_new ();
  rk_problem_set_kind (merged, "understaffed");
  rk_problem_set_date (merged, rk_problem_get_date (first));
  rk_problem_add_event_id (merged, event);
  message = g_strdup_printf (_("“%s” is short of staff: %s; assign someone who is free then "
                               "(the suggestions list them)"),
                             se ? rk_sevent_title (se) : "", roles->str);
  rk_problem_set_message (merged, message);
  *i = j;
  return merged;
}

void
rk_problems_panel_set_data (RkProblemsPanel *self,
                            RkMonthData     *data)
{
  g_autoptr(GPtrArray) month = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  g_return_if_fail (RK_IS_PROBLEMS_PANEL (self));

  for (guint i = 0; i < data->problems->len;)
    {
      RkProblem *p = g_ptr_array_index (data->problems, i);
      RkDay day;

      if (!rk_date_parse (rk_problem_get_date (p), &day) || day < data->first ||
          day > data->last)
        i++;
      else if (g_strcmp0 (rk_problem_get_kind (p), "understaffed") == 0 && first_event (p))
        g_ptr_array_add (month, group_understaffed (data, data->problems, &i));
      else
        {
          g_ptr_array_add (month, g_object_ref (p));
          i++;
        }
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       month->pdata, month->len);
  count = g_strdup_printf ("%u", month->len);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);
  gtk_widget_set_visible (self->count_label, month->len > 0);
  /* The grid shown while its month is read: nothing yet, neither "no
   * problems" nor the last month's. Its rows stay, for the month read:
   * emptied and made again they were a tenth of a switch. */
  if (data->placeholder)
    {
      stop_filling (self);
      set_filled_page (self, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
      return;
    }
  /* The month read after its empty grid: the list stays back until its
   * rows have their problems, given in steps from now (not after the
   * next frame). Shown at once, the rows said the last month's problems
   * for a frame or two, and each filling frame that followed (the rows
   * laid out again, and the window's layout with them: libadwaita's flap
   * then restyles its shadow, which takes one more frame) kept the frame
   * clock running into the next Page Up, whose frame waited for its turn. */
  if (month->len > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "loading") == 0)
    {
      set_slots (self, month);
      stop_filling (self);
      set_filled_page (self, "list");
      self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_idle, self, NULL);
      return;
    }
  set_filled_page (self, NULL);
  set_slots (self, month);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), month->len ? "list" : "empty");
}

GListModel *
rk_problems_panel_get_model (RkProblemsPanel *self)
{
  g_return_val_if_fail (RK_IS_PROBLEMS_PANEL (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
rk_problems_panel_get_loading (RkProblemsPanel *self)
{
  g_return_val_if_fail (RK_IS_PROBLEMS_PANEL (self), FALSE);
  return self->filled_page != NULL;
}

gboolean
rk_problems_panel_get_filling (RkProblemsPanel *self)
{
  g_return_val_if_fail (RK_IS_PROBLEMS_PANEL (self), FALSE);
  return self->fill_id != 0 || self->fill_tick_id != 0;
}

const char *
rk_problems_panel_get_row_message (RkProblemsPanel *self,
                                   guint            position)
{
  g_autoptr(RkProblemSlot) slot = NULL;

  g_return_val_if_fail (RK_IS_PROBLEMS_PANEL (self), NULL);
  slot = g_list_model_get_item (G_LIST_MODEL (self->slots), position);
  if (slot == NULL || slot->row == NULL)
    return NULL;
  return RK_WRAP_TEXT (slot->row->message)->text;
}
