/* Grids: rows of positioned cells, the common output of every reader. */

#include "grid.h"

#include <stdlib.h>

BlGrid *
bl_grid_new (const char *path, const char *format)
{
  BlGrid *g = g_new0 (BlGrid, 1);
  g->strings = g_string_chunk_new (8192);
  g->rows = g_ptr_array_new ();
  g->path = bl_grid_intern (g, path);
  g->format = bl_grid_intern (g, format);
  return g;
}

static void
row_free (BlGridRow *row)
{
  g_array_free (row->cells, TRUE);
  g_free (row);
}

void
bl_grid_free (BlGrid *grid)
{
  if (grid == NULL)
    return;
  g_ptr_array_set_free_func (grid->rows, (GDestroyNotify) row_free);
  g_ptr_array_free (grid->rows, TRUE);
  g_string_chunk_free (grid->strings);
  g_free (grid);
}

const char *
bl_grid_intern (BlGrid *grid, const char *s)
{
  return s ? g_string_chunk_insert (grid->strings, s) : NULL;
}

BlGridRow *
bl_grid_add_row (BlGrid *grid, guint line, guint page)
{
  BlGridRow *row = g_new0 (BlGridRow, 1);
  row->cells = g_array_new (FALSE, TRUE, sizeof (BlGridCell));
  row->line = line;
  row->page = page;
  g_ptr_array_add (grid->rows, row);
  return row;
}

BlGridCell *
bl_grid_row_add_cell (BlGrid *grid, BlGridRow *row, const char *text,
                      double x0, double x1)
{
  BlGridCell cell = { 0 };
  cell.text = bl_grid_intern (grid, text ? text : "");
  cell.pos.line = row->line;
  cell.pos.page = row->page;
  cell.pos.sheet = row->sheet;
  cell.x0 = x0;
  cell.x1 = x1;
  g_array_append_val (row->cells, cell);
  return &g_array_index (row->cells, BlGridCell, row->cells->len - 1);
}

char *
bl_grid_dump (const BlGrid *grid)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      if (row->page)
        g_string_append_printf (s, "p%u ", row->page);
      g_string_append_printf (s, "%u:", row->line);
      for (guint k = 0; k < row->cells->len; k++)
        {
          const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
          g_string_append_printf (s, "%s%s", k ? " | " : " ", c->text);
          if (row->page || grid->layout)
            g_string_append_printf (s, " @%.0f-%.0f", c->x0, c->x1);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

GRegex *
bl_regex_once (GRegex **cache, const char *pattern)
{
  if (g_once_init_enter (cache))
    g_once_init_leave (cache, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL));
  return *cache;
}

int
bl_regex_int (GRegex **cache, const char *pattern, const char *text)
{
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *n = NULL;
  if (!g_regex_match (bl_regex_once (cache, pattern), text, 0, &m))
    return 0;
  n = g_match_info_fetch (m, 1);
  return atoi (n);
}

gboolean
bl_grid_is_page_mark (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re,
    "^\\s*([-—–－─━]\\s*[0-9]+\\s*[-—–－─━]|第\\s*[0-9]+\\s*页(\\s*[,，/]?\\s*共\\s*[0-9]+\\s*页)?"
    "|[0-9]+\\s*/\\s*[0-9]+)\\s*$"), text, 0, NULL);
}
