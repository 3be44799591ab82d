/* Unit tests for the private interval numbers (lib/decimal.h): a written
 * figure with d decimals stands for [v − ½·10^−d, v + ½·10^−d], and sums,
 * differences, products and quotients carry those intervals along. */

#include <check.h>
/* The Makefile defines it for tests and lib/common.h defines it again. */
#undef BUDGETLINT_COMPILATION
#include "decimal.h"

#include <stdlib.h>

/* 10^n as a 128-bit integer, independent of the library's own helper. */
static bl_i128
p10 (int n)
{
  bl_i128 v = 1;
  while (n-- > 0)
    v *= 10;
  return v;
}

static BlNum
num (const char *text)
{
  g_autoptr(GError) error = NULL;
  BlDecimal d;
  if (!bl_decimal_parse (text, &d, &error))
    ck_abort_msg ("'%s' does not parse: %s", text, error->message);
  return bl_num_from_decimal (d);
}

static void
assert_format (const BlNum *n, const char *expected)
{
  g_autofree char *s = bl_num_format (n);
  ck_assert_str_eq (s, expected);
}

static void
assert_format_in (const BlNum *n, BlUnit unit, guint digits,
                  const char *expected)
{
  g_autofree char *s = bl_num_format_in (n, unit, digits);
  ck_assert_str_eq (s, expected);
}

/* ---- from_decimal ------------------------------------------------------- */

START_TEST (test_num_from_decimal)
{
  /* 11229.01 万元 = 112290100 元; radius ½·0.01 万元 = 50 元. */
  BlNum a = num ("11229.01万元");
  BlNum b = num ("99.8%");
  BlNum c = num ("-0.5");

  ck_assert (a.mid == 1122901 * p10 (14));
  ck_assert (a.lo == a.mid - 50 * p10 (12));
  ck_assert (a.hi == a.mid + 50 * p10 (12));
  ck_assert_int_eq (a.dim, BL_DIM_MONEY);
  ck_assert_int_eq (a.unit, BL_UNIT_WAN);
  ck_assert_uint_eq (a.digits, 2);

  /* 99.8% is the fraction 0.998 ± 0.0005. */
  ck_assert (b.mid == 998 * p10 (9));
  ck_assert (b.lo == 9975 * p10 (8));
  ck_assert (b.hi == 9985 * p10 (8));
  ck_assert_int_eq (b.dim, BL_DIM_RATIO);

  ck_assert (c.mid == -5 * p10 (11));
  ck_assert (c.lo == -55 * p10 (10));
  ck_assert (c.hi == -45 * p10 (10));
  ck_assert_int_eq (c.dim, BL_DIM_PLAIN);
}
END_TEST

/* ---- add / sub ---------------------------------------------------------- */

/* The headline case: 11208.44 + 20.58 = 11229.02, but each addend may be
 * off by 0.005, so the sum stands for [11229.01, 11229.03] and the
 * published total 11229.01 is consistent within rounding. */
START_TEST (test_num_add_rounding_headline)
{
  BlNum a = num ("11208.44万元"), b = num ("20.58万元");
  BlNum total = num ("11229.01万元");
  BlNum sum;
  const char *why = NULL;

  ck_assert (bl_num_add (&a, &b, &sum, &why));
  ck_assert_ptr_null (why);
  ck_assert (sum.mid == 1122902 * p10 (14));
  ck_assert (sum.lo == 1122901 * p10 (14));
  ck_assert (sum.hi == 1122903 * p10 (14));
  ck_assert_uint_eq (sum.digits, 2);
  ck_assert_int_eq (sum.unit, BL_UNIT_WAN);
  ck_assert_int_eq (sum.dim, BL_DIM_MONEY);
  assert_format (&sum, "11229.02");
  ck_assert_int_eq (bl_num_consistency (&sum, &total), BL_CONSISTENT_ROUNDING);
  ck_assert_int_eq (bl_num_consistency (&total, &sum), BL_CONSISTENT_ROUNDING);
}
END_TEST

