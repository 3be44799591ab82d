/* A filing reads the same whatever tool turned its PDF into text.
 *
 * For each PDF of tests/corpus/pdf and each text the common extractors
 * make of it (tests/corpus/variants, see the README there), the cells the
 * text reader finds are compared with those the PDF reader finds: same
 * table kind, part, row (code, or label key), column and value — the
 * comparison ../shared/tools/fidelity makes.  And the findings: a text
 * must not give an error or warning the PDF does not, apart from one
 * READ.* finding for a table it really cannot place.
 *
 * Every variant: no figure in a wrong place, and at least 99 % of the
 * PDF's table cells either in place or left unread with a READ.* finding
 * (pdftotext without options writes some tables column by column: what
 * cannot be read is said once per table and computes nothing).  The tools
 * that write tables row by row (pdftotext -layout, -raw, mutool, and page
 * text — a Python PDF library's rows on lines, made by collapsing the
 * layout's spaces) also report every table finding the PDF reports, and
 * for the altered copy every finding.
 *
 * The prose gives the same findings from every text: the same NR.* rule
 * and message for the tools that write row by row; as many of each rule
 * from pdftotext without options, which writes a small table inside the
 * prose (序号 单位名称 备注) in another order — apart from findings that
 * compare the prose with a table the text could not read. */

#include <check.h>
#undef BUDGETLINT_COMPILATION
#include "common.h"
#include "ledger.h"
#include "diag.h"

#include <stdio.h>
#include <string.h>

#define CORPUS BL_SRCDIR "/tests/corpus/"

/* The blank national template has no figures: its codes and names, no
 * finding on them a PDF does not give, and its placeholders in the prose
 * are what it tests. */
static const char *const pdfs[] = {
  "putuo-caizhengju-2024", "putuo-guihuaziyuanju-2024", "putuo-shehuigongzuobu-2024",
  "putuo-caizhengju-2024-altered", "template-juesuan-2024",
};

typedef struct {
  const char *name;
  gboolean ordered;     /* the tool writes tables row by row */
} Variant;

static const Variant variants[] = {
  { "layout", TRUE }, { "raw", TRUE }, { "mutool", TRUE }, { "pagetext", TRUE },
  { "pdftotext", FALSE }, { "fixed3", TRUE },
};

/* Cells in place, per cent, at least: per PDF (above) and variant
 * (below) what the readers reach today, so that none of it is lost.
 * pdftotext without -layout loses rows and columns the sums cannot give
 * back (READ.* says which); pagetext shares its flow on one page. */
static const guint floors[][G_N_ELEMENTS (variants)] = {
  { 100, 98, 98, 73, 83, 100 },
  { 100, 100, 100, 100, 77, 100 },
  { 100, 100, 100, 100, 61, 100 },
  { 100, 100, 100, 100, 41, 100 },
  { 100, 100, 100, 100, 100, 100 },
};

static BlRulePack *pack;

static void
load_pack (void)
{
  g_autoptr(GError) error = NULL;
  if (pack == NULL)
    pack = bl_rule_pack_load_file (BL_SRCDIR "/rules", &error);
  ck_assert_msg (pack != NULL, "%s", error ? error->message : "");
}

static BlFiling *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  BlFiling *f = bl_filing_load_file (path, &error);
  ck_assert_msg (f != NULL, "%s: %s", path, error ? error->message : "");
  return f;
}

/* The cells of @kind in a filing's tables (@narrative: in the prose's
 * claims instead), as "kind|part|row|column" (@with_value: "|value"
 * added) → how many times. */
static GHashTable *
cells_where (const BlFiling *f, gboolean narrative, BlCellKind kind, gboolean with_value)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlTable *table = g_ptr_array_index (f->tables, t);
      if ((strcmp (table->kind, "narrative") == 0) != narrative)
        continue;
      for (guint p = 0; p < table->parts->len; p++)
        {
          const BlPart *part = g_ptr_array_index (table->parts, p);
          for (guint i = 0; i < part->rows->len; i++)
            {
              const BlRow *row = g_ptr_array_index (part->rows, i);
              g_autofree char *key = row->code ? g_strdup (row->code)
                                               : bl_label_key (row->label ? row->label : "");
              for (guint c = 0; c < part->columns->len; c++)
                {
                  const BlCell *cell = &row->cells[c];
                  const BlColumn *col = g_ptr_array_index (part->columns, c);
                  char *k;
                  if (cell->kind != kind)
                    continue;
                  k = g_strdup_printf ("%s|%s|%s|%s/%s%s%s", table->kind, part->name ? part->name : "",
                                       key, col->group ? col->group : "", col->name,
                                       with_value ? "|" : "",
                                       with_value && cell->text ? cell->text : "");
                  g_hash_table_insert (out, k, GUINT_TO_POINTER (
                    GPOINTER_TO_UINT (g_hash_table_lookup (out, k)) + 1));
                }
            }
        }
    }
  return out;
}

