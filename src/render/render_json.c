/* render_json.c — figures.json: the report model (report_model.h) written
 * verbatim with val_to_json(). The same bytes are what `smereport summary
 * --format json` prints, so a script can read either. The whole text is
 * built in memory first (it is a few hundred kilobytes even for large
 * data) and written with one fwrite, then fclose() is checked: a full disk
 * shows up at close. */
#include "exitcodes.h"
#include "render.h"

static int json_render(const render_ctx *ctx, output_list *out, diag_list *d)
{
    (void)d;
    static const char name[] = "figures.json";
    strbuf b = {0};
    val_to_json(ctx->model, &b);
    int rc = output_write(ctx, name, sb_str(&b), b.len, out);
    sb_free(&b);
    return rc;
}

const renderer renderer_json = {"json", json_render};
