/* stage.c — a run's outputs appear all at once or not at all.
 *
 * Renderers write into <output>/runs/.staging-<pid>-XXXXXX. Only when every
 * file is complete (and fsync'ed) is that directory renamed to
 * <output>/runs/<stamp>-<period>, and then the symlink <output>/latest is
 * replaced by rename(2), which is atomic: a reader following `latest` sees
 * either the previous complete run or the new one. A failed or killed run
 * leaves at most a staging directory; the next run removes it once it holds
 * the lock. The lock is an flock(2) on <output>/.lock, released by the kernel
 * when the process dies, so a killed run never leaves a stale lock; the file
 * holds the holder's pid and start time for the message the second run shows.
 *
 * The program may run as root in a directory others can write to, so it only
 * touches what it made itself (docs/operations.md): the lock is opened with
 * O_NOFOLLOW and must be a regular file with one link holding nothing but our
 * holder line; `runs` and `latest` must be a real directory and a symbolic
 * link; pruning and clean-up only consider names of the exact forms this file
 * creates — run directories are <YYYYmmdd>T<HHMMSS>Z[.N]-<label> with a UTC
 * stamp, ordered by that stamp — that are real directories on the same device.
 * Anything else is left alone, or the run stops with EXIT_OUTPUT before
 * writing anything. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "diag.h"
#include "exitcodes.h"
#include "par.h"
#include "stage.h"
#include "utf8.h"

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path);
    return unlink(path);
}

/* The files (not directories) directly in one directory, removed by several
 * threads: on a filesystem mounted with `discard` (the development
 * machine's) each unlink waits for its blocks' discard, ~0.1-0.5 ms, and the
 * waits overlap (the directory's lock is not held while the inode is freed).
 * A pruned run's 48 files: 5.7-6.7 ms one by one, 2.7-3.1 ms on 8 threads. */
typedef struct unlink_list {
    int dir;
    char **name;
    size_t n;
} unlink_list;

static void unlink_one(void *arg, size_t i)
{
    unlink_list *L = arg;
    unlinkat(L->dir, L->name[i], 0); /* a failure is met again, and reported, by nftw */
}

#define UNLINK_THREADS 8

static void unlink_files_in(const char *path)
{
    unlink_list L = {open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), NULL, 0};
    DIR *d = L.dir >= 0 ? fdopendir(L.dir) : NULL;
    if (!d) {
        if (L.dir >= 0)
            close(L.dir);
        return;
    }
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat sb;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || e->d_type == DT_DIR ||
            (e->d_type == DT_UNKNOWN &&
             (fstatat(L.dir, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(sb.st_mode))))
            continue;
        xgrow((void **)&L.name, &cap, L.n + 1, sizeof *L.name);
        L.name[L.n++] = xstrdup(e->d_name);
    }
    par_each(L.n, UNLINK_THREADS, unlink_one, &L);
    for (size_t i = 0; i < L.n; i++)
        free(L.name[i]);
    free(L.name);
    closedir(d);
}

/* rm -rf path; missing is fine. */
static int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    unlink_files_in(path);
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

static int mkdir_p(const char *path)
{
    if (!*path) {
        errno = ENOENT;
        return -1;
    }
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            rc = -1;
            break;
        }
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(p);
    if (rc == 0) {
        struct stat st;
        if (stat(path, &st) != 0)
            return -1;
        if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            return -1;
        }
    }
    return rc;
}

static int fsync_path(const char *path, bool dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    if (rc != 0 && (errno == EINVAL || errno == EROFS))
        rc = 0; /* file systems that cannot sync (some tmpfs/overlay cases) */
    close(fd);
    return rc;
}

/* The names this file gives its temporary entries: .staging-<pid>-XXXXXX
 * (mkdtemp) and .latest-<pid>. */
static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

static bool is_temp_name(const char *name)
{
    const char *rest;
    if (!strncmp(name, ".latest-", 8))
        return digits(name + 8, strlen(name + 8));
    if (strncmp(name, ".staging-", 9))
        return false;
    rest = name + 9;
    const char *dash = strchr(rest, '-');
    return dash && digits(rest, (size_t)(dash - rest)) && strlen(dash + 1) == 6 &&
           !strchr(dash + 1, '/');
}

