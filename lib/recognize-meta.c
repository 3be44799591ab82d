/* Recognition, document level: which department a filing is about, and
 * which year.
 *
 * Filings print their department in three ways, from the most to the
 * least trusted:
 *
 *   fields    部门：X, 单位名称：X, 编制单位：X, 预算主管部门：X
 *   titles    X2024年度部门决算, 2017年度X部门预算公开, 第一部分 X概况
 *             (a cover split over two or three short lines counts too)
 *   subjects  the prose: X部门决算包括…, 2024年度，X机关运行经费支出…,
 *             截至…，X共有车辆…
 *
 * Each way collects candidates and counts them; the most trusted way that
 * found a real name (an organisation's ending, no placeholder such as
 * XX局 or 某县, no 本部门) gives the one it saw most often.  A longer
 * form of that name the filing also states whole (in a field, on one
 * title line, or twice in the prose) wins over it: 上海市普陀区规划和自然
 * 资源局 over the 上海市规划和自然资源局 of its table pages, 江苏省委办公厅
 * over the 省委办公厅 of its headings.
 *
 * The year is the first one a title states (2024年度部门决算, 2019年政府
 * 采购预算表), else the first 20NN年度 in the text that is not a
 * comparison (比2023年度增加, 与2023年度相比). */

#include "recognize.h"

#include <stdlib.h>
#include <string.h>

/* ---- the text, line by line ---- */

typedef struct {
  char *spaced;   /* cells joined by a space, letter spacing removed; only
                     for a line that can hold a field (部门…, 单位…) */
  char *tight;    /* no white space at all: titles and prose wrap anywhere */
  guint chars;    /* characters in tight */
  guint page;     /* lines of a title never cross a page (or sheet) */
  gboolean titled;  /* holds 决算, 预算 or 概况, which every title does */
  gboolean subjectish;  /* holds a character of a subject's context */
} Line;

static void
line_free (gpointer p)
{
  Line *l = p;
  g_free (l->spaced);
  g_free (l->tight);
  g_free (l);
}

/* The length of the white space at @p (ASCII, a form feed, a no-break
 * or ideographic space), 0 when there is none.  Bytes, not characters:
 * every row of every filing passes here. */
