#include "problems.h"

#include <stdlib.h>
#include <string.h>

void
bl_problems_init (BlProblems *p, const char *file)
{
  p->file = file;
  p->text = g_string_new (NULL);
  p->count = 0;
  p->first_line = 0;
}

void
bl_problems_clear (BlProblems *p)
{
  if (p->text)
    g_string_free (p->text, TRUE);
  p->text = NULL;
}

void
bl_problems_add_raw (BlProblems *p, guint line, const char *message)
{
  if (p->count == 0)
    p->first_line = line;
  if (p->count++ >= BL_PROBLEMS_MAX)
    return;
  if (p->text->len)
    g_string_append_c (p->text, '\n');
  g_string_append (p->text, message);
}

void
bl_problems_add (BlProblems *p, guint line, guint col, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  g_autofree char *full = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (col)
    full = g_strdup_printf ("%s:%u:%u: %s", p->file, line, col, msg);
  else if (line)
    full = g_strdup_printf ("%s:%u: %s", p->file, line, msg);
  else
    full = g_strdup_printf ("%s: %s", p->file, msg);
  bl_problems_add_raw (p, line, full);
}

gboolean
bl_problems_finish (BlProblems *p, int code, GError **error)
{
  gboolean ok = p->count == 0;

  if (!ok)
    {
      if (p->count > BL_PROBLEMS_MAX)
        g_string_append_printf (p->text, "\n%s: %u more problems not shown",
                                p->file, p->count - BL_PROBLEMS_MAX);
      g_set_error_literal (error, BL_ERROR, code, p->text->str);
    }
  bl_problems_clear (p);
  return ok;
}

guint
bl_problems_message_line (const char *message)
{
  /* Skip the file name: the line is the first ":<digits>:" or ":<digits>"
   * at the end of the first line. */
  for (const char *s = strchr (message, ':'); s; s = strchr (s + 1, ':'))
    if (g_ascii_isdigit (s[1]))
      {
        char *end;
        unsigned long v = strtoul (s + 1, &end, 10);
        if (*end == ':' || *end == '\0' || *end == '\n')
          return (guint) v;
      }
  return 0;
}
