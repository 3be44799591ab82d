/* Unit tests for reports: fingerprints (stable when the document moves,
 * distinct otherwise), which findings a report keeps (select, ignore,
 * severity overrides, maximum, baseline, findings from a doubtful reading
 * held back), baselines written and read back, streaming, and the
 * structure of the SARIF, JUnit and xlsx outputs. */

#include <check.h>
#include <budgetlint/budgetlint.h>
#include "diag.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a small pack on a small filing --------------------------------------- */

static const char filing_yaml[] =
  "budgetlint: 1\n"
  "department: 测试单位\n"
  "year: 2023\n"
  "unit: 万元\n"
  "tables:\n"
  "  - kind: income_expenditure_summary\n"
  "    title: 收入支出决算总表\n"
  "    label: 公开01表\n"
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
  "    title: 收入决算表\n"
  "    columns: [本年收入合计, 财政拨款收入, 其他收入]\n"
  "    rows:\n"
  "      - [~, 合计, 150.00, 140.00, 10.00]\n"
  "      - [210, 卫生健康支出, 150.00, 140.00, 10.00]\n"
  "      - [21013, 医疗救助, 100.00, 100.00, ~]\n"
  "      - [21015, 医疗保障管理事务, 50.00, 40.00, 9.00]\n";

static const char pack_yaml[] =
  "pack:\n"
  "  name: t\n"
  "  version: \"7\"\n"
  "rules:\n"
  "  - id: T.balance\n"
  "    title: 收支平衡\n"
  "    severity: error\n"
  "    explain: 收入总计必须等于支出总计。\n"
  "    tables: [income_expenditure_summary]\n"
  "    check: \"[收入:总计] == [支出:总计]\"\n"
  "    message: \"收入总计 {lhs} ≠ 支出总计 {rhs}，相差 {diff}\"\n"
  "  - id: T.income_total\n"
  "    title: 本年收入合计\n"
  "    severity: error\n"
  "    tables: [income_expenditure_summary]\n"
  "    check: \"[收入:本年收入合计] == sum(before([收入:本年收入合计]))\"\n"
  "    message: \"本年收入合计 {lhs} ≠ 各项收入之和 {rhs}\"\n"
  "  - id: T.row\n"
  "    title: 行合计 & <其他>\n"
  "    severity: warning\n"
  "    tables: [income]\n"
  "    for: rows\n"
  "    check: \"本年收入合计 == 财政拨款收入 + 其他收入\"\n"
  "    message: \"{row}：本年收入合计 {lhs} ≠ {rhs}\"\n"
  "  - id: T.holds\n"
  "    title: 成立\n"
  "    severity: error\n"
  "    check: \"income[合计].本年收入合计 == income[210].本年收入合计\"\n"
  "    message: \"成立的规则不报告\"\n";

/* T.balance error, T.income_total notice (rounding), T.row warning on
 * 21015 (50 ≠ 49). */
#define N_FINDINGS 3

static BlRulePack *pack;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  pack = bl_rule_pack_load_data (pack_yaml, strlen (pack_yaml), "t.yaml", &error);
  if (pack == NULL)
    g_error ("pack: %s", error->message);
}

static void
teardown (void)
{
  g_clear_pointer (&pack, bl_rule_pack_free);
}

static BlFiling *
load (const char *text, const char *name)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_data (text, strlen (text), name, &error);
  ck_assert_msg (f != NULL, "filing does not load: %s", error ? error->message : "");
  return f;
}

/* The filing moved down by comments and blank lines, a figure's spelling
 * changed: a reformatting that keeps every finding. */
