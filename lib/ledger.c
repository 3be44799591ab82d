/* The ledger: filings, tables, parts, rows and cells. */

#include "ledger.h"
#include "diag.h"
#include "kinds.h"

#include <string.h>

static void table_free (BlTable *table);

BlFiling *
bl_filing__new (const char *path, const char *format)
{
  BlFiling *f = g_new0 (BlFiling, 1);
  f->strings = g_string_chunk_new (4096);
  /* owns its tables, so a reader can drop one it started */
  f->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  f->first_of_kind = g_hash_table_new (g_str_hash, g_str_equal);
  f->path = bl_filing__intern (f, path);
  f->format = bl_filing__intern (f, format);
  f->kind = bl_filing__intern (f, "决算");
  f->unit = BL_UNIT_YUAN;
  return f;
}

const char *
bl_filing__intern (BlFiling *filing, const char *s)
{
  return s ? g_string_chunk_insert (filing->strings, s) : NULL;
}

static void
rows_free (BlPart *part)
{
  for (guint i = 0; i < part->rows->len; i++)
    {
      BlRow *row = g_ptr_array_index (part->rows, i);
      if (row->children)
        g_ptr_array_free (row->children, TRUE);
      g_free (row);     /* its cells with it */
    }
  g_ptr_array_set_size (part->rows, 0);
}

void
bl_table__clear_rows (BlTable *table)
{
  for (guint p = 0; p < table->parts->len; p++)
    rows_free (g_ptr_array_index (table->parts, p));
  if (table->by_code)
    g_hash_table_remove_all (table->by_code);
}

static void
part_free (BlPart *part)
{
  rows_free (part);
  g_ptr_array_free (part->rows, TRUE);
  g_ptr_array_set_free_func (part->columns, g_free);
  g_ptr_array_free (part->columns, TRUE);
  g_free (part);
}

static void
table_free (BlTable *table)
{
  g_ptr_array_set_free_func (table->parts, (GDestroyNotify) part_free);
  g_ptr_array_free (table->parts, TRUE);
  if (table->by_code)
    g_hash_table_destroy (table->by_code);
  if (table->attributes)
    g_ptr_array_free (table->attributes, TRUE);
  g_free (table);
}

void
bl_filing_free (BlFiling *filing)
{
  if (filing == NULL)
    return;
  g_ptr_array_free (filing->tables, TRUE);
  g_hash_table_destroy (filing->first_of_kind);
  g_string_chunk_free (filing->strings);
  bl_diagnostics_free (filing->notes);
  if (filing->pending)
    g_ptr_array_free (filing->pending, TRUE);
  for (guint i = 0; filing->paragraphs && i < filing->paragraphs->len; i++)
    {
      BlParagraph *p = g_ptr_array_index (filing->paragraphs, i);
      g_array_free (p->marks, TRUE);
      g_free (p);
    }
  if (filing->paragraphs)
    g_ptr_array_free (filing->paragraphs, TRUE);
  g_free (filing);
}

BlTable *
bl_filing__add_table (BlFiling *filing, const char *kind)
{
  BlTable *t = g_new0 (BlTable, 1);
  const BlTableKind *k = bl_table_kind_lookup (kind);
  t->kind = k ? k->kind : bl_filing__intern (filing, kind);
  t->unit = filing->unit;
  t->unit_declared = filing->unit_declared;
  t->parts = g_ptr_array_new ();
  t->filing = filing;
  g_ptr_array_add (filing->tables, t);
  if (t->kind && !g_hash_table_contains (filing->first_of_kind, t->kind))
    g_hash_table_insert (filing->first_of_kind, (gpointer) t->kind, t);
  return t;
}

void
bl_filing__drop_last_table (BlFiling *filing)
{
  BlTable *t = g_ptr_array_index (filing->tables, filing->tables->len - 1);

  /* Only the last table is ever dropped, so none of its kind came
   * before it when it is the first. */
  if (t->kind && g_hash_table_lookup (filing->first_of_kind, t->kind) == t)
    g_hash_table_remove (filing->first_of_kind, t->kind);
  g_ptr_array_set_size (filing->tables, filing->tables->len - 1);
}

