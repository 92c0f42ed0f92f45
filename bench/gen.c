/* gen.c — deterministic generator of 「레전드 50⁺」 input data (projects.csv,
 * firms.csv, allocations.csv) for the sample in input/, the benchmark and the
 * end-to-end tests. A standalone tool: it uses only libc, iconv and libm, never
 * src/.
 *
 * Design. Everything random comes from one splitmix64 stream seeded by --seed,
 * and the number of draws per row never depends on the presentation options
 * (--encoding, --headers, --unit, --crlf, --shuffle-columns), so the same seed
 * gives the same data in every presentation; only --granularity, --projects,
 * --firms and --allocations change the data itself. Column shuffling uses a
 * second stream. Rows are formatted into a small scratch buffer and appended to
 * a 1 MiB output buffer that is flushed at row boundaries, through iconv when
 * the encoding is CP949 or UTF-16LE; memory is bounded by the number of firms
 * (their IDs are kept so allocations can reference them), never by the number
 * of allocations.
 *
 * The data follows ../shared/docs/domain.md: 21 projects across the 17 시·도
 * (부산, 경북, 경남, 전남 have two), L50-BS-01 is Busan's 친환경에너지 project
 * with exactly 48 participating firms (when there are at least 48 firms and
 * enough allocations) and the six instrument fields, about 100억 원 in all.
 * Each project's firms are its "pool"; the first allocations of a project
 * cover its pool once (never cancelled), later ones pick from the pool, and a
 * few firms (not Busan's 48) also appear in a second project.
 *
 * The sample in input/ was made with:
 *   build/tools/gen --seed 2024 --projects 21 --firms 1000 --allocations 5000 --out input
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------- helpers */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *gmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *gcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* splitmix64: small, fast, good enough for test data, and identical everywhere. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rnext(rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0 (multiply-shift; the bias is negligible here). */
static uint32_t rbelow(rng *r, uint32_t n)
{
    return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static double runit(rng *r) /* [0, 1) */
{
    return (double)(rnext(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rrange(rng *r, int lo, int hi) /* inclusive */
{
    return lo + (int)rbelow(r, (uint32_t)(hi - lo + 1));
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- vocabulary */

typedef struct region_info {
    const char *name, *shrt, *alt; /* official, short, another accepted form */
    const char *office[3];         /* tax office codes for business numbers */
    const char *city[6];
} region_info;

enum { SEOUL = 0, BUSAN, DAEGU, INCHEON, GWANGJU, DAEJEON, ULSAN, SEJONG, GYEONGGI, GANGWON,
       CHUNGBUK, CHUNGNAM, JEONBUK, JEONNAM, GYEONGBUK, GYEONGNAM, JEJU, NREGION };

static const region_info regions[NREGION] = {
    {"서울특별시", "서울", "서울시", {"101", "214", "220"}, {"강남구", "금천구", "구로구", "성동구", "마포구", "송파구"}},
    {"부산광역시", "부산", "부산시", {"602", "605", "617"}, {"강서구", "사상구", "사하구", "해운대구", "기장군", "녹산동"}},
    {"대구광역시", "대구", "대구시", {"502", "504", "514"}, {"달서구", "북구", "달성군", "동구", "서구", "수성구"}},
    {"인천광역시", "인천", "인천시", {"121", "131", "137"}, {"남동구", "연수구", "서구", "부평구", "계양구", "미추홀구"}},
    {"광주광역시", "광주", "광주시", {"408", "410", "419"}, {"광산구", "북구", "서구", "남구", "동구", "광산구"}},
    {"대전광역시", "대전", "대전시", {"305", "306", "314"}, {"유성구", "대덕구", "서구", "중구", "동구", "유성구"}},
    {"울산광역시", "울산", "울산시", {"610", "620", "644"}, {"울주군", "북구", "남구", "동구", "중구", "울주군"}},
    {"세종특별자치시", "세종", "세종시", {"320", "320", "320"}, {"조치원읍", "연기면", "부강면", "연서면", "전의면", "소정면"}},
    {"경기도", "경기", "경기도", {"124", "135", "142"}, {"화성시", "수원시", "성남시", "안산시", "평택시", "용인시"}},
    {"강원특별자치도", "강원", "강원도", {"221", "224", "227"}, {"춘천시", "원주시", "강릉시", "홍천군", "횡성군", "동해시"}},
    {"충청북도", "충북", "충북도", {"301", "303", "317"}, {"청주시", "충주시", "음성군", "진천군", "제천시", "괴산군"}},
    {"충청남도", "충남", "충청남도", {"307", "312", "311"}, {"천안시", "아산시", "당진시", "서산시", "논산시", "예산군"}},
    {"전북특별자치도", "전북", "전라북도", {"402", "403", "416"}, {"전주시", "군산시", "익산시", "완주군", "정읍시", "김제시"}},
    {"전라남도", "전남", "전남도", {"411", "415", "417"}, {"목포시", "여수시", "순천시", "나주시", "광양시", "영암군"}},
    {"경상북도", "경북", "경상북도", {"504", "505", "513"}, {"포항시", "구미시", "경산시", "영천시", "안동시", "경주시"}},
    {"경상남도", "경남", "경남도", {"609", "608", "615"}, {"창원시", "김해시", "진주시", "양산시", "사천시", "거제시"}},
    {"제주특별자치도", "제주", "제주도", {"616", "616", "616"}, {"제주시", "서귀포시", "제주시", "서귀포시", "제주시", "제주시"}},
};

/* Instruments (정책수단): name, relative amount factor, agency kind. */
enum { AG_KOSME, AG_TIPA, AG_TP, AG_REGION };
typedef struct instrument_info {
    const char *name;
    double factor;
    int agency;
} instrument_info;

enum { I_VOUCHER, I_EXPORT, I_FUND, I_SMART, I_REGIONAL, I_BSJOB, I_RND, I_MARKET, I_HR, I_GBJOB,
       NINSTR };
static const instrument_info instruments[NINSTR] = {
    {"중소기업 혁신바우처", 0.6, AG_KOSME},
    {"수출바우처", 0.6, AG_KOSME},
    {"중소기업 정책자금", 3.0, AG_KOSME},
    {"스마트공장", 2.0, AG_TIPA},
    {"지역 주력산업 육성", 1.2, AG_TP},
    {"부산희망고용유지 지원", 0.3, AG_REGION},
    {"기술개발(R&D)", 2.0, AG_TIPA},
    {"판로지원", 0.5, AG_TP},
    {"인력양성", 0.4, AG_TP},
    {"경북형 청년일자리 지원", 0.3, AG_REGION},
};
static const char *const agency_kosme = "중소벤처기업진흥공단";
static const char *const agency_tipa = "중소기업기술정보진흥원";

typedef struct project_info {
    const char *id;
    int region;
    const char *title, *lead, *tp; /* tp: the Technopark that runs 지역 주력산업 육성 */
    const char *phase;
    int start, end;
    int budget_eok;                /* 억 원 */
    const char *fields;
    const char *grade;
    int instr[7];                  /* -1 terminated */
} project_info;

#define TP(r) r "테크노파크"
static const project_info base_projects[] = {
    {"L50-BS-01", BUSAN, "친환경에너지 저장·공급 기자재 핵심기업 집중육성", TP("부산"), TP("부산"), "1.0", 2024, 2026, 100,
     "수소·LNG 기자재;이차전지 소재부품", "우수", {I_VOUCHER, I_EXPORT, I_FUND, I_SMART, I_REGIONAL, I_BSJOB, -1}},
    {"L50-BS-02", BUSAN, "초정밀소재부품·실버케어테크 혁신기업 육성", TP("부산"), TP("부산"), "2.0", 2025, 2026, 100,
     "초정밀소재부품;실버케어테크", "우수", {I_VOUCHER, I_EXPORT, I_RND, I_REGIONAL, I_BSJOB, -1}},
    {"L50-SE-01", SEOUL, "AI 기반 디지털헬스케어 혁신기업 육성", TP("서울"), TP("서울"), "1.0", 2024, 2026, 150,
     "디지털헬스케어;인공지능", "보통", {I_VOUCHER, I_EXPORT, I_RND, I_MARKET, -1}},
    {"L50-DG-01", DAEGU, "미래모빌리티 부품 전환 선도기업 육성", "대구광역시", TP("대구"), "1.0", 2024, 2026, 220,
     "미래모빌리티;전장부품", "보통", {I_VOUCHER, I_FUND, I_SMART, I_REGIONAL, I_RND, -1}},
    {"L50-IC-01", INCHEON, "바이오의약 소부장 공급망 강화", TP("인천"), TP("인천"), "1.0", 2024, 2026, 180,
     "바이오의약;소재부품장비", "미흡", {I_VOUCHER, I_EXPORT, I_FUND, I_RND, -1}},
    {"L50-GJ-01", GWANGJU, "AI 융합 광산업 고도화", TP("광주"), TP("광주"), "1.0", 2024, 2026, 160,
     "광융합;인공지능", "보통", {I_VOUCHER, I_EXPORT, I_SMART, I_REGIONAL, I_HR, -1}},
    {"L50-DJ-01", DAEJEON, "우주항공·방산 부품 핵심기업 육성", TP("대전"), TP("대전"), "1.0", 2024, 2026, 200,
     "우주항공;국방", "보통", {I_EXPORT, I_FUND, I_RND, I_REGIONAL, -1}},
    {"L50-US-01", ULSAN, "수소 모빌리티 부품 전환", TP("울산"), TP("울산"), "1.0", 2024, 2026, 190,
     "수소모빌리티;친환경 조선", "미흡", {I_VOUCHER, I_FUND, I_SMART, I_REGIONAL, I_HR, -1}},
    {"L50-SJ-01", SEJONG, "스마트시티 자율주행 실증기업 육성", TP("세종"), TP("세종"), "1.0", 2024, 2026, 80,
     "자율주행;스마트시티", "", {I_VOUCHER, I_RND, I_MARKET, I_REGIONAL, -1}},
    {"L50-GG-01", GYEONGGI, "반도체 소부장 글로벌 강소기업 육성", "경기도경제과학진흥원", TP("경기"), "1.0", 2024, 2026, 250,
     "반도체 소재부품장비", "보통", {I_VOUCHER, I_EXPORT, I_FUND, I_SMART, I_RND, -1}},
    {"L50-GW-01", GANGWON, "천연물 바이오소재 산업화", TP("강원"), TP("강원"), "1.0", 2024, 2026, 120,
     "천연물바이오;기능성식품", "보통", {I_VOUCHER, I_EXPORT, I_REGIONAL, I_MARKET, -1}},
    {"L50-CB-01", CHUNGBUK, "이차전지 소재부품 수출기업 육성", TP("충북"), TP("충북"), "1.0", 2024, 2026, 210,
     "이차전지;소재부품", "보통", {I_VOUCHER, I_EXPORT, I_FUND, I_SMART, I_REGIONAL, -1}},
    {"L50-CN-01", CHUNGNAM, "디스플레이 차세대 소재 전환", TP("충남"), TP("충남"), "1.0", 2024, 2026, 170,
     "디스플레이;차세대소재", "미흡", {I_VOUCHER, I_FUND, I_RND, I_REGIONAL, -1}},
    {"L50-JB-01", JEONBUK, "탄소융복합 소재 상용화", TP("전북"), TP("전북"), "1.0", 2024, 2026, 140,
     "탄소융복합;농생명", "보통", {I_VOUCHER, I_EXPORT, I_SMART, I_REGIONAL, I_MARKET, -1}},
    {"L50-JN-01", JEONNAM, "에너지신산업 분산전원 기자재 육성", TP("전남"), TP("전남"), "1.0", 2024, 2026, 160,
     "에너지신산업;분산전원", "보통", {I_VOUCHER, I_FUND, I_SMART, I_REGIONAL, I_HR, -1}},
    {"L50-JN-02", JEONNAM, "친환경 해양바이오 고부가 전환", TP("전남"), TP("전남"), "2.0", 2025, 2026, 90,
     "해양바이오", "", {I_VOUCHER, I_EXPORT, I_RND, I_REGIONAL, -1}},
    {"L50-GB-01", GYEONGBUK, "이차전지 양극재 밸류체인 강화", TP("경북"), TP("경북"), "1.0", 2024, 2026, 230,
     "이차전지;양극재", "보통", {I_VOUCHER, I_EXPORT, I_FUND, I_SMART, I_REGIONAL, I_GBJOB, -1}},
    {"L50-GB-02", GYEONGBUK, "스마트 섬유·하이테크 소재 고도화", TP("경북"), TP("경북"), "2.0", 2025, 2026, 110,
     "스마트섬유;하이테크소재", "", {I_VOUCHER, I_SMART, I_REGIONAL, I_GBJOB, -1}},
    {"L50-GN-01", GYEONGNAM, "스마트 기계부품 디지털 전환", TP("경남"), TP("경남"), "1.0", 2024, 2026, 240,
     "스마트기계;디지털전환", "보통", {I_VOUCHER, I_EXPORT, I_FUND, I_SMART, I_REGIONAL, -1}},
    {"L50-GN-02", GYEONGNAM, "항공우주 부품 국산화 선도기업 육성", TP("경남"), TP("경남"), "2.0", 2025, 2026, 130,
     "항공우주;정밀가공", "", {I_EXPORT, I_FUND, I_RND, I_REGIONAL, -1}},
    {"L50-JJ-01", JEJU, "그린수소·청정에너지 기술사업화", TP("제주"), TP("제주"), "1.0", 2024, 2026, 70,
     "그린수소;청정에너지", "미흡", {I_VOUCHER, I_EXPORT, I_REGIONAL, I_MARKET, -1}},
};
#define NBASE ((int)N_OF(base_projects))

static const char *const name_a[] = {
    "한빛", "대성", "세진", "동아", "태양", "미래", "성우", "삼영", "우진", "신화", "금강", "해동", "동양",
    "한결", "부경", "유니", "에이스", "그린", "블루", "넥스트", "대한", "신성", "한일", "영진", "청우",
    "케이", "제이에스", "에스엠", "티에스", "정우", "하나", "솔빛", "가온", "누리", "다온", "새한", "한양",
    "광명", "보성", "일진"};
static const char *const name_b[] = {
    "정밀", "테크", "산업", "기계", "에너지", "밸브", "소재", "전자", "이엔지", "시스템", "솔루션", "메디칼",
    "바이오", "케미칼", "머티리얼즈", "로보틱스", "오토텍", "하이텍", "엔지니어링", "파워텍", "금속",
    "플랜트", "인더스트리", "씨앤에스", "메탈", "랩스", "모빌리티", "화학"};
static const char *const surnames[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임",
                                       "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"};
static const char *const given[] = {"재", "규", "민", "수", "영", "호", "진", "현", "성", "철",
                                    "경", "희", "준", "우", "석", "태", "동", "상", "지", "원",
                                    "은", "혜", "정", "훈", "기", "용", "미", "숙", "광", "남"};
static const char *const industries[] = {
    "밸브 제조업", "선박 구성부분품 제조업", "축전지 제조업", "기타 전자부품 제조업",
    "의료용 기기 제조업", "응용 소프트웨어 개발 및 공급업", "금형 제조업", "플라스틱 제품 제조업",
    "자동차 부품 제조업", "일반 목적용 기계 제조업", "전동기 및 발전기 제조업", "항공기 부품 제조업",
    "기초 화학물질 제조업", "자연과학 연구개발업", "엔지니어링 서비스업", "기타 식품 제조업",
    "섬유제품 제조업", "탄소섬유 제조업", "반도체 제조용 기계 제조업", "의약품 제조업",
    "열교환기 제조업", "펌프 및 압축기 제조업"};

/* ---------------------------------------------------------------- output */

typedef enum { E_UTF8, E_UTF8BOM, E_CP949, E_UTF16LE } out_enc;

typedef struct out {
    FILE *f;
    const char *path;
    iconv_t cd;      /* (iconv_t)-1 for UTF-8 */
    char *buf;       /* UTF-8 text waiting to be written */
    size_t len, cap;
    char *conv;      /* conversion buffer */
    size_t convcap;
} out;

#define OUT_FLUSH_AT (1u << 20)

static void out_open(out *o, const char *dir, const char *name, out_enc enc)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = gmalloc(n);
    snprintf(path, n, "%s/%s", dir, name);
    o->path = path;
    o->f = fopen(path, "wb");
    if (!o->f)
        die("%s: %s", path, strerror(errno));
    o->cap = OUT_FLUSH_AT + 65536;
    o->buf = gmalloc(o->cap);
    o->len = 0;
    o->cd = (iconv_t)-1;
    o->conv = NULL;
    o->convcap = 0;
    if (enc == E_CP949 || enc == E_UTF16LE) {
        o->cd = iconv_open(enc == E_CP949 ? "CP949" : "UTF-16LE", "UTF-8");
        if (o->cd == (iconv_t)-1)
            die("iconv_open: %s", strerror(errno));
        o->convcap = o->cap * 2 + 16;
        o->conv = gmalloc(o->convcap);
    }
    if (enc == E_UTF8BOM)
        fwrite("\xEF\xBB\xBF", 1, 3, o->f);
    else if (enc == E_UTF16LE)
        fwrite("\xFF\xFE", 1, 2, o->f);
}

static void out_flush(out *o)
{
    if (!o->len)
        return;
    if (o->cd == (iconv_t)-1) {
        if (fwrite(o->buf, 1, o->len, o->f) != o->len)
            die("%s: %s", o->path, strerror(errno));
    } else {
        char *in = o->buf, *outp = o->conv;
        size_t inleft = o->len, outleft = o->convcap;
        if (iconv(o->cd, &in, &inleft, &outp, &outleft) == (size_t)-1)
            die("%s: cannot convert text at byte %zu of a block: %s", o->path,
                (size_t)(in - o->buf), strerror(errno));
        size_t n = (size_t)(outp - o->conv);
        if (fwrite(o->conv, 1, n, o->f) != n)
            die("%s: %s", o->path, strerror(errno));
    }
    o->len = 0;
}

static void out_close(out *o)
{
    out_flush(o);
    if (fclose(o->f) != 0)
        die("%s: %s", o->path, strerror(errno));
    if (o->cd != (iconv_t)-1)
        iconv_close(o->cd);
    free(o->buf);
    free(o->conv);
    free((char *)o->path);
}

/* One row being built: fields are appended to `text`, then written in the
 * column order `perm` with CSV quoting where needed. */
#define MAXCOL 16
typedef struct row {
    char text[4096];
    size_t len;
    size_t off[MAXCOL], flen[MAXCOL];
    int n;
} row;

static void row_reset(row *r)
{
    r->len = 0;
    r->n = 0;
}

static void row_addn(row *r, const char *s, size_t n)
{
    if (r->n >= MAXCOL || r->len + n >= sizeof r->text)
        die("internal: row too long");
    memcpy(r->text + r->len, s, n);
    r->off[r->n] = r->len;
    r->flen[r->n] = n;
    r->len += n;
    r->n++;
}

static void row_add(row *r, const char *s)
{
    row_addn(r, s, strlen(s));
}

static void row_addf(row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void row_addf(row *r, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        die("internal: field too long");
    row_addn(r, tmp, (size_t)n);
}

/* Fast unsigned decimal, optionally with thousands separators. */
static size_t fmt_u64(char *dst, uint64_t v, int commas)
{
    char tmp[32];
    size_t n = 0;
    int digits = 0;
    do {
        if (commas && digits && digits % 3 == 0)
            tmp[n++] = ',';
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
        digits++;
    } while (v);
    for (size_t i = 0; i < n; i++)
        dst[i] = tmp[n - 1 - i];
    return n;
}

static void row_addu(row *r, uint64_t v)
{
    char tmp[32];
    row_addn(r, tmp, fmt_u64(tmp, v, 0));
}

static void out_putn(out *o, const char *s, size_t n)
{
    if (o->len + n > o->cap)
        die("internal: output buffer overflow");
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_row(out *o, const row *r, const int *perm, const char *eol)
{
    for (int c = 0; c < r->n; c++) {
        int k = perm ? perm[c] : c;
        const char *s = r->text + r->off[k];
        size_t n = r->flen[k];
        if (c)
            out_putn(o, ",", 1);
        int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
        for (size_t i = 0; i < n && !quote; i++)
            if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
                quote = 1;
        if (!quote) {
            out_putn(o, s, n);
            continue;
        }
        out_putn(o, "\"", 1);
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '"')
                out_putn(o, "\"", 1);
            out_putn(o, s + i, 1);
        }
        out_putn(o, "\"", 1);
    }
    out_putn(o, eol, strlen(eol));
    if (o->len >= OUT_FLUSH_AT)
        out_flush(o);
}

/* ---------------------------------------------------------------- options */

typedef struct options {
    uint64_t seed;
    int nprojects;
    uint32_t nfirms;
    uint64_t nallocs;
    const char *outdir;
    out_enc enc;
    int korean;
    int64_t unit;        /* 1, 1000, 1000000 */
    int64_t granularity; /* 0 = by --unit */
    int crlf;
    int shuffle;
} options;

static void usage(void) __attribute__((noreturn));
static void usage(void)
{
    fputs("usage: gen --seed N --projects 21 --firms F --allocations A --out DIR\n"
          "           [--encoding utf8|utf8bom|cp949|utf16le] [--headers en|ko]\n"
          "           [--unit won|thousand|million] [--granularity won|thousand|million]\n"
          "           [--crlf] [--shuffle-columns]\n"
          "Writes DIR/projects.csv, DIR/firms.csv and DIR/allocations.csv. The data depends\n"
          "only on --seed, --projects, --firms, --allocations and --granularity (which\n"
          "defaults to the unit: amounts are multiples of it, or mostly of 10,000 won).\n",
          stderr);
    exit(2);
}

static int64_t parse_unit(const char *s)
{
    if (!strcmp(s, "won"))
        return 1;
    if (!strcmp(s, "thousand"))
        return 1000;
    if (!strcmp(s, "million"))
        return 1000000;
    usage();
}

static uint64_t parse_num(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        usage();
    return (uint64_t)v;
}

static void parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->nprojects = 21;
    o->nfirms = 1000;
    o->nallocs = 5000;
    o->unit = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) usage(); i++; } while (0)
        if (!strcmp(a, "--seed")) { NEEDV(); o->seed = parse_num(v); }
        else if (!strcmp(a, "--projects")) { NEEDV(); o->nprojects = (int)parse_num(v); }
        else if (!strcmp(a, "--firms")) { NEEDV(); o->nfirms = (uint32_t)parse_num(v); }
        else if (!strcmp(a, "--allocations")) { NEEDV(); o->nallocs = parse_num(v); }
        else if (!strcmp(a, "--out")) { NEEDV(); o->outdir = v; }
        else if (!strcmp(a, "--encoding")) {
            NEEDV();
            if (!strcmp(v, "utf8")) o->enc = E_UTF8;
            else if (!strcmp(v, "utf8bom")) o->enc = E_UTF8BOM;
            else if (!strcmp(v, "cp949")) o->enc = E_CP949;
            else if (!strcmp(v, "utf16le")) o->enc = E_UTF16LE;
            else usage();
        } else if (!strcmp(a, "--headers")) {
            NEEDV();
            if (!strcmp(v, "en")) o->korean = 0;
            else if (!strcmp(v, "ko")) o->korean = 1;
            else usage();
        } else if (!strcmp(a, "--unit")) { NEEDV(); o->unit = parse_unit(v); }
        else if (!strcmp(a, "--granularity")) { NEEDV(); o->granularity = parse_unit(v); }
        else if (!strcmp(a, "--crlf")) o->crlf = 1;
        else if (!strcmp(a, "--shuffle-columns")) o->shuffle = 1;
        else usage();
#undef NEEDV
    }
    if (!o->outdir || o->nprojects < 1 || o->nprojects > 999999 || o->nfirms < 1 || o->nallocs > 99999999)
        usage();
    if (!o->granularity)
        o->granularity = o->unit;
    if (o->granularity % o->unit)
        die("--granularity must be a multiple of --unit so that scaled amounts are exact");
}

/* ---------------------------------------------------------------- generation */

typedef struct project_gen {
    project_info p;
    char id[24];
    char title[160];
    double weight;         /* share of allocations */
    double per_row;        /* mean won per allocation */
    double mean_factor;    /* mean instrument factor of its instruments */
    int ninstr;
    uint32_t *pool;        /* firm indexes */
    uint32_t npool;
    uint64_t used;         /* allocations so far */
} project_gen;

typedef struct firm_gen {
    char id[11];
    int dashed;
} firm_gen;

static const char *header_unit(const options *o)
{
    switch (o->unit) {
    case 1000: return "(천원)";
    case 1000000: return "(백만원)";
    default: return o->korean ? "(원)" : "";
    }
}

static void make_perm(int *perm, int n, rng *shuf, int shuffle)
{
    for (int i = 0; i < n; i++)
        perm[i] = i;
    if (!shuffle)
        return;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rbelow(shuf, (uint32_t)i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}

static void write_header(out *f, const options *o, const char *const *en, const char *const *ko,
                         const int *is_amount, int n, const int *perm, const char *eol)
{
    row r;
    row_reset(&r);
    for (int i = 0; i < n; i++) {
        if (is_amount[i])
            row_addf(&r, "%s%s", o->korean ? ko[i] : en[i], header_unit(o));
        else
            row_add(&r, o->korean ? ko[i] : en[i]);
    }
    out_row(f, &r, perm, eol);
}

static int brn_check(const int d[9])
{
    static const int w[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    int s = 0;
    for (int i = 0; i < 9; i++)
        s += d[i] * w[i];
    s += d[8] * 5 / 10;
    return (10 - s % 10) % 10;
}

/* Open-addressing set of 10-digit numbers, to keep business numbers unique. */
typedef struct idset {
    uint64_t *v;
    size_t cap;
} idset;

static int idset_add(idset *s, uint64_t key) /* key != 0; returns 0 if present */
{
    size_t i = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (s->cap - 1);
    while (s->v[i]) {
        if (s->v[i] == key)
            return 0;
        i = (i + 1) & (s->cap - 1);
    }
    s->v[i] = key;
    return 1;
}

static void scaled(row *r, int64_t won, const options *o)
{
    row_addu(r, (uint64_t)(won / o->unit));
}

static const char *region_form(rng *g, int region)
{
    uint32_t k = rbelow(g, 100);
    if (k < 65)
        return regions[region].name;
    if (k < 90)
        return regions[region].shrt;
    return regions[region].alt;
}

static void gen_projects(const options *o, project_gen *pg, rng *shuf, const char *eol)
{
    static const char *const en[] = {"project_id", "region", "title", "lead_agency", "phase",
                                     "start_year", "end_year", "budget_krw", "fields", "grade"};
    static const char *const ko[] = {"프로젝트ID", "시도", "프로젝트명", "주관기관", "단계",
                                     "시작연도", "종료연도", "사업비", "특화분야", "평가등급"};
    static const int amount[] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
    int perm[MAXCOL];
    make_perm(perm, 10, shuf, o->shuffle);
    out f;
    out_open(&f, o->outdir, "projects.csv", o->enc);
    write_header(&f, o, en, ko, amount, 10, perm, eol);
    for (int i = 0; i < o->nprojects; i++) {
        const project_info *p = &pg[i].p;
        row r;
        row_reset(&r);
        row_add(&r, pg[i].id);
        row_add(&r, regions[p->region].name);
        row_add(&r, pg[i].title);
        row_add(&r, p->lead);
        row_add(&r, p->phase);
        row_addf(&r, "%d", p->start);
        row_addf(&r, "%d", p->end);
        scaled(&r, (int64_t)p->budget_eok * 100000000, o);
        row_add(&r, p->fields);
        row_add(&r, p->grade);
        out_row(&f, &r, perm, eol);
    }
    out_close(&f);
}

static void setup_projects(const options *o, project_gen *pg)
{
    double wsum = 0;
    for (int i = 0; i < o->nprojects; i++) {
        project_gen *g = &pg[i];
        memset(g, 0, sizeof *g);
        g->p = base_projects[i % NBASE];
        if (i < NBASE) {
            snprintf(g->id, sizeof g->id, "%s", g->p.id);
            snprintf(g->title, sizeof g->title, "%s", g->p.title);
        } else {
            /* Beyond the 21: more projects of the same regions, new phases. */
            /* L50-BS-01, L50-BS-02 → L50-BS-03, L50-BS-04, ... */
            snprintf(g->id, sizeof g->id, "%.7s%02d", g->p.id, atoi(g->p.id + 7) + 2 * (i / NBASE));
            snprintf(g->title, sizeof g->title, "%s (%d차)", g->p.title, 2 + i / NBASE);
            g->p.grade = "";
        }
        g->p.id = g->id;
        g->p.title = g->title;
        double fsum = 0;
        while (g->ninstr < 7 && g->p.instr[g->ninstr] >= 0)
            fsum += instruments[g->p.instr[g->ninstr++]].factor;
        g->mean_factor = fsum / g->ninstr;
        g->weight = g->p.budget_eok;
        wsum += g->weight;
    }
    for (int i = 0; i < o->nprojects; i++) {
        pg[i].weight /= wsum;
        double rows = pg[i].weight * (double)o->nallocs;
        /* About 97% of the budget goes out in non-cancelled rows. */
        pg[i].per_row = rows > 0 ? (double)pg[i].p.budget_eok * 1e8 * 0.985 / rows : 0;
    }
}

/* Quotas of firms per project: Busan's first project has exactly 48, the
 * rest share the remainder in proportion to the budget; then a shuffled
 * assignment so that file order mixes projects. */
static uint32_t *assign_firms(const options *o, project_gen *pg, rng *g)
{
    uint32_t nf = o->nfirms;
    uint32_t *home = gmalloc(nf * sizeof *home);
    uint32_t k = 0;
    uint32_t bs = nf < 48 ? nf : 48;
    uint32_t rest = nf - bs;
    double wrest = 1.0 - pg[0].weight;
    for (uint32_t j = 0; j < bs; j++)
        home[k++] = 0;
    for (int p = 1; p < o->nprojects && k < nf; p++) {
        uint32_t q = (uint32_t)((double)rest * pg[p].weight / (wrest > 0 ? wrest : 1));
        for (uint32_t j = 0; j < q && k < nf; j++)
            home[k++] = (uint32_t)p;
    }
    for (; k < nf; k++) /* rounding leftovers */
        home[k] = o->nprojects > 1 ? 1 + (k % (uint32_t)(o->nprojects - 1)) : 0;
    for (uint32_t i = nf - 1; i > 0; i--) {
        uint32_t j = rbelow(g, i + 1);
        uint32_t t = home[i];
        home[i] = home[j];
        home[j] = t;
    }
    for (uint32_t i = 0; i < nf; i++)
        pg[home[i]].npool++;
    for (int p = 0; p < o->nprojects; p++) {
        pg[p].pool = gmalloc((pg[p].npool ? pg[p].npool : 1) * sizeof(uint32_t));
        pg[p].npool = 0;
    }
    for (uint32_t i = 0; i < nf; i++)
        pg[home[i]].pool[pg[home[i]].npool++] = i;
    return home;
}

static void gen_firms(const options *o, project_gen *pg, const uint32_t *home, firm_gen *fg, rng *g,
                      rng *shuf, const char *eol)
{
    static const char *const en[] = {"firm_id", "name", "ceo", "region", "city",
                                     "industry", "employees", "revenue_krw", "export_krw", "founded"};
    static const char *const ko[] = {"사업자등록번호", "기업명", "대표자", "시도", "시군구",
                                     "업종", "상시근로자수", "매출액", "수출액", "설립연도"};
    static const int amount[] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 0};
    static const int capital[] = {SEOUL, GYEONGGI, INCHEON};
    static const char *const types[] = {"81", "86", "87", "88", "81", "81", "85", "01", "05", "13"};
    int perm[MAXCOL];
    make_perm(perm, 10, shuf, o->shuffle);
    out f;
    out_open(&f, o->outdir, "firms.csv", o->enc);
    write_header(&f, o, en, ko, amount, 10, perm, eol);

    idset ids;
    ids.cap = 64;
    while (ids.cap < (size_t)o->nfirms * 2)
        ids.cap <<= 1;
    ids.v = gcalloc(ids.cap, sizeof *ids.v);
    uint32_t busan_seen = 0;

    for (uint32_t i = 0; i < o->nfirms; i++) {
        const project_gen *p = &pg[home[i]];
        /* Region: mostly the project's own, some 수도권 firms. */
        int region = p->p.region;
        uint32_t rk = rbelow(g, 100);
        int from_capital = home[i] == 0 ? rk < 8 : rk < 9;
        if (from_capital)
            region = capital[rbelow(g, 3)];
        /* Business number, unique. */
        int d[10];
        for (int tries = 0;; tries++) {
            if (tries > 100000)
                die("cannot find a new business number for %s: too many firms", regions[region].name);
            const char *office = regions[region].office[rbelow(g, 3)];
            const char *type = types[rbelow(g, N_OF(types))];
            d[0] = office[0] - '0';
            d[1] = office[1] - '0';
            d[2] = office[2] - '0';
            d[3] = type[0] - '0';
            d[4] = type[1] - '0';
            uint32_t serial = rbelow(g, 10000);
            d[5] = (int)(serial / 1000);
            d[6] = (int)(serial / 100 % 10);
            d[7] = (int)(serial / 10 % 10);
            d[8] = (int)(serial % 10);
            d[9] = brn_check(d);
            uint64_t key = 1;
            for (int j = 0; j < 10; j++)
                key = key * 10 + (uint64_t)d[j];
            if (idset_add(&ids, key))
                break;
        }
        for (int j = 0; j < 10; j++)
            fg[i].id[j] = (char)('0' + d[j]);
        fg[i].id[10] = '\0';
        fg[i].dashed = rbelow(g, 100) < 93;

        /* Name. */
        char name[160];
        const char *a = name_a[rbelow(g, N_OF(name_a))];
        const char *b = name_b[rbelow(g, N_OF(name_b))];
        uint32_t form = rbelow(g, 100);
        uint32_t special = rbelow(g, 100);
        if (home[i] == 0 && busan_seen == 0 && region == BUSAN)
            snprintf(name, sizeof name, "(주)한빛정밀, 부산지점");
        else if (home[i] == 0 && busan_seen == 1 && region == BUSAN)
            snprintf(name, sizeof name, "\"대성\" 테크");
        else if (special < 2)
            snprintf(name, sizeof name, "(주)%s%s, %s지점", a, b, regions[region].shrt);
        else if (special < 4)
            snprintf(name, sizeof name, "\"%s\" %s", a, b);
        else if (form < 40)
            snprintf(name, sizeof name, "(주)%s%s", a, b);
        else if (form < 55)
            snprintf(name, sizeof name, "주식회사 %s%s", a, b);
        else if (form < 70)
            snprintf(name, sizeof name, "%s%s(주)", a, b);
        else if (form < 75)
            snprintf(name, sizeof name, "(유)%s%s", a, b);
        else
            snprintf(name, sizeof name, "%s%s", a, b);
        if (home[i] == 0 && region == BUSAN)
            busan_seen++;

        char ceo[32];
        snprintf(ceo, sizeof ceo, "%s%s%s", surnames[rbelow(g, N_OF(surnames))],
                 given[rbelow(g, N_OF(given))], given[rbelow(g, N_OF(given))]);
        int has_ceo = rbelow(g, 100) < 95;
        const char *city = regions[region].city[rbelow(g, 6)];
        int has_city = rbelow(g, 100) < 92;
        const char *industry = industries[rbelow(g, N_OF(industries))];
        int has_industry = rbelow(g, 100) < 90;
        /* Employees: skewed, 3..~600. */
        double u = runit(g);
        int64_t employees = 3 + (int64_t)(u * u * u * 600.0);
        int has_employees = rbelow(g, 100) < 96;
        /* Revenue about 1.5–3억 per employee, in whole 백만원. */
        int64_t rev_m = employees * (150 + (int64_t)rbelow(g, 151));
        int64_t revenue = rev_m * 1000000;
        int has_revenue = rbelow(g, 100) < 93;
        int64_t exports = (int64_t)((double)rev_m * runit(g) * 0.6) * 1000000;
        uint32_t ek = rbelow(g, 100);
        int has_exports = has_revenue && ek < 85;
        int founded = 1970 + (int)rbelow(g, 53);
        int has_founded = rbelow(g, 100) < 97;
        const char *rform = region_form(g, region);

        row r;
        row_reset(&r);
        if (fg[i].dashed)
            row_addf(&r, "%.3s-%.2s-%.5s", fg[i].id, fg[i].id + 3, fg[i].id + 5);
        else
            row_add(&r, fg[i].id);
        row_add(&r, name);
        row_add(&r, has_ceo ? ceo : "");
        row_add(&r, rform);
        row_add(&r, has_city ? city : "");
        row_add(&r, has_industry ? industry : "");
        if (has_employees)
            row_addu(&r, (uint64_t)employees);
        else
            row_add(&r, "");
        if (has_revenue)
            scaled(&r, revenue, o);
        else
            row_add(&r, "");
        if (has_exports)
            scaled(&r, exports, o);
        else
            row_add(&r, "");
        if (has_founded)
            row_addf(&r, "%d", founded);
        else
            row_add(&r, "");
        out_row(&f, &r, perm, eol);
    }
    free(ids.v);
    out_close(&f);
}

/* The data ends with the last complete quarter before the sample was made
 * (2026Q3), so that no support is dated after the day a report is run. */
#define DATA_END_YEAR 2026
#define DATA_END_MONTH 9

static int32_t random_date(rng *g, int y0, int y1)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = rrange(g, y0, y1 < DATA_END_YEAR ? y1 : DATA_END_YEAR);
    int m = rrange(g, 1, y == DATA_END_YEAR ? DATA_END_MONTH : 12);
    int dmax = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
    int d = rrange(g, 1, dmax);
    return y * 10000 + m * 100 + d;
}

static const char *agency_of(const project_gen *p, int instr)
{
    switch (instruments[instr].agency) {
    case AG_KOSME: return agency_kosme;
    case AG_TIPA: return agency_tipa;
    case AG_TP: return p->p.tp;
    default: return regions[p->p.region].name;
    }
}

static void gen_allocations(const options *o, project_gen *pg, const firm_gen *fg, rng *g,
                            rng *shuf, const char *eol)
{
    static const char *const en[] = {"alloc_id", "project_id", "firm_id", "instrument",
                                     "agency", "amount_krw", "date", "status"};
    static const char *const ko[] = {"지원ID", "프로젝트ID", "사업자등록번호", "정책수단",
                                     "지원기관", "지원금액", "집행일", "상태"};
    static const int amount[] = {0, 0, 0, 0, 0, 1, 0, 0};
    int perm[MAXCOL];
    make_perm(perm, 8, shuf, o->shuffle);
    out f;
    out_open(&f, o->outdir, "allocations.csv", o->enc);
    write_header(&f, o, en, ko, amount, 8, perm, eol);

    /* Cumulative project weights for picking a project per row. */
    double *cum = gmalloc((size_t)o->nprojects * sizeof *cum);
    double acc = 0;
    for (int p = 0; p < o->nprojects; p++)
        cum[p] = (acc += pg[p].weight);
    int idw = o->nallocs >= 10000000 ? 8 : 7;

    for (uint64_t k = 0; k < o->nallocs; k++) {
        /* The first project whose cumulative weight exceeds u (binary search:
         * many projects must not make every row cost O(projects)). */
        double u = runit(g) * acc;
        int p = 0, hi = o->nprojects - 1;
        while (p < hi) {
            int mid = p + (hi - p) / 2;
            if (u >= cum[mid])
                p = mid + 1;
            else
                hi = mid;
        }
        project_gen *pj = &pg[p];
        /* Firm: cover the pool first, then random from the pool; a few firms
         * (never for L50-BS-01) come from anywhere. */
        uint32_t any = rbelow(g, 100);
        uint32_t pick = rbelow(g, pj->npool ? pj->npool : 1);
        uint32_t anyfirm = rbelow(g, o->nfirms);
        int covering = pj->used < pj->npool;
        uint32_t firm;
        if (covering)
            firm = pj->pool[pj->used];
        else if (p != 0 && any < 3)
            firm = anyfirm;
        else if (pj->npool)
            firm = pj->pool[pick];
        else
            firm = anyfirm;
        pj->used++;

        int instr = pj->p.instr[rbelow(g, (uint32_t)pj->ninstr)];
        uint32_t sk = rbelow(g, 1000);
        const char *status = sk < 850 ? "집행" : sk < 970 ? "선정" : "취소";
        if (covering && sk >= 970)
            status = "집행";
        uint32_t agk = rbelow(g, 100);
        const char *agency = agk < 2 ? "" : agency_of(pj, instr);

        /* Amount: mean per project, scaled by the instrument, jittered. */
        double jitter = 0.3 + 1.4 * runit(g);
        double won = pj->per_row * instruments[instr].factor / pj->mean_factor * jitter;
        uint32_t rk = rbelow(g, 100);
        int64_t step = o->granularity > 1 ? o->granularity : rk < 90 ? 10000 : rk < 98 ? 1000 : 10;
        int64_t amt = (int64_t)(won / (double)step + 0.5) * step;
        if (amt < step)
            amt = step;
        uint32_t fk = rbelow(g, 1000); /* amount text form */

        int32_t date = random_date(g, pj->p.start, pj->p.end);
        uint32_t dk = rbelow(g, 100);
        int firm_dashes = fg[firm].dashed ? rbelow(g, 100) < 97 : rbelow(g, 100) < 10;

        row r;
        row_reset(&r);
        row_addf(&r, "A%0*llu", idw, (unsigned long long)(k + 1));
        row_add(&r, pj->p.id);
        if (firm_dashes)
            row_addf(&r, "%.3s-%.2s-%.5s", fg[firm].id, fg[firm].id + 3, fg[firm].id + 5);
        else
            row_add(&r, fg[firm].id);
        row_add(&r, instruments[instr].name);
        row_add(&r, agency);
        {
            char tmp[48];
            uint64_t v = (uint64_t)(amt / o->unit);
            size_t n;
            if (fk < 20) { /* "12,340,000" */
                n = fmt_u64(tmp, v, 1);
            } else if (fk < 30) { /* 12340000원 */
                n = fmt_u64(tmp, v, 0);
                memcpy(tmp + n, "원", strlen("원"));
                n += strlen("원");
            } else {
                n = fmt_u64(tmp, v, 0);
            }
            row_addn(&r, tmp, n);
        }
        int y = date / 10000, m = date / 100 % 100, d = date % 100;
        if (dk < 80)
            row_addf(&r, "%04d-%02d-%02d", y, m, d);
        else if (dk < 85)
            row_addf(&r, "%04d.%02d.%02d", y, m, d);
        else if (dk < 90)
            row_addf(&r, "%04d. %d. %d.", y, m, d);
        else if (dk < 95)
            row_addf(&r, "%04d/%02d/%02d", y, m, d);
        else
            row_addf(&r, "%04d%02d%02d", y, m, d);
        row_add(&r, status);
        out_row(&f, &r, perm, eol);
    }
    free(cum);
    out_close(&f);
}

int main(int argc, char **argv)
{
    options o;
    parse_options(argc, argv, &o);
    mkdir(o.outdir, 0777); /* fine if it exists; fopen reports real problems */
    const char *eol = o.crlf ? "\r\n" : "\n";
    rng g = {o.seed * UINT64_C(0x2545F4914F6CDD1D) + 1};
    rng shuf = {o.seed ^ UINT64_C(0x5DEECE66DA3B1F07)};

    project_gen *pg = gcalloc((size_t)o.nprojects, sizeof *pg);
    setup_projects(&o, pg);
    gen_projects(&o, pg, &shuf, eol);
    uint32_t *home = assign_firms(&o, pg, &g);
    firm_gen *fg = gmalloc((size_t)o.nfirms * sizeof *fg);
    gen_firms(&o, pg, home, fg, &g, &shuf, eol);
    gen_allocations(&o, pg, fg, &g, &shuf, eol);
    for (int p = 0; p < o.nprojects; p++)
        free(pg[p].pool);
    free(pg);
    free(home);
    free(fg);
    return 0;
}
