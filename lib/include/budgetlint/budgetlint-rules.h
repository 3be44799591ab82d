#ifndef BUDGETLINT_RULES_H
#define BUDGETLINT_RULES_H

#if !defined(BUDGETLINT_INSIDE) && !defined(BUDGETLINT_COMPILATION)
#error "Only <budgetlint/budgetlint.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/*
 * A rule pack: rules read from YAML (budgetlint-rules(5)), each with an
 * id, a Chinese title, a severity, an expression over the ledger, a
 * message template and its own test cases.  One interpreter runs them all.
 */
typedef struct _BlRulePack BlRulePack;
typedef struct _BlRule BlRule;

/**
 * bl_rule_pack_load_file:
 * @path: a pack file, or a directory whose *.yaml files form one pack.
 * Returns: (transfer full) (nullable): the pack, or %NULL with @error set
 *   (BL_ERROR_RULE_PACK or BL_ERROR_EXPR) listing every problem found,
 *   each as `file:line:col: message` with an excerpt and a caret.
 */
BL_API BlRulePack *bl_rule_pack_load_file (const char *path, GError **error);

/** As bl_rule_pack_load_file(), from memory; @name is used in messages. */
BL_API BlRulePack *bl_rule_pack_load_data (const char *data, gsize len,
                                           const char *name, GError **error);
BL_API void bl_rule_pack_free (BlRulePack *pack);

BL_API const char *bl_rule_pack_get_name (const BlRulePack *pack);
BL_API const char *bl_rule_pack_get_version (const BlRulePack *pack);
BL_API guint bl_rule_pack_get_n_rules (const BlRulePack *pack);
/** Returns: (transfer none): rules in pack order. */
BL_API const BlRule *bl_rule_pack_get_rule (const BlRulePack *pack, guint i);
/** Returns: (transfer none) (nullable): the rule with @id. */
BL_API const BlRule *bl_rule_pack_find_rule (const BlRulePack *pack,
                                             const char *id);

BL_API const char *bl_rule_get_id (const BlRule *rule);
BL_API const char *bl_rule_get_title (const BlRule *rule);
BL_API BlSeverity bl_rule_get_severity (const BlRule *rule);
/** Returns: (nullable): the rule's rationale, for `budgetlint explain`. */
BL_API const char *bl_rule_get_explanation (const BlRule *rule);
BL_API const char *bl_rule_get_check (const BlRule *rule);
BL_API const char *bl_rule_get_message (const BlRule *rule);
/** Returns: (transfer none): %NULL-terminated table kinds, or %NULL. */
BL_API const char *const *bl_rule_get_tables (const BlRule *rule);
BL_API guint bl_rule_get_n_cases (const BlRule *rule);
/** Where the rule is defined: `file:line`. */
BL_API const char *bl_rule_get_origin (const BlRule *rule);

/**
 * bl_rule_pack_check:
 * Runs every rule on @filing.
 * Returns: (transfer full): the findings, sorted by position, then rule.
 *   A rule that cannot be evaluated is itself reported as a finding.
 */
BL_API BlDiagnostics *bl_rule_pack_check (const BlRulePack *pack,
                                          const BlFiling *filing);

/**
 * bl_rule_pack_test:
 * Runs every rule's own cases (each case's filing against that rule).
 * @report: (nullable): receives one line per failing case.
 * Returns: %TRUE when every case behaved as it says.
 */
BL_API gboolean bl_rule_pack_test (const BlRulePack *pack, GString *report,
                                   guint *n_passed, guint *n_failed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlRulePack, bl_rule_pack_free)

G_END_DECLS

#endif
