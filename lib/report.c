/* Reports: the results of one run, per input file. */

#include "report/report.h"
#include "ledger.h"
#include "problems.h"

#include <string.h>

static const BlReportFormat *const formats[] = {
  &bl_report_text,
  &bl_report_json,
};

static void
table_clear (BlReportTable *t)
{
  g_free (t->kind);
  g_free (t->title);
  g_free (t->label);
  g_free (t->unit);
}

static void
filing_free (BlReportFiling *f)
{
  g_free (f->path);
  g_free (f->format);
  g_free (f->department);
  g_free (f->error);
  if (f->tables)
    g_array_free (f->tables, TRUE);
  bl_diagnostics_free (f->diags);
  g_free (f);
}

BlReport *
bl_report_new (const BlRulePack *pack)
{
  BlReport *r = g_new0 (BlReport, 1);
  r->pack_name = g_strdup (pack ? bl_rule_pack_get_name (pack) : "");
  r->pack_version = g_strdup (pack ? bl_rule_pack_get_version (pack) : "");
  r->filings = g_ptr_array_new_with_free_func ((GDestroyNotify) filing_free);
  return r;
}

void
bl_report_free (BlReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_free (report->filings, TRUE);
  g_free (report->pack_name);
  g_free (report->pack_version);
  g_free (report);
}

static BlReportFiling *
filing_new (const char *path)
{
  BlReportFiling *f = g_new0 (BlReportFiling, 1);
  f->path = g_strdup (path);
  f->tables = g_array_new (FALSE, TRUE, sizeof (BlReportTable));
  g_array_set_clear_func (f->tables, (GDestroyNotify) table_clear);
  return f;
}

void
bl_report_add_filing (BlReport *report, const char *path,
                      const BlFiling *filing, BlDiagnostics *diags)
{
  BlReportFiling *f = filing_new (path);

  f->format = g_strdup (filing->format);
  f->department = g_strdup (filing->department);
  f->year = filing->year;
  f->diags = diags;
  for (guint i = 0; i < filing->tables->len; i++)
    {
      const BlTable *t = g_ptr_array_index (filing->tables, i);
      BlReportTable rt = { 0 };
      rt.kind = g_strdup (t->kind);
      rt.title = g_strdup (t->title);
      rt.label = g_strdup (t->label);
      rt.unit = g_strdup (bl_unit_name (t->unit));
      rt.rows = bl_table_get_n_rows (t);
      rt.line = t->pos.line;
      g_array_append_val (f->tables, rt);
    }
  g_ptr_array_add (report->filings, f);
}

void
bl_report_add_failure (BlReport *report, const char *path, const GError *error)
{
  BlReportFiling *f = filing_new (path);
  f->error = g_strdup (error->message);
  f->error_line = bl_problems_message_line (error->message);
  g_ptr_array_add (report->filings, f);
}

gboolean
bl_report_write (const BlReport *report, const char *format,
                 const BlReportOptions *options, GString *out, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i]->name, format) == 0)
      {
        formats[i]->write (report, options, out);
        return TRUE;
      }
  g_set_error (error, BL_ERROR, BL_ERROR_UNSUPPORTED,
               "unknown output format '%s' (expected text or json)", format);
  return FALSE;
}

int
bl_report_exit_status (const BlReport *report, BlSeverity fail_on)
{
  int status = 0;
  for (guint i = 0; i < report->filings->len; i++)
    {
      const BlReportFiling *f = g_ptr_array_index (report->filings, i);
      if (f->error)
        return 2;
      for (guint k = 0; f->diags && k < bl_diagnostics_get_n (f->diags); k++)
        if (bl_diagnostic_get_severity (bl_diagnostics_get (f->diags, k)) >= fail_on)
          status = 1;
    }
  return status;
}
