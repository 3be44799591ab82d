/* Evaluator: walks the tree against a filing.
 *
 * References that do not resolve (a table the filing lacks, a row a
 * template does not have) yield V_ABSENT, which propagates: the rule is
 * then not applicable, not violated.  `x?` turns an absent x into a blank.
 * Comparisons are three-valued: true, true only within rounding, false. */

#include "expr.h"

#include <string.h>

static BlValue
absent (void)
{
  return (BlValue) { .kind = V_ABSENT };
}

static BlValue
v_num (BlNum n, const BlCell *cell)
{
  return (BlValue) { .kind = V_NUM, .num = n, .cell = cell };
}

static BlValue
v_bool (BlTruth t)
{
  return (BlValue) { .kind = V_BOOL, .truth = t };
}

static BlValue
v_str (const char *s)
{
  return (BlValue) { .kind = V_STR, .str = s ? s : "" };
}

static BlValue
v_rows (BlEvalCtx *ctx, GPtrArray *rows)
{
  g_ptr_array_add (ctx->garbage, rows);
  return (BlValue) { .kind = V_ROWS, .rows = rows };
}

static BlValue
fail (BlEvalCtx *ctx, const BlNode *node, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static BlValue
fail (BlEvalCtx *ctx, const BlNode *node, const char *fmt, ...)
{
  va_list ap;
  if (ctx->error == NULL)
    {
      va_start (ap, fmt);
      ctx->error = g_strdup_vprintf (fmt, ap);
      va_end (ap);
      ctx->error_span = node->span;
    }
  return absent ();
}

#define COLUMN_CACHE_BITS 9

typedef struct {
  const BlPart *part;     /* NULL: an empty slot */
  const char *key;
  int no;
  gboolean ambiguous;
  const BlColumn *column;
} ColumnMemo;

struct _BlColumnCache {
  ColumnMemo slots[1 << COLUMN_CACHE_BITS];
};

void
bl_eval_ctx_init (BlEvalCtx *ctx, const BlFiling *filing)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->filing = filing;
  ctx->watch = bl_filing__has_doubt (filing);
  ctx->garbage = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  ctx->joins = bl_eval__joins_new ();
  ctx->columns = g_new0 (BlColumnCache, 1);
}

void
bl_eval_ctx_reset (BlEvalCtx *ctx)
{
  /* Once or twice per row and rule, and most evaluations make no list. */
  if (ctx->garbage->len > 0)
    g_ptr_array_set_size (ctx->garbage, 0);
  ctx->have_cmp = FALSE;
  ctx->attribute = NULL;
  ctx->doubtful = FALSE;
  ctx->unreadable = FALSE;
  g_clear_pointer (&ctx->error, g_free);
}

void
bl_eval_ctx_clear (BlEvalCtx *ctx)
{
  bl_eval_ctx_reset (ctx);
  g_ptr_array_free (ctx->garbage, TRUE);
  g_clear_pointer (&ctx->joins, bl_eval__joins_free);
  g_clear_pointer (&ctx->columns, g_free);
}

/* ---- cells and projections ---- */

static BlNum
cell_num (const BlCell *cell)
{
  BlNum n;
  if (cell->kind == BL_CELL_NUMBER)
    return bl_num_from_decimal (cell->value);
  /* A blank adds nothing, is exact, and goes with money or percentages;
   * so does a figure the reader could not place (the outcome is then in
   * doubt, see bl_eval__read). */
  n = bl_num_exact (0, BL_DIM_PLAIN);
  (void) cell;
  return n;
}

/* Selectors are matched where they are evaluated, for every row and cell,
 * so nothing here allocates: names are compared as (pointer, length), and
 * a column's lengths are known. */
static gboolean
same_text (const char *a, gsize alen, const char *b, gsize blen)
{
  return blen == alen && memcmp (a, b, alen) == 0;
}

/* Does @sel ("预算数/小计", @len bytes) name @c?  The last segment is the
 * column's name; the others must appear, in order, among its group
 * headers (the segments of its path before the last). */
