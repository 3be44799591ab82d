/* Recognition of performance self-evaluation tables (绩效自评表).
 *
 * These are forms rather than ledgers, and come out of PDF text as a few
 * recognisable lines among wrapped labels:
 *
 *   项目名称 入驻政务大厅搬家经费                        → attribute
 *   资金总额： 7.96 7.96 7.96 7.96 0 100% 10            → the budget row
 *   数量指标 采购办公用品数量 78件 78件 78件 20 20        → an indicator
 *   可持续影响 可持续性 可持续性 可持续性 15 6
 *   加大管理力度，明确管理责 / 任。                      → its 偏差原因
 *   总 分 91 优                                          → 总分, 等级
 *
 * The budget row's figures are mapped by how many there are and by the
 * header words before them (目标申报数 | 预算编制数 | 全年预算数 …).
 * Indicator rows end with 分值 and 得分 (or 得分 alone where the form has
 * no 分值 column), after their target and result as printed. */

#include "recognize.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  char *text;
  BlPos pos;
} Tok;

static void
tok_clear (gpointer p)
{
  g_free (((Tok *) p)->text);
}

/* A row's non-empty tokens: tab cells, or pieces between spaces.  Each
 * owns its text: interned (g_intern_string) they were never freed and
 * grew a process-wide table shared by the worker threads. */
static GArray *
tokens (const BlGridRow *row)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Tok));
  g_array_set_clear_func (out, tok_clear);
  for (guint k = 0; k < row->cells->len; k++)
    {
      const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
      g_auto(GStrv) pieces = g_strsplit (c->text, " ", -1);
      for (guint i = 0; pieces[i]; i++)
        if (*pieces[i])
          {
            Tok t = { g_strdup (pieces[i]), c->pos };
            g_array_append_val (out, t);
          }
    }
  return out;
}

static gboolean
is_int (const char *s)
{
  return *s && strspn (s, "0123456789") == strlen (s);
}

static gboolean
is_figure (const char *s)
{
  BlDecimal d;
  return bl_decimal_parse (s, &d, NULL) && (d.unit == BL_UNIT_NONE || d.unit == BL_UNIT_PERCENT);
}

typedef struct {
  BlFiling *filing;
  BlTable *table;
  BlPart *budget, *indicators;
  BlRow *last_indicator;
  GString *pending_label;
  GString *header_words;
  gboolean has_weight;      /* indicator rows carry 分值 before 得分 */
  gboolean done;
} Form;

/* Budget-row layouts, by the number of figures on the row. */
static const char *const *
budget_layout (const Form *f, guint n)
{
  static const char *const seven[] = { "目标申报数", "年初预算数", "全年预算数", "全年执行数", "资金结余", "执行率", "得分", NULL };
  static const char *const six[] = { "年初预算数", "全年预算数", "全年执行数", "资金结余", "执行率", "得分", NULL };
  static const char *const five[] = { "年初预算数", "全年预算数", "全年执行数", "执行率", "得分", NULL };
  static const char *const four[] = { "全年预算数", "全年执行数", "执行率", "得分", NULL };
  static const char *const three[] = { "全年预算数", "全年执行数", "执行率", NULL };

  switch (n)
    {
    case 7: return strstr (f->header_words->str, "目标申报") ? seven : NULL;
    case 6: return six;
    case 5: return five;
    case 4: return four;
    case 3: return three;
    default: return NULL;
    }
}

static void
set_cell (BlTable *t, BlCell *cell, const Tok *tok)
{
  cell->text = bl_filing__intern (t->filing, tok->text);
  cell->pos = tok->pos;
  if (cell->column->text)
    {
      cell->kind = BL_CELL_TEXT;
      return;
    }
  if (bl_decimal_parse (tok->text, &cell->value, NULL))
    {
      if (cell->value.unit == BL_UNIT_NONE && strstr (cell->column->name, "数"))
        cell->value.unit = (guint8) t->unit;   /* 预算数, 执行数: money */
      cell->kind = BL_CELL_NUMBER;
    }
  else
    cell->kind = BL_CELL_TEXT;
}

