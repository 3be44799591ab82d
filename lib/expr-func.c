/* Builtin functions of the rule language.  Each takes the call node and
 * evaluates its own arguments, so that exists() can look at an argument
 * that is absent without the absence propagating. */

#include "expr.h"
#include "narrative.h"
#include "rulepack.h"

#include <stdlib.h>
#include <string.h>

typedef BlValue (*FuncFn) (BlEvalCtx *ctx, const BlNode *call);

typedef struct {
  const char *name;
  int min_args, max_args;   /* max -1: any */
  FuncFn fn;
} Func;

#define ARG(i) ((const BlNode *) g_ptr_array_index (call->args, (i)))

static BlValue
absent (void)
{
  return (BlValue) { .kind = V_ABSENT };
}

static BlValue
v_bool (gboolean b)
{
  return (BlValue) { .kind = V_BOOL, .truth = b ? TRUTH_TRUE : TRUTH_FALSE };
}

static BlValue
v_rows (BlEvalCtx *ctx, GPtrArray *rows)
{
  g_ptr_array_add (ctx->garbage, rows);
  return (BlValue) { .kind = V_ROWS, .rows = rows };
}

static BlValue
error_value (BlEvalCtx *ctx, const BlNode *node, const char *msg)
{
  if (ctx->error == NULL)
    {
      ctx->error = g_strdup (msg);
      ctx->error_span = node->span;
    }
  return absent ();
}

/* Evaluates argument @i, which must be a row. */
static gboolean
row_arg (BlEvalCtx *ctx, const BlNode *call, guint i, const BlRow **out,
         BlValue *bad)
{
  BlValue v = bl_eval (ctx, ARG (i));
  if (v.kind == V_ROW)
    {
      *out = v.row;
      return TRUE;
    }
  *bad = v.kind == V_ABSENT ? v : error_value (ctx, ARG (i), "参数需要是一行");
  return FALSE;
}

/* Adds @v (a number, a cell, a row, or a list of them) into @acc. */
static gboolean
accumulate (BlEvalCtx *ctx, const BlNode *node, const BlValue *v, BlNum *acc)
{
  const char *why = NULL;
  BlNum n;

  if (v->kind == V_ROWS || v->kind == V_CELLS)
    {
      for (guint i = 0; i < v->rows->len; i++)
        {
          BlValue item = v->kind == V_ROWS
            ? (BlValue) { .kind = V_ROW, .row = g_ptr_array_index (v->rows, i) }
            : (BlValue) { .kind = V_CELL, .cell = g_ptr_array_index (v->rows, i) };
          if (!accumulate (ctx, node, &item, acc))
            return FALSE;
        }
      return TRUE;
    }
  if (!bl_value_as_num (ctx, v, &n))
    {
      error_value (ctx, node, "sum() 的参数需要是数值、行或列");
      return FALSE;
    }
  if (!bl_num_add (acc, &n, acc, &why))
    {
      error_value (ctx, node, why);
      return FALSE;
    }
  return TRUE;
}

static BlValue
fn_sum (BlEvalCtx *ctx, const BlNode *call)
{
  BlNum acc = bl_num_zero ();
  for (guint i = 0; i < call->args->len; i++)
    {
      BlValue v = bl_eval (ctx, ARG (i));
      if (v.kind == V_ABSENT || !accumulate (ctx, ARG (i), &v, &acc))
        return absent ();
    }
  return (BlValue) { .kind = V_NUM, .num = acc };
}

static BlValue
fn_count (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  guint n;
  if (v.kind == V_ABSENT)
    return v;
  n = (v.kind == V_ROWS || v.kind == V_CELLS) ? v.rows->len : 1;
  return (BlValue) { .kind = V_NUM,
                     .num = bl_num_exact ((bl_i128) n * bl_i128_pow10 (BL_NUM_SCALE_EXP),
                                          BL_DIM_PLAIN) };
}

/* filled(list): how many cells of a list are not blank — whether every
 * member of a group states the figure. */
static BlValue
fn_filled (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  guint n = 0;
  if (v.kind == V_ABSENT)
    return v;
  if (v.kind != V_CELLS && v.kind != V_CELL)
    return error_value (ctx, ARG (0), "filled() 需要一列单元格，如 filled(same(row, '组').金额)");
  for (guint i = 0; i < (v.kind == V_CELLS ? v.rows->len : 1); i++)
    {
      const BlCell *c = v.kind == V_CELLS ? g_ptr_array_index (v.rows, i) : v.cell;
      n += bl_eval__read (ctx, c)->kind != BL_CELL_BLANK;
    }
  return (BlValue) { .kind = V_NUM,
                     .num = bl_num_exact ((bl_i128) n * bl_i128_pow10 (BL_NUM_SCALE_EXP),
                                          BL_DIM_PLAIN) };
}

static BlValue
fn_children (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  if (row->children)    /* borrowed: row lists are only read */
    return (BlValue) { .kind = V_ROWS, .rows = row->children };
  return v_rows (ctx, g_ptr_array_new ());
}

static BlValue
fn_has_children (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  return v_bool (row->children != NULL && row->children->len > 0);
}

static BlValue
fn_parent (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  return row->parent ? (BlValue) { .kind = V_ROW, .row = row->parent } : absent ();
}

/* Rows of @part with from < index < to. */
static BlValue
row_range (BlEvalCtx *ctx, const BlPart *part, gint64 from, gint64 to)
{
  GPtrArray *out = g_ptr_array_new ();
  for (gint64 i = from + 1; i < to && i < (gint64) part->rows->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (part->rows, i));
  return v_rows (ctx, out);
}

static BlValue
fn_before (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  return row_range (ctx, row->part, -1, row->index);
}

static BlValue
fn_between (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *a, *b;
  BlValue bad;
  if (!row_arg (ctx, call, 0, &a, &bad) || !row_arg (ctx, call, 1, &b, &bad))
    return bad;
  if (a->part != b->part)
    return error_value (ctx, call, "between() 的两行需要在表的同一部分");
  return row_range (ctx, a->part, a->index, b->index);
}