/* Removes what interrupted runs left in dir: staging directories and
 * .latest-<pid> links (runs/ holds both since 2026-12, the output
 * directory itself before). */
static void remove_stale_staging(const char *output_dir)
{
    DIR *d = opendir(output_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_temp_name(e->d_name))
            continue;
        char *p = xasprintf("%s/%s", output_dir, e->d_name);
        if (remove_tree(p) == 0)
            msg_debug("removed %s, left by an interrupted run", p);
        else
            msg_warn("cannot remove %s, left by an interrupted run: %s", p, strerror(errno));
        free(p);
    }
    closedir(d);
}

static const char *file_type(mode_t m)
{
    return S_ISLNK(m) ? "a symbolic link" : S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO"
         : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) || S_ISBLK(m) ? "a device" : "a regular file";
}

/* The holder line written into the lock file: "pid N, started <UTC>". */
static bool holder_line(const char *s, size_t n)
{
    return n == 0 || (n >= 4 && !memcmp(s, "pid ", 4) && memchr(s, '\n', n) == s + n - 1);
}

/* Opens <output>/.lock without following a link and without truncating it;
 * -1 (after a message) when it is anything but what a run of ours made: a
 * regular file with one link, empty or holding one holder line. Only then is
 * the holder line rewritten. */
static int open_lock(const char *lock)
{
    int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd < 0) {
        struct stat sb;
        if (errno == ELOOP && lstat(lock, &sb) == 0)
            msg_error("%s is %s, not a lock file smereport made; remove it and run again", lock,
                      file_type(sb.st_mode));
        else
            msg_error("cannot open the lock file %s: %s", lock, strerror(errno));
        return -1;
    }
    struct stat sb;
    char head[256];
    ssize_t n = 0;
    const char *why = NULL;
    if (fstat(fd, &sb) != 0)
        why = strerror(errno);
    else if (!S_ISREG(sb.st_mode))
        why = file_type(sb.st_mode);
    else if (sb.st_nlink != 1)
        why = "a file with other hard links";
    else if (sb.st_size >= (off_t)sizeof head ||
             (n = pread(fd, head, sizeof head, 0)) < 0 || !holder_line(head, (size_t)n))
        why = "a file with other content";
    if (why) {
        msg_error("%s is %s, not a lock file smereport made; remove it and run again", lock, why);
        close(fd);
        return -1;
    }
    return fd;
}

/* <output>/runs must be a real directory (or absent) and <output>/latest a
 * symbolic link (or absent): a run never follows or replaces anything else. */
static int check_layout(const char *output_dir)
{
    static const struct {
        const char *name;
        bool dir;
    } want[] = {{"runs", true}, {"latest", false}};
    for (size_t i = 0; i < ARRAY_LEN(want); i++) {
        char *p = xasprintf("%s/%s", output_dir, want[i].name);
        struct stat sb;
        bool bad = lstat(p, &sb) == 0 && (want[i].dir ? !S_ISDIR(sb.st_mode) : !S_ISLNK(sb.st_mode));
        if (bad)
            msg_error("%s is %s, but smereport keeps %s there; move it away and run again", p,
                      file_type(sb.st_mode),
                      want[i].dir ? "its run directories (a real directory)"
                                  : "a symbolic link to the newest run");
        free(p);
        if (bad)
            return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

/* The open stage, for the exit path: an allocation failure deep in a renderer
 * ends the process with exit(EXIT_INTERNAL) (common.h); this atexit handler
 * then removes the staging directory, as stage_close would have. */
static stage *open_stage;
static pid_t open_stage_pid; /* the process that opened it: a forked worker that exits never removes it */

static void remove_staging_at_exit(void)
{
    if (open_stage && open_stage->dir && open_stage_pid == getpid() && remove_tree(open_stage->dir) == 0)
        msg_debug("removed %s on the way out", open_stage->dir);
}

/* <output>/runs (smereport's by the layout: runs are pruned there) is marked
 * as the top of directory hierarchies (chattr +T, FS_TOPDIR_FL) on the file systems that
 * know the flag (ext2/3/4): each run's staging directory, made in it, then
 * goes to a block group of its own, as a top-level directory would (the
 * Orlov allocator), instead of its parent's, and its files with it. On an
 * ext4 without a journal an inode allocation skips, one by one, every inode
 * of its group freed in the last minutes: in a group where other programs,
 * or the pruning of earlier runs, had just deleted files, creating a run's
 * ~55 files cost 12–37 ms of CPU instead of about 1.5 ms (README "The
 * filesystem"). Run directories are independent trees, which is what the
 * flag says. Only the flag is added, once; where the file system has no such
 * flag, or the directory is another user's, the ioctl fails and nothing
 * changes. */
static void mark_topdir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    int flags = 0;
    if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 && !(flags & FS_TOPDIR_FL)) {
        flags |= FS_TOPDIR_FL;
        if (ioctl(fd, FS_IOC_SETFLAGS, &flags) != 0 && errno != EOPNOTSUPP && errno != ENOTTY &&
            errno != EINVAL) /* a file system without the flag (tmpfs) says so every run */
            msg_debug("cannot mark %s as a top directory: %s", dir, strerror(errno));
    }
    close(fd);
}

