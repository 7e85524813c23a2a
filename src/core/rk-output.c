#define G_LOG_DOMAIN "renkei-core"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rk-error.h"
#include "rk-output.h"

static gboolean
fail (const char *path, const char *why, GError **error)
{
  g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write %s: %s"), path, why);
  return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Into a device or a pipe as it is: nothing to rename, nothing to chmod. */
static gboolean
write_into (const char *path, int fd, const void *data, gsize length, GError **error)
{
  gboolean ok = write_all (fd, data, length);
  int saved = errno;

  if (!ok)
    {
      if (fd > 2)
        close (fd);
      return fail (path, g_strerror (saved ? saved : EIO), error);
    }
  if (fd > 2 && close (fd) != 0)
    return fail (path, g_strerror (errno), error);
  return TRUE;
}

static mode_t
new_file_mode (void)
{
  mode_t mask = umask (0);

  umask (mask);
  return 0666 & ~mask;
}

/* The whole file or nothing: written beside the target, synced, renamed. */
static gboolean
replace_regular (const char *shown, const char *target, mode_t mode, const void *data,
                 gsize length, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *tmp = g_build_filename (dir, ".renkei-export-XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp, O_WRONLY, 0600);
  int saved;

  if (fd < 0)
    return fail (shown, g_strerror (errno), error);
  if (fchmod (fd, mode) != 0 || !write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      return fail (shown, g_strerror (saved ? saved : EIO), error);
    }
  if (close (fd) != 0 || g_rename (tmp, target) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      return fail (shown, g_strerror (saved), error);
    }
  return TRUE;
}

gboolean
rk_output_write_file (const char *path, const void *data, gsize length, gboolean private,
                      GError **error)
{
  g_autofree char *target = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL && *path, FALSE);

  if (g_strcmp0 (path, "-") == 0)
    {
      fflush (stdout);
      if (!write_all (STDOUT_FILENO, data, length))
        {
          g_set_error (error, RK_ERROR, RK_ERROR_INVALID, _("Cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  if (g_lstat (path, &st) != 0)
    {
      if (errno != ENOENT)
        return fail (path, g_strerror (errno), error);
      return replace_regular (path, path, private ? 0600 : new_file_mode (), data, length,
                              error);
    }
  if (S_ISLNK (st.st_mode))
    {
      /* Followed: the file the link points to is written, the link stays. */
      if (g_stat (path, &st) != 0)
        return fail (path, _("it is a link to a file that does not exist"), error);
      /* a pipe or device behind it is opened through the link (/dev/stdout) */
      target = S_ISREG (st.st_mode) ? realpath (path, NULL) : g_strdup (path);
      if (target == NULL)
        return fail (path, g_strerror (errno), error);
    }
  else
    target = g_strdup (path);

  if (S_ISDIR (st.st_mode))
    return fail (path, _("it is a folder; give a file name"), error);
  if (S_ISBLK (st.st_mode))
    return fail (path, _("it is a disk; give a file name"), error);
  if (S_ISSOCK (st.st_mode))
    return fail (path, _("it is a socket; give a file name"), error);
  if (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode))
    {
      fd = g_open (target, O_WRONLY | O_NOCTTY, 0);
      if (fd < 0)
        return fail (path, g_strerror (errno), error);
      return write_into (path, fd, data, length, error);
    }
  if (!S_ISREG (st.st_mode))
    return fail (path, _("it is not a file"), error);
  /* Root may write anything: the file's own mode says whether it is meant
   * to be changed. */
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || g_access (target, W_OK) != 0)
    return fail (path, _("the file is read-only; choose another name or make it writable"),
                 error);
  return replace_regular (path, target, private ? 0600 : (st.st_mode & 07777), data, length,
                          error);
}
