/* The canonical table kinds.  A kind names what a table is, whatever its
 * 公开NN number in a given province and year. */

#include "kinds.h"

#include <string.h>

static const BlTableKind kinds[] = {
  { "income_expenditure_summary", "收入支出决算总表" },
  { "income", "收入决算表" },
  { "expenditure", "支出决算表" },
  { "fiscal_summary", "财政拨款收入支出决算总表" },
  { "fiscal_expenditure_detail", "财政拨款支出决算明细表" },
  { "general_budget_expenditure", "一般公共预算财政拨款支出决算表" },
  { "general_budget_basic", "一般公共预算财政拨款基本支出决算明细表" },
  { "general_budget_economic", "一般公共预算财政拨款支出决算明细表" },
  { "general_budget_project", "一般公共预算财政拨款项目支出决算表" },
  { "government_fund", "政府性基金预算财政拨款收入支出决算表" },
  { "state_capital", "国有资本经营预算财政拨款支出决算表" },
  { "three_public", "财政拨款“三公”经费支出决算表" },
  { "public_info", "部门决算公开相关信息统计表" },
};

const BlTableKind *
bl_table_kind_lookup (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].kind, kind) == 0)
      return &kinds[i];
  return NULL;
}

const char *
bl_table_kind_names (void)
{
  static char *names;
  if (g_once_init_enter (&names))
    {
      GString *s = g_string_new (NULL);
      for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", kinds[i].kind);
      g_once_init_leave (&names, g_string_free (s, FALSE));
    }
  return names;
}