static BlValue
fn_rows (BlEvalCtx *ctx, const BlNode *call)
{
  const BlTable *t = ctx->table;
  const char *part_name = NULL;
  GPtrArray *out;

  if (call->args->len > 0)
    {
      BlValue v = bl_eval (ctx, ARG (0));
      if (v.kind == V_ABSENT)
        return v;
      if (v.kind != V_TABLE)
        return error_value (ctx, ARG (0), "rows() 的第一个参数需要是表");
      t = v.table;
    }
  if (call->args->len > 1)
    {
      BlValue v = bl_eval (ctx, ARG (1));
      if (v.kind != V_STR)
        return error_value (ctx, ARG (1), "rows() 的第二个参数需要是部分名称");
      part_name = v.str;
    }
  if (t == NULL)
    return absent ();
  out = g_ptr_array_new ();
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      if (part_name && g_strcmp0 (part->name, part_name) != 0)
        continue;
      g_ptr_array_extend (out, part->rows, NULL, NULL);
    }
  return v_rows (ctx, out);
}

static BlValue
fn_exists (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  return v_bool (v.kind != V_ABSENT);
}

static BlValue
fn_blank (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  if (v.kind == V_ABSENT)
    return v_bool (TRUE);
  if (v.kind == V_ROW || v.kind == V_CELL)
    {
      const BlCell *cell = bl_value_cell (ctx, &v);
      return v_bool (cell && cell->kind == BL_CELL_BLANK);
    }
  return v_bool (FALSE);
}

static BlValue
fn_percent (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const BlCell *cell;
  if (v.kind == V_ABSENT)
    return v;
  cell = bl_value_cell (ctx, &v);
  return v_bool (cell && cell->kind == BL_CELL_NUMBER
                 && cell->value.unit == BL_UNIT_PERCENT);
}

static BlValue
fn_abs (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  BlNum n;
  if (v.kind == V_ABSENT)
    return v;
  if (!bl_value_as_num (ctx, &v, &n))
    return error_value (ctx, ARG (0), "abs() 需要数值");
  bl_num_abs (&n);
  return (BlValue) { .kind = V_NUM, .num = n };
}

/* min()/max() of numbers, cells, rows, or lists of them (blanks skipped
 * in lists). */
static gboolean
min_max_one (BlEvalCtx *ctx, const BlValue *v, int sign, BlNum *best, gboolean *have)
{
  BlNum n;
  if (v->kind == V_ROWS || v->kind == V_CELLS)
    {
      for (guint i = 0; i < v->rows->len; i++)
        {
          BlValue item = v->kind == V_ROWS
            ? (BlValue) { .kind = V_ROW, .row = g_ptr_array_index (v->rows, i) }
            : (BlValue) { .kind = V_CELL, .cell = g_ptr_array_index (v->rows, i) };
          const BlCell *c = bl_value_cell (ctx, &item);
          if (c && c->kind == BL_CELL_BLANK)
            continue;
          if (!min_max_one (ctx, &item, sign, best, have))
            return FALSE;
        }
      return TRUE;
    }
  if (!bl_value_as_num (ctx, v, &n))
    return FALSE;
  if (!*have || bl_num_cmp_mid (&n, best) * sign > 0)
    *best = n;
  *have = TRUE;
  return TRUE;
}

static BlValue
min_max (BlEvalCtx *ctx, const BlNode *call, int sign)
{
  BlNum best = { 0 };
  gboolean have = FALSE;
  for (guint i = 0; i < call->args->len; i++)
    {
      BlValue v = bl_eval (ctx, ARG (i));
      if (v.kind == V_ABSENT)
        return v;
      if (!min_max_one (ctx, &v, sign, &best, &have))
        return error_value (ctx, ARG (i), "min()/max() 需要数值");
    }
  return have ? (BlValue) { .kind = V_NUM, .num = best } : absent ();
}

/* figure(x): the number as written, without its unit — 628.04 元 and
 * 628.04 万元 have the same figure (a unit slip). */
static BlValue
fn_figure (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const BlCell *c;
  BlDecimal d;
  if (v.kind == V_ABSENT)
    return v;
  c = bl_value_cell (ctx, &v);
  if (c == NULL || c->kind != BL_CELL_NUMBER)
    return absent ();
  d = c->value;
  d.unit = BL_UNIT_NONE;
  return (BlValue) { .kind = V_NUM, .num = bl_num_from_decimal (d) };
}

static BlValue fn_min (BlEvalCtx *c, const BlNode *n) { return min_max (c, n, -1); }
static BlValue fn_max (BlEvalCtx *c, const BlNode *n) { return min_max (c, n, 1); }

static BlValue
row_string (BlEvalCtx *ctx, const BlNode *call, gboolean code)
{
  const BlRow *row;
  BlValue bad;
  const char *s;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  s = code ? row->code : row->label;
  return (BlValue) { .kind = V_STR, .str = s ? s : "" };
}

static BlValue fn_code (BlEvalCtx *c, const BlNode *n) { return row_string (c, n, TRUE); }
static BlValue fn_label (BlEvalCtx *c, const BlNode *n) { return row_string (c, n, FALSE); }

/* 类 1, 款 2, 项 3; 0 for a row without a code. */
static BlValue
fn_level (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  gsize len;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  len = row->code ? strlen (row->code) : 0;
  return (BlValue) { .kind = V_NUM,
                     .num = bl_num_exact ((bl_i128) (len >= 3 ? (len - 1) / 2 : 0)
                                          * bl_i128_pow10 (BL_NUM_SCALE_EXP),
                                          BL_DIM_PLAIN) };
}

static BlValue
fn_startswith (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue s = bl_eval (ctx, ARG (0)), prefix = bl_eval (ctx, ARG (1));
  if (s.kind == V_ABSENT || prefix.kind == V_ABSENT)
    return absent ();
  if (s.kind != V_STR || prefix.kind != V_STR)
    return error_value (ctx, call, "startswith() 需要文字参数");
  return v_bool (g_str_has_prefix (s.str, prefix.str));
}

/* is(row, '合计|总计'): the row matches the selector (parsed at load). */
static BlValue
fn_is (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  if (!row_arg (ctx, call, 0, &row, &bad))
    return bad;
  if (call->sel->part && g_strcmp0 (call->sel->part, row->part->name) != 0)
    return v_bool (FALSE);
  for (guint i = 0; i < call->sel->alts->len; i++)
    if (bl_row_sel_alt_matches (&g_array_index (call->sel->alts, BlSelAlt, i), row))
      return v_bool (TRUE);
  return v_bool (FALSE);
}

/* roots(): coded rows with no parent row — the 类 rows of a functional
 * table — in the current row's part, or the whole current table. */
