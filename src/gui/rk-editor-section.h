#pragma once

#include <gtk/gtk.h>

#include "rk-schedule.h"

G_BEGIN_DECLS

#define RK_TYPE_EDITOR_SECTION (rk_editor_section_get_type ())

G_DECLARE_DERIVABLE_TYPE (RkEditorSection, rk_editor_section, RK, EDITOR_SECTION, GtkWidget)

/* One part of the event editor (when and repeat, place and equipment,
 * staffing, problems): a widget with its own template that holds its
 * fields and what they mean, and says "changed" when the person changes
 * one of them. The editor puts the parts together, reads them into the
 * draft and the save, and fills them when an event is loaded. */
struct _RkEditorSectionClass
{
  GtkWidgetClass parent_class;

  /* The names and reference rows the lists are made from (the editor
   * keeps it alive while the section shows it). */
  void (*set_reference) (RkEditorSection *self,
                         RkSchedule      *ref);
};

void       rk_editor_section_set_reference (RkEditorSection *self,
                                            RkSchedule      *ref);
RkSchedule *rk_editor_section_get_reference (RkEditorSection *self);

/* Emits "changed", unless the section is being filled by the editor. */
void       rk_editor_section_changed       (RkEditorSection *self);
/* While TRUE, the section's own changes are not reported. */
void       rk_editor_section_set_loading   (RkEditorSection *self,
                                            gboolean         loading);
gboolean   rk_editor_section_get_loading   (RkEditorSection *self);

/* Puts the labels of the fields in widget and the sections in it (style
 * class "field-label") in group, so that the fields of all sections line up. */
void       rk_editor_share_labels          (GtkWidget       *widget,
                                            GtkSizeGroup    *group);

/* Small pieces the sections share (with rk-gui-util.h). */
const char *rk_editor_get_text             (GtkWidget       *entry);
/* "HH:MM" of a time; "24:00" for an end at midnight after start's day. */
char      *rk_editor_clock_text            (RkMinute         t);
char      *rk_editor_end_text              (RkMinute         start,
                                            RkMinute         end);
gboolean   rk_editor_has_id                (GArray          *ids,
                                            gint64           id);
void       rk_editor_remove_id             (GArray          *ids,
                                            gint64           id);
/* A drop-down filled from choices (each { id, label }, labels freed and
 * sorted); the first item is none with id 0. */
typedef struct
{
  gint64  id;
  char   *label;
} RkEditorChoice;
void       rk_editor_sort_choices          (GArray          *choices);
void       rk_editor_fill_choices          (GtkWidget       *dropdown,
                                            GArray         **ids,
                                            const char      *none,
                                            GArray          *choices);
gint64     rk_editor_dropdown_id           (GtkWidget       *dropdown,
                                            GArray          *ids);
void       rk_editor_dropdown_select_id    (GtkWidget       *dropdown,
                                            GArray          *ids,
                                            gint64           id);

G_END_DECLS
