/* test_value.c — the value tree: JSON text (escaping, order, numbers,
 * layout), replacement of map keys, lookups and truthiness, reserved
 * containers, maps sharing their keys, uncopied strings and the shared
 * nodes that cost no memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

void json_string(strbuf *out, const char *s);
void json_real(strbuf *out, double r);

static void test_string_escapes(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", "\"\""},
        {"plain", "\"plain\""},
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"back\\slash", "\"back\\\\slash\""},
        {"a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
        {"\b\f", "\"\\b\\f\""},
        {"\x01x\x1f", "\"\\u0001x\\u001f\""},
        {"\x7f", "\"\x7f\""},
        {"레전드 50⁺", "\"레전드 50⁺\""},
        {"/", "\"/\""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        strbuf b = {0};
        json_string(&b, cases[k].in);
        assert_string_equal(sb_str(&b), cases[k].want);
        sb_free(&b);
    }
}

static void test_reals(void **state)
{
    (void)state;
    static const struct {
        double in;
        const char *want;
    } cases[] = {
        {0.5, "0.5"},
        {1.0, "1.0"},
        {0.1, "0.1"},
        {0.325, "0.325"},
        {1.0 / 3.0, "0.3333333333333333"},
        {-2.5, "-2.5"},
        {1e300, "1e+300"},
        {0.1 + 0.2, "0.30000000000000004"},
        {0.0, "0.0"},
        {NAN, "null"},
        {INFINITY, "null"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        strbuf b = {0};
        json_real(&b, cases[k].in);
        assert_string_equal(sb_str(&b), cases[k].want);
        if (isfinite(cases[k].in))
            assert_true(strtod(sb_str(&b), NULL) == cases[k].in);
        sb_free(&b);
    }
}

static void test_document(void **state)
{
    (void)state;
    arena a = {0};
    value *root = val_map(&a);
    val_set_str(&a, root, "name", "x\"y");
    val_set_int(&a, root, "big", INT64_MAX);
    val_set_int(&a, root, "neg", -1234567890123LL);
    val_set_real(&a, root, "rate", 0.25);
    val_set_bool(&a, root, "ok", true);
    val_set_str(&a, root, "none", NULL);
    value *list = val_list(&a);
    val_push(&a, list, val_int(&a, 1));
    val_push(&a, list, val_map(&a));
    val_push(&a, list, val_list(&a));
    val_set(&a, root, "list", list);
    val_set_int(&a, root, "big", 7); /* replaces, keeps position */
    strbuf b = {0};
    val_to_json(root, &b);
    assert_string_equal(sb_str(&b), "{\n"
                                    "  \"name\": \"x\\\"y\",\n"
                                    "  \"big\": 7,\n"
                                    "  \"neg\": -1234567890123,\n"
                                    "  \"rate\": 0.25,\n"
                                    "  \"ok\": true,\n"
                                    "  \"none\": null,\n"
                                    "  \"list\": [\n"
                                    "    1,\n"
                                    "    {},\n"
                                    "    []\n"
                                    "  ]\n"
                                    "}\n");
    sb_reset(&b);
    val_to_json(val_int(&a, INT64_MIN), &b);
    assert_string_equal(sb_str(&b), "-9223372036854775808\n");
    sb_free(&b);
    arena_free(&a);
}

static void test_lookup(void **state)
{
    (void)state;
    arena a = {0};
    value *m = val_map(&a);
    for (int k = 0; k < 40; k++) { /* grows past the first capacity */
        char key[16];
        snprintf(key, sizeof key, "k%d", k);
        val_set_int(&a, m, key, k * 10);
    }
    assert_int_equal(val_len(m), 40);
    assert_int_equal(val_get(m, "k39")->u.i, 390);
    assert_null(val_get(m, "k40"));
    assert_int_equal(val_getn(m, "k12345", 3)->u.i, 120);
    assert_null(val_getn(m, "k1", 1));
    assert_int_equal(val_at(m, 2)->u.i, 20);
    assert_null(val_at(m, 40));
    val_set_str(&a, m, "k0", "zero");
    assert_int_equal(val_len(m), 40);
    assert_string_equal(val_at(m, 0)->u.s, "zero");
    assert_null(val_get(NULL, "x"));
    assert_int_equal(val_len(NULL), 0);

    /* strings are copied */
    char buf[8] = "abc";
    value *s = val_str(&a, buf);
    buf[0] = 'z';
    assert_string_equal(s->u.s, "abc");
    arena_free(&a);
}

