/* The prose checks on real sentences: for each check of the narrative
 * pack, a sentence of a published filing (tests/corpus, copied from
 * ../shared/corpus) that it must flag, or — where no filing we have gets
 * it wrong — one it must read and find right.  The filings are read whole,
 * as `budgetlint check` reads them, so a change in how prose is joined,
 * cut or read shows here on the sentences auditors asked about. */

#include <check.h>
#undef BUDGETLINT_COMPILATION
#include "common.h"
#include "ledger.h"
#include "diag.h"

#include <string.h>

#define CORPUS BL_SRCDIR "/tests/corpus/"

typedef struct {
  const char *file;       /* under tests/corpus */
  const char *rule;
  const char *words;      /* in the finding's message */
  gboolean flagged;       /* FALSE: read, and found right */
} Pin;

static const Pin pins[] = {
  /* 规划资源局: a 项 under another 款 than its own */
  { "pdf/putuo-guihuaziyuanju-2024.pdf", "NR.item.parent",
    "12、住房保障支出（类）住房保障支出（款）住房公积金（项）", TRUE },
  /* … and an alternative left in */
  { "pdf/putuo-guihuaziyuanju-2024.pdf", "NR.alternative", "下降（增长）27.78%", TRUE },
  { "text/jingyan-yibaoju-2024.txt", "NR.alternative",
    "公务用车购置及运行维护费支出决算比2023年度增加/减少0万元，增长/下降0%", TRUE },
  /* the national template: an instruction to whoever fills it in */
  { "pdf/template-juesuan-2024.pdf", "NR.instruction", "主要原因：XXXXXXXX。（如持平作持平表述）", TRUE },
  { "pdf/template-juesuan-2024.pdf", "NR.instruction", "按上述格式依次说明到各项级科目", TRUE },
  /* the altered 财政局 filing: a placeholder, a wrong year */
  { "pdf/putuo-caizhengju-2024-altered.pdf", "NR.leftover", "上海市普陀区XX局2024年度部门决算表", TRUE },
  { "pdf/putuo-caizhengju-2024-altered.pdf", "NR.year", "2023年度部门决算情况说明", TRUE },
  /* 财政局: a share and an amount the tables do not bear out */
  { "pdf/putuo-caizhengju-2024.pdf", "NR.share", "占 2940.05 万元 应为 71.65%，文中写为 71.73%", TRUE },
  { "pdf/putuo-caizhengju-2024.pdf", "NR.amount", "财政拨款收入支出总计 0.3 万元", TRUE },
  /* 社会工作部: a rate of growth from nothing, a rate of a budget of 0 */
  { "pdf/putuo-shehuigongzuobu-2024.pdf", "NR.zero_base", "一般公共预算财政拨款支出：本年 307.82 万元", TRUE },
  { "pdf/putuo-shehuigongzuobu-2024.pdf", "NR.completion_zero", "“完成预算的 95.89%”", TRUE },
  /* 大宁: 一级 and 二级 projects are counted apart (0 and 19) */
  { "text/daning-yibaoju-2022.txt", "NR.count_restated", "", FALSE },
  /* 规划资源局: a decrease said once, in one word */
  { "pdf/putuo-guihuaziyuanju-2024.pdf", "NR.direction_words", "", FALSE },
  /* 财政局: parts that add up, 项 amounts that agree with table 05 */
  { "pdf/putuo-caizhengju-2024.pdf", "NR.parts_total", "本年支出合计", FALSE },
  /* 规划资源局: "减少0.15万元，其中：…持平；…持平；…减少0.15万元" */
  { "pdf/putuo-guihuaziyuanju-2024.pdf", "NR.parts_change", "", FALSE },
  { "pdf/putuo-caizhengju-2024.pdf", "NR.item.amount", "行政运行（项）", FALSE },
  /* 大宁: budgets raised, not cut, before "执行率100%" */
  { "text/daning-yibaoju-2022.txt", "NR.exec.rate_vs_original", "", FALSE },
  { "text/daning-yibaoju-2022.txt", "NR.exec.rate", "", FALSE },
};