typedef struct {
  const char *a, *b, *total;
  BlConsistency expected;
} SumCase;

static const SumCase sum_cases[] = {
  { "11208.44", "20.58", "11229.02", BL_CONSISTENT_EXACT },
  { "11208.44", "20.58", "11229.01", BL_CONSISTENT_ROUNDING },
  { "11208.44", "20.58", "11229.03", BL_CONSISTENT_ROUNDING },
  { "11208.44", "20.58", "11229.04", BL_INCONSISTENT },
  { "11208.44", "20.58", "11229.00", BL_INCONSISTENT },
  { "11208.44", "20.58", "11229.0", BL_CONSISTENT_ROUNDING },
  { "11208.44", "20.58", "11229", BL_CONSISTENT_ROUNDING },
  { "11208.44", "20.58", "11228", BL_INCONSISTENT },
  { "0.4", "0.4", "1", BL_CONSISTENT_ROUNDING },
  { "0.4", "0.4", "0", BL_INCONSISTENT },
  /* [0.5, 0.7] and [−0.5, 0.5] meet at 0.5. */
  { "0.3", "0.3", "0", BL_CONSISTENT_ROUNDING },
  { "0.3", "0.4", "0", BL_INCONSISTENT },
  { "-3.00", "-5.00", "-8.01", BL_CONSISTENT_ROUNDING },
  { "-3.00", "-5.00", "-8.02", BL_INCONSISTENT },
  { "1.00万元", "10000.00元", "2.00万元", BL_CONSISTENT_EXACT },
  { "1.00万元", "10000.00元", "20000.00元", BL_CONSISTENT_EXACT },
  /* radius 50 元 + 0.005 元 */
  { "1.00万元", "10000.00元", "20050.00元", BL_CONSISTENT_ROUNDING },
  { "1.00万元", "10000.00元", "19950.00元", BL_CONSISTENT_ROUNDING },
  { "1.00万元", "10000.00元", "20051元", BL_INCONSISTENT },
};

START_TEST (test_num_add_table)
{
  const SumCase *c = &sum_cases[_i];
  BlNum a = num (c->a), b = num (c->b), t = num (c->total), s;
  const char *why = NULL;
  BlConsistency got;

  ck_assert (bl_num_add (&a, &b, &s, &why));
  got = bl_num_consistency (&s, &t);
  ck_assert_msg (got == c->expected, "%s + %s vs %s: %d, expected %d", c->a,
                 c->b, c->total, got, c->expected);
  ck_assert (bl_num_consistency (&t, &s) == got);
}
END_TEST

START_TEST (test_num_sub)
{
  BlNum a = num ("100.00"), b = num ("20.58"), d;
  BlNum c1 = num ("79.43"), c2 = num ("79.44");
  const char *why = NULL;

  ck_assert (bl_num_sub (&a, &b, &d, &why));
  /* Radii add up in a difference too: 79.42 ± 0.01. */
  ck_assert (d.mid == 7942 * p10 (10));
  ck_assert (d.lo == 7941 * p10 (10));
  ck_assert (d.hi == 7943 * p10 (10));
  assert_format (&d, "79.42");
  ck_assert_int_eq (bl_num_consistency (&d, &c1), BL_CONSISTENT_ROUNDING);
  ck_assert_int_eq (bl_num_consistency (&d, &c2), BL_INCONSISTENT);

  ck_assert (bl_num_sub (&b, &a, &d, &why));
  assert_format (&d, "-79.42");
  ck_assert (d.lo == -7943 * p10 (10));
  ck_assert (d.hi == -7941 * p10 (10));
}
END_TEST

