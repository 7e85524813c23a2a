#define G_LOG_DOMAIN "renkei-test"
#include "config.h"

#include <string.h>

#include "rk-entities.h"
#include "rk-error.h"
#include "rk-ical.h"
#include "rk-store-attendance.h"
#include "rk-store-batch.h"
#include "rk-store-origin.h"
#include "rk-store.h"
#include "rk-test-util.h"

/* Rows written many at a time (rk-store-batch.c, what the generator and
 * the imports use) are the rows the one-at-a-time store calls write: the
 * same ids, the same schedule, the same records, the same messages; on
 * the file and, as test batch-pg, on the server. */

#define TODAY "2026-12-01"
/* More than one statement's worth of rows (250 per INSERT). */
#define N_EVENTS 320

typedef struct
{
  gint64 staff[4];
  gint64 program;
  gint64 room;
  gint64 item;
} Refs;

static RkStore *
demo_store (char **path, Refs *refs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL, programs = NULL, rooms = NULL, items = NULL;
  RkStore *store;

  *path = rk_test_db_path ();
  store = rk_store_open (*path, &error);
  g_assert_no_error (error);
  rk_test_fill_demo (store, TODAY);
  staff = rk_store_list_staff (store, -1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, >=, G_N_ELEMENTS (refs->staff));
  for (guint i = 0; i < G_N_ELEMENTS (refs->staff); i++)
    refs->staff[i] = rk_staff_get_id (g_ptr_array_index (staff, i));
  programs = rk_store_list_programs (store, &error);
  g_assert_no_error (error);
  refs->program = rk_program_get_id (g_ptr_array_index (programs, 0));
  rooms = rk_store_list_rooms (store, 0, &error);
  g_assert_no_error (error);
  refs->room = rk_room_get_id (g_ptr_array_index (rooms, 0));
  items = rk_store_list_equipment (store, &error);
  g_assert_no_error (error);
  refs->item = rk_equipment_get_id (g_ptr_array_index (items, 0));
  return store;
}

/* Event i of the case: one-offs and weekly series, a program and room on
 * some, equipment on every fifth, an origin (.ics SEQUENCE) on every third. */
static RkEvent *
case_event (const Refs *refs, int i)
{
  RkEvent *e = rk_event_new ();
  RkDay day = rk_day_from_ymd (2027, 1, 4) + (RkDay) (i % 60);
  RkMinute start = rk_minute_make (day, 9 * 60 + (i % 8) * 30);
  char s[17], z[17], uid[64];

  g_snprintf (uid, sizeof uid, "batch-%03d@renkei.test", i);
  g_object_set (e, "title", i % 2 ? "子育て講座" : NULL,
                "program-id", i % 2 ? (gint64) 0 : refs->program,
                "room-id", i % 3 ? refs->room : (gint64) 0,
                "start", rk_time_format_buf (start, s),
                "end", rk_time_format_buf (start + 90, z),
                "rrule", i % 4 == 0 ? "FREQ=WEEKLY;COUNT=6" : NULL,
                "tentative", i % 7 == 0,
                "notes", i % 5 ? NULL : "持ち物：母子健康手帳",
                "uid", uid, NULL);
  return e;
}

