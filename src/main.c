/* main.c — smereport's command line and its pipeline, top to bottom:
 *
 *   config.ini + options → ingest and validate the three CSV files
 *   → aggregate (every figure, once) → report model (the figures as a tree)
 *   → summary on stdout, or renderers (JSON, XLSX, PDF) into a staging
 *     directory → manifest.json → rename into place.
 *
 * Any error stops the run before the staging directory is renamed, so the
 * previous outputs stay as they were. Exit codes are in exitcodes.h. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "aggregate.h"
#include "config.h"
#include "config_ini.h"
#include "date.h"
#include "diag.h"
#include "exitcodes.h"
#include "ingest.h"
#include "korean.h"
#include "manifest.h"
#include "render.h"
#include "report_model.h"
#include "select.h"
#include "stage.h"
#include "strbuf.h"
#include "summary.h"
#include "version.h"
#include "write_guard.h"

typedef enum { CMD_RUN, CMD_VALIDATE, CMD_SUMMARY } command;

#define PLURAL(n) ((n) == 1 ? "" : "s")

typedef struct options {
    command cmd;
    const char *config_path;
    const char *input_dir, *output_dir, *period, *log_file, *only;
    char **projects;
    size_t nprojects;
    bool json;
    int verbosity;
} options;

static void usage(FILE *out)
{
    fputs("Usage: smereport [run|validate|summary] [options]\n"
          "\n"
          "Turns the CSV exports of a regional SME support programme (projects, firms,\n"
          "support allocations) into 보도자료 PDFs, an XLSX workbook and figures.json.\n"
          "\n"
          "Commands:\n"
          "  run        validate, aggregate and write every document (default)\n"
          "  validate   check the input files, write nothing; list every problem\n"
          "  summary    print the figures as tables (or JSON with --format json)\n"
          "\n"
          "Options:\n"
          "  -c, --config FILE   settings (default: ./config.ini if present, else built-in)\n"
          "  -i, --input DIR     directory with projects.csv, firms.csv, allocations.csv\n"
          "  -o, --output DIR    where runs are written (<DIR>/runs/..., <DIR>/latest)\n"
          "  -p, --project ID    report on this project only (repeatable)\n"
          "  -P, --period P      all, 2025Q3, 2025H1, 2025, 2024-03..2025-06\n"
          "  -f, --format F      summary format: text (default) or json\n",
          out);
    char *names = renderer_names(",", ",");
    fprintf(out, "      --only LIST     write only these documents: %s\n", names);
    free(names);
    fputs("      --log FILE      append every message to FILE with a time stamp\n"
          "  -q, --quiet         print errors only (for cron)\n"
          "  -v, --verbose       print details of every stage\n"
          "  -h, --help          show this help and exit\n"
          "  -V, --version       show the version and exit\n"
          "\n"
          "Environment:\n"
          "  SOURCE_DATE_EPOCH   fixed creation time (seconds since 1970) written into the\n"
          "                      documents, so the same input gives the same bytes\n"
          "\n"
          "Exit status:\n",
          out);
#define SMR_X(name, code, text) fprintf(out, "  %2d  %s\n", code, text);
    SMR_EXIT_CODES(SMR_X)
#undef SMR_X
}

static int usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
static int usage_error(const char *fmt, ...)
{
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    msg_line("smereport: %s", sb_str(&b));
    msg_line("Try 'smereport --help' for more information.");
    sb_free(&b);
    return EXIT_USAGE;
}

/* The usage error of an unknown long option arg ("--projcet" or
 * "--projcet=X"), naming the option it is most likely a typo of. */
static int unknown_long(const char *arg, const struct option *longopts)
{
    const char *names[32];
    size_t n = 0;
    for (const struct option *lo = longopts; lo->name && n < ARRAY_LEN(names); lo++)
        names[n++] = lo->name;
    const char *near = NULL;
    if (strncmp(arg, "--", 2) == 0) {
        char *name = xstrndup(arg + 2, strcspn(arg + 2, "="));
        near = near_name(name, names, n, 0);
        free(name);
    }
    if (near)
        return usage_error("unknown option '%s'; did you mean '--%s'?", arg, near);
    return usage_error("unknown option '%s'", arg);
}

