/* Private: the ledger's structures.
 *
 * Strings live in the filing's GStringChunk and rows/cells in arrays owned
 * by their part, so freeing a filing is a handful of frees whatever its
 * size.  Rows keep document order; the code index maps 科目编码 → row for
 * the code-hierarchy functions. */
#ifndef BL_LEDGER_H
#define BL_LEDGER_H

#include "common.h"

typedef struct {
  guint line;     /* 1-based; 0 = unknown */
  guint col;      /* 1-based; 0 = unknown */
  guint page;     /* PDF page, 1-based; 0 = not a PDF */
  const char *sheet;  /* xlsx sheet name, or NULL */
} BlPos;

struct _BlCell {
  BlCellKind kind;
  BlDecimal value;        /* valid for BL_CELL_NUMBER */
  const char *text;       /* as written (any kind), or NULL */
  BlPos pos;
  BlRow *row;
  BlColumn *column;
};

struct _BlColumn {
  const char *name;
  const char *group;      /* header above the column, or NULL */
  const char *key;        /* name normalised like row labels */
  const char *path;       /* key of "group/name", or the key */
  guint key_len, path_len;  /* strlen of both: rules match columns by
                               name on every evaluation */
  int no;                 /* 栏次, 0 when the table has none */
  gboolean text;          /* holds text as printed (指标值 ≥90%, 稳步提升) */
  int unit;               /* BlUnit of its unsuffixed figures: BL_UNIT_NONE
                             for counts and scores; -1: the table's unit */
  guint index;            /* within its part */
  BlPart *part;
};

struct _BlRow {
  const char *label;      /* as published, or NULL */
  const char *key;        /* label normalised for lookups, or NULL */
  const char *code;       /* 科目编码, or NULL */
  int line_no;            /* 行次, 0 = none */
  guint index;            /* within its part */
  BlPart *part;
  BlCell *cells;          /* one per column of the part, allocated with
                             the row (never freed or resized alone) */
  BlRow *parent;          /* row of the code one level up, or NULL */
  BlRow *same_code;       /* the next row of the table with this code */
  GPtrArray *children;    /* rows one code level down, or NULL */
  BlPos pos;
};

struct _BlPart {
  const char *name;       /* 收入, 支出 …; NULL for a one-part table */
  GPtrArray *columns;     /* BlColumn*, owned */
  GPtrArray *rows;        /* BlRow*, owned */
  BlTable *table;
};

struct _BlTable {
  const char *kind;       /* a known kind is kinds.h's own string */
  const char *title, *label, *statement;
  BlUnit unit;
  gboolean unit_declared; /* the table (or filing) states its unit */
  GPtrArray *parts;       /* BlPart*, owned */
  GHashTable *by_code;    /* code → its first BlRow (borrowed); the others
                             follow through BlRow.same_code */
  GPtrArray *attributes;  /* BlAttribute*: 项目名称, 总分, 等级 …, or NULL */
  const char *doubt;      /* why the reading of this table is in doubt
                             (the READ.* finding said so), or NULL: rules
                             that compute with its cells are held back */
  gboolean placed_by_sums; /* every figure read stands where each reading
                             that keeps the table's sums puts it (text
                             written column by column): not in doubt for
                             the order of other tables */
  BlPos pos;
  BlFiling *filing;
};

/* A table-level fact: a figure or a text, where the table printed it. */
typedef struct {
  const char *name;
  BlCell cell;
} BlAttribute;

/* Prose: a paragraph with its lines re-joined, where each piece came
 * from, and the headings it stands under. */
typedef struct {
  guint32 offset;         /* byte offset in the paragraph's text */
  guint line, page;
} BlLineMark;

typedef struct {
  const char *text;
  const char *section;    /* "五、… / （二）…": the headings above */
  GArray *marks;          /* BlLineMark, ascending offsets */
} BlParagraph;

