/* Recognition of tables in text without cell boundaries — whatever tool
 * made the text (pdftotext, mutool, a Python PDF library, a viewer's
 * copy): one reconstruction, not one reader per tool.
 *
 * The text is a stream of tokens: 科目编码 (whole, "2010601", or split
 * over columns, "201 06 01"), label pieces, figures, dashes, 行次.  Blank
 * cells are mostly left out, a cell that wrapped in the PDF comes out
 * over several lines (a long label's head may even stand on the line
 * above its code and figures, its tail on the line below), bold text is
 * doubled ("合计合计"), a figure may be glued to the next cell
 * ("16156005.96一、一般公共服务支出").  The template gives the table's
 * shape — its parts, their value columns, which keys lead a row — and
 * the tokens are assembled into rows against it:
 *
 *   code–label–figures   收入决算表 …: a code (or 合计) opens a row; the
 *                        label pieces around it and the figures after it
 *                        belong to it;
 *   label–行次–figures   收入支出决算总表 …: a row label opens a row of
 *                        the part that prints such labels;
 *   one row              三公 tables of one unlabelled row.
 *
 * Which column a figure stands in comes from its position where the text
 * kept the layout (the cells of grid rows rebuilt by the text reader) and
 * from the table's identities where it did not (placement.c).  A figure
 * that cannot be placed is not guessed: its row's cells are unread, and
 * one READ.place finding says so.
 *
 * The tokens come from recognize-linear-tokens.c; whose label the words
 * between rows are, recognize-linear-labels.c decides. */

#include "recognize-linear.h"
#include "identity.h"
#include "placement.h"
#include "decimal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the table's columns ---- */

/* The 栏次 line, if any: the data starts after it. */
static gboolean
find_lanci (Reader *r)
{
  for (guint i = 0; i < r->toks->len;)
    {
      guint end, ints = 0;
      bl_linear__line_span (r->toks, i, &end);
      if (bl_linear__is_lanci_line (&g_array_index (r->toks, Tok, i), end - i))
        {
          for (guint k = i; k < end; k++)
            ints += g_array_index (r->toks, Tok, k).kind == T_INT
                    || g_array_index (r->toks, Tok, k).kind == T_CODE;
          r->data = end;
          r->n_lanci = ints;
          return TRUE;
        }
      i = end;
    }
  return FALSE;
}

/* The header's words, folded and run together. */
static char *
header_key (const Reader *r)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < r->data; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->kind == T_TEXT)
        g_string_append (s, t->text);
    }
  {
    char *k = bl_label_key (s->str);
    g_string_free (s, TRUE);
    return k;
  }
}

/* Blanks out @alias in @key where it occurs (so that 合计 inside
 * 本年收入合计 is not found again); TRUE if it did. */
static gboolean
take_alias (char *key, const char *alias)
{
  char *at = *alias ? strstr (key, alias) : NULL;
  if (at == NULL)
    return FALSE;
  memset (at, ' ', strlen (alias));
  return TRUE;
}

static int
longest_first (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;
  return (int) strlen (y) - (int) strlen (x);
}

/* How many times the header names each of @columns (@seen, per column):
 * aliases are found longest first anywhere in the header (tools scramble
 * the order of wrapped header cells) and blanked out once found; once
 * each, or (@every) every time. */
static void
count_names (const Reader *r, const GPtrArray *columns, gboolean every, guint *seen)
{
  g_autofree char *key = header_key (r);
  g_autoptr(GPtrArray) aliases = g_ptr_array_new ();

  for (guint c = 0; c < columns->len; c++)
    {
      const BlColumnSpec *cs = g_ptr_array_index (columns, c);
      seen[c] = 0;
      for (guint a = 0; a < cs->aliases->len; a++)
        g_ptr_array_add (aliases, g_ptr_array_index (cs->aliases, a));
    }
  g_ptr_array_sort (aliases, longest_first);
  for (guint a = 0; a < aliases->len; a++)
    for (guint c = 0; c < columns->len; c++)
      {
        const BlColumnSpec *cs = g_ptr_array_index (columns, c);
        if (!g_ptr_array_find (cs->aliases, g_ptr_array_index (aliases, a), NULL))
          continue;
        while (take_alias (key, g_ptr_array_index (aliases, a)))
          {
            seen[c]++;
            if (!every)
              break;
          }
      }
}

/* Which of the template's columns the header names, in the template's
 * order. */
static GPtrArray *
header_columns (const Reader *r, const GPtrArray *columns)
{
  g_autofree guint *seen = g_new0 (guint, MAX (columns->len, 1));
  GPtrArray *out = g_ptr_array_new ();

  count_names (r, columns, FALSE, seen);
  for (guint c = 0; c < columns->len; c++)
    if (seen[c])
      g_ptr_array_add (out, g_ptr_array_index (columns, c));
  return out;
}

/* How many times the header prints qualifier @q (预算数 …) as a word. */
static guint
qualifier_count (const Reader *r, guint q)
{
  guint seen = 0;
  for (guint i = 0; i < r->data; i++)
    {
      g_autofree char *k = bl_linear__tok_key (&g_array_index (r->toks, Tok, i));
      seen += strcmp (k, g_ptr_array_index (r->spec->qualifiers, q)) == 0;
    }
  return seen;
}

/* Qualifiers (预算数 | 决算数) printed under every item: how many times
 * the header repeats them, 0 when it does not. */
static guint
qualifier_repeats (const Reader *r)
{
  guint n = 0;
  for (guint q = 0; r->spec->qualifiers && q < r->spec->qualifiers->len; q++)
    n = q == 0 ? qualifier_count (r, q) : MIN (n, qualifier_count (r, q));
  return n >= 2 ? n : 0;
}

/* How many times the header names every item of @columns: the least. */
static guint
item_repeats (const Reader *r, const GPtrArray *columns)
{
  g_autofree guint *seen = g_new0 (guint, MAX (columns->len, 1));
  guint least = G_MAXUINT;

  count_names (r, columns, TRUE, seen);
  for (guint c = 0; c < columns->len; c++)
    least = MIN (least, seen[c]);
  return columns->len ? least : 0;
}

/* Qualifiers (预算数 | 决算数) printed once each over blocks that each
 * name every item again: TRUE when the header reads so. */
static gboolean
qualifier_blocks (const Reader *r)
{
  guint n = r->spec->qualifiers ? r->spec->qualifiers->len : 0;
  for (guint q = 0; q < n; q++)
    if (qualifier_count (r, q) != 1)
      return FALSE;
  return n >= 2 && item_repeats (r, r->spec->columns) >= n;
}

static void
add_part_columns (BlPart *part, const GPtrArray *columns)
{
  for (guint c = 0; c < columns->len; c++)
    {
      const BlColumnSpec *cs = g_ptr_array_index (columns, c);
      bl_part__add_column (part, cs->name, cs->group, 0);
    }
}

