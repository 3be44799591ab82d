/* Unit tests for the rule expression lexer and parser (lib/expr.h):
 * what parses, the tree it gives, and the exact message with its caret
 * line for what does not. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "expr.h"

#include <stdlib.h>
#include <string.h>

/* The expression's first byte sits at r.yaml:3:11 in every case. */
#define FILE_ "r.yaml"
#define LINE_ 3
#define COL_ 11

static BlExpr *
parse_ok (const char *src)
{
  g_autoptr(GError) error = NULL;
  BlExpr *e = bl_expr_parse (src, FILE_, LINE_, COL_, &error);
  ck_assert_msg (e != NULL, "'%s' does not parse:\n%s", src,
                 error ? error->message : "");
  ck_assert_ptr_null (error);
  return e;
}

/* ---- valid expressions ---------------------------------------------------- */

static const char *const valid[] = {
  "[收入:总计] == [支出:总计]",
  "income[合计].本年收入合计 == sum(before([收入:本年收入合计]))",
  "row == sum(children(row))",
  "a == b within 0.5",
  "x == y within 1%",
  ".#3",
  ".'预算数/合计'",
  "row.#3",
  "row.'预算数/合计'",
  "row.\"决算数/合计\" >= .#1",
  "经营支出?",
  "not exists(government_fund)",
  "- x * (y + 2) / 3",
  "[#27]",
  "[210] + [21001]",
  "[收入:总计|合计]",
  "table[*].#1",
  "true and false or not true",
  "a != b and a < b or a > b",
  "percent(a) >= 90%",
  "a == 1.5万元 within 0.01万元",
  "abs(x - y) <= 0.01",
  "min(a, b, c) == max(a)",
  "rows() == rows(a, b)",
  "a\u3000==\u3000b",
  "a ==\n  b",
  "((((a))))",
  "- - 1",
  "x??",
};

START_TEST (test_expr_parse_valid)
{
  g_autoptr(BlExpr) e = parse_ok (valid[_i]);

  ck_assert_str_eq (e->src, valid[_i]);
  ck_assert_ptr_nonnull (e->root);
  /* The root spans the whole expression (a parenthesised one: what is
   * inside the parentheses). */
  if (valid[_i][0] != '(')
    {
      ck_assert_uint_eq (e->root->span.start, 0);
      ck_assert_uint_eq (e->root->span.end, strlen (valid[_i]));
    }
}
END_TEST

START_TEST (test_expr_tree_comparison)
{
  g_autoptr(BlExpr) e = parse_ok ("[收入:总计] == [支出:总计]");
  const BlNode *r = e->root;
  const BlSelAlt *alt;

  ck_assert_int_eq (r->kind, N_CMP);
  ck_assert_int_eq (r->op, TOK_EQ);
  ck_assert (!r->flag);
  ck_assert_int_eq (r->a->kind, N_ROWSEL);
  ck_assert_ptr_null (r->a->a);
  ck_assert_str_eq (r->a->sel->part, "收入");
  ck_assert_uint_eq (r->a->sel->alts->len, 1);
  alt = &g_array_index (r->a->sel->alts, BlSelAlt, 0);
  ck_assert_int_eq (alt->kind, SEL_LABEL);
  ck_assert_str_eq (alt->text, "总计");
  ck_assert_str_eq (r->b->sel->part, "支出");
  ck_assert_uint_eq (r->b->span.start, strlen ("[收入:总计] == "));
}
END_TEST

START_TEST (test_expr_tree_tolerance)
{
  g_autoptr(BlExpr) abs_ = parse_ok ("a == b within 0.5");
  g_autoptr(BlExpr) rel = parse_ok ("x != y within 1%");

  ck_assert_int_eq (abs_->root->kind, N_CMP);
  ck_assert (abs_->root->flag);
  ck_assert (!abs_->root->relative);
  ck_assert (abs_->root->num.mid == (bl_i128) 500000000000LL);
  /* A literal is exact, not an interval. */
  ck_assert (abs_->root->num.lo == abs_->root->num.mid);
  ck_assert (abs_->root->num.hi == abs_->root->num.mid);

  ck_assert_int_eq (rel->root->op, TOK_NE);
  ck_assert (rel->root->flag);
  ck_assert (rel->root->relative);
  ck_assert (rel->root->num.mid == (bl_i128) 10000000000LL);
}
END_TEST