static BlColumn *
column (BlPart *part, const char *name)
{
  BlColumn *c = bl_part__column (part, name);
  g_assert (c != NULL);   /* add_parts() made them all */
  return c;
}

static GRegex *budget_re;

/* "预算执行情况 (20分)": the weight of the execution rate. */
static void
budget_weight (Form *f, BlRow *row, const Tok *at)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *key = bl_label_key (f->header_words->str);
  BlCell *cell = &row->cells[column (f->budget, "分值")->index];

  if (cell->kind == BL_CELL_BLANK
      && g_regex_match (bl_regex_once (&re, "预算执行情况[^0-9]{0,12}\\(([0-9]+)分\\)"), key, 0, &m))
    {
      g_autofree char *w = g_match_info_fetch (m, 1);
      Tok t = { w, at->pos };
      set_cell (f->table, cell, &t);
    }
}

/* The form states the unit of its budget figures in the header, as
 * 项目资金（万元） or 预算执行情况(万元), rather than on a 单位： line. */
static void
budget_unit (Form *f)
{
  BlTable *t = f->table;
  const char *words = f->header_words->str;

  if (t->unit_declared)
    return;
  if (strstr (words, "万元"))
    t->unit = BL_UNIT_WAN, t->unit_declared = TRUE;
  else if (strstr (words, "（元）") || strstr (words, "(元)"))
    t->unit = BL_UNIT_YUAN, t->unit_declared = TRUE;
}

/* 资金总额： 7.96 7.96 … — the figures after the row label. */
static gboolean
budget_row (Form *f, const GArray *toks)
{
  const Tok *first = &g_array_index (toks, Tok, 0);
  g_autofree char *key = bl_label_key (first->text);
  g_autoptr(GPtrArray) figs = g_ptr_array_new ();
  const char *const *layout;
  BlRow *row;

  if (!g_regex_match (bl_regex_once (&(budget_re), "(资金总额|支出总额|资金合计)"), key, 0, NULL))
    return FALSE;
  budget_unit (f);
  for (guint i = 1; i < toks->len; i++)
    if (is_figure (g_array_index (toks, Tok, i).text))
      g_ptr_array_add (figs, (gpointer) &g_array_index (toks, Tok, i));
  layout = budget_layout (f, figs->len);
  if (layout == NULL)
    {
      bl_filing__note (f->filing, "READ.cell", BL_SEVERITY_WARNING, &first->pos, f->table->title,
                       "%s：预算执行一行有 %u 个数值，无法对应到年初预算数、全年预算数、全年执行数等栏",
                       f->table->title, figs->len);
      return TRUE;
    }
  row = bl_part__add_row (f->budget);
  row->pos = first->pos;
  bl_row__set_label (row, "资金总额");
  for (guint i = 0; layout[i]; i++)
    {
      BlColumn *c = column (f->budget, layout[i]);
      set_cell (f->table, &row->cells[c->index], g_ptr_array_index (figs, i));
    }
  budget_weight (f, row, first);
  return TRUE;
}

/* 总 分 91 优 */
static gboolean
total_row (Form *f, const GArray *toks, const char *joined)
{
  g_autofree char *key = bl_label_key (joined);
  static GRegex *re;
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (bl_regex_once (&re, "^总分[:：]?([0-9]+(?:\\.[0-9]+)?)分?(优|良|中|差|合格|不合格|优秀|良好)?"),
                      key, 0, &m))
    return FALSE;
  {
    g_autofree char *score = g_match_info_fetch (m, 1);
    g_autofree char *grade = g_match_info_fetch (m, 2);
    const BlPos *pos = &g_array_index (toks, Tok, 0).pos;
    bl_table__add_attribute (f->table, "总分", score, pos);
    if (grade && *grade)
      bl_table__add_attribute (f->table, "等级", grade, pos);
  }
  f->done = TRUE;
  return TRUE;
}