static int parse_args(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},  {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'o'},  {"project", required_argument, NULL, 'p'},
        {"period", required_argument, NULL, 'P'},  {"format", required_argument, NULL, 'f'},
        {"only", required_argument, NULL, 'O'},    {"log", required_argument, NULL, 'L'},
        {"quiet", no_argument, NULL, 'q'},         {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->verbosity = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":c:i:o:p:P:f:qvhV", longopts, NULL)) != -1) {
        /* An empty value (-o "") is a mistake in a script, never "the current directory". */
        for (const struct option *lo = longopts; optarg && !*optarg && lo->name; lo++)
            if (lo->val == c)
                return usage_error("--%s: the value is empty", lo->name);
        switch (c) {
        case 'c': o->config_path = optarg; break;
        case 'i': o->input_dir = optarg; break;
        case 'o': o->output_dir = optarg; break;
        case 'P': o->period = optarg; break;
        case 'O': o->only = optarg; break;
        case 'L': o->log_file = optarg; break;
        case 'q': o->verbosity = 0; break;
        case 'v': o->verbosity = 2; break;
        case 'p':
            o->projects = xrealloc(o->projects, (o->nprojects + 1) * sizeof *o->projects);
            o->projects[o->nprojects++] = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                o->json = true;
            else if (strcmp(optarg, "text") != 0)
                return usage_error("--format: '%s' is not text or json", optarg);
            break;
        case 'h': usage(stdout); return -1;
        case 'V': printf("smereport %s\n", SMR_VERSION); return -1;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            if (optopt) {
                char opt[3] = {'-', (char)optopt, '\0'};
                return usage_error("unknown option '%s'", opt);
            }
            return unknown_long(argv[optind - 1], longopts);
        }
    }
    /* GNU getopt moves the operands to the end: the first is the command. */
    if (optind < argc) {
        const char *cmd = argv[optind++];
        if (strcmp(cmd, "run") == 0)
            o->cmd = CMD_RUN;
        else if (strcmp(cmd, "validate") == 0)
            o->cmd = CMD_VALIDATE;
        else if (strcmp(cmd, "summary") == 0)
            o->cmd = CMD_SUMMARY;
        else
            return usage_error("unknown command '%s' (use run, validate or summary)", cmd);
    }
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    return 0;
}

/* a and b are the same ID but for the case of letters and the zeros that
 * lead a number ("l50-bs-1" and "L50-BS-01"). */
static bool same_id(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb || memcmp(a, b, na) != 0)
                return false;
            a += na;
            b += nb;
        } else if (tolower((unsigned char)*a++) != tolower((unsigned char)*b++)) {
            return false;
        }
    }
    return !*a && !*b;
}

/* The project ID of ds that id (not one of them) most likely means: the
 * same but for case and leading zeros, else the one ID a single edit away
 * (IDs are codes: two edits make another project's). */
static const char *near_project(const dataset *ds, const char *id)
{
    for (uint32_t p = 0; p < ds->nprojects; p++)
        if (same_id(id, ds->projects[p].id))
            return ds->projects[p].id;
    const char **ids = xcalloc(ds->nprojects ? ds->nprojects : 1, sizeof *ids);
    for (uint32_t p = 0; p < ds->nprojects; p++)
        ids[p] = ds->projects[p].id;
    const char *near = near_name(id, ids, ds->nprojects, 1);
    free(ids);
    return near;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Templates: config, else ./templates, else a templates/ directory beside the
 * binary or up to two levels above it (build/smereport and build/asan/smereport
 * in a source tree), else the installed copy. */
static void resolve_templates(config *cfg)
{
    if (cfg->templates_dir && *cfg->templates_dir)
        return;
    if (is_dir("templates")) {
        config_set(&cfg->templates_dir, "templates");
        return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash || slash == exe)
                break;
            *slash = '\0';
            char *cand = xasprintf("%s/templates/release_project.tpl", exe);
            bool found = access(cand, R_OK) == 0;
            free(cand);
            if (found) {
                char *dir = xasprintf("%s/templates", exe);
                config_set(&cfg->templates_dir, dir);
                free(dir);
                return;
            }
        }
    }
    config_set(&cfg->templates_dir, SMR_DATADIR "/templates");
}

