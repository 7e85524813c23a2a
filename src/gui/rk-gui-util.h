#pragma once

#include <gtk/gtk.h>

#include "rk-store.h"
#include "rk-undo.h"

G_BEGIN_DECLS

/* Small pieces the pages and dialogs share. */

/* One action of the person: runs func inside a transaction recorded for
 * undo under label; all of it lands or none of it. */
typedef gboolean (*RkChangeFunc) (RkStore      *store,
                                  RkUndoStack  *undo,
                                  gpointer      data,
                                  GError      **error);
gboolean     rk_gui_change          (RkStore      *store,
                                     RkUndoStack  *undo,
                                     const char   *label,
                                     RkChangeFunc  func,
                                     gpointer      data,
                                     GError      **error);

/* What a form's Save hands to the worker: the edited row (taken; the
 * worker sets a new row's id on it), whether it is new, and its name for
 * the toast (taken). */
typedef struct
{
  gpointer  edited;
  gboolean  add;
  char     *name;
} RkEntitySave;

RkEntitySave *rk_entity_save_new    (gpointer      edited,
                                     gboolean      add,
                                     char         *name);
void         rk_entity_save_free    (gpointer      save);

/* A toast on the window the widget is in (offering undo), else a log line. */
void         rk_gui_toast           (GtkWidget    *widget,
                                     const char   *message,
                                     gboolean      offer_undo);

/* For sorting and searching Japanese names: NFKC, katakana as hiragana,
 * case folded; without_spaces also drops spaces (half and full width). */
char        *rk_gui_fold            (const char   *text,
                                     gboolean      without_spaces);

/* A column of labels: text(item) gives each cell's text (freed). */
typedef char *(*RkCellText) (gpointer item);
GtkColumnViewColumn *rk_gui_text_column (const char *title,
                                         RkCellText  text,
                                         GtkSorter  *sorter,
                                         gboolean    expand);

/* A string sorter over a key function of the item (the key is freed). */
GtkSorter   *rk_gui_key_sorter      (RkCellText    key);

/* "Hub staff", … in role order. */
GtkStringList *rk_gui_role_list     (void);

/* The entry's text, stripped; NULL when empty. */
char        *rk_gui_entry_text      (GtkWidget    *entry);
void         rk_gui_set_text        (GtkWidget    *entry,
                                     const char   *text);

/* Shows message under a field (NULL hides it) and marks the entry invalid. */
void         rk_gui_field_error     (GtkWidget    *label,
                                     GtkWidget    *entry,
                                     const char   *message);

/* Opens a "changed by someone else" bar; message, when given, is its text. */
void         rk_gui_show_stale      (GtkWidget    *bar,
                                     GtkWidget    *label,
                                     const char   *message);
/* A save that failed: a row someone else changed opens the stale bar (with
 * stale_message, when the bar's text is set here), anything else is shown
 * in error_label. */
void         rk_gui_save_failed     (const GError *error,
                                     GtkWidget    *stale_bar,
                                     GtkWidget    *stale_label,
                                     const char   *stale_message,
                                     GtkWidget    *error_label);
/* "NAME added" or "NAME saved", for the toast after a save. */
char        *rk_gui_saved_message   (const char   *name,
                                     gboolean      added);

/* "YYYY-MM-DD" and "HH:MM" entries into a time; FALSE when unreadable. */
gboolean     rk_gui_read_time       (GtkWidget    *date_entry,
                                     GtkWidget    *time_entry,
                                     RkMinute     *out);

/* A day for lists and headings: "Tue 1 Dec" (translated, strftime-style). */
char        *rk_gui_day_text        (RkDay         day);

/* Removes every row of a list box. */
void         rk_gui_list_box_clear  (GtkListBox   *list);
/* Adds or removes one CSS class. */
void         rk_gui_set_class       (GtkWidget    *widget,
                                     const char   *name,
                                     gboolean      on);

/* Follows the font of a widget's pango context for widgets that keep
 * their own pango layouts: TRUE when it is another than *FONT (a style's
 * font size or weight, a theme, the text scale), which is then the new
 * one; call it from css_changed, and with FORGET from
 * system_setting_changed (the same description may then render another
 * size). The caller lays its layouts out again on TRUE. */