static gboolean
path_matches (const BlColumn *c, const char *sel, gsize len)
{
  const char *end = sel + len, *last = end, *have = c->path, *have_end;

  while (last > sel && last[-1] != '/')
    last--;
  if (!same_text (last, (gsize) (end - last), c->key, c->key_len))
    return FALSE;
  have_end = strrchr (c->path, '/');    /* the groups end before the name */
  if (have_end == NULL)
    return last == sel;
  for (const char *w = sel; w < last - 1;)
    {
      const char *w_end = memchr (w, '/', (gsize) (last - 1 - w));
      gsize wlen;
      w_end = w_end ? w_end : last - 1;
      wlen = (gsize) (w_end - w);
      for (;;)
        {
          const char *h_end;
          if (have == NULL || have >= have_end)
            return FALSE;
          h_end = strchr (have, '/');
          if ((gsize) (h_end - have) == wlen && memcmp (have, w, wlen) == 0)
            {
              have = h_end + 1;
              break;
            }
          have = h_end + 1;
        }
      w = w_end + 1;
    }
  return TRUE;
}

/* One alternative (@len bytes of @key): a name, or a group path. */
static const BlColumn *
find_one_column (const BlPart *part, const char *key, gsize len, gboolean *ambiguous)
{
  const BlColumn *found = NULL;
  gboolean is_path = memchr (key, '/', len) != NULL;

  for (guint i = 0; i < part->columns->len; i++)
    {
      const BlColumn *c = g_ptr_array_index (part->columns, i);
      if (same_text (key, len, c->path, c->path_len))
        return c;
      if (is_path ? path_matches (c, key, len)
                  : same_text (key, len, c->key, c->key_len))
        {
          if (found)
            *ambiguous = TRUE;
          found = found ? found : c;
        }
    }
  return found;
}

/* Column @key ("小计|合计": the first alternative that exists wins) or
 * 栏次 @no in @part; NULL when absent.  *ambiguous is set when a name
 * matches several columns (use group/name then). */
static const BlColumn *
search_column (const BlPart *part, const char *key, int no, gboolean *ambiguous)
{
  *ambiguous = FALSE;
  if (key == NULL)
    {
      for (guint i = 0; i < part->columns->len; i++)
        {
          const BlColumn *c = g_ptr_array_index (part->columns, i);
          if (c->no == no)
            return c;
        }
      return NULL;
    }
  for (const char *alt = key;;)
    {
      const char *bar = strchr (alt, '|');
      gsize len = bar ? (gsize) (bar - alt) : strlen (alt);
      const BlColumn *c = find_one_column (part, alt, len, ambiguous);
      if (c || bar == NULL)
        return c;
      alt = bar + 1;
    }
}

/* The same lookups recur for every row of every table a rule runs on:
 * their outcomes are remembered per filing in a direct-mapped table, by
 * the identity of part and key.  Keys are the parsed rules' strings or
 * the filing's own column paths, which outlive the context. */
static const BlColumn *
find_column (BlEvalCtx *ctx, const BlPart *part, const char *key, int no,
             gboolean *ambiguous)
{
  guint64 h = ((guint64) (guintptr) part ^ ((guint64) (guintptr) key << 1)
               ^ (guint64) (guint) no) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  ColumnMemo *m = &ctx->columns->slots[h >> (64 - COLUMN_CACHE_BITS)];

  if (m->part != part || m->key != key || m->no != no)
    {
      m->column = search_column (part, key, no, &m->ambiguous);
      m->part = part;
      m->key = key;
      m->no = no;
    }
  *ambiguous = m->ambiguous;
  return m->column;
}

/* The cell of @row that a bare row stands for: the current column (by
 * name if the row is in another table), else the part's only column. */
static const BlCell *
project_row (BlEvalCtx *ctx, const BlRow *row, const char *key, int no)
{
  const BlPart *part = row->part;
  const BlColumn *c = NULL;
  gboolean ambiguous;

  if (key || no)
    c = find_column (ctx, part, key, no, &ambiguous);
  else
    {
      ctx->column_used = TRUE;
      if (ctx->column && ctx->column->part == part)
        c = ctx->column;
      else if (ctx->column)
        c = find_column (ctx, part, ctx->column->path, 0, &ambiguous);
    }
  if (c == NULL && !key && !no && part->columns->len == 1)
    c = g_ptr_array_index (part->columns, 0);
  return c ? &row->cells[c->index] : NULL;
}

