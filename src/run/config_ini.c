/* config_ini.c — config.ini, read with iniparser (the only module that includes
 * it) and checked by our own code.
 *
 * iniparser only splits the file into "section:key" strings; every value is
 * typed and validated here (base-10 numbers with end checks, yes/no booleans,
 * enumerations), because its own getters accept "12abc" as 12 and "010" as 8.
 * Problems are printed as `config.ini:[section] key: message`, all of them
 * before the run stops. A UTF-8 byte-order mark (Notepad adds one) would make
 * iniparser reject the whole file, so a BOM file is read through a BOM-less
 * temporary copy. Unknown sections and keys are warnings: a typo must not pass
 * silently, but an old file must still run. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <iniparser.h>

#include "config_ini.h"
#include "diag.h"
#include "exitcodes.h"
#include "render.h"
#include "strbuf.h"
#include "template.h"
#include "utf8.h"

void config_set(char **slot, const char *text)
{
    char *copy = text ? xstrdup(text) : NULL;
    free(*slot);
    *slot = copy;
}

static void set_contact(contact *c, const char *role, const char *title, const char *name,
                        const char *phone)
{
    config_set(&c->role, role);
    config_set(&c->title, title);
    config_set(&c->name, name);
    config_set(&c->phone, phone);
}

void config_defaults(config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    config_set(&cfg->input_dir, "input");
    config_set(&cfg->projects_file, "projects.csv");
    config_set(&cfg->firms_file, "firms.csv");
    config_set(&cfg->allocations_file, "allocations.csv");
    cfg->encoding = ENC_AUTO;
    config_set(&cfg->output_dir, "output");
    config_set(&cfg->workbook_name, "legend50-{period}.xlsx");
    config_set(&cfg->release_prefix, "release-");
    cfg->outputs = ~0u; /* every renderer */
    cfg->keep_runs = 10;
    config_set(&cfg->period_text, "all");
    config_set(&cfg->timezone, TZ_DEFAULT_NAME);
    cfg->tz_offset = TZ_DEFAULT_OFFSET;
    period_parse("all", &cfg->period, NULL);
    cfg->unit = UNIT_MILLION;
    config_set(&cfg->programme, "레전드 50⁺");
    config_set(&cfg->ministry, "중소벤처기업부");
    config_set(&cfg->embargo, "배포 즉시");
    config_set(&cfg->distributed, "");
    config_set(&cfg->department, "지역기업정책과");
    set_contact(&cfg->contacts[0], "책임자", "과장", "김지역", "044-204-7570");
    set_contact(&cfg->contacts[1], "담당자", "사무관", "이특화", "044-204-7571");
    set_contact(&cfg->contacts[2], "담당자", "주무관", "박성장", "044-204-7572");
    cfg->ncontacts = 3;
    config_set(&cfg->speaker, "중기부 지역기업정책관");
    cfg->attach_firm_list_max = 300;
    config_set(&cfg->templates_dir, "");
    config_set(&cfg->font_serif, "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf");
    config_set(&cfg->font_serif_bold, "/usr/share/fonts/truetype/nanum/NanumMyeongjoBold.ttf");
    config_set(&cfg->font_sans, "/usr/share/fonts/truetype/nanum/NanumGothic.ttf");
    config_set(&cfg->font_sans_bold, "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf");
    config_set(&cfg->font_fallback, "/usr/share/fonts/truetype/unfonts-core/UnBatang.ttf");
    cfg->max_diagnostics = 200;
    cfg->sheet_max_rows = 1048575;
    cfg->jobs = 2;
    cfg->template_iterations = (int64_t)TPL_DEFAULT_MAX_ITERATIONS;
    cfg->template_output = (int64_t)TPL_DEFAULT_MAX_OUTPUT;
    cfg->xlsx_memory = (int64_t)16 << 20;
    config_set(&cfg->log_file, "");
}

