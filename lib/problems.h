/* Private: collecting every problem in an input before giving up, so a
 * user sees all of them at once (one `file:line:col: message` a line). */
#ifndef BL_PROBLEMS_H
#define BL_PROBLEMS_H

#include "common.h"

typedef struct {
  const char *file;
  GString *text;
  guint count;
  guint first_line;
} BlProblems;

#define BL_PROBLEMS_MAX 50

void bl_problems_init (BlProblems *p, const char *file);
void bl_problems_clear (BlProblems *p);
void bl_problems_add (BlProblems *p, guint line, guint col,
                      const char *fmt, ...) G_GNUC_PRINTF (4, 5);
/* Adds a ready-made message that already carries its own position. */
void bl_problems_add_raw (BlProblems *p, guint line, const char *message);
/* Returns: FALSE and sets @error (domain BL_ERROR, @code) when there was
 * at least one problem; TRUE otherwise.  Clears @p either way. */
gboolean bl_problems_finish (BlProblems *p, int code, GError **error);

/* The line of a "file:line:…" message, 0 if it has none. */
guint bl_problems_message_line (const char *message);

#endif
