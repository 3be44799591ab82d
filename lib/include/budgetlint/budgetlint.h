/*
 * budgetlint — lint Chinese government budget disclosures (部门决算公开).
 *
 * The only header callers include.  See libbudgetlint(3).
 */
#ifndef BUDGETLINT_H
#define BUDGETLINT_H

#define BUDGETLINT_INSIDE

#if defined(BUDGETLINT_COMPILATION)
#define BL_API __attribute__ ((visibility ("default")))
#else
#define BL_API
#endif

#define BL_VERSION "0.1.0"

#include <budgetlint/budgetlint-error.h>
#include <budgetlint/budgetlint-decimal.h>
#include <budgetlint/budgetlint-ledger.h>
#include <budgetlint/budgetlint-diag.h>
#include <budgetlint/budgetlint-rules.h>
#include <budgetlint/budgetlint-report.h>

#undef BUDGETLINT_INSIDE

#endif
