/* model.h — the validated tables of one run: projects, firms, allocations.
 *
 * The ingest stage builds a dataset; everything after it only reads it. The
 * row arrays (projects, firms, allocs, instruments, agencies) are malloc'd;
 * every string lives in ds->arena; dataset_free() releases both. Money is
 * int64 won everywhere (won_t); a date is an int32 yyyymmdd. Optional fields
 * use a documented "absent" value instead of a flag. */
#ifndef SMR_MODEL_H
#define SMR_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "common.h"
#include "config.h"

typedef int64_t won_t;
#define WON_ABSENT INT64_C(-1)

/* ---- the 17 시·도, in the order of the ministry's statistics ---- */
#define REGION_COUNT 17
#define REGION_NONE (-1)
/* Official full name, e.g. "부산광역시"; NULL for an index out of range. */
const char *region_name(int region);
/* Short form used in tables and running text, e.g. "부산". */
const char *region_short(int region);
/* 서울·인천·경기 form the capital region (수도권). */
bool region_is_capital(int region);
/* Recognises the official name and common short forms ("부산", "부산시",
 * "부산광역시", "강원도", "전라북도", ...), ignoring surrounding spaces.
 * Returns the index or REGION_NONE. */
int region_parse(const char *s, size_t len);
/* The 시·도 (bit r for region r) that have a 시·군·구 named s[0..len)
 * ("강릉시" or "강릉": 강원; "고성군": 강원 and 경남; "중구": six), or 0. When
 * none has, but s is a 시·도 with one of its own 시·군·구 glued on
 * ("울산북구", "인천시중구"), that 시·도's bit, and *rest is where the 시·군·구 begins
 * (else 0). For the hint of an error, never to accept a value. */
unsigned region_sigungu(const char *s, size_t len, size_t *rest);
/* The 시·도 that s[0..len) is a typo of ("서울특별시시", "서울특별", "부선"): the
 * one with a spelling (official, short, or the 도 name before 특별자치도:
 * 전라북도, 강원도) nearest by edit_distance, at most one edit per three
 * characters; no guess between two as near (경상도: 경상남도 and 경상북도;
 * 전라도: 전라남도 and 전라북도), or REGION_NONE. For the hint of an error,
 * never to accept a value. */
int region_near(const char *s, size_t len);

typedef enum { ALLOC_EXECUTED = 0, ALLOC_SELECTED = 1, ALLOC_CANCELLED = 2 } alloc_status;
const char *alloc_status_name(alloc_status s); /* "집행", "선정", "취소" */

typedef enum { GRADE_NONE = 0, GRADE_EXCELLENT, GRADE_FAIR, GRADE_POOR } project_grade;
const char *grade_name(project_grade g); /* "", "우수", "보통", "미흡" */

typedef enum { SRC_PROJECTS = 0, SRC_FIRMS, SRC_ALLOCATIONS, SRC_COUNT } source_kind;

typedef struct source_file {
    const char *path;       /* malloc'd; as given, used in diagnostics: "input/allocations.csv" */
    text_encoding encoding; /* detected (or forced by config) */
    uint64_t bytes;         /* file size */
    uint32_t rows;          /* data rows read (header and blank lines excluded) */
    unsigned char sha256[32];
    bool has_sha256;        /* computed only when outputs are written */
} source_file;

typedef struct project {
    const char *id;
    const char *title;
    const char *lead_agency;
    const char *phase;      /* NULL = absent */
    const char **fields;    /* 특화분야, split at ';', trimmed, empty ones dropped */
    uint32_t nfields;
    int region;             /* 0..16 */
    int start_year;         /* 0 = absent */
    int end_year;           /* 0 = absent */
    won_t budget;           /* WON_ABSENT = absent */
    project_grade grade;
    const char *quote;      /* optional quote for the release (column quote/인용문); NULL = absent */
    uint32_t line;          /* physical line of the row in projects.csv */
} project;

typedef struct firm {
    char id[11];            /* 10 digits, no dashes, NUL-terminated */
    const char *name;
    const char *ceo;        /* NULL = absent (likewise city, industry) */
    const char *city;
    const char *industry;
    int region;             /* 0..16 */
    int64_t employees;      /* -1 = absent */
    won_t revenue;          /* WON_ABSENT = absent */
    won_t exports;          /* WON_ABSENT = absent */
    int founded;            /* 0 = absent */
    uint32_t line;
} firm;

typedef struct allocation {
    const char *id;
    uint32_t project;       /* index into dataset.projects */
    uint32_t firm;          /* index into dataset.firms */
    uint32_t instrument;    /* index into dataset.instruments */
    uint32_t agency;        /* index into dataset.agencies, NO_INDEX = absent */
    won_t amount;           /* > 0 */
    int32_t date;           /* yyyymmdd */
    uint8_t status;         /* alloc_status */
    uint32_t line;
} allocation;

typedef struct dataset {
    arena arena;
    source_file files[SRC_COUNT];
    project *projects;
    uint32_t nprojects;
    firm *firms;
    uint32_t nfirms;
    allocation *allocs;     /* in file order */
    uint32_t nallocs;
    const char **instruments; /* distinct 정책수단 names, in order of first appearance */
    uint32_t ninstruments;
    const char **agencies;    /* distinct 지원기관 names, in order of first appearance */
    uint32_t nagencies;
    /* Narrowed to some projects (--project): the first and last date of the
     * whole export's counted allocations, which still bound an `all` period
     * (a project's release reads as in the full run); 0 when not narrowed. */
    int32_t export_from, export_to;
} dataset;

/* Frees everything the dataset owns; the struct is zeroed. NULL-safe. */
void dataset_free(dataset *ds);

/* Formats a 10-digit business number as "123-45-67890" into buf[13]. */
void brn_format(const char *digits10, char out[13]);

#endif
