/* Unit tests for the doubtful-reading gate (lib/doubt.c): small tables
 * written as YAML — a correct 支出决算表 of 15 rows (合计, 3 类, their 款
 * and 项) and copies of it edited as a document with genuine errors, or a
 * reader that misread it, would have it — weighed by bl_doubt__assess();
 * then bl_doubt__check() on filings (the note, what it skips), the gate
 * run by the text reader, and the doubt kept by convert. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "doubt.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#define NCOLS 4   /* 本年支出合计, 基本支出, 项目支出, 上缴上级支出 */

typedef struct {
  const char *code, *label;
  const char *cells[NCOLS];   /* NULL: blank */
} Row;

static const Row base[] = {
  { NULL, "合计", { "2940.05", "2336.91", "603.14", NULL } },
  { "201", "一般公共服务支出", { "2106.66", "1503.52", "603.14", NULL } },
  { "20106", "财政事务", { "2106.66", "1503.52", "603.14", NULL } },
  { "2010601", "行政运行", { "1503.52", "1503.52", NULL, NULL } },
  { "2010602", "一般行政管理事务", { "10.00", NULL, "10.00", NULL } },
  { "2010607", "信息化建设", { "135.25", NULL, "135.25", NULL } },
  { "2010608", "财政委托业务支出", { "457.89", NULL, "457.89", NULL } },
  { "208", "社会保障和就业支出", { "326.72", "326.72", NULL, NULL } },
  { "20805", "行政事业单位养老支出", { "326.72", "326.72", NULL, NULL } },
  { "2080501", "行政单位离退休", { "84.65", "84.65", NULL, NULL } },
  { "2080505", "机关事业单位基本养老保险缴费支出", { "160.75", "160.75", NULL, NULL } },
  { "2080506", "机关事业单位职业年金缴费支出", { "81.32", "81.32", NULL, NULL } },
  { "221", "住房保障支出", { "506.67", "506.67", NULL, NULL } },
  { "22102", "住房改革支出", { "506.67", "506.67", NULL, NULL } },
  { "2210201", "住房公积金", { "506.67", "506.67", NULL, NULL } },
};
#define NROWS G_N_ELEMENTS (base)

/* Sums of the correct table: a row identity per row, 6 parents, 合计. */
#define N_SUMS (NROWS + 6 + 1)

/* An edit of the correct table: cell @col of the row with @code (NULL:
 * the 合计 row) becomes @text. */
typedef struct {
  const char *code;
  guint col;
  const char *text;
} Edit;

static Row *
copy_base (void)
{
  Row *rows = g_new (Row, NROWS);
  memcpy (rows, base, sizeof base);
  return rows;
}

static void
apply (Row *rows, const Edit *e)
{
  for (guint i = 0; i < NROWS; i++)
    if (g_strcmp0 (rows[i].code, e->code) == 0)
      {
        rows[i].cells[e->col] = e->text;
        return;
      }
  ck_abort_msg ("test bug: no row %s", e->code);
}

static void
append_scalar (GString *y, const char *s)
{
  if (s == NULL)
    g_string_append (y, "~");
  else
    g_string_append_printf (y, "\"%s\"", s);
}

