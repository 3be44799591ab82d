/* Batches: the files a run checks, read and checked by worker threads,
 * handed back in a fixed order whatever finished first, with a progress
 * bar on a terminal.
 *
 * Workers only load and check (the library is safe for that on one shared
 * pack); everything that touches the report runs on the calling thread, in
 * order.  At most a few jobs per worker run ahead of the oldest unfinished
 * one, so a batch holds a bounded number of filings whatever its size. */

#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const candidate_ext[] = {
  ".yaml", ".yml", ".txt", ".md", ".pdf", ".xlsx",
};

static gboolean
is_candidate (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (candidate_ext); i++)
    if (g_str_has_suffix (lower, candidate_ext[i]))
      return TRUE;
  return FALSE;
}

static int
by_path (gconstpointer a, gconstpointer b)
{
  return strcmp (((const CliJob *) a)->path, ((const CliJob *) b)->path);
}

static int
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* A directory scan: what it took, what it skipped and why, and every
 * real directory and file it met, by device and inode, so that a link
 * back up the tree (a directory holding two links to itself made 2^40
 * paths) is followed once and a file reached twice is checked once. */
typedef struct {
  GArray *jobs;
  GPtrArray *skipped;
  GHashTable *seen;             /* "dev:ino" */
} Scan;

/* TRUE the first time the file or directory @st is met. */
static gboolean
first_visit (Scan *scan, const struct stat *st)
{
  return g_hash_table_add (scan->seen, g_strdup_printf ("%ju:%ju", (uintmax_t) st->st_dev,
                                                        (uintmax_t) st->st_ino));
}

void
cli_batch_skip (GPtrArray *skipped, const char *path, const char *why)
{
  g_autofree char *name = g_filename_display_name (path);
  g_ptr_array_add (skipped, g_strdup_printf ("%s：%s", name, why));
}

static void walk (Scan *scan, const char *dir, guint depth);

/* One entry of a scanned directory: a directory is walked, a file taken
 * or skipped by its name (the content is looked at once it is read). */
static void
take (Scan *scan, const char *path, const char *name, guint depth)
{
  struct stat st;

  if (stat (path, &st) != 0)
    cli_batch_skip (scan->skipped, path, "无法访问（断开的链接？）");
  else if (S_ISDIR (st.st_mode))
    {
      if (first_visit (scan, &st))
        walk (scan, path, depth + 1);
    }
  else if (!S_ISREG (st.st_mode))
    cli_batch_skip (scan->skipped, path, "不是普通文件");
  else if (!is_candidate (name))
    cli_batch_skip (scan->skipped, path, "扩展名不是 .yaml .yml .txt .md .pdf .xlsx");
  else if (first_visit (scan, &st))
    {
      CliJob job = { 0 };
      job.path = g_strdup (path);
      job.found = TRUE;
      g_array_append_val (scan->jobs, job);
    }
}

/* The entries of @dir in name order (so that which of two paths to one
 * file is kept does not depend on the file system's order), hidden ones
 * left out. */
static void
walk (Scan *scan, const char *dir, guint depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    {
      g_autofree char *why = g_strdup_printf ("无法打开目录：%s", error->message);
      cli_batch_skip (scan->skipped, dir, why);
      return;
    }
  if (depth > 64)
    {
      cli_batch_skip (scan->skipped, dir, "目录层级超过 64，未进入");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, by_name);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      take (scan, path, g_ptr_array_index (names, i), depth);
    }
}

static void
scan_dir (Scan *scan, const char *arg)
{
  g_autofree char *dir = g_strdup (arg);
  gsize len = strlen (dir);
  guint first = scan->jobs->len;
  struct stat st;

  while (len > 1 && dir[len - 1] == '/')
    dir[--len] = '\0';
  if (stat (dir, &st) == 0 && first_visit (scan, &st))
    walk (scan, dir, 0);
  /* Sort what this argument found: by path, whatever the file system's
   * order. */
  if (scan->jobs->len > first)    /* qsort wants a real array, even of none */
    qsort (&g_array_index (scan->jobs, CliJob, first), scan->jobs->len - first,
           sizeof (CliJob), by_path);
}

GArray *
cli_batch_files (char **args, int n, GPtrArray *skipped)
{
  Scan scan = { g_array_new (FALSE, TRUE, sizeof (CliJob)), skipped,
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

  for (int i = 0; i < n; i++)
    {
      struct stat st;

      if (strcmp (args[i], "-") != 0 && stat (args[i], &st) == 0 && S_ISDIR (st.st_mode))
        scan_dir (&scan, args[i]);
      else
        {
          CliJob job = { 0 };
          job.path = g_strdup (args[i]);
          if (stat (args[i], &st) == 0)
            first_visit (&scan, &st);     /* a scan does not take it again */
          g_array_append_val (scan.jobs, job);
        }
    }
  g_hash_table_destroy (scan.seen);
  return scan.jobs;
}

void
cli_batch_free (GArray *jobs)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      CliJob *j = &g_array_index (jobs, CliJob, i);
      g_free (j->path);
      bl_filing_free (j->filing);
      bl_diagnostics_free (j->diags);
      g_clear_error (&j->error);
    }
  g_array_free (jobs, TRUE);
}

