/* Reports: the results of one run, per input file, and which findings of
 * them a run keeps (select, ignore, severity overrides, baseline, max). */

#include "report/report.h"
#include "ledger.h"
#include "problems.h"

#include <string.h>

static const BlReportFormat *const formats[] = {
  &bl_report_text,
  &bl_report_json,
  &bl_report_sarif,
  &bl_report_junit,
  &bl_report_xlsx,
};

typedef struct {
  GPatternSpec *rule;
  BlSeverity severity;
} Override;

static void
override_free (Override *o)
{
  g_pattern_spec_free (o->rule);
  g_free (o);
}

static void
rule_free (BlReportRule *r)
{
  g_free (r->id);
  g_free (r->title);
  g_free (r->explanation);
  g_free (r);
}

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
  if (f == NULL)
    return;
  bl_report__free_tables (f);
  g_free (f->path);
  g_free (f->format);
  g_free (f->department);
  g_free (f->error);
  if (f->tables)
    g_array_free (f->tables, TRUE);
  if (f->fingerprints)
    g_ptr_array_free (f->fingerprints, TRUE);
  bl_diagnostics_free (f->diags);
  g_free (f);
}

static void
checked_clear (gpointer data)
{
  g_free (((BlReportChecked *) data)->path);
}

static BlReportRule *
add_rule (BlReport *r, const char *id, const char *title,
          const char *explanation, BlSeverity severity, gboolean from_pack)
{
  BlReportRule *rule = g_new0 (BlReportRule, 1);
  rule->id = g_strdup (id);
  rule->title = g_strdup (title);
  rule->explanation = g_strdup (explanation);
  rule->severity = severity;
  rule->from_pack = from_pack;
  rule->selected = -1;
  g_ptr_array_add (r->rules, rule);
  g_hash_table_insert (r->rules_by_id, rule->id, rule);
  return rule;
}

BlReport *
bl_report_new (const BlRulePack *pack)
{
  BlReport *r = g_new0 (BlReport, 1);
  r->pack_name = g_strdup (pack ? bl_rule_pack_get_name (pack) : "");
  r->pack_version = g_strdup (pack ? bl_rule_pack_get_version (pack) : "");
  r->filings = g_ptr_array_new_with_free_func ((GDestroyNotify) filing_free);
  r->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) filing_free);
  r->checked = g_array_new (FALSE, FALSE, sizeof (BlReportChecked));
  g_array_set_clear_func (r->checked, checked_clear);
  r->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  r->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  r->select = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  r->ignore = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  r->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) override_free);
  for (guint i = 0; pack && i < bl_rule_pack_get_n_rules (pack); i++)
    {
      const BlRule *rule = bl_rule_pack_get_rule (pack, i);
      add_rule (r, bl_rule_get_id (rule), bl_rule_get_title (rule),
                bl_rule_get_explanation (rule), bl_rule_get_severity (rule),
                TRUE);
    }
  return r;
}

void
bl_report_free (BlReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_free (report->filings, TRUE);
  g_ptr_array_free (report->failures, TRUE);
  g_array_free (report->checked, TRUE);
  g_hash_table_destroy (report->rules_by_id);
  g_ptr_array_free (report->rules, TRUE);
  g_ptr_array_free (report->select, TRUE);
  g_ptr_array_free (report->ignore, TRUE);
  g_ptr_array_free (report->overrides, TRUE);
  bl_baseline_free (report->baseline);
  if (report->recorded)
    g_ptr_array_free (report->recorded, TRUE);
  g_free (report->pack_name);
  g_free (report->pack_version);
  g_free (report);
}

/* ---- what to keep ---- */

static void
forget_selection (BlReport *report)
{
  for (guint i = 0; i < report->rules->len; i++)
    ((BlReportRule *) g_ptr_array_index (report->rules, i))->selected = -1;
}

void
bl_report_select (BlReport *report, const char *pattern)
{
  g_ptr_array_add (report->select, g_pattern_spec_new (pattern));
  forget_selection (report);
}

