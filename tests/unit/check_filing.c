/* Unit tests for loading canonical YAML filings (budgetlint-filing(5)):
 * the bundled samples, and every kind of problem reported with its
 * `file:line:col:` position. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "ledger.h"
#include "input/input.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SAMPLE(name) BL_SRCDIR "/samples/" name

static BlFiling *
load_ok (const char *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (data, len, "t.yaml", &error);
  ck_assert_msg (f != NULL, "load failed: %s", error ? error->message : "?");
  ck_assert_ptr_null (error);
  return f;
}

/* Loads @data, which must fail with BL_ERROR @code; returns the message. */
static char *
load_fail (const char *data, gsize len, int code)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (data, len, "t.yaml", &error);

  if (f != NULL)
    {
      bl_filing_free (f);
      ck_abort_msg ("loaded, but should have failed");
    }
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, BL_ERROR, code),
                 "error %s/%d, expected BL_ERROR/%d: %s",
                 g_quark_to_string (error->domain), error->code, code,
                 error->message);
  return g_strdup (error->message);
}

static void
assert_prefix (const char *message, const char *prefix)
{
  ck_assert_msg (g_str_has_prefix (message, prefix),
                 "message\n  %s\ndoes not start with\n  %s", message, prefix);
}

/* ---- the samples ---------------------------------------------------------- */

typedef struct {
  const char *kind, *title, *label;
  guint rows, parts;
} TableShape;

static void
assert_tables (const BlFiling *f, const TableShape *shape, guint n, BlUnit unit)
{
  ck_assert_uint_eq (bl_filing_get_n_tables (f), n);
  for (guint i = 0; i < n; i++)
    {
      const BlTable *t = bl_filing_get_table (f, i);
      ck_assert_str_eq (bl_table_get_kind (t), shape[i].kind);
      ck_assert_str_eq (bl_table_get_title (t), shape[i].title);
      ck_assert_str_eq (bl_table_get_label (t), shape[i].label);
      ck_assert_msg (bl_table_get_n_rows (t) == shape[i].rows,
                     "%s: %u rows, expected %u", shape[i].kind,
                     bl_table_get_n_rows (t), shape[i].rows);
      ck_assert_uint_eq (t->parts->len, shape[i].parts);
      ck_assert_int_eq (bl_table_get_unit (t), unit);
      ck_assert (bl_filing_find_table (f, shape[i].kind) == t);
    }
}

static const TableShape zengdu_tables[] = {
  { "income_expenditure_summary", "收入支出决算总表", "公开01表", 62, 2 },
  { "income", "收入决算表", "公开02表", 6, 1 },
  { "expenditure", "支出决算表", "公开03表", 6, 1 },
  { "fiscal_summary", "财政拨款收入支出决算总表", "公开04表", 64, 2 },
  { "general_budget_expenditure", "一般公共预算财政拨款支出决算表", "公开05表", 6, 1 },
  { "general_budget_basic", "一般公共预算财政拨款基本支出决算明细表", "公开06表", 83, 1 },
  { "government_fund", "政府性基金预算财政拨款收入支出决算表", "公开07表", 1, 1 },
  { "state_capital", "国有资本经营预算财政拨款支出决算表", "公开08表", 1, 1 },
  { "three_public", "财政拨款“三公”经费支出决算表", "公开09表", 1, 1 },
};

static const TableShape daning_tables[] = {
  { "income_expenditure_summary", "收入支出决算总表", "公开01表", 62, 2 },
  { "income", "收入决算表", "公开02表", 27, 1 },
  { "expenditure", "支出决算表", "公开03表", 27, 1 },
  { "fiscal_summary", "财政拨款收入支出决算总表", "公开04表", 64, 2 },
  { "general_budget_expenditure", "一般公共预算财政拨款支出决算表", "公开05表", 24, 1 },
  { "general_budget_economic", "一般公共预算财政拨款支出决算明细表", "公开06表", 111, 1 },
  { "three_public", "财政拨款“三公”经费支出决算表", "公开07表", 1, 1 },
  { "government_fund", "政府性基金预算财政拨款收入支出决算表", "公开08表", 4, 1 },
  { "state_capital", "国有资本经营预算财政拨款支出决算表", "公开09表", 2, 1 },
  { "public_info", "部门决算公开相关信息统计表", "公开10表", 16, 3 },
};

START_TEST (test_filing_load_zengdu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("zengdu-2023.yaml"), &error);

  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (bl_filing_get_path (f), SAMPLE ("zengdu-2023.yaml"));
  ck_assert_str_eq (bl_filing_get_format (f), "yaml");
  ck_assert_str_eq (bl_filing_get_department (f), "随州市曾都区医疗保障服务中心");
  ck_assert_int_eq (bl_filing_get_year (f), 2023);
  ck_assert_str_eq (bl_filing_get_kind (f), "决算");
  assert_tables (f, zengdu_tables, G_N_ELEMENTS (zengdu_tables), BL_UNIT_WAN);
  ck_assert_uint_eq (bl_table_get_line (bl_filing_find_table (f, "income")), 83);
  ck_assert_ptr_null (bl_filing_find_table (f, "public_info"));
}
END_TEST

