/* model.c — the fixed vocabularies of the data model: the 17 시·도 with their
 * accepted spellings, statuses, grades, encodings; and dataset cleanup. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"

typedef struct region_def {
    const char *name;  /* official */
    const char *shrt;  /* short form */
    const char *stem2; /* long stem for 도 names ("충청북"), or NULL */
    const char *latin; /* romanised */
    bool capital;
} region_def;

static const region_def regions[REGION_COUNT] = {
    {"서울특별시", "서울", NULL, "seoul", true},
    {"부산광역시", "부산", NULL, "busan", false},
    {"대구광역시", "대구", NULL, "daegu", false},
    {"인천광역시", "인천", NULL, "incheon", true},
    {"광주광역시", "광주", NULL, "gwangju", false},
    {"대전광역시", "대전", NULL, "daejeon", false},
    {"울산광역시", "울산", NULL, "ulsan", false},
    {"세종특별자치시", "세종", NULL, "sejong", false},
    {"경기도", "경기", NULL, "gyeonggi", true},
    {"강원특별자치도", "강원", NULL, "gangwon", false},
    {"충청북도", "충북", "충청북", "chungbuk", false},
    {"충청남도", "충남", "충청남", "chungnam", false},
    {"전북특별자치도", "전북", "전라북", "jeonbuk", false},
    {"전라남도", "전남", "전라남", "jeonnam", false},
    {"경상북도", "경북", "경상북", "gyeongbuk", false},
    {"경상남도", "경남", "경상남", "gyeongnam", false},
    {"제주특별자치도", "제주", NULL, "jeju", false},
};

const char *region_name(int r)
{
    return r >= 0 && r < REGION_COUNT ? regions[r].name : NULL;
}

const char *region_short(int r)
{
    return r >= 0 && r < REGION_COUNT ? regions[r].shrt : NULL;
}

bool region_is_capital(int r)
{
    return r >= 0 && r < REGION_COUNT && regions[r].capital;
}

static bool has_suffix(const char *s, size_t len, const char *suf, size_t *stem)
{
    size_t n = strlen(suf);
    if (len > n && memcmp(s + len - n, suf, n) == 0) {
        *stem = len - n;
        return true;
    }
    return false;
}

static bool eq(const char *s, size_t len, const char *word)
{
    return word && strlen(word) == len && memcmp(s, word, len) == 0;
}

int region_parse(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len)
        return REGION_NONE;
    for (int r = 0; r < REGION_COUNT; r++)
        if (eq(s, len, regions[r].name) || eq(s, len, regions[r].shrt) ||
            (len == strlen(regions[r].latin) && strncasecmp(s, regions[r].latin, len) == 0))
            return r;
    /* Strip one administrative suffix and match the stem: 부산시, 강원도, 전라북도, 제주도,
     * 세종시, 전북특별자치도 (already matched above), 서울시. */
    static const char *const suffixes[] = {"특별자치시", "특별자치도", "특별시", "광역시", "도", "시"};
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
        size_t stem;
        if (!has_suffix(s, len, suffixes[k], &stem))
            continue;
        for (int r = 0; r < REGION_COUNT; r++)
            if (eq(s, stem, regions[r].shrt) || eq(s, stem, regions[r].stem2))
                return r;
    }
    return REGION_NONE;
}

const char *alloc_status_name(alloc_status s)
{
    switch (s) {
    case ALLOC_EXECUTED: return "집행";
    case ALLOC_SELECTED: return "선정";
    case ALLOC_CANCELLED: return "취소";
    }
    return "";
}

const char *grade_name(project_grade g)
{
    switch (g) {
    case GRADE_EXCELLENT: return "우수";
    case GRADE_FAIR: return "보통";
    case GRADE_POOR: return "미흡";
    case GRADE_NONE: break;
    }
    return "";
}

void dataset_free(dataset *ds)
{
    if (!ds)
        return;
    for (int i = 0; i < SRC_COUNT; i++)
        free((char *)ds->files[i].path);
    free(ds->projects);
    free(ds->firms);
    free(ds->allocs);
    free(ds->instruments);
    free(ds->agencies);
    arena_free(&ds->arena);
    memset(ds, 0, sizeof *ds);
}

void brn_format(const char *d, char out[13])
{
    memcpy(out, d, 3);
    out[3] = '-';
    memcpy(out + 4, d + 3, 2);
    out[6] = '-';
    memcpy(out + 7, d + 5, 5);
    out[12] = '\0';
}
