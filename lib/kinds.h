/* Private: the canonical table kinds and their standard titles. */
#ifndef BL_KINDS_H
#define BL_KINDS_H

#include "common.h"

typedef struct {
  const char *kind;
  const char *title;
} BlTableKind;

/* Returns: the kind's entry, or NULL for an unknown kind.  An entry and
 * its @kind string live as long as the process, one per kind, so a kind
 * taken from here can be compared by pointer (see bl_filing__find_kind). */
const BlTableKind *bl_table_kind_lookup (const char *kind);
/* Returns: a comma-separated list of all kinds, for messages. */
const char *bl_table_kind_names (void);

#endif
