/* Text filings: reports copied out of a PDF by any tool, Markdown exports
 * with tab-separated tables, TSV.
 *
 * Whatever tool made the text, three things are undone here, before
 * recognition sees a line:
 *
 *  - pages: a form feed starts a page; page numbers ("- 3 -", "第3页", a
 *    bare 3 that counts up with the pages) and running headers or footers
 *    (the same line at the edge of many pages) are furniture, dropped;
 *  - markup: Markdown headings, <b> tags and ** emphasis;
 *  - layout: text that keeps the page's columns with runs of spaces
 *    (pdftotext -layout, a viewer's copy) becomes positioned cells, and
 *    the lines a tall table row was printed on (its figures a line above
 *    its code, its label's tail below) one grid row, as the PDF reader
 *    does from coordinates.  Other text keeps one grid row per line; the
 *    table reader reads it as a stream of tokens (recognize-linear.c).
 *
 * A line with tabs splits at tabs (cells keep their column index). */

#include "input.h"
#include "../recognize.h"
#include "../source.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  char *text;             /* markup gone, no \r; "" for a blank line */
  guint line;             /* 1-based line of the file */
  guint page;             /* 1-based page, counted at form feeds */
  gboolean heading;       /* a Markdown heading */
  gboolean furniture;     /* a page number, header or footer */
} Line;

/* Drops <b>…</b>, <p>, <input …/> and similar tags, and ** emphasis. */
static char *
strip_markup (const char *line)
{
  GString *s = g_string_new (NULL);
  for (const char *p = line; *p;)
    {
      const char *end;
      if (*p == '<' && (end = strchr (p, '>')) != NULL && end - p < 80
          && (g_ascii_isalpha (p[1]) || p[1] == '/'))
        {
          p = end + 1;
          continue;
        }
      if (p[0] == '*' && p[1] == '*')
        {
          p += 2;
          continue;
        }
      g_string_append_c (s, *p++);
    }
  return g_string_free (s, FALSE);
}

/* "## 一、收入支出决算总表" → "一、收入支出决算总表". */
static const char *
skip_heading_marks (const char *s)
{
  const char *p = s;
  while (*p == '#')
    p++;
  return p != s && *p == ' ' ? p + 1 : s;
}

static gboolean
is_blank (const char *s)
{
  return s[strspn (s, " \t")] == '\0';
}

static void
add_line (GArray *lines, const char *piece, guint line, guint page)
{
  g_autofree char *clean = strip_markup (piece);
  const char *text = skip_heading_marks (clean);
  Line l = { g_strdup (text), line, page, text != clean, FALSE };
  g_array_append_val (lines, l);
}

/* Lines and pages.  A form feed may stand anywhere in a line (pdftotext
 * puts it before the first line of the next page): what follows it is on
 * the next page, on the same line of the file. */
static GArray *
split_lines (char *utf8)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_auto(GStrv) raw = g_strsplit (utf8, "\n", -1);
  guint page = 1;

  for (guint i = 0; raw[i]; i++)
    {
      gsize n = strlen (raw[i]);
      char *p = raw[i], *ff;
      if (n && raw[i][n - 1] == '\r')
        raw[i][n - 1] = '\0';
      while ((ff = strchr (p, '\f')) != NULL)
        {
          *ff = '\0';
          if (*p)
            add_line (lines, p, i + 1, page);
          page++;
          p = ff + 1;
        }
      add_line (lines, p, i + 1, page);
    }
  return lines;
}

static void
lines_free (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    g_free (g_array_index (lines, Line, i).text);
  g_array_free (lines, TRUE);
}

/* ---- page furniture ---- */

static gboolean
is_bare_number (const char *text, int *n)
{
  const char *p = text + strspn (text, " ");
  gsize digits = strspn (p, "0123456789");
  if (digits == 0 || digits > 3 || !is_blank (p + digits))
    return FALSE;
  *n = atoi (p);
  return TRUE;
}

