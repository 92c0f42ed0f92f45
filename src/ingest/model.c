/* model.c — the fixed vocabularies of the data model: the 17 시·도 with their
 * accepted spellings, statuses, grades, encodings; and dataset cleanup. */
#include <stdio.h>
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

/* The 시·군·구 of each 시·도 (2026: with 인천's 제물포구, 영종구 and 검단구 of
 * July 2026), and a few names merged away that old exports still carry
 * (마산시, 진해시, 청원군, 연기군, 여주군, 당진군, 인천 남구). Only for the hint
 * when a 시·도 column holds one of them (region_sigungu). */
static const char *const sigungu[REGION_COUNT] = {
    /* 서울 */ "종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 "
              "서대문구 마포구 양천구 강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구",
    /* 부산 */ "중구 서구 동구 영도구 부산진구 동래구 남구 북구 해운대구 사하구 금정구 강서구 연제구 수영구 "
              "사상구 기장군",
    /* 대구 */ "중구 동구 서구 남구 북구 수성구 달서구 달성군 군위군",
    /* 인천 */ "중구 동구 미추홀구 연수구 남동구 부평구 계양구 서구 강화군 옹진군 제물포구 영종구 검단구 남구",
    /* 광주 */ "동구 서구 남구 북구 광산구",
    /* 대전 */ "동구 중구 서구 유성구 대덕구",
    /* 울산 */ "중구 남구 동구 북구 울주군",
    /* 세종 */ "연기군",
    /* 경기 */ "수원시 성남시 의정부시 안양시 부천시 광명시 평택시 동두천시 안산시 고양시 과천시 구리시 "
              "남양주시 오산시 시흥시 군포시 의왕시 하남시 용인시 파주시 이천시 안성시 김포시 화성시 "
              "광주시 양주시 포천시 여주시 연천군 가평군 양평군 여주군",
    /* 강원 */ "춘천시 원주시 강릉시 동해시 태백시 속초시 삼척시 홍천군 횡성군 영월군 평창군 정선군 철원군 "
              "화천군 양구군 인제군 고성군 양양군",
    /* 충북 */ "청주시 충주시 제천시 보은군 옥천군 영동군 증평군 진천군 괴산군 음성군 단양군 청원군",
    /* 충남 */ "천안시 공주시 보령시 아산시 서산시 논산시 계룡시 당진시 금산군 부여군 서천군 청양군 홍성군 "
              "예산군 태안군 당진군",
    /* 전북 */ "전주시 군산시 익산시 정읍시 남원시 김제시 완주군 진안군 무주군 장수군 임실군 순창군 고창군 "
              "부안군",
    /* 전남 */ "목포시 여수시 순천시 나주시 광양시 담양군 곡성군 구례군 고흥군 보성군 화순군 장흥군 강진군 "
              "해남군 영암군 무안군 함평군 영광군 장성군 완도군 진도군 신안군",
    /* 경북 */ "포항시 경주시 김천시 안동시 구미시 영주시 영천시 상주시 문경시 경산시 의성군 청송군 영양군 "
              "영덕군 청도군 고령군 성주군 칠곡군 예천군 봉화군 울진군 울릉군",
    /* 경남 */ "창원시 진주시 통영시 사천시 김해시 밀양시 거제시 양산시 의령군 함안군 창녕군 고성군 남해군 "
              "하동군 산청군 함양군 거창군 합천군 마산시 진해시",
    /* 제주 */ "제주시 서귀포시",
};

/* s[0..len) is a word of the space-separated list, whole, or (stem) the
 * word without its last syllable 시, 군 or 구, when that leaves two
 * syllables or more ("강릉" for 강릉시). */
static bool in_list(const char *list, const char *s, size_t len, bool stem)
{
    for (const char *w = list; *w;) {
        size_t n = strcspn(w, " ");
        if (n == len && memcmp(w, s, len) == 0)
            return true;
        if (stem && n >= 9 && n - 3 == len && memcmp(w, s, len) == 0)
            return true;
        w += n;
        while (*w == ' ')
            w++;
    }
    return false;
}

int region_near(const char *s, size_t n)
{
    char buf[4 * NAME_MAX_LEN];
    uint32_t cp[NAME_MAX_LEN];
    size_t chars;
    if (n >= sizeof buf)
        return REGION_NONE;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if ((chars = code_points(buf, cp)) == SIZE_MAX || chars == 0)
        return REGION_NONE;
    size_t limit = chars / 3 > 1 ? chars / 3 : 1, best = SIZE_MAX;
    int found = REGION_NONE;
    bool tie = false;
    for (int r = 0; r < REGION_COUNT; r++) {
        /* its spellings: official, short, and the 도 name before 특별자치도
         * (전라북도, 강원도, 제주도) */
        char old[32] = "";
        const region_def *d = &regions[r];
        if (d->stem2)
            snprintf(old, sizeof old, "%s도", d->stem2);
        else if (strstr(d->name, "특별자치도"))
            snprintf(old, sizeof old, "%s도", d->shrt);
        size_t dist = edit_distance(buf, d->name), k;
        if ((k = edit_distance(buf, d->shrt)) < dist)
            dist = k;
        if (*old && (k = edit_distance(buf, old)) < dist)
            dist = k;
        if (dist == 0 || dist > limit || dist > best)
            continue;
        tie = dist == best;
        best = dist;
        found = r;
    }
    return tie ? REGION_NONE : found;
}

unsigned region_sigungu(const char *s, size_t len, size_t *rest)
{
    *rest = 0;
    unsigned mask = 0;
    for (int r = 0; r < REGION_COUNT; r++)
        if (in_list(sigungu[r], s, len, true))
            mask |= 1u << r;
    if (mask)
        return mask;
    /* "울산북구", "인천시중구", "인천광역시남동구": a 시·도 with one of its own
     * 시·군·구 glued on */
    for (int r = 0; r < REGION_COUNT; r++) {
        const char *names[2] = {regions[r].name, regions[r].shrt};
        for (int k = 0; k < 2; k++) {
            size_t n = strlen(names[k]);
            if (len <= n || memcmp(s, names[k], n) != 0)
                continue;
            if (k == 1 && len > n + 3 && (!memcmp(s + n, "시", 3) || !memcmp(s + n, "도", 3)) &&
                in_list(sigungu[r], s + n + 3, len - n - 3, false))
                n += 3;
            if (in_list(sigungu[r], s + n, len - n, false)) {
                *rest = n;
                return 1u << r;
            }
        }
    }
    return 0;
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
