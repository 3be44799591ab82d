/* Rule packs: YAML → rules.
 *
 * Every problem in a pack is collected (bad keys, unknown severities,
 * expressions that do not parse, broken test-case filings) and reported at
 * once with its position; only then does loading fail. */

#include "rulepack.h"
#include "diag.h"
#include "input/input.h"
#include "kinds.h"

#include <string.h>

typedef struct {
  BlYamlDoc *doc;
  const char *file;
  BlProblems *problems;
  BlRulePack *pack;
  const char *data;     /* the pack's text, for block-scalar positions */
  gsize len;
} Loader;

#define PROBLEM(l, node, ...) \
  bl_problems_add ((l)->problems, bl_yaml_line (node), bl_yaml_col (node), __VA_ARGS__)

static const char *const rule_keys[] = {
  "id", "title", "severity", "confidence", "tables", "part", "for", "where",
  "check", "message", "explain", "references", "cases", "rounding", NULL
};

static void
case_free (BlRuleCase *c)
{
  bl_filing_free (c->filing);
  g_free (c->name);
  g_free (c);
}

static void
tpl_part_free (BlTplPart *p)
{
  bl_expr_free (p->expr);
  g_free (p->text);
  g_free (p);
}

static void
rule_free (BlRule *r)
{
  g_free (r->id);
  g_free (r->title);
  g_free (r->explain);
  g_free (r->origin);
  g_free (r->part);
  g_free (r->message_src);
  g_strfreev (r->tables);
  g_free (r->kinds);
  g_strfreev (r->references);
  bl_expr_free (r->where);
  bl_expr_free (r->check);
  if (r->message)
    g_ptr_array_free (r->message, TRUE);
  if (r->cases)
    g_ptr_array_free (r->cases, TRUE);
  g_free (r);
}

void
bl_rule_pack_free (BlRulePack *pack)
{
  if (pack == NULL)
    return;
  g_hash_table_destroy (pack->by_id);
  g_hash_table_destroy (pack->catalog);
  if (pack->classes)
    g_hash_table_destroy (pack->classes);
  g_ptr_array_free (pack->lexicon, TRUE);
  g_ptr_array_free (pack->rules, TRUE);
  g_free (pack->name);
  g_free (pack->version);
  g_free (pack);
}

static void
catalog_entry_free (gpointer p)
{
  BlCatalogEntry *e = p;
  g_free ((char *) e->name);
  g_free (e);
}

static void
lex_entry_free (gpointer p)
{
  BlLexEntry *e = p;
  g_ptr_array_free (e->phrases, TRUE);
  if (e->section)
    g_regex_unref (e->section);
  bl_expr_free (e->ref);
  g_free (e);
}

static BlRulePack *
pack_new (void)
{
  BlRulePack *p = g_new0 (BlRulePack, 1);
  p->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  p->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  p->catalog = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, catalog_entry_free);
  p->lexicon = g_ptr_array_new_with_free_func (lex_entry_free);
  return p;
}

static const char *
scalar (Loader *l, yaml_node_t *map, const char *key)
{
  yaml_node_t *n = bl_yaml_get (l->doc, map, key);
  if (n == NULL || bl_yaml_is_null (n))
    return NULL;
  if (n->type != YAML_SCALAR_NODE)
    {
      PROBLEM (l, n, "'%s' must be a scalar", key);
      return NULL;
    }
  return bl_yaml_scalar (n);
}

