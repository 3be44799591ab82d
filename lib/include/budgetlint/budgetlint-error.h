#ifndef BUDGETLINT_ERROR_H
#define BUDGETLINT_ERROR_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define BL_ERROR (bl_error_quark ())

/**
 * BlError:
 * @BL_ERROR_INPUT: a filing cannot be read (syntax, shape, a number that
 *   does not parse); the message starts with `file:line:col:`.
 * @BL_ERROR_RULE_PACK: a rule pack is malformed.
 * @BL_ERROR_EXPR: a rule expression does not lex, parse or resolve.
 * @BL_ERROR_OVERFLOW: an amount or a computation exceeds the exact range.
 * @BL_ERROR_UNSUPPORTED: a format or feature this build does not have.
 *
 * Failures, never findings: a rule that is violated is a #BlDiagnostic.
 */
typedef enum {
  BL_ERROR_INPUT,
  BL_ERROR_RULE_PACK,
  BL_ERROR_EXPR,
  BL_ERROR_OVERFLOW,
  BL_ERROR_UNSUPPORTED
} BlError;

BL_API GQuark bl_error_quark (void);

G_END_DECLS

#endif