static BlValue
fn_roots (BlEvalCtx *ctx, const BlNode *call)
{
  GPtrArray *out;
  (void) call;
  if (ctx->table == NULL)
    return absent ();
  out = g_ptr_array_new ();
  for (guint p = 0; p < ctx->table->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (ctx->table->parts, p);
      if (ctx->row && ctx->row->part != part)
        continue;
      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlRow *row = g_ptr_array_index (part->rows, i);
          if (row->code && row->parent == NULL)
            g_ptr_array_add (out, (gpointer) row);
        }
    }
  return v_rows (ctx, out);
}

static BlValue
v_str (const char *s)
{
  return (BlValue) { .kind = V_STR, .str = s ? s : "" };
}

/* The table argument @i, or the current table when there is none. */
static gboolean
table_arg (BlEvalCtx *ctx, const BlNode *call, guint i, const BlTable **out,
           BlValue *bad)
{
  BlValue v;
  if (call->args->len <= i)
    {
      *out = ctx->table;
      *bad = absent ();
      return ctx->table != NULL;
    }
  v = bl_eval (ctx, ARG (i));
  if (v.kind == V_TABLE)
    {
      *out = v.table;
      return TRUE;
    }
  *bad = v.kind == V_ABSENT ? v : error_value (ctx, ARG (i), "参数需要是一张表");
  return FALSE;
}

/* kind(): the kind of the required table (for: required) or the current
 * table; template(): the filing's template family. */
static BlValue
fn_kind (BlEvalCtx *ctx, const BlNode *call)
{
  (void) call;
  return ctx->kind ? v_str (ctx->kind) : ctx->table ? v_str (ctx->table->kind) : absent ();
}

static BlValue
fn_template (BlEvalCtx *ctx, const BlNode *call)
{
  (void) call;
  return v_str (ctx->filing->template_name);
}

static BlValue
fn_statement (BlEvalCtx *ctx, const BlNode *call)
{
  const BlTable *t;
  BlValue bad;
  if (!table_arg (ctx, call, 0, &t, &bad))
    return bad;
  return v_str (t->statement);
}

/* all_blank(T): no value cell of the table holds a figure. */
static BlValue
fn_all_blank (BlEvalCtx *ctx, const BlNode *call)
{
  const BlTable *t;
  BlValue bad;
  if (!table_arg (ctx, call, 0, &t, &bad))
    return bad;
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlRow *row = g_ptr_array_index (part->rows, i);
          for (guint c = 0; c < part->columns->len; c++)
            if (bl_eval__read (ctx, &row->cells[c])->kind != BL_CELL_BLANK)
              return v_bool (FALSE);
        }
    }
  return v_bool (TRUE);
}

static BlValue
fn_has_unit (BlEvalCtx *ctx, const BlNode *call)
{
  const BlTable *t;
  BlValue bad;
  if (!table_arg (ctx, call, 0, &t, &bad))
    return bad;
  return v_bool (t->unit_declared);
}

/* catalog_name(code) / catalog_kind(code): the 政府收支分类科目 entry the
 * pack's catalogue has for a code; absent when it has none. */
static const BlCatalogEntry *
catalog_entry (BlEvalCtx *ctx, const BlNode *call, BlValue *bad)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const BlCatalogEntry *e;
  if (v.kind != V_STR)
    {
      *bad = v.kind == V_ABSENT ? v : error_value (ctx, ARG (0), "需要科目编码文字，如 code(row)");
      return NULL;
    }
  e = ctx->pack && *v.str ? g_hash_table_lookup (ctx->pack->catalog, v.str) : NULL;
  *bad = absent ();
  return e;
}

static BlValue
fn_catalog_name (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue bad;
  const BlCatalogEntry *e = catalog_entry (ctx, call, &bad);
  return e ? v_str (e->name) : bad;
}

static BlValue
fn_catalog_kind (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue bad;
  const BlCatalogEntry *e = catalog_entry (ctx, call, &bad);
  return e ? v_str (e->kind) : bad;
}

/* ---- joins: the row of another table for the same 科目 ---------------- */

struct _BlJoinIndex {
  const BlFiling *filing;   /* what by_part and groups index */
  GHashTable *by_part;      /* BlPart* → (label key → first BlRow*), keys
                               borrowed from the filing's strings */
  GHashTable *groups;       /* BlColumn* → (cell text → GPtrArray of the
                               part's rows with it, in order): same() and
                               earlier() ran over the part for every row,
                               quadratic in a long report's claims */
};

BlJoinIndex *
bl_eval__joins_new (void)
{
  return g_new0 (BlJoinIndex, 1);
}

void
bl_eval__joins_free (BlJoinIndex *joins)
{
  if (joins == NULL)
    return;
  if (joins->by_part)
    g_hash_table_destroy (joins->by_part);
  if (joins->groups)
    g_hash_table_destroy (joins->groups);
  g_free (joins);
}

/* @ctx's index, emptied when it held another filing's. */
static BlJoinIndex *
joins_for (BlEvalCtx *ctx)
{
  BlJoinIndex *j = ctx->joins;

  if (j->filing != ctx->filing)
    {
      g_clear_pointer (&j->by_part, g_hash_table_destroy);
      g_clear_pointer (&j->groups, g_hash_table_destroy);
      j->filing = ctx->filing;
    }
  return j;
}

/* A label never names a 款 or 项 when it stands alone (其他支出 is a 类
 * and, under several 类, a 款): only rows without a code or with a 类
 * code are found by label. */
static gboolean
top_level (const BlRow *row)
{
  return row->code == NULL || strlen (row->code) == 3;
}

/* Label key → the first top-level row of @part with it. */
static GHashTable *
label_index (BlEvalCtx *ctx, const BlPart *part)
{
  BlJoinIndex *j = joins_for (ctx);
  GHashTable *idx;

  if (j->by_part == NULL)
    j->by_part = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify) g_hash_table_unref);
  if ((idx = g_hash_table_lookup (j->by_part, part)) != NULL)
    return idx;
  idx = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *r = g_ptr_array_index (part->rows, i);
      if (r->key && *r->key && top_level (r)
          && !g_hash_table_contains (idx, r->key))
        g_hash_table_insert (idx, (gpointer) r->key, (gpointer) r);
    }
  g_hash_table_insert (j->by_part, (gpointer) part, idx);
  return idx;
}

/* The code of the 支出功能分类 类 whose catalogue name has label key
 * @key, or NULL. */
static const char *
class_code (BlEvalCtx *ctx, const char *key)
{
  if (ctx->pack == NULL || key == NULL)
    return NULL;
  return g_hash_table_lookup (ctx->pack->classes, key);
}

