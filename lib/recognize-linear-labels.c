/* Whose label the words of a coded table are, for the text reader
 * (recognize-linear.c).  Words on a row's key line before its figures are
 * its own; the words between two rows — a label wrapped below its code,
 * or the head of the next one printed above its code — are split by the
 * catalogue of 政府收支分类科目 where it knows the names, else by how
 * full their lines are; side-by-side blocks (经济分类 tables) are told
 * apart by position where the text kept the layout, by the catalogue
 * where it did not. */

#include "recognize-linear.h"

#include <string.h>

/* How well @label matches the catalogue's name for @code: 2 when it is
 * the name, 0 when it is not or the catalogue has none. */
static int
catalogue_score (const char *code, const char *label)
{
  const char *name = code ? bl_catalog_name (code) : NULL;
  g_autofree char *a = NULL, *b = NULL;
  if (name == NULL)
    return 0;
  a = bl_label_key (name);
  b = bl_label_key (label);
  return strcmp (a, b) == 0 ? 2 : 0;
}

/* The same for the start of a label whose end may come later: 1 when it
 * begins the name. */
int
bl_linear__catalogue_head_score (const char *code, const char *label)
{
  const char *name = code ? bl_catalog_name (code) : NULL;
  g_autofree char *a = NULL, *b = NULL;
  if (name == NULL || *label == '\0')
    return 0;
  a = bl_label_key (name);
  b = bl_label_key (label);
  return strcmp (a, b) == 0 ? 2 : g_str_has_prefix (a, b) ? 1 : 0;
}

/* Width in characters of the words of @idx on @line. */
static guint
words_width (const Reader *r, const GArray *idx, guint line)
{
  guint w = 0;
  for (guint i = 0; i < idx->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, g_array_index (idx, guint, i));
      if (t->line == line)
        w += (guint) g_utf8_strlen (t->text, -1);
    }
  return w;
}

/* The label words between two rows of one block (after the figures of
 * @prev, before the key of @next), token indexes @idx: how many of them
 * end @prev's label; the rest start @next's.  The catalogue decides where
 * it knows both names; else a label goes on while its lines fill the cell
 * (@widest characters), and the rest starts the next row's label. */
static guint
split_words (const Reader *r, LRow *prev, LRow *next,
             const GArray *idx, guint widest)
{
  int best = -1;
  guint best_at = idx->len;

  if (prev == NULL)
    return 0;
  if (next == NULL)
    return idx->len;
  for (guint at = 0; at <= idx->len; at++)
    {
      g_autoptr(GString) a = g_string_new (prev->label->str);
      g_autoptr(GString) b = g_string_new (NULL);
      int score;
      for (guint i = 0; i < idx->len; i++)
        g_string_append (i < at ? a : b, g_array_index (r->toks, Tok, g_array_index (idx, guint, i)).text);
      g_string_append (b, next->label->str);
      score = catalogue_score (prev->code, a->str) + bl_linear__catalogue_head_score (next->code, b->str);
      if (score > best || (score == best && at == idx->len))
        best = score, best_at = at;
    }
  if (best > 0)
    return best_at;
  {
    guint at = 0;
    gboolean open = prev->label->len == 0 || prev->last_width + 1 >= widest;
    while (at < idx->len && open)
      {
        guint line = g_array_index (r->toks, Tok, g_array_index (idx, guint, at)).line;
        open = words_width (r, idx, line) + 1 >= widest;
        while (at < idx->len
               && g_array_index (r->toks, Tok, g_array_index (idx, guint, at)).line == line)
          at++;
      }
    prev->guessed |= at > 0;
    next->guessed |= at < idx->len;
    return at;
  }
}

static gboolean
has_figure (const Reader *r, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    if (bl_linear__is_figure (&g_array_index (r->toks, Tok, i)))
      return TRUE;
  return FALSE;
}

/* The tokens of one row, from its key to the next key: label words, then
 * figures; words after the figures are settled with the next row.  An
 * empty cell after the label is a blank written in its place.  A row
 * without figures has only its key's line for sure: the lines below may
 * as well start the next label, wrapped around its code. */
