/* Claims: what the prose of a filing states, as rows of a table of kind
 * `narrative`, so that rules written in the pack can check them against
 * the tables and against their own arithmetic.
 *
 * A sentence is cut into clauses at ，；： (full- or half-width); in each
 * clause the text before the first figure or direction word names the
 * concept ("收入合计", "一般公共服务（类）支出"), and the figures fill one
 * row per concept:
 *
 *   收入合计 11229.01 万元，增加 10641.92 万元，增长 1812.7%
 *     → 概念 收入合计, 金额 11229.01, 增减额 +10641.92, 增减率 +1812.7%
 *   其中：财政拨款收入 11208.44 万元，占本年收入 99.8%
 *     → 概念 财政拨款收入, 金额 11208.44, 比例 99.8%, 整体 本年收入,
 *       整体金额 11229.01 (the amount the 其中 list belongs to), 组 1,
 *       列举 1 (a part listed in the sentence that states the whole)
 *   1、一般公共服务支出（类）财政事务（款）行政运行（项）。… 支出决算为
 *   1511.89 万元 → 概念 支出决算, 金额 1511.89, 科目 the chain
 *   全年预算为 6.55 万元，支出决算为 1.57 万元，完成全年预算的 24%
 *     → 概念 完成预算, 预算金额 6.55, 决算金额 1.57, 完成率 24%
 *   决算数小于全年预算数 → 表述 小于 on that row
 *
 * Extraction states facts only; what is wrong is for the rules to say.
 * Every row keeps its sentence (原文), section (章节) and line. */

#include "narrative.h"
#include "template.h"

#include <stdlib.h>
#include <string.h>

enum {
  C_AMOUNT, C_SHARE, C_CHANGE, C_RATE, C_WHOLE_AMOUNT, C_BUDGET, C_ACTUAL,
  C_DONE, C_ORIGINAL, C_ADJUSTED, C_EXEC_RATE, C_COUNT, C_GRADE_SUM, C_CONCEPT, C_WHOLE,
  C_WORDING, C_GROUP, C_LIST, C_ROLE, C_GRADE, C_ITEM, C_SENTENCE, C_SECTION, N_CLAIM_COLS
};

static const struct { const char *name; gboolean text; } claim_cols[N_CLAIM_COLS] = {
  { "金额", FALSE }, { "比例", FALSE }, { "增减额", FALSE }, { "增减率", FALSE },
  { "整体金额", FALSE }, { "预算金额", FALSE }, { "决算金额", FALSE }, { "完成率", FALSE },
  { "年初预算", FALSE }, { "调整后预算", FALSE }, { "执行率", FALSE }, { "个数", FALSE },
  { "各等级个数", FALSE },
  { "概念", TRUE }, { "整体", TRUE }, { "表述", TRUE }, { "组", TRUE }, { "列举", TRUE },
  { "角色", TRUE },
  { "等级", TRUE }, { "科目", TRUE },
  { "原文", TRUE }, { "章节", TRUE },
};

typedef struct {
  BlFiling *filing;
  BlTable *table;
  BlPart *claims, *sentences;
  const BlParagraph *para;
  const char *sentence;         /* interned */
  guint32 sentence_off;
  BlRow *row;                   /* the row clauses add to */
  BlRow *last_amount;           /* the paragraph's latest row with an amount */
  char *concept;                /* its concept key */
  /* the amount a 其中 list or a 主要用于 list belongs to */
  char *lead_text;
  BlUnit lead_unit;
  guint group;
  gboolean in_group;
  const char *lead_sentence;    /* the sentence that opened the group */
  BlRow *budget_row;            /* the 完成预算 row of this paragraph */
  BlRow *exec_row;              /* its 预算执行 row (年初 → 调整 → 执行) */
  char *budget_text, *actual_text;
  BlUnit budget_unit, actual_unit;
  /* whose budget facts are stated (subject.c): the sentence's lead, the
   * paragraph's last named subject, its nearest naming heading, and the
   * performance report it stands in (scope counts reports) */
  BlPart *facts;
  char *lead, *para_subject, *heading_subject, *topic;
  char *chain;                  /* the list item's "A（类）B（款）C（项）" */
  char *budget_subject;         /* whose budget exec_row and budget_text are */
  gboolean lead_done;
  guint scope;
  gboolean monitoring;          /* the sentence reports mid-year progress */
} Ex;

/* One row per budget fact (subject.c): a project's 年初预算, 全年预算,
 * 预算数, 执行数 and 执行率 each time the prose states one, keyed so a
 * rule can find the same quantity stated twice. */
enum { F_VALUE, F_QUANTITY, F_SUBJECT, F_KEY, F_SENTENCE, F_SECTION, N_FACT_COLS };

static const struct { const char *name; gboolean text; } fact_cols[N_FACT_COLS] = {
  { "数值", FALSE }, { "指标", TRUE }, { "主体", TRUE }, { "键", TRUE },
  { "原文", TRUE }, { "章节", TRUE },
};

/* ---- cells ---- */

static void
put_cell (Ex *x, BlRow *row, int col, gboolean is_text, const char *text, BlUnit unit,
          guint32 off)
{
  BlCell *c = &row->cells[col];
  c->text = bl_filing__intern (x->filing, text);
  c->pos = bl_paragraph__pos (x->para, x->sentence_off + off);
  if (is_text)
    {
      c->kind = BL_CELL_TEXT;
      return;
    }
  if (!bl_decimal_parse (text, &c->value, NULL))
    {
      c->kind = BL_CELL_TEXT;
      return;
    }
  if (c->value.unit == BL_UNIT_NONE)
    c->value.unit = (guint8) unit;
  c->kind = BL_CELL_NUMBER;
}

