/* render.c — what every renderer shares: the list of files a run wrote, and
 * turning IDs from the input (which may hold "../", "/", NUL bytes, newlines)
 * into file names that cannot leave the run directory. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "korean.h"
#include "render.h"

void outputs_add(output_list *o, const char *name)
{
    xgrow((void **)&o->names, &o->cap, o->n + 1, sizeof *o->names);
    o->names[o->n++] = xstrdup(name);
}

void outputs_free(output_list *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n; i++)
        free(o->names[i]);
    free(o->names);
    memset(o, 0, sizeof *o);
}

void safe_file_name(const char *id, char *out, size_t outlen)
{
    size_t cap = outlen < 200 ? outlen : 200; /* well under NAME_MAX (255 bytes) */
    size_t o = 0, len = strlen(id);
    for (size_t i = 0; i < len && o + 5 < cap;) {
        unsigned char c = (unsigned char)id[i];
        if (c < 0x80) {
            bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
            out[o++] = keep ? (char)c : '_';
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(id + i, len - i, &cp);
        if (n == 0 || cp < 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFEFF) {
            /* Invalid bytes, C1 controls, and invisible or directional marks. */
            out[o++] = '_';
            i += n ? n : 1;
            continue;
        }
        memcpy(out + o, id + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    if (o == 0) {
        out[0] = '_';
        out[1] = '\0';
    } else if (out[0] == '.') {
        out[0] = '_'; /* no hidden files, no "." or ".." */
    }
}