/* One-part table: the 栏次 count where there is one, the header's
 * columns where it names at least two, else the template's. */
static void
add_single_part (Reader *r)
{
  const BlKindSpec *spec = r->spec;
  BlPart *part = bl_table__add_part (r->table, NULL);
  guint nq = qualifier_repeats (r);
  g_autoptr(GPtrArray) named = NULL;

  if (nq && nq * 2 >= spec->columns->len)
    {
      for (guint c = 0; c < spec->columns->len; c++)
        for (guint q = 0; q < spec->qualifiers->len; q++)
          {
            const BlColumnSpec *cs = g_ptr_array_index (spec->columns, c);
            bl_part__add_column (part, cs->name, g_ptr_array_index (spec->qualifiers, q), 0);
          }
      return;
    }
  if (qualifier_blocks (r))
    {
      for (guint q = 0; q < spec->qualifiers->len; q++)
        for (guint c = 0; c < spec->columns->len; c++)
          {
            const BlColumnSpec *cs = g_ptr_array_index (spec->columns, c);
            bl_part__add_column (part, cs->name, g_ptr_array_index (spec->qualifiers, q), 0);
          }
      return;
    }
  if (r->n_lanci && r->n_lanci != spec->columns->len)
    {
      for (guint c = 0; c < r->n_lanci; c++)
        bl_part__add_column (part, NULL, NULL, (int) c + 1);
      return;
    }
  named = header_columns (r, spec->columns);
  if (r->n_lanci || named->len < 2)
    {
      for (guint c = 0; c < spec->columns->len; c++)
        {
          const BlColumnSpec *cs = g_ptr_array_index (spec->columns, c);
          bl_part__add_column (part, cs->name, cs->group, r->n_lanci ? (int) c + 1 : 0);
        }
      return;
    }
  add_part_columns (part, named);
}

static void
add_parts (Reader *r)
{
  if (r->spec->parts->len == 0)
    {
      add_single_part (r);
      return;
    }
  for (guint p = 0; p < r->spec->parts->len; p++)
    {
      const BlPartSpec *ps = g_ptr_array_index (r->spec->parts, p);
      add_part_columns (bl_table__add_part (r->table, ps->name), ps->columns);
    }
}

/* ---- rows ---- */

static LRow *
lrow_new (Reader *r, guint part, const Tok *key)
{
  LRow *row = g_new0 (LRow, 1);
  row->part = part;
  row->label = g_string_new (NULL);
  row->figs = g_array_new (FALSE, TRUE, sizeof (Tok));
  if (key)
    row->pos = key->pos;
  g_ptr_array_add (r->rows, row);
  return row;
}

static void
lrow_free (LRow *row)
{
  g_string_free (row->label, TRUE);
  g_array_free (row->figs, TRUE);
  g_free (row);
}

/* 类 | 款 | 项: the header over split code columns, printed on the 合计
 * line — not a label. */
static gboolean
is_class_word (const char *s)
{
  return strcmp (s, "类") == 0 || strcmp (s, "款") == 0 || strcmp (s, "项") == 0;
}

/* A column's name or a key column's header (科目名称, 功能分类 …) that
 * the tool wrote among the rows (pdftotext puts a page's header cells
 * after its rows): not part of a row's label. */
static gboolean
is_header_word (const BlKindSpec *spec, const char *text)
{
  static GRegex *keys;
  g_autofree char *k = bl_label_key (text);
  if (g_regex_match (bl_regex_once (&keys, "^(项目|科目名称|科目编码|功能分类|经济分类|"
                                    "功能分类科目编码|经济分类科目编码|栏次|行次|金额|决算数|预算数)$"),
                     k, 0, NULL))
    return TRUE;
  return strcmp (k, "合计") != 0 && bl_kind_spec_match_column (spec, k) != NULL;
}

void
bl_linear__append_label (LRow *row, const Tok *t, gboolean prepend)
{
  if (prepend)
    g_string_prepend (row->label, t->text);
  else
    g_string_append (row->label, t->text);
  if (prepend && row->label_lines)
    return;
  if (row->label_lines == 0 || row->last_label_line != t->line)
    row->label_lines++, row->last_width = 0;
  row->last_label_line = t->line;
  row->last_width += (guint) g_utf8_strlen (t->text, -1);
}

/* ---- code–label–figures ---- */


/* Is the code at @i a row's key?  A figure written as an integer (元
 * tables) can look like a code: a code continues the code tree of the
 * table (its parent is there, or it is a 类), or the catalogue knows it. */
static gboolean
is_key_code (const Reader *r, const Tok *t, GHashTable *seen)
{
  gsize n = strlen (t->text);
  g_autofree char *parent = NULL;
  if (t->kind != T_CODE)
    return FALSE;
  if (n == 3 || bl_catalog_name (t->text))
    return TRUE;
  parent = g_strndup (t->text, n - 2);
  (void) r;
  return g_hash_table_contains (seen, parent);
}

/* 合计 opens a row when figures or a code follow it; followed by words it
 * is a column's name in the header ("合计 基本支出 项目支出"). */
static gboolean
total_opens_row (const Reader *r, guint i)
{
  for (guint k = i + 1; k < r->toks->len; k++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, k);
      if (t->kind == T_EMPTY)
        continue;
      return t->kind != T_TEXT || is_class_word (t->text);
    }
  return TRUE;
}

/* Indexes of the tokens that open a row. */
static GArray *
find_keys (Reader *r)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = r->data; i < r->toks->len; i++)
    {
      Tok *t = &g_array_index (r->toks, Tok, i);
      if (is_key_code (r, t, seen))
        {
          g_hash_table_add (seen, (gpointer) t->text);
          g_array_append_val (keys, i);
        }
      else if (bl_linear__is_total_label (t) && total_opens_row (r, i))
        g_array_append_val (keys, i);
      else if (t->kind == T_CODE)
        t->kind = strchr (t->text, ' ') ? T_TEXT : T_INT;   /* a figure after all */
    }
  return keys;
}

/* ---- figures on lines of their own ---- */

/* Whether region line @line holds figures and nothing else. */
static gboolean
figure_line (const Reader *r, guint line)
{
  gboolean figure = FALSE;
  for (guint i = r->data; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->line != line || t->kind == T_EMPTY || t->kind == T_SKIP)
        continue;
      if (!bl_linear__is_figure (t))
        return FALSE;
      figure = TRUE;
    }
  return figure;
}

/* How many figures at the end of @row stand on lines of their own after
 * its key's line, and how many such lines they fill. */
static guint
floating_figures (const Reader *r, const LRow *row, guint key_line, guint *lines)
{
  guint n = 0, line = G_MAXUINT;
  *lines = 0;
  for (guint f = row->figs->len; f-- > 0;)
    {
      const Tok *t = &g_array_index (row->figs, Tok, f);
      if (t->line <= key_line || !figure_line (r, t->line))
        break;
      if (t->line != line)
        (*lines)++, line = t->line;
      n++;
    }
  return n;
}

