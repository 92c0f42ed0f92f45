/* test_template.c — the template language as tables: template text → output
 * for a small model, and broken templates → the exact diagnostics, in the
 * `file:line:col: error: message` form main prints. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "korean.h"
#include "template.h"

/* A small model shaped like docs/template-model.md. */
static value *model(arena *a)
{
    value *root = val_map(a);
    value *prog = val_map(a);
    val_set_str(a, prog, "name", "레전드 50⁺");
    val_set(a, root, "programme", prog);
    value *per = val_map(a);
    val_set_str(a, per, "text", "2025년 3분기");
    val_set_int(a, per, "to", 20250930);
    val_set(a, root, "period", per);
    value *tot = val_map(a);
    val_set_int(a, tot, "projects", 21);
    val_set_int(a, tot, "firms", 1000);
    val_set_int(a, tot, "amount", 10012345678);
    val_set(a, root, "totals", tot);

    value *p = val_map(a);
    val_set_str(a, p, "title", "친환경에너지 저장·공급 기자재 핵심기업 집중육성");
    val_set_str(a, p, "region_short", "부산");
    val_set_str(a, p, "lead_agency", "부산테크노파크");
    val_set_str(a, p, "grade", NULL);
    val_set_int(a, p, "firms", 48);
    val_set_int(a, p, "amount", 9876543210);
    val_set_real(a, p, "exec_rate", 0.8765);
    val_set_int(a, p, "start_year", 2024);
    value *fields = val_list(a);
    val_push(a, fields, val_str(a, "수출바우처"));
    val_push(a, fields, val_str(a, "스마트공장"));
    val_push(a, fields, val_str(a, "정책자금"));
    val_set(a, p, "fields", fields);
    val_set_int(a, p, "nfields", 3);
    value *ins = val_list(a);
    const char *names[] = {"스마트공장", "수출바우처"};
    int64_t amounts[] = {600000000, 350000000};
    for (int i = 0; i < 2; i++) {
        value *m = val_map(a);
        val_set_str(a, m, "name", names[i]);
        val_set_int(a, m, "amount", amounts[i]);
        val_push(a, ins, m);
    }
    val_set(a, p, "instruments", ins);
    val_set(a, p, "empty", val_list(a));
    val_set_str(a, p, "pipe", "A|B\nC");
    val_set(a, root, "project", p);
    return root;
}

static char *render_text(const char *tpl, diag_list *d, display_unit unit)
{
    arena a = {0};
    template *t = tpl_parse("t.tpl", tpl, strlen(tpl), d);
    char *res = NULL;
    if (t) {
        strbuf out = {0};
        if (tpl_render(t, model(&a), unit, &out, d))
            res = sb_take(&out);
        sb_free(&out);
    }
    tpl_free(t);
    arena_free(&a);
    return res;
}

