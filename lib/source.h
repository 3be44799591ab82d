/* Private: source text — bytes to UTF-8 with the encoding detected. */
#ifndef BL_SOURCE_H
#define BL_SOURCE_H

#include "common.h"

/* Returns: (transfer full): @data as UTF-8 without a BOM, converted from
 * GB18030 (which covers GBK and GB2312) when it is not valid UTF-8; NULL
 * with BL_ERROR_INPUT and the line, column and byte where it stops
 * reading as either when it is neither.  *encoding names what was found.
 * Line breaks are kept, so line numbers refer to the original file. */
char *bl_source_to_utf8 (const char *data, gsize len, const char *path,
                         const char **encoding, GError **error);

/* Where byte @offset of @data stands: its 1-based line, and its 1-based
 * column in characters of the line before it (read as UTF-8, or else
 * GB18030, as far as either goes; bytes beyond, one each). */
void bl_source__locate (const char *data, gsize offset, guint *line,
                        guint *col);

/* TRUE when @data looks like text in Chinese: valid UTF-8 or GB18030 with
 * at least a few CJK characters in its first kilobytes (before any byte
 * that reads as neither). */
gboolean bl_source_is_chinese_text (const char *data, gsize len);

#endif