gboolean
bl_value_as_num (BlEvalCtx *ctx, const BlValue *v, BlNum *out)
{
  const BlCell *cell = NULL;
  switch (v->kind)
    {
    case V_NUM:
      *out = v->num;
      return TRUE;
    case V_CELL:
      cell = v->cell;
      break;
    case V_ROW:
      cell = project_row (ctx, v->row, NULL, 0);
      break;
    default:
      return FALSE;
    }
  if (bl_eval__read (ctx, cell) == NULL || cell->kind == BL_CELL_TEXT)
    {
      if (cell)
        bl_eval__unreadable (ctx, cell);
      return FALSE;
    }
  *out = cell_num (cell);
  return TRUE;
}

gboolean
bl_eval__unreadable (BlEvalCtx *ctx, const BlCell *cell)
{
  /* A text column's cells are text by right; so are a table attribute's,
   * which has no column (项目名称, 等级). */
  if (cell->kind != BL_CELL_TEXT || cell->column == NULL || cell->column->text)
    return FALSE;
  ctx->unreadable = TRUE;
  return TRUE;
}

const BlCell *
bl_value_cell (BlEvalCtx *ctx, const BlValue *v)
{
  if (v->kind == V_ROW)
    return bl_eval__read (ctx, project_row (ctx, v->row, NULL, 0));
  return bl_eval__read (ctx, v->cell);
}

static BlValue
to_num_value (BlEvalCtx *ctx, const BlNode *node, BlValue v)
{
  BlNum n;
  if (v.kind == V_ABSENT || v.kind == V_NUM)
    return v;
  if (!bl_value_as_num (ctx, &v, &n))
    {
      if (v.kind == V_ROW)
        {
          /* A misread table's columns may be what makes the row have
           * several: the failure is in doubt too. */
          ctx->doubtful |= ctx->watch && v.row->part->table->doubt;
          return fail (ctx, node, "行“%s”有多列，需要指明列",
                       v.row->label ? v.row->label : "");
        }
      if (v.kind == V_CELL && v.cell->kind == BL_CELL_TEXT)
        return fail (ctx, node, "单元格“%s”不是数字", v.cell->text);
      return fail (ctx, node, "需要一个数值");
    }
  return v_num (n, bl_value_cell (ctx, &v));
}

/* ---- names and selectors ---- */

static BlValue
eval_name (BlEvalCtx *ctx, const BlNode *node)
{
  gboolean ambiguous;
  const BlColumn *c;
  const BlTable *t;

  switch (node->name_kind)
    {
    case NAME_ROW:
      return ctx->row ? (BlValue) { .kind = V_ROW, .row = ctx->row } : absent ();
    case NAME_TABLE:
      return ctx->table ? (BlValue) { .kind = V_TABLE, .table = ctx->table } : absent ();
    case NAME_THIS:
      ctx->column_used = TRUE;
      if (ctx->row == NULL || ctx->column == NULL)
        return fail (ctx, node, "'this' 只能用于逐单元格的规则 (for: cells)");
      return (BlValue) { .kind = V_CELL, .cell = &ctx->row->cells[ctx->column->index] };
    case NAME_KIND:
      t = bl_filing__find_kind (ctx->filing, node->table_kind);
      return t ? (BlValue) { .kind = V_TABLE, .table = t } : absent ();
    case NAME_COLUMN:
      break;
    }
  if (ctx->row == NULL)
    return fail (ctx, node, "“%s”既不是表类型，也不在逐行规则中", node->text);
  c = find_column (ctx, ctx->row->part, node->key, 0, &ambiguous);
  if (ambiguous)
    return fail (ctx, node, "列名“%s”不唯一，请写成 分组/列名", node->text);
  if (c == NULL)
    return absent ();
  return (BlValue) { .kind = V_CELL, .cell = &ctx->row->cells[c->index] };
}

gboolean
bl_row_sel_alt_matches (const BlSelAlt *alt, const BlRow *row)
{
  switch (alt->kind)
    {
    case SEL_ALL: return TRUE;
    case SEL_LINE: return row->line_no == alt->line_no;
    case SEL_CODE: return row->code && strcmp (row->code, alt->text) == 0;
    case SEL_LABEL: return row->key && strcmp (row->key, alt->text) == 0;
    default: return FALSE;
    }
}

