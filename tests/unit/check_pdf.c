/* Unit tests for the PDF reader (lib/input/pdf.c): small PDFs built here
 * byte by byte for exact layouts and every failure, and the Shanghai
 * filings of the shared corpus when it is there. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "input/input.h"
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CORPUS(name) BL_SRCDIR "/tests/corpus/pdf/" name

/* ---- building PDFs ------------------------------------------------------ */

/* The characters of the CJK test font: CID n is the n-th (1-based). */
static const char cjk_chars[] = "一二、财政拨款收入本年合计项目决算数缴费";

/* A PDF whose objects 1..n are @objects (1 being the catalog), with a
 * correct cross-reference table. */
static GBytes *
build_pdf (const char *const *objects, guint n, const char *trailer_extra)
{
  GString *s = g_string_new ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  g_autofree gsize *offsets = g_new (gsize, n);
  gsize xref;

  for (guint i = 0; i < n; i++)
    {
      offsets[i] = s->len;
      g_string_append_printf (s, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = s->len;
  g_string_append_printf (s, "xref\n0 %u\n0000000000 65535 f \n", n + 1);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%010" G_GSIZE_FORMAT " 00000 n \n",
                            offsets[i]);
  g_string_append_printf (s, "trailer\n<< /Size %u /Root 1 0 R %s>>\n"
                          "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          n + 1, trailer_extra ? trailer_extra : "", xref);
  return g_string_free_to_bytes (s);
}

static char *
stream_object (const char *data)
{
  return g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream",
                          strlen (data), data);
}

/* A ToUnicode CMap mapping CID n to the n-th character of cjk_chars. */
static char *
cjk_cmap (void)
{
  GString *s = g_string_new (
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >>"
    " def\n"
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
  g_autofree char *cmap = NULL;
  guint n = 0;

  g_string_append_printf (s, "%ld beginbfchar\n",
                          g_utf8_strlen (cjk_chars, -1));
  for (const char *p = cjk_chars; *p; p = g_utf8_next_char (p))
    g_string_append_printf (s, "<%04X> <%04X>\n", ++n, g_utf8_get_char (p));
  g_string_append (s, "endbfchar\nendcmap CMapName currentdict /CMap "
                      "defineresource pop end end");
  cmap = g_string_free (s, FALSE);
  return stream_object (cmap);
}

/* "BT … Tj ET" showing @text at (@x, @y): CJK through font F2 as CIDs,
 * anything else through Helvetica (F1). */
static void
show (GString *content, double x, double y, const char *text)
{
  if ((guchar) text[0] < 0x80)
    {
      g_string_append_printf (content, "BT /F1 12 Tf %g %g Td (%s) Tj ET\n", x,
                              y, text);
      return;
    }
  g_string_append_printf (content, "BT /F2 12 Tf %g %g Td <", x, y);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      const char *at = g_utf8_strchr (cjk_chars, -1, g_utf8_get_char (p));
      ck_assert_ptr_nonnull (at);
      g_string_append_printf (content, "%04lX",
                              g_utf8_pointer_to_offset (cjk_chars, at) + 1);
    }
  g_string_append (content, "> Tj ET\n");
}

/* A one-page A4 PDF drawing @content, with fonts F1 and F2. */
static GBytes *
page_pdf (const char *content)
{
  g_autofree char *contents = stream_object (content);
  g_autofree char *cmap = cjk_cmap ();
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
    contents,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
    "/Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
    "/DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
    "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
    "/FontDescriptor 9 0 R >>",
    cmap,
    "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 "
    "/FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 "
    "/CapHeight 700 /StemV 80 >>",
  };
  return build_pdf (objects, G_N_ELEMENTS (objects), NULL);
}

