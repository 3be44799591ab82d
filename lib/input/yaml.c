/* The canonical YAML filing (budgetlint-filing(5)).
 *
 * The reader walks a YAML node tree (yamltree.h: built from libyaml's
 * events, the hot path of a batch run) and reports every problem with its
 * position instead of stopping at the first: a person fixing a hand-made
 * filing wants the whole list. */

#include "input.h"
#include "../kinds.h"
#include "../yamltree.h"

#include <stdlib.h>
#include <string.h>

typedef enum { KEY_CODE, KEY_LABEL, KEY_LINE } KeyField;

typedef struct {
  const BlYtNode *doc_root;   /* where a missing part is reported */
  BlFiling *filing;
  BlProblems *problems;
  guint64 cells;      /* columns and cells read so far, see MAX_CELLS */
  GHashTable *codes;  /* check_duplicate_codes()'s, emptied for each part */
} Reader;

/* Item @i of sequence @seq (bounds checked by the caller). */
#define SEQ_GET(seq, i) ((seq)->items[(i)])

#define PROBLEM(r, node, ...) \
  bl_problems_add ((r)->problems, bl_yt_line (node), bl_yt_col (node), __VA_ARGS__)

/* Aliases let a few bytes stand for a row, a part or a table repeated
 * many times over (a "billion laughs"): 10 KB can ask for 10^9 cells.
 * No real filing comes near this many. */
#define MAX_CELLS 1000000

static gboolean
within_budget (Reader *r, BlYtNode *node, guint64 cost)
{
  if (r->cells > MAX_CELLS)
    return FALSE;
  r->cells += cost;
  if (r->cells <= MAX_CELLS)
    return TRUE;
  PROBLEM (r, node, "the filing has more than %d cells", MAX_CELLS);
  return FALSE;
}

static const char *
get_string (Reader *r, BlYtNode *map, const char *key)
{
  BlYtNode *n = bl_yt_get (map, key);
  if (n == NULL || bl_yt_is_null (n))
    return NULL;
  if (n->type != BL_YT_SCALAR)
    {
      PROBLEM (r, n, "'%s' must be a scalar", key);
      return NULL;
    }
  return bl_yt_scalar (n);
}

