/* summary.h — `smereport summary`: the run's figures on a terminal.
 *
 * Text mode prints aligned tables (a header block, totals, projects,
 * instruments, regions, the 수도권/비수도권 indicators, cancelled rows);
 * Korean text is aligned by display width. JSON mode prints the report
 * model exactly as figures.json holds it. Every number comes from the
 * figures / model; the printer never re-adds anything. */
#ifndef SMR_SUMMARY_H
#define SMR_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>
#include "aggregate.h"
#include "config.h"
#include "diag.h"
#include "model.h"
#include "value.h"

/* Writes the summary to out (not closed). In text mode the notes and
 * warnings about the input in diags (may be NULL) close it, so what was read
 * in a particular way (title rows, serial dates, totals rows…) is part of the
 * summary. Returns EXIT_OK, or EXIT_OUTPUT after msg_error() when writing fails. */
int summary_print(FILE *out, const config *cfg, const dataset *ds, const figures *fig,
                  const value *model, bool json, const diag_list *diags);

#endif