START_TEST (test_expr_tree_precedence)
{
  g_autoptr(BlExpr) e = parse_ok ("- x * (y + 2) / 3");
  g_autoptr(BlExpr) b = parse_ok ("true and false or not true");
  const BlNode *r = e->root;

  /* ((-x) * (y + 2)) / 3 */
  ck_assert_int_eq (r->kind, N_DIV);
  ck_assert_int_eq (r->b->kind, N_NUM);
  ck_assert_int_eq (r->a->kind, N_MUL);
  ck_assert_int_eq (r->a->a->kind, N_NEG);
  ck_assert_int_eq (r->a->a->a->kind, N_NAME);
  ck_assert_str_eq (r->a->a->a->text, "x");
  ck_assert_int_eq (r->a->b->kind, N_ADD);

  /* (true and false) or (not true) */
  ck_assert_int_eq (b->root->kind, N_OR);
  ck_assert_int_eq (b->root->a->kind, N_AND);
  ck_assert_int_eq (b->root->b->kind, N_NOT);
  ck_assert_int_eq (b->root->b->a->kind, N_BOOL);
  ck_assert (b->root->b->a->flag);
}
END_TEST

START_TEST (test_expr_tree_postfix)
{
  g_autoptr(BlExpr) e = parse_ok (
      "income[合计].本年收入合计 == sum(before([收入:本年收入合计]))");
  g_autoptr(BlExpr) o = parse_ok ("经营支出?");
  g_autoptr(BlExpr) n = parse_ok ("not exists(government_fund)");
  g_autoptr(BlExpr) c = parse_ok ("row.#3");
  const BlNode *lhs = e->root->a, *call = e->root->b;

  ck_assert_int_eq (lhs->kind, N_COLUMN);
  ck_assert_str_eq (lhs->text, "本年收入合计");
  ck_assert_int_eq (lhs->col_no, 0);
  ck_assert_int_eq (lhs->a->kind, N_ROWSEL);
  ck_assert_int_eq (lhs->a->a->kind, N_NAME);
  ck_assert_str_eq (lhs->a->a->text, "income");
  ck_assert_int_eq (call->kind, N_CALL);
  ck_assert_str_eq (call->text, "sum");
  ck_assert_uint_eq (call->args->len, 1);
  ck_assert_str_eq (((BlNode *) g_ptr_array_index (call->args, 0))->text,
                    "before");

  ck_assert_int_eq (o->root->kind, N_OPTIONAL);
  ck_assert_str_eq (o->root->a->text, "经营支出");
  ck_assert_int_eq (n->root->kind, N_NOT);
  ck_assert_int_eq (n->root->a->kind, N_CALL);
  ck_assert_int_eq (c->root->kind, N_COLUMN);
  ck_assert_int_eq (c->root->col_no, 3);
}
END_TEST

/* `.#3` and `.'name'` are columns of the current row, as `row.#3` is. */
START_TEST (test_expr_tree_current_row_column)
{
  g_autoptr(BlExpr) a = parse_ok (".#3");
  g_autoptr(BlExpr) b = parse_ok (".'预算数/合计'");

  ck_assert_int_eq (a->root->kind, N_COLUMN);
  ck_assert_int_eq (a->root->col_no, 3);
  ck_assert_int_eq (a->root->a->kind, N_NAME);
  ck_assert_str_eq (a->root->a->text, "row");
  ck_assert_int_eq (b->root->kind, N_COLUMN);
  ck_assert_str_eq (b->root->text, "预算数/合计");
  ck_assert_uint_eq (b->root->span.start, 0);
}
END_TEST

typedef struct {
  const char *src;
  BlSelKind kind;
  int line_no;
  const char *text;
} SelCase;