static char **
string_list (Loader *l, yaml_node_t *map, const char *key)
{
  yaml_node_t *n = bl_yaml_get (l->doc, map, key);
  GPtrArray *out;

  if (n == NULL)
    return NULL;
  if (n->type == YAML_SCALAR_NODE)
    {
      char **one = g_new0 (char *, 2);
      one[0] = g_strdup (bl_yaml_scalar (n));
      return one;
    }
  if (n->type != YAML_SEQUENCE_NODE)
    {
      PROBLEM (l, n, "'%s' must be a list", key);
      return NULL;
    }
  out = g_ptr_array_new ();
  for (guint i = 0; i < bl_yaml_seq_len (n); i++)
    {
      const char *s = bl_yaml_scalar (bl_yaml_seq_get (l->doc, n, i));
      if (s)
        g_ptr_array_add (out, g_strdup (s));
      else
        PROBLEM (l, bl_yaml_seq_get (l->doc, n, i), "'%s' items must be scalars", key);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
is_block (yaml_node_t *n)
{
  yaml_scalar_style_t style = n->data.scalar.style;
  return style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE;
}

/* Column of a scalar's first content character: quoted scalars start one
 * after their mark; block scalars (| >) on the next line. */
static void
expr_origin (yaml_node_t *n, guint *line, guint *col)
{
  yaml_scalar_style_t style = n->data.scalar.style;
  *line = bl_yaml_line (n);
  *col = bl_yaml_col (n);
  if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
    *col += 1;
}

/* A block scalar's content lines, as a line map for @src: where each
 * source line's text begins in the expression, and its column.  Literal
 * (|) content keeps its newlines; folded (>) content joins lines with a
 * space — either way each line adds its length plus one. */
static void
block_line_map (const Loader *l, yaml_node_t *n, BlExprLoc *loc)
{
  const char *p = l->data, *end = l->data + l->len;
  guint32 off = 0;
  int indent = -1;

  for (gsize line = 0; p < end && line <= n->start_mark.line; line++)
    p = memchr (p, '\n', (gsize) (end - p)) ? (char *) memchr (p, '\n', (gsize) (end - p)) + 1 : end;
  loc->line = bl_yaml_line (n) + 1;
  loc->line_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  loc->cols = g_array_new (FALSE, FALSE, sizeof (guint));
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize n_sp = strspn (p, " ");
      gsize len = (gsize) ((eol ? eol : end) - p);
      guint col;
      if (indent < 0)
        indent = (int) n_sp;
      if (len > n_sp && (int) n_sp < indent)
        break;
      col = (guint) MIN ((gsize) indent, len) + 1;
      g_array_append_val (loc->line_starts, off);
      g_array_append_val (loc->cols, col);
      off += (guint32) (len > (gsize) indent ? len - (gsize) indent : 0) + 1;
      if (eol == NULL)
        break;
      p = eol + 1;
    }
}

static BlExpr *
parse_expr_at (Loader *l, yaml_node_t *n, const char *src, guint offset_chars)
{
  g_autoptr(GError) err = NULL;
  BlExprLoc loc = { l->file, 0, 0, NULL, NULL };
  BlExpr *e;

  expr_origin (n, &loc.line, &loc.col);
  loc.col += offset_chars;
  if (is_block (n) && offset_chars == 0)
    block_line_map (l, n, &loc);
  e = bl_expr_parse_at (src, &loc, &err);
  if (e == NULL)
    bl_problems_add_raw (l->problems, bl_problems_message_line (err->message), err->message);
  if (loc.line_starts)
    {
      g_array_free (loc.line_starts, TRUE);
      g_array_free (loc.cols, TRUE);
    }
  return e;
}

static BlExpr *
expr_field (Loader *l, yaml_node_t *rule, const char *key)
{
  yaml_node_t *n = bl_yaml_get (l->doc, rule, key);
  if (n == NULL || bl_yaml_is_null (n))
    return NULL;
  if (n->type != YAML_SCALAR_NODE)
    {
      PROBLEM (l, n, "'%s' must be an expression", key);
      return NULL;
    }
  return parse_expr_at (l, n, bl_yaml_scalar (n), 0);
}

static gboolean
is_special (const char *name)
{
  static const char *const specials[] = { "lhs", "rhs", "diff", "row", "code",
                                          "column", "table", "part", "kind",
                                          "label", NULL };
  return g_strv_contains (specials, name);
}

/* "收入总计 {lhs} ≠ 支出总计 {rhs}" → literal / placeholder parts. */
static GPtrArray *
parse_template (Loader *l, yaml_node_t *n, const char *src)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) tpl_part_free);
  const char *p = src;

  while (*p)
    {
      const char *open = strchr (p, '{'), *close = NULL;
      BlTplPart *part;
      if (open && (close = strchr (open, '}')) == NULL)
        {
          guint line, col;
          expr_origin (n, &line, &col);
          bl_problems_add (l->problems, line,
                           col + (guint) g_utf8_strlen (src, open - src),
                           "unclosed '{' in message template");
        }
      if (open == NULL || close == NULL)
        {
          part = g_new0 (BlTplPart, 1);
          part->text = g_strdup (p);
          g_ptr_array_add (parts, part);
          break;
        }
      if (open > p)
        {
          part = g_new0 (BlTplPart, 1);
          part->text = g_strndup (p, (gsize) (open - p));
          g_ptr_array_add (parts, part);
        }
      part = g_new0 (BlTplPart, 1);
      part->text = g_strstrip (g_strndup (open + 1, (gsize) (close - open - 1)));
      part->special = is_special (part->text);
      if (!part->special)
        part->expr = parse_expr_at (l, n, part->text,
                                    (guint) g_utf8_strlen (src, open + 1 - src));
      g_ptr_array_add (parts, part);
      p = close + 1;
    }
  return parts;
}