static gboolean
parse_int (const char *s, int *out)
{
  char *end;
  long v;
  if (s == NULL || !g_ascii_isdigit (*s))
    return FALSE;
  v = strtol (s, &end, 10);
  /* 行次 extracted from PDFs read "27.00"; accept a zero fraction. */
  if (*end == '.')
    for (end++; *end == '0'; end++)
      ;
  if (*end != '\0' || v < 0 || v > G_MAXINT)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

static void
read_header (Reader *r, BlYtNode *root, gboolean fragment)
{
  BlFiling *f = r->filing;
  const char *s;

  s = get_string (r, root, "budgetlint");
  if (!fragment && (s == NULL || strcmp (s, "1") != 0))
    PROBLEM (r, root, "not a budgetlint filing: 'budgetlint: 1' is missing");
  f->department = bl_filing__intern (f, get_string (r, root, "department"));
  f->template_name = bl_filing__intern (f, get_string (r, root, "template"));
  f->source = bl_filing__intern (f, get_string (r, root, "source"));
  if ((s = get_string (r, root, "kind")) != NULL)
    {
      if (strcmp (s, "决算") != 0 && strcmp (s, "预算") != 0)
        PROBLEM (r, bl_yt_get (root, "kind"),
                 "kind must be 决算 or 预算, not '%s'", s);
      f->kind = bl_filing__intern (f, s);
    }
  if ((s = get_string (r, root, "year")) != NULL && !parse_int (s, &f->year))
    PROBLEM (r, bl_yt_get (root, "year"), "year '%s' is not a year", s);
  if ((s = get_string (r, root, "unit")) != NULL)
    {
      BlUnit u;
      if (!bl_unit_parse (s, &u) || u == BL_UNIT_PERCENT)
        PROBLEM (r, bl_yt_get (root, "unit"),
                 "unit must be 元, 万元 or 亿元, not '%s'", s);
      else
        f->unit = u, f->unit_declared = TRUE;
    }
}

static gboolean
read_keys (Reader *r, BlYtNode *node, GArray *keys)
{
  g_array_set_size (keys, 0);
  if (node == NULL)
    {
      KeyField def[] = { KEY_CODE, KEY_LABEL };
      g_array_append_vals (keys, def, 2);
      return TRUE;
    }
  if (node->type != BL_YT_SEQUENCE)
    {
      PROBLEM (r, node, "'keys' must be a list of code, label, line");
      return FALSE;
    }
  for (guint i = 0; i < bl_yt_seq_len (node); i++)
    {
      BlYtNode *k = SEQ_GET (node, i);
      const char *s = bl_yt_scalar (k);
      KeyField f;
      if (g_strcmp0 (s, "code") == 0)
        f = KEY_CODE;
      else if (g_strcmp0 (s, "label") == 0)
        f = KEY_LABEL;
      else if (g_strcmp0 (s, "line") == 0)
        f = KEY_LINE;
      else
        {
          PROBLEM (r, k, "unknown key field '%s' (expected code, label or line)",
                   s ? s : "");
          return FALSE;
        }
      g_array_append_val (keys, f);
    }
  return TRUE;
}

/* unit: none marks counts and scores in a table of money; 元/万元/亿元 a
 * column kept in another unit than its table. */
static void
read_column_unit (Reader *r, BlYtNode *node, BlColumn *col, const char *s)
{
  BlUnit u;
  if (strcmp (s, "none") == 0)
    col->unit = BL_UNIT_NONE;
  else if (bl_unit_parse (s, &u) && u != BL_UNIT_PERCENT)
    col->unit = (int) u;
  else
    PROBLEM (r, bl_yt_get (node, "unit"),
             "column unit must be 元, 万元, 亿元 or none, not '%s'", s);
}

static void
read_columns (Reader *r, BlPart *part, BlYtNode *node)
{
  if (node == NULL || node->type != BL_YT_SEQUENCE)
    {
      PROBLEM (r, node ? node : r->doc_root,
               "'columns' must be a list of column names");
      return;
    }
  for (guint i = 0; i < bl_yt_seq_len (node); i++)
    {
      BlYtNode *c = SEQ_GET (node, i);
      const char *name = bl_yt_scalar (c), *group = NULL, *unit = NULL;
      int no = (int) i + 1;
      gboolean text = FALSE;
      BlColumn *col;
      if (c->type == BL_YT_MAPPING)
        {
          const char *nos = get_string (r, c, "no");
          name = get_string (r, c, "name");
          group = get_string (r, c, "group");
          text = g_strcmp0 (get_string (r, c, "text"), "true") == 0;
          unit = get_string (r, c, "unit");
          if (nos && !parse_int (nos, &no))
            PROBLEM (r, c, "column 栏次 '%s' is not a number", nos);
          if (nos == NULL)
            no = 0;
        }
      if (name == NULL || *name == '\0')
        {
          PROBLEM (r, c, "column %u has no name", i + 1);
          name = "";
        }
      col = bl_part__add_column (part, name, group, no);
      col->text = text;
      if (unit)
        read_column_unit (r, c, col, unit);
    }
}

static void
read_cell (Reader *r, BlTable *t, BlCell *cell, BlYtNode *n)
{
  const char *s = bl_yt_scalar (n);
  g_autoptr(GError) err = NULL;

  cell->pos.line = bl_yt_line (n);
  cell->pos.col = bl_yt_col (n);
  if (bl_yt_is_null (n))
    return;
  if (s == NULL)
    {
      PROBLEM (r, n, "a cell must be a number or blank");
      return;
    }
  cell->text = bl_filing__intern (r->filing, s);
  if (bl_decimal_text_is_blank (s))
    return;
  if (cell->column && cell->column->text)
    {
      cell->kind = BL_CELL_TEXT;   /* a text column: kept as printed */
      return;
    }
  if (strcmp (s, "?") == 0)
    {
      cell->kind = BL_CELL_UNREAD;  /* a figure the reader could not place */
      cell->text = NULL;
      return;
    }
  if (!bl_decimal_parse (s, &cell->value, &err))
    {
      PROBLEM (r, n, "%s", err->message);
      cell->kind = BL_CELL_TEXT;
      return;
    }
  if (cell->value.unit == BL_UNIT_NONE)
    cell->value.unit = (guint8) (cell->column && cell->column->unit >= 0
                                 ? cell->column->unit : (int) t->unit);
  cell->kind = BL_CELL_NUMBER;
}

static void
read_key (Reader *r, BlRow *row, KeyField f, BlYtNode *n)
{
  const char *s = bl_yt_is_null (n) ? NULL : bl_yt_scalar (n);

  if (!bl_yt_is_null (n) && s == NULL)
    {
      PROBLEM (r, n, "a row key must be a scalar");
      return;
    }
  switch (f)
    {
    case KEY_CODE:
      if (s && *s)
        {
          for (const char *p = s; *p; p++)
            if (!g_ascii_isalnum (*p))
              {
                PROBLEM (r, n, "科目编码 '%s' is not a code", s);
                return;
              }
          bl_row__set_code (row, s);
        }
      break;
    case KEY_LABEL:
      if (s && *s)
        bl_row__set_label (row, s);
      break;
    case KEY_LINE:
      if (s && *s && !parse_int (s, &row->line_no))
        PROBLEM (r, n, "行次 '%s' is not a number", s);
      break;
    }
}

static void
read_row (Reader *r, BlPart *part, GArray *keys, BlYtNode *n)
{
  guint nkeys = keys->len, ncols = part->columns->len;
  guint len = bl_yt_seq_len (n);
  BlRow *row;

  if (n->type != BL_YT_SEQUENCE)
    {
      PROBLEM (r, n, "a row must be a list: keys, then one cell per column");
      return;
    }
  if (len != nkeys + ncols)
    {
      PROBLEM (r, n, "row has %u fields; expected %u (%u keys + %u columns)",
               len, nkeys + ncols, nkeys, ncols);
      return;
    }
  row = bl_part__add_row (part);
  row->pos.line = bl_yt_line (n);
  row->pos.col = bl_yt_col (n);
  for (guint i = 0; i < nkeys; i++)
    read_key (r, row, g_array_index (keys, KeyField, i),
              SEQ_GET (n, i));
  for (guint i = 0; i < ncols; i++)
    read_cell (r, part->table, &row->cells[i],
               SEQ_GET (n, nkeys + i));
}

static void
check_duplicate_codes (Reader *r, BlPart *part)
{
  GHashTable *seen = r->codes;
  g_hash_table_remove_all (seen);
  for (guint i = 0; i < part->rows->len; i++)
    {
      BlRow *row = g_ptr_array_index (part->rows, i);
      BlRow *prev;
      if (row->code == NULL)
        continue;
      if ((prev = g_hash_table_lookup (seen, row->code)) != NULL)
        bl_problems_add (r->problems, row->pos.line, row->pos.col,
                         "duplicate row code %s (first at line %u)",
                         row->code, prev->pos.line);
      else
        g_hash_table_insert (seen, (gpointer) row->code, row);
    }
}

static void
read_part (Reader *r, BlTable *t, const char *name, BlYtNode *node,
           GArray *table_keys)
{
  BlPart *part = bl_table__add_part (t, name);
  BlYtNode *rows = bl_yt_get (node, "rows");
  BlYtNode *columns = bl_yt_get (node, "columns");
  BlYtNode *keys_node = bl_yt_get (node, "keys");
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (KeyField));

  if (keys_node)
    {
      if (!read_keys (r, keys_node, keys))
        return;
    }
  else
    g_array_append_vals (keys, table_keys->data, table_keys->len);
  if (!within_budget (r, node, 1 + (guint64) bl_yt_seq_len (rows)
                                     * (bl_yt_seq_len (columns) + 1)))
    return;
  read_columns (r, part, columns);
  if (rows && bl_yt_is_null (rows))
    rows = NULL;    /* `rows:` with nothing: a table with no rows */
  if (rows && rows->type != BL_YT_SEQUENCE)
    {
      PROBLEM (r, rows, "'rows' must be a list");
      return;
    }
  for (guint i = 0; i < bl_yt_seq_len (rows); i++)
    read_row (r, part, keys, SEQ_GET (rows, i));
  check_duplicate_codes (r, part);
}