void
bl_linear__take_own (Reader *r, LRow *row, guint from, guint to, guint *words_from)
{
  gboolean seen_figure = FALSE;
  guint empties = 0;
  guint n = ((BlPart *) g_ptr_array_index (r->table->parts, 0))->columns->len;
  guint key_line = from > 0 ? g_array_index (r->toks, Tok, from - 1).line : 0;
  gboolean key_line_only = r->layout || !has_figure (r, from, to);

  *words_from = to;
  for (guint i = from; i < to; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->kind == T_SKIP)
        continue;
      if (t->kind == T_EMPTY)
        {
          if (seen_figure && *words_from == to && row->figs->len < n)
            g_array_append_val (row->figs, *t);
          else if (*words_from == to)
            empties++;
          continue;
        }
      if (bl_linear__is_figure (t))
        {
          Tok blank = *t;
          blank.kind = T_EMPTY;
          blank.text = "";
          for (; empties; empties--)
            g_array_append_val (row->figs, blank);
          g_array_append_val (row->figs, *t);
          seen_figure = TRUE;
          if (!r->layout)
            *words_from = to;   /* words between figures: none of the labels' */
          continue;
        }
      empties = 0;
      if (t->kind != T_TEXT)
        continue;
      /* laid-out text has each row's words on its own line: words below
       * may be another block's, which settle_words() sorts out */
      if (!seen_figure && !(key_line_only && t->line != key_line))
        bl_linear__append_label (row, t, FALSE);
      else if (*words_from == to)
        *words_from = i;
    }
}

/* Text that opens the key's line, before the key: the head of its label
 * (a label printed around its code).  Text after another key or a figure
 * on the same line is that row's. */
guint
bl_linear__head_on_key_line (const Reader *r, guint key, guint floor)
{
  guint line = g_array_index (r->toks, Tok, key).line, at = key;
  while (at > floor && g_array_index (r->toks, Tok, at - 1).line == line
         && g_array_index (r->toks, Tok, at - 1).kind == T_TEXT)
    at--;
  if (at > 0 && g_array_index (r->toks, Tok, at - 1).line == line)
    return key;     /* another row's key or figure opens the line */
  return at;
}

/* The side-by-side block a token of laid-out text stands in: the last
 * key column at or left of it on its page (key columns: the codes' left
 * edges, one per block; each page of laid-out text has its own scale);
 * 0 for text without layout. */
typedef struct {
  guint page;
  double x;
} KeyColumn;

static guint
block_of (const GArray *columns, const Tok *t)
{
  guint b = 0, n = 0;
  for (guint i = 0; t->x0 >= 0 && i < columns->len; i++)
    {
      const KeyColumn *c = &g_array_index (columns, KeyColumn, i);
      if (c->page != t->block)
        continue;
      if (c->x <= t->x0 + 1)
        b = n;
      n++;
    }
  return b;
}

static gint
compare_columns (gconstpointer a, gconstpointer b)
{
  const KeyColumn *x = a, *y = b;
  if (x->page != y->page)
    return x->page < y->page ? -1 : 1;
  return x->x < y->x ? -1 : x->x > y->x;
}

/* The left edges of the codes, per page, grouped where they stand
 * within a few characters of each other (a tool's column scale wobbles
 * along a page): one column per side-by-side block. */
static GArray *
key_columns (const Reader *r, const GArray *keys)
{
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (KeyColumn));
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (KeyColumn));

  for (guint k = 0; r->layout && k < keys->len; k++)
    {
      const Tok *key = &g_array_index (r->toks, Tok, g_array_index (keys, guint, k));
      KeyColumn c = { key->block, key->x0 };
      if (c.x >= 0 && key->kind == T_CODE)
        g_array_append_val (xs, c);
    }
  g_array_sort (xs, compare_columns);
  for (guint i = 0; i < xs->len; i++)
    {
      const KeyColumn *c = &g_array_index (xs, KeyColumn, i);
      const KeyColumn *prev = i ? &g_array_index (xs, KeyColumn, i - 1) : NULL;
      if (prev == NULL || prev->page != c->page || c->x - prev->x > 6)
        g_array_append_val (cols, *c);
    }
  g_array_free (xs, TRUE);
  return cols;
}

