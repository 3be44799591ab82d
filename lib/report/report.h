/* Private: what a report holds, and the writers behind bl_report_write().
 *
 * A report copies what it needs from each filing, so a batch can free
 * every filing as soon as it has been checked.  When streaming (text,
 * json, sarif, junit), bl_report_flush() writes the filings added so far
 * and forgets them: only running totals stay, so memory is flat in the
 * number of files.  The xlsx workbook needs everything at the end; the
 * report then also keeps each table's cells (bl_report_keep_tables). */
#ifndef BL_REPORT_H
#define BL_REPORT_H

#include "../diag.h"
#include "../jsonout.h"

/* A copy of a table's content, for writers that lay the table out. */
typedef struct {
  BlCellKind kind;
  BlDecimal value;          /* BL_CELL_NUMBER */
  const char *text;         /* as written, or NULL */
  guint line, page;
  int severity;             /* highest finding on the cell, -1 for none */
  GString *note;            /* the findings on it, one a line, or NULL */
} BlReportCell;

typedef struct {
  const char *code, *label;
  int line_no;              /* 行次, 0 = none */
  guint line;
  BlReportCell *cells;      /* one per column of its part */
  int severity;             /* highest row-level finding, -1 for none */
  GString *note;
} BlReportRow;

typedef struct {
  const char *name, *group;
  int no;                   /* 栏次, 0 = none */
} BlReportColumn;

typedef struct {
  const char *name;         /* 收入, 支出 …, or NULL */
  GArray *columns;          /* BlReportColumn */
  GArray *rows;             /* BlReportRow */
} BlReportPart;

typedef struct {
  char *kind, *title, *label, *unit;
  guint rows, line;
  GPtrArray *parts;         /* BlReportPart*, only when tables are kept */
} BlReportTable;

/* Where a kept finding landed in the kept tables: its first location's
 * cell (col ≥ 0) or row (col −1); table −1 when it has no such place. */
typedef struct {
  int table, part, row, col;
} BlReportPlace;

typedef struct {
  char *path, *format, *department;
  int year;
  GArray *tables;           /* BlReportTable */
  BlDiagnostics *diags;     /* NULL for a failed file */
  GPtrArray *fingerprints;  /* char*, parallel to diags */
  char *error;              /* why the file was unusable, or NULL */
  guint error_line;
  guint n_before;           /* findings kept in the filings before it */
  guint n_held_back;        /* uncertain findings not kept */
  guint outcomes[BL_RULE_N_OUTCOMES]; /* the selected rules, by outcome */
  GStringChunk *strings;    /* kept tables' strings, or NULL */
  GArray *places;           /* BlReportPlace, parallel to diags, or NULL */
} BlReportFiling;

/* What was checked in one filing, kept after the filing is flushed. */
typedef struct {
  char *path;
  guint outcomes[BL_RULE_N_OUTCOMES];
} BlReportChecked;

/* The pack's rules as the machine formats describe them. */
typedef struct {
  char *id, *title, *explanation;
  BlSeverity severity;
  gboolean from_pack;       /* FALSE: a reader's or the report's own */
  guint counts[3];          /* findings so far, by severity */
  signed char selected;     /* by --select/--ignore: -1 not yet known */
} BlReportRule;

typedef struct {
  char *path, *fingerprint, *rule, *where, *message;
  char *justification;
  gboolean matched;
} BlBaselineEntry;

struct _BlBaseline {
  GPtrArray *entries;       /* BlBaselineEntry*, owned, file order */
  GHashTable *index;        /* "path\x1ffingerprint" → entry */
};

typedef struct _BlReportFormat BlReportFormat;

struct _BlReport {
  char *pack_name, *pack_version;
  GPtrArray *rules;         /* BlReportRule*, pack order, then as seen */
  GHashTable *rules_by_id;  /* id → BlReportRule* */
  GPtrArray *filings;       /* BlReportFiling*, owned, in input order */

  /* Running totals over every filing added, flushed or not. */
  guint n_filings, n_failed, counts[3];
  guint outcomes[BL_RULE_N_OUTCOMES]; /* rule outcomes summed over filings */
  guint n_omitted;          /* dropped by --max-findings */
  gboolean omitted_severity[3];

  /* What to keep: findings (select, ignore, severity, baseline, max). */
  GPtrArray *select, *ignore;   /* GPatternSpec* */
  GPtrArray *overrides;         /* Override* */
  guint max_findings;           /* 0 = no limit */
  gboolean show_doubtful;       /* keep uncertain findings */
  guint n_held_back;            /* uncertain findings not kept, in all */
  BlBaseline *baseline;         /* owned, or NULL */
  gboolean keep_tables;
  GPtrArray *recorded;          /* BlBaselineEntry* for a new baseline */

  GPtrArray *failures;      /* BlReportFiling* copies of failed files */
  GArray *checked;          /* BlReportChecked of each usable filing: SARIF
                               gives them at the end of its run */

  /* Streaming. */
  const BlReportFormat *stream;
  BlReportOptions stream_options;
  guint n_written;              /* filings written by flushes */
};

struct _BlReportFormat {
  const char *name;
  /* Text formats: a head, one part per filing, a tail. */
  void (*begin) (const BlReport *report, const BlReportOptions *options,
                 GString *out);
  void (*filing) (const BlReport *report, const BlReportOptions *options,
                  const BlReportFiling *filing, guint index, GString *out);
  void (*end) (const BlReport *report, const BlReportOptions *options,
               GString *out);
  /* Binary formats write a file from the whole report. */
  gboolean (*write_file) (const BlReport *report,
                          const BlReportOptions *options, const char *path,
                          GError **error);
};

extern const BlReportFormat bl_report_text;
extern const BlReportFormat bl_report_json;
extern const BlReportFormat bl_report_sarif;
extern const BlReportFormat bl_report_junit;
extern const BlReportFormat bl_report_xlsx;

/* The rule @id as the report knows it, or NULL. */
const BlReportRule *bl_report__rule (const BlReport *report, const char *id);
/* Whether findings of @id are reported at all (--select, --ignore). */
gboolean bl_report__rule_selected (const BlReport *report, const char *id);
/* `table / row / column` of a location, the parts it has. */
char *bl_report__where (const BlLocation *l);
/* `第52行`, `第3页`, `Sheet1!B4`: where a location is in its file. */
char *bl_report__position (const BlLocation *l);

/* tables.c: copies @filing's tables into @f, then marks the cells its
 * kept findings point at; frees such a copy. */
void bl_report__keep_tables (BlReportFiling *f, const BlFiling *filing);
void bl_report__free_tables (BlReportFiling *f);

/* baseline.c */
void bl_baseline__entry_free (BlBaselineEntry *e);
BlBaselineEntry *bl_baseline__lookup (BlBaseline *b, const char *path,
                                      const char *fingerprint);

/* How text-shaped writers mark a finding computed from a doubtful
 * reading (shown only with bl_report_show_doubtful). */
#define BL_REPORT_DOUBT_MARK "（读取存疑）"

/* A finding's expected, actual, difference and unit as a JSON object. */
void bl_json__values (GString *out, const BlDiagnostic *d);
/* Shared by the XML-shaped writers: escaped text or attribute value,
 * characters XML 1.0 cannot hold dropped. */
void bl_xml__text (GString *out, const char *s);

#endif
