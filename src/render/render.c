/* render.c — what every renderer shares: the table of renderers (the one
 * place that lists the output formats) and the list of files a run wrote.
 * (File names from IDs: safe_file_name in core/utf8.c.) */
#include <stdlib.h>
#include <string.h>

#include "common.h"
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