void config_free(config *cfg)
{
    if (!cfg)
        return;
    char **strings[] = {&cfg->path, &cfg->input_dir, &cfg->projects_file, &cfg->firms_file,
                        &cfg->allocations_file, &cfg->output_dir, &cfg->workbook_name,
                        &cfg->release_prefix, &cfg->period_text, &cfg->timezone, &cfg->programme, &cfg->ministry,
                        &cfg->embargo, &cfg->distributed, &cfg->department, &cfg->speaker, &cfg->templates_dir,
                        &cfg->font_serif, &cfg->font_serif_bold, &cfg->font_sans,
                        &cfg->font_sans_bold, &cfg->font_fallback, &cfg->log_file};
    for (size_t i = 0; i < ARRAY_LEN(strings); i++)
        config_set(strings[i], NULL);
    for (int i = 0; i < CONFIG_MAX_CONTACTS; i++)
        set_contact(&cfg->contacts[i], NULL, NULL, NULL, NULL);
    cfg->ncontacts = 0;
}

/* ---- loading ---- */

typedef enum {
    K_STRING, K_PATH, K_BOOL, K_INT, K_INT64, K_ENCODING, K_UNIT, K_PERIOD, K_TIMEZONE, K_CONTACT,
    K_OUTPUT /* a yes/no switch per renderer, named as in renderers[]: bit offset of outputs */
} key_kind;

typedef struct key_def {
    const char *section, *key;
    key_kind kind;
    size_t offset; /* into config */
    int64_t min, max;
    bool nonempty;
} key_def;

#define OFF(f) offsetof(config, f)
static const key_def keys[] = {
    {"input", "dir", K_PATH, OFF(input_dir), 0, 0, true},
    {"input", "projects", K_STRING, OFF(projects_file), 0, 0, true},
    {"input", "firms", K_STRING, OFF(firms_file), 0, 0, true},
    {"input", "allocations", K_STRING, OFF(allocations_file), 0, 0, true},
    {"input", "encoding", K_ENCODING, OFF(encoding), 0, 0, true},
    {"output", "dir", K_PATH, OFF(output_dir), 0, 0, true},
    {"output", "workbook", K_STRING, OFF(workbook_name), 0, 0, true},
    {"output", "release_prefix", K_STRING, OFF(release_prefix), 0, 0, false},
    {"output", NULL, K_OUTPUT, 0, 0, 0, true}, /* one key per renderer (key_at) */
    {"output", "keep_runs", K_INT, OFF(keep_runs), 1, 100000, true},
    {"report", "period", K_PERIOD, OFF(period_text), 0, 0, true},
    {"report", "unit", K_UNIT, OFF(unit), 0, 0, true},
    {"report", "programme", K_STRING, OFF(programme), 0, 0, true},
    {"report", "timezone", K_TIMEZONE, OFF(timezone), 0, 0, true},
    {"release", "ministry", K_STRING, OFF(ministry), 0, 0, true},
    {"release", "embargo", K_STRING, OFF(embargo), 0, 0, true},
    {"release", "distributed", K_STRING, OFF(distributed), 0, 0, false},
    {"release", "department", K_STRING, OFF(department), 0, 0, false},
    {"release", "contact1", K_CONTACT, 0, 0, 0, false},
    {"release", "contact2", K_CONTACT, 1, 0, 0, false},
    {"release", "contact3", K_CONTACT, 2, 0, 0, false},
    {"release", "contact4", K_CONTACT, 3, 0, 0, false},
    {"release", "contact5", K_CONTACT, 4, 0, 0, false},
    {"release", "contact6", K_CONTACT, 5, 0, 0, false},
    {"release", "speaker", K_STRING, OFF(speaker), 0, 0, true},
    {"release", "attach_firm_list_max", K_INT, OFF(attach_firm_list_max), 0, 1000000, true},
    {"pdf", "templates", K_PATH, OFF(templates_dir), 0, 0, false},
    {"pdf", "font_serif", K_PATH, OFF(font_serif), 0, 0, true},
    {"pdf", "font_serif_bold", K_PATH, OFF(font_serif_bold), 0, 0, true},
    {"pdf", "font_sans", K_PATH, OFF(font_sans), 0, 0, true},
    {"pdf", "font_sans_bold", K_PATH, OFF(font_sans_bold), 0, 0, true},
    {"pdf", "font_fallback", K_PATH, OFF(font_fallback), 0, 0, false},
    {"limits", "max_diagnostics", K_INT, OFF(max_diagnostics), 0, 1000000000, true},
    {"limits", "sheet_max_rows", K_INT64, OFF(sheet_max_rows), 1, 1048575, true},
    {"limits", "jobs", K_INT, OFF(jobs), 1, 64, true},
    {"limits", "template_iterations", K_INT64, OFF(template_iterations), 1, 1000000000000LL, true},
    {"limits", "template_output", K_INT64, OFF(template_output), 1024, (int64_t)1 << 40, true},
    {"limits", "xlsx_memory", K_INT64, OFF(xlsx_memory), 0, (int64_t)1 << 40, true},
    {"log", "file", K_PATH, OFF(log_file), 0, 0, false},
};

