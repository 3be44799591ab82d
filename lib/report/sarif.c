/* SARIF 2.1.0 (OASIS), for code-scanning pipelines: one run whose results
 * are the findings, the tool's rule descriptors, and the files that could
 * not be used as tool execution notifications.
 *
 * The results come first so that a batch streams: a JSON object's members
 * have no order, and by the end every rule a result names (a reader's
 * READ.* included) has its descriptor and a fixed index. */

#include "report.h"

#include <string.h>

#define SARIF_SCHEMA \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *
level (BlSeverity s)
{
  switch (s)
    {
    case BL_SEVERITY_ERROR: return "error";
    case BL_SEVERITY_WARNING: return "warning";
    default: return "note";
    }
}

static void
text_object (GString *out, const char *key, const char *text)
{
  bl_json__key (out, key);
  g_string_append (out, "{\"text\":");
  bl_json__string (out, text);
  g_string_append_c (out, '}');
}

static gboolean
described (const BlReport *report, const BlReportRule *r)
{
  guint n = r->counts[0] + r->counts[1] + r->counts[2];
  return r->from_pack ? bl_report__rule_selected (report, r->id) : n > 0;
}

/* The index of @id among the descriptors written at the end: rules are
 * only ever appended, so it does not change once a result used it. */
static int
rule_index (const BlReport *report, const char *id)
{
  int index = 0;
  for (guint i = 0; i < report->rules->len; i++)
    {
      const BlReportRule *r = g_ptr_array_index (report->rules, i);
      if (!described (report, r))
        continue;
      if (strcmp (r->id, id) == 0)
        return index;
      index++;
    }
  return -1;
}

/* A relative path stays relative to the checkout (%SRCROOT%). */
static void
artifact (GString *out, const char *path)
{
  g_autofree char *uri = g_uri_escape_string (path, "/", FALSE);

  g_string_append (out, "\"artifactLocation\":{\"uri\":");
  if (g_path_is_absolute (path))
    {
      g_autofree char *abs = g_strconcat ("file://", uri, NULL);
      bl_json__string (out, abs);
    }
  else
    {
      bl_json__string (out, uri);
      g_string_append (out, ",\"uriBaseId\":\"%SRCROOT%\"");
    }
  g_string_append_c (out, '}');
}