static gboolean
part_selected (const BlRowSel *sel, const BlPart *part)
{
  return sel->part == NULL || g_strcmp0 (part->name, sel->part) == 0;
}

/* Alternatives are tried in order; the first that matches any row wins. */
static BlValue
select_rows (BlEvalCtx *ctx, const BlTable *t, const BlRowSel *sel)
{
  for (guint a = 0; a < sel->alts->len; a++)
    {
      const BlSelAlt *alt = &g_array_index (sel->alts, BlSelAlt, a);
      GPtrArray *all = alt->kind == SEL_ALL ? g_ptr_array_new () : NULL;
      for (guint p = 0; p < t->parts->len; p++)
        {
          const BlPart *part = g_ptr_array_index (t->parts, p);
          if (!part_selected (sel, part))
            continue;
          for (guint i = 0; i < part->rows->len; i++)
            {
              const BlRow *row = g_ptr_array_index (part->rows, i);
              if (all)
                g_ptr_array_add (all, (gpointer) row);
              else if (bl_row_sel_alt_matches (alt, row))
                return (BlValue) { .kind = V_ROW, .row = row };
            }
        }
      if (all)
        return v_rows (ctx, all);
    }
  return absent ();
}

static BlValue
eval_rowsel (BlEvalCtx *ctx, const BlNode *node)
{
  const BlTable *t = ctx->table;
  if (node->a)
    {
      BlValue base = bl_eval (ctx, node->a);
      if (base.kind == V_ABSENT)
        return base;
      if (base.kind != V_TABLE)
        return fail (ctx, node, "[…] 只能用于表");
      t = base.table;
    }
  if (t == NULL)
    return fail (ctx, node, "规则没有当前表，请写明表类型");
  return select_rows (ctx, t, node->sel);
}

static BlValue
eval_column (BlEvalCtx *ctx, const BlNode *node)
{
  BlValue base = bl_eval (ctx, node->a);
  const BlCell *cell;
  gboolean ambiguous = FALSE;

  if (base.kind == V_ABSENT)
    return base;
  if (base.kind == V_ROWS)
    {
      /* Project every row now: sum() then sees cells. */
      GPtrArray *cells = g_ptr_array_new ();
      for (guint i = 0; i < base.rows->len; i++)
        {
          const BlRow *row = g_ptr_array_index (base.rows, i);
          const BlColumn *c = find_column (ctx, row->part, node->text, node->col_no, &ambiguous);
          if (c)
            g_ptr_array_add (cells, (gpointer) &row->cells[c->index]);
        }
      BlValue v = v_rows (ctx, cells);
      v.kind = V_CELLS;
      return v;
    }
  if (base.kind != V_ROW)
    return fail (ctx, node, ".列 只能用于行");
  if (node->text && find_column (ctx, base.row->part, node->text, 0, &ambiguous) && ambiguous)
    return fail (ctx, node, "列名不唯一，请写成 分组/列名");
  cell = project_row (ctx, base.row, node->text, node->col_no);
  return cell ? (BlValue) { .kind = V_CELL, .cell = cell } : absent ();
}

/* ---- arithmetic and logic ---- */

static BlValue
eval_arith (BlEvalCtx *ctx, const BlNode *node)
{
  BlValue a = to_num_value (ctx, node->a, bl_eval (ctx, node->a));
  BlValue b;
  BlNum r;
  const char *why = NULL;
  gboolean ok;

  if (a.kind != V_NUM)
    return a;
  b = to_num_value (ctx, node->b, bl_eval (ctx, node->b));
  if (b.kind != V_NUM)
    return b;
  if (node->kind == N_ADD || node->kind == N_SUB)
    {
      bl_num_adopt_unit (&a.num, &b.num);
      bl_num_adopt_unit (&b.num, &a.num);
    }
  switch (node->kind)
    {
    case N_ADD: ok = bl_num_add (&a.num, &b.num, &r, &why); break;
    case N_SUB: ok = bl_num_sub (&a.num, &b.num, &r, &why); break;
    case N_MUL: ok = bl_num_mul (&a.num, &b.num, &r, &why); break;
    default:
      if (b.num.mid == 0)
        return absent ();   /* a rate of nothing is not applicable */
      ok = bl_num_div (&a.num, &b.num, &r, &why);
      break;
    }
  if (!ok)
    return fail (ctx, node, "%s", why);
  return v_num (r, NULL);
}

