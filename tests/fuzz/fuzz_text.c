/* Fuzz target: the text reader and recognition on arbitrary text.  The
 * seeds are excerpts of real reports (tables copied out of PDFs, Markdown
 * with tab-separated tables); whatever the bytes, a filing or an error
 * comes back, and a filing that was read can be written out as YAML and
 * read back. */

#include <budgetlint/budgetlint.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
round_trip (const BlFiling *f)
{
  GString *yaml = g_string_new (NULL);
  GError *error = NULL;
  BlFiling *back;

  bl_filing_write_yaml (f, yaml);
  back = bl_filing_load_data (yaml->str, yaml->len, "round-trip.yaml", &error);
  if (back == NULL || bl_filing_get_n_tables (back) != bl_filing_get_n_tables (f))
    abort ();
  bl_filing_free (back);
  g_string_free (yaml, TRUE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *buf = g_malloc (size + 1);
  GError *error = NULL;
  BlFiling *f;

  memcpy (buf, data, size);
  buf[size] = '\0';
  f = bl_filing_load_data (buf, size, "fuzz.txt", &error);
  if ((f == NULL) == (error == NULL))
    abort ();
  if (f != NULL)
    round_trip (f);
  bl_filing_free (f);
  g_clear_error (&error);
  g_free (buf);
  return 0;
}
