/* Two-sided tables (收入支出决算总表, 财政拨款收入支出决算总表) that the
 * text writes column by column: read by the search of
 * recognize-linear-search.h.
 *
 * The two sides share the table's lines: each side's items from the top
 * (收入 一…八 beside 支出 一…二十六), then the totals of both, the grand
 * total (总计) on the last line of each.  The runs are placed on these
 * lines, in the columns of both sides, under each side's sums across
 * (合计 = 一般公共预算财政拨款 + …) and down (`down` in the template:
 * 本年收入合计 = the items above it …).  Alone these leave most items
 * open (which 类 is 326.71?), so the table is read once the other tables
 * are, under what they say (`same_as` and `total_in` in the template:
 * the 类 of 支出决算表, the 合计 row of 收入决算表 …), and only when the
 * text shows itself written column by column: the row reader reads it
 * meanwhile, and keeps its reading in text written in rows. */

#include "recognize-linear-search.h"
#include "recognize.h"
#include "identity.h"

#include <string.h>

typedef struct {
  guint part;
  const char *label;      /* as printed, interned */
  char *key;
  BlPos pos;
  guint line;
} SRow;

static void
srow_clear (gpointer p)
{
  g_free (((SRow *) p)->key);
}

/* Whether @names (label keys, "a|b": either) names the row keyed @key:
 * the same, or the beginning of it (使用非财政拨款结余（含专用结余）). */
static gboolean
names_row (const char *names, const char *key)
{
  g_auto(GStrv) alt = g_strsplit (names, "|", -1);
  for (guint i = 0; alt[i]; i++)
    if (*alt[i] && g_str_has_prefix (key, alt[i]))
      return TRUE;
  return FALSE;
}

/* The number an ordinal 一、… 九十九、 at the head of @label stands for,
 * or 0. */
static guint
ordinal_of (const char *label)
{
  static const char digits[] = "一二三四五六七八九";
  guint n = 0, d = 0;
  gboolean ten = FALSE;
  for (const char *p = label; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *at;
      char buf[8] = { 0 };
      g_unichar_to_utf8 (c, buf);
      if (c == 0x3001)                    /* 、 */
        return ten ? n * 10 + d + (n == 0 ? 10 : 0) : d;
      if (c == 0x5341)                    /* 十 */
        {
          if (ten)
            return 0;
          ten = TRUE, n = d, d = 0;
          continue;
        }
      if ((at = strstr (digits, buf)) == NULL || buf[0] == '\0')
        return 0;
      d = (guint) (at - digits) / 3 + 1;
    }
  return 0;
}

typedef struct {
  guint at;               /* index into the rows */
  guint order;
} Sorted;

static gint
by_order (gconstpointer a, gconstpointer b)
{
  const Sorted *x = a, *y = b;
  return x->order != y->order ? (x->order < y->order ? -1 : 1) : (x->at < y->at ? -1 : 1);
}

static int
list_index (const BlPartSpec *ps, const char *key)
{
  for (guint i = 0; ps && i < ps->rows->len; i++)
    if (strcmp (g_ptr_array_index (ps->rows, i), key) == 0)
      return (int) i;
  return -1;
}

/* The lines of side @p's rows: the items (类, sources of income) in the
 * order of their ordinals where each has one, from the top; below them
 * the totals in the template's order (a row printed again under one of
 * them, 年初财政拨款结转和结余's 一般公共预算财政拨款, after it), 总计 on
 * the last line.  The text's order of these is pdftotext's, not the
 * table's.  Returns the number of items; *@n_totals. */
