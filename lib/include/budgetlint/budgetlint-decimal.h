#ifndef BUDGETLINT_DECIMAL_H
#define BUDGETLINT_DECIMAL_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Amounts are exact: value × 10^BL_DECIMAL_SCALE in a 64-bit integer. */
#define BL_DECIMAL_SCALE 6
#define BL_DECIMAL_MAX_DIGITS BL_DECIMAL_SCALE

/**
 * BlUnit:
 * The unit a figure was written in.  Money converts exactly between
 * 元, 万元 and 亿元; a percentage is a ratio written ×100.
 */
typedef enum {
  BL_UNIT_NONE,
  BL_UNIT_YUAN,
  BL_UNIT_WAN,
  BL_UNIT_YI,
  BL_UNIT_PERCENT
} BlUnit;

/**
 * BlDecimal:
 * @units: the value × 10^6, in @unit.
 * @digits: how many decimals the figure was written with (0…6).
 * @unit: the unit it was written in (%, or a money unit given by a
 *   suffix or by the table it sits in).
 *
 * A small value type: copy it, nothing to free.
 */
typedef struct {
  gint64 units;
  guint8 digits;
  guint8 unit;
} BlDecimal;

/**
 * bl_decimal_parse:
 * @text: a figure as filings print it: `11229.01`, `11,229.01`,
 *   `１１２２９．０１`, `－5.00`, `(5.00)`, `99.8%`, `30万元`.
 * @out: (out): the value.
 * @error: BL_ERROR_INPUT for text that is not a figure, BL_ERROR_OVERFLOW
 *   for one beyond ±9.2×10^12 or with more than 6 decimals.
 *
 * Blanks (see bl_decimal_text_is_blank()) are not figures and fail here.
 */
BL_API gboolean bl_decimal_parse (const char *text, BlDecimal *out,
                                  GError **error);

/**
 * bl_decimal_text_is_blank:
 * Returns: %TRUE for text that means "no amount": empty, white space, or
 * dashes alone (`-`, `—`, `──`, `－`).
 */
BL_API gboolean bl_decimal_text_is_blank (const char *text);

/**
 * bl_decimal_format:
 * Returns: (transfer full): the value at its written precision, `-` for
 * negatives, no grouping, no unit: `11229.01`, `-0.50`, `99.8`.
 */
BL_API char *bl_decimal_format (BlDecimal d);

/**
 * bl_decimal_add:
 * Exact sum in @a's unit (@b converted); precision is the larger.
 * Returns: %FALSE on overflow or when the units cannot be converted.
 */
BL_API gboolean bl_decimal_add (BlDecimal a, BlDecimal b, BlDecimal *out);

/**
 * bl_decimal_convert:
 * Converts money exactly between 元, 万元 and 亿元.
 * Returns: %FALSE when @to cannot hold the value exactly or it overflows.
 */
BL_API gboolean bl_decimal_convert (BlDecimal d, BlUnit to, BlDecimal *out);

/**
 * BlConsistency:
 * How two written figures relate under XBRL Calculations 1.1 rounding:
 * each stands for [v − ½·10^−d, v + ½·10^−d].
 */
typedef enum {
  BL_CONSISTENT_EXACT,      /* the values are equal */
  BL_CONSISTENT_ROUNDING,   /* different, but the intervals meet */
  BL_INCONSISTENT           /* the intervals cannot meet */
} BlConsistency;

BL_API BlConsistency bl_decimal_consistency (BlDecimal a, BlDecimal b);

/** bl_unit_name: Returns: (transfer none): "元", "万元", "亿元", "%" or "". */
BL_API const char *bl_unit_name (BlUnit unit);

/**
 * bl_unit_parse:
 * Accepts 元, 万元, 亿元, %, and the "金额单位：万元" forms' last part.
 * Returns: %FALSE for anything else.
 */
BL_API gboolean bl_unit_parse (const char *text, BlUnit *out);

G_END_DECLS

#endif
