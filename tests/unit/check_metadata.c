/* Unit tests for the department and the year read from a filing's text
 * (lib/recognize-meta.c): covers, headings, fields, prose, placeholders,
 * spaced and wrapped names, and years that are only mentioned; the
 * filing's unit (lib/recognize.c); then the filings of the shared corpus
 * when it is there. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "ledger.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CORPUS(name) BL_SRCDIR "/tests/corpus/" name

typedef struct {
  const char *name;
  const char *text;
  const char *department;   /* NULL: the filing names none */
  int year;                 /* 0: it states none */
} Case;

static const Case cases[] = {
  { "cover over two lines",
    "上海市普陀区财政局\n2024年度部门决算\n\f目录\n一、主要职能\n",
    "上海市普陀区财政局", 2024 },
  { "cover over three lines, spaced",
    "中共上海市普陀区委\n社会工作部 2024 年度\n   部门决算\n\f目   录\n",
    "中共上海市普陀区委社会工作部", 2024 },
  { "cover with a page number between its lines",
    "上海市普陀区规划和自然\n- 1 -\n资源局\n2024年度部门决算\n",
    "上海市普陀区规划和自然资源局", 2024 },
  { "form feeds",
    "\f\n\f上海市普陀区财政局\n2024年度部门决算\n\f目录\n\f\f第一部分 上海市普陀区财政局概况\n",
    "上海市普陀区财政局", 2024 },
  { "year before the name",
    "2017年度江苏省高级人民法院部门预算公开\n目 录\n",
    "江苏省高级人民法院", 2017 },
  { "budget title without 部门",
    "2018年度江苏省高级\n人民法院预算公开\n2018年2月24日\n"
    "第二部分江苏省高级人民法院2018年度预算表\n",
    "江苏省高级人民法院", 2018 },
  { "heading 第一部分 X概况",
    "第一部分 上海市普陀区财政局概况\n一、主要职能\n本局负责全区财政工作。\n",
    "上海市普陀区财政局", 0 },
  { "title of the 情况说明",
    "第三部分 上海市普陀区财政局2024年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n",
    "上海市普陀区财政局", 2024 },
  { "the full name over the short one of the table pages",
    "上海市规划和自然资源局 2024 年度部门决算表\n单位：万元\n"
    "第一部分 上海市普陀区规划和自然资源局概况\n",
    "上海市普陀区规划和自然资源局", 2024 },
  { "the short name when the filing states no other",
    "上海市规划和自然资源局 2024 年度部门决算表\n单位：万元\n",
    "上海市规划和自然资源局", 2024 },
  { "the full name over headings that shorten it",
    "江苏省委办公厅2017年度部门预算\n目 录\n"
    "第二部分省委办公厅2017年度部门预算表\n"
    "第三部分省委办公厅2017年度部门预算情况说明\n",
    "江苏省委办公厅", 2017 },
  { "placeholder XX局",
    "上海市XX局\n2024年度部门决算\n第一部分 上海市XX局概况\n"
    "上海市XX局2024年度收入支出总计XXX万元。\n",
    NULL, 2024 },
  { "placeholder in one heading only",
    "上海市普陀区财政局\n2024年度部门决算\n"
    "第二部分上海市普陀区XX局2024年度部门决算表\n"
    "第二部分上海市普陀区XX局2024年度部门决算表\n",
    "上海市普陀区财政局", 2024 },
  { "placeholder ××",
    "××县医疗保障局2023年度部门决算\n", NULL, 2023 },
  { "placeholder 某县",
    "某县医疗保障局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n",
    NULL, 2023 },
  { "the filing speaking of itself",
    "第一部分 部门概况\n本部门2024年度收入支出总计1176.52万元。\n",
    NULL, 2024 },
  { "a field first",
    "省检察院2017年度部门预算表\n部门：  江苏省人民检察院      单位：万元\n",
    "江苏省人民检察院", 2017 },
  { "a field with the year after the name",
    "部门名称：大宁县医疗保障局 2022年度    金额单位：元\n",
    "大宁县医疗保障局", 2022 },
  { "a field's value on the next line",
    "收支预算总表\n公开表一\n部门：\n\n江苏省人大常委会办公厅\n\n单位：万元\n",
    "江苏省人大常委会办公厅", 0 },
  { "a field without value",
    "部门：\n单位：万元\n", NULL, 0 },
  { "a cell joined to a title over lines is no full name",
    "江苏省人大常委会办公厅\n2017 年度部门预算\n第三部分\n分散自行组织\n"
    "江苏省人大常委会办公厅\n2017 年度部门预算情况说明\n",
    "江苏省人大常委会办公厅", 2017 },
  { "a field with a code and a note",
    "预算单位：405001-大宁县医疗保障局（本级）\n", "大宁县医疗保障局", 0 },
  { "预算主管部门 and a district's budget title",
    "上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区建设和管理委员会\n",
    "上海市普陀区建设和管理委员会", 2026 },
  { "a field over a shorter title",
    "曾都区医疗保障服务中心 2023 年度部门决算\n"
    "部门：随州市曾都区医疗保障服务中心\t\t单位：万元\n",
    "随州市曾都区医疗保障服务中心", 2023 },
  { "the subject of the prose",
    "十、其他重要事项的情况说明\n"
    "2024 年度，井研县医疗保障局机关运行经费支出 40.88\n"
    "万元，比 2023 年度增加 3.79 万元，增长 10.22%。\n"
    "截至 2024 年 12 月 31 日，井研县医疗保障局共有车辆 0\n"
    "辆，其中：主要负责人用车 0 辆。\n",
    "井研县医疗保障局", 2024 },
  { "words before a name in prose",
    "纳入上海市普陀区财政局2024年度部门决算编制范围的单位包括：\n"
    "从预算单位构成看，上海市普陀区财政局部门决\n算包括本级决算。\n",
    "上海市普陀区财政局", 2024 },
  { "a place whose name begins like a preposition",
    "2024年度，日照市财政局机关运行经费支出10.00万元。\n"
    "2024年度，日照市财政局政府采购支出总额0万元。\n",
    "日照市财政局", 2024 },
  { "目录 is no part of the title under it",
    "目录\n上海市普陀区财政局2024年度部门决算表\n", "上海市普陀区财政局", 2024 },
  { "a heading is no part of the title above it",
    "一、主要职能\n二、部门决算单位构成\n"
    "第二部分上海市普陀区财政局2024年度部门决算表\n",
    "上海市普陀区财政局", 2024 },
  { "a title's year over the prose's",
    "收入比2023年度增加10.00万元。\n本单位2023年度人员未变。\n"
    "第二部分 上海市普陀区财政局 2024 年度部门决算表\n",
    "上海市普陀区财政局", 2024 },
  { "a table's year",
    "2019年政府采购预算表\n部门：江苏省人大常委会办公厅   单位：万元\n",
    "江苏省人大常委会办公厅", 2019 },
  { "a column's year is no title's",
    "项目\n2025年预算数\n2026年预算数\n合计\n1.00\n2.00\n"
    "上海市普陀区2026年区级部门预算\n",
    NULL, 2026 },
  { "a year the prose mentions in passing",
    "2．从预算单位构成看，纳入本部门2018年度部门汇总预算编制范围的预算单位共1家。\n"
    "第二部分 2019年度部门预算表\n",
    NULL, 2019 },
  { "comparisons are no year",
    "本年收入比2023年度增加5.00万元，与2023年度相比增长3%。\n", NULL, 0 },
};