/* A small two-sided summary table, as the Shanghai filings set it. */
static GBytes *
table_pdf (void)
{
  g_autoptr(GString) c = g_string_new (NULL);

  show (c, 60, 750, "项目");
  show (c, 200, 750, "决算数");
  show (c, 60, 720, "一、财政拨款收入");
  show (c, 200, 720, "2,940.05");
  show (c, 300, 720, "Hello world");
  show (c, 60, 700, "二、缴费");
  show (c, 300, 700, "208");
  show (c, 330, 700, "05");
  show (c, 360, 700, "01");
  show (c, 60, 680, "本年合计");
  /* Ends at x 183.4: "302" starts half an em after it. */
  show (c, 120, 680, "2315122.76");
  show (c, 190, 680, "302");
  return page_pdf (c->str);
}

/* ---- reading ------------------------------------------------------------ */

static BlGrid *
read_ok (GBytes *bytes, const char *path)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  BlGrid *grid = bl_pdf_grid_read (data, len, path, &error);

  ck_assert_msg (grid != NULL, "read failed: %s",
                 error ? error->message : "?");
  ck_assert_ptr_null (error);
  return grid;
}

static char *
read_fail (const char *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  BlGrid *grid = bl_pdf_grid_read (data, len, "t.pdf", &error);

  if (grid != NULL)
    {
      bl_grid_free (grid);
      ck_abort_msg ("read, but should have failed");
    }
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT),
                 "error %s/%d: %s", g_quark_to_string (error->domain),
                 error->code, error->message);
  return g_strdup (error->message);
}

/* The texts of a row's cells joined by "|". */
static char *
row_text (const BlGridRow *row)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < row->cells->len; k++)
    g_string_append_printf (s, "%s%s", k ? "|" : "",
                            g_array_index (row->cells, BlGridCell, k).text);
  return g_string_free (s, FALSE);
}

static const BlGridRow *
grid_row (const BlGrid *grid, guint i)
{
  ck_assert_uint_lt (i, grid->rows->len);
  return g_ptr_array_index (grid->rows, i);
}

static const BlGridCell *
row_cell (const BlGridRow *row, guint k)
{
  ck_assert_uint_lt (k, row->cells->len);
  return &g_array_index (row->cells, BlGridCell, k);
}

static void
assert_row (const BlGrid *grid, guint i, guint page, const char *expected)
{
  const BlGridRow *row = grid_row (grid, i);
  g_autofree char *text = row_text (row);

  ck_assert_msg (strcmp (text, expected) == 0 && row->page == page,
                 "row %u: got p%u %s, expected p%u %s", i, row->page, text,
                 page, expected);
  ck_assert_uint_eq (row->line, i + 1);
}

/* Index of the first row on @page whose text is @expected, or -1. */
static int
find_row (const BlGrid *grid, guint page, const char *expected)
{
  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autofree char *text = row_text (row);
      if (row->page == page && strcmp (text, expected) == 0)
        return (int) i;
    }
  return -1;
}

/* ---- built PDFs --------------------------------------------------------- */

START_TEST (test_pdf_table)
{
  g_autoptr(GBytes) pdf = table_pdf ();
  g_autoptr(BlGrid) grid = read_ok (pdf, "t.pdf");

  ck_assert_str_eq (grid->format, "pdf");
  ck_assert_str_eq (grid->path, "t.pdf");
  ck_assert_uint_eq (grid->rows->len, 4);
  assert_row (grid, 0, 1, "项目|决算数");
  assert_row (grid, 1, 1, "一、财政拨款收入|2,940.05|Hello world");
  assert_row (grid, 2, 1, "二、缴费|208|05|01");
  assert_row (grid, 3, 1, "本年合计|2315122.76|302");
}
END_TEST

START_TEST (test_pdf_extents)
{
  g_autoptr(GBytes) pdf = table_pdf ();
  g_autoptr(BlGrid) grid = read_ok (pdf, "t.pdf");
  const BlGridRow *row = grid_row (grid, 1);
  const BlGridCell *label = row_cell (row, 0), *number = row_cell (row, 1);

  /* Eight CJK characters of 12 pt from x 60; a Helvetica number at 200. */
  ck_assert_double_eq_tol (label->x0, 60, 0.01);
  ck_assert_double_eq_tol (label->x1, 60 + 8 * 12, 0.01);
  ck_assert_double_eq_tol (number->x0, 200, 0.01);
  ck_assert (number->x1 > 240 && number->x1 < 250);
  ck_assert_uint_eq (number->pos.page, 1);
  ck_assert_uint_eq (number->pos.line, 2);
  /* Points from the top: baseline 720 is 122 pt below the top edge. */
  ck_assert (row->y0 < 122 && row->y1 > 115);
  ck_assert (grid_row (grid, 0)->y1 < row->y0 + 1);
}
END_TEST

