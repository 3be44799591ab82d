/* budgetlint check: every file gets its own result; an unusable file
 * never stops the others. */

#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *opt_format = NULL, *opt_rules = NULL, *opt_fail_on = NULL;
static char *opt_output = NULL, *opt_color = NULL;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "Output format: text (default) or json", "FORMAT" },
  { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &opt_rules, "Rule pack file or directory", "PATH" },
  { "fail-on", 0, 0, G_OPTION_ARG_STRING, &opt_fail_on, "Exit 1 for findings at or above: error (default), warning, notice", "LEVEL" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write the report to FILE", "FILE" },
  { "color", 0, 0, G_OPTION_ARG_STRING, &opt_color, "auto (default), always or never", "WHEN" },
  { NULL }
};

static gboolean
want_colour (FILE *out)
{
  if (opt_color && strcmp (opt_color, "always") == 0)
    return TRUE;
  if (opt_color && strcmp (opt_color, "never") == 0)
    return FALSE;
  return opt_output == NULL && isatty (fileno (out)) && g_getenv ("NO_COLOR") == NULL;
}

static void
check_one (BlReport *report, const BlRulePack *pack, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) filing = bl_filing_load_file (path, &error);

  if (filing == NULL)
    {
      if (error->domain != BL_ERROR)
        g_prefix_error (&error, "%s: ", path);
      bl_report_add_failure (report, path, error);
      return;
    }
  bl_report_add_filing (report, path, filing, bl_rule_pack_check (pack, filing));
}

static gboolean
write_report (const BlReport *report, const BlReportOptions *opts)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!bl_report_write (report, opt_format ? opt_format : "text", opts, out, &error))
    {
      fprintf (stderr, "budgetlint: %s\n", error->message);
      return FALSE;
    }
  if (opt_output)
    {
      if (!g_file_set_contents (opt_output, out->str, (gssize) out->len, &error))
        {
          fprintf (stderr, "budgetlint: %s\n", error->message);
          return FALSE;
        }
      return TRUE;
    }
  fwrite (out->str, 1, out->len, stdout);
  return TRUE;
}

int
cmd_check (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("FILE… — check filings");
  g_autoptr(BlRulePack) pack = NULL;
  g_autoptr(BlReport) report = NULL;
  BlReportOptions opts = { FALSE, BL_SEVERITY_ERROR };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return EXIT_UNUSABLE;
  if (opt_fail_on && !bl_severity_parse (opt_fail_on, &opts.fail_on))
    {
      fprintf (stderr, "budgetlint: --fail-on takes error, warning or notice\n");
      return EXIT_UNUSABLE;
    }
  if (argc < 2)
    {
      fprintf (stderr, "budgetlint: no files to check (try --help)\n");
      return EXIT_UNUSABLE;
    }
  if ((pack = cli_load_rules (opt_rules)) == NULL)
    return EXIT_UNUSABLE;
  report = bl_report_new (pack);
  for (int i = 1; i < argc; i++)
    check_one (report, pack, argv[i]);
  opts.color = want_colour (stdout);
  if (!write_report (report, &opts))
    return EXIT_UNUSABLE;
  return bl_report_exit_status (report, opts.fail_on);
}