void
bl_report_ignore (BlReport *report, const char *pattern)
{
  g_ptr_array_add (report->ignore, g_pattern_spec_new (pattern));
  forget_selection (report);
}

gboolean
bl_report_override_severity (BlReport *report, const char *spec,
                             GError **error)
{
  const char *eq = strrchr (spec, '=');
  Override *o;
  BlSeverity sev;

  if (eq == NULL || eq == spec || !bl_severity_parse (eq + 1, &sev))
    {
      g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                   "--severity takes RULE=LEVEL (LEVEL error, warning or "
                   "notice), not '%s'", spec);
      return FALSE;
    }
  o = g_new0 (Override, 1);
  {
    g_autofree char *rule = g_strndup (spec, eq - spec);
    o->rule = g_pattern_spec_new (rule);
  }
  o->severity = sev;
  g_ptr_array_add (report->overrides, o);
  return TRUE;
}

void
bl_report_show_doubtful (BlReport *report, gboolean show)
{
  report->show_doubtful = show;
}

void
bl_report_set_max_findings (BlReport *report, guint n)
{
  report->max_findings = n;
}

void
bl_report_set_baseline (BlReport *report, BlBaseline *baseline)
{
  bl_baseline_free (report->baseline);
  report->baseline = baseline;
}

void
bl_report_record_baseline (BlReport *report)
{
  if (report->recorded == NULL)
    report->recorded = g_ptr_array_new_with_free_func ((GDestroyNotify) bl_baseline__entry_free);
}

void
bl_report_keep_tables (BlReport *report)
{
  report->keep_tables = TRUE;
}

static gboolean
matches_any (GPtrArray *patterns, const char *id)
{
  for (guint i = 0; i < patterns->len; i++)
    if (g_pattern_match_string (g_ptr_array_index (patterns, i), id))
      return TRUE;
  return FALSE;
}

gboolean
bl_report__rule_selected (const BlReport *report, const char *id)
{
  if (report->select->len && !matches_any (report->select, id))
    return FALSE;
  return !matches_any (report->ignore, id);
}

const BlReportRule *
bl_report__rule (const BlReport *report, const char *id)
{
  return g_hash_table_lookup (report->rules_by_id, id);
}

/* A rule's own findings take the override; rounding notices and the
 * warnings of a rule that could not be computed keep theirs. */
static void
apply_overrides (const BlReport *report, BlDiagnostic *d)
{
  const BlReportRule *rule = bl_report__rule (report, d->rule);

  if (rule == NULL || d->severity != rule->severity)
    return;
  for (guint i = report->overrides->len; i-- > 0;)
    {
      const Override *o = g_ptr_array_index (report->overrides, i);
      if (g_pattern_match_string (o->rule, d->rule))
        {
          d->severity = o->severity;
          return;
        }
    }
}

char *
bl_report__where (const BlLocation *l)
{
  GString *s = g_string_new (NULL);
  const char *parts[] = { l->table, l->row, l->column };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] && *parts[i])
      g_string_append_printf (s, "%s%s", s->len ? " / " : "", parts[i]);
  return g_string_free (s, FALSE);
}

char *
bl_report__position (const BlLocation *l)
{
  if (l->sheet && l->cell)
    return g_strdup_printf ("%s!%s", l->sheet, l->cell);
  if (l->page && l->line)
    return g_strdup_printf ("第%u页 第%u行", l->page, l->line);
  if (l->page)
    return g_strdup_printf ("第%u页", l->page);
  if (l->line)
    return g_strdup_printf ("第%u行", l->line);
  return g_strdup ("");
}

static void
record (BlReport *report, const char *path, const BlDiagnostic *d,
        const char *fingerprint, const char *justification)
{
  BlBaselineEntry *e;

  if (report->recorded == NULL)
    return;
  e = g_new0 (BlBaselineEntry, 1);
  e->path = g_strdup (path);
  e->fingerprint = g_strdup (fingerprint);
  e->rule = g_strdup (d->rule);
  e->where = d->locations->len
               ? bl_report__where (&g_array_index (d->locations, BlLocation, 0))
               : g_strdup ("");
  e->message = g_strdup (d->message);
  e->justification = g_strdup (justification ? justification : "");
  g_ptr_array_add (report->recorded, e);
}