START_TEST (test_filing_load_daning)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("daning-2022.yaml"), &error);
  const BlTable *t;
  const BlPart *part;

  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (bl_filing_get_department (f), "大宁县医疗保障局");
  ck_assert_int_eq (bl_filing_get_year (f), 2022);
  assert_tables (f, daning_tables, G_N_ELEMENTS (daning_tables), BL_UNIT_YUAN);

  t = bl_filing_find_table (f, "public_info");
  part = g_ptr_array_index (t->parts, 0);
  ck_assert_str_eq (part->name, "一、政府采购情况");
  ck_assert_uint_eq (part->rows->len, 4);
  part = g_ptr_array_index (t->parts, 1);
  ck_assert_str_eq (part->name, "二、机关运行经费");
}
END_TEST

/* Cells keep what was written: precision, the table's unit, and blank
 * apart from 0.00. */
START_TEST (test_filing_cells)
{
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("zengdu-2023.yaml"), NULL);
  const BlTable *t = bl_filing_find_table (f, "income_expenditure_summary");
  const BlPart *in = g_ptr_array_index (t->parts, 0);
  const BlRow *r0 = g_ptr_array_index (in->rows, 0);
  const BlRow *r1 = g_ptr_array_index (in->rows, 1);
  const BlRow *r8 = g_ptr_array_index (in->rows, 8);

  ck_assert_str_eq (in->name, "收入");
  ck_assert_str_eq (r0->label, "一、一般公共预算财政拨款收入");
  ck_assert_int_eq (r0->line_no, 1);
  ck_assert_int_eq (r0->cells[0].kind, BL_CELL_NUMBER);
  ck_assert (r0->cells[0].value.units == 11208440000LL);
  ck_assert_uint_eq (r0->cells[0].value.digits, 2);
  ck_assert_uint_eq (r0->cells[0].value.unit, BL_UNIT_WAN);
  ck_assert_str_eq (r0->cells[0].text, "11,208.44");
  ck_assert_uint_eq (r0->cells[0].pos.line, 18);

  ck_assert_int_eq (r1->cells[0].kind, BL_CELL_NUMBER);
  ck_assert (r1->cells[0].value.units == 0);
  ck_assert_uint_eq (r1->cells[0].value.digits, 2);

  /* `[~, 9, ~]`: a 行次 with no label and no amount. */
  ck_assert_ptr_null (r8->label);
  ck_assert_int_eq (r8->line_no, 9);
  ck_assert_int_eq (r8->cells[0].kind, BL_CELL_BLANK);
  ck_assert_ptr_null (r8->cells[0].text);
}
END_TEST

START_TEST (test_filing_code_tree)
{
  g_autoptr(BlFiling) f = bl_filing_load_file (SAMPLE ("zengdu-2023.yaml"), NULL);
  const BlTable *t = bl_filing_find_table (f, "income");
  const BlRow *r210 = bl_table__row_by_code (t, "210"), *r21013;

  ck_assert_ptr_nonnull (r210);
  ck_assert_ptr_null (r210->same_code);
  ck_assert_ptr_nonnull (r210->children);
  ck_assert_uint_eq (r210->children->len, 2);
  r21013 = g_ptr_array_index (r210->children, 0);
  ck_assert_str_eq (r21013->code, "21013");
  ck_assert (r21013->parent == r210);
  ck_assert_str_eq (((BlRow *) g_ptr_array_index (r21013->children, 0))->code,
                    "2101399");
  ck_assert_ptr_null (bl_table__row_by_code (t, "999"));
  /* finishing again makes the same tree, not one with doubled children */
  bl_table__finish ((BlTable *) t);
  ck_assert_uint_eq (r210->children->len, 2);
  ck_assert (r21013->parent == r210);
}
END_TEST

/* A code in two parts, and twice in one: all of them, in document order. */
START_TEST (test_filing_same_code)
{
  static const char doc[] =
    "budgetlint: 1\n"
    "tables:\n"
    "  - kind: income\n"
    "    parts:\n"
    "      - part: A\n"
    "        columns: [x]\n"
    "        rows: [[210, a1, 1], [21001, a2, 2]]\n"
    "      - part: B\n"
    "        columns: [x]\n"
    "        rows: [[210, b1, 3], [21001, b2, 4]]\n";
  g_autoptr(BlFiling) f = bl_filing_load_data (doc, sizeof doc - 1, "t.yaml", NULL);
  const BlTable *t;
  const BlRow *r;

  ck_assert_ptr_nonnull (f);
  t = bl_filing_find_table (f, "income");
  r = bl_table__row_by_code (t, "210");
  ck_assert_str_eq (r->label, "a1");
  ck_assert_str_eq (r->same_code->label, "b1");
  ck_assert_ptr_null (r->same_code->same_code);
  /* each 款 is the child of the 类 in its own part */
  r = bl_table__row_by_code (t, "21001");
  ck_assert_str_eq (r->parent->label, "a1");
  ck_assert_str_eq (r->same_code->parent->label, "b1");
}
END_TEST

