/* Baselines: findings accepted for now, by file and fingerprint, each with
 * a place for the reason.  A YAML file people edit and review:
 *
 *   budgetlint-baseline: 1
 *   findings:
 *     - file: samples/zengdu-2023-broken.yaml
 *       fingerprint: 6c0f4be5d2a0c0a1
 *       rule: JS.01.balance
 *       where: 收入支出决算总表 / 总计 / 金额
 *       message: "收支平衡：…"
 *       justification: ""
 *
 * Only file and fingerprint match; the rest says what the entry was. */

#include "report.h"
#include "../yamldoc.h"
#include "../input/input.h"

#include <string.h>

void
bl_baseline__entry_free (BlBaselineEntry *e)
{
  g_free (e->path);
  g_free (e->fingerprint);
  g_free (e->rule);
  g_free (e->where);
  g_free (e->message);
  g_free (e->justification);
  g_free (e);
}

static char *
index_key (const char *path, const char *fingerprint)
{
  return g_strconcat (path, "\x1f", fingerprint, NULL);
}

BlBaselineEntry *
bl_baseline__lookup (BlBaseline *b, const char *path, const char *fingerprint)
{
  g_autofree char *key = index_key (path, fingerprint);
  return g_hash_table_lookup (b->index, key);
}

static BlBaseline *
baseline_new (void)
{
  BlBaseline *b = g_new0 (BlBaseline, 1);
  b->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bl_baseline__entry_free);
  b->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return b;
}

void
bl_baseline_free (BlBaseline *baseline)
{
  if (baseline == NULL)
    return;
  g_hash_table_destroy (baseline->index);
  g_ptr_array_free (baseline->entries, TRUE);
  g_free (baseline);
}

guint
bl_baseline_get_n (const BlBaseline *baseline)
{
  return baseline->entries->len;
}

static gboolean
fail (GError **error, const char *name, yaml_node_t *n, const char *what)
{
  g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s:%u:%u: %s", name,
               bl_yaml_line (n), bl_yaml_col (n), what);
  return FALSE;
}

static char *
dup_field (BlYamlDoc *d, yaml_node_t *entry, const char *key)
{
  return g_strdup (bl_yaml_scalar (bl_yaml_get (d, entry, key)));
}

static gboolean
read_entry (BlBaseline *b, BlYamlDoc *d, yaml_node_t *n, const char *name,
            GError **error)
{
  BlBaselineEntry *e;

  if (n->type != YAML_MAPPING_NODE)
    return fail (error, name, n, "a baseline entry is a mapping");
  if (bl_yaml_scalar (bl_yaml_get (d, n, "file")) == NULL
      || bl_yaml_scalar (bl_yaml_get (d, n, "fingerprint")) == NULL)
    return fail (error, name, n, "a baseline entry needs file and fingerprint");
  e = g_new0 (BlBaselineEntry, 1);
  e->path = dup_field (d, n, "file");
  e->fingerprint = dup_field (d, n, "fingerprint");
  e->rule = dup_field (d, n, "rule");
  e->where = dup_field (d, n, "where");
  e->message = dup_field (d, n, "message");
  e->justification = dup_field (d, n, "justification");
  if (e->rule == NULL)
    e->rule = g_strdup ("");
  g_ptr_array_add (b->entries, e);
  g_hash_table_replace (b->index, index_key (e->path, e->fingerprint), e);
  return TRUE;
}

BlBaseline *
bl_baseline_load_data (const char *data, gsize len, const char *name,
                       GError **error)
{
  g_autoptr(BlYamlDoc) d = bl_yaml_doc_load (data, len, name, BL_ERROR_INPUT, error);
  g_autoptr(BlBaseline) b = NULL;
  yaml_node_t *root, *list;

  if (d == NULL)
    return NULL;
  root = bl_yaml_root (d);
  if (bl_yaml_get (d, root, "budgetlint-baseline") == NULL)
    {
      fail (error, name, root, "not a baseline: expected 'budgetlint-baseline: 1'");
      return NULL;
    }
  list = bl_yaml_get (d, root, "findings");
  if (list && !bl_yaml_is_null (list) && list->type != YAML_SEQUENCE_NODE)
    {
      fail (error, name, list, "'findings' is a list");
      return NULL;
    }
  b = baseline_new ();
  for (guint i = 0; i < bl_yaml_seq_len (list); i++)
    if (!read_entry (b, d, bl_yaml_seq_get (d, list, i), name, error))
      return NULL;
  return g_steal_pointer (&b);
}

BlBaseline *
bl_baseline_load_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  /* A baseline lists the findings of a whole batch: it may be larger
   * than one filing, never without bound. */
  if (!bl_input__get_contents (path, BL_INPUT_MAX_BINARY, BL_ERROR_INPUT, &data, &len, error))
    return NULL;
  return bl_baseline_load_data (data, len, path, error);
}

/* A double-quoted YAML scalar: any text survives. */
static void
yaml_quoted (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) (s ? s : ""); *p; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\x%02x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

void
bl_report_write_baseline (const BlReport *report, GString *out)
{
  GPtrArray *entries = report->recorded;

  g_string_append (out,
                   "# budgetlint baseline: findings accepted for now.\n"
                   "# `budgetlint check --baseline FILE` hides them and reports entries\n"
                   "# that no longer match.  Say why each is accepted in its justification.\n"
                   "budgetlint-baseline: 1\n");
  if (entries == NULL || entries->len == 0)
    {
      g_string_append (out, "findings: []\n");
      return;
    }
  g_string_append (out, "findings:\n");
  for (guint i = 0; i < entries->len; i++)
    {
      const BlBaselineEntry *e = g_ptr_array_index (entries, i);
      g_string_append (out, "  - file: ");
      yaml_quoted (out, e->path);
      g_string_append_printf (out, "\n    fingerprint: \"%s\"\n    rule: ", e->fingerprint);
      yaml_quoted (out, e->rule);
      g_string_append (out, "\n    where: ");
      yaml_quoted (out, e->where);
      g_string_append (out, "\n    message: ");
      yaml_quoted (out, e->message);
      g_string_append (out, "\n    justification: ");
      yaml_quoted (out, e->justification);
      g_string_append_c (out, '\n');
    }
}
