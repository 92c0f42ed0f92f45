/* release_set.c — the run's releases, rendered once (release_set.h).
 *
 * One release per project, in the report's project order, then the
 * overview. File stems are <prefix><safe project id>; different IDs can make
 * the same stem ("a/b" and "a_b", an ID "overview", a long shared prefix), so
 * a later one gets ~2, ~3 ... rather than overwrite an earlier file (a hash
 * set of the stems taken keeps this linear for many projects). */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "exitcodes.h"
#include "release_set.h"
#include "report_model.h"
#include "template.h"
#include "utf8.h"

release_set *release_set_new(void)
{
    return xcalloc(1, sizeof(release_set));
}

void release_set_free(release_set *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->item[i].stem);
        free(rs->item[i].subject);
        sb_free(&rs->item[i].markup);
        rdoc_free(&rs->item[i].doc);
    }
    free(rs->item);
    free(rs->tpl_path[0]);
    free(rs->tpl_path[1]);
    free(rs);
}

/* Renders one template into it->markup and parses it: EXIT_OK, EXIT_TEMPLATE
 * after template errors, EXIT_INTERNAL when memory ran out. */
static int render_item(release_item *it, const template *t, const value *root, const config *cfg,
                       diag_list *d)
{
    if (!tpl_render(t, root, cfg->unit, &it->markup, d))
        return EXIT_TEMPLATE;
    strbuf clean = {0};
    utf8_clean(&clean, sb_str(&it->markup), it->markup.len);
    bool ok = rdoc_parse(&it->doc, sb_str(&clean), clean.len);
    sb_free(&clean);
    if (!ok)
        msg_error("out of memory reading the release markup of %s", it->stem);
    return ok ? EXIT_OK : EXIT_INTERNAL;
}

static void worse(int *rc, int r)
{
    if (*rc == EXIT_OK)
        *rc = r;
}

static int build(release_set *rs, const render_ctx *ctx, diag_list *d)
{
    const config *cfg = ctx->cfg;
    const dataset *ds = ctx->ds;
    for (int i = 0; i < 2; i++)
        rs->tpl_path[i] = xasprintf("%s/%s", cfg->templates_dir ? cfg->templates_dir : "templates",
                                    i == 0 ? "release_project.tpl" : "release_overview.tpl");
    template *tp = tpl_load(rs->tpl_path[0], d);
    template *to = tpl_load(rs->tpl_path[1], d);
    if (!tp || !to) {
        tpl_free(tp);
        tpl_free(to);
        return EXIT_TEMPLATE;
    }
    const value *dist = val_get(val_get(ctx->model, "release"), "distributed");
    rs->distributed = dist && dist->type == VAL_STR ? dist->u.s : "";

    int rc = EXIT_OK;
    const char *prefix = cfg->release_prefix ? cfg->release_prefix : "";
    const char *programme = cfg->programme ? cfg->programme : "";
    char safe[256];
    rs->item = xcalloc((size_t)ds->nprojects + 1, sizeof *rs->item);
    name_set taken = {0};
    char *ov_stem = xasprintf("%soverview", prefix);
    name_set_add(&taken, ov_stem);
    project_models *pm = project_models_new(ctx->model, ctx->ds, ctx->fig);
    for (uint32_t k = 0; k < ds->nprojects; k++) {
        uint32_t p = ctx->fig->project_order ? ctx->fig->project_order[k] : k;
        release_item *it = &rs->item[rs->n];
        safe_file_name(ds->projects[p].id, safe, sizeof safe);
        it->stem = xasprintf("%s%s", prefix, safe);
        for (unsigned n = 2; !name_set_add(&taken, it->stem); n++) {
            free(it->stem);
            it->stem = xasprintf("%s%s~%u", prefix, safe, n);
        }
        it->project = p;
        it->tpl = rs->tpl_path[0];
        it->subject = xasprintf("「%s」 보도자료: %s (%s)", programme, ds->projects[p].title, ds->projects[p].id);
        rs->n++;
        /* One arena per release: a context is garbage once its markup is made. */
        arena a = {0};
        value *root = project_model(pm, &a, p);
        worse(&rc, render_item(it, tp, root, cfg, d));
        arena_free(&a);
    }
    project_models_free(pm);
    name_set_free(&taken);
    release_item *ov = &rs->item[rs->n++];
    ov->stem = ov_stem;
    ov->project = RELEASE_OVERVIEW;
    ov->tpl = rs->tpl_path[1];
    ov->subject = xasprintf("「%s」 보도자료: 종합", programme);
    worse(&rc, render_item(ov, to, ctx->model, cfg, d));
    tpl_free(tp);
    tpl_free(to);
    return rc;
}

int release_set_build(const render_ctx *ctx, diag_list *d, const release_set **out)
{
    release_set *rs = ctx->releases;
    if (!rs->built) {
        rs->built = true;
        rs->rc = build(rs, ctx, d);
    }
    *out = rs;
    return rs->rc;
}