static void
fill_place_row (const Reader *r, const Tok *figs, guint n, BlPlaceRow *out)
{
  memset (out, 0, sizeof *out);
  out->unit = out->parent = -1;
  for (guint f = 0; f < n && out->n_figs < BL_PLACE_MAX_FIGS; f++)
    {
      BlPlaceFig *fig = &out->figs[out->n_figs++];
      fig->dash = figs[f].kind == T_DASH || figs[f].kind == T_EMPTY
                  || !bl_decimal_parse (figs[f].text, &fig->value, NULL);
      if (fig->value.unit == BL_UNIT_NONE)
        fig->value.unit = (guint8) r->table->unit;
      fig->cluster = fig->column = -1;
      fig->segment = figs[f].line;
    }
}

/* Whether @n figures of @figs from @from could be one row's. */
static gboolean
could_be_row (const Reader *r, const BlPlaceTable *t, const GArray *figs, guint from, guint n)
{
  BlPlaceRow row;
  if (n > BL_PLACE_MAX_FIGS)
    return FALSE;
  fill_place_row (r, n ? &g_array_index (figs, Tok, from) : NULL, n, &row);
  return bl_place__possible (t, &row);
}

/* Figures alone on a line between two keys belong to the row above (a
 * tall row's figures below its code) or the one below (set higher than
 * the code beside them): whichever makes both rows' identities possible,
 * the row above when both or neither do. */
static void
settle_floats (Reader *r, GArray *keys)
{
  BlPart *part = g_ptr_array_index (r->table->parts, 0);
  g_autoptr(GArray) ids = bl_identities__bind (r->spec, part);
  BlPlaceTable t = { part->columns->len, ids, NULL, NULL };

  if (ids->len == 0 || part->columns->len < 2)
    return;
  for (guint k = 0; k + 1 < keys->len; k++)
    {
      LRow *a = g_ptr_array_index (r->rows, k), *b = g_ptr_array_index (r->rows, k + 1);
      guint a_line = g_array_index (r->toks, Tok, g_array_index (keys, guint, k)).line;
      guint b_line = g_array_index (r->toks, Tok, g_array_index (keys, guint, k + 1)).line;
      guint lines, b_lines, n = floating_figures (r, a, a_line, &lines);
      guint b_float = floating_figures (r, b, b_line, &b_lines);
      guint b_own = b->figs->len - b_float;
      g_autoptr(GArray) moved = NULL;
      gboolean stay, go;
      if (n == 0)
        continue;
      /* below: the next row with them in front, with or without its own */
      moved = g_array_new (FALSE, FALSE, sizeof (Tok));
      g_array_append_vals (moved, &g_array_index (a->figs, Tok, a->figs->len - n), n);
      if (b_own)
        g_array_append_vals (moved, b->figs->data, b_own);
      go = could_be_row (r, &t, a->figs, 0, a->figs->len - n)
           && (could_be_row (r, &t, moved, 0, moved->len)
               || (b_float && (g_array_append_vals (moved, &g_array_index (b->figs, Tok, b_own), b_float),
                               could_be_row (r, &t, moved, 0, moved->len))));
      stay = could_be_row (r, &t, a->figs, 0, a->figs->len)
             && (could_be_row (r, &t, b->figs, 0, b_own)
                 || could_be_row (r, &t, b->figs, 0, b->figs->len));
      if (go && !stay)
        {
          g_array_prepend_vals (b->figs, &g_array_index (a->figs, Tok, a->figs->len - n), n);
          g_array_set_size (a->figs, a->figs->len - n);
        }
    }
}

/* Header words among the rows — and 类 | 款 | 项, the header over split
 * code columns printed on the 合计 line — are dropped before the rows are
 * read. */
static void
drop_header_words (Reader *r)
{
  for (guint i = r->data; i < r->toks->len; i++)
    {
      Tok *t = &g_array_index (r->toks, Tok, i);
      g_autoptr(GString) run = g_string_new (NULL);
      if (t->kind != T_TEXT)
        continue;
      if (is_header_word (r->spec, t->text) || is_class_word (t->text))
        {
          t->kind = T_SKIP;
          continue;
        }
      /* a header cell wrapped over lines: "附属单位" "上缴收入" */
      for (guint k = i; k < MIN (i + 4, r->toks->len); k++)
        {
          Tok *u = &g_array_index (r->toks, Tok, k);
          if (u->kind != T_TEXT)
            break;
          g_string_append (run, u->text);
          if (k > i && is_header_word (r->spec, run->str))
            {
              for (guint j = i; j <= k; j++)
                g_array_index (r->toks, Tok, j).kind = T_SKIP;
              break;
            }
        }
    }
}

static void
read_coded_rows (Reader *r)
{
  g_autoptr(GArray) keys = NULL;

  drop_header_words (r);
  keys = find_keys (r);
  g_autofree guint *words_from = g_new0 (guint, keys->len + 1);
  g_autofree guint *head = g_new0 (guint, keys->len + 1);

  for (guint k = 0; k < keys->len; k++)
    {
      guint key = g_array_index (keys, guint, k);
      guint end = k + 1 < keys->len ? g_array_index (keys, guint, k + 1) : r->toks->len;
      guint floor = k > 0 ? g_array_index (keys, guint, k - 1) + 1 : r->data;
      const Tok *t = &g_array_index (r->toks, Tok, key);
      LRow *row = lrow_new (r, 0, t);
      head[k] = bl_linear__head_on_key_line (r, key, floor);
      if (t->kind == T_CODE)
        row->code = t->text;
      else
        bl_linear__append_label (row, t, FALSE);
      for (guint i = head[k]; i < key; i++)
        bl_linear__append_label (row, &g_array_index (r->toks, Tok, i), FALSE);
      end = k + 1 < keys->len ? bl_linear__head_on_key_line (r, g_array_index (keys, guint, k + 1), key + 1) : end;
      bl_linear__take_own (r, row, key + 1, end, &words_from[k]);
    }
  /* figures before the first key (a total printed above its label) */
  if (keys->len && r->rows->len)
    {
      LRow *first = g_ptr_array_index (r->rows, 0);
      guint key0 = g_array_index (keys, guint, 0);
      g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (Tok));
      for (guint i = r->data; i < key0; i++)
        if (bl_linear__is_figure (&g_array_index (r->toks, Tok, i)))
          g_array_append_val (before, g_array_index (r->toks, Tok, i));
      g_array_prepend_vals (first->figs, before->data, before->len);
    }
  settle_floats (r, keys);
  bl_linear__settle_words (r, keys, words_from, head);
  bl_linear__take_first_head (r, keys);
}

/* ---- label–行次–figures ---- */

gboolean
bl_linear__has_ordinal (const char *s)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re, "^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.、．])"),
                        s, 0, NULL);
}

