/* stage.c — a run's outputs appear all at once or not at all.
 *
 * Renderers write into <output>/.staging-<pid>-XXXXXX. Only when every file
 * is complete (and fsync'ed) is that directory renamed to
 * <output>/runs/<stamp>-<period>, and then the symlink <output>/latest is
 * replaced by rename(2), which is atomic: a reader following `latest` sees
 * either the previous complete run or the new one. A failed or killed run
 * leaves at most a staging directory; the next run removes it once it holds
 * the lock. The lock is an flock(2) on <output>/.lock, released by the kernel
 * when the process dies, so a killed run never leaves a stale lock; the file
 * holds the holder's pid and start time for the message the second run shows. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "diag.h"
#include "exitcodes.h"
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

/* rm -rf path; missing is fine. */
static int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int mkdir_p(const char *path)
{
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

static void remove_stale_staging(const char *output_dir)
{
    DIR *d = opendir(output_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, ".staging-", 9) && strncmp(e->d_name, ".latest-", 8))
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
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        msg_error("cannot open the lock file %s: %s", lock, strerror(errno));
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

    remove_stale_staging(output_dir);

    st->dir = xasprintf("%s/.staging-%ld-XXXXXX", output_dir, (long)getpid());
    if (!mkdtemp(st->dir)) {
        msg_error("cannot create a staging directory in %s: %s", output_dir, strerror(errno));
        free(st->dir);
        st->dir = NULL;
        stage_close(st);
        return EXIT_OUTPUT;
    }
    if (chmod(st->dir, 0755) != 0)
        msg_debug("chmod %s: %s", st->dir, strerror(errno));
    return EXIT_OK;
}

static int sync_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        rc = fsync_path(p, false);
        free(p);
    }
    closedir(d);
    return rc == 0 ? fsync_path(dir, true) : rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the oldest complete runs beyond keep. Names start with a sortable stamp. */
static void prune_runs(const char *runs_dir, const char *keep_name, int keep)
{
    DIR *d = opendir(runs_dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        xgrow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i + (size_t)keep < n; i++) {
        if (strcmp(names[i], keep_name) == 0)
            continue;
        char *p = xasprintf("%s/%s", runs_dir, names[i]);
        if (remove_tree(p) == 0)
            msg_debug("removed old run %s (keep_runs = %d)", p, keep);
        else
            msg_warn("cannot remove old run %s: %s", p, strerror(errno));
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
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
    char stamp[32], safe[200];
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    safe_file_name(label, safe, sizeof safe);
    char *name = NULL, *dest = NULL;
    for (int i = 1;; i++) {
        free(name);
        free(dest);
        name = i == 1 ? xasprintf("%s-%s", stamp, safe) : xasprintf("%s-%s-%d", stamp, safe, i);
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

    /* latest -> runs/<name>, replaced atomically. */
    char *target = xasprintf("runs/%s", name);
    char *tmp = xasprintf("%s/.latest-%ld", st->output_dir, (long)getpid());
    char *latest = xasprintf("%s/latest", st->output_dir);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, latest) != 0) {
        msg_warn("the run is complete in %s, but %s could not be updated: %s", dest, latest,
                 strerror(errno));
        unlink(tmp);
    } else {
        fsync_path(st->output_dir, true);
    }
    prune_runs(runs, name, keep);
    free(target);
    free(tmp);
    free(latest);
    free(name);
    free(runs);
    return EXIT_OK;
}

void stage_close(stage *st)
{
    if (!st)
        return;
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