/* Ordinal prefixes a label key drops: every numeral, digits, ①, (一). */
static const char *const ordinal_cases[][2] = {
  { "一、收入", "收入" }, { "二、a", "a" }, { "三、a", "a" }, { "四、a", "a" },
  { "五、a", "a" }, { "六、a", "a" }, { "七、a", "a" }, { "八、a", "a" },
  { "九、a", "a" }, { "十、a", "a" }, { "一百、a", "a" }, { "十〇、a", "a" },
  { "零、a", "a" }, { "12、a", "a" }, { "3.a", "a" }, { "(一)a", "a" },
  { "（二）a", "a" }, { "①a", "a" }, { "１、a", "a" }, { "万、a", "万、a" },
  { "3.5", "3.5" }, { "(甲)a", "(甲)a" }, { "一般公共预算", "一般公共预算" },
};

START_TEST (test_filing_label_key_ordinals)
{
  g_autofree char *key = bl_label_key (ordinal_cases[_i][0]);
  ck_assert_str_eq (key, ordinal_cases[_i][1]);
}
END_TEST

/* ---- small filings --------------------------------------------------------- */

#define HEAD "budgetlint: 1\nunit: 万元\ntables:\n"
/* Line 4 starts the table; rows start at line 7, their '[' in column 9. */
#define TABLE \
  "  - kind: income\n" \
  "    columns: [本年收入合计, 财政拨款收入]\n" \
  "    rows:\n"

START_TEST (test_filing_minimal)
{
  static const char doc[] = HEAD TABLE
    "      - [~, 合计, \"1,000.00\", ~]\n"
    "      - [210, 卫生健康支出, 1000.00, 0.00]\n"
    "      - [21001, 行政运行, 99.8%, －]\n";
  g_autoptr(BlFiling) f = load_ok (doc, strlen (doc));
  const BlTable *t = bl_filing_get_table (f, 0);
  const BlPart *part = g_ptr_array_index (t->parts, 0);
  const BlRow *r0 = g_ptr_array_index (part->rows, 0);
  const BlRow *r1 = g_ptr_array_index (part->rows, 1);
  const BlRow *r2 = g_ptr_array_index (part->rows, 2);

  ck_assert_str_eq (bl_filing_get_path (f), "t.yaml");
  ck_assert_int_eq (bl_filing_get_year (f), 0);
  ck_assert_uint_eq (bl_table_get_n_rows (t), 3);
  ck_assert_str_eq (bl_table_get_title (t), "收入决算表");   /* the kind's */
  ck_assert_ptr_null (bl_table_get_label (t));
  ck_assert_uint_eq (bl_table_get_line (t), 4);
  ck_assert_ptr_null (r0->code);
  ck_assert_int_eq (r0->cells[1].kind, BL_CELL_BLANK);
  ck_assert_int_eq (r1->cells[1].kind, BL_CELL_NUMBER);
  ck_assert_uint_eq (r1->pos.line, 8);
  ck_assert_uint_eq (r1->pos.col, 9);
  ck_assert_int_eq (r2->cells[0].kind, BL_CELL_NUMBER);
  ck_assert_uint_eq (r2->cells[0].value.unit, BL_UNIT_PERCENT);
  /* A dash written as it stands is blank too, and keeps its text. */
  ck_assert_int_eq (r2->cells[1].kind, BL_CELL_BLANK);
  ck_assert_str_eq (r2->cells[1].text, "－");
}
END_TEST

/* Column units: scores and counts are not money (unit: none); a figure
 * written with its unit keeps it.  convert writes both back. */
START_TEST (test_filing_column_units)
{
  static const char doc[] = HEAD
    "  - kind: income\n"
    "    columns: [本年收入合计, {name: 财政拨款收入, unit: none}]\n"
    "    rows:\n"
    "      - [210, 卫生健康支出, 12.50元, 80]\n"
    "      - [21001, 行政运行, 1.00, 90]\n";
  g_autoptr(BlFiling) f = load_ok (doc, strlen (doc));
  const BlPart *part = g_ptr_array_index (bl_filing_get_table (f, 0)->parts, 0);
  const BlRow *r0 = g_ptr_array_index (part->rows, 0);
  const BlRow *r1 = g_ptr_array_index (part->rows, 1);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(BlFiling) again = NULL;
  const BlRow *a0;

  ck_assert_uint_eq (r0->cells[0].value.unit, BL_UNIT_YUAN);
  ck_assert_uint_eq (r1->cells[0].value.unit, bl_filing_get_table (f, 0)->unit);
  ck_assert_uint_eq (r0->cells[1].value.unit, BL_UNIT_NONE);
  bl_filing_write_yaml (f, out);
  ck_assert_ptr_nonnull (strstr (out->str, "{name: 财政拨款收入, unit: none}"));
  again = load_ok (out->str, out->len);
  a0 = g_ptr_array_index (((BlPart *) g_ptr_array_index (bl_filing_get_table (again, 0)->parts, 0))->rows, 0);
  ck_assert_uint_eq (a0->cells[0].value.unit, BL_UNIT_YUAN);
  ck_assert_uint_eq (a0->cells[1].value.unit, BL_UNIT_NONE);
}
END_TEST

/* Text without layout: the 06 table of 大宁 2022 is printed as four
 * blocks side by side (人员经费 | 公用经费 | …) with no 栏次 line, wrapped
 * names, doubled codes and numbers glued to the next code.  Read as a
 * stream, every coded row keeps its own figures; blank cells stay blank. */