static const SelCase sel_cases[] = {
  { "[#27]", SEL_LINE, 27, NULL },
  { "[210]", SEL_CODE, 0, "210" },
  { "[2101399]", SEL_CODE, 0, "2101399" },
  { "[21]", SEL_LABEL, 0, "21" },
  { "[*]", SEL_ALL, 0, NULL },
  { "[ 一、一般公共服务支出 ]", SEL_LABEL, 0, "一般公共服务支出" },
  { "[因公出国（境）费]", SEL_LABEL, 0, "因公出国(境)费" },
};

START_TEST (test_expr_selectors)
{
  const SelCase *c = &sel_cases[_i];
  g_autoptr(BlExpr) e = parse_ok (c->src);
  const BlSelAlt *alt;

  ck_assert_int_eq (e->root->kind, N_ROWSEL);
  ck_assert_ptr_null (e->root->sel->part);
  ck_assert_uint_eq (e->root->sel->alts->len, 1);
  alt = &g_array_index (e->root->sel->alts, BlSelAlt, 0);
  ck_assert_int_eq (alt->kind, c->kind);
  ck_assert_int_eq (alt->line_no, c->line_no);
  ck_assert_str_eq (alt->text ? alt->text : "(null)", c->text ? c->text : "(null)");
}
END_TEST

START_TEST (test_expr_selector_alternatives)
{
  g_autoptr(BlExpr) e = parse_ok ("[收入:总计|#31|210]");
  const GArray *alts = e->root->sel->alts;

  ck_assert_str_eq (e->root->sel->part, "收入");
  ck_assert_uint_eq (alts->len, 3);
  ck_assert_int_eq (g_array_index (alts, BlSelAlt, 0).kind, SEL_LABEL);
  ck_assert_int_eq (g_array_index (alts, BlSelAlt, 1).kind, SEL_LINE);
  ck_assert_int_eq (g_array_index (alts, BlSelAlt, 1).line_no, 31);
  ck_assert_int_eq (g_array_index (alts, BlSelAlt, 2).kind, SEL_CODE);
}
END_TEST

/* ---- invalid expressions --------------------------------------------------- */

typedef struct {
  const char *src;
  const char *message;    /* exact, caret line included */
} BadCase;

static const BadCase invalid[] = {
  { "sum(",
    "r.yaml:3:15: unexpected end of expression\n"
    "    sum(\n"
    "        ^" },
  { "[收入",
    "r.yaml:3:11: unterminated row selector: missing ']'\n"
    "    [收入\n"
    "    ^" },
  { "a ==",
    "r.yaml:3:15: unexpected end of expression\n"
    "    a ==\n"
    "        ^" },
  { "foo(1)",
    "r.yaml:3:11: unknown function\n"
    "    foo(1)\n"
    "    ^^^" },
  { "sum()",
    "r.yaml:3:11: wrong number of arguments\n"
    "    sum()\n"
    "    ^^^^^" },
  { "between(a)",
    "r.yaml:3:11: wrong number of arguments\n"
    "    between(a)\n"
    "    ^^^^^^^^^^" },
  { "1 2",
    "r.yaml:3:13: unexpected token after expression\n"
    "    1 2\n"
    "      ^" },
  { "'abc",
    "r.yaml:3:11: unterminated string\n"
    "    'abc\n"
    "    ^" },
  { "a @ b",
    "r.yaml:3:13: unexpected character\n"
    "    a @ b\n"
    "      ^" },
  { "a = b",
    "r.yaml:3:13: unexpected character\n"
    "    a = b\n"
    "      ^" },
  { "(a + b",
    "r.yaml:3:17: expected ')'\n"
    "    (a + b\n"
    "          ^" },
  { "sum(a b)",
    "r.yaml:3:17: expected ',' or ')' in call\n"
    "    sum(a b)\n"
    "          ^" },
  { "a == b within x",
    "r.yaml:3:25: 'within' takes a number: 0.5, 0.5万元 or 1%\n"
    "    a == b within x\n"
    "                  ^" },
  /* The evaluator applies a tolerance to == and != only. */
  { "x <= y within 1%",
    "r.yaml:3:18: 'within' goes with == or != only\n"
    "    x <= y within 1%\n"
    "           ^^^^^^" },
  { "row.+",
    "r.yaml:3:15: expected a column name or #栏次 after '.'\n"
    "    row.+\n"
    "        ^" },
  { "row.#",
    "r.yaml:3:15: '#' must be followed by a column number (栏次)\n"
    "    row.#\n"
    "        ^" },
  { "* 2",
    "r.yaml:3:11: expected a value\n"
    "    * 2\n"
    "    ^" },
  { "",
    "r.yaml:3:11: unexpected end of expression\n"
    "    \n"
    "    ^" },
  { "99999999999999 > 0",
    "r.yaml:3:11: number out of range\n"
    "    99999999999999 > 0\n"
    "    ^^^^^^^^^^^^^^" },
  /* CJK characters are two columns wide in the caret line, one in the
   * column number. */
  { "本年收入合计 == foo(1)",
    "r.yaml:3:21: unknown function\n"
    "    本年收入合计 == foo(1)\n"
    "                    ^^^" },
  { "[收入:] == 1",
    "r.yaml:3:11: empty row selector\n"
    "    [收入:] == 1\n"
    "    ^^^^^^^" },
  { "[收入:总计] == [支出：总计] @",
    "r.yaml:3:30: unexpected character\n"
    "    [收入:总计] == [支出：总计] @\n"
    "                                ^" },
  /* In a block scalar the message names the line the error is on. */
  { "a ==\n  b @ c",
    "r.yaml:4:5: unexpected character\n"
    "      b @ c\n"
    "        ^" },
};

