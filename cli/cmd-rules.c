/* budgetlint rules [test] and budgetlint explain ID. */

#include "cli.h"

#include <stdio.h>
#include <string.h>

static char *opt_rules = NULL, *opt_table = NULL, *opt_severity = NULL;

static const GOptionEntry entries[] = {
  { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &opt_rules, "Rule pack file or directory", "PATH" },
  { "table", 't', 0, G_OPTION_ARG_STRING, &opt_table, "Only rules on this table kind", "KIND" },
  { "severity", 's', 0, G_OPTION_ARG_STRING, &opt_severity, "Only rules of this severity", "LEVEL" },
  { NULL }
};

static gboolean
selected (const BlRule *rule)
{
  const char *const *tables = bl_rule_get_tables (rule);
  BlSeverity sev;

  if (opt_severity && bl_severity_parse (opt_severity, &sev)
      && bl_rule_get_severity (rule) != sev)
    return FALSE;
  if (opt_table && !(tables && g_strv_contains (tables, opt_table)))
    return FALSE;
  return TRUE;
}

/* Whether some rule of @pack is on table kind @kind; if none, says so
 * with the kinds there are (a typo must not list nothing). */
static gboolean
known_table (const BlRulePack *pack, const char *kind)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; i < bl_rule_pack_get_n_rules (pack); i++)
    {
      const char *const *tables = bl_rule_get_tables (bl_rule_pack_get_rule (pack, i));
      for (guint t = 0; tables && tables[t]; t++)
        {
          if (strcmp (tables[t], kind) == 0)
            return TRUE;
          if (!g_ptr_array_find_with_equal_func (kinds, tables[t], g_str_equal, NULL))
            g_ptr_array_add (kinds, (gpointer) tables[t]);
        }
    }
  g_ptr_array_add (kinds, NULL);
  list = g_strjoinv (", ", (char **) kinds->pdata);
  fprintf (stderr, "budgetlint: --table '%s'：没有规则作用于这种表（有：%s）\n", kind, list);
  return FALSE;
}

static int
list_rules (const BlRulePack *pack)
{
  printf ("# %s %s\n", bl_rule_pack_get_name (pack), bl_rule_pack_get_version (pack));
  for (guint i = 0; i < bl_rule_pack_get_n_rules (pack); i++)
    {
      const BlRule *r = bl_rule_pack_get_rule (pack, i);
      if (selected (r))
        printf ("%-28s %-8s %s\n", bl_rule_get_id (r),
                bl_severity_name (bl_rule_get_severity (r)), bl_rule_get_title (r));
    }
  return EXIT_CLEAN;
}

static int
test_rules (const BlRulePack *pack)
{
  g_autoptr(GString) report = g_string_new (NULL);
  guint passed = 0, failed = 0;
  gboolean ok = bl_rule_pack_test (pack, report, &passed, &failed);

  fputs (report->str, stdout);
  printf ("rule cases (%s %s, %u rules): %u passed, %u failed\n",
          bl_rule_pack_get_name (pack), bl_rule_pack_get_version (pack),
          bl_rule_pack_get_n_rules (pack), passed, failed);
  return ok ? EXIT_CLEAN : EXIT_FINDINGS;
}

int
cmd_rules (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("[test] — list the rules or run their cases");
  g_autoptr(BlRulePack) pack = NULL;
  BlSeverity sev;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return EXIT_UNUSABLE;
  if (opt_severity && !bl_severity_parse (opt_severity, &sev))
    {
      fprintf (stderr, "budgetlint: --severity takes error, warning or notice\n");
      return EXIT_UNUSABLE;
    }
  if (argc > 2 || (argc == 2 && strcmp (argv[1], "test") != 0))
    {
      fprintf (stderr, "budgetlint: usage: budgetlint rules [test] [OPTION…]\n");
      return EXIT_UNUSABLE;
    }
  if ((pack = cli_load_rules (opt_rules)) == NULL)
    return EXIT_UNUSABLE;
  if (opt_table && !known_table (pack, opt_table))
    return EXIT_UNUSABLE;
  return argc == 2 ? test_rules (pack) : list_rules (pack);
}

int
cmd_explain (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("RULE-ID — show one rule");
  g_autoptr(BlRulePack) pack = NULL;
  const BlRule *r;
  const char *const *tables;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return EXIT_UNUSABLE;
  if (argc != 2)
    {
      fprintf (stderr, "budgetlint: usage: budgetlint explain RULE-ID\n");
      return EXIT_UNUSABLE;
    }
  if ((pack = cli_load_rules (opt_rules)) == NULL)
    return EXIT_UNUSABLE;
  if ((r = bl_rule_pack_find_rule (pack, argv[1])) == NULL)
    {
      fprintf (stderr, "budgetlint: no rule '%s' in %s (see 'budgetlint rules')\n",
               argv[1], bl_rule_pack_get_name (pack));
      return EXIT_UNUSABLE;
    }
  printf ("%s  %s\n", bl_rule_get_id (r), bl_rule_get_title (r));
  printf ("severity: %s\n", bl_severity_name (bl_rule_get_severity (r)));
  tables = bl_rule_get_tables (r);
  if (tables)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tables);
      printf ("tables:   %s\n", joined);
    }
  printf ("check:    %s\n", bl_rule_get_check (r));
  printf ("message:  %s\n", bl_rule_get_message (r));
  printf ("cases:    %u\n", bl_rule_get_n_cases (r));
  printf ("defined:  %s\n", bl_rule_get_origin (r));
  if (bl_rule_get_explanation (r))
    printf ("\n%s\n", bl_rule_get_explanation (r));
  return EXIT_CLEAN;
}
