/* Lexer for rule expressions.  Identifiers may be Chinese (any non-ASCII
 * character continues one), so `本年收入合计` and `因公出国（境）费` are single
 * names; only ASCII characters are syntax. */

#include "expr.h"

#include <string.h>

static gboolean
ident_start (unsigned char c)
{
  return g_ascii_isalpha (c) || c == '_' || c >= 0x80;
}

static gboolean
ident_char (unsigned char c)
{
  return ident_start (c) || g_ascii_isdigit (c);
}

static const struct { const char *word; BlTokKind kind; } keywords[] = {
  { "and", TOK_AND }, { "or", TOK_OR }, { "not", TOK_NOT },
  { "within", TOK_WITHIN }, { "true", TOK_TRUE }, { "false", TOK_FALSE },
};

static const struct { const char *text; BlTokKind kind; } operators[] = {
  { "==", TOK_EQ }, { "!=", TOK_NE }, { "<=", TOK_LE }, { ">=", TOK_GE },
  { "<", TOK_LT }, { ">", TOK_GT }, { "+", TOK_PLUS }, { "-", TOK_MINUS },
  { "*", TOK_STAR }, { "/", TOK_SLASH }, { "(", TOK_LPAREN },
  { ")", TOK_RPAREN }, { ",", TOK_COMMA }, { ".", TOK_DOT },
  { "?", TOK_QUESTION },
};

/* Numbers: digits, one optional fraction, then %, 元, 万元 or 亿元. */
static gsize
lex_number (const char *s)
{
  gsize n = 0;
  while (g_ascii_isdigit (s[n]))
    n++;
  if (s[n] == '.' && g_ascii_isdigit (s[n + 1]))
    for (n++; g_ascii_isdigit (s[n]); n++)
      ;
  if (s[n] == '%')
    return n + 1;
  if (strncmp (s + n, "万元", 6) == 0 || strncmp (s + n, "亿元", 6) == 0)
    return n + 6;
  if (strncmp (s + n, "元", 3) == 0)
    return n + 3;
  return n;
}

static gboolean
lex_one (const char *src, gsize *pos, BlToken *tok, const char **err)
{
  const char *s = src + *pos;
  gsize n = 0;

  tok->text = NULL;
  if (*s == '\0')
    tok->kind = TOK_END;
  else if (g_ascii_isdigit (*s) || (*s == '.' && g_ascii_isdigit (s[1])))
    {
      n = lex_number (s);
      tok->kind = TOK_NUMBER;
      tok->text = g_strndup (s, n);
    }
  else if (*s == '\'' || *s == '"')
    {
      const char *end = strchr (s + 1, *s);
      if (end == NULL)
        return (*err = "unterminated string"), FALSE;
      n = (gsize) (end - s) + 1;
      tok->kind = TOK_STRING;
      tok->text = g_strndup (s + 1, n - 2);
    }
  else if (*s == '[')
    {
      const char *end = strchr (s + 1, ']');
      if (end == NULL)
        return (*err = "unterminated row selector: missing ']'"), FALSE;
      n = (gsize) (end - s) + 1;
      tok->kind = TOK_ROWSEL;
      tok->text = g_strndup (s + 1, n - 2);
    }
  else if (*s == '#')
    {
      for (n = 1; g_ascii_isdigit (s[n]); n++)
        ;
      if (n == 1)
        return (*err = "'#' must be followed by a column number (栏次)"), FALSE;
      tok->kind = TOK_COLNO;
      tok->text = g_strndup (s + 1, n - 1);
    }
  else if (ident_start ((unsigned char) *s))
    {
      while (ident_char ((unsigned char) s[n]))
        n++;
      tok->kind = TOK_IDENT;
      tok->text = g_strndup (s, n);
      for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
        if (strcmp (tok->text, keywords[i].word) == 0)
          {
            tok->kind = keywords[i].kind;
            g_clear_pointer (&tok->text, g_free);
            break;
          }
    }
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (operators) && n == 0; i++)
        if (strncmp (s, operators[i].text, strlen (operators[i].text)) == 0)
          {
            n = strlen (operators[i].text);
            tok->kind = operators[i].kind;
          }
      if (n == 0)
        return (*err = "unexpected character"), FALSE;
    }
  tok->span.start = (guint32) *pos;
  tok->span.end = (guint32) (*pos + n);
  *pos += n;
  return TRUE;
}

static gsize
skip_space (const char *src, gsize pos)
{
  for (;;)
    {
      if (g_ascii_isspace (src[pos]))
        pos++;
      else if (strncmp (src + pos, "\xe3\x80\x80", 3) == 0)
        pos += 3;
      else
        return pos;
    }
}

GArray *
bl_expr_lex (const char *src, BlSpan *err_span, const char **err_msg)
{
  GArray *toks = g_array_new (FALSE, FALSE, sizeof (BlToken));
  gsize pos = 0;

  for (;;)
    {
      BlToken tok;
      pos = skip_space (src, pos);
      if (!lex_one (src, &pos, &tok, err_msg))
        {
          const char *s = src + pos;
          err_span->start = (guint32) pos;
          err_span->end = (guint32) (pos + (gsize) (g_utf8_next_char (s) - s));
          bl_expr_tokens_free (toks);
          return NULL;
        }
      g_array_append_val (toks, tok);
      if (tok.kind == TOK_END)
        return toks;
    }
}

void
bl_expr_tokens_free (GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    g_free (g_array_index (tokens, BlToken, i).text);
  g_array_free (tokens, TRUE);
}

/* Display width of @s[0..n): CJK and full-width characters take two
 * columns in a terminal. */
static guint
display_width (const char *s, gsize n)
{
  guint w = 0;
  for (const char *p = s; p < s + n && *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return w;
}

char *
bl_expr_caret (const char *src, BlSpan span)
{
  const char *line = src, *end;
  GString *s = g_string_new ("    ");
  guint lead, width;

  for (const char *p = src; p < src + span.start && *p; p++)
    if (*p == '\n')
      line = p + 1;
  end = strchr (line, '\n');
  if (end == NULL)
    end = line + strlen (line);
  g_string_append_len (s, line, end - line);
  g_string_append (s, "\n    ");
  lead = display_width (line, src + span.start - line);
  width = display_width (src + span.start, MIN (span.end, (guint32) (end - src)) - span.start);
  for (guint i = 0; i < lead; i++)
    g_string_append_c (s, ' ');
  for (guint i = 0; i < MAX (width, 1u); i++)
    g_string_append_c (s, '^');
  return g_string_free (s, FALSE);
}
