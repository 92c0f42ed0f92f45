/* select.h — `--project ID`: narrowing a validated dataset (select.c). */
#ifndef SMR_SELECT_H
#define SMR_SELECT_H

#include "model.h"

/* Keeps only the projects whose IDs are listed (and their allocations),
 * renumbering indices; firms, instruments and agencies are kept. Returns
 * false, changing nothing, if an ID is not in the dataset (*missing = it). */
bool dataset_select_projects(dataset *ds, char *const *ids, size_t n, const char **missing);

#endif