static int
space_at (const char *p)
{
  if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
    return 1;
  if (strncmp (p, "\xc2\xa0", 2) == 0)
    return 2;
  return strncmp (p, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
}

static gboolean
wide_at (const char *p)
{
  return g_unichar_iswide (g_utf8_get_char (p));
}

/* White space between two wide characters is letter spacing ("部 门",
 * "上海市 普陀区"); elsewhere a run of it becomes one space. */
static void
append_squeezed (GString *out, const char *text)
{
  const char *last = NULL;   /* the last character appended */

  for (const char *p = text; *p;)
    {
      const char *run = p;
      int n;
      while (*p && space_at (p) == 0)
        p++;
      if (p > run)
        {
          if (last && !(wide_at (last) && wide_at (run)))
            g_string_append_c (out, ' ');
          g_string_append_len (out, run, p - run);
          last = g_utf8_find_prev_char (run, p);
        }
      while ((n = space_at (p)) != 0)
        p += n;
    }
}

static void
append_tight (GString *out, const char *text)
{
  for (const char *p = text; *p;)
    {
      const char *run = p;
      int n;
      while (*p && space_at (p) == 0)
        p++;
      g_string_append_len (out, run, p - run);
      while ((n = space_at (p)) != 0)
        p += n;
    }
}

/* Page furniture: "- 3 -", "第3页", "3/28", a bare number. */
static gboolean
is_page_number (const char *tight)
{
  static GRegex *re;
  bl_regex_once (&re, "^(?:[-—–－]?[0-9]{1,4}[-—–－]?"
                      "|第[0-9]{1,4}页(?:[/，,]?共[0-9]{1,4}页)?"
                      "|[0-9]{1,4}/[0-9]{1,4})$");
  return strlen (tight) <= 24 && g_regex_match (re, tight, 0, NULL);
}

/* A form feed starts a page in text copied out of a PDF; a new sheet
 * starts one in a workbook. */
static guint
page_of (const BlGridRow *row, const BlGridRow *prev, guint page)
{
  if (row->page)
    return row->page;
  if (prev && row->sheet != prev->sheet)
    page++;
  for (const char *p = row->raw; p && *p; p++)
    if (*p == '\f')
      page++;
  return page;
}

/* A character each context of a subject holds (部门决算, 机关运行经费,
 * 2024年度收入 …); one character, as a word may wrap onto the next line.
 * Most lines hold none. */
static gboolean
may_hold_subject (const char *tight)
{
  static const char *const chars[] = {
    "部", "整", "机", "采", "车", "本", "收", "支", "财", "般",
  };
  for (gsize k = 0; k < G_N_ELEMENTS (chars); k++)
    if (strstr (tight, chars[k]))
      return TRUE;
  return FALSE;
}

static char *
spaced_text (GString *scratch, const BlGridRow *row)
{
  g_string_truncate (scratch, 0);
  for (guint k = 0; k < row->cells->len; k++)
    {
      if (k && scratch->len)
        g_string_append_c (scratch, ' ');
      append_squeezed (scratch, g_array_index (row->cells, BlGridCell, k).text);
    }
  return g_strndup (scratch->str, scratch->len);
}

/* The rows as lines, without blank rows and page numbers. */
static GPtrArray *
read_lines (const BlGrid *grid)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GString) scratch = g_string_new (NULL);
  const BlGridRow *prev = NULL;
  guint page = 1;

  for (guint i = 0; i < grid->rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      Line *l;
      page = page_of (row, prev, page);
      prev = row;
      g_string_truncate (scratch, 0);
      for (guint k = 0; k < row->cells->len; k++)
        append_tight (scratch, g_array_index (row->cells, BlGridCell, k).text);
      if (scratch->len == 0 || is_page_number (scratch->str))
        continue;
      l = g_new0 (Line, 1);
      l->tight = g_strndup (scratch->str, scratch->len);
      l->chars = (guint) g_utf8_strlen (l->tight, -1);
      l->page = page;
      l->titled = strstr (l->tight, "算") || strstr (l->tight, "概况");
      l->subjectish = may_hold_subject (l->tight);
      if (strstr (l->tight, "部门") || strstr (l->tight, "单位"))
        l->spaced = spaced_text (scratch, row);
      g_ptr_array_add (lines, l);
    }
  return lines;
}

/* ---- names ---- */

/* Chinese characters.  Not \p{Han}: PCRE2 reads that by script
 * extensions, which take in 、。《》 and the other CJK punctuation. */
#define HAN "\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}"

/* What an organisation's name ends with: 局, 委员会, 办公厅, 中心, 法院 … */
#define ORG_END "(?:中心|政府|[局会厅室部院委所站队馆社校处署办团联协园])"
/* Characters of a name as printed, placeholders included so that 上海市XX局
 * is read whole (and refused) rather than as 局. */
#define NAME_CHAR "[" HAN "XxＸｘ×（）()]"

/* A name a filing can be about: Chinese only (a placeholder's XX or ××
 * is not), the ending of an organisation, no 某 (某县医疗保障局), not
 * the filing speaking of itself (本部门, 我单位, 该局). */
static gboolean
is_name (const char *s)
{
  static GRegex *re;
  bl_regex_once (&re, "^(?![本我该各全其贵])[" HAN "]{2,39}" ORG_END "$");
  return g_regex_match (re, s, 0, NULL)
         && strstr (s, "某") == NULL && strstr (s, "〇〇") == NULL;
}

/* 405001-大宁县医疗保障局 → 大宁县医疗保障局;
 * 上海市XX局（本级） → 上海市XX局. */
