#define G_LOG_DOMAIN "renkei"
#include "config.h"

#include <string.h>

#include "rk-tooltip.h"

#define WORD_JOINER 0x2060

static gboolean
is_cjk (gunichar c)
{
  return c >= 0x2E80 && c != WORD_JOINER;
}

static gboolean
breaks_after (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3001 /* 、 */ || c == 0x3002 /* 。 */ ||
         c == 0xFF0C /* ， */ || c == 0xFF0E /* ． */;
}

char *
rk_tooltip_unbreakable (const char *text)
{
  GString *out;
  gboolean any_cjk = FALSE;

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == WORD_JOINER)
        return g_strdup (text);
      any_cjk = any_cjk || is_cjk (c);
    }
  if (!any_cjk || !g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  out = g_string_sized_new (strlen (text) * 2);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gunichar n = *next ? g_utf8_get_char (next) : 0;

      g_string_append_unichar (out, c);
      if (n && !breaks_after (c) && !g_unichar_isspace (n) && (is_cjk (c) || is_cjk (n)))
        g_string_append_unichar (out, WORD_JOINER);
    }
  return g_string_free (out, FALSE);
}

static GQuark
lazy_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("rk-tooltip-lazy");
  return quark;
}

static gboolean
query_lazy (GtkWidget  *widget,
            int         x,
            int         y,
            gboolean    keyboard_tooltip,
            GtkTooltip *tooltip,
            gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), lazy_quark ());
  g_autofree char *shown = NULL;

  if (text == NULL)
    return FALSE;
  shown = rk_tooltip_unbreakable (text);
  gtk_tooltip_set_text (tooltip, shown);
  return TRUE;
}

void
rk_tooltip_set_lazy (GtkWidget  *widget,
                     const char *text)
{
  GQuark quark = lazy_quark ();
  const char *old = g_object_get_qdata (G_OBJECT (widget), quark);

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (old, text) == 0)
    return;
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_lazy, NULL) == 0)
    {
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_lazy), NULL);
    }
  g_object_set_qdata_full (G_OBJECT (widget), quark, g_strdup (text), g_free);
  if (text)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
rk_tooltip_get_text (GtkWidget *widget)
{
  const char *lazy = g_object_get_qdata (G_OBJECT (widget), lazy_quark ());

  return lazy ? lazy : gtk_widget_get_tooltip_text (widget);
}

/* Runs before the widget's own query-tooltip handler shows its text. */
static gboolean
query_tooltip_hook (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);
  const char *text = gtk_widget_get_tooltip_text (widget);
  const char *markup = gtk_widget_get_tooltip_markup (widget);
  g_autofree char *joined = NULL;

  /* Markup of its own is left alone. */
  if (text == NULL || (markup && strchr (markup, '<')))
    return TRUE;
  joined = rk_tooltip_unbreakable (text);
  if (g_strcmp0 (joined, text) != 0)
    {
      gtk_widget_set_tooltip_text (widget, joined);
      /* Screen readers read the words, not the joiners. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  return TRUE;
}

char *
rk_tooltip_name (const char *tooltip)
{
  const char *open;
  char *name;

  if (tooltip == NULL || *tooltip == '\0')
    return NULL;
  name = g_strdup (tooltip);
  /* "New Event (Ctrl+N)": the key is said by the screen reader itself. */
  open = g_str_has_suffix (name, ")") ? strrchr (name, '(') : NULL;
  if (open && open > name && open[-1] == ' ')
    name[open - name - 1] = '\0';
  g_strdelimit (name, "\n", ' ');
  return name;
}

static GQuark named_quark;

/* GTK 4.8 reads a tooltip to screen readers as a description only: a
 * button that shows only an icon would have no name but its class's. It
 * gets its tooltip's words as its name when it is first shown. */
static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_params,
          const GValue          *params,
          gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);
  const char *tip;
  g_autofree char *name = NULL;

  if (!(GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) ||
      g_object_get_qdata (G_OBJECT (widget), named_quark))
    return TRUE;
  g_object_set_qdata (G_OBJECT (widget), named_quark, GINT_TO_POINTER (1));
  if (GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) != NULL
                             : gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    return TRUE;
  tip = gtk_widget_get_tooltip_text (widget);
  name = rk_tooltip_name (tip);
  if (name)
    {
      /* Without the word joiners the tooltip may have been given. */
      g_autoptr(GString) plain = g_string_new (name);

      g_string_replace (plain, "\u2060", "", 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      plain->str, -1);
    }
  return TRUE;
}

void
rk_tooltip_install (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0,
                                  query_tooltip_hook, NULL, NULL);
      named_quark = g_quark_from_static_string ("rk-tooltip-named");
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL,
                                  NULL);
      g_once_init_leave (&done, 1);
    }
}
