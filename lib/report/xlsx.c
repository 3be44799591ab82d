/* The discrepancy workbook, for finance staff who live in Excel:
 *
 *   问题清单  one row per finding, filterable, severity in colour, the
 *            figures as numbers, a link to the cell in its table;
 *   汇总      counts by severity per filing, then by rule per filing;
 *   one sheet per table, laid out like the published table, the cells a
 *            finding points at filled in its colour with a comment that
 *            states the finding.
 *
 * Figures arrive as exact decimal strings; a cell holds a number only
 * when the double reads back as the same string, else the string. */

#include "report.h"

#include <glib/gstdio.h>
#include <xlsxwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FILL_NONE, FILL_NOTICE, FILL_WARNING, FILL_ERROR, N_FILLS };

typedef struct {
  lxw_workbook *wb;
  lxw_error status;             /* the first failure, LXW_NO_ERROR if none */
  lxw_format *header, *title, *subtitle, *wrap, *text, *link, *legend;
  lxw_format *level[3];         /* 级别 cells */
  GHashTable *formats;          /* "fill:digits" → lxw_format*, cells */
  GHashTable *names;            /* casefolded sheet names in use */
  GArray *widths;               /* current sheet's column widths */
  GArray *heads;                /* current table sheet's HeadCells */
  char **sheet_of;              /* per filing × table: its sheet's name */
} Book;

/* A cell of a table's header, merged over rows r0..r1, columns c0..c1. */
typedef struct {
  guint r0, r1, c0, c1;
  char *text;                   /* as written */
} HeadCell;

/* A table sheet's narrowest column. */
#define MIN_WIDTH 9

/* Table sheets of one filing: where each kept table landed. */
typedef struct {
  char *name;                   /* sheet name */
  guint first_row;              /* first data row */
  GArray *part_col;             /* guint: first column of each part's values */
  GArray *part_lead;            /* guint: label columns before them */
  GArray *part_label;           /* guint: the column of its row labels */
} Laid;

static const lxw_color_t fill_bg[N_FILLS] = { 0, 0xDDEBF7, 0xFFEB9C, 0xFFC7CE };
static const lxw_color_t fill_fg[N_FILLS] = { 0, 0x1F4E78, 0x9C5700, 0x9C0006 };
static const char *const level_name[3] = { "提示", "警告", "错误" };
/* By BlConfidence: table arithmetic, a claim read from prose, a figure
 * from a reading in doubt (shown only when asked for). */
static const char *const confidence_name[3] = { "确定", "较可能", "存疑" };

static void
check (Book *b, lxw_error e)
{
  if (e != LXW_NO_ERROR && b->status == LXW_NO_ERROR)
    b->status = e;
}

/* ---- widths: a CJK character is about two Latin ones wide ---- */

static double
display_width (const char *s)
{
  double w = 0, line = 0;

  for (const char *p = s ? s : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n')
        {
          w = MAX (w, line);
          line = 0;
          continue;
        }
      line += g_unichar_iswide (c) || (g_unichar_iswide_cjk (c) && c > 0x2000) ? 2.1 : 1.1;
    }
  return MAX (w, line);
}

static void
fit (Book *b, guint col, const char *s, double max)
{
  double w = MIN (display_width (s) + 2, max);

  if (b->widths->len <= col)
    g_array_set_size (b->widths, col + 1);
  if (w > g_array_index (b->widths, double, col))
    g_array_index (b->widths, double, col) = w;
}

static void
apply_widths (Book *b, lxw_worksheet *ws, double min)
{
  for (guint c = 0; c < b->widths->len; c++)
    check (b, worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c,
                                    MAX (g_array_index (b->widths, double, c), min), NULL));
  g_array_set_size (b->widths, 0);
}

/* ---- formats ---- */

static lxw_format *
fill_format (lxw_format *f, int fill)
{
  if (fill != FILL_NONE)
    {
      format_set_bg_color (f, fill_bg[fill]);
      format_set_font_color (f, fill_fg[fill]);
    }
  return f;
}

/* A cell format: @digits ≥ 0 for a number shown with that many decimals,
 * −1 for text; @fill from the severity of the findings on it. */
static lxw_format *
cell_format (Book *b, int digits, int fill)
{
  g_autofree char *key = g_strdup_printf ("%d:%d", fill, digits);
  lxw_format *f = g_hash_table_lookup (b->formats, key);

  if (f)
    return f;
  f = fill_format (workbook_add_format (b->wb), fill);
  format_set_border (f, LXW_BORDER_THIN);
  format_set_border_color (f, 0xBFBFBF);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  if (digits >= 0)
    {
      g_autofree char *num = digits ? g_strdup_printf ("#,##0.%0*d", digits, 0)
                                    : g_strdup ("#,##0");
      format_set_num_format (f, num);
    }
  if (fill == FILL_ERROR)
    format_set_bold (f);
  g_hash_table_insert (b->formats, g_steal_pointer (&key), f);
  return f;
}

