/* Whose figure is it?  Prose states a project's budget several times
 * ("项目年初预算 30 万元" in 项目概况, "本项目年初预算数为 24.332718 万元"
 * under 资金投入), and a restatement can only be checked once both are
 * known to be about the same thing.  These functions name the quantity a
 * concept ends with and the subject in front of it, so claims.c can key
 * each budget fact by (report, subject, quantity).
 *
 * Naming errs towards the specific: a subject that is only roughly right
 * ("提高预算项目绩效认识") merely keeps two facts apart; a subject that is
 * too broad would compare two projects' budgets, a false alarm.  So
 * pronouns (该项目, 本项目资金) and headings that describe rather than name
 * (项目资金情况, 预算执行情况分析) are no subject at all, and the caller
 * looks further out. */

#include "narrative.h"
#include "template.h"

#include <string.h>

static const char *const quantity_names[] = {
  [BL_QUANTITY_NONE] = NULL,
  [BL_QUANTITY_ORIGINAL] = "年初预算",
  [BL_QUANTITY_ANNUAL] = "全年预算",
  [BL_QUANTITY_BUDGET] = "预算数",
  [BL_QUANTITY_EXECUTED] = "执行数",
  [BL_QUANTITY_RATE] = "执行率",
};

const char *
bl_quantity__name (BlQuantity q)
{
  return quantity_names[q];
}

BlQuantity
bl_quantity__of (const char *concept, gboolean percent, gsize *subject_len)
{
  static GRegex *amount, *rate;
  g_autoptr(GMatchInfo) m = NULL;
  gint end = 0;
  BlQuantity q = BL_QUANTITY_NONE;

  /* Lazy prefix: "…支出年初预算" is 年初预算 of "…支出", and 年初 wins
   * over a bare 预算数 because the shortest subject is tried first.  The
   * words are rules/lexicon.yaml's. */
  if (percent)
    {
      if (g_regex_match (bl_words_regex (&rate, "^(.*?){rate}$"), concept, 0, &m))
        q = BL_QUANTITY_RATE;
    }
  else if (g_regex_match (bl_words_regex (&amount,
             "^(.*?)(?:({original})|({annual})|({budget})|({executed}))$"), concept, 0, &m))
    {
      for (int g = 2; g <= 5 && q == BL_QUANTITY_NONE; g++)
        {
          gint s = -1;
          if (g_match_info_fetch_pos (m, g, &s, NULL) && s >= 0)
            q = (BlQuantity) (BL_QUANTITY_ORIGINAL + (g - 2));
        }
    }
  if (q != BL_QUANTITY_NONE)
    g_match_info_fetch_pos (m, 1, NULL, &end);
  *subject_len = (gsize) end;
  return q;
}

/* Strips, until nothing changes, what does not tell one subject from
 * another: a trailing 的/项目/资金, and the report word after a name
 * ("…经费项目绩效自评综述"). */
static void
strip_tails (GString *s)
{
  static GRegex *tail;
  for (;;)
    {
      g_autoptr(GMatchInfo) m = NULL;
      gint start;
      if (!g_regex_match (bl_regex_once (&tail,
            "(的|项目|资金|项目支出|(?:绩效)?(?:自评|评价)+(?:综述|报告|结论|结果)?|综述|报告)$"),
            s->str, 0, &m))
        return;
      g_match_info_fetch_pos (m, 0, &start, NULL);
      g_string_truncate (s, (gsize) start);
    }
}

/* A heading or lead that says what is discussed, not what it is:
 * 项目资金情况, 预算执行情况分析, 存在的主要问题及原因. */
static gboolean
describes (const char *s)
{
  static GRegex *re;
  return g_regex_match (bl_regex_once (&re,
           "(情况|分析|说明|概况|评价|自评|管理|目标|指标|结论|措施|建议|问题|原因|方法|依据|过程"
           "|原则|背景|方向|目的|设置|实施|结果|决策|产出|效益|效果|内容|范围|对象|做法|成效"
           "|开展|应用|计划|安排|执行|完成|使用|到位|附件|附表|解释|目录|部分|决算|表)$"
           "|^第[一二三四五六七八九十]+部分"), s, 0, NULL);
}

