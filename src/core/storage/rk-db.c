#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rk-db.h"
#include "rk-error.h"

void
rk_db_close (RkDb *db)
{
  if (db == NULL)
    return;
  g_free (db->name);
  g_free (db->message);
  db->driver->close (db);
}

void
rk_db_record_error (RkDb *db, RkDbError kind, const char *message)
{
  db->error = kind;
  g_free (db->message);
  db->message = g_strdup (message ? message : "");
  g_strchomp (db->message);
}

gboolean
rk_db_set_error (RkDb *db, GError **error)
{
  const char *msg = db->message ? db->message : "";

  switch (db->error)
    {
    case RK_DB_ERR_BUSY:
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("The database %s is locked by another program for too long; "
                     "try again when the other coordinator has saved"),
                   db->name);
      break;
    case RK_DB_ERR_UNIQUE:
      g_set_error (error, RK_ERROR, RK_ERROR_DUPLICATE,
                   _("The change breaks a rule of the database (%s)"), msg);
      break;
    case RK_DB_ERR_FOREIGN_KEY:
      g_set_error (error, RK_ERROR, RK_ERROR_NOT_FOUND,
                   _("The change breaks a rule of the database (%s)"), msg);
      break;
    case RK_DB_ERR_CONSTRAINT:
      g_set_error (error, RK_ERROR, RK_ERROR_INVALID,
                   _("The change breaks a rule of the database (%s)"), msg);
      break;
    case RK_DB_ERR_NOT_A_DB:
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("%s is not a Renkei database or is damaged; open another file"),
                   db->name);
      break;
    case RK_DB_ERR_PERMISSION:
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("You may only read %s, not change it (%s); ask whoever runs the "
                     "database for a coordinator's access"),
                   db->name, msg);
      break;
    case RK_DB_ERR_SERIALIZATION:
      g_set_error (error, RK_ERROR, RK_ERROR_STALE,
                   _("Another coordinator saved a change at the same moment; "
                     "reload and try again"));
      break;
    case RK_DB_ERR_CONNECTION:
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE,
                   _("The connection to the database server %s was lost (%s); "
                     "check the network and try again"),
                   db->name, msg);
      break;
    case RK_DB_ERR_NONE:
    case RK_DB_ERR_OTHER:
    default:
      g_set_error (error, RK_ERROR, RK_ERROR_DATABASE, _("Database error: %s"), msg);
      break;
    }
  return FALSE;
}
