/* Every template family's tables, written as text the ways extraction
 * tools write them, read back into the same cells.
 *
 * The Putuo PDFs (check_fidelity) are one template; a filing we have not
 * seen is in another.  So each sample of samples/ — five template
 * families, hand-transcribed — is written out as text and read back:
 *
 *   rows     a row on a line, blank cells left out (pdftotext -raw);
 *   tail     the same with labels over eight characters wrapped, their
 *            tails on the next line (both sides' tails on one line);
 *   around   the heads of wrapped labels on the line above the figures,
 *            their tails below (page text of a Python PDF library);
 *   cells    a cell on a line (mutool);
 *   columns  coded tables column by column (pdftotext without -layout):
 *            the code pieces, the names, then each value column's runs
 *            of figures, a blank line between runs; two-sided tables the
 *            same way (labels, then runs); other tables as rows;
 *   blocks   coded tables as pdftotext writes a page whose cells it takes
 *            one by one: the codes, the names, then every figure row by
 *            row, each alone between blank lines; other tables as rows.
 *
 * Read back, no figure may stand in another row or column than the
 * sample's, and every figure must be in place or said to be unread (its
 * cell "?", a READ.* finding): text without blank cells can leave a
 * figure's column truly open.  How many are in place is printed and held
 * to a floor per form.  Sections of the 统计表 (laid out side by side in
 * no real filing) are left out. */

#include <check.h>
#undef BUDGETLINT_COMPILATION
#include "common.h"
#include "ledger.h"

#include <stdio.h>
#include <string.h>

#define SAMPLES BL_SRCDIR "/samples/"
#define WRAP 8          /* characters of a label on its first line */

static const char *const samples[] = {
  "zengdu-2023", "daning-2022", "shanghai-2024", "national-2024", "sichuan-2024",
};

typedef enum { ROWS, TAIL, AROUND, CELLS, COLUMNS, BLOCKS, N_FORMS } Form;
static const char *const form_names[] = { "rows", "tail", "around", "cells", "columns", "blocks" };
/* in place, per cent, at least (blank cells left out make some figures'
 * columns truly open; page text's shared lines more; text written column
 * by column leaves a run open among columns alike to every sum — 事业收入
 * or 其他收入; cells written one by one with blanks left out say even less
 * of where each stands) */
static const guint floors[] = { 85, 85, 65, 85, 75, 50 };

static gboolean
written (const BlTable *t)
{
  return strcmp (t->kind, "narrative") != 0 && strcmp (t->kind, "public_info") != 0
         && t->parts->len > 0;
}

/* @s's first @n characters, and the rest. */
static void
split_chars (const char *s, guint n, char **head, char **tail)
{
  const char *at = g_utf8_strlen (s, -1) > n ? g_utf8_offset_to_pointer (s, n) : s + strlen (s);
  *head = g_strndup (s, (gsize) (at - s));
  *tail = g_strdup (at);
}

static void
add_word (GString *line, const char *w)
{
  if (w && *w)
    g_string_append_printf (line, "%s%s", line->len ? " " : "", w);
}

static void
header (GString *out, const BlTable *t)
{
  g_autoptr(GString) parts = g_string_new (NULL), groups = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      add_word (parts, part->name);
      add_word (names, "项目");
      for (guint c = 0; c < part->columns->len; c++)
        {
          const BlColumn *col = g_ptr_array_index (part->columns, c);
          g_autofree char *top = col->group ? g_strndup (col->group, strcspn (col->group, "/")) : NULL;
          add_word (names, col->name);
          if (top && !g_ptr_array_find_with_equal_func (seen, top, g_str_equal, NULL))
            {
              add_word (groups, top);
              g_ptr_array_add (seen, g_steal_pointer (&top));
            }
        }
    }
  g_string_append_printf (out, "%s\n单位：%s\n", t->title, bl_unit_name (t->unit));
  if (t->parts->len > 1)
    g_string_append_printf (out, "%s\n", parts->str);
  if (groups->len)
    g_string_append_printf (out, "%s\n", groups->str);
  g_string_append_printf (out, "%s\n", names->str);
}