static int load_config(const options *o, config *cfg)
{
    config_defaults(cfg);
    const char *path = o->config_path;
    if (!path) {
        if (access("config.ini", F_OK) == 0)
            path = "config.ini";
        else if (access(SMR_SYSCONFDIR "/config.ini", F_OK) == 0)
            path = SMR_SYSCONFDIR "/config.ini";
    }
    if (path) {
        int rc = config_load(cfg, path);
        if (rc != EXIT_OK)
            return rc;
    }
    if (o->input_dir)
        config_set(&cfg->input_dir, o->input_dir);
    if (o->output_dir)
        config_set(&cfg->output_dir, o->output_dir);
    if (o->log_file)
        config_set(&cfg->log_file, o->log_file);
    if (o->period) {
        const char *why = NULL;
        if (!period_parse(o->period, &cfg->period, &why))
            return usage_error("--period: '%s' %s", o->period, why ? why : "is not a period");
        config_set(&cfg->period_text, o->period);
    }
    if (o->only) {
        cfg->outputs = 0;
        char *list = xstrdup(o->only), *save = NULL;
        for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            int i = renderer_find(t);
            if (i < 0) {
                char *names = renderer_names(", ", " or ");
                int rc = usage_error("--only: '%s' is not %s", t, names);
                free(names);
                free(list);
                return rc;
            }
            cfg->outputs |= 1u << i;
        }
        free(list);
    }
    resolve_templates(cfg);
    return config_check_names(cfg);
}

static int creation_time(time_t *out)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) {
        *out = time(NULL);
        return EXIT_OK;
    }
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL) {
        msg_error("SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970", s);
        return EXIT_USAGE;
    }
    *out = (time_t)v;
    return EXIT_OK;
}

/* Ingest progress (bytes done of total) through the one progress line, as a percentage. */
static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    if (done >= total)
        progress_show(NULL, 0, 0);
    else
        progress_show("reading input", done * 1000 / total, 1000);
}

/* Opens the log file (none for NULL or "") and sends every message there too. */
static int open_log(const char *path, FILE **log)
{
    if (!path || !*path)
        return EXIT_OK;
    *log = fopen(path, "a");
    if (!*log) {
        msg_error("cannot open the log file %s: %s", path, strerror(errno));
        return EXIT_CONFIG;
    }
    msg_set_log(*log);
    return EXIT_OK;
}

static char *join_path(const char *dir, const char *file)
{
    return xasprintf("%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", file);
}

