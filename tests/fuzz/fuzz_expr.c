/* Fuzz target: the rule expression lexer and parser.  Each input is one
 * expression; errors must come with a message, successes with a tree. */

/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "expr.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *src = g_malloc (size + 1);
  GError *error = NULL;
  BlExpr *e;

  memcpy (src, data, size);
  src[size] = '\0';
  e = bl_expr_parse (src, "fuzz.yaml", 1, 1, &error);
  if (e != NULL ? (error != NULL || e->root == NULL) : error == NULL)
    abort ();
  bl_expr_free (e);
  g_clear_error (&error);
  g_free (src);
  return 0;
}
