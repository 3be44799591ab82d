/* Kept tables: a copy of each table's rows and cells, for writers that lay
 * a table out as published (xlsx), and the findings placed on the cells
 * they point at.  Only made when the report is asked to keep tables, so
 * the streaming formats pay nothing for it. */

#include "report.h"
#include "../ledger.h"

#include <string.h>

static const char *
keep_str (BlReportFiling *f, const char *s)
{
  return s ? g_string_chunk_insert_const (f->strings, s) : NULL;
}

static void
part_free (BlReportPart *p)
{
  for (guint i = 0; i < p->rows->len; i++)
    {
      BlReportRow *r = &g_array_index (p->rows, BlReportRow, i);
      for (guint c = 0; c < p->columns->len; c++)
        if (r->cells[c].note)
          g_string_free (r->cells[c].note, TRUE);
      if (r->note)
        g_string_free (r->note, TRUE);
      g_free (r->cells);
    }
  g_array_free (p->rows, TRUE);
  g_array_free (p->columns, TRUE);
  g_free (p);
}

void
bl_report__free_tables (BlReportFiling *f)
{
  for (guint i = 0; f->tables && i < f->tables->len; i++)
    {
      BlReportTable *t = &g_array_index (f->tables, BlReportTable, i);
      if (t->parts)
        g_ptr_array_free (t->parts, TRUE);
      t->parts = NULL;
    }
  if (f->strings)
    g_string_chunk_free (f->strings);
  f->strings = NULL;
  if (f->places)
    g_array_free (f->places, TRUE);
  f->places = NULL;
}

static BlReportPart *
copy_part (BlReportFiling *f, const BlPart *part)
{
  BlReportPart *p = g_new0 (BlReportPart, 1);
  guint nc = part->columns->len;

  p->name = keep_str (f, part->name);
  p->columns = g_array_sized_new (FALSE, TRUE, sizeof (BlReportColumn), nc);
  p->rows = g_array_sized_new (FALSE, TRUE, sizeof (BlReportRow), part->rows->len);
  for (guint c = 0; c < nc; c++)
    {
      const BlColumn *col = g_ptr_array_index (part->columns, c);
      BlReportColumn rc = { keep_str (f, col->name), keep_str (f, col->group), col->no };
      g_array_append_val (p->columns, rc);
    }
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      BlReportRow rr = { 0 };
      rr.code = keep_str (f, row->code);
      rr.label = keep_str (f, row->label);
      rr.line_no = row->line_no;
      rr.line = row->pos.line;
      rr.severity = -1;
      rr.cells = g_new0 (BlReportCell, nc);
      for (guint c = 0; c < nc; c++)
        {
          const BlCell *cell = &row->cells[c];
          BlReportCell *rc = &rr.cells[c];
          rc->kind = cell->kind;
          rc->value = cell->value;
          rc->text = keep_str (f, cell->text);
          rc->line = cell->pos.line;
          rc->page = cell->pos.page;
          rc->severity = -1;
        }
      g_array_append_val (p->rows, rr);
    }
  return p;
}

/* The row's name as findings give it (engine.c: row_name). */
static gboolean
row_is (const BlReportRow *r, guint index, const char *name)
{
  if (r->code && r->label)
    {
      gsize n = strlen (r->code);
      return strncmp (name, r->code, n) == 0 && name[n] == ' '
             && strcmp (name + n + 1, r->label) == 0;
    }
  if (r->label)
    return strcmp (name, r->label) == 0;
  if (r->code)
    return strcmp (name, r->code) == 0;
  {
    g_autofree char *s = r->line_no ? g_strdup_printf ("行次%d", r->line_no)
                                    : g_strdup_printf ("第%u行", index + 1);
    return strcmp (name, s) == 0;
  }
}

/* Whether @cell holds the figure the rule computed: the other side of
 * the comparison (支出总计 against 收入总计), whose note must not say
 * that it should be its own value. */
