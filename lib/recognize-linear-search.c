/* The search that places runs of figures in a table's cells: see
 * recognize-linear-search.h. */

#include "recognize-linear-search.h"

#include <string.h>

#define NODE_BUDGET 50000

static gboolean search (BlSearch *k, guint i);

/* Figures on consecutive lines with nothing between them are one run; a
 * line with two figures is not column-by-column text. */
gboolean
bl_search__runs (BlSearch *k, const GArray *toks)
{
  guint prev_line = 0;
  gboolean in_run = FALSE;

  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);
      if (t->kind != T_AMOUNT)
        {
          in_run = in_run && (t->kind == T_SKIP || t->kind == T_EMPTY);
          continue;
        }
      if (in_run && t->pos.line == prev_line)
        return FALSE;
      if (!in_run || t->pos.line != prev_line + 1)
        {
          guint run[2] = { k->figs->len, 0 };
          g_array_append_vals (k->runs, run, 2);
        }
      g_array_index (k->runs, guint, k->runs->len - 1)++;
      g_array_append_val (k->figs, *t);
      prev_line = t->pos.line;
      in_run = TRUE;
    }
  return k->figs->len > 0;
}

/* Each figure a run of its own: pdftotext writes a column's last cells
 * together on consecutive lines even where blank cells stand between
 * them (the right side's 本年支出合计 … 总计 after the 注). */
void
bl_search__split_runs (BlSearch *k)
{
  g_array_set_size (k->runs, 0);
  for (guint f = 0; f < k->figs->len; f++)
    {
      guint run[2] = { f, 1 };
      g_array_append_vals (k->runs, run, 2);
    }
}

/* The figures as numbers, in the table's unit; FALSE if one is not. */
gboolean
bl_search__values (BlSearch *k, const BlTable *t)
{
  k->vals = g_new (BlNum, MAX (k->figs->len, 1));
  for (guint f = 0; f < k->figs->len; f++)
    {
      BlDecimal d;
      if (!bl_decimal_parse (g_array_index (k->figs, Tok, f).text, &d, NULL))
        return FALSE;
      if (d.unit == BL_UNIT_NONE)
        d.unit = (guint8) t->unit;
      k->vals[f] = bl_num_from_decimal (d);
      k->signed_figs |= d.units < 0;
    }
  return TRUE;
}

void
bl_search__add_sum (BlSearch *k, guint total, const guint *terms, const int *signs, guint n)
{
  Sum s = { total, k->terms->len, n, bl_num_zero () };
  g_array_append_vals (k->terms, terms, n);
  g_array_append_vals (k->signs, signs, n);
  g_array_append_val (k->sums, s);
}

void
bl_search__add_given (BlSearch *k, BlNum given, const guint *terms, guint n)
{
  g_autofree int *plus = g_new (int, MAX (n, 1));
  Sum *s;
  for (guint i = 0; i < n; i++)
    plus[i] = 1;
  bl_search__add_sum (k, NO_CELL, terms, plus, n);
  s = &g_array_index (k->sums, Sum, k->sums->len - 1);
  s->given = given;
}

static gboolean
same_side (const BlSearch *k, guint a, guint b)
{
  return k->side == NULL || k->side[a] == k->side[b];
}

static gboolean
settled (const BlSearch *k, guint cell)
{
  return cell / k->n_cols < k->ptr[cell % k->n_cols];
}

static BlNum
value_at (const BlSearch *k, guint cell)
{
  return k->cell[cell] >= 0 ? k->vals[k->cell[cell]] : bl_num_zero ();
}

/* Whether @s can still hold: exactly once all its cells are settled, as
 * an upper bound before (figures that cannot be negative only add). */
static gboolean
sum_may_hold (const BlSearch *k, const Sum *s)
{
  BlNum sum = bl_num_zero (), total;
  gboolean open = FALSE, plus = !k->signed_figs;
  const char *why;

  if (s->total != NO_CELL && !settled (k, s->total))
    return TRUE;
  for (guint i = 0; i < s->n; i++)
    {
      guint cell = g_array_index (k->terms, guint, s->first + i);
      int sign = g_array_index (k->signs, int, s->first + i);
      BlNum v;
      plus &= sign > 0;
      if (!settled (k, cell))
        {
          open = TRUE;
          continue;
        }
      v = value_at (k, cell);
      if (sign < 0)
        bl_num_neg (&v);
      if (!bl_num_add (&sum, &v, &sum, &why))
        return FALSE;
    }
  total = s->total == NO_CELL ? s->given : value_at (k, s->total);
  if (!open)
    return bl_num_consistency (&sum, &total) != BL_INCONSISTENT;
  return !plus || bl_num_may_le (&sum, &total);
}

static gboolean
sums_may_hold (const BlSearch *k)
{
  for (guint i = 0; i < k->sums->len; i++)
    if (!sum_may_hold (k, &g_array_index (k->sums, Sum, i)))
      return FALSE;
  return TRUE;
}

/* The sums that cells settled since @old_ptr take part in, and what
 * those cells are known to hold. */
