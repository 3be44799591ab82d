/* The doubtful-reading gate (doubt.h).
 *
 * A table is weighed on the sums it must satisfy — the templates' row
 * identities (identity.h), each parent row against its children (类 = Σ款,
 * 款 = Σ项) and the 合计 row against the top-level rows — and on how its
 * figures are written.  A cell the reader could not place (unread) or
 * that holds text is unknown: a sum involving one is not evaluated.
 *
 * The signs, and their thresholds:
 * - integers shaped like a 科目编码 (201, 20106, 2010601, or a split
 *   piece such as 06) among figures otherwise written to the fen: at
 *   least MIN_CODES of them, and of the figures written with decimals at
 *   least DECIMAL_SHARE % with two.  One odd integer can be a careless
 *   figure; a table of whole numbers has integers that look like codes.
 * - a column shift: at least MIN_WRONG_ROWS rows whose identities fail
 *   but would hold with their figures one column off, and they are most
 *   of the failing rows.
 * - most sums failing: more than half of those evaluated, and failures
 *   that need at least MIN_WRONG_ROWS different wrong rows to explain.
 * - totals below their largest part (all parts non-negative, beyond
 *   rounding), needing MIN_WRONG_ROWS different wrong rows.
 * A genuine wrong figure breaks its own row and its parent's sum, which
 * one wrong row explains; MIN_WRONG_ROWS = 3 keeps a document with one or
 * two genuine errors trusted. */

#include "doubt.h"
#include "decimal.h"
#include "diag.h"
#include "identity.h"
#include "template.h"

#include <stdarg.h>
#include <string.h>

#define MIN_WRONG_ROWS 3
#define MIN_CODES 2
#define MIN_DECIMALS 3
#define DECIMAL_SHARE 90
#define EXAMPLE_TERMS 4         /* parts a message quotes before "…" */

/* A failing sum: the row that holds the total, and where its parts are. */
typedef struct {
  const BlRow *subject;
  const GPtrArray *parts;   /* rows holding the parts; NULL: the parts
                               are in the subject's own row */
  gboolean short_total;     /* the total is below its largest part */
} Fail;

typedef struct {
  BlDoubtSigns s;
  GArray *fails;            /* Fail */
  GPtrArray *lists;         /* row lists made here (top-level rows) */
  char *example;            /* the first failing sum, as messages quote it */
  char *shift_example;      /* the first failing row a shift would fix */
  char *short_example;      /* the first total below its largest part */
  char *code_example;       /* the first code-shaped integer */
} Tally;

typedef enum { SUM_NONE, SUM_HOLDS, SUM_FAILS } SumOutcome;

static const BlCell *
cell_at (const GPtrArray *rows, guint i, guint c)
{
  return &((const BlRow *) g_ptr_array_index (rows, i))->cells[c];
}

/* ---- how the messages quote the table ---- */

/* "第 3 页第 52 行 201 一般公共服务支出": where a row is, and its name. */
static void
append_place (GString *s, const BlRow *row)
{
  if (row->pos.page)
    g_string_append_printf (s, "第 %u 页", row->pos.page);
  if (row->pos.line)
    g_string_append_printf (s, "第 %u 行", row->pos.line);
  else if (!row->pos.page)
    g_string_append_printf (s, "表中第 %u 行", row->index + 1);
  if (row->code)
    g_string_append_printf (s, " %s", row->code);
  if (row->label)
    g_string_append_printf (s, " %s", row->label);
}

/* Blanks and zeros add nothing to a sum: examples leave them out. */
static gboolean
adds_nothing (const BlCell *cell)
{
  return cell->kind == BL_CELL_BLANK
         || (cell->kind == BL_CELL_NUMBER && cell->value.units == 0);
}

static void
append_cell (GString *s, const BlCell *cell)
{
  if (cell->kind == BL_CELL_BLANK)
    g_string_append (s, "空");
  else if (cell->text)
    g_string_append (s, cell->text);
  else
    {
      g_autofree char *v = bl_decimal_format (cell->value);
      g_string_append (s, v);
    }
}

