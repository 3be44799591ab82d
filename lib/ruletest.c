/* Running each rule's own cases: `budgetlint rules test`.
 *
 * A case says what the rule must do on its small filing: pass (no finding
 * at all), fail (a finding at the rule's severity) or notice (only a
 * within-rounding notice).  Every rule needs at least one passing and one
 * failing case, so that no rule ships untested. */

#include "rulepack.h"
#include "diag.h"

static const char *const expect_names[] = { "pass", "fail", "notice" };

static gboolean
case_ok (const BlRulePack *pack, const BlRule *rule, const BlRuleCase *c, GString *why)
{
  g_autoptr(BlDiagnostics) diags = bl_diagnostics_new ();
  BlEvalCtx ctx;
  guint n_rule_sev = 0, n_notice = 0;

  bl_eval_ctx_init (&ctx, c->filing);
  ctx.pack = pack;
  bl_rule__run (rule, c->filing, &ctx, diags);
  bl_eval_ctx_clear (&ctx);
  for (guint i = 0; i < diags->items->len; i++)
    {
      const BlDiagnostic *d = g_ptr_array_index (diags->items, i);
      if (d->severity == BL_SEVERITY_NOTICE)
        n_notice++;
      if (d->severity == rule->severity)
        n_rule_sev++;
    }
  switch (c->expect)
    {
    case EXPECT_PASS:
      if (diags->items->len == 0)
        return TRUE;
      break;
    case EXPECT_FAIL:
      if (n_rule_sev > 0)
        return TRUE;
      break;
    case EXPECT_NOTICE:
      if (n_notice > 0 && n_notice == diags->items->len)
        return TRUE;
      break;
    }
  g_string_append_printf (why, "expected %s, got %u finding(s)",
                          expect_names[c->expect], diags->items->len);
  for (guint i = 0; i < diags->items->len; i++)
    {
      const BlDiagnostic *d = g_ptr_array_index (diags->items, i);
      g_string_append_printf (why, "\n      %s: %s", bl_severity_name (d->severity),
                              d->message);
    }
  return FALSE;
}

static void
note (GString *report, const BlRule *rule, const BlRuleCase *c, const char *msg)
{
  if (report == NULL)
    return;
  if (c)
    g_string_append_printf (report, "FAIL %s case %s (line %u): %s\n", rule->id,
                            c->name ? c->name : "?", c->line, msg);
  else
    g_string_append_printf (report, "FAIL %s (%s): %s\n", rule->id, rule->origin, msg);
}

gboolean
bl_rule_pack_test (const BlRulePack *pack, GString *report, guint *n_passed,
                   guint *n_failed)
{
  guint passed = 0, failed = 0;

  for (guint i = 0; i < pack->rules->len; i++)
    {
      const BlRule *rule = g_ptr_array_index (pack->rules, i);
      gboolean has[3] = { FALSE, FALSE, FALSE };
      for (guint k = 0; k < rule->cases->len; k++)
        {
          const BlRuleCase *c = g_ptr_array_index (rule->cases, k);
          g_autoptr(GString) why = g_string_new (NULL);
          has[c->expect] = TRUE;
          if (case_ok (pack, rule, c, why))
            passed++;
          else
            {
              failed++;
              note (report, rule, c, why->str);
            }
        }
      if (!has[EXPECT_PASS] || !has[EXPECT_FAIL])
        {
          failed++;
          note (report, rule, NULL, !has[EXPECT_PASS] ? "no passing case"
                                                      : "no failing case");
        }
    }
  if (n_passed)
    *n_passed = passed;
  if (n_failed)
    *n_failed = failed;
  return failed == 0;
}
