/* budgetlint — entry point and command table. */

#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const CliCommand commands[] = {
  { "check", cmd_check, "check filings against the rule pack" },
  { "rules", cmd_rules, "list the rules, or run their cases (rules test)" },
  { "explain", cmd_explain, "show one rule: rationale, check and cases" },
  { "convert", cmd_convert, "print what was read from a filing, as canonical YAML" },
};

static void
usage (FILE *to)
{
  fprintf (to, "Usage: budgetlint COMMAND [OPTION…] [FILE…]\n\n"
               "Lint Chinese government budget disclosures (部门决算公开).\n\n"
               "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (to, "\nRun 'budgetlint COMMAND --help' for a command's options; "
               "see budgetlint(1).\n");
}

void
cli_display_error (GError *error, const char *path)
{
  char *shown;

  if (error == NULL || g_utf8_validate (error->message, -1, NULL))
    return;
  if (path && *path && !g_utf8_validate (path, -1, NULL))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_auto(GStrv) pieces = g_strsplit (error->message, path, -1);
      g_free (error->message);
      error->message = g_strjoinv (name, pieces);
    }
  shown = g_utf8_make_valid (error->message, -1);
  g_free (error->message);
  error->message = shown;
}

static char *
read_stdin (gsize *len, GError **error)
{
  GByteArray *data = g_byte_array_new ();
  guint8 buf[65536];
  size_t n;

  /* no further than one byte past what any format may hold: the library
   * then says it is too large, and a endless pipe does not fill memory */
  while (data->len <= BL_FILING_MAX_SIZE && (n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_byte_array_append (data, buf, (guint) n);
  if (ferror (stdin))
    {
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: 无法读取标准输入：%s",
                   CLI_STDIN_NAME, g_strerror (errno));
      g_byte_array_free (data, TRUE);
      return NULL;
    }
  *len = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);   /* a NUL after it */
  return (char *) g_byte_array_free (data, FALSE);
}

BlFiling *
cli_load_filing (const char *arg, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (strcmp (arg, "-") != 0)
    return bl_filing_load_file (arg, error);
  if ((data = read_stdin (&len, error)) == NULL)
    return NULL;
  return bl_filing_load_data (data, len, CLI_STDIN_NAME, error);
}

gboolean
cli_parse (GOptionContext *ctx, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      cli_display_error (error, NULL);
      fprintf (stderr, "budgetlint: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
exe_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe ? g_path_get_dirname (exe) : NULL;
}

static char *
default_rules_dir (void)
{
  const char *env = g_getenv ("BUDGETLINT_RULES");
  g_autofree char *dir = exe_dir ();
  const char *rel[] = { "../share/budgetlint/rules", "../rules", "../../rules" };

  if (env && *env)
    return g_strdup (env);
  for (gsize i = 0; dir && i < G_N_ELEMENTS (rel); i++)
    {
      char *cand = g_build_filename (dir, rel[i], NULL);
      g_autofree char *pack = g_build_filename (cand, "juesuan.yaml", NULL);
      if (g_file_test (pack, G_FILE_TEST_EXISTS))
        return cand;
      g_free (cand);
    }
  return g_strdup (BL_DATADIR "/rules");
}

BlRulePack *
cli_load_rules (const char *path)
{
  g_autofree char *def = path ? NULL : default_rules_dir ();
  g_autoptr(GError) error = NULL;
  BlRulePack *pack = bl_rule_pack_load_file (path ? path : def, &error);

  cli_display_error (error, path ? path : def);
  if (pack == NULL)
    fprintf (stderr, "%s\nbudgetlint: cannot load the rule pack\n", error->message);
  return pack;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr);
      return EXIT_UNUSABLE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return EXIT_CLEAN;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      printf ("budgetlint %s\n", BL_VERSION);
      return EXIT_CLEAN;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        int status = commands[i].run (argc - 1, argv + 1);
        /* what went to standard output (> /dev/full) must have arrived */
        return cli_close_stdout () ? status : EXIT_UNUSABLE;
      }
  fprintf (stderr, "budgetlint: unknown command '%s'\n\n", argv[1]);
  usage (stderr);
  return EXIT_UNUSABLE;
}
