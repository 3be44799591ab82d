/* Fuzz target: bl_rule_pack_load_data() on arbitrary bytes (`--rules`
 * takes outside input).  A pack or an error must come back, never both,
 * never neither; a pack that loads runs its own cases (filings the input
 * holds) and checks a small filing of prose and a table, so that what a
 * pack can express is run too — a lexicon that refers to itself
 * crashed `check` only when a claim asked for its concept. */

#include <budgetlint/budgetlint.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char filing_yaml[] =
  "budgetlint: 1\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income_expenditure_summary\n"
  "    keys: [label, line]\n"
  "    parts:\n"
  "      - part: 收入\n"
  "        columns: [金额]\n"
  "        rows: [[本年收入合计, 27, 11229.01], [总计, 31, 11229.01]]\n"
  "      - part: 支出\n"
  "        columns: [金额]\n"
  "        rows: [[总计, 62, 11229.51]]\n"
  "  - kind: narrative\n"
  "    parts:\n"
  "      - part: 陈述\n"
  "        keys: [label]\n"
  "        columns: [金额, 比例, {name: 概念, text: true}, {name: 章节, text: true},\n"
  "                  {name: 组, text: true}, {name: 角色, text: true}]\n"
  "        rows:\n"
  "          - [收入合计, 11229.01, ~, 收入合计, 一、收入支出决算总体情况说明, 1, 总]\n"
  "          - [环, 1.00, 50%, 环, ~, 1, 分]\n"
  "          - [甲, 2.00, 50%, 甲, ~, 1, 分]\n";

static const BlFiling *
sample_filing (void)
{
  static BlFiling *filing;
  if (filing == NULL)
    {
      GError *error = NULL;
      filing = bl_filing_load_data (filing_yaml, sizeof filing_yaml - 1,
                                    "fuzz-filing.yaml", &error);
      if (filing == NULL)
        abort ();   /* the target's own filing must load */
    }
  return filing;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *buf = g_malloc (size + 1);
  GError *error = NULL;
  BlRulePack *pack;

  memcpy (buf, data, size);
  buf[size] = '\0';
  pack = bl_rule_pack_load_data (buf, size, "fuzz-rules.yaml", &error);
  if ((pack == NULL) == (error == NULL))
    abort ();
  if (pack != NULL)
    {
      guint passed = 0, failed = 0;
      GString *report = g_string_new (NULL);
      (void) bl_rule_pack_test (pack, report, &passed, &failed);
      bl_diagnostics_free (bl_rule_pack_check (pack, sample_filing ()));
      g_string_free (report, TRUE);
    }
  bl_rule_pack_free (pack);
  g_clear_error (&error);
  g_free (buf);
  return 0;
}