/* An indicator row ends in 分值 得分 after its target(s) and result. */
static gboolean
indicator_row (Form *f, const GArray *toks)
{
  guint n = toks->len, nvals;
  const Tok *score, *weight;
  BlRow *row;
  const char *names[] = { "年初指标值", "调整后指标值", "实际完成值" };

  guint tail = f->has_weight ? 2 : 1;

  if (n < 2 + tail || !is_int (g_array_index (toks, Tok, n - 1).text)
      || (f->has_weight && !is_int (g_array_index (toks, Tok, n - 2).text)))
    return FALSE;
  score = &g_array_index (toks, Tok, n - 1);
  weight = f->has_weight ? &g_array_index (toks, Tok, n - 2) : NULL;
  nvals = f->has_weight && n >= 6 ? 3 : 2;   /* 年初, (调整后,) 实际 */
  row = bl_part__add_row (f->indicators);
  row->pos = score->pos;
  /* The 三级指标 is the last text before the values; 一级/二级 names come
   * first.  With none on the row, the label wrapped onto lines above. */
  if (n > tail + nvals)
    bl_row__set_label (row, g_array_index (toks, Tok, n - tail - 1 - nvals).text);
  else if (f->pending_label->len)
    bl_row__set_label (row, f->pending_label->str);
  g_string_truncate (f->pending_label, 0);
  for (guint i = 0; i < nvals; i++)
    {
      const char *name = nvals == 3 ? names[i] : names[i == 0 ? 0 : 2];
      BlColumn *c = column (f->indicators, name);
      set_cell (f->table, &row->cells[c->index], &g_array_index (toks, Tok, n - tail - nvals + i));
    }
  if (weight)
    set_cell (f->table, &row->cells[column (f->indicators, "分值")->index], weight);
  set_cell (f->table, &row->cells[column (f->indicators, "得分")->index], score);
  f->last_indicator = row;
  return TRUE;
}

/* Text after an indicator that lost points and ends a sentence is its
 * 偏差原因; other text is the next indicator's label. */
static void
text_line (Form *f, const GArray *toks, const char *joined)
{
  if (strstr (joined, "分值") && strstr (joined, "得分"))
    f->has_weight = TRUE;
  BlRow *last = f->last_indicator;
  BlCell *reason = last ? &last->cells[column (f->indicators, "偏差原因")->index] : NULL;

  if (reason && (reason->kind != BL_CELL_BLANK || strstr (joined, "，") || strstr (joined, "。")))
    {
      g_autofree char *text = g_strconcat (reason->text ? reason->text : "", joined, NULL);
      reason->text = bl_filing__intern (f->filing, text);
      reason->kind = BL_CELL_TEXT;
      if (reason->pos.line == 0)
        reason->pos = g_array_index (toks, Tok, 0).pos;
      if (g_str_has_suffix (joined, "。"))
        f->last_indicator = NULL;
      return;
    }
  f->last_indicator = NULL;
  /* Sentences and header words are not a wrapped indicator name. */
  if (strstr (joined, "。") || strstr (joined, "指标") || g_utf8_strlen (joined, -1) > 24)
    g_string_truncate (f->pending_label, 0);
  else
    g_string_append (f->pending_label, joined);
}

static void
add_parts (Form *f)
{
  static const char *const budget[] = { "目标申报数", "年初预算数", "全年预算数", "全年执行数", "资金结余", "执行率", "分值", "得分" };
  static const struct { const char *name; gboolean text; } ind[] = {
    { "年初指标值", TRUE }, { "调整后指标值", TRUE }, { "实际完成值", TRUE },
    { "分值", FALSE }, { "得分", FALSE }, { "偏差原因", TRUE },
  };
  f->budget = bl_table__add_part (f->table, "预算执行");
  for (gsize i = 0; i < G_N_ELEMENTS (budget); i++)
    bl_part__add_column (f->budget, budget[i], i == 0 ? "年初预算数" : NULL, 0);
  f->indicators = bl_table__add_part (f->table, "绩效指标");
  for (gsize i = 0; i < G_N_ELEMENTS (ind); i++)
    bl_part__add_column (f->indicators, ind[i].name, NULL, 0)->text = ind[i].text;
}

