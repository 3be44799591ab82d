/* Coded tables that the text writes column by column.
 *
 * pdftotext without -layout (and other tools that follow the page's text
 * flow) writes a table as blocks: the 科目编码 pieces ("201", "06", "01"
 * on lines of their own), then the names, one per line, then each value
 * column as vertical runs of figures, a blank line between runs.  No line
 * holds a row.  What the text still gives:
 *
 *   - the names in row order; with the catalogue they give each row's
 *     code, and the code pieces of the text must be exactly the pieces of
 *     those codes (or the rows are not trusted);
 *   - each run of figures on consecutive lines: one column, consecutive
 *     rows;
 *   - reading order: after a run, the text goes on to the right of it
 *     or below it — a run that comes later in a column as far left or
 *     further left starts below it (and a column's runs come top to
 *     bottom); the next run, if to the right, starts no lower than this
 *     one ends.
 *
 * Which column and row each run starts at is then a search: every
 * placement that keeps the order and makes the table's identities hold
 * (合计 = its parts across, a parent = its children down) is found, up to
 * a budget.  As the template says of every reader, a rare column
 * (上级补助收入, 经营支出 …) stays blank unless no placement works without
 * it.  A cell that holds the same in every such placement is read; one
 * that does not is left unread (事业收入 and 其他收入 are alike to every
 * identity: a run that could be either is not guessed).  The total row
 * may stand first or last: where both give placements, only what they
 * agree on is read.  No placement, or too many to try: the caller keeps
 * the table out of order (READ.order).
 *
 * The same search reads rows whose figures the row reader could not
 * place because one of them stands in another row's line (a column the
 * tool wrote after the rest): it uses only the order of the figures. */

#include "recognize-linear-search.h"
#include "identity.h"

#include <string.h>

typedef struct {
  const char *code;       /* NULL: the total row */
  const char *label;
  BlPos pos;
} CRow;

/* ---- rows from names ---- */

/* The child of @parent (a 类 when NULL) whose catalogue name has label
 * key @key, or NULL. */
static const char *
child_named (const char *parent, const char *key, char *buf)
{
  for (guint i = 0; i < 100; i++)
    {
      const char *name;
      if (parent)
        g_snprintf (buf, 8, "%s%02u", parent, i);
      else
        g_snprintf (buf, 8, "2%02u", i);
      if ((name = bl_catalog_name (buf)) != NULL)
        {
          g_autofree char *k = bl_label_key (name);
          if (strcmp (k, key) == 0)
            return buf;
        }
    }
  return NULL;
}

/* The code a name stands for here: a 项 of the current 款, a 款 of the
 * current 类, or a 类. */
static const char *
code_for (const char *key, const char *cls, const char *kuan, char *buf)
{
  const char *c = NULL;
  if (*kuan)
    c = child_named (kuan, key, buf);
  if (c == NULL && *cls)
    c = child_named (cls, key, buf);
  if (c == NULL)
    c = child_named (NULL, key, buf);
  return c;
}

/* Code pieces as the text prints them: "201", "06"; a whole code counts
 * as its pieces. */
static void
count_pieces (GHashTable *n, const char *code, int by)
{
  gsize len = strlen (code);
  for (gsize at = 0; at < len; at += at ? 2 : 3)
    {
      g_autofree char *piece = g_strndup (code + at, at ? 2 : 3);
      int have = GPOINTER_TO_INT (g_hash_table_lookup (n, piece));
      g_hash_table_replace (n, g_steal_pointer (&piece), GINT_TO_POINTER (have + by));
    }
}

static gboolean
is_piece (const Tok *t)
{
  gsize n = strlen (t->text);
  return t->kind == T_INT && (n == 2 || ((n == 3 || n == 5 || n == 7) && t->text[0] == '2'));
}

static gboolean
all_zero (gpointer key, gpointer value, gpointer data)
{
  (void) key, (void) data;
  return GPOINTER_TO_INT (value) == 0;
}

/* The longest run of up to three name lines from @i that names a code
 * here; *@used: how many. */
static const char *
match_name (const GArray *toks, guint i, const char *cls, const char *kuan,
            char *buf, guint *used)
{
  for (guint n = MIN (3, toks->len - i); n > 0; n--)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      gboolean text = TRUE;
      for (guint k = 0; k < n && text; k++)
        {
          const Tok *t = &g_array_index (toks, Tok, i + k);
          g_autofree char *part = bl_linear__tok_key (t);
          text = t->kind == T_TEXT;
          g_string_append (key, part);
        }
      if (text && key->len && code_for (key->str, cls, kuan, buf))
        {
          *used = n;
          return buf;
        }
    }
  return NULL;
}

/* The rows, from the names in text order; FALSE unless every code piece
 * of the text belongs to exactly one row's code. */