/* The settings in order: keys[] with its K_OUTPUT entry standing for one
 * switch per renderer, so a new renderer is a new [output] key by itself. */
static size_t key_count(void)
{
    return ARRAY_LEN(keys) - 1 + renderer_count;
}

static key_def key_at(size_t i)
{
    size_t at = 0;
    while (keys[at].kind != K_OUTPUT)
        at++;
    if (i < at)
        return keys[i];
    if (i < at + renderer_count)
        return (key_def){"output", renderers[i - at]->name, K_OUTPUT, i - at, 0, 0, true};
    return keys[i - renderer_count + 1];
}

/* The known section [sec] is most likely a typo of, or NULL. */
static const char *near_section(const char *sec)
{
    const char *names[ARRAY_LEN(keys)];
    size_t n = 0;
    for (size_t i = 0; i < ARRAY_LEN(keys); i++)
        if (i == 0 || strcmp(keys[i].section, keys[i - 1].section) != 0)
            names[n++] = keys[i].section;
    return near_name(sec, names, n, 0);
}

/* Warns of key, unknown in [sec]: naming the section it belongs in, or the
 * key of [sec] it is most likely a typo of. */
static void unknown_key(const char *path, const char *sec, const char *key)
{
    size_t n = key_count();
    const char **names = xcalloc(n, sizeof *names);
    const char *elsewhere = NULL;
    for (size_t i = 0; i < n; i++) {
        key_def kd = key_at(i);
        if (strcmp(kd.section, sec) == 0)
            names[i] = kd.key;
        else if (!elsewhere && strcmp(kd.key, key) == 0)
            elsewhere = kd.section;
    }
    const char *near = elsewhere ? NULL : near_name(key, names, n, 0);
    if (elsewhere)
        msg_warn("%s:[%s] %s: unknown setting in [%s] (ignored); it belongs in [%s]", path, sec, key, sec,
                 elsewhere);
    else if (near)
        msg_warn("%s:[%s] %s: unknown setting (ignored); did you mean %s?", path, sec, key, near);
    else
        msg_warn("%s:[%s] %s: unknown setting (ignored)", path, sec, key);
    free(names);
}

typedef struct loader {
    const char *name; /* file name as shown in messages */
    int problems;
} loader;

static void problem(loader *l, const char *section, const char *key, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static void problem(loader *l, const char *section, const char *key, const char *fmt, ...)
{
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    msg_line("%s:[%s] %s: error: %s", l->name, section, key, sb_str(&b));
    sb_free(&b);
    l->problems++;
}

/* Base-10 integer with nothing after it (spaces allowed around). */
STATIC bool config_parse_int(const char *s, int64_t *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s)
        return false;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end)
        return false;
    *out = v;
    return true;
}

STATIC int config_parse_bool(const char *s)
{
    static const char *const yes[] = {"yes", "true", "on", "1", "y"};
    static const char *const no[] = {"no", "false", "off", "0", "n"};
    for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    }
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static void load_contact(loader *l, config *cfg, const key_def *k, const char *v)
{
    contact *c = &cfg->contacts[k->offset];
    if (!*v) {
        set_contact(c, NULL, NULL, NULL, NULL);
        return;
    }
    char *copy = xstrdup(v), *parts[4] = {0}, *p = copy;
    int n = 0;
    for (; n < 4; n++) {
        parts[n] = p;
        char *bar = strchr(p, '|');
        if (!bar) {
            n++;
            break;
        }
        *bar = '\0';
        p = bar + 1;
    }
    if (n != 4 || strchr(p, '|')) {
        problem(l, k->section, k->key, "expected \"role | title | name | phone\", got \"%s\"", v);
    } else {
        for (int i = 0; i < 4; i++)
            parts[i] = trim(parts[i]);
        if (strcmp(parts[0], "책임자") && strcmp(parts[0], "담당자"))
            problem(l, k->section, k->key, "role must be 책임자 or 담당자, got \"%s\"", parts[0]);
        else
            set_contact(c, parts[0], parts[1], parts[2], parts[3]);
    }
    free(copy);
}

