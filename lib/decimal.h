/* Private: interval numbers for rounding-aware arithmetic.
 *
 * A BlNum is the interval a written figure stands for, plus its nominal
 * value: [lo, hi] ∋ mid, all × 10^12 in 元 for money and as a plain
 * fraction for ratios (99.8% is 0.998).  10^12 keeps every radius
 * ½·10^−d (d ≤ 6, in 元/万元/亿元 or %) exact, so sums and differences are
 * exact; products and quotients round their bounds outward.  128-bit
 * integers leave room for 10^14 元 × 10^12 and for the products in ×/÷. */
#ifndef BL_DECIMAL_PRIVATE_H
#define BL_DECIMAL_PRIVATE_H

#include "common.h"

__extension__ typedef __int128 bl_i128;

#define BL_NUM_SCALE_EXP 12

typedef enum {
  BL_DIM_PLAIN,   /* counts, scores, literals */
  BL_DIM_MONEY,
  BL_DIM_RATIO
} BlDim;

typedef struct {
  bl_i128 lo, mid, hi;
  guint8 digits;      /* decimals to show, in @unit */
  guint8 unit;        /* BlUnit to show the value in */
  guint8 dim;         /* BlDim */
  guint8 unbounded;   /* quotient by an interval that holds 0 */
} BlNum;

gint64 bl_pow10 (guint n);
bl_i128 bl_i128_pow10 (guint n);
int bl_unit_money_exponent (BlUnit unit);

BlNum bl_num_from_decimal (BlDecimal d);
BlNum bl_num_exact (bl_i128 scaled, BlDim dim);
BlNum bl_num_zero (void);

/* All return FALSE on overflow, on a dimension mismatch (money + %), or
 * on division by an exact zero; @why then says which, in Chinese. */
gboolean bl_num_add (const BlNum *a, const BlNum *b, BlNum *out, const char **why);
gboolean bl_num_sub (const BlNum *a, const BlNum *b, BlNum *out, const char **why);
gboolean bl_num_mul (const BlNum *a, const BlNum *b, BlNum *out, const char **why);
gboolean bl_num_div (const BlNum *a, const BlNum *b, BlNum *out, const char **why);
void bl_num_neg (BlNum *a);
/* A bare number next to an amount means the amount's unit: 50 beside a
 * 万元 figure is 50 万元, beside a percentage 50%.  No-op unless @plain is
 * plain and @other is not. */
void bl_num_adopt_unit (BlNum *plain, const BlNum *other);
void bl_num_abs (BlNum *a);

BlConsistency bl_num_consistency (const BlNum *a, const BlNum *b);

/* Signed order of the nominal values; and whether the intervals allow
 * a ≤ b (lo(a) ≤ hi(b)). */
int bl_num_cmp_mid (const BlNum *a, const BlNum *b);
gboolean bl_num_may_le (const BlNum *a, const BlNum *b);

/* The nominal value in @unit at @digits decimals, rounded half away from
 * zero: "11229.01".  bl_num_format() uses the number's own unit/digits. */
char *bl_num_format_in (const BlNum *n, BlUnit unit, guint digits);
char *bl_num_format (const BlNum *n);

/* A value converted for display in @unit (money ↔ money only). */
gboolean bl_num_is_zero (const BlNum *n);

#endif
