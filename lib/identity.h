/* Private: a table's row identities (the templates' `sums`), bound to the
 * columns of one part and checked the rounding-aware way.
 *
 * Readers use them before the rule pack runs: to place figures whose
 * column the text does not show (placement.c) and to notice a table they
 * misread (doubt.c).  The rule pack checks the same identities itself;
 * these only decide what was read. */
#ifndef BL_IDENTITY_H
#define BL_IDENTITY_H

#include "ledger.h"
#include "template.h"

typedef struct {
  guint total;            /* column index within the part */
  guint n_terms;
  guint terms[16];        /* column indexes */
  int signs[16];          /* +1 or −1 */
} BlIdentity;

/* The identities of @spec that apply to @part: one per template sum and
 * column group (预算数 | 决算数) whose total column the part has; terms the
 * part lacks are left out (they would be blank).  Returns: (transfer
 * full): a GArray of BlIdentity, maybe empty. */
GArray *bl_identities__bind (const BlKindSpec *spec, const BlPart *part);

/* Checks @id on one row's figures, @vals[i] for column i (NULL: blank).
 * Returns BL_CONSISTENT_EXACT when every figure involved is blank too. */
BlConsistency bl_identity__check (const BlIdentity *id,
                                  const BlDecimal *const *vals);

/* Whether @id involves any non-blank figure of @vals. */
gboolean bl_identity__applies (const BlIdentity *id,
                               const BlDecimal *const *vals);

#endif
