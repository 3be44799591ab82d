/* Unit tests for placing figures whose column the text does not show
 * (lib/placement.c): the row's identities, the code tree's sums, totals
 * another table states, rare columns, lines in another order, and the
 * refusal to guess. */

#include <check.h>
#undef BUDGETLINT_COMPILATION
#include "placement.h"
#include "identity.h"

#include <string.h>

/* 支出决算表: 合计 = 基本 + 项目 + 上缴 + 经营 + 附属 (the last three rare). */
enum { HJ, JB, XM, SJ, JY, FS, NCOLS };
static const gboolean rare6[NCOLS] = { FALSE, FALSE, FALSE, TRUE, TRUE, TRUE };

static GArray *
sum_all (guint total, guint first, guint n)
{
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (BlIdentity));
  BlIdentity id = { 0 };
  id.total = total;
  for (guint c = first; c < first + n; c++)
    {
      id.terms[id.n_terms] = c;
      id.signs[id.n_terms++] = 1;
    }
  g_array_append_val (ids, id);
  return ids;
}

/* A row of figures "a b c" (万元, two decimals), all on one line unless
 * a '|' starts the next. */
static void
row_of (BlPlaceRow *row, const char *figs)
{
  g_auto(GStrv) words = g_strsplit (figs, " ", -1);
  guint line = 1;
  memset (row, 0, sizeof *row);
  row->unit = row->parent = -1;
  for (guint i = 0; words[i]; i++)
    {
      BlPlaceFig *f = &row->figs[row->n_figs];
      const char *w = words[i];
      if (*w == '|')
        line++, w++;
      if (*w == '\0')
        continue;
      ck_assert (bl_decimal_parse (w, &f->value, NULL));
      f->value.unit = BL_UNIT_WAN;
      f->cluster = f->column = -1;
      f->segment = line;
      row->n_figs++;
    }
}

static void
assert_cols (const BlPlaceRow *row, const int *want)
{
  ck_assert_msg (row->placed, "row not placed");
  for (guint f = 0; f < row->n_figs; f++)
    ck_assert_int_eq (row->col[f], want[f]);
}

/* 合计 2,940.05 2,336.91 603.14: the rare columns are taken blank, the
 * order of the figures does the rest. */
START_TEST (test_place_rare)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow row;
  static const int want[] = { HJ, JB, XM };

  row_of (&row, "2940.05 2336.91 603.14");
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 0);
  assert_cols (&row, want);
}
END_TEST

/* 201 06 02 一般行政管理事务 10.00 10.00: 基本 or 项目?  Its parent's 基本
 * is all 行政运行's, so 项目. */
START_TEST (test_place_by_children)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow rows[3];
  static const int parent[] = { HJ, JB, XM }, first[] = { HJ, JB, XM }, second[] = { HJ, XM };

  row_of (&rows[0], "1521.89 1503.52 18.37");
  row_of (&rows[1], "1511.89 1503.52 8.37");
  row_of (&rows[2], "10.00 10.00");
  rows[1].parent = rows[2].parent = 0;
  ck_assert_uint_eq (bl_place__solve (&t, rows, 3), 0);
  assert_cols (&rows[0], parent);
  assert_cols (&rows[1], first);
  assert_cols (&rows[2], second);
}
END_TEST

/* Without the parent nothing tells 基本 from 项目: the row stays
 * unplaced rather than guessed. */
START_TEST (test_place_refuses)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow row;

  row_of (&row, "10.00 10.00");
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 1);
  ck_assert (!row.placed);
}
END_TEST

/* The total row against the top-level rows, column by column. */
START_TEST (test_place_by_total)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow rows[3];
  static const int total[] = { HJ, JB, XM }, a[] = { HJ, JB, XM }, b[] = { HJ, JB };

  row_of (&rows[0], "130.00 100.00 30.00");
  rows[0].total = TRUE;
  row_of (&rows[1], "110.00 80.00 30.00");
  row_of (&rows[2], "20.00 20.00");
  rows[1].top = rows[2].top = TRUE;
  ck_assert_uint_eq (bl_place__solve (&t, rows, 3), 0);
  assert_cols (&rows[0], total);
  assert_cols (&rows[1], a);
  assert_cols (&rows[2], b);
}
END_TEST

