/* Unit tests for the rule engine through the public API: rule packs
 * loaded from YAML, checked against filings, and the diagnostics that come
 * out (rule, severity, message, locations, values, order); pack loading
 * errors; a pack's own test cases; and the real pack on the samples. */

#include <check.h>
#include <budgetlint/budgetlint.h>

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#define SAMPLE(name) BL_SRCDIR "/samples/" name
#define REAL_PACK BL_SRCDIR "/rules/juesuan.yaml"
#define NOTE "（在舍入误差范围内）"

/* ---- helpers ---------------------------------------------------------------- */

/* 1-based line of the first line of @text containing @needle. */
static guint
line_of (const char *text, const char *needle)
{
  const char *hit = strstr (text, needle);
  gsize before = hit ? (gsize) (hit - text) : 0;
  guint line = 1;

  ck_assert_msg (hit != NULL, "test bug: '%s' not in the text", needle);
  for (gsize i = 0; i < before; i++)
    line += text[i] == '\n';
  return line;
}

/* 1-based column, in characters, of @sub within the line holding @needle. */
static guint
col_of (const char *text, const char *needle, const char *sub)
{
  const char *hit = strstr (text, needle), *start, *at;

  ck_assert_msg (hit != NULL, "test bug: '%s' not in the text", needle);
  for (start = hit; start > text && start[-1] != '\n'; start--)
    ;
  at = strstr (hit, sub);
  ck_assert_msg (at != NULL, "test bug: '%s' not after '%s'", sub, needle);
  return (guint) g_utf8_strlen (start, at - start) + 1;
}

static BlRulePack *
pack_ok (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  BlRulePack *p = bl_rule_pack_load_data (yaml, strlen (yaml), "t.yaml", &error);
  ck_assert_msg (p != NULL, "pack does not load: %s", error ? error->message : "");
  return p;
}

static BlFiling *
filing_ok (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (yaml, strlen (yaml), "f.yaml", &error);
  ck_assert_msg (f != NULL, "filing does not load: %s", error ? error->message : "");
  return f;
}

/* Not inlined: GCC -O3 then takes the text for the local that received it
 * and warns of a dangling pointer in line_of(). */
static G_GNUC_NO_INLINE char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s",
                 error ? error->message : "");
  return text;
}

/* The only diagnostic of @rule (there must be exactly one). */
static const BlDiagnostic *
only (const BlDiagnostics *list, const char *rule)
{
  const BlDiagnostic *found = NULL;
  guint n = 0;
  for (guint i = 0; i < bl_diagnostics_get_n (list); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (list, i);
      if (strcmp (bl_diagnostic_get_rule (d), rule) == 0)
        found = d, n++;
    }
  ck_assert_msg (n == 1, "%u diagnostics of %s, expected 1", n, rule);
  return found;
}

static void
assert_values (const BlDiagnostic *d, const char *actual, const char *expected,
               const char *difference, const char *unit)
{
  ck_assert_str_eq (bl_diagnostic_get_value (d, "actual"), actual);
  ck_assert_str_eq (bl_diagnostic_get_value (d, "expected"), expected);
  ck_assert_str_eq (bl_diagnostic_get_value (d, "difference"), difference);
  ck_assert_str_eq (bl_diagnostic_get_value (d, "unit"), unit);
}

static void
assert_location (const BlDiagnostic *d, guint i, const char *table,
                 const char *row, const char *column, guint line)
{
  const BlLocation *l;
  ck_assert_uint_gt (bl_diagnostic_get_n_locations (d), i);
  l = bl_diagnostic_get_location (d, i);
  ck_assert_str_eq (l->table, table);
  if (row)
    ck_assert_str_eq (l->row, row);
  else
    ck_assert_ptr_null (l->row);
  if (column)
    ck_assert_str_eq (l->column, column);
  else
    ck_assert_ptr_null (l->column);
  ck_assert_uint_eq (l->line, line);
}

/* Sorted by (line of first location, rule id). */
static void
assert_sorted (const BlDiagnostics *list)
{
  for (guint i = 1; i < bl_diagnostics_get_n (list); i++)
    {
      const BlDiagnostic *a = bl_diagnostics_get (list, i - 1);
      const BlDiagnostic *b = bl_diagnostics_get (list, i);
      guint la = bl_diagnostic_get_n_locations (a) ? bl_diagnostic_get_location (a, 0)->line : 0;
      guint lb = bl_diagnostic_get_n_locations (b) ? bl_diagnostic_get_location (b, 0)->line : 0;
      ck_assert_msg (la < lb || (la == lb && strcmp (bl_diagnostic_get_rule (a),
                                                     bl_diagnostic_get_rule (b)) <= 0),
                     "diagnostic %u (%s, line %u) after %s, line %u", i,
                     bl_diagnostic_get_rule (b), lb, bl_diagnostic_get_rule (a), la);
    }
}

/* ---- a small pack on a small filing ------------------------------------- */

static const char engine_filing[] =
  "budgetlint: 1\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income_expenditure_summary\n"
  "    title: 收入支出决算总表\n"
  "    keys: [label, line]\n"
  "    parts:\n"
  "      - part: 收入\n"
  "        columns: [{name: 金额, no: 1}]\n"
  "        rows:\n"
  "          - [一、一般公共预算财政拨款收入, 1, \"11,208.44\"]\n"
  "          - [八、其他收入, 8, 20.58]\n"
  "          - [本年收入合计, 27, \"11,229.01\"]\n"
  "          - [总计, 31, \"11,229.01\"]\n"
  "      - part: 支出\n"
  "        columns: [{name: 金额, no: 2}]\n"
  "        rows:\n"
  "          - [本年支出合计, 58, \"11,229.51\"]\n"
  "          - [总计, 62, \"11,229.51\"]\n"
  "  - kind: income\n"
  "    title: 收入决算表（测试）\n"
  "    unit: 元\n"
  "    columns: [本年收入合计, 财政拨款收入, 其他收入]\n"
  "    rows:\n"
  "      - [~, 合计, 150.00, 140.00, 10.00]\n"
  "      - [210, 卫生健康支出, 150.00, 140.00, 10.00]\n"
  "      - [21013, 医疗救助, 100.00, 100.00, ~]\n"
  "      - [21015, 医疗保障管理事务, 50.00, 40.00, 9.00]\n";

/* T.notice comes before T.balance here; the output is sorted by rule id
 * where lines tie. */