/* Text turned a quarter clockwise, then anticlockwise, on two pages:
 * both read as the same upright table. */
START_TEST (test_pdf_turned)
{
  g_autoptr(GString) cw = g_string_new (NULL);
  g_autoptr(GString) acw = g_string_new (NULL);
  static const char *cells[3][2] = {
    { "Item", "Amount" }, { "Salaries", "2,082.85" }, { "Total", "2,940.05" }
  };

  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 2; j++)
      {
        g_string_append_printf (cw, "BT /F1 12 Tf 0 -1 1 0 %d %d Tm (%s) Tj"
                                " ET\n", 500 - 20 * i, 700 - 120 * j,
                                cells[i][j]);
        g_string_append_printf (acw, "BT /F1 12 Tf 0 1 -1 0 %d %d Tm (%s) Tj"
                                " ET\n", 100 + 20 * i, 100 + 120 * j,
                                cells[i][j]);
      }
  for (int turn = 0; turn < 2; turn++)
    {
      g_autoptr(GBytes) pdf = page_pdf (turn ? acw->str : cw->str);
      g_autoptr(BlGrid) grid = read_ok (pdf, "t.pdf");
      ck_assert_uint_eq (grid->rows->len, 3);
      assert_row (grid, 0, 1, "Item|Amount");
      assert_row (grid, 2, 1, "Total|2,940.05");
    }
}
END_TEST

/* Control characters and whitespace never reach a cell. */
START_TEST (test_pdf_unprintable)
{
  g_autoptr(GBytes) pdf = page_pdf (
    "BT /F1 12 Tf 72 720 Td (\\001A\\011 B\\240C) Tj ET\n");
  g_autoptr(BlGrid) grid = read_ok (pdf, "t.pdf");

  ck_assert_uint_eq (grid->rows->len, 1);
  assert_row (grid, 0, 1, "A B C");
}
END_TEST

/* ---- failures ----------------------------------------------------------- */

typedef enum {
  BAD_EMPTY, BAD_GARBAGE, BAD_TEXT, BAD_HEADER_ONLY, BAD_TRUNCATED,
  BAD_NO_XREF, BAD_NO_EOF, BAD_HOLLOW, BAD_ENCRYPTED, BAD_NO_TEXT, BAD_NO_PAGES
} BadKind;

static const struct {
  const char *name;
  BadKind kind;
  const char *message;        /* a prefix when it ends with ": " */
} bad_cases[] = {
  { "empty", BAD_EMPTY, "t.pdf: not a PDF file (no %PDF- header)" },
  { "garbage", BAD_GARBAGE, "t.pdf: not a PDF file (no %PDF- header)" },
  { "text", BAD_TEXT, "t.pdf: not a PDF file (no %PDF- header)" },
  { "header only", BAD_HEADER_ONLY,
    "t.pdf: PDF is damaged or truncated: no %%EOF at the end" },
  { "truncated", BAD_TRUNCATED,
    "t.pdf: PDF is damaged or truncated: no %%EOF at the end" },
  /* Poppler would rebuild the table and read the page. */
  { "no xref", BAD_NO_XREF,
    "t.pdf: PDF is damaged or truncated: no %%EOF at the end" },
  { "no %%EOF", BAD_NO_EOF,
    "t.pdf: PDF is damaged or truncated: no %%EOF at the end" },
  /* Header and end marker, nothing between: poppler's own verdict. */
  { "hollow", BAD_HOLLOW, "t.pdf: PDF is damaged or truncated: " },
  { "encrypted", BAD_ENCRYPTED,
    "t.pdf: PDF is encrypted; save an unprotected copy" },
  { "no text", BAD_NO_TEXT, "t.pdf: PDF has no text layer (scanned images?)" },
  { "no pages", BAD_NO_PAGES, "t.pdf: PDF has no pages" },
};

