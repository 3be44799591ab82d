/* Text into tokens for the text reader (recognize-linear.c): a region's
 * grid rows — laid-out cells, or raw lines split at spaces — become
 * 科目编码, label pieces, figures, dashes and 行次, with what tools do to
 * text undone: bold text doubled ("合计合计"), a figure glued to the next
 * cell ("16156005.96一、一般公共服务支出"), a code run into its label
 * ("310资本性支出"), codes split over columns ("201 06 01"), leaders. */

#include "recognize-linear.h"
#include "decimal.h"

#include <string.h>

/* "合计合计" → "合计", "301301" → "301"; anything else as it is. */
char *
bl_linear__undouble (const char *s)
{
  gsize n = strlen (s), half = n / 2;
  if (n >= 4 && n % 2 == 0 && memcmp (s, s + half, half) == 0
      && g_utf8_validate (s, (gssize) half, NULL))
    return g_strndup (s, half);
  return g_strdup (s);
}

/* Leaders and ellipses ("……", "．．．", "···") fill a cell or stand for
 * rows a template leaves out; they are neither label nor figure. */
static gboolean
is_leader (gunichar c)
{
  return c == 0x2026 || c == 0x2025 || c == 0x22EF || c == 0x00B7
         || c == 0xFF0E || c == '.';
}

static gsize
leader_tail (const char *s)
{
  const char *end = s + strlen (s), *p = end;
  while (p > s)
    {
      const char *q = g_utf8_find_prev_char (s, p);
      if (!q || !is_leader (g_utf8_get_char (q)))
        break;
      p = q;
    }
  return (gsize) (end - p);
}

static TokKind
kind_of (const char *s)
{
  static GRegex *amount;
  gsize digits = strspn (s, "0123456789");
  gsize leaders = leader_tail (s);
  if (*s == '\0')
    return T_EMPTY;
  if (leaders == strlen (s) && (leaders > 1 || (guchar) *s >= 0x80))
    return T_SKIP;
  if (bl_decimal_text_is_blank (s))
    return T_DASH;
  if (digits > 0 && s[digits] == '\0')
    return T_INT;
  if (g_regex_match (bl_regex_once (&amount, "^[-－(（]?[0-9][0-9,]*[.．][0-9]+[)）]?%?$"
                                    "|^[-－]?[0-9]{1,3}(,[0-9]{3})+$"), s, 0, NULL))
    return T_AMOUNT;
  return T_TEXT;
}

typedef struct {
  BlFiling *filing;
  GArray *toks;           /* Tok */
  guint line;             /* region row index */
  const BlGridRow *row;
  double x0, x1;
  guint block;
} Lexer;

static void
push (Lexer *lx, const char *text, guint col)
{
  g_autofree char *u = bl_linear__undouble (text);
  gsize leaders = leader_tail (u);
  if (leaders > 0 && leaders < strlen (u) && (guchar) *u >= 0x80)
    u[strlen (u) - leaders] = '\0';      /* "高等教育……" */
  Tok t = { kind_of (u), NULL, { lx->row->line, col, 0, NULL }, lx->line, lx->x0, lx->x1,
            lx->block };
  t.text = bl_filing__intern (lx->filing, u);
  g_array_append_val (lx->toks, t);
}

/* One piece between spaces, split where a figure is glued to the next
 * cell: an amount's two decimals end it. */
static void
push_piece (Lexer *lx, const char *piece, guint col)
{
  static GRegex *glued_after, *glued_before, *glued_code;
  g_autoptr(GMatchInfo) m = NULL;

  if (g_regex_match (bl_regex_once (&glued_after, "^([-－]?[0-9][0-9,]*\\.[0-9]{2})([^0-9.,%].*|[0-9]{3,})$"),
                     piece, 0, &m))
    {
      g_autofree char *a = g_match_info_fetch (m, 1), *b = g_match_info_fetch (m, 2);
      push (lx, a, col);
      push_piece (lx, b, col + (guint) g_utf8_strlen (a, -1));
      return;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (bl_regex_once (&glued_code, "^([1-3](?:[0-9]{2}|[0-9]{4}|[0-9]{6}))([^0-9.,%\\s-].*)$"),
                     piece, 0, &m)
      && (guchar) *(piece + strspn (piece, "0123456789")) >= 0x80)
    {
      /* "310资本性支出": a code run into its label */
      g_autofree char *a = g_match_info_fetch (m, 1), *b = g_match_info_fetch (m, 2);
      push (lx, a, col);
      push (lx, b, col + (guint) strlen (a));
      return;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (bl_regex_once (&glued_before, "^([^0-9]*[^0-9.,\\s-])([-]?[0-9][0-9,]*\\.[0-9]{2})$"),
                     piece, 0, &m))
    {
      g_autofree char *a = g_match_info_fetch (m, 1), *b = g_match_info_fetch (m, 2);
      push (lx, a, col);
      push (lx, b, col + (guint) g_utf8_strlen (a, -1));
      return;
    }
  push (lx, piece, col);
}

/* A line split at single spaces; the space after the last cell ends it
 * and is not a blank cell.  Where every cell is written followed by a
 * space (lines end in one), two spaces in a row are a blank cell between
 * them and a line's first space a blank cell before its first word;
 * elsewhere runs of spaces only separate. */
static void
lex_raw (Lexer *lx, const char *raw, gboolean blank_cells)
{
  g_auto(GStrv) pieces = g_strsplit (raw ? raw : "", " ", -1);
  guint n = g_strv_length (pieces), col = 1;

  if (n > 0 && *pieces[n - 1] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      /* a full-width space is a space */
      g_autofree char *p = g_strstrip (g_strdup (pieces[i]));
      if (*p || (blank_cells && *pieces[i] == '\0'))
        push_piece (lx, p, col);
      col += (guint) g_utf8_strlen (pieces[i], -1) + 1;
    }
}