static void
check_keys (Loader *l, yaml_node_t *rule)
{
  for (yaml_node_pair_t *p = rule->data.mapping.pairs.start;
       p < rule->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = bl_yaml_node (l->doc, p->key);
      const char *s = bl_yaml_scalar (k);
      if (s == NULL || !g_strv_contains (rule_keys, s))
        PROBLEM (l, k, "unknown rule key '%s'", s ? s : "?");
    }
}

static void
read_cases (Loader *l, BlRule *r, yaml_node_t *rule)
{
  yaml_node_t *cases = bl_yaml_get (l->doc, rule, "cases");

  r->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  if (cases == NULL)
    return;
  if (cases->type != YAML_SEQUENCE_NODE)
    {
      PROBLEM (l, cases, "'cases' must be a list");
      return;
    }
  for (guint i = 0; i < bl_yaml_seq_len (cases); i++)
    {
      yaml_node_t *c = bl_yaml_seq_get (l->doc, cases, i);
      const char *expect = scalar (l, c, "expect");
      yaml_node_t *filing = bl_yaml_get (l->doc, c, "filing");
      BlRuleCase *rc = g_new0 (BlRuleCase, 1);
      rc->name = g_strdup (scalar (l, c, "name"));
      rc->line = bl_yaml_line (c);
      if (g_strcmp0 (expect, "pass") == 0)
        rc->expect = EXPECT_PASS;
      else if (g_strcmp0 (expect, "fail") == 0)
        rc->expect = EXPECT_FAIL;
      else if (g_strcmp0 (expect, "notice") == 0)
        rc->expect = EXPECT_NOTICE;
      else
        PROBLEM (l, c, "a case needs 'expect: pass', 'fail' or 'notice'");
      if (filing == NULL)
        PROBLEM (l, c, "a case needs a 'filing'");
      else
        rc->filing = bl_input_yaml_from_node (l->doc, filing, l->file, TRUE,
                                              l->problems);
      g_ptr_array_add (r->cases, rc);
    }
}