static char *
reformatted (void)
{
  g_autoptr(GString) s = g_string_new ("# 重新排版\n\n# 又一行\n");
  g_string_append (s, filing_yaml);
  g_string_replace (s, "20.58]", "\"20.58\"]", 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static BlReport *
report_of (const char *text, const char *name, void (*configure) (BlReport *))
{
  BlReport *r = bl_report_new (pack);
  g_autoptr(BlFiling) f = load (text, name);

  if (configure)
    configure (r);
  bl_report_add_filing (r, name, f, bl_rule_pack_check (pack, f));
  return r;
}

static char *
render (const BlReport *r, const char *format)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  BlReportOptions opts = { FALSE, BL_SEVERITY_ERROR };

  ck_assert_msg (bl_report_write (r, format, &opts, out, &error), "%s",
                 error ? error->message : "");
  return g_string_free (out, FALSE);
}

static guint
count_of (const char *hay, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (hay, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* ---- fingerprints ----------------------------------------------------------- */

START_TEST (test_fingerprint_stable_when_reformatted)
{
  g_autofree char *moved = reformatted ();
  g_autoptr(BlFiling) a = load (filing_yaml, "f.yaml");
  g_autoptr(BlFiling) b = load (moved, "f.yaml");
  g_autoptr(BlDiagnostics) da = bl_rule_pack_check (pack, a);
  g_autoptr(BlDiagnostics) db = bl_rule_pack_check (pack, b);

  ck_assert_uint_eq (bl_diagnostics_get_n (da), N_FINDINGS);
  ck_assert_uint_eq (bl_diagnostics_get_n (db), N_FINDINGS);
  for (guint i = 0; i < N_FINDINGS; i++)
    {
      g_autofree char *fa = bl_diagnostics_dup_fingerprint (da, i);
      g_autofree char *fb = bl_diagnostics_dup_fingerprint (db, i);
      const BlLocation *la = bl_diagnostic_get_location (bl_diagnostics_get (da, i), 0);
      const BlLocation *lb = bl_diagnostic_get_location (bl_diagnostics_get (db, i), 0);

      ck_assert_uint_eq (lb->line, la->line + 3);
      ck_assert_str_eq (fa, fb);
      ck_assert_uint_eq (strlen (fa), 16);
    }
}
END_TEST

START_TEST (test_fingerprint_distinct)
{
  g_autoptr(BlFiling) f = load (filing_yaml, "f.yaml");
  g_autoptr(BlDiagnostics) d = bl_rule_pack_check (pack, f);
  g_autofree char *f0 = bl_diagnostics_dup_fingerprint (d, 0);
  g_autofree char *f1 = bl_diagnostics_dup_fingerprint (d, 1);
  g_autofree char *f2 = bl_diagnostics_dup_fingerprint (d, 2);

  ck_assert_str_ne (f0, f1);
  ck_assert_str_ne (f1, f2);
  ck_assert_str_ne (f0, f2);
}
END_TEST

/* Two findings with the same rule and place: the second gets `:2`; a
 * different row, column or rule gives another hash. */
START_TEST (test_fingerprint_occurrences)
{
  g_autoptr(BlDiagnostics) list = bl_diagnostics_new ();
  BlLocation at = { "表", "210 卫生健康支出", "合计", 10, 0, 0, NULL, NULL };
  BlLocation other_row = { "表", "21013 医疗救助", "合计", 10, 0, 0, NULL, NULL };
  BlLocation other_col = { "表", "210 卫生健康支出", "其他", 10, 0, 0, NULL, NULL };
  const BlLocation *locs[] = { &at, &at, &other_row, &other_col, &at };
  const char *rules[] = { "R.a", "R.a", "R.a", "R.a", "R.b" };
  g_autofree char *fp[5] = { NULL };

  for (guint i = 0; i < 5; i++)
    {
      BlDiagnostic *d = bl_diagnostic__new (rules[i], "t", BL_SEVERITY_ERROR,
                                            BL_CONFIDENCE_CERTAIN, "m");
      bl_diagnostic__add_location (d, locs[i]);
      bl_diagnostics__add (list, d);
    }
  for (guint i = 0; i < 5; i++)
    fp[i] = bl_diagnostics_dup_fingerprint (list, i);
  ck_assert_uint_eq (strlen (fp[0]), 16);
  ck_assert (g_str_has_prefix (fp[1], fp[0]));
  ck_assert_str_eq (fp[1] + 16, ":2");
  ck_assert_str_ne (fp[2], fp[0]);
  ck_assert_str_ne (fp[3], fp[0]);
  ck_assert_str_ne (fp[4], fp[0]);
  for (guint i = 0; i < 5; i++)
    g_free (fp[i]);
  memset (fp, 0, sizeof fp);
}
END_TEST

/* ---- what a report keeps ---------------------------------------------------- */

static void select_t_row (BlReport *r) { bl_report_select (r, "T.r*"); }
static void ignore_t_row (BlReport *r) { bl_report_ignore (r, "T.row"); }

static void
demote_errors (BlReport *r)
{
  ck_assert (bl_report_override_severity (r, "T.*=warning", NULL));
  ck_assert (bl_report_override_severity (r, "T.row=error", NULL));
}

static void max_one (BlReport *r) { bl_report_set_max_findings (r, 1); }

START_TEST (test_report_select_ignore)
{
  g_autoptr(BlReport) sel = report_of (filing_yaml, "f.yaml", select_t_row);
  g_autoptr(BlReport) ign = report_of (filing_yaml, "f.yaml", ignore_t_row);
  g_autofree char *s = render (sel, "text");
  g_autofree char *i = render (ign, "text");

  ck_assert_uint_eq (bl_report_get_n_findings (sel), 1);
  ck_assert_ptr_nonnull (strstr (s, "warning[T.row]"));
  ck_assert_uint_eq (bl_report_get_n_findings (ign), 2);
  ck_assert_ptr_null (strstr (i, "T.row"));
  ck_assert_int_eq (bl_report_exit_status (sel, BL_SEVERITY_ERROR), 0);
  ck_assert_int_eq (bl_report_exit_status (ign, BL_SEVERITY_ERROR), 1);
}
END_TEST

/* Overrides apply to a rule's own severity; the rounding notice stays. */
START_TEST (test_report_severity_override)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "f.yaml", demote_errors);
  g_autofree char *t = render (r, "text");
  g_autoptr(GError) error = NULL;
  g_autoptr(BlReport) bad = bl_report_new (pack);

  ck_assert_ptr_nonnull (strstr (t, "warning[T.balance]"));
  ck_assert_ptr_nonnull (strstr (t, "error[T.row]"));
  ck_assert_ptr_nonnull (strstr (t, "notice[T.income_total]"));
  ck_assert (!bl_report_override_severity (bad, "T.row", &error));
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT));
  g_clear_error (&error);
  ck_assert (!bl_report_override_severity (bad, "T.row=fatal", &error));
  ck_assert (!bl_report_override_severity (bad, "=error", NULL));
}
END_TEST

