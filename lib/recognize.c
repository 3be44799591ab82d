/* Recognition, document level: titles, regions, department, year. */

#include "recognize.h"
#include "identity.h"
#include "doubt.h"
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

/* A title that text broke over lines ("收入支出决算总" … "表"), a line of
 * something else between: the title's row with the next one or two,
 * when together they make a title.  *@used: the row that completed it. */
static const BlKindSpec *
split_title_of (const BlGrid *grid, guint i, char **text, guint *used)
{
  const BlGridRow *row = g_ptr_array_index (grid->rows, i);
  g_autofree char *head = NULL;

  if (grid->rows->len == 0 || strcmp (grid->format, "text") != 0 || row->cells->len != 1)
    return NULL;
  head = bl_grid_row_text (row);
  if (g_utf8_strlen (head, -1) > TITLE_MAX_CHARS || g_utf8_strlen (head, -1) < 4)
    return NULL;
  for (guint k = i + 1; k <= i + 2 && k < grid->rows->len; k++)
    {
      g_autofree char *tail = bl_grid_row_text (g_ptr_array_index (grid->rows, k));
      g_autofree char *joined = g_strconcat (head, tail, NULL);
      const BlKindSpec *spec;
      if (g_utf8_strlen (tail, -1) > 4)
        continue;
      spec = bl_kind_spec_match_title (joined);
      if (spec)
        {
          *text = g_steal_pointer (&joined);
          *used = k;
          return spec;
        }
    }
  return NULL;
}

/* The regions of @grid, one per table title; a title split over lines
 * is marked as the table's, its last piece emptied. */
static GArray *
find_regions (BlGrid *grid)
{
  GArray *regions = g_array_new (FALSE, TRUE, sizeof (BlRegion));

  for (guint i = 0; i < grid->rows->len; i++)
    {
      BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autofree char *text = NULL;
      const BlKindSpec *spec = title_of (row, &text);
      BlRegion r = { 0 };
      guint used = 0;
      if (spec == NULL && (spec = split_title_of (grid, i, &text, &used)) != NULL)
        {
          /* the table starts after the title's last piece; what stood
           * between the pieces stays prose */
          row->in_table = TRUE;
          g_array_set_size (((BlGridRow *) g_ptr_array_index (grid->rows, used))->cells, 0);
        }
      if (spec == NULL)
        continue;
      if (regions->len)
        g_array_index (regions, BlRegion, regions->len - 1).end = i;
      r.spec = spec;
      r.title_row = row;
      r.title = bl_grid_intern (grid, text);
      r.first = MAX (i, used) + 1;
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

/* No figure of a table read out of order is trusted to stand where it was
 * put: each is unread, its text kept. */
static void
unread_all (BlTable *t)
{
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          BlRow *row = g_ptr_array_index (part->rows, i);
          for (guint c = 0; c < part->columns->len; c++)
            if (row->cells[c].kind == BL_CELL_NUMBER)
              row->cells[c].kind = BL_CELL_UNREAD;
        }
    }
}

/* Whether some table showed the text written out of row order; with
 * @by_sums, also: read by its sums (written column by column). */
static gboolean
written_by_column (const BlFiling *f, gboolean by_sums)
{
  for (guint i = 0; i < f->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (f->tables, i);
      if ((by_sums && t->placed_by_sums) || (t->doubt && strcmp (t->doubt, BL_DOUBT_ORDER) == 0))
        return TRUE;
    }
  return FALSE;
}

/* A table of one row (三公) whose every cell holds a figure, each figure
 * in one of its row identities and every identity holding: the figures
 * stand in the text's order, one per column, and the sums confirm that
 * order — there is no row order to doubt. */