/* 收入决算表: 本年收入合计 = 财政拨款收入 + … + 其他收入, both ordinary:
 * "754.75 754.75" is either.  The 总表 says 其他收入 is blank. */
START_TEST (test_place_expected_total)
{
  enum { TOTAL, FISCAL, A, B, C, D, OTHER, N };
  static const gboolean rare[N] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE };
  g_autoptr(GArray) ids = sum_all (TOTAL, FISCAL, 6);
  BlNum fiscal, zero = bl_num_zero ();
  BlDecimal d;
  const BlNum *want[N] = { NULL, &fiscal, NULL, NULL, NULL, NULL, &zero };
  BlPlaceTable t = { N, ids, rare, want };
  BlPlaceTable blind = { N, ids, rare, NULL };
  BlPlaceRow rows[2];
  static const int placed[] = { TOTAL, FISCAL };

  ck_assert (bl_decimal_parse ("754.75", &d, NULL));
  d.unit = BL_UNIT_WAN;
  fiscal = bl_num_from_decimal (d);
  row_of (&rows[0], "754.75 754.75");
  rows[0].total = TRUE;
  row_of (&rows[1], "754.75 754.75");
  rows[1].top = TRUE;
  ck_assert_uint_eq (bl_place__solve (&blind, rows, 2), 2);
  row_of (&rows[0], "754.75 754.75");
  rows[0].total = TRUE;
  row_of (&rows[1], "754.75 754.75");
  rows[1].top = TRUE;
  ck_assert_uint_eq (bl_place__solve (&t, rows, 2), 0);
  assert_cols (&rows[0], placed);
  assert_cols (&rows[1], placed);
}
END_TEST

/* Figures the ordinary columns cannot explain go to the rare ones — and
 * to which of them, only what another table says can tell. */
START_TEST (test_place_rare_needed)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  static const char *const figures[NCOLS] = { "100.00", "50.00", "30.00", "0", "20.00", "0" };
  BlNum said[NCOLS];
  const BlNum *word[NCOLS];
  BlPlaceTable t = { NCOLS, ids, rare6, NULL }, told = { NCOLS, ids, rare6, word };
  BlPlaceRow row;
  static const int want[] = { HJ, JB, XM, JY };

  row_of (&row, "100.00 50.00 30.00 20.00");
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 1);
  for (guint c = 0; c < NCOLS; c++)
    {
      BlDecimal d;
      ck_assert (bl_decimal_parse (figures[c], &d, NULL));
      d.unit = BL_UNIT_WAN;
      said[c] = bl_num_from_decimal (d);
      word[c] = &said[c];
    }
  row_of (&row, "100.00 50.00 30.00 20.00");
  row.total = TRUE;
  ck_assert_uint_eq (bl_place__solve (&told, &row, 1), 0);
  assert_cols (&row, want);
}
END_TEST

/* A total printed on the line below its parts ("2,336.91 603.14" then
 * "2,940.05"): each line keeps its order, the lines may not. */
START_TEST (test_place_lines)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow row;
  static const int want[] = { JB, XM, HJ };

  row_of (&row, "2336.91 603.14 |2940.05");
  ck_assert (bl_place__possible (&t, &row));
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 0);
  assert_cols (&row, want);
  row_of (&row, "2336.91 603.14 2940.05");      /* one line: no way */
  ck_assert (!bl_place__possible (&t, &row));
}
END_TEST

/* An identity no placement satisfies is the document's error: the row is
 * left unplaced, and its sum decides nothing for the others. */
