#ifndef BUDGETLINT_REPORT_H
#define BUDGETLINT_REPORT_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * A report gathers the results of one run: per input file either its
 * findings or the failure that made it unusable.  Writers (text, json,
 * sarif, junit, xlsx) only present what it holds.
 *
 * What a report keeps of the findings it is given can be narrowed
 * (select/ignore patterns, severity overrides, a baseline, a maximum);
 * set that up before the first bl_report_add_filing().
 */
typedef struct _BlReport BlReport;
typedef struct _BlBaseline BlBaseline;

typedef struct {
  gboolean color;         /* ANSI colours in text output */
  BlSeverity fail_on;     /* for the summary and the exit status */
} BlReportOptions;

BL_API BlReport *bl_report_new (const BlRulePack *pack);
BL_API void bl_report_free (BlReport *report);

/**
 * bl_report_select:
 * @pattern: a glob on rule ids (`JS.01.*`).
 * Once any pattern is selected, only findings of matching rules are kept.
 */
BL_API void bl_report_select (BlReport *report, const char *pattern);
/** bl_report_ignore: drops findings of rules matching the glob @pattern. */
BL_API void bl_report_ignore (BlReport *report, const char *pattern);

/**
 * bl_report_override_severity:
 * @spec: `RULE=LEVEL`, RULE a glob on rule ids, LEVEL error, warning or
 *   notice.  Findings a rule makes at its own severity get LEVEL; those it
 *   made a notice (within rounding) stay notices.  The last matching
 *   override wins.
 * Returns: %FALSE with BL_ERROR_INPUT for a malformed @spec.
 */
BL_API gboolean bl_report_override_severity (BlReport *report,
                                             const char *spec, GError **error);

/**
 * bl_report_set_max_findings:
 * Keeps at most @n findings over the whole run (0: no limit), in input
 * order; the rest are counted (the text summary says how many) and still
 * decide the exit status.
 */
BL_API void bl_report_set_max_findings (BlReport *report, guint n);

/**
 * bl_report_show_doubtful:
 * Whether to keep the findings computed from a reading in doubt (confidence
 * %BL_CONFIDENCE_UNCERTAIN: a table the reader may have misread, a figure
 * it could not place).  By default (%FALSE) they are held back: not kept,
 * not counted, not deciding the exit status; the text summary says how
 * many were held back.  The READ.* findings that say why are always kept.
 */
BL_API void bl_report_show_doubtful (BlReport *report, gboolean show);

/**
 * bl_baseline_load_file:
 * Reads a baseline written by bl_report_write_baseline().
 * Returns: (transfer full) (nullable): the baseline, or %NULL with @error
 *   (G_FILE_ERROR, or BL_ERROR_INPUT with `file:line:col:`).
 */
BL_API BlBaseline *bl_baseline_load_file (const char *path, GError **error);
BL_API BlBaseline *bl_baseline_load_data (const char *data, gsize len,
                                          const char *name, GError **error);
BL_API void bl_baseline_free (BlBaseline *baseline);
BL_API guint bl_baseline_get_n (const BlBaseline *baseline);

/**
 * bl_report_set_baseline:
 * @baseline: (transfer full): findings to hide, by file and fingerprint.
 * Entries of a checked file that match no finding any more are reported
 * as a notice BASELINE.unmatched on that file.
 */
BL_API void bl_report_set_baseline (BlReport *report, BlBaseline *baseline);

/**
 * bl_report_record_baseline:
 * Makes the report remember every finding it keeps, for
 * bl_report_write_baseline().
 */
BL_API void bl_report_record_baseline (BlReport *report);

/**
 * bl_report_write_baseline:
 * Appends the recorded findings to @out as a YAML baseline: one entry per
 * finding with its file, fingerprint, rule, place and message, and an
 * empty `justification` to fill in.
 */
BL_API void bl_report_write_baseline (const BlReport *report, GString *out);

/**
 * bl_report_keep_tables:
 * Makes the report keep a copy of every table's rows and cells, which the
 * xlsx format needs; other formats do without.
 */
BL_API void bl_report_keep_tables (BlReport *report);

/**
 * bl_report_add_filing:
 * Records @filing's description and takes @diags, keeping the findings
 * the report was told to keep.  @filing is only read here and may be
 * freed afterwards.
 */
BL_API void bl_report_add_filing (BlReport *report, const char *path,
                                  const BlFiling *filing,
                                  BlDiagnostics *diags);

/** Records that @path could not be used, with @error's message. */
BL_API void bl_report_add_failure (BlReport *report, const char *path,
                                   const GError *error);

/**
 * bl_report_format_is_binary:
 * Returns: %TRUE for a format that can only be written to a file (xlsx).
 */
BL_API gboolean bl_report_format_is_binary (const char *format);

/**
 * bl_report_write:
 * @format: "text", "json", "sarif" or "junit".
 * Returns: %FALSE with BL_ERROR_UNSUPPORTED for an unknown format or a
 *   binary one (see bl_report_write_file()).
 */
BL_API gboolean bl_report_write (const BlReport *report, const char *format,
                                 const BlReportOptions *options, GString *out,
                                 GError **error);

/**
 * bl_report_write_file:
 * Writes the report in @format (any format, xlsx included) to @path.
 * Returns: %FALSE with @error set (BL_ERROR_UNSUPPORTED, G_FILE_ERROR,
 *   or BL_ERROR_INPUT when the workbook cannot be written).
 */
BL_API gboolean bl_report_write_file (const BlReport *report,
                                      const char *format,
                                      const BlReportOptions *options,
                                      const char *path, GError **error);

/**
 * bl_report_begin:
 * Starts streaming the report in a text @format: appends its head to
 * @out.  From then on bl_report_flush() appends the filings added since
 * the last flush and forgets them, and bl_report_end() appends the tail,
 * so a long batch keeps only running totals in memory.
 * Returns: %FALSE with BL_ERROR_UNSUPPORTED for an unknown or binary
 *   format.
 */
BL_API gboolean bl_report_begin (BlReport *report, const char *format,
                                 const BlReportOptions *options, GString *out,
                                 GError **error);
BL_API void bl_report_flush (BlReport *report, GString *out);
BL_API void bl_report_end (BlReport *report, GString *out);

/**
 * bl_report_write_statistics:
 * Appends one line per rule with findings: the count by severity, the
 * rule id and its title, most frequent first.
 */
BL_API void bl_report_write_statistics (const BlReport *report, GString *out);

/**
 * bl_report_get_n_findings:
 * Returns: how many findings the report has kept so far.
 */
BL_API guint bl_report_get_n_findings (const BlReport *report);

/**
 * bl_report_exit_status:
 * Returns: 2 if any file was unusable, else 1 if any finding (kept or
 *   left out by the maximum) is at or above @fail_on, else 0.
 */
BL_API int bl_report_exit_status (const BlReport *report, BlSeverity fail_on);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlReport, bl_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlBaseline, bl_baseline_free)

G_END_DECLS

#endif
