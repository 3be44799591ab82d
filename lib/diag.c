/* Diagnostics: findings as data. */

#include "diag.h"

#include <string.h>

const char *
bl_severity_name (BlSeverity severity)
{
  switch (severity)
    {
    case BL_SEVERITY_ERROR: return "error";
    case BL_SEVERITY_WARNING: return "warning";
    case BL_SEVERITY_NOTICE: default: return "notice";
    }
}

gboolean
bl_severity_parse (const char *name, BlSeverity *out)
{
  static const BlSeverity all[] = { BL_SEVERITY_NOTICE, BL_SEVERITY_WARNING,
                                    BL_SEVERITY_ERROR };
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (name, bl_severity_name (all[i])) == 0)
      {
        *out = all[i];
        return TRUE;
      }
  return FALSE;
}

const char *
bl_confidence_name (BlConfidence confidence)
{
  switch (confidence)
    {
    case BL_CONFIDENCE_LIKELY: return "likely";
    case BL_CONFIDENCE_UNCERTAIN: return "uncertain";
    case BL_CONFIDENCE_CERTAIN: default: return "certain";
    }
}

BlDiagnostic *
bl_diagnostic__new (const char *rule, const char *title, BlSeverity severity,
                    BlConfidence confidence, const char *message)
{
  BlDiagnostic *d = g_new0 (BlDiagnostic, 1);
  d->rule = g_strdup (rule);
  d->title = g_strdup (title);
  d->message = g_strdup (message);
  d->severity = severity;
  d->confidence = confidence;
  d->locations = g_array_new (FALSE, TRUE, sizeof (BlLocation));
  return d;
}

void
bl_diagnostic__add_location (BlDiagnostic *d, const BlLocation *loc)
{
  BlLocation copy = *loc;
  copy.table = g_strdup (loc->table);
  copy.row = g_strdup (loc->row);
  copy.column = g_strdup (loc->column);
  copy.sheet = g_strdup (loc->sheet);
  copy.cell = g_strdup (loc->cell);
  g_array_append_val (d->locations, copy);
}

void
bl_diagnostic__set_values (BlDiagnostic *d, const char *expected,
                           const char *actual, const char *difference,
                           const char *unit)
{
  d->expected = g_strdup (expected);
  d->actual = g_strdup (actual);
  d->difference = g_strdup (difference);
  d->unit = g_strdup (unit);
}

void
bl_diagnostic__free (BlDiagnostic *d)
{
  if (d == NULL)
    return;
  for (guint i = 0; i < d->locations->len; i++)
    {
      BlLocation *l = &g_array_index (d->locations, BlLocation, i);
      g_free ((char *) l->table);
      g_free ((char *) l->row);
      g_free ((char *) l->column);
      g_free ((char *) l->sheet);
      g_free ((char *) l->cell);
    }
  g_array_free (d->locations, TRUE);
  g_free (d->rule);
  g_free (d->title);
  g_free (d->message);
  g_free (d->expected);
  g_free (d->actual);
  g_free (d->difference);
  g_free (d->unit);
  g_free (d);
}

BlDiagnostic *
bl_diagnostic__copy (const BlDiagnostic *d)
{
  BlDiagnostic *c = bl_diagnostic__new (d->rule, d->title, d->severity,
                                        d->confidence, d->message);
  for (guint i = 0; i < d->locations->len; i++)
    bl_diagnostic__add_location (c, &g_array_index (d->locations, BlLocation, i));
  bl_diagnostic__set_values (c, d->expected, d->actual, d->difference, d->unit);
  return c;
}

const char *bl_diagnostic_get_rule (const BlDiagnostic *d) { return d->rule; }
BlSeverity bl_diagnostic_get_severity (const BlDiagnostic *d) { return d->severity; }
BlConfidence bl_diagnostic_get_confidence (const BlDiagnostic *d) { return d->confidence; }
const char *bl_diagnostic_get_title (const BlDiagnostic *d) { return d->title; }
const char *bl_diagnostic_get_message (const BlDiagnostic *d) { return d->message; }
guint bl_diagnostic_get_n_locations (const BlDiagnostic *d) { return d->locations->len; }

const BlLocation *
bl_diagnostic_get_location (const BlDiagnostic *d, guint i)
{
  g_return_val_if_fail (i < d->locations->len, NULL);
  return &g_array_index (d->locations, BlLocation, i);
}

const char *
bl_diagnostic_get_value (const BlDiagnostic *d, const char *name)
{
  if (g_strcmp0 (name, "expected") == 0)
    return d->expected;
  if (g_strcmp0 (name, "actual") == 0)
    return d->actual;
  if (g_strcmp0 (name, "difference") == 0)
    return d->difference;
  if (g_strcmp0 (name, "unit") == 0)
    return d->unit;
  return NULL;
}