/* Booleans as they are; numbers, cells and rows by their amount (a blank
 * counts as zero); strings when not empty. */
static BlTruth
truth_of (BlEvalCtx *ctx, const BlValue *v)
{
  BlNum n;
  switch (v->kind)
    {
    case V_BOOL: return v->truth;
    case V_STR: return *v->str ? TRUTH_TRUE : TRUTH_FALSE;
    case V_NUM: case V_CELL: case V_ROW:
      if (bl_value_as_num (ctx, v, &n))
        return n.mid != 0 ? TRUTH_TRUE : TRUTH_FALSE;
      return TRUTH_TRUE;
    default: return TRUTH_TRUE;
    }
}

const char *
bl_value_text (BlEvalCtx *ctx, const BlValue *v)
{
  const BlCell *c;
  if (v->kind == V_STR)
    return v->str;
  c = bl_value_cell (ctx, v);
  return c && c->text ? c->text : (c ? "" : NULL);
}

static gboolean
is_text (BlEvalCtx *ctx, const BlValue *v)
{
  const BlCell *c = v->kind == V_CELL || v->kind == V_ROW ? bl_value_cell (ctx, v) : NULL;
  if (c)
    bl_eval__unreadable (ctx, c);
  return c && c->kind == BL_CELL_TEXT;
}

static BlTruth
compare_nums (const BlNode *node, const BlNum *a, const BlNum *b)
{
  BlConsistency c;
  switch (node->op)
    {
    case TOK_EQ:
      c = bl_num_consistency (a, b);
      return c == BL_CONSISTENT_EXACT ? TRUTH_TRUE
             : c == BL_CONSISTENT_ROUNDING ? TRUTH_ROUNDING : TRUTH_FALSE;
    case TOK_NE:
      return a->mid != b->mid ? TRUTH_TRUE : TRUTH_FALSE;
    case TOK_LE:
      return bl_num_cmp_mid (a, b) <= 0 ? TRUTH_TRUE
             : bl_num_may_le (a, b) ? TRUTH_ROUNDING : TRUTH_FALSE;
    case TOK_GE:
      return bl_num_cmp_mid (a, b) >= 0 ? TRUTH_TRUE
             : bl_num_may_le (b, a) ? TRUTH_ROUNDING : TRUTH_FALSE;
    case TOK_LT:
      return bl_num_cmp_mid (a, b) < 0 ? TRUTH_TRUE
             : (a->unbounded || b->unbounded || a->lo < b->hi) ? TRUTH_ROUNDING
             : TRUTH_FALSE;
    case TOK_GT:
      return bl_num_cmp_mid (a, b) > 0 ? TRUTH_TRUE
             : (a->unbounded || b->unbounded || b->lo < a->hi) ? TRUTH_ROUNDING
             : TRUTH_FALSE;
    default:
      g_assert_not_reached ();
    }
}

/* `a == b within t`: t is absolute (in a's unit when written bare) or,
 * written as a percentage, relative to the larger magnitude. */
static BlTruth
compare_within (const BlNode *node, const BlNum *a, const BlNum *b)
{
  bl_i128 diff = a->mid - b->mid, tol = node->num.mid;
  bl_i128 ma = a->mid < 0 ? -a->mid : a->mid, mb = b->mid < 0 ? -b->mid : b->mid;
  int e = bl_unit_money_exponent (a->unit);

  if (diff < 0)
    diff = -diff;
  if (node->relative)
    tol = tol * MAX (ma, mb) / bl_i128_pow10 (BL_NUM_SCALE_EXP);
  else if (node->num.dim == BL_DIM_PLAIN && a->dim == BL_DIM_MONEY && e > 0)
    tol *= bl_i128_pow10 ((guint) e);
  switch (node->op)
    {
    case TOK_EQ: return diff <= tol ? TRUTH_TRUE : TRUTH_FALSE;
    case TOK_NE: return diff > tol ? TRUTH_TRUE : TRUTH_FALSE;
    default: return compare_nums (node, a, b);
    }
}

