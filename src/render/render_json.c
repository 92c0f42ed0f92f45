/* render_json.c — figures.json: the report model (report_model.h) written
 * verbatim by val_to_json_file(). The same bytes are what `smereport summary
 * --format json` prints, so a script can read either. The text is written
 * as it is made, a megabyte at a time: at 100,000 projects it is 450 MB,
 * which held whole beside the model was the run's peak of memory. A full
 * disk shows up at a write or at fclose(), both checked. */
#include "exitcodes.h"
#include "render.h"

static bool fill_json(FILE *f, const void *model)
{
    return val_to_json_file(model, f);
}

static int json_render(const render_ctx *ctx, output_list *out, diag_list *d)
{
    (void)d;
    return output_write_by(ctx, "figures.json", fill_json, ctx->model, out);
}

const renderer renderer_json = {"json", json_render, NULL};
