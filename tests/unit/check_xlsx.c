/* Unit tests for the XLSX reader (bl_xlsx_grid_read): workbooks written
 * by libxlsxwriter as a filer's spreadsheet would be, hand-made packages
 * for what libxlsxwriter never writes (no r attributes, prefixes, phonetic
 * runs, float noise), and corrupt or hostile input. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "input/input.h"
#include "ledger.h"

#include <glib/gstdio.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------- */

static char *tmpdir;

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("check_xlsx-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
teardown (void)
{
  const char *name;
  GDir *dir = g_dir_open (tmpdir, 0, NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (tmpdir, name, NULL);
      g_unlink (file);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static BlGrid *
read_ok (const char *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  BlGrid *g = bl_xlsx_grid_read (data, len, "t.xlsx", &error);

  ck_assert_msg (g != NULL, "read failed: %s", error ? error->message : "?");
  ck_assert_ptr_null (error);
  return g;
}

static BlGrid *
read_file_ok (const char *file)
{
  g_autofree char *data = NULL;
  gsize len;

  ck_assert (g_file_get_contents (file, &data, &len, NULL));
  return read_ok (data, len);
}

/* Reads @data, which must fail with BL_ERROR_INPUT; returns the message. */
static char *
read_fail (const char *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  BlGrid *g = bl_xlsx_grid_read (data, len, "t.xlsx", &error);

  if (g != NULL)
    {
      bl_grid_free (g);
      ck_abort_msg ("read, but should have failed");
    }
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT),
                 "error %s/%d: %s", g_quark_to_string (error->domain),
                 error->code, error->message);
  ck_assert_msg (g_str_has_prefix (error->message, "t.xlsx: "),
                 "no file name: %s", error->message);
  return g_strdup (error->message);
}

static const BlGridCell *
find_cell (const BlGrid *g, const char *sheet, const char *ref)
{
  for (guint i = 0; i < g->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (g->rows, i);
      for (guint k = 0; k < row->cells->len; k++)
        {
          const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
          if (strcmp (row->sheet, sheet) == 0 && strcmp (c->ref, ref) == 0)
            return c;
        }
    }
  return NULL;
}

#define assert_cell(g, sheet, ref, text, x0, x1) \
  assert_cell_at (g, sheet, ref, text, x0, x1, __LINE__)

static void
assert_cell_at (const BlGrid *g, const char *sheet, const char *ref,
                const char *text, int x0, int x1, int line)
{
  const BlGridCell *c = find_cell (g, sheet, ref);

  ck_assert_msg (c != NULL, "line %d: no cell %s!%s", line, sheet, ref);
  ck_assert_msg (strcmp (c->text, text) == 0, "line %d: %s!%s is '%s', not '%s'",
                 line, sheet, ref, c->text, text);
  ck_assert_msg (c->x0 == x0 && c->x1 == x1, "line %d: %s!%s spans %g-%g, "
                 "not %d-%d", line, sheet, ref, c->x0, c->x1, x0, x1);
  ck_assert_str_eq (c->pos.sheet, sheet);
}

/* One line a row, "sheet:line: ref=text …", a span shown as "ref+n";
 * checks on the way that every cell agrees with its row and its ref. */
static char *
dump (const BlGrid *g)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (g->rows, i);
      ck_assert_uint_gt (row->cells->len, 0);
      g_string_append_printf (s, "%s:%u:", row->sheet, row->line);
      for (guint k = 0; k < row->cells->len; k++)
        {
          const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
          int col = 0;
          for (const char *p = c->ref; g_ascii_isupper (*p); p++)
            col = col * 26 + (*p - 'A' + 1);
          ck_assert_int_eq ((int) c->x0, col - 1);
          ck_assert_int_eq (c->pos.line, row->line);
          ck_assert_ptr_eq (c->pos.sheet, row->sheet);
          ck_assert_str_ne (c->text, "");
          g_string_append_printf (s, " %s", c->ref);
          if (c->x1 - c->x0 != 1)
            g_string_append_printf (s, "+%g", c->x1 - c->x0);
          g_string_append_printf (s, "=%s", c->text);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* ---- workbooks written by libxlsxwriter ----------------------------------- */

#define OK(call) ck_assert_int_eq ((call), LXW_NO_ERROR)

/* 收入支出决算总表: a two-sided statement under merged headers. */
static void
write_summary (lxw_workbook *wb, lxw_format *blank, lxw_format *money)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, "收入支出决算总表");

  OK (worksheet_merge_range (ws, 0, 0, 0, 5, "收入支出决算总表", NULL));
  OK (worksheet_write_string (ws, 1, 0, "公开01表", NULL));
  OK (worksheet_write_string (ws, 1, 5, "单位：万元", NULL));
  OK (worksheet_merge_range (ws, 2, 0, 2, 2, "收入", NULL));
  OK (worksheet_merge_range (ws, 2, 3, 2, 5, "支出", NULL));
  const char *head[] = { "项目", "行次", "金额", "项目", "行次", "金额" };
  for (int c = 0; c < 6; c++)
    OK (worksheet_write_string (ws, 3, (lxw_col_t) c, head[c], NULL));
  OK (worksheet_write_string (ws, 4, 0, "一、一般公共预算财政拨款收入", NULL));
  OK (worksheet_write_number (ws, 4, 1, 1, NULL));
  OK (worksheet_write_number (ws, 4, 2, 11229.01, money));
  OK (worksheet_write_string (ws, 4, 3, "一、一般公共服务支出", NULL));
  OK (worksheet_write_number (ws, 4, 4, 32, NULL));
  OK (worksheet_write_number (ws, 4, 5, 11229.01, NULL));
  OK (worksheet_write_string (ws, 5, 0, "二、政府性基金预算财政拨款收入", NULL));
  OK (worksheet_write_number (ws, 5, 1, 2, NULL));
  OK (worksheet_write_number (ws, 5, 2, 0, money));
  for (int c = 3; c < 6; c++)
    OK (worksheet_write_blank (ws, 5, (lxw_col_t) c, blank));
  for (int c = 0; c < 6; c++)            /* row 7: formatted, but empty */
    OK (worksheet_write_blank (ws, 6, (lxw_col_t) c, blank));
  OK (worksheet_write_string (ws, 7, 0, "  本年收入合计\u3000", NULL));
  OK (worksheet_write_formula_num (ws, 7, 2, "=C5+C6", NULL, 11229.01));
  OK (worksheet_write_string (ws, 7, 3, "本年支出合计", NULL));
  OK (worksheet_write_formula_num (ws, 7, 5, "=F5", NULL, 11229.01));
}

