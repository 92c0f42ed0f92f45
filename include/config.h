/* config.h — the run's settings as every layer reads them, and the
 * enumerations they use (core: config.c holds the names of the units and
 * encodings).
 *
 * A config is filled by run/config_ini.c (config_ini.h: the built-in
 * defaults, config.ini, then command-line overrides) and read-only after
 * that; every string is owned by the config and freed by config_free(). */
#ifndef SMR_CONFIG_H
#define SMR_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include "date.h"

typedef enum {
    ENC_AUTO = -1,
    ENC_UTF8 = 0,
    ENC_UTF8_BOM,
    ENC_CP949,
    ENC_UTF16LE,
    ENC_UTF16BE,
} text_encoding; /* [input] encoding, and the encoding detected for each input */
const char *encoding_name(text_encoding e); /* "UTF-8", "UTF-8 (BOM)", "CP949", "UTF-16LE", ... */

typedef enum { UNIT_WON = 0, UNIT_THOUSAND, UNIT_MILLION, UNIT_HUNDRED_MILLION } display_unit;
int64_t unit_divisor(display_unit u);   /* 1, 1000, 1000000, 100000000 */
const char *unit_label(display_unit u); /* "원", "천원", "백만원", "억원" */

#define CONFIG_MAX_CONTACTS 6

typedef struct contact {
    char *role;  /* "책임자" or "담당자" */
    char *title; /* e.g. "과장", "사무관" */
    char *name;
    char *phone;
} contact;

typedef struct config {
    char *path; /* the file read; NULL when running on defaults */

    /* [input] */
    char *input_dir;
    char *projects_file; /* file names inside input_dir */
    char *firms_file;
    char *allocations_file;
    text_encoding encoding; /* ENC_AUTO = detect per file */

    /* [output] */
    char *output_dir;
    char *workbook_name;    /* pattern; "{period}" is replaced by the period label */
    char *release_prefix;   /* PDF names: <prefix><project id>.pdf and <prefix>overview.pdf */
    unsigned outputs;       /* bit i: renderers[i] (render.h) writes; [output] <name> = yes/no */
    int keep_runs;          /* complete runs kept in output_dir/runs, >= 1 */

    /* [report] */
    char *period_text;      /* as written; parsed into period */
    period period;
    display_unit unit;      /* unit of amounts in tables (XLSX, PDF tables) */
    char *programme;        /* e.g. "레전드 50⁺" */
    char *timezone;         /* as written: "Asia/Seoul", "UTC", "UTC+09:00" (date.h tz_parse) */
    int32_t tz_offset;      /* its offset from UTC in seconds: the documents' dates and times */

    /* [release] — the 보도자료 header and contact table */
    char *ministry;         /* "중소벤처기업부" */
    char *embargo;          /* 보도시점, e.g. "배포 즉시" or "(전매체) 10. 17.(목) 15:00" */
    char *distributed;      /* 배포 date text, e.g. "2025. 10. 16.(목)"; empty = run date */
    char *department;       /* 담당 부서 */
    contact contacts[CONFIG_MAX_CONTACTS];
    int ncontacts;
    char *speaker;          /* who is quoted in the releases, e.g. "중기부 지역기업정책관" */
    int attach_firm_list_max; /* 붙임 1 lists at most this many firms; beyond, it points at 기업별 */

    /* [pdf] */
    char *templates_dir;
    char *font_serif, *font_serif_bold, *font_sans, *font_sans_bold;
    char *font_fallback;    /* drawn where the faces above lack a character (Hanja); "" = none */

    /* [limits] */
    int max_diagnostics;    /* problems shown per run (0 = all) */
    int64_t sheet_max_rows; /* rows per detail sheet before continuing on (2), (3)... */
    int jobs;               /* parallel PDF workers, >= 1 */
    int64_t template_iterations; /* loop iterations per rendered release */
    int64_t template_output;     /* bytes per rendered release (template output) */
    int64_t xlsx_memory;         /* bytes of the workbook's temporary files kept in memory */

    /* [log] */
    char *log_file;         /* empty = none */
} config;

#endif
