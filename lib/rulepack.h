/* Private: rules as loaded from YAML. */
#ifndef BL_RULEPACK_H
#define BL_RULEPACK_H

#include "expr.h"

typedef enum {
  EACH_ONCE,    /* once per table (or once per filing without tables) */
  EACH_ROW,     /* once per row of the table */
  EACH_CELL,    /* once per value cell of the table */
  EACH_REQUIRED /* once per table the filing's template family lists */
} BlEach;

/* The 政府收支分类科目 catalogue a pack carries (`catalog:`). */
typedef struct {
  const char *name;
  const char *kind;       /* "functional" or "economic" */
} BlCatalogEntry;

/* A message template is literal text interleaved with {placeholders}:
 * special names (lhs, rhs, diff, row, code, column, table) or expressions. */
typedef struct {
  char *text;       /* literal text, or the special name */
  BlExpr *expr;     /* an expression placeholder, or NULL */
  gboolean special;
} BlTplPart;

typedef enum { EXPECT_PASS, EXPECT_FAIL, EXPECT_NOTICE } BlExpect;

typedef struct {
  char *name;
  BlExpect expect;
  BlFiling *filing;
  guint line;
} BlRuleCase;

struct _BlRule {
  char *id, *title, *explain, *origin, *part;
  BlSeverity severity;
  BlConfidence confidence;
  gboolean rounding_quiet;  /* a check that holds within rounding passes */
  char **tables;          /* NULL-terminated kinds, or NULL */
  const char **kinds;     /* the known ones of @tables as kinds.h's own
                             strings, NULL-terminated: compared by pointer
                             with each table's kind */
  char **references;
  BlEach each;
  BlExpr *where, *check;
  char *message_src;
  GPtrArray *message;     /* BlTplPart* */
  GPtrArray *cases;       /* BlRuleCase* */
};

/* A concept the prose may name (`lexicon:`): the phrases that name it, in
 * which sections (a regex over the headings, or any), and the ledger
 * expression that holds its value. */
typedef struct {
  GPtrArray *phrases;     /* char*: label keys */
  GRegex *section;        /* or NULL */
  BlExpr *ref;
  guint line, col;        /* where the entry stands in its file */
} BlLexEntry;

struct _BlRulePack {
  char *name, *version;
  GPtrArray *rules;       /* BlRule*, owned */
  GHashTable *by_id;
  GHashTable *catalog;    /* code → BlCatalogEntry*, owned */
  GHashTable *classes;    /* label key of each 支出功能分类 类's name (owned)
                             → its code (@catalog's): the joins by name of
                             row_in() and catalog_code(); made when the
                             pack is complete, as it depends on nothing
                             else */
  GPtrArray *lexicon;     /* BlLexEntry*, owned, in pack order */
};

/* The lexicon entry that @concept (as written) names in @section. */
const BlLexEntry *bl_rule_pack__lexicon_lookup (const BlRulePack *pack,
                                                const char *concept,
                                                const char *section);

/* Runs one rule on @filing, adding findings to @out (engine.c). */
void bl_rule__run (const BlRule *rule, const BlFiling *filing,
                   BlEvalCtx *ctx, BlDiagnostics *out);

#endif