static void
read_parts (Reader *r, BlTable *t, BlYtNode *parts, GArray *keys)
{
  if (parts->type != BL_YT_SEQUENCE)
    {
      PROBLEM (r, parts, "'parts' must be a list");
      return;
    }
  for (guint i = 0; i < bl_yt_seq_len (parts); i++)
    {
      BlYtNode *p = SEQ_GET (parts, i);
      const char *name = get_string (r, p, "part");
      if (name == NULL)
        {
          PROBLEM (r, p, "each part needs a name ('part: 收入')");
          continue;
        }
      read_part (r, t, name, p, keys);
    }
}

/* attributes: {项目名称: …, 总分: 91, 等级: 优} */
static void
read_attributes (Reader *r, BlTable *t, BlYtNode *map)
{
  if (map == NULL)
    return;
  if (map->type != BL_YT_MAPPING)
    {
      PROBLEM (r, map, "'attributes' must be a mapping of names to values");
      return;
    }
  for (guint i = 0; i < map->len; i++)
    {
      BlYtNode *k = map->items[2 * i], *v = map->items[2 * i + 1];
      BlPos pos = { bl_yt_line (v), bl_yt_col (v), 0, NULL };
      if (bl_yt_scalar (k) == NULL || (v->type != BL_YT_SCALAR))
        {
          PROBLEM (r, k, "an attribute is a name and a value");
          continue;
        }
      bl_table__add_attribute (t, bl_yt_scalar (k),
                               bl_yt_is_null (v) ? NULL : bl_yt_scalar (v), &pos);
    }
}

