/* Unit tests for the public decimal API (budgetlint-decimal.h): parsing
 * figures as filings print them, blanks, formatting, unit conversion,
 * exact addition and XBRL-style rounding consistency. */

#include <check.h>
#include <budgetlint/budgetlint.h>

#include <stdlib.h>
#include <string.h>

#define M(x) ((gint64) (x) * 1000000)   /* whole units → BlDecimal.units */

/* ---- parsing ------------------------------------------------------------ */

typedef struct {
  const char *input;
  gint64 units;
  guint digits;
  BlUnit unit;
  const char *canonical;  /* what bl_decimal_format() gives back */
} ParseCase;

#define OK(in, u, d, unit, canon) { in, u, d, unit, canon }

static const ParseCase parse_cases[] = {
  OK ("11229.01", 11229010000LL, 2, BL_UNIT_NONE, "11229.01"),
  OK ("11,229.01", 11229010000LL, 2, BL_UNIT_NONE, "11229.01"),
  OK ("1,234,567.00", M (1234567), 2, BL_UNIT_NONE, "1234567.00"),
  OK ("1,234.5", 1234500000LL, 1, BL_UNIT_NONE, "1234.5"),
  OK ("１１２２９．０１", 11229010000LL, 2, BL_UNIT_NONE, "11229.01"),
  OK ("１，２３４．５", 1234500000LL, 1, BL_UNIT_NONE, "1234.5"),
  OK ("-5.00", M (-5), 2, BL_UNIT_NONE, "-5.00"),
  OK ("－5.00", M (-5), 2, BL_UNIT_NONE, "-5.00"),
  OK ("(5.00)", M (-5), 2, BL_UNIT_NONE, "-5.00"),
  OK ("（5.00）", M (-5), 2, BL_UNIT_NONE, "-5.00"),
  OK ("+3", M (3), 0, BL_UNIT_NONE, "3"),
  OK (".5", 500000, 1, BL_UNIT_NONE, "0.5"),
  OK ("-0.50", -500000, 2, BL_UNIT_NONE, "-0.50"),
  OK ("0.00", 0, 2, BL_UNIT_NONE, "0.00"),
  OK ("0", 0, 0, BL_UNIT_NONE, "0"),
  OK ("99.8%", 99800000, 1, BL_UNIT_PERCENT, "99.8"),
  OK ("100.00%", M (100), 2, BL_UNIT_PERCENT, "100.00"),
  OK ("99.8％", 99800000, 1, BL_UNIT_PERCENT, "99.8"),
  OK ("３０万元", M (30), 0, BL_UNIT_WAN, "30"),
  OK ("30万元", M (30), 0, BL_UNIT_WAN, "30"),
  OK ("1亿元", M (1), 0, BL_UNIT_YI, "1"),
  OK ("24.332718万元", 24332718, 6, BL_UNIT_WAN, "24.332718"),
  OK ("5 元", M (5), 0, BL_UNIT_YUAN, "5"),     /* a unit after a space */
  OK ("12.123456", 12123456, 6, BL_UNIT_NONE, "12.123456"),
  OK ("9223372036854.775807", G_MAXINT64, 6, BL_UNIT_NONE,
      "9223372036854.775807"),
  OK ("  11229.01  ", 11229010000LL, 2, BL_UNIT_NONE, "11229.01"),
  OK ("\t-5\n", M (-5), 0, BL_UNIT_NONE, "-5"),
  OK ("\u300011229.01\u3000", 11229010000LL, 2, BL_UNIT_NONE, "11229.01"),
  OK ("\u00a01,000\u00a0", M (1000), 0, BL_UNIT_NONE, "1000"),
};

typedef struct {
  const char *input;
  int code;               /* the BL_ERROR code */
} BadCase;

#define BAD(in, code) { in, code }

