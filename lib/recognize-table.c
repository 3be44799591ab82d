/* Recognition, one table: a region of grid rows → a ledger table.
 *
 *   meta rows     公开01表, 单位：万元, 部门：…            → label, unit
 *   header rows   项目 | 行次 | 金额 …, then 栏次 1 2 …    → columns
 *   data rows     keys and amounts                       → rows
 *   end           注：…, 说明：…                          → stop (statement)
 *
 * Cells are aligned on columns by their x position (a column index for
 * TSV and XLSX).  Each column gets a role (code, label, 行次 or value) from
 * its header; a key column after a value column starts a new block, and
 * blocks are the parts of a two-sided table (收入 | 支出) or, for a table
 * printed in side-by-side blocks, its rows continued. */

#include "recognize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ROLE_VALUE, ROLE_CODE, ROLE_LABEL, ROLE_LINE } Role;

typedef struct {
  Role role;
  guint block;
  int no;                   /* 栏次, 0 when none */
  GPtrArray *headers;       /* char*: header texts top to bottom ("" = none) */
  GArray *header_x1;        /* double: right edge of each header text */
  guint n_amount, n_code, n_text;   /* what the data cells hold */
} Col;

typedef struct {
  guint ncols;
  Col *cols;
  guint nblocks;
  const GArray *spans;      /* the columns' x intervals */
  gboolean geometric;       /* cells have real extents (PDF, XLSX) */
} Layout;

/* A grid row aligned on the table's columns; cells may be NULL. */
typedef struct {
  const BlGridRow *row;
  const BlGridCell **cells;
} Aligned;

/* ---- cell and row classes ---- */

static gboolean
is_number (const char *s)
{
  BlDecimal d;
  return *s && bl_decimal_parse (s, &d, NULL) && d.unit != BL_UNIT_WAN
         && d.unit != BL_UNIT_YI && d.unit != BL_UNIT_YUAN;
}

/* An amount as tables print them: decimals or grouping ("0.00", "1,234"). */
static gboolean
is_amount (const char *s)
{
  return is_number (s) && (strchr (s, '.') || strchr (s, ',') || strstr (s, "．"));
}

static gboolean
is_code (const char *s)
{
  gsize n = strlen (s);
  if (n < 2 || n > 9)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_small_int (const char *s)
{
  return is_code (s) || (strlen (s) == 1 && g_ascii_isdigit (*s));
}

static gboolean
is_meta_text (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re,
    "^(公开\\s*[0-9]+\\s*表?|表\\s*[0-9]+|表|元|万元|亿元|[0-9]{4}\\s*年度?)$"
    "|单位\\s*[:：]|部门\\s*[:：]|部门名称|单位名称|编制单位|金额单位"),
    text, 0, NULL);
}

static gboolean
is_end_text (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^\\s*(注\\s*[:：0-9１-９]|注释|说明\\s*[:：]|备注)"),
                        text, 0, NULL);
}

/* Page furniture inside a table: "-3-", "第 3 页", "第二部分 …". */
static gboolean
is_noise_text (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re,
    "^([-—–]\\s*[0-9]+\\s*[-—–]|第\\s*[0-9]+\\s*页(\\s*共\\s*[0-9]+\\s*页)?|"
    "第[一二三四五六七八九十]+部分.*|.*部门决算公开报告)$"),
    text, 0, NULL);
}

/* 第三部分 …情况说明: the tables are over. */
static gboolean
ends_tables (const char *text)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^第[一二三四五六七八九十]+部分.*(说明|解释|附件|附表|其他)"),
                        text, 0, NULL);
}

/* A sentence, not a table row: one long cell of text with a full stop or
 * several commas, and no figure standing apart. */
static gboolean
is_prose (const BlGridRow *row, const char *text)
{
  if (row->cells->len > 1 || g_utf8_strlen (text, -1) < 30)
    return FALSE;
  return strstr (text, "。") != NULL
         || (strstr (text, "，") && strstr (strstr (text, "，") + 3, "，"));
}

static const char *
cell_text (const Aligned *a, guint j)
{
  return a->cells[j] ? a->cells[j]->text : "";
}

/* 栏次 1 2 3 …: a row that numbers the columns — it says 栏次, or it is
 * nothing but the numbers 1, 2, 3 … in order. */
static gboolean
is_lanci_row (const Aligned *a, guint ncols)
{
  int expect = 1;
  for (guint j = 0; j < ncols; j++)
    {
      const char *t = cell_text (a, j);
      g_autofree char *k = *t ? bl_label_key (t) : NULL;
      if (!*t)
        continue;
      if (strcmp (k, "栏次") == 0)
        return TRUE;
      if (!is_small_int (t) || atoi (t) != expect)
        return FALSE;
      expect++;
    }
  return expect > 2;
}

static gboolean
is_class_word (const char *t)
{
  return strcmp (t, "类") == 0 || strcmp (t, "款") == 0 || strcmp (t, "项") == 0;
}

/* A row label that only data rows have: 合计, 总计, or an ordinal item
 * ("一、一般公共预算财政拨款收入") — so a blank template or an empty table
 * still has rows. */
static gboolean
is_row_label (const char *t)
{
  static GRegex *re;
  g_autofree char *k = bl_label_key (t);
  if (strcmp (k, "合计") == 0 || strcmp (k, "总计") == 0
      || strcmp (k, "人员经费合计") == 0 || strcmp (k, "公用经费合计") == 0)
    return TRUE;
  return g_regex_match (bl_regex_once (&re, "^[一二三四五六七八九十]+、."), t, 0, NULL);
}

/* After a row label, a data row holds figures, 行次, blanks or other row
 * labels (the 支出 side of a two-sided table) — no column names. */
