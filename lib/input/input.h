/* Private: the filing readers.  Each format is one file with the same two
 * entry points behind a BlInputFormat; bl_filing_load_data() picks the
 * first whose probe accepts the content. */
#ifndef BL_INPUT_H
#define BL_INPUT_H

#include "../ledger.h"
#include "../problems.h"
#include "../yamldoc.h"
#include "../grid.h"

typedef struct {
  const char *name;
  gboolean (*probe) (const char *data, gsize len);
  BlFiling *(*read) (const char *data, gsize len, const char *path,
                     GError **error);
} BlInputFormat;

/* The largest input file read, in bytes.  Text and YAML (filings, rule
 * packs) are read into rows and nodes, several times their size in
 * memory; a real report is well under 1 MiB.  PDF and XLSX are mostly
 * compressed streams, fonts and pictures, and a real one is a few MiB.
 * budgetlint(1) documents both. */
#define BL_INPUT_MAX_TEXT ((guint64) 32 << 20)
#define BL_INPUT_MAX_BINARY BL_FILING_MAX_SIZE
/* What the FlateDecode streams of one PDF may inflate to, in all: those
 * of real disclosures come to 5 MiB at most (fonts included). */
#define BL_PDF_MAX_INFLATED ((guint64) 128 << 20)

/* Sets @error (BL_ERROR @code, "name: 文件过大…") and returns FALSE when
 * @size is over @limit. */
gboolean bl_input__check_size (const char *name, guint64 size, guint64 limit,
                               int code, GError **error);
/* g_file_get_contents() that refuses a file over @limit bytes: a
 * regular file before it is read. */
gboolean bl_input__get_contents (const char *path, guint64 limit, int code,
                                 char **data, gsize *len, GError **error);

extern const BlInputFormat bl_input_yaml;
extern const BlInputFormat bl_input_text;

/* Format readers that produce grids (grid.h) for recognition.  Each
 * returns NULL with BL_ERROR_INPUT (corrupt or truncated file, with what
 * is wrong) rather than crash on bad bytes. */
BlGrid *bl_pdf_grid_read (const char *data, gsize len, const char *path,
                          GError **error);
BlGrid *bl_xlsx_grid_read (const char *data, gsize len, const char *path,
                           GError **error);

/* Reads the filing held by mapping @node of an already loaded document
 * (rule-pack test cases embed filings this way).  Problems are added to
 * @problems; the filing is returned even when there were some. */
BlFiling *bl_input_yaml_from_node (BlYamlDoc *doc, yaml_node_t *node,
                                   const char *path, gboolean fragment,
                                   BlProblems *problems);

#endif
