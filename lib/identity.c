/* Row identities bound to a part's columns (identity.h). */

#include "identity.h"
#include "decimal.h"

#include <string.h>

/* Whether @col stands under @group: the group itself, or a header below
 * it (预算数/公务用车购置及运行维护费 is within 预算数). */
static gboolean
in_group (const BlColumn *col, const char *group)
{
  gsize n = strlen (group);
  return col->group && strncmp (col->group, group, n) == 0
         && (col->group[n] == '\0' || col->group[n] == '/');
}

/* The column of @part named @name within @group (NULL: any group, for a
 * part without groups), or -1. */
static int
find_column (const BlPart *part, const char *name, const char *group)
{
  for (guint c = 0; c < part->columns->len; c++)
    {
      const BlColumn *col = g_ptr_array_index (part->columns, c);
      if (g_strcmp0 (col->name, name) == 0
          && (group == NULL || in_group (col, group)))
        return (int) c;
    }
  return -1;
}

static gboolean
bind_one (const BlSumSpec *sum, const BlPart *part, const char *group,
          BlIdentity *out)
{
  int total = find_column (part, sum->total, group);

  if (total < 0)
    return FALSE;
  memset (out, 0, sizeof *out);
  out->total = (guint) total;
  for (guint t = 0; t < sum->terms->len && out->n_terms < G_N_ELEMENTS (out->terms); t++)
    {
      int c = find_column (part, g_ptr_array_index (sum->terms, t), group);
      if (c < 0)
        continue;
      out->terms[out->n_terms] = (guint) c;
      out->signs[out->n_terms++] = g_array_index (sum->signs, int, t);
    }
  return out->n_terms > 0;
}

/* The distinct column groups of @part whose columns carry the total's
 * name: 预算数 and 决算数 for a table with items in both. */
static GPtrArray *
groups_of (const BlPart *part, const char *total)
{
  GPtrArray *groups = g_ptr_array_new ();
  for (guint c = 0; c < part->columns->len; c++)
    {
      const BlColumn *col = g_ptr_array_index (part->columns, c);
      if (g_strcmp0 (col->name, total) == 0 && col->group
          && !g_ptr_array_find_with_equal_func (groups, col->group, g_str_equal, NULL))
        g_ptr_array_add (groups, (gpointer) col->group);
    }
  return groups;
}

GArray *
bl_identities__bind (const BlKindSpec *spec, const BlPart *part)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (BlIdentity));
  const GPtrArray *sums = spec ? bl_kind_spec_sums (spec, part->name) : NULL;

  for (guint i = 0; sums && i < sums->len; i++)
    {
      const BlSumSpec *sum = g_ptr_array_index (sums, i);
      g_autoptr(GPtrArray) groups = groups_of (part, sum->total);
      BlIdentity id;
      /* Grouped columns (预算数/决算数) hold the identity per group; a
       * group that names the total's own header (本年支出/小计) does not
       * split the columns and is bound without it. */
      if (groups->len > 1)
        {
          for (guint g = 0; g < groups->len; g++)
            if (bind_one (sum, part, g_ptr_array_index (groups, g), &id))
              g_array_append_val (out, id);
        }
      else if (bind_one (sum, part, NULL, &id))
        g_array_append_val (out, id);
    }
  return out;
}

static BlNum
num_of (const BlDecimal *d)
{
  return d ? bl_num_from_decimal (*d) : bl_num_zero ();
}

gboolean
bl_identity__applies (const BlIdentity *id, const BlDecimal *const *vals)
{
  if (vals[id->total])
    return TRUE;
  for (guint t = 0; t < id->n_terms; t++)
    if (vals[id->terms[t]])
      return TRUE;
  return FALSE;
}

BlConsistency
bl_identity__check (const BlIdentity *id, const BlDecimal *const *vals)
{
  BlNum sum = bl_num_zero (), total;
  const char *why;

  if (!bl_identity__applies (id, vals))
    return BL_CONSISTENT_EXACT;
  for (guint t = 0; t < id->n_terms; t++)
    {
      BlNum v = num_of (vals[id->terms[t]]);
      gboolean ok = id->signs[t] < 0 ? bl_num_sub (&sum, &v, &sum, &why)
                                     : bl_num_add (&sum, &v, &sum, &why);
      if (!ok)
        return BL_INCONSISTENT;
    }
  total = num_of (vals[id->total]);
  return bl_num_consistency (&total, &sum);
}