/* What is left of a name without the words any subject may carry:
 * nothing for 该项目, 本项目资金, 项目全年. */
static char *
core (const char *s)
{
  static GRegex *filler;
  return g_regex_replace (bl_regex_once (&filler,
           "该|本|此|其|项目|资金|经费|专项|工作|全年|年度|当年|年初|年末|年中|年底|年终|的|部分"
           "|支出|县级|市级|省级|实际|到位|拨付|拨入|下达|安排|调整后|追加|总额|金额|合计|累计"),
           s, -1, 0, "", 0, NULL);
}

/* One name inside the other, and most of it: 城乡医疗救助 is 某县城乡
 * 医疗救助, but 医疗救助 is not 中央财政医疗救助补助. */
gboolean
bl_subject__same (const char *a, const char *b)
{
  g_autofree char *x = core (a), *y = core (b);
  glong nx = g_utf8_strlen (x, -1), ny = g_utf8_strlen (y, -1);
  if (nx == 0 || ny == 0 || !(strstr (x, y) || strstr (y, x)))
    return FALSE;
  return MIN (nx, ny) * 5 >= MAX (nx, ny) * 3;
}

char *
bl_subject__name (const char *text)
{
  static GRegex *space, *noise, *department, *dangling;
  g_autofree char *a = g_regex_replace_literal (bl_regex_once (&space, "\\s+"), text, -1, 0, "", 0, NULL);
  g_autofree char *b = g_regex_replace (bl_regex_once (&noise,
      "^[#＃]+|^附[件表][0-9一二三四五六七八九十]*[：:]?|^([0-9]+[.、．]|[（(][0-9一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、"
      "|[①-⑳])|[，；：。、,;:！？]+$|20[0-9]{2}年度?"),
      a, -1, 0, "", 0, NULL);
  g_autoptr(GString) s = g_string_new (b);
  g_autofree char *rest = NULL;

  if (describes (s->str))
    return NULL;
  strip_tails (s);
  if (g_regex_match (bl_regex_once (&department,
        "^(本|我|该)?(部门|单位|局)([（(]单位[)）])?$|整体(支出)?$"), s->str, 0, NULL))
    return g_strdup ("本部门");
  rest = core (s->str);
  if (*rest == '\0' || g_utf8_strlen (s->str, -1) > 40 || describes (s->str)
      || g_regex_match (bl_regex_once (&dangling, "(及|和|与|或|等)$"), s->str, 0, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
bl_subject__title (const char *text, char **name)
{
  static GRegex *re;
  *name = NULL;
  if (g_utf8_strlen (text, -1) > 60 || strstr (text, "，") || strstr (text, "。")
      || !g_regex_match (bl_regex_once (&re, "(绩效自评|绩效评价|自评)(报告|综述)?[\\s：:]*$"),
                         text, 0, NULL))
    return FALSE;
  *name = bl_subject__name (text);
  return TRUE;
}

char *
bl_subject__lead (const char *text)
{
  static GRegex *verb, *noun;
  g_autoptr(GMatchInfo) m = NULL;
  const char *object = text;
  gint end;

  /* "我局继续实施城乡医疗救助项目": the name is the verb's object */
  for (g_regex_match (bl_regex_once (&verb,
         "实施|开展|申报|设立|安排|下达|拨付|组织|推进|用于|支付|使用|落实|完成|设置|对|将|为"),
         text, 0, &m);
       g_match_info_matches (m); g_match_info_next (m, NULL))
    if (g_match_info_fetch_pos (m, 0, NULL, &end))
      object = text + end;
  if (!g_regex_match (bl_regex_once (&noun,
        "(项目|资金|经费|补助|补贴|费|金|款|[（(][类款项][)）]|支出|工程|保险|救助|服务|系统|建设"
        "|部门|单位|局|中心|事务|整理|维护|运行|计划|专项)[：:，,。；;\\s]*$"), object, 0, NULL))
    return NULL;   /* a verb phrase or a circumstance, not a name */
  return bl_subject__name (object);
}