static BlValue
eval_cmp (BlEvalCtx *ctx, const BlNode *node)
{
  BlValue a = bl_eval (ctx, node->a), b;
  BlTruth t;

  if (a.kind == V_ABSENT)
    return a;
  b = bl_eval (ctx, node->b);
  if (b.kind == V_ABSENT)
    return b;
  if (a.kind == V_STR || b.kind == V_STR || is_text (ctx, &a) || is_text (ctx, &b))
    {
      const char *sa = bl_value_text (ctx, &a), *sb = bl_value_text (ctx, &b);
      gboolean eq = sa && sb && strcmp (sa, sb) == 0;
      if (node->op != TOK_EQ && node->op != TOK_NE)
        return fail (ctx, node, "文字只能比较相等");
      return v_bool ((eq == (node->op == TOK_EQ)) ? TRUTH_TRUE : TRUTH_FALSE);
    }
  a = to_num_value (ctx, node->a, a);
  b = to_num_value (ctx, node->b, b);
  if (a.kind != V_NUM || b.kind != V_NUM)
    return absent ();
  bl_num_adopt_unit (&a.num, &b.num);
  bl_num_adopt_unit (&b.num, &a.num);
  t = node->flag ? compare_within (node, &a.num, &b.num)
                 : compare_nums (node, &a.num, &b.num);
  if (t != TRUTH_TRUE && !ctx->have_cmp)
    {
      ctx->have_cmp = TRUE;
      ctx->cmp_truth = t;
      ctx->lhs = a;
      ctx->rhs = b;
    }
  return v_bool (t);
}

static BlValue
eval_logic (BlEvalCtx *ctx, const BlNode *node)
{
  BlValue a = bl_eval (ctx, node->a), b;
  BlTruth ta, tb;

  if (a.kind == V_ABSENT)
    return a;
  ta = truth_of (ctx, &a);
  if (node->kind == N_AND && ta == TRUTH_FALSE)
    return v_bool (TRUTH_FALSE);
  if (node->kind == N_OR && ta == TRUTH_TRUE)
    return v_bool (TRUTH_TRUE);
  b = bl_eval (ctx, node->b);
  if (b.kind == V_ABSENT)
    return b;
  tb = truth_of (ctx, &b);
  return v_bool (node->kind == N_AND ? MIN (ta, tb) : MAX (ta, tb));
}

BlValue
bl_eval (BlEvalCtx *ctx, const BlNode *node)
{
  BlValue v;

  switch (node->kind)
    {
    case N_NUM: return v_num (node->num, NULL);
    case N_STR: return v_str (node->text);
    case N_BOOL: return v_bool (node->flag ? TRUTH_TRUE : TRUTH_FALSE);
    case N_NAME: return eval_name (ctx, node);
    case N_ROWSEL: return eval_rowsel (ctx, node);
    case N_COLUMN: return eval_column (ctx, node);
    case N_CALL: return bl_eval__call (ctx, node);
    case N_ADD: case N_SUB: case N_MUL: case N_DIV:
      return eval_arith (ctx, node);
    case N_AND: case N_OR: return eval_logic (ctx, node);
    case N_CMP: return eval_cmp (ctx, node);
    case N_NEG:
      v = to_num_value (ctx, node->a, bl_eval (ctx, node->a));
      if (v.kind == V_NUM)
        {
          bl_num_neg (&v.num);
          v.cell = NULL;
        }
      return v;
    case N_NOT:
      v = bl_eval (ctx, node->a);
      if (v.kind == V_ABSENT)
        return v;
      switch (truth_of (ctx, &v))
        {
        case TRUTH_TRUE: return v_bool (TRUTH_FALSE);
        case TRUTH_FALSE: return v_bool (TRUTH_TRUE);
        default: return v_bool (TRUTH_ROUNDING);
        }
    case N_OPTIONAL:
      v = bl_eval (ctx, node->a);
      if (v.kind == V_ABSENT && ctx->error == NULL)
        return v_num (bl_num_zero (), NULL);
      return v;
    }
  g_assert_not_reached ();
}