static void
physical (GString *out, const char *path, guint line, guint column)
{
  g_string_append (out, "\"physicalLocation\":{");
  artifact (out, path);
  if (line)
    {
      g_string_append_printf (out, ",\"region\":{\"startLine\":%u", line);
      if (column)
        g_string_append_printf (out, ",\"startColumn\":%u", column);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
}

static void
location (GString *out, const char *path, const BlLocation *l)
{
  g_autofree char *where = bl_report__where (l);

  g_string_append_c (out, '{');
  physical (out, path, l->line, l->column_no);
  if (*where)
    {
      g_string_append (out, ",\"logicalLocations\":[{");
      bl_json__key (out, "fullyQualifiedName");
      bl_json__string (out, where);
      g_string_append (out, "}]");
    }
  if (l->page || l->sheet)
    {
      g_string_append (out, ",\"properties\":{");
      if (l->page)
        g_string_append_printf (out, "\"page\":%u%s", l->page, l->sheet ? "," : "");
      if (l->sheet)
        {
          bl_json__key (out, "sheet"); bl_json__string (out, l->sheet);
          g_string_append_c (out, ','); bl_json__key (out, "cell");
          bl_json__string (out, l->cell);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
}

static void
result (const BlReport *report, GString *out, const char *path,
        const BlDiagnostic *d, const char *fingerprint)
{
  int index = rule_index (report, d->rule);

  g_string_append (out, "{");
  bl_json__key (out, "ruleId"); bl_json__string (out, d->rule);
  if (index >= 0)
    g_string_append_printf (out, ",\"ruleIndex\":%d", index);
  g_string_append_printf (out, ",\"level\":\"%s\",", level (d->severity));
  text_object (out, "message", d->message);
  /* The first location is where the finding is; the others (the other
   * side of a comparison) are related to it. */
  g_string_append (out, ",\"locations\":[");
  if (d->locations->len)
    location (out, path, &g_array_index (d->locations, BlLocation, 0));
  else
    {
      g_string_append_c (out, '{');
      physical (out, path, 0, 0);
      g_string_append_c (out, '}');
    }
  if (d->locations->len > 1)
    {
      g_string_append (out, "],\"relatedLocations\":[");
      for (guint i = 1; i < d->locations->len; i++)
        {
          if (i > 1)
            g_string_append_c (out, ',');
          location (out, path, &g_array_index (d->locations, BlLocation, i));
        }
    }
  g_string_append (out, "],\"partialFingerprints\":{\"budgetlintFinding/v1\":");
  bl_json__string (out, fingerprint);
  g_string_append (out, "},\"properties\":{\"confidence\":");
  bl_json__string (out, bl_confidence_name (d->confidence));
  g_string_append (out, ",\"values\":");
  bl_json__values (out, d);
  g_string_append (out, "}}");
}

static void
sarif_begin (const BlReport *report, const BlReportOptions *options, GString *out)
{
  (void) report, (void) options;
  g_string_append (out, "{\"$schema\":\"" SARIF_SCHEMA "\",\"version\":\"2.1.0\",\n"
                        "\"runs\":[{\"columnKind\":\"unicodeCodePoints\",\"results\":[");
}

static void
sarif_filing (const BlReport *report, const BlReportOptions *options,
              const BlReportFiling *f, guint index, GString *out)
{
  (void) options, (void) index;
  if (f->error)
    return;
  for (guint i = 0; i < bl_diagnostics_get_n (f->diags); i++)
    {
      g_string_append (out, f->n_before + i ? ",\n  " : "\n  ");
      result (report, out, f->path, bl_diagnostics_get (f->diags, i),
              g_ptr_array_index (f->fingerprints, i));
    }
}

static void
descriptor (GString *out, const BlReportRule *r)
{
  const char *help = r->explanation ? r->explanation : r->title;

  g_string_append_c (out, '{');
  bl_json__key (out, "id"); bl_json__string (out, r->id);
  g_string_append_c (out, ','); bl_json__key (out, "name"); bl_json__string (out, r->id);
  if (r->title)
    {
      g_string_append_c (out, ',');
      text_object (out, "shortDescription", r->title);
    }
  if (help)
    {
      g_string_append_c (out, ',');
      text_object (out, "fullDescription", help);
      g_string_append_c (out, ',');
      text_object (out, "help", help);
    }
  g_string_append_printf (out, ",\"defaultConfiguration\":{\"level\":\"%s\"}}",
                          level (r->severity));
}

static void
notification (GString *out, const BlReportFiling *f)
{
  g_string_append (out, "{\"level\":\"error\",");
  text_object (out, "message", f->error);
  g_string_append (out, ",\"locations\":[{");
  physical (out, f->path, f->error_line, 0);
  g_string_append (out, "}]}");
}

/* Per filing, how many selected rules ran, did not apply and could not
 * run: a run without results is a pass only if its rules ran. */
static void
checked (GString *out, const BlReportChecked *c)
{
  g_string_append_c (out, '{');
  artifact (out, c->path);
  g_string_append_printf (out, ",\"rulesRan\":%u,\"rulesNotApplicable\":%u,\"rulesNotRun\":%u}",
                          c->outcomes[BL_RULE_RAN], c->outcomes[BL_RULE_NOT_APPLICABLE],
                          c->outcomes[BL_RULE_NOT_RUN]);
}

static void
sarif_end (const BlReport *report, const BlReportOptions *options, GString *out)
{
  gboolean first = TRUE;

  (void) options;
  g_string_append (out, "\n],\n\"tool\":{\"driver\":{\"name\":\"budgetlint\","
                        "\"version\":\"" BL_VERSION "\",\"semanticVersion\":\""
                        BL_VERSION "\",\"properties\":{\"rulepack\":");
  bl_json__string (out, report->pack_name);
  g_string_append (out, ",\"rulepackVersion\":");
  bl_json__string (out, report->pack_version);
  g_string_append (out, "},\"rules\":[");
  for (guint i = 0; i < report->rules->len; i++)
    {
      const BlReportRule *r = g_ptr_array_index (report->rules, i);
      if (!described (report, r))
        continue;
      g_string_append (out, first ? "\n  " : ",\n  ");
      descriptor (out, r);
      first = FALSE;
    }
  g_string_append_printf (out, "]}},\n\"invocations\":[{\"executionSuccessful\":%s",
                          report->n_failed ? "false" : "true");
  if (report->failures->len)
    {
      g_string_append (out, ",\"toolExecutionNotifications\":[");
      for (guint i = 0; i < report->failures->len; i++)
        {
          g_string_append (out, i ? ",\n  " : "\n  ");
          notification (out, g_ptr_array_index (report->failures, i));
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, "}],\n\"properties\":{\"filings\":[");
  for (guint i = 0; i < report->checked->len; i++)
    {
      g_string_append (out, i ? ",\n  " : "\n  ");
      checked (out, &g_array_index (report->checked, BlReportChecked, i));
    }
  g_string_append (out, "]}}]}\n");
}

const BlReportFormat bl_report_sarif = { "sarif", sarif_begin, sarif_filing, sarif_end, NULL };