/* 收入决算表: 科目编码 as text and as numbers, six decimals, percentages
 * through a built-in and a custom format, rich text, a line break. */
static void
write_revenue (lxw_workbook *wb, lxw_format *pct2, lxw_format *pct1,
               lxw_format *bold, lxw_format *money)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, "收入决算表");
  lxw_rich_string_tuple run1 = { NULL, (char *) "行政" };
  lxw_rich_string_tuple run2 = { bold, (char *) "运行" };
  lxw_rich_string_tuple *runs[] = { &run1, &run2, NULL };

  OK (worksheet_merge_range (ws, 0, 0, 0, 3, "收入决算表", NULL));
  OK (worksheet_write_string (ws, 1, 0, "科目编码", NULL));
  OK (worksheet_write_string (ws, 1, 1, "项目\n(按功能分类)", NULL));
  OK (worksheet_write_string (ws, 1, 2, "本年收入合计", NULL));
  OK (worksheet_write_string (ws, 1, 3, "完成率", NULL));
  OK (worksheet_write_string (ws, 2, 0, "201", NULL));
  OK (worksheet_write_string (ws, 2, 1, "一般公共服务支出", NULL));
  OK (worksheet_write_number (ws, 2, 2, 24.332718, NULL));
  OK (worksheet_write_number (ws, 2, 3, 0.1234, pct2));
  OK (worksheet_write_number (ws, 3, 0, 20101, NULL));
  OK (worksheet_write_string (ws, 3, 1, "人大事务", NULL));
  OK (worksheet_write_number (ws, 3, 2, 12.5, money));
  OK (worksheet_write_number (ws, 3, 3, 0.5, pct1));
  OK (worksheet_write_string (ws, 4, 0, "2010101", NULL));
  OK (worksheet_write_rich_string (ws, 4, 1, runs, NULL));
  OK (worksheet_write_number (ws, 4, 2, 1e-7, NULL));
  OK (worksheet_write_boolean (ws, 4, 3, 1, NULL));
  OK (worksheet_write_string (ws, 5, 1, "合计", NULL));
  OK (worksheet_write_formula_str (ws, 5, 2, "=\"n/a\"", NULL, "n/a"));
}

