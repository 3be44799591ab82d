/* Placing figures whose column the text does not show (placement.h).
 *
 * Each row placed on its own is a unit; so is each page of laid-out text,
 * whose rows share one map from the page's columns to the table's.  A
 * unit's candidates are its possible placements; the row identities
 * filter them, then the code tree's sums prune them (generalised arc
 * consistency: a candidate stays while some choice of the other units of
 * a sum satisfies it) until nothing changes.  Searches are bounded: what
 * cannot be decided within the bound stays possible, so the result errs
 * towards "ambiguous", never towards a guess. */

#include "placement.h"
#include "identity.h"
#include "decimal.h"

#include <string.h>

/* Bounds on the work one table may cost: candidates per unit, and
 * choices tried when looking for a candidate's support. */
#define MAX_CANDIDATES 4096
#define MAX_SUPPORT_TRIES 20000
/* Sums tried in one table, all groups and rounds together: the search is
 * exponential in the worst case (hundreds of rows of figures that fit
 * many columns).  Past it nothing more is ruled out, so rows left with
 * several placements are unplaced — said, never guessed. */
#define MAX_TABLE_WORK 200000

typedef struct {
  GArray *rows;           /* guint: the rows it places */
  gboolean layout;        /* a page: candidates map its clusters */
  guint width;            /* ints per candidate: figures, or clusters */
  GArray *cands;          /* int, width per candidate */
  GArray *alive;          /* gboolean per candidate */
} Unit;

typedef struct {
  guint parent;           /* the row that is the sum */
  GArray *parts;          /* guint: the rows summed */
} Group;

typedef struct {
  const BlPlaceTable *t;
  BlPlaceRow *rows;
  guint n_rows;
  GArray *units;          /* Unit */
  int *unit_of;           /* per row */
  GArray *groups;         /* Group */
  int *choice;            /* per unit during a search: a candidate index */
  guint tries;
  guint work;             /* sums tried so far, see MAX_TABLE_WORK */
} Solver;

/* ---- candidates ---- */

static guint
n_alive (const Unit *u)
{
  guint n = 0;
  for (guint i = 0; i < u->alive->len; i++)
    n += g_array_index (u->alive, gboolean, i);
  return n;
}

static const int *
cand (const Unit *u, guint k)
{
  return &g_array_index (u->cands, int, k * u->width);
}

/* The column of figure @f of row @r under candidate @k of its unit. */
static int
column_of (const Solver *s, guint r, guint k, guint f)
{
  const Unit *u = &g_array_index (s->units, Unit, s->unit_of[r]);
  const int *c = cand (u, k);
  if (!u->layout)
    return c[f];
  return c[s->rows[r].figs[f].cluster];
}

/* Fills @vals (one per column, NULL: blank) for row @r under candidate
 * @k of its unit. */
static void
row_values (const Solver *s, guint r, guint k, const BlDecimal **vals)
{
  const BlPlaceRow *row = &s->rows[r];
  memset (vals, 0, s->t->n_cols * sizeof *vals);
  for (guint f = 0; f < row->n_figs; f++)
    if (!row->figs[f].dash)
      vals[column_of (s, r, k, f)] = &row->figs[f].value;
}

/* Every increasing choice of @m of @n columns, appended to @out. */
static void
choose (guint n, guint m, guint from, int *cur, guint depth, GArray *out)
{
  if (out->len / MAX (m, 1) > MAX_CANDIDATES)
    return;
  if (depth == m)
    {
      g_array_append_vals (out, cur, m);
      return;
    }
  for (guint c = from; c + (m - depth) <= n; c++)
    {
      cur[depth] = (int) c;
      choose (n, m, c + 1, cur, depth + 1, out);
    }
}

static gboolean
uses_rare (const Solver *s, guint r, guint k)
{
  const BlPlaceRow *row = &s->rows[r];
  if (s->t->rare == NULL)
    return FALSE;
  for (guint f = 0; f < row->n_figs; f++)
    if (!row->figs[f].dash && s->t->rare[column_of (s, r, k, f)])
      return TRUE;
  return FALSE;
}

