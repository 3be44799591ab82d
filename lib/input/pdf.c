/* The PDF reader: poppler's text layer → a grid of positioned cells.
 *
 * Poppler gives every character of a page with its box, but in its own
 * reading order (block by block, so a table comes out column by column)
 * and with vertical extents taken from the font's ascent and descent,
 * which producers often get wrong: in the Shanghai filings the boxes of
 * a 12 pt FangSong label are 3 pt tall and those of the Times New Roman
 * number beside it 22 pt, their centres 5 pt apart.  So poppler's lines
 * are ignored and the rows rebuilt from geometry:
 *
 *  1. glyphs sorted by vertical centre are cut into lines wherever two
 *     consecutive centres are clearly apart;
 *  2. a line joins the row above it when it is close and puts no text
 *     into a column the row already uses, which brings back together a
 *     label and its numbers set in disagreeing fonts, or cells aligned to
 *     the top and the bottom of a tall table row;
 *  3. each row, read left to right, is cut into cells at gaps wider than
 *     a fraction of the font size.
 *
 * Font sizes come from poppler's text attributes, which are reliable
 * where the boxes are not.  All distances are in points, origin at the
 * top left of the page as displayed. */

#include "input.h"

#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A gap wider than this many font sizes starts a new cell.  On the
 * Shanghai filings the narrowest gutters between table columns are 0.9
 * em, while justified narrative stretches the space around a number to
 * 0.7 em. */
#define CELL_GAP 0.8
/* Digits never have a gap inside a number, so two numbers set closer
 * than a cell gap are still kept apart beyond this. */
#define NUMBER_GAP 0.4
/* A gap wider than this between two ASCII letters or digits is a space. */
#define SPACE_GAP 0.15
/* Consecutive centres closer than this many font sizes form one line. */
#define LINE_GAP 0.25
/* A line further than this below the row above starts a new row. */
#define ROW_GAP 0.7
/* Horizontal overlap, in font sizes, that makes two lines collide. */
#define COLLIDE_SLACK 0.1
/* Text of two lines may run into one cell only if their centres are
 * this close: the same baseline, set in fonts whose boxes disagree. */
#define JOIN_DY 0.5
/* Bounds the pairwise collision test on pathological pages. */
#define MAX_ROW_SPANS 1024

typedef struct {
  gunichar ch;
  double x0, x1, y0, y1;  /* box */
  double yc;              /* vertical centre, the key rows are grouped by */
  double size;            /* font size */
} Glyph;

typedef struct {
  gsize start, end;       /* glyph range [start, end) of the page */
  double yc;              /* mean centre */
  double size;            /* largest font size */
} Line;

typedef struct {
  double x0, x1;          /* a run of glyphs that would form one cell */
  double yc;              /* centre of its line */
} Span;

/* Which way the text of a page runs, for pages whose content is turned
 * rather than the page itself (poppler applies /Rotate already). */
typedef enum { FLOW_EAST, FLOW_SOUTH, FLOW_NORTH, FLOW_WEST } Flow;

typedef struct {
  BlGrid *grid;
  guint line;             /* the last running line number handed out */
  gsize n_glyphs;         /* over the document, to spot scans */
} Reader;

/* ---- glyphs ------------------------------------------------------------- */

/* Font size of the character at @index; poppler's attribute runs are
 * sorted, so *@attrs only ever moves forward. */
static double
glyph_size (GList **attrs, int index, const PopplerRectangle *r)
{
  double size = r->y2 - r->y1;

  while (*attrs != NULL
         && ((PopplerTextAttributes *) (*attrs)->data)->end_index < index)
    *attrs = (*attrs)->next;
  if (*attrs != NULL)
    {
      const PopplerTextAttributes *a = (*attrs)->data;
      if (a->start_index <= index)
        size = a->font_size;
    }
  /* Degenerate sizes would make every gap a cell break, or none. */
  return CLAMP (ABS (size), 1.0, 1000.0);
}

/* Whitespace only separates; the gaps say where cells end.  Controls,
 * format characters and unassigned code points are dropped. */
static gboolean
glyph_is_kept (gunichar ch)
{
  return g_unichar_isprint (ch) && !g_unichar_isspace (ch)
         && g_unichar_type (ch) != G_UNICODE_SPACE_SEPARATOR;
}

