/* test_config.c — config.ini: typed values, every bad value reported, BOM
 * files, contacts, and that the shipped config.ini equals the defaults. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "config.h"
#include "config_ini.h"
#include "exitcodes.h"
#include "render.h"

bool config_parse_int(const char *s, int64_t *out);
int config_parse_bool(const char *s);

static char *write_tmp(const char *text)
{
    char *name = strdup("/tmp/smr-config-test-XXXXXX");
    int fd = mkstemp(name);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return name;
}

/* near_name: the hint behind "did you mean" for settings and options. */
static void test_near_name(void **state)
{
    (void)state;
    static const char *const keys[] = {"unit", "period", "programme", "timezone", NULL, "contact1", "jobs"};
    const size_t n = sizeof keys / sizeof *keys;
    assert_string_equal(near_name("unti", keys, n, 0), "unit");       /* two neighbours swapped */
    assert_string_equal(near_name("uni", keys, n, 0), "unit");        /* one dropped */
    assert_string_equal(near_name("perriod", keys, n, 0), "period");  /* one added */
    assert_string_equal(near_name("programe", keys, n, 0), "programme");
    assert_string_equal(near_name("timezon", keys, n, 0), "timezone");
    assert_string_equal(near_name("jbos", keys, n, 0), "jobs");
    assert_null(near_name("unit", keys, n, 0));                       /* a name, not a typo */
    assert_null(near_name("colour", keys, n, 0));                     /* nothing near */
    assert_null(near_name("xy", keys, n, 0));
    assert_null(near_name("contact7", keys, n, 0));                   /* another number */
    assert_null(near_name("ab", keys, 0, 0));
    /* two edits are near only in a name of six characters or more */
    assert_string_equal(near_name("timzeon", keys, n, 0), "timezone");
    assert_string_equal(near_name("unot", (const char *const[]){"unit"}, 1, 0), "unit");
    assert_null(near_name("nuti", (const char *const[]){"unit"}, 1, 0)); /* two edits in four */
    /* two names as near: no guess; a bound of one edit */
    static const char *const ids[] = {"L50-BS-01", "L50-US-01", "L50-GN-01"};
    assert_null(near_name("L50-XX-01", ids, 3, 0));
    assert_string_equal(near_name("L50-SB-01", ids, 3, 1), "L50-BS-01");
    assert_null(near_name("L50-BS-10", ids, 3, 1)); /* digits only: another project */
    assert_null(near_name("L50-UB-10", ids, 3, 1));
    /* names longer than the distance table are never matched */
    char longname[80];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_null(near_name(longname, (const char *const[]){longname + 1}, 1, 0));
}