/* Past the maximum findings are counted, and still fail the run. */
START_TEST (test_report_max_findings)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "f.yaml", max_one);
  g_autofree char *t = render (r, "text");

  ck_assert_uint_eq (bl_report_get_n_findings (r), 1);
  ck_assert_ptr_nonnull (strstr (t, "2 more findings not shown (--max-findings 1)"));
  ck_assert_int_eq (bl_report_exit_status (r, BL_SEVERITY_ERROR), 1);
}
END_TEST

START_TEST (test_report_statistics)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "f.yaml", NULL);
  g_autoptr(GString) s = g_string_new (NULL);

  bl_report_write_statistics (r, s);
  ck_assert_uint_eq (count_of (s->str, "\n"), N_FINDINGS);
  ck_assert_ptr_nonnull (strstr (s->str, "1 error     0 warning     0 notice  T.balance  收支平衡"));
  ck_assert_ptr_null (strstr (s->str, "T.holds"));
}
END_TEST

/* The 收入决算表 read in doubt: T.row's finding on it is uncertain, and
 * held back unless asked for; T.holds reads it too but holds. */
static char *
doubtful (void)
{
  g_autoptr(GString) s = g_string_new (filing_yaml);
  g_string_replace (s, "    title: 收入决算表\n",
                    "    title: 收入决算表\n    doubt: 疑似列错位\n", 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void show_doubtful (BlReport *r) { bl_report_show_doubtful (r, TRUE); }
static void
select_row_shown (BlReport *r)
{
  select_t_row (r);
  show_doubtful (r);
}

START_TEST (test_report_doubtful_held_back)
{
  g_autofree char *text = doubtful ();
  g_autoptr(BlReport) r = report_of (text, "f.yaml", NULL);
  g_autoptr(BlReport) sel = report_of (text, "f.yaml", select_t_row);
  g_autofree char *t = render (r, "text");
  g_autofree char *j = render (r, "json");
  g_autofree char *clean = render (sel, "json");

  ck_assert_uint_eq (bl_report_get_n_findings (r), N_FINDINGS - 1);
  ck_assert_ptr_null (strstr (t, "T.row"));
  ck_assert_msg (g_str_has_suffix (t, " in 1 filing; 另有 1 项因读取存疑暂不报告（--show-doubtful 显示）"
                                    "; 规则：已运行 2，不适用 0，未能完整运行 2\n"), "%s", t);
  /* T.row and T.holds read the table in doubt: not a pass, and said so */
  ck_assert_msg (strstr (t, "\nf.yaml: 2 条规则未能完整运行") != NULL, "%s", t);
  ck_assert_ptr_nonnull (strstr (j, "\"summary\":{\"error\":1,\"warning\":0,\"notice\":1,\"held_back\":1,"
                                    "\"rules\":{\"ran\":2,\"not_applicable\":0,\"not_run\":2}}"));
  /* Held back, the warning does not decide the exit status. */
  ck_assert_uint_eq (bl_report_get_n_findings (sel), 0);
  ck_assert_int_eq (bl_report_exit_status (sel, BL_SEVERITY_WARNING), 0);
  ck_assert_ptr_nonnull (strstr (clean, "\"held_back\":1"));
  /* only the selected rules are counted */
  ck_assert_ptr_nonnull (strstr (clean, "\"rules\":{\"ran\":0,\"not_applicable\":0,\"not_run\":1}"));
}
END_TEST

static gboolean json_valid (const char *text);

/* What was checked, in every format: on a clean reading every rule ran,
 * and no line says otherwise; on a filing without the tables, nothing ran
 * and a line says so. */
START_TEST (test_report_what_was_checked)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "f.yaml", NULL);
  g_autoptr(BlReport) none = report_of ("budgetlint: 1\nkind: 决算\ntables: []\n", "e.yaml", NULL);
  g_autofree char *t = render (r, "text");
  g_autofree char *j = render (r, "json");
  g_autofree char *sarif = render (r, "sarif");
  g_autofree char *t_none = render (none, "text");
  g_autofree char *j_none = render (none, "json");

  ck_assert_msg (strstr (t, "\nf.yaml: ") == NULL, "%s", t);
  ck_assert_msg (g_str_has_suffix (t, "; 规则：已运行 4，不适用 0，未能完整运行 0\n"), "%s", t);
  ck_assert_ptr_nonnull (strstr (j, "\"rules\":{\"ran\":4,\"not_applicable\":0,\"not_run\":0}"));
  ck_assert_msg (strstr (sarif, "\"uri\":\"f.yaml\",\"uriBaseId\":\"%SRCROOT%\"},"
                                "\"rulesRan\":4,\"rulesNotApplicable\":0,\"rulesNotRun\":0}") != NULL,
                 "%s", sarif);
  ck_assert_msg (json_valid (sarif), "%s", sarif);
  ck_assert_msg (strstr (t_none, "e.yaml: 未做任何检查：4 条规则都不适用") != NULL, "%s", t_none);
  ck_assert_ptr_nonnull (strstr (j_none, "\"rules\":{\"ran\":0,\"not_applicable\":4,\"not_run\":0}"));
}
END_TEST