static gboolean
row_identities_hold (const Solver *s, guint r, guint k)
{
  const BlDecimal *vals[64];
  const GArray *ids = s->t->identities;
  row_values (s, r, k, vals);
  for (guint i = 0; ids && i < ids->len; i++)
    if (bl_identity__check (&g_array_index (ids, BlIdentity, i), vals) == BL_INCONSISTENT)
      return FALSE;
  return TRUE;
}

static gboolean
expected_total_holds (const Solver *s, guint r, guint k)
{
  const BlDecimal *vals[64];
  const BlNum *const *want = s->t->expected_total;
  row_values (s, r, k, vals);
  for (guint c = 0; want && c < s->t->n_cols; c++)
    {
      BlNum have;
      if (want[c] == NULL)
        continue;
      have = vals[c] ? bl_num_from_decimal (*vals[c]) : bl_num_zero ();
      if (bl_num_consistency (&have, want[c]) == BL_INCONSISTENT)
        return FALSE;
    }
  return TRUE;
}

/* Every choice of distinct columns for the figures in which the figures
 * of one line keep their order (lines of one row may have been written
 * in another order than the columns: a total printed below its parts). */
static void
choose_by_lines (const BlPlaceRow *row, guint n, guint f, int *cur, guint64 used,
                 GArray *out)
{
  if (out->len / MAX (row->n_figs, 1) > MAX_CANDIDATES)
    return;
  if (f == row->n_figs)
    {
      g_array_append_vals (out, cur, row->n_figs);
      return;
    }
  for (guint c = 0; c < n; c++)
    {
      if (used & ((guint64) 1 << c))
        continue;
      if (f > 0 && row->figs[f - 1].segment == row->figs[f].segment && (int) c <= cur[f - 1])
        continue;
      cur[f] = (int) c;
      choose_by_lines (row, n, f + 1, cur, used | ((guint64) 1 << c), out);
    }
}

static gboolean row_identities_hold (const Solver *s, guint r, guint k);

static gboolean
some_candidate_holds (const Solver *s, const Unit *u)
{
  guint r = g_array_index (u->rows, guint, 0);
  for (guint k = 0; k < u->cands->len / MAX (u->width, 1); k++)
    if (row_identities_hold (s, r, k))
      return TRUE;
  return FALSE;
}

static gboolean
several_lines (const BlPlaceRow *row)
{
  for (guint f = 1; f < row->n_figs; f++)
    if (row->figs[f].segment != row->figs[0].segment)
      return TRUE;
  return FALSE;
}

/* Candidates of the unit; all alive.  A row's figures go in reading
 * order, unless no placement in that order satisfies its identities and
 * they came on several lines: then each line keeps its own order. */
static void
make_candidates (Solver *s, Unit *u)
{
  int cur[BL_PLACE_MAX_FIGS];
  const BlPlaceRow *first = &s->rows[g_array_index (u->rows, guint, 0)];

  if (!u->layout && first->fixed)
    {
      for (guint f = 0; f < u->width; f++)
        cur[f] = (int) f;
      g_array_append_vals (u->cands, cur, u->width);
    }
  else if (u->width <= s->t->n_cols && u->width <= BL_PLACE_MAX_FIGS)
    {
      choose (s->t->n_cols, u->width, 0, cur, 0, u->cands);
      g_array_set_size (u->alive, u->cands->len / MAX (u->width, 1));
      if (!u->layout && several_lines (first) && !some_candidate_holds (s, u))
        {
          g_array_set_size (u->cands, 0);
          choose_by_lines (first, s->t->n_cols, 0, cur, 0, u->cands);
        }
    }
  g_array_set_size (u->alive, u->cands->len / MAX (u->width, 1));
}

/* ---- units and groups ---- */

static guint
clusters_of (const Solver *s, const GArray *rows)
{
  int most = -1;
  for (guint i = 0; i < rows->len; i++)
    {
      const BlPlaceRow *row = &s->rows[g_array_index (rows, guint, i)];
      for (guint f = 0; f < row->n_figs; f++)
        most = MAX (most, row->figs[f].cluster);
    }
  return (guint) (most + 1);
}