/* Names accepted for enumerated settings; each table ends with a NULL name. */
typedef struct named {
    const char *name;
    int value;
} named;

static const named encodings[] = {
    {"auto", ENC_AUTO},   {"utf-8", ENC_UTF8},        {"utf8", ENC_UTF8}, {"cp949", ENC_CP949},
    {"utf-16le", ENC_UTF16LE}, {"utf-16be", ENC_UTF16BE}, {NULL, 0}};

static const named units[] = {
    {"won", UNIT_WON},           {"원", UNIT_WON},          {"thousand", UNIT_THOUSAND},
    {"천원", UNIT_THOUSAND},     {"million", UNIT_MILLION}, {"백만원", UNIT_MILLION},
    {"hundred-million", UNIT_HUNDRED_MILLION}, {"억원", UNIT_HUNDRED_MILLION}, {NULL, 0}};

_Static_assert(sizeof(text_encoding) == sizeof(int) && sizeof(display_unit) == sizeof(int),
               "enumerated settings are stored through an int pointer");

static void load_key(loader *l, config *cfg, const key_def *k, const char *raw)
{
    char *buf = xstrdup(raw);
    char *v = trim(buf);
    void *slot = (char *)cfg + k->offset;
    int64_t n;
    if (k->nonempty && !*v && k->kind != K_CONTACT) {
        problem(l, k->section, k->key, "must not be empty");
        free(buf);
        return;
    }
    switch (k->kind) {
    case K_STRING:
        /* Output names are checked together, after the command line: config_check_names(). */
        config_set((char **)slot, v);
        break;
    case K_PATH:
        /* Directories named in the file must exist; files are checked where they are used
         * (an absent font only matters when PDFs are written). */
        if (*v && k->offset == OFF(templates_dir) && access(v, R_OK | X_OK) != 0)
            problem(l, k->section, k->key, "directory \"%s\": %s", v, strerror(errno));
        else
            config_set((char **)slot, v);
        break;
    case K_BOOL:
    case K_OUTPUT: {
        int b = config_parse_bool(v);
        if (b < 0)
            problem(l, k->section, k->key, "\"%s\" is not yes or no", v);
        else if (k->kind == K_BOOL)
            *(bool *)slot = b;
        else
            cfg->outputs = b ? cfg->outputs | 1u << k->offset : cfg->outputs & ~(1u << k->offset);
        break;
    }
    case K_INT:
    case K_INT64:
        if (!config_parse_int(v, &n))
            problem(l, k->section, k->key, "\"%s\" is not a whole number", v);
        else if (n < k->min || n > k->max)
            problem(l, k->section, k->key, "%lld is out of range (%lld to %lld)", (long long)n,
                    (long long)k->min, (long long)k->max);
        else if (k->kind == K_INT)
            *(int *)slot = (int)n;
        else
            *(int64_t *)slot = n;
        break;
    case K_ENCODING:
    case K_UNIT: {
        const named *t = k->kind == K_ENCODING ? encodings : units;
        while (t->name && strcasecmp(v, t->name))
            t++;
        if (!t->name)
            problem(l, k->section, k->key, "\"%s\" is not one of %s", v,
                    k->kind == K_ENCODING ? "auto, utf-8, cp949, utf-16le, utf-16be"
                                          : "won (원), thousand (천원), million (백만원), hundred-million (억원)");
        else
            *(int *)slot = t->value; /* both are enums of int size */
        break;
    }
    case K_PERIOD: {
        const char *why = NULL;
        period p;
        if (!period_parse(v, &p, &why)) {
            problem(l, k->section, k->key, "\"%s\" %s", v, why ? why : "is not a period");
        } else {
            config_set((char **)slot, v);
            cfg->period = p;
        }
        break;
    }
    case K_TIMEZONE:
        if (!tz_parse(v, &cfg->tz_offset))
            problem(l, k->section, k->key,
                    "\"%s\" is not Asia/Seoul, UTC or a fixed offset such as UTC+09:00", v);
        else
            config_set((char **)slot, v);
        break;
    case K_CONTACT:
        load_contact(l, cfg, k, v);
        break;
    }
    free(buf);
}