/* "第 52 行 201 一般公共服务支出：本年支出合计 2106.66 ≠ 1503.52 + 8.37" */
static char *
identity_example (const BlIdentity *id, const BlRow *row)
{
  GString *s = g_string_new (NULL);
  const BlColumn *total = g_ptr_array_index (row->part->columns, id->total);
  guint shown = 0;

  append_place (s, row);
  g_string_append_printf (s, "：%s ", total->name);
  append_cell (s, &row->cells[id->total]);
  g_string_append (s, " ≠ ");
  for (guint t = 0; t < id->n_terms; t++)
    {
      const BlCell *cell = &row->cells[id->terms[t]];
      if (adds_nothing (cell))
        continue;
      if (shown++)
        g_string_append (s, id->signs[t] < 0 ? " − " : " + ");
      else if (id->signs[t] < 0)
        g_string_append (s, "−");
      append_cell (s, cell);
    }
  if (shown == 0)
    g_string_append_c (s, '0');
  return g_string_free (s, FALSE);
}

/* "第 52 行 201 …：本年支出合计 2106.66 ≠ 下级科目之和 1503.52 + 8.37" */
static char *
sum_example (const BlRow *total, const GPtrArray *parts, guint c,
             const char *what)
{
  GString *s = g_string_new (NULL);
  const BlColumn *col = g_ptr_array_index (total->part->columns, c);
  guint shown = 0;

  append_place (s, total);
  g_string_append_printf (s, "：%s ", col->name);
  append_cell (s, &total->cells[c]);
  g_string_append_printf (s, " ≠ %s ", what);
  for (guint i = 0; i < parts->len; i++)
    {
      const BlCell *cell = cell_at (parts, i, c);
      if (adds_nothing (cell))
        continue;
      if (shown++ == EXAMPLE_TERMS)
        {
          g_string_append (s, " + …");
          break;
        }
      if (shown > 1)
        g_string_append (s, " + ");
      append_cell (s, cell);
    }
  if (shown == 0)
    g_string_append_c (s, '0');
  return g_string_free (s, FALSE);
}

/* ---- figures that are codes ---- */

/* A figure written without decimals: digits and group separators. */
static gboolean
integer_written (const char *text)
{
  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != ',')
      return FALSE;
  return TRUE;
}

/* 201, 20106, 2010601 — or 06, a piece of a code split over cells: no
 * amount is printed with a leading zero.  No code ends in 00 (类 201…,
 * 款 and 项 number from 01), round amounts such as 300 or 20000 do. */
static gboolean
code_shaped (const char *text)
{
  gsize n = text ? strlen (text) : 0;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (n == 2)
    return text[0] == '0' && text[1] != '0';
  return (n == 3 || n == 5 || n == 7) && (text[0] == '2' || text[0] == '3')
         && !(text[n - 2] == '0' && text[n - 1] == '0');
}

static gboolean
two_decimals (const char *text)
{
  const char *dot = text ? strrchr (text, '.') : NULL;
  return dot && strlen (dot + 1) == 2 && g_ascii_isdigit (dot[1])
         && g_ascii_isdigit (dot[2]);
}

static void
count_cell (Tally *t, const BlRow *row, const BlColumn *col)
{
  const BlCell *cell = &row->cells[col->index];

  if (cell->kind != BL_CELL_NUMBER || cell->value.unit == BL_UNIT_PERCENT)
    return;
  t->s.figures++;
  if (!integer_written (cell->text))
    {
      t->s.decimals += two_decimals (cell->text);
      return;
    }
  t->s.integers++;
  if (!code_shaped (cell->text))
    return;
  t->s.codes++;
  if (t->code_example == NULL)
    {
      GString *s = g_string_new (NULL);
      append_place (s, row);
      g_string_append_printf (s, " %s%s的“%s”", col->name,
                              g_str_has_suffix (col->name, "栏") ? "" : "栏",
                              cell->text);
      t->code_example = g_string_free (s, FALSE);
    }
}

