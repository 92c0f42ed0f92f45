/* test_summary.c — the terminal summary: titles cut by display width, every
 * table aligned by display width (Korean counts two columns), totals taken
 * from the figures, and JSON mode printing exactly the model's JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_ini.h"
#include "korean.h"
#include "report_model.h"
#include "summary.h"

void fit_width(strbuf *b, const char *s, int max);

static void test_fit_width(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int max;
        const char *want;
    } cases[] = {
        {"abc", 3, "abc"},       {"abcd", 3, "ab…"},       {"가나다라", 8, "가나다라"},
        {"가나다라", 7, "가나다…"}, {"가나다라", 6, "가나…"}, {"가나", 3, "가…"},
        {"a가b", 3, "a…"},       {"", 2, ""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        strbuf b = {0};
        fit_width(&b, cases[k].in, cases[k].max);
        assert_string_equal(sb_str(&b), cases[k].want);
        assert_true(utf8_width(b.s ? b.s : "", b.len) <= cases[k].max);
        sb_free(&b);
    }
}

static project projects[2] = {
    {.id = "L50-BS-01", .title = "친환경에너지 저장·공급 기자재 핵심기업 집중육성 프로젝트", .region = 1, .budget = 1000},
    {.id = "P2", .title = "짧은 제목", .region = 8, .budget = WON_ABSENT},
};
static firm firms[2] = {
    {.id = "6028112345", .name = "(주)엠티에이치", .region = 1, .revenue = 1000, .exports = 10, .employees = -1},
    {.id = "1234567890", .name = "A", .region = 0, .revenue = WON_ABSENT, .exports = WON_ABSENT, .employees = -1},
};
static const char *instruments[2] = {"수출바우처", "R&D"};
static allocation allocs[4] = {
    {.id = "a", 0, 0, 0, NO_INDEX, 123456789, 20250101, ALLOC_EXECUTED, 2},
    {.id = "b", 1, 1, 1, NO_INDEX, 5, 20250102, ALLOC_SELECTED, 3},
    {.id = "c", 0, 1, 1, NO_INDEX, 1000, 20250103, ALLOC_EXECUTED, 4},
    {.id = "d", 1, 0, 0, NO_INDEX, 77, 20250104, ALLOC_CANCELLED, 5},
};

static char *run_summary(bool json, char **model_json)
{
    dataset ds = {.projects = projects, .nprojects = 2, .firms = firms, .nfirms = 2, .allocs = allocs,
                  .nallocs = 4, .instruments = instruments, .ninstruments = 2};
    ds.files[SRC_FIRMS] = (source_file){.path = "input/firms.csv", .encoding = ENC_CP949, .rows = 2, .bytes = 1234};
    config cfg;
    config_defaults(&cfg);
    period per = {.all = true};
    strcpy(per.label, "all");
    figures fig;
    aggregate(&ds, &per, &fig);
    arena a = {0};
    value *model = report_model(&a, &cfg, &ds, &fig, 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(summary_print(f, &cfg, &ds, &fig, model, json, NULL), 0);
    fclose(f);
    if (model_json) {
        strbuf b = {0};
        val_to_json(model, &b);
        *model_json = sb_take(&b);
    }
    arena_free(&a);
    figures_free(&fig);
    config_free(&cfg);
    return text;
}

static void test_tables_aligned(void **state)
{
    (void)state;
    char *text = run_summary(false, NULL);
    /* Each table: a "[title]" line, then header, rules, rows: all of one display width. */
    int tables = 0;
    char *save = NULL;
    int want = -1;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '[') {
            tables++;
            want = -1;
            continue;
        }
        if (tables == 0 || strncmp(line, "취소", strlen("취소")) == 0)
            continue;
        int w = utf8_width(line, strlen(line));
        if (want < 0)
            want = w;
        else if (w != want)
            fail_msg("table %d: line of width %d, expected %d: '%s'", tables, w, want, line);
    }
    assert_int_equal(tables, 6);
    free(text);

    text = run_summary(false, NULL);
    /* amounts grouped, the cut title, the cancelled line, the CP949 input */
    assert_non_null(strstr(text, "123,457,794")); /* 123,456,789 + 5 + 1,000: the total */
    assert_non_null(strstr(text, "…"));
    assert_non_null(strstr(text, "취소(집계 제외): 1건, 77원"));
    assert_non_null(strstr(text, "CP949"));
    assert_null(strstr(text, "집중육성 프로젝트"));
    free(text);
}

static void test_json_mode(void **state)
{
    (void)state;
    char *want = NULL;
    char *text = run_summary(true, &want);
    assert_string_equal(text, want);
    free(text);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_width),
        cmocka_unit_test(test_tables_aligned),
        cmocka_unit_test(test_json_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
