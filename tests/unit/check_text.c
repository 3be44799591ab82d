/* Unit tests for tables read from plain text (lib/input/text.c,
 * lib/recognize-linear.c): the same table written the ways extraction
 * tools write it — rows on lines, one cell per line, labels wrapped around
 * the line with the code, figures on a line of their own, blank cells left
 * out or written, page furniture between — reads into the same cells; and
 * text whose order cannot be trusted says so once. */

#include <check.h>
#undef BUDGETLINT_COMPILATION
#include "common.h"
#include "ledger.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

static BlFiling *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (text, strlen (text), "t.txt", &error);
  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  return f;
}

static const BlRow *
row_of (const BlFiling *f, const char *kind, const char *part, const char *key)
{
  const BlTable *t = bl_filing_find_table (f, kind);
  for (guint p = 0; t && p < t->parts->len; p++)
    {
      const BlPart *pt = g_ptr_array_index (t->parts, p);
      if (part && g_strcmp0 (pt->name, part) != 0)
        continue;
      for (guint i = 0; i < pt->rows->len; i++)
        {
          const BlRow *r = g_ptr_array_index (pt->rows, i);
          if (g_strcmp0 (r->code, key) == 0 || g_strcmp0 (r->key, key) == 0)
            return r;
        }
    }
  return NULL;
}

/* The row's cells as "a|b|c": a figure as written, "" blank, "?" unread. */
static char *
cells (const BlFiling *f, const char *kind, const char *part, const char *key)
{
  const BlRow *r = row_of (f, kind, part, key);
  GString *s = g_string_new (NULL);
  if (r == NULL)
    return g_string_free (s, TRUE), g_strdup ("(no row)");
  for (guint c = 0; c < r->part->columns->len; c++)
    {
      const BlCell *cell = &r->cells[c];
      g_string_append_printf (s, "%s%s", c ? "|" : "",
                              cell->kind == BL_CELL_NUMBER ? cell->text
                              : cell->kind == BL_CELL_UNREAD ? "?" : "");
    }
  return g_string_free (s, FALSE);
}

#define assert_cells(f, kind, part, key, want)                          \
  do {                                                                  \
    g_autofree char *got_ = cells (f, kind, part, key);                 \
    ck_assert_msg (strcmp (got_, want) == 0, "%s %s: %s, want %s",      \
                   kind, key, got_, want);                              \
  } while (0)

static const char *
label_of (const BlFiling *f, const char *kind, const char *key)
{
  const BlRow *r = row_of (f, kind, NULL, key);
  return r ? r->label : NULL;
}

static guint
notes (const BlFiling *f, const char *rule)
{
  guint n = 0;
  for (guint i = 0; f->notes && i < f->notes->items->len; i++)
    n += strcmp (((BlDiagnostic *) g_ptr_array_index (f->notes->items, i))->rule, rule) == 0;
  return n;
}

#define EXPENDITURE_HEAD \
  "支出决算表\n单位：万元\n项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出\n" \
  "科目编码 科目名称\n"

/* ---- rows of a coded table ---- */

/* pdftotext -raw: codes split in 类 款 项, labels wrapped below the code,
 * blank cells left out — the code tree says where 10.00 stands. */
START_TEST (test_text_raw_rows)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD
    "合计 2,940.05\n2,336.91 603.14\n"
    "201 一般公共服务支出 2,106.66\n1,503.52 603.14\n"
    "201 06 财政事务 2,106.66 1,503.52 603.14\n"
    "201 06 01 行政运行 1,511.89\n1,503.52\n8.37\n"
    "201 06 02 一般行政管理事务 10.00 10.00\n"
    "201 06 08 财政委托业务支出 584.77 584.77\n"
    "208 社会保障和就业支出 833.39 833.39 0.00\n"
    "208 05 行政事业单位养老支出 833.39 833.39\n"
    "208 05 05\n机关事业单位基本养老保险\n缴费支出\n833.39 833.39\n");
  assert_cells (f, "expenditure", NULL, "合计", "2,940.05|2,336.91|603.14|||");
  assert_cells (f, "expenditure", NULL, "2010601", "1,511.89|1,503.52|8.37|||");
  assert_cells (f, "expenditure", NULL, "2010602", "10.00||10.00|||");
  assert_cells (f, "expenditure", NULL, "2080505", "833.39|833.39||||");
  ck_assert_str_eq (label_of (f, "expenditure", "2080505"), "机关事业单位基本养老保险缴费支出");
  ck_assert_uint_eq (notes (f, "READ.place"), 0);
}
END_TEST

/* mutool: one cell per line; the same rows. */
START_TEST (test_text_cell_per_line)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD
    "合计\n130.00\n100.00\n30.00\n\n"
    "201\n一般公共服务支出\n110.00\n80.00\n30.00\n\n"
    "201\n06\n财政事务\n110.00\n80.00\n30.00\n\n"
    "201\n06\n01\n行政运行\n80.00\n80.00\n\n"
    "201\n06\n02\n一般行政管理事务\n30.00\n30.00\n\n"
    "210\n卫生健康支出\n20.00\n20.00\n");
  assert_cells (f, "expenditure", NULL, "2010602", "30.00||30.00|||");
  assert_cells (f, "expenditure", NULL, "210", "20.00|20.00||||");
  ck_assert_str_eq (label_of (f, "expenditure", "20106"), "财政事务");
}
END_TEST

