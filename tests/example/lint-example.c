/* lint-example: check one filing against a rule pack with libbudgetlint.
 *
 *   cc -o lint-example lint-example.c $(pkg-config --cflags --libs budgetlint)
 *   ./lint-example FILING RULES
 *
 * Exit status: 0 no error finding, 1 error findings, 2 unusable input.
 * This is the program of libbudgetlint(3); keep the two in step. */

#include <budgetlint/budgetlint.h>

#include <stdio.h>

static void
print_diagnostic (const BlDiagnostic *d)
{
  const BlLocation *loc = NULL;
  const char *actual = bl_diagnostic_get_value (d, "actual");

  if (bl_diagnostic_get_n_locations (d) > 0)
    loc = bl_diagnostic_get_location (d, 0);
  printf ("%u: %s[%s] %s\n", loc ? loc->line : 0,
          bl_severity_name (bl_diagnostic_get_severity (d)),
          bl_diagnostic_get_rule (d), bl_diagnostic_get_message (d));
  if (actual != NULL)
    printf ("    actual %s, expected %s, difference %s %s\n", actual,
            bl_diagnostic_get_value (d, "expected"),
            bl_diagnostic_get_value (d, "difference"),
            bl_diagnostic_get_value (d, "unit"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) filing = NULL;
  g_autoptr(BlRulePack) pack = NULL;
  g_autoptr(BlDiagnostics) diags = NULL;
  guint n, n_errors;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s FILING RULES\n", argv[0]);
      return 2;
    }
  filing = bl_filing_load_file (argv[1], &error);
  if (filing == NULL)
    {
      fprintf (stderr, "%s\n", error->message);   /* every problem, one a line */
      return 2;
    }
  pack = bl_rule_pack_load_file (argv[2], &error);
  if (pack == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  diags = bl_rule_pack_check (pack, filing);     /* findings are data */
  n = bl_diagnostics_get_n (diags);
  for (guint i = 0; i < n; i++)
    print_diagnostic (bl_diagnostics_get (diags, i));
  n_errors = bl_diagnostics_count (diags, BL_SEVERITY_ERROR);
  printf ("%s: %u finding(s), %u error(s)\n", bl_filing_get_path (filing), n,
          n_errors);
  return n_errors > 0 ? 1 : 0;
}