guint
bl_diagnostic__line (const BlDiagnostic *d)
{
  return d->locations->len ? g_array_index (d->locations, BlLocation, 0).line : 0;
}

BlDiagnostics *
bl_diagnostics_new (void)
{
  BlDiagnostics *l = g_new0 (BlDiagnostics, 1);
  l->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bl_diagnostic__free);
  return l;
}

void
bl_diagnostics_free (BlDiagnostics *list)
{
  if (list == NULL)
    return;
  g_ptr_array_free (list->items, TRUE);
  if (list->outcomes)
    g_byte_array_unref (list->outcomes);
  g_free (list);
}

guint bl_diagnostics_get_n (const BlDiagnostics *l) { return l->items->len; }

const BlDiagnostic *
bl_diagnostics_get (const BlDiagnostics *list, guint i)
{
  g_return_val_if_fail (i < list->items->len, NULL);
  return g_ptr_array_index (list->items, i);
}

guint
bl_diagnostics_count (const BlDiagnostics *list, BlSeverity severity)
{
  guint n = 0;
  for (guint i = 0; i < list->items->len; i++)
    n += ((BlDiagnostic *) g_ptr_array_index (list->items, i))->severity == severity;
  return n;
}

guint
bl_diagnostics_count_rules (const BlDiagnostics *list, BlRuleOutcome outcome)
{
  guint n = 0;

  g_return_val_if_fail (list != NULL, 0);
  for (guint i = 0; list->outcomes && i < list->outcomes->len; i++)
    n += list->outcomes->data[i] == outcome;
  return n;
}

void
bl_diagnostics__add (BlDiagnostics *list, BlDiagnostic *d)
{
  g_ptr_array_add (list->items, d);
}

static int
compare_diags (gconstpointer pa, gconstpointer pb)
{
  const BlDiagnostic *a = *(BlDiagnostic *const *) pa;
  const BlDiagnostic *b = *(BlDiagnostic *const *) pb;
  guint la = bl_diagnostic__line (a), lb = bl_diagnostic__line (b);
  int c;

  if (la != lb)
    return la < lb ? -1 : 1;
  if ((c = strcmp (a->rule, b->rule)) != 0)
    return c;
  return strcmp (a->message, b->message);
}

void
bl_diagnostics__sort (BlDiagnostics *list)
{
  g_ptr_array_sort (list->items, compare_diags);
}

/* ---- fingerprints ----
 * What identifies a finding across edits that only move it: the rule and,
 * per location, table, row and column — never the line or the figures.  A
 * finding that names no row or column (a reader's note about a table) adds
 * its message, which then quotes what it is about. */
static char *
base_fingerprint (const BlDiagnostic *d)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  gboolean placed = FALSE;
  char *hex;

  g_checksum_update (sum, (const guchar *) d->rule, -1);
  for (guint i = 0; i < d->locations->len; i++)
    {
      const BlLocation *l = &g_array_index (d->locations, BlLocation, i);
      const char *parts[] = { l->table, l->row, l->column };
      for (gsize k = 0; k < G_N_ELEMENTS (parts); k++)
        {
          g_checksum_update (sum, (const guchar *) "\x1f", 1);
          if (parts[k])
            g_checksum_update (sum, (const guchar *) parts[k], -1);
        }
      placed |= l->row != NULL || l->column != NULL;
    }
  if (!placed)
    {
      g_checksum_update (sum, (const guchar *) "\x1e", 1);
      g_checksum_update (sum, (const guchar *) d->message, -1);
    }
  hex = g_strndup (g_checksum_get_string (sum), 16);
  g_checksum_free (sum);
  return hex;
}

GPtrArray *
bl_diagnostics__fingerprints (const BlDiagnostics *list)
{
  GPtrArray *out = g_ptr_array_new_full (list->items->len, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);

  for (guint i = 0; i < list->items->len; i++)
    {
      char *fp = base_fingerprint (g_ptr_array_index (list->items, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, fp)) + 1;

      g_ptr_array_add (out, n > 1 ? g_strdup_printf ("%s:%u", fp, n)
                                  : g_strdup (fp));
      g_hash_table_replace (seen, fp, GUINT_TO_POINTER (n));
    }
  return out;
}

char *
bl_diagnostics_dup_fingerprint (const BlDiagnostics *list, guint i)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (i < list->items->len, NULL);
  all = bl_diagnostics__fingerprints (list);
  return g_strdup (g_ptr_array_index (all, i));
}