/* Page text (a Python PDF library): a long label's head on the line above
 * its code and figures, its tail on the line below. */
START_TEST (test_text_label_around_code)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD
    "208 社会保障和就业支出 11.00 11.00\n"
    "20805 行政事业单位养老支出 11.00 11.00\n"
    "2080502 事业单位离退休 5.00 5.00\n"
    "机关事业单位基本养老\n"
    "2080505 6.00 6.00\n"
    "保险缴费支出\n"
    "210 卫生健康支出 2.00 2.00\n");
  ck_assert_str_eq (label_of (f, "expenditure", "2080502"), "事业单位离退休");
  ck_assert_str_eq (label_of (f, "expenditure", "2080505"), "机关事业单位基本养老保险缴费支出");
  ck_assert_str_eq (label_of (f, "expenditure", "210"), "卫生健康支出");
}
END_TEST

/* Figures set higher than their code come on the line above it: each
 * line goes to the row whose sums it makes possible. */
START_TEST (test_text_raised_figures)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD
    "100.00 30.00\n130.00\n类 款 项\n合计\n"
    "80.00 30.00\n201 一般公共服务支出 110.00\n"
    "80.00 30.00\n201 06 财政事务 110.00\n"
    "80.00\n201 06 01 行政运行 85.00 5.00\n"
    "25.00\n201 06 02 一般行政管理事务 25.00\n"
    "210 卫生健康支出 20.00 20.00\n");
  assert_cells (f, "expenditure", NULL, "合计", "130.00|100.00|30.00|||");
  assert_cells (f, "expenditure", NULL, "201", "110.00|80.00|30.00|||");
  assert_cells (f, "expenditure", NULL, "2010601", "85.00|80.00|5.00|||");
  assert_cells (f, "expenditure", NULL, "2010602", "25.00||25.00|||");
  ck_assert_str_eq (label_of (f, "expenditure", "合计"), "合计");
}
END_TEST

/* A page break between rows, with its page number and running header,
 * changes nothing; a code that opens a page is not a page number. */
START_TEST (test_text_page_furniture)
{
  g_autoptr(BlFiling) f = load (
    "某局2024年度部门决算\n1\n\f某局2024年度部门决算\n" EXPENDITURE_HEAD
    "合计 30.00 30.00 0.00\n201 一般公共服务支出 10.00 10.00 0.00\n- 2 -\n"
    "\f某局2024年度部门决算\n208 社会保障和就业支出 20.00 20.00 0.00\n3\n"
    "\f某局2024年度部门决算\n第四部分 名词解释\n4\n");
  assert_cells (f, "expenditure", NULL, "208", "20.00|20.00|0.00|||");
  assert_cells (f, "expenditure", NULL, "合计", "30.00|30.00|0.00|||");
  ck_assert_uint_eq (notes (f, "READ.place"), 0);
}
END_TEST

/* Every cell written followed by a space: two spaces are a blank cell. */
START_TEST (test_text_written_blanks)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD "栏次 1 2 3 4 5 6 \n"
    "合计 30.00  30.00    \n201 一般公共服务支出 30.00  30.00    \n");
  assert_cells (f, "expenditure", NULL, "201", "30.00||30.00|||");
}
END_TEST

/* Two blocks side by side, without layout: a left label's tail comes
 * after the right block's row; the catalogue says whose it is. */
START_TEST (test_text_side_by_side)
{
  g_autoptr(BlFiling) f = load (
    "一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码 科目名称 决算数 科目编码 科目名称 决算数\n"
    "301 工资福利支出 8.00 302 商品和服务支出 3.00\n"
    "职工基本医疗保险\n30110 8.00 30201 办公费 3.00\n缴费\n");
  ck_assert_str_eq (label_of (f, "general_budget_basic", "30110"), "职工基本医疗保险缴费");
  ck_assert_str_eq (label_of (f, "general_budget_basic", "30201"), "办公费");
}
END_TEST

/* A blank table (a template, a table with nothing to report): leaders
 * ("… …" for the rows left out, "高等教育……") are no label, and a label
 * wrapped around its code goes to the row the catalogue names, the line
 * above the code included. */
#define BLANK_ROWS(sep) \
  "205" sep "教育支出\n2050205" sep "高等教育……\n…" sep "…\n" \
  "207" sep "文化旅游体育与传媒支出\n" "其他文化旅游体育与传媒支\n20799\n出\n…\n合计\n"

START_TEST (test_text_blank_rows)
{
  g_autoptr(BlFiling) f = load (EXPENDITURE_HEAD BLANK_ROWS (" "));
  ck_assert_str_eq (label_of (f, "expenditure", "2050205"), "高等教育");
  ck_assert_str_eq (label_of (f, "expenditure", "207"), "文化旅游体育与传媒支出");
  ck_assert_str_eq (label_of (f, "expenditure", "20799"), "其他文化旅游体育与传媒支出");
  ck_assert_uint_eq (notes (f, "READ.order"), 0);
}
END_TEST