static const char engine_pack[] =
  "pack:\n"
  "  name: t\n"
  "  version: \"7\"\n"
  "rules:\n"
  "  - id: T.notice\n"
  "    title: 提示\n"
  "    severity: notice\n"
  "    tables: [income_expenditure_summary]\n"
  "    check: \"[收入:总计] == 0\"\n"
  "    message: \"收入总计 {lhs} 不为零\"\n"
  "  - id: T.balance\n"
  "    title: 收支平衡\n"
  "    severity: error\n"
  "    tables: [income_expenditure_summary]\n"
  "    check: \"[收入:总计] == [支出:总计]\"\n"
  "    message: \"收入总计 {lhs} ≠ 支出总计 {rhs}，相差 {diff}；"
  "收入方 {[收入:总计].金额}，{label([支出:总计])}，{ sum(before([收入:本年收入合计])) }\"\n"
  "  - id: T.income_total\n"
  "    title: 本年收入合计\n"
  "    severity: error\n"
  "    tables: [income_expenditure_summary]\n"
  "    check: \"[收入:本年收入合计] == sum(before([收入:本年收入合计]))\"\n"
  "    message: \"本年收入合计 {lhs} ≠ 各项收入之和 {rhs}，相差 {diff}\"\n"
  "  - id: T.row\n"
  "    title: 行合计\n"
  "    severity: warning\n"
  "    tables: [income]\n"
  "    for: rows\n"
  "    check: \"本年收入合计 == 财政拨款收入 + 其他收入\"\n"
  "    message: \"{row}：本年收入合计 {lhs} ≠ {rhs}，相差 {diff}（{code}）\"\n"
  "  - id: T.cells\n"
  "    title: 科目层级\n"
  "    severity: error\n"
  "    tables: [income]\n"
  "    for: cells\n"
  "    where: \"has_children(row)\"\n"
  "    check: \"row == sum(children(row))\"\n"
  "    message: \"{row}（{column}）{lhs} ≠ 下级科目之和 {rhs}，相差 {diff}，{table}\"\n"
  "  - id: T.broken\n"
  "    title: 无法计算\n"
  "    severity: error\n"
  "    tables: [income]\n"
  "    check: \"income[210] == 1\"\n"
  "    message: \"不会用到\"\n"
  "  - id: T.absent\n"
  "    title: 不适用\n"
  "    severity: error\n"
  "    tables: [income]\n"
  "    check: \"[不存在].本年收入合计 == 1\"\n"
  "    message: \"不适用的规则不报告\"\n"
  "  - id: T.restated\n"
  "    title: 同一处只报一次\n"
  "    severity: warning\n"
  "    tables: [income]\n"
  "    for: rows\n"
  "    check: \"income[21015].本年收入合计 == 49\"\n"
  "    message: \"21015 本年收入合计 {lhs}\"\n"
  "  - id: T.holds\n"
  "    title: 成立\n"
  "    severity: error\n"
  "    check: \"income[合计].本年收入合计 == income[210].本年收入合计\"\n"
  "    message: \"成立的规则不报告\"\n";

static BlRulePack *epack;
static BlFiling *efiling;
static BlDiagnostics *ediags;

static void
engine_setup (void)
{
  g_autoptr(GError) error = NULL;
  epack = bl_rule_pack_load_data (engine_pack, strlen (engine_pack), "t.yaml", &error);
  if (epack == NULL)
    g_error ("engine pack: %s", error->message);
  efiling = bl_filing_load_data (engine_filing, strlen (engine_filing), "f.yaml", &error);
  if (efiling == NULL)
    g_error ("engine filing: %s", error->message);
  ediags = bl_rule_pack_check (epack, efiling);
}

static void
engine_teardown (void)
{
  g_clear_pointer (&ediags, bl_diagnostics_free);
  g_clear_pointer (&efiling, bl_filing_free);
  g_clear_pointer (&epack, bl_rule_pack_free);
}

START_TEST (test_engine_pack_accessors)
{
  const BlRule *r;
  ck_assert_str_eq (bl_rule_pack_get_name (epack), "t");
  ck_assert_str_eq (bl_rule_pack_get_version (epack), "7");
  ck_assert_uint_eq (bl_rule_pack_get_n_rules (epack), 9);
  ck_assert_str_eq (bl_rule_get_id (bl_rule_pack_get_rule (epack, 0)), "T.notice");
  r = bl_rule_pack_find_rule (epack, "T.row");
  ck_assert_ptr_nonnull (r);
  ck_assert_str_eq (bl_rule_get_title (r), "行合计");
  ck_assert_int_eq (bl_rule_get_severity (r), BL_SEVERITY_WARNING);
  ck_assert_str_eq (bl_rule_get_check (r), "本年收入合计 == 财政拨款收入 + 其他收入");
  ck_assert_str_eq (bl_rule_get_tables (r)[0], "income");
  ck_assert_ptr_null (bl_rule_get_tables (r)[1]);
  ck_assert_str_eq (bl_rule_get_origin (r), "t.yaml:23");
  ck_assert_uint_eq (bl_rule_get_n_cases (r), 0);
  ck_assert_ptr_null (bl_rule_pack_find_rule (epack, "T.nope"));
}
END_TEST

START_TEST (test_engine_what_is_reported)
{
  /* exactly these; T.absent (not applicable) and T.holds are silent */
  static const char *const rules[] = {
    "T.income_total", "T.balance", "T.notice", "T.broken", "T.cells", "T.restated",
    "T.row",
  };
  ck_assert_uint_eq (bl_diagnostics_get_n (ediags), G_N_ELEMENTS (rules));
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    ck_assert_str_eq (bl_diagnostic_get_rule (bl_diagnostics_get (ediags, i)), rules[i]);
  assert_sorted (ediags);
  ck_assert_uint_eq (bl_diagnostics_count (ediags, BL_SEVERITY_ERROR), 2);
  ck_assert_uint_eq (bl_diagnostics_count (ediags, BL_SEVERITY_WARNING), 3);
  ck_assert_uint_eq (bl_diagnostics_count (ediags, BL_SEVERITY_NOTICE), 2);
}
END_TEST

START_TEST (test_engine_balance)
{
  const BlDiagnostic *d = only (ediags, "T.balance");

  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_ERROR);
  ck_assert_int_eq (bl_diagnostic_get_confidence (d), BL_CONFIDENCE_CERTAIN);
  ck_assert_str_eq (bl_diagnostic_get_title (d), "收支平衡");
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "收入总计 11229.01 万元 ≠ 支出总计 11229.51 万元，相差 0.50 万元；"
                    "收入方 11229.01 万元，总计，11229.02 万元");
  /* difference = actual − expected, in the lhs unit */
  assert_values (d, "11229.01", "11229.51", "-0.50", "万元");
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 2);
  assert_location (d, 0, "收入支出决算总表", "总计", "金额",
                   line_of (engine_filing, "[总计, 31"));
  assert_location (d, 1, "收入支出决算总表", "总计", "金额",
                   line_of (engine_filing, "[总计, 62"));
  ck_assert_uint_eq (bl_diagnostic_get_location (d, 0)->column_no,
                     col_of (engine_filing, "[总计, 31", "\"11,229.01\""));
  ck_assert_uint_eq (bl_diagnostic_get_location (d, 0)->page, 0);
  ck_assert_ptr_null (bl_diagnostic_get_value (d, "nonsense"));
}
END_TEST

START_TEST (test_engine_rounding_is_notice)
{
  /* a severity-error rule that holds only within rounding */
  const BlDiagnostic *d = only (ediags, "T.income_total");

  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_NOTICE);
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "本年收入合计 11229.01 万元 ≠ 各项收入之和 11229.02 万元，相差 0.01 万元" NOTE);
  assert_values (d, "11229.01", "11229.02", "-0.01", "万元");
  /* the sum is no cell: only the lhs is located */
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 1);
  assert_location (d, 0, "收入支出决算总表", "本年收入合计", "金额",
                   line_of (engine_filing, "[本年收入合计, 27"));
}
END_TEST

START_TEST (test_engine_notice_rule)
{
  /* a notice rule that fails outright: a notice, without the rounding note */
  const BlDiagnostic *d = only (ediags, "T.notice");

  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_NOTICE);
  ck_assert_str_eq (bl_diagnostic_get_message (d), "收入总计 11229.01 万元 不为零");
  assert_values (d, "11229.01", "0.00", "11229.01", "万元");
}
END_TEST

