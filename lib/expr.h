/* Private: the rule expression language (budgetlint-rules(5)).
 *
 * lex → parse (Pratt / recursive descent) → evaluate by walking the tree.
 * Every node carries the byte span of its source text so that errors can
 * point at it with a caret.  Row selectors ([收入:总计], [#27], [210]) are
 * parsed once, at load time. */
#ifndef BL_EXPR_H
#define BL_EXPR_H

#include "decimal.h"
#include "ledger.h"

typedef struct {
  guint32 start, end;   /* byte offsets into the expression text */
} BlSpan;

typedef enum {
  TOK_END, TOK_NUMBER, TOK_STRING, TOK_IDENT, TOK_ROWSEL, TOK_COLNO,
  TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_LPAREN, TOK_RPAREN,
  TOK_COMMA, TOK_DOT, TOK_QUESTION,
  TOK_EQ, TOK_NE, TOK_LT, TOK_LE, TOK_GT, TOK_GE,
  TOK_AND, TOK_OR, TOK_NOT, TOK_WITHIN, TOK_TRUE, TOK_FALSE,
  TOK_ERROR
} BlTokKind;

typedef struct {
  BlTokKind kind;
  BlSpan span;
  char *text;           /* NUMBER/STRING/IDENT/ROWSEL contents, owned */
} BlToken;

/* Lexes the whole of @src; on failure returns NULL and sets *err_span and
 * *err_msg (static string). */
GArray *bl_expr_lex (const char *src, BlSpan *err_span, const char **err_msg);
void bl_expr_tokens_free (GArray *tokens);

/* A row selector: alternatives, each by 行次, code or label, optionally
 * restricted to one part ("收入:总计"). */
typedef enum { SEL_LINE, SEL_CODE, SEL_LABEL, SEL_ALL } BlSelKind;

typedef struct {
  BlSelKind kind;
  int line_no;
  char *text;           /* code, or label key */
} BlSelAlt;

typedef struct {
  char *part;           /* NULL: any part */
  GArray *alts;         /* BlSelAlt */
} BlRowSel;

typedef enum {
  N_NUM, N_STR, N_BOOL,
  N_NAME,       /* bare identifier: table kind, special name or column */
  N_ROWSEL,     /* base[sel]: base is a table (or NULL = current table) */
  N_COLUMN,     /* base.col: col by name/path or 栏次 */
  N_CALL,
  N_NEG, N_NOT, N_ADD, N_SUB, N_MUL, N_DIV, N_AND, N_OR,
  N_CMP,
  N_OPTIONAL    /* x? : blank when x is absent */
} BlNodeKind;

/* What a bare name is, decided once at parse time. */
typedef enum {
  NAME_COLUMN,    /* a column of the current row */
  NAME_ROW, NAME_TABLE, NAME_THIS,
  NAME_KIND       /* a table kind: income, three_public … */
} BlNameKind;

typedef struct _BlNode BlNode;
struct _BlNode {
  BlNodeKind kind;
  BlSpan span;
  BlTokKind op;           /* N_CMP: TOK_EQ … TOK_GE */
  BlNum num;              /* N_NUM, and N_CMP's tolerance */
  gboolean flag;          /* N_BOOL value; N_CMP: has tolerance */
  gboolean relative;      /* N_CMP: tolerance is a percentage */
  char *text;             /* N_STR, N_NAME, N_CALL name, N_COLUMN name */
  char *key;              /* N_NAME: the name as a column key */
  BlNameKind name_kind;   /* N_NAME */
  int col_no;             /* N_COLUMN by 栏次 (0 = by name) */
  BlRowSel *sel;          /* N_ROWSEL, and is()'s selector */
  GRegex *regex;          /* matches()'s pattern, compiled once */
  BlNode *a, *b;          /* operands; a = base for ROWSEL/COLUMN */
  GPtrArray *args;        /* N_CALL */
  const void *fn;         /* N_CALL: the function, found when parsed */
  const char *table_kind; /* N_NAME of a table kind: kinds.h's string */
};

typedef struct {
  char *src;
  BlNode *root;
} BlExpr;

/* Where an expression's text stands in its file.  For an expression
 * spread over several source lines (a YAML block scalar) @line_starts
 * holds the byte offset in the expression where each source line's text
 * begins, and @cols the column of that text on its line. */
typedef struct {
  const char *file;
  guint line, col;
  GArray *line_starts;  /* guint32, or NULL: all on one line */
  GArray *cols;         /* guint, parallel to line_starts */
} BlExprLoc;

/* Parses @src.  On error returns NULL and sets @error (BL_ERROR_EXPR) to
 * "file:line:col: message" plus the expression and a caret line, using
 * @file/@line/@col for the position of the expression's first byte. */
BlExpr *bl_expr_parse (const char *src, const char *file, guint line,
                       guint col, GError **error);
BlExpr *bl_expr_parse_at (const char *src, const BlExprLoc *loc, GError **error);
void bl_expr_free (BlExpr *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlExpr, bl_expr_free)

/* "    <source line>\n    ^^^^" for the span, CJK counted double-wide. */
char *bl_expr_caret (const char *src, BlSpan span);

/* ---- evaluation ---- */

typedef enum {
  TRUTH_FALSE,
  TRUTH_ROUNDING,   /* true only within rounding */
  TRUTH_TRUE
} BlTruth;

typedef enum {
  V_ABSENT,   /* a referenced table, row or column does not exist */
  V_NUM, V_BOOL, V_STR, V_TABLE, V_ROW, V_ROWS, V_CELL,
  V_CELLS     /* a column of several rows: BlCell* in .rows */
} BlValueKind;