static void
make_formats (Book *b)
{
  b->header = workbook_add_format (b->wb);
  format_set_bold (b->header);
  format_set_bg_color (b->header, 0xD9E1F2);
  format_set_border (b->header, LXW_BORDER_THIN);
  format_set_text_wrap (b->header);
  format_set_align (b->header, LXW_ALIGN_CENTER);
  format_set_align (b->header, LXW_ALIGN_VERTICAL_CENTER);
  b->title = workbook_add_format (b->wb);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  b->subtitle = workbook_add_format (b->wb);
  format_set_font_color (b->subtitle, 0x595959);
  b->legend = workbook_add_format (b->wb);
  format_set_font_color (b->legend, 0x595959);
  format_set_italic (b->legend);
  b->text = cell_format (b, -1, FILL_NONE);
  b->wrap = workbook_add_format (b->wb);
  format_set_text_wrap (b->wrap);
  format_set_border (b->wrap, LXW_BORDER_THIN);
  format_set_border_color (b->wrap, 0xBFBFBF);
  format_set_align (b->wrap, LXW_ALIGN_VERTICAL_TOP);
  b->link = workbook_add_format (b->wb);
  format_set_underline (b->link, LXW_UNDERLINE_SINGLE);
  format_set_font_color (b->link, 0x0563C1);
  format_set_border (b->link, LXW_BORDER_THIN);
  format_set_border_color (b->link, 0xBFBFBF);
  format_set_align (b->link, LXW_ALIGN_VERTICAL_TOP);
  for (int s = 0; s < 3; s++)
    {
      b->level[s] = fill_format (workbook_add_format (b->wb), s + 1);
      format_set_bold (b->level[s]);
      format_set_align (b->level[s], LXW_ALIGN_CENTER);
      format_set_align (b->level[s], LXW_ALIGN_VERTICAL_TOP);
      format_set_border (b->level[s], LXW_BORDER_THIN);
      format_set_border_color (b->level[s], 0xBFBFBF);
    }
}

/* ---- values ---- */

/* @s as a double, when printing the double at @s's precision gives @s
 * back (so the cell shows exactly what the filing or the rule said). */
static gboolean
exact_number (const char *s, double *out, int *digits)
{
  const char *dot;
  char *end;
  char fmt[16], buf[64];
  int d;

  if (s == NULL || *s == '\0')
    return FALSE;
  *out = g_ascii_strtod (s, &end);
  if (*end != '\0' || end == s)
    return FALSE;
  dot = strchr (s, '.');
  d = dot ? (int) strlen (dot + 1) : 0;
  if (d > 10 || *out > 1e15 || *out < -1e15)
    return FALSE;
  g_snprintf (fmt, sizeof fmt, "%%.%df", d);
  g_ascii_formatd (buf, sizeof buf, fmt, *out);
  *digits = d;
  return strcmp (buf, s) == 0;
}

/* ---- text: what a cell, a comment or a sheet name may hold ---- */

/* Excel's limit on a cell's text, in UTF-16 units. */
#define CELL_MAX 32767

static gboolean
is_control (gunichar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
}

static glong
utf16_units (gunichar c)
{
  return c > 0xFFFF ? 2 : 1;
}

/* Cuts @s to at most @max UTF-16 units, the last of them "…", when it is
 * longer. */
static void
cut (GString *s, glong max)
{
  glong units = 0;
  const char *p, *end = NULL;

  for (p = s->str; *p; p = g_utf8_next_char (p))
    {
      units += utf16_units (g_utf8_get_char (p));
      if (end == NULL && units > max - 1)
        end = p;
    }
  if (units <= max)
    return;
  g_string_truncate (s, (gsize) (end - s->str));
  g_string_append (s, "…");
}

/* @s as a workbook may hold it, in a new string.  A document's text can
 * hold control characters, which XML 1.0 cannot (one in a label made the
 * workbook unreadable): they are written out ("\x1b", as the text report
 * does).  Bytes that are not UTF-8 become U+FFFD.  What is over @max
 * characters (Excel's 32,767 for a cell; libxlsxwriter refuses more and
 * the cell stayed blank) is cut, with "…" to say so. */
static char *
clean_text (const char *s, glong max)
{
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFFFE || c == 0xFFFF)       /* not characters in XML either */
        continue;
      if (is_control (c))
        g_string_append_printf (out, c < 0x80 ? "\\x%02x" : "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  cut (out, max);
  return g_string_free (out, FALSE);
}

static void
write_str (Book *b, lxw_worksheet *ws, guint row, guint col, const char *s,
           lxw_format *f)
{
  g_autofree char *text = s && *s ? clean_text (s, CELL_MAX) : NULL;

  if (text == NULL || *text == '\0')
    check (b, worksheet_write_blank (ws, row, (lxw_col_t) col, f));
  else
    check (b, worksheet_write_string (ws, row, (lxw_col_t) col, text, f));
}

/* An exact decimal as a number when it round-trips, else as text. */
static void
write_decimal (Book *b, lxw_worksheet *ws, guint row, guint col,
               const char *s, int fill)
{
  double v;
  int digits;

  if (exact_number (s, &v, &digits))
    check (b, worksheet_write_number (ws, row, (lxw_col_t) col, v,
                                      cell_format (b, digits, fill)));
  else
    write_str (b, ws, row, col, s, cell_format (b, -1, fill));
}

