/* Private: the prose of a filing — paragraphs (narrative.c) and the claims
 * extracted from them (claims.c). */
#ifndef BL_NARRATIVE_H
#define BL_NARRATIVE_H

#include "grid.h"

/* Joins the rows of @grid that no table took into @filing's paragraphs. */
void bl_narrative__build (BlFiling *filing, const BlGrid *grid);

/* @text cut into sentences after 。！？ (and after the ： before a list's
 * first item), each keeping a parenthesised remark that follows its end
 * ("…。（如持平作持平表述）"). */
GPtrArray *bl_narrative__sentences (const char *text);

/* Extracts claims from @filing's paragraphs into a table of kind
 * `narrative` (see rules/templates/kinds.yaml). */
void bl_claims__extract (BlFiling *filing);

/* The budget quantities whose restatements are compared (subject.c). */
typedef enum {
  BL_QUANTITY_NONE,
  BL_QUANTITY_ORIGINAL,   /* 年初预算 */
  BL_QUANTITY_ANNUAL,     /* 全年预算, 调整后预算 */
  BL_QUANTITY_BUDGET,     /* a bare 预算数 */
  BL_QUANTITY_EXECUTED,   /* 执行数 */
  BL_QUANTITY_RATE,       /* 执行率 */
} BlQuantity;

const char *bl_quantity__name (BlQuantity q);
/* The quantity a cleaned concept ends with ("镇办经费全年预算数"); the
 * subject is its first *subject_len bytes. */
BlQuantity bl_quantity__of (const char *concept, gboolean percent, gsize *subject_len);
/* The subject @text names, without list markers, years and report words;
 * "本部门" for the department itself; NULL for a pronoun (该项目), a
 * heading that describes (项目资金情况) or nothing. */
char *bl_subject__name (const char *text);
/* The subject a sentence's lead names: the object of its verb, and only
 * when it ends like a name (…项目, …资金, …（项）); NULL otherwise. */
char *bl_subject__lead (const char *text);
/* TRUE when two subjects name the same thing, written more or less fully
 * (城乡医疗救助项目 / 某县城乡医疗救助项目支出). */
gboolean bl_subject__same (const char *a, const char *b);
/* TRUE when @text is the title of a performance report ("城乡医疗救助
 * 项目绩效自评报告"); *@name is its subject, or NULL for a generic title. */
gboolean bl_subject__title (const char *text, char **name);

#endif