static char *
write_budget (gboolean inline_strings)
{
  lxw_workbook_options opt = { .constant_memory = inline_strings,
                               .tmpdir = tmpdir };
  char *file = tmp_file (inline_strings ? "inline.xlsx" : "budget.xlsx");
  lxw_workbook *wb = workbook_new_opt (file, &opt);
  lxw_format *blank = workbook_add_format (wb);
  lxw_format *pct2 = workbook_add_format (wb);
  lxw_format *pct1 = workbook_add_format (wb);
  lxw_format *bold = workbook_add_format (wb);
  lxw_format *money = workbook_add_format (wb);

  ck_assert_ptr_nonnull (wb);
  format_set_border (blank, LXW_BORDER_THIN);
  format_set_num_format (pct2, "0.00%");   /* built-in 10 */
  format_set_num_format (pct1, "0.0%");    /* custom 164 */
  format_set_bold (bold);
  format_set_num_format (money, "#,##0.00");   /* built-in 4 */
  write_summary (wb, blank, money);
  write_revenue (wb, pct2, pct1, bold, money);
  OK (workbook_close (wb));
  return file;
}

static void
check_budget (const BlGrid *g)
{
  const char *s1 = "收入支出决算总表", *s2 = "收入决算表";

  ck_assert_str_eq (g->format, "xlsx");
  assert_cell (g, s1, "A1", "收入支出决算总表", 0, 6);
  assert_cell (g, s1, "F2", "单位：万元", 5, 6);
  assert_cell (g, s1, "A3", "收入", 0, 3);
  assert_cell (g, s1, "D3", "支出", 3, 6);
  assert_cell (g, s1, "E4", "行次", 4, 5);
  assert_cell (g, s1, "C5", "11229.01", 2, 3);
  assert_cell (g, s1, "C6", "0.00", 2, 3);
  assert_cell (g, s1, "A8", "本年收入合计", 0, 1);
  assert_cell (g, s1, "C8", "11229.01", 2, 3);
  ck_assert_ptr_null (find_cell (g, s1, "D6"));
  ck_assert_ptr_null (find_cell (g, s1, "B1"));
  assert_cell (g, s2, "A1", "收入决算表", 0, 4);
  assert_cell (g, s2, "B2", "项目 (按功能分类)", 1, 2);
  assert_cell (g, s2, "A3", "201", 0, 1);
  assert_cell (g, s2, "C3", "24.332718", 2, 3);
  assert_cell (g, s2, "D3", "12.34%", 3, 4);
  assert_cell (g, s2, "A4", "20101", 0, 1);
  assert_cell (g, s2, "C4", "12.50", 2, 3);
  assert_cell (g, s2, "D4", "50.0%", 3, 4);
  assert_cell (g, s2, "B5", "行政运行", 1, 2);
  assert_cell (g, s2, "C5", "0.0000001", 2, 3);
  assert_cell (g, s2, "D5", "TRUE", 3, 4);
  assert_cell (g, s2, "C6", "n/a", 2, 3);
}

START_TEST (test_xlsx_budget)
{
  g_autofree char *file = write_budget (FALSE);
  BlGrid *g = read_file_ok (file);
  g_autofree char *text = dump (g);
  const BlGridRow *first = g_ptr_array_index (g->rows, 0);

  check_budget (g);
  ck_assert_str_eq (g->path, "t.xlsx");
  ck_assert_str_eq (first->sheet, "收入支出决算总表");
  ck_assert_uint_eq (first->page, 0);
  /* Sheets in workbook order, rows in sheet order, empty rows dropped. */
  ck_assert_str_eq (text,
    "收入支出决算总表:1: A1+6=收入支出决算总表\n"
    "收入支出决算总表:2: A2=公开01表 F2=单位：万元\n"
    "收入支出决算总表:3: A3+3=收入 D3+3=支出\n"
    "收入支出决算总表:4: A4=项目 B4=行次 C4=金额 D4=项目 E4=行次 F4=金额\n"
    "收入支出决算总表:5: A5=一、一般公共预算财政拨款收入 B5=1 C5=11229.01 "
    "D5=一、一般公共服务支出 E5=32 F5=11229.01\n"
    "收入支出决算总表:6: A6=二、政府性基金预算财政拨款收入 B6=2 C6=0.00\n"
    "收入支出决算总表:8: A8=本年收入合计 C8=11229.01 D8=本年支出合计 "
    "F8=11229.01\n"
    "收入决算表:1: A1+4=收入决算表\n"
    "收入决算表:2: A2=科目编码 B2=项目 (按功能分类) C2=本年收入合计 D2=完成率\n"
    "收入决算表:3: A3=201 B3=一般公共服务支出 C3=24.332718 D3=12.34%\n"
    "收入决算表:4: A4=20101 B4=人大事务 C4=12.50 D4=50.0%\n"
    "收入决算表:5: A5=2010101 B5=行政运行 C5=0.0000001 D5=TRUE\n"
    "收入决算表:6: B6=合计 C6=n/a\n");
  bl_grid_free (g);
}
END_TEST

