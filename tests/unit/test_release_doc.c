/* test_release_doc.c — the release markup reader (release_doc.c).
 *
 * Table-driven: each case is a piece of markup and the block list it must
 * give, written out by dump() in a compact form, one block a line:
 *
 *   KIND:line fields             TITLE:1 "text", PARA:2 L1 □ "text", SPACE:3
 *   BOX:4 "title" { child; child }
 *   TABLE:5 unit="…" head=[a|b] num=N. rows=[x|1][합계|2]*
 *
 * A table's rows show only the cells the row has (rowlen), '*' marks a total
 * row, num= has N for a numeric column and '.' otherwise; CHART rows end in
 * =value. Every directive of docs/release-markup.md is covered, and the edge
 * cases: unterminated blocks, stray @end, escaped \|, short rows and
 * headers, @unit attached to the next table, @header, directives inside
 * boxes, markers without their space. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_doc.h"
#include "strbuf.h"

static const char *const kind_name[] = {
    [RDOC_TITLE] = "TITLE",     [RDOC_SUBTITLE] = "SUBTITLE",     [RDOC_PARA] = "PARA",
    [RDOC_SPACE] = "SPACE",     [RDOC_BOX] = "BOX",               [RDOC_TABLE] = "TABLE",
    [RDOC_CHART] = "CHART",     [RDOC_CONTACTS] = "CONTACTS",     [RDOC_ATTACHMENT] = "ATTACHMENT",
    [RDOC_GROUP] = "GROUP",     [RDOC_PAGEBREAK] = "PAGEBREAK",
};
static const char *const style_name[] = {
    [RDOC_P_PLAIN] = "PLAIN", [RDOC_P_L1] = "L1",     [RDOC_P_L2] = "L2",
    [RDOC_P_L3] = "L3",       [RDOC_P_NOTE] = "NOTE", [RDOC_P_ITEM] = "ITEM",
};

static void dump_table(strbuf *o, const rdoc_table *t)
{
    if (t->head) {
        sb_adds(o, " head=[");
        for (size_t c = 0; c < t->ncols; c++)
            sb_addf(o, "%s%s", c ? "|" : "", t->head[c]);
        sb_adds(o, "]");
    }
    sb_adds(o, " num=");
    for (size_t c = 0; c < t->ncols; c++)
        sb_addc(o, t->numeric_col[c] ? 'N' : '.');
    sb_adds(o, " rows=");
    for (size_t r = 0; r < t->nrows; r++) {
        assert_true(t->rowlen[r] >= 1 && t->rowlen[r] <= t->ncols);
        sb_adds(o, "[");
        for (size_t c = 0; c < t->ncols; c++) {
            if (c < t->rowlen[r])
                sb_addf(o, "%s%s", c ? "|" : "", rdoc_cell(t, r, c));
            else
                assert_string_equal(rdoc_cell(t, r, c), ""); /* padding */
        }
        sb_adds(o, "]");
        if (t->total_row[r])
            sb_adds(o, "*");
        if (t->value)
            sb_addf(o, "=%lld", t->value[r]);
    }
}

static void dump_block(strbuf *o, const rdoc_block *b)
{
    sb_addf(o, "%s:%u", kind_name[b->kind], b->line);
    switch (b->kind) {
    case RDOC_PARA:
        sb_addf(o, " %s", style_name[b->style]);
        if (b->marker)
            sb_addf(o, " %s", b->marker);
        else
            assert_int_equal(b->style, RDOC_P_PLAIN);
        sb_addf(o, " \"%s\"", b->text);
        break;
    case RDOC_SPACE:
    case RDOC_PAGEBREAK:
        break;
    case RDOC_BOX:
        sb_addf(o, " \"%s\" {", b->text);
        for (size_t i = 0; i < b->nchild; i++) {
            sb_adds(o, i ? "; " : " ");
            dump_block(o, &b->child[i]);
        }
        sb_adds(o, " }");
        break;
    case RDOC_TABLE:
        if (b->unit)
            sb_addf(o, " unit=\"%s\"", b->unit);
        assert_null(b->table.value);
        dump_table(o, &b->table);
        break;
    case RDOC_CHART:
    case RDOC_CONTACTS:
        if (b->kind == RDOC_CHART)
            sb_addf(o, " \"%s\"", b->text);
        assert_null(b->unit);
        assert_null(b->table.head);
        dump_table(o, &b->table);
        break;
    case RDOC_ATTACHMENT:
        sb_addf(o, " [%s] \"%s\"", b->label, b->text);
        break;
    default:
        sb_addf(o, " \"%s\"", b->text);
    }
}