/* Baseline entries of @path that matched nothing become notices. */
static void
report_unmatched (BlReport *report, BlReportFiling *f)
{
  for (guint i = 0; report->baseline && i < report->baseline->entries->len; i++)
    {
      BlBaselineEntry *e = g_ptr_array_index (report->baseline->entries, i);
      g_autofree char *msg = NULL;
      BlDiagnostic *d;
      BlLocation loc = { 0 };

      if (e->matched || strcmp (e->path, f->path) != 0
          || !bl_report__rule_selected (report, e->rule))
        continue;
      msg = g_strdup_printf ("基线条目不再对应任何发现：%s %s（指纹 %s），可从基线中删除",
                             e->rule, e->where ? e->where : "", e->fingerprint);
      d = bl_diagnostic__new ("BASELINE.unmatched", "基线条目已无对应发现",
                              BL_SEVERITY_NOTICE, BL_CONFIDENCE_CERTAIN, msg);
      bl_diagnostic__add_location (d, &loc);
      bl_diagnostics__add (f->diags, d);
      g_ptr_array_add (f->fingerprints, g_strdup (e->fingerprint));
    }
}

static void
count (BlReport *report, const BlDiagnostic *d)
{
  BlReportRule *rule = g_hash_table_lookup (report->rules_by_id, d->rule);

  if (rule == NULL)
    rule = add_rule (report, d->rule, d->title, NULL, d->severity, FALSE);
  rule->counts[d->severity]++;
  report->counts[d->severity]++;
}

/* A finding computed from a doubtful reading is held back unless asked
 * for: it is counted, and freed.  One a baseline already holds stays
 * with the baseline, which keeps the entry matched and recorded. */
static gboolean
held_back (BlReport *report, BlReportFiling *f, BlDiagnostic *d,
           const BlBaselineEntry *e)
{
  if (d->confidence != BL_CONFIDENCE_UNCERTAIN || report->show_doubtful || e)
    return FALSE;
  f->n_held_back++;
  report->n_held_back++;
  bl_diagnostic__free (d);
  return TRUE;
}

/* Keeps the findings of @all the report is told to keep, in order, with
 * their fingerprints; the others are freed. */
static void
keep_findings (BlReport *report, BlReportFiling *f, BlDiagnostics *all)
{
  g_autoptr(GPtrArray) fps = bl_diagnostics__fingerprints (all);
  GPtrArray *items = all->items;

  f->diags = bl_diagnostics_new ();
  f->fingerprints = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      BlDiagnostic *d = g_ptr_array_index (items, i);
      const char *fp = g_ptr_array_index (fps, i);
      BlBaselineEntry *e = report->baseline
                             ? bl_baseline__lookup (report->baseline, f->path, fp)
                             : NULL;

      apply_overrides (report, d);
      if (e)
        e->matched = TRUE;
      if (!bl_report__rule_selected (report, d->rule))
        {
          bl_diagnostic__free (d);
          continue;
        }
      if (held_back (report, f, d, e))
        continue;
      record (report, f->path, d, fp, e ? e->justification : NULL);
      if (e)
        {
          bl_diagnostic__free (d);
          continue;
        }
      bl_diagnostics__add (f->diags, d);
      g_ptr_array_add (f->fingerprints, g_strdup (fp));
    }
  g_ptr_array_set_size (items, 0);
  bl_diagnostics_free (all);
  report_unmatched (report, f);
}

/* --max-findings: what is over the limit is counted, not kept. */
static void
cap_findings (BlReport *report, BlReportFiling *f)
{
  guint kept = report->counts[0] + report->counts[1] + report->counts[2];
  GPtrArray *items = f->diags->items;
  guint room;

  if (report->max_findings == 0)
    return;
  room = kept >= report->max_findings ? 0 : report->max_findings - kept;
  for (guint i = room; i < items->len; i++)
    {
      BlDiagnostic *d = g_ptr_array_index (items, i);
      report->n_omitted++;
      report->omitted_severity[d->severity] = TRUE;
    }
  if (room < items->len)
    {
      g_ptr_array_set_size (items, room);
      g_ptr_array_set_size (f->fingerprints, room);
    }
}