static void
put (Ex *x, BlRow *row, int col, const char *text, BlUnit unit, guint32 off)
{
  put_cell (x, row, col, claim_cols[col].text, text, unit, off);
}

static gboolean
empty (const BlRow *row, int col)
{
  return row->cells[col].kind == BL_CELL_BLANK;
}

static BlRow *
new_row (Ex *x, const char *concept, guint32 off)
{
  BlRow *row = bl_part__add_row (x->claims);
  row->pos = bl_paragraph__pos (x->para, x->sentence_off + off);
  bl_row__set_label (row, concept && *concept ? concept : "（未名）");
  put (x, row, C_CONCEPT, concept ? concept : "", BL_UNIT_NONE, off);
  put (x, row, C_SENTENCE, x->sentence, BL_UNIT_NONE, off);
  if (x->para->section)
    put (x, row, C_SECTION, x->para->section, BL_UNIT_NONE, off);
  if (x->chain)
    put (x, row, C_ITEM, x->chain, BL_UNIT_NONE, off);
  if (x->in_group)
    {
      g_autofree char *g = g_strdup_printf ("%u", x->group);
      put (x, row, C_GROUP, g, BL_UNIT_NONE, off);
      if (x->sentence == x->lead_sentence)
        put (x, row, C_LIST, g, BL_UNIT_NONE, off);
      put (x, row, C_ROLE, "分", BL_UNIT_NONE, off);
    }
  return row;
}

/* ---- concepts ---- */

/* What names the concept: the clause's text before its first figure,
 * without years, the department, 与…相比, verbs and list markers. */
static char *
clean_concept (const char *text)
{
  static GRegex *noise, *tail;
  g_autofree char *a = g_regex_replace (bl_regex_once (&noise,
      "^(其中|主要是|主要用于|包括|分别为|另外|此外|合计)[:：]?|[0-9]{4}\\s*年度?|"
      "与\\s*[0-9]{4}\\s*年度?相比|较上年度?|比上年度?|比\\s*[0-9]{4}\\s*年度?(决算数?)?|较\\s*[0-9]{4}\\s*年度?|"
      "^[，；：。、,;:\\s]+|[，；：。、,;:\\s]+$|"
      "^\\s*([0-9]+[.、．]|[（(][0-9一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)|\\s+"),
      text, -1, 0, "", 0, NULL);
  g_autofree char *b = g_regex_replace (bl_regex_once (&tail,
      "(为|是|达|达到|共|共计|均为|各|分别为)$"),
      a, -1, 0, "", 0, NULL);
  return g_strdup (b);
}

/* The concept without the department's name before it ("大宁县医疗保障局
 * 财政拨款支出" is 财政拨款支出).  When the filing does not name its
 * department, a leading name of a place's body (…区财政局, …县医疗保障中心)
 * is one. */
static char *
without_department (Ex *x, const char *prefix)
{
  static GRegex *re;
  char *c = clean_concept (prefix);
  const char *dept = x->filing->department;
  g_autoptr(GMatchInfo) m = NULL;
  gint end = 0;

  if (dept && g_str_has_prefix (c, dept) && strlen (c) > strlen (dept))
    memmove (c, c + strlen (dept), strlen (c) - strlen (dept) + 1);
  else if (dept == NULL
           && g_regex_match (bl_regex_once (&re, "^(中共)?\\S{0,12}?(省|市|区|县|州|盟|旗)\\S{1,16}?"
                                         "(局|委员会|办公室|中心|院|部|厅|署|馆|所|站)"
                                         "(20\\d\\d年度?)?"), c, 0, &m)
           && g_match_info_fetch_pos (m, 0, NULL, &end) && c[end] != '\0')
    memmove (c, c + end, strlen (c) - (gsize) end + 1);
  return c;
}

/* A clause about the same concept adds to the current row; an unnamed
 * one ("增长 1812.7%") continues it. */
static BlRow *
row_for (Ex *x, const char *concept, guint32 off)
{
  if (x->row && (*concept == '\0' || g_strcmp0 (concept, x->concept) == 0))
    return x->row;
  x->row = new_row (x, concept, off);
  g_free (x->concept);
  x->concept = g_strdup (concept);
  return x->row;
}

/* ---- figures in a clause ---- */

typedef struct {
  char *text;
  BlUnit unit;
  gint start, end;        /* byte offsets in the clause */
} Fig;

static gboolean
next_figure (const char *clause, gint from, Fig *f)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *num = NULL, *unit = NULL;

  if (!g_regex_match_full (bl_regex_once (&re, "([-－]?[0-9][0-9,，]*(?:\\.[0-9]+)?)\\s*(亿元|万元|元|%|％)"),
                           clause, -1, from, 0, &m, NULL))
    return FALSE;
  num = g_match_info_fetch (m, 1);
  unit = g_match_info_fetch (m, 2);
  g_match_info_fetch_pos (m, 0, &f->start, &f->end);
  g_strdelimit (num, "，", ',');
  f->text = g_strdup (num);
  if (!bl_unit_parse (unit, &f->unit))
    f->unit = BL_UNIT_PERCENT;
  if (f->unit == BL_UNIT_PERCENT)
    {
      char *t = g_strconcat (f->text, "%", NULL);
      g_free (f->text);
      f->text = t;
    }
  return TRUE;
}

static const char *const ups[] = { "增加", "增长", "上升", "提高" };
static const char *const downs[] = { "减少", "下降", "降低", "节约", "减" };

