/* Table templates: the kinds' titles, keys, parts and column aliases.
 * Recognition is data-driven: a new title variant or column alias is a
 * line of YAML in rules/templates/, not C. */

#include "template.h"
#include "yamldoc.h"
#include "ledger.h"

#include <string.h>

extern const char bl_templates_data[];
extern const unsigned long bl_templates_size;

static char **
string_list (BlYamlDoc *d, yaml_node_t *map, const char *key)
{
  yaml_node_t *n = bl_yaml_get (d, map, key);
  GPtrArray *out;
  if (n == NULL || n->type != YAML_SEQUENCE_NODE)
    return NULL;
  out = g_ptr_array_new ();
  for (guint i = 0; i < bl_yaml_seq_len (n); i++)
    {
      const char *s = bl_yaml_scalar (bl_yaml_seq_get (d, n, i));
      if (s)
        g_ptr_array_add (out, g_strdup (s));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static GPtrArray *
key_list (BlYamlDoc *d, yaml_node_t *map, const char *key,
          char *(*fold) (const char *))
{
  g_auto(GStrv) raw = string_list (d, map, key);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; raw && raw[i]; i++)
    g_ptr_array_add (out, fold (raw[i]));
  return out;
}

static int
longer_first (gconstpointer a, gconstpointer b)
{
  return (int) strlen (*(char *const *) b) - (int) strlen (*(char *const *) a);
}

/* A sequence of scalars as a NULL-terminated array, the row names (from
 * the third on) as label keys. */
static char **
total_target (BlYamlDoc *d, yaml_node_t *n)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < bl_yaml_seq_len (n); i++)
    {
      const char *s = bl_yaml_scalar (bl_yaml_seq_get (d, n, i));
      if (s)
        g_ptr_array_add (out, i >= 2 ? bl_label_key (s) : g_strdup (s));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* total_in: one [kind, part, row …] or a list of them. */
static GPtrArray *
read_total_in (BlYamlDoc *d, yaml_node_t *n)
{
  GPtrArray *out;
  yaml_node_t *first;
  if (n == NULL || n->type != YAML_SEQUENCE_NODE || bl_yaml_seq_len (n) == 0)
    return NULL;
  out = g_ptr_array_new ();
  first = bl_yaml_seq_get (d, n, 0);
  if (first->type != YAML_SEQUENCE_NODE)
    g_ptr_array_add (out, total_target (d, n));
  else
    for (guint i = 0; i < bl_yaml_seq_len (n); i++)
      g_ptr_array_add (out, total_target (d, bl_yaml_seq_get (d, n, i)));
  return out;
}

static BlColumnSpec *
read_column (BlYamlDoc *d, yaml_node_t *n)
{
  BlColumnSpec *c = g_new0 (BlColumnSpec, 1);
  c->name = g_strdup (bl_yaml_scalar (bl_yaml_get (d, n, "name")));
  c->group = g_strdup (bl_yaml_scalar (bl_yaml_get (d, n, "group")));
  c->aliases = key_list (d, n, "aliases", bl_label_key);
  c->rare = g_strcmp0 (bl_yaml_scalar (bl_yaml_get (d, n, "rare")), "true") == 0;
  c->total_in = read_total_in (d, bl_yaml_get (d, n, "total_in"));
  c->same_as = string_list (d, n, "same_as");
  if (c->same_as && g_strv_length (c->same_as) != 3)
    g_error ("rules/templates: same_as wants [kind, column, row]: %s", c->name);
  if (c->same_as)
    {
      char *k = bl_label_key (c->same_as[2]);
      g_free (c->same_as[2]);
      c->same_as[2] = k;
    }
  if (c->name)
    g_ptr_array_add (c->aliases, bl_label_key (c->name));
  return c;
}

/* "合计 = 基本支出 + 项目支出": names separated by " + " and " - ". */
static BlSumSpec *
parse_sum (const char *text)
{
  g_auto(GStrv) sides = g_strsplit (text, " = ", 2);
  BlSumSpec *s;
  int sign = 1;

  if (g_strv_length (sides) != 2)
    g_error ("rules/templates: identity without ' = ': %s", text);
  s = g_new0 (BlSumSpec, 1);
  s->total = g_strdup (g_strstrip (sides[0]));
  s->terms = g_ptr_array_new ();
  s->signs = g_array_new (FALSE, FALSE, sizeof (int));
  {
    g_auto(GStrv) words = g_strsplit (sides[1], " ", -1);
    for (guint i = 0; words[i]; i++)
      {
        if (*words[i] == '\0')
          continue;
        if (strcmp (words[i], "+") == 0 || strcmp (words[i], "-") == 0)
          {
            sign = *words[i] == '-' ? -1 : 1;
            continue;
          }
        g_ptr_array_add (s->terms, g_strdup (words[i]));
        g_array_append_val (s->signs, sign);
        sign = 1;
      }
  }
  return s;
}

/* "a|b" → the label keys of a and b, joined by "|". */
static char *
key_alternatives (const char *names)
{
  g_auto(GStrv) alt = g_strsplit (names, "|", -1);
  for (guint i = 0; alt[i]; i++)
    {
      char *k = bl_label_key (alt[i]);
      g_free (alt[i]);
      alt[i] = k;
    }
  return g_strjoinv ("|", alt);
}

static GPtrArray *
read_sums (BlYamlDoc *d, yaml_node_t *map)
{
  g_auto(GStrv) raw = string_list (d, map, "sums");
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; raw && raw[i]; i++)
    g_ptr_array_add (out, parse_sum (raw[i]));
  return out;
}