static void
read_table_header (Reader *r, BlTable *t, BlYtNode *node,
                   const BlTableKind *k)
{
  BlFiling *f = r->filing;
  const char *s;

  t->title = bl_filing__intern (f, get_string (r, node, "title"));
  if (t->title == NULL)
    t->title = bl_filing__intern (f, k->title);
  t->label = bl_filing__intern (f, get_string (r, node, "label"));
  t->statement = bl_filing__intern (f, get_string (r, node, "statement"));
  /* What a reader doubted stays doubted: findings on the converted filing
   * are held back as on the original. */
  t->doubt = bl_filing__intern (f, get_string (r, node, "doubt"));
  if ((s = get_string (r, node, "unit")) != NULL)
    {
      BlUnit u;
      if (!bl_unit_parse (s, &u) || u == BL_UNIT_PERCENT)
        PROBLEM (r, bl_yt_get (node, "unit"),
                 "unit must be 元, 万元 or 亿元, not '%s'", s);
      else
        t->unit = u, t->unit_declared = TRUE;
    }
  t->pos.line = bl_yt_line (node);
  t->pos.col = bl_yt_col (node);
  read_attributes (r, t, bl_yt_get (node, "attributes"));
}

static void
read_table (Reader *r, BlYtNode *node)
{
  const char *kind = get_string (r, node, "kind");
  const BlTableKind *k;
  BlYtNode *parts;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (KeyField));
  BlTable *t;

  if (node->type != BL_YT_MAPPING)
    {
      PROBLEM (r, node, "a table must be a mapping");
      return;
    }
  if (kind == NULL || (k = bl_table_kind_lookup (kind)) == NULL)
    {
      PROBLEM (r, bl_yt_get (node, "kind") ? bl_yt_get (node, "kind") : node,
               "unknown table kind '%s' (known: %s)", kind ? kind : "",
               bl_table_kind_names ());
      return;
    }
  t = bl_filing__add_table (r->filing, kind);
  read_table_header (r, t, node, k);
  if (!read_keys (r, bl_yt_get (node, "keys"), keys))
    return;
  if ((parts = bl_yt_get (node, "parts")) != NULL)
    read_parts (r, t, parts, keys);
  else
    read_part (r, t, NULL, node, keys);
  bl_table__finish (t);
}

static BlFiling *
read_filing (BlYtNode *node, const BlYtNode *doc_root, const char *path,
             gboolean fragment, BlProblems *problems)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  Reader r = { doc_root, bl_filing__new (path, "yaml"), problems, 0, codes };
  BlYtNode *tables;

  if (node == NULL || node->type != BL_YT_MAPPING)
    {
      PROBLEM (&r, node, "a filing must be a mapping");
      return r.filing;
    }
  read_header (&r, node, fragment);
  tables = bl_yt_get (node, "tables");
  if (tables == NULL || tables->type != BL_YT_SEQUENCE)
    PROBLEM (&r, tables ? tables : node, "'tables' must be a list of tables");
  for (guint i = 0; i < bl_yt_seq_len (tables); i++)
    read_table (&r, SEQ_GET (tables, i));
  return r.filing;
}

BlFiling *
bl_input_yaml_from_node (BlYamlDoc *doc, yaml_node_t *node, const char *path,
                         gboolean fragment, BlProblems *problems)
{
  g_autoptr(BlYtTree) tree = bl_ytree_from_doc (doc, node);
  yaml_node_t *root = bl_yaml_root (doc);
  BlYtNode doc_root = { 0 };

  doc_root.line = bl_yaml_line (root);
  doc_root.col = bl_yaml_col (root);
  return read_filing (bl_ytree_root (tree), &doc_root, path, fragment, problems);
}

static BlFiling *
yaml_read (const char *data, gsize len, const char *path, GError **error)
{
  g_autoptr(BlYtTree) tree = bl_ytree_load (data, len, path, BL_ERROR_INPUT, error);
  BlProblems problems;
  BlFiling *f;

  if (tree == NULL)
    return NULL;
  bl_problems_init (&problems, path);
  f = read_filing (bl_ytree_root (tree), bl_ytree_root (tree), path, FALSE,
                   &problems);
  if (!bl_problems_finish (&problems, BL_ERROR_INPUT, error))
    {
      bl_filing_free (f);
      return NULL;
    }
  return f;
}

/* A YAML filing says so on a line of its own: `budgetlint: 1`. */
static gboolean
yaml_probe (const char *data, gsize len)
{
  gsize n = MIN (len, 4096);
  for (gsize i = 0; i + 11 <= n; i++)
    if ((i == 0 || data[i - 1] == '\n') && memcmp (data + i, "budgetlint:", 11) == 0)
      return TRUE;
  return FALSE;
}

const BlInputFormat bl_input_yaml = { "yaml", yaml_probe, yaml_read };
