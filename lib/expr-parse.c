/* Recursive-descent parser for rule expressions.
 *
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | cmp
 *   cmp     := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum ('within' NUMBER)?)?
 *   sum     := product (('+'|'-') product)*
 *   product := unary (('*'|'/') unary)*
 *   unary   := '-' unary | postfix
 *   postfix := primary ('[' sel ']' | '.' column | '?')*
 *   primary := NUMBER | STRING | true | false | '[' sel ']'
 *            | IDENT '(' args ')' | IDENT | '(' expr ')'
 *            | ε before '.'            (`.#3` is `row.#3`)
 */

#include "expr.h"
#include "kinds.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *src;
  GArray *toks;
  guint pos;
  const char *err;
  BlSpan err_span;
  guint depth;
} Parser;

/* Deeper than this an expression is refused rather than overflowing the
 * stack: the parser, node_free() and the evaluator all recurse.  Each
 * parenthesis, call, unary operator and operator in a chain is a level. */
#define MAX_DEPTH 256

static BlNode *parse_or (Parser *p);

static BlToken *
peek (Parser *p)
{
  return &g_array_index (p->toks, BlToken, p->pos);
}

static BlToken *
next (Parser *p)
{
  BlToken *t = peek (p);
  if (t->kind != TOK_END)
    p->pos++;
  return t;
}

static gboolean
accept (Parser *p, BlTokKind kind)
{
  if (peek (p)->kind != kind)
    return FALSE;
  next (p);
  return TRUE;
}

static BlNode *
fail_at (Parser *p, BlSpan span, const char *msg)
{
  if (p->err == NULL)
    {
      p->err = msg;
      p->err_span = span;
    }
  return NULL;
}

static gboolean
deeper (Parser *p)
{
  if (++p->depth <= MAX_DEPTH)
    return TRUE;
  fail_at (p, peek (p)->span, "expression nested too deeply");
  return FALSE;
}

static BlNode *
node_new (BlNodeKind kind, BlSpan span)
{
  BlNode *n = g_new0 (BlNode, 1);
  n->kind = kind;
  n->span = span;
  return n;
}

static void
node_free (BlNode *n)
{
  if (n == NULL)
    return;
  node_free (n->a);
  node_free (n->b);
  if (n->args)
    g_ptr_array_free (n->args, TRUE);
  bl_row_sel_free (n->sel);
  if (n->regex)
    g_regex_unref (n->regex);
  g_free (n->text);
  g_free (n->key);
  g_free (n);
}

void
bl_row_sel_free (BlRowSel *sel)
{
  if (sel == NULL)
    return;
  for (guint i = 0; i < sel->alts->len; i++)
    g_free (g_array_index (sel->alts, BlSelAlt, i).text);
  g_array_free (sel->alts, TRUE);
  g_free (sel->part);
  g_free (sel);
}

