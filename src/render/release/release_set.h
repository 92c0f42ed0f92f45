/* release_set.h — the releases of a run, made once and shared by every
 * release format (PDF, HWPX) and the run's index page.
 *
 * The set is created empty by the caller of the renderers (render.h:
 * release_set_new) and filled by the first renderer that needs it
 * (release_set_build): each project's and the overview's template rendered
 * to markup, parsed into a release document, with the file name stem every
 * format shares. Template diagnostics therefore arise once per run, however
 * many formats are written. */
#ifndef SMR_RELEASE_SET_H
#define SMR_RELEASE_SET_H

#include <stdint.h>
#include "diag.h"
#include "release_doc.h"
#include "render.h"
#include "strbuf.h"

#define RELEASE_OVERVIEW UINT32_MAX

typedef struct release_item {
    char *stem;      /* file name without extension: <prefix><safe id>[~n] or <prefix>overview */
    uint32_t project; /* index in ds->projects, or RELEASE_OVERVIEW */
    strbuf markup;   /* the template's output as rendered (formats clean it their way) */
    char *subject;   /* 「programme」 보도자료: project title (ID), or …: 종합 */
    const char *tpl; /* the template's path (for diagnostics), owned by the set */
    rdoc doc;        /* the markup cleaned to valid UTF-8 and parsed */
} release_item;

struct release_set {
    bool built;
    int rc;               /* the outcome of the build, returned again to later callers */
    release_item *item;   /* the projects in report order, then the overview */
    size_t n;
    char *tpl_path[2];    /* project and overview templates (diagnostics name them) */
    const char *distributed; /* 배포 as the report model holds it (config's text or the run date) */
};

/* Builds the set on first call (templates loaded and rendered); later calls
 * return the first call's result. EXIT_OK, or EXIT_TEMPLATE after
 * diagnostics in d. */
int release_set_build(const render_ctx *ctx, diag_list *d, const release_set **out);

#endif