static void
read_meta (Loader *l, BlRule *r, yaml_node_t *rule)
{
  const char *s;

  r->title = g_strdup (scalar (l, rule, "title"));
  if (r->title == NULL)
    PROBLEM (l, rule, "rule %s has no title", r->id);
  s = scalar (l, rule, "severity");
  if (!bl_severity_parse (s, &r->severity))
    PROBLEM (l, bl_yaml_get (l->doc, rule, "severity") ? bl_yaml_get (l->doc, rule, "severity") : rule,
             "severity must be error, warning or notice");
  s = scalar (l, rule, "confidence");
  if (s && strcmp (s, "likely") == 0)
    r->confidence = BL_CONFIDENCE_LIKELY;
  else if (s && strcmp (s, "certain") != 0)
    PROBLEM (l, bl_yaml_get (l->doc, rule, "confidence"), "confidence must be certain or likely");
  r->explain = g_strdup (scalar (l, rule, "explain"));
  s = scalar (l, rule, "rounding");
  if (s && strcmp (s, "quiet") == 0)
    r->rounding_quiet = TRUE;
  else if (s && strcmp (s, "notice") != 0)
    PROBLEM (l, bl_yaml_get (l->doc, rule, "rounding"), "rounding must be notice or quiet");
  r->part = g_strdup (scalar (l, rule, "part"));
  r->references = string_list (l, rule, "references");
  r->tables = string_list (l, rule, "tables");
  r->kinds = g_new0 (const char *, r->tables ? g_strv_length (r->tables) + 1 : 1);
  for (guint i = 0, n = 0; r->tables && r->tables[i]; i++)
    {
      const BlTableKind *k = bl_table_kind_lookup (r->tables[i]);
      if (k == NULL)
        PROBLEM (l, bl_yaml_get (l->doc, rule, "tables"), "unknown table kind '%s'",
                 r->tables[i]);
      else
        r->kinds[n++] = k->kind;
    }
  s = scalar (l, rule, "for");
  if (s == NULL || strcmp (s, "table") == 0)
    r->each = EACH_ONCE;
  else if (strcmp (s, "rows") == 0)
    r->each = EACH_ROW;
  else if (strcmp (s, "cells") == 0)
    r->each = EACH_CELL;
  else if (strcmp (s, "required") == 0)
    r->each = EACH_REQUIRED;
  else
    PROBLEM (l, bl_yaml_get (l->doc, rule, "for"), "'for' must be table, rows, cells or required");
  if (r->each == EACH_REQUIRED && r->tables)
    PROBLEM (l, rule, "rule %s runs for the required tables: it takes no 'tables'", r->id);
  if ((r->each == EACH_ROW || r->each == EACH_CELL) && r->tables == NULL)
    PROBLEM (l, rule, "rule %s iterates rows but names no 'tables'", r->id);
}

static void
read_rule (Loader *l, yaml_node_t *node)
{
  BlRule *r;
  const char *id = scalar (l, node, "id");
  yaml_node_t *msg;

  if (node->type != YAML_MAPPING_NODE)
    {
      PROBLEM (l, node, "a rule must be a mapping");
      return;
    }
  if (id == NULL || !g_regex_match_simple ("^[A-Za-z][A-Za-z0-9_.-]*$", id, 0, 0))
    {
      PROBLEM (l, node, "a rule needs an 'id' such as JS.01.balance");
      return;
    }
  if (g_hash_table_contains (l->pack->by_id, id))
    PROBLEM (l, node, "duplicate rule id %s", id);
  check_keys (l, node);
  r = g_new0 (BlRule, 1);
  r->id = g_strdup (id);
  r->origin = g_strdup_printf ("%s:%u", l->file, bl_yaml_line (node));
  read_meta (l, r, node);
  r->where = expr_field (l, node, "where");
  r->check = expr_field (l, node, "check");
  if (bl_yaml_get (l->doc, node, "check") == NULL)
    PROBLEM (l, node, "rule %s has no 'check'", id);
  msg = bl_yaml_get (l->doc, node, "message");
  if (bl_yaml_scalar (msg) == NULL)
    PROBLEM (l, node, "rule %s has no 'message'", id);
  else
    {
      r->message_src = g_strdup (bl_yaml_scalar (msg));
      r->message = parse_template (l, msg, r->message_src);
    }
  read_cases (l, r, node);
  g_ptr_array_add (l->pack->rules, r);
  if (!g_hash_table_contains (l->pack->by_id, r->id))
    g_hash_table_insert (l->pack->by_id, r->id, r);
}