static gboolean
rest_is_data (const Aligned *a, guint ncols, guint from)
{
  for (guint j = from + 1; j < ncols; j++)
    {
      const char *t = cell_text (a, j);
      if (*t && !is_number (t) && !bl_decimal_text_is_blank (t) && !is_row_label (t))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_data_row (const Aligned *a, guint ncols)
{
  const char *prev = NULL;
  for (guint j = 0; j < ncols; j++)
    {
      const char *t = cell_text (a, j);
      if (!*t || (prev == NULL && is_class_word (t)))
        continue;
      if (prev == NULL && is_row_label (t) && rest_is_data (a, ncols, j))
        return TRUE;
      if (is_amount (t))
        return TRUE;
      /* a code followed by its name: "210 | 卫生健康支出" */
      if (prev && is_code (prev) && strlen (prev) >= 3 && !is_number (t))
        return TRUE;
      prev = t;
    }
  return FALSE;
}

/* ---- alignment ----
 *
 * Columns are x intervals: the extents of the data cells merged where
 * they overlap (labels are left-aligned, amounts right-aligned, so a
 * column's cells overlap each other and not their neighbours), plus the
 * header cells over columns that hold no figure at all.  TSV and XLSX
 * cells are [i, i + 1) and give one column per index. */

typedef struct {
  double x0, x1;
} Span;

static int
compare_spans (gconstpointer a, gconstpointer b)
{
  const Span *x = a, *y = b;
  return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static double
overlap (double a0, double a1, double b0, double b1)
{
  return MIN (a1, b1) - MAX (a0, b0);
}

/* Merges overlapping intervals in place (sorted by x0 on return). */
static void
merge_spans (GArray *spans)
{
  guint out = 0;
  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *cur = &g_array_index (spans, Span, i);
      Span *last = out ? &g_array_index (spans, Span, out - 1) : NULL;
      if (last && overlap (last->x0, last->x1, cur->x0, cur->x1) > 0.01)
        last->x1 = MAX (last->x1, cur->x1);
      else
        g_array_index (spans, Span, out++) = *cur;
    }
  g_array_set_size (spans, out);
}

static gboolean
overlaps_any (const GArray *spans, double x0, double x1)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *sp = &g_array_index (spans, Span, i);
      if (overlap (sp->x0, sp->x1, x0, x1) > 0.01)
        return TRUE;
    }
  return FALSE;
}

/* Part headings (收入 | 支出) stand over a whole side, not a column. */
static gboolean
is_part_heading (const BlKindSpec *spec, const char *text)
{
  for (guint p = 0; p < spec->parts->len; p++)
    if (g_strcmp0 (((BlPartSpec *) g_ptr_array_index (spec->parts, p))->name, text) == 0)
      return TRUE;
  return FALSE;
}

static GArray *
find_columns (GPtrArray *rows, guint header_end, const BlKindSpec *spec)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = MIN (header_end, rows->len); i < rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (rows, i);
      for (guint k = 0; k < row->cells->len; k++)
        {
          const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
          Span sp = { c->x0, c->x1 };
          g_array_append_val (spans, sp);
        }
    }
  merge_spans (spans);
  /* Lowest header row first: a header over a pair of columns must not
   * merge the pair into one. */
  for (guint i = MIN (header_end, rows->len); i-- > 0;)
    {
      const BlGridRow *row = g_ptr_array_index (rows, i);
      g_array_set_size (extra, 0);
      for (guint k = 0; k < row->cells->len; k++)
        {
          const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
          Span sp = { c->x0, c->x1 };
          if (*c->text && !overlaps_any (spans, c->x0, c->x1)
              && !is_part_heading (spec, c->text))
            g_array_append_val (extra, sp);
        }
      merge_spans (extra);
      g_array_append_vals (spans, extra->data, extra->len);
      g_array_sort (spans, compare_spans);
    }
  return spans;
}

/* The column of a cell: for a data cell the one it overlaps most; for a
 * header cell, which may stand over several, the first whose middle it
 * covers. */
static int
column_of (const GArray *spans, const BlGridCell *c, gboolean header)
{
  int best = -1;
  double best_ov = 0;
  for (guint j = 0; j < spans->len; j++)
    {
      const Span *sp = &g_array_index (spans, Span, j);
      double mid = (sp->x0 + sp->x1) / 2, ov = overlap (sp->x0, sp->x1, c->x0, c->x1);
      if (header && mid >= c->x0 && mid <= c->x1)
        return (int) j;
      if (ov > best_ov)
        best = (int) j, best_ov = ov;
    }
  return best;
}

static Aligned
align_row (const BlGridRow *row, const GArray *spans, gboolean header)
{
  guint ncols = spans->len;
  Aligned a = { row, g_new0 (const BlGridCell *, MAX (ncols, 1)) };
  for (guint k = 0; k < row->cells->len; k++)
    {
      const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
      int j = *c->text ? column_of (spans, c, header) : -1;
      if (j < 0)
        continue;
      if (a.cells[j] == NULL)
        a.cells[j] = c;
    }
  return a;
}

/* A row as it stands, one column per cell, for classifying it before the
 * table's columns are known. */
static Aligned
raw_row (const BlGridRow *row)
{
  Aligned a = { row, g_new0 (const BlGridCell *, MAX (row->cells->len, 1)) };
  for (guint k = 0; k < row->cells->len; k++)
    a.cells[k] = &g_array_index (row->cells, BlGridCell, k);
  return a;
}

/* ---- header → layout ---- */

static char *
header_key (const Col *c)
{
  GString *s = g_string_new (NULL);
  for (guint h = 0; h < c->headers->len; h++)
    g_string_append (s, g_ptr_array_index (c->headers, h));
  {
    char *k = bl_label_key (s->str);
    g_string_free (s, TRUE);
    return k;
  }
}

/* A key column says so in its header: 行次, 科目编码/代码, 项目/科目名称. */
static gboolean
header_role (const Col *c, Role *out)
{
  g_autofree char *k = header_key (c);
  static GRegex *code_re, *label_re;

  if (strstr (k, "行次"))
    *out = ROLE_LINE;
  else if (g_regex_match (bl_regex_once (&code_re, "(代码|编码|编号|^类款项$|^类$|^款$|^项$)"), k, 0, NULL))
    *out = ROLE_CODE;
  else if (g_regex_match (bl_regex_once (&label_re, "(^(收入|支出)?项目$|科目名称$|^名称$|^(收入|支出)?项目科目名称$)"),
                          k, 0, NULL))
    *out = ROLE_LABEL;
  else
    return FALSE;
  return TRUE;
}