static gboolean
in_part (const BlRow *row, const char *part)
{
  return part == NULL || g_strcmp0 (row->part->name, part) == 0;
}

static const BlRow *
row_by_code (const BlTable *t, const char *code, const char *part)
{
  for (const BlRow *r = bl_table__row_by_code (t, code); r; r = r->same_code)
    if (in_part (r, part))
      return r;
  return NULL;
}

/* The row of @t (in part @part, or the first part that has one) for the
 * 科目 of @row: the same code; for a row without one, the same label key,
 * else the code the catalogue gives a 类 of that name.  Both lookups are
 * hashed: rules join row by row, over tables of hundreds of rows. */
static const BlRow *
join_row (BlEvalCtx *ctx, const BlTable *t, const BlRow *row, const char *part)
{
  const char *code;

  if (row->code)
    return row_by_code (t, row->code, part);
  if (row->key == NULL || *row->key == '\0')
    return NULL;
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *pt = g_ptr_array_index (t->parts, p);
      const BlRow *r;
      if (part && g_strcmp0 (pt->name, part) != 0)
        continue;
      if ((r = g_hash_table_lookup (label_index (ctx, pt), row->key)) != NULL)
        return r;
    }
  code = class_code (ctx, row->key);
  return code ? row_by_code (t, code, part) : NULL;
}

/* row_in(T, row), row_in(T, row, '部分'): @row's 科目 in table T. */
static BlValue
fn_row_in (BlEvalCtx *ctx, const BlNode *call)
{
  const BlTable *t;
  const BlRow *row, *found;
  const char *part = NULL;
  BlValue bad;

  if (!table_arg (ctx, call, 0, &t, &bad)
      || !row_arg (ctx, call, 1, &row, &bad))
    return bad;
  if (call->args->len > 2)
    {
      BlValue v = bl_eval (ctx, ARG (2));
      if (v.kind != V_STR)
        return error_value (ctx, ARG (2),
                            "row_in() 的第三个参数需要是部分名称");
      part = v.str;
    }
  found = join_row (ctx, t, row, part);
  return found ? (BlValue) { .kind = V_ROW, .row = found } : absent ();
}

/* catalog_code(x): the code of the 支出功能分类 类 that x (a string, or
 * a row's label) names in the pack's catalogue. */
static BlValue
fn_catalog_code (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  g_autofree char *key = NULL;
  const char *code;

  if (v.kind == V_ABSENT)
    return v;
  if (v.kind == V_ROW)
    code = class_code (ctx, v.row->key);
  else if (v.kind == V_STR)
    code = class_code (ctx, (key = bl_label_key (v.str)));
  else
    return error_value (ctx, ARG (0),
                        "catalog_code() 需要科目名称文字或一行");
  return code ? v_str (code) : absent ();
}

/* attr('总分'): a table attribute — a number when it is one, else text. */
static BlValue
fn_attr (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue name = bl_eval (ctx, ARG (0));
  const BlTable *t;
  const BlAttribute *a;
  BlValue bad;

  if (name.kind != V_STR)
    return error_value (ctx, ARG (0), "attr() 需要属性名称文字，如 attr('总分')");
  if (!table_arg (ctx, call, 1, &t, &bad))
    return bad;
  if ((a = bl_table__attribute (t, name.str)) == NULL || a->cell.kind == BL_CELL_BLANK)
    return absent ();
  if (ctx->attribute == NULL)
    ctx->attribute = a;
  if (a->cell.kind == BL_CELL_NUMBER)
    return (BlValue) { .kind = V_NUM, .num = bl_num_from_decimal (a->cell.value) };
  return v_str (a->cell.text);
}

/* count_tables('project_performance', '等级', '优'): how many tables of a
 * kind the filing has — with the attribute given, those whose attribute
 * reads that text.  The kind is a string: a bare kind name stands for its
 * first table. */
static BlValue
fn_count_tables (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue kind = bl_eval (ctx, ARG (0)), name = { 0 }, want = { 0 };
  guint n = 0;

  if (kind.kind != V_STR)
    return error_value (ctx, ARG (0), "count_tables() 的第一个参数需要是表的种类文字");
  if (call->args->len == 3)
    {
      name = bl_eval (ctx, ARG (1));
      want = bl_eval (ctx, ARG (2));
      if (name.kind == V_ABSENT || want.kind == V_ABSENT)
        return absent ();
      if (name.kind != V_STR || bl_value_text (ctx, &want) == NULL)
        return error_value (ctx, call, "count_tables() 需要属性名称和属性值");
    }
  else if (call->args->len != 1)
    return error_value (ctx, call, "count_tables() 需要一个或三个参数");
  for (guint i = 0; i < ctx->filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (ctx->filing->tables, i);
      const BlAttribute *a;
      if (strcmp (t->kind, kind.str) != 0)
        continue;
      if (call->args->len == 1)
        n++;
      else if ((a = bl_table__attribute (t, name.str)) != NULL && a->cell.text
               && strcmp (a->cell.text, bl_value_text (ctx, &want)) == 0)
        n++;
    }
  return (BlValue) { .kind = V_NUM,
                     .num = bl_num_exact ((bl_i128) n * bl_i128_pow10 (BL_NUM_SCALE_EXP),
                                          BL_DIM_PLAIN) };
}

/* sum_tables('project_performance', '预算执行', '资金总额', '全年执行数'):
 * the cell in that part, row (by label) and column, added over every table
 * of the kind.  Figures of another dimension than the first (a percentage
 * in an amount column, which PF.unit_slip reports) are left out, so the sum
 * never overstates; absent when no table has the cell. */
static BlValue
fn_sum_tables (BlEvalCtx *ctx, const BlNode *call)
{
  const char *s[4];
  g_autofree char *label = NULL;
  BlNum acc = bl_num_zero ();
  gboolean any = FALSE;

  for (guint i = 0; i < 4; i++)
    {
      BlValue v = bl_eval (ctx, ARG (i));
      if (v.kind != V_STR)
        return error_value (ctx, ARG (i), "sum_tables() 需要表的种类、部分、行和列的名称文字");
      s[i] = v.str;
    }
  label = bl_label_key (s[2]);
  for (guint i = 0; i < ctx->filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (ctx->filing->tables, i);
      if (strcmp (t->kind, s[0]) != 0)
        continue;
      for (guint p = 0; p < t->parts->len; p++)
        {
          const BlPart *part = g_ptr_array_index (t->parts, p);
          const BlColumn *col;
          if (g_strcmp0 (part->name ? part->name : "", s[1]) != 0)
            continue;   /* '' is the part of a table printed in one */
          col = bl_part__column (part, s[3]);
          for (guint r = 0; col && r < part->rows->len; r++)
            {
              const BlRow *row = g_ptr_array_index (part->rows, r);
              const BlCell *cell = &row->cells[col->index];
              const char *why = NULL;
              BlNum n;
              if (g_strcmp0 (row->key, label) != 0
                  || bl_eval__read (ctx, cell)->kind != BL_CELL_NUMBER)
                continue;
              n = bl_num_from_decimal (cell->value);
              if (any && n.dim != acc.dim)
                continue;
              if (!bl_num_add (&acc, &n, &acc, &why))
                return error_value (ctx, call, why);
              any = TRUE;
            }
        }
    }
  return any ? (BlValue) { .kind = V_NUM, .num = acc } : absent ();
}

