#ifndef BUDGETLINT_LEDGER_H
#define BUDGETLINT_LEDGER_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * The ledger: a filing (department, year, kind, unit) holds tables; a
 * table holds one or more parts (the 收入 | 支出 sides of a 总表, the
 * sections of a 统计表), each with value columns and rows; a row has a
 * label, a 科目编码 and/or a 行次, and one cell per column of its part.
 * Everything is owned by the BlFiling and valid while it lives.
 */
typedef struct _BlFiling BlFiling;
typedef struct _BlTable BlTable;
typedef struct _BlPart BlPart;
typedef struct _BlRow BlRow;
typedef struct _BlColumn BlColumn;
typedef struct _BlCell BlCell;

typedef enum {
  BL_CELL_BLANK,    /* printed empty or as a dash: not the same as 0.00 */
  BL_CELL_NUMBER,
  BL_CELL_TEXT,     /* text where a figure was expected */
  BL_CELL_UNREAD    /* a figure is printed here but the reader could not
                       tell which (placement ambiguous): rules do not
                       compute with it */
} BlCellKind;

/**
 * bl_filing_load_file:
 * Reads a filing; the format is detected from the content.
 * Returns: (transfer full) (nullable): the filing, or %NULL with @error
 *   set: G_FILE_ERROR as it came, or BL_ERROR_INPUT whose message lists
 *   every problem found, one `file:line:col: message` per line.
 */
BL_API BlFiling *bl_filing_load_file (const char *path, GError **error);

/**
 * BL_FILING_MAX_SIZE:
 * The largest input any format may have (a PDF or XLSX filing; text and
 * YAML have a lower limit): a reader of a stream can stop after one byte
 * more, and bl_filing_load_data() then says the input is too large.
 */
#define BL_FILING_MAX_SIZE ((guint64) 256 << 20)

/**
 * bl_filing_load_data:
 * As bl_filing_load_file(), from memory; @name is used in messages.
 * @data need not be NUL-terminated.
 */
BL_API BlFiling *bl_filing_load_data (const char *data, gsize len,
                                      const char *name, GError **error);

BL_API void bl_filing_free (BlFiling *filing);

BL_API const char *bl_filing_get_path (const BlFiling *filing);
/** Returns: "yaml", "text", "markdown", "xlsx" or "pdf". */
BL_API const char *bl_filing_get_format (const BlFiling *filing);
BL_API const char *bl_filing_get_department (const BlFiling *filing);
/** Returns: the budget year, or 0 when the filing does not say. */
BL_API int bl_filing_get_year (const BlFiling *filing);
/** Returns: "决算" or "预算". */
BL_API const char *bl_filing_get_kind (const BlFiling *filing);
BL_API guint bl_filing_get_n_tables (const BlFiling *filing);
/** Returns: (transfer none): the @i-th table in document order. */
BL_API const BlTable *bl_filing_get_table (const BlFiling *filing, guint i);
/** Returns: (transfer none) (nullable): the first table of @kind. */
BL_API const BlTable *bl_filing_find_table (const BlFiling *filing,
                                            const char *kind);

BL_API const char *bl_table_get_kind (const BlTable *table);
BL_API const char *bl_table_get_title (const BlTable *table);
/** Returns: (nullable): the 公开NN label as published. */
BL_API const char *bl_table_get_label (const BlTable *table);
/** Returns: a #BlUnit. */
BL_API int bl_table_get_unit (const BlTable *table);
BL_API guint bl_table_get_n_rows (const BlTable *table);
/** Returns: the source line of the table's title (1-based), 0 if none. */
BL_API guint bl_table_get_line (const BlTable *table);

/**
 * bl_filing_write_yaml:
 * Appends @filing to @out as a canonical YAML filing
 * (budgetlint-filing(5)); reading it back gives the same tables and cells.
 */
BL_API void bl_filing_write_yaml (const BlFiling *filing, GString *out);

/**
 * bl_filing_write_json:
 * Appends @filing to @out as JSON: tables (with "doubt", why their reading
 * is in doubt, or null) → parts → columns and rows, each cell null
 * (blank) or {value, text, line[, page]}, value the exact decimal string,
 * or null with "unread": true for a figure the reader could not place.
 */
BL_API void bl_filing_write_json (const BlFiling *filing, GString *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlFiling, bl_filing_free)

G_END_DECLS

#endif
