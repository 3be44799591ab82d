/* The JSON report: the contract in DESIGN.md.  Written by hand (GLib has
 * no JSON writer); values are the exact decimal strings the engine made. */

#include "report.h"

void
bl_json__string (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

void
bl_json__key (GString *out, const char *k)
{
  bl_json__string (out, k);
  g_string_append_c (out, ':');
}

static void
write_location (GString *out, const BlLocation *l)
{
  g_string_append_c (out, '{');
  bl_json__key (out, "table"); bl_json__string (out, l->table);
  g_string_append_c (out, ','); bl_json__key (out, "row"); bl_json__string (out, l->row);
  g_string_append_c (out, ','); bl_json__key (out, "column"); bl_json__string (out, l->column);
  g_string_append_c (out, ','); bl_json__key (out, "line");
  g_string_append_printf (out, "%u", l->line);
  if (l->page)
    g_string_append_printf (out, ",\"page\":%u", l->page);
  if (l->sheet)
    {
      g_string_append_c (out, ','); bl_json__key (out, "sheet"); bl_json__string (out, l->sheet);
      g_string_append_c (out, ','); bl_json__key (out, "cell"); bl_json__string (out, l->cell);
    }
  g_string_append_c (out, '}');
}

void
bl_json__values (GString *out, const BlDiagnostic *d)
{
  static const char *const names[] = { "expected", "actual", "difference", "unit" };
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *v = bl_diagnostic_get_value (d, names[i]);
      if (v == NULL)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      bl_json__key (out, names[i]);
      bl_json__string (out, v);
      first = FALSE;
    }
  g_string_append_c (out, '}');
}

static void
write_diag (GString *out, const BlDiagnostic *d)
{
  g_string_append (out, "{");
  bl_json__key (out, "rule"); bl_json__string (out, bl_diagnostic_get_rule (d));
  g_string_append_c (out, ','); bl_json__key (out, "severity");
  bl_json__string (out, bl_severity_name (bl_diagnostic_get_severity (d)));
  g_string_append_c (out, ','); bl_json__key (out, "confidence");
  bl_json__string (out, bl_confidence_name (bl_diagnostic_get_confidence (d)));
  g_string_append_c (out, ','); bl_json__key (out, "title"); bl_json__string (out, bl_diagnostic_get_title (d));
  g_string_append_c (out, ','); bl_json__key (out, "message"); bl_json__string (out, bl_diagnostic_get_message (d));
  g_string_append_c (out, ','); bl_json__key (out, "locations");
  g_string_append_c (out, '[');
  for (guint i = 0; i < bl_diagnostic_get_n_locations (d); i++)
    {
      if (i)
        g_string_append_c (out, ',');
      write_location (out, bl_diagnostic_get_location (d, i));
    }
  g_string_append (out, "],");
  bl_json__key (out, "values");
  bl_json__values (out, d);
  g_string_append_c (out, '}');
}

static void
write_tables (GString *out, const BlReportFiling *f)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < f->tables->len; i++)
    {
      const BlReportTable *t = &g_array_index (f->tables, BlReportTable, i);
      if (i)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      bl_json__key (out, "kind"); bl_json__string (out, t->kind);
      g_string_append_c (out, ','); bl_json__key (out, "title"); bl_json__string (out, t->title);
      g_string_append_c (out, ','); bl_json__key (out, "label"); bl_json__string (out, t->label);
      g_string_append_c (out, ','); bl_json__key (out, "unit"); bl_json__string (out, t->unit);
      g_string_append_printf (out, ",\"rows\":%u,\"line\":%u}", t->rows, t->line);
    }
  g_string_append_c (out, ']');
}

static void
write_filing (GString *out, const BlReportFiling *f)
{
  g_string_append (out, "\n    {");
  bl_json__key (out, "path"); bl_json__string (out, f->path);
  if (f->error)
    {
      g_string_append (out, ",\"error\":{");
      bl_json__key (out, "message"); bl_json__string (out, f->error);
      g_string_append_printf (out, ",\"line\":%u}}", f->error_line);
      return;
    }
  g_string_append_c (out, ','); bl_json__key (out, "format"); bl_json__string (out, f->format);
  g_string_append_c (out, ','); bl_json__key (out, "department"); bl_json__string (out, f->department);
  g_string_append_c (out, ','); bl_json__key (out, "year");
  if (f->year)
    g_string_append_printf (out, "%d", f->year);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ','); bl_json__key (out, "tables");
  write_tables (out, f);
  g_string_append (out, ",\"diagnostics\":[");
  for (guint i = 0; i < bl_diagnostics_get_n (f->diags); i++)
    {
      g_string_append (out, i ? ",\n      " : "\n      ");
      write_diag (out, bl_diagnostics_get (f->diags, i));
    }
  g_string_append_printf (out, "],\"summary\":{\"error\":%u,\"warning\":%u,\"notice\":%u",
                          bl_diagnostics_count (f->diags, BL_SEVERITY_ERROR),
                          bl_diagnostics_count (f->diags, BL_SEVERITY_WARNING),
                          bl_diagnostics_count (f->diags, BL_SEVERITY_NOTICE));
  /* Only when there are any: reports without doubt stay as they were. */
  if (f->n_held_back)
    g_string_append_printf (out, ",\"held_back\":%u", f->n_held_back);
  g_string_append_printf (out, ",\"rules\":{\"ran\":%u,\"not_applicable\":%u,\"not_run\":%u}",
                          f->outcomes[BL_RULE_RAN], f->outcomes[BL_RULE_NOT_APPLICABLE],
                          f->outcomes[BL_RULE_NOT_RUN]);
  g_string_append (out, "}}");
}

static void
json_begin (const BlReport *report, const BlReportOptions *options, GString *out)
{
  (void) options;
  g_string_append (out, "{\"tool\":{\"name\":\"budgetlint\",\"version\":\"" BL_VERSION "\"},");
  g_string_append (out, "\"rulepack\":{");
  bl_json__key (out, "name"); bl_json__string (out, report->pack_name);
  g_string_append_c (out, ','); bl_json__key (out, "version"); bl_json__string (out, report->pack_version);
  g_string_append (out, "},\"filings\":[");
}

static void
json_filing (const BlReport *report, const BlReportOptions *options,
             const BlReportFiling *f, guint index, GString *out)
{
  (void) report, (void) options;
  if (index)
    g_string_append_c (out, ',');
  write_filing (out, f);
}

static void
json_end (const BlReport *report, const BlReportOptions *options, GString *out)
{
  (void) report, (void) options;
  g_string_append (out, "\n  ]}\n");
}

const BlReportFormat bl_report_json = { "json", json_begin, json_filing, json_end, NULL };