static char *
clean_name (const char *s)
{
  static GRegex *code, *note;
  g_autofree char *a = NULL;

  bl_regex_once (&code, "^[0-9A-Za-z]+[-－—_]");
  bl_regex_once (&note, "(?:[（(][^（()）]*[)）])+$");
  a = g_regex_replace_literal (code, s, -1, 0, "", 0, NULL);
  return g_regex_replace_literal (note, a, -1, 0, "", 0, NULL);
}

typedef enum { BY_FIELD, BY_TITLE, BY_SUBJECT, N_WAYS } Way;

typedef struct {
  const char *name;
  guint count[N_WAYS];
  guint whole;            /* times stated in a field or on one title line */
} Candidate;

typedef struct {
  GHashTable *by_name;    /* name → Candidate*, owns both */
  GPtrArray *order;       /* Candidate*, as first seen: ties go to the first */
} Candidates;

static void
candidates_init (Candidates *c)
{
  c->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->order = g_ptr_array_new ();
}

static void
candidates_clear (Candidates *c)
{
  g_ptr_array_free (c->order, TRUE);
  g_hash_table_destroy (c->by_name);
}

/* Counts @text (cleaned) when it is a name; @whole: stated where no
 * words of other lines can have joined it. */
static void
candidates_add (Candidates *c, const char *text, Way way, gboolean whole)
{
  g_autofree char *name = clean_name (text);
  Candidate *cand;

  if (!is_name (name))
    return;
  if ((cand = g_hash_table_lookup (c->by_name, name)) == NULL)
    {
      cand = g_new0 (Candidate, 1);
      cand->name = name;
      g_hash_table_insert (c->by_name, g_steal_pointer (&name), cand);
      g_ptr_array_add (c->order, cand);
    }
  cand->count[way]++;
  cand->whole += whole;
}

/* ---- fields: 部门：X ---- */

#define FIELD "(?:部门名称|单位名称|编制单位|填报单位|预算主管部门|预算单位|主管部门|部门)" \
              "\\s*[:：]"

/* A field whose value an extractor put on the next line ("部门：" / "X"):
 * the next line's first word. */
static void
value_below (Candidates *c, const GPtrArray *lines, guint i)
{
  static GRegex *re;
  const Line *next;
  g_autofree char *value = NULL;

  if (i + 1 >= lines->len
      || !g_regex_match (bl_regex_once (&re, FIELD "$"),
                         ((const Line *) g_ptr_array_index (lines, i))->spaced, 0, NULL))
    return;
  next = g_ptr_array_index (lines, i + 1);
  value = next->spaced ? g_strndup (next->spaced, strcspn (next->spaced, " "))
                       : g_strdup (next->tight);
  candidates_add (c, value, BY_FIELD, TRUE);
}

static void
find_fields (Candidates *c, const GPtrArray *lines)
{
  static GRegex *re;
  bl_regex_once (&re, FIELD "\\s*([^\\s:：]+?)"
                      "(?=\\s|$|20[0-9]{2}\\s*年|金额单位|单位\\s*[:：]|[（(]单位)");
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = g_ptr_array_index (lines, i);
      g_autoptr(GMatchInfo) m = NULL;
      if (l->spaced == NULL || (!strstr (l->spaced, "：") && !strchr (l->spaced, ':')))
        continue;
      for (g_regex_match (re, l->spaced, 0, &m); g_match_info_matches (m);
           g_match_info_next (m, NULL))
        {
          g_autofree char *value = g_match_info_fetch (m, 1);
          candidates_add (c, value, BY_FIELD, TRUE);
        }
      value_below (c, lines, i);
    }
}

/* ---- titles: covers, headings, table titles ---- */

#define HEADING_NO "(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]" \
                   "|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[、.．])"
#define ORDINAL HEADING_NO "?"
#define YEAR "(?<year>20[0-9]{2})年度?"
#define KIND "(?:[省市县区]级)?(?:部门)?(?:汇总)?(?:决算|预算)"
#define TAIL "(?:公开|报告|报表|表|情况说明|说明|编制说明)*"

/* A title and what it states, or FALSE when @text is not one.  The
 * patterns hold a whole line: a sentence that mentions a 部门决算 is no
 * title. */