static const BadCase bad_cases[] = {
  BAD ("1,22.00", BL_ERROR_INPUT),
  BAD (",5", BL_ERROR_INPUT),
  BAD ("1,,000", BL_ERROR_INPUT),
  BAD ("1,2345", BL_ERROR_INPUT),
  BAD ("1,000,00", BL_ERROR_INPUT),
  BAD ("1,22,000", BL_ERROR_INPUT),
  BAD ("12,34,567.00", BL_ERROR_INPUT),
  BAD ("(5.00", BL_ERROR_INPUT),
  BAD ("12.1234567", BL_ERROR_OVERFLOW),
  BAD ("99999999999999", BL_ERROR_OVERFLOW),
  BAD ("9223372036854.775808", BL_ERROR_OVERFLOW),
  BAD ("9223372036855", BL_ERROR_OVERFLOW),
  BAD ("99999999999999999999999999", BL_ERROR_OVERFLOW),
  BAD ("abc", BL_ERROR_INPUT),
  BAD ("1.2.3", BL_ERROR_INPUT),
  BAD ("1e5", BL_ERROR_INPUT),
  BAD ("--5", BL_ERROR_INPUT),
  BAD ("5美元", BL_ERROR_INPUT),
  BAD ("5%%", BL_ERROR_INPUT),
  BAD ("", BL_ERROR_INPUT),
  BAD ("-", BL_ERROR_INPUT),
  BAD ("—", BL_ERROR_INPUT),
};

START_TEST (test_decimal_parse_table)
{
  const ParseCase *c = &parse_cases[_i];
  g_autoptr(GError) error = NULL;
  BlDecimal d = { 12345, 9, 9 };

  ck_assert_msg (bl_decimal_parse (c->input, &d, &error),
                 "'%s' should parse: %s", c->input,
                 error ? error->message : "");
  ck_assert_ptr_null (error);
  ck_assert_msg (d.units == c->units, "'%s': units %" G_GINT64_FORMAT
                 ", expected %" G_GINT64_FORMAT, c->input, d.units, c->units);
  ck_assert_msg (d.digits == c->digits, "'%s': digits %u, expected %u",
                 c->input, d.digits, c->digits);
  ck_assert_msg (d.unit == c->unit, "'%s': unit %u, expected %u",
                 c->input, d.unit, c->unit);
}
END_TEST

/* Plain ASCII figures are read by a shortcut; the same text with spaces
 * around it goes the general way, and both must agree, errors included. */
static const char *const plain_cases[] = {
  "0", "0.0", "-0.0", "5", "-5", "112084.4", "00012.50", "1.000000",
  "999999999999", "9999999999999", "999999.999999", "-999999999999",
  "1.1234567", "1.", "1..2", "1.2.3", "-", "-.5", "12a", "1,234.5",
  "9223372036854775807", "99999999999999999999",
};

START_TEST (test_decimal_parse_plain_agrees)
{
  g_autofree char *spaced = g_strdup_printf (" %s ", plain_cases[_i]);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  BlDecimal a = { 0 }, b = { 0 };
  gboolean ok1 = bl_decimal_parse (plain_cases[_i], &a, &e1);
  gboolean ok2 = bl_decimal_parse (spaced, &b, &e2);

  ck_assert_int_eq (ok1, ok2);
  if (ok1)
    {
      ck_assert (a.units == b.units);
      ck_assert_uint_eq (a.digits, b.digits);
      ck_assert_uint_eq (a.unit, b.unit);
    }
  else
    ck_assert_int_eq (e1->code, e2->code);
}
END_TEST

START_TEST (test_decimal_parse_bad)
{
  const BadCase *c = &bad_cases[_i];
  g_autoptr(GError) error = NULL;
  BlDecimal d;

  ck_assert_msg (!bl_decimal_parse (c->input, &d, &error),
                 "'%s' should not parse", c->input);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, BL_ERROR, c->code),
                 "'%s': error code %d (%s), expected %d", c->input,
                 error->code, error->message, c->code);
  ck_assert_msg (strchr (error->message, '\n') == NULL,
                 "'%s': message is not one line", c->input);
}
END_TEST

