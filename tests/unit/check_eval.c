/* Unit tests for the evaluator (lib/expr-eval.c, lib/expr-func.c): rule
 * expressions evaluated against small filings written as YAML, from a
 * static table of {filing, current table/row/column, expression, expected
 * outcome}.  Outcomes are rendered to text ("number 11229.02", "truth
 * ROUNDING", "absent", "error: …") so a failure shows what came out. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "expr.h"

#include <stdlib.h>
#include <string.h>

/* ---- the filings ---------------------------------------------------------- */

/* "zd": a trimmed 曾都 filing in 万元.  The 收入 side adds up only within
 * rounding (11208.44 + 0.00 + 20.58 = 11229.02 against 11229.01); the 支出
 * side's 总计 is 0.50 above the 收入 side's.  Row labels carry ordinal
 * prefixes, full-width brackets and full-width spaces on purpose. */
static const char zd_yaml[] =
  "budgetlint: 1\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income_expenditure_summary\n"
  "    keys: [label, line]\n"
  "    parts:\n"
  "      - part: 收入\n"
  "        columns: [{name: 金额, no: 1}]\n"
  "        rows:\n"
  "          - [一、一般公共预算财政拨款收入, 1, \"11,208.44\"]\n"
  "          - [二、政府性基金预算财政拨款收入, 2, 0.00]\n"
  "          - [八、其他收入, 8, 20.58]\n"
  "          - [~, 9, ~]\n"
  "          - [本年收入合计, 27, \"11,229.01\"]\n"
  "          - [（一）使用非财政拨款结余, 28, ~]\n"
  "          - [年初结转和结余, 29, 0.00]\n"
  "          - [~, 30, ~]\n"
  "          - [总计, 31, \"11,229.01\"]\n"
  "      - part: 支出\n"
  "        columns: [{name: 金额, no: 2}]\n"
  "        rows:\n"
  "          - [九、卫生健康支出, 40, \"11,229.01\"]\n"
  "          - [本年支出合计, 58, \"11,229.01\"]\n"
  "          - [结余分配, 59, ~]\n"
  "          - [年末结转和结余, 60, 0.50]\n"
  "          - [总计, 62, \"11,229.51\"]\n"
  "  - kind: income\n"
  "    keys: [code, label]\n"
  "    columns:\n"
  "      - {name: 本年收入合计, no: 1}\n"
  "      - {name: 财政拨款收入, no: 2}\n"
  "      - {name: 其他收入, no: 7}\n"
  "    rows:\n"
  "      - [~, 合计, \"11,230.01\", \"11,209.44\", 20.58]\n"
  "      - [210, 卫生健康支出, \"11,229.01\", \"11,208.44\", 20.58]\n"
  "      - [21013, 医疗救助, \"10,580.40\", \"10,580.40\", ~]\n"
  "      - [2101399, 其他医疗救助支出, \"10,580.40\", \"10,580.40\", ~]\n"
  "      - [21015, 医疗保障管理事务, 648.61, 628.04, 20.58]\n"
  "      - [2101550, 事业运行, 648.61, 628.04, 20.58]\n"
  "      - [221, 住房保障支出, 1.00, 1.00, 0.00]\n"
  "  - kind: general_budget_expenditure\n"
  "    keys: [code, label]\n"
  "    columns:\n"
  "      - {name: 合计, group: 本年支出}\n"
  "      - {name: 基本支出, group: 本年支出}\n"
  "      - {name: 项目支出, group: 本年支出}\n"
  "    rows:\n"
  "      - [~, 合计, \"11,208.44\", 569.54, \"10,638.90\"]\n"
  "  - kind: general_budget_basic\n"
  "    keys: [code, label]\n"
  "    columns: [决算数]\n"
  "    rows:\n"
  "      - [301, 工资福利支出, 272.26]\n"
  "      - [30101, \"基\u3000本\u3000工\u3000资\", 272.26]\n"
  "      - [302, 商品和服务支出, 0.48]\n"
  "      - [30212, 因公出国（境）费用, 0.00]\n"
  "      - [30213, 维修（护）费, 0.48]\n"
  "  - kind: three_public\n"
  "    keys: [label]\n"
  "    columns:\n"
  "      - {name: 合计, group: 预算数, no: 1}\n"
  "      - {name: 因公出国（境）费, group: 预算数, no: 2}\n"
  "      - {name: 小计, group: 预算数/公务用车购置及运行维护费, no: 3}\n"
  "      - {name: 公务用车购置费, group: 预算数/公务用车购置及运行维护费, no: 4}\n"
  "      - {name: 公务用车运行维护费, group: 预算数/公务用车购置及运行维护费, no: 5}\n"
  "      - {name: 公务接待费, group: 预算数, no: 6}\n"
  "      - {name: 合计, group: 决算数, no: 7}\n"
  "      - {name: 因公出国（境）费, group: 决算数, no: 8}\n"
  "      - {name: 小计, group: 决算数/公务用车购置及运行维护费, no: 9}\n"
  "      - {name: 公务用车购置费, group: 决算数/公务用车购置及运行维护费, no: 10}\n"
  "      - {name: 公务用车运行维护费, group: 决算数/公务用车购置及运行维护费, no: 11}\n"
  "      - {name: 公务接待费, group: 决算数, no: 12}\n"
  "    rows:\n"
  "      - [三公经费, 9.00, 1.00, 6.00, 2.00, 4.00, 2.00,"
  " 8.10, 0.90, 5.50, 1.80, 3.70, 1.70]\n"
  "  - kind: public_info\n"
  "    keys: [label]\n"
  "    columns: [值]\n"
  "    rows:\n"
  "      - [执行率, 99.8%]\n"
  "      - [预算数, 100.00]\n";

/* "dn": the same amount in a 万元 table and in a 元 table. */
static const char dn_yaml[] =
  "budgetlint: 1\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income_expenditure_summary\n"
  "    keys: [label, line]\n"
  "    parts:\n"
  "      - part: 收入\n"
  "        columns: [金额]\n"
  "        rows:\n"
  "          - [本年收入合计, 27, 1629.60]\n"
  "  - kind: income\n"
  "    unit: 元\n"
  "    columns: [本年收入合计, 财政拨款收入]\n"
  "    rows:\n"
  "      - [~, 合计, 16296000.00, 16296005.96]\n";

/* "jn": tables to join row by row (row_in()).  支出决算表 prints 208
 * without 支出, so that only the catalogue joins the summary's line to it;
 * 219 has a 款 named 其他支出 before the 类 229 of that name; the two parts
 * of the 基本支出 table both have a 399 row and a 合计 row; the summary's
 * two 总计 rows differ. */