/* A document's text reaches the terminal as text: an escape sequence or a
 * line break in a label is written out, one finding stays one line. */
START_TEST (test_report_text_controls)
{
  g_autoptr(GString) yaml = g_string_new (filing_yaml);
  g_autoptr(BlReport) r = NULL;
  g_autofree char *t = NULL;
  guint lines = 0;

  g_string_replace (yaml, "[21015, 医疗保障管理事务,",
                    "[21015, \"医疗\\e[31m保障\\e]0;pwned\\a管理\\n事务\\u0085\",", 1);
  r = report_of (yaml->str, "f.yaml", NULL);
  t = render (r, "text");
  ck_assert_msg (strchr (t, '\033') == NULL && strchr (t, '\a') == NULL, "%s", t);
  ck_assert_msg (strstr (t, "医疗\\x1b[31m保障\\x1b]0;pwned\\x07管理\\n事务\\u0085"), "%s", t);
  for (const char *c = t; *c; c++)
    lines += *c == '\n';
  ck_assert_uint_eq (lines, N_FINDINGS + 1);   /* one a finding, and the summary */
}
END_TEST

START_TEST (test_report_doubtful_shown)
{
  g_autofree char *text = doubtful ();
  g_autoptr(BlReport) r = report_of (text, "f.yaml", select_row_shown);
  g_autoptr(BlReport) plain = report_of (filing_yaml, "f.yaml", NULL);
  g_autofree char *t = render (r, "text");
  g_autofree char *j = render (r, "json");
  g_autofree char *s = render (r, "sarif");
  g_autofree char *u = render (r, "junit");
  g_autofree char *p = render (plain, "json");

  ck_assert_uint_eq (bl_report_get_n_findings (r), 1);
  ck_assert_int_eq (bl_report_exit_status (r, BL_SEVERITY_WARNING), 1);
  ck_assert_msg (strstr (t, "warning[T.row] 21015 医疗保障管理事务：本年收入合计 50.00 万元 ≠ 49.00 万元（读取存疑）\n"),
                 "%s", t);
  ck_assert_ptr_null (strstr (t, "另有"));
  ck_assert_ptr_nonnull (strstr (j, "\"confidence\":\"uncertain\""));
  ck_assert_ptr_null (strstr (j, "held_back"));
  ck_assert_ptr_nonnull (strstr (s, "\"properties\":{\"confidence\":\"uncertain\""));
  ck_assert_ptr_nonnull (strstr (u, "（读取存疑）"));
  /* A report without doubt is as it was. */
  ck_assert_ptr_null (strstr (p, "held_back"));
  ck_assert_ptr_null (strstr (p, "uncertain"));
}
END_TEST