static const char *
find_direction (const char *clause, gboolean *down)
{
  const char *best = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (ups); i++)
    {
      const char *p = strstr (clause, ups[i]);
      if (p && (!best || p < best))
        best = p, *down = FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (downs); i++)
    {
      const char *p = strstr (clause, downs[i]);
      if (p && (!best || p < best))
        best = p, *down = TRUE;
    }
  return best;
}

/* Bytes of the direction word @dir starts with (find_direction's), or 0. */
static gsize
direction_len (const char *dir)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ups); i++)
    if (g_str_has_prefix (dir, ups[i]))
      return strlen (ups[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (downs); i++)
    if (g_str_has_prefix (dir, downs[i]))
      return strlen (downs[i]);
  return 0;
}

/* "增加综合管理费 209 万元": the concept named between the direction
 * word at @dir and the figure at @at, or NULL ("增加了 10 万元" names
 * none, and continues the concept before it). */
static char *
named_after (const char *dir, const char *at)
{
  static GRegex *noise;
  g_autofree char *raw = NULL;
  char *between;
  gsize end = direction_len (dir);
  guint wide = 0;

  if (end == 0 || dir + end >= at)
    return NULL;
  raw = g_strndup (dir + end, (gsize) (at - dir - end));
  between = g_regex_replace (bl_regex_once (&noise, "^(了|的|额|幅度)+|(为|约|共|达|至|到|了|\\s)+$"),
                             raw, -1, 0, "", 0, NULL);
  for (const char *p = between; p && *p; p = g_utf8_next_char (p))
    wide += (guchar) *p >= 0xE4 && (guchar) *p <= 0xE9;
  if (between && (wide < 2 || strpbrk (between, "0123456789")))
    g_clear_pointer (&between, g_free);
  return between;
}

static char *
signed_text (const char *text, gboolean down)
{
  if (!down || text[0] == '-' || g_str_has_prefix (text, "－"))
    return g_strdup (text);
  return g_strconcat ("-", text, NULL);
}

/* "占本年收入 99.8%", "占比 15.60%", "占本年支出合计的 86.8%": a share. */
static void
share (Ex *x, const char *clause, const char *occ, const Fig *f, guint32 off)
{
  BlRow *row = x->row ? x->row : row_for (x, "", off);
  g_autofree char *whole = g_strndup (occ + 3, (gsize) (clause + f->start - occ - 3));
  g_autofree char *w = clean_concept (whole);
  gsize n = strlen (w);

  if (g_str_has_prefix (w, "比"))
    memmove (w, w + 3, n - 2);
  n = strlen (w);
  if (n >= 3 && strcmp (w + n - 3, "的") == 0)
    w[n - 3] = '\0';
  if (empty (row, C_SHARE))
    put (x, row, C_SHARE, f->text, BL_UNIT_PERCENT, off + (guint32) f->start);
  if (*w)
    put (x, row, C_WHOLE, w, BL_UNIT_NONE, off);
  /* A share in a list: of the amount the list belongs to. */
  if (x->lead_text && (x->in_group || *w == '\0') && empty (row, C_WHOLE_AMOUNT))
    put (x, row, C_WHOLE_AMOUNT, x->lead_text, x->lead_unit, off);
}

static void
budget_pair (Ex *x, const char *concept, const Fig *f, guint32 off)
{
  gboolean budget = strstr (concept, "预算") && !strstr (concept, "决算");
  gboolean actual = strstr (concept, "决算") || g_str_has_suffix (concept, "支出");
  if (f->unit == BL_UNIT_PERCENT || !(budget || actual))
    return;
  if (budget)
    {
      g_free (x->budget_text);
      x->budget_text = g_strdup (f->text);
      x->budget_unit = f->unit;
      x->budget_row = NULL;   /* a new budget: "决算数小于预算数" is about it */
    }
  else
    {
      g_free (x->actual_text);
      x->actual_text = g_strdup (f->text);
      x->actual_unit = f->unit;
    }
  (void) off;
}

/* The budget a completion rate is of: the one the clause names ("完成年初
 * 预算的", "完成全年预算数的") when the paragraph stated it, else the
 * budget stated last. */
static const BlCell *
completed_budget (Ex *x, const char *clause)
{
  static GRegex *original, *annual;
  int col = g_regex_match (bl_words_regex (&original, "{original}"), clause, 0, NULL) ? C_ORIGINAL
            : g_regex_match (bl_words_regex (&annual, "{annual}"), clause, 0, NULL) ? C_ADJUSTED : -1;
  if (col >= 0 && x->exec_row && !empty (x->exec_row, col))
    return &x->exec_row->cells[col];
  return NULL;
}

/* "完成全年预算的 24%": a row with the budget and the actual it is of. */
static void
completion (Ex *x, const char *clause, const Fig *f, guint32 off)
{
  BlRow *row = new_row (x, "完成预算", off);
  const BlCell *named = completed_budget (x, clause);
  put (x, row, C_DONE, f->text, BL_UNIT_PERCENT, off + (guint32) f->start);
  if (named)
    put (x, row, C_BUDGET, named->text, (BlUnit) named->value.unit, off);
  else if (x->budget_text)
    put (x, row, C_BUDGET, x->budget_text, x->budget_unit, off);
  if (x->actual_text)
    put (x, row, C_ACTUAL, x->actual_text, x->actual_unit, off);
  x->budget_row = row;
}

/* "收入合计 11229.01 万元。与上年相比，收入合计增加 …": the change's row
 * takes the amount stated for its concept earlier under the same heading
 * — in the same paragraph or not, as the text's line breaks happen to
 * make paragraphs. */