static gboolean
title_in (const char *text, char **name, int *year)
{
  static GRegex *res[4];
  static const char *const patterns[] = {
    /* 上海市普陀区财政局2024年度部门决算, 第二部分 X 2024年度部门决算表 */
    "^" ORDINAL "(?<name>" NAME_CHAR "{2,40}?)(?:" YEAR ")?" KIND TAIL "$",
    /* 2017年度江苏省高级人民法院部门预算公开 */
    "^" ORDINAL YEAR "(?<name>" NAME_CHAR "{2,40}?)" KIND TAIL "$",
    /* 第一部分 上海市普陀区财政局概况 */
    "^第[一二三四五六七八九十]+部分(?<name>" NAME_CHAR "{2,40}?)(?:部门)?概况$",
    /* a title that states the year only: 2019年政府采购预算表, 江苏省2018年度
     * 省级部门预算公开报表 (no sentence; no column such as 2025年预算数) */
    "^" ORDINAL "(?:[" HAN "]{1,30}?(?:" ORG_END "|[省市县区州旗]))?" YEAR
    "[^，。；：:,;、《》“”\"]{0,30}?(?:决算|预算)"
    "(?:[^，。；：:,;、《》“”\"]{0,10}(?:表|公开|报告|说明|草案))?$",
  };

  /* What the patterns need, so that few lines meet a pattern at all: the
   * first three end in a KIND, TAIL or 概况, the last states a year. */
  static const char ends[] = "算开告表明况";
  const char *last = g_utf8_find_prev_char (text, text + strlen (text));
  gboolean named = last && g_utf8_strchr (ends, -1, g_utf8_get_char (last));
  gboolean dated = strstr (text, "20") && strstr (text, "算");

  for (guint i = named ? 0 : 3; i < (dated ? 4u : 3u); i++)
    {
      g_autoptr(GMatchInfo) m = NULL;
      g_autofree char *y = NULL;
      if (!g_regex_match (bl_regex_once (&res[i], patterns[i]), text, 0, &m))
        continue;
      *name = i < 3 ? g_match_info_fetch_named (m, "name") : NULL;
      y = g_match_info_fetch_named (m, "year");
      *year = y && *y ? atoi (y) : 0;
      return TRUE;
    }
  return FALSE;
}

/* A title printed over short lines: at most three, on one page. */
#define TITLE_LINES 3
#define TITLE_LINE_CHARS 30
#define TITLE_CHARS 64

/* A line that goes on with a title begun above it: it is no heading of
 * its own (第二部分…, 一、…) and no title that names a department by
 * itself — else 目录 and the heading under it would read as one title. */
static gboolean
continues_title (const Line *l)
{
  static GRegex *re;
  g_autofree char *name = NULL;
  g_autofree char *clean = NULL;
  int year;

  if (g_regex_match (bl_regex_once (&re, "^" HEADING_NO), l->tight, 0, NULL))
    return FALSE;
  if (!title_in (l->tight, &name, &year) || name == NULL)
    return TRUE;
  clean = clean_name (name);
  return !is_name (clean);
}

/* Lines @i … @i + @n - 1 joined, when they can make one title: short, on
 * one page, with 决算, 预算 or 概况 in them.  (Whether the lines after
 * the first go on with it is asked only of a window that reads as a
 * title: few do.) */
static char *
window (const GPtrArray *lines, guint i, guint n)
{
  const Line *first = g_ptr_array_index (lines, i);
  GString *s;
  guint chars = 0;
  gboolean titled = FALSE;

  if (i + n > lines->len)
    return NULL;
  for (guint k = 0; k < n; k++)
    {
      const Line *l = g_ptr_array_index (lines, i + k);
      if (l->page != first->page || (n > 1 && l->chars > TITLE_LINE_CHARS))
        return NULL;
      chars += l->chars;
      titled |= l->titled;
    }
  if (!titled || chars > TITLE_CHARS)
    return NULL;
  s = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    g_string_append (s, ((const Line *) g_ptr_array_index (lines, i + k))->tight);
  return g_string_free (s, FALSE);
}

