/* Writing a filing back out as the canonical YAML (budgetlint-filing(5)):
 * what `budgetlint convert` prints, so a person can check what was read
 * and keep it.  Reading the output again gives the same ledger. */

#include "jsonout.h"
#include "ledger.h"

#include <string.h>

/* YAML's printable set (1.1 §5.1): what may stand in a file unescaped. */
static gboolean
printable (gunichar c)
{
  return c == '\t' || c == '\n' || (c >= 0x20 && c <= 0x7e) || c == 0x85
         || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)
         || (c >= 0x10000 && c <= 0x10ffff);
}

static gboolean
has_control (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (!printable (g_utf8_get_char (p)) || *p == '\t')
      return TRUE;
  return FALSE;
}

/* Plain YAML scalars are safe for codes, numbers and most Chinese text;
 * anything with YAML syntax characters or control characters (a form
 * feed from a PDF's text) is double-quoted, and escaped. */
static void
scalar (GString *out, const char *s)
{
  gboolean quote = *s == '\0' || strpbrk (s, ":#,[]{}&*!|>'\"%@`\\") != NULL
                   || has_control (s)
                   || s[0] == '-' || s[0] == '?' || s[0] == ' ' || s[strlen (s) - 1] == ' '
                   || g_ascii_strcasecmp (s, "null") == 0 || strcmp (s, "~") == 0
                   || g_ascii_strcasecmp (s, "true") == 0 || g_ascii_strcasecmp (s, "false") == 0;
  if (!quote)
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '"' || c == '\\')
        g_string_append_c (out, '\\');
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t' || !printable (c))    /* escaped, as YAML allows */
        g_string_append_printf (out, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

static void
field (GString *out, const char *indent, const char *key, const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, "%s%s: ", indent, key);
  scalar (out, value);
  g_string_append_c (out, '\n');
}

/* The unit a column's unsuffixed figures are read in: the one all its
 * figures share (none for scores and counts), else the table's. */
static int
column_unit (const BlPart *part, guint c)
{
  int unit = -1;
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *r = g_ptr_array_index (part->rows, i);
      int u = r->cells[c].value.unit;
      if (r->cells[c].kind != BL_CELL_NUMBER || u == BL_UNIT_PERCENT)
        continue;
      if (unit >= 0 && u != unit)
        return (int) part->table->unit;
      unit = u;
    }
  return unit >= 0 ? unit : (int) part->table->unit;
}

/* A figure as printed, with its unit when the column's is another (元 in
 * a narrative of 万元).  A cell that was not a figure (READ.cell) is
 * written blank; the row's comment keeps what the document printed.  A
 * figure the reader could not place is "?". */
static void
write_cell (GString *out, const BlCell *c, int unit)
{
  g_autofree char *text = NULL;
  BlUnit u = c->value.unit;
  BlDecimal written;

  if (c->kind == BL_CELL_UNREAD)
    g_string_append (out, "\"?\"");
  else if (c->kind == BL_CELL_TEXT && c->column && c->column->text)
    scalar (out, c->text ? c->text : "");
  else if (c->kind != BL_CELL_NUMBER)
    g_string_append_c (out, '~');
  else if ((int) u == unit || u == BL_UNIT_NONE || c->text == NULL
           || !bl_decimal_parse (c->text, &written, NULL)
           || written.unit != BL_UNIT_NONE)    /* 12.50元, 99.8%: as printed */
    scalar (out, c->text ? c->text : "");
  else
    {
      text = g_strconcat (c->text ? c->text : "", bl_unit_name (u), NULL);
      scalar (out, text);
    }
}

static void
write_columns (GString *out, const BlPart *part, const char *indent)
{
  if (part->columns->len == 0)
    {
      g_string_append_printf (out, "%scolumns: []\n", indent);
      return;
    }
  g_string_append_printf (out, "%scolumns:\n", indent);
  for (guint i = 0; i < part->columns->len; i++)
    {
      const BlColumn *c = g_ptr_array_index (part->columns, i);
      int unit;
      g_string_append_printf (out, "%s  - {name: ", indent);
      scalar (out, c->name);
      if (c->group)
        {
          g_string_append (out, ", group: ");
          scalar (out, c->group);
        }
      if (c->no)
        g_string_append_printf (out, ", no: %d", c->no);
      if (c->text)
        g_string_append (out, ", text: true");
      else if ((unit = column_unit (part, i)) != (int) part->table->unit)
        g_string_append_printf (out, ", unit: %s",
                                unit == BL_UNIT_NONE ? "none" : bl_unit_name (unit));
      g_string_append (out, "}\n");
    }
}