static Glyph
make_glyph (gunichar ch, const PopplerRectangle *r, double size)
{
  Glyph g;

  g.ch = ch;
  g.x0 = MIN (r->x1, r->x2);
  g.x1 = MAX (r->x1, r->x2);
  g.y0 = MIN (r->y1, r->y2);
  g.y1 = MAX (r->y1, r->y2);
  g.yc = (g.y0 + g.y1) / 2;
  g.size = size;
  return g;
}

/* One vote for the direction from @a to the next glyph of its word @b. */
static void
vote_flow (guint votes[4], const Glyph *a, const Glyph *b)
{
  double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2;
  double dy = b->yc - a->yc;

  if (ABS (dx) >= ABS (dy))
    votes[dx >= 0 ? FLOW_EAST : FLOW_WEST]++;
  else
    votes[dy > 0 ? FLOW_SOUTH : FLOW_NORTH]++;
}

static Flow
winning_flow (const guint votes[4])
{
  Flow best = FLOW_EAST;

  for (int f = FLOW_SOUTH; f <= FLOW_WEST; f++)
    if (votes[f] > votes[best])
      best = (Flow) f;
  return best;
}

/* Appends the page's printable glyphs to @glyphs and returns the way
 * most of its text runs.  The rectangles are indexed by character of
 * poppler_page_get_text(); a mismatch in length (seen with broken fonts)
 * just stops at the shorter. */
static Flow
page_glyphs (PopplerPage *page, GArray *glyphs)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0, votes[4] = { 0 };
  gboolean in_word = FALSE;
  GList *attrs, *cursor;
  const char *p = text;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return FLOW_EAST;
  attrs = cursor = poppler_page_get_text_attributes (page);
  for (guint i = 0; *p != '\0' && i < n_rects; i++)
    {
      gunichar ch = g_utf8_get_char_validated (p, -1);
      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (!glyph_is_kept (ch))
        {
          in_word = FALSE;
          continue;
        }
      Glyph g = make_glyph (ch, &rects[i],
                            glyph_size (&cursor, (int) i, &rects[i]));
      if (in_word)
        vote_flow (votes, &g_array_index (glyphs, Glyph, glyphs->len - 1), &g);
      g_array_append_val (glyphs, g);
      in_word = TRUE;
    }
  poppler_page_free_text_attributes (attrs);
  return winning_flow (votes);
}

/* Turns the glyphs of a page whose text runs @flow so that it runs left
 * to right, top to bottom, on a page @w × @h points. */
static void
unturn_glyphs (GArray *glyphs, Flow flow, double w, double h)
{
  for (guint i = 0; i < glyphs->len; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);
      double x0 = g->x0, x1 = g->x1, y0 = g->y0, y1 = g->y1;

      if (flow == FLOW_SOUTH)       /* turned clockwise: top points right */
        g->x0 = y0, g->x1 = y1, g->y0 = w - x1, g->y1 = w - x0;
      else if (flow == FLOW_NORTH)  /* turned anticlockwise */
        g->x0 = h - y1, g->x1 = h - y0, g->y0 = x0, g->y1 = x1;
      else if (flow == FLOW_WEST)   /* upside down */
        g->x0 = w - x1, g->x1 = w - x0, g->y0 = h - y1, g->y1 = h - y0;
      g->yc = (g->y0 + g->y1) / 2;
    }
}

/* ---- cells -------------------------------------------------------------- */

static int
compare_yc (const void *a, const void *b)
{
  const Glyph *g = a, *h = b;

  if (g->yc != h->yc)
    return g->yc < h->yc ? -1 : 1;
  return g->x0 < h->x0 ? -1 : g->x0 > h->x0;
}

static int
compare_x (const void *a, const void *b)
{
  const Glyph *g = a, *h = b;

  if (g->x0 != h->x0)
    return g->x0 < h->x0 ? -1 : 1;
  return g->yc < h->yc ? -1 : g->yc > h->yc;
}

static gboolean
is_ascii_word (gunichar ch)
{
  return ch < 0x80 && g_ascii_isalnum ((char) ch);
}

static gboolean
is_numeric (gunichar ch)
{
  return (ch < 0x80 && g_ascii_isdigit ((char) ch)) || ch == '.' || ch == ','
         || ch == '%' || ch == '-';
}

/* Does a gap of @gap points between @a and @b, left to right, end a
 * cell?  Numbers are never glued: "2315122.76" and "302" half an em
 * apart are two cells even though CJK text that close is one. */
