/* Private: included first by every library source file. */
#ifndef BL_COMMON_H
#define BL_COMMON_H

#ifndef BUDGETLINT_COMPILATION
#define BUDGETLINT_COMPILATION
#endif
#include <budgetlint/budgetlint.h>

#endif
