/* manifest.h — manifest.json, the last file of every run: each output with
 * its size and SHA-256, the inputs with theirs, the period, the program
 * version and the counts, so that a script can check a run before using it. */
#ifndef SMR_MANIFEST_H
#define SMR_MANIFEST_H

#include "render.h"

/* Writes <ctx->dir>/manifest.json listing `out` (which it does not include
 * itself). Returns EXIT_OK or EXIT_OUTPUT after a message. */
int manifest_write(const render_ctx *ctx, const output_list *out);

#endif
