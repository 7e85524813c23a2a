#define G_LOG_DOMAIN "test-undo"
#include "config.h"

#include <glib/gstdio.h>

#include "rk-demo.h"
#include "rk-error.h"
#include "rk-event.h"
#include "rk-store.h"
#include "rk-store-notices.h"
#include "rk-undo.h"
#include "rk-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  RkStore *store;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RkDay today;

  f->dir = g_dir_make_tmp ("renkei-undo-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = rk_test_backend_is_pg () ? rk_test_pg_database ()
                                     : g_build_filename (f->dir, "renkei.db", NULL);
  f->store = rk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (rk_date_parse ("2026-12-01", &today));
  g_assert_true (rk_store_begin (f->store, &error));
  g_assert_true (rk_demo_fill (f->store, today, &error));
  g_assert_true (rk_store_commit (f->store, &error));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* Everything about one event, in a canonical text: equal texts, equal rows. */
static char *
event_text (RkStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkSchedule) all = rk_store_load_all (store, &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  RkSEvent *e;

  g_assert_no_error (error);
  e = rk_schedule_event (all, id);
  if (e == NULL)
    return g_strdup ("(none)");
  g_string_append_printf (out, "%" G_GINT64_FORMAT "|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%" G_GINT64_FORMAT "|%d|%s|%s|%d|%d|%d\n",
                          e->program ? e->program->id : 0, e->title ? e->title : "", e->start,
                          e->end, e->room ? e->room->id : 0, e->capacity,
                          e->notes ? e->notes : "", e->rrule ? e->rrule : "", e->policy,
                          e->tentative, e->cancelled);
  for (guint i = 0; i < e->assigns->len; i++)
    {
      RkSAssign *a = &g_array_index (e->assigns, RkSAssign, i);
      g_ptr_array_add (lines, g_strdup_printf ("a %" G_GINT64_FORMAT " %u %d %d", a->staff_id,
                                               a->occ_date, a->excluded, a->tentative));
    }
  for (guint i = 0; i < e->exceptions->len; i++)
    {
      RkSException *x = &g_array_index (e->exceptions, RkSException, i);
      g_ptr_array_add (lines, g_strdup_printf ("x %u %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                               " %s", x->occ_date, x->kind, x->start, x->end,
                                               x->reason ? x->reason : ""));
    }
  for (guint i = 0; i < e->equipment->len; i++)
    g_ptr_array_add (lines, g_strdup_printf ("q %" G_GINT64_FORMAT,
                                             g_array_index (e->equipment, gint64, i)));
  g_ptr_array_sort (lines, cmp_str);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
event_titled (RkStore *store, const char *title)
{
  g_autoptr(RkSchedule) all = rk_store_load_all (store, NULL);

  for (guint i = 0; i < all->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (all->events, i);
      if (g_strcmp0 (rk_sevent_title (e), title) == 0)
        return e->id;
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_restores_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkUndoStack) undo = rk_undo_stack_new (f->store);
  g_autoptr(RkEvent) event = NULL;
  gint64 id = event_titled (f->store, "ふたご・みつご広場");
  g_autofree char *before = event_text (f->store, id);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(GArray) no_items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RkSchedule) all = rk_store_load_all (f->store, NULL);
  RkSEvent *se = rk_schedule_event (all, id);
  gint64 first_staff = g_array_index (se->assigns, RkSAssign, 0).staff_id;
  RkDay d1, d2;

  g_assert_true (rk_date_parse ("2026-12-18", &d1));
  g_assert_true (rk_date_parse ("2027-01-15", &d2));

  /* One action touching every kind of row of the event. */
  g_assert_true (rk_store_begin (f->store, &error));
  rk_undo_stack_begin (undo, "edit");
  g_assert_true (rk_undo_stack_save_event (undo, id, &error));
  event = rk_store_get_event (f->store, id, &error);
  rk_event_set_title (event, "ふたご広場（特別版）");
  rk_event_set_capacity (event, 30);
  g_assert_true (rk_store_update_event (f->store, event, &error));
  g_assert_true (rk_store_unassign (f->store, id, first_staff, d1, &error));   /* exclusion */
  /* 井上 幸子, a volunteer not on the series, for one date only. */
  g_assert_true (rk_store_assign (f->store, id, 14, d2, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_set_exception (f->store, id, d1, RK_EXCEPTION_MOVED,
                                         rk_minute_make (d1 - 1, 600), rk_minute_make (d1 - 1, 720),
                                         "moved", &error));
  g_assert_true (rk_store_set_event_equipment (f->store, id, no_items, &error));
  g_assert_true (rk_undo_stack_commit (undo, &error));
  g_assert_no_error (error);

  after = event_text (f->store, id);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (rk_undo_stack_can_undo (undo));
  g_assert_cmpstr (rk_undo_stack_get_label (undo), ==, "edit");

  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  undone = event_text (f->store, id);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (rk_undo_stack_can_undo (undo));
}

static void
test_created_is_deleted (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkUndoStack) undo = rk_undo_stack_new (f->store);
  g_autoptr(RkEvent) event = rk_event_new ();
  g_autofree char *text = NULL;
  gint64 id;

  g_object_set (event, "title", "臨時相談会", "start", "2026-12-16T10:00", "end",
                "2026-12-16T11:00", NULL);
  g_assert_true (rk_store_begin (f->store, &error));
  rk_undo_stack_begin (undo, "new");
  id = rk_store_add_event (f->store, event, NULL, &error);
  g_assert_cmpint (id, >, 0);
  rk_undo_stack_note_created (undo, id);
  g_assert_true (rk_store_assign (f->store, id, 1, 0, FALSE, &error));
  g_assert_true (rk_undo_stack_commit (undo, &error));

  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  text = event_text (f->store, id);
  g_assert_cmpstr (text, ==, "(none)");
}

/* Two actions on the same event, one after the other, both undone: the
 * first undo moves the event's version on, which must not make the
 * second look changed by someone else. */
static void
test_two_in_a_row (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkUndoStack) undo = rk_undo_stack_new (f->store);
  gint64 id = event_titled (f->store, "連絡会議");
  g_autofree char *before = event_text (f->store, id);
  g_autofree char *after = NULL;

  for (int i = 0; i < 2; i++)
    {
      g_assert_true (rk_store_begin (f->store, &error));
      rk_undo_stack_begin (undo, i ? "uncancel" : "cancel");
      g_assert_true (rk_undo_stack_save_event (undo, id, &error));
      g_assert_true (rk_store_set_event_cancelled (f->store, id, i == 0, &error));
      g_assert_true (rk_undo_stack_commit (undo, &error));
    }
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_no_error (error);
  after = event_text (f->store, id);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (rk_undo_stack_can_undo (undo));
}