/* The same laid out: with no figures to line up, the labels standing in
 * one column after their codes show the layout. */
START_TEST (test_text_blank_layout)
{
  g_autoptr(BlFiling) f = NULL;
  g_autoptr(GString) text = g_string_new (EXPENDITURE_HEAD);
  static const char *const rows[] = {
    "205        教育支出", "20502      普通教育", "2050205    高等教育", "…          …",
    "           文化旅游体育", "207", "           与传媒支出", "           其他文化旅游",
    "20799      体育与传媒支", "           出", "           合计",
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (text, "%s\n", rows[i]);
  f = load (text->str);
  ck_assert_str_eq (label_of (f, "expenditure", "207"), "文化旅游体育与传媒支出");
  ck_assert_str_eq (label_of (f, "expenditure", "20799"), "其他文化旅游体育与传媒支出");
}
END_TEST

/* ---- two-sided tables ---- */

/* No 行次: each label goes to the side that prints it, 总计 to each side
 * in turn, a wrapped tail ("支出") continues its label. */
START_TEST (test_text_two_sided)
{
  g_autoptr(BlFiling) f = load (
    "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"
    "一、一般公共预算财政拨款收入 100.00 一、一般公共服务支出 90.00\n"
    "七、文化旅游体育与传媒支\n出\n"
    "八、社会保障和就业支出 10.00\n"
    "本年收入合计 100.00 本年支出合计 100.00\n"
    "使用非财政拨款结余 结余分配\n"
    "年初结转和结余 5.00 年末结转和结余 5.00\n"
    "总计 105.00 总计 105.00\n");
  assert_cells (f, "income_expenditure_summary", "收入", "年初结转和结余", "5.00");
  assert_cells (f, "income_expenditure_summary", "支出", "年末结转和结余", "5.00");
  assert_cells (f, "income_expenditure_summary", "收入", "总计", "105.00");
  assert_cells (f, "income_expenditure_summary", "支出", "总计", "105.00");
  assert_cells (f, "income_expenditure_summary", "支出", "社会保障和就业支出", "10.00");
  ck_assert_ptr_nonnull (row_of (f, "income_expenditure_summary", "支出", "文化旅游体育与传媒支出"));
  ck_assert_ptr_nonnull (row_of (f, "income_expenditure_summary", "支出", "结余分配"));
}
END_TEST

/* Both sides' labels wrapped, their tails on the next line after the
 * figures: each tail goes to the label it finishes. */
#define SUMMARY_HEAD "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"

START_TEST (test_text_two_sided_tails)
{
  g_autoptr(BlFiling) f = load (
    SUMMARY_HEAD
    "一、一般公共预算 300.00 一、一般公共服务 290.00\n财政拨款收入 支出\n"
    "八、其他收入 10.00 八、社会保障和就 20.00\n业支出\n"
    "本年收入合计 310.00 本年支出合计 310.00\n"
    "年初结转和结余 年末结转和结余\n总计 310.00 总计 310.00\n");
  assert_cells (f, "income_expenditure_summary", "收入", "一般公共预算财政拨款收入", "300.00");
  assert_cells (f, "income_expenditure_summary", "支出", "一般公共服务支出", "290.00");
  assert_cells (f, "income_expenditure_summary", "支出", "社会保障和就业支出", "20.00");
  assert_cells (f, "income_expenditure_summary", "支出", "总计", "310.00");
  ck_assert_uint_eq (notes (f, "READ.place") + notes (f, "READ.order"), 0);
}
END_TEST

/* Page text: the heads of both sides above the line of figures, the
 * tails below.  Two figures for two rows: one each, in the sides' order.
 * One figure for two rows: whose it is the text does not say. */
START_TEST (test_text_two_sided_heads_above)
{
  g_autoptr(BlFiling) f = load (
    SUMMARY_HEAD
    "一、一般公共预算 一、一般公共服务\n300.00 290.00\n财政拨款收入 支出\n"
    "八、社会保障和就\n八、其他收入 10.00\n业支出\n"
    "本年收入合计 310.00 本年支出合计 300.00\n");
  assert_cells (f, "income_expenditure_summary", "收入", "一般公共预算财政拨款收入", "300.00");
  assert_cells (f, "income_expenditure_summary", "支出", "一般公共服务支出", "290.00");
  assert_cells (f, "income_expenditure_summary", "收入", "其他收入", "?");
  assert_cells (f, "income_expenditure_summary", "支出", "社会保障和就业支出", "?");
  ck_assert_uint_eq (notes (f, "READ.place"), 1);
}
END_TEST

/* 预算数 and 决算数 printed once each, the items under both: twelve
 * columns, 预算数 first. */
START_TEST (test_text_qualifier_blocks)
{
  g_autoptr(BlFiling) f = load (
    "财政拨款“三公”经费支出决算表\n单位：万元\n预算数 决算数\n"
    "合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n"
    "小计 公务用车购置费 公务用车运行维护费 小计 公务用车购置费 公务用车运行维护费\n"
    "6.55 0.00 6.00 0.00 6.00 0.55 1.57 0.00 1.57 0.00 1.57 0.00\n");
  const BlTable *t = bl_filing_find_table (f, "three_public");
  const BlPart *part;
  ck_assert_ptr_nonnull (t);
  part = g_ptr_array_index (t->parts, 0);
  ck_assert_uint_eq (part->columns->len, 12);
  ck_assert_str_eq (((BlColumn *) g_ptr_array_index (part->columns, 6))->group, "决算数");
  ck_assert_str_eq (((BlColumn *) g_ptr_array_index (part->columns, 6))->name, "合计");
  ck_assert_uint_eq (notes (f, "READ.place"), 0);
}
END_TEST

/* 收入决算表 "754.75 754.75": 财政拨款收入 or 其他收入?  The 总表 says. */
START_TEST (test_text_total_from_summary)
{
  g_autoptr(BlFiling) f = load (
    "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"
    "一、一般公共预算财政拨款收入 754.75 八、社会保障和就业支出 754.75\n"
    "八、其他收入\n本年收入合计 754.75 本年支出合计 754.75\n"
    "收入决算表\n单位：万元\n项目 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入\n"
    "合计 754.75 754.75\n208 社会保障和就业支出 754.75 754.75\n");
  assert_cells (f, "income", NULL, "208", "754.75|754.75|||||");
  assert_cells (f, "income", NULL, "合计", "754.75|754.75|||||");
}
END_TEST

/* Text saved as UTF-16 with its byte-order mark (Windows Notepad) reads
 * as the same text in UTF-8 does; UTF-16 cut in the middle of a character
 * is unusable, and says so. */
#define SUMMARY_AND_INCOME \
  "收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n" \
  "一、一般公共预算财政拨款收入 754.75 八、社会保障和就业支出 754.75\n" \
  "八、其他收入\n本年收入合计 754.75 本年支出合计 754.75\n" \
  "收入决算表\n单位：万元\n项目 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入\n" \
  "合计 754.75 754.75\n208 社会保障和就业支出 754.75 754.75\n"

START_TEST (test_text_utf16)
{
  g_autoptr(BlFiling) utf8 = load (SUMMARY_AND_INCOME);
  g_autofree char *want = cells (utf8, "income", NULL, "208");

  for (int be = 0; be < 2; be++)
    {
      g_autoptr(GError) error = NULL;
      gsize n = 0;
      g_autofree char *u16 = g_convert (SUMMARY_AND_INCOME, -1, be ? "UTF-16BE" : "UTF-16LE",
                                        "UTF-8", NULL, &n, NULL);
      g_autofree char *buf = g_malloc (n + 2);
      g_autoptr(BlFiling) f = NULL;
      g_autofree char *got = NULL;
      memcpy (buf, be ? "\xfe\xff" : "\xff\xfe", 2);
      memcpy (buf + 2, u16, n);
      f = bl_filing_load_data (buf, n + 2, "t.txt", &error);
      ck_assert_msg (f != NULL, "%s", error ? error->message : "");
      got = cells (f, "income", NULL, "208");
      ck_assert_str_eq (got, want);
      ck_assert_str_eq (got, "754.75|754.75|||||");
      g_clear_pointer (&f, bl_filing_free);
      f = bl_filing_load_data (buf, n + 1, "t.txt", &error);
      ck_assert_ptr_null (f);
      ck_assert_ptr_nonnull (error);
    }
}
END_TEST

/* ---- out of order ---- */

/* pdftotext without options writes a table column by column: codes in a
 * run, then figures.  One READ.order, the table in doubt, every figure
 * unread — none put in a wrong cell. */
START_TEST (test_text_out_of_order)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD
    "201\n20106\n2010601\n2010602\n一般公共服务支出\n财政事务\n行政运行\n一般行政管理事务\n"
    "90.00\n90.00\n80.00\n10.00\n70.00\n70.00\n70.00\n20.00\n20.00\n10.00\n10.00\n");
  const BlTable *t = bl_filing_find_table (f, "expenditure");
  ck_assert_ptr_nonnull (t);
  ck_assert_ptr_nonnull (t->doubt);
  ck_assert_uint_eq (notes (f, "READ.order"), 1);
  assert_cells (f, "expenditure", NULL, "2010601", "?|?|?|?|?|?");
}
END_TEST