/* The case's rows, through the batch or through the one-row calls. */
static void
write_case (RkStore *store, const Refs *refs, gboolean batched, GArray *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStoreBatch) batch = batched ? rk_store_batch_new (store) : NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (items, refs->item);
  g_assert_true (rk_store_begin (store, &error));
  for (int i = 0; i < N_EVENTS; i++)
    {
      g_autoptr(RkEvent) e = case_event (refs, i);
      GArray *equipment = i % 5 == 0 ? items : NULL;
      RkMinute start = 0;
      RkDay day;
      gint64 id;

      if (batched)
        id = rk_store_batch_add_event (batch, e, equipment, i % 3 ? NULL : "Asia/Tokyo",
                                       i % 3 ? -1 : i % 4, &error);
      else
        {
          id = rk_store_add_event (store, e, equipment, &error);
          if (id && i % 3 == 0)
            g_assert_true (rk_store_set_event_origin (store, id, "Asia/Tokyo", i % 4, &error));
        }
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_assert_cmpint (rk_event_get_id (e), ==, id);
      g_assert_true (rk_time_parse (rk_event_get_start (e), &start));
      day = rk_minute_day (start);
      g_array_append_val (ids, id);

      /* Staff: the whole event, and on series one occurrence's stand-in,
       * one person off one occurrence, one occurrence moved and one
       * cancelled. */
      if (batched)
        g_assert_true (rk_store_batch_assignment (batch, id, refs->staff[i % 2], 0, i % 6 == 0,
                                                  FALSE, &error));
      else
        g_assert_true (rk_store_assign (store, id, refs->staff[i % 2], 0, i % 6 == 0, &error));
      g_assert_no_error (error);
      if (i % 4 == 0)
        {
          if (batched)
            g_assert_true (rk_store_batch_assignment (batch, id, refs->staff[2], day + 7, TRUE,
                                                      FALSE, &error) &&
                           rk_store_batch_assignment (batch, id, refs->staff[i % 2], day + 14,
                                                      FALSE, TRUE, &error) &&
                           rk_store_batch_exception (batch, id, day + 21, RK_EXCEPTION_MOVED,
                                                     rk_minute_make (day + 22, 600),
                                                     rk_minute_make (day + 22, 660),
                                                     "会場の都合により変更", &error) &&
                           rk_store_batch_exception (batch, id, day + 28, RK_EXCEPTION_CANCELLED,
                                                     0, 0, "台風接近のため中止", &error));
          else
            g_assert_true (rk_store_assign (store, id, refs->staff[2], day + 7, TRUE, &error) &&
                           rk_store_unassign (store, id, refs->staff[i % 2], day + 14, &error) &&
                           rk_store_set_exception (store, id, day + 21, RK_EXCEPTION_MOVED,
                                                   rk_minute_make (day + 22, 600),
                                                   rk_minute_make (day + 22, 660),
                                                   "会場の都合により変更", &error) &&
                           rk_store_set_exception (store, id, day + 28, RK_EXCEPTION_CANCELLED,
                                                   0, 0, "台風接近のため中止", &error));
          g_assert_no_error (error);
        }

      /* A record of what came, and someone away for a day. */
      if (i % 10 == 1)
        {
          g_autoptr(RkAttendance) a = rk_attendance_new (id, day);

          a->counts[RK_COUNT_FAMILIES] = 3 + i % 5;
          a->counts[RK_COUNT_ADULTS] = 4 + i % 5;
          a->counts[RK_COUNT_CHILDREN] = 5;
          a->counts[RK_COUNT_RESIDENTS] = 8;
          /* What a server's COPY escapes: a tab, line breaks, a backslash
           * and the text of its NULL. */
          a->notes = g_strdup (i % 20 == 1    ? "雨天"
                               : i % 20 == 11 ? "雨天\t中止\r\n再開は \\N 月\\末"
                                              : NULL);
          g_assert_true (batched ? rk_store_batch_attendance (batch, a, &error)
                                 : rk_store_save_attendance (store, a, &error));
          g_assert_no_error (error);
        }
      if (i % 50 == 0)
        {
          RkMinute from = rk_minute_make (day, 0);

          if (batched)
            g_assert_true (rk_store_batch_unavailability (batch, refs->staff[3], from,
                                                          from + RK_MINUTES_PER_DAY,
                                                          i % 100 ? "研修" : "研修\\外部\t会場",
                                                          &error));
          else
            g_assert_cmpint (rk_store_add_unavailability (store, refs->staff[3], from,
                                                          from + RK_MINUTES_PER_DAY,
                                                          i % 100 ? "研修" : "研修\\外部\t会場",
                                                          &error), >, 0);
          g_assert_no_error (error);
        }
    }
  if (batched)
    g_assert_true (rk_store_batch_flush (batch, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
  g_assert_no_error (error);
}

static char *
unavailability_text (RkStore *store, gint64 staff)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = rk_store_list_unavailability (store, staff, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const RkUnavailability *u = &g_array_index (list, RkUnavailability, i);

      g_string_append_printf (s, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %s\n", u->id, (gint64) u->start, (gint64) u->end,
                              u->reason ? u->reason : "");
    }
  return g_string_free (s, FALSE);
}