static void
add_unit (Solver *s, GArray *rows, gboolean layout)
{
  Unit u = { rows, layout, 0, g_array_new (FALSE, FALSE, sizeof (int)),
             g_array_new (FALSE, TRUE, sizeof (gboolean)) };
  guint r0 = g_array_index (rows, guint, 0);

  u.width = layout ? clusters_of (s, rows) : s->rows[r0].n_figs;
  for (guint i = 0; i < rows->len; i++)
    s->unit_of[g_array_index (rows, guint, i)] = (int) s->units->len;
  /* in place: making the candidates looks the unit up by its rows */
  g_array_append_val (s->units, u);
  make_candidates (s, &g_array_index (s->units, Unit, s->units->len - 1));
}

static gint
compare_keys (gconstpointer a, gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

static void
make_units (Solver *s)
{
  g_autoptr(GHashTable) pages = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint r = 0; r < s->n_rows; r++)
    {
      const BlPlaceRow *row = &s->rows[r];
      GArray *rows;
      s->unit_of[r] = -1;
      if (row->n_figs == 0)
        continue;
      if (row->unit >= 0 && !row->fixed)
        {
          rows = g_hash_table_lookup (pages, GINT_TO_POINTER (row->unit + 1));
          if (rows == NULL)
            {
              rows = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (pages, GINT_TO_POINTER (row->unit + 1), rows);
            }
          g_array_append_val (rows, r);
          continue;
        }
      rows = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (rows, r);
      add_unit (s, rows, FALSE);
    }
  {
    /* pages in order, so that the result does not depend on hashing */
    g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (pages), compare_keys);
    for (GList *l = keys; l; l = l->next)
      add_unit (s, g_hash_table_lookup (pages, l->data), TRUE);
  }
}

static void
add_group (Solver *s, guint parent, GArray *parts)
{
  Group g = { parent, parts };
  if (parts->len)
    g_array_append_val (s->groups, g);
  else
    g_array_free (parts, TRUE);
}

/* Each row with children is the sum of them; the total row the sum of
 * the top-level rows. */
static void
make_groups (Solver *s)
{
  int total = -1;
  GArray *top = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < s->n_rows; p++)
    {
      GArray *kids = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint r = 0; r < s->n_rows; r++)
        if (s->rows[r].parent == (int) p)
          g_array_append_val (kids, r);
      add_group (s, p, kids);
      if (s->rows[p].total && total < 0)
        total = (int) p;
      if (s->rows[p].top)
        g_array_append_val (top, p);
    }
  if (total >= 0)
    add_group (s, (guint) total, top);
  else
    g_array_free (top, TRUE);
}

/* ---- sums ---- */

/* The value of row @r, column @c, under the current choices; a row
 * without figures is blank everywhere. */
static const BlDecimal *
value_at (const Solver *s, guint r, guint c)
{
  const BlPlaceRow *row = &s->rows[r];
  int u = s->unit_of[r];
  if (u < 0)
    return NULL;
  for (guint f = 0; f < row->n_figs; f++)
    if (!row->figs[f].dash && column_of (s, r, (guint) s->choice[u], f) == (int) c)
      return &row->figs[f].value;
  return NULL;
}

static gboolean
group_holds (const Solver *s, const Group *g)
{
  for (guint c = 0; c < s->t->n_cols; c++)
    {
      BlNum sum = bl_num_zero (), whole;
      const BlDecimal *p = value_at (s, g->parent, c);
      const char *why;
      for (guint i = 0; i < g->parts->len; i++)
        {
          const BlDecimal *v = value_at (s, g_array_index (g->parts, guint, i), c);
          BlNum n = v ? bl_num_from_decimal (*v) : bl_num_zero ();
          if (!bl_num_add (&sum, &n, &sum, &why))
            return FALSE;
        }
      whole = p ? bl_num_from_decimal (*p) : bl_num_zero ();
      if (bl_num_consistency (&whole, &sum) == BL_INCONSISTENT)
        return FALSE;
    }
  return TRUE;
}

