/* Source text: encodings.  Filings arrive as UTF-8 (with or without BOM)
 * or GB18030/GBK; everything downstream works on UTF-8. */

#include "source.h"

#include <string.h>

/* How many bytes of @data read as UTF-8. */
static gsize
utf8_prefix (const char *data, gsize len)
{
  const char *end;
  g_utf8_validate (data, (gssize) len, &end);
  return (gsize) (end - data);
}

/* How many bytes of @data read as GB18030; with @out, their UTF-8. */
static gsize
gb18030_prefix (const char *data, gsize len, char **out)
{
  gsize read = 0;
  char *s = g_convert (data, (gssize) len, "UTF-8", "GB18030", &read, NULL, NULL);
  if (out)
    *out = s;
  else
    g_free (s);
  return s ? len : read;
}

/* @data cut where neither encoding reads on (the longer of the two valid
 * prefixes, that encoding being the likelier one), as UTF-8. */
static char *
readable_prefix (const char *data, gsize len, gsize *bad)
{
  gsize u = utf8_prefix (data, len), g;
  char *out = NULL;

  if (u == len)
    return *bad = len, g_strndup (data, len);
  if ((g = gb18030_prefix (data, len, NULL)) <= u)
    return *bad = u, g_strndup (data, u);
  gb18030_prefix (data, g, &out);
  *bad = g;
  return out;
}

void
bl_source__locate (const char *data, gsize offset, guint *line, guint *col)
{
  gsize start = 0, bad;
  g_autofree char *text = NULL;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      (*line)++, start = i + 1;
  text = readable_prefix (data + start, offset - start, &bad);
  *col = (guint) (g_utf8_strlen (text, -1) + (glong) (offset - start - bad)) + 1;
}

char *
bl_source_to_utf8 (const char *data, gsize len, const char *path,
                   const char **encoding, GError **error)
{
  const char *file = data;
  char *out;
  gsize bad;
  guint line, col;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, len -= 3;
  if (utf8_prefix (data, len) == len)
    {
      *encoding = "UTF-8";
      return g_strndup (data, len);
    }
  if (gb18030_prefix (data, len, &out) == len)
    {
      *encoding = "GB18030";
      return out;
    }
  g_free (readable_prefix (data, len, &bad));
  bl_source__locate (data, bad, &line, &col);
  g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
               "%s:%u:%u: 既不是 UTF-8 也不是 GB18030 文本：第 %" G_GSIZE_FORMAT
               " 字节 0x%02X 无法读出（neither UTF-8 nor GB18030 text）", path, line,
               col, (gsize) (data - file) + bad + 1, (guint) (guchar) data[bad]);
  return NULL;
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

/* Text that turns unreadable further on (a byte of another encoding)
 * is text still, so that its reader can say where. */
gboolean
bl_source_is_chinese_text (const char *data, gsize len)
{
  gsize n = MIN (len, 8192), bad;
  g_autofree char *utf8 = NULL;

  if (memchr (data, '\0', n))
    return FALSE;
  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, n -= 3;
  utf8 = readable_prefix (data, n, &bad);
  return count_cjk (utf8, strlen (utf8)) >= 4;
}
