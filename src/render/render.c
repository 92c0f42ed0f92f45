/* render.c — what every renderer shares: the table of renderers (the one
 * place that lists the output formats), the list of files a run wrote, a
 * set of the file names already taken (a hash set, so that naming 100,000
 * releases stays linear), writing one output file, and running work in
 * forked children: per item (render_fork_each) or one whole renderer beside
 * the others (render_background_start), all within [limits] jobs. (File names from IDs: safe_file_name in core/utf8.c.) */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "render.h"
#include "strbuf.h"
#include "write_guard.h"

/* The output formats, in the order they run. A new format is one line here. */
const renderer *const renderers[] = {&renderer_json, &renderer_xlsx, &renderer_pdf, &renderer_hwpx};
const size_t renderer_count = ARRAY_LEN(renderers);

_Static_assert(ARRAY_LEN(renderers) <= 8 * sizeof(unsigned), "config.outputs has a bit per renderer");

int renderer_find(const char *name)
{
    for (size_t i = 0; i < renderer_count; i++)
        if (strcmp(renderers[i]->name, name) == 0)
            return (int)i;
    return -1;
}

bool renderer_enabled(const config *cfg, const char *name)
{
    int i = renderer_find(name);
    return i >= 0 && (cfg->outputs >> i & 1u);
}

char *renderer_names(const char *sep, const char *last_sep)
{
    strbuf sb = {0};
    for (size_t i = 0; i < renderer_count; i++)
        sb_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == renderer_count ? last_sep : sep,
                renderers[i]->name);
    return sb_take(&sb);
}

void outputs_add(output_list *o, const char *name)
{
    xgrow((void **)&o->names, &o->cap, o->n + 1, sizeof *o->names);
    o->names[o->n++] = xstrdup(name);
}

void outputs_free(output_list *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n; i++)
        free(o->names[i]);
    free(o->names);
    memset(o, 0, sizeof *o);
}


int output_write_by(const render_ctx *ctx, const char *name, bool (*fill)(FILE *f, const void *arg),
                    const void *arg, output_list *out)
{
    char *path = xasprintf("%s/%s", ctx->dir, name);
    int rc = EXIT_OK;
    FILE *f = fopen(path, "wb");
    if (!f) {
        msg_error("cannot create %s: %s", path, strerror(errno));
        rc = EXIT_OUTPUT;
    } else {
        bool ok = fill(f, arg);
        int err = errno;
        if (fclose(f) != 0 && ok) {
            ok = false;
            err = errno;
        }
        if (!ok) {
            msg_error("cannot write %s: %s", path, strerror(err));
            rc = EXIT_OUTPUT;
        }
    }
    if (rc == EXIT_OK)
        outputs_add(out, name);
    free(path);
    return rc;
}

typedef struct bytes {
    const char *data;
    size_t len;
} bytes;

static bool fill_bytes(FILE *f, const void *arg)
{
    const bytes *b = arg;
    return fwrite(b->data, 1, b->len, f) == b->len;
}

int output_write(const render_ctx *ctx, const char *name, const char *data, size_t len, output_list *out)
{
    return output_write_by(ctx, name, fill_bytes, &(bytes){data, len}, out);
}

/* The renderer running beside the others (render_background_start): its
 * process, the pipe its file names come through, and its exit status once
 * some waitpid has reaped it. File-level because render_fork_each's
 * waitpid(-1) may be the one that reaps it. */
static struct {
    pid_t pid;
    int fd;
    bool reaped;
    int status;
    int jobs_fd; /* parent: where the jobs it stops using are handed to the child */
    int jobs;    /* [limits] jobs of the run */
} bg = {0, -1, false, 0, -1, 1};

/* In the background renderer's process: the socket its parent hands jobs
 * through (one byte each), or -1 in any other process, where every job a
 * renderer may use is free at once. */
static int jobs_in_fd = -1;

static bool bg_running(void)
{
    return bg.pid > 0 && !bg.reaped;
}

/* True (and the status kept) if w is the background renderer. */
static bool bg_reaped(pid_t w, int status)
{
    if (bg.pid <= 0 || w != bg.pid)
        return false;
    bg.reaped = true;
    bg.status = status;
    return true;
}

int render_jobs(const config *cfg)
{
    int jobs = cfg->jobs < 1 ? 1 : cfg->jobs;
    return bg_running() && jobs > 1 ? jobs - 1 : jobs;
}

int render_extra_jobs(const config *cfg)
{
    return cfg->jobs > 1 ? cfg->jobs - 1 : 0;
}

