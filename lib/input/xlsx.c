/* The XLSX reader: an Office Open XML workbook → a grid (grid.h).
 *
 * The package is opened from memory with libzip and each part is read
 * whole, within a size limit, then walked with libxml2's streaming
 * xmlTextReader, so a sheet of a million cells never becomes a DOM.  Parts
 * are read in dependency order: workbook.xml (sheet names and order), its
 * relationships (where each sheet lives), styles.xml (what each cell
 * format does to a figure), sharedStrings.xml, then every sheet; a sheet's
 * cells are sorted and its merged ranges applied before its rows join the
 * grid.
 *
 * Amounts never pass through a double.  A numeric cell keeps the digits
 * written in the file ("11229.01" stays "11229.01"); when Excel's float
 * serialisation left "11229.009999999998" the caller sees exactly that and
 * decides.  The text changes only where that is exact: exponent notation
 * and percentage formats move the decimal point in the string, and zeros
 * are appended up to the decimals the cell's format always shows (0 under
 * "#,##0.00" reads "0.00", as printed).
 *
 * XML parts are untrusted: no network, no entity substitution, and a
 * DOCTYPE is refused outright (OPC forbids DTDs in package parts), which
 * also rules out entity-expansion bombs. */

#include "input.h"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A deflated entry can expand a thousandfold; refuse anything a filing
 * could not plausibly need before allocating for it. */
#define ENTRY_LIMIT ((zip_uint64_t) 64 << 20)
#define TOTAL_LIMIT ((zip_uint64_t) 256 << 20)
#define MAX_ROWS 1048576u
#define MAX_COLS 16384u
/* Rows walked while dropping cells hidden under merged ranges; a hostile
 * sheet of many tall merges cannot make the walk quadratic beyond this. */
#define MERGE_WALK_LIMIT (1u << 22)
/* A filing has a dozen sheets; thousands of <sheet> entries naming one
 * part would parse it thousands of times. */
#define MAX_SHEETS 1024
/* Digits an exponent may add when rewriting 1E+20 as plain decimals. */
#define MAX_EXPONENT 400

typedef struct {
  char *name;           /* as shown on the tab */
  char *rid;            /* r:id in workbook.xml */
} Sheet;

/* A cell as read, before the sheet's rows are built: row is 1-based as in
 * "B7", col 0-based as grid x0. */
typedef struct {
  guint32 row, col;
  guint32 span;         /* columns covered, 1 unless merged */
  guint32 seq;          /* document order, so the last duplicate wins */
  const char *text;     /* in Book.chunk; NULL once dropped */
} RawCell;

typedef struct {
  guint32 r0, c0, r1, c1;
} Merge;

typedef struct {
  const char *path;     /* for messages */
  zip_t *zip;
  zip_uint64_t budget;  /* uncompressed bytes we still accept */
  GArray *sheets;       /* Sheet, workbook order */
  GHashTable *rels;     /* r:id → part name */
  char *styles_part, *strings_part;
  GArray *xf_formats;   /* NumFmt per cellXfs index */
  GPtrArray *strings;   /* shared strings, const char * into chunk */
  GStringChunk *chunk;  /* every cell text until the grid copies it */
  GString *scratch;
} Book;

typedef struct {
  xmlTextReaderPtr reader;
  const char *path, *part;
  char *message;        /* first error libxml2 reported, or NULL */
  int line, col;
} Xml;

typedef gboolean (*NodeFn) (Book *b, Xml *x, gpointer ctx, GError **error);

/* ---- messages ----------------------------------------------------------- */

static gboolean fail (Book *b, GError **error, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);
static gboolean xml_fail (Xml *x, GError **error, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);

static gboolean
fail (Book *b, GError **error, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: %s", b->path, msg);
  return FALSE;
}

/* "book.xlsx: xl/worksheets/sheet1.xml:12: message", the line of the
 * current node.  No column: the reader's parser runs ahead of the node
 * it returns, so only the line recorded in the node is exact. */
static gboolean
xml_fail (Xml *x, GError **error, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  xmlNodePtr node = xmlTextReaderCurrentNode (x->reader);
  long line = node ? xmlGetLineNo (node) : -1;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (line > 0)
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: %s:%ld: %s", x->path,
                 x->part, line, msg);
  else
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT, "%s: %s: %s", x->path,
                 x->part, msg);
  return FALSE;
}

/* ---- the package -------------------------------------------------------- */