START_TEST (test_engine_rows)
{
  const BlDiagnostic *d = only (ediags, "T.row");

  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_WARNING);
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "21015 医疗保障管理事务：本年收入合计 50.00 元 ≠ 49.00 元，相差 1.00 元（21015）");
  assert_values (d, "50.00", "49.00", "1.00", "元");
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 1);
  assert_location (d, 0, "收入决算表（测试）", "21015 医疗保障管理事务", "本年收入合计",
                   line_of (engine_filing, "[21015,"));
  ck_assert_uint_eq (bl_diagnostic_get_location (d, 0)->column_no,
                     col_of (engine_filing, "[21015,", "50.00"));
}
END_TEST

/* Every row of the table reaches the same cell with the same message:
 * one finding, not four. */
START_TEST (test_engine_restated_once)
{
  const BlDiagnostic *d = only (ediags, "T.restated");

  ck_assert_str_eq (bl_diagnostic_get_message (d), "21015 本年收入合计 50.00 元");
  assert_location (d, 0, "收入决算表（测试）", "21015 医疗保障管理事务", "本年收入合计",
                   line_of (engine_filing, "[21015,"));
}
END_TEST

START_TEST (test_engine_cells)
{
  /* 210 其他收入 10.00 against its children blank + 9.00 */
  const BlDiagnostic *d = only (ediags, "T.cells");

  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_ERROR);
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "210 卫生健康支出（其他收入）10.00 元 ≠ 下级科目之和 9.00 元，相差 1.00 元，"
                    "收入决算表（测试）");
  assert_values (d, "10.00", "9.00", "1.00", "元");
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 1);
  assert_location (d, 0, "收入决算表（测试）", "210 卫生健康支出", "其他收入",
                   line_of (engine_filing, "[210,"));
  ck_assert_uint_eq (bl_diagnostic_get_location (d, 0)->column_no,
                     col_of (engine_filing, "[210,", "10.00"));
}
END_TEST

/* A `for: cells` condition is worked out once per row when it does not
 * look at the column; one that does (this, a bare row projected onto the
 * current column) must still be evaluated cell by cell. */
static const char where_filing[] =
  "budgetlint: 1\n"
  "tables:\n"
  "  - kind: income\n"
  "    columns: [甲, 乙, 丙]\n"
  "    keys: [label]\n"
  "    rows:\n"
  "      - [A, 10, 1, 20]\n"
  "      - [B, 7, 2, 3]\n";

static const char where_pack[] =
  "rules:\n"
  "  - {id: T.this, title: t, severity: error, tables: [income], for: cells,\n"
  "     where: \"this > 5\", check: \"this == 0\", message: m}\n"
  "  - {id: T.row, title: t, severity: error, tables: [income], for: cells,\n"
  "     where: \"row > 5\", check: \"row == 0\", message: m}\n"
  "  - {id: T.label, title: t, severity: error, tables: [income], for: cells,\n"
  "     where: \"is(row, 'A')\", check: \"row == 0\", message: m}\n";

static guint
count_rule (const BlDiagnostics *list, const char *rule, const char *column)
{
  guint n = 0;
  for (guint i = 0; i < bl_diagnostics_get_n (list); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (list, i);
      if (strcmp (bl_diagnostic_get_rule (d), rule) == 0
          && (column == NULL || strcmp (bl_diagnostic_get_location (d, 0)->column, column) == 0))
        n++;
    }
  return n;
}

START_TEST (test_engine_cells_where_per_column)
{
  g_autoptr(BlRulePack) pack = pack_ok (where_pack);
  g_autoptr(BlFiling) filing = filing_ok (where_filing);
  g_autoptr(BlDiagnostics) diags = bl_rule_pack_check (pack, filing);

  /* A: 甲 and 丙 are over 5, 乙 is not; B: only 甲 */
  ck_assert_uint_eq (count_rule (diags, "T.this", NULL), 3);
  ck_assert_uint_eq (count_rule (diags, "T.this", "乙"), 0);
  ck_assert_uint_eq (count_rule (diags, "T.row", NULL), 3);
  ck_assert_uint_eq (count_rule (diags, "T.row", "乙"), 0);
  /* the row condition holds for every cell of A, none of B */
  ck_assert_uint_eq (count_rule (diags, "T.label", NULL), 3);
  ck_assert_uint_eq (count_rule (diags, "T.label", "乙"), 1);
}
END_TEST

/* ---- findings from doubtful readings ---- */

/* A figure the reader could not place ("?") counts as blank, and what is
 * computed with it is uncertain; so is what is computed with the cells of
 * a table whose reading is in doubt.  A rule that holds stays silent. */
static const char doubt_filing[] =
  "budgetlint: 1\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income\n"
  "    columns: [本年收入合计, 财政拨款收入, 其他收入]\n"
  "    rows:\n"
  "      - [~, 合计, 150.00, 140.00, 10.00]\n"
  "      - [210, 卫生健康支出, 150.00, \"?\", 10.00]\n"
  "      - [21013, 医疗救助, 100.00, 90.00, 9.00]\n"
  "      - [21015, 医疗保障管理事务, 10.00, \"?\", 10.00]\n"
  "  - kind: expenditure\n"
  "    doubt: 疑似列错位\n"
  "    columns: [本年支出合计, 基本支出, 项目支出]\n"
  "    rows:\n"
  "      - [~, 合计, 160.00, 60.00, 80.00]\n";

static const char doubt_pack[] =
  "pack: {name: t, version: \"1\"}\n"
  "rules:\n"
  "  - id: T.row\n"
  "    title: 行合计\n"
  "    severity: error\n"
  "    tables: [income]\n"
  "    for: rows\n"
  "    check: \"本年收入合计 == 财政拨款收入 + 其他收入\"\n"
  "    message: \"{row}\"\n"
  "  - id: T.cross\n"
  "    title: 收支\n"
  "    severity: error\n"
  "    check: \"income[合计].本年收入合计 == expenditure[合计].本年支出合计\"\n"
  "    message: \"收入 {lhs} ≠ 支出 {rhs}\"\n"
  "  - id: T.cells\n"
  "    title: 每格\n"
  "    severity: warning\n"
  "    tables: [income]\n"
  "    for: cells\n"
  "    where: \"财政拨款收入 >= 0\"\n"
  "    check: \"this >= 1000\"\n"
  "    message: \"{row} {column}\"\n";

static BlConfidence
confidence_of (const BlDiagnostics *list, const char *rule, const char *message)
{
  for (guint i = 0; i < bl_diagnostics_get_n (list); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (list, i);
      if (strcmp (bl_diagnostic_get_rule (d), rule) == 0
          && strcmp (bl_diagnostic_get_message (d), message) == 0)
        return bl_diagnostic_get_confidence (d);
    }
  ck_abort_msg ("no %s finding '%s'", rule, message);
  return BL_CONFIDENCE_CERTAIN;
}