bool render_job_wait(int quit_fd, int timeout_ms)
{
    if (jobs_in_fd < 0)
        return true;
    struct pollfd pf[2] = {{.fd = jobs_in_fd, .events = POLLIN}, {.fd = quit_fd, .events = POLLIN}};
    for (;;) {
        int k = poll(pf, 2, timeout_ms);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0 || (pf[1].revents & (POLLIN | POLLHUP | POLLERR)))
            return false;
        if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char c;
            ssize_t n = read(jobs_in_fd, &c, 1); /* several threads may wait: one byte each */
            if (n == 1)
                return true;
            if (n == 0 || (errno != EINTR && errno != EAGAIN))
                return false;
        }
    }
}

struct work_queue {
    _Atomic size_t next;
    size_t n;
};

work_queue *work_queue_new(size_t n, const char *what)
{
    work_queue *q = mmap(NULL, sizeof *q, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (q == MAP_FAILED) {
        msg_error("cannot share the %s work between processes: %s", what, strerror(errno));
        return NULL;
    }
    atomic_init(&q->next, 0);
    q->n = n;
    return q;
}

bool work_queue_take(work_queue *q, size_t *i)
{
    *i = atomic_fetch_add(&q->next, 1);
    return *i < q->n;
}

void work_queue_free(work_queue *q)
{
    if (q)
        munmap(q, sizeof *q);
}

int render_background_start(const renderer *r, const render_ctx *ctx)
{
    int fds[2], jfds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        msg_error("cannot start the %s renderer beside the others: %s", r->name, strerror(errno));
        return EXIT_INTERNAL;
    }
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, jfds) != 0) {
        msg_error("cannot start the %s renderer beside the others: %s", r->name, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return EXIT_INTERNAL;
    }
    fflush(NULL); /* the child must not inherit unwritten output */
    pid_t p = fork();
    if (p < 0) {
        msg_error("cannot start the %s renderer beside the others: %s", r->name, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        close(jfds[0]);
        close(jfds[1]);
        return EXIT_INTERNAL;
    }
    if (p == 0) {
        close(fds[0]);
        close(jfds[1]);
        jobs_in_fd = jfds[0];
        output_list o = {0};
        diag_list d = {0};
        double t0 = now_ms();
        int rc = write_guard_status(r->render(ctx, &o, &d));
        msg_debug("%s: %s beside the others, %zu file%s in %.0f ms", r->name,
                  rc == EXIT_OK ? "done" : "failed", o.n, o.n == 1 ? "" : "s", now_ms() - t0);
        /* The names, each NUL-terminated; a short write fails the run. */
        for (size_t i = 0; i < o.n && rc == EXIT_OK; i++) {
            size_t len = strlen(o.names[i]) + 1;
            if (write(fds[1], o.names[i], len) != (ssize_t)len)
                rc = EXIT_INTERNAL;
        }
        fflush(NULL);
        _exit(rc);
    }
    close(fds[1]);
    close(jfds[0]);
    bg.pid = p;
    bg.fd = fds[0];
    bg.reaped = false;
    bg.jobs_fd = jfds[1];
    bg.jobs = ctx->cfg->jobs < 1 ? 1 : ctx->cfg->jobs;
    return EXIT_OK;
}

int render_background_finish(output_list *out)
{
    if (bg.pid <= 0)
        return EXIT_OK;
    /* This process only waits from here on: the jobs it used (all but the
     * one the background renderer holds) are the child's now (a socket, not
     * a pipe: a child that has already ended must not raise SIGPIPE here). */
    static const char tokens[64];
    size_t give = (size_t)(bg.jobs - 1) < sizeof tokens ? (size_t)(bg.jobs - 1) : sizeof tokens;
    if (give && send(bg.jobs_fd, tokens, give, MSG_NOSIGNAL) < 0 && errno != EPIPE)
        msg_debug("handing %zu job%s to the renderer beside the others: %s", give, give == 1 ? "" : "s", strerror(errno));
    close(bg.jobs_fd);
    bg.jobs_fd = -1;
    strbuf names = {0};
    char buf[4096];
    for (;;) {
        ssize_t k = read(bg.fd, buf, sizeof buf);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        sb_addn(&names, buf, (size_t)k);
    }
    close(bg.fd);
    while (!bg.reaped) {
        int status = 0;
        pid_t w = waitpid(bg.pid, &status, 0);
        if (w == bg.pid)
            bg_reaped(w, status);
        else if (w < 0 && errno != EINTR)
            break;
    }
    int rc = EXIT_OK;
    if (!bg.reaped) {
        msg_error("waiting for the renderer beside the others failed: %s", strerror(errno));
        rc = EXIT_INTERNAL;
    } else if (WIFEXITED(bg.status)) {
        rc = WEXITSTATUS(bg.status);
    } else {
        msg_error("the renderer beside the others was killed by signal %d",
                  WIFSIGNALED(bg.status) ? WTERMSIG(bg.status) : 0);
        rc = EXIT_INTERNAL;
    }
    for (size_t i = 0; rc == EXIT_OK && i < names.len; i += strlen(names.s + i) + 1)
        outputs_add(out, names.s + i);
    sb_free(&names);
    bg.pid = 0;
    bg.fd = -1;
    bg.reaped = false;
    return rc;
}

int render_fork_each(const fork_jobs *fj)
{
    int worst = EXIT_OK;
    size_t next = 0, running = 0, done = 0, n = fj->n;
    size_t jobs = fj->jobs < 1 ? 1 : (size_t)fj->jobs;
    /* The running children: at most jobs, so reaping one is O(jobs), not O(children started). */
    pid_t *pid = xcalloc(jobs, sizeof *pid);
    size_t *item = xcalloc(jobs, sizeof *item);
    fflush(NULL); /* children must not inherit unwritten output */
    while (next < n || running > 0) {
        /* A background renderer holds one of the jobs while it runs. */
        size_t slots = bg_running() && jobs > 1 ? jobs - 1 : jobs;
        while (worst == EXIT_OK && next < n && running < slots) {
            pid_t p = fork();
            if (p < 0) {
                msg_error("cannot start a %s worker for %s: %s", fj->what, fj->name(fj->arg, next),
                          strerror(errno));
                worst = EXIT_INTERNAL;
                break;
            }
            if (p == 0) {
                int rc = write_guard_status(fj->run(fj->arg, next));
                fflush(NULL);
                _exit(rc);
            }
            size_t k = 0;
            while (pid[k])
                k++;
            pid[k] = p;
            item[k] = next++;
            running++;
        }
        if (running == 0)
            break;
        int status = 0;
        pid_t w = waitpid(-1, &status, 0);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            msg_error("waiting for the %s workers failed: %s", fj->what, strerror(errno));
            worst = worst ? worst : EXIT_INTERNAL;
            break;
        }
        if (bg_reaped(w, status))
            continue;
        size_t k = 0;
        while (k < jobs && pid[k] != w)
            k++;
        if (k == jobs)
            continue; /* not ours */
        size_t i = item[k];
        pid[k] = 0;
        running--;
        if (fj->progress)
            fj->progress(fj->progress_label, ++done, n);
        int rc = EXIT_OK;
        if (WIFEXITED(status)) {
            rc = WEXITSTATUS(status);
        } else {
            msg_error("the %s worker for %s was killed by signal %d", fj->what, fj->name(fj->arg, i),
                      WIFSIGNALED(status) ? WTERMSIG(status) : 0);
            rc = EXIT_INTERNAL;
        }
        if (rc != EXIT_OK && worst == EXIT_OK)
            worst = rc;
    }
    if (fj->progress)
        fj->progress(NULL, 0, 0);
    free(pid);
    free(item);
    return worst;
}

/* FNV-1a: names are short and few per slot. */
static uint64_t name_hash(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h;
}

static char **name_slot(char **slot, size_t cap, const char *name)
{
    size_t h = name_hash(name) & (cap - 1);
    while (slot[h] && strcmp(slot[h], name))
        h = (h + 1) & (cap - 1);
    return &slot[h];
}

bool name_set_add(name_set *s, const char *name)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        char **ns = xcalloc(ncap, sizeof *ns);
        for (size_t k = 0; k < s->cap; k++)
            if (s->slot[k])
                *name_slot(ns, ncap, s->slot[k]) = s->slot[k];
        free(s->slot);
        s->slot = ns;
        s->cap = ncap;
    }
    char **at = name_slot(s->slot, s->cap, name);
    if (*at)
        return false;
    *at = xstrdup(name);
    s->n++;
    return true;
}

bool name_set_has(const name_set *s, const char *name)
{
    return s->cap && *name_slot(s->slot, s->cap, name);
}

void name_set_free(name_set *s)
{
    for (size_t k = 0; k < s->cap; k++)
        free(s->slot[k]);
    free(s->slot);
    memset(s, 0, sizeof *s);
}
