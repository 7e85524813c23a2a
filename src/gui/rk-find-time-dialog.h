#pragma once

#include <gtk/gtk.h>

#include "rk-findtime.h"
#include "rk-store-worker.h"

G_BEGIN_DECLS

#define RK_TYPE_FIND_TIME_DIALOG (rk_find_time_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RkFindTimeDialog, rk_find_time_dialog, RK, FIND_TIME_DIALOG, GtkWindow)

/* What the event editor knows when it asks for a time. */
typedef struct
{
  gint64   event_id;     /* the event edited, 0 for a new one */
  RkDay    occ_date;     /* its occurrence edited, 0: all of them */
  gint64   program_id;   /* its roles; 0: none */
  int      duration;     /* minutes */
  gint64   room_id;      /* 0: no room */
  int      capacity;     /* 0: any */
  GArray  *equipment;    /* gint64, may be NULL */
  GArray  *staff;        /* gint64: who is on it already, may be NULL */
} RkFindTimeRequest;

/* The time chosen, for the "chosen" signal. */
typedef struct
{
  RkMinute  start, end;
  gint64    room_id;     /* 0: no room was asked for */
  GArray   *staff;       /* gint64: free people to add so that each required
                          * role is filled (empty unless pre-assigning) */
} RkFindTimeChoice;

/* "Find a Time": duration, date range (the next four weeks), place,
 * weekdays, hours and the roles needed, searched with rk_find_time() as
 * they change; the free times are listed best first with who could staff
 * each role. Choosing one emits "chosen" (an RkFindTimeChoice *) and
 * closes the dialog. The edited event's own occurrence does not block.
 * Everything is read by the store worker: the dialog shows at once, its
 * fields fill when the places are read, and each search's free times
 * arrive when the worker has found them. */
RkFindTimeDialog *rk_find_time_dialog_new        (GtkWindow               *parent,
                                                  RkStoreWorker           *worker,
                                                  const RkFindTimeRequest *request);
/* Starts the search now (it otherwise starts shortly after a field
 * changes); a search on its way is dropped for it. FALSE with error when
 * the fields are unreadable; a failure to read shows in the dialog. */
gboolean          rk_find_time_dialog_search     (RkFindTimeDialog        *self,
                                                  GError                 **error);
/* Reading the places, a search waiting for a pause in typing or on its
 * way: the slots shown are not the fields' yet. */
gboolean          rk_find_time_dialog_get_busy   (RkFindTimeDialog        *self);
/* The free times of the last search that arrived. */
guint             rk_find_time_dialog_get_n_slots (RkFindTimeDialog       *self);
const RkSlot     *rk_find_time_dialog_get_slot   (RkFindTimeDialog        *self,
                                                  guint                    index);
/* What activating the slot's row does: emits "chosen", closes the dialog. */
void              rk_find_time_dialog_choose     (RkFindTimeDialog        *self,
                                                  guint                    index);
/* "duration", "from", "to", "place", "start", "end", "preassign", "results",
 * "count", "error", "use", and the role spins "role-<token>" and weekday
 * toggles "weekday-1" (Monday) … "weekday-7". */
GtkWidget        *rk_find_time_dialog_get_field  (RkFindTimeDialog        *self,
                                                  const char              *name);

G_END_DECLS