/* A cell on a line (mutool), rows without figures, names the 2024
 * catalogue no longer prints: read as printed, no sign of lost order. */
START_TEST (test_text_old_names_below_codes)
{
  g_autoptr(BlFiling) f = load (
    "一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码\n科目名称\n决算数\n"
    "309\n资本性支出（基本建设）\n5.00\n30902\n办公设备购置\n5.00\n"
    "30999\n其他资本性支出\n310\n资本性支出\n31001\n房屋构筑物构建\n31002\n办公设备购置\n");
  const BlTable *t = bl_filing_find_table (f, "general_budget_basic");
  ck_assert_ptr_nonnull (t);
  ck_assert_ptr_null (t->doubt);
  ck_assert_str_eq (label_of (f, "general_budget_basic", "31001"), "房屋构筑物构建");
  ck_assert_str_eq (label_of (f, "general_budget_basic", "30999"), "其他资本性支出");
  ck_assert_uint_eq (notes (f, "READ.order"), 0);
}
END_TEST

/* The code pieces, the names, then each value column's runs of figures:
 * a run of 财政拨款收入 or of 其他收入 could stand in any column alike to
 * every sum, but the template's rare columns (上级补助收入, 事业收入 …)
 * are blank unless the figures need them. */
#define INCOME_COLUMNS_HEAD \
  "收入决算表\n单位：万元\n项目\n本年收入合计\n财政拨款收入\n上级补助收入\n事业收入\n经营收入\n" \
  "附属单位上缴收入\n其他收入\n科目编码\n科目名称\n合计\n"

