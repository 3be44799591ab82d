/* Private: recognition — from a grid (grid.h) to the ledger.
 *
 * recognize.c finds table titles by the templates (template.h), cuts the
 * grid into one region per table and reads the filing's units;
 * recognize-meta.c reads its department and year; recognize-table.c reads
 * one region: header rows into columns (roles: code, label, 行次, values),
 * blocks into parts, data rows into ledger rows.  Nothing is dropped
 * silently: what cannot be placed is reported as a problem with its
 * position. */
#ifndef BL_RECOGNIZE_H
#define BL_RECOGNIZE_H

#include "grid.h"
#include "template.h"

/* BlTable.doubt of a table whose text was not written row by row. */
#define BL_DOUBT_ORDER "文字顺序无法还原为表格的行"

/* Returns: (transfer full): the filing; NULL only on failures that make
 * the input unusable. */
BlFiling *bl_recognize (BlGrid *grid, GError **error);

/* A region of grid rows [first, end) under one title. */
typedef struct {
  const BlKindSpec *spec;
  const BlGridRow *title_row;
  const char *title;
  guint first, end;
} BlRegion;

/* Reads one region into a table of @filing; FALSE when the region holds
 * no data rows (a table of contents entry, a heading). */
gboolean bl_recognize__table (BlFiling *filing, const BlGrid *grid,
                              const BlRegion *region);

/* The unit the meta rows of @region state ("单位：万元") before the
 * table ends; FALSE when they state none. */
gboolean bl_recognize__region_unit (const BlGrid *grid, const BlRegion *region,
                                    BlUnit *unit);

/* Reads a region of plain text — laid out or not — into @table
 * (recognize-linear.c).  Returns FALSE when the region has no data. */
gboolean bl_recognize__linear (BlFiling *filing, BlTable *table,
                               const BlGrid *grid, const BlRegion *region,
                               GPtrArray *rows);

/* Reads a performance self-evaluation form (recognize-perf.c) into
 * @table; FALSE when the region has no budget row.  *@end: the row after
 * the form — the region's end unless the form ended (总分 and its notes)
 * before it, and prose follows. */
gboolean bl_recognize__performance (BlFiling *filing, BlTable *table,
                                    const BlGrid *grid, const BlRegion *region,
                                    guint *end);

/* Sets the department and the year @filing is about from what the grid's
 * text states (recognize-meta.c); either stays unset when the text names
 * none. */
void bl_recognize__metadata (BlFiling *filing, const BlGrid *grid);

/* Reads again, with what the other tables say, the two-sided tables
 * (收入支出决算总表 …) that text written column by column left unread
 * (recognize-linear-columns.c); @scrambled: some table of the filing
 * showed the text so written. */
void bl_linear__finish_sides (BlFiling *filing, gboolean scrambled);

/* The text of a grid row, cells joined without separators. */
char *bl_grid_row_text (const BlGridRow *row);

#endif