/* What a column's data cells hold decides its role when its header does
 * not: codes (类/款/项 split into columns hold "201", "06", "01"), text
 * (labels), or figures. */
static Role
content_role (const Col *c)
{
  if (c->n_text > c->n_amount + c->n_code)
    return ROLE_LABEL;
  if (c->n_code > 0 && c->n_amount == 0)
    return ROLE_CODE;
  return ROLE_VALUE;
}

/* A column with a header that names no key (本年收入合计) holds figures
 * even when all of them are whole numbers that look like codes ("150",
 * "140" from a workbook cell without a number format). */
static Role
role_of (const Col *c)
{
  Role r;
  g_autofree char *k = NULL;
  if (header_role (c, &r))
    return r;
  r = content_role (c);
  if (r == ROLE_CODE && *(k = header_key (c)))
    r = ROLE_VALUE;
  return r;
}

static void
count_contents (Layout *l, const GArray *rows, guint first)
{
  for (guint i = first; i < rows->len; i++)
    {
      const Aligned *a = &g_array_index (rows, Aligned, i);
      for (guint j = 0; j < l->ncols; j++)
        {
          const char *t = a->cells[j] ? a->cells[j]->text : "";
          Col *c = &l->cols[j];
          if (!*t || bl_decimal_text_is_blank (t))
            continue;
          if (is_amount (t))
            c->n_amount++;
          else if (is_code (t))
            c->n_code++;
          else if (!is_number (t))
            c->n_text++;
        }
    }
}

static void
layout_free (Layout *l)
{
  for (guint j = 0; j < l->ncols; j++)
    {
      g_ptr_array_free (l->cols[j].headers, TRUE);
      g_array_free (l->cols[j].header_x1, TRUE);
    }
  g_free (l->cols);
}

/* A part heading (收入 | 支出) stands over a whole side: it names no
 * column, though it may sit right above one (支出 over 合计). */
static void
read_header_row (Layout *l, const Aligned *a, gboolean lanci, const BlKindSpec *spec)
{
  for (guint j = 0; j < l->ncols; j++)
    {
      const char *t = cell_text (a, j);
      if (!lanci && is_part_heading (spec, t))
        t = "";
      if (lanci)
        {
          if (is_small_int (t))
            l->cols[j].no = atoi (t);
        }
      else
        {
          double x1 = a->cells[j] ? a->cells[j]->x1 : 0;
          g_ptr_array_add (l->cols[j].headers, g_strdup (t));
          g_array_append_val (l->cols[j].header_x1, x1);
        }
    }
}

/* Roles, then blocks: a key column after a value column opens a block. */
static void
assign_roles (Layout *l)
{
  gboolean seen_value = FALSE;
  for (guint j = 0; j < l->ncols; j++)
    {
      Col *c = &l->cols[j];
      c->role = role_of (c);
      if (c->role != ROLE_VALUE && seen_value)
        {
          l->nblocks++;
          seen_value = FALSE;
        }
      if (c->role == ROLE_VALUE)
        seen_value = TRUE;
      c->block = l->nblocks - 1;
    }
}

static const char *
header_at (const Layout *l, guint j, guint h)
{
  return g_ptr_array_index (l->cols[j].headers, h);
}

static gboolean
same_value_block (const Layout *l, guint j, guint k)
{
  return k < l->ncols && l->cols[k].role == ROLE_VALUE
         && l->cols[k].block == l->cols[j].block;
}

/* Does the header text at (@h, @j) head a merged cell over the columns to
 * its right?  Where cells have real extents, when it reaches over the next
 * column's middle; in TSV, when the next value column is empty on that
 * header row but has its own text lower down. */
static gboolean
spans_right (const Layout *l, guint j, guint h)
{
  guint k = j + 1;
  if (!same_value_block (l, j, k) || *header_at (l, k, h))
    return FALSE;
  if (l->geometric)
    {
      const Span *next = &g_array_index (l->spans, Span, k);
      return g_array_index (l->cols[j].header_x1, double, h) > (next->x0 + next->x1) / 2;
    }
  for (guint d = h + 1; d < l->cols[k].headers->len; d++)
    if (*header_at (l, k, d))
      return TRUE;
  return FALSE;
}

/* A value column's name: its own header texts, top to bottom, joined (a
 * name wrapped over two header rows, "基本支" / "出", is one name); its
 * group: the merged header cells above it ("预算数/公务用车购置及运行维护费"). */
static void
value_name (const Layout *l, guint j, char **name, char **group)
{
  const Col *c = &l->cols[j];
  GString *n = g_string_new (NULL), *g = g_string_new (NULL);

  for (guint h = 0; h < c->headers->len; h++)
    {
      const char *own = header_at (l, j, h);
      if (*own && !spans_right (l, j, h))
        {
          g_string_append (n, own);
          continue;
        }
      /* empty here, or a merged cell: find where the merged cell starts */
      for (guint k = j + 1; k-- > 0 && same_value_block (l, j, k);)
        {
          const char *t = header_at (l, k, h);
          if (!*t)
            continue;
          if (spans_right (l, k, h))
            g_string_append_printf (g, "%s%s", g->len ? "/" : "", t);
          break;
        }
    }
  *name = g_string_free (n, FALSE);
  *group = g->len ? g_string_free (g, FALSE) : (g_string_free (g, TRUE), NULL);
}

/* ---- building the table ---- */

typedef struct {
  BlTable *table;
  BlPart **parts;           /* one per block (shared when blocks continue) */
  BlColumn ***columns;      /* per block: the ledger column of value col j */
} Build;