static gboolean
new_sums_may_hold (const BlSearch *k, const guint *old_ptr)
{
  for (guint c = 0; c < k->n_cols; c++)
    for (guint r = old_ptr[c]; r < k->ptr[c]; r++)
      {
        guint cell = r * k->n_cols + c;
        const GArray *in = g_ptr_array_index (k->touching, cell);
        if (k->is_known && k->is_known[cell])
          {
            BlNum v = value_at (k, cell);
            if (bl_num_consistency (&v, &k->known[cell]) == BL_INCONSISTENT)
              return FALSE;
          }
        for (guint i = 0; i < in->len; i++)
          if (!sum_may_hold (k, &g_array_index (k->sums, Sum, g_array_index (in, guint, i))))
            return FALSE;
      }
  return TRUE;
}

static void
index_sums (BlSearch *k)
{
  guint cells = k->n_rows * k->n_cols;
  k->touching = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < cells; i++)
    g_ptr_array_add (k->touching, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < k->sums->len; i++)
    {
      const Sum *s = &g_array_index (k->sums, Sum, i);
      if (s->total != NO_CELL)
        g_array_append_val (g_ptr_array_index (k->touching, s->total), i);
      for (guint t = 0; t < s->n; t++)
        g_array_append_val (g_ptr_array_index (k->touching,
                                               g_array_index (k->terms, guint, s->first + t)), i);
    }
}

static void
record (BlSearch *k)
{
  for (guint i = 0; i < k->n_rows * k->n_cols; i++)
    {
      const char *text = k->cell[i] >= 0 ? g_array_index (k->figs, Tok, k->cell[i]).text : NULL;
      if (k->n_solutions == 0)
        {
          k->seen[i] = text;
          if (text)
            k->seen_pos[i] = g_array_index (k->figs, Tok, k->cell[i]).pos;
        }
      else if (g_strcmp0 (k->seen[i], text) != 0)
        k->differs[i] = TRUE;
    }
  k->n_solutions++;
}

/* Whether the figures from @next on still fit in the cells a later run
 * may take, once a run ending above row @end of column @c leaves the
 * cells above @end in that column and the ones left of it blank.  In a table
 * printed with every cell filled (0.00 where nothing was spent) this
 * forbids any blank, which is what keeps the search short when every
 * figure stands alone. */
static gboolean
room_left (const BlSearch *k, guint c, guint end, guint next)
{
  guint free = 0;
  for (guint col = 0; col < k->n_cols; col++)
    free += k->room[(col <= c && same_side (k, col, c) ? MAX (k->ptr[col], end) : k->ptr[col])
                    * k->n_cols + col];
  return free >= k->figs->len - next;
}

static gboolean
try_at (BlSearch *k, guint i, guint c, guint s)
{
  guint first = g_array_index (k->runs, guint, 2 * i);
  guint len = g_array_index (k->runs, guint, 2 * i + 1);
  g_autofree guint *old_ptr = g_memdup2 (k->ptr, k->n_cols * sizeof (guint));
  int old_col = k->last_col;
  guint old_end = k->last_end;
  gboolean ok = TRUE;

  if ((int) c > k->last_col && s > k->last_end && same_side (k, c, (guint) k->last_col))
    return TRUE;
  if (!room_left (k, c, s + len, first + len))
    return TRUE;
  k->last_col = (int) c, k->last_end = s + len - 1;

  for (guint n = 0; n < len; n++)
    k->cell[(s + n) * k->n_cols + c] = (int) (first + n);
  /* what comes later at or left of column @c starts below this run */
  for (guint left = 0; left <= c; left++)
    if (same_side (k, left, c))
      k->ptr[left] = MAX (k->ptr[left], s + len);
  if (new_sums_may_hold (k, old_ptr))
    ok = search (k, i + 1);
  for (guint n = 0; n < len; n++)
    k->cell[(s + n) * k->n_cols + c] = -1;
  memcpy (k->ptr, old_ptr, k->n_cols * sizeof (guint));
  k->last_col = old_col, k->last_end = old_end;
  return ok;
}

static gboolean
run_fits (const BlSearch *k, guint c, guint s, guint len)
{
  for (guint n = 0; k->exists && n < len; n++)
    if (!k->exists[(s + n) * k->n_cols + c])
      return FALSE;
  return TRUE;
}

/* Places run @i and the ones after it; FALSE when the budget ran out. */
static gboolean
search (BlSearch *k, guint i)
{
  guint n_runs = k->runs->len / 2;
  if (++k->nodes > NODE_BUDGET)
    return FALSE;
  if (i == n_runs)
    {
      g_autofree guint *saved = g_memdup2 (k->ptr, k->n_cols * sizeof (guint));
      for (guint c = 0; c < k->n_cols; c++)
        k->ptr[c] = k->n_rows;
      if (sums_may_hold (k))
        record (k);
      memcpy (k->ptr, saved, k->n_cols * sizeof (guint));
      return TRUE;
    }
  for (guint c = 0; c < k->n_cols; c++)
    {
      guint len = g_array_index (k->runs, guint, 2 * i + 1);
      if (k->shun_rare && k->rare[c])
        continue;
      for (guint s = k->ptr[c]; s + len <= k->n_rows; s++)
        if (run_fits (k, c, s, len) && !try_at (k, i, c, s))
          return FALSE;
    }
  return TRUE;
}