START_TEST (test_engine_doubtful_readings)
{
  g_autoptr(BlRulePack) pack = pack_ok (doubt_pack);
  g_autoptr(BlFiling) f = filing_ok (doubt_filing);
  g_autoptr(BlDiagnostics) list = bl_rule_pack_check (pack, f);
  static const char *const rows[] = { "合计", "210 卫生健康支出", "21013 医疗救助",
                                      "21015 医疗保障管理事务" };
  static const char *const cols[] = { "本年收入合计", "财政拨款收入", "其他收入" };

  /* 21015 holds with its unread figure taken as blank: silent. */
  ck_assert_uint_eq (count_rule (list, "T.row", NULL), 2);
  ck_assert_int_eq (confidence_of (list, "T.row", "210 卫生健康支出"), BL_CONFIDENCE_UNCERTAIN);
  ck_assert_int_eq (confidence_of (list, "T.row", "21013 医疗救助"), BL_CONFIDENCE_CERTAIN);
  ck_assert_int_eq (confidence_of (list, "T.cross", "收入 150.00 万元 ≠ 支出 160.00 万元"),
                    BL_CONFIDENCE_UNCERTAIN);
  ck_assert_str_eq (bl_confidence_name (BL_CONFIDENCE_UNCERTAIN), "uncertain");
  /* A condition that read an unread figure makes every cell of its row
   * uncertain, also those the check reads alone. */
  ck_assert_uint_eq (count_rule (list, "T.cells", NULL), 12);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
      {
        g_autofree char *m = g_strdup_printf ("%s %s", rows[r], cols[c]);
        ck_assert_int_eq (confidence_of (list, "T.cells", m),
                          r == 1 || r == 3 ? BL_CONFIDENCE_UNCERTAIN : BL_CONFIDENCE_CERTAIN);
      }
}
END_TEST

START_TEST (test_engine_evaluation_failure)
{
  /* a rule that cannot be evaluated is reported, at most as a warning */
  const BlDiagnostic *d = only (ediags, "T.broken");

  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_WARNING);
  ck_assert_msg (g_str_has_prefix (bl_diagnostic_get_message (d), "规则无法计算："),
                 "%s", bl_diagnostic_get_message (d));
  ck_assert_msg (strstr (bl_diagnostic_get_message (d), "需要指明列") != NULL,
                 "%s", bl_diagnostic_get_message (d));
  ck_assert_ptr_null (bl_diagnostic_get_value (d, "actual"));
  ck_assert_ptr_null (bl_diagnostic_get_value (d, "expected"));
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 1);
  assert_location (d, 0, "收入决算表（测试）", NULL, NULL,
                   line_of (engine_filing, "- kind: income\n"));
}
END_TEST

/* ---- message placeholders (budgetlint-rules(5), MESSAGES) ----------------- */

static const char placeholder_pack[] =
  "rules:\n"
  "  - id: M.table\n"
  "    title: 表级\n"
  "    severity: error\n"
  "    tables: [income_expenditure_summary]\n"
  "    check: \"[收入:总计] == [支出:总计]\"\n"
  "    message: \"行 {[收入:总计]}；多列 {income[210]}；金额 {[收入:总计].金额}；无行 {row}；无列 {column}；"
  "缺 {[不存在]}；坏 {income[210] + 1}；真假 {[收入:总计] == [支出:总计]}；{'文字'}；"
  "{table}；{code}\"\n"
  "  - id: M.rows\n"
  "    title: 逐行\n"
  "    severity: warning\n"
  "    tables: [income]\n"
  "    for: rows\n"
  "    check: \"本年收入合计 == 财政拨款收入 + 其他收入\"\n"
  "    message: \"{row}|{code}|{part}|{本年收入合计}|{财政拨款收入 + 其他收入}|"
  "{label(row)}|{column}\"\n"
  "  - id: M.part\n"
  "    title: 部分\n"
  "    severity: error\n"
  "    tables: [income_expenditure_summary]\n"
  "    for: rows\n"
  "    part: 支出\n"
  "    where: \"is(row, '总计')\"\n"
  "    check: \"row == 0\"\n"
  "    message: \"{part}:{row}\"\n"
  "  - id: M.fails\n"
  "    title: 提示级无法计算\n"
  "    severity: notice\n"
  "    tables: [income]\n"
  "    check: \"income[210] == 1\"\n"
  "    message: m\n";

START_TEST (test_engine_placeholders)
{
  g_autoptr(BlRulePack) pack = pack_ok (placeholder_pack);
  g_autoptr(BlDiagnostics) list = bl_rule_pack_check (pack, efiling);
  const BlDiagnostic *d;

  ck_assert_uint_eq (bl_diagnostics_get_n (list), 4);
  /* a row renders as its amount when it stands for one cell, else as for
   * {row}; nothing to show is ?, an absent or failing expression —, a
   * truth 是/否 */
  ck_assert_str_eq (bl_diagnostic_get_message (only (list, "M.table")),
                    "行 11229.01 万元；多列 210 卫生健康支出；金额 11229.01 万元；无行 ?；无列 ?；缺 —；坏 —；真假 否；文字；"
                    "收入支出决算总表；?");
  ck_assert_str_eq (bl_diagnostic_get_message (only (list, "M.rows")),
                    "21015 医疗保障管理事务|21015|?|50.00 元|49.00 元|医疗保障管理事务|?");
  /* `part:` restricts the rows; {part} names it */
  ck_assert_str_eq (bl_diagnostic_get_message (only (list, "M.part")), "支出:总计");
  assert_location (only (list, "M.part"), 0, "收入支出决算总表", "总计", "金额",
                   line_of (engine_filing, "[总计, 62"));
  /* a notice rule that cannot be evaluated stays a notice */
  d = only (list, "M.fails");
  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_NOTICE);
  ck_assert_msg (g_str_has_prefix (bl_diagnostic_get_message (d), "规则无法计算："),
                 "%s", bl_diagnostic_get_message (d));
}
END_TEST

/* ---- units: values are exact, in the lhs unit ------------------------------ */

static const char units_filing[] =
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
  "      - [~, 合计, 16296500.00, 16296000.00]\n";

static const char units_pack[] =
  "rules:\n"
  "  - id: U.wan_first\n"
  "    title: 万元在左\n"
  "    severity: error\n"
  "    check: \"income_expenditure_summary[收入:本年收入合计] == income[合计].本年收入合计\"\n"
  "    message: \"{lhs} ≠ {rhs}，相差 {diff}\"\n"
  "  - id: U.yuan_first\n"
  "    title: 元在左\n"
  "    severity: error\n"
  "    check: \"income[合计].本年收入合计 == income_expenditure_summary[收入:本年收入合计]\"\n"
  "    message: \"{lhs} ≠ {rhs}，相差 {diff}\"\n"
  "  - id: U.same\n"
  "    title: 同额\n"
  "    severity: error\n"
  "    check: \"income_expenditure_summary[收入:本年收入合计] == income[合计].财政拨款收入\"\n"
  "    message: \"1629.60 万元 与 16296000.00 元 相等，不报告\"\n";

START_TEST (test_engine_units)
{
  g_autoptr(BlRulePack) pack = pack_ok (units_pack);
  g_autoptr(BlFiling) f = filing_ok (units_filing);
  g_autoptr(BlDiagnostics) list = bl_rule_pack_check (pack, f);
  const BlDiagnostic *d;

  ck_assert_uint_eq (bl_diagnostics_get_n (list), 2);
  d = only (list, "U.wan_first");
  ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_ERROR);
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "1629.60 万元 ≠ 16296500.00 元，相差 0.050000 万元");
  assert_values (d, "1629.600000", "1629.650000", "-0.050000", "万元");
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 2);
  assert_location (d, 0, "收入支出决算总表", "本年收入合计", "金额",
                   line_of (units_filing, "[本年收入合计, 27"));
  assert_location (d, 1, "收入决算表", "合计", "本年收入合计",
                   line_of (units_filing, "[~, 合计"));

  d = only (list, "U.yuan_first");
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "16296500.00 元 ≠ 1629.60 万元，相差 500.00 元");
  assert_values (d, "16296500.00", "16296000.00", "500.00", "元");
}
END_TEST

