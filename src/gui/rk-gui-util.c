#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rk-context.h"
#include "rk-error.h"
#include "rk-gui-util.h"
#include "rk-search.h"
#include "rk-roles.h"

gboolean
rk_gui_change (RkStore      *store,
               RkUndoStack  *undo,
               const char   *label,
               RkChangeFunc  func,
               gpointer      data,
               GError      **error)
{
  if (!rk_store_begin (store, error))
    return FALSE;
  rk_undo_stack_begin (undo, label);
  if (!func (store, undo, data, error))
    {
      rk_undo_stack_abort (undo);
      return FALSE;
    }
  return rk_undo_stack_commit (undo, error);
}

RkEntitySave *
rk_entity_save_new (gpointer edited, gboolean add, char *name)
{
  RkEntitySave *save = g_new0 (RkEntitySave, 1);

  save->edited = edited;
  save->add = add;
  save->name = name;
  return save;
}

void
rk_entity_save_free (gpointer p)
{
  RkEntitySave *save = p;

  g_clear_object (&save->edited);
  g_free (save->name);
  g_free (save);
}

void
rk_gui_toast (GtkWidget  *widget,
              const char *message,
              gboolean    offer_undo)
{
  rk_context_toast (widget, message, offer_undo, FALSE);
}

char *
rk_gui_fold (const char *text,
             gboolean    without_spaces)
{
  return rk_text_fold (text, without_spaces);
}

static void
text_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
text_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  RkCellText text = (RkCellText) user_data;
  g_autofree char *value = text (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), value ? value : "");
}

GtkColumnViewColumn *
rk_gui_text_column (const char *title,
                    RkCellText  text,
                    GtkSorter  *sorter,
                    gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (text_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_bind), (gpointer) text);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (sorter)
    gtk_column_view_column_set_sorter (column, sorter);
  g_clear_object (&sorter);
  return column;
}

static char *
sort_key (gpointer item, gpointer user_data)
{
  RkCellText key = (RkCellText) user_data;
  g_autofree char *text = key (item);

  return rk_gui_fold (text, FALSE);
}

GtkSorter *
rk_gui_key_sorter (RkCellText key)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           G_CALLBACK (sort_key),
                                                           (gpointer) key, NULL);

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

GtkStringList *
rk_gui_role_list (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int r = 0; r < RK_N_ROLES; r++)
    gtk_string_list_append (list, rk_role_label (r));
  return list;
}