/* 合计, 总计, 收入总计, 本年支出合计: a total, whatever it totals. */
gboolean
bl_linear__is_total_key (const char *k)
{
  return (g_str_has_suffix (k, "合计") || g_str_has_suffix (k, "总计"))
         && g_utf8_strlen (k, -1) <= 8;
}

/* Does text token @t start a row label (rather than continue one)?
 * After figures it does; after words only an ordinal or a label the
 * template lists does — a wrapped label's tail ("支出", "等支出") does not. */
static gboolean
starts_label (const Reader *r, const Tok *t, gboolean after_figure)
{
  g_autofree char *k = NULL;
  if (t->kind != T_TEXT)
    return FALSE;
  if (after_figure || bl_linear__has_ordinal (t->text))
    return TRUE;
  k = bl_linear__tok_key (t);
  return bl_kind_spec_row_listed (r->spec, k) || bl_linear__is_total_key (k);
}

static gboolean
is_line_number (const Tok *t)
{
  static GRegex *re;
  return (t->kind == T_INT || t->kind == T_AMOUNT)
         && g_regex_match (bl_regex_once (&re, "^[0-9]{1,3}(\\.0+)?$"), t->text, 0, NULL);
}

static gboolean
has_line_key (const BlKindSpec *spec)
{
  return bl_kind_spec_has_key (spec, "line");
}

/* The part a label belongs to: the one that prints it; labels no part
 * claims go to the side after the line's previous label (the two sides
 * of a 总表 share lines, 收入 first), else the first side — but a bare
 * 总计 to the first side without a grand total yet (@totals: a bit per
 * part that has one; 收入总计 is the 收入 side's). */
static guint
part_of_label (const Reader *r, const LRow *row, const LRow *line_prev, guint *totals)
{
  g_autofree char *k = bl_label_key (row->label->str);
  const BlPartSpec *ps = bl_kind_spec_part_of_row (r->spec, k);
  guint n = r->spec->parts->len, p = 0;

  if (ps)
    while (p + 1 < n && g_ptr_array_index (r->spec->parts, p) != ps)
      p++;
  else if (line_prev)
    p = MIN (line_prev->part + 1, n - 1);
  else if (strcmp (k, "总计") == 0)
    while (p + 1 < n && (*totals & (1u << p)))
      p++;
  if (g_str_has_suffix (k, "总计") && p < 32)
    *totals |= 1u << p;
  return p;
}

/* How text token @t would go on the label of @row: 2 when it completes a
 * label the table prints, 1 when it goes on being the head of one, 0 when
 * it does not fit (or the label is complete already). */
static int
continues_label (const Reader *r, const LRow *row, const Tok *t)
{
  g_autofree char *own = bl_label_key (row->label->str);
  g_autofree char *joined = NULL, *key = NULL;

  if (bl_linear__is_total_key (own) || !bl_kind_spec_label_begun (r->spec, own))
    return 0;
  joined = g_strconcat (row->label->str, t->text, NULL);
  key = bl_label_key (joined);
  return bl_kind_spec_label_known (r->spec, key) || bl_linear__is_total_key (key) ? 2
         : bl_kind_spec_label_begun (r->spec, key);
}

/* Whether @t begins a label of its own after @row's: @row's is finished,
 * or @t begins a label the table prints next to @row's unfinished one
 * ("年初财政拨款结转 年末财政拨款结转": both sides' heads on a line). */
static gboolean
begins_other (const Reader *r, const LRow *row, const Tok *t)
{
  g_autofree char *k = bl_linear__tok_key (t);
  g_autofree char *own = bl_label_key (row->label->str);
  if (continues_label (r, row, t))
    return FALSE;
  if (bl_kind_spec_label_known (r->spec, own) || bl_linear__is_total_key (own))
    return TRUE;      /* a finished label takes no more words */
  return bl_kind_spec_label_begun (r->spec, own)
         && (bl_kind_spec_label_begun (r->spec, k) || bl_kind_spec_label_known (r->spec, k));
}

/* The recent row whose wrapped label @t continues at least as well as
 * @at_least — the two sides' tails come after both heads, the 收入
 * side's first — or NULL. */
static LRow *
open_row (const Reader *r, const Tok *t, int at_least)
{
  guint n = r->rows->len, recent = 2 * MAX (r->spec->parts->len, 1);
  for (guint i = n > recent ? n - recent : 0; i < n; i++)
    {
      LRow *row = g_ptr_array_index (r->rows, i);
      if (continues_label (r, row, t) >= at_least)
        return row;
    }
  return NULL;
}

/* Rows of a two-sided table without 行次: a label (its wrapped pieces
 * joined), then its figures.  A piece that completes a label the table
 * prints, or goes on being one, ends the label it belongs to, even after
 * the figures or the other side's label. */
static guint
part_columns (const Reader *r, const LRow *row)
{
  return ((BlPart *) g_ptr_array_index (r->table->parts, row->part))->columns->len;
}

/* A head waiting for its tail: a label begun, not finished, no figures. */
static gboolean
is_open_head (const Reader *r, const LRow *row)
{
  g_autofree char *k = bl_label_key (row->label->str);
  return row->figs->len == 0 && !bl_linear__is_total_key (k) && bl_kind_spec_label_begun (r->spec, k)
         && !bl_kind_spec_label_known (r->spec, k);
}

/* The rows that may own the figures coming on the line of @row, the
 * last row begun: the rows begun on that line before it that have no
 * figures, and heads from the line above still waiting for their tails
 * (page text sets a wrapped label's head above the line with the
 * figures, its tail below).  NULL when @row alone can own them. */
static GPtrArray *
sharers (const Reader *r, LRow *row, gboolean figures_only)
{
  GPtrArray *out = g_ptr_array_new ();
  guint n = r->rows->len, recent = 2 * MAX (r->spec->parts->len, 1);
  for (guint i = n > recent ? n - recent : 0; i + 1 < n; i++)
    {
      LRow *other = g_ptr_array_index (r->rows, i);
      gboolean same_line = other->pos.line == row->pos.line;
      if ((figures_only && same_line && other->figs->len == 0)
          || (other->pos.line < row->pos.line && is_open_head (r, other)))
        g_ptr_array_add (out, other);
    }
  if (out->len == 0)
    return g_ptr_array_free (out, TRUE), NULL;
  if (!figures_only || row->figs->len == 0)
    g_ptr_array_add (out, row);
  return out;
}

static gint
by_part (gconstpointer a, gconstpointer b)
{
  const LRow *x = *(const LRow *const *) a, *y = *(const LRow *const *) b;
  return (int) x->part - (int) y->part;
}

/* A line of figures that several rows may own (sharers()), all given to
 * @collector as they came: each row, side by side in the order of the
 * parts, takes as many as its part has columns — when the figures are
 * exactly that many.  Else which row each belongs to is not known: the
 * rows' cells are unread. */
