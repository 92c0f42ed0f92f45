/* release_set.h — the releases of a run, named once and shared by every
 * release format (PDF, HWPX) and the run's index page.
 *
 * The set is created empty by the caller of the renderers (render.h:
 * release_set_new) and built by the first renderer that needs it
 * (release_set_build): each project's and the overview's template rendered
 * to markup and parsed, in report order, giving the file name stem every
 * format shares, the document's title (index.html) and every template
 * diagnostic — once per run, however many formats are written. The markup
 * itself is then dropped unless the run's markups are small (together at
 * most RELEASE_KEEP_MAX): a set holds a few short strings per release, so
 * this process does not grow with the number or size of the releases.
 *
 * A format's worker process makes the markup of the releases it writes
 * again (release_markup, release_doc): the templates and the report model
 * are kept in the set, which the worker inherited when it was forked, and a
 * template renders the same bytes from the same model every time, so the PDF
 * and the HWPX of a release come from the same markup, ~0.1 ms a release
 * (docs/pdf.md). A format that needs every markup in this process too (the
 * PDF's fonts are subset to the code points of the whole run) sees it while
 * the set is built, through a release_visit. */
#ifndef SMR_RELEASE_SET_H
#define SMR_RELEASE_SET_H

#include <stdint.h>
#include "diag.h"
#include "release_doc.h"
#include "render.h"
#include "strbuf.h"

#define RELEASE_OVERVIEW UINT32_MAX

typedef struct release_item {
    char *stem;       /* file name without extension: <prefix><safe id>[~n] or <prefix>overview */
    uint32_t project; /* index in ds->projects, or RELEASE_OVERVIEW */
    char *subject;    /* 「programme」 보도자료: project title (ID), or …: 종합 */
    const char *tpl;  /* the template's path (for diagnostics), owned by the set */
    char *title;      /* the document's title (rdoc.title, "" if none) */
    size_t markup_len; /* bytes of its markup (the PDF writes the longest first) */
    char *markup;      /* the markup, kept while the set's kept markups fit in
                          RELEASE_KEEP_MAX; else NULL (rendered again when needed) */
} release_item;

/* The most bytes of markup a set keeps (release_item.markup): the sample's
 * 22 releases hold ~0.2 MB; 40 releases with 300 KB of markup each (the
 * memory test of tests/e2e/run_many_projects_linear) keep one. */
#define RELEASE_KEEP_MAX ((size_t)512 << 10)

struct template;
struct project_models;

struct release_set {
    bool built;
    int rc;               /* the outcome of the build, returned again to later callers */
    release_item *item;   /* the projects in report order, then the overview */
    size_t n;
    char *tpl_path[2];    /* project and overview templates (diagnostics name them) */
    const char *distributed; /* 배포 as the report model holds it (config's text or the run date) */
    /* What makes a release's markup again (release_markup). */
    struct template *tpl[2];
    struct project_models *pm;
    const render_ctx *ctx;
    size_t kept; /* bytes of the markups kept */
};

/* Called once for each release, in order, while the set is built (or, when
 * it was built before, by rendering the release again): markup[0..len) is
 * the template's output as rendered, valid only during the call. */
typedef struct release_visit {
    void (*each)(void *arg, size_t i, const release_item *it, const char *markup, size_t len);
    void *arg;
} release_visit;

/* Builds the set on first call (templates loaded and rendered), visiting
 * each release's markup when visit is not NULL; later calls return the first
 * call's result (and still visit every markup). EXIT_OK, or EXIT_TEMPLATE
 * after diagnostics in d. */
int release_set_build(const render_ctx *ctx, diag_list *d, const release_visit *visit,
                      const release_set **out);

/* The releases' indices, longest markup first (ties in release order), for
 * workers that take them one by one: the last to finish is a short one.
 * Malloc'd, rs->n entries (at least one allocated). */
size_t *release_order(const release_set *rs);

/* The files a release format writes, one per release in release order:
 * <dir>/<stem><ext> (ext with its dot), malloc'd (rs->n entries, at least
 * one allocated). release_paths_done, after render_pool: with rc EXIT_OK
 * each file's name (relative to dir) is recorded in out with sum[i]; the
 * paths are freed either way. */
char **release_paths(const release_set *rs, const char *dir, const char *ext);
void release_paths_done(char **path, size_t n, const char *dir, int rc, output_list *out,
                        const output_sum *sum);
/* Release i's markup, the same bytes the build rendered, appended to out
 * (for a worker process, after a successful build). False only when the
 * template fails, which a successful build has ruled out. */
bool release_markup(const release_set *rs, size_t i, strbuf *out);

/* Release i parsed (its markup cleaned to valid UTF-8, release_doc.h), as
 * the HWPX writer reads it. False when the markup cannot be made or memory
 * runs out (a message then names the release). */
bool release_doc(const release_set *rs, size_t i, rdoc *doc);

#endif