START_TEST (test_num_negative)
{
  BlNum a = num ("-3.00"), b = num ("-5.00"), d, n = num ("2.5");
  BlNum x = num ("0.01"), y = num ("0.015");
  const char *why = NULL;

  ck_assert (bl_num_sub (&a, &b, &d, &why));
  assert_format (&d, "2.00");
  ck_assert (d.lo == 199 * p10 (10));
  ck_assert (d.hi == 201 * p10 (10));

  bl_num_neg (&n);
  ck_assert (n.mid == -25 * p10 (11));
  ck_assert (n.lo == -255 * p10 (10));
  ck_assert (n.hi == -245 * p10 (10));
  assert_format (&n, "-2.5");
  bl_num_abs (&n);
  ck_assert (n.mid == 25 * p10 (11));
  ck_assert (n.lo == 245 * p10 (10));
  ck_assert (n.hi == 255 * p10 (10));

  /* |x| of an interval that straddles zero starts at zero:
   * 0.01 − 0.015 = −0.005 ± 0.0055 = [−0.0105, 0.0005]. */
  ck_assert (bl_num_sub (&x, &y, &d, &why));
  ck_assert (d.lo == -105 * p10 (8));
  ck_assert (d.hi == 5 * p10 (8));
  bl_num_abs (&d);
  ck_assert (d.mid == 5 * p10 (9));
  ck_assert (d.lo == 0);
  ck_assert (d.hi == 105 * p10 (8));
}
END_TEST

START_TEST (test_num_add_money_percent)
{
  BlNum m = num ("100.00万元"), p = num ("5%"), out;
  const char *why = NULL;

  ck_assert (!bl_num_add (&m, &p, &out, &why));
  ck_assert_ptr_nonnull (why);
  ck_assert_str_eq (why, "金额与百分比不能相加减");
  why = NULL;
  ck_assert (!bl_num_add (&p, &m, &out, &why));
  ck_assert_str_eq (why, "金额与百分比不能相加减");
  why = NULL;
  ck_assert (!bl_num_sub (&m, &p, &out, &why));
  ck_assert_str_eq (why, "金额与百分比不能相加减");
}
END_TEST

/* A plain literal takes the other side's dimension: `x == 0` for money. */
START_TEST (test_num_add_plain_literal)
{
  BlNum m = num ("100.00万元"), z = bl_num_zero (), out;
  const char *why = NULL;

  ck_assert (bl_num_add (&z, &m, &out, &why));
  ck_assert_int_eq (out.dim, BL_DIM_MONEY);
  ck_assert_int_eq (out.unit, BL_UNIT_WAN);
  assert_format (&out, "100.00");
  ck_assert (bl_num_add (&m, &z, &out, &why));
  ck_assert_int_eq (out.dim, BL_DIM_MONEY);
}
END_TEST

START_TEST (test_num_add_overflow)
{
  BlNum big = bl_num_exact ((bl_i128) 1 << 126, BL_DIM_PLAIN), out;
  BlNum neg = bl_num_exact (-((bl_i128) 1 << 126) - 1, BL_DIM_PLAIN);
  const char *why = NULL;

  ck_assert (!bl_num_add (&big, &big, &out, &why));
  ck_assert_str_eq (why, "数值溢出");
  why = NULL;
  ck_assert (!bl_num_sub (&neg, &big, &out, &why));
  ck_assert_str_eq (why, "数值溢出");
  why = NULL;
  ck_assert (bl_num_add (&big, &neg, &out, &why));
  ck_assert_ptr_null (why);
  ck_assert (out.mid == -1);
}
END_TEST

/* ---- comparisons ---------------------------------------------------------- */

START_TEST (test_num_may_le)
{
  BlNum a = num ("10.00"), b = num ("9.99"), c = num ("9.98");

  ck_assert (bl_num_may_le (&a, &b));      /* 9.995 ≤ 9.995 */
  ck_assert (!bl_num_may_le (&a, &c));     /* 9.995 > 9.985 */
  ck_assert (bl_num_may_le (&c, &a));
  ck_assert (bl_num_may_le (&a, &a));
  ck_assert_int_eq (bl_num_cmp_mid (&a, &b), 1);
  ck_assert_int_eq (bl_num_cmp_mid (&b, &a), -1);
  ck_assert_int_eq (bl_num_cmp_mid (&a, &a), 0);
}
END_TEST

