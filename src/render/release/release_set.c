/* release_set.c — the run's releases, named once and rendered where they
 * are written (release_set.h).
 *
 * One release per project, in the report's project order, then the
 * overview. File stems are <prefix><safe project id>; different IDs can make
 * the same stem ("a/b" and "a_b", an ID "overview", a long shared prefix), so
 * a later one gets ~2, ~3 ... rather than overwrite an earlier file (a hash
 * set of the stems taken keeps this linear for many projects).
 *
 * The build renders every template once, here, for what only a whole pass
 * gives: the diagnostics (all of them, once each, before any document is
 * written, so a template error fails the run with nothing written), each
 * document's title for index.html, and the markup a release_visit wants to
 * see (the PDF's code points). The templates and the per-project contexts
 * (project_models) stay in the set, so a worker forked later renders the
 * releases it writes again, the same bytes, in O(1) per release. The
 * markups themselves are kept only while they fit in RELEASE_KEEP_MAX
 * bytes in all (release_set.h): a small run's releases are then not
 * rendered again by the PDF and the HWPX writer each (the sample: 193 KB
 * kept, 49 M instructions fewer, 3.7 % of the run's); a large run's memory
 * does not grow with its releases beyond that. */
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
        free(rs->item[i].title);
        free(rs->item[i].markup);
    }
    free(rs->item);
    for (int i = 0; i < 2; i++) {
        tpl_free(rs->tpl[i]);
        free(rs->tpl_path[i]);
    }
    project_models_free(rs->pm);
    free(rs);
}

/* Renders release i's template, appending to out: true, or false after
 * template errors in d. A project's context lives in an arena of its own,
 * garbage once the markup is made. */
static bool render_markup(const release_set *rs, size_t i, strbuf *out, diag_list *d)
{
    const release_item *it = &rs->item[i];
    display_unit unit = rs->ctx->cfg->unit;
    if (it->project == RELEASE_OVERVIEW)
        return tpl_render(rs->tpl[1], rs->ctx->model, unit, out, d);
    arena a = {0};
    value *root = project_model(rs->pm, &a, it->project);
    bool ok = tpl_render(rs->tpl[0], root, unit, out, d);
    arena_free(&a);
    return ok;
}

bool release_markup(const release_set *rs, size_t i, strbuf *out)
{
    const release_item *it = &rs->item[i];
    if (it->markup) { /* kept by the build */
        sb_addn(out, it->markup, it->markup_len);
        return true;
    }
    diag_list scratch = {0}; /* the build reported them all */
    bool ok = render_markup(rs, i, out, &scratch);
    diag_free(&scratch);
    return ok;
}

/* markup[0..len) cleaned to valid UTF-8 and parsed into doc. */
static bool parse(rdoc *doc, const char *markup, size_t len)
{
    strbuf clean = {0};
    utf8_clean(&clean, markup, len);
    bool ok = rdoc_parse(doc, sb_str(&clean), clean.len);
    sb_free(&clean);
    return ok;
}

bool release_doc(const release_set *rs, size_t i, rdoc *doc)
{
    strbuf markup = {0};
    bool ok = release_markup(rs, i, &markup);
    if (!ok)
        msg_error("cannot render the release markup of %s again", rs->item[i].stem);
    else if (!(ok = parse(doc, sb_str(&markup), markup.len)))
        msg_error("out of memory reading the release markup of %s", rs->item[i].stem);
    sb_free(&markup);
    return ok;
}

char **release_paths(const release_set *rs, const char *dir, const char *ext)
{
    char **path = xcalloc(rs->n ? rs->n : 1, sizeof *path);
    for (size_t i = 0; i < rs->n; i++)
        path[i] = xasprintf("%s/%s%s", dir, rs->item[i].stem, ext);
    return path;
}

void release_paths_done(char **path, size_t n, const char *dir, int rc, output_list *out,
                        const output_sum *sum)
{
    for (size_t i = 0; i < n; i++) {
        if (rc == EXIT_OK)
            outputs_add_sum(out, path[i] + strlen(dir) + 1, &sum[i]);
        free(path[i]);
    }
    free(path);
}

/* qsort has no argument for its comparison: the items being ordered. */
static const release_item *order_items;

static int longest_first(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    size_t li = order_items[i].markup_len, lj = order_items[j].markup_len;
    if (li != lj)
        return li < lj ? 1 : -1;
    return i < j ? -1 : i > j;
}

size_t *release_order(const release_set *rs)
{
    size_t *order = xcalloc(rs->n ? rs->n : 1, sizeof *order);
    for (size_t i = 0; i < rs->n; i++)
        order[i] = i;
    order_items = rs->item;
    qsort(order, rs->n, sizeof *order, longest_first);
    order_items = NULL;
    return order;
}

static void worse(int *rc, int r)
{
    if (*rc == EXIT_OK)
        *rc = r;
}

