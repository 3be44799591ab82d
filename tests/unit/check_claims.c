/* Unit tests for budget facts in prose (lib/subject.c, lib/claims.c):
 * which quantity a phrase states, whose it is, and which sentences state
 * no fact of this year at all.  Documents are small texts written like
 * the reports they stand for. */

#include <check.h>
#undef BUDGETLINT_COMPILATION
#include "ledger.h"
#include "narrative.h"

#include <string.h>

/* ---- subject.c ----------------------------------------------------------- */

static void
assert_quantity (const char *concept, gboolean percent, BlQuantity want,
                 const char *subject)
{
  gsize n = 99;
  BlQuantity q = bl_quantity__of (concept, percent, &n);
  ck_assert_msg (q == want, "%s: quantity %d, want %d", concept, q, want);
  if (want != BL_QUANTITY_NONE)
    ck_assert_msg (n == strlen (subject) && strncmp (concept, subject, n) == 0,
                   "%s: subject of %zu bytes, want %s", concept, n, subject);
}

START_TEST (quantities)
{
  assert_quantity ("镇办经费全年预算数", FALSE, BL_QUANTITY_ANNUAL, "镇办经费");
  assert_quantity ("一般公共预算财政拨款支出年初预算", FALSE, BL_QUANTITY_ORIGINAL,
                   "一般公共预算财政拨款支出");
  assert_quantity ("年初预算数", FALSE, BL_QUANTITY_ORIGINAL, "");
  assert_quantity ("工作经费预算数", FALSE, BL_QUANTITY_BUDGET, "工作经费");
  assert_quantity ("调整后预算", FALSE, BL_QUANTITY_ANNUAL, "");
  assert_quantity ("项目执行数", FALSE, BL_QUANTITY_EXECUTED, "项目");
  assert_quantity ("资金执行率", TRUE, BL_QUANTITY_RATE, "");
  assert_quantity ("医保档案整理资金执行率", TRUE, BL_QUANTITY_RATE, "医保档案整理");
  /* not budget quantities */
  assert_quantity ("执行", FALSE, BL_QUANTITY_NONE, "");
  assert_quantity ("支出决算", FALSE, BL_QUANTITY_NONE, "");
  assert_quantity ("执行率", FALSE, BL_QUANTITY_NONE, "");     /* not a percentage */
  assert_quantity ("年初预算", TRUE, BL_QUANTITY_NONE, "");
}
END_TEST

static void
assert_name (const char *text, const char *want)
{
  g_autofree char *got = bl_subject__name (text);
  ck_assert_msg (g_strcmp0 (got, want) == 0, "%s: %s, want %s", text,
                 got ? got : "(none)", want ? want : "(none)");
}

START_TEST (names)
{
  assert_name ("城乡医疗救助项目", "城乡医疗救助");
  assert_name ("1. 镇办医保服务中心经费项目绩效自评综述：", "镇办医保服务中心经费");
  assert_name ("部门（单位）整体支出", "本部门");
  assert_name ("本部门", "本部门");
  /* pronouns and headings that describe */
  assert_name ("该项目", NULL);
  assert_name ("本项目资金", NULL);
  assert_name ("项目全年", NULL);
  assert_name ("（二）项目资金情况", NULL);
  assert_name ("三、综合评价情况及评价结论", NULL);
  assert_name ("第二部分 2024 年度部门决算表", NULL);
}
END_TEST

START_TEST (leads)
{
  g_autofree char *a = bl_subject__lead ("我局继续实施城乡医疗救助项目");
  g_autofree char *b = bl_subject__lead ("区财政及时将城乡居民医保工作经费拨付");
  g_autofree char *c = bl_subject__lead ("2、一般公共服务支出（类）财政事务（款）行政运行（项）。");
  ck_assert_str_eq (a, "城乡医疗救助");
  ck_assert_ptr_null (b);
  ck_assert_str_eq (c, "一般公共服务支出（类）财政事务（款）行政运行（项）");
  ck_assert (bl_subject__same ("城乡医疗救助项目", "城乡医疗救助项目支出"));
  ck_assert (!bl_subject__same ("档案整理", "医疗救助"));
  ck_assert (!bl_subject__same ("医疗救助", "中央财政医疗救助补助资金"));
}
END_TEST

