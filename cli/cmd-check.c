/* budgetlint check: every file gets its own result; an unusable file
 * never stops the others.  Text formats stream: each filing's part is
 * written as soon as it and every file before it are done, so a batch's
 * memory does not grow with its size. */

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *opt_format = NULL, *opt_rules = NULL, *opt_fail_on = NULL;
static char *opt_output = NULL, *opt_color = NULL;
static char **opt_select = NULL, **opt_ignore = NULL, **opt_severity = NULL;
static char *opt_baseline = NULL, *opt_write_baseline = NULL;
static int opt_max_findings = 0, opt_jobs = 0;
static gboolean opt_statistics = FALSE, opt_show_doubtful = FALSE, opt_verbose = FALSE;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text (default), json, sarif, junit or xlsx (with -o)", "FORMAT" },
  { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &opt_rules, "Rule pack file or directory", "PATH" },
  { "fail-on", 0, 0, G_OPTION_ARG_STRING, &opt_fail_on, "Exit 1 for findings at or above: error (default), warning, notice", "LEVEL" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write the report to FILE", "FILE" },
  { "color", 0, 0, G_OPTION_ARG_STRING, &opt_color, "auto (default), always or never", "WHEN" },
  { "select", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_select, "Report only rules matching the glob (repeatable)", "PATTERN" },
  { "ignore", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_ignore, "Do not report rules matching the glob (repeatable)", "PATTERN" },
  { "severity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_severity, "Report RULE (a glob) at LEVEL (repeatable)", "RULE=LEVEL" },
  { "max-findings", 0, 0, G_OPTION_ARG_INT, &opt_max_findings, "Show at most N findings in all", "N" },
  { "statistics", 0, 0, G_OPTION_ARG_NONE, &opt_statistics, "Print the count of findings per rule after the report", NULL },
  { "show-doubtful", 0, 0, G_OPTION_ARG_NONE, &opt_show_doubtful, "Also report findings computed from a table that may be misread (confidence uncertain)", NULL },
  { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &opt_baseline, "Hide the findings recorded in FILE", "FILE" },
  { "write-baseline", 0, 0, G_OPTION_ARG_FILENAME, &opt_write_baseline, "Record the findings in FILE (YAML)", "FILE" },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs, "Check N files at a time (default: the number of cores)", "N" },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "List the files a directory scan skipped, and why", NULL },
  { NULL }
};

typedef struct {
  BlReport *report;
  CliOutput *sink;        /* the report, as it grows (text formats) */
  GString *buf;
  gboolean tell_stderr;   /* the report is not a text on standard output:
                             an unusable file is said on stderr too */
  guint n_files;          /* reported: checked, or unusable */
  GPtrArray *skipped;     /* "name：why", of what directory scans skipped */
} Run;

static gboolean
want_colour (FILE *out)
{
  if (opt_color && strcmp (opt_color, "always") == 0)
    return TRUE;
  if (opt_color && strcmp (opt_color, "never") == 0)
    return FALSE;
  return opt_output == NULL && isatty (fileno (out)) && g_getenv ("NO_COLOR") == NULL;
}

/* Why a file a directory scan found is no filing, or NULL: a content
 * that no reader recognises (a README), or a .yaml or .yml file that is
 * not a YAML filing (a rule pack, a baseline, a CI configuration), which
 * must not be read as a report in prose.  A file named on the command
 * line is reported whatever it is. */
static const char *
not_a_filing (const CliJob *job)
{
  g_autofree char *lower = NULL;

  if (!job->found)
    return NULL;
  if (job->filing == NULL)
    return g_error_matches (job->error, BL_ERROR, BL_ERROR_UNSUPPORTED)
             ? "不是报表（内容不是可识别的报表格式）" : NULL;
  lower = g_ascii_strdown (job->path, -1);
  if ((g_str_has_suffix (lower, ".yaml") || g_str_has_suffix (lower, ".yml"))
      && strcmp (bl_filing_get_format (job->filing), "yaml") != 0)
    return "不是报表（YAML 文件没有 budgetlint: 1）";
  return NULL;
}

static guint
emit (CliJob *job, gpointer user_data)
{
  Run *run = user_data;
  const char *name = strcmp (job->path, "-") == 0 ? CLI_STDIN_NAME : job->path;
  const char *why = not_a_filing (job);

  if (why)
    {
      cli_batch_skip (run->skipped, job->path, why);
      g_clear_pointer (&job->diags, bl_diagnostics_free);
      return bl_report_get_n_findings (run->report);
    }
  run->n_files++;
  if (job->filing)
    bl_report_add_filing (run->report, name, job->filing, job->diags);
  else
    {
      if (job->error->domain != BL_ERROR)
        g_prefix_error (&job->error, "%s: ", name);
      cli_display_error (job->error, job->path);
      bl_report_add_failure (run->report, name, job->error);
      if (run->tell_stderr)
        fprintf (stderr, "budgetlint: %s\n", job->error->message);
    }
  if (run->sink)
    {
      bl_report_flush (run->report, run->buf);
      cli_output_write (run->sink, run->buf->str, run->buf->len);
      g_string_truncate (run->buf, 0);
    }
  return bl_report_get_n_findings (run->report);
}

