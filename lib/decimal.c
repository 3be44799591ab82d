/* Exact decimals as filings write them.
 *
 * A figure is parsed digit by digit into value × 10^6 with overflow checks;
 * nothing here ever touches floating point.  The written precision and the
 * unit travel with the value so that rounding tolerance can be derived from
 * how the figure was printed, as XBRL Calculations 1.1 does. */

#include "decimal.h"

#include <string.h>

G_DEFINE_QUARK (budgetlint-error-quark, bl_error)

static const gint64 pow10_table[] = {
  1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
  100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
  1000000000000LL
};

gint64
bl_pow10 (guint n)
{
  g_assert (n < G_N_ELEMENTS (pow10_table));
  return pow10_table[n];
}

/* Full-width and typographic variants filings use, mapped to ASCII.  Each
 * entry is one UTF-8 sequence. */
static const struct { const char *from; char to; } fold_table[] = {
  { "０", '0' }, { "１", '1' }, { "２", '2' }, { "３", '3' }, { "４", '4' },
  { "５", '5' }, { "６", '6' }, { "７", '7' }, { "８", '8' }, { "９", '9' },
  { "．", '.' }, { "，", ',' }, { "－", '-' }, { "−", '-' }, { "＋", '+' },
  { "％", '%' }, { "（", '(' }, { "）", ')' }, { "\xe3\x80\x80", ' ' },
  { "\xc2\xa0", ' ' },
};

/* Folds @text into an ASCII buffer; non-ASCII characters that are not in
 * the table are copied as they are (so "万元" survives for the unit). */
static GString *
fold_text (const char *text)
{
  GString *s = g_string_sized_new (32);

  while (*text)
    {
      gboolean folded = FALSE;
      if ((unsigned char) *text >= 0x80)
        for (gsize i = 0; i < G_N_ELEMENTS (fold_table); i++)
          {
            gsize n = strlen (fold_table[i].from);
            if (strncmp (text, fold_table[i].from, n) == 0)
              {
                g_string_append_c (s, fold_table[i].to);
                text += n;
                folded = TRUE;
                break;
              }
          }
      if (!folded)
        g_string_append_c (s, *text++);
    }
  return s;
}

gboolean
bl_decimal_text_is_blank (const char *text)
{
  static const char *const dashes[] = { "-", "—", "─", "－", "–", "―", "━" };

  g_return_val_if_fail (text != NULL, FALSE);
  if (g_ascii_isdigit (*text))    /* a figure: most cells */
    return FALSE;
  while (*text)
    {
      gboolean matched = FALSE;
      if (g_ascii_isspace (*text))
        {
          text++;
          continue;
        }
      if (strncmp (text, "\xe3\x80\x80", 3) == 0)
        {
          text += 3;
          continue;
        }
      for (gsize i = 0; i < G_N_ELEMENTS (dashes); i++)
        {
          gsize n = strlen (dashes[i]);
          if (strncmp (text, dashes[i], n) == 0)
            {
              text += n;
              matched = TRUE;
              break;
            }
        }
      if (!matched)
        return FALSE;
    }
  return TRUE;
}

const char *
bl_unit_name (BlUnit unit)
{
  switch (unit)
    {
    case BL_UNIT_YUAN: return "元";
    case BL_UNIT_WAN: return "万元";
    case BL_UNIT_YI: return "亿元";
    case BL_UNIT_PERCENT: return "%";
    case BL_UNIT_NONE: default: return "";
    }
}

gboolean
bl_unit_parse (const char *text, BlUnit *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  const char *colon = g_utf8_strrchr (s, -1, 0xFF1A); /* ： */
  const char *u = colon ? colon + 3 : s;

  if (!colon && (colon = strrchr (s, ':')) != NULL)
    u = colon + 1;
  while (*u == ' ')
    u++;
  if (strcmp (u, "元") == 0)
    *out = BL_UNIT_YUAN;
  else if (strcmp (u, "万元") == 0)
    *out = BL_UNIT_WAN;
  else if (strcmp (u, "亿元") == 0)
    *out = BL_UNIT_YI;
  else if (strcmp (u, "%") == 0 || strcmp (u, "％") == 0)
    *out = BL_UNIT_PERCENT;
  else
    return FALSE;
  return TRUE;
}