static gboolean
lines_continue (const GPtrArray *lines, guint i, guint n)
{
  for (guint k = 1; k < n; k++)
    if (!continues_title (g_ptr_array_index (lines, i + k)))
      return FALSE;
  return TRUE;
}

/* Counts the names titles state; *@year: the first year one states. */
static void
find_titles (Candidates *c, const GPtrArray *lines, int *year)
{
  for (guint i = 0; i < lines->len;)
    {
      guint n;
      for (n = 1; n <= TITLE_LINES; n++)
        {
          g_autofree char *text = window (lines, i, n);
          g_autofree char *name = NULL;
          int y;
          if (text == NULL || !title_in (text, &name, &y) || !lines_continue (lines, i, n))
            continue;
          if (name)
            candidates_add (c, name, BY_TITLE, n == 1);
          if (*year == 0)
            *year = y;
          break;
        }
      i += n <= TITLE_LINES ? n : 1;   /* a title's lines start no other */
    }
}

/* ---- subjects: what the prose says the 部门决算 is of ---- */

/* 纳入X…部门决算编制范围, 2024年度X…, 第三部分X…: the words before a
 * name that are no part of it.  (One character alone, as in 由X…, could
 * begin a name too — 日照市, 将乐县 —: see fold_lead_chars().) */
static const char *
skip_lead_words (const char *name)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  int end;

  bl_regex_once (&re, "^(?:第[一二三四五六七八九十]+部分|纳入|根据|截至|按照"
                      "|关于|其中|包括|以及|为了|通过|年度)");
  if (!g_regex_match (re, name, 0, &m)
      || !g_match_info_fetch_pos (m, 0, NULL, &end) || !is_name (name + end))
    return name;
  return name + end;
}

/* Line @i with the next one after it, so that what wraps (部门决 / 算)
 * is still seen; a name is counted only where it stands on line @i. */
static void
subjects_on_line (Candidates *c, const GPtrArray *lines, guint i)
{
  static GRegex *re;
  const Line *l = g_ptr_array_index (lines, i);
  const Line *next = i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL;
  g_autofree char *text = g_strconcat (l->tight, next ? next->tight : "", NULL);
  g_autoptr(GMatchInfo) m = NULL;
  gsize own = strlen (l->tight);

  bl_regex_once (&re, "(?<![" HAN "XxＸｘ×])([" HAN "XxＸｘ×]{1,40}?" ORG_END ")"
                      "(?=(?:20[0-9]{2}年度?)?(?:部门(?:决算|预算)|部门整体|整体支出"
                      "|机关运行经费|政府采购|共有车辆|本年(?:收入|支出))"
                      "|20[0-9]{2}年度?(?:收入|支出|财政拨款|一般公共预算))");
  for (g_regex_match (re, text, 0, &m); g_match_info_matches (m);
       g_match_info_next (m, NULL))
    {
      int end;
      g_autofree char *name = NULL;
      if (!g_match_info_fetch_pos (m, 1, NULL, &end) || (gsize) end > own)
        break;
      name = g_match_info_fetch (m, 1);
      candidates_add (c, skip_lead_words (name), BY_SUBJECT, FALSE);
    }
}

static void
find_subjects (Candidates *c, const GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = g_ptr_array_index (lines, i);
      const Line *next = i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL;
      /* the context may wrap onto the next line (部门决 / 算) */
      if (l->subjectish || (next && next->subjectish))
        subjects_on_line (c, lines, i);
    }
}

/* ---- the choice ---- */

/* 由X…, 日X… (of 31日X共有车辆): a name read from prose that is another
 * name the filing states with one character before it counts for that
 * name; 日照市财政局 stays itself unless 照市财政局 is read too. */
