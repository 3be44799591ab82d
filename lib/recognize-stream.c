/* Recognition of tables in text extracted without layout.
 *
 * Such text has no columns to line up: each table cell is written followed
 * by one space (so a blank cell is an empty token between two spaces), a
 * cell that wrapped in the PDF comes out over several lines, bold cells are
 * doubled ("合计合计", "301301"), and a number may be glued to the next cell
 * ("16156005.96一、一般公共服务支出", "2315122.76302302").  The table is
 * therefore read as a token stream against the shape its template gives:
 *
 *   code–label–values   收入决算表 …: a code (or a text such as 合计) opens
 *                       a row, text continues its label, then N values;
 *   label–行次–values   收入支出决算总表 …: per part, a label, its 行次,
 *                       then the part's values; parts alternate.
 */

#include "recognize.h"

#include <stdlib.h>
#include <string.h>

typedef enum { T_EMPTY, T_DASH, T_AMOUNT, T_INT, T_TEXT } TokKind;

typedef struct {
  TokKind kind;
  const char *text;       /* interned in the filing */
  BlPos pos;
} Tok;

typedef struct {
  GString *label;
  const char *code;
  int line_no;
  gboolean have_line;
  GArray *values;         /* Tok */
  BlPos pos;
} PendingRow;

/* "合计合计" → "合计", "301301" → "301"; anything else as it is. */
static char *
undouble (const char *s)
{
  gsize n = strlen (s), half = n / 2;
  if (n >= 4 && n % 2 == 0 && memcmp (s, s + half, half) == 0
      && g_utf8_validate (s, (gssize) half, NULL))
    return g_strndup (s, half);
  return g_strdup (s);
}

static TokKind
kind_of (const char *s)
{
  static GRegex *amount, *integer;
  if (*s == '\0')
    return T_EMPTY;
  if (bl_decimal_text_is_blank (s))
    return T_DASH;
  if (g_regex_match (bl_regex_once (&integer, "^[0-9]+$"), s, 0, NULL))
    return T_INT;
  if (g_regex_match (bl_regex_once (&amount, "^[-－(（]?[0-9][0-9,]*\\.[0-9]+[)）]?%?$"), s, 0, NULL))
    return T_AMOUNT;
  return T_TEXT;
}

static void
push (BlFiling *f, GArray *out, const char *text, guint line, guint col)
{
  g_autofree char *u = undouble (text);
  Tok t = { kind_of (u), NULL, { line, col, 0, NULL } };
  t.text = bl_filing__intern (f, u);
  g_array_append_val (out, t);
}

/* One piece between spaces, split where a number is glued to the next
 * cell: an amount's two decimals end it. */
static void
push_piece (BlFiling *f, GArray *out, const char *piece, guint line, guint col)
{
  static GRegex *glued_after, *glued_before;
  g_autoptr(GMatchInfo) m = NULL;

  if (g_regex_match (bl_regex_once (&glued_after, "^([-－]?[0-9][0-9,]*\\.[0-9]{2})([^0-9.,%].*|[0-9]{3,})$"),
                     piece, 0, &m))
    {
      g_autofree char *a = g_match_info_fetch (m, 1), *b = g_match_info_fetch (m, 2);
      push (f, out, a, line, col);
      push_piece (f, out, b, line, col + (guint) g_utf8_strlen (a, -1));
      return;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (bl_regex_once (&glued_before, "^([^0-9]*[^0-9.,\\s-])([-]?[0-9][0-9,]*\\.[0-9]{2})$"),
                     piece, 0, &m))
    {
      g_autofree char *a = g_match_info_fetch (m, 1), *b = g_match_info_fetch (m, 2);
      push (f, out, a, line, col);
      push (f, out, b, line, col + (guint) g_utf8_strlen (a, -1));
      return;
    }
  push (f, out, piece, line, col);
}

/* Splits a raw line at single spaces; the space after the last cell ends
 * it and is not a blank cell. */
static GArray *
tokenize (BlFiling *f, const BlGridRow *row)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Tok));
  g_auto(GStrv) pieces = g_strsplit (row->raw ? row->raw : "", " ", -1);
  guint n = g_strv_length (pieces), col = 1;

  if (n > 0 && *pieces[n - 1] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      push_piece (f, out, pieces[i], row->line, col);
      col += (guint) g_utf8_strlen (pieces[i], -1) + 1;
    }
  return out;
}