/* Only tables keyed by 科目编码 have codes to misread; counts (unit none)
 * and text columns are no amounts. */
static void
count_figures (Tally *t, const BlTable *table, const BlKindSpec *spec)
{
  if (!bl_kind_spec_has_key (spec, "code"))
    return;
  for (guint p = 0; p < table->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (table->parts, p);
      for (guint c = 0; c < part->columns->len; c++)
        {
          const BlColumn *col = g_ptr_array_index (part->columns, c);
          if (col->text || col->unit == BL_UNIT_NONE)
            continue;
          for (guint i = 0; i < part->rows->len; i++)
            count_cell (t, g_ptr_array_index (part->rows, i), col);
        }
    }
}

/* ---- row identities ---- */

static gboolean
unknown_cell (const BlCell *cell)
{
  return cell->kind == BL_CELL_UNREAD || cell->kind == BL_CELL_TEXT;
}

/* A row's figures for bl_identity__check(): @vals[c] NULL for a blank;
 * @unknown[c] for a cell that holds no figure the reader could place. */
static void
row_figures (const BlRow *row, guint n, const BlDecimal **vals,
             gboolean *unknown)
{
  for (guint c = 0; c < n; c++)
    {
      const BlCell *cell = &row->cells[c];
      vals[c] = cell->kind == BL_CELL_NUMBER ? &cell->value : NULL;
      unknown[c] = unknown_cell (cell);
    }
}

static SumOutcome
identity_outcome (const BlIdentity *id, const BlDecimal *const *vals,
                  const gboolean *unknown)
{
  if (unknown[id->total])
    return SUM_NONE;
  for (guint t = 0; t < id->n_terms; t++)
    if (unknown[id->terms[t]])
      return SUM_NONE;
  if (!bl_identity__applies (id, vals))
    return SUM_NONE;
  return bl_identity__check (id, vals) == BL_INCONSISTENT ? SUM_FAILS
                                                          : SUM_HOLDS;
}

/* Every identity of the row that can be evaluated holds, and one can. */
static gboolean
row_holds (const GArray *ids, const BlDecimal *const *vals,
           const gboolean *unknown)
{
  gboolean any = FALSE;

  for (guint i = 0; i < ids->len; i++)
    switch (identity_outcome (&g_array_index (ids, BlIdentity, i), vals,
                              unknown))
      {
      case SUM_FAILS: return FALSE;
      case SUM_HOLDS: any = TRUE; break;
      case SUM_NONE: break;
      }
  return any;
}

/* Whether the row's identities would hold had the reader put its figures
 * one column off from some column k on: a cell read that is not there (a
 * blank, or a code) removed at k, or a blank cell the text left out put
 * back at k (then the row's last cell must have been read empty). */
static gboolean
shift_fixes (const GArray *ids, const BlRow *row,
             const BlDecimal *const *vals, const gboolean *unknown, guint n)
{
  g_autofree const BlDecimal **sv = g_new (const BlDecimal *, n);
  g_autofree gboolean *su = g_new (gboolean, n);

  for (guint k = 0; k < n; k++)
    for (int d = -1; d <= 1; d += 2)
      {
        const BlCell *gone = &row->cells[d > 0 ? k : n - 1];
        if (gone->kind != BL_CELL_BLANK && !unknown_cell (gone)
            && !code_shaped (gone->text))
          continue;   /* a figure of the row would go nowhere */
        for (guint c = 0; c < n; c++)
          {
            int from = c < k ? (int) c : d > 0 ? (int) c + 1
                       : c == k ? -1 : (int) c - 1;
            sv[c] = from >= 0 && from < (int) n ? vals[from] : NULL;
            su[c] = from >= 0 && from < (int) n && unknown[from];
          }
        if (row_holds (ids, sv, su))
          return TRUE;
      }
  return FALSE;
}

/* An identity of parts all added (年末 = 年初 + 收入 − 支出 is not), with
 * no negative figure, whose total is below its largest part. */