/* constant_memory mode writes every string inline (t="inlineStr"). */
START_TEST (test_xlsx_inline_strings)
{
  g_autofree char *file = write_budget (TRUE);
  g_autofree char *shared = write_budget (FALSE);
  BlGrid *g = read_file_ok (file), *h = read_file_ok (shared);
  g_autofree char *a = dump (g), *b = dump (h);

  check_budget (g);
  ck_assert_str_eq (a, b);
  bl_grid_free (g);
  bl_grid_free (h);
}
END_TEST

START_TEST (test_xlsx_not_nul_terminated)
{
  g_autofree char *file = write_budget (FALSE);
  g_autofree char *data = NULL;
  gsize len;
  char *copy;
  BlGrid *g;

  ck_assert (g_file_get_contents (file, &data, &len, NULL));
  copy = g_malloc (len);        /* exactly len bytes: ASan sees overreads */
  memcpy (copy, data, len);
  g = read_ok (copy, len);
  check_budget (g);
  bl_grid_free (g);
  g_free (copy);
}
END_TEST

/* ---- hand-made packages -------------------------------------------------- */

#define NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

#define WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<workbook xmlns=\"" NS "\" xmlns:r=\"" NS_R "\"><sheets>" \
  "<sheet name=\"表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Relationships xmlns=\"" NS_PKG "\">" \
  "<Relationship Id=\"rId1\" Type=\"" NS_R "/worksheet\" " \
  "Target=\"worksheets/sheet1.xml\"/>" \
  "<Relationship Id=\"rId2\" Type=\"" NS_R "/sharedStrings\" " \
  "Target=\"sharedStrings.xml\"/>" \
  "<Relationship Id=\"rId3\" Type=\"" NS_R "/styles\" " \
  "Target=\"/xl/styles.xml\"/></Relationships>"
#define SHEET(data) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<worksheet xmlns=\"" NS "\"><sheetData>" data "</sheetData></worksheet>"
#define STRINGS(items) "<sst xmlns=\"" NS "\">" items "</sst>"
/* Styles: 1 built-in 0.00%, 2 custom 0.0%, 3 a literal "%" only, 4
 * built-in #,##0.00, 5 accounting with brackets, 6 built-in 0.00E+00,
 * 7 0.0#.  cellStyleXfs are not what s= indexes. */
#define STYLES \
  "<styleSheet xmlns=\"" NS "\"><numFmts count=\"5\">" \
  "<numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>" \
  "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;%&quot;\"/>" \
  "<numFmt numFmtId=\"166\" formatCode=\"#,##0.00_);[Red]\\(#,##0.00\\)\"/>" \
  "<numFmt numFmtId=\"167\" formatCode=\"0.0#\"/></numFmts>" \
  "<cellStyleXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"10\"/>" \
  "</cellStyleXfs><cellXfs count=\"8\"><xf numFmtId=\"0\"/>" \
  "<xf numFmtId=\"10\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>" \
  "<xf numFmtId=\"4\"/><xf numFmtId=\"166\"/><xf numFmtId=\"11\"/>" \
  "<xf numFmtId=\"167\"/></cellXfs></styleSheet>"

/* The parts of a package; NULL leaves the default, "" leaves it out. */
typedef struct {
  const char *sheet, *strings, *styles, *workbook, *rels;
} Parts;

static char *
write_package (const char *name, const Parts *p)
{
  char *file = tmp_file (name);
  const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                          "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                          "xl/styles.xml" };
  const char *texts[] = { p->workbook ? p->workbook : WORKBOOK,
                          p->rels ? p->rels : RELS, p->sheet,
                          p->strings ? p->strings : STRINGS (""),
                          p->styles ? p->styles : STYLES };
  zip_t *z = zip_open (file, ZIP_CREATE | ZIP_TRUNCATE, NULL);

  ck_assert_ptr_nonnull (z);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      zip_source_t *src;
      if (texts[i] == NULL || texts[i][0] == '\0')
        continue;
      src = zip_source_buffer (z, texts[i], strlen (texts[i]), 0);
      ck_assert_ptr_nonnull (src);
      ck_assert_int_ge (zip_file_add (z, names[i], src, ZIP_FL_ENC_UTF_8), 0);
    }
  ck_assert_int_eq (zip_close (z), 0);
  return file;
}

typedef struct {
  const char *name;
  Parts parts;
  const char *expected;   /* dump () */
} GoodCase;