BlPart *
bl_table__add_part (BlTable *table, const char *name)
{
  BlPart *p = g_new0 (BlPart, 1);
  p->name = bl_filing__intern (table->filing, name);
  p->columns = g_ptr_array_new ();
  p->rows = g_ptr_array_new ();
  p->table = table;
  g_ptr_array_add (table->parts, p);
  return p;
}

BlColumn *
bl_part__add_column (BlPart *part, const char *name, const char *group, int no)
{
  BlColumn *c = g_new0 (BlColumn, 1);
  BlFiling *f = part->table->filing;
  g_autofree char *numbered = NULL;
  if (name == NULL || *name == '\0')   /* a header cell printed blank */
    name = numbered = g_strdup_printf ("第%u栏", no > 0 ? (guint) no : part->columns->len + 1);
  c->name = bl_filing__intern (f, name);
  g_autofree char *key = bl_label_key (name);
  g_autofree char *raw = group ? g_strconcat (group, "/", name, NULL) : NULL;
  g_autofree char *path = raw ? bl_label_key (raw) : NULL;
  c->group = bl_filing__intern (f, group);
  c->key = bl_filing__intern (f, key);
  c->path = path ? bl_filing__intern (f, path) : c->key;
  c->key_len = (guint) strlen (c->key);
  c->path_len = (guint) strlen (c->path);
  c->no = no;
  c->unit = -1;
  c->index = part->columns->len;
  c->part = part;
  g_ptr_array_add (part->columns, c);
  return c;
}

BlColumn *
bl_part__column (const BlPart *part, const char *name)
{
  for (guint i = 0; i < part->columns->len; i++)
    {
      BlColumn *c = g_ptr_array_index (part->columns, i);
      if (strcmp (c->name, name) == 0)
        return c;
    }
  return NULL;
}

BlRow *
bl_part__add_row (BlPart *part)
{
  /* A row and its cells are one block: one allocation per row, not two. */
  gsize ncells = MAX (part->columns->len, 1);
  BlRow *r = g_malloc0 (sizeof (BlRow) + ncells * sizeof (BlCell));
  r->index = part->rows->len;
  r->part = part;
  r->cells = (BlCell *) (r + 1);
  for (guint i = 0; i < part->columns->len; i++)
    {
      r->cells[i].row = r;
      r->cells[i].column = g_ptr_array_index (part->columns, i);
    }
  g_ptr_array_add (part->rows, r);
  return r;
}

BlAttribute *
bl_table__add_attribute (BlTable *table, const char *name, const char *text,
                         const BlPos *pos)
{
  BlAttribute *a = g_new0 (BlAttribute, 1);
  a->name = bl_filing__intern (table->filing, name);
  a->cell.text = bl_filing__intern (table->filing, text);
  if (pos)
    a->cell.pos = *pos;
  if (text == NULL || bl_decimal_text_is_blank (text))
    a->cell.kind = BL_CELL_BLANK;
  else if (bl_decimal_parse (text, &a->cell.value, NULL))
    {
      a->cell.kind = BL_CELL_NUMBER;
      if (a->cell.value.unit == BL_UNIT_NONE && strstr (name, "数"))
        a->cell.value.unit = (guint8) table->unit;   /* 预算数 …: money */
    }
  else
    a->cell.kind = BL_CELL_TEXT;
  if (table->attributes == NULL)
    table->attributes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (table->attributes, a);
  return a;
}

const BlAttribute *
bl_table__attribute (const BlTable *table, const char *name)
{
  for (guint i = 0; table->attributes && i < table->attributes->len; i++)
    {
      const BlAttribute *a = g_ptr_array_index (table->attributes, i);
      if (strcmp (a->name, name) == 0)
        return a;
    }
  return NULL;
}

static gsize ordinal_prefix_len (const char *s);

/* Whether bl_label_key() would change @label: white space, markup, the
 * lead bytes of full-width punctuation, or an ordinal prefix.  Most row
 * labels are plain 汉字 (卫生健康支出), and their key is the label. */