/* The 预算执行 cell of the one project_performance form whose 项目名称
 * names @subject, in the column of prose quantity @quantity; NULL when no
 * form or more than one does. */
static const BlCell *
form_cell (const BlFiling *filing, const char *subject, const char *quantity)
{
  static const char *const columns[][2] = {
    { "年初预算", "年初预算数" }, { "全年预算", "全年预算数" }, { "预算数", "全年预算数" },
    { "执行数", "全年执行数" }, { "执行率", "执行率" },
  };
  const char *column = NULL;
  const BlCell *found = NULL;
  gboolean matched = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (columns) && !column; i++)
    if (strcmp (columns[i][0], quantity) == 0)
      column = columns[i][1];
  for (guint i = 0; column && i < filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      const BlAttribute *name = bl_table__attribute (t, "项目名称");
      const BlPart *part = t->parts->len ? g_ptr_array_index (t->parts, 0) : NULL;
      if (strcmp (t->kind, "project_performance") != 0 || name == NULL || name->cell.text == NULL
          || !bl_subject__same (name->cell.text, subject)
          || part == NULL || g_strcmp0 (part->name, "预算执行") != 0 || part->rows->len == 0)
        continue;
      const BlColumn *col = bl_part__column (part, column);
      if (matched)
        return NULL;    /* two forms answer to the name: which is meant? */
      matched = TRUE;
      if (col)
        found = &((const BlRow *) g_ptr_array_index (part->rows, 0))->cells[col->index];
    }
  return found && found->kind == BL_CELL_NUMBER ? found : NULL;
}

/* form_value(主体, 指标): what the project's self-evaluation form says of
 * a budget quantity the prose states (年初预算 → its 年初预算数, 执行数 →
 * 全年执行数); absent without exactly one form of that project. */
static BlValue
fn_form_value (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue subject = bl_eval (ctx, ARG (0)), quantity = bl_eval (ctx, ARG (1));
  const char *s, *q;
  const BlCell *cell;

  if (subject.kind == V_ABSENT || quantity.kind == V_ABSENT)
    return absent ();
  s = bl_value_text (ctx, &subject);
  q = bl_value_text (ctx, &quantity);
  if (s == NULL || q == NULL)
    return error_value (ctx, call, "form_value() 需要项目名称和预算指标");
  cell = bl_eval__read (ctx, form_cell (ctx->filing, s, q));
  return cell ? (BlValue) { .kind = V_NUM, .num = bl_num_from_decimal (cell->value), .cell = cell }
              : absent ();
}

/* text(x): a cell's text as printed, a string as it is. */
static BlValue
fn_text (BlEvalCtx *ctx, const BlNode *call)
{
  const BlNode *arg = ARG (0);
  BlValue v;
  const char *s;

  /* text(x?) of a column the table lacks is '' (x? alone would be 0) */
  if (arg->kind == N_OPTIONAL)
    {
      v = bl_eval (ctx, arg->a);
      if (v.kind == V_ABSENT && ctx->error == NULL)
        return v_str ("");
    }
  else
    v = bl_eval (ctx, arg);
  if (v.kind == V_ABSENT)
    return v;
  s = bl_value_text (ctx, &v);
  return s ? v_str (s) : error_value (ctx, ARG (0), "text() 需要单元格或文字");
}

/* band(x, t1, l1, t2, l2, …, otherwise): the label of the first
 * threshold x reaches — band(总分, 90, '优', 80, '良', 60, '中', '差'). */
static BlValue
fn_band (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue x = bl_eval (ctx, ARG (0));
  BlNum n;

  if (x.kind == V_ABSENT)
    return x;
  if (!bl_value_as_num (ctx, &x, &n))
    return error_value (ctx, ARG (0), "band() 的第一个参数需要数值");
  if (call->args->len % 2 != 0)
    return error_value (ctx, call, "band(x, 阈值, 标签, …, 其余) 的参数个数不对");
  for (guint i = 1; i + 1 < call->args->len; i += 2)
    {
      BlValue t = bl_eval (ctx, ARG (i));
      BlNum tn;
      if (!bl_value_as_num (ctx, &t, &tn))
        return error_value (ctx, ARG (i), "band() 的阈值需要数值");
      bl_num_adopt_unit (&tn, &n);
      if (bl_num_cmp_mid (&n, &tn) >= 0)
        return bl_eval (ctx, ARG (i + 1));
    }
  return bl_eval (ctx, ARG (call->args->len - 1));
}

/* Reads a target or a result as printed: "≥90%", "100%", "78件",
 * "7.96万", "≤5天" → comparator, number.  FALSE for text like 稳步提升. */
static gboolean
parse_measure (const char *s, int *cmp, BlDecimal *d)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *op = NULL, *num = NULL;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("^\\s*(≥|>=|＞|>|≤|<=|＜|<|=|＝)?\\s*"
                                         "([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(%|％)?",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  if (s == NULL || !g_regex_match (re, s, 0, &m))
    return FALSE;
  op = g_match_info_fetch (m, 1);
  num = g_match_info_fetch (m, 2);
  if (!bl_decimal_parse (num, d, NULL))
    return FALSE;
  *cmp = (!*op || strstr ("=＝", op)) ? 0 : (strstr ("≤<=＜<", op) ? -1 : 1);
  return TRUE;
}

/* target_met(target, actual): whether a result meets a numeric target;
 * a bare target ("100%", "78件") is a floor.  Absent when either is not a
 * number (稳步提升, 有效缓解). */