/* A part's sums down its rows, names as label keys (each of "a|b"). */
static GPtrArray *
read_down (BlYamlDoc *d, yaml_node_t *map)
{
  g_auto(GStrv) raw = string_list (d, map, "down");
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; raw && raw[i]; i++)
    {
      BlSumSpec *s = parse_sum (raw[i]);
      char *k = key_alternatives (s->total);
      g_free ((char *) s->total);
      s->total = k;
      for (guint t = 0; t < s->terms->len; t++)
        {
          char *term = g_ptr_array_index (s->terms, t);
          if (strcmp (term, BL_ROWS_ABOVE) != 0 && strcmp (term, BL_ROWS_BELOW) != 0)
            {
              g_ptr_array_index (s->terms, t) = key_alternatives (term);
              g_free (term);
            }
        }
      g_ptr_array_add (out, s);
    }
  return out;
}

static void
read_columns (BlYamlDoc *d, yaml_node_t *cols, GPtrArray *out)
{
  for (guint i = 0; i < bl_yaml_seq_len (cols); i++)
    g_ptr_array_add (out, read_column (d, bl_yaml_seq_get (d, cols, i)));
}

static BlKindSpec *
read_kind (BlYamlDoc *d, yaml_node_t *n)
{
  BlKindSpec *k = g_new0 (BlKindSpec, 1);
  yaml_node_t *parts = bl_yaml_get (d, n, "parts");

  k->kind = g_strdup (bl_yaml_scalar (bl_yaml_get (d, n, "kind")));
  {
    g_auto(GStrv) raw = string_list (d, n, "titles");
    k->title = g_strdup (raw && raw[0] ? raw[0] : k->kind);
  }
  k->titles = key_list (d, n, "titles", bl_title_key);
  g_ptr_array_sort (k->titles, longer_first);
  k->keys = string_list (d, n, "keys");
  k->empty = key_list (d, n, "empty", bl_title_key);
  k->sections = key_list (d, n, "sections", bl_title_key);
  k->qualifiers = key_list (d, n, "qualifiers", bl_label_key);
  k->any_prefix = g_strcmp0 (bl_yaml_scalar (bl_yaml_get (d, n, "title_prefix")), "any") == 0;
  k->performance = g_str_has_suffix (k->kind, "_performance");
  g_ptr_array_sort (k->sections, longer_first);
  k->columns = g_ptr_array_new ();
  k->parts = g_ptr_array_new ();
  read_columns (d, bl_yaml_get (d, n, "columns"), k->columns);
  k->sums = read_sums (d, n);
  for (guint i = 0; i < bl_yaml_seq_len (parts); i++)
    {
      yaml_node_t *pn = bl_yaml_seq_get (d, parts, i);
      BlPartSpec *p = g_new0 (BlPartSpec, 1);
      p->name = g_strdup (bl_yaml_scalar (bl_yaml_get (d, pn, "part")));
      p->columns = g_ptr_array_new ();
      read_columns (d, bl_yaml_get (d, pn, "columns"), p->columns);
      p->sums = read_sums (d, pn);
      p->rows = key_list (d, pn, "rows", bl_label_key);
      p->down = read_down (d, pn);
      g_ptr_array_extend (k->columns, p->columns, NULL, NULL);
      g_ptr_array_add (k->parts, p);
    }
  return k;
}

