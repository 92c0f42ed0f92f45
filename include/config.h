/* config.h — the run's settings: config.ini (read with iniparser by
 * config.c, the only module that includes it), then command-line overrides.
 *
 * Every string is owned by the config and freed by config_free(). Values are
 * typed and validated here; a bad value is reported as
 * `config.ini:[section] key: message` and makes config_load() fail. */
#ifndef SMR_CONFIG_H
#define SMR_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include "model.h"
#include "parse.h"

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

    /* [release] — the 보도자료 header and contact table */
    char *ministry;         /* "중소벤처기업부" */
    char *embargo;          /* 보도시점, e.g. "배포 즉시" or "(전매체) 10. 17.(목) 15:00" */
    char *distributed;      /* 배포 date text, e.g. "2025. 10. 16.(목)"; empty = run date */
    char *department;       /* 담당 부서 */
    contact contacts[CONFIG_MAX_CONTACTS];
    int ncontacts;

    /* [pdf] */
    char *templates_dir;
    char *font_serif, *font_serif_bold, *font_sans, *font_sans_bold;

    /* [limits] */
    int max_diagnostics;    /* problems shown per run (0 = all) */
    int64_t sheet_max_rows; /* rows per detail sheet before continuing on (2), (3)... */
    int jobs;               /* parallel PDF workers, >= 1 */

    /* [log] */
    char *log_file;         /* empty = none */
} config;

/* Fills in the built-in defaults (the same values as the shipped config.ini). */
void config_defaults(config *cfg);
/* Reads path over the defaults. Returns EXIT_OK, or EXIT_CONFIG after printing
 * every problem found to stderr. */
int config_load(config *cfg, const char *path);
/* Replaces a string setting, freeing the old value. */
void config_set(char **slot, const char *value);
void config_free(config *cfg); /* NULL-safe */

#endif
