/* Loading a filing: read the bytes, pick the reader by content. */

#include "input/input.h"
#include "recognize.h"
#include "template.h"
#include "source.h"

#include <string.h>
#include <glib/gstdio.h>

gboolean
bl_input__check_size (const char *name, guint64 size, guint64 limit, int code,
                      GError **error)
{
  if (size <= limit)
    return TRUE;
  g_set_error (error, BL_ERROR, code,
               "%s: 文件过大（%" G_GUINT64_FORMAT " 字节），超过 %" G_GUINT64_FORMAT
               " MiB 的上限，不予读取（file too large）", name, size, limit >> 20);
  return FALSE;
}

gboolean
bl_input__get_contents (const char *path, guint64 limit, int code, char **data,
                        gsize *len, GError **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode)
      && !bl_input__check_size (path, (guint64) st.st_size, limit, code, error))
    return FALSE;
  if (!g_file_get_contents (path, data, len, error))
    return FALSE;
  if (bl_input__check_size (path, *len, limit, code, error))
    return TRUE;
  g_clear_pointer (data, g_free);
  return FALSE;
}

/* Binary formats give a grid; recognition makes the filing. */
static gboolean
pdf_probe (const char *data, gsize len)
{
  return len >= 5 && memcmp (data, "%PDF-", 5) == 0;
}

static BlFiling *
pdf_read (const char *data, gsize len, const char *path, GError **error)
{
  g_autoptr(BlGrid) grid = bl_pdf_grid_read (data, len, path, error);
  return grid ? bl_recognize (grid, error) : NULL;
}

static const BlInputFormat input_pdf = { "pdf", pdf_probe, pdf_read };

/* A zip (XLSX), or an OLE2 compound file so that a legacy .xls or an
 * encrypted workbook is named as such rather than as "binary data". */
static gboolean
xlsx_probe (const char *data, gsize len)
{
  return len >= 4 && (memcmp (data, "PK\3\4", 4) == 0
                      || memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0);
}

static BlFiling *
xlsx_read (const char *data, gsize len, const char *path, GError **error)
{
  g_autoptr(BlGrid) grid = bl_xlsx_grid_read (data, len, path, error);
  return grid ? bl_recognize (grid, error) : NULL;
}

static const BlInputFormat input_xlsx = { "xlsx", xlsx_probe, xlsx_read };

/* PDF and XLSX are mostly compressed streams; text and YAML are read
 * whole into rows and nodes (input.h). */
static guint64
size_limit (const BlInputFormat *format)
{
  return format == &input_pdf || format == &input_xlsx ? BL_INPUT_MAX_BINARY
                                                       : BL_INPUT_MAX_TEXT;
}

/* Most specific first: text accepts anything that reads as Chinese. */
static const BlInputFormat *const formats[] = {
  &bl_input_yaml,
  &input_pdf,
  &input_xlsx,
  &bl_input_text,
};

/* A filing that does not say which template family it follows gets the
 * one its tables match, so family rules (required tables) apply. */
static void
name_template (BlFiling *f)
{
  const BlFamilySpec *fam;
  if (f->template_name || f->tables->len == 0)
    return;
  if ((fam = bl_family_infer (f)) != NULL)
    {
      f->template_name = bl_filing__intern (f, fam->name);
      f->template_inferred = TRUE;
    }
}

/* Text in UTF-16 with its byte-order mark (as Windows Notepad saves
 * it): read as the same text in UTF-8, its lines kept. */
static BlFiling *
load_utf16 (const char *data, gsize len, const char *name, GError **error)
{
  g_autoptr(GError) conv_error = NULL;
  g_autofree char *utf8 = NULL;
  gsize n = 0;

  utf8 = g_convert (data + 2, (gssize) (len - 2), "UTF-8",
                    data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE", NULL, &n, &conv_error);
  if (utf8 == NULL)
    {
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: 不是有效的 UTF-16 文本（%s）", name,
                   conv_error->message);
      return NULL;
    }
  return bl_filing_load_data (utf8, n, name, error);
}

BlFiling *
bl_filing_load_data (const char *data, gsize len, const char *name,
                     GError **error)
{
  const char *nul;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* A UTF-8 byte-order mark says nothing about the content. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, len -= 3;
  if (!bl_input__check_size (name, len, BL_INPUT_MAX_BINARY, BL_ERROR_INPUT, error))
    return NULL;
  if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    return bl_input__check_size (name, len, BL_INPUT_MAX_TEXT, BL_ERROR_INPUT, error)
           ? load_utf16 (data, len, name, error) : NULL;
  if ((nul = memchr (data, '\0', len)) != NULL && !pdf_probe (data, len)
      && !xlsx_probe (data, len))
    {
      guint line, col;
      bl_source__locate (data, (gsize) (nul - data), &line, &col);
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                   "%s:%u:%u: 二进制数据，不是报表：第 %" G_GSIZE_FORMAT
                   " 字节是 NUL（binary data, not a filing）", name, line, col,
                   (gsize) (nul - data) + 1);
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i]->probe (data, len))
      {
        BlFiling *f;
        if (!bl_input__check_size (name, len, size_limit (formats[i]),
                                   BL_ERROR_INPUT, error))
          return NULL;
        f = formats[i]->read (data, len, name, error);
        if (f)
          name_template (f);
        return f;
      }
  g_set_error (error, BL_ERROR, BL_ERROR_UNSUPPORTED,
               "%s: not a recognised filing: expected a YAML filing "
               "('budgetlint: 1') or a report in Chinese (text, Markdown)", name);
  return NULL;
}

BlFiling *
bl_filing_load_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  if (!bl_input__get_contents (path, BL_INPUT_MAX_BINARY, BL_ERROR_INPUT, &data,
                               &len, error))
    return NULL;
  return bl_filing_load_data (data, len, path, error);
}