static GPtrArray *families;
static GHashTable *catalog;      /* code → name, both owned */
static GPtrArray *class_keys;    /* label keys of the functional 类 */
static GHashTable *words;        /* rules/lexicon.yaml's words: name → "(?:a|b)" */

static void
read_catalog (BlYamlDoc *d, yaml_node_t *root)
{
  static const char *const lists[] = { "functional", "economic" };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      yaml_node_t *seq = bl_yaml_get (d, root, lists[l]);
      for (guint i = 0; i < bl_yaml_seq_len (seq); i++)
        {
          yaml_node_t *e = bl_yaml_seq_get (d, seq, i);
          const char *code = bl_yaml_scalar (bl_yaml_seq_get (d, e, 0));
          const char *name = bl_yaml_scalar (bl_yaml_seq_get (d, e, 1));
          if (code && name)
            g_hash_table_insert (catalog, g_strdup (code), g_strdup (name));
          if (code && name && l == 0 && strlen (code) == 3)
            g_ptr_array_add (class_keys, bl_label_key (name));
        }
    }
}

static BlFamilySpec *
read_family (BlYamlDoc *d, yaml_node_t *root)
{
  BlFamilySpec *f = g_new0 (BlFamilySpec, 1);
  yaml_node_t *tables = bl_yaml_get (d, root, "tables");

  f->name = g_strdup (bl_yaml_scalar (bl_yaml_get (d, root, "family")));
  f->title = g_strdup (bl_yaml_scalar (bl_yaml_get (d, root, "title")));
  f->tables = g_ptr_array_new ();
  for (guint i = 0; i < bl_yaml_seq_len (tables); i++)
    {
      yaml_node_t *n = bl_yaml_seq_get (d, tables, i);
      BlFamilyTable *t = g_new0 (BlFamilyTable, 1);
      t->kind = g_strdup (bl_yaml_scalar (bl_yaml_get (d, n, "kind")));
      t->label = g_strdup (bl_yaml_scalar (bl_yaml_get (d, n, "label")));
      t->optional = g_strcmp0 (bl_yaml_scalar (bl_yaml_get (d, n, "optional")), "true") == 0;
      g_ptr_array_add (f->tables, t);
    }
  return f;
}

/* words: {original: [年初预算…, …], …}: each list becomes one group of
 * alternatives.  A word is a regular expression without capturing groups
 * (the reader's own patterns number theirs). */
static void
read_words (BlYamlDoc *d, yaml_node_t *map)
{
  if (map == NULL || map->type != YAML_MAPPING_NODE)
    g_error ("rules/lexicon.yaml: words must be a mapping of lists");
  for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++)
    {
      const char *name = bl_yaml_scalar (bl_yaml_node (d, pair->key));
      yaml_node_t *list = bl_yaml_node (d, pair->value);
      GString *alt = g_string_new ("(?:");
      for (guint i = 0; i < bl_yaml_seq_len (list); i++)
        {
          const char *w = bl_yaml_scalar (bl_yaml_seq_get (d, list, i));
          g_autoptr(GRegex) re = w ? g_regex_new (w, 0, 0, NULL) : NULL;
          if (re == NULL || g_regex_get_capture_count (re) != 0)
            g_error ("rules/lexicon.yaml: words %s: '%s' is not a pattern without groups", name, w);
          g_string_append_printf (alt, "%s%s", i ? "|" : "", w);
        }
      g_string_append_c (alt, ')');
      g_hash_table_insert (words, g_strdup (name), g_string_free (alt, FALSE));
    }
}

