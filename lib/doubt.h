/* Private: the doubtful-reading gate (doubt.c).
 *
 * Text copied out of a PDF is sometimes misread into tables: a 科目编码
 * taken for an amount, figures one column off.  One misread table breaks
 * dozens of identities, and each would be reported as a certain error —
 * after which an auditor trusts no finding at all.  So before the rules
 * run, every table a reader recognised is looked at for signs of
 * misreading.  A doubtful table gets one READ.doubtful warning and its
 * BlTable.doubt, and the engine holds back what is computed with its
 * cells (BL_CONFIDENCE_UNCERTAIN).
 *
 * The signs are chosen so that a correct reading of a document with one
 * or two genuine errors stays trusted: a wrong figure breaks its own row
 * and its parent's sum, which one wrong row explains, and the gate asks
 * for failures that at least three different rows would be needed to
 * explain. */
#ifndef BL_DOUBT_H
#define BL_DOUBT_H

#include "ledger.h"

/* What the gate weighs, for one table. */
typedef struct {
  guint checked;        /* sums evaluated: each row's row identities, each
                           parent row against its children, each 合计 row
                           against the top-level rows */
  guint failed;         /* of them, failing beyond rounding */
  guint independent;    /* rows that must be wrong, at least, to explain
                           every failure */
  guint rows_failed;    /* rows whose row identities fail */
  guint shifted;        /* of them, rows one column's shift would fix */
  guint short_totals;   /* totals below their largest part, needing as
                           many different wrong rows */
  guint figures;        /* figures in the amount columns */
  guint integers;       /* of them, written without decimals */
  guint codes;          /* of those, shaped like a 科目编码 */
  guint decimals;       /* of the figures, written with two decimals */
} BlDoubtSigns;

/* Weighs @table's signs into @signs.  Returns: (transfer full)
 * (nullable): why the reading is in doubt, with an example and where it
 * is (Chinese, for the READ.doubtful message), or NULL when the table is
 * trusted; *@reason then (or else NULL) a short reason for
 * BlTable.doubt. */
char *bl_doubt__assess (const BlTable *table, BlDoubtSigns *signs,
                        const char **reason);

/* Sets BlTable.doubt on every recognised ledger table in doubt and adds
 * its READ.doubtful note, unless the reader has already said so (a
 * table-level READ.* note of its own) or set doubt itself.  Performance
 * forms and the narrative are not weighed. */
void bl_doubt__check (BlFiling *filing);

#endif