START_TEST (test_text_columns_rare)
{
  g_autoptr(BlFiling) f = load (
    INCOME_COLUMNS_HEAD
    "201\n201\n201\n201\n208\n208\n208\n\n01\n01\n01\n05\n05\n\n01\n02\n05\n\n"
    "一般公共服务支出\n人大事务\n行政运行\n一般行政管理事务\n社会保障和就业支出\n行政事业单位养老支出\n"
    "机关事业单位基本养老保险缴费支出\n\n"
    "180.00\n150.00\n150.00\n100.00\n50.00\n30.00\n30.00\n30.00\n\n"
    "170.00\n140.00\n140.00\n90.00\n50.00\n30.00\n30.00\n30.00\n\n"
    "10.00\n10.00\n10.00\n10.00\n");
  assert_cells (f, "income", NULL, "合计", "180.00|170.00|||||10.00");
  assert_cells (f, "income", NULL, "2010101", "100.00|90.00|||||10.00");
  assert_cells (f, "income", NULL, "2080505", "30.00|30.00|||||");
  ck_assert_uint_eq (notes (f, "READ.order") + notes (f, "READ.place"), 0);
}
END_TEST

/* One 类: its total row reads the same first or last — read, not given
 * up as two placements. */
START_TEST (test_text_columns_total_either_end)
{
  g_autoptr(BlFiling) f = load (
    INCOME_COLUMNS_HEAD
    "201\n201\n201\n201\n\n01\n01\n01\n\n01\n02\n\n"
    "一般公共服务支出\n人大事务\n行政运行\n一般行政管理事务\n\n"
    "150.00\n150.00\n150.00\n100.00\n50.00\n\n140.00\n140.00\n140.00\n90.00\n50.00\n\n"
    "10.00\n10.00\n10.00\n10.00\n");
  assert_cells (f, "income", NULL, "合计", "150.00|140.00|||||10.00");
  assert_cells (f, "income", NULL, "2010102", "50.00|50.00|||||");
  ck_assert_uint_eq (notes (f, "READ.order") + notes (f, "READ.place"), 0);
}
END_TEST

/* Whole codes, the names, then every cell alone between blank lines, row
 * by row, 0.00 printed in the empty ones: 75 figures each of which could
 * start anywhere, but there is no room for a blank cell. */
START_TEST (test_text_cells_as_blocks)
{
  g_autoptr(BlFiling) f = load (
    "一般公共预算财政拨款支出决算表\n单位：万元\n项目\n科目编码\n科目名称\n小计\n基本支出\n项目支出\n\n"
    "201\n20101\n2010101\n2010102\n2010199\n20103\n2010301\n2010302\n2010350\n208\n"
    "20805\n2080501\n2080502\n2080505\n2080506\n210\n21011\n2101101\n2101102\n221\n"
    "22102\n2210201\n2210203\n\n一般公共服务支出\n人大事务\n行政运行\n一般行政管理事务\n其他人大事务支出\n"
    "政府办公厅（室）及相关机构事务\n行政运行\n一般行政管理事务\n事业运行\n社会保障和就业支出\n行政事业单位养老支出\n行政单位离退休\n事业单位离退休\n"
    "机关事业单位基本养老保险缴费支出\n机关事业单位职业年金缴费支出\n卫生健康支出\n行政事业单位医疗\n行政单位医疗\n事业单位医疗\n住房保障支出\n"
    "住房改革支出\n住房公积金\n购房补贴\n\n合计\n\n4541.22\n\n4541.22\n\n0.00\n\n1845.51\n\n1845.51\n"
    "\n0.00\n\n911.19\n\n911.19\n\n0.00\n\n177.11\n\n177.11\n\n0.00\n\n83.71\n\n"
    "83.71\n\n0.00\n\n650.37\n\n650.37\n\n0.00\n\n934.32\n\n934.32\n\n0.00\n\n"
    "619.98\n\n619.98\n\n0.00\n\n276.19\n\n276.19\n\n0.00\n\n38.15\n\n38.15\n\n0.00\n"
    "\n1166.61\n\n1166.61\n\n0.00\n\n1166.61\n\n1166.61\n\n0.00\n\n511.93\n\n511.93\n"
    "\n0.00\n\n3.76\n\n3.76\n\n0.00\n\n350.08\n\n350.08\n\n0.00\n\n300.84\n\n300.84\n"
    "\n0.00\n\n176.08\n\n176.08\n\n0.00\n\n176.08\n\n176.08\n\n0.00\n\n134.99\n\n"
    "134.99\n\n0.00\n\n41.09\n\n41.09\n\n0.00\n\n1353.02\n\n1353.02\n\n0.00\n\n"
    "1353.02\n\n1353.02\n\n0.00\n\n852.37\n\n852.37\n\n0.00\n\n500.65\n\n500.65\n\n"
    "0.00\n\n\n");
  assert_cells (f, "general_budget_expenditure", NULL, "合计", "4541.22|4541.22|0.00");
  assert_cells (f, "general_budget_expenditure", NULL, "2010350", "38.15|38.15|0.00");
  assert_cells (f, "general_budget_expenditure", NULL, "2210203", "500.65|500.65|0.00");
  ck_assert_uint_eq (notes (f, "READ.order") + notes (f, "READ.place"), 0);
}
END_TEST