/* ---- rule pack loading errors ------------------------------------------- */

typedef struct {
  const char *name;
  const char *yaml;
  const char *want[4];    /* substrings of the one error message */
} BadPack;

#define RULE_HEAD "rules:\n  - id: A.one\n    title: 一\n"

static const BadPack bad_packs[] = {
  { "unknown key",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: m\n"
    "    colour: red\n",
    { "t.yaml:7:5: unknown rule key 'colour'" } },
  { "bad severity",
    RULE_HEAD "    severity: fatal\n    check: \"1 == 1\"\n    message: m\n",
    { "t.yaml:4:15: severity must be error, warning or notice" } },
  { "unknown table kind",
    RULE_HEAD "    severity: error\n    tables: [income, incom]\n"
    "    check: \"1 == 1\"\n    message: m\n",
    { "t.yaml:5:13: unknown table kind 'incom'" } },
  /* the column points inside the double-quoted expression */
  { "expression syntax, double-quoted",
    RULE_HEAD "    severity: error\n    check: \"[收入:总计] == == 1\"\n    message: m\n",
    { "t.yaml:5:24: expected a value\n"
      "    [收入:总计] == == 1\n"
      "                   ^^" } },
  { "unknown function, double-quoted",
    RULE_HEAD "    severity: error\n    check: \"summ([合计]) == 1\"\n    message: m\n",
    { "t.yaml:5:13: unknown function\n"
      "    summ([合计]) == 1\n"
      "    ^^^^" } },
  { "expression syntax, single-quoted",
    RULE_HEAD "    severity: error\n    check: '1 + * 2'\n    message: m\n",
    { "t.yaml:5:17: expected a value\n    1 + * 2\n        ^" } },
  { "expression syntax, plain",
    RULE_HEAD "    severity: error\n    check: 1 + * 2\n    message: m\n",
    { "t.yaml:5:16: expected a value\n    1 + * 2\n        ^" } },
  { "expression in a message placeholder",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: \"合计 {sum(}\"\n",
    { "t.yaml:6:23: unexpected end of expression" } },
  { "expression in where",
    RULE_HEAD "    severity: error\n    tables: [income]\n    for: rows\n"
    "    where: \"has_children(row, 1)\"\n    check: \"1 == 1\"\n    message: m\n",
    { "t.yaml:7:", "wrong number of arguments" } },
  { "duplicate id",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: m\n"
    "  - id: A.one\n    title: 二\n    severity: error\n    check: \"1 == 1\"\n"
    "    message: m\n",
    { "t.yaml:7:5: duplicate rule id A.one" } },
  { "case without filing",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: m\n"
    "    cases:\n      - expect: pass\n",
    { "t.yaml:8:9: a case needs a 'filing'" } },
  { "case with a bad expect",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: m\n"
    "    cases:\n      - expect: maybe\n        filing: {tables: []}\n",
    { "t.yaml:8:9: a case needs 'expect: pass', 'fail' or 'notice'" } },
  { "case with a broken filing",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: m\n"
    "    cases:\n      - expect: pass\n        filing:\n          tables:\n"
    "            - kind: incomes\n",
    { "t.yaml:11:21: unknown table kind 'incomes'" } },
  { "no check, no message",
    RULE_HEAD "    severity: error\n",
    { "t.yaml:2:5: rule A.one has no 'check'", "t.yaml:2:5: rule A.one has no 'message'" } },
  { "bad for",
    RULE_HEAD "    severity: error\n    tables: [income]\n    for: each\n"
    "    check: \"1 == 1\"\n    message: m\n",
    { "t.yaml:6:10: 'for' must be table, rows, cells or required" } },
  { "rows without tables",
    RULE_HEAD "    severity: error\n    for: rows\n    check: \"1 == 1\"\n    message: m\n",
    { "t.yaml:2:5: rule A.one iterates rows but names no 'tables'" } },
  /* the man page says a { without } is literal text; the loader now
   * rejects it (lib/rulepack.c) */
  { "unclosed placeholder",
    RULE_HEAD "    severity: error\n    check: \"1 == 1\"\n    message: \"合计 {lhs\"\n",
    { "t.yaml:6:", "unclosed '{' in message template" } },
  { "no rules", "pack: {name: x}\n", { "t.yaml:1:1: a rule pack needs a 'rules' list" } },
  /* evaluating it would recurse until the stack overflows */
  { "lexicon cycle",
    "lexicon:\n"
    "  - phrases: [环]\n"
    "    ref: \"concept_value('环')\"\n",
    { "t.yaml:2:5: lexicon entry refers back to itself through concept_value('环')" } },
  { "lexicon cycle of two",
    "lexicon:\n"
    "  - phrases: [甲]\n"
    "    ref: \"concept_value('乙') + 1\"\n"
    "  - phrases: [乙]\n"
    "    ref: \"concept_value('甲')\"\n",
    { "t.yaml:4:5: lexicon entry refers back to itself through concept_value('甲')" } },
  { "YAML syntax", "rules: [\n", { "t.yaml:" } },
};

START_TEST (test_engine_pack_errors)
{
  const BadPack *c = &bad_packs[_i];
  g_autoptr(GError) error = NULL;
  BlRulePack *p = bl_rule_pack_load_data (c->yaml, strlen (c->yaml), "t.yaml", &error);

  if (p != NULL)
    {
      bl_rule_pack_free (p);
      ck_abort_msg ("%s: loaded, but should have failed", c->name);
    }
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (error->domain == BL_ERROR
                 && (error->code == BL_ERROR_RULE_PACK || error->code == BL_ERROR_EXPR),
                 "%s: error %s/%d", c->name, g_quark_to_string (error->domain), error->code);
  for (guint i = 0; i < G_N_ELEMENTS (c->want) && c->want[i]; i++)
    ck_assert_msg (strstr (error->message, c->want[i]) != NULL,
                   "%s: message\n%s\ndoes not contain\n%s", c->name, error->message,
                   c->want[i]);
}
END_TEST

/* A pack directory's problems name the file they are in. */
START_TEST (test_engine_pack_dir_errors)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("budgetlint-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "lex.yaml", NULL);
  g_autofree char *want = g_strconcat (file, ":2:5: lexicon entry refers back", NULL);
  BlRulePack *p;

  ck_assert (g_file_set_contents (file, "lexicon:\n  - phrases: [环]\n    ref: \"concept_value('环')\"\n",
                                  -1, NULL));
  p = bl_rule_pack_load_file (dir, &error);
  g_unlink (file);
  g_rmdir (dir);
  ck_assert_ptr_null (p);
  ck_assert_msg (strstr (error->message, want), "%s", error->message);
}
END_TEST