static void test_render(void **state)
{
    static const struct {
        const char *tpl, *want;
    } cases[] = {
        {"plain text\n", "plain text\n"},
        {"{{ project.lead_agency }}", "부산테크노파크"},
        {"{{project.lead_agency|은}}", "부산테크노파크는"},
        {"{{ project.lead_agency | 과 }} {{ project.region_short | 으로 }}", "부산테크노파크와 부산으로"},
        {"{{ project.lead_agency | josa:\"이/가\" }}", "부산테크노파크가"},
        {"{{ project.firms | count:\"개 사\" | 이 }}", "48개 사가"},
        {"{{ totals.firms | num }}", "1,000"},
        {"{{ project.amount | money }}", "98억 7654만 원"},
        {"{{ totals.amount | eok }} / {{ totals.amount | approx | 을 }}", "약 100억 원 / 약 100억 원을"},
        {"{{ project.amount | unit }}", "9,877"},
        {"{{ period.to | date }} {{ period.to | md }} {{ period.to | fulldate }}",
         "2025. 9. 30. 9. 30.(화) 2025. 9. 30.(화)"},
        {"{{ project.exec_rate | pct }} {{ project.exec_rate | pct0 }} {{ project.exec_rate | pct2 }}",
         "87.7% 88% 87.65%"},
        {"{{ project.fields | join:\"·\" }}", "수출바우처·스마트공장·정책자금"},
        {"{{ project.fields | join }}", "수출바우처, 스마트공장, 정책자금"},
        {"{{ project.fields | length }}", "3"},
        {"[{{ project.grade }}]", "[]"},
        {"{{ project.grade | default:\"없음\" }}", "없음"},
        {"{{ project.grade | money | default:\"-\" }}", "-"},
        {"{{ project.pipe | cell }}", "A\\|B C"},
        {"{{ \"literal\" | 은 }} {{ 2024 | num }}", "literal은 2,024"},
        {"{{ programme.name | 을 }}", "레전드 50⁺를"},
        {"{{ project.fields.0 }}", "수출바우처"},
        {"{{ programme.name | quote | 는 }}", "「레전드 50⁺」는"},
        {"{{ project.region_short | sido | 와 }} {{ \"경기도\" | sido }} {{ \"세종특별자치시\" | sido }} {{ \"강원특별자치도\" | sido }} {{ \"충청북도\" | sido }} {{ \"해외\" | sido }} {{ \"전라북도\" | sido | 는 }}",
         "부산시와 경기도 세종시 강원특별자치도 충북도 해외 전북특별자치도는"},
        /* loops */
        {"{% for f in project.fields %}{{ loop.index }}.{{ f }}{% if not loop.last %}, {% endif %}{% endfor %}",
         "1.수출바우처, 2.스마트공장, 3.정책자금"},
        {"{% for i in project.instruments %}\n| {{ i.name }} | {{ i.amount | unit }} |\n{% endfor %}\n",
         "| 스마트공장 | 600 |\n| 수출바우처 | 350 |\n"},
        {"{% for i in project.instruments %}{% if loop.first %}[{{ loop.length }}]{% endif %}{{ i.name }}{% endfor %}",
         "[2]스마트공장수출바우처"},
        {"{% for x in project.empty %}never{% endfor %}done", "done"},
        {"{% for f in project.fields %}{% for i in project.instruments %}{% if loop.index == 1 %}{{ f }}{% endif %}{% endfor %}{% endfor %}",
         "수출바우처스마트공장정책자금"},
        /* conditions */
        {"{% if project.grade %}grade{% else %}none{% endif %}", "none"},
        {"{% if project.firms > 40 %}big{% elif project.firms > 10 %}mid{% else %}small{% endif %}", "big"},
        {"{% if project.firms > 100 %}big{% elif project.firms > 10 %}mid{% else %}small{% endif %}", "mid"},
        {"{% if project.region_short == \"부산\" %}yes{% endif %}", "yes"},
        {"{% if project.region_short != \"부산\" %}yes{% else %}no{% endif %}", "no"},
        {"{% if project.grade == \"우수\" %}A{% else %}B{% endif %}", "B"},
        {"{% if not project.empty %}empty{% endif %}", "empty"},
        /* a literal on the left (found by fuzz/template: it was resolved as a path) */
        {"{% if 100 > project.firms %}few{% else %}many{% endif %}", "few"},
        {"{% if 0 < 1 %}yes{% endif %}", "yes"},
        {"{% if \"부산\" == project.region_short %}yes{% endif %}", "yes"},
        /* standalone lines vanish; inline tags keep their line */
        {"a\n  {% if project.firms %}\nb\n  {% endif %}\nc\n", "a\nb\nc\n"},
        {"a\n{# a comment #}\nb\n", "a\nb\n"},
        {"a\n{# one #} {% if project.grade %}\nx\n{% endif %}{# two #}\nb", "a\nb"},
        {"○ {% if project.firms %}yes{% endif %}\nnext\n", "○ yes\nnext\n"},
        {"x {{ project.firms }}{% if project.grade %}!{% endif %}\ny", "x 48\ny"},
        {"{# multi\nline #}\nz", "z"},
        {"{{ \"{{\" }} literal {{ \"}}\" }}", "{{ literal }}"},
        {"{{ project.grade | default:\"%}\" }}", "%}"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        diag_list d = {0};
        char *got = render_text(cases[i].tpl, &d, UNIT_MILLION);
        if (!got || strcmp(got, cases[i].want))
            fail_msg("case %zu: %s\n got: [%s]\nwant: [%s]\n diag: %s", i, cases[i].tpl, got ? got : "(failed)",
                     cases[i].want, d.n ? d.v[0].msg : "");
        assert_int_equal(diag_errors(&d), 0);
        free(got);
        diag_free(&d);
    }
}

/* Diagnostics joined as main prints them. */
static char *diags_text(const diag_list *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    diag_print(d, f);
    fclose(f);
    return buf;
}

static void test_errors(void **state)
{
    static const struct {
        const char *tpl, *want;
    } cases[] = {
        /* parse */
        {"a {{ project.title", "t.tpl:1:3: error: unclosed \"{{\": no \"}}\" after it\n"},
        {"x\n  {% if project.grade\n", "t.tpl:2:3: error: unclosed \"{%\": no \"%}\" after it\n"},
        {"{% frobnicate %}", "t.tpl:1:1: error: unknown tag \"frobnicate\"\n"},
        {"a\n{% endfor %}", "t.tpl:2:1: error: \"endfor\" without a matching \"for\"\n"},
        {"{% else %}", "t.tpl:1:1: error: \"else\" without a matching \"if\"\n"},
        {"l1\n  {% for f in project.fields %}\n{{ f }}\n",
         "t.tpl:2:3: error: unclosed \"for\": no \"endfor\" before the end of the file\n"},
        {"{% if project.grade %}\nx\n{% for f in project.fields %}{% endfor %}",
         "t.tpl:1:1: error: unclosed \"if\": no \"endif\" before the end of the file\n"},
        {"{{ project.firms | }}", "t.tpl:1:20: error: expected a filter name after \"|\"\n"},
        {"{{ project.firms | nonesuch }}", "t.tpl:1:20: error: unknown filter \"nonesuch\"\n"},
        {"{{ project.firms | count }}", "t.tpl:1:20: error: filter \"count\" needs an argument, e.g. count:\"…\"\n"},
        {"{{ project.firms | num:\"x\" }}", "t.tpl:1:20: error: filter \"num\" takes no argument\n"},
        {"{{ project.firms | josa:\"의/를\" }}",
         "t.tpl:1:20: error: josa:\"의/를\" is not a known particle (e.g. josa:\"은/는\")\n"},
        {"{{ project.firms project }}", "t.tpl:1:18: error: expected \"|\" or the end of the tag, found \"p\"\n"},
        {"{{ }}", "t.tpl:1:4: error: expected a name or a literal\n"},
        {"{% for in project.fields %}{% endfor %}", "t.tpl:1:8: error: expected a variable name after \"for\"\n"},
        {"{% for x of project.fields %}{% endfor %}", "t.tpl:1:10: error: expected \"in\" in \"for x in LIST\"\n"},
        {"{% if a === \"x\" %}{% endif %}", "t.tpl:1:11: error: expected a value to compare with, found \"=\"\n"},
        {"{% if not a or b %}{% endif %}", "t.tpl:1:13: error: unexpected \"o\" after the condition\n"},
        {"{{ \"abc }}", "t.tpl:1:4: error: unterminated string literal\n"},
        /* several errors are all reported */
        {"{% bad1 %}\n{{ x | nope }}\n",
         "t.tpl:1:1: error: unknown tag \"bad1\"\nt.tpl:2:8: error: unknown filter \"nope\"\n"},
        /* render */
        {"\n\n   {{ project.titel }}", "t.tpl:3:7: error: unknown name \"project.titel\"\n"},
        {"{{ nothing }}", "t.tpl:1:4: error: unknown name \"nothing\"\n"},
        {"{{ project.fields.9 }}",
         "t.tpl:1:4: error: unknown name \"project.fields.9\" (\"9\" is not an index of the list)\n"},
        {"{{ project.title | money }}", "t.tpl:1:20: error: filter \"money\" expects an integer, got text\n"},
        {"{{ project.firms | count:\"개\" | num }}",
         "t.tpl:1:32: error: filter \"num\" expects an integer, got text\n"},
        {"{{ project.title | join }}", "t.tpl:1:20: error: filter \"join\" expects a list, got text\n"},
        {"{{ project.instruments | join }}",
         "t.tpl:1:26: error: filter \"join\" expects a list of texts, got a list of maps\n"},
        {"{{ project.fields }}", "t.tpl:1:1: error: cannot print a list; use a filter such as join or length\n"},
        {"{% for x in project.title %}{% endfor %}",
         "t.tpl:1:13: error: \"for\" over \"project.title\", which is a text, not a list\n"},
        {"{% if project.title > 3 %}{% endif %}",
         "t.tpl:1:7: error: cannot compare text \"project.title\" with integer\n"},
        /* inside a loop: reported once, not once per item */
        {"{% for f in project.fields %}{{ f.name }}{% endfor %}", "t.tpl:1:33: error: unknown name \"f.name\"\n"},
        {"{{ loop.index }}", "t.tpl:1:4: error: unknown name \"loop.index\"\n"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        diag_list d = {0};
        char *got = render_text(cases[i].tpl, &d, UNIT_MILLION);
        char *msgs = diags_text(&d);
        if (got || strcmp(msgs, cases[i].want))
            fail_msg("case %zu: %s\n got: [%s] output [%s]\nwant: [%s]", i, cases[i].tpl, msgs, got ? got : "",
                     cases[i].want);
        free(msgs);
        diag_free(&d);
    }
}

#define S_TPL "x {{ project.nonesuch }}"

static void test_render_keeps_output_on_failure(void **state)
{
    diag_list d = {0};
    arena a = {0};
    template *t = tpl_parse("t.tpl", S_TPL, sizeof S_TPL - 1, &d);
    assert_non_null(t);
    strbuf out = {0};
    sb_adds(&out, "before|");
    assert_false(tpl_render(t, model(&a), UNIT_WON, &out, &d));
    assert_string_equal(sb_str(&out), "before|");
    assert_int_equal(diag_errors(&d), 1);
    /* Rendered again (the next project): the same mistake is not listed twice. */
    assert_false(tpl_render(t, model(&a), UNIT_WON, &out, &d));
    assert_int_equal(d.n, 1);
    sb_free(&out);
    tpl_free(t);
    arena_free(&a);
    diag_free(&d);
}

static void test_load(void **state)
{
    diag_list d = {0};
    assert_null(tpl_load("/nonexistent/x.tpl", &d));
    assert_int_equal(diag_errors(&d), 1);
    assert_string_equal(d.v[0].file, "/nonexistent/x.tpl");
    diag_free(&d);

    char path[] = "/tmp/test_template_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("\xEF\xBB\xBF{{ project.lead_agency | 은 }}\n", f);
    fclose(f);
    template *t = tpl_load(path, &d);
    assert_non_null(t);
    arena a = {0};
    strbuf out = {0};
    assert_true(tpl_render(t, model(&a), UNIT_WON, &out, &d));
    assert_string_equal(sb_str(&out), "부산테크노파크는\n");
    tpl_free(t);
    sb_free(&out);
    arena_free(&a);

    f = fopen(path, "w");
    fputs("ok\nbad \xFF byte\n", f);
    fclose(f);
    assert_null(tpl_load(path, &d));
    assert_int_equal(d.v[0].line, 2);
    assert_int_equal(d.v[0].col, 5);
    unlink(path);
    diag_free(&d);
}

/* A release-sized template (a 500-row table) renders every row, repeatedly,
 * from one parsed template. (Speed is measured by make bench, not here.) */
static void test_large_table(void **state)
{
    arena a = {0};
    value *root = model(&a);
    value *p = (value *)val_get(root, "project");
    value *list = val_list(&a);
    for (int i = 0; i < 500; i++) {
        value *m = val_map(&a);
        val_set_str(&a, m, "name", "주식회사 테스트기업");
        val_set_int(&a, m, "amount", 12345678 + i);
        val_push(&a, list, m);
    }
    val_set(&a, p, "instruments", list);
    const char *src = "@table No | 기업명 | 금액\n{% for i in project.instruments %}\n| {{ loop.index }} | "
                      "{{ i.name | 은 }} | {{ i.amount | unit }} |\n{% endfor %}\n@end\n";
    diag_list d = {0};
    template *t = tpl_parse("t.tpl", src, strlen(src), &d);
    assert_non_null(t);
    strbuf out = {0};
    size_t first_len = 0;
    for (int k = 0; k < 3; k++) {
        sb_reset(&out);
        assert_true(tpl_render(t, root, UNIT_THOUSAND, &out, &d));
        if (k == 0)
            first_len = out.len;
        assert_int_equal(out.len, first_len); /* the same output every time */
    }
    assert_true(strstr(out.s, "| 1 | 주식회사 테스트기업은 | 12,346 |\n") != NULL);
    assert_true(strstr(out.s, "| 500 | 주식회사 테스트기업은 | 12,346 |\n") != NULL);
    assert_int_equal(d.n, 0);
    sb_free(&out);
    tpl_free(t);
    arena_free(&a);
    diag_free(&d);
}

/* Every particle of korean.h's one list works as a filter by either form and
 * by name in josa:, agreeing as kparticle says; docs/templates.md's filter
 * table lists every pair of the list and no particle outside it. */
static void test_particle_list(void **state)
{
    (void)state;
    static const struct {
        const char *cons, *vowel;
    } list[] = {
#define ROW(cons, vowel, rieul) {cons, vowel},
        KPARTICLES(ROW)
#undef ROW
    };
    static const struct {
        const char *path, *text;
    } words[] = {{"project.lead_agency", "부산테크노파크"}, {"project.region_short", "부산"}};
    FILE *f = fopen("docs/templates.md", "r");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    strbuf doc = {0};
    char *text = xmalloc((size_t)size);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    sb_addn(&doc, text, (size_t)size);
    free(text);
    for (size_t i = 0; i < ARRAY_LEN(list); i++) {
        char *pair = xasprintf("`%s` `%s`", list[i].cons, list[i].vowel);
        if (!strstr(sb_str(&doc), pair))
            fail_msg("docs/templates.md does not list the particle %s", pair);
        free(pair);
        const char *forms[] = {list[i].cons, list[i].vowel};
        for (size_t k = 0; k < 2; k++)
            for (size_t w = 0; w < ARRAY_LEN(words); w++) {
                char *want = xasprintf("%s%s", words[w].text,
                                       kparticle(words[w].text, strlen(words[w].text), forms[k]));
                char *as_filter = xasprintf("{{ %s | %s }}", words[w].path, forms[k]);
                char *as_josa = xasprintf("{{ %s | josa:\"%s\" }}", words[w].path, forms[k]);
                const char *tpls[] = {as_filter, as_josa};
                for (size_t t = 0; t < 2; t++) {
                    diag_list d = {0};
                    char *got = render_text(tpls[t], &d, UNIT_MILLION);
                    if (!got || strcmp(got, want))
                        fail_msg("%s gave \"%s\", want \"%s\"", tpls[t], got ? got : "(error)", want);
                    free(got);
                    diag_free(&d);
                }
                free(as_filter);
                free(as_josa);
                free(want);
            }
    }
    /* The other way: every backquoted form in the first cell of a particle row is in the list. */
    for (const char *line = sb_str(&doc); line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len < 4 || strncmp(line, "| `", 3) || !((unsigned char)line[3] & 0x80))
            continue; /* not a row whose first filter name is Korean */
        const char *cell_end = memchr(line + 1, '|', len - 1);
        for (const char *q = line + 2; q && q < cell_end;) {
            const char *open = memchr(q, '`', (size_t)(cell_end - q));
            if (!open)
                break;
            const char *close = memchr(open + 1, '`', (size_t)(cell_end - open - 1));
            assert_non_null(close);
            char *form = xstrndup(open + 1, (size_t)(close - open - 1));
            if (!kparticle("", 0, form))
                fail_msg("docs/templates.md lists `%s`, which is not in KPARTICLES", form);
            free(form);
            q = close + 1;
        }
    }
    sb_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_render_keeps_output_on_failure),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_large_table),
        cmocka_unit_test(test_particle_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