static BlValue
fn_target_met (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue tv = bl_eval (ctx, ARG (0)), av = bl_eval (ctx, ARG (1));
  const char *ts = bl_value_text (ctx, &tv), *as = bl_value_text (ctx, &av);
  BlDecimal t, a;
  int tcmp, acmp;
  BlNum tn, an;

  if (!parse_measure (ts, &tcmp, &t) || !parse_measure (as, &acmp, &a))
    return absent ();
  tn = bl_num_from_decimal (t);
  an = bl_num_from_decimal (a);
  (void) acmp;
  if (tcmp < 0)
    return v_bool (bl_num_cmp_mid (&an, &tn) <= 0);
  return v_bool (bl_num_cmp_mid (&an, &tn) >= 0);
}

/* matches(text, 'regex'): the pattern is compiled with the pack. */
static BlValue
fn_matches (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const char *s;
  if (v.kind == V_ABSENT)
    return v;
  s = bl_value_text (ctx, &v);
  return v_bool (s && g_regex_match (call->regex, s, 0, NULL));
}

/* The column same() and earlier() compare by: NULL with *bad set when the
 * call is wrong, NULL alone when the row has no text there. */
static const BlColumn *
key_column (BlEvalCtx *ctx, const BlNode *call, const BlRow **row, BlValue *bad)
{
  BlValue col;
  const BlColumn *c;

  *bad = absent ();
  if (!row_arg (ctx, call, 0, row, bad))
    return NULL;
  col = bl_eval (ctx, ARG (1));
  if (col.kind != V_STR)
    {
      *bad = error_value (ctx, ARG (1), "需要列名文字作第二个参数");
      return NULL;
    }
  c = bl_part__column ((*row)->part, col.str);
  if (c == NULL || (*row)->cells[c->index].kind == BL_CELL_BLANK)
    return NULL;
  return c;
}

/* Cell texts compared as g_strcmp0() does: NULL is a text of its own. */
static guint
text_hash (gconstpointer s)
{
  return s ? g_str_hash (s) : 0;
}

static gboolean
text_equal (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

/* The rows of @row's part whose text in column @c is @row's, in order
 * (@row among them); the index of @c is made on first use. */
static const GPtrArray *
same_rows (BlEvalCtx *ctx, const BlColumn *c, const BlRow *row)
{
  BlJoinIndex *j = joins_for (ctx);
  GHashTable *idx;

  if (j->groups == NULL)
    j->groups = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_hash_table_unref);
  if ((idx = g_hash_table_lookup (j->groups, c)) == NULL)
    {
      idx = g_hash_table_new_full (text_hash, text_equal, NULL,
                                   (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < row->part->rows->len; i++)
        {
          BlRow *r = g_ptr_array_index (row->part->rows, i);
          const char *text = r->cells[c->index].text;
          GPtrArray *rows = g_hash_table_lookup (idx, text);
          if (rows == NULL)
            g_hash_table_insert (idx, (gpointer) text, rows = g_ptr_array_new ());
          g_ptr_array_add (rows, r);
        }
      g_hash_table_insert (j->groups, (gpointer) c, idx);
    }
  return g_hash_table_lookup (idx, row->cells[c->index].text);
}

/* earlier(row, '键'): the first row above @row in its part with the same
 * text in that column — where a restated figure was first stated. */
static BlValue
fn_earlier (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row, *first;
  BlValue bad;
  const BlColumn *c = key_column (ctx, call, &row, &bad);

  if (c == NULL)
    return bad;
  first = g_ptr_array_index (same_rows (ctx, c, row), 0);
  if (first->index < row->index)
    return (BlValue) { .kind = V_ROW, .row = first };
  return absent ();
}

/* place(x): where a row or figure stands in the source, for messages
 * that point at a second place: 第 12 行, 第 3 页, Sheet1!C4. */
static BlValue
fn_place (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const BlCell *cell = v.kind == V_ROW ? NULL : bl_value_cell (ctx, &v);
  BlPos pos = v.kind == V_ROW ? v.row->pos : cell ? cell->pos : (BlPos) { 0 };
  g_autofree char *s = NULL;
  char ref[16];

  if (pos.sheet && pos.col && pos.line)
    {
      bl_cell_name (pos.col, pos.line, ref);
      s = g_strdup_printf ("%s!%s", pos.sheet, ref);
    }
  else if (pos.page)
    s = g_strdup_printf ("第 %u 页", pos.page);
  else if (pos.line)
    s = g_strdup_printf ("第 %u 行", pos.line);
  else
    return absent ();
  return v_str (bl_filing__intern ((BlFiling *) ctx->filing, s));
}

/* same(row, '组'): the rows of the row's part whose text in that column
 * equals the row's (the row included). */
static BlValue
fn_same (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *row;
  BlValue bad;
  const BlColumn *c = key_column (ctx, call, &row, &bad);
  GPtrArray *out;

  if (c == NULL)
    return bad;
  out = g_ptr_array_copy ((GPtrArray *) same_rows (ctx, c, row), NULL, NULL);
  return v_rows (ctx, out);
}

/* The section the current row (a claim) stands under. */
static const char *
current_section (BlEvalCtx *ctx)
{
  if (ctx->row == NULL)
    return NULL;
  for (guint i = 0; i < ctx->row->part->columns->len; i++)
    {
      const BlColumn *c = g_ptr_array_index (ctx->row->part->columns, i);
      if (strcmp (c->name, "章节") == 0)
        return ctx->row->cells[c->index].text;
    }
  return NULL;
}

/* concept_value(概念): the ledger's value for a concept the prose names,
 * through the pack's lexicon; absent when the lexicon does not know it
 * or the filing lacks the table. */
static BlValue
fn_concept_value (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const char *text = v.kind == V_ABSENT ? NULL : bl_value_text (ctx, &v);
  const BlLexEntry *e;
  BlEvalCtx sub;
  BlValue out;

  if (text == NULL || ctx->pack == NULL
      || (e = bl_rule_pack__lexicon_lookup (ctx->pack, text, current_section (ctx))) == NULL)
    return absent ();
  /* the loader refuses cycles it can see; a phrase computed at run time
   * could still lead round */
  if (ctx->lexicon_depth >= 16)
    return error_value (ctx, call, "concept_value() 经词表循环引用自身");
  sub = *ctx;
  sub.lexicon_depth++;
  sub.table = NULL;
  sub.row = NULL;
  sub.column = NULL;
  out = bl_eval (&sub, e->ref->root);
  ctx->error = sub.error;
  return out;
}

/* The table a claim about a class of expenditure refers to: under
 * 一般公共预算 the 05 table, else the 03 table. */
static const BlTable *
class_table (BlEvalCtx *ctx)
{
  const char *section = current_section (ctx);
  const BlTable *t = NULL;
  if (section == NULL || strstr (section, "一般公共预算") || strstr (section, "财政拨款"))
    t = bl_filing_find_table (ctx->filing, "general_budget_expenditure");
  return t ? t : bl_filing_find_table (ctx->filing, "expenditure");
}

/* class_row('卫生健康支出（类）'): the amount (first column, 小计 or
 * 合计) of the 类 row of that name. */
static BlValue
fn_class_row (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const char *text = v.kind == V_ABSENT ? NULL : bl_value_text (ctx, &v);
  const BlTable *t = class_table (ctx);
  g_autofree char *key = NULL;
  char *cut;

  if (text == NULL || t == NULL)
    return absent ();
  key = bl_label_key (text);
  if ((cut = strstr (key, "(类)")) == NULL)
    return absent ();
  *cut = '\0';
  if (g_str_has_suffix (key, "支出"))
    key[strlen (key) - strlen ("支出")] = '\0';
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlRow *r = g_ptr_array_index (part->rows, i);
          if (r->code && strlen (r->code) == 3 && r->key && g_str_has_prefix (r->key, key)
              && (strcmp (r->key + strlen (key), "") == 0 || strcmp (r->key + strlen (key), "支出") == 0)
              && part->columns->len > 0)
            return (BlValue) { .kind = V_CELL, .cell = &r->cells[0] };   /* 小计/合计 */
        }
    }
  return absent ();
}