/* Formatting a parsed figure gives the canonical text, and parsing that
 * gives the same value back. */
START_TEST (test_decimal_format_roundtrip)
{
  const ParseCase *c = &parse_cases[_i];
  g_autofree char *text = NULL;
  BlDecimal d, again;

  ck_assert (bl_decimal_parse (c->input, &d, NULL));
  text = bl_decimal_format (d);
  ck_assert_msg (g_strcmp0 (text, c->canonical) == 0,
                 "'%s' formats as '%s', expected '%s'", c->input, text,
                 c->canonical);
  ck_assert (bl_decimal_parse (text, &again, NULL));
  ck_assert (again.units == d.units);
  ck_assert_uint_eq (again.digits, d.digits);
}
END_TEST

START_TEST (test_decimal_parse_messages)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  BlDecimal d;

  ck_assert (!bl_decimal_parse ("1,22.00", &d, &e1));
  ck_assert_str_eq (e1->message, "'1,22.00' has misplaced thousands separators");
  ck_assert (!bl_decimal_parse ("12.1234567", &d, &e2));
  ck_assert_str_eq (e2->message, "'12.1234567' has more than 6 decimal places");
  ck_assert (!bl_decimal_parse ("abc", &d, &e3));
  ck_assert_str_eq (e3->message, "'abc' is not a number");
}
END_TEST

START_TEST (test_decimal_format_extremes)
{
  BlDecimal lo = { G_MININT64, 6, BL_UNIT_NONE };
  BlDecimal hi = { G_MAXINT64, 0, BL_UNIT_NONE };
  BlDecimal small = { -1, 6, BL_UNIT_YUAN };
  g_autofree char *a = bl_decimal_format (lo);
  g_autofree char *b = bl_decimal_format (hi);
  g_autofree char *c = bl_decimal_format (small);

  ck_assert_str_eq (a, "-9223372036854.775808");
  ck_assert_str_eq (b, "9223372036854");
  ck_assert_str_eq (c, "-0.000001");
}
END_TEST

/* ---- blanks ------------------------------------------------------------- */

typedef struct {
  const char *text;
  gboolean blank;
} BlankCase;

static const BlankCase blank_cases[] = {
  { "", TRUE }, { "  ", TRUE }, { "-", TRUE }, { "—", TRUE },
  { "──", TRUE }, { "────", TRUE }, { "－", TRUE }, { "\u3000", TRUE },
  { " - ", TRUE }, { "\t—\u3000", TRUE },
  { "0", FALSE }, { "0.00", FALSE }, { "-5", FALSE }, { "-0.00", FALSE },
  { "—5", FALSE }, { "x", FALSE }, { "无", FALSE },
};

START_TEST (test_decimal_text_is_blank)
{
  const BlankCase *c = &blank_cases[_i];
  ck_assert_msg (bl_decimal_text_is_blank (c->text) == c->blank,
                 "'%s' should%s be blank", c->text, c->blank ? "" : " not");
}
END_TEST

/* A blank is not a figure, and 0.00 is not a blank: the two facts must
 * never collapse into one. */
START_TEST (test_decimal_blank_vs_zero)
{
  g_autoptr(GError) error = NULL;
  BlDecimal d;

  ck_assert (!bl_decimal_parse ("－", &d, &error));
  ck_assert (g_error_matches (error, BL_ERROR, BL_ERROR_INPUT));
  ck_assert (!bl_decimal_text_is_blank ("0.00"));
  ck_assert (bl_decimal_parse ("0.00", &d, NULL));
  ck_assert (d.units == 0);
  ck_assert_uint_eq (d.digits, 2);
}
END_TEST

/* ---- units and conversion ----------------------------------------------- */

typedef struct {
  const char *text;
  gboolean ok;
  BlUnit unit;
} UnitCase;

