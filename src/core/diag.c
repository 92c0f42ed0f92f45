/* diag.c — collecting and printing diagnostics about the user's files, and
 * the program's own messages. This is the one place that formats what a
 * user reads on stderr or in the --log file.
 *
 * Messages quote the user's data (IDs, names, statuses, paths), and data can
 * hold terminal escapes: ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J
 * clears it, a line break forges a log line. So every line is written through
 * put_line(), which shows each control character — C0 but tab, DEL, the C1
 * range U+0080–U+009F — and each byte that is not UTF-8 as a visible escape
 * (\x1b, \u009b, \xff); everything else, Korean included, passes as is. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "exitcodes.h"
#include "strbuf.h"

static const char *const sev_name[] = {"note", "warning", "error"};

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!k || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return k;
}

/* Writes prefix, s and a newline to out, control characters and stray bytes
 * of s escaped, in one write(2): the main process and a release worker may
 * report at the same moment (a full disk), and stderr is unbuffered, so a
 * line written piece by piece interleaved with the other's, character by
 * character ("ssmmeerreeppoorrtt"). One write(2) a line: lines no longer mix. */
static void put_line(FILE *out, const char *prefix, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str);
    strbuf b = {0};
    if (prefix)
        sb_adds(&b, prefix);
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F)
                sb_addf(&b, "\\x%02x", c);
            else
                sb_addc(&b, (char)c);
            i++;
            continue;
        }
        size_t k = utf8_len(s + i, n - i);
        if (!k)
            sb_addf(&b, "\\x%02x", c), k = 1;
        else if (c == 0xC2 && s[i + 1] <= 0x9F)
            sb_addf(&b, "\\u%04x", s[i + 1]);
        else
            sb_addn(&b, (const char *)s + i, k);
        i += k;
    }
    sb_addc(&b, '\n');
    int fd = fileno(out);
    fflush(out);
    const char *p = sb_str(&b);
    size_t left = b.len;
    while (fd >= 0 && left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
    if (fd < 0)
        fwrite(p, 1, left, out);
    sb_free(&b);
}

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

/* The line of one diagnostic: `file:line:col: severity: message`. */
static void diag_line(const diag *x, strbuf *b)
{
    sb_reset(b);
    if (x->file && x->line && x->col)
        sb_addf(b, "%s:%u:%u: %s: %s", x->file, x->line, x->col, sev_name[x->sev], x->msg);
    else if (x->file && x->line)
        sb_addf(b, "%s:%u: %s: %s", x->file, x->line, sev_name[x->sev], x->msg);
    else if (x->file)
        sb_addf(b, "%s: %s: %s", x->file, sev_name[x->sev], x->msg);
    else
        sb_addf(b, "smereport: %s: %s", sev_name[x->sev], x->msg);
}

static void dropped_line(const diag_list *d, strbuf *b)
{
    char n[GROUPED_MAX], limit[GROUPED_MAX];
    sb_reset(b);
    sb_addf(b, "smereport: note: %s more problem%s not shown (limit %s: [limits] max_diagnostics)",
            fmt_grouped(n, (int64_t)d->dropped), d->dropped == 1 ? "" : "s",
            fmt_grouped(limit, (int64_t)d->limit));
}

void diag_print_min(const diag_list *d, FILE *out, diag_severity min)
{
    strbuf b = {0};
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].sev < min)
            continue;
        diag_line(&d->v[i], &b);
        put_line(out, NULL, sb_str(&b));
    }
    if (d->dropped) {
        dropped_line(d, &b);
        put_line(out, NULL, sb_str(&b));
    }
    sb_free(&b);
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

/* One line to stderr (if level is shown) and to the log file, with a UTC time stamp. */
static void emit(int level, const char *line)
{
    if (level <= verbosity)
        put_line(stderr, NULL, line);
    if (log_file) {
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
        strcat(stamp, " ");
        put_line(log_file, stamp, line);
    }
}

static void vmsg(int level, const char *kind, const char *fmt, va_list ap)
{
    strbuf b = {0};
    sb_adds(&b, "smereport: ");
    if (kind)
        sb_addf(&b, "%s: ", kind);
    sb_vaddf(&b, fmt, ap);
    emit(level, sb_str(&b));
    sb_free(&b);
}

void msg_line(const char *fmt, ...)
{
    strbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    emit(0, sb_str(&b));
    sb_free(&b);
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

void diag_report(diag_list *d)
{
    diag_sort(d);
    strbuf b = {0};
    for (size_t i = 0; i < d->n; i++) {
        diag_line(&d->v[i], &b);
        emit(d->v[i].sev == DIAG_ERROR ? 0 : 1, sb_str(&b));
    }
    if (d->dropped) {
        dropped_line(d, &b);
        emit(1, sb_str(&b));
    }
    sb_free(&b);
}

/* ---- progress on a terminal ---- */

void progress_show(const char *what, uint64_t done, uint64_t total)
{
    if (!what)
        fputs("\r\033[K", stderr);
    else if (total == 0)
        fprintf(stderr, "\rsmereport: %s\033[K", what);
    else if (total < 1000)
        fprintf(stderr, "\rsmereport: %s %llu/%llu", what, (unsigned long long)done,
                (unsigned long long)total);
    else
        fprintf(stderr, "\rsmereport: %s %3u%%", what, (unsigned)(done * 100 / total));
}

/* ---- a library's own stderr ---- */

/* Where the library's stderr goes meanwhile: a memory file (memfd), else a
 * temporary file. (tmpfile() creates an inode in /tmp; on this machine's
 * unjournalled ext4 that is 100-150 us of CPU, twice per workbook.) */
static FILE *capture_file(void)
{
    int fd = memfd_create("smereport-stderr", MFD_CLOEXEC);
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w+");
        if (f)
            return f;
        close(fd);
    }
    return tmpfile();
}

void stderr_capture_begin(stderr_capture *c)
{
    c->saved = -1;
    fflush(stderr);
    c->tmp = capture_file();
    int to = c->tmp ? fileno(c->tmp) : open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (to < 0)
        return;
    c->saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (c->saved >= 0 && dup2(to, STDERR_FILENO) < 0) {
        close(c->saved);
        c->saved = -1;
    }
    if (!c->tmp)
        close(to);
}

void stderr_capture_end(stderr_capture *c, const char *source)
{
    if (c->saved >= 0) {
        fflush(stderr);
        dup2(c->saved, STDERR_FILENO);
        close(c->saved);
        c->saved = -1;
    }
    if (!c->tmp)
        return;
    rewind(c->tmp);
    char line[1024];
    while (fgets(line, sizeof line, c->tmp)) {
        line[strcspn(line, "\n")] = '\0';
        if (*line)
            msg_debug("%s: %s", source, line);
    }
    fclose(c->tmp);
    c->tmp = NULL;
}