static void
test_same_rows (void)
{
  g_autofree char *one_path = NULL, *many_path = NULL;
  Refs refs, refs2;
  g_autoptr(RkStore) one = demo_store (&one_path, &refs);
  g_autoptr(RkStore) many = demo_store (&many_path, &refs2);
  g_autoptr(GArray) one_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) many_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const char *list[] = { "event", "list", "--from", "2027-01-01", "--to", "2027-06-30",
                         "--json", NULL };
  g_autofree char *one_events = NULL, *many_events = NULL;
  g_autofree char *one_records = NULL, *many_records = NULL;
  g_autofree char *one_away = NULL, *many_away = NULL;
  g_autoptr(RkEvent) next_one = NULL, next_many = NULL;
  gint64 a, b;

  g_assert_cmpmem (&refs, sizeof refs, &refs2, sizeof refs2);
  write_case (one, &refs, FALSE, one_ids);
  write_case (many, &refs, TRUE, many_ids);

  /* The same ids, in the order the events came. */
  g_assert_cmpuint (one_ids->len, ==, many_ids->len);
  g_assert_cmpmem (one_ids->data, one_ids->len * sizeof (gint64),
                   many_ids->data, many_ids->len * sizeof (gint64));

  /* The same schedule (staff, moves, cancellations, origins: the list
   * names them all), records and periods away. */
  one_events = rk_test_cli_ok (one_path, TODAY, list[0], list[1], list[2], list[3], list[4],
                               list[5], list[6], NULL);
  many_events = rk_test_cli_ok (many_path, TODAY, list[0], list[1], list[2], list[3], list[4],
                                list[5], list[6], NULL);
  g_assert_cmpuint (strlen (one_events), >, 10000);
  g_assert_cmpstr (one_events, ==, many_events);
  one_records = rk_test_cli_ok (one_path, TODAY, "attendance", "list", "--from", "2027-01-01",
                                "--to", "2027-06-30", "--json", NULL);
  many_records = rk_test_cli_ok (many_path, TODAY, "attendance", "list", "--from", "2027-01-01",
                                 "--to", "2027-06-30", "--json", NULL);
  g_assert_nonnull (strstr (one_records, "雨天"));
  g_assert_nonnull (strstr (one_records, "\"雨天\\t中止\\r\\n再開は \\\\N 月\\\\末\""));
  g_assert_cmpstr (one_records, ==, many_records);
  one_away = unavailability_text (one, refs.staff[3]);
  many_away = unavailability_text (many, refs.staff[3]);
  g_assert_nonnull (strstr (one_away, " 研修\\外部\t会場\n"));
  g_assert_cmpstr (one_away, ==, many_away);

  /* The .ics export says the same (SEQUENCE, the time zone of origin). */
  {
    g_autofree char *x = rk_test_cli_ok (one_path, TODAY, "export", "--month", "2027-01",
                                         "--format", "ics", "--audience", "staff", "-o", "-",
                                         NULL);
    g_autofree char *y = rk_test_cli_ok (many_path, TODAY, "export", "--month", "2027-01",
                                         "--format", "ics", "--audience", "staff", "-o", "-",
                                         NULL);
    /* The time of the export and the demo's own random UIDs aside. */
    g_autoptr(GRegex) stamp = g_regex_new ("DTSTAMP:[0-9TZ]+|UID:[0-9a-f-]{36}@renkei", 0, 0,
                                           NULL);
    g_autofree char *xs = g_regex_replace_literal (stamp, x, -1, 0, "-", 0, NULL);
    g_autofree char *ys = g_regex_replace_literal (stamp, y, -1, 0, "-", 0, NULL);

    g_assert_nonnull (strstr (xs, "SEQUENCE:3"));
    g_assert_cmpstr (xs, ==, ys);
  }

  /* The next event one by one gets the next id on both: the ids a server
   * handed out to the batch and it did not use went back. */
  g_assert_true (rk_store_begin (one, &error) && rk_store_begin (many, &error));
  next_one = case_event (&refs, N_EVENTS);
  next_many = case_event (&refs, N_EVENTS);
  a = rk_store_add_event (one, next_one, NULL, &error);
  g_assert_no_error (error);
  b = rk_store_add_event (many, next_many, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, ==, g_array_index (one_ids, gint64, one_ids->len - 1) + 1);
  g_assert_cmpint (a, ==, b);
  g_assert_true (rk_store_commit (one, &error) && rk_store_commit (many, &error));
}

/* What is wrong with one row is told as the one-row call tells it, and the
 * row is not kept; what only the database finds is the flush's error, and
 * the rolled-back transaction leaves nothing behind. */
