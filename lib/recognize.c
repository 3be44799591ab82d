/* Recognition, document level: titles, regions, department, year. */

#include "recognize.h"
#include "narrative.h"

#include <stdlib.h>
#include <string.h>

char *
bl_grid_row_text (const BlGridRow *row)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < row->cells->len; i++)
    g_string_append (s, g_array_index (row->cells, BlGridCell, i).text);
  return g_string_free (s, FALSE);
}

/* A title is a short line: long lines are prose that mentions a table. */
#define TITLE_MAX_CHARS 48

static const BlKindSpec *
title_of (const BlGridRow *row, char **text)
{
  g_autofree char *s = bl_grid_row_text (row);
  const BlKindSpec *spec;

  if (g_utf8_strlen (s, -1) > TITLE_MAX_CHARS)
    return NULL;
  spec = bl_kind_spec_match_title (s);
  if (spec)
    *text = g_steal_pointer (&s);
  return spec;
}

/* The department and the year the filing is about. */
static void
read_metadata (BlFiling *f, const BlGrid *grid)
{
  bl_recognize__metadata (f, grid);
}

/* The filing's unit is the one most of its tables state (on a tie, the
 * one stated first), and a table that states none is read in it: so the
 * regions' units are counted before any table is read. */
static void
read_unit (BlFiling *f, const BlGrid *grid, const GArray *regions)
{
  guint count[BL_UNIT_PERCENT + 1] = { 0 };
  BlUnit order[BL_UNIT_PERCENT + 1];
  guint n = 0;

  for (guint i = 0; i < regions->len; i++)
    {
      BlUnit u;
      if (!bl_recognize__region_unit (grid, &g_array_index (regions, BlRegion, i), &u))
        continue;
      if (count[u]++ == 0)
        order[n++] = u;
    }
  for (guint i = 0; i < n; i++)
    if (count[order[i]] > count[f->unit] || i == 0)
      f->unit = order[i];
}

static GArray *
find_regions (const BlGrid *grid)
{
  GArray *regions = g_array_new (FALSE, TRUE, sizeof (BlRegion));

  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autofree char *text = NULL;
      const BlKindSpec *spec = title_of (row, &text);
      BlRegion r = { 0 };
      if (spec == NULL)
        continue;
      if (regions->len)
        g_array_index (regions, BlRegion, regions->len - 1).end = i;
      r.spec = spec;
      r.title_row = row;
      r.title = bl_grid_intern ((BlGrid *) grid, text);
      r.first = i + 1;
      r.end = grid->rows->len;
      g_array_append_val (regions, r);
    }
  return regions;
}

/* Positions outlive the grid: sheet names move into the filing's strings
 * before any position is copied out of the grid. */
static void
adopt_sheet_names (BlFiling *f, BlGrid *grid)
{
  for (guint i = 0; i < grid->rows->len; i++)
    {
      BlGridRow *row = g_ptr_array_index (grid->rows, i);
      if (row->sheet == NULL)
        continue;
      row->sheet = g_string_chunk_insert_const (f->strings, row->sheet);
      for (guint k = 0; k < row->cells->len; k++)
        g_array_index (row->cells, BlGridCell, k).pos.sheet = row->sheet;
    }
}

BlFiling *
bl_recognize (BlGrid *grid, GError **error)
{
  BlFiling *f = bl_filing__new (grid->path, grid->format);
  g_autoptr(GArray) regions = NULL;

  (void) error;
  adopt_sheet_names (f, grid);
  regions = find_regions (grid);
  f->unit = BL_UNIT_WAN;   /* when no table states one */
  read_unit (f, grid, regions);
  read_metadata (f, grid);
  for (guint i = 0; i < regions->len; i++)
    bl_recognize__table (f, grid, &g_array_index (regions, BlRegion, i));
  bl_narrative__build (f, grid);
  bl_claims__extract (f);
  if (bl_filing_find_table (f, "narrative") ? f->tables->len == 1 : f->tables->len == 0)
    bl_filing__note (f, "READ.no_tables", BL_SEVERITY_WARNING, NULL, NULL,
                     "未在文件中识别到决算公开表（%u 行文字）：表格可能是图片，"
                     "或标题与已知的表不符", grid->rows->len);
  return f;
}