static const GoodCase good_cases[] = {
  { "no-refs",
    { .sheet = SHEET ("<row><c t=\"inlineStr\"><is><t>a</t></is></c>"
                      "<c><v>1</v></c></row><row r=\"3\"><c r=\"C3\">"
                      "<v>2</v></c><c><v>3</v></c></row><row><c><v>4</v>"
                      "</c></row>") },
    "表:1: A1=a B1=1\n表:3: C3=2 D3=3\n表:4: A4=4\n" },
  { "exact-numbers",
    { .sheet = SHEET ("<row r=\"1\"><c r=\"A1\"><v>11229.009999999998</v>"
                      "</c><c r=\"B1\"><v>1.5E-3</v></c>"
                      "<c r=\"C1\"><v>-2.5E+3</v></c>"
                      "<c r=\"D1\"><v>0.30000000000000004</v></c>"
                      "<c r=\"E1\" t=\"n\"><v> 7.10 </v></c>"
                      "<c r=\"F1\"><v>1E+400000</v></c>"
                      "<c r=\"G1\"><v>0E+5</v></c>"
                      "<c r=\"H1\"><v>00012.50E1</v></c>"
                      "<c r=\"I1\"><v>12E-1x</v></c></row>") },
    "表:1: A1=11229.01 B1=0.0015 C1=-2500 "
    "D1=0.3 E1=7.10 F1=1E+400000 G1=0 H1=125.0 "
    "I1=12E-1x\n" },
  { "percentages",
    { .sheet = SHEET ("<row r=\"2\"><c r=\"A2\" s=\"1\"><v>0.105</v></c>"
                      "<c r=\"B2\" s=\"2\"><v>-0.05</v></c>"
                      "<c r=\"C2\" s=\"1\"><v>1</v></c>"
                      "<c r=\"D2\" s=\"3\"><v>0.5</v></c>"
                      "<c r=\"E2\" s=\"1\"><v>1.5E-5</v></c>"
                      "<c r=\"F2\" s=\"9\"><v>0.5</v></c>"
                      "<c r=\"G2\" s=\"1\" t=\"s\"><v>0</v></c>"
                      "<c r=\"H2\" s=\"1\"><v>0.12345678901234567</v></c>"
                      "</row>"),
      .strings = STRINGS ("<si><t>0.5</t></si>") },
    "表:2: A2=10.50% B2=-5.0% C2=100.00% D2=0.50 E2=0.00% F2=0.5 G2=0.5 "
    "H2=12.35%\n" },
  /* Read as shown: rounded to the decimals a format shows at most (half
   * away from zero, with carries), padded to those it always shows. */
  { "decimals",
    { .sheet = SHEET ("<row r=\"1\"><c r=\"A1\" s=\"4\"><v>0</v></c>"
                      "<c r=\"B1\" s=\"4\"><v>20.5</v></c>"
                      "<c r=\"C1\" s=\"4\"><v>11229.009999999998</v></c>"
                      "<c r=\"D1\" s=\"5\"><v>-3</v></c>"
                      "<c r=\"E1\" s=\"6\"><v>11229.01</v></c>"
                      "<c r=\"F1\" s=\"7\"><v>2</v></c>"
                      "<c r=\"G1\" s=\"4\"><v>1.5E+2</v></c>"
                      "<c r=\"H1\" s=\"4\"><v>n/a</v></c>"
                      "<c r=\"I1\" s=\"4\" t=\"s\"><v>0</v></c>"
                      "<c r=\"J1\" s=\"1\"><v>0</v></c>"
                      "<c r=\"K1\" s=\"4\"><v>9.995</v></c>"
                      "<c r=\"L1\" s=\"4\"><v>-0.004</v></c>"
                      "<c r=\"M1\" s=\"7\"><v>2.056</v></c>"
                      "<c r=\"N1\" s=\"5\"><v>-899.8746</v></c></row>"),
      .strings = STRINGS ("<si><t>7</t></si>") },
    "表:1: A1=0.00 B1=20.50 C1=11229.01 D1=-3.00 E1=11229.01 "
    "F1=2.0 G1=150.00 H1=n/a I1=7 J1=0.00% K1=10.00 L1=0.00 M1=2.06 "
    "N1=-899.87\n" },
  { "strings",
    { .sheet = SHEET ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                      "<c r=\"B1\" t=\"s\"><v>1</v></c>"
                      "<c r=\"C1\" t=\"s\"><v>2</v></c>"
                      "<c r=\"D1\" t=\"s\"><v> 3 </v></c>"
                      "<c r=\"E1\" t=\"str\"><f>A1</f>"
                      "<v>x_x005F_y_x015F__x005f_x000D_</v></c>"
                      "<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
                      "<c r=\"G1\" t=\"b\"><v>0</v></c>"
                      "<c r=\"H1\"><f>A1</f></c></row>"),
      .strings = STRINGS ("<si><r><t>行政</t></r><r><rPr><b/></rPr>"
                          "<t>运行</t></r><rPh sb=\"0\" eb=\"2\"><t>ぎょう"
                          "</t></rPh></si>"
                          "<si><t xml:space=\"preserve\">  项目_x000D_\n"
                          "名称\t</t></si><si><t/></si>"
                          "<si><t><![CDATA[a<b]]> &amp; &#x4E2D;</t></si>") },
    "表:1: A1=行政运行 B1=项目 名称 D1=a<b & 中 E1=x_yş_x000D_ F1=#DIV/0! "
    "G1=FALSE\n" },
  /* Prefixed elements, another prefix for r:id, no styles.xml. */
  { "prefixed",
    { .sheet = "<x:worksheet xmlns:x=\"" NS "\"><x:sheetData>"
               "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is>"
               "<x:t>p</x:t></x:is></x:c></x:row></x:sheetData>"
               "</x:worksheet>",
      .styles = "",
      .workbook = "<x:workbook xmlns:x=\"" NS "\" xmlns:rel=\"" NS_R "\">"
                  "<x:sheets><x:sheet name=\"P\" sheetId=\"1\" "
                  "rel:id=\"rId1\"/></x:sheets></x:workbook>" },
    "P:1: A1=p\n" },
  /* A range written backwards; values under a merge are hidden. */
  { "merges",
    { .sheet = "<worksheet xmlns=\"" NS "\"><sheetData>"
               "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is>"
               "</c><c r=\"B1\"><v>9</v></c></row>"
               "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"D2\"><v>2</v>"
               "</c></row><row r=\"3\"><c r=\"B3\"><v>3</v></c></row>"
               "</sheetData><mergeCells count=\"3\">"
               "<mergeCell ref=\"C1:A1\"/><mergeCell ref=\"B2:C3\"/>"
               "<mergeCell ref=\"D2\"/></mergeCells></worksheet>" },
    "表:1: A1+3=h\n表:2: A2=1 D2=2\n" },
  /* Rows out of order; a repeated ref keeps the last value. */
  { "order",
    { .sheet = SHEET ("<row r=\"5\"><c r=\"B5\"><v>5</v></c>"
                      "<c r=\"A5\"><v>4</v></c></row>"
                      "<row r=\"2\"><c r=\"A2\"><v>1</v></c>"
                      "<c r=\"A2\"><v>2</v></c></row>") },
    "表:2: A2=2\n表:5: A5=4 B5=5\n" },
  { "blanks",
    { .sheet = SHEET ("<row r=\"1\"><c r=\"A1\" s=\"1\"/><c r=\"B1\">"
                      "<v></v></c><c r=\"C1\" t=\"inlineStr\"><is><t>"
                      "\xe3\x80\x80 </t></is></c><c r=\"D1\" t=\"s\"><v>0"
                      "</v></c></row><row r=\"2\"/>"),
      .strings = STRINGS ("<si><t> </t></si>") },
    "" },
};