static char *
expenditure_yaml (const Row *rows, guint n)
{
  GString *y = g_string_new ("budgetlint: 1\nunit: 万元\ntables:\n"
                             "  - kind: expenditure\n"
                             "    title: 支出决算表\n"
                             "    keys: [code, label]\n"
                             "    columns: [本年支出合计, 基本支出, 项目支出, 上缴上级支出]\n"
                             "    rows:\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (y, "      - [");
      append_scalar (y, rows[i].code);
      g_string_append (y, ", ");
      append_scalar (y, rows[i].label);
      for (guint c = 0; c < NCOLS; c++)
        {
          g_string_append (y, ", ");
          append_scalar (y, rows[i].cells[c]);
        }
      g_string_append (y, "]\n");
    }
  return g_string_free (y, FALSE);
}

static BlFiling *
load (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (yaml, strlen (yaml), "t.yaml", &error);
  ck_assert_msg (f != NULL, "filing does not load: %s", error ? error->message : "");
  return f;
}

/* Weighs the first table of a filing of @rows; the reason, or NULL when
 * the table is trusted. */
static const char *
weigh (const Row *rows, guint n, BlDoubtSigns *signs)
{
  g_autofree char *yaml = expenditure_yaml (rows, n);
  g_autoptr(BlFiling) f = load (yaml);
  const char *reason = NULL;
  g_autofree char *why = bl_doubt__assess (g_ptr_array_index (f->tables, 0),
                                           signs, &reason);

  ck_assert ((why == NULL) == (reason == NULL));
  return reason;
}

static const char *
weigh_edited (const Edit *edits, guint n, BlDoubtSigns *signs)
{
  g_autofree Row *rows = copy_base ();
  for (guint i = 0; i < n; i++)
    apply (rows, &edits[i]);
  return weigh (rows, NROWS, signs);
}

/* ---- a correct reading stays trusted, errors of the document too ---- */

START_TEST (test_doubt_correct_table)
{
  BlDoubtSigns s;

  ck_assert_ptr_null (weigh (base, NROWS, &s));
  ck_assert_uint_eq (s.checked, N_SUMS);
  ck_assert_uint_eq (s.failed, 0);
  ck_assert_uint_eq (s.codes, 0);
  ck_assert_uint_eq (s.decimals, s.figures);
}
END_TEST

/* One genuine error: in a 项, in a 类's project figure (which also breaks
 * 合计 against the 类), in the 合计 row, a total below its part. */
static const Edit one_error[] = {
  { "2010607", 0, "153.25" },
  { "201", 2, "306.14" },
  { NULL, 0, "2904.05" },
  { "2080505", 0, "16.07" },
};

START_TEST (test_doubt_one_error)
{
  BlDoubtSigns s;

  ck_assert_ptr_null (weigh_edited (&one_error[_i], 1, &s));
  ck_assert_uint_ge (s.failed, 1);
  ck_assert_uint_eq (s.independent, 1);
}
END_TEST

static const Edit two_errors[][2] = {
  { { "2010607", 0, "153.25" }, { "2080505", 1, "106.75" } },
  { { "2010601", 0, "150.35" }, { "2210201", 0, "50.66" } },   /* both short */
  { { NULL, 1, "2336.19" }, { "20805", 0, "362.72" } },
};

START_TEST (test_doubt_two_errors)
{
  BlDoubtSigns s;

  ck_assert_ptr_null (weigh_edited (two_errors[_i], 2, &s));
  ck_assert_uint_eq (s.independent, 2);
}
END_TEST

/* Three wrong rows among 22 sums: most sums still hold. */
START_TEST (test_doubt_three_errors_few_failing)
{
  static const Edit e[] = {
    { "2010607", 0, "153.25" }, { "2080505", 1, "106.75" }, { "2210201", 0, "560.67" },
  };
  BlDoubtSigns s;

  ck_assert_ptr_null (weigh_edited (e, G_N_ELEMENTS (e), &s));
  ck_assert_uint_eq (s.independent, 3);
  ck_assert_uint_le (s.failed * 2, s.checked);
}
END_TEST

/* A small table where most sums fail, but two wrong rows explain it. */
START_TEST (test_doubt_small_table_two_errors)
{
  static const Row rows[] = {
    { NULL, "合计", { "684.16", "590.11", "58.50", NULL } },
    { "210", "卫生健康支出", { "648.61", "590.11", "58.50", NULL } },
    { "21015", "医疗保障管理事务", { "648.61", "590.11", "58.50", NULL } },
    { "2101550", "事业运行", { "684.61", "590.11", "85.50", NULL } },
  };
  BlDoubtSigns s;

  ck_assert_ptr_null (weigh (rows, G_N_ELEMENTS (rows), &s));
  ck_assert_uint_gt (s.failed * 2, s.checked);
  ck_assert_uint_le (s.independent, 2);
}
END_TEST

/* ---- codes read as amounts ---- */

/* What a reader does when it takes the code column for a figure: each
 * row's code lands in the blank 上缴上级支出. */
START_TEST (test_doubt_codes_in_amounts)
{
  g_autofree Row *rows = copy_base ();
  BlDoubtSigns s;

  for (guint i = 0; i < NROWS; i++)
    rows[i].cells[3] = rows[i].code;
  ck_assert_str_eq (weigh (rows, NROWS, &s), "金额栏中有像科目编码的整数");
  ck_assert_uint_eq (s.codes, NROWS - 1);
  ck_assert_uint_eq (s.integers, NROWS - 1);
}
END_TEST

/* A split code: "201" and "06"/"01" pieces (no amount has a leading 0). */
START_TEST (test_doubt_code_pieces)
{
  static const Edit e[] = {
    { "201", 3, "201" }, { "20106", 3, "06" }, { "2010601", 3, "01" },
  };
  BlDoubtSigns s;

  ck_assert_str_eq (weigh_edited (e, G_N_ELEMENTS (e), &s),
                    "金额栏中有像科目编码的整数");
  ck_assert_uint_eq (s.codes, 3);
}
END_TEST

/* One odd integer is a careless figure; round amounts are no codes; a
 * table of whole numbers has integers that look like codes. */
START_TEST (test_doubt_integers_not_codes)
{
  static const Edit one[] = { { "2010602", 3, "201" } };
  static const Edit round[] = { { "2010602", 3, "300" }, { "2010607", 3, "20000" } };
  g_autofree Row *whole = copy_base ();
  BlDoubtSigns s;

  ck_assert_ptr_null (weigh_edited (one, 1, &s));
  ck_assert_uint_eq (s.codes, 1);
  ck_assert_ptr_null (weigh_edited (round, 2, &s));
  ck_assert_uint_eq (s.codes, 0);
  ck_assert_uint_eq (s.integers, 2);
  for (guint i = 0; i < NROWS; i++)
    for (guint c = 0; c < NCOLS; c++)
      if (whole[i].cells[c])
        {
          char *dot = g_strdup (whole[i].cells[c]);
          char *p = strchr (dot, '.');
          memmove (p, p + 1, strlen (p));   /* ×100, in 元 */
          whole[i].cells[c] = g_intern_string (dot);
          g_free (dot);
        }
  whole[4].cells[3] = "20106";
  whole[5].cells[3] = "30211";
  ck_assert_ptr_null (weigh (whole, NROWS, &s));
  ck_assert_uint_ge (s.codes, 2);     /* 326.72 in 元 is 32672 */
  ck_assert_uint_eq (s.decimals, 0);
}
END_TEST

/* ---- a column shift ---- */

/* Every row of a class read one column on (the first cell left empty):
 * the sums over rows still hold, the row identities fail. */
START_TEST (test_doubt_shift_all)
{
  g_autofree Row *rows = copy_base ();
  BlDoubtSigns s;

  for (guint i = 1; i < NROWS; i++)
    {
      for (guint c = NCOLS - 1; c > 0; c--)
        rows[i].cells[c] = rows[i].cells[c - 1];
      rows[i].cells[0] = NULL;
    }
  ck_assert_str_eq (weigh (rows, NROWS, &s), "疑似列错位");
  ck_assert_uint_eq (s.rows_failed, NROWS - 1);
  ck_assert_uint_eq (s.shifted, NROWS - 1);
  ck_assert_uint_eq (s.codes, 0);
}
END_TEST

/* Four rows one column on: fewer than half the sums fail, but the shift
 * explains each of them. */
START_TEST (test_doubt_shift_some)
{
  static const char *const codes[] = { "2010602", "2010607", "2080501", "2210201" };
  g_autofree Row *rows = copy_base ();
  BlDoubtSigns s;

  for (guint k = 0; k < G_N_ELEMENTS (codes); k++)
    for (guint i = 0; i < NROWS; i++)
      if (g_strcmp0 (rows[i].code, codes[k]) == 0)
        {
          for (guint c = NCOLS - 1; c > 0; c--)
            rows[i].cells[c] = rows[i].cells[c - 1];
          rows[i].cells[0] = NULL;
        }
  ck_assert_str_eq (weigh (rows, NROWS, &s), "疑似列错位");
  ck_assert_uint_eq (s.shifted, 4);
  ck_assert_uint_le (s.failed * 2, s.checked);
}
END_TEST

/* ---- most sums failing ---- */

/* The 本年支出合计 column read one row off: most sums fail, no shift
 * within a row fixes them. */
START_TEST (test_doubt_most_failing)
{
  g_autofree Row *rows = copy_base ();
  BlDoubtSigns s;

  for (guint i = 0; i < NROWS; i++)
    rows[i].cells[0] = base[(i + 1) % NROWS].cells[0];
  ck_assert_str_eq (weigh (rows, NROWS, &s), "合计关系大多不符");
  ck_assert_uint_gt (s.failed * 2, s.checked);
  ck_assert_uint_ge (s.independent, 3);
  ck_assert_uint_lt (s.shifted * 2, s.rows_failed + 1);
}
END_TEST

/* ---- totals below their largest part ---- */

START_TEST (test_doubt_short_totals)
{
  static const Edit e[] = {
    { "2010601", 0, "150.35" }, { "2080505", 0, "16.07" }, { "2210201", 0, "50.66" },
  };
  BlDoubtSigns s;

  ck_assert_str_eq (weigh_edited (e, G_N_ELEMENTS (e), &s), "合计小于其中一项");
  ck_assert_uint_eq (s.short_totals, 3);
  ck_assert_uint_le (s.failed * 2, s.checked);
}
END_TEST

/* 年末 = 年初 + 收入 − 支出 has a minus term: a 年末 below 年初 is no
 * total below its part, and three of them leave the table trusted. */
static const char fund_yaml[] =
  "budgetlint: 1\nunit: 万元\ntables:\n"
  "  - kind: government_fund\n"
  "    keys: [code, label]\n"
  "    columns:\n"
  "      - 年初结转和结余\n      - 本年收入\n"
  "      - {name: 小计, group: 本年支出}\n      - {name: 基本支出, group: 本年支出}\n"
  "      - {name: 项目支出, group: 本年支出}\n      - 年末结转和结余\n"
  "    rows:\n"
  "      - [~, 合计, 50.00, 100.00, 120.00, ~, 120.00, 30.00]\n"
  "      - [229, 其他支出, 50.00, 100.00, 120.00, ~, 120.00, 30.00]\n"
  "      - [22960, 彩票公益金安排的支出, 50.00, 100.00, 120.00, ~, 120.00, 30.00]\n"
  "      - [2296002, 用于社会福利的彩票公益金支出, 20.00, 40.00, 50.00, ~, 50.00, 1.00]\n"
  "      - [2296003, 用于体育事业的彩票公益金支出, 10.00, 30.00, 35.00, ~, 35.00, 0.50]\n"
  "      - [2296004, 用于教育事业的彩票公益金支出, 15.00, 20.00, 25.00, ~, 25.00, 1.50]\n"
  "      - [2296099, 用于其他社会公益事业的彩票公益金支出, 5.00, 10.00, 10.00, ~, 10.00, 5.00]\n";

START_TEST (test_doubt_minus_not_short)
{
  g_autoptr(BlFiling) f = load (fund_yaml);
  BlDoubtSigns s;
  const char *reason;
  g_autofree char *why = bl_doubt__assess (g_ptr_array_index (f->tables, 0), &s, &reason);

  ck_assert_ptr_null (why);
  ck_assert_uint_eq (s.independent, 3);
  ck_assert_uint_eq (s.short_totals, 0);
}
END_TEST

/* ---- unread cells are unknown ---- */

/* Every 基本支出 of the 项 rows unread: their identities (which would fail
 * with a blank there) and their parents' sums are not evaluated. */
START_TEST (test_doubt_unread_unknown)
{
  g_autofree Row *rows = copy_base ();
  BlDoubtSigns s;
  guint unread = 0;

  for (guint i = 0; i < NROWS; i++)
    if (rows[i].code && strlen (rows[i].code) == 7 && rows[i].cells[1])
      {
        rows[i].cells[1] = "?";
        unread++;
      }
  ck_assert_uint_eq (unread, 5);
  ck_assert_ptr_null (weigh (rows, NROWS, &s));
  ck_assert_uint_eq (s.failed, 0);
  ck_assert_uint_eq (s.checked, N_SUMS - unread);
}
END_TEST

/* ---- the gate on a filing ---- */

static guint
count_notes (const BlFiling *f, const char *rule)
{
  guint n = 0;
  for (guint i = 0; f->notes && i < f->notes->items->len; i++)
    n += strcmp (((BlDiagnostic *) g_ptr_array_index (f->notes->items, i))->rule, rule) == 0;
  return n;
}

static const BlDiagnostic *
first_note (const BlFiling *f, const char *rule)
{
  for (guint i = 0; f->notes && i < f->notes->items->len; i++)
    {
      const BlDiagnostic *d = g_ptr_array_index (f->notes->items, i);
      if (strcmp (d->rule, rule) == 0)
        return d;
    }
  return NULL;
}

/* The shifted table, a correct 收入决算表 and a 自评表 whose figures no
 * identity of a ledger table fits. */
static char *
misread_filing (void)
{
  g_autofree Row *rows = copy_base ();
  g_autofree char *exp = NULL;

  for (guint i = 1; i < NROWS; i++)
    {
      for (guint c = NCOLS - 1; c > 0; c--)
        rows[i].cells[c] = rows[i].cells[c - 1];
      rows[i].cells[0] = NULL;
    }
  exp = expenditure_yaml (rows, NROWS);
  return g_strconcat (exp,
                      "  - kind: income\n"
                      "    title: 收入决算表\n"
                      "    columns: [本年收入合计, 财政拨款收入, 其他收入]\n"
                      "    rows:\n"
                      "      - [~, 合计, 150.00, 140.00, 10.00]\n"
                      "      - [210, 卫生健康支出, 150.00, 140.00, 10.00]\n"
                      "  - kind: project_performance\n"
                      "    parts:\n"
                      "      - part: 预算执行\n"
                      "        keys: [label]\n"
                      "        columns: [年初预算数, 全年预算数, 全年执行数, 执行率]\n"
                      "        rows:\n"
                      "          - [资金总额, 201, 206, 2010601, 300]\n", NULL);
}

START_TEST (test_doubt_check_notes_once)
{
  g_autofree char *yaml = misread_filing ();
  g_autoptr(BlFiling) f = load (yaml);
  const BlTable *exp = g_ptr_array_index (f->tables, 0);
  const BlDiagnostic *d;
  const BlLocation *l;

  bl_doubt__check (f);
  ck_assert_str_eq (exp->doubt, "疑似列错位");
  ck_assert_ptr_null (((BlTable *) g_ptr_array_index (f->tables, 1))->doubt);
  ck_assert_ptr_null (((BlTable *) g_ptr_array_index (f->tables, 2))->doubt);
  ck_assert_uint_eq (count_notes (f, "READ.doubtful"), 1);
  d = first_note (f, "READ.doubtful");
  ck_assert_int_eq (d->severity, BL_SEVERITY_WARNING);
  ck_assert_msg (g_str_has_prefix (d->message, "支出决算表的读取可能有误："), "%s", d->message);
  ck_assert_msg (strstr (d->message, "疑似列错位") != NULL, "%s", d->message);
  ck_assert_msg (strstr (d->message, "第 10 行 201 一般公共服务支出") != NULL, "%s", d->message);
  ck_assert_msg (g_str_has_suffix (d->message, "本表的计算结果已暂不报告（--show-doubtful 显示）"),
                 "%s", d->message);
  l = bl_diagnostic_get_location (d, 0);
  ck_assert_str_eq (l->table, "支出决算表");
  ck_assert_uint_eq (l->line, exp->pos.line);
  /* Weighed twice, still one note: the doubt is set. */
  bl_doubt__check (f);
  ck_assert_uint_eq (count_notes (f, "READ.doubtful"), 1);
}
END_TEST

/* A reader that doubted the table itself, or said so in a note of its own
 * on the table, is not contradicted or repeated. */
START_TEST (test_doubt_check_reader_said_so)
{
  g_autofree char *yaml = misread_filing ();
  g_autoptr(BlFiling) set = load (yaml);
  g_autoptr(BlFiling) noted = load (yaml);
  BlTable *t = g_ptr_array_index (set->tables, 0);

  t->doubt = "列无法确定";
  bl_doubt__check (set);
  ck_assert_str_eq (t->doubt, "列无法确定");
  ck_assert_uint_eq (count_notes (set, "READ.doubtful"), 0);

  t = g_ptr_array_index (noted->tables, 0);
  bl_filing__note (noted, "READ.place", BL_SEVERITY_WARNING, &t->pos, t->title,
                   "支出决算表：3 个数字无法确定所在的栏");
  bl_filing__note (noted, "READ.cell", BL_SEVERITY_WARNING, &t->pos, "收入决算表", "…");
  bl_doubt__check (noted);
  ck_assert_str_eq (t->doubt, "疑似列错位");
  ck_assert_uint_eq (count_notes (noted, "READ.doubtful"), 0);
}
END_TEST

/* The text reader runs the gate: Markdown with tab-separated tables. */
static const char misread_md[] =
  "# 示例局 2024 年度部门决算\n\n"
  "支出决算表\n\n公开 03 表\n\n单位：万元\n\n"
  "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出\n"
  "科目代码\t科目名称\t\t\t\t\t\t\n"
  "栏次\t\t1\t2\t3\t4\t5\t6\n"
  "合计\t\t2,940.05\t2,336.91\t603.14\t0.00\t0.00\t0.00\n"
  "201\t一般公共服务支出\t201\t2,106.66\t1,503.52\t603.14\t0.00\t0.00\n"
  "20106\t财政事务\t20106\t2,106.66\t1,503.52\t603.14\t0.00\t0.00\n"
  "2010601\t行政运行\t2010601\t1,503.52\t1,503.52\t0.00\t0.00\t0.00\n"
  "2010602\t一般行政管理事务\t2010602\t10.00\t0.00\t10.00\t0.00\t0.00\n"
  "2010607\t信息化建设\t2010607\t135.25\t0.00\t135.25\t0.00\t0.00\n"
  "2010608\t财政委托业务支出\t2010608\t457.89\t0.00\t457.89\t0.00\t0.00\n"
  "208\t社会保障和就业支出\t208\t326.72\t326.72\t0.00\t0.00\t0.00\n"
  "221\t住房保障支出\t221\t506.67\t506.67\t0.00\t0.00\t0.00\n";

START_TEST (test_doubt_text_reader)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = bl_filing_load_data (misread_md, strlen (misread_md),
                                               "misread.md", &error);
  const BlTable *t;

  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  t = bl_filing_find_table (f, "expenditure");
  ck_assert_ptr_nonnull (t);
  ck_assert_str_eq (t->doubt, "金额栏中有像科目编码的整数");
  ck_assert_uint_eq (count_notes (f, "READ.doubtful"), 1);
  ck_assert_msg (strstr (first_note (f, "READ.doubtful")->message, "疑似列错位"),
                 "%s", first_note (f, "READ.doubtful")->message);
}
END_TEST