/* ---- chains: "A（类）B（款）C（项）" ------------------------------------- */

/* The names of a chain, as label keys: [0] the 类, [1] the 款, [2] the 项
 * (NULL where the text stops earlier).  FALSE when @text is no chain. */
static gboolean
split_chain (const char *text, char *names[3])
{
  static const char *const marks[3] = { "(类)", "(款)", "(项)" };
  g_autofree char *key = bl_label_key (text);
  const char *p = key;

  for (int l = 0; l < 3; l++)
    {
      const char *m = strstr (p, marks[l]);
      names[l] = NULL;
      if (m == NULL)
        continue;
      names[l] = g_strndup (p, (gsize) (m - p));
      p = m + strlen (marks[l]);
    }
  /* list numbers before a level: "1、一般公共服务支出", "(一)公共安全", "1．法院" */
  for (int l = 0; l < 3; l++)
    if (names[l])
      {
        static GRegex *marker;
        char *bare = g_regex_replace (bl_regex_once (&marker, "^(?:[0-9]+[.、．]|\\([0-9一二三四五六七八九十]+\\))+"),
                                      names[l], -1, 0, "", 0, NULL);
        g_free (names[l]);
        names[l] = bare;
      }
  if (names[0] && names[1])
    return TRUE;
  for (int l = 0; l < 3; l++)
    g_clear_pointer (&names[l], g_free);
  return FALSE;
}

/* Whether row label key @key is @name, give or take a trailing 支出. */
static gboolean
names_row (const char *key, const char *name)
{
  gsize n = strlen (name);
  if (g_str_has_suffix (name, "支出"))
    n -= strlen ("支出");
  return key && strncmp (key, name, n) == 0
         && (strcmp (key + n, "") == 0 || strcmp (key + n, "支出") == 0);
}

/* The row of @t with a code of @len digits under @prefix (any, when NULL)
 * that @name names; NULL when none. */
static const BlRow *
chain_row (const BlTable *t, const char *prefix, gsize len, const char *name)
{
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; part->columns->len && i < part->rows->len; i++)
        {
          const BlRow *r = g_ptr_array_index (part->rows, i);
          if (r->code && strlen (r->code) == len && (prefix == NULL || g_str_has_prefix (r->code, prefix))
              && names_row (r->key, name))
            return r;
        }
    }
  return NULL;
}

/* Whether the 款 of 项 row @xiang is the one @name writes, in full or
 * shortened (医疗保障 for 医疗保障管理事务): then the chain named the 项's own
 * 款, only not as the table does. */
static gboolean
same_kuan (const BlRow *xiang, const char *name)
{
  g_autofree char *code = g_strndup (xiang->code, 5);
  const BlRow *kuan = bl_table__row_by_code (xiang->part->table, code);
  return kuan && kuan->key && (strstr (kuan->key, name) || strstr (name, kuan->key));
}

/* Resolves a chain level by level in the class table: *@item the row the
 * chain names (its last level under the levels before), *@stray the row of
 * that name elsewhere under the same 类 when the chain's 款 is not its
 * parent.  FALSE when @text is no chain or its 类 is not in the table. */
static gboolean
resolve_chain (BlEvalCtx *ctx, const BlNode *call, const BlRow **item, const BlRow **stray)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const char *text = v.kind == V_ABSENT ? NULL : bl_value_text (ctx, &v);
  const BlTable *t = class_table (ctx);
  char *names[3] = { NULL, NULL, NULL };
  const BlRow *cls, *kuan, *xiang = NULL;
  gboolean ok = FALSE;

  *item = *stray = NULL;
  if (text == NULL || t == NULL || !split_chain (text, names))
    return FALSE;
  if ((cls = chain_row (t, NULL, 3, names[0])) != NULL)
    {
      ok = TRUE;
      kuan = chain_row (t, cls->code, 5, names[1]);
      if (names[2] && kuan)
        xiang = chain_row (t, kuan->code, 7, names[2]);
      *item = names[2] ? xiang : kuan;
      if (names[2] && xiang == NULL)
        *stray = chain_row (t, cls->code, 7, names[2]);
      if (*stray && same_kuan (*stray, names[1]))
        *stray = NULL;
    }
  for (int l = 0; l < 3; l++)
    g_free (names[l]);
  return ok;
}

/* item_row('A（类）B（款）C（项）'): the amount (first column) of the row
 * the chain names in the class table — C under B under A; absent when the
 * table has no such row. */
static BlValue
fn_item_row (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *item, *stray;
  if (!resolve_chain (ctx, call, &item, &stray) || item == NULL)
    return absent ();
  return (BlValue) { .kind = V_CELL, .cell = &item->cells[0] };
}

/* item_stray('A（类）B（款）C（项）'): where the 项 C really stands — "code
 * 款名" of its 款 — when the table has no C under B but one under another
 * 款 of A; absent otherwise. */
