/* The prose of a filing: every grid row that no table took, re-joined
 * into paragraphs.
 *
 * Text copied out of a PDF wraps sentences at the page's width (and some
 * tools put a blank line after every wrapped line, splitting a word:
 * "调" / "整为"), so lines are joined until one ends a sentence (。！？),
 * or a heading (第一部分, 一、, （一）, 1.) starts.  Headings doubled by the
 * extraction ("二、收入决算情况说明二、收入决算情况说明") are taken once;
 * each paragraph remembers the headings it stands under, which tell claim
 * extraction what table a phrase refers to. */

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
} Builder;

static void
flush (Builder *b)
{
  BlParagraph *p;
  GString *section = g_string_new (NULL);

  if (b->text->len == 0)
    return;
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

void
bl_narrative__build (BlFiling *filing, const BlGrid *grid)
{
  static GRegex *punct;
  Builder b = { filing, g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (BlLineMark)), { NULL } };

  if (filing->paragraphs == NULL)
    filing->paragraphs = g_ptr_array_new ();
  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autofree char *text = NULL;
      char *title = NULL;
      BlLineMark mark;
      int level;
      if (row->in_table)
        {
          flush (&b);
          continue;
        }
      text = row_prose (row);
      if (*text == '\0')
        continue;
      if ((level = heading_level (text)) > 0 && level < 4)
        {
          heading (&b, level, text, row);
          continue;
        }
      if (row->heading || bl_subject__title (text, &title))
        {
          g_free (title);
          /* A Markdown heading stands alone even when it reads like a
           * list item ("##### 1、执行率情况") or like nothing ("## 报告");
           * so does a report's title, which ends no sentence. */
          markdown_heading (&b, level, text, row);
          continue;
        }
      if (level == 4 || b.text->len > 4000)
        flush (&b);
      mark = (BlLineMark) { (guint32) b.text->len, row->line, row->page };
      g_array_append_val (b.marks, mark);
      g_string_append (b.text, text);
      /* "1.项目立项背景": a numbered line without a word of punctuation
       * is a heading of its own, not the start of the next line's sentence */
      if (ends_sentence (text) || (level == 4 && !g_regex_match (bl_regex_once (&punct, "[，。；：:,;（）()“”、]|[0-9]{2}"), text, 0, NULL)))
        flush (&b);
    }
  flush (&b);
  g_string_free (b.text, TRUE);
  g_array_free (b.marks, TRUE);
  for (int l = 0; l < 5; l++)
    g_free (b.heads[l]);
}