gboolean     rk_gui_font_changed    (GtkWidget             *widget,
                                     PangoFontDescription **font,
                                     gboolean               forget);

/* For widgets that draw themselves: a colour of the theme or style.css
 * (@define-color) by name, else FALLBACK; a layout drawn at x, y; a
 * symbolic icon of SIZE px, looked up once per display and scale. */
GdkRGBA      rk_gui_named_color     (GtkWidget             *widget,
                                     const char            *name,
                                     const char            *fallback);
void         rk_gui_append_layout   (GtkSnapshot           *snapshot,
                                     PangoLayout           *layout,
                                     double                 x,
                                     double                 y,
                                     const GdkRGBA         *color);
GtkIconPaintable *rk_gui_symbolic_icon (GtkWidget          *widget,
                                        const char         *name,
                                        int                 size);

/* From now on, the buttons and check buttons with a mnemonic ("_Today")
 * in every window, as each window is shown, are named for a screen
 * reader by the text they show ("Today"), as GTK 4.8 does not: it read a
 * button "_Today Today" and a check button "Whole wee_k". Call once, at
 * the application's start. */
void         rk_gui_name_mnemonic_buttons (void);

/* Calls FUNC (WIDGET) once after the next frame of WIDGET's window is
 * painted, before the one after (when the loop is idle if it is not
 * shown; after 100 ms if no frame is painted by then): work a person
 * does not see, such as accessible texts, kept out of the frame that
 * shows what they describe. Asked for again before then: still once.
 * Cancel from the widget's dispose. */
void         rk_gui_after_frame        (GtkWidget            *widget,
                                        void                (*func) (GtkWidget *widget));
void         rk_gui_after_frame_cancel (GtkWidget            *widget);

/* Runs FUNC in a thread with TASK_DATA (plain data: it may be freed in
 * that thread), then CALLBACK in the main context with OWNER as its
 * source object. Unlike g_task_run_in_thread() with OWNER as the task's
 * source, OWNER's last reference never goes in the thread (GTask drops the
 * thread's reference there): a widget is finalized in the main thread. */
void         rk_gui_run_in_thread      (gpointer              owner,
                                        GCancellable         *cancellable,
                                        gpointer              task_data,
                                        GDestroyNotify        task_data_free,
                                        GTaskThreadFunc       func,
                                        GAsyncReadyCallback   callback);

/* For a destroy-with-parent WINDOW: when its transient parent goes, it is
 * destroyed and also forgets the parent. GTK destroys it but keeps
 * pointing at the parent, so a window still held a little longer (a reply
 * from the worker on its way) reached the freed parent when it was
 * finalized. Call once, from its init. */
void         rk_gui_window_forget_parent (GtkWindow          *window);

/* A label for a list row, wrapped, left aligned; markup when use_markup. */
/* A list row of markup text with a trash button that removes thing `id`:
 * clicked (button, data) finds the id as the button's "rk-id" data (gint64*). */
GtkWidget   *rk_gui_removable_row   (const char   *markup,
                                     const char   *remove_label,
                                     gint64        id,
                                     GCallback     clicked,
                                     gpointer      data);
GtkWidget   *rk_gui_row_label       (const char   *text,
                                     gboolean      use_markup);

/* Replaces a list store's items by those of array (GObjects). */
void         rk_gui_store_replace   (GListStore   *store,
                                     GPtrArray    *array);

/* The application's settings, NULL when the schema is not installed (a
 * build tree run without GSETTINGS_SCHEMA_DIR). */
GSettings   *rk_gui_settings        (void);

/* Runs STEP (DATA) now and then in idle steps (G_PRIORITY_DEFAULT_IDLE)
 * while it returns G_SOURCE_CONTINUE: work split into main-loop steps of
 * a few milliseconds each. *ID holds the idle source (STEP sets it to 0
 * when it is done); an earlier run's is removed first. */
void rk_gui_run_in_steps (guint *id, GSourceFunc step, gpointer data);

/* About how long one such step runs (µs): a few of them fit between two
 * frames at 60 Hz. */
#define RK_GUI_STEP_US 4000

G_END_DECLS