/* Every problem of a pack, in one GError, one `file:line:col:` each. */
START_TEST (test_engine_pack_errors_together)
{
  static const char yaml[] =
    "rules:\n"
    "  - id: A.one\n"
    "    title: 一\n"
    "    severity: fatal\n"
    "    tables: [incom]\n"
    "    check: \"[收入:总计] == == 1\"\n"
    "    message: m\n"
    "    colour: red\n"
    "  - id: A.one\n"
    "    title: 二\n"
    "    severity: error\n"
    "    check: \"1 == 1\"\n"
    "    message: m\n"
    "    cases:\n"
    "      - expect: pass\n";
  static const char *const want[] = {
    "t.yaml:4:15: severity must be error, warning or notice",
    "t.yaml:5:13: unknown table kind 'incom'",
    "t.yaml:6:24: expected a value",
    "t.yaml:8:5: unknown rule key 'colour'",
    "t.yaml:9:5: duplicate rule id A.one",
    "t.yaml:15:9: a case needs a 'filing'",
  };
  g_autoptr(GError) error = NULL;
  BlRulePack *p = bl_rule_pack_load_data (yaml, strlen (yaml), "t.yaml", &error);
  g_auto(GStrv) lines = NULL;
  guint n_located = 0;

  ck_assert_ptr_null (p);
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_RULE_PACK));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    ck_assert_msg (strstr (error->message, want[i]) != NULL,
                   "message\n%s\ndoes not contain\n%s", error->message, want[i]);
  /* nothing else: six located lines, plus the expression's excerpt and caret */
  lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    n_located += g_str_has_prefix (lines[i], "t.yaml:");
  ck_assert_uint_eq (n_located, G_N_ELEMENTS (want));
  ck_assert_uint_eq (g_strv_length (lines), G_N_ELEMENTS (want) + 2);
}
END_TEST

START_TEST (test_engine_pack_load_file_errors)
{
  g_autoptr(GError) error = NULL;
  BlRulePack *p = bl_rule_pack_load_file (BL_SRCDIR "/rules/no-such-pack.yaml", &error);
  ck_assert_ptr_null (p);
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
}
END_TEST

/* ---- a pack's own test cases ---------------------------------------------- */

#define CASE_FILING(a, b)                                  \
  "        filing:\n"                                      \
  "          tables:\n"                                    \
  "            - kind: income\n"                           \
  "              columns: [本年收入合计, 财政拨款收入]\n"  \
  "              rows: [[~, 合计, " a ", " b "]]\n"

#define CASE_RULE(id)                                      \
  "  - id: " id "\n"                                       \
  "    title: 合计\n"                                      \
  "    severity: error\n"                                  \
  "    tables: [income]\n"                                 \
  "    for: rows\n"                                        \
  "    check: \"本年收入合计 == 财政拨款收入\"\n"           \
  "    message: \"{row} {lhs} ≠ {rhs}\"\n"                 \
  "    cases:\n"

static const char cases_pack[] =
  "rules:\n"
  CASE_RULE ("P.good")
  "      - name: 相等\n        expect: pass\n" CASE_FILING ("1.00", "1.00")
  "      - name: 不等\n        expect: fail\n" CASE_FILING ("1.00", "2.00")
  "      - name: 舍入\n        expect: notice\n" CASE_FILING ("1.0", "1.04")
  CASE_RULE ("P.wrong")
  "      - name: 说通过其实不通过\n        expect: pass\n" CASE_FILING ("1.00", "2.00")
  "      - name: 说舍入其实通过\n        expect: notice\n" CASE_FILING ("1.00", "1.00")
  "      - name: 说不通过其实只是舍入\n        expect: fail\n" CASE_FILING ("1.0", "1.04")
  CASE_RULE ("P.untested")
  "      - name: 只有通过\n        expect: pass\n" CASE_FILING ("1.00", "1.00");