static char *dump(const rdoc *d)
{
    strbuf o = {0};
    for (size_t i = 0; i < d->nblock; i++) {
        dump_block(&o, &d->block[i]);
        sb_addc(&o, '\n');
    }
    return sb_take(&o);
}

static const struct {
    const char *name, *markup, *blocks;
} cases[] = {
    {"empty", "", ""},
    {"titles and subtitles",
     "@title 부산시, 「에너지」\n@title  둘째 줄  \n@subtitle 부제목\n@subtitle\n",
     "TITLE:1 \"부산시, 「에너지」\"\nTITLE:2 \"둘째 줄\"\nSUBTITLE:3 \"부제목\"\nSUBTITLE:4 \"\"\n"},
    {"bullets",
     "□ 첫째\n○ 둘째\nㅇ 둘째도\n- 셋째\n※ 주석\n* 별표\n■ 항목\n그냥 문단\n",
     "PARA:1 L1 □ \"첫째\"\nPARA:2 L2 ○ \"둘째\"\nPARA:3 L2 ㅇ \"둘째도\"\nPARA:4 L3 - \"셋째\"\n"
     "PARA:5 NOTE ※ \"주석\"\nPARA:6 NOTE * \"별표\"\nPARA:7 ITEM ■ \"항목\"\n"
     "PARA:8 PLAIN \"그냥 문단\"\n"},
    {"markers need their space; a lone □ is a bullet",
     "-5% 감소\n○\n□\n*강조*\n  ○   들여쓴 줄  \r\n",
     "PARA:1 PLAIN \"-5% 감소\"\nPARA:2 PLAIN \"○\"\nPARA:3 L1 □ \"\"\nPARA:4 PLAIN \"*강조*\"\n"
     "PARA:5 L2 ○ \"들여쓴 줄\"\n"},
    {"empty lines are spaces; blanks and tabs only are empty",
     "가\n\n \t\n나", "PARA:1 PLAIN \"가\"\nSPACE:2\nSPACE:3\nPARA:4 PLAIN \"나\"\n"},
    {"unknown directives are paragraphs",
     "@titles 아님\n@foo bar\n", "PARA:1 PLAIN \"@titles 아님\"\nPARA:2 PLAIN \"@foo bar\"\n"},
    {"box with items, spaces and a directive as text",
     "@box 사업 개요\n■ 기간: 2024~2026\n\n■ 예산 \\| 총액\n@table a | b\n@end\n",
     "BOX:1 \"사업 개요\" { PARA:2 ITEM ■ \"기간: 2024~2026\"; SPACE:3; "
     "PARA:4 ITEM ■ \"예산 \\| 총액\"; PARA:5 PLAIN \"@table a | b\" }\n"},
    {"table: header, numeric columns, total rows",
     "@table 정책수단 | 지원기업 | 금액 | 비중\n"
     "| 스마트공장 | 18 | 1,234 | 12.5% |\n"
     "\n"
     "| R&D | - | (3) | +4 % |\n"
     "| 합계 | 21 | 1,237 | 100.0% |\n"
     "@end\n",
     "TABLE:1 head=[정책수단|지원기업|금액|비중] num=.NNN "
     "rows=[스마트공장|18|1,234|12.5%][R&D|-|(3)|+4 %][합계|21|1,237|100.0%]*\n"},
    {"total rows: 계, 합계, 총계…, not 소계",
     "@table 구분 | 값\n| 계 | 1 |\n| 총계(누적) | 2 |\n| 소계 | 3 |\n| 합계 금액 | 4 |\n@end\n",
     "TABLE:1 head=[구분|값] num=.N rows=[계|1]*[총계(누적)|2]*[소계|3][합계 금액|4]\n"},
    {"a column is numeric only if every non-empty cell is; empty cells do not count",
     "@table a | b | c\n| 1 | x | |\n| 2 | 3 | |\n| | 4 | |\n@end\n",
     "TABLE:1 head=[a|b|c] num=N.. rows=[1|x|][2|3|][|4|]\n"},
    {"△ (a decrease) in a numeric cell",
     "@table a | b\n| x | △4.5% |\n| y | 12.0% |\n@end\n",
     "TABLE:1 head=[a|b] num=.N rows=[x|△4.5%][y|12.0%]\n"},
    {"escaped bar inside cells; leading and trailing bars optional",
     "@table A \\| B | C\na \\| b | c\n| d | e \\|\n@end\n",
     "TABLE:1 head=[A | B|C] num=.. rows=[a | b|c][d|e |]\n"},
    {"short rows keep their length; a short header is padded",
     "@table a\n| 1 | 2 | 3 |\n| 넓은 셀 |\n@end\n",
     "TABLE:1 head=[a||] num=.NN rows=[1|2|3][넓은 셀]\n"},
    {"table without header cells",
     "@table\n| 1 | 2 |\n@end\n", "TABLE:1 num=NN rows=[1|2]\n"},
    {"empty table", "@table\n@end\n", "TABLE:1 num= rows=\n"},
    {"@unit goes to the next table, past a chart; the last one wins; then it is used",
     "@unit (단위: 억원)\n@unit (단위: 백만원)\n@chart 차트\n| 가 | 10 | 10 |\n@end\n"
     "@table x\n| 1 |\n@end\n@table y\n| 2 |\n@end\n@unit 남는 단위\n",
     "CHART:3 \"차트\" num=.NN rows=[가|10|10]=10\n"
     "TABLE:6 unit=\"(단위: 백만원)\" head=[x] num=N rows=[1]\n"
     "TABLE:9 head=[y] num=N rows=[2]\n"},
    {"chart values: leading integer, none, negative",
     "@chart 정책수단별 지원금액\n| 스마트공장 | 1234567 | 12억 원 |\n| 수출 | 12.9 |\n"
     "| 없음 |\n| 음수 | -5 | -5 |\n| 글자 | abc | x |\n@end\n",
     "CHART:1 \"정책수단별 지원금액\" num=... rows=[스마트공장|1234567|12억 원]=1234567"
     "[수출|12.9]=12[없음]=0[음수|-5|-5]=0[글자|abc|x]=0\n"},
    {"contacts",
     "@contacts\n| 담당 부서 | 지역정책과 | 책임자 | 과장 홍길동 (044-204-0000) |\n"
     "| 담당자 | 사무관 김철수 |\n@end\n",
     "CONTACTS:1 num=.... rows=[담당 부서|지역정책과|책임자|과장 홍길동 (044-204-0000)]"
     "[담당자|사무관 김철수]\n"},
    {"attachment with and without a label; group; page break",
     "@attachment 붙임 1 | 참여기업 목록\n@group 스마트공장 (18)\n@attachment 제목만\n"
     "@attachment | 빈 라벨\n@newpage\n@newpage 무시되는 글\n",
     "ATTACHMENT:1 [붙임 1] \"참여기업 목록\"\nGROUP:2 \"스마트공장 (18)\"\n"
     "ATTACHMENT:3 [] \"제목만\"\nATTACHMENT:4 [] \"빈 라벨\"\nPAGEBREAK:5\nPAGEBREAK:6\n"},
    {"unterminated table ends with the markup",
     "□ 앞\n@table a | b\n| 1 | 2 |\n| 3 |",
     "PARA:1 L1 □ \"앞\"\nTABLE:2 head=[a|b] num=NN rows=[1|2][3]\n"},
    {"unterminated box keeps its trailing empty lines",
     "@box 요약\n■ 하나\n\n", "BOX:1 \"요약\" { PARA:2 ITEM ■ \"하나\"; SPACE:3 }\n"},
    {"stray @end is ignored; @end with text still ends a block",
     "@end\n가\n@chart\n| a | 1 |\n@end 끝\n@end\n",
     "PARA:2 PLAIN \"가\"\nCHART:3 \"\" num=.N rows=[a|1]=1\n"},
    {"@header is not a block", "@header 즉시 보도 | 2025. 1. 1.\n가\n",
     "PARA:2 PLAIN \"가\"\n"},
    {"CRLF line ends", "@title 제목\r\n□ 본문\r\n",
     "TITLE:1 \"제목\"\nPARA:2 L1 □ \"본문\"\n"},
};