/* Row @i of every part, side by side, as @form writes it. */
static void
row_line (GString *out, const BlTable *t, guint i, Form form)
{
  g_autoptr(GString) pre = g_string_new (NULL), line = g_string_new (NULL);
  g_autoptr(GString) post = g_string_new (NULL);

  for (guint p = 0; p < t->parts->len; p++)
    {
      const BlPart *part = g_ptr_array_index (t->parts, p);
      const BlRow *row;
      g_autofree char *head = NULL, *tail = NULL;
      if (i >= part->rows->len)
        continue;
      row = g_ptr_array_index (part->rows, i);
      split_chars (row->label ? row->label : "", form == TAIL || form == AROUND ? WRAP : G_MAXINT,
                   &head, &tail);
      if (form == AROUND && *tail)
        add_word (pre, head);
      add_word (line, row->code);
      if (!(form == AROUND && *tail))
        add_word (line, head);
      for (guint c = 0; c < part->columns->len; c++)
        if (row->cells[c].kind == BL_CELL_NUMBER)
          add_word (line, row->cells[c].text);
      add_word (post, tail);
    }
  for (GString *const *l = (GString *const[]) { pre, line, post, NULL }; *l; l++)
    {
      if ((*l)->len == 0)
        continue;
      if (form == CELLS)
        g_strdelimit ((*l)->str, " ", '\n');
      g_string_append_printf (out, "%s\n", (*l)->str);
    }
}

/* A table of one part keyed by function codes (2xx): the economic
 * tables print their blocks side by side, not as one column. */
static gboolean
coded_one_part (const BlTable *t)
{
  const BlPart *part = t->parts->len == 1 ? g_ptr_array_index (t->parts, 0) : NULL;
  gboolean coded = FALSE;
  for (guint i = 0; part && i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      if (row->code && row->code[0] != '2')
        return FALSE;
      coded |= row->code != NULL;
    }
  return coded;
}

/* Each value column of @part top to bottom, its figures on consecutive
 * lines, a blank line before each run (as pdftotext writes a column). */
static void
value_runs (GString *out, const BlPart *part)
{
  for (guint c = 0; c < part->columns->len; c++)
    for (guint i = 0; i < part->rows->len; i++)
      {
        const BlRow *row = g_ptr_array_index (part->rows, i);
        if (row->cells[c].kind != BL_CELL_NUMBER)
          continue;
        if (i == 0 || ((const BlRow *) g_ptr_array_index (part->rows, i - 1))->cells[c].kind
                      != BL_CELL_NUMBER)
          g_string_append_c (out, '\n');
        g_string_append_printf (out, "%s\n", row->cells[c].text);
      }
}

/* A coded table as pdftotext writes it without -layout. */
static void
columns (GString *out, const BlTable *t)
{
  const BlPart *part = g_ptr_array_index (t->parts, 0);

  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      for (gsize at = 0; row->code && row->code[at]; at += at ? 2 : 3)
        g_string_append_printf (out, "%.*s\n", at ? 2 : 3, row->code + at);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      g_string_append_printf (out, "%s\n", row->label ? row->label : "");
    }
  value_runs (out, part);
}

/* A two-sided table (收入支出决算总表) as pdftotext writes it without
 * -layout: the labels of both sides, then each side's value columns as
 * runs of figures, a blank line between runs. */
static void
sides (GString *out, const BlTable *t)
{
  guint n = 0;
  for (guint p = 0; p < t->parts->len; p++)
    n = MAX (n, ((const BlPart *) g_ptr_array_index (t->parts, p))->rows->len);
  for (guint i = 0; i < n; i++)
    for (guint p = 0; p < t->parts->len; p++)
      {
        const BlPart *part = g_ptr_array_index (t->parts, p);
        const BlRow *row = i < part->rows->len ? g_ptr_array_index (part->rows, i) : NULL;
        if (row && row->label)
          g_string_append_printf (out, "%s\n", row->label);
      }
  for (guint p = 0; p < t->parts->len; p++)
    value_runs (out, g_ptr_array_index (t->parts, p));
}

/* A coded table as pdftotext writes it when it takes each cell as a
 * block of its own: whole codes, names, then the figures row by row. */
static void
blocks (GString *out, const BlTable *t)
{
  const BlPart *part = g_ptr_array_index (t->parts, 0);

  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      if (row->code)
        g_string_append_printf (out, "%s\n", row->code);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      g_string_append_printf (out, "%s\n", row->label ? row->label : "");
    }
  for (guint i = 0; i < part->rows->len; i++)
    {
      const BlRow *row = g_ptr_array_index (part->rows, i);
      for (guint c = 0; c < part->columns->len; c++)
        if (row->cells[c].kind == BL_CELL_NUMBER)
          g_string_append_printf (out, "\n%s\n", row->cells[c].text);
    }
}