static void
share_figures (Reader *r, GPtrArray *rows, LRow *collector, guint from)
{
  g_autoptr(GArray) figs = g_array_new (FALSE, FALSE, sizeof (Tok));
  guint want = 0, at = 0;

  g_array_append_vals (figs, &g_array_index (collector->figs, Tok, from),
                       collector->figs->len - from);
  g_array_set_size (collector->figs, from);
  g_ptr_array_sort (rows, by_part);
  for (guint i = 0; i < rows->len; i++)
    want += part_columns (r, g_ptr_array_index (rows, i));
  /* one line holds one row of each side at most */
  for (guint i = 1; i < rows->len; i++)
    if (((LRow *) g_ptr_array_index (rows, i))->part == ((LRow *) g_ptr_array_index (rows, i - 1))->part)
      want = G_MAXUINT;
  for (guint i = 0; i < rows->len; i++)
    {
      LRow *row = g_ptr_array_index (rows, i);
      guint k = part_columns (r, row);
      if (want != figs->len)
        {
          row->unplaceable = TRUE;
          continue;
        }
      g_array_append_vals (row->figs, &g_array_index (figs, Tok, at), k);
      at += k;
    }
  if (want != figs->len)
    g_array_append_vals (collector->figs, figs->data, figs->len);
}

typedef struct {
  GPtrArray *rows;        /* LRow*: who may own the figures */
  LRow *collector;        /* where they went as they came */
  guint from;             /* the first of them in its figs */
} Shared;

static void
shared_clear (gpointer p)
{
  g_ptr_array_free (((Shared *) p)->rows, TRUE);
}

static void
read_labelled_rows (Reader *r)
{
  LRow *row = NULL;
  gboolean figures = FALSE;
  guint totals = 0;
  g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (Shared));

  for (guint i = r->data; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->kind == T_TEXT || t->kind == T_CODE)
        {
          LRow *tail_of = open_row (r, t, 2);
          if (tail_of == NULL && !starts_label (r, t, FALSE))
            tail_of = open_row (r, t, 1);
          if (tail_of)
            {
              bl_linear__append_label (tail_of, t, FALSE);
              continue;
            }
          if (row == NULL || figures || starts_label (r, t, figures) || begins_other (r, row, t))
            {
              row = lrow_new (r, 0, t);
              figures = FALSE;
            }
          bl_linear__append_label (row, t, FALSE);
          continue;
        }
      if (row == NULL || !bl_linear__is_figure (t))
        continue;
      if (!figures)
        {
          Shared sh = { sharers (r, row, figure_line (r, t->line)), row, row->figs->len };
          if (sh.rows)
            g_array_append_val (shared, sh);
        }
      g_array_append_val (row->figs, *t);
      figures = TRUE;
    }
  for (guint i = 0; i < r->rows->len; i++)
    {
      LRow *cur = g_ptr_array_index (r->rows, i);
      LRow *prev = i ? g_ptr_array_index (r->rows, i - 1) : NULL;
      guint line = cur->pos.line;
      cur->part = part_of_label (r, cur, prev && prev->pos.line == line ? prev : NULL, &totals);
    }
  for (guint g = 0; g < shared->len; g++)
    {
      Shared *sh = &g_array_index (shared, Shared, g);
      share_figures (r, sh->rows, sh->collector, sh->from);
      shared_clear (sh);
    }
}

/* Tables with 行次 written out (label, 行次, figures, the two sides
 * taking turns): each side's row is complete when it has all its figures,
 * and the other side's row comes next.  Blanks written as empty cells
 * hold their place. */
static void
read_numbered_rows (Reader *r)
{
  guint n = r->table->parts->len, p = 0;
  g_autofree LRow **cur = g_new0 (LRow *, n);

  for (guint i = r->data; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      guint k = ((BlPart *) g_ptr_array_index (r->table->parts, p))->columns->len;
      gboolean done = FALSE;
      if (t->kind == T_TEXT || t->kind == T_CODE)
        {
          if (cur[p] && cur[p]->line_no)
            {
              cur[p] = NULL;
              p = (p + 1) % n;
            }
          if (cur[p] == NULL)
            cur[p] = lrow_new (r, p, t);
          bl_linear__append_label (cur[p], t, FALSE);
          continue;
        }
      if (cur[p] == NULL || cur[p]->line_no == 0)
        {
          if (!is_line_number (t))
            continue;
          if (cur[p] == NULL)
            cur[p] = lrow_new (r, p, t);
          cur[p]->line_no = atoi (t->text);
          done = k == 0;
        }
      else
        {
          g_array_append_val (cur[p]->figs, *t);
          done = cur[p]->figs->len == k;
        }
      if (done)
        {
          cur[p] = NULL;
          p = (p + 1) % n;
        }
    }
}

/* Whether the header has a 行次 column. */
static gboolean
header_has_line_numbers (const Reader *r)
{
  g_autofree char *k = header_key (r);
  return has_line_key (r->spec) && strstr (k, "行次") != NULL;
}

/* A table of one unlabelled row (三公 in some templates): its figures. */
static void
read_one_row (Reader *r)
{
  LRow *row = NULL;
  for (guint i = r->data; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->kind == T_TEXT)
        {
          row = lrow_new (r, 0, t);
          bl_linear__append_label (row, t, FALSE);
          continue;
        }
      if (!bl_linear__is_figure (t))
        continue;
      if (row == NULL)
        row = lrow_new (r, 0, t);
      g_array_append_val (row->figs, *t);
    }
}

/* ---- where the data starts ---- */

/* A two-sided table's rows begin with the first numbered label (一、…),
 * before any figure: the header's 合计 or 一般公共预算财政拨款 name
 * columns, not rows. */