static GPtrArray *
load_specs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = bl_yaml_doc_load_all (bl_templates_data, bl_templates_size,
                                                    "rules/templates", BL_ERROR_INPUT, &error);
  GPtrArray *specs = g_ptr_array_new ();

  /* The data is part of the build: a broken file fails `make check`. */
  if (docs == NULL)
    g_error ("%s", error->message);
  families = g_ptr_array_new ();
  catalog = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  class_keys = g_ptr_array_new ();
  words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < docs->len; i++)
    {
      BlYamlDoc *d = g_ptr_array_index (docs, i);
      yaml_node_t *kinds = bl_yaml_get (d, bl_yaml_root (d), "kinds");
      yaml_node_t *cat = bl_yaml_get (d, bl_yaml_root (d), "catalog");
      if (cat)
        read_catalog (d, cat);
      if (bl_yaml_get (d, bl_yaml_root (d), "words"))
        read_words (d, bl_yaml_get (d, bl_yaml_root (d), "words"));
      if (bl_yaml_get (d, bl_yaml_root (d), "family"))
        g_ptr_array_add (families, read_family (d, bl_yaml_root (d)));
      for (guint k = 0; k < bl_yaml_seq_len (kinds); k++)
        g_ptr_array_add (specs, read_kind (d, bl_yaml_seq_get (d, kinds, k)));
    }
  return specs;
}

const GPtrArray *
bl_kind_specs (void)
{
  static GPtrArray *specs;
  if (g_once_init_enter (&specs))
    g_once_init_leave (&specs, load_specs ());
  return specs;
}

const char *
bl_catalog_name (const char *code)
{
  bl_kind_specs ();
  return code ? g_hash_table_lookup (catalog, code) : NULL;
}

const char *
bl_words (const char *name)
{
  const char *w;
  bl_kind_specs ();
  if ((w = g_hash_table_lookup (words, name)) == NULL)
    g_error ("rules/lexicon.yaml has no words '%s'", name);
  return w;
}

GRegex *
bl_words_regex (GRegex **cache, const char *pattern)
{
  if (g_once_init_enter (cache))
    {
      GString *p = g_string_new (NULL);
      GRegex *re;
      for (const char *c = pattern; *c; c++)
        {
          const char *end = *c == '{' ? strchr (c, '}') : NULL;
          g_autofree char *name = end ? g_strndup (c + 1, (gsize) (end - c - 1)) : NULL;
          if (name && *name && strspn (name, "abcdefghijklmnopqrstuvwxyz_") == strlen (name))
            {
              g_string_append (p, bl_words (name));
              c = end;
            }
          else
            g_string_append_c (p, *c);
        }
      re = g_regex_new (p->str, G_REGEX_OPTIMIZE, 0, NULL);
      if (re == NULL)
        g_error ("words pattern does not compile: %s", p->str);
      g_string_free (p, TRUE);
      g_once_init_leave (cache, re);
    }
  return *cache;
}

const BlFamilySpec *
bl_family_lookup (const char *name)
{
  bl_kind_specs ();
  for (guint i = 0; name && i < families->len; i++)
    {
      const BlFamilySpec *f = g_ptr_array_index (families, i);
      if (g_strcmp0 (f->name, name) == 0)
        return f;
    }
  return NULL;
}

/* The statutory tables make a family; prose and self-evaluations do not. */
static gboolean
family_member (const BlTable *t)
{
  const BlKindSpec *k = bl_kind_spec_lookup (t->kind);
  return k && !k->performance && strcmp (t->kind, "narrative") != 0;
}

/* +2 for a table whose kind the family has under the same label, +1 for
 * the kind alone where either side has no label, −2 for the kind under
 * another label (三公 at 07 is not the family with 三公 at 09), −1 for a
 * table the family requires and the filing lacks. */
static int
family_score (const BlFamilySpec *fam, const BlFiling *filing)
{
  int score = 0;
  for (guint i = 0; i < filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      int best = -1;
      if (!family_member (t))
        continue;
      for (guint k = 0; k < fam->tables->len; k++)
        {
          const BlFamilyTable *ft = g_ptr_array_index (fam->tables, k);
          if (g_strcmp0 (ft->kind, t->kind) != 0)
            continue;
          if (ft->label == NULL && t->label == NULL)
            best = MAX (best, 2);   /* neither prints 公开NN: Shanghai-like */
          else if (ft->label == NULL || t->label == NULL)
            best = MAX (best, 1);
          else
            best = MAX (best, strcmp (ft->label, t->label) == 0 ? 2 : -2);
        }
      score += best;
    }
  /* −1 for each table the family requires that the filing lacks: of two
   * families without labels, the one the tables fill wins (Shanghai's nine
   * are also among Sichuan's thirteen). */
  for (guint k = 0; k < fam->tables->len; k++)
    {
      const BlFamilyTable *ft = g_ptr_array_index (fam->tables, k);
      if (!ft->optional && bl_filing_find_table (filing, ft->kind) == NULL)
        score--;
    }
  return score;
}