static gboolean
total_below_part (const BlIdentity *id, const BlDecimal *const *vals)
{
  const BlDecimal *total = vals[id->total];
  BlNum t, max = { 0 };
  gboolean have = FALSE;

  if (total == NULL || total->units < 0)
    return FALSE;
  for (guint i = 0; i < id->n_terms; i++)
    {
      const BlDecimal *v = vals[id->terms[i]];
      BlNum n;
      if (id->signs[i] < 0 || (v && v->units < 0))
        return FALSE;
      if (v == NULL)
        continue;
      n = bl_num_from_decimal (*v);
      if (!have || bl_num_cmp_mid (&n, &max) > 0)
        max = n, have = TRUE;
    }
  t = bl_num_from_decimal (*total);
  return have && !bl_num_may_le (&max, &t);
}

static void
add_fail (Tally *t, const BlRow *subject, const GPtrArray *parts,
          gboolean short_total)
{
  Fail f = { subject, parts, short_total };
  g_array_append_val (t->fails, f);
  t->s.failed++;
}

static void
check_row (Tally *t, const GArray *ids, const BlRow *row,
           const BlDecimal **vals, const gboolean *unknown)
{
  const BlIdentity *bad = NULL;
  gboolean applied = FALSE, short_total = FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const BlIdentity *id = &g_array_index (ids, BlIdentity, i);
      SumOutcome o = identity_outcome (id, vals, unknown);
      applied |= o != SUM_NONE;
      if (o != SUM_FAILS)
        continue;
      bad = bad ? bad : id;
      short_total |= total_below_part (id, vals);
    }
  if (!applied)
    return;
  t->s.checked++;
  if (bad == NULL)
    return;
  add_fail (t, row, NULL, short_total);
  t->s.rows_failed++;
  if (t->example == NULL)
    t->example = identity_example (bad, row);
  if (short_total && t->short_example == NULL)
    t->short_example = identity_example (bad, row);
  if (!shift_fixes (ids, row, vals, unknown, row->part->columns->len))
    return;
  t->s.shifted++;
  if (t->shift_example == NULL)
    t->shift_example = identity_example (bad, row);
}

static void
check_row_identities (Tally *t, const BlKindSpec *spec, const BlPart *part)
{
  g_autoptr(GArray) ids = bl_identities__bind (spec, part);
  guint n = part->columns->len;
  g_autofree const BlDecimal **vals = NULL;
  g_autofree gboolean *unknown = NULL;

  if (ids->len == 0)
    return;
  vals = g_new (const BlDecimal *, n);
  unknown = g_new (gboolean, n);
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      row_figures (row, n, vals, unknown);
      check_row (t, ids, row, vals, unknown);
    }
}

/* ---- sums over rows: code hierarchy, 合计 ---- */

/* @total's figure in column @c against the sum of @parts' figures there;
 * *@short_total set when, no figure negative, it is below the largest. */
static SumOutcome
sum_outcome (const BlRow *total, const GPtrArray *parts, guint c,
             gboolean *short_total)
{
  const BlCell *tc = &total->cells[c];
  BlNum sum = bl_num_zero (), max = { 0 }, tn = bl_num_zero ();
  gboolean any = tc->kind == BL_CELL_NUMBER, have = FALSE, plus = TRUE;
  const char *why;

  if (unknown_cell (tc))
    return SUM_NONE;
  for (guint i = 0; i < parts->len; i++)
    {
      const BlCell *pc = cell_at (parts, i, c);
      BlNum v;
      if (unknown_cell (pc))
        return SUM_NONE;
      if (pc->kind != BL_CELL_NUMBER)
        continue;
      v = bl_num_from_decimal (pc->value);
      plus &= pc->value.units >= 0;
      if (!have || bl_num_cmp_mid (&v, &max) > 0)
        max = v;
      any = have = TRUE;
      if (!bl_num_add (&sum, &v, &sum, &why))
        return SUM_NONE;
    }
  if (!any)
    return SUM_NONE;
  if (tc->kind == BL_CELL_NUMBER)
    tn = bl_num_from_decimal (tc->value);
  if (bl_num_consistency (&tn, &sum) != BL_INCONSISTENT)
    return SUM_HOLDS;
  *short_total |= plus && tc->kind == BL_CELL_NUMBER && tc->value.units >= 0
                  && !bl_num_is_zero (&max) && !bl_num_may_le (&max, &tn);
  return SUM_FAILS;
}