static gboolean
holds_expected (const BlReportCell *cell, const BlDiagnostic *d)
{
  g_autofree char *text = NULL;
  BlDecimal e, v;

  if (cell == NULL || cell->kind != BL_CELL_NUMBER || d->expected == NULL
      || g_strcmp0 (d->expected, d->actual) == 0)
    return FALSE;
  text = g_strconcat (d->expected, d->unit ? d->unit : "", NULL);
  if (!bl_decimal_parse (text, &e, NULL))
    return FALSE;
  v = cell->value;
  if (v.unit != e.unit && !bl_decimal_convert (v, e.unit, &v))
    return FALSE;
  return v.units == e.units;
}

static void
add_note (GString **note, int *severity, const BlDiagnostic *d,
          const BlReportCell *cell)
{
  const char *unit = d->unit ? d->unit : "";

  if (*note == NULL)
    *note = g_string_new (NULL);
  else
    g_string_append (*note, "\n\n");
  g_string_append_printf (*note, "%s[%s] %s", bl_severity_name (d->severity),
                          d->rule, d->message);
  if (d->expected && holds_expected (cell, d))
    g_string_append_printf (*note, "\n比较的另一侧：%s %s", d->actual, unit);
  else if (d->expected)
    g_string_append_printf (*note, "\n应为 %s，差额 %s %s", d->expected,
                            d->difference ? d->difference : "", unit);
  *severity = MAX (*severity, (int) d->severity);
}

/* The cell (or, with no column, the row) @l points at: the one whose line
 * matches when the name is found more than once (总计 on both sides). */
static gboolean
place (BlReportTable *t, const BlLocation *l, const BlDiagnostic *d,
       BlReportPlace *at)
{
  BlReportRow *best_row = NULL;
  BlReportCell *best_cell = NULL;
  gboolean best_exact = FALSE;

  for (guint p = 0; p < t->parts->len; p++)
    {
      BlReportPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          BlReportRow *r = &g_array_index (part->rows, BlReportRow, i);
          BlReportCell *cell = NULL;
          gboolean exact;

          if (!row_is (r, i, l->row))
            continue;
          for (guint c = 0; l->column && c < part->columns->len; c++)
            if (strcmp (g_array_index (part->columns, BlReportColumn, c).name,
                        l->column) == 0)
              cell = &r->cells[c];
          if (l->column && cell == NULL)
            continue;
          exact = l->line && (l->line == r->line || (cell && l->line == cell->line));
          if (best_row == NULL || (exact && !best_exact))
            {
              best_row = r, best_cell = cell, best_exact = exact;
              at->part = (int) p, at->row = (int) i;
              at->col = cell ? (int) (cell - r->cells) : -1;
            }
        }
    }
  if (best_cell)
    add_note (&best_cell->note, &best_cell->severity, d, best_cell);
  else if (best_row)
    add_note (&best_row->note, &best_row->severity, d, NULL);
  return best_row != NULL;
}

static void
place_findings (BlReportFiling *f)
{
  f->places = g_array_new (FALSE, FALSE, sizeof (BlReportPlace));
  for (guint i = 0; i < bl_diagnostics_get_n (f->diags); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (f->diags, i);
      BlReportPlace first = { -1, -1, -1, -1 };

      for (guint k = 0; k < d->locations->len; k++)
        {
          const BlLocation *l = &g_array_index (d->locations, BlLocation, k);
          if (l->table == NULL || l->row == NULL)
            continue;
          for (guint t = 0; t < f->tables->len; t++)
            {
              BlReportTable *rt = &g_array_index (f->tables, BlReportTable, t);
              BlReportPlace at = { (int) t, -1, -1, -1 };
              if (g_strcmp0 (rt->title, l->table) != 0)
                continue;
              if (place (rt, l, d, &at) && first.table < 0)
                first = at;
              break;
            }
        }
      g_array_append_val (f->places, first);
    }
}

void
bl_report__keep_tables (BlReportFiling *f, const BlFiling *filing)
{
  f->strings = g_string_chunk_new (4096);
  for (guint i = 0; i < filing->tables->len && i < f->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      BlReportTable *rt = &g_array_index (f->tables, BlReportTable, i);
      rt->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
      for (guint p = 0; p < t->parts->len; p++)
        g_ptr_array_add (rt->parts, copy_part (f, g_ptr_array_index (t->parts, p)));
    }
  place_findings (f);
}