static guint
side_lines (GArray *rows, guint p, const BlPartSpec *ps, guint *n_totals)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Sorted));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (Sorted));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int first_sum = G_MAXINT;
  guint last = 0;
  gboolean ordinals = TRUE;

  for (guint i = 0; ps && i < ps->rows->len; i++)
    if (bl_linear__is_total_key (g_ptr_array_index (ps->rows, i)))
      {
        first_sum = (int) i;
        break;
      }
  for (guint i = 0; i < rows->len; i++)
    {
      SRow *sr = &g_array_index (rows, SRow, i);
      int idx = list_index (ps, sr->key);
      Sorted x = { i, 0 };
      if (sr->part != p)
        continue;
      if (bl_linear__is_total_key (sr->key) || idx >= first_sum || g_hash_table_contains (seen, sr->key)
          || totals->len)
        {
          x.order = g_str_has_suffix (sr->key, "总计") ? G_MAXUINT
                    : idx >= first_sum && !g_hash_table_contains (seen, sr->key) ? (guint) idx * 100
                    : last + 1;
          last = x.order == G_MAXUINT ? last : x.order;
          g_array_append_val (totals, x);
          continue;
        }
      g_hash_table_add (seen, sr->key);
      x.order = ordinal_of (sr->label);
      ordinals &= x.order > 0;
      g_array_append_val (items, x);
    }
  if (ordinals)
    g_array_sort (items, by_order);
  g_array_sort (totals, by_order);
  for (guint i = 0; i < items->len; i++)
    g_array_index (rows, SRow, g_array_index (items, Sorted, i).at).line = i;
  for (guint i = 0; i < totals->len; i++)
    g_array_index (rows, SRow, g_array_index (totals, Sorted, i).at).line = G_MAXUINT - i;
  *n_totals = totals->len;
  return items->len;
}

/* The rows the labels give (header words and other text dropped), and
 * the line each stands on; the number of items (rows above the totals).
 * *@n_lines: how many lines the table has. */
static guint
side_rows (Reader *r, GArray *rows, guint *n_lines)
{
  guint n_parts = r->table->parts->len, items = 0, totals = 0;
  g_autofree guint *n_totals = g_new0 (guint, n_parts);
  g_autofree gboolean *in_totals = g_new0 (gboolean, n_parts);

  for (guint i = 0; i < r->rows->len; i++)
    {
      const LRow *lr = g_ptr_array_index (r->rows, i);
      SRow sr = { lr->part, NULL, bl_label_key (lr->label->str), lr->pos, 0 };
      /* a column's name, without an ordinal, among the items is its
       * header (pdftotext sets it between them); among the totals it is
       * a row (年初财政拨款结转和结余's 一般公共预算财政拨款) */
      gboolean header = lr->part < n_parts && !in_totals[lr->part]
                        && !bl_linear__has_ordinal (lr->label->str)
                        && bl_kind_spec_match_column (r->spec, sr.key) != NULL;
      if (header || lr->part >= n_parts
          || !(bl_linear__is_total_key (sr.key) || bl_kind_spec_label_known (r->spec, sr.key)))
        {
          g_free (sr.key);
          continue;
        }
      in_totals[sr.part] |= bl_linear__is_total_key (sr.key);
      sr.label = bl_filing__intern (r->filing, lr->label->str);
      g_array_append_val (rows, sr);
    }
  for (guint p = 0; p < n_parts; p++)
    {
      const BlPart *part = g_ptr_array_index (r->table->parts, p);
      items = MAX (items, side_lines (rows, p, bl_kind_spec_part (r->spec, part->name), &n_totals[p]));
      totals = MAX (totals, n_totals[p]);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      SRow *sr = &g_array_index (rows, SRow, i);
      guint t = G_MAXUINT - sr->line;
      if (t >= n_totals[sr->part])
        continue;
      /* the totals top-aligned, the grand total on the last line */
      sr->line = items + (g_str_has_suffix (sr->key, "总计") ? totals - 1 : t);
    }
  *n_lines = items + totals;
  return items;
}


/* The rows of part @p that a `down` sum of @ps names, as a mask over
 * @idx (the part's rows, indices into @rows). */
static gboolean *
named_rows (const BlPartSpec *ps, const GArray *rows, const GArray *idx)
{
  gboolean *named = g_new0 (gboolean, MAX (idx->len, 1));
  for (guint i = 0; i < idx->len; i++)
    {
      const char *key = g_array_index (rows, SRow, g_array_index (idx, guint, i)).key;
      for (guint s = 0; s < ps->down->len && !named[i]; s++)
        {
          const BlSumSpec *sum = g_ptr_array_index (ps->down, s);
          named[i] = names_row (sum->total, key);
          for (guint t = 0; t < sum->terms->len && !named[i]; t++)
            named[i] = names_row (g_ptr_array_index (sum->terms, t), key);
        }
    }
  return named;
}