/* A document whose user password is "secret" (RC4, 40 bits). */
static GBytes *
encrypted_pdf (void)
{
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [] /Count 0 >>",
    "<< /Filter /Standard /V 1 /R 2 /P -44 "
    "/O <92fe0f4454ad4c9644693f33c07cb54f587dce1e2682fe9ecea6107a1ef630dd> "
    "/U <07adc17e318ada732a6d9918fe5dd907b12c9194ba8db305db97f8b9a70bc553> >>",
  };
  return build_pdf (objects, G_N_ELEMENTS (objects),
                    "/Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff> "
                    "<00112233445566778899aabbccddeeff>] ");
}

static GBytes *
bad_pdf (BadKind kind)
{
  static const char garbage[] = "\x00\xff\x13\x37%PD\x89PNG\r\n\x1a\n";
  static const char *no_pages[] = {
    "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"
  };
  g_autoptr(GBytes) table = table_pdf ();
  gsize len;
  const char *data = g_bytes_get_data (table, &len);

  switch (kind)
    {
    case BAD_EMPTY: return g_bytes_new ("", 0);
    case BAD_GARBAGE: return g_bytes_new (garbage, sizeof garbage - 1);
    case BAD_TEXT: return g_bytes_new_static ("budgetlint: 1\n", 14);
    case BAD_HEADER_ONLY: return g_bytes_new_static ("%PDF-1.7\n", 9);
    case BAD_TRUNCATED: return g_bytes_new (data, len / 2);
    case BAD_NO_XREF:
      return g_bytes_new (data, (gsize) (g_strrstr (data, "xref") - data));
    case BAD_NO_EOF: return g_bytes_new (data, len - strlen ("%%EOF\n"));
    case BAD_HOLLOW: return g_bytes_new_static ("%PDF-1.4\n%%EOF\n", 15);
    case BAD_ENCRYPTED: return encrypted_pdf ();
    case BAD_NO_TEXT: return page_pdf ("0 0 1 rg 100 100 200 200 re f\n");
    case BAD_NO_PAGES: return build_pdf (no_pages, 2, NULL);
    }
  g_assert_not_reached ();
}

START_TEST (test_pdf_errors)
{
  g_autoptr(GBytes) pdf = bad_pdf (bad_cases[_i].kind);
  const char *want = bad_cases[_i].message;
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  g_autofree char *msg = read_fail (data, len);

  if (g_str_has_suffix (want, ": "))
    ck_assert_msg (g_str_has_prefix (msg, want), "%s: got %s",
                   bad_cases[_i].name, msg);
  else
    ck_assert_msg (strcmp (msg, want) == 0, "%s: got %s",
                   bad_cases[_i].name, msg);
}
END_TEST

/* Every prefix of a good PDF, given back its end marker so that poppler
 * tries to repair it, either reads or fails cleanly. */
START_TEST (test_pdf_every_prefix)
{
  g_autoptr(GBytes) pdf = table_pdf ();
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);

  for (gsize n = 0; n < len; n += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) cut = g_string_new_len (data, (gssize) n);
      g_autoptr(BlGrid) grid = NULL;

      g_string_append (cut, "\n%%EOF\n");
      grid = bl_pdf_grid_read (cut->str, cut->len, "t.pdf", &error);
      ck_assert ((grid == NULL) != (error == NULL));
      ck_assert (grid != NULL || g_error_matches (error, BL_ERROR,
                                                  BL_ERROR_INPUT));
    }
}
END_TEST

/* ---- inflation ----------------------------------------------------------- */

