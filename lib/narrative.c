/* The prose of a filing: every grid row that no table took, re-joined
 * into paragraphs.
 *
 * Text copied out of a PDF wraps sentences at the page's width (and some
 * tools put a blank line after every wrapped line, splitting a word:
 * "调" / "整为"), so lines are joined until one ends a sentence (。！？,
 * with a parenthesised remark after it), or a heading (第一部分, 一、,
 * （一）, 1.) starts.  Page numbers between the lines are dropped, a
 * heading's number alone on its line joins its name, and a line a tool
 * printed one line early goes back.  Headings doubled by the extraction
 * ("二、收入决算情况说明二、收入决算情况说明") are taken once; each paragraph
 * remembers the headings it stands under, which tell claim extraction
 * what table a phrase refers to.  Sentences, not paragraphs, are what the
 * rules read: where a text tool ends a paragraph depends on its line
 * breaks, where a sentence ends does not. */

#include "narrative.h"

#include <string.h>

/* 0: not a heading; 1: 第X部分; 2: 一、; 3: （一）; 4: 1. / （1） */
static int
heading_level (const char *text)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *which = NULL;

  if (g_utf8_strlen (text, -1) > 48 || g_str_has_suffix (text, "。")
      || strstr (text, "：") || strstr (text, "，"))
    return 0;   /* a definition or a sentence, not a heading */
  if (!g_regex_match (bl_regex_once (&re, "^\\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、"
                             "|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.、．](?![0-9])|[（(][0-9]+[）)])"),
                      text, 0, &m))
    return 0;
  which = g_match_info_fetch (m, 1);
  if (g_str_has_prefix (which, "第"))
    return 1;
  if (g_str_has_suffix (which, "、") && !g_ascii_isdigit (which[0]))
    return 2;
  if (strstr (which, "一") || strstr (which, "二") || strstr (which, "三") || strstr (which, "四")
      || strstr (which, "五") || strstr (which, "六") || strstr (which, "七") || strstr (which, "八")
      || strstr (which, "九") || strstr (which, "十"))
    return 3;
  return 4;
}

/* Chinese is written without spaces: a space next to a CJK character or
 * full-width punctuation is the extraction's ("项目 1 个", "2024 年度"),
 * and goes.  Spaces between Latin words and figures stay. */
static void
append_unspaced (GString *s, const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (*p == ' ')
        {
          const char *next = p + strspn (p, " ");
          gboolean wide_before = s->len && (guchar) s->str[s->len - 1] >= 0x80;
          gboolean wide_after = (guchar) *next >= 0x80;
          if (wide_before || wide_after || *next == '\0')
            {
              p = next - 1;
              continue;
            }
        }
      g_string_append_unichar (s, g_utf8_get_char (p));
    }
}

/* Bold text printed twice inside a line ("人员经费2,331,334.76元，主要包括
 * 人员经费2,331,334.76元，主要包括基本"): a phrase of at least six
 * characters, three of them Chinese, repeated at once is one phrase.
 * Prose never says the same six characters twice in a row. */
static void
undouble_phrases (GString *s)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  gsize from = 0;

  while (g_regex_match_full (bl_regex_once (&re, "(.{6,}?)\\1"), s->str, (gssize) s->len,
                             (gint) from, 0, &m, NULL))
    {
      gint start, end;
      g_autofree char *unit = g_match_info_fetch (m, 1);
      guint wide = 0;
      g_match_info_fetch_pos (m, 0, &start, &end);
      for (const char *p = unit; *p; p = g_utf8_next_char (p))
        wide += (guchar) *p >= 0xE4 && (guchar) *p <= 0xE9;   /* U+4E00–U+9FFF */
      g_clear_pointer (&m, g_match_info_free);
      if (wide >= 3)
        g_string_erase (s, start, end - start - (gssize) strlen (unit));
      from = (gsize) start + strlen (unit);
    }
}

/* A row's prose: cells joined (a PDF splits justified lines into cells),
 * markup already gone, white space at the ends dropped, doubling undone. */