static int
by_string (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* What the scans skipped: counted after the text report's summary (on
 * stderr for the other formats), named with --verbose. */
static void
tell_skipped (const Run *run, gboolean in_report)
{
  g_autofree char *line = NULL;

  if (run->skipped->len == 0)
    return;
  g_ptr_array_sort (run->skipped, by_string);
  for (guint i = 0; opt_verbose && i < run->skipped->len; i++)
    fprintf (stderr, "budgetlint: 已跳过 %s\n", (char *) g_ptr_array_index (run->skipped, i));
  line = g_strdup_printf ("%u 个文件已跳过：不是报表%s\n", run->skipped->len,
                          opt_verbose ? "" : "（--verbose 列出）");
  if (in_report)
    cli_output_write (run->sink, line, strlen (line));
  else
    fprintf (stderr, "budgetlint: %s", line);
}

static gboolean G_GNUC_PRINTF (1, 2)
fail (const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  fprintf (stderr, "budgetlint: ");
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
  return FALSE;
}

/* Edit distance of two ASCII strings (rule ids). */
static guint
distance (const char *a, const char *b)
{
  gsize n = strlen (b);
  g_autofree guint *row = g_new (guint, n + 1);
  for (gsize j = 0; j <= n; j++)
    row[j] = (guint) j;
  for (gsize i = 1; a[i - 1]; i++)
    {
      guint diag = row[0];
      row[0] = (guint) i;
      for (gsize j = 1; j <= n; j++)
        {
          guint up = row[j];
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
          diag = up;
        }
    }
  return row[n];
}

/* Whether the glob @pattern of option @opt names a rule of @pack or a
 * reader's finding (READ.*); if not, says so, with the nearest rule id —
 * a typo must not silently select nothing. */
static gboolean
names_rules (const BlRulePack *pack, const char *opt, const char *pattern)
{
  g_autoptr(GPatternSpec) spec = g_pattern_spec_new (pattern);
  g_autofree char *upper = g_ascii_strup (pattern, -1);
  g_autoptr(GPatternSpec) up = g_pattern_spec_new (upper);
  const char *nearest = NULL;
  guint best = G_MAXUINT;

  if (g_str_has_prefix (pattern, "READ.") || g_pattern_match_string (spec, "READ.order"))
    return TRUE;
  for (guint i = 0; i < bl_rule_pack_get_n_rules (pack); i++)
    {
      const char *id = bl_rule_get_id (bl_rule_pack_get_rule (pack, i));
      guint d;
      if (g_pattern_match_string (spec, id))
        return TRUE;
      if (g_pattern_match_string (up, id))
        nearest = upper, best = 0;
      else if ((d = distance (pattern, id)) < best)
        nearest = id, best = d;
    }
  if (nearest && best <= MAX (3u, (guint) strlen (pattern) / 3))
    return fail ("%s '%s' 不匹配任何规则（是否想写 '%s'？）", opt, pattern, nearest);
  return fail ("%s '%s' 不匹配任何规则（budgetlint rules 列出全部规则）", opt, pattern);
}

/* The report's filters and baseline from the options. */
static gboolean
set_up (BlReport *report, const BlRulePack *pack, const char *format)
{
  g_autoptr(GError) error = NULL;

  for (char **p = opt_select; p && *p; p++)
    if (!names_rules (pack, "--select", *p))
      return FALSE;
    else
      bl_report_select (report, *p);
  for (char **p = opt_ignore; p && *p; p++)
    if (!names_rules (pack, "--ignore", *p))
      return FALSE;
    else
      bl_report_ignore (report, *p);
  for (char **p = opt_severity; p && *p; p++)
    {
      g_autofree char *rule = g_strndup (*p, strcspn (*p, "="));
      if (!bl_report_override_severity (report, *p, &error))
        return fail ("%s", error->message);
      if (!names_rules (pack, "--severity", rule))
        return FALSE;
    }
  if (opt_max_findings < 0)
    return fail ("--max-findings takes a number ≥ 0");
  bl_report_set_max_findings (report, (guint) opt_max_findings);
  bl_report_show_doubtful (report, opt_show_doubtful);
  if (opt_baseline)
    {
      BlBaseline *b = bl_baseline_load_file (opt_baseline, &error);
      cli_display_error (error, opt_baseline);
      if (b == NULL)
        return fail ("%s", error->message);
      bl_report_set_baseline (report, b);
    }
  if (opt_write_baseline)
    bl_report_record_baseline (report);
  if (bl_report_format_is_binary (format))
    bl_report_keep_tables (report);
  return TRUE;
}

