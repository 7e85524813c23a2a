#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <string.h>

#include "rk-search.h"

char *
rk_text_fold (const char *text,
              gboolean    without_spaces)
{
  g_autofree char *norm = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  norm = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (norm == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (norm, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* ァ..ヶ read the same as ぁ..ゖ: people type either. */
      if (c >= 0x30A1 && c <= 0x30F6)
        c -= 0x60;
      if (without_spaces && (g_unichar_isspace (c) || c == 0x30FB /* ・ */))
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
rk_search_fold (const char *text)
{
  return rk_text_fold (text, TRUE);
}

static void
append_field (GString *hay, const char *text)
{
  g_autofree char *folded = rk_search_fold (text);

  g_string_append (hay, folded);
  g_string_append_c (hay, '\n');
}

static void
append_staff (GString *hay, RkSchedule *schedule, gint64 staff_id)
{
  RkSStaff *p = g_hash_table_lookup (schedule->staff, &staff_id);

  if (p == NULL)
    return;
  append_field (hay, p->name);
  append_field (hay, p->kana);
}

static void
event_fields (GString *hay, const RkSEvent *e)
{
  append_field (hay, rk_sevent_title (e));
  if (e->program)
    append_field (hay, e->program->name);
  if (e->room)
    {
      append_field (hay, e->room->name);
      if (e->room->venue)
        append_field (hay, e->room->venue->name);
    }
}

static void
occ_clear (gpointer data)
{
  g_clear_pointer (&((RkOcc *) data)->reason, g_free);
}

static int
occ_compare (gconstpointer a, gconstpointer b)
{
  const RkOcc *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->event->id > y->event->id) - (x->event->id < y->event->id);
}

static gboolean
matches_all (const char *hay, char **words)
{
  for (guint i = 0; words[i]; i++)
    if (*words[i] && strstr (hay, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

GArray *
rk_schedule_search (RkSchedule *schedule,
                    const char *query,
                    RkDay       from,
                    RkDay       to,
                    guint       limit,
                    GError    **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (RkOcc));
  /* Compatibility forms first: the ideographic space becomes a space. */
  g_autofree char *norm = g_utf8_normalize (query ? query : "", -1, G_NORMALIZE_ALL_COMPOSE);
  g_auto(GStrv) raw = g_strsplit_set (norm ? norm : "", " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) hay = g_string_new (NULL);
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_words = 0;

  for (guint i = 0; raw[i]; i++)
    {
      char *w = rk_search_fold (raw[i]);
      if (*w)
        n_words++;
      g_ptr_array_add (words, w);
    }
  g_ptr_array_add (words, NULL);
  if (n_words == 0)
    return g_steal_pointer (&out);

  for (guint i = 0; i < schedule->events->len; i++)
    {
      RkSEvent *e = g_ptr_array_index (schedule->events, i);
      g_autoptr(GArray) occs = NULL;
      g_autofree char *base = NULL;

      /* The event with everyone ever on it: if even that misses a word,
       * none of its occurrences can match. */
      g_string_truncate (hay, 0);
      event_fields (hay, e);
      base = g_strdup (hay->str);
      for (guint a = 0; e->assigns && a < e->assigns->len; a++)
        append_staff (hay, schedule, g_array_index (e->assigns, RkSAssign, a).staff_id);
      if (!matches_all (hay->str, (char **) words->pdata))
        continue;

      occs = rk_event_expand (schedule, e, from, to, error);
      if (occs == NULL)
        return NULL;
      for (guint k = 0; k < occs->len; k++)
        {
          RkOcc *occ = &g_array_index (occs, RkOcc, k);

          if (occ->status == RK_OCC_SKIPPED)
            continue;
          g_string_assign (hay, base);
          g_array_set_size (staff, 0);
          rk_occ_staff (occ, staff);
          for (guint s = 0; s < staff->len; s++)
            append_staff (hay, schedule, g_array_index (staff, gint64, s));
          if (!matches_all (hay->str, (char **) words->pdata))
            continue;
          g_array_append_val (out, *occ);
          occ->reason = NULL;     /* now owned by OUT */
        }
    }
  g_array_sort (out, occ_compare);
  if (limit && out->len > limit)
    {
      for (guint i = limit; i < out->len; i++)
        g_free (g_array_index (out, RkOcc, i).reason);
      g_array_set_size (out, limit);
    }
  g_array_set_clear_func (out, occ_clear);
  return g_steal_pointer (&out);
}