static void
read_pack_header (Loader *l, yaml_node_t *root)
{
  yaml_node_t *meta = bl_yaml_get (l->doc, root, "pack");
  if (meta == NULL)
    return;
  if (l->pack->name == NULL)
    {
      l->pack->name = g_strdup (scalar (l, meta, "name"));
      l->pack->version = g_strdup (scalar (l, meta, "version"));
    }
}

/* catalog: {functional: [[201, 一般公共服务支出], …], economic: […]} */
static void
read_catalog (Loader *l, yaml_node_t *cat)
{
  static const char *const kinds[] = { "functional", "economic" };
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      yaml_node_t *list = bl_yaml_get (l->doc, cat, kinds[k]);
      for (guint i = 0; i < bl_yaml_seq_len (list); i++)
        {
          yaml_node_t *e = bl_yaml_seq_get (l->doc, list, i);
          const char *code = bl_yaml_seq_len (e) == 2 ? bl_yaml_scalar (bl_yaml_seq_get (l->doc, e, 0)) : NULL;
          const char *name = bl_yaml_seq_len (e) == 2 ? bl_yaml_scalar (bl_yaml_seq_get (l->doc, e, 1)) : NULL;
          BlCatalogEntry *entry;
          if (code == NULL || name == NULL)
            {
              PROBLEM (l, e, "a catalogue entry is [code, name]");
              continue;
            }
          entry = g_new0 (BlCatalogEntry, 1);
          entry->name = g_strdup (name);
          entry->kind = kinds[k];
          g_hash_table_replace (l->pack->catalog, g_strdup (code), entry);
        }
    }
}

/* Whether @node calls concept_value() on a phrase that leads, through
 * the entries of @pack, back to @start (@depth bounds the walk: a lexicon
 * is a few dozen entries, a chain longer than that is a cycle too).
 * *@phrase: the phrase of the first call on the way. */
static gboolean
reaches (const BlRulePack *pack, const BlNode *node, const BlLexEntry *start, guint depth,
         const char **phrase)
{
  if (node == NULL || depth > pack->lexicon->len)
    return node != NULL;
  if (node->kind == N_CALL && strcmp (node->text, "concept_value") == 0 && node->args->len == 1
      && ((const BlNode *) g_ptr_array_index (node->args, 0))->kind == N_STR)
    {
      const char *text = ((const BlNode *) g_ptr_array_index (node->args, 0))->text;
      g_autofree char *key = bl_label_key (text);
      for (guint i = 0; i < pack->lexicon->len; i++)
        {
          const BlLexEntry *e = g_ptr_array_index (pack->lexicon, i);
          if (!e->ref || !g_ptr_array_find_with_equal_func (e->phrases, key, g_str_equal, NULL))
            continue;
          if (e == start || reaches (pack, e->ref->root, start, depth + 1, phrase))
            {
              *phrase = text;
              return TRUE;
            }
        }
    }
  for (guint i = 0; node->args && i < node->args->len; i++)
    if (reaches (pack, g_ptr_array_index (node->args, i), start, depth, phrase))
      return TRUE;
  return reaches (pack, node->a, start, depth, phrase) || reaches (pack, node->b, start, depth, phrase);
}

/* A lexicon entry whose ref leads back to itself would evaluate forever:
 * a load error where it stands.  (Entries read later close a cycle with
 * the earlier ones, so each entry is checked as it is added.) */
static void
lexicon_cycle (Loader *l, const BlLexEntry *e)
{
  const char *phrase = NULL;
  if (e->ref && reaches (l->pack, e->ref->root, e, 0, &phrase))
    bl_problems_add (l->problems, e->line, e->col,
                     "lexicon entry refers back to itself through concept_value('%s')", phrase);
}

