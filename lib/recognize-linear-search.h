/* Private: the search that places runs of figures (text written column
 * by column) in a table's cells.
 *
 * A caller lays out the cells (rows × columns, some missing), builds the
 * sums that must hold over them (bl_search__add_sum: a total and its
 * signed terms; bl_search__add_given: cells that add up to a figure
 * another table gives) and the runs (bl_search__runs: figures on
 * consecutive lines), and bl_search__all() finds every placement that
 * keeps the order of the text and makes the sums hold, up to a budget:
 *
 *   - a run that comes later in the same column, or in a column further
 *     left (of the same side), starts below the earlier one;
 *   - the next run, if it is to the right, starts no lower than the
 *     previous one ends;
 *   - a rare column (上级补助收入 …) is blank unless no placement works
 *     without it;
 *   - no placement leaves too few cells for the figures still to come.
 *
 * After it, seen[] holds each cell's figure in the first placement and
 * differs[] says where the placements disagree: those cells are not
 * read (recognize-linear-columns.c, recognize-linear-sides.c). */
#ifndef BL_RECOGNIZE_LINEAR_SEARCH_H
#define BL_RECOGNIZE_LINEAR_SEARCH_H

#include "recognize-linear.h"
#include "decimal.h"

/* An identity over cells: total = Σ sign·term, or a figure another
 * table gives = Σ sign·term (total NO_CELL). */
typedef struct {
  guint total;
  guint first, n;         /* into BlSearch.terms / BlSearch.signs */
  BlNum given;
} Sum;

#define NO_CELL G_MAXUINT

typedef struct {
  guint n_rows, n_cols;
  GArray *rows;           /* the caller's rows (CRow …), for its own use */
  GArray *figs;           /* Tok */
  GArray *runs;           /* guint pairs: first fig, count */
  BlNum *vals;            /* per fig */
  gboolean signed_figs;   /* some figure is negative */
  GArray *sums;           /* Sum */
  GArray *terms, *signs;  /* guint, int */
  GPtrArray *touching;    /* per cell: GArray of the sums it is in */

  int *cell;              /* per row·col: fig index, -1 blank */
  guint *ptr;             /* per column: the first row a later run may
                             start at; the cells above are settled */
  const guint *side;      /* per column: its side of a two-sided table,
                             or NULL: one side.  The order of the text
                             binds runs of one side only (pdftotext sets
                             the blocks of two sides in either order) */
  int last_col;           /* the previous run's column and last row */
  guint last_end;
  guint64 nodes;

  const gboolean *exists; /* per cell: whether the table has it (a side's
                             rows end before the other's), or NULL: all */
  guint *room;            /* per row·col: cells that exist from that row
                             down in that column (n_rows + 1 rows) */
  BlNum *known;           /* per cell: what the sums say it holds, when
                             they say it alone (another table's figure, or
                             a total of such) */
  gboolean *is_known;
  gboolean *rare;         /* per column: blank in most filings */
  gboolean shun_rare;     /* this pass leaves the rare columns blank */

  gboolean exhausted;     /* the budget ran out before every placement
                             was tried */
  guint n_solutions;
  const char **seen;      /* per cell: text of the first solution, or NULL */
  BlPos *seen_pos;
  gboolean *differs;
} BlSearch;

/* Figures on consecutive lines with nothing between them, one run each;
 * FALSE when a line holds two figures (not column-by-column text) or
 * there are none. */
gboolean bl_search__runs (BlSearch *k, const GArray *toks);
/* Each figure a run of its own. */
void bl_search__split_runs (BlSearch *k);
/* The figures as numbers in @t's unit; FALSE if one is not. */
gboolean bl_search__values (BlSearch *k, const BlTable *t);

void bl_search__sums_new (BlSearch *k);
/* Cell @total (NO_CELL: none) = Σ signs[i]·terms[i]. */
void bl_search__add_sum (BlSearch *k, guint total, const guint *terms, const int *signs, guint n);
/* Σ cells = @given. */
void bl_search__add_given (BlSearch *k, BlNum given, const guint *cells, guint n);

/* Every placement under the sums (freed here); FALSE when there is none
 * or the budget ran out. */
gboolean bl_search__all (BlSearch *k);
/* Writes what the placements say of grid cell @at into @cell of @t: its
 * figure where they agree, unread (at @pos) where they do not.  Returns
 * TRUE for the latter. */
gboolean bl_search__write_cell (const BlSearch *k, guint at, BlTable *t, BlCell *cell, BlPos pos);
void bl_search__results_free (BlSearch *k);

#endif