/* How many of the selected rules ran, did not apply, could not run: the
 * pack's rules open report->rules, in the order the outcomes are. */
static void
count_outcomes (BlReport *report, BlReportFiling *f, const BlDiagnostics *all)
{
  for (guint i = 0; all->outcomes && i < all->outcomes->len
                   && i < report->rules->len; i++)
    {
      BlReportRule *rule = g_ptr_array_index (report->rules, i);
      BlRuleOutcome o = all->outcomes->data[i];
      if (!rule->from_pack)
        break;                  /* a report made for another pack */
      if (rule->selected < 0)
        rule->selected = (signed char) bl_report__rule_selected (report, rule->id);
      if (!rule->selected)
        continue;
      f->outcomes[o]++;
      report->outcomes[o]++;
    }
}

/* A report is UTF-8 whatever the file names: a name need not be (GBK
 * names from archives made on Chinese Windows), so the report holds it
 * as g_filename_display_name() shows it, and baselines match that. */
static BlReportFiling *
filing_new (const char *path)
{
  BlReportFiling *f = g_new0 (BlReportFiling, 1);
  f->path = g_filename_display_name (path);
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
  f->n_before = bl_report_get_n_findings (report);
  count_outcomes (report, f, diags);
  {
    BlReportChecked c = { g_strdup (path), { 0 } };
    memcpy (c.outcomes, f->outcomes, sizeof c.outcomes);
    g_array_append_val (report->checked, c);
  }
  keep_findings (report, f, diags);
  cap_findings (report, f);
  for (guint i = 0; i < f->diags->items->len; i++)
    count (report, g_ptr_array_index (f->diags->items, i));
  if (report->keep_tables)
    bl_report__keep_tables (f, filing);
  report->n_filings++;
  g_ptr_array_add (report->filings, f);
}

static BlReportFiling *
failure_new (const char *path, const GError *error)
{
  BlReportFiling *f = filing_new (path);
  f->error = g_utf8_make_valid (error->message, -1);   /* it may quote a name */
  f->error_line = bl_problems_message_line (error->message);
  return f;
}

/* A failure is also kept aside: SARIF lists them at the end. */
void
bl_report_add_failure (BlReport *report, const char *path, const GError *error)
{
  report->n_filings++;
  report->n_failed++;
  g_ptr_array_add (report->filings, failure_new (path, error));
  g_ptr_array_add (report->failures, failure_new (path, error));
}

guint
bl_report_get_n_findings (const BlReport *report)
{
  return report->counts[0] + report->counts[1] + report->counts[2];
}

/* ---- writing ---- */

static const BlReportFormat *
find_format (const char *name, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i]->name, name) == 0)
      return formats[i];
  g_set_error (error, BL_ERROR, BL_ERROR_UNSUPPORTED,
               "unknown output format '%s' (expected text, json, sarif, "
               "junit or xlsx)", name);
  return NULL;
}

static const BlReportFormat *
find_text_format (const char *name, GError **error)
{
  const BlReportFormat *fmt = find_format (name, error);

  if (fmt && fmt->begin == NULL)
    {
      g_set_error (error, BL_ERROR, BL_ERROR_UNSUPPORTED,
                   "the %s format is a binary file: write it with -o FILE", name);
      return NULL;
    }
  return fmt;
}

gboolean
bl_report_format_is_binary (const char *format)
{
  const BlReportFormat *fmt = find_format (format, NULL);
  return fmt && fmt->begin == NULL;
}

static void
write_filings (const BlReport *report, const BlReportFormat *fmt,
               const BlReportOptions *options, guint first, GString *out)
{
  for (guint i = 0; i < report->filings->len; i++)
    fmt->filing (report, options, g_ptr_array_index (report->filings, i),
                 first + i, out);
}

