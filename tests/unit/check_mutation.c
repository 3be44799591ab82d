/* Mutation check of the real rule pack (the project's acceptance test):
 * for every cell of the statutory tables 公开01–09 (every table kind but
 * the 公开10 statistics and the performance self-evaluations), add 0.50
 * (in the table's unit; a blank becomes 0.50) straight in the loaded
 * ledger, run the whole pack (rules/, every file), and see whether at least
 * one error comes out.  A cell whose change no rule notices is a hole in
 * the pack.  Coverage must be at least 98% over the samples of real
 * filings, and is printed for each sample with the cells no identity
 * covers. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE(name) BL_SRCDIR "/samples/" name
#define REAL_PACK BL_SRCDIR "/rules"
#define MIN_COVERAGE 0.98

static const char *const covered_kinds[] = {
  "income_expenditure_summary", "income", "expenditure", "fiscal_summary",
  "fiscal_expenditure_detail", "general_budget_expenditure",
  "general_budget_basic", "general_budget_economic", "general_budget_project",
  "government_fund", "state_capital", "three_public", NULL
};

/* The two real filings of the acceptance test first (the control test
 * uses the first), then the samples of the other template families. */
static const char *const samples[] = {
  SAMPLE ("zengdu-2023.yaml"), SAMPLE ("daning-2022.yaml"),
  SAMPLE ("national-2024.yaml"), SAMPLE ("shanghai-2024.yaml"),
  SAMPLE ("sichuan-2024.yaml"),
};

typedef struct {
  guint mutated, caught;
  GString *uncaught;     /* one line per cell no error caught */
} Tally;

static guint
n_errors (const BlRulePack *pack, const BlFiling *f)
{
  g_autoptr(BlDiagnostics) list = bl_rule_pack_check (pack, f);
  return bl_diagnostics_count (list, BL_SEVERITY_ERROR);
}

/* The cell + 0.50 in its table's unit, or 0.50 for a blank. */
static void
mutate (BlCell *cell, BlUnit table_unit)
{
  BlDecimal half = { 500000, 2, (guint8) table_unit };   /* 0.50 × 10^6 */

  if (cell->kind == BL_CELL_NUMBER)
    {
      BlDecimal sum;
      ck_assert_msg (bl_decimal_add (cell->value, half, &sum),
                     "cannot add 0.50 to cell at line %u", cell->pos.line);
      cell->value = sum;
    }
  else
    {
      cell->kind = BL_CELL_NUMBER;
      cell->value = half;
    }
  cell->text = NULL;
}

static void
describe_cell (GString *out, const char *path, const BlTable *t,
               const BlCell *cell)
{
  const BlRow *r = cell->row;
  const BlColumn *c = cell->column;
  const char *base = strrchr (path, '/');

  g_string_append_printf (out, "  %s:%u  %s", base ? base + 1 : path,
                          cell->pos.line ? cell->pos.line : r->pos.line, t->kind);
  if (r->part->name)
    g_string_append_printf (out, " [%s]", r->part->name);
  g_string_append_printf (out, "  row %s%s%s", r->code ? r->code : "",
                          r->code && r->label ? " " : "", r->label ? r->label : "");
  if (r->line_no)
    g_string_append_printf (out, " 行次%d", r->line_no);
  if (!r->code && !r->label && !r->line_no)
    g_string_append_printf (out, "#%u", r->index + 1);
  g_string_append_printf (out, "  column %s%s%s\n", c->group ? c->group : "",
                          c->group ? "/" : "", c->name);
}

static void
mutate_filing (const BlRulePack *pack, const char *path, Tally *all,
               gboolean verbose)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = bl_filing_load_file (path, &error);
  guint mutated = 0, caught = 0;

  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  /* the sample itself is clean */
  ck_assert_msg (n_errors (pack, f) == 0, "%s has errors before mutation", path);
  for (guint ti = 0; ti < f->tables->len; ti++)
    {
      BlTable *t = g_ptr_array_index (f->tables, ti);
      if (!g_strv_contains (covered_kinds, t->kind))
        continue;
      for (guint p = 0; p < t->parts->len; p++)
        {
          BlPart *part = g_ptr_array_index (t->parts, p);
          for (guint i = 0; i < part->rows->len; i++)
            {
              BlRow *row = g_ptr_array_index (part->rows, i);
              for (guint c = 0; c < part->columns->len; c++)
                {
                  BlCell *cell = &row->cells[c];
                  BlCell saved = *cell;
                  gboolean hit;
                  ck_assert_msg (cell->kind != BL_CELL_TEXT, "text cell at line %u",
                                 cell->pos.line);
                  mutate (cell, t->unit);
                  hit = n_errors (pack, f) > 0;
                  *cell = saved;
                  mutated++;
                  if (hit)
                    caught++;
                  else
                    describe_cell (all->uncaught, path, t, cell);
                }
            }
        }
    }
  /* restoring left the filing as it was */
  ck_assert_msg (n_errors (pack, f) == 0, "%s has errors after restoring", path);
  if (verbose)
    printf ("mutation: %s: caught %u of %u mutated cells\n", path, caught, mutated);
  all->mutated += mutated;
  all->caught += caught;
}

