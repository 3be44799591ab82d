/* The engine: runs rules over a filing and turns outcomes into findings.
 *
 * A rule runs once per table of its kinds (or once per filing), per row or
 * per cell as its `for` says.  A check that holds only within rounding is
 * a notice whatever the rule's severity; one that cannot be evaluated is
 * reported too, so nothing fails silently. */

#include "rulepack.h"
#include "diag.h"
#include "kinds.h"
#include "template.h"

#include <string.h>

#define ROUNDING_NOTE "（在舍入误差范围内）"

/* Decimals needed to show @n exactly in @unit (money moves between units
 * by powers of ten). */
static guint
digits_in (const BlNum *n, BlUnit unit)
{
  int from = bl_unit_money_exponent ((BlUnit) n->unit);
  int to = bl_unit_money_exponent (unit);
  int d = n->digits;
  if (n->dim == BL_DIM_MONEY && from >= 0 && to >= 0)
    d += to - from;
  return (guint) CLAMP (d, 0, BL_NUM_SCALE_EXP);
}

static char *
format_with_unit (const BlNum *n, BlUnit unit, guint digits)
{
  g_autofree char *num = bl_num_format_in (n, unit, digits);
  if (unit == BL_UNIT_PERCENT)
    return g_strconcat (num, "%", NULL);
  if (unit == BL_UNIT_NONE)
    return g_steal_pointer (&num);
  return g_strconcat (num, " ", bl_unit_name (unit), NULL);
}

static char *
format_num (const BlNum *n)
{
  return format_with_unit (n, (BlUnit) n->unit, n->digits);
}

static const char *
row_name (const BlRow *row, char **tmp)
{
  if (row->code && row->label)
    return *tmp = g_strconcat (row->code, " ", row->label, NULL);
  if (row->label)
    return row->label;
  if (row->code)
    return row->code;
  return *tmp = row->line_no ? g_strdup_printf ("行次%d", row->line_no)
                             : g_strdup_printf ("第%u行", row->index + 1);
}

/* The |lhs − rhs| of the failed comparison, in lhs's unit. */
static gboolean
difference (const BlEvalCtx *ctx, BlNum *out)
{
  const char *why;
  return ctx->have_cmp && bl_num_sub (&ctx->lhs.num, &ctx->rhs.num, out, &why);
}

static void
render_special (GString *s, const BlTplPart *part, const BlEvalCtx *ctx)
{
  const char *name = part->text;
  g_autofree char *tmp = NULL;
  BlNum d;

  if (strcmp (name, "lhs") == 0 && ctx->have_cmp)
    tmp = format_num (&ctx->lhs.num);
  else if (strcmp (name, "rhs") == 0 && ctx->have_cmp)
    tmp = format_num (&ctx->rhs.num);
  else if (strcmp (name, "diff") == 0 && difference (ctx, &d))
    {
      BlUnit u = (BlUnit) ctx->lhs.num.unit;
      bl_num_abs (&d);
      tmp = format_with_unit (&d, u, MAX (digits_in (&ctx->lhs.num, u),
                                          digits_in (&ctx->rhs.num, u)));
    }
  else if (strcmp (name, "row") == 0 && ctx->row)
    {
      g_autofree char *t2 = NULL;
      g_string_append (s, row_name (ctx->row, &t2));
      return;
    }
  else if (strcmp (name, "code") == 0 && ctx->row)
    g_string_append (s, ctx->row->code ? ctx->row->code : "");
  else if (strcmp (name, "column") == 0 && ctx->column)
    g_string_append (s, ctx->column->name);
  else if (strcmp (name, "table") == 0 && ctx->table)
    g_string_append (s, ctx->table->title);
  else if (strcmp (name, "part") == 0 && ctx->row && ctx->row->part->name)
    g_string_append (s, ctx->row->part->name);
  else if (strcmp (name, "kind") == 0 && (ctx->kind || ctx->table))
    {
      const BlTableKind *k = bl_table_kind_lookup (ctx->kind ? ctx->kind : ctx->table->kind);
      g_string_append (s, k ? k->title : ctx->kind);
    }
  else if (strcmp (name, "label") == 0 && (ctx->label || (ctx->table && ctx->table->label)))
    g_string_append (s, ctx->label ? ctx->label : ctx->table->label);
  else
    g_string_append (s, "?");
  if (tmp)
    g_string_append (s, tmp);
}

/* Placeholder expressions run in the same context as the check, but must
 * not disturb the comparison it recorded. */