/* lexicon: [{phrases: [收入合计, 本年收入], section: 财政拨款, ref: "…"}] */
static void
read_lexicon (Loader *l, yaml_node_t *list)
{
  for (guint i = 0; i < bl_yaml_seq_len (list); i++)
    {
      yaml_node_t *n = bl_yaml_seq_get (l->doc, list, i);
      yaml_node_t *ref = bl_yaml_get (l->doc, n, "ref");
      g_auto(GStrv) phrases = string_list (l, n, "phrases");
      const char *section = scalar (l, n, "section");
      BlLexEntry *e;
      if (phrases == NULL || bl_yaml_scalar (ref) == NULL)
        {
          PROBLEM (l, n, "a lexicon entry needs 'phrases' and a 'ref' expression");
          continue;
        }
      e = g_new0 (BlLexEntry, 1);
      e->line = bl_yaml_line (n);
      e->col = bl_yaml_col (n);
      e->phrases = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; phrases[k]; k++)
        g_ptr_array_add (e->phrases, bl_label_key (phrases[k]));
      if (section && (e->section = g_regex_new (section, G_REGEX_OPTIMIZE, 0, NULL)) == NULL)
        PROBLEM (l, n, "section '%s' is not a regular expression", section);
      e->ref = parse_expr_at (l, ref, bl_yaml_scalar (ref), 0);
      g_ptr_array_add (l->pack->lexicon, e);
      lexicon_cycle (l, e);
    }
}

const BlLexEntry *
bl_rule_pack__lexicon_lookup (const BlRulePack *pack, const char *concept,
                              const char *section)
{
  g_autofree char *key = bl_label_key (concept);
  for (guint i = 0; i < pack->lexicon->len; i++)
    {
      const BlLexEntry *e = g_ptr_array_index (pack->lexicon, i);
      if (e->ref == NULL || (e->section && !g_regex_match (e->section, section ? section : "", 0, NULL)))
        continue;
      for (guint k = 0; k < e->phrases->len; k++)
        if (strcmp (key, g_ptr_array_index (e->phrases, k)) == 0)
          return e;
    }
  return NULL;
}

static void
load_into (BlRulePack *pack, const char *data, gsize len, const char *name,
           BlProblems *problems)
{
  g_autoptr(GError) err = NULL;
  g_autoptr(BlYamlDoc) doc = bl_yaml_doc_load (data, len, name, BL_ERROR_RULE_PACK, &err);
  Loader l = { doc, name, problems, pack, data, len };
  yaml_node_t *root, *rules;

  if (doc == NULL)
    {
      bl_problems_add_raw (problems, bl_problems_message_line (err->message), err->message);
      return;
    }
  root = bl_yaml_root (doc);
  read_pack_header (&l, root);
  if (bl_yaml_get (doc, root, "catalog"))
    read_catalog (&l, bl_yaml_get (doc, root, "catalog"));
  if (bl_yaml_get (doc, root, "lexicon"))
    read_lexicon (&l, bl_yaml_get (doc, root, "lexicon"));
  rules = bl_yaml_get (doc, root, "rules");
  if (rules == NULL && (bl_yaml_get (doc, root, "catalog") || bl_yaml_get (doc, root, "lexicon")))
    return;
  if (rules == NULL || rules->type != YAML_SEQUENCE_NODE)
    {
      PROBLEM (&l, root, "a rule pack needs a 'rules' list");
      return;
    }
  for (guint i = 0; i < bl_yaml_seq_len (rules); i++)
    read_rule (&l, bl_yaml_seq_get (doc, rules, i));
}

/* Only 类 names are unique: 行政运行 is an item of every 款. */
static void
index_classes (BlRulePack *pack)
{
  GHashTableIter it;
  gpointer code, entry;

  pack->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&it, pack->catalog);
  while (g_hash_table_iter_next (&it, &code, &entry))
    {
      const BlCatalogEntry *e = entry;
      if (strlen (code) == 3 && strcmp (e->kind, "functional") == 0)
        g_hash_table_insert (pack->classes, bl_label_key (e->name), code);
    }
}