static gboolean
is_cell_break (const Glyph *a, const Glyph *b, double gap)
{
  double size = MIN (a->size, b->size);

  if (gap > CELL_GAP * size)
    return TRUE;
  return gap > NUMBER_GAP * size && is_numeric (a->ch) && is_numeric (b->ch);
}

/* Producers that fake bold draw each glyph twice, a hair apart. */
static gboolean
is_duplicate (const Glyph *prev, const Glyph *g)
{
  return prev->ch == g->ch && ABS (g->x0 - prev->x0) < 0.2 * g->size
         && ABS (g->yc - prev->yc) < 0.2 * g->size;
}

static void
flush_cell (Reader *r, BlGridRow *row, GString *text, double x0, double x1)
{
  if (text->len == 0)
    return;
  bl_grid_row_add_cell (r->grid, row, text->str, x0, x1);
  g_string_truncate (text, 0);
}

/* Cuts @n glyphs of one row, sorted left to right, into cells.  CJK
 * text is joined as is; a space goes only between ASCII words. */
static void
emit_cells (Reader *r, BlGridRow *row, const Glyph *g, gsize n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double x0 = g[0].x0, x1 = g[0].x1;

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        {
          double gap = g[i].x0 - x1;
          if (is_duplicate (&g[i - 1], &g[i]))
            continue;
          if (is_cell_break (&g[i - 1], &g[i], gap))
            {
              flush_cell (r, row, text, x0, x1);
              x0 = g[i].x0;
              x1 = g[i].x1;
            }
          else if (gap > SPACE_GAP * MIN (g[i].size, g[i - 1].size)
                   && is_ascii_word (g[i - 1].ch) && is_ascii_word (g[i].ch))
            g_string_append_c (text, ' ');
        }
      g_string_append_unichar (text, g[i].ch);
      x1 = MAX (x1, g[i].x1);
    }
  flush_cell (r, row, text, x0, x1);
}

static void
emit_row (Reader *r, guint page_no, Glyph *g, gsize n)
{
  BlGridRow *row = bl_grid_add_row (r->grid, ++r->line, page_no);

  row->y0 = g[0].y0;
  row->y1 = g[0].y1;
  for (gsize i = 1; i < n; i++)
    {
      row->y0 = MIN (row->y0, g[i].y0);
      row->y1 = MAX (row->y1, g[i].y1);
    }
  qsort (g, n, sizeof *g, compare_x);
  emit_cells (r, row, g, n);
}

/* ---- lines and rows ----------------------------------------------------- */

/* Stage one: glyphs sorted by centre, cut where consecutive centres are
 * further apart than a fraction of the font size.  Each line's glyphs
 * are then put in reading order. */
static void
split_lines (Glyph *g, gsize n, GArray *lines)
{
  Line line;

  qsort (g, n, sizeof *g, compare_yc);
  line = (Line) { 0, 0, g[0].yc, g[0].size };
  for (gsize i = 1; i <= n; i++)
    {
      if (i < n
          && g[i].yc - g[i - 1].yc
               <= LINE_GAP * MIN (g[i].size, g[i - 1].size))
        {
          line.yc += g[i].yc;
          line.size = MAX (line.size, g[i].size);
          continue;
        }
      line.end = i;
      line.yc /= (double) (i - line.start);
      qsort (g + line.start, i - line.start, sizeof *g, compare_x);
      g_array_append_val (lines, line);
      if (i < n)
        line = (Line) { i, 0, g[i].yc, g[i].size };
    }
}

/* Spans of ink on a line: the runs that would each make one cell. */
static void
line_spans (const Glyph *g, const Line *line, GArray *spans)
{
  Span cur = { g[line->start].x0, g[line->start].x1, line->yc };

  for (gsize i = line->start + 1; i < line->end; i++)
    {
      if (is_cell_break (&g[i - 1], &g[i], g[i].x0 - cur.x1))
        {
          g_array_append_val (spans, cur);
          cur.x0 = g[i].x0;
        }
      cur.x1 = MAX (cur.x1, g[i].x1);
    }
  g_array_append_val (spans, cur);
}

/* Two spans of different lines collide when they overlap, or when they
 * would run together into one cell although their lines are well apart
 * (the wrapped end of a label, tucked under the next column's start). */