/* ---- baselines -------------------------------------------------------------- */

static char *
baseline_of (const char *text)
{
  BlReport *r = bl_report_new (pack);
  g_autoptr(BlFiling) f = load (text, "f.yaml");
  GString *out = g_string_new (NULL);

  bl_report_record_baseline (r);
  bl_report_add_filing (r, "f.yaml", f, bl_rule_pack_check (pack, f));
  bl_report_write_baseline (r, out);
  bl_report_free (r);
  return g_string_free (out, FALSE);
}

static BlBaseline *baseline_under_test;

static void
use_baseline (BlReport *r)
{
  bl_report_set_baseline (r, g_steal_pointer (&baseline_under_test));
}

/* Written, read back and applied to the reformatted filing: every
 * finding is hidden, and nothing is reported as unmatched. */
START_TEST (test_baseline_round_trip)
{
  g_autofree char *yaml = baseline_of (filing_yaml);
  g_autofree char *moved = reformatted ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BlReport) r = NULL;

  ck_assert_uint_eq (count_of (yaml, "  - file: \"f.yaml\""), N_FINDINGS);
  ck_assert_uint_eq (count_of (yaml, "justification: \"\""), N_FINDINGS);
  baseline_under_test = bl_baseline_load_data (yaml, strlen (yaml), "b.yaml", &error);
  ck_assert_msg (baseline_under_test != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (bl_baseline_get_n (baseline_under_test), N_FINDINGS);
  r = report_of (moved, "f.yaml", use_baseline);
  ck_assert_uint_eq (bl_report_get_n_findings (r), 0);
  ck_assert_int_eq (bl_report_exit_status (r, BL_SEVERITY_NOTICE), 0);
}
END_TEST

/* A fixed finding leaves its entry unmatched: a notice says so; a new
 * finding is not hidden; another file's entries do not apply. */
START_TEST (test_baseline_unmatched_and_new)
{
  g_autofree char *yaml = baseline_of (filing_yaml);
  g_autoptr(GString) fixed = g_string_new (filing_yaml);
  g_autoptr(BlReport) r = NULL;
  g_autoptr(BlReport) other = NULL;
  g_autofree char *t = NULL;

  /* Fix the balance, break 21013's row. */
  g_string_replace (fixed, "\"11,229.51\"]\n          - [总计, 62, \"11,229.51\"]",
                    "\"11,229.01\"]\n          - [总计, 62, \"11,229.01\"]", 1);
  g_string_replace (fixed, "100.00, 100.00, ~]", "100.00, 90.00, ~]", 1);
  baseline_under_test = bl_baseline_load_data (yaml, strlen (yaml), "b.yaml", NULL);
  r = report_of (fixed->str, "f.yaml", use_baseline);
  t = render (r, "text");
  ck_assert_ptr_nonnull (strstr (t, "notice[BASELINE.unmatched]"));
  ck_assert_ptr_nonnull (strstr (t, "T.balance 收入支出决算总表 / 总计 / 金额"));
  ck_assert_ptr_nonnull (strstr (t, "warning[T.row] 21013 医疗救助"));
  ck_assert_uint_eq (bl_report_get_n_findings (r), 2);

  baseline_under_test = bl_baseline_load_data (yaml, strlen (yaml), "b.yaml", NULL);
  other = report_of (filing_yaml, "g.yaml", use_baseline);
  ck_assert_uint_eq (bl_report_get_n_findings (other), N_FINDINGS);
}
END_TEST