/* What the pins read: the claims behind a pin that must not be flagged,
 * so that "not flagged" cannot mean "not read". */
typedef struct {
  const char *file;
  const char *label;      /* the claim row */
  const char *column;
  const char *value;
  const char *item;       /* its 科目, or NULL */
} Claim;

static const Claim claims[] = {
  { "pdf/putuo-caizhengju-2024.pdf", "本年支出合计", "列举", NULL, NULL },
  { "pdf/putuo-caizhengju-2024.pdf", "项目支出", "列举", NULL, NULL },
  { "pdf/putuo-caizhengju-2024.pdf", "支出决算", "金额", "1511.89",
    "一般公共服务支出（类）财政事务（款）行政运行（项）" },
  { "text/daning-yibaoju-2022.txt", "预算执行", "执行率", "99.24%", NULL },
  { "text/daning-yibaoju-2022.txt", "自评项目数", "个数", "19", NULL },
  { "pdf/putuo-shehuigongzuobu-2024.pdf", "完成预算", "预算金额", "52.00",
    "一般公共服务支出（类）社会工作事务（款）行政运行（项）" },
};

static BlRulePack *pack;

static BlFiling *
load (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (CORPUS, file, NULL);
  BlFiling *f = bl_filing_load_file (path, &error);
  ck_assert_msg (f != NULL, "%s: %s", path, error ? error->message : "");
  if (pack == NULL)
    pack = bl_rule_pack_load_file (BL_SRCDIR "/rules", &error);
  ck_assert_msg (pack != NULL, "rules: %s", error ? error->message : "");
  return f;
}

START_TEST (pinned)
{
  const Pin *pin = &pins[_i];
  g_autoptr(BlFiling) f = load (pin->file);
  g_autoptr(BlDiagnostics) d = bl_rule_pack_check (pack, f);
  guint found = 0;

  for (guint i = 0; i < bl_diagnostics_get_n (d); i++)
    {
      const BlDiagnostic *x = bl_diagnostics_get (d, i);
      if (strcmp (x->rule, pin->rule) == 0 && x->severity >= BL_SEVERITY_WARNING
          && strstr (x->message, pin->words))
        found++;
    }
  if (pin->flagged)
    ck_assert_msg (found > 0, "%s: %s “%s” not flagged", pin->file, pin->rule, pin->words);
  else
    ck_assert_msg (found == 0, "%s: %s “%s” flagged", pin->file, pin->rule, pin->words);
}
END_TEST

START_TEST (read)
{
  const Claim *c = &claims[_i];
  g_autoptr(BlFiling) f = load (c->file);
  const BlTable *t = bl_filing_find_table (f, "narrative");
  const BlPart *part = NULL;
  gboolean seen = FALSE;

  ck_assert_ptr_nonnull (t);
  for (guint p = 0; p < t->parts->len; p++)
    if (g_strcmp0 (((const BlPart *) g_ptr_array_index (t->parts, p))->name, "陈述") == 0)
      part = g_ptr_array_index (t->parts, p);
  ck_assert_ptr_nonnull (part);
  for (guint i = 0; i < part->rows->len && !seen; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      const BlColumn *col = bl_part__column (part, c->column);
      const BlColumn *item = bl_part__column (part, "科目");
      const BlCell *cell = &row->cells[col->index];
      seen = g_strcmp0 (row->label, c->label) == 0 && cell->kind != BL_CELL_BLANK
             && (c->value == NULL || g_strcmp0 (cell->text, c->value) == 0)
             && (c->item == NULL || g_strcmp0 (row->cells[item->index].text, c->item) == 0);
    }
  ck_assert_msg (seen, "%s: no claim %s with %s %s", c->file, c->label, c->column,
                 c->value ? c->value : "(any)");
}
END_TEST

static Suite *
prose_suite (void)
{
  Suite *s = suite_create ("prose");
  TCase *tc = tcase_create ("corpus");
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, pinned, 0, G_N_ELEMENTS (pins));
  tcase_add_loop_test (tc, read, 0, G_N_ELEMENTS (claims));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (prose_suite ());
  int failed;
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  bl_rule_pack_free (pack);
  return failed ? 1 : 0;
}