/* @n spaces and then "Hello" in Helvetica, deflated. */
static GBytes *
deflated_content (guint64 n)
{
  static const char tail[] = "\nBT /F1 12 Tf 60 750 Td (Hello) Tj ET\n";
  g_autofree char *spaces = g_malloc (1 << 20);
  GByteArray *out = g_byte_array_new ();
  unsigned char buf[1 << 16];
  z_stream z = { 0 };
  int flush;

  memset (spaces, ' ', 1 << 20);
  ck_assert_int_eq (deflateInit (&z, 1), Z_OK);
  do
    {
      guint64 chunk = MIN (n, (guint64) 1 << 20);
      z.next_in = (unsigned char *) (chunk ? spaces : tail);
      z.avail_in = chunk ? (uInt) chunk : sizeof tail - 1;
      n -= chunk;
      flush = chunk ? Z_NO_FLUSH : Z_FINISH;
      do
        {
          z.next_out = buf;
          z.avail_out = sizeof buf;
          ck_assert_int_ne (deflate (&z, flush), Z_STREAM_ERROR);
          g_byte_array_append (out, buf, sizeof buf - z.avail_out);
        }
      while (z.avail_out == 0);
    }
  while (flush != Z_FINISH);
  deflateEnd (&z);
  return g_byte_array_free_to_bytes (out);
}

static void
append_stream (GString *s, const char *dict, GBytes *bytes, gsize *at)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_string_append_printf (s, "<< %s/Length %" G_GSIZE_FORMAT
                          " /Filter /FlateDecode >>\nstream\n", dict, len);
  if (at)
    *at = s->len;
  g_string_append_len (s, data, (gssize) len);
  g_string_append (s, "\nendstream");
}

/* A one-page PDF whose content stream inflates to @n spaces and a word;
 * *@at is where its stream data starts.  With @image > 0, it also holds
 * an image (which no page uses) that inflates to @image bytes. */