/* The widest line of label words of block @b, in characters: a label line
 * that wide filled its cell, and the label goes on below. */
static guint
widest_in_block (const Reader *r, const GArray *columns, guint b)
{
  guint widest = 0, cur = 0, line = G_MAXUINT;
  for (guint i = r->data; i < r->toks->len; i++)
    {
      const Tok *t = &g_array_index (r->toks, Tok, i);
      if (t->line != line)
        cur = 0, line = t->line;
      if (t->kind == T_TEXT && block_of (columns, t) == b)
        widest = MAX (widest, cur += (guint) g_utf8_strlen (t->text, -1));
    }
  return widest;
}

/* The side-by-side block of row @k in text without layout: which key of
 * its line it is (the first key of a line is the left block's). */
static guint
ordinal_on_line (const Reader *r, GArray *keys, guint k)
{
  guint line = g_array_index (r->toks, Tok, g_array_index (keys, guint, k)).line, n = 0;
  while (k > 0 && g_array_index (r->toks, Tok, g_array_index (keys, guint, k - 1)).line == line)
    k--, n++;
  return n;
}

/* Text without layout of side-by-side blocks: the words after a line of
 * rows may end the label of any of them and start that of the row below
 * it in its block ("30110 2.71 30208 取暖费 0.00" / "缴费" /
 * "公务员医疗补助缴" / "30111 0.00 …").  The catalogue decides when one
 * row and one split make names it knows, and no other does as well;
 * TRUE when it gave @idx out. */
static gboolean
settle_by_catalogue (Reader *r, GArray *keys, guint k, const GArray *idx)
{
  guint line = g_array_index (r->toks, Tok, g_array_index (keys, guint, k)).line;
  int best = 0, best_j = -1, best_next = -1;
  guint best_at = 0;
  gboolean tied = FALSE;

  for (guint j = k + 1; j-- > 0;)
    {
      guint b;
      int next = -1;
      if (g_array_index (r->toks, Tok, g_array_index (keys, guint, j)).line != line)
        break;
      b = ordinal_on_line (r, keys, j);
      for (guint n = k + 1; n < keys->len && next < 0; n++)
        if (ordinal_on_line (r, keys, n) == b)
          next = (int) n;
      for (guint at = 0; at <= idx->len; at++)
        {
          const LRow *row = g_ptr_array_index (r->rows, j);
          const LRow *after = next >= 0 ? g_ptr_array_index (r->rows, (guint) next) : NULL;
          g_autoptr(GString) a = g_string_new (row->label->str);
          g_autoptr(GString) h = g_string_new (NULL);
          int score;
          for (guint i = 0; i < idx->len; i++)
            g_string_append (i < at ? a : h, g_array_index (r->toks, Tok, g_array_index (idx, guint, i)).text);
          if (after)
            g_string_append (h, after->label->str);
          else if (at < idx->len)
            continue;
          score = catalogue_score (row->code, a->str)
                  + (after ? bl_linear__catalogue_head_score (after->code, h->str) : 0);
          if (score > best)
            best = score, best_j = (int) j, best_next = next, best_at = at, tied = FALSE;
          else if (score == best && score > 0 && (best_j != (int) j || best_at != at))
            tied = TRUE;
        }
    }
  if (best == 0 || tied)
    return FALSE;
  for (guint i = 0; i < best_at; i++)
    bl_linear__append_label (g_ptr_array_index (r->rows, (guint) best_j),
                  &g_array_index (r->toks, Tok, g_array_index (idx, guint, i)), FALSE);
  for (guint i = idx->len; best_next >= 0 && i-- > best_at;)
    bl_linear__append_label (g_ptr_array_index (r->rows, (guint) best_next),
                  &g_array_index (r->toks, Tok, g_array_index (idx, guint, i)), TRUE);
  return TRUE;
}