static void
comment (Book *b, lxw_worksheet *ws, guint row, guint col, const GString *note)
{
  lxw_comment_options opt = { 0 };
  g_autofree char *text = clean_text (note->str, 2000);
  glong n = g_utf8_strlen (text, -1);
  guint lines = 1;

  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  opt.author = (char *) "budgetlint";
  opt.width = 420;
  opt.height = (uint16_t) MIN (60 + 30 * (n / 28 + lines), 600);
  check (b, worksheet_write_comment_opt (ws, row, (lxw_col_t) col, text, &opt));
}

/* ---- sheet names: ≤ 31 characters, none of []:*?/\, unique ---- */

/* @s without its control characters (which a sheet name cannot hold,
 * escaped or not: a backslash is not allowed either). */
static char *
drop_controls (const char *s)
{
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_control (c) && c != '\n' && c != '\t' && c != 0xFFFE && c != 0xFFFF)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
sheet_name (Book *b, const char *base)
{
  g_autofree char *clean = drop_controls (base);
  char *name;

  for (char *p = clean; *p; p++)
    if (strchr ("[]:*?/\\", *p))
      *p = '_';
  g_strstrip (clean);
  if (*clean == '\0')
    g_free (clean), clean = g_strdup ("表");
  if (*clean == '\'' )
    *clean = '_';
  for (guint n = 1;; n++)
    {
      g_autofree char *suffix = n > 1 ? g_strdup_printf ("~%u", n) : g_strdup ("");
      glong room = 31 - (glong) strlen (suffix);
      g_autofree char *head = g_utf8_substring (clean, 0, MIN (room, g_utf8_strlen (clean, -1)));
      g_autofree char *key = NULL;

      /* A trailing apostrophe is not allowed either. */
      gsize len = strlen (head);
      if (len && head[len - 1] == '\'')
        head[len - 1] = '_';
      name = g_strconcat (head, suffix, NULL);
      key = g_utf8_casefold (name, -1);
      if (!g_hash_table_contains (b->names, key))
        {
          g_hash_table_add (b->names, g_steal_pointer (&key));
          return name;
        }
      g_free (name);
    }
}

static int
fill_of (int severity)
{
  return severity < 0 ? FILL_NONE : severity + 1;
}

/* ---- table sheets ---- */