/* The first and last non-blank lines of each page (indexes into @lines,
 * -1 where a page has none). */
static void
page_edges (GArray *lines, guint n_pages, int *first, int *last)
{
  for (guint p = 0; p <= n_pages; p++)
    first[p] = last[p] = -1;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      if (is_blank (l->text))
        continue;
      if (first[l->page] < 0)
        first[l->page] = (int) i;
      last[l->page] = (int) i;
    }
}

/* The text of an edge line with its digits masked: "2024年度部门决算 3"
 * and "… 4" are the same running header. */
static char *
edge_key (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      {
        if (s->len == 0 || s->str[s->len - 1] != '#')
          g_string_append_c (s, '#');
      }
    else if (*p != ' ')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* A bare number at a page's edge is its page number when it counts up
 * with the pages: n − page is the same on at least three pages.  A table
 * cell that happens to open a page ("210") does not count up. */
static int
page_number_offset (GArray *lines, guint n_pages, const int *edge)
{
  g_autoptr(GHashTable) votes = g_hash_table_new (g_direct_hash, g_direct_equal);
  int best = G_MININT, best_votes = 0, n;

  for (guint p = 1; p <= n_pages; p++)
    if (edge[p] >= 0 && is_bare_number (g_array_index (lines, Line, edge[p]).text, &n))
      {
        gpointer key = GINT_TO_POINTER (n - (int) p);
        int v = GPOINTER_TO_INT (g_hash_table_lookup (votes, key)) + 1;
        g_hash_table_insert (votes, key, GINT_TO_POINTER (v));
        if (v > best_votes)
          best = n - (int) p, best_votes = v;
      }
  return best_votes >= 3 ? best : G_MININT;
}

static void
mark_numbers (GArray *lines, guint n_pages, const int *edge)
{
  int offset = page_number_offset (lines, n_pages, edge), n;
  for (guint p = 1; p <= n_pages && offset != G_MININT; p++)
    {
      Line *l = edge[p] >= 0 ? &g_array_index (lines, Line, edge[p]) : NULL;
      if (l && is_bare_number (l->text, &n) && n - (int) p == offset)
        l->furniture = TRUE;
    }
}

/* A running header or footer: the same text at the same edge of at least
 * three pages and a third of them. */
static void
mark_running (GArray *lines, guint n_pages, const int *edge)
{
  g_autoptr(GHashTable) count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint p = 1; p <= n_pages; p++)
    if (edge[p] >= 0)
      {
        char *k = edge_key (g_array_index (lines, Line, edge[p]).text);
        guint c = GPOINTER_TO_UINT (g_hash_table_lookup (count, k));
        g_hash_table_replace (count, k, GUINT_TO_POINTER (c + 1));
      }
  for (guint p = 1; p <= n_pages; p++)
    if (edge[p] >= 0)
      {
        Line *l = &g_array_index (lines, Line, edge[p]);
        g_autofree char *k = edge_key (l->text);
        guint c = GPOINTER_TO_UINT (g_hash_table_lookup (count, k));
        if (c >= 3 && c * 3 >= n_pages && *k)
          l->furniture = TRUE;
      }
}

static void
mark_furniture (GArray *lines)
{
  guint n_pages = lines->len ? g_array_index (lines, Line, lines->len - 1).page : 0;
  g_autofree int *first = g_new (int, n_pages + 1);
  g_autofree int *last = g_new (int, n_pages + 1);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);
      if (bl_grid_is_page_mark (l->text))
        l->furniture = TRUE;
    }
  if (n_pages < 3)
    return;
  page_edges (lines, n_pages, first, last);
  mark_numbers (lines, n_pages, first);
  mark_numbers (lines, n_pages, last);
  page_edges (lines, n_pages, first, last);   /* the edges under the numbers */
  for (guint p = 1; p <= n_pages; p++)
    {
      if (first[p] >= 0 && g_array_index (lines, Line, first[p]).furniture)
        first[p] = -1;
      if (last[p] >= 0 && g_array_index (lines, Line, last[p]).furniture)
        last[p] = -1;
    }
  mark_running (lines, n_pages, first);
  mark_running (lines, n_pages, last);
}