static void
write_unread (GString *out, const BlPart *part, const BlRow *r)
{
  g_autoptr(GString) note = g_string_new (NULL);
  for (guint c = 0; c < part->columns->len; c++)
    {
      const BlColumn *col = g_ptr_array_index (part->columns, c);
      const BlCell *cell = &r->cells[c];
      if (cell->kind == BL_CELL_TEXT && !col->text)
        g_string_append_printf (note, "%s%s原文“%s”不是金额",
                                note->len ? "；" : "  # ", col->name, cell->text);
      else if (cell->kind == BL_CELL_UNREAD && cell->text)
        g_string_append_printf (note, "%s%s读作“%s”，位置未能确定",
                                note->len ? "；" : "  # ", col->name, cell->text);
    }
  for (const char *q = note->str; *q; q = g_utf8_next_char (q))
    if (printable (g_utf8_get_char (q)) && *q != '\n')   /* a comment ends at a line break */
      g_string_append_len (out, q, g_utf8_next_char (q) - q);
    else
      g_string_append_c (out, ' ');
}

static void
write_rows (GString *out, const BlPart *part, const char *indent)
{
  g_autofree int *units = NULL;

  if (part->rows->len == 0)
    {
      g_string_append_printf (out, "%srows: []\n", indent);
      return;
    }
  units = g_new (int, part->columns->len + 1);
  for (guint c = 0; c < part->columns->len; c++)
    units[c] = column_unit (part, c);
  g_string_append_printf (out, "%srows:\n", indent);
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *r = g_ptr_array_index (part->rows, i);
      g_string_append_printf (out, "%s  - [", indent);
      if (r->code)
        scalar (out, r->code);
      else
        g_string_append_c (out, '~');
      g_string_append (out, ", ");
      if (r->label)
        scalar (out, r->label);
      else
        g_string_append_c (out, '~');
      if (r->line_no)
        g_string_append_printf (out, ", %d", r->line_no);
      else
        g_string_append (out, ", ~");
      for (guint c = 0; c < part->columns->len; c++)
        {
          g_string_append (out, ", ");
          write_cell (out, &r->cells[c], units[c]);
        }
      g_string_append (out, "]");
      write_unread (out, part, r);
      g_string_append_c (out, '\n');
    }
}

static void
write_table (GString *out, const BlTable *t)
{
  g_string_append (out, "  - kind: ");
  g_string_append (out, t->kind);
  g_string_append_c (out, '\n');
  field (out, "    ", "title", t->title);
  field (out, "    ", "label", t->label);
  field (out, "    ", "unit", bl_unit_name (t->unit));
  if (t->pos.page)
    g_string_append_printf (out, "    # source: page %u, line %u\n", t->pos.page, t->pos.line);
  else if (t->pos.line)
    g_string_append_printf (out, "    # source: line %u\n", t->pos.line);
  field (out, "    ", "statement", t->statement);
  field (out, "    ", "doubt", t->doubt);
  if (t->attributes)
    {
      g_string_append (out, "    attributes:\n");
      for (guint i = 0; i < t->attributes->len; i++)
        {
          const BlAttribute *a = g_ptr_array_index (t->attributes, i);
          g_string_append (out, "      ");
          scalar (out, a->name);
          g_string_append (out, ": ");
          if (a->cell.text)
            scalar (out, a->cell.text);
          else
            g_string_append_c (out, '~');
          g_string_append_c (out, '\n');
        }
    }
  g_string_append (out, "    keys: [code, label, line]\n");
  if (t->parts->len == 0)
    {
      g_string_append (out, "    columns: []\n    rows: []\n");   /* nothing was read */
      return;
    }
  if (t->parts->len == 1 && ((BlPart *) g_ptr_array_index (t->parts, 0))->name == NULL)
    {
      const BlPart *p = g_ptr_array_index (t->parts, 0);
      write_columns (out, p, "    ");
      write_rows (out, p, "    ");
      return;
    }
  g_string_append (out, "    parts:\n");
  for (guint i = 0; i < t->parts->len; i++)
    {
      const BlPart *p = g_ptr_array_index (t->parts, i);
      g_string_append (out, "      - part: ");
      scalar (out, p->name ? p->name : "");
      g_string_append_c (out, '\n');
      write_columns (out, p, "        ");
      write_rows (out, p, "        ");
    }
}