static void test_blocks(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rdoc d;
        assert_true(rdoc_parse(&d, cases[i].markup, strlen(cases[i].markup)));
        char *got = dump(&d);
        if (strcmp(got, cases[i].blocks) != 0)
            fail_msg("case \"%s\":\nwant:\n%sgot:\n%s", cases[i].name, cases[i].blocks, got);
        free(got);
        rdoc_free(&d);
        assert_int_equal(d.nblock, 0);
    }
}

static void test_header_and_metadata(void **state)
{
    (void)state;
    static const struct {
        const char *markup, *title, *embargo, *distributed;
    } hc[] = {
        {"□ 본문\n", "", NULL, NULL},
        {"@title 첫째\n@title 둘째\n", "첫째 둘째", NULL, NULL},
        {"@header 즉시 보도 | 2025. 1. 1.(수)\n", "", "즉시 보도", "2025. 1. 1.(수)"},
        {"@header 엠바고\n", "", "엠바고", NULL},
        {"@header\n", "", "", NULL},
        {"@header a \\| b | c | d\n@header e\n", "", "e", "c"},
        /* Inside a box @header and @title are text, not directives. */
        {"@box x\n@header 상자\n@title 상자\n@end\n", "", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof hc / sizeof hc[0]; i++) {
        rdoc d;
        assert_true(rdoc_parse(&d, hc[i].markup, strlen(hc[i].markup)));
        assert_string_equal(d.title, hc[i].title);
        if (hc[i].embargo)
            assert_string_equal(d.embargo, hc[i].embargo);
        else
            assert_null(d.embargo);
        if (hc[i].distributed)
            assert_string_equal(d.distributed, hc[i].distributed);
        else
            assert_null(d.distributed);
        rdoc_free(&d);
    }
}

/* The length given is what counts, not a NUL: a parse of a prefix ends there. */
static void test_length_bounds(void **state)
{
    (void)state;
    const char *m = "@table a | b\n| 1 | 2 |\n@end\n□ 뒤";
    rdoc d;
    assert_true(rdoc_parse(&d, m, strlen("@table a | b\n| 1 |")));
    char *got = dump(&d);
    assert_string_equal(got, "TABLE:1 head=[a|b] num=N. rows=[1]\n");
    free(got);
    rdoc_free(&d);
    rdoc_free(NULL);
}

/* The sample templates' structure: a large table parses to every row. */
static void test_large_table(void **state)
{
    (void)state;
    strbuf m = {0};
    sb_adds(&m, "@unit (단위: 개 사)\n@table No | 기업명 | 시군구 | 업종\n");
    for (int i = 1; i <= 500; i++)
        sb_addf(&m, "| %d | 기업%d \\| 지점 | 부산 해운대구 | 제조업 |\n", i, i);
    sb_adds(&m, "@end\n");
    rdoc d;
    assert_true(rdoc_parse(&d, sb_str(&m), m.len));
    assert_int_equal(d.nblock, 1);
    const rdoc_table *t = &d.block[0].table;
    assert_int_equal(t->nrows, 500);
    assert_int_equal(t->ncols, 4);
    for (size_t r = 0; r < 500; r++) {
        char want[64];
        snprintf(want, sizeof want, "기업%zu | 지점", r + 1);
        assert_string_equal(rdoc_cell(t, r, 1), want);
        snprintf(want, sizeof want, "%zu", r + 1);
        assert_string_equal(rdoc_cell(t, r, 0), want);
    }
    assert_true(t->numeric_col[0] && !t->numeric_col[1]);
    assert_string_equal(d.block[0].unit, "(단위: 개 사)");
    rdoc_free(&d);
    sb_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_header_and_metadata),
        cmocka_unit_test(test_length_bounds),
        cmocka_unit_test(test_large_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
