/* Source text: encodings.  Filings arrive as UTF-8 (with or without BOM)
 * or GB18030/GBK; everything downstream works on UTF-8. */

#include "source.h"

#include <string.h>

char *
bl_source_to_utf8 (const char *data, gsize len, const char *path,
                   const char **encoding, GError **error)
{
  g_autoptr(GError) conv_error = NULL;
  char *out;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, len -= 3;
  if (g_utf8_validate (data, (gssize) len, NULL))
    {
      *encoding = "UTF-8";
      return g_strndup (data, len);
    }
  out = g_convert (data, (gssize) len, "UTF-8", "GB18030", NULL, NULL, &conv_error);
  if (out == NULL)
    {
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                   "%s: neither UTF-8 nor GB18030 text (%s)", path,
                   conv_error->message);
      return NULL;
    }
  *encoding = "GB18030";
  return out;
}

static guint
count_cjk (const char *s, gsize len)
{
  guint n = 0;
  for (const char *p = s; p < s + len && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, (gssize) (s + len - p));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      n += (c >= 0x4E00 && c <= 0x9FFF);
    }
  return n;
}

gboolean
bl_source_is_chinese_text (const char *data, gsize len)
{
  gsize n = MIN (len, 8192);
  g_autofree char *utf8 = NULL;
  const char *enc;

  if (memchr (data, '\0', n))
    return FALSE;
  /* Cut at a character boundary so a truncated prefix still validates. */
  while (n > 0 && n < len && ((unsigned char) data[n] & 0xC0) == 0x80)
    n--;
  utf8 = bl_source_to_utf8 (data, n, "", &enc, NULL);
  if (utf8 == NULL && n < len)
    utf8 = bl_source_to_utf8 (data, n - 1, "", &enc, NULL);
  return utf8 != NULL && count_cjk (utf8, strlen (utf8)) >= 4;
}