/* iniparser reports syntax errors through this callback; collect them. */
static strbuf ini_errors;
static int ini_error_cb(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&ini_errors, fmt, ap);
    va_end(ap);
    return 0;
}

/* Copies path without its UTF-8 BOM to a temporary file; returns its name (malloc'd) or NULL. */
static char *debommed_copy(const char *path, FILE *in)
{
    const char *tmpdir = getenv("TMPDIR");
    char *name = xasprintf("%s/smereport-config-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(name);
    if (fd < 0) {
        free(name);
        return NULL;
    }
    FILE *out = fdopen(fd, "w");
    char buf[8192];
    size_t n;
    bool ok = out != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (out && fclose(out) != 0)
        ok = false;
    if (!ok) {
        unlink(name);
        free(name);
        return NULL;
    }
    (void)path;
    return name;
}

int config_load(config *cfg, const char *path)
{
    loader l = {.name = path, .problems = 0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        msg_error("%s: cannot read the configuration file: %s", path, strerror(errno));
        return EXIT_CONFIG;
    }
    unsigned char bom[3] = {0};
    size_t got = fread(bom, 1, 3, f);
    char *tmp = NULL;
    if (got == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) {
        tmp = debommed_copy(path, f);
        if (!tmp) {
            fclose(f);
            msg_error("%s: cannot copy the file to strip its byte-order mark: %s", path,
                      strerror(errno));
            return EXIT_CONFIG;
        }
    }
    fclose(f);

    sb_reset(&ini_errors);
    iniparser_set_error_callback(ini_error_cb);
    dictionary *d = iniparser_load(tmp ? tmp : path);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    if (!d) {
        /* iniparser's own message names the line; pass it on in our format. */
        strbuf msg = {0};
        for (const char *p = sb_str(&ini_errors); *p; p++)
            if (*p != '\n' || p[1])
                sb_addc(&msg, *p == '\n' ? ' ' : *p);
        msg_error("%s: not a valid INI file: %s", path,
                  msg.len ? sb_str(&msg) : "(no details from iniparser)");
        sb_free(&msg);
        sb_free(&ini_errors);
        return EXIT_CONFIG;
    }
    sb_free(&ini_errors);
    config_set(&cfg->path, path);

    for (size_t i = 0; i < key_count(); i++) {
        key_def k = key_at(i);
        char full[64];
        snprintf(full, sizeof full, "%s:%s", k.section, k.key);
        const char *v = iniparser_getstring(d, full, NULL);
        strbuf composed = {0}; /* Hangul saved as separate jamo (macOS): the same text, composed */
        if (v) {
            size_t n = strlen(v);
            v = utf8_hangul_composed(&composed, v, &n);
            load_key(&l, cfg, &k, v);
        }
        sb_free(&composed);
    }
    int nc = 0;
    for (int i = 0; i < CONFIG_MAX_CONTACTS; i++)
        if (cfg->contacts[i].name) {
            if (i != nc) {
                cfg->contacts[nc] = cfg->contacts[i];
                memset(&cfg->contacts[i], 0, sizeof cfg->contacts[i]);
            }
            nc++;
        }
    cfg->ncontacts = nc;

    /* Unknown sections and keys: warn once each, so typos are seen. */
    for (int s = 0; s < iniparser_getnsec(d); s++) {
        const char *sec = iniparser_getsecname(d, s);
        int nk = iniparser_getsecnkeys(d, sec);
        bool known_sec = false;
        for (size_t i = 0; i < ARRAY_LEN(keys); i++)
            known_sec |= strcmp(keys[i].section, sec) == 0;
        if (!known_sec) {
            const char *near = near_section(sec);
            if (near)
                msg_warn("%s:[%s]: unknown section (ignored); did you mean [%s]?", path, sec, near);
            else
                msg_warn("%s:[%s]: unknown section (ignored)", path, sec);
            continue;
        }
        if (nk <= 0)
            continue;
        const char **names = xcalloc((size_t)nk, sizeof *names);
        iniparser_getseckeys(d, sec, names);
        for (int k = 0; k < nk; k++) {
            const char *colon = strchr(names[k], ':');
            const char *key = colon ? colon + 1 : names[k];
            bool known = false;
            for (size_t i = 0; i < key_count(); i++) {
                key_def kd = key_at(i);
                known |= strcmp(kd.section, sec) == 0 && strcmp(kd.key, key) == 0;
            }
            if (!known)
                unknown_key(path, sec, key);
        }
        free(names);
    }
    iniparser_freedict(d);
    if (l.problems)
        msg_error("%s: %d bad setting%s; nothing was done", path, l.problems,
                  l.problems == 1 ? "" : "s");
    return l.problems ? EXIT_CONFIG : EXIT_OK;
}

/* ---- output names ---- */

/* Longest file name a release can get from an ID: safe_file_name() keeps
 * under 200 bytes, then "~N" for a clash and ".pdf". */
#define RELEASE_NAME_RESERVE (200 + 11 + 4)
/* The workbook is written as ".<name>.part" first. */
#define WORKBOOK_NAME_MAX (NAME_MAX - 6)

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcasecmp(s + n - k, suffix);
}