START_TEST (test_metadata_cases)
{
  const Case *c = &cases[_i];
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (c->text, strlen (c->text), "t.txt", &error);
  const char *dept;

  ck_assert_msg (f != NULL, "%s: load failed: %s", c->name,
                 error ? error->message : "?");
  dept = bl_filing_get_department (f);
  ck_assert_msg (g_strcmp0 (dept, c->department) == 0,
                 "%s: department %s, expected %s", c->name,
                 dept ? dept : "(none)", c->department ? c->department : "(none)");
  ck_assert_msg (bl_filing_get_year (f) == c->year, "%s: year %d, expected %d",
                 c->name, bl_filing_get_year (f), c->year);
  bl_filing_free (f);
}
END_TEST

/* ---- the unit -------------------------------------------------------------- */

#define TABLE(title, unit, header, row) title "\n" unit header "\n" row "\n\n"

/* Two tables in 元, one in 万元, one that states none. */
static const char units_text[] =
  "# 测试局2024年度部门决算\n\n"
  TABLE ("收入决算表", "单位：元\n", "项目\t本年收入合计", "合计\t100.00")
  TABLE ("一般公共预算财政拨款支出决算表", "单位：万元\n", "项目\t合计", "合计\t0.01")
  TABLE ("财政拨款收入支出决算总表", "", "项目\t金额", "一、一般公共预算财政拨款\t100.00")
  TABLE ("支出决算表", "金额单位：元\n", "项目\t本年支出合计", "合计\t100.00");