static void
check_sum (Tally *t, const BlRow *total, const GPtrArray *parts,
           const char *what)
{
  const GPtrArray *cols = total->part->columns;
  gboolean applied = FALSE, short_total = FALSE;
  int bad = -1;

  for (guint c = 0; c < cols->len; c++)
    {
      SumOutcome o;
      if (((const BlColumn *) g_ptr_array_index (cols, c))->text)
        continue;
      o = sum_outcome (total, parts, c, &short_total);
      applied |= o != SUM_NONE;
      if (o == SUM_FAILS && bad < 0)
        bad = (int) c;
    }
  if (!applied)
    return;
  t->s.checked++;
  if (bad < 0)
    return;
  add_fail (t, total, parts, short_total);
  if (t->example == NULL)
    t->example = sum_example (total, parts, (guint) bad, what);
  if (short_total && t->short_example == NULL)
    t->short_example = sum_example (total, parts, (guint) bad, what);
}

static gboolean
is_grand_total (const BlRow *row)
{
  return row->code == NULL && row->key
         && (strcmp (row->key, "合计") == 0 || strcmp (row->key, "总计") == 0);
}

/* Each parent row against its children, and a 合计 row against the rows
 * of no parent (类, or 款 whose 类 the table leaves out). */
static void
check_row_sums (Tally *t, const BlPart *part)
{
  const BlRow *grand = NULL;
  GPtrArray *tops = g_ptr_array_new ();

  g_ptr_array_add (t->lists, tops);
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      if (row->children && row->children->len)
        check_sum (t, row, row->children, "下级科目之和");
      if (row->code && row->parent == NULL)
        g_ptr_array_add (tops, (gpointer) row);
      else if (grand == NULL && is_grand_total (row))
        grand = row;
    }
  if (grand && tops->len)
    check_sum (t, grand, tops, "各科目之和");
}

/* ---- weighing ---- */

static gboolean
claim (GHashTable *used, const Fail *f)
{
  guint n = f->parts ? f->parts->len : 0;

  if (g_hash_table_contains (used, f->subject))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_hash_table_contains (used, g_ptr_array_index (f->parts, i)))
      return FALSE;
  g_hash_table_add (used, (gpointer) f->subject);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (used, g_ptr_array_index (f->parts, i));
  return TRUE;
}

/* At least how many rows must be wrong to explain the failures (only
 * the totals below a part with @short_only): failures that share no row
 * need a wrong row each.  Row identities go first — each involves one
 * row, which leaves the most room for the others. */
static guint
independent (const GArray *fails, gboolean short_only)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint n = 0;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < fails->len; i++)
      {
        const Fail *f = &g_array_index (fails, Fail, i);
        if ((f->parts == NULL) != (pass == 0)
            || (short_only && !f->short_total))
          continue;
        n += claim (used, f);
      }
  return n;
}

/* Appends one sign to the message, "；" between two; the first sign found
 * is the short reason. */
static void G_GNUC_PRINTF (4, 5)
add_sign (GString *why, const char **reason, const char *short_reason,
          const char *fmt, ...)
{
  va_list ap;

  if (why->len)
    g_string_append (why, "；");
  va_start (ap, fmt);
  g_string_append_vprintf (why, fmt, ap);
  va_end (ap);
  if (*reason == NULL)
    *reason = short_reason;
}

/* The signs found, most telling first: codes among the amounts, then a
 * shift (which also counts the failures), else most sums failing, else
 * totals below their parts. */