START_TEST (titles)
{
  char *name = NULL;
  ck_assert (bl_subject__title ("某县2023年度城乡医疗救助项目支出绩效自评报告", &name));
  ck_assert_str_eq (name, "某县城乡医疗救助");
  g_free (name);
  ck_assert (bl_subject__title ("二、2023 年度项目绩效评价自评报告", &name));
  ck_assert_ptr_null (name);
  ck_assert (!bl_subject__title ("我局严格按照政策规定实施项目，完成年度目标，评价结论为优秀。", &name));
}
END_TEST

/* ---- facts in documents -------------------------------------------------- */

/* "subject|quantity|value" of every fact of @text, one per line. */
static char *
facts_of (const char *text, const char *name)
{
  GError *error = NULL;
  BlFiling *f = bl_filing_load_data (text, strlen (text), name, &error);
  GString *out = g_string_new (NULL);

  ck_assert_msg (f != NULL, "load: %s", error ? error->message : "?");
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlTable *table = g_ptr_array_index (f->tables, t);
      if (strcmp (table->kind, "narrative") != 0)
        continue;
      for (guint p = 0; p < table->parts->len; p++)
        {
          const BlPart *part = g_ptr_array_index (table->parts, p);
          if (g_strcmp0 (part->name, "预算事实") != 0)
            continue;
          for (guint r = 0; r < part->rows->len; r++)
            {
              const BlRow *row = g_ptr_array_index (part->rows, r);
              g_string_append_printf (out, "%s|%s|%s\n", row->cells[2].text,
                                      row->cells[1].text, row->cells[0].text);
            }
        }
    }
  bl_filing_free (f);
  return g_string_free (out, FALSE);
}

/* The rows of narrative part @part, "label|c1|c2…" for the columns named
 * in @cols (NULL-terminated); a blank cell is "~". */
static char *
rows_of (const char *text, const char *part_name, const char *const *cols)
{
  GError *error = NULL;
  BlFiling *f = bl_filing_load_data (text, strlen (text), "report.txt", &error);
  GString *out = g_string_new (NULL);

  ck_assert_msg (f != NULL, "load: %s", error ? error->message : "?");
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlTable *table = g_ptr_array_index (f->tables, t);
      for (guint p = 0; strcmp (table->kind, "narrative") == 0 && p < table->parts->len; p++)
        {
          const BlPart *part = g_ptr_array_index (table->parts, p);
          if (g_strcmp0 (part->name, part_name) != 0)
            continue;
          for (guint r = 0; r < part->rows->len; r++)
            {
              const BlRow *row = g_ptr_array_index (part->rows, r);
              g_string_append (out, row->label ? row->label : "");
              for (guint c = 0; cols[c]; c++)
                {
                  const BlColumn *col = bl_part__column (part, cols[c]);
                  const BlCell *cell = col ? &row->cells[col->index] : NULL;
                  g_string_append_printf (out, "|%s", cell && cell->kind != BL_CELL_BLANK
                                                      ? cell->text : "~");
                }
              g_string_append_c (out, '\n');
            }
        }
    }
  bl_filing_free (f);
  return g_string_free (out, FALSE);
}