static GBytes *
inflating_pdf (guint64 n, gsize *at, guint64 image)
{
  g_autoptr(GBytes) content = deflated_content (n);
  g_autoptr(GBytes) pixels = image ? deflated_content (image) : NULL;
  GString *s = g_string_new ("%PDF-1.4\n");
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    "/Resources << /Font << /F1 5 0 R >> >> >>",
    NULL,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    NULL,
  };
  guint n_objects = G_N_ELEMENTS (objects) - (image ? 0 : 1);
  gsize offsets[G_N_ELEMENTS (objects)], xref;

  for (guint i = 0; i < n_objects; i++)
    {
      offsets[i] = s->len;
      g_string_append_printf (s, "%u 0 obj\n", i + 1);
      if (objects[i])
        g_string_append (s, objects[i]);
      else if (i == 3)
        append_stream (s, "", content, at);
      else
        append_stream (s, "/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                       "/ColorSpace /DeviceGray /BitsPerComponent 8 ", pixels, NULL);
      g_string_append (s, "\nendobj\n");
    }
  xref = s->len;
  g_string_append_printf (s, "xref\n0 %u\n0000000000 65535 f \n", n_objects + 1);
  for (guint i = 0; i < n_objects; i++)
    g_string_append_printf (s, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (s, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%"
                          G_GSIZE_FORMAT "\n%%%%EOF\n", n_objects + 1, xref);
  return g_string_free_to_bytes (s);
}

/* A content stream that inflates past BL_PDF_MAX_INFLATED (a 1 MB file
 * that inflates to 1 GiB kept poppler busy for 6–25 s) is refused before
 * poppler parses it; one that inflates to 1 MiB reads, and so does a file
 * whose images inflate past it (a scanned filing). */
START_TEST (test_pdf_inflation_bounded)
{
  gsize at = 0, len;
  g_autoptr(GBytes) fine = inflating_pdf (1 << 20, &at, 0);
  g_autoptr(GBytes) scanned = inflating_pdf (1 << 20, &at, BL_PDF_MAX_INFLATED + 1);
  g_autoptr(BlGrid) scan_grid = read_ok (scanned, "scan.pdf");
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(BlGrid) grid = read_ok (fine, "t.pdf");
  g_autofree char *msg = NULL;
  g_autofree char *want = NULL;
  const char *data;

  assert_row (grid, 0, 1, "Hello");
  /* images are never decoded for text: a scan's pages are no bomb */
  assert_row (scan_grid, 0, 1, "Hello");
  bomb = inflating_pdf (BL_PDF_MAX_INFLATED + 1, &at, 0);
  data = g_bytes_get_data (bomb, &len);
  ck_assert_uint_lt (len, BL_PDF_MAX_INFLATED / 100);
  msg = read_fail (data, len);
  want = g_strdup_printf ("t.pdf: PDF 的压缩流解压后超过 %u MiB（第 %" G_GSIZE_FORMAT
                          " 字节起的流），不予读取（decompression bomb）",
                          (guint) (BL_PDF_MAX_INFLATED >> 20), at);
  ck_assert_str_eq (msg, want);
}
END_TEST

/* ---- the corpus --------------------------------------------------------- */

static const char *const corpus[] = {
  "putuo-caizhengju-2024.pdf", "putuo-caizhengju-2024-altered.pdf",
  "putuo-guihuaziyuanju-2024.pdf", "putuo-shehuigongzuobu-2024.pdf",
  "template-juesuan-2024.pdf",
};

/* The corpus is part of the repository (tests/corpus): a file missing
 * from it fails the case, never skips it. */
static BlGrid *
read_corpus (const char *name)
{
  g_autofree char *path = g_build_filename (CORPUS (""), name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  ck_assert_msg (g_file_get_contents (path, &data, &len, NULL),
                 "%s is missing from the repository", path);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  return read_ok (bytes, name);
}

START_TEST (test_pdf_corpus_reads)
{
  g_autoptr(BlGrid) grid = read_corpus (corpus[_i]);
  guint page = 1;

  ck_assert_uint_gt (grid->rows->len, 300);
  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = grid_row (grid, i);
      ck_assert_uint_eq (row->line, i + 1);
      ck_assert_uint_ge (row->page, page);
      ck_assert_uint_gt (row->cells->len, 0);
      page = row->page;
    }
  ck_assert_uint_ge (page, 20);
}
END_TEST

/* The 收入支出决算总表: two sides, each label followed by its figure,
 * the figures right-aligned in one column down the table. */
START_TEST (test_pdf_corpus_summary)
{
  g_autoptr(BlGrid) grid = read_corpus ("putuo-caizhengju-2024.pdf");
  int first, total;

  first = find_row (grid, 6, "一、一般公共预算财政拨款收入|2,940.05|"
                             "一、一般公共服务支出|2,106.66");
  ck_assert_int_ge (first, 1);
  assert_row (grid, (guint) first - 1, 6, "项目|决算数|项目|决算数");
  assert_row (grid, (guint) first + 1, 6,
              "二、政府性基金预算财政拨款收入|二、外交支出");
  total = find_row (grid, 6, "本年收入合计|2,946.25|本年支出合计|2,940.05");
  ck_assert_int_gt (total, first);
  for (guint k = 1; k <= 3; k += 2)
    ck_assert_double_eq_tol (row_cell (grid_row (grid, (guint) first), k)->x1,
                             row_cell (grid_row (grid, (guint) total), k)->x1,
                             1.0);
}
END_TEST

/* 收入决算表 and 基本支出: codes split into 类/款/项 cells; the wrapped
 * end of a label is a row of its own. */
START_TEST (test_pdf_corpus_codes)
{
  g_autoptr(BlGrid) grid = read_corpus ("putuo-caizhengju-2024.pdf");
  int row;

  ck_assert_int_ge (find_row (grid, 8, "201|06|01|行政运行|1,511.90|"
                                       "1,511.89|0.01"), 0);
  row = find_row (grid, 8, "208|05|05|机关事业单位基本养老保险|160.75|160.75");
  ck_assert_int_ge (row, 0);
  assert_row (grid, (guint) row + 1, 8, "缴费支出");
  ck_assert_int_ge (find_row (grid, 16, "301|01|基本工资|262.33|302|01|"
                                        "办公费|21.21"), 0);
  ck_assert_int_ge (find_row (grid, 18, "0.95|0.95"), 0);
}
END_TEST

/* The label of the coded row in @kind, as recognised from the PDF. */
static const char *
label_of (const BlFiling *f, const char *kind, const char *code)
{
  const BlTable *t = bl_filing_find_table (f, kind);
  for (guint p = 0; t && p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlRow *r = g_ptr_array_index (part->rows, i);
          if (g_strcmp0 (r->code, code) == 0)
            return r->label;
        }
    }
  return NULL;
}