/* The flag publishes the results to the thread that emits them (an
 * atomic store and load, which ThreadSanitizer sees; GLib's own queue
 * locks are invisible to it). */
static void
run_job (CliJob *job, const BlRulePack *pack)
{
  job->filing = cli_load_filing (job->path, &job->error);
  if (job->filing)
    job->diags = bl_rule_pack_check (pack, job->filing);
  g_atomic_int_set (&job->finished, TRUE);
}

/* ---- progress ---- */

/* The bar is one line on stderr, redrawn in place.  Whatever else goes to
 * the terminal (the report on standard output, a message on stderr) is
 * written with the bar cleared first and the bar drawn again below it:
 * written after the bar, a finding landed on its line. */
typedef struct {
  gboolean on, shown;
  gboolean stdout_tty;          /* the report may go to the terminal */
  gint64 start, last;
  guint total;
} Progress;

static void
progress_show (Progress *p, guint done, guint findings, gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  double secs = (now - p->start) / 1e6;
  char bar[31];
  guint filled;

  if (!p->on || (!force && now - p->last < 100000))
    return;
  p->last = now;
  filled = p->total ? (guint) ((guint64) done * 30 / p->total) : 30;
  memset (bar, '#', filled);
  memset (bar + filled, '-', 30 - filled);
  bar[30] = '\0';
  fflush (stdout);                /* what was written is above the bar */
  fprintf (stderr, "\r\033[K[%s] %u/%u files, %u findings, %.0f files/s",
           bar, done, p->total, findings, secs > 0 ? done / secs : 0.0);
  fflush (stderr);
  p->shown = TRUE;
}

static void
progress_clear (Progress *p)
{
  if (p->shown)
    fprintf (stderr, "\r\033[K");
  p->shown = FALSE;
}

/* ---- the pool ---- */

typedef struct {
  const BlRulePack *pack;
  GAsyncQueue *done;
} Pool;

static void
worker (gpointer data, gpointer user_data)
{
  CliJob *job = data;
  Pool *pool = user_data;

  run_job (job, pool->pack);
  g_async_queue_push (pool->done, job);
}

/* Emits the jobs finished from @next on, in order, the bar cleared
 * first when the report goes to a terminal or a failure may be said on
 * stderr. */
static void
emit_finished (GArray *jobs, guint *next, guint *found, CliEmit emit,
               gpointer user_data, Progress *progress)
{
  while (*next < jobs->len
         && g_atomic_int_get (&g_array_index (jobs, CliJob, *next).finished))
    {
      CliJob *j = &g_array_index (jobs, CliJob, (*next)++);
      if (progress->stdout_tty || j->error)
        progress_clear (progress);
      *found = emit (j, user_data);
      g_clear_pointer (&j->filing, bl_filing_free);
      j->diags = NULL;          /* taken by emit */
      g_clear_error (&j->error);
    }
}

guint
cli_default_jobs (void)
{
  return MAX (1, g_get_num_processors ());
}

void
cli_batch_run (GArray *jobs, const BlRulePack *pack, guint n_threads,
               CliEmit emit, gpointer user_data)
{
  Progress progress = { isatty (fileno (stderr)) && jobs->len > 1, FALSE,
                        isatty (fileno (stdout)), g_get_monotonic_time (), 0,
                        jobs->len };
  guint next_emit = 0, next_submit = 0, window = 4 * n_threads, done = 0, found = 0;
  Pool pool = { pack, NULL };
  GThreadPool *threads = NULL;

  if (n_threads > 1 && jobs->len > 1)
    {
      pool.done = g_async_queue_new ();
      threads = g_thread_pool_new (worker, &pool, (gint) n_threads, FALSE, NULL);
    }
  while (next_emit < jobs->len)
    {
      CliJob *job;

      if (threads == NULL)
        {
          job = &g_array_index (jobs, CliJob, next_emit);
          run_job (job, pack);
        }
      else
        {
          while (next_submit < jobs->len && next_submit - next_emit < window)
            g_thread_pool_push (threads, &g_array_index (jobs, CliJob, next_submit++), NULL);
          job = g_async_queue_timeout_pop (pool.done, 100000);
        }
      done += job != NULL;
      emit_finished (jobs, &next_emit, &found, emit, user_data, &progress);
      if (progress.on && !progress.shown)
        progress.last = 0;        /* drawn again now, below what was written */
      progress_show (&progress, MAX (done, next_emit), found, FALSE);
    }
  /* the last frame: every file */
  progress_show (&progress, jobs->len, found, TRUE);
  progress_clear (&progress);
  if (threads)
    {
      g_thread_pool_free (threads, FALSE, TRUE);
      g_async_queue_unref (pool.done);
    }
}