START_TEST (test_engine_pack_test)
{
  g_autoptr(BlRulePack) pack = pack_ok (cases_pack);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *want1 = NULL, *want2 = NULL, *want3 = NULL, *want4 = NULL;
  guint passed = 99, failed = 99;
  g_auto(GStrv) lines = NULL;
  guint n_fail_lines = 0;

  ck_assert (!bl_rule_pack_test (pack, report, &passed, &failed));
  /* P.good 3, P.untested 1 pass; P.wrong's 3 cases fail, and P.untested
   * has no failing case */
  ck_assert_uint_eq (passed, 4);
  ck_assert_uint_eq (failed, 4);

  want1 = g_strdup_printf ("FAIL P.wrong case 说通过其实不通过 (line %u): expected pass, "
                           "got 1 finding(s)\n      error: 合计 1.00 元 ≠ 2.00 元\n",
                           line_of (cases_pack, "- name: 说通过其实不通过"));
  want2 = g_strdup_printf ("FAIL P.wrong case 说舍入其实通过 (line %u): expected notice, "
                           "got 0 finding(s)\n",
                           line_of (cases_pack, "- name: 说舍入其实通过"));
  want3 = g_strdup_printf ("FAIL P.wrong case 说不通过其实只是舍入 (line %u): expected fail, "
                           "got 1 finding(s)\n      notice: ",
                           line_of (cases_pack, "- name: 说不通过其实只是舍入"));
  want4 = g_strdup_printf ("FAIL P.untested (t.yaml:%u): no failing case\n",
                           line_of (cases_pack, "- id: P.untested"));
  ck_assert_msg (strstr (report->str, want1), "report:\n%s\nlacks\n%s", report->str, want1);
  ck_assert_msg (strstr (report->str, want2), "report:\n%s\nlacks\n%s", report->str, want2);
  ck_assert_msg (strstr (report->str, want3), "report:\n%s\nlacks\n%s", report->str, want3);
  ck_assert_msg (strstr (report->str, want4), "report:\n%s\nlacks\n%s", report->str, want4);
  ck_assert_msg (strstr (report->str, "P.good") == NULL, "%s", report->str);
  lines = g_strsplit (report->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    n_fail_lines += g_str_has_prefix (lines[i], "FAIL ");
  ck_assert_uint_eq (n_fail_lines, 4);

  /* NULL report and counters are allowed */
  ck_assert (!bl_rule_pack_test (pack, NULL, NULL, NULL));
}
END_TEST

/* ---- the real pack -------------------------------------------------------- */

START_TEST (test_engine_real_pack_own_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_file (REAL_PACK, &error);
  g_autoptr(GString) report = g_string_new (NULL);
  guint passed = 0, failed = 0, n_cases = 0;

  ck_assert_msg (pack != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (bl_rule_pack_get_name (pack), "juesuan");
  for (guint i = 0; i < bl_rule_pack_get_n_rules (pack); i++)
    n_cases += bl_rule_get_n_cases (bl_rule_pack_get_rule (pack, i));
  ck_assert_msg (bl_rule_pack_test (pack, report, &passed, &failed), "%s", report->str);
  ck_assert_uint_eq (failed, 0);
  ck_assert_uint_eq (passed, n_cases);
  ck_assert_uint_gt (n_cases, 2 * bl_rule_pack_get_n_rules (pack) - 1);
  ck_assert_str_eq (report->str, "");
}
END_TEST

typedef struct {
  const char *rule;
  const char *row_needle;   /* locates the line in the sample */
  const char *actual, *expected, *difference;
} Notice;

START_TEST (test_engine_real_pack_zengdu)
{
  static const Notice notices[] = {
    { "JS.01.income_total", "[本年收入合计, 27, \"11,229.01\"]",
      "11229.01", "11229.02", "-0.01" },
    { "JS.02.row_total", "[~, 合计, \"11,229.01\", \"11,208.44\"",
      "11229.01", "11229.02", "-0.01" },
    { "JS.02.row_total", "[210, 卫生健康支出, \"11,229.01\", \"11,208.44\"",
      "11229.01", "11229.02", "-0.01" },
    { "JS.02.row_total", "[21015, 医疗保障管理事务, 648.61, 628.04",
      "648.61", "648.62", "-0.01" },
    { "JS.02.row_total", "[2101550, 事业运行, 648.61, 628.04",
      "648.61", "648.62", "-0.01" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_file (REAL_PACK, &error);
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("zengdu-2023.yaml"), &error);
  g_autofree char *text = read_text (SAMPLE ("zengdu-2023.yaml"));
  g_autoptr(BlDiagnostics) list = NULL;

  ck_assert_msg (pack && f, "%s", error ? error->message : "");
  list = bl_rule_pack_check (pack, f);
  ck_assert_uint_eq (bl_diagnostics_count (list, BL_SEVERITY_ERROR), 0);
  ck_assert_uint_eq (bl_diagnostics_count (list, BL_SEVERITY_WARNING), 0);
  ck_assert_uint_eq (bl_diagnostics_get_n (list), G_N_ELEMENTS (notices));
  assert_sorted (list);
  for (guint i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (list, i);
      ck_assert_str_eq (bl_diagnostic_get_rule (d), notices[i].rule);
      ck_assert_int_eq (bl_diagnostic_get_severity (d), BL_SEVERITY_NOTICE);
      ck_assert_msg (g_str_has_suffix (bl_diagnostic_get_message (d), NOTE),
                     "%s", bl_diagnostic_get_message (d));
      ck_assert_uint_eq (bl_diagnostic_get_location (d, 0)->line,
                         line_of (text, notices[i].row_needle));
      assert_values (d, notices[i].actual, notices[i].expected, notices[i].difference,
                     "万元");
    }
}
END_TEST

START_TEST (test_engine_real_pack_zengdu_broken)
{
  static const char *const errors[] = {
    "JS.01.balance", "JS.01.expenditure_grand_total", "JS.CODE.children",
    "JS.03.row_total", "JS.3G.vehicle.final",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_file (REAL_PACK, &error);
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("zengdu-2023-broken.yaml"), &error);
  g_autofree char *text = read_text (SAMPLE ("zengdu-2023-broken.yaml"));
  g_autoptr(BlDiagnostics) list = NULL;
  const BlDiagnostic *d;
  guint k = 0;

  ck_assert_msg (pack && f, "%s", error ? error->message : "");
  list = bl_rule_pack_check (pack, f);
  assert_sorted (list);
  ck_assert_uint_eq (bl_diagnostics_count (list, BL_SEVERITY_ERROR), G_N_ELEMENTS (errors));
  ck_assert_uint_eq (bl_diagnostics_count (list, BL_SEVERITY_WARNING), 0);
  ck_assert_uint_eq (bl_diagnostics_count (list, BL_SEVERITY_NOTICE), 5);
  for (guint i = 0; i < bl_diagnostics_get_n (list); i++)
    {
      d = bl_diagnostics_get (list, i);
      if (bl_diagnostic_get_severity (d) == BL_SEVERITY_ERROR)
        ck_assert_str_eq (bl_diagnostic_get_rule (d), errors[k++]);
    }

  d = only (list, "JS.01.balance");
  ck_assert_str_eq (bl_diagnostic_get_message (d),
                    "收支平衡：收入总计 11229.01 万元 ≠ 支出总计 11229.51 万元，相差 0.50 万元");
  assert_values (d, "11229.01", "11229.51", "-0.50", "万元");
  ck_assert_uint_eq (bl_diagnostic_get_n_locations (d), 2);
  assert_location (d, 0, "收入支出决算总表", "总计", "金额", line_of (text, "[总计, 31,"));
  assert_location (d, 1, "收入支出决算总表", "总计", "金额", line_of (text, "[总计, 62,"));

  d = only (list, "JS.3G.vehicle.final");
  assert_values (d, "1.57", "1.75", "-0.18", "万元");
  assert_location (d, 0, "财政拨款“三公”经费支出决算表", "第1行", "小计",
                   line_of (text, "1.57, 0.00, 1.75"));
}
END_TEST

START_TEST (test_engine_real_pack_daning)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_file (REAL_PACK, &error);
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("daning-2022.yaml"), &error);
  g_autoptr(BlDiagnostics) list = NULL;

  ck_assert_msg (pack && f, "%s", error ? error->message : "");
  list = bl_rule_pack_check (pack, f);
  ck_assert_uint_eq (bl_diagnostics_get_n (list), 0);
}
END_TEST

/* ---- expressions in block scalars ------------------------------------------
 *
 * The content starts on the line after the indicator, at its own
 * indentation; errors point into it.  Before 3e18c11 the column was the
 * indicator's + 2 (14 here) and the line always the first content line. */

typedef struct {
  const char *name;
  const char *check;      /* the `check:` value, from the indicator on */
  const char *want;
} BlockCase;

static const BlockCase block_cases[] = {
  { "literal, first line", "|\n      summ([合计]) == 1\n",
    "t.yaml:6:7: unknown function\n    summ([合计]) == 1\n    ^^^^" },
  { "literal, second line", "|\n      [合计] ==\n        summ(1)\n",
    "t.yaml:7:9: unknown function" },
  { "folded, second line", ">-\n      [合计] == 1 +\n      summ(1)\n",
    "t.yaml:7:7: unknown function" },
  { "folded, third line", ">-\n      [合计] ==\n      1 +\n      2 + * 3\n",
    "t.yaml:8:11: expected a value" },
};

START_TEST (test_engine_block_scalar_positions)
{
  const BlockCase *c = &block_cases[_i];
  g_autofree char *yaml = g_strconcat ("rules:\n  - id: B.block\n    title: 块\n"
                                       "    severity: error\n    check: ", c->check,
                                       "    message: m\n", NULL);
  g_autoptr(GError) error = NULL;
  BlRulePack *p = bl_rule_pack_load_data (yaml, strlen (yaml), "t.yaml", &error);

  ck_assert_msg (p == NULL, "%s: loaded", c->name);
  ck_assert_msg (strstr (error->message, c->want) != NULL,
                 "%s: message\n%s\ndoes not contain\n%s", c->name, error->message, c->want);
}
END_TEST


/* ---- figures that are not numbers, and what was checked -------------------- */

#define ZENGDU_TEXT BL_SRCDIR "/tests/corpus/text/zengdu-yibaozhongxin-2023.md"
#define RULES_DIR BL_SRCDIR "/rules"

static const char *const unreadable[] = {
  "12x34", "#VALUE!", "1e400",
  "9999999999999999999999999999999999999999999999999999999999999999999999999999999"
  "9999999999999999999999999999999999999999999999999999999999999999999999999999999"
  "9999999999999999999999999999999999999999999999999999999999999999999999999999999"
  "9999999999999999999999999999999999999999999999999999999999999999999999999999999"
  "9999999999999999999999999999999999999999999999999999999999999999999999999999999.00",
};

/* "rule\tmessage" of every finding, as a set. */
static GHashTable *
finding_set (const BlDiagnostics *list)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < bl_diagnostics_get_n (list); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (list, i);
      g_hash_table_add (set, g_strdup_printf ("%s\t%s", bl_diagnostic_get_rule (d),
                                              bl_diagnostic_get_message (d)));
    }
  return set;
}

