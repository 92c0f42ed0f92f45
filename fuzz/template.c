/* fuzz/template.c — libFuzzer harness for the template engine: any bytes as
 * template text, parsed with tpl_parse() and, when that succeeds, rendered
 * with tpl_render() against a small fixed model in every display unit.
 *
 * The model (built once) has the shapes of docs/template-model.md plus edge
 * values a filter may meet: INT64_MIN/MAX, zero and negative integers, reals
 * that are negative, huge, NaN or infinite, impossible dates, empty and odd
 * texts (ending in a digit, a Latin letter, a final ㄹ, a lone combining
 * mark), lists of mixed items, empty lists and maps, null.
 *
 * Invariants: a NULL template or a false render comes with at least one
 * error in the diagnostics; a successful render adds no error, and for a
 * template that is valid UTF-8 (what tpl_load lets through) produces valid
 * UTF-8 (the model is UTF-8, so no filter may cut a character). */
#include "fuzz_common.h"

#include <math.h>

#include "korean.h"
#include "template.h"

static arena fz_tpl_arena;
static value *fz_tpl_root;

static value *fz_tpl_model(arena *a)
{
    value *root = val_map(a);
    value *prog = val_map(a);
    val_set_str(a, prog, "name", "레전드 50⁺");
    val_set(a, root, "programme", prog);
    value *per = val_map(a);
    val_set_str(a, per, "text", "2025년 3분기");
    val_set_int(a, per, "from", 20250701);
    val_set_int(a, per, "to", 20250930);
    val_set_bool(a, per, "all", false);
    val_set(a, root, "period", per);

    value *ints = val_map(a);
    val_set_int(a, ints, "min", INT64_MIN);
    val_set_int(a, ints, "max", INT64_MAX);
    val_set_int(a, ints, "zero", 0);
    val_set_int(a, ints, "neg", -123456789);
    val_set_int(a, ints, "big", 9007199254740993);
    val_set_int(a, ints, "money", 9876543210);
    val_set_int(a, ints, "small", 5000);
    val_set_int(a, ints, "baddate", 20251399);
    val_set_int(a, ints, "negdate", -20250101);
    val_set_int(a, ints, "date", 20241017);
    val_set(a, root, "i", ints);

    value *reals = val_map(a);
    val_set_real(a, reals, "rate", 0.8765);
    val_set_real(a, reals, "neg", -0.5);
    val_set_real(a, reals, "huge", 1e300);
    val_set_real(a, reals, "tiny", -1e-300);
    val_set_real(a, reals, "nan", NAN);
    val_set_real(a, reals, "inf", INFINITY);
    val_set_real(a, reals, "ninf", -INFINITY);
    val_set_real(a, reals, "half", 0.0005);
    val_set(a, root, "r", reals);

    value *texts = val_map(a);
    val_set_str(a, texts, "empty", "");
    val_set_str(a, texts, "ko", "부산테크노파크");
    val_set_str(a, texts, "rieul", "서울");
    val_set_str(a, texts, "digit", "2025");
    val_set_str(a, texts, "latin", "ICT");
    val_set_str(a, texts, "mark", "\xCC\x81");
    val_set_str(a, texts, "sido", "강원특별자치도");
    val_set_str(a, texts, "pipe", "A|B\nC{{x}}{%if%}");
    val_set_str(a, texts, "long", "친환경에너지 저장·공급 기자재 핵심기업 집중육성 프로젝트 (2단계)");
    val_set(a, root, "s", texts);

    value *list = val_list(a);
    val_push(a, list, val_str(a, "수출바우처"));
    val_push(a, list, val_int(a, 42));
    val_push(a, list, val_real(a, 0.25));
    val_push(a, list, val_null(a));
    val_push(a, list, val_bool(a, true));
    val_push(a, list, val_list(a));
    val_set(a, root, "mixed", list);
    val_set(a, root, "none", val_list(a));
    val_set(a, root, "nomap", val_map(a));
    val_set(a, root, "nil", val_null(a));

    value *projects = val_list(a);
    for (int k = 0; k < 3; k++) {
        value *p = val_map(a);
        val_set_str(a, p, "id", k == 0 ? "P01" : k == 1 ? "P02" : "../../etc/x");
        val_set_str(a, p, "title", k == 2 ? "" : "핵심기업 집중육성");
        val_set_str(a, p, "region_short", k == 1 ? "서울" : "부산");
        val_set_str(a, p, "grade", k == 0 ? NULL : "우수");
        val_set_int(a, p, "firms", 48 * k);
        val_set_int(a, p, "amount", k == 2 ? INT64_MAX : 600000000 * (int64_t)k);
        val_set_real(a, p, "exec_rate", k == 1 ? NAN : 0.5 * k);
        value *fields = val_list(a);
        for (int j = 0; j < k; j++)
            val_push(a, fields, val_str(a, j ? "스마트공장" : "정책자금"));
        val_set(a, p, "fields", fields);
        value *ins = val_list(a);
        for (int j = 0; j < 2; j++) {
            value *m = val_map(a);
            val_set_str(a, m, "name", j ? "수출바우처" : "스마트공장");
            val_set_int(a, m, "amount", 350000000 + j);
            val_set_real(a, m, "share", 0.5);
            val_push(a, ins, m);
        }
        val_set(a, p, "instruments", ins);
        val_push(a, projects, p);
    }
    val_set(a, root, "projects", projects);
    val_set(a, root, "project", (value *)val_at(projects, 0));
    return root;
}

FUZZ_ENTRY(template)
{
    if (!fz_tpl_root)
        fz_tpl_root = fz_tpl_model(&fz_tpl_arena);
    /* Templates are files of text; a megabyte of template is already absurd. */
    if (size > (1u << 16))
        return 0;
    diag_list d = {.limit = 50};
    /* tpl_parse takes text the caller has checked (tpl_load refuses invalid
     * UTF-8); other bytes must still be safe, but may reach the output. */
    bool text = utf8_valid((const char *)data, size);
    template *t = tpl_parse("fuzz.tpl", (const char *)data, size, &d);
    if (!t) {
        FUZZ_CHECK(diag_errors(&d) > 0);
    } else {
        /* Render once per display unit only for small inputs: the unit filter is one of many.
         * Each render gets its own list: a mistake already listed is not listed again. */
        int units = size < 256 ? 4 : 1;
        for (int u = 0; u < units; u++) {
            diag_list rd = {.limit = 50};
            strbuf out = {0};
            bool ok = tpl_render(t, fz_tpl_root, (display_unit)u, &out, &rd);
            if (!ok) {
                FUZZ_CHECK(diag_errors(&rd) > 0);
            } else {
                FUZZ_CHECK(diag_errors(&rd) == 0);
                if (text)
                    FUZZ_CHECK(utf8_valid(out.s ? out.s : "", out.len));
            }
            sb_free(&out);
            diag_free(&rd);
        }
    }
    tpl_free(t);
    diag_free(&d);
    return 0;
}