static void
test_errors (void)
{
  g_autofree char *path = NULL;
  Refs refs;
  g_autoptr(RkStore) store = demo_store (&path, &refs);
  g_autoptr(GError) one = NULL, many = NULL, error = NULL;
  g_autoptr(RkEvent) a = case_event (&refs, 0), b = case_event (&refs, 0), c = case_event (&refs, 2);
  g_autoptr(RkStoreBatch) batch = rk_store_batch_new (store);
  g_autoptr(GArray) bad_items = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RkAttendance) record = NULL;
  g_autofree char *before = rk_test_cli_ok (path, TODAY, "event", "list", "--from", "2026-01-01",
                                            "--to", "2027-12-31", "--json", NULL);
  g_autofree char *after = NULL;
  gint64 bad = 987654, id;

  g_array_append_val (bad_items, bad);
  g_assert_true (rk_store_begin (store, &error));
  g_object_set (a, "program-id", bad, NULL);
  g_object_set (b, "program-id", bad, NULL);
  g_assert_cmpint (rk_store_add_event (store, a, NULL, &one), ==, 0);
  g_assert_cmpint (rk_store_batch_add_event (batch, b, NULL, NULL, -1, &many), ==, 0);
  g_assert_error (many, one->domain, one->code);
  g_assert_cmpstr (many->message, ==, one->message);
  g_assert_nonnull (strstr (many->message, "987654"));
  g_clear_error (&one);
  g_clear_error (&many);

  g_assert_cmpint (rk_store_add_event (store, c, bad_items, &one), ==, 0);
  g_assert_cmpint (rk_store_batch_add_event (batch, c, bad_items, NULL, -1, &many), ==, 0);
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);

  g_assert_cmpint (rk_store_add_unavailability (store, refs.staff[0], 100, 50, NULL, &one), ==, 0);
  g_assert_false (rk_store_batch_unavailability (batch, refs.staff[0], 100, 50, NULL, &many));
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);
  g_assert_cmpint (rk_store_add_unavailability (store, bad, 50, 100, NULL, &one), ==, 0);
  g_assert_false (rk_store_batch_unavailability (batch, bad, 50, 100, NULL, &many));
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);

  /* The refused rows were not kept: a good event goes in after them. */
  g_object_set (b, "program-id", refs.program, NULL);
  id = rk_store_batch_add_event (batch, b, NULL, NULL, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  record = rk_attendance_new (id, rk_day_from_ymd (2027, 1, 4));
  record->counts[RK_COUNT_ADULTS] = 1;
  record->counts[RK_COUNT_PREGNANT] = 2;
  g_assert_false (rk_store_save_attendance (store, record, &one));
  g_assert_false (rk_store_batch_attendance (batch, record, &many));
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);

  /* The same person twice on the same occurrence: the database's rule. */
  g_assert_true (rk_store_batch_assignment (batch, id, refs.staff[0], 0, FALSE, FALSE, &error));
  g_assert_true (rk_store_batch_assignment (batch, id, refs.staff[0], 0, FALSE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (rk_store_batch_flush (batch, &many));
  g_assert_error (many, RK_ERROR, RK_ERROR_DUPLICATE);
  rk_store_rollback (store);
  after = rk_test_cli_ok (path, TODAY, "event", "list", "--from", "2026-01-01", "--to",
                          "2027-12-31", "--json", NULL);
  g_assert_cmpstr (before, ==, after);
}

/* The same person twice on an occurrence, then thousands of good rows: on
 * the server the rows go by COPY, whose answer is read while the next rows
 * are made. The duplicate is still told, by one of the calls that follow
 * (on the file, by the one whose rows were written), and a commit never
 * keeps the rows around it. */
static void
test_error_told_later (void)
{
  for (int commit = 0; commit < 2; commit++)
    {
      g_autofree char *path = NULL;
      Refs refs;
      g_autoptr(RkStore) store = demo_store (&path, &refs);
      g_autoptr(GError) error = NULL;
      g_autoptr(RkEvent) event = case_event (&refs, 1);
      g_autoptr(RkStoreBatch) batch = rk_store_batch_new (store);
      g_autofree char *before = rk_test_cli_ok (path, TODAY, "event", "list", "--from",
                                                "2026-01-01", "--to", "2027-12-31", "--json",
                                                NULL);
      g_autofree char *after = NULL;
      RkDay day = rk_day_from_ymd (2027, 1, 1);
      gboolean failed = FALSE;
      gint64 id;

      g_assert_true (rk_store_begin (store, &error));
      id = rk_store_batch_add_event (batch, event, NULL, NULL, -1, &error);
      g_assert_no_error (error);
      g_assert_true (rk_store_batch_assignment (batch, id, refs.staff[0], 0, FALSE, FALSE,
                                                &error));
      g_assert_true (rk_store_batch_assignment (batch, id, refs.staff[0], 0, FALSE, FALSE,
                                                &error));
      for (guint i = 0; i < 2600 && !failed; i++)
        failed = !rk_store_batch_assignment (batch, id, refs.staff[1 + i % 3], day + i / 3,
                                             FALSE, FALSE, &error);
      if (!failed && !commit)
        failed = !rk_store_batch_flush (batch, &error);
      if (!failed)
        failed = !rk_store_commit (store, &error);
      g_assert_true (failed);
      g_assert_error (error, RK_ERROR, RK_ERROR_DUPLICATE);
      rk_store_rollback (store);
      after = rk_test_cli_ok (path, TODAY, "event", "list", "--from", "2026-01-01", "--to",
                              "2027-12-31", "--json", NULL);
      g_assert_cmpstr (before, ==, after);
    }
}

/* The reference rows (what a generated municipality starts with), one by
 * one or through the batch; more staff than one statement's worth. */
#define N_PEOPLE 260

static void
write_reference (RkStore *store, gboolean batched, GString *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RkStoreBatch) batch = batched ? rk_store_batch_new (store) : NULL;
  gint64 venue = 0, room = 0, program = 0, person = 0, item = 0, id;

  g_assert_true (rk_store_begin (store, &error));
  for (int v = 0; v < 3; v++)
    {
      g_autoptr(RkVenue) place = rk_venue_new ();
      g_autofree char *name = g_strdup_printf ("ふたば子育てひろば%d", v);

      g_object_set (place, "name", name, "kind", v == 1 ? "health_centre" : NULL,
                    "address", v ? "さくら市中央1-1" : NULL, "closed-on-holidays", v % 2 == 0,
                    NULL);
      venue = batched ? rk_store_batch_add_venue (batch, place, &error)
                      : rk_store_add_venue (store, place, &error);
      g_assert_no_error (error);
      g_assert_cmpint (rk_venue_get_id (place), ==, venue);
      g_string_append_printf (ids, "venue %" G_GINT64_FORMAT "\n", venue);
      for (int r = 0; r < 2; r++)
        {
          g_autoptr(RkRoom) space = rk_room_new ();

          g_object_set (space, "venue-id", venue, "name", r ? "相談室" : "プレイルーム",
                        "capacity", 6 + 20 * r, "features", r ? "private" : NULL, NULL);
          room = batched ? rk_store_batch_add_room (batch, space, &error)
                         : rk_store_add_room (store, space, &error);
          g_assert_no_error (error);
          g_string_append_printf (ids, "room %" G_GINT64_FORMAT "\n", room);
        }
      {
        g_autoptr(RkEquipment) scale = rk_equipment_new ();

        g_object_set (scale, "name", "ベビースケール", "venue-id", v == 2 ? (gint64) 0 : venue,
                      NULL);
        item = batched ? rk_store_batch_add_equipment (batch, scale, &error)
                       : rk_store_add_equipment (store, scale, &error);
        g_assert_no_error (error);
        g_string_append_printf (ids, "item %" G_GINT64_FORMAT "\n", item);
      }
      for (int k = 0; k < 3; k++)
        {
          RkClosingKind kind = k == 0 ? RK_CLOSING_YEARLY : k == 1 ? RK_CLOSING_WEEKDAY
                                                                   : RK_CLOSING_DATE;
          int start = k == 0 ? 1229 : (int) rk_day_from_ymd (2027, 1, 12 + v);
          int end = k == 0 ? 103 : start;

          id = batched ? rk_store_batch_add_closing (batch, venue, kind, start, end, 7,
                                                     k ? "施設点検" : "年末年始", &error)
                       : rk_store_add_closing (store, venue, kind, start, end, 7,
                                               k ? "施設点検" : "年末年始", &error);
          g_assert_no_error (error);
          g_string_append_printf (ids, "closing %" G_GINT64_FORMAT "\n", id);
        }
    }
  for (int i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(RkStaff) s = rk_staff_new ();
      g_autofree char *name = g_strdup_printf ("佐藤 花子%d", i);

      g_object_set (s, "name", name, "kana", "さとう はなこ",
                    "role", i % 3 ? "hub_staff" : "midwife", "phone", i % 2 ? "090-0000-0000" : NULL,
                    NULL);
      person = batched ? rk_store_batch_add_staff (batch, s, &error)
                       : rk_store_add_staff (store, s, &error);
      g_assert_no_error (error);
      g_string_append_printf (ids, "staff %" G_GINT64_FORMAT "\n", person);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(RkProgram) p = rk_program_new ();

      g_object_set (p, "name", i ? "離乳食教室（新）" : "両親学級（新）", "duration", 90 + 30 * i,
                    "color", "#E57373", "audience", "妊婦さん",
                    "requirements", i ? "hub_staff=1,midwife=1" : "hub_staff=2,public_health_nurse=1",
                    "staff-only", i == 1, NULL);
      program = batched ? rk_store_batch_add_program (batch, p, &error)
                        : rk_store_add_program (store, p, &error);
      g_assert_no_error (error);
      g_string_append_printf (ids, "program %" G_GINT64_FORMAT "\n", program);
    }
  /* Rows naming the new ones. */
  {
    g_autoptr(RkEvent) e = rk_event_new ();
    g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
    RkMinute away = rk_minute_make (rk_day_from_ymd (2027, 1, 6), 0);

    g_array_append_val (items, item);
    g_object_set (e, "program-id", program, "room-id", room, "start", "2027-01-05T10:00",
                  "end", "2027-01-05T11:30", "rrule", "FREQ=WEEKLY;COUNT=4", NULL);
    id = batched ? rk_store_batch_add_event (batch, e, items, NULL, -1, &error)
                 : rk_store_add_event (store, e, items, &error);
    g_assert_no_error (error);
    g_assert_true (batched ? rk_store_batch_assignment (batch, id, person, 0, FALSE, FALSE, &error)
                           : rk_store_assign (store, id, person, 0, FALSE, &error));
    g_assert_no_error (error);
    if (batched)
      g_assert_true (rk_store_batch_unavailability (batch, person, away,
                                                    away + RK_MINUTES_PER_DAY, "研修", &error));
    else
      g_assert_cmpint (rk_store_add_unavailability (store, person, away,
                                                    away + RK_MINUTES_PER_DAY, "研修", &error),
                       >, 0);
    g_assert_no_error (error);
  }
  if (batched)
    g_assert_true (rk_store_batch_flush (batch, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_reference_rows (void)
{
  static const char * const lists[][2] = {
    { "venue", "list" }, { "room", "list" }, { "equipment", "list" }, { "staff", "list" },
    { "program", "list" },
  };
  g_autofree char *one_path = NULL, *many_path = NULL;
  Refs refs;
  g_autoptr(RkStore) one = demo_store (&one_path, &refs);
  g_autoptr(RkStore) many = demo_store (&many_path, &refs);
  g_autoptr(GString) one_ids = g_string_new (NULL), many_ids = g_string_new (NULL);

  write_reference (one, FALSE, one_ids);
  write_reference (many, TRUE, many_ids);
  g_assert_cmpstr (one_ids->str, ==, many_ids->str);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *a = rk_test_cli_ok (one_path, TODAY, lists[i][0], lists[i][1], "--json",
                                           NULL);
      g_autofree char *b = rk_test_cli_ok (many_path, TODAY, lists[i][0], lists[i][1], "--json",
                                           NULL);

      g_assert_nonnull (strstr (a, i == 4 ? "離乳食教室（新）" : i == 3 ? "佐藤 花子259"
                                   : i == 1 ? "相談室" : "ふたば子育てひろば"));
      g_assert_cmpstr (a, ==, b);
    }
  /* The closing days, the event, its staff and the period away: the month
   * as the schedule shows it, and each one's next row numbered on. */
  {
    g_autofree char *a = rk_test_cli_ok (one_path, TODAY, "event", "list", "--from", "2027-01-01",
                                         "--to", "2027-01-31", "--json", NULL);
    g_autofree char *b = rk_test_cli_ok (many_path, TODAY, "event", "list", "--from",
                                         "2027-01-01", "--to", "2027-01-31", "--json", NULL);
    g_autofree char *c = NULL, *d = NULL;
    g_autofree char *x = rk_test_cli_ok (one_path, TODAY, "venue", "add", "--name", "次の会場",
                                         NULL);
    g_autofree char *y = rk_test_cli_ok (many_path, TODAY, "venue", "add", "--name", "次の会場",
                                         NULL);
    g_autofree char *p = rk_test_cli_ok (one_path, TODAY, "staff", "add", "--name", "次の人",
                                         "--role", "midwife", NULL);
    g_autofree char *q = rk_test_cli_ok (many_path, TODAY, "staff", "add", "--name", "次の人",
                                         "--role", "midwife", NULL);

    g_assert_nonnull (strstr (a, "離乳食教室（新）"));
    g_assert_cmpstr (a, ==, b);
    g_assert_cmpint (rk_test_cli (one_path, TODAY, &c, NULL, "check", "--from", "2027-01-01",
                                  "--to", "2027-01-31", "--json", NULL), ==,
                     rk_test_cli (many_path, TODAY, &d, NULL, "check", "--from", "2027-01-01",
                                  "--to", "2027-01-31", "--json", NULL));
    g_assert_nonnull (strstr (c, "2027-01"));
    g_assert_cmpstr (c, ==, d);
    g_assert_cmpstr (x, ==, y);
    g_assert_cmpstr (p, ==, q);
  }
}

/* A refused reference row gives its one-row twin's message and is not
 * kept. */
static void
test_reference_errors (void)
{
  g_autofree char *path = NULL;
  Refs refs;
  g_autoptr(RkStore) store = demo_store (&path, &refs);
  g_autoptr(RkStoreBatch) batch = rk_store_batch_new (store);
  g_autoptr(GError) one = NULL, many = NULL, error = NULL;
  g_autoptr(RkRoom) room = rk_room_new ();
  g_autoptr(RkVenue) blank = rk_venue_new ();
  g_autoptr(RkProgram) program = rk_program_new ();
  g_autoptr(RkStaff) nobody = rk_staff_new ();
  g_autoptr(RkVenue) good = rk_venue_new ();
  g_autofree char *before = rk_test_cli_ok (path, TODAY, "venue", "list", "--json", NULL);
  g_autofree char *after = NULL;

  g_assert_true (rk_store_begin (store, &error));
  g_object_set (room, "venue-id", (gint64) 987654, "name", "相談室", NULL);
  g_assert_cmpint (rk_store_add_room (store, room, &one), ==, 0);
  g_assert_cmpint (rk_store_batch_add_room (batch, room, &many), ==, 0);
  g_assert_cmpstr (many->message, ==, one->message);
  g_assert_nonnull (strstr (many->message, "987654"));
  g_clear_error (&one);
  g_clear_error (&many);
  g_assert_cmpint (rk_store_add_closing (store, 987654, RK_CLOSING_WEEKDAY, 0, 0, 7, NULL, &one),
                   ==, 0);
  g_assert_cmpint (rk_store_batch_add_closing (batch, 987654, RK_CLOSING_WEEKDAY, 0, 0, 7, NULL,
                                               &many), ==, 0);
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);
  g_object_set (blank, "name", "  ", NULL);
  g_assert_cmpint (rk_store_add_venue (store, blank, &one), ==, 0);
  g_assert_cmpint (rk_store_batch_add_venue (batch, blank, &many), ==, 0);
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);
  g_object_set (program, "name", "講座", "duration", 60, "color", "red", NULL);
  g_assert_cmpint (rk_store_add_program (store, program, &one), ==, 0);
  g_assert_cmpint (rk_store_batch_add_program (batch, program, &many), ==, 0);
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);
  g_object_set (nobody, "name", "佐藤", "role", "wizard", NULL);
  g_assert_cmpint (rk_store_add_staff (store, nobody, &one), ==, 0);
  g_assert_cmpint (rk_store_batch_add_staff (batch, nobody, &many), ==, 0);
  g_assert_cmpstr (many->message, ==, one->message);
  g_clear_error (&one);
  g_clear_error (&many);

  /* Nothing refused was kept: a good row goes in after them. */
  g_object_set (good, "name", "あおば子育て支援センター（分室）", NULL);
  g_assert_cmpint (rk_store_batch_add_venue (batch, good, &error), >, 0);
  g_assert_true (rk_store_batch_flush (batch, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
  after = rk_test_cli_ok (path, TODAY, "venue", "list", "--json", NULL);
  g_assert_cmpuint (strlen (after), >, strlen (before));
  g_assert_nonnull (strstr (after, "（分室）"));
  g_assert_null (strstr (after, "987654"));
}

/* An import of many events, some new, one already there, one named twice
 * in the file, one cancelled: each written as before. */
static void
test_import (void)
{
  g_autofree char *path = NULL;
  Refs refs;
  g_autoptr(RkStore) store = demo_store (&path, &refs);
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n");
  g_auto (RkImportStats) stats = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *events;
  guint imported = 0, cancelled = 0, late = 0;
  const char *earlier = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
                        "BEGIN:VEVENT\r\nUID:imp-005@renkei.test\r\n"
                        "DTSTAMP:20260101T000000Z\r\n"
                        "DTSTART;TZID=Asia/Tokyo:20270301T090000\r\n"
                        "DTEND;TZID=Asia/Tokyo:20270301T100000\r\n"
                        "SUMMARY:前の題\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

  for (int i = 0; i < 600; i++)
    g_string_append_printf (ics,
                            "BEGIN:VEVENT\r\nUID:imp-%03d@renkei.test\r\nSEQUENCE:%d\r\n"
                            "DTSTAMP:20260101T000000Z\r\n"
                            "DTSTART;TZID=Asia/Tokyo:202702%02dT%02d0000\r\n"
                            "DTEND;TZID=Asia/Tokyo:202702%02dT%02d3000\r\n"
                            "SUMMARY:講座 %d\r\n%sEND:VEVENT\r\n",
                            i, i % 3, 1 + i % 28, 9 + i % 8, 1 + i % 28, 9 + i % 8, i,
                            i == 7 ? "STATUS:CANCELLED\r\n" : "");
  g_string_append (ics, "END:VCALENDAR\r\n");

  /* One of them is there already. */
  g_assert_true (rk_store_begin (store, &error));
  g_assert_true (rk_ical_import (store, earlier, strlen (earlier), &stats, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
  rk_import_stats_clear (&stats);
  memset (&stats, 0, sizeof stats);

  g_assert_true (rk_store_begin (store, &error));
  g_assert_true (rk_ical_import (store, ics->str, ics->len, &stats, &error));
  g_assert_no_error (error);
  g_assert_true (rk_store_commit (store, &error));
  g_assert_cmpuint (stats.created, ==, 599);
  g_assert_cmpuint (stats.updated, ==, 1);

  out = rk_test_cli_ok (path, TODAY, "event", "list", "--from", "2027-02-01", "--to",
                        "2027-03-31", "--json", NULL);
  node = rk_test_json (out);
  events = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *o = json_array_get_object_element (events, i);

      if (!g_str_has_prefix (json_object_get_string_member (o, "title"), "講座 "))
        continue;   /* the demo's own */
      imported++;
      cancelled += g_strcmp0 (json_object_get_string_member (o, "status"), "cancelled") == 0;
      late += g_str_has_prefix (json_object_get_string_member (o, "date"), "2027-03");
    }
  g_assert_cmpuint (imported, ==, 600);
  g_assert_cmpuint (cancelled, ==, 1);
  g_assert_cmpuint (late, ==, 0);
  {
    g_autofree char *ics_out = rk_test_cli_ok (path, TODAY, "export", "--month", "2027-02",
                                               "--format", "ics", "-o", "-", NULL);
    g_assert_nonnull (strstr (ics_out, "UID:imp-599@renkei.test"));
    g_assert_nonnull (strstr (ics_out, "SEQUENCE:2"));
  }
}

int
main (int argc, char **argv)
{
  rk_test_init (&argc, &argv);
  g_test_add_func ("/batch/same-rows", test_same_rows);
  g_test_add_func ("/batch/errors", test_errors);
  g_test_add_func ("/batch/error-told-later", test_error_told_later);
  g_test_add_func ("/batch/import", test_import);
  g_test_add_func ("/batch/reference-rows", test_reference_rows);
  g_test_add_func ("/batch/reference-errors", test_reference_errors);
  return g_test_run ();
}
