/* xlsx_sheets.h — the sheets of the XLSX workbook, private to the renderer
 * (src/render/xlsx/): render_xlsx.c writes the workbook and calls these in
 * sheet order; xlsx_summary.c writes the summary sheets (요약, 프로젝트별,
 * 프로젝트×정책수단, 정책수단별, 기간별 with their charts, and 기업별),
 * xlsx_detail.c the 지원내역 sheets (one row per allocation). Each writer
 * reports a sheet it cannot create through x->failed (xlsx_sheet_open). */
#ifndef SMR_XLSX_SHEETS_H
#define SMR_XLSX_SHEETS_H

#include <stdbool.h>
#include <stdlib.h>

#include "diag.h"
#include "xlsx_cells.h"

/* A debug check that a cached formula result equals the sum it stands for:
 * a mismatch is a bug in the figures or here, never a user error. */
#ifdef NDEBUG
#define XLSX_CHECK(cond, what) ((void)0)
#else
#define XLSX_CHECK(cond, what)                                                                     \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            msg_error("internal: XLSX cached value differs from the figures (%s)", what);         \
            abort();                                                                               \
        }                                                                                          \
    } while (0)
#endif

/* xlsx_summary.c */
void xlsx_write_summary(xw *x);
void xlsx_write_projects(xw *x);
void xlsx_write_matrix(xw *x);
void xlsx_write_instruments(xw *x);
void xlsx_write_quarters(xw *x);
void xlsx_write_firms(xw *x);

/* xlsx_detail.c: false if a sheet could not be created. */
bool xlsx_write_details(xw *x);

#endif