static char *
verdict (const Tally *t, const char **reason)
{
  const BlDoubtSigns *s = &t->s;
  GString *why = g_string_new (NULL);

  if (s->codes >= MIN_CODES && s->decimals >= MIN_DECIMALS
      && s->decimals * 100 >= (s->figures - s->integers) * DECIMAL_SHARE)
    add_sign (why, reason, "金额栏中有像科目编码的整数",
              "金额栏中有 %u 个像科目编码的整数（如%s），而其余金额都写到分",
              s->codes, t->code_example);
  if (s->shifted >= MIN_WRONG_ROWS && s->shifted * 2 > s->rows_failed)
    add_sign (why, reason, "疑似列错位",
              "%u 处合计关系中有 %u 处不符，其中 %u 行错开一栏即相符"
              "（如%s），疑似列错位", s->checked, s->failed, s->shifted,
              t->shift_example);
  else if (s->independent >= MIN_WRONG_ROWS && s->failed * 2 > s->checked)
    add_sign (why, reason, "合计关系大多不符",
              "%u 处合计关系中有 %u 处不符（如%s）",
              s->checked, s->failed, t->example);
  else if (s->short_totals >= MIN_WRONG_ROWS)
    add_sign (why, reason, "合计小于其中一项",
              "%u 处合计小于其中的一项（如%s）",
              s->short_totals, t->short_example);
  return g_string_free (why, why->len == 0);
}

char *
bl_doubt__assess (const BlTable *table, BlDoubtSigns *signs,
                  const char **reason)
{
  const BlKindSpec *spec = bl_kind_spec_lookup (table->kind);
  Tally t = { 0 };
  char *why = NULL;

  *reason = NULL;
  t.fails = g_array_new (FALSE, FALSE, sizeof (Fail));
  t.lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  if (spec)
    count_figures (&t, table, spec);
  for (guint p = 0; p < table->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (table->parts, p);
      check_row_identities (&t, spec, part);
      check_row_sums (&t, part);
    }
  t.s.independent = independent (t.fails, FALSE);
  t.s.short_totals = independent (t.fails, TRUE);
  why = verdict (&t, reason);
  *signs = t.s;
  g_array_free (t.fails, TRUE);
  g_ptr_array_free (t.lists, TRUE);
  g_free (t.example);
  g_free (t.shift_example);
  g_free (t.short_example);
  g_free (t.code_example);
  return why;
}

/* A reader that could not place a table's figures says so itself, per
 * table (READ.place …): the gate does not say it a second time.  Its
 * notes on single cells (READ.cell) are another matter. */
static gboolean
noted_already (const BlFiling *filing, const BlTable *table)
{
  for (guint i = 0; filing->notes && i < filing->notes->items->len; i++)
    {
      const BlDiagnostic *d = g_ptr_array_index (filing->notes->items, i);
      const BlLocation *l = d->locations->len
                            ? &g_array_index (d->locations, BlLocation, 0)
                            : NULL;
      if (g_str_has_prefix (d->rule, "READ.")
          && strcmp (d->rule, "READ.cell") != 0
          && l && g_strcmp0 (l->table, table->title) == 0)
        return TRUE;
    }
  return FALSE;
}

void
bl_doubt__check (BlFiling *filing)
{
  for (guint i = 0; i < filing->tables->len; i++)
    {
      BlTable *t = g_ptr_array_index (filing->tables, i);
      const BlKindSpec *spec = bl_kind_spec_lookup (t->kind);
      BlDoubtSigns signs;
      const char *reason;
      g_autofree char *why = NULL;

      if (spec == NULL || spec->performance || t->doubt
          || strcmp (t->kind, "narrative") == 0)
        continue;
      if ((why = bl_doubt__assess (t, &signs, &reason)) == NULL)
        continue;
      t->doubt = bl_filing__intern (filing, reason);
      if (!noted_already (filing, t))
        bl_filing__note (filing, "READ.doubtful", BL_SEVERITY_WARNING, &t->pos,
                         t->title, "%s的读取可能有误：%s；本表的计算结果已暂不报告"
                         "（--show-doubtful 显示）", t->title, why);
    }
}