static void
render_expr (GString *s, const BlTplPart *part, BlEvalCtx *ctx)
{
  BlEvalCtx sub = *ctx;
  BlValue v;
  BlNum n;
  g_autofree char *tmp = NULL;

  sub.have_cmp = FALSE;
  sub.error = NULL;
  v = bl_eval (&sub, part->expr->root);
  if (v.kind == V_STR)
    g_string_append (s, v.str);
  else if (v.kind == V_CELL && v.cell->kind == BL_CELL_TEXT)
    g_string_append (s, v.cell->text);
  else if (v.kind == V_ROW && !bl_value_as_num (&sub, &v, &n))
    g_string_append (s, row_name (v.row, &tmp));
  else if (v.kind == V_BOOL)
    g_string_append (s, v.truth != TRUTH_FALSE ? "是" : "否");
  else if (v.kind != V_ABSENT && bl_value_as_num (&sub, &v, &n))
    g_string_append (s, (tmp = format_num (&n)));
  else
    g_string_append (s, "—");
  g_free (sub.error);
}

static char *
render_message (const BlRule *rule, BlEvalCtx *ctx)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < rule->message->len; i++)
    {
      const BlTplPart *part = g_ptr_array_index (rule->message, i);
      if (part->expr)
        render_expr (s, part, ctx);
      else if (part->special)
        render_special (s, part, ctx);
      else
        g_string_append (s, part->text);
    }
  return g_string_free (s, FALSE);
}

static void
add_cell_location (BlDiagnostic *d, const BlCell *cell)
{
  g_autofree char *tmp = NULL;
  char ref[16];
  const BlTable *t = cell->row->part->table;
  BlLocation loc = { 0 };

  loc.table = t->title;
  loc.row = row_name (cell->row, &tmp);
  loc.column = cell->column->name;
  loc.line = cell->pos.line ? cell->pos.line : cell->row->pos.line;
  loc.column_no = cell->pos.col;
  loc.page = cell->pos.page;
  loc.sheet = cell->pos.sheet;
  if (loc.sheet && loc.column_no && loc.line)
    {
      bl_cell_name (loc.column_no, loc.line, ref);
      loc.cell = ref;
    }
  bl_diagnostic__add_location (d, &loc);
}

static void
add_locations (BlDiagnostic *d, const BlEvalCtx *ctx)
{
  const BlCell *a = ctx->have_cmp ? ctx->lhs.cell : NULL;
  const BlCell *b = ctx->have_cmp ? ctx->rhs.cell : NULL;
  BlLocation loc = { 0 };
  g_autofree char *tmp = NULL;

  if (a)
    add_cell_location (d, a);
  if (b)
    add_cell_location (d, b);
  if (a || b)
    return;
  if (ctx->row && ctx->column)
    {
      add_cell_location (d, &ctx->row->cells[ctx->column->index]);
      return;
    }
  if (ctx->table)
    {
      loc.table = ctx->table->title;
      loc.line = ctx->table->pos.line;
      loc.page = ctx->table->pos.page;
      loc.sheet = ctx->table->pos.sheet;
    }
  if (ctx->row)
    {
      loc.row = row_name (ctx->row, &tmp);
      loc.line = ctx->row->pos.line;
      loc.page = ctx->row->pos.page;
    }
  else if (ctx->attribute && ctx->attribute->cell.pos.line)
    {
      /* "总分 91": a table's own figure, where the table printed it */
      loc.row = ctx->attribute->name;
      loc.line = ctx->attribute->cell.pos.line;
      loc.page = ctx->attribute->cell.pos.page;
    }
  bl_diagnostic__add_location (d, &loc);
}

static void
add_values (BlDiagnostic *d, const BlEvalCtx *ctx)
{
  BlUnit u;
  guint digits;
  BlNum diff;
  g_autofree char *exp = NULL, *act = NULL, *dif = NULL;

  if (!difference (ctx, &diff))
    return;
  u = (BlUnit) ctx->lhs.num.unit;
  digits = MAX (digits_in (&ctx->lhs.num, u), digits_in (&ctx->rhs.num, u));
  act = bl_num_format_in (&ctx->lhs.num, u, digits);
  exp = bl_num_format_in (&ctx->rhs.num, u, digits);
  dif = bl_num_format_in (&diff, u, digits);
  bl_diagnostic__set_values (d, exp, act, dif, bl_unit_name (u));
}

/* A rule that reaches the same figure twice (a claim restated in the
 * next sentence) reports it once: same rule, message and place. */