static BlRulePack *
finish (BlRulePack *pack, BlProblems *problems, const char *name, GError **error)
{
  if (!bl_problems_finish (problems, BL_ERROR_RULE_PACK, error))
    {
      bl_rule_pack_free (pack);
      return NULL;
    }
  if (pack->name == NULL)
    pack->name = g_path_get_basename (name);
  if (pack->version == NULL)
    pack->version = g_strdup ("0");
  index_classes (pack);
  return pack;
}

BlRulePack *
bl_rule_pack_load_data (const char *data, gsize len, const char *name,
                        GError **error)
{
  BlRulePack *pack = pack_new ();
  BlProblems problems;

  bl_problems_init (&problems, name);
  load_into (pack, data, len, name, &problems);
  return finish (pack, &problems, name, error);
}

static gboolean
load_file_into (BlRulePack *pack, const char *path, BlProblems *problems,
                GError **error)
{
  g_autofree char *data = NULL;
  gsize len;
  const char *dir = problems->file;
  if (!bl_input__get_contents (path, BL_INPUT_MAX_TEXT, BL_ERROR_RULE_PACK, &data,
                               &len, error))
    return FALSE;
  problems->file = path;   /* positions name the file, not its directory */
  load_into (pack, data, len, path, problems);
  problems->file = dir;
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* A directory's *.yaml files, sorted so rule order is stable. */
static GPtrArray *
list_pack_files (const char *dir, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *files;
  const char *name;

  if (d == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".yaml") || g_str_has_suffix (name, ".yml"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_strings);
  return files;
}

BlRulePack *
bl_rule_pack_load_file (const char *path, GError **error)
{
  BlRulePack *pack;
  BlProblems problems;
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if ((files = list_pack_files (path, error)) == NULL)
        return NULL;
      if (files->len == 0)
        {
          g_set_error (error, BL_ERROR, BL_ERROR_RULE_PACK,
                       "%s: no *.yaml rule files in this directory", path);
          return NULL;
        }
    }
  else
    {
      files = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (files, g_strdup (path));
    }
  pack = pack_new ();
  bl_problems_init (&problems, path);
  for (guint i = 0; i < files->len; i++)
    if (!load_file_into (pack, g_ptr_array_index (files, i), &problems, error))
      {
        bl_problems_clear (&problems);
        bl_rule_pack_free (pack);
        return NULL;
      }
  return finish (pack, &problems, path, error);
}

/* ---- accessors ---- */

const char *bl_rule_pack_get_name (const BlRulePack *p) { return p->name; }
const char *bl_rule_pack_get_version (const BlRulePack *p) { return p->version; }
guint bl_rule_pack_get_n_rules (const BlRulePack *p) { return p->rules->len; }

const BlRule *
bl_rule_pack_get_rule (const BlRulePack *pack, guint i)
{
  g_return_val_if_fail (i < pack->rules->len, NULL);
  return g_ptr_array_index (pack->rules, i);
}

const BlRule *
bl_rule_pack_find_rule (const BlRulePack *pack, const char *id)
{
  return g_hash_table_lookup (pack->by_id, id);
}

const char *bl_rule_get_id (const BlRule *r) { return r->id; }
const char *bl_rule_get_title (const BlRule *r) { return r->title; }
BlSeverity bl_rule_get_severity (const BlRule *r) { return r->severity; }
const char *bl_rule_get_explanation (const BlRule *r) { return r->explain; }
const char *bl_rule_get_check (const BlRule *r) { return r->check ? r->check->src : ""; }
const char *bl_rule_get_message (const BlRule *r) { return r->message_src; }
const char *const *bl_rule_get_tables (const BlRule *r) { return (const char *const *) r->tables; }
guint bl_rule_get_n_cases (const BlRule *r) { return r->cases->len; }
const char *bl_rule_get_origin (const BlRule *r) { return r->origin; }