static void
base_amount (Ex *x, BlRow *row)
{
  const char *concept = row->cells[C_CONCEPT].text;
  if (!empty (row, C_AMOUNT) || concept == NULL || *concept == '\0')
    return;
  for (guint i = x->claims->rows->len; i-- > 0;)
    {
      const BlRow *r = g_ptr_array_index (x->claims->rows, i);
      if (r == row || r->cells[C_SENTENCE].text == NULL)
        continue;
      if (g_strcmp0 (r->cells[C_SECTION].text, x->para->section) != 0)
        break;
      if (g_strcmp0 (r->cells[C_CONCEPT].text, concept) == 0 && !empty (r, C_AMOUNT))
        {
          row->cells[C_AMOUNT] = r->cells[C_AMOUNT];
          row->cells[C_AMOUNT].row = row;
          row->cells[C_AMOUNT].column = g_ptr_array_index (x->claims->columns, C_AMOUNT);
          if (empty (row, C_ROLE))   /* checked where it was stated */
            put (x, row, C_ROLE, "承上", BL_UNIT_NONE, 0);
          return;
        }
    }
}

/* A project's budget in prose: 年初预算 899.8746 万元 … 调整为 823.9140
 * 万元 … 执行数 … 执行率 100% — one 预算执行 row per paragraph. */
static gboolean
execution_fact (Ex *x, const char *c, const char *concept, const Fig *f, guint32 off)
{
  static GRegex *rate, *spent, *original, *adjusted, *executed;
  int col = -1;
  gsize n;
  if (f->unit == BL_UNIT_PERCENT)   /* 执行率 95%, 已 100% 支出 */
    col = g_regex_match (bl_words_regex (&rate, "{rate_any}"), c, 0, NULL)
          || g_regex_match (bl_words_regex (&spent, "{spent_all}"), c, 0, NULL) ? C_EXEC_RATE : -1;
  else if (g_regex_match (bl_words_regex (&original, "{original}"), concept, 0, NULL)
           && !strstr (concept, "决算"))
    col = C_ORIGINAL;
  else if (g_regex_match (bl_words_regex (&adjusted, "{adjusted}"), c, 0, NULL))
    col = C_ADJUSTED;
  else if (bl_quantity__of (concept, FALSE, &n) == BL_QUANTITY_ANNUAL)
    col = C_ADJUSTED;   /* 全年预算数: the budget after any adjustment */
  else if (x->exec_row && g_regex_match (bl_words_regex (&executed, "{executed_any}"), concept, 0, NULL))
    col = C_ACTUAL;
  if (col < 0)
    return FALSE;
  /* a quantity stated again starts another budget: the next item's */
  if (x->exec_row == NULL || !empty (x->exec_row, col))
    {
      x->exec_row = new_row (x, "预算执行", off);
      g_free (x->budget_subject);
      x->budget_subject = g_strdup (x->lead ? x->lead : x->para_subject);
    }
  if (empty (x->exec_row, col))
    put (x, x->exec_row, col, f->text, f->unit, off + (guint32) f->start);
  if (col == C_ADJUSTED)   /* the budget stated last, for 完成预算 and 决算数小于预算数 */
    {
      g_free (x->budget_text);
      x->budget_text = g_strdup (f->text);
      x->budget_unit = f->unit;
    }
  return col == C_EXEC_RATE || col == C_ADJUSTED;
}

/* "资金已全部支出", "已支出完毕": the budget spent in full, which says
 * 执行率 100 % without a figure — unless denied (未全部支出). */
static void
spent_in_full (Ex *x, const char *s)
{
  static GRegex *re, *denied;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *before = NULL;
  gint start = 0;

  if (x->exec_row == NULL || !empty (x->exec_row, C_EXEC_RATE) || x->monitoring
      || !g_regex_match (bl_words_regex (&re, "{spent_all}"), s, 0, &m))
    return;
  g_match_info_fetch_pos (m, 0, &start, NULL);
  before = g_strndup (s, (gsize) start);
  if (g_regex_match (bl_regex_once (&denied, "(未|没有|不|无法|尚)[^，。；,;]{0,6}$"), before, 0, NULL))
    return;
  put (x, x->exec_row, C_EXEC_RATE, "100%", BL_UNIT_PERCENT, (guint32) start);
}

/* ---- budget facts ---- */

/* "调整为 823.91 万元": the figure follows an adjustment word. */
static gboolean
adjusted_to (const char *c, const Fig *f)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  gint end = 0;
  if (!g_regex_match (bl_words_regex (&re, "{adjusted}"), c, 0, &m))
    return FALSE;
  g_match_info_fetch_pos (m, 0, NULL, &end);
  return end <= f->start;
}

/* A figure of another year is no fact of this one: "2022年年初预算为28
 * 万元，执行率为96.5%" (the last year the sentence named before the
 * figure), "上年年初预算为12万元" (said in the figure's clause). */
static gboolean
other_year (Ex *x, const char *c, gint from, const Fig *f, guint32 off)
{
  static GRegex *year, *prior;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *clause = g_strndup (c + from, (gsize) (f->start - from));
  g_autofree char *sentence = g_strndup (x->sentence, off + (guint32) f->start);
  int last = 0;

  if (g_regex_match (bl_regex_once (&prior, "上年|上一年|去年|以前年度|往年|同期"), clause, 0, NULL))
    return TRUE;
  for (g_regex_match (bl_regex_once (&year, "(20[0-9]{2})\\s*年"), sentence, 0, &m);
       g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *y = g_match_info_fetch (m, 1);
      last = atoi (y);
    }
  return x->filing->year && last && last != x->filing->year;
}

/* A single project's report: its title names a project, not the
 * department. */
static gboolean
project_report (const Ex *x)
{
  return x->topic && strcmp (x->topic, "本部门") != 0;
}