static const char jn_yaml[] =
  "budgetlint: 1\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income_expenditure_summary\n"
  "    keys: [label, line]\n"
  "    parts:\n"
  "      - part: 收入\n"
  "        columns: [金额]\n"
  "        rows:\n"
  "          - [~, 9, ~]\n"
  "          - [本年收入合计, 27, 121.50]\n"
  "          - [总计, 31, 121.50]\n"
  "      - part: 支出\n"
  "        columns: [金额]\n"
  "        rows:\n"
  "          - [一、一般公共服务支出, 32, ~]\n"
  "          - [八、社会保障和就业支出, 39, 20.00]\n"
  "          - [九、卫生健康支出, 40, 82.00]\n"
  "          - [十一、城乡社区支出, 42, ~]\n"
  "          - [十七、援助其他地区支出, 48, 5.00]\n"
  "          - [二十三、其他支出, 54, 14.00]\n"
  "          - [本年支出合计, 58, 121.00]\n"
  "          - [总计, 62, 121.00]\n"
  "  - kind: expenditure\n"
  "    keys: [code, label]\n"
  "    columns: [本年支出合计, 基本支出, 项目支出]\n"
  "    rows:\n"
  "      - [~, 合计, 121.00, 50.00, 71.00]\n"
  "      - [208, 社会保障和就业, 20.00, 20.00, ~]\n"
  "      - [210, 卫生健康支出, 82.00, 30.00, 52.00]\n"
  "      - [21015, 医疗保障管理事务, 82.00, 30.00, 52.00]\n"
  "      - [2101550, 事业运行, 82.00, 30.00, 52.00]\n"
  "      - [219, 援助其他地区支出, 5.00, ~, 5.00]\n"
  "      - [21999, 其他支出, 5.00, ~, 5.00]\n"
  "      - [229, 其他支出, 14.00, ~, 14.00]\n"
  "  - kind: general_budget_expenditure\n"
  "    keys: [code, label]\n"
  "    columns: [小计, 基本支出, 项目支出]\n"
  "    rows:\n"
  "      - [~, 合计, 100.00, 48.00, 52.00]\n"
  "      - [208, 社会保障和就业支出, 20.00, 20.00, ~]\n"
  "      - [210, 卫生健康支出, 80.00, 28.00, 52.00]\n"
  "      - [21015, 医疗保障管理事务, 80.00, 28.00, 52.00]\n"
  "      - [2101550, 事业运行, 78.00, 26.00, 52.00]\n"
  "      - [2101599, 其他医疗保障管理事务支出, 2.00, 2.00, ~]\n"
  "  - kind: general_budget_basic\n"
  "    keys: [code, label]\n"
  "    parts:\n"
  "      - part: 人员经费\n"
  "        columns: [决算数]\n"
  "        rows:\n"
  "          - [301, 工资福利支出, 40.00]\n"
  "          - [399, 其他支出, 1.00]\n"
  "          - [~, 合计, 41.00]\n"
  "      - part: 公用经费\n"
  "        columns: [决算数]\n"
  "        rows:\n"
  "          - [302, 商品和服务支出, 5.00]\n"
  "          - [399, 其他支出, 2.00]\n"
  "          - [~, 合计, 7.00]\n";

/* The catalogue the cases see: a few 类, a 款 and a 项 with names that
 * recur, and an economic 类 named like a functional one. */
static const char catalog_yaml[] =
  "catalog:\n"
  "  functional:\n"
  "    - [208, 社会保障和就业支出]\n"
  "    - [210, 卫生健康支出]\n"
  "    - [2101550, 事业运行]\n"
  "    - [212, 城乡社区支出]\n"
  "    - [219, 援助其他地区支出]\n"
  "    - [21999, 其他支出]\n"
  "    - [229, 其他支出]\n"
  "    - [22999, 其他支出]\n"
  "  economic:\n"
  "    - [301, 工资福利支出]\n"
  "    - [399, 其他支出]\n";

static BlFiling *zd, *dn, *jn;
static BlRulePack *catalog;

static BlFiling *
load (const char *yaml, const char *name)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (yaml, strlen (yaml), name, &error);
  if (f == NULL)
    g_error ("%s does not load: %s", name, error->message);
  return f;
}

static void
filings_setup (void)
{
  g_autoptr(GError) error = NULL;

  zd = load (zd_yaml, "zd.yaml");
  dn = load (dn_yaml, "dn.yaml");
  jn = load (jn_yaml, "jn.yaml");
  catalog = bl_rule_pack_load_data (catalog_yaml, strlen (catalog_yaml), "catalog.yaml", &error);
  if (catalog == NULL)
    g_error ("catalog.yaml does not load: %s", error->message);
}

static void
filings_teardown (void)
{
  g_clear_pointer (&zd, bl_filing_free);
  g_clear_pointer (&dn, bl_filing_free);
  g_clear_pointer (&jn, bl_filing_free);
  g_clear_pointer (&catalog, bl_rule_pack_free);
}

/* ---- the context: found directly in the ledger, not through selectors ---- */

/* @spec: "label", "code" or "#行次", optionally "part:" first; matched
 * exactly against what the filing says. */
static const BlRow *
find_row (const BlTable *t, const char *spec)
{
  const char *colon = strchr (spec, ':');
  g_autofree char *part = colon ? g_strndup (spec, (gsize) (colon - spec)) : NULL;
  const char *key = colon ? colon + 1 : spec;

  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *pt = g_ptr_array_index (t->parts, p);
      if (part && g_strcmp0 (pt->name, part) != 0)
        continue;
      for (guint i = 0; i < pt->rows->len; i++)
        {
          const BlRow *r = g_ptr_array_index (pt->rows, i);
          if (g_strcmp0 (r->label, key) == 0 || g_strcmp0 (r->code, key) == 0
              || (key[0] == '#' && r->line_no == atoi (key + 1)))
            return r;
        }
    }
  ck_abort_msg ("test bug: no row '%s' in %s", spec, t->kind);
  return NULL;
}

static const BlColumn *
find_col (const BlRow *row, const char *name)
{
  for (guint i = 0; i < row->part->columns->len; i++)
    {
      const BlColumn *c = g_ptr_array_index (row->part->columns, i);
      if (strcmp (c->name, name) == 0)
        return c;
    }
  ck_abort_msg ("test bug: no column '%s'", name);
  return NULL;
}

/* ---- outcomes as text ----------------------------------------------------- */

typedef enum { X_ABSENT, X_NUM, X_TRUTH, X_STR, X_ERROR } Expect;

static const char *const truth_names[] = { "FALSE", "ROUNDING", "TRUE" };

static char *
describe (BlEvalCtx *ctx, const BlValue *v)
{
  BlNum n;

  if (ctx->error)
    return g_strdup_printf ("error: %s", ctx->error);
  switch (v->kind)
    {
    case V_ABSENT:
      return g_strdup ("absent");
    case V_BOOL:
      return g_strdup_printf ("truth %s", truth_names[v->truth]);
    case V_STR:
      return g_strdup_printf ("string %s", v->str);
    case V_NUM: case V_CELL: case V_ROW:
      if (bl_value_as_num (ctx, v, &n))
        {
          g_autofree char *s = bl_num_format (&n);
          return g_strdup_printf ("number %s", s);
        }
      return g_strdup_printf ("non-numeric value kind %d", v->kind);
    default:
      return g_strdup_printf ("value kind %d", v->kind);
    }
}