void
bl_filing_write_yaml (const BlFiling *filing, GString *out)
{
  g_return_if_fail (filing != NULL && out != NULL);
  g_string_append (out, "budgetlint: 1\n");
  field (out, "", "department", filing->department);
  if (filing->year)
    g_string_append_printf (out, "year: %d\n", filing->year);
  field (out, "", "kind", filing->kind);
  field (out, "", "unit", bl_unit_name (filing->unit));
  field (out, "", "template", filing->template_name);
  field (out, "", "source", filing->source ? filing->source : filing->path);
  g_string_append (out, filing->tables->len ? "tables:\n" : "tables: []\n");
  for (guint i = 0; i < filing->tables->len; i++)
    write_table (out, g_ptr_array_index (filing->tables, i));
}

/* ---- JSON: the same ledger for programs (`convert --to json`) ---- */

static void
json_cell (GString *out, const BlCell *c)
{
  if (c->kind == BL_CELL_BLANK)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "{\"value\":");
  if (c->kind == BL_CELL_NUMBER)
    {
      g_autofree char *v = bl_decimal_format (c->value);
      bl_json__string (out, v);
    }
  else
    g_string_append (out, "null");
  if (c->kind == BL_CELL_UNREAD)
    g_string_append (out, ",\"unread\":true");
  g_string_append (out, ",\"text\":");
  bl_json__string (out, c->text);
  g_string_append_printf (out, ",\"line\":%u", c->pos.line);
  if (c->pos.page)
    g_string_append_printf (out, ",\"page\":%u", c->pos.page);
  g_string_append_c (out, '}');
}

static void
json_part (GString *out, const BlPart *p)
{
  g_string_append (out, "{\"part\":");
  bl_json__string (out, p->name);
  g_string_append (out, ",\"columns\":[");
  for (guint i = 0; i < p->columns->len; i++)
    {
      const BlColumn *c = g_ptr_array_index (p->columns, i);
      g_string_append (out, i ? ",{\"name\":" : "{\"name\":");
      bl_json__string (out, c->name);
      g_string_append (out, ",\"group\":");
      bl_json__string (out, c->group);
      g_string_append_printf (out, ",\"no\":%d}", c->no);
    }
  g_string_append (out, "],\"rows\":[");
  for (guint i = 0; i < p->rows->len; i++)
    {
      const BlRow *r = g_ptr_array_index (p->rows, i);
      g_string_append (out, i ? ",\n      {\"code\":" : "\n      {\"code\":");
      bl_json__string (out, r->code);
      g_string_append (out, ",\"label\":");
      bl_json__string (out, r->label);
      g_string_append_printf (out, ",\"line_no\":%d,\"cells\":[", r->line_no);
      for (guint c = 0; c < p->columns->len; c++)
        {
          if (c)
            g_string_append_c (out, ',');
          json_cell (out, &r->cells[c]);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]}");
}

void
bl_filing_write_json (const BlFiling *filing, GString *out)
{
  g_return_if_fail (filing != NULL && out != NULL);
  g_string_append (out, "{\"path\":");
  bl_json__string (out, filing->path);
  g_string_append (out, ",\"format\":");
  bl_json__string (out, filing->format);
  g_string_append (out, ",\"department\":");
  bl_json__string (out, filing->department);
  if (filing->year)
    g_string_append_printf (out, ",\"year\":%d", filing->year);
  else
    g_string_append (out, ",\"year\":null");
  g_string_append (out, ",\"kind\":");
  bl_json__string (out, filing->kind);
  g_string_append (out, ",\"template\":");
  bl_json__string (out, filing->template_name);
  g_string_append (out, ",\"tables\":[");
  for (guint i = 0; i < filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      g_string_append (out, i ? ",\n  {\"kind\":" : "\n  {\"kind\":");
      bl_json__string (out, t->kind);
      g_string_append (out, ",\"title\":");
      bl_json__string (out, t->title);
      g_string_append (out, ",\"label\":");
      bl_json__string (out, t->label);
      g_string_append (out, ",\"unit\":");
      bl_json__string (out, bl_unit_name (t->unit));
      g_string_append (out, ",\"statement\":");
      bl_json__string (out, t->statement);
      g_string_append (out, ",\"doubt\":");
      bl_json__string (out, t->doubt);
      g_string_append_printf (out, ",\"line\":%u,\"page\":%u,\"parts\":[", t->pos.line, t->pos.page);
      for (guint p = 0; p < t->parts->len; p++)
        {
          if (p)
            g_string_append_c (out, ',');
          json_part (out, g_ptr_array_index (t->parts, p));
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n]}\n");
}