/* convert keeps the doubt and the unread cell. */
START_TEST (test_doubt_convert_round_trip)
{
  g_autofree char *yaml = misread_filing ();
  g_autoptr(BlFiling) f = load (yaml);
  g_autoptr(BlFiling) back = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) json = g_string_new (NULL);
  BlTable *inc = g_ptr_array_index (f->tables, 1);
  const BlTable *t;
  const BlRow *row;

  ((BlRow *) g_ptr_array_index (((BlPart *) g_ptr_array_index (inc->parts, 0))->rows, 1))
    ->cells[1].kind = BL_CELL_UNREAD;
  bl_doubt__check (f);
  bl_filing_write_yaml (f, out);
  ck_assert_msg (strstr (out->str, "    doubt: 疑似列错位\n") != NULL, "%s", out->str);
  ck_assert_msg (strstr (out->str, "[210, 卫生健康支出, ~, 150.00, \"?\", 10.00]") != NULL,
                 "%s", out->str);
  back = load (out->str);
  ck_assert_str_eq (((BlTable *) g_ptr_array_index (back->tables, 0))->doubt, "疑似列错位");
  t = g_ptr_array_index (back->tables, 1);
  ck_assert_ptr_null (t->doubt);
  row = g_ptr_array_index (((BlPart *) g_ptr_array_index (t->parts, 0))->rows, 1);
  ck_assert_int_eq (row->cells[1].kind, BL_CELL_UNREAD);
  ck_assert_int_eq (row->cells[0].kind, BL_CELL_NUMBER);
  bl_filing_write_json (back, json);
  ck_assert (strstr (json->str, "\"doubt\":\"疑似列错位\"") != NULL);
  ck_assert (strstr (json->str, "{\"value\":null,\"unread\":true,") != NULL);
}
END_TEST