/* Whose fact is it.  A name written before the quantity is the subject
 * (the report's project when it is that project, written out); a
 * pronoun (该项目, 本项目资金) is the report's project, or in a report of
 * several the project this paragraph named; with nothing written, the
 * sentence's lead, the paragraph's last subject, the nearest naming
 * heading, the report's project — or nobody, and no fact. */
static const char *
fact_subject (Ex *x, const char *written, const char *own)
{
  const char *here = own ? own : *written ? NULL : x->lead;

  if (here && project_report (x) && bl_subject__same (here, x->topic))
    return x->topic;
  if (here)
    {
      if (x->para_subject != here)
        {
          g_free (x->para_subject);
          x->para_subject = g_strdup (here);
        }
      return x->para_subject;
    }
  if (*written)   /* a pronoun */
    return project_report (x) ? x->topic : x->para_subject;
  /* The department's own figures name it (本部门, 部门（单位）): an
   * unnamed budget in a department's report may be any project's. */
  return x->para_subject ? x->para_subject
         : x->heading_subject ? x->heading_subject
         : project_report (x) ? x->topic : NULL;
}

static void
fact (Ex *x, const char *c, const char *concept, const Fig *f, guint32 off)
{
  gsize n = 0;
  BlQuantity q = bl_quantity__of (concept, f->unit == BL_UNIT_PERCENT, &n);
  g_autofree char *own = NULL, *written = NULL, *key = NULL, *label = NULL;
  const char *subject;
  BlRow *row;

  if (q == BL_QUANTITY_NONE && f->unit != BL_UNIT_PERCENT && adjusted_to (c, f))
    q = BL_QUANTITY_ANNUAL, n = 0;
  if (q == BL_QUANTITY_NONE || x->monitoring)
    return;
  written = g_strndup (concept, n);
  if (n > 0)
    own = bl_subject__name (written);
  if ((subject = fact_subject (x, written, own)) == NULL)
    return;
  /* A long name is the same project anywhere in the filing; a short one
   * (培训费) is so only within its report. */
  if (g_utf8_strlen (subject, -1) >= 6)
    key = g_strdup_printf ("*|%s|%s", subject, bl_quantity__name (q));
  else
    key = g_strdup_printf ("%u|%s|%s", x->scope, subject, bl_quantity__name (q));
  label = g_strconcat (subject, bl_quantity__name (q), NULL);
  row = bl_part__add_row (x->facts);
  row->pos = bl_paragraph__pos (x->para, x->sentence_off + off + (guint32) f->start);
  bl_row__set_label (row, label);
  put_cell (x, row, F_VALUE, FALSE, f->text, f->unit, off + (guint32) f->start);
  put_cell (x, row, F_QUANTITY, TRUE, bl_quantity__name (q), BL_UNIT_NONE, off);
  put_cell (x, row, F_SUBJECT, TRUE, subject, BL_UNIT_NONE, off);
  put_cell (x, row, F_KEY, TRUE, key, BL_UNIT_NONE, off);
  put_cell (x, row, F_SENTENCE, TRUE, x->sentence, BL_UNIT_NONE, off);
  if (x->para->section)
    put_cell (x, row, F_SECTION, TRUE, x->para->section, BL_UNIT_NONE, off);
}

static void
clause (Ex *x, const char *c, guint32 off)
{
  Fig f = { 0 };
  gboolean down = FALSE;
  const char *dir = find_direction (c, &down);
  const char *occ = strstr (c, "占");
  gint from = 0;

  while (next_figure (c, from, &f))
    {
      const char *at = c + f.start, *stop = dir && dir < at && dir >= c + from ? dir : at;
      g_autofree char *prefix = g_strndup (c + from, (gsize) (stop - c - from));
      g_autofree char *concept = without_department (x, prefix);
      BlRow *row;
      gboolean now = !other_year (x, c, from, &f, off);
      if (now && !(dir && dir < at)
          && !(occ && occ < at && f.unit == BL_UNIT_PERCENT))
        fact (x, c, concept, &f, off);
      if (now && execution_fact (x, c, concept, &f, off))
        ;   /* an adjusted budget or a rate: the 预算执行 row has it */
      else if (occ && occ < at && f.unit == BL_UNIT_PERCENT && !(dir && dir < at && dir > occ))
        share (x, c, occ, &f, off);
      else if (strstr (c, "完成") && strstr (c, "预算") && f.unit == BL_UNIT_PERCENT)
        completion (x, c, &f, off);
      else if (dir && dir < at)
        {
          g_autofree char *v = signed_text (f.text, down);
          g_autofree char *named = *concept ? NULL : named_after (dir, at);
          row = row_for (x, named ? named : concept, off);
          base_amount (x, row);
          put (x, row, f.unit == BL_UNIT_PERCENT ? C_RATE : C_CHANGE, v,
               f.unit, off + (guint32) f.start);
        }
      else if (f.unit != BL_UNIT_PERCENT)
        {
          row = row_for (x, concept, off);
          if (!empty (row, C_AMOUNT))
            row = x->row = new_row (x, concept, off);
          put (x, row, C_AMOUNT, f.text, f.unit, off + (guint32) f.start);
          x->last_amount = row;
          budget_pair (x, concept, &f, off);
        }
      from = f.end;
      g_free (f.text);
    }
}