static gboolean
build_rows (BlSearch *k, BlFiling *f, const GArray *toks, gboolean *total)
{
  g_autoptr(GHashTable) pieces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char cls[8] = "", kuan[8] = "", buf[8];

  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);
      const char *code;
      guint used = 1;
      if (is_piece (t))
        count_pieces (pieces, t->text, 1);
      else if (t->kind == T_TEXT && bl_linear__is_total_label (t))
        *total = TRUE;
      else if (t->kind == T_TEXT && (code = match_name (toks, i, cls, kuan, buf, &used)))
        {
          CRow row = { bl_filing__intern (f, code), NULL, t->pos };
          g_autoptr(GString) label = g_string_new (NULL);
          for (guint n = 0; n < used; n++)
            g_string_append (label, g_array_index (toks, Tok, i + n).text);
          row.label = bl_filing__intern (f, label->str);
          g_array_append_val (k->rows, row);
          count_pieces (pieces, code, -1);
          if (strlen (code) == 3)
            g_strlcpy (cls, code, sizeof cls), *kuan = '\0';
          else if (strlen (code) == 5)
            g_strlcpy (kuan, code, sizeof kuan);
          i += used - 1;
        }
    }
  g_hash_table_foreach_remove (pieces, all_zero, NULL);
  return k->rows->len > 0 && g_hash_table_size (pieces) == 0;
}

/* ---- runs of figures ---- */

/* ---- identities over cells ---- */

static int
parent_of (const BlSearch *k, guint r, int total_row)
{
  const CRow *row = &g_array_index (k->rows, CRow, r);
  gsize n = row->code ? strlen (row->code) : 0;
  if (n == 3)
    return total_row;
  for (guint i = 0; n > 3 && i < k->n_rows; i++)
    {
      const CRow *p = &g_array_index (k->rows, CRow, i);
      if (p->code && strlen (p->code) == n - 2 && strncmp (p->code, row->code, n - 2) == 0)
        return (int) i;
    }
  return -1;
}

/* Across: the template's sums on every row; down: a parent is the sum of
 * its children, the total row of the 类, in every column. */
static void
build_sums (BlSearch *k, const GArray *ids, int total_row)
{
  guint C = k->n_cols;
  g_autofree guint *terms = g_new (guint, MAX (k->n_rows, C));
  g_autofree int *plus = g_new (int, MAX (k->n_rows, C));
  g_autofree int *parent = g_new (int, k->n_rows);

  for (guint r = 0; r < k->n_rows; r++)
    parent[r] = parent_of (k, r, total_row);
  for (guint r = 0; r < k->n_rows; r++)
    for (guint i = 0; i < ids->len; i++)
      {
        const BlIdentity *id = &g_array_index (ids, BlIdentity, i);
        for (guint t = 0; t < id->n_terms; t++)
          terms[t] = r * C + id->terms[t];
        bl_search__add_sum (k, r * C + id->total, terms, id->signs, id->n_terms);
      }
  for (guint p = 0; p < k->n_rows; p++)
    for (guint c = 0; c < C; c++)
      {
        guint n = 0;
        for (guint r = 0; r < k->n_rows; r++)
          if (parent[r] == (int) p)
            plus[n] = 1, terms[n++] = r * C + c;
        if (n)
          bl_search__add_sum (k, p * C + c, terms, plus, n);
      }
}

/* ---- the search ---- */

/* Every placement with the total row at @total_row (-1: none). */
static gboolean
solve (BlSearch *k, const GArray *ids, int total_row)
{
  bl_search__sums_new (k);
  build_sums (k, ids, total_row);
  return bl_search__all (k);
}

/* ---- the table ---- */

static guint
write_table (Reader *r, const BlSearch *k, const char **example)
{
  BlPart *part = g_ptr_array_index (r->table->parts, 0);
  guint unsure = 0;

  for (guint i = 0; i < k->n_rows; i++)
    {
      const CRow *cr = &g_array_index (k->rows, CRow, i);
      BlRow *row = bl_part__add_row (part);
      row->pos = cr->pos;
      if (cr->code)
        bl_row__set_code (row, cr->code);
      bl_row__set_label (row, cr->label);
      for (guint c = 0; c < k->n_cols; c++)
        if (bl_search__write_cell (k, i * k->n_cols + c, r->table, &row->cells[c], cr->pos)
            && unsure++ == 0)
          *example = cr->label;
    }
  return unsure;
}

/* Solves with the total row at @at (0: first, 1: last, -1: none); the
 * row is taken out again unless it gave a reading.  *@total_row: where
 * it stands. */
