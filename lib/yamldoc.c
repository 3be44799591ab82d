#include "yamldoc.h"
#include "source.h"

#include <string.h>

const char bl_yaml__too_deep[] =
  "嵌套超过 " G_STRINGIFY (BL_YAML_MAX_DEPTH) " 层，不予读取（nested too deeply）";

void
bl_yaml__set_error (GError **error, int code, const char *name,
                    const yaml_parser_t *parser, const char *data)
{
  yaml_mark_t m = parser->problem_mark;
  guint line, col;

  /* A byte libyaml cannot decode has an offset, no mark. */
  if (parser->error == YAML_READER_ERROR)
    {
      bl_source__locate (data, parser->problem_offset, &line, &col);
      g_set_error (error, BL_ERROR, code,
                   "%s:%u:%u: YAML: 第 %zu 字节 0x%02X 无法读出（%s）", name, line,
                   col, parser->problem_offset + 1,
                   (guint) (guchar) data[parser->problem_offset], parser->problem);
      return;
    }
  g_set_error (error, BL_ERROR, code, "%s:%zu:%zu: YAML: %s%s%s", name,
               m.line + 1, m.column + 1,
               parser->problem ? parser->problem : "syntax error",
               parser->context ? " " : "",
               parser->context ? parser->context : "");
}

/* Depth is capped on libyaml's own events, not by a scan of the bytes
 * beforehand.  Its scanner keeps a slot for every open flow collection
 * and walks them all for each token, so its time grows with the square
 * of the depth (100,000 `[`: half a minute); stopped at the first event
 * past the limit, it has held at most the limit plus its look-ahead
 * (1024 characters of one line), so refusing any input, however big,
 * costs milliseconds.  A scan of the bytes would have to know quoting,
 * comments and block scalars exactly as libyaml does, or else refuse a
 * good file or pass a deep one; the events count what the loader will
 * build.  yaml_parser_load() gives no events, so its input is parsed
 * twice: once here, up to the end of the first document (@all: of the
 * stream), then by the loader.  A syntax error passes here: the loader
 * reports it. */
static gboolean
check_depth (const char *data, gsize len, gboolean all, const char *name,
             int code, GError **error)
{
  yaml_parser_t parser;
  yaml_event_t ev;
  guint depth = 0;
  gboolean deep = FALSE, done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);
  while (!done && !deep && yaml_parser_parse (&parser, &ev))
    {
      if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
        deep = ++depth > BL_YAML_MAX_DEPTH;
      else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
        depth--;
      else
        done = ev.type == YAML_STREAM_END_EVENT
               || (!all && ev.type == YAML_DOCUMENT_END_EVENT);
      if (deep)
        {
          parser.problem = bl_yaml__too_deep;
          parser.problem_mark = ev.start_mark;
          parser.context = NULL;
          bl_yaml__set_error (error, code, name, &parser, data);
        }
      yaml_event_delete (&ev);
    }
  yaml_parser_delete (&parser);
  return !deep;
}

BlYamlDoc *
bl_yaml_doc_load (const char *data, gsize len, const char *name, int code,
                  GError **error)
{
  yaml_parser_t parser;
  BlYamlDoc *d = g_new0 (BlYamlDoc, 1);
  gboolean ok;

  if (!check_depth (data, len, FALSE, name, code, error))
    {
      g_free (d);
      return NULL;
    }
  d->name = name;
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);
  ok = yaml_parser_load (&parser, &d->doc);
  if (!ok)
    {
      bl_yaml__set_error (error, code, name, &parser, data);
      yaml_parser_delete (&parser);
      g_free (d);
      return NULL;
    }
  yaml_parser_delete (&parser);
  if (yaml_document_get_root_node (&d->doc) == NULL)
    {
      g_set_error (error, BL_ERROR, code, "%s:1:1: empty document", name);
      bl_yaml_doc_free (d);
      return NULL;
    }
  return d;
}

GPtrArray *
bl_yaml_doc_load_all (const char *data, gsize len, const char *name, int code,
                      GError **error)
{
  yaml_parser_t parser;
  GPtrArray *docs;

  if (!check_depth (data, len, TRUE, name, code, error))
    return NULL;
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) bl_yaml_doc_free);
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);
  for (;;)
    {
      BlYamlDoc *d = g_new0 (BlYamlDoc, 1);
      d->name = name;
      if (!yaml_parser_load (&parser, &d->doc))
        {
          bl_yaml__set_error (error, code, name, &parser, data);
          g_free (d);
          g_ptr_array_free (docs, TRUE);
          docs = NULL;
          break;
        }
      if (yaml_document_get_root_node (&d->doc) == NULL)
        {
          /* An empty document: the end of the stream, or `---` alone. */
          gboolean end = parser.stream_end_produced;
          bl_yaml_doc_free (d);
          if (end)
            break;
          continue;
        }
      g_ptr_array_add (docs, d);
    }
  yaml_parser_delete (&parser);
  return docs;
}

void
bl_yaml_doc_free (BlYamlDoc *d)
{
  if (d == NULL)
    return;
  yaml_document_delete (&d->doc);
  g_free (d);
}

yaml_node_t *
bl_yaml_root (BlYamlDoc *d)
{
  return yaml_document_get_root_node (&d->doc);
}

yaml_node_t *
bl_yaml_node (BlYamlDoc *d, int id)
{
  return yaml_document_get_node (&d->doc, id);
}

yaml_node_t *
bl_yaml_get (BlYamlDoc *d, yaml_node_t *map, const char *key)
{
  if (map == NULL || map->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
       p < map->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = bl_yaml_node (d, p->key);
      if (k && k->type == YAML_SCALAR_NODE
          && strcmp ((const char *) k->data.scalar.value, key) == 0)
        return bl_yaml_node (d, p->value);
    }
  return NULL;
}

const char *
bl_yaml_scalar (yaml_node_t *n)
{
  return n && n->type == YAML_SCALAR_NODE ? (const char *) n->data.scalar.value
                                          : NULL;
}

gboolean
bl_yaml_is_null (yaml_node_t *n)
{
  const char *s = bl_yaml_scalar (n);
  if (n == NULL)
    return TRUE;
  if (s == NULL || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  return *s == '\0' || strcmp (s, "~") == 0 || strcmp (s, "null") == 0
         || strcmp (s, "Null") == 0 || strcmp (s, "NULL") == 0;
}

guint bl_yaml_line (yaml_node_t *n) { return n ? (guint) n->start_mark.line + 1 : 0; }
guint bl_yaml_col (yaml_node_t *n) { return n ? (guint) n->start_mark.column + 1 : 0; }

guint
bl_yaml_seq_len (yaml_node_t *n)
{
  if (n == NULL || n->type != YAML_SEQUENCE_NODE)
    return 0;
  return (guint) (n->data.sequence.items.top - n->data.sequence.items.start);
}

yaml_node_t *
bl_yaml_seq_get (BlYamlDoc *d, yaml_node_t *seq, guint i)
{
  g_assert (i < bl_yaml_seq_len (seq));
  return bl_yaml_node (d, seq->data.sequence.items.start[i]);
}