/* ---- building ---- */

typedef struct {
  BlFiling *filing;
  BlTable *table;
  const BlKindSpec *spec;
  GPtrArray *parts;        /* BlPart* */
  PendingRow *pending;     /* one per part */
} Stream;

static void
pending_reset (PendingRow *r)
{
  if (r->label)
    g_string_truncate (r->label, 0);
  else
    r->label = g_string_new (NULL);
  if (r->values)
    g_array_set_size (r->values, 0);
  else
    r->values = g_array_new (FALSE, TRUE, sizeof (Tok));
  r->code = NULL;
  r->line_no = 0;
  r->have_line = FALSE;
  r->pos = (BlPos) { 0 };
}

static void
set_cell (BlTable *t, BlCell *cell, const Tok *tok)
{
  cell->text = tok->text;
  cell->pos = tok->pos;
  if (tok->kind == T_EMPTY || tok->kind == T_DASH)
    return;
  if (bl_decimal_parse (tok->text, &cell->value, NULL))
    {
      if (cell->value.unit == BL_UNIT_NONE)
        cell->value.unit = (guint8) t->unit;
      cell->kind = BL_CELL_NUMBER;
      return;
    }
  cell->kind = BL_CELL_TEXT;
  bl_filing__note (t->filing, "READ.cell", BL_SEVERITY_WARNING, &tok->pos, t->title,
                   "%s：单元格“%s”不是金额", t->title, tok->text);
}

/* Emits the pending row of part @p (padding missing values as blanks). */
static void
emit (Stream *s, guint p)
{
  PendingRow *r = &s->pending[p];
  BlPart *part = g_ptr_array_index (s->parts, p);
  BlRow *row;

  if (r->label->len == 0 && r->code == NULL && !r->have_line && r->values->len == 0)
    return;
  row = bl_part__add_row (part);
  row->pos = r->pos;
  row->line_no = r->line_no;
  if (r->code)
    bl_row__set_code (row, r->code);
  if (r->label->len)
    bl_row__set_label (row, r->label->str);
  for (guint i = 0; i < MIN (r->values->len, part->columns->len); i++)
    set_cell (s->table, &row->cells[i], &g_array_index (r->values, Tok, i));
  if (r->values->len > part->columns->len)
    bl_filing__note (s->filing, "READ.cell", BL_SEVERITY_WARNING, &r->pos, s->table->title,
                     "%s：“%s”一行有 %u 个数值，表只有 %u 列，多出的未读取",
                     s->table->title, r->label->len ? r->label->str : (r->code ? r->code : ""),
                     r->values->len, part->columns->len);
  pending_reset (r);
}

static void
note_pos (PendingRow *r, const Tok *t)
{
  if (r->pos.line == 0)
    r->pos = t->pos;
}

/* A 科目编码: 3, 5 or 7 digits under a functional (2xx) or economic (3xx)
 * class — in a table with codes no figure is written as such an integer
 * (amounts have decimals), so it opens a row even before the values of the
 * row above, whose missing cells were printed blank. */
static gboolean
is_code (const Tok *t)
{
  gsize n = strlen (t->text);
  return t->kind == T_INT && (n == 3 || n == 5 || n == 7)
         && (t->text[0] == '2' || t->text[0] == '3');
}

/* code–label–values: see the file comment. */
static void
code_label_line (Stream *s, GArray *toks)
{
  PendingRow *r = &s->pending[0];
  guint n = ((BlPart *) g_ptr_array_index (s->parts, 0))->columns->len;

  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);
      gboolean has_row = r->code || r->label->len || r->values->len;
      if (t->kind == T_EMPTY && !has_row)
        continue;       /* blanks before a row's code or label: padding */
      if ((t->kind == T_TEXT || (t->kind == T_INT && strlen (t->text) >= 3))
          && r->values->len > 0)
        emit (s, 0);
      else if (is_code (t) && r->code && r->label->len)
        emit (s, 0);
      note_pos (r, t);
      if (t->kind == T_INT && !r->code && r->values->len == 0 && r->label->len == 0
          && strlen (t->text) >= 3)
        r->code = t->text;
      else if (t->kind == T_TEXT && r->values->len == 0)
        g_string_append (r->label, t->text);
      else
        g_array_append_val (r->values, *t);
      if (r->values->len == n)
        emit (s, 0);
    }
  if (r->values->len > 0)
    emit (s, 0);
}

