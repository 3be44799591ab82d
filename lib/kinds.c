/* The canonical table kinds: those of the templates (rules/templates/
 * kinds.yaml).  A kind names what a table is, whatever its 公开NN number
 * in a given province and year. */

#include "kinds.h"
#include "template.h"

#include <string.h>

const BlTableKind *
bl_table_kind_lookup (const char *kind)
{
  static GHashTable *kinds;
  if (g_once_init_enter (&kinds))
    {
      const GPtrArray *specs = bl_kind_specs ();
      GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < specs->len; i++)
        {
          const BlKindSpec *s = g_ptr_array_index (specs, i);
          BlTableKind *k = g_new0 (BlTableKind, 1);
          k->kind = s->kind;
          k->title = s->title;
          g_hash_table_insert (h, (gpointer) k->kind, k);
        }
      g_once_init_leave (&kinds, h);
    }
  return kind ? g_hash_table_lookup (kinds, kind) : NULL;
}

const char *
bl_table_kind_names (void)
{
  static char *names;
  if (g_once_init_enter (&names))
    {
      const GPtrArray *specs = bl_kind_specs ();
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < specs->len; i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "",
                                ((const BlKindSpec *) g_ptr_array_index (specs, i))->kind);
      g_once_init_leave (&names, g_string_free (s, FALSE));
    }
  return names;
}