START_TEST (test_filing_text_blocks)
{
  static const struct { const char *code, *amount, *basic; } want[] = {
    { "301", "2315122.76", "2315122.76" }, { "302", "986951.60", "210557.60" },
    { "30207", "23989.00", "3989.00" },   { "30202", "134000.00", NULL },
    { "31011", NULL, NULL },              { "30307", "9800425.60", NULL },
  };
  const char *path = BL_SRCDIR "/tests/corpus/text/daning-yibaoju-2022.txt";
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = NULL;
  const BlTable *t;
  const BlPart *part;

  ck_assert_msg (g_file_test (path, G_FILE_TEST_EXISTS), "%s is missing from the repository", path);
  f = bl_filing_load_file (path, &error);
  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  t = bl_filing_find_table (f, "general_budget_economic");
  ck_assert_ptr_nonnull (t);
  part = g_ptr_array_index (t->parts, 0);
  ck_assert_uint_eq (part->rows->len, 111);    /* 109 codes, two 合计 */
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const BlRow *r = NULL;
      for (guint k = 0; k < part->rows->len && r == NULL; k++)
        {
          const BlRow *c = g_ptr_array_index (part->rows, k);
          if (g_strcmp0 (c->code, want[i].code) == 0)
            r = c;
        }
      ck_assert_msg (r != NULL, "%s not read", want[i].code);
      for (guint c = 0; c < 2; c++)
        {
          const char *w = c ? want[i].basic : want[i].amount;
          if (w == NULL)
            ck_assert_int_eq (r->cells[c].kind, BL_CELL_BLANK);
          else
            ck_assert_str_eq (r->cells[c].text, w);
        }
    }
}
END_TEST

/* A filing that names no template family gets the one its tables fill:
 * Shanghai's nine unlabelled tables are also among Sichuan's thirteen, and
 * the family that lacks none of them wins; two tables fit no family. */
START_TEST (test_filing_family_inferred)
{
  static const char *const shanghai[] = {
    "income_expenditure_summary", "income", "expenditure", "fiscal_summary",
    "general_budget_expenditure", "general_budget_basic", "three_public",
    "government_fund", "state_capital",
  };
  g_autoptr(GString) doc = g_string_new ("budgetlint: 1\nunit: 万元\ntables:\n");
  g_autoptr(BlFiling) all = NULL, two = NULL;
  gsize two_len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (shanghai); i++)
    {
      g_string_append_printf (doc, "  - kind: %s\n    columns: [金额]\n    rows: []\n",
                              shanghai[i]);
      if (i == 1)
        two_len = doc->len;
    }
  all = load_ok (doc->str, doc->len);
  ck_assert_str_eq (all->template_name, "shanghai-2024");
  ck_assert (all->template_inferred);
  two = load_ok (doc->str, two_len);
  ck_assert_ptr_null (two->template_name);
}
END_TEST

/* What convert writes reads back, whatever the text holds: YAML indicators
 * at the start, control characters (a PDF's form feed) in labels, column
 * names and unread cells, a part without columns. */
START_TEST (test_filing_write_odd_text)
{
  static const char doc[] = HEAD
    "  - kind: income\n"
    "    columns: [本年收入合计, {name: \"c\\x08d\"}]\n"
    "    rows:\n"
    "      - [~, \"?问\", 1.00, 2.00]\n"
    "      - [~, \"a\\fb\", 1.00, 2.00]\n"
    "  - kind: public_info\n"
    "    parts:\n"
    "      - part: 空\n"
    "        columns: []\n"
    "        rows: []\n";
  g_autoptr(BlFiling) f = load_ok (doc, strlen (doc));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(BlFiling) back = NULL;
  const BlPart *part;

  bl_filing_write_yaml (f, out);
  back = load_ok (out->str, out->len);
  part = g_ptr_array_index (bl_filing_get_table (back, 0)->parts, 0);
  ck_assert_str_eq (((BlRow *) g_ptr_array_index (part->rows, 0))->label, "?问");
  ck_assert_str_eq (((BlRow *) g_ptr_array_index (part->rows, 1))->label, "a\fb");
  ck_assert_str_eq (((BlColumn *) g_ptr_array_index (part->columns, 1))->name, "c\bd");
  ck_assert_uint_eq (bl_filing_get_n_tables (back), 2);
}
END_TEST

/* @data need not be NUL-terminated: only @len bytes are read. */
START_TEST (test_filing_not_nul_terminated)
{
  static const char doc[] = HEAD TABLE
    "      - [210, 卫生健康支出, 1000.00, 0.00]\n"
    "      - [210, this row lies beyond len]\n";
  const char *cut = strstr (doc, "      - [210, this");
  g_autoptr(BlFiling) f = load_ok (doc, (gsize) (cut - doc));

  ck_assert_uint_eq (bl_table_get_n_rows (bl_filing_get_table (f, 0)), 1);
}
END_TEST