/* ---- two-sided tables written column by column ---- */

/* 收入支出决算总表 as pdftotext writes it without -layout: both sides'
 * labels, then each figure alone.  Its own sums place its totals but not
 * which 类 is 80.00; the tables read after it do (支出决算表's 201, the
 * 合计 row of 收入决算表, 政府性基金 and 国有资本 tables without data). */
#define SIDES_HEAD \
    "收入支出决算总表\n单位：万元\n收入\n项目\n决算数\n支出\n项目\n决算数\n一、一般公共预算财政拨款收入\n" \
    "一、一般公共服务支出\n二、政府性基金预算财政拨款收入\n二、外交支出\n三、国有资本经营预算财政拨款收入\n三、国防支出\n" \
    "四、上级补助收入\n四、公共安全支出\n五、事业收入\n五、教育支出\n六、经营收入\n六、科学技术支出\n七、附属单位上缴收入\n" \
    "七、文化旅游体育与传媒支出\n八、其他收入\n八、社会保障和就业支出\n本年收入合计\n本年支出合计\n使用非财政拨款结余\n结余分配\n" \
    "年初结转和结余\n年末结转和结余\n总计\n总计\n\n100.00\n\n10.00\n\n110.00\n\n5.00\n\n" \
    "115.00\n\n80.00\n\n\n"
#define SIDES_TAIL \
    "\n\n110.00\n\n5.00\n\n115.00\n\n\n" \
    "收入决算表\n单位：万元\n项目\n本年收入合计\n财政拨款收入\n上级补助收入\n事业收入\n经营收入\n附属单位上缴收入\n其他收入\n" \
    "科目编码\n科目名称\n合计\n201\n201\n201\n208\n208\n208\n\n01\n01\n05\n05\n\n01\n" \
    "05\n\n一般公共服务支出\n人大事务\n行政运行\n社会保障和就业支出\n行政事业单位养老支出\n机关事业单位基本养老保险缴费支出\n" \
    "\n110.00\n80.00\n80.00\n80.00\n30.00\n30.00\n30.00\n\n100.00\n70.00\n" \
    "70.00\n70.00\n30.00\n30.00\n30.00\n\n10.00\n10.00\n10.00\n10.00\n" \
    "支出决算表\n单位：万元\n项目\n本年支出合计\n基本支出\n项目支出\n上缴上级支出\n经营支出\n对附属单位补助支出\n科目编码\n" \
    "科目名称\n合计\n201\n201\n201\n208\n208\n208\n\n01\n01\n05\n05\n\n01\n05\n\n" \
    "一般公共服务支出\n人大事务\n行政运行\n社会保障和就业支出\n行政事业单位养老支出\n机关事业单位基本养老保险缴费支出\n\n" \
    "110.00\n80.00\n80.00\n80.00\n30.00\n30.00\n30.00\n\n60.00\n40.00\n" \
    "40.00\n40.00\n20.00\n20.00\n20.00\n\n50.00\n40.00\n40.00\n40.00\n" \
    "10.00\n10.00\n10.00\n政府性基金预算财政拨款收入支出决算表\n单位：万元\n本表无数据\n" \
    "国有资本经营预算财政拨款收入支出决算表\n单位：万元\n本表无数据\n\n"

START_TEST (test_text_sides_by_other_tables)
{
  g_autoptr(BlFiling) f = load (SIDES_HEAD "30.00" SIDES_TAIL);
  const BlTable *t = bl_filing_find_table (f, "income_expenditure_summary");
  ck_assert_ptr_nonnull (t);
  ck_assert_ptr_null (t->doubt);
  assert_cells (f, "income_expenditure_summary", "收入", "一般公共预算财政拨款收入", "100.00");
  assert_cells (f, "income_expenditure_summary", "收入", "其他收入", "10.00");
  assert_cells (f, "income_expenditure_summary", "收入", "事业收入", "");
  assert_cells (f, "income_expenditure_summary", "收入", "本年收入合计", "110.00");
  assert_cells (f, "income_expenditure_summary", "支出", "一般公共服务支出", "80.00");
  assert_cells (f, "income_expenditure_summary", "支出", "社会保障和就业支出", "30.00");
  assert_cells (f, "income_expenditure_summary", "支出", "总计", "115.00");
  /* 5.00: 使用非财政拨款结余 or 年初结转和结余, nothing tells */
  assert_cells (f, "income_expenditure_summary", "收入", "年初结转和结余", "?");
  assert_cells (f, "income_expenditure_summary", "收入", "使用非财政拨款结余", "?");
  ck_assert_uint_eq (notes (f, "READ.place"), 1);
  ck_assert_uint_eq (notes (f, "READ.order"), 0);
}
END_TEST