static char *
render (const BlFiling *f, Form form)
{
  GString *out = g_string_new (NULL);
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlTable *table = g_ptr_array_index (f->tables, t);
      guint n = 0;
      if (!written (table))
        continue;
      header (out, table);
      if ((form == COLUMNS || form == BLOCKS) && coded_one_part (table))
        {
          (form == COLUMNS ? columns : blocks) (out, table);
          g_string_append_c (out, '\n');
          continue;
        }
      if (form == COLUMNS && table->parts->len == 2)
        {
          sides (out, table);
          g_string_append_c (out, '\n');
          continue;
        }
      for (guint p = 0; p < table->parts->len; p++)
        n = MAX (n, ((const BlPart *) g_ptr_array_index (table->parts, p))->rows->len);
      for (guint i = 0; i < n; i++)
        row_line (out, table, i, form == COLUMNS || form == BLOCKS ? ROWS : form);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The figures of the written tables, "kind|part|row|column index|value"
 * → how many; @unread: the places of unread cells (all of a table in
 * doubt), "kind|part|row|column index". */
static GHashTable *
figures (const BlFiling *f, GHashTable *unread)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint t = 0; t < f->tables->len; t++)
    {
      const BlTable *table = g_ptr_array_index (f->tables, t);
      if (!written (table))
        continue;
      /* a table in doubt says every figure of it is unread, also those
       * of rows it could not even key */
      if (unread && table->doubt)
        g_hash_table_add (unread, g_strdup (table->kind));
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
                  char *place = g_strdup_printf ("%s|%s|%s|%u", table->kind,
                                                 part->name ? part->name : "", key, c);
                  if (unread && (cell->kind == BL_CELL_UNREAD || table->doubt))
                    g_hash_table_add (unread, g_strdup (place));
                  if (cell->kind == BL_CELL_NUMBER)
                    {
                      g_autofree char *value = bl_decimal_format (cell->value);
                      char *k = g_strdup_printf ("%s|%s", place, value);
                      g_hash_table_insert (out, k, GUINT_TO_POINTER (
                        GPOINTER_TO_UINT (g_hash_table_lookup (out, k)) + 1));
                    }
                  g_free (place);
                }
            }
        }
    }
  return out;
}

START_TEST (test_textforms)
{
  const char *name = samples[_i / N_FORMS];
  Form form = (Form) (_i % N_FORMS);
  g_autofree char *path = g_strdup_printf (SAMPLES "%s.yaml", name);
  g_autoptr(GError) error = NULL;
  g_autoptr(BlFiling) ref = bl_filing_load_file (path, &error);
  g_autoptr(BlFiling) got = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) want = NULL, have = NULL;
  g_autoptr(GHashTable) unread = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer k, v;
  guint all = 0, right = 0, declared = 0, elsewhere = 0;

  ck_assert_msg (ref != NULL, "%s", error ? error->message : "");
  text = render (ref, form);
  got = bl_filing_load_data (text, strlen (text), "form.txt", &error);
  ck_assert_msg (got != NULL, "%s", error ? error->message : "");
  want = figures (ref, NULL);
  have = figures (got, unread);
  g_hash_table_iter_init (&it, want);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      guint n = GPOINTER_TO_UINT (v), m = GPOINTER_TO_UINT (g_hash_table_lookup (have, k));
      g_autofree char *place = g_strndup (k, (gsize) (strrchr (k, '|') - (const char *) k));
      all += n;
      right += MIN (n, m);
      g_autofree char *kind = g_strndup (k, strcspn (k, "|"));
      if (n > m && (g_hash_table_contains (unread, place) || g_hash_table_contains (unread, kind)))
        declared += n - m;
      else
        ck_assert_msg (n <= m, "%s as %s: %s not read, not said to be unread",
                       name, form_names[form], (char *) k);
    }
  g_hash_table_iter_init (&it, have);
  while (g_hash_table_iter_next (&it, &k, &v))
    elsewhere += GPOINTER_TO_UINT (v) - MIN (GPOINTER_TO_UINT (v),
                                             GPOINTER_TO_UINT (g_hash_table_lookup (want, k)));
  printf ("textforms: %s as %s: %u/%u in place, %u unread, %u elsewhere\n", name,
          form_names[form], right, all, declared, elsewhere);
  ck_assert_msg (elsewhere == 0, "%s as %s: %u figures elsewhere", name, form_names[form], elsewhere);
  ck_assert_msg (right * 100 >= floors[form] * all, "%s as %s: %u of %u in place",
                 name, form_names[form], right, all);
}
END_TEST

static Suite *
textforms_suite (void)
{
  Suite *s = suite_create ("textforms");
  TCase *tc = tcase_create ("samples");
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_textforms, 0, G_N_ELEMENTS (samples) * N_FORMS);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (textforms_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