static gboolean
label_needs_key (const char *label)
{
  for (const guchar *p = (const guchar *) label; *p; p++)
    if (g_ascii_isspace (*p) || *p == '<' || *p == 0xE2 || *p == 0xE3
        || *p == 0xEF)
      return TRUE;
  return ordinal_prefix_len (label) != 0;
}

void
bl_row__set_label (BlRow *row, const char *label)
{
  BlFiling *f = row->part->table->filing;
  g_autofree char *key = NULL;

  row->label = bl_filing__intern (f, label);
  if (label == NULL || !label_needs_key (label))
    {
      row->key = row->label;
      return;
    }
  key = bl_label_key (label);
  row->key = bl_filing__intern (f, key);
}

void
bl_row__set_code (BlRow *row, const char *code)
{
  row->code = bl_filing__intern (row->part->table->filing, code);
}

/* 类 (3 digits) → 款 (5) → 项 (7): a row's parent is the row in the same
 * part whose code drops the last two digits. */
static void
link_code_tree (BlTable *table)
{
  /* Made anew: a table finished twice must not list a child twice. */
  for (guint p = 0; p < table->parts->len; p++)
    {
      BlPart *part = g_ptr_array_index (table->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          BlRow *row = g_ptr_array_index (part->rows, i);
          row->parent = NULL;
          if (row->children)
            g_ptr_array_set_size (row->children, 0);
        }
    }
  for (guint p = 0; p < table->parts->len; p++)
    {
      BlPart *part = g_ptr_array_index (table->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          BlRow *row = g_ptr_array_index (part->rows, i);
          gsize len = row->code ? strlen (row->code) : 0;
          char up[32];
          BlRow *parent;
          if (len < 5 || len >= sizeof up)
            continue;
          memcpy (up, row->code, len - 2);
          up[len - 2] = '\0';
          for (parent = g_hash_table_lookup (table->by_code, up); parent;
               parent = parent->same_code)
            {
              if (parent->part != part)
                continue;
              row->parent = parent;
              if (parent->children == NULL)
                parent->children = g_ptr_array_new ();
              g_ptr_array_add (parent->children, row);
              break;
            }
        }
    }
}

void
bl_table__finish (BlTable *table)
{
  if (table->by_code)
    g_hash_table_destroy (table->by_code);
  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  /* Backwards, each row in front of the ones after it: the lists come out
   * in document order without a list per code. */
  for (guint p = table->parts->len; p-- > 0;)
    {
      BlPart *part = g_ptr_array_index (table->parts, p);
      for (guint i = part->rows->len; i-- > 0;)
        {
          BlRow *row = g_ptr_array_index (part->rows, i);
          if (row->code == NULL)
            continue;
          row->same_code = g_hash_table_lookup (table->by_code, row->code);
          g_hash_table_insert (table->by_code, (gpointer) row->code, row);
        }
    }
  link_code_tree (table);
}

gboolean
bl_cell__doubtful (const BlCell *cell)
{
  return cell->kind == BL_CELL_UNREAD
         || (cell->row && cell->row->part->table->doubt);
}

/* Whether some cell of @t is of @kind (or, @negate, of another kind). */
static gboolean
any_cell (const BlTable *t, BlCellKind kind, gboolean negate)
{
  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      for (guint i = 0; i < part->rows->len; i++)
        {
          const BlRow *row = g_ptr_array_index (part->rows, i);
          for (guint c = 0; c < part->columns->len; c++)
            if ((row->cells[c].kind == kind) != negate)
              return TRUE;
        }
    }
  return FALSE;
}

gboolean
bl_table__has_unread (const BlTable *t)
{
  return any_cell (t, BL_CELL_UNREAD, FALSE);
}

gboolean
bl_table__has_printed (const BlTable *t)
{
  return any_cell (t, BL_CELL_BLANK, TRUE);
}

gboolean
bl_filing__has_doubt (const BlFiling *filing)
{
  for (guint i = 0; i < filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      if (t->doubt || bl_table__has_unread (t))
        return TRUE;
    }
  return FALSE;
}

