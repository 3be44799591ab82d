/* Private: what a report holds, and the writers behind bl_report_write().
 * A report copies what it needs from each filing, so a batch can free
 * every filing as soon as it has been checked. */
#ifndef BL_REPORT_H
#define BL_REPORT_H

#include "../diag.h"

typedef struct {
  char *kind, *title, *label, *unit;
  guint rows, line;
} BlReportTable;

typedef struct {
  char *path, *format, *department;
  int year;
  GArray *tables;           /* BlReportTable */
  BlDiagnostics *diags;     /* NULL for a failed file */
  char *error;              /* why the file was unusable, or NULL */
  guint error_line;
} BlReportFiling;

struct _BlReport {
  char *pack_name, *pack_version;
  GPtrArray *filings;       /* BlReportFiling*, owned, in input order */
};

typedef struct {
  const char *name;
  void (*write) (const BlReport *report, const BlReportOptions *options,
                 GString *out);
} BlReportFormat;

extern const BlReportFormat bl_report_text;
extern const BlReportFormat bl_report_json;

#endif
