/* Where a command's output goes.
 *
 * A report must never be left half written where a reader looks for it,
 * and what the user names is what gets written — not replaced:
 *
 *  - a regular file, or a name that does not exist yet, is written to a
 *    temporary file beside it that is renamed over it once complete; a
 *    new file gets 0666 less the umask, a replaced one keeps its mode;
 *  - a symbolic link: the same, to the file it points to (the link
 *    stays a link);
 *  - anything else (/dev/null, /dev/stdout, a FIFO, a terminal) is
 *    written in place: renaming over it would replace the device, which
 *    as root (CI) turns /dev/null into a regular file.
 *
 * Every write is checked and so is the close, as coreutils' close_stdout
 * does: a full disk or a failed device is an error with a message, never
 * a silent success. */

#define _XOPEN_SOURCE 700     /* realpath(), fchmod() */

#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean stdout_failed;    /* said once already */

static void
report_error (const CliOutput *o, int err)
{
  if (o->path)
    {
      g_autofree char *name = g_filename_display_name (o->path);
      fprintf (stderr, "budgetlint: 无法写出 %s：%s\n", name, g_strerror (err));
    }
  else if (!stdout_failed)
    fprintf (stderr, "budgetlint: 无法写出标准输出：%s\n", g_strerror (err));
  stdout_failed |= o->path == NULL;
}

static mode_t
new_file_mode (void)
{
  mode_t mask = umask (0);
  umask (mask);
  return 0666 & ~mask;
}

gboolean
cli_output_open (CliOutput *o, const char *path)
{
  struct stat st;
  gboolean exists;
  int fd = -1;

  memset (o, 0, sizeof *o);
  if (path == NULL)
    {
      o->fp = stdout;
      return TRUE;
    }
  o->path = g_strdup (path);
  exists = stat (path, &st) == 0;
  /* a device, a FIFO; a link to nowhere (writing creates its target) */
  if ((exists && !S_ISREG (st.st_mode)) || (!exists && lstat (path, &st) == 0))
    {
      if ((o->fp = fopen (path, "w")) == NULL)
        return report_error (o, errno), FALSE;
      return TRUE;
    }
  if (exists)
    {
      char *real = realpath (path, NULL);    /* a link's target is replaced */
      o->target = g_strdup (real ? real : path);
      o->mode = st.st_mode & 07777;
      free (real);
    }
  else
    {
      o->target = g_strdup (path);
      o->mode = new_file_mode ();
    }
  o->tmp = g_strconcat (o->target, ".XXXXXX", NULL);
  if ((fd = g_mkstemp (o->tmp)) < 0 || (o->fp = fdopen (fd, "w")) == NULL)
    {
      int err = errno;
      if (fd >= 0)
        close (fd), unlink (o->tmp);
      g_clear_pointer (&o->tmp, g_free);
      return report_error (o, err), FALSE;
    }
  return TRUE;
}

void
cli_output_write (CliOutput *o, const char *buf, gsize len)
{
  if (len && !o->failed && fwrite (buf, 1, len, o->fp) != len)
    o->failed = errno ? errno : EIO;
}

gboolean
cli_output_close (CliOutput *o)
{
  int err = o->failed;

  if (fflush (o->fp) != 0 && !err)
    err = errno;
  if (ferror (o->fp) && !err)
    err = EIO;
  if (o->fp != stdout)
    {
      if (o->tmp && !err && fchmod (fileno (o->fp), o->mode) != 0)
        err = errno;
      if (fclose (o->fp) != 0 && !err)
        err = errno;
      if (o->tmp && !err && rename (o->tmp, o->target) != 0)
        err = errno;
      if (o->tmp && err)
        unlink (o->tmp);
    }
  if (err)
    report_error (o, err);
  g_free (o->path), g_free (o->target), g_free (o->tmp);
  memset (o, 0, sizeof *o);
  return err == 0;
}

gboolean
cli_write_file (const char *path, const GString *s)
{
  CliOutput o;
  if (!cli_output_open (&o, path))
    return FALSE;
  cli_output_write (&o, s->str, s->len);
  return cli_output_close (&o);
}

gboolean
cli_close_stdout (void)
{
  int err = 0;
  if (fflush (stdout) != 0)
    err = errno;
  if (ferror (stdout) && !err)
    err = EIO;
  if (fclose (stdout) != 0 && !err && errno != EBADF)
    err = errno;
  if (err && !stdout_failed)
    fprintf (stderr, "budgetlint: 无法写出标准输出：%s\n", g_strerror (err));
  return err == 0 && !stdout_failed;
}