/* Every figure: "kind|part|row|column|value" → how many times. */
static GHashTable *
cells_of (const BlFiling *f, gboolean narrative)
{
  return cells_where (f, narrative, BL_CELL_NUMBER, TRUE);
}

static guint
total (GHashTable *cells)
{
  GHashTableIter it;
  gpointer k, v;
  guint n = 0;
  g_hash_table_iter_init (&it, cells);
  while (g_hash_table_iter_next (&it, &k, &v))
    n += GPOINTER_TO_UINT (v);
  (void) k;
  return n;
}

/* Where a filing's tables have unread cells: "kind|part|row|column". */
static GHashTable *
unread_of (const BlFiling *f)
{
  return cells_where (f, FALSE, BL_CELL_UNREAD, FALSE);
}

/* Kinds of the tables a filing gave up reading (READ.order): "kind|". */
static void
add_given_up (const BlFiling *f, GHashTable *unread)
{
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlTable *table = g_ptr_array_index (f->tables, t);
      if (table->doubt)
        g_hash_table_add (unread, g_strdup_printf ("%s|", table->kind));
    }
}

/* Cells of @ref that @got does not have in place but left unread, or
 * whose whole table it says it could not read. */
static guint
declared_unread (GHashTable *ref, GHashTable *got, GHashTable *unread)
{
  GHashTableIter it;
  gpointer k, v;
  guint n = 0;
  g_hash_table_iter_init (&it, ref);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      guint missing = GPOINTER_TO_UINT (v) - MIN (GPOINTER_TO_UINT (v),
                                                  GPOINTER_TO_UINT (g_hash_table_lookup (got, k)));
      g_autofree char *place = g_strndup (k, (gsize) (strrchr (k, '|') - (const char *) k));
      g_autofree char *kind = g_strndup (k, (gsize) (strchr (k, '|') - (const char *) k) + 1);
      if (missing && (g_hash_table_contains (unread, place) || g_hash_table_contains (unread, kind)))
        n += missing;
    }
  return n;
}

/* Cells of @got that @ref has in the same place. */
static guint
in_place (GHashTable *ref, GHashTable *got)
{
  GHashTableIter it;
  gpointer k, v;
  guint n = 0;
  g_hash_table_iter_init (&it, ref);
  while (g_hash_table_iter_next (&it, &k, &v))
    n += MIN (GPOINTER_TO_UINT (v), GPOINTER_TO_UINT (g_hash_table_lookup (got, k)));
  return n;
}

/* The error and warning findings a user sees (held-back ones aside), as
 * "rule message" lines; READ.* ones counted apart. */
static GPtrArray *
findings (const BlFiling *f, guint *reads)
{
  g_autoptr(BlDiagnostics) d = bl_rule_pack_check (pack, f);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  *reads = 0;
  for (guint i = 0; i < bl_diagnostics_get_n (d); i++)
    {
      const BlDiagnostic *x = bl_diagnostics_get (d, i);
      if (x->severity < BL_SEVERITY_WARNING || x->confidence == BL_CONFIDENCE_UNCERTAIN)
        continue;
      if (g_str_has_prefix (x->rule, "READ."))
        (*reads)++;
      else
        g_ptr_array_add (out, g_strdup_printf ("%s %s", x->rule, x->message));
    }
  return out;
}

/* Whether the text could not read a table the PDF's finding "rule
 * message" points at: it gave the table up, or left cells of it unread. */
static gboolean
needs_unread_table (const BlFiling *pdf, const BlFiling *txt, const char *rule_and_message)
{
  g_autoptr(BlDiagnostics) d = bl_rule_pack_check (pack, pdf);
  for (guint i = 0; i < bl_diagnostics_get_n (d); i++)
    {
      const BlDiagnostic *x = bl_diagnostics_get (d, i);
      g_autofree char *rm = g_strdup_printf ("%s %s", x->rule, x->message);
      if (strcmp (rm, rule_and_message) != 0)
        continue;
      for (guint l = 0; l < x->locations->len; l++)
        {
          const char *title = g_array_index (x->locations, BlLocation, l).table;
          for (guint t = 0; title && t < txt->tables->len; t++)
            {
              const BlTable *table = g_ptr_array_index (txt->tables, t);
              if (g_strcmp0 (table->title, title) == 0 && strcmp (table->kind, "narrative") != 0
                  && (table->doubt || bl_table__has_unread (table)))
                return TRUE;
            }
        }
    }
  return FALSE;
}

static guint
count_rule (const GPtrArray *list, const char *rule_and_message)
{
  gsize n = strcspn (rule_and_message, " ");
  guint count = 0;
  for (guint i = 0; i < list->len; i++)
    {
      const char *f = g_ptr_array_index (list, i);
      count += strncmp (f, rule_and_message, n) == 0 && f[n] == ' ';
    }
  return count;
}

static guint
n_tables (const BlFiling *f)
{
  guint n = 0;
  for (guint i = 0; i < f->tables->len; i++)
    n += strcmp (((const BlTable *) g_ptr_array_index (f->tables, i))->kind, "narrative") != 0;
  return n;
}

