/* report_model.h — turns the figures into the value tree that the JSON
 * output and the release templates read. The keys are documented in
 * docs/template-model.md; that file and this builder change together. */
#ifndef SMR_REPORT_MODEL_H
#define SMR_REPORT_MODEL_H

#include <time.h>
#include "aggregate.h"
#include "config.h"
#include "model.h"
#include "value.h"

/* The whole programme: run info, totals, instruments, regions, projects...
 * The tree points at the dataset's text (names, titles, IDs) instead of
 * copying it: ds must outlive the model (and every project context). */
value *report_model(arena *a, const config *cfg, const dataset *ds, const figures *fig, time_t created);
/* The context of one project's release: the programme model with key
 * "project" set to that project's entry (by its index in ds->projects) plus
 * that project's firm lists (firm_list, firm_groups). The firm lists are
 * built here, one project at a time, and not kept in the programme model:
 * at a million allocations they would be most of its memory. `programme` is
 * report_model()'s result; "project" is null for an unknown index. */
value *report_model_project(arena *a, const value *programme, const dataset *ds,
                            const figures *fig, uint32_t project);

/* The same contexts for many releases at O(1) per project beyond the
 * project's own allocations: project_models_new groups the period's
 * allocations by project once (O(allocations + firms + projects)) and
 * indexes the programme's project entries; project_model(pm, a, p) then
 * equals report_model_project(a, programme, ds, fig, p). report_model_project
 * is this for one project. programme, ds and fig must outlive pm. */
typedef struct project_models project_models;
project_models *project_models_new(const value *programme, const dataset *ds, const figures *fig);
value *project_model(project_models *pm, arena *a, uint32_t project);
void project_models_free(project_models *pm); /* NULL-safe */

#endif
