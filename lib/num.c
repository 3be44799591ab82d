/* Interval arithmetic over exact decimals (see decimal.h for the layout). */

#include "decimal.h"

#include <string.h>

bl_i128
bl_i128_pow10 (guint n)
{
  /* Every cell a rule reads is scaled by powers of ten: those that fit
   * 64 bits come from a table rather than a loop of 128-bit products. */
  static const guint64 small[] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
    10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
    100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL,
    10000000000000000000ULL,
  };
  bl_i128 v;

  if (n < G_N_ELEMENTS (small))
    return (bl_i128) small[n];
  v = (bl_i128) small[G_N_ELEMENTS (small) - 1];
  for (n -= G_N_ELEMENTS (small) - 1; n--;)
    v *= 10;
  return v;
}

static BlDim
dim_of_unit (BlUnit unit)
{
  if (unit == BL_UNIT_PERCENT)
    return BL_DIM_RATIO;
  return bl_unit_money_exponent (unit) >= 0 ? BL_DIM_MONEY : BL_DIM_PLAIN;
}

BlNum
bl_num_from_decimal (BlDecimal d)
{
  BlNum n = { 0 };
  /* units are × 10^6; the interval scale is 10^12. */
  bl_i128 mid = (bl_i128) d.units * bl_i128_pow10 (6);
  bl_i128 radius = 5 * bl_i128_pow10 (11u - d.digits);
  int e = bl_unit_money_exponent (d.unit);

  if (e > 0)
    {
      mid *= bl_i128_pow10 ((guint) e);
      radius *= bl_i128_pow10 ((guint) e);
    }
  else if (d.unit == BL_UNIT_PERCENT)
    {
      mid /= 100;
      radius /= 100;
    }
  n.mid = mid;
  n.lo = mid - radius;
  n.hi = mid + radius;
  n.digits = d.digits;
  n.unit = d.unit;
  n.dim = dim_of_unit (d.unit);
  return n;
}

BlNum
bl_num_exact (bl_i128 scaled, BlDim dim)
{
  BlNum n = { 0 };
  n.lo = n.mid = n.hi = scaled;
  n.dim = dim;
  n.unit = dim == BL_DIM_RATIO ? BL_UNIT_PERCENT : BL_UNIT_NONE;
  return n;
}

BlNum
bl_num_zero (void)
{
  return bl_num_exact (0, BL_DIM_PLAIN);
}

gboolean
bl_num_is_zero (const BlNum *n)
{
  return n->mid == 0;
}

void
bl_num_adopt_unit (BlNum *plain, const BlNum *other)
{
  int e = bl_unit_money_exponent ((BlUnit) other->unit);
  bl_i128 f = 1;

  if (plain->dim != BL_DIM_PLAIN || other->dim == BL_DIM_PLAIN)
    return;
  if (other->dim == BL_DIM_MONEY && e > 0)
    f = bl_i128_pow10 ((guint) e);
  plain->lo *= f;
  plain->mid *= f;
  plain->hi *= f;
  if (other->dim == BL_DIM_RATIO)
    {
      plain->lo /= 100;
      plain->mid /= 100;
      plain->hi /= 100;
    }
  plain->dim = other->dim;
  plain->unit = other->unit;
}

/* A plain literal takes the other side's dimension, so `x == 0` works for
 * money; otherwise both sides must agree. */
static gboolean
join_dims (const BlNum *a, const BlNum *b, BlNum *out, const char **why)
{
  if (a->dim == BL_DIM_PLAIN && b->dim != BL_DIM_PLAIN)
    {
      out->dim = b->dim;
      out->unit = b->unit;
    }
  else if (a->dim != b->dim && b->dim != BL_DIM_PLAIN)
    {
      *why = "金额与百分比不能相加减";
      return FALSE;
    }
  out->digits = MAX (a->digits, b->digits);
  if (a->dim == BL_DIM_MONEY && b->dim == BL_DIM_MONEY)
    {
      /* 0.01 元 is 0.000001 万元: the precision follows into out's unit. */
      int ea = bl_unit_money_exponent ((BlUnit) out->unit);
      int eb = bl_unit_money_exponent ((BlUnit) b->unit);
      if (ea >= 0 && eb >= 0)
        out->digits = (guint8) MIN (BL_NUM_SCALE_EXP,
                                    MAX ((int) a->digits, (int) b->digits + ea - eb));
    }
  out->unbounded = a->unbounded || b->unbounded;
  return TRUE;
}