static const struct {
  const char *text, *message;
} bad_baselines[] = {
  { "findings: []\n", "b.yaml:1:1: not a baseline" },
  { "budgetlint-baseline: 1\nfindings: 3\n", "b.yaml:2:11: 'findings' is a list" },
  { "budgetlint-baseline: 1\nfindings:\n  - rule: x\n", "b.yaml:3:5: a baseline entry needs file and fingerprint" },
  { "budgetlint-baseline: 1\nfindings: [\n", "b.yaml:" },
};

START_TEST (test_baseline_bad)
{
  g_autoptr(GError) error = NULL;
  BlBaseline *b = bl_baseline_load_data (bad_baselines[_i].text,
                                         strlen (bad_baselines[_i].text), "b.yaml", &error);
  ck_assert_ptr_null (b);
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT));
  ck_assert_msg (g_str_has_prefix (error->message, bad_baselines[_i].message),
                 "%s", error->message);
}
END_TEST

/* ---- streaming ------------------------------------------------------------ */

START_TEST (test_stream_equals_whole)
{
  static const char *const formats[] = { "text", "json", "sarif", "junit" };

  for (gsize k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_autoptr(BlReport) whole = bl_report_new (pack);
      g_autoptr(BlReport) stream = bl_report_new (pack);
      g_autoptr(GString) a = g_string_new (NULL), b = g_string_new (NULL);
      g_autoptr(GError) missing = g_error_new (G_FILE_ERROR, G_FILE_ERROR_NOENT, "x.yaml: gone");
      BlReportOptions opts = { FALSE, BL_SEVERITY_ERROR };

      ck_assert (bl_report_begin (stream, formats[k], &opts, b, NULL));
      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(BlFiling) f = load (filing_yaml, "f.yaml");
          if (i == 1)
            {
              bl_report_add_failure (whole, "x.yaml", missing);
              bl_report_add_failure (stream, "x.yaml", missing);
            }
          else
            {
              bl_report_add_filing (whole, "f.yaml", f, bl_rule_pack_check (pack, f));
              bl_report_add_filing (stream, "f.yaml", f, bl_rule_pack_check (pack, f));
            }
          bl_report_flush (stream, b);
        }
      bl_report_end (stream, b);
      ck_assert (bl_report_write (whole, formats[k], &opts, a, NULL));
      ck_assert_str_eq (a->str, b->str);
    }
}
END_TEST

/* ---- SARIF ------------------------------------------------------------------ */

/* A JSON syntax check: value := object | array | string | number | literal. */
static const char *json_value (const char *p);

static const char *
json_ws (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
    p++;
  return p;
}

static const char *
json_string (const char *p)
{
  if (*p++ != '"')
    return NULL;
  for (; *p && *p != '"'; p++)
    {
      if ((unsigned char) *p < 0x20)
        return NULL;
      if (*p == '\\' && *++p == '\0')
        return NULL;
    }
  return *p == '"' ? p + 1 : NULL;
}

static const char *
json_list (const char *p, char close, gboolean object)
{
  p = json_ws (p + 1);
  if (*p == close)
    return p + 1;
  for (;;)
    {
      if (object)
        {
          if ((p = json_string (json_ws (p))) == NULL)
            return NULL;
          p = json_ws (p);
          if (*p++ != ':')
            return NULL;
        }
      if ((p = json_value (p)) == NULL)
        return NULL;
      p = json_ws (p);
      if (*p == close)
        return p + 1;
      if (*p++ != ',')
        return NULL;
    }
}

static const char *
json_value (const char *p)
{
  p = json_ws (p);
  switch (*p)
    {
    case '{': return json_list (p, '}', TRUE);
    case '[': return json_list (p, ']', FALSE);
    case '"': return json_string (p);
    case 't': return strncmp (p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp (p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp (p, "null", 4) == 0 ? p + 4 : NULL;
    default:
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          p++;
          while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E'
                 || *p == '+' || *p == '-')
            p++;
          return p;
        }
      return NULL;
    }
}

static gboolean
json_valid (const char *text)
{
  const char *end = json_value (text);
  return end && *json_ws (end) == '\0';
}