struct _BlFiling {
  const char *path, *format, *department, *kind, *template_name, *source;
  int year;
  BlUnit unit;
  gboolean unit_declared;
  gboolean template_inferred;  /* template_name was matched, not stated */
  GPtrArray *tables;      /* BlTable*, owned */
  GHashTable *first_of_kind; /* kind → its first table: rules look tables
                             up by kind for every table they run on, and
                             a scan made that quadratic in the tables */
  GStringChunk *strings;
  BlDiagnostics *notes;   /* what reading found (READ.*), or NULL */
  GPtrArray *paragraphs;  /* BlParagraph*: the prose, in order */
  GPtrArray *pending;     /* while tables are recognised: readings to try
                             again once every table is read, or NULL */
};

/* The source line of byte @offset of @p. */
BlPos bl_paragraph__pos (const BlParagraph *p, guint32 offset);

BlFiling *bl_filing__new (const char *path, const char *format);
/* Drops every row of @table (a reader that reads it again). */
void bl_table__clear_rows (BlTable *table);
/* Takes back what reading said of table @title (its READ.* notes). */
void bl_filing__retract (BlFiling *filing, const char *title);
const char *bl_filing__intern (BlFiling *filing, const char *s);
BlTable *bl_filing__add_table (BlFiling *filing, const char *kind);
/* Drops the table added last (a reader that gives it up). */
void bl_filing__drop_last_table (BlFiling *filing);
/* The first table of @kind, which must be kinds.h's own string for the
 * kind: rules look tables up by kind on every evaluation, and compare
 * pointers instead of strings. */
const BlTable *bl_filing__find_kind (const BlFiling *filing, const char *kind);
BlPart *bl_table__add_part (BlTable *table, const char *name);
BlColumn *bl_part__add_column (BlPart *part, const char *name,
                               const char *group, int no);
/* The first column of @part named @name (as printed), or NULL. */
BlColumn *bl_part__column (const BlPart *part, const char *name);
/* Adds a row whose cells are all blank; fill them in place. */
BlRow *bl_part__add_row (BlPart *part);
void bl_row__set_label (BlRow *row, const char *label);
void bl_row__set_code (BlRow *row, const char *code);
/* Adds attribute @name with @text (a figure when it parses as one). */
BlAttribute *bl_table__add_attribute (BlTable *table, const char *name,
                                      const char *text, const BlPos *pos);
const BlAttribute *bl_table__attribute (const BlTable *table, const char *name);

/* Whether an evaluation that reads @cell is in doubt: the cell is unread,
 * or the reading of its table is (BlTable.doubt). */
gboolean bl_cell__doubtful (const BlCell *cell);
/* Whether any cell of @t was left unread. */
gboolean bl_table__has_unread (const BlTable *t);
/* Whether any cell of @t holds something printed (a figure, or what the
 * reader could not read as one): not so of an empty table (本表无数据). */
gboolean bl_table__has_printed (const BlTable *t);
/* Whether any cell of @filing is doubtful so: when none is, the evaluator
 * need not ask for every cell it reads. */
gboolean bl_filing__has_doubt (const BlFiling *filing);

/* Builds the code index; call once the table is complete. */
void bl_table__finish (BlTable *table);

/* Records a finding of the reader itself (a cell that is not an amount, a
 * document with no table), reported with the rules' findings. */
void bl_filing__note (BlFiling *filing, const char *rule, BlSeverity severity,
                      const BlPos *pos, const char *table, const char *fmt,
                      ...) G_GNUC_PRINTF (6, 7);

/* Normalises a row label for lookups: drops white space, markup, ordinal
 * prefixes (一、 (一) 1. ①), and folds full-width brackets and colons. */
char *bl_label_key (const char *label);

/* A workbook cell's name into @buf: column 28 (1-based), row 7 is AB7. */
void bl_cell_name (guint col, guint row, char buf[16]);

/* The first row whose code is @code, NULL if none; the others follow, in
 * document order, through BlRow.same_code. */
const BlRow *bl_table__row_by_code (const BlTable *table, const char *code);
guint bl_table__n_value_columns (const BlTable *table);

#endif