static gboolean
matches (Expect kind, const char *want, const char *got)
{
  switch (kind)
    {
    case X_ABSENT: return strcmp (got, "absent") == 0;
    case X_NUM: return g_str_has_prefix (got, "number ") && strcmp (got + 7, want) == 0;
    case X_TRUTH: return g_str_has_prefix (got, "truth ") && strcmp (got + 6, want) == 0;
    case X_STR: return g_str_has_prefix (got, "string ") && strcmp (got + 7, want) == 0;
    case X_ERROR: return g_str_has_prefix (got, "error: ") && strstr (got, want) != NULL;
    }
  return FALSE;
}

typedef struct {
  const char *filing;   /* "zd", "dn" or "jn" */
  const char *table;    /* current table kind, or NULL */
  const char *row;      /* current row (see find_row), or NULL */
  const char *column;   /* current column name (for: cells), or NULL */
  const char *expr;
  Expect kind;
  const char *want;     /* number as bl_num_format prints it, truth name,
                         * string, or a substring of the error */
} EvalCase;

static void
run_case (const EvalCase *c, int i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlExpr) e = bl_expr_parse (c->expr, "case", 1, 1, &error);
  const BlFiling *f = strcmp (c->filing, "zd") == 0 ? zd
                      : strcmp (c->filing, "dn") == 0 ? dn : jn;
  g_autofree char *got = NULL;
  BlEvalCtx ctx;
  BlValue v;

  ck_assert_msg (e != NULL, "case %d: %s does not parse: %s", i, c->expr,
                 error ? error->message : "");
  bl_eval_ctx_init (&ctx, f);
  ctx.pack = catalog;
  if (c->table)
    {
      ctx.table = bl_filing_find_table (f, c->table);
      ck_assert_msg (ctx.table != NULL, "test bug: no table %s", c->table);
    }
  if (c->row)
    ctx.row = find_row (ctx.table, c->row);
  if (c->column)
    ctx.column = find_col (ctx.row, c->column);
  v = bl_eval (&ctx, e->root);
  got = describe (&ctx, &v);
  bl_eval_ctx_clear (&ctx);
  ck_assert_msg (matches (c->kind, c->want, got),
                 "case %d: %s\n  [%s table=%s row=%s column=%s]\n"
                 "  got:      %s\n  expected: %s %s", i, c->expr, c->filing,
                 c->table ? c->table : "-", c->row ? c->row : "-",
                 c->column ? c->column : "-", got,
                 (const char *[]) { "absent", "number", "truth", "string",
                                    "error containing" }[c->kind],
                 c->want ? c->want : "");
}

#define IES "income_expenditure_summary"

/* ---- row selectors -------------------------------------------------------- */

static const EvalCase row_cases[] = {
  /* by label: ordinal prefixes, full-width brackets and spaces normalised */
  { "zd", IES, NULL, NULL, "[一般公共预算财政拨款收入]", X_NUM, "11208.44" },
  { "zd", IES, NULL, NULL, "[一、一般公共预算财政拨款收入]", X_NUM, "11208.44" },
  { "zd", IES, NULL, NULL, "[(八)其他收入]", X_NUM, "20.58" },
  { "zd", IES, NULL, NULL, "blank([使用非财政拨款结余].金额)", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "exists([（一）使用非财政拨款结余])", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "general_budget_basic[维修(护)费]", X_NUM, "0.48" },
  { "zd", NULL, NULL, NULL, "general_budget_basic[维修（护）费]", X_NUM, "0.48" },
  { "zd", NULL, NULL, NULL, "general_budget_basic[因公出国(境)费用]", X_NUM, "0.00" },
  { "zd", NULL, NULL, NULL, "general_budget_basic[基本工资]", X_NUM, "272.26" },
  /* by 行次 and by code */
  { "zd", IES, NULL, NULL, "[#27]", X_NUM, "11229.01" },
  { "zd", IES, NULL, NULL, "[#62]", X_NUM, "11229.51" },
  { "zd", NULL, NULL, NULL, "income[210].本年收入合计", X_NUM, "11229.01" },
  { "zd", NULL, NULL, NULL, "income[2101550].财政拨款收入", X_NUM, "628.04" },
  { "zd", NULL, NULL, NULL, "income[999].本年收入合计", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "general_budget_basic[30101]", X_NUM, "272.26" },
  /* by part */
  { "zd", IES, NULL, NULL, "[收入:总计]", X_NUM, "11229.01" },
  { "zd", IES, NULL, NULL, "[支出:总计]", X_NUM, "11229.51" },
  { "zd", IES, NULL, NULL, "[总计]", X_NUM, "11229.01" },   /* first in order */
  { "zd", IES, NULL, NULL, "[支出:#31]", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[支出:本年收入合计]", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[收入:#31]", X_NUM, "11229.01" },
  /* alternatives: the first alternative that matches any row wins */
  { "zd", IES, NULL, NULL, "[合计|总计]", X_NUM, "11229.01" },
  { "zd", IES, NULL, NULL, "[支出:合计|总计]", X_NUM, "11229.51" },
  { "zd", IES, NULL, NULL, "[支出:本年支出合计|总计]", X_NUM, "11229.01" },
  { "zd", NULL, NULL, NULL, "income[总计|合计].本年收入合计", X_NUM, "11230.01" },
  { "zd", NULL, NULL, NULL, "income[999|21013].财政拨款收入", X_NUM, "10580.40" },
  /* [*] */
  { "zd", IES, NULL, NULL, "count([*])", X_NUM, "14" },
  { "zd", IES, NULL, NULL, "count([收入:*])", X_NUM, "9" },
  { "zd", NULL, NULL, NULL, "count(income[*])", X_NUM, "7" },
  { "zd", NULL, NULL, NULL, "sum(income[*].其他收入)", X_NUM, "82.32" },
  /* nothing matches; two digits are a label, not a code */
  { "zd", IES, NULL, NULL, "[不存在]", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "income[21].本年收入合计", X_ABSENT, NULL },
  /* no current table */
  { "zd", NULL, NULL, NULL, "[收入:总计]", X_ERROR, "没有当前表" },
  { "zd", NULL, NULL, NULL, "government_fund[合计]", X_ABSENT, NULL },
};

START_TEST (test_eval_rows)
{
  run_case (&row_cases[_i], _i);
}
END_TEST

/* ---- columns -------------------------------------------------------------- */

