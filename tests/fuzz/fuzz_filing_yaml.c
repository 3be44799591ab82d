/* Fuzz target: bl_filing_load_data() on arbitrary bytes.  A filing or an
 * error must come back, never both, never neither. */

#include <budgetlint/budgetlint.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *buf = g_malloc (size + 1);
  GError *error = NULL;
  BlFiling *f;

  memcpy (buf, data, size);
  buf[size] = '\0';
  f = bl_filing_load_data (buf, size, "fuzz.yaml", &error);
  if ((f == NULL) == (error == NULL))
    abort ();
  if (f != NULL)
    for (guint i = 0; i < bl_filing_get_n_tables (f); i++)
      (void) bl_table_get_n_rows (bl_filing_get_table (f, i));
  bl_filing_free (f);
  g_clear_error (&error);
  g_free (buf);
  return 0;
}