static gboolean
first_ordinal (Reader *r)
{
  for (guint i = 0; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->kind == T_AMOUNT)
        return FALSE;
      if (t->kind == T_TEXT && bl_linear__has_ordinal (t->text))
        {
          r->data = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
find_data (Reader *r)
{
  gboolean coded = bl_kind_spec_has_key (r->spec, "code");
  if (find_lanci (r))
    return;
  r->data = r->toks->len;
  if (!coded && r->spec->parts->len && first_ordinal (r))
    return;
  for (guint i = 0; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      g_autofree char *k = NULL;
      if ((coded && (bl_linear__is_class (t) || t->kind == T_CODE || (bl_linear__is_total_label (t) && total_opens_row (r, i))))
          || t->kind == T_AMOUNT
          || (!coded && t->kind == T_TEXT && r->spec->parts->len
              && bl_kind_spec_row_listed (r->spec, k = bl_linear__tok_key (t))))
        {
          r->data = i;
          return;
        }
    }
}

/* ---- placing and writing ---- */

/* Blanks written as empty cells ("3.00  三、国防支出"): every figure is
 * in its place, and the blanks to the right may be left off. */
static gboolean
positional_blanks (LRow *row, guint n_cols)
{
  guint empties = 0;
  while (row->figs->len > n_cols
         && g_array_index (row->figs, Tok, row->figs->len - 1).kind == T_EMPTY)
    g_array_set_size (row->figs, row->figs->len - 1);
  for (guint i = 0; i < row->figs->len; i++)
    empties += g_array_index (row->figs, Tok, i).kind == T_EMPTY;
  return empties > 0 && row->figs->len <= n_cols;
}

void
bl_linear__set_cell (BlTable *t, BlCell *cell, const Tok *tok)
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

static int
parent_index (GPtrArray *rows, guint part, guint upto, const char *code)
{
  gsize n = code ? strlen (code) : 0;
  for (guint i = upto; n > 3 && i-- > 0;)
    {
      const LRow *p = g_ptr_array_index (rows, i);
      if (p->part == part && p->code && strlen (p->code) == n - 2
          && strncmp (p->code, code, n - 2) == 0)
        return (int) i;
    }
  return -1;
}

typedef struct {
  guint n_unplaced;
  const LRow *example;
} Placed;

static gboolean
is_total_row (const LRow *row)
{
  g_autofree char *k = row->code ? NULL : bl_label_key (row->label->str);
  return k && (strcmp (k, "合计") == 0 || strcmp (k, "总计") == 0);
}

/* What the table @target names, read already, says the total row holds
 * (the sum of the rows @target names; blank rows add nothing); FALSE
 * when that table or all its rows are missing. */
static gboolean
expected_total_in (const Reader *r, char **target, BlNum *out)
{
  const BlTable *t;
  gboolean found = FALSE;
  const char *why;

  if (target[0] == NULL || target[1] == NULL
      || (t = bl_filing_find_table (r->filing, target[0])) == NULL || t == r->table)
    return FALSE;
  *out = bl_num_zero ();
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      if (g_strcmp0 (part->name, target[1]) != 0)
        continue;
      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlRow *row = g_ptr_array_index (part->rows, i);
          const BlCell *cell = &row->cells[0];
          BlNum v;
          if (row->key == NULL || !g_strv_contains ((const char *const *) target + 2, row->key))
            continue;
          if (cell->kind == BL_CELL_UNREAD || cell->kind == BL_CELL_TEXT)
            return FALSE;
          found = TRUE;
          if (cell->kind != BL_CELL_NUMBER)
            continue;
          v = bl_num_from_decimal (cell->value);
          if (!bl_num_add (out, &v, out, &why))
            return FALSE;
        }
    }
  return found;
}

/* What another table of the filing, read already, says the total row
 * holds in column @cs: the first of its `total_in` tables that says. */
static gboolean
expected_total (const Reader *r, const BlColumnSpec *cs, BlNum *out)
{
  for (guint i = 0; cs && cs->total_in && i < cs->total_in->len; i++)
    if (expected_total_in (r, g_ptr_array_index (cs->total_in, i), out))
      return TRUE;
  return FALSE;
}

/* Laid-out text: a header line with one name over each value column (the
 * 预算数 | 决算数 line of a 三公 table) shows where each column stands on
 * its page.  Returns the anchors (one Tok per column, left to right) or
 * an empty array. */
static GArray *
header_anchors (const Reader *r, guint n_cols)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Tok));
  /* two-sided tables name both sides' columns on one line */
  for (guint i = 0; r->layout && n_cols > 1 && r->spec->parts->len == 0
                    && i < MIN (r->data, r->toks->len);)
    {
      guint end;
      bl_linear__line_span (r->toks, i, &end);
      end = MIN (end, r->data);
      g_array_set_size (out, 0);
      for (guint k = i; k < end; k++)
        {
          const Tok *t = &g_array_index (r->toks, Tok, k);
          g_autofree char *key = bl_linear__tok_key (t);
          if (t->kind == T_TEXT && t->x0 >= 0 && !g_regex_match_simple (
                "^(项目|科目名称|科目编码|功能分类|经济分类|类|款|项|栏次|行次)$", key, 0, 0))
            g_array_append_val (out, *t);
        }
      if (out->len == n_cols)
        return out;
      i = end > i ? end : i + 1;
    }
  g_array_set_size (out, 0);
  return out;
}

/* The column under whose header @t stands — the one header on its page
 * that its extent overlaps — or -1.  Overlapping none, a figure between
 * two headers is the nearer one's when it stands at most half as far
 * from it as from the other: text that counts a wide (CJK) character as
 * one column (pdftotext -fixed, a viewer's copy in another font) prints
 * headers narrower than their cells, and a right-aligned figure clears
 * its centred header. */
static int
header_column (const GArray *anchors, const Tok *t)
{
  int found = -1, near = -1;
  double near_gap = G_MAXDOUBLE, other_gap = G_MAXDOUBLE;

  for (guint c = 0; t->x0 >= 0 && c < anchors->len; c++)
    {
      const Tok *a = &g_array_index (anchors, Tok, c);
      double gap = MAX (a->x0, t->x0) - MIN (a->x1, t->x1);
      if (a->block != t->block)
        return -1;
      if (gap < 0)
        {
          if (found >= 0)
            return -1;
          found = (int) c;
        }
      else if (gap < near_gap)
        {
          other_gap = near_gap;
          near_gap = gap, near = (int) c;
        }
      else if (gap < other_gap)
        other_gap = gap;
    }
  if (found >= 0 || near < 0)
    return found;
  return near_gap * 2 <= other_gap ? near : -1;
}

/* Places the figures of the rows of part @p; fills @cols (per row, per
 * figure) with their columns, -1 where unplaced. */
