/* Private: grids — what a reader saw, before recognition.
 *
 * Every reader (text, Markdown/TSV, PDF, XLSX) turns its bytes into one
 * grid: rows of cells in reading order, each cell with its text and where
 * it came from.  Recognition (recognize.c) then finds the tables in the
 * grid; the rows it does not claim are the narrative.  Horizontal extents
 * let recognition line cells up with header columns: PDF points for PDF,
 * column indexes for XLSX and TSV (x0 = index, x1 = index + span), display
 * columns for plain text. */
#ifndef BL_GRID_H
#define BL_GRID_H

#include "ledger.h"

typedef struct {
  const char *text;     /* trimmed UTF-8, never NULL (may be "") */
  BlPos pos;            /* line/col, page, sheet */
  const char *ref;      /* xlsx "B7", or NULL */
  double x0, x1;        /* horizontal extent */
} BlGridCell;

typedef struct {
  GArray *cells;        /* BlGridCell, left to right */
  guint line;           /* 1-based source line (text), sheet row (xlsx),
                           or running line number (pdf) */
  guint page;           /* 1-based PDF page; 0 otherwise */
  const char *sheet;    /* xlsx sheet name, or NULL */
  double y0, y1;        /* PDF vertical extent (points from the top) */
  const char *raw;      /* text readers: the line as written, or NULL */
  guint block;          /* laid-out text: its page (each page has its own
                           column scale) */
  gboolean in_table;    /* recognition took it for a table: not prose */
  gboolean heading;     /* the source marks it a heading (Markdown #) */
} BlGridRow;

typedef struct {
  const char *path, *format;
  GPtrArray *rows;      /* BlGridRow*, owned, in reading order */
  GStringChunk *strings;
  gboolean layout;      /* text that kept the page's columns: cells have
                           positions (display columns) and rows were
                           rebuilt from lines, as for PDF */
} BlGrid;

BlGrid *bl_grid_new (const char *path, const char *format);
void bl_grid_free (BlGrid *grid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlGrid, bl_grid_free)

const char *bl_grid_intern (BlGrid *grid, const char *s);
BlGridRow *bl_grid_add_row (BlGrid *grid, guint line, guint page);
/* Appends a cell (its text is copied into the grid). */
BlGridCell *bl_grid_row_add_cell (BlGrid *grid, BlGridRow *row,
                                  const char *text, double x0, double x1);
/* A debugging dump: one line per row, cells separated by " | ". */
char *bl_grid_dump (const BlGrid *grid);

/* A regular expression compiled on its first use, from any thread:
 * @cache is the caller's static.  For the readers and recognition, whose
 * patterns are fixed. */
GRegex *bl_regex_once (GRegex **cache, const char *pattern);
/* TRUE when @text is a page number standing alone: "- 3 -", "─7─",
 * "第 3 页", "第 3 页 共 10 页", "3/10". */
gboolean bl_grid_is_page_mark (const char *text);
/* The number group 1 of @pattern's first match in @text holds, 0 without
 * a match (years, note numbers). */
int bl_regex_int (GRegex **cache, const char *pattern, const char *text);

#endif