static BlFiling *
load_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (text, strlen (text), "t.md", &error);
  ck_assert_msg (f != NULL, "load failed: %s", error ? error->message : "?");
  return f;
}

static const BlTable *
table (const BlFiling *f, const char *kind)
{
  const BlTable *t = bl_filing_find_table (f, kind);
  ck_assert_msg (t != NULL, "no %s table", kind);
  return t;
}

/* The filing's unit is the one most tables state; a table that states
 * none is read in it, the others keep their own. */
START_TEST (test_metadata_unit_most_tables)
{
  g_autoptr(BlFiling) f = load_text (units_text);
  const BlTable *none = table (f, "fiscal_summary");
  const BlRow *row = g_ptr_array_index (((BlPart *) g_ptr_array_index (none->parts, 0))->rows, 0);

  ck_assert_int_eq (f->unit, BL_UNIT_YUAN);
  ck_assert_int_eq (table (f, "income")->unit, BL_UNIT_YUAN);
  ck_assert_int_eq (table (f, "general_budget_expenditure")->unit, BL_UNIT_WAN);
  ck_assert_int_eq (none->unit, BL_UNIT_YUAN);
  ck_assert (!none->unit_declared);
  ck_assert_int_eq (row->cells[0].kind, BL_CELL_NUMBER);
  ck_assert_int_eq (row->cells[0].value.unit, BL_UNIT_YUAN);
}
END_TEST

/* One table each: the unit stated first; none stated: 万元, as before. */
START_TEST (test_metadata_unit_tie)
{
  g_autoptr(BlFiling) tie = load_text (
    "# 测试局2024年度部门决算\n\n"
    TABLE ("一般公共预算财政拨款支出决算表", "单位：万元\n", "项目\t合计", "合计\t0.01")
    TABLE ("收入决算表", "单位：元\n", "项目\t本年收入合计", "合计\t100.00"));
  g_autoptr(BlFiling) none = load_text (
    "# 测试局2024年度部门决算\n\n"
    TABLE ("收入决算表", "", "项目\t本年收入合计", "合计\t100.00"));

  ck_assert_int_eq (tie->unit, BL_UNIT_WAN);
  ck_assert_int_eq (none->unit, BL_UNIT_WAN);
  ck_assert_int_eq (table (none, "income")->unit, BL_UNIT_WAN);
}
END_TEST

/* ---- the corpus ---------------------------------------------------------- */