/* ---- cells ---- */

static void
add_tab_cells (BlGrid *grid, BlGridRow *row, const char *line)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", -1);
  for (guint i = 0; cells[i]; i++)
    bl_grid_row_add_cell (grid, row, g_strstrip (cells[i]), i, i + 1);
}

static guint
char_width (const char *p, gboolean wide)
{
  return wide && g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
}

/* Cells at runs of two or more spaces (or a full-width space); a single
 * space stays inside a cell.  x is the column on the line: counted in
 * characters, or in display width (a CJK character two) when @wide. */
static void
add_space_cells (BlGrid *grid, BlGridRow *row, const char *line, gboolean wide,
                 guint line_no)
{
  const char *p = line;
  guint col = 0;

  while (*p)
    {
      const char *start;
      guint start_col;
      while (*p == ' ' || strncmp (p, "\xe3\x80\x80", 3) == 0)
        {
          col += *p == ' ' ? 1 : 2;
          p += *p == ' ' ? 1 : 3;
        }
      if (*p == '\0')
        break;
      start = p;
      start_col = col;
      while (*p && !(p[0] == ' ' && (p[1] == ' ' || p[1] == '\0'))
             && strncmp (p, "\xe3\x80\x80", 3) != 0)
        {
          col += char_width (p, wide);
          p = g_utf8_next_char (p);
        }
      {
        g_autofree char *cell = g_strndup (start, (gsize) (p - start));
        BlGridCell *c = bl_grid_row_add_cell (grid, row, g_strstrip (cell), start_col, col);
        c->pos.line = line_no;
        c->pos.col = start_col + 1;
      }
    }
}

/* ---- layout ----
 *
 * Text keeps the page's layout when its figures stand in columns: the
 * right edges of amounts recur on many lines.  Tools count a column as a
 * character (pdftotext) or as display width (a CJK character two, as a
 * terminal shows it); the count that lines the figures up better is
 * the one the text was made with. */

static gboolean
is_amount_word (const char *s, gsize n)
{
  gboolean digit = FALSE, point = FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isdigit (s[i]))
        digit = TRUE;
      else if (s[i] == '.' || s[i] == ',')
        point = TRUE;
      else if (!(i == 0 && s[i] == '-'))
        return FALSE;
    }
  return digit && point;
}

static gboolean
is_code_word (const char *s, gsize n)
{
  gsize digits = 0;
  while (digits < n && g_ascii_isdigit (s[digits]))
    digits++;
  return digits == n && n >= 3 && n <= 9 && (s[0] == '1' || s[0] == '2' || s[0] == '3');
}

/* A word of a line between single spaces: its text, the columns it
 * starts and ends at (in characters, or display width when @wide) and the
 * spaces before it. */
typedef struct {
  const char *text;
  gsize len;
  guint start, end, gap;
} Word;

static gboolean
next_word (const char **p, gboolean wide, guint *col, Word *w)
{
  w->gap = 0;
  for (; **p == ' '; (*p)++)
    (*col)++, w->gap++;
  if (**p == '\0')
    return FALSE;
  w->text = *p;
  w->start = *col;
  for (; **p && **p != ' '; *p = g_utf8_next_char (*p))
    *col += char_width (*p, wide);
  w->len = (gsize) (*p - w->text);
  w->end = *col;
  return TRUE;
}

/* Right edges of the amounts on @text, in characters or display width. */
static void
amount_edges (const char *text, gboolean wide, GArray *out)
{
  guint col = 0;
  Word w;
  while (next_word (&text, wide, &col, &w))
    if (is_amount_word (w.text, w.len))
      g_array_append_val (out, w.end);
}

