/* Fuzz target: bl_decimal_parse().  Whatever parses must round-trip:
 * formatting the value (bl_decimal_format() prints no unit, so the unit's
 * name is appended) and parsing that again gives the same units, digits
 * and unit. */

#include <budgetlint/budgetlint.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text = g_malloc (size + 1);
  BlDecimal d, again;
  GError *error = NULL;

  memcpy (text, data, size);
  text[size] = '\0';
  (void) bl_decimal_text_is_blank (text);
  if (bl_decimal_parse (text, &d, &error))
    {
      char *number = bl_decimal_format (d);
      char *canon = g_strconcat (number, bl_unit_name ((BlUnit) d.unit), NULL);
      if (!bl_decimal_parse (canon, &again, NULL)
          || again.units != d.units || again.digits != d.digits
          || again.unit != d.unit)
        {
          fprintf (stderr, "round trip failed: '%s' → '%s'\n", text, canon);
          abort ();
        }
      g_free (canon);
      g_free (number);
    }
  else if (error == NULL || error->domain != BL_ERROR
           || (error->code != BL_ERROR_INPUT && error->code != BL_ERROR_OVERFLOW))
    abort ();
  g_clear_error (&error);
  g_free (text);
  return 0;
}
