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