static gboolean
is_line_number (const Tok *t)
{
  static GRegex *re;
  return (t->kind == T_INT || t->kind == T_AMOUNT)
         && g_regex_match (bl_regex_once (&re, "^[0-9]{1,3}(\\.0+)?$"), t->text, 0, NULL);
}

/* label–行次–values, parts alternating: see the file comment.  The parts
 * read are @first … @first + @n − 1; *p is the one being filled. */
static void
label_line_values (Stream *s, GArray *toks, guint first, guint n, guint *p)
{
  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);
      PendingRow *r = &s->pending[*p];
      guint k = ((BlPart *) g_ptr_array_index (s->parts, *p))->columns->len;
      gboolean done = FALSE;
      if (t->kind == T_TEXT)
        {
          if (r->have_line)
            {
              emit (s, *p);
              *p = first + (*p - first + 1) % n;
              r = &s->pending[*p];
            }
          note_pos (r, t);
          g_string_append (r->label, t->text);
          continue;
        }
      if (!r->have_line)
        {
          if (!is_line_number (t))
            continue;
          note_pos (r, t);
          r->line_no = atoi (t->text);
          r->have_line = TRUE;
          done = k == 0;
        }
      else
        {
          g_array_append_val (r->values, *t);
          done = r->values->len == k;
        }
      if (done)
        {
          emit (s, *p);
          *p = first + (*p - first + 1) % n;
        }
    }
}

/* ---- the region ---- */

static gboolean
is_lanci_line (GArray *toks)
{
  guint ints = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);
      if (t->kind == T_TEXT && strstr (t->text, "栏次"))
        return TRUE;
      if (t->kind == T_INT)
        ints++;
      else if (t->kind != T_EMPTY)
        return FALSE;
    }
  return ints >= 3;
}

/* Value columns of a one-part table: 栏次 1 … N where the 栏次 line says
 * so, else the template's. */
static guint
count_lanci (GArray *toks)
{
  guint n = 0;
  for (guint i = 0; i < toks->len; i++)
    if (g_array_index (toks, Tok, i).kind == T_INT)
      n++;
  return n;
}

static void
add_columns (Stream *s, guint n_single)
{
  const BlKindSpec *spec = s->spec;
  if (spec->parts->len)
    {
      for (guint p = 0; p < spec->parts->len; p++)
        {
          const BlPartSpec *ps = g_ptr_array_index (spec->parts, p);
          BlPart *part = bl_table__add_part (s->table, ps->name);
          for (guint c = 0; c < ps->columns->len; c++)
            {
              const BlColumnSpec *cs = g_ptr_array_index (ps->columns, c);
              bl_part__add_column (part, cs->name, cs->group, 0);
            }
          g_ptr_array_add (s->parts, part);
        }
      return;
    }
  {
    BlPart *part = bl_table__add_part (s->table, NULL);
    gboolean use_spec = n_single == 0 || n_single == spec->columns->len;
    guint n = n_single ? n_single : spec->columns->len;
    for (guint c = 0; c < n; c++)
      {
        const BlColumnSpec *cs = use_spec ? g_ptr_array_index (spec->columns, c) : NULL;
        g_autofree char *name = cs ? NULL : g_strdup_printf ("第%u栏", c + 1);
        bl_part__add_column (part, cs ? cs->name : name, cs ? cs->group : NULL,
                             n_single ? (int) c + 1 : 0);
      }
    g_ptr_array_add (s->parts, part);
  }
}

static gboolean
has_line_key (const BlKindSpec *spec)
{
  return spec->keys && g_strv_contains ((const char *const *) spec->keys, "line");
}

/* A section heading of a 统计表 ("一、政府采购情况") opens a part; its
 * header line ("项目 行次 采购金额") names the part's amount column. */