/* The qualifier (预算数/决算数) a value column's lowest header is, or -1. */
static int
qualifier_of (const Layout *l, guint j, const BlKindSpec *spec)
{
  const Col *c = &l->cols[j];
  for (guint h = c->headers->len; h-- > 0;)
    {
      const char *t = header_at (l, j, h);
      g_autofree char *k = NULL;
      if (!*t)
        continue;
      k = bl_label_key (t);
      for (guint q = 0; q < spec->qualifiers->len; q++)
        if (strcmp (k, g_ptr_array_index (spec->qualifiers, q)) == 0)
          return (int) q;
      return -1;
    }
  return -1;
}

/* Items with 预算数 | 决算数 under each: every value column's lowest header
 * is a qualifier, alternating, and there are two per template column.
 * Then column 2i + q is item i of the template under qualifier q. */
static gboolean
add_qualified_columns (Build *b, const Layout *l, const BlKindSpec *spec)
{
  guint n = 0, nq = spec->qualifiers ? spec->qualifiers->len : 0;
  BlPart *part;

  if (nq == 0 || l->nblocks != 1)
    return FALSE;
  part = b->parts[0];
  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].role == ROLE_VALUE)
      {
        if (qualifier_of (l, j, spec) != (int) (n % nq))
          return FALSE;
        n++;
      }
  if (n != nq * spec->columns->len)
    return FALSE;
  n = 0;
  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].role == ROLE_VALUE)
      {
        const BlColumnSpec *cs = g_ptr_array_index (spec->columns, n / nq);
        const char *q = g_ptr_array_index (spec->qualifiers, n % nq);
        b->columns[0][j] = bl_part__add_column (part, cs->name, q, 0);
        n++;
      }
  return TRUE;
}

static void
add_columns (Build *b, const Layout *l, const BlKindSpec *spec)
{
  if (add_qualified_columns (b, l, spec))
    return;
  for (guint j = 0; j < l->ncols; j++)
    {
      const Col *c = &l->cols[j];
      g_autofree char *name = NULL, *group = NULL, *key = NULL;
      const BlColumnSpec *cs;
      BlPart *part = b->parts[c->block];
      if (c->role != ROLE_VALUE)
        continue;
      value_name (l, j, &name, &group);
      key = bl_label_key (name);
      cs = bl_kind_spec_match_column (spec, key);
      if (cs && group == NULL)
        group = g_strdup (cs->group);
      /* A later block of a one-part table repeats the same columns. */
      if (c->block > 0 && b->parts[c->block] == b->parts[c->block - 1])
        {
          for (guint k = 0; k < part->columns->len; k++)
            {
              BlColumn *pc = g_ptr_array_index (part->columns, k);
              if (g_strcmp0 (pc->name, cs ? cs->name : name) == 0 && !b->columns[c->block][j])
                b->columns[c->block][j] = pc;
            }
          continue;
        }
      b->columns[c->block][j] = bl_part__add_column (part, cs ? cs->name : name, group, c->no);
    }
}

static void
make_parts (Build *b, const Layout *l, const BlKindSpec *spec)
{
  b->parts = g_new0 (BlPart *, l->nblocks);
  b->columns = g_new0 (BlColumn **, l->nblocks);
  for (guint k = 0; k < l->nblocks; k++)
    {
      gboolean two_sided = k < spec->parts->len;
      b->columns[k] = g_new0 (BlColumn *, l->ncols);
      if (two_sided)
        b->parts[k] = bl_table__add_part (b->table,
                                          ((BlPartSpec *) g_ptr_array_index (spec->parts, k))->name);
      else
        b->parts[k] = k == 0 ? bl_table__add_part (b->table, NULL) : b->parts[k - 1];
    }
}

static void
set_cell (BlTable *t, BlCell *cell, const BlGridCell *g)
{
  if (g == NULL)
    return;
  cell->text = bl_filing__intern (t->filing, g->text);
  cell->pos = g->pos;
  if (bl_decimal_text_is_blank (g->text))
    return;
  if (bl_decimal_parse (g->text, &cell->value, NULL))
    {
      if (cell->value.unit == BL_UNIT_NONE)
        cell->value.unit = (guint8) t->unit;
      cell->kind = BL_CELL_NUMBER;
      return;
    }
  cell->kind = BL_CELL_TEXT;
  bl_filing__note (t->filing, "READ.cell", BL_SEVERITY_WARNING, &g->pos, t->title,
                   "%s：单元格“%s”不是金额", t->title, g->text);
}

/* Key fields of block @k: code (类/款/项 columns joined), label, 行次. */
static void
read_keys (const Layout *l, const Aligned *a, guint k, GString *code,
           GString *label, int *line_no)
{
  for (guint j = 0; j < l->ncols; j++)
    {
      const Col *c = &l->cols[j];
      const char *t = cell_text (a, j);
      if (c->block != k || !*t)
        continue;
      if (c->role == ROLE_CODE && is_code (t))
        g_string_append (code, t);
      else if (c->role == ROLE_CODE && is_class_word (t))
        continue;   /* the 类 | 款 | 项 header printed on the 合计 line */
      else if (c->role == ROLE_CODE || c->role == ROLE_LABEL)
        g_string_append (label, t);
      else if (c->role == ROLE_LINE && is_small_int (t))
        *line_no = atoi (t);
    }
}

static gboolean
block_empty (const Layout *l, const Aligned *a, guint k)
{
  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].block == k && *cell_text (a, j))
      return FALSE;
  return TRUE;
}

static gboolean
block_empty_all (const Layout *l, const Aligned *a)
{
  for (guint j = 0; j < l->ncols; j++)
    if (*cell_text (a, j))
      return FALSE;
  return TRUE;
}

static gboolean
block_has (const Layout *l, const Aligned *a, guint k, gboolean keys)
{
  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].block == k && (l->cols[j].role != ROLE_VALUE) == keys
        && *cell_text (a, j))
      return TRUE;
  return FALSE;
}