static const UnitCase unit_cases[] = {
  { "元", TRUE, BL_UNIT_YUAN }, { "万元", TRUE, BL_UNIT_WAN },
  { "亿元", TRUE, BL_UNIT_YI }, { "%", TRUE, BL_UNIT_PERCENT },
  { "％", TRUE, BL_UNIT_PERCENT }, { " 万元 ", TRUE, BL_UNIT_WAN },
  { "金额单位：万元", TRUE, BL_UNIT_WAN }, { "单位: 元", TRUE, BL_UNIT_YUAN },
  { "单位：亿元", TRUE, BL_UNIT_YI },
  { "", FALSE, 0 }, { "千元", FALSE, 0 }, { "万", FALSE, 0 },
  { "美元", FALSE, 0 }, { "元元", FALSE, 0 }, { "金额单位：", FALSE, 0 },
};

START_TEST (test_unit_parse)
{
  const UnitCase *c = &unit_cases[_i];
  BlUnit u = (BlUnit) 99;
  gboolean ok = bl_unit_parse (c->text, &u);

  ck_assert_msg (ok == c->ok, "bl_unit_parse('%s') = %d", c->text, ok);
  if (ok)
    ck_assert_int_eq (u, c->unit);
}
END_TEST

START_TEST (test_unit_name)
{
  ck_assert_str_eq (bl_unit_name (BL_UNIT_YUAN), "元");
  ck_assert_str_eq (bl_unit_name (BL_UNIT_WAN), "万元");
  ck_assert_str_eq (bl_unit_name (BL_UNIT_YI), "亿元");
  ck_assert_str_eq (bl_unit_name (BL_UNIT_PERCENT), "%");
  ck_assert_str_eq (bl_unit_name (BL_UNIT_NONE), "");
}
END_TEST

static BlDecimal
dec (const char *text)
{
  g_autoptr(GError) error = NULL;
  BlDecimal d;
  if (!bl_decimal_parse (text, &d, &error))
    ck_abort_msg ("'%s' does not parse: %s", text, error->message);
  return d;
}

static void
assert_formats (BlDecimal d, const char *expected)
{
  g_autofree char *s = bl_decimal_format (d);
  ck_assert_str_eq (s, expected);
}

START_TEST (test_decimal_convert_wan_to_yuan)
{
  BlDecimal out;

  ck_assert (bl_decimal_convert (dec ("24.332718万元"), BL_UNIT_YUAN, &out));
  ck_assert_int_eq (out.unit, BL_UNIT_YUAN);
  ck_assert (out.units == 243327180000LL);
  ck_assert_uint_eq (out.digits, 2);
  assert_formats (out, "243327.18");

  ck_assert (bl_decimal_convert (dec ("0.5万元"), BL_UNIT_YUAN, &out));
  assert_formats (out, "5000");
  ck_assert (bl_decimal_convert (dec ("1亿元"), BL_UNIT_WAN, &out));
  assert_formats (out, "10000");
  ck_assert (bl_decimal_convert (dec ("-1.23亿元"), BL_UNIT_YUAN, &out));
  assert_formats (out, "-123000000");
}
END_TEST

START_TEST (test_decimal_convert_yuan_to_wan)
{
  BlDecimal out;

  ck_assert (bl_decimal_convert (dec ("243327.18元"), BL_UNIT_WAN, &out));
  ck_assert_int_eq (out.unit, BL_UNIT_WAN);
  ck_assert (out.units == 24332718);
  ck_assert_uint_eq (out.digits, 6);
  assert_formats (out, "24.332718");

  ck_assert (bl_decimal_convert (dec ("12345600元"), BL_UNIT_YI, &out));
  ck_assert_uint_eq (out.digits, 6);
  assert_formats (out, "0.123456");
  ck_assert (bl_decimal_convert (dec ("0.01元"), BL_UNIT_WAN, &out));
  assert_formats (out, "0.000001");
}
END_TEST