static int render_all(const config *cfg, const dataset *ds, const figures *fig, const value *model,
                      const diag_list *diags, time_t created, progress_fn progress,
                      diag_list *tpl_diags)
{
    stage st;
    int rc = stage_open(&st, cfg->output_dir);
    if (rc != EXIT_OK)
        return rc;
    render_ctx ctx = {.cfg = cfg, .ds = ds, .fig = fig, .model = model, .diags = diags,
                      .dir = st.dir, .created = created, .progress = progress,
                      .releases = release_set_new()};
    /* The workbook is written in a process of its own beside the releases
     * when both are wanted and [limits] jobs allows two processes: it holds
     * one of the jobs while it runs (render_pool starts one worker fewer),
     * and it starts first, so that the other formats' work in this process
     * (figures.json, the releases' preparation) runs beside it. A format of
     * many documents (PDF, HWPX) only prepares them in its turn; render_pool
     * then writes the documents of all of them from one queue. Each format's
     * files are listed in renderers[] order, so the manifest and index.html
     * are as a serial run's. */
    int beside = -1;
    for (size_t i = 0; i < renderer_count; i++)
        if (renderers[i] == &renderer_xlsx && (cfg->outputs >> i & 1u) && cfg->jobs >= 2 &&
            (cfg->outputs >> (i + 1)) != 0)
            beside = (int)i;
    if (beside >= 0)
        rc = render_background_start(renderers[beside], &ctx);
    output_list *per = xcalloc(renderer_count, sizeof *per);
    render_batch *batch = xcalloc(renderer_count, sizeof *batch);
    size_t nb = 0;
    for (size_t i = 0; i < renderer_count && rc == EXIT_OK; i++) {
        if (!(cfg->outputs >> i & 1u) || (int)i == beside)
            continue;
        double t0 = now_ms();
        if (renderers[i]->prepare) {
            rc = renderers[i]->prepare(&ctx, tpl_diags, &batch[nb]);
            if (rc == EXIT_OK)
                batch[nb++].out = &per[i];
            continue;
        }
        rc = renderers[i]->render(&ctx, &per[i], tpl_diags);
        msg_debug("%s: %s, %zu file%s in %.0f ms", renderers[i]->name,
                  rc == EXIT_OK ? "done" : "failed", per[i].n, PLURAL(per[i].n), now_ms() - t0);
    }
    if (rc == EXIT_OK && nb > 0) {
        rc = render_pool(batch, nb, cfg, progress);
    } else {
        for (size_t k = 0; k < nb; k++)
            batch[k].done(batch[k].arg, rc, NULL, NULL);
    }
    free(batch);
    if (beside >= 0) {
        /* Always waited for, also after a failure: nothing may still be
         * writing into the staging directory when it is removed. */
        int brc = render_background_finish(&per[beside]);
        if (rc == EXIT_OK)
            rc = brc;
    }
    output_list out = {0};
    for (size_t i = 0; i < renderer_count; i++) {
        for (size_t k = 0; k < per[i].n; k++)
            outputs_add_sum(&out, per[i].names[k], &per[i].sum[k]);
        outputs_free(&per[i]);
    }
    free(per);
    double t_end = now_ms();
    if (rc == EXIT_OK)
        rc = index_write(&ctx, &out);
    double t_index = now_ms();
    if (rc == EXIT_OK)
        rc = manifest_write(&ctx, &out);
    double t_manifest = now_ms();
    rc = write_guard_status(rc); /* this process's writes: JSON, index, manifest, ... */
    if (rc == EXIT_OK)
        rc = stage_commit(&st, fig->period.label, time(NULL), cfg->keep_runs);
    msg_debug("index.html %.1f ms, manifest %.1f ms, commit (fsync, rename, latest) %.1f ms",
              t_index - t_end, t_manifest - t_index, now_ms() - t_manifest);
    /* Problems in templates and fonts first, then the outcome. */
    diag_report(tpl_diags);
    char nfiles[GROUPED_MAX];
    if (rc == EXIT_OK)
        msg_info("wrote %s file%s to %s (%s/latest points at it)",
                 fmt_grouped(nfiles, (int64_t)(out.n + 1)), PLURAL(out.n + 1), st.final_dir,
                 cfg->output_dir);
    else
        msg_error("nothing was written; the previous outputs in %s are unchanged", cfg->output_dir);
    outputs_free(&out);
    release_set_free(ctx.releases); /* after the diagnostics: they name its template paths */
    stage_close(&st);
    render_pool_reap();
    return rc;
}

/* Warnings about the figures themselves, at the projects.csv row they
 * concern: a project whose cumulative 집행률 passes 100 % (executed more than
 * its 사업비 — support beyond the budget, or 천원/백만원 mixed up in the
 * export). Printed now, then kept with the input's diagnostics so that the
 * workbook's 검증결과 sheet lists them. */
static void over_budget_warnings(const dataset *ds, const figures *fig, diag_list *w)
{
    strbuf ex = {0}, bu = {0}, pc = {0}, to = {0};
    date_fmt(&to, fig->period.to);
    for (uint32_t k = 0; k < ds->nprojects; k++) {
        uint32_t p = fig->project_order[k];
        if (!figures_over_budget(fig, p))
            continue;
        const project_fig *C = &fig->cumulative.projects[p];
        kfmt_money(&ex, C->t.executed);
        kfmt_money(&bu, C->budget);
        kfmt_percent(&pc, C->exec_rate, 1);
        diag_add(w, DIAG_WARNING, ds->files[SRC_PROJECTS].path, ds->projects[p].line, 0,
                 "%s: executed support up to %s (%s) exceeds the 사업비 (%s): 집행률 %s; "
                 "support beyond the budget, or amounts in mixed units (천원/백만원) in the export?",
                 ds->projects[p].id, sb_str(&to), sb_str(&ex), sb_str(&bu), sb_str(&pc));
        sb_reset(&ex);
        sb_reset(&bu);
        sb_reset(&pc);
    }
    sb_free(&ex);
    sb_free(&bu);
    sb_free(&pc);
    sb_free(&to);
}