const BlRow *
bl_table__row_by_code (const BlTable *table, const char *code)
{
  return table->by_code ? g_hash_table_lookup (table->by_code, code) : NULL;
}

guint
bl_table__n_value_columns (const BlTable *table)
{
  guint n = 0;
  for (guint p = 0; p < table->parts->len; p++)
    n += ((BlPart *) g_ptr_array_index (table->parts, p))->columns->len;
  return n;
}

static const char *
note_title (const char *rule)
{
  if (g_str_has_prefix (rule, "READ.no_tables"))
    return "读取：未识别到决算公开表";
  if (g_str_has_prefix (rule, "READ.cell"))
    return "读取：表中单元格不是金额";
  if (g_str_has_prefix (rule, "READ.doubtful"))
    return "读取：整张表可能读错";
  return "读取";
}

void
bl_filing__retract (BlFiling *filing, const char *title)
{
  GPtrArray *items = filing->notes ? filing->notes->items : NULL;
  for (guint i = items ? items->len : 0; i-- > 0;)
    {
      const BlDiagnostic *d = g_ptr_array_index (items, i);
      const BlLocation *loc = d->locations->len ? &g_array_index (d->locations, BlLocation, 0) : NULL;
      if (g_str_has_prefix (d->rule, "READ.") && loc && g_strcmp0 (loc->table, title) == 0)
        g_ptr_array_remove_index (items, i);
    }
}

void
bl_filing__note (BlFiling *filing, const char *rule, BlSeverity severity,
                 const BlPos *pos, const char *table, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  BlDiagnostic *d;
  BlLocation loc = { 0 };

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  d = bl_diagnostic__new (rule, note_title (rule), severity,
                          BL_CONFIDENCE_CERTAIN, msg);
  loc.table = table;
  if (pos)
    {
      loc.line = pos->line;
      loc.column_no = pos->col;
      loc.page = pos->page;
      loc.sheet = pos->sheet;
    }
  bl_diagnostic__add_location (d, &loc);
  if (filing->notes == NULL)
    filing->notes = bl_diagnostics_new ();
  bl_diagnostics__add (filing->notes, d);
}

BlPos
bl_paragraph__pos (const BlParagraph *p, guint32 offset)
{
  BlPos pos = { 0 };
  for (guint i = 0; i < p->marks->len; i++)
    {
      const BlLineMark *m = &g_array_index (p->marks, BlLineMark, i);
      if (m->offset > offset && i > 0)
        break;
      pos.line = m->line;
      pos.page = m->page;
    }
  return pos;
}

/* ---- label keys ---- */

static const struct { const char *from, *to; } label_folds[] = {
  { "（", "(" }, { "）", ")" }, { "：", ":" }, { "“", "\"" }, { "”", "\"" },
  { "、", "、" }, { "，", "," }, { "；", ";" }, { "．", "." },
};

static gboolean
is_space_at (const char *s, gsize *n)
{
  if (g_ascii_isspace (*s))
    return (*n = 1);
  if (strncmp (s, "\xe3\x80\x80", 3) == 0)
    return (*n = 3);
  return FALSE;
}

/* Copies @label into @out (at least as long) without white space and
 * markup, folding full-width punctuation.  Folding never lengthens. */
static void
fold_label (const char *label, char *out)
{
  const char *p = label;
  char *o = out;

  while (*p)
    {
      gsize n = 0;
      gboolean done = FALSE;
      if (is_space_at (p, &n))
        {
          p += n;
          continue;
        }
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          if (end && end - p < 16)
            {
              p = end + 1;
              continue;
            }
        }
      /* Only full-width punctuation folds: it starts with E3 or EF, the
       * curly quotes with E2; all of it is three bytes long. */
      if ((unsigned char) *p == 0xE2 || (unsigned char) *p == 0xE3
          || (unsigned char) *p == 0xEF)
        for (gsize i = 0; i < G_N_ELEMENTS (label_folds) && !done; i++)
          if (strncmp (p, label_folds[i].from, 3) == 0)
            {
              gsize len = strlen (label_folds[i].to);
              memcpy (o, label_folds[i].to, len);
              o += len;
              p += 3;
              done = TRUE;
            }
      if (!done)
        *o++ = *p++;
    }
  *o = '\0';
}

