/* ingest.h — reads projects.csv, firms.csv and allocations.csv into a
 * dataset and validates them against the input contract
 * (docs/input.md).
 *
 * Per file: encoding detected once (UTF-8 with/without BOM, CP949, UTF-16),
 * headers matched by English or Korean name (case, spaces and a trailing
 * "(unit)" ignored; amount units scale to won), every value parsed and
 * checked. Then across files: unique IDs, references resolve, export ≤
 * revenue (warning). Every problem goes to `d` with the physical line and the
 * column (in characters) of the field. csv_reader.c is the only module that
 * includes <csv.h>. */
#ifndef SMR_INGEST_H
#define SMR_INGEST_H

#include "config.h"
#include "diag.h"
#include "model.h"

typedef struct ingest_options {
    const char *paths[SRC_COUNT]; /* the three files */
    text_encoding encoding;       /* ENC_AUTO or forced for all three */
    bool hash;                    /* compute SHA-256 of each input */
    bool read_ahead;              /* parse each file on a second thread (jobs >= 2) */
    /* ... only a file of at least this many bytes (0: any): the thread and its
     * batches cost ~0.5 ms a file, more than parsing a small file saves. */
    uint64_t read_ahead_min;
    /* Progress callback for a terminal display: bytes done of total. May be NULL. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
} ingest_options;

/* Returns EXIT_OK when the data is usable (warnings allowed), EXIT_DATA when
 * `d` holds errors, EXIT_INPUT when a file is missing/unreadable/undecodable
 * (also reported in `d`, without a line). ds is filled in either way and must
 * be freed with dataset_free(). */
int ingest_all(const ingest_options *opt, dataset *ds, diag_list *d);

#endif
