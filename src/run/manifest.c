/* manifest.c — manifest.json for a run directory. It is written last, after
 * every renderer succeeded, from the files actually on disk (sizes and
 * SHA-256 read back once each file was complete: by the process that wrote
 * it, output_seal, or here), so it describes exactly what a consumer will
 * find. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "exitcodes.h"
#include "hash.h"
#include "manifest.h"
#include "par.h"
#include "version.h"
#include "utf8.h"

static const char *const source_kind_name[SRC_COUNT] = {"projects", "firms", "allocations"};

/* One output's size and SHA-256, or the errno of reading it back. */
typedef struct out_sum {
    int64_t bytes;
    unsigned char digest[32];
    int err;
} out_sum;

typedef struct out_sums {
    const char *dir;
    const output_list *out;
    out_sum *sum;
    size_t *unread; /* the outputs no writer read back (output_seal) */
} out_sums;

/* An output its writer did not read back, read back and hashed. */
static void sum_one(void *arg, size_t k)
{
    out_sums *S = arg;
    size_t i = S->unread[k];
    out_sum *o = &S->sum[i];
    char *path = xasprintf("%s/%s", S->dir, S->out->names[i]);
    struct stat st;
    if (stat(path, &st) != 0 || !sha256_file(path, o->digest))
        o->err = errno ? errno : EIO;
    else
        o->bytes = (int64_t)st.st_size;
    free(path);
}

/* Every output's size and digest: a file sealed by its writer is taken as
 * read back then if it is still there with that size; the others are read
 * back here, by up to `threads` threads (the workers that wrote the files
 * have ended). */
static void sum_all(out_sums *S, size_t threads)
{
    size_t nunread = 0;
    S->unread = xcalloc(S->out->n ? S->out->n : 1, sizeof *S->unread);
    for (size_t i = 0; i < S->out->n; i++) {
        const output_sum *known = &S->out->sum[i];
        char *path = xasprintf("%s/%s", S->dir, S->out->names[i]);
        struct stat st;
        if (!known->known || stat(path, &st) != 0 || known->bytes != (int64_t)st.st_size) {
            S->unread[nunread++] = i;
        } else {
            memcpy(S->sum[i].digest, known->sha256, sizeof S->sum[i].digest);
            S->sum[i].bytes = known->bytes;
        }
        free(path);
    }
    par_each(nunread, threads, sum_one, S);
    free(S->unread);
}

int manifest_write(const render_ctx *ctx, const output_list *out)
{
    arena a = {0};
    value *root = val_map(&a);
    val_set_str(&a, root, "program", "smereport");
    val_set_str(&a, root, "version", SMR_VERSION);
    val_set_int(&a, root, "created", (int64_t)ctx->created);

    value *per = val_map(&a);
    val_set_str(&a, per, "label", ctx->fig->period.label);
    val_set_int(&a, per, "from", ctx->fig->period.from);
    val_set_int(&a, per, "to", ctx->fig->period.to);
    val_set(&a, root, "period", per);

    char hex[65];
    value *inputs = val_list(&a);
    for (int i = 0; i < SRC_COUNT; i++) {
        const source_file *f = &ctx->ds->files[i];
        value *m = val_map(&a);
        val_set_str(&a, m, "kind", source_kind_name[i]);
        val_set_str(&a, m, "path", path_file_name(f->path));
        val_set_str(&a, m, "encoding", encoding_name(f->encoding));
        val_set_int(&a, m, "bytes", (int64_t)f->bytes);
        val_set_int(&a, m, "rows", f->rows);
        if (f->has_sha256) {
            sha256_hex(f->sha256, hex);
            val_set_str(&a, m, "sha256", hex);
        } else {
            val_set_str(&a, m, "sha256", NULL);
        }
        val_push(&a, inputs, m);
    }
    val_set(&a, root, "inputs", inputs);

    out_sums S = {ctx->dir, out, xcalloc(out->n ? out->n : 1, sizeof *S.sum), NULL};
    sum_all(&S, (size_t)(ctx->cfg->jobs < 1 ? 1 : ctx->cfg->jobs));
    int rc = EXIT_OK;
    value *outputs = val_list(&a);
    for (size_t i = 0; i < out->n && rc == EXIT_OK; i++) {
        const out_sum *o = &S.sum[i];
        if (o->err) {
            msg_error("cannot read back %s/%s for the manifest: %s", ctx->dir, out->names[i],
                      strerror(o->err));
            rc = EXIT_OUTPUT;
        } else {
            value *m = val_map(&a);
            val_set_str(&a, m, "name", out->names[i]);
            val_set_int(&a, m, "bytes", o->bytes);
            sha256_hex(o->digest, hex);
            val_set_str(&a, m, "sha256", hex);
            val_push(&a, outputs, m);
        }
    }
    free(S.sum);
    val_set(&a, root, "outputs", outputs);

    const totals *t = &ctx->fig->in_period.t;
    value *counts = val_map(&a);
    val_set_int(&a, counts, "projects", ctx->ds->nprojects);
    val_set_int(&a, counts, "firms", ctx->ds->nfirms);
    val_set_int(&a, counts, "allocations", ctx->ds->nallocs);
    val_set_int(&a, counts, "allocations_in_period", t->allocs);
    val_set_int(&a, counts, "cancelled", ctx->fig->cancelled_allocs);
    val_set_int(&a, counts, "warnings", (int64_t)diag_warnings(ctx->diags));
    val_set_int(&a, counts, "amount_in_period", t->amount);
    val_set(&a, root, "counts", counts);

    if (rc == EXIT_OK) {
        strbuf json = {0};
        val_to_json(root, &json);
        char *path = xasprintf("%s/manifest.json", ctx->dir);
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(json.s, 1, json.len, f) == json.len;
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok) {
            msg_error("cannot write %s: %s", path, strerror(errno));
            rc = EXIT_OUTPUT;
        }
        free(path);
        sb_free(&json);
    }
    arena_free(&a);
    return rc;
}
