/* Compiler-style text: `file:line: severity[rule] message` (for a
 * workbook `file:sheet!B7:`; a finding from a doubtful reading marked
 * （读取存疑）), then a summary line that also says how many such
 * findings were held back.  Colour only when the caller asks (a terminal, no
 * NO_COLOR). */

#include "report.h"

static const char *
colour_of (BlSeverity s)
{
  switch (s)
    {
    case BL_SEVERITY_ERROR: return "\033[1;31m";
    case BL_SEVERITY_WARNING: return "\033[1;33m";
    default: return "\033[1;36m";
    }
}

/* Appends @s with its control characters written out ("\x1b", "\n"), as
 * compilers and linters do: a document's label holding an escape sequence
 * must not reach the terminal, and a line break must not split a finding
 * over two lines of `file:line: severity[rule]`. */
static void
append_visible (GString *out, const char *s)
{
  for (const guchar *p = (const guchar *) s; p && *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)   /* C1 controls (U+0080–U+009F) */
        g_string_append_printf (out, "\\u%04x", *++p);
      else
        g_string_append_c (out, (char) *p);
    }
}

static void
write_diag (GString *out, const char *path, const BlDiagnostic *d, gboolean colour)
{
  guint line = bl_diagnostic__line (d);
  BlSeverity sev = bl_diagnostic_get_severity (d);
  const BlLocation *l = bl_diagnostic_get_n_locations (d)
                        ? bl_diagnostic_get_location (d, 0) : NULL;

  append_visible (out, path);
  if (l && l->sheet && l->cell)          /* a workbook: sheet!cell */
    {
      g_string_append_c (out, ':');
      append_visible (out, l->sheet);
      g_string_append_printf (out, "!%s", l->cell);
    }
  else if (line)
    g_string_append_printf (out, ":%u", line);
  g_string_append (out, ": ");
  if (colour)
    g_string_append_printf (out, "%s%s\033[0m", colour_of (sev), bl_severity_name (sev));
  else
    g_string_append (out, bl_severity_name (sev));
  g_string_append_printf (out, "[%s] ", bl_diagnostic_get_rule (d));
  append_visible (out, bl_diagnostic_get_message (d));
  g_string_append_printf (out, "%s\n", d->confidence == BL_CONFIDENCE_UNCERTAIN
                                        ? BL_REPORT_DOUBT_MARK : "");
}

/* A line for a filing whose checks did not all run: without it, a
 * report with no findings would read as a pass. */
static void
write_unchecked (GString *out, const BlReportFiling *f)
{
  const guint *o = f->outcomes;

  if (o[BL_RULE_NOT_RUN] == 0 && (o[BL_RULE_RAN] > 0 || o[BL_RULE_NOT_APPLICABLE] == 0))
    return;
  append_visible (out, f->path);
  if (o[BL_RULE_RAN] == 0 && o[BL_RULE_NOT_RUN] == 0)
    g_string_append_printf (out, ": 未做任何检查：%u 条规则都不适用（没有读到它们所查的表格）\n",
                            o[BL_RULE_NOT_APPLICABLE]);
  else
    g_string_append_printf (out, ": %u 条规则未能完整运行（读取存疑、单元格不是数字"
                            "或规则无法计算）；已运行 %u 条，不适用 %u 条\n",
                            o[BL_RULE_NOT_RUN], o[BL_RULE_RAN], o[BL_RULE_NOT_APPLICABLE]);
}

static const char *
plural (guint n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

static void
text_begin (const BlReport *report, const BlReportOptions *options, GString *out)
{
  (void) report, (void) options, (void) out;
}

static void
text_filing (const BlReport *report, const BlReportOptions *options,
             const BlReportFiling *f, guint index, GString *out)
{
  (void) report, (void) index;
  if (f->error)
    {
      /* one problem a line: the lines are the reader's, their text the input's */
      g_auto(GStrv) lines = g_strsplit (f->error, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          append_visible (out, lines[i]);
          g_string_append_c (out, '\n');
        }
      return;
    }
  for (guint k = 0; k < bl_diagnostics_get_n (f->diags); k++)
    write_diag (out, f->path, bl_diagnostics_get (f->diags, k),
                options && options->color);
  write_unchecked (out, f);
}

/* The rules' outcomes, summed over the filings of a batch. */
static void
write_outcomes (GString *out, const BlReport *report)
{
  const guint *o = report->outcomes;
  guint usable = report->n_filings - report->n_failed;

  if (o[0] + o[1] + o[2] == 0)
    return;
  g_string_append_printf (out, "; 规则：已运行 %u，不适用 %u，未能完整运行 %u%s",
                          o[BL_RULE_RAN], o[BL_RULE_NOT_APPLICABLE], o[BL_RULE_NOT_RUN],
                          usable > 1 ? "（各报表合计）" : "");
}

static void
text_end (const BlReport *report, const BlReportOptions *options, GString *out)
{
  const guint *counts = report->counts;
  guint n = report->n_filings;

  (void) options;
  g_string_append_printf (out, "%u %s, %u %s, %u %s in %u %s",
                          counts[BL_SEVERITY_ERROR], plural (counts[BL_SEVERITY_ERROR], "error", "errors"),
                          counts[BL_SEVERITY_WARNING], plural (counts[BL_SEVERITY_WARNING], "warning", "warnings"),
                          counts[BL_SEVERITY_NOTICE], plural (counts[BL_SEVERITY_NOTICE], "notice", "notices"),
                          n, plural (n, "filing", "filings"));
  if (report->n_failed)
    g_string_append_printf (out, " (%u unusable)", report->n_failed);
  if (report->n_omitted)
    g_string_append_printf (out, "; %u more %s not shown (--max-findings %u)",
                            report->n_omitted,
                            plural (report->n_omitted, "finding", "findings"),
                            report->max_findings);
  if (report->n_held_back)
    g_string_append_printf (out, "; 另有 %u 项因读取存疑暂不报告（--show-doubtful 显示）",
                            report->n_held_back);
  write_outcomes (out, report);
  g_string_append_c (out, '\n');
}

const BlReportFormat bl_report_text = { "text", text_begin, text_filing, text_end, NULL };