static const EvalCase column_cases[] = {
  { "zd", NULL, NULL, NULL, "income[210].财政拨款收入", X_NUM, "11208.44" },
  { "zd", NULL, NULL, NULL, "income[210].'财政拨款收入'", X_NUM, "11208.44" },
  /* 栏次 */
  { "zd", NULL, NULL, NULL, "income[210].#2", X_NUM, "11208.44" },
  { "zd", NULL, NULL, NULL, "income[210].#7", X_NUM, "20.58" },
  { "zd", NULL, NULL, NULL, "income[210].#3", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[支出:总计].#2", X_NUM, "11229.51" },
  { "zd", IES, NULL, NULL, "[收入:总计].#2", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[收入:总计].金额", X_NUM, "11229.01" },
  /* group paths: '决算数/小计' is the 小计 under 决算数/公务用车购置及运行维护费 */
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算数/小计'", X_NUM, "5.50" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'预算数/小计'", X_NUM, "6.00" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算数/合计'", X_NUM, "8.10" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算数/公务用车购置及运行维护费/小计'",
    X_NUM, "5.50" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算数/公务用车运行维护费'", X_NUM, "3.70" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'预算数/因公出国(境)费'", X_NUM, "1.00" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算数/因公出国（境）费'", X_NUM, "0.90" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].#9", X_NUM, "5.50" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算数/不存在'", X_ABSENT, NULL },
  /* the groups in their order, and paths among alternatives */
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'公务用车购置及运行维护费/决算数/小计'", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'决算/小计'", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'不存在/小计|预算数/小计'", X_NUM, "6.00" },
  /* alternatives */
  { "zd", NULL, NULL, NULL, "general_budget_expenditure[合计].'小计|合计'", X_NUM, "11208.44" },
  { "zd", NULL, NULL, NULL, "general_budget_expenditure[合计].'合计|小计'", X_NUM, "11208.44" },
  { "zd", NULL, NULL, NULL, "income[210].'上级补助收入|其他收入'", X_NUM, "20.58" },
  { "zd", NULL, NULL, NULL, "income[210].'小计|合计'", X_ABSENT, NULL },
  /* ambiguous bare names */
  { "zd", NULL, NULL, NULL, "three_public[三公经费].小计", X_ERROR, "不唯一" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].合计", X_ERROR, "不唯一" },
  { "zd", NULL, NULL, NULL, "three_public[三公经费].'公务用车购置及运行维护费/小计'",
    X_ERROR, "不唯一" },
  { "zd", "three_public", "三公经费", NULL, "合计", X_ERROR, "不唯一" },
  { "zd", "three_public", "三公经费", NULL, "row.'决算数/合计' == row.'决算数/因公出国（境）费'"
    " + row.'决算数/小计' + row.'决算数/公务接待费'", X_TRUTH, "TRUE" },
  /* bare column names in row context */
  { "zd", "income", "210", NULL, "本年收入合计", X_NUM, "11229.01" },
  { "zd", "income", "210", NULL, "财政拨款收入 + 其他收入", X_NUM, "11229.02" },
  { "zd", "income", "210", NULL, "本年收入合计 == 财政拨款收入 + 上级补助收入? + 其他收入",
    X_TRUTH, "ROUNDING" },
  { "zd", "income", "21013", NULL, "本年收入合计 == 财政拨款收入 + 上级补助收入? + 其他收入",
    X_TRUTH, "TRUE" },
  { "zd", "income", "210", NULL, "本年收入合计 == 财政拨款收入 + 上级补助收入 + 其他收入",
    X_ABSENT, NULL },
  { "zd", "income", "210", NULL, "上级补助收入", X_ABSENT, NULL },
  /* `.col` with nothing before the dot is a column of the current row */
  { "zd", "income", "210", NULL, ".#2", X_NUM, "11208.44" },
  { "zd", "income", "210", NULL, ".'其他收入' + .财政拨款收入", X_NUM, "11229.02" },
  { "zd", "three_public", "三公经费", NULL, ".'决算数/小计'", X_NUM, "5.50" },
  { "zd", "income", NULL, NULL, ".#2", X_ABSENT, NULL },
  { "zd", "income", "210", NULL, "本年收入合计 == row.本年收入合计", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "本年收入合计", X_ERROR, "既不是表类型" },
  /* x? : absent becomes 0, present stays */
  { "zd", "income", "210", NULL, "上级补助收入?", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "income[210].上级补助收入?", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "income[210].上级补助收入? + income[210].其他收入", X_NUM, "20.58" },
  { "zd", NULL, NULL, NULL, "income[210].其他收入?", X_NUM, "20.58" },
  { "zd", NULL, NULL, NULL, "government_fund[合计].本年收入?", X_NUM, "0" },
  /* cross-table references by kind */
  { "zd", IES, NULL, NULL, "income[合计].本年收入合计", X_NUM, "11230.01" },
  { "zd", IES, NULL, NULL, "[收入:本年收入合计] == income[210].本年收入合计", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "income_expenditure_summary[收入:本年收入合计] == income[合计].本年收入合计",
    X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "income.本年收入合计", X_ERROR, "只能用于行" },
  /* a row of several columns needs a column */
  { "zd", NULL, NULL, NULL, "income[210] + 1", X_ERROR, "需要指明列" },
  /* cell context (for: cells): a row stands for its cell in the current column */
  { "zd", "income", "210", "本年收入合计", "row", X_NUM, "11229.01" },
  { "zd", "income", "210", "其他收入", "this", X_NUM, "20.58" },
  { "zd", "income", "210", "其他收入", "row == sum(children(row))", X_TRUTH, "TRUE" },
  { "zd", "income", "21013", "其他收入", "blank(this)", X_TRUTH, "TRUE" },
  { "zd", "income", "210", NULL, "this", X_ERROR, "this" },
  /* per cell, a row of another table stands for its cell in the column of
   * the same name, or, having no such column, for its only one (金额):
   * 11230.01 ≠ 11229.01 */
  { "zd", "income", "合计", "本年收入合计",
    "row == income_expenditure_summary[收入:本年收入合计]", X_TRUTH, "FALSE" },
  { "zd", "income", "合计", "本年收入合计",
    "row == income_expenditure_summary[收入:本年收入合计].金额", X_TRUTH, "FALSE" },
};

START_TEST (test_eval_columns)
{
  run_case (&column_cases[_i], _i);
}
END_TEST

/* ---- sums over row lists, blanks ------------------------------------------ */

static const EvalCase sum_cases[] = {
  { "zd", IES, NULL, NULL, "sum(before([收入:本年收入合计]))", X_NUM, "11229.02" },
  { "zd", IES, NULL, NULL, "count(before([收入:本年收入合计]))", X_NUM, "4" },
  { "zd", IES, NULL, NULL, "sum(before([支出:本年支出合计]))", X_NUM, "11229.01" },
  { "zd", IES, NULL, NULL, "count(before([支出:九、卫生健康支出]))", X_NUM, "0" },
  { "zd", IES, NULL, NULL, "sum(between([收入:本年收入合计], [收入:总计]))", X_NUM, "0.00" },
  { "zd", IES, NULL, NULL, "count(between([收入:本年收入合计], [收入:总计]))", X_NUM, "3" },
  { "zd", IES, NULL, NULL, "sum(between([支出:本年支出合计], [支出:总计]))", X_NUM, "0.50" },
  { "zd", IES, NULL, NULL, "[支出:总计] == [支出:本年支出合计] + "
    "sum(between([支出:本年支出合计], [支出:总计]))", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "sum(between([收入:本年收入合计], [支出:总计]))", X_ERROR, "同一部分" },
  { "zd", NULL, NULL, NULL, "sum(children(income[210]).本年收入合计)", X_NUM, "11229.01" },
  { "zd", NULL, NULL, NULL, "count(children(income[210]))", X_NUM, "2" },
  { "zd", NULL, NULL, NULL, "count(children(income[2101399]))", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "sum(children(income[2101399]).本年收入合计)", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "sum(children(income[21015]).其他收入)", X_NUM, "20.58" },
  { "zd", NULL, NULL, NULL, "sum(children(income[210]))", X_ERROR, "sum()" },
  { "zd", "income", "210", "本年收入合计", "sum(children(row))", X_NUM, "11229.01" },
  { "zd", "income", NULL, NULL, "sum(roots().本年收入合计)", X_NUM, "11230.01" },
  { "zd", "income", NULL, NULL, "count(roots())", X_NUM, "2" },
  { "zd", "income", "合计", "财政拨款收入", "row == sum(roots())", X_TRUTH, "TRUE" },
  { "zd", "income", "合计", "本年收入合计", "row == sum(roots())", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "count(roots())", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "sum(rows(income).其他收入)", X_NUM, "82.32" },
  { "zd", IES, NULL, NULL, "count(rows())", X_NUM, "14" },
  { "zd", NULL, NULL, NULL, "count(rows(income_expenditure_summary, '支出'))", X_NUM, "5" },
  { "zd", NULL, NULL, NULL, "sum(rows(income_expenditure_summary, '收入'))", X_NUM, "33687.04" },
  { "zd", NULL, NULL, NULL, "sum(1, 2.5)", X_NUM, "3.5" },
  { "zd", IES, NULL, NULL, "sum([收入:其他收入], [收入:总计])", X_NUM, "11249.59" },
  /* blank cells: an exact 0 in arithmetic, but not the same as 0.00 */
  { "zd", IES, NULL, NULL, "[收入:#9]", X_NUM, "0" },
  { "zd", IES, NULL, NULL, "[收入:#9] == 0", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[年初结转和结余] == 0", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:#9] == 0.001", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[年初结转和结余] == 0.001", X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [收入:本年收入合计] + [收入:#30]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "blank([收入:#9].金额)", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "blank([年初结转和结余].金额)", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "blank([不存在].金额)", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "blank(income[21013].其他收入)", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "blank(income[221].其他收入)", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "income[21013].其他收入 == income[221].其他收入", X_TRUTH, "TRUE" },
};

START_TEST (test_eval_sums)
{
  run_case (&sum_cases[_i], _i);
}
END_TEST

/* ---- functions ------------------------------------------------------------ */

static const EvalCase func_cases[] = {
  { "zd", NULL, NULL, NULL, "has_children(income[210])", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "has_children(income[21015])", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "has_children(income[2101399])", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "has_children(income[合计])", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "has_children(income[221])", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "has_children(1)", X_ERROR, "一行" },
  { "zd", NULL, NULL, NULL, "has_children(income[999])", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "code(parent(income[2101399]))", X_STR, "21013" },
  { "zd", NULL, NULL, NULL, "label(parent(income[21015]))", X_STR, "卫生健康支出" },
  { "zd", NULL, NULL, NULL, "exists(parent(income[210]))", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "parent(income[2101550]).财政拨款收入", X_NUM, "628.04" },
  { "zd", NULL, NULL, NULL, "level(income[210])", X_NUM, "1" },
  { "zd", NULL, NULL, NULL, "level(income[21013])", X_NUM, "2" },
  { "zd", NULL, NULL, NULL, "level(income[2101399])", X_NUM, "3" },
  { "zd", NULL, NULL, NULL, "level(income[合计])", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "code(income[21013])", X_STR, "21013" },
  { "zd", NULL, NULL, NULL, "code(income[合计])", X_STR, "" },
  { "zd", NULL, NULL, NULL, "label(income[210])", X_STR, "卫生健康支出" },
  { "zd", IES, NULL, NULL, "label([一般公共预算财政拨款收入])", X_STR, "一、一般公共预算财政拨款收入" },
  { "zd", IES, NULL, NULL, "label([#9])", X_STR, "" },
  { "zd", "income", "2101550", NULL, "label(row) == '事业运行'", X_TRUTH, "TRUE" },
  { "zd", "income", "2101550", NULL, "label(row) != '事业运行'", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "label(1)", X_ERROR, "一行" },
  { "zd", NULL, NULL, NULL, "is(income[合计], '合计|总计')", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "is(income[210], '合计|总计')", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "is(income[210], '210')", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "is([#31], '收入:总计')", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "is([#62], '收入:总计')", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "is([#62], '#62')", X_TRUTH, "TRUE" },
  { "zd", IES, "收入:#28", NULL, "is(row, '使用非财政拨款结余')", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "exists(income[210])", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "exists(income[999])", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "exists(government_fund)", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "exists(income)", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "exists(income[210].上级补助收入)", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "exists(income[210].其他收入)", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "percent(public_info[执行率].值)", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "percent(public_info[预算数].值)", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "percent(income[210].其他收入)", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值", X_NUM, "99.8" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 == 99.8%", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 == 99.83%", X_TRUTH, "ROUNDING" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 == 99.9%", X_TRUTH, "FALSE" },
  /* for ratios a bare tolerance is a fraction: 0.005 is half a point */
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 == 99.5% within 0.005", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 == 99.5% within 0.002", X_TRUTH, "FALSE" },
  /* blank() and percent() look at a cell; a row stands for its cell in
   * the current column, or in its part's only column */
  { "zd", NULL, NULL, NULL, "percent(public_info[执行率])", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "blank([收入:#9])", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "blank([收入:#8])", X_TRUTH, "FALSE" },
  { "zd", "income", "21013", "其他收入", "blank(row)", X_TRUTH, "TRUE" },
  { "zd", "income", "21013", "财政拨款收入", "blank(row)", X_TRUTH, "FALSE" },
  { "zd", "income", "21013", NULL, "blank(row.其他收入)", X_TRUTH, "TRUE" },
  { "zd", "income", "21013", NULL, "blank(.其他收入)", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "abs([收入:其他收入] - [收入:本年收入合计])", X_NUM, "11208.43" },
  { "zd", IES, NULL, NULL, "abs([收入:总计])", X_NUM, "11229.01" },
  { "zd", IES, NULL, NULL, "abs('x')", X_ERROR, "abs()" },
  { "zd", IES, NULL, NULL, "min([收入:其他收入], [收入:总计], [支出:总计])", X_NUM, "20.58" },
  { "zd", IES, NULL, NULL, "max([收入:其他收入], [收入:总计], [支出:总计])", X_NUM, "11229.51" },
  { "zd", IES, NULL, NULL, "max(1, 2.5)", X_NUM, "2.5" },
  { "zd", IES, NULL, NULL, "min(-1, 2.5)", X_NUM, "-1" },
  { "zd", IES, NULL, NULL, "max([收入:其他收入], [不存在])", X_ABSENT, NULL },
  /* over a list: the extreme of its non-blank members; none → absent */
  { "zd", NULL, NULL, NULL, "max(children(income[210]).本年收入合计) <= 11229.01", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "max(children(income[210]).本年收入合计) + min(children(income[210]).本年收入合计) == 11229.01", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "min(children(income[2101399]).本年收入合计)", X_ABSENT, NULL },
  /* figure(): the number without its unit, for 元/万元 slips */
  { "zd", IES, NULL, NULL, "figure([收入:总计])", X_NUM, "11229.01" },
  { "zd", IES, NULL, NULL, "[收入:总计] == 11229.01元", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "figure([收入:总计]) == 11229.01", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "figure(1 + 2)", X_ABSENT, NULL },
  /* count_tables(): tables of a kind, or those whose attribute reads so */
  { "zd", NULL, NULL, NULL, "count_tables('income')", X_NUM, "1" },
  { "zd", NULL, NULL, NULL, "count_tables('project_performance')", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "count_tables('income', '等级', '优')", X_NUM, "0" },
  { "zd", NULL, NULL, NULL, "count_tables(1)", X_ERROR, "count_tables()" },
  /* sum_tables(): one cell added over every table of a kind */
  { "zd", NULL, NULL, NULL, "sum_tables('income', '', '合计', '本年收入合计')", X_NUM, "11230.01" },
  { "zd", NULL, NULL, NULL, "sum_tables('income', '收入', '合计', '本年收入合计')", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "sum_tables('project_performance', '预算执行', '资金总额', '全年执行数')", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "sum_tables('income', 1, '合计', '本年收入合计')", X_ERROR, "sum_tables()" },
  { "zd", NULL, NULL, NULL, "count_tables('income', '等级')", X_ERROR, "count_tables()" },
  /* text(): a cell as printed; a column the table lacks, asked with ?, is '' */
  { "zd", "income", "21013", NULL, "text(不存在?) == ''", X_TRUTH, "TRUE" },
  { "zd", "income", "21013", NULL, "text(不存在) == ''", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "text(1 + 2)", X_ERROR, "text()" },
  { "zd", NULL, NULL, NULL, "count(income[210])", X_NUM, "1" },
  { "zd", NULL, NULL, NULL, "count(income[999])", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "startswith(code(income[2101399]), '2101')", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "startswith(code(income[2101399]), '2102')", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "startswith(label(income[2101399]), '其他')", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "startswith(code(income[999]), '2')", X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "startswith(1, '2')", X_ERROR, "startswith()" },
  { "zd", NULL, NULL, NULL, "'合计' == '合计'", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "'合计' < '总计'", X_ERROR, "相等" },
  /* row_in(T, row): the row of T with the row's code, at any level */
  { "jn", NULL, NULL, NULL, "row_in(general_budget_expenditure, expenditure[2101550]).小计",
    X_NUM, "78.00" },
  { "jn", NULL, NULL, NULL, "row_in(expenditure, general_budget_expenditure[21015]).项目支出",
    X_NUM, "52.00" },
  { "jn", NULL, NULL, NULL, "code(row_in(expenditure, general_budget_expenditure[210]))",
    X_STR, "210" },
  { "jn", "general_budget_expenditure", "2101550", NULL,
    "row_in(expenditure, row).基本支出", X_NUM, "30.00" },
  { "jn", "general_budget_expenditure", "2101550", NULL,
    "row.基本支出 <= row_in(expenditure, row).基本支出", X_TRUTH, "TRUE" },
  { "jn", "general_budget_expenditure", "2101550", NULL,
    "row.小计 == row_in(expenditure, row).本年支出合计", X_TRUTH, "FALSE" },
  { "jn", "general_budget_expenditure", NULL, NULL,
    "row_in(table, expenditure[208]).小计", X_NUM, "20.00" },
  /* a code, table or row that is not there: absent (and 0 with ?) */
  { "jn", NULL, NULL, NULL, "row_in(expenditure, general_budget_expenditure[2101599])",
    X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "row_in(expenditure, general_budget_expenditure[2101599]).本年支出合计?",
    X_NUM, "0" },
  { "jn", NULL, NULL, NULL, "exists(row_in(expenditure, general_budget_expenditure[2101599]))",
    X_TRUTH, "FALSE" },
  { "jn", NULL, NULL, NULL, "row_in(government_fund, expenditure[210])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "row_in(expenditure, expenditure[999])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "row_in(income_expenditure_summary, expenditure[210])",
    X_ABSENT, NULL },
  /* without a code: the same label key, then the catalogue's 类 */
  { "jn", NULL, NULL, NULL, "row_in(expenditure, general_budget_expenditure[合计]).本年支出合计",
    X_NUM, "121.00" },
  { "jn", NULL, NULL, NULL,
    "row_in(expenditure, income_expenditure_summary[支出:九、卫生健康支出]).本年支出合计",
    X_NUM, "82.00" },
  { "jn", "income_expenditure_summary", "支出:八、社会保障和就业支出", NULL,
    "code(row_in(expenditure, row))", X_STR, "208" },
  { "jn", "income_expenditure_summary", "支出:八、社会保障和就业支出", NULL,
    "row == row_in(expenditure, row).本年支出合计", X_TRUTH, "TRUE" },
  { "jn", NULL, NULL, NULL,
    "code(row_in(expenditure, income_expenditure_summary[支出:二十三、其他支出]))",
    X_STR, "229" },
  { "jn", NULL, NULL, NULL,
    "row_in(expenditure, income_expenditure_summary[支出:城乡社区支出])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL,
    "row_in(expenditure, income_expenditure_summary[支出:一般公共服务支出])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL,
    "row_in(expenditure, income_expenditure_summary[本年支出合计])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "row_in(expenditure, income_expenditure_summary[收入:#9])",
    X_ABSENT, NULL },
  { "zd", NULL, NULL, NULL, "row_in(income, general_budget_expenditure[合计]).财政拨款收入",
    X_NUM, "11209.44" },
  /* parts: searched in order, or the one named */
  { "jn", NULL, NULL, NULL,
    "row_in(income_expenditure_summary, income_expenditure_summary[支出:总计])",
    X_NUM, "121.50" },
  { "jn", NULL, NULL, NULL,
    "row_in(income_expenditure_summary, income_expenditure_summary[收入:总计], '支出')",
    X_NUM, "121.00" },
  { "jn", NULL, NULL, NULL,
    "row_in(income_expenditure_summary, income_expenditure_summary[总计], '结余')",
    X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "row_in(general_budget_basic, general_budget_basic[公用经费:399])",
    X_NUM, "1.00" },
  { "jn", NULL, NULL, NULL,
    "row_in(general_budget_basic, general_budget_basic[人员经费:399], '公用经费')",
    X_NUM, "2.00" },
  { "jn", NULL, NULL, NULL,
    "row_in(general_budget_basic, general_budget_basic[人员经费:合计], '公用经费')",
    X_NUM, "7.00" },
  { "jn", NULL, NULL, NULL,
    "row_in(general_budget_basic, expenditure[210], '人员经费')", X_ABSENT, NULL },
  /* misuse */
  { "jn", NULL, NULL, NULL, "row_in(expenditure, 1)", X_ERROR, "一行" },
  { "jn", NULL, NULL, NULL, "row_in(expenditure, expenditure[*])", X_ERROR, "一行" },
  { "jn", NULL, NULL, NULL, "row_in(1, expenditure[210])", X_ERROR, "表" },
  { "jn", NULL, NULL, NULL, "row_in(expenditure, expenditure[210], 2)", X_ERROR, "部分名称" },
  /* catalog_code(x): the functional 类 of that name */
  { "jn", NULL, NULL, NULL, "catalog_code('卫生健康支出')", X_STR, "210" },
  { "jn", NULL, NULL, NULL, "catalog_code('九、卫生健康支出')", X_STR, "210" },
  { "jn", NULL, NULL, NULL, "catalog_code(income_expenditure_summary[支出:其他支出])",
    X_STR, "229" },
  { "jn", NULL, NULL, NULL, "catalog_code(expenditure[208])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "catalog_code('事业运行')", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "catalog_code('工资福利支出')", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "catalog_code(income_expenditure_summary[本年支出合计])",
    X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "catalog_code(expenditure[999])", X_ABSENT, NULL },
  { "jn", NULL, NULL, NULL, "exists(catalog_code(income_expenditure_summary[支出:城乡社区支出]))",
    X_TRUTH, "TRUE" },
  { "jn", NULL, NULL, NULL, "catalog_code(1)", X_ERROR, "catalog_code()" },
};

START_TEST (test_eval_functions)
{
  run_case (&func_cases[_i], _i);
}
END_TEST

/* ---- arithmetic, units, comparisons --------------------------------------- */

static const EvalCase arith_cases[] = {
  { "zd", IES, NULL, NULL, "[收入:总计] - [支出:总计]", X_NUM, "-0.50" },
  { "zd", IES, NULL, NULL, "-[收入:总计]", X_NUM, "-11229.01" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] * 2", X_NUM, "41.16" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] / 2", X_NUM, "10.29" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] / [收入:本年收入合计]", X_NUM, "0.18" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] * [收入:本年收入合计]", X_ERROR, "两个金额不能相乘" },
  /* division by zero (0.00 or a blank) is not applicable, not an error */
  { "zd", IES, NULL, NULL, "[收入:其他收入] / [年初结转和结余]", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[收入:其他收入] / [收入:#9]", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[收入:其他收入] / 0", X_ABSENT, NULL },
  /* money and percentages do not add */
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 + public_info[预算数].值", X_ERROR,
    "金额与百分比不能相加减" },
  { "zd", IES, NULL, NULL, "[收入:总计] - 1%", X_ERROR, "金额与百分比不能相加减" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] / 1%", X_NUM, "2058.00" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] * 50%", X_NUM, "10.29" },
  { "zd", IES, NULL, NULL, "1 / [收入:其他收入]", X_ERROR, "量纲不匹配" },
  /* a bare number next to an amount means the amount's unit (lib/decimal.h,
   * bl_num_adopt_unit); a number with a unit means that unit */
  { "zd", IES, NULL, NULL, "[收入:其他收入] > 100", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] > 20", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] > 100万元", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] > 100元", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] == 20.58", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "20.58 == [收入:其他收入]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] == 20.58万元", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] == 205800", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] == 205800元", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] + 1", X_NUM, "21.58" },
  { "zd", IES, NULL, NULL, "1 + [收入:其他收入]", X_NUM, "21.58" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] - 0.58 == 20", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] + 1元", X_NUM, "20.5801" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] == 0", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 > 99.7", X_TRUTH, "TRUE" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 > 99.9", X_TRUTH, "FALSE" },
  { "zd", NULL, NULL, NULL, "public_info[执行率].值 == 99.8", X_TRUTH, "TRUE" },
  /* 元 against 万元: exact conversion */
  { "dn", NULL, NULL, NULL, "income_expenditure_summary[本年收入合计] == income[合计].本年收入合计",
    X_TRUTH, "TRUE" },
  { "dn", NULL, NULL, NULL, "income[合计].本年收入合计 == income_expenditure_summary[本年收入合计]",
    X_TRUTH, "TRUE" },
  { "dn", NULL, NULL, NULL, "income_expenditure_summary[本年收入合计] == income[合计].财政拨款收入",
    X_TRUTH, "ROUNDING" },
  { "dn", NULL, NULL, NULL, "income[合计].财政拨款收入 - income_expenditure_summary[本年收入合计]",
    X_NUM, "5.96" },
  { "dn", NULL, NULL, NULL, "income[合计].本年收入合计 == 1629.60万元", X_TRUTH, "TRUE" },
  { "dn", NULL, NULL, NULL, "income[合计].本年收入合计 == 0.16296亿元", X_TRUTH, "TRUE" },
  { "dn", NULL, NULL, NULL, "income[合计].本年收入合计 == 16296000元", X_TRUTH, "TRUE" },
  /* exact, within rounding, false */
  { "zd", IES, NULL, NULL, "[收入:总计] == [收入:本年收入合计]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[一般公共预算财政拨款收入] + [其他收入] == [本年收入合计]",
    X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "[本年收入合计] == sum(before([本年收入合计]))", X_TRUTH, "ROUNDING" },
  /* literals are exact: 11208.44 + 20.58 is 11229.02, nothing else */
  { "zd", IES, NULL, NULL, "11208.44 + 20.58 == 11229.01", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "11208.44 + 20.58 == 11229.02", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计]", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:总计] != [支出:总计]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:总计] != [收入:本年收入合计]", X_TRUTH, "FALSE" },
  /* ordering, rounding-aware */
  { "zd", IES, NULL, NULL, "[收入:总计] <= [支出:总计]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[支出:总计] <= [收入:总计]", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "sum(before([收入:本年收入合计])) <= [收入:本年收入合计]",
    X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "[收入:本年收入合计] <= sum(before([收入:本年收入合计]))",
    X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:本年收入合计] >= sum(before([收入:本年收入合计]))",
    X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "[收入:总计] >= [收入:本年收入合计]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] >= [收入:总计]", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] < [收入:总计]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:总计] < [收入:其他收入]", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "sum(before([收入:本年收入合计])) < [收入:本年收入合计]",
    X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "[收入:总计] > [收入:其他收入]", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:本年收入合计] > sum(before([收入:本年收入合计]))",
    X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "[收入:总计] > [支出:总计]", X_TRUTH, "FALSE" },
  /* explicit tolerance: absolute in the lhs unit, or relative */
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计] within 0.5", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计] within 0.49", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计] within 5000元", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计] within 4999元", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计] within 1%", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:总计] == [支出:总计] within 0.001%", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:总计] != [支出:总计] within 0.5", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:总计] != [支出:总计] within 0.49", X_TRUTH, "TRUE" },
  /* a tolerance replaces the rounding interval */
  { "zd", IES, NULL, NULL, "[本年收入合计] == sum(before([本年收入合计])) within 0.005",
    X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[本年收入合计] == sum(before([本年收入合计])) within 0.01",
    X_TRUTH, "TRUE" },
  { "dn", NULL, NULL, NULL, "income_expenditure_summary[本年收入合计] == income[合计].财政拨款收入"
    " within 6元", X_TRUTH, "TRUE" },
  { "dn", NULL, NULL, NULL, "income_expenditure_summary[本年收入合计] == income[合计].财政拨款收入"
    " within 5元", X_TRUTH, "FALSE" },
  { "dn", NULL, NULL, NULL, "income[合计].财政拨款收入 == income_expenditure_summary[本年收入合计]"
    " within 0.001", X_TRUTH, "FALSE" },
  { "dn", NULL, NULL, NULL, "income[合计].财政拨款收入 == income_expenditure_summary[本年收入合计]"
    " within 6", X_TRUTH, "TRUE" },
  /* an absent operand makes a comparison absent */
  { "zd", IES, NULL, NULL, "[收入:总计] == [不存在]", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[不存在] == [收入:总计]", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "[收入:总计] + [不存在]", X_ABSENT, NULL },
};