START_TEST (test_mutation_coverage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_file (REAL_PACK, &error);
  g_autoptr(GString) uncaught = g_string_new (NULL);
  Tally all = { 0, 0, uncaught };
  double coverage;

  ck_assert_msg (pack != NULL, "%s", error ? error->message : "");
  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    mutate_filing (pack, samples[i], &all, TRUE);
  ck_assert_uint_gt (all.mutated, 0);
  coverage = (double) all.caught / all.mutated;
  printf ("mutation: caught %u of %u mutated cells (%.2f%%)\n", all.caught,
          all.mutated, 100.0 * coverage);
  if (uncaught->len)
    printf ("mutation: uncaught cells:\n%s", uncaught->str);
  fflush (stdout);
  /* The uncaught cells are listed above: check's messages have a size
   * limit that a long list would exceed. */
  ck_assert_msg (coverage >= MIN_COVERAGE,
                 "mutation coverage %u/%u = %.2f%% is below %.0f%%; uncaught cells above",
                 all.caught, all.mutated, 100.0 * coverage, 100.0 * MIN_COVERAGE);
}
END_TEST

/* The harness can tell a hole: a pack with only the balance rule catches
 * exactly the two cells it reads, and lists every other one. */
START_TEST (test_mutation_control)
{
  static const char yaml[] =
    "rules:\n"
    "  - id: C.balance\n"
    "    title: 收支平衡\n"
    "    severity: error\n"
    "    tables: [income_expenditure_summary]\n"
    "    check: \"[收入:总计] == [支出:总计]\"\n"
    "    message: m\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BlRulePack) pack = bl_rule_pack_load_data (yaml, strlen (yaml), "c.yaml", &error);
  g_autoptr(GString) uncaught = g_string_new (NULL);
  Tally all = { 0, 0, uncaught };

  ck_assert_msg (pack != NULL, "%s", error ? error->message : "");
  mutate_filing (pack, samples[0], &all, FALSE);
  ck_assert_uint_eq (all.mutated, 422);
  ck_assert_uint_eq (all.caught, 2);
  ck_assert_msg (strstr (uncaught->str, "  zengdu-2023.yaml:44  income_expenditure_summary"
                         " [收入]  row 本年收入合计 行次27  column 金额\n") != NULL,
                 "%s", uncaught->str);
  ck_assert_msg (strstr (uncaught->str, "  zengdu-2023.yaml:350  three_public  row #1"
                         "  column 决算数/公务用车购置及运行维护费/小计\n") != NULL,
                 "%s", uncaught->str);
  ck_assert_msg (strstr (uncaught->str, "row 总计 行次31") == NULL, "%s", uncaught->str);
}
END_TEST

/* The mutation itself: +0.50 in the table's unit, blanks become 0.50. */
START_TEST (test_mutation_mutate)
{
  static const char yaml[] =
    "budgetlint: 1\n"
    "unit: 万元\n"
    "tables:\n"
    "  - kind: income\n"
    "    columns: [本年收入合计, 其他收入, 财政拨款收入]\n"
    "    rows:\n"
    "      - [~, 合计, 11229.01, ~, 30元]\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = bl_filing_load_data (yaml, strlen (yaml), "m.yaml", &error);
  BlTable *t;
  BlRow *row;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  t = g_ptr_array_index (f->tables, 0);
  row = g_ptr_array_index (((BlPart *) g_ptr_array_index (t->parts, 0))->rows, 0);
  for (guint i = 0; i < 3; i++)
    mutate (&row->cells[i], t->unit);
  a = bl_decimal_format (row->cells[0].value);
  b = bl_decimal_format (row->cells[1].value);
  c = bl_decimal_format (row->cells[2].value);
  ck_assert_str_eq (a, "11229.51");
  ck_assert_int_eq (row->cells[0].value.unit, BL_UNIT_WAN);
  ck_assert_int_eq (row->cells[1].kind, BL_CELL_NUMBER);
  ck_assert_str_eq (b, "0.50");
  ck_assert_int_eq (row->cells[1].value.unit, BL_UNIT_WAN);
  /* a cell written in 元 inside a 万元 table gets 0.50 万元 = 5000 元 */
  ck_assert_int_eq (row->cells[2].value.unit, BL_UNIT_YUAN);
  ck_assert_str_eq (c, "5030");
}
END_TEST

static Suite *
mutation_suite (void)
{
  Suite *s = suite_create ("mutation");
  TCase *tc = tcase_create ("mutation");

  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_mutation_mutate);
  tcase_add_test (tc, test_mutation_control);
  tcase_add_test (tc, test_mutation_coverage);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (mutation_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
