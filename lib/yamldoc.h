/* Private: a loaded YAML document with convenient, position-aware access.
 * Shared by the filing reader and the rule-pack loader. */
#ifndef BL_YAMLDOC_H
#define BL_YAMLDOC_H

#include "common.h"
#include <yaml.h>

/* The deepest nesting of collections (sequences and mappings, block or
 * flow) a YAML input may have: filing, rule pack or baseline.  Real ones
 * nest under ten; budgetlint(1) documents the limit. */
#define BL_YAML_MAX_DEPTH 1000

/* The problem an input nested deeper is refused with, as a libyaml
 * problem (bl_yaml__set_error() words it). */
extern const char bl_yaml__too_deep[];

typedef struct {
  yaml_document_t doc;
  const char *name;
} BlYamlDoc;

/* Returns: NULL with BL_ERROR @code and `name:line:col: message` on a
 * syntax error, nesting deeper than BL_YAML_MAX_DEPTH or an empty
 * document. */
BlYamlDoc *bl_yaml_doc_load (const char *data, gsize len, const char *name,
                             int code, GError **error);
/* Every document of a stream (`---` separated); empty ones are skipped.
 * Returns: a GPtrArray of BlYamlDoc*, or NULL like bl_yaml_doc_load(). */
GPtrArray *bl_yaml_doc_load_all (const char *data, gsize len, const char *name,
                                 int code, GError **error);
void bl_yaml_doc_free (BlYamlDoc *d);
/* Sets @error to `name:line:col: YAML: problem context` from the problem
 * a failed @parser of @data recorded; a byte it could not decode is
 * placed by its offset in @data. */
void bl_yaml__set_error (GError **error, int code, const char *name,
                         const yaml_parser_t *parser, const char *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlYamlDoc, bl_yaml_doc_free)

yaml_node_t *bl_yaml_root (BlYamlDoc *d);
yaml_node_t *bl_yaml_node (BlYamlDoc *d, int id);
/* Value of @key in a mapping node, NULL if absent or @map is no mapping. */
yaml_node_t *bl_yaml_get (BlYamlDoc *d, yaml_node_t *map, const char *key);
/* Scalar text (NUL-terminated by libyaml), NULL for non-scalars. */
const char *bl_yaml_scalar (yaml_node_t *n);
/* TRUE for `~`, `null`, an empty plain scalar. */
gboolean bl_yaml_is_null (yaml_node_t *n);
guint bl_yaml_line (yaml_node_t *n);   /* 1-based */
guint bl_yaml_col (yaml_node_t *n);    /* 1-based */
guint bl_yaml_seq_len (yaml_node_t *n);
yaml_node_t *bl_yaml_seq_get (BlYamlDoc *d, yaml_node_t *seq, guint i);

#endif
