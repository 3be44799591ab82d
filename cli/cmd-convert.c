/* budgetlint convert: show what was read, as a canonical YAML filing. */

#include "cli.h"

#include <stdio.h>
#include <string.h>

static char *opt_to = NULL, *opt_output = NULL;

static const GOptionEntry entries[] = {
  { "to", 't', 0, G_OPTION_ARG_STRING, &opt_to, "Output format: yaml (default) or json", "FORMAT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE", "FILE" },
  { NULL }
};

int
cmd_convert (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("FILE — print a filing as canonical YAML (FILE - : standard input)");
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) filing = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, &argc, &argv))
    return EXIT_UNUSABLE;
  if (argc != 2)
    {
      fprintf (stderr, "budgetlint: usage: budgetlint convert FILE [--to yaml|json] [-o OUT]\n");
      return EXIT_UNUSABLE;
    }
  if (opt_to && strcmp (opt_to, "yaml") != 0 && strcmp (opt_to, "json") != 0)
    {
      fprintf (stderr, "budgetlint: --to takes yaml or json\n");
      return EXIT_UNUSABLE;
    }
  if ((filing = cli_load_filing (argv[1], &error)) == NULL)
    {
      if (error->domain != BL_ERROR)
        g_prefix_error (&error, "%s: ", strcmp (argv[1], "-") ? argv[1] : CLI_STDIN_NAME);
      cli_display_error (error, argv[1]);
      fprintf (stderr, "%s\n", error->message);
      return EXIT_UNUSABLE;
    }
  if (opt_to && strcmp (opt_to, "json") == 0)
    bl_filing_write_json (filing, out);
  else
    bl_filing_write_yaml (filing, out);
  return cli_write_file (opt_output, out) ? EXIT_CLEAN : EXIT_UNUSABLE;
}
