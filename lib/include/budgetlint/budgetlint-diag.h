#ifndef BUDGETLINT_DIAG_H
#define BUDGETLINT_DIAG_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * Diagnostics are findings as data: what rule, how sure, what the filing
 * says against what the rule computes, and where.  Renderers only present
 * them.
 */
typedef enum {
  BL_SEVERITY_NOTICE,   /* within rounding, or informational */
  BL_SEVERITY_WARNING,  /* an auditor must look at it */
  BL_SEVERITY_ERROR     /* an identity broken beyond rounding */
} BlSeverity;

typedef enum {
  BL_CONFIDENCE_CERTAIN,  /* table arithmetic */
  BL_CONFIDENCE_LIKELY,   /* a claim extracted from prose */
  BL_CONFIDENCE_UNCERTAIN /* computed from a table whose reading is in
                             doubt (READ.*): held back unless asked for */
} BlConfidence;

typedef struct _BlDiagnostic BlDiagnostic;
typedef struct _BlDiagnostics BlDiagnostics;

/**
 * BlLocation:
 * Where a finding points.  Strings are borrowed from the diagnostic.
 * @line/@column are 1-based positions in the input file (0 = unknown),
 * @page is the PDF page (0 = not a PDF), @sheet/@cell name an xlsx cell.
 */
typedef struct {
  const char *table;
  const char *row;
  const char *column;
  guint line;
  guint column_no;
  guint page;
  const char *sheet;
  const char *cell;
} BlLocation;

BL_API const char *bl_severity_name (BlSeverity severity);
/** Returns: %FALSE for a name other than error, warning, notice. */
BL_API gboolean bl_severity_parse (const char *name, BlSeverity *out);
/** Returns: "certain", "likely" or "uncertain". */
BL_API const char *bl_confidence_name (BlConfidence confidence);

BL_API const char *bl_diagnostic_get_rule (const BlDiagnostic *d);
BL_API BlSeverity bl_diagnostic_get_severity (const BlDiagnostic *d);
BL_API BlConfidence bl_diagnostic_get_confidence (const BlDiagnostic *d);
BL_API const char *bl_diagnostic_get_title (const BlDiagnostic *d);
BL_API const char *bl_diagnostic_get_message (const BlDiagnostic *d);
BL_API guint bl_diagnostic_get_n_locations (const BlDiagnostic *d);
/** Returns: (transfer none): valid while @d lives. */
BL_API const BlLocation *bl_diagnostic_get_location (const BlDiagnostic *d,
                                                     guint i);
/**
 * bl_diagnostic_get_value:
 * @name: "expected", "actual", "difference" or "unit".
 * Returns: (nullable): the exact decimal string, or %NULL when the
 *   finding has no such value.
 */
BL_API const char *bl_diagnostic_get_value (const BlDiagnostic *d,
                                            const char *name);

/** A list of diagnostics, sorted by position then rule once complete. */
BL_API BlDiagnostics *bl_diagnostics_new (void);
BL_API void bl_diagnostics_free (BlDiagnostics *list);
BL_API guint bl_diagnostics_get_n (const BlDiagnostics *list);
BL_API const BlDiagnostic *bl_diagnostics_get (const BlDiagnostics *list,
                                               guint i);
/** Returns: how many diagnostics have exactly @severity. */
BL_API guint bl_diagnostics_count (const BlDiagnostics *list,
                                   BlSeverity severity);

/**
 * BlRuleOutcome:
 * What became of one rule of the pack on one filing, so that a clean
 * report can be told from one where nothing was checked.
 * @BL_RULE_RAN: it made its checks, each on figures read with confidence.
 * @BL_RULE_NOT_APPLICABLE: it had nothing to check (no table it is on, or
 *   its condition never held).
 * @BL_RULE_NOT_RUN: at least one of its checks could not be made, or was
 *   made on a doubtful reading: a figure that is not a number, a cell left
 *   unread, a table whose reading is in doubt, or the rule failed.
 */
typedef enum {
  BL_RULE_RAN,
  BL_RULE_NOT_APPLICABLE,
  BL_RULE_NOT_RUN
} BlRuleOutcome;
#define BL_RULE_N_OUTCOMES 3

/**
 * bl_diagnostics_count_rules:
 * Returns: how many rules of the pack had @outcome on the filing @list
 *   was made for by bl_rule_pack_check() (0 for other lists).
 */
BL_API guint bl_diagnostics_count_rules (const BlDiagnostics *list,
                                         BlRuleOutcome outcome);

/**
 * bl_diagnostics_dup_fingerprint:
 * A finding's identity that survives reformatting the document: a hash of
 * its rule and the table, row (code and label) and column of each of its
 * locations, never its line; `:N` is added for the N-th (N ≥ 2) finding
 * of @list with the same identity.
 * Returns: (transfer full): 16 hex digits, maybe with `:N`.
 */
BL_API char *bl_diagnostics_dup_fingerprint (const BlDiagnostics *list,
                                             guint i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlDiagnostics, bl_diagnostics_free)

G_END_DECLS

#endif