/* The @n-th value column of block @k, or -1. */
static int
nth_value_col (const Layout *l, guint k, guint n)
{
  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].block == k && l->cols[j].role == ROLE_VALUE && n-- == 0)
      return (int) j;
  return -1;
}

/* A total printed across blocks — "公用经费合计" under one block, its
 * amount under the next — is one row: move the amounts left. */
static void
join_straddling (const Layout *l, Aligned *a)
{
  for (guint k = 0; k + 1 < l->nblocks; k++)
    {
      if (!block_has (l, a, k, TRUE) || block_has (l, a, k, FALSE)
          || block_has (l, a, k + 1, TRUE) || !block_has (l, a, k + 1, FALSE))
        continue;
      for (guint n = 0;; n++)
        {
          int from = nth_value_col (l, k + 1, n), to = nth_value_col (l, k, n);
          if (from < 0 || to < 0)
            break;
          a->cells[to] = a->cells[from];
          a->cells[from] = NULL;
        }
    }
}

static void
add_block_row (Build *b, const Layout *l, const Aligned *a, guint k)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) label = g_string_new (NULL);
  int line_no = 0;
  BlRow *row;

  read_keys (l, a, k, code, label, &line_no);
  row = bl_part__add_row (b->parts[k]);
  row->pos = (BlPos) { a->row->line, 0, a->row->page, a->row->sheet };
  row->line_no = line_no;
  if (code->len)
    bl_row__set_code (row, code->str);
  if (label->len)
    bl_row__set_label (row, label->str);
  for (guint j = 0; j < l->ncols; j++)
    {
      BlColumn *col = b->columns[k][j];
      if (col && l->cols[j].block == k)
        set_cell (b->table, &row->cells[col->index], a->cells[j]);
    }
}

/* In a PDF a label wrapped in its cell comes out as a row of its own
 * holding nothing but label text ("社会保障和就" / "业支出").  It belongs to
 * the row above while that row's last line fills the cell; after a line
 * that stops short the label is finished, and the line starts the label
 * of the row below (a PDF centres a three-line label on its row:
 * 机关事业单位 / 基本养老保险 2080505 446.11 / 缴费支出). */
static gboolean
is_wrapped_label (const Layout *l, const Aligned *a, guint k)
{
  gboolean label = FALSE;
  for (guint j = 0; j < l->ncols; j++)
    {
      const char *t = cell_text (a, j);
      if (l->cols[j].block != k || !*t)
        continue;
      if (l->cols[j].role != ROLE_LABEL || is_row_label (t))
        return FALSE;
      label = TRUE;
    }
  return label;
}

static void
label_text (GString *s, const Layout *l, const Aligned *a, guint k)
{
  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].block == k && l->cols[j].role == ROLE_LABEL)
      g_string_append (s, cell_text (a, j));
}

static void
append_label (BlRow *row, const Layout *l, const Aligned *a, guint k)
{
  g_autoptr(GString) s = g_string_new (row->label);
  label_text (s, l, a, k);
  bl_row__set_label (row, s->str);
}

/* The lines of a label printed above its row come first. */
static void
prepend_label (BlRow *row, GString *pending)
{
  g_string_append (pending, row->label ? row->label : "");
  bl_row__set_label (row, pending->str);
  g_string_truncate (pending, 0);
}

/* Display width: a CJK character is two columns, ASCII one. */
static guint
label_width (const char *s)
{
  guint w = 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return w;
}

static guint
widest_label (const Layout *l, GArray *rows, guint first, guint k)
{
  g_autoptr(GString) t = g_string_new (NULL);
  guint widest = 0;
  for (guint i = first; i < rows->len; i++)
    {
      g_string_truncate (t, 0);
      label_text (t, l, &g_array_index (rows, Aligned, i), k);
      widest = MAX (widest, label_width (t->str));
    }
  return widest;
}

/* Whether a label line fills its cell, so that the label goes on. */
static gboolean
line_is_full (const Layout *l, const Aligned *a, guint k, guint widest)
{
  g_autoptr(GString) t = g_string_new (NULL);
  label_text (t, l, a, k);
  return label_width (t->str) + 1 >= widest;
}

static const Aligned *next_row (const Layout *l, GArray *rows, guint i, guint k);

/* Between two finished labels, a line of words in a table without codes
 * is a row of its own whose figures are blank (使用非财政拨款结余 between
 * 本年收入合计 and 年初结转和结余); a scrap (出, 支出) is still a wrap. */
static gboolean
is_row_of_its_own (const Layout *l, GArray *rows, guint i, guint k, guint widest)
{
  const Aligned *a = &g_array_index (rows, Aligned, i);
  const Aligned *n = next_row (l, rows, i, k);
  g_autoptr(GString) t = g_string_new (NULL);

  for (guint j = 0; j < l->ncols; j++)
    if (l->cols[j].block == k && l->cols[j].role == ROLE_CODE)
      return FALSE;
  label_text (t, l, a, k);
  return label_width (t->str) >= 8 && (n == NULL || !line_is_full (l, n, k, widest));
}

/* The next row in block @k after @i that is not a wrapped label line. */
static const Aligned *
next_row (const Layout *l, GArray *rows, guint i, guint k)
{
  for (guint j = i + 1; j < rows->len; j++)
    {
      const Aligned *n = &g_array_index (rows, Aligned, j);
      if (!block_empty (l, n, k) && !is_lanci_row (n, l->ncols) && !is_wrapped_label (l, n, k))
        return n;
    }
  return NULL;
}

/* A line after a label that stopped short starts the next row's label,
 * unless it stands clearly nearer the line above (rows are measured by
 * their bottoms: a line's top varies with what it holds). */
