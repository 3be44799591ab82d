/* Text filings: reports copied out of a PDF, Markdown exports with
 * tab-separated tables, TSV.  Each line becomes a grid row: split at tabs
 * when it has any (cells keep their column index), else at runs of spaces
 * (cells keep their display column).  Markdown markup is dropped. */

#include "input.h"
#include "../recognize.h"
#include "../source.h"

#include <string.h>

/* Drops <b>…</b>, <p>, <input …/> and similar tags, and ** emphasis. */
static char *
strip_markup (const char *line)
{
  GString *s = g_string_new (NULL);
  for (const char *p = line; *p;)
    {
      const char *end;
      if (*p == '<' && (end = strchr (p, '>')) != NULL && end - p < 80
          && (g_ascii_isalpha (p[1]) || p[1] == '/'))
        {
          p = end + 1;
          continue;
        }
      if (p[0] == '*' && p[1] == '*')
        {
          p += 2;
          continue;
        }
      g_string_append_c (s, *p++);
    }
  return g_string_free (s, FALSE);
}

/* "## 一、收入支出决算总表" → "一、收入支出决算总表". */
static const char *
skip_heading_marks (const char *s)
{
  const char *p = s;
  while (*p == '#')
    p++;
  return p != s && *p == ' ' ? p + 1 : s;
}

static void
add_tab_cells (BlGrid *grid, BlGridRow *row, const char *line)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", -1);
  for (guint i = 0; cells[i]; i++)
    bl_grid_row_add_cell (grid, row, g_strstrip (cells[i]), i, i + 1);
}

/* Cells at runs of two or more spaces (or a full-width space); a single
 * space stays inside a cell.  x is the display column. */
static void
add_space_cells (BlGrid *grid, BlGridRow *row, const char *line)
{
  const char *p = line;
  guint col = 0;

  while (*p)
    {
      const char *start;
      guint start_col;
      while (*p == ' ' || strncmp (p, "\xe3\x80\x80", 3) == 0)
        {
          col += *p == ' ' ? 1 : 2;
          p += *p == ' ' ? 1 : 3;
        }
      if (*p == '\0')
        break;
      start = p;
      start_col = col;
      while (*p && !(p[0] == ' ' && (p[1] == ' ' || p[1] == '\0'))
             && strncmp (p, "\xe3\x80\x80", 3) != 0)
        {
          col += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
          p = g_utf8_next_char (p);
        }
      {
        g_autofree char *cell = g_strndup (start, (gsize) (p - start));
        BlGridCell *c = bl_grid_row_add_cell (grid, row, g_strstrip (cell), start_col, col);
        c->pos.col = start_col + 1;
      }
    }
}

/* In a document with tab-separated tables, a line without tabs is one
 * cell at column 0; elsewhere lines split at runs of spaces. */
static BlGrid *
text_grid (const char *utf8, const char *path, const char *format)
{
  BlGrid *grid = bl_grid_new (path, format);
  g_auto(GStrv) lines = g_strsplit (utf8, "\n", -1);
  gboolean tabbed = strchr (utf8, '\t') != NULL;

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *clean = NULL;
      const char *line;
      BlGridRow *row;
      gsize n = strlen (lines[i]);
      if (n && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
      clean = strip_markup (lines[i]);
      line = skip_heading_marks (clean);
      if (*line == '\0' || strspn (line, " \t") == strlen (line))
        continue;
      row = bl_grid_add_row (grid, i + 1, 0);
      row->raw = bl_grid_intern (grid, line);
      row->heading = line != clean;
      if (tabbed)
        add_tab_cells (grid, row, line);
      else
        add_space_cells (grid, row, line);
    }
  return grid;
}

static gboolean
looks_like_markdown (const char *s)
{
  return strstr (s, "\n#") || strstr (s, "<b>") || strstr (s, "\n|") || s[0] == '#';
}

static BlFiling *
text_read (const char *data, gsize len, const char *path, GError **error)
{
  const char *encoding;
  g_autofree char *utf8 = bl_source_to_utf8 (data, len, path, &encoding, error);
  g_autoptr(BlGrid) grid = NULL;

  if (utf8 == NULL)
    return NULL;
  grid = text_grid (utf8, path, looks_like_markdown (utf8) ? "markdown" : "text");
  return bl_recognize (grid, error);
}

static gboolean
text_probe (const char *data, gsize len)
{
  return bl_source_is_chinese_text (data, len);
}

const BlInputFormat bl_input_text = { "text", text_probe, text_read };