START_TEST (test_filing_bom)
{
  static const char doc[] = "\xef\xbb\xbf" HEAD TABLE
    "      - [210, 卫生健康支出, 1000.00, 0.00]\n";
  static const char bad[] = "\xef\xbb\xbf" HEAD TABLE
    "      - [210, 卫生健康支出, 1000.00, 0.0x]\n";
  g_autoptr(BlFiling) f = load_ok (doc, strlen (doc));
  g_autoptr(BlFiling) g = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *path = NULL;
  int fd;

  ck_assert_uint_eq (bl_filing_get_n_tables (f), 1);
  ck_assert_uint_eq (bl_table_get_n_rows (bl_filing_get_table (f, 0)), 1);

  /* Positions are those a reader of the file sees. */
  msg = load_fail (bad, strlen (bad), BL_ERROR_INPUT);
  ck_assert_str_eq (msg, "t.yaml:7:32: '0.0x' is not a number");

  fd = g_file_open_tmp ("check_filing-XXXXXX.yaml", &path, NULL);
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (write (fd, doc, strlen (doc)), (int) strlen (doc));
  close (fd);
  g = bl_filing_load_file (path, &error);
  g_unlink (path);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (bl_filing_get_n_tables (g), 1);
}
END_TEST

START_TEST (test_filing_binary)
{
  static const char doc[] = "budgetlint: 1\ntables: []\n\0\x01\x02";
  g_autofree char *msg = load_fail (doc, sizeof doc - 1, BL_ERROR_INPUT);
  /* the NUL opens line 3, after 14 + 11 bytes */
  ck_assert_str_eq (msg, "t.yaml:3:1: 二进制数据，不是报表：第 26 字节是 NUL"
                         "（binary data, not a filing）");
}
END_TEST

/* A byte that reads as nothing is placed where it is: line, column in
 * characters, and its byte number in the file. */
#define BAD_BYTE(doc, gb, where, msg) { doc, sizeof doc - 1, gb, where, msg }
static const struct {
  const char *doc;
  gsize len;
  gboolean gb18030;       /* @doc is given in UTF-8, the file in GB18030 */
  const char *where;      /* line:col of the bad byte */
  const char *message;    /* after `t.yaml:line:col: `; # its byte number */
} bad_byte_cases[] = {
  /* libyaml said 1:1 whatever the place */
  BAD_BYTE ("budgetlint: 1\ndepartment: 某局\xff\n", FALSE, "2:15",
            "YAML: 第 # 字节 0xFF 无法读出（invalid leading UTF-8 octet）"),
  BAD_BYTE ("budgetlint: 1\ndepartment: 某局\x01\n", FALSE, "2:15",
            "YAML: 第 # 字节 0x01 无法读出（control characters are not allowed）"),
  /* text, in either encoding, with a byte of neither */
  BAD_BYTE ("收入支出决算总表\n单位：万元\n合计 12\xff.00\n", FALSE, "3:6",
            "既不是 UTF-8 也不是 GB18030 文本：第 # 字节 0xFF 无法读出"
            "（neither UTF-8 nor GB18030 text）"),
  BAD_BYTE ("收入支出决算总表\n单位：万元\n合计 12\xff.00\n", TRUE, "3:6",
            "既不是 UTF-8 也不是 GB18030 文本：第 # 字节 0xFF 无法读出"
            "（neither UTF-8 nor GB18030 text）"),
  BAD_BYTE ("收入支出决算总表\n单位：万元\n合计 12\0.00\n", FALSE, "3:6",
            "二进制数据，不是报表：第 # 字节是 NUL（binary data, not a filing）"),
};

/* Case @i's file: its text as given, or in GB18030 around its 0xFF
 * (a byte of no encoding here). */
static GBytes *
bad_byte_doc (guint i)
{
  const char *doc = bad_byte_cases[i].doc, *cut;
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  GString *s;

  if (!bad_byte_cases[i].gb18030)
    return g_bytes_new (doc, bad_byte_cases[i].len);
  cut = strchr (doc, '\xff');
  head = g_convert (doc, cut - doc, "GB18030", "UTF-8", NULL, NULL, NULL);
  tail = g_convert (cut + 1, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  s = g_string_new (head);
  g_string_append_c (s, '\xff');
  g_string_append (s, tail);
  return g_string_free_to_bytes (s);
}

START_TEST (test_filing_bad_byte_position)
{
  g_autoptr(GBytes) doc = bad_byte_doc (_i);
  gsize len;
  const char *data = g_bytes_get_data (doc, &len);
  const char *bad = memchr (data, '\xff', len);
  g_autofree char *msg = load_fail (data, len, BL_ERROR_INPUT);
  g_autofree char *number = NULL;
  g_autoptr(GString) want = g_string_new ("t.yaml:");

  if (bad == NULL)
    bad = memchr (data, '\x01', len);
  if (bad == NULL)
    bad = memchr (data, '\0', len);
  number = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (bad - data) + 1);
  g_string_append_printf (want, "%s: %s", bad_byte_cases[_i].where,
                          bad_byte_cases[_i].message);
  g_string_replace (want, "#", number, 1);
  ck_assert_str_eq (msg, want->str);
}
END_TEST

START_TEST (test_filing_missing_file)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_file (BL_SRCDIR "/samples/no-such-file.yaml", &error);

  ck_assert_ptr_null (f);
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
}
END_TEST