/* 决算数大于/小于全年预算数, 与…持平. */
static void
wording (Ex *x, const char *sentence)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  if (!g_regex_match (bl_regex_once (&re, "决算数?(大于|小于|等于|高于|低于|超过|与[^，。]*持平)"),
                      sentence, 0, &m))
    return;
  if (x->budget_row == NULL && x->budget_text && x->actual_text)
    {
      /* 年初预算为 X 万元，支出决算为 Y 万元。决算数小于预算数… */
      BlRow *row = x->budget_row = new_row (x, "预算对比", 0);
      put (x, row, C_BUDGET, x->budget_text, x->budget_unit, 0);
      put (x, row, C_ACTUAL, x->actual_text, x->actual_unit, 0);
    }
  if (x->budget_row == NULL)
    return;
  {
    g_autofree char *w = g_match_info_fetch (m, 1);
    const char *norm = strstr (w, "持平") ? "等于" : strcmp (w, "高于") == 0 || strcmp (w, "超过") == 0
                       ? "大于" : strcmp (w, "低于") == 0 ? "小于" : w;
    if (empty (x->budget_row, C_WORDING))
      put (x, x->budget_row, C_WORDING, norm, BL_UNIT_NONE, 0);
  }
}

/* The last amount before "其中" or a trailing "：" heads a list. */
static void
maybe_lead (Ex *x, const char *sentence_so_far, gboolean opens_list)
{
  BlRow *lead = x->row && !empty (x->row, C_AMOUNT) ? x->row : x->last_amount;
  if (!opens_list || lead == NULL)
    return;
  x->row = lead;
  g_free (x->lead_text);
  x->lead_text = g_strdup (x->row->cells[C_AMOUNT].text);
  x->lead_unit = (BlUnit) x->row->cells[C_AMOUNT].value.unit;
  x->group++;
  x->in_group = TRUE;
  x->lead_sentence = x->sentence;
  {
    g_autofree char *g = g_strdup_printf ("%u", x->group);
    put (x, x->row, C_GROUP, g, BL_UNIT_NONE, 0);
    put (x, x->row, C_LIST, g, BL_UNIT_NONE, 0);
    put (x, x->row, C_ROLE, "总", BL_UNIT_NONE, 0);
  }
  (void) sentence_so_far;
}

/* Cuts @s after every delimiter in @delims (UTF-8 characters); each piece
 * keeps its delimiter at its end.  A comma between digits groups them
 * (2,940.05) and cuts nothing. */
static GPtrArray *
split_after (const char *s, const char *delims)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *start = s;

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (g_utf8_strchr (delims, -1, g_utf8_get_char (p))
        && !(*p == ',' && p > s && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])))
      {
        const char *end = g_utf8_next_char (p);
        g_ptr_array_add (out, g_strndup (start, (gsize) (end - start)));
        start = end;
      }
  if (*start)
    g_ptr_array_add (out, g_strdup (start));
  return out;
}

/* A clause ending in ： opens a list when it says so (其中, 以下, 如下,
 * 主要用于, 包括); a stray "，：" does not. */
static gboolean
opens_list (const char *clause)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "(其中|以下|如下|主要用于|包括|分别为)[^，。]*[：:]\\s*$"),
                        clause, 0, NULL);
}

/* The clause of @s up to byte @end, without the department and years:
 * "大宁县医疗保障局部门（单位）2022年度一级项目绩效自评个数" → "部门（单位）
 * 一级项目绩效自评个数". */
static char *
counted (Ex *x, const char *s, gint end)
{
  static GRegex *cut;
  g_autofree char *head = g_strndup (s, (gsize) end);
  g_autoptr(GMatchInfo) m = NULL;
  gint from = 0;

  for (g_regex_match (bl_regex_once (&cut, "[，。；：,;:]"), head, 0, &m); g_match_info_matches (m);
       g_match_info_next (m, NULL))
    g_match_info_fetch_pos (m, 0, NULL, &from);
  return without_department (x, head + from);
}

/* A count of projects by grade: "12个项目自评等级为“优”", "绩效评级为“优”的
 * 项目4个", "其中优10个、良2个" — one 等级计数 row each (个数, 等级), and
 * one 自评项目数 row for "绩效自评个数19个" / "绩效自评的…项目39个". */