/* The rows (positions in @idx) one term of a `down` sum stands for, the
 * sum's total at position @at. */
static void
term_rows (const char *term, const GArray *rows, const GArray *idx, const gboolean *named,
           guint at, GArray *out)
{
  if (strcmp (term, BL_ROWS_ABOVE) == 0)
    {
      guint from = at;
      while (from > 0 && !named[from - 1])
        from--;
      for (guint i = from; i < at; i++)
        g_array_append_val (out, i);
      return;
    }
  if (strcmp (term, BL_ROWS_BELOW) == 0)
    {
      for (guint i = at + 1; i < idx->len && !named[i]; i++)
        g_array_append_val (out, i);
      return;
    }
  for (guint i = 0; i < idx->len; i++)
    if (names_row (term, g_array_index (rows, SRow, g_array_index (idx, guint, i)).key))
      {
        g_array_append_val (out, i);
        return;
      }
}

/* Part @p's sums down its rows, in each of its columns. */
static void
side_down_sums (BlSearch *k, const BlPartSpec *ps, const GArray *rows, guint p, guint base,
                guint n_cols)
{
  g_autoptr(GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) signs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gboolean *named = NULL;

  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, SRow, i).part == p)
      g_array_append_val (idx, i);
  named = named_rows (ps, rows, idx);
  for (guint s = 0; s < ps->down->len; s++)
    {
      const BlSumSpec *sum = g_ptr_array_index (ps->down, s);
      g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (guint));
      guint total;
      term_rows (sum->total, rows, idx, named, 0, at);
      if (at->len == 0)
        continue;
      total = g_array_index (at, guint, 0);
      for (guint c = 0; c < n_cols; c++)
        {
          g_array_set_size (terms, 0), g_array_set_size (signs, 0);
          for (guint t = 0; t < sum->terms->len; t++)
            {
              g_autoptr(GArray) these = g_array_new (FALSE, FALSE, sizeof (guint));
              int sign = g_array_index (sum->signs, int, t);
              term_rows (g_ptr_array_index (sum->terms, t), rows, idx, named, total, these);
              for (guint i = 0; i < these->len; i++)
                {
                  const SRow *sr = &g_array_index (rows, SRow,
                                                   g_array_index (idx, guint, g_array_index (these, guint, i)));
                  guint cell = sr->line * k->n_cols + base + c;
                  g_array_append_val (terms, cell);
                  g_array_append_val (signs, sign);
                }
            }
          if (terms->len)
            bl_search__add_sum (k, g_array_index (rows, SRow, g_array_index (idx, guint, total)).line
                        * k->n_cols + base + c,
                     (const guint *) terms->data, (const int *) signs->data, terms->len);
        }
    }
}

/* Each side's sums across, on each of its rows. */
static void
side_across_sums (BlSearch *k, const BlKindSpec *spec, BlPart *part, const GArray *rows, guint p,
                  guint base)
{
  g_autoptr(GArray) ids = bl_identities__bind (spec, part);
  guint terms[64];

  for (guint i = 0; i < rows->len; i++)
    {
      const SRow *sr = &g_array_index (rows, SRow, i);
      if (sr->part != p)
        continue;
      for (guint d = 0; d < ids->len; d++)
        {
          const BlIdentity *id = &g_array_index (ids, BlIdentity, d);
          for (guint t = 0; t < id->n_terms && t < G_N_ELEMENTS (terms); t++)
            terms[t] = sr->line * k->n_cols + base + id->terms[t];
          if (id->n_terms <= G_N_ELEMENTS (terms))
            bl_search__add_sum (k, sr->line * k->n_cols + base + id->total, terms, id->signs, id->n_terms);
        }
    }
}

/* Writes the rows of @t as @k placed them; returns how many cells the
 * placements disagree on (left unread), *@example the first's row. */
