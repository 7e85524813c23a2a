#pragma once

#include "rk-store.h"

G_BEGIN_DECLS

/* A venue's notice for one month (お知らせ): the few lines a hub prints in
 * a box on that month's schedule — parking, how to book, what to bring, a
 * closing ahead (rk-store-notices.c). */

/* The longest notice, in characters: the box sits under the calendar. */
#define RK_NOTICE_MAX_CHARS 400
#define RK_NOTICE_MAX_LINES 8

/* text as it is stored: line breaks as \n, each line's trailing blanks and
 * blank lines at either end dropped. NULL and RK_ERROR_INVALID when nothing
 * is left, it is too long, or it holds control characters. */
char       *rk_notice_normalize          (const char *text, GError **error);

/* The notice of venue_id for the month, or NULL without an error when it
 * has none. */
char       *rk_store_get_venue_notice    (RkStore *self, gint64 venue_id, int year, int month,
                                          GError **error);
/* Sets (text) or removes (NULL) the notice, inside a transaction.
 * RK_ERROR_NOT_FOUND for a venue that does not exist, or when removing a
 * notice that is not there; RK_ERROR_INVALID for text rk_notice_normalize
 * refuses. */
gboolean    rk_store_set_venue_notice    (RkStore *self, gint64 venue_id, int year, int month,
                                          const char *text, GError **error);
/* Every venue's notice for the month: venue id (gint64 *) → text. */
GHashTable *rk_store_list_venue_notices  (RkStore *self, int year, int month, GError **error);

G_END_DECLS