static void
grade_counts (Ex *x, const char *s)
{
  static GRegex *before, *after, *bare, *total;
  static const char grades[] = "优|良|中|差|合格|不合格";
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *p_before = g_strdup_printf ("([0-9]+)个项目[^，。；]{0,6}(?:等级|评级|结果)为[“\"]?(%s)", grades);
  g_autofree char *p_after = g_strdup_printf ("(?:等级|评级|结果)为[“\"]?(%s)[”\"]?的项目([0-9]+)个", grades);
  g_autofree char *p_bare = g_strdup_printf ("(?:^|[，、；：:])[“\"]?(%s)[”\"]?(?:等级)?(?:的项目)?([0-9]+)个", grades);
  int count_group, grade_group;
  GRegex *re;
  BlRow *total_row = NULL;
  guint64 sum = 0;
  gboolean graded = FALSE;

  if (!strstr (s, "自评") && !strstr (s, "评级") && !strstr (s, "等级"))
    return;
  if (g_regex_match (bl_regex_once (&total, "(?:绩效自评个数|自评的[^，。；]{0,12}项目|开展[^，。；]{0,6}自评的项目)([0-9]+)个"), s, 0, &m))
    {
      g_autofree char *n = g_match_info_fetch (m, 1);
      g_autofree char *what = NULL;
      gint start;
      g_match_info_fetch_pos (m, 1, &start, NULL);
      total_row = new_row (x, "自评项目数", (guint32) start);
      put (x, total_row, C_COUNT, n, BL_UNIT_NONE, (guint32) start);
      /* what is counted, in the clause's words (一级项目 and 二级项目 are
       * two counts): the 概念 a restatement must share */
      what = counted (x, s, start);
      put (x, total_row, C_CONCEPT, what, BL_UNIT_NONE, (guint32) start);
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (bl_regex_once (&before, p_before), s, 0, NULL))
    re = before, count_group = 1, grade_group = 2;
  else if (g_regex_match (bl_regex_once (&after, p_after), s, 0, NULL))
    re = after, count_group = 2, grade_group = 1;
  else
    re = bl_regex_once (&bare, p_bare), count_group = 2, grade_group = 1;
  for (g_regex_match (re, s, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *n = g_match_info_fetch (m, count_group);
      g_autofree char *g = g_match_info_fetch (m, grade_group);
      gint start;
      BlRow *row;
      g_match_info_fetch_pos (m, count_group, &start, NULL);
      row = new_row (x, "等级计数", (guint32) start);
      put (x, row, C_COUNT, n, BL_UNIT_NONE, (guint32) start);
      put (x, row, C_GRADE, g, BL_UNIT_NONE, (guint32) start);
      sum += g_ascii_strtoull (n, NULL, 10);
      graded = TRUE;
    }
  /* the grades the same sentence counts, for the total to be checked */
  if (total_row && graded)
    {
      g_autofree char *t = g_strdup_printf ("%" G_GUINT64_FORMAT, sum);
      put (x, total_row, C_GRADE_SUM, t, BL_UNIT_NONE, 0);
    }
}

/* The budget facts a sentence builds on: a new subject, a new section or
 * a list item starts without them. */
static void
forget_budget (Ex *x)
{
  x->budget_row = NULL;
  x->exec_row = NULL;
  x->last_amount = NULL;
  g_clear_pointer (&x->budget_text, g_free);
  g_clear_pointer (&x->actual_text, g_free);
  g_clear_pointer (&x->budget_subject, g_free);
}

/* The subject a sentence opens with: the name before its first figure
 * ("具体如下：入驻政务大厅搬家经费7.96万元，拨付…"), else the first
 * clause without a figure that names something ("1.镇办经费项目绩效自评
 * 综述：项目全年预算数为50万元").  Called on each clause until one has a
 * figure. */
static void
sentence_lead (Ex *x, const char *c)
{
  static GRegex *spent;
  Fig f = { 0 };
  gsize n = 0;
  gboolean figure = next_figure (c, 0, &f), down;
  g_autofree char *head = figure ? g_strndup (c, (gsize) f.start) : g_strdup (c);
  g_autofree char *concept = NULL;
  const char *dir = find_direction (head, &down);
  char *name;

  g_free (f.text);
  if (dir)
    head[dir - head] = '\0';
  concept = without_department (x, head);
  if (bl_quantity__of (concept, FALSE, &n) != BL_QUANTITY_NONE
      || bl_quantity__of (concept, TRUE, &n) != BL_QUANTITY_NONE)
    concept[n] = '\0';
  /* "资金已全部支出" says what happened, it names nothing; a sentence's
   * first name stays its lead unless a figure follows a later one */
  name = g_regex_match (bl_words_regex (&spent, "{spent_all}"), concept, 0, NULL)
         ? NULL : bl_subject__lead (concept);
  if (name && x->lead && !figure)
    g_clear_pointer (&name, g_free);
  if (name)
    {
      /* another project's budget is no base for this one's */
      if (x->budget_subject && !bl_subject__same (name, x->budget_subject))
        forget_budget (x);
      g_free (x->lead);
      x->lead = name;
    }
  x->lead_done = figure;
}

static void
sentence (Ex *x, const char *s, guint32 off)
{
  static GRegex *progress, *usage;
  g_autoptr(GPtrArray) parts = NULL;
  guint32 pos = 0;

  x->sentence = bl_filing__intern (x->filing, s);
  x->sentence_off = off;
  x->row = NULL;
  g_clear_pointer (&x->concept, g_free);
  parts = split_after (s, "，；：,;:");
  g_clear_pointer (&x->lead, g_free);
  /* "主要用于：退休人员经费支出。" says what the money paid for, which
   * two 科目 may share: no subject. */
  x->lead_done = g_regex_match (bl_regex_once (&usage, "^\\s*(主要用于|用于|主要是|主要包括|包括|例如)"),
                                s, 0, NULL);
  /* "截至6月底" is progress; "截至2023年12月31日" is the year's end */
  x->monitoring = g_regex_match (bl_regex_once (&progress,
      "(截至|截止)[^，。；]*?(?<![0-9])([1-9]|1[01])\\s*月|上半年|前三季度|[一二三]季度"
      "|[0-9]+\\s*[-—－~～至]\\s*(?:[1-9]|1[01])\\s*月"), s, 0, NULL);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *c = g_ptr_array_index (parts, i);
      /* "…收入合计 16,296,005.96 元，其中：" — the amount before 其中 */
      if (g_str_has_prefix (c, "其中"))
        maybe_lead (x, s, TRUE);
      if (!x->lead_done)
        sentence_lead (x, c);
      clause (x, c, pos);
      if (opens_list (c) && !g_str_has_prefix (c, "其中"))
        maybe_lead (x, s, TRUE);
      pos += (guint32) strlen (c);
    }
  /* "1、一般公共服务支出（类）财政事务（款）行政运行（项）。": the
   * 科目 the list item's figures are about, until the next item */
  if (x->lead && strstr (x->lead, "（类）") && (strstr (x->lead, "（款）") || strstr (x->lead, "（项）")))
    {
      g_free (x->chain);
      x->chain = g_strdup (x->lead);
    }
  /* "2、一般公共服务支出（类）…（项）。年初预算为10.00万元": what a
   * sentence named is the subject of the next ones. */
  if (x->lead && g_strcmp0 (x->lead, x->para_subject) != 0)
    {
      g_free (x->para_subject);
      x->para_subject = g_strdup (x->lead);
    }
  spent_in_full (x, s);
  wording (x, s);
  grade_counts (x, s);
}