static char *
row_prose (const BlGridRow *row)
{
  GString *s = g_string_new (NULL);
  gsize half;
  for (guint k = 0; k < row->cells->len; k++)
    append_unspaced (s, g_array_index (row->cells, BlGridCell, k).text);
  g_strstrip (s->str);
  g_string_set_size (s, strlen (s->str));
  half = s->len / 2;
  if (s->len >= 12 && s->len % 2 == 0 && memcmp (s->str, s->str + half, half) == 0)
    g_string_truncate (s, half);
  undouble_phrases (s);
  return g_string_free (s, FALSE);
}

static gboolean
ends_sentence (const char *text)
{
  return g_str_has_suffix (text, "。") || g_str_has_suffix (text, "！")
         || g_str_has_suffix (text, "？") || g_str_has_suffix (text, "。）")
         || g_str_has_suffix (text, "。)");
}

typedef struct {
  BlFiling *filing;
  GString *text;
  GArray *marks;
  char *heads[5];           /* current heading per level */
  gboolean ended;           /* the text ends a sentence */
  int remark;               /* depth of an open （…） after that end */
  guint remark_lines;       /* lines it has taken */
  char *marker;             /* a heading's number alone on its line */
  const BlGridRow *marker_row;
} Builder;

static void
flush (Builder *b)
{
  BlParagraph *p;
  GString *section;

  if (b->text->len == 0)
    return;
  section = g_string_new (NULL);
  for (int l = 1; l <= 4; l++)
    if (b->heads[l])
      g_string_append_printf (section, "%s%s", section->len ? " / " : "", b->heads[l]);
  p = g_new0 (BlParagraph, 1);
  p->text = bl_filing__intern (b->filing, b->text->str);
  p->section = section->len ? bl_filing__intern (b->filing, section->str) : NULL;
  p->marks = b->marks;
  g_ptr_array_add (b->filing->paragraphs, p);
  g_string_free (section, TRUE);
  g_string_truncate (b->text, 0);
  b->marks = g_array_new (FALSE, FALSE, sizeof (BlLineMark));
  b->ended = FALSE;
  b->remark = 0;
  b->remark_lines = 0;
}

static void
append_line (Builder *b, const char *text, gsize len, const BlGridRow *row)
{
  BlLineMark mark = { (guint32) b->text->len, row->line, row->page };
  g_array_append_val (b->marks, mark);
  g_string_append_len (b->text, text, (gssize) len);
}

/* A parenthesised remark opening @text ("（如持平作持平表述）"), not a
 * number ("（2）", "（二）"). */
static gboolean
opens_remark (const char *text)
{
  static GRegex *number;
  return (g_str_has_prefix (text, "（") || text[0] == '(')
         && !g_regex_match (bl_regex_once (&number, "^[（(]\\s*[0-9一二三四五六七八九十]+\\s*[）)]"),
                            text, 0, NULL);
}

/* Bytes of @text up to and including the bracket that closes a remark
 * open to *@depth, or -1 when it stays open (*@depth updated). */
static gssize
remark_end (const char *text, int *depth)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xFF08 || c == '(')
        ++*depth;
      else if ((c == 0xFF09 || c == ')') && *depth > 0 && --*depth == 0)
        return g_utf8_next_char (p) - text;
    }
  return -1;
}

/* The line after one that ended a sentence.  A parenthesised remark still
 * belongs to that sentence (a PDF writes "主要原因：…。（如持平作持平表述）"
 * on one line, pdftotext may put the remark on lines of its own);
 * anything else starts the next paragraph.  Returns what of @text starts
 * it, or NULL when the remark takes the whole line. */
static const char *
end_sentence (Builder *b, const char *text, const BlGridRow *row)
{
  gssize end;

  /* a remark is short: one still open after three lines was none */
  if ((b->remark == 0 && !opens_remark (text)) || b->remark_lines++ >= 3)
    {
      flush (b);
      return text;
    }
  end = remark_end (text, &b->remark);
  append_line (b, text, end < 0 ? strlen (text) : (gsize) end, row);
  if (end < 0)
    return NULL;
  flush (b);
  text += end;
  text += strspn (text, " ");
  return *text ? text : NULL;
}