const BlFamilySpec *
bl_family_infer (const BlFiling *filing)
{
  const BlFamilySpec *best = NULL;
  int best_score = 0;
  gboolean tied = FALSE;   /* two families fit as well: neither is known */

  bl_kind_specs ();
  for (guint i = 0; i < families->len; i++)
    {
      const BlFamilySpec *f = g_ptr_array_index (families, i);
      int score = family_score (f, filing);
      if (score > best_score)
        best = f, best_score = score, tied = FALSE;
      else if (score == best_score && best)
        tied = TRUE;
    }
  {
    int n = 0;
    for (guint i = 0; i < filing->tables->len; i++)
      n += family_member (g_ptr_array_index (filing->tables, i));
    return n > 0 && best_score >= n && !tied ? best : NULL;
  }
}

const BlKindSpec *
bl_kind_spec_lookup (const char *kind)
{
  const GPtrArray *specs = bl_kind_specs ();
  for (guint i = 0; i < specs->len; i++)
    {
      const BlKindSpec *k = g_ptr_array_index (specs, i);
      if (g_strcmp0 (k->kind, kind) == 0)
        return k;
    }
  return NULL;
}

char *
bl_title_key (const char *text)
{
  g_autofree char *k = bl_label_key (text);
  GString *s = g_string_new (NULL);
  gsize half;

  for (const char *p = k; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '"' || c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x301D
          || c == 0x301E || c == 0x300C || c == 0x300D)
        continue;
      g_string_append_unichar (s, c);
    }
  half = s->len / 2;
  if (s->len % 2 == 0 && half > 0 && memcmp (s->str, s->str + half, half) == 0)
    g_string_truncate (s, half);
  return g_string_free (s, FALSE);
}

/* What may stand around a title on its line: ordinals, 公开NN表, 表N, a
 * year, 附件/附表 numbering. */
