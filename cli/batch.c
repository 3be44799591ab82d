/* Batches: the files a run checks, read and checked by worker threads,
 * handed back in a fixed order whatever finished first, with a progress
 * bar on a terminal.
 *
 * Workers only load and check (the library is safe for that on one shared
 * pack); everything that touches the report runs on the calling thread, in
 * order.  At most a few jobs per worker run ahead of the oldest unfinished
 * one, so a batch holds a bounded number of filings whatever its size. */

#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const candidate_ext[] = {
  ".yaml", ".yml", ".txt", ".md", ".pdf", ".xlsx",
};

static gboolean
is_candidate (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (name[0] == '.')
    return FALSE;
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

/* Files under @dir whose names make them candidates, hidden entries
 * skipped; appended in no particular order (the caller sorts). */
static void
walk (const char *dir, GArray *jobs, guint depth)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL || depth > 64)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        walk (path, jobs, depth + 1);
      else if (is_candidate (name) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          CliJob job = { 0 };
          job.path = g_steal_pointer (&path);
          job.found = TRUE;
          g_array_append_val (jobs, job);
        }
    }
}

GArray *
cli_batch_files (char **args, int n)
{
  GArray *jobs = g_array_new (FALSE, TRUE, sizeof (CliJob));

  for (int i = 0; i < n; i++)
    {
      if (g_file_test (args[i], G_FILE_TEST_IS_DIR))
        {
          guint first = jobs->len;
          g_autofree char *dir = g_strdup (args[i]);
          gsize len = strlen (dir);

          while (len > 1 && dir[len - 1] == '/')
            dir[--len] = '\0';
          walk (dir, jobs, 0);
          /* Sort what this argument found: by path, whatever the file
           * system's order. */
          if (jobs->len > first)    /* qsort wants a real array, even of none */
            qsort (&g_array_index (jobs, CliJob, first), jobs->len - first,
                   sizeof (CliJob), by_path);
          continue;
        }
      {
        CliJob job = { 0 };
        job.path = g_strdup (args[i]);
        g_array_append_val (jobs, job);
      }
    }
  return jobs;
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
  job->filing = bl_filing_load_file (job->path, &job->error);
  if (job->filing)
    job->diags = bl_rule_pack_check (pack, job->filing);
  g_atomic_int_set (&job->finished, TRUE);
}

/* ---- progress ---- */

typedef struct {
  gboolean on;
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
  fprintf (stderr, "\r\033[K[%s] %u/%u files, %u findings, %.0f files/s",
           bar, done, p->total, findings, secs > 0 ? done / secs : 0.0);
  fflush (stderr);
}

static void
progress_end (Progress *p)
{
  if (p->on)
    fprintf (stderr, "\r\033[K");
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

guint
cli_default_jobs (void)
{
  return MAX (1, g_get_num_processors ());
}

void
cli_batch_run (GArray *jobs, const BlRulePack *pack, guint n_threads,
               CliEmit emit, gpointer user_data)
{
  Progress progress = { isatty (fileno (stderr)) && jobs->len > 1,
                        g_get_monotonic_time (), 0, jobs->len };
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
      while (next_emit < jobs->len
             && g_atomic_int_get (&g_array_index (jobs, CliJob, next_emit).finished))
        {
          CliJob *j = &g_array_index (jobs, CliJob, next_emit++);
          found = emit (j, user_data);
          g_clear_pointer (&j->filing, bl_filing_free);
          j->diags = NULL;          /* taken by emit */
          g_clear_error (&j->error);
        }
      progress_show (&progress, done, found, FALSE);
    }
  progress_show (&progress, done, found, TRUE);
  progress_end (&progress);
  if (threads)
    {
      g_thread_pool_free (threads, FALSE, TRUE);
      g_async_queue_unref (pool.done);
    }
}