static gboolean
has_finding (const GPtrArray *list, const char *rule_and_message)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), rule_and_message) == 0)
      return TRUE;
  return FALSE;
}

/* The prose's findings: the text's NR.* ones are the PDF's (by rule
 * only, for a tool that writes out of order), and each of the PDF's is
 * the text's, unless it compares the prose with a table the text could
 * not read. */
static void
same_prose (const BlFiling *pdf, const BlFiling *txt, const GPtrArray *ref,
            const GPtrArray *got, const char *what, gboolean ordered)
{
  for (guint i = 0; i < got->len; i++)
    {
      const char *f = g_ptr_array_index (got, i);
      if (g_str_has_prefix (f, "NR."))
        ck_assert_msg (ordered ? has_finding (ref, f) : count_rule (got, f) <= count_rule (ref, f),
                       "%s: %s", what, f);
    }
  for (guint i = 0; i < ref->len; i++)
    {
      const char *f = g_ptr_array_index (ref, i);
      if (!g_str_has_prefix (f, "NR.") || has_finding (got, f)
          || (!ordered && count_rule (got, f) >= count_rule (ref, f)))
        continue;
      ck_assert_msg (needs_unread_table (pdf, txt, f), "%s misses %s", what, f);
    }
}

START_TEST (test_fidelity)
{
  const char *name = pdfs[_i / G_N_ELEMENTS (variants)];
  const Variant *v = &variants[_i % G_N_ELEMENTS (variants)];
  g_autofree char *pdf_path = g_strdup_printf (CORPUS "pdf/%s.pdf", name);
  g_autofree char *txt_path = g_strdup_printf (CORPUS "variants/%s.%s.txt", name, v->name);
  g_autoptr(BlFiling) pdf = NULL, txt = NULL;
  g_autoptr(GHashTable) ref = NULL, got = NULL, ref_prose = NULL, got_prose = NULL;
  g_autoptr(GPtrArray) ref_found = NULL, got_found = NULL;
  g_autofree char *what = g_strdup_printf ("%s via %s", name, v->name);
  g_autoptr(GHashTable) unread = NULL;
  guint ref_reads, got_reads, right, all, other, unplaced;

  load_pack ();
  pdf = load (pdf_path);
  txt = load (txt_path);
  ref = cells_of (pdf, FALSE);
  got = cells_of (txt, FALSE);
  ref_prose = cells_of (pdf, TRUE);
  got_prose = cells_of (txt, TRUE);
  unread = unread_of (txt);
  add_given_up (txt, unread);
  right = in_place (ref, got);
  other = total (got) - right;
  unplaced = declared_unread (ref, got, unread);
  all = in_place (ref_prose, got_prose);
  ref_found = findings (pdf, &ref_reads);
  got_found = findings (txt, &got_reads);
  printf ("fidelity: %s via %s: tables %u/%u in place, %u unread, %u elsewhere; prose %u/%u; "
          "%u findings + %u READ (the PDF: %u + %u)\n", name, v->name, right, total (ref), unplaced,
          other, all, total (ref_prose), got_found->len, got_reads, ref_found->len, ref_reads);
  /* no figure in a wrong place; what is not read is said to be so */
  ck_assert_uint_eq (other, 0);
  ck_assert_msg ((right + unplaced) * 100 >= 99 * total (ref),
                 "%s via %s: %u of %u cells in place, %u unread", name, v->name, right,
                 total (ref), unplaced);
  ck_assert_msg (right * 100 >= floors[_i / G_N_ELEMENTS (variants)][_i % G_N_ELEMENTS (variants)]
                 * total (ref), "%s via %s: %u of %u cells in place, fewer than before",
                 name, v->name, right, total (ref));
  if (unplaced)
    ck_assert_uint_gt (got_reads, 0);
  /* nothing the PDF does not say, but one READ.* per table at most */
  for (guint i = 0; i < got_found->len; i++)
    {
      const char *f = g_ptr_array_index (got_found, i);
      if (!g_str_has_prefix (f, "NR."))
        ck_assert_msg (has_finding (ref_found, f), "%s: %s", what, f);
    }
  same_prose (pdf, txt, ref_found, got_found, what, v->ordered);
  ck_assert_uint_le (got_reads, ref_reads + n_tables (pdf) + 1);
  /* row by row, what the PDF's tables say is said; all the altered
   * copy's problems */
  for (guint i = 0; v->ordered && i < ref_found->len; i++)
    {
      const char *f = g_ptr_array_index (ref_found, i);
      if (g_str_has_prefix (f, "NR.") && !g_str_has_suffix (name, "-altered"))
        continue;
      ck_assert_msg (has_finding (got_found, f), "%s via %s misses %s", name, v->name, f);
    }
}
END_TEST

static Suite *
fidelity_suite (void)
{
  Suite *s = suite_create ("fidelity");
  TCase *tc = tcase_create ("variants");
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_fidelity, 0, G_N_ELEMENTS (pdfs) * G_N_ELEMENTS (variants));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (fidelity_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  bl_rule_pack_free (pack);
  return failed ? 1 : 0;
}