/* The releases' names, subjects and templates, in report order: nothing rendered yet. */
static void name_items(release_set *rs, const render_ctx *ctx)
{
    const config *cfg = ctx->cfg;
    const dataset *ds = ctx->ds;
    const char *prefix = cfg->release_prefix ? cfg->release_prefix : "";
    const char *programme = cfg->programme ? cfg->programme : "";
    char safe[256];
    rs->item = xcalloc((size_t)ds->nprojects + 1, sizeof *rs->item);
    name_set taken = {0};
    char *ov_stem = xasprintf("%soverview", prefix);
    name_set_add(&taken, ov_stem);
    for (uint32_t k = 0; k < ds->nprojects; k++) {
        uint32_t p = ctx->fig->project_order ? ctx->fig->project_order[k] : k;
        release_item *it = &rs->item[rs->n++];
        safe_file_name(ds->projects[p].id, safe, sizeof safe);
        it->stem = xasprintf("%s%s", prefix, safe);
        for (unsigned n = 2; !name_set_add(&taken, it->stem); n++) {
            free(it->stem);
            it->stem = xasprintf("%s%s~%u", prefix, safe, n);
        }
        it->project = p;
        it->tpl = rs->tpl_path[0];
        it->subject = xasprintf("「%s」 보도자료: %s (%s)", programme, ds->projects[p].title, ds->projects[p].id);
    }
    name_set_free(&taken);
    release_item *ov = &rs->item[rs->n++];
    ov->stem = ov_stem;
    ov->project = RELEASE_OVERVIEW;
    ov->tpl = rs->tpl_path[1];
    ov->subject = xasprintf("「%s」 보도자료: 종합", programme);
}

static int build(release_set *rs, const render_ctx *ctx, diag_list *d, const release_visit *visit)
{
    const config *cfg = ctx->cfg;
    rs->ctx = ctx;
    for (int i = 0; i < 2; i++)
        rs->tpl_path[i] = xasprintf("%s/%s", cfg->templates_dir ? cfg->templates_dir : "templates",
                                    i == 0 ? "release_project.tpl" : "release_overview.tpl");
    for (int i = 0; i < 2; i++)
        rs->tpl[i] = tpl_load(rs->tpl_path[i], d);
    if (!rs->tpl[0] || !rs->tpl[1])
        return EXIT_TEMPLATE;
    for (int i = 0; i < 2; i++)
        tpl_set_limits(rs->tpl[i], (uint64_t)cfg->template_iterations, (size_t)cfg->template_output);
    const value *dist = val_get(val_get(ctx->model, "release"), "distributed");
    rs->distributed = dist && dist->type == VAL_STR ? dist->u.s : "";
    rs->pm = project_models_new(ctx->model, ctx->ds, ctx->fig);
    name_items(rs, ctx);

    int rc = EXIT_OK;
    strbuf markup = {0};
    for (size_t i = 0; i < rs->n; i++) {
        release_item *it = &rs->item[i];
        sb_reset(&markup);
        if (!render_markup(rs, i, &markup, d)) {
            worse(&rc, EXIT_TEMPLATE);
            it->title = xstrdup("");
            continue;
        }
        it->markup_len = markup.len;
        if (markup.len <= RELEASE_KEEP_MAX - rs->kept) {
            it->markup = xmalloc(markup.len ? markup.len : 1);
            memcpy(it->markup, sb_str(&markup), markup.len);
            rs->kept += markup.len;
        }
        if (visit)
            visit->each(visit->arg, i, it, sb_str(&markup), markup.len);
        rdoc doc = {0};
        bool ok = parse(&doc, sb_str(&markup), markup.len);
        if (!ok) {
            msg_error("out of memory reading the release markup of %s", it->stem);
            worse(&rc, EXIT_INTERNAL);
        }
        it->title = xstrdup(ok && doc.title ? doc.title : "");
        rdoc_free(&doc);
    }
    sb_free(&markup);
    size_t total = 0, kept = 0;
    for (size_t i = 0; i < rs->n; i++) {
        total += rs->item[i].markup_len;
        kept += rs->item[i].markup != NULL;
    }
    msg_debug("releases: %zu rendered, %.1f KB of markup (%zu kept for the writers)", rs->n,
              (double)total / 1024, kept);
    return rc;
}

int release_set_build(const render_ctx *ctx, diag_list *d, const release_visit *visit,
                      const release_set **out)
{
    release_set *rs = ctx->releases;
    *out = rs;
    if (!rs->built) {
        rs->built = true;
        rs->rc = build(rs, ctx, d, visit);
        return rs->rc;
    }
    if (rs->rc != EXIT_OK || !visit)
        return rs->rc;
    strbuf markup = {0};
    for (size_t i = 0; i < rs->n && rs->rc == EXIT_OK; i++) {
        sb_reset(&markup);
        if (!release_markup(rs, i, &markup)) {
            msg_error("cannot render the release markup of %s again", rs->item[i].stem);
            sb_free(&markup);
            return EXIT_INTERNAL;
        }
        visit->each(visit->arg, i, &rs->item[i], sb_str(&markup), markup.len);
    }
    sb_free(&markup);
    return EXIT_OK;
}