static BlDiagnostics *
check_text (const BlRulePack *pack, const char *text, BlFiling **filing)
{
  g_autoptr(GError) error = NULL;
  *filing = bl_filing_load_data (text, strlen (text), "f.md", &error);
  ck_assert_msg (*filing != NULL, "%s", error ? error->message : "");
  return bl_rule_pack_check (pack, *filing);
}

static guint
n_outcomes (const BlDiagnostics *list)
{
  return bl_diagnostics_count_rules (list, BL_RULE_RAN)
         + bl_diagnostics_count_rules (list, BL_RULE_NOT_APPLICABLE)
         + bl_diagnostics_count_rules (list, BL_RULE_NOT_RUN);
}

/* A 基本支出 figure of the 支出决算表 mistyped as something that is not a
 * number: one READ.cell on it, and no rule that needs it reports "? ≠ ?"
 * or fails; those rules count as not run. */
START_TEST (test_engine_unreadable_figure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_file (RULES_DIR, &error);
  g_autofree char *text = read_text (ZENGDU_TEXT);
  const char *row = "2101550\t事业运行\t648.61\t590.11\t";
  char *at = strstr (text, row);
  g_autoptr(BlFiling) clean_f = NULL, bad_f = NULL;
  g_autoptr(BlDiagnostics) clean = NULL, bad = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GString) bad_text = g_string_new (NULL);
  guint n_new = 0, read_cell = 0;

  ck_assert_msg (pack && at, "%s", error ? error->message : "no 2101550 row");
  clean = check_text (pack, text, &clean_f);
  before = finding_set (clean);
  g_string_append_len (bad_text, text, at - text + strlen ("2101550\t事业运行\t648.61\t"));
  g_string_append (bad_text, unreadable[_i]);
  g_string_append (bad_text, at + strlen (row) - 1);
  bad = check_text (pack, bad_text->str, &bad_f);

  for (guint i = 0; i < bl_diagnostics_get_n (bad); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (bad, i);
      g_autofree char *key = g_strdup_printf ("%s\t%s", bl_diagnostic_get_rule (d),
                                              bl_diagnostic_get_message (d));
      if (g_hash_table_contains (before, key))
        continue;
      n_new++;
      read_cell += strcmp (bl_diagnostic_get_rule (d), "READ.cell") == 0;
      ck_assert_msg (strcmp (bl_diagnostic_get_rule (d), "READ.cell") == 0,
                     "%s: a finding from the unreadable figure: %s", unreadable[_i], key);
    }
  ck_assert_uint_eq (n_new, 1);
  ck_assert_uint_eq (read_cell, 1);
  /* what could not run is said, and every rule is counted once */
  ck_assert_uint_eq (n_outcomes (clean), bl_rule_pack_get_n_rules (pack));
  ck_assert_uint_eq (n_outcomes (bad), bl_rule_pack_get_n_rules (pack));
  ck_assert_uint_gt (bl_diagnostics_count_rules (bad, BL_RULE_NOT_RUN),
                     bl_diagnostics_count_rules (clean, BL_RULE_NOT_RUN));
}
END_TEST

/* Ran, did not apply, could not run: the engine's own small pack. */
START_TEST (test_engine_rule_outcomes)
{
  g_autoptr(BlRulePack) pack = pack_ok (doubt_pack);
  g_autoptr(BlFiling) f = filing_ok (doubt_filing);
  g_autoptr(BlDiagnostics) doubtful = bl_rule_pack_check (pack, f);
  g_autoptr(BlDiagnostics) plain = bl_rule_pack_check (epack, efiling);
  g_autoptr(BlFiling) none = filing_ok ("budgetlint: 1\nkind: 决算\ntables: []\n");
  g_autoptr(BlDiagnostics) empty = bl_rule_pack_check (pack, none);
  g_autoptr(BlDiagnostics) unmade = bl_diagnostics_new ();

  /* every rule of the doubt pack reads an unread figure somewhere */
  ck_assert_uint_eq (bl_diagnostics_count_rules (doubtful, BL_RULE_NOT_RUN),
                     bl_rule_pack_get_n_rules (pack));
  /* no table: nothing applies */
  ck_assert_uint_eq (bl_diagnostics_count_rules (empty, BL_RULE_NOT_APPLICABLE),
                     bl_rule_pack_get_n_rules (pack));
  /* the engine pack on a clean filing: T.broken fails (not run), the rest
   * either ran or had nothing to check */
  ck_assert_uint_eq (n_outcomes (plain), bl_rule_pack_get_n_rules (epack));
  ck_assert_uint_ge (bl_diagnostics_count_rules (plain, BL_RULE_NOT_RUN), 1);
  ck_assert_uint_gt (bl_diagnostics_count_rules (plain, BL_RULE_RAN), 0);
  ck_assert_uint_eq (n_outcomes (unmade), 0);
}
END_TEST

static Suite *
engine_suite (void)
{
  Suite *s = suite_create ("engine");
  TCase *tc;

  tc = tcase_create ("check");
  tcase_add_unchecked_fixture (tc, engine_setup, engine_teardown);
  tcase_add_test (tc, test_engine_pack_accessors);
  tcase_add_test (tc, test_engine_what_is_reported);
  tcase_add_test (tc, test_engine_balance);
  tcase_add_test (tc, test_engine_rounding_is_notice);
  tcase_add_test (tc, test_engine_notice_rule);
  tcase_add_test (tc, test_engine_rows);
  tcase_add_test (tc, test_engine_cells);
  tcase_add_test (tc, test_engine_cells_where_per_column);
  tcase_add_test (tc, test_engine_restated_once);
  tcase_add_test (tc, test_engine_evaluation_failure);
  tcase_add_test (tc, test_engine_units);
  tcase_add_test (tc, test_engine_placeholders);
  tcase_add_test (tc, test_engine_doubtful_readings);
  tcase_add_test (tc, test_engine_rule_outcomes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("pack_errors");
  tcase_add_loop_test (tc, test_engine_pack_errors, 0, G_N_ELEMENTS (bad_packs));
  tcase_add_test (tc, test_engine_pack_errors_together);
  tcase_add_test (tc, test_engine_pack_dir_errors);
  tcase_add_test (tc, test_engine_pack_load_file_errors);
  suite_add_tcase (s, tc);

  tc = tcase_create ("pack_test");
  tcase_add_test (tc, test_engine_pack_test);
  suite_add_tcase (s, tc);

  tc = tcase_create ("real_pack");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_engine_real_pack_own_cases);
  tcase_add_test (tc, test_engine_real_pack_zengdu);
  tcase_add_test (tc, test_engine_real_pack_zengdu_broken);
  tcase_add_test (tc, test_engine_real_pack_daning);
  tcase_add_loop_test (tc, test_engine_unreadable_figure, 0, G_N_ELEMENTS (unreadable));
  suite_add_tcase (s, tc);

  tc = tcase_create ("block_scalars");
  tcase_add_loop_test (tc, test_engine_block_scalar_positions, 0, G_N_ELEMENTS (block_cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (engine_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
