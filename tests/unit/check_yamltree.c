/* Unit tests for the compact YAML tree (lib/yamltree.h): built from
 * libyaml's events, it must load what yaml_parser_load() loads — the same
 * nodes, positions, shared and recursive aliases, and the same error
 * messages — since the filing reader switched from one to the other. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "yamltree.h"

#include <stdlib.h>
#include <string.h>

/* ---- the two loaders agree ----------------------------------------------- */

/* Structural equality; @seen maps a node of @a already compared to its
 * partner in @b, so that shared and recursive nodes must be shared alike. */
static void
assert_same (const BlYtNode *a, const BlYtNode *b, GHashTable *seen)
{
  const BlYtNode *partner = g_hash_table_lookup (seen, a);
  guint n;

  if (partner)
    {
      ck_assert_msg (partner == b, "a node shared in one tree is not in the other");
      return;
    }
  g_hash_table_insert (seen, (gpointer) a, (gpointer) b);
  ck_assert_int_eq (a->type, b->type);
  ck_assert_uint_eq (a->line, b->line);
  ck_assert_uint_eq (a->col, b->col);
  ck_assert_uint_eq (a->len, b->len);
  if (a->type == BL_YT_SCALAR)
    {
      ck_assert_int_eq (a->plain, b->plain);
      ck_assert_mem_eq (a->text, b->text, a->len + 1);
      return;
    }
  n = a->type == BL_YT_MAPPING ? 2 * a->len : a->len;
  for (guint i = 0; i < n; i++)
    assert_same (a->items[i], b->items[i], seen);
}

static const char *const agree_cases[] = {
  "a: 1\nb: [x, 'y', \"z\", ~]\nc: {d: e}\n",
  "# comment\n- one\n- - two\n  - three\n- k: v\n",
  "rows:\n  - &r [1, 2, 3]\n  - *r\n  - *r\n",
  "&s [*s, 1]\n",                        /* a sequence that holds itself */
  "&m {self: *m}\n",
  "a: &x 1\nb: &x 2\n",                   /* duplicate anchor */
  "a: *nowhere\n",                        /* undefined alias */
  "a: [1, 2\n",                           /* unterminated flow */
  "a: b: c\n",
  "key: |\n  block\n  text\nnext: >\n  folded\n",
  "a: 1\n---\nb: [\n",                    /* only the first document */
  "--- 42\n",
  "",
  "# only a comment\n",
  "---\n",
  "!!map {? a : b, ! c: !custom d}\n",
  "\xef\xbb\xbf" "a: \xe4\xb8\x80\n",     /* BOM, CJK */
  "a: \"\\0x\"\n",                        /* an escaped NUL */
  "a:\t1\n",
};

START_TEST (test_ytree_agrees_with_libyaml)
{
  const char *src = agree_cases[_i];
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(BlYamlDoc) doc = bl_yaml_doc_load (src, strlen (src), "t.yaml", BL_ERROR_INPUT, &e1);
  g_autoptr(BlYtTree) tree = bl_ytree_load (src, strlen (src), "t.yaml", BL_ERROR_INPUT, &e2);

  ck_assert_msg ((doc == NULL) == (tree == NULL), "case %d: one loader failed: %s%s",
                 _i, e1 ? e1->message : "", e2 ? e2->message : "");
  if (doc == NULL)
    {
      ck_assert_str_eq (e2->message, e1->message);
      ck_assert_int_eq (e2->code, BL_ERROR_INPUT);
    }
  else
    {
      g_autoptr(BlYtTree) copy = bl_ytree_from_doc (doc, bl_yaml_root (doc));
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      assert_same (bl_ytree_root (copy), bl_ytree_root (tree), seen);
    }
}
END_TEST

/* ---- what the reader relies on ------------------------------------------- */

static BlYtTree *
load (const char *src)
{
  g_autoptr(GError) error = NULL;
  BlYtTree *t = bl_ytree_load (src, strlen (src), "t.yaml", BL_ERROR_INPUT, &error);
  ck_assert_msg (t != NULL, "%s", error ? error->message : "");
  return t;
}

START_TEST (test_ytree_access)
{
  g_autoptr(BlYtTree) t = load ("k: v\nseq:\n  - [a, '', ~, null, NULL, Null, '~']\nk: second\n");
  BlYtNode *root = bl_ytree_root (t), *seq, *row;

  ck_assert_str_eq (bl_yt_scalar (bl_yt_get (root, "k")), "v");   /* the first */
  ck_assert_ptr_null (bl_yt_get (root, "missing"));
  ck_assert_ptr_null (bl_yt_get (bl_yt_get (root, "k"), "k"));    /* no mapping */
  seq = bl_yt_get (root, "seq");
  ck_assert_uint_eq (bl_yt_seq_len (seq), 1);
  ck_assert_uint_eq (bl_yt_seq_len (root), 0);
  ck_assert_uint_eq (bl_yt_seq_len (NULL), 0);
  row = seq->items[0];
  ck_assert_uint_eq (bl_yt_line (row), 3);
  ck_assert_uint_eq (bl_yt_col (row), 5);
  ck_assert_uint_eq (bl_yt_col (row->items[1]), 9);
  ck_assert_ptr_null (bl_yt_scalar (row));
  ck_assert (!bl_yt_is_null (row->items[0]));
  ck_assert (!bl_yt_is_null (row->items[1]));    /* quoted: an empty text */
  for (guint i = 2; i < 6; i++)
    ck_assert (bl_yt_is_null (row->items[i]));
  ck_assert (!bl_yt_is_null (row->items[6]));    /* quoted '~' */
  ck_assert (bl_yt_is_null (NULL));
  ck_assert (!bl_yt_is_null (row));
}
END_TEST