static void
attribute_line (Form *f, const GArray *toks)
{
  const Tok *first = &g_array_index (toks, Tok, 0);
  const char *colon = strstr (first->text, "：");
  if (colon)
    {
      g_autofree char *name = g_strndup (first->text, (gsize) (colon - first->text));
      if (bl_table__attribute (f->table, name) == NULL && colon[3])
        bl_table__add_attribute (f->table, name, colon + 3, &first->pos);
      return;
    }
  GString *rest = g_string_new (NULL);
  for (guint i = 1; i < toks->len; i++)
    g_string_append_printf (rest, "%s%s", i > 1 ? " " : "", g_array_index (toks, Tok, i).text);
  if (rest->len && bl_table__attribute (f->table, first->text) == NULL)
    bl_table__add_attribute (f->table, first->text, rest->str, &first->pos);
  g_string_free (rest, TRUE);
}

/* "基本支出总额 590.11 项目支出总额 10638.90": name, figure, name, figure. */
static gboolean
total_pairs (Form *f, const GArray *toks)
{
  if (toks->len < 2 || toks->len % 2 != 0)
    return FALSE;
  for (guint i = 0; i < toks->len; i += 2)
    if (!g_str_has_suffix (g_array_index (toks, Tok, i).text, "总额")
        || g_str_has_suffix (g_array_index (toks, Tok, i).text, "资金总额")
        || !is_figure (g_array_index (toks, Tok, i + 1).text))
      return FALSE;
  for (guint i = 0; i < toks->len; i += 2)
    bl_table__add_attribute (f->table, g_array_index (toks, Tok, i).text,
                             g_array_index (toks, Tok, i + 1).text,
                             &g_array_index (toks, Tok, i).pos);
  return TRUE;
}

/* "1." "2、" "（3）": the number a note starts with, or 0. */
static guint
note_number (const char *text)
{
  static GRegex *re;
  return (guint) bl_regex_int (&re, "^\\s*(?:备注|注)?[：:]?\\s*[（(]?([0-9]+)\\s*[.、．)）]", text);
}

/* After its 总分 a form still has rows of cells (偏差原因, 改进措施) and a
 * 备注 of numbered notes, wrapped or not; the first line that is neither
 * is prose again: the report that follows the form. */
static guint
form_end (const BlGrid *grid, guint i, guint end)
{
  gboolean in_note = FALSE, open = FALSE;
  guint number = 0;
  for (; i < end; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autofree char *text = bl_grid_row_text (row);
      guint n = note_number (text);
      if (*text == '\0' || (row->cells->len >= 2 && !in_note))
        continue;
      if (g_str_has_prefix (text, "备注") || g_str_has_prefix (text, "注："))
        in_note = TRUE, number = n;
      else if (in_note && n > 0 && n == number + 1)
        number = n;
      else if (!(in_note && open && n == 0))
        break;
      open = !g_str_has_suffix (text, "。");
    }
  return i;
}

gboolean
bl_recognize__performance (BlFiling *filing, BlTable *table, const BlGrid *grid,
                           const BlRegion *r, guint *end)
{
  Form f = { filing, table, NULL, NULL, NULL, g_string_new (NULL), g_string_new (NULL), FALSE, FALSE };
  gboolean seen_budget = FALSE;

  add_parts (&f);
  guint i;
  for (i = r->first; i < r->end && !f.done; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autoptr(GArray) toks = tokens (row);
      g_autofree char *joined = bl_grid_row_text (row);
      const char *first;
      if (toks->len == 0)
        continue;
      first = g_array_index (toks, Tok, 0).text;
      if (g_str_has_prefix (first, "项目名称") || g_str_has_prefix (first, "主管部门")
          || g_str_has_prefix (first, "单位名称"))
        attribute_line (&f, toks);
      else if (!seen_budget && total_pairs (&f, toks))
        continue;
      else if (!seen_budget && budget_row (&f, toks))
        seen_budget = TRUE;
      else if (!seen_budget)
        g_string_append (f.header_words, joined);
      else if (total_row (&f, toks, joined) || indicator_row (&f, toks))
        continue;
      else
        text_line (&f, toks, joined);
    }
  *end = f.done ? form_end (grid, i, r->end) : r->end;
  g_string_free (f.pending_label, TRUE);
  g_string_free (f.header_words, TRUE);
  return seen_budget;
}