static gboolean
part_has (const BlReportPart *p, gboolean code)
{
  for (guint i = 0; i < p->rows->len; i++)
    {
      const BlReportRow *r = &g_array_index (p->rows, BlReportRow, i);
      if (code ? r->code != NULL : r->line_no != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
table_has_numbers (const BlReportTable *t)
{
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlReportPart *part = g_ptr_array_index (t->parts, p);
      for (guint c = 0; c < part->columns->len; c++)
        if (g_array_index (part->columns, BlReportColumn, c).no != 0)
          return TRUE;
    }
  return FALSE;
}

/* A column's group is a path of headers, "决算数/公务用车购置及运行维护费":
 * one header row per level. */
static guint
group_depth (const char *group)
{
  guint n = 0;

  if (group == NULL || *group == '\0')
    return 0;
  for (const char *p = group; p; p = strchr (p, '/'))
    n++, p += *p == '/';
  return n;
}

static guint
table_group_depth (const BlReportTable *t)
{
  guint depth = 0;

  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlReportPart *part = g_ptr_array_index (t->parts, p);
      for (guint c = 0; c < part->columns->len; c++)
        depth = MAX (depth, group_depth (g_array_index (part->columns, BlReportColumn, c).group));
    }
  return depth;
}

/* The length of @group's first @levels headers, or 0 when it has fewer. */
static gsize
group_prefix (const char *group, guint levels)
{
  const char *p = group;

  if (group_depth (group) < levels)
    return 0;
  for (guint l = 0; l < levels; l++)
    {
      p = strchr (p, '/');
      if (p == NULL)
        return strlen (group);
      if (l + 1 < levels)
        p++;
    }
  return (gsize) (p - group);
}

/* A header cell over rows @r0..@r1 and columns @c0..@c1 (merged when it
 * spans more than one), kept for its row's height. */
static void
head (Book *b, lxw_worksheet *ws, guint r0, guint c0, guint r1, guint c1,
      const char *text)
{
  HeadCell h = { r0, r1, c0, c1, clean_text (text ? text : "", CELL_MAX) };

  if (r0 == r1 && c0 == c1)
    write_str (b, ws, r0, c0, h.text, b->header);
  else
    check (b, worksheet_merge_range (ws, r0, (lxw_col_t) c0, r1, (lxw_col_t) c1,
                                     h.text, b->header));
  g_array_append_val (b->heads, h);
}

/* Group rows @top.. of @part's value columns from @vcol: each level's
 * header over the run of columns that share it (预算数 over six columns,
 * 公务用车购置及运行维护费 over three), as the published table prints it. */
static void
group_headers (Book *b, lxw_worksheet *ws, const BlReportPart *part, guint top,
               guint depth, guint vcol)
{
  const guint n = part->columns->len;

  for (guint level = 0; level < depth; level++)
    for (guint c = 0, e; c < n; c = e)
      {
        const char *g = g_array_index (part->columns, BlReportColumn, c).group;
        gsize len = group_prefix (g, level + 1), start;
        g_autofree char *text = NULL;

        for (e = c + 1; len && e < n; e++)
          {
            const char *h = g_array_index (part->columns, BlReportColumn, e).group;
            if (group_prefix (h, level + 1) != len || strncmp (g, h, len) != 0)
              break;
          }
        if (len == 0)
          continue;
        start = level ? group_prefix (g, level) + 1 : 0;
        text = g_strndup (g + start, len - start);
        head (b, ws, top + level, vcol + c, top + level, vcol + e - 1, text);
      }
}

/* The label columns of @part from @col (科目编码, 科目名称 or 项目, 行次),
 * each header over rows @top..@names_row; returns the first value column. */
static guint
lead_headers (Book *b, lxw_worksheet *ws, const BlReportPart *part, guint top,
              guint names_row, gboolean numbers, guint col, Laid *laid)
{
  gboolean code = part_has (part, TRUE), line_no = part_has (part, FALSE);
  guint lead = 1 + code + line_no, label = col + code, first = col;

  if (code)
    head (b, ws, top, col, names_row, col, "科目编码"), col++;
  head (b, ws, top, col, names_row, col, code ? "科目名称" : "项目"), col++;
  if (line_no)
    head (b, ws, top, col, names_row, col, "行次"), col++;
  for (guint c = first; numbers && c < col; c++)
    write_str (b, ws, names_row + 1, c, c == col - 1 ? "栏次" : NULL, b->header);
  g_array_append_val (laid->part_lead, lead);
  g_array_append_val (laid->part_label, label);
  g_array_append_val (laid->part_col, col);
  return col;
}

/* The header: a part row (收入 | 支出) for a table of several parts, a row
 * per level of column groups, the column names (each reaching up to its
 * group), then 栏次.  Returns the first row of figures. */
static guint
table_header (Book *b, lxw_worksheet *ws, const BlReportTable *t, guint row,
              Laid *laid)
{
  gboolean parts = t->parts->len > 1, numbers = table_has_numbers (t);
  guint top = row + parts, names_row = top + table_group_depth (t), col = 0;

  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlReportPart *part = g_ptr_array_index (t->parts, p);
      guint first = col;

      col = lead_headers (b, ws, part, top, names_row, numbers, col, laid);
      group_headers (b, ws, part, top, names_row - top, col);
      for (guint c = 0; c < part->columns->len; c++, col++)
        {
          const BlReportColumn *rc = &g_array_index (part->columns, BlReportColumn, c);
          head (b, ws, top + group_depth (rc->group), col, names_row, col, rc->name);
          fit (b, col, rc->name, 16);
          if (numbers && rc->no)
            check (b, worksheet_write_number (ws, names_row + 1, (lxw_col_t) col,
                                              rc->no, b->header));
          else if (numbers)
            write_str (b, ws, names_row + 1, col, NULL, b->header);
        }
      if (parts)
        head (b, ws, row, first, row, col - 1, part->name);
    }
  return names_row + 1 + numbers;
}

/* Header rows tall enough for their wrapped text at the final column
 * widths: a viewer that does not fit rows itself drew a long group
 * header over the row below. */
static void
header_heights (Book *b, lxw_worksheet *ws, guint first, guint last)
{
  g_autofree double *height = g_new0 (double, last - first + 1);

  for (int pass = 0; pass < 2; pass++)       /* single rows, then spans */
    for (guint i = 0; i < b->heads->len; i++)
      {
        const HeadCell *h = &g_array_index (b->heads, HeadCell, i);
        double width = 0, need, have = 0;

        if ((h->r0 != h->r1) != pass)
          continue;
        for (guint c = h->c0; c <= h->c1; c++)
          width += MAX (c < b->widths->len ? g_array_index (b->widths, double, c) : 0,
                        MIN_WIDTH);
        need = 15 * ceil (display_width (h->text) / MAX (width - 1, 1)) + 3;
        for (guint r = h->r0; r <= h->r1; r++)
          have += MAX (height[r - first], 15);
        if (need > have)
          height[h->r1 - first] = MAX (height[h->r1 - first], 15) + need - have;
      }
  for (guint r = first; r <= last; r++)
    if (height[r - first] > 0)
      check (b, worksheet_set_row (ws, r, height[r - first], NULL));
}

