/* Private: included first by every library source file. */
#ifndef BL_COMMON_H
#define BL_COMMON_H

#define BUDGETLINT_COMPILATION
#include <budgetlint/budgetlint.h>

#endif
