/* Private: the prose of a filing — paragraphs (narrative.c) and the claims
 * extracted from them (claims.c). */
#ifndef BL_NARRATIVE_H
#define BL_NARRATIVE_H

#include "grid.h"

/* Joins the rows of @grid that no table took into @filing's paragraphs. */
void bl_narrative__build (BlFiling *filing, const BlGrid *grid);

/* Extracts claims from @filing's paragraphs into a table of kind
 * `narrative` (see rules/templates/kinds.yaml). */
void bl_claims__extract (BlFiling *filing);

#endif