START_TEST (test_expr_parse_invalid)
{
  const BadCase *c = &invalid[_i];
  g_autoptr(GError) error = NULL;
  BlExpr *e = bl_expr_parse (c->src, FILE_, LINE_, COL_, &error);

  if (e != NULL)
    {
      bl_expr_free (e);
      ck_abort_msg ("'%s' parsed, but should not", c->src);
    }
  ck_assert_msg (g_error_matches (error, BL_ERROR, BL_ERROR_EXPR),
                 "'%s': wrong error domain or code", c->src);
  ck_assert_msg (strcmp (error->message, c->message) == 0,
                 "'%s':\n-- got:\n%s\n-- expected:\n%s", c->src,
                 error->message, c->message);
}
END_TEST

/* Nesting is limited (256 levels) so that deep input is an error, not a
 * stack overflow in the parser, node_free() or the evaluator. */
static char *
nested (const char *open, int n, const char *inner, const char *close)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (int i = 0; i < n; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
assert_too_deep (const char *src, const char *first_line)
{
  g_autoptr(GError) error = NULL;
  BlExpr *e = bl_expr_parse (src, FILE_, LINE_, COL_, &error);

  ck_assert_ptr_null (e);
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_EXPR));
  ck_assert_msg (g_str_has_prefix (error->message, first_line)
                 && error->message[strlen (first_line)] == '\n',
                 "got: %.200s", error->message);
}

START_TEST (test_expr_nesting_limit)
{
  g_autofree char *p255 = nested ("(", 255, "a", ")");
  g_autofree char *p256 = nested ("(", 256, "a", ")");
  g_autofree char *p12k = nested ("(", 12000, "a", ")");
  g_autofree char *m300 = nested ("-", 300, "1", "");
  g_autofree char *n300 = nested ("not ", 300, "true", "");
  g_autofree char *s300 = NULL;
  g_autoptr(BlExpr) ok1 = NULL;
  g_autoptr(BlExpr) ok2 = NULL;
  GString *q = g_string_new ("a"), *sum = g_string_new ("1");

  for (int i = 0; i < 300; i++)
    g_string_append (q, "?");
  for (int i = 0; i < 199; i++)
    g_string_append (sum, " + 1");
  ok1 = parse_ok (p255);
  ok2 = parse_ok (sum->str);
  for (int i = 199; i < 299; i++)
    g_string_append (sum, " + 1");
  s300 = g_string_free (sum, FALSE);

  /* The 257th level is the 257th '(' (byte 256). */
  assert_too_deep (p256, "r.yaml:3:267: expression nested too deeply");
  assert_too_deep (p12k, "r.yaml:3:267: expression nested too deeply");
  assert_too_deep (m300, "r.yaml:3:267: expression nested too deeply");
  assert_too_deep (n300, "r.yaml:3:1035: expression nested too deeply");
  assert_too_deep (q->str, "r.yaml:3:268: expression nested too deeply");
  /* A chain deepens the tree by one level per operator. */
  assert_too_deep (s300, "r.yaml:3:1035: expression nested too deeply");
  g_string_free (q, TRUE);
}
END_TEST