START_TEST (test_json_checker_fails)
{
  ck_assert (json_valid ("{\"a\":[1,true,null,\"x\"]}"));
  ck_assert (!json_valid ("{\"a\":[1,]}"));
  ck_assert (!json_valid ("{\"a\" 1}"));
  ck_assert (!json_valid ("[1] 2"));
}
END_TEST

START_TEST (test_sarif_structure)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "dir/f 1.yaml", NULL);
  g_autofree char *s = NULL;
  g_autoptr(GError) missing = g_error_new (G_FILE_ERROR, G_FILE_ERROR_NOENT, "x.yaml: gone");
  g_autoptr(BlFiling) f = load (filing_yaml, "f.yaml");
  g_autoptr(BlDiagnostics) d = bl_rule_pack_check (pack, f);
  g_autofree char *fp0 = bl_diagnostics_dup_fingerprint (d, 0);
  g_autofree char *want_fp = g_strdup_printf ("\"partialFingerprints\":{\"budgetlintFinding/v1\":\"%s\"}", fp0);

  bl_report_add_failure (r, "x.yaml", missing);
  s = render (r, "sarif");
  ck_assert_msg (json_valid (s), "not JSON:\n%s", s);
  ck_assert (g_str_has_prefix (s, "{\"$schema\":\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/"));
  ck_assert_ptr_nonnull (strstr (s, "\"version\":\"2.1.0\""));
  /* The driver, its rules with title and help, pack order. */
  ck_assert_ptr_nonnull (strstr (s, "\"driver\":{\"name\":\"budgetlint\""));
  ck_assert_ptr_nonnull (strstr (s, "{\"id\":\"T.balance\",\"name\":\"T.balance\","
                                    "\"shortDescription\":{\"text\":\"收支平衡\"},"
                                    "\"fullDescription\":{\"text\":\"收入总计必须等于支出总计。\"}"));
  ck_assert_uint_eq (count_of (s, "\"defaultConfiguration\""), 4);
  /* Results: ruleIndex into those, levels, a relative URI escaped, the
   * region, the other side of the comparison as a related location. */
  ck_assert_uint_eq (count_of (s, "\"ruleId\""), N_FINDINGS);
  ck_assert_ptr_nonnull (strstr (s, "\"ruleId\":\"T.balance\",\"ruleIndex\":0,\"level\":\"error\""));
  ck_assert_ptr_nonnull (strstr (s, "\"ruleId\":\"T.income_total\",\"ruleIndex\":1,\"level\":\"note\""));
  ck_assert_ptr_nonnull (strstr (s, "\"ruleId\":\"T.row\",\"ruleIndex\":2,\"level\":\"warning\""));
  ck_assert_ptr_nonnull (strstr (s, "\"uri\":\"dir/f%201.yaml\",\"uriBaseId\":\"%SRCROOT%\""));
  ck_assert_ptr_nonnull (strstr (s, "\"region\":{\"startLine\":17,"));
  ck_assert_uint_eq (count_of (s, "\"relatedLocations\""), 1);
  ck_assert_ptr_nonnull (strstr (s, want_fp));
  /* The unusable file. */
  ck_assert_ptr_nonnull (strstr (s, "\"executionSuccessful\":false,\"toolExecutionNotifications\":"
                                    "[\n  {\"level\":\"error\",\"message\":{\"text\":\"x.yaml: gone\"}"));
}
END_TEST

/* ---- JUnit ------------------------------------------------------------------ */

typedef struct {
  guint suites, cases, failures, errors, outs;
  GString *path;
} Junit;

static void
junit_start (GMarkupParseContext *ctx, const char *name, const char **attrs,
             const char **values, gpointer data, GError **error)
{
  Junit *j = data;
  (void) ctx, (void) error;

  g_string_append_printf (j->path, "/%s", name);
  j->suites += strcmp (name, "testsuite") == 0;
  j->cases += strcmp (name, "testcase") == 0;
  j->failures += strcmp (name, "failure") == 0;
  j->errors += strcmp (name, "error") == 0;
  j->outs += strcmp (name, "system-out") == 0;
  if (strcmp (name, "testsuite") == 0)
    for (guint i = 0; attrs[i]; i++)
      if (strcmp (attrs[i], "name") == 0)
        ck_assert (strcmp (values[i], "f.yaml") == 0 || strcmp (values[i], "x.yaml") == 0);
}