/* The lines of @text that start with @prefix. */
static char *
lines_with (const char *text, const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static char *
sentences_of (const char *text)
{
  static const char *const cols[] = { "原文", NULL };
  g_autofree char *rows = rows_of (text, "句子", cols);
  GString *out = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (rows, "\n", -1);
  /* "第3句|…" → "…" */
  for (guint i = 0; lines[i] && *lines[i]; i++)
    g_string_append_printf (out, "%s\n", strchr (lines[i], '|') + 1);
  return g_string_free (out, FALSE);
}

/* Sentences come out the same however the text broke its lines: a
 * remark after a sentence's end stays with it, a list's first item after
 * "：" is a sentence of its own, a page number between two lines is no
 * part of either, a heading's number alone on its line joins its name. */
START_TEST (sentences)
{
  g_autofree char *got = sentences_of (
    "第三部分\n"
    "某某局2024年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "与2023年度相比，收入支出总计持平。主要原因：人员调整。\n"
    "（如持平作\n"
    "持平表述）\n"
    "支出具体情况如下：1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为\n"
    "─7─\n"
    "10.00万元。\n");
  ck_assert_str_eq (got,
    "第三部分某某局2024年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "与2023年度相比，收入支出总计持平。\n"
    "主要原因：人员调整。（如持平作持平表述）\n"
    "支出具体情况如下：\n"
    "1、一般公共服务支出（类）财政事务（款）行政运行（项）。\n"
    "年初预算为10.00万元。\n");
}
END_TEST

/* pdftotext -layout may print a line one line early; a line that opens
 * with a value goes after the next when that one ends awaiting it — and
 * nowhere else. */
START_TEST (lines_out_of_order)
{
  g_autofree char *got = sentences_of (
    "三、支出决算情况说明\n"
    "603.14万元，占20.51%；\n"
    "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出\n"
    "\n"
    "四、财政拨款收入支出决算总体情况说明\n"
    "年初预算为0.94万元，支出决算为\n"
    "0.94万元。决算数与预算数基本持平。\n"
    "2024年度收入合计2946.25万元。\n");
  ck_assert_str_eq (got,
    "三、支出决算情况说明\n"
    "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；\n"
    "四、财政拨款收入支出决算总体情况说明\n"
    "年初预算为0.94万元，支出决算为0.94万元。\n"
    "决算数与预算数基本持平。\n"
    "2024年度收入合计2946.25万元。\n");
}
END_TEST

/* An amount stated in one paragraph is the base of the change the next
 * states about the same concept (pdftotext -raw ends a paragraph at every
 * line that ends a sentence). */
START_TEST (base_in_previous_paragraph)
{
  static const char *const cols[] = { "金额", "增减额", "增减率", NULL };
  g_autofree char *got = rows_of (
    "五、一般公共预算财政拨款支出决算情况说明\n"
    "一般公共预算财政拨款支出 307.82 万元，占本年支出合计的\n"
    "100.00%。\n"
    "与 2023 年度相比，\n"
    "一般公共预算财政拨款支出增加 307.82\n"
    "万元，增长 100.00%。\n", "陈述", cols);
  ck_assert_str_eq (got,
    "一般公共预算财政拨款支出|307.82|~|~\n"
    "一般公共预算财政拨款支出|307.82|307.82|100.00%\n");
}
END_TEST

/* A budget cut, then "资金已全部支出" or "已100%支出": 执行率 100 %;
 * clauses split at half-width commas too; a denial is no such claim. */
START_TEST (spent_in_full)
{
  static const char *const cols[] = { "年初预算", "调整后预算", "决算金额", "执行率", NULL };
  g_autofree char *all = rows_of (
    "二、项目资金使用情况\n"
    "城乡居民医疗救助补助资金年初预算为120万元，全年预算调减至100万元。截至年底，资金已全部支出。\n"
    "信息化建设项目年初预算50万元,调整后预算45万元,实际支出45万元,已100%支出。\n"
    "档案整理项目年初预算20万元，调整为18万元，资金尚未全部支出。\n", "陈述", cols);
  g_autofree char *got = lines_with (all, "预算执行|");
  ck_assert_str_eq (got,
    "预算执行|120|100|~|100%\n"
    "预算执行|50|45|45|100%\n"
    "预算执行|20|18|~|~\n");
}
END_TEST

START_TEST (project_report)
{
  g_autofree char *got = facts_of (
    "某县医疗保障局2023年度城乡医疗救助项目支出绩效自评报告\n"
    "一、项目基本情况\n"
    "我局2023年继续实施城乡医疗救助项目。该项目年初预算24.332718万元。\n"
    "2022年年初预算为28万元，执行率为96.5%。截至6月底，项目执行率45%。\n"
    "上年年初预算为12万元。\n"
    "1.项目资金到位情况：全年预算数26.8万元，到位率100%。\n", "report.txt");
  ck_assert_str_eq (got,
    "城乡医疗救助|年初预算|24.332718\n"
    "城乡医疗救助|全年预算|26.8\n");
}
END_TEST

/* The year's end is no mid-year progress; an unnamed budget in a
 * department's report is nobody's. */
START_TEST (year_end)
{
  g_autofree char *got = facts_of (
    "某县2023年度高标准农田建设项目绩效自评报告\n"
    "1.项目资金安排情况：2023年年初预算安排资金899.8746万元，其中：中央资金500万元。"
    "年中调整后预算为823.9140万元。\n"
    "2.项目资金使用情况：截至2023年12月31日，项目实际支出823.9140万元，预算执行率100%。"
    "截至9月底，执行率为60%。\n"
    "某县农业农村局2023年度部门整体支出绩效自评报告\n"
    "（三）重点工作\n"
    "年初预算为50万元，执行率100%。\n", "report.txt");
  ck_assert_str_eq (got,
    "某县高标准农田建设|年初预算|899.8746\n"
    "某县高标准农田建设|全年预算|823.9140\n"
    "某县高标准农田建设|执行率|100%\n");
}
END_TEST

START_TEST (several_projects)
{
  g_autofree char *got = facts_of (
    "某县医疗保障局2023年度部门整体支出绩效自评报告\n"
    "本部门2023年全年预算数为1176.55万元。\n"
    "1.医疗救助资金项目：年初预算642.77万元，执行率100%。\n"
    "2.档案整理项目。该项目年初预算8万元，执行数为7.97万元。\n"
    "3.项目立项背景\n"
    "(1)展厅运维经费。年初预算50万元。\n", "report.txt");
  ck_assert_str_eq (got,
    "本部门|全年预算|1176.55\n"
    "医疗救助|年初预算|642.77\n"
    "医疗救助|执行率|100%\n"
    "档案整理|年初预算|8\n"
    "档案整理|执行数|7.97\n"
    "展厅运维经费|年初预算|50\n");
}
END_TEST

/* Shanghai's 情况说明 names each 科目 in a sentence of its own, then says
 * what it paid for, then its budget. */
START_TEST (subject_of_previous_sentence)
{
  g_autofree char *got = facts_of (
    "2024年度部门决算情况说明\n"
    "一、一般公共预算财政拨款支出决算情况说明\n"
    "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。"
    "主要用于：退休人员经费支出。年初预算为85.55万元，支出决算为85.55万元。\n"
    "8、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）。"
    "主要用于：退休人员经费支出。年初预算为0.94万元，支出决算为0.94万元。\n", "report.txt");
  ck_assert_str_eq (got,
    "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）|年初预算|85.55\n"
    "社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）|年初预算|0.94\n");
}
END_TEST

/* A Markdown heading is a paragraph of its own, not the subject's start. */
START_TEST (markdown_heading)
{
  g_autofree char *got = facts_of (
    "## 城乡居民医疗保险工作经费 2023 年度绩效自评\n"
    "##### 1、执行率情况\n"
    "2023 年度城乡居民医疗保险工作经费预算数为 8.5 万元，执行率 100%。\n", "report.md");
  ck_assert_str_eq (got,
    "城乡居民医疗保险工作经费|预算数|8.5\n"
    "城乡居民医疗保险工作经费|执行率|100%\n");
}
END_TEST

/* The prose after a self-evaluation form (its 总分 and 备注) is read. */
START_TEST (prose_after_form)
{
  g_autofree char *got = facts_of (
    "入驻政务大厅搬家经费项目支出绩效自评表\n"
    "（2022年度）\n"
    "项目名称 入驻政务大厅搬家经费\n"
    "年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "资金总额： 7.96 7.96 7.96 10 100% 10\n"
    "数量指标 采购办公用品数量 78件 78件 20 20\n"
    "总 分 91 优\n"
    "备注：1.“年初预算数”项下的数据来源于项目目标申报表\n"
    "中的年度资金。\n"
    "2.“执行率”是执行数与“全年预算数”相比较。\n"
    "医保档案整理资金8万元，拨付8万元，执行7.974万元，资金执行率99.68%。\n", "report.txt");
  ck_assert_str_eq (got, "医保档案整理|执行率|99.68%\n");
}
END_TEST

/* A budget stated in one sentence is the base of the next ones, however
 * the text broke its lines — until a sentence names another project. */
START_TEST (budget_across_lines)
{
  static const char *const cols[] = { "年初预算", "调整后预算", "执行率", NULL };
  g_autofree char *got = rows_of (
    "一、项目基本情况\n"
    "城乡医疗救助项目年初预算899.8746万元，年中预算调\n"
    "\n"
    "整为823.9140万元。\n"
    "全年执行823.9140万元，执行率100%。\n"
    "二、项目资金情况\n"
    "档案整理项目年初预算10万元，调整为8万元。\n"
    "信息化建设项目执行率100%。\n", "陈述", cols);
  g_autofree char *rows = lines_with (got, "预算执行|");
  ck_assert_str_eq (rows,
    "预算执行|899.8746|823.9140|100%\n"
    "预算执行|10|8|~\n"
    "预算执行|~|~|100%\n");
}
END_TEST

/* "增加外事经费 200 万元": the concept stands after the direction word;
 * "增加了 10 万元" continues the concept before it. */
START_TEST (concept_after_direction)
{
  static const char *const cols[] = { "增减额", "增减率", NULL };
  g_autofree char *got = rows_of (
    "五、一般公共预算支出预算情况说明\n"
    "一般行政管理事务（项）支出2464.02万元，与上年相比增加123.67万元，增长5.28%。"
    "主要原因是相关运转类经费压减10%，增加综合管理费209万元用于办公用房租赁，"
    "增加外事经费200万元，增减相抵后增加了123.67万元。\n", "陈述", cols);
  g_autofree char *changes = lines_with (got, "综合管理费|");
  g_autofree char *more = lines_with (got, "外事经费|");
  ck_assert_str_eq (changes, "综合管理费|209|~\n");
  ck_assert_str_eq (more, "外事经费|200|~\n");
}
END_TEST

/* A list in the sentence that states the whole: each part with its
 * amount, change and share, all marked as one 列举. */
START_TEST (listed_parts)
{
  static const char *const cols[] = { "金额", "增减额", "比例", "列举", "角色", NULL };
  g_autofree char *got = rows_of (
    "二、收入决算情况说明\n"
    "本年收入合计2946.25万元，比上年减少56.95万元，其中：财政拨款收入2940.05万元，"
    "减少63.14万元，占99.79%；其他收入6.20万元，增加6.19万元，占0.21%。\n", "陈述", cols);
  ck_assert_str_eq (got,
    "本年收入合计|2946.25|-56.95|~|1|总\n"
    "财政拨款收入|2940.05|-63.14|99.79%|1|分\n"
    "其他收入|6.20|6.19|0.21%|1|分\n");
}
END_TEST

static Suite *
claims_suite (void)
{
  Suite *s = suite_create ("claims");
  TCase *tc = tcase_create ("subject");
  tcase_add_test (tc, quantities);
  tcase_add_test (tc, names);
  tcase_add_test (tc, leads);
  tcase_add_test (tc, titles);
  suite_add_tcase (s, tc);
  tc = tcase_create ("facts");
  tcase_add_test (tc, project_report);
  tcase_add_test (tc, year_end);
  tcase_add_test (tc, several_projects);
  tcase_add_test (tc, subject_of_previous_sentence);
  tcase_add_test (tc, markdown_heading);
  tcase_add_test (tc, prose_after_form);
  suite_add_tcase (s, tc);
  tc = tcase_create ("prose");
  tcase_add_test (tc, sentences);
  tcase_add_test (tc, lines_out_of_order);
  tcase_add_test (tc, base_in_previous_paragraph);
  tcase_add_test (tc, spent_in_full);
  tcase_add_test (tc, budget_across_lines);
  tcase_add_test (tc, concept_after_direction);
  tcase_add_test (tc, listed_parts);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (claims_suite ());
  int failed;
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