static guint
write_sides (BlTable *t, const BlSearch *k, const GArray *rows, const guint *base,
             const char **example)
{
  guint unsure = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const SRow *sr = &g_array_index (rows, SRow, i);
      BlPart *part = g_ptr_array_index (t->parts, sr->part);
      BlRow *row = bl_part__add_row (part);
      row->pos = sr->pos;
      bl_row__set_label (row, sr->label);
      for (guint c = 0; c < part->columns->len; c++)
        if (bl_search__write_cell (k, sr->line * k->n_cols + base[sr->part] + c, t,
                                   &row->cells[c], sr->pos)
            && unsure++ == 0)
          *example = sr->label;
    }
  bl_table__finish (t);
  return unsure;
}

/* Lays the sides out on their lines, the columns of both side by side
 * (@base: each side's first); FALSE when two rows of a side would share
 * a line. */
static gboolean
side_grid (BlSearch *k, const GArray *rows, guint *base, BlTable *t, const BlKindSpec *spec)
{
  gboolean *exists;
  guint *side;

  k->n_cols = 0;
  for (guint p = 0; p < t->parts->len; p++)
    {
      BlPart *part = g_ptr_array_index (t->parts, p);
      base[p] = k->n_cols;
      k->n_cols += part->columns->len;
    }
  k->rare = g_new0 (gboolean, MAX (k->n_cols, 1));
  side = g_new0 (guint, MAX (k->n_cols, 1));
  k->side = side;
  for (guint p = 0; p < t->parts->len; p++)
    {
      BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint c = 0; c < part->columns->len; c++)
        {
          const BlColumn *col = g_ptr_array_index (part->columns, c);
          const BlColumnSpec *cs = bl_kind_spec_column (spec, col->name);
          side[base[p] + c] = p;
          k->rare[base[p] + c] = cs && cs->rare;
        }
    }
  exists = g_new0 (gboolean, MAX (k->n_rows * k->n_cols, 1));
  k->exists = exists;
  for (guint i = 0; i < rows->len; i++)
    {
      const SRow *sr = &g_array_index (rows, SRow, i);
      BlPart *part = g_ptr_array_index (t->parts, sr->part);
      for (guint c = 0; c < part->columns->len; c++)
        {
          guint cell = sr->line * k->n_cols + base[sr->part] + c;
          if (exists[cell])
            return FALSE;
          exists[cell] = TRUE;
        }
    }
  return TRUE;
}

/* ---- what the other tables say ---- */

/* The row of @t's first part keyed @key (a 类 by its name), or its total
 * row for @key NULL. */