int stage_open(stage *st, const char *output_dir)
{
    memset(st, 0, sizeof *st);
    st->lock_fd = -1;
    if (mkdir_p(output_dir) != 0) {
        msg_error("cannot create the output directory %s: %s", output_dir, strerror(errno));
        return EXIT_OUTPUT;
    }
    st->output_dir = xstrdup(output_dir);

    char *lock = xasprintf("%s/.lock", output_dir);
    int fd = open_lock(lock);
    if (fd < 0) {
        free(lock);
        stage_close(st);
        return EXIT_OUTPUT;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char holder[256] = "";
        ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? n : 0] = '\0';
        holder[strcspn(holder, "\n")] = '\0';
        close(fd);
        if (e == EWOULDBLOCK) {
            msg_error("%s is in use by another run (%s); try again when it has finished", output_dir,
                      *holder ? holder : "holder unknown");
        } else {
            msg_error("cannot lock %s: %s", lock, strerror(e));
        }
        free(lock);
        stage_close(st);
        return e == EWOULDBLOCK ? EXIT_LOCKED : EXIT_OUTPUT;
    }
    free(lock);
    st->lock_fd = fd;
    char info[128], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int len = snprintf(info, sizeof info, "pid %ld, started %s\n", (long)getpid(), stamp);
    if (ftruncate(fd, 0) != 0 || pwrite(fd, info, (size_t)len, 0) != len)
        msg_debug("cannot record the holder in the lock file: %s", strerror(errno));

    int rc = check_layout(output_dir);
    if (rc != EXIT_OK) {
        stage_close(st);
        return rc;
    }
    char *runs = xasprintf("%s/runs", output_dir);
    if (mkdir(runs, 0777) != 0 && errno != EEXIST) {
        msg_error("cannot create %s: %s", runs, strerror(errno));
        free(runs);
        stage_close(st);
        return EXIT_OUTPUT;
    }
    mark_topdir(runs); /* a real directory: check_layout saw to that */
    remove_stale_staging(output_dir); /* where runs left them before 2026-12 */
    remove_stale_staging(runs);

    st->dir = xasprintf("%s/.staging-%ld-XXXXXX", runs, (long)getpid());
    free(runs);
    if (!mkdtemp(st->dir)) {
        msg_error("cannot create a staging directory in %s/runs: %s", output_dir, strerror(errno));
        free(st->dir);
        st->dir = NULL;
        stage_close(st);
        return EXIT_OUTPUT;
    }
    if (chmod(st->dir, 0755) != 0)
        msg_debug("chmod %s: %s", st->dir, strerror(errno));
    static bool registered;
    if (!registered)
        registered = atexit(remove_staging_at_exit) == 0;
    open_stage = st;
    open_stage_pid = getpid();
    return EXIT_OK;
}

/* The files of a staging directory, fsync'ed by several threads at once:
 * each fsync of a new file waits for a journal commit and a disk cache
 * flush, and concurrent calls share them. One by one, the sample's 48 files
 * took 10 ms on the idle machine and 100-250 ms while others wrote to the
 * disk; 16 at a time, 4-17 ms under the same load. */
#define SYNC_THREADS 16

typedef struct sync_list {
    char **path;
    size_t n;
    int *err; /* errno of each path's open or fsync, 0 when on disk */
} sync_list;

static void sync_one(void *arg, size_t i)
{
    sync_list *L = arg;
    L->err[i] = fsync_path(L->path[i], false) == 0 ? 0 : errno ? errno : EIO;
}