static gboolean
already_reported (const BlDiagnostics *out, const BlDiagnostic *d)
{
  const BlLocation *l = bl_diagnostic_get_n_locations (d)
                        ? bl_diagnostic_get_location (d, 0) : NULL;
  guint n = bl_diagnostics_get_n (out);
  for (guint i = n; i-- > 0 && n - i <= 64;)   /* a restatement is near */
    {
      const BlDiagnostic *e = bl_diagnostics_get (out, i);
      const BlLocation *m;
      if (strcmp (bl_diagnostic_get_rule (e), bl_diagnostic_get_rule (d)) != 0)
        return FALSE;           /* rules run one after another */
      m = bl_diagnostic_get_n_locations (e) ? bl_diagnostic_get_location (e, 0) : NULL;
      if (strcmp (bl_diagnostic_get_message (e), bl_diagnostic_get_message (d)) == 0
          && (l == NULL) == (m == NULL)
          && (l == NULL || (l->line == m->line && l->column_no == m->column_no
                            && l->page == m->page)))
        return TRUE;
    }
  return FALSE;
}

static void
report (const BlRule *rule, BlEvalCtx *ctx, BlTruth truth, BlDiagnostics *out)
{
  g_autofree char *msg = NULL;
  BlSeverity sev = rule->severity;
  BlDiagnostic *d;

  if (ctx->error)
    {
      msg = g_strdup_printf ("规则无法计算：%s", ctx->error);
      sev = MIN (sev, BL_SEVERITY_WARNING);
    }
  else
    {
      msg = render_message (rule, ctx);
      if (truth == TRUTH_ROUNDING)
        {
          char *full = g_strconcat (msg, ROUNDING_NOTE, NULL);
          g_free (msg);
          msg = full;
          sev = BL_SEVERITY_NOTICE;
        }
    }
  d = bl_diagnostic__new (rule->id, rule->title, sev,
                          ctx->doubtful ? BL_CONFIDENCE_UNCERTAIN
                                        : rule->confidence, msg);
  add_locations (d, ctx);
  if (!ctx->error)
    add_values (d, ctx);
  if (already_reported (out, d))
    bl_diagnostic__free (d);
  else
    bl_diagnostics__add (out, d);
}

static BlTruth
value_truth (const BlValue *v)
{
  if (v->kind == V_BOOL)
    return v->truth;
  if (v->kind == V_NUM)
    return v->num.mid != 0 ? TRUTH_TRUE : TRUTH_FALSE;
  return TRUTH_TRUE;
}

/* A `for: cells` rule's condition is mostly about the row (is(row, '合计'),
 * has_children(row)): when evaluating it did not look at the current
 * column, its outcome holds for every cell of the row and is kept here —
 * with whether it read a doubtful cell, which the check then inherits. */
typedef enum {
  WHERE_UNKNOWN, WHERE_HOLDS, WHERE_HOLDS_DOUBTFUL, WHERE_FAILS
} WhereMemo;

/* One evaluation of where + check in the current context; @memo is the
 * row's WhereMemo when iterating cells, else NULL. */
static void
run_here (const BlRule *rule, BlEvalCtx *ctx, BlDiagnostics *out,
          WhereMemo *memo)
{
  BlValue v;
  gboolean holds, doubtful = memo && *memo == WHERE_HOLDS_DOUBTFUL;
  /* a rule run on a table in doubt is in doubt, whatever it reads: its
   * labels and codes were read as badly as its figures */
  gboolean in_doubt = ctx->watch && ctx->table && ctx->table->doubt;

  if (memo && *memo == WHERE_FAILS)
    return;
  bl_eval_ctx_reset (ctx);
  if (rule->where && !(memo && (*memo == WHERE_HOLDS || doubtful)))
    {
      ctx->column_used = FALSE;
      v = bl_eval (ctx, rule->where->root);
      if (ctx->unreadable)
        {
          /* whether the rule applies hangs on a figure nobody can read */
          ctx->n_held++;
          if (memo && !ctx->column_used)
            *memo = WHERE_FAILS;
          return;
        }
      if (ctx->error)
        goto failed;
      /* A condition must hold outright: "less than, within rounding"
       * is not enough to apply a rule. */
      holds = v.kind != V_ABSENT && value_truth (&v) == TRUTH_TRUE;
      doubtful = ctx->doubtful || in_doubt;
      if (memo && !ctx->column_used)
        *memo = !holds ? WHERE_FAILS
                : doubtful ? WHERE_HOLDS_DOUBTFUL : WHERE_HOLDS;
      if (!holds)
        return;
      bl_eval_ctx_reset (ctx);
    }
  ctx->doubtful = doubtful || in_doubt;
  v = bl_eval (ctx, rule->check->root);
  /* A figure that is not a number was said once (READ.cell): the rules
   * that need it do not run, rather than report "? ≠ ?". */
  if (ctx->unreadable)
    {
      ctx->n_held++;
      return;
    }
  if (ctx->error || ctx->doubtful)
    ctx->n_held++;
  else if (v.kind != V_ABSENT)
    ctx->n_checked++;
  if (ctx->error)
    goto failed;
  if (v.kind == V_ABSENT || value_truth (&v) == TRUTH_TRUE
      || (value_truth (&v) == TRUTH_ROUNDING && rule->rounding_quiet))
    return;
  report (rule, ctx, value_truth (&v), out);
  return;

failed:
  report (rule, ctx, TRUTH_FALSE, out);
}