/* @n bytes: @head, then @line over and over (cut at the end). */
static char *
filled (const char *head, const char *line, gsize n)
{
  char *s = g_malloc (n);
  gsize h = strlen (head), l = strlen (line);

  memcpy (s, head, MIN (h, n));
  for (gsize i = h; i < n; i += l)
    memcpy (s + i, line, MIN (l, n - i));
  return s;
}

static char *
too_large (const char *name, guint64 size, guint64 limit)
{
  return g_strdup_printf ("%s: 文件过大（%" G_GUINT64_FORMAT " 字节），超过 %"
                          G_GUINT64_FORMAT " MiB 的上限，不予读取（file too large）",
                          name, size, limit >> 20);
}

/* Text and YAML over their limit are refused before they are read; a
 * PDF that size is not (its own limit is larger), and a file over that
 * is refused before a byte of it is read. */
START_TEST (test_filing_size_limit)
{
  gsize n = BL_INPUT_MAX_TEXT + 1;
  g_autofree char *text = filled ("", "本部门决算收入合计 100.00 万元。\n", n);
  g_autofree char *yaml = filled ("budgetlint: 1\n", "# 注释\n", n);
  g_autofree char *pdf = filled ("%PDF-1.4\n", "% x\n", n);
  g_autofree char *want = too_large ("t.yaml", n, BL_INPUT_MAX_TEXT);
  g_autofree char *m1 = load_fail (text, n, BL_ERROR_INPUT);
  g_autofree char *m2 = load_fail (yaml, n, BL_ERROR_INPUT);
  g_autofree char *m3 = load_fail (pdf, n, BL_ERROR_INPUT);
  g_autofree char *path = NULL;
  g_autofree char *want_file = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  ck_assert_str_eq (m1, want);
  ck_assert_str_eq (m2, want);
  ck_assert_msg (strstr (m3, "文件过大") == NULL, "%s", m3);

  fd = g_file_open_tmp ("check_filing-XXXXXX.pdf", &path, NULL);
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (ftruncate (fd, (off_t) BL_INPUT_MAX_BINARY + 1), 0);
  close (fd);
  ck_assert_ptr_null (bl_filing_load_file (path, &error));
  g_unlink (path);
  want_file = too_large (path, BL_INPUT_MAX_BINARY + 1, BL_INPUT_MAX_BINARY);
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT));
  ck_assert_str_eq (error->message, want_file);
}
END_TEST

/* ---- errors ------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *doc;
  int code;
  const char *message;   /* exact, or the prefix when @prefix */
  gboolean prefix;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "malformed YAML",
    "budgetlint: 1\nfoo: bar: baz\n", BL_ERROR_INPUT,
    "t.yaml:2:9: YAML: mapping values are not allowed in this context", FALSE },
  { "unclosed flow sequence",
    HEAD TABLE "      - [210, 卫生健康支出, 1.00, 2.00\n", BL_ERROR_INPUT,
    "t.yaml:8:1: YAML: did not find expected ',' or ']'", TRUE },
  /* Without `budgetlint:` no reader claims the bytes: there is no
   * position to name. */
  { "empty file", "", BL_ERROR_UNSUPPORTED,
    "t.yaml: not a recognised filing", TRUE },
  { "no budgetlint key",
    "department: x\ntables: []\n", BL_ERROR_UNSUPPORTED,
    "t.yaml: not a recognised filing", TRUE },
  { "wrong version",
    "budgetlint: 2\ntables: []\n", BL_ERROR_INPUT,
    "t.yaml:1:1: not a budgetlint filing: 'budgetlint: 1' is missing", FALSE },
  /* The probe sees the words at the start of a line, inside a string. */
  { "budgetlint key only inside a string",
    "source: \"a\nbudgetlint: 1\"\ntables: []\n", BL_ERROR_INPUT,
    "t.yaml:1:1: not a budgetlint filing: 'budgetlint: 1' is missing", FALSE },
  { "only the header",
    "budgetlint: 1\n", BL_ERROR_INPUT,
    "t.yaml:1:1: 'tables' must be a list of tables", FALSE },
  { "unknown table kind",
    "budgetlint: 1\ntables:\n  - kind: incom\n    columns: [a]\n    rows: []\n",
    BL_ERROR_INPUT,
    "t.yaml:3:11: unknown table kind 'incom' (known: "
    "income_expenditure_summary, income, ", TRUE },
  { "wrong number of cells",
    HEAD TABLE
    "      - [210, 卫生健康支出, 1.00, 2.00]\n"
    "      - [21001, 行政运行, 1.00]\n", BL_ERROR_INPUT,
    "t.yaml:8:9: row has 3 fields; expected 4 (2 keys + 2 columns)", FALSE },
  { "number that does not parse",
    HEAD TABLE "      - [210, 卫生健康支出, 1.00, 12a]\n", BL_ERROR_INPUT,
    "t.yaml:7:29: '12a' is not a number", FALSE },
  { "misplaced separators",
    HEAD TABLE "      - [210, 卫生健康支出, \"1,22.00\", 2]\n", BL_ERROR_INPUT,
    "t.yaml:7:23: '1,22.00' has misplaced thousands separators", FALSE },
  { "too many decimals",
    HEAD TABLE "      - [210, 卫生健康支出, 0.1234567, 2]\n", BL_ERROR_INPUT,
    "t.yaml:7:23: '0.1234567' has more than 6 decimal places", FALSE },
  { "duplicate row code",
    HEAD TABLE
    "      - [210, 卫生健康支出, 1.00, 2.00]\n"
    "      - [21001, 行政运行, 1.00, 2.00]\n"
    "      - [210, 卫生健康, 1.00, 2.00]\n", BL_ERROR_INPUT,
    "t.yaml:9:9: duplicate row code 210 (first at line 7)", FALSE },
  { "bad filing unit",
    "budgetlint: 1\nunit: 千元\ntables: []\n", BL_ERROR_INPUT,
    "t.yaml:2:7: unit must be 元, 万元 or 亿元, not '千元'", FALSE },
  { "percent is no table unit",
    "budgetlint: 1\ntables:\n  - kind: income\n    unit: '%'\n"
    "    columns: [a]\n    rows: []\n", BL_ERROR_INPUT,
    "t.yaml:4:11: unit must be 元, 万元 or 亿元, not '%'", FALSE },
  { "bad code",
    HEAD TABLE "      - [2-10, 卫生健康支出, 1.00, 2.00]\n", BL_ERROR_INPUT,
    "t.yaml:7:10: 科目编码 '2-10' is not a code", FALSE },
  { "cell is a list",
    HEAD TABLE "      - [210, 卫生健康支出, [1], 2.00]\n", BL_ERROR_INPUT,
    "t.yaml:7:23: a cell must be a number or blank", FALSE },
  { "bad kind of filing",
    "budgetlint: 1\nkind: 结算\ntables: []\n", BL_ERROR_INPUT,
    "t.yaml:2:7: kind must be 决算 or 预算, not '结算'", FALSE },
  { "bad year",
    "budgetlint: 1\nyear: 二〇二三\ntables: []\n", BL_ERROR_INPUT,
    "t.yaml:2:7: year '二〇二三' is not a year", FALSE },
};