static gboolean
span_collides (const Span *s, const Span *t, double size)
{
  double overlap = MIN (s->x1, t->x1) - MAX (s->x0, t->x0);

  if (overlap > COLLIDE_SLACK * size)
    return TRUE;
  return overlap > -CELL_GAP * size && ABS (s->yc - t->yc) > JOIN_DY * size;
}

static gboolean
spans_collide (const GArray *row, const GArray *line, double size)
{
  if (row->len > MAX_ROW_SPANS)
    return TRUE;
  for (guint i = 0; i < row->len; i++)
    for (guint k = 0; k < line->len; k++)
      if (span_collides (&g_array_index (row, Span, i),
                         &g_array_index (line, Span, k), size))
        return TRUE;
  return FALSE;
}

/* Stage two: a line joins the row above when it is close and collides
 * with nothing in it.  The wrapped second line of a label sits under
 * the first and so starts its own row; recognition merges those. */
static void
emit_page (Reader *r, guint page_no, GArray *glyphs)
{
  Glyph *g = (Glyph *) glyphs->data;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) row_spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const Line *row = NULL;       /* first line of the row being built */
  double last_yc = 0;

  split_lines (g, glyphs->len, lines);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      double size = MIN (line->size, row ? row->size : line->size);

      g_array_set_size (spans, 0);
      line_spans (g, line, spans);
      if (row == NULL || line->yc - last_yc > ROW_GAP * size
          || spans_collide (row_spans, spans, size))
        {
          if (row != NULL)
            emit_row (r, page_no, g + row->start, line->start - row->start);
          row = line;
          g_array_set_size (row_spans, 0);
        }
      g_array_append_vals (row_spans, spans->data, spans->len);
      last_yc = line->yc;
    }
  emit_row (r, page_no, g + row->start, glyphs->len - row->start);
}

/* ---- the document ------------------------------------------------------- */

/* Does @marker occur in data[from, to)? */
static gboolean
occurs_in (const char *data, gsize from, gsize to, const char *marker)
{
  gsize n = strlen (marker);

  for (gsize i = from; i + n <= to; i++)
    if (memcmp (data + i, marker, n) == 0)
      return TRUE;
  return FALSE;
}

/* The header may follow some junk and %%EOF precede some, within 1 KB,
 * as PDF readers have always allowed.  Poppler rebuilds a file cut
 * short and shows the pages it still finds, so without the check a
 * truncated download would lose its later tables silently. */
static gboolean
check_envelope (const char *data, gsize len, const char *path,
                GError **error)
{
  if (!occurs_in (data, 0, MIN (len, 1024), "%PDF-"))
    {
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                   "%s: not a PDF file (no %%PDF- header)", path);
      return FALSE;
    }
  if (!occurs_in (data, len > 1024 ? len - 1024 : 0, len, "%%EOF"))
    {
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                   "%s: PDF is damaged or truncated: no %%%%EOF at the end",
                   path);
      return FALSE;
    }
  return TRUE;
}

#define SINK_SIZE (1u << 16)

/* The bytes stream @z inflates to, into @sink (SINK_SIZE bytes) over
 * and over, stopping past @budget; 0 when what follows is not zlib data
 * (an image, an unfiltered stream). */
static guint64
inflated_size (z_stream *z, unsigned char *sink, guint64 budget)
{
  guint64 out = 0;
  int rc;

  do
    {
      z->next_out = sink;
      z->avail_out = SINK_SIZE;
      rc = inflate (z, Z_NO_FLUSH);
      out += SINK_SIZE - z->avail_out;
    }
  while (rc == Z_OK && out <= budget && z->avail_out == 0);
  return out;
}

/* The offset of the first byte of the stream data whose `stream`
 * keyword is at @i, or 0 when @i is no keyword (`endstream`). */
static gsize
stream_data_at (const char *data, gsize len, gsize i)
{
  gsize j = i + 6;
  if (i >= 3 && memcmp (data + i - 3, "end", 3) == 0)
    return 0;
  if (j < len && data[j] == '\r')
    j++;
  return j < len && data[j] == '\n' ? j + 1 : 0;
}

/* Whether the dictionary in front of the `stream` keyword at @at (back to
 * its `obj`, at most 4 KiB) makes it an image: text extraction never
 * decodes images, and a scanned filing's pages may inflate to hundreds
 * of MiB that poppler will not touch. */
