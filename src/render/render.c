/* render.c — what every renderer shares: the table of renderers (the one
 * place that lists the output formats), the list of files a run wrote, a
 * set of the file names already taken (a hash set, so that naming 100,000
 * releases stays linear), writing one output file, and running work in
 * forked children: the documents of the release formats from one queue
 * (render_pool: this process and workers forked from it) and one whole
 * renderer beside the others (render_background_start), all within
 * [limits] jobs. (File names from IDs: safe_file_name in core/utf8.c.) */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "hash.h"
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

void outputs_add_sum(output_list *o, const char *name, const output_sum *sum)
{
    size_t cap = o->cap;
    xgrow((void **)&o->names, &o->cap, o->n + 1, sizeof *o->names);
    if (o->cap != cap)
        o->sum = xrealloc(o->sum, o->cap * sizeof *o->sum);
    o->sum[o->n] = sum ? *sum : (output_sum){0};
    o->names[o->n++] = xstrdup(name);
}

void outputs_add(output_list *o, const char *name)
{
    outputs_add_sum(o, name, NULL);
}

void outputs_free(output_list *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n; i++)
        free(o->names[i]);
    free(o->names);
    free(o->sum);
    memset(o, 0, sizeof *o);
}

void output_seal(const char *path, output_sum *s)
{
    *s = (output_sum){0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    /* Writeback starts now; the commit's fsync still waits for it (and for
     * the inode and the disk's cache), so the guarantee is the same. */
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    struct stat st;
    if (fstat(fd, &st) == 0 && sha256_fd(fd, s->sha256)) {
        s->bytes = (int64_t)st.st_size;
        s->known = true;
    }
    close(fd);
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
    if (rc == EXIT_OK) {
        output_sum sum;
        output_seal(path, &sum);
        outputs_add_sum(out, name, &sum);
    }
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
 * some waitpid has reaped it. File-level because render_pool's
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
        /* The names, each NUL-terminated and followed by its sum (sealed
         * here if the renderer did not, while the parent still works); a
         * short write fails the run. */
        for (size_t i = 0; i < o.n && rc == EXIT_OK; i++) {
            if (!o.sum[i].known) {
                char *path = xasprintf("%s/%s", ctx->dir, o.names[i]);
                output_seal(path, &o.sum[i]);
                free(path);
            }
            size_t len = strlen(o.names[i]) + 1;
            if (write(fds[1], o.names[i], len) != (ssize_t)len ||
                write(fds[1], &o.sum[i], sizeof o.sum[i]) != (ssize_t)sizeof o.sum[i])
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
    for (size_t i = 0; rc == EXIT_OK && i < names.len;) {
        size_t len = strnlen(names.s + i, names.len - i) + 1;
        output_sum sum;
        if (i + len + sizeof sum > names.len) {
            msg_error("the renderer beside the others sent a short list of its files");
            rc = EXIT_INTERNAL;
            break;
        }
        memcpy(&sum, names.s + i + len, sizeof sum);
        outputs_add_sum(out, names.s + i, &sum);
        i += len + sizeof sum;
    }
    sb_free(&names);
    bg.pid = 0;
    bg.fd = -1;
    bg.reaped = false;
    return rc;
}

/* ---- the release pool ---- */

/* The documents of a pool, in the order they are taken, and a count of
 * those taken and of those written, shared by every process of the pool:
 * an anonymous shared mapping made before the first fork. */
typedef struct pool_item {
    uint32_t batch;
    size_t i;
} pool_item;

typedef struct pool_shared {
    _Atomic size_t next; /* the next position of order to take; n once a document failed */
    _Atomic size_t done; /* documents written (for the progress line) */
    output_sum sum[];    /* per document, batch after batch: sealed by its writer */
} pool_shared;

typedef struct pool {
    render_batch *b;
    size_t *first; /* per batch: its first document's index in sh->sum */
    pool_item *order;
    size_t n;
    pool_shared *sh;
    size_t sh_size;
} pool;

/* qsort has no argument for its comparison: the costs being ordered. */
static const uint64_t *order_cost;

static int costliest_first(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (order_cost[a] != order_cost[b])
        return order_cost[a] < order_cost[b] ? 1 : -1;
    return a < b ? -1 : a > b; /* ties in batch order, then document order */
}

/* Every document of every batch, the costliest first. */
static pool_item *pool_order(render_batch *b, size_t nb, size_t n)
{
    pool_item *all = xcalloc(n ? n : 1, sizeof *all);
    uint64_t *cost = xcalloc(n ? n : 1, sizeof *cost);
    size_t *idx = xcalloc(n ? n : 1, sizeof *idx);
    for (size_t k = 0, at = 0; k < nb; k++)
        for (size_t i = 0; i < b[k].n; i++, at++) {
            all[at] = (pool_item){(uint32_t)k, i};
            cost[at] = b[k].cost(b[k].arg, i);
            idx[at] = at;
        }
    order_cost = cost;
    qsort(idx, n, sizeof *idx, costliest_first);
    order_cost = NULL;
    pool_item *order = xcalloc(n ? n : 1, sizeof *order);
    for (size_t at = 0; at < n; at++)
        order[at] = all[idx[at]];
    free(all);
    free(cost);
    free(idx);
    return order;
}

/* The exit code of a worker that ended with status. */
static int worker_rc(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    msg_error("a release worker was killed by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return EXIT_INTERNAL;
}

/* A document from this cost on (render_batch.cost: a PDF of ~170 KB of
 * markup, an HWPX of 1 MB; the sample's largest is ~0.2 M) is written by a
 * child of its own, whose memory ends with it: at 10,000 projects the two
 * overviews, written one after the other by one process, left it 25 MB
 * larger than either alone. */
#define POOL_ALONE_COST ((uint64_t)1 << 20)

/* Document i of b written in a child of this process, waited for: its
 * exit code. */
static int write_alone(const render_batch *b, size_t i)
{
    fflush(NULL);
    pid_t p = fork();
    if (p < 0) {
        msg_error("cannot start a release worker: %s", strerror(errno));
        return EXIT_INTERNAL;
    }
    if (p == 0) {
        int rc = write_guard_status(b->write(b->arg, i));
        fflush(NULL);
        _exit(rc);
    }
    int status = 0;
    while (waitpid(p, &status, 0) < 0) {
        if (errno != EINTR) {
            msg_error("waiting for a release worker failed: %s", strerror(errno));
            return EXIT_INTERNAL;
        }
    }
    return worker_rc(status);
}

/* Takes the next document not yet taken and writes it: EXIT_OK (*took
 * false when none was left), or the failure's code, which ends the taking
 * for every process of the pool. */
static int pool_step(pool *P, progress_fn progress, bool *took)
{
    size_t k = atomic_fetch_add(&P->sh->next, 1);
    *took = k < P->n;
    if (!*took)
        return EXIT_OK;
    uint32_t bi = P->order[k].batch;
    size_t i = P->order[k].i;
    const render_batch *b = &P->b[bi];
    int rc = b->cost(b->arg, i) >= POOL_ALONE_COST ? write_alone(b, i) : b->write(b->arg, i);
    if (rc == EXIT_OK)
        output_seal(b->path(b->arg, i), &P->sh->sum[P->first[bi] + i]);
    if (rc != EXIT_OK)
        atomic_store(&P->sh->next, P->n);
    else if (progress)
        progress("writing releases", atomic_fetch_add(&P->sh->done, 1) + 1, P->n);
    else
        atomic_fetch_add(&P->sh->done, 1);
    return rc;
}

/* Starts one worker: a child that takes documents until none is left;
 * with wait_fd >= 0 (the background renderer's pipe) it first waits until
 * that renderer has ended and freed its job (the pipe hangs up), so that it
 * starts at once then, not at the end of a document of this process's — or
 * until this process has taken the last document (done[0] hangs up when it
 * closes done[1]): a worker left waiting would keep this process from
 * handing its jobs to the background renderer (render_background_finish).
 * Its last document closed and sealed, it writes its exit code to tell_fd
 * (one byte) before it exits: the parent goes on while the kernel takes the
 * worker's memory down (~0.6 ms on the sample, at the end of the run).
 * Its pid, or -1 after a message when it cannot start. */
static pid_t pool_fork(pool *P, int wait_fd, const int done[2], int tell_fd)
{
    fflush(NULL); /* the child must not inherit unwritten output */
    pid_t p = fork();
    if (p < 0) {
        msg_error("cannot start a release worker: %s", strerror(errno));
        return -1;
    }
    if (p == 0) {
        if (done[1] >= 0)
            close(done[1]);
        struct pollfd pf[2] = {{.fd = wait_fd, .events = 0}, {.fd = done[0], .events = 0}};
        while (wait_fd >= 0 && poll(pf, 2, -1) < 0 && errno == EINTR)
            ;
        int rc = EXIT_OK;
        for (bool took = true; took && rc == EXIT_OK;)
            rc = pool_step(P, NULL, &took);
        rc = write_guard_status(rc);
        fflush(NULL);
        unsigned char word = (unsigned char)rc;
        if (tell_fd >= 0 && write(tell_fd, &word, 1) != 1)
            rc = rc ? rc : EXIT_INTERNAL; /* not told: the parent reaps this exit instead */
        _exit(rc);
    }
    return p;
}

/* Workers that told render_pool their exit code and were left to end on
 * their own: reaped by render_pool_reap. */
static pid_t *told_pids;
static size_t ntold;

void render_pool_reap(void)
{
    for (size_t k = 0; k < ntold; k++)
        while (waitpid(told_pids[k], NULL, 0) < 0 && errno == EINTR)
            ;
    free(told_pids);
    told_pids = NULL;
    ntold = 0;
}

/* Reads the exit code each of the n workers writes to fd before it ends
 * (into *worst unless that holds a failure already); true if all n told,
 * false if the pipe ended first (a worker died without a word). */
static bool pool_told(int fd, size_t n, int *worst)
{
    size_t got = 0;
    while (fd >= 0 && got < n) {
        unsigned char word;
        ssize_t k = read(fd, &word, 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k != 1)
            break;
        *worst = *worst ? *worst : word;
        got++;
    }
    return got == n;
}

/* Waits for a worker to end (reaping the background renderer too, if it
 * does first: its status is kept) and counts it off; its exit code into
 * *worst unless that holds a failure already. */
static void pool_reap(size_t *running, int *worst)
{
    while (*running > 0) {
        int status = 0;
        pid_t w = waitpid(-1, &status, 0);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            msg_error("waiting for the release workers failed: %s", strerror(errno));
            *running = 0;
            *worst = *worst ? *worst : EXIT_INTERNAL;
            return;
        }
        if (bg_reaped(w, status))
            continue;
        (*running)--;
        int rc = worker_rc(status);
        *worst = *worst ? *worst : rc;
        return;
    }
}

/* Free heap bytes above which render_pool gives them back (see there). */
#define TRIM_FREE_MIN ((size_t)16 << 20)

int render_pool(render_batch *b, size_t nb, const config *cfg, progress_fn progress)
{
    render_pool_reap(); /* a previous pool's workers, were there one */
    pool P = {b, xcalloc(nb ? nb : 1, sizeof *P.first), NULL, 0, NULL, 0};
    for (size_t k = 0; k < nb; k++) {
        P.first[k] = P.n;
        P.n += b[k].n;
    }
    int worst = EXIT_OK;
    P.sh_size = sizeof *P.sh + P.n * sizeof *P.sh->sum;
    P.sh = mmap(NULL, P.sh_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (P.sh == MAP_FAILED) {
        msg_error("cannot share the release work between processes: %s", strerror(errno));
        P.sh = NULL;
        worst = EXIT_INTERNAL;
    }
    if (P.sh) {
        atomic_init(&P.sh->next, 0);
        atomic_init(&P.sh->done, 0);
        P.order = pool_order(b, nb, P.n);
        size_t jobs = (size_t)(cfg->jobs < 1 ? 1 : cfg->jobs), running = 0;
        /* This process writes documents too, beside jobs - 1 workers; the
         * job the background renderer holds goes to a worker that waits for
         * its end. */
        bool bg_job = bg_running() && jobs > 1;
        int done[2] = {-1, -1}, tell[2] = {-1, -1};
        if (bg_job && pipe2(done, O_CLOEXEC) != 0)
            done[0] = done[1] = -1; /* the waiting worker then waits for the renderer alone */
        if (jobs > 1 && pipe2(tell, O_CLOEXEC) != 0)
            tell[0] = tell[1] = -1; /* the workers are then reaped before this returns */
        pid_t *pids = xcalloc(jobs, sizeof *pids);
        for (size_t k = 1; k < jobs && worst == EXIT_OK; k++) {
            pid_t p = pool_fork(&P, bg_job && k == jobs - 1 ? bg.fd : -1, done, tell[1]);
            if (p > 0) {
                pids[running++] = p;
            } else {
                atomic_store(&P.sh->next, P.n);
                worst = EXIT_INTERNAL;
            }
        }
        if (tell[1] >= 0)
            close(tell[1]); /* the pipe ends when every worker has ended */
        for (bool took = true; took && worst == EXIT_OK;)
            worst = pool_step(&P, progress, &took);
        for (int k = 0; k < 2; k++) /* no document left: the waiting worker ends */
            if (done[k] >= 0)
                close(done[k]);
        int told_worst = worst;
        if (running > 0 && pool_told(tell[0], running, &told_worst)) {
            worst = told_worst; /* every worker is done writing; each ends on its own */
            told_pids = pids;
            ntold = running;
            pids = NULL;
            running = 0;
        }
        if (tell[0] >= 0)
            close(tell[0]);
        while (running > 0) /* a worker died without a word: its status says why */
            pool_reap(&running, &worst);
        free(pids);
        if (progress)
            progress(NULL, 0, 0);
        free(P.order);
    }
    for (size_t k = 0; k < nb; k++)
        b[k].done(b[k].arg, worst, b[k].out, P.sh ? &P.sh->sum[P.first[k]] : NULL);
    if (P.sh)
        munmap(P.sh, P.sh_size);
    free(P.first);
    /* The documents this process wrote left its heap largely free but
     * resident; what comes next (index.html, the manifest: tens of MB at
     * 10,000 projects) would otherwise add to that peak. Only when that is
     * much: trimming costs ~0.2 ms even on the sample's small heap (4 MB
     * free; 10,000 projects leave 6.5 MB, peak RSS unchanged), and what it
     * gives back is faulted in again by the next allocations. */
    if (mallinfo2().fordblks > TRIM_FREE_MIN)
        malloc_trim(0);
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