static void
table_cells (Book *b, lxw_worksheet *ws, const BlReportTable *t, guint first_row,
             const Laid *laid)
{
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlReportPart *part = g_ptr_array_index (t->parts, p);
      guint vcol = g_array_index (laid->part_col, guint, p);
      guint lead = g_array_index (laid->part_lead, guint, p);
      gboolean code = part_has (part, TRUE);

      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlReportRow *r = &g_array_index (part->rows, BlReportRow, i);
          guint row = first_row + i, label_col = vcol - lead + code;
          lxw_format *lf = cell_format (b, -1, fill_of (r->severity));

          if (code)
            write_str (b, ws, row, vcol - lead, r->code, b->text);
          write_str (b, ws, row, label_col, r->label, lf);
          fit (b, label_col, r->label, 44);
          if (code)
            fit (b, vcol - lead, r->code, 12);
          if (r->line_no)
            check (b, worksheet_write_number (ws, row, (lxw_col_t) (label_col + 1),
                                              r->line_no, b->text));
          check (b, worksheet_set_row (ws, row, 18, NULL));
          if (r->note)
            comment (b, ws, row, label_col, r->note);
          for (guint c = 0; c < part->columns->len; c++)
            {
              const BlReportCell *cell = &r->cells[c];
              int fill = fill_of (cell->severity);
              guint col = vcol + c;

              if (cell->kind == BL_CELL_NUMBER)
                {
                  g_autofree char *s = bl_decimal_format (cell->value);
                  write_decimal (b, ws, row, col, s, fill);
                  fit (b, col, s, 20);
                }
              else
                {
                  write_str (b, ws, row, col, cell->text, cell_format (b, -1, fill));
                  fit (b, col, cell->text, 30);
                }
              if (cell->note)
                comment (b, ws, row, col, cell->note);
            }
        }
    }
}

static void
table_sheet (Book *b, const BlReportFiling *f, const BlReportTable *t,
             Laid *laid)
{
  lxw_worksheet *ws = workbook_get_worksheet_by_name (b->wb, laid->name);
  g_autofree char *title = g_strjoin (" ", t->label ? t->label : "", t->title, NULL);
  g_autofree char *year = f->year ? g_strdup_printf ("  %d年度", f->year) : g_strdup ("");
  g_autofree char *sub = g_strdup_printf ("%s%s  单位：%s", f->department ? f->department : "",
                                          year, t->unit && *t->unit ? t->unit : "—");
  guint row;

  write_str (b, ws, 0, 0, g_strstrip (title), b->title);
  write_str (b, ws, 1, 0, sub, b->subtitle);
  write_str (b, ws, 2, 0, "底色：红＝错误  黄＝警告  蓝＝提示；单元格批注写明问题", b->legend);
  row = table_header (b, ws, t, 4, laid);
  laid->first_row = row;
  table_cells (b, ws, t, row, laid);
  header_heights (b, ws, 4, row - 1);
  g_array_set_size (b->heads, 0);
  check (b, worksheet_set_row (ws, 0, 22, NULL));
  worksheet_freeze_panes (ws, (lxw_row_t) row,
                          (lxw_col_t) g_array_index (laid->part_col, guint, 0));
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);              /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  check (b, worksheet_repeat_rows (ws, 4, (lxw_row_t) (row - 1)));
  apply_widths (b, ws, MIN_WIDTH);
}

/* ---- 问题清单 ---- */

static const struct { const char *name; double width; } list_columns[] = {
  { "文件", 40 }, { "规则", 28 }, { "级别", 6 }, { "置信度", 8 }, { "表", 36 },
  { "行（科目编码/名称）", 40 }, { "列", 20 }, { "报告值", 16 }, { "应为", 16 },
  { "差额", 14 }, { "单位", 6 }, { "说明", 90 }, { "位置", 18 },
};

static char *
positions (const BlDiagnostic *d)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < d->locations->len; i++)
    {
      g_autofree char *p = bl_report__position (&g_array_index (d->locations, BlLocation, i));
      if (*p && !strstr (s->str, p))
        g_string_append_printf (s, "%s%s", s->len ? "；" : "", p);
    }
  return g_string_free (s, FALSE);
}

/* internal:'Sheet'!C7, the cell (or row label) a finding landed on. */
static char *
link_to (const Laid *laid, const BlReportPlace *at)
{
  guint col = at->col >= 0
                ? g_array_index (laid->part_col, guint, at->part) + (guint) at->col
                : g_array_index (laid->part_label, guint, at->part);
  char cell[32];
  GString *url = g_string_new ("internal:'");

  for (const char *p = laid->name; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (url, '\'');
      g_string_append_c (url, *p);
    }
  lxw_rowcol_to_cell (cell, laid->first_row + (guint) at->row, (lxw_col_t) col);
  g_string_append_printf (url, "'!%s", cell);
  return g_string_free (url, FALSE);
}

