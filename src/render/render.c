/* render.c — what every renderer shares: the table of renderers (the one
 * place that lists the output formats), the list of files a run wrote, and
 * turning IDs from the input (which may hold "../", "/", NUL bytes, newlines)
 * into file names that cannot leave the run directory. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "korean.h"
#include "render.h"
#include "strbuf.h"

/* The output formats, in the order they run. A new format is one line here. */
const renderer *const renderers[] = {&renderer_json, &renderer_xlsx, &renderer_pdf};
const size_t renderer_count = ARRAY_LEN(renderers);

_Static_assert(ARRAY_LEN(renderers) <= 8 * sizeof(unsigned), "config.outputs has a bit per renderer");

int renderer_find(const char *name)
{
    for (size_t i = 0; i < renderer_count; i++)
        if (strcmp(renderers[i]->name, name) == 0)
            return (int)i;
    return -1;
}

bool renderer_enabled(const config *cfg, const char *name)
{
    int i = renderer_find(name);
    return i >= 0 && (cfg->outputs >> i & 1u);
}

char *renderer_names(const char *sep, const char *last_sep)
{
    strbuf sb = {0};
    for (size_t i = 0; i < renderer_count; i++)
        sb_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == renderer_count ? last_sep : sep,
                renderers[i]->name);
    return sb_take(&sb);
}

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