/* Whether most lines with amounts separate their cells with wide gaps. */
static gboolean
gaps_are_wide (GArray *lines)
{
  guint with_amounts = 0, wide = 0;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < lines->len; i++)
    {
      const char *t = g_array_index (lines, Line, i).text;
      const char *body = t + strspn (t, " ");
      g_array_set_size (edges, 0);
      amount_edges (t, FALSE, edges);
      if (edges->len == 0)
        continue;
      with_amounts++;
      wide += strstr (body, "   ") != NULL;
    }
  return with_amounts > 0 && wide * 2 >= with_amounts;
}

/* Left edges of the words after a code and a wide gap ("2050205    高等
 * 教育"), in characters or display width: where a table has no figures
 * (a blank template, a table the unit has nothing to report in), its
 * labels standing in one column are what shows the layout. */
static void
label_edges (const char *text, gboolean wide, GArray *out)
{
  guint col = 0;
  gboolean after_code = FALSE;
  Word w;
  while (next_word (&text, wide, &col, &w))
    {
      if (after_code && w.gap >= 2)
        g_array_append_val (out, w.start);
      after_code = is_code_word (w.text, w.len);
    }
}

/* Share of @edges_of's edges that at least two other lines share. */
static double
alignment (GArray *lines, void (*edges_of) (const char *, gboolean, GArray *),
           gboolean wide, guint *n_edges)
{
  g_autoptr(GHashTable) count = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  guint aligned = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      g_array_set_size (edges, 0);
      edges_of (g_array_index (lines, Line, i).text, wide, edges);
      for (guint k = 0; k < edges->len; k++)
        {
          guint e = g_array_index (edges, guint, k);
          gpointer key = GUINT_TO_POINTER (e + 1);
          g_hash_table_insert (count, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, key)) + 1));
          g_array_append_val (all, e);
        }
    }
  for (guint k = 0; k < all->len; k++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (count, GUINT_TO_POINTER (g_array_index (all, guint, k) + 1))) >= 3)
      aligned++;
  *n_edges = all->len;
  return all->len ? (double) aligned / all->len : 0;
}

/* 0: no layout; 1: layout counted in characters; 2: in display width.
 * Figures tell when there are enough of them; else labels after codes. */
static int
layout_measure (GArray *lines)
{
  guint n_chars, n_wide;
  double by_chars = alignment (lines, amount_edges, FALSE, &n_chars);
  double by_width = alignment (lines, amount_edges, TRUE, &n_wide);

  if (n_chars < 10)
    {
      by_chars = alignment (lines, label_edges, FALSE, &n_chars);
      by_width = alignment (lines, label_edges, TRUE, &n_wide);
      if (n_chars < 10 || MAX (by_chars, by_width) < 0.5)
        return 0;
      return by_width > by_chars ? 2 : 1;
    }
  if (!gaps_are_wide (lines) || MAX (by_chars, by_width) < 0.5)
    return 0;
  return by_width > by_chars ? 2 : 1;
}

/* What a laid-out line holds, for joining the lines of one table row. */
typedef enum { L_KEY, L_VALUES, L_WORDS, L_PROSE } LineKind;

static gboolean
is_code_cell (const char *s)
{
  return is_code_word (s, strlen (s));
}

static gboolean
cell_is_amount (const char *s)
{
  return is_amount_word (s, strlen (s)) || bl_decimal_text_is_blank (s);
}

/* A table's title or the unit line under it stands alone. */
static gboolean
is_title_or_meta (const BlGridRow *row)
{
  static GRegex *meta;
  g_autofree char *text = bl_grid_row_text (row);
  if (g_utf8_strlen (text, -1) <= 48 && bl_kind_spec_match_title (text))
    return TRUE;
  return g_regex_match (bl_regex_once (&meta, "单位\\s*[:：]|^公开\\s*[0-9]+\\s*表$"), text, 0, NULL);
}

/* 合计, 总计, 人员经费合计, 一、…: a label that opens a table row. */
static gboolean
is_row_label_cell (const char *s)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^(合\\s*计|总\\s*计|\\S{2,8}合计|[一二三四五六七八九十]+、\\S+)$"),
                        s, 0, NULL);
}