char *
rk_gui_entry_text (GtkWidget *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

void
rk_gui_set_text (GtkWidget  *entry,
                 const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

void
rk_gui_field_error (GtkWidget  *label,
                    GtkWidget  *entry,
                    const char *message)
{
  if (label)
    {
      gtk_label_set_text (GTK_LABEL (label), message ? message : "");
      gtk_widget_set_visible (label, message != NULL);
    }
  if (entry)
    {
      if (message)
        gtk_widget_add_css_class (entry, "error");
      else
        gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   message ? GTK_ACCESSIBLE_INVALID_TRUE
                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

void
rk_gui_show_stale (GtkWidget  *bar,
                   GtkWidget  *label,
                   const char *message)
{
  if (label && message)
    gtk_label_set_text (GTK_LABEL (label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (bar), TRUE);
}

void
rk_gui_save_failed (const GError *error,
                    GtkWidget    *stale_bar,
                    GtkWidget    *stale_label,
                    const char   *stale_message,
                    GtkWidget    *error_label)
{
  if (g_error_matches (error, RK_ERROR, RK_ERROR_STALE))
    rk_gui_show_stale (stale_bar, stale_label, stale_message);
  else
    rk_gui_field_error (error_label, NULL, error->message);
}

char *
rk_gui_saved_message (const char *name,
                      gboolean    added)
{
  return added ? g_strdup_printf (_("%s added"), name) : g_strdup_printf (_("%s saved"), name);
}

gboolean
rk_gui_read_time (GtkWidget *date_entry,
                  GtkWidget *time_entry,
                  RkMinute  *out)
{
  RkDay day;
  int minute;

  if (!rk_date_parse (gtk_editable_get_text (GTK_EDITABLE (date_entry)), &day) ||
      !rk_clock_parse (gtk_editable_get_text (GTK_EDITABLE (time_entry)), &minute))
    return FALSE;
  *out = rk_minute_make (day, minute);
  return TRUE;
}

void
rk_gui_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

GtkWidget *
rk_gui_row_label (const char *text,
                  gboolean    use_markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (use_markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

void
rk_gui_store_replace (GListStore *store,
                      GPtrArray  *array)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       array ? array->pdata : NULL, array ? array->len : 0);
}

GSettings *
rk_gui_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema ? g_settings_new (APP_ID) : NULL;
}

GtkWidget *
rk_gui_removable_row (const char *markup,
                      const char *remove_label,
                      gint64      id,
                      GCallback   clicked,
                      gpointer    data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gint64 *key = g_new (gint64, 1);

  *key = id;
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (remove), "rk-id", key, g_free);
  g_signal_connect (remove, "clicked", clicked, data);
  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 4);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_box_append (GTK_BOX (row), rk_gui_row_label (markup, TRUE));
  gtk_box_append (GTK_BOX (row), remove);
  return row;
}

void
rk_gui_set_class (GtkWidget  *widget,
                  const char *name,
                  gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

gboolean
rk_gui_font_changed (GtkWidget             *widget,
                     PangoFontDescription **font,
                     gboolean               forget)
{
  const PangoFontDescription *now =
    pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  if (forget)
    g_clear_pointer (font, pango_font_description_free);
  if (*font && now && pango_font_description_equal (*font, now))
    return FALSE;
  g_clear_pointer (font, pango_font_description_free);
  *font = now ? pango_font_description_copy (now) : NULL;
  return TRUE;
}

GdkRGBA
rk_gui_named_color (GtkWidget  *widget,
                    const char *name,
                    const char *fallback)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    gdk_rgba_parse (&color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

void
rk_gui_append_layout (GtkSnapshot   *snapshot,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

GtkIconPaintable *
rk_gui_symbolic_icon (GtkWidget  *widget,
                      const char *name,
                      int         size)
{
  static GHashTable *icons;   /* "display scale size name" → GtkIconPaintable */
  GdkDisplay *display = gtk_widget_get_display (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autofree char *key = g_strdup_printf ("%p %d %d %s", (void *) display, scale, size, name);
  GtkIconPaintable *icon;

  if (icons == NULL)
    icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  icon = g_hash_table_lookup (icons, key);
  if (icon == NULL)
    {
      icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (display), name, NULL,
                                         size, scale, GTK_TEXT_DIR_NONE, 0);
      g_hash_table_insert (icons, g_steal_pointer (&key), icon);
    }
  return icon;
}

typedef struct
{
  GtkWidget      *widget;
  void          (*func) (GtkWidget *widget);
  GdkFrameClock  *clock;
  gulong          paint_id;
  guint           idle;
} AfterFrame;

static void
after_frame_free (gpointer data)
{
  AfterFrame *after = data;

  /* A window unrealized disposes of its clock, and of the handler. */
  if (after->paint_id && g_signal_handler_is_connected (after->clock, after->paint_id))
    g_signal_handler_disconnect (after->clock, after->paint_id);
  g_clear_object (&after->clock);
  g_clear_handle_id (&after->idle, g_source_remove);
  g_free (after);
}

static gboolean
after_frame_idle (gpointer data)
{
  AfterFrame *after = data;
  GtkWidget *widget = after->widget;
  void (*func) (GtkWidget *) = after->func;

  after->idle = 0;
  g_object_set_data (G_OBJECT (widget), "rk-after-frame", NULL);
  func (widget);
  return G_SOURCE_REMOVE;
}

static void
after_frame_painted (GdkFrameClock *clock,
                     AfterFrame    *after)
{
  g_signal_handler_disconnect (after->clock, after->paint_id);
  after->paint_id = 0;
  /* Before the next frame: at an idle's priority it waited as long as
   * frames followed one another (a slow machine, a list filling its
   * rows a few a frame). */
  g_clear_handle_id (&after->idle, g_source_remove);
  after->idle = g_idle_add_full (G_PRIORITY_DEFAULT, after_frame_idle, after, NULL);
}

/* LABEL's text as it is shown: each mnemonic underscore dropped, a
 * doubled one kept once ("今日(_T)" reads "今日(T)"). */
static char *
mnemonic_shown_text (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* GTK 4.8 gives a button with a mnemonic its raw label as the accessible
 * label and then adds the shown label it is labelled by; a check button
 * has the raw label alone. The button keeps the shown label only; the
 * check button is given the shown text. Whether WIDGET is a button with
 * a mnemonic. */
static gboolean
name_without_mnemonic (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      GtkButton *button = GTK_BUTTON (widget);

      if (!gtk_button_get_use_underline (button) || !gtk_button_get_label (button))
        return FALSE;
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return TRUE;
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      GtkCheckButton *check = GTK_CHECK_BUTTON (widget);
      const char *label = gtk_check_button_get_label (check);
      g_autofree char *text = NULL;

      if (!gtk_check_button_get_use_underline (check) || !label)
        return FALSE;
      text = mnemonic_shown_text (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text, -1);
      return TRUE;
    }
  return FALSE;
}

static void
mnemonic_label_changed (GObject    *object,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  name_without_mnemonic (GTK_WIDGET (object));
}

/* Each button with a mnemonic in TREE (a window, each time it is shown:
 * one walk, where a hook on every widget's map would run at each month
 * switch), and again when its label changes (GTK sets the raw label
 * anew). */
static void
name_mnemonic_tree (GtkWidget *tree)
{
  static GQuark named;

  if (named == 0)
    named = g_quark_from_static_string ("rk-mnemonic-named");
  if (name_without_mnemonic (tree) && g_object_get_qdata (G_OBJECT (tree), named) == NULL)
    {
      g_object_set_qdata (G_OBJECT (tree), named, GINT_TO_POINTER (1));
      g_signal_connect (tree, "notify::label", G_CALLBACK (mnemonic_label_changed), NULL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (tree); child;
       child = gtk_widget_get_next_sibling (child))
    name_mnemonic_tree (child);
}

static void
toplevels_changed (GListModel *toplevels,
                   guint       position,
                   guint       removed,
                   guint       added,
                   gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      g_signal_handlers_disconnect_by_func (window, name_mnemonic_tree, NULL);
      g_signal_connect (window, "map", G_CALLBACK (name_mnemonic_tree), NULL);
      if (gtk_widget_get_mapped (window))
        name_mnemonic_tree (window);
    }
}

void
rk_gui_name_mnemonic_buttons (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_signal_handlers_disconnect_by_func (toplevels, toplevels_changed, NULL);
  g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed), NULL);
  toplevels_changed (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
}

/* A clock that does not paint (a window the compositor holds back) does
 * not hold the work back for longer than this. */
#define AFTER_FRAME_LATEST_MS 100

void
rk_gui_after_frame (GtkWidget *widget,
                    void     (*func) (GtkWidget *widget))
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  AfterFrame *after;

  after = g_object_get_data (G_OBJECT (widget), "rk-after-frame");
  /* Asked for already, unless the clock it waits on has gone. */
  if (after && (after->idle || g_signal_handler_is_connected (after->clock, after->paint_id)))
    return;
  after = g_new0 (AfterFrame, 1);
  after->widget = widget;
  after->func = func;
  if (clock && gtk_widget_get_mapped (widget))
    {
      after->clock = g_object_ref (clock);
      after->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_frame_painted),
                                          after);
      after->idle = g_timeout_add (AFTER_FRAME_LATEST_MS, after_frame_idle, after);
    }
  else
    after->idle = g_idle_add (after_frame_idle, after);
  g_object_set_data_full (G_OBJECT (widget), "rk-after-frame", after, after_frame_free);
}

void
rk_gui_after_frame_cancel (GtkWidget *widget)
{
  g_object_set_data (G_OBJECT (widget), "rk-after-frame", NULL);
}

static void
parent_destroyed (GtkWindow *window,
                  GtkWidget *parent)
{
  if (gtk_window_get_transient_for (window) != GTK_WINDOW (parent))
    return;
  if (gtk_window_get_destroy_with_parent (window))
    gtk_window_destroy (window);
  gtk_window_set_transient_for (window, NULL);
}

static void
on_transient_for (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    data)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);

  if (parent)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed), window,
                             G_CONNECT_SWAPPED);
}