static void
list_finding (Book *b, lxw_worksheet *ws, guint row, const BlReportFiling *f,
              guint i, const Laid *laids)
{
  const BlDiagnostic *d = bl_diagnostics_get (f->diags, i);
  const BlLocation *l = d->locations->len ? &g_array_index (d->locations, BlLocation, 0) : NULL;
  const BlReportPlace *at = f->places ? &g_array_index (f->places, BlReportPlace, i) : NULL;
  g_autofree char *pos = positions (d);
  int fill = d->severity + 1;

  write_str (b, ws, row, 0, f->path, b->text);
  write_str (b, ws, row, 1, d->rule, b->text);
  write_str (b, ws, row, 2, level_name[d->severity], b->level[d->severity]);
  write_str (b, ws, row, 3, confidence_name[d->confidence], b->text);
  if (laids && at && at->table >= 0 && l && l->table && row < 65000)
    {
      g_autofree char *url = link_to (&laids[at->table], at);
      g_autofree char *table = clean_text (l->table, CELL_MAX);
      check (b, worksheet_write_url_opt (ws, row, 4, url, b->link, table,
                                         "转到表中的单元格"));
    }
  else
    write_str (b, ws, row, 4, l ? l->table : NULL, b->text);
  write_str (b, ws, row, 5, l ? l->row : NULL, b->text);
  write_str (b, ws, row, 6, l ? l->column : NULL, b->text);
  write_decimal (b, ws, row, 7, d->actual, FILL_NONE);
  write_decimal (b, ws, row, 8, d->expected, FILL_NONE);
  write_decimal (b, ws, row, 9, d->difference, d->difference ? fill : FILL_NONE);
  write_str (b, ws, row, 10, d->unit, b->text);
  write_str (b, ws, row, 11, d->message, b->wrap);
  write_str (b, ws, row, 12, pos, b->text);
  fit (b, 0, f->path, list_columns[0].width);
  fit (b, 1, d->rule, list_columns[1].width);
  fit (b, 4, l ? l->table : NULL, list_columns[4].width);
  fit (b, 5, l ? l->row : NULL, list_columns[5].width);
  fit (b, 6, l ? l->column : NULL, list_columns[6].width);
  fit (b, 12, pos, list_columns[12].width);
}

static void
list_failure (Book *b, lxw_worksheet *ws, guint row, const BlReportFiling *f)
{
  g_autofree char *line = f->error_line ? g_strdup_printf ("第%u行", f->error_line) : NULL;

  write_str (b, ws, row, 0, f->path, b->text);
  write_str (b, ws, row, 1, "无法读取", b->text);
  write_str (b, ws, row, 2, level_name[BL_SEVERITY_ERROR], b->level[BL_SEVERITY_ERROR]);
  for (guint c = 3; c < 11; c++)
    write_str (b, ws, row, c, NULL, b->text);
  write_str (b, ws, row, 11, f->error, b->wrap);
  write_str (b, ws, row, 12, line, b->text);
  fit (b, 0, f->path, list_columns[0].width);
}

static void
list_sheet (Book *b, const BlReport *report, Laid **laids)
{
  lxw_worksheet *ws = workbook_get_worksheet_by_name (b->wb, "问题清单");
  guint row = 1;

  for (guint c = 0; c < G_N_ELEMENTS (list_columns); c++)
    {
      write_str (b, ws, 0, c, list_columns[c].name, b->header);
      fit (b, c, list_columns[c].name, 80);
    }
  for (guint i = 0; i < report->filings->len; i++)
    {
      const BlReportFiling *f = g_ptr_array_index (report->filings, i);
      if (f->error)
        list_failure (b, ws, row++, f);
      for (guint k = 0; !f->error && k < bl_diagnostics_get_n (f->diags); k++)
        list_finding (b, ws, row++, f, k, laids[i]);
    }
  for (guint c = 7; c <= 9; c++)
    fit (b, c, "-00,000,000.00", 16);
  g_array_set_size (b->widths, MAX (b->widths->len, 12));
  g_array_index (b->widths, double, 11) = list_columns[11].width;
  apply_widths (b, ws, 6);
  check (b, worksheet_set_row (ws, 0, 20, NULL));
  worksheet_freeze_panes (ws, 1, 0);
  check (b, worksheet_autofilter (ws, 0, 0, (lxw_row_t) MAX (row - 1, 1),
                                  G_N_ELEMENTS (list_columns) - 1));
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  check (b, worksheet_repeat_rows (ws, 0, 0));
}

/* ---- 汇总 ---- */

static const char *const summary_columns[] = {
  "文件", "部门", "年度", "表数", "错误", "警告", "提示",
  "规则已运行", "规则不适用", "规则未能完整运行", "结果",
};
#define RESULT_COL 10

static void
count_cell (Book *b, lxw_worksheet *ws, guint row, guint col, guint n, int severity)
{
  check (b, worksheet_write_number (ws, row, (lxw_col_t) col, n,
                                    cell_format (b, 0, n ? severity + 1 : FILL_NONE)));
}

/* 通过 only where the checks ran: no rule ran, or one could not run
 * completely, is not a pass even without findings. */
static const char *
verdict (const BlReportFiling *f, gboolean failing)
{
  if (failing)
    return "未通过";
  if (f->outcomes[BL_RULE_RAN] == 0)
    return "未检查";
  return f->outcomes[BL_RULE_NOT_RUN] ? "未完整检查" : "通过";
}

