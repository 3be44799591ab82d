/* JUnit XML, for CI dashboards: a testsuite per filing and a testcase per
 * rule, failed when the rule has a finding at or above --fail-on (the
 * exit status's threshold); findings below it go to the testcase's
 * system-out.  A file that could not be used is a testsuite whose one
 * testcase is in error. */

#include "report.h"

#include <string.h>

static void
escape (GString *out, const char *s, gboolean attribute)
{
  for (const char *p = s ? s : ""; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\n': g_string_append (out, attribute ? "&#10;" : "\n"); break;
      case '\t': g_string_append (out, attribute ? "&#9;" : "\t"); break;
      default:
        if ((unsigned char) *p >= 0x20)
          g_string_append_c (out, *p);
      }
}

void
bl_xml__text (GString *out, const char *s)
{
  escape (out, s, FALSE);
}

static void
attr (GString *out, const char *name, const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  escape (out, value, TRUE);
  g_string_append_c (out, '"');
}

static const char *
doubt_mark (const BlDiagnostic *d)
{
  return d->confidence == BL_CONFIDENCE_UNCERTAIN ? BL_REPORT_DOUBT_MARK : "";
}

static void
finding_line (GString *out, const char *path, const BlDiagnostic *d)
{
  guint line = bl_diagnostic__line (d);

  g_string_append_printf (out, "%s[%s] %s", bl_severity_name (d->severity),
                          d->rule, path);
  if (line)
    g_string_append_printf (out, ":%u", line);
  g_string_append_printf (out, ": %s%s\n", d->message, doubt_mark (d));
}

/* The rules a testsuite has a testcase for: every selected rule of the
 * pack, then the others its findings name (READ.*), in order. */
static GPtrArray *
suite_rules (const BlReport *report, const BlReportFiling *f)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < report->rules->len; i++)
    {
      const BlReportRule *r = g_ptr_array_index (report->rules, i);
      if (r->from_pack && bl_report__rule_selected (report, r->id))
        g_ptr_array_add (ids, r->id);
    }
  for (guint i = 0; i < bl_diagnostics_get_n (f->diags); i++)
    {
      const char *id = bl_diagnostics_get (f->diags, i)->rule;
      const BlReportRule *r = bl_report__rule (report, id);
      if ((r == NULL || !r->from_pack)
          && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }
  return ids;
}

static void
testcase (GString *out, const BlReportFiling *f, const char *id,
          BlSeverity fail_on, guint *failed)
{
  g_autoptr(GString) fail = g_string_new (NULL), below = g_string_new (NULL);
  g_autofree char *first = NULL;

  for (guint i = 0; i < bl_diagnostics_get_n (f->diags); i++)
    {
      const BlDiagnostic *d = bl_diagnostics_get (f->diags, i);
      if (strcmp (d->rule, id) != 0)
        continue;
      if (d->severity >= fail_on)
        {
          if (first == NULL)
            first = g_strconcat (d->message, doubt_mark (d), NULL);
          finding_line (fail, f->path, d);
        }
      else
        finding_line (below, f->path, d);
    }
  g_string_append (out, "    <testcase");
  attr (out, "classname", f->path);
  attr (out, "name", id);
  if (first == NULL && below->len == 0)
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append (out, ">\n");
  if (first)
    {
      (*failed)++;
      g_string_append (out, "      <failure");
      attr (out, "message", first);
      attr (out, "type", id);
      g_string_append_c (out, '>');
      bl_xml__text (out, fail->str);
      g_string_append (out, "</failure>\n");
    }
  if (below->len)
    {
      g_string_append (out, "      <system-out>");
      bl_xml__text (out, below->str);
      g_string_append (out, "</system-out>\n");
    }
  g_string_append (out, "    </testcase>\n");
}

static void
failed_suite (GString *out, const BlReportFiling *f)
{
  g_autofree char *first = g_strndup (f->error, strcspn (f->error, "\n"));

  g_string_append (out, "  <testsuite");
  attr (out, "name", f->path);
  g_string_append (out, " tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                        "    <testcase");
  attr (out, "classname", f->path);
  attr (out, "name", "read");
  g_string_append (out, ">\n      <error");
  attr (out, "message", first);
  attr (out, "type", "unusable");
  g_string_append_c (out, '>');
  bl_xml__text (out, f->error);
  g_string_append (out, "</error>\n    </testcase>\n  </testsuite>\n");
}

static void
junit_filing (const BlReport *report, const BlReportOptions *options,
              const BlReportFiling *f, guint index, GString *out)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GString) cases = NULL;
  guint failed = 0;

  (void) index;
  if (f->error)
    {
      failed_suite (out, f);
      return;
    }
  ids = suite_rules (report, f);
  cases = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    testcase (cases, f, g_ptr_array_index (ids, i), options->fail_on, &failed);
  g_string_append (out, "  <testsuite");
  attr (out, "name", f->path);
  g_string_append_printf (out, " tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"0\">\n",
                          ids->len, failed);
  g_string_append_len (out, cases->str, (gssize) cases->len);
  g_string_append (out, "  </testsuite>\n");
}

static void
junit_begin (const BlReport *report, const BlReportOptions *options, GString *out)
{
  (void) report, (void) options;
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<testsuites name=\"budgetlint\">\n");
}

static void
junit_end (const BlReport *report, const BlReportOptions *options, GString *out)
{
  (void) report, (void) options;
  g_string_append (out, "</testsuites>\n");
}

const BlReportFormat bl_report_junit = { "junit", junit_begin, junit_filing, junit_end, NULL };