static gboolean
book_open (Book *b, const char *data, gsize len, GError **error)
{
  static const guchar ole2[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  zip_error_t zerr;
  zip_source_t *src;

  /* libzip opens zero bytes as an empty archive. */
  if (len == 0)
    return fail (b, error, "not an XLSX file: the file is empty");
  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  if (src != NULL)
    {
      b->zip = zip_open_from_source (src, ZIP_RDONLY, &zerr);
      if (b->zip == NULL)
        zip_source_free (src);      /* only a successful open takes it */
    }
  if (b->zip == NULL)
    {
      /* Password-protected workbooks are OLE2 containers, not zips. */
      if (len >= sizeof ole2 && memcmp (data, ole2, sizeof ole2) == 0)
        fail (b, error, "an OLE2 file (legacy .xls or password-protected "
              "workbook), not XLSX");
      else
        fail (b, error, "not an XLSX file: not a zip archive, or truncated "
              "(%s)", zip_error_strerror (&zerr));
    }
  zip_error_fini (&zerr);
  return b->zip != NULL;
}

/* Reads entry @name whole, NUL-terminated.  A missing entry gives TRUE
 * with *out = NULL, so optional parts need no special case. */
static gboolean
read_entry (Book *b, const char *name, char **out, gsize *len,
            GError **error)
{
  zip_stat_t st;
  zip_file_t *zf = NULL;
  zip_int64_t idx, n = 0;
  zip_uint64_t got = 0;
  char *buf = NULL, extra;
  gboolean ok = FALSE;

  *out = NULL;
  idx = zip_name_locate (b->zip, name, 0);
  if (idx < 0)                  /* OPC part names ignore case */
    idx = zip_name_locate (b->zip, name, ZIP_FL_NOCASE);
  if (idx < 0)
    return TRUE;
  if (zip_stat_index (b->zip, idx, 0, &st) != 0
      || !(st.valid & ZIP_STAT_SIZE))
    return fail (b, error, "%s: %s", name, zip_strerror (b->zip));
  if (st.size > ENTRY_LIMIT || st.size > b->budget)
    return fail (b, error, "%s: uncompressed size %" G_GUINT64_FORMAT
                 " bytes is over the limit (%u MiB an entry, %u MiB in all)",
                 name, (guint64) st.size, (guint) (ENTRY_LIMIT >> 20),
                 (guint) (TOTAL_LIMIT >> 20));
  if ((zf = zip_fopen_index (b->zip, idx, 0)) == NULL)
    {
      fail (b, error, "%s: %s", name, zip_strerror (b->zip));
      goto out;
    }
  buf = g_malloc (st.size + 1);
  while (got < st.size && (n = zip_fread (zf, buf + got, st.size - got)) > 0)
    got += (zip_uint64_t) n;
  /* The declared size is only a claim: one byte more means it lied. */
  if (got == st.size && (n = zip_fread (zf, &extra, 1)) == 0)
    ok = TRUE;
  if (!ok)
    fail (b, error, "%s: %s", name,
          n < 0 ? zip_file_strerror (zf)
                : got < st.size ? "shorter than its declared size"
                                : "longer than its declared size");
out:
  if (zf != NULL)
    zip_fclose (zf);
  if (!ok)
    {
      g_free (buf);
      return FALSE;
    }
  b->budget -= st.size;
  buf[st.size] = '\0';
  *out = buf;
  *len = st.size;
  return TRUE;
}

static void
book_close (Book *b)
{
  if (b->zip != NULL)
    zip_discard (b->zip);
  for (guint i = 0; b->sheets && i < b->sheets->len; i++)
    {
      Sheet *s = &g_array_index (b->sheets, Sheet, i);
      g_free (s->name);
      g_free (s->rid);
    }
  g_clear_pointer (&b->sheets, g_array_unref);
  g_clear_pointer (&b->rels, g_hash_table_unref);
  g_clear_pointer (&b->xf_formats, g_array_unref);
  g_clear_pointer (&b->strings, g_ptr_array_unref);
  g_clear_pointer (&b->chunk, g_string_chunk_free);
  if (b->scratch != NULL)
    g_string_free (b->scratch, TRUE);
  g_free (b->styles_part);
  g_free (b->strings_part);
}

/* ---- XML ---------------------------------------------------------------- */

#if LIBXML_VERSION >= 21200
static void
on_xml_error (void *data, const xmlError *e)
#else
static void
on_xml_error (void *data, xmlErrorPtr e)
#endif
{
  Xml *x = data;
  if (x->message != NULL || e->level < XML_ERR_ERROR)
    return;
  x->message = g_strchomp (g_strdup (e->message ? e->message : "error"));
  x->line = e->line;
  x->col = e->int2;
}

/* Advances to the next node: 1, 0 at the end, or -1 with @error set. */
static int
xml_read (Xml *x, GError **error)
{
  int rc = xmlTextReaderRead (x->reader);

  if (rc == 1 && xmlTextReaderNodeType (x->reader)
                 == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      xml_fail (x, error, "a DOCTYPE is not allowed in a package part");
      return -1;
    }
  if (rc < 0)
    g_set_error (error, BL_ERROR, BL_ERROR_INPUT,
                 "%s: %s:%d:%d: malformed XML: %s", x->path, x->part,
                 x->line, x->col, x->message ? x->message : "parse error");
  return rc;
}

static gboolean
is_start (Xml *x, const char *local)
{
  return xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_ELEMENT
         && strcmp ((const char *) xmlTextReaderConstLocalName (x->reader),
                    local) == 0;
}

static gboolean
is_end (Xml *x, const char *local)
{
  return xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_END_ELEMENT
         && strcmp ((const char *) xmlTextReaderConstLocalName (x->reader),
                    local) == 0;
}

/* The attribute of the current element whose local name is @local, in any
 * namespace: r:id is "id" whatever the prefix, and Strict OOXML changes
 * the namespace URIs.  Returns: (transfer full) (nullable). */
static char *
attr (Xml *x, const char *local)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (x->reader) != 1)
    return NULL;
  do
    {
      if (!xmlTextReaderIsNamespaceDecl (x->reader)
          && strcmp ((const char *) xmlTextReaderConstLocalName (x->reader),
                     local) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (x->reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (x->reader) == 1);
  xmlTextReaderMoveToElement (x->reader);
  return value;
}

/* Appends the text inside the current element to @out (or skips it when
 * @out is NULL), leaving the reader on the element's end tag. */
static gboolean
read_text (Xml *x, GString *out, GError **error)
{
  int depth = xmlTextReaderDepth (x->reader);

  if (xmlTextReaderIsEmptyElement (x->reader))
    return TRUE;
  for (;;)
    {
      int rc = xml_read (x, error), type;
      if (rc < 0)
        return FALSE;
      if (rc == 0)
        return xml_fail (x, error, "unexpected end of document");
      type = xmlTextReaderNodeType (x->reader);
      if (type == XML_READER_TYPE_END_ELEMENT
          && xmlTextReaderDepth (x->reader) == depth)
        return TRUE;
      if (out != NULL
          && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
              || type == XML_READER_TYPE_WHITESPACE
              || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
        g_string_append (out,
                         (const char *) xmlTextReaderConstValue (x->reader));
    }
}

/* A string item (<si> or <is>): plain <t>, or rich-text runs <r><t> whose
 * texts concatenate.  Phonetic guides (<rPh>) are not part of the text. */
static gboolean
read_rich_text (Xml *x, GString *out, GError **error)
{
  int depth = xmlTextReaderDepth (x->reader);

  if (xmlTextReaderIsEmptyElement (x->reader))
    return TRUE;
  for (;;)
    {
      int rc = xml_read (x, error);
      if (rc < 0)
        return FALSE;
      if (rc == 0)
        return xml_fail (x, error, "unexpected end of document");
      if (xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_END_ELEMENT
          && xmlTextReaderDepth (x->reader) == depth)
        return TRUE;
      if (is_start (x, "t") && !read_text (x, out, error))
        return FALSE;
      if (is_start (x, "rPh") && !read_text (x, NULL, error))
        return FALSE;
    }
}

/* Reads part @name and calls @fn on every node.  A missing part is an
 * error only when @required. */
static gboolean
parse_part (Book *b, const char *name, gboolean required, NodeFn fn,
            gpointer ctx, GError **error)
{
  Xml x = { NULL, b->path, name, NULL, 0, 0 };
  char *buf = NULL;
  gsize len = 0;
  gboolean ok = FALSE;
  int rc;

  if (!read_entry (b, name, &buf, &len, error))
    return FALSE;
  if (buf == NULL)
    return required ? fail (b, error, "%s is missing", name) : TRUE;
  x.reader = xmlReaderForMemory (buf, (int) len, name, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR
                                 | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  if (x.reader == NULL)
    {
      fail (b, error, "%s: cannot parse", name);
      goto out;
    }
  xmlTextReaderSetStructuredErrorHandler (x.reader, on_xml_error, &x);
  while ((rc = xml_read (&x, error)) == 1)
    if (!fn (b, &x, ctx, error))
      goto out;
  ok = rc == 0;
out:
  if (x.reader != NULL)
    xmlFreeTextReader (x.reader);
  g_free (x.message);
  g_free (buf);
  return ok;
}

/* ---- workbook and relationships ----------------------------------------- */

static gboolean
workbook_node (Book *b, Xml *x, gpointer ctx, GError **error)
{
  Sheet s;

  (void) ctx;
  if (xmlTextReaderDepth (x->reader) == 0
      && xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_ELEMENT
      && !is_start (x, "workbook"))
    return xml_fail (x, error, "not a workbook: the root is <%s>",
                     (const char *) xmlTextReaderConstName (x->reader));
  if (!is_start (x, "sheet"))
    return TRUE;
  if (b->sheets->len == MAX_SHEETS)
    return xml_fail (x, error, "more than %d sheets", MAX_SHEETS);
  s.name = attr (x, "name");
  s.rid = attr (x, "id");
  if (s.name == NULL || s.rid == NULL || s.name[0] == '\0')
    {
      g_free (s.name);
      g_free (s.rid);
      return xml_fail (x, error, "a <sheet> without a name or r:id");
    }
  g_array_append_val (b->sheets, s);
  return TRUE;
}

/* Resolves a relationship target against xl/: "worksheets/sheet1.xml",
 * "/xl/worksheets/sheet1.xml" and "../xl/x.xml" all name zip entries. */
static char *
resolve_target (const char *target)
{
  g_auto(GStrv) parts = NULL;
  GPtrArray *out = g_ptr_array_new ();
  g_autofree char *full = NULL;
  char *joined;

  full = target[0] == '/' ? g_strdup (target + 1)
                          : g_strconcat ("xl/", target, NULL);
  parts = g_strsplit (full, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (out->len > 0)
            g_ptr_array_remove_index (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, parts[i]);
    }
  g_ptr_array_add (out, NULL);
  joined = g_strjoinv ("/", (char **) out->pdata);
  g_ptr_array_free (out, TRUE);
  return joined;
}

static void
set_string (char **slot, const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static gboolean
rels_node (Book *b, Xml *x, gpointer ctx, GError **error)
{
  g_autofree char *id = NULL, *target = NULL, *type = NULL, *mode = NULL;
  char *part;

  (void) ctx;
  (void) error;
  if (!is_start (x, "Relationship"))
    return TRUE;
  id = attr (x, "Id");
  target = attr (x, "Target");
  type = attr (x, "Type");
  mode = attr (x, "TargetMode");
  if (id == NULL || target == NULL || (mode && strcmp (mode, "External") == 0))
    return TRUE;
  part = resolve_target (target);
  if (type != NULL && g_str_has_suffix (type, "/styles"))
    set_string (&b->styles_part, part);
  if (type != NULL && g_str_has_suffix (type, "/sharedStrings"))
    set_string (&b->strings_part, part);
  g_hash_table_replace (b->rels, g_steal_pointer (&id), part);
  return TRUE;
}

/* ---- styles: what a cell's number format does to the figure ------------ */

/* What a number format does to the figure the reader sees: whether it
 * shows the value × 100 with a '%', and whether it shows a fixed number of
 * decimals.  A fixed format is read as printed — 0 and 20.5 under
 * "#,##0.00" read 0.00 and 20.50, and 11229.009999999998 reads 11229.01 —
 * because the published figure is what the tables state, and the rule
 * engine's rounding intervals come from the decimals written. */
typedef struct {
  guint8 percent;
  guint8 decimals;      /* always shown: 0.0# → 1 */
  guint8 fixed;
  guint8 most;          /* at most shown: 0.0# → 2 */
} NumFmt;

#define MAX_DECIMALS 30         /* Excel's own limit */

/* Reads the first section of a format code.  Quoted text, backslash
 * escapes, _x and *x fillers and [colour/condition] brackets are literal:
 * 0.00"%" only prints a sign.  Exponent formats get no padding. */
static NumFmt
parse_format (const char *code)
{
  NumFmt f = { 0, 0, 0, 0 };
  gboolean point = FALSE, fraction = FALSE, exponent = FALSE;

  for (const char *p = code; *p && *p != ';'; p++)
    {
      gboolean placeholder = *p == '0' || *p == '#' || *p == '?';
      if (fraction && !placeholder)
        fraction = FALSE;
      if (fraction && *p == '0' && f.decimals < MAX_DECIMALS)
        f.decimals++;
      if (fraction && placeholder && f.most < MAX_DECIMALS)
        f.most++;
      if (*p == '0')
        f.fixed = TRUE;
      if (*p == '.' && !point)
        point = fraction = TRUE;
      else if (*p == '%')
        f.percent = TRUE;
      else if (*p == 'E' || *p == 'e')
        exponent = TRUE;
      else if (*p == '"')
        for (; p[1] && p[1] != '"'; p++)
          ;
      else if (*p == '[')
        for (; p[1] && p[1] != ']'; p++)
          ;
      if ((*p == '"' || *p == '\\' || *p == '_' || *p == '*') && p[1])
        p++;                    /* the closing quote, or the escaped char */
    }
  if (exponent)
    f.decimals = f.fixed = f.most = 0;
  return f;
}

/* Built-in formats with a fixed look (ECMA-376 §18.8.30). */
static NumFmt
builtin_format (guint id)
{
  NumFmt f = { 0, 0, 1, 0 };

  switch (id)
    {
    case 1: case 3: case 37: case 38: case 41: case 42:
      break;                    /* 0, #,##0, their currency forms */
    case 2: case 4: case 7: case 8: case 39: case 40: case 43: case 44:
      f.decimals = f.most = 2;  /* 0.00, #,##0.00, currency, accounting */
      break;
    case 9:
      f.percent = TRUE;         /* 0% */
      break;
    case 10:
      f.percent = TRUE;         /* 0.00% */
      f.decimals = f.most = 2;
      break;
    default:
      f.fixed = FALSE;
      break;
    }
  return f;
}

typedef struct {
  GHashTable *custom;   /* numFmtId → NumFmt packed in a pointer */
  GArray *xf_fmt;       /* numFmtId per cellXfs entry */
  gboolean in_cell_xfs;
} Styles;

#define PACK(f) GUINT_TO_POINTER (1u << 24 | (guint) (f).most << 10     \
                                  | (guint) (f).fixed << 9               \
                                  | (guint) (f).percent << 8 | (f).decimals)

static NumFmt
unpack (gpointer p)
{
  NumFmt f = { (guint8) (GPOINTER_TO_UINT (p) >> 8 & 1),
               (guint8) (GPOINTER_TO_UINT (p) & 0xff),
               (guint8) (GPOINTER_TO_UINT (p) >> 9 & 1),
               (guint8) (GPOINTER_TO_UINT (p) >> 10 & 0xff) };
  return f;
}

static guint
parse_uint (const char *s, guint fallback)
{
  char *end;
  guint64 v;

  if (s == NULL || !g_ascii_isdigit (*s))
    return fallback;
  v = g_ascii_strtoull (s, &end, 10);
  return *end == '\0' && v <= G_MAXUINT32 ? (guint) v : fallback;
}

static gboolean
styles_node (Book *b, Xml *x, gpointer ctx, GError **error)
{
  Styles *st = ctx;

  (void) b;
  (void) error;
  if (is_start (x, "numFmt"))
    {
      g_autofree char *id = attr (x, "numFmtId");
      g_autofree char *code = attr (x, "formatCode");
      if (id != NULL && code != NULL)
        g_hash_table_replace (st->custom,
                              GUINT_TO_POINTER (parse_uint (id, 0)),
                              PACK (parse_format (code)));
    }
  else if (is_start (x, "cellXfs"))
    st->in_cell_xfs = !xmlTextReaderIsEmptyElement (x->reader);
  else if (is_end (x, "cellXfs"))
    st->in_cell_xfs = FALSE;
  else if (st->in_cell_xfs && is_start (x, "xf"))
    {
      g_autofree char *id = attr (x, "numFmtId");
      guint fmt = parse_uint (id, 0);
      g_array_append_val (st->xf_fmt, fmt);
    }
  return TRUE;
}

/* Fills b->xf_formats: one NumFmt per cellXfs entry, as cells' s= index
 * them.  A custom format may redefine a built-in id. */
static gboolean
read_styles (Book *b, GError **error)
{
  Styles st = { g_hash_table_new (NULL, NULL),
                g_array_new (FALSE, FALSE, sizeof (guint)), FALSE };
  gboolean ok;

  ok = parse_part (b, b->styles_part ? b->styles_part : "xl/styles.xml",
                   FALSE, styles_node, &st, error);
  for (guint i = 0; ok && i < st.xf_fmt->len; i++)
    {
      guint id = g_array_index (st.xf_fmt, guint, i);
      gpointer custom = g_hash_table_lookup (st.custom, GUINT_TO_POINTER (id));
      NumFmt f = custom ? unpack (custom) : builtin_format (id);
      g_array_append_val (b->xf_formats, f);
    }
  g_hash_table_unref (st.custom);
  g_array_unref (st.xf_fmt);
  return ok;
}

/* ---- text and numbers --------------------------------------------------- */

/* Decodes one _xHHHH_ escape at @p, which OOXML uses for characters XML
 * cannot carry ("_x000D_" for CR); -1 if @p does not start one. */
static gunichar
escape_at (const char *p)
{
  gunichar u = 0;

  if (p[0] != '_' || p[1] != 'x')
    return (gunichar) -1;
  for (int i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return (gunichar) -1;
      u = u * 16 + (gunichar) g_ascii_xdigit_value (p[i]);
    }
  return p[6] == '_' ? u : (gunichar) -1;
}

static gboolean
is_control (gunichar u)
{
  return u < 0x20 || u == 0x7f;
}

/* Cell text as recognition wants it: escapes decoded, every run of line
 * breaks, tabs and other control characters folded into one space, white
 * space (ideographic included) trimmed.  Result in @out. */
static void
clean_text (const char *s, GString *out)
{
  gboolean folded = FALSE;
  const char *start, *end;
  gsize skip;

  g_string_truncate (out, 0);
  for (const char *p = s; *p;)
    {
      gunichar u = escape_at (p);
      gboolean escaped = u != (gunichar) -1
                         && (is_control (u) || g_unichar_validate (u));
      if (!escaped)
        u = (guchar) *p;        /* ASCII, or one byte of a UTF-8 sequence */
      p += escaped ? 7 : 1;
      if (is_control (u))
        {
          if (!folded)
            g_string_append_c (out, ' ');
          folded = TRUE;
          continue;
        }
      folded = FALSE;
      if (escaped)
        g_string_append_unichar (out, u);
      else
        g_string_append_c (out, (char) u);
    }
  start = out->str;
  while (*start && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = out->str + out->len;
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  skip = (gsize) (start - out->str);
  g_string_truncate (out, (gsize) (end - out->str));
  g_string_erase (out, 0, (gssize) skip);
}

/* Writes @v, a number as [-+]digits[.digits][E[-+]digits], in plain
 * decimal notation multiplied by 10^@shift — exactly, by moving the point
 * in the string.  Digits are kept as written, trailing zeros included.
 * FALSE (and nothing written) if @v is not such a number. */
static gboolean
plain_decimal (const char *v, int shift, GString *out)
{
  g_autoptr(GString) d = g_string_new (NULL);
  gboolean neg = FALSE, point = FALSE;
  long exp = 0, pos = 0, n;
  const char *p = v, *digits;

  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  for (; g_ascii_isdigit (*p) || (*p == '.' && !point); p++)
    if (*p == '.')
      point = TRUE;
    else
      {
        g_string_append_c (d, *p);
        pos += !point;
      }
  if (d->len == 0)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      const char *e = p + 1 + (p[1] == '+' || p[1] == '-');
      char *end;
      if (!g_ascii_isdigit (*e))
        return FALSE;
      exp = strtol (p + 1, &end, 10);
      if (exp > MAX_EXPONENT || exp < -MAX_EXPONENT)
        return FALSE;
      p = end;
    }
  if (*p != '\0')
    return FALSE;
  pos += exp + shift;
  digits = d->str;
  if (strspn (digits, "0") == d->len)     /* 0E+5 is 0 */
    {
      pos = 1;
      digits = "0";
    }
  /* Leading zeros of the integer part go; one stays before a point. */
  for (; pos > 1 && digits[0] == '0'; digits++)
    pos--;
  n = (long) strlen (digits);
  if (neg)
    g_string_append_c (out, '-');
  if (pos <= 0)
    {
      g_string_append (out, "0.");
      for (long i = 0; i < -pos; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_len (out, digits, MIN (pos, n));
      for (long i = n; i < pos; i++)
        g_string_append_c (out, '0');
      if (pos < n)
        g_string_append_printf (out, ".%s", digits + pos);
    }
  return TRUE;
}

/* The number format of cell style @style; General when there is none. */
static NumFmt
style_format (Book *b, const char *style)
{
  NumFmt general = { 0, 0, 0, 0 };
  guint i = parse_uint (style, G_MAXUINT);

  return i < b->xf_formats->len ? g_array_index (b->xf_formats, NumFmt, i)
                                : general;
}

static gboolean
is_plain_decimal (const char *s)
{
  s += *s == '-';
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    s++;
  if (*s == '.' && g_ascii_isdigit (s[1]))
    for (s++; g_ascii_isdigit (*s); s++)
      ;
  return *s == '\0';
}

/* Appends zeros until @out shows @decimals places; never drops a digit,
 * so 11229.009999999998 under 0.00 stays as it is. */
static void
pad_decimals (GString *out, guint decimals)
{
  const char *point;
  gsize have;

  if (decimals == 0 || !is_plain_decimal (out->str))
    return;
  point = strchr (out->str, '.');
  have = point ? strlen (point + 1) : 0;
  if (point == NULL)
    g_string_append_c (out, '.');
  for (; have < decimals; have++)
    g_string_append_c (out, '0');
}

/* Rounds the plain decimal in @out to @decimals places, half away from
 * zero as Excel displays it, by string arithmetic. */
static void
round_decimals (GString *out, guint decimals)
{
  char *point = strchr (out->str, '.');
  gsize keep;
  gboolean up, zero = TRUE;
  gssize i;

  if (point == NULL || strlen (point + 1) <= decimals)
    return;
  keep = (gsize) (point - out->str) + (decimals ? decimals + 1 : 0);
  up = point[1 + decimals] >= '5';
  g_string_truncate (out, keep);
  for (i = (gssize) keep - 1; up && i >= 0; i--)
    {
      char *c = &out->str[i];
      if (*c == '.' || *c == '-')
        continue;
      up = *c == '9';
      *c = up ? '0' : (char) (*c + 1);
    }
  if (up)
    g_string_insert_c (out, out->str[0] == '-', '1');
  for (const char *c = out->str; *c; c++)
    zero &= *c == '-' || *c == '.' || *c == '0';
  if (zero && out->str[0] == '-')
    g_string_erase (out, 0, 1);     /* -0.004 under 0.00 shows 0.00 */
}

/* Under General, Excel shows at most 15 significant digits: binary noise
 * such as 11229.009999999998 reads 11229.01. */
static void
round_general (GString *out)
{
  const char *point = strchr (out->str, '.');
  const char *s = out->str + (out->str[0] == '-');
  gsize sig = 0, fraction;
  gboolean leading = TRUE;

  if (point == NULL)
    return;
  fraction = strlen (point + 1);
  for (; *s; s++)
    if (g_ascii_isdigit (*s) && !(leading && *s == '0'))
      {
        leading = FALSE;
        sig++;
      }
  if (sig <= 15 || sig - 15 > fraction)
    return;
  round_decimals (out, (guint) (fraction - (sig - 15)));
  if (strchr (out->str, '.'))
    {
      while (out->str[out->len - 1] == '0')
        g_string_truncate (out, out->len - 1);
      if (out->str[out->len - 1] == '.')
        g_string_truncate (out, out->len - 1);
    }
}

/* The text of a numeric cell as the sheet shows it: in plain notation,
 * × 100 with a "%" under a percentage format, rounded and padded to the
 * decimals a fixed format shows, noise beyond 15 digits dropped under
 * General.  Anything else is kept as written. */
static void
number_text (Book *b, const char *style, const char *v, GString *out)
{
  g_autofree char *raw = g_strstrip (g_strdup (v));
  NumFmt f = style_format (b, style);
  gboolean rewrite = f.percent || strpbrk (raw, "eE") != NULL;

  g_string_truncate (out, 0);
  if (rewrite && !plain_decimal (raw, f.percent ? 2 : 0, out))
    {
      g_string_append (out, raw);       /* not a number */
      return;
    }
  if (!rewrite)
    g_string_append (out, raw);
  if (f.fixed && is_plain_decimal (out->str))
    round_decimals (out, f.most);
  else if (is_plain_decimal (out->str))
    round_general (out);
  pad_decimals (out, f.decimals);
  if (f.percent)
    g_string_append_c (out, '%');
}

/* ---- shared strings ----------------------------------------------------- */

static gboolean
strings_node (Book *b, Xml *x, gpointer ctx, GError **error)
{
  GString *raw = ctx;

  if (!is_start (x, "si"))
    return TRUE;
  g_string_truncate (raw, 0);
  if (!read_rich_text (x, raw, error))
    return FALSE;
  clean_text (raw->str, b->scratch);
  g_ptr_array_add (b->strings, g_string_chunk_insert (b->chunk,
                                                      b->scratch->str));
  return TRUE;
}

static gboolean
read_strings (Book *b, GError **error)
{
  g_autoptr(GString) raw = g_string_new (NULL);

  return parse_part (b, b->strings_part ? b->strings_part
                                        : "xl/sharedStrings.xml",
                     FALSE, strings_node, raw, error);
}

/* ---- sheets ------------------------------------------------------------- */

typedef struct {
  GArray *cells;        /* RawCell */
  GArray *merges;       /* Merge */
  GString *value;
  guint32 row, next_col;
  gboolean in_data;
} SheetState;

/* "B7" → col 1, row 7.  Columns run A..XFD, rows 1..1048576. */
static gboolean
parse_ref (const char *s, guint32 *col, guint32 *row)
{
  guint32 c = 0, r = 0;
  int letters = 0, digits = 0;

  for (; g_ascii_isalpha (*s) && letters < 4; s++, letters++)
    c = c * 26 + (guint32) (g_ascii_toupper (*s) - 'A' + 1);
  for (; g_ascii_isdigit (*s) && digits < 8; s++, digits++)
    r = r * 10 + (guint32) (*s - '0');
  if (*s != '\0' || letters == 0 || c > MAX_COLS || r == 0 || r > MAX_ROWS)
    return FALSE;
  *col = c - 1;
  *row = r;
  return TRUE;
}

static void
format_ref (guint32 col, guint32 row, char buf[16])
{
  bl_cell_name (col + 1, row, buf);   /* columns count from 0 here */
}

/* Sets @cell's text from its type @type, style @style and raw value @v;
 * NULL for a blank.  The text lives in b->chunk (shared strings too). */
static gboolean
cell_text (Book *b, Xml *x, RawCell *cell, const char *type,
           const char *style, const char *v, GError **error)
{
  GString *out = b->scratch;
  const char **text = &cell->text;
  char ref[16];

  if (type == NULL || strcmp (type, "n") == 0)
    number_text (b, style, v, out);
  else if (strcmp (type, "s") == 0)
    {
      g_autofree char *index = g_strstrip (g_strdup (v));
      guint i = parse_uint (index, G_MAXUINT);
      if (i >= b->strings->len)
        {
          format_ref (cell->col, cell->row, ref);
          return xml_fail (x, error, "cell %s: shared string '%s' does not "
                           "exist (%u in the table)", ref, index,
                           b->strings->len);
        }
      *text = g_ptr_array_index (b->strings, i);
      if (**text == '\0')
        *text = NULL;
      return TRUE;
    }
  else if (strcmp (type, "b") == 0 && (strcmp (v, "0") == 0
                                       || strcmp (v, "1") == 0))
    g_string_assign (out, v[0] == '1' ? "TRUE" : "FALSE");
  else                          /* inlineStr, str, e (#DIV/0!), d */
    clean_text (v, out);
  *text = out->len ? g_string_chunk_insert (b->chunk, out->str) : NULL;
  return TRUE;
}

/* The raw value of the current <c>: <v> text, or the <is> inline string.
 * Formulas are skipped; their cached result is in <v>. */
static gboolean
read_cell_value (Xml *x, GString *value, gboolean *has_value,
                 GError **error)
{
  int depth = xmlTextReaderDepth (x->reader);

  g_string_truncate (value, 0);
  *has_value = FALSE;
  if (xmlTextReaderIsEmptyElement (x->reader))
    return TRUE;
  for (;;)
    {
      int rc = xml_read (x, error);
      if (rc < 0)
        return FALSE;
      if (rc == 0)
        return xml_fail (x, error, "unexpected end of document");
      if (xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_END_ELEMENT
          && xmlTextReaderDepth (x->reader) == depth)
        return TRUE;
      if (is_start (x, "v") || is_start (x, "is"))
        {
          g_string_truncate (value, 0);
          *has_value = TRUE;
          if (!(is_start (x, "v") ? read_text (x, value, error)
                                  : read_rich_text (x, value, error)))
            return FALSE;
        }
      else if (xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_ELEMENT
               && !read_text (x, NULL, error))
        return FALSE;           /* <f>, <extLst>: not shown */
    }
}

static gboolean
read_cell (Book *b, SheetState *st, Xml *x, GError **error)
{
  g_autofree char *ref = attr (x, "r"), *type = attr (x, "t");
  g_autofree char *style = attr (x, "s");
  RawCell cell = { st->row, st->next_col, 1, st->cells->len, NULL };
  gboolean has_value;

  /* r is optional: a cell without one follows its left neighbour. */
  if (ref != NULL && !parse_ref (ref, &cell.col, &cell.row))
    return xml_fail (x, error, "bad cell reference '%s'", ref);
  if (cell.row == 0 || cell.col >= MAX_COLS)
    return xml_fail (x, error, "a cell outside the sheet");
  st->next_col = cell.col + 1;
  if (!read_cell_value (x, st->value, &has_value, error))
    return FALSE;
  if (!has_value)
    return TRUE;
  if (!cell_text (b, x, &cell, type, style, st->value->str, error))
    return FALSE;
  if (cell.text != NULL)
    g_array_append_val (st->cells, cell);
  return TRUE;
}

static gboolean
read_row (SheetState *st, Xml *x, GError **error)
{
  g_autofree char *r = attr (x, "r");
  guint n = r ? parse_uint (r, 0) : st->row + 1;

  if (n == 0 || n > MAX_ROWS)
    return xml_fail (x, error, "bad row number '%s'", r ? r : "");
  st->row = n;
  st->next_col = 0;
  return TRUE;
}

static gboolean
read_merge (SheetState *st, Xml *x, GError **error)
{
  g_autofree char *ref = attr (x, "ref");
  g_auto(GStrv) ends = ref ? g_strsplit (ref, ":", 3) : NULL;
  Merge m;

  if (ends == NULL || ends[0] == NULL
      || !parse_ref (ends[0], &m.c0, &m.r0)
      || (ends[1] != NULL && (ends[2] != NULL
                              || !parse_ref (ends[1], &m.c1, &m.r1))))
    return xml_fail (x, error, "bad merged range '%s'", ref ? ref : "");
  if (ends[1] == NULL)
    {
      m.c1 = m.c0;
      m.r1 = m.r0;
    }
  if (m.c1 < m.c0 || m.r1 < m.r0)     /* "D3:A1" still means A1:D3 */
    {
      Merge n = { MIN (m.r0, m.r1), MIN (m.c0, m.c1), MAX (m.r0, m.r1),
                  MAX (m.c0, m.c1) };
      m = n;
    }
  g_array_append_val (st->merges, m);
  return TRUE;
}

static gboolean
sheet_node (Book *b, Xml *x, gpointer ctx, GError **error)
{
  SheetState *st = ctx;

  if (is_start (x, "sheetData"))
    st->in_data = !xmlTextReaderIsEmptyElement (x->reader);
  else if (is_end (x, "sheetData"))
    st->in_data = FALSE;
  else if (st->in_data && is_start (x, "row"))
    return read_row (st, x, error);
  else if (st->in_data && is_start (x, "c"))
    return read_cell (b, st, x, error);
  else if (is_start (x, "mergeCell"))
    return read_merge (st, x, error);
  return TRUE;
}

/* ---- building the grid -------------------------------------------------- */

static int
cell_cmp (const void *a, const void *b)
{
  const RawCell *p = a, *q = b;
  if (p->row != q->row)
    return p->row < q->row ? -1 : 1;
  if (p->col != q->col)
    return p->col < q->col ? -1 : 1;
  return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static gboolean
is_sorted (GArray *cells)
{
  for (guint i = 1; i < cells->len; i++)
    if (cell_cmp (&g_array_index (cells, RawCell, i - 1),
                  &g_array_index (cells, RawCell, i)) > 0)
      return FALSE;
  return TRUE;
}

/* Index of the first cell at or after (row, col) in the sorted array. */
static guint
lower_bound (GArray *cells, guint32 row, guint32 col)
{
  guint lo = 0, hi = cells->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const RawCell *c = &g_array_index (cells, RawCell, mid);
      if (c->row < row || (c->row == row && c->col < col))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A merged range shows its top-left cell across the whole range; whatever
 * else the file holds under it is hidden, as Excel hides it. */
static void
apply_merge (GArray *cells, const Merge *m, guint *walk)
{
  guint i = lower_bound (cells, m->r0, m->c0);
  RawCell *c = i < cells->len ? &g_array_index (cells, RawCell, i) : NULL;

  if (c != NULL && c->row == m->r0 && c->col == m->c0)
    c->span = m->c1 - m->c0 + 1;
  while (i < cells->len && *walk < MERGE_WALK_LIMIT)
    {
      guint32 row;
      c = &g_array_index (cells, RawCell, i);
      if ((row = c->row) > m->r1)
        break;
      for (; i < cells->len && c->row == row && c->col <= m->c1; c++, i++)
        if (c->col >= m->c0 && (row != m->r0 || c->col != m->c0))
          c->text = NULL;
      (*walk)++;
      i = lower_bound (cells, row + 1, m->c0);
    }
}

static void
emit_sheet (BlGrid *grid, const char *name, SheetState *st)
{
  GArray *cells = st->cells;
  const char *sheet = bl_grid_intern (grid, name);
  BlGridRow *row = NULL;
  guint walk = 0;
  char ref[16];

  if (!is_sorted (cells))       /* files written in order, usually */
    qsort (cells->data, cells->len, sizeof (RawCell), cell_cmp);
  for (guint i = 0; i + 1 < cells->len; i++)   /* keep the last duplicate */
    {
      RawCell *c = &g_array_index (cells, RawCell, i);
      if (c->row == c[1].row && c->col == c[1].col)
        c->text = NULL;
    }
  for (guint i = 0; i < st->merges->len; i++)
    apply_merge (cells, &g_array_index (st->merges, Merge, i), &walk);
  for (guint i = 0; i < cells->len; i++)
    {
      const RawCell *c = &g_array_index (cells, RawCell, i);
      BlGridCell *gc;
      if (c->text == NULL)
        continue;
      if (row == NULL || row->line != c->row)
        {
          row = bl_grid_add_row (grid, c->row, 0);
          row->sheet = sheet;
        }
      gc = bl_grid_row_add_cell (grid, row, c->text, c->col,
                                 (double) c->col + c->span);
      gc->pos.col = c->col + 1;         /* findings can name the cell */
      format_ref (c->col, c->row, ref);
      gc->ref = bl_grid_intern (grid, ref);
    }
}

static gboolean
read_sheet (Book *b, const Sheet *s, BlGrid *grid, GError **error)
{
  SheetState st = { g_array_new (FALSE, FALSE, sizeof (RawCell)),
                    g_array_new (FALSE, FALSE, sizeof (Merge)),
                    g_string_new (NULL), 0, 0, FALSE };
  const char *part = g_hash_table_lookup (b->rels, s->rid);
  gboolean ok;

  if (part == NULL)
    ok = fail (b, error, "sheet '%s': relationship '%s' is missing",
               s->name, s->rid);
  else if (zip_name_locate (b->zip, part, ZIP_FL_NOCASE) < 0)
    ok = fail (b, error, "sheet '%s': %s is missing", s->name, part);
  else if ((ok = parse_part (b, part, TRUE, sheet_node, &st, error)))
    emit_sheet (grid, s->name, &st);
  g_array_unref (st.cells);
  g_array_unref (st.merges);
  g_string_free (st.value, TRUE);
  return ok;
}

/* ---- entry point -------------------------------------------------------- */

static gboolean
read_book (Book *b, BlGrid *grid, GError **error)
{
  if (!parse_part (b, "xl/workbook.xml", TRUE, workbook_node, NULL, error)
      || !parse_part (b, "xl/_rels/workbook.xml.rels", TRUE, rels_node, NULL,
                      error)
      || !read_styles (b, error) || !read_strings (b, error))
    return FALSE;
  for (guint i = 0; i < b->sheets->len; i++)
    if (!read_sheet (b, &g_array_index (b->sheets, Sheet, i), grid, error))
      return FALSE;
  return TRUE;
}

BlGrid *
bl_xlsx_grid_read (const char *data, gsize len, const char *path,
                   GError **error)
{
  Book b = { 0 };
  BlGrid *grid = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  b.path = path ? path : "(xlsx)";
  b.budget = TOTAL_LIMIT;
  b.sheets = g_array_new (FALSE, FALSE, sizeof (Sheet));
  b.rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b.xf_formats = g_array_new (FALSE, FALSE, sizeof (NumFmt));
  b.strings = g_ptr_array_new ();
  b.chunk = g_string_chunk_new (64 * 1024);
  b.scratch = g_string_new (NULL);
  if (!book_open (&b, data, len, error))
    goto out;
  grid = bl_grid_new (path, "xlsx");
  if (!read_book (&b, grid, error))
    g_clear_pointer (&grid, bl_grid_free);
out:
  book_close (&b);
  return grid;
}