static gboolean
starts_next_label (const Layout *l, GArray *rows, guint i, guint k, const Aligned *last,
                   gboolean open, guint widest)
{
  const Aligned *a = &g_array_index (rows, Aligned, i);
  const Aligned *n = next_row (l, rows, i, k);
  g_autoptr(GString) t = g_string_new (NULL);

  if (n == NULL || n->row->page != a->row->page)
    return FALSE;
  label_text (t, l, n, k);
  /* A row whose label is printed above and below its figures has none on
   * its own line; otherwise the label above must have stopped short and
   * the row's own line must go on. */
  if (t->len && (open || !line_is_full (l, n, k, widest)))
    return FALSE;
  if (last == NULL || last->row->page != a->row->page)
    return TRUE;
  return fabs (n->row->y1 - a->row->y1) <= 1.25 * fabs (a->row->y1 - last->row->y1);
}

/* A row of figures alone right above a row of keys alone, with nothing in
 * the same column, is one row: producers set a tall row's figures higher
 * than its label (人员经费合计 under its 2,152.26).  The keys' row takes
 * the figures. */
static void
join_raised_figures (const Layout *l, GArray *rows, guint first)
{
  for (guint i = first; i + 1 < rows->len; i++)
    {
      Aligned *a = &g_array_index (rows, Aligned, i);
      Aligned *b = &g_array_index (rows, Aligned, i + 1);
      gboolean clash = FALSE;
      if (a->row->page != b->row->page || b->row->y0 - a->row->y1 > a->row->y1 - a->row->y0 + 2)
        continue;
      for (guint k = 0; k < l->nblocks; k++)
        if (block_has (l, a, k, TRUE) || block_has (l, b, k, FALSE))
          clash = TRUE;
      for (guint j = 0; j < l->ncols && !clash; j++)
        clash = a->cells[j] && b->cells[j];
      if (clash || block_empty_all (l, a) || block_empty_all (l, b))
        continue;
      for (guint j = 0; j < l->ncols; j++)
        if (a->cells[j])
          b->cells[j] = a->cells[j], a->cells[j] = NULL;
    }
}

/* Rows block by block: a two-sided table fills each part; a table printed
 * in side-by-side blocks reads down the first block, then the next. */
static void
add_data_rows (Build *b, const Layout *l, GArray *rows, guint first,
               gboolean wraps)
{
  join_raised_figures (l, rows, first);
  for (guint i = first; i < rows->len; i++)
    join_straddling (l, &g_array_index (rows, Aligned, i));
  for (guint k = 0; k < l->nblocks; k++)
    {
      BlPart *part = b->parts[k];
      guint widest = wraps ? widest_label (l, rows, first, k) : 0;
      gboolean open = FALSE;           /* the last row's label goes on */
      const Aligned *last = NULL;      /* its last line */
      gboolean pending_full = FALSE;   /* the last line kept for the next */
      g_autoptr(GString) pending = g_string_new (NULL);
      for (guint i = first; i < rows->len; i++)
        {
          const Aligned *a = &g_array_index (rows, Aligned, i);
          BlRow *prev = part->rows->len ? g_ptr_array_index (part->rows, part->rows->len - 1) : NULL;
          if (block_empty (l, a, k) || is_lanci_row (a, l->ncols))
            continue;
          if (wraps && is_wrapped_label (l, a, k)
              && (pending->len || prev == NULL
                  || starts_next_label (l, rows, i, k, last, open, widest)))
            {
              label_text (pending, l, a, k);
              pending_full = line_is_full (l, a, k, widest);
            }
          else if (wraps && is_wrapped_label (l, a, k) && !open
                   && is_row_of_its_own (l, rows, i, k, widest))
            {
              add_block_row (b, l, a, k);      /* a row printed blank */
              open = FALSE;
              last = a;
            }
          else if (wraps && prev && prev->label && is_wrapped_label (l, a, k))
            {
              append_label (prev, l, a, k);
              open = line_is_full (l, a, k, widest);
              last = a;
            }
          else
            {
              g_autoptr(GString) own = g_string_new (NULL);
              add_block_row (b, l, a, k);
              label_text (own, l, a, k);
              open = own->len ? line_is_full (l, a, k, widest) : pending_full;
              last = a;
              if (pending->len)
                prepend_label (g_ptr_array_index (part->rows, part->rows->len - 1), pending);
            }
        }
    }
}

/* ---- the region ---- */

typedef struct {
  GArray *rows;             /* Aligned */
  guint last;               /* grid index of the table's last row (注 …) */
  guint header_end;         /* index of the first data row */
  char *label, *statement;
  BlUnit unit;
  gboolean have_unit;
} Region;

/* The money unit "单位：万元" or "金额单位：元" in @key (a label key). */
static gboolean
unit_in (const char *key, BlUnit *unit)
{
  const char *unit_at = strstr (key, "单位:");
  char *end;
  g_autofree char *u_text = NULL;

  if (unit_at == NULL)
    return FALSE;
  end = strpbrk (unit_at + 7, " ");
  u_text = g_strndup (unit_at + 7, end ? (gsize) (end - unit_at - 7) : strlen (unit_at + 7));
  if (bl_unit_parse (u_text, unit) && *unit != BL_UNIT_PERCENT)
    return TRUE;
  *unit = BL_UNIT_WAN;   /* "单位：万" / "元" split */
  return g_str_has_prefix (u_text, "万");
}

static void
read_meta (Region *rg, const char *text)
{
  static GRegex *label_re;
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *key = bl_label_key (text);

  if (rg->label == NULL && g_regex_match (bl_regex_once (&label_re, "公开\\s*([0-9]+)"), text, 0, &m))
    {
      g_autofree char *n = g_match_info_fetch (m, 1);
      rg->label = g_strdup_printf ("公开%02d表", atoi (n));
    }
  if (!rg->have_unit)
    rg->have_unit = unit_in (key, &rg->unit);
}

static gboolean
is_statement (const BlKindSpec *spec, const char *text)
{
  g_autofree char *k = bl_title_key (text);
  if (strstr (k, "本表无数据") || strstr (k, "无数据"))
    return TRUE;
  for (guint i = 0; spec->empty && i < spec->empty->len; i++)
    if (strstr (k, g_ptr_array_index (spec->empty, i)))
      return TRUE;
  return FALSE;
}