static const Case corpus[] = {
  { "pdf/putuo-caizhengju-2024.pdf", NULL, "上海市普陀区财政局", 2024 },
  { "pdf/putuo-caizhengju-2024-altered.pdf", NULL, "上海市普陀区财政局", 2024 },
  { "pdf/putuo-guihuaziyuanju-2024.pdf", NULL, "上海市普陀区规划和自然资源局", 2024 },
  { "pdf/putuo-shehuigongzuobu-2024.pdf", NULL, "中共上海市普陀区委社会工作部", 2024 },
  { "pdf/template-juesuan-2024.pdf", NULL, NULL, 2024 },
  { "text/jingyan-yibaoju-2024.txt", NULL, "井研县医疗保障局", 2024 },
  { "text/daning-yibaoju-2022.txt", NULL, "大宁县医疗保障局", 2022 },
  { "text/zengdu-yibaozhongxin-2023.md", NULL, "随州市曾都区医疗保障服务中心", 2023 },
};

START_TEST (test_metadata_corpus)
{
  const Case *c = &corpus[_i];
  g_autofree char *path = g_build_filename (CORPUS (""), c->name, NULL);
  g_autoptr(GError) error = NULL;
  BlFiling *f;
  const char *dept;

  /* the corpus is part of the repository: a missing file is a failure,
   * never a case quietly skipped */
  ck_assert_msg (g_file_test (path, G_FILE_TEST_EXISTS), "%s is missing from the repository", path);
  f = bl_filing_load_file (path, &error);
  ck_assert_msg (f != NULL, "%s: %s", c->name, error ? error->message : "?");
  dept = bl_filing_get_department (f);
  ck_assert_msg (g_strcmp0 (dept, c->department) == 0,
                 "%s: department %s, expected %s", c->name,
                 dept ? dept : "(none)", c->department ? c->department : "(none)");
  ck_assert_int_eq (bl_filing_get_year (f), c->year);
  bl_filing_free (f);
}
END_TEST

/* The text a user copies out of a PDF with the common extractors
 * (tests/corpus/variants, see its README) reads as the PDF does. */
static const char *const extractors[] = { "pdftotext", "layout", "raw", "mutool", "pagetext" };

START_TEST (test_metadata_corpus_text_forms)
{
  const Case *c = &corpus[_i / G_N_ELEMENTS (extractors)];
  const char *tool = extractors[_i % G_N_ELEMENTS (extractors)];
  g_autofree char *base = NULL, *path = NULL;
  g_autoptr(GError) error = NULL;
  BlFiling *f;
  const char *dept;

  if (!g_str_has_suffix (c->name, ".pdf"))
    return;
  base = g_path_get_basename (c->name);
  base[strlen (base) - 4] = '\0';
  path = g_strdup_printf (CORPUS ("variants/%s.%s.txt"), base, tool);
  f = bl_filing_load_file (path, &error);
  ck_assert_msg (f != NULL, "%s: %s", path, error ? error->message : "?");
  dept = bl_filing_get_department (f);
  ck_assert_msg (g_strcmp0 (dept, c->department) == 0,
                 "%s (%s): department %s, expected %s", c->name, tool,
                 dept ? dept : "(none)", c->department ? c->department : "(none)");
  ck_assert_int_eq (bl_filing_get_year (f), c->year);
  bl_filing_free (f);
}
END_TEST

static Suite *
metadata_suite (void)
{
  Suite *s = suite_create ("metadata");
  TCase *tc;

  tc = tcase_create ("text");
  tcase_add_loop_test (tc, test_metadata_cases, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("unit");
  tcase_add_test (tc, test_metadata_unit_most_tables);
  tcase_add_test (tc, test_metadata_unit_tie);
  suite_add_tcase (s, tc);

  tc = tcase_create ("corpus");
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_metadata_corpus, 0, G_N_ELEMENTS (corpus));
  tcase_add_loop_test (tc, test_metadata_corpus_text_forms, 0,
                       G_N_ELEMENTS (corpus) * G_N_ELEMENTS (extractors));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (metadata_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