START_TEST (test_filing_errors)
{
  const ErrorCase *c = &error_cases[_i];
  g_autofree char *msg = NULL;

  msg = load_fail (c->doc, strlen (c->doc), c->code);
  if (c->prefix)
    assert_prefix (msg, c->message);
  else
    ck_assert_msg (strcmp (msg, c->message) == 0,
                   "%s:\n  got      %s\n  expected %s", c->name, msg,
                   c->message);
}
END_TEST

START_TEST (test_filing_not_a_mapping)
{
  static const char seq[] = "budgetlint:\n- 1\ntables: []\n";
  static const char scalar[] = "\"a\nbudgetlint: 1\"\n";
  g_autofree char *m1 = load_fail (seq, strlen (seq), BL_ERROR_INPUT);
  g_autofree char *m2 = load_fail (scalar, strlen (scalar), BL_ERROR_INPUT);

  ck_assert_str_eq (m1, "t.yaml:2:1: 'budgetlint' must be a scalar\n"
                    "t.yaml:1:1: not a budgetlint filing: 'budgetlint: 1' is missing");
  ck_assert_str_eq (m2, "t.yaml:1:1: a filing must be a mapping");
}
END_TEST

/* Several problems at once: all are reported, one per line, in document
 * order (duplicate codes once the part has been read). */
START_TEST (test_filing_several_problems)
{
  static const char doc[] =
    "budgetlint: 1\n"                                   /* 1 */
    "unit: 千元\n"                                       /* 2 */
    "tables:\n"                                         /* 3 */
    "  - kind: incom\n"                                 /* 4 */
    "    columns: [a]\n"                                /* 5 */
    "    rows: []\n"                                    /* 6 */
    TABLE                                               /* 7-9 */
    "      - [210, 卫生健康支出, 1.00, 2.00]\n"            /* 10 */
    "      - [21001, 行政运行, 1.00]\n"                   /* 11 */
    "      - [21002, 一般行政管理事务, x, 2.00]\n"          /* 12 */
    "      - [210, 卫生健康, 1.00, 2.00]\n";              /* 13 */
  g_autofree char *msg = load_fail (doc, strlen (doc), BL_ERROR_INPUT);
  g_auto(GStrv) lines = g_strsplit (msg, "\n", -1);

  ck_assert_uint_eq (g_strv_length (lines), 5);
  ck_assert_str_eq (lines[0], "t.yaml:2:7: unit must be 元, 万元 or 亿元, not '千元'");
  assert_prefix (lines[1], "t.yaml:4:11: unknown table kind 'incom' (known: ");
  ck_assert_str_eq (lines[2], "t.yaml:11:9: row has 3 fields; expected 4 (2 keys + 2 columns)");
  ck_assert_str_eq (lines[3], "t.yaml:12:27: 'x' is not a number");
  ck_assert_str_eq (lines[4], "t.yaml:13:9: duplicate row code 210 (first at line 10)");
}
END_TEST

