#include "yamltree.h"

#include <string.h>

/* The arena: blocks chained newest first.  A block stays under glibc's
 * mmap threshold so that a run over thousands of filings reuses the same
 * heap memory instead of mapping and unmapping pages for each. */
#define BLOCK_SIZE (64 * 1024 - 64)

typedef struct Block Block;
struct Block {
  Block *next;
  gsize used, size;
};

struct _BlYtTree {
  Block *blocks;
  BlYtNode *root;
};

static void *
arena_alloc (BlYtTree *t, gsize size)
{
  Block *b = t->blocks;
  void *p;

  size = (size + 7) & ~(gsize) 7;
  if (b == NULL || b->size - b->used < size)
    {
      gsize want = MAX (BLOCK_SIZE, size);
      b = g_malloc (sizeof (Block) + want);
      b->next = t->blocks;
      b->used = 0;
      b->size = want;
      t->blocks = b;
    }
  p = (char *) (b + 1) + b->used;
  b->used += size;
  return p;
}

static const char *
arena_text (BlYtTree *t, const char *s, gsize len)
{
  char *copy = arena_alloc (t, len + 1);
  memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

static BlYtNode *
new_node (BlYtTree *t, BlYtType type, yaml_mark_t mark)
{
  BlYtNode *n = arena_alloc (t, sizeof *n);
  memset (n, 0, sizeof *n);
  n->type = (guint8) type;
  n->line = (guint32) mark.line + 1;
  n->col = (guint32) mark.column + 1;
  return n;
}

static BlYtTree *
tree_new (void)
{
  return g_new0 (BlYtTree, 1);
}

void
bl_ytree_free (BlYtTree *tree)
{
  if (tree == NULL)
    return;
  for (Block *b = tree->blocks, *next; b; b = next)
    {
      next = b->next;
      g_free (b);
    }
  g_free (tree);
}

BlYtNode *
bl_ytree_root (BlYtTree *tree)
{
  return tree->root;
}

/* ---- loading from events ------------------------------------------------ */

typedef struct {
  yaml_mark_t mark;       /* where the anchored node starts */
  BlYtNode *node;
} Anchor;

typedef struct {
  BlYtNode *node;
  guint first;            /* its first child in Builder.pending */
} Open;

/* The collections being read form a stack; their children wait in
 * @pending (innermost collection's last) until the collection ends and
 * they are copied, in one piece, into the arena. */
typedef struct {
  BlYtTree *tree;
  yaml_parser_t *parser;
  GPtrArray *pending;
  GArray *open;
  GHashTable *anchors;    /* name (arena) → Anchor*, made on first use */
} Builder;

/* Errors of composition are set on the parser the way libyaml's loader
 * sets them, so that one function words every YAML error. */
static gboolean
composer_error (Builder *b, const char *context, yaml_mark_t context_mark,
                const char *problem, yaml_mark_t problem_mark)
{
  b->parser->error = YAML_COMPOSER_ERROR;
  b->parser->context = context;
  b->parser->context_mark = context_mark;
  b->parser->problem = problem;
  b->parser->problem_mark = problem_mark;
  return FALSE;
}

static gboolean
register_anchor (Builder *b, const yaml_char_t *name, BlYtNode *node,
                 yaml_mark_t mark)
{
  Anchor *a, *first;

  if (name == NULL)
    return TRUE;
  if (b->anchors == NULL)
    b->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if ((first = g_hash_table_lookup (b->anchors, name)) != NULL)
    return composer_error (b, "found duplicate anchor; first occurrence",
                           first->mark, "second occurrence", mark);
  a = g_new (Anchor, 1);
  a->mark = mark;
  a->node = node;
  g_hash_table_insert (b->anchors,
                       (gpointer) arena_text (b->tree, (const char *) name,
                                              strlen ((const char *) name)),
                       a);
  return TRUE;
}

static void
attach (Builder *b, BlYtNode *node)
{
  if (b->open->len == 0)
    b->tree->root = node;
  else
    g_ptr_array_add (b->pending, node);
}

static gboolean
start_collection (Builder *b, BlYtType type, const yaml_event_t *ev,
                  const yaml_char_t *anchor)
{
  BlYtNode *n;
  Open o;
  yaml_mark_t none = { 0, 0, 0 };

  /* Stopping here bounds libyaml's time too: see yamldoc.c. */
  if (b->open->len >= BL_YAML_MAX_DEPTH)
    return composer_error (b, NULL, none, bl_yaml__too_deep, ev->start_mark);
  n = new_node (b->tree, type, ev->start_mark);
  if (!register_anchor (b, anchor, n, ev->start_mark))
    return FALSE;
  attach (b, n);
  o.node = n;
  o.first = b->pending->len;
  g_array_append_val (b->open, o);
  return TRUE;
}

static void
end_collection (Builder *b)
{
  Open *o = &g_array_index (b->open, Open, b->open->len - 1);
  guint n = b->pending->len - o->first;

  o->node->items = arena_alloc (b->tree, MAX (n, 1) * sizeof (BlYtNode *));
  memcpy (o->node->items, b->pending->pdata + o->first, n * sizeof (BlYtNode *));
  o->node->len = o->node->type == BL_YT_MAPPING ? n / 2 : n;
  g_ptr_array_set_size (b->pending, o->first);
  g_array_set_size (b->open, b->open->len - 1);
}

static gboolean
add_scalar (Builder *b, const yaml_event_t *ev)
{
  BlYtNode *n = new_node (b->tree, BL_YT_SCALAR, ev->start_mark);

  n->text = arena_text (b->tree, (const char *) ev->data.scalar.value,
                        ev->data.scalar.length);
  n->len = (guint32) ev->data.scalar.length;
  n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  if (!register_anchor (b, ev->data.scalar.anchor, n, ev->start_mark))
    return FALSE;
  attach (b, n);
  return TRUE;
}

static gboolean
add_alias (Builder *b, const yaml_event_t *ev)
{
  Anchor *a = b->anchors ? g_hash_table_lookup (b->anchors, ev->data.alias.anchor)
                         : NULL;
  yaml_mark_t none = { 0, 0, 0 };

  if (a == NULL)
    return composer_error (b, NULL, none, "found undefined alias", ev->start_mark);
  attach (b, a->node);
  return TRUE;
}

static gboolean
add_event (Builder *b, const yaml_event_t *ev)
{
  switch (ev->type)
    {
    case YAML_SCALAR_EVENT:
      return add_scalar (b, ev);
    case YAML_ALIAS_EVENT:
      return add_alias (b, ev);
    case YAML_SEQUENCE_START_EVENT:
      return start_collection (b, BL_YT_SEQUENCE, ev, ev->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
      return start_collection (b, BL_YT_MAPPING, ev, ev->data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      end_collection (b);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* Parses one event into @ev, FALSE on a syntax error. */
static gboolean
next_event (Builder *b, yaml_event_t *ev)
{
  return yaml_parser_parse (b->parser, ev) != 0;
}

/* The events yaml_parser_load() asks for, in the same order: STREAM-START,
 * then DOCUMENT-START (or STREAM-END: no document), one node, DOCUMENT-END. */
static gboolean
build (Builder *b)
{
  yaml_event_t ev;
  gboolean ok, end;

  if (!next_event (b, &ev))
    return FALSE;
  yaml_event_delete (&ev);
  if (!next_event (b, &ev))
    return FALSE;
  end = ev.type == YAML_STREAM_END_EVENT;
  yaml_event_delete (&ev);
  if (end)
    return TRUE;
  do
    {
      if (!next_event (b, &ev))
        return FALSE;
      ok = add_event (b, &ev);
      yaml_event_delete (&ev);
      if (!ok)
        return FALSE;
    }
  while (b->open->len > 0);
  if (!next_event (b, &ev))
    return FALSE;
  yaml_event_delete (&ev);
  return TRUE;
}

BlYtTree *
bl_ytree_load (const char *data, gsize len, const char *name, int code,
               GError **error)
{
  yaml_parser_t parser;
  Builder b = { tree_new (), &parser, g_ptr_array_new (),
                g_array_new (FALSE, FALSE, sizeof (Open)), NULL };
  gboolean ok;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);
  ok = build (&b);
  if (!ok)
    bl_yaml__set_error (error, code, name, &parser, data);
  else if (b.tree->root == NULL)
    g_set_error (error, BL_ERROR, code, "%s:1:1: empty document", name);
  yaml_parser_delete (&parser);
  g_ptr_array_free (b.pending, TRUE);
  g_array_free (b.open, TRUE);
  if (b.anchors)
    g_hash_table_destroy (b.anchors);
  if (!ok || b.tree->root == NULL)
    {
      bl_ytree_free (b.tree);
      return NULL;
    }
  return b.tree;
}

/* ---- copying from libyaml's tree ----------------------------------------- */

/* @copies maps a node's index in @doc to its copy, so that a node reached
 * twice (an alias, or a collection that holds itself) is copied once. */
static BlYtNode *
copy_node (BlYtTree *t, BlYamlDoc *doc, yaml_node_t *node, BlYtNode **copies)
{
  gsize id = (gsize) (node - doc->doc.nodes.start);
  BlYtNode *n;
  guint count;

  if (copies[id])
    return copies[id];
  switch (node->type)
    {
    case YAML_SCALAR_NODE:
      n = copies[id] = new_node (t, BL_YT_SCALAR, node->start_mark);
      n->text = arena_text (t, (const char *) node->data.scalar.value,
                            node->data.scalar.length);
      n->len = (guint32) node->data.scalar.length;
      n->plain = node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      return n;
    case YAML_SEQUENCE_NODE:
      n = copies[id] = new_node (t, BL_YT_SEQUENCE, node->start_mark);
      n->len = count = bl_yaml_seq_len (node);
      n->items = arena_alloc (t, MAX (count, 1) * sizeof (BlYtNode *));
      for (guint i = 0; i < count; i++)
        n->items[i] = copy_node (t, doc, bl_yaml_seq_get (doc, node, i), copies);
      return n;
    case YAML_MAPPING_NODE:
    default:
      n = copies[id] = new_node (t, BL_YT_MAPPING, node->start_mark);
      n->len = count = (guint) (node->data.mapping.pairs.top
                                - node->data.mapping.pairs.start);
      n->items = arena_alloc (t, MAX (2 * count, 1) * sizeof (BlYtNode *));
      for (guint i = 0; i < count; i++)
        {
          yaml_node_pair_t *p = &node->data.mapping.pairs.start[i];
          n->items[2 * i] = copy_node (t, doc, bl_yaml_node (doc, p->key), copies);
          n->items[2 * i + 1] = copy_node (t, doc, bl_yaml_node (doc, p->value), copies);
        }
      return n;
    }
}

BlYtTree *
bl_ytree_from_doc (BlYamlDoc *doc, yaml_node_t *node)
{
  BlYtTree *t = tree_new ();
  gsize n = (gsize) (doc->doc.nodes.top - doc->doc.nodes.start);
  g_autofree BlYtNode **copies = g_new0 (BlYtNode *, n);

  t->root = copy_node (t, doc, node, copies);
  return t;
}

/* ---- access ------------------------------------------------------------- */

BlYtNode *
bl_yt_get (const BlYtNode *map, const char *key)
{
  if (map == NULL || map->type != BL_YT_MAPPING)
    return NULL;
  for (guint i = 0; i < map->len; i++)
    {
      const BlYtNode *k = map->items[2 * i];
      if (k->type == BL_YT_SCALAR && strcmp (k->text, key) == 0)
        return map->items[2 * i + 1];
    }
  return NULL;
}

const char *
bl_yt_scalar (const BlYtNode *n)
{
  return n && n->type == BL_YT_SCALAR ? n->text : NULL;
}

gboolean
bl_yt_is_null (const BlYtNode *n)
{
  const char *s;

  if (n == NULL)
    return TRUE;
  if (n->type != BL_YT_SCALAR || !n->plain)
    return FALSE;
  s = n->text;
  switch (*s)   /* every cell is asked: look at the first byte first */
    {
    case '\0': return TRUE;
    case '~': return s[1] == '\0';
    case 'n': return strcmp (s, "null") == 0;
    case 'N': return strcmp (s, "Null") == 0 || strcmp (s, "NULL") == 0;
    default: return FALSE;
    }
}

guint
bl_yt_seq_len (const BlYtNode *n)
{
  return n && n->type == BL_YT_SEQUENCE ? n->len : 0;
}

guint bl_yt_line (const BlYtNode *n) { return n ? n->line : 0; }
guint bl_yt_col (const BlYtNode *n) { return n ? n->col : 0; }