START_TEST (test_ytree_alias_shared)
{
  g_autoptr(BlYtTree) t = load ("a: &x [1, 2]\nb: *x\nc: &y [*y]\n");
  BlYtNode *root = bl_ytree_root (t), *c = bl_yt_get (root, "c");

  ck_assert_ptr_eq (bl_yt_get (root, "a"), bl_yt_get (root, "b"));
  ck_assert_ptr_eq (c->items[0], c);
}
END_TEST

/* Many collections, each bigger than an arena block on its own. */
START_TEST (test_ytree_large)
{
  GString *s = g_string_new ("big:\n");
  g_autoptr(BlYtTree) t = NULL;
  BlYtNode *big;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "  - [%u, text%u]\n", i, i);
  t = load (s->str);
  big = bl_yt_get (bl_ytree_root (t), "big");
  ck_assert_uint_eq (bl_yt_seq_len (big), 20000);
  ck_assert_str_eq (bl_yt_scalar (big->items[19999]->items[1]), "text19999");
  ck_assert_uint_eq (bl_yt_line (big->items[19999]), 20001);
  g_string_free (s, TRUE);
}
END_TEST

START_TEST (test_ytree_errors)
{
  g_autoptr(GError) error = NULL;

  ck_assert_ptr_null (bl_ytree_load ("a: *b\n", 6, "f.yaml", BL_ERROR_RULE_PACK, &error));
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_RULE_PACK));
  ck_assert_str_eq (error->message, "f.yaml:1:4: YAML: found undefined alias");
  g_clear_error (&error);
  ck_assert_ptr_null (bl_ytree_load ("# nothing\n", 10, "f.yaml", BL_ERROR_INPUT, &error));
  ck_assert_str_eq (error->message, "f.yaml:1:1: empty document");
}
END_TEST

/* ---- nesting depth ---------------------------------------------------------- */

/* @n collections nested in one line: flow `[[…]]` or block `- - … x`.
 * The k-th opens at column k (flow) or 2k - 1 (block), 1-based. */
static char *
nested (guint n, gboolean flow)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (s, flow ? "[" : "- ");
  if (flow)
    for (guint i = 0; i < n; i++)
      g_string_append_c (s, ']');
  else
    g_string_append_c (s, 'x');
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

/* Both loaders take BL_YAML_MAX_DEPTH levels and refuse one more, at the
 * collection that opens past the limit; so do they 100,000 levels, which
 * took libyaml half a minute to scan. */
static const struct { guint depth; gboolean flow; } depth_cases[] = {
  { BL_YAML_MAX_DEPTH, TRUE },
  { BL_YAML_MAX_DEPTH, FALSE },
  { BL_YAML_MAX_DEPTH + 1, TRUE },
  { BL_YAML_MAX_DEPTH + 1, FALSE },
  { 100000, TRUE },
  { 100000, FALSE },
};

START_TEST (test_depth_limit)
{
  g_autofree char *src = nested (depth_cases[_i].depth, depth_cases[_i].flow);
  gboolean flow = depth_cases[_i].flow;
  g_autofree char *want = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(BlYamlDoc) doc = bl_yaml_doc_load (src, strlen (src), "t.yaml", BL_ERROR_INPUT, &e1);
  g_autoptr(BlYtTree) tree = bl_ytree_load (src, strlen (src), "t.yaml", BL_ERROR_INPUT, &e2);
  g_autoptr(GPtrArray) docs = bl_yaml_doc_load_all (src, strlen (src), "t.yaml", BL_ERROR_INPUT, &e3);

  if (depth_cases[_i].depth <= BL_YAML_MAX_DEPTH)
    {
      ck_assert_ptr_nonnull (doc);
      ck_assert_ptr_nonnull (tree);
      ck_assert_ptr_nonnull (docs);
      return;
    }
  want = g_strdup_printf ("t.yaml:1:%u: YAML: %s",
                          flow ? BL_YAML_MAX_DEPTH + 1 : 2 * BL_YAML_MAX_DEPTH + 1,
                          bl_yaml__too_deep);
  ck_assert_ptr_null (doc);
  ck_assert_ptr_null (tree);
  ck_assert_ptr_null (docs);
  ck_assert (g_error_matches (e1, BL_ERROR, BL_ERROR_INPUT));
  ck_assert_str_eq (e1->message, want);
  ck_assert_str_eq (e2->message, want);
  ck_assert_str_eq (e3->message, want);
}
END_TEST

static Suite *
ytree_suite (void)
{
  Suite *s = suite_create ("yamltree");
  TCase *tc = tcase_create ("load");

  tcase_add_loop_test (tc, test_ytree_agrees_with_libyaml, 0, G_N_ELEMENTS (agree_cases));
  tcase_add_test (tc, test_ytree_access);
  tcase_add_test (tc, test_ytree_alias_shared);
  tcase_add_test (tc, test_ytree_large);
  tcase_add_test (tc, test_ytree_errors);
  tcase_add_loop_test (tc, test_depth_limit, 0, G_N_ELEMENTS (depth_cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (ytree_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
