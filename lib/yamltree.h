/* Private: a compact YAML node tree for the filing reader.
 *
 * libyaml's own loader (yamldoc.h) mallocs every node, its tag and every
 * collection's item array, and yaml_document_delete() frees them one by
 * one: for a 16 KB filing that cost as much as the reader's work on the
 * tree.  This tree is built from libyaml's events into one arena (nodes,
 * item arrays and scalar text), so loading allocates a few blocks and
 * freeing is a handful of frees.  It loads like yaml_parser_load(): the
 * first document only, anchors registered where their node starts (so an
 * alias may point at a node that contains it), the same errors.
 *
 * The rule pack and the templates, loaded once, keep yamldoc.h;
 * bl_ytree_from_doc() copies a subtree of theirs (a rule case's filing)
 * so that one reader serves both. */
#ifndef BL_YAMLTREE_H
#define BL_YAMLTREE_H

#include "yamldoc.h"

typedef enum {
  BL_YT_SCALAR,
  BL_YT_SEQUENCE,
  BL_YT_MAPPING
} BlYtType;

typedef struct _BlYtNode BlYtNode;
struct _BlYtNode {
  guint8 type;            /* BlYtType */
  guint8 plain;           /* a plain scalar: only those can be null */
  guint32 line, col;      /* 1-based, where the node starts */
  guint32 len;            /* scalar: bytes; sequence: items; mapping: pairs */
  union {
    const char *text;     /* scalar, NUL-terminated */
    BlYtNode **items;     /* sequence: len nodes; mapping: 2 × len, each
                             key followed by its value */
  };
};

typedef struct _BlYtTree BlYtTree;

/* Returns: the tree of the first document of @data, or NULL with BL_ERROR
 * @code and `name:line:col: YAML: problem` (as bl_yaml_doc_load() words
 * it) on a syntax error, or `name:1:1: empty document`. */
BlYtTree *bl_ytree_load (const char *data, gsize len, const char *name,
                         int code, GError **error);
/* A copy of @node of @doc and of everything under it; aliases stay
 * shared, as in @doc. */
BlYtTree *bl_ytree_from_doc (BlYamlDoc *doc, yaml_node_t *node);
void bl_ytree_free (BlYtTree *tree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlYtTree, bl_ytree_free)

BlYtNode *bl_ytree_root (BlYtTree *tree);

/* Value of @key in mapping @map (the first pair with it), NULL if absent
 * or @map is no mapping. */
BlYtNode *bl_yt_get (const BlYtNode *map, const char *key);
/* Scalar text, NULL for a collection or NULL. */
const char *bl_yt_scalar (const BlYtNode *n);
/* TRUE for NULL, and for a plain `~`, `null`, `Null`, `NULL` or empty
 * scalar. */
gboolean bl_yt_is_null (const BlYtNode *n);
/* Items of a sequence, 0 for anything else (NULL included). */
guint bl_yt_seq_len (const BlYtNode *n);
guint bl_yt_line (const BlYtNode *n);   /* 0 for NULL */
guint bl_yt_col (const BlYtNode *n);

#endif