static gboolean
is_grand_total (const char *text)
{
  g_autofree char *k = bl_label_key (text);
  return strcmp (k, "总计") == 0 || strcmp (k, "合计") == 0;
}

/* Keeps the region's table rows: drops meta rows (reading the label and
 * unit from them), page furniture, and everything from 注 on (but an
 * empty-table statement is kept wherever it stands). */
static GPtrArray *
table_rows (Region *rg, const BlGrid *grid, const BlRegion *r)
{
  GPtrArray *rows = g_ptr_array_new ();
  gboolean ended = FALSE, after_note = FALSE;
  gboolean coded = bl_kind_spec_has_key (r->spec, "code");
  gboolean two_sided = r->spec->parts->len > 1;
  guint ended_at = G_MAXUINT;

  rg->last = r->first;
  for (guint i = r->first; i < r->end; i++)
    {
      const BlGridRow *row = g_ptr_array_index (grid->rows, i);
      g_autofree char *text = bl_grid_row_text (row);
      if (ended && ended_at == G_MAXUINT)
        ended_at = i;
      /* 本表无数据 belongs to the table only right under it */
      if (is_statement (r->spec, text) && g_utf8_strlen (text, -1) < 80
          && (!ended || i < ended_at + 3))
        {
          g_free (rg->statement);
          rg->statement = g_strdup (text);
          rg->last = MAX (rg->last, i);
          continue;
        }
      /* text that follows the page's flow (no layout) may write a coded
       * table's last figures after its 注: a line of one figure there is
       * the table's (its codes will show whether the rows hold); a
       * two-sided table's right-hand 总计 too (its sums will show) */
      if (ended && after_note && !grid->layout
          && ((coded && is_amount (text)) || (!two_sided && is_amount (text))
              || (two_sided && (is_amount (text) || is_grand_total (text)))))
        {
          g_ptr_array_add (rows, (gpointer) row);
          continue;
        }
      if (ended || (is_noise_text (text) && !ends_tables (text)))
        continue;
      if (rows->len > 0 && (ends_tables (text) || is_prose (row, text)))
        {
          ended = TRUE;   /* the 注 line is missing: prose starts here */
          continue;
        }
      rg->last = i;
      if (is_end_text (text))
        ended = after_note = TRUE;
      else if (rows->len == 0 || !is_meta_text (text))
        {
          if (is_meta_text (text))
            read_meta (rg, text);
          else
            g_ptr_array_add (rows, (gpointer) row);
        }
      else
        read_meta (rg, text);
    }
  return rows;
}

/* Finds where the data starts — after the 栏次 row, or at the first row
 * with an amount or a code — then the columns, then aligns every row. */
static gboolean
has_figure (const Region *rg)
{
  for (guint i = rg->header_end; i < rg->rows->len; i++)
    {
      const Aligned *a = &g_array_index (rg->rows, Aligned, i);
      for (guint k = 0; k < a->row->cells->len; k++)
        if (is_amount (g_array_index (a->row->cells, BlGridCell, k).text))
          return TRUE;
    }
  return FALSE;
}

static GArray *
classify (Region *rg, GPtrArray *rows, const BlKindSpec *spec)
{
  GArray *spans;

  rg->header_end = G_MAXUINT;
  for (guint i = 0; i < rows->len && rg->header_end == G_MAXUINT; i++)
    {
      Aligned a = raw_row (g_ptr_array_index (rows, i));
      guint n = ((const BlGridRow *) g_ptr_array_index (rows, i))->cells->len;
      if (is_data_row (&a, n))
        rg->header_end = i;
      else if (is_lanci_row (&a, n))
        rg->header_end = i + 1;
      g_free (a.cells);
    }
  /* An empty table (本表无数据) may have nothing but its header. */
  if (rg->header_end == G_MAXUINT && rows->len > 0)
    rg->header_end = rows->len;
  spans = find_columns (rows, rg->header_end, spec);
  for (guint i = 0; i < rows->len; i++)
    {
      Aligned a = align_row (g_ptr_array_index (rows, i), spans, i < rg->header_end);
      g_array_append_val (rg->rows, a);
    }
  return spans;
}

static void
region_clear (Region *rg)
{
  for (guint i = 0; i < rg->rows->len; i++)
    g_free (g_array_index (rg->rows, Aligned, i).cells);
  g_array_free (rg->rows, TRUE);
  g_free (rg->label);
  g_free (rg->statement);
}

static void
build_layout (Layout *l, const Region *rg, const GArray *spans, gboolean geometric,
              const BlKindSpec *spec)
{
  guint ncols = spans->len;
  l->ncols = ncols;
  l->spans = spans;
  l->geometric = geometric;
  l->cols = g_new0 (Col, MAX (ncols, 1));
  l->nblocks = 1;
  for (guint j = 0; j < ncols; j++)
    {
      l->cols[j].headers = g_ptr_array_new_with_free_func (g_free);
      l->cols[j].header_x1 = g_array_new (FALSE, TRUE, sizeof (double));
    }
  for (guint i = 0; i < MIN (rg->header_end + 1, rg->rows->len); i++)
    {
      const Aligned *a = &g_array_index (rg->rows, Aligned, i);
      gboolean lanci = is_lanci_row (a, ncols);
      if (i < rg->header_end || lanci)
        read_header_row (l, a, lanci, spec);
    }
  l->nblocks = 0;
  for (guint j = 0; j < ncols && l->nblocks == 0; j++)
    l->nblocks = 1;
  count_contents (l, rg->rows, rg->header_end);
  assign_roles (l);
}

/* The title as published, once: white space dropped, doubling undone. */
static const char *
clean_title (BlFiling *filing, const char *text)
{
  GString *s = g_string_new (NULL);
  gsize half;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  half = s->len / 2;
  if (s->len % 2 == 0 && half && memcmp (s->str, s->str + half, half) == 0)
    g_string_truncate (s, half);
  {
    const char *t = bl_filing__intern (filing, s->str);
    g_string_free (s, TRUE);
    return t;
  }
}