START_TEST (test_place_document_error)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow rows[3];
  static const int full[] = { HJ, JB, XM };

  row_of (&rows[0], "100.00 70.00 30.00");
  row_of (&rows[1], "60.00 59.00");               /* 60 ≠ 59: wrong */
  row_of (&rows[2], "40.00 10.00 30.00");
  rows[1].parent = rows[2].parent = 0;
  ck_assert_uint_eq (bl_place__solve (&t, rows, 3), 1);
  assert_cols (&rows[0], full);
  ck_assert (!rows[1].placed);
  assert_cols (&rows[2], full);
}
END_TEST

/* As many figures as columns, or blanks shown by position: as read. */
START_TEST (test_place_fixed)
{
  g_autoptr(GArray) ids = sum_all (0, 1, 2);
  BlPlaceTable t = { 3, ids, NULL, NULL };
  BlPlaceRow row;
  static const int want[] = { 0, 1, 2 };

  row_of (&row, "10.00 4.00 5.00");              /* wrong, but placed */
  row.fixed = TRUE;
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 0);
  assert_cols (&row, want);
}
END_TEST

/* A figure under its column's header on a laid-out page goes there. */
START_TEST (test_place_position)
{
  enum { SUM, X, Y, N };
  BlPlaceTable t = { N, NULL, NULL, NULL };
  BlPlaceRow row;
  static const int want[] = { Y };

  row_of (&row, "0.95");
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 1);
  row_of (&row, "0.95");
  row.figs[0].column = Y;
  ck_assert_uint_eq (bl_place__solve (&t, &row, 1), 0);
  assert_cols (&row, want);
}
END_TEST

/* A laid-out page: its figures' columns map to the table's in order, one
 * map for every row of the page. */
START_TEST (test_place_page)
{
  g_autoptr(GArray) ids = sum_all (HJ, JB, 5);
  BlPlaceTable t = { NCOLS, ids, rare6, NULL };
  BlPlaceRow rows[2];
  static const int a[] = { HJ, JB, XM }, b[] = { HJ, XM };

  row_of (&rows[0], "30.00 20.00 10.00");
  row_of (&rows[1], "5.00 5.00");
  for (guint i = 0; i < 3; i++)
    rows[0].figs[i].cluster = (int) i;
  rows[1].figs[0].cluster = 0;
  rows[1].figs[1].cluster = 2;      /* under the third column of the page */
  rows[0].unit = rows[1].unit = 1;
  ck_assert_uint_eq (bl_place__solve (&t, rows, 2), 0);
  assert_cols (&rows[0], a);
  assert_cols (&rows[1], b);
}
END_TEST

/* Eight rows of "1.00 1.00 1.00" under a parent of "8.00 8.00 8.00" in
 * twelve columns: 220 placements a row, and the sums hold only where all
 * nine agree, which the search cannot tell apart without trying them
 * all.  The work per table is bounded (the case used to take minutes):
 * nothing is ruled out past the bound, so every row is left unplaced. */
START_TEST (test_place_bounded)
{
  enum { N = 12, KIDS = 8 };
  BlPlaceTable t = { N, NULL, NULL, NULL };
  BlPlaceRow rows[KIDS + 1];

  row_of (&rows[0], "8.00 8.00 8.00");
  for (guint i = 1; i <= KIDS; i++)
    {
      row_of (&rows[i], "1.00 1.00 1.00");
      rows[i].parent = 0;
    }
  ck_assert_uint_eq (bl_place__solve (&t, rows, KIDS + 1), KIDS + 1);
}
END_TEST

static Suite *
placement_suite (void)
{
  Suite *s = suite_create ("placement");
  TCase *tc = tcase_create ("solve");
  tcase_add_test (tc, test_place_rare);
  tcase_add_test (tc, test_place_by_children);
  tcase_add_test (tc, test_place_refuses);
  tcase_add_test (tc, test_place_by_total);
  tcase_add_test (tc, test_place_expected_total);
  tcase_add_test (tc, test_place_rare_needed);
  tcase_add_test (tc, test_place_lines);
  tcase_add_test (tc, test_place_document_error);
  tcase_add_test (tc, test_place_fixed);
  tcase_add_test (tc, test_place_position);
  tcase_add_test (tc, test_place_page);
  tcase_add_test (tc, test_place_bounded);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (placement_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
