#ifndef BUDGETLINT_REPORT_H
#define BUDGETLINT_REPORT_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * A report gathers the results of one run: per input file either its
 * findings or the failure that made it unusable.  Writers (text, json)
 * only present what it holds.
 */
typedef struct _BlReport BlReport;

typedef struct {
  gboolean color;         /* ANSI colours in text output */
  BlSeverity fail_on;     /* for the summary and the exit status */
} BlReportOptions;

BL_API BlReport *bl_report_new (const BlRulePack *pack);
BL_API void bl_report_free (BlReport *report);

/**
 * bl_report_add_filing:
 * Records @filing's description and takes @diags.  @filing is only read
 * here and may be freed afterwards.
 */
BL_API void bl_report_add_filing (BlReport *report, const char *path,
                                  const BlFiling *filing,
                                  BlDiagnostics *diags);

/** Records that @path could not be used, with @error's message. */
BL_API void bl_report_add_failure (BlReport *report, const char *path,
                                   const GError *error);

/**
 * bl_report_write:
 * @format: "text" or "json".
 * Returns: %FALSE with BL_ERROR_UNSUPPORTED for an unknown format.
 */
BL_API gboolean bl_report_write (const BlReport *report, const char *format,
                                 const BlReportOptions *options, GString *out,
                                 GError **error);

/**
 * bl_report_exit_status:
 * Returns: 2 if any file was unusable, else 1 if any finding is at or
 *   above @fail_on, else 0.
 */
BL_API int bl_report_exit_status (const BlReport *report, BlSeverity fail_on);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlReport, bl_report_free)

G_END_DECLS

#endif