/* ---- lexer and caret ---------------------------------------------------- */

START_TEST (test_expr_lex_tokens)
{
  static const BlTokKind expected[] = {
    TOK_IDENT, TOK_LE, TOK_NUMBER, TOK_AND, TOK_ROWSEL, TOK_DOT, TOK_COLNO,
    TOK_NE, TOK_STRING, TOK_QUESTION, TOK_END
  };
  const char *src = "本年收入合计<=30万元 and [#27].#3 != '小计'?";
  BlSpan span;
  const char *msg = NULL;
  GArray *toks = bl_expr_lex (src, &span, &msg);

  ck_assert_ptr_nonnull (toks);
  ck_assert_ptr_null (msg);
  ck_assert_uint_eq (toks->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < toks->len; i++)
    ck_assert_msg (g_array_index (toks, BlToken, i).kind == expected[i],
                   "token %u: kind %d, expected %d", i,
                   g_array_index (toks, BlToken, i).kind, expected[i]);
  ck_assert_str_eq (g_array_index (toks, BlToken, 0).text, "本年收入合计");
  ck_assert_str_eq (g_array_index (toks, BlToken, 2).text, "30万元");
  ck_assert_uint_eq (g_array_index (toks, BlToken, 2).span.start, 20);
  ck_assert_str_eq (g_array_index (toks, BlToken, 4).text, "#27");
  ck_assert_str_eq (g_array_index (toks, BlToken, 6).text, "3");
  ck_assert_str_eq (g_array_index (toks, BlToken, 8).text, "小计");
  ck_assert_ptr_null (g_array_index (toks, BlToken, 3).text);
  bl_expr_tokens_free (toks);
}
END_TEST

START_TEST (test_expr_caret)
{
  g_autofree char *a = bl_expr_caret ("a == b", (BlSpan) { 5, 6 });
  g_autofree char *b = bl_expr_caret ("收入 == 支出", (BlSpan) { 10, 16 });
  g_autofree char *c = bl_expr_caret ("x\n（一）y z", (BlSpan) { 12, 13 });
  g_autofree char *d = bl_expr_caret ("abc", (BlSpan) { 3, 3 });

  ck_assert_str_eq (a, "    a == b\n         ^");
  ck_assert_str_eq (b, "    收入 == 支出\n            ^^^^");
  ck_assert_str_eq (c, "    （一）y z\n           ^");
  ck_assert_str_eq (d, "    abc\n       ^");
}
END_TEST

static Suite *
expr_suite (void)
{
  Suite *s = suite_create ("expr");
  TCase *tc;

  tc = tcase_create ("lex");
  tcase_add_test (tc, test_expr_lex_tokens);
  tcase_add_test (tc, test_expr_caret);
  suite_add_tcase (s, tc);

  tc = tcase_create ("parse");
  tcase_add_loop_test (tc, test_expr_parse_valid, 0, G_N_ELEMENTS (valid));
  tcase_add_test (tc, test_expr_tree_comparison);
  tcase_add_test (tc, test_expr_tree_tolerance);
  tcase_add_test (tc, test_expr_tree_precedence);
  tcase_add_test (tc, test_expr_tree_postfix);
  tcase_add_test (tc, test_expr_tree_current_row_column);
  tcase_add_loop_test (tc, test_expr_selectors, 0, G_N_ELEMENTS (sel_cases));
  tcase_add_test (tc, test_expr_selector_alternatives);
  suite_add_tcase (s, tc);

  tc = tcase_create ("errors");
  tcase_add_loop_test (tc, test_expr_parse_invalid, 0, G_N_ELEMENTS (invalid));
  tcase_add_test (tc, test_expr_nesting_limit);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (expr_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
