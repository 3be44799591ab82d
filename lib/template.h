/* Private: table templates — what recognition knows about each table kind
 * (the YAML under rules/templates, compiled into the library). */
#ifndef BL_TEMPLATE_H
#define BL_TEMPLATE_H

#include "common.h"

typedef struct {
  const char *name;       /* canonical column name */
  const char *group;      /* canonical group, or NULL */
  GPtrArray *aliases;     /* char* label keys (bl_label_key) */
  gboolean rare;          /* blank in most filings (上缴上级支出, 经营支出):
                             a reader that cannot tell columns apart
                             assumes it blank unless the figures need it */
  GPtrArray *total_in;    /* char** [kind, part, row key …] each: the
                             table's total row holds in this column the
                             sum of those rows of another table (收入决算表's
                             其他收入 is the 总表's 其他收入), or NULL */
  char **same_as;         /* [kind, column, row key]: each 类 row of this
                             (two-sided) table holds in this column what
                             that table's row of the 类 holds in that
                             column, and the row keyed so its 合计 row;
                             or NULL */
} BlColumnSpec;

/* A row identity of a table: in every row, the column @total equals the
 * signed sum of @terms (canonical column names; a term the table lacks
 * counts as blank).  Where columns come in groups (预算数 | 决算数 under
 * each item), it holds within each group. */
typedef struct {
  const char *total;
  GPtrArray *terms;       /* char* */
  GArray *signs;          /* int, +1 or −1, parallel to @terms */
} BlSumSpec;

typedef struct {
  const char *name;       /* 收入, 支出 */
  GPtrArray *columns;     /* BlColumnSpec* */
  GPtrArray *sums;        /* BlSumSpec* of this part's rows */
  GPtrArray *rows;        /* char*: label keys only this part prints */
  GPtrArray *down;        /* BlSumSpec* down the part's rows, by label
                             key ("a|b": either); a term BL_ROWS_ABOVE or
                             BL_ROWS_BELOW stands for the rows between the
                             total and the next row these sums name */
} BlPartSpec;

#define BL_ROWS_ABOVE "以上各行"
#define BL_ROWS_BELOW "以下各行"

typedef struct {
  const char *kind;
  const char *title;      /* the standard title, as printed */
  GPtrArray *titles;      /* char*: title keys, longest first */
  char **keys;            /* "code", "label", "line" */
  GPtrArray *parts;       /* BlPartSpec* of a two-sided table; empty if none */
  GPtrArray *columns;     /* BlColumnSpec*: all columns, every part's */
  GPtrArray *sums;        /* BlSumSpec*: row identities of a one-part
                             table (a part's are in its BlPartSpec) */
  GPtrArray *empty;       /* char*: phrases of an empty-table statement */
  GPtrArray *sections;    /* char*: title keys of section headings that
                             open a part each (统计表), longest first */
  GPtrArray *qualifiers;  /* char*: header keys such as 预算数/决算数 that
                             may stand under every column pair */
  gboolean any_prefix;    /* a name may stand before the title (自评表) */
  gboolean performance;   /* a self-evaluation form, not a ledger table */
} BlKindSpec;

/* A template family: which tables a province's template for a year has,
 * under which 公开NN labels (rules/templates/<family>.yaml). */
typedef struct {
  const char *kind;
  const char *label;      /* 公开NN表, or NULL where the family has none */
  gboolean optional;      /* may be missing altogether */
} BlFamilyTable;

typedef struct {
  const char *name;       /* hubei-2023 */
  const char *title;
  GPtrArray *tables;      /* BlFamilyTable* in template order */
} BlFamilySpec;

const BlFamilySpec *bl_family_lookup (const char *name);
/* The family whose tables @filing's tables match best (kinds under the
 * same labels, or the same kinds where nothing is labelled); NULL when
 * none matches at least half of them. */
const BlFamilySpec *bl_family_infer (const BlFiling *filing);

/* The name rules/catalog.yaml (compiled in with the templates) gives a
 * 科目编码, or NULL. */
const char *bl_catalog_name (const char *code);
/* Whether label key @key is the name of a 类 of 支出功能分类. */
gboolean bl_catalog_is_class (const char *key);

/* The words list @name of rules/lexicon.yaml (compiled in with the
 * templates) as one regular-expression group "(?:a|b|…)": what real
 * reports write for one quantity of the prose.  An unknown name is a
 * programming error. */
const char *bl_words (const char *name);
/* @pattern with each {name} replaced by bl_words (name), compiled once
 * into *@cache (as bl_regex_once does). */
GRegex *bl_words_regex (GRegex **cache, const char *pattern);

/* The compiled-in templates; loaded once, never freed. */
const GPtrArray *bl_kind_specs (void);
const BlKindSpec *bl_kind_spec_lookup (const char *kind);

/* The kind whose title @text is (after folding, doubling and noise such as
 * ordinals, 公开NN表 or a year are removed); NULL if none. */
const BlKindSpec *bl_kind_spec_match_title (const char *text);

/* The section of @spec that the row text @text heads, or NULL. */
const char *bl_kind_spec_match_section (const BlKindSpec *spec, const char *text);

/* The row identities of @part_name's part of @spec (NULL: a one-part
 * table); never NULL, maybe empty. */
const GPtrArray *bl_kind_spec_sums (const BlKindSpec *spec, const char *part_name);

/* The part of @spec that prints the row labelled @key (bl_label_key) —
 * by its `rows`, or a label ending in 支出 for the part named 支出 — or
 * NULL when the template does not say. */
const BlPartSpec *bl_kind_spec_part_of_row (const BlKindSpec *spec, const char *key);

/* Whether some part of @spec lists @key among its `rows`. */
gboolean bl_kind_spec_row_listed (const BlKindSpec *spec, const char *key);
/* Whether a two-sided table of @spec prints a row labelled @key (a label
 * key): one its parts list, a 类 of 支出功能分类, 合计 or 总计. */
gboolean bl_kind_spec_label_known (const BlKindSpec *spec, const char *key);
/* Whether @key begins such a label without being one: the head of a
 * label whose tail was wrapped to the next line. */
gboolean bl_kind_spec_label_begun (const BlKindSpec *spec, const char *key);

/* The part of a two-sided @spec named @name (收入, 支出), or NULL. */
const BlPartSpec *bl_kind_spec_part (const BlKindSpec *spec, const char *name);
/* The column of part @ps named @name (canonical; both sides may have a
 * 金额), or NULL. */
const BlColumnSpec *bl_part_spec_column (const BlPartSpec *ps, const char *name);

/* The column of @spec named @name (canonical), or NULL. */
const BlColumnSpec *bl_kind_spec_column (const BlKindSpec *spec, const char *name);
/* Whether @spec's rows are keyed by @key ("code", "label", "line"). */
gboolean bl_kind_spec_has_key (const BlKindSpec *spec, const char *key);

/* Canonical column of @spec whose alias is @header_key, or NULL. */
const BlColumnSpec *bl_kind_spec_match_column (const BlKindSpec *spec,
                                               const char *header_key);

/* Title key of @text: folded like labels, all quote marks dropped, and a
 * text printed twice ("收入决算表收入决算表") taken once. */
char *bl_title_key (const char *text);

#endif