gboolean
bl_report_write (const BlReport *report, const char *format,
                 const BlReportOptions *options, GString *out, GError **error)
{
  const BlReportFormat *fmt = find_text_format (format, error);
  BlReportOptions defaults = { FALSE, BL_SEVERITY_ERROR };

  if (fmt == NULL)
    return FALSE;
  if (options == NULL)
    options = &defaults;
  fmt->begin (report, options, out);
  write_filings (report, fmt, options, report->n_written, out);
  fmt->end (report, options, out);
  return TRUE;
}

gboolean
bl_report_write_file (const BlReport *report, const char *format,
                      const BlReportOptions *options, const char *path,
                      GError **error)
{
  const BlReportFormat *fmt = find_format (format, error);
  BlReportOptions defaults = { FALSE, BL_SEVERITY_ERROR };
  g_autoptr(GString) out = NULL;

  if (fmt == NULL)
    return FALSE;
  if (options == NULL)
    options = &defaults;
  if (fmt->write_file)
    return fmt->write_file (report, options, path, error);
  out = g_string_new (NULL);
  bl_report_write (report, format, options, out, NULL);
  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}

gboolean
bl_report_begin (BlReport *report, const char *format,
                 const BlReportOptions *options, GString *out, GError **error)
{
  const BlReportFormat *fmt = find_text_format (format, error);

  g_return_val_if_fail (report->stream == NULL, FALSE);
  if (fmt == NULL)
    return FALSE;
  report->stream = fmt;
  if (options)
    report->stream_options = *options;
  else
    report->stream_options.fail_on = BL_SEVERITY_ERROR;
  fmt->begin (report, &report->stream_options, out);
  return TRUE;
}

void
bl_report_flush (BlReport *report, GString *out)
{
  g_return_if_fail (report->stream != NULL);
  write_filings (report, report->stream, &report->stream_options,
                 report->n_written, out);
  report->n_written += report->filings->len;
  g_ptr_array_set_size (report->filings, 0);
}

void
bl_report_end (BlReport *report, GString *out)
{
  g_return_if_fail (report->stream != NULL);
  bl_report_flush (report, out);
  report->stream->end (report, &report->stream_options, out);
  report->stream = NULL;
}

static int
by_count (gconstpointer pa, gconstpointer pb)
{
  const BlReportRule *a = *(BlReportRule *const *) pa;
  const BlReportRule *b = *(BlReportRule *const *) pb;
  guint na = a->counts[0] + a->counts[1] + a->counts[2];
  guint nb = b->counts[0] + b->counts[1] + b->counts[2];

  if (na != nb)
    return na > nb ? -1 : 1;
  return strcmp (a->id, b->id);
}

void
bl_report_write_statistics (const BlReport *report, GString *out)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();

  for (guint i = 0; i < report->rules->len; i++)
    {
      BlReportRule *r = g_ptr_array_index (report->rules, i);
      if (r->counts[0] + r->counts[1] + r->counts[2])
        g_ptr_array_add (rules, r);
    }
  g_ptr_array_sort (rules, by_count);
  for (guint i = 0; i < rules->len; i++)
    {
      const BlReportRule *r = g_ptr_array_index (rules, i);
      g_string_append_printf (out, "%6u  %5u error %5u warning %5u notice  %s  %s\n",
                              r->counts[0] + r->counts[1] + r->counts[2],
                              r->counts[BL_SEVERITY_ERROR],
                              r->counts[BL_SEVERITY_WARNING],
                              r->counts[BL_SEVERITY_NOTICE], r->id,
                              r->title ? r->title : "");
    }
  if (rules->len == 0)
    g_string_append (out, "no findings\n");
}

int
bl_report_exit_status (const BlReport *report, BlSeverity fail_on)
{
  if (report->n_failed)
    return 2;
  for (int s = fail_on; s <= BL_SEVERITY_ERROR; s++)
    if (report->counts[s] || report->omitted_severity[s])
      return 1;
  return 0;
}
