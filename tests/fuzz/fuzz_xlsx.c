/* Fuzz target: bl_xlsx_grid_read() on arbitrary bytes.  A grid or a
 * BL_ERROR_INPUT must come back, never both, never neither, and every cell
 * of a grid must be one recognition can use: non-empty UTF-8 text, a ref,
 * a positive extent, left to right within its row.
 *
 * Mutating a real .xlsx mostly breaks a CRC, so the XML behind it is
 * hardly reached.  An input that starts "xlsx-parts\n" is therefore a list
 * of parts, each "== name\n" then its text, which the target packs into a
 * zip before reading: the fuzzer then mutates the XML itself. */

/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "input/input.h"

#include <zip.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARTS_MAGIC "xlsx-parts\n"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Adds every "== name\n" part of @text (NUL-terminated, modified) to @z. */
static void
add_parts (zip_t *z, char *text)
{
  char *p = strstr (text, "== ");

  while (p != NULL)
    {
      char *name = p + 3, *body = strchr (name, '\n'), *next;
      zip_source_t *src;
      if (body == NULL)
        return;
      *body++ = '\0';
      next = strstr (body, "\n== ");
      if (next != NULL)
        *next++ = '\0';
      src = zip_source_buffer (z, body, strlen (body), 0);
      if (src != NULL && zip_file_add (z, name, src, ZIP_FL_OVERWRITE) < 0)
        zip_source_free (src);
      p = next;
    }
}

/* Packs the parts of @text into a zip; NULL if libzip refuses. */
static char *
pack_parts (char *text, gsize *len)
{
  zip_source_t *src = zip_source_buffer_create (NULL, 0, 0, NULL);
  zip_t *z = src ? zip_open_from_source (src, ZIP_TRUNCATE, NULL) : NULL;
  char *out = NULL;
  zip_int64_t n;

  if (z == NULL)
    goto out;
  zip_source_keep (src);        /* zip_close would free it otherwise */
  add_parts (z, text);
  if (zip_close (z) != 0)
    {
      zip_discard (z);
      goto out;
    }
  if (zip_source_open (src) == 0)
    {
      zip_source_seek (src, 0, SEEK_END);
      n = zip_source_tell (src);
      zip_source_seek (src, 0, SEEK_SET);
      out = g_malloc (n > 0 ? (gsize) n : 1);
      *len = n > 0 && zip_source_read (src, out, (zip_uint64_t) n) == n
             ? (gsize) n : 0;
      zip_source_close (src);
    }
out:
  if (src != NULL)
    zip_source_free (src);
  return out;
}

static void
check_row (const BlGridRow *row)
{
  double left = -1;

  if (row->sheet == NULL || row->line == 0 || row->cells->len == 0)
    abort ();
  for (guint k = 0; k < row->cells->len; k++)
    {
      const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
      if (c->text[0] == '\0' || !g_utf8_validate (c->text, -1, NULL)
          || c->ref == NULL || c->x0 <= left || c->x1 <= c->x0
          || c->pos.line != row->line || c->pos.sheet != row->sheet)
        abort ();
      left = c->x0;
    }
}

static void
check_read (const char *data, gsize len)
{
  GError *error = NULL;
  BlGrid *g = bl_xlsx_grid_read (data, len, "fuzz.xlsx", &error);

  if ((g == NULL) == (error == NULL))
    abort ();
  if (error != NULL && !g_error_matches (error, BL_ERROR, BL_ERROR_INPUT))
    abort ();
  if (g != NULL)
    for (guint i = 0; i < g->rows->len; i++)
      check_row (g_ptr_array_index (g->rows, i));
  bl_grid_free (g);
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *buf = g_malloc (size + 1);

  memcpy (buf, data, size);
  buf[size] = '\0';
  if (g_str_has_prefix (buf, PARTS_MAGIC))
    {
      gsize len = 0;
      char *zip = pack_parts (buf + strlen (PARTS_MAGIC), &len);
      if (zip != NULL)
        check_read (zip, len);
      g_free (zip);
    }
  else
    check_read (buf, size);
  g_free (buf);
  return 0;
}
