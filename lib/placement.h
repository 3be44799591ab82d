/* Private: placing figures whose column the text does not show.
 *
 * Text copied out of a PDF leaves blank cells out: "201 06 02 一般行政管理
 * 事务 10.00 10.00" in a table of six value columns says neither which
 * column the second 10.00 is in nor which four are blank.  A placement
 * puts a row's figures in increasing columns (their reading order); the
 * table's identities decide which placements are possible:
 *
 *  - the row's own (合计 = 基本支出 + 项目支出 + …, from the template);
 *  - the code tree's: in every column a row equals the sum of its
 *    children, and the 合计 row the sum of the top-level rows;
 *  - totals another table states (the 合计 row of 收入决算表 against the
 *    收入支出决算总表), when the reader has them;
 *  - for text that kept its layout, the figures of one page that stand in
 *    one column there stand in one column of the table.
 *
 * A placement is taken only when it is the one left; a rare column
 * (上缴上级支出) is assumed blank unless the figures need it.  A row that
 * stays ambiguous is reported unplaced, and its cells are not guessed.
 * An identity that no placement satisfies says the document is wrong,
 * not where a figure stands: it decides nothing. */
#ifndef BL_PLACEMENT_H
#define BL_PLACEMENT_H

#include "decimal.h"

#define BL_PLACE_MAX_FIGS 24

typedef struct {
  BlDecimal value;
  gboolean dash;          /* a printed blank ("-"): holds a place */
  int cluster;            /* its column on the page (layout), or -1 */
  int column;             /* the table column its position shows (under
                             that column's header on a laid-out page), or
                             -1: it must go there */
  guint segment;          /* the line it was printed on */
} BlPlaceFig;

typedef struct {
  BlPlaceFig figs[BL_PLACE_MAX_FIGS];
  guint n_figs;
  int unit;               /* layout: the page whose column map it shares;
                             -1: the row is placed on its own */
  int parent;             /* index of its parent row in the code tree, -1 */
  gboolean top;           /* a top-level row: it sums into the total row */
  gboolean total;         /* the 合计 row */
  gboolean fixed;         /* figs[i] goes to column i (as many figures as
                             columns, or blanks shown by position) */
  /* out */
  int col[BL_PLACE_MAX_FIGS];   /* the column of each figure */
  gboolean placed;
} BlPlaceRow;

typedef struct {
  guint n_cols;
  const GArray *identities;     /* BlIdentity (identity.h) */
  const gboolean *rare;         /* per column, or NULL */
  /* What another table says the total row holds, per column (NULL: no
   * word on that column; zero: blank), as an interval (a sum of several
   * rounded figures). */
  const BlNum *const *expected_total;
} BlPlaceTable;

/* Whether the figures of @row could stand in some columns satisfying its
 * identities (in reading order, or each line in its own order). */
gboolean bl_place__possible (const BlPlaceTable *table, const BlPlaceRow *row);

/* Places the figures of @rows.  Returns how many rows with figures were
 * left unplaced. */
guint bl_place__solve (const BlPlaceTable *table, BlPlaceRow *rows,
                       guint n_rows);

#endif