static BlTable *
new_table (BlFiling *filing, const BlRegion *r, const Region *rg)
{
  BlTable *t = bl_filing__add_table (filing, r->spec->kind);
  t->title = clean_title (filing, r->title);
  t->label = bl_filing__intern (filing, rg->label);
  t->statement = bl_filing__intern (filing, rg->statement);
  t->pos = (BlPos) { r->title_row->line, 0, r->title_row->page, r->title_row->sheet };
  t->unit_declared = FALSE;
  if (rg->have_unit)
    t->unit = rg->unit, t->unit_declared = TRUE;
  return t;
}

/* Plain text — laid out or not — has no cell boundaries: its tables are
 * token streams (recognize-linear.c). */
static gboolean
is_stream (const BlGrid *grid)
{
  return strcmp (grid->format, "text") == 0;
}

/* Cells with real extents: PDF, XLSX, and text that kept its layout. */
static gboolean
is_geometric (const BlGrid *grid)
{
  return strcmp (grid->format, "pdf") == 0 || strcmp (grid->format, "xlsx") == 0
         || grid->layout;
}

static void
drop_last_table (BlFiling *filing)
{
  bl_filing__drop_last_table (filing);
}

/* A 科目编码 names one row of a part.  What the reader took for a code
 * twice (a repeated page header, 行次 read as codes) is kept in the
 * label, with a note, so the table's code tree and convert's output stay
 * sound. */
static void
drop_repeated_codes (BlFiling *filing, BlTable *t)
{
  for (guint p = 0; p < t->parts->len; p++)
    {
      BlPart *part = g_ptr_array_index (t->parts, p);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < part->rows->len; i++)
        {
          BlRow *row = g_ptr_array_index (part->rows, i);
          BlRow *first;
          g_autofree char *label = NULL;
          if (row->code == NULL)
            continue;
          if ((first = g_hash_table_lookup (seen, row->code)) == NULL)
            {
              g_hash_table_insert (seen, (gpointer) row->code, row);
              continue;
            }
          if (t->doubt == NULL)   /* a table in doubt has said so once */
            bl_filing__note (filing, "READ.cell", BL_SEVERITY_WARNING, &row->pos, t->title,
                           "%s：科目编码 %s 第二次出现（第一次在第 %u 行），这一行不按编码读取",
                           t->title, row->code, first->pos.line);
          label = g_strconcat (row->code, row->label ? " " : "", row->label ? row->label : "", NULL);
          row->code = NULL;
          bl_row__set_label (row, label);
        }
    }
}

static void
finish (BlFiling *filing, BlTable *t)
{
  drop_repeated_codes (filing, t);
  bl_table__finish (t);
}

static gboolean
read_positional (BlFiling *filing, const BlGrid *grid, const BlRegion *r,
                 Region *rg, GPtrArray *rows)
{
  g_autoptr(GArray) spans = classify (rg, rows, r->spec);
  Layout l = { 0 };
  Build b = { 0 };

  if (rg->header_end == G_MAXUINT || rg->header_end >= rg->rows->len + 1)
    return FALSE;
  if (!has_figure (rg) && !rg->have_unit && rg->statement == NULL)
    return FALSE;   /* a heading or a table of contents, not a table */
  build_layout (&l, rg, spans, is_geometric (grid), r->spec);
  b.table = new_table (filing, r, rg);
  make_parts (&b, &l, r->spec);
  add_columns (&b, &l, r->spec);
  add_data_rows (&b, &l, rg->rows, rg->header_end,
                 strcmp (filing->format, "pdf") == 0 || grid->layout);
  finish (filing, b.table);
  for (guint k = 0; k < l.nblocks; k++)
    g_free (b.columns[k]);
  g_free (b.columns);
  g_free (b.parts);
  layout_free (&l);
  return TRUE;
}

/* The title and the rows the table took are not prose. */
static void
mark_table_rows (const BlGrid *grid, const BlRegion *r, guint last)
{
  for (guint i = r->first - 1; i <= last && i < grid->rows->len; i++)
    ((BlGridRow *) g_ptr_array_index (grid->rows, i))->in_table = TRUE;
}

/* The meta rows table_rows() reads a unit from, up to where the table
 * ends (注…, 第三部分…说明); without reading the table. */
gboolean
bl_recognize__region_unit (const BlGrid *grid, const BlRegion *r, BlUnit *unit)
{
  for (guint i = r->first; i < r->end; i++)
    {
      g_autofree char *text = bl_grid_row_text (g_ptr_array_index (grid->rows, i));
      g_autofree char *key = NULL;
      if (is_end_text (text) || ends_tables (text))
        return FALSE;
      if (!strstr (text, "单位") || !is_meta_text (text))
        continue;
      key = bl_label_key (text);
      if (unit_in (key, unit))
        return TRUE;
    }
  return FALSE;
}

gboolean
bl_recognize__table (BlFiling *filing, const BlGrid *grid, const BlRegion *r)
{
  Region rg = { g_array_new (FALSE, TRUE, sizeof (Aligned)), 0, 0, NULL, NULL, BL_UNIT_NONE, FALSE };
  g_autoptr(GPtrArray) rows = table_rows (&rg, grid, r);
  guint end = r->end;   /* a form's: the row after its last */
  gboolean ok;

  if (r->spec->performance)
    {
      BlTable *t = new_table (filing, r, &rg);
      ok = bl_recognize__performance (filing, t, grid, r, &end);
      if (ok)
        finish (filing, t);
      else
        drop_last_table (filing);
    }
  else if (is_stream (grid))
    {
      BlTable *t = new_table (filing, r, &rg);
      ok = bl_recognize__linear (filing, t, grid, r, rows);
      if (ok)
        finish (filing, t);
      else
        drop_last_table (filing);
    }
  else
    ok = read_positional (filing, grid, r, &rg, rows);
  if (ok)
    mark_table_rows (grid, r, r->spec->performance ? end - 1 : rg.last);
  region_clear (&rg);
  return ok;
}