/* Integer part with optional thousands separators: "11,229" is fine,
 * "1,22" and ",5" are not. */
static gboolean
parse_integer_part (const char **p, gint64 *acc, gboolean *overflow)
{
  const char *s = *p;
  int group = -1;   /* digits since the last comma; -1 before any comma */
  int ndigits = 0;

  for (;; s++)
    {
      if (g_ascii_isdigit (*s))
        {
          if (__builtin_mul_overflow (*acc, 10, acc)
              || __builtin_add_overflow (*acc, *s - '0', acc))
            *overflow = TRUE;
          ndigits++;
          if (group >= 0)
            group++;
        }
      else if (*s == ',' && ndigits > 0 && (group < 0 || group == 3)
               && g_ascii_isdigit (s[1]))
        group = 0;
      else
        break;
    }
  if (group >= 0 && group != 3)
    return FALSE;
  *p = s;
  return TRUE;
}

static gboolean
parse_unit_suffix (const char *s, BlUnit *unit)
{
  while (*s == ' ')
    s++;
  if (*s == '\0')
    {
      *unit = BL_UNIT_NONE;
      return TRUE;
    }
  return bl_unit_parse (s, unit);
}

static gboolean
fail (GError **error, int code, const char *text, const char *why)
{
  g_set_error (error, BL_ERROR, code, "'%s' %s", text, why);
  return FALSE;
}

/* Most cells are plain ASCII figures ("112084.4", "0.0", "-5"): those
 * are read without folding a copy of the text first.  FALSE for anything
 * else, and for anything long enough to need overflow checks: the general
 * path then reads it (or words the error). */
static gboolean
parse_plain (const char *s, BlDecimal *out)
{
  gboolean negative = *s == '-', dot = FALSE;
  gint64 value = 0;
  guint ndigits = 0, frac = 0;

  s += negative;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  for (; *s; s++)
    {
      if (g_ascii_isdigit (*s))
        {
          if (++ndigits > 12)     /* < 10^12, × 10^6 fits in 63 bits */
            return FALSE;
          value = value * 10 + (*s - '0');
          frac += dot;
        }
      else if (*s == '.' && !dot && g_ascii_isdigit (s[1]))
        dot = TRUE;
      else
        return FALSE;
    }
  if (frac > BL_DECIMAL_MAX_DIGITS)
    return FALSE;
  value *= bl_pow10 (BL_DECIMAL_SCALE - frac);
  out->units = negative ? -value : value;
  out->digits = (guint8) frac;
  out->unit = BL_UNIT_NONE;
  return TRUE;
}