START_TEST (test_xlsx_good)
{
  const GoodCase *c = &good_cases[_i];
  g_autofree char *file = write_package ("good.xlsx", &c->parts);
  BlGrid *g = read_file_ok (file);
  g_autofree char *text = dump (g);

  ck_assert_msg (strcmp (text, c->expected) == 0, "%s: got\n%s", c->name,
                 text);
  bl_grid_free (g);
}
END_TEST

typedef struct {
  const char *name;
  Parts parts;
  const char *message;    /* exact */
} BadCase;

static const BadCase bad_cases[] = {
  { "no-workbook", { .sheet = SHEET (""), .workbook = "" },
    "t.xlsx: xl/workbook.xml is missing" },
  { "no-rels", { .sheet = SHEET (""), .rels = "" },
    "t.xlsx: xl/_rels/workbook.xml.rels is missing" },
  { "no-sheet", { .sheet = "" },
    "t.xlsx: sheet '表': xl/worksheets/sheet1.xml is missing" },
  { "no-relationship",
    { .sheet = SHEET (""),
      .workbook = "<workbook><sheets><sheet name=\"S\" r:id=\"x\" "
                  "xmlns:r=\"" NS_R "\"/></sheets></workbook>" },
    "t.xlsx: sheet 'S': relationship 'x' is missing" },
  { "malformed",
    { .sheet = "<worksheet>\n<sheetData><row></sheetData></worksheet>" },
    "t.xlsx: xl/worksheets/sheet1.xml:2:29: malformed XML: Opening and "
    "ending tag mismatch: row line 2 and sheetData" },
  { "truncated-xml",
    { .sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1" },
    "t.xlsx: xl/worksheets/sheet1.xml:1:47: malformed XML: "
    "Extra content at the end of the document" },
  { "doctype",
    { .sheet = "<!DOCTYPE worksheet [<!ENTITY a \"aaaa\">]>\n<worksheet/>" },
    "t.xlsx: xl/worksheets/sheet1.xml: a DOCTYPE is not allowed in a "
    "package part" },
  { "bad-string-index",
    { .sheet = SHEET ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"),
      .strings = STRINGS ("<si><t>a</t></si>") },
    "t.xlsx: xl/worksheets/sheet1.xml:2: cell A1: shared string '3' does "
    "not exist (1 in the table)" },
  { "bad-ref",
    { .sheet = SHEET ("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>") },
    "t.xlsx: xl/worksheets/sheet1.xml:2: bad cell reference 'XFE1'" },
  { "bad-row", { .sheet = SHEET ("<row r=\"0\"><c><v>1</v></c></row>") },
    "t.xlsx: xl/worksheets/sheet1.xml:2: bad row number '0'" },
  { "bad-merge",
    { .sheet = "<worksheet><mergeCells><mergeCell ref=\"A1:\"/>"
               "</mergeCells></worksheet>" },
    "t.xlsx: xl/worksheets/sheet1.xml:1: bad merged range 'A1:'" },
  { "not-a-workbook",
    { .sheet = SHEET (""), .workbook = "<html><sheet/></html>" },
    "t.xlsx: xl/workbook.xml:1: not a workbook: the root is <html>" },
  { "bad-strings",
    { .sheet = SHEET (""), .strings = "<sst><si><t>a</si></sst>" },
    "t.xlsx: xl/sharedStrings.xml:1:19: malformed XML: Opening and ending "
    "tag mismatch: t line 1 and si" },
};

START_TEST (test_xlsx_bad)
{
  const BadCase *c = &bad_cases[_i];
  g_autofree char *file = write_package ("bad.xlsx", &c->parts);
  g_autofree char *data = NULL, *msg = NULL;
  gsize len;

  ck_assert (g_file_get_contents (file, &data, &len, NULL));
  msg = read_fail (data, len);
  ck_assert_msg (strcmp (msg, c->message) == 0, "%s: got\n  %s\nexpected\n  %s",
                 c->name, msg, c->message);
}
END_TEST

/* ---- corrupt and hostile bytes ------------------------------------------- */

START_TEST (test_xlsx_not_a_zip)
{
  static const char ole2[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest";
  g_autofree char *m1 = read_fail ("", 0);
  g_autofree char *m2 = read_fail ("budgetlint: 1\n", 14);
  g_autofree char *m3 = read_fail (ole2, sizeof ole2 - 1);

  ck_assert_str_eq (m1, "t.xlsx: not an XLSX file: the file is empty");
  ck_assert_str_eq (m2, "t.xlsx: not an XLSX file: not a zip archive, or "
                    "truncated (Not a zip archive)");
  ck_assert_str_eq (m3, "t.xlsx: an OLE2 file (legacy .xls or "
                    "password-protected workbook), not XLSX");
}
END_TEST

/* Every prefix of a real workbook, and a run of single-byte corruptions:
 * a grid or an error, never a crash (ASan and UBSan builds watch). */
START_TEST (test_xlsx_truncated)
{
  g_autofree char *file = write_budget (FALSE);
  g_autofree char *data = NULL;
  gsize len;

  ck_assert (g_file_get_contents (file, &data, &len, NULL));
  for (gsize n = 0; n < len; n += 1 + n / 64)
    {
      char *cut = g_memdup2 (data, n);
      g_autofree char *msg = read_fail (cut, n);
      g_free (cut);
    }
}
END_TEST

START_TEST (test_xlsx_corrupt_bytes)
{
  g_autofree char *file = write_budget (FALSE);
  g_autofree char *data = NULL;
  GRand *rand = g_rand_new_with_seed (20240601);
  gsize len;

  ck_assert (g_file_get_contents (file, &data, &len, NULL));
  for (int i = 0; i < 300; i++)
    {
      char *copy = g_memdup2 (data, len);
      g_autoptr(GError) error = NULL;
      BlGrid *g;
      for (int k = 0; k < 1 + i % 4; k++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] =
          (char) g_rand_int_range (rand, 0, 256);
      g = bl_xlsx_grid_read (copy, len, "t.xlsx", &error);
      ck_assert ((g == NULL) != (error == NULL));
      if (error != NULL)
        ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT));
      bl_grid_free (g);
      g_free (copy);
    }
  g_rand_free (rand);
}
END_TEST