/* The distinct units of a group's rows, @skip left out. */
static void
group_units (const Solver *s, const Group *g, int skip, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint i = 0; i <= g->parts->len; i++)
    {
      guint r = i < g->parts->len ? g_array_index (g->parts, guint, i) : g->parent;
      int u = s->unit_of[r];
      gboolean seen = u < 0 || u == skip;
      for (guint k = 0; k < out->len && !seen; k++)
        seen = g_array_index (out, int, k) == u;
      if (!seen)
        g_array_append_val (out, u);
    }
}

/* Is there a choice for units[depth…] under which @g holds?  Bounded:
 * past the bound the answer is yes (nothing is ruled out unproven). */
static gboolean
supported (Solver *s, const Group *g, const GArray *units, guint depth)
{
  const Unit *u;
  int ui;

  if (s->tries > MAX_SUPPORT_TRIES || s->work > MAX_TABLE_WORK)
    return TRUE;
  if (depth == units->len)
    {
      s->tries++;
      s->work++;
      return group_holds (s, g);
    }
  ui = g_array_index (units, int, depth);
  u = &g_array_index (s->units, Unit, ui);
  for (guint k = 0; k < u->alive->len; k++)
    {
      if (!g_array_index (u->alive, gboolean, k))
        continue;
      s->choice[ui] = (int) k;
      if (supported (s, g, units, depth + 1))
        return TRUE;
    }
  return FALSE;
}

/* Prunes the candidates of the units in @g that no choice of the others
 * supports; TRUE if any went.  A sum nothing satisfies is the document's
 * error and prunes nothing. */
static gboolean
prune_group (Solver *s, const Group *g)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean changed = FALSE;

  group_units (s, g, -1, all);
  s->tries = 0;
  if (s->work > MAX_TABLE_WORK || !supported (s, g, all, 0))
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      int ui = g_array_index (all, int, i);
      Unit *u = &g_array_index (s->units, Unit, ui);
      if (n_alive (u) < 2)
        continue;
      group_units (s, g, ui, others);
      for (guint k = 0; k < u->alive->len; k++)
        {
          if (!g_array_index (u->alive, gboolean, k))
            continue;
          s->choice[ui] = (int) k;
          s->tries = 0;
          if (!supported (s, g, others, 0))
            {
              g_array_index (u->alive, gboolean, k) = FALSE;
              changed = TRUE;
            }
        }
    }
  return changed;
}

/* ---- passes ---- */

/* Keeps alive the candidates @keep accepts for every row of the unit;
 * where that would leave none, keeps them all when @lenient, else
 * returns FALSE. */
typedef gboolean (*Keep) (const Solver *s, guint r, guint k);

static gboolean
filter_unit (Solver *s, Unit *u, Keep keep, gboolean lenient)
{
  g_autoptr(GArray) was = g_array_copy (u->alive);
  guint left = 0;

  for (guint k = 0; k < u->alive->len; k++)
    {
      gboolean ok = g_array_index (u->alive, gboolean, k);
      for (guint i = 0; ok && i < u->rows->len; i++)
        ok = keep (s, g_array_index (u->rows, guint, i), k);
      g_array_index (u->alive, gboolean, k) = ok;
      left += ok;
    }
  if (left == 0 && lenient)
    {
      g_array_set_size (u->alive, 0);
      g_array_append_vals (u->alive, was->data, was->len);
    }
  return left > 0 || lenient;
}

static gboolean
keep_positions (const Solver *s, guint r, guint k)
{
  const BlPlaceRow *row = &s->rows[r];
  for (guint f = 0; f < row->n_figs; f++)
    if (row->figs[f].column >= 0 && column_of (s, r, k, f) != row->figs[f].column)
      return FALSE;
  return TRUE;
}

static gboolean
keep_identities (const Solver *s, guint r, guint k)
{
  return row_identities_hold (s, r, k);
}

static gboolean
keep_ordinary (const Solver *s, guint r, guint k)
{
  return !uses_rare (s, r, k);
}

static gboolean
keep_expected (const Solver *s, guint r, guint k)
{
  return !s->rows[r].total || expected_total_holds (s, r, k);
}

/* One pass: all candidates, or (@ordinary) only those that leave the
 * rare columns blank.  FALSE when the ordinary columns cannot explain
 * the figures. */
