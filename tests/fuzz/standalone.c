/* Replays fuzzing inputs without libFuzzer: each file named on the command
 * line is read and passed to LLVMFuzzerTestOneInput once, as libgit2's
 * fuzzers/standalone_driver.c does.  `make check-fuzz` runs the corpora
 * through it under gcc, so a crash found once stays a regression test. */

#include <glib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int argc, char **argv)
{
  int replayed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (argv[i], &data, &len, &error))
        {
          fprintf (stderr, "%s: %s\n", argv[0], error->message);
          return EXIT_FAILURE;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      replayed++;
    }
  printf ("%d inputs replayed\n", replayed);
  return EXIT_SUCCESS;
}