static void
test_refuses_stale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkUndoStack) undo = rk_undo_stack_new (f->store);
  g_autoptr(RkStore) other = rk_store_open (f->path, &error);
  gint64 id = event_titled (f->store, "連絡会議");
  g_autofree char *between = NULL;
  g_autofree char *still = NULL;

  g_assert_true (rk_store_begin (f->store, &error));
  rk_undo_stack_begin (undo, "cancel");
  g_assert_true (rk_undo_stack_save_event (undo, id, &error));
  g_assert_true (rk_store_set_event_cancelled (f->store, id, TRUE, &error));
  g_assert_true (rk_undo_stack_commit (undo, &error));

  /* Another coordinator assigns someone to it afterwards. */
  g_assert_true (rk_store_begin (other, &error));
  g_assert_true (rk_store_assign (other, id, 2, 0, FALSE, &error));
  g_assert_true (rk_store_commit (other, &error));
  between = event_text (f->store, id);

  g_assert_false (rk_undo_stack_undo (undo, &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_STALE);
  still = event_text (f->store, id);
  g_assert_cmpstr (still, ==, between);
  g_assert_true (rk_undo_stack_can_undo (undo));
}

static void
test_abort_keeps_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkUndoStack) undo = rk_undo_stack_new (f->store);
  gint64 id = event_titled (f->store, "連絡会議");
  g_autofree char *before = event_text (f->store, id);
  g_autofree char *after = NULL;

  g_assert_true (rk_store_begin (f->store, &error));
  rk_undo_stack_begin (undo, "cancel");
  g_assert_true (rk_undo_stack_save_event (undo, id, &error));
  g_assert_true (rk_store_set_event_cancelled (f->store, id, TRUE, &error));
  rk_undo_stack_abort (undo);

  after = event_text (f->store, id);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (rk_undo_stack_can_undo (undo));
  g_assert_false (rk_store_in_transaction (f->store));
}

/* A venue's notice: set, changed and removed in one undoable step each;
 * text the store refuses leaves nothing behind. */
static char *
notice (Fixture *f, int month)
{
  g_autoptr(GError) error = NULL;
  char *text = rk_store_get_venue_notice (f->store, 1, 2026, month, &error);

  g_assert_no_error (error);
  return text;
}