static LineKind
line_kind (const BlGridRow *row)
{
  guint amounts = 0, words = 0;
  const char *first = row->cells->len ? g_array_index (row->cells, BlGridCell, 0).text : "";

  if ((row->cells->len == 1 && g_utf8_strlen (first, -1) >= 20
       && (strstr (first, "。") || strstr (first, "，")))
      || is_title_or_meta (row))
    return L_PROSE;
  for (guint k = 0; k < row->cells->len; k++)
    {
      const char *t = g_array_index (row->cells, BlGridCell, k).text;
      if (cell_is_amount (t))
        amounts++;
      else
        words++;
    }
  if (is_code_cell (first) || is_row_label_cell (first) || (amounts && words))
    return L_KEY;
  return amounts ? L_VALUES : L_WORDS;
}

/* "99": the 款 or 项 digits of a code printed a line below its 类. */
static gboolean
is_code_part (const BlGridRow *row)
{
  const char *t = row->cells->len == 1 ? g_array_index (row->cells, BlGridCell, 0).text : "";
  return strlen (t) == 2 && g_ascii_isdigit (t[0]) && g_ascii_isdigit (t[1]);
}

static gboolean
has_code (const BlGridRow *row)
{
  for (guint k = 0; k < row->cells->len; k++)
    if (is_code_cell (g_array_index (row->cells, BlGridCell, k).text))
      return TRUE;
  return FALSE;
}

/* A line that holds a code and nothing else ("31003"). */
static gboolean
is_code_only (const BlGridRow *row)
{
  for (guint k = 0; k < row->cells->len; k++)
    {
      const char *t = g_array_index (row->cells, BlGridCell, k).text;
      if (!is_code_cell (t) && !(strlen (t) == 2 && g_ascii_isdigit (t[0]) && g_ascii_isdigit (t[1])))
        return FALSE;
    }
  return row->cells->len > 0;
}

/* Cells of two rows overlap on the line: they cannot be one row. */
static gboolean
collide (const BlGridRow *a, const BlGridRow *b)
{
  for (guint i = 0; i < a->cells->len; i++)
    {
      const BlGridCell *x = &g_array_index (a->cells, BlGridCell, i);
      for (guint k = 0; k < b->cells->len; k++)
        {
          const BlGridCell *y = &g_array_index (b->cells, BlGridCell, k);
          if (MIN (x->x1, y->x1) > MAX (x->x0, y->x0))
            return TRUE;
        }
    }
  return FALSE;
}