static gboolean
continues_list (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^\\s*([0-9]+[.、．]|[（(][0-9一二三四五六七八九十]+[）)])"), text, 0, NULL);
}

/* The nearest heading that names something ("（一）城乡医疗救助项目"),
 * not one that describes (项目资金情况). */
static char *
heading_subject (const char *section)
{
  g_auto(GStrv) heads = section ? g_strsplit (section, " / ", -1) : NULL;
  for (guint i = heads ? g_strv_length (heads) : 0; i-- > 0;)
    {
      char *name = bl_subject__lead (heads[i]);
      if (name)
        return name;
    }
  return NULL;
}

/* A report's title or a 第X部分 heading: a scope of its own.  *@name: the
 * project a title names, or NULL. */
static gboolean
opens_report (const BlParagraph *p, char **name)
{
  static GRegex *part;
  return bl_subject__title (p->text, name)
         || g_regex_match (bl_regex_once (&part, "^\\s*第[一二三四五六七八九十]+部分"), p->text, 0, NULL);
}

/* Subjects as a paragraph starts: none of its own yet, the heading it
 * stands under, and the report it belongs to.  A performance report's
 * title (@report, naming @name) starts a scope with its project as the
 * subject of last resort; a 第X部分 heading ends it.  Short names of two
 * reports are never compared: both may well say "培训费年初预算". */
static void
paragraph_subjects (Ex *x, const BlParagraph *p, gboolean report, const char *name)
{
  g_clear_pointer (&x->para_subject, g_free);
  g_free (x->heading_subject);
  x->heading_subject = heading_subject (p->section);
  if (report)
    {
      x->scope++;
      g_free (x->topic);
      x->topic = name ? without_department (x, name) : NULL;
    }
}

/* The sentence as a row of part 句子 (原文, 章节), for the rules that read
 * the wording itself. */
static void
sentence_row (Ex *x, const char *text, guint32 off)
{
  BlRow *row = bl_part__add_row (x->sentences);
  g_autofree char *label = g_strdup_printf ("第%u句", x->sentences->rows->len);
  bl_row__set_label (row, label);
  row->pos = bl_paragraph__pos (x->para, off);
  row->cells[0].kind = BL_CELL_TEXT;
  row->cells[0].text = bl_filing__intern (x->filing, text);
  row->cells[0].pos = row->pos;
  if (x->para->section)
    {
      row->cells[1].kind = BL_CELL_TEXT;
      row->cells[1].text = x->para->section;
      row->cells[1].pos = row->pos;
    }
}

static void
paragraph (Ex *x, const BlParagraph *p, const char *prev_section)
{
  g_autoptr(GPtrArray) sentences = NULL;
  guint32 off = 0;
  g_autofree char *title = NULL;
  gboolean report = opens_report (p, &title), fresh;

  x->para = p;
  /* A list item ("1. 一般公共服务（类）支出 …") still belongs to the
   * amount that opened the list; anything else starts afresh. */
  if (g_strcmp0 (p->section, prev_section) != 0 || !continues_list (p->text))
    {
      g_clear_pointer (&x->lead_text, g_free);
      x->in_group = FALSE;
    }
  /* A text tool ends a "paragraph" at every line that ends a sentence, a
   * PDF where the writer did: what the sentences before stated (a chain,
   * a budget) holds on until a new section, a list item or a report's
   * title — or, for a budget, a sentence that names another subject. */
  fresh = g_strcmp0 (p->section, prev_section) != 0 || continues_list (p->text) || report;
  if (fresh)
    {
      g_clear_pointer (&x->chain, g_free);
      forget_budget (x);
    }
  paragraph_subjects (x, p, report, title);
  sentences = bl_narrative__sentences (p->text);
  for (guint i = 0; i < sentences->len; i++)
    {
      const char *t = g_ptr_array_index (sentences, i);
      sentence_row (x, t, off);
      sentence (x, t, off);
      off += (guint32) strlen (t);
    }
}

void
bl_claims__extract (BlFiling *filing)
{
  Ex x = { .filing = filing };
  const char *prev_section = NULL;

  if (filing->paragraphs == NULL || filing->paragraphs->len == 0)
    return;
  x.table = bl_filing__add_table (filing, "narrative");
  x.table->title = bl_filing__intern (filing, "情况说明（文字陈述）");
  x.claims = bl_table__add_part (x.table, "陈述");
  for (int c = 0; c < N_CLAIM_COLS; c++)
    bl_part__add_column (x.claims, claim_cols[c].name, NULL, 0)->text = claim_cols[c].text;
  x.facts = bl_table__add_part (x.table, "预算事实");
  for (int c = 0; c < N_FACT_COLS; c++)
    bl_part__add_column (x.facts, fact_cols[c].name, NULL, 0)->text = fact_cols[c].text;
  x.sentences = bl_table__add_part (x.table, "句子");
  bl_part__add_column (x.sentences, "原文", NULL, 0)->text = TRUE;
  bl_part__add_column (x.sentences, "章节", NULL, 0)->text = TRUE;
  for (guint i = 0; i < filing->paragraphs->len; i++)
    {
      const BlParagraph *p = g_ptr_array_index (filing->paragraphs, i);
      paragraph (&x, p, prev_section);
      prev_section = p->section;
    }
  bl_table__finish (x.table);
  g_free (x.concept);
  g_free (x.lead_text);
  g_free (x.budget_text);
  g_free (x.actual_text);
  g_free (x.lead);
  g_free (x.para_subject);
  g_free (x.chain);
  g_free (x.budget_subject);
  g_free (x.heading_subject);
  g_free (x.topic);
}