static gboolean
run_pass (Solver *s, gboolean ordinary)
{
  gboolean changed = TRUE;

  for (guint i = 0; i < s->units->len; i++)
    {
      Unit *u = &g_array_index (s->units, Unit, i);
      for (guint k = 0; k < u->alive->len; k++)
        g_array_index (u->alive, gboolean, k) = TRUE;
      if (u->alive->len == 0)
        continue;
      filter_unit (s, u, keep_positions, TRUE);
      filter_unit (s, u, keep_identities, TRUE);
      if (ordinary && !filter_unit (s, u, keep_ordinary, FALSE))
        return FALSE;
      if (!filter_unit (s, u, keep_expected, !ordinary))
        return FALSE;
    }
  for (guint round = 0; changed && round < 32; round++)
    {
      changed = FALSE;
      for (guint g = 0; g < s->groups->len; g++)
        changed |= prune_group (s, &g_array_index (s->groups, Group, g));
    }
  return TRUE;
}

/* A row is placed when every candidate left puts its figures in the
 * same columns. */
static gboolean
settle_row (Solver *s, guint r)
{
  BlPlaceRow *row = &s->rows[r];
  const Unit *u;
  int first = -1;

  if (row->n_figs == 0)
    return row->placed = TRUE;
  u = &g_array_index (s->units, Unit, s->unit_of[r]);
  for (guint k = 0; k < u->alive->len; k++)
    {
      if (!g_array_index (u->alive, gboolean, k))
        continue;
      if (first < 0)
        {
          first = (int) k;
          for (guint f = 0; f < row->n_figs; f++)
            row->col[f] = column_of (s, r, k, f);
          continue;
        }
      for (guint f = 0; f < row->n_figs; f++)
        if (column_of (s, r, k, f) != row->col[f])
          return row->placed = FALSE;
    }
  return row->placed = first >= 0;
}

static void
solver_clear (Solver *s)
{
  for (guint i = 0; i < s->units->len; i++)
    {
      Unit *u = &g_array_index (s->units, Unit, i);
      g_array_free (u->rows, TRUE);
      g_array_free (u->cands, TRUE);
      g_array_free (u->alive, TRUE);
    }
  g_array_free (s->units, TRUE);
  for (guint i = 0; i < s->groups->len; i++)
    g_array_free (g_array_index (s->groups, Group, i).parts, TRUE);
  g_array_free (s->groups, TRUE);
  g_free (s->unit_of);
  g_free (s->choice);
}

gboolean
bl_place__possible (const BlPlaceTable *table, const BlPlaceRow *row)
{
  BlPlaceRow copy = *row;
  Solver s = { table, &copy, 1, g_array_new (FALSE, FALSE, sizeof (Unit)),
               g_new0 (int, 1), g_array_new (FALSE, FALSE, sizeof (Group)), NULL, 0, 0 };
  gboolean ok;

  if (row->n_figs == 0)
    ok = TRUE;
  else if (row->n_figs > table->n_cols)
    ok = FALSE;
  else
    {
      copy.unit = -1;
      copy.parent = -1;
      copy.total = copy.top = FALSE;
      make_units (&s);
      ok = s.units->len == 1
           && some_candidate_holds (&s, &g_array_index (s.units, Unit, 0));
    }
  s.choice = NULL;
  solver_clear (&s);
  return ok;
}

guint
bl_place__solve (const BlPlaceTable *table, BlPlaceRow *rows, guint n_rows)
{
  Solver s = { table, rows, n_rows, g_array_new (FALSE, FALSE, sizeof (Unit)),
               g_new0 (int, MAX (n_rows, 1)), g_array_new (FALSE, FALSE, sizeof (Group)),
               NULL, 0, 0 };
  guint unplaced = 0;

  g_return_val_if_fail (table->n_cols <= 64, n_rows);
  make_units (&s);
  make_groups (&s);
  s.choice = g_new0 (int, MAX (s.units->len, 1));
  if (!run_pass (&s, TRUE))
    run_pass (&s, FALSE);
  for (guint r = 0; r < n_rows; r++)
    unplaced += !settle_row (&s, r);
  solver_clear (&s);
  return unplaced;
}
