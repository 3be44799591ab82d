/* Private: JSON text for the writers that produce it — the reports
 * (report/json.c, sarif.c) and `convert --to json` (filing-write.c).
 * Implemented in report/json.c. */
#ifndef BL_JSONOUT_H
#define BL_JSONOUT_H

#include <glib.h>

/* @s as a JSON string, escaped; `null` for NULL. */
void bl_json__string (GString *out, const char *s);
/* `"k":` */
void bl_json__key (GString *out, const char *k);

#endif