/* A release without support says so instead of printing zero figures
 * (templates/release_*.tpl): the run tells about each such release, since a
 * press officer would not send it as it is. With no support at all up to the
 * period's end (a period before the data, say) one warning says so for every
 * release; otherwise one per project that has none, at its projects.csv row.
 * A period without new support but with earlier support is not warned about:
 * its releases give the cumulative figures. */
static void no_support_warnings(const config *cfg, const dataset *ds, const figures *fig, diag_list *w)
{
    if (!renderer_enabled(cfg, "pdf") && !renderer_enabled(cfg, "hwpx"))
        return;
    strbuf to = {0}, from = {0}, last = {0};
    date_fmt(&to, fig->period.to);
    if (fig->cumulative.t.amount == 0) {
        if (fig->data_to) {
            date_fmt(&from, fig->data_from);
            date_fmt(&last, fig->data_to);
            diag_add(w, DIAG_WARNING, ds->files[SRC_ALLOCATIONS].path, 0, 0,
                     "no support up to %s (the allocations run from %s to %s): every release says "
                     "there is none yet; is the period right?",
                     sb_str(&to), sb_str(&from), sb_str(&last));
        } else {
            diag_add(w, DIAG_WARNING, ds->files[SRC_ALLOCATIONS].path, 0, 0,
                     "no allocation is counted (none, or all 취소): every release says there is "
                     "no support yet");
        }
    } else {
        for (uint32_t p = 0; p < ds->nprojects; p++)
            if (fig->cumulative.projects[p].t.amount == 0)
                diag_add(w, DIAG_WARNING, ds->files[SRC_PROJECTS].path, ds->projects[p].line, 0,
                         "%s: no support up to %s: its release says there is none yet",
                         ds->projects[p].id, sb_str(&to));
    }
    sb_free(&to);
    sb_free(&from);
    sb_free(&last);
}

/* A run that writes PDFs also warns, before any document, about each
 * character of the data that no PDF face draws, at the data's file:line:col
 * (unreadable fonts are left to the PDF renderer, which stops the run). */
static void glyph_warnings(const config *cfg, const dataset *ds, diag_list *w)
{
    if (!renderer_enabled(cfg, "pdf"))
        return;
    const char *faces[] = {cfg->font_serif, cfg->font_serif_bold, cfg->font_sans, cfg->font_sans_bold};
    for (size_t i = 0; i < ARRAY_LEN(faces); i++)
        if (!faces[i] || access(faces[i], R_OK) != 0)
            return;
    pdf_data_glyph_warnings(cfg, ds, w);
}