/* Labels wrapped in their cells: centred on the row (the first line above
 * the code), split around a row that has none on its own line, and a
 * blank row of words between two finished labels. */
START_TEST (test_pdf_corpus_wrapped_labels)
{
  static const struct { const char *pdf, *kind, *code, *label; } want[] = {
    { "putuo-guihuaziyuanju-2024.pdf", "general_budget_expenditure", "2080502", "事业单位离退休" },
    { "putuo-guihuaziyuanju-2024.pdf", "general_budget_expenditure", "2080505", "机关事业单位基本养老保险缴费支出" },
    { "putuo-guihuaziyuanju-2024.pdf", "general_budget_expenditure", "2080506", "机关事业单位职业年金缴费支出" },
    { "putuo-shehuigongzuobu-2024.pdf", "expenditure", "20805", "行政事业单位养老支出" },
    { "putuo-shehuigongzuobu-2024.pdf", "expenditure", "2080505", "机关事业单位基本养老保险缴费支出" },
    { "putuo-shehuigongzuobu-2024.pdf", "general_budget_expenditure", "2080506", "机关事业单位职业年金缴费支出" },
    { "putuo-caizhengju-2024.pdf", "income", "2080506", "机关事业单位职业年金缴费支出" },
    { "putuo-caizhengju-2024.pdf", "income", "2080599", "其他行政事业单位养老支出" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *path = g_build_filename (CORPUS (""), want[i].pdf, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BlFiling) f = NULL;
      f = bl_filing_load_file (path, &error);
      ck_assert_msg (f != NULL, "%s", error ? error->message : "");
      ck_assert_str_eq (label_of (f, want[i].kind, want[i].code), want[i].label);
    }
}
END_TEST

START_TEST (test_pdf_corpus_truncated)
{
  g_autofree char *data = NULL;
  g_autofree char *msg = NULL;
  gsize len;

  if (!g_file_get_contents (CORPUS ("putuo-caizhengju-2024.pdf"), &data, &len,
                            NULL))
    return;
  ck_assert_uint_gt (len, 1000);
  msg = read_fail (data, 1000);
  ck_assert_msg (g_str_has_prefix (msg, "t.pdf: PDF is damaged or truncated:"),
                 "got %s", msg);
}
END_TEST

static Suite *
pdf_suite (void)
{
  Suite *s = suite_create ("pdf");
  TCase *tc;

  tc = tcase_create ("layout");
  tcase_add_test (tc, test_pdf_table);
  tcase_add_test (tc, test_pdf_extents);
  tcase_add_test (tc, test_pdf_turned);
  tcase_add_test (tc, test_pdf_unprintable);
  suite_add_tcase (s, tc);

  tc = tcase_create ("errors");
  tcase_add_loop_test (tc, test_pdf_errors, 0, G_N_ELEMENTS (bad_cases));
  tcase_add_test (tc, test_pdf_every_prefix);
  tcase_add_test (tc, test_pdf_inflation_bounded);
  suite_add_tcase (s, tc);

  tc = tcase_create ("corpus");
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_pdf_corpus_reads, 0, G_N_ELEMENTS (corpus));
  tcase_add_test (tc, test_pdf_corpus_summary);
  tcase_add_test (tc, test_pdf_corpus_codes);
  tcase_add_test (tc, test_pdf_corpus_truncated);
  tcase_add_test (tc, test_pdf_corpus_wrapped_labels);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (pdf_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