START_TEST (test_eval_arith)
{
  run_case (&arith_cases[_i], _i);
}
END_TEST

/* ---- three-valued logic --------------------------------------------------- */

#define T_ "[收入:总计] == [收入:本年收入合计]"               /* TRUE */
#define R_ "[收入:本年收入合计] == sum(before([收入:本年收入合计]))" /* ROUNDING */
#define F_ "[收入:总计] == [支出:总计]"                       /* FALSE */
#define A_ "[不存在] == 1"                                    /* absent */

static const EvalCase logic_cases[] = {
  { "zd", IES, NULL, NULL, T_ " and " T_, X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, T_ " and " R_, X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, R_ " and " T_, X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, R_ " and " F_, X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, F_ " and " R_, X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, T_ " or " F_, X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, F_ " or " R_, X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, R_ " or " F_, X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, R_ " or " T_, X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, F_ " or " F_, X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "not " T_, X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "not " F_, X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "not " R_, X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "not (" F_ " or " T_ ")", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "not " F_ " and " R_, X_TRUTH, "ROUNDING" },
  { "zd", IES, NULL, NULL, "true and false", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "false or true", X_TRUTH, "TRUE" },
  /* a number is true when not zero, a string when not empty */
  { "zd", IES, NULL, NULL, "sum([收入:其他收入]) and true", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "sum([收入:#9]) or false", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] - [收入:其他收入] or false", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "label([#9]) or false", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "label([#27]) and true", X_TRUTH, "TRUE" },
  /* absence: short-circuits where the left side decides, propagates else */
  { "zd", IES, NULL, NULL, "false and " A_, X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "true or " A_, X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "true and " A_, X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, A_ " or true", X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "not " A_, X_ABSENT, NULL },
  { "zd", IES, NULL, NULL, "exists([不存在]) and [不存在] == 1", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "not exists([不存在]) or [不存在] == 1", X_TRUTH, "TRUE" },
};

START_TEST (test_eval_logic)
{
  run_case (&logic_cases[_i], _i);
}
END_TEST

/* ---- the comparison an evaluation remembers (for diagnostics) ------------- */

START_TEST (test_eval_records_first_failed_comparison)
{
  g_autoptr(BlExpr) e = bl_expr_parse (T_ " and " R_ " and " F_, "case", 1, 1, NULL);
  BlEvalCtx ctx;
  BlValue v;
  g_autofree char *lhs = NULL, *rhs = NULL;

  ck_assert_ptr_nonnull (e);
  bl_eval_ctx_init (&ctx, zd);
  ctx.table = bl_filing_find_table (zd, IES);
  v = bl_eval (&ctx, e->root);
  ck_assert_int_eq (v.kind, V_BOOL);
  ck_assert_int_eq (v.truth, TRUTH_FALSE);
  /* the first comparison that was not simply true: the ROUNDING one */
  ck_assert (ctx.have_cmp);
  ck_assert_int_eq (ctx.cmp_truth, TRUTH_ROUNDING);
  lhs = bl_num_format (&ctx.lhs.num);
  rhs = bl_num_format (&ctx.rhs.num);
  ck_assert_str_eq (lhs, "11229.01");
  ck_assert_str_eq (rhs, "11229.02");
  ck_assert_ptr_nonnull (ctx.lhs.cell);
  ck_assert_str_eq (ctx.lhs.cell->row->label, "本年收入合计");
  ck_assert_ptr_null (ctx.rhs.cell);

  /* reset forgets it */
  bl_eval_ctx_reset (&ctx);
  ck_assert (!ctx.have_cmp);
  ck_assert_ptr_null (ctx.error);
  bl_eval_ctx_clear (&ctx);
}
END_TEST

/* ---- regressions -----------------------------------------------------------
 *
 * Found as suspected bugs while writing these tests (against 8b54016) and
 * fixed in 3e18c11. */

static const EvalCase regression_cases[] = {
  /* 1629.60 万元 − 16296005.96 元 is exactly −5.96 元 = −0.000596 万元, not
   * "0.00": a 元 figure joining a 万元 one brings its precision along, and
   * a nonzero difference must never print as zero. */
  { "dn", NULL, NULL, NULL, "income_expenditure_summary[本年收入合计] - income[合计].财政拨款收入",
    X_NUM, "-0.000596" },
  /* A bare number next to an amount means the amount's unit, also when it
   * is negated or made of several literals (used to stay 元). */
  { "zd", IES, NULL, NULL, "[收入:总计] - [支出:总计] == -0.50", X_TRUTH, "TRUE" },
  { "zd", IES, NULL, NULL, "[收入:其他收入] == 20 + 0.58", X_TRUTH, "TRUE" },
  /* "A number is true when it is not zero": also a cell holding 0 (here a
   * blank), in and/or/not and in `where:` (truth_of() used to look only at
   * V_NUM). */
  { "zd", IES, NULL, NULL, "[收入:#9].金额 or false", X_TRUTH, "FALSE" },
  { "zd", IES, NULL, NULL, "not [年初结转和结余].金额", X_TRUTH, "TRUE" },
};

START_TEST (test_eval_regressions)
{
  run_case (&regression_cases[_i], _i);
}
END_TEST

static Suite *
eval_suite (void)
{
  Suite *s = suite_create ("eval");
  TCase *tc;

#define ADD_LOOP(name, fn, table)                                         \
  tc = tcase_create (name);                                               \
  tcase_add_unchecked_fixture (tc, filings_setup, filings_teardown);      \
  tcase_add_loop_test (tc, fn, 0, G_N_ELEMENTS (table));                  \
  suite_add_tcase (s, tc)

  ADD_LOOP ("rows", test_eval_rows, row_cases);
  ADD_LOOP ("columns", test_eval_columns, column_cases);
  ADD_LOOP ("sums", test_eval_sums, sum_cases);
  ADD_LOOP ("functions", test_eval_functions, func_cases);
  ADD_LOOP ("arith", test_eval_arith, arith_cases);
  ADD_LOOP ("logic", test_eval_logic, logic_cases);

  tc = tcase_create ("comparison");
  tcase_add_unchecked_fixture (tc, filings_setup, filings_teardown);
  tcase_add_test (tc, test_eval_records_first_failed_comparison);
  suite_add_tcase (s, tc);

  ADD_LOOP ("regressions", test_eval_regressions, regression_cases);
#undef ADD_LOOP
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (eval_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