/* ---- mul / div ---------------------------------------------------------- */

START_TEST (test_num_ratio_percent)
{
  BlNum a = num ("823.91万元"), b = num ("899.87万元"), r;
  const char *why = NULL;

  ck_assert (bl_num_div (&a, &b, &r, &why));
  ck_assert_int_eq (r.dim, BL_DIM_RATIO);
  ck_assert_int_eq (r.unit, BL_UNIT_PERCENT);
  /* 823.91 / 899.87 = 0.91558780712769…, rounded at 10^-12. */
  ck_assert (r.mid == (bl_i128) 915587807128LL);
  assert_format_in (&r, BL_UNIT_PERCENT, 2, "91.56");
  assert_format_in (&r, BL_UNIT_PERCENT, 4, "91.5588");
  assert_format (&r, "91.56");
  /* [823.905/899.875, 823.915/899.865], rounded outward at 10^-12. */
  ck_assert (r.lo == (bl_i128) 915577163494LL);
  ck_assert (r.hi == (bl_i128) 915598450879LL);
  ck_assert (!r.unbounded);
}
END_TEST

START_TEST (test_num_div_by_zero)
{
  BlNum a = num ("823.91万元"), z = bl_num_zero (), out;
  BlNum zm = bl_num_exact (0, BL_DIM_MONEY);
  const char *why = NULL;

  ck_assert (!bl_num_div (&a, &z, &out, &why));
  ck_assert_str_eq (why, "除数为零");
  why = NULL;
  ck_assert (!bl_num_div (&a, &zm, &out, &why));
  ck_assert_str_eq (why, "除数为零");
}
END_TEST

/* A divisor whose interval holds zero makes the quotient unbounded:
 * anything is consistent with it within rounding. */
START_TEST (test_num_div_unbounded)
{
  BlNum a = num ("1.00"), b = num ("0.99"), small, q, other = num ("-123");
  const char *why = NULL;

  ck_assert (bl_num_sub (&a, &b, &small, &why));   /* [0.00, 0.02] */
  ck_assert (small.lo == 0);
  ck_assert (bl_num_div (&a, &small, &q, &why));
  ck_assert (q.unbounded);
  assert_format_in (&q, BL_UNIT_NONE, 0, "100");
  ck_assert_int_eq (bl_num_consistency (&q, &other), BL_CONSISTENT_ROUNDING);
  ck_assert (bl_num_may_le (&q, &other));
}
END_TEST

START_TEST (test_num_mul)
{
  BlNum p = num ("50%"), m = num ("200.00万元"), out;
  BlNum m2 = num ("3.00万元");
  const char *why = NULL;

  ck_assert (bl_num_mul (&p, &m, &out, &why));
  ck_assert_int_eq (out.dim, BL_DIM_MONEY);
  ck_assert_int_eq (out.unit, BL_UNIT_WAN);
  assert_format (&out, "100.00");
  ck_assert (out.lo < out.mid && out.mid < out.hi);
  /* [0.495, 0.505] × [199.995, 200.005] */
  ck_assert (out.lo == 98997525 * p10 (10));     /* 98.997525 万元 */
  ck_assert (out.hi == 101002525 * p10 (10));    /* 101.002525 万元 */

  why = NULL;
  ck_assert (!bl_num_mul (&m, &m2, &out, &why));
  ck_assert_str_eq (why, "两个金额不能相乘");
}
END_TEST