static void
summary_filings (Book *b, lxw_worksheet *ws, const BlReport *report,
                 const BlReportOptions *options)
{
  guint row = 1, total[3] = { 0, 0, 0 };

  for (guint c = 0; c < G_N_ELEMENTS (summary_columns); c++)
    write_str (b, ws, 0, c, summary_columns[c], b->header);
  for (guint i = 0; i < report->filings->len; i++, row++)
    {
      const BlReportFiling *f = g_ptr_array_index (report->filings, i);
      guint n[3] = { 0, 0, 0 };
      gboolean failing = FALSE;

      write_str (b, ws, row, 0, f->path, b->text);
      fit (b, 0, f->path, 50);
      if (f->error)
        {
          for (guint c = 1; c < RESULT_COL; c++)
            write_str (b, ws, row, c, NULL, b->text);
          write_str (b, ws, row, RESULT_COL, "无法读取", b->level[BL_SEVERITY_ERROR]);
          continue;
        }
      for (int s = 0; s < 3; s++)
        {
          n[s] = bl_diagnostics_count (f->diags, (BlSeverity) s);
          total[s] += n[s];
          failing |= n[s] && s >= (int) options->fail_on;
        }
      write_str (b, ws, row, 1, f->department, b->text);
      fit (b, 1, f->department, 40);
      if (f->year)
        check (b, worksheet_write_number (ws, row, 2, f->year, b->text));
      else
        write_str (b, ws, row, 2, NULL, b->text);
      check (b, worksheet_write_number (ws, row, 3, f->tables->len, b->text));
      count_cell (b, ws, row, 4, n[BL_SEVERITY_ERROR], BL_SEVERITY_ERROR);
      count_cell (b, ws, row, 5, n[BL_SEVERITY_WARNING], BL_SEVERITY_WARNING);
      count_cell (b, ws, row, 6, n[BL_SEVERITY_NOTICE], BL_SEVERITY_NOTICE);
      for (guint o = 0; o < BL_RULE_N_OUTCOMES; o++)
        check (b, worksheet_write_number (ws, row, 7 + o, f->outcomes[o],
                                          o == BL_RULE_NOT_RUN && f->outcomes[o]
                                            ? b->level[BL_SEVERITY_WARNING] : b->text));
      write_str (b, ws, row, RESULT_COL, verdict (f, failing),
                 failing ? b->level[BL_SEVERITY_ERROR] : b->text);
    }
  write_str (b, ws, row, 0, "合计", b->header);
  for (guint c = 1; c < 4; c++)
    write_str (b, ws, row, c, NULL, b->header);
  for (int s = 2, c = 4; s >= 0; s--, c++)
    check (b, worksheet_write_number (ws, row, (lxw_col_t) c, total[s], b->header));
  for (guint o = 0; o < BL_RULE_N_OUTCOMES; o++)
    check (b, worksheet_write_number (ws, row, 7 + o, report->outcomes[o], b->header));
  write_str (b, ws, row, RESULT_COL, NULL, b->header);
}

/* Beside the per-filing block, so that each keeps its column widths. */
#define RULES_COL (RESULT_COL + 2)

static void
summary_rules (Book *b, lxw_worksheet *ws, const BlReport *report)
{
  static const char *const heads[] = { "文件", "规则", "标题", "错误", "警告", "提示" };
  const guint c0 = RULES_COL;
  guint row = 0;

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    write_str (b, ws, row, c0 + c, heads[c], b->header);
  row++;
  for (guint i = 0; i < report->filings->len; i++)
    {
      const BlReportFiling *f = g_ptr_array_index (report->filings, i);
      g_autoptr(GHashTable) seen = NULL;

      if (f->error)
        continue;
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; k < bl_diagnostics_get_n (f->diags); k++)
        {
          const BlDiagnostic *d = bl_diagnostics_get (f->diags, k);
          guint n[3] = { 0, 0, 0 };

          if (!g_hash_table_add (seen, d->rule))
            continue;
          for (guint j = k; j < bl_diagnostics_get_n (f->diags); j++)
            {
              const BlDiagnostic *e = bl_diagnostics_get (f->diags, j);
              if (strcmp (e->rule, d->rule) == 0)
                n[e->severity]++;
            }
          write_str (b, ws, row, c0, f->path, b->text);
          write_str (b, ws, row, c0 + 1, d->rule, b->text);
          write_str (b, ws, row, c0 + 2, d->title, b->text);
          fit (b, c0, f->path, 50);
          fit (b, c0 + 1, d->rule, 30);
          fit (b, c0 + 2, d->title, 60);
          count_cell (b, ws, row, c0 + 3, n[BL_SEVERITY_ERROR], BL_SEVERITY_ERROR);
          count_cell (b, ws, row, c0 + 4, n[BL_SEVERITY_WARNING], BL_SEVERITY_WARNING);
          count_cell (b, ws, row, c0 + 5, n[BL_SEVERITY_NOTICE], BL_SEVERITY_NOTICE);
          row++;
        }
    }
}

static void
summary_sheet (Book *b, const BlReport *report, const BlReportOptions *options)
{
  lxw_worksheet *ws = workbook_get_worksheet_by_name (b->wb, "汇总");
  summary_filings (b, ws, report, options);
  summary_rules (b, ws, report);
  fit (b, RULES_COL - 1, NULL, 3);
  apply_widths (b, ws, 6);
  check (b, worksheet_set_column (ws, RULES_COL - 1, RULES_COL - 1, 3, NULL));
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
}

