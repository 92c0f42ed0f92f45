/* select.c — `--project ID`: narrow a validated dataset to some projects.
 * Validation has already run over every row, so a report for one project
 * still refuses a broken file; only the figures are narrowed. The dates the
 * whole export spans are kept (dataset.export_from/to): its `all` period is
 * the export's, so that a project's release says what it says in a full run
 * ("사업 시작 이후 2026. 9. 30.까지", not the project's own last date). */
#include <stdlib.h>
#include <string.h>

#include "select.h"

bool dataset_select_projects(dataset *ds, char *const *ids, size_t n, const char **missing)
{
    uint32_t *map = xmalloc((ds->nprojects ? ds->nprojects : 1) * sizeof *map);
    for (uint32_t p = 0; p < ds->nprojects; p++)
        map[p] = NO_INDEX;
    for (size_t i = 0; i < n; i++) {
        uint32_t p = 0;
        while (p < ds->nprojects && strcmp(ds->projects[p].id, ids[i]) != 0)
            p++;
        if (p == ds->nprojects) {
            *missing = ids[i];
            free(map);
            return false;
        }
        map[p] = 0; /* selected; numbered below */
    }
    uint32_t kept = 0;
    for (uint32_t p = 0; p < ds->nprojects; p++)
        if (map[p] != NO_INDEX) {
            ds->projects[kept] = ds->projects[p];
            map[p] = kept++;
        }
    ds->nprojects = kept;
    uint32_t na = 0;
    for (uint32_t i = 0; i < ds->nallocs; i++) {
        allocation a = ds->allocs[i];
        if (a.status != ALLOC_CANCELLED) { /* the export's span, as aggregate() counts it */
            if (!ds->export_from || a.date < ds->export_from)
                ds->export_from = a.date;
            if (a.date > ds->export_to)
                ds->export_to = a.date;
        }
        if (map[a.project] == NO_INDEX)
            continue;
        a.project = map[a.project];
        ds->allocs[na++] = a;
    }
    ds->nallocs = na;
    free(map);
    return true;
}