static const BlRow *
other_row (const BlTable *t, const char *key)
{
  const BlPart *part = g_ptr_array_index (t->parts, 0);
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      if (key == NULL ? row->code == NULL && row->key && bl_linear__is_total_key (row->key)
                      : row->code && strlen (row->code) == 3 && g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

static int
column_index (const BlPart *part, const char *name)
{
  for (guint c = 0; c < part->columns->len; c++)
    if (g_strcmp0 (((const BlColumn *) g_ptr_array_index (part->columns, c))->name, name) == 0)
      return (int) c;
  return -1;
}

/* A table of @kind read and not in doubt (its unread cells say
 * nothing), or NULL. */
static const BlTable *
trusted (const BlFiling *f, const char *kind)
{
  const BlTable *t = bl_filing_find_table (f, kind);
  return t && t->doubt == NULL && t->parts->len == 1 ? t : NULL;
}

/* The @n cells add up to what @cell holds (NULL or blank: nothing);
 * a cell not read says nothing. */
static void
give (BlSearch *k, const BlCell *cell, const guint *cells, guint n)
{
  if (cell && (cell->kind == BL_CELL_UNREAD || cell->kind == BL_CELL_TEXT))
    return;
  bl_search__add_given (k, cell && cell->kind == BL_CELL_NUMBER ? bl_num_from_decimal (cell->value)
                                                                : bl_num_zero (), cells, n);
}

/* same_as: a 类 row holds what the other table's row of the 类 holds (a
 * 类 it does not list: nothing), the row it names its 合计 row's. */
static void
given_same (BlSearch *k, BlFiling *f, const BlColumnSpec *cs, const GArray *rows, guint p,
            guint col, guint items)
{
  const BlTable *other = trusted (f, cs->same_as[0]);
  int oc = other ? column_index (g_ptr_array_index (other->parts, 0), cs->same_as[1]) : -1;

  for (guint i = 0; oc >= 0 && i < rows->len; i++)
    {
      const SRow *sr = &g_array_index (rows, SRow, i);
      gboolean total = strcmp (sr->key, cs->same_as[2]) == 0;
      const BlRow *row;
      guint cell = sr->line * k->n_cols + col;
      if (sr->part != p || !(total || (sr->line < items && bl_catalog_is_class (sr->key))))
        continue;
      row = other_row (other, total ? NULL : sr->key);
      if (row || !total)
        give (k, row ? &row->cells[oc] : NULL, &cell, 1);
    }
}

/* The items of side @p (rows above its totals) that @target names add
 * up to what @other's 合计 row holds in its column @name (an empty
 * table: nothing). */
static void
given_total (BlSearch *k, const BlTable *other, const char *name, char **target,
             const GArray *rows, guint p, guint col, guint items)
{
  const BlPart *part = g_ptr_array_index (other->parts, 0);
  const BlRow *total = other_row (other, NULL);
  int oc = column_index (part, name);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

  if (oc < 0 || (total == NULL && (part->rows->len || other->statement == NULL)))
    return;
  for (guint r = 0; r < rows->len; r++)
    {
      const SRow *sr = &g_array_index (rows, SRow, r);
      guint cell = sr->line * k->n_cols + col;
      if (sr->part == p && sr->line < items
          && g_strv_contains ((const char *const *) target + 2, sr->key))
        g_array_append_val (cells, cell);
    }
  if (cells->len)
    give (k, total ? &total->cells[oc] : NULL, (const guint *) cells->data, cells->len);
}

/* total_in of another table's column, read backwards: the rows it names
 * of this table add up to what that table's 合计 row holds there. */
static void
given_totals (BlSearch *k, BlFiling *f, const BlTable *t, const GArray *rows, guint p,
              const char *part_name, guint col, guint items)
{
  const GPtrArray *specs = bl_kind_specs ();
  for (guint i = 0; i < specs->len; i++)
    {
      const BlKindSpec *spec = g_ptr_array_index (specs, i);
      const BlTable *other = NULL;
      for (guint c = 0; c < spec->columns->len; c++)
        {
          const BlColumnSpec *cs = g_ptr_array_index (spec->columns, c);
          for (guint n = 0; cs->total_in && n < cs->total_in->len; n++)
            {
              char **target = g_ptr_array_index (cs->total_in, n);
              if (g_strcmp0 (target[0], t->kind) == 0 && g_strcmp0 (target[1], part_name) == 0
                  && (other != NULL || (other = trusted (f, spec->kind)) != NULL))
                given_total (k, other, cs->name, target, rows, p, col, items);
            }
        }
    }
}

/* ---- reading ---- */

typedef struct {
  BlTable *table;
  GArray *rows;           /* SRow */
  GArray *toks;           /* Tok */
  guint items, lines;
} Pending;

static void
pending_free (gpointer p)
{
  Pending *x = p;
  g_array_unref (x->rows);
  g_array_unref (x->toks);
  g_free (x);
}

/* The sums of @x's table: each side's across and down, and what the
 * other tables say. */
static void
side_sums (BlSearch *k, BlFiling *f, const Pending *x, const BlKindSpec *spec, const guint *base)
{
  BlTable *t = x->table;
  bl_search__sums_new (k);
  for (guint p = 0; p < t->parts->len; p++)
    {
      BlPart *part = g_ptr_array_index (t->parts, p);
      const BlPartSpec *ps = bl_kind_spec_part (spec, part->name);
      side_across_sums (k, spec, part, x->rows, p, base[p]);
      if (ps && ps->down)
        side_down_sums (k, ps, x->rows, p, base[p], part->columns->len);
      for (guint c = 0; ps && c < part->columns->len; c++)
        {
          const BlColumn *col = g_ptr_array_index (part->columns, c);
          const BlColumnSpec *cs = bl_part_spec_column (ps, col->name);
          if (cs && cs->same_as)
            given_same (k, f, cs, x->rows, p, base[p] + c, x->items);
          if (c == 0)
            given_totals (k, f, t, x->rows, p, part->name, base[p], x->items);
        }
    }
}

/* Solves @x under its sums and what the other tables say.  FALSE: the
 * table is left as it was. */
static gboolean
solve_sides (BlFiling *f, const Pending *x)
{
  BlTable *t = x->table;
  const BlKindSpec *spec = bl_kind_spec_lookup (t->kind);
  BlSearch k = { 0 };
  g_autofree guint *base = g_new0 (guint, MAX (t->parts->len, 1));
  gboolean ok = FALSE;
  guint unsure = 0;
  const char *example = NULL;

  k.figs = g_array_new (FALSE, FALSE, sizeof (Tok));
  k.runs = g_array_new (FALSE, FALSE, sizeof (guint));
  k.n_rows = x->lines;
  if (spec && side_grid (&k, x->rows, base, t, spec) && bl_search__runs (&k, x->toks)
      && bl_search__values (&k, t))
    {
      side_sums (&k, f, x, spec, base);
      ok = bl_search__all (&k);
      if (!ok && !k.exhausted && k.runs->len / 2 < k.figs->len)
        {
          bl_search__results_free (&k);
          bl_search__split_runs (&k);
          side_sums (&k, f, x, spec, base);
          ok = bl_search__all (&k);
        }
    }
  for (guint c = 0; ok && c < k.n_rows * k.n_cols; c++)
    unsure += k.differs[c];
  if (ok)
    {
      bl_filing__retract (f, t->title);
      bl_table__clear_rows (t);
      unsure = write_sides (t, &k, x->rows, base, &example);
      t->placed_by_sums = TRUE;
      if (unsure)
        bl_filing__note (f, "READ.place", BL_SEVERITY_WARNING, &t->pos, t->title,
                         "%s：文本未按行写出表格（按栏书写），%u 个单元格是否有数字、是哪个数字无法确定"
                         "（表内及与其他表的勾稽关系不能唯一确定），这些单元格不参与计算，如“%s”",
                         t->title, unsure, example);
    }
  bl_search__results_free (&k);
  g_free (k.vals), g_free (k.rare), g_free ((gboolean *) k.exists), g_free ((guint *) k.side);
  g_array_free (k.figs, TRUE), g_array_free (k.runs, TRUE);
  return ok;
}

/* Keeps the two-sided table of @r (its labels read into r->rows) and
 * @toks, to be read again once every table is read, if the text turns
 * out to be written column by column (bl_linear__finish_sides): only
 * then, and only with what the other tables say, is a search worth its
 * cost.  The row reader reads it meanwhile. */
void
bl_linear__keep_sides (Reader *r, const GArray *toks)
{
  Pending *x;

  if (r->layout || r->table->parts->len < 2)
    return;
  x = g_new0 (Pending, 1);
  x->table = r->table;
  x->rows = g_array_new (FALSE, FALSE, sizeof (SRow));
  g_array_set_clear_func (x->rows, srow_clear);
  x->toks = g_array_copy ((GArray *) toks);
  x->items = side_rows (r, x->rows, &x->lines);
  if (r->filing->pending == NULL)
    r->filing->pending = g_ptr_array_new_with_free_func (pending_free);
  g_ptr_array_add (r->filing->pending, x);
}

/* The two-sided tables of text written column by column (@scrambled:
 * some table showed it), or that the row reader found out of order, read
 * again with what the other tables say (the 类 of 支出决算表, the 合计 row
 * of 收入决算表 …). */
void
bl_linear__finish_sides (BlFiling *f, gboolean scrambled)
{
  for (guint i = 0; f->pending && i < f->pending->len; i++)
    {
      Pending *x = g_ptr_array_index (f->pending, i);
      BlTable *t = x->table;
      if (!g_ptr_array_find (f->tables, t, NULL) || x->lines == 0 || !(scrambled || t->doubt))
        continue;
      if (solve_sides (f, x))
        t->doubt = NULL;
    }
  g_clear_pointer (&f->pending, g_ptr_array_unref);
}