/* Solves sum @s (total = Σ sign·term) for its one cell not known yet,
 * if it has just one. */
static gboolean
learn_from (BlSearch *k, const Sum *s)
{
  BlNum terms = bl_num_zero (), total = s->given, v;
  gboolean total_known = s->total == NO_CELL || k->is_known[s->total];
  int open = -1, open_sign = 0;
  const char *why;

  if (s->total != NO_CELL && total_known)
    total = k->known[s->total];
  for (guint i = 0; i < s->n; i++)
    {
      guint cell = g_array_index (k->terms, guint, s->first + i);
      int sign = g_array_index (k->signs, int, s->first + i);
      if (!k->is_known[cell])
        {
          if (open >= 0)
            return FALSE;
          open = (int) cell, open_sign = sign;
          continue;
        }
      v = k->known[cell];
      if (sign < 0)
        bl_num_neg (&v);
      if (!bl_num_add (&terms, &v, &terms, &why))
        return FALSE;
    }
  if (open < 0 && !total_known)
    {
      k->known[s->total] = terms;         /* the total of known terms */
      k->is_known[s->total] = TRUE;
      return TRUE;
    }
  if (open < 0 || !total_known || !bl_num_sub (&total, &terms, &v, &why))
    return FALSE;
  if (open_sign < 0)
    bl_num_neg (&v);
  k->known[open] = v;                     /* the one term left */
  k->is_known[open] = TRUE;
  return TRUE;
}

/* What the sums alone say some cells hold, propagated to a fixed point:
 * a figure another table gives, a total of known cells, the one unknown
 * term of a sum. */
static void
learn_known (BlSearch *k)
{
  gboolean changed = TRUE;
  guint cells = k->n_rows * k->n_cols;
  k->known = g_new0 (BlNum, MAX (cells, 1));
  k->is_known = g_new0 (gboolean, MAX (cells, 1));
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < k->sums->len; i++)
        changed |= learn_from (k, &g_array_index (k->sums, Sum, i));
    }
}

void
bl_search__sums_new (BlSearch *k)
{
  k->sums = g_array_new (FALSE, FALSE, sizeof (Sum));
  k->terms = g_array_new (FALSE, FALSE, sizeof (guint));
  k->signs = g_array_new (FALSE, FALSE, sizeof (int));
}

static void
count_room (BlSearch *k)
{
  guint C = k->n_cols;
  k->room = g_new0 (guint, (k->n_rows + 1) * C);
  for (guint r = k->n_rows; r-- > 0;)
    for (guint c = 0; c < C; c++)
      k->room[r * C + c] = k->room[(r + 1) * C + c] + (!k->exists || k->exists[r * C + c]);
}

/* Every placement under the sums built in @k (freed here). */
gboolean
bl_search__all (BlSearch *k)
{
  guint cells = k->n_rows * k->n_cols;
  gboolean done;

  index_sums (k);
  count_room (k);
  learn_known (k);
  k->cell = g_new (int, cells);
  memset (k->cell, -1, cells * sizeof (int));
  k->ptr = g_new0 (guint, k->n_cols);
  k->last_col = G_MAXINT;
  k->seen = g_new0 (const char *, cells);
  k->seen_pos = g_new0 (BlPos, cells);
  k->differs = g_new0 (gboolean, cells);
  k->nodes = 0;
  k->n_solutions = 0;
  /* as every reader of the template does: a rare column (上缴上级支出,
   * 事业收入 …) is blank unless the figures cannot be placed without it */
  k->shun_rare = TRUE;
  done = search (k, 0);
  if (done && k->n_solutions == 0)
    {
      k->shun_rare = FALSE;
      k->nodes = 0;
      done = search (k, 0);
    }
  k->exhausted = !done;
  g_array_free (k->sums, TRUE), g_array_free (k->terms, TRUE), g_array_free (k->signs, TRUE);
  g_ptr_array_free (k->touching, TRUE);
  g_free (k->cell), g_free (k->ptr), g_free (k->room);
  g_clear_pointer (&k->known, g_free);
  g_clear_pointer (&k->is_known, g_free);
  return done && k->n_solutions > 0;
}

gboolean
bl_search__write_cell (const BlSearch *k, guint at, BlTable *t, BlCell *cell, BlPos pos)
{
  if (k->differs[at])
    {
      cell->kind = BL_CELL_UNREAD;
      cell->pos = pos;
      return TRUE;
    }
  if (k->seen[at])
    {
      Tok tok = { T_AMOUNT, k->seen[at], k->seen_pos[at], 0, -1, -1, 0 };
      bl_linear__set_cell (t, cell, &tok);
    }
  return FALSE;
}

void
bl_search__results_free (BlSearch *k)
{
  g_clear_pointer (&k->seen, g_free);
  g_clear_pointer (&k->seen_pos, g_free);
  g_clear_pointer (&k->differs, g_free);
}