START_TEST (test_decimal_convert_not_representable)
{
  BlDecimal out;

  /* 1 元 = 0.00000001 亿元: eight decimals, more than the scale holds. */
  ck_assert (!bl_decimal_convert (dec ("1元"), BL_UNIT_YI, &out));
  ck_assert (!bl_decimal_convert (dec ("12345678元"), BL_UNIT_YI, &out));
  ck_assert (!bl_decimal_convert (dec ("0.001元"), BL_UNIT_WAN, &out));
  /* Money and percentages do not convert into each other. */
  ck_assert (!bl_decimal_convert (dec ("5%"), BL_UNIT_YUAN, &out));
  ck_assert (!bl_decimal_convert (dec ("5元"), BL_UNIT_PERCENT, &out));
}
END_TEST

START_TEST (test_decimal_convert_overflow)
{
  BlDecimal out;

  ck_assert (!bl_decimal_convert (dec ("1000000000亿元"), BL_UNIT_YUAN, &out));
  ck_assert (!bl_decimal_convert (dec ("9223372036854万元"), BL_UNIT_YUAN, &out));
  ck_assert (bl_decimal_convert (dec ("92233亿元"), BL_UNIT_YUAN, &out));
  assert_formats (out, "9223300000000");
}
END_TEST

START_TEST (test_decimal_convert_same_unit)
{
  BlDecimal d = dec ("1.50万元"), out;

  ck_assert (bl_decimal_convert (d, BL_UNIT_WAN, &out));
  ck_assert (out.units == d.units);
  ck_assert_uint_eq (out.digits, 2);
  ck_assert_int_eq (out.unit, BL_UNIT_WAN);
}
END_TEST

/* ---- addition ----------------------------------------------------------- */

START_TEST (test_decimal_add)
{
  BlDecimal out;

  ck_assert (bl_decimal_add (dec ("11208.44"), dec ("20.58"), &out));
  assert_formats (out, "11229.02");
  ck_assert (bl_decimal_add (dec ("1.5"), dec ("-0.25"), &out));
  assert_formats (out, "1.25");
  ck_assert_uint_eq (out.digits, 2);
  /* @b is converted into @a's unit; 0.01 元 is 0.000001 万元. */
  ck_assert (bl_decimal_add (dec ("1.00万元"), dec ("10000.00元"), &out));
  ck_assert_int_eq (out.unit, BL_UNIT_WAN);
  assert_formats (out, "2.000000");
}
END_TEST

START_TEST (test_decimal_add_overflow)
{
  BlDecimal out;

  ck_assert (!bl_decimal_add (dec ("9223372036854"), dec ("1"), &out));
  ck_assert (!bl_decimal_add (dec ("-9223372036854"), dec ("-1"), &out));
  ck_assert (bl_decimal_add (dec ("9223372036854"), dec ("-1"), &out));
  assert_formats (out, "9223372036853");
}
END_TEST

START_TEST (test_decimal_add_mismatched_units)
{
  BlDecimal out;

  ck_assert (!bl_decimal_add (dec ("1万元"), dec ("5%"), &out));
  ck_assert (!bl_decimal_add (dec ("5%"), dec ("1万元"), &out));
  ck_assert (!bl_decimal_add (dec ("1万元"), dec ("0.001元"), &out));
}
END_TEST

/* ---- consistency -------------------------------------------------------- */

typedef struct {
  const char *a, *b;
  BlConsistency expected;
} ConsistencyCase;