static gboolean
is_title_noise (const char *s)
{
  static GRegex *noise;
  if (g_once_init_enter (&noise))
    g_once_init_leave (&noise, g_regex_new (
      "^((附件|附表|表)?[0-9一二三四五六七八九十]*[、.:：]?|公开[0-9]+表|"
      "[0-9]{4}年度?|部门|单位)*$", G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (noise, s, 0, NULL);
}

const BlKindSpec *
bl_kind_spec_match_title (const char *text)
{
  g_autofree char *key = bl_title_key (text);
  const GPtrArray *specs = bl_kind_specs ();
  const BlKindSpec *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < specs->len; i++)
    {
      const BlKindSpec *k = g_ptr_array_index (specs, i);
      for (guint t = 0; t < k->titles->len; t++)
        {
          const char *title = g_ptr_array_index (k->titles, t);
          const char *at = strstr (key, title);
          gsize len = strlen (title);
          g_autofree char *pre = NULL;
          if (at == NULL || len <= best_len)
            continue;
          pre = g_strndup (key, (gsize) (at - key));
          if ((k->any_prefix ? g_utf8_strlen (pre, -1) <= 40 : is_title_noise (pre))
              && is_title_noise (at + len))
            {
              best = k;
              best_len = len;
            }
        }
    }
  return best;
}

const char *
bl_kind_spec_match_section (const BlKindSpec *spec, const char *text)
{
  g_autofree char *key = bl_title_key (text);
  for (guint i = 0; i < spec->sections->len; i++)
    if (strcmp (key, g_ptr_array_index (spec->sections, i)) == 0)
      return g_ptr_array_index (spec->sections, i);
  return NULL;
}

const GPtrArray *
bl_kind_spec_sums (const BlKindSpec *spec, const char *part_name)
{
  const BlPartSpec *ps = part_name ? bl_kind_spec_part (spec, part_name) : NULL;
  return ps ? ps->sums : spec->sums;
}

const BlPartSpec *
bl_kind_spec_part (const BlKindSpec *spec, const char *name)
{
  for (guint p = 0; p < spec->parts->len; p++)
    {
      const BlPartSpec *ps = g_ptr_array_index (spec->parts, p);
      if (g_strcmp0 (ps->name, name) == 0)
        return ps;
    }
  return NULL;
}

const BlColumnSpec *
bl_part_spec_column (const BlPartSpec *ps, const char *name)
{
  for (guint i = 0; i < ps->columns->len; i++)
    {
      const BlColumnSpec *cs = g_ptr_array_index (ps->columns, i);
      if (g_strcmp0 (cs->name, name) == 0)
        return cs;
    }
  return NULL;
}

/* The part whose `rows` list @key, or NULL. */
static const BlPartSpec *
listing_part (const BlKindSpec *spec, const char *key)
{
  for (guint p = 0; p < spec->parts->len; p++)
    {
      const BlPartSpec *ps = g_ptr_array_index (spec->parts, p);
      for (guint r = 0; r < ps->rows->len; r++)
        if (strcmp (g_ptr_array_index (ps->rows, r), key) == 0)
          return ps;
    }
  return NULL;
}

gboolean
bl_kind_spec_row_listed (const BlKindSpec *spec, const char *key)
{
  return listing_part (spec, key) != NULL;
}

/* Calls @fn on each label a two-sided table of @spec prints: the rows
 * its parts list, the 类 of 支出功能分类, 合计 and 总计; stops at TRUE. */
static gboolean
some_label (const BlKindSpec *spec, gboolean (*fn) (const char *label, const char *key),
            const char *key)
{
  static const char *const totals[] = { "合计", "总计" };
  bl_kind_specs ();
  for (guint p = 0; p < spec->parts->len; p++)
    {
      const BlPartSpec *ps = g_ptr_array_index (spec->parts, p);
      for (guint r = 0; r < ps->rows->len; r++)
        if (fn (g_ptr_array_index (ps->rows, r), key))
          return TRUE;
    }
  for (guint i = 0; i < class_keys->len; i++)
    if (fn (g_ptr_array_index (class_keys, i), key))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    if (fn (totals[i], key))
      return TRUE;
  return FALSE;
}

static gboolean
is_label (const char *label, const char *key)
{
  return strcmp (label, key) == 0;
}

gboolean
bl_catalog_is_class (const char *key)
{
  bl_kind_specs ();
  for (guint i = 0; i < class_keys->len; i++)
    if (is_label (g_ptr_array_index (class_keys, i), key))
      return TRUE;
  return FALSE;
}

static gboolean
begins_label (const char *label, const char *key)
{
  return g_str_has_prefix (label, key) && strcmp (label, key) != 0;
}

gboolean
bl_kind_spec_label_known (const BlKindSpec *spec, const char *key)
{
  return some_label (spec, is_label, key);
}

gboolean
bl_kind_spec_label_begun (const BlKindSpec *spec, const char *key)
{
  return *key && some_label (spec, begins_label, key);
}

const BlPartSpec *
bl_kind_spec_part_of_row (const BlKindSpec *spec, const char *key)
{
  const BlPartSpec *listed = listing_part (spec, key);
  if (listed)
    return listed;
  for (guint p = 0; p < spec->parts->len; p++)
    {
      const BlPartSpec *ps = g_ptr_array_index (spec->parts, p);
      if (g_strcmp0 (ps->name, "支出") == 0
          && g_str_has_suffix (key, "支出"))
        return ps;
    }
  return NULL;
}

const BlColumnSpec *
bl_kind_spec_column (const BlKindSpec *spec, const char *name)
{
  for (guint i = 0; name && i < spec->columns->len; i++)
    {
      const BlColumnSpec *c = g_ptr_array_index (spec->columns, i);
      if (g_strcmp0 (c->name, name) == 0)
        return c;
    }
  return NULL;
}

gboolean
bl_kind_spec_has_key (const BlKindSpec *spec, const char *key)
{
  return spec->keys && g_strv_contains ((const char *const *) spec->keys, key);
}

const BlColumnSpec *
bl_kind_spec_match_column (const BlKindSpec *spec, const char *header_key)
{
  for (guint i = 0; i < spec->columns->len; i++)
    {
      const BlColumnSpec *c = g_ptr_array_index (spec->columns, i);
      for (guint a = 0; a < c->aliases->len; a++)
        if (strcmp (g_ptr_array_index (c->aliases, a), header_key) == 0)
          return c;
    }
  return NULL;
}