static void
set_notice (Fixture *f, RkUndoStack *undo, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rk_store_begin (f->store, &error));
  rk_undo_stack_begin (undo, "notice");
  g_assert_true (rk_undo_stack_save (undo, RK_UNDO_VENUE, 1, &error));
  g_assert_true (rk_store_set_venue_notice (f->store, 1, 2026, 12, text, &error));
  g_assert_true (rk_undo_stack_commit (undo, &error));
  g_assert_no_error (error);
}

static void
test_notice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkUndoStack) undo = rk_undo_stack_new (f->store);
  g_autoptr(GHashTable) all = NULL;
  g_autofree char *t = NULL;
  gint64 one = 1;

  set_notice (f, undo, "駐車場はありません");
  set_notice (f, undo, "予約は前月15日から\r\n");
  t = notice (f, 12);
  g_assert_cmpstr (t, ==, "予約は前月15日から");
  g_clear_pointer (&t, g_free);
  g_assert_null (notice (f, 11));
  all = rk_store_list_venue_notices (f->store, 2026, 12, &error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (all, &one), ==, "予約は前月15日から");

  g_assert_true (rk_undo_stack_undo (undo, &error));
  t = notice (f, 12);
  g_assert_cmpstr (t, ==, "駐車場はありません");
  g_clear_pointer (&t, g_free);
  g_assert_true (rk_undo_stack_undo (undo, &error));
  g_assert_null (notice (f, 12));
  g_assert_true (rk_undo_stack_redo (undo, &error));
  t = notice (f, 12);
  g_assert_cmpstr (t, ==, "駐車場はありません");
  g_clear_pointer (&t, g_free);

  set_notice (f, undo, NULL);
  g_assert_null (notice (f, 12));
  g_assert_true (rk_undo_stack_undo (undo, &error));
  t = notice (f, 12);
  g_assert_cmpstr (t, ==, "駐車場はありません");
  g_clear_pointer (&t, g_free);

  /* Refused: blank, an unknown venue; the transaction rolls back whole. */
  g_assert_true (rk_store_begin (f->store, &error));
  g_assert_false (rk_store_set_venue_notice (f->store, 1, 2026, 12, " 　\n", &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rk_store_set_venue_notice (f->store, 9999, 2026, 12, "x", &error));
  g_assert_error (error, RK_ERROR, RK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rk_store_rollback (f->store);
  t = notice (f, 12);
  g_assert_cmpstr (t, ==, "駐車場はありません");
}

/* Many keys' rows in one read are each key's rows as read alone, for
 * every set (the demo's events have exceptions, staff and equipment), a
 * key without rows an empty array, a key given twice the same. */
static void
test_rows_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) stamps = rk_store_event_stamps (f->store, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;
  gint64 missing = 987654321;

  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, stamps);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_assert_cmpuint (ids->len, >, 2);
  g_array_append_val (ids, missing);
  g_array_append_val (ids, g_array_index (ids, gint64, 0));
  for (RkRowSet set = 0; set < RK_N_ROWS; set++)
    {
      g_autoptr(GHashTable) many = rk_store_get_rows_many (f->store, set, (gint64 *) ids->data,
                                                           ids->len, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (many), ==, ids->len - 1);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr(GVariant) alone = rk_store_get_rows (f->store, set, id, &error);
          GVariant *got = g_hash_table_lookup (many, &id);

          g_assert_no_error (error);
          g_assert_nonnull (got);
          g_assert_true (g_variant_equal (alone, got));
          if (id == missing && set != RK_ROWS_SETTINGS)
            g_assert_cmpuint (g_variant_n_children (got), ==, 0);
        }
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("RENKEI_TODAY", "2026-12-01", TRUE);
  rk_test_init (&argc, &argv);
  g_test_add ("/undo/restores-rows", Fixture, NULL, setup, test_restores_rows, teardown);
  g_test_add ("/undo/created-is-deleted", Fixture, NULL, setup, test_created_is_deleted, teardown);
  g_test_add ("/undo/refuses-stale", Fixture, NULL, setup, test_refuses_stale, teardown);
  g_test_add ("/undo/two-in-a-row", Fixture, NULL, setup, test_two_in_a_row, teardown);
  g_test_add ("/undo/abort-keeps-nothing", Fixture, NULL, setup, test_abort_keeps_nothing, teardown);
  g_test_add ("/undo/notice", Fixture, NULL, setup, test_notice, teardown);
  g_test_add ("/undo/rows-many", Fixture, NULL, setup, test_rows_many, teardown);
  return g_test_run ();
}