/* Every row label is asked, so the Chinese numerals are a switch rather
 * than a search of a string of them. */
static gboolean
is_ordinal_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isdigit (c);
  switch (c)
    {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:  /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:  /* 六七八九十 */
    case 0x767E: case 0x96F6: case 0x3007:                            /* 百零〇 */
      return TRUE;
    default:
      return g_unichar_isdigit (c);
    }
}

/* Length in bytes of an ordinal prefix: "一、", "(一)", "1.", "12、", "①". */
static gsize
ordinal_prefix_len (const char *s)
{
  const char *p = s;
  gboolean paren = FALSE;
  gunichar c = g_utf8_get_char (p);

  if (c >= 0x2460 && c <= 0x2473)   /* ①…⑳ */
    return (gsize) (g_utf8_next_char (p) - s);
  if (*p == '(')
    paren = TRUE, p++;
  if (!is_ordinal_char (g_utf8_get_char (p)))
    return 0;
  while (*p && is_ordinal_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (paren)
    return *p == ')' ? (gsize) (p + 1 - s) : 0;
  if (strncmp (p, "、", 3) == 0)
    return (gsize) (p + 3 - s);
  if (*p == '.' && !g_ascii_isdigit (p[1]))
    return (gsize) (p + 1 - s);
  return 0;
}

void
bl_cell_name (guint col, guint row, char buf[16])
{
  char letters[4];
  int n = 0, k = 0;

  for (guint c = col; c > 0 && n < 3; c = (c - 1) / 26)   /* XFD is the last */
    letters[n++] = (char) ('A' + (c - 1) % 26);
  while (n > 0)
    buf[k++] = letters[--n];
  g_snprintf (buf + k, 16 - (gsize) k, "%u", row);
}

char *
bl_label_key (const char *label)
{
  char *s = g_malloc (strlen (label) + 1);
  gsize skip;

  fold_label (label, s);
  skip = ordinal_prefix_len (s);
  if (skip)
    memmove (s, s + skip, strlen (s + skip) + 1);
  return s;
}

/* ---- public accessors ---- */

const char *bl_filing_get_path (const BlFiling *f) { return f->path; }
const char *bl_filing_get_format (const BlFiling *f) { return f->format; }
const char *bl_filing_get_department (const BlFiling *f) { return f->department; }
int bl_filing_get_year (const BlFiling *f) { return f->year; }
const char *bl_filing_get_kind (const BlFiling *f) { return f->kind; }
guint bl_filing_get_n_tables (const BlFiling *f) { return f->tables->len; }

const BlTable *
bl_filing_get_table (const BlFiling *filing, guint i)
{
  g_return_val_if_fail (i < filing->tables->len, NULL);
  return g_ptr_array_index (filing->tables, i);
}

const BlTable *
bl_filing_find_table (const BlFiling *filing, const char *kind)
{
  g_return_val_if_fail (filing != NULL, NULL);
  return kind ? g_hash_table_lookup (filing->first_of_kind, kind) : NULL;
}

/* A table's kind is kinds.h's string whenever it is a known kind, so
 * looking it up by text finds what comparing pointers would. */
const BlTable *
bl_filing__find_kind (const BlFiling *filing, const char *kind)
{
  return bl_filing_find_table (filing, kind);
}

const char *bl_table_get_kind (const BlTable *t) { return t->kind; }
const char *bl_table_get_title (const BlTable *t) { return t->title; }
const char *bl_table_get_label (const BlTable *t) { return t->label; }
int bl_table_get_unit (const BlTable *t) { return (int) t->unit; }
guint bl_table_get_line (const BlTable *t) { return t->pos.line; }

guint
bl_table_get_n_rows (const BlTable *table)
{
  guint n = 0;
  for (guint p = 0; p < table->parts->len; p++)
    n += ((BlPart *) g_ptr_array_index (table->parts, p))->rows->len;
  return n;
}