static void
heading (Builder *b, int level, const char *text, const BlGridRow *row)
{
  BlLineMark mark = { 0, row->line, row->page };
  flush (b);
  for (int l = level; l <= 4; l++)
    g_clear_pointer (&b->heads[l], g_free);
  /* The heading is prose too (wording rules read it), under its parents. */
  g_array_append_val (b->marks, mark);
  g_string_append (b->text, text);
  flush (b);
  b->heads[level] = g_strdup (text);
}

static void
markdown_heading (Builder *b, int level, const char *text, const BlGridRow *row)
{
  BlLineMark mark = { 0, row->line, row->page };
  if (level == 4)
    {
      heading (b, 4, text, row);
      return;
    }
  flush (b);
  g_array_append_val (b->marks, mark);
  g_string_append (b->text, text);
  flush (b);
}

/* "第一部分" alone on its line, the part's name on the next: how pdftotext
 * and mutool write a heading the PDF prints on one line. */
static gboolean
marker_only (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^\\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、"
                                            "|[（(][一二三四五六七八九十]+[）)])\\s*$"), text, 0, NULL);
}

/* The heading whose number stands alone on the line before: @text names
 * it, unless it is no heading's name (a sentence, another heading, a
 * table: @text NULL) — then the number is a heading of its own.  TRUE
 * when @text was taken. */
static gboolean
name_marker (Builder *b, const char *text, const BlGridRow *row)
{
  g_autofree char *marker = g_steal_pointer (&b->marker);
  g_autofree char *joined = NULL;
  int level;

  if (marker == NULL)
    return FALSE;
  if (text && heading_level (text) == 0 && !row->heading)
    {
      joined = g_strconcat (marker, text, NULL);
      if ((level = heading_level (joined)) > 0 && level < 4)
        {
          heading (b, level, joined, b->marker_row);
          return TRUE;
        }
    }
  heading (b, heading_level (marker), marker, b->marker_row);
  return FALSE;
}

/* ---- lines out of order ---- */

/* A line that opens with a figure and its unit or a stop ("603.14万元，
 * 占20.51%；", "0个）。") — not a year ("2024年度…") or a list's number
 * ("8、…"): the tail of a clause whose label stands on another line. */
static gboolean
opens_with_value (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^[0-9][0-9,]*+(?:\\.[0-9]++)?+(?!\\s*年)"
                                            "(?:\\s*(?:万元|元|%|％|个|人|辆|项)|[，；。,;）)])"),
                        text, 0, NULL);
}

/* A line that ends where a figure must follow: "…占", "…预算金额", "…为",
 * "…项目支出", "…正在整改的". */
static gboolean
awaits_value (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "(?:占|为|是|达|计|共|金额|资金|支出|收入|经费|合计|总计|的)$"), text, 0, NULL);
}

/* pdftotext -layout sorts a page's lines by their tops, and a line whose
 * glyph boxes reach higher than they should (a producer's font metrics)
 * lands one line early: "603.14万元，占20.51%；" above "本年支出合计…；
 * 项目支出".  Where a line opens with a value that the line before does
 * not lead up to, and the line after — adjacent in the text — ends where a
 * value must follow, the two changed places.  Returns the order to read
 * @rows in (indexes into @rows). */
static GArray *
reading_order (const BlGrid *grid, GPtrArray *texts)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), grid->rows->len);

  for (guint i = 0; i < grid->rows->len; i++)
    g_array_append_val (order, i);
  if (g_strcmp0 (grid->format, "pdf") == 0)   /* read by position: in order */
    return order;
  for (guint i = 0; i + 1 < grid->rows->len; i++)
    {
      const BlGridRow *x = g_ptr_array_index (grid->rows, i);
      const BlGridRow *y = g_ptr_array_index (grid->rows, i + 1);
      const char *w = i > 0 ? g_ptr_array_index (texts, g_array_index (order, guint, i - 1)) : "";
      const char *xt = g_ptr_array_index (texts, i), *yt = g_ptr_array_index (texts, i + 1);
      if (x->in_table || y->in_table || y->y0 - x->y1 > 1.0 || x->block != y->block
          || !*xt || !*yt || !opens_with_value (xt) || opens_with_value (yt)
          || !awaits_value (yt) || awaits_value (w) || g_str_has_suffix (yt, "。"))
        continue;
      g_array_index (order, guint, i) = i + 1;
      g_array_index (order, guint, i + 1) = i;
      i++;
    }
  return order;
}

