/* Private: the filing readers.  Each format is one file with the same two
 * entry points behind a BlInputFormat; bl_filing_load_data() picks the
 * first whose probe accepts the content. */
#ifndef BL_INPUT_H
#define BL_INPUT_H

#include "../ledger.h"
#include "../problems.h"
#include "../yamldoc.h"

typedef struct {
  const char *name;
  gboolean (*probe) (const char *data, gsize len);
  BlFiling *(*read) (const char *data, gsize len, const char *path,
                     GError **error);
} BlInputFormat;

extern const BlInputFormat bl_input_yaml;

/* Reads the filing held by mapping @node of an already loaded document
 * (rule-pack test cases embed filings this way).  Problems are added to
 * @problems; the filing is returned even when there were some. */
BlFiling *bl_input_yaml_from_node (BlYamlDoc *doc, yaml_node_t *node,
                                   const char *path, gboolean fragment,
                                   BlProblems *problems);

#endif