static gboolean
section_line (Stream *s, const BlGridRow *row, GArray *toks, guint *p)
{
  g_autofree char *text = NULL;
  GString *joined = g_string_new (NULL);
  BlPart *part;
  const Tok *last;

  for (guint i = 0; i < toks->len; i++)
    g_string_append (joined, g_array_index (toks, Tok, i).text);
  text = g_string_free (joined, FALSE);
  if (toks->len && bl_kind_spec_match_section (s->spec, text))
    {
      for (guint k = 0; k < s->parts->len; k++)
        emit (s, k);
      {
        g_autofree char *name = undouble (text);
        part = bl_table__add_part (s->table, name);
      }
      g_ptr_array_add (s->parts, part);
      s->pending = g_renew (PendingRow, s->pending, s->parts->len);
      memset (&s->pending[s->parts->len - 1], 0, sizeof (PendingRow));
      pending_reset (&s->pending[s->parts->len - 1]);
      *p = s->parts->len - 1;
      return TRUE;
    }
  part = s->parts->len ? g_ptr_array_index (s->parts, *p) : NULL;
  last = toks->len ? &g_array_index (toks, Tok, toks->len - 1) : NULL;
  if (part && part->columns->len == 0 && last && last->kind == T_TEXT
      && (strstr (text, "项目") || strstr (text, "行次")))
    {
      g_autofree char *key = bl_label_key (last->text);
      const BlColumnSpec *cs = bl_kind_spec_match_column (s->spec, key);
      bl_part__add_column (part, cs ? cs->name : last->text, NULL, 0);
      (void) row;
      return TRUE;
    }
  return FALSE;
}

/* A 统计表 in sections: parts come from the headings as they appear. */
static gboolean
read_sections (Stream *s, GPtrArray *rows)
{
  guint p = 0;
  s->pending = g_new0 (PendingRow, 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const BlGridRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GArray) toks = tokenize (s->filing, row);
      if (section_line (s, row, toks, &p) || s->parts->len == 0)
        continue;
      if (((BlPart *) g_ptr_array_index (s->parts, p))->columns->len == 0)
        bl_part__add_column (g_ptr_array_index (s->parts, p), "金额", NULL, 0);
      label_line_values (s, toks, p, 1, &p);
    }
  for (guint k = 0; k < s->parts->len; k++)
    {
      emit (s, k);
      g_string_free (s->pending[k].label, TRUE);
      g_array_free (s->pending[k].values, TRUE);
    }
  g_free (s->pending);
  return s->parts->len > 0;
}

gboolean
bl_recognize__stream (BlFiling *f, BlTable *t, const BlGrid *grid,
                      const BlRegion *r, GPtrArray *rows)
{
  Stream s = { f, t, r->spec, g_ptr_array_new (), NULL };
  gint first = -1;
  guint n_single = 0, p = 0;

  (void) grid;
  if (r->spec->sections->len)
    {
      gboolean ok = read_sections (&s, rows);
      g_ptr_array_free (s.parts, TRUE);
      return ok;
    }
  for (guint i = 0; i < rows->len && first < 0; i++)
    {
      g_autoptr(GArray) toks = tokenize (f, g_ptr_array_index (rows, i));
      if (is_lanci_line (toks))
        {
          first = (gint) i + 1;
          n_single = count_lanci (toks);
        }
    }
  /* Without a 栏次 line, a coded table's data starts at its first code. */
  for (guint i = 0; i < rows->len && first < 0 && !has_line_key (r->spec); i++)
    {
      g_autoptr(GArray) toks = tokenize (f, g_ptr_array_index (rows, i));
      guint k = 0;
      while (k < toks->len && g_array_index (toks, Tok, k).kind == T_EMPTY)
        k++;
      if (k < toks->len && is_code (&g_array_index (toks, Tok, k)))
        first = (gint) i;
    }
  if (first < 0)
    {
      g_ptr_array_free (s.parts, TRUE);
      return FALSE;
    }
  add_columns (&s, has_line_key (r->spec) ? 0 : n_single);
  s.pending = g_new0 (PendingRow, s.parts->len);
  for (guint k = 0; k < s.parts->len; k++)
    pending_reset (&s.pending[k]);
  for (guint i = (guint) first; i < rows->len; i++)
    {
      g_autoptr(GArray) toks = tokenize (f, g_ptr_array_index (rows, i));
      if (has_line_key (r->spec))
        label_line_values (&s, toks, 0, s.parts->len, &p);
      else
        code_label_line (&s, toks);
    }
  for (guint k = 0; k < s.parts->len; k++)
    {
      emit (&s, k);
      g_string_free (s.pending[k].label, TRUE);
      g_array_free (s.pending[k].values, TRUE);
    }
  g_free (s.pending);
  g_ptr_array_free (s.parts, TRUE);
  return TRUE;
}