static BlValue
fn_item_stray (BlEvalCtx *ctx, const BlNode *call)
{
  const BlRow *item, *stray, *parent;
  g_autofree char *where = NULL;
  g_autofree char *kuan = NULL;

  if (!resolve_chain (ctx, call, &item, &stray) || stray == NULL)
    return absent ();
  kuan = g_strndup (stray->code, 5);
  parent = bl_table__row_by_code (stray->part->table, kuan);
  where = g_strdup_printf ("%s %s", kuan, parent && parent->label ? parent->label : "");
  return v_str (bl_filing__intern ((BlFiling *) ctx->filing, g_strstrip (where)));
}

/* find_amount(x): the coded row of the class's table whose first figure is
 * x — where an amount the prose names really stands. */
static BlValue
fn_find_amount (BlEvalCtx *ctx, const BlNode *call)
{
  BlValue v = bl_eval (ctx, ARG (0));
  const BlTable *t = class_table (ctx);
  BlNum x;

  if (v.kind == V_ABSENT || t == NULL || !bl_value_as_num (ctx, &v, &x) || x.mid == 0)
    return absent ();
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len && part->columns->len; i++)
        {
          const BlRow *r = g_ptr_array_index (part->rows, i);
          BlNum n;
          if (r->code == NULL
              || bl_eval__read (ctx, &r->cells[0])->kind != BL_CELL_NUMBER)
            continue;
          n = bl_num_from_decimal (r->cells[0].value);
          if (bl_num_consistency (&n, &x) == BL_CONSISTENT_EXACT)
            return (BlValue) { .kind = V_ROW, .row = r };
        }
    }
  return absent ();
}

/* year(): the filing's year. */
static BlValue
fn_year (BlEvalCtx *ctx, const BlNode *call)
{
  (void) call;
  if (ctx->filing->year == 0)
    return absent ();
  return (BlValue) { .kind = V_NUM,
                     .num = bl_num_exact ((bl_i128) ctx->filing->year * bl_i128_pow10 (BL_NUM_SCALE_EXP),
                                          BL_DIM_PLAIN) };
}

/* foreign_year(text): a budget year the text names (20NN年度) that is neither the
 * filing's nor the one before or after it, or a 20NN年度(部门)决算 that is not
 * the filing's. */
static BlValue
fn_foreign_year (BlEvalCtx *ctx, const BlNode *call)
{
  static GRegex *re;
  BlValue v = bl_eval (ctx, ARG (0));
  const char *s = v.kind == V_ABSENT ? NULL : bl_value_text (ctx, &v);
  g_autoptr(GMatchInfo) m = NULL;
  int year = ctx->filing->year;

  if (s == NULL || year == 0)
    return absent ();
  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("(20[0-9]{2})\\s*年度((?:部门|单位)决算)?", G_REGEX_OPTIMIZE, 0, NULL));
  for (g_regex_match (re, s, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *y = g_match_info_fetch (m, 1), *what = g_match_info_fetch (m, 2);
      int n = atoi (y);
      /* the year before is fine in a comparison, not as the filing's own */
      if (n < year - 1 || n > year + 1 || (n != year && *what))
        return v_str (bl_filing__intern ((BlFiling *) ctx->filing, y));
    }
  return absent ();
}

static const Func funcs[] = {
  { "matches", 2, 2, fn_matches },
  { "same", 2, 2, fn_same },
  { "earlier", 2, 2, fn_earlier },
  { "form_value", 2, 2, fn_form_value },
  { "place", 1, 1, fn_place },
  { "concept_value", 1, 1, fn_concept_value },
  { "class_row", 1, 1, fn_class_row },
  { "item_row", 1, 1, fn_item_row },
  { "item_stray", 1, 1, fn_item_stray },
  { "find_amount", 1, 1, fn_find_amount },
  { "foreign_year", 1, 1, fn_foreign_year },
  { "year", 0, 0, fn_year },
  { "figure", 1, 1, fn_figure },
  { "attr", 1, 2, fn_attr },
  { "count_tables", 1, 3, fn_count_tables },
  { "sum_tables", 4, 4, fn_sum_tables },
  { "text", 1, 1, fn_text },
  { "band", 4, -1, fn_band },
  { "target_met", 2, 2, fn_target_met },
  { "kind", 0, 0, fn_kind },
  { "template", 0, 0, fn_template },
  { "statement", 0, 1, fn_statement },
  { "all_blank", 0, 1, fn_all_blank },
  { "has_unit", 0, 1, fn_has_unit },
  { "catalog_name", 1, 1, fn_catalog_name },
  { "catalog_kind", 1, 1, fn_catalog_kind },
  { "catalog_code", 1, 1, fn_catalog_code },
  { "row_in", 2, 3, fn_row_in },
  { "is", 2, 2, fn_is },
  { "roots", 0, 0, fn_roots },
  { "sum", 1, -1, fn_sum },
  { "count", 1, 1, fn_count },
  { "filled", 1, 1, fn_filled },
  { "children", 1, 1, fn_children },
  { "has_children", 1, 1, fn_has_children },
  { "parent", 1, 1, fn_parent },
  { "before", 1, 1, fn_before },
  { "between", 2, 2, fn_between },
  { "rows", 0, 2, fn_rows },
  { "exists", 1, 1, fn_exists },
  { "blank", 1, 1, fn_blank },
  { "percent", 1, 1, fn_percent },
  { "abs", 1, 1, fn_abs },
  { "min", 1, -1, fn_min },
  { "max", 1, -1, fn_max },
  { "code", 1, 1, fn_code },
  { "label", 1, 1, fn_label },
  { "level", 1, 1, fn_level },
  { "startswith", 2, 2, fn_startswith },
};

/* Functions by name, for the parser: a hash built once. */
static const Func *
lookup (const char *name)
{
  static GHashTable *by_name;
  if (g_once_init_enter (&by_name))
    {
      GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < G_N_ELEMENTS (funcs); i++)
        g_hash_table_insert (h, (gpointer) funcs[i].name, (gpointer) &funcs[i]);
      g_once_init_leave (&by_name, h);
    }
  return g_hash_table_lookup (by_name, name);
}

const void *
bl_expr_function (const char *name, int *min_args, int *max_args)
{
  const Func *f = lookup (name);
  if (f == NULL)
    return NULL;
  *min_args = f->min_args;
  *max_args = f->max_args;
  return f;
}

BlValue
bl_eval__call (BlEvalCtx *ctx, const BlNode *node)
{
  const Func *f = node->fn;
  g_assert (f != NULL);   /* set by the parser */
  return f->fn (ctx, node);
}