static Suite *
doubt_suite (void)
{
  Suite *s = suite_create ("doubt");
  TCase *tc = tcase_create ("trusted");

  tcase_add_test (tc, test_doubt_correct_table);
  tcase_add_loop_test (tc, test_doubt_one_error, 0, G_N_ELEMENTS (one_error));
  tcase_add_loop_test (tc, test_doubt_two_errors, 0, G_N_ELEMENTS (two_errors));
  tcase_add_test (tc, test_doubt_three_errors_few_failing);
  tcase_add_test (tc, test_doubt_small_table_two_errors);
  suite_add_tcase (s, tc);

  tc = tcase_create ("codes");
  tcase_add_test (tc, test_doubt_codes_in_amounts);
  tcase_add_test (tc, test_doubt_code_pieces);
  tcase_add_test (tc, test_doubt_integers_not_codes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("shift");
  tcase_add_test (tc, test_doubt_shift_all);
  tcase_add_test (tc, test_doubt_shift_some);
  suite_add_tcase (s, tc);

  tc = tcase_create ("most_failing");
  tcase_add_test (tc, test_doubt_most_failing);
  suite_add_tcase (s, tc);

  tc = tcase_create ("short_totals");
  tcase_add_test (tc, test_doubt_short_totals);
  tcase_add_test (tc, test_doubt_minus_not_short);
  suite_add_tcase (s, tc);

  tc = tcase_create ("unread");
  tcase_add_test (tc, test_doubt_unread_unknown);
  suite_add_tcase (s, tc);

  tc = tcase_create ("gate");
  tcase_add_test (tc, test_doubt_check_notes_once);
  tcase_add_test (tc, test_doubt_check_reader_said_so);
  tcase_add_test (tc, test_doubt_text_reader);
  tcase_add_test (tc, test_doubt_convert_round_trip);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (doubt_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
