/* diag.c — collecting and printing diagnostics about the user's files, and
 * the program's own messages. This is the one place that formats what a
 * user reads on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "exitcodes.h"
#include "strbuf.h"

static const char *const sev_name[] = {"note", "warning", "error"};

const char *exit_code_text(int code)
{
#define SMR_X(name, c, text)                                                                       \
    if (code == (c))                                                                               \
        return text;
    SMR_EXIT_CODES(SMR_X)
#undef SMR_X
    return "unknown";
}

void diag_add(diag_list *d, diag_severity sev, const char *file, uint32_t line, uint32_t col,
              const char *fmt, ...)
{
    d->count[sev]++;
    if (d->limit && d->n >= d->limit) {
        d->dropped++;
        return;
    }
    xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    d->v[d->n++] = (diag){.sev = sev, .file = file, .line = line, .col = col, .msg = sb_take(&b)};
}

/* File names compare as strings; a diagnostic without a file sorts first. */
static int diag_cmp(const void *pa, const void *pb)
{
    const diag *a = pa, *b = pb;
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if (a->sev != b->sev)
        return a->sev > b->sev ? -1 : 1;
    /* Stable on the message so the output is the same for the same input. */
    return strcmp(a->msg, b->msg);
}

void diag_sort(diag_list *d)
{
    if (d->n > 1)
        qsort(d->v, d->n, sizeof *d->v, diag_cmp);
}

void diag_print(const diag_list *d, FILE *out)
{
    diag_print_min(d, out, DIAG_NOTE);
}

void diag_print_min(const diag_list *d, FILE *out, diag_severity min)
{
    for (size_t i = 0; i < d->n; i++) {
        const diag *x = &d->v[i];
        if (x->sev < min)
            continue;
        if (x->file && x->line && x->col)
            fprintf(out, "%s:%u:%u: %s: %s\n", x->file, x->line, x->col, sev_name[x->sev], x->msg);
        else if (x->file && x->line)
            fprintf(out, "%s:%u: %s: %s\n", x->file, x->line, sev_name[x->sev], x->msg);
        else if (x->file)
            fprintf(out, "%s: %s: %s\n", x->file, sev_name[x->sev], x->msg);
        else
            fprintf(out, "smereport: %s: %s\n", sev_name[x->sev], x->msg);
    }
    if (d->dropped)
        fprintf(out,
                "smereport: note: %zu more problem%s not shown (limit %zu: [limits] max_diagnostics)\n",
                d->dropped, d->dropped == 1 ? "" : "s", d->limit);
}

void diag_free(diag_list *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].msg);
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* ---- program messages ---- */

static int verbosity = 1;
static FILE *log_file;

void msg_set_verbosity(int level) { verbosity = level; }
int msg_verbosity(void) { return verbosity; }
void msg_set_log(FILE *f) { log_file = f; }

static void vmsg(int level, const char *kind, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    if (level <= verbosity) {
        fputs("smereport: ", stderr);
        if (kind)
            fprintf(stderr, "%s: ", kind);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    if (log_file) {
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
        fprintf(log_file, "%s smereport: ", stamp);
        if (kind)
            fprintf(log_file, "%s: ", kind);
        vfprintf(log_file, fmt, ap2);
        fputc('\n', log_file);
        fflush(log_file);
    }
    va_end(ap2);
}

#define MSG_FN(fn, level, kind)                                                                    \
    void fn(const char *fmt, ...)                                                                  \
    {                                                                                              \
        va_list ap;                                                                                \
        va_start(ap, fmt);                                                                         \
        vmsg(level, kind, fmt, ap);                                                                \
        va_end(ap);                                                                                \
    }
MSG_FN(msg_error, 0, "error")
MSG_FN(msg_warn, 1, "warning")
MSG_FN(msg_info, 1, NULL)
MSG_FN(msg_debug, 2, NULL)