/* Whether the region's lines follow the "every cell and a space"
 * convention: most lines with a figure end in a space or hold an empty
 * cell (two spaces after a word), and spaces inside a line run short —
 * long runs are a layout's padding.  Tools that only separate words do
 * neither. */
static gboolean
cells_end_in_space (GPtrArray *rows)
{
  static GRegex *figure, *padding;
  guint marked = 0, padded = 0, n = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const char *raw = ((const BlGridRow *) g_ptr_array_index (rows, i))->raw;
      const char *body = raw ? raw + strspn (raw, " ") : "";
      gsize len = strlen (body);
      if (len == 0 || !g_regex_match (bl_regex_once (&figure, "[0-9][.．][0-9]"), body, 0, NULL))
        continue;
      n++;
      marked += body[len - 1] == ' ' || strstr (body, "  ") != NULL;
      padded += g_regex_match (bl_regex_once (&padding, "\\S {4,}\\S"), body, 0, NULL);
    }
  return n > 0 && marked * 2 >= n && padded * 3 < n;
}

/* Laid-out text: the grid row's cells are the columns; a cell's words
 * are tokens that share its right edge. */
static void
lex_cells (Lexer *lx, const BlGridRow *row)
{
  for (guint k = 0; k < row->cells->len; k++)
    {
      const BlGridCell *c = &g_array_index (row->cells, BlGridCell, k);
      g_auto(GStrv) words = g_strsplit (c->text, " ", -1);
      guint col = c->pos.col;
      lx->x0 = c->x0;
      lx->x1 = c->x1;
      for (guint i = 0; words[i]; i++)
        {
          if (*words[i])
            push_piece (lx, words[i], col);
          col += (guint) g_utf8_strlen (words[i], -1) + 1;
        }
      for (guint i = 0; i < lx->toks->len; i++)
        {
          Tok *t = &g_array_index (lx->toks, Tok, i);
          if (t->line == lx->line && t->pos.line == 0)
            t->pos.line = c->pos.line;
        }
    }
}

/* The pieces of a split code ("201" "06" "01", on one line or, from
 * tools that write one cell per line, on three) are one code. */
gboolean
bl_linear__is_class (const Tok *t)
{
  return t->kind == T_INT && strlen (t->text) == 3 && t->text[0] >= '1' && t->text[0] <= '3';
}

void
bl_linear__join_codes (BlFiling *f, GArray *toks)
{
  guint out = 0;
  for (guint i = 0; i < toks->len; i++)
    {
      Tok t = g_array_index (toks, Tok, i);
      gsize n = strlen (t.text);
      if (t.kind == T_INT && (bl_linear__is_class (&t) || n == 5 || n == 7)
          && (t.text[0] == '2' || t.text[0] == '3' || t.text[0] == '1'))
        {
          g_autoptr(GString) code = g_string_new (t.text);
          while (code->len < 7 && i + 1 < toks->len)
            {
              const Tok *next = &g_array_index (toks, Tok, i + 1);
              if (next->kind != T_INT || strlen (next->text) != 2)
                break;
              g_string_append (code, next->text);
              i++;
            }
          t.kind = T_CODE;
          t.text = bl_filing__intern (f, code->str);
        }
      g_array_index (toks, Tok, out++) = t;
    }
  g_array_set_size (toks, out);
}

GArray *
bl_linear__lex_region (BlFiling *f, GPtrArray *rows, gboolean layout)
{
  Lexer lx = { f, g_array_new (FALSE, TRUE, sizeof (Tok)), 0, NULL, -1, -1, 0 };
  gboolean blank_cells = !layout && cells_end_in_space (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      lx.row = g_ptr_array_index (rows, i);
      lx.line = i;
      lx.x0 = lx.x1 = -1;
      lx.block = layout ? lx.row->block : 0;
      if (layout)
        lex_cells (&lx, lx.row);
      else
        lex_raw (&lx, lx.row->raw, blank_cells);
    }
  return lx.toks;
}

/* ---- what tokens are ---- */

gboolean
bl_linear__is_figure (const Tok *t)
{
  return t->kind == T_AMOUNT || t->kind == T_DASH || t->kind == T_INT;
}

char *
bl_linear__tok_key (const Tok *t)
{
  return bl_label_key (t->text);
}

/* A row label of a coded table: 合计, 总计, 人员经费合计 … */
gboolean
bl_linear__is_total_label (const Tok *t)
{
  g_autofree char *k = NULL;
  if (t->kind != T_TEXT)
    return FALSE;
  k = bl_linear__tok_key (t);
  return strcmp (k, "合计") == 0 || strcmp (k, "总计") == 0
         || (g_str_has_suffix (k, "合计") && g_utf8_strlen (k, -1) <= 8
             && !g_str_has_prefix (k, "本年"));
}

/* 栏次 1 2 3 …: a line that numbers the columns. */
gboolean
bl_linear__is_lanci_line (const Tok *toks, guint n)
{
  guint ints = 0;
  for (guint i = 0; i < n; i++)
    {
      if (toks[i].kind == T_TEXT && strstr (toks[i].text, "栏次"))
        return TRUE;
      if (toks[i].kind == T_INT || toks[i].kind == T_CODE)
        ints++;
      else if (toks[i].kind != T_EMPTY)
        return FALSE;
    }
  return ints >= 3;
}

/* [first, end) of the tokens of region row @line. */
void
bl_linear__line_span (const GArray *toks, guint from, guint *end)
{
  guint line = g_array_index (toks, Tok, from).line;
  *end = from;
  while (*end < toks->len && g_array_index (toks, Tok, *end).line == line)
    (*end)++;}