static gboolean
is_image_stream (const char *data, gsize at)
{
  gsize from = at > 4096 ? at - 4096 : 0;

  for (gsize i = at; i >= from + 3; i--)       /* back to its `obj` */
    if (memcmp (data + i - 3, "obj", 3) == 0)
      {
        from = i;
        break;
      }
  for (gsize i = from; i + 6 <= at; i++)
    if (memcmp (data + i, "/Image", 6) == 0)
      return TRUE;
  return FALSE;
}

/* Poppler inflates a page's content stream whole and parses every byte
 * of it before it gives any text: a 1 MB file whose stream inflates to
 * 1 GiB took 6–25 s.  Each `stream` keyword's data is inflated here
 * first, into a scratch buffer, up to BL_PDF_MAX_INFLATED for the file: the
 * bytes alone tell what poppler will inflate, without the object graph,
 * and zlib refuses at once what is not its data (JPEG images, plain
 * streams).  Costs about 1 ms per MiB inflated. */
static gboolean
check_streams (const char *data, gsize len, const char *path, GError **error)
{
  guint64 total = 0;
  const char *p = data, *end = data + len;
  g_autofree unsigned char *sink = g_malloc (SINK_SIZE);

  while ((p = memchr (p, 's', (gsize) (end - p))) != NULL)
    {
      gsize at = (gsize) (p - data), start;
      z_stream z = { 0 };

      p++;
      if (at + 6 > len || memcmp (data + at, "stream", 6) != 0
          || (start = stream_data_at (data, len, at)) == 0
          || is_image_stream (data, at)
          || inflateInit (&z) != Z_OK)
        continue;
      z.next_in = (unsigned char *) data + start;
      z.avail_in = (uInt) MIN (len - start, G_MAXUINT);
      total += inflated_size (&z, sink, BL_PDF_MAX_INFLATED - MIN (total, BL_PDF_MAX_INFLATED));
      inflateEnd (&z);
      if (total > BL_PDF_MAX_INFLATED)
        {
          g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                       "%s: PDF 的压缩流解压后超过 %u MiB（第 %" G_GSIZE_FORMAT
                       " 字节起的流），不予读取（decompression bomb）", path,
                       (guint) (BL_PDF_MAX_INFLATED >> 20), start);
          return FALSE;
        }
    }
  return TRUE;
}

static PopplerDocument *
open_document (GBytes *bytes, const char *path, GError **error)
{
  g_autoptr(GError) perr = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (bytes, NULL, &perr);

  if (doc != NULL)
    return doc;
  if (g_error_matches (perr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                 "%s: PDF is encrypted; save an unprotected copy", path);
  else
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                 "%s: PDF is damaged or truncated: %s", path,
                 perr ? perr->message : "poppler cannot open it");
  return NULL;
}

static void
read_page (Reader *r, PopplerPage *page, guint page_no, GArray *glyphs)
{
  Flow flow;
  double w, h;

  g_array_set_size (glyphs, 0);
  flow = page_glyphs (page, glyphs);
  if (glyphs->len == 0)
    return;
  if (flow != FLOW_EAST)
    {
      poppler_page_get_size (page, &w, &h);
      unturn_glyphs (glyphs, flow, w, h);
    }
  r->n_glyphs += glyphs->len;
  emit_page (r, page_no, glyphs);
}

static gboolean
read_pages (Reader *r, PopplerDocument *doc, const char *path,
            GError **error)
{
  int n_pages = poppler_document_get_n_pages (doc);
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      if (page == NULL)
        continue;
      read_page (r, page, (guint) i + 1, glyphs);
      g_object_unref (page);
    }
  if (n_pages <= 0)
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: PDF has no pages",
                 path);
  else if (r->n_glyphs == 0)
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                 "%s: PDF has no text layer (scanned images?)", path);
  return r->n_glyphs > 0;
}

BlGrid *
bl_pdf_grid_read (const char *data, gsize len, const char *path,
                  GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BlGrid) grid = NULL;
  PopplerDocument *doc;
  Reader r = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  if (path == NULL)
    path = "<pdf>";
  if (!check_envelope (data, len, path, error)
      || !check_streams (data, len, path, error))
    return NULL;
  /* Static bytes: the document, which keeps a reference, dies here. */
  bytes = g_bytes_new_static (data, len);
  doc = open_document (bytes, path, error);
  if (doc == NULL)
    return NULL;
  grid = r.grid = bl_grid_new (path, "pdf");
  ok = read_pages (&r, doc, path, error);
  g_object_unref (doc);
  return ok ? g_steal_pointer (&grid) : NULL;
}