static gboolean
verified_single_row (const BlTable *t, const BlKindSpec *spec)
{
  const BlPart *part = t->parts->len == 1 ? g_ptr_array_index (t->parts, 0) : NULL;
  const BlRow *row = part && part->rows->len == 1 ? g_ptr_array_index (part->rows, 0) : NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree const BlDecimal **vals = NULL;
  g_autofree gboolean *covered = NULL;
  guint n;

  if (row == NULL)
    return FALSE;
  n = part->columns->len;
  ids = bl_identities__bind (spec, part);
  vals = g_new0 (const BlDecimal *, n);
  covered = g_new0 (gboolean, n);
  for (guint c = 0; c < n; c++)
    {
      if (row->cells[c].kind != BL_CELL_NUMBER)
        return FALSE;
      vals[c] = &row->cells[c].value;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      const BlIdentity *id = &g_array_index (ids, BlIdentity, i);
      if (bl_identity__check (id, vals) == BL_INCONSISTENT)
        return FALSE;
      covered[id->total] = TRUE;
      for (guint k = 0; k < id->n_terms; k++)
        covered[id->terms[k]] = TRUE;
    }
  for (guint c = 0; c < n; c++)
    if (!covered[c])
      return FALSE;
  return ids->len > 0;
}

/* Text whose tool wrote some tables out of row order (a code before its
 * parent, read twice …) may have done so where nothing shows it.  In a
 * table without codes (收入支出决算总表, 三公) the order of labels and
 * figures cannot be checked, and a table that has figures the reader
 * could not place may have others misplaced: all of them are in doubt,
 * and none of their figures is taken as placed.  Text whose tables were
 * placed by their sums (written column by column, in order) leaves in
 * doubt the two-sided tables its sums could not place: their rows were
 * read as lines, which that text does not have.
 * Those whose placement already failed (READ.place) were named; the
 * others are named once, here. */
static void
doubt_unverifiable (BlFiling *f)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const BlTable *first = NULL;
  gboolean scrambled = written_by_column (f, FALSE);

  if (!written_by_column (f, TRUE))
    return;
  for (guint i = 0; i < f->tables->len; i++)
    {
      BlTable *t = g_ptr_array_index (f->tables, i);
      const BlKindSpec *spec = bl_kind_spec_lookup (t->kind);
      gboolean coded = spec && bl_kind_spec_has_key (spec, "code");
      gboolean unread = bl_table__has_unread (t);
      if (t->doubt || spec == NULL || spec->performance || strcmp (t->kind, "narrative") == 0
          || (coded && !unread) || t->placed_by_sums || (!scrambled && t->parts->len < 2)
          || !bl_table__has_printed (t) || verified_single_row (t, spec))
        continue;
      t->doubt = bl_filing__intern (f, BL_DOUBT_ORDER);
      unread_all (t);
      if (unread)
        continue;
      g_string_append_printf (names, "%s%s", names->len ? "、" : "", t->title);
      if (first == NULL)
        first = t;
    }
  if (first)
    bl_filing__note (f, "READ.order", BL_SEVERITY_WARNING, &first->pos, first->title,
                     "文本中有的表格文字不是按行排列的；%s没有科目编码可以核对行序，"
                     "其数字同样不参与计算", names->str);
}

BlFiling *
bl_recognize (BlGrid *grid, GError **error)
{
  BlFiling *f = bl_filing__new (grid->path, grid->format);
  g_autoptr(GArray) regions = NULL;

  (void) error;
  if (g_getenv ("BUDGETLINT_DUMP_GRID"))
    {
      g_autofree char *dump = bl_grid_dump (grid);
      g_printerr ("%s", dump);
    }
  adopt_sheet_names (f, grid);
  regions = find_regions (grid);
  f->unit = BL_UNIT_WAN;   /* when no table states one */
  read_unit (f, grid, regions);
  bl_recognize__metadata (f, grid);
  for (guint i = 0; i < regions->len; i++)
    bl_recognize__table (f, grid, &g_array_index (regions, BlRegion, i));
  bl_linear__finish_sides (f, written_by_column (f, TRUE));
  doubt_unverifiable (f);
  bl_doubt__check (f);
  bl_narrative__build (f, grid);
  bl_claims__extract (f);
  if (bl_filing_find_table (f, "narrative") ? f->tables->len == 1 : f->tables->len == 0)
    bl_filing__note (f, "READ.no_tables", BL_SEVERITY_WARNING, NULL, NULL,
                     "未在文件中识别到决算公开表（%u 行文字）：表格可能是图片，"
                     "或标题与已知的表不符", grid->rows->len);
  return f;
}