static void
junit_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  Junit *j = data;
  (void) ctx, (void) name, (void) error;
  g_string_truncate (j->path, strrchr (j->path->str, '/') - j->path->str);
}

START_TEST (test_junit_structure)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "f.yaml", NULL);
  g_autoptr(GError) missing = g_error_new (G_FILE_ERROR, G_FILE_ERROR_NOENT, "x.yaml: gone");
  GMarkupParser parser = { junit_start, junit_end, NULL, NULL, NULL };
  Junit j = { 0, 0, 0, 0, 0, g_string_new (NULL) };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, &j, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;

  bl_report_add_failure (r, "x.yaml", missing);
  s = render (r, "junit");
  ck_assert (g_str_has_prefix (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
  ck_assert_msg (g_markup_parse_context_parse (ctx, s, -1, &error)
                 && g_markup_parse_context_end_parse (ctx, &error),
                 "not XML: %s", error ? error->message : "");
  g_markup_parse_context_free (ctx);
  g_string_free (j.path, TRUE);
  ck_assert_uint_eq (j.suites, 2);
  ck_assert_uint_eq (j.cases, 4 + 1);          /* every rule, and the read */
  ck_assert_uint_eq (j.failures, 1);           /* T.balance; T.row is a warning */
  ck_assert_uint_eq (j.outs, 2);               /* the notice and the warning */
  ck_assert_uint_eq (j.errors, 1);
  ck_assert_ptr_nonnull (strstr (s, "<testsuite name=\"f.yaml\" tests=\"4\" failures=\"1\""));
  ck_assert_ptr_nonnull (strstr (s, "<testcase classname=\"f.yaml\" name=\"T.holds\"/>"));
  ck_assert_ptr_nonnull (strstr (s, "<failure message=\"收入总计"));
}
END_TEST

/* ---- xlsx ------------------------------------------------------------------ */

static void keep (BlReport *r) { bl_report_keep_tables (r); }

START_TEST (test_xlsx_file)
{
  g_autoptr(BlReport) r = report_of (filing_yaml, "f.yaml", keep);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bl-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "r.xlsx", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len;

  ck_assert (bl_report_format_is_binary ("xlsx"));
  ck_assert (!bl_report_format_is_binary ("sarif"));
  ck_assert (!bl_report_write (r, "xlsx", NULL, out, &error));
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_UNSUPPORTED));
  g_clear_error (&error);
  ck_assert_msg (bl_report_write_file (r, "xlsx", NULL, path, &error), "%s",
                 error ? error->message : "");
  ck_assert (g_file_get_contents (path, &data, &len, NULL));
  ck_assert (len > 1000 && memcmp (data, "PK\003\004", 4) == 0);
  unlink (path);
  rmdir (dir);
  ck_assert (!bl_report_write_file (r, "xlsx", NULL, "/nonexistent/dir/r.xlsx", &error));
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT));
}
END_TEST

static Suite *
report_suite (void)
{
  Suite *s = suite_create ("report");
  TCase *tc = tcase_create ("fingerprint");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_fingerprint_stable_when_reformatted);
  tcase_add_test (tc, test_fingerprint_distinct);
  tcase_add_test (tc, test_fingerprint_occurrences);
  suite_add_tcase (s, tc);

  tc = tcase_create ("keep");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_report_select_ignore);
  tcase_add_test (tc, test_report_severity_override);
  tcase_add_test (tc, test_report_max_findings);
  tcase_add_test (tc, test_report_statistics);
  tcase_add_test (tc, test_report_doubtful_held_back);
  tcase_add_test (tc, test_report_what_was_checked);
  tcase_add_test (tc, test_report_doubtful_shown);
  tcase_add_test (tc, test_report_text_controls);
  suite_add_tcase (s, tc);

  tc = tcase_create ("baseline");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_baseline_round_trip);
  tcase_add_test (tc, test_baseline_unmatched_and_new);
  tcase_add_loop_test (tc, test_baseline_bad, 0, G_N_ELEMENTS (bad_baselines));
  suite_add_tcase (s, tc);

  tc = tcase_create ("formats");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_stream_equals_whole);
  tcase_add_test (tc, test_json_checker_fails);
  tcase_add_test (tc, test_sarif_structure);
  tcase_add_test (tc, test_junit_structure);
  tcase_add_test (tc, test_xlsx_file);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (report_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