static int sync_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    sync_list L = {0};
    size_t cap = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        xgrow((void **)&L.path, &cap, L.n + 1, sizeof *L.path);
        L.path[L.n++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    L.err = xcalloc(L.n ? L.n : 1, sizeof *L.err);
    par_each(L.n, SYNC_THREADS, sync_one, &L);
    int err = 0;
    for (size_t i = 0; i < L.n; i++) {
        if (!err)
            err = L.err[i];
        free(L.path[i]);
    }
    free(L.path);
    free(L.err);
    if (err) {
        errno = err;
        return -1;
    }
    return fsync_path(dir, true);
}

/* A run directory's name: <YYYYmmdd>T<HHMMSS>Z[.N]-<label>, the stamp in UTC,
 * .N (N >= 2) only when a run of the same second exists. Fills *key with the
 * stamp and N for ordering; false for any other name. */
typedef struct run_key {
    char stamp[16];
    unsigned long seq;
    char *name;
} run_key;

static bool parse_run_name(const char *name, run_key *key)
{
    /* 0123456789012345 */
    /* 20260101T063000Z */
    if (strlen(name) < 18 || !digits(name, 8) || name[8] != 'T' || !digits(name + 9, 6) ||
        name[15] != 'Z')
        return false;
    int mon = (name[4] - '0') * 10 + (name[5] - '0'), day = (name[6] - '0') * 10 + (name[7] - '0');
    int hh = (name[9] - '0') * 10 + (name[10] - '0'), mm = (name[11] - '0') * 10 + (name[12] - '0');
    int ss = (name[13] - '0') * 10 + (name[14] - '0');
    if (mon < 1 || mon > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60)
        return false;
    const char *p = name + 16;
    unsigned long seq = 1;
    if (*p == '.') {
        const char *q = ++p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q == p || q - p > 6 || *p == '0')
            return false;
        seq = strtoul(p, NULL, 10);
        if (seq < 2)
            return false;
        p = q;
    }
    if (*p != '-' || !p[1] || p[1] == '.' || strchr(p, '/'))
        return false;
    if (key) {
        memcpy(key->stamp, name, 16);
        key->seq = seq;
    }
    return true;
}