/* ---- the workbook ---- */

static void
head_clear (gpointer p)
{
  g_free (((HeadCell *) p)->text);
}

static void
laid_free (Laid *laid, guint n)
{
  for (guint i = 0; laid && i < n; i++)
    {
      g_free (laid[i].name);
      g_array_free (laid[i].part_col, TRUE);
      g_array_free (laid[i].part_lead, TRUE);
      g_array_free (laid[i].part_label, TRUE);
    }
  g_free (laid);
}

/* Sheets for @f's kept tables: `01 收入支出决算总表`, and in a batch the
 * filing's number first (`3·01 收入支出决算总表`). */
static Laid *
add_table_sheets (Book *b, const BlReport *report, const BlReportFiling *f,
                  guint index)
{
  Laid *laid;

  if (f->error || f->tables->len == 0 || ((BlReportTable *) f->tables->data)->parts == NULL)
    return NULL;
  laid = g_new0 (Laid, f->tables->len);
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlReportTable *rt = &g_array_index (f->tables, BlReportTable, t);
      g_autofree char *num = rt->label ? g_strdup (rt->label) : g_strdup_printf ("表%u", t + 1);
      g_autofree char *base = NULL;
      char *digits = num;

      /* 公开01表 → 01 */
      while (*digits && !g_ascii_isdigit (*digits))
        digits++;
      if (*digits)
        digits[strspn (digits, "0123456789")] = '\0';
      else
        digits = num;
      base = report->filings->len > 1
               ? g_strdup_printf ("%u·%s %s", index + 1, digits, rt->title)
               : g_strdup_printf ("%s %s", digits, rt->title);
      laid[t].name = sheet_name (b, base);
      laid[t].part_col = g_array_new (FALSE, FALSE, sizeof (guint));
      laid[t].part_lead = g_array_new (FALSE, FALSE, sizeof (guint));
      laid[t].part_label = g_array_new (FALSE, FALSE, sizeof (guint));
      if (workbook_add_worksheet (b->wb, laid[t].name) == NULL)
        check (b, LXW_ERROR_SHEETNAME_ALREADY_USED);
    }
  return laid;
}

static gboolean
xlsx_write_file (const BlReport *report, const BlReportOptions *options,
                 const char *path, GError **error)
{
  Book b = { 0 };
  lxw_doc_properties props = { 0 };
  Laid **laids = g_new0 (Laid *, report->filings->len + 1);
  lxw_error closed;

  b.wb = workbook_new (path);
  if (b.wb == NULL)
    {
      g_free (laids);
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: cannot create the workbook", path);
      return FALSE;
    }
  b.formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.widths = g_array_new (FALSE, TRUE, sizeof (double));
  b.heads = g_array_new (FALSE, TRUE, sizeof (HeadCell));
  g_array_set_clear_func (b.heads, head_clear);
  make_formats (&b);
  props.title = (char *) "budgetlint 问题清单";
  props.comments = (char *) "budgetlint " BL_VERSION;
  check (&b, workbook_set_properties (b.wb, &props));

  /* Tab order: the list, the summary, then the tables filing by filing. */
  g_hash_table_add (b.names, g_utf8_casefold ("问题清单", -1));
  g_hash_table_add (b.names, g_utf8_casefold ("汇总", -1));
  workbook_add_worksheet (b.wb, "问题清单");
  workbook_add_worksheet (b.wb, "汇总");
  for (guint i = 0; i < report->filings->len; i++)
    laids[i] = add_table_sheets (&b, report, g_ptr_array_index (report->filings, i), i);

  for (guint i = 0; i < report->filings->len; i++)
    {
      const BlReportFiling *f = g_ptr_array_index (report->filings, i);
      for (guint t = 0; laids[i] && t < f->tables->len; t++)
        table_sheet (&b, f, &g_array_index (f->tables, BlReportTable, t), &laids[i][t]);
    }
  list_sheet (&b, report, laids);
  summary_sheet (&b, report, options);

  closed = workbook_close (b.wb);
  for (guint i = 0; i < report->filings->len; i++)
    {
      const BlReportFiling *f = g_ptr_array_index (report->filings, i);
      laid_free (laids[i], f->tables->len);
    }
  g_free (laids);
  g_hash_table_destroy (b.formats);
  g_hash_table_destroy (b.names);
  g_array_free (b.widths, TRUE);
  g_array_free (b.heads, TRUE);
  if (b.status == LXW_NO_ERROR)
    b.status = closed;
  if (b.status != LXW_NO_ERROR)
    {
      /* a workbook with blank cells where the failed ones were is no
       * report to leave behind (a device is not ours to remove) */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_unlink (path);
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: cannot write the workbook: %s",
                   path, lxw_strerror (b.status));
      return FALSE;
    }
  return TRUE;
}

const BlReportFormat bl_report_xlsx = { "xlsx", NULL, NULL, NULL, xlsx_write_file };