/* One line of prose, after the ones before it. */
static void
prose_line (Builder *b, const BlGridRow *row, const char *text)
{
  static GRegex *punct;
  const char *line = text;
  char *title = NULL;
  int level;

  /* a page's number between two halves of a sentence is no part of it */
  if (*text == '\0' || bl_grid_is_page_mark (text) || (b->marker && name_marker (b, text, row)))
    return;
  if ((level = heading_level (text)) > 0 && level < 4)
    {
      if (marker_only (text))
        b->marker = g_strdup (text), b->marker_row = row;
      else
        heading (b, level, text, row);
      return;
    }
  if (row->heading || bl_subject__title (text, &title))
    {
      g_free (title);
      /* A Markdown heading stands alone even when it reads like a
       * list item ("##### 1、执行率情况") or like nothing ("## 报告");
       * so does a report's title, which ends no sentence. */
      markdown_heading (b, level, text, row);
      return;
    }
  if (b->ended && (line = end_sentence (b, text, row)) == NULL)
    return;
  if (line != text && (level = heading_level (line)) > 0 && level < 4)
    {
      heading (b, level, line, row);
      return;
    }
  if (level == 4 || b->text->len > 4000)
    flush (b);
  append_line (b, line, strlen (line), row);
  /* "1.项目立项背景": a numbered line without a word of punctuation
   * is a heading of its own, not the start of the next line's sentence */
  if (level == 4 && !g_regex_match (bl_regex_once (&punct, "[，。；：:,;（）()“”、]|[0-9]{2}"), line, 0, NULL))
    flush (b);
  else
    b->ended = ends_sentence (line);
}

void
bl_narrative__build (BlFiling *filing, const BlGrid *grid)
{
  Builder b = { .filing = filing, .text = g_string_new (NULL),
                .marks = g_array_new (FALSE, FALSE, sizeof (BlLineMark)) };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) order = NULL;

  if (filing->paragraphs == NULL)
    filing->paragraphs = g_ptr_array_new ();
  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_ptr_array_add (texts, row->in_table ? g_strdup ("") : row_prose (row));
    }
  order = reading_order (grid, texts);
  for (guint i = 0; i < grid->rows->len; i++)
    {
      guint k = g_array_index (order, guint, i);
      const BlGridRow *row = g_ptr_array_index (grid->rows, k);
      if (row->in_table)
        {
          name_marker (&b, NULL, row);
          flush (&b);
        }
      else
        prose_line (&b, row, g_ptr_array_index (texts, k));
    }
  name_marker (&b, NULL, NULL);
  flush (&b);
  g_string_free (b.text, TRUE);
  g_array_free (b.marks, TRUE);
  for (int l = 0; l < 5; l++)
    g_free (b.heads[l]);
}

/* "1、", "2.", "（3）" opening @text. */
static gboolean
list_item (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^\\s*([0-9]+[、.．](?![0-9])|[（(][0-9]+[）)])"), text, 0, NULL);
}

GPtrArray *
bl_narrative__sentences (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *start = text, *p = text;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      int depth = 0;
      gssize n;
      gboolean ends;
      p = g_utf8_next_char (p);
      /* 。！？ — and "如下：1、…": a list's first item is a sentence of
       * its own, as it is where a text tool breaks the line before it */
      ends = c == 0x3002 || c == 0xFF01 || c == 0xFF1F || ((c == 0xFF1A || c == ':') && list_item (p));
      if (!ends)
        continue;
      /* "。（如持平作持平表述）": the remark ends the sentence */
      if (opens_remark (p) && (n = remark_end (p, &depth)) > 0 && n <= 150)
        p += n;
      g_ptr_array_add (out, g_strndup (start, (gsize) (p - start)));
      start = p;
    }
  if (*start)
    g_ptr_array_add (out, g_strdup (start));
  return out;
}