START_TEST (test_xlsx_random_bytes)
{
  GRand *rand = g_rand_new_with_seed (7);
  char buf[512];

  for (int i = 0; i < 100; i++)
    {
      for (gsize k = 0; k < sizeof buf; k++)
        buf[k] = (char) g_rand_int_range (rand, 0, 256);
      if (i % 2)                /* a zip signature up front */
        memcpy (buf, "PK\3\4", 4);
      g_free (read_fail (buf, sizeof buf));
    }
  g_rand_free (rand);
}
END_TEST

/* 65 MiB of zeros deflate to about 64 KiB: refused before inflating. */
START_TEST (test_xlsx_zip_bomb)
{
  gsize big = (gsize) 65 << 20;
  char *zeros = g_malloc0 (big + 1);
  g_autofree char *data = NULL, *msg = NULL;
  g_autofree char *file = NULL;
  gsize len;

  memset (zeros, ' ', big);
  file = write_package ("bomb.xlsx", &(Parts) { .sheet = zeros });
  g_free (zeros);
  ck_assert (g_file_get_contents (file, &data, &len, NULL));
  ck_assert_uint_lt (len, 1 << 20);
  msg = read_fail (data, len);
  ck_assert_str_eq (msg, "t.xlsx: xl/worksheets/sheet1.xml: uncompressed "
                    "size 68157440 bytes is over the limit (64 MiB an "
                    "entry, 256 MiB in all)");
}
END_TEST

