/* Private: building diagnostics. */
#ifndef BL_DIAG_H
#define BL_DIAG_H

#include "common.h"

struct _BlDiagnostic {
  char *rule, *title, *message;
  BlSeverity severity;
  BlConfidence confidence;
  GArray *locations;        /* BlLocation with owned strings */
  char *expected, *actual, *difference, *unit;
};

struct _BlDiagnostics {
  GPtrArray *items;         /* BlDiagnostic*, owned */
  GByteArray *outcomes;     /* BlRuleOutcome of each rule of the pack, in
                               pack order; NULL unless a pack's check made
                               the list */
};

BlDiagnostic *bl_diagnostic__new (const char *rule, const char *title,
                                  BlSeverity severity, BlConfidence confidence,
                                  const char *message);
/* Copies the strings of @loc. */
void bl_diagnostic__add_location (BlDiagnostic *d, const BlLocation *loc);
void bl_diagnostic__set_values (BlDiagnostic *d, const char *expected,
                                const char *actual, const char *difference,
                                const char *unit);
void bl_diagnostic__free (BlDiagnostic *d);
BlDiagnostic *bl_diagnostic__copy (const BlDiagnostic *d);
/* Takes @d. */
void bl_diagnostics__add (BlDiagnostics *list, BlDiagnostic *d);
/* Sorts by first location's line, then rule id, then message: output is
 * the same whatever order the rules ran in. */
void bl_diagnostics__sort (BlDiagnostics *list);
/* Every finding's fingerprint (see bl_diagnostics_dup_fingerprint()),
 * computed in one pass: a GPtrArray of owned strings, parallel to @list. */
GPtrArray *bl_diagnostics__fingerprints (const BlDiagnostics *list);
/* The line a diagnostic is reported at: its first location's, or 0. */
guint bl_diagnostic__line (const BlDiagnostic *d);

#endif
