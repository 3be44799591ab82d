/* Fuzz target: bl_pdf_grid_read() on arbitrary bytes.  A grid or an
 * error must come back, never both, never neither; every cell of a grid
 * is valid UTF-8 with a sane extent. */

/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "input/input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_grid (const BlGrid *grid)
{
  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      if (row->line != i + 1 || row->page == 0 || row->cells->len == 0)
        abort ();
      for (guint k = 0; k < row->cells->len; k++)
        {
          const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
          if (!g_utf8_validate (c->text, -1, NULL) || c->text[0] == '\0'
              || !(c->x0 <= c->x1))
            abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *buf = g_malloc (size + 1);
  GError *error = NULL;
  BlGrid *grid;

  memcpy (buf, data, size);
  buf[size] = '\0';
  grid = bl_pdf_grid_read (buf, size, "fuzz.pdf", &error);
  if ((grid == NULL) == (error == NULL))
    abort ();
  if (grid != NULL)
    check_grid (grid);
  else if (!g_error_matches (error, BL_ERROR, BL_ERROR_INPUT))
    abort ();
  bl_grid_free (grid);
  g_clear_error (&error);
  g_free (buf);
  return 0;
}