/* Past BL_PROBLEMS_MAX, the rest are counted, not listed. */
START_TEST (test_filing_too_many_problems)
{
  g_autoptr(GString) doc = g_string_new (HEAD TABLE);
  g_autofree char *msg = NULL;
  g_auto(GStrv) lines = NULL;

  for (int i = 0; i < 60; i++)
    g_string_append_printf (doc, "      - [%d, 行, x%d, 1]\n", 100 + i, i);
  msg = load_fail (doc->str, doc->len, BL_ERROR_INPUT);
  lines = g_strsplit (msg, "\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 51);
  ck_assert_str_eq (lines[0], "t.yaml:7:18: 'x0' is not a number");
  ck_assert_str_eq (lines[49], "t.yaml:56:18: 'x49' is not a number");
  ck_assert_str_eq (lines[50], "t.yaml: 10 more problems not shown");
}
END_TEST

/* Anchors and aliases are YAML, and they work... */
START_TEST (test_filing_aliases)
{
  static const char doc[] =
    "budgetlint: 1\n"
    "unit: &u 万元\n"
    "tables:\n"
    "  - kind: income\n"
    "    unit: *u\n"
    "    columns: &c [a, b]\n"
    "    rows:\n"
    "      - &row [210, x, 1.00, 2.00]\n"
    "      - [211, y, 1.00, 2.00]\n"
    "  - {kind: expenditure, columns: *c, rows: [*row]}\n";
  g_autoptr(BlFiling) f = load_ok (doc, strlen (doc));
  const BlTable *t = bl_filing_find_table (f, "expenditure");
  const BlRow *row;

  ck_assert_uint_eq (bl_filing_get_n_tables (f), 2);
  ck_assert_int_eq (bl_table_get_unit (bl_filing_get_table (f, 0)), BL_UNIT_WAN);
  ck_assert_uint_eq (bl_table_get_n_rows (bl_filing_get_table (f, 0)), 2);
  ck_assert_uint_eq (bl_table_get_n_rows (t), 1);
  row = g_ptr_array_index (((BlPart *) g_ptr_array_index (t->parts, 0))->rows, 0);
  ck_assert_str_eq (row->code, "210");
  ck_assert (row->cells[1].value.units == 2000000);
}
END_TEST

/* ...but not to make a few kilobytes stand for a billion cells. */
START_TEST (test_filing_alias_amplification)
{
  g_autoptr(GString) doc = g_string_new (
      "budgetlint: 1\n"
      "tables:\n"
      "  - &t\n"
      "    kind: income\n"
      "    keys: []\n"
      "    parts:\n"
      "      - &p\n"
      "        part: x\n"
      "        columns: [");
  g_autofree char *msg = NULL;
  const int n = 150;   /* 150^4 cells from 7 KB */

  for (int i = 0; i < n; i++)
    g_string_append_printf (doc, "%sc%d", i ? ", " : "", i);
  g_string_append (doc, "]\n        rows: &r\n          - &row [");
  for (int i = 0; i < n; i++)
    g_string_append (doc, i ? ", 1" : "1");
  g_string_append (doc, "]\n");
  for (int i = 1; i < n; i++)
    g_string_append (doc, "          - *row\n");
  for (int i = 1; i < n; i++)
    g_string_append (doc, "      - *p\n");
  for (int i = 1; i < n; i++)
    g_string_append (doc, "  - *t\n");

  msg = load_fail (doc->str, doc->len, BL_ERROR_INPUT);
  ck_assert_str_eq (msg, "t.yaml:7:9: the filing has more than 1000000 cells");
}
END_TEST

static Suite *
filing_suite (void)
{
  Suite *s = suite_create ("filing");
  TCase *tc;

  tc = tcase_create ("samples");
  tcase_add_test (tc, test_filing_load_zengdu);
  tcase_add_test (tc, test_filing_load_daning);
  tcase_add_test (tc, test_filing_cells);
  tcase_add_test (tc, test_filing_code_tree);
  tcase_add_test (tc, test_filing_same_code);
  tcase_add_loop_test (tc, test_filing_label_key_ordinals, 0, G_N_ELEMENTS (ordinal_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("load");
  tcase_add_test (tc, test_filing_minimal);
  tcase_add_test (tc, test_filing_column_units);
  tcase_add_test (tc, test_filing_text_blocks);
  tcase_add_test (tc, test_filing_family_inferred);
  tcase_add_test (tc, test_filing_write_odd_text);
  tcase_add_test (tc, test_filing_not_nul_terminated);
  tcase_add_test (tc, test_filing_bom);
  tcase_add_test (tc, test_filing_binary);
  tcase_add_loop_test (tc, test_filing_bad_byte_position, 0, G_N_ELEMENTS (bad_byte_cases));
  tcase_add_test (tc, test_filing_missing_file);
  tcase_add_test (tc, test_filing_size_limit);
  tcase_add_test (tc, test_filing_aliases);
  tcase_add_test (tc, test_filing_alias_amplification);
  suite_add_tcase (s, tc);

  tc = tcase_create ("errors");
  tcase_add_loop_test (tc, test_filing_errors, 0, G_N_ELEMENTS (error_cases));
  tcase_add_test (tc, test_filing_not_a_mapping);
  tcase_add_test (tc, test_filing_several_problems);
  tcase_add_test (tc, test_filing_too_many_problems);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (filing_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
