/* hwpx_doc.h — one release (render/release/release_doc.h) as an HWPX
 * (OWPML, KS X 6101) package, the format 한글 edits. */
#ifndef SMR_HWPX_DOC_H
#define SMR_HWPX_DOC_H

#include <time.h>
#include "../release/release_doc.h"
#include "strbuf.h"

typedef struct hwpx_info {
    const char *ministry;    /* header box and creator */
    const char *embargo;     /* 보도시점 (doc->embargo, when set, wins) */
    const char *distributed; /* 배포 (doc->distributed, when set, wins) */
    const char *subject;     /* content.hpf subject, or NULL */
    time_t created;          /* metadata dates and the zip members' time */
} hwpx_info;

/* What every release of a run shares: header.xml and the fixed parts,
 * deflated once. */
typedef struct hwpx_writer hwpx_writer;
hwpx_writer *hwpx_writer_new(void);
void hwpx_writer_free(hwpx_writer *w); /* NULL-safe */

/* Writes the package to path. EXIT_OK, or EXIT_OUTPUT after a message naming
 * path and the cause. */
int hwpx_write(hwpx_writer *w, const rdoc *doc, const hwpx_info *info, const char *path);

/* The parts, for tests: Contents/header.xml (the same for every release) and
 * Contents/section0.xml, appended to out. */
void hwpx_header_xml(strbuf *out);
void hwpx_section_xml(strbuf *out, const rdoc *doc, const hwpx_info *info);

#endif