static void
run_on_table (const BlRule *rule, BlEvalCtx *ctx, BlDiagnostics *out)
{
  const BlTable *t = ctx->table;

  if (rule->each == EACH_ONCE)
    {
      run_here (rule, ctx, out, NULL);
      return;
    }
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      if (rule->part && g_strcmp0 (rule->part, part->name) != 0)
        continue;
      for (guint i = 0; i < part->rows->len; i++)
        {
          WhereMemo memo = WHERE_UNKNOWN;
          ctx->row = g_ptr_array_index (part->rows, i);
          if (rule->each == EACH_ROW)
            run_here (rule, ctx, out, NULL);
          else
            for (guint c = 0; c < part->columns->len; c++)
              {
                ctx->column = g_ptr_array_index (part->columns, c);
                run_here (rule, ctx, out, &memo);
              }
          ctx->column = NULL;
        }
      ctx->row = NULL;
    }
}

/* Once per table the filing's template family lists (optional ones
 * excepted): the current table is the filing's table of that kind, or
 * none, so `exists(table)` says whether it is there. */
static void
run_required (const BlRule *rule, BlEvalCtx *ctx, BlDiagnostics *out)
{
  const BlFamilySpec *fam = bl_family_lookup (ctx->filing->template_name);

  for (guint i = 0; fam && i < fam->tables->len; i++)
    {
      const BlFamilyTable *ft = g_ptr_array_index (fam->tables, i);
      if (ft->optional)
        continue;
      ctx->kind = ft->kind;
      ctx->label = ft->label;
      ctx->table = bl_filing_find_table (ctx->filing, ft->kind);
      run_here (rule, ctx, out, NULL);
    }
  ctx->kind = ctx->label = NULL;
  ctx->table = NULL;
}

static gboolean
runs_on (const BlRule *rule, const BlTable *t)
{
  for (const char *const *k = rule->kinds; *k; k++)
    if (*k == t->kind)
      return TRUE;
  return FALSE;
}

void
bl_rule__run (const BlRule *rule, const BlFiling *filing, BlEvalCtx *ctx,
              BlDiagnostics *out)
{
  ctx->filing = filing;
  ctx->table = NULL;
  ctx->row = NULL;
  ctx->column = NULL;
  ctx->n_checked = ctx->n_held = 0;
  if (rule->check == NULL)
    return;
  if (rule->each == EACH_REQUIRED)
    {
      run_required (rule, ctx, out);
      return;
    }
  if (rule->tables == NULL)
    {
      run_here (rule, ctx, out, NULL);
      return;
    }
  for (guint i = 0; i < filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      if (!runs_on (rule, t))
        continue;
      ctx->table = t;
      run_on_table (rule, ctx, out);
    }
  ctx->table = NULL;
}

/* What became of the rule just run: a clean report must mean the checks
 * ran, so one check not made (or made on a doubtful reading) is enough
 * for "could not run". */
static BlRuleOutcome
outcome (const BlEvalCtx *ctx)
{
  if (ctx->n_held)
    return BL_RULE_NOT_RUN;
  return ctx->n_checked ? BL_RULE_RAN : BL_RULE_NOT_APPLICABLE;
}

BlDiagnostics *
bl_rule_pack_check (const BlRulePack *pack, const BlFiling *filing)
{
  BlDiagnostics *out = bl_diagnostics_new ();
  BlEvalCtx ctx;

  g_return_val_if_fail (pack != NULL && filing != NULL, out);
  for (guint i = 0; filing->notes && i < filing->notes->items->len; i++)
    bl_diagnostics__add (out, bl_diagnostic__copy (g_ptr_array_index (filing->notes->items, i)));
  bl_eval_ctx_init (&ctx, filing);
  ctx.pack = pack;
  out->outcomes = g_byte_array_sized_new (pack->rules->len);
  for (guint i = 0; i < pack->rules->len; i++)
    {
      bl_rule__run (g_ptr_array_index (pack->rules, i), filing, &ctx, out);
      guint8 o = (guint8) outcome (&ctx);
      g_byte_array_append (out->outcomes, &o, 1);
    }
  bl_eval_ctx_clear (&ctx);
  bl_diagnostics__sort (out);
  return out;
}