static gboolean
solve_with_total (BlSearch *k, const GArray *ids, int at, int *total_row)
{
  CRow t = { NULL, "合计", g_array_index (k->rows, CRow, 0).pos };
  gboolean ok;

  *total_row = at < 0 ? -1 : at == 0 ? 0 : (int) k->rows->len;
  if (*total_row >= 0)
    g_array_insert_val (k->rows, (guint) *total_row, t);
  k->n_rows = k->rows->len;
  bl_search__results_free (k);
  ok = solve (k, ids, *total_row);
  if (!ok && *total_row >= 0)
    g_array_remove_index (k->rows, (guint) *total_row);
  return ok;
}

/* Folds the placements with the total row last (@last: per cell of that
 * layout) into the ones with it first (@k): a cell is read only where
 * both agree.  A row keeps its index but for the total row, 0 in @k and
 * the last row in @last. */
static void
merge_total_last (BlSearch *k, const char **seen, const gboolean *differs)
{
  guint C = k->n_cols, data = k->n_rows - 1;
  for (guint r = 0; r < k->n_rows; r++)
    for (guint c = 0; c < C; c++)
      {
        guint here = r * C + c, there = (r == 0 ? data : r - 1) * C + c;
        if (differs[there] || g_strcmp0 (seen[there], k->seen[here]) != 0)
          k->differs[here] = TRUE;
      }
}

/* The reading: the total row (when the text has one) first or last.
 * Where both give placements, the cells they agree on are read (a total
 * row that equals its one 类 reads the same either way). */
static gboolean
solve_table (BlSearch *k, const GArray *ids, gboolean total, int *total_row)
{
  g_autofree const char **seen = NULL;
  g_autofree BlPos *seen_pos = NULL;
  g_autofree gboolean *differs = NULL;
  CRow t;

  if (!total)
    return solve_with_total (k, ids, -1, total_row);
  if (!solve_with_total (k, ids, 1, total_row))
    return solve_with_total (k, ids, 0, total_row);
  t = g_array_index (k->rows, CRow, *total_row);
  g_array_remove_index (k->rows, (guint) *total_row);
  seen = g_steal_pointer (&k->seen);
  seen_pos = g_steal_pointer (&k->seen_pos);
  differs = g_steal_pointer (&k->differs);
  if (solve_with_total (k, ids, 0, total_row))
    {
      merge_total_last (k, seen, differs);
      return TRUE;
    }
  g_array_append_val (k->rows, t);
  k->n_rows = k->rows->len;
  *total_row = (int) k->n_rows - 1;
  bl_search__results_free (k);
  k->seen = g_steal_pointer (&seen);
  k->seen_pos = g_steal_pointer (&seen_pos);
  k->differs = g_steal_pointer (&differs);
  return TRUE;
}

/* Reads the table of @r from @toks (the region's tokens, code pieces not
 * joined) when the text wrote it column by column.  FALSE: not read, the
 * table is left as it was. */
gboolean
bl_linear__read_columns (Reader *r, const GArray *toks)
{
  BlSearch k = { 0 };
  gboolean total = FALSE, ok = FALSE;
  int total_row = -1;
  BlPart *part;

  if (r->layout || r->table->parts->len != 1)
    return FALSE;
  part = g_ptr_array_index (r->table->parts, 0);
  k.rows = g_array_new (FALSE, FALSE, sizeof (CRow));
  k.figs = g_array_new (FALSE, FALSE, sizeof (Tok));
  k.runs = g_array_new (FALSE, FALSE, sizeof (guint));
  k.n_cols = part->columns->len;
  k.rare = g_new0 (gboolean, MAX (k.n_cols, 1));
  for (guint c = 0; c < k.n_cols; c++)
    {
      const BlColumn *col = g_ptr_array_index (part->columns, c);
      const BlColumnSpec *cs = bl_kind_spec_column (r->spec, col->name);
      k.rare[c] = cs && cs->rare;
    }
  if (k.n_cols && build_rows (&k, r->filing, toks, &total) && bl_search__runs (&k, toks)
      && bl_search__values (&k, r->table))
    {
      g_autoptr(GArray) ids = bl_identities__bind (r->spec, part);
      ok = solve_table (&k, ids, total, &total_row);
    }
  if (ok)
    {
      const char *example = NULL;
      guint unsure = write_table (r, &k, &example);
      r->table->placed_by_sums = TRUE;
      if (unsure)
        bl_filing__note (r->filing, "READ.place", BL_SEVERITY_WARNING, &r->table->pos,
                         r->table->title,
                         "%s：文本未按行写出表格（按栏书写，或数字不在其所在行），%u 个单元格是否有数字、是哪个数字无法确定"
                         "（表内勾稽关系不能唯一确定各段数字所在的栏），这些单元格不参与计算，如“%s”行",
                         r->table->title, unsure, example);
    }
  bl_search__results_free (&k);
  g_free (k.vals), g_free (k.rare);
  g_array_free (k.rows, TRUE), g_array_free (k.figs, TRUE), g_array_free (k.runs, TRUE);
  return ok;
}