static int
compare_cells_x (gconstpointer a, gconstpointer b)
{
  const BlGridCell *x = a, *y = b;
  return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Moves the cells of @from into @into (kept left to right); the row keeps
 * the line of its key, its extent grows over both. */
static void
absorb (BlGridRow *into, BlGridRow *from, gboolean from_is_key)
{
  g_array_append_vals (into->cells, from->cells->data, from->cells->len);
  g_array_sort (into->cells, compare_cells_x);
  into->y0 = MIN (into->y0, from->y0);
  into->y1 = MAX (into->y1, from->y1);
  if (from_is_key)
    {
      into->line = from->line;
      into->raw = from->raw;
    }
  g_array_set_size (from->cells, 0);
}

/* Joins the lines of one table row.  Lines are adjacent when no blank line
 * or page break stands between them.  A line of figures alone goes with the key line
 * right below it (producers set figures higher than the code beside
 * them) unless that collides, else with the row above; a line of words
 * in several cells continues the row above (the labels of side-by-side
 * blocks under their codes, a header printed in two lines), while a
 * single label line stays a row: whether it ends the label above or
 * starts the one below is the table reader's to tell.  A line goes nowhere it would put two texts in
 * one column: a wrapped label's next line collides with its first and
 * stays a row of its own, which the table reader joins up as it does for
 * PDFs. */
static void
join_layout_rows (BlGrid *grid)
{
  GPtrArray *rows = grid->rows;
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      BlGridRow *row = g_ptr_array_index (rows, i);
      BlGridRow *prev = kept->len ? g_ptr_array_index (kept, kept->len - 1) : NULL;
      BlGridRow *next = i + 1 < rows->len ? g_ptr_array_index (rows, i + 1) : NULL;
      LineKind kind = line_kind (row);
      /* a page break parts two lines however close they stand */
      gboolean prev_adjacent = prev && row->y0 - prev->y1 <= 1.0 && prev->block == row->block;
      gboolean next_adjacent = next && next->y0 - row->y1 <= 1.0 && next->block == row->block;

      if (kind == L_VALUES && next_adjacent && line_kind (next) == L_KEY
          && !collide (row, next))
        {
          absorb (next, row, FALSE);
          next->y0 = row->y0;
          continue;
        }
      /* a label line of one cell may be the head of the next row's label
       * as well as the tail of this one's: the table reader decides */
      if (kind != L_KEY && kind != L_PROSE && prev_adjacent && line_kind (prev) != L_PROSE
          && !(kind == L_WORDS && row->cells->len == 1 && !is_code_part (row))
          && !collide (prev, row))
        {
          absorb (prev, row, FALSE);
          continue;
        }
      if (kind == L_KEY && prev_adjacent && prev->cells->len && line_kind (prev) == L_VALUES
          && !collide (prev, row))
        {
          absorb (prev, row, TRUE);
          continue;
        }
      /* a code printed a line above its label and figures */
      if (kind == L_KEY && !has_code (row) && prev_adjacent && is_code_only (prev)
          && !collide (prev, row))
        {
          absorb (prev, row, FALSE);
          continue;
        }
      g_ptr_array_add (kept, row);
    }
  /* rows absorbed into others are empty: free them */
  for (guint i = 0; i < rows->len; i++)
    {
      BlGridRow *row = g_ptr_array_index (rows, i);
      if (!g_ptr_array_find (kept, row, NULL))
        {
          g_array_free (row->cells, TRUE);
          g_free (row);
        }
    }
  g_ptr_array_free (grid->rows, TRUE);
  grid->rows = kept;
}

/* ---- the grid ---- */

static BlGrid *
text_grid (GArray *lines, const char *path, const char *format, gboolean tabbed,
           int measure)
{
  BlGrid *grid = bl_grid_new (path, format);

  grid->layout = measure != 0;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      BlGridRow *row;
      if (is_blank (l->text) || l->furniture)
        continue;
      row = bl_grid_add_row (grid, l->line, 0);
      row->raw = bl_grid_intern (grid, l->text);
      row->heading = l->heading;
      row->y0 = row->y1 = (double) i;
      row->block = l->page;
      if (tabbed)
        add_tab_cells (grid, row, l->text);
      else
        add_space_cells (grid, row, l->text, measure == 2, l->line);
    }
  if (grid->layout)
    join_layout_rows (grid);
  return grid;
}

static gboolean
looks_like_markdown (const char *s)
{
  return strstr (s, "\n#") || strstr (s, "<b>") || strstr (s, "\n|") || s[0] == '#';
}

static BlFiling *
text_read (const char *data, gsize len, const char *path, GError **error)
{
  const char *encoding;
  g_autofree char *utf8 = bl_source_to_utf8 (data, len, path, &encoding, error);
  g_autoptr(BlGrid) grid = NULL;
  GArray *lines;
  gboolean tabbed;

  if (utf8 == NULL)
    return NULL;
  tabbed = strchr (utf8, '\t') != NULL;
  lines = split_lines (utf8);
  mark_furniture (lines);
  grid = text_grid (lines, path, looks_like_markdown (utf8) ? "markdown" : "text", tabbed,
                    tabbed ? 0 : layout_measure (lines));
  lines_free (lines);
  return bl_recognize (grid, error);
}

static gboolean
text_probe (const char *data, gsize len)
{
  return bl_source_is_chinese_text (data, len);
}

const BlInputFormat bl_input_text = { "text", text_probe, text_read };