static void
place_part (Reader *r, guint p, GArray *identities, GPtrArray *cols, Placed *out)
{
  BlPart *part = g_ptr_array_index (r->table->parts, p);
  guint n = part->columns->len;
  g_autofree gboolean *rare = g_new0 (gboolean, MAX (n, 1));
  g_autofree BlPlaceRow *pr = g_new0 (BlPlaceRow, MAX (r->rows->len, 1));
  g_autoptr(GArray) anchors = header_anchors (r, n);
  g_autofree BlNum *want = g_new0 (BlNum, MAX (n, 1));
  g_autofree const BlNum **expected = g_new0 (const BlNum *, MAX (n, 1));
  BlPlaceTable table = { n, identities, rare, expected };

  for (guint c = 0; c < n; c++)
    {
      const BlColumn *col = g_ptr_array_index (part->columns, c);
      const BlColumnSpec *cs = bl_kind_spec_column (r->spec, col->name);
      rare[c] = cs && cs->rare;
      if (expected_total (r, cs, &want[c]))
        expected[c] = &want[c];
    }
  for (guint i = 0; i < r->rows->len; i++)
    {
      LRow *row = g_ptr_array_index (r->rows, i);
      BlPlaceRow *x = &pr[i];
      x->unit = -1;
      x->parent = row->part == p ? parent_index (r->rows, p, i, row->code) : -1;
      if (row->part != p)
        continue;
      x->top = row->code && strlen (row->code) == 3;
      x->total = is_total_row (row);
      if (row->unplaceable)
        continue;         /* its figures may be another row's: no evidence */
      x->fixed = row->figs->len == n || positional_blanks (row, n);
      for (guint f = 0; f < row->figs->len && f < BL_PLACE_MAX_FIGS; f++)
        {
          const Tok *t = &g_array_index (row->figs, Tok, f);
          BlPlaceFig *fig = &x->figs[x->n_figs++];
          fig->dash = t->kind == T_DASH || t->kind == T_EMPTY
                      || !bl_decimal_parse (t->text, &fig->value, NULL);
          if (fig->value.unit == BL_UNIT_NONE)
            fig->value.unit = (guint8) r->table->unit;   /* as the cell will be */
          fig->cluster = -1;
          fig->column = header_column (anchors, t);
          fig->segment = t->line;
        }
      if (row->figs->len > BL_PLACE_MAX_FIGS)
        x->n_figs = BL_PLACE_MAX_FIGS + 1 > n ? 0 : x->n_figs;
    }
  bl_place__solve (&table, pr, r->rows->len);
  for (guint i = 0; i < r->rows->len; i++)
    {
      const LRow *row = g_ptr_array_index (r->rows, i);
      int *c = g_ptr_array_index (cols, i);
      if (row->part != p)
        continue;
      for (guint f = 0; f < row->figs->len; f++)
        c[f] = pr[i].placed && !row->unplaceable && f < pr[i].n_figs ? pr[i].col[f] : -1;
      if ((row->figs->len && !pr[i].placed) || row->unplaceable)
        {
          out->n_unplaced++;
          if (out->example == NULL)
            out->example = row;
        }
    }
}

static char *
row_name (const LRow *row)
{
  GString *s = g_string_new (NULL);
  if (row->code)
    g_string_append (s, row->code);
  if (row->label->len)
    g_string_append_printf (s, "%s%s", s->len ? " " : "", row->label->str);
  for (guint f = 0; f < row->figs->len; f++)
    {
      const Tok *t = &g_array_index (row->figs, Tok, f);
      if (t->kind != T_EMPTY)
        g_string_append_printf (s, " %s", t->text);
    }
  return g_string_free (s, FALSE);
}

static void
write_row (Reader *r, const LRow *lr, const int *cols)
{
  BlPart *part = g_ptr_array_index (r->table->parts, lr->part);
  BlRow *row;

  if (lr->label->len == 0 && lr->code == NULL && lr->figs->len == 0)
    return;
  if (r->table->doubt)
    {
      /* out of order: no cell is known to be blank either */
      row = bl_part__add_row (part);
      row->pos = lr->pos;
      if (lr->code)
        bl_row__set_code (row, lr->code);
      if (lr->label->len)
        bl_row__set_label (row, lr->label->str);
      for (guint c = 0; c < part->columns->len; c++)
        row->cells[c].kind = BL_CELL_UNREAD, row->cells[c].pos = lr->pos;
      return;
    }
  row = bl_part__add_row (part);
  row->pos = lr->pos;
  row->line_no = lr->line_no;
  if (lr->code)
    bl_row__set_code (row, lr->code);
  if (lr->label->len)
    bl_row__set_label (row, lr->label->str);
  for (guint c = 0; lr->unplaceable && c < part->columns->len; c++)
    row->cells[c].kind = BL_CELL_UNREAD, row->cells[c].pos = lr->pos;
  for (guint f = 0; f < lr->figs->len && !lr->unplaceable; f++)
    {
      const Tok *t = &g_array_index (lr->figs, Tok, f);
      if (cols[f] >= 0 && (guint) cols[f] < part->columns->len)
        bl_linear__set_cell (r->table, &row->cells[cols[f]], t);
      else if (t->kind != T_EMPTY && t->kind != T_DASH && f < part->columns->len)
        {
          /* not placed: a figure is there, its column unknown */
          for (guint c = 0; c < part->columns->len; c++)
            if (row->cells[c].kind == BL_CELL_BLANK)
              {
                row->cells[c].kind = BL_CELL_UNREAD;
                row->cells[c].pos = t->pos;
              }
        }
    }
}