static int run_key_cmp(const void *pa, const void *pb)
{
    const run_key *a = pa, *b = pb;
    int c = memcmp(a->stamp, b->stamp, sizeof a->stamp);
    if (c)
        return c;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Removes the oldest runs beyond keep: only real directories on runs_dir's
 * device whose names have the form this file gives them; anything else in
 * runs/ is neither removed nor counted. */
static void prune_runs(const char *runs_dir, const char *keep_name, int keep)
{
    struct stat rs;
    if (lstat(runs_dir, &rs) != 0 || !S_ISDIR(rs.st_mode))
        return;
    DIR *d = opendir(runs_dir);
    if (!d)
        return;
    run_key *runs = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        run_key k;
        struct stat sb;
        if (!parse_run_name(e->d_name, &k) || fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(sb.st_mode) || sb.st_dev != rs.st_dev) {
            if (e->d_name[0] != '.')
                msg_debug("%s/%s was not made by smereport: not pruned, not counted", runs_dir,
                          e->d_name);
            continue;
        }
        xgrow((void **)&runs, &cap, n + 1, sizeof *runs);
        k.name = xstrdup(e->d_name);
        runs[n++] = k;
    }
    closedir(d);
    qsort(runs, n, sizeof *runs, run_key_cmp);
    for (size_t i = 0; i + (size_t)keep < n; i++) {
        if (strcmp(runs[i].name, keep_name) == 0)
            continue;
        char *p = xasprintf("%s/%s", runs_dir, runs[i].name);
        if (remove_tree(p) == 0)
            msg_debug("removed old run %s (keep_runs = %d)", p, keep);
        else
            msg_warn("cannot remove old run %s: %s", p, strerror(errno));
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(runs[i].name);
    free(runs);
}

/* The sequence number of a new run of this stamp: one more than any run of
 * the same second in runs/ (whatever its label), 1 when there is none. The
 * first free number would not do: once pruning has removed the second's
 * first runs, a new run would take "<stamp>-<label>" again, sort before the
 * runs it followed, and be the next one pruned — a later run removed while
 * earlier ones stay. */
#define RUN_SEQ_MAX 999999UL /* parse_run_name reads at most six digits */

static unsigned long next_seq(const char *runs_dir, const char *stamp)
{
    unsigned long seq = 0;
    DIR *d = opendir(runs_dir);
    if (!d)
        return 1;
    struct dirent *e;
    run_key k;
    while ((e = readdir(d)))
        if (parse_run_name(e->d_name, &k) && !memcmp(k.stamp, stamp, sizeof k.stamp) && k.seq > seq &&
            k.seq < RUN_SEQ_MAX) /* a name of 999999 (not ours) must not push ours past the form */
            seq = k.seq;
    closedir(d);
    return seq + 1;
}

/* Puts the run back into staging (so that stage_close removes it) when
 * `latest` cannot be made to point at it: exit 0 means latest is the new run. */
static void unpublish(stage *st, const char *dest)
{
    char *back = xasprintf("%s/runs/.staging-%ld-undone", st->output_dir, (long)getpid());
    if (rename(dest, back) == 0) {
        st->dir = back;
        free(st->final_dir);
        st->final_dir = NULL;
    } else {
        msg_warn("cannot take back %s: %s", dest, strerror(errno));
        free(back);
    }
}

int stage_commit(stage *st, const char *label, time_t now, int keep)
{
    if (sync_tree(st->dir) != 0) {
        msg_error("cannot flush the outputs in %s to disk: %s", st->dir, strerror(errno));
        return EXIT_OUTPUT;
    }
    char *runs = xasprintf("%s/runs", st->output_dir);
    if (mkdir(runs, 0777) != 0 && errno != EEXIST) {
        msg_error("cannot create %s: %s", runs, strerror(errno));
        free(runs);
        return EXIT_OUTPUT;
    }
    if (check_layout(st->output_dir) != EXIT_OK) {
        free(runs);
        return EXIT_OUTPUT;
    }
    char stamp[32], safe[200];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    safe_file_name(label, safe, sizeof safe);
    if (!*safe || safe[0] == '.')
        snprintf(safe, sizeof safe, "run");
    char *name = NULL, *dest = NULL;
    for (unsigned long i = next_seq(runs, stamp);; i++) {
        free(name);
        free(dest);
        name = i == 1 ? xasprintf("%s-%s", stamp, safe) : xasprintf("%s.%lu-%s", stamp, i, safe);
        dest = xasprintf("%s/%s", runs, name);
        struct stat sb;
        if (lstat(dest, &sb) != 0)
            break;
    }
    if (rename(st->dir, dest) != 0) {
        msg_error("cannot move the finished run into %s: %s", dest, strerror(errno));
        free(name);
        free(dest);
        free(runs);
        return EXIT_OUTPUT;
    }
    free(st->dir);
    st->dir = NULL;
    st->final_dir = dest;
    fsync_path(runs, true);

    /* latest -> runs/<name>, replaced atomically. The new link is made in
     * runs/ (its text is read from where it ends up, OUTPUT/) and renamed
     * over latest: no new inode in the output directory itself, whose block
     * group is the user's (README "The filesystem"). */
    char *target = xasprintf("runs/%s", name);
    char *tmp = xasprintf("%s/.latest-%ld", runs, (long)getpid());
    char *latest = xasprintf("%s/latest", st->output_dir);
    int rc = EXIT_OK;
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, latest) != 0) {
        msg_error("cannot point %s at the new run: %s", latest, strerror(errno));
        unlink(tmp);
        unpublish(st, dest);
        rc = EXIT_OUTPUT;
    } else {
        fsync_path(st->output_dir, true);
        prune_runs(runs, name, keep);
    }
    free(target);
    free(tmp);
    free(latest);
    free(name);
    free(runs);
    return rc;
}

void stage_close(stage *st)
{
    if (!st)
        return;
    if (open_stage == st)
        open_stage = NULL;
    if (st->dir) {
        if (remove_tree(st->dir) != 0)
            msg_warn("cannot remove the staging directory %s: %s", st->dir, strerror(errno));
        free(st->dir);
        st->dir = NULL;
    }
    if (st->lock_fd >= 0) {
        close(st->lock_fd);
        st->lock_fd = -1;
    }
    free(st->output_dir);
    st->output_dir = NULL;
    free(st->final_dir);
    st->final_dir = NULL;
}