/* pdftotext (no layout) writes the 三公 table's last figures after its
 * 注, in text whose other tables show it out of row order (规划资源局: its
 * 06).  When they fill the one row to its last column and the row's sums
 * hold in that order, the row is read; when the sums fail, nothing is
 * guessed and the table is held back.  An empty table (社会工作部: 本表无
 * 数据) is not in doubt: it has no order to lose. */
#define VARIANT(name) BL_SRCDIR "/tests/corpus/variants/putuo-" name "-2024.pdftotext.txt"

static char *
three_public_row (const BlFiling *f)
{
  const BlTable *t = bl_filing_find_table (f, "three_public");
  const BlPart *part = t && t->parts->len == 1 ? g_ptr_array_index (t->parts, 0) : NULL;
  GString *s = g_string_new (NULL);

  if (part == NULL || part->rows->len != 1)
    return g_string_free (s, TRUE), g_strdup ("(no single row)");
  for (guint c = 0; c < part->columns->len; c++)
    {
      const BlCell *cell = &((const BlRow *) g_ptr_array_index (part->rows, 0))->cells[c];
      g_string_append_printf (s, "%s%s", c ? "|" : "",
                              cell->kind == BL_CELL_NUMBER ? cell->text
                              : cell->kind == BL_CELL_UNREAD ? "?" : "");
    }
  return g_string_free (s, FALSE);
}

static char *
read_variant (const char *path)
{
  char *text = NULL;
  ck_assert_msg (g_file_get_contents (path, &text, NULL, NULL), "%s is missing", path);
  return text;
}

START_TEST (test_text_row_after_note)
{
  g_autofree char *text = read_variant (VARIANT ("guihuaziyuanju"));
  g_autofree char *empty = read_variant (VARIANT ("shehuigongzuobu"));
  g_autoptr(GString) broken = g_string_new (text);
  char *note = strstr (broken->str, "注：本表反映部门本年度“三公”经费支出预决算情况。");
  char *last;
  g_autoptr(BlFiling) f = load (text);
  g_autoptr(BlFiling) g = NULL, h = load (empty);
  g_autofree char *row = three_public_row (f);
  const BlTable *t = bl_filing_find_table (f, "three_public");

  ck_assert_str_eq (row, "2.85|0.39|0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|2.85|0.39");
  ck_assert_ptr_null (t->doubt);
  /* 公务接待费 决算数 0.39 → 0.93: 合计 0.39 ≠ 0.00 + 0.00 + 0.93 */
  ck_assert_ptr_nonnull (note);
  last = strstr (strstr (strstr (note, "\n2.85\n"), "\n0.39\n"), "0.39");
  memcpy (last, "0.93", 4);
  g = load (broken->str);
  t = bl_filing_find_table (g, "three_public");
  ck_assert_ptr_nonnull (t->doubt);
  ck_assert_uint_eq (notes (g, "READ.order"), notes (f, "READ.order") + 1);
  t = bl_filing_find_table (h, "three_public");
  ck_assert_ptr_nonnull (t);
  ck_assert_ptr_nonnull (t->statement);
  ck_assert_ptr_null (t->doubt);
}
END_TEST

/* The same with 支出决算表 saying 30.00 where the 总表 prints 31.00: no
 * placement holds, and none is guessed. */
START_TEST (test_text_sides_disagree)
{
  g_autoptr(BlFiling) f = load (SIDES_HEAD "31.00" SIDES_TAIL);
  const BlTable *t = bl_filing_find_table (f, "income_expenditure_summary");
  ck_assert_ptr_nonnull (t);
  g_autofree char *social = cells (f, "income_expenditure_summary", "支出", "社会保障和就业支出");
  g_autofree char *general = cells (f, "income_expenditure_summary", "支出", "一般公共服务支出");
  ck_assert_ptr_nonnull (t->doubt);
  ck_assert_str_ne (social, "31.00");
  ck_assert_str_ne (general, "80.00");
}
END_TEST

/* Codes in a run and their names after them, in a table without
 * figures: names pieced together by guess that the catalogue rejects
 * say the order is lost, and the table is in doubt. */
START_TEST (test_text_names_apart)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD "207\n20799\n…\n文化旅游体育\n与传媒支出\n其他文化旅游\n体育与传媒支\n出\n…\n合计\n");
  const BlTable *t = bl_filing_find_table (f, "expenditure");
  ck_assert_ptr_nonnull (t);
  ck_assert_ptr_nonnull (t->doubt);
  ck_assert_uint_eq (notes (f, "READ.order"), 1);
}
END_TEST