/* Whether a row after row @i has the code @code. */
static gboolean
has_code_later (const Reader *r, guint i, const char *code)
{
  for (guint k = i + 1; k < r->rows->len; k++)
    {
      const LRow *row = g_ptr_array_index (r->rows, k);
      if (row->code && strcmp (row->code, code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Signs that the text did not run row by row (pdftotext without -layout
 * may write a table column by column): a code read twice, a code before
 * the row of its parent, a code without name or figures, a row with more
 * figures than the table has columns.  Returns how many; *@example names the first. */
static guint
scramble_signs (const Reader *r, char **example)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint signs = 0, bare = 0, apart = 0;

  for (guint i = 0; i < r->rows->len; i++)
    {
      const LRow *row = g_ptr_array_index (r->rows, i);
      const BlPart *part = g_ptr_array_index (r->table->parts, row->part);
      gboolean bad = FALSE;
      guint figs = 0;
      for (guint f = 0; f < row->figs->len; f++)
        figs += g_array_index (row->figs, Tok, f).kind != T_EMPTY;
      if (row->code)
        {
          gsize n = strlen (row->code);
          g_autofree char *parent = n > 3 ? g_strndup (row->code, n - 2) : NULL;
          /* economic tables stand in side-by-side blocks, where a code
           * may come before a parent that heads a later block row */
          bad = g_hash_table_contains (seen, row->code)
                || (parent && row->code[0] == '2' && !g_hash_table_contains (seen, parent)
                    && has_code_later (r, i, parent));
          g_hash_table_add (seen, (gpointer) row->code);
        }
      /* a code with neither name nor figures: codes written in a run */
      if (row->code && row->label->len == 0 && figs == 0)
        bare++, bad = TRUE;
      bad = bad || (figs > part->columns->len && !row->unplaceable);
      if (bad && signs++ == 0)
        *example = row_name (row);
      /* a name pieced together by guess that the catalogue rejects:
       * names written apart from their codes — or an old name below its
       * code, so it counts only where codes also stand in a run */
      apart += row->guessed && row->code && bl_catalog_name (row->code)
               && bl_linear__catalogue_head_score (row->code, row->label->str) == 0;
    }
  return bare ? signs + apart : signs;
}

/* The reading is out of order: nothing in the table can be placed.  Its
 * rows keep their keys, every figure is unread, the table is in doubt,
 * and one finding says so. */
static void
give_up_order (Reader *r, const char *example, guint signs)
{
  const LRow *first = r->rows->len ? g_ptr_array_index (r->rows, 0) : NULL;
  r->table->doubt = bl_filing__intern (r->filing, BL_DOUBT_ORDER);
  bl_filing__note (r->filing, "READ.order", BL_SEVERITY_WARNING, first ? &first->pos : &r->table->pos,
                   r->table->title,
                   "%s：文本中表格的文字不是按行排列的（%u 处科目或数字与行对不上，如“%s”；"
                   "用 pdftotext -layout 或直接读取 PDF 可避免），本表的数字不参与计算",
                   r->table->title, signs, example);
}

static void
write_rows (Reader *r)
{
  g_autoptr(GPtrArray) cols = g_ptr_array_new_with_free_func (g_free);
  Placed placed = { 0, NULL };

  for (guint i = 0; i < r->rows->len; i++)
    {
      const LRow *row = g_ptr_array_index (r->rows, i);
      int *c = g_new (int, MAX (row->figs->len, 1));
      for (guint f = 0; f < row->figs->len; f++)
        c[f] = -1;
      g_ptr_array_add (cols, c);
    }
  {
    g_autofree char *example = NULL;
    guint signs = scramble_signs (r, &example);
    if (signs >= 2 && r->raw && bl_linear__read_columns (r, r->raw))
      return;
    if (r->raw)
      bl_linear__keep_sides (r, r->raw);
    if (signs >= 2)
      give_up_order (r, example, signs);
  }
  for (guint p = 0; p < r->table->parts->len && r->table->doubt == NULL; p++)
    {
      g_autoptr(GArray) ids = bl_identities__bind (r->spec, g_ptr_array_index (r->table->parts, p));
      place_part (r, p, ids, cols, &placed);
    }
  /* figures the rows could not place may stand in another row's line
   * (a column the tool wrote after the rest): the columns may still tell */
  if (placed.n_unplaced && r->raw && bl_linear__read_columns (r, r->raw))
    return;
  for (guint i = 0; i < r->rows->len; i++)
    write_row (r, g_ptr_array_index (r->rows, i), g_ptr_array_index (cols, i));
  if (placed.n_unplaced)
    {
      g_autofree char *example = row_name (placed.example);
      bl_filing__note (r->filing, "READ.place", BL_SEVERITY_WARNING, &placed.example->pos,
                       r->table->title,
                       "%s：%u 行的数字无法确定所在的栏（文本未保留空白单元格，表内勾稽关系也不能唯一确定），"
                       "这些单元格不参与计算，如“%s”",
                       r->table->title, placed.n_unplaced, example);
    }
}

/* ---- sections of a 统计表 ---- */

/* A section heading of a 统计表 ("一、政府采购情况") opens a part; its
 * header line ("项目 行次 采购金额") names the part's amount column. */
static gboolean
section_line (Reader *r, const Tok *toks, guint n, int *p)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  BlPart *part;
  const Tok *last = n ? &toks[n - 1] : NULL;

  for (guint i = 0; i < n; i++)
    g_string_append (joined, toks[i].text);
  if (n && bl_kind_spec_match_section (r->spec, joined->str))
    {
      g_autofree char *name = bl_linear__undouble (joined->str);
      bl_table__add_part (r->table, name);
      *p = (int) r->table->parts->len - 1;
      return TRUE;
    }
  part = *p >= 0 ? g_ptr_array_index (r->table->parts, *p) : NULL;
  if (part && part->columns->len == 0 && last && last->kind == T_TEXT
      && (strstr (joined->str, "项目") || strstr (joined->str, "行次")))
    {
      g_autofree char *key = bl_label_key (last->text);
      const BlColumnSpec *cs = bl_kind_spec_match_column (r->spec, key);
      bl_part__add_column (part, cs ? cs->name : last->text, NULL, 0);
      return TRUE;
    }
  return FALSE;
}

/* Rows of a section: label, 行次, one figure. */
static void
section_rows (Reader *r, const Tok *toks, guint n, int p, LRow **row)
{
  for (guint i = 0; i < n; i++)
    {
      const Tok *t = &toks[i];
      if (t->kind == T_TEXT)
        {
          if (*row == NULL || (*row)->line_no || (*row)->figs->len)
            *row = lrow_new (r, (guint) p, t);
          bl_linear__append_label (*row, t, FALSE);
        }
      else if (*row && (*row)->line_no == 0 && is_line_number (t))
        (*row)->line_no = atoi (t->text);
      else if (*row && (*row)->line_no && bl_linear__is_figure (t) && (*row)->figs->len == 0)
        g_array_append_val ((*row)->figs, *t);
    }
}

static gboolean
read_sections (Reader *r)
{
  int p = -1;
  LRow *row = NULL;
  for (guint i = 0; i < r->toks->len;)
    {
      guint end;
      const Tok *toks = &g_array_index (r->toks, Tok, i);
      bl_linear__line_span (r->toks, i, &end);
      if (section_line (r, toks, end - i, &p))
        row = NULL;
      else if (p >= 0)
        {
          BlPart *part = g_ptr_array_index (r->table->parts, p);
          if (part->columns->len == 0)
            bl_part__add_column (part, "金额", NULL, 0);
          section_rows (r, toks, end - i, p, &row);
        }
      i = end;
    }
  return r->table->parts->len > 0;
}

/* ---- the region ---- */

static gboolean
read_table (Reader *r)
{
  gboolean coded = bl_kind_spec_has_key (r->spec, "code");

  if (r->spec->sections->len)
    return read_sections (r);
  find_data (r);
  /* without data, a table still: a 栏次 line, a statement (本表无数据) or
   * the unit line under its title; a 目录 entry has none of them */
  if (r->data >= r->toks->len && r->n_lanci == 0 && r->table->statement == NULL
      && !r->table->unit_declared)
    return FALSE;
  add_parts (r);
  if (coded)
    read_coded_rows (r);
  else if (r->spec->parts->len && header_has_line_numbers (r))
    read_numbered_rows (r);
  else if (r->spec->parts->len)
    read_labelled_rows (r);
  else
    read_one_row (r);
  return TRUE;
}

gboolean
bl_recognize__linear (BlFiling *f, BlTable *t, const BlGrid *grid,
                      const BlRegion *region, GPtrArray *rows)
{
  Reader r = { f, t, region->spec, NULL, NULL, 0, 0, grid->layout,
               g_ptr_array_new_with_free_func ((GDestroyNotify) lrow_free) };
  gboolean ok;

  r.toks = bl_linear__lex_region (f, rows, grid->layout);
  /* text written column by column prints code pieces apart: kept as
   * they are for bl_linear__read_columns() */
  if (!grid->layout)
    r.raw = g_array_copy (r.toks);
  bl_linear__join_codes (f, r.toks);
  ok = read_table (&r);
  if (ok)
    write_rows (&r);
  g_array_free (r.toks, TRUE);
  if (r.raw)
    g_array_free (r.raw, TRUE);
  g_ptr_array_free (r.rows, TRUE);
  return ok;
}