/* Figures typed without a number format come out as whole numbers
 * ("150", "140", "10"): under headers that name value columns they are
 * figures, not 类/款/项 codes split over columns. */
START_TEST (test_xlsx_whole_numbers)
{
  static const char *const head[] = { "科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入" };
  static const struct { const char *code, *name; double v[3]; } rows[] = {
    { NULL, "合计", { 150, 140, 10 } },
    { "210", "卫生健康支出", { 150, 140, 10 } },
    { "21013", "医疗救助", { 100, 100, -1 } },
    { "21015", "医疗保障管理事务", { 50, 40, 10 } },
  };
  g_autofree char *file = tmp_file ("whole.xlsx");
  lxw_workbook *wb = workbook_new (file);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "收入决算表");
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) f = NULL;
  const BlTable *t;
  const BlRow *r;

  OK (worksheet_write_string (ws, 0, 0, "收入决算表", NULL));
  OK (worksheet_write_string (ws, 1, 0, "单位：万元", NULL));
  for (int c = 0; c < 5; c++)
    OK (worksheet_write_string (ws, 2, (lxw_col_t) c, head[c], NULL));
  for (int i = 0; i < 4; i++)
    {
      if (rows[i].code)
        OK (worksheet_write_string (ws, (lxw_row_t) (3 + i), 0, rows[i].code, NULL));
      OK (worksheet_write_string (ws, (lxw_row_t) (3 + i), 1, rows[i].name, NULL));
      for (int c = 0; c < 3; c++)
        if (rows[i].v[c] >= 0)
          OK (worksheet_write_number (ws, (lxw_row_t) (3 + i), (lxw_col_t) (2 + c), rows[i].v[c], NULL));
    }
  OK (workbook_close (wb));
  f = bl_filing_load_file (file, &error);
  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  t = bl_filing_find_table (f, "income");
  ck_assert_ptr_nonnull (t);
  r = bl_table__row_by_code (t, "21015");
  ck_assert_ptr_nonnull (r);
  ck_assert_str_eq (r->cells[bl_part__column (r->part, "财政拨款收入")->index].text, "40");
  ck_assert_ptr_null (bl_table__row_by_code (t, "15014010"));
  ck_assert_ptr_null (bl_table__row_by_code (t, "21015014010"));
}
END_TEST

static Suite *
xlsx_suite (void)
{
  Suite *s = suite_create ("xlsx");
  TCase *tc;

  tc = tcase_create ("xlsxwriter");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_xlsx_budget);
  tcase_add_test (tc, test_xlsx_inline_strings);
  tcase_add_test (tc, test_xlsx_not_nul_terminated);
  tcase_add_test (tc, test_xlsx_whole_numbers);
  suite_add_tcase (s, tc);

  tc = tcase_create ("package");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_xlsx_good, 0, G_N_ELEMENTS (good_cases));
  tcase_add_loop_test (tc, test_xlsx_bad, 0, G_N_ELEMENTS (bad_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("corrupt");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_xlsx_not_a_zip);
  tcase_add_test (tc, test_xlsx_truncated);
  tcase_add_test (tc, test_xlsx_corrupt_bytes);
  tcase_add_test (tc, test_xlsx_random_bytes);
  tcase_add_test (tc, test_xlsx_zip_bomb);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (xlsx_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