static void test_truthy(void **state)
{
    (void)state;
    arena a = {0};
    value *full = val_list(&a);
    val_push(&a, full, val_null(&a));
    const struct {
        value *v;
        bool want;
    } cases[] = {
        {val_null(&a), false}, {val_bool(&a, false), false}, {val_bool(&a, true), true},
        {val_int(&a, 0), false}, {val_int(&a, -1), true},     {val_real(&a, 0.0), false},
        {val_real(&a, 0.1), true}, {val_str(&a, ""), false},  {val_str(&a, "0"), true},
        {val_list(&a), false},     {val_map(&a), false},      {full, true},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_int_equal(val_truthy(cases[k].v), cases[k].want);
    assert_false(val_truthy(NULL));
    arena_free(&a);
}

/* A container reserved for its count takes one block of exactly that size;
 * past it, it grows and keeps its items, keys and order. */
static void test_reserved(void **state)
{
    (void)state;
    arena a = {0};
    value *m = val_map_n(&a, 3);
    size_t after_reserve = a.total;
    static const char *const keys[] = {"one", "two", "three", "four", "five"};
    for (int k = 0; k < 3; k++)
        val_append(&a, m, keys[k], val_real(&a, k + 1));
    assert_int_equal(a.total - after_reserve, 3 * sizeof(value)); /* the nodes, no new block */
    val_set_int(&a, m, "two", 22);                               /* replaces in place */
    assert_int_equal(val_len(m), 3);
    val_append(&a, m, keys[3], val_int(&a, 4));
    val_set_int(&a, m, "five", 5);
    assert_int_equal(val_len(m), 5);
    for (uint32_t k = 0; k < 5; k++)
        assert_string_equal(val_key(m, k), keys[k]);
    assert_ptr_equal(val_key(m, 0), keys[0]); /* val_append keeps the key as given */
    assert_ptr_not_equal(val_key(m, 4), keys[4]); /* val_set copies it */
    assert_int_equal(val_get(m, "two")->u.i, 22);
    assert_int_equal(val_at(m, 4)->u.i, 5);
    assert_null(val_key(m, 5));
    strbuf b = {0};
    val_to_json(m, &b);
    assert_string_equal(sb_str(&b), "{\n  \"one\": 1.0,\n  \"two\": 22,\n  \"three\": 3.0,\n"
                                    "  \"four\": 4,\n  \"five\": 5\n}\n");
    sb_free(&b);

    value *l = val_list_n(&a, 2);
    for (int k = 0; k < 9; k++)
        val_push(&a, l, val_int(&a, k));
    assert_int_equal(val_len(l), 9);
    for (uint32_t k = 0; k < 9; k++)
        assert_int_equal(val_at(l, k)->u.i, (int64_t)k);
    assert_null(val_key(l, 0)); /* a list has no keys */
    value *empty = val_list_n(&a, 0);
    assert_int_equal(val_len(empty), 0);
    assert_null(val_at(empty, 0));
    arena_free(&a);
}

/* val_str_ref points at its text; null, false, true and 0 are shared nodes
 * that take nothing from the arena; a node is 16 bytes. */
static void test_shared(void **state)
{
    (void)state;
    arena a = {0};
    static const char text[] = "서울특별시";
    value *s = val_str_ref(&a, text);
    assert_ptr_equal(s->u.s, text);
    assert_int_equal(a.total, sizeof(value));
    assert_int_equal(val_str_ref(&a, NULL)->type, VAL_NULL);
    size_t before = a.total;
    value *n = val_null(&a), *f = val_bool(&a, false), *t = val_bool(&a, true), *z = val_int(&a, 0);
    assert_int_equal(a.total, before);
    assert_int_equal(n->type, VAL_NULL);
    assert_true(f->type == VAL_BOOL && !f->u.b);
    assert_true(t->type == VAL_BOOL && t->u.b);
    assert_true(z->type == VAL_INT && z->u.i == 0);
    assert_ptr_equal(val_int(&a, 0), z);
    assert_ptr_equal(val_int(&a, 4095), val_int(&a, 4095));
    assert_int_equal(val_int(&a, 4095)->u.i, 4095);
    assert_int_equal(a.total, before);
    assert_int_equal(val_int(&a, 4096)->u.i, 4096);
    assert_int_equal(val_int(&a, -1)->u.i, -1);
    assert_int_equal(a.total, before + 2 * sizeof(value));
    assert_int_equal(val_int(&a, 1)->u.i, 1);
    /* a shared node is not a container: setters leave it alone */
    val_set_int(&a, n, "k", 1);
    val_push(&a, z, val_int(&a, 2));
    assert_int_equal(val_len(n), 0);
    assert_int_equal(val_len(z), 0);
    if (sizeof(void *) == 8)
        assert_int_equal(sizeof(value), 16);
    arena_free(&a);
}

/* Maps made like another share its keys while they match, and take their
 * own copy at the first key that differs; the prototype never changes. */
static void test_like(void **state)
{
    (void)state;
    arena a = {0};
    value *proto = val_map(&a);
    val_set_int(&a, proto, "a", 1);
    val_set_int(&a, proto, "b", 2);
    val_set_int(&a, proto, "c", 3);

    size_t before = a.total;
    value *same = val_map_like(&a, proto, 0);
    val_append(&a, same, "a", val_int(&a, 10000));
    val_append(&a, same, "b", val_int(&a, 20000));
    val_set_int(&a, same, "c", 30000);
    /* the map's node and 3 integer nodes, and a block of 3 items: no key stored */
    size_t block = a.total - before - 4 * sizeof(value);
    assert_int_equal(block, 16 + 3 * sizeof(void *));
    for (uint32_t k = 0; k < 3; k++)
        assert_ptr_equal(val_key(same, k), val_key(proto, k));
    assert_int_equal(val_get(same, "c")->u.i, 30000);

    value *other = val_map_like(&a, proto, 4);
    val_append(&a, other, "a", val_int(&a, 1));
    val_append(&a, other, "x", val_int(&a, 2)); /* differs: own keys from here */
    val_append(&a, other, "c", val_int(&a, 3));
    val_append(&a, other, "d", val_int(&a, 4));
    val_append(&a, other, "e", val_int(&a, 5)); /* grows past its room */
    static const char *const want[] = {"a", "x", "c", "d", "e"};
    assert_int_equal(val_len(other), 5);
    for (uint32_t k = 0; k < 5; k++) {
        assert_string_equal(val_key(other, k), want[k]);
        assert_int_equal(val_at(other, k)->u.i, (int64_t)k + 1);
    }
    value *longer = val_map_like(&a, same, 0);
    static const char *const keys4[] = {"a", "b", "c", "d"};
    for (int k = 0; k < 4; k++)
        val_append(&a, longer, keys4[k], val_int(&a, k));
    strbuf b = {0};
    val_to_json(longer, &b);
    assert_string_equal(sb_str(&b), "{\n  \"a\": 0,\n  \"b\": 1,\n  \"c\": 2,\n  \"d\": 3\n}\n");
    sb_reset(&b);
    val_to_json(proto, &b); /* untouched by the maps made like it */
    assert_string_equal(sb_str(&b), "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n");
    sb_free(&b);

    /* no prototype, or an empty one: a plain map */
    value *plain = val_map_like(&a, NULL, 2);
    val_append(&a, plain, "k", val_int(&a, 1));
    assert_string_equal(val_key(plain, 0), "k");
    value *fromempty = val_map_like(&a, val_map(&a), 0);
    val_append(&a, fromempty, "k", val_int(&a, 1));
    assert_int_equal(val_len(fromempty), 1);
    assert_null(val_key(fromempty, 1));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_reals),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_truthy),
        cmocka_unit_test(test_reserved),
        cmocka_unit_test(test_shared),
        cmocka_unit_test(test_like),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