START_TEST (test_num_mul_overflow)
{
  BlNum big = bl_num_exact (p10 (32), BL_DIM_PLAIN), out;
  BlNum one = bl_num_exact (p10 (12), BL_DIM_PLAIN);
  const char *why = NULL;

  ck_assert (!bl_num_mul (&big, &big, &out, &why));
  ck_assert_str_eq (why, "数值溢出");
  why = NULL;
  ck_assert (!bl_num_div (&big, &one, &out, &why));
  ck_assert_str_eq (why, "数值溢出");
}
END_TEST

/* ---- formatting ----------------------------------------------------------- */

typedef struct {
  bl_i128 scaled;     /* × 10^12 */
  guint digits;
  const char *expected;
} FormatCase;

static const FormatCase format_cases[] = {
  { 1250000000000, 1, "1.3" },
  { -1250000000000, 1, "-1.3" },
  { 1249999999999, 1, "1.2" },
  { -1249999999999, 1, "-1.2" },
  { 5000000000, 2, "0.01" },
  { -5000000000, 2, "-0.01" },
  { 4999999999, 2, "0.00" },
  { -4999999999, 2, "0.00" },
  { 500000000000, 0, "1" },
  { -500000000000, 0, "-1" },
  { 0, 3, "0.000" },
  { 123, 12, "0.000000000123" },
  { 123, 14, "0.000000000123" },
  { 9995000000000, 2, "10.00" },
};

START_TEST (test_num_format_rounding)
{
  const FormatCase *c = &format_cases[_i];
  BlNum n = bl_num_exact (c->scaled, BL_DIM_PLAIN);
  g_autofree char *s = bl_num_format_in (&n, BL_UNIT_NONE, c->digits);

  ck_assert_msg (strcmp (s, c->expected) == 0, "case %d: '%s', expected '%s'",
                 _i, s, c->expected);
}
END_TEST

START_TEST (test_num_format_units)
{
  BlNum y = num ("243327.18元"), w = num ("24.332718万元");
  BlNum p = num ("99.8%");

  assert_format_in (&y, BL_UNIT_WAN, 6, "24.332718");
  assert_format_in (&y, BL_UNIT_WAN, 2, "24.33");
  assert_format_in (&y, BL_UNIT_YI, 4, "0.0024");
  assert_format_in (&w, BL_UNIT_YUAN, 2, "243327.18");
  assert_format_in (&w, BL_UNIT_YUAN, 0, "243327");
  assert_format (&p, "99.8");
  assert_format_in (&p, BL_UNIT_PERCENT, 0, "100");
}
END_TEST

static Suite *
num_suite (void)
{
  Suite *s = suite_create ("num");
  TCase *tc;

  tc = tcase_create ("from_decimal");
  tcase_add_test (tc, test_num_from_decimal);
  suite_add_tcase (s, tc);

  tc = tcase_create ("add");
  tcase_add_test (tc, test_num_add_rounding_headline);
  tcase_add_loop_test (tc, test_num_add_table, 0, G_N_ELEMENTS (sum_cases));
  tcase_add_test (tc, test_num_sub);
  tcase_add_test (tc, test_num_negative);
  tcase_add_test (tc, test_num_add_money_percent);
  tcase_add_test (tc, test_num_add_plain_literal);
  tcase_add_test (tc, test_num_add_overflow);
  suite_add_tcase (s, tc);

  tc = tcase_create ("compare");
  tcase_add_test (tc, test_num_may_le);
  suite_add_tcase (s, tc);

  tc = tcase_create ("mul_div");
  tcase_add_test (tc, test_num_ratio_percent);
  tcase_add_test (tc, test_num_div_by_zero);
  tcase_add_test (tc, test_num_div_unbounded);
  tcase_add_test (tc, test_num_mul);
  tcase_add_test (tc, test_num_mul_overflow);
  suite_add_tcase (s, tc);

  tc = tcase_create ("format");
  tcase_add_loop_test (tc, test_num_format_rounding, 0,
                       G_N_ELEMENTS (format_cases));
  tcase_add_test (tc, test_num_format_units);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (num_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
