#include <glib-object.h>

#include "rk-entities.h"

static GType
entity_type (guint i)
{
  switch (i)
    {
    case 0: return RK_TYPE_STAFF;
    case 1: return RK_TYPE_VENUE;
    case 2: return RK_TYPE_ROOM;
    case 3: return RK_TYPE_EQUIPMENT;
    case 4: return RK_TYPE_PROGRAM;
    case 5: return RK_TYPE_EVENT;
    case 6: return RK_TYPE_OCCURRENCE;
    case 7: return RK_TYPE_ASSIGNMENT;
    case 8: return RK_TYPE_PROBLEM;
    default: return G_TYPE_INVALID;
    }
}

typedef struct
{
  guint count;
  const char *last;
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyLog *log = user_data;

  g_assert_true (G_IS_OBJECT (object));
  log->count++;
  log->last = g_param_spec_get_name (pspec);
}

/* A value of the property's type that differs from the one it holds now. */
static void
other_value (GObject    *object,
             GParamSpec *pspec,
             GValue     *out)
{
  g_auto (GValue) now = G_VALUE_INIT;

  g_value_init (&now, pspec->value_type);
  g_object_get_property (object, pspec->name, &now);
  g_value_init (out, pspec->value_type);

  switch (pspec->value_type)
    {
    case G_TYPE_STRING:
      g_value_set_string (out, g_strcmp0 (g_value_get_string (&now), "a") == 0 ? "b" : "a");
      break;
    case G_TYPE_INT:
      g_value_set_int (out, g_value_get_int (&now) + 1);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (out, g_value_get_int64 (&now) + 1);
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (out, !g_value_get_boolean (&now));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* What a fresh object holds must match what its pspec advertises, so a list
 * view or a GtkBuilder default never disagrees with the C getters. */
static void
test_defaults_match_pspecs (void)
{
  for (guint i = 0; entity_type (i) != G_TYPE_INVALID; i++)
    {
      g_autoptr (GObject) object = g_object_new (entity_type (i), NULL);
      g_autofree GParamSpec **pspecs = NULL;
      guint n;

      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
      g_assert_cmpuint (n, >, 0);
      for (guint j = 0; j < n; j++)
        {
          g_auto (GValue) value = G_VALUE_INIT;

          g_value_init (&value, pspecs[j]->value_type);
          g_object_get_property (object, pspecs[j]->name, &value);
          if (!g_param_value_defaults (pspecs[j], &value))
            g_error ("%s:%s is not at its default", G_OBJECT_TYPE_NAME (object), pspecs[j]->name);
        }
    }
}

static void
test_defaults (void)
{
  g_autoptr (RkStaff) staff = rk_staff_new ();
  g_autoptr (RkVenue) venue = rk_venue_new ();
  g_autoptr (RkProgram) program = rk_program_new ();
  g_autoptr (RkEvent) event = rk_event_new ();
  g_autoptr (RkEquipment) equipment = rk_equipment_new ();
  g_autoptr (RkProblem) problem = rk_problem_new ();

  g_assert_true (rk_staff_get_active (staff));
  g_assert_cmpint (rk_staff_get_id (staff), ==, 0);
  g_assert_null (rk_staff_get_name (staff));
  g_assert_cmpstr (rk_venue_get_kind (venue), ==, "hub");
  g_assert_false (rk_venue_get_closed_on_holidays (venue));
  g_assert_cmpint (rk_program_get_duration (program), ==, 120);
  g_assert_cmpint (rk_event_get_capacity (event), ==, -1);
  g_assert_false (rk_event_get_tentative (event));
  g_assert_null (rk_event_get_on_holiday (event));
  g_assert_cmpint (rk_equipment_get_venue_id (equipment), ==, 0);
  g_assert_nonnull (rk_problem_get_event_ids (problem));
  g_assert_cmpuint (rk_problem_get_event_ids (problem)->len, ==, 0);
}

static void
test_round_trip (void)
{
  g_autoptr (RkRoom) room = rk_room_new ();
  g_autoptr (RkEvent) event = rk_event_new ();
  g_autoptr (RkOccurrence) occ = rk_occurrence_new ();
  g_autoptr (RkAssignment) assignment = rk_assignment_new ();
  g_autofree char *name = g_strdup ("プレイルーム");
  g_autofree char *venue_name = NULL;
  gint64 venue_id = 0;
  int count = 0;

  rk_room_set_name (room, name);
  name[0] = 'X';
  g_assert_cmpstr (rk_room_get_name (room), ==, "プレイルーム");
  rk_room_set_venue_id (room, G_GINT64_CONSTANT (9000000000));
  rk_room_set_venue_name (room, "中央子育て支援センター");
  rk_room_set_capacity (room, 24);
  g_object_get (room, "venue-id", &venue_id, "venue-name", &venue_name, "capacity", &count, NULL);
  g_assert_cmpint (venue_id, ==, G_GINT64_CONSTANT (9000000000));
  g_assert_cmpstr (venue_name, ==, "中央子育て支援センター");
  g_assert_cmpint (count, ==, 24);

  g_object_set (event, "start", "2025-04-10T10:00", "on-holiday", "skip", "capacity", 15,
                "tentative", TRUE, NULL);
  g_assert_cmpstr (rk_event_get_start (event), ==, "2025-04-10T10:00");
  g_assert_cmpstr (rk_event_get_on_holiday (event), ==, "skip");
  g_assert_cmpint (rk_event_get_capacity (event), ==, 15);
  g_assert_true (rk_event_get_tentative (event));
  rk_event_set_on_holiday (event, NULL);
  g_assert_null (rk_event_get_on_holiday (event));

  rk_occurrence_set_moved_from (occ, "2025-04-29");
  rk_occurrence_set_problem_count (occ, 2);
  rk_occurrence_set_status (occ, "cancelled");
  g_assert_cmpstr (rk_occurrence_get_moved_from (occ), ==, "2025-04-29");
  g_assert_cmpint (rk_occurrence_get_problem_count (occ), ==, 2);
  g_assert_cmpstr (rk_occurrence_get_status (occ), ==, "cancelled");

  rk_assignment_set_staff_id (assignment, 7);
  rk_assignment_set_date (assignment, NULL);
  rk_assignment_set_tentative (assignment, 5);
  g_assert_cmpint (rk_assignment_get_staff_id (assignment), ==, 7);
  g_assert_null (rk_assignment_get_date (assignment));
  g_assert_true (rk_assignment_get_tentative (assignment) == TRUE);
}

static void
test_property_names (void)
{
  static const struct { guint type; const char *name; } expected[] = {
    { 0, "kana" }, { 1, "closed-on-holidays" }, { 2, "venue-name" }, { 3, "venue-id" },
    { 4, "requirements" }, { 5, "program-id" }, { 5, "on-holiday" }, { 5, "rrule" },
    { 6, "moved-from" }, { 6, "problem-count" }, { 6, "room-name" }, { 7, "staff-name" },
    { 8, "equipment-id" }, { 8, "needed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GObjectClass *klass = g_type_class_ref (entity_type (expected[i].type));

      g_assert_nonnull (g_object_class_find_property (klass, expected[i].name));
      g_type_class_unref (klass);
    }

  {
    GObjectClass *klass = g_type_class_ref (RK_TYPE_PROBLEM);

    g_assert_null (g_object_class_find_property (klass, "event-ids"));
    g_type_class_unref (klass);
  }
}

/* Every property notifies once on a change and stays silent when set to the
 * value it already holds: bound list rows must not redraw for nothing. */
static void
test_notify_all (void)
{
  for (guint i = 0; entity_type (i) != G_TYPE_INVALID; i++)
    {
      g_autoptr (GObject) object = g_object_new (entity_type (i), NULL);
      g_autofree GParamSpec **pspecs = NULL;
      NotifyLog log = { 0, NULL };
      guint n;

      g_signal_connect (object, "notify", G_CALLBACK (on_notify), &log);
      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
      for (guint j = 0; j < n; j++)
        {
          GParamSpec *pspec = pspecs[j];
          g_auto (GValue) value = G_VALUE_INIT;
          g_auto (GValue) back = G_VALUE_INIT;

          g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
          g_assert_cmpint (pspec->flags & G_PARAM_READWRITE, ==, G_PARAM_READWRITE);

          other_value (object, pspec, &value);
          log.count = 0;
          g_object_set_property (object, pspec->name, &value);
          g_assert_cmpuint (log.count, ==, 1);
          g_assert_cmpstr (log.last, ==, pspec->name);

          g_value_init (&back, pspec->value_type);
          g_object_get_property (object, pspec->name, &back);
          g_assert_cmpint (g_param_values_cmp (pspec, &value, &back), ==, 0);

          log.count = 0;
          g_object_set_property (object, pspec->name, &value);
          g_assert_cmpuint (log.count, ==, 0);
        }
    }
}

static void
test_notify_setters (void)
{
  g_autoptr (RkStaff) staff = rk_staff_new ();
  NotifyLog log = { 0, NULL };

  g_signal_connect (staff, "notify::name", G_CALLBACK (on_notify), &log);
  rk_staff_set_name (staff, "山田 花子");
  g_assert_cmpuint (log.count, ==, 1);
  rk_staff_set_name (staff, "山田 花子");
  g_assert_cmpuint (log.count, ==, 1);
  rk_staff_set_name (staff, NULL);
  g_assert_cmpuint (log.count, ==, 2);
  rk_staff_set_name (staff, NULL);
  g_assert_cmpuint (log.count, ==, 2);

  g_signal_connect (staff, "notify::active", G_CALLBACK (on_notify), &log);
  log.count = 0;
  rk_staff_set_active (staff, TRUE);
  g_assert_cmpuint (log.count, ==, 0);
  rk_staff_set_active (staff, FALSE);
  g_assert_cmpuint (log.count, ==, 1);

  g_signal_connect (staff, "notify::version", G_CALLBACK (on_notify), &log);
  log.count = 0;
  rk_staff_set_version (staff, 3);
  rk_staff_set_version (staff, 3);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpint (rk_staff_get_version (staff), ==, 3);
}

static void
test_problem_event_ids (void)
{
  g_autoptr (RkProblem) problem = rk_problem_new ();
  const GArray *ids;

  rk_problem_add_event_id (problem, 12);
  rk_problem_add_event_id (problem, 40);
  rk_problem_add_event_id (problem, 12);
  ids = rk_problem_get_event_ids (problem);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 12);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 40);

  rk_problem_set_kind (problem, "understaffed");
  rk_problem_set_role (problem, "nurse");
  rk_problem_set_needed (problem, 2);
  rk_problem_set_assigned (problem, 1);
  g_assert_cmpstr (rk_problem_get_kind (problem), ==, "understaffed");
  g_assert_cmpstr (rk_problem_get_role (problem), ==, "nurse");
  g_assert_cmpint (rk_problem_get_needed (problem), ==, 2);
  g_assert_cmpint (rk_problem_get_assigned (problem), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entities/defaults", test_defaults);
  g_test_add_func ("/entities/defaults-match-pspecs", test_defaults_match_pspecs);
  g_test_add_func ("/entities/round-trip", test_round_trip);
  g_test_add_func ("/entities/property-names", test_property_names);
  g_test_add_func ("/entities/notify-all", test_notify_all);
  g_test_add_func ("/entities/notify-setters", test_notify_setters);
  g_test_add_func ("/entities/problem-event-ids", test_problem_event_ids);

  return g_test_run ();
}