static gboolean
check_format (const char *format)
{
  static const char *const known[] = { "text", "json", "sarif", "junit", "xlsx" };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (format, known[i]) == 0)
      {
        if (bl_report_format_is_binary (format) && opt_output == NULL)
          return fail ("--format %s writes a binary workbook, never to a terminal "
                       "or a pipe: give -o FILE.xlsx", format);
        return TRUE;
      }
  return fail ("unknown output format '%s' (expected text, json, sarif, junit or xlsx)",
               format);
}

static gboolean
write_extras (const BlReport *report, const char *format)
{
  g_autoptr(GError) error = NULL;

  if (opt_statistics)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      gboolean to_stdout = opt_output == NULL && strcmp (format, "text") == 0;
      bl_report_write_statistics (report, s);
      fputs (s->str, to_stdout ? stdout : stderr);
    }
  if (opt_write_baseline)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      bl_report_write_baseline (report, s);
      if (!cli_write_file (opt_write_baseline, s))
        return FALSE;
    }
  return TRUE;
}

int
cmd_check (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("FILE|DIR… — check filings");
  g_autoptr(BlRulePack) pack = NULL;
  g_autoptr(BlReport) report = NULL;
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  BlReportOptions opts = { FALSE, BL_SEVERITY_ERROR };
  const char *format;
  GArray *jobs;
  CliOutput sink = { 0 };
  Run run = { 0 };
  gboolean binary, ok = TRUE;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return EXIT_UNUSABLE;
  format = opt_format ? opt_format : "text";
  if (opt_fail_on && !bl_severity_parse (opt_fail_on, &opts.fail_on))
    return fail ("--fail-on takes error, warning or notice"), EXIT_UNUSABLE;
  if (opt_jobs < 0)
    return fail ("-j takes a number of threads ≥ 1"), EXIT_UNUSABLE;
  if (!check_format (format))
    return EXIT_UNUSABLE;
  if (opt_color && strcmp (opt_color, "auto") != 0 && strcmp (opt_color, "always") != 0
      && strcmp (opt_color, "never") != 0)
    return fail ("--color takes auto, always or never, not '%s'", opt_color), EXIT_UNUSABLE;
  if (argc < 2)
    return fail ("no files to check (try --help)"), EXIT_UNUSABLE;
  if ((pack = cli_load_rules (opt_rules)) == NULL)
    return EXIT_UNUSABLE;
  report = bl_report_new (pack);
  if (!set_up (report, pack, format))
    return EXIT_UNUSABLE;
  binary = bl_report_format_is_binary (format);
  opts.color = !binary && strcmp (format, "text") == 0 && want_colour (stdout);

  run.report = report;
  run.buf = buf;
  run.tell_stderr = opt_output != NULL || strcmp (format, "text") != 0;
  if (!binary)
    {
      if (!cli_output_open (&sink, opt_output))
        return EXIT_UNUSABLE;
      run.sink = &sink;
      bl_report_begin (report, format, &opts, buf, NULL);
      cli_output_write (&sink, buf->str, buf->len);
      g_string_truncate (buf, 0);
    }
  run.skipped = skipped;
  jobs = cli_batch_files (argv + 1, argc - 1, skipped);
  cli_batch_run (jobs, pack, opt_jobs ? (guint) opt_jobs : cli_default_jobs (),
                 emit, &run);
  cli_batch_free (jobs);
  if (binary)
    {
      ok = bl_report_write_file (report, format, &opts, opt_output, &error)
           || (cli_display_error (error, opt_output), fail ("%s", error->message));
      tell_skipped (&run, FALSE);
    }
  else
    {
      bl_report_end (report, buf);
      cli_output_write (&sink, buf->str, buf->len);
      tell_skipped (&run, strcmp (format, "text") == 0);
      ok = cli_output_close (&sink);
    }
  if (!write_extras (report, format) || !ok)
    return EXIT_UNUSABLE;
  if (run.n_files == 0)   /* an empty directory, a typo in its name … */
    {
      g_autofree char *name = g_filename_display_name (argv[1]);
      return fail ("没有找到可检查的文件（%s%s）", name, argc > 2 ? " …" : ""), EXIT_UNUSABLE;
    }
  return bl_report_exit_status (report, opts.fail_on);
}