static void test_parse_int(void **state)
{
    (void)state;
    static const struct { const char *in; bool ok; int64_t v; } cases[] = {
        {"0", true, 0},         {"12", true, 12},      {" 42 ", true, 42},
        {"010", true, 10},      /* base 10, not octal as iniparser's getint would read it */
        {"-5", true, -5},       {"12abc", false, 0},   {"abc", false, 0},
        {"", false, 0},         {"0x10", false, 0},    {"99999999999999999999", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t v = -1;
        bool ok = config_parse_int(cases[i].in, &v);
        assert_int_equal(ok, cases[i].ok);
        if (ok)
            assert_int_equal(v, cases[i].v);
    }
}

static void test_parse_bool(void **state)
{
    (void)state;
    assert_int_equal(config_parse_bool("yes"), 1);
    assert_int_equal(config_parse_bool("TRUE"), 1);
    assert_int_equal(config_parse_bool("1"), 1);
    assert_int_equal(config_parse_bool("no"), 0);
    assert_int_equal(config_parse_bool("off"), 0);
    assert_int_equal(config_parse_bool("yesterday"), -1); /* iniparser would read 'y' as true */
    assert_int_equal(config_parse_bool(""), -1);
}

static void test_load_values(void **state)
{
    (void)state;
    char *p = write_tmp("[input]\ndir = data\nencoding = cp949\n"
                        "[output]\nxlsx = no\nkeep_runs = 3\n"
                        "[report]\nperiod = 2025Q3\nunit = 억원\n"
                        "[release]\ncontact1 = 책임자 | 과장 | 홍길동 | 044-000-0000\ncontact2 =\n"
                        "contact3 =\n"
                        "[limits]\nsheet_max_rows = 10\nmax_diagnostics = 0\n");
    config c;
    config_defaults(&c);
    assert_int_equal(config_load(&c, p), EXIT_OK);
    assert_string_equal(c.input_dir, "data");
    assert_int_equal(c.encoding, ENC_CP949);
    assert_false(renderer_enabled(&c, "xlsx"));
    assert_true(renderer_enabled(&c, "pdf"));
    assert_int_equal(c.keep_runs, 3);
    assert_string_equal(c.period.label, "2025Q3");
    assert_int_equal(c.period.from, 20250701);
    assert_int_equal(c.period.to, 20250930);
    assert_int_equal(c.unit, UNIT_HUNDRED_MILLION);
    assert_int_equal(c.ncontacts, 1);
    assert_string_equal(c.contacts[0].name, "홍길동");
    assert_string_equal(c.contacts[0].phone, "044-000-0000");
    assert_int_equal(c.sheet_max_rows, 10);
    assert_int_equal(c.max_diagnostics, 0);
    config_free(&c);
    unlink(p);
    free(p);
}

static void test_bad_values_all_reported(void **state)
{
    (void)state;
    char *p = write_tmp("[output]\nxlsx = maybe\nkeep_runs = 0\n"
                        "[report]\nperiod = 2025Q5\nunit = 만원\n"
                        "[limits]\njobs = 2x\n"
                        "[release]\ncontact1 = 과장 | 홍길동\n");
    config c;
    config_defaults(&c);
    fflush(stderr);
    assert_int_equal(config_load(&c, p), EXIT_CONFIG);
    /* Good values elsewhere are untouched; bad ones keep their defaults. */
    assert_true(renderer_enabled(&c, "xlsx"));
    assert_int_equal(c.keep_runs, 10);
    assert_int_equal(c.jobs, 2);
    config_free(&c);
    unlink(p);
    free(p);
}

static void test_bom_and_missing(void **state)
{
    (void)state;
    char *p = write_tmp("\xEF\xBB\xBF[report]\nunit = won\n");
    config c;
    config_defaults(&c);
    assert_int_equal(config_load(&c, p), EXIT_OK);
    assert_int_equal(c.unit, UNIT_WON);
    config_free(&c);
    unlink(p);
    free(p);

    config_defaults(&c);
    assert_int_equal(config_load(&c, "/nonexistent/config.ini"), EXIT_CONFIG);
    config_free(&c);
}

static void test_syntax_error(void **state)
{
    (void)state;
    char *p = write_tmp("[report]\nthis line has no equals sign\n");
    config c;
    config_defaults(&c);
    assert_int_equal(config_load(&c, p), EXIT_CONFIG);
    config_free(&c);
    unlink(p);
    free(p);
}

/* The shipped config.ini documents the defaults: loading it changes nothing. */
static void test_shipped_config_matches_defaults(void **state)
{
    (void)state;
    config d, c;
    config_defaults(&d);
    config_defaults(&c);
    assert_int_equal(config_load(&c, "config.ini"), EXIT_OK);
    assert_string_equal(c.input_dir, d.input_dir);
    assert_string_equal(c.output_dir, d.output_dir);
    assert_string_equal(c.workbook_name, d.workbook_name);
    assert_string_equal(c.period.label, d.period.label);
    assert_int_equal(c.unit, d.unit);
    assert_int_equal(c.ncontacts, d.ncontacts);
    for (int i = 0; i < c.ncontacts; i++)
        assert_string_equal(c.contacts[i].name, d.contacts[i].name);
    assert_string_equal(c.font_sans, d.font_sans);
    assert_int_equal(c.max_diagnostics, d.max_diagnostics);
    assert_int_equal(c.sheet_max_rows, d.sheet_max_rows);
    assert_int_equal(c.jobs, d.jobs);
    assert_true(c.xlsx_memory == d.xlsx_memory);
    assert_int_equal(c.keep_runs, d.keep_runs);
    config_free(&c);
    config_free(&d);
}

/* [output] has one yes/no switch per renderer, named as in renderers[]: each
 * turns off exactly its own renderer, and every renderer is on by default. */
static void test_output_switch_per_renderer(void **state)
{
    (void)state;
    config c;
    config_defaults(&c);
    for (size_t i = 0; i < renderer_count; i++)
        assert_true(renderer_enabled(&c, renderers[i]->name));
    config_free(&c);
    for (size_t i = 0; i < renderer_count; i++) {
        char *text = xasprintf("[output]\n%s = no\n", renderers[i]->name);
        char *p = write_tmp(text);
        config_defaults(&c);
        assert_int_equal(config_load(&c, p), EXIT_OK);
        for (size_t k = 0; k < renderer_count; k++)
            assert_int_equal(renderer_enabled(&c, renderers[k]->name), k != i);
        config_free(&c);
        unlink(p);
        free(p);
        free(text);
    }
    assert_false(renderer_enabled(&c, "no-such-format"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_near_name),
        cmocka_unit_test(test_parse_int),
        cmocka_unit_test(test_parse_bool),
        cmocka_unit_test(test_load_values),
        cmocka_unit_test(test_bad_values_all_reported),
        cmocka_unit_test(test_bom_and_missing),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_shipped_config_matches_defaults),
        cmocka_unit_test(test_output_switch_per_renderer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