/* Values are returned by value on every node of every evaluation: the
 * payloads share a union so that the struct stays at 80 bytes, small
 * enough for compilers to build it with a few stores instead of a string
 * instruction (which dominated the evaluator's time at 128 bytes). */
typedef struct {
  BlValueKind kind;
  BlTruth truth;          /* V_BOOL */
  const BlCell *cell;     /* V_CELL, and V_NUM straight from one cell */
  union {
    BlNum num;            /* V_NUM */
    const char *str;      /* V_STR */
    const BlTable *table; /* V_TABLE */
    const BlRow *row;     /* V_ROW */
    GPtrArray *rows;      /* V_ROWS: BlRow*, V_CELLS: BlCell*; read only:
                             owned by the context or borrowed from the
                             filing */
  };
} BlValue;

/* row_in()'s index (expr-func.c): for each part of the filing, label key
 * → row.  Built on first use and kept for the whole run over one filing,
 * which is one thread's; the pack, which threads share, is only read (its
 * 类 names → code index is made with the pack). */
typedef struct _BlJoinIndex BlJoinIndex;

/* Column lookups by name, remembered for one filing (expr-eval.c). */
typedef struct _BlColumnCache BlColumnCache;

typedef struct {
  const BlFiling *filing;
  const BlRulePack *pack;   /* for the code catalogue, or NULL */
  const char *kind;         /* `for: required`: the required table kind */
  const char *label;        /* … and the 公开NN label its family gives it */
  const BlTable *table;     /* the rule's current table, or NULL */
  const BlRow *row;         /* current row when iterating rows/cells */
  const BlColumn *column;   /* current column when iterating cells */
  gboolean column_used;     /* an evaluation looked at @column: set, never
                               cleared, by the evaluator */
  gboolean watch;           /* the filing has doubtful cells (unread, or of
                               a table whose reading is in doubt) */
  gboolean doubtful;        /* this evaluation read one: what it finds is
                               BL_CONFIDENCE_UNCERTAIN */
  gboolean unreadable;      /* this evaluation needed the figure of a cell
                               whose text is not a number (READ.cell said
                               so): what it finds is not a finding */
  guint n_checked, n_held;  /* the current rule's checks: made on a trusted
                               reading, and not made or made on a doubtful
                               one (engine.c tells the outcome from them) */
  guint lexicon_depth;      /* concept_value() calls inside one another */
  const BlAttribute *attribute;  /* the first table attribute it read
                               (总分): where a table-level finding points */
  GPtrArray *garbage;       /* row lists made during one evaluation */
  BlJoinIndex *joins;       /* made by init, freed by clear; copies of the
                               context share it */
  BlColumnCache *columns;   /* likewise */
  /* the first comparison that failed (or held only within rounding) */
  gboolean have_cmp;
  BlTruth cmp_truth;
  BlValue lhs, rhs;
  /* why the evaluation failed, if it did (Chinese, for diagnostics) */
  char *error;
  BlSpan error_span;
} BlEvalCtx;

void bl_eval_ctx_init (BlEvalCtx *ctx, const BlFiling *filing);
/* Frees what one evaluation made and forgets its comparison. */
void bl_eval_ctx_reset (BlEvalCtx *ctx);
void bl_eval_ctx_clear (BlEvalCtx *ctx);

/* Notes that the evaluation reads @cell (NULL: none), and returns it.
 * Every read of a cell goes through here. */
static inline const BlCell *
bl_eval__read (BlEvalCtx *ctx, const BlCell *cell)
{
  if (G_UNLIKELY (ctx->watch) && cell && !ctx->doubtful)
    ctx->doubtful = bl_cell__doubtful (cell);
  return cell;
}

/* Evaluates @node.  V_ABSENT means "not applicable here"; a failure sets
 * ctx->error and also returns V_ABSENT. */
BlValue bl_eval (BlEvalCtx *ctx, const BlNode *node);

/* The value as a number: cells, rows (projected onto the current or only
 * column) and numbers; FALSE for anything else. */
gboolean bl_value_as_num (BlEvalCtx *ctx, const BlValue *v, BlNum *out);

/* Whether @cell holds text where its column wants a figure (a misread or
 * mistyped amount: 12x34, #VALUE!); notes in @ctx that the evaluation
 * needed it. */
gboolean bl_eval__unreadable (BlEvalCtx *ctx, const BlCell *cell);

/* Does @row match one alternative of a selector? */
gboolean bl_row_sel_alt_matches (const BlSelAlt *alt, const BlRow *row);

/* Parses the inside of [ ]: "收入:总计|合计", "#27", "210", "*".  On
 * failure sets *err and returns the (partial) selector anyway. */
BlRowSel *bl_row_sel_parse (const char *text, const char **err);
void bl_row_sel_free (BlRowSel *sel);

BlJoinIndex *bl_eval__joins_new (void);
void bl_eval__joins_free (BlJoinIndex *joins);

/* Evaluates a builtin call (expr-func.c). */
BlValue bl_eval__call (BlEvalCtx *ctx, const BlNode *node);

/* The one cell a value is — a cell, or a row projected onto the current
 * (or its only) column — or NULL. */
const BlCell *bl_value_cell (BlEvalCtx *ctx, const BlValue *v);

/* The text of a string, or of the cell a value is (as printed); NULL for
 * anything else. */
const char *bl_value_text (BlEvalCtx *ctx, const BlValue *v);

/* The builtin function @name, for the parser to keep in its N_CALL node
 * (calls are dispatched through it, not by name); NULL for an unknown
 * name.  *min_args and *max_args (−1: any) bound its arguments. */
const void *bl_expr_function (const char *name, int *min_args, int *max_args);

#endif
