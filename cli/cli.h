/* The budgetlint command: one file per command, a table in main.c. */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <budgetlint/budgetlint.h>

#include <stdio.h>

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

/* @error's message as stderr and reports show it: the file name @path
 * (which need not be UTF-8) as g_filename_display_name() shows it, any
 * other byte that is not UTF-8 as U+FFFD.  Rewrites it in place. */
void cli_display_error (GError *error, const char *path);

/* How reports name standard input, read for a FILE of "-". */
#define CLI_STDIN_NAME "<stdin>"

/* The filing in the file @arg, or on standard input for "-" (read
 * whole, its content recognised as a file's is). */
BlFiling *cli_load_filing (const char *arg, GError **error);

/* Parses the command's options; prints the error and returns FALSE. */
gboolean cli_parse (GOptionContext *ctx, int *argc, char ***argv);

/* output.c: a command's output, -o FILE or standard output.  A regular
 * file (or a new name, or a link's target) is replaced whole once
 * complete; a device or FIFO is written in place.  Errors are printed. */
typedef struct {
  FILE *fp;
  char *path;               /* as named; NULL: standard output */
  char *target;             /* what the temporary file replaces */
  char *tmp;                /* NULL: written in place */
  unsigned mode;
  int failed;               /* errno of the first failed write */
} CliOutput;

gboolean cli_output_open (CliOutput *o, const char *path);
void cli_output_write (CliOutput *o, const char *buf, gsize len);
/* Flushes and closes (renames into place); FALSE after any failure. */
gboolean cli_output_close (CliOutput *o);
/* @s to @path, as above. */
gboolean cli_write_file (const char *path, const GString *s);
/* Flushes and closes standard output; FALSE (and a message) if it failed. */
gboolean cli_close_stdout (void);

/* batch.c: one file of a batch, from its path to its results. */
typedef struct {
  char *path;
  gboolean found;           /* found in a directory, not named */
  gint finished;            /* set (atomically) once filing/diags/error are */
  BlFiling *filing;         /* or NULL with @error */
  BlDiagnostics *diags;
  GError *error;
} CliJob;

/* Called in batch order, on the calling thread; takes @job->diags.
 * Returns: the findings reported so far, for the progress bar. */
typedef guint (*CliEmit) (CliJob *job, gpointer user_data);

/* The files named by @args: files as given ("-": standard input),
 * directories walked for candidate files (by extension), each real
 * directory and file once, each directory's files sorted by path.  What
 * a walk skips is added to @skipped ("name：why", as cli_batch_skip()). */
GArray *cli_batch_files (char **args, int n, GPtrArray *skipped);
void cli_batch_skip (GPtrArray *skipped, const char *path, const char *why);
void cli_batch_free (GArray *jobs);
/* Loads and checks every job on @n_threads threads; @emit sees each in
 * order.  A progress bar goes to stderr when it is a terminal. */
void cli_batch_run (GArray *jobs, const BlRulePack *pack, guint n_threads,
                    CliEmit emit, gpointer user_data);
guint cli_default_jobs (void);

#endif
