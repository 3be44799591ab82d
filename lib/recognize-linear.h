/* Private: the text reader (recognize-linear.c) and its two helpers —
 * recognize-linear-tokens.c turns a region's lines into tokens,
 * recognize-linear-labels.c decides whose label the words between rows
 * are.  Not part of the API. */
#ifndef BL_RECOGNIZE_LINEAR_H
#define BL_RECOGNIZE_LINEAR_H

#include "recognize.h"

typedef enum { T_EMPTY, T_DASH, T_AMOUNT, T_INT, T_CODE, T_TEXT,
               T_SKIP   /* a header word among the rows, or a leader: ignored */ } TokKind;

typedef struct {
  TokKind kind;
  const char *text;       /* interned in the filing */
  BlPos pos;
  guint line;             /* index of its grid row in the region */
  double x0, x1;          /* extent of its cell (laid-out text), or -1 */
  guint block;            /* page of laid-out text, 0 otherwise */
} Tok;

/* One table being read from its tokens. */
typedef struct {
  BlFiling *filing;
  BlTable *table;
  const BlKindSpec *spec;
  GArray *toks;
  GArray *raw;            /* the tokens before code pieces were joined,
                             for text without layout; or NULL */
  guint data;             /* index of the first data token */
  guint n_lanci;          /* value columns the 栏次 line numbers, or 0 */
  gboolean layout;
  GPtrArray *rows;        /* LRow* */
} Reader;

/* A row being assembled: its key, label words and figures. */
typedef struct {
  guint part;
  const char *code;
  GString *label;
  int line_no;
  GArray *figs;           /* Tok */
  BlPos pos;
  guint label_lines;      /* lines of label text after the key */
  guint last_label_line;  /* the last of them */
  guint last_width;       /* characters of label on that line */
  gboolean guessed;       /* words between rows given to it by how full
                             their lines are, not by the catalogue */
  gboolean unplaceable;   /* shares a line of figures with another row,
                             and which are whose is not known */
} LRow;

/* ---- tokens (recognize-linear-tokens.c) ---- */

/* The tokens of the grid rows @rows of a region, in reading order. */
GArray *bl_linear__lex_region (BlFiling *f, GPtrArray *rows, gboolean layout);
/* Joins codes split over columns ("201 06 01") into one token. */
void bl_linear__join_codes (BlFiling *f, GArray *toks);
/* "合计合计" → "合计"; newly allocated. */
char *bl_linear__undouble (const char *s);
gboolean bl_linear__is_figure (const Tok *t);
gboolean bl_linear__is_class (const Tok *t);
gboolean bl_linear__is_total_label (const Tok *t);
/* Whether label key @k is a total (合计, 总计, 收入总计, 本年支出合计). */
gboolean bl_linear__is_total_key (const char *k);
/* Whether @s begins with an ordinal (一、 （二） 3.). */
gboolean bl_linear__has_ordinal (const char *s);
gboolean bl_linear__is_lanci_line (const Tok *toks, guint n);
/* The token's text as a label key; newly allocated. */
char *bl_linear__tok_key (const Tok *t);
/* *@end: one past the last token on the line of token @from. */
void bl_linear__line_span (const GArray *toks, guint from, guint *end);

/* ---- rows (recognize-linear.c) ---- */

void bl_linear__append_label (LRow *row, const Tok *t, gboolean prepend);
void bl_linear__set_cell (BlTable *t, BlCell *cell, const Tok *tok);

/* ---- text written column by column (recognize-linear-columns.c) ---- */

/* Reads @r's table from @toks (code pieces not joined) when the text
 * wrote it column by column; FALSE: nothing written. */
gboolean bl_linear__read_columns (Reader *r, const GArray *toks);
/* Keeps the two-sided table of @r (labels in r->rows) and @toks, to be
 * read again by its sums if the text is written column by column. */
void bl_linear__keep_sides (Reader *r, const GArray *toks);

/* ---- labels (recognize-linear-labels.c) ---- */

/* 2: @label is the catalogue's name for @code; 1: it begins it; 0. */
int bl_linear__catalogue_head_score (const char *code, const char *label);
/* A row's own tokens from its key (@from) to the next key (@to); *@words_from:
 * the first of the words after its figures, or @to. */
void bl_linear__take_own (Reader *r, LRow *row, guint from, guint to, guint *words_from);
/* Where the text before key token @key on its line starts (the head of
 * its label), no earlier than @floor. */
guint bl_linear__head_on_key_line (const Reader *r, guint key, guint floor);
/* Gives the words after each row's figures to that row or the next of
 * its block. */
void bl_linear__settle_words (Reader *r, GArray *keys, const guint *words_from,
                              const guint *head);
/* Label lines above the first key that the catalogue says begin it. */
void bl_linear__take_first_head (Reader *r, GArray *keys);

#endif