static void figure_warnings(const config *cfg, bool run, const dataset *ds, const figures *fig,
                            diag_list *diags)
{
    diag_list w = {0};
    over_budget_warnings(ds, fig, &w);
    if (run) {
        no_support_warnings(cfg, ds, fig, &w);
        glyph_warnings(cfg, ds, &w);
    }
    diag_report(&w);
    for (size_t k = 0; k < w.n; k++)
        diag_add(diags, w.v[k].sev, w.v[k].file, w.v[k].line, w.v[k].col, "%s", w.v[k].msg);
    diag_sort(diags);
    diag_free(&w);
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0) {
        free(o.projects);
        return rc < 0 ? EXIT_OK : rc;
    }
    msg_set_verbosity(o.verbosity);
    write_guard_install();

    config cfg = {0};
    dataset ds = {0};
    figures fig = {0};
    diag_list diags = {0};
    arena model_arena = {0};
    FILE *log = NULL;
    time_t created = 0;

    /* --log opens before config.ini is read, so its problems are logged too;
     * a [log] file named in config.ini opens once the file has been read. */
    rc = open_log(o.log_file, &log);
    if (rc == EXIT_OK)
        rc = load_config(&o, &cfg);
    if (rc == EXIT_OK && !log)
        rc = open_log(cfg.log_file, &log);
    if (rc != EXIT_OK)
        goto out;
    rc = creation_time(&created);
    if (rc != EXIT_OK)
        goto out;

    bool tty = isatty(STDERR_FILENO) && o.verbosity > 0;
    ingest_options in = {.encoding = cfg.encoding,
                         .hash = o.cmd == CMD_RUN,
                         .read_ahead = cfg.jobs >= 2,
                         .read_ahead_min = (uint64_t)1 << 20,
                         .progress = tty ? show_progress : NULL};
    char *paths[SRC_COUNT] = {join_path(cfg.input_dir, cfg.projects_file),
                              join_path(cfg.input_dir, cfg.firms_file),
                              join_path(cfg.input_dir, cfg.allocations_file)};
    for (int i = 0; i < SRC_COUNT; i++)
        in.paths[i] = paths[i];
    diags.limit = (size_t)cfg.max_diagnostics;
    double t0 = now_ms();
    rc = ingest_all(&in, &ds, &diags);
    double t1 = now_ms();
    diag_report(&diags);
    if (rc != EXIT_OK) {
        char n[GROUPED_MAX];
        msg_error("%s error%s in the input; nothing was written",
                  fmt_grouped(n, (int64_t)diag_errors(&diags)), PLURAL(diag_errors(&diags)));
    }
    if (rc != EXIT_OK || o.cmd == CMD_VALIDATE) {
        if (rc == EXIT_OK) {
            /* What the figures say about the input (a 집행률 past the budget:
             * amounts in mixed units?) is said by validate too. */
            aggregate(&ds, &cfg.period, &fig);
            figure_warnings(&cfg, false, &ds, &fig, &diags);
            char p[GROUPED_MAX], f[GROUPED_MAX], a[GROUPED_MAX], w[GROUPED_MAX];
            msg_info("input is valid: %s project%s, %s firm%s, %s allocation%s; %s warning%s",
                     fmt_grouped(p, ds.nprojects), PLURAL(ds.nprojects),
                     fmt_grouped(f, ds.nfirms), PLURAL(ds.nfirms), fmt_grouped(a, ds.nallocs),
                     PLURAL(ds.nallocs), fmt_grouped(w, (int64_t)diag_warnings(&diags)),
                     PLURAL(diag_warnings(&diags)));
        }
        for (int i = 0; i < SRC_COUNT; i++)
            free(paths[i]);
        goto out;
    }

    const char *missing = NULL;
    if (o.nprojects && !dataset_select_projects(&ds, o.projects, o.nprojects, &missing)) {
        const char *near = near_project(&ds, missing);
        if (near)
            rc = usage_error("--project: no project '%s' in the input; did you mean '%s'?", missing, near);
        else
            rc = usage_error("--project: no project '%s' in the input", missing);
        for (int i = 0; i < SRC_COUNT; i++)
            free(paths[i]);
        goto out;
    }

    double t2 = now_ms();
    aggregate(&ds, &cfg.period, &fig);
    double t3 = now_ms();
    value *model = report_model(&model_arena, &cfg, &ds, &fig, created);
    double t4 = now_ms();
    figure_warnings(&cfg, o.cmd == CMD_RUN, &ds, &fig, &diags);
    msg_debug("ingest %.0f ms, aggregate %.0f ms, report model %.0f ms, figure warnings %.0f ms; "
              "dataset %.1f MB of text, report model %.1f MB",
              t1 - t0, t3 - t2, t4 - t3, now_ms() - t4, ds.arena.total / 1e6, model_arena.total / 1e6);
    if (fig.cancelled_allocs) {
        char n[GROUPED_MAX];
        msg_debug("%s cancelled allocation%s (취소) counted in no figure",
                  fmt_grouped(n, fig.cancelled_allocs), PLURAL(fig.cancelled_allocs));
    }

    if (o.cmd == CMD_SUMMARY) {
        rc = summary_print(stdout, &cfg, &ds, &fig, model, o.json, &diags);
    } else {
        diag_list tpl_diags = {0};
        rc = render_all(&cfg, &ds, &fig, model, &diags, created, tty ? progress_show : NULL, &tpl_diags);
        diag_free(&tpl_diags);
    }
    for (int i = 0; i < SRC_COUNT; i++)
        free(paths[i]);

out:
    if (fflush(stdout) != 0 || ferror(stdout)) {
        msg_error("cannot write to standard output: %s", strerror(errno));
        if (rc == EXIT_OK)
            rc = EXIT_OUTPUT;
    }
    arena_free(&model_arena);
    figures_free(&fig);
    dataset_free(&ds);
    diag_free(&diags);
    config_free(&cfg);
    free(o.projects);
    if (log) {
        msg_set_log(NULL);
        fclose(log);
    }
    return rc;
}