gboolean
bl_num_add (const BlNum *a, const BlNum *b, BlNum *out, const char **why)
{
  BlNum r = *a;
  if (!join_dims (a, b, &r, why))
    return FALSE;
  if (__builtin_add_overflow (a->lo, b->lo, &r.lo)
      || __builtin_add_overflow (a->mid, b->mid, &r.mid)
      || __builtin_add_overflow (a->hi, b->hi, &r.hi))
    {
      *why = "数值溢出";
      return FALSE;
    }
  *out = r;
  return TRUE;
}

gboolean
bl_num_sub (const BlNum *a, const BlNum *b, BlNum *out, const char **why)
{
  BlNum nb = *b;
  bl_num_neg (&nb);
  return bl_num_add (a, &nb, out, why);
}

void
bl_num_neg (BlNum *a)
{
  bl_i128 lo = a->lo;
  a->lo = -a->hi;
  a->hi = -lo;
  a->mid = -a->mid;
}

void
bl_num_abs (BlNum *a)
{
  if (a->mid < 0)
    bl_num_neg (a);
  if (a->lo < 0 && a->hi > 0)
    a->lo = 0;
}

static bl_i128
div_floor (bl_i128 a, bl_i128 b)
{
  bl_i128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static bl_i128
div_ceil (bl_i128 a, bl_i128 b)
{
  return -div_floor (-a, b);
}

static bl_i128
div_round (bl_i128 a, bl_i128 b)
{
  bl_i128 q = a / b, r = a % b;
  bl_i128 r2 = r < 0 ? -r : r, b2 = b < 0 ? -b : b;
  if (2 * r2 >= b2)
    q += ((a < 0) != (b < 0)) ? -1 : 1;
  return q;
}

/* The four products (or quotients) of the bounds give the result's bounds;
 * each is rounded outward.  @scale multiplies the numerator first. */
typedef bl_i128 (*RoundFn) (bl_i128, bl_i128);

static gboolean
combine_bounds (const BlNum *a, const BlNum *b, gboolean divide, BlNum *r)
{
  const bl_i128 S = bl_i128_pow10 (BL_NUM_SCALE_EXP);
  bl_i128 xs[2] = { a->lo, a->hi }, ys[2] = { b->lo, b->hi };
  gboolean first = TRUE;

  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      {
        bl_i128 num, den, lo, hi;
        if (divide)
          {
            if (__builtin_mul_overflow (xs[i], S, &num))
              return FALSE;
            den = ys[j];
          }
        else
          {
            if (__builtin_mul_overflow (xs[i], ys[j], &num))
              return FALSE;
            den = S;
          }
        lo = div_floor (num, den);
        hi = div_ceil (num, den);
        if (first || lo < r->lo)
          r->lo = lo;
        if (first || hi > r->hi)
          r->hi = hi;
        first = FALSE;
      }
  return TRUE;
}

static BlDim
product_dim (BlDim a, BlDim b, gboolean divide, gboolean *ok)
{
  *ok = TRUE;
  if (divide)
    {
      if (a == b)
        return a == BL_DIM_PLAIN ? BL_DIM_PLAIN : BL_DIM_RATIO;
      if (b == BL_DIM_PLAIN || b == BL_DIM_RATIO)
        return a;
      *ok = FALSE;
      return a;
    }
  if (a == BL_DIM_MONEY && b == BL_DIM_MONEY)
    *ok = FALSE;
  if (a == BL_DIM_MONEY || b == BL_DIM_MONEY)
    return BL_DIM_MONEY;
  /* A rate of a count (分值 × 执行率) is a count; of a rate, a rate. */
  if (a == BL_DIM_RATIO && b == BL_DIM_RATIO)
    return BL_DIM_RATIO;
  return BL_DIM_PLAIN;
}

static gboolean
mul_or_div (const BlNum *a, const BlNum *b, gboolean divide, BlNum *out,
            const char **why)
{
  const bl_i128 S = bl_i128_pow10 (BL_NUM_SCALE_EXP);
  BlNum r = { 0 };
  gboolean ok;
  bl_i128 num;

  r.dim = product_dim (a->dim, b->dim, divide, &ok);
  if (!ok)
    {
      *why = divide ? "量纲不匹配，无法相除" : "两个金额不能相乘";
      return FALSE;
    }
  if (divide && b->mid == 0)
    {
      *why = "除数为零";
      return FALSE;
    }
  if (divide ? __builtin_mul_overflow (a->mid, S, &num)
             : __builtin_mul_overflow (a->mid, b->mid, &num))
    goto overflow;
  r.mid = div_round (num, divide ? b->mid : S);
  r.unbounded = a->unbounded || b->unbounded
                || (divide && b->lo <= 0 && b->hi >= 0);
  if (!r.unbounded && !combine_bounds (a, b, divide, &r))
    goto overflow;
  if (r.unbounded)
    r.lo = r.hi = r.mid;
  r.unit = r.dim == BL_DIM_RATIO ? BL_UNIT_PERCENT
           : r.dim == BL_DIM_MONEY ? (a->dim == BL_DIM_MONEY ? a->unit : b->unit)
           : BL_UNIT_NONE;
  r.digits = r.dim == BL_DIM_RATIO && r.dim != a->dim ? 2 : MAX (a->digits, b->digits);
  *out = r;
  return TRUE;

overflow:
  *why = "数值溢出";
  return FALSE;
}

gboolean
bl_num_mul (const BlNum *a, const BlNum *b, BlNum *out, const char **why)
{
  return mul_or_div (a, b, FALSE, out, why);
}

gboolean
bl_num_div (const BlNum *a, const BlNum *b, BlNum *out, const char **why)
{
  return mul_or_div (a, b, TRUE, out, why);
}

BlConsistency
bl_num_consistency (const BlNum *a, const BlNum *b)
{
  if (a->mid == b->mid)
    return BL_CONSISTENT_EXACT;
  if (a->unbounded || b->unbounded)
    return BL_CONSISTENT_ROUNDING;
  if (a->lo <= b->hi && b->lo <= a->hi)
    return BL_CONSISTENT_ROUNDING;
  return BL_INCONSISTENT;
}

int
bl_num_cmp_mid (const BlNum *a, const BlNum *b)
{
  return a->mid < b->mid ? -1 : a->mid > b->mid ? 1 : 0;
}

gboolean
bl_num_may_le (const BlNum *a, const BlNum *b)
{
  return a->unbounded || b->unbounded || a->lo <= b->hi;
}

/* Scaled value in @unit: money is held in 元, ratios as fractions. */
static bl_i128
in_unit (const BlNum *n, BlUnit unit, guint *exp_out)
{
  int e = bl_unit_money_exponent (unit);
  *exp_out = BL_NUM_SCALE_EXP;
  if (n->dim == BL_DIM_MONEY && e > 0)
    *exp_out += (guint) e;
  if (n->dim == BL_DIM_RATIO && unit == BL_UNIT_PERCENT)
    return n->mid * 100;
  return n->mid;
}

char *
bl_num_format_in (const BlNum *n, BlUnit unit, guint digits)
{
  guint exp;
  bl_i128 v = in_unit (n, unit, &exp);
  bl_i128 q, mag;
  GString *s;
  char buf[64];
  int len = 0;

  if (digits > exp)
    digits = exp;
  q = div_round (v, bl_i128_pow10 (exp - digits));
  s = g_string_new (q < 0 ? "-" : "");
  mag = q < 0 ? -q : q;
  do
    {
      buf[len++] = (char) ('0' + (int) (mag % 10));
      mag /= 10;
    }
  while (mag > 0 || len <= (int) digits);
  for (int i = len - 1; i >= 0; i--)
    {
      g_string_append_c (s, buf[i]);
      if (i == (int) digits && digits > 0)
        g_string_append_c (s, '.');
    }
  return g_string_free (s, FALSE);
}

char *
bl_num_format (const BlNum *n)
{
  return bl_num_format_in (n, (BlUnit) n->unit, n->digits);
}