static BlNode *
binary (BlNodeKind kind, BlNode *a, BlNode *b)
{
  BlSpan span = { a->span.start, b->span.end };
  BlNode *n = node_new (kind, span);
  n->a = a;
  n->b = b;
  return n;
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

BlRowSel *
bl_row_sel_parse (const char *text, const char **err)
{
  BlRowSel *sel = g_new0 (BlRowSel, 1);
  const char *colon = strchr (text, ':');
  g_auto(GStrv) alts = NULL;

  sel->alts = g_array_new (FALSE, TRUE, sizeof (BlSelAlt));
  if (colon)
    {
      sel->part = g_strstrip (g_strndup (text, (gsize) (colon - text)));
      text = colon + 1;
    }
  alts = g_strsplit (text, "|", -1);
  for (guint i = 0; alts[i]; i++)
    {
      BlSelAlt alt = { 0 };
      char *a = g_strstrip (alts[i]);
      if (*a == '\0')
        *err = "empty row selector";
      else if (strcmp (a, "*") == 0)
        alt.kind = SEL_ALL;
      else if (a[0] == '#' && all_digits (a + 1))
        {
          alt.kind = SEL_LINE;
          alt.line_no = atoi (a + 1);
        }
      else if (all_digits (a) && strlen (a) >= 3)
        {
          alt.kind = SEL_CODE;
          alt.text = g_strdup (a);
        }
      else
        {
          alt.kind = SEL_LABEL;
          alt.text = bl_label_key (a);
        }
      g_array_append_val (sel->alts, alt);
    }
  /* g_strsplit ("") gives no pieces: `[]` and `[收入:]` select nothing. */
  if (sel->alts->len == 0)
    *err = "empty row selector";
  return sel;
}

static BlNode *
parse_rowsel (Parser *p, BlNode *base)
{
  BlToken *t = next (p);
  const char *err = NULL;
  BlNode *n = node_new (N_ROWSEL, t->span);

  n->a = base;
  if (base)
    n->span.start = base->span.start;
  n->sel = bl_row_sel_parse (t->text, &err);
  if (err)
    {
      node_free (n);
      return fail_at (p, t->span, err);
    }
  return n;
}

static BlNode *
parse_column (Parser *p, BlNode *base)
{
  BlToken *t = next (p);
  BlNode *n = node_new (N_COLUMN, (BlSpan) { base->span.start, t->span.end });

  n->a = base;
  if (t->kind == TOK_IDENT || t->kind == TOK_STRING)
    n->text = bl_label_key (t->text);
  else if (t->kind == TOK_COLNO)
    n->col_no = atoi (t->text);
  else
    {
      node_free (n);
      return fail_at (p, t->span, "expected a column name or #栏次 after '.'");
    }
  return n;
}

static BlNode *
parse_number (Parser *p, BlToken *t)
{
  BlDecimal d;
  BlNode *n;

  if (!bl_decimal_parse (t->text, &d, NULL))
    return fail_at (p, t->span, "number out of range");
  n = node_new (N_NUM, t->span);
  n->num = bl_num_from_decimal (d);
  /* A literal is exact: 0.5 in a rule means 0.5, not [0.45, 0.55]. */
  n->num.lo = n->num.hi = n->num.mid;
  return n;
}

static BlNode *
parse_call (Parser *p, BlToken *name)
{
  BlNode *n = node_new (N_CALL, name->span);
  int min, max;

  n->text = g_strdup (name->text);
  n->args = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  next (p); /* ( */
  if (!accept (p, TOK_RPAREN))
    {
      do
        {
          BlNode *arg = parse_or (p);
          if (arg == NULL)
            goto fail;
          g_ptr_array_add (n->args, arg);
        }
      while (accept (p, TOK_COMMA));
      if (peek (p)->kind != TOK_RPAREN)
        {
          fail_at (p, peek (p)->span, "expected ',' or ')' in call");
          goto fail;
        }
      next (p);
    }
  n->span.end = g_array_index (p->toks, BlToken, p->pos - 1).span.end;
  if ((n->fn = bl_expr_function (n->text, &min, &max)) == NULL)
    {
      fail_at (p, name->span, "unknown function");
      goto fail;
    }
  if ((int) n->args->len < min || (max >= 0 && (int) n->args->len > max))
    {
      fail_at (p, n->span, "wrong number of arguments");
      goto fail;
    }
  if (strcmp (n->text, "matches") == 0)
    {
      const BlNode *pat = g_ptr_array_index (n->args, 1);
      if (pat->kind != N_STR
          || (n->regex = g_regex_new (pat->text, G_REGEX_OPTIMIZE, 0, NULL)) == NULL)
        {
          fail_at (p, pat->span, "matches() takes a quoted regular expression");
          goto fail;
        }
    }
  if (strcmp (n->text, "is") == 0)
    {
      const BlNode *sel = g_ptr_array_index (n->args, 1);
      const char *err = NULL;
      if (sel->kind != N_STR)
        {
          fail_at (p, sel->span, "is() takes a quoted row selector: is(row, '合计')");
          goto fail;
        }
      n->sel = bl_row_sel_parse (sel->text, &err);
      if (err)
        {
          fail_at (p, sel->span, err);
          goto fail;
        }
    }
  return n;

fail:
  node_free (n);
  return NULL;
}

static BlNode *
name_node (const BlToken *t)
{
  BlNode *n = node_new (N_NAME, t->span);
  n->text = g_strdup (t->text);
  if (strcmp (t->text, "row") == 0)
    n->name_kind = NAME_ROW;
  else if (strcmp (t->text, "table") == 0)
    n->name_kind = NAME_TABLE;
  else if (strcmp (t->text, "this") == 0)
    n->name_kind = NAME_THIS;
  else if (bl_table_kind_lookup (t->text))
    {
      n->name_kind = NAME_KIND;
      n->table_kind = bl_table_kind_lookup (t->text)->kind;
    }
  else
    {
      n->name_kind = NAME_COLUMN;
      n->key = bl_label_key (t->text);
    }
  return n;
}

static BlNode *
parse_primary (Parser *p)
{
  BlToken *t = peek (p);
  BlNode *n;

  switch (t->kind)
    {
    case TOK_NUMBER:
      next (p);
      return parse_number (p, t);
    case TOK_STRING:
      next (p);
      n = node_new (N_STR, t->span);
      n->text = g_strdup (t->text);
      return n;
    case TOK_TRUE:
    case TOK_FALSE:
      next (p);
      n = node_new (N_BOOL, t->span);
      n->flag = t->kind == TOK_TRUE;
      return n;
    case TOK_ROWSEL:
      return parse_rowsel (p, NULL);
    case TOK_IDENT:
      next (p);
      if (peek (p)->kind == TOK_LPAREN)
        return parse_call (p, t);
      return name_node (t);
    case TOK_LPAREN:
      next (p);
      if ((n = parse_or (p)) == NULL)
        return NULL;
      if (!accept (p, TOK_RPAREN))
        {
          node_free (n);
          return fail_at (p, peek (p)->span, "expected ')'");
        }
      return n;
    case TOK_DOT:
      {
        /* `.#3`, `.'预算数/合计'`: a column of the current row, as if
         * `row` were written before the dot (the postfix loop reads the
         * column). */
        BlToken row = { TOK_IDENT, { t->span.start, t->span.start }, (char *) "row" };
        return name_node (&row);
      }
    case TOK_END:
      return fail_at (p, t->span, "unexpected end of expression");
    default:
      return fail_at (p, t->span, "expected a value");
    }
}

static BlNode *
parse_postfix (Parser *p)
{
  BlNode *n = parse_primary (p);
  guint depth = p->depth;

  while (n)
    {
      BlToken *t = peek (p);
      if (t->kind == TOK_ROWSEL)
        n = parse_rowsel (p, n);
      else if (t->kind == TOK_DOT)
        {
          next (p);
          n = parse_column (p, n);
        }
      else if (t->kind == TOK_QUESTION)
        {
          BlNode *o = node_new (N_OPTIONAL, (BlSpan) { n->span.start, t->span.end });
          next (p);
          o->a = n;
          n = o;
        }
      else
        break;
      if (n && !deeper (p))
        {
          node_free (n);
          return NULL;
        }
    }
  p->depth = depth;
  return n;
}

static BlNode *
parse_unary (Parser *p)
{
  BlToken *t = peek (p);
  if (t->kind == TOK_MINUS)
    {
      BlNode *n, *a;
      next (p);
      if (!deeper (p) || (a = parse_unary (p)) == NULL)
        return NULL;
      p->depth--;
      n = node_new (N_NEG, (BlSpan) { t->span.start, a->span.end });
      n->a = a;
      return n;
    }
  return parse_postfix (p);
}

typedef BlNode *(*ParseFn) (Parser *);

/* One left-associative level: operand (op operand)*. */
static BlNode *
parse_level (Parser *p, ParseFn operand, const BlTokKind *ops,
             const BlNodeKind *kinds, guint n_ops)
{
  BlNode *n = operand (p);
  guint depth = p->depth;

  while (n)
    {
      BlTokKind k = peek (p)->kind;
      guint i;
      BlNode *rhs;
      for (i = 0; i < n_ops && ops[i] != k; i++)
        ;
      if (i == n_ops)
        break;
      next (p);
      if (!deeper (p) || (rhs = operand (p)) == NULL)
        {
          node_free (n);
          return NULL;
        }
      n = binary (kinds[i], n, rhs);
    }
  p->depth = depth;
  return n;
}

static BlNode *
parse_product (Parser *p)
{
  static const BlTokKind ops[] = { TOK_STAR, TOK_SLASH };
  static const BlNodeKind kinds[] = { N_MUL, N_DIV };
  return parse_level (p, parse_unary, ops, kinds, 2);
}

static BlNode *
parse_sum (Parser *p)
{
  static const BlTokKind ops[] = { TOK_PLUS, TOK_MINUS };
  static const BlNodeKind kinds[] = { N_ADD, N_SUB };
  return parse_level (p, parse_product, ops, kinds, 2);
}

static BlNode *
parse_tolerance (Parser *p, BlNode *cmp)
{
  BlToken *t = next (p);
  BlNode *lit;

  if (t->kind != TOK_NUMBER)
    {
      node_free (cmp);
      return fail_at (p, t->span, "'within' takes a number: 0.5, 0.5万元 or 1%");
    }
  if ((lit = parse_number (p, t)) == NULL)
    {
      node_free (cmp);
      return NULL;
    }
  cmp->flag = TRUE;
  cmp->num = lit->num;
  cmp->relative = lit->num.dim == BL_DIM_RATIO;
  cmp->span.end = t->span.end;
  node_free (lit);
  return cmp;
}

static BlNode *
parse_cmp (Parser *p)
{
  BlNode *a = parse_sum (p), *b, *n;
  BlTokKind k = peek (p)->kind;

  if (a == NULL || k < TOK_EQ || k > TOK_GE)
    return a;
  next (p);
  if ((b = parse_sum (p)) == NULL)
    {
      node_free (a);
      return NULL;
    }
  n = binary (N_CMP, a, b);
  n->op = k;
  if (peek (p)->kind == TOK_WITHIN && k != TOK_EQ && k != TOK_NE)
    {
      BlSpan span = peek (p)->span;
      node_free (n);
      return fail_at (p, span, "'within' goes with == or != only");
    }
  if (accept (p, TOK_WITHIN))
    return parse_tolerance (p, n);
  return n;
}

static BlNode *
parse_not (Parser *p)
{
  BlToken *t = peek (p);
  if (t->kind == TOK_NOT)
    {
      BlNode *n, *a;
      next (p);
      if (!deeper (p) || (a = parse_not (p)) == NULL)
        return NULL;
      p->depth--;
      n = node_new (N_NOT, (BlSpan) { t->span.start, a->span.end });
      n->a = a;
      return n;
    }
  return parse_cmp (p);
}

static BlNode *
parse_and (Parser *p)
{
  static const BlTokKind ops[] = { TOK_AND };
  static const BlNodeKind kinds[] = { N_AND };
  return parse_level (p, parse_not, ops, kinds, 1);
}

static BlNode *
parse_or (Parser *p)
{
  static const BlTokKind ops[] = { TOK_OR };
  static const BlNodeKind kinds[] = { N_OR };
  BlNode *n;

  if (!deeper (p))
    return NULL;
  n = parse_level (p, parse_and, ops, kinds, 1);
  p->depth--;
  return n;
}

/* Position of byte @off of @src.  Without a line map, newlines in the
 * expression are newlines in the file. */
static void
locate (const char *src, guint32 off, const BlExprLoc *loc, guint *out_line,
        guint *out_col)
{
  guint line = loc->line, col = loc->col;
  const char *from = src;

  if (loc->line_starts)
    {
      guint i = 0;
      while (i + 1 < loc->line_starts->len
             && g_array_index (loc->line_starts, guint32, i + 1) <= off)
        i++;
      line = loc->line + i;
      col = g_array_index (loc->cols, guint, i);
      from = src + g_array_index (loc->line_starts, guint32, i);
    }
  for (const char *s = from; s < src + off && *s; s = g_utf8_next_char (s))
    if (*s == '\n' && !loc->line_starts)
      line++, col = 1;
    else
      col++;
  *out_line = line;
  *out_col = col;
}

static void
set_error (GError **error, const char *src, const BlExprLoc *loc, BlSpan span,
           const char *msg)
{
  g_autofree char *caret = bl_expr_caret (src, span);
  guint l, c;
  locate (src, span.start, loc, &l, &c);
  g_set_error (error, BL_ERROR, BL_ERROR_EXPR, "%s:%u:%u: %s\n%s", loc->file,
               l, c, msg, caret);
}

BlExpr *
bl_expr_parse (const char *src, const char *file, guint line, guint col,
               GError **error)
{
  BlExprLoc loc = { file, line, col, NULL, NULL };
  return bl_expr_parse_at (src, &loc, error);
}

BlExpr *
bl_expr_parse_at (const char *src, const BlExprLoc *loc, GError **error)
{
  Parser p = { src, NULL, 0, NULL, { 0, 0 }, 0 };
  BlNode *root;
  BlExpr *e;

  p.toks = bl_expr_lex (src, &p.err_span, &p.err);
  if (p.toks == NULL)
    {
      set_error (error, src, loc, p.err_span, p.err);
      return NULL;
    }
  root = parse_or (&p);
  if (root && peek (&p)->kind != TOK_END)
    {
      fail_at (&p, peek (&p)->span, "unexpected token after expression");
      node_free (root);
      root = NULL;
    }
  bl_expr_tokens_free (p.toks);
  if (root == NULL)
    {
      set_error (error, src, loc, p.err_span, p.err);
      return NULL;
    }
  e = g_new0 (BlExpr, 1);
  e->src = g_strdup (src);
  e->root = root;
  return e;
}

void
bl_expr_free (BlExpr *e)
{
  if (e == NULL)
    return;
  node_free (e->root);
  g_free (e->src);
  g_free (e);
}