static const ConsistencyCase consistency_cases[] = {
  { "11229.01", "11229.01", BL_CONSISTENT_EXACT },
  { "11,229.01", "11229.010", BL_CONSISTENT_EXACT },
  /* [11229.015, 11229.025] and [11229.005, 11229.015] meet at one point. */
  { "11229.02", "11229.01", BL_CONSISTENT_ROUNDING },
  { "11229.03", "11229.01", BL_INCONSISTENT },
  { "30", "30.4", BL_CONSISTENT_ROUNDING },
  { "30", "30.45", BL_CONSISTENT_ROUNDING },
  { "30", "30.6", BL_INCONSISTENT },
  { "30", "29.5", BL_CONSISTENT_ROUNDING },
  { "30", "29.4", BL_INCONSISTENT },
  { "-5.00", "-5.01", BL_CONSISTENT_ROUNDING },
  { "-5.00", "-5.02", BL_INCONSISTENT },
  { "0.00", "-0.00", BL_CONSISTENT_EXACT },
  { "1.00万元", "10000.00元", BL_CONSISTENT_EXACT },
  { "1亿元", "10000万元", BL_CONSISTENT_EXACT },
  /* 1.00万元 stands for [9950, 10050] 元. */
  { "1.00万元", "10050.00元", BL_CONSISTENT_ROUNDING },
  { "1.00万元", "9951元", BL_CONSISTENT_ROUNDING },
  { "1.00万元", "10060.00元", BL_INCONSISTENT },
  { "24.33万元", "243327.18元", BL_CONSISTENT_ROUNDING },
  { "24.34万元", "243327.18元", BL_INCONSISTENT },
  { "99.8%", "99.80%", BL_CONSISTENT_EXACT },
  { "99.8%", "99.84%", BL_CONSISTENT_ROUNDING },
  { "99.8%", "99.86%", BL_INCONSISTENT },
};

START_TEST (test_decimal_consistency)
{
  const ConsistencyCase *c = &consistency_cases[_i];
  BlDecimal a = dec (c->a), b = dec (c->b);
  BlConsistency ab = bl_decimal_consistency (a, b);
  BlConsistency ba = bl_decimal_consistency (b, a);

  ck_assert_msg (ab == c->expected, "%s vs %s: %d, expected %d", c->a, c->b,
                 ab, c->expected);
  ck_assert_msg (ba == ab, "%s vs %s is not symmetric", c->a, c->b);
}
END_TEST

static Suite *
decimal_suite (void)
{
  Suite *s = suite_create ("decimal");
  TCase *tc;

  tc = tcase_create ("parse");
  tcase_add_loop_test (tc, test_decimal_parse_table, 0,
                       G_N_ELEMENTS (parse_cases));
  tcase_add_loop_test (tc, test_decimal_parse_bad, 0,
                       G_N_ELEMENTS (bad_cases));
  tcase_add_test (tc, test_decimal_parse_messages);
  tcase_add_loop_test (tc, test_decimal_parse_plain_agrees, 0,
                       G_N_ELEMENTS (plain_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("format");
  tcase_add_loop_test (tc, test_decimal_format_roundtrip, 0,
                       G_N_ELEMENTS (parse_cases));
  tcase_add_test (tc, test_decimal_format_extremes);
  suite_add_tcase (s, tc);

  tc = tcase_create ("blank");
  tcase_add_loop_test (tc, test_decimal_text_is_blank, 0,
                       G_N_ELEMENTS (blank_cases));
  tcase_add_test (tc, test_decimal_blank_vs_zero);
  suite_add_tcase (s, tc);

  tc = tcase_create ("unit");
  tcase_add_loop_test (tc, test_unit_parse, 0, G_N_ELEMENTS (unit_cases));
  tcase_add_test (tc, test_unit_name);
  suite_add_tcase (s, tc);

  tc = tcase_create ("convert");
  tcase_add_test (tc, test_decimal_convert_wan_to_yuan);
  tcase_add_test (tc, test_decimal_convert_yuan_to_wan);
  tcase_add_test (tc, test_decimal_convert_not_representable);
  tcase_add_test (tc, test_decimal_convert_overflow);
  tcase_add_test (tc, test_decimal_convert_same_unit);
  suite_add_tcase (s, tc);

  tc = tcase_create ("add");
  tcase_add_test (tc, test_decimal_add);
  tcase_add_test (tc, test_decimal_add_overflow);
  tcase_add_test (tc, test_decimal_add_mismatched_units);
  suite_add_tcase (s, tc);

  tc = tcase_create ("consistency");
  tcase_add_loop_test (tc, test_decimal_consistency, 0,
                       G_N_ELEMENTS (consistency_cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (decimal_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