void
rk_gui_window_forget_parent (GtkWindow *window)
{
  g_signal_connect (window, "notify::transient-for", G_CALLBACK (on_transient_for), NULL);
  on_transient_for (window, NULL, NULL);
}

typedef struct
{
  GObject            *owner;
  GAsyncReadyCallback callback;
} ThreadCall;

static void
thread_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ThreadCall *call = data;

  call->callback (call->owner, result, NULL);
  g_object_unref (call->owner);
  g_free (call);
}

void
rk_gui_run_in_thread (gpointer            owner,
                      GCancellable       *cancellable,
                      gpointer            task_data,
                      GDestroyNotify      task_data_free,
                      GTaskThreadFunc     func,
                      GAsyncReadyCallback callback)
{
  ThreadCall *call = g_new0 (ThreadCall, 1);
  g_autoptr(GTask) task = NULL;

  call->owner = g_object_ref (owner);
  call->callback = callback;
  task = g_task_new (NULL, cancellable, thread_done, call);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, func);
}

char *
rk_gui_day_text (RkDay day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  rk_day_to_ymd (day, &y, &m, &d);
  /* A date's names need no time zone (as rk_day_title). */
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  /* TRANSLATORS: a day in lists and headings, strftime-style */
  return g_date_time_format (dt, _("%a %-d %b"));
}

void
rk_gui_run_in_steps (guint *id, GSourceFunc step, gpointer data)
{
  g_clear_handle_id (id, g_source_remove);
  if (step (data) == G_SOURCE_CONTINUE)
    *id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step, data, NULL);
}