/* A row's figures that no placement explains: unread, said once. */
START_TEST (test_text_unplaceable)
{
  g_autoptr(BlFiling) f = load (
    EXPENDITURE_HEAD "201 一般公共服务支出 10.00 10.00\n");
  assert_cells (f, "expenditure", NULL, "201", "?|?|?|?|?|?");
  ck_assert_uint_eq (notes (f, "READ.place"), 1);
}
END_TEST

/* ---- titles and layout ---- */

/* A title broken over lines with a heading between: still the table. */
START_TEST (test_text_split_title)
{
  g_autoptr(BlFiling) f = load (
    "收入支出决算总\n第二部分 某局2024年度部门决算表\n表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n"
    "一、一般公共预算财政拨款收入 10.00 一、一般公共服务支出 10.00\n");
  assert_cells (f, "income_expenditure_summary", "收入", "一般公共预算财政拨款收入", "10.00");
}
END_TEST

/* Laid-out text: @cells are "text@end" (the column its last character
 * ends at, characters counted as pdftotext -layout counts them). */
static void
laid_out (GString *out, const char *const *cells)
{
  guint col = 0;
  for (guint i = 0; cells[i]; i++)
    {
      const char *at = strrchr (cells[i], '@');
      guint end = (guint) atoi (at + 1), n = (guint) g_utf8_strlen (cells[i], at - cells[i]);
      for (; col + n < end; col++)
        g_string_append_c (out, ' ');
      g_string_append_len (out, cells[i], at - cells[i]);
      col += n;
    }
  g_string_append_c (out, '\n');
}

/* Text that keeps the page's columns: positions place the figures — each
 * page with its own scale — and a figure line set above its code joins
 * it. */
START_TEST (test_text_layout)
{
  static const char *const page1[][8] = {
    { "支出决算表@30", NULL }, { "单位：万元@60", NULL },
    { "科目编码@8", "科目名称@20", "本年支出合计@40", "基本支出@52", "项目支出@64", NULL },
    { "合计@15", "130.00@40", "100.00@52", "30.00@64", NULL },
    { "80.00@52", NULL },
    { "201@3", "一般公共服务支出@20", "80.00@40", NULL },
    { "201@3", "06@6", "财政事务@20", "80.00@40", "80.00@52", NULL },
    { "210@3", "卫生健康支出@20", "50.00@40", "20.00@52", "30.00@64", NULL },
  };
  static const char *const page2[][8] = {
    { "210@3", "01@6", "卫生健康管理事务@24", "50.00@36", "20.00@46", "30.00@56", NULL },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(BlFiling) f = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (page1); i++)
    laid_out (text, page1[i]);
  g_string_append_c (text, '\f');
  for (guint i = 0; i < G_N_ELEMENTS (page2); i++)
    laid_out (text, page2[i]);
  f = load (text->str);
  ck_assert_msg (f->tables->len > 0, "%s", text->str);
  assert_cells (f, "expenditure", NULL, "合计", "130.00|100.00|30.00");
  assert_cells (f, "expenditure", NULL, "201", "80.00|80.00|");
  assert_cells (f, "expenditure", NULL, "21001", "50.00|20.00|30.00");
}
END_TEST

static Suite *
text_suite (void)
{
  Suite *s = suite_create ("text");
  TCase *tc;

  tc = tcase_create ("coded");
  tcase_add_test (tc, test_text_raw_rows);
  tcase_add_test (tc, test_text_cell_per_line);
  tcase_add_test (tc, test_text_label_around_code);
  tcase_add_test (tc, test_text_raised_figures);
  tcase_add_test (tc, test_text_page_furniture);
  tcase_add_test (tc, test_text_written_blanks);
  tcase_add_test (tc, test_text_side_by_side);
  tcase_add_test (tc, test_text_blank_rows);
  suite_add_tcase (s, tc);

  tc = tcase_create ("two-sided");
  tcase_add_test (tc, test_text_two_sided);
  tcase_add_test (tc, test_text_total_from_summary);
  tcase_add_test (tc, test_text_two_sided_tails);
  tcase_add_test (tc, test_text_two_sided_heads_above);
  tcase_add_test (tc, test_text_qualifier_blocks);
  suite_add_tcase (s, tc);

  tc = tcase_create ("doubt");
  tcase_add_test (tc, test_text_out_of_order);
  tcase_add_test (tc, test_text_utf16);
  tcase_add_test (tc, test_text_columns_rare);
  tcase_add_test (tc, test_text_columns_total_either_end);
  tcase_add_test (tc, test_text_cells_as_blocks);
  tcase_add_test (tc, test_text_sides_by_other_tables);
  tcase_add_test (tc, test_text_sides_disagree);
  tcase_add_test (tc, test_text_row_after_note);
  tcase_add_test (tc, test_text_unplaceable);
  tcase_add_test (tc, test_text_names_apart);
  tcase_add_test (tc, test_text_old_names_below_codes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("layout");
  tcase_add_test (tc, test_text_split_title);
  tcase_add_test (tc, test_text_layout);
  tcase_add_test (tc, test_text_blank_layout);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (text_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