static void
fold_lead_chars (Candidates *c)
{
  static const char lead[] = "由从对向将是在即据年月日";

  for (guint i = 0; i < c->order->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->order, i);
      const char *rest = g_utf8_next_char (cand->name);
      Candidate *to;
      if (cand->count[BY_SUBJECT] == 0
          || !g_utf8_strchr (lead, -1, g_utf8_get_char (cand->name))
          || (to = g_hash_table_lookup (c->by_name, rest)) == NULL)
        continue;
      to->count[BY_SUBJECT] += cand->count[BY_SUBJECT];
      cand->count[BY_SUBJECT] = 0;
    }
}

/* @longer states @name in full: the characters of @name in order, and
 * the same ending (上海市规划和自然资源局 → 上海市普陀区规划和自然资源局,
 * 省委办公厅 → 江苏省委办公厅). */
static gboolean
extends (const char *longer, const char *name)
{
  const char *p = longer;
  if (strlen (longer) <= strlen (name)
      || strcmp (g_utf8_prev_char (longer + strlen (longer)),
                 g_utf8_prev_char (name + strlen (name))) != 0)
    return FALSE;
  for (const char *q = name; *q; q = g_utf8_next_char (q))
    {
      gsize n = (gsize) (g_utf8_next_char (q) - q);
      while (*p && strncmp (p, q, n) != 0)
        p = g_utf8_next_char (p);
      if (*p == '\0')
        return FALSE;
      p += n;
    }
  return TRUE;
}

/* Of two candidates a way saw as often, one stated whole (in a field or
 * on one title line) before one that is not, else the first seen. */
static gboolean
better (const Candidate *cand, const Candidate *best, Way way)
{
  if (best == NULL || cand->count[way] != best->count[way])
    return cand->count[way] > (best ? best->count[way] : 0);
  return cand->whole > 0 && best->whole == 0;
}

/* The candidate the most trusted way saw most often. */
static const Candidate *
most_trusted (const Candidates *c)
{
  for (int w = 0; w < N_WAYS; w++)
    {
      const Candidate *best = NULL;
      for (guint i = 0; i < c->order->len; i++)
        {
          const Candidate *cand = g_ptr_array_index (c->order, i);
          if (better (cand, best, (Way) w))
            best = cand;
        }
      if (best)
        return best;
    }
  return NULL;
}

/* A longer form is taken from fields, one-line titles and names the
 * prose repeats: a title over several lines may have joined the last
 * words of a table cell (分散自行组织 / 江苏省人大常委会办公厅 / 2017年度…),
 * and a name read once from prose words before it. */
static const char *
full_name (const Candidates *c, const Candidate *best)
{
  const char *name = best->name;
  for (guint i = 0; i < c->order->len; i++)
    {
      const Candidate *cand = g_ptr_array_index (c->order, i);
      gboolean stated = cand->whole > 0 || cand->count[BY_SUBJECT] >= 2;
      if (stated && extends (cand->name, name))
        name = cand->name;
    }
  return name;
}

/* ---- the year in prose ---- */

/* The first 20NN年度 that is not a comparison (比2023年度, 与2023年度相比). */
#define PROSE_YEAR "(?<![比较与同至和及、\\-—~～])(20[0-9]{2})年度(?!相比|同期|比|增|减)"

static int
prose_year (const GPtrArray *lines)
{
  static GRegex *re;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = g_ptr_array_index (lines, i);
      int year = bl_regex_int (&re, PROSE_YEAR, l->tight);
      if (year)
        return year;
    }
  return 0;
}

void
bl_recognize__metadata (BlFiling *f, const BlGrid *grid)
{
  g_autoptr(GPtrArray) lines = read_lines (grid);
  Candidates c;
  const Candidate *best;
  int year = 0;

  candidates_init (&c);
  find_fields (&c, lines);
  find_titles (&c, lines, &year);
  find_subjects (&c, lines);
  fold_lead_chars (&c);
  if ((best = most_trusted (&c)) != NULL && !f->department)
    f->department = bl_filing__intern (f, full_name (&c, best));
  if (!f->year)
    f->year = year ? year : prose_year (lines);
  candidates_clear (&c);
}
