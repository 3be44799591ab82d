/* The budgetlint command: one file per command, a table in main.c. */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <budgetlint/budgetlint.h>

/* Exit statuses (budgetlint(1)). */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_UNUSABLE = 2 };

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} CliCommand;

int cmd_check (int argc, char **argv);
int cmd_rules (int argc, char **argv);
int cmd_explain (int argc, char **argv);
int cmd_convert (int argc, char **argv);

/* Loads the pack at @path, or the default pack when @path is NULL
 * ($BUDGETLINT_RULES, then next to the executable, then the installed
 * one).  Prints the problems and returns NULL on failure. */
BlRulePack *cli_load_rules (const char *path);

/* Parses the command's options; prints the error and returns FALSE. */
gboolean cli_parse (GOptionContext *ctx, int *argc, char ***argv);

#endif