gboolean
bl_decimal_parse (const char *text, BlDecimal *out, GError **error)
{
  g_autoptr(GString) folded = NULL;
  const char *s;
  gboolean negative = FALSE, parens = FALSE, overflow = FALSE;
  gint64 value = 0;
  guint digits = 0;
  BlUnit unit;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);
  if (parse_plain (text, out))
    return TRUE;
  folded = fold_text (text);
  g_strstrip (folded->str);
  s = folded->str;
  if (*s == '(')
    parens = TRUE, s++;
  if (*s == '-' || *s == '+')
    negative = (*s++ == '-');
  if (!g_ascii_isdigit (*s) && !(*s == '.' && g_ascii_isdigit (s[1])))
    return fail (error, BL_ERROR_INPUT, text, "is not a number");
  if (!parse_integer_part (&s, &value, &overflow))
    return fail (error, BL_ERROR_INPUT, text, "has misplaced thousands separators");
  if (*s == '.')
    for (s++; g_ascii_isdigit (*s); s++, digits++)
      {
        if (digits >= BL_DECIMAL_MAX_DIGITS)
          return fail (error, BL_ERROR_OVERFLOW, text,
                       "has more than 6 decimal places");
        if (__builtin_mul_overflow (value, 10, &value)
            || __builtin_add_overflow (value, *s - '0', &value))
          overflow = TRUE;
      }
  if (parens && *s++ != ')')
    return fail (error, BL_ERROR_INPUT, text, "has an unbalanced parenthesis");
  if (!parse_unit_suffix (s, &unit))
    return fail (error, BL_ERROR_INPUT, text, "is not a number");
  if (overflow || __builtin_mul_overflow (value, bl_pow10 (BL_DECIMAL_SCALE - digits), &value))
    return fail (error, BL_ERROR_OVERFLOW, text, "is too large");
  out->units = (negative || parens) ? -value : value;
  out->digits = (guint8) digits;
  out->unit = (guint8) unit;
  return TRUE;
}

char *
bl_decimal_format (BlDecimal d)
{
  guint64 mag = d.units < 0 ? (guint64) 0 - (guint64) d.units : (guint64) d.units;
  guint64 ip = mag / (guint64) bl_pow10 (BL_DECIMAL_SCALE);
  guint64 fp = mag % (guint64) bl_pow10 (BL_DECIMAL_SCALE);
  GString *s = g_string_new (d.units < 0 ? "-" : "");

  g_string_append_printf (s, "%" G_GUINT64_FORMAT, ip);
  if (d.digits > 0)
    {
      char frac[BL_DECIMAL_SCALE + 1];
      g_snprintf (frac, sizeof frac, "%06" G_GUINT64_FORMAT, fp);
      g_string_append_c (s, '.');
      g_string_append_len (s, frac, d.digits);
    }
  return g_string_free (s, FALSE);
}

/* 亿元 = 10^4 万元 = 10^8 元: the exponent of each money unit in 元. */
int
bl_unit_money_exponent (BlUnit unit)
{
  switch (unit)
    {
    case BL_UNIT_YUAN: return 0;
    case BL_UNIT_WAN: return 4;
    case BL_UNIT_YI: return 8;
    default: return -1;
    }
}

gboolean
bl_decimal_convert (BlDecimal d, BlUnit to, BlDecimal *out)
{
  int from_e = bl_unit_money_exponent (d.unit);
  int to_e = bl_unit_money_exponent (to);
  int shift;

  if (d.unit == to)
    {
      *out = d;
      return TRUE;
    }
  if (from_e < 0 || to_e < 0)
    return FALSE;
  shift = from_e - to_e;
  *out = d;
  out->unit = (guint8) to;
  if (shift > 0)
    {
      if (__builtin_mul_overflow (d.units, bl_pow10 ((guint) shift), &out->units))
        return FALSE;
      out->digits = (guint8) MAX (0, (int) d.digits - shift);
      return TRUE;
    }
  if (d.units % bl_pow10 ((guint) -shift) != 0)
    return FALSE;
  out->units = d.units / bl_pow10 ((guint) -shift);
  out->digits = (guint8) MIN (BL_DECIMAL_SCALE, (int) d.digits - shift);
  return TRUE;
}

gboolean
bl_decimal_add (BlDecimal a, BlDecimal b, BlDecimal *out)
{
  BlDecimal bb;

  if (!bl_decimal_convert (b, a.unit, &bb))
    return FALSE;
  *out = a;
  out->digits = MAX (a.digits, bb.digits);
  return !__builtin_add_overflow (a.units, bb.units, &out->units);
}

BlConsistency
bl_decimal_consistency (BlDecimal a, BlDecimal b)
{
  BlNum x = bl_num_from_decimal (a), y = bl_num_from_decimal (b);
  return bl_num_consistency (&x, &y);
}
