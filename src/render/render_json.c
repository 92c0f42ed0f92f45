/* render_json.c — figures.json: the report model (report_model.h) written
 * verbatim with val_to_json(). The same bytes are what `smereport summary
 * --format json` prints, so a script can read either. The whole text is
 * built in memory first (it is a few hundred kilobytes even for large
 * data) and written with one fwrite, then fclose() is checked: a full disk
 * shows up at close. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "render.h"

static int json_render(const render_ctx *ctx, output_list *out, diag_list *d)
{
    (void)d;
    static const char name[] = "figures.json";
    char *path = xasprintf("%s/%s", ctx->dir, name);
    strbuf b = {0};
    val_to_json(ctx->model, &b);
    int rc = EXIT_OK;
    FILE *f = fopen(path, "wb");
    if (!f) {
        msg_error("cannot create %s: %s", path, strerror(errno));
        rc = EXIT_OUTPUT;
        goto out;
    }
    if (fwrite(b.s, 1, b.len, f) != b.len) {
        msg_error("cannot write %s: %s", path, strerror(errno));
        fclose(f);
        rc = EXIT_OUTPUT;
        goto out;
    }
    if (fclose(f) != 0) {
        msg_error("cannot write %s: %s", path, strerror(errno));
        rc = EXIT_OUTPUT;
        goto out;
    }
    outputs_add(out, name);
out:
    sb_free(&b);
    free(path);
    return rc;
}

const renderer renderer_json = {"json", json_render};