/* Words after a row's figures end its label or start the next one's — the
 * next row of the same block, where blocks stand side by side. */
void
bl_linear__settle_words (Reader *r, GArray *keys, const guint *words_from, const guint *head)
{
  g_autoptr(GArray) columns = key_columns (r, keys);
  guint nb = MAX (columns->len, 1);
  g_autofree int *last = g_new (int, nb);           /* per block: its last row so far */
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree guint *widest = g_new0 (guint, nb);

  for (guint b = 0; b < nb; b++)
    {
      last[b] = -1;
      widest[b] = widest_in_block (r, columns, b);
    }
  for (guint k = 0; k <= keys->len; k++)
    g_ptr_array_add (buckets, g_array_new (FALSE, FALSE, sizeof (guint)));
  /* bucket k + 1 holds the words that follow row k in its block; bucket
   * 0 the words before a block's first row */
  for (guint k = 0; k < keys->len; k++)
    {
      const Tok *key = &g_array_index (r->toks, Tok, g_array_index (keys, guint, k));
      guint to = k + 1 < keys->len ? head[k + 1] : r->toks->len;
      last[block_of (columns, key)] = (int) k;
      for (guint i = words_from[k]; i < to; i++)
        {
          const Tok *t = &g_array_index (r->toks, Tok, i);
          int owner;
          if (t->kind != T_TEXT)
            continue;
          owner = last[block_of (columns, t)];
          g_array_append_val (g_ptr_array_index (buckets, (guint) (owner + 1)), i);
        }
    }
  for (guint k = 0; k < keys->len; k++)
    {
      GArray *idx = g_ptr_array_index (buckets, k + 1);
      LRow *row = g_ptr_array_index (r->rows, k);
      guint b = block_of (columns, &g_array_index (r->toks, Tok, g_array_index (keys, guint, k)));
      LRow *next = NULL;
      guint at;
      for (guint j = k + 1; j < keys->len && next == NULL; j++)
        if (block_of (columns, &g_array_index (r->toks, Tok, g_array_index (keys, guint, j))) == b)
          next = g_ptr_array_index (r->rows, j);
      if (idx->len == 0)
        continue;
      if (!r->layout && settle_by_catalogue (r, keys, k, idx))
        continue;
      at = split_words (r, row, next, idx, widest[b]);
      for (guint i = 0; i < at; i++)
        bl_linear__append_label (row, &g_array_index (r->toks, Tok, g_array_index (idx, guint, i)), FALSE);
      for (guint i = idx->len; next && i-- > at;)
        bl_linear__append_label (next, &g_array_index (r->toks, Tok, g_array_index (idx, guint, i)), TRUE);
    }
}

/* Label lines right above the first key, after the header, are the head
 * of its label when the catalogue says so ("社会保障和就" over 208 and
 * "业支出" below it). */
void
bl_linear__take_first_head (Reader *r, GArray *keys)
{
  LRow *row;
  guint key, at;
  const Tok *k;

  if (keys->len == 0 || r->rows->len == 0)
    return;
  key = g_array_index (keys, guint, 0);
  k = &g_array_index (r->toks, Tok, key);
  row = g_ptr_array_index (r->rows, 0);
  if (row->code == NULL || bl_catalog_name (row->code) == NULL)
    return;
  for (at = key; at > 0 && g_array_index (r->toks, Tok, at - 1).kind == T_TEXT
                 && k->line - g_array_index (r->toks, Tok, at - 1).line <= 2; at--)
    {
      g_autoptr(GString) label = g_string_new (NULL);
      for (guint i = at - 1; i < key; i++)
        g_string_append (label, g_array_index (r->toks, Tok, i).text);
      g_string_append (label, row->label->str);
      if (catalogue_score (row->code, label->str) > 0)
        {
          for (guint i = key; i-- > at - 1;)
            bl_linear__append_label (row, &g_array_index (r->toks, Tok, i), TRUE);
          return;
        }
    }
}