/* The workbook name for a period label (each "{period}" replaced). */
static char *expand_workbook(const char *pattern, const char *label, size_t *longest)
{
    strbuf b = {0};
    size_t periods = 0;
    const char *p = pattern;
    for (const char *m; (m = strstr(p, "{period}")); p = m + 8, periods++) {
        sb_addn(&b, p, (size_t)(m - p));
        sb_adds(&b, label);
    }
    sb_adds(&b, p);
    *longest = strlen(pattern) - 8 * periods + periods * (sizeof(((period *)0)->label) - 1);
    return sb_take(&b);
}

int config_check_names(const config *cfg)
{
    loader l = {.name = cfg->path ? cfg->path : "config.ini", .problems = 0};
    static const char *const fixed[] = {"figures.json", "manifest.json"};
    const char *prefix = cfg->release_prefix ? cfg->release_prefix : "";
    char label[256];
    safe_file_name(cfg->period.label, label, sizeof label);
    size_t longest;
    char *wb = expand_workbook(cfg->workbook_name ? cfg->workbook_name : "", label, &longest);
    const char *why = NULL;
    if (strchr(wb, '/'))
        why = "must not contain '/': the workbook is written inside the run directory";
    else if (!*wb || wb[0] == '.')
        why = "gives an empty or hidden file name";
    else if (longest > WORKBOOK_NAME_MAX)
        why = "is too long for a file name (NAME_MAX, with the longest period label)";
    for (size_t i = 0; !why && i < ARRAY_LEN(fixed); i++)
        if (!strcasecmp(wb, fixed[i]))
            why = "is the name of another output of the run";
    if (!why && !strncmp(wb, prefix, strlen(prefix)) && has_suffix(wb, ".pdf"))
        why = "is the name of a release ([output] release_prefix)";
    if (!why && !has_suffix(wb, ".xlsx"))
        why = "must end in .xlsx";
    if (why)
        problem(&l, "output", "workbook", "\"%s\" %s", cfg->workbook_name, why);
    free(wb);
    if (strchr(prefix, '/'))
        problem(&l, "output", "release_prefix",
                "\"%s\" must not contain '/': releases are written inside the run directory", prefix);
    else if (prefix[0] == '.')
        problem(&l, "output", "release_prefix", "\"%s\" would make hidden file names", prefix);
    else if (strlen(prefix) + RELEASE_NAME_RESERVE > NAME_MAX)
        problem(&l, "output", "release_prefix",
                "\"%s\" is too long for a file name (at most %d bytes)", prefix,
                NAME_MAX - RELEASE_NAME_RESERVE);
    if (l.problems)
        msg_error("%s: %d bad setting%s; nothing was done", l.name, l.problems,
                  l.problems == 1 ? "" : "s");
    return l.problems ? EXIT_CONFIG : EXIT_OK;
}
